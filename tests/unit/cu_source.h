/* cu_source.h - reading a bound-row source (data/source.h) in the suites
 * that test one (test_records, test_fields). */
#ifndef PP_TEST_CU_SOURCE_H
#define PP_TEST_CU_SOURCE_H
#include "cu.h"
#include "base/viet.h"
#include "data/source.h"

#include <stdio.h>

/* Field f of record rec of an opened source as the results XML writes
 * it: points plain ("3.5"), a text as it is; `absent` when the record
 * has none. A field the source does not know fails the test. */
static inline const char *cu_field(const pp_data_source *s, void *cur,
                                   long rec, const char *f, char *buf,
                                   size_t cap, const char *absent)
{
    pp_value v;
    int h = s->field(s->ctx, cur, f);
    CU_ASSERT(h >= 0);
    if (h < 0)
        return absent;
    s->get(s->ctx, cur, rec, h, &v);
    if (v.kind == PP_V_NUMBER)
        return pp_fmt_points(buf, cap, v.milli);
    if (v.kind == PP_V_TEXT) {
        snprintf(buf, cap, "%s", v.text);
        return buf;
    }
    return absent;
}
#endif
