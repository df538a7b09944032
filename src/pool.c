/* pool.c - forked workers, a shared counter, a progress pipe (pool.h). */
#define _GNU_SOURCE /* prctl */
#include "pool.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define S_MAX_WORKERS 256

struct pp_pool {
    long *next;      /* MAP_SHARED: the next item, over every worker */
    int progress_fd; /* write end of the progress pipe; -1 in-process */
};

static volatile sig_atomic_t S_interrupted;

/* SIGINT/SIGTERM in the parent: stop the workers, then end. */
static void S_on_signal(int sig)
{
    (void)sig;
    S_interrupted = 1;
}

/* Draw progress: a bar on a terminal, plain lines otherwise. */
static void S_progress(long done, long total, int tty, long *last)
{
    if (tty) {
        long w = 40, fill = total ? done * w / total : w, i;
        fprintf(stderr, "\r[");
        for (i = 0; i < w; i++)
            fputc(i < fill ? '#' : ' ', stderr);
        fprintf(stderr, "] %ld/%ld", done, total);
        if (done == total)
            fputc('\n', stderr);
    } else {
        long pct = total ? done * 100 / total : 100;
        if (pct / 10 != *last / 10 || done == total) {
            fprintf(stderr, "parpack: %ld/%ld files (%ld%%)\n", done, total,
                    pct);
            *last = pct;
        }
    }
}

/* The worse of two statuses: any failure beats PP_OK, a later one in the
 * enum beats an earlier one (a template error beats an output error). */
static pp_status S_worse(pp_status a, pp_status b)
{
    return b > a ? b : a;
}

/* In a new worker: die with the parent. */
static void S_worker_start(pid_t parent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    /* the parent died between fork and prctl: nobody would kill us */
    if (getppid() != parent)
        _exit(PP_E_INTERRUPTED);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
}

/* Next item; see pool.h. */
long pp_pool_next(pp_pool *p)
{
    return __atomic_fetch_add(p->next, 1, __ATOMIC_RELAXED);
}

/* One tick; see pool.h. */
void pp_pool_tick(pp_pool *p)
{
    if (p->progress_fd >= 0 && write(p->progress_fd, "x", 1) < 0)
        (void)0; /* the parent is gone: PDEATHSIG ends us */
}

/* Workers for jobs and total; see pool.h. */
int pp_pool_size(int jobs, long total)
{
    long n = jobs > 0 ? jobs : sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    if (n > total)
        n = total > 0 ? total : 1;
    if (n > S_MAX_WORKERS)
        n = S_MAX_WORKERS;
    return (int)n;
}

/* Fork the workers, draw progress, collect them. */
static pp_status S_run_forked(pp_pool *p, int n, long total, int quiet,
                              pp_pool_work work, void *ctx)
{
    pid_t pids[S_MAX_WORKERS], self = getpid();
    int pipefd[2], k, started = 0, tty = isatty(2) && !quiet;
    long done = 0, last = -10;
    char buf[256];
    ssize_t got;
    struct sigaction sa, old_int, old_term;
    pp_status st = PP_OK;
    if (pipe(pipefd) != 0)
        return PP_E_OUTPUT;
    S_interrupted = 0;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = S_on_signal;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    p->progress_fd = pipefd[1];
    for (k = 0; k < n; k++) {
        pids[k] = fork();
        if (pids[k] == 0) {
            S_worker_start(self);
            close(pipefd[0]);
            _exit((int)work(ctx, k, p));
        }
        if (pids[k] < 0) {
            st = PP_E_OUTPUT;
            break;
        }
        started++;
    }
    close(pipefd[1]);
    p->progress_fd = -1;
    while ((got = read(pipefd[0], buf, sizeof buf)) != 0) {
        if (got < 0) {
            if (S_interrupted)
                break;
            continue; /* EINTR */
        }
        done += got;
        if (!quiet)
            S_progress(done, total, tty, &last);
    }
    close(pipefd[0]);
    for (k = 0; k < started; k++) {
        int ws = 0;
        if (S_interrupted)
            kill(pids[k], SIGTERM);
        while (waitpid(pids[k], &ws, 0) < 0 && errno == EINTR)
            ;
        if (WIFEXITED(ws))
            st = S_worse(st, (pp_status)WEXITSTATUS(ws));
        else
            st = S_worse(st, PP_E_OUTPUT);
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    if (S_interrupted && st == PP_OK)
        st = PP_E_INTERRUPTED;
    return st;
}

/* Run the pool; see pool.h. */
pp_status pp_pool_run(int workers, long total, int quiet, pp_pool_work work,
                      void *ctx)
{
    pp_pool p;
    int n = pp_pool_size(workers, total);
    long last = -10;
    pp_status st;
    p.progress_fd = -1;
    p.next = mmap(NULL, sizeof(long), PROT_READ | PROT_WRITE,
                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p.next == MAP_FAILED)
        return PP_E_NOMEM;
    *p.next = 0;
    fflush(NULL);
    if (n == 1) {
        st = work(ctx, 0, &p);
        if (!quiet)
            S_progress(total, total, isatty(2), &last);
    } else {
        st = S_run_forked(&p, n, total, quiet, work, ctx);
    }
    munmap(p.next, sizeof(long));
    return st;
}
