/* diag.c - the diagnostics list (see diag.h). */
#include "base/diag.h"

#include "base/events.h"
#include "base/i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The path said instead of another (pp_diag_alias): process-wide. */
static char S_alias_from[4096], S_alias_to[4096];

/* Alias; see diag.h. */
void pp_diag_alias(const char *from, const char *to)
{
    if (!from || !to || !*from || strlen(from) >= sizeof S_alias_from ||
        strlen(to) >= sizeof S_alias_to) {
        S_alias_from[0] = S_alias_to[0] = 0;
        return;
    }
    memcpy(S_alias_from, from, strlen(from) + 1);
    memcpy(S_alias_to, to, strlen(to) + 1);
}

/* s with every S_alias_from replaced by S_alias_to (malloc'd; s itself
 * freed when replaced), or s. */
static char *S_unalias(char *s)
{
    size_t fl = strlen(S_alias_from), tl = strlen(S_alias_to), n = 0;
    const char *p;
    char *out, *o;
    if (!s || !fl)
        return s;
    for (p = s; (p = strstr(p, S_alias_from)) != NULL; p += fl)
        n++;
    if (!n || !(out = malloc(strlen(s) + n * tl + 1)))
        return s;
    for (o = out, p = s;;) {
        const char *hit = strstr(p, S_alias_from);
        size_t k = hit ? (size_t)(hit - p) : strlen(p);
        memcpy(o, p, k);
        o += k;
        if (!hit)
            break;
        memcpy(o, S_alias_to, tl);
        o += tl;
        p = hit + fl;
    }
    *o = 0;
    free(s);
    return out;
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
    it->message = S_unalias(it->message);
    it->file = S_unalias(S_strdup(file));
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

/* Colour on out; see diag.h. */
int pp_diag_colour(FILE *out)
{
    const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
    if (no && *no)
        return 0;
    if (term && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(fileno(out));
}

/* Edit distance; see diag.h. Optimal string alignment: three rows. */
size_t pp_diag_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i, j;
    size_t r0[64], r1[64], r2[64], *pp = r0, *prev = r1, *cur = r2;
    if (la > 63 || lb > 63)
        return SIZE_MAX;
    for (j = 0; j <= lb; j++)
        prev[j] = j;
    for (i = 1; i <= la; i++) {
        size_t *t;
        cur[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] != b[j - 1], v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (prev[j - 1] + cost < v)
                v = prev[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1; /* two neighbours swapped */
            cur[j] = v;
        }
        t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb];
}

/* The nearest name; see diag.h. */
const char *pp_diag_suggest(const char *typed, const char *const *names,
                            size_t n)
{
    const char *best = NULL;
    size_t i, dbest = SIZE_MAX, len = strlen(typed);
    int tie = 0;
    for (i = 0; i < n; i++) {
        size_t dist = pp_diag_distance(typed, names[i]);
        if (dist == 0)
            return NULL; /* the name itself: nothing to suggest */
        if (dist < dbest) {
            dbest = dist;
            best = names[i];
            tie = 0;
        } else if (dist == dbest && best && strcmp(best, names[i]) != 0) {
            tie = 1;
        }
    }
    if (!best || tie || dbest > 2 || dbest * 2 >= len)
        return NULL;
    return best;
}

/* Print every item in the FILE:LINE:COL: severity: message form; the
 * severity in colour on a terminal (pp_diag_colour), as gcc does. */
void pp_diags_print(const pp_diags *d, FILE *out)
{
    size_t i;
    int colour = d->len && pp_diag_colour(out);
    for (i = 0; i < d->len; i++) {
        const pp_diag *it = &d->items[i];
        /* TRANSLATORS: FILE:LINE:COL: error: MESSAGE; editors jump to
         * the position, which stays as it is */
        const char *word = it->severity == PP_ERROR ? _("error")
                                                    : _("warning");
        char sev[96];
        if (it->severity == PP_ERROR)
            pp_event("error", it->message, NULL);
        if (colour)
            snprintf(sev, sizeof sev, "%s%s\033[0m",
                     it->severity == PP_ERROR ? "\033[1;31m" : "\033[1;35m",
                     word);
        else
            snprintf(sev, sizeof sev, "%s", word);
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
