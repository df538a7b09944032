/*
 * forms.h - scoring forms out and filled forms back in (docs/cli.md: `forms`
 * and `import`), so that the appraisal XML is produced by the program
 * from the spreadsheets the offices already use.
 *
 * pp_forms_write takes a blank appraisal (pp_model_load_flags with
 * PP_LOAD_BLANK) and writes, into DIR, one form per unit
 * (units/SLUG/phieu-cham-diem-SLUG-YEAR.xlsx, kind unit-form, from
 * templates/unit-form.xsl) and, when the issuer and the unit have an
 * address, a message carrying it (unit-form-mail, unit-form-mail.xsl),
 * with manifest.tsv and SHA256SUMS, atomically (stage.h).
 *
 * pp_import_run reads filled forms (files, or folders searched for .xlsx
 * files) and writes the whole appraisal: the blank file's bytes with each
 * unit's <score c self appraised note na/> elements, in the scheme's
 * order. Every problem of every form is reported at once
 * (FORM.xlsx:SHEET!CELL: error: …); on any error nothing is written.
 *
 * Ownership: the model and the strings of the options stay the caller's.
 */
#ifndef PARPACK_FORMS_H
#define PARPACK_FORMS_H

#include <stddef.h>

#include "base/diag.h"
#include "core/model.h"
#include "base/status.h"
#include "packet/packet.h"

/* Write the forms of the blank appraisal m, with the options of a build
 * (packet.h): DIR by default output/YEAR-forms, o->only a comma list
 * of the forms' kinds (unit-form, unit-form-mail) or NULL for both.
 * PP_OK, PP_E_USAGE (o->only), PP_E_OUTPUT (DIR left as it was),
 * PP_E_TEMPLATE, PP_E_INPUT (an id the manifest cannot carry) or
 * PP_E_NOMEM; diagnostics in d. */
pp_status pp_forms_write(const pp_model *m, const pp_build_opts *o,
                         pp_diags *d);

typedef struct {
    const char *blank;          /* the blank appraisal's path (m->path) */
    const char *const *inputs;  /* forms or folders of forms */
    size_t ninputs;
    const char *out;            /* APPRAISAL.xml, or NULL for stdout */
    int partial;                /* write what is in: a unit without a
                                   form is a warning, left blank */
    char *summary;              /* out: "12 of 18 forms: 12 complete;
                                   missing: a (A), …", malloc'd (the
                                   caller frees it), or NULL */
} pp_import_opts;

/* Read the forms and write the appraisal. PP_OK, PP_E_INPUT (every
 * problem in d, nothing written) or PP_E_OUTPUT; o->summary says what
 * was read. */
pp_status pp_import_run(const pp_model *m, pp_import_opts *o,
                        pp_diags *d);

/* A score cell's text as a form gives it: "1,5", " 1.5 ", "KAD".
 * Returns 1 with *out in thousandths, 2 for KAD (not applicable), 0 for
 * an empty cell, -1 when not a number, -2 for more than three
 * decimals. */
int pp_form_score_parse(const char *text, pp_milli *out);

#endif
