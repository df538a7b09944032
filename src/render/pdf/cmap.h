/* cmap.h - a correct /ToUnicode for libharu's UTF-8 fonts (private to
 * src/pdf). */
#ifndef PARPACK_PDF_CMAP_H
#define PARPACK_PDF_CMAP_H
#include <hpdf.h>

/* Replace the /ToUnicode stream of `font` (a Type0 font got with the
 * "UTF-8" encoder, whose codes are Unicode code points) by an identity
 * map in bfrange form. libharu 2.3.0 writes its encoding CMap there
 * instead (begincidrange, which a ToUnicode map may not hold). The font
 * keeps the stream object; returns HPDF_OK or libharu's error. */
HPDF_STATUS pp_pdf_cmap_fix(HPDF_Font font);
#endif
