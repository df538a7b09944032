/* test_diag.c - the diagnostics list's suggestions ("did you mean") and
 * its colour rule (diag.h). */
#include "base/diag.h"
#include "cu.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void test_distance(void)
{
    CU_ASSERT_EQUAL(pp_diag_distance("build", "build"), 0);
    CU_ASSERT_EQUAL(pp_diag_distance("buid", "build"), 1);      /* a letter out */
    CU_ASSERT_EQUAL(pp_diag_distance("quite", "quiet"), 1);     /* two swapped */
    CU_ASSERT_EQUAL(pp_diag_distance("socre", "score"), 1);
    CU_ASSERT_EQUAL(pp_diag_distance("scroe", "score"), 1);
    CU_ASSERT_EQUAL(pp_diag_distance("bild", "build"), 1);
    CU_ASSERT_EQUAL(pp_diag_distance("", "send"), 4);
    CU_ASSERT_EQUAL(pp_diag_distance("kitten", "sitting"), 3);
    {
        char long_word[80];
        memset(long_word, 'a', sizeof long_word - 1);
        long_word[sizeof long_word - 1] = 0;
        CU_ASSERT_EQUAL(pp_diag_distance(long_word, "a"), SIZE_MAX);
    }
}

static void test_suggest(void)
{
    static const char *const verbs[] = {"check", "score", "build", "send",
                                        "forms", "import", "help"};
    static const char *const kinds[] = {"report", "report-docx", "decision",
                                        "decision-docx", "workbook"};
    const char *s;
    s = pp_diag_suggest("buid", verbs, 7);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s, "build");
    s = pp_diag_suggest("socre", verbs, 7);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s, "score");
    s = pp_diag_suggest("reprot", kinds, 5);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_STRING_EQUAL(s, "report");
    /* far from everything, the name itself, too short to guess */
    CU_ASSERT_PTR_NULL(pp_diag_suggest("frobnicate", verbs, 7));
    CU_ASSERT_PTR_NULL(pp_diag_suggest("build", verbs, 7));
    CU_ASSERT_PTR_NULL(pp_diag_suggest("x", verbs, 7));
    /* two names as near: no guess */
    {
        static const char *const two[] = {"cat", "bat"};
        CU_ASSERT_PTR_NULL(pp_diag_suggest("hat", two, 2));
    }
}

static void test_colour(void)
{
    FILE *f = tmpfile();
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    unsetenv("NO_COLOR");
    CU_ASSERT_EQUAL(pp_diag_colour(f), 0); /* a file, not a terminal */
    {
        pp_diags d = {0};
        char buf[256] = {0};
        pp_diag_error(&d, "a.xml", 3, 4, "bad %s", "thing");
        pp_diags_print(&d, f);
        rewind(f);
        CU_ASSERT_PTR_NOT_NULL(fgets(buf, sizeof buf, f));
        CU_ASSERT_STRING_EQUAL(buf, "a.xml:3:4: error: bad thing\n");
        pp_diags_free(&d);
    }
    fclose(f);
}

int main(void)
{
    static const cu_test tests[] = {
        {"edit distance, as git measures it", test_distance},
        {"did you mean", test_suggest},
        {"no colour in a file", test_colour},
        {NULL, NULL}};
    return cu_main("diag", tests);
}
