/*
 * xlsx_read.h - reading the cells of an XLSX workbook, whichever program
 * wrote it (parpack, Excel, LibreOffice, WPS Office, Google Sheets):
 * shared or inline strings, numbers, booleans, formulas' cached values,
 * cells without an address, defined names, many sheets.
 *
 * The archive goes through zip.h (bounded: entry count, per-part size);
 * each part is streamed through libxml2's reader with no DTD, no entity
 * substitution and no network, so a zip bomb, a 1 GB sheet or an XML
 * bomb is refused quickly with a message in the diagnostics list
 * (diag.h), never read whole.
 *
 *     pp_xbook *b;
 *     if (pp_xbook_open("f.xlsx", &b, d) != PP_OK) ...
 *     for (i = 0; i < pp_xbook_nsheets(b); i++)
 *         if (pp_xbook_sheet_read(b, i, on_cell, ctx, d) != PP_OK) ...
 *     pp_xbook_close(b);
 *
 * Ownership: the book owns every string it gives; a cell's text is valid
 * only during the callback.
 */
#ifndef PARPACK_XLSX_READ_H
#define PARPACK_XLSX_READ_H

#include <stddef.h>

#include "base/diag.h"
#include "base/status.h"

typedef struct pp_xbook pp_xbook;

typedef enum {
    PP_XC_NUMBER = 1, /* text: the number as written ("0.75", "1E-3") */
    PP_XC_STRING,     /* text: the string (shared, inline or a formula's) */
    PP_XC_BOOL,       /* text: "0" or "1" */
    PP_XC_ERROR       /* text: "#DIV/0!" … */
} pp_xcell_kind;

typedef struct {
    long row, col;      /* 0-based */
    pp_xcell_kind kind;
    const char *text;   /* never NULL */
    int formula;        /* the value is a formula's cached result; text
                           is "" for a formula never calculated (a
                           workbook saved by a program that does not
                           compute: openpyxl, a script) */
} pp_xcell;

/* Called for every cell with a value or a formula, in the sheet's order; return 0 to
 * go on, anything else to stop reading (ctx says why: the reading itself
 * succeeded). */
typedef int (*pp_xcell_fn)(void *ctx, const pp_xcell *c);

/* Open a workbook into *out: its sheets, defined names and shared
 * strings. PP_OK; else *out is NULL and the message is in d: PP_E_INPUT
 * when it is not a readable XLSX file, PP_E_NOMEM. */
pp_status pp_xbook_open(const char *path, pp_xbook **out, pp_diags *d);
void pp_xbook_close(pp_xbook *b);

size_t pp_xbook_nsheets(const pp_xbook *b);
const char *pp_xbook_sheet_name(const pp_xbook *b, size_t i);

/* A workbook-wide defined name's formula ("'Phiếu'!$B$4"), or NULL. */
const char *pp_xbook_defined(const pp_xbook *b, const char *name);

/* Read sheet i, calling fn for each cell. PP_OK (to its end, or until
 * fn stopped it), or PP_E_INPUT (a damaged part, a limit passed) or
 * PP_E_NOMEM with the message in d. */
pp_status pp_xbook_sheet_read(pp_xbook *b, size_t i, pp_xcell_fn fn,
                              void *ctx, pp_diags *d);

/* A sheet's limits (ECMA-376, as Excel and LibreOffice): rows 1 to
 * 1,048,576, columns A to XFD. A cell or row outside them is an error. */
#define PP_XLSX_MAX_ROWS 1048576
#define PP_XLSX_MAX_COLS 16384

/* "B4" or "$B$4" into 0-based row and column; 0, or -1 when not a cell. */
int pp_xcell_parse(const char *ref, long *row, long *col);

#endif
