/* milli.c - points as integer thousandths: "87.49" -> 87490 (model.h). */
#include "core/model.h"

/* Parse "87.49" into thousandths (see model.h for the return codes). */
int pp_milli_parse(const char *s, pp_milli *out)
{
    pp_milli v = 0;
    int digits = 0, decimals = 0, dot = 0;
    if (!s)
        return -1;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
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
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (*s || digits == 0 || (dot && decimals == 0))
        return -1;
    for (; decimals < 3; decimals++)
        v *= 10;
    *out = v;
    return 0;
}
