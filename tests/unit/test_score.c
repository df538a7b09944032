/* test_score.c - the rules in integers: index rounding, tiers, ratings
 * with field-min, flags, shared ranks in Vietnamese order, deltas, block
 * statistics, and award money. */
#include "cu.h"
#include "core/awards.h"
#include "core/score.h"

#include <stdio.h>
#include <string.h>

static pp_model *load(const char *xml)
{
    pp_diags d = {0};
    pp_model *m = pp_model_load_memory(xml, strlen(xml), "t.xml", &d);
    pp_diags_print(&d, stdout);
    pp_diags_free(&d);
    return m;
}

#define HEAD(year)                                                            \
    "<appraisal format=\"1\" year=\"" year "\" precision=\"2\">"              \
    "<issuer><name>U</name><symbol>UBND</symbol><place>P</place>"             \
    "<signer title=\"T\" name=\"N\"/></issuer>"                               \
    "<announcement date=\"2024-08-01\"/>"                                     \
    "<scheme><field id=\"1\" name=\"F1\"><criterion id=\"1.1\" name=\"a\" "   \
    "max=\"50\"/></field><field id=\"2\" name=\"F2\"><criterion id=\"2.1\" "  \
    "name=\"b\" max=\"50\"/></field></scheme>"                                \
    "<tiers><tier min=\"90\" label=\"A\"/><tier min=\"80\" label=\"B\"/>"     \
    "<tier min=\"0\" label=\"C\"/></tiers>"                                   \
    "<ratings><rating id=\"xs\" min=\"90\" field-min=\"70\" label=\"XS\"/>"   \
    "<rating id=\"tot\" min=\"80\" field-min=\"70\" label=\"T\"/>"            \
    "<rating id=\"ht\" min=\"0\" label=\"H\"/></ratings>"                     \
    "<flags><flag id=\"f2\" field=\"2\" below=\"75\" label=\"L\"/></flags>"
#define UNIT(id, name, a, b)                                                  \
    "<unit id=\"" id "\" name=\"" name "\"><score c=\"1.1\" appraised=\"" a   \
    "\"/><score c=\"2.1\" appraised=\"" b "\"/></unit>"

static int find(const pp_model *m, const char *id)
{
    return pp_model_unit(m, id);
}

static void test_percent(void)
{
    /* Kon Rẫy 2022: 82.58 of an applicable 95.5 is 86.471 at precision 3 */
    CU_ASSERT_EQUAL(pp_percent(82580, 95500, 3), 86471);
    CU_ASSERT_EQUAL(pp_percent(82580, 95500, 2), 86470);
    /* half up: 2/3 of 100 = 66.666… -> 66.67; 1/8 = 12.5 -> 13 at 0 */
    CU_ASSERT_EQUAL(pp_percent(2000, 3000, 2), 66670);
    CU_ASSERT_EQUAL(pp_percent(125, 1000, 0), 13000);
    CU_ASSERT_EQUAL(pp_percent(87490, 100000, 2), 87490);
    CU_ASSERT_EQUAL(pp_percent(0, 100000, 2), 0);
}

static void test_rules_and_ranks(void)
{
    pp_model *m = load(HEAD("2022") "<units>"
                       UNIT("d1", "Đông Hưng", "40", "40")
                       UNIT("d2", "Dương Quang", "40", "40")
                       UNIT("a2", "Ân Thi", "45", "46")
                       UNIT("a1", "An Lão", "45", "46")
                       UNIT("w", "Yếu", "50", "34")
                       UNIT("z", "Thấp", "30", "30")
                       "</units></appraisal>");
    pp_diags d = {0};
    pp_results *r;
    int i;
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    r = pp_score_units(m, NULL, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    /* 91%: An Lão and Ân Thi tie at rank 1, An before Ân */
    i = find(m, "a1");
    CU_ASSERT_EQUAL(r->units[i].index, 91000);
    CU_ASSERT_EQUAL(r->units[i].rank, 1);
    CU_ASSERT_EQUAL(r->units[i].position, 0);
    CU_ASSERT_EQUAL(r->units[find(m, "a2")].rank, 1);
    CU_ASSERT_EQUAL(r->units[find(m, "a2")].position, 1);
    CU_ASSERT_STRING_EQUAL(m->ratings[r->units[i].rating].id, "xs");
    /* 84%, but field 2 at 68% < 70: demoted from tot to ht, flagged */
    i = find(m, "w");
    CU_ASSERT_EQUAL(r->units[i].index, 84000);
    CU_ASSERT_EQUAL(r->units[i].rank, 3);
    CU_ASSERT_EQUAL(r->units[i].tier, 1);
    CU_ASSERT_STRING_EQUAL(m->ratings[r->units[i].rating].id, "ht");
    CU_ASSERT_TRUE(r->units[i].demoted);
    CU_ASSERT_EQUAL(r->units[i].field_pct[1], 68000);
    CU_ASSERT_TRUE(r->units[i].flagged[0]);
    /* 80%: Dương before Đông (d < đ), both rank 4, next is 6 */
    CU_ASSERT_EQUAL(r->units[find(m, "d2")].rank, 4);
    CU_ASSERT_EQUAL(r->units[find(m, "d2")].position, 3);
    CU_ASSERT_EQUAL(r->units[find(m, "d1")].rank, 4);
    CU_ASSERT_EQUAL(r->units[find(m, "d1")].position, 4);
    CU_ASSERT_EQUAL(r->units[find(m, "z")].rank, 6);
    CU_ASSERT_STRING_EQUAL(m->ratings[r->units[find(m, "d1")].rating].id,
                           "tot");
    /* block: mean of 91, 91, 84, 80, 80, 60 = 81 */
    CU_ASSERT_EQUAL(r->blocks[0].count, 6);
    CU_ASSERT_EQUAL(r->blocks[0].mean, 81000);
    CU_ASSERT_EQUAL(r->blocks[0].highest, 91000);
    CU_ASSERT_EQUAL(r->blocks[0].lowest, 60000);
    CU_ASSERT_EQUAL(r->blocks[0].tier_counts[0], 2);
    CU_ASSERT_EQUAL(r->blocks[0].tier_counts[1], 3);
    CU_ASSERT_EQUAL(r->blocks[0].tier_counts[2], 1);
    CU_ASSERT_EQUAL(r->blocks[0].demoted, 1);
    CU_ASSERT_FALSE(r->units[find(m, "z")].has_prev);
    pp_score_units_free(r);
    pp_model_free(m);
    pp_diags_free(&d);
}

static void test_previous_file(void)
{
    pp_model *prev = load(HEAD("2021") "<units>"
                          UNIT("x", "X", "40", "40")
                          UNIT("y", "Y", "45", "45")
                          UNIT("z", "Z", "46", "46")
                          "</units></appraisal>");
    pp_model *m = load(HEAD("2022") "<units>"
                       UNIT("x", "X", "48", "48")
                       UNIT("y", "Y", "40", "40")
                       UNIT("n", "N", "41", "41")
                       "</units></appraisal>");
    pp_diags d = {0};
    pp_results *r;
    CU_ASSERT_PTR_NOT_NULL_FATAL(prev);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    r = pp_score_units(m, prev, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    /* x: rank 3 -> 1, rose 2; index 80 -> 96, +16 */
    CU_ASSERT_EQUAL(r->units[0].prev_rank, 3);
    CU_ASSERT_EQUAL(r->units[0].delta, 2);
    CU_ASSERT_EQUAL(r->units[0].index_delta, 16000);
    /* y: rank 2 -> 3, fell 1 */
    CU_ASSERT_EQUAL(r->units[1].delta, -1);
    /* n is new */
    CU_ASSERT_FALSE(r->units[2].has_prev);
    CU_ASSERT_EQUAL(r->prev_year, 2021);
    /* ratings: 2021 had y and z tot (90, 92 -> xs), … counted by id */
    CU_ASSERT_PTR_NOT_NULL(r->prev_rating_counts);
    pp_score_units_free(r);
    pp_model_free(m);
    pp_diags_free(&d);
    pp_model_free(prev);
}

static void test_previous_conflict(void)
{
    pp_model *prev = load(HEAD("2021") "<units>"
                          UNIT("x", "X", "40", "40")
                          UNIT("y", "Y", "45", "45")
                          "</units></appraisal>");
    pp_model *m = load(HEAD("2022") "<units>"
                       "<unit id=\"x\" name=\"X\"><previous rank=\"1\"/>"
                       "<score c=\"1.1\" appraised=\"1\"/>"
                       "<score c=\"2.1\" appraised=\"1\"/></unit>"
                       "</units></appraisal>");
    pp_diags d = {0};
    pp_results *r;
    CU_ASSERT_PTR_NOT_NULL_FATAL(prev);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    r = pp_score_units(m, prev, &d);
    pp_diags_print(&d, stdout);
    CU_ASSERT_PTR_NULL(r);
    CU_ASSERT_EQUAL(d.errors, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.items[0].message, "disagrees"));
    pp_diags_free(&d);
    pp_model_free(m);
    pp_model_free(prev);
}

static void test_award_amounts(void)
{
    /* docs/domain.md's worked amounts */
    CU_ASSERT_EQUAL(pp_award_amount(300, 2340000), 710000);
    CU_ASSERT_EQUAL(pp_award_amount(600, 2340000), 1410000);
    CU_ASSERT_EQUAL(pp_award_amount(300, 1800000), 540000);
    /* Gia Lộc, 17/3/2023, base 1,490,000 */
    CU_ASSERT_EQUAL(pp_award_amount(300, 1490000), 450000);
    CU_ASSERT_EQUAL(pp_award_amount(600, 1490000), 900000);
    CU_ASSERT_EQUAL(pp_award_amount(150, 2530000), 380000);
    CU_ASSERT_EQUAL(pp_award_amount(8000, 2340000), 18720000);
    CU_ASSERT_EQUAL(pp_award_amount(1000, 2340000), 2340000);
}

static void test_auto_awards(void)
{
    pp_model *m = load(HEAD("2022") "<units>"
                       UNIT("a", "A", "48", "48")
                       UNIT("b", "B", "46", "46")
                       UNIT("c", "C", "50", "30")
                       UNIT("e", "E", "42", "42")
                       "</units><awards base-salary=\"2340000\">"
                       "<award form=\"giay-khen\" reason=\"R\">"
                       "<collective unit=\"c\"/>"
                       "<individual name=\"P\"/></award>"
                       "<auto form=\"giay-khen\" top=\"2\" rating=\"tot\"/>"
                       "</awards></appraisal>");
    pp_diags d = {0};
    pp_results *r;
    pp_awards *aw;
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    r = pp_score_units(m, NULL, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    aw = pp_awards_compute(m, r, &d);
    pp_diags_print(&d, stdout);
    CU_ASSERT_PTR_NOT_NULL_FATAL(aw);
    /* c (rated ht: field 2 at 60%) is listed by hand: a warning */
    CU_ASSERT_EQUAL(d.warnings, 1);
    CU_ASSERT_EQUAL(aw->ngroups, 1);
    /* c, P, then the top 2 rated tot or better: a, b */
    CU_ASSERT_EQUAL(aw->groups[0].nlines, 4);
    CU_ASSERT_EQUAL(aw->groups[0].collectives, 3);
    CU_ASSERT_EQUAL(aw->groups[0].individuals, 1);
    CU_ASSERT_EQUAL(aw->groups[0].lines[2].unit, 0);
    CU_ASSERT_EQUAL(aw->groups[0].lines[3].unit, 1);
    CU_ASSERT_EQUAL(aw->total, 3 * 1410000 + 710000);
    pp_awards_free(aw);
    pp_score_units_free(r);
    pp_model_free(m);
    pp_diags_free(&d);
}

/* The rules of a score in one place: final = appraised, else self;
 * self = self, else final; subtotals up the tree skip na="true" leaves
 * except in the whole maximum. */
static void test_score_rules(void)
{
    pp_score s;
    memset(&s, 0, sizeof s);
    s.has_self = 1;
    s.self = 1000;
    CU_ASSERT_EQUAL(pp_score_final(&s), 1000); /* no appraisal: self */
    s.has_appraised = 1;
    s.appraised = 750;
    CU_ASSERT_EQUAL(pp_score_final(&s), 750);
    CU_ASSERT_EQUAL(pp_score_self(&s), 1000);
    s.has_self = 0;
    CU_ASSERT_EQUAL(pp_score_self(&s), 750); /* no self: the final one */
    CU_ASSERT(pp_score_applies(&s));
    s.na = 1;
    CU_ASSERT(!pp_score_applies(&s));
}

static void test_subtotals(void)
{
    pp_subtotals st;
    int u, f1, f2, c11, c12, c21;
    pp_model *m = load(
        "<appraisal format=\"1\" year=\"2022\" precision=\"2\">"
        "<issuer><name>U</name><symbol>UBND</symbol><place>P</place>"
        "<signer title=\"T\" name=\"N\"/></issuer>"
        "<announcement date=\"2024-08-01\"/>"
        "<scheme><field id=\"1\" name=\"F1\"><criterion id=\"1.1\" name=\"a\" "
        "max=\"2\"/><criterion id=\"1.2\" name=\"b\" max=\"3\"/></field>"
        "<field id=\"2\" name=\"F2\"><criterion id=\"2.1\" name=\"c\" "
        "max=\"5\"/></field></scheme>"
        "<tiers><tier min=\"0\" label=\"C\"/></tiers>"
        "<ratings><rating id=\"ht\" min=\"0\" label=\"H\"/></ratings>"
        "<units><unit id=\"x\" name=\"X\"><score c=\"1.1\" self=\"2\" "
        "appraised=\"1.5\"/><score c=\"1.2\" appraised=\"2.25\"/>"
        "<score c=\"2.1\" na=\"true\"/></unit></units></appraisal>");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    u = find(m, "x");
    f1 = pp_model_criterion(m, "1");
    f2 = pp_model_criterion(m, "2");
    c11 = pp_model_criterion(m, "1.1");
    c12 = pp_model_criterion(m, "1.2");
    c21 = pp_model_criterion(m, "2.1");
    CU_ASSERT_FATAL(u >= 0 && f1 >= 0 && f2 >= 0 && c11 >= 0 && c12 >= 0 &&
                    c21 >= 0);
    CU_ASSERT_EQUAL_FATAL(pp_subtotals_compute(m, u, &st), PP_OK);
    CU_ASSERT_EQUAL(st.achieved[f1], 3750);   /* 1.5 + 2.25 */
    CU_ASSERT_EQUAL(st.self[f1], 4250);       /* 2 + 2.25 (no self) */
    CU_ASSERT_EQUAL(st.max[f1], 5000);
    CU_ASSERT_EQUAL(st.applicable[f1], 5000);
    CU_ASSERT_EQUAL(st.achieved[c11], 1500);  /* a leaf: itself */
    CU_ASSERT_EQUAL(st.achieved[f2], 0);      /* na: out of the points */
    CU_ASSERT_EQUAL(st.max[f2], 5000);        /* but in the whole maximum */
    CU_ASSERT_EQUAL(st.applicable[f2], 0);
    CU_ASSERT_EQUAL(st.applicable[c21], 0);
    (void)c12;
    pp_subtotals_free(&st);
    CU_ASSERT_PTR_NULL(st.achieved);
    pp_model_free(m);
}

int main(void)
{
    static const cu_test tests[] = {
        {"index rounded half up, exactly", test_percent},
        {"tiers, ratings, flags, shared ranks", test_rules_and_ranks},
        {"previous year from --previous", test_previous_file},
        {"<previous> disagreeing with --previous", test_previous_conflict},
        {"award amounts rounded up to 10,000", test_award_amounts},
        {"auto nominations and warnings", test_auto_awards},
        {"final and self-assessed points of a leaf", test_score_rules},
        {"subtotals up the criteria tree", test_subtotals},
        {NULL, NULL}};
    return cu_main("score", tests);
}
