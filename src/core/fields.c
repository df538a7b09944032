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
#define X PP_FIELD_XML
#define R PP_FIELD_ROWS
#define B PP_FIELD_BOTH

const pp_unit_field pp_unit_fields[] = {
    {"id", T, B, 0, G_id},
    {"name", T, B, 0, G_name},
    {"label", T, B, 0, G_label},
    {"kind", T, B, 0, G_kind},
    {"head", T, B, 0, G_head},
    {"email", T, B, 0, G_email},
    {"slug", T, B, 0, G_slug},
    {"block", T, R, 0, G_block},
    {"block-name", T, R, 0, G_block_name},
    {"seq", I, R, 0, G_seq},
    {"rank", I, B, 0, G_rank},
    {"position", I, X, 0, G_position},
    {"achieved", P, B, 2, G_achieved},
    {"max", P, B, 0, G_max},
    {"index", C, B, 0, G_index},
    {"self", P, B, 2, G_self},
    {"self-index", C, B, 0, G_self_index},
    {"self-gap", P, B, 2, G_self_gap},
    {"tier", I, B, 0, G_tier},
    {"tier-label", T, B, 0, G_tier_label},
    {"rating", T, B, 0, G_rating},
    {"rating-label", T, B, 0, G_rating_label},
    {"demoted", T, B, 0, G_demoted},
    {"demoted-from", T, X, 0, G_demoted_from},
    {"previous-rank", I, B, 0, G_prev_rank},
    {"previous-year", I, B, 0, G_prev_year},
    {"delta", I, B, 0, G_delta},
    {"delta-abs", I, X, 0, G_delta_abs},
    {"delta-signed", T, R, 0, G_delta_signed},
    {"new", T, B, 0, G_new},
    {"previous-index", C, B, 0, G_prev_index},
    {"index-change", C, B, 0, G_index_change},
    {"index-change-abs", C, X, 0, G_index_change_abs},
    {"previous-rating", T, X, 0, G_prev_rating},
    {"flags", T, B, 0, G_flags},
};

const size_t pp_unit_nfields = sizeof pp_unit_fields / sizeof pp_unit_fields[0];

/* See fields.h. */
int pp_field_decimals(const pp_unit_field *f, const pp_model *m,
                      long long x)
{
    if (f->type == PP_FIELD_PCT)
        return m->precision;
    return pp_points_decimals(x, f->min_dec);
}

/* See fields.h. */
int pp_unit_field_find(const char *name, int ch, int *text)
{
    size_t i, l;
    *text = 0;
    for (i = 0; i < pp_unit_nfields; i++) {
        const pp_unit_field *f = &pp_unit_fields[i];
        if (!(f->channels & ch))
            continue;
        if (strcmp(name, f->name) == 0)
            return (int)i;
        l = strlen(f->name);
        if ((f->type == PP_FIELD_POINTS || f->type == PP_FIELD_PCT) &&
            strncmp(name, f->name, l) == 0 && strcmp(name + l, "-text") == 0) {
            *text = 1;
            return (int)i;
        }
    }
    return -1;
}
