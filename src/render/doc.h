/*
 * doc.h - the document-vocabulary driver that the PDF (render/pdf/) and
 * DOCX (render/docx/) renderers plug into, as cmark's render.c serves its
 * renderers: it walks a description (templates/document.xsd,
 * docs/document.md) and calls the renderer's callbacks; what the
 * vocabulary means (which attribute says what, how words and lines are
 * read, where a chart's axis starts) is written here once.
 *
 * - the page: pp_doc_page (the last <page>), pp_doc_landscape;
 * - sections: pp_doc_sections calls `section` for each, with its
 *   orientation and whether it is the last;
 * - blocks: pp_doc_block / pp_doc_blocks call block[kind] for <p>,
 *   <rule>, <space>, <columns>, <table>, <chart>, <page-break>;
 *   pp_doc_next (the block after), pp_doc_kept_next (the block after
 *   when it keeps with the previous) and pp_doc_last (a column's last
 *   block);
 * - side by side: pp_doc_columns, a <columns>'s <column>s with their
 *   relative widths;
 * - tables: pp_doc_rows calls `row` for each <row> (header or not) and
 *   `rows` for bound rows; pp_doc_first_row_cells;
 * - runs: pp_doc_words calls `word` for every word of mixed content
 *   (text, <b>, <i>, <br/>) in NFC, with its style, and `br` for <br/>;
 * - charts: pp_doc_axis_min, the start of the value axis.
 */
#ifndef PARPACK_RENDER_DOC_H
#define PARPACK_RENDER_DOC_H

#include <libxml/tree.h>
#include <stddef.h>

/* A run's style: bold and italic, or'ed. */
enum { PP_DOC_BOLD = 1, PP_DOC_ITALIC = 2 };

/* The kinds of block a section or a column holds. */
typedef enum {
    PP_DOC_P,
    PP_DOC_RULE,
    PP_DOC_SPACE,
    PP_DOC_COLUMNS,
    PP_DOC_TABLE,
    PP_DOC_CHART,
    PP_DOC_PAGE_BREAK,
    PP_DOC_NBLOCKS
} pp_doc_kind;

/* A renderer's callbacks; ctx is the renderer's. A NULL callback skips
 * what it would have been given. */
typedef struct {
    /* Nonzero: walk no further (checked before each block and section). */
    int (*stop)(void *ctx);
    /* A <section>: landscape (its own orientation, else the document's),
     * last (no section follows it). */
    void (*section)(void *ctx, xmlNodePtr sect, int landscape, int last);
    void (*block[PP_DOC_NBLOCKS])(void *ctx, xmlNodePtr c);
} pp_doc_renderer;

/* The block callbacks of a renderer that names them prefix + par, rule,
 * space, columns, table, chart, page_break: .block = PP_DOC_BLOCKS(S_on_) */
#define PP_DOC_BLOCKS(prefix)                                                 \
    {[PP_DOC_P] = prefix##par,                                                \
     [PP_DOC_RULE] = prefix##rule,                                            \
     [PP_DOC_SPACE] = prefix##space,                                          \
     [PP_DOC_COLUMNS] = prefix##columns,                                      \
     [PP_DOC_TABLE] = prefix##table,                                          \
     [PP_DOC_CHART] = prefix##chart,                                          \
     [PP_DOC_PAGE_BREAK] = prefix##page_break}

/* The kind of element c, or -1 for one that is not a block. */
int pp_doc_kind_of(xmlNodePtr c);

/* The description's last <page> (its size, margins and font), or NULL. */
xmlNodePtr pp_doc_page(xmlNodePtr root);

/* Whether a <page> (may be NULL) or a <section> turns its pages:
 * orientation="landscape"; `deflt` when it says nothing. */
int pp_doc_landscape(xmlNodePtr n, int deflt);

/* Every <section> of root, in order; returns the last one, or NULL. */
xmlNodePtr pp_doc_sections(const pp_doc_renderer *rd, void *ctx,
                           xmlNodePtr root, int landscape);

/* One block: block[kind of c]; nothing for an element of no kind. */
void pp_doc_block(const pp_doc_renderer *rd, void *ctx, xmlNodePtr c);

/* Every block child of parent, in order. */
void pp_doc_blocks(const pp_doc_renderer *rd, void *ctx, xmlNodePtr parent);

/* The next element after c, or NULL. */
xmlNodePtr pp_doc_next(xmlNodePtr c);

/* The block after c when it keeps with c (keep-with-previous="true"),
 * else NULL. */
xmlNodePtr pp_doc_kept_next(xmlNodePtr c);

/* The last element child of col, or NULL. */
xmlNodePtr pp_doc_last(xmlNodePtr col);

/* A <columns>'s columns, read once for both renderers: its <column>
 * children in order (the first PP_DOC_MAXCOLS) and their relative widths,
 * from widths="42 58": the numbers in order, a negative one taken as 0,
 * 1 for a column the attribute gives no number; all 1 when they add up
 * to nothing. A renderer gives column i the part weight[i] / sum of the
 * width. */
#define PP_DOC_MAXCOLS 8
typedef struct {
    int n;                          /* how many */
    xmlNodePtr col[PP_DOC_MAXCOLS]; /* the <column>s */
    double weight[PP_DOC_MAXCOLS];  /* their relative widths */
    double sum;                     /* of the weights, > 0 */
} pp_doc_cols;

/* The columns of <columns> n into *out; returns out->n (0: none). */
int pp_doc_columns(xmlNodePtr n, pp_doc_cols *out);

/* A <table>'s rows, in order. */
typedef struct {
    /* Nonzero: walk no further (checked before each child). */
    int (*stop)(void *ctx);
    /* A <row> the template wrote; header: header="true" (repeated on
     * every page). */
    void (*row)(void *ctx, xmlNodePtr row, int header);
    /* Bound rows, <rows source key mark>: its <cell>s for every record
     * of the data source (data/bound.h). */
    void (*rows)(void *ctx, xmlNodePtr rows);
} pp_doc_table_ops;

/* Every <row> and <rows> of table t. */
void pp_doc_rows(const pp_doc_table_ops *ops, void *ctx, xmlNodePtr t);

/* The number of cells of t's first <row>: its columns when it gives no
 * widths. */
int pp_doc_first_row_cells(xmlNodePtr t);

/* The words of a paragraph or cell. */
typedef struct {
    /* a word s[0..n) in style; space: white space stood before it since
     * the last word of its line (never at the start, never after <br/>) */
    void (*word)(void *ctx, const char *s, size_t n, int style, int space);
    void (*br)(void *ctx); /* <br/> */
} pp_doc_text_ops;

/* The style element n says for itself (bold="true", italic="true"). */
int pp_doc_style(xmlNodePtr n);

/* The words of n's content, or of `text` instead when not NULL (a bound
 * row's cell), in n's own style: white space collapsed, NFC. */
void pp_doc_words(const pp_doc_text_ops *ops, void *ctx, xmlNodePtr n,
                  const char *text);

/* A number attribute k of n, `def` when absent. */
double pp_doc_num(xmlNodePtr n, const char *k, double def);

/* The start of a <chart>'s value axis whose end is max: `min` when
 * given; else a round value (a multiple of 5, or of 10 over a wide
 * range) a little below the smallest bar, or 0 when the bars come near
 * it. Indices between 84 and 96 get an axis from 80: their differences
 * show. */
double pp_doc_axis_min(xmlNodePtr c, double max);

#endif
