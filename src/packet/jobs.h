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
#include "packet/pool.h"

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
    /* a unit's own document, the input of its kinds' templates, made
     * for it and freed after its jobs (forms: <form>); NULL: its block
     * of the results (build) */
    pp_doc *(*unit_data)(const pp_job *j, int unit);
    const char *msgid_tag; /* in a message's id after "parpack.", or NULL */
    /* this worker's own */
    pp_diags d;
    pp_doc *light;         /* results without scores: report, decisions */
    pp_doc *full;          /* results with every score: workbook */
    pp_doc *block;         /* one block with its units: unit files */
    int block_no;
    pp_doc *unit_doc;      /* the current unit's document (= block) */
    pp_doc *own;           /* unit_doc when made by unit_data */
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

/* A unit's message, carrying the file of the unit's kind whose template
 * is k->needs[0] (unit-workbook; unit-form), rendered for the message
 * alone, then removed, when that kind is not asked for. Units without
 * an address get none. */
pp_status pp_job_unit_mail(pp_job *j, const pp_kind *k, int unit,
                           const char *rel);

/* Before a unit's jobs: its folders and its document. */
pp_status pp_job_unit_begin(pp_job *j, int unit);

/* 1 when kind k writes a file for unit u: asked for, per unit, and for
 * a message, the unit's and the issuer's addresses. */
int pp_job_writes(const pp_job *j, const pp_kind *k, int unit);

/* Every per-unit kind asked for, for unit u, in table order; a tick of
 * p for every file written. */
pp_status pp_job_unit(pp_job *j, int unit, pp_pool *p);

/* Compile every template the kinds asked for apply, and parse their
 * vocabularies, once, before the workers fork: a broken one stops the
 * run before any output. */
pp_status pp_job_load_templates(const pp_job *j, pp_diags *d);

/* The unit files are next: free the whole-file documents. */
void pp_job_drop_whole(pp_job *j);

/* Free the worker's documents and diagnostics. */
void pp_job_end(pp_job *j);

#endif
