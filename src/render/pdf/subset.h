/* subset.h - the serif fonts cut down to what a Vietnamese document uses
 * (private to src/pdf). */
#ifndef PARPACK_PDF_SUBSET_H
#define PARPACK_PDF_SUBSET_H
#include "render/pdf/font.h"

/* One style's subset: a TrueType file libharu can load, and the code
 * points it maps (one bit each, U+0000 to U+FFFF). */
typedef struct {
    char *path;
    unsigned char cover[65536 / 8];
} pp_font_subset;

/* The subsets of the four styles of ff (regular, bold, italic, bold
 * italic), made once per process with HarfBuzz's subsetter from the
 * system's font files: found in the cache folder when made before
 * ($XDG_CACHE_HOME/parpack/fonts, else ~/.cache/parpack/fonts; a file
 * per source font, named by its path, size, inode and modification time,
 * written under a temporary name and renamed, so that concurrent
 * processes only ever see whole files), else made and stored there; when
 * the folder cannot be written, kept in a memory file of the process.
 * Returns an array of 4, owned by this module until
 * pp_font_subset_release, or NULL when they cannot be made (the caller
 * then uses the full fonts). */
const pp_font_subset *pp_font_subset_get(const pp_font_files *ff);

/* Whether s maps code point c. */
int pp_font_subset_covers(const pp_font_subset *s, long c);

/* The code point ranges a subset asks for: pairs of first and last, n
 * pairs in *n. Every character of the templates and of the fixtures is
 * in them (tests/unit/test_pdf_font.c). */
const unsigned (*pp_font_subset_ranges(size_t *n))[2];

/* Forget the subsets (and close their memory files). */
void pp_font_subset_release(void);
#endif
