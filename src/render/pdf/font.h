/* font.h - font files for the PDF renderer (private to src/pdf). */
#ifndef PARPACK_PDF_FONT_H
#define PARPACK_PDF_FONT_H
#include <stddef.h>

typedef struct {
    const char *family;
    char *path[4]; /* regular, bold, italic, bold italic */
} pp_font_files;

/* The first usable family (looked up once per process), or NULL with the
 * reason in why. The result lives until the process ends. */
const pp_font_files *pp_font_files_find(char *why, size_t whycap);

/* Release what pp_font_files_find keeps, and fontconfig. */
void pp_font_files_release(void);
#endif
