/* cidfont.h - libharu's UTF-8 fonts made without searching every code
 * point (private to src/pdf). */
#ifndef PARPACK_PDF_CIDFONT_H
#define PARPACK_PDF_CIDFONT_H
#include <hpdf.h>

/* HPDF_GetFont(pdf, name, "UTF-8") for the TrueType font `name` loaded
 * into pdf, the same font with the same widths, in a fraction of the
 * time: libharu 2.3.0 builds a UTF-8 font by looking up each of the
 * 65,536 code points in the font's cmap, one linear search each, and
 * writes a CIDToGIDMap of all of them. Here it is told the code points
 * the font maps (found through libharu's own lookup, segment by segment
 * of its cmap) and looks up only those; the /W widths are the same, the
 * CIDToGIDMap stops after the last mapped code point. NULL with pdf's
 * error handler called, as HPDF_GetFont. */
HPDF_Font pp_pdf_font_get(HPDF_Doc pdf, const char *name);
#endif
