/* records.c - data sources of bound rows (records.h). */
#include "data/records.h"
#include "core/fields.h"
#include "core/previous.h"
#include "base/viet.h"

#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Field handles: a kind, and an index times S_KINDS: for U_TABLE the
 * entry of pp_unit_fields (fields.h) times 2, plus 1 for its NAME-text;
 * for U_FTABLE the same of pp_field_fields and the field (f * 2 *
 * pp_field_nfields more); for U_STABLE the entry of pp_score_fields and
 * the leaf (leaf * pp_score_nfields + entry). */
enum {
    /* unit records (units, block) */
    U_TABLE,                              /* fields.h */
    U_FTABLE,                             /* fields.h, NAME:FIELD */
    U_STABLE,                             /* fields.h, NAME:LEAF */
    /* criterion records (criteria) */
    C_ID, C_NAME, C_MAX, C_LEAF, C_DEPTH, C_SOURCE, C_DESCENDANTS, C_SELF,
    C_FINAL, C_APPRAISED, C_NOTE, C_NA, C_APPLICABLE_MAX,
    C_PREV, C_CHANGE, C_NEW, C_PREV_NA,
    /* the scheme's one record (scheme) */
    K_MAX,                                /* max:CRITERION */
    S_KINDS
};

static const char *const S_names[S_KINDS] = {
    "", "", "",
    "id", "name", "max", "leaf", "depth", "source", "descendants", "self",
    "final", "appraised", "note", "na", "applicable-max",
    "previous", "change", "new", "previous-na",
    "max:",
};

/* The criterion records' fields that a leaf takes from pp_score_fields
 * (fields.h), by the same name; and those a parent takes from
 * pp_subtotal_fields. */
static const int S_crit_score[] = {C_SELF, C_FINAL, C_APPRAISED, C_NOTE, C_NA};
#define S_NCRIT_SCORE (sizeof S_crit_score / sizeof S_crit_score[0])
static const int S_crit_sub[] = {C_SELF, C_FINAL, C_APPLICABLE_MAX};
#define S_NCRIT_SUB (sizeof S_crit_sub / sizeof S_crit_sub[0])

typedef enum { S_UNITS, S_CRITERIA, S_SCHEME } S_what;

typedef struct {
    S_what what;
    const int *order; /* unit indices (S_UNITS) */
    long count;
    int unit;         /* S_CRITERIA: whose scores */
    pp_subtotals sub; /* S_CRITERIA: the unit's subtotals (score.h) */
    pp_milli *psub;   /* S_CRITERIA with a previous year: last year's final
                         points per criterion of the previous scheme, -1
                         where none of its leaves applied (prev->ncriteria) */
    int prev_unit;    /* S_CRITERIA: the unit in the previous file, or -1 */
} S_cur;

struct pp_records {
    pp_data_source src;
    const pp_model *m;
    const pp_results *r;
    char **slugs;
    int *seq;         /* per unit: 1-based place in r->order */
    int *desc;        /* per criterion: how many criteria lie below it */
    pp_unit_ref *by_id; /* units sorted by id */
    pp_prev_map pm;   /* last year's file matched to this one (previous.h) */
    pp_field_ctx fc;  /* the table's getters' (fields.h): the last text */
    int crit_score[S_KINDS]; /* per C_ kind of S_crit_score: its entry of
                                pp_score_fields */
    int crit_sub[S_KINDS];   /* per C_ kind of S_crit_sub: its entry of
                                pp_subtotal_fields */
    char text[64];    /* the last number in Vietnamese form */
};

/* Last year's final points of every criterion of the previous scheme
 * for its unit pu, summed over the applicable leaves (score.h's
 * subtotals); -1 where none applied. *out is malloc'd (prev->ncriteria
 * entries). Returns 0, or -1 when out of memory. */
static int S_prev_sub(const pp_model *prev, int pu, pp_milli **out)
{
    size_t i, nc = prev->ncriteria;
    pp_subtotals st;
    pp_milli *p = malloc((nc + 1) * sizeof *p);
    *out = p;
    if (!p || pp_subtotals_compute(prev, pu, &st) != PP_OK)
        return -1;
    for (i = 0; i < nc; i++)
        p[i] = st.applicable[i] > 0 ? st.achieved[i] : -1;
    pp_subtotals_free(&st);
    return 0;
}

/* ---------------------------------------------------------------------
 * The source interface.
 */

/* Open a source; see source.h. */
static pp_status S_open(void *ctx, const char *name, const char *key,
                        void **out, long *count, pp_diags *d)
{
    pp_records *rc = ctx;
    const pp_model *m = rc->m;
    S_cur *c = calloc(1, sizeof *c);
    size_t b;
    *out = NULL;
    if (!c) {
        pp_diag_error(d, NULL, 0, 0, "%s", _("out of memory"));
        return PP_E_NOMEM;
    }
    if (!rc->r && strcmp(name, "criteria") != 0 &&
        strcmp(name, "scheme") != 0) {
        /* a blank appraisal's forms: only the criteria are known */
        pp_diag_error(d, NULL, 0, 0, "source '%.60s' needs scored units",
                      name);
        free(c);
        return PP_E_TEMPLATE;
    }
    if (strcmp(name, "units") == 0) {
        c->what = S_UNITS;
        c->order = rc->r->order;
        c->count = (long)m->nunits;
    } else if (strcmp(name, "block") == 0) {
        for (b = 0; b < m->nblocks; b++)
            if (strcmp(m->blocks[b].id, key) == 0)
                break;
        if (b == m->nblocks) {
            pp_diag_error(d, NULL, 0, 0, "the file has no block '%.60s'",
                          key);
            free(c);
            return PP_E_TEMPLATE;
        }
        c->what = S_UNITS;
        c->order = rc->r->blocks[b].order;
        c->count = rc->r->blocks[b].count;
    } else if (strcmp(name, "criteria") == 0) {
        c->what = S_CRITERIA;
        c->unit = pp_unit_index_find(rc->by_id, m->nunits, key);
        if (c->unit < 0) {
            pp_diag_error(d, NULL, 0, 0, "the file has no unit '%.60s'",
                          key);
            free(c);
            return PP_E_TEMPLATE;
        }
        c->count = (long)m->ncriteria;
        if (pp_subtotals_compute(m, c->unit, &c->sub) != PP_OK) {
            pp_diag_error(d, NULL, 0, 0, "%s", _("out of memory"));
            free(c);
            return PP_E_NOMEM;
        }
        c->prev_unit = rc->pm.prev ? rc->pm.unit[c->unit] : -1;
        if (c->prev_unit >= 0 && S_prev_sub(rc->pm.prev, c->prev_unit, &c->psub)) {
            pp_diag_error(d, NULL, 0, 0, "%s", _("out of memory"));
            pp_subtotals_free(&c->sub);
            free(c->psub);
            free(c);
            return PP_E_NOMEM;
        }
    } else if (strcmp(name, "scheme") == 0) {
        c->what = S_SCHEME;
        c->count = 1;
    } else {
        pp_diag_error(d, NULL, 0, 0, "%s",
                      _("no such source (units, block, criteria, scheme)"));
        free(c);
        return PP_E_TEMPLATE;
    }
    *out = c;
    *count = c->count;
    return PP_OK;
}

static void S_close(void *ctx, void *cur)
{
    S_cur *c = cur;
    (void)ctx;
    if (c) {
        pp_subtotals_free(&c->sub);
        free(c->psub);
    }
    free(c);
}

/* Index of the leaf (leaves = 1) or field with this id, or -1. */
static int S_find(const pp_model *m, const char *id, int leaves)
{
    size_t i, n = leaves ? m->nleaves : m->nfields;
    const int *ix = leaves ? m->leaves : m->fields;
    for (i = 0; i < n; i++)
        if (strcmp(m->criteria[ix[i]].id, id) == 0)
            return (int)i;
    return -1;
}

/* A field name into a handle; see xlsx.h. */
static int S_field(void *ctx, void *cur, const char *name)
{
    pp_records *rc = ctx;
    S_cur *c = cur;
    int k;
    if (c->what == S_SCHEME) { /* max:C, C any criterion */
        size_t i, l = strlen(S_names[K_MAX]);
        if (strncmp(name, S_names[K_MAX], l) != 0)
            return -1;
        for (i = 0; i < rc->m->ncriteria; i++)
            if (strcmp(rc->m->criteria[i].id, name + l) == 0)
                return K_MAX + (int)i * S_KINDS;
        return -1;
    }
    if (c->what == S_UNITS) {
        const char *colon = strchr(name, ':');
        int text, f = pp_field_find(pp_unit_fields, pp_unit_nfields, name,
                                    &text);
        if (f >= 0)
            return U_TABLE + (f * 2 + text) * S_KINDS;
        if (colon) {
            char pre[64];
            int ix;
            snprintf(pre, sizeof pre, "%.*s", (int)(colon - name + 1), name);
            f = pp_field_find(pp_field_fields, pp_field_nfields, pre, &text);
            ix = f < 0 ? -1 : S_find(rc->m, colon + 1, 0);
            if (ix >= 0)
                return U_FTABLE +
                       ((ix * (int)pp_field_nfields + f) * 2 + text) * S_KINDS;
            f = pp_field_find(pp_score_fields, pp_score_nfields, pre, &text);
            if (f < 0)
                return -1;
            ix = S_find(rc->m, colon + 1, 1);
            return ix < 0 ? -1
                          : U_STABLE +
                                (ix * (int)pp_score_nfields + f) * S_KINDS;
        }
        return -1;
    }
    for (k = C_ID; k < K_MAX; k++) /* criterion records */
        if (strcmp(name, S_names[k]) == 0)
            return k;
    return -1;
}

static void S_num(pp_value *v, pp_milli x)
{
    v->kind = PP_V_NUMBER;
    v->milli = x;
}

static void S_int(pp_value *v, long long x)
{
    v->kind = PP_V_NUMBER;
    v->milli = (pp_milli)x * 1000;
}

static void S_text(pp_value *v, const char *s)
{
    if (s) {
        v->kind = PP_V_TEXT;
        v->text = s;
    }
}

/* Field f of a table of fields.h for the unit (and field) set in
 * rc->fc: its value, or with `text` its NAME-text by its text policy. */
static void S_table(pp_records *rc, const pp_field *f, int text,
                    pp_value *v)
{
    pp_field_value fv = {0, NULL, 0};
    f->get(&rc->fc, &fv);
    if (!fv.present)
        return;
    if (f->type == PP_FIELD_TEXT)
        S_text(v, fv.text);
    else if (f->type == PP_FIELD_INT)
        S_int(v, fv.n);
    else if (text)
        S_text(v, pp_fmt_decimal(rc->text, sizeof rc->text, fv.n, 3,
                                 pp_field_decimals(f, rc->m, fv.n)));
    else
        S_num(v, fv.n);
}

/* A unit record's field. */
static void S_get_unit(pp_records *rc, int ui, int kind, int ix,
                       pp_value *v)
{
    switch (kind) {
    case U_TABLE:
        rc->fc.unit = ui;
        S_table(rc, &pp_unit_fields[ix / 2], ix % 2, v);
        break;
    case U_FTABLE:
        rc->fc.unit = ui;
        rc->fc.field = ix / 2 / (int)pp_field_nfields;
        S_table(rc, &pp_field_fields[ix / 2 % (int)pp_field_nfields], ix % 2, v);
        break;
    case U_STABLE:
        rc->fc.unit = ui;
        rc->fc.leaf = ix / (int)pp_score_nfields;
        S_table(rc, &pp_score_fields[ix % (int)pp_score_nfields], 0, v);
        break;
    default: break;
    }
}

/* A criterion record's field. */
static void S_get_crit(pp_records *rc, const S_cur *c, int ci, int kind,
                       pp_value *v)
{
    const pp_model *m = rc->m;
    const pp_criterion *cr = &m->criteria[ci];
    const pp_score *s = cr->leaf >= 0 ? &m->units[c->unit].scores[cr->leaf] : NULL;
    if (s && rc->crit_score[kind] >= 0) { /* a leaf's score (fields.h) */
        rc->fc.unit = c->unit;
        rc->fc.leaf = cr->leaf;
        S_table(rc, &pp_score_fields[rc->crit_score[kind]], 0, v);
        return;
    }
    if (!s && rc->crit_sub[kind] >= 0) { /* a parent's subtotal (fields.h) */
        rc->fc.sub = &c->sub;
        rc->fc.crit = ci;
        S_table(rc, &pp_subtotal_fields[rc->crit_sub[kind]], 0, v);
        return;
    }
    switch (kind) {
    case C_ID: S_text(v, cr->id); break;
    case C_NAME: S_text(v, cr->name); break;
    case C_MAX: S_num(v, cr->max); break;
    case C_LEAF: if (cr->leaf >= 0) S_text(v, "true"); break;
    case C_DEPTH: S_int(v, cr->depth); break;
    case C_SOURCE:
        S_text(v, cr->source == PP_SOURCE_SURVEY ? "survey"
                  : cr->source == PP_SOURCE_SELF ? "self"
                  : cr->source == PP_SOURCE_APPRAISAL ? "appraisal" : NULL);
        break;
    case C_DESCENDANTS: S_int(v, rc->desc[ci]); break;
    /* a leaf's applicable maximum (a parent's is its subtotal, above) */
    case C_APPLICABLE_MAX:
        if (s && pp_score_applies(s)) S_num(v, cr->max);
        break;
    case C_PREV:
    case C_CHANGE:
    case C_PREV_NA: {
        int pc = rc->pm.prev ? rc->pm.crit[ci] : -1;
        pp_milli p = pc >= 0 && c->psub ? c->psub[pc] : -1, now;
        if (pc < 0 || !c->psub)
            break;
        if (kind == C_PREV_NA) {
            if (p < 0) S_text(v, "true");
            break;
        }
        if (p < 0)
            break;
        if (kind == C_PREV) {
            S_num(v, p);
            break;
        }
        if (s && s->na)
            break;
        now = s ? pp_score_final(s) : c->sub.achieved[ci];
        S_num(v, now - p);
        break;
    }
    case C_NEW:
        if (rc->pm.prev && rc->pm.crit[ci] < 0) S_text(v, "true");
        break;
    default: break;
    }
}

/* Record rec's field h; see xlsx.h. */
static void S_get(void *ctx, void *cur, long rec, int h, pp_value *v)
{
    pp_records *rc = ctx;
    const S_cur *c = cur;
    v->kind = PP_V_NONE;
    v->text = NULL;
    v->milli = 0;
    if (rec < 0 || rec >= c->count || h < 0)
        return;
    if (c->what == S_UNITS)
        S_get_unit(rc, c->order[rec], h % S_KINDS, h / S_KINDS, v);
    else if (c->what == S_SCHEME) /* K_MAX: the criterion's maximum */
        S_num(v, rc->m->criteria[h / S_KINDS].max);
    else
        S_get_crit(rc, c, (int)rec, h % S_KINDS, v);
}

/* ---------------------------------------------------------------------
 * Public.
 */

/* See records.h. */
pp_records *pp_records_new(const pp_model *m, const pp_results *r,
                           char **slugs)
{
    pp_records *rc = calloc(1, sizeof *rc);
    size_t i;
    if (!rc)
        return NULL;
    rc->m = m;
    rc->r = r;
    rc->slugs = slugs;
    rc->seq = calloc(m->nunits + 1, sizeof *rc->seq);
    rc->by_id = pp_unit_index(m);
    rc->desc = calloc(m->ncriteria + 1, sizeof *rc->desc);
    if (!rc->seq || !rc->by_id || !rc->desc) {
        pp_records_free(rc);
        return NULL;
    }
    if (r && pp_prev_map_init(&rc->pm, m, r->prev_model) != PP_OK) {
        pp_records_free(rc);
        return NULL;
    }
    for (i = 0; r && i < m->nunits; i++)
        rc->seq[r->order[i]] = (int)i + 1;
    /* criteria are in pre-order: every one adds 1 to each ancestor */
    for (i = 0; i < m->ncriteria; i++) {
        int p;
        for (p = m->criteria[i].parent; p >= 0; p = m->criteria[p].parent)
            rc->desc[p]++;
    }
    rc->fc.m = m;
    rc->fc.r = r;
    rc->fc.slugs = slugs;
    rc->fc.seq = rc->seq;
    rc->fc.pv = &rc->pm;
    for (i = 0; i < S_KINDS; i++)
        rc->crit_score[i] = rc->crit_sub[i] = -1;
    for (i = 0; i < S_NCRIT_SCORE; i++) {
        char n[32];
        int text;
        snprintf(n, sizeof n, "%s:", S_names[S_crit_score[i]]);
        rc->crit_score[S_crit_score[i]] =
            pp_field_find(pp_score_fields, pp_score_nfields, n, &text);
    }
    for (i = 0; i < S_NCRIT_SUB; i++) {
        int text;
        rc->crit_sub[S_crit_sub[i]] = pp_field_find(
            pp_subtotal_fields, pp_subtotal_nfields, S_names[S_crit_sub[i]],
            &text);
    }
    rc->src.ctx = rc;
    rc->src.open = S_open;
    rc->src.close = S_close;
    rc->src.field = S_field;
    rc->src.get = S_get;
    return rc;
}

const pp_data_source *pp_records_source(pp_records *rc)
{
    return &rc->src;
}

void pp_records_free(pp_records *rc)
{
    if (!rc)
        return;
    free(rc->seq);
    free(rc->by_id);
    free(rc->desc);
    pp_prev_map_free(&rc->pm);
    free(rc);
}
