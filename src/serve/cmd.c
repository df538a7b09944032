/* cmd.c - the verbs `serve` and `user` (serve.h): their options, the
 * password read from standard input or twice at a prompt, and the
 * server's start. */
#define _GNU_SOURCE
#include "serve/serve.h"
#include "serve/internal.h"
#include "base/i18n.h"

#include <sqlite3.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <termios.h>
#include <unistd.h>

enum { S_OK = 0, S_USAGE = 2, S_FAIL = 3 };

static int S_usage(const char *verb, const char *fmt, const char *arg)
{
    fputs("parpack: ", stderr);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    fprintf(stderr, _("Try 'parpack %s --help'.\n"), verb);
    return S_USAGE;
}

static void S_serve_help(void)
{
    fputs(_("Usage: parpack serve [--workspace=DIR] [--listen=HOST:PORT]\n"
            "                     [--public-url=URL] [--tls-cert=FILE "
            "--tls-key=FILE]\n\n"
            "Serve the year's workspace to a browser: the pages and the JSON\n"
            "API of docs/api.md. The workspace (default ./workspace) keeps its\n"
            "state in DIR/parpack.db and its packets in DIR/output/YEAR.\n\n"
            "Options:\n"
            "  --workspace=DIR      the workspace (default ./workspace)\n"
            "  --listen=HOST:PORT   where to listen (default 127.0.0.1:8080;\n"
            "                       port 0: the system picks one, printed)\n"
            "  --public-url=URL     the address the users reach the server at\n"
            "  --tls-cert=FILE, --tls-key=FILE  serve HTTPS (PEM files)\n"
            "  -h, --help           this help\n"
            "Sending needs PARPACK_SMTP_URL=smtp://HOST:PORT in the server's\n"
            "environment (and PARPACK_SMTP_USER, PARPACK_SMTP_PASSWORD).\n"),
          stdout);
}

static void S_user_help(void)
{
    fputs(_("Usage: parpack user add NAME --role=clerk|council [--workspace=DIR]\n"
            "       parpack user list [--workspace=DIR]\n"
            "       parpack user remove NAME [--workspace=DIR]\n"
            "       parpack user password NAME [--workspace=DIR]\n\n"
            "Manage the accounts of a workspace. The password is read from\n"
            "standard input when it is not a terminal, else asked twice.\n"),
          stdout);
}

/* The server stops: the jobs' event streams end at once (http.c). */
static void S_stopping(ws_server *s)
{
    ws_jobs_wake(s->jobs);
}

/* The workspace served by this server alone: an exclusive lock on
 * DIR/serve.lock, held while the server runs (the kernel lets it go
 * when the process ends, kill -9 too). The descriptor, or -1 with the
 * message printed. */
static int S_serve_lock(ws_store *st)
{
    char *path = ws_path(st, "serve.lock");
    int fd = path ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600) : -1;
    if (fd < 0) {
        fprintf(stderr, _("parpack: cannot open %s: %s\n"),
                path ? path : st->dir, strerror(errno));
    } else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno == EWOULDBLOCK)
            fprintf(stderr,
                    _("parpack: the workspace %s is served already by "
                      "another parpack serve: stop that one first, or give "
                      "this one another --workspace\n"),
                    st->dir);
        else
            fprintf(stderr, _("parpack: cannot lock %s: %s\n"), path,
                    strerror(errno));
        close(fd);
        fd = -1;
    }
    free(path);
    return fd;
}

/* The server's temporary files that a server stopped by kill -9 or a
 * power cut left in DIR/tmp (an upload being judged, a sheet, a zip
 * being made): removed at start, when no other server can be using
 * them. Only those names: nothing else there is touched. */
static void S_tmp_clear(ws_store *st)
{
    static const char *const made[] = {WS_TMP_UPLOAD, WS_TMP_SHEET,
                                       WS_TMP_ZIP};
    char *dir = ws_path(st, "tmp");
    DIR *d = dir ? opendir(dir) : NULL;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        size_t k;
        for (k = 0; k < sizeof made / sizeof *made; k++)
            if (strncmp(e->d_name, made[k], strlen(made[k])) == 0) {
                (void)unlinkat(dirfd(d), e->d_name, 0);
                break;
            }
    }
    if (d)
        closedir(d);
    free(dir);
}

/* See serve.h. */
int pp_serve_main(int argc, char **argv)
{
    static const struct option lo[] = {
        {"workspace", required_argument, NULL, 'w'},
        {"listen", required_argument, NULL, 'l'},
        {"public-url", required_argument, NULL, 'u'},
        {"tls-cert", required_argument, NULL, 'c'},
        {"tls-key", required_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *ws = "workspace", *listen = "127.0.0.1:8080", *cert = NULL,
               *key = NULL;
    ws_server s;
    char err[1024], self[PATH_MAX];
    ssize_t n;
    int c, rc, lock;
    memset(&s, 0, sizeof s);
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
        switch (c) {
        case 'w': ws = optarg; break;
        case 'l': listen = optarg; break;
        case 'u': s.public_url = optarg; break;
        case 'c': cert = optarg; break;
        case 'k': key = optarg; break;
        case 'h': S_serve_help(); return S_OK;
        case ':': return S_usage("serve", _("option '%s' needs a value"),
                                 argv[optind - 1]);
        default: return S_usage("serve", _("unknown option '%s'"),
                                argv[optind - 1]);
        }
    }
    if (optind < argc)
        return S_usage("serve", _("unexpected operand '%s'"), argv[optind]);
    if (!cert != !key)
        return S_usage("serve", "%s",
                       _("--tls-cert and --tls-key go together"));
    if (!ws_listen_ok(listen)) {
        fprintf(stderr,
                _("parpack: --listen takes HOST:PORT (127.0.0.1:8080), not "
                  "'%s'\n"),
                listen);
        return S_USAGE;
    }
    n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return S_FAIL;
    self[n] = 0;
    s.self = self;
    s.links_forms = ws_links_forms;
    s.links_patch = ws_links_patch;
    if (ws_store_open(&s.store, ws, ws_links_schema, err, sizeof err) != 0) {
        fprintf(stderr, "parpack: %s\n", err);
        ws_store_close(&s.store);
        return S_FAIL;
    }
    if ((lock = S_serve_lock(&s.store)) < 0) {
        ws_store_close(&s.store);
        return S_FAIL;
    }
    S_tmp_clear(&s.store);
    ws_jobs_recover(&s);
    if (!(s.jobs = ws_jobs_new(&s))) {
        ws_store_close(&s.store);
        close(lock);
        return S_FAIL;
    }
    rc = ws_http_run(&s, ws_route, ws_route_gate, S_stopping, listen, cert,
                     key);
    ws_jobs_free(s.jobs);
    ws_store_close(&s.store);
    close(lock);
    return rc;
}

/* Read a password: a line of standard input, or twice at a prompt on a
 * terminal (without echo). 0, or -1 with a message printed. */
static int S_password(char *buf, size_t cap)
{
    char again[512];
    size_t n;
    if (!isatty(0)) {
        if (!fgets(buf, (int)cap, stdin)) {
            fputs(_("parpack: no password on standard input\n"), stderr);
            return -1;
        }
        n = strlen(buf);
        while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
            buf[--n] = 0;
    } else {
        struct termios t, quiet;
        int k;
        if (tcgetattr(0, &t) != 0)
            return -1;
        quiet = t;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        for (k = 0; k < 2; k++) {
            char *dst = k ? again : buf;
            size_t dcap = k ? sizeof again : cap;
            fputs(k ? _("Password again: ") : _("Password: "), stderr);
            tcsetattr(0, TCSAFLUSH, &quiet);
            if (!fgets(dst, (int)dcap, stdin))
                dst[0] = 0;
            tcsetattr(0, TCSAFLUSH, &t);
            fputc('\n', stderr);
            n = strlen(dst);
            while (n && (dst[n - 1] == '\n' || dst[n - 1] == '\r'))
                dst[--n] = 0;
        }
        if (strcmp(buf, again) != 0) {
            fputs(_("parpack: the two passwords differ\n"), stderr);
            return -1;
        }
    }
    if (strlen(buf) < 8) {
        fputs(_("parpack: a password has at least 8 characters\n"), stderr);
        return -1;
    }
    return 0;
}

/* See serve.h. */
int pp_user_main(int argc, char **argv)
{
    static const struct option lo[] = {
        {"workspace", required_argument, NULL, 'w'},
        {"role", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char *ws = "workspace", *role = NULL, *what, *name = NULL;
    char err[512], pass[512];
    ws_store st;
    int c, rc = S_OK, nargs;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
        switch (c) {
        case 'w': ws = optarg; break;
        case 'r': role = optarg; break;
        case 'h': S_user_help(); return S_OK;
        case ':': return S_usage("user", _("option '%s' needs a value"),
                                 argv[optind - 1]);
        default: return S_usage("user", _("unknown option '%s'"),
                                argv[optind - 1]);
        }
    }
    nargs = argc - optind;
    if (nargs < 1)
        return S_usage("user", "%s",
                       _("'user' needs add, list, remove or password"));
    what = argv[optind];
    if (strcmp(what, "list") == 0) {
        if (nargs != 1)
            return S_usage("user", _("unexpected operand '%s'"),
                           argv[optind + 1]);
    } else if (strcmp(what, "add") == 0 || strcmp(what, "remove") == 0 ||
               strcmp(what, "password") == 0) {
        if (nargs != 2)
            return S_usage("user", nargs < 2 ? "%s" : _("unexpected operand '%s'"),
                           nargs < 2 ? _("an account's name is needed")
                                     : argv[optind + 2]);
        name = argv[optind + 1];
    } else {
        return S_usage("user", _("unknown action '%s' (add, list, remove, "
                                 "password)"),
                       what);
    }
    if (role && strcmp(what, "add") != 0)
        return S_usage("user", "%s", _("--role goes with 'user add'"));
    if (strcmp(what, "add") == 0 &&
        (!role || (strcmp(role, "clerk") != 0 && strcmp(role, "council") != 0)))
        return S_usage("user", "%s", _("'user add' needs --role=clerk or "
                                       "--role=council"));
    if (ws_store_open(&st, ws, ws_links_schema, err, sizeof err) != 0) {
        fprintf(stderr, "parpack: %s\n", err);
        ws_store_close(&st);
        return S_FAIL;
    }
    if (strcmp(what, "list") == 0) {
        sqlite3_stmt *q = NULL;
        if (sqlite3_prepare_v2(st.db, "SELECT name, role FROM users ORDER BY "
                                      "name",
                               -1, &q, NULL) == SQLITE_OK)
            while (sqlite3_step(q) == SQLITE_ROW)
                printf("%s\t%s\n", (const char *)sqlite3_column_text(q, 0),
                       (const char *)sqlite3_column_text(q, 1));
        sqlite3_finalize(q);
    } else if (strcmp(what, "remove") == 0) {
        if (ws_user_remove(&st, name, err, sizeof err) != 0) {
            fprintf(stderr, "parpack: %s\n", err);
            rc = S_FAIL;
        } else {
            ws_audit(&st, name, NULL, "user", "removed");
        }
    } else if (S_password(pass, sizeof pass) != 0) {
        rc = S_FAIL;
    } else if ((strcmp(what, "add") == 0
                    ? ws_user_add(&st, name, role, pass, err, sizeof err)
                    : ws_user_password(&st, name, pass, err, sizeof err)) != 0) {
        fprintf(stderr, "parpack: %s\n", err);
        rc = S_FAIL;
    } else {
        ws_audit(&st, name, NULL, "user",
                 strcmp(what, "add") == 0 ? role : "password changed");
    }
    memset(pass, 0, sizeof pass);
    ws_store_close(&st);
    return rc;
}
