/*
 * bench-xlsx-bare.c - the floor for the unit workbooks: for N units, the
 * very workbook parpack writes for each unit of the national bench file
 * (`parpack build national.xml --only unit-workbook`), written by plain
 * libxlsxwriter calls, with no XML, no XSLT and no templates.
 *
 *   bench-xlsx-bare N PROCS OUTDIR
 *
 * writes OUTDIR/units/SLUG/bang-diem-SLUG-2025.xlsx for N units (one
 * folder per unit, like parpack's packet), the units shared out among
 * PROCS forked processes, with parpack's process settings (mallopt:
 * freed memory kept between workbooks).
 *
 * What each workbook holds, call for call as src/render/xlsx/xlsx.c makes it from
 * templates/unit-workbook.xsl and templates/sheet-common.xsl:
 *  - workbook options: constant memory, tmpdir /dev/shm (else $TMPDIR);
 *    document properties title, subject, author, company, created from
 *    SOURCE_DATE_EPOCH (else now);
 *  - the 15 formats of sheet-common.xsl, in order, each set property by
 *    property in xlsx.c's order (font "Times New Roman"), so styles.xml
 *    comes out byte for byte the same;
 *  - sheet "Bảng điểm": A4 paper, fit to width, repeated row 4, header
 *    and footer, margins, 5 column ranges with widths and formats (G
 *    hidden), 3 merged title rows, the header row (height 32), one row
 *    per criterion (7 fields with SUMIF subtotal formulas and their
 *    values, 60 leaves: id, name, maximum, self-assessed and appraised
 *    points, appraisers' note, "x"; "Không áp dụng" and "na" for a
 *    criterion not applicable), the total row (SUMIF), the index row
 *    (ROUND), four label rows with merged values (tier, rating, rank,
 *    change of rank), frozen panes, protection;
 *  - sheet "Xếp hạng": the same page setup, 6 column ranges, merged
 *    title, header row (height 30), the block's 100 units in rank order
 *    (the unit's own row in the "own" formats, "mới" for a unit new this
 *    year), autofilter, frozen panes, protection.
 * The data are those of tools/gen-national.py for the same N (N units
 * in ceil(N/100) blocks, seed N*7 + blocks, 60 leaves): its generator
 * (CPython's Mersenne Twister, random(), choice(), randint(), uniform(),
 * round()) is reproduced here draw for draw, and the units are scored
 * and ranked by the rules of src/core/score.c (thousandths; ties in Vietnamese
 * order of names, CLDR "vi" as ICU has it, tabled for the generator's
 * syllables only). All of it is done once, before the processes fork,
 * in about 0.03 s. So for the bench's national file (3,400 units,
 * 34 blocks, 60 leaves) each bare workbook is byte-identical to parpack's
 * for the same unit; what the bare loop leaves out is parpack's own
 * work: loading and checking the file, the XSLT, the description tree,
 * the packet's manifest and checksums.
 *
 * Faithfulness is checked by tools/bench-compare.py, which tools/bench.sh
 * runs once before timing: it unzips parpack's workbook of unit p01-001
 * and the bare one, compares the list of zip parts, styles.xml,
 * workbook.xml and docProps byte for byte, each sheet's XML byte for byte
 * or else as a skeleton with values masked, then every other unit's
 * workbook byte for byte, and prints "bare workbook matches parpack's:
 * yes|no (details)".
 */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define NL 60    /* leaves of the scheme (gen-national --leaves 60) */
#define NF 7     /* fields */
#define PER 100  /* units per block (3,400 units in 34 blocks) */
#define YEAR 2025
#define ISSUER "BỘ NỘI VỤ"

typedef long long milli; /* thousandths, as parpack's pp_milli */

/* ---------------------------------------------------------------------
 * CPython's random.Random: MT19937 seeded by init_by_array, random()
 * of 53 bits, getrandbits() for choice() and randint().
 */
static uint32_t S_mt[624];
static int S_mti;

static void S_seed(uint32_t key)
{
    int i = 1, j = 0, k;
    S_mt[0] = 19650218U;
    for (S_mti = 1; S_mti < 624; S_mti++)
        S_mt[S_mti] = 1812433253U * (S_mt[S_mti - 1] ^ (S_mt[S_mti - 1] >> 30)) +
                      (uint32_t)S_mti;
    for (k = 624; k; k--) {
        S_mt[i] = (S_mt[i] ^ ((S_mt[i - 1] ^ (S_mt[i - 1] >> 30)) * 1664525U)) +
                  key + (uint32_t)j;
        i++;
        j = 0; /* one key word */
        if (i >= 624) {
            S_mt[0] = S_mt[623];
            i = 1;
        }
    }
    for (k = 623; k; k--) {
        S_mt[i] = (S_mt[i] ^ ((S_mt[i - 1] ^ (S_mt[i - 1] >> 30)) * 1566083941U)) -
                  (uint32_t)i;
        i++;
        if (i >= 624) {
            S_mt[0] = S_mt[623];
            i = 1;
        }
    }
    S_mt[0] = 0x80000000U;
    S_mti = 624;
}

static uint32_t S_u32(void)
{
    uint32_t y;
    if (S_mti >= 624) {
        int k;
        for (k = 0; k < 624; k++) {
            y = (S_mt[k] & 0x80000000U) | (S_mt[(k + 1) % 624] & 0x7fffffffU);
            S_mt[k] = S_mt[(k + 397) % 624] ^ (y >> 1) ^ (y & 1U ? 0x9908b0dfU : 0U);
        }
        S_mti = 0;
    }
    y = S_mt[S_mti++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680U;
    y ^= (y << 15) & 0xefc60000U;
    y ^= y >> 18;
    return y;
}

static double S_random(void)
{
    uint32_t a = S_u32() >> 5, b = S_u32() >> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
}

/* _randbelow(n): getrandbits(n.bit_length()) until below n */
static unsigned S_below(unsigned n)
{
    int k = 0;
    uint32_t r;
    while (k < 32 && (n >> k))
        k++;
    do
        r = S_u32() >> (32 - k);
    while (r >= n);
    return r;
}

static int S_randint(int a, int b)
{
    return a + (int)S_below((unsigned)(b - a + 1));
}

static double S_uniform(double a, double b)
{
    return a + (b - a) * S_random();
}

/* Python's round() of a positive float to an integer: half to even. */
static long S_round(double x)
{
    long i = (long)x;
    double f = x - (double)i;
    if (f > 0.5 || (f == 0.5 && (i & 1)))
        i++;
    return i;
}

/* ---------------------------------------------------------------------
 * The words of tools/gen-national.py and of the file's header.
 */
/* syllables of names, with a Vietnamese collation of each (CLDR "vi"):
 * primary letters (a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư) as two
 * ASCII bytes each, and the tone, a secondary difference (none < grave <
 * hook < tilde < acute < dot below) */
static const struct {
    const char *s, *key;
    int tone;
} S_syl[] = {
    {"An", "a0n0", 0}, {"Bình", "b0i0n0h0", 1}, {"Phú", "p0h0u0", 4},
    {"Tân", "t0a2n0", 0}, {"Hòa", "h0o0a0", 1}, {"Thành", "t0h0a0n0h0", 1},
    {"Long", "l0o0n0g0", 0}, {"Phước", "p0h0u1o2c0", 4},
    {"Đông", "d1o1n0g0", 0}, {"Tây", "t0a2y0", 0}, {"Nam", "n0a0m0", 0},
    {"Bắc", "b0a1c0", 4}, {"Trung", "t0r0u0n0g0", 0}, {"Hưng", "h0u1n0g0", 0},
    {"Thịnh", "t0h0i0n0h0", 5}, {"Lộc", "l0o1c0", 5},
    {"Quang", "q0u0a0n0g0", 0}, {"Minh", "m0i0n0h0", 0},
    {"Đức", "d1u1c0", 4}, {"Xuân", "x0u0a2n0", 0},
    {"Thạnh", "t0h0a0n0h0", 5}, {"Hải", "h0a0i0", 2}, {"Sơn", "s0o2n0", 0},
    {"Yên", "y0e1n0", 0}, {"Gia", "g0i0a0", 0}, {"Vĩnh", "v0i0n0h0", 3},
    {"Hiệp", "h0i0e1p0", 5}, {"Thuận", "t0h0u0a2n0", 5},
    {"Lợi", "l0o2i0", 5}, {"Tiến", "t0i0e1n0", 4},
    {"Nghĩa", "n0g0h0i0a0", 3}, {"Hồng", "h0o1n0g0", 1},
    {"Kim", "k0i0m0", 0}, {"Ngọc", "n0g0o0c0", 5}, {"Cẩm", "c0a2m0", 2},
    {"Đại", "d1a0i0", 5}};
#define NSYL ((unsigned)(sizeof S_syl / sizeof *S_syl))

static const char *const S_prov[][2] = {
    {"Hà Nội", "HÀ NỘI"}, {"Hải Phòng", "HẢI PHÒNG"}, {"Huế", "HUẾ"},
    {"Đà Nẵng", "ĐÀ NẴNG"}, {"Cần Thơ", "CẦN THƠ"},
    {"Thành phố Hồ Chí Minh", "THÀNH PHỐ HỒ CHÍ MINH"},
    {"Lai Châu", "LAI CHÂU"}, {"Điện Biên", "ĐIỆN BIÊN"}, {"Sơn La", "SƠN LA"},
    {"Lạng Sơn", "LẠNG SƠN"}, {"Quảng Ninh", "QUẢNG NINH"},
    {"Thanh Hóa", "THANH HÓA"}, {"Nghệ An", "NGHỆ AN"}, {"Hà Tĩnh", "HÀ TĨNH"},
    {"Cao Bằng", "CAO BẰNG"}, {"Tuyên Quang", "TUYÊN QUANG"},
    {"Lào Cai", "LÀO CAI"}, {"Thái Nguyên", "THÁI NGUYÊN"},
    {"Phú Thọ", "PHÚ THỌ"}, {"Bắc Ninh", "BẮC NINH"}, {"Hưng Yên", "HƯNG YÊN"},
    {"Ninh Bình", "NINH BÌNH"}, {"Quảng Trị", "QUẢNG TRỊ"},
    {"Quảng Ngãi", "QUẢNG NGÃI"}, {"Gia Lai", "GIA LAI"},
    {"Khánh Hòa", "KHÁNH HÒA"}, {"Lâm Đồng", "LÂM ĐỒNG"},
    {"Đắk Lắk", "ĐẮK LẮK"}, {"Đồng Nai", "ĐỒNG NAI"}, {"Tây Ninh", "TÂY NINH"},
    {"Vĩnh Long", "VĨNH LONG"}, {"Đồng Tháp", "ĐỒNG THÁP"},
    {"Cà Mau", "CÀ MAU"}, {"An Giang", "AN GIANG"}};
#define NPROV ((int)(sizeof S_prov / sizeof *S_prov))

static const char *const S_notes[] = {
    "Chậm ban hành kế hoạch", "Báo cáo chưa đầy đủ", "Còn hồ sơ quá hạn",
    "Chưa có minh chứng", "Tỷ lệ trực tuyến thấp"};
static const char *const S_fields[NF] = {
    "Công tác chỉ đạo, điều hành cải cách hành chính", "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước", "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển chính quyền điện tử, chính quyền số"};
/* tiers and ratings of the file: minimum index, label */
static const milli S_tier_min[] = {90000, 80000, 65000, 0};
static const char *const S_tier[] = {"Từ 90% trở lên", "Từ 80% đến dưới 90%",
                                     "Từ 65% đến dưới 80%", "Dưới 65%"};
static const milli S_rating_min[] = {90000, 80000, 65000, 0};
static const milli S_rating_fmin[] = {70000, 70000, -1, -1};
static const char *const S_rating[] = {
    "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ",
    "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"};

/* ---------------------------------------------------------------------
 * The file: scheme, units, scores; results as src/core/score.c makes them.
 */
typedef struct {
    char id[24];
    int s1, s2;       /* name: two syllables */
    int block, has_prev, prev_rank;
    milli self[NL], fin[NL];
    unsigned char na[NL];
    signed char note[NL]; /* index into S_notes, or -1 */
    milli achieved, max, self_sum, index, self_index, fpct[NF];
    int tier, rating, rank, delta;
} S_unit;

static int S_per_field[NF], S_field_of[NL], S_leaf_j[NL];
static milli S_leaf_max[NL], S_field_max[NF];
static S_unit *S_units;
static int S_nunits, S_nblocks;
static int *S_block_first, *S_block_count, *S_order; /* per block: order */

static void S_name(const S_unit *u, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s %s", S_syl[u->s1].s, S_syl[u->s2].s);
}

static void S_block_name(int b, char *buf, size_t cap, int upper)
{
    if (b < NPROV)
        snprintf(buf, cap, "%s", S_prov[b][upper]);
    else
        snprintf(buf, cap, "%s %d", S_prov[b % NPROV][upper], b / NPROV + 1);
}

/* "%.2f" of a float into thousandths, as parpack reads it */
static milli S_milli2(double v)
{
    char b[64], *dot;
    milli m;
    snprintf(b, sizeof b, "%.2f", v);
    dot = strchr(b, '.');
    m = strtoll(b, NULL, 10) * 1000;
    if (dot)
        m += strtoll(dot + 1, NULL, 10) * 10;
    return m;
}

/* gen-national.py, draw for draw */
static void S_generate(int units, int blocks)
{
    double maxes[NL], sum = 0, scale;
    long halves[NL], hs = 0;
    int i, k, b, u, f, j;
    S_seed((uint32_t)(units * 7 + blocks));
    for (f = 0; f < NF; f++)
        S_per_field[f] = NL / NF + (f < NL % NF ? 1 : 0);
    for (i = 0; i < NL; i++)
        maxes[i] = 1.0 + 0.5 * S_randint(0, 4);
    for (i = 0; i < NL; i++)
        sum += maxes[i];
    scale = 100.0 / sum;
    for (i = 0; i < NL; i++) {
        halves[i] = S_round(maxes[i] * scale * 2);
        if (halves[i] < 1)
            halves[i] = 1;
        hs += halves[i];
    }
    for (i = 0; hs != 200; i++) {
        k = i % NL;
        if (hs > 200 && halves[k] > 1) {
            halves[k]--;
            hs--;
        } else if (hs < 200) {
            halves[k]++;
            hs++;
        }
    }
    for (k = 0, f = 0; f < NF; f++)
        for (j = 0; j < S_per_field[f]; j++, k++) {
            S_leaf_max[k] = halves[k] * 500;
            S_field_of[k] = f;
            S_leaf_j[k] = j;
            S_field_max[f] += S_leaf_max[k];
        }
    S_nunits = units;
    S_nblocks = blocks;
    S_units = calloc((size_t)units, sizeof *S_units);
    S_block_first = calloc((size_t)blocks + 1, sizeof(int));
    S_block_count = calloc((size_t)blocks + 1, sizeof(int));
    S_order = calloc((size_t)units + 1, sizeof(int));
    if (!S_units || !S_block_first || !S_block_count || !S_order) {
        fprintf(stderr, "bench-xlsx-bare: out of memory\n");
        exit(1);
    }
    for (i = 0, b = 0; b < blocks; b++) {
        int n_in = units / blocks + (b < units % blocks ? 1 : 0);
        S_block_first[b] = i;
        S_block_count[b] = n_in;
        for (u = 0; u < n_in; u++, i++) {
            S_unit *x = &S_units[i];
            double level;
            x->s1 = (int)S_below(NSYL);
            x->s2 = (int)S_below(NSYL);
            snprintf(x->id, sizeof x->id, "p%02d-%03d", b + 1, u + 1);
            x->block = b;
            (void)S_below(NSYL); /* the head's name */
            if (S_random() < 0.9) {
                x->has_prev = 1;
                x->prev_rank = S_randint(1, n_in);
                (void)S_uniform(60, 95); /* previous index */
            }
            level = S_uniform(0.6, 0.97);
            for (k = 0; k < NL; k++) {
                double mx = (double)S_leaf_max[k] / 1000, v, s;
                x->note[k] = -1;
                if (S_random() < 0.01) {
                    x->na[k] = 1;
                    continue;
                }
                v = mx * (level + S_uniform(-0.15, 0.15));
                v = v < 0.0 ? 0.0 : v;
                v = mx < v ? mx : v;
                if (S_leaf_j[k] == 0) { /* survey: appraised only */
                    x->fin[k] = x->self[k] = S_milli2(v);
                    continue;
                }
                v = (double)S_round(v * 4) / 4;
                s = v + (S_random() < 0.3 ? 0.25 : 0);
                s = mx < s ? mx : s;
                if (s > v)
                    x->note[k] = (signed char)S_below(5);
                x->fin[k] = (milli)(v * 1000);
                x->self[k] = (milli)(s * 1000);
            }
        }
    }
}

/* pp_percent: 100 x num / den, half up, 2 decimals, in thousandths */
static milli S_pct(milli num, milli den)
{
    return den <= 0 ? 0 : (2 * 100 * 100 * num + den) / (2 * den) * 10;
}

/* Vietnamese order of two names: letters, then tones, then the id */
static int S_cmp_name(const S_unit *x, const S_unit *y)
{
    char a[64], b[64];
    int c;
    snprintf(a, sizeof a, "%s %s", S_syl[x->s1].key, S_syl[x->s2].key);
    snprintf(b, sizeof b, "%s %s", S_syl[y->s1].key, S_syl[y->s2].key);
    if ((c = strcmp(a, b)) != 0)
        return c;
    if (S_syl[x->s1].tone != S_syl[y->s1].tone)
        return S_syl[x->s1].tone - S_syl[y->s1].tone;
    if (S_syl[x->s2].tone != S_syl[y->s2].tone)
        return S_syl[x->s2].tone - S_syl[y->s2].tone;
    return strcmp(x->id, y->id);
}

static int S_cmp_rank(const void *p, const void *q)
{
    const S_unit *x = &S_units[*(const int *)p], *y = &S_units[*(const int *)q];
    if (x->index != y->index)
        return x->index > y->index ? -1 : 1;
    return S_cmp_name(x, y);
}

static void S_score(void)
{
    int i, k, f, b;
    for (i = 0; i < S_nunits; i++) {
        S_unit *x = &S_units[i];
        milli fa[NF] = {0}, fm[NF] = {0};
        for (k = 0; k < NL; k++) {
            if (x->na[k])
                continue;
            x->achieved += x->fin[k];
            x->max += S_leaf_max[k];
            x->self_sum += x->self[k];
            fa[S_field_of[k]] += x->fin[k];
            fm[S_field_of[k]] += S_leaf_max[k];
        }
        x->index = S_pct(x->achieved, x->max);
        x->self_index = S_pct(x->self_sum, x->max);
        for (f = 0; f < NF; f++)
            x->fpct[f] = fm[f] > 0 ? S_pct(fa[f], fm[f]) : -1;
        for (x->tier = 3, k = 0; k < 4; k++)
            if (S_tier_min[k] <= x->index) {
                x->tier = k;
                break;
            }
        for (x->rating = 3, k = 0; k < 4; k++) {
            int ok = S_rating_min[k] <= x->index;
            for (f = 0; ok && S_rating_fmin[k] >= 0 && f < NF; f++)
                if (x->fpct[f] >= 0 && x->fpct[f] < S_rating_fmin[k])
                    ok = 0;
            if (ok) {
                x->rating = k;
                break;
            }
        }
    }
    for (b = 0; b < S_nblocks; b++) {
        int *o = S_order + S_block_first[b], n = S_block_count[b], j;
        for (j = 0; j < n; j++)
            o[j] = S_block_first[b] + j;
        qsort(o, (size_t)n, sizeof *o, S_cmp_rank);
        for (j = 0; j < n; j++) {
            S_unit *x = &S_units[o[j]];
            x->rank = j > 0 && x->index == S_units[o[j - 1]].index
                          ? S_units[o[j - 1]].rank
                          : j + 1;
            x->delta = x->has_prev ? x->prev_rank - x->rank : 0;
        }
    }
}

/* ---------------------------------------------------------------------
 * The workbook, as src/render/xlsx/xlsx.c writes unit-workbook.xsl's description.
 */
enum { F_TITLE, F_SUBTITLE, F_HEAD, F_TEXT, F_TEXT_B, F_CENTER, F_PTS,
       F_PTS_B, F_PCT, F_PCT_B, F_INT, F_DELTA, F_WARN, F_OWN, F_OWN_PCT,
       NFMT };

/* S_add_format of xlsx.c: the properties in its order */
static lxw_format *S_format(lxw_workbook *wb, int size, int bold, int italic,
                            unsigned color, unsigned bg, int border,
                            int align, int valign, int wrap,
                            const char *num, int unlocked)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, size);
    if (bold)
        format_set_bold(f);
    if (italic)
        format_set_italic(f);
    if (color)
        format_set_font_color(f, color);
    if (bg) {
        format_set_pattern(f, LXW_PATTERN_SOLID);
        format_set_bg_color(f, bg);
    }
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    if (align)
        format_set_align(f, LXW_ALIGN_CENTER);
    if (valign)
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (wrap)
        format_set_text_wrap(f);
    if (num)
        format_set_num_format(f, num);
    if (unlocked)
        format_set_unlocked(f);
    return f;
}

static void S_formats(lxw_workbook *wb, lxw_format **F)
{
    /*                          size b  i  color     bg        bd al va wr num        unl */
    F[F_TITLE] = S_format(wb, 14, 1, 0, 0, 0, 0, 1, 1, 0, NULL, 0);
    F[F_SUBTITLE] = S_format(wb, 12, 0, 1, 0, 0, 0, 1, 0, 0, NULL, 0);
    F[F_HEAD] = S_format(wb, 11, 1, 0, 0, 0xDDEBF7, 1, 1, 1, 1, NULL, 0);
    F[F_TEXT] = S_format(wb, 11, 0, 0, 0, 0, 1, 0, 1, 1, NULL, 1);
    F[F_TEXT_B] = S_format(wb, 11, 1, 0, 0, 0, 1, 0, 1, 1, NULL, 0);
    F[F_CENTER] = S_format(wb, 11, 0, 0, 0, 0, 1, 1, 1, 0, NULL, 0);
    F[F_PTS] = S_format(wb, 11, 0, 0, 0, 0, 1, 0, 1, 0, "0.00", 0);
    F[F_PTS_B] = S_format(wb, 11, 1, 0, 0, 0, 1, 0, 1, 0, "0.00", 0);
    F[F_PCT] = S_format(wb, 11, 0, 0, 0, 0, 1, 0, 1, 0, "0.00", 0);
    F[F_PCT_B] = S_format(wb, 11, 1, 0, 0, 0, 1, 0, 1, 0, "0.00", 0);
    F[F_INT] = S_format(wb, 11, 0, 0, 0, 0, 1, 1, 1, 0, "0", 0);
    F[F_DELTA] = S_format(wb, 11, 0, 0, 0, 0, 1, 1, 1, 0, "+0;-0;0", 0);
    F[F_WARN] = S_format(wb, 12, 0, 0, 0x9C0006, 0xFFC7CE, 0, 0, 0, 0, NULL, 0);
    F[F_OWN] = S_format(wb, 11, 1, 0, 0, 0xFFF2CC, 1, 0, 1, 0, NULL, 0);
    F[F_OWN_PCT] = S_format(wb, 11, 1, 0, 0, 0xFFF2CC, 1, 0, 1, 0, "0.00", 0);
}

/* the page setup of S_sheet: paper, fit, repeated rows, header, footer,
 * margins */
static void S_page(lxw_worksheet *ws, lxw_row_t repeat, const char *header)
{
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, repeat, repeat);
    worksheet_set_header(ws, header);
    worksheet_set_footer(ws, "&C&8Trang &P/&N");
    worksheet_set_margins(ws, 0.6, 0.4, 0.75, 0.75);
}

static void S_col(lxw_worksheet *ws, lxw_col_t a, lxw_col_t b, double w,
                  lxw_format *f, int hidden)
{
    lxw_row_col_options o;
    memset(&o, 0, sizeof o);
    o.hidden = (uint8_t)hidden;
    worksheet_set_column_opt(ws, a, b, w, f, &o);
}

/* frozen panes and protection, at the end of a sheet */
static void S_close_sheet(lxw_worksheet *ws, lxw_row_t rows, lxw_col_t cols)
{
    lxw_protection p;
    worksheet_freeze_panes(ws, rows, cols);
    memset(&p, 0, sizeof p);
    p.format_columns = 1;
    p.format_rows = 1;
    p.sort = 1;
    p.autofilter = 1;
    worksheet_protect(ws, NULL, &p);
}

/* numbers as parpack's sources give them: thousandths / 1000 */
static double S_d(milli x)
{
    return (double)x / 1000.0;
}

static const char *S_tmpdir(void)
{
    const char *t = getenv("TMPDIR");
    if (access("/dev/shm", W_OK) == 0)
        return "/dev/shm";
    return t && access(t, W_OK) == 0 ? t : NULL;
}

static void S_workbook(const char *dir, int ui)
{
    const S_unit *x = &S_units[ui];
    const int first = 4, ncrit = NF + NL, end = first + ncrit - 1, tot = end + 1;
    const int count = S_block_count[x->block];
    const int *order = S_order + S_block_first[x->block];
    char path[4096], name[64], title[128], buf[512], bname[128];
    lxw_workbook_options o;
    lxw_doc_properties props;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *F[NFMT];
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    lxw_row_t r;
    int f, k, j;

    snprintf(path, sizeof path, "%s/units/%s", dir, x->id);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/units/%s/bang-diem-%s-%d.xlsx", dir, x->id,
             x->id, YEAR);
    S_name(x, name, sizeof name);
    snprintf(title, sizeof title, "UBND xã %s", name);
    S_block_name(x->block, bname, sizeof bname, 0);

    memset(&o, 0, sizeof o);
    o.constant_memory = LXW_TRUE;
    o.tmpdir = (char *)S_tmpdir();
    wb = workbook_new_opt(path, &o);
    if (!wb) {
        fprintf(stderr, "bench-xlsx-bare: cannot create %s\n", path);
        exit(3);
    }
    memset(&props, 0, sizeof props);
    snprintf(buf, sizeof buf,
             "Bảng điểm Chỉ số cải cách hành chính năm %d - %s", YEAR, title);
    props.title = buf;
    props.subject = (char *)"Chỉ số cải cách hành chính năm 2025";
    props.author = (char *)ISSUER;
    props.company = (char *)ISSUER;
    props.created = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    workbook_set_properties(wb, &props);
    S_formats(wb, F);

    /* "Bảng điểm": the unit's scores */
    ws = workbook_add_worksheet(wb, "Bảng điểm");
    snprintf(buf, sizeof buf, "&L&8%s&R&8%s", ISSUER, title);
    S_page(ws, 3, buf);
    S_col(ws, 0, 0, 8, F[F_CENTER], 0);
    S_col(ws, 1, 1, 56, F[F_TEXT], 0);
    S_col(ws, 2, 4, 11, F[F_PTS], 0);
    S_col(ws, 5, 5, 36, F[F_TEXT], 0);
    S_col(ws, 6, 6, 5, F[F_TEXT], 1);
    snprintf(buf, sizeof buf, "BẢNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %d", YEAR);
    worksheet_merge_range(ws, 0, 0, 0, 5, buf, F[F_TITLE]);
    worksheet_merge_range(ws, 1, 0, 1, 5, title, F[F_TITLE]);
    worksheet_merge_range(ws, 2, 0, 2, 5,
                          "Bộ tiêu chí Chỉ số cải cách hành chính cấp xã - " ISSUER,
                          F[F_SUBTITLE]);
    worksheet_set_row(ws, 3, 32, NULL);
    worksheet_write_string(ws, 3, 0, "Mã", F[F_HEAD]);
    worksheet_write_string(ws, 3, 1, "Tiêu chí, tiêu chí thành phần", F[F_HEAD]);
    worksheet_write_string(ws, 3, 2, "Điểm tối đa", F[F_HEAD]);
    worksheet_write_string(ws, 3, 3, "Tự đánh giá", F[F_HEAD]);
    worksheet_write_string(ws, 3, 4, "Thẩm định", F[F_HEAD]);
    worksheet_write_string(ws, 3, 5, "Ghi chú của Hội đồng thẩm định", F[F_HEAD]);
    worksheet_write_string(ws, 3, 6, "Loại", F[F_HEAD]);
    r = (lxw_row_t)first;
    for (k = 0, f = 0; f < NF; f++) {
        /* the field: subtotals over its leaves (rows r+2 .. r+1+n, 1-based) */
        int n = S_per_field[f], a = (int)r + 2, z = (int)r + 1 + n;
        milli fs = 0, ff = 0;
        for (j = 0; j < n; j++)
            if (!x->na[k + j]) {
                fs += x->self[k + j];
                ff += x->fin[k + j];
            }
        snprintf(buf, sizeof buf, "%d", f + 1);
        worksheet_write_string(ws, r, 0, buf, F[F_TEXT_B]);
        worksheet_write_string(ws, r, 1, S_fields[f], F[F_TEXT_B]);
        worksheet_write_number(ws, r, 2, S_d(S_field_max[f]), F[F_PTS_B]);
        snprintf(buf, sizeof buf, "SUMIF(G%d:G%d,\"x\",D%d:D%d)", a, z, a, z);
        worksheet_write_formula_num(ws, r, 3, buf, F[F_PTS_B], S_d(fs));
        snprintf(buf, sizeof buf, "SUMIF(G%d:G%d,\"x\",E%d:E%d)", a, z, a, z);
        worksheet_write_formula_num(ws, r, 4, buf, F[F_PTS_B], S_d(ff));
        worksheet_write_blank(ws, r, 5, F[F_TEXT]);
        worksheet_write_blank(ws, r, 6, F[F_TEXT]);
        r++;
        for (j = 0; j < n; j++, k++, r++) {
            snprintf(buf, sizeof buf, "%d.%d", f + 1, j + 1);
            worksheet_write_string(ws, r, 0, buf, NULL);
            snprintf(buf, sizeof buf, j == 0 ? "Tiêu chí %d.%d (điều tra xã hội học)"
                                             : "Tiêu chí %d.%d", f + 1, j + 1);
            worksheet_write_string(ws, r, 1, buf, NULL);
            worksheet_write_number(ws, r, 2, S_d(S_leaf_max[k]), NULL);
            if (x->na[k]) {
                worksheet_write_string(ws, r, 5, "Không áp dụng đối với đơn vị", NULL);
                worksheet_write_string(ws, r, 6, "na", NULL);
                continue;
            }
            worksheet_write_number(ws, r, 3, S_d(x->self[k]), NULL);
            worksheet_write_number(ws, r, 4, S_d(x->fin[k]), NULL);
            if (x->note[k] >= 0)
                worksheet_write_string(ws, r, 5, S_notes[x->note[k]], NULL);
            worksheet_write_string(ws, r, 6, "x", NULL);
        }
    }
    /* the total and the index (rows A..Z: the criteria, 1-based) */
    {
        int a = first + 1, z = end + 1;
        static const char col[] = "CDE";
        milli v[3];
        v[0] = x->max;
        v[1] = x->self_sum;
        v[2] = x->achieved;
        worksheet_write_blank(ws, (lxw_row_t)tot, 0, F[F_TEXT_B]);
        worksheet_write_string(ws, (lxw_row_t)tot, 1,
                               "Tổng điểm (các tiêu chí áp dụng đối với đơn vị)",
                               F[F_TEXT_B]);
        for (j = 0; j < 3; j++) {
            snprintf(buf, sizeof buf, "SUMIF(G%d:G%d,\"x\",%c%d:%c%d)", a, z,
                     col[j], a, col[j], z);
            worksheet_write_formula_num(ws, (lxw_row_t)tot, (lxw_col_t)(2 + j), buf,
                                        F[F_PTS_B], S_d(v[j]));
        }
        worksheet_write_blank(ws, (lxw_row_t)tot, 5, F[F_TEXT]);
        worksheet_write_blank(ws, (lxw_row_t)tot + 1, 0, F[F_TEXT_B]);
        worksheet_write_string(ws, (lxw_row_t)tot + 1, 1,
                               "Chỉ số cải cách hành chính (%)", F[F_TEXT_B]);
        worksheet_write_blank(ws, (lxw_row_t)tot + 1, 2, F[F_PTS]);
        snprintf(buf, sizeof buf, "ROUND(100*D%d/C%d,2)", tot + 1, tot + 1);
        worksheet_write_formula_num(ws, (lxw_row_t)tot + 1, 3, buf, F[F_PCT_B],
                                    S_d(x->self_index));
        snprintf(buf, sizeof buf, "ROUND(100*E%d/C%d,2)", tot + 1, tot + 1);
        worksheet_write_formula_num(ws, (lxw_row_t)tot + 1, 4, buf, F[F_PCT_B],
                                    S_d(x->index));
        worksheet_write_blank(ws, (lxw_row_t)tot + 1, 5, F[F_TEXT]);
    }
    /* the labels, each value merged over C:F */
    r = (lxw_row_t)tot + 3;
    worksheet_merge_range(ws, r, 2, r, 5, S_tier[x->tier], F[F_TEXT]);
    worksheet_write_string(ws, r, 1, "Nhóm", F[F_TEXT_B]);
    r++;
    worksheet_merge_range(ws, r, 2, r, 5, S_rating[x->rating], F[F_TEXT]);
    worksheet_write_string(ws, r, 1, "Xếp loại người đứng đầu", F[F_TEXT_B]);
    r++;
    snprintf(buf, sizeof buf, "Thứ %d/%d đơn vị", x->rank, count);
    worksheet_merge_range(ws, r, 2, r, 5, buf, F[F_TEXT]);
    snprintf(buf, sizeof buf, "Xếp hạng trong khối %s", bname);
    worksheet_write_string(ws, r, 1, buf, F[F_TEXT_B]);
    r++;
    if (!x->has_prev)
        snprintf(buf, sizeof buf, "mới");
    else if (x->delta > 0)
        snprintf(buf, sizeof buf, "tăng %d bậc so với năm %d", x->delta, YEAR - 1);
    else if (x->delta < 0)
        snprintf(buf, sizeof buf, "giảm %d bậc so với năm %d", -x->delta, YEAR - 1);
    else
        snprintf(buf, sizeof buf, "giữ nguyên thứ hạng so với năm %d", YEAR - 1);
    worksheet_merge_range(ws, r, 2, r, 5, buf, F[F_TEXT]);
    worksheet_write_string(ws, r, 1, "So với năm trước", F[F_TEXT_B]);
    S_close_sheet(ws, 4, 2);

    /* "Xếp hạng": the block's public ranking */
    ws = workbook_add_worksheet(wb, "Xếp hạng");
    S_page(ws, 2, "&L&8" ISSUER);
    S_col(ws, 0, 0, 7, F[F_INT], 0);
    S_col(ws, 1, 1, 28, F[F_TEXT], 0);
    S_col(ws, 2, 3, 11, F[F_PTS], 0);
    S_col(ws, 4, 4, 11, F[F_PCT], 0);
    S_col(ws, 5, 6, 26, F[F_TEXT], 0);
    S_col(ws, 7, 7, 10, F[F_DELTA], 0);
    S_block_name(x->block, bname, sizeof bname, 1);
    snprintf(buf, sizeof buf, "XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %d - %s",
             YEAR, bname);
    worksheet_merge_range(ws, 0, 0, 0, 7, buf, F[F_TITLE]);
    worksheet_set_row(ws, 2, 30, NULL);
    worksheet_write_string(ws, 2, 0, "Hạng", F[F_HEAD]);
    worksheet_write_string(ws, 2, 1, "Đơn vị", F[F_HEAD]);
    worksheet_write_string(ws, 2, 2, "Điểm đạt", F[F_HEAD]);
    worksheet_write_string(ws, 2, 3, "Điểm tối đa", F[F_HEAD]);
    worksheet_write_string(ws, 2, 4, "Chỉ số (%)", F[F_HEAD]);
    worksheet_write_string(ws, 2, 5, "Nhóm", F[F_HEAD]);
    worksheet_write_string(ws, 2, 6, "Xếp loại người đứng đầu", F[F_HEAD]);
    worksheet_write_string(ws, 2, 7, "Thay đổi thứ hạng", F[F_HEAD]);
    for (j = 0; j < count; j++) {
        const S_unit *y = &S_units[order[j]];
        int own = y == x;
        r = (lxw_row_t)(3 + j);
        S_name(y, name, sizeof name);
        worksheet_write_number(ws, r, 0, y->rank, NULL);
        worksheet_write_string(ws, r, 1, name, own ? F[F_OWN] : NULL);
        worksheet_write_number(ws, r, 2, S_d(y->achieved), NULL);
        worksheet_write_number(ws, r, 3, S_d(y->max), NULL);
        worksheet_write_number(ws, r, 4, S_d(y->index), own ? F[F_OWN_PCT] : NULL);
        worksheet_write_string(ws, r, 5, S_tier[y->tier], NULL);
        worksheet_write_string(ws, r, 6, S_rating[y->rating], NULL);
        if (!y->has_prev)
            worksheet_write_string(ws, r, 7, "mới", F[F_CENTER]);
        else
            worksheet_write_number(ws, r, 7, y->delta, NULL);
    }
    worksheet_autofilter(ws, 2, 0, (lxw_row_t)(2 + count), 7);
    S_close_sheet(ws, 3, 2);
    if (workbook_close(wb) != LXW_NO_ERROR) {
        fprintf(stderr, "bench-xlsx-bare: cannot write %s\n", path);
        exit(3);
    }
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 3400, procs = argc > 2 ? atoi(argv[2]) : 2;
    const char *dir = argc > 3 ? argv[3] : "bare-out";
    int k, u, st, bad = 0;
    char units[4096];
    if (n < 1 || procs < 1) {
        fprintf(stderr, "usage: bench-xlsx-bare N PROCS OUTDIR\n");
        return 2;
    }
    mkdir(dir, 0777);
    snprintf(units, sizeof units, "%s/units", dir);
    mkdir(units, 0777);
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
    S_generate(n, (n + PER - 1) / PER);
    S_score();
    for (k = 0; k < procs; k++)
        if (fork() == 0) {
            for (u = k; u < n; u += procs)
                S_workbook(dir, u);
            _exit(0);
        }
    for (k = 0; k < procs; k++)
        if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
            bad = 1;
    return bad;
}
