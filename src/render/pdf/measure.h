/* measure.h - how wide a text is in the serif family of font.h, for the
 * renderers that lay text out without drawing it (the workbooks' row
 * heights). Private to src/render/. */
#ifndef PARPACK_PDF_MEASURE_H
#define PARPACK_PDF_MEASURE_H
#include <stddef.h>

/* The advance width, in pixels at 96 dots an inch (a spreadsheet at
 * 100 %), of the UTF-8 text t (n bytes) set at size points in the
 * regular (bold 0) or bold style of the family pp_font_files_find picks:
 * Times New Roman, or its metric twin Liberation Serif. As a screen
 * sets it: the font a whole number of pixels high (11 points: 15), each
 * letter's advance rounded to whole pixels.
 * A letter the font lacks counts as wide as an em. -1 when no font can
 * be read. Safe to call from several threads. */
double pp_font_text_px(int bold, double size, const char *t, size_t n);

/* Forget the fonts pp_font_text_px opened. */
void pp_font_measure_release(void);
#endif
