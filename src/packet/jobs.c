/* jobs.c - the jobs that write the build's files (jobs.h). */
#include "packet/jobs.h"
#include "render/docx/docx.h"
#include "base/epoch.h"
#include "mail/mail.h"
#include "render/pdf/pdf.h"
#include "core/results.h"
#include "render/xlsx/xlsx.h"
#include "base/i18n.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The awards, for the documents that show them. */
static pp_awards *S_awards(const pp_job *j)
{
    return j->m->nawards || j->m->nautos ? j->aw : NULL;
}

/* The whole file's results, built when first needed: with every score
 * (workbook) or without (report, decisions). */
static pp_doc *S_whole(pp_job *j, int scores)
{
    pp_doc **slot = scores ? &j->full : &j->light;
    pp_results_opts o = {0, 1, 0};
    o.scores = scores;
    if (!*slot)
        *slot = pp_results_doc(j->m, j->r, S_awards(j), &o, j->slugs);
    return *slot;
}

/* Block b's document, kept while the units of b follow one another. */
static pp_doc *S_block(pp_job *j, int b)
{
    if (j->block && j->block_no != b) {
        pp_results_doc_free(j->block);
        j->block = NULL;
    }
    if (!j->block) {
        j->block = pp_results_block_doc(j->m, j->r, b);
        j->block_no = b;
    }
    return j->block;
}

/* Free the kept document description. */
static void S_desc_drop(pp_job *j)
{
    if (j->desc)
        pp_template_doc_free(j->desc);
    j->desc = NULL;
    j->desc_doc = NULL;
    j->desc_xsl = NULL;
}

/* Does path end in ext? */
static int S_ends(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n >= e && strcmp(path + n - e, ext) == 0;
}

/* Template xsl over doc, then the renderer for vocab, into rel. A
 * document description is kept for the next job: the same template over
 * the same results (the DOCX after its PDF) renders it again, without
 * a second XSLT run. */
static pp_status S_render(pp_job *j, pp_doc *doc, const char *xsl,
                          const char *vocab, const char *rel)
{
    char path[PATH_MAX];
    pp_doc *out;
    int document = vocab && strcmp(vocab, "document.xsd") == 0;
    pp_status st;
    if (!doc)
        return PP_E_NOMEM;
    if (pp_stage_file(j->stage, rel, path, sizeof path) != 0) {
        pp_diag_error(&j->d, rel, 0, 0, _("cannot write: %s"),
                      strerror(errno));
        return PP_E_OUTPUT;
    }
    if (document && j->desc && j->desc_doc == doc &&
        strcmp(j->desc_xsl, xsl) == 0) {
        out = j->desc;
    } else {
        S_desc_drop(j);
        out = pp_template_apply(j->t, xsl, doc, vocab, NULL, &j->d);
        if (!out)
            return PP_E_TEMPLATE;
    }
    if (document && S_ends(rel, ".docx"))
        st = pp_docx_render(out, path, pp_records_source(j->rec), &j->d);
    else if (document)
        st = pp_pdf_render(out, path, pp_records_source(j->rec), &j->d);
    else
        st = pp_xlsx_render(out, path, pp_records_source(j->rec), &j->d);
    if (document && out != j->desc) {
        j->desc = out;
        j->desc_doc = doc;
        j->desc_xsl = xsl;
    } else if (!document) {
        pp_template_doc_free(out);
    }
    return st;
}


/* The results XML; see jobs.h. */
pp_status pp_job_results(pp_job *j, const pp_kind *k, int unit,
                         const char *rel)
{
    char path[PATH_MAX];
    (void)unit;
    if (pp_stage_file(j->stage, rel, path, sizeof path) != 0 ||
        pp_results_write(j->m, j->r, S_awards(j), j->slugs, path) != 0) {
        pp_diag_error(&j->d, path, 0, 0, _("cannot write: %s"),
                      strerror(errno));
        return PP_E_OUTPUT;
    }
    return pp_stage_record(j->stage, k->name, NULL, rel, &j->d);
}

/* A packet-wide rendered file; see jobs.h. */
pp_status pp_job_render(pp_job *j, const pp_kind *k, int unit,
                        const char *rel)
{
    pp_status st;
    (void)unit;
    st = S_render(j, S_whole(j, k->scores), k->xsl, k->vocab, rel);
    if (st != PP_OK)
        return st;
    return pp_stage_record(j->stage, k->name, NULL, rel, &j->d);
}

/* Before a unit's jobs; see jobs.h. */
pp_status pp_job_unit_begin(pp_job *j, int unit)
{
    size_t i;
    for (i = 0; i < j->nkinds; i++) {
        char rel[PATH_MAX], *slash;
        pp_status st;
        if (j->kinds[i].scope != PP_SCOPE_UNIT ||
            !pp_plan_has(j->kinds, j->set, &j->kinds[i]))
            continue;
        if (pp_plan_path(&j->kinds[i], j->m->year, j->slugs[unit], rel,
                         sizeof rel) != 0) {
            pp_diag_error(&j->d, NULL, 0, 0, _("cannot write: %s"),
                          strerror(errno));
            return PP_E_OUTPUT;
        }
        slash = strrchr(rel, '/');
        if (!slash)
            continue;
        *slash = 0;
        st = pp_stage_mkdir(j->stage, rel, &j->d);
        if (st != PP_OK)
            return st;
    }
    if (j->unit_data) {
        S_desc_drop(j);
        if (j->own)
            pp_template_doc_free(j->own);
        j->unit_doc = j->own = j->unit_data(j, unit);
        return j->own ? PP_OK : PP_E_NOMEM;
    }
    j->unit_doc = S_block(j, j->m->units[unit].block);
    if (!j->unit_doc)
        return PP_E_NOMEM;
    pp_results_doc_set_unit(j->unit_doc, j->m, j->r, unit, j->slugs);
    return PP_OK;
}

/* Does kind k write a file for unit u? See jobs.h. */
int pp_job_writes(const pp_job *j, const pp_kind *k, int u)
{
    if (k->scope != PP_SCOPE_UNIT || !pp_plan_has(j->kinds, j->set, k))
        return 0;
    return k->job != pp_job_unit_mail ||
           (j->m->units[u].email && j->m->issuer_email);
}

/* Every per-unit kind asked for, for unit u; see jobs.h. */
pp_status pp_job_unit(pp_job *j, int u, pp_pool *p)
{
    size_t i;
    pp_status st = pp_job_unit_begin(j, u);
    for (i = 0; i < j->nkinds && st == PP_OK; i++) {
        const pp_kind *k = &j->kinds[i];
        char rel[4096];
        if (k->scope != PP_SCOPE_UNIT || !pp_plan_has(j->kinds, j->set, k))
            continue;
        if (pp_plan_path(k, j->m->year, j->slugs[u], rel, sizeof rel) != 0)
            st = PP_E_OUTPUT;
        else
            st = k->job(j, k, u, rel);
        if (st == PP_OK && pp_job_writes(j, k, u))
            pp_pool_tick(p);
    }
    return st;
}

/* The templates of the kinds asked for; see jobs.h. */
pp_status pp_job_load_templates(const pp_job *j, pp_diags *d)
{
    pp_status st = PP_OK;
    size_t i, n;
    for (i = 0; i < j->nkinds; i++) {
        const pp_kind *k = &j->kinds[i];
        if (!pp_plan_has(j->kinds, j->set, k))
            continue;
        if (k->xsl && pp_template_load(j->t, k->xsl, d) != 0)
            st = PP_E_TEMPLATE;
        if (k->vocab && pp_template_load_vocab(j->t, k->vocab, d) != 0)
            st = PP_E_TEMPLATE;
        for (n = 0; n < 2 && k->needs[n]; n++)
            if (pp_template_load(j->t, k->needs[n], d) != 0)
                st = PP_E_TEMPLATE;
    }
    return st;
}

/* A unit's rendered file; see jobs.h. */
pp_status pp_job_unit_render(pp_job *j, const pp_kind *k, int unit,
                             const char *rel)
{
    pp_status st = S_render(j, j->unit_doc, k->xsl, k->vocab, rel);
    if (st != PP_OK)
        return st;
    return pp_stage_record(j->stage, k->name, j->m->units[unit].id, rel,
                           &j->d);
}

/* A unit's message; see jobs.h. */
pp_status pp_job_unit_mail(pp_job *j, const pp_kind *k, int unit,
                           const char *rel)
{
    const pp_model *m = j->m;
    const pp_kind *wk = NULL;
    const char *slug = j->slugs[unit], *at;
    char rel_x[PATH_MAX], att[PATH_MAX], path[PATH_MAX], msgid[512];
    char *subject = NULL, *body = NULL, *to_name = NULL, *from_name = NULL,
         *attname;
    int keep;
    size_t i;
    pp_doc *md = NULL;
    pp_mail mail;
    pp_status st = PP_OK;
    for (i = 0; i < j->nkinds && !wk; i++)
        if (k->needs[0] && j->kinds[i].scope == PP_SCOPE_UNIT &&
            j->kinds[i].xsl && strcmp(j->kinds[i].xsl, k->needs[0]) == 0)
            wk = &j->kinds[i];
    keep = pp_plan_has(j->kinds, j->set, wk);
    if (!m->units[unit].email || !m->issuer_email || !wk)
        return PP_OK;
    if (pp_plan_path(wk, m->year, slug, rel_x, sizeof rel_x) != 0 ||
        pp_stage_file(j->stage, rel_x, att, sizeof att) != 0 ||
        pp_stage_file(j->stage, rel, path, sizeof path) != 0 ||
        snprintf(msgid, sizeof msgid, "<parpack.%s%d.%s@%s>",
                 j->msgid_tag ? j->msgid_tag : "", m->year, slug,
                 (at = strchr(m->issuer_email, '@')) ? at + 1 : "localhost") >=
            (int)sizeof msgid) {
        pp_diag_error(&j->d, rel, 0, 0, _("cannot write: %s"),
                      strerror(ENAMETOOLONG));
        return PP_E_OUTPUT;
    }
    /* the workbook it carries: written by unit-workbook, or for it alone */
    if (!keep) {
        st = S_render(j, j->unit_doc, wk->xsl, wk->vocab, rel_x);
        if (st != PP_OK)
            goto cleanup;
    }
    md = pp_template_apply(j->t, k->xsl, j->unit_doc, k->vocab, NULL, &j->d);
    if (!md) {
        st = PP_E_TEMPLATE;
        goto cleanup;
    }
    subject = pp_template_doc_text(md, "subject");
    body = pp_template_doc_text(md, "body");
    to_name = pp_template_doc_text(md, "to"); /* the display name, mail.xsd */
    from_name = pp_template_doc_text(md, "from");
    attname = strrchr(rel_x, '/');
    attname = attname ? attname + 1 : rel_x;
    memset(&mail, 0, sizeof mail);
    mail.from = m->issuer_email;
    mail.from_name = from_name && *from_name ? from_name : m->issuer_name;
    mail.to = m->units[unit].email;
    mail.to_name = to_name && *to_name ? to_name : m->units[unit].name;
    mail.subject = subject ? subject : "";
    mail.body = body ? body : "";
    mail.attachment_path = att;
    mail.attachment_name = attname;
    mail.attachment_type = "application/vnd.openxmlformats-"
                           "officedocument.spreadsheetml.sheet";
    mail.message_id = msgid;
    mail.date = pp_source_date_epoch();
    st = pp_mail_write(&mail, path, &j->d);
    if (st == PP_OK)
        st = pp_stage_record(j->stage, k->name, m->units[unit].id, rel,
                             &j->d);
cleanup:
    /* the workbook was needed for the message only */
    if (!keep)
        unlink(att);
    free(subject);
    free(body);
    free(to_name);
    free(from_name);
    if (md)
        pp_template_doc_free(md);
    return st;
}

/* Free the whole-file documents; see jobs.h. */
void pp_job_drop_whole(pp_job *j)
{
    S_desc_drop(j);
    if (j->light)
        pp_results_doc_free(j->light);
    if (j->full)
        pp_results_doc_free(j->full);
    j->light = j->full = NULL;
}

/* Free the worker's own; see jobs.h. */
void pp_job_end(pp_job *j)
{
    pp_job_drop_whole(j);
    if (j->own)
        pp_template_doc_free(j->own);
    j->own = NULL;
    if (j->block)
        pp_results_doc_free(j->block);
    j->block = NULL;
    j->unit_doc = NULL;
    pp_diags_free(&j->d);
}
