/* epoch.c - SOURCE_DATE_EPOCH, else now (see epoch.h). */
#include "parpack/epoch.h"

#include <stdlib.h>
#include <time.h>

long long pp_source_date_epoch(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (s && *s) {
        char *end;
        long long v = strtoll(s, &end, 10);
        if (!*end && v >= 0)
            return v;
    }
    return (long long)time(NULL);
}
