/*
 * body.c - word/document.xml from a document description (docx.h,
 * docs/document.md): sections, paragraphs and their runs, rules, spaces,
 * two-column blocks and tables (their bound rows repeated for every
 * record), charts as drawings referring to their parts (chart.c).
 *
 * Element order inside w:pPr, w:rPr, w:tblPr, w:tcPr and w:sectPr follows
 * the ECMA-376 schema: Word refuses a document that does not.
 */
#include "render/docx/dx.h"
#include "base/viet.h"
#include "data/bound.h"
#include "data/desc.h"
#include "render/doc.h"
#include "base/i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ST_BOLD PP_DOC_BOLD
#define ST_ITALIC PP_DOC_ITALIC
#define MAXCOL 64

/* What the last block written was: a table needs a paragraph after it
 * before another table, a cell's end or a section's end. */
enum { LAST_NONE, LAST_P, LAST_TBL };

typedef struct {
    dx *r;
    int last;
    xmlNodePtr lower;  /* the block before a column's last one, its space */
    long lower_by;     /* after grown by this many twips (align-last) */
} S_ctx;

/* ---------------------------------------------------------------------
 * Runs: consecutive words of one style make one <w:r>.
 */
typedef struct {
    dx *r;
    int half;  /* the runs' size in half-points, 0 for the default */
    int style; /* of the run being gathered */
    char *s;
    size_t n, cap;
} S_runs;

/* Write the gathered run. */
static void S_runs_flush(S_runs *rs)
{
    dx *r = rs->r;
    if (!rs->n)
        return;
    rs->s[rs->n] = 0;
    dx_start(r, "w:r");
    if (rs->style || rs->half) {
        dx_start(r, "w:rPr");
        if (rs->style & ST_BOLD) {
            dx_start(r, "w:b");
            dx_end(r);
            dx_start(r, "w:bCs");
            dx_end(r);
        }
        if (rs->style & ST_ITALIC) {
            dx_start(r, "w:i");
            dx_end(r);
            dx_start(r, "w:iCs");
            dx_end(r);
        }
        if (rs->half) {
            dx_vall(r, "w:sz", rs->half);
            dx_vall(r, "w:szCs", rs->half);
        }
        dx_end(r);
    }
    dx_start(r, "w:t");
    if (rs->s[0] == ' ' || rs->s[rs->n - 1] == ' ')
        dx_attr(r, "xml:space", "preserve");
    dx_text(r, rs->s);
    dx_end(r);
    dx_end(r);
    rs->n = 0;
}

static void S_runs_word(void *ctx, const char *s, size_t n, int style,
                        int space)
{
    S_runs *rs = ctx;
    if (rs->n && style != rs->style)
        S_runs_flush(rs);
    rs->style = style;
    if (rs->n + n + 2 > rs->cap) {
        size_t cap = (rs->n + n + 2) * 2;
        char *ns = realloc(rs->s, cap);
        if (!ns) {
            rs->r->nomem = 1;
            return;
        }
        rs->s = ns;
        rs->cap = cap;
    }
    if (space)
        rs->s[rs->n++] = ' ';
    memcpy(rs->s + rs->n, s, n);
    rs->n += n;
}

static void S_runs_br(void *ctx)
{
    S_runs *rs = ctx;
    S_runs_flush(rs);
    dx_start(rs->r, "w:r");
    dx_start(rs->r, "w:br");
    dx_end(rs->r);
    dx_end(rs->r);
}

/* The runs of an element's content, or of `text` instead (a bound
 * row's cell), with the element's own bold and italic. */
static void S_write_runs(dx *r, xmlNodePtr n, const char *text, int half)
{
    static const pp_doc_text_ops ops = {S_runs_word, S_runs_br};
    S_runs rs;
    memset(&rs, 0, sizeof rs);
    rs.r = r;
    rs.half = half;
    pp_doc_words(&ops, &rs, n, text);
    S_runs_flush(&rs);
    free(rs.s);
}

/* ---------------------------------------------------------------------
 * Widths, only to size a rule "as wide as the line of text above it":
 * Times New Roman's advance widths (per 1000 em) of ASCII, a Vietnamese
 * letter counted as its base letter.
 */
static const short S_times[2][95] = {
    {250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333,
     250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278,
     564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333,
     389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944,
     722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444,
     333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389,
     278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541},
    {250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333,
     250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333,
     570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389,
     500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000,
     722, 722, 667, 333, 278, 333, 581, 500, 333, 500, 556, 444, 556, 444,
     333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389,
     333, 556, 500, 722, 500, 500, 444, 394, 220, 394, 520}};

/* The ASCII letter a Latin or Vietnamese letter is built on. */
static int S_base(unsigned cp)
{
    static const char lat1[] = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYPs"
                               "aaaaaaaceeeeiiiidnooooo/ouuuuypy";
    if (cp < 0x80)
        return (int)cp;
    if (cp >= 0xC0 && cp <= 0xFF)
        return lat1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x105)
        return cp & 1 ? 'a' : 'A';
    if (cp == 0x110 || cp == 0x111)
        return cp & 1 ? 'd' : 'D';
    if (cp == 0x128 || cp == 0x129)
        return cp & 1 ? 'i' : 'I';
    if (cp == 0x168 || cp == 0x169)
        return cp & 1 ? 'u' : 'U';
    if (cp == 0x1A0 || cp == 0x1A1)
        return cp & 1 ? 'o' : 'O';
    if (cp == 0x1AF || cp == 0x1B0)
        return cp & 1 ? 'u' : 'U';
    if (cp >= 0x1EA0 && cp <= 0x1EF9) {
        int low = cp & 1;
        char b = cp <= 0x1EB7 ? 'A' : cp <= 0x1EC7 ? 'E' : cp <= 0x1ECB ? 'I'
                 : cp <= 0x1EE3 ? 'O' : cp <= 0x1EF1 ? 'U' : 'Y';
        return low ? b + 32 : b;
    }
    if (cp == 0x201C || cp == 0x201D)
        return '"';
    return 'n';
}

/* Width in points of s[0..n) at `size`. */
static double S_measure(const char *s, size_t n, int bold, double size)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + n;
    long units = 0;
    while (p < e) {
        unsigned cp = *p++;
        int c;
        if (cp >= 0xC0) {
            int more = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : 1;
            cp &= 0x3F >> more;
            while (more-- && p < e)
                cp = (cp << 6) | (*p++ & 0x3F);
        }
        c = S_base(cp);
        units += c >= 32 && c < 127 ? S_times[bold][c - 32] : 500;
    }
    return (double)units * size / 1000.0;
}

typedef struct {
    double size, width, first; /* first: room of the first line */
    double line;               /* width of the current line */
    int lines;
} S_est;

static void S_est_word(void *ctx, const char *s, size_t n, int style,
                       int space)
{
    S_est *e = ctx;
    double w = S_measure(s, n, style & ST_BOLD, e->size);
    double sp = space ? S_measure(" ", 1, style & ST_BOLD, e->size) : 0;
    double room = e->lines ? e->width : e->first;
    if (e->line > 0 && e->line + sp + w > room + 0.01) {
        e->lines++;
        e->line = w;
    } else {
        e->line += sp + w;
    }
}

static void S_est_br(void *ctx)
{
    S_est *e = ctx;
    e->lines++;
    e->line = 0;
}

/* The estimated width (pt) of the last line of paragraph p in `width`
 * twips; its number of lines in *lines when not NULL. */
static double S_last_line_n(dx *r, xmlNodePtr p, long width, int *lines);

static double S_last_line(dx *r, xmlNodePtr p, long width)
{
    return S_last_line_n(r, p, width, NULL);
}

static double S_last_line_n(dx *r, xmlNodePtr p, long width, int *lines)
{
    static const pp_doc_text_ops ops = {S_est_word, S_est_br};
    S_est e;
    memset(&e, 0, sizeof e);
    e.size = pp_doc_num(p, "size", r->size);
    e.width = (double)width / 20.0;
    e.first = e.width - pp_doc_num(p, "indent", 0) * 72.0 / 25.4;
    pp_doc_words(&ops, &e, p, NULL);
    if (lines)
        *lines = e.lines + 1;
    return e.line;
}

/* The estimated height (pt) of a column's blocks before `stop`, as the
 * PDF lays them out: paragraphs, rules, spaces. */
static double S_height(dx *r, xmlNodePtr col, xmlNodePtr stop, long width)
{
    xmlNodePtr c;
    double h = 0;
    for (c = col->children; c && c != stop; c = c->next) {
        if (pp_desc_is(c, "p")) {
            int n = 1;
            S_last_line_n(r, c, width, &n);
            h += pp_doc_num(c, "space-before", 0) + pp_doc_num(c, "space-after", 6) +
                 n * pp_doc_num(c, "size", r->size) * r->leading;
        } else if (pp_desc_is(c, "rule")) {
            h += 3 + pp_doc_num(c, "space-after", 6);
        } else if (pp_desc_is(c, "space")) {
            h += pp_doc_num(c, "height", 5) * 72.0 / 25.4;
        }
    }
    return h;
}

/* ---------------------------------------------------------------------
 * Paragraphs.
 */

/* <w:spacing before after line lineRule/> */
static void S_spacing(dx *r, long before, long after, long line,
                      const char *rule)
{
    dx_start(r, "w:spacing");
    dx_attrl(r, "w:before", before);
    dx_attrl(r, "w:after", after);
    dx_attrl(r, "w:line", line);
    dx_attr(r, "w:lineRule", rule);
    dx_end(r);
}

/* The pending <page-break/>, as w:pageBreakBefore of this paragraph. */
static void S_break_before(dx *r)
{
    if (r->pending_break) {
        dx_start(r, "w:pageBreakBefore");
        dx_end(r);
        r->pending_break = 0;
    }
}

/* A paragraph mark's size (and an empty paragraph's line). */
static void S_mark_size(dx *r, int half)
{
    dx_start(r, "w:rPr");
    dx_vall(r, "w:sz", half);
    dx_vall(r, "w:szCs", half);
    dx_end(r);
}

static const char *S_jc(const char *align, const char *def)
{
    if (!align)
        align = def;
    if (strcmp(align, "justify") == 0)
        return "both";
    return align; /* left, center, right */
}

/* <p align indent size space-before space-after bold italic
 * keep-with-next> */
static void S_par(S_ctx *x, xmlNodePtr p)
{
    dx *r = x->r;
    double size = pp_doc_num(p, "size", r->size);
    int half = (int)lround(size * 2), dhalf = (int)lround(r->size * 2);
    long indent = dx_mm(pp_doc_num(p, "indent", 0)), extra = 0;
    if (p == x->lower)
        extra = x->lower_by;
    dx_start(r, "w:p");
    dx_start(r, "w:pPr");
    if (pp_desc_bool(p, "keep-with-next") || pp_doc_kept_next(p)) {
        dx_start(r, "w:keepNext");
        dx_end(r);
    }
    if (pp_desc_bool(p, "keep-together")) {
        dx_start(r, "w:keepLines");
        dx_end(r);
    }
    S_break_before(r);
    /* no line alone at a page's foot or head, as in the PDF (said on
     * every paragraph: LibreOffice does not read it from the defaults) */
    dx_start(r, "w:widowControl");
    dx_end(r);
    S_spacing(r, dx_pt(pp_doc_num(p, "space-before", 0)),
              dx_pt(pp_doc_num(p, "space-after", 6)) + extra,
              dx_pt(size * r->leading), "atLeast");
    if (indent) {
        dx_start(r, "w:ind");
        dx_attrl(r, "w:firstLine", indent);
        dx_end(r);
    }
    dx_val(r, "w:jc", S_jc(pp_desc_attr(p, "align"), "justify"));
    if (half != dhalf)
        S_mark_size(r, half);
    dx_end(r);
    S_write_runs(r, p, NULL, half != dhalf ? half : 0);
    dx_end(r);
    x->last = LAST_P;
}

/* An empty paragraph `line` twips high: a <space>, the paragraph that
 * separates two tables, or the one carrying a section's properties. */
static void S_tiny(S_ctx *x, long line, xmlNodePtr sect);

/* <rule width="40"|"text" fraction align space-after>: a paragraph
 * border under an empty line (as high as the PDF's rule with it),
 * indented to the rule's length. */
static void S_rule(S_ctx *x, xmlNodePtr n, long width)
{
    dx *r = x->r;
    const char *wv = pp_desc_attr(n, "width");
    const char *align = pp_desc_attr(n, "align");
    double len;
    long l, left, right;
    xmlNodePtr prev;
    if (wv && strcmp(wv, "text") == 0) {
        for (prev = n->prev; prev && prev->type != XML_ELEMENT_NODE;)
            prev = prev->prev;
        len = pp_desc_is(prev, "p") ? S_last_line(r, prev, width) : 0;
        len = len * 20.0;
    } else {
        len = (double)dx_mm(pp_doc_num(n, "width", 40));
    }
    len *= pp_doc_num(n, "fraction", 1);
    l = lround(len);
    if (l > width)
        l = width;
    if (l < 20)
        l = 20;
    if (align && strcmp(align, "left") == 0) {
        left = 0;
        right = width - l;
    } else if (align && strcmp(align, "right") == 0) {
        left = width - l;
        right = 0;
    } else {
        left = (width - l) / 2;
        right = width - l - left;
    }
    dx_start(r, "w:p");
    dx_start(r, "w:pPr");
    S_break_before(r);
    dx_start(r, "w:pBdr");
    dx_start(r, "w:bottom");
    dx_attr(r, "w:val", "single");
    dx_attr(r, "w:sz", "5");
    dx_attr(r, "w:space", "0");
    dx_attr(r, "w:color", "000000");
    dx_end(r);
    dx_end(r);
    /* as high as the PDF's rule (its drop under the line above, 1.5 pt
     * and 0.15 of that line's size, then 1.5 pt): the empty line and
     * the border's 0.6 pt together */
    for (prev = n->prev; prev && prev->type != XML_ELEMENT_NODE;)
        prev = prev->prev;
    S_spacing(r, 0, dx_pt(pp_doc_num(n, "space-after", 6)) +
                        (n == x->lower ? x->lower_by : 0),
              dx_pt(2.4 + 0.15 * (pp_desc_is(prev, "p")
                                      ? pp_doc_num(prev, "size", r->size)
                                      : r->size)),
              "exact");
    dx_start(r, "w:ind");
    dx_attrl(r, "w:left", left);
    dx_attrl(r, "w:right", right);
    dx_end(r);
    S_mark_size(r, 4);
    dx_end(r);
    dx_end(r);
    x->last = LAST_P;
}

static void S_tiny(S_ctx *x, long line, xmlNodePtr sect);
static void S_blocks(S_ctx *x, xmlNodePtr parent, long width, int top);

/* ---------------------------------------------------------------------
 * Tables.
 */

/* Relative widths v[0..n) (adding up to sum) over `width` twips into
 * out[]; the last column takes what rounding left. */
static void S_twips(const double *v, int n, double sum, long width,
                    long *out)
{
    long used = 0;
    int i;
    for (i = 0; i < n; i++) {
        out[i] = i == n - 1 ? width - used : lround((double)width * v[i] / sum);
        used += out[i];
    }
}

/* Widths "42 58" (relative) over `width` twips into out[] (S_twips).
 * Returns how many. */
static int S_widths(const char *ws, long width, long *out, int max, int dflt)
{
    double v[MAXCOL], sum = 0;
    int n = 0, i;
    if (ws) {
        const char *p = ws;
        while (*p && n < max) {
            char *end;
            double f = strtod(p, &end);
            if (end == p)
                break;
            v[n++] = f > 0 ? f : 0;
            p = end;
        }
    }
    if (!n)
        for (; n < dflt && n < max; n++)
            v[n] = 1;
    for (i = 0; i < n; i++)
        sum += v[i];
    if (sum <= 0)
        return 0;
    S_twips(v, n, sum, width, out);
    return n;
}

/* <el w:w="w" w:type="dxa"/>: a width in twips. */
static void S_dxa(dx *r, const char *el, long w)
{
    dx_start(r, el);
    dx_attrl(r, "w:w", w);
    dx_attr(r, "w:type", "dxa");
    dx_end(r);
}

/* <w:tblPr> and <w:tblGrid> of a table `width` wide. */
static void S_tbl_head(dx *r, long width, const long *colw, int ncol,
                       const char *border, long padv, long padh)
{
    static const char *const sides[] = {"w:top",    "w:left",    "w:bottom",
                                        "w:right",  "w:insideH", "w:insideV"};
    static const char *const mar[] = {"w:top", "w:left", "w:bottom",
                                      "w:right"};
    int i;
    dx_start(r, "w:tbl");
    dx_start(r, "w:tblPr");
    S_dxa(r, "w:tblW", width);
    S_dxa(r, "w:tblInd", 0);
    dx_start(r, "w:tblBorders");
    for (i = 0; i < 6; i++) {
        dx_start(r, sides[i]);
        dx_attr(r, "w:val", border);
        if (strcmp(border, "single") == 0) {
            dx_attr(r, "w:sz", "4");
            dx_attr(r, "w:space", "0");
            dx_attr(r, "w:color", "000000");
        }
        dx_end(r);
    }
    dx_end(r);
    dx_empty(r, "w:tblLayout", "w:type", "fixed");
    dx_start(r, "w:tblCellMar");
    for (i = 0; i < 4; i++)
        S_dxa(r, mar[i], i % 2 ? padh : padv);
    dx_end(r);
    dx_val(r, "w:tblLook", "0000");
    dx_end(r);
    dx_start(r, "w:tblGrid");
    for (i = 0; i < ncol; i++) {
        dx_start(r, "w:gridCol");
        dx_attrl(r, "w:w", colw[i]);
        dx_end(r);
    }
    dx_end(r);
}

/* <w:trPr>: rows never split; header rows repeat on each page. */
static void S_tr_start(dx *r, int header)
{
    dx_start(r, "w:tr");
    dx_start(r, "w:trPr");
    dx_start(r, "w:cantSplit");
    dx_end(r);
    if (header) {
        dx_start(r, "w:tblHeader");
        dx_end(r);
    }
    dx_end(r);
}

/* <w:tc><w:tcPr> of a cell spanning `span` columns from *col. */
static void S_tc_start(dx *r, const long *colw, int ncol, int *col, int span)
{
    long w = 0;
    int s;
    for (s = 0; s < span && *col < ncol; s++, (*col)++)
        w += colw[*col];
    dx_start(r, "w:tc");
    dx_start(r, "w:tcPr");
    S_dxa(r, "w:tcW", w);
    if (s > 1)
        dx_vall(r, "w:gridSpan", s);
    dx_end(r);
}

/* The cell style of `half` half-points (styles.xml gets one per size). */
static const char *S_cell_style(dx *r, int half, char *buf, size_t cap)
{
    int i;
    for (i = 0; i < r->ncellsz && r->cellsz[i] != half; i++)
        ;
    if (i == r->ncellsz && i < DX_MAXSIZES)
        r->cellsz[r->ncellsz++] = half;
    snprintf(buf, cap, "Cell%d", half);
    return buf;
}

/* One cell's paragraph: its content, or `text`; kept with the next row
 * when `keep`. */
static void S_cell_par(dx *r, xmlNodePtr c, const char *text,
                       const char *style, int keep)
{
    const char *align = pp_desc_attr(c, "align");
    dx_start(r, "w:p");
    dx_start(r, "w:pPr");
    dx_val(r, "w:pStyle", style);
    if (keep) {
        dx_start(r, "w:keepNext");
        dx_end(r);
    }
    if (align && strcmp(align, "left") != 0)
        dx_val(r, "w:jc", S_jc(align, "left"));
    dx_end(r);
    S_write_runs(r, c, text, 0);
    dx_end(r);
    dx_end(r); /* w:tc */
}

/* A bound cell's text as the PDF shows it: NFC, white space collapsed,
 * none at the ends; into buf. */
static const char *S_plain(const char *s, char *buf, size_t cap)
{
    char *t = NULL, *o = buf, *end = buf + cap - 1;
    const char *p;
    int space = 0;
    for (p = s; *p && !((unsigned char)*p & 0x80); p++)
        ;
    if (*p)
        t = pp_nfc(s);
    for (p = t ? t : s; *p && o < end; p++) {
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
            space = o > buf;
            continue;
        }
        if (space && o + 1 < end)
            *o++ = ' ';
        space = 0;
        *o++ = *p;
    }
    *o = 0;
    free(t);
    return buf;
}

/* A bound cell template's fixed markup: its span, alignment and style. */
typedef struct {
    int span;
    const char *jc;  /* NULL for left */
    const char *rpr; /* "<w:rPr>…</w:rPr>" or "" */
} S_tmpl;

/* 1 when rows follow `row` in its table. */
static int S_more_rows(xmlNodePtr row)
{
    for (row = row->next; row; row = row->next)
        if (pp_desc_is(row, "row") || pp_desc_is(row, "rows"))
            return 1;
    return 0;
}

/* <rows source key mark>: its cells for every record (bound.h). The
 * rows are written raw, the text escaped by the writer: the national
 * appendix has 3,400 of them, 47,600 cells. While *keep, a row keeps
 * with the next (S_table), counting *keep down. */
static void S_rows(S_ctx *x, xmlNodePtr n, const long *colw, int ncol,
                   const char *style, int *keep)
{
    static const char *const rprs[4] = {
        "", "<w:rPr><w:b/><w:bCs/></w:rPr>", "<w:rPr><w:i/><w:iCs/></w:rPr>",
        "<w:rPr><w:b/><w:bCs/><w:i/><w:iCs/></w:rPr>"};
    dx *r = x->r;
    pp_bound b;
    pp_bound_cell *tc;
    S_tmpl *tm;
    long count, rec;
    int nt = 0, i;
    xmlNodePtr c;
    char text[512], plain[1024], head[512];
    count = pp_bound_open(&b, r->src, n, 0, r->d, r->path, "document");
    if (count < 0) {
        r->bad = 1;
        return;
    }
    b.comma = 1;
    for (c = n->children; c; c = c->next)
        nt += pp_desc_is(c, "cell");
    tc = calloc((size_t)nt + 1, sizeof *tc);
    tm = calloc((size_t)nt + 1, sizeof *tm);
    if (!tc || !tm) {
        pp_diag_error(r->d, r->path, 0, 0, "%s", _("out of memory"));
        r->nomem = 1;
        nt = 0;
    } else {
        nt = 0;
        for (c = n->children; c; c = c->next)
            if (pp_desc_is(c, "cell")) {
                const char *al = pp_desc_attr(c, "align");
                int st = pp_doc_style(c);
                tm[nt].span = (int)pp_doc_num(c, "colspan", 1);
                if (tm[nt].span < 1)
                    tm[nt].span = 1;
                tm[nt].jc = al && strcmp(al, "left") != 0 ? S_jc(al, "left")
                                                          : NULL;
                tm[nt].rpr = rprs[st];
                if (pp_bound_cell_compile(&b, c, &tc[nt++]) != 0)
                    r->bad = 1;
            }
    }
    for (rec = 0; rec < count && !r->bad && !r->nomem; rec++) {
        int col = 0;
        int kn = *keep > 0 && (rec < count - 1 || S_more_rows(n));
        if (*keep > 0)
            (*keep)--;
        dx_raw(r, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (i = 0; i < nt && col < ncol; i++) {
            const char *t;
            long w = 0;
            int s, len;
            char span[48], jc[48];
            if (!pp_bound_cell_holds(&b, &tc[i], rec))
                continue;
            t = pp_bound_cell_string(&b, &tc[i], rec, text, sizeof text);
            for (s = 0; s < tm[i].span && col < ncol; s++, col++)
                w += colw[col];
            span[0] = jc[0] = 0;
            if (s > 1)
                snprintf(span, sizeof span, "<w:gridSpan w:val=\"%d\"/>", s);
            if (tm[i].jc)
                snprintf(jc, sizeof jc, "<w:jc w:val=\"%s\"/>", tm[i].jc);
            S_plain(t ? t : "", plain, sizeof plain);
            len = snprintf(head, sizeof head,
                           "<w:tc><w:tcPr><w:tcW w:w=\"%ld\" w:type=\"dxa\"/>"
                           "%s</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"%s\"/>"
                           "%s%s</w:pPr>%s%s",
                           w, span, style, kn ? "<w:keepNext/>" : "", jc,
                           plain[0] ? "<w:r>" : "",
                           plain[0] ? tm[i].rpr : "");
            if (len > 0 && (size_t)len < sizeof head)
                dx_raw(r, head);
            if (plain[0]) {
                dx_raw(r, "<w:t>");
                dx_text(r, plain);
                dx_raw(r, "</w:t></w:r>");
            }
            dx_raw(r, "</w:p></w:tc>");
        }
        dx_raw(r, "</w:tr>");
    }
    for (i = 0; i < nt; i++)
        pp_bound_cell_free(&tc[i]);
    free(tc);
    free(tm);
    pp_bound_close(&b);
}

/* A table's rows through the driver (doc.h). */
typedef struct {
    S_ctx *x;
    const long *colw;
    int ncol;
    const char *style;
    int keep; /* body rows still to keep with the next (S_table) */
} S_tabwalk;

static int S_rows_stop(void *ctx)
{
    return ((S_tabwalk *)ctx)->x->r->bad;
}

/* A <row> the template wrote. */
static void S_on_row(void *ctx, xmlNodePtr row, int header)
{
    S_tabwalk *a = ctx;
    dx *r = a->x->r;
    xmlNodePtr c;
    int col = 0, kn = (header || a->keep > 0) && S_more_rows(row);
    if (!header && a->keep > 0)
        a->keep--;
    S_tr_start(r, header);
    for (c = row->children; c && col < a->ncol; c = c->next)
        if (pp_desc_is(c, "cell")) {
            S_tc_start(r, a->colw, a->ncol, &col,
                       (int)pp_doc_num(c, "colspan", 1));
            S_cell_par(r, c, NULL, a->style, kn);
        }
    dx_end(r);
}

static void S_on_rows(void *ctx, xmlNodePtr rows)
{
    S_tabwalk *a = ctx;
    S_rows(a->x, rows, a->colw, a->ncol, a->style, &a->keep);
}

static const pp_doc_table_ops S_table_rows = {S_rows_stop, S_on_row,
                                              S_on_rows};

/* <table widths size header-rows space-after>: fixed widths, cells wrap,
 * header rows repeated (w:tblHeader), rows never split; as the PDF, a
 * table starts where its header and first three rows fit: those rows
 * but the third keep with the next (w:keepNext in their cells). */
static void S_table(S_ctx *x, xmlNodePtr t, long width)
{
    dx *r = x->r;
    long colw[MAXCOL];
    int ncol, dflt;
    double size = pp_doc_num(t, "size", r->size - 2);
    char style[32];
    S_tabwalk walk;
    dflt = pp_doc_first_row_cells(t);
    ncol = S_widths(pp_desc_attr(t, "widths"), width, colw, MAXCOL, dflt);
    if (!ncol)
        return;
    if (x->last == LAST_TBL)
        S_tiny(x, 20, NULL);
    if (r->pending_break)
        S_tiny(x, 20, NULL);
    S_cell_style(r, (int)lround(size * 2), style, sizeof style);
    /* rows as high as the PDF's (its text, 2 pt above and below, the
     * rules on the cells' edges): 1.75 pt above and below, the row's
     * rule (0.5 pt) adding the rest */
    S_tbl_head(r, width, colw, ncol, "single", 35, 50);
    walk.x = x;
    walk.colw = colw;
    walk.ncol = ncol;
    walk.style = style;
    walk.keep = 2; /* body rows kept with the next, after the header's */
    pp_doc_rows(&S_table_rows, &walk, t);
    dx_end(r); /* w:tbl */
    x->last = LAST_TBL;
    /* the table's space after, as the PDF leaves it */
    S_tiny(x, dx_pt(pp_doc_num(t, "space-after", 6)), NULL);
}

/* <columns widths keep-together>: a borderless table of one row that
 * never splits, its cells holding the columns' blocks. */
static void S_columns(S_ctx *x, xmlNodePtr n, long width)
{
    dx *r = x->r;
    long colw[PP_DOC_MAXCOLS];
    double at[PP_DOC_MAXCOLS] = {0}, top = 0;
    int ncol, col = 0, i;
    pp_doc_cols cols;
    xmlNodePtr c;
    ncol = pp_doc_columns(n, &cols);
    if (!ncol)
        return;
    S_twips(cols.weight, ncol, cols.sum, width, colw);
    if (x->last == LAST_TBL || r->pending_break)
        S_tiny(x, 20, NULL);
    if (pp_desc_bool(n, "align-last")) {
        /* the last block of every column at one height: the highest start
         * among them, as the PDF lays them out */
        for (i = 0; i < ncol; i++) {
            c = cols.col[i];
            at[i] = S_height(r, c, pp_doc_last(c), colw[i]);
            if (at[i] > top)
                top = at[i];
        }
    }
    S_tbl_head(r, width, colw, ncol, "nil", 0, 0);
    S_tr_start(r, 0);
    for (i = 0; i < ncol; i++) {
        long w = colw[col];
        c = cols.col[i];
        x->lower = NULL;
        if (top > 0 && pp_doc_last(c)) {
            /* grown space after the block before the last one:
             * word processors add it to the next one's space before,
             * or take the larger of the two; either way it holds */
            xmlNodePtr prev = pp_doc_last(c)->prev;
            while (prev && prev->type != XML_ELEMENT_NODE)
                prev = prev->prev;
            if (pp_desc_is(prev, "p") || pp_desc_is(prev, "rule")) {
                x->lower = prev;
                x->lower_by = dx_pt(top - at[col]);
            }
        }
        S_tc_start(r, colw, ncol, &col, 1);
        x->last = LAST_NONE;
        S_blocks(x, c, w, 0);
        x->lower = NULL;
        if (x->last != LAST_P)
            S_tiny(x, 20, NULL);
        dx_end(r); /* w:tc */
    }
    dx_end(r); /* w:tr */
    dx_end(r); /* w:tbl */
    x->last = LAST_TBL;
}

/* ---------------------------------------------------------------------
 * Charts: one drawing per part; a chart taller than a page is cut into
 * parts of as many bars as a page holds, as the PDF breaks it.
 */
static void S_chart(S_ctx *x, xmlNodePtr c, long width)
{
    dx *r = x->r;
    double size = pp_doc_num(c, "size", 9), rowh = size * 1.55;
    /* as high as the PDF's chart: its title, the row of the marks'
     * labels, the bars, the scale (the paragraph's 6 pt after) */
    double titleh = pp_desc_attr(c, "title") ? size * 1.6 : 0;
    double axis = size * 3.0, room = (double)(r->ph - r->mt - r->mb) / 20.0;
    int nbars = 0, per, parts, k, from = 0;
    xmlNodePtr b;
    for (b = c->children; b; b = b->next)
        nbars += pp_desc_is(b, "bar");
    if (!nbars)
        return;
    /* parts of at most two thirds of a page: one fits below a heading */
    per = (int)((room * 0.65 - titleh - axis) / rowh);
    if (per < 5)
        per = 5;
    parts = (nbars + per - 1) / per;
    for (k = 0; k < parts; k++) {
        int to = from + (nbars - from) / (parts - k);
        int num = dx_chart_part(r, c, from, to, k == 0);
        double h = (k == 0 ? titleh : 0) + axis + rowh * (to - from);
        /* but never lower than the word processor needs to print every
         * bar's label: it lays the plot out with about two lines of its
         * own and gives each row (the bars and the marks' row above them)
         * a fifth more than a line; less, and it leaves every other label
         * out (LibreOffice: a chart of six bars showed three names) */
        double least = (k == 0 ? titleh : 0) + axis + size * 2.0 +
                       size * 1.2 * (to - from + 1);
        char rid[32], name[32];
        if (h < least)
            h = least;
        if (!num)
            return;
        snprintf(rid, sizeof rid, "rIdChart%d", num);
        snprintf(name, sizeof name, "Chart %d", num);
        if (x->last == LAST_TBL && k == 0)
            S_tiny(x, 20, NULL);
        dx_start(r, "w:p");
        dx_start(r, "w:pPr");
        S_break_before(r);
        S_spacing(r, 0, k + 1 < parts ? 0 : 120, 240, "auto");
        dx_val(r, "w:jc", "center");
        dx_end(r);
        dx_start(r, "w:r");
        dx_start(r, "w:drawing");
        dx_start(r, "wp:inline");
        dx_attr(r, "distT", "0");
        dx_attr(r, "distB", "0");
        dx_attr(r, "distL", "0");
        dx_attr(r, "distR", "0");
        dx_start(r, "wp:extent");
        dx_attrl(r, "cx", width * 635);
        dx_attrl(r, "cy", lround(h * 12700));
        dx_end(r);
        dx_start(r, "wp:effectExtent");
        dx_attr(r, "l", "0");
        dx_attr(r, "t", "0");
        dx_attr(r, "r", "0");
        dx_attr(r, "b", "0");
        dx_end(r);
        dx_start(r, "wp:docPr");
        dx_attrl(r, "id", ++r->drawing_id);
        dx_attr(r, "name", name);
        if (pp_desc_attr(c, "title"))
            dx_attr(r, "descr", pp_desc_attr(c, "title"));
        dx_end(r);
        dx_start(r, "wp:cNvGraphicFramePr");
        dx_end(r);
        dx_start(r, "a:graphic");
        dx_attr(r, "xmlns:a",
                "http://schemas.openxmlformats.org/drawingml/2006/main");
        dx_start(r, "a:graphicData");
        dx_attr(r, "uri",
                "http://schemas.openxmlformats.org/drawingml/2006/chart");
        dx_start(r, "c:chart");
        dx_attr(r, "xmlns:c",
                "http://schemas.openxmlformats.org/drawingml/2006/chart");
        dx_attr(r, "r:id", rid);
        dx_end(r);
        dx_end(r);
        dx_end(r);
        dx_end(r); /* wp:inline */
        dx_end(r); /* w:drawing */
        dx_end(r); /* w:r */
        dx_end(r); /* w:p */
        x->last = LAST_P;
        from = to;
    }
}

/* ---------------------------------------------------------------------
 * Blocks and sections.
 */

/* Every block child of `parent` in `width` twips; `top`: in a section
 * (page breaks apply), not in a column. */
typedef struct {
    S_ctx *x;
    long width;
    int top;
} S_at;

static int S_on_stop(void *ctx)
{
    S_at *a = ctx;
    return a->x->r->bad || a->x->r->nomem;
}

static void S_on_par(void *ctx, xmlNodePtr c)
{
    S_par(((S_at *)ctx)->x, c);
}

static void S_on_rule(void *ctx, xmlNodePtr c)
{
    S_at *a = ctx;
    S_rule(a->x, c, a->width);
}

static void S_on_space(void *ctx, xmlNodePtr c)
{
    S_tiny(((S_at *)ctx)->x, dx_mm(pp_doc_num(c, "height", 5)), NULL);
}

static void S_on_columns(void *ctx, xmlNodePtr c)
{
    S_at *a = ctx;
    S_columns(a->x, c, a->width);
}

static void S_on_table(void *ctx, xmlNodePtr c)
{
    S_at *a = ctx;
    S_table(a->x, c, a->width);
}

static void S_on_chart(void *ctx, xmlNodePtr c)
{
    S_at *a = ctx;
    S_chart(a->x, c, a->width);
}

static void S_on_page_break(void *ctx, xmlNodePtr c)
{
    S_at *a = ctx;
    (void)c;
    if (a->top)
        a->x->r->pending_break = 1;
}

static void S_on_section(void *ctx, xmlNodePtr c, int landscape, int last);

static const pp_doc_renderer S_renderer = {
    .stop = S_on_stop,
    .section = S_on_section,
    .block = PP_DOC_BLOCKS(S_on_)};

static void S_blocks(S_ctx *x, xmlNodePtr parent, long width, int top)
{
    S_at a = {x, width, top};
    pp_doc_blocks(&S_renderer, &a, parent);
}

/* <w:sectPr> of <section> s: page, margins, the numbered header from
 * its second page (w:titlePg: the first page's header is empty), the
 * numbers restarting at 1 for an appendix (w:pgNumType w:start). */
static void S_sectpr(dx *r, xmlNodePtr s)
{
    const char *pn = pp_desc_attr(s, "page-numbers");
    int numbers = !pn || strcmp(pn, "none") != 0;
    dx_start(r, "w:sectPr");
    dx_start(r, "w:headerReference");
    dx_attr(r, "w:type", "default");
    dx_attr(r, "r:id", numbers ? "rIdHeaderNumber" : "rIdHeaderEmpty");
    dx_end(r);
    dx_start(r, "w:headerReference");
    dx_attr(r, "w:type", "first");
    dx_attr(r, "r:id", "rIdHeaderEmpty");
    dx_end(r);
    dx_start(r, "w:pgSz");
    dx_attrl(r, "w:w", r->pw);
    dx_attrl(r, "w:h", r->ph);
    if (r->landscape)
        dx_attr(r, "w:orient", "landscape");
    dx_end(r);
    dx_start(r, "w:pgMar");
    dx_attrl(r, "w:top", r->mt);
    dx_attrl(r, "w:right", r->mr);
    dx_attrl(r, "w:bottom", r->mb);
    dx_attrl(r, "w:left", r->ml);
    dx_attrl(r, "w:header", r->hdr);
    dx_attrl(r, "w:footer", r->hdr);
    dx_attr(r, "w:gutter", "0");
    dx_end(r);
    if (pp_desc_bool(s, "restart"))
        dx_empty(r, "w:pgNumType", "w:start", "1");
    dx_empty(r, "w:cols", "w:space", "720");
    dx_start(r, "w:titlePg");
    dx_end(r);
    dx_empty(r, "w:docGrid", "w:linePitch", "360");
    dx_end(r);
}

/* See the declaration above. With `sect`, the paragraph carries that
 * section's properties (it ends the section). */
static void S_tiny(S_ctx *x, long line, xmlNodePtr sect)
{
    dx *r = x->r;
    if (line < 20)
        line = 20;
    dx_start(r, "w:p");
    dx_start(r, "w:pPr");
    if (!sect)
        S_break_before(r);
    S_spacing(r, 0, 0, line, "exact");
    S_mark_size(r, 2);
    if (sect)
        S_sectpr(r, sect);
    dx_end(r);
    dx_end(r);
    x->last = LAST_P;
}

/* A section's pages: landscape or not (doc.h: its orientation="…",
 * else the document's). */
static void S_turn(dx *r, int land)
{
    if (land != r->landscape) {
        long t = r->pw;
        r->pw = r->ph;
        r->ph = t;
        r->landscape = land;
    }
}

/* A section: its blocks, then the paragraph that ends it (its w:sectPr)
 * or the body. */
static void S_on_section(void *ctx, xmlNodePtr c, int landscape, int last)
{
    S_ctx *x = ((S_at *)ctx)->x;
    dx *r = x->r;
    x->last = LAST_NONE;
    r->pending_break = 0;
    S_turn(r, landscape);
    S_blocks(x, c, r->pw - r->ml - r->mr, 1);
    r->pending_break = 0;
    if (!last)
        S_tiny(x, 20, c);
    else if (x->last != LAST_P)
        S_tiny(x, 20, NULL);
}

/* See dx.h. */
void dx_body(dx *r, xmlNodePtr root, dx_part *out)
{
    xmlTextWriterPtr prev = dx_part_begin(r, out);
    xmlNodePtr last;
    S_ctx x;
    S_at top;
    memset(&x, 0, sizeof x);
    x.r = r;
    dx_start(r, "w:document");
    dx_attr(r, "xmlns:w",
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main");
    dx_attr(r, "xmlns:r", "http://schemas.openxmlformats.org/officeDocument/"
                          "2006/relationships");
    dx_attr(r, "xmlns:wp", "http://schemas.openxmlformats.org/drawingml/2006/"
                           "wordprocessingDrawing");
    dx_start(r, "w:body");
    top.x = &x;
    top.width = 0;
    top.top = 1;
    last = pp_doc_sections(&S_renderer, &top, root, r->landscape);
    if (last)
        S_sectpr(r, last);
    else {
        xmlNode none;
        memset(&none, 0, sizeof none);
        none.type = XML_ELEMENT_NODE;
        none.name = (const xmlChar *)"section";
        S_tiny(&x, 20, NULL);
        S_sectpr(r, &none);
    }
    dx_end(r); /* w:body */
    dx_end(r); /* w:document */
    dx_part_end(r, prev);
}
