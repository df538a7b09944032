/* jobs.c - build and send as jobs (internal.h). Each runs the program
 * itself as a child (`parpack build` / `parpack send` on the year's
 * files, in the command line's layout), so that the packet is the command
 * line's byte for byte (SOURCE_DATE_EPOCH is passed on) and send keeps
 * its record (DIR/sent.log: nothing is sent twice). The child's events
 * (base/events.h: files written, each unit's message sent or refused and
 * why, errors, its words in the server's language) give the job's state;
 * a job's state is kept in the database and streamed to the page as
 * server-sent events. */
#define _GNU_SOURCE
#include "serve/internal.h"
#include "base/i18n.h"

#include <sqlite3.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


/* One unit's message in a send. */
typedef struct {
    char *unit;
    char state[12]; /* "pending", "sent", "refused" */
    char *message;
} S_unit;

typedef struct S_job {
    long long id;
    int year;
    char kind[8];
    char state[12]; /* running, done, failed */
    long done, total;
    char message[1024];
    S_unit *units;
    size_t nunits;
    unsigned long version; /* bumped at every change */
    char *user, *addr;
    struct S_job *next;
} S_job;

struct ws_jobs {
    ws_server *s;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    S_job *list;
};

/* See internal.h. */
ws_jobs *ws_jobs_new(ws_server *s)
{
    ws_jobs *j = calloc(1, sizeof *j);
    pthread_condattr_t ca;
    if (!j)
        return NULL;
    j->s = s;
    pthread_mutex_init(&j->mu, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&j->cv, &ca);
    pthread_condattr_destroy(&ca);
    return j;
}

static void S_job_free(S_job *x)
{
    size_t i;
    for (i = 0; i < x->nunits; i++) {
        free(x->units[i].unit);
        free(x->units[i].message);
    }
    free(x->units);
    free(x->user);
    free(x->addr);
    free(x);
}

/* Wait for the running jobs' threads (they are detached: poll), then
 * free everything. */
void ws_jobs_free(ws_jobs *j)
{
    S_job *x, *n;
    int running = 1, tries = 0;
    if (!j)
        return;
    while (running && tries++ < 600) {
        running = 0;
        pthread_mutex_lock(&j->mu);
        for (x = j->list; x; x = x->next)
            if (strcmp(x->state, "running") == 0)
                running = 1;
        pthread_mutex_unlock(&j->mu);
        if (running)
            usleep(100000);
    }
    for (x = j->list; x; x = n) {
        n = x->next;
        S_job_free(x);
    }
    pthread_cond_destroy(&j->cv);
    pthread_mutex_destroy(&j->mu);
    free(j);
}

/* See internal.h. */
void ws_jobs_wake(ws_jobs *j)
{
    pthread_mutex_lock(&j->mu);
    pthread_cond_broadcast(&j->cv);
    pthread_mutex_unlock(&j->mu);
}

/* See internal.h. */
void ws_jobs_recover(ws_server *s)
{
    pthread_mutex_lock(&s->store.lock);
    ws_store_exec(&s->store,
                  "UPDATE jobs SET state='failed', message='the server "
                  "stopped during the job', finished_at=strftime('%s','now') "
                  "WHERE state='running'");
    pthread_mutex_unlock(&s->store.lock);
}

/* ---------------------------------------------------------------------
 * Jobs.
 */

/* Save x's state in the database (the lock of jobs is held). */
static void S_save(ws_jobs *j, S_job *x, int finished)
{
    sqlite3_stmt *q = NULL;
    ws_store *st = &j->s->store;
    pthread_mutex_lock(&st->lock);
    if (sqlite3_prepare_v2(st->db,
                           "UPDATE jobs SET state=?2, done=?3, total=?4, "
                           "message=?5, finished_at=?6 WHERE id=?1",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, x->id);
        sqlite3_bind_text(q, 2, x->state, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 3, x->done);
        sqlite3_bind_int64(q, 4, x->total);
        sqlite3_bind_text(q, 5, x->message, -1, SQLITE_TRANSIENT);
        if (finished)
            sqlite3_bind_int64(q, 6, (sqlite3_int64)time(NULL));
        else
            sqlite3_bind_null(q, 6);
        (void)sqlite3_step(q);
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&st->lock);
}

typedef struct {
    ws_jobs *j;
    S_job *x;
} S_ctx;

static S_unit *S_unit_of(S_job *x, const char *id, size_t n)
{
    size_t i;
    for (i = 0; i < x->nunits; i++)
        if (strlen(x->units[i].unit) == n && strncmp(x->units[i].unit, id, n) == 0)
            return &x->units[i];
    return NULL;
}

/* The unit whose id is the n bytes at id is sent (counted once). */
static void S_sent(S_job *x, const char *id, size_t n)
{
    S_unit *u = S_unit_of(x, id, n);
    if (u && strcmp(u->state, "sent") != 0) {
        snprintf(u->state, sizeof u->state, "sent");
        x->done++;
    }
}

/* One event of the child (base/events.h): its fields split at tabs. */
static void S_line(void *ctx, const char *line)
{
    S_ctx *c = ctx;
    S_job *x = c->x;
    const char *f1 = strchr(line, '\t'), *f2 = f1 ? strchr(f1 + 1, '\t') : NULL;
    size_t k = f1 ? (size_t)(f1 - line) : strlen(line);
    size_t n1 = f1 ? (f2 ? (size_t)(f2 - f1 - 1) : strlen(f1 + 1)) : 0;
    S_unit *u;
    pthread_mutex_lock(&c->j->mu);
    if (f1 && k == 8 && !strncmp(line, "progress", 8)) {
        /* an event a file; the page hears of each hundredth */
        long before = x->total ? x->done * 100 / x->total : -1;
        x->done = strtol(f1 + 1, NULL, 10);
        if (f2)
            x->total = strtol(f2 + 1, NULL, 10);
        if (x->total && x->done < x->total &&
            x->done * 100 / x->total == before) {
            pthread_mutex_unlock(&c->j->mu);
            return;
        }
    } else if (f1 && ((k == 4 && !strncmp(line, "sent", 4)) ||
                      (k == 7 && !strncmp(line, "already", 7)))) {
        S_sent(x, f1 + 1, n1);
    } else if (f1 && f2 && k == 7 && !strncmp(line, "refused", 7)) {
        if ((u = S_unit_of(x, f1 + 1, n1)) != NULL) {
            if (strcmp(u->state, "refused") != 0 &&
                strcmp(u->state, "sent") != 0)
                x->done++;
            snprintf(u->state, sizeof u->state, "refused");
            free(u->message);
            u->message = strdup(f2 + 1);
        }
    } else if (f1 && k == 5 && !strncmp(line, "error", 5)) {
        snprintf(x->message, sizeof x->message, "%s", f1 + 1);
    }
    x->version++;
    pthread_cond_broadcast(&c->j->cv);
    pthread_mutex_unlock(&c->j->mu);
}

/* The units of a packet's messages, from its manifest (unit-mail rows). */
static void S_units(S_job *x, const char *manifest)
{
    size_t len;
    char *text = ws_read_file(manifest, 64 << 20, &len), *line, *save = NULL;
    if (!text)
        return;
    for (line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *tab = strchr(line, '\t'), *tab2;
        S_unit *v;
        if (!tab || (strncmp(line, "unit-mail\t", 10) != 0 &&
                     strncmp(line, "unit-form-mail\t", 15) != 0))
            continue;
        tab2 = strchr(tab + 1, '\t');
        if (!tab2)
            continue;
        v = realloc(x->units, (x->nunits + 1) * sizeof *v);
        if (!v)
            break;
        x->units = v;
        v = &x->units[x->nunits];
        memset(v, 0, sizeof *v);
        v->unit = strndup(tab + 1, (size_t)(tab2 - tab - 1));
        snprintf(v->state, sizeof v->state, "pending");
        if (v->unit)
            x->nunits++;
    }
    x->total = (long)x->nunits;
    free(text);
}

/* The thread of a job. */
static void *S_thread(void *arg)
{
    S_ctx *c = arg;
    ws_jobs *j = c->j;
    S_job *x = c->x;
    ws_server *s = j->s;
    char *appraisal = NULL, *prev = NULL,
         *out = strcmp(x->kind, "forms") == 0
                    ? ws_path(&s->store, "years/%d/forms-mail", x->year)
                    : ws_path(&s->store, "output/%d", x->year);
    const char *args[16];
    const char *smtp = getenv("PARPACK_SMTP_URL");
    char detail[1200];
    int n = 0, rc = -1;
    if (!out)
        goto end;
    if (strcmp(x->kind, "build") == 0) {
        appraisal = ws_year_appraisal(s, x->year, &prev);
        if (!appraisal) {
            pthread_mutex_lock(&j->mu);
            snprintf(x->message, sizeof x->message, "%s",
                     _("not every unit's form is in"));
            pthread_mutex_unlock(&j->mu);
            goto end;
        }
        args[n++] = "build";
        args[n++] = appraisal;
        if (prev) {
            args[n++] = "--previous";
            args[n++] = prev;
        }
        args[n++] = "--out";
        args[n++] = out;
    } else {
        args[n++] = "send";
        args[n++] = out;
        args[n++] = "--smtp";
        args[n++] = smtp;
    }
    args[n] = NULL;
    rc = ws_run(s, args, S_line, c);
end:
    pthread_mutex_lock(&j->mu);
    if (rc == 0) {
        snprintf(x->state, sizeof x->state, "done");
        if (strcmp(x->kind, "build") == 0)
            x->done = x->total;
    } else {
        snprintf(x->state, sizeof x->state, "failed");
        if (!x->message[0])
            snprintf(x->message, sizeof x->message,
                     _("parpack %s stopped with status %d"), x->kind, rc);
    }
    if (rc == 0 && strcmp(x->kind, "build") == 0)
        snprintf(x->message, sizeof x->message,
                 _("the packet is built: %ld files"), x->total);
    if ((strcmp(x->kind, "send") == 0 || strcmp(x->kind, "forms") == 0) &&
        x->nunits) {
        long sent = 0, refused = 0;
        size_t i;
        for (i = 0; i < x->nunits; i++) {
            sent += strcmp(x->units[i].state, "sent") == 0;
            refused += strcmp(x->units[i].state, "refused") == 0;
        }
        if (rc == 0 || refused)
            snprintf(x->message, sizeof x->message,
                     _("%ld of %ld units' messages sent, %ld refused"), sent,
                     (long)x->nunits, refused);
    }
    x->version++;
    S_save(j, x, 1);
    snprintf(detail, sizeof detail, "job %lld %s year %d: %s: %s", x->id,
             x->kind, x->year, x->state, x->message);
    pthread_cond_broadcast(&j->cv);
    pthread_mutex_unlock(&j->mu);
    ws_audit(&s->store, x->user, x->addr, x->kind, detail);
    free(appraisal);
    free(prev);
    free(out);
    free(c);
    return NULL;
}

/* See internal.h. */
long long ws_job_start(ws_server *s, int year, const char *kind,
                       const char *user, const char *addr, char *err,
                       size_t cap)
{
    ws_jobs *j = s->jobs;
    S_job *x, *y;
    S_ctx *c;
    sqlite3_stmt *q = NULL;
    pthread_t t;
    pthread_attr_t at;
    char *manifest = NULL;
    int send = strcmp(kind, "send") == 0 || strcmp(kind, "forms") == 0;
    if (send && !getenv("PARPACK_SMTP_URL")) {
        snprintf(err, cap, "%s",
                 _("the server has no SMTP server to send through: start it "
                   "with PARPACK_SMTP_URL=smtp://HOST:PORT"));
        return -1;
    }
    if (strcmp(kind, "forms") == 0) {
        /* the units' forms with their links in the messages (links.c) */
        if (s->links_forms(s, year, err, cap) != 0)
            return -1;
        manifest = ws_path(&s->store, "years/%d/forms-mail/manifest.tsv", year);
    } else if (send) {
        manifest = ws_path(&s->store, "output/%d/manifest.tsv", year);
        if (!manifest || access(manifest, R_OK) != 0) {
            snprintf(err, cap, "%s", _("build the packet before sending it"));
            free(manifest);
            return -1;
        }
    }
    if (!(x = calloc(1, sizeof *x)) || !(c = malloc(sizeof *c))) {
        free(x);
        free(manifest);
        snprintf(err, cap, "%s", _("out of memory"));
        return -1;
    }
    x->year = year;
    snprintf(x->kind, sizeof x->kind, "%s", kind);
    snprintf(x->state, sizeof x->state, "running");
    x->user = strdup(user);
    x->addr = strdup(addr ? addr : "");
    if (manifest)
        S_units(x, manifest);
    free(manifest);
    pthread_mutex_lock(&j->mu);
    for (y = j->list; y; y = y->next)
        if (y->year == year && strcmp(y->state, "running") == 0) {
            pthread_mutex_unlock(&j->mu);
            snprintf(err, cap,
                     _("a %s of %d is running (job %lld): wait for it"),
                     y->kind, year, y->id);
            S_job_free(x);
            free(c);
            return -2;
        }
    pthread_mutex_lock(&s->store.lock);
    if ((q = ws_stmt(&s->store,
                     "INSERT INTO jobs(year,kind,state,done,total,"
                     "message,created_by,created_at) "
                     "VALUES(?,?,'running',0,?,'',?,?)",
                     year, kind)) != NULL) {
        sqlite3_bind_int64(q, 3, x->total);
        sqlite3_bind_text(q, 4, user, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 5, (sqlite3_int64)time(NULL));
        if (sqlite3_step(q) == SQLITE_DONE)
            x->id = sqlite3_last_insert_rowid(s->store.db);
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    if (!x->id) {
        pthread_mutex_unlock(&j->mu);
        S_job_free(x);
        free(c);
        snprintf(err, cap, "%s", _("cannot record the job"));
        return -1;
    }
    x->next = j->list;
    j->list = x;
    c->j = j;
    c->x = x;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&t, &at, S_thread, c) != 0) {
        snprintf(x->state, sizeof x->state, "failed");
        snprintf(x->message, sizeof x->message, "%s",
                 _("cannot start the job"));
        S_save(j, x, 1);
        free(c);
    }
    pthread_attr_destroy(&at);
    pthread_mutex_unlock(&j->mu);
    return x->id;
}

/* x as JSON (the lock held). */
static void S_json(ws_buf *b, const S_job *x)
{
    size_t i;
    ws_buf_printf(b, "{\"id\": %lld, \"year\": %d, \"kind\": \"%s\", "
                     "\"state\": \"%s\", \"done\": %ld, \"total\": %ld, "
                     "\"message\": ",
                  x->id, x->year, x->kind, x->state, x->done, x->total);
    ws_buf_json(b, x->message);
    ws_buf_puts(b, ", \"units\": [");
    for (i = 0; i < x->nunits; i++) {
        ws_buf_puts(b, i ? ", {\"unit\": " : "{\"unit\": ");
        ws_buf_json(b, x->units[i].unit);
        ws_buf_printf(b, ", \"state\": \"%s\", \"message\": ",
                      x->units[i].state);
        ws_buf_json(b, x->units[i].message ? x->units[i].message : "");
        ws_buf_puts(b, "}");
    }
    ws_buf_puts(b, "]}");
}

/* See internal.h. */
int ws_job_json(ws_server *s, long long id, ws_buf *b)
{
    ws_jobs *j = s->jobs;
    S_job *x;
    sqlite3_stmt *q = NULL;
    int rc = -1;
    pthread_mutex_lock(&j->mu);
    for (x = j->list; x; x = x->next)
        if (x->id == id) {
            S_json(b, x);
            pthread_mutex_unlock(&j->mu);
            return 0;
        }
    pthread_mutex_unlock(&j->mu);
    /* a job of an earlier run of the server */
    pthread_mutex_lock(&s->store.lock);
    if (sqlite3_prepare_v2(s->store.db,
                           "SELECT id,year,kind,state,done,total,message "
                           "FROM jobs WHERE id=?",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, id);
        if (sqlite3_step(q) == SQLITE_ROW) {
            S_job y;
            memset(&y, 0, sizeof y);
            y.id = sqlite3_column_int64(q, 0);
            y.year = sqlite3_column_int(q, 1);
            ws_col_copy(y.kind, sizeof y.kind, q, 2);
            ws_col_copy(y.state, sizeof y.state, q, 3);
            y.done = (long)sqlite3_column_int64(q, 4);
            y.total = (long)sqlite3_column_int64(q, 5);
            ws_col_copy(y.message, sizeof y.message, q, 6);
            S_json(b, &y);
            rc = 0;
        }
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    return rc;
}

/* ---------------------------------------------------------------------
 * Server-sent events.
 */

typedef struct {
    ws_server *s;
    long long id;
    unsigned long seen;
    int first, last_sent;
    ws_buf pending;
    size_t off;
} S_sse;

static void S_sse_free(void *p)
{
    S_sse *e = p;
    ws_buf_free(&e->pending);
    free(e);
}

/* The next event: the job's state each time it changes, a comment every
 * 15 s meanwhile, the end after the final state. */
static long S_sse_next(void *ctx, char *buf, size_t cap)
{
    S_sse *e = ctx;
    ws_jobs *j = e->s->jobs;
    S_job *x;
    size_t n;
    if (e->off < e->pending.len) {
        n = e->pending.len - e->off;
        if (n > cap)
            n = cap;
        memcpy(buf, e->pending.s + e->off, n);
        e->off += n;
        return (long)n;
    }
    if (e->last_sent || e->s->stopping)
        return -1;
    e->pending.len = 0;
    e->off = 0;
    pthread_mutex_lock(&j->mu);
    for (x = j->list; x && x->id != e->id; x = x->next)
        ;
    if (x && !e->first && x->version == e->seen &&
        strcmp(x->state, "running") == 0) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_sec += 15;
        while (x->version == e->seen && !e->s->stopping &&
               pthread_cond_timedwait(&j->cv, &j->mu, &ts) == 0)
            ;
    }
    if (x && x->version == e->seen && !e->first &&
        strcmp(x->state, "running") == 0) {
        ws_buf_puts(&e->pending, ": waiting\n\n");
    } else if (x) {
        ws_buf_puts(&e->pending, "data: ");
        S_json(&e->pending, x);
        ws_buf_puts(&e->pending, "\n\n");
        e->seen = x->version;
        e->first = 0;
        if (strcmp(x->state, "running") != 0)
            e->last_sent = 1;
    }
    pthread_mutex_unlock(&j->mu);
    if (!x) { /* a finished job of an earlier run: its state, once */
        ws_buf_puts(&e->pending, "data: ");
        if (ws_job_json(e->s, e->id, &e->pending) != 0)
            return -1;
        ws_buf_puts(&e->pending, "\n\n");
        e->last_sent = 1;
    }
    if (e->pending.oom)
        return -1;
    return S_sse_next(ctx, buf, cap);
}

/* See internal.h. */
int ws_job_events(ws_server *s, long long id, ws_resp *r)
{
    ws_buf probe = {0};
    S_sse *e;
    if (ws_job_json(s, id, &probe) != 0) {
        ws_buf_free(&probe);
        return -1;
    }
    ws_buf_free(&probe);
    if (!(e = calloc(1, sizeof *e)))
        return -1;
    e->s = s;
    e->id = id;
    e->first = 1;
    r->status = 200;
    r->type = "text/event-stream; charset=utf-8";
    r->stream = S_sse_next;
    r->stream_ctx = e;
    r->stream_free = S_sse_free;
    return 0;
}
