/* api.c - the JSON API's routes (docs/api.md): sessions, years, units,
 * forms, results, jobs, the packet. Every route but POST /api/session
 * needs a session (401); every state-changing one the header
 * X-CSRF-Token of the session (403). A file is served only by its entry
 * in a manifest written by the program: no path of a request reaches the
 * file system. */
#define _GNU_SOURCE
#include "serve/internal.h"
#include "base/zip.h"
#include "base/i18n.h"

#include <sqlite3.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* "2026-12-06T03:10:00Z" */
static void S_iso(char *out, size_t cap, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A year of a path: 1 to 4 digits, 1..9999; 0 when not. */
static int S_year(const char *s, size_t n)
{
    int y = 0;
    size_t i;
    if (n == 0 || n > 4)
        return 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        y = y * 10 + (s[i] - '0');
    }
    return y;
}

/* The parts of a path: "/api/years/2022/units" -> "years", "2022",
 * "units". At most 8; the last holds the rest of the path when more (a
 * packet's file). Returns the count, or -1 for an empty segment. */
static int S_split(const char *path, char seg[8][1024])
{
    int n = 0;
    const char *p = path;
    while (*p) {
        const char *e = strchr(p, '/');
        size_t len;
        if (n == 7 || !e)
            e = p + strlen(p);
        len = (size_t)(e - p);
        if (len == 0 || len >= 1024)
            return -1;
        memcpy(seg[n], p, len);
        seg[n][len] = 0;
        n++;
        p = *e ? e + 1 : e;
        if (*e && !*p)
            return -1; /* a trailing slash */
    }
    return n;
}

/* The Content-Disposition of a download of path (its last part). */
static void S_disposition(ws_resp *r, const char *how, const char *path)
{
    const char *base = strrchr(path, '/');
    size_t n = 0;
    char enc[400];
    const unsigned char *p;
    base = base ? base + 1 : path;
    for (p = (const unsigned char *)base; *p && n + 4 < sizeof enc; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("-._", *p))
            enc[n++] = (char)*p;
        else
            n += (size_t)snprintf(enc + n, sizeof enc - n, "%%%02X", *p);
    }
    enc[n] = 0;
    snprintf(r->disposition, sizeof r->disposition,
             "%s; filename*=UTF-8''%s", how, enc);
}

/* The type of a packet's file, and whether it is shown inline. */
static const char *S_type(const char *path, int *inl)
{
    const char *dot = strrchr(path, '.');
    *inl = 0;
    if (dot && strcmp(dot, ".pdf") == 0) {
        *inl = 1;
        return "application/pdf";
    }
    if (dot && strcmp(dot, ".xlsx") == 0)
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (dot && strcmp(dot, ".docx") == 0)
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    if (dot && strcmp(dot, ".eml") == 0)
        return "message/rfc822";
    if (dot && strcmp(dot, ".xml") == 0)
        return "application/xml";
    if (dot && strcmp(dot, ".zip") == 0)
        return "application/zip";
    return "text/plain; charset=utf-8";
}

/* ---------------------------------------------------------------------
 * Manifests.
 */

/* One row of a manifest. */
typedef struct {
    char *kind, *unit, *path, *bytes, *sha256;
} S_row;

typedef struct {
    char *text;
    S_row *v;
    size_t n;
} S_manifest;

static void S_manifest_free(S_manifest *m)
{
    free(m->text);
    free(m->v);
    memset(m, 0, sizeof *m);
}

/* Read DIR/manifest.tsv; 0 or -1. */
static int S_manifest_read(const char *dir, S_manifest *m)
{
    char *path = NULL, *line, *save = NULL;
    size_t len, cap = 0;
    memset(m, 0, sizeof *m);
    if (asprintf(&path, "%s/manifest.tsv", dir) < 0)
        return -1;
    m->text = ws_read_file(path, 64 << 20, &len);
    free(path);
    if (!m->text)
        return -1;
    for (line = strtok_r(m->text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *f[5];
        int k = 0;
        f[k++] = line;
        while (k < 5 && (f[k] = strchr(f[k - 1], '\t')) != NULL)
            *f[k]++ = 0, k++;
        if (k < 3)
            continue;
        if (m->n == cap) {
            S_row *v = realloc(m->v, (cap = cap ? 2 * cap : 64) * sizeof *v);
            if (!v)
                return -1;
            m->v = v;
        }
        m->v[m->n].kind = f[0];
        m->v[m->n].unit = f[1];
        m->v[m->n].path = f[2];
        m->v[m->n].bytes = k > 3 ? f[3] : (char *)"0";
        m->v[m->n].sha256 = k > 4 ? f[4] : (char *)"";
        m->n++;
    }
    return 0;
}

/* The time written into archives: SOURCE_DATE_EPOCH, else now. */
static time_t S_mtime(void)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long v;
    if (e && *e) {
        errno = 0;
        v = strtoll(e, &end, 10);
        if (!errno && !*end && v >= 0)
            return (time_t)v;
    }
    return time(NULL);
}

/* Add dir/path to the archive as path (the writer owns what it reads);
 * 0 or -1. */
static int S_zip_add(pp_zip_writer *w, const char *dir, const char *path)
{
    char *full = NULL, *data;
    size_t len;
    int rc = -1;
    if (asprintf(&full, "%s/%s", dir, path) < 0)
        full = NULL;
    else if ((data = ws_read_file(full, 256u << 20, &len)) != NULL &&
             pp_zip_writer_add(w, path, data, len, 1) == 0)
        rc = 0;
    free(full);
    return rc;
}

/* A zip of dir's files rows (which: NULL for all, else a kind), with
 * extra files of dir, as the answer. */
static void S_zip(ws_server *s, ws_resp *r, const char *dir,
                  const S_manifest *m, const char *which,
                  const char *const *extra, const char *name)
{
    char *tdir = ws_path(&s->store, "tmp"), *tmp = NULL, *data;
    pp_zip_writer *w = NULL;
    size_t i, len;
    int err = 0, fd = -1;
    if (!tdir || ws_mkdirs(tdir) != 0 ||
        asprintf(&tmp, "%s/" WS_TMP_ZIP "XXXXXX", tdir) < 0) {
        tmp = NULL;
        goto fail;
    }
    if ((fd = mkstemp(tmp)) < 0) {
        free(tmp);
        tmp = NULL; /* no file made */
        goto fail;
    }
    close(fd);
    if (!(w = pp_zip_writer_open(tmp, S_mtime(), &err)))
        goto fail;
    for (i = 0; i < m->n; i++)
        if ((!which || strcmp(m->v[i].kind, which) == 0) &&
            S_zip_add(w, dir, m->v[i].path) != 0)
            goto fail;
    for (i = 0; extra && extra[i]; i++)
        if (S_zip_add(w, dir, extra[i]) != 0)
            goto fail;
    err = pp_zip_writer_close(w);
    w = NULL;
    if (err != 0 || !(data = ws_read_file(tmp, 1u << 31, &len)))
        goto fail;
    ws_temp_drop(tmp);
    free(tdir);
    ws_resp_bytes(r, 200, "application/zip", data, len);
    S_disposition(r, "attachment", name);
    return;
fail:
    if (w)
        pp_zip_writer_discard(w);
    ws_temp_drop(tmp);
    free(tdir);
    ws_resp_error(r, 500, _("cannot write the archive"));
}

/* One file of dir by its manifest path. */
static void S_file(ws_resp *r, const char *dir, const S_manifest *m,
                   const char *path, const char *kind, const char *unit)
{
    size_t i, len;
    char *full = NULL, *data;
    int inl;
    const char *type;
    for (i = 0; i < m->n; i++)
        if ((path && strcmp(m->v[i].path, path) == 0) ||
            (kind && unit && strcmp(m->v[i].kind, kind) == 0 &&
             strcmp(m->v[i].unit, unit) == 0))
            break;
    if (i == m->n) {
        ws_resp_error(r, 404, _("no such file in the packet"));
        return;
    }
    if (asprintf(&full, "%s/%s", dir, m->v[i].path) < 0 ||
        !(data = ws_read_file(full, 1u << 31, &len))) {
        free(full);
        ws_resp_error(r, 500, _("cannot read the file"));
        return;
    }
    free(full);
    type = S_type(m->v[i].path, &inl);
    ws_resp_bytes(r, 200, type, data, len);
    S_disposition(r, inl ? "inline" : "attachment", m->v[i].path);
}

/* ---------------------------------------------------------------------
 * Routes.
 */

static void S_session_json(ws_buf *b, const ws_session *se)
{
    ws_buf_puts(b, "{\"user\": ");
    ws_buf_json(b, se->name);
    ws_buf_member(b, "role", se->role);
    ws_buf_member(b, "csrf", se->csrf);
    ws_buf_puts(b, "}");
}

/* POST /api/session */
static void S_login(ws_server *s, const ws_req *q, ws_resp *r)
{
    char *user = ws_json_string(q->body, q->len, "user");
    char *pass = ws_json_string(q->body, q->len, "password");
    char token[65], msg[200];
    ws_session se;
    ws_buf b = {0};
    int wait = 0;
    ws_login l;
    if (!user || !pass) {
        ws_resp_error(r, 400, _("the body is a JSON object with \"user\" and "
                                "\"password\""));
        goto end;
    }
    l = ws_login_try(&s->store, user, pass, q->addr, token, &se, &wait);
    if (l == WS_LOGIN_SLOW || l == WS_LOGIN_SLOW_AGAIN) {
        snprintf(msg, sizeof msg,
                 _("too many wrong passwords: try again in %d s"), wait);
        ws_resp_error(r, 429, msg);
        if (l == WS_LOGIN_SLOW) /* the first try of the wait */
            ws_audit(&s->store, user, q->addr, "login", "slowed");
    } else if (l == WS_LOGIN_WRONG) {
        ws_resp_error(r, 401, _("wrong user or password"));
        ws_audit(&s->store, user, q->addr, "login", "refused");
    } else if (l != WS_LOGIN_OK) {
        ws_resp_error(r, 500, _("cannot open a session"));
    } else {
        ws_buf_puts(&b, "{\"csrf\": ");
        ws_buf_json(&b, se.csrf);
        ws_buf_puts(&b, "}");
        ws_resp_json(r, 200, &b);
        snprintf(r->cookie, sizeof r->cookie,
                 "parpack_session=%s; Path=/; HttpOnly; SameSite=Strict; "
                 "Max-Age=%d%s",
                 token, WS_SESSION_SECONDS, s->tls ? "; Secure" : "");
        ws_audit(&s->store, se.name, q->addr, "login", "ok");
    }
end:
    free(user);
    free(pass);
}

/* A list's answer: each row of q written by row into a JSON array; then
 * q finalized and the store's lock (held by the caller) released. */
static void S_rows_json(ws_server *s, sqlite3_stmt *q,
                        void (*row)(ws_server *s, sqlite3_stmt *q, ws_buf *b),
                        ws_resp *r)
{
    ws_buf b = {0};
    int first = 1;
    ws_buf_puts(&b, "[");
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (!first)
            ws_buf_puts(&b, ", ");
        row(s, q, &b);
        first = 0;
    }
    ws_buf_puts(&b, "]");
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    ws_resp_json(r, 200, &b);
}

/* A year of GET /api/years. */
static void S_year_json(ws_server *s, sqlite3_stmt *q, ws_buf *b)
{
    int blank = sqlite3_column_int(q, 2);
    long long units = sqlite3_column_int64(q, 5);
    char when[32];
    (void)s;
    S_iso(when, sizeof when, sqlite3_column_int64(q, 3));
    ws_buf_printf(b, "{\"year\": %d, \"issuer\": ", sqlite3_column_int(q, 0));
    ws_buf_json(b, (const char *)sqlite3_column_text(q, 1));
    ws_buf_printf(b, ", \"units\": %lld, \"blank\": %s, \"forms\": %lld, "
                     "\"created_at\": \"%s\", \"created_by\": ",
                  units, blank ? "true" : "false",
                  blank ? (long long)sqlite3_column_int64(q, 6) : units, when);
    ws_buf_json(b, (const char *)sqlite3_column_text(q, 4));
    ws_buf_puts(b, "}");
}

/* GET /api/years */
static void S_years(ws_server *s, ws_resp *r)
{
    sqlite3_stmt *q = NULL;
    pthread_mutex_lock(&s->store.lock);
    if (sqlite3_prepare_v2(
            s->store.db,
            "SELECT y.year, y.issuer, y.blank, y.created_at, y.created_by,"
            " (SELECT count(*) FROM units u WHERE u.year=y.year),"
            " (SELECT count(*) FROM units u WHERE u.year=y.year AND EXISTS"
            "  (SELECT 1 FROM forms f WHERE f.year=u.year AND f.unit=u.id"
            "   AND f.status<>'invalid')) "
            "FROM years y ORDER BY y.year DESC",
            -1, &q, NULL) != SQLITE_OK) {
        pthread_mutex_unlock(&s->store.lock);
        ws_resp_error(r, 500, sqlite3_errmsg(s->store.db));
        return;
    }
    S_rows_json(s, q, S_year_json, r);
}

/* POST /api/years */
static void S_year_new(ws_server *s, const ws_req *q, const ws_session *se,
                       ws_resp *r)
{
    size_t at;
    const ws_part *p = ws_part_get(q, "appraisal", 0, &at);
    ws_errs errs = {0};
    ws_buf b = {0};
    int year = 0, rc;
    if (!p) {
        ws_resp_error(r, 400, _("send the appraisal as multipart/form-data, "
                                "in the field 'appraisal'"));
        return;
    }
    rc = ws_year_create(s, se->name, ws_part_name(p, "appraisal.xml"),
                        p->data ? p->data : "", p->len, &year, &errs);
    if (rc == 0) {
        ws_buf_printf(&b, "{\"year\": %d}", year);
        ws_resp_json(r, 201, &b);
    } else if (rc == 2) {
        ws_resp_error(r, 409, errs.v ? errs.v[0].message : "");
    } else if (rc == 1) {
        ws_buf_puts(&b, "{\"errors\": ");
        ws_errs_json(&b, &errs, 0);
        ws_buf_puts(&b, "}");
        ws_resp_json(r, 422, &b);
    } else {
        ws_resp_error(r, 500, _("cannot keep the appraisal"));
    }
    ws_errs_free(&errs);
}

/* A unit of GET /api/years/{year}/units. */
static void S_unit_json(ws_server *s, sqlite3_stmt *q, ws_buf *b)
{
    char when[32];
    int has_a = sqlite3_column_type(q, 3) != SQLITE_NULL;
    int has_i = sqlite3_column_type(q, 6) != SQLITE_NULL;
    int blank = sqlite3_column_int(q, 9);
    const char *form = has_a ? (const char *)sqlite3_column_text(q, 3)
                       : has_i ? "invalid"
                       : blank ? "missing"
                               : "ok";
    int tcol = has_a ? 4 : has_i ? 6 : blank ? -1 : 10;
    ws_buf_puts(b, "{\"id\": ");
    ws_buf_json(b, (const char *)sqlite3_column_text(q, 0));
    ws_buf_member(b, "name", (const char *)sqlite3_column_text(q, 1));
    ws_buf_member(b, "block", (const char *)sqlite3_column_text(q, 2));
    ws_buf_printf(b, ", \"form\": \"%s\", \"received_at\": ", form);
    if (tcol < 0) {
        ws_buf_puts(b, "null, \"received_by\": null");
    } else {
        S_iso(when, sizeof when, sqlite3_column_int64(q, tcol));
        ws_buf_printf(b, "\"%s\", \"received_by\": ", when);
        ws_buf_json(b, (const char *)sqlite3_column_text(q, tcol + 1));
    }
    ws_buf_puts(b, ", \"errors\": ");
    if (has_i)
        ws_buf_puts(b, (const char *)sqlite3_column_text(q, 8));
    else
        ws_buf_puts(b, "[]");
    if (has_i) {
        S_iso(when, sizeof when, sqlite3_column_int64(q, 6));
        ws_buf_printf(b, ", \"refused_at\": \"%s\", \"rows\": ", when);
        ws_buf_puts(b, (const char *)sqlite3_column_text(q, 14));
    }
    ws_buf_puts(b, ", \"link\": ");
    ws_link_json(s, b, (const char *)sqlite3_column_text(q, 15));
    ws_buf_puts(b, "}");
}

/* GET /api/years/{year}/units */
static void S_units(ws_server *s, int year, ws_resp *r)
{
    sqlite3_stmt *q = NULL;
    ws_links_ensure(s, year);
    pthread_mutex_lock(&s->store.lock);
    if (!(q = ws_stmt(
            &s->store,
            "SELECT u.id, u.name, u.block, CASE WHEN a.status='submitted'"
            " AND EXISTS(SELECT 1 FROM sheet_ok k WHERE k.year=u.year AND"
            " k.unit=u.id AND k.form=a.id) THEN 'ok' ELSE a.status END,"
            " a.received_at,"
            " a.received_by, i.received_at, i.received_by, i.errors,"
            " y.blank, y.created_at, y.created_by, a.id, i.id, i.rows, l.nonce "
            "FROM units u JOIN years y ON y.year=u.year "
            "LEFT JOIN links l ON l.year=u.year AND l.unit=u.id "
            "LEFT JOIN forms a ON a.id=(SELECT max(id) FROM forms f WHERE"
            " f.year=u.year AND f.unit=u.id AND f.status<>'invalid') "
            "LEFT JOIN forms i ON i.id=(SELECT max(id) FROM forms f WHERE"
            " f.year=u.year AND f.unit=u.id AND f.status='invalid' AND"
            " f.id>coalesce(a.id,0)) "
            "WHERE u.year=? ORDER BY u.seq",
            year, NULL))) {
        pthread_mutex_unlock(&s->store.lock);
        ws_resp_error(r, 500, sqlite3_errmsg(s->store.db));
        return;
    }
    S_rows_json(s, q, S_unit_json, r);
}

/* A form of GET /api/years/{year}/units/{id}/forms. */
static void S_form_json(ws_server *s, sqlite3_stmt *q, ws_buf *b)
{
    char when[32];
    (void)s;
    S_iso(when, sizeof when, sqlite3_column_int64(q, 2));
    ws_buf_printf(b, "{\"form\": %lld, \"file\": ",
                  (long long)sqlite3_column_int64(q, 0));
    ws_buf_json(b, (const char *)sqlite3_column_text(q, 1));
    ws_buf_printf(b, ", \"received_at\": \"%s\", \"received_by\": ", when);
    ws_buf_json(b, (const char *)sqlite3_column_text(q, 3));
    ws_buf_printf(b, ", \"status\": \"%s\", \"bytes\": %lld, "
                     "\"sha256\": \"%s\"}",
                  (const char *)sqlite3_column_text(q, 4),
                  (long long)sqlite3_column_int64(q, 5),
                  (const char *)sqlite3_column_text(q, 6));
}

/* GET /api/years/{year}/units/{id}/forms: every form received for the
 * unit, newest first. */
static void S_unit_forms(ws_server *s, int year, const char *unit, ws_resp *r)
{
    sqlite3_stmt *q = NULL;
    pthread_mutex_lock(&s->store.lock);
    if (!ws_store_has(&s->store, "SELECT 1 FROM units WHERE year=? AND id=?",
                      year, unit) ||
        !(q = ws_stmt(&s->store,
                      "SELECT id, file, received_at, received_by, status,"
                      " length(bytes), sha256 FROM forms WHERE year=? AND"
                      " unit=? ORDER BY id DESC",
                      year, unit))) {
        pthread_mutex_unlock(&s->store.lock);
        ws_resp_error(r, 404, _("the year has no such unit"));
        return;
    }
    S_rows_json(s, q, S_form_json, r);
}

/* GET /api/years/{year}/forms/{form}: a kept form's bytes. */
static void S_form_bytes(ws_server *s, int year, const char *id, ws_resp *r)
{
    sqlite3_stmt *q = NULL;
    char *end, *data = NULL, name[300] = "";
    long long n;
    size_t len = 0;
    errno = 0;
    n = strtoll(id, &end, 10);
    if (errno || *end || n <= 0 || id[0] == '+' || id[0] == ' ') {
        ws_resp_error(r, 404, _("no such form"));
        return;
    }
    pthread_mutex_lock(&s->store.lock);
    if (sqlite3_prepare_v2(s->store.db,
                           "SELECT bytes, file FROM forms WHERE id=? AND year=?",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, n);
        sqlite3_bind_int(q, 2, year);
        if (sqlite3_step(q) == SQLITE_ROW) {
            len = (size_t)sqlite3_column_bytes(q, 0);
            if ((data = malloc(len ? len : 1)) != NULL)
                memcpy(data, sqlite3_column_blob(q, 0), len);
            ws_col_copy(name, sizeof name, q, 1);
        }
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    if (!data) {
        ws_resp_error(r, 404, _("no such form"));
        return;
    }
    ws_resp_bytes(r, 200,
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  data, len);
    S_disposition(r, "attachment", name);
}

/* POST /api/years/{year}/forms */
static void S_forms_drop(ws_server *s, int year, const ws_req *q,
                         const ws_session *se, ws_resp *r)
{
    size_t at = 0, from = 0;
    const ws_part *p;
    ws_buf b = {0};
    int n = 0;
    if (!q->multipart) {
        ws_resp_error(r, 400, _("send the forms as multipart/form-data, in "
                                "the field 'form'"));
        return;
    }
    ws_buf_puts(&b, "{\"results\": [");
    while ((p = ws_part_get(q, "form", from, &at)) != NULL) {
        if (n++)
            ws_buf_puts(&b, ", ");
        if (ws_form_receive(s, year, se->name, ws_part_name(p, "form.xlsx"),
                            p->data ? p->data : "", p->len, &b) != 0) {
            ws_buf_free(&b);
            ws_resp_error(r, 500, _("cannot keep the form"));
            return;
        }
        from = at + 1;
    }
    ws_buf_puts(&b, "]}");
    if (!n) {
        ws_buf_free(&b);
        ws_resp_error(r, 400, _("send the forms as multipart/form-data, in "
                                "the field 'form'"));
        return;
    }
    ws_resp_json(r, 200, &b);
}

/* The routes under /api/years/{year}/ (seg[0] "years", seg[1] the year). */
static void S_year_route(ws_server *s, const ws_req *q, const ws_session *se,
                         char seg[8][1024], int n, ws_resp *r)
{
    int year = S_year(seg[1], strlen(seg[1]));
    int get = strcmp(q->method, "GET") == 0 || strcmp(q->method, "HEAD") == 0;
    int post = strcmp(q->method, "POST") == 0;
    char err[512], *dir;
    S_manifest m;
    ws_buf b = {0};
    if (!year || !ws_year_exists(s, year)) {
        ws_resp_error(r, 404, _("the workspace has no such year"));
        return;
    }
    if (ws_links_api(s, q, se, year, seg, n, r))
        return;
    if (n == 3 && strcmp(seg[2], "units") == 0 && get) {
        S_units(s, year, r);
    } else if (n == 3 && strcmp(seg[2], "forms") == 0 && post) {
        S_forms_drop(s, year, q, se, r);
    } else if (n == 3 && strcmp(seg[2], "results") == 0 && get) {
        int rc = ws_year_results(s, year, &b);
        if (rc == 0) {
            ws_resp_bytes(r, 200, "application/json; charset=utf-8", b.s,
                          b.len);
            r->no_store = 1;
        } else {
            ws_buf_free(&b);
            ws_resp_error(r, rc == 1 ? 409 : 500,
                          rc == 1 ? _("not every unit's form is in: the "
                                      "results come when they are")
                                  : _("cannot score the year"));
        }
    } else if (n == 3 && strcmp(seg[2], "labels") == 0 && get) {
        if (ws_year_labels(s, year, &b) == 0)
            ws_resp_json(r, 200, &b);
        else {
            ws_buf_free(&b);
            ws_resp_error(r, 500, _("cannot read the year's appraisal"));
        }
    } else if (n == 3 && post &&
               (strcmp(seg[2], "build") == 0 || strcmp(seg[2], "send") == 0)) {
        long long id;
        if (strcmp(seg[2], "send") == 0 && strcmp(se->role, "clerk") != 0) {
            ws_resp_error(r, 403, _("only a clerk may send"));
            return;
        }
        id = ws_job_start(s, year, seg[2], se->name, q->addr, err, sizeof err);
        if (id < 0) {
            ws_resp_error(r, 409, err);
            return;
        }
        ws_buf_printf(&b, "{\"job\": %lld}", id);
        ws_resp_json(r, 202, &b);
    } else if (n == 3 && get && strcmp(seg[2], "forms.zip") == 0) {
        if (!(dir = ws_year_forms(s, year)) || S_manifest_read(dir, &m) != 0) {
            free(dir);
            ws_resp_error(r, 500, _("cannot write the forms"));
            return;
        }
        snprintf(err, sizeof err, "phieu-cham-diem-%d.zip", year);
        S_zip(s, r, dir, &m, "unit-form", NULL, err);
        S_manifest_free(&m);
        free(dir);
    } else if (n == 5 && get && strcmp(seg[2], "units") == 0 &&
               strcmp(seg[4], "forms") == 0) {
        S_unit_forms(s, year, seg[3], r);
    } else if (n == 4 && get && strcmp(seg[2], "forms") == 0) {
        S_form_bytes(s, year, seg[3], r);
    } else if (n == 5 && get && strcmp(seg[2], "units") == 0 &&
               strcmp(seg[4], "form.xlsx") == 0) {
        if (!(dir = ws_year_forms(s, year)) || S_manifest_read(dir, &m) != 0) {
            free(dir);
            ws_resp_error(r, 500, _("cannot write the forms"));
            return;
        }
        S_file(r, dir, &m, NULL, "unit-form", seg[3]);
        if (r->status == 404)
            ws_resp_error(r, 404, _("the year has no such unit"));
        S_manifest_free(&m);
        free(dir);
    } else if (get && n == 3 && strcmp(seg[2], "files") == 0) {
        size_t i;
        dir = ws_path(&s->store, "output/%d", year);
        if (!dir || S_manifest_read(dir, &m) != 0) {
            free(dir);
            ws_resp_error(r, 404, _("the packet is not built yet"));
            return;
        }
        ws_buf_puts(&b, "[");
        for (i = 0; i < m.n; i++) {
            ws_buf_puts(&b, i ? ", {\"kind\": " : "{\"kind\": ");
            ws_buf_json(&b, m.v[i].kind);
            ws_buf_member(&b, "unit", m.v[i].unit[0] ? m.v[i].unit : NULL);
            ws_buf_member(&b, "path", m.v[i].path);
            ws_buf_printf(&b, ", \"bytes\": %lld, \"sha256\": ",
                          strtoll(m.v[i].bytes, NULL, 10));
            ws_buf_json(&b, m.v[i].sha256);
            ws_buf_puts(&b, "}");
        }
        ws_buf_puts(&b, "]");
        ws_resp_json(r, 200, &b);
        S_manifest_free(&m);
        free(dir);
    } else if (get && ((n == 3 && strcmp(seg[2], "packet.zip") == 0) ||
                       (n >= 4 && strcmp(seg[2], "files") == 0))) {
        static const char *const extra[] = {"manifest.tsv", "SHA256SUMS", NULL};
        dir = ws_path(&s->store, "output/%d", year);
        if (!dir || S_manifest_read(dir, &m) != 0) {
            free(dir);
            ws_resp_error(r, 404, _("the packet is not built yet"));
            return;
        }
        if (n == 3) {
            snprintf(err, sizeof err, "goi-chi-so-cchc-%d.zip", year);
            S_zip(s, r, dir, &m, NULL, extra, err);
        } else {
            /* the rest of the path, compared with the manifest's paths */
            char rest[4096];
            int i;
            rest[0] = 0;
            for (i = 3; i < n; i++) {
                if (i > 3)
                    strncat(rest, "/", sizeof rest - strlen(rest) - 1);
                strncat(rest, seg[i], sizeof rest - strlen(rest) - 1);
            }
            S_file(r, dir, &m, rest, NULL, NULL);
        }
        S_manifest_free(&m);
        free(dir);
    } else {
        ws_resp_error(r, 404, _("no such route"));
    }
}

/* 1 when a request's Origin (a browser sends it with every request that
 * changes something) is this server's: its Host, or the public URL. A
 * request without one (a script) is judged by its CSRF token alone. */
static int S_origin_ok(const ws_server *s, const ws_req *q)
{
    return !q->origin || ws_origin_own(s, q);
}

/* 1 when a request that changes something carries the session's CSRF
 * token (compared in constant time), else a 403 into r. */
static int S_csrf_ok(const ws_req *q, const ws_session *se, ws_resp *r)
{
    size_t i;
    unsigned char diff = 0;
    if (q->csrf && strlen(q->csrf) == 64 && strlen(se->csrf) == 64) {
        for (i = 0; i < 64; i++)
            diff |= (unsigned char)(q->csrf[i] ^ se->csrf[i]);
        if (!diff)
            return 1;
    }
    ws_resp_error(r, 403, _("the request lacks the session's "
                            "X-CSRF-Token header"));
    return 0;
}

/* See internal.h. */
void ws_api(ws_server *s, const ws_req *q, ws_resp *r)
{
    char seg[8][1024];
    int n = S_split(q->path + 5, seg); /* after "/api/" */
    int get = strcmp(q->method, "GET") == 0 || strcmp(q->method, "HEAD") == 0;
    ws_session se;
    ws_buf b = {0};
    if (!get && !S_origin_ok(s, q)) {
        ws_resp_error(r, 403, _("the request comes from another site's page"));
        return;
    }
    if (n == 1 && strcmp(seg[0], "session") == 0 &&
        strcmp(q->method, "POST") == 0) {
        S_login(s, q, r);
        return;
    }
    if (ws_session_find(&s->store, q->cookie_token, &se) != 0) {
        ws_resp_error(r, 401, _("log in first"));
        return;
    }
    if (!get && !S_csrf_ok(q, &se, r))
        return;
    if (n <= 0) {
        ws_resp_error(r, 404, _("no such route"));
    } else if (n == 1 && strcmp(seg[0], "session") == 0) {
        if (get) {
            S_session_json(&b, &se);
            ws_resp_json(r, 200, &b);
        } else if (strcmp(q->method, "DELETE") == 0) {
            ws_session_end(&s->store, q->cookie_token);
            ws_audit(&s->store, se.name, q->addr, "logout", NULL);
            ws_buf_puts(&b, "{}");
            ws_resp_json(r, 200, &b);
            snprintf(r->cookie, sizeof r->cookie,
                     "parpack_session=; Path=/; HttpOnly; SameSite=Strict; "
                     "Max-Age=0%s",
                     s->tls ? "; Secure" : "");
        } else {
            ws_resp_error(r, 405, _("method not allowed"));
        }
    } else if (n == 1 && strcmp(seg[0], "years") == 0) {
        if (get)
            S_years(s, r);
        else if (strcmp(q->method, "POST") == 0)
            S_year_new(s, q, &se, r);
        else
            ws_resp_error(r, 405, _("method not allowed"));
    } else if (n >= 2 && strcmp(seg[0], "years") == 0) {
        S_year_route(s, q, &se, seg, n, r);
    } else if (strcmp(seg[0], "jobs") == 0 && (n == 2 || n == 3) && get) {
        char *end;
        long long id;
        errno = 0;
        id = strtoll(seg[1], &end, 10);
        if (errno || *end || id <= 0 || seg[1][0] == '+' || seg[1][0] == ' ') {
            ws_resp_error(r, 404, _("no such job"));
        } else if (n == 2) {
            if (ws_job_json(s, id, &b) == 0)
                ws_resp_json(r, 200, &b);
            else {
                ws_buf_free(&b);
                ws_resp_error(r, 404, _("no such job"));
            }
        } else if (strcmp(seg[2], "events") == 0) {
            if (ws_job_events(s, id, r) != 0)
                ws_resp_error(r, 404, _("no such job"));
        } else {
            ws_resp_error(r, 404, _("no such route"));
        }
    } else {
        ws_resp_error(r, 404, _("no such route"));
    }
}

/* See internal.h. */
void ws_route_gate(ws_server *s, const ws_req *q, ws_resp *r)
{
    int get = strcmp(q->method, "GET") == 0 || strcmp(q->method, "HEAD") == 0;
    ws_session se;
    if (get) { /* no route reads the body of a GET or a HEAD */
        ws_route(s, q, r);
        return;
    }
    if (strncmp(q->path, "/u/", 3) == 0) {
        ws_links_gate(s, q, r);
        return;
    }
    if (strncmp(q->path, "/api/", 5) != 0) {
        /* no page takes a body: ws_pages answers only GET and HEAD */
        ws_resp_error(r, 404, _("no such page"));
        return;
    }
    if (!S_origin_ok(s, q)) {
        ws_resp_error(r, 403, _("the request comes from another site's page"));
        return;
    }
    if (strcmp(q->path, "/api/session") == 0 &&
        strcmp(q->method, "POST") == 0) {
        if (q->multipart) /* a login is JSON, within 64 KB */
            ws_resp_error(r, 400, _("the body is a JSON object with \"user\" "
                                    "and \"password\""));
        return;
    }
    if (ws_session_find(&s->store, q->cookie_token, &se) != 0) {
        ws_resp_error(r, 401, _("log in first"));
        return;
    }
    (void)S_csrf_ok(q, &se, r);
}

/* See internal.h. */
void ws_route(ws_server *s, const ws_req *q, ws_resp *r)
{
    ws_session se;
    int have;
    if (strncmp(q->path, "/api/", 5) == 0) {
        ws_api(s, q, r);
        return;
    }
    if (strncmp(q->path, "/u/", 3) == 0) {
        ws_links_route(s, q, r);
        return;
    }
    have = ws_session_find(&s->store, q->cookie_token, &se) == 0;
    if (!ws_pages(s, q, r, have ? &se : NULL))
        ws_resp_error(r, 404, _("no such page"));
}
