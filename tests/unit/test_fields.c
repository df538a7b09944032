/* test_fields.c - the one field vocabulary of scored data (core/fields.h)
 * against its documents: every field of the tables is documented in
 * docs/results.md (the XML's <unit> and its <field>s) and in
 * docs/workbook.md (the fields of unit records), and every field those
 * documents name exists: an attribute the tables give, a field a bound
 * row of the `units` source answers. Run from the repository's root. */
#include "cu.h"
#include "core/fields.h"
#include "core/model.h"
#include "core/score.h"
#include "data/records.h"

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
    S_names unit = {{{0}}, 0}, field = {{{0}}, 0};
    CU_ASSERT_PTR_NOT_NULL_FATAL(md);
    u = strstr(md, "<unit id=");
    CU_ASSERT_PTR_NOT_NULL_FATAL(u);
    ue = strstr(u, "</unit>");
    CU_ASSERT_PTR_NOT_NULL_FATAL(ue);
    S_attrs(u, ue, "<unit ", &unit);
    S_attrs(u, ue, "<field ", &field);
    S_check_xml(pp_unit_fields, pp_unit_nfields, &unit, "<unit>");
    S_check_xml(pp_field_fields, pp_field_nfields, &field, "<unit><field>");
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
    for (i = 0; i < pp_unit_nfields + pp_field_nfields; i++) {
        const pp_field *f = i < pp_unit_nfields
                                ? &pp_unit_fields[i]
                                : &pp_field_fields[i - pp_unit_nfields];
        const char *tail = i < pp_unit_nfields ? "" : "F";
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

int main(void)
{
    static const cu_test tests[] = {
        {"docs/results.md: every field of <unit> and <field>, both ways",
         test_results_md},
        {"docs/workbook.md: every field of unit records, both ways",
         test_workbook_md},
        {NULL, NULL}};
    if (CU_initialize_registry() != CUE_SUCCESS || cu_suite("fields", tests))
        return 1;
    return cu_run();
}
