/*
 * jobs.h - the jobs of the build's kinds (plan.h) and the context a worker
 * runs them in.
 *
 * A pp_job is filled by pp_packet_build before the workers start (the
 * shared part, read-only after fork); each worker then keeps its own
 * copy, in which the jobs cache the results documents they render from
 * and collect diagnostics.
 */
#ifndef PARPACK_JOBS_H
#define PARPACK_JOBS_H

#include "core/awards.h"
#include "data/records.h"
#include "core/score.h"
#include "packet/stage.h"
#include "data/template.h"
#include "packet/plan.h"

struct pp_job {
    /* shared: set before the workers start, never changed by them */
    const pp_model *m;
    const pp_results *r;
    pp_awards *aw;         /* NULL when the file has no <awards> */
    char **slugs;          /* every unit's folder name */
    pp_records *rec;       /* the data of bound rows in workbooks */
    pp_templates *t;
    pp_stage *stage;
    const pp_kind *kinds;  /* the verb's table */
    size_t nkinds;
    pp_kind_set set;       /* the kinds asked for */
    /* this worker's own */
    pp_diags d;
    pp_doc *light;         /* results without scores: report, decisions */
    pp_doc *full;          /* results with every score: workbook */
    pp_doc *block;         /* one block with its units: unit files */
    int block_no;
    pp_doc *unit_doc;      /* the current unit's document (= block) */
    pp_doc *desc;          /* the last document description rendered, */
    const pp_doc *desc_doc; /* from this results document */
    const char *desc_xsl;  /* by this template: the DOCX beside a PDF
                              reuses it without a second XSLT run */
};

/* The results XML, streamed (a DOM of the national file took 440 MB). */
pp_status pp_job_results(pp_job *j, const pp_kind *k, int unit,
                         const char *rel);

/* A packet-wide file: k->xsl over the whole file's results, rendered as
 * k->vocab says (document.xsd: PDF, or DOCX for a .docx file;
 * workbook.xsd: XLSX). */
pp_status pp_job_render(pp_job *j, const pp_kind *k, int unit,
                        const char *rel);

/* A unit's file: k->xsl over its block's document, rendered likewise. */
pp_status pp_job_unit_render(pp_job *j, const pp_kind *k, int unit,
                             const char *rel);

/* A unit's message, carrying its unit-workbook (rendered for the message
 * alone, then removed, when unit-workbook is not asked for). Units
 * without an address get none. */
pp_status pp_job_unit_mail(pp_job *j, const pp_kind *k, int unit,
                           const char *rel);

/* Before a unit's jobs: its folders and its document. */
pp_status pp_job_unit_begin(pp_job *j, int unit);

/* The unit files are next: free the whole-file documents. */
void pp_job_drop_whole(pp_job *j);

/* Free the worker's documents and diagnostics. */
void pp_job_end(pp_job *j);

#endif
