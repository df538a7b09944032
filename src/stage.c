/* stage.c - a folder written atomically: staging, manifest, swap (stage.h). */
#define _GNU_SOURCE /* nftw, syncfs, renameat2 */
#include "parpack/stage.h"
#include "parpack/sha256.h"
#include "i18n.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

#define S_PART ".manifest-"

struct pp_stage {
    char dir[PATH_MAX];    /* DIR */
    char root[PATH_MAX];   /* the staging folder */
    FILE *part;            /* this process's part of the manifest */
    pid_t part_pid;        /* the process that opened part */
    int committed;
    int lock;              /* pp_stage_lock's descriptor, or -1 */
};

/* snprintf into a path buffer; a path too long for it is an error
 * (ENAMETOOLONG) rather than a silently cut name. */
#define PATHF(buf, ...)                                                    \
    (snprintf((buf), sizeof(buf), __VA_ARGS__) >= (int)sizeof(buf)          \
         ? (errno = ENAMETOOLONG, -1)                                       \
         : 0)

/* ---------------------------------------------------------------------
 * Folders.
 */

/* mkdir -p. The leaf first: a unit's folder lies in one that exists,
 * and one mkdir per component cost 6% of the unit workbooks' time. */
static int S_mkdirs(const char *path)
{
    char buf[PATH_MAX];
    char *p;
    if (mkdir(path, 0777) == 0 || errno == EEXIST)
        return 0;
    if (errno != ENOENT)
        return -1;
    if (PATHF(buf, "%s", path) != 0)
        return -1;
    for (p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            if (mkdir(buf, 0777) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

/* nftw callback of S_rmtree: remove one entry. */
static int S_rm_one(const char *p, const struct stat *st, int flag,
                    struct FTW *f)
{
    (void)st;
    (void)flag;
    (void)f;
    remove(p);
    return 0;
}

/* rm -rf */
static void S_rmtree(const char *path)
{
    nftw(path, S_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Remove staging folders left by a killed run into the same DIR: they
 * are named .BASE.parpack-PID-XXXXXX, and PID no longer runs. */
static void S_clean_stale(const char *parent, const char *base)
{
    char prefix[PATH_MAX], path[PATH_MAX];
    size_t pl;
    DIR *dp = opendir(parent);
    struct dirent *e;
    if (!dp)
        return;
    if (PATHF(prefix, ".%s.parpack-", base) != 0)
        goto cleanup;
    pl = strlen(prefix);
    while ((e = readdir(dp)) != NULL) {
        long pid;
        char *end;
        if (strncmp(e->d_name, prefix, pl) != 0)
            continue;
        pid = strtol(e->d_name + pl, &end, 10);
        if (pid <= 0 || *end != '-')
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* a run still going */
        if (PATHF(path, "%s/%s", parent, e->d_name) == 0)
            S_rmtree(path);
    }
cleanup:
    closedir(dp);
}

/* Flush the staging folder's file system once, before the move: a crash
 * after the move then finds every file whole (one syncfs instead of an
 * fsync per file, which cost seconds on the national packet). */
static int S_sync_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY), rc;
    if (fd < 0)
        return -1;
    rc = syncfs(fd);
    close(fd);
    return rc;
}

/* Put stage in place of dir: an atomic exchange when dir exists. */
static int S_swap_in(const char *stage, const char *dir)
{
    struct stat st;
    if (lstat(dir, &st) != 0)
        return rename(stage, dir);
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    if (syscall(SYS_renameat2, AT_FDCWD, stage, AT_FDCWD, dir,
                RENAME_EXCHANGE) != 0)
        return -1;
    /* stage now holds the previous packet */
    S_rmtree(stage);
    return 0;
}

/* Split dir (no trailing slash) into its parent folder and base name. */
static void S_split(const char *dir, char *parent, size_t cap,
                    const char **base)
{
    const char *slash = strrchr(dir, '/');
    if (!slash) {
        snprintf(parent, cap, ".");
        *base = dir;
    } else {
        snprintf(parent, cap, "%.*s", (int)(slash - dir), dir);
        if (!*parent)
            snprintf(parent, cap, "/");
        *base = slash + 1;
    }
}

/* Keep what `send` recorded (sent.log, mail.h): the previous DIR's log
 * goes into the staging folder, linked (the same file: nothing is
 * copied, nothing lost), or copied where links are refused. */
static int S_carry_log(const pp_stage *s)
{
    char from[PATH_MAX], to[PATH_MAX], buf[65536];
    int in, out, rc = -1;
    ssize_t n;
    if (PATHF(from, "%s/sent.log", s->dir) != 0 ||
        PATHF(to, "%s/sent.log", s->root) != 0)
        return -1;
    if (link(from, to) == 0 || errno == ENOENT)
        return 0;
    in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return errno == ENOENT ? 0 : -1;
    out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (out >= 0) {
        while ((n = read(in, buf, sizeof buf)) > 0)
            if (write(out, buf, (size_t)n) != n)
                break;
        rc = n == 0 ? 0 : -1;
        if (close(out) != 0)
            rc = -1;
    }
    close(in);
    return rc;
}

/* ---------------------------------------------------------------------
 * Public: the lock.
 */

/* Take the lock on fd without waiting for a live run: 0, or -1 with
 * errno EWOULDBLOCK and the holder's process number in pid (or another
 * errno). A holder whose process has ended is waited for (10 s at most):
 * the workers of a killed run may hold it for a moment while they die. */
static int S_flock_or_holder(int fd, char *pid, size_t cap)
{
    int tries;
    for (tries = 0; tries < 200; tries++) {
        ssize_t n;
        long holder;
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            return 0;
        if (errno != EWOULDBLOCK)
            return -1;
        n = pread(fd, pid, cap - 1, 0);
        pid[n > 0 ? n : 0] = 0;
        pid[strcspn(pid, "\n")] = 0;
        holder = strtol(pid, NULL, 10);
        if (holder > 0 && (kill((pid_t)holder, 0) == 0 || errno == EPERM))
            break; /* a run still going: refused at once */
        usleep(50 * 1000);
    }
    errno = EWOULDBLOCK;
    return -1;
}

/* Lock the packet dir; see stage.h. */
pp_status pp_stage_lock(const char *dir, int *fd, pp_diags *d)
{
    char clean[PATH_MAX], parent[PATH_MAX], path[PATH_MAX], pid[32];
    const char *base;
    size_t len;
    int l;
    *fd = -1;
    if (PATHF(clean, "%s", dir) != 0) {
        pp_diag_error(d, dir, 0, 0, _("cannot lock the folder: %s"),
                      strerror(errno));
        return PP_E_OUTPUT;
    }
    while ((len = strlen(clean)) > 1 && clean[len - 1] == '/')
        clean[len - 1] = 0;
    S_split(clean, parent, sizeof parent, &base);
    if (PATHF(path, "%s/.%s.parpack.lock", parent, base) != 0 ||
        (l = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666)) < 0) {
        pp_diag_error(d, path, 0, 0, _("cannot lock the folder: %s"),
                      strerror(errno));
        return PP_E_OUTPUT;
    }
    if (S_flock_or_holder(l, pid, sizeof pid) != 0) {
        int err = errno;
        close(l);
        if (err != EWOULDBLOCK) {
            pp_diag_error(d, path, 0, 0, _("cannot lock the folder: %s"),
                          strerror(err));
            return PP_E_OUTPUT;
        }
        pp_diag_error(d, clean, 0, 0,
                      _("another parpack run (build or send, process %s) is "
                        "using this packet: nothing was done; run again when "
                        "it has ended"),
                      *pid ? pid : "?");
        return PP_E_LOCKED;
    }
    /* who holds it, for the message of the next one */
    snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(l, 0) != 0 || pwrite(l, pid, strlen(pid), 0) < 0)
        (void)0; /* only the message of a second run would lack it */
    *fd = l;
    return PP_OK;
}

/* Release; see stage.h. */
void pp_stage_unlock(int fd)
{
    if (fd >= 0)
        close(fd);
}

/* ---------------------------------------------------------------------
 * Public: the staging folder.
 */

/* Open the staging folder beside dir; see stage.h. */
pp_status pp_stage_open(const char *dir, pp_stage **out, pp_diags *d)
{
    pp_stage *s = calloc(1, sizeof *s);
    char parent[PATH_MAX], *slash;
    const char *base;
    size_t len;
    pp_status st = PP_E_OUTPUT;
    *out = NULL;
    if (!s)
        return PP_E_NOMEM;
    s->lock = -1;
    /* short enough that every file name in the folder fits in a path
     * buffer */
    if (strlen(dir) > 2048 || PATHF(s->dir, "%s", dir) != 0) {
        pp_diag_error(d, NULL, 0, 0, "%s",
                      _("--out: the folder name is too long"));
        goto cleanup;
    }
    while ((len = strlen(s->dir)) > 1 && s->dir[len - 1] == '/')
        s->dir[len - 1] = 0;
    snprintf(parent, sizeof parent, "%s", s->dir);
    slash = strrchr(parent, '/');
    if (slash) {
        *slash = 0;
        base = s->dir + (slash - parent) + 1;
        if (!*parent)
            snprintf(parent, sizeof parent, "/");
    } else {
        snprintf(parent, sizeof parent, ".");
        base = s->dir;
    }
    if (S_mkdirs(parent) != 0) {
        pp_diag_error(d, parent, 0, 0, _("cannot create the folder: %s"),
                      strerror(errno));
        goto cleanup;
    }
    /* one run at a time on DIR: held until pp_stage_free */
    st = pp_stage_lock(s->dir, &s->lock, d);
    if (st != PP_OK)
        goto cleanup;
    st = PP_E_OUTPUT;
    S_clean_stale(parent, base);
    if (PATHF(s->root, "%s/.%s.parpack-%ld-XXXXXX", parent, base,
              (long)getpid()) != 0 ||
        !mkdtemp(s->root)) {
        pp_diag_error(d, parent, 0, 0, _("cannot write in the folder: %s"),
                      strerror(errno));
        goto cleanup;
    }
    {
        /* mkdtemp makes it private; the folder gets the usual mode */
        mode_t um = umask(0);
        umask(um);
        chmod(s->root, 0777 & ~um);
    }
    *out = s;
    s = NULL;
    st = PP_OK;
cleanup:
    if (s)
        pp_stage_unlock(s->lock);
    free(s);
    return st;
}

/* DIR; see stage.h. */
const char *pp_stage_dir(const pp_stage *s)
{
    return s->dir;
}

/* The staging folder; see stage.h. */
const char *pp_stage_root(const pp_stage *s)
{
    return s->root;
}

/* The path of rel in the staging folder; see stage.h. */
int pp_stage_file(const pp_stage *s, const char *rel, char *buf, size_t cap)
{
    if (snprintf(buf, cap, "%s/%s", s->root, rel) >= (int)cap) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

/* mkdir -p inside the staging folder; see stage.h. */
pp_status pp_stage_mkdir(const pp_stage *s, const char *rel, pp_diags *d)
{
    char path[PATH_MAX];
    if (pp_stage_file(s, rel, path, sizeof path) != 0 ||
        S_mkdirs(path) != 0) {
        pp_diag_error(d, path, 0, 0, _("cannot create the folder: %s"),
                      strerror(errno));
        return PP_E_OUTPUT;
    }
    return PP_OK;
}

/* No control character in text; see stage.h. */
int pp_stage_name_ok(const char *text)
{
    const unsigned char *p;
    for (p = (const unsigned char *)text; *p; p++)
        if (*p < 0x20 || *p == 0x7f)
            return 0;
    return 1;
}

/* Hash rel and append its manifest line; see stage.h. */
pp_status pp_stage_record(pp_stage *s, const char *kind, const char *unit,
                          const char *rel, pp_diags *d)
{
    char path[PATH_MAX], hex[PP_SHA256_HEX];
    long long bytes = 0;
    pp_status st;
    if (!pp_stage_name_ok(kind) || (unit && !pp_stage_name_ok(unit)) ||
        !pp_stage_name_ok(rel) || strchr(rel, '\\')) {
        pp_diag_error(d, NULL, 0, 0,
                      _("unit '%s': its id or file name holds a control "
                        "character, which manifest.tsv cannot list; give the "
                        "unit an id of letters, digits and '-'"),
                      unit ? unit : "");
        return PP_E_INPUT;
    }
    if (pp_stage_file(s, rel, path, sizeof path) != 0 ||
        (st = pp_sha256_file(path, hex, &bytes)) != PP_OK) {
        pp_diag_error(d, path, 0, 0, _("cannot write: %s"), strerror(errno));
        return PP_E_OUTPUT;
    }
    if (!s->part || s->part_pid != getpid()) {
        char part[PATH_MAX];
        /* a part inherited over fork belongs to the parent: not ours */
        s->part_pid = getpid();
        if (PATHF(part, "%s/" S_PART "%ld", s->root, (long)s->part_pid) != 0 ||
            !(s->part = fopen(part, "w"))) {
            s->part = NULL;
            pp_diag_error(d, NULL, 0, 0, _("cannot write the manifest: %s"),
                          strerror(errno));
            return PP_E_OUTPUT;
        }
    }
    if (fprintf(s->part, "%s\t%s\t%s\t%lld\t%s\n", kind, unit ? unit : "",
                rel, bytes, hex) < 0) {
        pp_diag_error(d, NULL, 0, 0, _("cannot write the manifest: %s"),
                      strerror(errno));
        return PP_E_OUTPUT;
    }
    return PP_OK;
}

/* Close this process's part; see stage.h. */
pp_status pp_stage_flush(pp_stage *s, pp_diags *d)
{
    int rc;
    if (!s->part || s->part_pid != getpid())
        return PP_OK;
    rc = fclose(s->part);
    s->part = NULL;
    if (rc != 0) {
        pp_diag_error(d, NULL, 0, 0, _("cannot write the manifest: %s"),
                      strerror(errno));
        return PP_E_OUTPUT;
    }
    return PP_OK;
}

/* ---------------------------------------------------------------------
 * Commit: merge the parts, write the lists, swap.
 */
typedef struct {
    char *line;
    const char *path; /* points into line: the third field */
    size_t pathlen;
} S_mline;

/* qsort: by path, bytewise. */
static int S_cmp_mline(const void *a, const void *b)
{
    return strcmp(((const S_mline *)a)->path, ((const S_mline *)b)->path);
}

/* Read one part into *lines; the part is removed. */
static pp_status S_read_part(const char *path, S_mline **lines, size_t *n,
                             size_t *cap)
{
    FILE *f = fopen(path, "r");
    char *buf = NULL;
    size_t bufcap = 0;
    ssize_t got;
    pp_status st = PP_OK;
    if (!f)
        return PP_E_OUTPUT;
    while ((got = getline(&buf, &bufcap, f)) > 0) {
        char *t, *end;
        if (*n == *cap) {
            size_t nc = *cap ? *cap * 2 : 256;
            S_mline *nl = realloc(*lines, nc * sizeof *nl);
            if (!nl) {
                st = PP_E_NOMEM;
                break;
            }
            *lines = nl;
            *cap = nc;
        }
        /* kind \t unit \t path \t bytes \t sha256 \n: the path is the
         * third field (no field holds a tab: pp_stage_record) */
        t = strchr(buf, '\t');
        t = t ? strchr(t + 1, '\t') : NULL;
        end = t ? strchr(t + 1, '\t') : NULL;
        if (!end || buf[got - 1] != '\n') {
            errno = EINVAL;
            st = PP_E_OUTPUT;
            break;
        }
        (*lines)[*n].line = buf;
        (*lines)[*n].path = t + 1;
        (*lines)[*n].pathlen = (size_t)(end - t - 1);
        *end = 0; /* the path ends here while sorting; put back later */
        (*n)++;
        buf = NULL;
        bufcap = 0;
    }
    if (ferror(f) && st == PP_OK)
        st = PP_E_OUTPUT;
    free(buf);
    fclose(f);
    unlink(path);
    return st;
}

/* Merge every part into manifest.tsv and SHA256SUMS. */
static pp_status S_write_lists(pp_stage *s)
{
    S_mline *lines = NULL;
    size_t n = 0, cap = 0, i;
    char path[PATH_MAX];
    FILE *f = NULL, *sums = NULL;
    DIR *dp = opendir(s->root);
    struct dirent *e;
    pp_status st = PP_OK;
    int err = 0; /* the first failure's errno, said by the caller */
    if (!dp)
        return PP_E_OUTPUT;
    while (st == PP_OK && (e = readdir(dp)) != NULL)
        if (strncmp(e->d_name, S_PART, strlen(S_PART)) == 0) {
            if (PATHF(path, "%s/%s", s->root, e->d_name) != 0)
                st = PP_E_OUTPUT;
            else
                st = S_read_part(path, &lines, &n, &cap);
        }
    err = errno;
    closedir(dp);
    if (st != PP_OK)
        goto cleanup;
    if (n) /* an empty stage has no lines at all */
        qsort(lines, n, sizeof *lines, S_cmp_mline);
    if (PATHF(path, "%s/manifest.tsv", s->root) != 0 ||
        !(f = fopen(path, "w")) ||
        PATHF(path, "%s/SHA256SUMS", s->root) != 0 ||
        !(sums = fopen(path, "w"))) {
        err = errno;
        st = PP_E_OUTPUT;
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        char *line = lines[i].line;
        char *hash = (char *)lines[i].path + lines[i].pathlen + 1;
        hash = strchr(hash, '\t'); /* past the bytes */
        line[lines[i].path - line + lines[i].pathlen] = '\t';
        if (fputs(line, f) == EOF ||
            fprintf(sums, "%.*s  %.*s\n", (int)strcspn(hash + 1, "\n"),
                    hash + 1, (int)lines[i].pathlen, lines[i].path) < 0) {
            err = errno;
            st = PP_E_OUTPUT;
            goto cleanup;
        }
    }
cleanup:
    if (f && fclose(f) != 0 && st == PP_OK) {
        err = errno;
        st = PP_E_OUTPUT;
    }
    if (sums && fclose(sums) != 0 && st == PP_OK) {
        err = errno;
        st = PP_E_OUTPUT;
    }
    for (i = 0; i < n; i++)
        free(lines[i].line);
    free(lines);
    if (st != PP_OK)
        errno = err ? err : EIO;
    return st;
}

/* Write the lists, sync, swap; see stage.h. */
pp_status pp_stage_commit(pp_stage *s, pp_diags *d)
{
    pp_status st = pp_stage_flush(s, d);
    if (st != PP_OK)
        return st;
    st = S_write_lists(s);
    if (st != PP_OK) {
        pp_diag_error(d, NULL, 0, 0, _("cannot write the manifest: %s"),
                      strerror(errno));
        return st;
    }
    if (S_carry_log(s) != 0) {
        pp_diag_error(d, s->dir, 0, 0,
                      _("cannot keep the record of sent messages (sent.log): "
                        "%s"),
                      strerror(errno));
        return PP_E_OUTPUT;
    }
    if (S_sync_dir(s->root) != 0) {
        pp_diag_error(d, s->root, 0, 0, _("cannot write to the disk: %s"),
                      strerror(errno));
        return PP_E_OUTPUT;
    }
    if (S_swap_in(s->root, s->dir) != 0) {
        pp_diag_error(d, s->dir, 0, 0,
                      _("cannot move the packet into place: %s"),
                      strerror(errno));
        return PP_E_OUTPUT;
    }
    s->committed = 1;
    return PP_OK;
}

/* Remove the staging folder; see stage.h. */
void pp_stage_abort(pp_stage *s)
{
    if (!s || s->committed)
        return;
    if (s->part && s->part_pid == getpid())
        fclose(s->part);
    s->part = NULL;
    S_rmtree(s->root);
}

/* Free; see stage.h. */
void pp_stage_free(pp_stage *s)
{
    if (s && s->part && s->part_pid == getpid())
        fclose(s->part);
    if (s)
        pp_stage_unlock(s->lock);
    free(s);
}
