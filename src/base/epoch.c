/* epoch.c - SOURCE_DATE_EPOCH, else the input's date, else now (epoch.h). */
#include "base/epoch.h"

#include <stdlib.h>
#include <time.h>

static long long S_default = -1;

/* See epoch.h. */
void pp_epoch_default(long long t)
{
    S_default = t;
}

/* See epoch.h. */
int pp_source_date_epoch_get(long long *out)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (s && *s) {
        char *end;
        long long v = strtoll(s, &end, 10);
        if (!*end && v >= 0) {
            *out = v;
            return 1;
        }
    }
    if (S_default >= 0) {
        *out = S_default;
        return 1;
    }
    return 0;
}

/* See epoch.h. */
long long pp_source_date_epoch(void)
{
    long long v;
    return pp_source_date_epoch_get(&v) ? v : (long long)time(NULL);
}
