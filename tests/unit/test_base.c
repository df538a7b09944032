/* test_base.c - the rules kept in one place: the time a packet says it
 * was made (SOURCE_DATE_EPOCH), spreadsheet column letters, and the
 * numbers of bound rows written through viet.c's formatter. */
#include "cu.h"
#include "data/bound.h"
#include "base/diag.h"
#include "base/epoch.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void test_epoch(void)
{
    long long v = -1;
    time_t before = time(NULL);
    setenv("SOURCE_DATE_EPOCH", "1679011200", 1);
    CU_ASSERT_EQUAL(pp_source_date_epoch_get(&v), 1);
    CU_ASSERT_EQUAL(v, 1679011200LL);
    CU_ASSERT_EQUAL(pp_source_date_epoch(), 1679011200LL);
    setenv("SOURCE_DATE_EPOCH", "0", 1);
    CU_ASSERT_EQUAL(pp_source_date_epoch_get(&v), 1);
    CU_ASSERT_EQUAL(v, 0);
    /* refused values are as if unset: now */
    static const char *bad[] = {"abc", "-5", "12x", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        v = 42;
        setenv("SOURCE_DATE_EPOCH", bad[i], 1);
        CU_ASSERT_EQUAL(pp_source_date_epoch_get(&v), 0);
        CU_ASSERT_EQUAL(v, 42);
        CU_ASSERT(pp_source_date_epoch() >= (long long)before);
    }
    unsetenv("SOURCE_DATE_EPOCH");
    CU_ASSERT_EQUAL(pp_source_date_epoch_get(&v), 0);
    CU_ASSERT(pp_source_date_epoch() >= (long long)before);
}

static void test_col_letters(void)
{
    char b[8];
    CU_ASSERT_STRING_EQUAL(pp_col_letters(b, 0), "A");
    CU_ASSERT_STRING_EQUAL(pp_col_letters(b, 25), "Z");
    CU_ASSERT_STRING_EQUAL(pp_col_letters(b, 26), "AA");
    CU_ASSERT_STRING_EQUAL(pp_col_letters(b, 27), "AB");
    CU_ASSERT_STRING_EQUAL(pp_col_letters(b, 701), "ZZ");
    CU_ASSERT_STRING_EQUAL(pp_col_letters(b, 702), "AAA");
    CU_ASSERT_STRING_EQUAL(pp_col_letters(b, 16383), "XFD");
}

static void test_numtext(void)
{
    char b[32];
    CU_ASSERT_EQUAL(pp_bound_numtext(b, sizeof b, 12000, 0), 2);
    CU_ASSERT_STRING_EQUAL(b, "12");
    pp_bound_numtext(b, sizeof b, 87490, 0);
    CU_ASSERT_STRING_EQUAL(b, "87.49");
    pp_bound_numtext(b, sizeof b, 87490, 1);
    CU_ASSERT_STRING_EQUAL(b, "87,49");
    pp_bound_numtext(b, sizeof b, 125, 1);
    CU_ASSERT_STRING_EQUAL(b, "0,125");
    pp_bound_numtext(b, sizeof b, -250, 0);
    CU_ASSERT_STRING_EQUAL(b, "-0.25");
    pp_bound_numtext(b, sizeof b, 750 + 1500, 0);
    CU_ASSERT_STRING_EQUAL(b, "2.25");
    /* no thousands grouping: formulas and conditions read these */
    pp_bound_numtext(b, sizeof b, 1234500, 1);
    CU_ASSERT_STRING_EQUAL(b, "1234,5");
    CU_ASSERT_EQUAL(pp_bound_numtext(b, 4, 1234500, 0), 3);
    CU_ASSERT_STRING_EQUAL(b, "123");
}

int main(void)
{
    static const cu_test tests[] = {
        {"SOURCE_DATE_EPOCH: valid values, refused values", test_epoch},
        {"spreadsheet column letters", test_col_letters},
        {"bound rows' numbers through viet.c", test_numtext},
        {NULL, NULL}};
    if (CU_initialize_registry() != CUE_SUCCESS || cu_suite("base", tests))
        return 2;
    return cu_run();
}
