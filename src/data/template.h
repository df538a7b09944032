/*
 * template.h - the templates: XSLT stylesheets (libxslt) that turn the
 * results XML into document, workbook and mail descriptions.
 *
 * A clerk can change a template and rebuild without compiling. A broken
 * template is reported as TEMPLATE:LINE:COL: error: … (exit status 4); a
 * description that does not follow its vocabulary (document.xsd,
 * workbook.xsd, mail.xsd in the templates folder) too.
 *
 * Extension functions, namespace "urn:parpack" (prefix pp by convention):
 *   pp:number-words(n [, style])   21 -> "hai mươi mốt"
 *   pp:money-words(n [, style])    1410000 -> "Một triệu bốn trăm mười
 *                        nghìn đồng"; style: "bốn", "linh", "ngàn", comma
 *                        separated, for the regional variants
 *   pp:money(n)          1410000 -> "1.410.000"
 *   pp:decimal(x, d)     87.49, 2 -> "87,49"
 *   pp:upper(s), pp:lower(s)   Vietnamese upper and lower case
 *   pp:proper(name, place) "ỦY BAN NHÂN DÂN HUYỆN GIA LỘC", "Gia Lộc" ->
 *                        "Ủy ban nhân dân huyện Gia Lộc"
 *   pp:cell(row, col)    0-based -> "C5" (for formulas)
 *
 * Ownership: pp_templates owns the compiled stylesheets; documents
 * returned by pp_template_apply belong to the caller (pp_template_doc_free).
 */
#ifndef PARPACK_TEMPLATE_H
#define PARPACK_TEMPLATE_H

#include "base/diag.h"
#include "base/doc.h"
#include "base/status.h"

typedef struct pp_templates pp_templates;

/* Find the templates folder: `dir` when given, else $PARPACK_TEMPLATES,
 * else templates/ beside the program, or ../templates (a build folder),
 * or ../share/parpack/templates (installed), else
 * PREFIX/share/parpack/templates. */
pp_templates *pp_templates_open(const char *dir, const char *argv0,
                                pp_diags *d);
const char *pp_templates_dir(const pp_templates *t);

/* Compile (once) the stylesheet `name`, e.g. "report.xsl". Returns PP_OK,
 * or PP_E_TEMPLATE with diagnostics. */
pp_status pp_template_load(pp_templates *t, const char *name, pp_diags *d);

/* Parse (once) the vocabulary schema `name`, e.g. "document.xsd", so that
 * workers forked afterwards share it. Returns PP_OK, or PP_E_TEMPLATE
 * with diagnostics. */
pp_status pp_template_load_vocab(pp_templates *t, const char *name,
                                 pp_diags *d);

/* Apply stylesheet `name` to `doc`. When `vocab` is given
 * (e.g. "document.xsd"), the result is validated against it. `params` is a
 * NULL-terminated list of name, XPath-expression pairs, or NULL. Returns
 * the new document, or NULL with diagnostics (PP_E_TEMPLATE). */
pp_doc *pp_template_apply(pp_templates *t, const char *name, pp_doc *doc,
                          const char *vocab, const char **params,
                          pp_diags *d);

/* The text of the first child element `name` of doc's root (a message's
 * <subject>, <body>, <to>), malloc'd; NULL when there is none or memory
 * runs out. */
char *pp_template_doc_text(const pp_doc *doc, const char *name);

void pp_template_doc_free(pp_doc *doc);
void pp_templates_free(pp_templates *t);

#endif
