/*
 * xlsx.h - the XLSX renderer: maps a workbook description (the vocabulary
 * of templates/workbook.xsd, documented in docs/workbook.md) onto
 * libxlsxwriter: sheets, columns, typed cells, formulas with their
 * computed values, formats, merges, conditional formats, frozen panes,
 * autofilter, print setup, charts, protection. It knows nothing of the
 * administrative reform index. The only module that includes
 * libxlsxwriter.
 *
 * Bound rows. A description may hold <rows source="…" key="…"> elements:
 * one row template repeated for every record of a data source, its cells
 * taking their values from the record's fields. The template is written
 * once; the records come from a pp_xlsx_source given by the caller (the
 * renderer only asks it for records and named fields), so a sheet of
 * thousands of rows costs no XSLT and no description nodes per row.
 */
#ifndef PARPACK_XLSX_H
#define PARPACK_XLSX_H

#include "parpack/diag.h"

/* A field's value: absent, a number or a text. */
typedef enum { PP_XV_NONE = 0, PP_XV_NUMBER, PP_XV_TEXT } pp_xlsx_vkind;

typedef struct {
    pp_xlsx_vkind kind;
    double num;       /* PP_XV_NUMBER */
    const char *text; /* PP_XV_TEXT; owned by the source, valid until the
                         next call to get */
} pp_xlsx_value;

/* A data source for bound rows. Every function gets `ctx` back. */
typedef struct {
    void *ctx;
    /* Open source `name` for `key` (may be ""): the number of records and
     * a cursor in *cur, or -1 when there is no such source or key (a
     * message of at most 200 bytes in err). */
    long (*open)(void *ctx, const char *name, const char *key, void **cur,
                 char *err);
    void (*close)(void *ctx, void *cur);
    /* A field of the opened source's records as a handle >= 0, or -1 when
     * the source has no such field. */
    int (*field)(void *ctx, void *cur, const char *name);
    /* Record `rec` (0-based)'s field `h`. */
    void (*get)(void *ctx, void *cur, long rec, int h, pp_xlsx_value *out);
} pp_xlsx_source;

/* Once per process before many workbooks: keep freed memory instead of
 * returning it to the system after each workbook. */
void pp_xlsx_process_init(void);

/* Render `doc` (an xmlDoc *, valid against workbook.xsd) into out_path,
 * with `src` (may be NULL when the description has no <rows>) feeding its
 * bound rows. Returns 0, 3 when the file cannot be written, 4 when the
 * description cannot be rendered (an unknown source or field, a row out
 * of order). `created` comes from SOURCE_DATE_EPOCH when set. */
int pp_xlsx_render(const void *doc, const char *out_path,
                   const pp_xlsx_source *src, pp_diags *d);

#endif
