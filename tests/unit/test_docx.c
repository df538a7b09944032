/* test_docx.c - the DOCX renderer on small descriptions: what each
 * element of the vocabulary becomes in WordprocessingML, bound rows from a
 * data source, the failures (an unknown source or field, an unwritable
 * folder) leaving no file, and reproducible bytes. */
#include "cu.h"
#include "render/docx/docx.h"
#include "base/zip.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* A data source of three records with fields "name" and "n". */
static const char *const S_names[] = {"Thống  Nhất", "Gia & Lộc", "Đức Xương"};

static pp_status S_open(void *ctx, const char *name, const char *key,
                        void **cur, long *count, pp_diags *d)
{
    (void)ctx;
    (void)key;
    *cur = NULL;
    if (strcmp(name, "units") != 0) {
        pp_diag_error(d, NULL, 0, 0, "no source '%s'", name);
        return PP_E_TEMPLATE;
    }
    *count = 3;
    return PP_OK;
}

static void S_close(void *ctx, void *cur)
{
    (void)ctx;
    (void)cur;
}

static int S_field(void *ctx, void *cur, const char *name)
{
    (void)ctx;
    (void)cur;
    return strcmp(name, "name") == 0 ? 0 : strcmp(name, "n") == 0 ? 1 : -1;
}

static void S_get(void *ctx, void *cur, long rec, int h, pp_value *out)
{
    (void)ctx;
    (void)cur;
    if (h == 0) {
        out->kind = PP_V_TEXT;
        out->text = S_names[rec];
    } else {
        out->kind = PP_V_NUMBER;
        out->milli = 87500 - 1000 * (int64_t)rec;
    }
}

static const pp_data_source S_src = {NULL, S_open, S_close, S_field, S_get};

static const char S_desc[] =
    "<document title=\"T &amp; t\" author=\"UBND\" lang=\"vi\">"
    "<page orientation=\"landscape\" margin-left=\"25\" font-size=\"13\"/>"
    "<section page-numbers=\"none\">"
    "<p align=\"center\" size=\"12\" bold=\"true\">A <i>b</i><br/> c  d</p>"
    "<rule width=\"40\" align=\"left\"/><space height=\"5\"/>"
    "<page-break/><p keep-with-next=\"true\">after the break</p>"
    "<table widths=\"1 3\" size=\"9\"><row header=\"true\"><cell>H1</cell>"
    "<cell>H2</cell></row><row><cell colspan=\"2\">both</cell></row>"
    "<rows source=\"units\"><cell align=\"right\" field=\"n\"/>"
    "<cell bold=\"true\">Xã <field name=\"name\"/></cell></rows></table>"
    "<table><row><cell>next table</cell></row></table>"
    "</section><section restart=\"yes\"><p>appendix</p>"
    "<chart title=\"C\" max=\"100\"><mark value=\"65\" label=\"65%\"/>"
    "<bar label=\"x\" value=\"87.49\" text=\"87,49\"/>"
    "<bar label=\"y\" value=\"66.45\" text=\"66,45\"/></chart>"
    "</section></document>";

/* Render desc (with the source) into path. */
static pp_status S_render(const char *desc, const char *path, pp_diags *d)
{
    xmlDocPtr doc = xmlReadMemory(desc, (int)strlen(desc), "d.xml", NULL, 0);
    pp_status st;
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    st = pp_docx_render(doc, path, &S_src, d);
    xmlFreeDoc(doc);
    return st;
}

/* A part of the DOCX at path, malloc'd. */
static char *S_part(const char *path, const char *name)
{
    pp_diags d = {0};
    size_t len;
    char *s = NULL;
    pp_zip_reader *z = NULL;
    if (pp_zip_reader_open(path, &z, &d) == PP_OK)
        (void)pp_zip_read_all(z, name, 64 << 20, &s, &len, &d);
    pp_zip_reader_close(z);
    pp_diags_free(&d);
    return s;
}

static void test_vocabulary(void)
{
    pp_diags d = {0};
    char *doc, *core, *sty, *ct, *chart;
    CU_ASSERT_EQUAL_FATAL(S_render(S_desc, cu_path("a.docx"), &d), PP_OK);
    doc = S_part(cu_path("a.docx"), "word/document.xml");
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    /* landscape A4, a 25 mm left margin */
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:pgSz w:w=\"16838\" w:h=\"11906\" "
                                       "w:orient=\"landscape\"/>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "w:left=\"1417\""));
    /* runs: bold paragraph, italic inside, a break, spaces collapsed */
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:jc w:val=\"center\"/>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:b/><w:bCs/><w:i/><w:iCs/>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:br/>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:t>c d</w:t>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:sz w:val=\"24\"/>"));
    /* a 40 mm rule at the left: indented right by the rest */
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:pBdr><w:bottom w:val=\"single\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:ind w:left=\"0\" w:right=\""));
    /* the page break before the next paragraph, kept with the next */
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:keepNext/><w:pageBreakBefore/>"));
    /* table: header row repeated, a span, widths 1:3 */
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:tblHeader/>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:gridSpan w:val=\"2\"/>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:gridCol w:w=\"3643\"/>"));
    /* bound rows: three, numbers with a decimal comma, text escaped and
     * normalised, the cell bold */
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:t>87,5</w:t>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:t>85,5</w:t>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:rPr><w:b/><w:bCs/></w:rPr>"
                                       "<w:t>Xã Thống Nhất</w:t>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:t>Xã Gia &amp; Lộc</w:t>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:pStyle w:val=\"Cell18\"/>"));
    /* two tables one after the other stay two: a paragraph between */
    CU_ASSERT_PTR_NULL(strstr(doc, "</w:tbl><w:tbl>"));
    /* sections: the first without numbers, the second restarting at 1 */
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "r:id=\"rIdHeaderEmpty\"/><w:headerReference "
                                       "w:type=\"first\""));
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<w:pgNumType w:start=\"1\"/>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "<c:chart "));
    core = S_part(cu_path("a.docx"), "docProps/core.xml");
    CU_ASSERT_PTR_NOT_NULL_FATAL(core);
    CU_ASSERT_PTR_NOT_NULL(strstr(core, "<dc:title>T &amp; t</dc:title>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(core, "<dc:creator>UBND</dc:creator>"));
    sty = S_part(cu_path("a.docx"), "word/styles.xml");
    CU_ASSERT_PTR_NOT_NULL_FATAL(sty);
    CU_ASSERT_PTR_NOT_NULL(strstr(sty, "<w:sz w:val=\"26\"/>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(sty, "w:styleId=\"Cell18\""));
    ct = S_part(cu_path("a.docx"), "[Content_Types].xml");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ct);
    CU_ASSERT_PTR_NOT_NULL(strstr(ct, "/word/charts/chart1.xml"));
    chart = S_part(cu_path("a.docx"), "word/charts/chart1.xml");
    CU_ASSERT_PTR_NOT_NULL_FATAL(chart);
    CU_ASSERT_PTR_NOT_NULL(strstr(chart, "<c:v>87.49</c:v>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(chart, "<c:v>y</c:v>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(chart, "formatCode=\"[$-42A]0.00\""));
    /* the axis starts where the PDF's does (a multiple of 5 below the
     * smallest bar), gridlines every 5 */
    CU_ASSERT_PTR_NOT_NULL(strstr(chart, "<c:min val=\"60\"/>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(chart, "<c:majorUnit val=\"5\"/>"));
    CU_ASSERT_EQUAL(d.len, 0);
    free(doc);
    free(core);
    free(sty);
    free(ct);
    free(chart);
    pp_diags_free(&d);
}

static void test_reproducible(void)
{
    pp_diags d = {0};
    size_t la = 0, lb = 0;
    char *a, *b;
    setenv("SOURCE_DATE_EPOCH", "1679011200", 1);
    CU_ASSERT_EQUAL_FATAL(S_render(S_desc, cu_path("r1.docx"), &d), PP_OK);
    CU_ASSERT_EQUAL_FATAL(S_render(S_desc, cu_path("r2.docx"), &d), PP_OK);
    a = cu_slurp(cu_path("r1.docx"), &la);
    b = cu_slurp(cu_path("r2.docx"), &lb);
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(la, lb);
    CU_ASSERT(la > 0 && memcmp(a, b, la) == 0);
    free(a);
    free(b);
    a = S_part(cu_path("r1.docx"), "docProps/core.xml");
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT_PTR_NOT_NULL(strstr(a, ">2023-03-17T00:00:00Z</dcterms:modified>"));
    free(a);
    pp_diags_free(&d);
}

static void test_failures(void)
{
    pp_diags d = {0};
    struct stat st;
    char dir[300];
    /* an unknown source and an unknown field: a template's error */
    CU_ASSERT_EQUAL(S_render("<document><section><table widths=\"1\"><rows source=\"x\">"
                             "<cell field=\"n\"/></rows></table></section>"
                             "</document>",
                             cu_path("b.docx"), &d),
                    PP_E_TEMPLATE);
    CU_ASSERT(stat(cu_path("b.docx"), &st) != 0);
    CU_ASSERT(d.errors >= 1);
    CU_ASSERT_EQUAL(S_render("<document><section><table widths=\"1\"><rows source=\"units\">"
                             "<cell field=\"nn\"/></rows></table></section>"
                             "</document>",
                             cu_path("c.docx"), &d),
                    PP_E_TEMPLATE);
    CU_ASSERT(stat(cu_path("c.docx"), &st) != 0);
    CU_ASSERT(d.errors >= 2);
    CU_ASSERT_EQUAL(S_render("<other/>", cu_path("e.docx"), &d), PP_E_TEMPLATE);
    /* a folder that does not exist: an output error, nothing left */
    snprintf(dir, sizeof dir, "%s/none/f.docx", cu_dir());
    CU_ASSERT_EQUAL(S_render(S_desc, dir, &d), PP_E_OUTPUT);
    CU_ASSERT(stat(dir, &st) != 0);
    pp_diags_free(&d);
}

int main(void)
{
    static const cu_test tests[] = {{"vocabulary", test_vocabulary},
                                    {"reproducible", test_reproducible},
                                    {"failures", test_failures},
                                    {NULL, NULL}};
    if (cu_tmpdir("docx") != 0)
        return 1;
    return cu_main("docx", tests);
}
