/* plan.c - the kinds of each verb and the choice among them (plan.h). */
#include "plan.h"
#include "jobs.h"
#include "i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The kinds of `parpack build`, packet-wide first (the largest files),
 * in the order they are built. */
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

/* The row named name; see plan.h. */
const pp_kind *pp_plan_find(const pp_kind *kinds, size_t n, const char *name)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(kinds[i].name, name) == 0)
            return &kinds[i];
    return NULL;
}

/* Row k in set; see plan.h. */
int pp_plan_has(const pp_kind *kinds, pp_kind_set set, const pp_kind *k)
{
    return k && (set >> (k - kinds) & 1u);
}

/* The kinds to write; see plan.h. */
pp_status pp_plan_select(const pp_kind *kinds, size_t n, const char *only,
                         const pp_model *m, pp_kind_set *out, pp_diags *d)
{
    pp_kind_set set = 0;
    const char *p = only;
    size_t i;
    *out = 0;
    if (!only)
        set = n >= 32 ? ~0u : (1u << n) - 1;
    while (p && *p) {
        size_t len = strcspn(p, ","), found = 0;
        for (i = 0; i < n; i++)
            if (strlen(kinds[i].name) == len &&
                strncmp(kinds[i].name, p, len) == 0) {
                set |= 1u << i;
                found = 1;
            }
        if (!found && len) {
            char names[512], typed[64];
            const char *all[32], *near;
            size_t at = 0;
            names[0] = 0;
            for (i = 0; i < n && at < sizeof names; i++)
                at += (size_t)snprintf(names + at, sizeof names - at, "%s%s",
                                       i ? ", " : "", kinds[i].name);
            for (i = 0; i < n && i < 32; i++)
                all[i] = kinds[i].name;
            snprintf(typed, sizeof typed, "%.*s", (int)len, p);
            near = pp_diag_suggest(typed, all, i);
            if (near)
                pp_diag_error(d, NULL, 0, 0,
                              _("--only: unknown kind '%.*s'; did you mean "
                                "'%s'? kinds are %s"),
                              (int)len, p, near, names);
            else
                pp_diag_error(d, NULL, 0, 0,
                              _("--only: unknown kind '%.*s'; kinds are %s"),
                              (int)len, p, names);
            return PP_E_USAGE;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    if (!set) {
        pp_diag_error(d, NULL, 0, 0, "%s", _("--only: no kind given"));
        return PP_E_USAGE;
    }
    for (i = 0; i < n; i++)
        if ((set >> i & 1u) && kinds[i].usable &&
            !kinds[i].usable(m, only != NULL, d))
            set &= ~(1u << i);
    *out = set;
    return PP_OK;
}

/* Expand k's path pattern; see plan.h. */
int pp_plan_path(const pp_kind *k, int year, const char *slug, char *buf,
                 size_t cap)
{
    const char *p = k->path;
    size_t at = 0;
    while (*p) {
        char piece[32];
        const char *add = NULL;
        size_t len;
        if (strncmp(p, "{year}", 6) == 0) {
            snprintf(piece, sizeof piece, "%d", year);
            add = piece;
            p += 6;
        } else if (strncmp(p, "{slug}", 6) == 0 && slug) {
            add = slug;
            p += 6;
        } else {
            piece[0] = *p++;
            piece[1] = 0;
            add = piece;
        }
        len = strlen(add);
        if (at + len >= cap) {
            errno = ENAMETOOLONG;
            return -1;
        }
        memcpy(buf + at, add, len + 1);
        at += len;
    }
    if (at == 0 && cap)
        buf[0] = 0;
    return 0;
}
