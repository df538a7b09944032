/*
 * plan.h - the plan of a verb's output: the table of the kinds of file it
 * writes, and the choice of kinds (--only).
 *
 * A kind is one row: its name (in --only and manifest.tsv), whether it is
 * written once for the packet or once for every unit, the path of its
 * file inside DIR, the job that writes it, the templates the job applies,
 * and a policy hook saying whether this input can have it at all.
 *
 * Paths are patterns: {year} is the appraisal's year, {slug} the unit's
 * folder name (pp_unit_slugs); e.g. "units/{slug}/bang-diem-{slug}-{year}.xlsx".
 *
 * ## Adding a kind
 * 1. Write its job (jobs.h: a pp_kind_job; a packet-wide PDF or XLSX from a
 *    template needs none: pp_job_render renders xsl in the vocabulary
 *    `vocab`, from the results with (`scores`) or without every score).
 * 2. Add its row to the build's table (pp_plan_build, in packet.c, where
 *    the plan meets the jobs: plan.c itself names no job), e.g. for a
 *    DOCX beside the report:
 *        {"report-docx", PP_SCOPE_PACKET, "bao-cao-chi-so-cchc-{year}.docx",
 *         pp_job_render, "report.xsl", "document.xsd", 0, {NULL}, NULL},
 *    (pp_job_render chooses the renderer from the file's extension and
 *    the vocabulary). Rows run in table order within a worker; put large
 *    packet-wide files first. Per-unit rows run one after the other for a
 *    unit, so a later row may use an earlier one's file.
 * 3. Another verb has its own table beside its code, run the same way:
 *    `forms` (forms.c: unit-form and unit-form-mail, the message carrying
 *    the form its template names in needs[0]) fills a pp_job (jobs.h)
 *    with its table and runs it with pp_packet_run (packet.h); the
 *    staging (stage.h), the worker pool (pool.h) and the jobs are the
 *    same.
 * A table holds at most 32 rows (a pp_kind_set is a bit per row).
 */
#ifndef PARPACK_PLAN_H
#define PARPACK_PLAN_H

#include <stddef.h>

#include "base/diag.h"
#include "core/model.h"
#include "base/status.h"

typedef enum {
    PP_SCOPE_PACKET, /* one file for the whole packet */
    PP_SCOPE_UNIT    /* one file for every unit */
} pp_kind_scope;

typedef struct pp_job pp_job; /* a worker's context: jobs.h */
typedef struct pp_kind pp_kind;

/* Write the file of kind k at rel (inside the staging folder) and record
 * it; unit is the unit's index for PP_SCOPE_UNIT, -1 otherwise. */
typedef pp_status (*pp_kind_job)(pp_job *j, const pp_kind *k, int unit,
                                 const char *rel);

/* Can this input have kind k? 0 drops it (after a warning in d when the
 * user asked for it by name: `asked`). May warn and keep it. */
typedef int (*pp_kind_usable)(const pp_model *m, int asked, pp_diags *d);

struct pp_kind {
    const char *name;        /* --only and manifest.tsv */
    pp_kind_scope scope;
    const char *path;        /* pattern: {year}, {slug} */
    pp_kind_job job;
    const char *xsl;         /* the template of the job, or NULL */
    const char *vocab;       /* the vocabulary xsl writes, or NULL */
    int scores;              /* packet-wide: results with every score */
    const char *needs[2];    /* other templates the job applies, or NULL */
    pp_kind_usable usable;   /* NULL: always */
};

typedef unsigned pp_kind_set; /* bit i: row i of the table */

/* The kinds of `parpack build`, in the order they are built (defined in
 * packet.c). */
extern const pp_kind pp_plan_build[];
extern const size_t pp_plan_build_len;

/* The row named name, or NULL. */
const pp_kind *pp_plan_find(const pp_kind *kinds, size_t n, const char *name);

/* 1 when row k of kinds is in set. */
int pp_plan_has(const pp_kind *kinds, pp_kind_set set, const pp_kind *k);

/* The rows `only` (a comma list of kinds, as --only) names, all of them
 * when only is NULL; names of no row are left out, and no row is
 * checked against an input (pp_plan_select does both). */
pp_kind_set pp_plan_named(const pp_kind *kinds, size_t n, const char *only);

/* The kinds to write: --only's comma list (NULL: every kind), then each
 * row's usable hook. PP_E_USAGE for an unknown or empty list (error in
 * d, naming every kind). */
pp_status pp_plan_select(const pp_kind *kinds, size_t n, const char *only,
                         const pp_model *m, pp_kind_set *out, pp_diags *d);

/* The path of k's file into buf; slug NULL for a packet-wide kind. 0, or
 * -1 (ENAMETOOLONG) when it does not fit. */
int pp_plan_path(const pp_kind *k, int year, const char *slug, char *buf,
                 size_t cap);

#endif
