/* test_zip.c - ZIP archives: what the writer puts in, the reader gets back,
 * byte-identical from run to run; the reader's limits hold. */
#include "cu.h"
#include "base/zip.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


static int S_write(const char *path)
{
    pp_zip_writer *w;
    int err = 0;
    char *owned = strdup("<b>owned</b>");
    w = pp_zip_writer_open(path, 1679011200, &err);
    if (!w)
        return err;
    pp_zip_writer_add(w, "[Content_Types].xml", "<a>types</a>", 12, 0);
    pp_zip_writer_add(w, "word/document.xml", owned, strlen(owned), 1);
    return pp_zip_writer_close(w);
}

static void test_round_trip(void)
{
    pp_diags d = {0};
    size_t len = 0;
    char *text = NULL;
    pp_zip_reader *z = NULL;
    CU_ASSERT_EQUAL_FATAL(S_write(cu_path("a.zip")), 0);
    CU_ASSERT_EQUAL(pp_zip_reader_open(cu_path("a.zip"), &z, &d), PP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(z);
    CU_ASSERT_EQUAL(d.len, 0);
    CU_ASSERT_EQUAL(pp_zip_reader_count(z), 2);
    CU_ASSERT_STRING_EQUAL(pp_zip_reader_name(z, 0), "[Content_Types].xml");
    CU_ASSERT(pp_zip_reader_has(z, "word/document.xml"));
    CU_ASSERT(!pp_zip_reader_has(z, "word/other.xml"));
    CU_ASSERT_EQUAL(pp_zip_read_all(z, "word/document.xml", 1000, &text,
                                    &len, &d),
                    PP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_STRING_EQUAL(text, "<b>owned</b>");
    CU_ASSERT_EQUAL(len, 12);
    free(text);
    /* a part larger than the limit is refused, not read */
    CU_ASSERT_EQUAL(pp_zip_read_all(z, "word/document.xml", 5, &text, &len,
                                    &d),
                    PP_E_INPUT);
    CU_ASSERT_PTR_NULL(text);
    CU_ASSERT_EQUAL_FATAL(d.len, 1);
    CU_ASSERT_EQUAL(d.items[0].severity, PP_ERROR);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.items[0].message, "more than"));
    pp_zip_reader_close(z);
    pp_diags_free(&d);
}

/* Parts of every size come back whole: an empty one, one far larger than
 * a read (in the one buffer its declared size gives), and one exactly at
 * the limit (read in growing buffers); one byte over the limit is not. */
static void test_sizes(void)
{
    enum { BIG = 200003 };
    pp_diags d = {0};
    pp_zip_writer *w;
    pp_zip_reader *z = NULL;
    char *big = malloc(BIG), *text = NULL;
    size_t i, len = 0;
    int err = 0;
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    for (i = 0; i < BIG; i++)
        big[i] = (char)('a' + (i * 7 + i / 13) % 26);
    w = pp_zip_writer_open(cu_path("s.zip"), 1679011200, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    pp_zip_writer_add(w, "empty.xml", "", 0, 0);
    pp_zip_writer_add(w, "big.xml", big, BIG, 0);
    CU_ASSERT_EQUAL_FATAL(pp_zip_writer_close(w), 0);
    CU_ASSERT_EQUAL_FATAL(pp_zip_reader_open(cu_path("s.zip"), &z, &d),
                          PP_OK);
    CU_ASSERT_EQUAL(pp_zip_read_all(z, "empty.xml", 1000, &text, &len, &d),
                    PP_OK);
    CU_ASSERT(text && len == 0 && text[0] == 0);
    free(text);
    CU_ASSERT_EQUAL(pp_zip_read_all(z, "big.xml", 1LL << 31, &text, &len,
                                    &d),
                    PP_OK);
    CU_ASSERT(text && len == BIG && memcmp(text, big, BIG) == 0 &&
              text[BIG] == 0);
    free(text);
    CU_ASSERT_EQUAL(pp_zip_read_all(z, "big.xml", BIG, &text, &len, &d),
                    PP_OK);
    CU_ASSERT(text && len == BIG && memcmp(text, big, BIG) == 0 &&
              text[BIG] == 0);
    free(text);
    CU_ASSERT_EQUAL(d.len, 0);
    CU_ASSERT_EQUAL(pp_zip_read_all(z, "big.xml", BIG - 1, &text, &len, &d),
                    PP_E_INPUT);
    CU_ASSERT_PTR_NULL(text);
    pp_zip_reader_close(z);
    pp_diags_free(&d);
    free(big);
}

/* A part cut short (no end tag of its root) is found; whole ones pass. */
static void test_xml_whole(void)
{
    static const char *cut = "<?xml version=\"1.0\"?>\n<worksheet><row r=\"1";
    static const char *whole = "<?xml version=\"1.0\"?>\n"
                               "<worksheet a=\"1\"><row/></worksheet>\n";
    pp_zip_writer *w;
    int err = 0;
    CU_ASSERT_EQUAL_FATAL(S_write(cu_path("w.zip")), 0);
    CU_ASSERT_TRUE(pp_zip_xml_whole(cu_path("w.zip")));
    w = pp_zip_writer_open(cu_path("c.zip"), 1679011200, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    pp_zip_writer_add(w, "xl/worksheets/sheet1.xml", (void *)whole,
                      strlen(whole), 0);
    pp_zip_writer_add(w, "xl/media/image1.png", "\x89PNG", 4, 0);
    CU_ASSERT_EQUAL_FATAL(pp_zip_writer_close(w), 0);
    CU_ASSERT_TRUE(pp_zip_xml_whole(cu_path("c.zip")));
    w = pp_zip_writer_open(cu_path("c.zip"), 1679011200, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    pp_zip_writer_add(w, "xl/worksheets/sheet1.xml", (void *)cut, strlen(cut),
                      0);
    CU_ASSERT_EQUAL_FATAL(pp_zip_writer_close(w), 0);
    CU_ASSERT_FALSE(pp_zip_xml_whole(cu_path("c.zip")));
    CU_ASSERT_FALSE(pp_zip_xml_whole(cu_path("none.zip")));
}

static void test_reproducible(void)
{
    size_t la = 0, lb = 0;
    char *a, *b;
    CU_ASSERT_EQUAL_FATAL(S_write(cu_path("1.zip")), 0);
    CU_ASSERT_EQUAL_FATAL(S_write(cu_path("2.zip")), 0);
    a = cu_slurp(cu_path("1.zip"), &la);
    b = cu_slurp(cu_path("2.zip"), &lb);
    CU_ASSERT(la > 0 && la == lb && memcmp(a, b, la) == 0);
    free(a);
    free(b);
}

static void test_not_zip(void)
{
    pp_diags d = {0};
    pp_zip_reader *z = NULL;
    CU_ASSERT_EQUAL_FATAL(cu_spit(cu_path("x.xlsx"), "this is not an archive"), 0);
    CU_ASSERT_EQUAL(pp_zip_reader_open(cu_path("x.xlsx"), &z, &d), PP_E_INPUT);
    CU_ASSERT_PTR_NULL(z);
    CU_ASSERT_EQUAL_FATAL(d.len, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.items[0].message, "not a ZIP archive"));
    pp_diags_free(&d);
}

static void test_unwritable(void)
{
    int err = 0;
    pp_zip_writer *w = pp_zip_writer_open("/nonexistent-dir/a.zip", 0, &err);
    if (w) { /* libzip defers the failure to close */
        pp_zip_writer_add(w, "a.xml", "<a/>", 4, 0);
        err = pp_zip_writer_close(w);
    }
    CU_ASSERT(err != 0);
}

int main(void)
{
    static const cu_test tests[] = {
        {"round trip", test_round_trip},
        {"parts of every size", test_sizes},
        {"reproducible", test_reproducible},
        {"not a zip", test_not_zip},
        {"unwritable folder", test_unwritable},
        {"a part cut short is found", test_xml_whole},
        {NULL, NULL}};
    if (cu_tmpdir("zip") != 0)
        return 1;
    return cu_main("zip", tests);
}
