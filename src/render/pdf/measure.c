/*
 * measure.c - text widths from the serif family's own metrics (HarfBuzz),
 * for the workbooks: a spreadsheet sets the cells' Times New Roman with
 * the font's advances, and a row is as tall as the lines its wrapped
 * text takes at the column's width.
 */
#include "render/pdf/measure.h"
#include "render/pdf/font.h"
#include "base/viet.h"

#include <hb.h>
#include <math.h>
#include <pthread.h>

static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;
static hb_font_t *S_font[2]; /* regular, bold */
static unsigned S_upem[2];
static int S_tried;
/* Each style's advances (font units) of U+0000 to U+01FF and of U+1E00
 * to U+1EFF (Vietnamese letters), looked up when opened: every letter of
 * a Vietnamese text but its punctuation and a few others. */
#define S_LOW 0x200
#define S_VIET 0x1E00
static hb_position_t S_adv[2][S_LOW + 0x100];

/* The advance of c in style s (font units), an em when it lacks c. */
static hb_position_t S_advance(int s, hb_codepoint_t c)
{
    hb_codepoint_t g;
    return hb_font_get_nominal_glyph(S_font[s], c, &g)
               ? hb_font_get_glyph_h_advance(S_font[s], g)
               : (hb_position_t)S_upem[s];
}

/* Open the regular and bold styles (the lock held). */
static void S_open(void)
{
    char why[512];
    const pp_font_files *ff;
    int s;
    S_tried = 1;
    ff = pp_font_files_find(why, sizeof why);
    for (s = 0; ff && s < 2; s++) {
        hb_blob_t *blob = hb_blob_create_from_file_or_fail(ff->path[s]);
        hb_face_t *face;
        if (!blob)
            continue;
        face = hb_face_create(blob, 0);
        hb_blob_destroy(blob);
        S_upem[s] = hb_face_get_upem(face);
        if (S_upem[s] > 0 && hb_face_get_glyph_count(face) > 0)
            S_font[s] = hb_font_create(face); /* scale: font units */
        hb_face_destroy(face);
        if (S_font[s]) {
            hb_codepoint_t c;
            for (c = 0; c < S_LOW + 0x100; c++)
                S_adv[s][c] = S_advance(s, c < S_LOW ? c : S_VIET + c - S_LOW);
        }
    }
}

/* See measure.h. */
double pp_font_text_px(int bold, double size, const char *t, size_t n)
{
    const char *p = t, *end = t + n;
    hb_font_t *f;
    /* the screen's font is a whole number of pixels high: 11 points at
     * 96 dots an inch are 15 pixels, not 14.67 */
    double ppem = floor(size * 96.0 / 72.0 + 0.5), px = 0, scale;
    int s = bold ? 1 : 0;
    pthread_mutex_lock(&S_lock);
    if (!S_tried)
        S_open();
    f = S_font[s] ? S_font[s] : S_font[0];
    if (f && !S_font[s])
        s = 0;
    pthread_mutex_unlock(&S_lock);
    if (!f)
        return -1;
    scale = ppem / S_upem[s];
    while (p < end) {
        long c = pp_utf8_next(&p, end);
        hb_position_t adv;
        if (c < 0)
            continue;
        adv = c < S_LOW                        ? S_adv[s][c]
              : c >= S_VIET && c < S_VIET + 0x100 ? S_adv[s][S_LOW + c - S_VIET]
                                               : S_advance(s, (hb_codepoint_t)c);
        px += floor((double)adv * scale + 0.5);
    }
    return px;
}

/* See measure.h. */
void pp_font_measure_release(void)
{
    int s;
    pthread_mutex_lock(&S_lock);
    for (s = 0; s < 2; s++) {
        hb_font_destroy(S_font[s]);
        S_font[s] = NULL;
    }
    S_tried = 0;
    pthread_mutex_unlock(&S_lock);
}
