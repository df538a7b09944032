/* packet.c - `parpack build`: the plan run by the pool into a stage
 * (see packet.h). The kinds are the table below (the plan's machinery
 * in plan.c), their jobs in jobs.c, the workers in pool.c, the staging,
 * manifest and swap in stage.c. */
#include "packet/packet.h"
#include "core/awards.h"
#include "base/epoch.h"
#include "base/interrupt.h"
#include "mail/mail.h"
#include "render/pdf/pdf.h"
#include "data/records.h"
#include "core/results.h"
#include "packet/stage.h"
#include "data/template.h"
#include "render/xlsx/xlsx.h"
#include "base/i18n.h"
#include "packet/jobs.h"
#include "packet/plan.h"
#include "packet/pool.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Units go to workers in chunks of the block order, so that a block's
 * document serves many units: at most UNIT_CHUNK, and smaller towards the
 * end (a quarter of a worker's share of what is left), so that the
 * workers finish together even on a province of 36 units. */
#define UNIT_CHUNK 16

/* The packet-wide kinds, longest first (so that no worker starts one
 * when the other is almost done); kinds not named go after them. Each
 * DOCX follows its PDF: one worker taking both renders the description
 * once (jobs.c). */
static const char *const S_longest[] = {
    "report", "report-docx", "workbook", "decision", "decision-docx",
    "award-decision", "award-decision-docx", "results"};

/* award-decision: only a file with <awards>. */
static int S_has_awards(const pp_model *m, int asked, pp_diags *d)
{
    if (m->nawards || m->nautos)
        return 1;
    if (asked)
        pp_diag_warning(d, NULL, 0, 0, "%s",
                        _("the file has no <awards>: no award-decision is "
                          "written"));
    return 0;
}

/* unit-mail: only with the issuer's address; units without one are
 * named (they get no message). */
static int S_has_mail(const pp_model *m, int asked, pp_diags *d)
{
    size_t miss = 0, i, len = 0;
    char *list = NULL;
    (void)asked;
    if (!m->issuer_email) {
        pp_diag_warning(d, NULL, 0, 0, "%s",
                        _("the issuer has no <email>: no unit-mail is "
                          "written (add <email> to <issuer>)"));
        return 0;
    }
    for (i = 0; i < m->nunits; i++)
        if (!m->units[i].email) {
            miss++;
            len += strlen(m->units[i].id) + strlen(m->units[i].name) + 5;
        }
    if (!miss)
        return 1;
    list = malloc(len + 1);
    if (list) {
        char *p = list;
        *p = 0;
        for (i = 0; i < m->nunits; i++)
            if (!m->units[i].email)
                p += sprintf(p, "%s %s (%s)", p == list ? "" : ";",
                             m->units[i].id, m->units[i].name);
    }
    pp_diag_warning(d, NULL, 0, 0,
                    ngettext("%zu unit without an email address gets no "
                             "message:%s",
                             "%zu units without an email address get no "
                             "message:%s",
                             miss),
                    miss, list ? list : "");
    free(list);
    return 1;
}

/* The kinds of `parpack build` (plan.h), packet-wide first (the largest
 * files), in the order they are built: here, where the plan meets the
 * jobs that write it, so that plan.c names no job. */
const pp_kind pp_plan_build[] = {
    {"results", PP_SCOPE_PACKET, "ket-qua-chi-so-cchc-{year}.xml",
     pp_job_results, NULL, NULL, 1, {NULL, NULL}, NULL},
    {"report", PP_SCOPE_PACKET, "bao-cao-chi-so-cchc-{year}.pdf",
     pp_job_render, "report.xsl", "document.xsd", 0, {NULL, NULL}, NULL},
    /* each DOCX right after its PDF: a worker taking both renders the
     * description it kept (jobs.c), without a second XSLT run */
    {"report-docx", PP_SCOPE_PACKET, "bao-cao-chi-so-cchc-{year}.docx",
     pp_job_render, "report.xsl", "document.xsd", 0, {NULL, NULL}, NULL},
    {"decision", PP_SCOPE_PACKET, "quyet-dinh-cong-bo-chi-so-cchc-{year}.pdf",
     pp_job_render, "decision.xsl", "document.xsd", 0, {NULL, NULL}, NULL},
    {"decision-docx", PP_SCOPE_PACKET,
     "quyet-dinh-cong-bo-chi-so-cchc-{year}.docx", pp_job_render,
     "decision.xsl", "document.xsd", 0, {NULL, NULL}, NULL},
    {"award-decision", PP_SCOPE_PACKET,
     "quyet-dinh-khen-thuong-cchc-{year}.pdf", pp_job_render,
     "award-decision.xsl", "document.xsd", 0, {NULL, NULL}, S_has_awards},
    {"award-decision-docx", PP_SCOPE_PACKET,
     "quyet-dinh-khen-thuong-cchc-{year}.docx", pp_job_render,
     "award-decision.xsl", "document.xsd", 0, {NULL, NULL}, S_has_awards},
    {"workbook", PP_SCOPE_PACKET, "bang-tong-hop-chi-so-cchc-{year}.xlsx",
     pp_job_render, "workbook.xsl", "workbook.xsd", 0, {NULL, NULL}, NULL},
    {"unit-workbook", PP_SCOPE_UNIT,
     "units/{slug}/bang-diem-{slug}-{year}.xlsx", pp_job_unit_render,
     "unit-workbook.xsl", "workbook.xsd", 0, {NULL, NULL}, NULL},
    /* after unit-workbook: the message carries its file */
    {"unit-mail", PP_SCOPE_UNIT, "units/{slug}/thu-{slug}-{year}.eml",
     pp_job_unit_mail, "mail.xsl", "mail.xsd", 0,
     {"unit-workbook.xsl", NULL}, S_has_mail},
};
const size_t pp_plan_build_len = sizeof pp_plan_build / sizeof *pp_plan_build;

/* What the workers share: the job context and the items. */
typedef struct {
    pp_job *job;
    const int *order; /* the units in the order to write them, or NULL */
    int files[32]; /* the packet-wide kinds asked for, as table rows */
    int nfiles;
    int nunits;    /* units to write (0 when no per-unit kind is asked) */
    int *chunk_end; /* unit chunk c is order[chunk_end[c-1] .. chunk_end[c]) */
    long nchunks;
} S_build;

/* S_now() when the build began, for PARPACK_TRACE. */
static double S_start;

/* Monotonic seconds, for PARPACK_TRACE. */
static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One worker (pool.h): items from the shared counter, the packet-wide
 * files first (the largest), then chunks of units, so that no worker
 * waits for another. */
static pp_status S_work(void *ctx, int worker, pp_pool *p)
{
    S_build *b = ctx;
    pp_job *j = b->job;
    pp_status st = PP_OK, fl;
    int trace = getenv("PARPACK_TRACE") != NULL;
    while (st == PP_OK) {
        long item = pp_pool_next(p), from, to, u;
        if (item < b->nfiles) {
            const pp_kind *k = &j->kinds[b->files[item]];
            char rel[4096];
            double t0 = S_now();
            if (pp_plan_path(k, j->m->year, NULL, rel, sizeof rel) != 0)
                st = PP_E_OUTPUT;
            else
                st = k->job(j, k, -1, rel);
            if (trace)
                fprintf(stderr, "parpack: worker %d: %s in %.2f s\n", worker,
                        k->name, S_now() - t0);
            pp_pool_tick(p);
            continue;
        }
        /* after a signal, item is huge: no chunk is left */
        if (item - b->nfiles >= b->nchunks)
            break;
        from = item > b->nfiles ? b->chunk_end[item - b->nfiles - 1] : 0;
        /* no packet-wide file is left for this worker: its whole-file
         * trees are not needed by the units */
        pp_job_drop_whole(j);
        to = b->chunk_end[item - b->nfiles];
        for (u = from; u < to && st == PP_OK; u++)
            st = pp_job_unit(j, b->order ? b->order[u] : (int)u, p);
    }
    if (trace)
        fprintf(stderr, "parpack: worker %d: done at %.2f s\n", worker,
                S_now() - S_start);
    fl = pp_stage_flush(j->stage, &j->d);
    if (st == PP_OK)
        st = fl;
    if (j->d.len)
        pp_pool_clear_line(); /* not glued to the progress bar */
    pp_diags_print(&j->d, stderr);
    pp_job_end(j);
    return st;
}

/* The packet-wide files longest first (S_longest), the others after
 * them in the table's order. */
static void S_order_files(S_build *b)
{
    int sorted[32], n = 0, i;
    size_t r;
    for (r = 0; r <= sizeof S_longest / sizeof *S_longest; r++)
        for (i = 0; i < b->nfiles; i++) {
            const char *name = b->job->kinds[b->files[i]].name;
            size_t k = 0;
            while (k < sizeof S_longest / sizeof *S_longest &&
                   strcmp(S_longest[k], name) != 0)
                k++;
            if (k == r)
                sorted[n++] = b->files[i];
        }
    memcpy(b->files, sorted, sizeof(int) * (size_t)n);
}

/* Cut the units into chunks for `workers` workers (see UNIT_CHUNK);
 * 0, or -1 when out of memory. */
static int S_chunks(S_build *b, int workers)
{
    int at = 0;
    b->nchunks = 0;
    b->chunk_end = malloc(sizeof(int) * (size_t)(b->nunits ? b->nunits : 1));
    if (!b->chunk_end)
        return -1;
    while (at < b->nunits) {
        int left = b->nunits - at, size = left / (4 * workers);
        if (size > UNIT_CHUNK)
            size = UNIT_CHUNK;
        if (size < 1)
            size = 1;
        at += size;
        b->chunk_end[b->nchunks++] = at;
    }
    return 0;
}

/* id with each control character written as \t, \n or \xHH, into buf. */
static const char *S_escaped(const char *id, char *buf, size_t cap)
{
    size_t at = 0;
    const unsigned char *p;
    for (p = (const unsigned char *)id; *p && at + 5 < cap; p++) {
        if (*p == '\t')
            at += (size_t)snprintf(buf + at, cap - at, "\\t");
        else if (*p == '\n')
            at += (size_t)snprintf(buf + at, cap - at, "\\n");
        else if (*p < 0x20 || *p == 0x7f)
            at += (size_t)snprintf(buf + at, cap - at, "\\x%02x", *p);
        else
            buf[at++] = (char)*p;
    }
    buf[at] = 0;
    return buf;
}

/* No unit id the manifest cannot carry (a tab, a newline...): refused
 * before anything is written, naming each unit (stage.h). */
static pp_status S_check_ids(const pp_model *m, pp_diags *d)
{
    pp_status st = PP_OK;
    size_t i;
    for (i = 0; i < m->nunits; i++)
        if (!pp_stage_name_ok(m->units[i].id)) {
            char shown[256];
            pp_diag_error(d, NULL, 0, 0,
                          _("unit '%s' (%s): its id holds a control character, "
                            "which manifest.tsv and SHA256SUMS cannot list; "
                            "give it an id of letters, digits and '-'"),
                          S_escaped(m->units[i].id, shown, sizeof shown),
                          m->units[i].name);
            st = PP_E_INPUT;
        }
    return st;
}

/* The warm-up thread (pp_packet_warm) and what it does. */
static pthread_t S_warm_thread;
static int S_warming, S_warm_pdf, S_warm_xlsx, S_warm_mail;

static void *S_warm_main(void *arg)
{
    (void)arg;
    if (S_warm_pdf)
        pp_pdf_prepare();
    if (S_warm_xlsx)
        pp_xlsx_prepare();
    if (S_warm_mail)
        pp_mail_init();
    return NULL;
}

/* See packet.h. A build of a province spends about 15 ms in its parent
 * before the workers fork (loading, templates), and each worker drawing
 * a PDF spent 6 to 10 ms finding its fonts (fontconfig reads the caches
 * of every installed font); opening the render and mail modules took
 * 4 and 3 ms more in the parent. Done here, on the other processor,
 * beside the loading, they leave the serial path (docs/performance.md). */
void pp_packet_warm(const char *only)
{
    pp_kind_set set = pp_plan_named(pp_plan_build, pp_plan_build_len, only);
    size_t i;
    if (S_warming)
        return;
    S_warm_pdf = S_warm_xlsx = S_warm_mail = 0;
    for (i = 0; i < pp_plan_build_len; i++)
        if (set >> i & 1u) {
            const char *ext = strrchr(pp_plan_build[i].path, '.');
            S_warm_pdf |= ext && strcmp(ext, ".pdf") == 0;
            S_warm_xlsx |= ext && strcmp(ext, ".xlsx") == 0;
            S_warm_mail |= pp_plan_build[i].job == pp_job_unit_mail;
        }
    if ((S_warm_pdf || S_warm_xlsx || S_warm_mail) &&
        pthread_create(&S_warm_thread, NULL, S_warm_main, NULL) == 0)
        S_warming = 1;
}

/* Wait for the warm-up thread: before anything else uses the modules,
 * and before the workers fork (a process forks with one thread). */
static void S_warm_wait(void)
{
    if (S_warming) {
        pthread_join(S_warm_thread, NULL);
        S_warming = 0;
    }
}

/* See packet.h. */
void pp_packet_warm_end(void)
{
    S_warm_wait();
    pp_pdf_shutdown();
    pp_mail_shutdown();
}

/* The packet's time without SOURCE_DATE_EPOCH; see packet.h. */
long long pp_packet_input_time(const pp_model *m)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (m->ann_year > 0) {
        tm.tm_year = m->ann_year - 1900;
        tm.tm_mon = m->ann_month - 1;
        tm.tm_mday = m->ann_day;
    } else {
        tm.tm_year = m->year + 1 - 1900;
        tm.tm_mday = 1;
    }
    return (long long)timegm(&tm) - 7 * 3600;
}

/* Run the plan; see packet.h. */
pp_status pp_packet_run(pp_job *j, const int *order, int jobs, int quiet)
{
    S_build b;
    long files;
    size_t i, k;
    pp_status st;
    memset(&b, 0, sizeof b);
    b.job = j;
    b.order = order;
    if (!S_start)
        S_start = S_now();
    for (i = 0; i < j->nkinds; i++)
        if (pp_plan_has(j->kinds, j->set, &j->kinds[i])) {
            if (j->kinds[i].scope == PP_SCOPE_PACKET)
                b.files[b.nfiles++] = (int)i;
            else
                b.nunits = (int)j->m->nunits;
        }
    S_order_files(&b);
    if (S_chunks(&b, pp_pool_size(jobs, b.nfiles + b.nunits)) != 0)
        return PP_E_NOMEM;
    /* files planned, for the progress */
    files = b.nfiles;
    for (i = 0; b.nunits && i < j->m->nunits; i++)
        for (k = 0; k < j->nkinds; k++)
            files += pp_job_writes(j, &j->kinds[k], (int)i);
    if (getenv("PARPACK_TRACE"))
        fprintf(stderr, "parpack: workers start at %.3f s\n",
                S_now() - S_start);
    st = pp_pool_run(jobs, files, quiet, S_work, &b);
    if (st == PP_OK && pp_interrupt_signal())
        st = PP_E_INTERRUPTED;
    if (getenv("PARPACK_TRACE"))
        fprintf(stderr, "parpack: workers done at %.3f s\n",
                S_now() - S_start);
    free(b.chunk_end);
    return st;
}

/* Build the packet; see packet.h. */
pp_status pp_packet_build(const pp_model *m, const pp_results *r,
                          const pp_build_opts *o)
{
    pp_job job;
    pp_job *j = &job;
    pp_diags d = {0};
    pp_stage *stage = NULL;
    char dir[64];
    pp_status st;

    memset(&job, 0, sizeof job);
    S_start = S_now();
    pp_epoch_default(pp_packet_input_time(m));
    j->m = m;
    j->r = r;
    j->kinds = pp_plan_build;
    j->nkinds = pp_plan_build_len;
    st = pp_plan_select(j->kinds, j->nkinds, o->only, m, &j->set, &d);
    if (st != PP_OK)
        goto cleanup;
    st = S_check_ids(m, &d);
    if (st != PP_OK)
        goto cleanup;

    j->aw = pp_awards_compute(m, r, &d);
    j->slugs = pp_unit_slugs(m);
    j->rec = j->slugs ? pp_records_new(m, r, j->slugs) : NULL;
    j->t = pp_templates_open(o->templates, o->argv0, &d);
    if (!j->aw || !j->slugs || !j->rec || !j->t) {
        st = !j->t ? PP_E_TEMPLATE : PP_E_NOMEM;
        goto cleanup;
    }
    st = pp_job_load_templates(j, &d);
    if (st != PP_OK)
        goto cleanup;

    /* from here on, Ctrl-C or a SIGTERM ends the build cleanly */
    pp_interrupt_catch();
    snprintf(dir, sizeof dir, "output/%d", m->year);
    st = pp_stage_open(o->out ? o->out : dir, o->force, &stage, &d);
    if (st != PP_OK)
        goto cleanup;
    j->stage = stage;
    pp_diags_print(&d, stderr);
    pp_diags_free(&d);

    S_warm_wait();
    pp_xlsx_process_init();
    {
        /* the mail module is opened once, not by every worker */
        const pp_kind *mk = pp_plan_find(j->kinds, j->nkinds, "unit-mail");
        if (mk && pp_plan_has(j->kinds, j->set, mk))
            pp_mail_init();
    }
    st = pp_packet_run(j, r->order, o->jobs, o->quiet);
    if (st == PP_OK)
        st = pp_stage_commit(stage, &d);
    if (getenv("PARPACK_TRACE"))
        fprintf(stderr, "parpack: committed at %.3f s\n", S_now() - S_start);
    if (st != PP_OK) {
        pp_stage_abort(stage);
        pp_diags_print(&d, stderr);
        pp_diags_free(&d);
        /* half moved in (pp_stage_moved): the error said so, and how it
         * ends */
        if (!pp_stage_moved(stage))
            fprintf(stderr,
                    st == PP_E_INTERRUPTED
                        ? _("parpack: interrupted: nothing was written: %s "
                            "is as it was\n")
                        : _("parpack: nothing was written: %s is as it "
                            "was\n"),
                    pp_stage_dir(stage));
    } else if (!o->quiet) {
        fprintf(stderr,
                _("parpack: wrote the packet to %s (see %s/manifest.tsv)\n"),
                pp_stage_dir(stage), pp_stage_dir(stage));
    }
cleanup:
    pp_diags_print(&d, stderr);
    pp_diags_free(&d);
    pp_stage_free(stage);
    pp_interrupt_release();
    pp_templates_free(j->t);
    pp_records_free(j->rec);
    if (j->slugs)
        pp_unit_slugs_free(j->slugs, m->nunits);
    pp_awards_free(j->aw);
    pp_packet_warm_end();
    return st;
}

/* `parpack send`; see packet.h. */
pp_status pp_packet_send(const char *dir, const char *smtp_url, int dry_run,
                         int quiet, int resend_uncertain)
{
    pp_diags d = {0};
    pp_status st;
    pp_mail_init();
    st = pp_send_run(dir, smtp_url, dry_run, resend_uncertain,
                     quiet ? NULL : stdout, &d);
    fflush(stdout);
    pp_diags_print(&d, stderr);
    pp_diags_free(&d);
    pp_mail_shutdown();
    return st;
}
