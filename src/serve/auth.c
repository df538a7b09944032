/* auth.c - accounts (passwords hashed with Argon2id, never logged),
 * sessions (a random cookie token, stored as its SHA-256; a CSRF token
 * per session; they expire after WS_SESSION_SECONDS, or WS_SESSION_IDLE
 * without use) and the slowing of logins per user and per address
 * (internal.h). */
#include "serve/internal.h"
#include "base/sha256.h"
#include "base/i18n.h"

#include <argon2.h>
#include <sqlite3.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

/* Argon2id: 2 passes over 19 MiB, one lane (OWASP's minimum). */
enum { S_T = 2, S_M = 19 * 1024, S_P = 1, S_SALT = 16, S_HASH = 32 };

/* Failures allowed before a login is slowed, and the longest wait. */
enum { S_FREE_FAILURES = 5, S_MAX_WAIT = 300, S_FORGET = 3600 };

/* See internal.h. */
int ws_random_hex(char *out, size_t n)
{
    unsigned char b[64];
    size_t i, got = 0;
    if (n > sizeof b)
        return -1;
    while (got < n) {
        ssize_t r = getrandom(b + got, n - got, 0);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        got += (size_t)r;
    }
    for (i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", b[i]);
    return 0;
}

/* See internal.h. */
int ws_password_hash(const char *password, char *enc, size_t cap)
{
    unsigned char salt[S_SALT];
    size_t got = 0;
    while (got < sizeof salt) {
        ssize_t r = getrandom(salt + got, sizeof salt - got, 0);
        if (r < 0 && errno != EINTR)
            return -1;
        if (r > 0)
            got += (size_t)r;
    }
    return argon2id_hash_encoded(S_T, S_M, S_P, password, strlen(password),
                                 salt, sizeof salt, S_HASH, enc, cap) ==
                   ARGON2_OK
               ? 0
               : -1;
}

/* A name an account may have: 1 to 64 bytes, no control character, no
 * space at either end. */
static int S_name_ok(const char *n)
{
    size_t i, len = strlen(n);
    if (len == 0 || len > 64 || n[0] == ' ' || n[len - 1] == ' ')
        return 0;
    for (i = 0; i < len; i++)
        if ((unsigned char)n[i] < 0x20 || n[i] == 0x7f)
            return 0;
    return 1;
}

/* See internal.h. */
int ws_user_add(ws_store *st, const char *name, const char *role,
                const char *password, char *err, size_t cap)
{
    char enc[256];
    sqlite3_stmt *q = NULL;
    int rc = -1;
    if (!S_name_ok(name)) {
        snprintf(err, cap, _("'%s' cannot be an account's name (1 to 64 "
                             "characters, no control character)"),
                 name);
        return -1;
    }
    if (ws_password_hash(password, enc, sizeof enc) != 0) {
        snprintf(err, cap, "%s", _("cannot hash the password"));
        return -1;
    }
    pthread_mutex_lock(&st->lock);
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO users(name,role,hash,created_at) "
                           "VALUES(?,?,?,?)",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 2, role, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 3, enc, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 4, (sqlite3_int64)time(NULL));
        rc = sqlite3_step(q);
        if (rc == SQLITE_DONE)
            rc = 0;
        else if (rc == SQLITE_CONSTRAINT) {
            snprintf(err, cap, _("there is already an account '%s'"), name);
            rc = -1;
        } else {
            snprintf(err, cap, "%s", sqlite3_errmsg(st->db));
            rc = -1;
        }
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&st->lock);
    return rc;
}

/* Run sql with the name bound as ?1 and, when given, text as ?2; the
 * number of rows changed, or -1. */
static int S_change(ws_store *st, const char *sql, const char *name,
                    const char *text)
{
    sqlite3_stmt *q = NULL;
    int n = -1;
    pthread_mutex_lock(&st->lock);
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, name, -1, SQLITE_TRANSIENT);
        if (text)
            sqlite3_bind_text(q, 2, text, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(q) == SQLITE_DONE)
            n = sqlite3_changes(st->db);
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&st->lock);
    return n;
}

/* See internal.h. */
int ws_user_password(ws_store *st, const char *name, const char *password,
                     char *err, size_t cap)
{
    char enc[256];
    int n;
    if (ws_password_hash(password, enc, sizeof enc) != 0) {
        snprintf(err, cap, "%s", _("cannot hash the password"));
        return -1;
    }
    n = S_change(st, "UPDATE users SET hash=?2 WHERE name=?1", name, enc);
    if (n == 1) /* the sessions of the old password end */
        S_change(st, "DELETE FROM sessions WHERE user_id IN "
                     "(SELECT id FROM users WHERE name=?1)",
                 name, NULL);
    if (n != 1)
        snprintf(err, cap, _("there is no account '%s'"), name);
    return n == 1 ? 0 : -1;
}

/* See internal.h. */
int ws_user_remove(ws_store *st, const char *name, char *err, size_t cap)
{
    int n = S_change(st, "DELETE FROM users WHERE name=?1", name, NULL);
    if (n != 1)
        snprintf(err, cap, _("there is no account '%s'"), name);
    return n == 1 ? 0 : -1;
}

/* ---------------------------------------------------------------------
 * Logins.
 */

/* The seconds still to wait before key may try again (0: now). */
static int S_wait(ws_store *st, const char *key, time_t now)
{
    sqlite3_stmt *q = NULL;
    int wait = 0;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT count,last_at FROM login_failures "
                           "WHERE key=?",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(q) == SQLITE_ROW) {
            long long count = sqlite3_column_int64(q, 0);
            long long last = sqlite3_column_int64(q, 1);
            if (count >= S_FREE_FAILURES && now - last < S_FORGET) {
                long long delay = 5LL << (count - S_FREE_FAILURES < 7
                                              ? count - S_FREE_FAILURES
                                              : 7);
                if (delay > S_MAX_WAIT)
                    delay = S_MAX_WAIT;
                if (last + delay > now)
                    wait = (int)(last + delay - now);
            }
        }
    }
    sqlite3_finalize(q);
    return wait;
}

/* One more failure of key (or, ok, forget them). */
static void S_failure(ws_store *st, const char *key, time_t now, int ok)
{
    sqlite3_stmt *q = NULL;
    const char *sql =
        ok ? "DELETE FROM login_failures WHERE key=?1"
           : "INSERT INTO login_failures(key,count,last_at) VALUES(?1,1,?2) "
             "ON CONFLICT(key) DO UPDATE SET count=CASE WHEN ?2-last_at>3600 "
             "THEN 1 ELSE count+1 END, last_at=?2";
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
        if (!ok)
            sqlite3_bind_int64(q, 2, (sqlite3_int64)now);
        (void)sqlite3_step(q);
    }
    sqlite3_finalize(q);
}

/* 1 when this is the first try slowed by key since its last failure
 * (recorded as the row "slowed:KEY", with that failure's time), else 0. */
static int S_first_slowed(ws_store *st, const char *key)
{
    sqlite3_stmt *q = NULL;
    int first = 0;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO login_failures(key,count,last_at) "
                           "SELECT 'slowed:'||key, 0, last_at FROM "
                           "login_failures WHERE key=?1 ON CONFLICT(key) DO "
                           "UPDATE SET last_at=excluded.last_at WHERE "
                           "excluded.last_at>login_failures.last_at",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, key, -1, SQLITE_TRANSIENT);
        first = sqlite3_step(q) == SQLITE_DONE &&
                sqlite3_changes(st->db) == 1;
    }
    sqlite3_finalize(q);
    return first;
}

/* The stored form of a cookie token. */
static void S_token_hash(const char *token, char hex[PP_SHA256_HEX])
{
    if (pp_sha256_mem(token, strlen(token), hex) != PP_OK)
        hex[0] = 0;
}

/* See internal.h. */
ws_login ws_login_try(ws_store *st, const char *name, const char *password,
                      const char *addr, char token[65], ws_session *s,
                      int *wait)
{
    char ukey[200], akey[100], hash[PP_SHA256_HEX], enc[256] = "";
    sqlite3_stmt *q = NULL;
    time_t now = time(NULL);
    int w1, w2, found = 0, good;
    ws_login out = WS_LOGIN_ERR;
    snprintf(ukey, sizeof ukey, "user:%s", name);
    snprintf(akey, sizeof akey, "addr:%s", addr);
    memset(s, 0, sizeof *s);
    pthread_mutex_lock(&st->lock);
    w1 = S_wait(st, ukey, now);
    w2 = S_wait(st, akey, now);
    if (w1 || w2) {
        /* one slowed try per wait is told apart (and audited): an
         * address sending thousands a second would otherwise fill the
         * disk with the rows of its refusals */
        *wait = w1 > w2 ? w1 : w2;
        out = S_first_slowed(st, w2 ? akey : ukey) ? WS_LOGIN_SLOW
                                                   : WS_LOGIN_SLOW_AGAIN;
        pthread_mutex_unlock(&st->lock);
        return out;
    }
    /* the try counts as a failure before its hash is checked (forgotten
     * below when the password is right): tries sent side by side each
     * see the ones before them, and none gets past the slowing */
    S_failure(st, ukey, now, 0);
    S_failure(st, akey, now, 0);
    if (sqlite3_prepare_v2(st->db,
                           "SELECT id,name,role,hash FROM users WHERE name=?",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, name, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(q) == SQLITE_ROW) {
            found = 1;
            s->id = sqlite3_column_int64(q, 0);
            ws_col_copy(s->name, sizeof s->name, q, 1);
            ws_col_copy(s->role, sizeof s->role, q, 2);
            ws_col_copy(enc, sizeof enc, q, 3);
        }
    }
    sqlite3_finalize(q);
    q = NULL;
    pthread_mutex_unlock(&st->lock);
    /* the hash is checked outside the lock (it takes tens of ms); an
     * unknown name costs the same time as a wrong password */
    if (found)
        good = argon2id_verify(enc, password, strlen(password)) == ARGON2_OK;
    else {
        char dummy[256];
        (void)ws_password_hash(password, dummy, sizeof dummy);
        good = 0;
    }
    pthread_mutex_lock(&st->lock);
    if (good) {
        S_failure(st, ukey, now, 1);
        S_failure(st, akey, now, 1);
    }
    if (!good) {
        out = WS_LOGIN_WRONG;
        goto end;
    }
    if (ws_random_hex(token, 32) != 0 || ws_random_hex(s->csrf, 32) != 0)
        goto end;
    S_token_hash(token, hash);
    if (!hash[0])
        goto end;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO sessions(token_hash,user_id,csrf,"
                           "created_at,seen_at,expires_at) VALUES(?,?,?,?,?,?)",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, hash, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 2, s->id);
        sqlite3_bind_text(q, 3, s->csrf, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 4, (sqlite3_int64)now);
        sqlite3_bind_int64(q, 5, (sqlite3_int64)now);
        sqlite3_bind_int64(q, 6, (sqlite3_int64)now + WS_SESSION_SECONDS);
        if (sqlite3_step(q) == SQLITE_DONE)
            out = WS_LOGIN_OK;
    }
    sqlite3_finalize(q);
    /* old sessions go, and failures forgotten */
    q = NULL;
    if (sqlite3_prepare_v2(st->db,
                           "DELETE FROM sessions WHERE expires_at<?1 OR "
                           "seen_at<?2",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, (sqlite3_int64)now);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)now - WS_SESSION_IDLE);
        (void)sqlite3_step(q);
    }
    sqlite3_finalize(q);
    q = NULL;
    if (sqlite3_prepare_v2(st->db,
                           "DELETE FROM login_failures WHERE last_at<?1", -1,
                           &q, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, (sqlite3_int64)now - S_FORGET);
        (void)sqlite3_step(q);
    }
    sqlite3_finalize(q);
end:
    pthread_mutex_unlock(&st->lock);
    return out;
}

/* See internal.h. */
int ws_session_find(ws_store *st, const char *token, ws_session *s)
{
    char hash[PP_SHA256_HEX];
    sqlite3_stmt *q = NULL;
    time_t now = time(NULL);
    int rc = -1;
    size_t i;
    memset(s, 0, sizeof *s);
    if (!token || strlen(token) != 64)
        return -1;
    for (i = 0; i < 64; i++)
        if (!strchr("0123456789abcdef", token[i]))
            return -1;
    S_token_hash(token, hash);
    pthread_mutex_lock(&st->lock);
    if (sqlite3_prepare_v2(st->db,
                           "SELECT u.id,u.name,u.role,s.csrf FROM sessions s "
                           "JOIN users u ON u.id=s.user_id WHERE "
                           "s.token_hash=?1 AND s.expires_at>=?2 AND "
                           "s.seen_at>=?3",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, hash, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)now);
        sqlite3_bind_int64(q, 3, (sqlite3_int64)now - WS_SESSION_IDLE);
        if (sqlite3_step(q) == SQLITE_ROW) {
            s->id = sqlite3_column_int64(q, 0);
            ws_col_copy(s->name, sizeof s->name, q, 1);
            ws_col_copy(s->role, sizeof s->role, q, 2);
            ws_col_copy(s->csrf, sizeof s->csrf, q, 3);
            rc = 0;
        }
    }
    sqlite3_finalize(q);
    q = NULL;
    if (rc == 0 &&
        sqlite3_prepare_v2(st->db,
                           "UPDATE sessions SET seen_at=?2 WHERE "
                           "token_hash=?1 AND seen_at<?2-60",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_text(q, 1, hash, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)now);
        (void)sqlite3_step(q);
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&st->lock);
    return rc;
}

/* See internal.h. */
void ws_session_end(ws_store *st, const char *token)
{
    char hash[PP_SHA256_HEX];
    if (!token)
        return;
    S_token_hash(token, hash);
    S_change(st, "DELETE FROM sessions WHERE token_hash=?1", hash, NULL);
}
