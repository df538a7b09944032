/* text.c - a growing text; see text.h. */
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

/* See text.h. */
int pp_grow(char **s, size_t *cap, size_t need)
{
    size_t c = *cap ? *cap : 256;
    char *p;
    if (need <= *cap)
        return 0;
    while (c < need)
        c *= 2;
    if (!(p = realloc(*s, c)))
        return -1;
    *s = p;
    *cap = c;
    return 0;
}

/* See text.h. */
void pp_text_add(pp_text *t, const char *s, size_t n)
{
    if (t->oom)
        return;
    if (pp_grow(&t->s, &t->cap, t->len + n + 1) != 0) {
        t->oom = 1;
        return;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = 0;
}
