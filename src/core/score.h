/*
 * score.h - the rules, computed once: points, index, field percentages,
 * tiers, ratings, flags, ranks within blocks, changes against the previous
 * year and per-block statistics.
 *
 * Every percentage is a pp_milli (thousandths of a percent) holding the
 * value already rounded half up to the model's precision: with precision 2,
 * 87.49% is 87490. All comparisons use these rounded values.
 *
 * Ownership: pp_score_units returns results that point into the model (the
 * model must outlive them) and own their own arrays; pp_score_units_free frees.
 */
#ifndef PARPACK_SCORE_H
#define PARPACK_SCORE_H

#include "core/model.h"
#include "base/status.h"

/*
 * The rules of a score, in one place (docs/domain.md); every module that needs
 * a leaf's points or a criterion's subtotal calls these.
 */

/* A leaf's final points: the appraised figure, else the self-assessed
 * one. */
pp_milli pp_score_final(const pp_score *s);

/* A leaf's self-assessed points, else its final ones (a unit that gave
 * no self-assessment is taken to agree with the council). */
pp_milli pp_score_self(const pp_score *s);

/* Does a leaf count in the unit's points and maximum (not na="true")? */
int pp_score_applies(const pp_score *s);

/* One unit's subtotals up the criteria tree: entry i of each array is
 * criterion i's sum over the leaves below it (a leaf: itself). */
typedef struct {
    pp_milli *achieved;   /* final points of the applicable leaves */
    pp_milli *self;       /* self-assessed points of the same leaves */
    pp_milli *max;        /* maxima of every leaf, applicable or not */
    pp_milli *applicable; /* maxima of the applicable leaves */
} pp_subtotals;

/* Compute unit `unit`'s subtotals into st (four arrays of m->ncriteria,
 * one allocation). PP_OK, or PP_E_NOMEM with st empty. Free with
 * pp_subtotals_free. */
pp_status pp_subtotals_compute(const pp_model *m, int unit,
                               pp_subtotals *st);
void pp_subtotals_free(pp_subtotals *st);

typedef struct {
    pp_milli achieved;      /* final points over applicable leaves */
    pp_milli max;           /* applicable maximum */
    pp_milli self;          /* self-assessed points over the same leaves
                               (the final score where no self is given) */
    pp_milli index;         /* 100 x achieved / max, rounded */
    pp_milli self_index;    /* 100 x self / max, rounded */
    pp_milli *field_achieved, *field_max; /* per field */
    pp_milli *field_pct;    /* per field, rounded; -1 when all n/a */
    int tier;               /* index into model->tiers */
    int rating;             /* index into model->ratings */
    int demoted;            /* index met an earlier rating, a field did not */
    int demoted_from;       /* that earlier rating, or -1 */
    unsigned char *flagged; /* per model flag */
    int nflags;             /* how many flags hold */
    int rank;               /* 1-based within the block; ties share */
    int position;           /* 0-based place in the block's order */
    int has_prev;           /* a previous year is known */
    int prev_year, prev_rank;
    int delta;              /* prev_rank - rank: positive = rose */
    int has_prev_index;
    pp_milli prev_index, index_delta;
    int has_prev_rating;    /* previous rating known (from --previous) */
    int prev_rating;        /* index into this model's ratings, or -1 */
} pp_unit_result;

typedef struct {
    int count;
    int *order;         /* unit indices in rank order */
    pp_milli mean;      /* mean of the units' indices, rounded */
    pp_milli highest, lowest;
    int *tier_counts;   /* per tier */
    int *rating_counts; /* per rating */
    int *prev_rating_counts; /* per rating in the previous year, or NULL */
    int flagged;        /* units with at least one flag */
    int demoted;
    int risers;         /* units with delta > 0 */
} pp_block_result;

typedef struct {
    const pp_model *model;
    pp_unit_result *units;   /* model->nunits, document order */
    pp_block_result *blocks; /* model->nblocks */
    int *order;              /* every unit: block order, then rank order */
    int prev_year;           /* 0 when no previous year is known */
    int has_prev_file;
    int *prev_rating_counts; /* whole file, per rating, or NULL */
    int *rating_counts;      /* whole file, per rating */
    int *tier_counts;        /* whole file, per tier */
    pp_milli mean;           /* whole file */
    const pp_model *prev_model; /* the --previous file, or NULL; not owned:
                                   it must outlive the results (records.c
                                   reads last year's criterion scores) */
    struct pp_arena *arena; /* private: owns the arrays above */
} pp_results;

/*
 * Score every unit. `prev` (may be NULL) is last year's appraisal given
 * with --previous; units are matched by id. A unit whose <previous> element
 * disagrees with `prev` is an error (reported into diags; NULL returned).
 */
pp_results *pp_score_units(const pp_model *m, const pp_model *prev,
                           pp_diags *diags);

/* Free what pp_score_units returned (NULL is allowed). */
void pp_score_units_free(pp_results *r);

/* The ids of the flags raised for a unit (r->units[i]), separated by
 * spaces, into buf (cut to cap - 1 bytes); returns the length written,
 * 0 when none was raised. */
size_t pp_unit_flags_text(const pp_model *m, const pp_unit_result *ur,
                          char *buf, size_t cap);

/* Units sorted by id, for lookups by id: pp_unit_index(m) returns
 * m->nunits entries (free() them), NULL if out of memory;
 * pp_unit_index_find gives the unit index of `id`, or -1 (also when ix
 * is NULL). The entries point into m. */
typedef struct {
    const char *id;
    int unit;
} pp_unit_ref;
pp_unit_ref *pp_unit_index(const pp_model *m);
int pp_unit_index_find(const pp_unit_ref *ix, size_t n, const char *id);

/* Round a ratio 100 x num / den half up to `precision` decimals, as
 * thousandths of a percent. den > 0, num >= 0. */
pp_milli pp_percent(pp_milli num, pp_milli den, int precision);

#endif
