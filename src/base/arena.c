/* arena.c - bump allocator (see arena.h). */
#include "base/arena.h"

#include <stdlib.h>
#include <string.h>

typedef struct chunk {
    struct chunk *next;
    size_t used, cap;
    max_align_t data[];
} chunk;

struct pp_arena {
    chunk *head;
};

/* A new, empty arena. */
pp_arena *pp_arena_new(void)
{
    return calloc(1, sizeof(pp_arena));
}

/* Free every chunk and the arena. */
void pp_arena_free(pp_arena *a)
{
    chunk *c, *n;
    if (!a)
        return;
    for (c = a->head; c; c = n) {
        n = c->next;
        free(c);
    }
    free(a);
}

/* Hand out size bytes, zeroed, aligned for any type. */
void *pp_arena_alloc(pp_arena *a, size_t size)
{
    const size_t align = sizeof(max_align_t);
    chunk *c = a->head;
    void *p;
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    if (!c || c->cap - c->used < size) {
        size_t cap = 256 * 1024;
        if (size > cap / 4)
            cap = size; /* large block: a chunk of its own */
        c = malloc(sizeof(chunk) + cap);
        if (!c)
            return NULL;
        c->used = 0;
        c->cap = cap;
        if (a->head && size == cap) {
            /* keep the current chunk for small allocations */
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    p = (char *)c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

/* Copy a string into the arena. */
char *pp_arena_strdup(pp_arena *a, const char *s)
{
    size_t n;
    char *p;
    if (!s)
        return NULL;
    n = strlen(s) + 1;
    p = pp_arena_alloc(a, n);
    if (p)
        memcpy(p, s, n);
    return p;
}
