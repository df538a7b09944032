/* xlsx.c - workbook descriptions into XLSX with libxlsxwriter (xlsx.h). */
#include "parpack/xlsx.h"
#include "desc.h"

#include <libxml/tree.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define MAXFMT 64

typedef struct {
    const char *id;
    lxw_format *f;
} S_fmt;

typedef struct {
    lxw_workbook *wb;
    S_fmt fmts[MAXFMT];
    int nfmt;
    pp_diags *d;
    const char *path;
    const pp_xlsx_source *src;
    const char *mark; /* <rows mark>: the id of the marked record */
    int mark_field;   /* the handle of the source's id field */
    int bad;
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

static lxw_format *S_format(W *w, const char *id)
{
    int i;
    if (!id)
        return NULL;
    for (i = 0; i < w->nfmt; i++)
        if (strcmp(w->fmts[i].id, id) == 0)
            return w->fmts[i].f;
    return NULL;
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
 * compiled once, then written for every record of the source.
 */
#define F_NONE (-1)    /* no field given */
#define F_ROW (-2)     /* pseudo-fields: the 1-based sheet row of the record */
#define F_POS (-3)     /* and its 1-based place in the source */
#define F_UNKNOWN (-4) /* a name the source has not (reported): absent */
#define F_MARKED (-5)  /* its id equals the mark of <rows> */
#define MAXCOND 4

typedef struct {
    const char *lit; /* literal text, or NULL for a field */
    int field, plus; /* field handle; plus: another field or F_NONE */
    long add;
} S_piece;

typedef struct {
    lxw_col_t col;
    char t;            /* 'n', 's', 'f', 'F' (formula with text), 'b' */
    lxw_format *f;
    const char *v;     /* literal value, or NULL */
    int vfield;        /* value from a field, or F_NONE */
    int cond[2][MAXCOND];     /* if, unless: fields, F_NONE ends */
    char *eq[2][MAXCOND];     /* their "=VALUE" parts, or NULL */
    S_piece *pieces;
    int npieces;
} S_tcell;

/* A field reference of a row template: a handle or a pseudo-field, or
 * F_UNKNOWN with an error recorded once. */
static int S_field(W *w, void *cur, const char *name, xmlNodePtr at)
{
    int h;
    if (strcmp(name, "row") == 0)
        return F_ROW;
    if (strcmp(name, "pos") == 0)
        return F_POS;
    if (strcmp(name, "marked") == 0)
        return F_MARKED;
    h = w->src->field(w->src->ctx, cur, name);
    if (h < 0 && !w->bad) {
        pp_diag_error(w->d, w->path, 0, 0,
                      "workbook description line %ld: <rows> source has "
                      "no field '%s'",
                      (long)xmlGetLineNo(at), name);
        w->bad = 1;
    }
    return h < 0 ? F_UNKNOWN : h;
}

/* Value of field h of record rec (pseudo-fields included; none and
 * unknown fields are absent). */
static void S_get(W *w, void *cur, long rec, long row, int h,
                  pp_xlsx_value *v)
{
    if (h == F_NONE || h == F_UNKNOWN) {
        v->kind = PP_XV_NONE;
        v->text = NULL;
        return;
    }
    if (h == F_MARKED) {
        pp_xlsx_value id;
        v->kind = PP_XV_NONE;
        if (w->mark && w->mark_field >= 0) {
            w->src->get(w->src->ctx, cur, rec, w->mark_field, &id);
            if (id.kind == PP_XV_TEXT && strcmp(id.text, w->mark) == 0) {
                v->kind = PP_XV_TEXT;
                v->text = "true";
            }
        }
        return;
    }
    if (h == F_ROW || h == F_POS) {
        v->kind = PP_XV_NUMBER;
        v->num = h == F_ROW ? (double)row + 1 : (double)rec + 1;
        v->text = NULL;
        return;
    }
    w->src->get(w->src->ctx, cur, rec, h, v);
}

/* A value as a number: a text is read as one, an absent value is 0. */
static double S_vnum(const pp_xlsx_value *v)
{
    return v->kind == PP_XV_NUMBER ? v->num
           : v->kind == PP_XV_TEXT ? strtod(v->text, NULL) : 0;
}

/* A number as text: an integer as such, else up to 3 decimals. */
static int S_numtext(char *buf, size_t cap, double x)
{
    int n;
    if (x == (double)(long long)x)
        return snprintf(buf, cap, "%lld", (long long)x);
    n = snprintf(buf, cap, "%.3f", x);
    while (n > 0 && buf[n - 1] == '0')
        buf[--n] = 0;
    return n;
}

/* Does a condition hold: the field is present (a number, or a text that
 * is neither empty nor "false"), or equals eq when given. */
static int S_holds(const pp_xlsx_value *v, const char *eq)
{
    char buf[64];
    if (eq) {
        if (v->kind == PP_XV_TEXT)
            return strcmp(v->text, eq) == 0;
        if (v->kind == PP_XV_NUMBER) {
            S_numtext(buf, sizeof buf, v->num);
            return strcmp(buf, eq) == 0;
        }
        return *eq == 0;
    }
    if (v->kind == PP_XV_NUMBER)
        return 1;
    return v->kind == PP_XV_TEXT && v->text[0] && strcmp(v->text, "false") != 0;
}

/* Compile a condition attribute: terms "FIELD" or "FIELD=VALUE"
 * separated by spaces. Returns -1 when out of memory. */
static int S_cond_attr(W *w, void *cur, xmlNodePtr c, const char *k,
                       int *field, char **eq)
{
    const char *v = pp_desc_attr(c, k);
    int n = 0;
    field[0] = F_NONE;
    while (v && *v && n < MAXCOND) {
        size_t len = strcspn(v, " \t\n"), nl;
        char term[256], *e;
        if (!len) {
            v++;
            continue;
        }
        snprintf(term, sizeof term, "%.*s", (int)len, v);
        e = strchr(term, '=');
        nl = e ? (size_t)(e - term) : strlen(term);
        term[nl] = 0;
        field[n] = S_field(w, cur, term, c);
        eq[n] = e ? strdup(e + 1) : NULL;
        if (e && !eq[n])
            return -1;
        n++;
        v += len;
    }
    if (n < MAXCOND)
        field[n] = F_NONE;
    return 0;
}

/* Compile one cell template; 0, or -1 when out of memory. */
static int S_tcell_compile(W *w, void *cur, xmlNodePtr c, S_tcell *tc)
{
    const char *t = pp_desc_attr(c, "t"), *fld = pp_desc_attr(c, "field");
    xmlNodePtr k;
    int n = 0;
    memset(tc, 0, sizeof *tc);
    tc->col = (lxw_col_t)S_ai(c, "c", 0);
    tc->f = S_format(w, pp_desc_attr(c, "f"));
    tc->v = pp_desc_attr(c, "v");
    tc->vfield = fld ? S_field(w, cur, fld, c) : F_NONE;
    if (S_cond_attr(w, cur, c, "if", tc->cond[0], tc->eq[0]) != 0 ||
        S_cond_attr(w, cur, c, "unless", tc->cond[1], tc->eq[1]) != 0)
        return -1;
    if (!t)
        t = tc->v || fld ? "n" : "s";
    tc->t = strcmp(t, "n") == 0 ? 'n' : strcmp(t, "s") == 0 ? 's'
            : strcmp(t, "f") == 0 ? 'f' : strcmp(t, "fs") == 0 ? 'F' : 'b';
    for (k = c->children; k; k = k->next)
        n++;
    tc->pieces = calloc((size_t)n + 1, sizeof *tc->pieces);
    if (!tc->pieces)
        return -1;
    for (k = c->children; k; k = k->next) {
        S_piece *p = &tc->pieces[tc->npieces];
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
            p->lit = (const char *)k->content;
            tc->npieces++;
        } else if (pp_desc_is(k, "field")) {
            const char *nm = pp_desc_attr(k, "name"), *pl = pp_desc_attr(k, "plus");
            p->field = S_field(w, cur, nm ? nm : "", k);
            p->plus = pl ? S_field(w, cur, pl, k) : F_NONE;
            p->add = pp_desc_attr(k, "add") ? strtol(pp_desc_attr(k, "add"), NULL, 10) : 0;
            tc->npieces++;
        }
    }
    return 0;
}

/* The text of a cell template for one record into buf. */
static const char *S_tcell_text(W *w, void *cur, const S_tcell *tc, long rec,
                                long row, char *buf, size_t cap)
{
    size_t len = 0;
    int i;
    buf[0] = 0;
    for (i = 0; i < tc->npieces; i++) {
        const S_piece *p = &tc->pieces[i];
        pp_xlsx_value v;
        int n = 0;
        if (len >= cap - 1)
            break;
        if (p->lit) {
            n = snprintf(buf + len, cap - len, "%s", p->lit);
        } else {
            int sum = p->add || p->plus != F_NONE;
            S_get(w, cur, rec, row, p->field, &v);
            if (v.kind == PP_XV_TEXT && !sum) {
                n = snprintf(buf + len, cap - len, "%s", v.text);
            } else if (v.kind != PP_XV_NONE || sum) {
                double x = S_vnum(&v);
                if (p->plus != F_NONE) {
                    pp_xlsx_value q;
                    S_get(w, cur, rec, row, p->plus, &q);
                    x += S_vnum(&q);
                }
                n = S_numtext(buf + len, cap - len, x + (double)p->add);
            }
        }
        if (n > 0)
            len += (size_t)n < cap - len ? (size_t)n : cap - len - 1;
    }
    return buf;
}

/* Write one cell template for one record. */
static lxw_error S_tcell_write(W *w, lxw_worksheet *ws, void *cur,
                               const S_tcell *tc, long rec, lxw_row_t r)
{
    pp_xlsx_value v;
    char buf[4096];
    int i;
    double num;
    const char *text;
    /* if: every term holds; unless: none does */
    for (i = 0; i < 2; i++) {
        int j;
        for (j = 0; j < MAXCOND && tc->cond[i][j] != F_NONE; j++) {
            S_get(w, cur, rec, (long)r, tc->cond[i][j], &v);
            if (S_holds(&v, tc->eq[i][j]) != (i == 0))
                return LXW_NO_ERROR;
        }
    }
    S_get(w, cur, rec, (long)r, tc->vfield, &v);
    if (tc->vfield == F_NONE && tc->v) {
        v.kind = PP_XV_TEXT;
        v.text = tc->v;
    }
    num = S_vnum(&v);
    text = v.kind == PP_XV_TEXT ? v.text : NULL;
    switch (tc->t) {
    case 'n':
        return v.kind == PP_XV_NONE || (text && !*text)
                   ? worksheet_write_blank(ws, r, tc->col, tc->f)
                   : worksheet_write_number(ws, r, tc->col, num, tc->f);
    case 's':
        if (tc->vfield != F_NONE || (tc->v && !tc->npieces)) {
            char nb[64];
            if (v.kind == PP_XV_NUMBER) {
                S_numtext(nb, sizeof nb, v.num);
                text = nb;
            }
            return text ? worksheet_write_string(ws, r, tc->col, text, tc->f)
                        : worksheet_write_blank(ws, r, tc->col, tc->f);
        }
        return worksheet_write_string(
            ws, r, tc->col, S_tcell_text(w, cur, tc, rec, (long)r, buf, sizeof buf),
            tc->f);
    case 'f':
        return worksheet_write_formula_num(
            ws, r, tc->col, S_tcell_text(w, cur, tc, rec, (long)r, buf, sizeof buf),
            tc->f, num);
    case 'F':
        return worksheet_write_formula_str(
            ws, r, tc->col, S_tcell_text(w, cur, tc, rec, (long)r, buf, sizeof buf),
            tc->f, text ? text : "");
    default:
        return worksheet_write_blank(ws, r, tc->col, tc->f);
    }
}

/* <rows source key first height>: the template for every record. */
static void S_rows(W *w, lxw_worksheet *ws, xmlNodePtr n)
{
    const char *src = pp_desc_attr(n, "source"), *key = pp_desc_attr(n, "key");
    const char *h = pp_desc_attr(n, "height");
    lxw_row_t first = (lxw_row_t)S_ai(n, "first", 0);
    char err[256];
    void *cur = NULL;
    long count, rec;
    S_tcell *cells;
    int ncells = 0, i;
    xmlNodePtr c;
    if (!w->src) {
        pp_diag_error(w->d, w->path, 0, 0,
                      "workbook description line %ld: <rows> needs a data "
                      "source, and this workbook has none",
                      (long)xmlGetLineNo(n));
        w->bad = 1;
        return;
    }
    err[0] = 0;
    count = w->src->open(w->src->ctx, src ? src : "", key ? key : "", &cur, err);
    if (count < 0) {
        pp_diag_error(w->d, w->path, 0, 0,
                      "workbook description line %ld: <rows source=\"%s\" "
                      "key=\"%s\">: %s",
                      (long)xmlGetLineNo(n), src ? src : "", key ? key : "",
                      err[0] ? err : "no such source");
        w->bad = 1;
        return;
    }
    w->mark = pp_desc_attr(n, "mark");
    w->mark_field = w->src->field(w->src->ctx, cur, "id");
    for (c = n->children; c; c = c->next)
        ncells += pp_desc_is(c, "c");
    cells = calloc((size_t)ncells + 1, sizeof *cells);
    if (!cells) {
        w->bad = 1;
        w->src->close(w->src->ctx, cur);
        return;
    }
    ncells = 0;
    for (c = n->children; c; c = c->next)
        if (pp_desc_is(c, "c") && S_tcell_compile(w, cur, c, &cells[ncells++]) != 0)
            w->bad = 1;
    for (rec = 0; rec < count && !w->bad; rec++) {
        lxw_row_t r = first + (lxw_row_t)rec;
        if (h)
            worksheet_set_row(ws, r, strtod(h, NULL), NULL);
        for (i = 0; i < ncells; i++) {
            lxw_error e = S_tcell_write(w, ws, cur, &cells[i], rec, r);
            if (e != LXW_NO_ERROR && !w->bad) {
                pp_diag_error(w->d, w->path, 0, 0,
                              "cell row %u column %u: %s", (unsigned)r + 1,
                              (unsigned)cells[i].col + 1, lxw_strerror(e));
                w->bad = 1;
            }
        }
    }
    for (i = 0; i < ncells; i++) {
        int j, k;
        free(cells[i].pieces);
        for (j = 0; j < 2; j++)
            for (k = 0; k < MAXCOND; k++)
                free(cells[i].eq[j][k]);
    }
    free(cells);
    w->mark = NULL;
    w->src->close(w->src->ctx, cur);
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
    memset(&opt, 0, sizeof opt);
    opt.x_scale = strtod(pp_desc_attr(n, "x-scale") ? pp_desc_attr(n, "x-scale") : "1.5", NULL);
    opt.y_scale = strtod(pp_desc_attr(n, "y-scale") ? pp_desc_attr(n, "y-scale") : "2", NULL);
    worksheet_insert_chart_opt(ws, (lxw_row_t)S_ai(n, "row", 1),
                               (lxw_col_t)S_ai(n, "col", 10), ch, &opt);
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
    if ((v = pp_desc_attr(s, "repeat-cols"))) {
        int a = 0, b = 0;
        if (sscanf(v, "%d-%d", &a, &b) == 2)
            worksheet_repeat_columns(ws, (lxw_col_t)a, (lxw_col_t)b);
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
    for (c = s->children; c; c = c->next) {
        if (pp_desc_is(c, "col")) {
            lxw_row_col_options o;
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

/* Keep freed memory between workbooks (see xlsx.h). */
void pp_xlsx_process_init(void)
{
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
}

/* Render; see xlsx.h. */
int pp_xlsx_render(const void *doc, const char *out_path,
                   const pp_xlsx_source *src, pp_diags *d)
{
    xmlNodePtr root = xmlDocGetRootElement((xmlDocPtr)doc), c;
    lxw_workbook_options opt;
    lxw_doc_properties props;
    lxw_error e;
    W w;
    const char *sde = getenv("SOURCE_DATE_EPOCH");

    memset(&w, 0, sizeof w);
    w.d = d;
    w.path = out_path;
    w.src = src;
    if (!root || !pp_desc_is(root, "workbook")) {
        pp_diag_error(d, out_path, 0, 0,
                      "the description is not a <workbook>");
        return 4;
    }
    memset(&opt, 0, sizeof opt);
    opt.constant_memory = LXW_TRUE;
    opt.tmpdir = (char *)S_tmpdir();
    w.wb = workbook_new_opt(out_path, &opt);
    if (!w.wb) {
        pp_diag_error(d, out_path, 0, 0, "cannot create the workbook");
        return 3;
    }
    memset(&props, 0, sizeof props);
    props.title = (char *)pp_desc_attr(root, "title");
    props.subject = (char *)pp_desc_attr(root, "subject");
    props.author = (char *)pp_desc_attr(root, "author");
    props.company = (char *)pp_desc_attr(root, "company");
    props.comments = (char *)pp_desc_attr(root, "comments");
    props.created = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    workbook_set_properties(w.wb, &props);
    for (c = root->children; c; c = c->next)
        if (pp_desc_is(c, "format"))
            S_add_format(&w, c);
    for (c = root->children; c; c = c->next)
        if (pp_desc_is(c, "sheet"))
            S_sheet(&w, c);
    e = workbook_close(w.wb);
    if (e != LXW_NO_ERROR) {
        pp_diag_error(d, out_path, 0, 0, "cannot write the workbook: %s",
                      lxw_strerror(e));
        remove(out_path);
        return e == LXW_ERROR_CREATING_XLSX_FILE ||
                       e == LXW_ERROR_CREATING_TMPFILE ||
                       e == LXW_ERROR_ZIP_FILE_OPERATION ||
                       e == LXW_ERROR_ZIP_CLOSE
                   ? 3
                   : 4;
    }
    if (w.bad) {
        remove(out_path);
        return 4;
    }
    return 0;
}
