/* links.c - each unit's own link (issue 24, docs/api.md): PUBLIC_URL/u/TOKEN
 * opens the unit's page without an account: its name and year, its blank
 * form, its form sent back (judged at once by the same reader as the
 * clerk's drops, errors on the cells), what it has sent and when, and
 * the deadline. It shows nothing of any other unit.
 *
 * A link's token is 192 bits: SHA-256 of the workspace's link key
 * (DIR/link.key, 256 random bits from getrandom, mode 0600, never in the
 * database) and the link's nonce (192 random bits from getrandom, in the
 * table links), cut to 48 hex digits. The database keeps the nonce and
 * the token's SHA-256 (units.link_hash, by which a request's token is
 * found), so that the clerk can be shown the link again while neither
 * the database alone nor a request log gives a working link away. A new
 * link replaces the nonce and the hash in one statement: the old token
 * is dead at once.
 *
 * Wrong tokens are counted per address (login_failures, key
 * "link:ADDR"): past S_SLOW_AFTER in S_SLOW_FOR seconds every /u/ request
 * of that address gets 429, so that tokens cannot be guessed, and a
 * right token is not told from a wrong one. A POST carries no session:
 * its token is in its path, and a browser's Origin or Sec-Fetch-Site must
 * say it came from this site (a form of another site is refused). */
#define _GNU_SOURCE
#include "internal.h"
#include "base/sha256.h"
#include "base/viet.h"
#include "base/i18n.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
    S_TOKEN = 48,       /* hex digits of a token: 192 bits */
    S_NONCE = 24,       /* random bytes of a nonce */
    S_SLOW_AFTER = 30,  /* wrong tokens from one address ... */
    S_SLOW_FOR = 900,   /* ... within this many seconds: 429 */
    S_QUOTA_FORMS = 30, /* forms a link takes in S_QUOTA_FOR seconds ... */
    S_QUOTA_FOR = 86400
};
/* ... and bytes: a unit's form is some tens of kilobytes, so that a link,
 * which anyone holding it can use, cannot fill the server's disk */
#define S_QUOTA_BYTES (50LL * 1024 * 1024)

static const char S_schema[] =
    "CREATE TABLE IF NOT EXISTS links("
    " year INTEGER NOT NULL, unit TEXT NOT NULL, nonce TEXT NOT NULL,"
    " made_at INTEGER NOT NULL, made_by TEXT,"
    " PRIMARY KEY(year, unit),"
    " FOREIGN KEY(year, unit) REFERENCES units(year, id) ON DELETE CASCADE);";

/* See internal.h. */
int ws_links_schema(ws_store *st)
{
    return ws_store_exec(st, S_schema) == 0 && ws_answers_schema(st) == 0
               ? 0
               : -1;
}

/* ---------------------------------------------------------------------
 * Tokens.
 */

static pthread_mutex_t S_key_lock = PTHREAD_MUTEX_INITIALIZER;
static char S_key[65];

/* The workspace's link key (64 hex digits), made the first time; 0 or
 * -1. */
static int S_key_get(ws_server *s)
{
    char *path, *text;
    size_t len;
    int rc = -1, fd;
    pthread_mutex_lock(&S_key_lock);
    if (S_key[0]) {
        pthread_mutex_unlock(&S_key_lock);
        return 0;
    }
    if (!(path = ws_path(&s->store, "link.key")))
        goto end;
    text = ws_read_file(path, 1024, &len);
    if (!text) {
        char k[65];
        if (ws_random_hex(k, 32) != 0)
            goto end;
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            int ok = write(fd, k, 64) == 64 && fsync(fd) == 0;
            if (close(fd) != 0 || !ok) {
                unlink(path);
                goto end;
            }
            /* the key's name synced too: a key lost to a power cut
             * would be a new key, and every link passed on dead */
            if ((fd = open(s->store.dir, O_RDONLY | O_DIRECTORY |
                                             O_CLOEXEC)) >= 0) {
                (void)fsync(fd);
                close(fd);
            }
        } else if (errno != EEXIST) {
            goto end;
        }
        text = ws_read_file(path, 1024, &len);
    }
    if (text && len >= 64) {
        memcpy(S_key, text, 64);
        S_key[64] = 0;
        rc = 0;
    }
    free(text);
end:
    free(path);
    pthread_mutex_unlock(&S_key_lock);
    return rc;
}

/* The token of a nonce into tok (S_TOKEN hex digits); 0 or -1. */
static int S_token(ws_server *s, const char *nonce, char tok[S_TOKEN + 1])
{
    char buf[200], hex[PP_SHA256_HEX];
    int n;
    if (S_key_get(s) != 0)
        return -1;
    n = snprintf(buf, sizeof buf, "parpack-link:%s:%s", S_key, nonce);
    if (n < 0 || n >= (int)sizeof buf ||
        pp_sha256_mem(buf, (size_t)n, hex) != PP_OK)
        return -1;
    memcpy(tok, hex, S_TOKEN);
    tok[S_TOKEN] = 0;
    return 0;
}

/* The stored form of a token. */
static int S_token_hash(const char *tok, char hex[PP_SHA256_HEX])
{
    return pp_sha256_mem(tok, strlen(tok), hex) == PP_OK ? 0 : -1;
}

/* A new link for (year, unit), under the store's lock; 0 or -1. */
static int S_link_new(ws_server *s, int year, const char *unit,
                      const char *by)
{
    char nonce[2 * S_NONCE + 1], tok[S_TOKEN + 1], hash[PP_SHA256_HEX];
    sqlite3_stmt *q = NULL;
    int rc = -1;
    time_t now = time(NULL);
    if (ws_random_hex(nonce, S_NONCE) != 0 || S_token(s, nonce, tok) != 0 ||
        S_token_hash(tok, hash) != 0)
        return -1;
    if (!(q = ws_stmt(
            &s->store,
            "INSERT INTO links(year,unit,nonce,made_at,made_by) "
            "VALUES(?1,?2,?3,?4,?5) ON CONFLICT(year,unit) DO UPDATE SET "
            "nonce=excluded.nonce, made_at=excluded.made_at, "
            "made_by=excluded.made_by",
            year, unit)))
        goto end;
    sqlite3_bind_text(q, 3, nonce, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 4, (sqlite3_int64)now);
    sqlite3_bind_text(q, 5, by, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(q) != SQLITE_DONE)
        goto end;
    sqlite3_finalize(q);
    if (sqlite3_prepare_v2(s->store.db,
                           "UPDATE units SET link_hash=?, link_at=? "
                           "WHERE year=? AND id=?",
                           -1, &q, NULL) != SQLITE_OK) {
        q = NULL;
        goto end;
    }
    sqlite3_bind_text(q, 1, hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)now);
    sqlite3_bind_int(q, 3, year);
    sqlite3_bind_text(q, 4, unit, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(q) == SQLITE_DONE && sqlite3_changes(s->store.db) == 1)
        rc = 0;
end:
    sqlite3_finalize(q);
    return rc;
}

/* See internal.h. */
void ws_links_ensure(ws_server *s, int year)
{
    char **ids;
    size_t n, i;
    int ok;
    if (S_key_get(s) != 0)
        return;
    pthread_mutex_lock(&s->store.lock);
    ok = ws_store_texts(&s->store,
                        "SELECT u.id FROM units u WHERE u.year=? AND NOT "
                        "EXISTS (SELECT 1 FROM links l WHERE l.year=u.year"
                        " AND l.unit=u.id) ORDER BY u.seq",
                        year, &ids, &n) == 0;
    if (ok && n && ws_store_exec(&s->store, "BEGIN IMMEDIATE") == 0) {
        for (i = 0; i < n && ok; i++)
            ok = S_link_new(s, year, ids[i], NULL) == 0;
        ws_store_exec(&s->store, ok ? "COMMIT" : "ROLLBACK");
    }
    pthread_mutex_unlock(&s->store.lock);
    ws_texts_free(ids, n);
}

/* The address of a token: PUBLIC_URL/u/TOKEN, or /u/TOKEN. */
static void S_url(ws_server *s, ws_buf *b, const char *tok)
{
    if (s->public_url && *s->public_url) {
        size_t n = strlen(s->public_url);
        while (n && s->public_url[n - 1] == '/')
            n--;
        ws_buf_add(b, s->public_url, n);
    }
    ws_buf_printf(b, "/u/%s", tok);
}

/* See internal.h. */
void ws_link_json(ws_server *s, ws_buf *b, const char *nonce)
{
    char tok[S_TOKEN + 1];
    ws_buf u = {0};
    if (!nonce || S_token(s, nonce, tok) != 0) {
        ws_buf_puts(b, "null");
        return;
    }
    S_url(s, &u, tok);
    ws_buf_json(b, u.oom ? NULL : u.s);
    ws_buf_free(&u);
}

/* ---------------------------------------------------------------------
 * The deadline.
 */

/* "2026-12-31", "2026-12-31T17:00", "2026-12-31T17:00:00Z",
 * "2026-12-31T17:00:00+07:00": the time, or -1. A date alone is the end
 * of that day, and a time without a zone the server's local time. */
static long long S_parse_iso(const char *s)
{
    int Y, M, D, h = 23, mi = 59, sec = 59, n = 0, zone = 0, off = 0;
    const char *p;
    struct tm tm, back;
    time_t t;
    if (sscanf(s, "%4d-%2d-%2d%n", &Y, &M, &D, &n) != 3 || n != 10 ||
        s[4] != '-' || s[7] != '-')
        return -1;
    p = s + 10;
    if (*p == 'T' || *p == ' ') {
        p++;
        sec = 0;
        if (sscanf(p, "%2d:%2d%n", &h, &mi, &n) != 2 || n != 5)
            return -1;
        p += 5;
        if (*p == ':') {
            if (sscanf(p + 1, "%2d%n", &sec, &n) != 1 || n != 2)
                return -1;
            p += 3;
        }
        if (*p == 'Z') {
            zone = 1;
            p++;
        } else if (*p == '+' || *p == '-') {
            int oh, om = 0, neg = *p == '-';
            if (sscanf(p + 1, "%2d%n", &oh, &n) != 1 || n != 2)
                return -1;
            p += 3;
            if (*p == ':')
                p++;
            if (*p) {
                if (sscanf(p, "%2d%n", &om, &n) != 1 || n != 2)
                    return -1;
                p += 2;
            }
            if (oh > 14 || om > 59)
                return -1;
            off = (oh * 60 + om) * 60 * (neg ? -1 : 1);
            zone = 1;
        }
    }
    if (*p || M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || mi > 59 ||
        sec > 60 || Y < 1970)
        return -1;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = Y - 1900;
    tm.tm_mon = M - 1;
    tm.tm_mday = D;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    if (zone) {
        t = timegm(&tm);
        gmtime_r(&t, &back);
        t -= off;
    } else {
        tm.tm_isdst = -1;
        t = mktime(&tm);
        localtime_r(&t, &back);
    }
    if (t == (time_t)-1 || back.tm_mday != D || back.tm_mon != M - 1)
        return -1; /* 2026-02-30 */
    return (long long)t;
}

/* A time in words, in the server's local time ("17:00 on 31/12/2026"). */
static void S_words(char *out, size_t cap, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);
    /* TRANSLATORS: a strftime format: the hour, then the day */
    if (!strftime(out, cap, _("%H:%M on %d/%m/%Y"), &tm) && cap)
        out[0] = 0;
}

static void S_iso(char *out, size_t cap, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---------------------------------------------------------------------
 * The clerk's routes.
 */

/* 1 when se is a clerk; else a 403 into r. */
static int S_clerk(const ws_session *se, ws_resp *r)
{
    if (strcmp(se->role, "clerk") == 0)
        return 1;
    ws_resp_error(r, 403, _("only a clerk may do this"));
    return 0;
}

/* The latest accepted form of a unit, its bytes as the answer. */
static void S_received(ws_server *s, int year, const char *unit, ws_resp *r)
{
    sqlite3_stmt *q = NULL;
    char *data = NULL;
    size_t len = 0;
    int found = 0;
    pthread_mutex_lock(&s->store.lock);
    if ((q = ws_stmt(&s->store,
                     "SELECT bytes FROM forms WHERE year=? AND unit=? "
                     "AND status<>'invalid' ORDER BY id DESC LIMIT 1",
                     year, unit)) != NULL) {
        if (sqlite3_step(q) == SQLITE_ROW) {
            found = 1;
            len = (size_t)sqlite3_column_bytes(q, 0);
            if ((data = malloc(len ? len : 1)) != NULL)
                memcpy(data, sqlite3_column_blob(q, 0), len);
        }
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    if (!found) {
        ws_resp_error(r, 404, _("no form of this unit has been accepted"));
        return;
    }
    if (!data) {
        ws_resp_error(r, 500, _("out of memory"));
        return;
    }
    ws_resp_bytes(r, 200,
                  "application/vnd.openxmlformats-officedocument."
                  "spreadsheetml.sheet",
                  data, len);
    snprintf(r->disposition, sizeof r->disposition,
             "attachment; filename=\"form-%d.xlsx\"", year);
}

/* {"year", "deadline", "round", "round_deadline"} into b. */
static void S_year_state(ws_server *s, int year, ws_buf *b)
{
    long long dl = 0, rd = 0;
    int state = ws_round_get(s, year, &rd);
    sqlite3_stmt *st = NULL;
    char when[64];
    pthread_mutex_lock(&s->store.lock);
    if ((st = ws_stmt(&s->store, "SELECT deadline FROM years WHERE year=?",
                      year, NULL)) != NULL) {
        if (sqlite3_step(st) == SQLITE_ROW &&
            sqlite3_column_type(st, 0) != SQLITE_NULL)
            dl = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    pthread_mutex_unlock(&s->store.lock);
    ws_buf_printf(b, "{\"year\": %d, \"deadline\": ", year);
    if (dl) {
        S_iso(when, sizeof when, dl);
        ws_buf_printf(b, "\"%s\"", when);
    } else {
        ws_buf_puts(b, "null");
    }
    ws_buf_printf(b, ", \"round\": \"%s\", \"round_deadline\": ",
                  state == WS_ROUND_OPEN     ? "open"
                  : state == WS_ROUND_CLOSED ? "closed"
                                             : "none");
    if (rd) {
        S_iso(when, sizeof when, rd);
        ws_buf_printf(b, "\"%s\"}", when);
    } else {
        ws_buf_puts(b, "null}");
    }
}

/* See internal.h. */
int ws_links_api(ws_server *s, const ws_req *q, const ws_session *se,
                 int year, char seg[8][1024], int n, ws_resp *r)
{
    ws_buf b = {0};
    char when[64], detail[300];
    if (n == 2 && strcmp(q->method, "PATCH") == 0) {
        char *v = ws_json_string(q->body, q->len, "deadline");
        char *round = ws_json_string(q->body, q->len, "round");
        char *rv = ws_json_string(q->body, q->len, "round_deadline");
        long long t = v ? S_parse_iso(v) : 0, rt = rv ? S_parse_iso(rv) : 0;
        sqlite3_stmt *st = NULL;
        int done = 1, rs;
        const char *bad = NULL;
        if (!S_clerk(se, r))
            goto patch_end;
        if ((!v && !round) || t < 0 || rt < 0)
            bad = _("the body is a JSON object with \"deadline\": a "
                    "date and time in ISO 8601 (2026-12-31T17:00:00"
                    "+07:00), or \"round\": \"open\" (with "
                    "\"round_deadline\") or \"closed\"");
        else if (round && strcmp(round, "open") != 0 &&
                 strcmp(round, "closed") != 0)
            bad = _("\"round\" is \"open\" or \"closed\"");
        if (bad) {
            ws_resp_error(r, 400, bad);
            goto patch_end;
        }
        if (v) {
            done = 0;
            pthread_mutex_lock(&s->store.lock);
            if (sqlite3_prepare_v2(s->store.db,
                                   "UPDATE years SET deadline=? WHERE year=?",
                                   -1, &st, NULL) == SQLITE_OK) {
                sqlite3_bind_int64(st, 1, t);
                sqlite3_bind_int(st, 2, year);
                done = sqlite3_step(st) == SQLITE_DONE;
            }
            sqlite3_finalize(st);
            pthread_mutex_unlock(&s->store.lock);
            if (!done) {
                ws_resp_error(r, 500, _("cannot set the deadline"));
                goto patch_end;
            }
            S_iso(when, sizeof when, t);
            snprintf(detail, sizeof detail, "year %d deadline %s", year, when);
            ws_audit(&s->store, se->name, q->addr, "deadline", detail);
        }
        if (round) {
            rs = ws_round_set(s, year, strcmp(round, "open") == 0, rt,
                              se->name);
            if (rs != 0) {
                ws_resp_error(r, rs == 1 ? 409 : 500,
                              rs == 1 ? _("the answer round is not open")
                                      : _("cannot change the answer round"));
                goto patch_end;
            }
            S_iso(when, sizeof when, rt);
            snprintf(detail, sizeof detail, "year %d answer round %s%s%s",
                     year, round, rt ? " until " : "", rt ? when : "");
            ws_audit(&s->store, se->name, q->addr,
                     strcmp(round, "open") == 0 ? "round-open" : "year-close",
                     detail);
        }
        S_year_state(s, year, &b);
        ws_resp_json(r, 200, &b);
    patch_end:
        free(v);
        free(round);
        free(rv);
        return 1;
    }
    if (n == 3 && strcmp(seg[2], "send-forms") == 0 &&
        strcmp(q->method, "POST") == 0) {
        char err[512];
        long long id;
        if (!S_clerk(se, r))
            return 1;
        id = ws_job_start(s, year, "forms", se->name, q->addr, err,
                          sizeof err);
        if (id < 0) {
            ws_resp_error(r, 409, err);
            return 1;
        }
        ws_buf_printf(&b, "{\"job\": %lld}", id);
        ws_resp_json(r, 202, &b);
        return 1;
    }
    if (n == 3 && strcmp(seg[2], "round") == 0 &&
        (strcmp(q->method, "GET") == 0 || strcmp(q->method, "HEAD") == 0)) {
        S_year_state(s, year, &b);
        ws_resp_json(r, 200, &b);
        return 1;
    }
    if (ws_answers_api(s, q, se, year, seg, n, r))
        return 1;
    if (n == 5 && strcmp(seg[2], "units") == 0 &&
        strcmp(seg[4], "link") == 0 && strcmp(q->method, "POST") == 0) {
        sqlite3_stmt *st = NULL;
        char *nonce = NULL;
        int rc;
        if (!S_clerk(se, r))
            return 1;
        if (S_key_get(s) != 0) {
            ws_resp_error(r, 500, _("cannot make the link"));
            return 1;
        }
        pthread_mutex_lock(&s->store.lock);
        /* the new nonce and the new hash together, or neither: never a
         * listed link that is dead while the old one still opens */
        rc = ws_store_exec(&s->store, "BEGIN IMMEDIATE");
        if (rc == 0 && (rc = S_link_new(s, year, seg[3], se->name)) == 0)
            rc = ws_store_exec(&s->store, "COMMIT");
        if (rc != 0)
            ws_store_exec(&s->store, "ROLLBACK");
        if (rc == 0 &&
            (st = ws_stmt(&s->store,
                          "SELECT nonce FROM links WHERE year=? AND unit=?",
                          year, seg[3])) != NULL) {
            if (sqlite3_step(st) == SQLITE_ROW)
                nonce = strdup((const char *)sqlite3_column_text(st, 0));
        }
        sqlite3_finalize(st);
        pthread_mutex_unlock(&s->store.lock);
        if (rc != 0 || !nonce) {
            free(nonce);
            if (!ws_year_exists(s, year) || rc != 0)
                ws_resp_error(r, 404, _("the year has no such unit"));
            else
                ws_resp_error(r, 500, _("cannot make the link"));
            return 1;
        }
        snprintf(detail, sizeof detail, "year %d unit %.100s: a new link",
                 year, seg[3]);
        ws_audit(&s->store, se->name, q->addr, "link", detail);
        ws_buf_puts(&b, "{\"id\": ");
        ws_buf_json(&b, seg[3]);
        ws_buf_puts(&b, ", \"link\": ");
        ws_link_json(s, &b, nonce);
        ws_buf_puts(&b, "}");
        free(nonce);
        ws_resp_json(r, 200, &b);
        return 1;
    }
    if (n == 5 && strcmp(seg[2], "units") == 0 &&
        strcmp(seg[4], "received.xlsx") == 0 &&
        (strcmp(q->method, "GET") == 0 || strcmp(q->method, "HEAD") == 0)) {
        S_received(s, year, seg[3], r);
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------------
 * The forms' messages with the links.
 */

/* See internal.h. */
int ws_links_forms(ws_server *s, int year, char *err, size_t cap)
{
    static pthread_mutex_t one = PTHREAD_MUTEX_INITIALIZER;
    char *src = ws_path(&s->store, "years/%d/source.xml", year);
    char *dir = ws_path(&s->store, "years/%d/forms-mail", year);
    char *man = ws_path(&s->store, "years/%d/forms-mail/manifest.tsv", year);
    char *copy = ws_path(&s->store, "years/%d/forms-links.xml", year);
    xmlDocPtr doc = NULL;
    xmlChar *mem = NULL;
    sqlite3_stmt *q = NULL;
    int len = 0, rc = -1;
    const char *args[] = {"forms", copy, "--out", dir, "--quiet", NULL};
    if (!s->public_url || !*s->public_url) {
        snprintf(err, cap, "%s",
                 _("the messages carry each unit's link: start the server "
                   "with --public-url, the address the units reach it by"));
        goto out;
    }
    if (!src || !dir || !man || !copy)
        goto fail;
    pthread_mutex_lock(&one);
    if (access(man, R_OK) == 0) { /* written already: sent.log is there */
        pthread_mutex_unlock(&one);
        rc = 0;
        goto out;
    }
    ws_links_ensure(s, year);
    pthread_mutex_lock(&ws_core_lock);
    doc = xmlReadFile(src, NULL, XML_PARSE_NONET);
    pthread_mutex_unlock(&ws_core_lock);
    if (!doc)
        goto unlock;
    pthread_mutex_lock(&s->store.lock);
    if ((q = ws_stmt(&s->store,
                     "SELECT unit, nonce FROM links WHERE year=?",
                     year, NULL)) != NULL) {
        while (sqlite3_step(q) == SQLITE_ROW) {
            ws_buf url = {0};
            char tok[S_TOKEN + 1];
            xmlNodePtr u = ws_xml_unit(xmlDocGetRootElement(doc),
                                       (const char *)sqlite3_column_text(q, 0));
            if (u && S_token(s, (const char *)sqlite3_column_text(q, 1), tok) == 0) {
                S_url(s, &url, tok);
                if (!url.oom && url.s)
                    xmlSetProp(u, BAD_CAST "link", BAD_CAST url.s);
            }
            ws_buf_free(&url);
        }
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    pthread_mutex_lock(&ws_core_lock);
    xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
    pthread_mutex_unlock(&ws_core_lock);
    if (!mem || len <= 0 || ws_write_file(copy, mem, (size_t)len) != 0 ||
        ws_run(s, args, NULL, NULL) != 0)
        goto unlock;
    rc = 0;
unlock:
    pthread_mutex_unlock(&one);
fail:
    if (rc != 0)
        snprintf(err, cap, "%s", _("cannot write the forms"));
out:
    xmlFree(mem);
    xmlFreeDoc(doc);
    free(src);
    free(dir);
    free(man);
    free(copy);
    return rc;
}

/* ---------------------------------------------------------------------
 * The assembled appraisal: a unit does not appraise itself.
 */

/* 1 when form id came through a link; its unit into unit. */
static int S_via_link(ws_server *s, long long id, char *unit, size_t cap)
{
    sqlite3_stmt *q = NULL;
    int yes = 0;
    pthread_mutex_lock(&s->store.lock);
    if (sqlite3_prepare_v2(s->store.db,
                           "SELECT unit FROM forms WHERE id=? AND via='link'",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, id);
        if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0)) {
            snprintf(unit, cap, "%s", (const char *)sqlite3_column_text(q, 0));
            yes = 1;
        }
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    return yes;
}

/* Each <unit> under node whose id is one of units: its appraised points
 * removed, and a score left with nothing (appraised only, where the unit
 * wrote nothing) removed too: the unit has not scored that criterion. */
static void S_strip_walk(xmlNodePtr node, char (*units)[256], long nu)
{
    xmlNodePtr c, sc, next;
    long i;
    for (c = node->children; c; c = c->next) {
        xmlChar *id;
        int hit = 0;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!xmlStrEqual(c->name, BAD_CAST "unit")) {
            S_strip_walk(c, units, nu);
            continue;
        }
        id = xmlGetProp(c, BAD_CAST "id");
        for (i = 0; id && i < nu && !hit; i++)
            hit = strcmp((const char *)id, units[i]) == 0;
        xmlFree(id);
        if (!hit)
            continue;
        for (sc = c->children; sc; sc = next) {
            next = sc->next;
            if (sc->type != XML_ELEMENT_NODE ||
                !xmlStrEqual(sc->name, BAD_CAST "score"))
                continue;
            xmlUnsetProp(sc, BAD_CAST "appraised");
            if (!xmlHasProp(sc, BAD_CAST "self") &&
                !xmlHasProp(sc, BAD_CAST "na")) {
                xmlNodePtr prev = sc->prev;
                if (prev && prev->type == XML_TEXT_NODE &&
                    xmlIsBlankNode(prev)) {
                    xmlUnlinkNode(prev);
                    xmlFreeNode(prev);
                }
                xmlUnlinkNode(sc);
                xmlFreeNode(sc);
            }
        }
    }
}

/* See internal.h. */
int ws_links_patch(ws_server *s, int year, const char *path,
                   const long long *ids, long n)
{
    char (*units)[256] = NULL;
    long nu = 0, i;
    xmlDocPtr doc = NULL;
    xmlNodePtr root;
    xmlChar *mem = NULL;
    ws_sheets sheets;
    int len = 0, rc = -1;
    if (n <= 0)
        return 0;
    if (!(units = calloc((size_t)n, sizeof *units)))
        return -1;
    for (i = 0; i < n; i++)
        if (ids[i] && S_via_link(s, ids[i], units[nu], sizeof units[nu]))
            nu++;
    if (ws_answers_sheets(s, year, &sheets) != 0) {
        free(units);
        return -1;
    }
    if (!nu && !sheets.n) {
        free(units);
        return 0;
    }
    pthread_mutex_lock(&ws_core_lock);
    doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    if (!doc || !(root = xmlDocGetRootElement(doc)))
        goto end;
    S_strip_walk(root, units, nu);
    ws_answers_apply(doc, &sheets);
    xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
    if (mem && len > 0 && ws_write_file(path, mem, (size_t)len) == 0)
        rc = 0;
end:
    xmlFree(mem);
    xmlFreeDoc(doc);
    pthread_mutex_unlock(&ws_core_lock);
    ws_sheets_free(&sheets);
    free(units);
    return rc;
}

/* ---------------------------------------------------------------------
 * Wrong tokens.
 */

/* 1 when addr has sent too many wrong tokens lately. */
static int S_slowed(ws_server *s, const char *addr)
{
    sqlite3_stmt *q = NULL;
    char key[100];
    int yes = 0;
    snprintf(key, sizeof key, "link:%s", addr ? addr : "");
    pthread_mutex_lock(&s->store.lock);
    if (sqlite3_prepare_v2(s->store.db,
                           "SELECT count,last_at FROM login_failures "
                           "WHERE key=?",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(q) == SQLITE_ROW)
            yes = sqlite3_column_int64(q, 0) >= S_SLOW_AFTER &&
                  (long long)time(NULL) - sqlite3_column_int64(q, 1) <
                      S_SLOW_FOR;
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    return yes;
}

/* One more wrong token from addr; 1 when that makes it slowed. */
static int S_wrong(ws_server *s, const char *addr)
{
    sqlite3_stmt *q = NULL;
    char key[100];
    long long count = 0;
    snprintf(key, sizeof key, "link:%s", addr ? addr : "");
    pthread_mutex_lock(&s->store.lock);
    if (sqlite3_prepare_v2(
            s->store.db,
            "INSERT INTO login_failures(key,count,last_at) VALUES(?1,1,?2) "
            "ON CONFLICT(key) DO UPDATE SET count=CASE WHEN ?2-last_at>=?3 "
            "THEN 1 ELSE count+1 END, last_at=?2 RETURNING count",
            -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)time(NULL));
        sqlite3_bind_int(q, 3, S_SLOW_FOR);
        if (sqlite3_step(q) == SQLITE_ROW)
            count = sqlite3_column_int64(q, 0);
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    return count == S_SLOW_AFTER;
}

/* ---------------------------------------------------------------------
 * The unit's page.
 */

/* What a token opens. */
typedef struct {
    int year;
    char unit[256], name[512], issuer[512];
    long long deadline; /* 0: none */
    char tok[S_TOKEN + 1];
} S_link;

/* The link of tok; 0, or -1 when unknown or dead. */
static int S_find(ws_server *s, const char *tok, S_link *l)
{
    char hash[PP_SHA256_HEX];
    sqlite3_stmt *q = NULL;
    size_t i;
    int rc = -1;
    if (strlen(tok) != S_TOKEN)
        return -1;
    for (i = 0; i < S_TOKEN; i++)
        if (!((tok[i] >= '0' && tok[i] <= '9') ||
              (tok[i] >= 'a' && tok[i] <= 'f')))
            return -1;
    if (S_token_hash(tok, hash) != 0)
        return -1;
    pthread_mutex_lock(&s->store.lock);
    if (sqlite3_prepare_v2(s->store.db,
                           "SELECT u.year, u.id, u.name, y.issuer, y.deadline "
                           "FROM units u JOIN years y ON y.year=u.year "
                           "WHERE u.link_hash=?",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, hash, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(q) == SQLITE_ROW) {
            memset(l, 0, sizeof *l);
            l->year = sqlite3_column_int(q, 0);
            ws_col_copy(l->unit, sizeof l->unit, q, 1);
            ws_col_copy(l->name, sizeof l->name, q, 2);
            ws_col_copy(l->issuer, sizeof l->issuer, q, 3);
            l->deadline = sqlite3_column_type(q, 4) == SQLITE_NULL
                              ? 0
                              : sqlite3_column_int64(q, 4);
            memcpy(l->tok, tok, S_TOKEN); /* its length checked above */
            l->tok[S_TOKEN] = 0;
            rc = 0;
        }
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    return rc;
}

/* open, text escaped, close: an element with its words. */
static void S_elem(ws_buf *b, const char *open, const char *text,
                   const char *close)
{
    ws_buf_puts(b, open);
    ws_buf_html(b, text);
    ws_buf_puts(b, close);
}

/* The n texts escaped, sep between them, inside open and close: a table's
 * row or head. */
static void S_join(ws_buf *b, const char *open, const char *sep,
                   const char *close, const char *const *text, size_t n)
{
    size_t i;
    ws_buf_puts(b, open);
    for (i = 0; i < n; i++) {
        if (i)
            ws_buf_puts(b, sep);
        ws_buf_html(b, text[i]);
    }
    ws_buf_puts(b, close);
}

static void S_head(ws_buf *b, const char *title)
{
    /* TRANSLATORS: the language of the pages, as an HTML lang code */
    const char *lang = _("en");
    ws_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"");
    ws_buf_html(b, lang);
    ws_buf_puts(b, "\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width, "
                   "initial-scale=1\"><meta name=\"referrer\" "
                   "content=\"no-referrer\"><title>");
    ws_buf_html(b, title);
    ws_buf_puts(b, "</title><link rel=\"stylesheet\" "
                   "href=\"/assets/style.css\"><script "
                   "src=\"/assets/unit.js\" defer></script></head>\n"
                   "<body class=\"unitpage\">"
                   "<header><h1>");
    ws_buf_html(b, _("Administrative reform index: the unit's form"));
    ws_buf_puts(b, "</h1></header><main>");
}

/* An answer that names no unit: JSON when asked for, else a page. */
static void S_fail(const ws_req *q, ws_resp *r, int status, const char *msg)
{
    ws_buf b = {0};
    if (q->accept && strstr(q->accept, "application/json")) {
        ws_resp_error(r, status, msg);
        return;
    }
    S_head(&b, msg);
    S_elem(&b, "<section class=\"card\"><p class=\"error\" id=\"msg\">", msg,
           "</p></section></main></body></html>\n");
    if (b.oom) {
        ws_buf_free(&b);
        ws_resp_error(r, status, msg);
        return;
    }
    ws_resp_bytes(r, status, "text/html; charset=utf-8", b.s, b.len);
    r->no_store = 1;
}

/* "AB12" into its column (1-based) and row; 0 or -1. */
static int S_cellref(const char *ref, long *col, long *row)
{
    const char *p = ref;
    long c = 0, rw = 0;
    if (*p == '$')
        p++;
    for (; *p >= 'A' && *p <= 'Z'; p++)
        c = c * 26 + (*p - 'A' + 1);
    if (*p == '$')
        p++;
    if (!c || !*p || c > 16384)
        return -1;
    for (; *p >= '0' && *p <= '9'; p++)
        rw = rw * 10 + (*p - '0');
    if (*p || !rw || rw > 1048576)
        return -1;
    *col = c;
    *row = rw;
    return 0;
}

/* What the form's cell sheet!CELL held (cells: ws_via's), or NULL. */
static const char *S_held(const ws_errs *cells, const char *sheet,
                          const char *cell)
{
    size_t i;
    for (i = 0; cells && i < cells->n; i++)
        if (strcmp(cells->v[i].sheet, sheet) == 0 &&
            strcmp(cells->v[i].cell, cell) == 0)
            return cells->v[i].message;
    return NULL;
}

/* The errors of a form in a grid shaped like the form (one per sheet,
 * the rows with errors with what their cells hold, the cells with errors
 * marked, what they held struck through), then as a list. */
static void S_grid(ws_buf *b, const ws_errs *e, const ws_errs *cells)
{
    size_t i, j, k;
    for (i = 0; i < e->n; i++) { /* the errors of no cell */
        long c, rw;
        if (e->v[i].cell && S_cellref(e->v[i].cell, &c, &rw) == 0)
            continue;
        ws_buf_puts(b, "<p class=\"error\">");
        if (e->v[i].sheet && *e->v[i].sheet) {
            ws_buf_html(b, e->v[i].sheet);
            ws_buf_puts(b, ": ");
        }
        ws_buf_html(b, e->v[i].message);
        ws_buf_puts(b, "</p>");
    }
    for (i = 0; i < e->n; i++) {
        const char *sheet = e->v[i].sheet ? e->v[i].sheet : "";
        long c, rw, maxc = 6, prev = -1, row;
        int first = 1;
        if (!e->v[i].cell || S_cellref(e->v[i].cell, &c, &rw) != 0)
            continue;
        for (j = 0; j < i; j++) /* each sheet once */
            if (e->v[j].cell && S_cellref(e->v[j].cell, &c, &rw) == 0 &&
                strcmp(e->v[j].sheet ? e->v[j].sheet : "", sheet) == 0)
                break;
        if (j < i)
            continue;
        for (j = i; j < e->n; j++)
            if (e->v[j].cell && S_cellref(e->v[j].cell, &c, &rw) == 0 &&
                strcmp(e->v[j].sheet ? e->v[j].sheet : "", sheet) == 0 &&
                c > maxc)
                maxc = c;
        if (maxc > 40)
            maxc = 40;
        ws_buf_puts(b, "<div class=\"sheetname\">");
        ws_buf_html(b, _("Sheet"));
        ws_buf_puts(b, " “");
        ws_buf_html(b, sheet);
        ws_buf_puts(b, "”</div><div class=\"scroll\"><table class=\"formgrid\">"
                       "<thead><tr><th></th>");
        for (c = 1; c <= maxc; c++) {
            char cn[8];
            ws_colname(cn, c);
            ws_buf_printf(b, "<th>%s</th>", cn);
        }
        ws_buf_puts(b, "</tr></thead><tbody>");
        /* the rows with errors, in order */
        for (;;) {
            row = -1;
            for (j = i; j < e->n; j++)
                if (e->v[j].cell && S_cellref(e->v[j].cell, &c, &rw) == 0 &&
                    strcmp(e->v[j].sheet ? e->v[j].sheet : "", sheet) == 0 &&
                    rw > prev && (row < 0 || rw < row))
                    row = rw;
            if (row < 0)
                break;
            if (!first && row > prev + 1)
                ws_buf_printf(b, "<tr><th>…</th><td class=\"gap\" "
                                 "colspan=\"%ld\">…</td></tr>",
                              maxc);
            ws_buf_printf(b, "<tr><th>%ld</th>", row);
            for (c = 1; c <= maxc; c++) {
                int any = 0;
                char cn[8], ref[32];
                const char *held;
                ws_colname(cn, c);
                snprintf(ref, sizeof ref, "%s%ld", cn, row);
                held = S_held(cells, sheet, ref);
                for (k = i; k < e->n; k++) {
                    long kc, kr;
                    if (!e->v[k].cell ||
                        S_cellref(e->v[k].cell, &kc, &kr) != 0 ||
                        kc != c || kr != row ||
                        strcmp(e->v[k].sheet ? e->v[k].sheet : "", sheet) != 0)
                        continue;
                    if (!any) {
                        ws_buf_printf(b, "<td class=\"bad\" data-cell=\"%s\">",
                                      ref);
                        if (held) {
                            ws_buf_puts(b, "<div class=\"was\">");
                            ws_buf_html(b, held);
                            ws_buf_puts(b, "</div>");
                        }
                        ws_buf_puts(b, "<div>");
                    } else {
                        ws_buf_puts(b, "; ");
                    }
                    ws_buf_html(b, e->v[k].message);
                    any = 1;
                }
                if (any) {
                    ws_buf_puts(b, "</div></td>");
                } else {
                    ws_buf_puts(b, "<td>");
                    if (held)
                        ws_buf_html(b, held);
                    ws_buf_puts(b, "</td>");
                }
            }
            ws_buf_puts(b, "</tr>");
            prev = row;
            first = 0;
        }
        ws_buf_puts(b, "</tbody></table></div>");
    }
    if (!e->n)
        return;
    {
        const char *head[] = {_("Sheet"), _("Cell"), _("What is wrong")};
        S_join(b, "<table class=\"errlist\"><thead><tr><th>", "</th><th>",
               "</th></tr></thead><tbody>", head, 3);
    }
    for (i = 0; i < e->n; i++) {
        const char *row[] = {e->v[i].sheet, e->v[i].cell, e->v[i].message};
        S_join(b, "<tr><td>", "</td><td>", "</td></tr>", row, 3);
    }
    ws_buf_puts(b, "</tbody></table>");
}

/* The state of the unit's form, as the clerk's list gives it. */
static const char *S_state(ws_server *s, const S_link *l)
{
    sqlite3_stmt *q = NULL;
    const char *st = "missing";
    pthread_mutex_lock(&s->store.lock);
    if ((q = ws_stmt(
            &s->store,
            "SELECT CASE WHEN status='submitted' AND EXISTS(SELECT 1 FROM "
            "sheet_ok k WHERE k.year=?1 AND k.unit=?2 AND k.form=forms.id) "
            "THEN 'ok' ELSE status END FROM forms WHERE year=?1 AND unit=?2 AND "
            "(status<>'invalid' OR id>coalesce((SELECT max(id) FROM forms "
            "WHERE year=?1 AND unit=?2 AND status<>'invalid'),0)) "
            "ORDER BY status='invalid', id DESC LIMIT 1",
            l->year, l->unit)) != NULL) {
        if (sqlite3_step(q) == SQLITE_ROW) {
            const char *v = (const char *)sqlite3_column_text(q, 0);
            st = strcmp(v, "ok") == 0          ? "ok"
                 : strcmp(v, "submitted") == 0 ? "submitted"
                                               : "invalid";
        }
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    return st;
}

static const char *S_state_words(const char *st)
{
    if (strcmp(st, "ok") == 0)
        return _("appraised by the council");
    if (strcmp(st, "submitted") == 0)
        return _("received, the council's appraisal to come");
    if (strcmp(st, "invalid") == 0)
        return _("the last form sent had errors");
    return _("no form received yet");
}

/* The forms this unit sent through its link, newest first. */
static void S_history(ws_server *s, const S_link *l, ws_buf *b)
{
    sqlite3_stmt *q = NULL;
    int any = 0;
    char when[64];
    const char *head[] = {_("File"), _("Sent"), _("Result")};
    pthread_mutex_lock(&s->store.lock);
    if ((q = ws_stmt(&s->store,
                     "SELECT file, received_at, status FROM forms WHERE "
                     "year=? AND unit=? AND via='link' ORDER BY id DESC",
                     l->year, l->unit)) != NULL) {
        while (sqlite3_step(q) == SQLITE_ROW) {
            const char *st = (const char *)sqlite3_column_text(q, 2);
            const char *row[] = {(const char *)sqlite3_column_text(q, 0),
                                 when};
            if (!any)
                S_join(b, "<table id=\"history\"><thead><tr><th>",
                       "</th><th>", "</th></tr></thead><tbody>", head, 3);
            any = 1;
            S_words(when, sizeof when, sqlite3_column_int64(q, 1));
            S_join(b, "<tr><td>", "</td><td>", "", row, 2);
            ws_buf_printf(b, "</td><td><span class=\"badge b-%s\">",
                          strcmp(st, "invalid") == 0 ? "invalid" : "submitted");
            ws_buf_html(b, strcmp(st, "invalid") == 0 ? _("refused")
                                                      : _("received"));
            ws_buf_puts(b, "</span></td></tr>");
        }
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    if (any)
        ws_buf_puts(b, "</tbody></table>");
    else
        S_elem(b, "<p id=\"history\">",
               _("Nothing sent through this link yet."), "</p>");
}

/* The outcome of an upload, for the page. */
typedef struct {
    int done;          /* an upload was judged */
    const char *words; /* what happened */
    int bad;
    int dropped;
    const ws_errs *errs;
    const ws_errs *cells; /* what the cells beside the errors hold */
} S_outcome;

static void S_page(ws_server *s, const S_link *l, const S_outcome *o,
                   int status, ws_resp *r);
static int S_same_site(const ws_server *s, const ws_req *q);

/* sql over the form id of this link's year (?1 the year, ?3 the form),
 * or NULL when id is 0 or sql cannot be prepared. The lock held. */
static sqlite3_stmt *S_form_query(ws_server *s, const S_link *l,
                                  const char *sql, sqlite3_int64 id)
{
    sqlite3_stmt *q = id ? ws_stmt(&s->store, sql, l->year, NULL) : NULL;
    if (q)
        sqlite3_bind_int64(q, 3, id);
    return q;
}

/* The unit's last form, when it came through its link and was refused
 * (the page's state "invalid"): its errors and the cells beside them
 * read back from what its upload stored (SQLite's json_each over the
 * form's errors and rows), its file's name into file and its time into
 * *at. 1 when there is one, else 0 (a refused form the office dropped
 * for the unit shows only the state). */
static int S_last_refused(ws_server *s, const S_link *l, ws_errs *e,
                          ws_errs *cells, char *file, size_t cap,
                          long long *at)
{
    sqlite3_stmt *q = NULL;
    sqlite3_int64 id = 0;
    pthread_mutex_lock(&s->store.lock);
    if ((q = ws_stmt(&s->store,
                     "SELECT id, file, received_at, via FROM forms WHERE "
                     "year=?1 AND unit=?2 AND status='invalid' AND id>"
                     "coalesce((SELECT max(id) FROM forms WHERE year=?1 AND "
                     "unit=?2 AND status<>'invalid'),0) ORDER BY id DESC "
                     "LIMIT 1",
                     l->year, l->unit)) != NULL &&
        sqlite3_step(q) == SQLITE_ROW &&
        strcmp((const char *)sqlite3_column_text(q, 3), "link") == 0) {
        id = sqlite3_column_int64(q, 0);
        snprintf(file, cap, "%s", (const char *)sqlite3_column_text(q, 1));
        *at = sqlite3_column_int64(q, 2);
    }
    sqlite3_finalize(q);
    q = S_form_query(s, l,
                     "SELECT json_extract(e.value, '$.sheet'), "
                     "json_extract(e.value, '$.cell'), "
                     "json_extract(e.value, '$.message') FROM forms f, "
                     "json_each(f.errors) e WHERE f.id=?3 AND f.year=?1 "
                     "ORDER BY e.key",
                     id);
    while (q && sqlite3_step(q) == SQLITE_ROW &&
           ws_errs_add(e, (const char *)sqlite3_column_text(q, 0),
                       (const char *)sqlite3_column_text(q, 1),
                       (const char *)sqlite3_column_text(q, 2)) == 0)
        ;
    sqlite3_finalize(q);
    /* rows: {"SHEET": {"ROW": ["A's text", "B's text", ...]}} */
    q = S_form_query(s, l,
                     "SELECT sh.key, rw.key, c.key, c.value FROM forms f, "
                     "json_each(f.rows) sh, json_each(sh.value) rw, "
                     "json_each(rw.value) c WHERE f.id=?3 AND f.year=?1 AND "
                     "c.value<>''",
                     id);
    while (q && sqlite3_step(q) == SQLITE_ROW &&
           ws_errs_cell(cells, (const char *)sqlite3_column_text(q, 0),
                        atol((const char *)sqlite3_column_text(q, 1)) - 1,
                        (long)sqlite3_column_int64(q, 2),
                        (const char *)sqlite3_column_text(q, 3)) == 0)
        ;
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    return id != 0;
}

/* Points as a Vietnamese page writes them: 1.75 -> "1,75". */
static const char *S_vpts(char *buf, size_t cap, pp_milli v)
{
    char *p;
    pp_fmt_points(buf, cap, v);
    if ((p = strchr(buf, '.')) != NULL)
        *p = ',';
    return buf;
}

/* The answer round on the unit's page: per criterion its own points, the
 * council's and its note, the unit's answer (a field while the round is
 * open), the council's decision. Nothing before the clerk opens it. */
static void S_round(ws_server *s, const S_link *l, ws_buf *b)
{
    long long dl, now = (long long)time(NULL);
    int round = ws_round_get(s, l->year, &dl), open;
    char when[64], pts[32], line[400];
    ws_sheet sh;
    size_t i;
    if (round == WS_ROUND_NONE || ws_sheet_read(s, l->year, l->unit, &sh) != 0)
        return;
    open = round == WS_ROUND_OPEN && (!dl || now <= dl);
    ws_buf_printf(b, "<section class=\"card\" id=\"round\" data-state=\"%s\">"
                     "<h3>",
                  open ? "open" : "closed");
    ws_buf_html(b, _("The council's appraisal and the unit's answers"));
    ws_buf_puts(b, "</h3><p>");
    if (round == WS_ROUND_CLOSED) {
        ws_buf_html(b, _("The year is closed: these results are final."));
    } else if (!open) {
        S_words(when, sizeof when, dl);
        snprintf(line, sizeof line, _("The answers closed at %s."), when);
        ws_buf_html(b, line);
    } else {
        ws_buf_html(b, _("Where the unit disagrees with the council, it may "
                         "answer in words, criterion by criterion."));
        if (dl) {
            S_words(when, sizeof when, dl);
            snprintf(line, sizeof line, _("Answers until %s."), when);
            ws_buf_puts(b, " ");
            ws_buf_html(b, line);
        }
    }
    ws_buf_puts(b, "</p>");
    if (open)
        ws_buf_printf(b, "<form id=\"answers\" method=\"post\" "
                         "enctype=\"multipart/form-data\" "
                         "action=\"/u/%s/answers\">",
                      l->tok);
    { /* the head: the criterion, its three figures, the words */
        const char *figs[] = {_("Criterion"), _("Max"), _("Self"),
                              _("Appraised")};
        const char *words[] = {_("The council's note"),
                               _("The unit's answer")};
        S_join(b, "<div class=\"scroll tall\"><table class=\"sheet\"><thead>"
                  "<tr><th>",
               "</th><th class=\"num\">", "</th><th>", figs, 4);
        S_join(b, "", "</th><th>", "</th></tr></thead><tbody>", words, 2);
    }
    for (i = 0; i < sh.n; i++) {
        const ws_row *r = &sh.v[i];
        int differs = r->has_appr && (!r->has_self || r->self != r->appr);
        ws_buf_printf(b, "<tr data-c=\"");
        ws_buf_html(b, r->c);
        ws_buf_printf(b, "\"%s><td><b>", differs ? " class=\"differs\"" : "");
        ws_buf_html(b, r->c);
        ws_buf_puts(b, "</b> ");
        ws_buf_html(b, r->name);
        S_vpts(pts, sizeof pts, r->max);
        ws_buf_puts(b, "</td><td class=\"num\" data-label=\"");
        ws_buf_html(b, _("Max"));
        ws_buf_printf(b, "\">%s</td><td class=\"num\" data-label=\"", pts);
        ws_buf_html(b, _("Self"));
        ws_buf_puts(b, "\">");
        if (r->na)
            ws_buf_puts(b, "KAD");
        else if (r->has_self)
            ws_buf_puts(b, S_vpts(pts, sizeof pts, r->self));
        ws_buf_puts(b, "</td><td class=\"num appr\" data-label=\"");
        ws_buf_html(b, _("Appraised"));
        ws_buf_puts(b, "\">");
        if (r->na)
            ws_buf_puts(b, "KAD");
        else if (r->has_appr)
            ws_buf_puts(b, S_vpts(pts, sizeof pts, r->appr));
        ws_buf_puts(b, "</td><td class=\"note\">");
        ws_buf_html(b, r->note);
        ws_buf_puts(b, "</td><td class=\"answer\">");
        if (open) {
            ws_buf_puts(b, "<textarea rows=\"2\" maxlength=\"1000\" name=\"answer:");
            ws_buf_html(b, r->c);
            ws_buf_puts(b, "\">");
            ws_buf_html(b, r->answer);
            ws_buf_puts(b, "</textarea>");
        } else {
            ws_buf_html(b, r->answer);
        }
        if (r->decision) {
            ws_buf_puts(b, "<p class=\"decision\">");
            if (strcmp(r->decision, "accept") == 0) {
                snprintf(line, sizeof line,
                         _("The council accepted the answer: appraised %s."),
                         r->has_appr ? S_vpts(pts, sizeof pts, r->appr)
                                     : "");
                ws_buf_html(b, line);
                if (r->reply) {
                    ws_buf_puts(b, " ");
                    ws_buf_html(b, r->reply);
                }
            } else {
                ws_buf_html(b, _("The council keeps its points:"));
                ws_buf_puts(b, " ");
                ws_buf_html(b, r->reply);
            }
            ws_buf_puts(b, "</p>");
        }
        ws_buf_puts(b, "</td></tr>");
    }
    ws_buf_puts(b, "</tbody></table></div>");
    if (open) {
        S_elem(b, "<button type=\"submit\" id=\"send-answers\">",
               _("Send the answers"), "</button></form>");
    }
    ws_buf_puts(b, "</section>");
    ws_sheet_free(&sh);
}

/* POST /u/TOKEN/answers: the unit's answers, per criterion. */
static void S_answers(ws_server *s, const S_link *l, const ws_req *q,
                      ws_resp *r)
{
    int json = q->accept && strstr(q->accept, "application/json") != NULL;
    long long dl, now = (long long)time(NULL);
    int round = ws_round_get(s, l->year, &dl), saved = 0, failed = 0;
    char when[64], msg[300];
    ws_sheet sh;
    ws_buf b = {0};
    size_t i, k;
    if (!S_same_site(s, q)) {
        S_fail(q, r, 403, _("this form may be sent only from its own page"));
        return;
    }
    if (round != WS_ROUND_OPEN) {
        S_fail(q, r, 403, round == WS_ROUND_CLOSED
                              ? _("the year is closed: its results are final")
                              : _("the answer round is not open"));
        return;
    }
    if (dl && now > dl) {
        S_words(when, sizeof when, dl);
        snprintf(msg, sizeof msg,
                 _("the answers closed at %s: this link no longer takes "
                   "them"),
                 when);
        S_fail(q, r, 403, msg);
        return;
    }
    if (!q->multipart || ws_sheet_read(s, l->year, l->unit, &sh) != 0) {
        S_fail(q, r, 400, _("send the answers as multipart/form-data, one "
                            "field 'answer:CRITERION' each"));
        return;
    }
    for (i = 0; i < q->nparts; i++) {
        const ws_part *p = &q->parts[i];
        char *text;
        if (strncmp(p->name, "answer:", 7) != 0)
            continue;
        for (k = 0; k < sh.n; k++)
            if (strcmp(sh.v[k].c, p->name + 7) == 0)
                break;
        if (k == sh.n || !(text = ws_words(p->data)))
            continue;
        if (!sh.v[k].answer || strcmp(sh.v[k].answer, text) != 0) {
            if (ws_answer_save(s, l->year, l->unit, sh.v[k].c, text) == 0)
                saved++;
            else
                failed = 1;
        }
        free(text);
    }
    ws_sheet_free(&sh);
    if (failed) {
        S_fail(q, r, 500, _("cannot keep the answers"));
        return;
    }
    if (json) {
        ws_buf_printf(&b, "{\"status\": \"ok\", \"saved\": %d}", saved);
        ws_resp_json(r, 200, &b);
    } else {
        S_outcome o;
        memset(&o, 0, sizeof o);
        o.done = 1;
        o.words = _("The answers were received. The council will reply on "
                    "this page.");
        S_page(s, l, &o, 200, r);
    }
}

/* The unit's page (with the outcome of an upload). */
static void S_page(ws_server *s, const S_link *l, const S_outcome *o,
                   int status, ws_resp *r)
{
    ws_buf b = {0};
    char when[64], title[700];
    long long now = (long long)time(NULL);
    int closed = l->deadline && now > l->deadline;
    const char *st = S_state(s, l);
    snprintf(title, sizeof title, "%s – %d", l->name, l->year);
    S_head(&b, title);
    ws_buf_puts(&b, "<section class=\"card\" id=\"unit\"><h2 id=\"name\">");
    ws_buf_html(&b, l->name);
    ws_buf_puts(&b, "</h2><p class=\"issuer\">");
    ws_buf_html(&b, l->issuer);
    ws_buf_puts(&b, "</p><p id=\"year\">");
    snprintf(title, sizeof title, _("The scoring form of the year %d"),
             l->year);
    ws_buf_html(&b, title);
    ws_buf_puts(&b, "</p><p id=\"deadline\" class=\"");
    ws_buf_puts(&b, closed ? "error\">" : "\">");
    if (l->deadline) {
        S_words(when, sizeof when, l->deadline);
        snprintf(title, sizeof title,
                 closed ? _("The deadline was %s: this link now only shows "
                            "what was sent.")
                        : _("Send the form by %s."),
                 when);
        ws_buf_html(&b, title);
    } else {
        ws_buf_html(&b, _("The office has set no deadline yet."));
    }
    ws_buf_puts(&b, "</p><p>");
    ws_buf_html(&b, _("The unit's form:"));
    ws_buf_printf(&b, " <span id=\"state\" class=\"badge b-%s\">", st);
    ws_buf_html(&b, S_state_words(st));
    ws_buf_puts(&b, "</span></p></section>");
    if (o && o->done) {
        ws_buf_printf(&b, "<section class=\"card\" id=\"result\" "
                          "data-status=\"%s\"><p class=\"%s\" id=\"msg\">",
                      o->bad ? "invalid" : "submitted",
                      o->bad ? "error" : "good");
        ws_buf_html(&b, o->words);
        ws_buf_puts(&b, "</p>");
        if (o->dropped) {
            ws_buf_puts(&b, "<p class=\"warn\" id=\"dropped\">");
            ws_buf_html(&b, _("The form also filled the council's appraised "
                              "column: only the unit's own columns (self-"
                              "assessment, notes, evidence) were kept."));
            ws_buf_puts(&b, "</p>");
        }
        if (o->errs)
            S_grid(&b, o->errs, o->cells);
        ws_buf_puts(&b, "</section>");
    } else if (strcmp(st, "invalid") == 0) {
        /* come back to the page: the last form's errors again */
        ws_errs e = {NULL, 0}, cells = {NULL, 0};
        char file[300];
        long long at = 0;
        if (S_last_refused(s, l, &e, &cells, file, sizeof file, &at)) {
            S_words(when, sizeof when, at);
            snprintf(title, sizeof title,
                     _("The form %s, sent %s, has errors and was not taken: "
                       "correct the cells marked below and send it again."),
                     file, when);
            ws_buf_puts(&b, "<section class=\"card\" id=\"result\" "
                            "data-status=\"invalid\"><p class=\"error\" "
                            "id=\"msg\">");
            ws_buf_html(&b, title);
            ws_buf_puts(&b, "</p>");
            S_grid(&b, &e, &cells);
            ws_buf_puts(&b, "</section>");
        }
        ws_errs_free(&e);
        ws_errs_free(&cells);
    }
    S_round(s, l, &b);
    ws_buf_puts(&b, "<section class=\"card\"><h3>");
    ws_buf_html(&b, _("1. The blank form"));
    ws_buf_printf(&b, "</h3><p><a class=\"button\" id=\"download\" "
                      "href=\"/u/%s/form.xlsx\" download>",
                  l->tok);
    ws_buf_html(&b, _("Download the unit's form (Excel)"));
    ws_buf_puts(&b, "</a></p><p class=\"hint\">");
    ws_buf_html(&b, _("Fill in the column “Tự đánh giá” (the unit's own "
                      "points), the notes and the evidence; the council fills "
                      "the column “Thẩm định”."));
    ws_buf_puts(&b, "</p></section>");
    if (!closed) {
        ws_buf_puts(&b, "<section class=\"card\"><h3>");
        ws_buf_html(&b, _("2. Send the filled form"));
        /* the file control: the browser's own (in the browser's
         * language) without a script; with /assets/unit.js, a button in
         * the page's words and the chosen file's name beside it */
        ws_buf_printf(&b, "</h3><form id=\"upload\" method=\"post\" "
                          "enctype=\"multipart/form-data\" "
                          "action=\"/u/%s/form\"><label "
                          "class=\"button secondary filepick\" "
                          "id=\"choose\"><input type=\"file\" "
                          "id=\"file\" name=\"form\" accept=\".xlsx\" "
                          "required><span>",
                      l->tok);
        ws_buf_html(&b, _("Choose the filled form…"));
        ws_buf_puts(&b, "</span></label> <span class=\"picked\" "
                        "id=\"picked\" data-none=\"");
        ws_buf_html(&b, _("No file chosen yet"));
        ws_buf_puts(&b, "\" data-missing=\"");
        ws_buf_html(&b, _("Choose the filled form first"));
        ws_buf_puts(&b, "\">");
        ws_buf_html(&b, _("No file chosen yet"));
        ws_buf_puts(&b, "</span> <button type=\"submit\" id=\"send\">");
        ws_buf_html(&b, _("Send the form"));
        ws_buf_puts(&b, "</button></form><p class=\"hint\">");
        ws_buf_html(&b, _("It is checked at once; a form with errors shows "
                          "them on its cells. A later form replaces an "
                          "earlier one."));
        ws_buf_puts(&b, "</p></section>");
    }
    S_elem(&b, "<section class=\"card\"><h3>", _("What the unit has sent"),
           "</h3>");
    S_history(s, l, &b);
    ws_buf_puts(&b, "</section></main></body></html>\n");
    if (b.oom) {
        ws_buf_free(&b);
        ws_resp_error(r, 500, _("out of memory"));
        return;
    }
    ws_resp_bytes(r, status, "text/html; charset=utf-8", b.s, b.len);
    r->no_store = 1;
}

/* The unit's blank form. */
static void S_blank_form(ws_server *s, const S_link *l, const ws_req *q,
                         ws_resp *r)
{
    char *dir = ws_year_forms(s, l->year), *man = NULL, *line, *save = NULL;
    char *path = NULL, *data = NULL;
    size_t len;
    const char *base;
    if (!dir || asprintf(&man, "%s/manifest.tsv", dir) < 0) {
        man = NULL;
        goto fail;
    }
    {
        char *text = ws_read_file(man, 64 << 20, &len);
        if (!text)
            goto fail;
        for (line = strtok_r(text, "\n", &save); line && !path;
             line = strtok_r(NULL, "\n", &save)) {
            char *f1, *f2, *f3;
            if (!(f1 = strchr(line, '\t')) || !(f2 = strchr(f1 + 1, '\t')))
                continue;
            *f1++ = 0;
            *f2++ = 0;
            if ((f3 = strchr(f2, '\t')) != NULL)
                *f3 = 0;
            if (strcmp(line, "unit-form") == 0 && strcmp(f1, l->unit) == 0 &&
                !strstr(f2, "..") && asprintf(&path, "%s/%s", dir, f2) < 0)
                path = NULL;
        }
        free(text);
    }
    if (!path || !(data = ws_read_file(path, 64u << 20, &len)))
        goto fail;
    ws_resp_bytes(r, 200,
                  "application/vnd.openxmlformats-officedocument."
                  "spreadsheetml.sheet",
                  data, len);
    base = strrchr(path, '/');
    snprintf(r->disposition, sizeof r->disposition,
             "attachment; filename=\"%s\"", base ? base + 1 : "form.xlsx");
    free(path);
    free(man);
    free(dir);
    return;
fail:
    free(path);
    free(man);
    free(dir);
    S_fail(q, r, 500, _("cannot write the form"));
}

/* 1 when a POST without a session may be taken: a browser says it came
 * from this site (Sec-Fetch-Site same-origin; without it, an Origin that
 * is this server's Host or the public URL); a script sends neither. */
static int S_same_site(const ws_server *s, const ws_req *q)
{
    if (q->fetch_site) /* the browser's own word, whatever its referrer
                          policy (which makes a form's Origin "null") */
        return strcmp(q->fetch_site, "same-origin") == 0 ||
               strcmp(q->fetch_site, "none") == 0;
    return !q->origin || ws_origin_own(s, q);
}

/* 1 (and the answer, 429) when the link of l has taken its quota of
 * forms in the last S_QUOTA_FOR seconds, else 0. */
static int S_over_quota(ws_server *s, const S_link *l, const ws_req *q,
                        ws_resp *r)
{
    sqlite3_stmt *st;
    long long forms = 0, bytes = 0;
    char msg[300];
    pthread_mutex_lock(&s->store.lock);
    if ((st = ws_stmt(&s->store,
                      "SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM forms "
                      "WHERE year=?1 AND unit=?2 AND via='link' AND "
                      "received_at > ?3",
                      l->year, l->unit)) != NULL) {
        sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL) - S_QUOTA_FOR);
        if (sqlite3_step(st) == SQLITE_ROW) {
            forms = sqlite3_column_int64(st, 0);
            bytes = sqlite3_column_int64(st, 1);
        }
    }
    sqlite3_finalize(st);
    pthread_mutex_unlock(&s->store.lock);
    if (forms < S_QUOTA_FORMS && bytes < S_QUOTA_BYTES)
        return 0;
    if (forms >= S_QUOTA_FORMS)
        snprintf(msg, sizeof msg,
                 _("this link has taken %lld forms in the last 24 hours, as "
                   "many as it takes in a day: send the form again tomorrow, "
                   "or give it to the office"),
                 forms);
    else
        snprintf(msg, sizeof msg,
                 _("the forms sent through this link in the last 24 hours "
                   "come to %lld MB, as much as it takes in a day: send the "
                   "form again tomorrow, or give it to the office"),
                 bytes / (1024 * 1024));
    S_fail(q, r, 429, msg);
    return 1;
}

/* POST /u/TOKEN/form */
static void S_upload(ws_server *s, const S_link *l, const ws_req *q,
                     ws_resp *r)
{
    int json = q->accept && strstr(q->accept, "application/json") != NULL;
    const ws_part *p = NULL;
    const char *name;
    char user[300], when[64], msg[300];
    ws_via via;
    ws_buf out = {0}, b = {0};
    size_t i;
    S_outcome o;
    if (!S_same_site(s, q)) {
        S_fail(q, r, 403, _("this form may be sent only from its own page"));
        return;
    }
    if (l->deadline && (long long)time(NULL) > l->deadline) {
        S_words(when, sizeof when, l->deadline);
        snprintf(msg, sizeof msg,
                 _("the deadline was %s: this link no longer takes forms"),
                 when);
        S_fail(q, r, 403, msg);
        return;
    }
    if (S_over_quota(s, l, q, r))
        return;
    if (!(p = ws_part_get(q, "form", 0, &i))) {
        S_fail(q, r, 400, _("send the form as multipart/form-data, in the "
                            "field 'form'"));
        return;
    }
    name = ws_part_name(p, "form.xlsx");
    memset(&via, 0, sizeof via);
    via.via = "link";
    via.unit = l->unit;
    snprintf(user, sizeof user, "link:%s", l->unit);
    if (ws_form_receive_via(s, l->year, user, name, p->data ? p->data : "",
                            p->len, &via, &out) != 0) {
        ws_buf_free(&out);
        ws_errs_free(&via.errs);
        ws_errs_free(&via.cells);
        S_fail(q, r, 500, _("cannot keep the form"));
        return;
    }
    ws_buf_free(&out);
    if (!via.invalid) /* the council's entries stand for the new form */
        ws_sheet_mark(s, l->year, l->unit);
    if (json) {
        ws_buf_printf(&b, "{\"status\": \"%s\", \"errors\": ",
                      via.invalid ? "invalid" : "submitted");
        ws_errs_json(&b, &via.errs, 1);
        ws_buf_printf(&b, ", \"appraised_ignored\": %s}",
                      via.dropped ? "true" : "false");
        ws_resp_json(r, via.invalid ? 422 : 200, &b);
    } else {
        memset(&o, 0, sizeof o);
        o.done = 1;
        o.bad = via.invalid;
        o.dropped = via.dropped;
        o.errs = &via.errs;
        o.cells = &via.cells;
        o.words = via.other ? _("This form was refused: it is not this "
                                "unit's form.")
                  : via.invalid
                      ? _("The form has errors and was not taken: correct "
                          "the cells marked below and send it again.")
                      : _("The form was received. The council will appraise "
                          "it.");
        S_page(s, l, &o, via.invalid ? 422 : 200, r);
    }
    ws_errs_free(&via.errs);
    ws_errs_free(&via.cells);
}

/* The link of a /u/ path into l, and what follows its token into
 * *rest; 0, or -1 with the refusal in r (a slowed address, an unknown
 * or dead token, counted). */
static int S_open(ws_server *s, const ws_req *q, ws_resp *r, S_link *l,
                  const char **rest)
{
    char tok[S_TOKEN + 2];
    const char *p = q->path + 3, *slash = strchr(p, '/');
    size_t n = slash ? (size_t)(slash - p) : strlen(p);
    *rest = slash ? slash + 1 : "";
    if (S_slowed(s, q->addr)) {
        S_fail(q, r, 429, _("too many wrong links from this address: try "
                            "again in a quarter of an hour"));
        return -1;
    }
    if (n > S_TOKEN)
        n = S_TOKEN + 1; /* too long: unknown */
    memcpy(tok, p, n);
    tok[n] = 0;
    if (S_find(s, tok, l) != 0) {
        if (S_wrong(s, q->addr))
            ws_audit(&s->store, NULL, q->addr, "link-slowed",
                     "too many wrong links");
        S_fail(q, r, 404, _("This link is unknown or no longer valid: ask "
                            "the office for the current one."));
        return -1;
    }
    return 0;
}

/* See internal.h. */
void ws_links_gate(ws_server *s, const ws_req *q, ws_resp *r)
{
    const char *rest;
    S_link l;
    if (S_open(s, q, r, &l, &rest) != 0)
        return;
    if (strcmp(q->method, "POST") == 0 &&
        (strcmp(rest, "form") == 0 || strcmp(rest, "answers") == 0) &&
        !S_same_site(s, q))
        S_fail(q, r, 403, _("this form may be sent only from its own page"));
    else if (strcmp(q->method, "POST") == 0 && strcmp(rest, "form") == 0)
        (void)S_over_quota(s, &l, q, r);
}

/* See internal.h. */
void ws_links_route(ws_server *s, const ws_req *q, ws_resp *r)
{
    const char *rest;
    int get = strcmp(q->method, "GET") == 0 || strcmp(q->method, "HEAD") == 0;
    S_link l;
    if (S_open(s, q, r, &l, &rest) != 0)
        return;
    if (!*rest && get) {
        S_page(s, &l, NULL, 200, r);
    } else if (strcmp(rest, "form.xlsx") == 0 && get) {
        S_blank_form(s, &l, q, r);
    } else if (strcmp(rest, "form") == 0 &&
               strcmp(q->method, "POST") == 0) {
        S_upload(s, &l, q, r);
    } else if (strcmp(rest, "answers") == 0 &&
               strcmp(q->method, "POST") == 0) {
        S_answers(s, &l, q, r);
    } else if (!*rest || strcmp(rest, "form.xlsx") == 0 ||
               strcmp(rest, "form") == 0 || strcmp(rest, "answers") == 0) {
        S_fail(q, r, 405, _("method not allowed"));
    } else {
        S_fail(q, r, 404, _("no such page"));
    }
}
