/* test_pdf_font.c - the PDF renderer's fonts: the subsets hold every
 * character of every template and fixture; a document with a character
 * outside them is drawn from the full fonts, never without it; the
 * subsets' cmap has three segments and maps what they cover; the
 * subsets are cached whole, remade when the cache holds a broken one,
 * and kept in memory when the cache folder cannot be written; a text's
 * width, as a spreadsheet sets it, comes from the font's advances. */
#include "cu.h"
#include "render/pdf/pdf.h"
#include "base/viet.h"
#include "render/pdf/font.h"
#include "render/pdf/subset.h"
#include "render/pdf/measure.h"

#include <dirent.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char S_dir[] = "/tmp/pp-pdffont-XXXXXX";
static char S_cache[300];

/* The four subsets, from a fresh lookup. */
static const pp_font_subset *S_subsets(void)
{
    char why[512];
    const pp_font_files *ff;
    pp_font_subset_release();
    ff = pp_font_files_find(why, sizeof why);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ff);
    return pp_font_subset_get(ff);
}

/* ---------------------------------------------------------------------
 * Every character of the templates and fixtures is in every subset.
 */
static long S_chars, S_files, S_missing;

/* Check each character of text s (after NFC, as the renderer draws it)
 * against the four subsets. */
static void S_check_text(const pp_font_subset *sub, const char *s,
                         const char *file)
{
    char *t = pp_nfc(s);
    const unsigned char *p = (const unsigned char *)(t ? t : s);
    while (*p) {
        long c;
        int n, i, st;
        if (*p < 0x80) {
            c = *p;
            n = 1;
        } else if ((*p & 0xE0) == 0xC0) {
            c = *p & 0x1F;
            n = 2;
        } else if ((*p & 0xF0) == 0xE0) {
            c = *p & 0x0F;
            n = 3;
        } else {
            c = *p & 0x07;
            n = 4;
        }
        for (i = 1; i < n && p[i]; i++)
            c = (c << 6) | (p[i] & 0x3F);
        p += i;
        if (c == '\n' || c == '\r' || c == '\t')
            continue;
        S_chars++;
        for (st = 0; st < 4; st++)
            if (!pp_font_subset_covers(&sub[st], c)) {
                if (S_missing++ < 10)
                    fprintf(stderr, "%s: U+%04lX not in subset %d\n", file,
                            c, st);
            }
    }
    free(t);
}

/* Every text node and attribute value under n. */
static void S_check_node(const pp_font_subset *sub, xmlNodePtr n,
                         const char *file)
{
    for (; n; n = n->next) {
        xmlAttrPtr a;
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
            n->content)
            S_check_text(sub, (const char *)n->content, file);
        if (n->type != XML_ELEMENT_NODE)
            continue;
        for (a = n->properties; a; a = a->next)
            if (a->children && a->children->content)
                S_check_text(sub, (const char *)a->children->content, file);
        S_check_node(sub, n->children, file);
    }
}

/* Every XML file under dir (and its folders), read in its own encoding;
 * files that are not XML at all (fixtures of refused inputs) skipped. */
static void S_check_dir(const pp_font_subset *sub, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    while ((e = readdir(d)) != NULL) {
        char path[1024];
        struct stat st;
        xmlDocPtr doc;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            S_check_dir(sub, path);
            continue;
        }
        doc = xmlReadFile(path, NULL,
                          XML_PARSE_NONET | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING | XML_PARSE_NOENT);
        if (!doc)
            continue;
        S_files++;
        S_check_node(sub, xmlDocGetRootElement(doc), path);
        xmlFreeDoc(doc);
    }
    closedir(d);
}

/* libxml2's messages about the fixtures of refused inputs: not shown. */
static void S_quiet(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    (void)fmt;
}

static void test_subset_covers_templates_and_fixtures(void)
{
    const pp_font_subset *sub = S_subsets();
    CU_ASSERT_PTR_NOT_NULL_FATAL(sub);
    S_chars = S_files = S_missing = 0;
    xmlSetGenericErrorFunc(NULL, S_quiet);
    S_check_dir(sub, "templates");
    S_check_dir(sub, "fixtures");
    xmlSetGenericErrorFunc(NULL, NULL);
    /* the templates, the fixtures in UTF-8 and in windows-1258 */
    CU_ASSERT(S_files >= 40);
    CU_ASSERT(S_chars > 100000);
    CU_ASSERT_EQUAL(S_missing, 0);
    /* and what Vietnamese writes beyond them: every precomposed letter,
     * đồng, quotation marks, dashes, the ellipsis, ≤ ≥ */
    {
        long c;
        int st;
        static const long more[] = {0x0110, 0x0111, 0x0128, 0x0129, 0x0168,
                                    0x0169, 0x01A0, 0x01A1, 0x01AF, 0x01B0,
                                    0x20AB, 0x201C, 0x201D, 0x2013, 0x2014,
                                    0x2026, 0x2264, 0x2265, 0x00D7, 0x00B0};
        for (st = 0; st < 4; st++) {
            for (c = 0x1EA0; c <= 0x1EF9; c++)
                CU_ASSERT(pp_font_subset_covers(&sub[st], c));
            for (c = 0x20; c < 0x7F; c++)
                CU_ASSERT(pp_font_subset_covers(&sub[st], c));
            for (c = 0; c < (long)(sizeof more / sizeof *more); c++)
                CU_ASSERT(pp_font_subset_covers(&sub[st], more[c]));
            /* and not the rest of the font */
            CU_ASSERT(!pp_font_subset_covers(&sub[st], 0x03A9)); /* Ω */
            CU_ASSERT(!pp_font_subset_covers(&sub[st], 0x0416)); /* Ж */
        }
    }
}

/* ---------------------------------------------------------------------
 * A character outside the subsets: the full fonts.
 */

/* Skip blanks at q. */
static char *S_blank(char *q)
{
    while (*q == ' ' || *q == '\n' || *q == '\r')
        q++;
    return q;
}

/* Whether the /W array at q ("first [w w ...] first [...] ]") gives
 * code point cid a width. */
static int S_w_has(char *q, long cid)
{
    for (;;) {
        long first, k;
        q = S_blank(q);
        if (*q < '0' || *q > '9')
            return 0;
        first = strtol(q, &q, 10);
        q = S_blank(q);
        if (*q != '[')
            return 0;
        for (q++, k = 0; *(q = S_blank(q)) != ']'; k++) {
            if (*q < '0' || *q > '9')
                return 0;
            strtol(q, &q, 10);
            if (first + k == cid)
                return 1;
        }
        q++;
    }
}

/* In how many of the PDF's fonts /W gives code point cid a width (the
 * font maps it to a glyph: libharu lists every width but the .notdef's).
 * The file holds compressed streams, NUL bytes: no strstr. */
static int S_fonts_with_width(char *pdf, size_t len, long cid)
{
    size_t i;
    int n = 0;
    for (i = 0; i + 4 <= len; i++)
        if (memcmp(pdf + i, "/W [", 4) == 0)
            n += S_w_has(pdf + i + 4, cid);
    return n;
}

/* Render one paragraph of text into path; PP_OK or the failure. */
static pp_status S_render(const char *text, const char *path)
{
    char desc[1024];
    pp_diags d = {0};
    xmlDocPtr doc;
    pp_status st;
    snprintf(desc, sizeof desc,
             "<document><section><p>%s</p><p><b>%s</b> <i>%s</i> "
             "<b><i>%s</i></b></p></section></document>",
             text, text, text, text);
    doc = xmlReadMemory(desc, (int)strlen(desc), "d.xml", NULL, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    st = pp_pdf_render(doc, path, NULL, &d);
    if (d.len)
        pp_diags_print(&d, stderr);
    pp_diags_free(&d);
    xmlFreeDoc(doc);
    return st;
}

/* pdftotext's text of path contains s. */
static int S_text_has(const char *path, const char *s)
{
    char cmd[600], buf[4096];
    size_t n;
    FILE *p;
    snprintf(cmd, sizeof cmd, "pdftotext '%s' - 2>&1", path);
    p = popen(cmd, "r");
    if (!p)
        return 0;
    n = fread(buf, 1, sizeof buf - 1, p);
    buf[n] = 0;
    pclose(p);
    return strstr(buf, s) != NULL;
}

static void test_outside_subset_drawn_from_full_font(void)
{
    char a[400], b[400];
    char *pa, *pb;
    size_t la = 0, lb = 0;
    S_subsets();
    snprintf(a, sizeof a, "%s/vi.pdf", S_dir);
    snprintf(b, sizeof b, "%s/omega.pdf", S_dir);
    CU_ASSERT_EQUAL_FATAL(S_render("Thống Nhất, Đoàn Thượng", a), PP_OK);
    CU_ASSERT_EQUAL_FATAL(S_render("Thống Nhất Ω, Đoàn Thượng", b), PP_OK);
    pa = cu_slurp(a, &la);
    pb = cu_slurp(b, &lb);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pa);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pb);
    /* Vietnamese only: the four subsets, which have no Ω and are small */
    CU_ASSERT_EQUAL(S_fonts_with_width(pa, la, 0x1ED1), 4); /* ố */
    CU_ASSERT_EQUAL(S_fonts_with_width(pa, la, 0x03A9), 0);
    CU_ASSERT(la < 40000);
    /* with Ω: the full fonts, in all four styles, which draw it */
    CU_ASSERT_EQUAL(S_fonts_with_width(pb, lb, 0x1ED1), 4);
    CU_ASSERT_EQUAL(S_fonts_with_width(pb, lb, 0x03A9), 4);
    CU_ASSERT(lb > la);
    CU_ASSERT(S_text_has(a, "Thống Nhất, Đoàn Thượng"));
    CU_ASSERT(S_text_has(b, "Thống Nhất Ω, Đoàn Thượng"));
    free(pa);
    free(pb);
}

/* ---------------------------------------------------------------------
 * The cache.
 */

/* How many files in dir end with suffix; how many do not, in *other. */
static int S_count(const char *dir, const char *suffix, int *other)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    *other = 0;
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name), k = strlen(suffix);
        if (e->d_name[0] == '.')
            continue;
        if (l > k && strcmp(e->d_name + l - k, suffix) == 0)
            n++;
        else
            (*other)++;
    }
    closedir(d);
    return n;
}

static void test_cache(void)
{
    char fonts[400], first[4][400];
    const pp_font_subset *sub;
    struct stat st;
    int s, other;
    FILE *f;
    snprintf(fonts, sizeof fonts, "%s/parpack/fonts", S_cache);
    sub = S_subsets();
    CU_ASSERT_PTR_NOT_NULL_FATAL(sub);
    /* four whole files, no temporary one left */
    CU_ASSERT_EQUAL(S_count(fonts, ".ttf", &other), 4);
    CU_ASSERT_EQUAL(other, 0);
    for (s = 0; s < 4; s++) {
        CU_ASSERT(strncmp(sub[s].path, fonts, strlen(fonts)) == 0);
        snprintf(first[s], sizeof first[s], "%s", sub[s].path);
    }
    /* the next process finds them */
    sub = S_subsets();
    CU_ASSERT_PTR_NOT_NULL_FATAL(sub);
    for (s = 0; s < 4; s++)
        CU_ASSERT_STRING_EQUAL(sub[s].path, first[s]);
    /* a broken file in the cache (a disk full, a crash) is made again */
    f = fopen(first[1], "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("not a font", f);
    fclose(f);
    sub = S_subsets();
    CU_ASSERT_PTR_NOT_NULL_FATAL(sub);
    CU_ASSERT_STRING_EQUAL(sub[1].path, first[1]);
    CU_ASSERT(stat(first[1], &st) == 0 && st.st_size > 10000);
    CU_ASSERT(pp_font_subset_covers(&sub[1], 0x1EF9));
    /* a cache folder that cannot be made: the subsets in memory files */
    {
        char blocked[400];
        snprintf(blocked, sizeof blocked, "%s/file", S_dir);
        f = fopen(blocked, "w");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        fclose(f);
        setenv("XDG_CACHE_HOME", blocked, 1);
        sub = S_subsets();
        CU_ASSERT_PTR_NOT_NULL_FATAL(sub);
        for (s = 0; s < 4; s++) {
            CU_ASSERT(strncmp(sub[s].path, "/proc/self/fd/", 14) == 0);
            CU_ASSERT(pp_font_subset_covers(&sub[s], 0x1EA0));
        }
        /* and a PDF made from them */
        snprintf(blocked, sizeof blocked, "%s/memory.pdf", S_dir);
        CU_ASSERT_EQUAL(S_render("Ủy ban nhân dân", blocked), PP_OK);
        CU_ASSERT(S_text_has(blocked, "Ủy ban nhân dân"));
        setenv("XDG_CACHE_HOME", S_cache, 1);
    }
}

/* ---------------------------------------------------------------------
 * The subsets' cmap: three segments, mapping exactly what they cover.
 */

static unsigned S_u16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

/* The (3,1) format 4 subtable of the TrueType font in b (len bytes), or
 * NULL. */
static const unsigned char *S_cmap4(const unsigned char *b, size_t len)
{
    unsigned n = S_u16(b + 4), i, k;
    for (i = 0; i < n && 12 + 16 * (size_t)(i + 1) <= len; i++) {
        const unsigned char *r = b + 12 + 16 * i;
        size_t off = (size_t)S_u16(r + 8) << 16 | S_u16(r + 10);
        if (memcmp(r, "cmap", 4) != 0 || off + 4 > len)
            continue;
        for (k = 0; k < S_u16(b + off + 2); k++) {
            const unsigned char *e = b + off + 4 + 8 * k;
            size_t so = off + ((size_t)S_u16(e + 4) << 16 | S_u16(e + 6));
            if (S_u16(e) == 3 && S_u16(e + 2) == 1 && so + 16 <= len &&
                S_u16(b + so) == 4 && so + S_u16(b + so + 2) <= len)
                return b + so;
        }
    }
    return NULL;
}

/* The glyph of code point c in format 4 subtable t, as the OpenType
 * specification reads it. */
static unsigned S_glyph(const unsigned char *t, unsigned c)
{
    unsigned n = S_u16(t + 6) / 2, i;
    const unsigned char *end = t + 14, *start = end + 2 * n + 2,
                        *delta = start + 2 * n, *ro = delta + 2 * n;
    for (i = 0; i < n; i++)
        if (c <= S_u16(end + 2 * i))
            break;
    if (i == n || c < S_u16(start + 2 * i))
        return 0;
    if (S_u16(ro + 2 * i) == 0)
        return (c + S_u16(delta + 2 * i)) & 0xFFFF;
    {
        const unsigned char *g = ro + 2 * i + S_u16(ro + 2 * i) +
                                 2 * (c - S_u16(start + 2 * i));
        unsigned v;
        if (g + 2 > t + S_u16(t + 2))
            return 0;
        v = S_u16(g);
        return v ? (v + S_u16(delta + 2 * i)) & 0xFFFF : 0;
    }
}

static void test_subset_cmap(void)
{
    const pp_font_subset *sub = S_subsets();
    int st;
    CU_ASSERT_PTR_NOT_NULL_FATAL(sub);
    for (st = 0; st < 4; st++) {
        size_t len = 0;
        unsigned char *b = (unsigned char *)cu_slurp(sub[st].path, &len);
        const unsigned char *t;
        unsigned c, mapped = 0, wrong = 0;
        CU_ASSERT_PTR_NOT_NULL_FATAL(b);
        t = S_cmap4(b, len);
        CU_ASSERT_PTR_NOT_NULL_FATAL(t);
        /* ASCII..combining marks, Vietnamese letters..≥, the end */
        CU_ASSERT_EQUAL(S_u16(t + 6) / 2, 3);
        for (c = 0; c < 0xFFFF; c++) {
            int g = S_glyph(t, c) != 0;
            mapped += (unsigned)g;
            wrong += (unsigned)(g != pp_font_subset_covers(&sub[st], c));
        }
        CU_ASSERT(mapped >= 450);
        CU_ASSERT_EQUAL(wrong, 0);
        CU_ASSERT(S_glyph(t, 0x1EC7) != S_glyph(t, 0x1EC6)); /* ệ, Ệ */
        CU_ASSERT(S_glyph(t, 0x03A9) == 0);                  /* Ω */
        free(b);
    }
}

/* ---------------------------------------------------------------------
 * Widths for the workbooks' row heights: the font's own advances at a
 * whole number of pixels high, each rounded to a pixel.
 */
static double S_px(int bold, double size, const char *t)
{
    return pp_font_text_px(bold, size, t, strlen(t));
}

static void test_text_width(void)
{
    const char *name = "Sở Tài nguyên và Môi trường";
    double ten = S_px(0, 11, "0123456789");
    /* a Times New Roman digit is half an em: 7.5 pixels at 15, set as 8 */
    CU_ASSERT_DOUBLE_EQUAL(ten, 80, 0.01);
    CU_ASSERT_DOUBLE_EQUAL(S_px(0, 11, "0"), 8, 0.01);
    CU_ASSERT_DOUBLE_EQUAL(S_px(0, 11, ""), 0, 0.01);
    /* wider than a 22-character column's 154 pixels: it wraps in Excel,
     * though its 27 letters are fewer than 22 x 1.3 */
    CU_ASSERT(S_px(0, 11, name) > 160 && S_px(0, 11, name) < 200);
    /* the words add up, with the space between */
    CU_ASSERT_DOUBLE_EQUAL(S_px(0, 11, "Sở Tài"),
                           S_px(0, 11, "Sở") + S_px(0, 11, " ") +
                               S_px(0, 11, "Tài"), 0.01);
    /* bold is wider; a larger size is wider */
    CU_ASSERT(S_px(1, 11, name) > S_px(0, 11, name));
    CU_ASSERT(S_px(0, 13, name) > S_px(0, 11, name));
    /* a letter the font lacks counts as an em; a broken sequence and a
     * cut one count as nothing */
    CU_ASSERT_DOUBLE_EQUAL(S_px(0, 11, "\xE4\xB8\x80"), 15, 0.01); /* 一 */
    CU_ASSERT_DOUBLE_EQUAL(S_px(0, 11, "0\xFF" "0"), 16, 0.01);
    CU_ASSERT_DOUBLE_EQUAL(pp_font_text_px(0, 11, "0\xE1\xBB", 3), 8, 0.01);
    /* the same after the fonts are released and opened again */
    pp_font_measure_release();
    CU_ASSERT_DOUBLE_EQUAL(S_px(0, 11, "0123456789"), ten, 0.01);
}

int main(void)
{
    static const cu_test tests[] = {
        {"the subsets hold every character of the templates and fixtures",
         test_subset_covers_templates_and_fixtures},
        {"the subsets' cmap: three segments, what they cover",
         test_subset_cmap},
        {"a character outside the subsets: drawn from the full fonts",
         test_outside_subset_drawn_from_full_font},
        {"subsets cached whole, remade when broken, in memory without a "
         "cache folder",
         test_cache},
        {"a text's width from the font's advances, as a screen sets it",
         test_text_width},
        {NULL, NULL}};
    int rc;
    if (!mkdtemp(S_dir))
        return 1;
    snprintf(S_cache, sizeof S_cache, "%s/cache", S_dir);
    setenv("XDG_CACHE_HOME", S_cache, 1);
    rc = cu_main("pdf fonts", tests);
    pp_pdf_shutdown();
    {
        char cmd[400];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
        if (system(cmd) != 0)
            rc = 1;
    }
    return rc;
}
