/* previous.c - last year's file matched to this year's (previous.h). */
#include "core/previous.h"
#include "core/score.h"

#include <stdlib.h>
#include <string.h>

/* See previous.h. */
pp_status pp_prev_map_init(pp_prev_map *pm, const pp_model *m,
                           const pp_model *prev)
{
    pp_unit_ref *ix;
    size_t i, j;
    memset(pm, 0, sizeof *pm);
    if (!prev)
        return PP_OK;
    pm->prev = prev;
    ix = pp_unit_index(prev);
    pm->unit = malloc((m->nunits + 1) * sizeof *pm->unit);
    pm->crit = malloc((m->ncriteria + 1) * sizeof *pm->crit);
    if (!ix || !pm->unit || !pm->crit) {
        free(ix);
        return PP_E_NOMEM;
    }
    for (i = 0; i < m->nunits; i++)
        pm->unit[i] = pp_unit_index_find(ix, prev->nunits, m->units[i].id);
    free(ix);
    /* schemes are small (tens of criteria): a plain search */
    for (i = 0; i < m->ncriteria; i++) {
        pm->crit[i] = -1;
        for (j = 0; j < prev->ncriteria; j++)
            if (strcmp(m->criteria[i].id, prev->criteria[j].id) == 0) {
                pm->crit[i] = (int)j;
                break;
            }
    }
    return PP_OK;
}

void pp_prev_map_free(pp_prev_map *pm)
{
    free(pm->unit);
    free(pm->crit);
    memset(pm, 0, sizeof *pm);
}

/* See previous.h. */
const pp_score *pp_prev_leaf_score(const pp_prev_map *pm, const pp_model *m,
                                   int ui, int k)
{
    int pu, pc;
    if (!pm->prev || ui < 0 || k < 0 || (size_t)k >= m->nleaves)
        return NULL;
    pu = pm->unit[ui];
    pc = pm->crit[m->leaves[k]];
    if (pu < 0 || pc < 0 || pm->prev->criteria[pc].leaf < 0)
        return NULL;
    return &pm->prev->units[pu].scores[pm->prev->criteria[pc].leaf];
}
