/*
 * chart.c - word/charts/chartN.xml: a <chart type="hbar"> as a native
 * DrawingML bar chart (c:barDir "bar"), editable in the word processor:
 * the bars' labels as categories and their values as the series, each
 * with its cache; the first bar on top; data labels with the values'
 * decimals, on white; the value axis from where the PDF starts it to
 * `max`, ticks every 5 (or 10 over a wide range); the reference marks
 * (<mark>, the tiers' thresholds) dashed lines labelled at the top, as
 * the PDF draws them (dashed gridlines only on a chart without marks).
 */
#include "render/docx/dx.h"
#include "data/desc.h"
#include "render/doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* <name val="v"/> (chart elements have an unprefixed val attribute) */
static void S_v(dx *r, const char *name, const char *v)
{
    dx_empty(r, name, "val", v);
}

static void S_vl(dx *r, const char *name, long v)
{
    char b[32];
    snprintf(b, sizeof b, "%ld", v);
    S_v(r, name, b);
}

/* <a:solidFill> of one colour. */
static void S_fill(dx *r, const char *rgb)
{
    dx_start(r, "a:solidFill");
    S_v(r, "a:srgbClr", rgb);
    dx_end(r);
}

/* <c:numFmt>: a number format of its own, not the sheet's. */
static void S_numfmt(dx *r, const char *code)
{
    dx_start(r, "c:numFmt");
    dx_attr(r, "formatCode", code);
    dx_attr(r, "sourceLinked", "0");
    dx_end(r);
}

/* One point of a cache or literal: <c:pt idx><c:v>text</c:v></c:pt>. */
static void S_pt(dx *r, long idx, const char *text)
{
    dx_start(r, "c:pt");
    dx_attrl(r, "idx", idx);
    dx_start(r, "c:v");
    dx_text(r, text);
    dx_end(r);
    dx_end(r);
}

/* What a data label shows: the value, or the series' name; never the
 * legend key, the category, a percentage or a bubble size. */
static void S_shows(dx *r, int val, int series)
{
    S_v(r, "c:showLegendKey", "0");
    S_v(r, "c:showVal", val ? "1" : "0");
    S_v(r, "c:showCatName", "0");
    S_v(r, "c:showSerName", series ? "1" : "0");
    S_v(r, "c:showPercent", "0");
    S_v(r, "c:showBubbleSize", "0");
}

/* The cache of one series: ptCount, then a c:pt for bars from..to-1 of
 * the chart c, each the bar's attribute attr (dflt when absent); after
 * `head` empty points (the row of the thresholds' labels) when given. */
static void S_points(dx *r, xmlNodePtr c, int from, int to, int n,
                     int head, const char *attr, const char *dflt)
{
    xmlNodePtr b;
    int i;
    S_vl(r, "c:ptCount", n + head);
    for (b = c->children, i = 0; b; b = b->next)
        if (pp_desc_is(b, "bar")) {
            if (i >= from && i < to) {
                const char *v = pp_desc_attr(b, attr);
                S_pt(r, i - from + head, v ? v : dflt);
            }
            i++;
        }
}

/* Times New Roman at sz hundredths of a point, for a:defRPr / a:rPr. */
static void S_font(dx *r, const char *el, int sz, int bold)
{
    dx_start(r, el);
    if (strcmp(el, "a:rPr") == 0)
        dx_attr(r, "lang", "vi-VN");
    dx_attrl(r, "sz", sz);
    dx_attr(r, "b", bold ? "1" : "0");
    S_fill(r, "000000");
    dx_empty(r, "a:latin", "typeface", "Times New Roman");
    dx_empty(r, "a:cs", "typeface", "Times New Roman");
    dx_end(r);
}

/* The start of a text body (of c:txPr or c:rich): no body or list
 * properties of its own, then a paragraph, left open, whose runs are in
 * Times New Roman at sz hundredths of a point. */
static void S_para(dx *r, int sz, int bold)
{
    dx_start(r, "a:bodyPr");
    dx_end(r);
    dx_start(r, "a:lstStyle");
    dx_end(r);
    dx_start(r, "a:p");
    dx_start(r, "a:pPr");
    S_font(r, "a:defRPr", sz, bold);
    dx_end(r);
}

/* <c:txPr>: the text properties of an axis, labels or the chart. */
static void S_txpr(dx *r, int sz)
{
    dx_start(r, "c:txPr");
    S_para(r, sz, 0);
    dx_start(r, "a:endParaRPr");
    dx_attr(r, "lang", "vi-VN");
    dx_end(r);
    dx_end(r);
    dx_end(r);
}

/* <c:spPr> of a line: width in EMU, colour, dashed or not. */
static void S_line(dx *r, const char *rgb, int dash)
{
    dx_start(r, "c:spPr");
    dx_start(r, "a:ln");
    dx_attr(r, "w", "6350");
    S_fill(r, rgb);
    if (dash)
        S_v(r, "a:prstDash", "dash");
    dx_end(r);
    dx_end(r);
}

static void S_nofill(dx *r)
{
    dx_start(r, "c:spPr");
    dx_start(r, "a:noFill");
    dx_end(r);
    dx_start(r, "a:ln");
    dx_start(r, "a:noFill");
    dx_end(r);
    dx_end(r);
    dx_end(r);
}

/* <c:spPr> of a value's label: on white, as in the PDF, so that a
 * threshold's line through it stops at its edges. */
static void S_white(dx *r)
{
    dx_start(r, "c:spPr");
    S_fill(r, "FFFFFF");
    dx_start(r, "a:ln");
    dx_start(r, "a:noFill");
    dx_end(r);
    dx_end(r);
    dx_end(r);
}

/* The number format of the data labels: as many decimals as the bars'
 * texts show ("87,49" -> "0.00"). */
static void S_format(xmlNodePtr c, char *buf, size_t cap)
{
    xmlNodePtr b;
    size_t dec = 0, i;
    for (b = c->children; b; b = b->next)
        if (pp_desc_is(b, "bar")) {
            const char *t = pp_desc_attr(b, "text"), *comma;
            if (!t)
                t = pp_desc_attr(b, "value");
            comma = t ? strpbrk(t, ",.") : NULL;
            if (comma) {
                size_t k = strspn(comma + 1, "0123456789");
                if (k > dec)
                    dec = k;
            }
        }
    if (dec > 6)
        dec = 6;
    /* in Vietnamese (LCID 42A): a decimal comma, as the PDF writes it */
    snprintf(buf, cap, "%s", dec ? "[$-42A]0." : "[$-42A]0");
    for (i = 0; i < dec && strlen(buf) + 1 < cap; i++)
        strcat(buf, "0");
}

/* 1 when a labelled mark falls on the axis: the chart then opens with
 * an empty row, above the first bar, where the marks' labels stand (as
 * the PDF puts them above the bars, clear of the bars' values). */
static int S_head(xmlNodePtr c, double lo, double top)
{
    xmlNodePtr m;
    for (m = c->children; m; m = m->next) {
        const char *v = pp_desc_attr(m, "value");
        double f = v ? strtod(v, NULL) : 0;
        if (pp_desc_is(m, "mark") && v && pp_desc_attr(m, "label") &&
            f >= lo && f <= top)
            return 1;
    }
    return 0;
}

/* The tiers' thresholds (<mark value label>) as the PDF draws them: a
 * c:lineChart on the bars' axes, one series a mark, its value at every
 * bar, so that (the bars being horizontal) each is a dashed vertical
 * line at the threshold across the chart; the mark's label (the series'
 * name, "80%") shown once, in the empty row above the bars (S_head). Literal values (c:numLit):
 * the chart has no embedded sheet to refer to. */
static int S_marks(dx *r, xmlNodePtr c, int n, double lo, double top,
                   int size)
{
    xmlNodePtr m;
    int k = 0, i;
    for (m = c->children; m; m = m->next) {
        const char *v = pp_desc_attr(m, "value");
        double f = v ? strtod(v, NULL) : 0;
        if (pp_desc_is(m, "mark") && v && f >= lo && f <= top && n > 0)
            k++;
    }
    if (!k)
        return 0;
    dx_start(r, "c:lineChart");
    S_v(r, "c:grouping", "standard");
    S_v(r, "c:varyColors", "0");
    k = 0;
    for (m = c->children; m; m = m->next) {
        const char *v = pp_desc_attr(m, "value");
        const char *lab = pp_desc_attr(m, "label");
        double f = v ? strtod(v, NULL) : 0;
        if (!pp_desc_is(m, "mark") || !v || f < lo || f > top || n <= 0)
            continue;
        k++;
        dx_start(r, "c:ser");
        S_vl(r, "c:idx", k);
        S_vl(r, "c:order", k);
        dx_start(r, "c:tx");
        dx_start(r, "c:v");
        dx_text(r, lab ? lab : v);
        dx_end(r);
        dx_end(r);
        S_line(r, "000000", 1);
        dx_start(r, "c:marker");
        S_v(r, "c:symbol", "none");
        dx_end(r);
        if (lab) {
            dx_start(r, "c:dLbls");
            dx_start(r, "c:dLbl");
            S_v(r, "c:idx", "0");
            S_nofill(r);
            S_txpr(r, size - 100);
            S_v(r, "c:dLblPos", "t");
            S_shows(r, 0, 1);
            dx_end(r);
            S_shows(r, 0, 0);
            dx_end(r);
        }
        dx_start(r, "c:val");
        dx_start(r, "c:numLit");
        dx_start(r, "c:formatCode");
        dx_text(r, "General");
        dx_end(r);
        S_vl(r, "c:ptCount", n);
        for (i = 0; i < n; i++)
            S_pt(r, i, v);
        dx_end(r);
        dx_end(r);
        S_v(r, "c:smooth", "0");
        dx_end(r); /* c:ser */
    }
    S_v(r, "c:marker", "1");
    S_v(r, "c:axId", "500001");
    S_v(r, "c:axId", "500002");
    dx_end(r); /* c:lineChart */
    return k;
}

/* See dx.h. */
int dx_chart_part(dx *r, xmlNodePtr c, int from, int to, int title)
{
    dx_part *p;
    xmlTextWriterPtr prev;
    const char *t = title ? pp_desc_attr(c, "title") : NULL;
    const char *max = pp_desc_attr(c, "max");
    char fmt[16], ref[64];
    int size = (int)(strtod(pp_desc_attr(c, "size") ? pp_desc_attr(c, "size")
                                                     : "9",
                            NULL) *
                     100);
    double top = max ? strtod(max, NULL) : 100, lo = pp_doc_axis_min(c, top);
    int n = to - from, marks, step = top - lo > 40 ? 10 : 5;
    int head = S_head(c, lo, top);
    if (r->ncharts == r->capcharts) {
        int cap = r->capcharts ? r->capcharts * 2 : 4;
        dx_part *np = realloc(r->charts, (size_t)cap * sizeof *np);
        if (!np) {
            r->nomem = 1;
            return 0;
        }
        r->charts = np;
        r->capcharts = cap;
    }
    p = &r->charts[r->ncharts++];
    memset(p, 0, sizeof *p);
    prev = dx_part_begin(r, p);
    S_format(c, fmt, sizeof fmt);

    dx_start(r, "c:chartSpace");
    dx_attr(r, "xmlns:c",
            "http://schemas.openxmlformats.org/drawingml/2006/chart");
    dx_attr(r, "xmlns:a",
            "http://schemas.openxmlformats.org/drawingml/2006/main");
    dx_attr(r, "xmlns:r", "http://schemas.openxmlformats.org/officeDocument/"
                          "2006/relationships");
    S_v(r, "c:date1904", "0");
    S_v(r, "c:lang", "vi-VN");
    S_v(r, "c:roundedCorners", "0");
    dx_start(r, "c:chart");
    if (t) {
        dx_start(r, "c:title");
        dx_start(r, "c:tx");
        dx_start(r, "c:rich");
        S_para(r, size + 100, 1);
        dx_start(r, "a:r");
        S_font(r, "a:rPr", size + 100, 1);
        dx_start(r, "a:t");
        dx_text(r, t);
        dx_end(r);
        dx_end(r);
        dx_end(r);
        dx_end(r);
        dx_end(r);
        S_v(r, "c:overlay", "0");
        dx_end(r);
    }
    S_v(r, "c:autoTitleDeleted", t ? "0" : "1");
    dx_start(r, "c:plotArea");
    dx_start(r, "c:layout");
    dx_end(r);
    dx_start(r, "c:barChart");
    S_v(r, "c:barDir", "bar");
    S_v(r, "c:grouping", "clustered");
    S_v(r, "c:varyColors", "0");
    dx_start(r, "c:ser");
    S_v(r, "c:idx", "0");
    S_v(r, "c:order", "0");
    dx_start(r, "c:tx");
    dx_start(r, "c:strRef");
    dx_start(r, "c:f");
    dx_text(r, "Sheet1!$B$1");
    dx_end(r);
    dx_start(r, "c:strCache");
    S_v(r, "c:ptCount", "1");
    S_pt(r, 0, pp_desc_attr(c, "title") ? pp_desc_attr(c, "title") : "%");
    dx_end(r);
    dx_end(r);
    dx_end(r);
    dx_start(r, "c:spPr");
    S_fill(r, "737373");
    dx_end(r);
    S_v(r, "c:invertIfNegative", "0");
    dx_start(r, "c:dLbls");
    S_numfmt(r, fmt);
    S_white(r);
    S_txpr(r, size);
    S_v(r, "c:dLblPos", "outEnd");
    S_shows(r, 1, 0);
    dx_end(r);
    /* categories: the bars' labels */
    dx_start(r, "c:cat");
    dx_start(r, "c:strRef");
    snprintf(ref, sizeof ref, "Sheet1!$A$2:$A$%d", n + head + 1);
    dx_start(r, "c:f");
    dx_text(r, ref);
    dx_end(r);
    dx_start(r, "c:strCache");
    S_points(r, c, from, to, n, head, "label", "");
    dx_end(r);
    dx_end(r);
    dx_end(r);
    /* values */
    dx_start(r, "c:val");
    dx_start(r, "c:numRef");
    snprintf(ref, sizeof ref, "Sheet1!$B$2:$B$%d", n + head + 1);
    dx_start(r, "c:f");
    dx_text(r, ref);
    dx_end(r);
    dx_start(r, "c:numCache");
    dx_start(r, "c:formatCode");
    dx_text(r, fmt);
    dx_end(r);
    S_points(r, c, from, to, n, head, "value", "0");
    dx_end(r);
    dx_end(r);
    dx_end(r);
    dx_end(r); /* c:ser */
    S_v(r, "c:gapWidth", "50");
    S_v(r, "c:axId", "500001");
    S_v(r, "c:axId", "500002");
    dx_end(r); /* c:barChart */
    marks = S_marks(r, c, n + head, lo, top, size);

    /* categories on the left, the first on top */
    dx_start(r, "c:catAx");
    S_v(r, "c:axId", "500001");
    dx_start(r, "c:scaling");
    S_v(r, "c:orientation", "maxMin");
    dx_end(r);
    S_v(r, "c:delete", "0");
    S_v(r, "c:axPos", "l");
    S_numfmt(r, "General");
    S_v(r, "c:majorTickMark", "none");
    S_v(r, "c:minorTickMark", "none");
    S_v(r, "c:tickLblPos", "nextTo");
    S_line(r, "000000", 0);
    S_txpr(r, size);
    S_v(r, "c:crossAx", "500002");
    S_v(r, "c:crosses", "autoZero");
    S_v(r, "c:auto", "1");
    S_v(r, "c:lblAlgn", "ctr");
    S_v(r, "c:lblOffset", "100");
    S_v(r, "c:tickLblSkip", "1");
    S_v(r, "c:noMultiLvlLbl", "0");
    dx_end(r);

    /* values 0..max at the bottom */
    dx_start(r, "c:valAx");
    S_v(r, "c:axId", "500002");
    dx_start(r, "c:scaling");
    S_v(r, "c:orientation", "minMax");
    S_v(r, "c:max", max ? max : "100");
    snprintf(ref, sizeof ref, "%g", lo);
    S_v(r, "c:min", ref);
    dx_end(r);
    S_v(r, "c:delete", "0");
    S_v(r, "c:axPos", "b");
    if (!marks) { /* with no thresholds drawn, gridlines guide the eye */
        dx_start(r, "c:majorGridlines");
        S_line(r, "808080", 1);
        dx_end(r);
    }
    S_numfmt(r, "0");
    S_v(r, "c:majorTickMark", "out");
    S_v(r, "c:minorTickMark", "none");
    S_v(r, "c:tickLblPos", "nextTo");
    S_line(r, "000000", 0);
    S_txpr(r, size - 100);
    S_v(r, "c:crossAx", "500001");
    S_v(r, "c:crosses", "max");
    S_v(r, "c:crossBetween", "between");
    S_vl(r, "c:majorUnit", step);
    dx_end(r);
    dx_end(r); /* c:plotArea */
    S_v(r, "c:plotVisOnly", "1");
    S_v(r, "c:dispBlanksAs", "gap");
    dx_end(r); /* c:chart */
    S_nofill(r);
    S_txpr(r, size);
    dx_end(r); /* c:chartSpace */
    dx_part_end(r, prev);
    return r->nomem ? 0 : r->ncharts;
}
