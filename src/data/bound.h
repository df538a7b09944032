/*
 * bound.h - bound rows, shared by the renderers (xlsx.c, pdf/render.c):
 * a <rows source key mark> element opened on a pp_data_source, and its cell
 * templates compiled once and evaluated for every record:
 *
 *   <CELL field="NAME" v="LITERAL" if="TERMS" unless="TERMS">
 *     text <field name="NAME" add="K" plus="NAME"/> text
 *   </CELL>
 *
 * With capital="true" the cell's text starts with a capital letter.
 * A term is NAME (the field is present: a number, or a text neither empty
 * nor "false") or NAME=VALUE; `if` holds when every term does, `unless`
 * when none does. Pseudo-fields: `row` (the record's 1-based row, from
 * the `first` given at opening), `pos` (its 1-based place in the source),
 * `marked` (its id equals the mark of <rows>). A name the source has not
 * is reported once (file, description line, name) and makes the whole
 * rendering fail (exit 4): a template's mistake never yields a half-empty
 * table. Private to the renderers.
 */
#ifndef PARPACK_BOUND_H
#define PARPACK_BOUND_H

#include "base/diag.h"
#include "data/source.h"

#include <libxml/tree.h>
#include <stddef.h>

#define PP_BOUND_MAXCOND 4

typedef struct {
    const pp_data_source *src;
    void *cur;
    long count;
    long first;       /* 0-based row of record 0 (the `row` pseudo-field) */
    const char *mark; /* <rows mark>, or NULL */
    int mark_field;   /* the source's id field, or -1 */
    pp_diags *d;
    const char *path, *what; /* for messages: output file, "workbook" */
    int comma;        /* numbers in content with a decimal comma (set
                         by a renderer of documents) */
    int bad;          /* an error was reported */
} pp_bound;

typedef struct {
    const char *lit; /* literal text, or NULL for a field */
    int field, plus; /* field handle; plus: another field or none */
    long add;
} pp_bound_piece;

typedef struct {
    xmlNodePtr node;  /* the template element (its other attributes) */
    const char *v;    /* literal value, or NULL */
    int vfield;       /* value from a field, or none */
    int cond[2][PP_BOUND_MAXCOND]; /* if, unless */
    char *eq[2][PP_BOUND_MAXCOND]; /* their "=VALUE" parts, or NULL */
    pp_bound_piece *pieces;        /* the content */
    int npieces;
    int capital;      /* capital="true": the text's first letter upper
                         case (a unit's label "huyện Kỳ Anh" starting a
                         cell reads "Huyện Kỳ Anh") */
} pp_bound_cell;

/* Open <rows> `n` on `src` (which may be NULL: then an error). Returns
 * the number of records, or -1 with the error reported and b->bad set. */
long pp_bound_open(pp_bound *b, const pp_data_source *src, xmlNodePtr n,
                   long first, pp_diags *d, const char *path,
                   const char *what);
void pp_bound_close(pp_bound *b);

/* Compile a cell template; 0, or -1 (out of memory, or an unknown
 * field: reported, b->bad set). Free with pp_bound_cell_free. */
int pp_bound_cell_compile(pp_bound *b, xmlNodePtr c, pp_bound_cell *tc);
void pp_bound_cell_free(pp_bound_cell *tc);

/* Do the cell's if/unless hold for record rec? */
int pp_bound_cell_holds(pp_bound *b, const pp_bound_cell *tc, long rec);

/* The cell's value for record rec: its field's, else its literal `v`
 * (as a text), else absent. */
void pp_bound_cell_value(pp_bound *b, const pp_bound_cell *tc, long rec,
                         pp_value *v);

/* The cell's content for record rec into buf: literal text and fields
 * (numbers with add/plus arithmetic, as pp_bound_numtext writes them,
 * with b->comma). */
const char *pp_bound_cell_text(pp_bound *b, const pp_bound_cell *tc,
                               long rec, char *buf, size_t cap);

/* The cell's text for record rec, copied into buf: its field's value (a
 * number as pp_bound_numtext writes it, with b->comma), else its literal
 * `v` when it has no content, else its content (pp_bound_cell_text);
 * with `capital`, its first letter upper case. NULL when its field is
 * absent. */
const char *pp_bound_cell_string(pp_bound *b, const pp_bound_cell *tc,
                                 long rec, char *buf, size_t cap);

/* A value read as a number (a cell's): its thousandths divided once, a
 * text parsed, an absent value 0. */
double pp_bound_vnum(const pp_value *v);

/* A number (thousandths) as text: an integer as such, else up to 3
 * decimals with a dot (formulas, conditions); `comma` writes a Vietnamese
 * decimal comma. */
int pp_bound_numtext(char *buf, size_t cap, int64_t milli, int comma);

#endif
