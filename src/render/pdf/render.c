/*
 * render.c - lays out a document description with libharu (see pdf.h and
 * docs/document.md). Text is NFC UTF-8; line breaking, justification and
 * table layout are done here, word by word, measured with
 * HPDF_Font_TextWidth (libharu's own wrapping cuts UTF-8 sequences, and
 * word spacing does not apply to two-byte codes).
 *
 * Coordinates are PDF points from the bottom left; `y` is the top of the
 * free space on the current page.
 */
#include "render/pdf/pdf.h"
#include "base/viet.h"
#include "base/epoch.h"
#include "render/pdf/cmap.h"
#include "render/pdf/font.h"
#include "render/pdf/measure.h"
#include "render/pdf/subset.h"
#include "data/bound.h"
#include "base/i18n.h"
#include "data/desc.h"
#include "render/doc.h"

#include <hpdf.h>
#include <libxml/tree.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MM(x) ((float)(x) * 72.0f / 25.4f)
#define B_BOLD PP_DOC_BOLD
#define B_ITALIC PP_DOC_ITALIC

typedef struct {
    HPDF_Page page;
    int number, show;
    float pw, ph; /* its size: a section may turn its pages */
} S_pageinfo;

typedef struct {
    HPDF_Doc pdf;
    pp_diags *d;
    const char *path;
    const pp_data_source *src; /* bound rows' records, or NULL */
    int bad;                   /* a description error was reported */
    const pp_font_files *ff;
    const pp_font_subset *sub; /* the subsets drawn from, or NULL: the
                                * full fonts */
    int need_full;             /* a character outside a subset was met */
    HPDF_Font font[4];
    HPDF_STATUS err, detail;
    float pw, ph, mt, mb, ml, mr, size, leading;
    int landscape;
    HPDF_Page page;
    float y;
    S_pageinfo *pages;
    size_t npages, cap;
    int sec_numbers, sec_first, sec_restart, sec_count, global;
    float last_line_w, last_size; /* of the last line laid out */
    char fontname[4][64];
    /* advance widths (1/1000 em) by code point, per style, 256 to a page
     * allocated when first used; 0xFFFF: not measured yet */
    unsigned short *wpage[4][256];
} R;

typedef struct {
    char *text;
    int style;
    float w;
    int space_before, br_after;
} S_word;

typedef struct {
    S_word *w;
    size_t n, cap;
} S_words;

/* libharu reports errors here; nothing longjmps. */
static void S_on_error(HPDF_STATUS err, HPDF_STATUS detail, void *data)
{
    R *r = data;
    if (err == HPDF_STREAM_EOF) /* the end of the memory stream we read */
        return;
    if (!r->err) {
        r->err = err;
        r->detail = detail;
    }
}

/* ---------------------------------------------------------------------
 * Attributes.
 */
static float S_af(xmlNodePtr n, const char *k, float def)
{
    const char *v = pp_desc_attr(n, k);
    return v ? strtof(v, NULL) : def;
}

/* ---------------------------------------------------------------------
 * Fonts and measuring.
 */
static HPDF_Font S_font(R *r, int style)
{
    if (!r->font[style]) {
        const char *name = HPDF_LoadTTFontFromFile(
            r->pdf, r->sub ? r->sub[style].path : r->ff->path[style],
            HPDF_TRUE);
        if (!name && r->sub) /* a cached subset gone bad: the full fonts */
            r->need_full = 1;
        if (name) {
            snprintf(r->fontname[style], sizeof r->fontname[style], "%s",
                     name);
            r->font[style] = HPDF_GetFont(r->pdf, name, "UTF-8");
            if (r->font[style] && pp_pdf_cmap_fix(r->font[style]) != HPDF_OK &&
                !r->err)
                r->err = HPDF_FAILD_TO_ALLOC_MEM;
        }
    }
    return r->font[style];
}

/* The next character of s (at most len bytes) as a code point, its
 * length in *k; -1 for what is not a 1-3 byte UTF-8 sequence. */
static long S_utf8(const unsigned char *s, size_t len, size_t *k)
{
    size_t n, i;
    long c;
    if (s[0] < 0x80) {
        *k = 1;
        return s[0];
    }
    if ((s[0] & 0xE0) == 0xC0) {
        n = 2;
        c = s[0] & 0x1F;
    } else if ((s[0] & 0xF0) == 0xE0) {
        n = 3;
        c = s[0] & 0x0F;
    } else
        return -1;
    if (n > len)
        return -1;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return -1;
        c = (c << 6) | (s[i] & 0x3F);
    }
    *k = n;
    return c;
}

/* Advance width of one character (its UTF-8 bytes s, k long, code point
 * c) in 1/1000 em. The first time in a document libharu measures it: that
 * also marks its glyph for the embedded subset, so the PDF is the same as
 * when every width was asked of libharu (a linear search of the font's
 * cmap per character); afterwards the table answers. */
static unsigned S_char_width(R *r, HPDF_Font f, int style, const char *s,
                             size_t k, long c)
{
    unsigned short **pg = &r->wpage[style][c >> 8];
    if (!*pg) {
        *pg = malloc(256 * sizeof **pg);
        if (!*pg)
            return HPDF_Font_TextWidth(f, (const HPDF_BYTE *)s, (HPDF_UINT)k)
                .width;
        memset(*pg, 0xFF, 256 * sizeof **pg);
    }
    if ((*pg)[c & 0xFF] == 0xFFFF) {
        HPDF_TextWidth tw =
            HPDF_Font_TextWidth(f, (const HPDF_BYTE *)s, (HPDF_UINT)k);
        if (tw.width >= 0xFFFF)
            return tw.width;
        (*pg)[c & 0xFF] = (unsigned short)tw.width;
    }
    return (*pg)[c & 0xFF];
}

/* Width of s[0..len) in points at `size`: the sum of its characters'
 * widths, as libharu adds them. Every text is measured before it is
 * drawn, so this is where a character outside the subsets is met: the
 * document is then laid out again with the full fonts. */
static float S_width(R *r, int style, float size, const char *s, size_t len)
{
    HPDF_Font f = S_font(r, style);
    unsigned long sum = 0;
    size_t i = 0, k;
    if (!f || !len)
        return 0;
    while (i < len) {
        long c = S_utf8((const unsigned char *)s + i, len - i, &k);
        if (r->sub && (c < 0 || !pp_font_subset_covers(&r->sub[style], c)))
            r->need_full = 1;
        if (c < 0) { /* not plain UTF-8: libharu's own reading of it all */
            HPDF_TextWidth tw =
                HPDF_Font_TextWidth(f, (const HPDF_BYTE *)s, (HPDF_UINT)len);
            return (float)tw.width * size / 1000.0f;
        }
        sum += S_char_width(r, f, style, s + i, k, c);
        i += k;
    }
    return (float)sum * size / 1000.0f;
}

/* Free the width tables. */
static void S_widths_free(R *r)
{
    int s, p;
    for (s = 0; s < 4; s++)
        for (p = 0; p < 256; p++) {
            free(r->wpage[s][p]);
            r->wpage[s][p] = NULL;
        }
}

static void S_words_free(S_words *ws)
{
    size_t i;
    for (i = 0; i < ws->n; i++)
        free(ws->w[i].text);
    free(ws->w);
    memset(ws, 0, sizeof *ws);
}

static int S_push(S_words *ws, const char *s, size_t len, int style,
                  int space_before)
{
    S_word *w;
    if (ws->n == ws->cap) {
        size_t cap = ws->cap ? ws->cap * 2 : 32;
        S_word *n = realloc(ws->w, cap * sizeof *n);
        if (!n)
            return -1;
        ws->w = n;
        ws->cap = cap;
    }
    w = &ws->w[ws->n];
    memset(w, 0, sizeof *w);
    w->text = malloc(len + 1);
    if (!w->text)
        return -1;
    memcpy(w->text, s, len);
    w->text[len] = 0;
    w->style = style;
    w->space_before = space_before;
    ws->n++;
    return 0;
}

/* The driver's words (doc.h) into ws. */
static void S_word_cb(void *ctx, const char *s, size_t n, int style, int space)
{
    S_push(ctx, s, n, style, space);
}

static void S_br_cb(void *ctx)
{
    S_words *ws = ctx;
    if (ws->n)
        ws->w[ws->n - 1].br_after = 1;
}

static const pp_doc_text_ops S_text_ops = {S_word_cb, S_br_cb};

/* Measure words; split any word wider than `maxw` at UTF-8 boundaries. */
static void S_measure(R *r, S_words *ws, float size, float maxw)
{
    size_t i;
    for (i = 0; i < ws->n; i++) {
        S_word *w = &ws->w[i];
        w->w = S_width(r, w->style, size, w->text, strlen(w->text));
        if (w->w > maxw && maxw > size) {
            /* the longest prefix that fits, at a character boundary */
            size_t len = strlen(w->text), cut = 0, k = 0;
            while (k < len) {
                size_t nk = k + 1;
                while (nk < len && ((unsigned char)w->text[nk] & 0xC0) == 0x80)
                    nk++;
                if (S_width(r, w->style, size, w->text, nk) > maxw && cut)
                    break;
                cut = nk;
                k = nk;
            }
            if (cut < len) {
                S_word rest;
                memset(&rest, 0, sizeof rest);
                if (S_push(ws, w->text + cut, len - cut, w->style, 0) == 0) {
                    /* move the new word right after this one */
                    rest = ws->w[ws->n - 1];
                    memmove(&ws->w[i + 2], &ws->w[i + 1],
                            (ws->n - 1 - (i + 1)) * sizeof *ws->w);
                    ws->w[i + 1] = rest;
                    w = &ws->w[i];
                    rest.br_after = w->br_after;
                    ws->w[i + 1].br_after = w->br_after;
                    w->br_after = 0;
                    w->text[cut] = 0;
                    w->w = S_width(r, w->style, size, w->text, cut);
                }
            }
        }
    }
}

/* ---------------------------------------------------------------------
 * Pages.
 */
static void S_new_page(R *r)
{
    HPDF_Page p = HPDF_AddPage(r->pdf);
    S_pageinfo *pi;
    if (!p)
        return;
    HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_A4,
                      r->landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
    r->page = p;
    r->y = r->ph - r->mt;
    if (r->npages == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        S_pageinfo *n = realloc(r->pages, cap * sizeof *n);
        if (!n)
            return;
        r->pages = n;
        r->cap = cap;
    }
    pi = &r->pages[r->npages++];
    r->global++;
    r->sec_count++;
    pi->page = p;
    pi->pw = r->pw;
    pi->ph = r->ph;
    pi->number = r->sec_restart ? r->sec_count : r->global;
    pi->show = r->sec_numbers && r->sec_count > 1;
}

/* Room for h points on this page, else a new page. */
static void S_need(R *r, float h)
{
    if (!r->page || r->y - h < r->mb)
        S_new_page(r);
}

/* ---------------------------------------------------------------------
 * Lines of words.
 */
typedef struct {
    size_t from, to; /* [from, to) */
    float w;         /* natural width */
    int last;        /* last line of the paragraph or before a <br/> */
} S_line;

/* Greedy line breaking; returns the number of lines (*out malloc'd). */
static size_t S_break(R *r, S_words *ws, float size, float width,
                      float indent, S_line **out)
{
    size_t n = 0, cap = 8, i = 0;
    S_line *ls = malloc(cap * sizeof *ls);
    float spw[4];
    int s;
    for (s = 0; s < 4; s++)
        spw[s] = S_width(r, s, size, " ", 1);
    if (!ls)
        return 0;
    while (i < ws->n) {
        float avail = width - (n == 0 ? indent : 0), lw = 0;
        size_t j = i;
        while (j < ws->n) {
            float add = ws->w[j].w + (j > i && ws->w[j].space_before
                                          ? spw[ws->w[j].style] : 0);
            if (j > i && lw + add > avail + 0.01f)
                break;
            lw += add;
            j++;
            if (ws->w[j - 1].br_after)
                break;
        }
        if (n == cap) {
            S_line *nl;
            cap *= 2;
            nl = realloc(ls, cap * sizeof *nl);
            if (!nl)
                break;
            ls = nl;
        }
        ls[n].from = i;
        ls[n].to = j;
        ls[n].w = lw;
        ls[n].last = j >= ws->n || ws->w[j - 1].br_after;
        n++;
        i = j;
    }
    *out = ls;
    return n;
}

/* Draw one line at baseline y. */
static void S_draw_line(R *r, S_words *ws, const S_line *l, float size,
                        float x, float width, const char *align, float y)
{
    float extra = 0, cx, spw[4];
    size_t k, gaps = 0;
    int s, cur = -1;
    for (s = 0; s < 4; s++)
        spw[s] = S_width(r, s, size, " ", 1);
    for (k = l->from + 1; k < l->to; k++)
        gaps += ws->w[k].space_before ? 1 : 0;
    if (strcmp(align, "center") == 0)
        cx = x + (width - l->w) / 2;
    else if (strcmp(align, "right") == 0)
        cx = x + width - l->w;
    else {
        cx = x;
        if (strcmp(align, "justify") == 0 && !l->last && gaps)
            extra = (width - l->w) / (float)gaps;
    }
    HPDF_Page_BeginText(r->page);
    for (k = l->from; k < l->to; k++) {
        S_word *w = &ws->w[k];
        if (k > l->from && w->space_before)
            cx += spw[w->style] + extra;
        if (w->style != cur) {
            HPDF_Page_SetFontAndSize(r->page, S_font(r, w->style), size);
            cur = w->style;
        }
        HPDF_Page_TextOut(r->page, cx, y, w->text);
        cx += w->w;
    }
    HPDF_Page_EndText(r->page);
}

/* A paragraph's or cell's words, measured for width w: its content, or
 * `text` instead when given (a bound row's cell). */
static void S_par_words(R *r, xmlNodePtr p, const char *text, float size,
                        float w, S_words *ws)
{
    memset(ws, 0, sizeof *ws);
    pp_doc_words(&S_text_ops, ws, p, text);
    S_measure(r, ws, size, w);
}

static float S_lead(R *r, xmlNodePtr c, float x, float w);
static float S_block(R *r, xmlNodePtr c, float x, float w, int draw,
                     int flow);

/* Height of the block after p that has to stand on the page of p's last
 * lines (it keeps with the previous one), or 0. */
static float S_tail(R *r, xmlNodePtr p, float x, float w)
{
    xmlNodePtr n = pp_doc_kept_next(p);
    if (!n)
        return 0;
    return S_block(r, n, x, w, 0, 0);
}

/* Lay out a <p> in [x, x+w]: draw when `draw`, break pages when
 * `flow`. Returns the height used (on the last page when it flowed).
 * Flowing, a paragraph with keep-with-next keeps its first lines with the
 * start of the next block (S_lead), and the last two lines of one that a
 * keep-with-previous block follows go with that block. A paragraph never
 * leaves one line alone at a page's foot or head. */
static float S_par(R *r, xmlNodePtr p, float x, float w, int draw, int flow)
{
    float size = S_af(p, "size", r->size);
    float indent = MM(S_af(p, "indent", 0));
    float before = S_af(p, "space-before", 0);
    float after = S_af(p, "space-after", 6);
    float lh = size * r->leading, h = before, tail = 0;
    const char *align = pp_desc_attr(p, "align");
    S_words ws;
    S_line *ls = NULL;
    size_t n, i;
    int keep = pp_desc_bool(p, "keep-together");
    if (!align)
        align = "justify";
    S_par_words(r, p, NULL, size, w - indent, &ws);
    n = S_break(r, &ws, size, w, indent, &ls);
    if (draw && flow && pp_desc_bool(p, "keep-with-next"))
        S_need(r, S_lead(r, p, x, w));
    if (draw && flow)
        tail = S_tail(r, p, x, w);
    if (draw && flow && tail > 0 && n <= 2)
        S_need(r, before + lh * (float)n + after + tail);
    if (draw)
        r->y -= before;
    for (i = 0; i < n; i++) {
        float lx = x + (i == 0 ? indent : 0), lw = w - (i == 0 ? indent : 0);
        if (draw) {
            if (flow && tail > 0 && n > 2 && i == n - 2)
                S_need(r, lh * 2 + after + tail);
            /* no line alone at a page's foot or head (as Word's widow
             * control): the first two lines together, the last two (a
             * paragraph of three lines cannot be split); a paragraph to
             * keep together (an article) whole, when a page holds it */
            if (flow && i == 0 && keep && lh * (float)n + after + tail <
                                              r->ph - r->mt - r->mb)
                S_need(r, lh * (float)n + after + tail);
            if (flow && n >= 2 && i == 0)
                S_need(r, lh * (float)(n <= 3 ? n : 2));
            if (flow && n >= 4 && i == n - 2)
                S_need(r, lh * 2);
            if (flow)
                S_need(r, lh);
            S_draw_line(r, &ws, &ls[i], size, lx, lw, align,
                        r->y - size * 0.9f);
            r->y -= lh;
        }
        h += lh;
        r->last_line_w = ls[i].w;
        r->last_size = size;
    }
    if (n == 0)
        r->last_line_w = 0;
    if (draw)
        r->y -= after;
    h += after;
    free(ls);
    S_words_free(&ws);
    return h;
}

/* <rule width="40"|"text" fraction align space-after> */
static float S_rule(R *r, xmlNodePtr n, float x, float w, int draw)
{
    const char *wv = pp_desc_attr(n, "width");
    const char *align = pp_desc_attr(n, "align");
    float len = wv && strcmp(wv, "text") == 0 ? r->last_line_w
                                              : MM(S_af(n, "width", 40));
    float after = S_af(n, "space-after", 6), lx;
    /* under the dots below the letters of the line above (ạ, ộ, ự reach
     * lower than the font's descent) */
    float drop = 1.5f + 0.15f * r->last_size;
    len *= S_af(n, "fraction", 1);
    if (len > w)
        len = w;
    lx = align && strcmp(align, "left") == 0    ? x
         : align && strcmp(align, "right") == 0 ? x + w - len
                                                : x + (w - len) / 2;
    if (draw) {
        HPDF_Page_SetLineWidth(r->page, 0.6f);
        HPDF_Page_MoveTo(r->page, lx, r->y - drop);
        HPDF_Page_LineTo(r->page, lx + len, r->y - drop);
        HPDF_Page_Stroke(r->page);
        r->y -= drop + 1.5f + after;
    }
    return drop + 1.5f + after;
}

static float S_blocks(R *r, xmlNodePtr parent, float x, float w, int draw,
                      int flow);

/* Lay out a column's blocks in [x, x+w] from r->y; with `at` >= 0, its
 * last block starts `at` points below the top. *pre gets the height of
 * the blocks before the last. Returns the column's height. */
static float S_column(R *r, xmlNodePtr col, float x, float w, int draw,
                      float at, float *pre)
{
    xmlNodePtr c, last = pp_doc_last(col);
    float h = 0, y0 = r->y;
    for (c = col->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (c == last) {
            *pre = h;
            if (at >= 0) {
                if (draw)
                    r->y = y0 - at;
                h = at;
            }
        }
        h += S_block(r, c, x, w, draw, 0);
    }
    if (!last)
        *pre = 0;
    return h;
}

/* <columns widths="42 58" align-last> side by side, starting at the same
 * height; with align-last, the last block of every column starts at the
 * same height too (the number beside the place and date). */
static float S_columns(R *r, xmlNodePtr n, float x, float w, int draw,
                       int flow)
{
    float widths[PP_DOC_MAXCOLS], sum = 0, h = 0, cx = x, y0, at = -1, pre = 0;
    int nc, i, al = pp_desc_bool(n, "align-last");
    pp_doc_cols cols;
    nc = pp_doc_columns(n, &cols);
    for (i = 0; i < nc; i++) {
        widths[i] = (float)cols.weight[i];
        sum += widths[i];
    }
    for (i = 0; i < nc; i++) {
        float ch = S_column(r, cols.col[i], 0, w * widths[i] / sum, 0, -1,
                            &pre);
        if (ch > h)
            h = ch;
        if (al && pre > at)
            at = pre;
    }
    if (al) { /* heights again, every last block starting at `at` */
        h = 0;
        for (i = 0; i < nc; i++) {
            float ch = S_column(r, cols.col[i], 0, w * widths[i] / sum, 0, at,
                                &pre);
            if (ch > h)
                h = ch;
        }
    }
    if (!draw)
        return h;
    if (flow)
        S_need(r, h);
    y0 = r->y;
    for (i = 0; i < nc; i++) {
        float cw = w * widths[i] / sum;
        r->y = y0;
        S_column(r, cols.col[i], cx, cw, 1, at, &pre);
        cx += cw;
    }
    r->y = y0 - h;
    return h;
}

/* ---------------------------------------------------------------------
 * Tables.
 */
typedef struct {
    xmlNodePtr cell;  /* the <cell> (its attributes, and its content) */
    const char *text; /* a bound row's text instead of the content */
    float x, w;
} S_cellpos;

#define MAXCOL 64

/* Place a cell at column *col (advanced by its colspan). */
static void S_place(xmlNodePtr c, const char *text, const float *colx,
                    const float *colw, int ncol, int *col, S_cellpos *out)
{
    int span = (int)S_af(c, "colspan", 1), s;
    if (span < 1)
        span = 1;
    out->cell = c;
    out->text = text;
    out->x = colx[*col];
    out->w = 0;
    for (s = 0; s < span && *col < ncol; s++, (*col)++)
        out->w += colw[*col];
}

/* Cells of a row with their positions; returns how many. */
static int S_row_cells(xmlNodePtr row, const float *colx, const float *colw,
                       int ncol, S_cellpos *out)
{
    xmlNodePtr c;
    int k = 0, col = 0;
    for (c = row->children; c && col < ncol; c = c->next)
        if (pp_desc_is(c, "cell"))
            S_place(c, NULL, colx, colw, ncol, &col, &out[k++]);
    return k;
}

#define PADX 2.5f
#define PADY 2.0f

/* Height of a row of k cells; draws it at r->y when `draw`. */
static float S_row(R *r, const S_cellpos *cells, int k, float size, int draw,
                   int header)
{
    int i;
    float h = 0, lh = size * 1.15f;
    for (i = 0; i < k; i++) {
        S_words ws;
        S_line *ls = NULL;
        size_t n;
        int style = 0;
        float inner = cells[i].w - 2 * PADX, ch, cs = size, widest = 0;
        size_t q;
        S_par_words(r, cells[i].cell, cells[i].text, size, 1e9f, &ws);
        if (pp_desc_bool(cells[i].cell, "bold") || (header && !ws.n))
            style |= B_BOLD;
        if (style) {
            for (q = 0; q < ws.n; q++)
                ws.w[q].style |= style;
            S_measure(r, &ws, size, 1e9f);
        }
        /* a word wider than the cell ("100,00" in a narrow column): the
         * cell's text set smaller, down to 3/4, before a word is broken */
        for (q = 0; q < ws.n; q++)
            if (ws.w[q].w > widest)
                widest = ws.w[q].w;
        if (widest > inner && inner > 0) {
            cs = size * inner / widest;
            if (cs < size * 0.75f)
                cs = size * 0.75f;
        }
        S_measure(r, &ws, cs, inner);
        n = S_break(r, &ws, cs, inner, 0, &ls);
        ch = (float)(n ? n : 1) * lh + 2 * PADY;
        if (ch > h)
            h = ch;
        if (draw) {
            const char *align = pp_desc_attr(cells[i].cell, "align");
            float ty = r->y - PADY;
            for (q = 0; q < n; q++) {
                S_draw_line(r, &ws, &ls[q], cs, cells[i].x + PADX, inner,
                            align ? align : "left", ty - size * 0.9f);
                ty -= lh;
            }
        }
        free(ls);
        S_words_free(&ws);
    }
    if (draw) {
        if (header) {
            HPDF_Page_SetGrayFill(r->page, 0.0f);
        }
        HPDF_Page_SetLineWidth(r->page, 0.5f);
        for (i = 0; i < k; i++)
            HPDF_Page_Rectangle(r->page, cells[i].x, r->y - h, cells[i].w, h);
        HPDF_Page_Stroke(r->page);
        r->y -= h;
    }
    return h;
}

typedef struct {
    xmlNodePtr t;
    float colx[MAXCOL], colw[MAXCOL], size;
    int ncol;
} S_tab;

/* One row of a table: measured, and drawn when `draw` (on a new page,
 * under the table's header rows repeated, when it does not fit and the
 * table flows). Returns its height. */
static float S_tab_row(R *r, const S_tab *tb, const S_cellpos *cells, int k,
                       int header, int draw, int flow)
{
    float h = S_row(r, cells, k, tb->size, 0, header);
    if (!draw)
        return h;
    if (flow && r->y - h < r->mb) {
        xmlNodePtr hr;
        S_cellpos hc[MAXCOL];
        S_new_page(r);
        if (!header)
            for (hr = tb->t->children; hr; hr = hr->next)
                if (pp_desc_is(hr, "row") && pp_desc_bool(hr, "header"))
                    S_row(r, hc, S_row_cells(hr, tb->colx, tb->colw, tb->ncol, hc),
                          tb->size, 1, 1);
    }
    S_row(r, cells, k, tb->size, 1, header);
    return h;
}

/* <rows source key mark> in a table: its <cell> templates written for
 * every record of the data source (bound.h), or the first max of them
 * when max >= 0. Returns the height. */
static float S_tab_rows(R *r, const S_tab *tb, xmlNodePtr n, int draw,
                        int flow, long max)
{
    pp_bound b;
    pp_bound_cell *tc;
    long count, rec;
    int nt = 0, i;
    float total = 0;
    xmlNodePtr c;
    char (*text)[512];
    count = pp_bound_open(&b, r->src, n, 0, r->d, r->path, "document");
    if (count < 0) {
        r->bad = 1;
        return 0;
    }
    b.comma = 1;
    for (c = n->children; c; c = c->next)
        nt += pp_desc_is(c, "cell");
    tc = calloc((size_t)nt + 1, sizeof *tc);
    text = calloc((size_t)nt + 1, sizeof *text);
    if (!tc || !text) {
        pp_diag_error(r->d, r->path, 0, 0, _("out of memory"));
        r->bad = 1;
        nt = 0;
    } else {
        nt = 0;
        for (c = n->children; c; c = c->next)
            if (pp_desc_is(c, "cell") && pp_bound_cell_compile(&b, c, &tc[nt++]) != 0)
                r->bad = 1;
    }
    if (max >= 0 && max < count)
        count = max;
    for (rec = 0; rec < count && !r->bad; rec++) {
        S_cellpos cells[MAXCOL];
        int k = 0, col = 0;
        for (i = 0; i < nt && col < tb->ncol; i++) {
            const char *t;
            if (!pp_bound_cell_holds(&b, &tc[i], rec))
                continue;
            t = pp_bound_cell_string(&b, &tc[i], rec, text[i], sizeof text[i]);
            S_place(tc[i].node, t ? t : "", tb->colx, tb->colw, tb->ncol,
                    &col, &cells[k++]);
        }
        total += S_tab_row(r, tb, cells, k, 0, draw, flow);
    }
    for (i = 0; i < nt; i++)
        pp_bound_cell_free(&tc[i]);
    free(tc);
    free(text);
    pp_bound_close(&b);
    return total;
}

/* A table's rows through the driver (doc.h): laid out (S_all_rows), or
 * measured as far as a table's start has to fit (S_lead_rows: its header
 * and its first three rows, bound rows counted as one go of three). */
typedef struct {
    R *r;
    const S_tab *tb;
    int draw, flow;
    float h;   /* the height so far */
    long left; /* S_lead_rows: body rows still to count */
} S_tabwalk;

static int S_rows_stop(void *ctx)
{
    return ((S_tabwalk *)ctx)->r->bad;
}

static void S_row_all(void *ctx, xmlNodePtr row, int header)
{
    S_tabwalk *a = ctx;
    S_cellpos cells[MAXCOL];
    a->h += S_tab_row(a->r, a->tb, cells,
                      S_row_cells(row, a->tb->colx, a->tb->colw,
                                  a->tb->ncol, cells),
                      header, a->draw, a->flow);
}

static void S_rows_all(void *ctx, xmlNodePtr rows)
{
    S_tabwalk *a = ctx;
    a->h += S_tab_rows(a->r, a->tb, rows, a->draw, a->flow, -1);
}

static int S_lead_stop(void *ctx)
{
    S_tabwalk *a = ctx;
    return a->r->bad || a->left <= 0;
}

static void S_row_lead(void *ctx, xmlNodePtr row, int header)
{
    S_tabwalk *a = ctx;
    S_row_all(ctx, row, header);
    if (!header)
        a->left--;
}

static void S_rows_lead(void *ctx, xmlNodePtr rows)
{
    S_tabwalk *a = ctx;
    a->h += S_tab_rows(a->r, a->tb, rows, 0, 0, a->left);
    a->left -= 3;
}

static const pp_doc_table_ops S_all_rows = {S_rows_stop, S_row_all,
                                            S_rows_all};
static const pp_doc_table_ops S_lead_rows = {S_lead_stop, S_row_lead,
                                             S_rows_lead};

/* <table widths size header-rows>: <row>s and <rows>; breaks across
 * pages, header repeated. */
static float S_table(R *r, xmlNodePtr t, float x, float w, int draw, int flow)
{
    S_tab tb;
    S_tabwalk walk = {0};
    float sum = 0, total = 0;
    int i;
    const char *ws = pp_desc_attr(t, "widths");
    memset(&tb, 0, sizeof tb);
    tb.t = t;
    tb.size = S_af(t, "size", r->size - 2);
    if (ws) {
        const char *p = ws;
        while (*p && tb.ncol < MAXCOL) {
            char *end;
            float v = strtof(p, &end);
            if (end == p)
                break;
            tb.colw[tb.ncol++] = v;
            p = end;
        }
    }
    if (!tb.ncol) {
        int cells = pp_doc_first_row_cells(t);
        while (tb.ncol < cells && tb.ncol < MAXCOL)
            tb.colw[tb.ncol++] = 1;
    }
    if (!tb.ncol)
        return 0;
    for (i = 0; i < tb.ncol; i++)
        sum += tb.colw[i];
    for (i = 0; i < tb.ncol; i++) {
        tb.colw[i] = w * tb.colw[i] / sum;
        tb.colx[i] = i ? tb.colx[i - 1] + tb.colw[i - 1] : x;
    }
    /* a table starts where its header and its first three rows (all
     * of a shorter one) fit: never a header and one row at a page's foot */
    if (draw && flow) {
        S_tabwalk need = {r, &tb, 0, 0, 0, 3};
        pp_doc_rows(&S_lead_rows, &need, t);
        if (r->page && need.h < r->ph - r->mt - r->mb)
            S_need(r, need.h);
    }
    walk.r = r;
    walk.tb = &tb;
    walk.draw = draw;
    walk.flow = flow;
    pp_doc_rows(&S_all_rows, &walk, t);
    total = walk.h;
    if (draw)
        r->y -= S_af(t, "space-after", 6);
    return total + S_af(t, "space-after", 6);
}

/* ---------------------------------------------------------------------
 * Horizontal bar chart.
 */

/* Text t at x (left edge), baseline y, in style/size. */
static void S_text(R *r, int style, float size, float x, float y,
                   const char *t)
{
    HPDF_Page_BeginText(r->page);
    HPDF_Page_SetFontAndSize(r->page, S_font(r, style), size);
    HPDF_Page_TextOut(r->page, x, y, t);
    HPDF_Page_EndText(r->page);
}

/* <chart type="hbar" max min title size>: one bar a row from the axis
 * start (pp_doc_axis_min), the unit's label right-aligned at the left (made
 * smaller when too long), its value in a column at the right, clear of
 * every dashed reference line (<mark>, labelled above the bars); tick
 * labels under the bars say where the axis starts. */
static float S_chart(R *r, xmlNodePtr c, float x, float w, int draw, int flow)
{
    float size = S_af(c, "size", 9), max = S_af(c, "max", 100), lo;
    float rowh = size * 1.55f, labw = w * 0.30f, valw = size * 3.2f;
    float bx = x + labw + 4, bw = w - labw - 4 - valw, total = 0, step, t;
    const char *title = pp_desc_attr(c, "title");
    static const HPDF_UINT16 dash[] = {2, 2};
    xmlNodePtr b, m;
    int nbars = 0;
    char *nt, num[16];
    for (b = c->children; b; b = b->next)
        nbars += pp_desc_is(b, "bar");
    total = (title ? size * 1.6f : 0) + size * 1.4f + rowh * (float)nbars +
            size * 1.6f + 6;
    lo = (float)pp_doc_axis_min(c, max);
    if (!draw || max <= lo)
        return total;
    step = max - lo > 40 ? 10 : 5;
    if (flow)
        S_need(r, (title ? size * 1.6f : 0) + size * 1.4f + rowh * 3);
    if (title) {
        float tw;
        nt = pp_nfc(title);
        tw = S_width(r, B_BOLD, size + 1, nt ? nt : title,
                     strlen(nt ? nt : title));
        S_text(r, B_BOLD, size + 1, x + (w - tw) / 2, r->y - size,
               nt ? nt : title);
        free(nt);
        r->y -= size * 1.6f;
    }
    /* labels of the reference marks inside the axis, above the bars */
    for (m = c->children; m; m = m->next) {
        const char *lab = pp_desc_attr(m, "label");
        float v = S_af(m, "value", 0), mx;
        if (!pp_desc_is(m, "mark") || !lab || v < lo || v > max)
            continue;
        mx = bx + bw * (v - lo) / (max - lo);
        S_text(r, 0, size - 1,
               mx - S_width(r, 0, size - 1, lab, strlen(lab)) / 2,
               r->y - size, lab);
    }
    r->y -= size * 1.4f;
    for (b = c->children; b; b = b->next) {
        const char *lab, *txt;
        float v, len, tw, ls = size;
        char *nl;
        int marks = 0;
        if (!pp_desc_is(b, "bar"))
            continue;
        if (flow && r->y - rowh < r->mb)
            S_new_page(r);
        v = S_af(b, "value", 0);
        len = bw * ((v < lo ? lo : v > max ? max : v) - lo) / (max - lo);
        lab = pp_desc_attr(b, "label");
        txt = pp_desc_attr(b, "text");
        nl = pp_nfc(lab ? lab : "");
        lab = nl ? nl : "";
        tw = S_width(r, 0, size, lab, strlen(lab));
        if (tw > labw && tw > 0) { /* a long name: smaller, not cut */
            ls = size * labw / tw;
            if (ls < 5)
                ls = 5;
            tw = S_width(r, 0, ls, lab, strlen(lab));
        }
        S_text(r, 0, ls, x + labw - tw, r->y - rowh / 2 - size * 0.35f, lab);
        free(nl);
        HPDF_Page_SetGrayFill(r->page, 0.45f);
        HPDF_Page_Rectangle(r->page, bx, r->y - rowh * 0.8f, len, rowh * 0.6f);
        HPDF_Page_Fill(r->page);
        HPDF_Page_SetGrayFill(r->page, 0.0f);
        /* reference lines through this row */
        HPDF_Page_SetLineWidth(r->page, 0.4f);
        HPDF_Page_SetDash(r->page, dash, 2, 0);
        for (m = c->children; m; m = m->next) {
            float mv = S_af(m, "value", 0), mx;
            if (!pp_desc_is(m, "mark") || mv < lo || mv > max)
                continue;
            mx = bx + bw * (mv - lo) / (max - lo);
            HPDF_Page_MoveTo(r->page, mx, r->y);
            HPDF_Page_LineTo(r->page, mx, r->y - rowh);
            marks = 1;
        }
        if (marks)
            HPDF_Page_Stroke(r->page);
        HPDF_Page_SetDash(r->page, NULL, 0, 0);
        /* the axis */
        HPDF_Page_MoveTo(r->page, bx, r->y);
        HPDF_Page_LineTo(r->page, bx, r->y - rowh);
        HPDF_Page_Stroke(r->page);
        /* the value beside its bar, on white: a reference line through
         * it stops at its edges (the room right of the axis' end keeps a
         * bar at the maximum's value on the page) */
        if (txt) {
            float vw = S_width(r, 0, size, txt, strlen(txt)), tx = bx + len + 3;
            int moved = 1, k;
            /* past every reference line it would sit on */
            for (k = 0; moved && k < 8; k++) {
                moved = 0;
                for (m = c->children; m; m = m->next) {
                    float mv = S_af(m, "value", 0), mx;
                    if (!pp_desc_is(m, "mark") || mv < lo || mv > max)
                        continue;
                    mx = bx + bw * (mv - lo) / (max - lo);
                    if (mx > tx - 2 && mx < tx + vw + 2) {
                        tx = mx + 3;
                        moved = 1;
                    }
                }
            }
            HPDF_Page_SetGrayFill(r->page, 1.0f);
            HPDF_Page_Rectangle(r->page, tx - 2, r->y - rowh * 0.85f,
                                vw + 4, rowh * 0.7f);
            HPDF_Page_Fill(r->page);
            HPDF_Page_SetGrayFill(r->page, 0.0f);
            S_text(r, 0, size, tx, r->y - rowh / 2 - size * 0.35f, txt);
        }
        r->y -= rowh;
    }
    /* the scale: a line under the bars, ticks and their values */
    if (flow && r->y - size * 1.6f < r->mb)
        S_new_page(r);
    HPDF_Page_SetLineWidth(r->page, 0.4f);
    HPDF_Page_MoveTo(r->page, bx, r->y);
    HPDF_Page_LineTo(r->page, bx + bw, r->y);
    for (t = lo; t <= max + 0.001f; t += step) {
        float tx = bx + bw * (t - lo) / (max - lo);
        HPDF_Page_MoveTo(r->page, tx, r->y);
        HPDF_Page_LineTo(r->page, tx, r->y - 2);
    }
    HPDF_Page_Stroke(r->page);
    for (t = lo; t <= max + 0.001f; t += step) {
        float tx = bx + bw * (t - lo) / (max - lo);
        snprintf(num, sizeof num, "%d", (int)(t + 0.5f));
        S_text(r, 0, size - 1,
               tx - S_width(r, 0, size - 1, num, strlen(num)) / 2,
               r->y - 2 - size, num);
    }
    r->y -= size * 1.6f;
    r->y -= 6;
    return total;
}

/* ---------------------------------------------------------------------
 * Blocks and sections.
 */

/* Where the driver's blocks go (doc.h): the place, whether to draw and
 * break pages, and the height used so far. */
typedef struct {
    R *r;
    float x, w;
    int draw, flow;
    float h;
} S_at;

static void S_on_par(void *ctx, xmlNodePtr c)
{
    S_at *a = ctx;
    a->h += S_par(a->r, c, a->x, a->w, a->draw, a->flow);
}

static void S_on_rule(void *ctx, xmlNodePtr c)
{
    S_at *a = ctx;
    a->h += S_rule(a->r, c, a->x, a->w, a->draw);
}

static void S_on_space(void *ctx, xmlNodePtr c)
{
    S_at *a = ctx;
    float h = MM(S_af(c, "height", 5));
    if (a->draw)
        a->r->y -= h;
    a->h += h;
}

static void S_on_columns(void *ctx, xmlNodePtr c)
{
    S_at *a = ctx;
    a->h += S_columns(a->r, c, a->x, a->w, a->draw, a->flow);
}

static void S_on_table(void *ctx, xmlNodePtr c)
{
    S_at *a = ctx;
    a->h += S_table(a->r, c, a->x, a->w, a->draw, a->flow);
}

static void S_on_chart(void *ctx, xmlNodePtr c)
{
    S_at *a = ctx;
    a->h += S_chart(a->r, c, a->x, a->w, a->draw, a->flow);
}

static void S_on_page_break(void *ctx, xmlNodePtr c)
{
    S_at *a = ctx;
    (void)c;
    if (a->draw && a->flow)
        S_new_page(a->r);
}

/* A section: its pages turned or not, its numbering, its blocks. */
static void S_on_section(void *ctx, xmlNodePtr c, int landscape, int last)
{
    S_at *a = ctx;
    R *r = a->r;
    const char *pn = pp_desc_attr(c, "page-numbers");
    (void)last;
    r->landscape = landscape;
    r->pw = r->landscape ? 841.89f : 595.28f;
    r->ph = r->landscape ? 595.28f : 841.89f;
    r->sec_numbers = !pn || strcmp(pn, "none") != 0;
    r->sec_restart = pp_desc_bool(c, "restart");
    r->sec_count = 0;
    r->page = NULL;
    S_blocks(r, c, r->ml, r->pw - r->ml - r->mr, 1, 1);
}

static const pp_doc_renderer S_renderer = {
    .section = S_on_section,
    .block = PP_DOC_BLOCKS(S_on_)};

/* Lay out one block; returns the height used. */
static float S_block(R *r, xmlNodePtr c, float x, float w, int draw,
                     int flow)
{
    S_at a = {r, x, w, draw, flow, 0};
    pp_doc_block(&S_renderer, &a, c);
    return a.h;
}

/* Lay out every block child of `parent`; returns the height used. */
static float S_blocks(R *r, xmlNodePtr parent, float x, float w, int draw,
                      int flow)
{
    S_at a = {r, x, w, draw, flow, 0};
    pp_doc_blocks(&S_renderer, &a, parent);
    return a.h;
}

/* The height from the top of block c that has to stand on one page for
 * c to start there: a paragraph's first two lines, all of one of three
 * lines or less, all of one kept together (its first three and what
 * leads the next block when it keeps with the next; all of it and the
 * next block when that keeps with the previous and it is two lines or
 * less); a block that keeps together, all of it; else its first 2 lines
 * of text. */
static float S_lead(R *r, xmlNodePtr c, float x, float w)
{
    xmlNodePtr next = pp_doc_next(c);
    if (pp_desc_is(c, "p")) {
        float size = S_af(c, "size", r->size), lh = size * r->leading;
        float before = S_af(c, "space-before", 0);
        float after = S_af(c, "space-after", 6);
        float h = S_par(r, c, x, w, 0, 0);
        int n = (int)((h - before - after) / lh + 0.5f); /* lines */
        if (pp_doc_kept_next(c) && n <= 2)
            return h + S_block(r, next, x, w, 0, 0);
        if (pp_desc_bool(c, "keep-with-next")) {
            if (n > 3)
                return before + lh * 3;
            return h + (next ? S_lead(r, next, x, w)
                             : r->size * r->leading * 2);
        }
        /* as S_par lays it: whole when kept together, else no line
         * alone at the page's foot */
        if (pp_desc_bool(c, "keep-together"))
            return h;
        return before + lh * (float)(n <= 3 ? (n > 0 ? n : 1) : 2);
    }
    if (pp_desc_is(c, "columns") || pp_desc_is(c, "rule"))
        return S_block(r, c, x, w, 0, 0);
    return r->size * r->leading * 2;
}

/* Page numbers, centred in the top margin, not on a section's first page. */
static void S_numbers(R *r)
{
    size_t i;
    char b[16];
    for (i = 0; i < r->npages; i++) {
        float tw;
        if (!r->pages[i].show)
            continue;
        snprintf(b, sizeof b, "%d", r->pages[i].number);
        tw = S_width(r, 0, 13, b, strlen(b));
        HPDF_Page_BeginText(r->pages[i].page);
        HPDF_Page_SetFontAndSize(r->pages[i].page, S_font(r, 0), 13);
        HPDF_Page_TextOut(r->pages[i].page,
                          r->ml + (r->pages[i].pw - r->ml - r->mr - tw) / 2,
                          r->pages[i].ph - r->mt / 2 - 4, b);
        HPDF_Page_EndText(r->pages[i].page);
    }
}

/* Document information; dates from SOURCE_DATE_EPOCH. */
static void S_info(R *r, xmlNodePtr root)
{
    static const struct {
        const char *attr;
        HPDF_InfoType type;
    } keys[] = {{"title", HPDF_INFO_TITLE},
                {"author", HPDF_INFO_AUTHOR},
                {"subject", HPDF_INFO_SUBJECT},
                {"keywords", HPDF_INFO_KEYWORDS}};
    size_t i;
    long long sde;
    for (i = 0; i < sizeof keys / sizeof *keys; i++) {
        const char *v = pp_desc_attr(root, keys[i].attr);
        if (v)
            HPDF_SetInfoAttr(r->pdf, keys[i].type, v);
    }
    HPDF_SetInfoAttr(r->pdf, HPDF_INFO_CREATOR, "parpack");
    if (pp_source_date_epoch_get(&sde)) {
        time_t t = (time_t)sde;
        struct tm tm;
        HPDF_Date dt;
        gmtime_r(&t, &tm);
        memset(&dt, 0, sizeof dt);
        dt.year = tm.tm_year + 1900;
        dt.month = tm.tm_mon + 1;
        dt.day = tm.tm_mday;
        dt.hour = tm.tm_hour;
        dt.minutes = tm.tm_min;
        dt.seconds = tm.tm_sec;
        dt.ind = 'Z';
        HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_CREATION_DATE, dt);
        HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_MOD_DATE, dt);
    }
}

/* Write all of buf to fd; 0, or -1 with errno set. */
static int S_write_all(int fd, const unsigned char *buf, size_t len)
{
    while (len) {
        ssize_t k = write(fd, buf, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            return -1;
        if (k == 0) {
            errno = EIO;
            return -1;
        }
        buf += k;
        len -= (size_t)k;
    }
    return 0;
}

/* The document laid out in memory (libharu's stream), then written to
 * path here, so that a failed write is seen with its errno (libharu
 * reports ferror()'s 1, or a zlib error, for a full disk). On failure
 * no file is left. */
static pp_status S_save(R *r, const char *path)
{
    static unsigned char buf[65536];
    HPDF_UINT32 left;
    int fd = -1, e = 0;
    pp_status rc = PP_OK;
    if (HPDF_SaveToStream(r->pdf) != HPDF_OK || r->err)
        return PP_OK; /* r->err says why */
    left = HPDF_GetStreamSize(r->pdf);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        e = errno;
    while (!e && left) {
        HPDF_UINT32 k = left < sizeof buf ? left : (HPDF_UINT32)sizeof buf;
        HPDF_STATUS st = HPDF_ReadFromStream(r->pdf, buf, &k);
        if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || k == 0) {
            r->err = st != HPDF_OK ? st : HPDF_INVALID_STREAM;
            break;
        }
        if (S_write_all(fd, buf, k) != 0)
            e = errno;
        left -= k;
    }
    if (fd >= 0 && close(fd) != 0 && !e)
        e = errno;
    if (e) {
        pp_diag_error(r->d, path, 0, 0, _("cannot write the PDF: %s"),
                      strerror(e));
        rc = PP_E_OUTPUT;
    }
    if (e || r->err)
        remove(path);
    return rc;
}

/* Lay out and write the document of root with the fonts ff, drawn from
 * their subsets sub (or the full fonts when NULL). When a subset lacks a
 * character of the document, nothing is written and *again is set: the
 * caller lays it out again from the full fonts. */
static pp_status S_render(xmlNodePtr root, const char *out_path,
                          const pp_data_source *src, pp_diags *d,
                          const pp_font_files *ff, const pp_font_subset *sub,
                          int *again)
{
    xmlNodePtr pg;
    S_at top = {0};
    R r;
    pp_status rc = PP_OK;

    memset(&r, 0, sizeof r);
    r.d = d;
    r.path = out_path;
    r.src = src;
    r.ff = ff;
    r.sub = sub;
    *again = 0;
    r.pdf = HPDF_New(S_on_error, &r);
    if (!r.pdf) {
        pp_diag_error(d, out_path, 0, 0, _("out of memory"));
        return PP_E_NOMEM;
    }
    HPDF_SetCompressionMode(r.pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(r.pdf);
    HPDF_SetCurrentEncoder(r.pdf, "UTF-8");
    S_info(&r, root);

    /* page setup: decree 30 defaults */
    r.mt = MM(20);
    r.mb = MM(20);
    r.ml = MM(30);
    r.mr = MM(15);
    r.size = 14;
    r.leading = 1.2f;
    if ((pg = pp_doc_page(root)) != NULL) {
        r.landscape = pp_doc_landscape(pg, 0);
        r.mt = MM(S_af(pg, "margin-top", 20));
        r.mb = MM(S_af(pg, "margin-bottom", 20));
        r.ml = MM(S_af(pg, "margin-left", 30));
        r.mr = MM(S_af(pg, "margin-right", 15));
        r.size = S_af(pg, "font-size", 14);
        r.leading = S_af(pg, "line-spacing", 1.2f);
    }
    r.pw = r.landscape ? 841.89f : 595.28f;
    r.ph = r.landscape ? 595.28f : 841.89f;
    /* a section may turn its pages (a wide appendix table) */
    top.r = &r;
    pp_doc_sections(&S_renderer, &top, root, r.landscape);
    if (!r.npages)
        S_new_page(&r);
    S_numbers(&r);
    if (r.need_full && !r.bad) {
        *again = 1;
        r.bad = 1;
    }
    if (r.bad) {
        HPDF_Free(r.pdf);
        free(r.pages);
        S_widths_free(&r);
        return PP_E_TEMPLATE;
    }
    if (!r.err)
        rc = S_save(&r, out_path);
    if (r.err && rc == PP_OK) {
        if (r.err == HPDF_FAILD_TO_ALLOC_MEM) {
            pp_diag_error(d, out_path, 0, 0, _("out of memory"));
            rc = PP_E_NOMEM;
        } else {
            pp_diag_error(d, out_path, 0, 0,
                          _("cannot make the PDF (libharu error 0x%04X, %u)"),
                          (unsigned)r.err, (unsigned)r.detail);
            rc = PP_E_TEMPLATE;
        }
    }
    HPDF_Free(r.pdf);
    free(r.pages);
    S_widths_free(&r);
    return rc;
}

/* Render; see pdf.h. */
pp_status pp_pdf_render(const pp_doc *doc, const char *out_path,
                        const pp_data_source *src, pp_diags *d)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    const pp_font_files *ff;
    char why[512];
    int again;
    pp_status rc;

    ff = pp_font_files_find(why, sizeof why);
    if (!ff) {
        pp_diag_error(d, out_path, 0, 0, _("cannot make the PDF: %s"), why);
        return PP_E_TEMPLATE;
    }
    if (!root || !pp_desc_is(root, "document")) {
        pp_diag_error(d, out_path, 0, 0,
                      _("cannot make the PDF: the description is not a "
                        "<document>"));
        return PP_E_TEMPLATE;
    }
    rc = S_render(root, out_path, src, d, ff, pp_font_subset_get(ff), &again);
    if (again)
        rc = S_render(root, out_path, src, d, ff, NULL, &again);
    return rc;
}

/* See pdf.h. */
void pp_pdf_prepare(void)
{
    char why[512];
    const pp_font_files *ff = pp_font_files_find(why, sizeof why);
    if (ff)
        (void)pp_font_subset_get(ff);
}

/* See pdf.h. */
void pp_pdf_shutdown(void)
{
    pp_font_measure_release();
    pp_font_subset_release();
    pp_font_files_release();
}
