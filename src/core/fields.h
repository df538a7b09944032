/*
 * fields.h - the one vocabulary of a scored unit's fields: what both
 * channels of scored data give the templates, the results XML
 * (results.c: attributes of <unit>, docs/results.md) and the bound rows
 * (data/records.c: fields of the `units` and `block` sources,
 * docs/workbook.md). Each field has its name, the channels that carry
 * it, a getter over the scored model and a text policy:
 *
 *   PP_FIELD_TEXT    a text, as it is
 *   PP_FIELD_INT     a whole number
 *   PP_FIELD_POINTS  points (thousandths) with as many decimals as they
 *                    need, at least `min_dec` (82580 -> 82.58)
 *   PP_FIELD_PCT     a percentage (thousandths) at the file's precision
 *
 * A points or percentage field NAME is given twice: NAME, a number (the
 * XML: a plain dot decimal; a bound row: the number itself), and
 * NAME-text, in Vietnamese form ("87,49"), the same text in both
 * channels. tests/unit/test_fields.c checks that docs/results.md and
 * docs/workbook.md document every field and no other.
 */
#ifndef PARPACK_FIELDS_H
#define PARPACK_FIELDS_H

#include "core/score.h"

#include <stddef.h>

typedef enum {
    PP_FIELD_TEXT, PP_FIELD_INT, PP_FIELD_POINTS, PP_FIELD_PCT
} pp_field_type;

/* The channels that carry a field. */
enum { PP_FIELD_XML = 1, PP_FIELD_ROWS = 2, PP_FIELD_BOTH = 3 };

/* What a getter reads: the unit `unit` of m and r. `slugs` and `seq`
 * (per unit: 1-based place in r->order) may be NULL; `buf` holds a text
 * made for the last field read. */
typedef struct {
    const pp_model *m;
    const pp_results *r;
    int unit;
    char **slugs;
    const int *seq;
    char buf[512];
} pp_field_ctx;

/* A field's value: absent (present = 0), a text, or a number (a whole
 * number, or thousandths for points and percentages). */
typedef struct {
    int present;
    const char *text;
    long long n;
} pp_field_value;

typedef struct {
    const char *name;
    pp_field_type type;
    int channels;
    int min_dec; /* PP_FIELD_POINTS: at least this many decimals */
    void (*get)(pp_field_ctx *c, pp_field_value *v);
} pp_unit_field;

/* The fields in the order of the results XML's attributes. */
extern const pp_unit_field pp_unit_fields[];
extern const size_t pp_unit_nfields;

/* The decimals to show for value x (thousandths) of a points or
 * percentage field: its text policy. */
int pp_field_decimals(const pp_unit_field *f, const pp_model *m,
                      long long x);

/* The field called `name` in channel `ch`, or -1; *text is set when the
 * name is a points or percentage field's NAME-text. */
int pp_unit_field_find(const char *name, int ch, int *text);

#endif
