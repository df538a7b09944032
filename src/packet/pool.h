/*
 * pool.h - the worker pool: N forked processes taking items from one
 * shared counter, reporting progress through a pipe to the parent, which
 * draws it and collects their statuses.
 *
 * Workers die with their parent: each sets PR_SET_PDEATHSIG (SIGKILL)
 * right after fork and then checks that its parent is still the one that
 * forked it (the parent may have died before the prctl). SIGINT/SIGTERM,
 * caught by the caller (interrupt.h: pp_interrupt_catch), stop the
 * workers (SIGTERM; in-process, pp_pool_next says no item is left) and
 * the run ends with PP_E_INTERRUPTED.
 *
 * Progress (standard error, unless quiet): on a terminal a bar redrawn in
 * place, files written of files planned (`total` ticks, one a file), the
 * time elapsed and left, fitted to the terminal's width; otherwise a
 * plain line at every tenth. The bar's line is ended before pp_pool_run
 * returns, so that a message after it starts on a line of its own.
 *
 *     static pp_status work(void *ctx, int worker, pp_pool *p)
 *     {
 *         long item;
 *         while ((item = pp_pool_next(p)) < n) { ...; pp_pool_tick(p); }
 *         return PP_OK;
 *     }
 *     st = pp_pool_run(jobs, total, quiet, work, ctx);
 *
 * With one worker the work runs in the calling process (no fork). The
 * context is shared read-only after fork: what a worker changes stays in
 * that worker.
 */
#ifndef PARPACK_POOL_H
#define PARPACK_POOL_H

#include "base/status.h"

typedef struct pp_pool pp_pool;

/* One worker's whole work: take items with pp_pool_next until it says
 * they are all taken (or the status is not PP_OK). */
typedef pp_status (*pp_pool_work)(void *ctx, int worker, pp_pool *p);

/* Run work in `workers` processes (1..256; fewer when total is smaller).
 * `total` is the number of ticks, for the progress drawn on standard
 * error unless quiet. Returns the worst status of the workers (a worker
 * killed by a signal counts as PP_E_OUTPUT). */
pp_status pp_pool_run(int workers, long total, int quiet, pp_pool_work work,
                      void *ctx);

/* The next item, 0, 1, 2, ..., over every worker; never the same twice.
 * After SIGINT or SIGTERM, LONG_MAX / 2: more than any count of items (a
 * caller that multiplies it compares first). */
long pp_pool_next(pp_pool *p);

/* Off a terminal, draw progress as plain lines (on: `--progress`), or
 * not at all (0, the default: cron mails and logs get the caller's one
 * line when done). On a terminal the bar is drawn either way. */
void pp_pool_progress_lines(int on);

/* One step of progress done (a file written). */
void pp_pool_tick(pp_pool *p);

/* On a terminal, clear the progress bar's line, so that a worker's
 * message starts at its beginning (the bar is drawn again after it). */
void pp_pool_clear_line(void);

/* The number of workers pp_pool_run will start for `jobs` (0 = one per
 * processor) and `total` items. */
int pp_pool_size(int jobs, long total);

#endif
