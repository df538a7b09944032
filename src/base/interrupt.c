/* interrupt.c - SIGINT and SIGTERM as a flag (interrupt.h). */
#define _POSIX_C_SOURCE 200809L
#include "base/interrupt.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t S_signal;
static struct sigaction S_old_int, S_old_term;
static int S_caught;

/* The handler: remember the first signal. */
static void S_on_signal(int sig)
{
    if (!S_signal)
        S_signal = sig;
}

/* Catch; see interrupt.h. */
void pp_interrupt_catch(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = S_on_signal;
    sigemptyset(&sa.sa_mask);
    S_signal = 0;
    if (S_caught)
        return;
    sigaction(SIGINT, &sa, &S_old_int);
    sigaction(SIGTERM, &sa, &S_old_term);
    S_caught = 1;
}

/* Release; see interrupt.h. */
void pp_interrupt_release(void)
{
    if (!S_caught)
        return;
    sigaction(SIGINT, &S_old_int, NULL);
    sigaction(SIGTERM, &S_old_term, NULL);
    S_caught = 0;
}

/* The signal caught; see interrupt.h. */
int pp_interrupt_signal(void)
{
    return (int)S_signal;
}
