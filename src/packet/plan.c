/* plan.c - choosing among a verb's kinds and their paths (plan.h); the
 * tables are with their verbs (the build's in packet.c). */
#include "packet/plan.h"
#include "base/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The row named name; see plan.h. */
const pp_kind *pp_plan_find(const pp_kind *kinds, size_t n, const char *name)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(kinds[i].name, name) == 0)
            return &kinds[i];
    return NULL;
}

/* Row k in set; see plan.h. */
int pp_plan_has(const pp_kind *kinds, pp_kind_set set, const pp_kind *k)
{
    return k && (set >> (k - kinds) & 1u);
}

/* The rows named by the len bytes at p (a name of --only). */
static pp_kind_set S_named(const pp_kind *kinds, size_t n, const char *p,
                           size_t len)
{
    pp_kind_set set = 0;
    size_t i;
    for (i = 0; i < n; i++)
        if (strlen(kinds[i].name) == len && strncmp(kinds[i].name, p, len) == 0)
            set |= 1u << i;
    return set;
}

/* The rows only names; see plan.h. */
pp_kind_set pp_plan_named(const pp_kind *kinds, size_t n, const char *only)
{
    pp_kind_set set = 0;
    const char *p = only;
    if (!only)
        return n >= 32 ? ~0u : (1u << n) - 1;
    while (*p) {
        size_t len = strcspn(p, ",");
        set |= S_named(kinds, n, p, len);
        p += len + (p[len] == ',');
    }
    return set;
}

/* The kinds to write; see plan.h. */
pp_status pp_plan_select(const pp_kind *kinds, size_t n, const char *only,
                         const pp_model *m, pp_kind_set *out, pp_diags *d)
{
    pp_kind_set set = 0;
    const char *p = only;
    size_t i;
    *out = 0;
    if (!only)
        set = n >= 32 ? ~0u : (1u << n) - 1;
    while (p && *p) {
        size_t len = strcspn(p, ",");
        pp_kind_set named = S_named(kinds, n, p, len);
        set |= named;
        if (!named && len) {
            char names[512], typed[64];
            const char *all[32], *near;
            size_t at = 0;
            names[0] = 0;
            for (i = 0; i < n && at < sizeof names; i++)
                at += (size_t)snprintf(names + at, sizeof names - at, "%s%s",
                                       i ? ", " : "", kinds[i].name);
            for (i = 0; i < n && i < 32; i++)
                all[i] = kinds[i].name;
            snprintf(typed, sizeof typed, "%.*s", (int)len, p);
            near = pp_diag_suggest(typed, all, i);
            if (near)
                pp_diag_error(d, NULL, 0, 0,
                              _("--only: unknown kind '%.*s'; did you mean "
                                "'%s'? kinds are %s"),
                              (int)len, p, near, names);
            else
                pp_diag_error(d, NULL, 0, 0,
                              _("--only: unknown kind '%.*s'; kinds are %s"),
                              (int)len, p, names);
            return PP_E_USAGE;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    if (!set) {
        pp_diag_error(d, NULL, 0, 0, "%s", _("--only: no kind given"));
        return PP_E_USAGE;
    }
    for (i = 0; i < n; i++)
        if ((set >> i & 1u) && kinds[i].usable &&
            !kinds[i].usable(m, only != NULL, d))
            set &= ~(1u << i);
    *out = set;
    return PP_OK;
}

/* Expand k's path pattern; see plan.h. */
int pp_plan_path(const pp_kind *k, int year, const char *slug, char *buf,
                 size_t cap)
{
    const char *p = k->path;
    size_t at = 0;
    while (*p) {
        char piece[32];
        const char *add = NULL;
        size_t len;
        if (strncmp(p, "{year}", 6) == 0) {
            snprintf(piece, sizeof piece, "%d", year);
            add = piece;
            p += 6;
        } else if (strncmp(p, "{slug}", 6) == 0 && slug) {
            add = slug;
            p += 6;
        } else {
            piece[0] = *p++;
            piece[1] = 0;
            add = piece;
        }
        len = strlen(add);
        if (at + len >= cap) {
            errno = ENAMETOOLONG;
            return -1;
        }
        memcpy(buf + at, add, len + 1);
        at += len;
    }
    if (at == 0 && cap)
        buf[0] = 0;
    return 0;
}
