/* import.c - `parpack import`: filled forms back into the appraisal
 * (forms.h). */
#define _GNU_SOURCE /* strcasecmp, fileno */
#include "packet/forms.h"
#include "core/score.h"
#include "core/xmlin.h"
#include "base/viet.h"
#include "render/xlsx/xlsx_read.h"
#include "base/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_CELLS 500000L  /* per sheet; a form has about a thousand */
#define MAX_FILES 100000
#define MAX_NOTE 2000 /* characters: the appraisal format's texts
                         (schemas/appraisal.xsd, "text"), which check
                         holds the written file to */

/* One cell kept from a sheet. */
typedef struct {
    long row, col;
    pp_xcell_kind kind;
    int formula;
    char *text;
} S_xc;

typedef struct {
    S_xc *v;
    size_t n, cap;
    int stop; /* why S_keep stopped the reading: 2 too many, 3 memory */
} S_cells;

/* A unit's score of one leaf, as read. */
typedef struct {
    pp_milli self, appr;
    unsigned char has_self, has_appr, na;
    char *note;
} S_sc;

typedef struct {
    const pp_model *m;
    pp_diags *d;
    pp_unit_ref *by_id;
    S_sc *sc;          /* nunits x nleaves */
    char **form_of;    /* per unit: the form that gave its scores */
    char *issuer;      /* the blank's issuer, NFC */
    struct S_inode {
        dev_t dev;
        ino_t ino;
    } *seen;           /* folders walked and forms listed: a link back
                          (units/loop -> ..) or a file named twice is
                          read once, not taken for a unit's second form */
    size_t nseen, capseen;
} S_imp;

/* ---------------------------------------------------------------------
 * Score cells.
 */

/* Skip spaces, tabs, line breaks and no-break spaces (U+00A0, U+202F). */
static const char *S_skip(const char *s)
{
    for (;;) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        else if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
            s += 2;
        else if ((unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
                 (unsigned char)s[2] == 0xaf)
            s += 3;
        else
            return s;
    }
}

/* A copy of s without the spaces around it. */
static char *S_trim(const char *s)
{
    const char *a = S_skip(s ? s : "");
    size_t n = strlen(a);
    char *r;
    while (n) {
        const char *e = a + n;
        if (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')
            n--;
        else if (n >= 2 && (unsigned char)e[-2] == 0xc2 &&
                 (unsigned char)e[-1] == 0xa0)
            n -= 2;
        else if (n >= 3 && (unsigned char)e[-3] == 0xe2 &&
                 (unsigned char)e[-2] == 0x80 && (unsigned char)e[-1] == 0xaf)
            n -= 3;
        else
            break;
    }
    r = malloc(n + 1);
    if (r) {
        memcpy(r, a, n);
        r[n] = 0;
    }
    return r;
}

/* See forms.h. */
int pp_form_score_parse(const char *text, pp_milli *out)
{
    char *t = S_trim(text), *p;
    int neg = 0, commas = 0, dots = 0, rc;
    pp_milli v = 0;
    if (!t)
        return -1;
    if (!*t) {
        free(t);
        return 0;
    }
    if (strcasecmp(t, "KAD") == 0) {
        free(t);
        return 2;
    }
    for (p = t; *p; p++) {
        commas += *p == ',';
        dots += *p == '.';
    }
    /* one decimal comma, the Vietnamese way; never both marks (1.000,5) */
    if (commas > 1 || (commas && dots)) {
        free(t);
        return -1;
    }
    if ((p = strchr(t, ',')))
        *p = '.';
    p = t;
    if (*p == '-') {
        neg = 1;
        p++;
    }
    rc = pp_milli_parse(p, &v);
    free(t);
    if (rc == -3)
        return -2;
    if (rc != 0)
        return -1;
    *out = neg ? -v : v;
    return 1;
}

/* A cell's points: as pp_form_score_parse, for any kind of cell; -3 for
 * a formula that was never calculated (no value to read: never taken
 * for an empty cell, which would drop the council's figure silently). */
static int S_cell_score(const S_xc *c, pp_milli *out)
{
    if (!c)
        return 0;
    if (c->formula && !*c->text)
        return -3;
    if (c->kind == PP_XC_NUMBER) {
        char *end;
        double x = strtod(c->text, &end), k;
        if (end == c->text || !isfinite(x) || fabs(x) > 1e12)
            return -1;
        k = nearbyint(x * 1000.0);
        if (fabs(x * 1000.0 - k) > 1e-6 * (fabs(k) > 1 ? fabs(k) : 1))
            return -2;
        *out = (pp_milli)k;
        return 1;
    }
    if (c->kind == PP_XC_STRING)
        return pp_form_score_parse(c->text, out);
    return -1;
}

/* ---------------------------------------------------------------------
 * Reading a sheet.
 */

static int S_keep(void *ctx, const pp_xcell *x)
{
    S_cells *cs = ctx;
    S_xc *c;
    if (!*x->text && !x->formula)
        return 0; /* a formula never calculated is kept: see S_cell_score */
    if ((long)cs->n >= MAX_CELLS)
        return cs->stop = 2;
    if (cs->n == cs->cap) {
        size_t cap = cs->cap ? cs->cap * 2 : 1024;
        S_xc *v = realloc(cs->v, cap * sizeof *v);
        if (!v)
            return cs->stop = 3;
        cs->v = v;
        cs->cap = cap;
    }
    c = &cs->v[cs->n];
    c->text = strdup(x->text);
    if (!c->text)
        return cs->stop = 3;
    c->row = x->row;
    c->col = x->col;
    c->kind = x->kind;
    c->formula = x->formula;
    cs->n++;
    return 0;
}

static void S_cells_free(S_cells *cs)
{
    size_t i;
    for (i = 0; i < cs->n; i++)
        free(cs->v[i].text);
    free(cs->v);
    memset(cs, 0, sizeof *cs);
}

static int S_cmp_cell(const void *a, const void *b)
{
    const S_xc *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->col < y->col ? -1 : x->col > y->col;
}

/* The cell at row, col, or NULL (cells sorted). */
static const S_xc *S_at(const S_cells *cs, long row, long col)
{
    size_t lo = 0, hi = cs->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const S_xc *c = &cs->v[mid];
        if (c->row < row || (c->row == row && c->col < col))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < cs->n && cs->v[lo].row == row && cs->v[lo].col == col
               ? &cs->v[lo]
               : NULL;
}

/* A heading's text, lower case and trimmed, compared with a word. */
static int S_heading(const S_xc *c, const char *lower_word, int prefix)
{
    char *t, *l;
    int r;
    if (!c || c->kind != PP_XC_STRING)
        return 0;
    t = S_trim(c->text);
    l = t ? pp_lower(t) : NULL;
    r = l && (prefix ? strncmp(l, lower_word, strlen(lower_word)) == 0
                     : strcmp(l, lower_word) == 0);
    free(t);
    free(l);
    return r;
}

/* The columns of a form, found by their headings. */
typedef struct {
    long row;                         /* the heading row, -1 when none */
    long code, self, appr, note;      /* columns, -1 when absent */
} S_cols;

static void S_find_heading(const S_cells *cs, S_cols *k)
{
    size_t i, j;
    k->row = -1;
    for (i = 0; i < cs->n && k->row < 0; i = j) {
        long row = cs->v[i].row;
        S_cols t = {row, -1, -1, -1, -1};
        for (j = i; j < cs->n && cs->v[j].row == row; j++) {
            const S_xc *c = &cs->v[j];
            if (t.code < 0 && S_heading(c, "mã", 0))
                t.code = c->col;
            else if (t.self < 0 && S_heading(c, "tự đánh giá", 1))
                t.self = c->col;
            else if (t.appr < 0 && S_heading(c, "thẩm định", 1))
                t.appr = c->col;
            else if (t.note < 0 && S_heading(c, "ghi chú", 1))
                t.note = c->col;
        }
        if (t.code >= 0 && (t.self >= 0 || t.appr >= 0))
            *k = t;
    }
}

/* A label's value: the first cell right of a cell reading `label`. */
static const S_xc *S_labelled(const S_cells *cs, const char *lower_label,
                              long before_row)
{
    size_t i;
    for (i = 0; i < cs->n && cs->v[i].row < before_row; i++)
        if (S_heading(&cs->v[i], lower_label, 0)) {
            size_t j = i + 1;
            if (j < cs->n && cs->v[j].row == cs->v[i].row)
                return &cs->v[j];
            return NULL;
        }
    return NULL;
}

/* A defined name's sheet and cell: "'Phiếu chấm điểm'!$B$4". */
static int S_name_ref(const char *v, char *sheet, size_t cap, long *row,
                      long *col)
{
    const char *bang;
    size_t n = 0;
    if (!v)
        return -1;
    if (*v == '=')
        v++;
    bang = strrchr(v, '!');
    if (!bang)
        return -1;
    if (*v == '\'') {
        const char *p;
        for (p = v + 1; p < bang && n + 1 < cap; p++) {
            if (*p == '\'' && p[1] == '\'')
                p++;
            else if (*p == '\'')
                break;
            sheet[n++] = *p;
        }
    } else {
        for (; v + n < bang && n + 1 < cap; n++)
            sheet[n] = v[n];
    }
    sheet[n] = 0;
    return pp_xcell_parse(bang + 1, row, col);
}

/* ---------------------------------------------------------------------
 * One form.
 */

/* The identity cells: by defined name on this sheet, else by label. */
static const S_xc *S_ident(const pp_xbook *b, const S_cells *cs,
                           const char *sheet, const char *name,
                           const char *label, long heading, long *row,
                           long *col)
{
    char sn[256];
    const S_xc *c;
    *row = *col = -1;
    if (S_name_ref(pp_xbook_defined(b, name), sn, sizeof sn, row, col) == 0 &&
        strcmp(sn, sheet) == 0)
        return S_at(cs, *row, *col);
    c = S_labelled(cs, label, heading);
    if (c) {
        *row = c->row;
        *col = c->col;
    }
    return c;
}

/* The unit a form is for; -1 after an error. */
static int S_form_unit(S_imp *im, const char *file, const pp_xbook *b,
                       const S_cells *cs, const char *sheet, long heading)
{
    const pp_model *m = im->m;
    long r, c;
    const S_xc *x;
    char *id, *nfc;
    int u = -1, bad = 0;
    /* the year */
    x = S_ident(b, cs, sheet, "PP_YEAR", "năm", heading, &r, &c);
    if (!x) {
        pp_diag_cell(im->d, PP_ERROR, file, sheet, r, c,
                     _("the form does not give its year (the cell named "
                       "PP_YEAR, beside 'Năm'); write %d there"), m->year);
        bad = 1;
    } else if (strtol(x->text, NULL, 10) != m->year) {
        pp_diag_cell(im->d, PP_ERROR, file, sheet, r, c,
                     _("a form of the year '%s', not of %d (the blank "
                       "appraisal's year); send the unit this year's form"),
                     x->text, m->year);
        bad = 1;
    }
    /* the issuer */
    x = S_ident(b, cs, sheet, "PP_ISSUER", "cơ quan", heading, &r, &c);
    if (x) {
        char *t = S_trim(x->text);
        nfc = t ? pp_nfc(t) : NULL;
        if (!nfc || strcmp(nfc, im->issuer) != 0) {
            pp_diag_cell(im->d, PP_ERROR, file, sheet, r, c,
                         _("a form of '%s', not of '%s' (the blank "
                           "appraisal's issuer); send the unit this "
                           "issuer's form"),
                         x->text, im->issuer);
            bad = 1;
        }
        free(t);
        free(nfc);
    }
    /* the unit */
    x = S_ident(b, cs, sheet, "PP_UNIT", "mã đơn vị", heading, &r, &c);
    if (!x) {
        pp_diag_cell(im->d, PP_ERROR, file, sheet, r, c,
                     _("the form does not say which unit it is for (the "
                       "cell named PP_UNIT, beside 'Mã đơn vị'); write "
                       "the unit's id there"));
        return -1;
    }
    id = S_trim(x->text);
    nfc = id ? pp_nfc(id) : NULL;
    u = nfc ? pp_unit_index_find(im->by_id, m->nunits, nfc) : -1;
    if (u < 0) {
        pp_diag_cell(im->d, PP_ERROR, file, sheet, r, c,
                     _("a form of unit '%s', which %s does not list; import "
                       "it with the appraisal it belongs to, or add the "
                       "unit to it"),
                     x->text, m->path);
    } else if (im->form_of[u]) {
        pp_diag_cell(im->d, PP_ERROR, file, sheet, r, c,
                     _("a second form for unit '%s' (%s): %s has it "
                       "already; keep one of the two"),
                     m->units[u].id, m->units[u].name, im->form_of[u]);
        u = -1;
    } else {
        im->form_of[u] = strdup(file);
    }
    free(id);
    free(nfc);
    return bad ? -1 : u;
}

/* Report a bad score cell; 1 when it was bad. */
static int S_bad_score(S_imp *im, const char *file, const char *sheet,
                       const S_xc *x, int rc, pp_milli v,
                       const pp_criterion *cr)
{
    char b1[32], b2[32];
    if (rc == -1 && x->kind == PP_XC_BOOL)
        /* its text is "1" or "0": "'1' is not a number" said of a cell
         * that shows TRUE */
        pp_diag_cell(im->d, PP_ERROR, file, sheet, x->row, x->col,
                     _("criterion %s: the cell holds the logical value %s, "
                       "not points; write the points (1,5 or 1.5) or KAD "
                       "when it does not apply"),
                     cr->id, strcmp(x->text, "0") ? "TRUE" : "FALSE");
    else if (rc == -1)
        pp_diag_cell(im->d, PP_ERROR, file, sheet, x->row, x->col,
                     _("criterion %s: '%s' is not a number; write the points "
                       "(1,5 or 1.5) or KAD when it does not apply"),
                     cr->id, x->text);
    else if (rc == -2)
        pp_diag_cell(im->d, PP_ERROR, file, sheet, x->row, x->col,
                     _("criterion %s: '%s' has more than three decimals"),
                     cr->id, x->text);
    else if (rc == -3)
        pp_diag_cell(im->d, PP_ERROR, file, sheet, x->row, x->col,
                     _("criterion %s: the cell holds a formula that was never "
                       "calculated, so it has no points to read; type the "
                       "points, or open the form in Excel or LibreOffice and "
                       "save it again"),
                     cr->id);
    else if (rc == 1 && v < 0)
        pp_diag_cell(im->d, PP_ERROR, file, sheet, x->row, x->col,
                     _("criterion %s: %s points is negative; points go from "
                       "0 to %s"),
                     cr->id, pp_fmt_points_msg(b1, sizeof b1, v),
                     pp_fmt_points_msg(b2, sizeof b2, cr->max));
    else if (rc == 1 && v > cr->max)
        pp_diag_cell(im->d, PP_ERROR, file, sheet, x->row, x->col,
                     _("criterion %s: %s points is above its maximum of %s"),
                     cr->id, pp_fmt_points_msg(b1, sizeof b1, v),
                     pp_fmt_points_msg(b2, sizeof b2, cr->max));
    else
        return 0;
    return 1;
}

/* A typed value (not a formula's) in a score column of a row that holds
 * no leaf criterion. */
static void S_stray(S_imp *im, const char *file, const char *sheet,
                    const S_cells *cs, long row, const S_cols *k,
                    const char *code, int parent)
{
    long cols[2];
    int i;
    cols[0] = k->self;
    cols[1] = k->appr;
    for (i = 0; i < 2; i++) {
        const S_xc *x = cols[i] >= 0 ? S_at(cs, row, cols[i]) : NULL;
        if (!x || x->formula)
            continue;
        if (parent)
            pp_diag_cell(im->d, PP_ERROR, file, sheet, row, cols[i],
                         _("criterion %s has sub-criteria: its points are "
                           "their sum; score the sub-criteria instead"),
                         code);
        else if (code)
            pp_diag_cell(im->d, PP_ERROR, file, sheet, row, cols[i],
                         _("'%s' is scored, but the scheme has no criterion "
                           "'%s' (column 'Mã'); write the points in the "
                           "criterion's own row"),
                         x->text, code);
        else
            pp_diag_cell(im->d, PP_ERROR, file, sheet, row, cols[i],
                         _("'%s' is scored in a row without a criterion "
                           "code (column 'Mã'); write the points in the "
                           "criterion's own row"),
                         x->text);
    }
}

/* Rows of a form: every leaf's scores into sc (NULL: check only). */
static void S_form_rows(S_imp *im, const char *file, const char *sheet,
                        const S_cells *cs, const S_cols *k, S_sc *sc)
{
    const pp_model *m = im->m;
    long *seen = calloc(m->nleaves + 1, sizeof *seen);
    size_t i, j, l;
    if (!seen) {
        pp_diag_error(im->d, file, 0, 0, _("out of memory"));
        return;
    }
    for (i = 0; i < cs->n; i = j) {
        long row = cs->v[i].row;
        const S_xc *cc, *xs, *xa, *xn;
        char *code;
        int ci, lf, rs = 0, ra = 0, bad = 0;
        pp_milli vs = 0, va = 0;
        for (j = i; j < cs->n && cs->v[j].row == row; j++)
            ;
        if (row <= k->row)
            continue;
        cc = S_at(cs, row, k->code);
        code = cc ? S_trim(cc->text) : NULL;
        if (!code || !*code) {
            S_stray(im, file, sheet, cs, row, k, NULL, 0);
            free(code);
            continue;
        }
        ci = pp_model_criterion(m, code);
        if (ci < 0 || m->criteria[ci].leaf < 0) {
            S_stray(im, file, sheet, cs, row, k, code, ci >= 0);
            free(code);
            continue;
        }
        free(code);
        lf = m->criteria[ci].leaf;
        if (seen[lf]) {
            pp_diag_cell(im->d, PP_ERROR, file, sheet, row, k->code,
                         _("criterion %s appears twice (rows %ld and %ld); "
                           "keep one row"),
                         m->criteria[ci].id, seen[lf], row + 1);
            continue;
        }
        seen[lf] = row + 1;
        xs = k->self >= 0 ? S_at(cs, row, k->self) : NULL;
        xa = k->appr >= 0 ? S_at(cs, row, k->appr) : NULL;
        xn = k->note >= 0 ? S_at(cs, row, k->note) : NULL;
        rs = S_cell_score(xs, &vs);
        ra = S_cell_score(xa, &va);
        bad |= S_bad_score(im, file, sheet, xs, rs, vs, &m->criteria[ci]);
        bad |= S_bad_score(im, file, sheet, xa, ra, va, &m->criteria[ci]);
        if (bad)
            continue;
        if ((rs == 2 && ra == 1) || (rs == 1 && ra == 2)) {
            const S_xc *x = rs == 1 ? xs : xa;
            pp_diag_cell(im->d, PP_ERROR, file, sheet, x->row, x->col,
                         _("criterion %s is KAD (does not apply) in one "
                           "column and has points in the other; keep one"),
                         m->criteria[ci].id);
            continue;
        }
        if (rs == 0 && ra == 0) {
            long col = k->self >= 0 && m->criteria[ci].source != PP_SOURCE_SURVEY
                           ? k->self : k->appr;
            pp_diag_cell(im->d, PP_ERROR, file, sheet, row, col,
                         _("criterion %s has no score; write the points, or "
                           "KAD when it does not apply to the unit"),
                         m->criteria[ci].id);
            continue;
        }
        if (xn) {
            /* an Excel cell holds 32,767 characters; the appraisal's
             * note 2,000: a longer one here was written, then refused
             * by check (what import writes, check accepts) */
            size_t nc = 0;
            const char *p;
            for (p = xn->text; *p; p++)
                nc += ((unsigned char)*p & 0xC0) != 0x80;
            if (nc > MAX_NOTE) {
                pp_diag_cell(im->d, PP_ERROR, file, sheet, xn->row, xn->col,
                             _("criterion %s: the note is %zu characters "
                               "long; at most %d are allowed: shorten it"),
                             m->criteria[ci].id, nc, MAX_NOTE);
                continue;
            }
        }
        if (!sc)
            continue;
        sc[lf].na = rs == 2 || ra == 2;
        sc[lf].has_self = rs == 1;
        sc[lf].self = vs;
        sc[lf].has_appr = ra == 1;
        sc[lf].appr = va;
        if (xn) {
            char *t = S_trim(xn->text);
            sc[lf].note = t && *t ? pp_nfc(t) : NULL;
            free(t);
        }
    }
    for (l = 0; l < m->nleaves; l++)
        if (!seen[l]) {
            const pp_criterion *cr = &m->criteria[m->leaves[l]];
            pp_diag_cell(im->d, PP_ERROR, file, sheet, -1, -1,
                         _("the row of criterion %s (%s) is missing; copy it "
                           "back from a fresh form (parpack forms)"),
                         cr->id, cr->name);
        }
    free(seen);
}

/* What a file that cannot be read as a workbook is, by its first bytes
 * (and an OLE2 file by its streams' names), in a clerk's words with what
 * to do; NULL when it is none of the kinds known (the reader's reason is
 * said then). Read only after the reader refused it. */
static const char *S_sniff(const char *file)
{
    static const char enc[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
    unsigned char head[128];
    size_t n, i;
    const char *why = NULL;
    FILE *f = fopen(file, "rb");
    if (!f)
        return NULL;
    n = fread(head, 1, sizeof head, f);
    if (n == 0) {
        why = _("the file is empty (0 bytes): it was not saved or copied "
                "whole; ask the unit to send it again");
    } else if (n >= 8 && memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
        /* an OLE2 compound file: an .xls, or an .xlsx with a password
         * (its package encrypted in the stream "EncryptedPackage") */
        char buf[65536];
        size_t k, keep = 0, total = 0;
        int found = 0;
        rewind(f);
        while (!found && total < (64u << 20) &&
               (k = fread(buf + keep, 1, sizeof buf - keep, f)) > 0) {
            size_t len = keep + k;
            total += k;
            for (i = 0; i + sizeof enc - 1 <= len && !found; i++)
                found = memcmp(buf + i, enc, sizeof enc - 1) == 0;
            keep = len < sizeof enc ? len : sizeof enc - 1;
            memmove(buf, buf + len - keep, keep);
        }
        why = found ? _("the form is protected by a password, so it cannot "
                        "be read; open it, remove the password (File, "
                        "Protect Workbook, Encrypt with Password: leave it "
                        "empty) and save it again as .xlsx")
                    : _("the form is an Excel 97-2003 workbook (.xls), not "
                        "an .xlsx; open it and save it as 'Excel Workbook "
                        "(.xlsx)'");
    } else if (n >= 58 && memcmp(head, "PK\3\4", 4) == 0 &&
               memcmp(head + 30, "mimetype", 8) == 0 &&
               memcmp(head + 38, "application/vnd.oasis.opendocument.", 35) == 0) {
        why = _("the form is an OpenDocument file (.ods), not an .xlsx; open "
                "it and save it as 'Excel 2007-365 (.xlsx)'");
    } else if (n >= 4 && memcmp(head, "PK\3\4", 4) == 0) {
        /* a ZIP archive without its end record (the last 22 bytes, with
         * a comment of up to 65,535 after them): cut short */
        const size_t cap = 65557;
        unsigned char *tail = malloc(cap);
        long size;
        size_t k;
        int end = 0;
        if (tail && fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0) {
            long from = size > (long)cap ? size - (long)cap : 0;
            if (fseek(f, from, SEEK_SET) == 0) {
                k = fread(tail, 1, cap, f);
                for (i = 0; i + 4 <= k && !end; i++)
                    end = memcmp(tail + i, "PK\5\6", 4) == 0;
                if (!end)
                    why = _("the form is cut short (its end is missing): it "
                            "was not saved or copied whole; ask the unit "
                            "to send it again");
            }
        }
        free(tail);
    } else {
        for (i = 0; i < n && (head[i] == ' ' || head[i] == '\t' ||
                              head[i] == '\r' || head[i] == '\n' ||
                              head[i] == 0xEF || head[i] == 0xBB ||
                              head[i] == 0xBF);
             i++)
            ;
        if (i < n && head[i] == '<')
            why = _("the form is a text file (XML or a web page), not an "
                    ".xlsx workbook; open it and save it as 'Excel Workbook "
                    "(.xlsx)'");
    }
    fclose(f);
    return why;
}

/* The message of the reading that failed: the last of e. */
static const char *S_why(const pp_diags *e)
{
    return e->len ? e->items[e->len - 1].message : "";
}

/* One form file. */
static void S_form(S_imp *im, const char *file)
{
    char err[512], sn[256];
    pp_diags e = {0};
    pp_xbook *b = NULL;
    S_cells cs = {0};
    S_cols k;
    size_t s, ns, first = 0, last;
    long r, c;
    int u;
    if (pp_xbook_open(file, &b, &e) != PP_OK) {
        const char *kind = S_sniff(file);
        if (kind)
            pp_diag_error(im->d, file, 0, 0, "%s", kind);
        else
            pp_diag_error(im->d, file, 0, 0, _("cannot read the form: %s"),
                          S_why(&e));
        pp_diags_free(&e);
        return;
    }
    ns = pp_xbook_nsheets(b);
    last = ns;
    /* the sheet named by PP_UNIT, else the first that has the headings */
    if (S_name_ref(pp_xbook_defined(b, "PP_UNIT"), sn, sizeof sn, &r, &c) == 0)
        for (s = 0; s < ns; s++)
            if (strcmp(pp_xbook_sheet_name(b, s), sn) == 0) {
                first = s;
                last = s + 1;
            }
    k.row = -1;
    for (s = first; s < last && k.row < 0; s++) {
        pp_status rc;
        S_cells_free(&cs);
        rc = pp_xbook_sheet_read(b, s, S_keep, &cs, &e);
        if (rc != PP_OK || cs.stop) {
            if (cs.stop == 2)
                snprintf(err, sizeof err, _("more than %ld cells"), MAX_CELLS);
            else if (cs.stop == 3)
                snprintf(err, sizeof err, "%s", _("out of memory"));
            else
                snprintf(err, sizeof err, "%s", S_why(&e));
            pp_diag_cell(im->d, PP_ERROR, file, pp_xbook_sheet_name(b, s), -1,
                         -1, _("cannot read the sheet: %s"), err);
            goto cleanup;
        }
        if (cs.n)
            qsort(cs.v, cs.n, sizeof *cs.v, S_cmp_cell);
        S_find_heading(&cs, &k);
    }
    if (k.row < 0) {
        if (last - first == 1)
            pp_diag_cell(im->d, PP_ERROR, file, pp_xbook_sheet_name(b, first),
                         -1, -1,
                         _("no heading row with 'Mã', 'Tự đánh giá' and "
                           "'Thẩm định': the columns cannot be found"));
        else
            pp_diag_error(im->d, file, 0, 0,
                          _("no sheet of this workbook is a scoring form (a "
                            "heading row with 'Mã', 'Tự đánh giá' and 'Thẩm "
                            "định')"));
        goto cleanup;
    }
    s--;
    {
        /* neither a unit nor a year: a workbook of another kind (a
         * packet's score sheet, a summary) among the forms, not a form
         * to mend cell by cell ("write the unit's id there", "the row
         * of criterion 1.1.1 is missing", …, forty times) */
        long r1, c1;
        const char *sh = pp_xbook_sheet_name(b, s);
        if (!S_ident(b, &cs, sh, "PP_UNIT", "mã đơn vị", k.row, &r1, &c1) &&
            !S_ident(b, &cs, sh, "PP_YEAR", "năm", k.row, &r1, &c1)) {
            pp_diag_error(im->d, file, 0, 0,
                          _("this workbook is not a scoring form: it names no "
                            "unit and no year ('Mã đơn vị', 'Năm'); take it "
                            "out of the forms, or, if it is a unit's form, "
                            "ask the unit to send the form it was given"));
            goto cleanup;
        }
    }
    u = S_form_unit(im, file, b, &cs, pp_xbook_sheet_name(b, s), k.row);
    S_form_rows(im, file, pp_xbook_sheet_name(b, s), &cs, &k,
                u >= 0 ? &im->sc[(size_t)u * im->m->nleaves] : NULL);
cleanup:
    S_cells_free(&cs);
    pp_diags_free(&e);
    pp_xbook_close(b);
}

/* ---------------------------------------------------------------------
 * The list of forms.
 */
typedef struct {
    char **v;
    size_t n, cap;
} S_list;

static int S_list_add(S_list *l, const char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n] = strdup(s);
    return l->v[l->n] ? (int)l->n++ * 0 : -1;
}

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 for a name ending in .xlsx, and not a lock or hidden file. */
static int S_is_form(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && strncmp(name, "~$", 2) != 0 && n > 5 &&
           strcasecmp(name + n - 5, ".xlsx") == 0;
}

/* 1 for a spreadsheet that is not an .xlsx (a form saved as .ods, .xls,
 * …): not read, but said, so that a unit "without a form" whose form is
 * in the folder is no riddle. */
static int S_is_other_sheet(const char *name)
{
    static const char *const ext[] = {".xls", ".ods", ".xlsm", ".xlsb",
                                      ".xltx", ".fods", ".et", ".numbers",
                                      ".csv"};
    size_t n = strlen(name), i, k;
    if (name[0] == '.' || strncmp(name, "~$", 2) == 0)
        return 0;
    for (i = 0; i < sizeof ext / sizeof *ext; i++) {
        k = strlen(ext[i]);
        if (n > k && strcasecmp(name + n - k, ext[i]) == 0)
            return 1;
    }
    return 0;
}

/* 1 when the file or folder st was met already (else it is noted: 0;
 * -1 out of memory) */
static int S_seen(S_imp *im, const struct stat *st)
{
    size_t i;
    for (i = 0; i < im->nseen; i++)
        if (im->seen[i].dev == st->st_dev && im->seen[i].ino == st->st_ino)
            return 1;
    if (im->nseen == im->capseen) {
        size_t cap = im->capseen ? im->capseen * 2 : 64;
        struct S_inode *v = realloc(im->seen, cap * sizeof *v);
        if (!v)
            return -1;
        im->seen = v;
        im->capseen = cap;
    }
    im->seen[im->nseen].dev = st->st_dev;
    im->seen[im->nseen].ino = st->st_ino;
    im->nseen++;
    return 0;
}

/* Every .xlsx file under dir (its subfolders too), sorted. */
static void S_walk(S_imp *im, const char *dir, S_list *l, int depth)
{
    DIR *dd;
    struct dirent *e;
    S_list here = {0};
    size_t i;
    struct stat ds;
    if (stat(dir, &ds) == 0 && S_seen(im, &ds) != 0)
        return; /* walked already, through a link */
    dd = opendir(dir);
    if (!dd) {
        pp_diag_error(im->d, dir, 0, 0, _("cannot read the folder: %s"),
                      strerror(errno));
        return;
    }
    while ((e = readdir(dd))) {
        char path[PATH_MAX];
        struct stat st;
        if (e->d_name[0] == '.')
            continue;
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >=
                (int)sizeof path ||
            stat(path, &st) != 0)
            continue;
        if ((S_ISDIR(st.st_mode) && depth < 8) ||
            (S_ISREG(st.st_mode) && S_is_form(e->d_name))) {
            if (S_list_add(&here, path) != 0)
                break;
        } else if (S_ISREG(st.st_mode) && S_is_other_sheet(e->d_name)) {
            const char *kind = S_sniff(path);
            pp_diag_warning(im->d, path, 0, 0,
                            _("not read: only .xlsx forms are read (%s)"),
                            kind ? kind
                                 : _("if it is a unit's form, open it and "
                                     "save it as 'Excel Workbook (.xlsx)'"));
        }
    }
    closedir(dd);
    if (here.n)
        qsort(here.v, here.n, sizeof *here.v, S_cmp_str);
    for (i = 0; i < here.n; i++) {
        struct stat st;
        if (stat(here.v[i], &st) == 0 && S_ISDIR(st.st_mode))
            S_walk(im, here.v[i], l, depth + 1);
        else if (l->n < MAX_FILES && S_seen(im, &st) == 0)
            S_list_add(l, here.v[i]);
        free(here.v[i]);
    }
    free(here.v);
}

/* ---------------------------------------------------------------------
 * Writing: the blank file's bytes with every unit's scores inserted.
 */
typedef struct {
    size_t start, gt;  /* '<' of the start tag, just past its '>' */
    int empty;         /* <unit …/> */
    size_t close;      /* '<' of </unit> */
} S_utag;

/* Find every <unit> element of the text in document order: comments,
 * CDATA, processing instructions and attribute values are skipped. */
static size_t S_scan_units(const char *s, size_t len, S_utag *out, size_t cap)
{
    size_t i = 0, n = 0;
    int open = 0;
    while (i < len) {
        const char *p = s + i;
        if (*p != '<') {
            i++;
            continue;
        }
        if (strncmp(p, "<!--", 4) == 0) {
            const char *e = strstr(p + 4, "-->");
            i = e ? (size_t)(e - s) + 3 : len;
        } else if (strncmp(p, "<![CDATA[", 9) == 0) {
            const char *e = strstr(p + 9, "]]>");
            i = e ? (size_t)(e - s) + 3 : len;
        } else if (p[1] == '?' || p[1] == '!') {
            const char *e = strchr(p, '>');
            i = e ? (size_t)(e - s) + 1 : len;
        } else if (p[1] == '/') {
            if (open && strncmp(p + 2, "unit", 4) == 0 &&
                (p[6] == '>' || p[6] == ' ' || p[6] == '\t' || p[6] == '\n' ||
                 p[6] == '\r')) {
                if (n <= cap)
                    out[n - 1].close = i;
                open = 0;
            }
            p = strchr(p, '>');
            i = p ? (size_t)(p - s) + 1 : len;
        } else {
            int is_unit = strncmp(p + 1, "unit", 4) == 0 &&
                          strchr(" \t\r\n/>", p[5]) && p[5];
            char q = 0;
            size_t j = i + 1;
            for (; j < len; j++) {
                if (q) {
                    if (s[j] == q)
                        q = 0;
                } else if (s[j] == '"' || s[j] == '\'') {
                    q = s[j];
                } else if (s[j] == '>') {
                    break;
                }
            }
            if (is_unit) {
                if (n < cap) {
                    out[n].start = i;
                    out[n].gt = j + 1;
                    out[n].empty = s[j - 1] == '/';
                    out[n].close = 0;
                }
                n++;
                open = !(s[j - 1] == '/');
            }
            i = j + 1;
        }
    }
    return n;
}

/* Text escaped for an attribute value; with ascii, every character
 * beyond ASCII as a character reference (&#x1EA1;), for a blank written
 * in another encoding than UTF-8 (windows-1258): the text is UTF-8. */
static void S_attr_text(FILE *f, const char *s, int ascii)
{
    for (; *s; s++) {
        if (ascii && (unsigned char)*s >= 0x80) {
            const char *at = s;
            long c = pp_utf8_next(&s, NULL);
            fprintf(f, "&#x%lX;", c < 0 ? (unsigned long)(unsigned char)*at
                                        : (unsigned long)c);
            s--; /* the loop steps over the last byte */
            continue;
        }
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\n': fputs("&#10;", f); break;
        case '\r': fputs("&#13;", f); break;
        case '\t': fputs("&#9;", f); break;
        default: fputc(*s, f);
        }
    }
}

/* One unit's <score> lines, each after indent and ending with nl. */
static void S_scores(FILE *f, const S_imp *im, int u, const char *indent,
                     const char *nl, int ascii)
{
    const pp_model *m = im->m;
    size_t l;
    char b[32];
    for (l = 0; l < m->nleaves; l++) {
        const S_sc *s = &im->sc[(size_t)u * m->nleaves + l];
        fprintf(f, "%s<score c=\"", indent);
        S_attr_text(f, m->criteria[m->leaves[l]].id, ascii);
        fputc('"', f);
        if (!s->na && s->has_self)
            fprintf(f, " self=\"%s\"", pp_fmt_points(b, sizeof b, s->self));
        if (!s->na && s->has_appr)
            fprintf(f, " appraised=\"%s\"", pp_fmt_points(b, sizeof b, s->appr));
        if (s->note) {
            fputs(" note=\"", f);
            S_attr_text(f, s->note, ascii);
            fputc('"', f);
        }
        if (s->na)
            fputs(" na=\"true\"", f);
        fprintf(f, "/>%s", nl);
    }
}

/* The whitespace before position at on its line, when only whitespace. */
static size_t S_indent(const char *s, size_t at, size_t *line_start)
{
    size_t i = at;
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
        i--;
    *line_start = i;
    return i == 0 || s[i - 1] == '\n' ? at - i : (size_t)-1;
}

/* How the blank's text is encoded (pp_xmlin_encoding): 0 UTF-8, 1
 * another encoding that ASCII is part of (windows-1258, ISO-8859-1: the
 * scores are written in ASCII), -1 UTF-16 (the scores cannot be put into
 * its bytes). */
static int S_blank_encoding(const char *s, size_t len)
{
    switch (pp_xmlin_encoding(s, len, NULL, 0, NULL)) {
    case PP_XMLENC_UTF8:
        return 0;
    case PP_XMLENC_OTHER:
        return 1;
    default:
        return -1;
    }
}

/* Write the appraisal to f. */
static int S_emit(FILE *f, const S_imp *im, const char *s, size_t len,
                  const S_utag *t)
{
    int ascii = S_blank_encoding(s, len) == 1;
    const pp_model *m = im->m;
    const char *nl = strstr(s, "\r\n") ? "\r\n" : "\n";
    size_t pos = 0, u;
    for (u = 0; u < m->nunits; u++) {
        char ind[64], child[72];
        size_t ls, w;
        if (!im->form_of[u])
            continue; /* --partial: no form yet, the unit stays blank */
        w = S_indent(s, t[u].start, &ls);
        if (w == (size_t)-1 || w >= sizeof ind)
            w = 0;
        memcpy(ind, s + t[u].start - w, w);
        ind[w] = 0;
        snprintf(child, sizeof child, "%s%s", ind,
                 strchr(ind, '\t') ? "\t" : "  ");
        if (t[u].empty) {
            /* <unit …/> becomes <unit …> scores </unit> */
            size_t slash = t[u].gt - 2;
            fwrite(s + pos, 1, slash - pos, f);
            fprintf(f, ">%s", nl);
            S_scores(f, im, (int)u, child, nl, ascii);
            fprintf(f, "%s</unit>", ind);
            pos = t[u].gt;
        } else {
            size_t cls, cw = S_indent(s, t[u].close, &cls);
            if (cw != (size_t)-1) {
                /* before the line of </unit> */
                fwrite(s + pos, 1, cls - pos, f);
                S_scores(f, im, (int)u, child, nl, ascii);
                pos = cls;
            } else {
                fwrite(s + pos, 1, t[u].close - pos, f);
                fputs(nl, f);
                S_scores(f, im, (int)u, child, nl, ascii);
                fputs(ind, f);
                pos = t[u].close;
            }
        }
    }
    fwrite(s + pos, 1, len - pos, f);
    return ferror(f) ? -1 : 0;
}

/* The blank file's bytes; NULL with a diagnostic. */
static char *S_slurp(const char *path, size_t *len, pp_diags *d)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) != 0 || !(buf = malloc((size_t)n + 1)) ||
        fread(buf, 1, (size_t)n, f) != (size_t)n) {
        pp_diag_error(d, path, 0, 0, _("cannot read: %s"), strerror(errno));
        free(buf);
        if (f)
            fclose(f);
        return NULL;
    }
    fclose(f);
    buf[n] = 0;
    *len = (size_t)n;
    return buf;
}

/* Write to out (atomically: a temporary file renamed) or stdout. */
static pp_status S_write(const S_imp *im, const char *blank, const char *out,
                         pp_diags *d)
{
    size_t len, n;
    char *s = S_slurp(blank, &len, d), tmp[PATH_MAX];
    S_utag *t = NULL;
    FILE *f = NULL;
    pp_status st = PP_E_OUTPUT;
    int fd = -1;
    if (!s)
        return PP_E_INPUT;
    if (S_blank_encoding(s, len) < 0) {
        pp_diag_error(d, blank, 0, 0,
                      _("the blank appraisal is saved in UTF-16, into which "
                        "import cannot write the scores; save it as UTF-8 "
                        "and import again"));
        st = PP_E_INPUT;
        goto cleanup;
    }
    t = calloc(im->m->nunits + 1, sizeof *t);
    if (!t) {
        st = PP_E_NOMEM;
        goto cleanup;
    }
    n = S_scan_units(s, len, t, im->m->nunits + 1);
    if (n != im->m->nunits) {
        pp_diag_error(d, blank, 0, 0,
                      _("%zu <unit> elements were found in the text, but "
                        "the file has %zu units; write each unit as a plain "
                        "<unit> element"),
                      n, im->m->nunits);
        st = PP_E_INPUT;
        goto cleanup;
    }
    if (!out) {
        if (S_emit(stdout, im, s, len, t) != 0 || fflush(stdout) != 0) {
            pp_diag_error(d, NULL, 0, 0, _("standard output: %s"),
                          strerror(errno));
            goto cleanup;
        }
        st = PP_OK;
        goto cleanup;
    }
    if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", out) >= (int)sizeof tmp) {
        pp_diag_error(d, out, 0, 0, _("cannot write: %s"),
                      strerror(ENAMETOOLONG));
        goto cleanup;
    }
    fd = mkstemp(tmp);
    if (fd < 0 || !(f = fdopen(fd, "wb"))) {
        pp_diag_error(d, out, 0, 0, _("cannot write: %s"), strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        goto cleanup;
    }
    fchmod(fd, 0644);
    if (S_emit(f, im, s, len, t) != 0 || fflush(f) != 0 ||
        fsync(fileno(f)) != 0) {
        pp_diag_error(d, out, 0, 0, _("cannot write: %s"), strerror(errno));
        fclose(f);
        unlink(tmp);
        goto cleanup;
    }
    if (fclose(f) != 0 || rename(tmp, out) != 0) {
        pp_diag_error(d, out, 0, 0, _("cannot write: %s"), strerror(errno));
        unlink(tmp);
        goto cleanup;
    }
    st = PP_OK;
cleanup:
    free(t);
    free(s);
    return st;
}

/* The line of what was read: "12 of 18 forms: 11 complete, 1
 * incomplete; missing: a (A), b (B)", malloc'd, or NULL. A form is
 * complete when each criterion has its appraised score or KAD. */
static char *S_summary(const S_imp *im)
{
    const pp_model *m = im->m;
    size_t u, l, got = 0, complete = 0, nmiss = 0, len;
    char head[256], *s;
    for (u = 0; u < m->nunits; u++) {
        int all = 1;
        if (!im->form_of[u]) {
            nmiss++;
            continue;
        }
        got++;
        for (l = 0; l < m->nleaves; l++) {
            const S_sc *c = &im->sc[u * m->nleaves + l];
            if (!c->na && !c->has_appr)
                all = 0;
        }
        complete += (size_t)all;
    }
    if (got == complete)
        /* TRANSLATORS: "12 of 18 forms: 12 complete" */
        snprintf(head, sizeof head,
                 ngettext("%zu of %zu forms: %zu complete",
                          "%zu of %zu forms: %zu complete", m->nunits),
                 got, m->nunits, complete);
    else
        snprintf(head, sizeof head,
                 ngettext("%zu of %zu forms: %zu complete, %zu incomplete",
                          "%zu of %zu forms: %zu complete, %zu incomplete",
                          m->nunits),
                 got, m->nunits, complete, got - complete);
    len = strlen(head) + 64;
    for (u = 0; u < m->nunits; u++)
        if (!im->form_of[u])
            len += strlen(m->units[u].id) + strlen(m->units[u].name) + 6;
    if (!(s = malloc(len)))
        return NULL;
    len = (size_t)sprintf(s, "%s", head);
    if (nmiss) {
        /* TRANSLATORS: after "12 of 18 forms: 12 complete" */
        len += (size_t)sprintf(s + len, "%s", _("; missing: "));
        for (u = 0, nmiss = 0; u < m->nunits; u++)
            if (!im->form_of[u])
                len += (size_t)sprintf(s + len, "%s%s (%s)",
                                       nmiss++ ? ", " : "", m->units[u].id,
                                       m->units[u].name);
    }
    return s;
}

/* ---------------------------------------------------------------------
 * Public.
 */

/* See forms.h. */
pp_status pp_import_run(const pp_model *m, pp_import_opts *o,
                        pp_diags *d)
{
    S_imp im;
    S_list files = {0};
    size_t i, nerr0 = d->errors, nmiss = 0;
    pp_status st = PP_OK;
    if (!m->blank) {
        /* scores would be written twice */
        pp_diag_error(d, m->path, 0, 0,
                      _("the file has scores already: import fills a blank "
                        "appraisal (the file without any <score>)"));
        return PP_E_INPUT;
    }
    if (o->out) {
        /* --out naming the blank or a form: the scored file would
         * replace a file the clerk needs (the blank, to import again) */
        struct stat so, si;
        const char *blank = o->blank ? o->blank : m->path;
        int same = 0;
        if (stat(o->out, &so) == 0 && S_ISREG(so.st_mode)) {
            if (blank && stat(blank, &si) == 0 && si.st_dev == so.st_dev &&
                si.st_ino == so.st_ino) {
                pp_diag_error(d, o->out, 0, 0,
                              _("--out names the blank appraisal itself: the "
                                "scored appraisal would replace it (and it "
                                "is needed to import again); give --out "
                                "another file"));
                same = 1;
            }
            for (i = 0; i < o->ninputs && !same; i++)
                if (stat(o->inputs[i], &si) == 0 && si.st_dev == so.st_dev &&
                    si.st_ino == so.st_ino) {
                    pp_diag_error(d, o->out, 0, 0,
                                  _("--out names a form being read: the "
                                    "scored appraisal would replace it; give "
                                    "--out another file"));
                    same = 1;
                }
        }
        if (same)
            return PP_E_OUTPUT;
    }
    memset(&im, 0, sizeof im);
    im.m = m;
    im.d = d;
    im.by_id = pp_unit_index(m);
    im.sc = calloc(m->nunits * m->nleaves + 1, sizeof *im.sc);
    im.form_of = calloc(m->nunits + 1, sizeof *im.form_of);
    im.issuer = pp_nfc(m->issuer_name ? m->issuer_name : "");
    if (!im.by_id || !im.sc || !im.form_of || !im.issuer) {
        st = PP_E_NOMEM;
        goto cleanup;
    }
    for (i = 0; i < o->ninputs; i++) {
        struct stat sb;
        if (stat(o->inputs[i], &sb) != 0)
            pp_diag_error(d, o->inputs[i], 0, 0, _("cannot read: %s"),
                          strerror(errno));
        else if (S_ISDIR(sb.st_mode))
            S_walk(&im, o->inputs[i], &files, 0);
        else if (S_seen(&im, &sb) == 0)
            S_list_add(&files, o->inputs[i]);
    }
    for (i = 0; i < files.n; i++)
        S_form(&im, files.v[i]);
    for (i = 0; i < m->nunits && !o->partial; i++)
        if (!im.form_of[i])
            pp_diag_error(d, m->path, m->units[i].line, 0,
                          _("unit '%s' (%s) has no form among the %zu read; "
                            "add its filled form to the command line"),
                          m->units[i].id, m->units[i].name, files.n);
    for (i = 0, nmiss = 0; i < m->nunits && o->partial; i++)
        nmiss += !im.form_of[i];
    if (nmiss)
        pp_diag_warning(d, NULL, 0, 0,
                        ngettext("--partial: %zu unit has no form yet and is "
                                 "left without scores; import again when "
                                 "its form is in",
                                 "--partial: %zu units have no form yet and "
                                 "are left without scores; import again when "
                                 "their forms are in",
                                 nmiss),
                        nmiss);
    o->summary = files.n || d->errors == nerr0 ? S_summary(&im) : NULL;
    if (d->errors > nerr0) {
        st = PP_E_INPUT;
        goto cleanup;
    }
    st = S_write(&im, o->blank ? o->blank : m->path, o->out, d);
cleanup:
    for (i = 0; im.sc && i < m->nunits * m->nleaves; i++)
        free(im.sc[i].note);
    for (i = 0; im.form_of && i < m->nunits; i++)
        free(im.form_of[i]);
    for (i = 0; i < files.n; i++)
        free(files.v[i]);
    free(files.v);
    free(im.sc);
    free(im.form_of);
    free(im.by_id);
    free(im.issuer);
    free(im.seen);
    return st;
}
