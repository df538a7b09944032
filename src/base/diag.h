/*
 * diag.h - diagnostics: every problem found in an input or a template,
 * collected as values and printed together.
 *
 * Nothing in parpack prints an error and exits from deep inside: loaders,
 * the template engine and the renderers append to a pp_diags list and
 * return a failure; main.c prints the whole list and picks the exit code.
 *
 * Ownership: the list owns copies of every string given to it.
 *
 *     pp_diags d = {0};
 *     pp_diag_error(&d, "a.xml", 12, 5, "unit '%s': ...", id);
 *     pp_diags_print(&d, stderr);
 *     pp_diags_free(&d);
 */
#ifndef PARPACK_DIAG_H
#define PARPACK_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { PP_WARNING = 1, PP_ERROR = 2 } pp_severity;

typedef struct {
    char *file;    /* may be NULL for problems not tied to a file */
    long line;     /* 0 when unknown */
    long col;      /* 0 when unknown */
    pp_severity severity;
    char *message;
    char *where;   /* a spreadsheet position "SHEET!CELL" printed instead
                      of LINE:COL (line, col then hold its row and column
                      for sorting), or NULL */
} pp_diag;

typedef struct {
    pp_diag *items;
    size_t len, cap;
    size_t errors, warnings;
} pp_diags;

/* Append one diagnostic; the message is printf-formatted. */
void pp_diag_add(pp_diags *d, pp_severity sev, const char *file, long line,
                 long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void pp_diag_vadd(pp_diags *d, pp_severity sev, const char *file, long line,
                  long col, const char *fmt, va_list ap);

#define pp_diag_error(d, file, line, col, ...) \
    pp_diag_add((d), PP_ERROR, (file), (line), (col), __VA_ARGS__)
#define pp_diag_warning(d, file, line, col, ...) \
    pp_diag_add((d), PP_WARNING, (file), (line), (col), __VA_ARGS__)

/* Append one diagnostic at a spreadsheet cell: printed as
 * "FILE:SHEET!CELL: error: MESSAGE". row and col are 0-based; col < 0
 * for a whole row ("SHEET!12"), row < 0 too for the sheet ("SHEET"). */
void pp_diag_cell(pp_diags *d, pp_severity sev, const char *file,
                  const char *sheet, long row, long col, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* A spreadsheet column's letters, 0-based: 0 -> "A", 27 -> "AB" (at
 * most 7 letters). The one column-letter function: diagnostics at a cell
 * and the templates' pp:cell(). Returns buf. */
char *pp_col_letters(char buf[8], long col);

/* Copy a library's message into buf without its trailing newline and
 * spaces (libxml2 ends its messages with "\n"). Returns buf. */
char *pp_diag_message(char *buf, size_t cap, const char *msg);

/* Say `to` wherever a diagnostic added from now on (its file or its
 * message) would say `from`: the staging folder (stage.h) is named as the
 * folder the user gave. Process-wide, inherited by forked workers; NULL
 * (or "") for from ends it. */
void pp_diag_alias(const char *from, const char *to);

/* Sort by file, line, column (stable), so output follows the input. */
void pp_diags_sort(pp_diags *d);

/* Print every diagnostic as "FILE:LINE:COL: error: MESSAGE". */
void pp_diags_print(const pp_diags *d, FILE *out);

/* Whether diagnostics printed on `out` are coloured: a terminal, with
 * NO_COLOR unset or empty and TERM not "dumb" (https://no-color.org). */
int pp_diag_colour(FILE *out);

/* The edits (insert, delete, replace a byte, swap two neighbours) that
 * turn a into b: the distance git's "did you mean" measures. Words of
 * more than 63 bytes are as far as can be (SIZE_MAX). */
size_t pp_diag_distance(const char *a, const char *b);

/* The one of the n names nearest to `typed`, when it is near enough to
 * be a slip of the fingers (at most 2 edits, fewer than half of the
 * word's length, and nearer than any other name), else NULL. */
const char *pp_diag_suggest(const char *typed, const char *const *names,
                            size_t n);

/* Move every item of src to the end of dst; src is left empty. */
void pp_diags_move(pp_diags *dst, pp_diags *src);

void pp_diags_free(pp_diags *d);

#endif
