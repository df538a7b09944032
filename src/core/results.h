/*
 * results.h - the scored results as an XML document (the `results` kind,
 * documented in docs/results.md). Templates read it; other programs can
 * take the scored data from it without reading PDFs.
 *
 * Every number is given twice: as a plain dot decimal for programs
 * (index="87.49") and in Vietnamese form for documents (index-text="87,49").
 *
 * Ownership: the pp_results_*doc functions return a new document (pp_doc,
 * doc.h: callers need not include libxml2); free it with
 * pp_results_doc_free. pp_results_write streams the same content to a file
 * instead, for the packet's results file, whose DOM can take 440 MB.
 */
#ifndef PARPACK_RESULTS_H
#define PARPACK_RESULTS_H

#include "core/awards.h"
#include "base/doc.h"
#include "core/score.h"
#include "base/status.h"

typedef struct {
    int scores;     /* include every unit's criterion scores (and fields) */
    int criteria;   /* include the whole criteria tree, not just fields */
    int fields;     /* include every unit's <field> percentages */
} pp_results_opts;

/* The whole file's results. `aw` may be NULL (no <awards> element);
 * `slugs` (from pp_unit_slugs, may be NULL) names each unit's files.
 * Without o->fields the units keep their totals and <flag>s but not their
 * seven <field>s, which are most of a national tree (about 65 MB of 3,400
 * units): templates of packet-wide files take field percentages from
 * bound rows (fields pct:F, pct-text:F). o = NULL: fields, no scores, no
 * criteria tree. */
pp_doc *pp_results_doc(const pp_model *m, const pp_results *r,
                       const pp_awards *aw, const pp_results_opts *o,
                       char **slugs);

/* The whole file's results with every score and the whole criteria tree,
 * written to `path` as it is made, without a DOM: exactly the bytes of
 * pp_results_doc_save(pp_results_doc(m, r, aw, &(pp_results_opts){1, 1},
 * slugs), path), through a 64 KB buffer. Returns PP_OK, or PP_E_OUTPUT
 * with errno set when the file cannot be created or any write fails (ENOSPC, EIO...);
 * the file is then removed rather than left partly written (a file that
 * is not a regular one, such as a device, is left alone). */
pp_status pp_results_write(const pp_model *m, const pp_results *r,
                     const pp_awards *aw, char **slugs, const char *path);

/* One unit's results, for its workbook and message: the file's header,
 * its block's statistics and, after pp_results_doc_set_unit(), the unit's
 * own <unit> element (results/@unit names it). Built once per block and
 * pointed at each of its units in turn. Neither the block's ranking nor
 * the unit's criterion scores are in the tree: workbook templates take
 * them from bound rows (docs/workbook.md). `slugs` (may be NULL) names
 * the unit's files. */
pp_doc *pp_results_block_doc(const pp_model *m, const pp_results *r,
                             int block);
void pp_results_doc_set_unit(pp_doc *doc, const pp_model *m,
                             const pp_results *r, int unit, char **slugs);

/* Serialise to a file (UTF-8, indented). Returns PP_OK, or PP_E_OUTPUT
 * (errno set). */
pp_status pp_results_doc_save(pp_doc *doc, const char *path);

void pp_results_doc_free(pp_doc *doc);

/* File-name slugs of every unit (model->nunits entries): the ASCII slug
 * of the unit id ("thong-nhat"); ids that slug alike are numbered
 * ("thong-nhat-2"), so no two units share a file and no slug can leave
 * the output folder. Free with pp_unit_slugs_free. NULL if out of memory. */
char **pp_unit_slugs(const pp_model *m);
void pp_unit_slugs_free(char **slugs, size_t n);

#endif
