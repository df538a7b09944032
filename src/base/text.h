/*
 * text.h - a growing text: bytes appended at its end, always terminated,
 * its room doubled as it fills. The workbook reader (render/xlsx) and the
 * web server's JSON and pages (serve/json.c) write through it.
 */
#ifndef PARPACK_TEXT_H
#define PARPACK_TEXT_H

#include <stddef.h>

typedef struct {
    char *s;         /* the text, NUL-terminated; NULL while empty */
    size_t len, cap; /* its length, and the room at s */
    int oom;         /* an allocation failed: the text is incomplete */
} pp_text;

/* Room for need bytes at *s, whose room *cap grows by doubling (from
 * 256): 0, or -1 when it cannot (*s and *cap as they were). */
int pp_grow(char **s, size_t *cap, size_t need);

/* Append the n bytes at s to t; after a failed allocation nothing more is
 * appended and t->oom stays set. */
void pp_text_add(pp_text *t, const char *s, size_t n);

#endif
