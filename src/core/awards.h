/*
 * awards.h - commendations and their money (docs/domain.md,
 * docs/input-format.md).
 *
 * Amount = multiplier x base salary, rounded up to a multiple of 10,000
 * đồng, in integers. Explicit nominations come first, in file order; each
 * `auto` rule then adds, per block, the best-ranked units rated at its
 * rating or better that are not already listed for the same form.
 *
 * Ownership: pp_awards_compute returns a list owning its arrays; it points
 * into the model and results, which must outlive it.
 */
#ifndef PARPACK_AWARDS_H
#define PARPACK_AWARDS_H

#include "core/score.h"

typedef struct {
    pp_recipient_kind kind;
    int unit;            /* scored unit, or -1 */
    const char *name, *position, *org;
    int individual;      /* 1 = person */
    int64_t amount;      /* đồng */
    int automatic;       /* added by an <auto> rule */
} pp_award_line;

typedef struct {
    int form;            /* index into model->forms */
    const char *reason;
    pp_award_line *lines;
    size_t nlines;
    int collectives, individuals;
    int64_t total;
} pp_award_group;

typedef struct {
    int64_t base_salary;
    pp_award_group *groups; /* one per <award>, plus one per auto rule
                               whose form has no <award> */
    size_t ngroups;
    int64_t total;
    int collectives, individuals;
} pp_awards;

/* Amount for a multiplier (thousandths) and base salary, rounded up to
 * 10,000: pp_award_amount(300, 2340000) = 710000. */
int64_t pp_award_amount(pp_milli multiplier, int64_t base_salary);

/* Compute every award; warnings (a listed unit below an auto rule's
 * rating) go to diags. Returns NULL only when out of memory. */
pp_awards *pp_awards_compute(const pp_model *m, const pp_results *r,
                             pp_diags *diags);

void pp_awards_free(pp_awards *a);

#endif
