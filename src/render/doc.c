/*
 * doc.c - the document-vocabulary driver (doc.h): the walk of a
 * description that the PDF and DOCX renderers share, and the readings of
 * the vocabulary both make.
 */
#include "render/doc.h"
#include "base/viet.h"
#include "data/desc.h"

#include <stdlib.h>
#include <string.h>

static const char *const S_kinds[PP_DOC_NBLOCKS] = {
    [PP_DOC_P] = "p",           [PP_DOC_RULE] = "rule",
    [PP_DOC_SPACE] = "space",   [PP_DOC_COLUMNS] = "columns",
    [PP_DOC_TABLE] = "table",   [PP_DOC_CHART] = "chart",
    [PP_DOC_PAGE_BREAK] = "page-break"};

/* See doc.h. */
int pp_doc_kind_of(xmlNodePtr c)
{
    int k;
    for (k = 0; k < PP_DOC_NBLOCKS; k++)
        if (pp_desc_is(c, S_kinds[k]))
            return k;
    return -1;
}

/* See doc.h. */
xmlNodePtr pp_doc_page(xmlNodePtr root)
{
    xmlNodePtr pg, last = NULL;
    for (pg = root->children; pg; pg = pg->next)
        if (pp_desc_is(pg, "page"))
            last = pg;
    return last;
}

/* See doc.h. */
int pp_doc_landscape(xmlNodePtr n, int deflt)
{
    const char *o = n ? pp_desc_attr(n, "orientation") : NULL;
    return o ? strcmp(o, "landscape") == 0 : deflt;
}

/* See doc.h. */
xmlNodePtr pp_doc_sections(const pp_doc_renderer *rd, void *ctx,
                           xmlNodePtr root, int landscape)
{
    xmlNodePtr c, last = NULL;
    for (c = root->children; c; c = c->next)
        if (pp_desc_is(c, "section"))
            last = c;
    for (c = root->children; c && !(rd->stop && rd->stop(ctx)); c = c->next)
        if (pp_desc_is(c, "section") && rd->section)
            rd->section(ctx, c, pp_doc_landscape(c, landscape), c == last);
    return last;
}

/* See doc.h. */
void pp_doc_block(const pp_doc_renderer *rd, void *ctx, xmlNodePtr c)
{
    int k = pp_doc_kind_of(c);
    if (k >= 0 && rd->block[k])
        rd->block[k](ctx, c);
}

/* See doc.h. */
void pp_doc_blocks(const pp_doc_renderer *rd, void *ctx, xmlNodePtr parent)
{
    xmlNodePtr c;
    for (c = parent->children; c && !(rd->stop && rd->stop(ctx)); c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            pp_doc_block(rd, ctx, c);
}

/* See doc.h. */
xmlNodePtr pp_doc_next(xmlNodePtr c)
{
    for (c = c->next; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return c;
    return NULL;
}

/* See doc.h. */
xmlNodePtr pp_doc_kept_next(xmlNodePtr c)
{
    xmlNodePtr n = pp_doc_next(c);
    return n && pp_desc_bool(n, "keep-with-previous") ? n : NULL;
}

/* See doc.h. */
xmlNodePtr pp_doc_last(xmlNodePtr col)
{
    xmlNodePtr c, last = NULL;
    for (c = col->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            last = c;
    return last;
}

/* See doc.h. */
int pp_doc_columns(xmlNodePtr n, pp_doc_cols *out)
{
    const char *p = pp_desc_attr(n, "widths");
    xmlNodePtr c;
    int i;
    out->n = 0;
    out->sum = 0;
    for (c = n->children; c && out->n < PP_DOC_MAXCOLS; c = c->next)
        if (pp_desc_is(c, "column")) {
            out->col[out->n] = c;
            out->weight[out->n++] = 1;
        }
    for (i = 0; p && i < out->n; i++) {
        char *end;
        double v = strtod(p, &end);
        if (end == p)
            break;
        out->weight[i] = v > 0 ? v : 0;
        p = end;
    }
    for (i = 0; i < out->n; i++)
        out->sum += out->weight[i];
    if (out->sum <= 0) /* widths="0 0": as if none were given */
        for (i = 0, out->sum = out->n; i < out->n; i++)
            out->weight[i] = 1;
    return out->n;
}

/* See doc.h. */
void pp_doc_rows(const pp_doc_table_ops *ops, void *ctx, xmlNodePtr t)
{
    xmlNodePtr row;
    for (row = t->children; row && !(ops->stop && ops->stop(ctx));
         row = row->next)
        if (pp_desc_is(row, "rows"))
            ops->rows(ctx, row);
        else if (pp_desc_is(row, "row"))
            ops->row(ctx, row, pp_desc_bool(row, "header"));
}

/* See doc.h. */
int pp_doc_first_row_cells(xmlNodePtr t)
{
    xmlNodePtr row, c;
    int n = 0;
    for (row = t->children; row && !pp_desc_is(row, "row");)
        row = row->next;
    if (row)
        for (c = row->children; c; c = c->next)
            n += pp_desc_is(c, "cell");
    return n;
}

/* See doc.h. */
int pp_doc_style(xmlNodePtr n)
{
    return (pp_desc_bool(n, "bold") ? PP_DOC_BOLD : 0) |
           (pp_desc_bool(n, "italic") ? PP_DOC_ITALIC : 0);
}

typedef struct {
    const pp_doc_text_ops *ops;
    void *ctx;
    int pending; /* white space since the last word */
    int any;     /* a word on this line */
} S_walk;

/* The words of one text. */
static void S_walk_text(S_walk *wk, const char *s, int style)
{
    char *t = NULL;
    const char *p;
    for (p = s; *p && !((unsigned char)*p & 0x80); p++)
        ;
    if (*p)
        t = pp_nfc(s); /* ASCII needs no normalising */
    for (p = t ? t : s; *p;) {
        size_t k;
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
            wk->pending = 1;
            p++;
            continue;
        }
        k = strcspn(p, " \n\t\r");
        wk->ops->word(wk->ctx, p, k, style, wk->pending && wk->any);
        wk->pending = 0;
        wk->any = 1;
        p += k;
    }
    free(t);
}

/* The words of mixed content (text, <b>, <i>, <br/>). */
static void S_walk_node(S_walk *wk, xmlNodePtr n, int style)
{
    xmlNodePtr c;
    for (c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content)
            S_walk_text(wk, (const char *)c->content, style);
        else if (pp_desc_is(c, "b"))
            S_walk_node(wk, c, style | PP_DOC_BOLD);
        else if (pp_desc_is(c, "i"))
            S_walk_node(wk, c, style | PP_DOC_ITALIC);
        else if (pp_desc_is(c, "br")) {
            wk->ops->br(wk->ctx);
            wk->pending = 0;
            wk->any = 0;
        }
    }
}

/* See doc.h. */
void pp_doc_words(const pp_doc_text_ops *ops, void *ctx, xmlNodePtr n,
                  const char *text)
{
    S_walk wk;
    wk.ops = ops;
    wk.ctx = ctx;
    wk.pending = 0;
    wk.any = 0;
    if (text)
        S_walk_text(&wk, text, pp_doc_style(n));
    else
        S_walk_node(&wk, n, pp_doc_style(n));
}

/* See doc.h. */
double pp_doc_num(xmlNodePtr n, const char *k, double def)
{
    const char *v = pp_desc_attr(n, k);
    return v ? strtod(v, NULL) : def;
}

/* See doc.h. */
double pp_doc_axis_min(xmlNodePtr c, double max)
{
    xmlNodePtr b;
    double lo = max, step;
    int any = 0;
    if (pp_desc_attr(c, "min"))
        return pp_doc_num(c, "min", 0);
    for (b = c->children; b; b = b->next)
        if (pp_desc_is(b, "bar")) {
            double v = pp_doc_num(b, "value", 0);
            if (v < lo)
                lo = v;
            any = 1;
        }
    if (!any)
        return 0;
    step = max - lo > 40 ? 10 : 5;
    lo = (double)((int)((lo - 2) / step)) * step;
    return lo < 20 ? 0 : lo;
}
