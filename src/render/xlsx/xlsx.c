/* xlsx.c - workbook descriptions into XLSX with libxlsxwriter (xlsx.h). */
#include "render/xlsx/xlsx.h"
#include "base/epoch.h"
#include "render/pdf/measure.h"
#include "data/bound.h"
#include "data/desc.h"
#include "base/i18n.h"
#include "base/zip.h"
#include "base/epoch.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/tree.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define MAXFMT 64

typedef struct {
    const char *id;
    lxw_format *f;
    int wrap, size, bold, indent; /* for fit-height: how its text sets */
} S_fmt;

#define MAXCOL 1024   /* columns whose width fit-height knows */

typedef struct {
    lxw_workbook *wb;
    S_fmt fmts[MAXFMT];
    int nfmt;
    pp_diags *d;
    const char *path;
    const pp_data_source *src;
    int bad;
    double colw[MAXCOL];  /* this sheet's column widths (characters) */
    const S_fmt *colf[MAXCOL]; /* and their formats */
} W;

static int S_ai(xmlNodePtr n, const char *k, int def)
{
    const char *v = pp_desc_attr(n, k);
    return v ? atoi(v) : def;
}

/* The text content of a node (a pointer into the tree when it is one
 * text node, else a copy in buf). */
static const char *S_text(xmlNodePtr n, char *buf, size_t cap)
{
    xmlNodePtr c = n->children;
    size_t len = 0;
    if (c && c->type == XML_TEXT_NODE && !c->next)
        return (const char *)c->content;
    buf[0] = 0;
    for (; c; c = c->next)
        if (c->type == XML_TEXT_NODE && c->content) {
            size_t k = strlen((const char *)c->content);
            if (len + k >= cap)
                k = cap - len - 1;
            memcpy(buf + len, c->content, k);
            len += k;
            buf[len] = 0;
        }
    return buf;
}

static const S_fmt *S_fmt_find(W *w, const char *id)
{
    int i;
    if (!id)
        return NULL;
    for (i = 0; i < w->nfmt; i++)
        if (strcmp(w->fmts[i].id, id) == 0)
            return &w->fmts[i];
    return NULL;
}

static lxw_format *S_format(W *w, const char *id)
{
    const S_fmt *f = S_fmt_find(w, id);
    return f ? f->f : NULL;
}

static unsigned S_color(const char *v)
{
    return v && v[0] == '#' ? (unsigned)strtoul(v + 1, NULL, 16) : 0;
}

/* <format id bold italic size color bg border align valign wrap
 *  num-format locked indent> */
static void S_add_format(W *w, xmlNodePtr n)
{
    lxw_format *f;
    const char *v;
    if (w->nfmt == MAXFMT)
        return;
    f = workbook_add_format(w->wb);
    format_set_font_name(f, (v = pp_desc_attr(n, "font")) ? v : "Times New Roman");
    format_set_font_size(f, S_ai(n, "size", 12));
    if (pp_desc_bool(n, "bold"))
        format_set_bold(f);
    if (pp_desc_bool(n, "italic"))
        format_set_italic(f);
    if ((v = pp_desc_attr(n, "color")))
        format_set_font_color(f, S_color(v));
    if ((v = pp_desc_attr(n, "bg"))) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, S_color(v));
    }
    if (pp_desc_bool(n, "border"))
        format_set_border(f, LXW_BORDER_THIN);
    if ((v = pp_desc_attr(n, "align"))) {
        if (strcmp(v, "center") == 0)
            format_set_align(f, LXW_ALIGN_CENTER);
        else if (strcmp(v, "right") == 0)
            format_set_align(f, LXW_ALIGN_RIGHT);
        else
            format_set_align(f, LXW_ALIGN_LEFT);
    }
    if ((v = pp_desc_attr(n, "valign")))
        format_set_align(f, strcmp(v, "top") == 0 ? LXW_ALIGN_VERTICAL_TOP
                            : strcmp(v, "bottom") == 0
                                ? LXW_ALIGN_VERTICAL_BOTTOM
                                : LXW_ALIGN_VERTICAL_CENTER);
    if (pp_desc_bool(n, "wrap"))
        format_set_text_wrap(f);
    if ((v = pp_desc_attr(n, "num-format")))
        format_set_num_format(f, v);
    /* cells are locked by default: protection keeps formulas safe */
    if ((v = pp_desc_attr(n, "locked")) && (strcmp(v, "false") == 0 ||
                                   strcmp(v, "0") == 0))
        format_set_unlocked(f);
    if ((v = pp_desc_attr(n, "indent")))
        format_set_indent(f, (uint8_t)atoi(v));
    if ((v = pp_desc_attr(n, "rotate"))) /* degrees, or 270: stacked */
        format_set_rotation(f, (int16_t)atoi(v));
    w->fmts[w->nfmt].wrap = pp_desc_bool(n, "wrap");
    w->fmts[w->nfmt].size = S_ai(n, "size", 12);
    w->fmts[w->nfmt].bold = pp_desc_bool(n, "bold");
    w->fmts[w->nfmt].indent = S_ai(n, "indent", 0);
    w->fmts[w->nfmt].id = pp_desc_attr(n, "id");
    w->fmts[w->nfmt].f = f;
    w->nfmt++;
}

/* <row r height> with <c c t f v>: typed cells. */
static void S_row(W *w, lxw_worksheet *ws, xmlNodePtr row)
{
    lxw_row_t r = (lxw_row_t)S_ai(row, "r", 0);
    xmlNodePtr c;
    const char *h = pp_desc_attr(row, "height");
    char buf[4096];
    if (h)
        worksheet_set_row(ws, r, strtod(h, NULL), NULL);
    for (c = row->children; c; c = c->next) {
        lxw_col_t col;
        const char *t, *v;
        lxw_format *f;
        lxw_error e = LXW_NO_ERROR;
        if (!pp_desc_is(c, "c"))
            continue;
        col = (lxw_col_t)S_ai(c, "c", 0);
        t = pp_desc_attr(c, "t");
        v = pp_desc_attr(c, "v");
        f = S_format(w, pp_desc_attr(c, "f"));
        if (!t) /* default: a number when there is a value, else text */
            t = v ? "n" : "s";
        if (strcmp(t, "s") == 0)
            e = worksheet_write_string(ws, r, col, S_text(c, buf, sizeof buf), f);
        else if (strcmp(t, "n") == 0)
            e = v && *v ? worksheet_write_number(ws, r, col, strtod(v, NULL), f)
                        : worksheet_write_blank(ws, r, col, f);
        else if (strcmp(t, "f") == 0)
            e = worksheet_write_formula_num(ws, r, col,
                                            S_text(c, buf, sizeof buf), f,
                                            v ? strtod(v, NULL) : 0);
        else if (strcmp(t, "fs") == 0) /* formula with a text result */
            e = worksheet_write_formula_str(ws, r, col,
                                            S_text(c, buf, sizeof buf), f,
                                            v ? v : "");
        else
            e = worksheet_write_blank(ws, r, col, f);
        if (e != LXW_NO_ERROR && !w->bad) {
            pp_diag_error(w->d, w->path, 0, 0,
                          "cell row %u column %u: %s", (unsigned)r + 1,
                          (unsigned)col + 1, lxw_strerror(e));
            w->bad = 1;
        }
    }
}


/* ---------------------------------------------------------------------
 * Bound rows: <rows source key first height> holding cell templates
 *   <c c t f v field if unless>text <field name add plus/> text</c>
 * compiled once (bound.c), then written for every record of the source.
 */
typedef struct {
    pp_bound_cell b;
    lxw_col_t col;
    char t;            /* 'n', 's', 'f', 'F' (formula with text), 'b' */
    lxw_format *f;
    const S_fmt *sf;   /* its format, else its column's (fit-height) */
} S_tcell;

/* Compile one cell template; 0, or -1 on failure (reported). */
static int S_tcell_compile(W *w, pp_bound *b, xmlNodePtr c, S_tcell *tc)
{
    const char *t = pp_desc_attr(c, "t");
    memset(tc, 0, sizeof *tc);
    if (pp_bound_cell_compile(b, c, &tc->b) != 0)
        return -1;
    tc->col = (lxw_col_t)S_ai(c, "c", 0);
    tc->f = S_format(w, pp_desc_attr(c, "f"));
    tc->sf = S_fmt_find(w, pp_desc_attr(c, "f"));
    if (!tc->sf && tc->col < MAXCOL)
        tc->sf = w->colf[tc->col];
    if (!t)
        t = tc->b.v || pp_desc_attr(c, "field") ? "n" : "s";
    tc->t = strcmp(t, "n") == 0 ? 'n' : strcmp(t, "s") == 0 ? 's'
            : strcmp(t, "f") == 0 ? 'f' : strcmp(t, "fs") == 0 ? 'F' : 'b';
    return 0;
}

/* Write one cell template for one record. */
static lxw_error S_tcell_write(pp_bound *b, lxw_worksheet *ws,
                               const S_tcell *tc, long rec, lxw_row_t r)
{
    pp_value v;
    char buf[4096];
    double num;
    const char *text;
    if (!pp_bound_cell_holds(b, &tc->b, rec))
        return LXW_NO_ERROR;
    if (tc->t == 's') {
        text = pp_bound_cell_string(b, &tc->b, rec, buf, sizeof buf);
        return text ? worksheet_write_string(ws, r, tc->col, text, tc->f)
                    : worksheet_write_blank(ws, r, tc->col, tc->f);
    }
    pp_bound_cell_value(b, &tc->b, rec, &v);
    num = pp_bound_vnum(&v);
    text = v.kind == PP_V_TEXT ? v.text : NULL;
    switch (tc->t) {
    case 'n':
        return v.kind == PP_V_NONE || (text && !*text)
                   ? worksheet_write_blank(ws, r, tc->col, tc->f)
                   : worksheet_write_number(ws, r, tc->col, num, tc->f);
    case 'f':
        return worksheet_write_formula_num(
            ws, r, tc->col, pp_bound_cell_text(b, &tc->b, rec, buf, sizeof buf),
            tc->f, num);
    case 'F':
        return worksheet_write_formula_str(
            ws, r, tc->col, pp_bound_cell_text(b, &tc->b, rec, buf, sizeof buf),
            tc->f, text ? text : "");
    default:
        return worksheet_write_blank(ws, r, tc->col, tc->f);
    }
}

/* A cell's text area at 100 %, in pixels, of a column `width` characters
 * wide: the spreadsheet's column is the default font's digit (7 pixels,
 * Calibri 11) times the width plus 5 pixels of padding (as libxlsxwriter
 * writes it), less that padding (the cell's margins and grid line), and
 * 9 pixels an indent level. */
static double S_text_room(double width, int indent)
{
    double px = width < 1 ? floor(width * 12 + 0.5)
                          : floor(width * 7 + 0.5) + 5;
    px -= 5 + 9.0 * indent;
    return px > 1 ? px : 1;
}

/* The pixels of text t (n bytes) in format sf; without a font to measure
 * with, 6 pixels a letter at 11 points (a Times New Roman letter on
 * average, generously). */
static double S_px(const S_fmt *sf, const char *t, size_t n)
{
    double px = pp_font_text_px(sf->bold, sf->size, t, n), k = 0;
    size_t i;
    if (px >= 0)
        return px;
    for (i = 0; i < n; i++)
        k += ((unsigned char)t[i] & 0xC0) != 0x80;
    return k * 6.0 * sf->size / 11;
}

/* The height in points that the wrapped text t needs in a column `width`
 * characters wide, in format sf: its lines as a spreadsheet breaks them
 * at spaces (and a word wider than the column by its letters), each word
 * measured with the font's own advances; 0 for a single line. */
static double S_text_height(const char *t, double width, const S_fmt *sf)
{
    double room = S_text_room(width, sf->indent), space = S_px(sf, " ", 1),
           line = 0;
    long lines = 1;
    const char *p = t, *word = t;
    while (1) {
        if (*p == ' ' || *p == '\n' || !*p) {
            if (p > word) {
                double n = S_px(sf, word, (size_t)(p - word));
                if (line > 0 && line + space + n > room) {
                    lines++;
                    line = 0;
                }
                line += (line > 0 ? space : 0) + n;
                while (line > room) { /* a word wider than the column */
                    lines++;
                    line -= room;
                }
            }
            if (*p == '\n') {
                lines++;
                line = 0;
            }
            if (!*p)
                break;
            word = p + 1;
        }
        p++;
    }
    /* one line: the row's own height (the spreadsheet's default) */
    return lines > 1 ? (double)lines * (sf->size * 1.3) + 3 : 0;
}

/* <rows source key first height>: the template for every record. */
static void S_rows(W *w, lxw_worksheet *ws, xmlNodePtr n)
{
    const char *h = pp_desc_attr(n, "height");
    int fit = pp_desc_bool(n, "fit-height");
    lxw_row_t first = (lxw_row_t)S_ai(n, "first", 0);
    pp_bound b;
    long count, rec;
    S_tcell *cells;
    int ncells = 0, i, olh = -1;
    const char *ol;
    xmlNodePtr c;
    count = pp_bound_open(&b, w->src, n, (long)first, w->d, w->path, "workbook");
    if (count < 0) {
        w->bad = 1;
        return;
    }
    for (c = n->children; c; c = c->next)
        ncells += pp_desc_is(c, "c");
    cells = calloc((size_t)ncells + 1, sizeof *cells);
    if (!cells) {
        w->bad = 1;
        pp_bound_close(&b);
        return;
    }
    ncells = 0;
    for (c = n->children; c; c = c->next)
        if (pp_desc_is(c, "c") && S_tcell_compile(w, &b, c, &cells[ncells++]) != 0)
            w->bad = 1;
    /* outline="FIELD": the record's field gives the row's outline level */
    if ((ol = pp_desc_attr(n, "outline")) &&
        (olh = w->src->field(w->src->ctx, b.cur, ol)) < 0) {
        pp_diag_error(w->d, w->path, 0, 0, "rows outline: the source has "
                      "no field '%s'", ol);
        w->bad = 1;
    }
    for (rec = 0; rec < count && !w->bad; rec++) {
        lxw_row_t r = first + (lxw_row_t)rec;
        double need = h ? strtod(h, NULL) : LXW_DEF_ROW_HEIGHT;
        int set = h != NULL;
        if (fit) { /* fit-height: as tall as its wrapped texts need */
            for (i = 0; i < ncells; i++) {
                char tb[4096];
                const char *t;
                double hh;
                if (cells[i].t != 's' || !cells[i].sf || !cells[i].sf->wrap ||
                    cells[i].col >= MAXCOL ||
                    !pp_bound_cell_holds(&b, &cells[i].b, rec))
                    continue;
                t = pp_bound_cell_string(&b, &cells[i].b, rec, tb, sizeof tb);
                hh = t ? S_text_height(t, w->colw[cells[i].col],
                                       cells[i].sf)
                       : 0;
                if (hh > need)
                    need = hh;
            }
            if (need > LXW_DEF_ROW_HEIGHT)
                set = 1;
        }
        if (olh >= 0) {
            lxw_row_col_options o;
            pp_value v;
            memset(&o, 0, sizeof o);
            w->src->get(w->src->ctx, b.cur, rec, olh, &v);
            o.level = (uint8_t)(v.kind == PP_V_NUMBER && v.milli > 0
                                    ? (v.milli > 7000 ? 7 : v.milli / 1000)
                                    : 0);
            worksheet_set_row_opt(ws, r, need, NULL, &o);
        } else if (set)
            worksheet_set_row(ws, r, need, NULL);
        for (i = 0; i < ncells; i++) {
            lxw_error e = S_tcell_write(&b, ws, &cells[i], rec, r);
            if (e != LXW_NO_ERROR && !w->bad) {
                pp_diag_error(w->d, w->path, 0, 0,
                              "cell row %u column %u: %s", (unsigned)r + 1,
                              (unsigned)cells[i].col + 1, lxw_strerror(e));
                w->bad = 1;
            }
        }
    }
    for (i = 0; i < ncells; i++)
        pp_bound_cell_free(&cells[i].b);
    free(cells);
    pp_bound_close(&b);
}

/* <cond range type="cell" criteria value format> */
static void S_cond(W *w, lxw_worksheet *ws, xmlNodePtr n)
{
    lxw_conditional_format cf;
    const char *crit = pp_desc_attr(n, "criteria"), *range = pp_desc_attr(n, "range");
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_TYPE_CELL;
    cf.criteria = !crit                       ? LXW_CONDITIONAL_CRITERIA_LESS_THAN
                  : strcmp(crit, "<") == 0    ? LXW_CONDITIONAL_CRITERIA_LESS_THAN
                  : strcmp(crit, "<=") == 0   ? LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO
                  : strcmp(crit, ">") == 0    ? LXW_CONDITIONAL_CRITERIA_GREATER_THAN
                  : strcmp(crit, ">=") == 0   ? LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO
                  : strcmp(crit, "=") == 0    ? LXW_CONDITIONAL_CRITERIA_EQUAL_TO
                                              : LXW_CONDITIONAL_CRITERIA_LESS_THAN;
    cf.value = strtod(pp_desc_attr(n, "value") ? pp_desc_attr(n, "value") : "0", NULL);
    cf.format = S_format(w, pp_desc_attr(n, "format"));
    if (range)
        worksheet_conditional_format_range(ws, lxw_name_to_row(range),
                                           lxw_name_to_col(range),
                                           lxw_name_to_row_2(range),
                                           lxw_name_to_col_2(range), &cf);
}

/* <chart type="bar" row col title name categories values width height> */
static void S_chart(W *w, lxw_worksheet *ws, xmlNodePtr n)
{
    const char *type = pp_desc_attr(n, "type");
    lxw_chart *ch = workbook_add_chart(
        w->wb, type && strcmp(type, "column") == 0 ? LXW_CHART_COLUMN
                                                   : LXW_CHART_BAR);
    lxw_chart_series *se;
    lxw_chart_options opt;
    if (!ch)
        return;
    se = chart_add_series(ch, pp_desc_attr(n, "categories"), pp_desc_attr(n, "values"));
    if (pp_desc_attr(n, "name"))
        chart_series_set_name(se, pp_desc_attr(n, "name"));
    if (pp_desc_attr(n, "title"))
        chart_title_set_name(ch, pp_desc_attr(n, "title"));
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    chart_series_set_labels(se);
    if (type && strcmp(type, "bar") == 0)
        chart_axis_set_reverse(ch->y_axis);
    /* one scale for every chart: the value axis as the template says */
    if (pp_desc_attr(n, "min"))
        chart_axis_set_min(ch->x_axis, strtod(pp_desc_attr(n, "min"), NULL));
    if (pp_desc_attr(n, "max"))
        chart_axis_set_max(ch->x_axis, strtod(pp_desc_attr(n, "max"), NULL));
    if (pp_desc_attr(n, "major")) {
        chart_axis_set_major_unit(ch->x_axis,
                                  strtod(pp_desc_attr(n, "major"), NULL));
        chart_axis_major_gridlines_set_visible(ch->x_axis, LXW_TRUE);
    }
    memset(&opt, 0, sizeof opt);
    opt.x_scale = strtod(pp_desc_attr(n, "x-scale") ? pp_desc_attr(n, "x-scale") : "1.5", NULL);
    opt.y_scale = strtod(pp_desc_attr(n, "y-scale") ? pp_desc_attr(n, "y-scale") : "2", NULL);
    worksheet_insert_chart_opt(ws, (lxw_row_t)S_ai(n, "row", 1),
                               (lxw_col_t)S_ai(n, "col", 10), ch, &opt);
}

/* <validate range formula input-title input error-title error>: a custom
 * formula every value typed into the range must satisfy (relative to the
 * range's first cell); any other value is refused with the error text. */
static void S_validate(W *w, lxw_worksheet *ws, xmlNodePtr n)
{
    lxw_data_validation dv;
    const char *range = pp_desc_attr(n, "range");
    lxw_error e;
    memset(&dv, 0, sizeof dv);
    dv.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
    dv.value_formula = (char *)pp_desc_attr(n, "formula");
    dv.ignore_blank = LXW_VALIDATION_ON;
    dv.show_error = LXW_VALIDATION_ON;
    dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    dv.input_title = (char *)pp_desc_attr(n, "input-title");
    dv.input_message = (char *)pp_desc_attr(n, "input");
    dv.error_title = (char *)pp_desc_attr(n, "error-title");
    dv.error_message = (char *)pp_desc_attr(n, "error");
    if (dv.input_title || dv.input_message)
        dv.show_input = LXW_VALIDATION_ON;
    e = worksheet_data_validation_range(ws, lxw_name_to_row(range),
                                        lxw_name_to_col(range),
                                        lxw_name_to_row_2(range),
                                        lxw_name_to_col_2(range), &dv);
    if (e != LXW_NO_ERROR && !w->bad) {
        pp_diag_error(w->d, w->path, 0, 0, "validation of %s: %s", range,
                      lxw_strerror(e));
        w->bad = 1;
    }
}

/* One <sheet>. */
static void S_sheet(W *w, xmlNodePtr s)
{
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, pp_desc_attr(s, "name"));
    xmlNodePtr c;
    const char *v;
    if (!ws) {
        pp_diag_error(w->d, w->path, 0, 0, "sheet name '%s' is not allowed",
                      pp_desc_attr(s, "name") ? pp_desc_attr(s, "name") : "");
        w->bad = 1;
        return;
    }
    worksheet_set_paper(ws, 9); /* A4 */
    if (pp_desc_bool(s, "landscape"))
        worksheet_set_landscape(ws);
    if (pp_desc_bool(s, "fit-width"))
        worksheet_fit_to_pages(ws, 1, 0);
    if (pp_desc_bool(s, "outline-above")) /* a group's sum above it */
        worksheet_outline_settings(ws, LXW_TRUE, LXW_FALSE, LXW_TRUE,
                                   LXW_FALSE);
    if ((v = pp_desc_attr(s, "repeat-cols"))) {
        int a = 0, b = 0;
        if (sscanf(v, "%d-%d", &a, &b) == 2)
            worksheet_repeat_columns(ws, (lxw_col_t)a, (lxw_col_t)b);
    }
    if ((v = pp_desc_attr(s, "col-breaks"))) { /* a page starts at each */
        lxw_col_t br[64];
        int nb = 0, used = 0;
        long col;
        while (nb < 63 && sscanf(v, "%ld%n", &col, &used) == 1) {
            if (col > 0 && col < MAXCOL)
                br[nb++] = (lxw_col_t)col;
            v += used;
        }
        br[nb] = 0;
        if (nb)
            worksheet_set_v_pagebreaks(ws, br);
    }
    if ((v = pp_desc_attr(s, "repeat-rows"))) {
        int a = 0, b = 0;
        if (sscanf(v, "%d-%d", &a, &b) == 2)
            worksheet_repeat_rows(ws, (lxw_row_t)a, (lxw_row_t)b);
    }
    if ((v = pp_desc_attr(s, "header")))
        worksheet_set_header(ws, v);
    if ((v = pp_desc_attr(s, "footer")))
        worksheet_set_footer(ws, v);
    worksheet_set_margins(ws, 0.6, 0.4, 0.75, 0.75);
    /* columns and merges first: constant memory writes rows in order */
    for (int k = 0; k < MAXCOL; k++) {
        w->colw[k] = 8.43; /* the spreadsheet's default width */
        w->colf[k] = NULL;
    }
    for (c = s->children; c; c = c->next) {
        if (pp_desc_is(c, "col")) {
            lxw_row_col_options o;
            int k, k0 = S_ai(c, "first", 0), k1 = S_ai(c, "last", k0);
            for (k = k0; k <= k1 && k < MAXCOL; k++)
                if (k >= 0) {
                    w->colw[k] = strtod(pp_desc_attr(c, "width") ? pp_desc_attr(c, "width") : "10", NULL);
                    w->colf[k] = S_fmt_find(w, pp_desc_attr(c, "format"));
                }
            memset(&o, 0, sizeof o);
            o.hidden = (uint8_t)pp_desc_bool(c, "hidden");
            worksheet_set_column_opt(
                ws, (lxw_col_t)S_ai(c, "first", 0),
                (lxw_col_t)S_ai(c, "last", S_ai(c, "first", 0)),
                strtod(pp_desc_attr(c, "width") ? pp_desc_attr(c, "width") : "10", NULL),
                S_format(w, pp_desc_attr(c, "format")), &o);
        }
    }
    for (c = s->children; c; c = c->next) {
        if (pp_desc_is(c, "row"))
            S_row(w, ws, c);
        else if (pp_desc_is(c, "rows"))
            S_rows(w, ws, c);
        else if (pp_desc_is(c, "merge") && (v = pp_desc_attr(c, "range"))) {
            char buf[1024];
            worksheet_merge_range(ws, lxw_name_to_row(v), lxw_name_to_col(v),
                                  lxw_name_to_row_2(v), lxw_name_to_col_2(v),
                                  S_text(c, buf, sizeof buf),
                                  S_format(w, pp_desc_attr(c, "format")));
        } else if (pp_desc_is(c, "cond"))
            S_cond(w, ws, c);
        else if (pp_desc_is(c, "chart"))
            S_chart(w, ws, c);
        else if (pp_desc_is(c, "validate"))
            S_validate(w, ws, c);
    }
    if ((v = pp_desc_attr(s, "autofilter")))
        worksheet_autofilter(ws, lxw_name_to_row(v), lxw_name_to_col(v),
                             lxw_name_to_row_2(v), lxw_name_to_col_2(v));
    if (pp_desc_attr(s, "freeze-rows") || pp_desc_attr(s, "freeze-cols"))
        worksheet_freeze_panes(ws, (lxw_row_t)S_ai(s, "freeze-rows", 0),
                               (lxw_col_t)S_ai(s, "freeze-cols", 0));
    if (pp_desc_bool(s, "protect")) {
        lxw_protection p;
        memset(&p, 0, sizeof p);
        p.format_columns = 1;
        p.format_rows = 1;
        p.sort = 1;
        p.autofilter = 1;
        worksheet_protect(ws, NULL, &p);
    }
}

/* A writable folder in memory for libxlsxwriter's temporary files. */
static const char *S_tmpdir(void)
{
    static const char *dir;
    static int done;
    if (!done) {
        const char *t = getenv("TMPDIR");
        done = 1;
        if (access("/dev/shm", W_OK) == 0)
            dir = "/dev/shm";
        else if (t && access(t, W_OK) == 0)
            dir = t;
    }
    return dir;
}

/* libxlsxwriter (1.1.4) writes every part of a workbook into a temporary
 * file without checking those writes: past a file-size limit, or in a
 * temporary folder that fills up (and is empty again once the workbook is
 * closed, so that free space afterwards proves nothing), a part is cut
 * short, closed again with its end tags, and packaged all the same. So
 * every XML part of every workbook is read back and parsed whole
 * (pp_zip_xml_whole). 0, or EFBIG (under a file-size limit) / ENOSPC. */
static int S_parts_whole(const char *path)
{
    struct rlimit rl;
    if (pp_zip_xml_whole(path))
        return 0;
    if (getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        return EFBIG;
    return ENOSPC;
}

/* libxlsxwriter prints its own "[ERROR] workbook_close(): ..." lines on
 * standard error (naming the staging folder); parpack says the same in
 * its own words. Standard error goes to /dev/null while it works: the
 * saved descriptor, or -1. */
static int S_mute(void)
{
    int saved, nul;
    fflush(stderr);
    saved = dup(2);
    nul = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved >= 0 && nul >= 0)
        dup2(nul, 2);
    if (nul >= 0)
        close(nul);
    return saved;
}

/* Give standard error back (errno kept). */
static void S_unmute(int saved)
{
    int err = errno;
    if (saved >= 0) {
        dup2(saved, 2);
        close(saved);
    }
    errno = err;
}

/* Keep freed memory between workbooks (see xlsx.h). */
void pp_xlsx_process_init(void)
{
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
}

/* See xlsx.h. */
void pp_xlsx_prepare(void)
{
    (void)pp_font_text_px(0, 11, "", 0);
}

/* Render; see xlsx.h. */
pp_status pp_xlsx_render(const pp_doc *doc, const char *out_path,
                         const pp_data_source *src, pp_diags *d)
{
    xmlNodePtr root = xmlDocGetRootElement(doc), c;
    lxw_workbook_options opt;
    lxw_doc_properties props;
    lxw_error e;
    W w;

    memset(&w, 0, sizeof w);
    w.d = d;
    w.path = out_path;
    w.src = src;
    if (!root || !pp_desc_is(root, "workbook")) {
        pp_diag_error(d, out_path, 0, 0,
                      "the description is not a <workbook>");
        return PP_E_TEMPLATE;
    }
    memset(&opt, 0, sizeof opt);
    opt.constant_memory = LXW_TRUE;
    opt.tmpdir = (char *)S_tmpdir();
    {
        int saved = S_mute();
        w.wb = workbook_new_opt(out_path, &opt);
        S_unmute(saved);
    }
    if (!w.wb) {
        pp_diag_error(d, out_path, 0, 0, "cannot create the workbook");
        return PP_E_OUTPUT;
    }
    memset(&props, 0, sizeof props);
    props.title = (char *)pp_desc_attr(root, "title");
    props.subject = (char *)pp_desc_attr(root, "subject");
    props.author = (char *)pp_desc_attr(root, "author");
    props.company = (char *)pp_desc_attr(root, "company");
    props.comments = (char *)pp_desc_attr(root, "comments");
    props.created = (time_t)pp_source_date_epoch();
    workbook_set_properties(w.wb, &props);
    for (c = root->children; c; c = c->next)
        if (pp_desc_is(c, "format"))
            S_add_format(&w, c);
    for (c = root->children; c; c = c->next)
        if (pp_desc_is(c, "sheet"))
            S_sheet(&w, c);
    /* <name name ref>: a workbook-wide defined name (a cell's address) */
    for (c = root->children; c; c = c->next)
        if (pp_desc_is(c, "name") &&
            workbook_define_name(w.wb, pp_desc_attr(c, "name"),
                                 pp_desc_attr(c, "ref")) != LXW_NO_ERROR) {
            pp_diag_error(d, out_path, 0, 0, "defined name '%s' is not "
                          "allowed", pp_desc_attr(c, "name"));
            w.bad = 1;
        }
    errno = 0; /* the system's reason, when a write fails inside */
    {
        int saved = S_mute();
        e = workbook_close(w.wb);
        S_unmute(saved);
    }
    if (e != LXW_NO_ERROR) {
        int err = errno;
        pp_diag_error(d, out_path, 0, 0, _("cannot write the workbook: %s"),
                      err ? strerror(err) : lxw_strerror(e));
        remove(out_path);
        return e == LXW_ERROR_CREATING_XLSX_FILE ||
                       e == LXW_ERROR_CREATING_TMPFILE ||
                       e == LXW_ERROR_ZIP_FILE_OPERATION ||
                       e == LXW_ERROR_ZIP_CLOSE
                   ? PP_E_OUTPUT
                   : PP_E_TEMPLATE;
    }
    if (w.bad) {
        remove(out_path);
        return PP_E_TEMPLATE;
    }
    if ((e = (lxw_error)S_parts_whole(out_path)) != 0) {
        pp_diag_error(d, out_path, 0, 0, _("cannot write the workbook: %s"),
                      strerror((int)e));
        remove(out_path);
        return PP_E_OUTPUT;
    }
    return PP_OK;
}
