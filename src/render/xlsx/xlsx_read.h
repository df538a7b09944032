/*
 * xlsx_read.h - reading the cells of an XLSX workbook, whichever program
 * wrote it (parpack, Excel, LibreOffice, WPS Office, Google Sheets):
 * shared or inline strings, numbers, booleans, formulas' cached values,
 * cells without an address, defined names, many sheets.
 *
 * The archive goes through zip.h (bounded: entry count, per-part size);
 * each part is streamed through libxml2's reader with no DTD, no entity
 * substitution and no network, so a zip bomb, a 1 GB sheet or an XML
 * bomb is refused quickly with a message, never read whole.
 *
 *     char err[256];
 *     pp_xbook *b = pp_xbook_open("f.xlsx", err, sizeof err);
 *     for (i = 0; i < pp_xbook_nsheets(b); i++)
 *         pp_xbook_sheet_read(b, i, on_cell, ctx, err, sizeof err);
 *     pp_xbook_close(b);
 *
 * Ownership: the book owns every string it gives; a cell's text is valid
 * only during the callback.
 */
#ifndef PARPACK_XLSX_READ_H
#define PARPACK_XLSX_READ_H

#include <stddef.h>

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
    int formula;        /* the value is a formula's cached result */
} pp_xcell;

/* Called for every cell with a value, in the sheet's order; return 0 to
 * go on, anything else to stop reading (pp_xbook_sheet_read returns it). */
typedef int (*pp_xcell_fn)(void *ctx, const pp_xcell *c);

/* Open a workbook: its sheets, defined names and shared strings. NULL
 * with a message in err when it is not a readable XLSX file. */
pp_xbook *pp_xbook_open(const char *path, char *err, size_t cap);
void pp_xbook_close(pp_xbook *b);

size_t pp_xbook_nsheets(const pp_xbook *b);
const char *pp_xbook_sheet_name(const pp_xbook *b, size_t i);

/* A workbook-wide defined name's formula ("'Phiếu'!$B$4"), or NULL. */
const char *pp_xbook_defined(const pp_xbook *b, const char *name);

/* Read sheet i, calling fn for each cell. Returns 0, what fn returned,
 * or -1 with a message in err (damaged part, a limit passed). */
int pp_xbook_sheet_read(pp_xbook *b, size_t i, pp_xcell_fn fn, void *ctx,
                        char *err, size_t cap);

/* A sheet's limits (ECMA-376, as Excel and LibreOffice): rows 1 to
 * 1,048,576, columns A to XFD. A cell or row outside them is an error. */
#define PP_XLSX_MAX_ROWS 1048576
#define PP_XLSX_MAX_COLS 16384

/* "B4" or "$B$4" into 0-based row and column; 0, or -1 when not a cell. */
int pp_xcell_parse(const char *ref, long *row, long *col);

#endif
