/*
 * internal.h - what the files of the server share (serve.h lists them).
 * Ownership: a ws_* function that returns a malloc'd pointer says so; the
 * store owns its database handle, the server owns the store.
 */
#ifndef PARPACK_SERVE_INTERNAL_H
#define PARPACK_SERVE_INTERNAL_H

#include "base/dirs.h"
#include "base/text.h"
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/model.h"

struct sqlite3;
struct sqlite3_stmt;
struct _xmlDoc;

/* ---------------------------------------------------------------------
 * json.c: a growing string, and JSON written into it.
 */
typedef pp_text ws_buf; /* base/text.h */

#define ws_buf_add pp_text_add
#define ws_grow pp_grow
void ws_buf_puts(ws_buf *b, const char *s);
void ws_buf_printf(ws_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* s with &, <, >, " escaped for HTML (NULL: nothing). */
void ws_buf_html(ws_buf *b, const char *s);
/* s as a JSON string, quotes included (NULL gives null). */
void ws_buf_json(ws_buf *b, const char *s);
/* A member after the first of an object: , "key": value (as ws_buf_json). */
void ws_buf_member(ws_buf *b, const char *key, const char *value);
void ws_buf_free(ws_buf *b);

/* Read a flat JSON object of strings ({"user": "a", "password": "b"}):
 * the value of key into a malloc'd string, or NULL when absent, not a
 * string, or the text is not such an object. */
char *ws_json_string(const char *text, size_t len, const char *key);
/* The value of hex digit c (either case), or -1. */
int ws_hex_digit(int c);

/* ---------------------------------------------------------------------
 * store.c: the workspace's database.
 */
typedef struct {
    struct sqlite3 *db;
    pthread_mutex_t lock; /* one writer and reader at a time */
    char *dir;            /* the workspace folder */
} ws_store;

/* Open (creating) DIR/parpack.db with its schema, then the tables of
 * the files above (more: ws_links_schema, given by cmd.c; or NULL); 0,
 * or -1 with a message in err. */
int ws_store_open(ws_store *st, const char *dir, int (*more)(ws_store *st),
                  char *err, size_t cap);
void ws_store_close(ws_store *st);
/* Run SQL without results; 0 or -1. */
int ws_store_exec(ws_store *st, const char *sql);
/* sql prepared, with ?1 bound to year and, when key is not NULL, ?2 to
 * key (a unit's id, mostly): the statement, for sqlite3_finalize after,
 * or NULL when it cannot be prepared. The caller holds the lock. */
struct sqlite3_stmt *ws_stmt(ws_store *st, const char *sql, int year,
                             const char *key);
/* The first column of sql's rows (?1 bound to year) as texts: *v gets a
 * malloc'd array of *n malloc'd strings (ws_texts_free after); 0, or -1
 * with nothing kept. The caller holds the lock. */
int ws_store_texts(ws_store *st, const char *sql, int year, char ***v,
                   size_t *n);
void ws_texts_free(char **v, size_t n);
/* 1 when sql (?1 year, ?2 key as ws_stmt) gives a row, else 0. The caller
 * holds the lock. */
int ws_store_has(ws_store *st, const char *sql, int year, const char *key);
/* Column col of q's row as text into out (cap bytes, cut; "" for NULL). */
void ws_col_copy(char *out, size_t cap, struct sqlite3_stmt *q, int col);
/* Append to the audit log (who may be NULL; the lock is taken). */
void ws_audit(ws_store *st, const char *user, const char *addr,
              const char *action, const char *detail);
/* DIR/rel, malloc'd. */
char *ws_path(const ws_store *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Write data to path atomically (temporary file, fsync, rename, fsync of
 * the folder); 0 or -1 with errno. */
int ws_write_file(const char *path, const void *data, size_t len);
/* All of data to fd (again after EINTR); 0 or -1 with errno. */
int ws_write_all(int fd, const void *data, size_t len);
/* The temporary files the server makes in DIR/tmp, by the start of their
 * names: an upload being judged, a sheet being read, a zip being made.
 * A server starting removes those a killed one left (cmd.c); a new kind
 * of temporary file gets its prefix here. */
#define WS_TMP_UPLOAD "upload-"
#define WS_TMP_SHEET "sheet-"
#define WS_TMP_ZIP "zip-"
/* Remove the temporary file at path and free path (NULL: nothing). */
void ws_temp_drop(char *path);
/* A whole file, malloc'd (NUL-terminated), at most limit bytes; NULL. */
char *ws_read_file(const char *path, size_t limit, size_t *len);
/* mkdir -p, the workspace's folders 0750 (base/dirs.h) */
#define ws_mkdirs(path) pp_mkdirs((path), 0750)

/* ---------------------------------------------------------------------
 * auth.c: accounts, sessions, login slowing.
 */
typedef struct {
    long long id;
    char name[128];
    char role[16]; /* "clerk" or "council" */
    char csrf[65];
} ws_session;

enum { WS_SESSION_SECONDS = 8 * 3600, WS_SESSION_IDLE = 2 * 3600 };

/* Hash a password with Argon2id into enc (encoded form); 0 or -1. */
int ws_password_hash(const char *password, char *enc, size_t cap);
int ws_user_add(ws_store *st, const char *name, const char *role,
                const char *password, char *err, size_t cap);
int ws_user_password(ws_store *st, const char *name, const char *password,
                     char *err, size_t cap);
int ws_user_remove(ws_store *st, const char *name, char *err, size_t cap);

/* The outcome of a login; WS_LOGIN_SLOW_AGAIN: slowed, and a try of the
 * same wait was slowed (and audited) before. */
typedef enum {
    WS_LOGIN_OK,
    WS_LOGIN_WRONG,
    WS_LOGIN_SLOW,
    WS_LOGIN_SLOW_AGAIN,
    WS_LOGIN_ERR
} ws_login;

/* Check name and password from addr; on success a new session: its
 * cookie token (64 hex digits) into token and its fields into s. With
 * WS_LOGIN_SLOW, *wait holds the seconds to wait. */
ws_login ws_login_try(ws_store *st, const char *name, const char *password,
                      const char *addr, char token[65], ws_session *s,
                      int *wait);
/* The live session of a cookie token; 0, or -1 when none (or expired). */
int ws_session_find(ws_store *st, const char *token, ws_session *s);
void ws_session_end(ws_store *st, const char *token);
/* Random bytes as hex (2n digits) into out; 0 or -1. */
int ws_random_hex(char *out, size_t n);

/* ---------------------------------------------------------------------
 * The server, and one request with its answer (http.c).
 */
typedef struct ws_jobs ws_jobs;

typedef struct ws_server ws_server;
struct ws_server {
    ws_store store;
    ws_jobs *jobs;
    const char *self;       /* the program, for children: /proc/self/exe */
    const char *public_url; /* or NULL */
    int tls;                /* cookies get Secure */
    volatile int stopping;
    /* links.c's part in the files below it, given by cmd.c at start (so
     * that jobs.c and year.c name nothing of links.c): the forms with
     * each unit's link, before a "forms" job (ws_links_forms), and the
     * assembled appraisal's patch (ws_links_patch) */
    int (*links_forms)(ws_server *s, int year, char *err, size_t cap);
    int (*links_patch)(ws_server *s, int year, const char *path,
                       const long long *ids, long n);
};

/* One part of a multipart body. */
typedef struct {
    char *name, *filename;
    char *data;
    size_t len, cap;
} ws_part;

typedef struct {
    const char *method, *path; /* the path percent-decoded by MHD */
    const char *addr;          /* the client's address */
    const char *cookie_token;  /* the session cookie, or NULL */
    const char *csrf;          /* X-CSRF-Token, or NULL */
    const char *accept;
    const char *origin, *host, *fetch_site; /* Origin, Host, Sec-Fetch-Site */
    char *body;                /* a non-multipart body, NUL-terminated */
    size_t len;
    ws_part *parts;
    size_t nparts;
    int multipart;             /* the body was multipart/form-data */
} ws_req;

/* A callback answer (server-sent events): called with a buffer to fill,
 * returns the bytes written, 0 to wait a little, -1 at the end. */
typedef long (*ws_stream_fn)(void *ctx, char *buf, size_t cap);

typedef struct {
    int status;
    const char *type;        /* Content-Type */
    char *body;              /* malloc'd */
    size_t len;
    char disposition[512];   /* Content-Disposition, or "" */
    char cookie[256];        /* Set-Cookie, or "" */
    char location[64];       /* Location (a redirect), or "" */
    int no_store;            /* Cache-Control: no-store */
    int keep;                /* a compiled-in asset: no Cache-Control
                                (every other answer is no-store) */
    ws_stream_fn stream;     /* instead of body */
    void *stream_ctx;
    void (*stream_free)(void *);
} ws_resp;

/* The answers. */
void ws_resp_json(ws_resp *r, int status, ws_buf *b); /* takes b's text */
void ws_resp_error(ws_resp *r, int status, const char *msg);
void ws_resp_bytes(ws_resp *r, int status, const char *type, char *data,
                   size_t len); /* takes data */

/* Route a request (api.c and pages.c). */
void ws_route(ws_server *s, const ws_req *q, ws_resp *r);
/* The refusal of a request that has a body, from its headers alone (no
 * session, no CSRF token, another site's Origin, a wrong link, a page
 * that takes no body), into r; r->status stays 0 when the body is
 * needed. */
void ws_route_gate(ws_server *s, const ws_req *q, ws_resp *r);
void ws_api(ws_server *s, const ws_req *q, ws_resp *r);
/* 1 when pages.c answered (a page or an asset), else 0. */
int ws_pages(ws_server *s, const ws_req *q, ws_resp *r, const ws_session *se);

/* The answer to a request: ws_route, given to ws_http_run by cmd.c (so
 * that http.c, below api.c and pages.c, names no router). */
typedef void (*ws_route_fn)(ws_server *s, const ws_req *q, ws_resp *r);

/* Start serving, each request answered by route; a request with a body
 * is first shown, its headers only, to gate, which answers it at once
 * (sets r->status) when it is refused whatever its body; blocks until
 * SIGINT/SIGTERM, then calls stopping (cmd.c: the jobs' event streams
 * end at once) before closing the connections. listen "HOST:PORT" (PORT
 * 0: the system picks; the real address is printed). 0 or an exit
 * code. */
int ws_http_run(ws_server *s, ws_route_fn route, ws_route_fn gate,
                void (*stopping)(ws_server *s), const char *listen,
                const char *cert, const char *key);

/* The first part named name, from the part from on (its index into *at),
 * or NULL (a body that is not multipart has none). */
const ws_part *ws_part_get(const ws_req *q, const char *name, size_t from,
                           size_t *at);
/* A part's file name for messages and records: its last path element, or
 * dflt when it has none (the name is never used as a path). */
const char *ws_part_name(const ws_part *p, const char *dflt);
/* 1 when the request's Origin is this server's: its Host, or the public
 * URL; 0 when it is another's or absent. */
int ws_origin_own(const ws_server *s, const ws_req *q);

/* 1 when listen is a HOST:PORT the server can take. */
int ws_listen_ok(const char *listen);

/* The largest request body accepted (bytes): documented in docs/api.md. */
enum { WS_BODY_LIMIT = 32 * 1024 * 1024, WS_JSON_LIMIT = 64 * 1024 };

/* ---------------------------------------------------------------------
 * year.c: a year's appraisal and forms.
 */
/* One problem of a form or an appraisal. */
typedef struct {
    char *file, *sheet, *cell, *message;
    long line, col;
} ws_err;

typedef struct {
    ws_err *v;
    size_t n;
} ws_errs;
void ws_errs_free(ws_errs *e);
/* Append to e one problem at sheet!cell; 0, or -1 out of memory. */
int ws_errs_add(ws_errs *e, const char *sheet, const char *cell,
                const char *message);
/* Append to e what a form's cell holds (0-based row and col; the text as
 * the message; an empty text is not kept); 0, or -1 out of memory or for
 * a position outside the sheet. */
int ws_errs_cell(ws_errs *e, const char *sheet, long row, long col,
                 const char *text);
void ws_errs_json(ws_buf *b, const ws_errs *e, int cells);

/* Make or replace year from an uploaded appraisal; 0 and *year, or 1 with
 * the errors (as `check` words them), or -1 on a failure of the server. */
int ws_year_create(ws_server *s, const char *user, const char *name,
                   const char *data, size_t len, int *year, ws_errs *errs);
/* Judge and keep one dropped form; the answer's object into b. */
int ws_form_receive(ws_server *s, int year, const char *user,
                    const char *name, const char *data, size_t len,
                    ws_buf *b);
/* The year's appraisal as the command line would read it, when every
 * unit's form is in: its path (malloc'd), else NULL. prev gets the
 * previous year's, when the workspace has it complete (or NULL). */
char *ws_year_appraisal(ws_server *s, int year, char **prev);
/* The year's `score --format json` into b: 0, 1 when the forms are not
 * all in, -1 on an error. */
int ws_year_results(ws_server *s, int year, ws_buf *b);
/* The labels of the year's ratings and flags, by id:
 * {"ratings": {"tot": "Tốt", …}, "flags": {…}}; 0 or -1. */
int ws_year_labels(ws_server *s, int year, ws_buf *b);
/* The year's blank forms (`parpack forms`), made the first time: the
 * folder (malloc'd) holding their manifest.tsv, or NULL. */
char *ws_year_forms(ws_server *s, int year);
/* The one lock of the core's calls (loader, forms reader, scoring). */
extern pthread_mutex_t ws_core_lock;
/* 1 when the workspace has this year. */
int ws_year_exists(ws_server *s, int year);

/* How a form came (ws_form_receive_via): through an account, or through a
 * unit's own link (links.c). */
typedef struct {
    const char *via;  /* "account" or "link" */
    const char *unit; /* link: its unit; a form naming another is refused */
    int dropped;      /* out: the form filled the appraised column: ignored */
    int other;        /* out: refused as the form of another unit */
    int invalid;      /* out: the form was refused */
    ws_errs errs;     /* out, with a link: the form's errors */
    ws_errs cells;    /* out, with errors: what the form's cells beside
                         them hold (sheet, cell, and the text as message) */
} ws_via;
/* A sheet's column by its number (1 is A, 27 is AA) into out. */
void ws_colname(char out[8], long col);
/* ws_form_receive, told how the form came (via may be NULL). */
int ws_form_receive_via(ws_server *s, int year, const char *user,
                        const char *name, const char *data, size_t len,
                        ws_via *via, ws_buf *b);

/* ---------------------------------------------------------------------
 * links.c: each unit's own link (/u/TOKEN), the deadline.
 */
/* The tables of the links; 0 or -1 (given to ws_store_open). */
int ws_links_schema(ws_store *st);
/* Give every unit of year that has none a link. */
void ws_links_ensure(ws_server *s, int year);
/* The link of a unit (its stored nonce, or NULL) as a JSON string (or
 * null) into b: PUBLIC_URL/u/TOKEN, or /u/TOKEN without --public-url. */
void ws_link_json(ws_server *s, ws_buf *b, const char *nonce);
/* The routes of the links under /api/years/{year} (PATCH the year, POST
 * units/{id}/link); 1 when answered, else 0. */
int ws_links_api(ws_server *s, const ws_req *q, const ws_session *se,
                 int year, char seg[8][1024], int n, ws_resp *r);
/* The year's forms with each unit's link in its message, for sending:
 * WS/years/YEAR/forms-mail (`parpack forms` of a copy of the appraisal
 * whose units carry link="…"), written the first time (its sent.log then
 * keeps a message from going twice). 0, or -1 with a message in err. */
int ws_links_forms(ws_server *s, int year, char *err, size_t cap);
/* /u/...: the unit's page, its form, its upload. */
void ws_links_route(ws_server *s, const ws_req *q, ws_resp *r);
/* ws_route_gate of a /u/ path: a slowed address, an unknown or dead
 * token, a POST from another site answered into r (else r->status 0). */
void ws_links_gate(ws_server *s, const ws_req *q, ws_resp *r);
/* The assembled appraisal at path, made from the forms ids (n, in unit
 * order): the appraised points of the units whose form came through their
 * link removed (a unit does not appraise itself), then the council's
 * entries, the answers and the replies written into the scores
 * (answers.c). 0 or -1. */
int ws_links_patch(ws_server *s, int year, const char *path,
                   const long long *ids, long n);

/* ---------------------------------------------------------------------
 * answers.c: the council's turn and the answer round.
 */
enum { WS_ROUND_NONE, WS_ROUND_OPEN, WS_ROUND_CLOSED };

/* One criterion of a unit's score sheet. */
typedef struct {
    char *c, *name;
    pp_milli max, self, appr, before;
    int survey, na, has_self, has_appr, has_before;
    int entered;            /* the council entered or changed it here */
    char *note;             /* the council's */
    char *answer;           /* the unit's latest answer */
    char *decision, *reply; /* "accept"/"keep" and the council's words */
} ws_row;

typedef struct {
    char unit[256], name[512];
    char form[16];          /* the accepted form's status, or "missing" */
    long long form_id;      /* 0: none */
    int via_link, complete;
    ws_row *v;              /* one per leaf, in the scheme's order */
    size_t n;
} ws_sheet;

int ws_answers_schema(ws_store *st);
/* The round of year (WS_ROUND_*) and its deadline (0: none). */
int ws_round_get(ws_server *s, int year, long long *deadline);
/* Open (with a deadline, 0: none) or close the round; 0, 1 when there is
 * no round to close, -1. */
int ws_round_set(ws_server *s, int year, int open, long long deadline,
                 const char *user);
/* A unit's score sheet; 0, or -1 (no such unit). ws_sheet_free after. */
int ws_sheet_read(ws_server *s, int year, const char *unit, ws_sheet *sh);
void ws_sheet_free(ws_sheet *sh);
/* Record whether the unit's sheet, with its latest form, is complete (a
 * submitted unit is then ok in the units list). */
void ws_sheet_mark(ws_server *s, int year, const char *unit);
/* The note the score sheet carries for r: the council's note, the unit's
 * answer, the council's decision, at most the format's 2,000 characters. */
void ws_note_compose(ws_buf *b, const ws_row *r);
/* A request's text: trimmed, control characters as spaces, bounded;
 * malloc'd, or NULL when empty. */
char *ws_words(const char *t);
/* The routes units/{id}/sheet, units/{id}/criteria/{c}[/reply]; 1 when
 * answered. */
int ws_answers_api(ws_server *s, const ws_req *q, const ws_session *se,
                   int year, char seg[8][1024], int n, ws_resp *r);
/* Keep a unit's answer on criterion c; 0 or -1. */
int ws_answer_save(ws_server *s, int year, const char *unit, const char *c,
                   const char *text);
/* A line that changes with every step of the year's sheets (for the
 * assembled appraisal's stamp). */
void ws_answers_stamp(ws_server *s, int year, ws_buf *b);
/* The sheets with steps of the year (entries, answers), read before the
 * core's lock is taken; then written into a document. */
typedef struct {
    ws_sheet *v;
    size_t n;
} ws_sheets;
int ws_answers_sheets(ws_server *s, int year, ws_sheets *out);
void ws_answers_apply(struct _xmlDoc *doc, const ws_sheets *sh);

/* The <unit id="id"> anywhere under node (an appraisal's tree), or
 * NULL (xml.c). */
struct _xmlNode;
struct _xmlNode *ws_xml_unit(struct _xmlNode *node, const char *id);
void ws_sheets_free(ws_sheets *sh);

/* ---------------------------------------------------------------------
 * import.c: filled forms read into an appraisal.
 */
/* Read the n forms inputs into out, as `parpack import` of the appraisal
 * m (read from blank) would (partial: a unit without a form is left
 * blank); its summary line is not kept. 1 when it ran without an error,
 * else 0 (the problems in d). The caller holds ws_core_lock. */
int ws_import(const pp_model *m, const char *blank,
              const char *const *inputs, size_t n, int partial,
              const char *out, pp_diags *d);

/* ---------------------------------------------------------------------
 * run.c: the program as a child (used by jobs.c, year.c, links.c).
 */
/* Run the program (s->self) with args (argv[1]...), in the server's
 * language, and wait: each of its events (base/events.h: "progress\t
 * DONE\tTOTAL", "refused\tUNIT\tWHY", ...) to fn (may be NULL). The
 * exit status, or -1 when it could not be started. */
int ws_run(ws_server *s, const char *const *args,
           void (*fn)(void *ctx, const char *line), void *ctx);

/* ---------------------------------------------------------------------
 * jobs.c
 */
ws_jobs *ws_jobs_new(ws_server *s);
void ws_jobs_free(ws_jobs *j);
/* Start a build or a send of year; the job's id, or -1 with a message. */
long long ws_job_start(ws_server *s, int year, const char *kind,
                       const char *user, const char *addr, char *err,
                       size_t cap);
/* The job's JSON into b; 0, or -1 when there is no such job. */
int ws_job_json(ws_server *s, long long id, ws_buf *b);
/* Wake the event streams waiting for a change (the server stops). */
void ws_jobs_wake(ws_jobs *j);
/* Mark jobs left running by a server that was stopped as failed. */
void ws_jobs_recover(ws_server *s);
/* An answer streaming the job's state as server-sent events. */
int ws_job_events(ws_server *s, long long id, ws_resp *r);

#endif
