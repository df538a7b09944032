/* test_load.c - the loader: values, structure, and every error class,
 * each reported with its line and column, all at once. */
#include "cu.h"
#include "core/model.h"

#include <stdlib.h>
#include <string.h>

#define HEAD                                                                  \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                            \
    "<appraisal format=\"1\" year=\"2022\" precision=\"2\">\n"                \
    "<issuer><name>UBND HUYỆN</name><symbol>UBND</symbol>"                    \
    "<place>Gia Lộc</place><signer title=\"CHỦ TỊCH\" name=\"A\"/>"           \
    "</issuer>\n"                                                             \
    "<announcement date=\"2023-03-17\"/>\n"
#define SCHEME                                                                \
    "<scheme max=\"10\">\n"                                                   \
    "<field id=\"1\" name=\"F1\"><criterion id=\"1.1\" name=\"a\" "           \
    "max=\"2.5\"/><criterion id=\"1.2\" name=\"b\" max=\"2.5\"/></field>\n"   \
    "<field id=\"2\" name=\"F2\"><criterion id=\"2.1\" name=\"c\" "           \
    "max=\"5\"/></field>\n"                                                   \
    "</scheme>\n"
#define RULES                                                                 \
    "<tiers><tier min=\"80\" label=\"T1\"/><tier min=\"0\" "                  \
    "label=\"T2\"/></tiers>\n"                                                \
    "<ratings><rating id=\"tot\" min=\"80\" field-min=\"70\" label=\"R1\"/>"  \
    "<rating id=\"ht\" min=\"0\" label=\"R2\"/></ratings>\n"

static pp_model *load(const char *xml, pp_diags *d)
{
    return pp_model_load_memory(xml, strlen(xml), "t.xml", d);
}

/* Is there a diagnostic at line:col whose message has `needle`? */
static int has(const pp_diags *d, long line, long col, const char *needle)
{
    size_t i;
    for (i = 0; i < d->len; i++)
        if ((line == 0 || d->items[i].line == line) &&
            (col == 0 || d->items[i].col == col) &&
            strstr(d->items[i].message, needle))
            return 1;
    return 0;
}

static void dump(const pp_diags *d)
{
    pp_diags_print(d, stdout);
}

static void test_milli_parse(void)
{
    pp_milli v = 0;
    CU_ASSERT_EQUAL(pp_milli_parse("87.49", &v), 0);
    CU_ASSERT_EQUAL(v, 87490);
    CU_ASSERT_EQUAL(pp_milli_parse("0.125", &v), 0);
    CU_ASSERT_EQUAL(v, 125);
    CU_ASSERT_EQUAL(pp_milli_parse("100", &v), 0);
    CU_ASSERT_EQUAL(v, 100000);
    CU_ASSERT_EQUAL(pp_milli_parse(" 2 ", &v), 0);
    CU_ASSERT_EQUAL(v, 2000);
    CU_ASSERT_EQUAL(pp_milli_parse("87,49", &v), -2);
    CU_ASSERT_EQUAL(pp_milli_parse("1.2345", &v), -3);
    CU_ASSERT_EQUAL(pp_milli_parse("abc", &v), -1);
    CU_ASSERT_EQUAL(pp_milli_parse("", &v), -1);
    CU_ASSERT_EQUAL(pp_milli_parse("1.", &v), -1);
    CU_ASSERT_EQUAL(pp_milli_parse("-1", &v), -1);
    CU_ASSERT_EQUAL(pp_milli_parse("1e3", &v), -1);
}

static void test_valid(void)
{
    pp_diags d = {0};
    pp_model *m = load(HEAD SCHEME RULES
                       "<units><unit id=\"a\" name=\"Đức Xương\">\n"
                       "<previous year=\"2021\" rank=\"3\" index=\"76.10\"/>\n"
                       "<score c=\"1.1\" self=\"2.5\" appraised=\"2\" "
                       "note=\"Chậm\"/>\n"
                       "<score c=\"1.2\" na=\"true\"/>\n"
                       "<score c=\"2.1\" self=\"4.125\"/>\n"
                       "</unit></units></appraisal>\n",
                       &d);
    dump(&d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(d.errors, 0);
    CU_ASSERT_EQUAL(m->year, 2022);
    CU_ASSERT_EQUAL(m->nfields, 2);
    CU_ASSERT_EQUAL(m->nleaves, 3);
    CU_ASSERT_EQUAL(m->ncriteria, 5);
    CU_ASSERT_EQUAL(m->scheme_max, 10000);
    CU_ASSERT_EQUAL(m->criteria[m->fields[0]].max, 5000);
    CU_ASSERT_EQUAL(m->units[0].scores[0].appraised, 2000);
    CU_ASSERT_EQUAL(m->units[0].scores[0].self, 2500);
    CU_ASSERT_STRING_EQUAL(m->units[0].scores[0].note, "Chậm");
    CU_ASSERT_TRUE(m->units[0].scores[1].na);
    CU_ASSERT_EQUAL(m->units[0].scores[2].self, 4125);
    CU_ASSERT_FALSE(m->units[0].scores[2].has_appraised);
    CU_ASSERT_EQUAL(m->units[0].prev_rank, 3);
    CU_ASSERT_EQUAL(m->units[0].prev_index, 76100);
    CU_ASSERT_EQUAL(m->ann_day, 17);
    /* base salary in force on 17/3/2023: decree 38/2019 */
    CU_ASSERT_EQUAL(m->base_salary, 1490000);
    CU_ASSERT_FALSE(m->has_blocks);
    CU_ASSERT_EQUAL(m->nblocks, 1);
    pp_model_free(m);
    pp_diags_free(&d);
}

static void test_nfd_is_normalised(void)
{
    pp_diags d = {0};
    /* "Đức Xương" with decomposed marks: u + U+031B + U+0301 ... */
    pp_model *m = load(HEAD SCHEME RULES
                       "<units><unit id=\"a\" name=\"\xc4\x90u\xcc\x9b\xcc\x81"
                       "c Xu\xcc\x9bo\xcc\x9bng\">"
                       "<score c=\"1.1\" appraised=\"2\"/>"
                       "<score c=\"1.2\" appraised=\"2\"/>"
                       "<score c=\"2.1\" appraised=\"2\"/>"
                       "</unit></units></appraisal>\n",
                       &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_STRING_EQUAL(m->units[0].name, "Đức Xương");
    pp_model_free(m);
    pp_diags_free(&d);
}

static void test_all_errors_at_once(void)
{
    pp_diags d = {0};
    pp_model *m = load(HEAD SCHEME RULES
                       "<units><unit id=\"a\" name=\"A\">\n"
                       "<score c=\"1.1\" appraised=\"2,5\"/>\n"
                       "<score c=\"1.2\" appraised=\"3\"/>\n"
                       "<score c=\"1.2\" appraised=\"1\"/>\n"
                       "<score c=\"9\" appraised=\"1\"/>\n"
                       "<score c=\"1\" appraised=\"1\"/>\n"
                       "</unit>\n"
                       "<unit id=\"a\" name=\"B\">\n"
                       "<score c=\"1.1\" na=\"true\"/>"
                       "<score c=\"1.2\" na=\"true\"/>"
                       "<score c=\"2.1\" na=\"true\"/>\n"
                       "</unit></units></appraisal>\n",
                       &d);
    dump(&d);
    CU_ASSERT_PTR_NULL(m);
    /* line 9: the comma decimal, at its attribute */
    CU_ASSERT_TRUE(has(&d, 12, 16, "appraised=\"2.5\""));
    CU_ASSERT_TRUE(has(&d, 13, 16, "above the criterion's maximum 2.5"));
    CU_ASSERT_TRUE(has(&d, 14, 1, "scored twice (first at line 13)"));
    CU_ASSERT_TRUE(has(&d, 15, 8, "no criterion '9'"));
    CU_ASSERT_TRUE(has(&d, 16, 8, "has sub-criteria"));
    CU_ASSERT_TRUE(has(&d, 11, 8, "no score for 1 criterion: 2.1"));
    CU_ASSERT_TRUE(has(&d, 18, 7, "unit id 'a' is used twice (first at line 11"));
    CU_ASSERT_TRUE(has(&d, 18, 1, "every criterion is marked not applicable"));
    CU_ASSERT_EQUAL(d.errors, 8);
    pp_diags_free(&d);
}

static void test_scheme_errors(void)
{
    pp_diags d = {0};
    pp_model *m = load(HEAD
                       "<scheme max=\"11\">\n"
                       "<field id=\"1\" name=\"F1\" max=\"6\">\n"
                       "<criterion id=\"1.1\" name=\"a\" max=\"2.5\"/>\n"
                       "<criterion id=\"1.1\" name=\"b\" max=\"2.5\"/>\n"
                       "<criterion id=\"1.3\" name=\"c\"/>\n"
                       "</field></scheme>\n"
                       "<tiers><tier min=\"50\" label=\"x\"/>"
                       "<tier min=\"60\" label=\"y\"/></tiers>\n"
                       "<ratings><rating id=\"r\" min=\"80\" label=\"R\"/>"
                       "</ratings>\n"
                       "<units/></appraisal>\n",
                       &d);
    dump(&d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_TRUE(has(&d, 8, 12, "criterion id '1.1' is used twice"));
    CU_ASSERT_TRUE(has(&d, 9, 1, "no sub-criteria and no max"));
    /* 1.3's maximum is not known: F1's sum is not said wrong for it; the
     * scheme's is, against F1's own max="6" */
    CU_ASSERT_FALSE(has(&d, 6, 25, "is not the sum of its sub-criteria"));
    CU_ASSERT_TRUE(has(&d, 5, 9, "scheme's max=\"11\""));
    CU_ASSERT_TRUE(has(&d, 11, 40, "highest first"));
    CU_ASSERT_TRUE(has(&d, 12, 10, "catch-all"));
    pp_diags_free(&d);

    /* every maximum known: a field's sum is checked */
    memset(&d, 0, sizeof d);
    m = load(HEAD
             "<scheme max=\"11\">\n"
             "<field id=\"1\" name=\"F1\" max=\"6\">\n"
             "<criterion id=\"1.1\" name=\"a\" max=\"2.5\"/>\n"
             "<criterion id=\"1.2\" name=\"b\" max=\"2.5\"/>\n"
             "</field></scheme>\n"
             "<tiers><tier min=\"0\" label=\"x\"/></tiers>\n"
             "<ratings><rating id=\"r\" min=\"0\" label=\"R\"/></ratings>\n"
             "<units/></appraisal>\n",
             &d);
    dump(&d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_TRUE(has(&d, 6, 25, "is not the sum of its sub-criteria (5)"));
    CU_ASSERT_TRUE(has(&d, 5, 9, "scheme's max=\"11\""));
    pp_diags_free(&d);
}

/* A leaf's maximum absent or written wrong is said once: not again for
 * every unit's points measured against it. */
static void test_unknown_max(void)
{
    static const char *const maxes[] = {" max=\"2,5\"", ""};
    size_t i;
    for (i = 0; i < 2; i++) {
        pp_diags d = {0};
        char xml[2048];
        pp_model *m;
        snprintf(xml, sizeof xml,
                 HEAD "<scheme>\n"
                 "<field id=\"1\" name=\"F1\">\n"
                 "<criterion id=\"1.1\" name=\"a\"%s/>\n"
                 "<criterion id=\"1.2\" name=\"b\" max=\"2\"/>\n"
                 "</field></scheme>\n"
                 "<tiers><tier min=\"0\" label=\"x\"/></tiers>\n"
                 "<ratings><rating id=\"r\" min=\"0\" label=\"R\"/></ratings>\n"
                 "<units><unit id=\"a\" name=\"A\">\n"
                 "<score c=\"1.1\" appraised=\"2\"/>\n"
                 "<score c=\"1.2\" appraised=\"3\"/>\n"
                 "</unit></units></appraisal>\n",
                 maxes[i]);
        m = load(xml, &d);
        dump(&d);
        CU_ASSERT_PTR_NULL(m);
        CU_ASSERT_TRUE(has(&d, 7, i ? 1 : 30,
                           i ? "no sub-criteria and no max" : "uses a decimal comma"));
        CU_ASSERT_FALSE(has(&d, 13, 16, "above the criterion's maximum"));
        CU_ASSERT_TRUE(has(&d, 14, 16, "appraised score 3 is above the criterion's maximum 2"));
        CU_ASSERT_EQUAL(d.errors, 2);
        pp_diags_free(&d);
    }
}

static void test_hostile(void)
{
    pp_diags d = {0};
    const char *xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "
                      "\"file:///etc/passwd\">]>\n<appraisal>&x;</appraisal>";
    pp_model *m = load(xxe, &d);
    dump(&d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_TRUE(has(&d, 2, 0, "DOCTYPE"));
    CU_ASSERT_EQUAL(d.errors, 1);
    pp_diags_free(&d);

    m = load("", &d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_TRUE(has(&d, 0, 0, "empty"));
    pp_diags_free(&d);

    m = pp_model_load_memory("\x7f" "ELF\0\0\0", 7, "b.xml", &d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_TRUE(has(&d, 0, 0, "binary"));
    pp_diags_free(&d);

    m = load("<appraisal format=\"1\" year=\"2022\"><issuer>", &d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_TRUE(has(&d, 0, 0, "malformed XML"));
    pp_diags_free(&d);
}

static void test_awards_refs(void)
{
    pp_diags d = {0};
    pp_model *m = load(HEAD SCHEME RULES
                       "<units><unit id=\"a\" name=\"A\">"
                       "<score c=\"1.1\" appraised=\"2\"/>"
                       "<score c=\"1.2\" appraised=\"2\"/>"
                       "<score c=\"2.1\" appraised=\"2\"/>"
                       "</unit></units>\n"
                       "<awards base-salary=\"2340000\">\n"
                       "<form id=\"gk\" label=\"Giấy khen\" individual=\"0.3\" "
                       "collective=\"0.6\"/>\n"
                       "<award form=\"gk\" reason=\"r\"><collective unit=\"a\"/>"
                       "<collective unit=\"zz\"/></award>\n"
                       "<award form=\"nope\"/>\n"
                       "<auto form=\"gk\" top=\"3\" rating=\"xx\"/>\n"
                       "</awards></appraisal>\n",
                       &d);
    dump(&d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_TRUE(has(&d, 14, 63, "unit=\"zz\" is not a unit"));
    CU_ASSERT_TRUE(has(&d, 15, 8, "no award form 'nope'"));
    CU_ASSERT_TRUE(has(&d, 16, 25, "no rating 'xx'"));
    pp_diags_free(&d);
}

/* Positions come from the parser's offsets: right past line 65,535 and
 * for start tags over several lines. */
static void test_positions(void)
{
    pp_diags d = {0};
    const char *head = HEAD SCHEME RULES "<units><unit id=\"a\" name=\"A\">\n";
    const char *tail = "<score c=\"1.1\" appraised=\"2,5\"/>\n"
                       "<score c=\"1.2\"\n   appraised=\"x\"/>\n"
                       "<score c=\"2.1\" appraised=\"9\"/>\n"
                       "</unit></units></appraisal>\n";
    size_t nh = strlen(head), nt = strlen(tail), pad = 70000, i;
    long line = 1;
    char *xml = malloc(nh + pad + nt + 1);
    pp_model *m;
    CU_ASSERT_PTR_NOT_NULL_FATAL(xml);
    memcpy(xml, head, nh);
    memset(xml + nh, '\n', pad);
    memcpy(xml + nh + pad, tail, nt + 1);
    for (i = 0; i < nh + pad; i++)
        line += xml[i] == '\n';
    m = load(xml, &d);
    dump(&d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_TRUE(has(&d, line, 16, "appraised=\"2,5\" uses a decimal comma"));
    CU_ASSERT_TRUE(has(&d, line + 2, 4, "appraised=\"x\" is not a number"));
    CU_ASSERT_TRUE(has(&d, line + 3, 16, "appraised score 9 is above"));
    CU_ASSERT_EQUAL(d.errors, 3);
    pp_diags_free(&d);
    free(xml);
}

/* CDATA is text; a negative number is said to be one; schema errors are
 * in the program's words at the tag or attribute they are about. */
static void test_cdata_negative_schema(void)
{
    pp_diags d = {0};
    pp_model *m;
    {
        const char *a = "<?xml version=\"1.0\"?>\n"
                        "<appraisal format=\"1\" year=\"2022\">\n"
                        "<issuer><name>A <![CDATA[B]]> C</name><symbol>U"
                        "</symbol><place>P</place><signer name=\"A\"/>"
                        "</issuer>\n<announcement date=\"2023-03-17\"/>\n";
        char buf[4096];
        snprintf(buf, sizeof buf, "%s%s%s", a, SCHEME RULES,
                 "<units><unit id=\"a\" name=\"A\">"
                 "<score c=\"1.1\" appraised=\"2\"/>"
                 "<score c=\"1.2\" appraised=\"2\"/>"
                 "<score c=\"2.1\" appraised=\"2\"/>"
                 "</unit></units></appraisal>\n");
        m = load(buf, &d);
        dump(&d);
        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
        CU_ASSERT_STRING_EQUAL(m->issuer_name, "A B C");
        pp_model_free(m);
        pp_diags_free(&d);
    }
    m = load(HEAD SCHEME RULES
             "<units><unit id=\"a\" name=\"A\">\n"
             "<score c=\"1.1\" appraised=\"-1\"/>\n"
             "<score c=\"1.2\" appraised=\"2\" extra=\"1\"/>\n"
             "<score c=\"2.1\"\n appraised=\"2\"/><oops/>\n"
             "</unit></units></appraisal>\n",
             &d);
    dump(&d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_TRUE(has(&d, 12, 16, "appraised=\"-1\" is a number below 0"));
    CU_ASSERT_TRUE(has(&d, 13, 30, "<score> has no attribute 'extra'"));
    CU_ASSERT_TRUE(has(&d, 15, 17, "unexpected element <oops> inside <unit>"));
    CU_ASSERT_FALSE(has(&d, 0, 0, "Element '"));
    CU_ASSERT_EQUAL(d.errors, 3);
    pp_diags_free(&d);
}

/* A declared encoding is converted (windows-1258: "ạ" as "a" and a
 * combining dot below), then NFC; a byte it lacks is a located error. */
static void test_encodings(void)
{
    pp_diags d = {0};
    const char *xml =
        "<?xml version=\"1.0\" encoding=\"windows-1258\"?>\n"
        "<appraisal format=\"1\" year=\"2022\">\n"
        "<issuer><name>UBND</name><symbol>U</symbol><place>P</place>"
        "<signer name=\"A\"/></issuer>\n"
        "<announcement date=\"2023-03-17\"/>\n" SCHEME RULES
        "<units><unit id=\"a\" name=\"An La\xf2" "c\">"
        "<score c=\"1.1\" appraised=\"2\"/>"
        "<score c=\"1.2\" appraised=\"2\"/>"
        "<score c=\"2.1\" appraised=\"2\"/>"
        "</unit></units></appraisal>\n";
    char bad[4096];
    char *p;
    pp_model *m = load(xml, &d);
    dump(&d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_STRING_EQUAL(m->units[0].name, "An Lạc");
    pp_model_free(m);
    pp_diags_free(&d);
    snprintf(bad, sizeof bad, "%s", xml);
    p = strstr(bad, "An La");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    p[3] = '\x81';
    m = load(bad, &d);
    dump(&d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT_TRUE(has(&d, 11, 30, "byte 0x81 is not a character"));
    CU_ASSERT_EQUAL(d.errors, 1);
    pp_diags_free(&d);
}

int main(void)
{
    static const cu_test tests[] = {
        {"plain decimals into thousandths", test_milli_parse},
        {"a valid file loads exactly", test_valid},
        {"NFD names become NFC", test_nfd_is_normalised},
        {"every unit error at once, with line:col", test_all_errors_at_once},
        {"scheme, tier and rating errors", test_scheme_errors},
        {"a maximum absent or written wrong is said once", test_unknown_max},
        {"hostile and broken files are refused", test_hostile},
        {"awards name known units, forms, ratings", test_awards_refs},
        {"positions past line 65,535 and in long tags", test_positions},
        {"CDATA, negative numbers, schema errors", test_cdata_negative_schema},
        {"declared encodings, a byte they lack", test_encodings},
        {NULL, NULL}};
    return cu_main("load", tests);
}
