/*
 * viet.c - Vietnamese text: NFC, collation, numbers, words, dates, slugs
 * (see viet.h). The only module that includes ICU's text services.
 */
#include "base/viet.h"
#include "base/i18n.h"

#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const pp_words_style PP_WORDS_DEFAULT = {1, 1, 1};

/* UTF-8 -> UTF-16, malloc'd; NULL for invalid UTF-8. */
static UChar *S_to16(const char *s, int32_t *len)
{
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = 0;
    UChar *b;
    u_strFromUTF8(NULL, 0, &n, s, -1, &e);
    if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
        return NULL;
    e = U_ZERO_ERROR;
    b = malloc(((size_t)n + 1) * sizeof *b);
    if (!b)
        return NULL;
    u_strFromUTF8(b, n + 1, &n, s, -1, &e);
    if (U_FAILURE(e)) {
        free(b);
        return NULL;
    }
    *len = n;
    return b;
}

/* UTF-16 -> UTF-8, malloc'd. */
static char *S_to8(const UChar *s, int32_t len)
{
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = 0;
    char *b;
    u_strToUTF8(NULL, 0, &n, s, len, &e);
    e = U_ZERO_ERROR;
    b = malloc((size_t)n + 1);
    if (!b)
        return NULL;
    u_strToUTF8(b, n + 1, &n, s, len, &e);
    if (U_FAILURE(e)) {
        free(b);
        return NULL;
    }
    return b;
}

static int S_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

/* Normalise with one of ICU's normalisers. */
static char *S_normalize(const char *s, const UNormalizer2 *n)
{
    UErrorCode e = U_ZERO_ERROR;
    int32_t len = 0, cap, out;
    UChar *a = S_to16(s, &len), *b;
    char *r;
    if (!a)
        return NULL;
    cap = len * 4 + 16;
    b = malloc((size_t)cap * sizeof *b);
    if (!b) {
        free(a);
        return NULL;
    }
    out = unorm2_normalize(n, a, len, b, cap, &e);
    r = U_FAILURE(e) ? NULL : S_to8(b, out);
    free(a);
    free(b);
    return r;
}

/* NFC copy of s; NULL for invalid UTF-8. */
/* See viet.h. */
long pp_utf8_next(const char **p, const char *end)
{
    const unsigned char *s = (const unsigned char *)*p;
    long c = s[0];
    int n = c < 0x80 ? 0 : c >= 0xF8 ? -1 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2
                                           : c >= 0xC0 ? 1 : -1, i;
    if (n > 0)
        c &= 0x3F >> n;
    for (i = 1; i <= n; i++) {
        if ((end && (const char *)s + i >= end) || (s[i] & 0xC0) != 0x80) {
            n = -1;
            break;
        }
        c = c << 6 | (s[i] & 0x3F);
    }
    *p += n < 0 ? 1 : n + 1;
    return n < 0 ? -1 : c;
}

char *pp_nfc(const char *s)
{
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *n;
    if (!s)
        return NULL;
    if (S_ascii(s))
        return strdup(s);
    n = unorm2_getNFCInstance(&e);
    if (U_FAILURE(e))
        return NULL;
    return S_normalize(s, n);
}

/* Is s already NFC? (ASCII is.) */
int pp_is_nfc(const char *s)
{
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *n;
    int32_t len = 0;
    UChar *a;
    int ok;
    if (S_ascii(s))
        return 1;
    n = unorm2_getNFCInstance(&e);
    a = S_to16(s, &len);
    if (!a || U_FAILURE(e)) {
        free(a);
        return 0;
    }
    ok = unorm2_isNormalized(n, a, len, &e) && U_SUCCESS(e);
    free(a);
    return ok;
}

/* ---------------------------------------------------------------------
 * Collation.
 */
struct pp_collator {
    UCollator *c;
};

/* A collator for Vietnamese (CLDR "vi"). */
pp_collator *pp_collator_new(void)
{
    UErrorCode e = U_ZERO_ERROR;
    pp_collator *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    c->c = ucol_open("vi", &e);
    if (U_FAILURE(e) || !c->c) {
        free(c);
        return NULL;
    }
    return c;
}

void pp_collator_free(pp_collator *c)
{
    if (!c)
        return;
    ucol_close(c->c);
    free(c);
}

/* Compare two UTF-8 strings in Vietnamese order. */
int pp_collate(pp_collator *c, const char *a, const char *b)
{
    UErrorCode e = U_ZERO_ERROR;
    UCollationResult r = ucol_strcollUTF8(c->c, a, -1, b, -1, &e);
    return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

/* A sort key for s: compare keys with strcmp. */
char *pp_collate_key(pp_collator *c, const char *s)
{
    int32_t len = 0, n;
    UChar *a = S_to16(s, &len);
    uint8_t *k;
    if (!a)
        return NULL;
    n = ucol_getSortKey(c->c, a, len, NULL, 0);
    k = malloc((size_t)n + 1);
    if (k)
        ucol_getSortKey(c->c, a, len, k, n + 1);
    free(a);
    return (char *)k;
}

/* ---------------------------------------------------------------------
 * Numbers.
 */
static const int64_t S_p10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

/* Shared by the two decimal formats. */
static char *S_fmt(char *buf, size_t cap, int64_t value, int scale,
                   int decimals, char point, const char *group)
{
    /* written from the right, without snprintf: every figure of every
     * page, sheet and message passes here (58,000 on Hà Tĩnh, where two
     * snprintf calls each were 3% of the build's instructions) */
    char out[64];
    char *e = out + sizeof out, *p = e;
    int neg = value < 0, i, n = 0;
    uint64_t v = neg ? (uint64_t)0 - (uint64_t)value : (uint64_t)value,
             ip, fp;
    size_t len;
    if (scale < 0)
        scale = 0;
    if (decimals < 0)
        decimals = 0;
    if (scale > 6)
        scale = 6;
    if (decimals > 6)
        decimals = 6;
    if (decimals < scale) { /* round half up (away from zero) */
        uint64_t d = (uint64_t)S_p10[scale - decimals];
        v = (v + d / 2) / d;
    } else {
        v *= (uint64_t)S_p10[decimals - scale];
    }
    if (v == 0)
        neg = 0;
    ip = v / (uint64_t)S_p10[decimals];
    fp = v % (uint64_t)S_p10[decimals];
    if (decimals) {
        for (i = 0; i < decimals; i++, fp /= 10)
            *--p = (char)('0' + fp % 10);
        *--p = point;
    }
    do {
        if (group && n > 0 && n % 3 == 0)
            *--p = *group;
        *--p = (char)('0' + ip % 10);
        ip /= 10;
        n++;
    } while (ip);
    if (neg)
        *--p = '-';
    len = (size_t)(e - p);
    if (cap) {
        if (len > cap - 1)
            len = cap - 1;
        memcpy(buf, p, len);
        buf[len] = 0;
    }
    return buf;
}

/* Vietnamese style: "87,49", "1.800.000". */
char *pp_fmt_decimal(char *buf, size_t cap, int64_t value, int scale,
                     int decimals)
{
    return S_fmt(buf, cap, value, scale, decimals, ',', ".");
}

/* Machine style: "87.49". */
char *pp_fmt_plain(char *buf, size_t cap, int64_t value, int scale,
                   int decimals)
{
    return S_fmt(buf, cap, value, scale, decimals, '.', NULL);
}

/* Decimals a figure in thousandths needs; see viet.h. */
int pp_points_decimals(int64_t v, int min_dec)
{
    int dec = 3;
    if (v < 0)
        v = -v;
    while (dec > min_dec && v % 10 == 0) {
        v /= 10;
        dec--;
    }
    return dec;
}

/* "82.58"; see viet.h. */
char *pp_fmt_points(char *buf, size_t cap, int64_t v)
{
    return pp_fmt_plain(buf, cap, v, 3, pp_points_decimals(v, 0));
}

/* "1,5" in a Vietnamese message; see viet.h. */
char *pp_fmt_points_msg(char *buf, size_t cap, int64_t v)
{
    /* TRANSLATORS: the decimal mark of the numbers in messages, one
     * character ("," in Vietnamese: "điểm thẩm định 1,5") */
    const char *mark = _(".");
    char *dot;
    pp_fmt_points(buf, cap, v);
    if (mark[0] && !mark[1] && (dot = strchr(buf, '.')) != NULL)
        *dot = mark[0];
    return buf;
}

/* "1.410.000" */
char *pp_fmt_money(char *buf, size_t cap, int64_t dong)
{
    return S_fmt(buf, cap, dong, 0, 0, ',', ".");
}

/* ---------------------------------------------------------------------
 * Words.
 */
static const char *const S_digit[] = {"không", "một", "hai", "ba",  "bốn",
                                      "năm",   "sáu", "bảy", "tám", "chín"};

typedef struct {
    char *p;
    size_t len, cap;
} S_buf;

static void S_put(S_buf *b, const char *w)
{
    size_t n = strlen(w);
    if (!b->p)
        return;
    if (b->len + n + 2 > b->cap) {
        char *np;
        b->cap = (b->len + n + 2) * 2;
        np = realloc(b->p, b->cap);
        if (!np) {
            free(b->p);
            b->p = NULL;
            return;
        }
        b->p = np;
    }
    if (b->len)
        b->p[b->len++] = ' ';
    memcpy(b->p + b->len, w, n);
    b->len += n;
    b->p[b->len] = 0;
}

/* One group of three digits; `full` when a higher group was read, so
 * that "không trăm" and "lẻ" are said. */
static void S_group(S_buf *b, int g, int full, const pp_words_style *st)
{
    int h = g / 100, t = g / 10 % 10, o = g % 10;
    if (h > 0 || full) {
        S_put(b, S_digit[h]);
        S_put(b, "trăm");
    }
    if (t == 0) {
        if (o > 0) {
            if (h > 0 || full)
                S_put(b, st->le_for_zero ? "lẻ" : "linh");
            S_put(b, S_digit[o]);
        }
    } else if (t == 1) {
        S_put(b, "mười");
        if (o == 5)
            S_put(b, "lăm");
        else if (o > 0)
            S_put(b, S_digit[o]);
    } else {
        S_put(b, S_digit[t]);
        S_put(b, "mươi");
        if (o == 1)
            S_put(b, "mốt");
        else if (o == 4)
            S_put(b, st->tu_for_4 ? "tư" : "bốn");
        else if (o == 5)
            S_put(b, "lăm");
        else if (o > 0)
            S_put(b, S_digit[o]);
    }
}

/* A number in words, lower case (see viet.h). */
char *pp_number_words(int64_t n, const pp_words_style *st)
{
    int groups[6], ng = 0, i, full = 0;
    const char *units[6];
    S_buf b;
    if (!st)
        st = &PP_WORDS_DEFAULT;
    units[0] = "";
    units[1] = st->nghin ? "nghìn" : "ngàn";
    units[2] = "triệu";
    units[3] = "tỷ";
    units[4] = st->nghin ? "nghìn tỷ" : "ngàn tỷ";
    units[5] = "triệu tỷ";
    b.cap = 64;
    b.len = 0;
    b.p = malloc(b.cap);
    if (!b.p)
        return NULL;
    b.p[0] = 0;
    if (n < 0)
        n = 0;
    if (n == 0) {
        S_put(&b, "không");
        return b.p;
    }
    while (n > 0 && ng < 6) {
        groups[ng++] = (int)(n % 1000);
        n /= 1000;
    }
    for (i = ng - 1; i >= 0; i--) {
        if (groups[i] == 0)
            continue;
        S_group(&b, groups[i], full, st);
        if (*units[i])
            S_put(&b, units[i]);
        full = 1;
    }
    return b.p;
}

/* Money in words, capitalised, with "đồng". */
char *pp_money_words(int64_t dong, const pp_words_style *st)
{
    char *w = pp_number_words(dong, st), *r;
    size_t n;
    if (!w)
        return NULL;
    n = strlen(w);
    r = malloc(n + sizeof " đồng");
    if (r) {
        memcpy(r, w, n);
        memcpy(r + n, " đồng", sizeof " đồng");
        /* every digit word starts with an ASCII letter */
        if (r[0] >= 'a' && r[0] <= 'z')
            r[0] = (char)(r[0] - 'a' + 'A');
    }
    free(w);
    return r;
}

/* "ngày 05 tháng 01 năm 2020" (legal) or "ngày 5 tháng 1 năm 2020". */
char *pp_fmt_date(char *buf, size_t cap, int y, int m, int d, int legal)
{
    if (legal)
        snprintf(buf, cap, "ngày %s%d tháng %s%d năm %d", d < 10 ? "0" : "",
                 d, m < 3 ? "0" : "", m, y);
    else
        snprintf(buf, cap, "ngày %d tháng %d năm %d", d, m, y);
    return buf;
}

/* ---------------------------------------------------------------------
 * Slugs and case.
 */

/* ASCII slug (see viet.h). */
char *pp_slug(const char *s)
{
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
    char *d = U_SUCCESS(e) ? S_normalize(s, nfd) : NULL, *out;
    const unsigned char *p;
    size_t j = 0;
    if (!d)
        d = strdup(s ? s : "");
    if (!d)
        return NULL;
    out = malloc(strlen(d) + 2);
    if (!out) {
        free(d);
        return NULL;
    }
    for (p = (const unsigned char *)d; *p;) {
        unsigned c = *p;
        unsigned cp = c;
        int len = 1;
        if (c >= 0xF0 && p[1] && p[2] && p[3]) {
            cp = ((c & 7u) << 18) | ((p[1] & 63u) << 12) | ((p[2] & 63u) << 6) |
                 (p[3] & 63u);
            len = 4;
        } else if (c >= 0xE0 && p[1] && p[2]) {
            cp = ((c & 15u) << 12) | ((p[1] & 63u) << 6) | (p[2] & 63u);
            len = 3;
        } else if (c >= 0xC0 && p[1]) {
            cp = ((c & 31u) << 6) | (p[1] & 63u);
            len = 2;
        }
        p += len;
        if (cp >= 0x300 && cp <= 0x36F)
            continue; /* combining mark */
        if (cp == 0x111 || cp == 0x110)
            cp = 'd';
        if (cp >= 'A' && cp <= 'Z')
            cp += 'a' - 'A';
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
            out[j++] = (char)cp;
        else if (j > 0 && out[j - 1] != '-')
            out[j++] = '-';
    }
    while (j > 0 && out[j - 1] == '-')
        j--;
    if (j == 0)
        out[j++] = 'x';
    out[j] = 0;
    free(d);
    return out;
}

/* Upper or lower case with ICU. */
static char *S_case(const char *s, int upper)
{
    UErrorCode e = U_ZERO_ERROR;
    int32_t len = 0, n;
    UChar *a = S_to16(s ? s : "", &len), *b;
    char *r;
    if (!a)
        return NULL;
    b = malloc(((size_t)len * 3 + 8) * sizeof *b);
    if (!b) {
        free(a);
        return NULL;
    }
    n = upper ? u_strToUpper(b, len * 3 + 8, a, len, "vi", &e)
              : u_strToLower(b, len * 3 + 8, a, len, "vi", &e);
    r = U_FAILURE(e) ? strdup(s ? s : "") : S_to8(b, n);
    free(a);
    free(b);
    return r;
}

char *pp_lower(const char *s)
{
    return S_case(s, 0);
}

/* The kinds of administrative unit; the words after one, to a comma or
 * the end, are its proper name. */
static const char *const S_kinds[] = {
    "tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường",
    "thị trấn"};

/* s with the letter at each byte offset i where up[i] is 1 in upper
 * case (malloc'd), or NULL when out of memory. */
static char *S_capitals_at(const char *s, const unsigned char *up)
{
    size_t i, k, len = strlen(s);
    char *out = malloc(len * 2 + 1); /* a capital is at most twice as long */
    for (i = 0, k = 0; out && i < len;) {
        size_t n = 1;
        while (s[i + n] && ((unsigned char)s[i + n] & 0xC0) == 0x80)
            n++;
        if (up[i]) {
            char one[8], *cap;
            memcpy(one, s + i, n);
            one[n] = 0;
            if ((cap = S_case(one, 1)) != NULL && strlen(cap) <= 2 * n) {
                memcpy(out + k, cap, strlen(cap));
                k += strlen(cap);
                free(cap);
                i += n;
                continue;
            }
            free(cap);
        }
        memcpy(out + k, s + i, n);
        k += n;
        i += n;
    }
    if (out)
        out[k] = 0;
    return out;
}

/* See viet.h. */
char *pp_capital_first(const char *s)
{
    unsigned char *up = calloc(strlen(s) + 1, 1);
    char *out;
    if (!up)
        return NULL;
    up[0] = 1;
    out = S_capitals_at(s, up);
    free(up);
    return out;
}

/* In the lower-case low, the first letter of each word after a kind (a
 * whole word) capitalised, to a comma or the end: "huyện kỳ anh, tỉnh hà
 * tĩnh" -> "huyện Kỳ Anh, tỉnh Hà Tĩnh". NULL when out of memory. */
static char *S_names_after_kinds(const char *low)
{
    size_t k, len = strlen(low);
    unsigned char *up = calloc(len + 1, 1); /* 1: a word's first letter */
    char *out;
    if (!up)
        return NULL;
    for (k = 0; k < sizeof S_kinds / sizeof *S_kinds; k++) {
        size_t kl = strlen(S_kinds[k]);
        const char *hit = low;
        while ((hit = strstr(hit, S_kinds[k])) != NULL) {
            size_t at = (size_t)(hit - low), j = at + kl;
            hit += kl;
            if ((at > 0 && low[at - 1] != ' ') || low[j] != ' ')
                continue;
            while (low[j] && low[j] != ',') {
                while (low[j] == ' ')
                    j++;
                if (low[j] && low[j] != ',')
                    up[j] = 1;
                while (low[j] && low[j] != ' ' && low[j] != ',')
                    j++;
            }
        }
    }
    out = S_capitals_at(low, up);
    free(up);
    return out;
}

/* Running-text form of an upper-case name; see viet.h. */
char *pp_proper(const char *name, const char *place)
{
    char *low = pp_lower(name), *lp = place ? pp_lower(place) : NULL, *hit;
    char *first;
    if (!low)
        return NULL;
    if (lp && *lp && (hit = strstr(low, lp)) != NULL &&
        strlen(place) == strlen(lp)) {
        memcpy(hit, place, strlen(place)); /* same length in UTF-8 */
    } else {
        /* the place not found in the name ("HUYỆN MẪU", place "Mẫu
         * Sơn"): the words after the unit's kind are its name */
        char *named = S_names_after_kinds(low);
        if (named) {
            free(low);
            low = named;
        }
    }
    free(lp);
    first = pp_capital_first(low);
    free(low);
    return first;
}

/* Vietnamese upper case. */
char *pp_upper(const char *s)
{
    return S_case(s, 1);
}
