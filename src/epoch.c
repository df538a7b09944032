/* epoch.c - SOURCE_DATE_EPOCH, else the input's date, else now (epoch.h). */
#include "parpack/epoch.h"

#include <stdlib.h>
#include <time.h>

static long long S_default = -1;

void pp_epoch_default(long long t)
{
    S_default = t;
}

long long pp_source_date_epoch(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    if (s && *s) {
        char *end;
        long long v = strtoll(s, &end, 10);
        if (!*end && v >= 0)
            return v;
    }
    return S_default >= 0 ? S_default : (long long)time(NULL);
}
