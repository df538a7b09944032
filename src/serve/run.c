/* run.c - the program run as a child of the server, in the server's
 * language, its events read line by line (internal.h: ws_run). Below
 * jobs.c, year.c and links.c, which run it. */
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

/* The environment of a child: ours (its messages in the server's
 * language), its events on descriptor 3. Freed by the caller. */
static char **S_env(void)
{
    size_t n = 0, i, k = 0;
    char **env;
    while (environ[n])
        n++;
    if (!(env = calloc(n + 2, sizeof *env)))
        return NULL;
    for (i = 0; i < n; i++)
        if (strncmp(environ[i], "PARPACK_EVENTS_FD=", 18) != 0)
            env[k++] = environ[i];
    env[k++] = (char *)"PARPACK_EVENTS_FD=3";
    env[k] = NULL;
    return env;
}

/* See internal.h. The child's output and errors go to /dev/null: what
 * the server shows of them comes as events (base/events.h). */
int ws_run(ws_server *s, const char *const *args,
           void (*fn)(void *ctx, const char *line), void *ctx)
{
    const char *argv[32];
    char **env = S_env(), line[4096];
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
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    posix_spawn_file_actions_adddup2(&fa, p[1], 3);
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
