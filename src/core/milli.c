/* milli.c - points as integer thousandths: "87.49" -> 87490 (model.h). */
#include "core/model.h"

/* Parse "87.49" into thousandths (see model.h for the return codes). */
/* The length of the blanks at s: ASCII ones, and the non-breaking and
 * narrow no-break spaces a word processor or a spreadsheet puts beside a
 * number ("8.5\u00a0" looks like "8.5" to whoever typed it). */
static size_t S_blanks(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    for (;;) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        else if (p[0] == 0xC2 && p[1] == 0xA0)
            p += 2;
        else if (p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0xAF)
            p += 3;
        else
            return (size_t)(p - (const unsigned char *)s);
    }
}

int pp_milli_parse(const char *s, pp_milli *out)
{
    pp_milli v = 0;
    int digits = 0, decimals = 0, dot = 0;
    if (!s)
        return -1;
    s += S_blanks(s);
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (dot) {
                if (++decimals > 3)
                    return -3;
            } else if (++digits > 12) {
                return -4;
            }
            v = v * 10 + (*s - '0');
        } else if (*s == '.' && !dot) {
            dot = 1;
        } else if (*s == ',') {
            return -2;
        } else {
            break;
        }
    }
    s += S_blanks(s);
    if (*s || digits == 0 || (dot && decimals == 0))
        return -1;
    for (; decimals < 3; decimals++)
        v *= 10;
    *out = v;
    return 0;
}
