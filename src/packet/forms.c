/* forms.c - `parpack forms`: one scoring form per unit (forms.h). */
#include "base/epoch.h"
#include "packet/forms.h"
#include "mail/mail.h"
#include "data/records.h"
#include "core/results.h"
#include "base/interrupt.h"
#include "packet/stage.h"
#include "data/template.h"
#include "base/viet.h"
#include "render/xlsx/xlsx.h"
#include "base/i18n.h"
#include "packet/pool.h"

#include <libxml/tree.h>
#include <time.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define UNIT_CHUNK 16

/* Everything a worker needs: shared read-only after fork, except d,
 * which each worker keeps for itself. */
typedef struct {
    const pp_model *m;
    char **slugs;
    pp_records *rec;
    pp_templates *t;
    pp_stage *stage;
    int mail;  /* the issuer has an address: messages too */
    pp_diags d;
} S_ctx;

static void S_set(xmlNodePtr n, const char *name, const char *value)
{
    if (value)
        xmlNewProp(n, BAD_CAST name, BAD_CAST value);
}

/* The form's data for unit u, the input of unit-form.xsl and
 * unit-form-mail.xsl: <form year precision><issuer/><scheme/><unit/>. */
static xmlDocPtr S_form_doc(const S_ctx *c, int u)
{
    const pp_model *m = c->m;
    const pp_unit *un = &m->units[u];
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root, n;
    char buf[64];
    if (!doc)
        return NULL;
    root = xmlNewNode(NULL, BAD_CAST "form");
    xmlDocSetRootElement(doc, root);
    snprintf(buf, sizeof buf, "%d", m->year);
    S_set(root, "year", buf);
    snprintf(buf, sizeof buf, "%d", m->precision);
    S_set(root, "precision", buf);
    if (m->deadline_year) { /* "ngày 15 tháng 02 năm 2023", as legal dates */
        snprintf(buf, sizeof buf, "ngày %02d tháng %02d năm %d",
                 m->deadline_day, m->deadline_month, m->deadline_year);
        S_set(root, "deadline-text", buf);
    }
    n = xmlNewChild(root, NULL, BAD_CAST "issuer", NULL);
    S_set(n, "name", m->issuer_name);
    S_set(n, "symbol", m->issuer_symbol);
    S_set(n, "place", m->issuer_place);
    S_set(n, "parent", m->issuer_parent);
    S_set(n, "email", m->issuer_email);
    n = xmlNewChild(root, NULL, BAD_CAST "scheme", NULL);
    S_set(n, "title", m->scheme_title ? m->scheme_title : "");
    S_set(n, "max", pp_fmt_points(buf, sizeof buf, m->scheme_max));
    snprintf(buf, sizeof buf, "%zu", m->ncriteria);
    S_set(n, "count", buf);
    snprintf(buf, sizeof buf, "%zu", m->nleaves);
    S_set(n, "leaves", buf);
    n = xmlNewChild(root, NULL, BAD_CAST "unit", NULL);
    S_set(n, "id", un->id);
    S_set(n, "name", un->name);
    S_set(n, "kind", un->kind);
    S_set(n, "head", un->head);
    S_set(n, "email", un->email);
    S_set(n, "slug", c->slugs[u]);
    S_set(n, "link", un->link);
    if (m->has_blocks) {
        S_set(n, "block", m->blocks[un->block].id);
        S_set(n, "block-name", m->blocks[un->block].name);
    }
    return doc;
}

/* The message carrying the form at rel_x, into rel_m. */
static pp_status S_mail(S_ctx *c, int u, void *doc, const char *rel_x,
                        const char *rel_m)
{
    const pp_model *m = c->m;
    const char *at = strchr(m->issuer_email, '@'), *attname;
    char att[PATH_MAX], path[PATH_MAX], msgid[512];
    char *subject = NULL, *body = NULL, *to_name = NULL, *from_name = NULL;
    void *md;
    pp_mail mail;
    pp_status st = PP_OK;
    if (pp_stage_file(c->stage, rel_x, att, sizeof att) != 0 ||
        pp_stage_file(c->stage, rel_m, path, sizeof path) != 0 ||
        snprintf(msgid, sizeof msgid, "<parpack.form.%d.%s@%s>", m->year,
                 c->slugs[u], at ? at + 1 : "localhost") >= (int)sizeof msgid) {
        pp_diag_error(&c->d, rel_m, 0, 0, _("cannot write: %s"),
                      strerror(ENAMETOOLONG));
        return PP_E_OUTPUT;
    }
    md = pp_template_apply(c->t, "unit-form-mail.xsl", doc, "mail.xsd", NULL,
                           &c->d);
    if (!md)
        return PP_E_TEMPLATE;
    subject = pp_template_doc_text(md, "subject");
    body = pp_template_doc_text(md, "body");
    to_name = pp_template_doc_text(md, "to"); /* display names, mail.xsd */
    from_name = pp_template_doc_text(md, "from");
    attname = strrchr(rel_x, '/') ? strrchr(rel_x, '/') + 1 : rel_x;
    memset(&mail, 0, sizeof mail);
    mail.from = m->issuer_email;
    mail.from_name = from_name && *from_name ? from_name : m->issuer_name;
    mail.to = m->units[u].email;
    mail.to_name = to_name && *to_name ? to_name : m->units[u].name;
    mail.subject = subject ? subject : "";
    mail.body = body ? body : "";
    mail.attachment_path = att;
    mail.attachment_name = attname;
    mail.attachment_type = "application/vnd.openxmlformats-"
                           "officedocument.spreadsheetml.sheet";
    mail.message_id = msgid;
    mail.date = pp_source_date_epoch();
    if (pp_mail_write(&mail, path, &c->d) != 0)
        st = PP_E_OUTPUT;
    if (st == PP_OK)
        st = pp_stage_record(c->stage, "unit-form-mail", m->units[u].id,
                             rel_m, &c->d);
    free(subject);
    free(body);
    free(to_name);
    free(from_name);
    pp_template_doc_free(md);
    return st;
}

/* One unit: its form, then the message carrying it. */
static pp_status S_unit(S_ctx *c, int u)
{
    const pp_model *m = c->m;
    const char *slug = c->slugs[u];
    char dir[PATH_MAX], rel_x[PATH_MAX], rel_m[PATH_MAX], path[PATH_MAX];
    xmlDocPtr doc = NULL;
    void *wb = NULL;
    pp_status st;
    if (snprintf(dir, sizeof dir, "units/%s", slug) >= (int)sizeof dir ||
        snprintf(rel_x, sizeof rel_x, "%s/phieu-cham-diem-%s-%d.xlsx", dir,
                 slug, m->year) >= (int)sizeof rel_x ||
        snprintf(rel_m, sizeof rel_m, "%s/thu-phieu-cham-diem-%s-%d.eml", dir,
                 slug, m->year) >= (int)sizeof rel_m ||
        pp_stage_file(c->stage, rel_x, path, sizeof path) != 0) {
        pp_diag_error(&c->d, slug, 0, 0, _("cannot write: %s"),
                      strerror(ENAMETOOLONG));
        return PP_E_OUTPUT;
    }
    st = pp_stage_mkdir(c->stage, dir, &c->d);
    if (st != PP_OK)
        return st;
    doc = S_form_doc(c, u);
    if (!doc)
        return PP_E_NOMEM;
    wb = pp_template_apply(c->t, "unit-form.xsl", doc, "workbook.xsd", NULL,
                           &c->d);
    if (!wb) {
        st = PP_E_TEMPLATE;
        goto cleanup;
    }
    st = pp_xlsx_render(wb, path, pp_records_source(c->rec), &c->d);
    if (st == PP_OK)
        st = pp_stage_record(c->stage, "unit-form", m->units[u].id, rel_x,
                             &c->d);
    if (st == PP_OK && c->mail && m->units[u].email)
        st = S_mail(c, u, doc, rel_x, rel_m);
cleanup:
    if (wb)
        pp_template_doc_free(wb);
    xmlFreeDoc(doc);
    return st;
}

/* A worker: chunks of units from the shared counter. */
static pp_status S_work(void *ctx, int worker, pp_pool *p)
{
    S_ctx *c = ctx;
    pp_status st = PP_OK, fl;
    long n = (long)c->m->nunits;
    (void)worker;
    while (st == PP_OK) {
        long from = pp_pool_next(p) * UNIT_CHUNK, to, u;
        if (from >= n)
            break;
        to = from + UNIT_CHUNK < n ? from + UNIT_CHUNK : n;
        for (u = from; u < to && st == PP_OK; u++) {
            st = S_unit(c, (int)u);
            pp_pool_tick(p);
        }
    }
    fl = pp_stage_flush(c->stage, &c->d);
    if (st == PP_OK)
        st = fl;
    pp_diags_print(&c->d, stderr);
    pp_diags_free(&c->d);
    return st;
}

/* The packet's time without SOURCE_DATE_EPOCH: the announcement's day at
 * 00:00 +07:00, else 1 January after the assessed year (epoch.h). */
static long long S_input_time(const pp_model *m)
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

/* See forms.h. */
pp_status pp_forms_write(const pp_model *m, const pp_forms_opts *o,
                         pp_diags *d)
{
    S_ctx c;
    char dir[64];
    size_t i;
    pp_status st = PP_OK;
    memset(&c, 0, sizeof c);
    c.m = m;
    pp_epoch_default(S_input_time(m));
    for (i = 0; i < m->nunits; i++)
        if (!pp_stage_name_ok(m->units[i].id)) {
            pp_diag_error(d, m->path, m->units[i].line, 0,
                          _("unit '%s': its id holds a control character "
                            "(a tab or a newline), which manifest.tsv cannot "
                            "list; give it an id of letters, digits and '-'"),
                          m->units[i].name);
            st = PP_E_INPUT;
        }
    if (st != PP_OK)
        return st;
    if (!m->blank)
        pp_diag_warning(d, m->path, 0, 0,
                        _("the file has scores; the forms are written "
                          "blank all the same"));
    c.mail = m->issuer_email != NULL;
    c.slugs = pp_unit_slugs(m);
    c.rec = c.slugs ? pp_records_new(m, NULL, c.slugs) : NULL;
    c.t = pp_templates_open(o->templates, o->argv0, d);
    if (!c.slugs || !c.rec || !c.t) {
        st = !c.t ? PP_E_TEMPLATE : PP_E_NOMEM;
        goto cleanup;
    }
    if (pp_template_load(c.t, "unit-form.xsl", d) != 0 ||
        (c.mail && pp_template_load(c.t, "unit-form-mail.xsl", d) != 0)) {
        st = PP_E_TEMPLATE;
        goto cleanup;
    }
    snprintf(dir, sizeof dir, "output/%d-forms", m->year);
    pp_interrupt_catch();
    st = pp_stage_open(o->out ? o->out : dir, o->force, &c.stage, d);
    if (st != PP_OK)
        goto cleanup;
    if (c.mail)
        pp_mail_init();
    pp_xlsx_process_init();
    st = pp_pool_run(pp_pool_size(o->jobs, (long)m->nunits),
                     (long)m->nunits, o->quiet, S_work, &c);
    if (st == PP_OK && pp_interrupt_signal())
        st = PP_E_INTERRUPTED;
    if (st == PP_OK)
        st = pp_stage_commit(c.stage, d);
    if (st != PP_OK) {
        pp_stage_abort(c.stage);
        pp_diag_error(d, NULL, 0, 0, _("nothing was written: %s is as it was"),
                      pp_stage_dir(c.stage));
    } else if (!o->quiet) {
        fprintf(stderr, _("parpack: wrote %zu forms to %s (see %s/manifest.tsv)\n"),
                m->nunits, pp_stage_dir(c.stage), pp_stage_dir(c.stage));
    }
    if (c.mail)
        pp_mail_shutdown();
cleanup:
    pp_interrupt_release();
    pp_stage_free(c.stage);
    pp_templates_free(c.t);
    pp_records_free(c.rec);
    if (c.slugs)
        pp_unit_slugs_free(c.slugs, m->nunits);
    return st;
}
