/* fields.c - the vocabulary of a scored unit's fields (fields.h). */
#include "core/fields.h"
#include "base/viet.h"

#include <stdio.h>
#include <string.h>

#define U(c) (&(c)->m->units[(c)->unit])
#define UR(c) (&(c)->r->units[(c)->unit])

static void S_text(pp_field_value *v, const char *s)
{
    v->present = s != NULL;
    v->text = s;
}

static void S_num(pp_field_value *v, long long n)
{
    v->present = 1;
    v->n = n;
}

/* A getter: when `cond` holds, the text (S_text) or number (S_num) `x`. */
#define G_SET(fn, set, cond, x)                                           \
    static void fn(pp_field_ctx *c, pp_field_value *v)                    \
    {                                                                     \
        if (cond)                                                         \
            set(v, x);                                                    \
    }
#define G_TEXT(fn, cond, x) G_SET(fn, S_text, cond, x)
#define G_NUM(fn, cond, x) G_SET(fn, S_num, cond, x)
#define ABS(x) ((x) < 0 ? -(x) : (x))

G_TEXT(G_id, 1, U(c)->id)
G_TEXT(G_name, 1, U(c)->name)
G_TEXT(G_label, 1, U(c)->label ? U(c)->label : U(c)->name)
G_TEXT(G_kind, 1, U(c)->kind)
G_TEXT(G_head, 1, U(c)->head)
G_TEXT(G_email, 1, U(c)->email)
G_TEXT(G_slug, c->slugs, c->slugs[c->unit])
G_TEXT(G_block, 1, c->m->blocks[U(c)->block].id)
G_TEXT(G_block_name, 1, c->m->blocks[U(c)->block].name)
G_NUM(G_seq, c->seq, c->seq[c->unit])
G_NUM(G_rank, 1, UR(c)->rank)
G_NUM(G_position, 1, UR(c)->position + 1)
G_NUM(G_achieved, 1, UR(c)->achieved)
G_NUM(G_max, 1, UR(c)->max)
G_NUM(G_index, 1, UR(c)->index)
G_NUM(G_self, 1, UR(c)->self)
G_NUM(G_self_index, 1, UR(c)->self_index)
G_NUM(G_self_gap, 1, UR(c)->self - UR(c)->achieved)
G_NUM(G_tier, 1, UR(c)->tier + 1)
G_TEXT(G_tier_label, 1, c->m->tiers[UR(c)->tier].label)
G_TEXT(G_rating, 1, c->m->ratings[UR(c)->rating].id)
G_TEXT(G_rating_label, 1, c->m->ratings[UR(c)->rating].label)
G_TEXT(G_demoted, UR(c)->demoted, "true")
G_TEXT(G_demoted_from, UR(c)->demoted,
       c->m->ratings[UR(c)->demoted_from].id)
G_NUM(G_prev_rank, UR(c)->has_prev, UR(c)->prev_rank)
G_NUM(G_prev_year, UR(c)->has_prev, UR(c)->prev_year)
G_NUM(G_delta, UR(c)->has_prev, UR(c)->delta)
G_NUM(G_delta_abs, UR(c)->has_prev, ABS(UR(c)->delta))
G_TEXT(G_new, !UR(c)->has_prev, "true")
G_NUM(G_prev_index, UR(c)->has_prev_index, UR(c)->prev_index)
G_NUM(G_index_change, UR(c)->has_prev_index, UR(c)->index_delta)
G_NUM(G_index_change_abs, UR(c)->has_prev_index, ABS(UR(c)->index_delta))
G_TEXT(G_prev_rating, UR(c)->has_prev_rating && UR(c)->prev_rating >= 0,
       c->m->ratings[UR(c)->prev_rating].id)

static void G_delta_signed(pp_field_ctx *c, pp_field_value *v)
{
    if (UR(c)->has_prev) {
        snprintf(c->buf, sizeof c->buf, UR(c)->delta > 0 ? "+%d" : "%d",
                 (int)UR(c)->delta);
        S_text(v, c->buf);
    }
}
static void G_flags(pp_field_ctx *c, pp_field_value *v)
{
    if (pp_unit_flags_text(c->m, UR(c), c->buf, sizeof c->buf))
        S_text(v, c->buf);
}

#define T PP_FIELD_TEXT
#define I PP_FIELD_INT
#define P PP_FIELD_POINTS
#define C PP_FIELD_PCT

const pp_field pp_unit_fields[] = {
    {"id", "id", T, 0, G_id},
    {"name", "name", T, 0, G_name},
    {"label", "label", T, 0, G_label},
    {"kind", "kind", T, 0, G_kind},
    {"head", "head", T, 0, G_head},
    {"email", "email", T, 0, G_email},
    {"slug", "slug", T, 0, G_slug},
    {NULL, "block", T, 0, G_block},
    {NULL, "block-name", T, 0, G_block_name},
    {NULL, "seq", I, 0, G_seq},
    {"rank", "rank", I, 0, G_rank},
    {"position", NULL, I, 0, G_position},
    {"achieved", "achieved", P, 2, G_achieved},
    {"max", "max", P, 0, G_max},
    {"index", "index", C, 0, G_index},
    {"self", "self", P, 2, G_self},
    {"self-index", "self-index", C, 0, G_self_index},
    {"self-gap", "self-gap", P, 2, G_self_gap},
    {"tier", "tier", I, 0, G_tier},
    {"tier-label", "tier-label", T, 0, G_tier_label},
    {"rating", "rating", T, 0, G_rating},
    {"rating-label", "rating-label", T, 0, G_rating_label},
    {"demoted", "demoted", T, 0, G_demoted},
    {"demoted-from", NULL, T, 0, G_demoted_from},
    {"previous-rank", "previous-rank", I, 0, G_prev_rank},
    {"previous-year", "previous-year", I, 0, G_prev_year},
    {"delta", "delta", I, 0, G_delta},
    {"delta-abs", NULL, I, 0, G_delta_abs},
    {NULL, "delta-signed", T, 0, G_delta_signed},
    {"new", "new", T, 0, G_new},
    {"previous-index", "previous-index", C, 0, G_prev_index},
    {"index-change", "index-change", C, 0, G_index_change},
    {"index-change-abs", NULL, C, 0, G_index_change_abs},
    {"previous-rating", NULL, T, 0, G_prev_rating},
    {"flags", "flags", T, 0, G_flags},
};

const size_t pp_unit_nfields = sizeof pp_unit_fields / sizeof pp_unit_fields[0];

/* The fields of a unit's field (lĩnh vực) c->field. */
#define FI (c->field)
G_TEXT(G_f_id, 1, c->m->criteria[c->m->fields[FI]].id)
G_NUM(G_f_achieved, 1, UR(c)->field_achieved[FI])
G_NUM(G_f_max, 1, UR(c)->field_max[FI])
G_NUM(G_f_pct, UR(c)->field_pct[FI] >= 0, UR(c)->field_pct[FI])
G_TEXT(G_f_na, UR(c)->field_pct[FI] < 0, "true")

const pp_field pp_field_fields[] = {
    {"id", NULL, T, 0, G_f_id},
    {"achieved", "field-achieved:", P, 2, G_f_achieved},
    {"max", "field-max:", P, 0, G_f_max},
    {"pct", "pct:", C, 0, G_f_pct},
    {"na", NULL, T, 0, G_f_na},
};

const size_t pp_field_nfields = sizeof pp_field_fields / sizeof pp_field_fields[0];

/* The fields of the unit's score of its leaf c->leaf: a not-applicable
 * score has nothing but its criterion and `na`; last year's score counts
 * when the criterion applied to the unit both years. */
#define SC (&U(c)->scores[c->leaf])
#define APPLIES (!SC->na)
#define PREV (c->pv ? pp_prev_leaf_score(c->pv, c->m, c->unit, c->leaf) : NULL)
G_TEXT(G_s_c, 1, c->m->criteria[c->m->leaves[c->leaf]].id)
G_TEXT(G_s_na, SC->na, "true")
G_NUM(G_s_self, APPLIES && SC->has_self, SC->self)
G_NUM(G_s_appraised, APPLIES && SC->has_appraised, SC->appraised)
G_NUM(G_s_final, APPLIES, pp_score_final(SC))
G_TEXT(G_s_note, APPLIES, SC->note)
G_TEXT(G_s_new, c->pv && c->pv->prev && c->pv->crit[c->m->leaves[c->leaf]] < 0,
       "true")

static void G_s_prev(pp_field_ctx *c, pp_field_value *v)
{
    const pp_score *p = APPLIES ? PREV : NULL;
    if (p && pp_score_applies(p))
        S_num(v, pp_score_final(p));
}
static void G_s_change(pp_field_ctx *c, pp_field_value *v)
{
    const pp_score *p = APPLIES ? PREV : NULL;
    if (p && pp_score_applies(p))
        S_num(v, pp_score_final(SC) - pp_score_final(p));
}

#define F PP_FIELD_FIGURE

const pp_field pp_score_fields[] = {
    {"c", NULL, T, 0, G_s_c},
    {"na", "na:", T, 0, G_s_na},
    {"self", "self:", F, 0, G_s_self},
    {"appraised", "appraised:", F, 0, G_s_appraised},
    {"final", "final:", F, 0, G_s_final},
    {"note", "note:", T, 0, G_s_note},
    {"previous", "previous:", F, 0, G_s_prev},
    {NULL, "change:", F, 0, G_s_change},
    {NULL, "new:", T, 0, G_s_new},
};

const size_t pp_score_nfields = sizeof pp_score_fields / sizeof pp_score_fields[0];

/* The subtotals c->sub of a unit's parent criterion c->crit. */
#define ST(x) (c->sub->x[c->crit])
G_TEXT(G_t_c, 1, c->m->criteria[c->crit].id)
G_NUM(G_t_achieved, 1, ST(achieved))
G_NUM(G_t_self, 1, ST(self))
G_NUM(G_t_max, 1, ST(max))
G_NUM(G_t_applicable, 1, ST(applicable))

const pp_field pp_subtotal_fields[] = {
    {"c", NULL, T, 0, G_t_c},
    {"achieved", "final", F, 0, G_t_achieved},
    {"self", "self", F, 0, G_t_self},
    {"max", NULL, F, 0, G_t_max},
    {"applicable-max", "applicable-max", F, 0, G_t_applicable},
};

const size_t pp_subtotal_nfields =
    sizeof pp_subtotal_fields / sizeof pp_subtotal_fields[0];

/* See fields.h. */
int pp_field_has_text(const pp_field *f)
{
    return f->type == PP_FIELD_POINTS || f->type == PP_FIELD_PCT;
}

/* See fields.h. */
int pp_field_decimals(const pp_field *f, const pp_model *m, long long x)
{
    if (f->type == PP_FIELD_PCT)
        return m->precision;
    return pp_points_decimals(x, f->min_dec);
}

/* See fields.h. */
int pp_field_find(const pp_field *t, size_t n, const char *name, int *text)
{
    size_t i, l;
    *text = 0;
    for (i = 0; i < n; i++) {
        const char *r = t[i].rows;
        if (!r)
            continue;
        if (strcmp(name, r) == 0)
            return (int)i;
        /* NAME-text, or NAME-text: for NAME: */
        l = strlen(r);
        if (l && r[l - 1] == ':')
            l--;
        if (pp_field_has_text(&t[i]) && strncmp(name, r, l) == 0 &&
            strncmp(name + l, "-text", 5) == 0 &&
            strcmp(name + l + 5, r + l) == 0) {
            *text = 1;
            return (int)i;
        }
    }
    return -1;
}
