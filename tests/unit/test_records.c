/* test_records.c - the data sources of bound rows: last year's score of
 * each criterion, matched by criterion id, and the change ("previous",
 * "change", "new", "previous-na" on criteria; "previous:C", "change:C",
 * "new:C" on units), for changed, unchanged, new, not-applicable and
 * subtotal criteria, and for a unit that was not scored last year; and
 * "self:C" / "self" of a leaf only as the unit gave it. */
#include "cu_source.h"
#include "data/records.h"
#include "core/score.h"

#include <string.h>

/* 2024: criterion 1.3 is new, 1.2 did not apply to An Lạc in 2023;
 * Bình Minh was not scored in 2023. */
static const char S_now[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<appraisal format=\"1\" year=\"2024\" precision=\"2\">"
    "<issuer><name>ỦY BAN NHÂN DÂN HUYỆN MẪU</name><symbol>UBND</symbol>"
    "<place>Mẫu Sơn</place><signer office=\"chairman\" name=\"N\"/></issuer>"
    "<announcement date=\"2025-03-10\"/>"
    "<scheme max=\"10\"><field id=\"1\" name=\"F\">"
    "<criterion id=\"1.1\" name=\"a\" max=\"4\"/>"
    "<criterion id=\"1.2\" name=\"b\" max=\"3\"/>"
    "<criterion id=\"1.3\" name=\"c\" max=\"3\"/></field></scheme>"
    "<tiers><tier min=\"90\" label=\"A\"/><tier min=\"0\" label=\"B\"/></tiers>"
    "<ratings><rating id=\"ht\" min=\"0\" label=\"R\"/></ratings>"
    "<units><unit id=\"an-lac\" name=\"An Lạc\">"
    "<score c=\"1.1\" appraised=\"3.5\"/><score c=\"1.2\" appraised=\"2\"/>"
    "<score c=\"1.3\" appraised=\"3\"/></unit>"
    "<unit id=\"binh-minh\" name=\"Bình Minh\">"
    "<score c=\"1.1\" appraised=\"4\"/><score c=\"1.2\" appraised=\"3\"/>"
    "<score c=\"1.3\" appraised=\"3\"/></unit></units></appraisal>";

static const char S_prev[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<appraisal format=\"1\" year=\"2023\" precision=\"2\">"
    "<issuer><name>ỦY BAN NHÂN DÂN HUYỆN MẪU</name><symbol>UBND</symbol>"
    "<place>Mẫu Sơn</place><signer office=\"chairman\" name=\"N\"/></issuer>"
    "<announcement date=\"2024-03-10\"/>"
    "<scheme max=\"7\"><field id=\"1\" name=\"F\">"
    "<criterion id=\"1.1\" name=\"a\" max=\"4\"/>"
    "<criterion id=\"1.2\" name=\"b\" max=\"3\"/></field></scheme>"
    "<tiers><tier min=\"90\" label=\"A\"/><tier min=\"0\" label=\"B\"/></tiers>"
    "<ratings><rating id=\"ht\" min=\"0\" label=\"R\"/></ratings>"
    "<units><unit id=\"an-lac\" name=\"An Lạc\">"
    "<score c=\"1.1\" self=\"4\" appraised=\"3\"/><score c=\"1.2\" na=\"true\"/>"
    "</unit><unit id=\"cu\" name=\"Cũ\"><score c=\"1.1\" appraised=\"1\"/>"
    "<score c=\"1.2\" appraised=\"1\"/></unit></units></appraisal>";

static pp_model *S_load(const char *xml, const char *name)
{
    pp_diags d = {0};
    pp_model *m = pp_model_load_memory(xml, strlen(xml), name, &d);
    pp_diags_print(&d, stdout);
    pp_diags_free(&d);
    return m;
}

/* Field `f` of record `rec` of an opened source, as a string: "3.5",
 * "true", or "-" when absent. */
static const char *S_get(const pp_data_source *s, void *cur, long rec,
                         const char *f, char *buf, size_t cap)
{
    return cu_field(s, cur, rec, f, buf, cap, "-");
}

static void test_previous(void)
{
    pp_model *m = S_load(S_now, "now.xml"), *p = S_load(S_prev, "prev.xml");
    pp_diags d = {0};
    pp_results *r;
    pp_records *rc;
    const pp_data_source *s;
    void *cur = NULL;
    char b[64];
    long n;
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    r = pp_score_units(m, p, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_PTR_EQUAL(r->prev_model, p);
    rc = pp_records_new(m, r, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rc);
    s = pp_records_source(rc);

    /* An Lạc's criteria: 0 field, 1 = 1.1, 2 = 1.2, 3 = 1.3 */
    CU_ASSERT_EQUAL_FATAL(s->open(s->ctx, "criteria", "an-lac", &cur, &n, &d),
                          PP_OK);
    CU_ASSERT_EQUAL_FATAL(n, 4);
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "previous", b, sizeof b), "3");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "change", b, sizeof b), "0.5");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "new", b, sizeof b), "-");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 2, "previous", b, sizeof b), "-");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 2, "previous-na", b, sizeof b), "true");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 2, "change", b, sizeof b), "-");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 3, "new", b, sizeof b), "true");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 3, "previous", b, sizeof b), "-");
    /* the field: last year's subtotal over what applied (1.1 only) */
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 0, "previous", b, sizeof b), "3");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 0, "change", b, sizeof b), "5.5");
    s->close(s->ctx, cur);

    /* Bình Minh was not scored last year: nothing but "new" for 1.3 */
    CU_ASSERT_EQUAL_FATAL(
        s->open(s->ctx, "criteria", "binh-minh", &cur, &n, &d), PP_OK);
    CU_ASSERT_EQUAL_FATAL(n, 4);
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "previous", b, sizeof b), "-");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "change", b, sizeof b), "-");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "previous-na", b, sizeof b), "-");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 3, "new", b, sizeof b), "true");
    s->close(s->ctx, cur);

    /* unit records: Bình Minh ranks first (10/10), An Lạc second */
    CU_ASSERT_EQUAL_FATAL(s->open(s->ctx, "units", "", &cur, &n, &d), PP_OK);
    CU_ASSERT_EQUAL_FATAL(n, 2);
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "name", b, sizeof b), "An Lạc");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "previous:1.1", b, sizeof b), "3");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "change:1.1", b, sizeof b), "0.5");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "previous:1.2", b, sizeof b), "-");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "new:1.3", b, sizeof b), "true");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "new:1.1", b, sizeof b), "-");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 0, "change:1.1", b, sizeof b), "-");
    /* self:C only as given (An Lạc gave none), final:C the council's */
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "self:1.1", b, sizeof b), "-");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "final:1.1", b, sizeof b), "3.5");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "appraised:1.1", b, sizeof b), "3.5");
    /* but the unit's self total counts 1.1 at its final points */
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "self", b, sizeof b), "8.5");
    s->close(s->ctx, cur);

    /* the same on An Lạc's criterion records: a leaf's self only as
     * given, the field's self subtotal with the final points */
    CU_ASSERT_EQUAL_FATAL(s->open(s->ctx, "criteria", "an-lac", &cur, &n, &d),
                          PP_OK);
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "self", b, sizeof b), "-");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "final", b, sizeof b), "3.5");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 0, "self", b, sizeof b), "8.5");
    s->close(s->ctx, cur);

    /* the scheme: one record, every criterion's maximum as a number */
    CU_ASSERT_EQUAL_FATAL(s->open(s->ctx, "scheme", "", &cur, &n, &d), PP_OK);
    CU_ASSERT_EQUAL_FATAL(n, 1);
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 0, "max:1.1", b, sizeof b), "4");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 0, "max:1.3", b, sizeof b), "3");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 0, "max:1", b, sizeof b), "10");
    CU_ASSERT_EQUAL(s->field(s->ctx, cur, "max:9.9"), -1);
    CU_ASSERT_EQUAL(s->field(s->ctx, cur, "max"), -1);
    s->close(s->ctx, cur);
    pp_records_free(rc);

    /* a blank appraisal's forms (no results): the scheme is known too */
    rc = pp_records_new(m, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rc);
    s = pp_records_source(rc);
    CU_ASSERT_EQUAL_FATAL(s->open(s->ctx, "scheme", "", &cur, &n, &d), PP_OK);
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 0, "max:1.2", b, sizeof b), "3");
    s->close(s->ctx, cur);

    pp_records_free(rc);
    pp_score_units_free(r);
    pp_diags_free(&d);
    pp_model_free(m);
    pp_model_free(p);
}

/* Without last year's file the fields exist and are absent. */
static void test_no_previous(void)
{
    pp_model *m = S_load(S_now, "now.xml");
    pp_diags d = {0};
    pp_results *r;
    pp_records *rc;
    const pp_data_source *s;
    void *cur = NULL;
    char b[64];
    long n;
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    r = pp_score_units(m, NULL, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_PTR_NULL(r->prev_model);
    rc = pp_records_new(m, r, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rc);
    s = pp_records_source(rc);
    CU_ASSERT_EQUAL_FATAL(s->open(s->ctx, "criteria", "an-lac", &cur, &n, &d),
                          PP_OK);
    CU_ASSERT_EQUAL_FATAL(n, 4);
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 1, "previous", b, sizeof b), "-");
    CU_ASSERT_STRING_EQUAL(S_get(s, cur, 3, "new", b, sizeof b), "-");
    s->close(s->ctx, cur);
    /* a source or key that is not there: a status and the reason in d */
    cur = NULL;
    CU_ASSERT_EQUAL(s->open(s->ctx, "block", "nowhere", &cur, &n, &d),
                    PP_E_TEMPLATE);
    CU_ASSERT_PTR_NULL(cur);
    CU_ASSERT_FATAL(d.len > 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.items[d.len - 1].message, "'nowhere'"));
    CU_ASSERT_EQUAL(s->open(s->ctx, "rows", "", &cur, &n, &d), PP_E_TEMPLATE);
    pp_records_free(rc);
    pp_score_units_free(r);
    pp_diags_free(&d);
    pp_model_free(m);
}

int main(void)
{
    static const cu_test tests[] = {
        {"previous year per criterion, by id", test_previous},
        {"no previous year: fields absent", test_no_previous},
        {NULL, NULL}};
    return cu_main("records", tests);
}
