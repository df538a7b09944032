/* packet.c - build the whole packet (see packet.h). */
#define _GNU_SOURCE /* nftw, syncfs */
#include "parpack/packet.h"
#include "parpack/awards.h"
#include "parpack/mail.h"
#include "parpack/pdf.h"
#include "parpack/records.h"
#include "parpack/results.h"
#include "parpack/template.h"
#include "parpack/viet.h"
#include "parpack/xlsx.h"

#include <libxml/tree.h>
#include <openssl/evp.h>
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum {
    K_REPORT = 1 << 0,
    K_DECISION = 1 << 1,
    K_AWARD = 1 << 2,
    K_WORKBOOK = 1 << 3,
    K_UNIT_WORKBOOK = 1 << 4,
    K_UNIT_MAIL = 1 << 5,
    K_RESULTS = 1 << 6,
    K_ALL = (1 << 7) - 1
};

static const struct {
    const char *name;
    int bit;
} S_kinds[] = {
    {"report", K_REPORT},         {"decision", K_DECISION},
    {"award-decision", K_AWARD},  {"workbook", K_WORKBOOK},
    {"unit-workbook", K_UNIT_WORKBOOK}, {"unit-mail", K_UNIT_MAIL},
    {"results", K_RESULTS},
};

/* Everything a worker needs; shared read-only after fork. */
typedef struct {
    const pp_model *m;
    const pp_results *r;
    pp_awards *aw;
    char **slugs;
    pp_records *rec; /* the data of bound rows in workbooks */
    pp_templates *t;
    const char *stage;
    int kinds;
    int year;
    int progress_fd;
    long *next; /* shared by the workers (MAP_SHARED): the next item */
} S_ctx;

#define UNIT_CHUNK 16

/* ---------------------------------------------------------------------
 * Small file helpers.
 */

/* snprintf into a path buffer; a path too long for it is an error
 * (ENAMETOOLONG) rather than a silently cut name. */
#define PATHF(buf, ...)                                                    \
    (snprintf((buf), sizeof(buf), __VA_ARGS__) >= (int)sizeof(buf)          \
         ? (errno = ENAMETOOLONG, -1)                                       \
         : 0)

/* --only: comma list of kinds into a bit set; -1 for an unknown kind. */
static int S_parse_kinds(const char *only)
{
    int bits = 0;
    const char *p = only;
    if (!only)
        return K_ALL;
    while (*p) {
        size_t n = strcspn(p, ","), i;
        int found = 0;
        for (i = 0; i < sizeof S_kinds / sizeof *S_kinds; i++)
            if (strlen(S_kinds[i].name) == n &&
                strncmp(S_kinds[i].name, p, n) == 0) {
                bits |= S_kinds[i].bit;
                found = 1;
            }
        if (!found && n) {
            fprintf(stderr,
                    "parpack: --only: unknown kind '%.*s'; kinds are report, "
                    "decision, award-decision, workbook, unit-workbook, "
                    "unit-mail, results\n",
                    (int)n, p);
            return -1;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    return bits ? bits : -1;
}

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
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
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

/* SHA-256 and size of a file, hex into out[65]. */
static int S_sha256(const char *path, char out[65], long long *bytes)
{
    unsigned char buf[65536], md[32];
    unsigned int mdlen = 0, i;
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    FILE *f = fopen(path, "rb");
    size_t n;
    int rc = -1;
    *bytes = 0;
    if (!c || !f)
        goto done;
    EVP_DigestInit_ex(c, EVP_sha256(), NULL);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        EVP_DigestUpdate(c, buf, n);
        *bytes += (long long)n;
    }
    if (ferror(f))
        goto done;
    EVP_DigestFinal_ex(c, md, &mdlen);
    for (i = 0; i < mdlen; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    rc = 0;
done:
    if (f)
        fclose(f);
    EVP_MD_CTX_free(c);
    return rc;
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

/* ---------------------------------------------------------------------
 * Jobs.
 */
typedef struct {
    FILE *manifest; /* this worker's part of manifest.tsv */
    pp_diags d;
    void *light;    /* results without scores: report and decisions */
    void *full;     /* results with every score: results, workbook */
    void *block;    /* one block with its units' scores: unit files */
    int block_no;
} S_worker;

/* The whole file's results, built when first needed: with every score
 * (results, workbook) or without (report, decisions). */
static void *S_whole(const S_ctx *c, S_worker *w, int scores)
{
    void **slot = scores ? &w->full : &w->light;
    pp_results_opts o = {0, 1, 0};
    o.scores = scores;
    if (!*slot)
        *slot = pp_results_doc(c->m, c->r,
                               c->m->nawards || c->m->nautos ? c->aw : NULL,
                               &o, c->slugs);
    return *slot;
}

static void *S_block(const S_ctx *c, S_worker *w, int b)
{
    if (w->block && w->block_no != b) {
        pp_results_doc_free(w->block);
        w->block = NULL;
    }
    if (!w->block) {
        w->block = pp_results_block_doc(c->m, c->r, b);
        w->block_no = b;
    }
    return w->block;
}

/* Record a written file: fsync, hash, one manifest line. */
static int S_record(const S_ctx *c, S_worker *w, const char *kind,
                    const char *unit, const char *rel)
{
    char path[PATH_MAX], hex[65];
    long long bytes;
    (void)PATHF(path, "%s/%s", c->stage, rel);
    if (S_sha256(path, hex, &bytes) != 0) {
        pp_diag_error(&w->d, path, 0, 0, "cannot write: %s", strerror(errno));
        return 3;
    }
    if (fprintf(w->manifest, "%s\t%s\t%s\t%lld\t%s\n", kind, unit ? unit : "",
                rel, bytes, hex) < 0) {
        pp_diag_error(&w->d, NULL, 0, 0, "cannot write the manifest: %s",
                      strerror(errno));
        return 3;
    }
    return 0;
}

/* Template `xsl` over `doc`, then the renderer for `vocab`, into rel. */
static int S_render(const S_ctx *c, S_worker *w, void *doc, const char *xsl,
                    const char *vocab, const char *rel)
{
    char path[PATH_MAX];
    void *out = pp_template_apply(c->t, xsl, doc, vocab, NULL, &w->d);
    int rc;
    if (!out)
        return 4;
    (void)PATHF(path, "%s/%s", c->stage, rel);
    if (vocab && strcmp(vocab, "document.xsd") == 0)
        rc = pp_pdf_render(out, path, pp_records_source(c->rec), &w->d);
    else
        rc = pp_xlsx_render(out, path, pp_records_source(c->rec), &w->d);
    pp_template_doc_free(out);
    return rc;
}

/* The text of the first child element `name` of the root. */
static char *S_child_text(void *doc, const char *name)
{
    xmlNodePtr root = xmlDocGetRootElement((xmlDocPtr)doc), n;
    for (n = root ? root->children : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE &&
            strcmp((const char *)n->name, name) == 0) {
            xmlChar *s = xmlNodeGetContent(n);
            char *r = strdup(s ? (const char *)s : "");
            xmlFree(s);
            return r;
        }
    return NULL;
}

/* Deterministic time of the packet: SOURCE_DATE_EPOCH, else now. */
static long long S_epoch(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (s && *s) {
        char *end;
        long long v = strtoll(s, &end, 10);
        if (!*end && v >= 0)
            return v;
    }
    return (long long)time(NULL);
}

/* One unit: its workbook, then the message carrying it. */
static int S_unit_job(const S_ctx *c, S_worker *w, int u)
{
    const pp_model *m = c->m;
    const char *slug = c->slugs[u];
    char dir[PATH_MAX], rel_x[PATH_MAX], rel_m[PATH_MAX], path[PATH_MAX];
    void *doc;
    int rc = 0;

    (void)PATHF(dir, "%s/units/%s", c->stage, slug);
    if (S_mkdirs(dir) != 0) {
        pp_diag_error(&w->d, dir, 0, 0, "cannot create the folder: %s",
                      strerror(errno));
        return 3;
    }
    (void)PATHF(rel_x, "units/%s/bang-diem-%s-%d.xlsx", slug, slug,
             c->year);
    (void)PATHF(rel_m, "units/%s/thu-%s-%d.eml", slug, slug,
             c->year);
    doc = S_block(c, w, m->units[u].block);
    if (!doc)
        return 3;
    pp_results_doc_set_unit(doc, m, c->r, u, c->slugs);
    if (c->kinds & (K_UNIT_WORKBOOK | K_UNIT_MAIL)) {
        rc = S_render(c, w, doc, "unit-workbook.xsl", "workbook.xsd", rel_x);
        if (rc == 0 && (c->kinds & K_UNIT_WORKBOOK))
            rc = S_record(c, w, "unit-workbook", m->units[u].id, rel_x);
    }
    if (rc == 0 && (c->kinds & K_UNIT_MAIL) && m->units[u].email &&
        m->issuer_email) {
        void *md = pp_template_apply(c->t, "mail.xsl", doc, "mail.xsd", NULL,
                                     &w->d);
        if (!md) {
            rc = 4;
        } else {
            pp_mail mail;
            char msgid[512], attname[PATH_MAX];
            char *subject = S_child_text(md, "subject");
            char *body = S_child_text(md, "body");
            char *to_name = S_child_text(md, "to"); /* display name */
            const char *at = strchr(m->issuer_email, '@');
            memset(&mail, 0, sizeof mail);
            (void)PATHF(msgid, "<parpack.%d.%s@%s>", c->year, slug,
                     at ? at + 1 : "localhost");
            (void)PATHF(attname, "bang-diem-%s-%d.xlsx", slug,
                     c->year);
            (void)PATHF(path, "%s/%s", c->stage, rel_x);
            mail.from = m->issuer_email;
            mail.from_name = m->issuer_name;
            mail.to = m->units[u].email;
            mail.to_name = to_name && *to_name ? to_name : m->units[u].name;
            mail.subject = subject ? subject : "";
            mail.body = body ? body : "";
            mail.attachment_path = path;
            mail.attachment_name = attname;
            mail.attachment_type = "application/vnd.openxmlformats-"
                                   "officedocument.spreadsheetml.sheet";
            mail.message_id = msgid;
            mail.date = S_epoch();
            (void)PATHF(path, "%s/%s", c->stage, rel_m);
            {
                char att[PATH_MAX];
                (void)PATHF(att, "%s/%s", c->stage, rel_x);
                mail.attachment_path = att;
                rc = pp_mail_write(&mail, path, &w->d);
            }
            if (rc == 0)
                rc = S_record(c, w, "unit-mail", m->units[u].id, rel_m);
            free(subject);
            free(body);
            free(to_name);
            pp_template_doc_free(md);
        }
    }
    /* the workbook was needed for the message only */
    if (rc == 0 && !(c->kinds & K_UNIT_WORKBOOK)) {
        (void)PATHF(path, "%s/%s", c->stage, rel_x);
        unlink(path);
    }
    return rc;
}

/* The packet-wide files, in the order they are built: kind, file name
 * (stem-YEAR.ext), the template and vocabulary that make it (none for the
 * results XML, which is the document itself), and whether it shows every
 * criterion score. */
static const struct {
    int bit;
    const char *kind, *stem, *ext, *xsl, *vocab;
    int scores;
} S_files[] = {
    {K_RESULTS, "results", "ket-qua-chi-so-cchc", "xml", NULL, NULL, 1},
    {K_REPORT, "report", "bao-cao-chi-so-cchc", "pdf", "report.xsl",
     "document.xsd", 0},
    {K_DECISION, "decision", "quyet-dinh-cong-bo-chi-so-cchc", "pdf",
     "decision.xsl", "document.xsd", 0},
    {K_AWARD, "award-decision", "quyet-dinh-khen-thuong-cchc", "pdf",
     "award-decision.xsl", "document.xsd", 0},
    {K_WORKBOOK, "workbook", "bang-tong-hop-chi-so-cchc", "xlsx",
     "workbook.xsl", "workbook.xsd", 0},
};

#define NFILES (sizeof S_files / sizeof *S_files)

/* One packet-wide file: S_files[f]. */
static int S_file_job(const S_ctx *c, S_worker *w, int f)
{
    char rel[256], path[PATH_MAX];
    int rc;
    (void)PATHF(rel, "%s-%d.%s", S_files[f].stem, c->year, S_files[f].ext);
    if (S_files[f].xsl) {
        rc = S_render(c, w, S_whole(c, w, S_files[f].scores), S_files[f].xsl,
                      S_files[f].vocab, rel);
        if (rc)
            return rc;
    } else {
        /* streamed, not saved from a DOM: the national file's took 440 MB */
        (void)PATHF(path, "%s/%s", c->stage, rel);
        if (pp_results_write(c->m, c->r,
                             c->m->nawards || c->m->nautos ? c->aw : NULL,
                             c->slugs, path) != 0) {
            pp_diag_error(&w->d, path, 0, 0, "cannot write: %s",
                          strerror(errno));
            return 3;
        }
    }
    return S_record(c, w, S_files[f].kind, NULL, rel);
}

/* The packet-wide files asked for, as indices into S_files. */
static int S_nitems(const S_ctx *c, int *files)
{
    int n = 0;
    size_t i;
    for (i = 0; i < NFILES; i++)
        if (c->kinds & S_files[i].bit)
            files[n++] = (int)i;
    return n;
}

static double S_start; /* S_now() when the build began */

/* Monotonic seconds, for PARPACK_TRACE. */
static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Worker k of n: items i with i % n == k. Returns an exit status. */
static int S_work(const S_ctx *c, int k, int n)
{
    S_worker w;
    char part[PATH_MAX];
    int files[8], nfiles = S_nitems(c, files), nunits = 0, rc = 0;
    int total;
    memset(&w, 0, sizeof w);
    if (c->kinds & (K_UNIT_WORKBOOK | K_UNIT_MAIL))
        nunits = (int)c->m->nunits;
    total = nfiles + nunits;
    (void)PATHF(part, "%s/.manifest-%d", c->stage, k);
    w.manifest = fopen(part, "w");
    if (!w.manifest) {
        fprintf(stderr, "parpack: %s: %s\n", part, strerror(errno));
        return 3;
    }
    /* items from a shared counter: the packet-wide files first (the
     * largest), then units in chunks of the block order, so that a block's
     * document serves many units and no worker waits for another */
    (void)k;
    (void)n;
    while (rc == 0) {
        long item = __atomic_fetch_add(c->next, 1, __ATOMIC_RELAXED);
        long from, to, u;
        if (item < nfiles) {
            double t0 = S_now();
            rc = S_file_job(c, &w, files[item]);
            if (getenv("PARPACK_TRACE"))
                fprintf(stderr, "parpack: worker %d: %s in %.2f s\n", k,
                        S_files[files[item]].kind, S_now() - t0);
            if (c->progress_fd >= 0 && write(c->progress_fd, "x", 1) < 0)
                (void)0;
            continue;
        }
        from = (item - nfiles) * UNIT_CHUNK;
        if (from >= nunits)
            break;
        /* no packet-wide file is left for this worker: its whole-file
         * tree is not needed by the units */
        if (w.light) {
            pp_results_doc_free(w.light);
            w.light = NULL;
        }
        if (w.full) {
            pp_results_doc_free(w.full);
            w.full = NULL;
        }
        to = from + UNIT_CHUNK < nunits ? from + UNIT_CHUNK : nunits;
        for (u = from; u < to && rc == 0; u++) {
            rc = S_unit_job(c, &w, c->r->order[u]);
            if (c->progress_fd >= 0 && write(c->progress_fd, "x", 1) < 0)
                (void)0;
        }
    }
    (void)total;
    if (getenv("PARPACK_TRACE"))
        fprintf(stderr, "parpack: worker %d: done at %.2f s\n", k,
                S_now() - S_start);
    if (fclose(w.manifest) != 0 && rc == 0) {
        fprintf(stderr, "parpack: %s: %s\n", part, strerror(errno));
        rc = 3;
    }
    pp_diags_print(&w.d, stderr);
    pp_diags_free(&w.d);
    if (w.light)
        pp_results_doc_free(w.light);
    if (w.full)
        pp_results_doc_free(w.full);
    if (w.block)
        pp_results_doc_free(w.block);
    return rc;
}

/* ---------------------------------------------------------------------
 * Manifest and the move into place.
 */
typedef struct {
    char *line;
    const char *path; /* points into line */
} S_mline;

static int S_cmp_mline(const void *a, const void *b)
{
    return strcmp(((const S_mline *)a)->path, ((const S_mline *)b)->path);
}

/* Merge the workers' parts into manifest.tsv and SHA256SUMS. */
static int S_manifest(const char *stage, int nworkers)
{
    S_mline *lines = NULL;
    size_t n = 0, cap = 0, i;
    char path[PATH_MAX], buf[PATH_MAX + 256];
    FILE *f, *sums;
    int k, rc = 0;
    for (k = 0; k < nworkers; k++) {
        (void)PATHF(path, "%s/.manifest-%d", stage, k);
        f = fopen(path, "r");
        if (!f)
            continue;
        while (fgets(buf, sizeof buf, f)) {
            char *t;
            int tabs = 0;
            if (n == cap) {
                S_mline *nl;
                cap = cap ? cap * 2 : 256;
                nl = realloc(lines, cap * sizeof *nl);
                if (!nl) {
                    rc = 3;
                    break;
                }
                lines = nl;
            }
            lines[n].line = strdup(buf);
            if (!lines[n].line) {
                rc = 3;
                break;
            }
            for (t = lines[n].line; *t && tabs < 2; t++)
                if (*t == '\t')
                    tabs++;
            lines[n].path = t;
            n++;
        }
        fclose(f);
        unlink(path);
    }
    qsort(lines, n, sizeof *lines, S_cmp_mline);
    (void)PATHF(path, "%s/manifest.tsv", stage);
    f = fopen(path, "w");
    (void)PATHF(path, "%s/SHA256SUMS", stage);
    sums = fopen(path, "w");
    if (!f || !sums)
        rc = 3;
    for (i = 0; i < n && rc == 0; i++) {
        /* kind unit path bytes sha256 -> "sha256  path" */
        char *fields[5], *copy = strdup(lines[i].line), *save = NULL, *tok;
        int nf = 0;
        if (!copy) {
            rc = 3;
            break;
        }
        fputs(lines[i].line, f);
        for (tok = copy; nf < 5; nf++) {
            fields[nf] = tok;
            save = strchr(tok, '\t');
            if (!save)
                break;
            *save = 0;
            tok = save + 1;
        }
        if (nf >= 4) {
            fields[4][strcspn(fields[4], "\n")] = 0;
            fprintf(sums, "%s  %s\n", fields[4], fields[2]);
        }
        free(copy);
    }
    if (f && fclose(f) != 0)
        rc = 3;
    if (sums && fclose(sums) != 0)
        rc = 3;
    for (i = 0; i < n; i++)
        free(lines[i].line);
    free(lines);
    if (rc)
        fprintf(stderr, "parpack: cannot write the manifest: %s\n",
                strerror(errno));
    return rc;
}

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif
#include <sys/syscall.h>

/* Put stage in place of dir: an atomic exchange when dir exists. */
static int S_swap_in(const char *stage, const char *dir)
{
    struct stat st;
    if (lstat(dir, &st) != 0) {
        if (rename(stage, dir) == 0)
            return 0;
        return -1;
    }
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

/* Remove staging folders left by a killed build into the same DIR: they
 * are named .BASE.parpack-PID-XXXXXX, and PID no longer runs. */
static void S_clean_stale(const char *parent, const char *base)
{
    char prefix[PATH_MAX], path[PATH_MAX];
    size_t pl;
    DIR *dp = opendir(parent);
    struct dirent *e;
    if (!dp)
        return;
    (void)PATHF(prefix, ".%s.parpack-", base);
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
            continue; /* a build still running */
        (void)PATHF(path, "%s/%s", parent, e->d_name);
        S_rmtree(path);
    }
    closedir(dp);
}

/* ---------------------------------------------------------------------
 * Build.
 */
static volatile sig_atomic_t S_interrupted;
static void S_on_signal(int sig)
{
    (void)sig;
    S_interrupted = 1;
}

/* Draw progress: a bar on a terminal, plain lines otherwise. */
static void S_progress(int done, int total, int tty, int *last)
{
    if (tty) {
        int w = 40, fill = total ? done * w / total : w, i;
        fprintf(stderr, "\r[");
        for (i = 0; i < w; i++)
            fputc(i < fill ? '#' : ' ', stderr);
        fprintf(stderr, "] %d/%d", done, total);
        if (done == total)
            fputc('\n', stderr);
    } else {
        int pct = total ? done * 100 / total : 100;
        if (pct / 10 != *last / 10 || done == total) {
            fprintf(stderr, "parpack: %d/%d files (%d%%)\n", done, total, pct);
            *last = pct;
        }
    }
}

/* Build the packet; see packet.h. */
int pp_packet_build(const pp_model *m, const pp_results *r,
                    const pp_build_opts *o)
{
    S_ctx c;
    pp_diags d = {0};
    char dir[PATH_MAX], parent[PATH_MAX], stage[PATH_MAX], *slash;
    const char *base;
    int rc = 0, nworkers, files[8], total, k = -10, nunits = 0;
    pid_t pids[256];
    int pipefd[2] = {-1, -1};
    size_t i;

    memset(&c, 0, sizeof c);
    S_start = S_now();
    c.kinds = S_parse_kinds(o->only);
    if (c.kinds < 0)
        return 2;
    c.m = m;
    c.r = r;
    c.year = m->year;
    c.progress_fd = -1;

    /* what can be built from this file */
    if ((c.kinds & K_AWARD) && m->nawards == 0 && m->nautos == 0) {
        if (o->only)
            fprintf(stderr, "parpack: warning: the file has no <awards>: no "
                            "award-decision is written\n");
        c.kinds &= ~K_AWARD;
    }
    if (c.kinds & K_UNIT_MAIL) {
        if (!m->issuer_email) {
            fprintf(stderr, "parpack: warning: the issuer has no <email>: no "
                            "unit-mail is written (add <email> to <issuer>)\n");
            c.kinds &= ~K_UNIT_MAIL;
        } else {
            size_t miss = 0;
            for (i = 0; i < m->nunits; i++)
                miss += !m->units[i].email;
            if (miss) {
                fprintf(stderr, "parpack: warning: %zu unit%s without an "
                                "email address %s no message:",
                        miss, miss == 1 ? "" : "s", miss == 1 ? "gets" : "get");
                for (i = 0; i < m->nunits; i++)
                    if (!m->units[i].email)
                        fprintf(stderr, " %s (%s);", m->units[i].id,
                                m->units[i].name);
                fputc('\n', stderr);
            }
        }
    }

    c.aw = pp_awards_compute(m, r, &d);
    c.slugs = pp_unit_slugs(m);
    c.rec = c.slugs ? pp_records_new(m, r, c.slugs) : NULL;
    c.t = pp_templates_open(o->templates, o->argv0, &d);
    if (!c.aw || !c.slugs || !c.rec || !c.t) {
        rc = !c.t ? 4 : 3;
        goto done;
    }
    /* compile every template first: a broken one stops before any output */
    {
        for (i = 0; i < NFILES; i++)
            if ((c.kinds & S_files[i].bit) && S_files[i].xsl &&
                pp_template_load(c.t, S_files[i].xsl, &d) != 0)
                rc = 4;
        if ((c.kinds & (K_UNIT_WORKBOOK | K_UNIT_MAIL)) &&
            pp_template_load(c.t, "unit-workbook.xsl", &d) != 0)
            rc = 4;
        if ((c.kinds & K_UNIT_MAIL) &&
            pp_template_load(c.t, "mail.xsl", &d) != 0)
            rc = 4;
        if (rc)
            goto done;
    }

    /* where: DIR, staged beside it; short enough that every file name
     * in the packet fits in a path buffer */
    if (o->out && strlen(o->out) > 2048) {
        pp_diag_error(&d, NULL, 0, 0, "--out: the folder name is too long");
        rc = 3;
        goto done;
    }
    if (o->out)
        (void)PATHF(dir, "%s", o->out);
    else
        (void)PATHF(dir, "output/%d", m->year);
    while (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
        dir[strlen(dir) - 1] = 0;
    snprintf(parent, sizeof parent, "%s", dir);
    slash = strrchr(parent, '/');
    if (slash) {
        *slash = 0;
        base = dir + (slash - parent) + 1;
        if (!*parent)
            snprintf(parent, sizeof parent, "/");
    } else {
        snprintf(parent, sizeof parent, ".");
        base = dir;
    }
    if (S_mkdirs(parent) != 0) {
        pp_diag_error(&d, parent, 0, 0, "cannot create the folder: %s",
                      strerror(errno));
        rc = 3;
        goto done;
    }
    S_clean_stale(parent, base);
    if (PATHF(stage, "%s/.%s.parpack-%ld-XXXXXX", parent, base,
              (long)getpid()) != 0 ||
        !mkdtemp(stage)) {
        pp_diag_error(&d, parent, 0, 0, "cannot write in the folder: %s",
                      strerror(errno));
        rc = 3;
        goto done;
    }
    c.stage = stage;
    {
        /* mkdtemp makes it private; the packet gets the usual mode */
        mode_t um = umask(0);
        umask(um);
        chmod(stage, 0777 & ~um);
    }
    pp_diags_print(&d, stderr);
    pp_diags_free(&d);

    /* workers */
    if (c.kinds & (K_UNIT_WORKBOOK | K_UNIT_MAIL))
        nunits = (int)m->nunits;
    total = S_nitems(&c, files) + nunits;
    nworkers = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (nworkers < 1)
        nworkers = 1;
    if (nworkers > total)
        nworkers = total > 0 ? total : 1;
    if (nworkers > 256)
        nworkers = 256;
    pp_xlsx_process_init();
    c.next = mmap(NULL, sizeof(long), PROT_READ | PROT_WRITE,
                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (c.next == MAP_FAILED) {
        c.next = NULL;
        rc = 3;
        goto cleanup;
    }
    *c.next = 0;
    fflush(NULL);
    if (nworkers == 1) {
        rc = S_work(&c, 0, 1);
        if (!o->quiet)
            S_progress(total, total, isatty(2), &k);
    } else {
        int done_items = 0, last = -10, tty = isatty(2) && !o->quiet;
        char buf[256];
        ssize_t got;
        struct sigaction sa, old_int, old_term;
        if (pipe(pipefd) != 0) {
            rc = 3;
            goto cleanup;
        }
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = S_on_signal;
        sigaction(SIGINT, &sa, &old_int);
        sigaction(SIGTERM, &sa, &old_term);
        c.progress_fd = pipefd[1];
        for (k = 0; k < nworkers; k++) {
            pids[k] = fork();
            if (pids[k] == 0) {
                close(pipefd[0]);
                signal(SIGINT, SIG_DFL);
                signal(SIGTERM, SIG_DFL);
                _exit(S_work(&c, k, nworkers));
            }
            if (pids[k] < 0) {
                rc = 3;
                nworkers = k;
                break;
            }
        }
        close(pipefd[1]);
        while ((got = read(pipefd[0], buf, sizeof buf)) != 0) {
            if (got < 0) {
                if (errno == EINTR && !S_interrupted)
                    continue;
                if (S_interrupted)
                    break;
                continue;
            }
            done_items += (int)got;
            if (!o->quiet)
                S_progress(done_items, total, tty, &last);
        }
        close(pipefd[0]);
        for (k = 0; k < nworkers; k++) {
            int st = 0;
            if (S_interrupted)
                kill(pids[k], SIGTERM);
            while (waitpid(pids[k], &st, 0) < 0 && errno == EINTR)
                ;
            if (WIFEXITED(st) && WEXITSTATUS(st) != 0) {
                if (WEXITSTATUS(st) > rc)
                    rc = WEXITSTATUS(st);
            } else if (!WIFEXITED(st)) {
                if (rc < 3)
                    rc = 3;
            }
        }
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
        if (S_interrupted && rc == 0)
            rc = 3;
    }
    if (rc == 0)
        rc = S_manifest(stage, nworkers);
    if (rc == 0 && S_sync_dir(stage) != 0) {
        fprintf(stderr, "parpack: %s: %s\n", stage, strerror(errno));
        rc = 3;
    }
    if (rc == 0 && S_swap_in(stage, dir) != 0) {
        fprintf(stderr, "parpack: %s: cannot move the packet into place: %s\n",
                dir, strerror(errno));
        rc = 3;
    }
cleanup:
    if (rc != 0) {
        S_rmtree(stage);
        fprintf(stderr, "parpack: nothing was written: %s is as it was\n",
                dir);
    } else if (!o->quiet) {
        fprintf(stderr, "parpack: wrote the packet to %s (see %s/manifest.tsv)\n",
                dir, dir);
    }
done:
    if (c.next)
        munmap(c.next, sizeof(long));
    pp_diags_print(&d, stderr);
    pp_diags_free(&d);
    pp_templates_free(c.t);
    pp_records_free(c.rec);
    pp_unit_slugs_free(c.slugs, m->nunits);
    pp_awards_free(c.aw);
    pp_pdf_shutdown();
    pp_mail_shutdown();
    return rc;
}

/* `parpack send`; see packet.h. */
int pp_packet_send(const char *dir, const char *smtp_url, int dry_run)
{
    pp_diags d = {0};
    int rc;
    pp_mail_init();
    rc = pp_send_run(dir, smtp_url, dry_run, stdout, &d);
    pp_diags_print(&d, stderr);
    pp_diags_free(&d);
    pp_mail_shutdown();
    return rc;
}
