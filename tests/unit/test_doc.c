/* test_doc.c - the document-vocabulary driver (render/doc.h) that the PDF
 * and DOCX renderers plug into: sections and their orientation, blocks
 * by kind, a table's rows, stopping, words and their styles, a column's last block,
 * a <columns>'s columns and their relative widths, the
 * start of a chart's axis (the same, in float, as the PDF computed it
 * before the two copies became one). */
#include "cu.h"
#include "render/doc.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static xmlDocPtr S_parse(const char *xml)
{
    return xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, 0);
}

/* What the callbacks saw, as text. */
typedef struct {
    char log[1024];
    int stop_after; /* stop once this many calls were logged; 0: never */
    int calls;
} S_seen;

static void S_log(S_seen *s, const char *what)
{
    strncat(s->log, what, sizeof s->log - strlen(s->log) - 1);
    s->calls++;
}

static int S_stop(void *ctx)
{
    S_seen *s = ctx;
    return s->stop_after && s->calls >= s->stop_after;
}

static void S_section(void *ctx, xmlNodePtr sect, int landscape, int last)
{
    char b[64];
    const xmlChar *id = xmlGetProp(sect, (const xmlChar *)"id");
    snprintf(b, sizeof b, "[%s %s%s]", id ? (const char *)id : "?",
             landscape ? "L" : "P", last ? " last" : "");
    xmlFree((void *)id);
    S_log(ctx, b);
}

#define S_BLOCK(name)                                                         \
    static void S_##name(void *ctx, xmlNodePtr c)                             \
    {                                                                         \
        (void)c;                                                              \
        S_log(ctx, #name " ");                                                \
    }
S_BLOCK(par)
S_BLOCK(rule)
S_BLOCK(space)
S_BLOCK(columns)
S_BLOCK(table)
S_BLOCK(chart)
S_BLOCK(page_break)

static const pp_doc_renderer S_rd = {.stop = S_stop,
                                     .section = S_section,
                                     .block = PP_DOC_BLOCKS(S_)};

static void test_sections(void)
{
    xmlDocPtr doc = S_parse(
        "<document><page orientation='portrait'/>"
        "<page orientation='landscape'/>"
        "<section id='a'/><x/><section id='b' orientation='portrait'/>"
        "<section id='c'/></document>");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr pg = pp_doc_page(root);
    S_seen s;
    memset(&s, 0, sizeof s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pg);
    /* the last <page> says */
    CU_ASSERT_EQUAL(pp_doc_landscape(pg, 0), 1);
    CU_ASSERT_EQUAL(pp_doc_landscape(NULL, 1), 1);
    CU_ASSERT_PTR_NOT_NULL(pp_doc_sections(&S_rd, &s, root, 1));
    CU_ASSERT_STRING_EQUAL(s.log, "[a L][b P][c L last]");
    memset(&s, 0, sizeof s);
    s.stop_after = 1;
    pp_doc_sections(&S_rd, &s, root, 0);
    CU_ASSERT_STRING_EQUAL(s.log, "[a P]");
    xmlFreeDoc(doc);
}

static void test_blocks(void)
{
    xmlDocPtr doc = S_parse(
        "<section> <p>x</p><rule/><space/><unknown/><columns/>"
        "<table/><chart/><page-break/><p/> </section>");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    S_seen s;
    memset(&s, 0, sizeof s);
    pp_doc_blocks(&S_rd, &s, root);
    CU_ASSERT_STRING_EQUAL(
        s.log, "par rule space columns table chart page_break par ");
    memset(&s, 0, sizeof s);
    s.stop_after = 2;
    pp_doc_blocks(&S_rd, &s, root);
    CU_ASSERT_STRING_EQUAL(s.log, "par rule ");
    CU_ASSERT_EQUAL(pp_doc_kind_of(pp_doc_last(root)), PP_DOC_P);
    CU_ASSERT_EQUAL(pp_doc_kind_of(pp_doc_next(root->children->next)),
                    PP_DOC_RULE);
    CU_ASSERT_EQUAL(pp_doc_kind_of(root->children->next->next->next->next),
                    -1);
    CU_ASSERT_PTR_NULL(pp_doc_next(pp_doc_last(root)));
    CU_ASSERT_PTR_NULL(pp_doc_kept_next(root->children->next));
    xmlFreeDoc(doc);
    doc = S_parse("<section><p/> <p keep-with-previous='true'/><p/>"
                  "</section>");
    root = xmlDocGetRootElement(doc);
    CU_ASSERT_PTR_EQUAL(pp_doc_kept_next(root->children),
                        root->children->next->next);
    CU_ASSERT_PTR_NULL(pp_doc_kept_next(root->children->next->next));
    xmlFreeDoc(doc);
}

static void S_row(void *ctx, xmlNodePtr row, int header)
{
    (void)row;
    S_log(ctx, header ? "head " : "row ");
}

static void S_rows(void *ctx, xmlNodePtr rows)
{
    (void)rows;
    S_log(ctx, "bound ");
}

static void test_rows(void)
{
    static const pp_doc_table_ops ops = {S_stop, S_row, S_rows};
    xmlDocPtr doc = S_parse(
        "<table><caption/><row header='true'><cell/><cell/><x/><cell/></row>"
        "<row><cell/></row> <rows source='units'/><row/></table>");
    xmlNodePtr t = xmlDocGetRootElement(doc);
    S_seen s;
    memset(&s, 0, sizeof s);
    pp_doc_rows(&ops, &s, t);
    CU_ASSERT_STRING_EQUAL(s.log, "head row bound row ");
    memset(&s, 0, sizeof s);
    s.stop_after = 2;
    pp_doc_rows(&ops, &s, t);
    CU_ASSERT_STRING_EQUAL(s.log, "head row ");
    CU_ASSERT_EQUAL(pp_doc_first_row_cells(t), 3);
    xmlFreeDoc(doc);
}

static void S_word(void *ctx, const char *s, size_t n, int style, int space)
{
    char b[64];
    snprintf(b, sizeof b, "%s%.*s/%d", space ? " " : "|", (int)n, s, style);
    S_log(ctx, b);
}

static void S_br(void *ctx)
{
    S_log(ctx, "<br>");
}

static void test_words(void)
{
    static const pp_doc_text_ops ops = {S_word, S_br};
    /* "Mô\xCC\x81t": NFD (o + U+0301 combining acute), read as NFC */
    xmlDocPtr doc = S_parse(
        "<p italic='true'>  M\xC3\xB4\xCC\x81t  <b>hai</b>ba <br/> b\xE1\xBB\x91n"
        "<i>\tn\xC4\x83m</i></p>");
    xmlNodePtr p = xmlDocGetRootElement(doc);
    S_seen s;
    memset(&s, 0, sizeof s);
    CU_ASSERT_EQUAL(pp_doc_style(p), PP_DOC_ITALIC);
    pp_doc_words(&ops, &s, p, NULL);
    /* no space before the first word, nor after <br/>; "hai" and "ba"
     * touch */
    CU_ASSERT_STRING_EQUAL(s.log, "|M\xE1\xBB\x91t/2 hai/3|ba/2<br>"
                                  "|b\xE1\xBB\x91n/2 n\xC4\x83m/2");
    memset(&s, 0, sizeof s);
    pp_doc_words(&ops, &s, p, " 87,49%  \n x ");
    CU_ASSERT_STRING_EQUAL(s.log, "|87,49%/2 x/2");
    xmlFreeDoc(doc);
}

/* The columns of <columns> xml as "weight/weight/…:sum" with the names
 * (id attribute) of the <column>s: "a1 b3:4". */
static const char *S_cols(const char *xml, char *b, size_t cap)
{
    xmlDocPtr doc = S_parse(xml);
    pp_doc_cols c;
    int i, n = pp_doc_columns(xmlDocGetRootElement(doc), &c);
    b[0] = 0;
    for (i = 0; i < n; i++) {
        xmlChar *id = xmlGetProp(c.col[i], (const xmlChar *)"id");
        size_t l = strlen(b);
        snprintf(b + l, cap - l, "%s%s%g", i ? " " : "",
                 id ? (const char *)id : "?", c.weight[i]);
        xmlFree(id);
    }
    if (n)
        snprintf(b + strlen(b), cap - strlen(b), ":%g", c.sum);
    xmlFreeDoc(doc);
    return b;
}

static void test_columns(void)
{
    char b[256];
    /* widths in order; other children are no columns */
    CU_ASSERT_STRING_EQUAL(
        S_cols("<columns widths='42 58'><column id='a'/> <p/>"
               "<column id='b'/></columns>", b, sizeof b),
        "a42 b58:100");
    /* no widths: equal; too few: 1 for the rest; too many: ignored */
    CU_ASSERT_STRING_EQUAL(
        S_cols("<columns><column id='a'/><column id='b'/></columns>", b,
               sizeof b),
        "a1 b1:2");
    CU_ASSERT_STRING_EQUAL(
        S_cols("<columns widths='3'><column id='a'/><column id='b'/>"
               "<column id='c'/></columns>", b, sizeof b),
        "a3 b1 c1:5");
    CU_ASSERT_STRING_EQUAL(
        S_cols("<columns widths='1 2 3'><column id='a'/></columns>", b,
               sizeof b),
        "a1:1");
    /* a negative width is 0; widths adding up to nothing: equal */
    CU_ASSERT_STRING_EQUAL(
        S_cols("<columns widths='-5 2.5'><column id='a'/><column id='b'/>"
               "</columns>", b, sizeof b),
        "a0 b2.5:2.5");
    CU_ASSERT_STRING_EQUAL(
        S_cols("<columns widths='0 0'><column id='a'/><column id='b'/>"
               "</columns>", b, sizeof b),
        "a1 b1:2");
    /* none, and at most PP_DOC_MAXCOLS */
    CU_ASSERT_STRING_EQUAL(S_cols("<columns widths='4'/>", b, sizeof b), "");
    CU_ASSERT_STRING_EQUAL(
        S_cols("<columns><column id='1'/><column id='2'/><column id='3'/>"
               "<column id='4'/><column id='5'/><column id='6'/>"
               "<column id='7'/><column id='8'/><column id='9'/></columns>",
               b, sizeof b),
        "11 21 31 41 51 61 71 81:8");
}

/* The PDF's own axis start before the driver, in float. */
static float S_old_axis_min(float v, float max)
{
    float lo = max, step;
    if (v < lo)
        lo = v;
    step = max - lo > 40 ? 10 : 5;
    lo = (float)((int)((lo - 2) / step)) * step;
    return lo < 20 ? 0 : lo;
}

static double S_axis(const char *chart)
{
    xmlDocPtr doc = S_parse(chart);
    double v = pp_doc_axis_min(xmlDocGetRootElement(doc), 100);
    xmlFreeDoc(doc);
    return v;
}

static void test_axis(void)
{
    int i, differ = 0;
    CU_ASSERT_DOUBLE_EQUAL(S_axis("<chart min='62.5'><bar value='90'/></chart>"),
                           62.5, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(S_axis("<chart/>"), 0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(
        S_axis("<chart><bar value='84.37'/><bar value='96'/></chart>"), 80,
        1e-9);
    CU_ASSERT_DOUBLE_EQUAL(S_axis("<chart><bar value='21'/></chart>"), 0,
                           1e-9);
    /* a wide range: a multiple of 10 */
    CU_ASSERT_DOUBLE_EQUAL(S_axis("<chart><bar value='58.2'/></chart>"), 50,
                           1e-9);
    /* every value with two decimals gives the PDF the float it had */
    for (i = 0; i <= 10000; i++) {
        char xml[96], v[16];
        snprintf(v, sizeof v, "%d.%02d", i / 100, i % 100);
        snprintf(xml, sizeof xml, "<chart><bar value='%s'/></chart>", v);
        if ((float)S_axis(xml) != S_old_axis_min(strtof(v, NULL), 100))
            differ++;
    }
    CU_ASSERT_EQUAL(differ, 0);
}

int main(void)
{
    static const cu_test tests[] = {
        {"sections: order, orientation, the last, stopping", test_sections},
        {"blocks by kind, stopping, next, kept next and last",
         test_blocks},
        {"a table's rows: header, body, bound, stopping", test_rows},
        {"words: spaces, styles, <br/>, NFC, a bound cell's text",
         test_words},
        {"side by side: a <columns>'s columns and their widths",
         test_columns},
        {"the start of a chart's axis, as the PDF had it", test_axis},
        {NULL, NULL}};
    return cu_main("doc", tests);
}
