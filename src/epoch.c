/* epoch.c - SOURCE_DATE_EPOCH, else now (see epoch.h). */
#include "parpack/epoch.h"

#include <stdlib.h>
#include <time.h>

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
    return 0;
}

/* See epoch.h. */
long long pp_source_date_epoch(void)
{
    long long v;
    return pp_source_date_epoch_get(&v) ? v : (long long)time(NULL);
}
