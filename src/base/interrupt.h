/*
 * interrupt.h - SIGINT and SIGTERM end a run cleanly: while caught, the
 * signal only raises a flag; the work looks at it between steps, stops,
 * removes what it had begun and returns PP_E_INTERRUPTED, and main.c
 * exits 128 + the signal (130 for SIGINT, 143 for SIGTERM).
 *
 *     pp_interrupt_catch();
 *     while (more && !pp_interrupt_signal()) step();
 *     pp_interrupt_release();
 *     return pp_interrupt_signal() ? PP_E_INTERRUPTED : PP_OK;
 *
 * Process-wide state (one run per process). A forked worker restores the
 * default actions itself (pool.c).
 */
#ifndef PARPACK_INTERRUPT_H
#define PARPACK_INTERRUPT_H

/* Catch SIGINT and SIGTERM (no SA_RESTART: a blocking read returns EINTR)
 * and forget a signal caught before. */
void pp_interrupt_catch(void);

/* Give SIGINT and SIGTERM back their previous actions (the flag stays). */
void pp_interrupt_release(void);

/* The signal caught since pp_interrupt_catch (SIGINT or SIGTERM), or 0. */
int pp_interrupt_signal(void);

#endif
