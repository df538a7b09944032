/* answers.c - the council's turn and the answer round (giải trình), issue
 * 24, docs/api.md.
 *
 * A unit's score sheet is its latest accepted form read by import's
 * reader (a form that came through the unit's link gives no appraised
 * points), then the council's entries in the browser (table appraisals,
 * the latest per criterion; an entry older than a form the council
 * uploaded after it gives way to that form), the unit's answers and the
 * council's replies. When every criterion that applies has its appraised
 * points, a submitted unit is ok (table sheet_ok, read by the units list).
 *
 * The round: the clerk opens it (with its deadline); each unit sees on its
 * page, per criterion, the council's appraised points and note beside its
 * own, and may answer in words until the round's deadline; the council
 * accepts an answer (with the new appraised points) or keeps its points
 * with a reply; the clerk closes the round, and the year's results are
 * final. The assembled appraisal carries every step in each score's
 * note (<score note="…">), within the format's 2,000 characters. */
#define _GNU_SOURCE
#include "internal.h"
#include "packet/forms.h"
#include "core/model.h"
#include "base/viet.h"
#include "base/i18n.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { S_WORDS = 1000 }; /* the longest answer, reply or note, in bytes */

static const char S_schema[] =
    "CREATE TABLE IF NOT EXISTS rounds("
    " year INTEGER PRIMARY KEY REFERENCES years(year) ON DELETE CASCADE,"
    " state TEXT NOT NULL CHECK(state IN ('open','closed')), deadline INTEGER,"
    " opened_by TEXT, opened_at INTEGER, closed_by TEXT, closed_at INTEGER);"
    "CREATE TABLE IF NOT EXISTS appraisals("
    " id INTEGER PRIMARY KEY, year INTEGER NOT NULL, unit TEXT NOT NULL,"
    " c TEXT NOT NULL, appraised INTEGER, na INTEGER NOT NULL DEFAULT 0,"
    " note TEXT, kind TEXT NOT NULL CHECK(kind IN ('entry','accept')),"
    " by TEXT, at INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS answers("
    " id INTEGER PRIMARY KEY, year INTEGER NOT NULL, unit TEXT NOT NULL,"
    " c TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS replies("
    " id INTEGER PRIMARY KEY, year INTEGER NOT NULL, unit TEXT NOT NULL,"
    " c TEXT NOT NULL, decision TEXT NOT NULL CHECK(decision IN"
    " ('accept','keep')), appraised INTEGER, reply TEXT, by TEXT,"
    " at INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sheet_ok("
    " year INTEGER NOT NULL, unit TEXT NOT NULL, form INTEGER NOT NULL,"
    " PRIMARY KEY(year, unit));";

/* See internal.h. */
int ws_answers_schema(ws_store *st)
{
    return ws_store_exec(st, S_schema);
}

/* ---------------------------------------------------------------------
 * The round.
 */

/* See internal.h. */
int ws_round_get(ws_server *s, int year, long long *deadline)
{
    sqlite3_stmt *q = NULL;
    int state = WS_ROUND_NONE;
    *deadline = 0;
    pthread_mutex_lock(&s->store.lock);
    if ((q = ws_stmt(&s->store,
                     "SELECT state, deadline FROM rounds WHERE year=?",
                     year, NULL)) != NULL) {
        if (sqlite3_step(q) == SQLITE_ROW) {
            state = strcmp((const char *)sqlite3_column_text(q, 0), "open") == 0
                        ? WS_ROUND_OPEN
                        : WS_ROUND_CLOSED;
            if (sqlite3_column_type(q, 1) != SQLITE_NULL)
                *deadline = sqlite3_column_int64(q, 1);
        }
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    return state;
}

/* See internal.h. */
int ws_round_set(ws_server *s, int year, int open, long long deadline,
                 const char *user)
{
    sqlite3_stmt *q = NULL;
    int rc = -1;
    long long now = (long long)time(NULL);
    pthread_mutex_lock(&s->store.lock);
    if ((q = ws_stmt(
            &s->store,
            open ? "INSERT INTO rounds(year,state,deadline,opened_by,opened_at)"
                   " VALUES(?1,'open',?2,?3,?4) ON CONFLICT(year) DO UPDATE"
                   " SET state='open', deadline=?2, opened_by=?3,"
                   " opened_at=?4, closed_by=NULL, closed_at=NULL"
                 : "UPDATE rounds SET state='closed', closed_by=?3,"
                   " closed_at=?4 WHERE year=?1 AND ?2 IS NULL",
            year, NULL)) != NULL) {
        if (open && deadline > 0)
            sqlite3_bind_int64(q, 2, deadline);
        else
            sqlite3_bind_null(q, 2);
        sqlite3_bind_text(q, 3, user, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 4, now);
        if (sqlite3_step(q) == SQLITE_DONE)
            rc = sqlite3_changes(s->store.db) == 1 ? 0 : 1;
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    return rc;
}

/* ---------------------------------------------------------------------
 * The sheet.
 */

void ws_sheet_free(ws_sheet *sh)
{
    size_t i;
    for (i = 0; i < sh->n; i++) {
        free(sh->v[i].c);
        free(sh->v[i].name);
        free(sh->v[i].note);
        free(sh->v[i].answer);
        free(sh->v[i].decision);
        free(sh->v[i].reply);
    }
    free(sh->v);
    memset(sh, 0, sizeof *sh);
}

/* The row of criterion c, or NULL. */
static ws_row *S_row(ws_sheet *sh, const char *c)
{
    size_t i;
    for (i = 0; i < sh->n; i++)
        if (strcmp(sh->v[i].c, c) == 0)
            return &sh->v[i];
    return NULL;
}

static char *S_dup(const unsigned char *t)
{
    return t ? strdup((const char *)t) : NULL;
}

/* The scores a form gives its unit, into the rows. */
static void S_form_scores(ws_server *s, int year, ws_sheet *sh,
                          const pp_model *blank, const char *blank_path,
                          const void *data, size_t len)
{
    char *dir = ws_path(&s->store, "tmp"), *in = NULL, *out = NULL;
    const char *inputs[1];
    pp_diags d = {0};
    pp_model *one = NULL;
    size_t u, l;
    int fd;
    (void)year;
    if (!dir || ws_mkdirs(dir) != 0 ||
        asprintf(&in, "%s/" WS_TMP_SHEET "XXXXXX.xlsx", dir) < 0) {
        in = NULL;
        goto end;
    }
    if ((fd = mkstemps(in, 5)) < 0) {
        free(in);
        in = NULL;
        goto end;
    }
    close(fd);
    if (ws_write_file(in, data, len) != 0 ||
        asprintf(&out, "%s.xml", in) < 0) {
        out = NULL;
        goto end;
    }
    inputs[0] = in;
    if (!ws_import(blank, blank_path, inputs, 1, 1, out, &d))
        goto end;
    if (!(one = pp_model_load_flags(out, PP_LOAD_BLANK, &d)))
        goto end;
    for (u = 0; u < one->nunits; u++) {
        if (strcmp(one->units[u].id, sh->unit) != 0)
            continue;
        for (l = 0; l < one->nleaves && l < sh->n; l++) {
            const pp_score *sc = &one->units[u].scores[l];
            ws_row *r = &sh->v[l];
            r->has_self = sc->has_self;
            r->self = sc->self;
            r->na = sc->na;
            if (!sh->via_link) {
                r->has_appr = sc->has_appraised;
                r->appr = sc->appraised;
                free(r->note);
                r->note = sc->note ? strdup(sc->note) : NULL;
            }
        }
    }
end:
    pp_model_free(one);
    pp_diags_free(&d);
    ws_temp_drop(in);
    ws_temp_drop(out);
    free(dir);
}

/* Each row of a step of the sheet (sql of the year and the unit, its
 * first column a criterion) given to fn with the sheet's row of that
 * criterion; rows of no criterion of the sheet are passed over. The
 * caller holds the store's lock. */
static void S_steps(ws_server *s, const char *sql, int year,
                    const char *unit, ws_sheet *sh,
                    void (*fn)(ws_row *r, sqlite3_stmt *q, const void *ctx),
                    const void *ctx)
{
    sqlite3_stmt *q = ws_stmt(&s->store, sql, year, unit);
    ws_row *r;
    while (q && sqlite3_step(q) == SQLITE_ROW)
        if ((r = S_row(sh, (const char *)sqlite3_column_text(q, 0))) != NULL)
            fn(r, q, ctx);
    sqlite3_finalize(q);
}

/* The sheet and when its form came: a council's entry older than a form
 * the council uploaded itself gives way to it. */
typedef struct {
    const ws_sheet *sh;
    long long at;
} S_since;

/* A council's entry (c, appraised, na, note, at). */
static void S_entry(ws_row *r, sqlite3_stmt *q, const void *ctx)
{
    const S_since *w = ctx;
    if (!w->sh->via_link && w->sh->form_id &&
        sqlite3_column_int64(q, 4) < w->at)
        return; /* a form the council uploaded later wins */
    r->has_appr = sqlite3_column_type(q, 1) != SQLITE_NULL;
    r->appr = sqlite3_column_int64(q, 1);
    if (sqlite3_column_int(q, 2))
        r->na = 1;
    free(r->note);
    r->note = S_dup(sqlite3_column_text(q, 3));
    r->entered = 1;
}

/* The unit's answer (c, text). */
static void S_answer(ws_row *r, sqlite3_stmt *q, const void *ctx)
{
    (void)ctx;
    free(r->answer);
    r->answer = S_dup(sqlite3_column_text(q, 1));
}

/* The council's reply (c, decision, appraised, reply). */
static void S_reply(ws_row *r, sqlite3_stmt *q, const void *ctx)
{
    (void)ctx;
    free(r->decision);
    free(r->reply);
    r->decision = S_dup(sqlite3_column_text(q, 1));
    r->reply = S_dup(sqlite3_column_text(q, 3));
    r->has_before = sqlite3_column_type(q, 2) != SQLITE_NULL;
    r->before = sqlite3_column_int64(q, 2);
}

/* See internal.h. */
int ws_sheet_read(ws_server *s, int year, const char *unit, ws_sheet *sh)
{
    char *src = ws_path(&s->store, "years/%d/source.xml", year);
    pp_diags d = {0};
    pp_model *m = NULL;
    sqlite3_stmt *q = NULL;
    char *data = NULL;
    size_t len = 0, l;
    S_since since = {sh, 0};
    int rc = -1, found = 0;
    memset(sh, 0, sizeof *sh);
    snprintf(sh->unit, sizeof sh->unit, "%s", unit);
    snprintf(sh->form, sizeof sh->form, "missing");
    pthread_mutex_lock(&s->store.lock);
    if ((q = ws_stmt(&s->store,
                     "SELECT name FROM units WHERE year=? AND id=?",
                     year, unit)) != NULL) {
        if (sqlite3_step(q) == SQLITE_ROW) {
            found = 1;
            ws_col_copy(sh->name, sizeof sh->name, q, 0);
        }
    }
    sqlite3_finalize(q);
    q = NULL;
    if (found &&
        (q = ws_stmt(&s->store,
                     "SELECT id, status, via, received_at, bytes FROM "
                     "forms WHERE year=? AND unit=? AND status<>'invalid'"
                     " ORDER BY id DESC LIMIT 1",
                     year, unit)) != NULL) {
        if (sqlite3_step(q) == SQLITE_ROW) {
            sh->form_id = sqlite3_column_int64(q, 0);
            ws_col_copy(sh->form, sizeof sh->form, q, 1);
            sh->via_link = strcmp((const char *)sqlite3_column_text(q, 2),
                                  "link") == 0;
            since.at = sqlite3_column_int64(q, 3);
            len = (size_t)sqlite3_column_bytes(q, 4);
            if ((data = malloc(len ? len : 1)) != NULL)
                memcpy(data, sqlite3_column_blob(q, 4), len);
        }
    }
    sqlite3_finalize(q);
    q = NULL;
    pthread_mutex_unlock(&s->store.lock);
    if (!found || !src || (sh->form_id && !data))
        goto end;
    pthread_mutex_lock(&ws_core_lock);
    m = pp_model_load_flags(src, PP_LOAD_BLANK, &d);
    if (m && (sh->v = calloc(m->nleaves + 1, sizeof *sh->v)) != NULL) {
        sh->n = m->nleaves;
        for (l = 0; l < m->nleaves; l++) {
            const pp_criterion *c = &m->criteria[m->leaves[l]];
            sh->v[l].c = strdup(c->id);
            sh->v[l].name = strdup(c->name ? c->name : "");
            sh->v[l].max = c->max;
            sh->v[l].survey = c->source == PP_SOURCE_SURVEY;
        }
        if (data)
            S_form_scores(s, year, sh, m, src, data, len);
    }
    pp_model_free(m);
    pthread_mutex_unlock(&ws_core_lock);
    if (!sh->v)
        goto end;
    /* the council's entries, the answers, the replies */
    pthread_mutex_lock(&s->store.lock);
    S_steps(s, "SELECT c, appraised, na, note, at FROM appraisals "
               "WHERE year=? AND unit=? ORDER BY id",
            year, unit, sh, S_entry, &since);
    S_steps(s, "SELECT c, text FROM answers WHERE year=? AND "
               "unit=? ORDER BY id",
            year, unit, sh, S_answer, NULL);
    S_steps(s, "SELECT c, decision, appraised, reply FROM replies "
               "WHERE year=? AND unit=? ORDER BY id",
            year, unit, sh, S_reply, NULL);
    pthread_mutex_unlock(&s->store.lock);
    sh->complete = sh->form_id != 0;
    for (l = 0; l < sh->n; l++)
        if (!sh->v[l].na && !sh->v[l].has_appr)
            sh->complete = 0;
    rc = 0;
end:
    pp_diags_free(&d);
    free(data);
    free(src);
    if (rc != 0)
        ws_sheet_free(sh);
    return rc;
}

/* Record whether the unit's sheet is complete (the units list reads it). */
static void S_mark(ws_server *s, int year, const ws_sheet *sh)
{
    sqlite3_stmt *q = NULL;
    pthread_mutex_lock(&s->store.lock);
    if ((q = ws_stmt(
            &s->store,
            sh->complete ? "INSERT INTO sheet_ok(year,unit,form) VALUES(?1,?2,"
                           "?3) ON CONFLICT(year,unit) DO UPDATE SET form=?3"
                         : "DELETE FROM sheet_ok WHERE year=?1 AND unit=?2 "
                           "AND ?3 IS NOT NULL",
            year, sh->unit)) != NULL) {
        sqlite3_bind_int64(q, 3, sh->form_id);
        (void)sqlite3_step(q);
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
}

/* See internal.h. */
void ws_sheet_mark(ws_server *s, int year, const char *unit)
{
    ws_sheet sh;
    if (ws_sheet_read(s, year, unit, &sh) != 0)
        return;
    S_mark(s, year, &sh);
    ws_sheet_free(&sh);
}

/* Points as the pages write them ("1.5"), or "" */
static void S_pts(char *out, size_t cap, int has, pp_milli v)
{
    if (!has)
        snprintf(out, cap, "%s", "");
    else
        pp_fmt_points(out, cap, v);
}

/* See internal.h. */
void ws_note_compose(ws_buf *b, const ws_row *r)
{
    char pts[32];
    size_t start = b->len;
    if (r->note && *r->note)
        ws_buf_puts(b, r->note);
    if (r->answer && *r->answer) {
        if (b->len > start)
            ws_buf_puts(b, " | ");
        ws_buf_puts(b, _("The unit's answer: "));
        ws_buf_puts(b, r->answer);
    }
    if (r->decision && strcmp(r->decision, "accept") == 0) {
        S_pts(pts, sizeof pts, r->has_appr, r->appr);
        if (b->len > start)
            ws_buf_puts(b, " | ");
        ws_buf_printf(b, _("The council accepted it: appraised %s"), pts);
        if (r->reply && *r->reply) {
            ws_buf_puts(b, ". ");
            ws_buf_puts(b, r->reply);
        }
    } else if (r->decision) {
        if (b->len > start)
            ws_buf_puts(b, " | ");
        ws_buf_puts(b, _("The council keeps its points: "));
        ws_buf_puts(b, r->reply ? r->reply : "");
    }
    if (b->s && b->len - start > 2000) { /* the format's bound, whole letters */
        size_t n = start + 1990;
        while (n > start && ((unsigned char)b->s[n] & 0xC0) == 0x80)
            n--;
        b->len = n;
        b->s[n] = 0;
        ws_buf_puts(b, "…");
    }
}

/* The sheet as JSON. */
static void S_sheet_json(ws_buf *b, const ws_sheet *sh, int year, int round,
                         long long deadline)
{
    size_t i;
    char pts[32], when[32];
    ws_buf_puts(b, "{\"unit\": ");
    ws_buf_json(b, sh->unit);
    ws_buf_member(b, "name", sh->name);
    ws_buf_printf(b, ", \"year\": %d, \"form\": \"%s\", \"round\": {\"state\": "
                     "\"%s\", \"deadline\": ",
                  year,
                  sh->complete && strcmp(sh->form, "submitted") == 0 ? "ok"
                                                                      : sh->form,
                  round == WS_ROUND_OPEN     ? "open"
                  : round == WS_ROUND_CLOSED ? "closed"
                                             : "none");
    if (deadline) {
        time_t t = (time_t)deadline;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        ws_buf_printf(b, "\"%s\"}", when);
    } else {
        ws_buf_puts(b, "null}");
    }
    ws_buf_puts(b, ", \"criteria\": [");
    for (i = 0; i < sh->n; i++) {
        const ws_row *r = &sh->v[i];
        ws_buf puts = {0};
        ws_buf_puts(b, i ? ", {\"c\": " : "{\"c\": ");
        ws_buf_json(b, r->c);
        ws_buf_member(b, "name", r->name);
        pp_fmt_points(pts, sizeof pts, r->max);
        ws_buf_printf(b, ", \"max\": \"%s\", \"na\": %s, \"self\": ", pts,
                      r->na ? "true" : "false");
        S_pts(pts, sizeof pts, r->has_self, r->self);
        ws_buf_json(b, r->has_self ? pts : NULL);
        ws_buf_puts(b, ", \"appraised\": ");
        S_pts(pts, sizeof pts, r->has_appr, r->appr);
        ws_buf_json(b, r->has_appr ? pts : NULL);
        ws_buf_member(b, "note", r->note);
        ws_buf_member(b, "answer", r->answer);
        ws_buf_member(b, "decision", r->decision);
        ws_buf_member(b, "reply", r->reply);
        ws_buf_puts(b, ", \"before\": ");
        S_pts(pts, sizeof pts, r->has_before, r->before);
        ws_buf_json(b, r->has_before ? pts : NULL);
        ws_note_compose(&puts, r);
        ws_buf_member(b, "sheet_note", puts.len ? puts.s : NULL);
        ws_buf_free(&puts);
        ws_buf_puts(b, "}");
    }
    ws_buf_puts(b, "]}");
}

/* Text from a request: control characters as spaces, at most S_WORDS
 * bytes (whole letters); malloc'd, or NULL when empty. */
char *ws_words(const char *t)
{
    size_t n, i;
    char *o;
    if (!t)
        return NULL;
    while (*t == ' ' || *t == '\t' || *t == '\r' || *t == '\n')
        t++;
    n = strlen(t);
    while (n && (t[n - 1] == ' ' || t[n - 1] == '\t' || t[n - 1] == '\r' ||
                 t[n - 1] == '\n'))
        n--;
    if (n > S_WORDS) {
        n = S_WORDS;
        while (n && ((unsigned char)t[n] & 0xC0) == 0x80)
            n--;
    }
    if (!n || !(o = strndup(t, n)))
        return NULL;
    for (i = 0; i < n; i++)
        if ((unsigned char)o[i] < 0x20 || o[i] == 0x7f)
            o[i] = ' ';
    return o;
}

/* See internal.h. */
int ws_answers_api(ws_server *s, const ws_req *q, const ws_session *se,
                   int year, char seg[8][1024], int n, ws_resp *r)
{
    int get = strcmp(q->method, "GET") == 0 || strcmp(q->method, "HEAD") == 0;
    int put = strcmp(q->method, "PUT") == 0;
    ws_sheet sh;
    ws_row *row;
    ws_buf b = {0};
    long long deadline;
    int round;
    char detail[1400], pts[32];
    sqlite3_stmt *st = NULL;
    if (n < 5 || strcmp(seg[2], "units") != 0)
        return 0;
    if (!((n == 5 && get && strcmp(seg[4], "sheet") == 0) ||
          (n == 6 && put && strcmp(seg[4], "criteria") == 0) ||
          (n == 7 && put && strcmp(seg[4], "criteria") == 0 &&
           strcmp(seg[6], "reply") == 0)))
        return 0;
    round = ws_round_get(s, year, &deadline);
    if (ws_sheet_read(s, year, seg[3], &sh) != 0) {
        ws_resp_error(r, 404, _("the year has no such unit"));
        return 1;
    }
    if (n == 5) {
        S_sheet_json(&b, &sh, year, round, deadline);
        ws_sheet_free(&sh);
        ws_resp_json(r, 200, &b);
        return 1;
    }
    if (!(row = S_row(&sh, seg[5]))) {
        ws_sheet_free(&sh);
        ws_resp_error(r, 404, _("the form has no such criterion"));
        return 1;
    }
    if (!sh.form_id) {
        ws_sheet_free(&sh);
        ws_resp_error(r, 409, _("the unit has sent no form yet"));
        return 1;
    }
    if (round == WS_ROUND_CLOSED) {
        ws_sheet_free(&sh);
        ws_resp_error(r, 409, _("the year is closed: its results are final"));
        return 1;
    }
    {
        char *ap = ws_json_string(q->body, q->len, "appraised");
        char *note = ws_json_string(q->body, q->len, "note");
        char *dec = ws_json_string(q->body, q->len, "decision");
        char *reply = ws_json_string(q->body, q->len, "reply");
        char *words = ws_words(n == 6 ? note : reply);
        pp_milli v = 0;
        int k = ap ? pp_form_score_parse(ap, &v) : 0, ok = 1;
        const char *err = NULL;
        if (n == 6) {
            if (k == 1 && (v < 0 || v > row->max))
                err = _("the appraised points are a number from 0 to the "
                        "criterion's maximum");
            else if (k != 1 && k != 2)
                err = _("the body is a JSON object with \"appraised\" (the "
                        "points, or KAD) and \"note\"");
        } else {
            if (round != WS_ROUND_OPEN)
                err = _("the answer round is not open");
            else if (!row->answer)
                err = _("the unit has not answered on this criterion");
            else if (!dec || (strcmp(dec, "accept") != 0 &&
                              strcmp(dec, "keep") != 0))
                err = _("\"decision\" is \"accept\" (with the new "
                        "\"appraised\" points) or \"keep\" (with a "
                        "\"reply\")");
            else if (strcmp(dec, "accept") == 0 &&
                     (k != 1 || v < 0 || v > row->max))
                err = _("an accepted answer gives the new appraised points: "
                        "a number from 0 to the criterion's maximum");
            else if (strcmp(dec, "keep") == 0 && !words)
                err = _("keeping the points needs a reply in words");
        }
        if (err) {
            ws_resp_error(r, n == 7 && round != WS_ROUND_OPEN ? 409 : 400,
                          err);
            ok = 0;
        }
        pthread_mutex_lock(&s->store.lock);
        if (ok && n == 7) {
            /* the reply, and with an acceptance the new points */
            if ((st = ws_stmt(&s->store,
                              "INSERT INTO replies(year,unit,c,decision,"
                              "appraised,reply,by,at) VALUES(?,?,?,?,?,?,"
                              "?,?)",
                              year, sh.unit)) != NULL) {
                sqlite3_bind_text(st, 3, row->c, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(st, 4, dec, -1, SQLITE_TRANSIENT);
                if (row->has_appr)
                    sqlite3_bind_int64(st, 5, row->appr);
                else
                    sqlite3_bind_null(st, 5);
                sqlite3_bind_text(st, 6, words, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(st, 7, se->name, -1, SQLITE_TRANSIENT);
                sqlite3_bind_int64(st, 8, (sqlite3_int64)time(NULL));
                ok = sqlite3_step(st) == SQLITE_DONE;
            }
            sqlite3_finalize(st);
            st = NULL;
        }
        if (ok && (n == 6 || strcmp(dec, "accept") == 0) &&
            (st = ws_stmt(&s->store,
                          "INSERT INTO appraisals(year,unit,c,appraised,"
                          "na,note,kind,by,at) VALUES(?,?,?,?,?,?,?,?,?)",
                          year, sh.unit)) != NULL) {
            sqlite3_bind_text(st, 3, row->c, -1, SQLITE_TRANSIENT);
            if (k == 1)
                sqlite3_bind_int64(st, 4, v);
            else
                sqlite3_bind_null(st, 4);
            sqlite3_bind_int(st, 5, k == 2);
            if (n == 6)
                sqlite3_bind_text(st, 6, words, -1, SQLITE_TRANSIENT);
            else
                sqlite3_bind_text(st, 6, row->note, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(st, 7, n == 6 ? "entry" : "accept", -1,
                              SQLITE_STATIC);
            sqlite3_bind_text(st, 8, se->name, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(st, 9, (sqlite3_int64)time(NULL));
            ok = sqlite3_step(st) == SQLITE_DONE;
        }
        sqlite3_finalize(st);
        pthread_mutex_unlock(&s->store.lock);
        if (ok) {
            pp_fmt_points(pts, sizeof pts, v);
            if (n == 6)
                snprintf(detail, sizeof detail,
                         "year %d unit %.100s criterion %.40s: appraised %s"
                         " note %.1000s",
                         year, sh.unit, row->c, k == 2 ? "KAD" : pts,
                         words ? words : "");
            else
                snprintf(detail, sizeof detail,
                         "year %d unit %.100s criterion %.40s: answer %s%s%s"
                         " %.1000s",
                         year, sh.unit, row->c,
                         strcmp(dec, "accept") == 0 ? "accepted, appraised "
                                                    : "kept",
                         strcmp(dec, "accept") == 0 ? pts : "",
                         strcmp(dec, "accept") == 0 ? "" : ":",
                         words ? words : "");
            ws_audit(&s->store, se->name, q->addr,
                     n == 6 ? "appraise" : "answer-reply", detail);
            ws_sheet_free(&sh);
            if (ws_sheet_read(s, year, seg[3], &sh) == 0) {
                S_mark(s, year, &sh);
                S_sheet_json(&b, &sh, year, round, deadline);
                ws_resp_json(r, 200, &b);
            } else {
                ws_resp_error(r, 500, _("cannot read the unit's sheet"));
            }
        } else if (!err) {
            ws_resp_error(r, 500, _("cannot keep the appraisal"));
        }
        free(ap);
        free(note);
        free(dec);
        free(reply);
        free(words);
    }
    ws_sheet_free(&sh);
    return 1;
}

/* See internal.h. */
int ws_answer_save(ws_server *s, int year, const char *unit, const char *c,
                   const char *text)
{
    sqlite3_stmt *q = NULL;
    int rc = -1;
    char detail[1300];
    pthread_mutex_lock(&s->store.lock);
    if ((q = ws_stmt(&s->store,
                     "INSERT INTO answers(year,unit,c,text,at) "
                     "VALUES(?,?,?,?,?)",
                     year, unit)) != NULL) {
        sqlite3_bind_text(q, 3, c, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 4, text, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 5, (sqlite3_int64)time(NULL));
        if (sqlite3_step(q) == SQLITE_DONE)
            rc = 0;
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    if (rc == 0) {
        char user[300];
        snprintf(user, sizeof user, "link:%s", unit);
        snprintf(detail, sizeof detail,
                 "year %d unit %.100s criterion %.40s: answer %.1000s", year,
                 unit, c, text);
        ws_audit(&s->store, user, NULL, "answer", detail);
    }
    return rc;
}

/* See internal.h. */
void ws_answers_stamp(ws_server *s, int year, ws_buf *b)
{
    sqlite3_stmt *q = NULL;
    pthread_mutex_lock(&s->store.lock);
    if ((q = ws_stmt(
            &s->store,
            "SELECT (SELECT coalesce(max(id),0) FROM appraisals WHERE year=?1),"
            " (SELECT coalesce(max(id),0) FROM answers WHERE year=?1),"
            " (SELECT coalesce(max(id),0) FROM replies WHERE year=?1)",
            year, NULL)) != NULL) {
        if (sqlite3_step(q) == SQLITE_ROW)
            ws_buf_printf(b, "steps %lld %lld %lld\n",
                          (long long)sqlite3_column_int64(q, 0),
                          (long long)sqlite3_column_int64(q, 1),
                          (long long)sqlite3_column_int64(q, 2));
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
}

void ws_sheets_free(ws_sheets *sh)
{
    size_t i;
    for (i = 0; i < sh->n; i++)
        ws_sheet_free(&sh->v[i]);
    free(sh->v);
    sh->v = NULL;
    sh->n = 0;
}

/* See internal.h. */
int ws_answers_sheets(ws_server *s, int year, ws_sheets *out)
{
    char **units;
    size_t n, i;
    int rc;
    memset(out, 0, sizeof *out);
    pthread_mutex_lock(&s->store.lock);
    rc = ws_store_texts(&s->store,
                        "SELECT unit FROM appraisals WHERE year=?1 UNION "
                        "SELECT unit FROM answers WHERE year=?1",
                        year, &units, &n);
    pthread_mutex_unlock(&s->store.lock);
    if (rc == 0 && n && !(out->v = calloc(n, sizeof *out->v)))
        rc = -1;
    for (i = 0; i < n && rc == 0; i++) {
        if (ws_sheet_read(s, year, units[i], &out->v[out->n]) != 0)
            rc = -1;
        else
            out->n++;
    }
    ws_texts_free(units, n);
    if (rc != 0)
        ws_sheets_free(out);
    return rc;
}

/* See internal.h. */
void ws_answers_apply(struct _xmlDoc *doc, const ws_sheets *sheets)
{
    size_t i, l;
    for (i = 0; i < sheets->n; i++) {
        const ws_sheet *sh = &sheets->v[i];
        xmlNodePtr u = ws_xml_unit(xmlDocGetRootElement(doc), sh->unit), sc;
        if (!u)
            continue;
        for (l = 0; l < sh->n; l++) {
            const ws_row *r = &sh->v[l];
            ws_buf note = {0};
            char pts[32];
            if (!r->entered && !r->answer)
                continue;
            for (sc = u->children; sc; sc = sc->next) {
                xmlChar *c;
                int hit;
                if (sc->type != XML_ELEMENT_NODE ||
                    !xmlStrEqual(sc->name, BAD_CAST "score"))
                    continue;
                c = xmlGetProp(sc, BAD_CAST "c");
                hit = c && strcmp((const char *)c, r->c) == 0;
                xmlFree(c);
                if (hit)
                    break;
            }
            if (!sc) /* a criterion the unit's form left out */
                sc = xmlNewChild(u, NULL, BAD_CAST "score", NULL);
            if (!sc)
                continue;
            xmlSetProp(sc, BAD_CAST "c", BAD_CAST r->c);
            if (r->na) {
                xmlUnsetProp(sc, BAD_CAST "self");
                xmlUnsetProp(sc, BAD_CAST "appraised");
                xmlSetProp(sc, BAD_CAST "na", BAD_CAST "true");
            } else if (r->has_appr) {
                pp_fmt_points(pts, sizeof pts, r->appr);
                xmlSetProp(sc, BAD_CAST "appraised", BAD_CAST pts);
            }
            ws_note_compose(&note, r);
            if (note.len && !note.oom)
                xmlSetProp(sc, BAD_CAST "note", BAD_CAST note.s);
            else
                xmlUnsetProp(sc, BAD_CAST "note");
            ws_buf_free(&note);
        }
    }
}
