/*
 * previous.h - last year's file matched to this year's: a unit by its id,
 * a criterion by its id. The one matcher that both channels of scored
 * data use: the results XML (results.c, <score previous>) and the bound
 * rows (data/records.c, previous:C, previous, change, new...).
 *
 * Ownership: pp_prev_map_init keeps a pointer to `prev`, which must
 * outlive the map; pp_prev_map_free frees what it allocated.
 */
#ifndef PARPACK_PREVIOUS_H
#define PARPACK_PREVIOUS_H

#include "core/model.h"
#include "base/status.h"

typedef struct {
    const pp_model *prev; /* last year's file, or NULL (then no map) */
    int *unit;            /* per unit: its index in prev, or -1 */
    int *crit;            /* per criterion: prev's one with its id, or -1 */
} pp_prev_map;

/* Match m against prev (which may be NULL: an empty map, every lookup
 * missing). PP_OK, or PP_E_NOMEM (then free the map all the same). */
pp_status pp_prev_map_init(pp_prev_map *pm, const pp_model *m,
                           const pp_model *prev);
void pp_prev_map_free(pp_prev_map *pm);

/* Last year's score of this year's leaf k (index into m->leaves) for unit
 * ui: NULL when the unit or the criterion is not in last year's file, or
 * the criterion was not a leaf there. */
const pp_score *pp_prev_leaf_score(const pp_prev_map *pm, const pp_model *m,
                                   int ui, int k);

#endif
