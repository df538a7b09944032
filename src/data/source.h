/*
 * source.h - data sources of bound rows. A description (a workbook's or
 * a document's) may hold <rows source="…" key="…"> elements: one row
 * template repeated for every record of a data source, its cells taking
 * their values from the record's fields. The renderers only ask a source
 * for records and named fields; records.c serves the scored units, a
 * unit's criteria and the scheme. So a table of thousands of rows costs no XSLT and no
 * description nodes per row.
 */
#ifndef PARPACK_SOURCE_H
#define PARPACK_SOURCE_H

#include "base/diag.h"
#include "base/status.h"

#include <stdint.h>

/* A field's value: absent, a number or a text. A number is exact, in
 * thousandths as the scored data holds it (points, percentages; a count
 * times 1000): a cell takes it as a number (pp_bound_vnum) or a text
 * (pp_bound_numtext) straight from them. */
typedef enum { PP_V_NONE = 0, PP_V_NUMBER, PP_V_TEXT } pp_vkind;

typedef struct {
    pp_vkind kind;
    int64_t milli;    /* PP_V_NUMBER, in thousandths */
    const char *text; /* PP_V_TEXT; owned by the source, valid until the
                         next call to get */
} pp_value;

/* A data source for bound rows. Every function gets `ctx` back. */
typedef struct {
    void *ctx;
    /* Open source `name` for `key` (may be ""): the number of records in
     * *count and a cursor in *cur, PP_OK; else PP_E_TEMPLATE when there
     * is no such source or key, PP_E_NOMEM, with the reason in d. */
    pp_status (*open)(void *ctx, const char *name, const char *key,
                      void **cur, long *count, pp_diags *d);
    void (*close)(void *ctx, void *cur);
    /* A field of the opened source's records as a handle >= 0, or -1 when
     * the source has no such field. */
    int (*field)(void *ctx, void *cur, const char *name);
    /* Record `rec` (0-based)'s field `h`. */
    void (*get)(void *ctx, void *cur, long rec, int h, pp_value *out);
} pp_data_source;

#endif
