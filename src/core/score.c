/* score.c - the rules of docs/input-format.md, in integers (see score.h). */
#include "core/score.h"
#include "base/viet.h"
#include "base/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const pp_milli S_pow10[] = {1, 10, 100, 1000};

/* num / den rounded half up (num >= 0, den > 0): the one rounding of
 * the rules, used by the index, the means and a given percentage. */
static pp_milli S_div_half_up(pp_milli num, pp_milli den)
{
    return (2 * num + den) / (2 * den);
}

/* 100 x num / den, rounded half up to `precision` decimals, in
 * thousandths of a percent: pp_percent(82580, 95500, 3) = 86471. */
pp_milli pp_percent(pp_milli num, pp_milli den, int precision)
{
    pp_milli scale, q;
    if (den <= 0)
        return 0;
    if (precision < 0)
        precision = 0;
    if (precision > 3)
        precision = 3;
    scale = S_pow10[precision];
    /* q = round(100 * scale * num / den); both operands fit easily in 64
     * bits: num <= 10^12 thousandths, 100 * 1000 * 10^12 = 10^17. */
    q = S_div_half_up(100 * scale * num, den);
    return q * (1000 / scale);
}

/* Mean of n percentages (thousandths), rounded to precision. */
static pp_milli S_mean(pp_milli sum, int n, int precision)
{
    pp_milli scale = 1000 / S_pow10[precision];
    if (n <= 0)
        return 0;
    return S_div_half_up(sum, (pp_milli)n * scale) * scale;
}

/* Round a given percentage (e.g. a previous index typed with more
 * decimals) to precision. */
static pp_milli S_round(pp_milli v, int precision)
{
    pp_milli scale = 1000 / S_pow10[precision];
    return S_div_half_up(v, scale) * scale;
}

typedef struct {
    int unit;
    pp_milli index;
    const char *key; /* collation key of the name */
    const char *id;
} S_sortrec;

static int S_cmp_rank(const void *a, const void *b)
{
    const S_sortrec *x = a, *y = b;
    int c;
    if (x->index != y->index)
        return x->index > y->index ? -1 : 1;
    c = strcmp(x->key, y->key);
    if (c)
        return c;
    return strcmp(x->id, y->id);
}

/* ---------------------------------------------------------------------
 * The rules of a score (score.h).
 */

/* The appraised figure, else the self-assessed one. */
pp_milli pp_score_final(const pp_score *s)
{
    return s->has_appraised ? s->appraised : s->self;
}

/* The self-assessed figure, else the final one. */
pp_milli pp_score_self(const pp_score *s)
{
    return s->has_self ? s->self : pp_score_final(s);
}

/* A leaf counts unless it is marked not applicable. */
int pp_score_applies(const pp_score *s)
{
    return !s->na;
}

/* Subtotals of one unit over the criteria tree; see score.h. */
pp_status pp_subtotals_compute(const pp_model *m, int unit,
                               pp_subtotals *st)
{
    const pp_unit *u = &m->units[unit];
    size_t nc = m->ncriteria, k;
    pp_milli *all = calloc(4 * nc + 1, sizeof *all);
    memset(st, 0, sizeof *st);
    if (!all)
        return PP_E_NOMEM;
    st->achieved = all;
    st->self = all + nc;
    st->max = all + 2 * nc;
    st->applicable = all + 3 * nc;
    for (k = 0; k < m->nleaves; k++) {
        const pp_score *s = &u->scores[k];
        pp_milli max = m->criteria[m->leaves[k]].max;
        pp_milli fin = pp_score_final(s), self = pp_score_self(s);
        int applies = pp_score_applies(s), ci;
        for (ci = m->leaves[k]; ci >= 0; ci = m->criteria[ci].parent) {
            st->max[ci] += max;
            if (!applies)
                continue;
            st->achieved[ci] += fin;
            st->self[ci] += self;
            st->applicable[ci] += max;
        }
    }
    return PP_OK;
}

/* Free the arrays of pp_subtotals_compute. */
void pp_subtotals_free(pp_subtotals *st)
{
    free(st->achieved);
    memset(st, 0, sizeof *st);
}

/* Points, index, fields, tier, rating, flags of one unit. */
static void S_score_unit(const pp_model *m, const pp_unit *u,
                         pp_unit_result *r)
{
    size_t i, f;
    int k;
    for (i = 0; i < m->nleaves; i++) {
        const pp_criterion *c = &m->criteria[m->leaves[i]];
        const pp_score *s = &u->scores[i];
        pp_milli fin;
        if (!s->present || !pp_score_applies(s))
            continue;
        fin = pp_score_final(s);
        r->achieved += fin;
        r->max += c->max;
        r->self += pp_score_self(s);
        r->field_achieved[c->field] += fin;
        r->field_max[c->field] += c->max;
    }
    r->index = pp_percent(r->achieved, r->max, m->precision);
    r->self_index = pp_percent(r->self, r->max, m->precision);
    for (f = 0; f < m->nfields; f++)
        r->field_pct[f] = r->field_max[f] > 0
                              ? pp_percent(r->field_achieved[f],
                                           r->field_max[f], m->precision)
                              : -1;
    r->tier = (int)m->ntiers - 1;
    for (i = 0; i < m->ntiers; i++)
        if (m->tiers[i].min <= r->index) {
            r->tier = (int)i;
            break;
        }
    r->rating = (int)m->nratings - 1;
    r->demoted_from = -1;
    for (i = 0; i < m->nratings; i++) {
        const pp_rating *rt = &m->ratings[i];
        int ok = rt->min <= r->index;
        if (ok && rt->has_field_min) {
            for (f = 0; f < m->nfields; f++)
                if (r->field_pct[f] >= 0 && r->field_pct[f] < rt->field_min) {
                    if (r->demoted_from < 0)
                        r->demoted_from = (int)i;
                    ok = 0;
                    break;
                }
        }
        if (ok) {
            r->rating = (int)i;
            break;
        }
    }
    r->demoted = r->demoted_from >= 0;
    if (!r->demoted)
        r->demoted_from = -1;
    for (k = 0; k < (int)m->nflags; k++) {
        const pp_flag *fl = &m->flags[k];
        pp_milli p = fl->field >= 0 ? r->field_pct[fl->field] : -1;
        if (p >= 0 && p < fl->below) {
            r->flagged[k] = 1;
            r->nflags++;
        }
    }
}

/* Rank every block: by index, then Vietnamese order of names. */
static int S_rank(const pp_model *m, pp_results *res, pp_arena *a)
{
    pp_collator *col = pp_collator_new();
    S_sortrec *recs = calloc(m->nunits ? m->nunits : 1, sizeof *recs);
    char **keys = calloc(m->nunits ? m->nunits : 1, sizeof *keys);
    size_t i, b, n = 0, pos = 0;
    int ok = col && recs && keys;

    for (i = 0; ok && i < m->nunits; i++) {
        keys[i] = pp_collate_key(col, m->units[i].name);
        if (!keys[i])
            ok = 0;
    }
    for (b = 0; ok && b < m->nblocks; b++) {
        pp_block_result *br = &res->blocks[b];
        pp_milli sum = 0;
        int j;
        n = 0;
        for (i = 0; i < m->nunits; i++)
            if (m->units[i].block == (int)b) {
                recs[n].unit = (int)i;
                recs[n].index = res->units[i].index;
                recs[n].key = keys[i];
                recs[n].id = m->units[i].id;
                n++;
            }
        qsort(recs, n, sizeof *recs, S_cmp_rank);
        br->count = (int)n;
        br->order = pp_arena_alloc(a, sizeof(int) * (n ? n : 1));
        br->tier_counts = pp_arena_alloc(a, sizeof(int) * (m->ntiers + 1));
        br->rating_counts = pp_arena_alloc(a, sizeof(int) * (m->nratings + 1));
        if (!br->order || !br->tier_counts || !br->rating_counts) {
            ok = 0;
            break;
        }
        for (j = 0; j < (int)n; j++) {
            pp_unit_result *r = &res->units[recs[j].unit];
            br->order[j] = recs[j].unit;
            res->order[pos++] = recs[j].unit;
            r->position = j;
            r->rank = (j > 0 && recs[j].index == recs[j - 1].index)
                          ? res->units[recs[j - 1].unit].rank
                          : j + 1;
            sum += r->index;
            br->tier_counts[r->tier]++;
            br->rating_counts[r->rating]++;
            res->tier_counts[r->tier]++;
            res->rating_counts[r->rating]++;
            if (r->nflags)
                br->flagged++;
            if (r->demoted)
                br->demoted++;
        }
        br->mean = S_mean(sum, (int)n, m->precision);
        br->highest = n ? recs[0].index : 0;
        br->lowest = n ? recs[n - 1].index : 0;
    }
    if (ok) {
        pp_milli sum = 0;
        for (i = 0; i < m->nunits; i++)
            sum += res->units[i].index;
        res->mean = S_mean(sum, (int)m->nunits, m->precision);
    }
    for (i = 0; keys && i < m->nunits; i++)
        free(keys[i]);
    free(keys);
    free(recs);
    pp_collator_free(col);
    return ok;
}

static int S_cmp_id(const void *a, const void *b)
{
    return strcmp(((const pp_unit_ref *)a)->id, ((const pp_unit_ref *)b)->id);
}

/* The units of m sorted by id; see score.h. */
pp_unit_ref *pp_unit_index(const pp_model *m)
{
    pp_unit_ref *ix = malloc((m->nunits + 1) * sizeof *ix);
    size_t i;
    if (!ix)
        return NULL;
    for (i = 0; i < m->nunits; i++) {
        ix[i].id = m->units[i].id;
        ix[i].unit = (int)i;
    }
    qsort(ix, m->nunits, sizeof *ix, S_cmp_id);
    return ix;
}

/* Index of the unit with this id, or -1; see score.h. */
int pp_unit_index_find(const pp_unit_ref *ix, size_t n, const char *id)
{
    pp_unit_ref key;
    const pp_unit_ref *hit;
    if (!ix)
        return -1;
    key.id = id;
    hit = bsearch(&key, ix, n, sizeof *ix, S_cmp_id);
    return hit ? hit->unit : -1;
}

/* Previous year: from <previous> and/or the --previous file. */
static void S_previous(const pp_model *m, const pp_model *prev,
                       const pp_results *pres, pp_results *res,
                       pp_diags *d)
{
    size_t i, b;
    pp_unit_ref *ix = prev ? pp_unit_index(prev) : NULL;
    for (i = 0; i < m->nunits; i++) {
        const pp_unit *u = &m->units[i];
        pp_unit_result *r = &res->units[i];
        int pi = prev ? pp_unit_index_find(ix, prev->nunits, u->id) : -1;
        if (u->has_previous) {
            r->has_prev = 1;
            r->prev_rank = u->prev_rank;
            r->prev_year = u->prev_year ? u->prev_year : m->year - 1;
            if (u->has_prev_index) {
                r->has_prev_index = 1;
                r->prev_index = S_round(u->prev_index, m->precision);
            }
        }
        if (pi >= 0) {
            const pp_unit_result *pr = &pres->units[pi];
            if (u->has_previous &&
                (u->prev_rank != pr->rank ||
                 (u->has_prev_index &&
                  S_round(u->prev_index, prev->precision) != pr->index) ||
                 (u->prev_year && u->prev_year != prev->year)))
                pp_diag_error(
                    d, m->path, u->prev_line, 1,
                    "unit '%s' (%s): <previous rank=\"%d\"> disagrees with "
                    "%s (%d: rank %d); give the previous year in one place "
                    "only, or correct it",
                    u->id, u->name, u->prev_rank, prev->path, prev->year,
                    pr->rank);
            r->has_prev = 1;
            r->prev_rank = pr->rank;
            r->prev_year = prev->year;
            r->has_prev_index = 1;
            r->prev_index = S_round(pr->index, m->precision);
            r->has_prev_rating = 1;
            r->prev_rating = -1;
            for (b = 0; b < m->nratings; b++)
                if (strcmp(m->ratings[b].id,
                           prev->ratings[pr->rating].id) == 0)
                    r->prev_rating = (int)b;
        }
        if (r->has_prev) {
            r->delta = r->prev_rank - r->rank;
            if (!res->prev_year)
                res->prev_year = r->prev_year;
        }
        if (r->has_prev_index)
            r->index_delta = r->index - r->prev_index;
    }
    free(ix);
}

/* Score every unit; see score.h. */
pp_results *pp_score_units(const pp_model *m, const pp_model *prev,
                           pp_diags *diags)
{
    pp_arena *a = pp_arena_new();
    pp_results *res = a ? pp_arena_alloc(a, sizeof *res) : NULL;
    pp_results *pres = NULL;
    size_t i, nf = m->nfields ? m->nfields : 1;
    size_t errors = diags->errors;
    pp_milli *fa, *fm, *fp;
    unsigned char *fl;

    if (!res)
        goto oom;
    res->arena = a;
    res->model = m;
    res->units = pp_arena_alloc(a, sizeof *res->units * (m->nunits + 1));
    res->blocks = pp_arena_alloc(a, sizeof *res->blocks * (m->nblocks + 1));
    res->order = pp_arena_alloc(a, sizeof(int) * (m->nunits + 1));
    res->tier_counts = pp_arena_alloc(a, sizeof(int) * (m->ntiers + 1));
    res->rating_counts = pp_arena_alloc(a, sizeof(int) * (m->nratings + 1));
    fa = pp_arena_alloc(a, sizeof(pp_milli) * nf * (m->nunits + 1));
    fm = pp_arena_alloc(a, sizeof(pp_milli) * nf * (m->nunits + 1));
    fp = pp_arena_alloc(a, sizeof(pp_milli) * nf * (m->nunits + 1));
    fl = pp_arena_alloc(a, (m->nflags + 1) * (m->nunits + 1));
    if (!res->units || !res->blocks || !res->order || !res->tier_counts ||
        !res->rating_counts || !fa || !fm || !fp || !fl)
        goto oom;
    for (i = 0; i < m->nunits; i++) {
        pp_unit_result *r = &res->units[i];
        r->field_achieved = fa + i * nf;
        r->field_max = fm + i * nf;
        r->field_pct = fp + i * nf;
        r->flagged = fl + i * (m->nflags + 1);
        S_score_unit(m, &m->units[i], r);
    }
    if (!S_rank(m, res, a))
        goto oom;
    if (prev) {
        pres = pp_score_units(prev, NULL, diags);
        if (!pres)
            goto fail;
        res->has_prev_file = 1;
        res->prev_model = prev;
        res->prev_year = prev->year;
        res->prev_rating_counts =
            pp_arena_alloc(a, sizeof(int) * (m->nratings + 1));
        if (!res->prev_rating_counts)
            goto oom;
        for (i = 0; i < m->nblocks; i++) {
            res->blocks[i].prev_rating_counts =
                pp_arena_alloc(a, sizeof(int) * (m->nratings + 1));
            if (!res->blocks[i].prev_rating_counts)
                goto oom;
        }
    }
    S_previous(m, prev, pres, res, diags);
    for (i = 0; i < m->nunits; i++) {
        const pp_unit_result *r = &res->units[i];
        pp_block_result *br = &res->blocks[m->units[i].block];
        if (r->has_prev && r->delta > 0)
            br->risers++;
    }
    if (prev) {
        /* how each rating's count changed: last year's file, by rating id */
        size_t k;
        pp_unit_ref *ix = pp_unit_index(m);
        for (i = 0; i < prev->nunits; i++) {
            const char *rid = prev->ratings[pres->units[i].rating].id;
            int cur = pp_unit_index_find(ix, m->nunits, prev->units[i].id);
            for (k = 0; k < m->nratings; k++)
                if (strcmp(m->ratings[k].id, rid) == 0) {
                    res->prev_rating_counts[k]++;
                    if (cur >= 0)
                        res->blocks[m->units[cur].block]
                            .prev_rating_counts[k]++;
                }
        }
        free(ix);
    }
    pp_score_units_free(pres);
    if (diags->errors > errors) {
        pp_score_units_free(res);
        return NULL;
    }
    return res;
oom:
    pp_diag_error(diags, m->path, 0, 0, "out of memory while scoring");
fail:
    pp_score_units_free(pres);
    if (res)
        pp_score_units_free(res);
    else
        pp_arena_free(a);
    return NULL;
}

/* Free results. */
void pp_score_units_free(pp_results *r)
{
    if (r)
        pp_arena_free(r->arena);
}

/* See score.h. */
size_t pp_unit_flags_text(const pp_model *m, const pp_unit_result *ur,
                          char *buf, size_t cap)
{
    size_t k, len = 0;
    if (!cap)
        return 0;
    buf[0] = 0;
    for (k = 0; k < m->nflags && len < cap - 1; k++)
        if (ur->flagged[k]) {
            int n = snprintf(buf + len, cap - len, "%s%s", len ? " " : "",
                             m->flags[k].id);
            if (n > 0)
                len += (size_t)n < cap - len ? (size_t)n : cap - len - 1;
        }
    return len;
}
