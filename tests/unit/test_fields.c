/* test_fields.c - the one field vocabulary of scored data (core/fields.h)
 * against its documents: every field of the tables is documented in
 * docs/results.md (the XML's <unit>, its <field>s and <score>s) and in
 * docs/workbook.md (the fields of unit records), and every field those
 * documents name exists: an attribute the tables give, a field a bound
 * row of the `units` source answers. And a name means the same in both
 * channels: each criterion score's attribute in the results XML equals
 * the bound rows' field of that name (NAME:C of unit records, NAME of a
 * leaf's criterion record), present in one exactly when in the other.
 * Run from the repository's root. */
#include "cu_source.h"
#include "core/fields.h"
#include "core/model.h"
#include "core/score.h"
#include "core/results.h"
#include "data/records.h"
#include "base/viet.h"

#include <stdio.h>
#include <unistd.h>

#include <string.h>

#define MAXN 128

typedef struct {
    char name[MAXN][48];
    int n;
} S_names;

static int S_has(const S_names *s, const char *name)
{
    int i;
    for (i = 0; i < s->n; i++)
        if (strcmp(s->name[i], name) == 0)
            return 1;
    return 0;
}

static void S_add(S_names *s, const char *p, size_t len)
{
    if (s->n < MAXN && len < sizeof s->name[0]) {
        memcpy(s->name[s->n], p, len);
        s->name[s->n][len] = 0;
        if (!S_has(s, s->name[s->n]))
            s->n++;
    }
}

/* The attribute names (NAME=") of the start tags `<tag ` in [from, to). */
static void S_attrs(const char *from, const char *to, const char *tag,
                    S_names *out)
{
    size_t tl = strlen(tag);
    const char *p = from, *end, *q;
    while ((p = strstr(p, tag)) != NULL && p < to) {
        end = strchr(p, '>');
        if (!end || end > to)
            break;
        for (q = p + tl; q < end; q++) {
            const char *k = q;
            if (q[0] != '=' || q[1] != '"')
                continue;
            while (k > p && (k[-1] == '-' || (k[-1] >= 'a' && k[-1] <= 'z')))
                k--;
            S_add(out, k, (size_t)(q - k));
        }
        p = end;
    }
}

/* An XML attribute documented: a table's xml name, or NAME-text of a
 * points or percentage field. */
static int S_in_table(const pp_field *t, size_t n, const char *a)
{
    size_t i, l;
    for (i = 0; i < n; i++) {
        if (!t[i].xml)
            continue;
        if (strcmp(t[i].xml, a) == 0)
            return 1;
        l = strlen(t[i].xml);
        if (pp_field_has_text(&t[i]) && strncmp(a, t[i].xml, l) == 0 &&
            strcmp(a + l, "-text") == 0)
            return 1;
    }
    return 0;
}

/* Both ways between a table and the attributes a document gives. */
static void S_check_xml(const pp_field *t, size_t n, const S_names *doc,
                        const char *what)
{
    size_t i;
    int k;
    CU_ASSERT(doc->n > 0);
    for (i = 0; i < n; i++)
        if (t[i].xml && !S_has(doc, t[i].xml)) {
            printf("docs/results.md: %s has no %s\n", what, t[i].xml);
            CU_FAIL("a field of the table is not in docs/results.md");
        }
    for (k = 0; k < doc->n; k++)
        if (!S_in_table(t, n, doc->name[k])) {
            printf("docs/results.md: %s %s is no field\n", what, doc->name[k]);
            CU_FAIL("docs/results.md names a field the table has not");
        }
}

static void test_results_md(void)
{
    char *md = cu_slurp("docs/results.md", NULL);
    const char *u, *ue;
    S_names unit = {{{0}}, 0}, field = {{{0}}, 0}, score = {{{0}}, 0},
            subtotal = {{{0}}, 0};
    CU_ASSERT_PTR_NOT_NULL_FATAL(md);
    u = strstr(md, "<unit id=");
    CU_ASSERT_PTR_NOT_NULL_FATAL(u);
    ue = strstr(u, "</unit>");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ue);
    S_attrs(u, ue, "<unit ", &unit);
    S_attrs(u, ue, "<field ", &field);
    S_check_xml(pp_unit_fields, pp_unit_nfields, &unit, "<unit>");
    S_attrs(u, ue, "<score ", &score);
    S_check_xml(pp_field_fields, pp_field_nfields, &field, "<unit><field>");
    S_check_xml(pp_score_fields, pp_score_nfields, &score, "<unit><score>");
    S_attrs(u, ue, "<subtotal ", &subtotal);
    S_check_xml(pp_subtotal_fields, pp_subtotal_nfields, &subtotal,
                "<unit><subtotal>");
    free(md);
}

/* The `names` of the workbook.md paragraph on unit records. */
static void S_workbook_names(const char *md, S_names *out)
{
    const char *p = strstr(md, "Fields of unit records (`units`, `block`):");
    const char *end = p ? strstr(p, "Fields of criterion records") : NULL;
    if (!p || !end)
        return;
    p = strchr(p, ':') + 1;
    while ((p = strchr(p, '`')) != NULL && p < end) {
        const char *q = strchr(p + 1, '`');
        if (!q || q > end)
            break;
        /* not results/@previous-scores, nor the source `units` */
        if (!memchr(p + 1, '/', (size_t)(q - p - 1)) &&
            strncmp(p, "`units`", 7) != 0)
            S_add(out, p + 1, (size_t)(q - p - 1));
        p = q + 1;
    }
}

/* NAME as a bound row names it: NAME:C and NAME:F with a real leaf and
 * field id of m. */
static const char *S_real(const pp_model *m, const char *doc, char *buf,
                          size_t cap)
{
    size_t l = strlen(doc);
    if (l > 2 && doc[l - 2] == ':' && (doc[l - 1] == 'C' || doc[l - 1] == 'F'))
        snprintf(buf, cap, "%.*s%s", (int)(l - 1), doc,
                 m->criteria[doc[l - 1] == 'C' ? m->leaves[0]
                                                : m->fields[0]].id);
    else
        snprintf(buf, cap, "%s", doc);
    return buf;
}

static void test_workbook_md(void)
{
    char *md = cu_slurp("docs/workbook.md", NULL);
    pp_diags d = {0};
    pp_model *m = pp_model_load("fixtures/gia-loc-2022.xml", &d);
    pp_model *p = pp_model_load("fixtures/gia-loc-2021.xml", &d);
    pp_results *r;
    pp_records *rc;
    const pp_data_source *s;
    S_names doc = {{{0}}, 0};
    void *cur = NULL;
    long n;
    size_t i;
    int k;
    char b[96];
    CU_ASSERT_PTR_NOT_NULL_FATAL(md);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    r = pp_score_units(m, p, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    rc = pp_records_new(m, r, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rc);
    s = pp_records_source(rc);
    CU_ASSERT_EQUAL_FATAL(s->open(s->ctx, "units", "", &cur, &n, &d), PP_OK);

    S_workbook_names(md, &doc);
    CU_ASSERT(doc.n > 20);
    /* every documented field exists */
    for (k = 0; k < doc.n; k++)
        if (s->field(s->ctx, cur, S_real(m, doc.name[k], b, sizeof b)) < 0) {
            printf("docs/workbook.md: unit records have no field %s\n",
                   doc.name[k]);
            CU_FAIL("docs/workbook.md names a field unit records have not");
        }
    /* every field of the tables is documented, with its NAME-text */
    for (i = 0; i < pp_unit_nfields + pp_field_nfields + pp_score_nfields;
         i++) {
        size_t nu = pp_unit_nfields, nf = pp_field_nfields;
        const pp_field *f = i < nu        ? &pp_unit_fields[i]
                            : i < nu + nf ? &pp_field_fields[i - nu]
                                          : &pp_score_fields[i - nu - nf];
        const char *tail = i < nu ? "" : i < nu + nf ? "F" : "C";
        size_t l;
        if (!f->rows)
            continue;
        snprintf(b, sizeof b, "%s%s", f->rows, tail);
        if (!S_has(&doc, b)) {
            printf("docs/workbook.md: no unit record field %s\n", b);
            CU_FAIL("a field of the table is not in docs/workbook.md");
        }
        if (!pp_field_has_text(f))
            continue;
        l = strlen(f->rows) - (*tail ? 1 : 0);
        snprintf(b, sizeof b, "%.*s-text%s%s", (int)l, f->rows,
                 *tail ? ":" : "", tail);
        if (!S_has(&doc, b)) {
            printf("docs/workbook.md: no unit record field %s\n", b);
            CU_FAIL("a field's text is not in docs/workbook.md");
        }
    }
    s->close(s->ctx, cur);
    pp_records_free(rc);
    pp_score_units_free(r);
    pp_model_free(m);
    pp_model_free(p);
    pp_diags_free(&d);
    free(md);
}

/* Attribute `name` of the element starting at `el` (up to its '>'),
 * copied into buf; NULL when it has none. */
static const char *S_attr(const char *el, const char *name, char *buf,
                          size_t cap)
{
    const char *end = strchr(el, '>'), *p = el, *q;
    size_t l = strlen(name);
    while ((p = strstr(p, name)) != NULL && p < end) {
        if (p[-1] == ' ' && p[l] == '=' && p[l + 1] == '"') {
            p += l + 2;
            q = strchr(p, '"');
            snprintf(buf, cap, "%.*s", (int)(q - p), p);
            return buf;
        }
        p += l;
    }
    return NULL;
}

/* A bound row's field as the XML writes it (cu_source.h); NULL when
 * absent. */
static const char *S_row(const pp_data_source *s, void *cur, long rec,
                         const char *name, char *buf, size_t cap)
{
    return cu_field(s, cur, rec, name, buf, cap, NULL);
}

/* One score field in both channels: equal, or absent from both. */
static int S_same(const char *xml, const char *row, const char *what,
                  const char *unit)
{
    if ((!xml) != (!row) ||
        (xml && row && !strchr(xml, '&') && strcmp(xml, row) != 0)) {
        printf("%s of %s: results XML %s, bound rows %s\n", what, unit,
               xml ? xml : "(none)", row ? row : "(none)");
        return 0;
    }
    return 1;
}

/* Every unit's every criterion score of file `path` (with last year's
 * file `prev`, may be NULL) in the results XML and the bound rows. */
static void S_channels(const char *path, const char *prev)
{
    pp_diags d = {0};
    pp_model *m = pp_model_load(path, &d);
    pp_model *p = prev ? pp_model_load(prev, &d) : NULL;
    pp_results *r;
    pp_records *rc;
    const pp_data_source *s;
    char out[] = "/tmp/test_fields_XXXXXX", *xml, id[128], name[160];
    char a[512], b[512];
    void *cur = NULL, *crit = NULL;
    long n, nc, rec;
    size_t k, i;
    int fd, bad = 0, compared = 0;
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    r = pp_score_units(m, p, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    fd = mkstemp(out);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);
    CU_ASSERT_EQUAL_FATAL(pp_results_write(m, r, NULL, NULL, out), PP_OK);
    xml = cu_slurp(out, NULL);
    unlink(out);
    CU_ASSERT_PTR_NOT_NULL_FATAL(xml);
    rc = pp_records_new(m, r, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rc);
    s = pp_records_source(rc);
    CU_ASSERT_EQUAL_FATAL(s->open(s->ctx, "units", "", &cur, &n, &d), PP_OK);
    for (rec = 0; rec < n; rec++) {
        const char *u, *ue;
        S_row(s, cur, rec, "id", id, sizeof id);
        snprintf(name, sizeof name, "<unit id=\"%s\"", id);
        u = strstr(xml, name);
        CU_ASSERT_PTR_NOT_NULL_FATAL(u);
        ue = strstr(u, "</unit>");
        CU_ASSERT_EQUAL_FATAL(
            s->open(s->ctx, "criteria", id, &crit, &nc, &d), PP_OK);
        for (k = 0; k < m->nleaves; k++) {
            int ci = m->leaves[k];
            const char *c = m->criteria[ci].id, *el;
            snprintf(name, sizeof name, "<score c=\"%s\"", c);
            el = strstr(u, name);
            CU_ASSERT_FATAL(el && el < ue);
            for (i = 0; i < pp_score_nfields; i++) {
                const pp_field *f = &pp_score_fields[i];
                const char *x;
                if (!f->xml || !f->rows)
                    continue;
                x = S_attr(el, f->xml, a, sizeof a);
                snprintf(name, sizeof name, "%s%s", f->rows, c);
                bad += !S_same(x, S_row(s, cur, rec, name, b, sizeof b),
                               name, id);
                /* a leaf's criterion record: the same, by NAME */
                snprintf(name, sizeof name, "%.*s",
                         (int)strlen(f->rows) - 1, f->rows);
                if (s->field(s->ctx, crit, name) >= 0 &&
                    strcmp(name, "previous") != 0)
                    bad += !S_same(x, S_row(s, crit, ci, name, b, sizeof b),
                                   name, id);
                compared++;
            }
        }
        /* a parent's subtotals: <subtotal> and its criterion record */
        for (k = 0; k < m->ncriteria; k++) {
            const char *c = m->criteria[k].id, *el;
            if (m->criteria[k].leaf >= 0)
                continue;
            snprintf(name, sizeof name, "<subtotal c=\"%s\"", c);
            el = strstr(u, name);
            CU_ASSERT_FATAL(el && el < ue);
            for (i = 0; i < pp_subtotal_nfields; i++) {
                const pp_field *f = &pp_subtotal_fields[i];
                if (!f->xml || !f->rows)
                    continue;
                bad += !S_same(S_attr(el, f->xml, a, sizeof a),
                               S_row(s, crit, (long)k, f->rows, b, sizeof b),
                               f->rows, id);
                compared++;
            }
        }
        s->close(s->ctx, crit);
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(compared > 100);
    s->close(s->ctx, cur);
    pp_records_free(rc);
    pp_score_units_free(r);
    pp_model_free(m);
    pp_model_free(p);
    pp_diags_free(&d);
    free(xml);
}

static void test_channels(void)
{
    S_channels("fixtures/gia-loc-2022.xml", "fixtures/gia-loc-2021.xml");
    S_channels("fixtures/kon-ray-na.xml", NULL);
}

int main(void)
{
    static const cu_test tests[] = {
        {"docs/results.md: every field of <unit>, <field>, <score> and "
         "<subtotal>, both ways",
         test_results_md},
        {"docs/workbook.md: every field of unit records, both ways",
         test_workbook_md},
        {"a criterion score's and a subtotal's fields mean the same in the "
         "results XML and the bound rows", test_channels},
        {NULL, NULL}};
    return cu_main("fields", tests);
}
