/* run.c - the program run as a child of the server, its output read
 * line by line (internal.h: ws_run). Below jobs.c and year.c, which
 * both run it. */
#define _GNU_SOURCE
#include "serve/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The environment of a child: ours, with, when english, messages in
 * English (its output lines are read) and LANGUAGE dropped, and with
 * PARPACK_EVENTS_FD when events. Freed by the caller. */
static char **S_env(int english, int events)
{
    size_t n = 0, i, k = 0;
    char **env;
    while (environ[n])
        n++;
    if (!(env = calloc(n + 4, sizeof *env)))
        return NULL;
    for (i = 0; i < n; i++)
        if (strncmp(environ[i], "PARPACK_EVENTS_FD=", 18) != 0 &&
            (!english || (strncmp(environ[i], "LC_ALL=", 7) != 0 &&
                          strncmp(environ[i], "LANGUAGE=", 9) != 0)))
            env[k++] = environ[i];
    if (english)
        env[k++] = (char *)"LC_ALL=C";
    if (events)
        env[k++] = (char *)"PARPACK_EVENTS_FD=3";
    env[k] = NULL;
    return env;
}

/* Run; events: the child's events (on its descriptor 3) are the lines
 * read, its output goes to /dev/null and its messages are in the
 * server's language; else its output and errors, in English. */
static int S_run(ws_server *s, const char *const *args,
                 void (*fn)(void *ctx, const char *line), void *ctx,
                 int events)
{
    const char *argv[32];
    char **env = S_env(!events, events), line[4096];
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t sa;
    sigset_t none, dflt;
    int p[2], status = -1, started = 0;
    size_t i, n = 0;
    pid_t pid;
    FILE *f;
    argv[0] = s->self;
    for (i = 0; args[i] && i < 30; i++)
        argv[i + 1] = args[i];
    argv[i + 1] = NULL;
    if (!env || pipe2(p, O_CLOEXEC) != 0) {
        free(env);
        return -1;
    }
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    if (events) {
        posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
        posix_spawn_file_actions_adddup2(&fa, 1, 2);
        posix_spawn_file_actions_adddup2(&fa, p[1], 3);
    } else {
        posix_spawn_file_actions_adddup2(&fa, p[1], 1);
        posix_spawn_file_actions_adddup2(&fa, p[1], 2);
    }
    /* the child gets the signals the server's threads block (SIGINT,
     * SIGTERM: a build stopped by them leaves its folder as it was) and
     * SIGPIPE as it should be */
    posix_spawnattr_init(&sa);
    sigemptyset(&none);
    sigemptyset(&dflt);
    sigaddset(&dflt, SIGINT);
    sigaddset(&dflt, SIGTERM);
    sigaddset(&dflt, SIGPIPE);
    posix_spawnattr_setsigmask(&sa, &none);
    posix_spawnattr_setsigdefault(&sa, &dflt);
    posix_spawnattr_setflags(&sa, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    if (posix_spawn(&pid, s->self, &fa, &sa, (char *const *)argv, env) == 0)
        started = 1;
    posix_spawnattr_destroy(&sa);
    posix_spawn_file_actions_destroy(&fa);
    close(p[1]);
    free(env);
    if (!started) {
        close(p[0]);
        return -1;
    }
    f = fdopen(p[0], "r");
    while (f && fgets(line, sizeof line, f)) {
        n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = 0;
        if (fn)
            fn(ctx, line);
    }
    if (f)
        fclose(f);
    else
        close(p[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

/* See internal.h. */
int ws_run(ws_server *s, const char *const *args,
           void (*fn)(void *ctx, const char *line), void *ctx)
{
    return S_run(s, args, fn, ctx, 0);
}

/* See internal.h. */
int ws_run_events(ws_server *s, const char *const *args,
                  void (*fn)(void *ctx, const char *line), void *ctx)
{
    return S_run(s, args, fn, ctx, 1);
}
