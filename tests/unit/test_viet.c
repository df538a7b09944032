/* test_viet.c - Vietnamese text: NFC, collation, numbers in figures and
 * words, dates, slugs. */
#include "cu.h"
#include "base/viet.h"

#include <stdlib.h>
#include <string.h>

static void words_is(int64_t n, const char *want)
{
    char *w = pp_number_words(n, &PP_WORDS_DEFAULT);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    if (strcmp(w, want) != 0)
        printf("\n%lld: got [%s] want [%s]\n", (long long)n, w, want);
    CU_ASSERT_STRING_EQUAL(w, want);
    free(w);
}

static void test_words(void)
{
    words_is(0, "không");
    words_is(5, "năm");
    words_is(10, "mười");
    words_is(11, "mười một");
    words_is(14, "mười bốn");
    words_is(15, "mười lăm");
    words_is(21, "hai mươi mốt");
    words_is(24, "hai mươi tư");
    words_is(25, "hai mươi lăm");
    words_is(105, "một trăm lẻ năm");
    words_is(110, "một trăm mười");
    words_is(1001000, "một triệu không trăm lẻ một nghìn");
    words_is(1000005, "một triệu không trăm lẻ năm");
    words_is(1410000, "một triệu bốn trăm mười nghìn");
    words_is(2530000, "hai triệu năm trăm ba mươi nghìn");
    words_is(1000000000, "một tỷ");
    words_is(999999999999LL,
             "chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu "
             "chín trăm chín mươi chín nghìn chín trăm chín mươi chín");
    words_is(1000000000000LL, "một nghìn tỷ");
}

static void test_word_styles(void)
{
    pp_words_style st = {0, 0, 0};
    char *w = pp_number_words(24, &st);
    CU_ASSERT_STRING_EQUAL(w, "hai mươi bốn");
    free(w);
    w = pp_number_words(105, &st);
    CU_ASSERT_STRING_EQUAL(w, "một trăm linh năm");
    free(w);
    w = pp_number_words(2000, &st);
    CU_ASSERT_STRING_EQUAL(w, "hai ngàn");
    free(w);
}

static void test_money_words(void)
{
    char *w = pp_money_words(2340000, NULL);
    CU_ASSERT_STRING_EQUAL(w, "Hai triệu ba trăm bốn mươi nghìn đồng");
    free(w);
    w = pp_money_words(1001000, NULL);
    CU_ASSERT_STRING_EQUAL(w, "Một triệu không trăm lẻ một nghìn đồng");
    free(w);
    w = pp_money_words(1410000, NULL);
    CU_ASSERT_STRING_EQUAL(w, "Một triệu bốn trăm mười nghìn đồng");
    free(w);
}

static void test_figures(void)
{
    char b[64];
    CU_ASSERT_STRING_EQUAL(pp_fmt_decimal(b, sizeof b, 87490, 3, 2), "87,49");
    CU_ASSERT_STRING_EQUAL(pp_fmt_decimal(b, sizeof b, 86471, 3, 3), "86,471");
    CU_ASSERT_STRING_EQUAL(pp_fmt_decimal(b, sizeof b, 1800000, 0, 0),
                           "1.800.000");
    CU_ASSERT_STRING_EQUAL(pp_fmt_decimal(b, sizeof b, -2380, 3, 2), "-2,38");
    CU_ASSERT_STRING_EQUAL(pp_fmt_decimal(b, sizeof b, 2385, 3, 2), "2,39");
    CU_ASSERT_STRING_EQUAL(pp_fmt_decimal(b, sizeof b, 100000, 3, 2),
                           "100,00");
    CU_ASSERT_STRING_EQUAL(pp_fmt_plain(b, sizeof b, 87490, 3, 2), "87.49");
    CU_ASSERT_STRING_EQUAL(pp_fmt_plain(b, sizeof b, 1234567, 3, 0), "1235");
    CU_ASSERT_STRING_EQUAL(pp_fmt_points(b, sizeof b, 82580), "82.58");
    CU_ASSERT_STRING_EQUAL(pp_fmt_points(b, sizeof b, 95500), "95.5");
    CU_ASSERT_STRING_EQUAL(pp_fmt_points(b, sizeof b, 100000), "100");
    CU_ASSERT_STRING_EQUAL(pp_fmt_points(b, sizeof b, 4125), "4.125");
    CU_ASSERT_EQUAL(pp_points_decimals(84000, 2), 2);
    CU_ASSERT_STRING_EQUAL(pp_fmt_money(b, sizeof b, 1410000), "1.410.000");
    CU_ASSERT_STRING_EQUAL(pp_fmt_money(b, sizeof b, 900000), "900.000");
    CU_ASSERT_STRING_EQUAL(pp_fmt_money(b, sizeof b, 0), "0");
    /* the edges of the formatter written digit by digit: rounding that
     * carries into a new group, a negative that rounds to zero, the
     * largest figures, and a buffer too short (cut and terminated, as
     * snprintf cut it) */
    CU_ASSERT_STRING_EQUAL(pp_fmt_decimal(b, sizeof b, 999995, 3, 2),
                           "1.000,00");
    CU_ASSERT_STRING_EQUAL(pp_fmt_decimal(b, sizeof b, -4, 3, 2), "0,00");
    CU_ASSERT_STRING_EQUAL(pp_fmt_decimal(b, sizeof b, -5, 3, 2), "-0,01");
    CU_ASSERT_STRING_EQUAL(pp_fmt_plain(b, sizeof b, 5, 0, 6), "5.000000");
    CU_ASSERT_STRING_EQUAL(
        pp_fmt_money(b, sizeof b, INT64_C(9223372036854775807)),
        "9.223.372.036.854.775.807");
    CU_ASSERT_STRING_EQUAL(
        pp_fmt_money(b, sizeof b, -INT64_C(9223372036854775807) - 1),
        "-9.223.372.036.854.775.808");
    CU_ASSERT_STRING_EQUAL(pp_fmt_money(b, 6, 1800000), "1.800");
    b[0] = 'x';
    pp_fmt_money(b, 0, 1800000);
    CU_ASSERT_EQUAL(b[0], 'x');
}

static void test_dates(void)
{
    char b[64];
    CU_ASSERT_STRING_EQUAL(pp_fmt_date(b, sizeof b, 2020, 1, 5, 1),
                           "ngày 05 tháng 01 năm 2020");
    CU_ASSERT_STRING_EQUAL(pp_fmt_date(b, sizeof b, 2023, 3, 17, 1),
                           "ngày 17 tháng 3 năm 2023");
    CU_ASSERT_STRING_EQUAL(pp_fmt_date(b, sizeof b, 2023, 3, 17, 0),
                           "ngày 17 tháng 3 năm 2023");
}

static void test_nfc(void)
{
    /* "Đức Xương" decomposed */
    char *s = pp_nfc("\xc4\x90u\xcc\x9b\xcc\x81" "c Xu\xcc\x9bo\xcc\x9bng");
    CU_ASSERT_STRING_EQUAL(s, "Đức Xương");
    CU_ASSERT_TRUE(pp_is_nfc(s));
    CU_ASSERT_FALSE(pp_is_nfc("u\xcc\x9b"));
    CU_ASSERT_TRUE(pp_is_nfc("ascii"));
    free(s);
    CU_ASSERT_PTR_NULL(pp_nfc("bad \xff utf-8"));
}

/* pp_utf8_next: each code point once; a broken byte alone, as -1 */
static void test_utf8_next(void)
{
    const char *t = "aệ\xF0\x9F\x98\x80", *p = t; /* a, ệ, 😀 */
    const char *cut = "\xE1\xBB", *bad = "\x80x\xFFy", *q;
    CU_ASSERT_EQUAL(pp_utf8_next(&p, NULL), 'a');
    CU_ASSERT_EQUAL(pp_utf8_next(&p, NULL), 0x1EC7);
    CU_ASSERT_EQUAL(pp_utf8_next(&p, NULL), 0x1F600);
    CU_ASSERT_EQUAL(*p, 0);
    /* a sequence cut by the end given, or by the NUL */
    p = t + 1;
    CU_ASSERT_EQUAL(pp_utf8_next(&p, t + 3), -1);
    CU_ASSERT_PTR_EQUAL(p, t + 2);
    q = cut;
    CU_ASSERT_EQUAL(pp_utf8_next(&q, NULL), -1);
    CU_ASSERT_EQUAL(pp_utf8_next(&q, NULL), -1);
    CU_ASSERT_EQUAL(*q, 0);
    /* a continuation byte, a byte no sequence starts with */
    q = bad;
    CU_ASSERT_EQUAL(pp_utf8_next(&q, NULL), -1);
    CU_ASSERT_EQUAL(pp_utf8_next(&q, NULL), 'x');
    CU_ASSERT_EQUAL(pp_utf8_next(&q, NULL), -1);
    CU_ASSERT_EQUAL(pp_utf8_next(&q, NULL), 'y');
}

static void test_collation(void)
{
    pp_collator *c = pp_collator_new();
    char *k1, *k2;
    CU_ASSERT_PTR_NOT_NULL_FATAL(c);
    CU_ASSERT_TRUE(pp_collate(c, "An", "Ăn") < 0);
    CU_ASSERT_TRUE(pp_collate(c, "Ăn", "Ân") < 0);
    CU_ASSERT_TRUE(pp_collate(c, "Dương", "Đông") < 0);  /* d < đ */
    CU_ASSERT_TRUE(pp_collate(c, "Đông", "Êm") < 0); /* đ before e */
    CU_ASSERT_TRUE(pp_collate(c, "Ơn", "Ôn") > 0);       /* ô < ơ */
    CU_ASSERT_TRUE(pp_collate(c, "Ưng", "Ung") > 0);     /* u < ư */
    /* tones: unmarked < huyền < hỏi < ngã < sắc < nặng */
    CU_ASSERT_TRUE(pp_collate(c, "ma", "mà") < 0);
    CU_ASSERT_TRUE(pp_collate(c, "mà", "mả") < 0);
    CU_ASSERT_TRUE(pp_collate(c, "mả", "mã") < 0);
    CU_ASSERT_TRUE(pp_collate(c, "mã", "má") < 0);
    CU_ASSERT_TRUE(pp_collate(c, "má", "mạ") < 0);
    /* tones are secondary: "mạ" < "mai" (base letters decide first) */
    CU_ASSERT_TRUE(pp_collate(c, "mạ", "mai") < 0);
    k1 = pp_collate_key(c, "Dương Quang");
    k2 = pp_collate_key(c, "Đông Hưng");
    CU_ASSERT_TRUE(strcmp(k1, k2) < 0);
    free(k1);
    free(k2);
    pp_collator_free(c);
}

static void test_slug_upper(void)
{
    char *s = pp_slug("Thị trấn Gia Lộc");
    CU_ASSERT_STRING_EQUAL(s, "thi-tran-gia-loc");
    free(s);
    s = pp_slug("Đức Xương");
    CU_ASSERT_STRING_EQUAL(s, "duc-xuong");
    free(s);
    s = pp_slug("../../etc/passwd");
    CU_ASSERT_STRING_EQUAL(s, "etc-passwd");
    free(s);
    s = pp_slug("///");
    CU_ASSERT_STRING_EQUAL(s, "x");
    free(s);
    s = pp_proper("ỦY BAN NHÂN DÂN HUYỆN GIA LỘC", "Gia Lộc");
    CU_ASSERT_STRING_EQUAL(s, "Ủy ban nhân dân huyện Gia Lộc");
    free(s);
    s = pp_proper("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "Hà Tĩnh");
    CU_ASSERT_STRING_EQUAL(s, "Ủy ban nhân dân tỉnh Hà Tĩnh");
    free(s);
    /* the place not in the name: the words after the unit's kind are its
     * name, each capitalised, to a comma */
    s = pp_proper("ỦY BAN NHÂN DÂN HUYỆN MẪU", "Mẫu Sơn");
    CU_ASSERT_STRING_EQUAL(s, "Ủy ban nhân dân huyện Mẫu");
    free(s);
    s = pp_proper("ỦY BAN NHÂN DÂN THỊ XÃ KỲ ANH, TỈNH HÀ TĨNH", NULL);
    CU_ASSERT_STRING_EQUAL(s, "Ủy ban nhân dân thị xã Kỳ Anh, tỉnh Hà Tĩnh");
    free(s);
    s = pp_proper("SỞ NỘI VỤ THÀNH PHỐ ĐÀ NẴNG", "");
    CU_ASSERT_STRING_EQUAL(s, "Sở nội vụ thành phố Đà Nẵng");
    free(s);
    s = pp_proper("ỦY BAN NHÂN DÂN XÃ ĐỨC XƯƠNG", "Gia Lộc");
    CU_ASSERT_STRING_EQUAL(s, "Ủy ban nhân dân xã Đức Xương");
    free(s);
    s = pp_proper("PHÒNG NỘI VỤ", "Gia Lộc"); /* no kind: as before */
    CU_ASSERT_STRING_EQUAL(s, "Phòng nội vụ");
    free(s);
    s = pp_upper("Phạm Văn Tuyên");
    CU_ASSERT_STRING_EQUAL(s, "PHẠM VĂN TUYÊN");
    free(s);
}

int main(void)
{
    static const cu_test tests[] = {
        {"numbers in words", test_words},
        {"regional word styles", test_word_styles},
        {"money in words", test_money_words},
        {"figures: decimal comma, thousands dot", test_figures},
        {"dates, legal and plain", test_dates},
        {"NFC", test_nfc},
        {"UTF-8 code points", test_utf8_next},
        {"Vietnamese collation", test_collation},
        {"slugs and upper case", test_slug_upper},
        {NULL, NULL}};
    return cu_main("viet", tests);
}
