/*
 * bench-pdf-fonts.c - the fixed cost of one of parpack's PDF documents:
 * its four serif fonts made ready to measure and draw (HPDF_New, the
 * UTF-8 encoder, each style loaded, its font made and its ToUnicode map
 * written), as src/render/pdf/render.c does it: from the subsets
 * (src/render/pdf/subset.c) through HPDF_GetFont with the UTF-8 encoder; and,
 * for comparison, as it was done before: from the full font files.
 * Linked with the renderer's own files (libparpack.a); the subsets come
 * from the cache as in parpack.
 *
 *   bench-pdf-fonts N
 *
 * prints the once-per-process cost (the fontconfig lookup and the
 * subsets) and the median and fastest of N documents each way.
 */
#include "render/pdf/pdf.h"
#include "render/pdf/cmap.h"
#include "render/pdf/font.h"
#include "render/pdf/subset.h"

#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int S_failed;

static void S_error(HPDF_STATUS e, HPDF_STATUS detail, void *data)
{
    (void)data;
    fprintf(stderr, "bench-pdf-fonts: libharu error 0x%04X (%u)\n",
            (unsigned)e, (unsigned)detail);
    S_failed = 1;
}

/* Milliseconds of the monotonic clock. */
static double S_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int S_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* One document's fonts made ready, from the subsets (fast = 1) or as
 * before; its milliseconds. */
static double S_doc(const pp_font_files *ff, const pp_font_subset *sub,
                    int fast)
{
    double t0 = S_ms();
    HPDF_Doc pdf = HPDF_New(S_error, NULL);
    int s;
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    for (s = 0; s < 4 && !S_failed; s++) {
        const char *name = HPDF_LoadTTFontFromFile(
            pdf, fast ? sub[s].path : ff->path[s], HPDF_TRUE);
        HPDF_Font f = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
        if (!f || pp_pdf_cmap_fix(f) != HPDF_OK)
            S_failed = 1;
    }
    t0 = S_ms() - t0;
    HPDF_Free(pdf);
    return t0;
}

int main(int argc, char **argv)
{
    char why[512];
    const pp_font_files *ff;
    const pp_font_subset *sub;
    double t0, once, *fast, *old;
    int n = argc > 1 ? atoi(argv[1]) : 0, i;
    if (n < 1) {
        fprintf(stderr, "usage: bench-pdf-fonts N\n");
        return 2;
    }
    t0 = S_ms();
    ff = pp_font_files_find(why, sizeof why);
    sub = ff ? pp_font_subset_get(ff) : NULL;
    once = S_ms() - t0;
    if (!sub) {
        fprintf(stderr, "bench-pdf-fonts: no subsets: %s\n", why);
        return 1;
    }
    fast = malloc((size_t)n * sizeof *fast);
    old = malloc((size_t)n * sizeof *old);
    if (!fast || !old)
        return 1;
    for (i = 0; i < n && !S_failed; i++) { /* in turn */
        fast[i] = S_doc(ff, sub, 1);
        old[i] = S_doc(ff, sub, 0);
    }
    if (S_failed)
        return 1;
    qsort(fast, (size_t)n, sizeof *fast, S_cmp);
    qsort(old, (size_t)n, sizeof *old, S_cmp);
    printf("%-40s %6.2f ms (median of %d; fastest %.2f ms) goal < 5 ms\n",
           "PDF fonts ready, per document", fast[(n - 1) / 2], n, fast[0]);
    printf("%-40s %6.2f ms (median of %d; fastest %.2f ms)\n",
           "    before: the full fonts", old[(n - 1) / 2], n,
           old[0]);
    printf("%-40s %6.2f ms (fontconfig, the subsets from the cache)\n",
           "    once per process", once);
    free(fast);
    free(old);
    pp_pdf_shutdown();
    return 0;
}
