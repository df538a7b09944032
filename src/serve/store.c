/* store.c - the workspace's database: DIR/parpack.db (SQLite, WAL,
 * synchronous=FULL, so that what the server acknowledged survives kill -9
 * and a power cut), its schema, the audit log, and the few file helpers
 * the workspace needs (internal.h). */
#include "serve/internal.h"
#include "base/i18n.h"

#include <sqlite3.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The schema. units.link_hash, link_at and years.deadline are for the
 * units' own links (issue 24): a token stored hashed, and the date after
 * which a link only reads. */
static const char S_schema[] =
    "PRAGMA foreign_keys=ON;"
    "CREATE TABLE IF NOT EXISTS users("
    " id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL,"
    " role TEXT NOT NULL CHECK(role IN ('clerk','council')),"
    " hash TEXT NOT NULL, created_at INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sessions("
    " token_hash TEXT PRIMARY KEY,"
    " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    " csrf TEXT NOT NULL, created_at INTEGER NOT NULL,"
    " seen_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS login_failures("
    " key TEXT PRIMARY KEY, count INTEGER NOT NULL, last_at INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS years("
    " year INTEGER PRIMARY KEY, issuer TEXT NOT NULL, blank INTEGER NOT NULL,"
    " source BLOB NOT NULL, source_name TEXT, created_by TEXT,"
    " created_at INTEGER NOT NULL, deadline INTEGER);"
    "CREATE TABLE IF NOT EXISTS units("
    " year INTEGER NOT NULL REFERENCES years(year) ON DELETE CASCADE,"
    " id TEXT NOT NULL, name TEXT NOT NULL, block TEXT NOT NULL,"
    " seq INTEGER NOT NULL, link_hash TEXT UNIQUE, link_at INTEGER,"
    " PRIMARY KEY(year, id));"
    "CREATE TABLE IF NOT EXISTS forms("
    " id INTEGER PRIMARY KEY, year INTEGER NOT NULL, unit TEXT,"
    " file TEXT NOT NULL, bytes BLOB NOT NULL, sha256 TEXT NOT NULL,"
    " received_by TEXT NOT NULL, via TEXT NOT NULL DEFAULT 'account',"
    " received_at INTEGER NOT NULL,"
    " status TEXT NOT NULL CHECK(status IN ('ok','submitted','invalid')),"
    " errors TEXT NOT NULL, rows TEXT NOT NULL DEFAULT '{}');"
    "CREATE INDEX IF NOT EXISTS forms_unit ON forms(year, unit, id);"
    "CREATE TABLE IF NOT EXISTS jobs("
    " id INTEGER PRIMARY KEY, year INTEGER NOT NULL, kind TEXT NOT NULL,"
    " state TEXT NOT NULL, done INTEGER NOT NULL, total INTEGER NOT NULL,"
    " message TEXT NOT NULL, created_by TEXT, created_at INTEGER NOT NULL,"
    " finished_at INTEGER);"
    "CREATE TABLE IF NOT EXISTS audit("
    " id INTEGER PRIMARY KEY, at INTEGER NOT NULL, user TEXT, addr TEXT,"
    " action TEXT NOT NULL, detail TEXT);";

/* See internal.h. */
int ws_store_open(ws_store *st, const char *dir, int (*more)(ws_store *st),
                  char *err, size_t cap)
{
    char *path;
    memset(st, 0, sizeof *st);
    pthread_mutex_init(&st->lock, NULL);
    if (ws_mkdirs(dir) != 0) {
        snprintf(err, cap, _("cannot make the workspace %s: %s"), dir,
                 strerror(errno));
        return -1;
    }
    st->dir = realpath(dir, NULL);
    if (!st->dir) {
        snprintf(err, cap, "%s: %s", dir, strerror(errno));
        return -1;
    }
    path = ws_path(st, "parpack.db");
    if (!path || sqlite3_open_v2(path, &st->db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                     SQLITE_OPEN_FULLMUTEX,
                                 NULL) != SQLITE_OK) {
        snprintf(err, cap, _("cannot open the workspace's database %s: %s"),
                 path ? path : dir, st->db ? sqlite3_errmsg(st->db) : "");
        free(path);
        return -1;
    }
    free(path);
    sqlite3_busy_timeout(st->db, 10000);
    if (ws_store_exec(st, "PRAGMA journal_mode=WAL;") != 0 ||
        ws_store_exec(st, "PRAGMA synchronous=FULL;") != 0 ||
        ws_store_exec(st, S_schema) != 0 || (more && more(st) != 0)) {
        snprintf(err, cap, _("cannot open the workspace's database %s: %s"),
                 dir, sqlite3_errmsg(st->db));
        return -1;
    }
    return 0;
}

void ws_store_close(ws_store *st)
{
    if (st->db)
        sqlite3_close(st->db);
    st->db = NULL;
    free(st->dir);
    st->dir = NULL;
    pthread_mutex_destroy(&st->lock);
}

/* See internal.h. */
int ws_store_exec(ws_store *st, const char *sql)
{
    return sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* See internal.h. */
sqlite3_stmt *ws_stmt(ws_store *st, const char *sql, int year,
                      const char *key)
{
    sqlite3_stmt *q = NULL;
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) {
        sqlite3_finalize(q);
        return NULL;
    }
    sqlite3_bind_int(q, 1, year);
    if (key)
        sqlite3_bind_text(q, 2, key, -1, SQLITE_TRANSIENT);
    return q;
}

/* See internal.h. */
int ws_store_texts(ws_store *st, const char *sql, int year, char ***v,
                   size_t *n)
{
    sqlite3_stmt *q = ws_stmt(st, sql, year, NULL);
    size_t cap = 0;
    int rc = q ? 0 : -1;
    *v = NULL;
    *n = 0;
    while (rc == 0 && sqlite3_step(q) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(q, 0);
        if (*n == cap) {
            char **w = realloc(*v, (cap = cap ? 2 * cap : 16) * sizeof *w);
            if (!w) {
                rc = -1;
                break;
            }
            *v = w;
        }
        if (!((*v)[*n] = strdup(t ? (const char *)t : "")))
            rc = -1;
        else
            (*n)++;
    }
    sqlite3_finalize(q);
    if (rc != 0) {
        ws_texts_free(*v, *n);
        *v = NULL;
        *n = 0;
    }
    return rc;
}

void ws_texts_free(char **v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* See internal.h. */
int ws_store_has(ws_store *st, const char *sql, int year, const char *key)
{
    sqlite3_stmt *q = ws_stmt(st, sql, year, key);
    int yes = q && sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    return yes;
}

/* See internal.h. */
void ws_col_copy(char *out, size_t cap, sqlite3_stmt *q, int col)
{
    const unsigned char *t = sqlite3_column_text(q, col);
    snprintf(out, cap, "%s", t ? (const char *)t : "");
}

/* See internal.h. */
void ws_audit(ws_store *st, const char *user, const char *addr,
              const char *action, const char *detail)
{
    sqlite3_stmt *q = NULL;
    pthread_mutex_lock(&st->lock);
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO audit(at,user,addr,action,detail) "
                           "VALUES(?,?,?,?,?)",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, (sqlite3_int64)time(NULL));
        sqlite3_bind_text(q, 2, user, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 3, addr, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 4, action, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 5, detail, -1, SQLITE_TRANSIENT);
        (void)sqlite3_step(q);
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&st->lock);
}

/* See internal.h. */
char *ws_path(const ws_store *st, const char *fmt, ...)
{
    char rel[PATH_MAX], *out;
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(rel, sizeof rel, fmt, ap);
    va_end(ap);
    if (n < 0 || n >= (int)sizeof rel)
        return NULL;
    n = (int)(strlen(st->dir) + strlen(rel) + 2);
    if (!(out = malloc((size_t)n)))
        return NULL;
    snprintf(out, (size_t)n, "%s/%s", st->dir, rel);
    return out;
}

/* See internal.h. */
int ws_write_all(int fd, const void *data, size_t len)
{
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, (const char *)data + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        off += (size_t)w;
    }
    return 0;
}

/* See internal.h. */
int ws_write_file(const char *path, const void *data, size_t len)
{
    char tmp[PATH_MAX], dir[PATH_MAX], *slash;
    int fd, e;
    if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if ((fd = mkstemp(tmp)) < 0)
        return -1;
    if (ws_write_all(fd, data, len) != 0)
        goto fail;
    if (fchmod(fd, 0640) != 0 || fsync(fd) != 0)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0)
        goto fail;
    snprintf(dir, sizeof dir, "%s", path);
    if ((slash = strrchr(dir, '/')) != NULL) {
        *slash = 0;
        if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
            (void)fsync(fd);
            close(fd);
        }
    }
    return 0;
fail:
    e = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    errno = e;
    return -1;
}

/* See internal.h. */
void ws_temp_drop(char *path)
{
    if (path)
        unlink(path);
    free(path);
}

/* See internal.h. */
char *ws_read_file(const char *path, size_t limit, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    struct stat sb;
    if (!f)
        return NULL;
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode) ||
        (size_t)sb.st_size > limit ||
        !(buf = malloc((size_t)sb.st_size + 1)) ||
        fread(buf, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[sb.st_size] = 0;
    *len = (size_t)sb.st_size;
    return buf;
}
