/*
 * docx.h - the DOCX renderer: writes a document description (the
 * vocabulary of templates/document.xsd, docs/document.md, the same one
 * the PDF renderer lays out) as an editable WordprocessingML document.
 *
 * Paragraphs with bold and italic runs, alignment, first-line indents and
 * spacing; two-column blocks as borderless tables; rules as paragraph
 * borders; tables of fixed column widths whose header rows repeat on each
 * page (their rows written by the template, or repeated for every record
 * of a data source: bound rows, source.h); page numbers as a PAGE field
 * centred in the header, not on a section's first page, restarting at 1
 * where a section says so; page breaks; bar charts as native DrawingML
 * chart parts with their data. Text is real text everywhere, in Times New
 * Roman; no page is laid out here (the word processor does it). It knows
 * nothing of the administrative reform index.
 *
 * The XML parts are written with libxml2's xmlTextWriter (the fixed ones,
 * and the fixed pieces of the others, as static text) and packaged by
 * zip.h (fixed entry order, one modification time): with
 * SOURCE_DATE_EPOCH set, the output is byte-identical from run to run,
 * the document properties (title, author, subject, keywords, language)
 * coming from the description.
 */
#ifndef PARPACK_DOCX_H
#define PARPACK_DOCX_H

#include "base/diag.h"
#include "base/doc.h"
#include "data/source.h"
#include "base/status.h"

/* Render `doc` (already valid against document.xsd) into
 * out_path, with `src` (may be NULL when the description has no <rows>)
 * feeding the bound rows of its tables. Returns PP_OK; PP_E_OUTPUT when
 * the file cannot be written (errno in the message); PP_E_TEMPLATE when
 * the description cannot be rendered (an unknown source or field);
 * PP_E_NOMEM. Diagnostics say why, and no file is left on failure. The
 * caller keeps ownership of doc. */
pp_status pp_docx_render(const pp_doc *doc, const char *out_path,
                         const pp_data_source *src, pp_diags *d);

#endif
