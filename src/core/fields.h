/*
 * fields.h - the one vocabulary of a scored unit's fields: what both
 * channels of scored data give the templates, the results XML
 * (results.c: attributes of <unit>, docs/results.md) and the bound rows
 * (data/records.c: fields of the `units` and `block` sources,
 * docs/workbook.md). Each field has its name in each channel (NULL: the
 * channel does not carry it), a getter over the scored model and a text
 * policy:
 *
 *   PP_FIELD_TEXT    a text, as it is
 *   PP_FIELD_INT     a whole number
 *   PP_FIELD_POINTS  points (thousandths) with as many decimals as they
 *                    need, at least `min_dec` (82580 -> 82.58)
 *   PP_FIELD_PCT     a percentage (thousandths) at the file's precision
 *   PP_FIELD_FIGURE  points (thousandths) as a plain number only, with as
 *                    many decimals as they need and no NAME-text: the
 *                    per-criterion figures, hundreds of thousands in a
 *                    national file (templates format the few they print)
 *
 * A points or percentage field NAME is given twice: NAME, a number (the
 * XML: a plain dot decimal; a bound row: the number itself), and
 * NAME-text, in Vietnamese form ("87,49"), the same text in both
 * channels. Two tables: a unit's own fields (pp_unit_fields: attributes
 * of <unit>, fields of unit records) and the fields of each of its
 * fields (lĩnh vực; pp_field_fields: attributes of <field> in <unit>,
 * fields NAME:F of unit records, F the field's id, whose text is
 * NAME-text:F). A third, pp_score_fields, holds the fields of a unit's
 * score of one leaf criterion: attributes of <score> in <unit>, fields
 * NAME:C of unit records (C the criterion's id) and, for a leaf, the
 * fields of the same names of criterion records (the `criteria` source).
 * A fourth, pp_subtotal_fields, holds the exact subtotals of a unit's
 * parent criterion: attributes of <subtotal> in <unit>, and the fields
 * of a parent's criterion record; its total is `achieved` in the XML
 * and `final` in the records, where one row template serves the leaves
 * (whose `final` is their score's) and the parents.
 * A name means the same in every channel: `self` is the self-assessed
 * points only when the unit gave them (a template that shows the final
 * points instead writes that fallback itself, docs/workbook.md).
 * tests/unit/test_fields.c checks that docs/results.md and
 * docs/workbook.md document every field and no other.
 */
#ifndef PARPACK_FIELDS_H
#define PARPACK_FIELDS_H

#include "core/previous.h"
#include "core/score.h"

#include <stddef.h>

typedef enum {
    PP_FIELD_TEXT, PP_FIELD_INT, PP_FIELD_POINTS, PP_FIELD_PCT,
    PP_FIELD_FIGURE
} pp_field_type;

/* What a getter reads: the unit `unit` of m and r (and for
 * pp_field_fields its field `field`, an index into m->fields; for
 * pp_score_fields its leaf `leaf`, an index into m->leaves, and last
 * year's file matched in `pv`, which may be NULL). `slugs` and `seq`
 * (per unit: 1-based place in r->order) may be NULL; `buf` holds a text
 * made for the last field read. */
typedef struct {
    const pp_model *m;
    const pp_results *r;
    int unit;
    int field;
    int leaf;
    const pp_prev_map *pv;
    const pp_subtotals *sub; /* pp_subtotal_fields: the unit's subtotals */
    int crit;                /* pp_subtotal_fields: the parent, an index
                                into m->criteria */
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
    const char *xml;  /* the results XML's attribute, or NULL */
    const char *rows; /* the bound rows' field, or NULL */
    pp_field_type type;
    int min_dec; /* PP_FIELD_POINTS: at least this many decimals */
    void (*get)(pp_field_ctx *c, pp_field_value *v);
} pp_field;

/* The tables, in the order of the results XML's attributes. */
extern const pp_field pp_unit_fields[];
extern const size_t pp_unit_nfields;
extern const pp_field pp_field_fields[];
extern const size_t pp_field_nfields;
extern const pp_field pp_score_fields[];
extern const size_t pp_score_nfields;
extern const pp_field pp_subtotal_fields[];
extern const size_t pp_subtotal_nfields;

/* Does the field have a NAME-text (points and percentages)? */
int pp_field_has_text(const pp_field *f);

/* The decimals to show for value x (thousandths) of a points or
 * percentage field: its text policy. */
int pp_field_decimals(const pp_field *f, const pp_model *m, long long x);

/* The bound rows' field of table t (n entries) called `name`, or -1;
 * *text is set when the name is a points or percentage field's
 * NAME-text. For pp_field_fields, `name` is the part before the field
 * id, colon included ("pct-text:"); for pp_score_fields too ("self:"),
 * and a criterion record's leaf field is its name without the colon. */
int pp_field_find(const pp_field *t, size_t n, const char *name, int *text);

#endif
