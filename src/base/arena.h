/* arena.h - bump allocator: many small strings and arrays freed at once.
 * Private to parpack. pp_arena_free releases everything it handed out. */
#ifndef PARPACK_ARENA_H
#define PARPACK_ARENA_H
#include <stddef.h>

typedef struct pp_arena pp_arena;

pp_arena *pp_arena_new(void);
void pp_arena_free(pp_arena *a);
/* Zeroed, aligned memory; NULL when out of memory. */
void *pp_arena_alloc(pp_arena *a, size_t size);
/* Copy of s (NULL stays NULL). */
char *pp_arena_strdup(pp_arena *a, const char *s);
#endif
