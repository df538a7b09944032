/* bound.c - bound rows shared by the renderers (bound.h). */
#include "data/bound.h"
#include "data/desc.h"
#include "base/viet.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define F_NONE (-1)    /* no field given */
#define F_ROW (-2)     /* pseudo-fields: the 1-based row of the record */
#define F_POS (-3)     /* and its 1-based place in the source */
#define F_UNKNOWN (-4) /* a name the source has not (reported): absent */
#define F_MARKED (-5)  /* its id equals the mark of <rows> */

/* See bound.h. */
long pp_bound_open(pp_bound *b, const pp_data_source *src, xmlNodePtr n,
                   long first, pp_diags *d, const char *path,
                   const char *what)
{
    const char *name = pp_desc_attr(n, "source"), *key = pp_desc_attr(n, "key");
    pp_diags why = {0};
    memset(b, 0, sizeof *b);
    b->src = src;
    b->first = first;
    b->d = d;
    b->path = path;
    b->what = what;
    b->mark_field = -1;
    if (!src) {
        pp_diag_error(d, path, 0, 0,
                      "%s description line %ld: <rows> needs a data source, "
                      "and this %s has none",
                      what, (long)xmlGetLineNo(n), what);
        b->bad = 1;
        return -1;
    }
    if (src->open(src->ctx, name ? name : "", key ? key : "", &b->cur,
                  &b->count, &why) != PP_OK) {
        pp_diag_error(d, path, 0, 0,
                      "%s description line %ld: <rows source=\"%s\" "
                      "key=\"%s\">: %s",
                      what, (long)xmlGetLineNo(n), name ? name : "",
                      key ? key : "",
                      why.len ? why.items[0].message : "no such source");
        pp_diags_free(&why);
        b->count = -1;
        b->bad = 1;
        b->cur = NULL;
        b->src = NULL;
        return -1;
    }
    b->mark = pp_desc_attr(n, "mark");
    b->mark_field = src->field(src->ctx, b->cur, "id");
    return b->count;
}

void pp_bound_close(pp_bound *b)
{
    if (b->src)
        b->src->close(b->src->ctx, b->cur);
    b->src = NULL;
    b->cur = NULL;
}

/* A field reference of a template: a handle or a pseudo-field, or
 * F_UNKNOWN with an error recorded once. */
static int S_field(pp_bound *b, const char *name, xmlNodePtr at)
{
    int h;
    if (strcmp(name, "row") == 0)
        return F_ROW;
    if (strcmp(name, "pos") == 0)
        return F_POS;
    if (strcmp(name, "marked") == 0)
        return F_MARKED;
    h = b->src->field(b->src->ctx, b->cur, name);
    if (h < 0 && !b->bad) {
        pp_diag_error(b->d, b->path, 0, 0,
                      "%s description line %ld: <rows> source has no "
                      "field '%s'",
                      b->what, (long)xmlGetLineNo(at), name);
        b->bad = 1;
    }
    return h < 0 ? F_UNKNOWN : h;
}

/* Value of field h of record rec (pseudo-fields included; none and
 * unknown fields are absent). */
static void S_get(pp_bound *b, long rec, int h, pp_value *v)
{
    v->kind = PP_V_NONE;
    v->text = NULL;
    v->milli = 0;
    if (h == F_NONE || h == F_UNKNOWN)
        return;
    if (h == F_MARKED) {
        pp_value id;
        if (b->mark && b->mark_field >= 0) {
            b->src->get(b->src->ctx, b->cur, rec, b->mark_field, &id);
            if (id.kind == PP_V_TEXT && strcmp(id.text, b->mark) == 0) {
                v->kind = PP_V_TEXT;
                v->text = "true";
            }
        }
        return;
    }
    if (h == F_ROW || h == F_POS) {
        v->kind = PP_V_NUMBER;
        v->milli = 1000 * (h == F_ROW ? (int64_t)(b->first + rec) + 1
                                      : (int64_t)rec + 1);
        return;
    }
    b->src->get(b->src->ctx, b->cur, rec, h, v);
}

/* See bound.h. */
double pp_bound_vnum(const pp_value *v)
{
    return v->kind == PP_V_NUMBER ? (double)v->milli / 1000.0
           : v->kind == PP_V_TEXT ? strtod(v->text, NULL) : 0;
}

/* A value in thousandths: a number as it is, a text parsed to the nearest
 * thousandth, an absent value 0. */
static int64_t S_vmilli(const pp_value *v)
{
    return v->kind == PP_V_NUMBER ? v->milli
           : v->kind == PP_V_TEXT ? (int64_t)llround(strtod(v->text, NULL) * 1000)
                                  : 0;
}

/* See bound.h. */
int pp_bound_numtext(char *buf, size_t cap, int64_t milli, int comma)
{
    char *dot;
    pp_fmt_points(buf, cap, milli);
    if (comma && (dot = strchr(buf, '.')) != NULL)
        *dot = ',';
    return (int)strlen(buf);
}

/* Does a condition hold: the field is present (a number, or a text that
 * is neither empty nor "false"), or equals eq when given. */
static int S_holds(const pp_value *v, const char *eq)
{
    char buf[64];
    if (eq) {
        if (v->kind == PP_V_TEXT)
            return strcmp(v->text, eq) == 0;
        if (v->kind == PP_V_NUMBER) {
            pp_bound_numtext(buf, sizeof buf, v->milli, 0);
            return strcmp(buf, eq) == 0;
        }
        return *eq == 0;
    }
    if (v->kind == PP_V_NUMBER)
        return 1;
    return v->kind == PP_V_TEXT && v->text[0] && strcmp(v->text, "false") != 0;
}

/* Compile a condition attribute: terms "FIELD" or "FIELD=VALUE"
 * separated by spaces. Returns -1 when out of memory. */
static int S_cond_attr(pp_bound *b, xmlNodePtr c, const char *k, int *field,
                       char **eq)
{
    const char *v = pp_desc_attr(c, k);
    int n = 0;
    field[0] = F_NONE;
    while (v && *v && n < PP_BOUND_MAXCOND) {
        size_t len = strcspn(v, " \t\n"), nl;
        char term[256], *e;
        if (!len) {
            v++;
            continue;
        }
        snprintf(term, sizeof term, "%.*s", (int)len, v);
        e = strchr(term, '=');
        nl = e ? (size_t)(e - term) : strlen(term);
        term[nl] = 0;
        field[n] = S_field(b, term, c);
        eq[n] = e ? strdup(e + 1) : NULL;
        if (e && !eq[n])
            return -1;
        n++;
        v += len;
    }
    if (n < PP_BOUND_MAXCOND)
        field[n] = F_NONE;
    return 0;
}

/* See bound.h. */
int pp_bound_cell_compile(pp_bound *b, xmlNodePtr c, pp_bound_cell *tc)
{
    const char *fld = pp_desc_attr(c, "field");
    xmlNodePtr k;
    int n = 0;
    memset(tc, 0, sizeof *tc);
    tc->node = c;
    tc->v = pp_desc_attr(c, "v");
    tc->vfield = fld ? S_field(b, fld, c) : F_NONE;
    tc->capital = pp_desc_bool(c, "capital");
    if (S_cond_attr(b, c, "if", tc->cond[0], tc->eq[0]) != 0 ||
        S_cond_attr(b, c, "unless", tc->cond[1], tc->eq[1]) != 0)
        return -1;
    for (k = c->children; k; k = k->next)
        n++;
    tc->pieces = calloc((size_t)n + 1, sizeof *tc->pieces);
    if (!tc->pieces)
        return -1;
    for (k = c->children; k; k = k->next) {
        pp_bound_piece *p = &tc->pieces[tc->npieces];
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
            p->lit = (const char *)k->content;
            tc->npieces++;
        } else if (pp_desc_is(k, "field")) {
            const char *nm = pp_desc_attr(k, "name"), *pl = pp_desc_attr(k, "plus");
            const char *ad = pp_desc_attr(k, "add");
            p->field = S_field(b, nm ? nm : "", k);
            p->plus = pl ? S_field(b, pl, k) : F_NONE;
            p->add = ad ? strtol(ad, NULL, 10) : 0;
            tc->npieces++;
        }
    }
    return b->bad ? -1 : 0;
}

void pp_bound_cell_free(pp_bound_cell *tc)
{
    int j, k;
    free(tc->pieces);
    for (j = 0; j < 2; j++)
        for (k = 0; k < PP_BOUND_MAXCOND; k++)
            free(tc->eq[j][k]);
    memset(tc, 0, sizeof *tc);
}

/* See bound.h. */
int pp_bound_cell_holds(pp_bound *b, const pp_bound_cell *tc, long rec)
{
    int i, j;
    pp_value v;
    for (i = 0; i < 2; i++)
        for (j = 0; j < PP_BOUND_MAXCOND && tc->cond[i][j] != F_NONE; j++) {
            S_get(b, rec, tc->cond[i][j], &v);
            if (S_holds(&v, tc->eq[i][j]) != (i == 0))
                return 0;
        }
    return 1;
}

/* See bound.h. */
void pp_bound_cell_value(pp_bound *b, const pp_bound_cell *tc, long rec,
                         pp_value *v)
{
    S_get(b, rec, tc->vfield, v);
    if (tc->vfield == F_NONE && tc->v) {
        v->kind = PP_V_TEXT;
        v->text = tc->v;
    }
}

/* See bound.h. */
const char *pp_bound_cell_text(pp_bound *b, const pp_bound_cell *tc,
                               long rec, char *buf, size_t cap)
{
    size_t len = 0;
    int i;
    buf[0] = 0;
    for (i = 0; i < tc->npieces; i++) {
        const pp_bound_piece *p = &tc->pieces[i];
        pp_value v;
        int n = 0;
        if (len >= cap - 1)
            break;
        if (p->lit) {
            n = snprintf(buf + len, cap - len, "%s", p->lit);
        } else {
            int sum = p->add || p->plus != F_NONE;
            S_get(b, rec, p->field, &v);
            if (v.kind == PP_V_TEXT && !sum) {
                n = snprintf(buf + len, cap - len, "%s", v.text);
            } else if (v.kind != PP_V_NONE || sum) {
                int64_t x = S_vmilli(&v);
                if (p->plus != F_NONE) {
                    pp_value q;
                    S_get(b, rec, p->plus, &q);
                    x += S_vmilli(&q);
                }
                n = pp_bound_numtext(buf + len, cap - len,
                                     x + 1000 * (int64_t)p->add, b->comma);
            }
        }
        if (n > 0)
            len += (size_t)n < cap - len ? (size_t)n : cap - len - 1;
    }
    return buf;
}

/* buf's first letter upper case, in place (pp_capital_first; what no
 * longer fits in cap, when the capital's UTF-8 is longer, dropped at a
 * character's boundary; buf left as it is when not even the capital
 * fits). */
static void S_capital(char *buf, size_t cap)
{
    char *up = buf[0] ? pp_capital_first(buf) : NULL;
    size_t len, first = 1;
    if (!up)
        return;
    while (up[first] && ((unsigned char)up[first] & 0xc0) == 0x80)
        first++;
    len = strlen(up);
    if (len >= cap) { /* cut at a character's boundary */
        len = cap - 1;
        while (len && ((unsigned char)up[len] & 0xc0) == 0x80)
            len--;
    }
    if (len >= first) {
        memcpy(buf, up, len);
        buf[len] = 0;
    }
    free(up);
}

/* See bound.h. */
const char *pp_bound_cell_string(pp_bound *b, const pp_bound_cell *tc,
                                 long rec, char *buf, size_t cap)
{
    pp_value v;
    if (tc->vfield == F_NONE && (!tc->v || tc->npieces)) {
        pp_bound_cell_text(b, tc, rec, buf, cap);
    } else {
        pp_bound_cell_value(b, tc, rec, &v);
        if (v.kind == PP_V_NUMBER)
            pp_bound_numtext(buf, cap, v.milli, b->comma);
        else if (v.kind == PP_V_TEXT)
            snprintf(buf, cap, "%s", v.text);
        else
            return NULL;
    }
    if (tc->capital)
        S_capital(buf, cap);
    return buf;
}
