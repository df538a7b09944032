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

static void S_true(pp_field_value *v, int cond)
{
    if (cond)
        S_text(v, "true");
}

static void G_id(pp_field_ctx *c, pp_field_value *v) { S_text(v, U(c)->id); }
static void G_name(pp_field_ctx *c, pp_field_value *v) { S_text(v, U(c)->name); }
static void G_label(pp_field_ctx *c, pp_field_value *v)
{
    S_text(v, U(c)->label ? U(c)->label : U(c)->name);
}
static void G_kind(pp_field_ctx *c, pp_field_value *v) { S_text(v, U(c)->kind); }
static void G_head(pp_field_ctx *c, pp_field_value *v) { S_text(v, U(c)->head); }
static void G_email(pp_field_ctx *c, pp_field_value *v) { S_text(v, U(c)->email); }
static void G_slug(pp_field_ctx *c, pp_field_value *v)
{
    S_text(v, c->slugs ? c->slugs[c->unit] : NULL);
}
static void G_block(pp_field_ctx *c, pp_field_value *v)
{
    S_text(v, c->m->blocks[U(c)->block].id);
}
static void G_block_name(pp_field_ctx *c, pp_field_value *v)
{
    S_text(v, c->m->blocks[U(c)->block].name);
}
static void G_seq(pp_field_ctx *c, pp_field_value *v)
{
    if (c->seq)
        S_num(v, c->seq[c->unit]);
}
static void G_rank(pp_field_ctx *c, pp_field_value *v) { S_num(v, UR(c)->rank); }
static void G_position(pp_field_ctx *c, pp_field_value *v)
{
    S_num(v, UR(c)->position + 1);
}
static void G_achieved(pp_field_ctx *c, pp_field_value *v) { S_num(v, UR(c)->achieved); }
static void G_max(pp_field_ctx *c, pp_field_value *v) { S_num(v, UR(c)->max); }
static void G_index(pp_field_ctx *c, pp_field_value *v) { S_num(v, UR(c)->index); }
static void G_self(pp_field_ctx *c, pp_field_value *v) { S_num(v, UR(c)->self); }
static void G_self_index(pp_field_ctx *c, pp_field_value *v)
{
    S_num(v, UR(c)->self_index);
}
static void G_self_gap(pp_field_ctx *c, pp_field_value *v)
{
    S_num(v, UR(c)->self - UR(c)->achieved);
}
static void G_tier(pp_field_ctx *c, pp_field_value *v) { S_num(v, UR(c)->tier + 1); }
static void G_tier_label(pp_field_ctx *c, pp_field_value *v)
{
    S_text(v, c->m->tiers[UR(c)->tier].label);
}
static void G_rating(pp_field_ctx *c, pp_field_value *v)
{
    S_text(v, c->m->ratings[UR(c)->rating].id);
}
static void G_rating_label(pp_field_ctx *c, pp_field_value *v)
{
    S_text(v, c->m->ratings[UR(c)->rating].label);
}
static void G_demoted(pp_field_ctx *c, pp_field_value *v) { S_true(v, UR(c)->demoted); }
static void G_demoted_from(pp_field_ctx *c, pp_field_value *v)
{
    if (UR(c)->demoted)
        S_text(v, c->m->ratings[UR(c)->demoted_from].id);
}
static void G_prev_rank(pp_field_ctx *c, pp_field_value *v)
{
    if (UR(c)->has_prev)
        S_num(v, UR(c)->prev_rank);
}
static void G_prev_year(pp_field_ctx *c, pp_field_value *v)
{
    if (UR(c)->has_prev)
        S_num(v, UR(c)->prev_year);
}
static void G_delta(pp_field_ctx *c, pp_field_value *v)
{
    if (UR(c)->has_prev)
        S_num(v, UR(c)->delta);
}
static void G_delta_abs(pp_field_ctx *c, pp_field_value *v)
{
    if (UR(c)->has_prev)
        S_num(v, UR(c)->delta < 0 ? -UR(c)->delta : UR(c)->delta);
}
static void G_delta_signed(pp_field_ctx *c, pp_field_value *v)
{
    if (UR(c)->has_prev) {
        snprintf(c->buf, sizeof c->buf, UR(c)->delta > 0 ? "+%d" : "%d",
                 (int)UR(c)->delta);
        S_text(v, c->buf);
    }
}
static void G_new(pp_field_ctx *c, pp_field_value *v) { S_true(v, !UR(c)->has_prev); }
static void G_prev_index(pp_field_ctx *c, pp_field_value *v)
{
    if (UR(c)->has_prev_index)
        S_num(v, UR(c)->prev_index);
}
static void G_index_change(pp_field_ctx *c, pp_field_value *v)
{
    if (UR(c)->has_prev_index)
        S_num(v, UR(c)->index_delta);
}
static void G_index_change_abs(pp_field_ctx *c, pp_field_value *v)
{
    if (UR(c)->has_prev_index)
        S_num(v, UR(c)->index_delta < 0 ? -UR(c)->index_delta
                                        : UR(c)->index_delta);
}
static void G_prev_rating(pp_field_ctx *c, pp_field_value *v)
{
    if (UR(c)->has_prev_rating && UR(c)->prev_rating >= 0)
        S_text(v, c->m->ratings[UR(c)->prev_rating].id);
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
static void G_f_id(pp_field_ctx *c, pp_field_value *v)
{
    S_text(v, c->m->criteria[c->m->fields[c->field]].id);
}
static void G_f_achieved(pp_field_ctx *c, pp_field_value *v)
{
    S_num(v, UR(c)->field_achieved[c->field]);
}
static void G_f_max(pp_field_ctx *c, pp_field_value *v)
{
    S_num(v, UR(c)->field_max[c->field]);
}
static void G_f_pct(pp_field_ctx *c, pp_field_value *v)
{
    if (UR(c)->field_pct[c->field] >= 0)
        S_num(v, UR(c)->field_pct[c->field]);
}
static void G_f_na(pp_field_ctx *c, pp_field_value *v)
{
    S_true(v, UR(c)->field_pct[c->field] < 0);
}

const pp_field pp_field_fields[] = {
    {"id", NULL, T, 0, G_f_id},
    {"achieved", "field-achieved:", P, 2, G_f_achieved},
    {"max", "field-max:", P, 0, G_f_max},
    {"pct", "pct:", C, 0, G_f_pct},
    {"na", NULL, T, 0, G_f_na},
};

const size_t pp_field_nfields = sizeof pp_field_fields / sizeof pp_field_fields[0];

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
