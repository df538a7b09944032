/*
 * xlsx.h - the XLSX renderer: maps a workbook description (the vocabulary
 * of templates/workbook.xsd, documented in docs/workbook.md) onto
 * libxlsxwriter: sheets, columns, typed cells, formulas with their
 * computed values, formats, merges, conditional formats, frozen panes,
 * autofilter, print setup, charts, protection. It knows nothing of the
 * administrative reform index. The only module that includes
 * libxlsxwriter.
 *
 * Bound rows (<rows source="…" key="…">, see source.h) take their
 * records from a pp_data_source given by the caller.
 */
#ifndef PARPACK_XLSX_H
#define PARPACK_XLSX_H

#include "base/diag.h"
#include "base/doc.h"
#include "base/status.h"
#include "data/source.h"

/* Once per process before many workbooks: keep freed memory instead of
 * returning it to the system after each workbook. */
void pp_xlsx_process_init(void);

/* Once per process, and on any thread, before the workbooks: open the
 * fonts whose metrics give the rows of wrapped text their height
 * (fontconfig: 5 to 10 ms). A workbook that needs them opens them
 * itself when this was not called. */
void pp_xlsx_prepare(void);

/* Render `doc` (valid against workbook.xsd) into out_path,
 * with `src` (may be NULL when the description has no <rows>) feeding its
 * bound rows. Returns PP_OK, PP_E_OUTPUT when the file cannot be written,
 * PP_E_TEMPLATE when the description cannot be rendered (an unknown source or field, a row out
 * of order). `created` comes from SOURCE_DATE_EPOCH when set. */
pp_status pp_xlsx_render(const pp_doc *doc, const char *out_path,
                         const pp_data_source *src, pp_diags *d);

#endif
