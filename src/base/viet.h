/*
 * viet.h - Vietnamese text: NFC, collation, numbers, money in words,
 * dates and ASCII slugs.  The only module that includes ICU.
 *
 * Ownership: functions returning char * return a malloc'd string the
 * caller frees; functions taking (buf, cap) write a NUL-terminated string
 * into the caller's buffer and return it (truncating if cap is too small).
 */
#ifndef PARPACK_VIET_H
#define PARPACK_VIET_H

#include <stddef.h>
#include <stdint.h>

/* Normalise UTF-8 text to NFC. Returns NULL for invalid UTF-8. */
char *pp_nfc(const char *s);

/* The code point of the UTF-8 sequence at *p, which it steps over; -1
 * for a byte that starts no whole sequence (a continuation byte, 0xF8 to
 * 0xFF, a sequence cut short), which it steps over alone. The text ends
 * at end, or at its NUL when end is NULL. */
long pp_utf8_next(const char **p, const char *end);

/* Nonzero if s is already NFC (fast path for ASCII). */
int pp_is_nfc(const char *s);

/* Vietnamese collation (CLDR "vi"): a < ă < â, d < đ, tones secondary. */
typedef struct pp_collator pp_collator;
pp_collator *pp_collator_new(void);
void pp_collator_free(pp_collator *c);
/* <0, 0, >0 like strcmp. */
int pp_collate(pp_collator *c, const char *a, const char *b);
/* Sort key (compare with strcmp); malloc'd, caller frees. */
char *pp_collate_key(pp_collator *c, const char *s);

/*
 * Format value x 10^-scale with `decimals` decimals (rounded half up, or
 * padded), Vietnamese style: decimal comma, thousands dot.
 *   pp_fmt_decimal(buf, 32, 87490, 3, 2)  -> "87,49"
 *   pp_fmt_decimal(buf, 32, 1800000, 0, 0) -> "1.800.000"
 */
char *pp_fmt_decimal(char *buf, size_t cap, int64_t value, int scale,
                     int decimals);

/* Same, dot decimal and no grouping (for CSV / machine output): "87.49". */
char *pp_fmt_plain(char *buf, size_t cap, int64_t value, int scale,
                   int decimals);

/* How many decimals (at least min_dec, at most 3) a figure in
 * thousandths needs: 82580 -> 2, 100000 -> 0, 4125 -> 3. */
int pp_points_decimals(int64_t thousandths, int min_dec);

/* Points (thousandths) as a plain dot decimal with only the decimals they
 * need: 82580 -> "82.58", 95500 -> "95.5", 100000 -> "100". */
char *pp_fmt_points(char *buf, size_t cap, int64_t thousandths);

/* Points in a message's prose, with the decimal mark of the language of
 * the messages: "1.5" in English, "1,5" in Vietnamese (a number quoted
 * from the file, max="1.5", stays pp_fmt_points). */
char *pp_fmt_points_msg(char *buf, size_t cap, int64_t thousandths);

/* Money in figures: 1410000 -> "1.410.000". */
char *pp_fmt_money(char *buf, size_t cap, int64_t dong);

/* Word style choices (regional variants of docs/domain.md). */
typedef struct {
    int tu_for_4;      /* 24 -> "hai mươi tư" (1) or "hai mươi bốn" (0) */
    int le_for_zero;   /* 105 -> "một trăm lẻ năm" (1) or "linh năm" (0) */
    int nghin;         /* 1000 -> "nghìn" (1) or "ngàn" (0) */
} pp_words_style;

extern const pp_words_style PP_WORDS_DEFAULT; /* tư, lẻ, nghìn */

/*
 * A non-negative integer in words, lower case: 21 -> "hai mươi mốt",
 * 1001000 -> "một triệu không trăm lẻ một nghìn". 0 -> "không".
 * Valid for 0 <= n < 10^15.
 */
char *pp_number_words(int64_t n, const pp_words_style *st);

/* Money in words, capitalised, with "đồng":
 * 2340000 -> "Hai triệu ba trăm bốn mươi nghìn đồng". */
char *pp_money_words(int64_t dong, const pp_words_style *st);

/* Date line: legal = 1 writes "ngày 05 tháng 01 năm 2020", legal = 0 writes
 * "ngày 5 tháng 1 năm 2020". */
char *pp_fmt_date(char *buf, size_t cap, int y, int m, int d, int legal);

/* ASCII slug: lower case, Vietnamese without diacritics (đ -> d), runs of
 * anything else -> "-", no leading/trailing "-". "Thị trấn Gia Lộc" ->
 * "thi-tran-gia-loc". Never empty: returns "x" for text with no letters. */
char *pp_slug(const char *s);

/* Upper-case / lower-case Vietnamese text (ICU, locale vi). */
char *pp_upper(const char *s);
char *pp_lower(const char *s);

/* s with its first letter in upper case ("huyện Kỳ Anh" -> "Huyện Kỳ
 * Anh"), malloc'd; NULL when out of memory. */
char *pp_capital_first(const char *s);

/* An upper-case body name in running text: lower case, first letter
 * capitalised, the place name as written: ("ỦY BAN NHÂN DÂN HUYỆN GIA
 * LỘC", "Gia Lộc") -> "Ủy ban nhân dân huyện Gia Lộc". */
char *pp_proper(const char *name, const char *place);

#endif
