/*
 * pdf.h - the PDF renderer: lays out a document description (the small
 * vocabulary of templates/document.xsd, documented in docs/document.md)
 * with libharu. It knows paragraphs with inline bold and italic, rules,
 * two-column blocks, tables that break across pages repeating their
 * header rows (their rows written by the template, or repeated for every
 * record of a data source: bound rows), horizontal bar charts, page
 * breaks and page numbers; it knows nothing of the administrative reform
 * index.
 *
 * The only module that includes libharu. Fonts come from fontconfig:
 * "Times New Roman", else "Liberation Serif" (v2), else "Noto Serif"; a
 * font without Vietnamese letters is refused. A document is drawn from
 * subsets of them holding what Vietnamese documents use (made by
 * HarfBuzz's subsetter on first use and cached under
 * $XDG_CACHE_HOME/parpack/fonts, else ~/.cache/parpack/fonts), or, when
 * it has a character outside them, from the full fonts. With
 * SOURCE_DATE_EPOCH set, the output is byte-identical from run to run.
 */
#ifndef PARPACK_PDF_H
#define PARPACK_PDF_H

#include "base/diag.h"
#include "base/doc.h"
#include "data/source.h"
#include "base/status.h"

/* Render `doc` (already valid against document.xsd) into
 * out_path, with `src` (may be NULL when the description has no <rows>)
 * feeding the bound rows of its tables (source.h). Returns PP_OK,
 * PP_E_OUTPUT when the file cannot be written (the diagnostic carries the
 * errno's text: "No space left on device", "File too large"),
 * PP_E_NOMEM, or PP_E_TEMPLATE when the document cannot be laid out (no
 * usable font, an unknown source or field); diagnostics say why, and no
 * file is left. The caller keeps ownership of doc. */
pp_status pp_pdf_render(const pp_doc *doc, const char *out_path,
                        const pp_data_source *src, pp_diags *d);

/* Find the fonts and make their subsets ready now (once per process),
 * so that the first PDF does not wait for them: the build calls it from
 * a thread while the input is loaded (packet.h, pp_packet_warm), before
 * the workers fork. A font that cannot be found is reported by the
 * first pp_pdf_render, as without it. */
void pp_pdf_prepare(void);

/* Once, at the end of the process: release the font lookup. */
void pp_pdf_shutdown(void);

#endif
