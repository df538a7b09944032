/* results.c - the scored results as XML (see results.h, docs/results.md). */
#include "parpack/results.h"
#include "parpack/version.h"
#include "parpack/viet.h"

#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X(s) ((const xmlChar *)(s))

/* Set an attribute (skipped when v is NULL). */
static void S_set(xmlNodePtr n, const char *k, const char *v)
{
    if (v)
        xmlNewProp(n, X(k), X(v));
}

static void S_set_int(xmlNodePtr n, const char *k, long long v)
{
    char b[32];
    snprintf(b, sizeof b, "%lld", v);
    xmlNewProp(n, X(k), X(b));
}

/* A percentage (thousandths, rounded to p): k="87.49" k-text="87,49". */
static void S_set_pct(xmlNodePtr n, const char *k, pp_milli v, int p)
{
    char b[48], key[64];
    xmlNewProp(n, X(k), X(pp_fmt_plain(b, sizeof b, v, 3, p)));
    snprintf(key, sizeof key, "%s-text", k);
    xmlNewProp(n, X(key), X(pp_fmt_decimal(b, sizeof b, v, 3, p)));
}

/* Points (thousandths) with as many decimals as they need (at least
 * `min_dec`): 82580 -> "82.58" and "82,58". */
static void S_set_pts(xmlNodePtr n, const char *k, pp_milli v, int min_dec)
{
    char b[48], key[64];
    int dec = pp_points_decimals(v, min_dec);
    xmlNewProp(n, X(k), X(pp_fmt_plain(b, sizeof b, v, 3, dec)));
    snprintf(key, sizeof key, "%s-text", k);
    xmlNewProp(n, X(key), X(pp_fmt_decimal(b, sizeof b, v, 3, dec)));
}

/* Points as a plain decimal only (per-criterion figures, many thousands
 * in a national file: templates format them with pp:decimal if needed). */
static void S_set_plain(xmlNodePtr n, const char *k, pp_milli v)
{
    char b[48];
    xmlNewProp(n, X(k), X(pp_fmt_points(b, sizeof b, v)));
}

/* Money: k="710000" k-text="710.000" k-words="Bảy trăm mười nghìn đồng". */
static void S_set_money(xmlNodePtr n, const char *k, int64_t v)
{
    char b[48], key[64], *w;
    S_set_int(n, k, v);
    snprintf(key, sizeof key, "%s-text", k);
    xmlNewProp(n, X(key), X(pp_fmt_money(b, sizeof b, v)));
    snprintf(key, sizeof key, "%s-words", k);
    w = pp_money_words(v, &PP_WORDS_DEFAULT);
    if (w)
        xmlNewProp(n, X(key), X(w));
    free(w);
}

static void S_set_count(xmlNodePtr n, const char *k, long long v)
{
    char key[64], *w;
    S_set_int(n, k, v);
    snprintf(key, sizeof key, "%s-words", k);
    w = pp_number_words(v, &PP_WORDS_DEFAULT);
    if (w)
        xmlNewProp(n, X(key), X(w));
    free(w);
}

static const char *S_source(pp_source s)
{
    switch (s) {
    case PP_SOURCE_SELF: return "self";
    case PP_SOURCE_APPRAISAL: return "appraisal";
    case PP_SOURCE_SURVEY: return "survey";
    default: return NULL;
    }
}

/* The file's header: issuer, announcement, scheme, tiers, ratings, flags. */
static void S_header(xmlNodePtr root, const pp_model *m, const pp_results *r,
                     int criteria)
{
    xmlNodePtr n, c;
    char b[128];
    size_t i;

    S_set(root, "format", "1");
    S_set(root, "generator", "parpack " PP_VERSION);
    S_set_int(root, "year", m->year);
    S_set_int(root, "precision", m->precision);
    if (r->prev_year)
        S_set_int(root, "previous-year", r->prev_year);

    n = xmlNewChild(root, NULL, X("issuer"), NULL);
    S_set(n, "parent", m->issuer_parent);
    S_set(n, "name", m->issuer_name);
    S_set(n, "symbol", m->issuer_symbol);
    S_set(n, "place", m->issuer_place);
    S_set(n, "email", m->issuer_email);
    c = xmlNewChild(n, NULL, X("signer"), NULL);
    S_set(c, "authority", m->signer.authority);
    S_set(c, "capacity", m->signer.capacity);
    S_set(c, "title", m->signer.title);
    S_set(c, "name", m->signer.name);
    if (m->nrecipients) {
        xmlNodePtr rc = xmlNewChild(n, NULL, X("recipients"), NULL);
        for (i = 0; i < m->nrecipients; i++)
            xmlNewTextChild(rc, NULL, X("to"), X(m->recipients[i]));
    }

    n = xmlNewChild(root, NULL, X("announcement"), NULL);
    if (m->ann_year) {
        snprintf(b, sizeof b, "%04d-%02d-%02d", m->ann_year, m->ann_month,
                 m->ann_day);
        S_set(n, "date", b);
        S_set_int(n, "year", m->ann_year);
        S_set_int(n, "month", m->ann_month);
        S_set_int(n, "day", m->ann_day);
        S_set(n, "date-text",
              pp_fmt_date(b, sizeof b, m->ann_year, m->ann_month, m->ann_day, 0));
        S_set(n, "date-legal",
              pp_fmt_date(b, sizeof b, m->ann_year, m->ann_month, m->ann_day, 1));
        snprintf(b, sizeof b, "%02d/%02d/%04d", m->ann_day, m->ann_month,
                 m->ann_year);
        S_set(n, "date-short", b);
    }
    S_set(n, "number", m->ann_number);

    n = xmlNewChild(root, NULL, X("scheme"), NULL);
    S_set(n, "title", m->scheme_title);
    S_set_pts(n, "max", m->scheme_max, 0);
    S_set_int(n, "fields", (long long)m->nfields);
    S_set_int(n, "leaves", (long long)m->nleaves);
    S_set_int(n, "criteria", (long long)m->ncriteria);
    for (i = 0; i < m->ncriteria; i++) {
        const pp_criterion *cr = &m->criteria[i];
        size_t last = i;
        if (!criteria && cr->depth > 0)
            continue;
        /* pre-order: the subtree runs to the next node no deeper */
        while (last + 1 < m->ncriteria &&
               m->criteria[last + 1].depth > cr->depth)
            last++;
        c = xmlNewChild(n, NULL, X(cr->depth ? "criterion" : "field"), NULL);
        S_set_int(c, "n", (long long)i + 1);
        S_set_int(c, "last", (long long)last + 1);
        if (cr->leaf >= 0)
            S_set_int(c, "leaf-n", cr->leaf + 1);
        S_set(c, "id", cr->id);
        S_set(c, "name", cr->name);
        S_set_pts(c, "max", cr->max, 0);
        S_set_int(c, "depth", cr->depth);
        S_set(c, "field", m->criteria[m->fields[cr->field]].id);
        if (cr->parent >= 0)
            S_set(c, "parent", m->criteria[cr->parent].id);
        S_set(c, "leaf", cr->leaf >= 0 ? "true" : "false");
        S_set(c, "source", S_source(cr->source));
    }

    n = xmlNewChild(root, NULL, X("tiers"), NULL);
    for (i = 0; i < m->ntiers; i++) {
        c = xmlNewChild(n, NULL, X("tier"), NULL);
        S_set_int(c, "n", (long long)i + 1);
        S_set_pct(c, "min", m->tiers[i].min, 0);
        if (i > 0)
            S_set_pct(c, "below", m->tiers[i - 1].min, 0);
        S_set(c, "label", m->tiers[i].label);
        S_set_count(c, "count", r->tier_counts[i]);
    }
    n = xmlNewChild(root, NULL, X("ratings"), NULL);
    for (i = 0; i < m->nratings; i++) {
        const pp_rating *rt = &m->ratings[i];
        c = xmlNewChild(n, NULL, X("rating"), NULL);
        S_set_int(c, "n", (long long)i + 1);
        S_set(c, "id", rt->id);
        S_set(c, "label", rt->label);
        S_set_pct(c, "min", rt->min, 0);
        if (rt->has_field_min)
            S_set_pct(c, "field-min", rt->field_min, 0);
        S_set_count(c, "count", r->rating_counts[i]);
        if (r->prev_rating_counts) {
            S_set_count(c, "previous-count", r->prev_rating_counts[i]);
            S_set_int(c, "change",
                      r->rating_counts[i] - r->prev_rating_counts[i]);
        }
    }
    n = xmlNewChild(root, NULL, X("flags"), NULL);
    for (i = 0; i < m->nflags; i++) {
        const pp_flag *fl = &m->flags[i];
        size_t u, cnt = 0;
        for (u = 0; u < m->nunits; u++)
            cnt += r->units[u].flagged[i];
        c = xmlNewChild(n, NULL, X("flag"), NULL);
        S_set(c, "id", fl->id);
        S_set(c, "label", fl->label);
        if (fl->field >= 0) {
            S_set(c, "field", m->criteria[m->fields[fl->field]].id);
            S_set(c, "field-name", m->criteria[m->fields[fl->field]].name);
        }
        S_set_pct(c, "below", fl->below, 0);
        S_set_count(c, "count", (long long)cnt);
    }
    n = xmlNewChild(root, NULL, X("summary"), NULL);
    S_set_count(n, "units", (long long)m->nunits);
    S_set_int(n, "blocks", (long long)m->nblocks);
    S_set(n, "has-blocks", m->has_blocks ? "true" : "false");
    S_set_pct(n, "mean", r->mean, m->precision);
}

/* A unit's criterion scores and the exact subtotals of every parent
 * criterion, as children of its <unit> element. */
static void S_unit_scores(xmlNodePtr n, const pp_model *m, int ui)
{
    const pp_unit *u = &m->units[ui];
    xmlNodePtr c;
    size_t k;
        /* exact subtotals of every parent criterion, for the score sheet */
        size_t nc = m->ncriteria, q;
        pp_milli *acc = calloc(nc * 4 + 1, sizeof *acc);
        if (acc) {
            pp_milli *sf = acc + nc, *mx = acc + 2 * nc, *am = acc + 3 * nc;
            for (k = 0; k < m->nleaves; k++) {
                const pp_score *s = &u->scores[k];
                int ci = m->leaves[k];
                pp_milli fin = s->has_appraised ? s->appraised : s->self;
                for (; ci >= 0; ci = m->criteria[ci].parent) {
                    mx[ci] += m->criteria[m->leaves[k]].max;
                    if (s->na)
                        continue;
                    acc[ci] += fin;
                    sf[ci] += s->has_self ? s->self : fin;
                    am[ci] += m->criteria[m->leaves[k]].max;
                }
            }
            for (q = 0; q < nc; q++) {
                if (m->criteria[q].leaf >= 0)
                    continue;
                c = xmlNewChild(n, NULL, X("subtotal"), NULL);
                S_set(c, "c", m->criteria[q].id);
                S_set_plain(c, "achieved", acc[q]);
                S_set_plain(c, "self", sf[q]);
                S_set_plain(c, "max", mx[q]);
                S_set_plain(c, "applicable-max", am[q]);
            }
            free(acc);
        }
        for (k = 0; k < m->nleaves; k++) {
            const pp_score *s = &u->scores[k];
            const pp_criterion *cr = &m->criteria[m->leaves[k]];
            c = xmlNewChild(n, NULL, X("score"), NULL);
            S_set(c, "c", cr->id);
            if (s->na) {
                S_set(c, "na", "true");
                continue;
            }
            if (s->has_self)
                S_set_plain(c, "self", s->self);
            if (s->has_appraised)
                S_set_plain(c, "appraised", s->appraised);
            S_set_plain(c, "final", s->has_appraised ? s->appraised : s->self);
            if (s->note)
                S_set(c, "note", s->note);
        }
}

/* One unit; with its criterion scores when `scores`. */
static xmlNodePtr S_unit(xmlNodePtr parent, const pp_model *m,
                         const pp_results *r, int ui, int scores,
                         const char *slug)
{
    const pp_unit *u = &m->units[ui];
    const pp_unit_result *ur = &r->units[ui];
    xmlNodePtr n = xmlNewChild(parent, NULL, X("unit"), NULL), c;
    size_t f, k;
    int p = m->precision;
    char fl[512];
    size_t fll = 0;

    S_set(n, "id", u->id);
    S_set(n, "name", u->name);
    S_set(n, "kind", u->kind);
    S_set(n, "head", u->head);
    S_set(n, "email", u->email);
    S_set(n, "slug", slug);
    S_set_int(n, "rank", ur->rank);
    S_set_int(n, "position", ur->position + 1);
    S_set_pts(n, "achieved", ur->achieved, 2);
    S_set_pts(n, "max", ur->max, 0);
    S_set_pct(n, "index", ur->index, p);
    S_set_pts(n, "self", ur->self, 2);
    S_set_pct(n, "self-index", ur->self_index, p);
    S_set_pts(n, "self-gap", ur->self - ur->achieved, 2);
    S_set_int(n, "tier", ur->tier + 1);
    S_set(n, "tier-label", m->tiers[ur->tier].label);
    S_set(n, "rating", m->ratings[ur->rating].id);
    S_set(n, "rating-label", m->ratings[ur->rating].label);
    if (ur->demoted) {
        S_set(n, "demoted", "true");
        S_set(n, "demoted-from", m->ratings[ur->demoted_from].id);
    }
    if (ur->has_prev) {
        S_set_int(n, "previous-rank", ur->prev_rank);
        S_set_int(n, "previous-year", ur->prev_year);
        S_set_int(n, "delta", ur->delta);
        S_set_int(n, "delta-abs", ur->delta < 0 ? -ur->delta : ur->delta);
    } else {
        S_set(n, "new", "true");
    }
    if (ur->has_prev_index) {
        S_set_pct(n, "previous-index", ur->prev_index, p);
        S_set_pct(n, "index-change", ur->index_delta, p);
        S_set_pct(n, "index-change-abs",
                  ur->index_delta < 0 ? -ur->index_delta : ur->index_delta, p);
    }
    if (ur->has_prev_rating && ur->prev_rating >= 0)
        S_set(n, "previous-rating", m->ratings[ur->prev_rating].id);
    fl[0] = 0;
    for (k = 0; k < m->nflags; k++)
        if (ur->flagged[k])
            fll += (size_t)snprintf(fl + fll, fll < sizeof fl ? sizeof fl - fll : 0,
                                    "%s%s", fll ? " " : "", m->flags[k].id);
    if (fll)
        S_set(n, "flags", fl);
    for (f = 0; f < m->nfields; f++) {
        c = xmlNewChild(n, NULL, X("field"), NULL);
        S_set(c, "id", m->criteria[m->fields[f]].id);
        S_set_pts(c, "achieved", ur->field_achieved[f], 2);
        S_set_pts(c, "max", ur->field_max[f], 0);
        if (ur->field_pct[f] >= 0)
            S_set_pct(c, "pct", ur->field_pct[f], p);
        else
            S_set(c, "na", "true");
    }
    if (scores)
        S_unit_scores(n, m, ui);
    return n;
}

/* A block's element with its statistics. */
static xmlNodePtr S_block(xmlNodePtr root, const pp_model *m,
                          const pp_results *r, size_t b)
{
    const pp_block_result *br = &r->blocks[b];
    xmlNodePtr n = xmlNewChild(root, NULL, X("block"), NULL), c;
    size_t k;
    int p = m->precision;
    S_set(n, "id", m->blocks[b].id);
    S_set(n, "name", m->blocks[b].name);
    S_set_count(n, "count", br->count);
    S_set_pct(n, "mean", br->mean, p);
    S_set_pct(n, "highest", br->highest, p);
    S_set_pct(n, "lowest", br->lowest, p);
    S_set_count(n, "flagged", br->flagged);
    S_set_count(n, "demoted", br->demoted);
    S_set_count(n, "risers", br->risers);
    for (k = 0; k < m->ntiers; k++) {
        c = xmlNewChild(n, NULL, X("tier-count"), NULL);
        S_set_int(c, "tier", (long long)k + 1);
        S_set(c, "label", m->tiers[k].label);
        S_set_count(c, "count", br->tier_counts[k]);
    }
    for (k = 0; k < m->nratings; k++) {
        c = xmlNewChild(n, NULL, X("rating-count"), NULL);
        S_set(c, "rating", m->ratings[k].id);
        S_set(c, "label", m->ratings[k].label);
        S_set_count(c, "count", br->rating_counts[k]);
        if (br->prev_rating_counts) {
            S_set_count(c, "previous-count", br->prev_rating_counts[k]);
            S_set_int(c, "change",
                      br->rating_counts[k] - br->prev_rating_counts[k]);
        }
    }
    return n;
}

/* Awards with amounts in figures and words. */
static void S_awards(xmlNodePtr root, const pp_model *m, const pp_awards *aw)
{
    xmlNodePtr n, g, l;
    size_t i, k;
    if (!aw)
        return;
    n = xmlNewChild(root, NULL, X("awards"), NULL);
    S_set_money(n, "base-salary", aw->base_salary);
    S_set(n, "base-salary-given", m->has_base_salary ? "true" : "false");
    S_set_money(n, "total", aw->total);
    S_set_count(n, "collectives", aw->collectives);
    S_set_count(n, "individuals", aw->individuals);
    for (i = 0; i < m->nforms; i++) {
        const pp_form *f = &m->forms[i];
        int used = 0;
        for (k = 0; k < aw->ngroups; k++)
            used |= aw->groups[k].form == (int)i;
        if (!used)
            continue;
        g = xmlNewChild(n, NULL, X("form"), NULL);
        S_set(g, "id", f->id);
        S_set(g, "label", f->label);
        if (f->individual >= 0) {
            S_set_pts(g, "individual", f->individual, 1);
            S_set_money(g, "individual-amount",
                        pp_award_amount(f->individual, aw->base_salary));
        }
        if (f->collective >= 0) {
            S_set_pts(g, "collective", f->collective, 1);
            S_set_money(g, "collective-amount",
                        pp_award_amount(f->collective, aw->base_salary));
        }
    }
    for (i = 0; i < aw->ngroups; i++) {
        const pp_award_group *gr = &aw->groups[i];
        int nc = 0, ni = 0;
        g = xmlNewChild(n, NULL, X("award"), NULL);
        S_set_int(g, "n", (long long)i + 1);
        S_set(g, "form", m->forms[gr->form].id);
        S_set(g, "form-label", m->forms[gr->form].label);
        S_set(g, "reason", gr->reason);
        S_set_count(g, "collectives", gr->collectives);
        S_set_count(g, "individuals", gr->individuals);
        S_set_money(g, "total", gr->total);
        for (k = 0; k < gr->nlines; k++) {
            const pp_award_line *al = &gr->lines[k];
            l = xmlNewChild(g, NULL,
                            X(al->individual ? "individual" : "collective"),
                            NULL);
            S_set_int(l, "n", al->individual ? ++ni : ++nc);
            if (al->unit >= 0) {
                S_set(l, "unit", m->units[al->unit].id);
                S_set(l, "kind", m->units[al->unit].kind);
            }
            S_set(l, "name", al->name);
            S_set(l, "position", al->position);
            S_set(l, "org", al->org);
            if (al->automatic)
                S_set(l, "automatic", "true");
            S_set_money(l, "amount", al->amount);
        }
    }
}

/* The whole file's results; see results.h. */
void *pp_results_doc(const pp_model *m, const pp_results *r,
                     const pp_awards *aw, const pp_results_opts *o,
                     char **slugs)
{
    xmlDocPtr doc = xmlNewDoc(X("1.0"));
    xmlNodePtr root;
    size_t b;
    int i;
    if (!doc)
        return NULL;
    root = xmlNewDocNode(doc, NULL, X("results"), NULL);
    xmlDocSetRootElement(doc, root);
    S_header(root, m, r, o && o->criteria);
    for (b = 0; b < m->nblocks; b++) {
        xmlNodePtr bn = S_block(root, m, r, b);
        for (i = 0; i < r->blocks[b].count; i++) {
            int ui = r->blocks[b].order[i];
            S_unit(bn, m, r, ui, o && o->scores, slugs ? slugs[ui] : NULL);
        }
    }
    S_awards(root, m, aw);
    return doc;
}

/* One block's results; see results.h. */
void *pp_results_block_doc(const pp_model *m, const pp_results *r, int block,
                           char **slugs)
{
    xmlDocPtr doc = xmlNewDoc(X("1.0"));
    xmlNodePtr root;
    if (!doc)
        return NULL;
    root = xmlNewDocNode(doc, NULL, X("results"), NULL);
    xmlDocSetRootElement(doc, root);
    S_header(root, m, r, 1);
    S_block(root, m, r, (size_t)block);
    (void)slugs;
    return doc;
}

/* Point a block document at one of its units: results/@unit names it and
 * the <block> holds its <unit> element alone, the previous unit's
 * removed. The block's ranking and the unit's criterion scores are not
 * in the tree: templates take them from bound rows (sources "block" and
 * "criteria", docs/workbook.md). A small tree matters: libxslt walks the
 * whole input document at every transformation. */
void pp_results_doc_set_unit(void *doc, const pp_model *m,
                             const pp_results *r, int unit, char **slugs)
{
    xmlNodePtr root = xmlDocGetRootElement((xmlDocPtr)doc), b, u, next;
    if (!root)
        return;
    xmlSetProp(root, X("unit"), X(m->units[unit].id));
    for (b = root->children; b; b = b->next) {
        if (b->type != XML_ELEMENT_NODE || !xmlStrEqual(b->name, X("block")))
            continue;
        for (u = b->children; u; u = next) {
            next = u->next;
            if (u->type == XML_ELEMENT_NODE && xmlStrEqual(u->name, X("unit"))) {
                xmlUnlinkNode(u);
                xmlFreeNode(u);
            }
        }
        S_unit(b, m, r, unit, 0, slugs ? slugs[unit] : NULL);
    }
}

/* Save as indented UTF-8. */
int pp_results_doc_save(void *doc, const char *path)
{
    return xmlSaveFormatFileEnc(path, (xmlDocPtr)doc, "UTF-8", 1) < 0 ? -1 : 0;
}

void pp_results_doc_free(void *doc)
{
    xmlFreeDoc((xmlDocPtr)doc);
}

typedef struct {
    char *slug;
    int unit;
} S_slugrec;

static int S_cmp_slug(const void *a, const void *b)
{
    const S_slugrec *x = a, *y = b;
    int c = strcmp(x->slug, y->slug);
    return c ? c : x->unit - y->unit;
}

/* File-name slugs of every unit, from the unit ids, made unique. */
char **pp_unit_slugs(const pp_model *m)
{
    size_t n = m->nunits, i, j;
    char **out = calloc(n + 1, sizeof *out);
    S_slugrec *recs = calloc(n + 1, sizeof *recs);
    if (!out || !recs)
        goto oom;
    for (i = 0; i < n; i++) {
        recs[i].slug = pp_slug(m->units[i].id);
        recs[i].unit = (int)i;
        if (!recs[i].slug)
            goto oom;
    }
    qsort(recs, n, sizeof *recs, S_cmp_slug);
    for (i = 0; i < n; i = j) {
        int k = 1;
        for (j = i + 1; j < n && strcmp(recs[j].slug, recs[i].slug) == 0; j++) {
            /* ids differing only in case or punctuation: number them */
            size_t len = strlen(recs[j].slug) + 16;
            char *t = malloc(len);
            if (!t)
                goto oom;
            snprintf(t, len, "%s-%d", recs[i].slug, ++k);
            out[recs[j].unit] = t;
            free(recs[j].slug);
            recs[j].slug = NULL;
        }
        out[recs[i].unit] = recs[i].slug;
        recs[i].slug = NULL;
    }
    free(recs);
    return out;
oom:
    if (recs)
        for (i = 0; i < n; i++)
            free(recs[i].slug);
    free(recs);
    pp_unit_slugs_free(out, n);
    return NULL;
}

/* Free what pp_unit_slugs returned. */
void pp_unit_slugs_free(char **slugs, size_t n)
{
    size_t i;
    if (!slugs)
        return;
    for (i = 0; i < n; i++)
        free(slugs[i]);
    free(slugs);
}
