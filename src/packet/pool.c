/* pool.c - forked workers, a shared counter, a progress pipe (pool.h). */
#define _GNU_SOURCE /* prctl */
#include "packet/pool.h"
#include "base/events.h"
#include "base/interrupt.h"
#include "base/i18n.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#define S_MAX_WORKERS 256

struct pp_pool {
    long *next;      /* MAP_SHARED: the next item, over every worker */
    int progress_fd; /* write end of the progress pipe; -1 in-process */
    struct S_meter *meter; /* in-process: drawn at each tick; or NULL */
};

/* The progress drawn on standard error: files written of files planned. */
typedef struct S_meter {
    long done, total, last_pct;
    int tty, open;      /* a terminal; a bar line not yet ended */
    double start, drawn; /* S_now() at the start, at the last drawing */
} S_meter;

/* Monotonic seconds. */
static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Seconds as M:SS or H:MM:SS into buf. */
static const char *S_clock(double sec, char *buf, size_t cap)
{
    long s = sec < 0 ? 0 : (long)(sec + 0.5);
    if (s >= 3600)
        snprintf(buf, cap, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, cap, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

/* Columns text takes on a terminal (its bytes when it is not valid). */
static int S_width(const char *text)
{
    wchar_t w[512];
    size_t n = mbstowcs(w, text, sizeof w / sizeof *w);
    int cols = n == (size_t)-1 ? -1 : wcswidth(w, n);
    return cols < 0 ? (int)strlen(text) : cols;
}

/* The terminal's width (standard error), else $COLUMNS, else 80. */
static int S_columns(void)
{
    struct winsize ws;
    const char *c = getenv("COLUMNS");
    if (ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    if (c && atoi(c) > 0)
        return atoi(c);
    return 80;
}

/* Plain lines off a terminal (--progress); see pool.h. */
static int S_lines;

void pp_pool_progress_lines(int on)
{
    S_lines = on;
}

/* A file written, for the program that runs parpack (events.h). */
static void S_event(const S_meter *m)
{
    char done[24], total[24];
    snprintf(done, sizeof done, "%ld", m->done);
    snprintf(total, sizeof total, "%ld", m->total);
    pp_event("progress", done, total);
}

/* Draw the progress: on a terminal one line redrawn in place, a bar
 * with files written of files planned, the time elapsed and left, fitted
 * to the width; otherwise, when asked (pp_pool_progress_lines), a plain
 * line at every tenth, and else nothing (the caller says when done). */
static void S_progress(S_meter *m)
{
    double now = S_now(), el = now - m->start;
    char line[1024], e[32], l[32];
    if (!m->tty && !S_lines)
        return;
    if (!m->tty) {
        long pct = m->total ? m->done * 100 / m->total : 100;
        if (pct / 10 != m->last_pct / 10 || m->done == m->total) {
            fprintf(stderr, _("parpack: %ld/%ld files (%ld%%)\n"), m->done,
                    m->total, pct);
            m->last_pct = pct;
        }
        return;
    }
    /* at most ten drawings a second, and always the last */
    if (m->done < m->total && m->open && now - m->drawn < 0.1)
        return;
    m->drawn = now;
    if (m->done > 0 && m->done < m->total)
        S_clock(el * (double)(m->total - m->done) / (double)m->done, l,
                sizeof l);
    else if (m->done >= m->total)
        S_clock(0, l, sizeof l);
    else
        snprintf(l, sizeof l, "?");
    snprintf(line, sizeof line, _("%ld/%ld files, %s elapsed, %s left"),
             m->done, m->total, S_clock(el, e, sizeof e), l);
    {
        int cols = S_columns() - 1, tw = S_width(line), bar, fill, i;
        if (tw > cols) {
            snprintf(line, sizeof line, "%ld/%ld", m->done, m->total);
            tw = S_width(line);
        }
        bar = cols - tw - 3; /* "[" bar "] " */
        fputs("\r", stderr);
        if (bar >= 10) {
            if (bar > 60)
                bar = 60;
            fill = m->total ? (int)(m->done * bar / m->total) : bar;
            fputc('[', stderr);
            for (i = 0; i < bar; i++)
                fputc(i < fill ? '#' : '.', stderr);
            fputs("] ", stderr);
        }
        fputs(line, stderr);
        fputs("\033[K", stderr); /* what a longer line left */
    }
    m->open = 1;
    if (m->done >= m->total) {
        fputc('\n', stderr);
        m->open = 0;
    }
    fflush(stderr);
}

/* End the bar's line (a message then starts on a line of its own). */
static void S_meter_end(S_meter *m)
{
    if (m->open) {
        fputc('\n', stderr);
        m->open = 0;
    }
}

/* Clear the line; see pool.h. */
void pp_pool_clear_line(void)
{
    if (isatty(2))
        fputs("\r\033[K", stderr);
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

/* Next item; see pool.h. After SIGINT or SIGTERM, none is left. */
long pp_pool_next(pp_pool *p)
{
    if (pp_interrupt_signal())
        return LONG_MAX / 2;
    return __atomic_fetch_add(p->next, 1, __ATOMIC_RELAXED);
}

/* One tick; see pool.h. */
void pp_pool_tick(pp_pool *p)
{
    if (p->progress_fd >= 0 && write(p->progress_fd, "x", 1) < 0)
        (void)0; /* the parent is gone: PDEATHSIG ends us */
    if (p->meter) {
        p->meter->done++;
        S_event(p->meter);
        S_progress(p->meter);
    }
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

/* Fork the workers, draw progress, collect them. SIGINT or SIGTERM
 * (caught by the caller, interrupt.h) stops them. */
static pp_status S_run_forked(pp_pool *p, int n, S_meter *m, int quiet,
                              pp_pool_work work, void *ctx)
{
    pid_t pids[S_MAX_WORKERS], self = getpid();
    int pipefd[2], k, started = 0;
    char buf[256];
    ssize_t got;
    pp_status st = PP_OK;
    if (pipe(pipefd) != 0)
        return PP_E_OUTPUT;
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
    while (!pp_interrupt_signal() &&
           (got = read(pipefd[0], buf, sizeof buf)) != 0) {
        if (got < 0)
            continue; /* EINTR: the loop looks at the signal */
        m->done += got;
        S_event(m);
        if (!quiet)
            S_progress(m);
    }
    close(pipefd[0]);
    for (k = 0; k < started; k++) {
        int ws = 0;
        if (pp_interrupt_signal())
            kill(pids[k], SIGTERM);
        while (waitpid(pids[k], &ws, 0) < 0 && errno == EINTR)
            ;
        if (WIFEXITED(ws))
            st = S_worse(st, (pp_status)WEXITSTATUS(ws));
        else
            st = S_worse(st, PP_E_OUTPUT);
    }
    return st;
}

/* Run the pool; see pool.h. */
pp_status pp_pool_run(int workers, long total, int quiet, pp_pool_work work,
                      void *ctx)
{
    pp_pool p;
    S_meter m;
    int n = pp_pool_size(workers, total);
    pp_status st;
    memset(&m, 0, sizeof m);
    m.total = total;
    m.last_pct = -10;
    m.tty = isatty(2);
    m.start = S_now();
    p.progress_fd = -1;
    p.meter = NULL;
    p.next = mmap(NULL, sizeof(long), PROT_READ | PROT_WRITE,
                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p.next == MAP_FAILED)
        return PP_E_NOMEM;
    *p.next = 0;
    fflush(NULL);
    if (n == 1) {
        p.meter = quiet ? NULL : &m;
        st = work(ctx, 0, &p);
    } else {
        st = S_run_forked(&p, n, &m, quiet, work, ctx);
    }
    S_meter_end(&m);
    munmap(p.next, sizeof(long));
    /* stopped by a signal: whatever the workers said, it is that */
    if (pp_interrupt_signal())
        st = PP_E_INTERRUPTED;
    return st;
}
