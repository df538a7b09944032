/* stage.c - a folder written atomically: staging, manifest, swap (stage.h). */
#define _GNU_SOURCE /* nftw, syncfs, renameat2 */
#include "packet/stage.h"
#include "base/dirs.h"
#include "base/interrupt.h"
#include "base/sha256.h"
#include "base/i18n.h"

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
#include <time.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

#define S_PART ".manifest-"

typedef struct S_set S_set;

struct pp_stage {
    char dir[PATH_MAX];    /* DIR */
    char root[PATH_MAX];   /* the staging folder */
    FILE *part;            /* this process's part of the manifest */
    pid_t part_pid;        /* the process that opened part */
    int committed;
    int lock;              /* pp_stage_lock's descriptor, or -1 */
    int existed;           /* DIR was there at pp_stage_open */
    int merge;             /* replace file by file (S_merge), not swap */
    int force;             /* --force: foreign files stay beside the packet */
    S_set *known;          /* DIR's manifest at pp_stage_open, with the
                              files it found parpack's (S_seen) */
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

/* ---------------------------------------------------------------------
 * What parpack wrote in a folder: the paths of its manifest.tsv.
 */
/* A file of a set found to be parpack's (its SHA-256 the manifest's),
 * as lstat saw it then. The same file seen again the same (its device,
 * inode, size, mtime and ctime) is not read again: a change to a file,
 * even to the same size and with its mtime put back, moves its ctime,
 * which no user can set. */
typedef struct {
    int valid;
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtim, ctim;
} S_seen;

struct S_set {
    char **p; /* sorted, bytewise */
    size_t n;
    int manifest;    /* the folder has a manifest parpack wrote */
    S_seen *seen;    /* per path: as it was found to be parpack's */
    struct timespec loaded; /* when the set was loaded (the clock) */
};

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void S_set_free(S_set *set)
{
    size_t i;
    for (i = 0; i < set->n; i++)
        free(set->p[i]);
    free(set->p);
    free(set->seen);
    memset(set, 0, sizeof *set);
}

/* Free a set of its own allocation (pp_stage's known); NULL is fine. */
static void S_set_drop(S_set *set)
{
    if (set)
        S_set_free(set);
    free(set);
}

/* What dst lists as src does (the same path, size and SHA-256) and src
 * has seen to be parpack's, dst has seen too. Both sorted. */
static void S_set_adopt(S_set *dst, const S_set *src)
{
    size_t i = 0, j = 0;
    if (!dst->seen || !src->seen)
        return;
    while (i < dst->n && j < src->n) {
        int c = strcmp(dst->p[i], src->p[j]);
        if (c < 0) {
            i++;
        } else if (c > 0) {
            j++;
        } else {
            const char *a = dst->p[i] + strlen(dst->p[i]) + 1;
            const char *b = src->p[j] + strlen(src->p[j]) + 1;
            if (!strcmp(a, b) &&
                !strcmp(a + strlen(a) + 1, b + strlen(b) + 1) &&
                src->seen[j].valid)
                dst->seen[i] = src->seen[j];
            i++;
            j++;
        }
    }
}

/* The paths listed in the manifest at path (S_set_load: dir/manifest.tsv).
 * A manifest is parpack's when every line is
 * KIND \t UNIT \t PATH \t BYTES \t SHA256 (64 hex digits).
 * 0, or -1 when out of memory. */
static int S_set_load_file(const char *path, S_set *set)
{
    char *line = NULL;
    size_t cap = 0, have = 0;
    ssize_t got;
    FILE *f;
    int good = 1;
    memset(set, 0, sizeof *set);
    if (!(f = fopen(path, "r")))
        return 0;
    while ((got = getline(&line, &cap, f)) > 0) {
        char *t[5], *p = line;
        int k;
        line[strcspn(line, "\n")] = 0;
        for (k = 0; k < 5 && p; k++) {
            t[k] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = 0;
        }
        if (k != 5 || p || strlen(t[4]) != 64 ||
            strspn(t[4], "0123456789abcdef") != 64 || !*t[2] ||
            t[2][0] == '/' || strstr(t[2], "..")) {
            good = 0;
            break;
        }
        if (set->n == have) {
            size_t nc = have ? have * 2 : 64;
            char **np = realloc(set->p, nc * sizeof *np);
            if (!np)
                goto nomem;
            set->p = np;
            have = nc;
        }
        {
            /* "PATH\0BYTES\0SHA256": compared as PATH, its size and its
             * digest after it */
            size_t pl = strlen(t[2]), bl = strlen(t[3]);
            char *e = malloc(pl + bl + 64 + 3);
            if (!e)
                goto nomem;
            memcpy(e, t[2], pl + 1);
            memcpy(e + pl + 1, t[3], bl + 1);
            memcpy(e + pl + bl + 2, t[4], 64 + 1);
            set->p[set->n++] = e;
        }
    }
    free(line);
    fclose(f);
    if (!good) {
        S_set_free(set);
        return 0;
    }
    if (set->n) {
        qsort(set->p, set->n, sizeof *set->p, S_cmp_str);
        if (!(set->seen = calloc(set->n, sizeof *set->seen)))
            goto nomem_set;
    }
    clock_gettime(CLOCK_REALTIME, &set->loaded);
    set->manifest = 1;
    return 0;
nomem_set:
    S_set_free(set);
    return -1;
nomem:
    free(line);
    fclose(f);
    S_set_free(set);
    return -1;
}

static int S_set_load(const char *dir, S_set *set)
{
    char path[PATH_MAX];
    memset(set, 0, sizeof *set);
    if (PATHF(path, "%s/manifest.tsv", dir) != 0)
        return 0;
    return S_set_load_file(path, set);
}

/* Is rel a file of set? */
static int S_set_has(const S_set *set, const char *rel)
{
    return set->n &&
           bsearch(&rel, set->p, set->n, sizeof *set->p, S_cmp_str) != NULL;
}

static int S_ts_eq(struct timespec a, struct timespec b)
{
    return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

/* Is the file rel (at path, st) one parpack wrote as set lists it:
 * listed, and as it was then, its size and then its SHA-256 the
 * manifest's? A file changed since, even to the same size (a figure
 * corrected in place), is the user's. A file already found to be
 * parpack's and not changed since (S_seen) is not read again; it is
 * remembered only when its ctime is more than a second older than the
 * set, so that a change in the same tick of the file system's clock
 * cannot keep the ctime it had (git's "racy clean" rule). */
static int S_set_own(const S_set *set, const char *rel, const char *path,
                     const struct stat *st)
{
    char *const *e;
    const char *bytes;
    char hex[PP_SHA256_HEX];
    long long n = 0;
    S_seen *seen;
    if (!set->n || !S_ISREG(st->st_mode))
        return 0;
    e = bsearch(&rel, set->p, set->n, sizeof *set->p, S_cmp_str);
    if (!e)
        return 0;
    seen = &set->seen[e - set->p];
    if (seen->valid && seen->dev == st->st_dev && seen->ino == st->st_ino &&
        seen->size == st->st_size && S_ts_eq(seen->mtim, st->st_mtim) &&
        S_ts_eq(seen->ctim, st->st_ctim))
        return 1;
    bytes = *e + strlen(*e) + 1;
    if (!(strtoll(bytes, NULL, 10) == (long long)st->st_size &&
          pp_sha256_file(path, hex, &n) == PP_OK &&
          n == (long long)st->st_size &&
          strcmp(hex, bytes + strlen(bytes) + 1) == 0))
        return 0;
    if (st->st_ctim.tv_sec < set->loaded.tv_sec - 1) {
        seen->valid = 1;
        seen->dev = st->st_dev;
        seen->ino = st->st_ino;
        seen->size = st->st_size;
        seen->mtim = st->st_mtim;
        seen->ctim = st->st_ctim;
    }
    return 1;
}

/* Does some file of set lie under the folder rel? */
static int S_set_under(const S_set *set, const char *rel)
{
    size_t lo = 0, hi = set->n, l = strlen(rel);
    while (lo < hi) { /* the first path >= rel */
        size_t mid = (lo + hi) / 2;
        if (strcmp(set->p[mid], rel) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < set->n && strncmp(set->p[lo], rel, l) == 0; lo++)
        if (set->p[lo][l] == '/')
            return 1;
    return 0;
}

/* The files parpack writes beside the listed ones. */
static int S_own_name(const S_set *set, const char *rel)
{
    return set->manifest &&
           (!strcmp(rel, "manifest.tsv") || !strcmp(rel, "SHA256SUMS") ||
            !strcmp(rel, "sent.log"));
}

#define S_NFOREIGN 3

/* The folder root/rel ("" for root itself) opened, or NULL. */
static DIR *S_open_rel(const char *root, const char *rel)
{
    char path[PATH_MAX];
    if (PATHF(path, "%s%s%s", root, *rel ? "/" : "", rel) != 0)
        return NULL;
    return opendir(path);
}

/* The next entry of dp (the folder rel of S_open_rel) but . and .., as
 * rel/NAME in sub: 1, or 0 at the end. A name too long is passed over. */
static int S_next_rel(DIR *dp, const char *rel, char sub[PATH_MAX])
{
    struct dirent *e;
    while ((e = readdir(dp)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
            snprintf(sub, PATH_MAX, "%s%s%s", rel, *rel ? "/" : "",
                     e->d_name) < PATH_MAX)
            return 1;
    return 0;
}

/* One more entry parpack did not write, sub (a folder with "/"): the
 * first S_NFOREIGN into names (cut: said as far as it goes), each into
 * the count. */
static void S_foreign(char names[S_NFOREIGN][PATH_MAX], int *nf,
                      const char *sub, int folder)
{
    if (*nf < S_NFOREIGN) {
        char *to = names[*nf];
        size_t l = strnlen(sub, PATH_MAX - 2);
        memcpy(to, sub, l);
        if (folder)
            to[l++] = '/';
        to[l] = 0;
    }
    (*nf)++;
}

/* Count the entries of root/rel parpack did not write (a folder holding
 * none of its files counts once); the first S_NFOREIGN into names. */
static void S_scan(const char *root, const char *rel, const S_set *set,
                   char names[S_NFOREIGN][PATH_MAX], int *nf)
{
    char sub[PATH_MAX];
    DIR *dp = S_open_rel(root, rel);
    if (!dp)
        return;
    while (S_next_rel(dp, rel, sub)) {
        struct stat st;
        char full[PATH_MAX];
        if (PATHF(full, "%s/%s", root, sub) != 0 || lstat(full, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode) && S_set_under(set, sub)) {
            S_scan(root, sub, set, names, nf);
            continue;
        }
        if (S_ISREG(st.st_mode) &&
            (S_set_own(set, sub, full, &st) || (!*rel && S_own_name(set, sub))))
            continue;
        S_foreign(names, nf, sub, S_ISDIR(st.st_mode));
    }
    closedir(dp);
}

/* Remove the folders above the file path (path is cut) that are empty,
 * up to root, not root itself. */
static void S_rmdir_up(char *path, const char *root)
{
    char *slash;
    while ((slash = strrchr(path, '/')) != NULL &&
           (size_t)(slash - path) > strlen(root)) {
        *slash = 0;
        if (rmdir(path) != 0)
            break;
    }
}

/* Remove what parpack wrote in root (set: its manifest), and the folders
 * that are then empty; root itself when nothing else is left. A file
 * parpack did not write stays. */
static void S_rm_own(const char *root, const S_set *set)
{
    static const char *const extra[] = {"manifest.tsv", "SHA256SUMS",
                                        "sent.log"};
    char path[PATH_MAX];
    size_t i, k;
    for (i = 0; i < set->n; i++) {
        struct stat st;
        if (PATHF(path, "%s/%s", root, set->p[i]) == 0 &&
            lstat(path, &st) == 0 && S_set_own(set, set->p[i], path, &st))
            unlink(path);
    }
    for (k = 0; k < sizeof extra / sizeof *extra; k++)
        if (PATHF(path, "%s/%s", root, extra[k]) == 0)
            unlink(path);
    for (i = set->n; i-- > 0;) /* deepest first: reverse sorted order */
        if (PATHF(path, "%s/%s", root, set->p[i]) == 0)
            S_rmdir_up(path, root);
    rmdir(root);
}

static int S_finish(const char *stage, const char *dir);

/* The merge's journal (S_put_in_place, file by file): second names, in
 * the staging folder, of the new packet's manifest.tsv and SHA256SUMS,
 * made and flushed before the first file moves into DIR. A staging folder
 * that holds them belonged to a run killed while it moved its packet in;
 * the next run into DIR finishes that move (S_finish). */
#define S_J_MANIFEST ".merge-manifest"
#define S_J_SUMS ".merge-sums"

/* Remove staging folders left by a killed run into the same DIR: they
 * are named .BASE.parpack-PID-XXXXXX, and PID no longer runs. One killed
 * while it moved its packet into DIR file by file is finished first.
 * look: change nothing, only count those half moved in. Returns how many
 * were half moved in. */
static int S_clean_stale(const char *parent, const char *base, int look)
{
    char prefix[PATH_MAX], path[PATH_MAX];
    size_t pl;
    DIR *dp = opendir(parent);
    struct dirent *e;
    int half = 0;
    if (!dp)
        return 0;
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
        if (PATHF(path, "%s/%s", parent, e->d_name) == 0) {
            S_set set;
            char names[S_NFOREIGN][PATH_MAX], journal[PATH_MAX],
                dir[PATH_MAX];
            int nf = 0;
            if (PATHF(journal, "%s/" S_J_MANIFEST, path) == 0 &&
                access(journal, F_OK) == 0) {
                /* half moved into DIR: the rest of it, then the folder
                 * (left as it is when that fails: run again) */
                half++;
                if (!look && PATHF(dir, "%s/%s", parent, base) == 0)
                    S_finish(path, dir);
                continue;
            }
            if (look)
                continue;
            /* a staging folder holds parpack's files alone; one that
             * holds anything else is left as it is */
            if (S_set_load(path, &set) != 0)
                continue;
            S_scan(path, "", &set, names, &nf);
            if (!set.manifest) {
                /* unfinished: written by the run that died, and its
                 * manifest parts; S_scan saw them all as unlisted */
                S_rmtree(path);
            } else if (nf == 0) {
                S_rm_own(path, &set);
            }
            S_set_free(&set);
        }
    }
cleanup:
    closedir(dp);
    return half;
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

/* Exchange two paths of one file system. */
static int S_exchange(const char *a, const char *b)
{
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b,
                        RENAME_EXCHANGE);
}

/* Before a merge: a file of the new packet whose place in DIR is taken by
 * something parpack did not write (old: DIR's manifest). The first into
 * names, the count into *nf. */
static void S_collisions(const char *from, const char *to, const char *rel,
                         const S_set *old, char names[S_NFOREIGN][PATH_MAX],
                         int *nf)
{
    char sub[PATH_MAX];
    DIR *dp = S_open_rel(from, rel);
    if (!dp)
        return;
    while (S_next_rel(dp, rel, sub)) {
        struct stat fs, ts;
        char f[PATH_MAX], t[PATH_MAX];
        if (PATHF(f, "%s/%s", from, sub) != 0 ||
            PATHF(t, "%s/%s", to, sub) != 0 || lstat(f, &fs) != 0 ||
            lstat(t, &ts) != 0)
            continue;
        if (S_ISDIR(fs.st_mode) && S_ISDIR(ts.st_mode)) {
            S_collisions(from, to, sub, old, names, nf);
            continue;
        }
        if (S_ISREG(fs.st_mode) && S_ISREG(ts.st_mode) &&
            (S_set_own(old, sub, t, &ts) || (!*rel && S_own_name(old, sub))))
            continue;
        S_foreign(names, nf, sub, 0);
    }
    closedir(dp);
}

/* When a merge is finished (S_finish): is the staging file f (rel, st),
 * whose place in DIR is t, still the new packet's, not moved yet? Its
 * SHA-256 is the new manifest's (fresh); manifest.tsv and SHA256SUMS are
 * the journal's files; sent.log goes only where DIR has none (a `send`
 * since the run was killed may have added to DIR's). */
static int S_fresh(const char *stage, const S_set *fresh, const char *rel,
                   const char *f, const struct stat *st, const char *t)
{
    char j[PATH_MAX], a[PP_SHA256_HEX], b[PP_SHA256_HEX];
    struct stat js;
    if (!strcmp(rel, "manifest.tsv") || !strcmp(rel, "SHA256SUMS"))
        /* the journal's copy (or second name): the same bytes */
        return PATHF(j, "%s/%s", stage,
                     rel[0] == 'm' ? S_J_MANIFEST : S_J_SUMS) == 0 &&
               lstat(j, &js) == 0 && js.st_size == st->st_size &&
               pp_sha256_file(j, a, NULL) == PP_OK &&
               pp_sha256_file(f, b, NULL) == PP_OK && !strcmp(a, b);
    if (!strcmp(rel, "sent.log"))
        return lstat(t, &js) != 0;
    return S_set_own(fresh, rel, f, st);
}

/* Move every file of stage/rel into dir/rel, a folder at a time: a file
 * parpack wrote before is exchanged (its old version lands in the staging
 * folder), a new one renamed in (a new folder whole). Files of dir that
 * the stage does not have stay; the journal stays in the stage. fresh:
 * NULL when the stage holds the new packet alone; the new manifest when
 * finishing a merge a killed run began, whose moved files left their old
 * versions behind (S_fresh tells them apart). */
static int S_merge(const char *stage, const char *dir, const char *rel,
                   const S_set *fresh, const S_set *old)
{
    char sub[PATH_MAX];
    DIR *dp = S_open_rel(stage, rel);
    int rc = 0;
    if (!dp)
        return -1;
    while (rc == 0 && S_next_rel(dp, rel, sub)) {
        struct stat fs, ts;
        char f[PATH_MAX], t[PATH_MAX];
        int there;
        if (!*rel && (!strcmp(sub, S_J_MANIFEST) || !strcmp(sub, S_J_SUMS)))
            continue;
        if (PATHF(f, "%s/%s", stage, sub) != 0 ||
            PATHF(t, "%s/%s", dir, sub) != 0 || lstat(f, &fs) != 0) {
            rc = -1;
            break;
        }
        there = lstat(t, &ts) == 0;
        if (there && S_ISDIR(fs.st_mode) && S_ISDIR(ts.st_mode)) {
            rc = S_merge(stage, dir, sub, fresh, old);
            continue;
        }
        /* finishing a killed run's merge: only what is still the new
         * packet's moves (not the old versions that moved out), and only
         * where DIR has nothing or the previous packet's own file: what
         * came into DIR since stays */
        if (fresh && there &&
            (!S_ISREG(fs.st_mode) || !S_ISREG(ts.st_mode) ||
             !((!*rel && S_own_name(old, sub)) ||
               S_set_own(old, sub, t, &ts))))
            continue;
        if (fresh && S_ISREG(fs.st_mode) &&
            !S_fresh(stage, fresh, sub, f, &fs, t))
            continue;
        rc = there ? S_exchange(f, t) : rename(f, t);
    }
    closedir(dp);
    return rc;
}

/* Remove from dir the previous packet's files (old) that the new one
 * (cur) does not have, and the folders they leave empty; a file changed
 * since it was written is the user's, and stays. */
static void S_drop_gone(const char *dir, const S_set *old, const S_set *cur)
{
    char path[PATH_MAX];
    size_t i;
    for (i = 0; i < old->n; i++)
        if (!S_set_has(cur, old->p[i]) &&
            PATHF(path, "%s/%s", dir, old->p[i]) == 0) {
            struct stat fst;
            if (lstat(path, &fst) != 0 ||
                !S_set_own(old, old->p[i], path, &fst))
                continue; /* changed since: the user's now */
            unlink(path);
            S_rmdir_up(path, dir);
        }
}

/* Finish the merge of a killed run (see S_J_MANIFEST): the new packet's
 * files still in the stage go into dir, the previous packet's files the
 * new one does not have leave it, and the stage is removed. 0, or -1
 * (the stage is left for a later run). */
static int S_finish(const char *stage, const char *dir)
{
    S_set cur, old;
    char j[PATH_MAX], m[PATH_MAX];
    struct stat ms;
    int rc = -1;
    if (lstat(dir, &ms) != 0 && errno == ENOENT) {
        /* DIR removed since: nothing to finish, the stage goes */
        S_rmtree(stage);
        return 0;
    }
    if (PATHF(j, "%s/" S_J_MANIFEST, stage) != 0 ||
        PATHF(m, "%s/manifest.tsv", stage) != 0 ||
        S_set_load_file(j, &cur) != 0)
        return -1;
    if (!cur.manifest) { /* no journal, or not a manifest of parpack's */
        S_set_free(&cur);
        return -1;
    }
    /* the previous manifest: moved out into the stage (the stage's is
     * not the journal's), still in dir (the stage's is), or none (dir had
     * none, and the new one was renamed in) */
    if (lstat(m, &ms) != 0)
        rc = S_set_load(stage, &old); /* none: an empty set */
    else if (!S_fresh(stage, &cur, "manifest.tsv", m, &ms, NULL))
        rc = S_set_load_file(m, &old);
    else
        rc = S_set_load(dir, &old);
    if (rc != 0) {
        S_set_free(&cur);
        return -1;
    }
    rc = -1;
    if (S_merge(stage, dir, "", &cur, &old) == 0) {
        S_drop_gone(dir, &old, &cur);
        S_rmtree(stage);
        rc = 0;
    }
    S_set_free(&old);
    S_set_free(&cur);
    return rc;
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

/* A second name for the file from at to (a hard link: the same file,
 * nothing copied), or a copy where links are refused: 0, or -1 with errno
 * (ENOENT: from is missing). */
static int S_link_or_copy(const char *from, const char *to)
{
    char buf[65536];
    int in, out, rc = -1;
    ssize_t n = -1;
    if (link(from, to) == 0)
        return 0;
    if (errno == ENOENT)
        return -1;
    in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return -1;
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

/* Keep what `send` recorded (sent.log, mail.h): the previous DIR's log
 * goes into the staging folder, linked (the same file: nothing is
 * copied, nothing lost), or copied where links are refused. */
static int S_carry_log(const pp_stage *s)
{
    char from[PATH_MAX], to[PATH_MAX];
    if (PATHF(from, "%s/sent.log", s->dir) != 0 ||
        PATHF(to, "%s/sent.log", s->root) != 0)
        return -1;
    if (S_link_or_copy(from, to) == 0)
        return 0;
    return errno == ENOENT ? 0 : -1; /* DIR has no record yet */
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

/* The folder of parpack's locks: $XDG_RUNTIME_DIR/parpack, else
 * /tmp/parpack-UID; a folder of this user's alone (0700, not a link). */
static int S_lock_folder(char *buf, size_t cap)
{
    const char *rt = getenv("XDG_RUNTIME_DIR");
    struct stat st;
    if (rt && *rt && rt[0] == '/' && stat(rt, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (snprintf(buf, cap, "%s/parpack", rt) >= (int)cap)
            return errno = ENAMETOOLONG, -1;
    } else if (snprintf(buf, cap, "/tmp/parpack-%ld", (long)getuid()) >=
               (int)cap) {
        return errno = ENAMETOOLONG, -1;
    }
    if (mkdir(buf, 0700) != 0 && errno != EEXIST)
        return -1;
    if (lstat(buf, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode) || st.st_uid != getuid() ||
        (st.st_mode & 0077)) {
        errno = EACCES; /* another user's, or open to others */
        return -1;
    }
    return 0;
}

/* The real path of dir: realpath of dir, or of its parent and its base
 * name when dir does not exist yet. */
static int S_real(const char *dir, char *out, size_t cap)
{
    char parent[PATH_MAX], rp[PATH_MAX];
    const char *base;
    if (realpath(dir, rp)) {
        if (snprintf(out, cap, "%s", rp) >= (int)cap)
            return errno = ENAMETOOLONG, -1;
        return 0;
    }
    if (errno != ENOENT)
        return -1;
    S_split(dir, parent, sizeof parent, &base);
    if (!realpath(parent, rp))
        return -1;
    if (snprintf(out, cap, "%s/%s", strcmp(rp, "/") ? rp : "", base) >=
        (int)cap)
        return errno = ENAMETOOLONG, -1;
    return 0;
}

/* Lock the packet dir; see stage.h. */
pp_status pp_stage_lock(const char *dir, int *fd, pp_diags *d)
{
    char clean[PATH_MAX], real[PATH_MAX], path[PATH_MAX], pid[32];
    char hex[PP_SHA256_HEX];
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
    /* keyed by the real folder: two runs through a link are one */
    if (S_real(clean, real, sizeof real) != 0 ||
        pp_sha256_mem(real, strlen(real), hex) != PP_OK ||
        S_lock_folder(path, sizeof path) != 0 ||
        strlen(path) + 80 > sizeof path) {
        pp_diag_error(d, clean, 0, 0, _("cannot lock the folder: %s"),
                      strerror(errno));
        return PP_E_OUTPUT;
    }
    snprintf(path + strlen(path), sizeof path - strlen(path), "/%.40s.lock",
             hex);
    if ((l = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600)) <
        0) {
        pp_diag_error(d, clean, 0, 0, _("cannot lock the folder: %s"),
                      strerror(errno));
        return PP_E_OUTPUT;
    }
    if (S_flock_or_holder(l, pid, sizeof pid) != 0) {
        int err = errno;
        close(l);
        if (err != EWOULDBLOCK) {
            pp_diag_error(d, clean, 0, 0, _("cannot lock the folder: %s"),
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

/* What a killed run left beside dir; see stage.h. */
int pp_stage_recover(const char *dir, int look)
{
    char real[PATH_MAX], parent[PATH_MAX];
    const char *base;
    if (!realpath(dir, real))
        return 0;
    S_split(real, parent, sizeof parent, &base);
    return S_clean_stale(parent, base, look);
}

/* ---------------------------------------------------------------------
 * Public: the staging folder.
 */

/* Is DIR fit to receive a packet? Before the build: a link, a file, a
 * mount point or a write-protected folder is refused (PP_E_OUTPUT, an
 * error naming DIR and the fix). */
static pp_status S_check_dir(pp_stage *s, pp_diags *d)
{
    struct stat st, up, here;
    char upper[PATH_MAX];
    if (lstat(s->dir, &st) != 0) {
        if (errno == ENOENT)
            return PP_OK;
        pp_diag_error(d, s->dir, 0, 0, _("cannot use the folder: %s"),
                      strerror(errno));
        return PP_E_OUTPUT;
    }
    s->existed = 1;
    if (S_ISLNK(st.st_mode)) {
        pp_diag_error(d, s->dir, 0, 0, "%s",
                      _("--out names a symbolic link: parpack writes a packet "
                        "into a real folder only; give --out the folder it "
                        "points to"));
        return PP_E_OUTPUT;
    }
    if (!S_ISDIR(st.st_mode)) {
        pp_diag_error(d, s->dir, 0, 0, "%s",
                      _("--out names a file, not a folder: give --out a new "
                        "or empty folder"));
        return PP_E_OUTPUT;
    }
    if ((st.st_mode & 0200) == 0 || access(s->dir, W_OK) != 0) {
        pp_diag_error(d, s->dir, 0, 0, "%s",
                      _("the folder is write-protected: nothing was written; "
                        "make it writable (chmod u+w) or give another --out"));
        return PP_E_OUTPUT;
    }
    /* the folder this process is in (--out .) is replaced file by file:
     * a shell in it keeps seeing it */
    if (stat(".", &here) == 0 && here.st_dev == st.st_dev &&
        here.st_ino == st.st_ino)
        s->merge = 1;
    if (!s->merge &&
        (PATHF(upper, "%s/..", s->dir) != 0 || stat(upper, &up) != 0 ||
         up.st_dev != st.st_dev || up.st_ino == st.st_ino)) {
        pp_diag_error(d, s->dir, 0, 0, "%s",
                      _("the folder is a mount point, which cannot be "
                        "replaced: give --out a folder inside it"));
        return PP_E_OUTPUT;
    }
    return PP_OK;
}

/* The names of S_foreign's list (nf counted) joined by ", " into list,
 * with ", …" after them when `more` and nf is more than they are. */
static char *S_names(char *list, size_t cap,
                     char names[S_NFOREIGN][PATH_MAX], int nf, int more)
{
    int i;
    list[0] = 0;
    for (i = 0; i < nf && i < S_NFOREIGN; i++)
        snprintf(list + strlen(list), cap - strlen(list), "%s%s",
                 i ? ", " : "", names[i]);
    if (more && nf > S_NFOREIGN)
        snprintf(list + strlen(list), cap - strlen(list), ", …");
    return list;
}

/* Say which files of DIR parpack did not write. */
static void S_say_foreign(const pp_stage *s, char names[S_NFOREIGN][PATH_MAX],
                          int nf, pp_diags *d)
{
    char list[3 * PATH_MAX + 64];
    S_names(list, sizeof list, names, nf, 1);
    pp_diag_error(d, s->dir, 0, 0,
                  ngettext("the folder holds %d file parpack did not write "
                           "(%s): nothing was written; give --out a new or "
                           "empty folder, move it away, or add --force to "
                           "write the packet beside it (it is kept)",
                           "the folder holds %d files parpack did not write "
                           "(%s): nothing was written; give --out a new or "
                           "empty folder, move them away, or add --force to "
                           "write the packet beside them (they are kept)",
                           (unsigned long)nf),
                  nf, list);
}

/* Open the staging folder beside dir; see stage.h. */
pp_status pp_stage_open(const char *dir, int force, pp_stage **out,
                        pp_diags *d)
{
    pp_stage *s = calloc(1, sizeof *s);
    char parent[PATH_MAX], basebuf[PATH_MAX], *slash;
    const char *base;
    size_t len;
    pp_status st = PP_E_OUTPUT;
    *out = NULL;
    if (!s)
        return PP_E_NOMEM;
    s->lock = -1;
    s->force = force;
    /* short enough that every file name in the folder fits in a path
     * buffer */
    if (strlen(dir) > 2048 || PATHF(s->dir, "%s", dir) != 0) {
        pp_diag_error(d, NULL, 0, 0, "%s",
                      _("--out: the folder name is too long"));
        goto cleanup;
    }
    while ((len = strlen(s->dir)) > 1 && s->dir[len - 1] == '/')
        s->dir[len - 1] = 0;
    st = S_check_dir(s, d);
    if (st != PP_OK)
        goto cleanup;
    st = PP_E_OUTPUT;
    /* DIR's real name: "." and "a/.." have no parent to stage beside */
    if (s->existed) {
        char real[PATH_MAX];
        if (!realpath(s->dir, real)) {
            pp_diag_error(d, s->dir, 0, 0, _("cannot use the folder: %s"),
                          strerror(errno));
            goto cleanup;
        }
        snprintf(parent, sizeof parent, "%s", real);
    } else {
        snprintf(parent, sizeof parent, "%s", s->dir);
    }
    slash = strrchr(parent, '/');
    if (slash) {
        snprintf(basebuf, sizeof basebuf, "%s", slash + 1);
        *slash = 0;
        if (!*parent)
            snprintf(parent, sizeof parent, "/");
    } else {
        snprintf(basebuf, sizeof basebuf, "%s", parent);
        snprintf(parent, sizeof parent, ".");
    }
    base = basebuf;
    if (pp_mkdirs(parent, 0777) != 0) {
        pp_diag_error(d, s->dir, 0, 0, _("cannot create the folder: %s"),
                      strerror(errno));
        goto cleanup;
    }
    /* one run at a time on DIR: held until pp_stage_free */
    st = pp_stage_lock(s->dir, &s->lock, d);
    if (st != PP_OK)
        goto cleanup;
    st = PP_E_OUTPUT;
    /* a killed run's packet half moved into DIR is finished before DIR
     * is looked at */
    S_clean_stale(parent, base, 0);
    if (s->existed) {
        char names[S_NFOREIGN][PATH_MAX];
        int nf = 0;
        /* kept: the commit looks at DIR again, and reads only what
         * changed since (S_seen) */
        if (!(s->known = calloc(1, sizeof *s->known)) ||
            S_set_load(s->dir, s->known) != 0) {
            st = PP_E_NOMEM;
            goto cleanup;
        }
        S_scan(s->dir, "", s->known, names, &nf);
        if (nf && !force) {
            S_say_foreign(s, names, nf, d);
            goto cleanup;
        }
        if (nf)
            s->merge = 1;
    }
    if (PATHF(s->root, "%s/.%s.parpack-%ld-XXXXXX", parent, base,
              (long)getpid()) != 0 ||
        !mkdtemp(s->root)) {
        pp_diag_error(d, s->dir, 0, 0,
                      _("cannot write beside the folder: %s"),
                      strerror(errno));
        goto cleanup;
    }
    {
        /* mkdtemp makes it private; the folder gets the usual mode */
        mode_t um = umask(0);
        umask(um);
        chmod(s->root, 0777 & ~um);
    }
    /* errors about files being written name them in DIR */
    pp_diag_alias(s->root, s->dir);
    *out = s;
    s = NULL;
    st = PP_OK;
cleanup:
    if (s) {
        pp_stage_unlock(s->lock);
        S_set_drop(s->known);
    }
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
        pp_mkdirs(path, 0777) != 0) {
        int err = errno;
        if (PATHF(path, "%s/%s", s->dir, rel) != 0)
            path[0] = 0;
        pp_diag_error(d, path, 0, 0, _("cannot create the folder: %s"),
                      strerror(err));
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
        int err = errno;
        if (PATHF(path, "%s/%s", s->dir, rel) != 0)
            path[0] = 0;
        pp_diag_error(d, path, 0, 0, _("cannot write: %s"), strerror(err));
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

/* Write the merge's journal in the stage (S_J_MANIFEST) and flush it to
 * the disk: 0, or -1 with errno. SHA256SUMS's second name first: the
 * journal counts once its manifest is there. */
static int S_journal(const char *stage)
{
    char from[PATH_MAX], to[PATH_MAX];
    int fd, rc;
    if (PATHF(from, "%s/SHA256SUMS", stage) != 0 ||
        PATHF(to, "%s/" S_J_SUMS, stage) != 0 ||
        S_link_or_copy(from, to) != 0 ||
        PATHF(from, "%s/manifest.tsv", stage) != 0 ||
        PATHF(to, "%s/" S_J_MANIFEST, stage) != 0 ||
        S_link_or_copy(from, to) != 0)
        return -1;
    fd = open(stage, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

/* Put the staging folder in place of DIR; after the swap, the previous
 * DIR's files (in the staging folder now) are removed, those parpack
 * wrote only. A signal caught up to the swap undoes it. */
static pp_status S_put_in_place(pp_stage *s, pp_diags *d)
{
    S_set old, cur;
    char names[S_NFOREIGN][PATH_MAX];
    int nf = 0;
    struct stat st;
    pp_status st_ = PP_OK;
    if (pp_interrupt_signal())
        return PP_E_INTERRUPTED;
    if (!s->existed) {
        if (rename(s->root, s->dir) == 0)
            return PP_OK;
        if (errno == EEXIST || errno == ENOTEMPTY)
            pp_diag_error(d, s->dir, 0, 0, "%s",
                          _("the folder appeared during the build: nothing "
                            "was written; run again"));
        else
            pp_diag_error(d, s->dir, 0, 0,
                          _("cannot move the packet into place: %s"),
                          strerror(errno));
        return PP_E_OUTPUT;
    }
    if (lstat(s->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        pp_diag_error(d, s->dir, 0, 0,
                      _("cannot move the packet into place: %s"),
                      strerror(errno ? errno : ENOTDIR));
        return PP_E_OUTPUT;
    }
    if (S_set_load(s->dir, &old) != 0)
        return PP_E_NOMEM;
    if (s->known)
        S_set_adopt(&old, s->known);
    /* what came into DIR during the build counts as well (a file changed
     * since pp_stage_open is read again) */
    S_scan(s->dir, "", &old, names, &nf);
    if (nf && !s->force) {
        S_say_foreign(s, names, nf, d);
        S_set_free(&old);
        return PP_E_OUTPUT;
    }
    if (!nf && !s->merge) {
        if (S_exchange(s->root, s->dir) != 0) {
            pp_diag_error(d, s->dir, 0, 0,
                          _("cannot move the packet into place: %s"),
                          strerror(errno));
            S_set_free(&old);
            return PP_E_OUTPUT;
        }
        if (pp_interrupt_signal()) {
            /* caught during the swap: DIR back as it was */
            if (S_exchange(s->root, s->dir) == 0) {
                S_set_free(&old);
                return PP_E_INTERRUPTED;
            }
        }
        s->committed = 1;
        S_rm_own(s->root, &old); /* the previous packet */
        S_set_free(&old);
        return PP_OK;
    }
    /* file by file: --force beside foreign files, or --out . */
    nf = 0;
    S_collisions(s->root, s->dir, "", &old, names, &nf);
    if (nf) {
        char list[3 * PATH_MAX + 8];
        pp_diag_error(d, s->dir, 0, 0,
                      _("the packet would replace files parpack did not write "
                        "(%s): nothing was written; move them away and run "
                        "again"),
                      S_names(list, sizeof list, names, nf, 0));
        S_set_free(&old);
        return PP_E_OUTPUT;
    }
    if (S_set_load(s->root, &cur) != 0) {
        S_set_free(&old);
        return PP_E_NOMEM;
    }
    if (pp_interrupt_signal()) {
        st_ = PP_E_INTERRUPTED;
    } else if (S_journal(s->root) != 0) {
        pp_diag_error(d, s->dir, 0, 0,
                      _("cannot write beside the folder: %s"),
                      strerror(errno));
        st_ = PP_E_OUTPUT;
    } else if (S_merge(s->root, s->dir, "", NULL, NULL) != 0) {
        /* part of the packet is in DIR: the stage and its journal stay,
         * and the next run into DIR finishes the move */
        pp_diag_error(d, s->dir, 0, 0,
                      _("cannot move the packet into place: %s; part of it "
                        "is in the folder, and the next build into it "
                        "finishes the move"),
                      strerror(errno));
        s->committed = 1;
        st_ = PP_E_OUTPUT;
    } else {
        s->committed = 1;
        /* the previous packet's files the new one does not have */
        S_drop_gone(s->dir, &old, &cur);
        S_rmtree(s->root); /* the previous versions, parpack's */
    }
    S_set_free(&cur);
    S_set_free(&old);
    return st_;
}

/* Write the lists, sync, swap; see stage.h. */
pp_status pp_stage_commit(pp_stage *s, pp_diags *d)
{
    pp_status st = pp_stage_flush(s, d);
    if (st != PP_OK)
        return st;
    if (pp_interrupt_signal())
        return PP_E_INTERRUPTED;
    st = S_write_lists(s);
    if (st != PP_OK) {
        pp_diag_error(d, s->dir, 0, 0, _("cannot write the manifest: %s"),
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
    if (pp_interrupt_signal())
        return PP_E_INTERRUPTED;
    if (S_sync_dir(s->root) != 0) {
        pp_diag_error(d, s->dir, 0, 0, _("cannot write to the disk: %s"),
                      strerror(errno));
        return PP_E_OUTPUT;
    }
    return S_put_in_place(s, d);
}

/* See stage.h. */
int pp_stage_moved(const pp_stage *s)
{
    return s && s->committed;
}

/* Remove the staging folder; see stage.h. */
void pp_stage_abort(pp_stage *s)
{
    if (!s || s->committed || !s->root[0])
        return;
    if (s->part && s->part_pid == getpid())
        fclose(s->part);
    s->part = NULL;
    S_rmtree(s->root);
}

/* Free; see stage.h. */
void pp_stage_free(pp_stage *s)
{
    if (!s)
        return;
    pp_diag_alias(NULL, NULL);
    if (s->part && s->part_pid == getpid())
        fclose(s->part);
    pp_stage_unlock(s->lock);
    S_set_drop(s->known);
    free(s);
}
