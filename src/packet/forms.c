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
#include "packet/jobs.h"
#include "packet/packet.h"
#include "packet/plan.h"

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A message: only when the issuer has an address (forms write the form
 * all the same; no warning). */
static int S_has_mail(const pp_model *m, int asked, pp_diags *d)
{
    (void)asked;
    (void)d;
    return m->issuer_email != NULL;
}

/* The kinds of `parpack forms` (plan.h): the form, then the message
 * carrying it. */
static const pp_kind S_kinds[] = {
    {"unit-form", PP_SCOPE_UNIT,
     "units/{slug}/phieu-cham-diem-{slug}-{year}.xlsx", pp_job_unit_render,
     "unit-form.xsl", "workbook.xsd", 0, {NULL, NULL}, NULL},
    {"unit-form-mail", PP_SCOPE_UNIT,
     "units/{slug}/thu-phieu-cham-diem-{slug}-{year}.eml", pp_job_unit_mail,
     "unit-form-mail.xsl", "mail.xsd", 0, {"unit-form.xsl", NULL},
     S_has_mail},
};

static void S_set(xmlNodePtr n, const char *name, const char *value)
{
    if (value)
        xmlNewProp(n, BAD_CAST name, BAD_CAST value);
}

static void S_set_long(xmlNodePtr n, const char *name, long value)
{
    char b[32];
    snprintf(b, sizeof b, "%ld", value);
    S_set(n, name, b);
}

/* The form's data for unit u, the input of unit-form.xsl and
 * unit-form-mail.xsl: <form year precision><issuer/><scheme/><unit/>. */
static pp_doc *S_form_doc(const pp_job *j, int u)
{
    const pp_model *m = j->m;
    const pp_unit *un = &m->units[u];
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr root, n;
    char buf[64];
    if (!doc)
        return NULL;
    root = xmlNewNode(NULL, BAD_CAST "form");
    xmlDocSetRootElement(doc, root);
    S_set_long(root, "year", m->year);
    S_set_long(root, "precision", m->precision);
    if (m->deadline_year) /* as legal dates: "ngày 15 tháng 02 năm 2023",
                           * "ngày 05 tháng 3 năm 2023" */
        S_set(root, "deadline-text",
              pp_fmt_date(buf, sizeof buf, m->deadline_year,
                          m->deadline_month, m->deadline_day, 1));
    n = xmlNewChild(root, NULL, BAD_CAST "issuer", NULL);
    S_set(n, "name", m->issuer_name);
    S_set(n, "symbol", m->issuer_symbol);
    S_set(n, "place", m->issuer_place);
    S_set(n, "parent", m->issuer_parent);
    S_set(n, "email", m->issuer_email);
    n = xmlNewChild(root, NULL, BAD_CAST "scheme", NULL);
    S_set(n, "title", m->scheme_title ? m->scheme_title : "");
    S_set(n, "max", pp_fmt_points(buf, sizeof buf, m->scheme_max));
    S_set_long(n, "count", (long)m->ncriteria);
    S_set_long(n, "leaves", (long)m->nleaves);
    n = xmlNewChild(root, NULL, BAD_CAST "unit", NULL);
    S_set(n, "id", un->id);
    S_set(n, "name", un->name);
    S_set(n, "kind", un->kind);
    S_set(n, "head", un->head);
    S_set(n, "email", un->email);
    S_set(n, "slug", j->slugs[u]);
    S_set(n, "link", un->link);
    if (m->has_blocks) {
        S_set(n, "block", m->blocks[un->block].id);
        S_set(n, "block-name", m->blocks[un->block].name);
    }
    return doc;
}

/* See forms.h. */
pp_status pp_forms_write(const pp_model *m, const pp_build_opts *o,
                         pp_diags *d)
{
    pp_job j;
    char dir[64];
    size_t i;
    int mail;
    pp_status st = PP_OK;
    memset(&j, 0, sizeof j);
    j.m = m;
    j.kinds = S_kinds;
    j.nkinds = sizeof S_kinds / sizeof *S_kinds;
    j.unit_data = S_form_doc;
    j.msgid_tag = "form.";
    pp_epoch_default(pp_packet_input_time(m));
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
    st = pp_plan_select(j.kinds, j.nkinds, o->only, m, &j.set, d);
    if (st != PP_OK)
        return st;
    mail = pp_plan_has(j.kinds, j.set, &S_kinds[1]);
    j.slugs = pp_unit_slugs(m);
    j.rec = j.slugs ? pp_records_new(m, NULL, j.slugs) : NULL;
    j.t = pp_templates_open(o->templates, o->argv0, d);
    if (!j.slugs || !j.rec || !j.t) {
        st = !j.t ? PP_E_TEMPLATE : PP_E_NOMEM;
        goto cleanup;
    }
    st = pp_job_load_templates(&j, d);
    if (st != PP_OK)
        goto cleanup;
    snprintf(dir, sizeof dir, "output/%d-forms", m->year);
    pp_interrupt_catch();
    st = pp_stage_open(o->out ? o->out : dir, o->force, &j.stage, d);
    if (st != PP_OK)
        goto cleanup;
    if (mail)
        pp_mail_init();
    pp_xlsx_process_init();
    st = pp_packet_run(&j, NULL, o->jobs, o->quiet);
    if (st == PP_OK)
        st = pp_stage_commit(j.stage, d);
    if (st != PP_OK) {
        pp_stage_abort(j.stage);
        if (!pp_stage_moved(j.stage)) /* else the error said how it ends */
            pp_diag_error(d, NULL, 0, 0,
                          _("nothing was written: %s is as it was"),
                          pp_stage_dir(j.stage));
    } else if (!o->quiet) {
        fprintf(stderr, _("parpack: wrote %zu forms to %s (see %s/manifest.tsv)\n"),
                m->nunits, pp_stage_dir(j.stage), pp_stage_dir(j.stage));
    }
    if (mail)
        pp_mail_shutdown();
cleanup:
    pp_interrupt_release();
    pp_stage_free(j.stage);
    pp_templates_free(j.t);
    pp_records_free(j.rec);
    if (j.slugs)
        pp_unit_slugs_free(j.slugs, m->nunits);
    return st;
}
