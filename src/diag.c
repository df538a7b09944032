/* diag.c - the diagnostics list (see diag.h). */
#include "parpack/diag.h"

#include "i18n.h"

#include <stdlib.h>
#include <string.h>

static char *S_strdup(const char *s)
{
    size_t n;
    char *p;
    if (!s)
        return NULL;
    n = strlen(s) + 1;
    p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

/* Append a diagnostic whose format is already in the reader's language. */
static void S_vadd(pp_diags *d, pp_severity sev, const char *file, long line,
                   long col, const char *fmt, va_list ap)
{
    pp_diag *it;
    va_list ap2;
    int n;

    if (d->len == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        pp_diag *items = realloc(d->items, cap * sizeof *items);
        if (!items)
            return; /* out of memory: the diagnostic is lost, not the run */
        d->items = items;
        d->cap = cap;
    }
    it = &d->items[d->len];
    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    it->message = malloc((size_t)n + 1);
    if (!it->message)
        return;
    vsnprintf(it->message, (size_t)n + 1, fmt, ap);
    it->file = S_strdup(file);
    it->where = NULL;
    it->line = line;
    it->col = col;
    it->severity = sev;
    d->len++;
    if (sev == PP_ERROR)
        d->errors++;
    else
        d->warnings++;
}

/* Append a diagnostic, its format translated (the msgid is English:
 * xgettext extracts it with --keyword=pp_diag_add:6 and the others). */
void pp_diag_vadd(pp_diags *d, pp_severity sev, const char *file, long line,
                  long col, const char *fmt, va_list ap)
{
    S_vadd(d, sev, file, line, col, dgettext(PP_TEXTDOMAIN, fmt), ap);
}

/* Append one untranslated message as it is. */
static void S_add(pp_diags *d, pp_severity sev, const char *file, long line,
                  long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static void S_add(pp_diags *d, pp_severity sev, const char *file, long line,
                  long col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    S_vadd(d, sev, file, line, col, fmt, ap);
    va_end(ap);
}

/* Append a diagnostic (printf-style). */
void pp_diag_add(pp_diags *d, pp_severity sev, const char *file, long line,
                 long col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pp_diag_vadd(d, sev, file, line, col, fmt, ap);
    va_end(ap);
}

/* Column letters; see diag.h. */
char *pp_col_letters(char buf[8], long col)
{
    char tmp[8];
    int k = 0, n = 0;
    do {
        tmp[k++] = (char)('A' + col % 26);
        col = col / 26 - 1;
    } while (col >= 0 && k < 7);
    while (k)
        buf[n++] = tmp[--k];
    buf[n] = 0;
    return buf;
}

/* Append a diagnostic at a spreadsheet cell; see diag.h. */
void pp_diag_cell(pp_diags *d, pp_severity sev, const char *file,
                  const char *sheet, long row, long col, const char *fmt, ...)
{
    va_list ap;
    char where[160], letters[8] = "";
    size_t before = d->len;
    if (col >= 0)
        pp_col_letters(letters, col);
    if (row < 0)
        snprintf(where, sizeof where, "%s", sheet ? sheet : "");
    else
        snprintf(where, sizeof where, "%s!%s%ld", sheet ? sheet : "",
                 letters, row + 1);
    va_start(ap, fmt);
    pp_diag_vadd(d, sev, file, row + 1, col + 1, fmt, ap);
    va_end(ap);
    if (d->len > before)
        d->items[d->len - 1].where = S_strdup(where);
}

/* A library message, trimmed; see diag.h. */
char *pp_diag_message(char *buf, size_t cap, const char *msg)
{
    size_t n;
    snprintf(buf, cap, "%s", msg ? msg : _("error"));
    n = strlen(buf);
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
        buf[--n] = 0;
    return buf;
}

static int S_cmp(const pp_diag *a, const pp_diag *b)
{
    int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");
    if (c)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return 0;
}

/* Stable insertion sort: lists are short and mostly in order already. */
void pp_diags_sort(pp_diags *d)
{
    size_t i, j;
    for (i = 1; i < d->len; i++) {
        pp_diag t = d->items[i];
        for (j = i; j > 0 && S_cmp(&d->items[j - 1], &t) > 0; j--)
            d->items[j] = d->items[j - 1];
        d->items[j] = t;
    }
}

/* Print every item in the FILE:LINE:COL: severity: message form. */
void pp_diags_print(const pp_diags *d, FILE *out)
{
    size_t i;
    for (i = 0; i < d->len; i++) {
        const pp_diag *it = &d->items[i];
        /* TRANSLATORS: FILE:LINE:COL: error: MESSAGE; editors jump to
         * the position, which stays as it is */
        const char *sev = it->severity == PP_ERROR ? _("error")
                                                   : _("warning");
        if (it->file && it->where)
            fprintf(out, "%s:%s: %s: %s\n", it->file, it->where, sev,
                    it->message);
        else if (it->file && it->line > 0)
            fprintf(out, "%s:%ld:%ld: %s: %s\n", it->file, it->line,
                    it->col > 0 ? it->col : 1, sev, it->message);
        else if (it->file)
            fprintf(out, "%s: %s: %s\n", it->file, sev, it->message);
        else
            fprintf(out, "parpack: %s: %s\n", sev, it->message);
    }
}

/* Move all of src onto dst. */
void pp_diags_move(pp_diags *dst, pp_diags *src)
{
    size_t i;
    for (i = 0; i < src->len; i++) {
        pp_diag *it = &src->items[i];
        size_t before = dst->len;
        S_add(dst, it->severity, it->file, it->line, it->col, "%s",
              it->message);
        if (dst->len > before && it->where)
            dst->items[dst->len - 1].where = S_strdup(it->where);
    }
    pp_diags_free(src);
}

/* Free every item and the list's storage. */
void pp_diags_free(pp_diags *d)
{
    size_t i;
    for (i = 0; i < d->len; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
        free(d->items[i].where);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}
