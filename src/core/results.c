/* results.c - the scored results as XML (see results.h, docs/results.md).
 *
 * What the results hold is said once, by the functions under "Content",
 * as start/attribute/text/end calls on a sink. One sink builds DOM nodes
 * (the documents the templates read); the other writes the file itself,
 * byte for byte as xmlSaveFormatFileEnc(path, doc, "UTF-8", 1) writes
 * the same DOM, without building it (a national file's DOM took 440 MB).
 * The two cannot hold different things; tests/unit/test_results.c checks
 * that they also write the same bytes. */
#include "core/results.h"
#include "core/fields.h"
#include "core/previous.h"
#include "base/version.h"
#include "base/viet.h"

#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define X(s) ((const xmlChar *)(s))

/* ---------------------------------------------------------------------
 * Sinks.
 */
typedef struct S_sink S_sink;
struct S_sink {
    void (*start)(S_sink *s, const char *name);           /* element */
    void (*attr)(S_sink *s, const char *k, const char *v); /* of the open one */
    void (*text)(S_sink *s, const char *t);               /* its content */
    void (*end)(S_sink *s);                               /* close it */
    int err; /* errno of the first failure; later calls do nothing */
};

/* The DOM sink: new nodes under `cur`. */
typedef struct {
    S_sink s;
    xmlDocPtr doc;
    xmlNodePtr cur; /* the open element; NULL before the root */
} S_dom;

/* An element under the open one, or the document's root. */
static void S_dom_start(S_sink *s, const char *name)
{
    S_dom *d = (S_dom *)s;
    xmlNodePtr n;
    if (s->err)
        return;
    if (d->cur) {
        n = xmlNewChild(d->cur, NULL, X(name), NULL);
    } else {
        n = xmlNewDocNode(d->doc, NULL, X(name), NULL);
        if (n)
            xmlDocSetRootElement(d->doc, n);
    }
    if (!n) {
        s->err = ENOMEM;
        return;
    }
    d->cur = n;
}

/* An attribute of the open element. */
static void S_dom_attr(S_sink *s, const char *k, const char *v)
{
    S_dom *d = (S_dom *)s;
    if (!s->err && !xmlNewProp(d->cur, X(k), X(v)))
        s->err = ENOMEM;
}

/* Text content of the open element (kept as is, escaped when saved). */
static void S_dom_text(S_sink *s, const char *t)
{
    S_dom *d = (S_dom *)s;
    xmlNodePtr n;
    if (s->err)
        return;
    n = xmlNewDocText(d->doc, X(t));
    if (!n || !xmlAddChild(d->cur, n)) {
        xmlFreeNode(n);
        s->err = ENOMEM;
    }
}

/* Back to the parent of the open element. */
static void S_dom_end(S_sink *s)
{
    S_dom *d = (S_dom *)s;
    if (s->err)
        return;
    d->cur = d->cur->parent && d->cur->parent->type == XML_ELEMENT_NODE
                 ? d->cur->parent
                 : NULL;
}

/* A DOM sink adding to `at` (NULL: the root of `doc`, still empty). */
static void S_dom_init(S_dom *d, xmlDocPtr doc, xmlNodePtr at)
{
    memset(d, 0, sizeof *d);
    d->s.start = S_dom_start;
    d->s.attr = S_dom_attr;
    d->s.text = S_dom_text;
    d->s.end = S_dom_end;
    d->doc = doc;
    d->cur = at;
}

/* The file sink: the serialisation of xmlSaveFormatFileEnc(.., "UTF-8", 1)
 * (libxml2's xmlsave.c) written as the elements come:
 *   - the declaration <?xml version="1.0" encoding="UTF-8"?> and a newline;
 *   - an element without children as <name a="v"/>;
 *   - an element with element children only: '>', a newline, each child
 *     on its own line indented two spaces a level (at most 30 levels),
 *     then the end tag indented like the start tag;
 *   - an element with a text child: no newline or indentation anywhere
 *     inside it (<to>Như Điều 3</to>);
 *   - attribute values escaping & < > " and tab, newline, CR as &#9;
 *     &#10; &#13;; text escaping & < > and CR; everything else, UTF-8
 *     included, as it is;
 *   - a newline after the root.
 * The start tag is left open until the first child or the end shows
 * whether the element is empty; text after element children (mixed
 * content, which xmlsave would not indent at all) is refused (EINVAL). */
#define S_MAX_DEPTH 32

enum { S_OPEN = 1, S_ELEMS = 2, S_TEXT = 4 };

typedef struct {
    S_sink s;
    int fd;
    int regular;   /* a regular file: removed when it cannot be whole */
    int depth;     /* open elements */
    int plain;     /* depth + 1 of the element whose content is not
                    * indented (it holds text); 0 when indenting */
    const char *names[S_MAX_DEPTH]; /* open elements (string literals) */
    unsigned char state[S_MAX_DEPTH];
    size_t len;
    char buf[1 << 16];
} S_file;

/* Write out the buffer. */
static void S_file_flush(S_file *f)
{
    size_t off = 0;
    while (off < f->len && !f->s.err) {
        ssize_t n = write(f->fd, f->buf + off, f->len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            f->s.err = n < 0 ? errno : EIO;
        else
            off += (size_t)n;
    }
    f->len = 0;
}

/* Append n bytes. */
static void S_file_put(S_file *f, const char *p, size_t n)
{
    if (f->len + n > sizeof f->buf) {
        S_file_flush(f);
        if (f->s.err)
            return;
        if (n > sizeof f->buf) {
            /* longer than the buffer: through it a piece at a time */
            while (n > sizeof f->buf && !f->s.err) {
                memcpy(f->buf, p, sizeof f->buf);
                f->len = sizeof f->buf;
                S_file_flush(f);
                p += sizeof f->buf;
                n -= sizeof f->buf;
            }
            if (f->s.err)
                return;
        }
    }
    memcpy(f->buf + f->len, p, n);
    f->len += n;
}

static void S_file_puts(S_file *f, const char *s)
{
    S_file_put(f, s, strlen(s));
}

/* Indentation of an element `level` deep (xmlsave stops at 30 levels). */
static void S_file_indent(S_file *f, int level)
{
    static const char sp[] = "                                        "
                             "                    ";
    if (f->plain)
        return;
    if (level > 30)
        level = 30;
    S_file_put(f, sp, (size_t)level * 2);
}

/* `s` escaped: attribute values (`attr`) or text. */
static void S_file_escaped(S_file *f, const char *s, int attr)
{
    const char *run = s, *rep;
    for (; *s; s++) {
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '\r': rep = "&#13;"; break;
        case '"': rep = attr ? "&quot;" : NULL; break;
        case '\n': rep = attr ? "&#10;" : NULL; break;
        case '\t': rep = attr ? "&#9;" : NULL; break;
        default: rep = NULL; break;
        }
        if (!rep)
            continue;
        S_file_put(f, run, (size_t)(s - run));
        S_file_puts(f, rep);
        run = s + 1;
    }
    S_file_put(f, run, (size_t)(s - run));
}

/* The open element gets a child (text or an element): close its start
 * tag when this is the first; a text child stops indentation inside it. */
static void S_file_child(S_file *f, int text)
{
    int p = f->depth - 1;
    if (f->state[p] & S_OPEN) {
        if (text && !f->plain)
            f->plain = f->depth;
        S_file_put(f, ">", 1);
        if (!f->plain)
            S_file_put(f, "\n", 1);
        f->state[p] &= (unsigned char)~S_OPEN;
    } else if (text && !f->plain && (f->state[p] & S_ELEMS)) {
        f->s.err = EINVAL; /* mixed content */
    }
    f->state[p] |= text ? S_TEXT : S_ELEMS;
}

/* <name, indented; the root after the declaration. */
static void S_file_start(S_sink *s, const char *name)
{
    S_file *f = (S_file *)s;
    if (s->err)
        return;
    if (f->depth == S_MAX_DEPTH) {
        s->err = EINVAL;
        return;
    }
    if (f->depth > 0) {
        S_file_child(f, 0);
        S_file_indent(f, f->depth);
    }
    S_file_put(f, "<", 1);
    S_file_puts(f, name);
    f->names[f->depth] = name;
    f->state[f->depth] = S_OPEN;
    f->depth++;
}

/*  k="v" in the open start tag. */
static void S_file_attr(S_sink *s, const char *k, const char *v)
{
    S_file *f = (S_file *)s;
    if (s->err)
        return;
    if (f->depth == 0 || !(f->state[f->depth - 1] & S_OPEN)) {
        s->err = EINVAL;
        return;
    }
    S_file_put(f, " ", 1);
    S_file_puts(f, k);
    S_file_put(f, "=\"", 2);
    S_file_escaped(f, v, 1);
    S_file_put(f, "\"", 1);
}

/* Text content of the open element. */
static void S_file_text(S_sink *s, const char *t)
{
    S_file *f = (S_file *)s;
    if (s->err)
        return;
    if (f->depth == 0) {
        s->err = EINVAL;
        return;
    }
    S_file_child(f, 1);
    S_file_escaped(f, t, 0);
}

/* /> or </name>, then the newline after it. */
static void S_file_end(S_sink *s)
{
    S_file *f = (S_file *)s;
    int p;
    if (s->err)
        return;
    if (f->depth == 0) {
        s->err = EINVAL;
        return;
    }
    p = f->depth - 1;
    if (f->state[p] & S_OPEN) {
        S_file_put(f, "/>", 2);
    } else {
        S_file_indent(f, p);
        S_file_put(f, "</", 2);
        S_file_puts(f, f->names[p]);
        S_file_put(f, ">", 1);
    }
    if (f->plain == f->depth)
        f->plain = 0;
    f->depth--;
    if (!f->plain)
        S_file_put(f, "\n", 1);
}

/* Create (or truncate) `path` and write the XML declaration. NULL with
 * errno set if it cannot be opened or memory runs out. */
static S_file *S_file_open(const char *path)
{
    S_file *f = malloc(sizeof *f);
    struct stat st;
    if (!f)
        return NULL;
    memset(f, 0, offsetof(S_file, buf));
    f->s.start = S_file_start;
    f->s.attr = S_file_attr;
    f->s.text = S_file_text;
    f->s.end = S_file_end;
    f->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (f->fd < 0) {
        int e = errno;
        free(f);
        errno = e;
        return NULL;
    }
    f->regular = fstat(f->fd, &st) == 0 && S_ISREG(st.st_mode);
    S_file_puts(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    return f;
}

/* Flush and close; 0, or -1 with errno set when any write failed or an
 * element was left open. A regular file that is not whole is removed. */
static int S_file_close(S_file *f, const char *path)
{
    int err;
    if (!f->s.err && f->depth != 0)
        f->s.err = EINVAL;
    if (!f->s.err)
        S_file_flush(f);
    if (close(f->fd) != 0 && !f->s.err)
        f->s.err = errno;
    err = f->s.err;
    if (err && f->regular)
        unlink(path);
    free(f);
    if (err) {
        errno = err;
        return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------------
 * Content.
 */
static void S_start(S_sink *s, const char *name)
{
    s->start(s, name);
}

static void S_end(S_sink *s)
{
    s->end(s);
}

/* An element holding only text: <name>t</name>. */
static void S_text_child(S_sink *s, const char *name, const char *t)
{
    s->start(s, name);
    if (t)
        s->text(s, t);
    s->end(s);
}

/* Set an attribute (skipped when v is NULL). */
static void S_set(S_sink *s, const char *k, const char *v)
{
    if (v)
        s->attr(s, k, v);
}

static void S_set_int(S_sink *s, const char *k, long long v)
{
    char b[32];
    snprintf(b, sizeof b, "%lld", v);
    s->attr(s, k, b);
}

/* A number (thousandths) with `dec` decimals, plain and in Vietnamese
 * form: k="87.49" k-text="87,49". */
static void S_set_dec(S_sink *s, const char *k, pp_milli v, int dec)
{
    char b[48], key[64];
    s->attr(s, k, pp_fmt_plain(b, sizeof b, v, 3, dec));
    snprintf(key, sizeof key, "%s-text", k);
    s->attr(s, key, pp_fmt_decimal(b, sizeof b, v, 3, dec));
}

/* A percentage (thousandths, rounded to p): k="87.49" k-text="87,49". */
static void S_set_pct(S_sink *s, const char *k, pp_milli v, int p)
{
    S_set_dec(s, k, v, p);
}

/* Points (thousandths) with as many decimals as they need (at least
 * `min_dec`): 82580 -> "82.58" and "82,58". */
static void S_set_pts(S_sink *s, const char *k, pp_milli v, int min_dec)
{
    S_set_dec(s, k, v, pp_points_decimals(v, min_dec));
}

/* Points as a plain decimal only (per-criterion figures, many thousands
 * in a national file: templates format them with pp:decimal if needed). */
static void S_set_plain(S_sink *s, const char *k, pp_milli v)
{
    char b[48];
    s->attr(s, k, pp_fmt_points(b, sizeof b, v));
}

/* Money: k="710000" k-text="710.000" k-words="Bảy trăm mười nghìn đồng". */
static void S_set_money(S_sink *s, const char *k, int64_t v)
{
    char b[48], key[64], *w;
    S_set_int(s, k, v);
    snprintf(key, sizeof key, "%s-text", k);
    s->attr(s, key, pp_fmt_money(b, sizeof b, v));
    snprintf(key, sizeof key, "%s-words", k);
    w = pp_money_words(v, &PP_WORDS_DEFAULT);
    if (w)
        s->attr(s, key, w);
    free(w);
}

static void S_set_count(S_sink *s, const char *k, long long v)
{
    char key[64], *w;
    S_set_int(s, k, v);
    snprintf(key, sizeof key, "%s-words", k);
    w = pp_number_words(v, &PP_WORDS_DEFAULT);
    if (w)
        s->attr(s, key, w);
    free(w);
}

/* A rating's count, and with last year's counts its previous count and
 * the change: the whole file's and a block's alike. */
static void S_set_rating_count(S_sink *s, const int *now, const int *prev,
                               size_t i)
{
    S_set_count(s, "count", now[i]);
    if (prev) {
        S_set_count(s, "previous-count", prev[i]);
        S_set_int(s, "change", now[i] - prev[i]);
    }
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

/* The root's attributes and the file's header: issuer, announcement,
 * scheme, tiers, ratings, flags, summary. */
static void S_header(S_sink *s, const pp_model *m, const pp_results *r,
                     int criteria)
{
    char b[128];
    size_t i;

    S_set(s, "format", "1");
    S_set(s, "generator", "parpack " PP_VERSION);
    S_set_int(s, "year", m->year);
    S_set_int(s, "precision", m->precision);
    if (r->prev_year)
        S_set_int(s, "previous-year", r->prev_year);
    if (r->prev_model) /* last year's criterion scores: bound-row fields */
        S_set(s, "previous-scores", "true");

    S_start(s, "issuer");
    S_set(s, "parent", m->issuer_parent);
    S_set(s, "name", m->issuer_name);
    S_set(s, "symbol", m->issuer_symbol);
    S_set(s, "place", m->issuer_place);
    S_set(s, "email", m->issuer_email);
    S_set(s, "level", m->issuer_level);
    S_start(s, "signer");
    S_set(s, "authority", m->signer.authority);
    S_set(s, "capacity", m->signer.capacity);
    S_set(s, "title", m->signer.title);
    S_set(s, "name", m->signer.name);
    S_set(s, "office",
          m->signer.office == PP_OFFICE_DEPUTY ? "deputy" : "chairman");
    S_set(s, "body", m->signer.body);
    S_end(s);
    if (m->proposer)
        S_text_child(s, "proposer", m->proposer);
    if (m->charged)
        S_text_child(s, "charged", m->charged);
    if (m->award_charged)
        S_text_child(s, "award-charged", m->award_charged);
    if (m->nrecipients) {
        S_start(s, "recipients");
        for (i = 0; i < m->nrecipients; i++)
            S_text_child(s, "to", m->recipients[i]);
        S_end(s);
    }
    S_end(s);

    S_start(s, "announcement");
    if (m->ann_year) {
        snprintf(b, sizeof b, "%04d-%02d-%02d", m->ann_year, m->ann_month,
                 m->ann_day);
        S_set(s, "date", b);
        S_set_int(s, "year", m->ann_year);
        S_set_int(s, "month", m->ann_month);
        S_set_int(s, "day", m->ann_day);
        S_set(s, "date-text",
              pp_fmt_date(b, sizeof b, m->ann_year, m->ann_month, m->ann_day, 0));
        S_set(s, "date-legal",
              pp_fmt_date(b, sizeof b, m->ann_year, m->ann_month, m->ann_day, 1));
        snprintf(b, sizeof b, "%02d/%02d/%04d", m->ann_day, m->ann_month,
                 m->ann_year);
        S_set(s, "date-short", b);
    }
    S_set(s, "number", m->ann_number);
    S_end(s);

    S_start(s, "scheme");
    S_set(s, "title", m->scheme_title);
    S_set_pts(s, "max", m->scheme_max, 0);
    S_set_int(s, "fields", (long long)m->nfields);
    S_set_int(s, "leaves", (long long)m->nleaves);
    S_set_int(s, "criteria", (long long)m->ncriteria);
    for (i = 0; i < m->ncriteria; i++) {
        const pp_criterion *cr = &m->criteria[i];
        size_t last = i;
        if (!criteria && cr->depth > 0)
            continue;
        /* pre-order: the subtree runs to the next node no deeper */
        while (last + 1 < m->ncriteria &&
               m->criteria[last + 1].depth > cr->depth)
            last++;
        S_start(s, cr->depth ? "criterion" : "field");
        S_set_int(s, "n", (long long)i + 1);
        S_set_int(s, "last", (long long)last + 1);
        if (cr->leaf >= 0)
            S_set_int(s, "leaf-n", cr->leaf + 1);
        S_set(s, "id", cr->id);
        S_set(s, "name", cr->name);
        S_set_pts(s, "max", cr->max, 0);
        S_set_int(s, "depth", cr->depth);
        S_set(s, "field", m->criteria[m->fields[cr->field]].id);
        if (cr->parent >= 0)
            S_set(s, "parent", m->criteria[cr->parent].id);
        S_set(s, "leaf", cr->leaf >= 0 ? "true" : "false");
        S_set(s, "source", S_source(cr->source));
        S_end(s);
    }
    S_end(s);

    S_start(s, "tiers");
    for (i = 0; i < m->ntiers; i++) {
        S_start(s, "tier");
        S_set_int(s, "n", (long long)i + 1);
        S_set_pct(s, "min", m->tiers[i].min, 0);
        if (i > 0)
            S_set_pct(s, "below", m->tiers[i - 1].min, 0);
        S_set(s, "label", m->tiers[i].label);
        S_set_count(s, "count", r->tier_counts[i]);
        S_end(s);
    }
    S_end(s);
    S_start(s, "ratings");
    for (i = 0; i < m->nratings; i++) {
        const pp_rating *rt = &m->ratings[i];
        S_start(s, "rating");
        S_set_int(s, "n", (long long)i + 1);
        S_set(s, "id", rt->id);
        S_set(s, "label", rt->label);
        S_set_pct(s, "min", rt->min, 0);
        if (rt->has_field_min)
            S_set_pct(s, "field-min", rt->field_min, 0);
        S_set_rating_count(s, r->rating_counts, r->prev_rating_counts, i);
        S_end(s);
    }
    S_end(s);
    S_start(s, "flags");
    for (i = 0; i < m->nflags; i++) {
        const pp_flag *fl = &m->flags[i];
        size_t u, cnt = 0;
        for (u = 0; u < m->nunits; u++)
            cnt += r->units[u].flagged[i];
        S_start(s, "flag");
        S_set(s, "id", fl->id);
        S_set(s, "label", fl->label);
        if (fl->field >= 0) {
            S_set(s, "field", m->criteria[m->fields[fl->field]].id);
            S_set(s, "field-name", m->criteria[m->fields[fl->field]].name);
        }
        S_set_pct(s, "below", fl->below, 0);
        S_set_count(s, "count", (long long)cnt);
        S_end(s);
    }
    S_end(s);
    S_start(s, "summary");
    S_set_count(s, "units", (long long)m->nunits);
    S_set_int(s, "blocks", (long long)m->nblocks);
    S_set(s, "has-blocks", m->has_blocks ? "true" : "false");
    S_set_pct(s, "mean", r->mean, m->precision);
    S_end(s);
}

/* The attributes of the open element from a table of fields.h: each
 * field the XML carries and c holds, by its type's text policy. */
static void S_set_fields(S_sink *s, const pp_field *t, size_t n,
                         pp_field_ctx *c)
{
    size_t i;
    for (i = 0; i < n; i++) {
        const pp_field *fd = &t[i];
        pp_field_value v = {0, NULL, 0};
        if (!fd->xml)
            continue;
        fd->get(c, &v);
        if (!v.present)
            continue;
        switch (fd->type) {
        case PP_FIELD_TEXT: S_set(s, fd->xml, v.text); break;
        case PP_FIELD_INT: S_set_int(s, fd->xml, v.n); break;
        case PP_FIELD_FIGURE: S_set_plain(s, fd->xml, v.n); break;
        default: S_set_dec(s, fd->xml, v.n, pp_field_decimals(fd, c->m, v.n));
        }
    }
}

/* A unit's criterion scores and the exact subtotals of every parent
 * criterion, as children of the open <unit> element: each parent's
 * <subtotal> from the table pp_subtotal_fields, each leaf's <score> from
 * the table pp_score_fields (fields.h), with last year's
 * file (pv->prev) its final score last year as previous="…". */
static void S_unit_scores(S_sink *s, const pp_model *m, int ui,
                          const pp_prev_map *pv)
{
    size_t k, q;
    pp_subtotals st;
    pp_field_ctx fc;
    /* exact subtotals of every parent criterion, for the score sheet,
     * from the table pp_subtotal_fields */
    if (pp_subtotals_compute(m, ui, &st) != PP_OK) {
        s->err = ENOMEM;
        return;
    }
    memset(&fc, 0, sizeof fc);
    fc.m = m;
    fc.unit = ui;
    fc.pv = pv;
    fc.sub = &st;
    for (q = 0; q < m->ncriteria; q++) {
        if (m->criteria[q].leaf >= 0)
            continue;
        S_start(s, "subtotal");
        fc.crit = (int)q;
        S_set_fields(s, pp_subtotal_fields, pp_subtotal_nfields, &fc);
        S_end(s);
    }
    pp_subtotals_free(&st);
    fc.sub = NULL;
    for (k = 0; k < m->nleaves; k++) {
        S_start(s, "score");
        fc.leaf = (int)k;
        S_set_fields(s, pp_score_fields, pp_score_nfields, &fc);
        S_end(s);
    }
}

/* What a unit element holds besides its totals. */
enum { S_TOTALS = 0, S_FIELDS = 1, S_SCORES = 2 };

/* One unit: its totals and flags; its <field>s from S_FIELDS, its
 * criterion scores too at S_SCORES. */
static void S_unit(S_sink *s, const pp_model *m, const pp_results *r, int ui,
                   int detail, char **slugs, const pp_prev_map *pv)
{
    const pp_unit_result *ur = &r->units[ui];
    size_t f, k;
    int p = m->precision;
    pp_field_ctx fc;

    S_start(s, "unit");
    memset(&fc, 0, sizeof fc);
    fc.m = m;
    fc.r = r;
    fc.unit = ui;
    fc.slugs = slugs;
    S_set_fields(s, pp_unit_fields, pp_unit_nfields, &fc);
    /* why each flag was raised: the field's percentage */
    for (k = 0; k < m->nflags; k++)
        if (ur->flagged[k]) {
            int fi = m->flags[k].field;
            S_start(s, "flag");
            S_set(s, "id", m->flags[k].id);
            S_set(s, "field", m->criteria[m->fields[fi]].id);
            if (ur->field_pct[fi] >= 0)
                S_set_pct(s, "pct", ur->field_pct[fi], p);
            S_end(s);
        }
    for (f = 0; detail >= S_FIELDS && f < m->nfields; f++) {
        S_start(s, "field");
        fc.field = (int)f;
        S_set_fields(s, pp_field_fields, pp_field_nfields, &fc);
        S_end(s);
    }
    if (detail >= S_SCORES)
        S_unit_scores(s, m, ui, pv);
    S_end(s);
}

/* A block's element with its statistics, left open for its units. */
static void S_block(S_sink *s, const pp_model *m, const pp_results *r,
                    size_t b)
{
    const pp_block_result *br = &r->blocks[b];
    size_t k;
    int p = m->precision;
    S_start(s, "block");
    S_set(s, "id", m->blocks[b].id);
    S_set(s, "name", m->blocks[b].name);
    S_set_count(s, "count", br->count);
    S_set_pct(s, "mean", br->mean, p);
    S_set_pct(s, "highest", br->highest, p);
    S_set_pct(s, "lowest", br->lowest, p);
    S_set_count(s, "flagged", br->flagged);
    S_set_count(s, "demoted", br->demoted);
    S_set_count(s, "risers", br->risers);
    for (k = 0; k < m->ntiers; k++) {
        S_start(s, "tier-count");
        S_set_int(s, "tier", (long long)k + 1);
        S_set(s, "label", m->tiers[k].label);
        S_set_count(s, "count", br->tier_counts[k]);
        S_end(s);
    }
    for (k = 0; k < m->nratings; k++) {
        S_start(s, "rating-count");
        S_set(s, "rating", m->ratings[k].id);
        S_set(s, "label", m->ratings[k].label);
        S_set_rating_count(s, br->rating_counts, br->prev_rating_counts, k);
        S_end(s);
    }
}

/* Awards with amounts in figures and words. */
static void S_awards(S_sink *s, const pp_model *m, const pp_awards *aw)
{
    size_t i, k;
    if (!aw)
        return;
    S_start(s, "awards");
    S_set_money(s, "base-salary", aw->base_salary);
    S_set(s, "base-salary-given", m->has_base_salary ? "true" : "false");
    S_set_money(s, "total", aw->total);
    S_set_count(s, "collectives", aw->collectives);
    S_set_count(s, "individuals", aw->individuals);
    for (i = 0; i < m->nforms; i++) {
        const pp_form *f = &m->forms[i];
        int used = 0;
        for (k = 0; k < aw->ngroups; k++)
            used |= aw->groups[k].form == (int)i;
        if (!used)
            continue;
        S_start(s, "form");
        S_set(s, "id", f->id);
        S_set(s, "label", f->label);
        if (f->individual >= 0) {
            S_set_pts(s, "individual", f->individual, 1);
            S_set_money(s, "individual-amount",
                        pp_award_amount(f->individual, aw->base_salary));
        }
        if (f->collective >= 0) {
            S_set_pts(s, "collective", f->collective, 1);
            S_set_money(s, "collective-amount",
                        pp_award_amount(f->collective, aw->base_salary));
        }
        S_end(s);
    }
    for (i = 0; i < aw->ngroups; i++) {
        const pp_award_group *gr = &aw->groups[i];
        int nc = 0, ni = 0;
        S_start(s, "award");
        S_set_int(s, "n", (long long)i + 1);
        S_set(s, "form", m->forms[gr->form].id);
        S_set(s, "form-label", m->forms[gr->form].label);
        S_set(s, "reason", gr->reason);
        S_set_count(s, "collectives", gr->collectives);
        S_set_count(s, "individuals", gr->individuals);
        S_set_money(s, "total", gr->total);
        for (k = 0; k < gr->nlines; k++) {
            const pp_award_line *al = &gr->lines[k];
            S_start(s, al->individual ? "individual" : "collective");
            S_set_int(s, "n", al->individual ? ++ni : ++nc);
            if (al->unit >= 0) {
                S_set(s, "unit", m->units[al->unit].id);
                S_set(s, "kind", m->units[al->unit].kind);
            }
            S_set(s, "name", al->name);
            S_set(s, "position", al->position);
            S_set(s, "org", al->org);
            if (al->automatic)
                S_set(s, "automatic", "true");
            S_set_money(s, "amount", al->amount);
            S_end(s);
        }
        S_end(s);
    }
    S_end(s);
}

/* The whole file's results: <results> with the header, every block with
 * its units (to `detail`, see S_unit), and the awards. */
static void S_results(S_sink *s, const pp_model *m, const pp_results *r,
                      const pp_awards *aw, int criteria, int detail,
                      char **slugs)
{
    size_t b;
    int i;
    pp_prev_map pv;
    memset(&pv, 0, sizeof pv);
    if (detail >= S_SCORES &&
        pp_prev_map_init(&pv, m, r->prev_model) != PP_OK) {
        pp_prev_map_free(&pv);
        s->err = ENOMEM;
        return;
    }
    S_start(s, "results");
    S_header(s, m, r, criteria);
    for (b = 0; b < m->nblocks; b++) {
        S_block(s, m, r, b);
        for (i = 0; i < r->blocks[b].count; i++) {
            int ui = r->blocks[b].order[i];
            S_unit(s, m, r, ui, detail, slugs, &pv);
        }
        S_end(s);
    }
    S_awards(s, m, aw);
    S_end(s);
    pp_prev_map_free(&pv);
}

/* ---------------------------------------------------------------------
 * Entry points.
 */

/* The whole file's results as a DOM; see results.h. */
pp_doc *pp_results_doc(const pp_model *m, const pp_results *r,
                       const pp_awards *aw, const pp_results_opts *o,
                       char **slugs)
{
    xmlDocPtr doc = xmlNewDoc(X("1.0"));
    S_dom d;
    if (!doc)
        return NULL;
    S_dom_init(&d, doc, NULL);
    S_results(&d.s, m, r, aw, o && o->criteria,
              !o ? S_FIELDS : o->scores ? S_SCORES
                            : o->fields ? S_FIELDS : S_TOTALS,
              slugs);
    if (d.s.err) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

/* The whole file's results streamed to `path`; see results.h. */
pp_status pp_results_write(const pp_model *m, const pp_results *r,
                           const pp_awards *aw, char **slugs,
                           const char *path)
{
    S_file *f = S_file_open(path);
    if (!f)
        return PP_E_OUTPUT;
    S_results(&f->s, m, r, aw, 1, S_SCORES, slugs);
    return S_file_close(f, path) == 0 ? PP_OK : PP_E_OUTPUT;
}

/* One block's results; see results.h. */
pp_doc *pp_results_block_doc(const pp_model *m, const pp_results *r,
                             int block)
{
    xmlDocPtr doc = xmlNewDoc(X("1.0"));
    S_dom d;
    if (!doc)
        return NULL;
    S_dom_init(&d, doc, NULL);
    S_start(&d.s, "results");
    S_header(&d.s, m, r, 1);
    S_block(&d.s, m, r, (size_t)block);
    S_end(&d.s);
    S_end(&d.s);
    if (d.s.err) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

/* Point a block document at one of its units: results/@unit names it and
 * the <block> holds its <unit> element alone, the previous unit's
 * removed. The block's ranking and the unit's criterion scores are not
 * in the tree: templates take them from bound rows (sources "block" and
 * "criteria", docs/workbook.md). A small tree matters: libxslt walks the
 * whole input document at every transformation. */
void pp_results_doc_set_unit(pp_doc *doc, const pp_model *m,
                             const pp_results *r, int unit, char **slugs)
{
    xmlNodePtr root = xmlDocGetRootElement(doc), b, u, next;
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
        {
            S_dom d;
            S_dom_init(&d, doc, b);
            S_unit(&d.s, m, r, unit, S_FIELDS, slugs, NULL);
        }
    }
}

/* Save as indented UTF-8. */
pp_status pp_results_doc_save(pp_doc *doc, const char *path)
{
    return xmlSaveFormatFileEnc(path, doc, "UTF-8", 1) < 0 ? PP_E_OUTPUT
                                                          : PP_OK;
}

/* Free a document of pp_results_doc or pp_results_block_doc. */
void pp_results_doc_free(pp_doc *doc)
{
    xmlFreeDoc(doc);
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
