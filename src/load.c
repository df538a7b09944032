/*
 * load.c - the appraisal file (format 1) into a pp_model.
 *
 * Three things happen to the document at once:
 *   1. libxml2 parses it safely: no network, no DTD, no entities (a
 *      DOCTYPE stops the parser), limits on size and depth;
 *   2. the built-in XSD checks the shape;
 *   3. this file loads what is parsed, converts numbers to thousandths,
 *      normalises text to NFC and checks every rule of input-format.md,
 *      reporting each problem with its line and column.
 * A clean file is loaded in one streaming SAX pass (S_fast_load); any
 * file the streaming pass is not sure of is loaded again, from scratch,
 * by the reader path (S_stream), which reports every problem.
 * PARPACK_LOADER=reader forces the reader path, PARPACK_LOADER=verbose
 * tells on standard error why the streaming pass gave a file up.
 * The only module that reads input XML.
 */
#include "parpack/model.h"
#include "parpack/viet.h"
#include "arena.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PP_MAX_INPUT (256L * 1024 * 1024) /* bytes */
#define PP_MAX_POINTS ((pp_milli)1000000 * 1000) /* 1,000,000 points */

extern const unsigned char pp_appraisal_xsd[];
extern const unsigned long pp_appraisal_xsd_len;

/* ---------------------------------------------------------------------
 * Id lookup: open addressing hash of string -> int. Ids are alike
 * ("p01-001", "p01-002", ...): the hash is FNV-1a with a final mix so
 * that its low bits spread, and each slot keeps it to skip most strcmps.
 */
typedef struct {
    const char **keys;
    int *vals;
    uint64_t *hashes;
    size_t cap, len;
} S_map;

static uint64_t S_hash(const char *s)
{
    uint64_t h = 14695981039346656037ULL;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static int S_map_find(const S_map *m, const char *k, uint64_t h)
{
    size_t i;
    if (!m->cap)
        return -1;
    for (i = h & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
        if (m->hashes[i] == h && strcmp(m->keys[i], k) == 0)
            return m->vals[i];
    return -1;
}

/* The key stored for k, or NULL. */
static const char *S_map_key(const S_map *m, const char *k)
{
    size_t i;
    uint64_t h;
    if (!m->cap)
        return NULL;
    h = S_hash(k);
    for (i = h & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
        if (m->hashes[i] == h && strcmp(m->keys[i], k) == 0)
            return m->keys[i];
    return NULL;
}

static int S_map_get(const S_map *m, const char *k)
{
    return m->cap ? S_map_find(m, k, S_hash(k)) : -1;
}

/* Insert k -> v unless present; returns the existing value or -1. */
static int S_map_put(S_map *m, const char *k, int v)
{
    size_t i;
    uint64_t h = S_hash(k);
    int old = S_map_find(m, k, h);
    if (old >= 0)
        return old;
    if ((m->len + 1) * 2 > m->cap) {
        S_map n = {0};
        size_t j;
        n.cap = m->cap ? m->cap * 2 : 64;
        n.keys = calloc(n.cap, sizeof *n.keys);
        n.vals = calloc(n.cap, sizeof *n.vals);
        n.hashes = calloc(n.cap, sizeof *n.hashes);
        if (!n.keys || !n.vals || !n.hashes) {
            free(n.keys);
            free(n.vals);
            free(n.hashes);
            return -1;
        }
        for (j = 0; j < m->cap; j++)
            if (m->keys[j]) {
                for (i = m->hashes[j] & (n.cap - 1); n.keys[i];
                     i = (i + 1) & (n.cap - 1))
                    ;
                n.keys[i] = m->keys[j];
                n.vals[i] = m->vals[j];
                n.hashes[i] = m->hashes[j];
            }
        n.len = m->len;
        free(m->keys);
        free(m->vals);
        free(m->hashes);
        *m = n;
    }
    for (i = h & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
        ;
    m->keys[i] = k;
    m->vals[i] = v;
    m->hashes[i] = h;
    m->len++;
    return -1;
}

static void S_map_free(S_map *m)
{
    free(m->keys);
    free(m->vals);
    free(m->hashes);
    memset(m, 0, sizeof *m);
}

/* ---------------------------------------------------------------------
 * Loader state and positions.
 */
typedef struct {
    long line, col;
    size_t off;
} S_pos;

typedef struct {
    pp_model *m;
    pp_arena *a;
    pp_diags *d;
    const char *file;
    const char *buf;
    size_t len;
    size_t scan;        /* forward cursor for element start tags */
    size_t lcur;        /* line index of the last S_pos_fast */
    size_t *lines;      /* byte offset of each line start */
    size_t nlines;
    int stopped;        /* a DOCTYPE stopped the parser */
    int oom;
    size_t ucap, bcap;  /* units and blocks grow while streaming */
    S_map crit, unit, block;
    S_map notes;        /* notes already in the arena (keys only) */
    int cu;             /* the unit being loaded, or -1 */
    S_pos cu_at;        /* where its start tag is */
    unsigned flags;     /* PP_LOAD_* */
    size_t nscored;     /* units with at least one score */
} S_loader;

/* Line and column (in characters) of a byte offset. */
static S_pos S_pos_of(const S_loader *L, size_t off)
{
    S_pos p = {1, 1, off};
    size_t lo = 0, hi = L->nlines, i;
    if (!L->nlines)
        return p;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (L->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    p.line = (long)lo + 1;
    p.col = 1;
    for (i = L->lines[lo]; i < off && i < L->len; i++)
        if (((unsigned char)L->buf[i] & 0xC0) != 0x80)
            p.col++;
    return p;
}

static int S_namechar_end(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/' ||
           c == '>';
}

/* The position of a start tag's '<' at byte offset off, its column left
 * to S_err (col -1) since few are ever reported. Offsets come in document
 * order, so the line moves forward from the last one. */
static S_pos S_pos_fast(S_loader *L, size_t off)
{
    S_pos p;
    size_t i = L->lcur;
    if (i >= L->nlines || L->lines[i] > off)
        return S_pos_of(L, off);
    while (i + 1 < L->nlines && L->lines[i + 1] <= off)
        i++;
    L->lcur = i;
    p.line = (long)i + 1;
    p.col = -1;
    p.off = off;
    return p;
}

/* Where an element's start tag is. Elements built by the streaming pass
 * carry the offset of their '<' (+1) in _private; for the others (the
 * reader's tree) it is the next "<name" after the cursor. */
static S_pos S_node_pos(S_loader *L, xmlNodePtr n)
{
    const char *name = (const char *)n->name;
    size_t nl = strlen(name), i;
    long line;
    S_pos p;
    if (n->_private)
        return S_pos_of(L, (size_t)(uintptr_t)n->_private - 1);
    line = xmlGetLineNo(n);
    i = L->scan;
    if (line > 0 && (size_t)line <= L->nlines && L->lines[line - 1] > i)
        i = L->lines[line - 1];
    for (; i + nl + 1 < L->len; i++) {
        const char *hit = memchr(L->buf + i, '<', L->len - i);
        if (!hit)
            break;
        i = (size_t)(hit - L->buf);
        if (i + nl + 1 < L->len && memcmp(hit + 1, name, nl) == 0 &&
            S_namechar_end(hit[nl + 1])) {
            L->scan = i + 1;
            return S_pos_of(L, i);
        }
    }
    /* not found (e.g. another encoding): libxml2's line, column 1 */
    p.line = line > 0 ? line : 0;
    p.col = 1;
    p.off = L->scan;
    return p;
}

/* Where an element's start tag is, asked a second time. The reader
 * path's scan has gone past it by then and answers libxml2's line of the
 * element, column 1; the streaming pass answers the same, so that the
 * message (<awards> without a base salary) stays as it was. */
static S_pos S_node_pos_again(S_loader *L, xmlNodePtr n)
{
    S_pos p;
    long line;
    if (!n->_private)
        return S_node_pos(L, n);
    line = xmlGetLineNo(n);
    p.line = line > 0 ? line : 0;
    p.col = 1;
    p.off = L->scan;
    return p;
}

/* Where attribute `attr` of the element at `at` is. */
static S_pos S_attr_pos(const S_loader *L, S_pos at, const char *attr)
{
    size_t i = at.off, al = strlen(attr);
    char quote = 0;
    if (at.line == 0 || i >= L->len)
        return at;
    for (; i < L->len; i++) {
        char c = L->buf[i];
        if (quote) {
            if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '"' || c == '\'') {
            quote = c;
            continue;
        }
        if (c == '>')
            break;
        if ((c == ' ' || c == '\t' || c == '\n' || c == '\r') &&
            i + 1 + al < L->len && memcmp(L->buf + i + 1, attr, al) == 0) {
            size_t j = i + 1 + al;
            while (j < L->len && (L->buf[j] == ' ' || L->buf[j] == '\t' ||
                                  L->buf[j] == '\n' || L->buf[j] == '\r'))
                j++;
            if (j < L->len && L->buf[j] == '=')
                return S_pos_of(L, i + 1);
        }
    }
    return at;
}

static void S_err(S_loader *L, S_pos p, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void S_warn(S_loader *L, S_pos p, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Report an error at p. */
static void S_err(S_loader *L, S_pos p, const char *fmt, ...)
{
    va_list ap;
    if (p.col < 0)
        p = S_pos_of(L, p.off);
    va_start(ap, fmt);
    pp_diag_vadd(L->d, PP_ERROR, L->file, p.line, p.col, fmt, ap);
    va_end(ap);
}

/* Report a warning at p. */
static void S_warn(S_loader *L, S_pos p, const char *fmt, ...)
{
    va_list ap;
    if (p.col < 0)
        p = S_pos_of(L, p.off);
    va_start(ap, fmt);
    pp_diag_vadd(L->d, PP_WARNING, L->file, p.line, p.col, fmt, ap);
    va_end(ap);
}

/* ---------------------------------------------------------------------
 * Values.
 */

/* Parse "87.49" into thousandths (see model.h for the return codes). */
int pp_milli_parse(const char *s, pp_milli *out)
{
    pp_milli v = 0;
    int digits = 0, decimals = 0, dot = 0;
    if (!s)
        return -1;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') {
            if (dot) {
                if (++decimals > 3)
                    return -3;
            } else if (++digits > 12) {
                return -4;
            }
            v = v * 10 + (*s - '0');
        } else if (*s == '.' && !dot) {
            dot = 1;
        } else if (*s == ',') {
            return -2;
        } else {
            break;
        }
    }
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    if (*s || digits == 0 || (dot && decimals == 0))
        return -1;
    for (; decimals < 3; decimals++)
        v *= 10;
    *out = v;
    return 0;
}

/* An attribute's value as libxml2 holds it (no copy), or NULL. Values
 * made of one text node (every value without entity references, and we
 * refuse entities) are read in place. */
static const char *S_raw(xmlNodePtr n, const char *name)
{
    xmlAttrPtr a;
    for (a = n->properties; a; a = a->next)
        if (a->name[0] == (xmlChar)name[0] &&
            strcmp((const char *)a->name, name) == 0) {
            if (a->children && a->children->type == XML_TEXT_NODE &&
                !a->children->next)
                return (const char *)a->children->content;
            return a->children ? NULL : "";
        }
    return NULL;
}

/* An element seen either as a tree node or as a streamed start tag: its
 * name and attributes, for the elements loaded without building a tree. */
#define S_EL_MAX 8
enum { A_C, A_SELF, A_APPRAISED, A_NA, A_NOTE, A_YEAR, A_RANK, A_INDEX, A_N };
static const char *const S_anames[A_N] = {
    "c", "self", "appraised", "na", "note", "year", "rank", "index"};
typedef struct {
    xmlNodePtr node;  /* the tree node, or NULL for a streamed tag */
    const char *name; /* local name */
    int n;            /* streamed: attributes, values decoded */
    const char *an[S_EL_MAX], *av[S_EL_MAX];
    int slotted;      /* streamed: the A_ attributes are in slot */
    const char *slot[A_N];
} S_el;

static void S_el_node(S_el *e, xmlNodePtr n)
{
    e->node = n;
    e->name = (const char *)n->name;
    e->n = 0;
    e->slotted = 0;
}

/* An attribute's raw value (no copy), or NULL when absent. */
static const char *S_el_raw(const S_el *e, const char *name)
{
    int i;
    if (e->node)
        return S_raw(e->node, name);
    for (i = 0; i < e->n; i++)
        if (e->an[i][0] == name[0] && strcmp(e->an[i], name) == 0)
            return e->av[i];
    return NULL;
}

/* The raw value of a child of a unit's attribute A_..., or NULL. */
static const char *S_el_attr(const S_el *e, int a)
{
    if (e->slotted)
        return e->slot[a];
    return S_el_raw(e, S_anames[a]);
}

/* A raw attribute value, NFC, in the arena; NULL stays NULL. */
static char *S_attrv(S_loader *L, const char *v)
{
    char *r;
    if (!v)
        return NULL;
    if (pp_is_nfc(v)) {
        r = pp_arena_strdup(L->a, v);
    } else {
        char *nfc = pp_nfc(v);
        r = pp_arena_strdup(L->a, nfc ? nfc : v);
        free(nfc);
    }
    if (!r)
        L->oom = 1;
    return r;
}

/* A score's note, NFC, in the arena; NULL stays NULL. Appraisers write
 * the same few notes again and again: a note already seen (and NFC) is
 * shared, not normalised and copied again. */
#define S_NOTES_MAX 4096
static char *S_note(S_loader *L, const char *v)
{
    const char *seen;
    char *r;
    if (!v)
        return NULL;
    seen = S_map_key(&L->notes, v);
    if (seen)
        return (char *)seen;
    r = S_attrv(L, v);
    if (r && L->notes.len < S_NOTES_MAX && strcmp(r, v) == 0)
        S_map_put(&L->notes, r, 0);
    return r;
}

/* An attribute's value, NFC, in the arena; NULL when absent. */
static char *S_attr(S_loader *L, xmlNodePtr n, const char *name);

/* The signer's office and body: given, or derived from the older
 * authority ("TM. ỦY BAN NHÂN DÂN") and capacity ("KT. CHỦ TỊCH") or
 * title ("PHÓ CHỦ TỊCH"); the title follows the office when absent. */
static void S_signer_office(S_loader *L, pp_signer *s, const char *office,
                            const char *body)
{
    if (office)
        s->office = strcmp(office, "deputy") == 0 ? PP_OFFICE_DEPUTY
                                                  : PP_OFFICE_CHAIRMAN;
    else if ((s->capacity && strncmp(s->capacity, "KT.", 3) == 0) ||
             (s->title && strncmp(s->title, "PHÓ", strlen("PHÓ")) == 0))
        s->office = PP_OFFICE_DEPUTY;
    else
        s->office = PP_OFFICE_CHAIRMAN;
    if (body)
        s->body = (char *)body;
    else if (s->authority && strncmp(s->authority, "TM. ", 4) == 0)
        s->body = pp_arena_strdup(L->a, s->authority + 4);
    else
        s->body = pp_arena_strdup(L->a, "ỦY BAN NHÂN DÂN");
    if (!s->title)
        s->title = pp_arena_strdup(L->a, s->office == PP_OFFICE_DEPUTY
                                             ? "PHÓ CHỦ TỊCH"
                                             : "CHỦ TỊCH");
}

static char *S_attr(S_loader *L, xmlNodePtr n, const char *name)
{
    return S_attrv(L, S_raw(n, name));
}

/* An element's text content, NFC, trimmed, in the arena. */
static char *S_text(S_loader *L, xmlNodePtr n)
{
    xmlChar *v = xmlNodeGetContent(n);
    char *s, *e, *r, *nfc;
    if (!v)
        return pp_arena_strdup(L->a, "");
    s = (char *)v;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
                     e[-1] == '\r'))
        e--;
    *e = 0;
    nfc = pp_nfc(s);
    r = pp_arena_strdup(L->a, nfc ? nfc : s);
    free(nfc);
    xmlFree(v);
    return r;
}

/* What a message is about, e.g. "unit 'x' (X), criterion '1.2'": either
 * given as text, or a format with up to three strings that is only
 * formatted when a message needs it (most values are fine). */
typedef struct {
    const char *text; /* the text, or NULL until formatted */
    const char *fmt;
    const char *a, *b, *c;
    char buf[400];
} S_what;

static const char *S_what_text(S_what *w)
{
    if (!w->text) {
        snprintf(w->buf, sizeof w->buf, w->fmt, w->a, w->b, w->c);
        w->text = w->buf;
    }
    return w->text;
}

/* Check a number attribute's raw value v (NULL when absent); reports why
 * when it is not one. Returns 1 if present and valid, 0 if absent, -1 if
 * invalid (reported). */
static int S_numv(S_loader *L, const char *v, S_pos at, const char *attr,
                  S_what *w, pp_milli *out)
{
    const char *what;
    int rc;
    if (!v)
        return 0;
    rc = pp_milli_parse(v, out);
    if (rc == 0)
        return 1;
    what = S_what_text(w);
    at = S_attr_pos(L, at, attr);
    if (rc == -2) {
        char fixed[64];
        size_t i;
        snprintf(fixed, sizeof fixed, "%s", v);
        for (i = 0; fixed[i]; i++)
            if (fixed[i] == ',')
                fixed[i] = '.';
        S_err(L, at,
              "%s: %s=\"%s\" uses a decimal comma; write numbers with a dot: "
              "%s=\"%s\"",
              what, attr, v, attr, fixed);
    } else if (rc == -3) {
        S_err(L, at,
              "%s: %s=\"%s\" has more than three decimals; round it to at "
              "most three (points are kept to the thousandth)",
              what, attr, v);
    } else if (rc == -4) {
        S_err(L, at, "%s: %s=\"%s\" is too large", what, attr, v);
    } else {
        S_err(L, at,
              "%s: %s=\"%s\" is not a number; write a plain decimal with a "
              "dot, such as 1.25",
              what, attr, v);
    }
    return -1;
}

/* Read a number attribute; reports why when it is not one. `what` names
 * the thing in the message, e.g. "unit 'x', criterion '1.2'". Returns 1 if
 * present and valid, 0 if absent, -1 if invalid (reported). */
static int S_num(S_loader *L, xmlNodePtr n, S_pos at, const char *attr,
                 const char *what, pp_milli *out)
{
    S_what w = {0};
    w.text = what;
    return S_numv(L, S_raw(n, attr), at, attr, &w, out);
}

/* Check a non-negative integer attribute (rank, year, top) from its raw
 * value (NULL when absent). */
static int S_intv(S_loader *L, const char *raw, S_pos at, const char *attr,
                  S_what *w, long lo, long hi, int *out)
{
    char *v = S_attrv(L, raw), *end;
    long x;
    if (!v)
        return 0;
    errno = 0;
    x = strtol(v, &end, 10);
    while (*end == ' ')
        end++;
    if (errno || end == v || *end || x < lo || x > hi) {
        S_err(L, S_attr_pos(L, at, attr),
              "%s: %s=\"%s\" must be a whole number from %ld to %ld",
              S_what_text(w), attr, v, lo, hi);
        return -1;
    }
    *out = (int)x;
    return 1;
}

/* Read a non-negative integer attribute (rank, year, top). */
static int S_int(S_loader *L, xmlNodePtr n, S_pos at, const char *attr,
                 const char *what, long lo, long hi, int *out)
{
    S_what w = {0};
    w.text = what;
    return S_intv(L, S_raw(n, attr), at, attr, &w, lo, hi, out);
}

static int S_is(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE &&
           strcmp((const char *)n->name, name) == 0;
}

static size_t S_count(xmlNodePtr n, const char *name)
{
    size_t k = 0;
    xmlNodePtr c;
    for (c = n ? n->children : NULL; c; c = c->next)
        if (S_is(c, name))
            k++;
    return k;
}

#define ALLOC_N(L, type, n) \
    ((type *)pp_arena_alloc((L)->a, sizeof(type) * ((n) ? (n) : 1)))

/* ---------------------------------------------------------------------
 * Sections of the document.
 */

/* <appraisal format year precision> */
static void S_load_root(S_loader *L, const S_el *root, S_pos at)
{
    pp_model *m = L->m;
    char *fmt = S_attrv(L, S_el_raw(root, "format"));
    S_what w = {0};
    w.text = "the appraisal";
    if (fmt && strcmp(fmt, "1") != 0)
        S_err(L, S_attr_pos(L, at, "format"),
              "format=\"%s\" is not supported; this program reads format "
              "\"1\"",
              fmt);
    m->format = 1;
    S_intv(L, S_el_raw(root, "year"), at, "year", &w, 1990, 2200, &m->year);
    m->precision = 2;
    S_intv(L, S_el_raw(root, "precision"), at, "precision", &w, 0, 3,
           &m->precision);
}

/* <issuer> and <announcement> */
static void S_load_issuer(S_loader *L, xmlNodePtr iss, xmlNodePtr ann)
{
    pp_model *m = L->m;
    xmlNodePtr c, rec;
    S_pos at;
    size_t k;

    if (iss) {
        S_node_pos(L, iss);
        for (c = iss->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE)
                continue;
            at = S_node_pos(L, c);
            if (S_is(c, "parent"))
                m->issuer_parent = S_text(L, c);
            else if (S_is(c, "name"))
                m->issuer_name = S_text(L, c);
            else if (S_is(c, "symbol"))
                m->issuer_symbol = S_text(L, c);
            else if (S_is(c, "place"))
                m->issuer_place = S_text(L, c);
            else if (S_is(c, "email"))
                m->issuer_email = S_text(L, c);
            else if (S_is(c, "signer")) {
                m->signer.authority = S_attr(L, c, "authority");
                m->signer.capacity = S_attr(L, c, "capacity");
                m->signer.title = S_attr(L, c, "title");
                m->signer.name = S_attr(L, c, "name");
                S_signer_office(L, &m->signer, S_attr(L, c, "office"),
                                S_attr(L, c, "body"));
            } else if (S_is(c, "recipients")) {
                rec = c;
                m->nrecipients = S_count(rec, "to");
                m->recipients = ALLOC_N(L, char *, m->nrecipients);
                k = 0;
                for (c = rec->children; c; c = c->next)
                    if (S_is(c, "to")) {
                        S_node_pos(L, c);
                        m->recipients[k++] = S_text(L, c);
                    }
                c = rec;
            }
            (void)at;
        }
    }
    if (!m->issuer_name)
        m->issuer_name = pp_arena_strdup(L->a, "");
    if (!m->issuer_symbol)
        m->issuer_symbol = pp_arena_strdup(L->a, "");
    if (!m->issuer_place)
        m->issuer_place = pp_arena_strdup(L->a, "");
    if (ann) {
        char *date, *num;
        int y = 0, mo = 0, d = 0;
        char tail = 0;
        at = S_node_pos(L, ann);
        date = S_attr(L, ann, "date");
        num = S_attr(L, ann, "number");
        m->ann_number = num ? num : pp_arena_strdup(L->a, "");
        if (date) {
            static const int mdays[] = {31, 29, 31, 30, 31, 30,
                                        31, 31, 30, 31, 30, 31};
            int ok = sscanf(date, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) == 3 &&
                     strlen(date) == 10 && y >= 1990 && y <= 2200 &&
                     mo >= 1 && mo <= 12 && d >= 1 && d <= mdays[mo - 1];
            if (ok && mo == 2 && d == 29 &&
                !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
                ok = 0;
            if (!ok)
                S_err(L, S_attr_pos(L, at, "date"),
                      "announcement date=\"%s\" is not a date; write it as "
                      "YYYY-MM-DD, e.g. 2023-03-17",
                      date);
            else {
                m->ann_year = y;
                m->ann_month = mo;
                m->ann_day = d;
            }
        }
    }
    if (!m->ann_number)
        m->ann_number = pp_arena_strdup(L->a, "");
}

/* One <field> or <criterion> and its subtree, in pre-order. Returns its
 * max (the given one, or the sum of its children). */
static pp_milli S_load_criterion(S_loader *L, xmlNodePtr n, int parent,
                                 int field, int depth, size_t *k)
{
    pp_model *m = L->m;
    int me = (int)(*k)++;
    pp_criterion *c = &m->criteria[me];
    xmlNodePtr ch;
    S_pos at = S_node_pos(L, n);
    pp_milli given = 0, sum = 0;
    int has_max, prev = -1, nchildren = 0;
    char what[300], *src, b1[32], b2[32];

    c->id = S_attr(L, n, "id");
    c->name = S_attr(L, n, "name");
    if (!c->id)
        c->id = pp_arena_strdup(L->a, "?");
    if (!c->name)
        c->name = pp_arena_strdup(L->a, "");
    c->parent = parent;
    c->field = field;
    c->depth = depth;
    c->leaf = -1;
    c->first_child = -1;
    c->next = -1;
    c->line = at.line;
    snprintf(what, sizeof what, "criterion '%s'", c->id);

    if (S_map_put(&L->crit, c->id, me) >= 0)
        S_err(L, S_attr_pos(L, at, "id"),
              "criterion id '%s' is used twice in the scheme; every field and "
              "criterion needs its own id",
              c->id);
    src = S_attr(L, n, "source");
    c->source = !src                          ? PP_SOURCE_NONE
                : strcmp(src, "self") == 0    ? PP_SOURCE_SELF
                : strcmp(src, "survey") == 0  ? PP_SOURCE_SURVEY
                                              : PP_SOURCE_APPRAISAL;
    has_max = S_num(L, n, at, "max", what, &given);
    if (has_max == 1 && (given <= 0 || given > PP_MAX_POINTS)) {
        S_err(L, S_attr_pos(L, at, "max"),
              "%s: max=\"%s\" must be greater than 0", what,
              pp_fmt_points(b1, sizeof b1, given));
        has_max = -1;
    }

    for (ch = n->children; ch; ch = ch->next) {
        int cid;
        if (!S_is(ch, "criterion"))
            continue;
        cid = (int)*k;
        if (prev < 0)
            m->criteria[me].first_child = cid;
        else
            m->criteria[prev].next = cid;
        prev = cid;
        sum += S_load_criterion(L, ch, me, field, depth + 1, k);
        nchildren++;
    }
    c = &m->criteria[me];
    if (nchildren == 0) {
        c->leaf = (int)m->nleaves;
        m->leaves[m->nleaves++] = me;
        if (has_max == 0)
            S_err(L, at,
                  "%s (%s) has no sub-criteria and no max; give it "
                  "max=\"…\" points",
                  what, c->name);
        c->max = has_max == 1 ? given : 0;
    } else if (has_max == 1 && given != sum) {
        S_err(L, S_attr_pos(L, at, "max"),
              "%s (%s): max=\"%s\" is not the sum of its sub-criteria (%s); "
              "correct it, or leave max out to use the sum",
              what, c->name, pp_fmt_points(b1, sizeof b1, given),
              pp_fmt_points(b2, sizeof b2, sum));
        c->max = sum;
    } else {
        c->max = sum;
    }
    return c->max;
}

static size_t S_count_criteria(xmlNodePtr n)
{
    size_t k = 0;
    xmlNodePtr c;
    for (c = n->children; c; c = c->next)
        if (S_is(c, "criterion") || S_is(c, "field"))
            k += 1 + S_count_criteria(c);
    return k;
}

/* <scheme> */
static void S_load_scheme(S_loader *L, xmlNodePtr sch)
{
    pp_model *m = L->m;
    xmlNodePtr f;
    size_t n, k = 0, nf = 0;
    pp_milli sum = 0, given = 0;
    S_pos at;
    char b1[32], b2[32];

    if (!sch)
        return;
    at = S_node_pos(L, sch);
    m->scheme_title = S_attr(L, sch, "title");
    if (!m->scheme_title)
        m->scheme_title = pp_arena_strdup(L->a, "");
    n = S_count_criteria(sch);
    m->criteria = ALLOC_N(L, pp_criterion, n);
    m->leaves = ALLOC_N(L, int, n);
    m->nfields = S_count(sch, "field");
    m->fields = ALLOC_N(L, int, m->nfields);
    if (!m->criteria || !m->leaves || !m->fields) {
        L->oom = 1;
        return;
    }
    for (f = sch->children; f; f = f->next) {
        if (!S_is(f, "field"))
            continue;
        m->fields[nf] = (int)k;
        sum += S_load_criterion(L, f, -1, (int)nf, 0, &k);
        nf++;
    }
    m->ncriteria = k;
    m->scheme_max = sum;
    if (S_num(L, sch, at, "max", "the scheme", &given) == 1 && given != sum)
        S_err(L, S_attr_pos(L, at, "max"),
              "the scheme's max=\"%s\" is not the sum of its fields' maxima "
              "(%s); correct it, or leave it out",
              pp_fmt_points(b1, sizeof b1, given), pp_fmt_points(b2, sizeof b2, sum));
}

/* <tiers>, <ratings>, <flags> */
static void S_load_rules(S_loader *L, xmlNodePtr tiers, xmlNodePtr ratings,
                         xmlNodePtr flags)
{
    pp_model *m = L->m;
    xmlNodePtr c;
    S_pos at, last = {0, 0, 0};
    char b1[32], b2[32], what[300];

    if (tiers) {
        S_node_pos(L, tiers);
        m->tiers = ALLOC_N(L, pp_tier, S_count(tiers, "tier"));
        for (c = tiers->children; c; c = c->next) {
            pp_tier *t;
            if (!S_is(c, "tier"))
                continue;
            at = S_node_pos(L, c);
            t = &m->tiers[m->ntiers];
            t->label = S_attr(L, c, "label");
            if (!t->label)
                t->label = pp_arena_strdup(L->a, "");
            snprintf(what, sizeof what, "tier '%s'", t->label);
            if (S_num(L, c, at, "min", what, &t->min) != 1)
                continue;
            if (t->min > 100000) {
                S_err(L, S_attr_pos(L, at, "min"),
                      "%s: min=\"%s\" is above 100 (an index is a percentage)",
                      what, pp_fmt_points(b1, sizeof b1, t->min));
            } else if (m->ntiers > 0 && t->min >= m->tiers[m->ntiers - 1].min) {
                S_err(L, S_attr_pos(L, at, "min"),
                      "%s: min=\"%s\" is not below the tier before it (%s); "
                      "list tiers highest first, each min lower than the last",
                      what, pp_fmt_points(b1, sizeof b1, t->min),
                      pp_fmt_points(b2, sizeof b2, m->tiers[m->ntiers - 1].min));
            }
            m->ntiers++;
            last = at;
        }
        if (m->ntiers > 0 && m->tiers[m->ntiers - 1].min != 0)
            S_err(L, last,
                  "the last tier must have min=\"0\", so that every unit "
                  "falls in a tier");
    }

    if (ratings) {
        S_map ids = {0};
        S_node_pos(L, ratings);
        m->ratings = ALLOC_N(L, pp_rating, S_count(ratings, "rating"));
        for (c = ratings->children; c; c = c->next) {
            pp_rating *r;
            int has;
            if (!S_is(c, "rating"))
                continue;
            at = S_node_pos(L, c);
            r = &m->ratings[m->nratings];
            r->id = S_attr(L, c, "id");
            r->label = S_attr(L, c, "label");
            if (!r->id)
                r->id = pp_arena_strdup(L->a, "?");
            if (!r->label)
                r->label = pp_arena_strdup(L->a, "");
            snprintf(what, sizeof what, "rating '%s'", r->id);
            if (S_map_put(&ids, r->id, (int)m->nratings) >= 0)
                S_err(L, S_attr_pos(L, at, "id"),
                      "rating id '%s' is used twice; give each rating its own "
                      "id",
                      r->id);
            S_num(L, c, at, "min", what, &r->min);
            has = S_num(L, c, at, "field-min", what, &r->field_min);
            r->has_field_min = has == 1;
            if (r->min > 100000 || r->field_min > 100000)
                S_err(L, at, "%s: min and field-min are percentages, from 0 "
                             "to 100",
                      what);
            m->nratings++;
            last = at;
        }
        S_map_free(&ids);
        if (m->nratings > 0) {
            pp_rating *r = &m->ratings[m->nratings - 1];
            if (r->min != 0 || r->has_field_min)
                S_err(L, last,
                      "rating '%s' is the last rating but is not a catch-all: "
                      "the last rating must have min=\"0\" and no field-min, "
                      "so that every unit's head gets a rating",
                      r->id);
        }
    }

    if (flags) {
        S_map ids = {0};
        S_node_pos(L, flags);
        m->flags = ALLOC_N(L, pp_flag, S_count(flags, "flag"));
        for (c = flags->children; c; c = c->next) {
            pp_flag *fl;
            char *field;
            int ci;
            if (!S_is(c, "flag"))
                continue;
            at = S_node_pos(L, c);
            fl = &m->flags[m->nflags];
            fl->id = S_attr(L, c, "id");
            fl->label = S_attr(L, c, "label");
            if (!fl->id)
                fl->id = pp_arena_strdup(L->a, "?");
            if (!fl->label)
                fl->label = pp_arena_strdup(L->a, "");
            snprintf(what, sizeof what, "flag '%s'", fl->id);
            if (S_map_put(&ids, fl->id, (int)m->nflags) >= 0)
                S_err(L, S_attr_pos(L, at, "id"),
                      "flag id '%s' is used twice", fl->id);
            field = S_attr(L, c, "field");
            ci = field ? S_map_get(&L->crit, field) : -1;
            fl->field = -1;
            if (field && ci < 0)
                S_err(L, S_attr_pos(L, at, "field"),
                      "%s: field=\"%s\" is not a field of the scheme", what,
                      field);
            else if (field && m->criteria[ci].depth != 0)
                S_err(L, S_attr_pos(L, at, "field"),
                      "%s: '%s' is a criterion, not a field; a flag names a "
                      "top-level <field> id",
                      what, field);
            else if (field)
                fl->field = m->criteria[ci].field;
            S_num(L, c, at, "below", what, &fl->below);
            if (fl->below > 100000)
                S_err(L, S_attr_pos(L, at, "below"),
                      "%s: below is a percentage, from 0 to 100", what);
            m->nflags++;
        }
        S_map_free(&ids);
    }
}

/* One <unit>, in three steps so that it can be loaded from a tree or
 * while streaming: its start tag (identity), each <previous> and <score>
 * child, then its end (every leaf scored). L->cu is the unit being loaded,
 * -1 when none. */
static void S_unit_begin(S_loader *L, const S_el *n, S_pos at, int block)
{
    pp_model *m = L->m;
    int me;
    pp_unit *u;
    L->cu = -1;
    if (m->nunits == L->ucap) {
        size_t cap = L->ucap ? L->ucap * 2 : 64;
        pp_unit *nu = realloc(m->units, cap * sizeof *nu);
        if (!nu) {
            L->oom = 1;
            return;
        }
        m->units = nu;
        L->ucap = cap;
    }
    me = (int)m->nunits++;
    u = &m->units[me];
    memset(u, 0, sizeof *u);

    u->id = S_attrv(L, S_el_raw(n, "id"));
    u->name = S_attrv(L, S_el_raw(n, "name"));
    if (!u->id)
        u->id = pp_arena_strdup(L->a, "?");
    if (!u->name)
        u->name = pp_arena_strdup(L->a, "");
    u->kind = S_attrv(L, S_el_raw(n, "kind"));
    u->head = S_attrv(L, S_el_raw(n, "head"));
    u->email = S_attrv(L, S_el_raw(n, "email"));
    u->block = block;
    u->line = at.line;
    if (u->email && !*u->email)
        u->email = NULL;
    u->scores = ALLOC_N(L, pp_score, m->nleaves);
    if (!u->scores) {
        L->oom = 1;
        return;
    }
    {
        int first = S_map_put(&L->unit, u->id, me);
        if (first >= 0)
            S_err(L, S_attr_pos(L, at, "id"),
                  "unit id '%s' is used twice (first at line %ld, %s); every "
                  "unit needs its own id",
                  u->id, m->units[first].line, m->units[first].name);
    }
    L->cu = me;
    L->cu_at = at;
}

/* A score `v` given in attribute `attr` ("self-assessed" or "appraised":
 * `label`) must not be above its criterion's maximum. */
static void S_above_max(S_loader *L, S_pos at, const char *attr,
                        const char *label, S_what *w, pp_milli v,
                        pp_milli max)
{
    char b1[32], b2[32];
    if (v <= max)
        return;
    pp_fmt_points(b2, sizeof b2, max);
    S_err(L, S_attr_pos(L, at, attr),
          "%s: %s score %s is above the criterion's maximum %s; it must be "
          "from 0 to %s",
          S_what_text(w), label, pp_fmt_points(b1, sizeof b1, v), b2, b2);
}

/* A child of the unit being loaded: <previous> or <score> (others are
 * ignored), at `pat`. */
static void S_unit_child(S_loader *L, const S_el *c, S_pos pat)
{
    pp_model *m = L->m;
    pp_unit *u;
    char b1[32];
    S_what w; /* not zeroed: 400 bytes for each of 204,000 scores */
    if (L->cu < 0)
        return;
    w.text = NULL;
    w.c = NULL;
    u = &m->units[L->cu];
    if (strcmp(c->name, "previous") == 0) {
        w.fmt = "unit '%s' (%s), previous year";
        w.a = u->id;
        w.b = u->name;
        u->has_previous = 1;
        u->prev_line = pat.line;
        if (S_intv(L, S_el_attr(c, A_RANK), pat, "rank", &w, 1, 1000000,
                   &u->prev_rank) != 1)
            u->has_previous = 0;
        S_intv(L, S_el_attr(c, A_YEAR), pat, "year", &w, 1990, 2200,
               &u->prev_year);
        if (S_numv(L, S_el_attr(c, A_INDEX), pat, "index", &w,
                   &u->prev_index) == 1) {
            u->has_prev_index = 1;
            if (u->prev_index > 100000) {
                S_err(L, S_attr_pos(L, pat, "index"),
                      "%s: index=\"%s\" is above 100", S_what_text(&w),
                      pp_fmt_points(b1, sizeof b1, u->prev_index));
                u->has_prev_index = 0;
            }
        }
        if (u->prev_year && m->year && u->prev_year >= m->year)
            S_err(L, S_attr_pos(L, pat, "year"),
                  "%s: year=\"%d\" is not before this appraisal's year %d",
                  S_what_text(&w), u->prev_year, m->year);
    } else if (strcmp(c->name, "score") == 0) {
        S_pos sat = pat;
        const char *cid = S_el_attr(c, A_C), *na;
        int ci = cid ? S_map_get(&L->crit, cid) : -1, r1, r2;
        pp_criterion *cr;
        pp_score *s;
        const char *what;
        if (!cid)
            return; /* the schema reported it */
        w.fmt = "unit '%s' (%s), criterion '%s'";
        w.a = u->id;
        w.b = u->name;
        w.c = cid;
        if (ci < 0) {
            what = S_what_text(&w);
            S_err(L, S_attr_pos(L, sat, "c"),
                  "%s: there is no criterion '%s' in the scheme; check "
                  "the id against <scheme>",
                  what, cid);
            return;
        }
        cr = &m->criteria[ci];
        if (cr->leaf < 0) {
            what = S_what_text(&w);
            S_err(L, S_attr_pos(L, sat, "c"),
                  "%s (%s) has sub-criteria; score each of its "
                  "sub-criteria instead, not the criterion itself",
                  what, cr->name);
            return;
        }
        s = &u->scores[cr->leaf];
        if (s->present) {
            what = S_what_text(&w);
            S_err(L, sat,
                  "%s is scored twice (first at line %ld); keep one "
                  "<score> per criterion",
                  what, s->line);
            return;
        }
        s->present = 1;
        s->line = sat.line;
        s->note = S_note(L, S_el_attr(c, A_NOTE));
        if (s->note && !*s->note)
            s->note = NULL;
        na = S_el_attr(c, A_NA);
        s->na = na && (strcmp(na, "true") == 0 || strcmp(na, "1") == 0);
        r1 = S_numv(L, S_el_attr(c, A_SELF), sat, "self", &w, &s->self);
        r2 = S_numv(L, S_el_attr(c, A_APPRAISED), sat, "appraised", &w,
                    &s->appraised);
        s->has_self = r1 == 1;
        s->has_appraised = r2 == 1;
        if (s->na) {
            if (r1 == 1 || r2 == 1)
                S_warn(L, sat,
                       "%s is marked not applicable (na=\"true\") but has "
                       "points; the points are ignored",
                       S_what_text(&w));
            return;
        }
        if (r1 == 0 && r2 == 0) {
            S_err(L, sat,
                  "%s has no points: give appraised=\"…\" (the appraisal "
                  "council's score) or self=\"…\", or na=\"true\" if it "
                  "does not apply to this unit",
                  S_what_text(&w));
            return;
        }
        if (r1 == 1)
            S_above_max(L, sat, "self", "self-assessed", &w, s->self, cr->max);
        if (r2 == 1)
            S_above_max(L, sat, "appraised", "appraised", &w, s->appraised,
                        cr->max);
    }
}

/* The end of the unit being loaded: every leaf scored exactly once, at
 * least one applicable. */
static void S_unit_end(S_loader *L)
{
    pp_model *m = L->m;
    pp_unit *u;
    char list[512];
    size_t i, len = 0, nmissing = 0, napplicable = 0;
    S_pos at = L->cu_at;
    if (L->cu < 0)
        return;
    u = &m->units[L->cu];
    L->cu = -1;
    list[0] = 0;
    for (i = 0; i < m->nleaves; i++) {
        if (!u->scores[i].present) {
            const char *id = m->criteria[m->leaves[i]].id;
            if (nmissing < 12 && len + strlen(id) + 4 < sizeof list)
                len += (size_t)snprintf(list + len, sizeof list - len,
                                        "%s%s", nmissing ? ", " : "", id);
            nmissing++;
        } else if (!u->scores[i].na) {
            napplicable++;
        }
    }
    if (nmissing < m->nleaves)
        L->nscored++;
    else if (L->flags & PP_LOAD_BLANK)
        return; /* a unit of a blank appraisal: no score at all */
    if (nmissing)
        S_err(L, at,
              "unit '%s' (%s) has no score for %zu criteri%s: %s%s; add a "
              "<score c=\"…\"/> for each (na=\"true\" if it does not apply)",
              u->id, u->name, nmissing, nmissing == 1 ? "on" : "a", list,
              nmissing > 12 ? ", …" : "");
    else if (m->nleaves && napplicable == 0)
        S_err(L, at,
              "unit '%s' (%s): every criterion is marked not applicable; "
              "at least one must apply for the unit to have an index",
              u->id, u->name);
}

/* One <unit> from its tree. */
static void S_load_unit(S_loader *L, xmlNodePtr n, int block)
{
    xmlNodePtr c;
    S_el e;
    S_pos at = S_node_pos(L, n);
    S_el_node(&e, n);
    S_unit_begin(L, &e, at, block);
    if (L->cu < 0)
        return;
    for (c = n->children; c; c = c->next) {
        if (S_is(c, "previous") || S_is(c, "score")) {
            S_pos pat = S_node_pos(L, c);
            S_el_node(&e, c);
            S_unit_child(L, &e, pat);
        }
    }
    S_unit_end(L);
}

/* A new block; returns its index or -1. */
static int S_new_block(S_loader *L)
{
    pp_model *m = L->m;
    if (m->nblocks == L->bcap) {
        size_t cap = L->bcap ? L->bcap * 2 : 16;
        pp_block *nb = realloc(m->blocks, cap * sizeof *nb);
        if (!nb) {
            L->oom = 1;
            return -1;
        }
        m->blocks = nb;
        L->bcap = cap;
    }
    memset(&m->blocks[m->nblocks], 0, sizeof *m->blocks);
    return (int)m->nblocks++;
}

/* A <block> start tag (its units follow). */
static int S_load_block(S_loader *L, const S_el *c, S_pos at)
{
    pp_model *m = L->m;
    int me = S_new_block(L);
    pp_block *b;
    if (me < 0)
        return 0;
    b = &m->blocks[me];
    b->id = S_attrv(L, S_el_raw(c, "id"));
    b->name = S_attrv(L, S_el_raw(c, "name"));
    if (!b->id)
        b->id = pp_arena_strdup(L->a, "?");
    if (!b->name)
        b->name = pp_arena_strdup(L->a, "");
    b->line = at.line;
    if (S_map_put(&L->block, b->id, me) >= 0)
        S_err(L, S_attr_pos(L, at, "id"),
              "block id '%s' is used twice; every block needs its own id",
              b->id);
    return me;
}

/* ---------------------------------------------------------------------
 * Awards: the built-in forms and base salaries of domain.md.
 */
static const struct {
    const char *id, *label;
    pp_milli individual, collective; /* thousandths; -1 = not given */
} S_builtin_forms[] = {
    /* Law on Emulation and Commendation 06/2022/QH15; decree 98/2023 */
    {"bang-khen-tinh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", 1000,
     2000},
    {"giay-khen", "Giấy khen", 300, 600},
    {"giay-khen-xa", "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã", 150,
     300},
    {"co-thi-dua-tinh", "Cờ thi đua của Ủy ban nhân dân tỉnh", -1, 8000},
};

/* Base salary (mức lương cơ sở) in force from a date, newest last. */
static const struct {
    int from; /* yyyymmdd */
    long dong;
} S_base_salary[] = {
    {20170701, 1300000}, /* decree 47/2017/NĐ-CP */
    {20180701, 1390000}, /* decree 72/2018/NĐ-CP */
    {20190701, 1490000}, /* decree 38/2019/NĐ-CP */
    {20230701, 1800000}, /* decree 24/2023/NĐ-CP */
    {20240701, 2340000}, /* decree 73/2024/NĐ-CP */
    {20260701, 2530000}, /* reported as decree 161/2026, not confirmed */
};

/* The legal base salary on a date, or 0 before the table starts. */
static long S_legal_base_salary(int y, int mo, int d)
{
    int date = y * 10000 + mo * 100 + d;
    long v = 0;
    size_t i;
    for (i = 0; i < sizeof S_base_salary / sizeof *S_base_salary; i++)
        if (S_base_salary[i].from <= date)
            v = S_base_salary[i].dong;
    return v;
}

/* <awards> */
static void S_load_awards(S_loader *L, xmlNodePtr aw)
{
    pp_model *m = L->m;
    const size_t nbuiltin = sizeof S_builtin_forms / sizeof *S_builtin_forms;
    size_t nform = nbuiltin, i;
    xmlNodePtr c, r;
    S_map forms = {0}, rats = {0};
    S_pos at;
    char what[300];

    if (aw)
        nform += S_count(aw, "form");
    m->forms = ALLOC_N(L, pp_form, nform);
    if (!m->forms) {
        L->oom = 1;
        return;
    }
    for (i = 0; i < nbuiltin; i++) {
        pp_form *f = &m->forms[m->nforms++];
        f->id = (char *)S_builtin_forms[i].id;
        f->label = (char *)S_builtin_forms[i].label;
        f->individual = S_builtin_forms[i].individual;
        f->collective = S_builtin_forms[i].collective;
        S_map_put(&forms, f->id, (int)i);
    }
    for (i = 0; i < m->nratings; i++)
        S_map_put(&rats, m->ratings[i].id, (int)i);

    m->base_salary = S_legal_base_salary(m->ann_year, m->ann_month, m->ann_day);
    if (!aw)
        goto done;
    at = S_node_pos(L, aw);
    {
        char *bs = S_attr(L, aw, "base-salary"), *end;
        if (bs) {
            long v = strtol(bs, &end, 10);
            if (end == bs || *end || v <= 0 || v > 1000000000L)
                S_err(L, S_attr_pos(L, at, "base-salary"),
                      "awards: base-salary=\"%s\" must be a whole number of "
                      "đồng, e.g. 2340000",
                      bs);
            else {
                m->base_salary = v;
                m->has_base_salary = 1;
            }
        }
    }
    m->awards = ALLOC_N(L, pp_award, S_count(aw, "award"));
    m->autos = ALLOC_N(L, pp_auto, S_count(aw, "auto"));
    for (c = aw->children; c; c = c->next) {
        if (S_is(c, "form")) {
            pp_form tmp = {0};
            int idx;
            at = S_node_pos(L, c);
            tmp.id = S_attr(L, c, "id");
            tmp.label = S_attr(L, c, "label");
            if (!tmp.id)
                continue;
            snprintf(what, sizeof what, "award form '%s'", tmp.id);
            tmp.individual = tmp.collective = -1;
            if (S_num(L, c, at, "individual", what, &tmp.individual) != 1)
                tmp.individual = -1;
            if (S_num(L, c, at, "collective", what, &tmp.collective) != 1)
                tmp.collective = -1;
            idx = S_map_get(&forms, tmp.id);
            if (idx >= 0) { /* override the built-in or an earlier one */
                pp_form *f = &m->forms[idx];
                if (tmp.label)
                    f->label = tmp.label;
                if (tmp.individual >= 0 || tmp.collective >= 0) {
                    f->individual = tmp.individual;
                    f->collective = tmp.collective;
                }
            } else {
                m->forms[m->nforms] = tmp;
                if (!tmp.label)
                    m->forms[m->nforms].label = tmp.id;
                S_map_put(&forms, tmp.id, (int)m->nforms);
                m->nforms++;
            }
        } else if (S_is(c, "award")) {
            pp_award *a = &m->awards[m->nawards];
            char *fid;
            size_t k = 0;
            at = S_node_pos(L, c);
            fid = S_attr(L, c, "form");
            a->line = at.line;
            a->reason = S_attr(L, c, "reason");
            if (!a->reason)
                a->reason = pp_arena_strdup(L->a, "");
            a->form = fid ? S_map_get(&forms, fid) : -1;
            if (fid && a->form < 0)
                S_err(L, S_attr_pos(L, at, "form"),
                      "award: there is no award form '%s'; use a built-in one "
                      "(bang-khen-tinh, giay-khen, giay-khen-xa, "
                      "co-thi-dua-tinh) or declare it with <form id=\"%s\" …/>",
                      fid, fid);
            a->nrecipients = S_count(c, "collective") + S_count(c, "individual");
            a->recipients = ALLOC_N(L, pp_recipient, a->nrecipients);
            for (r = c->children; r; r = r->next) {
                pp_recipient *p;
                S_pos rat;
                if (!S_is(r, "collective") && !S_is(r, "individual"))
                    continue;
                rat = S_node_pos(L, r);
                p = &a->recipients[k++];
                p->line = rat.line;
                p->unit = -1;
                if (S_is(r, "individual")) {
                    p->kind = PP_RECIPIENT_INDIVIDUAL;
                    p->name = S_attr(L, r, "name");
                    p->position = S_attr(L, r, "position");
                    p->org = S_attr(L, r, "org");
                    if (a->form >= 0 && m->forms[a->form].individual < 0)
                        S_err(L, rat,
                              "award form '%s' is for collectives only; "
                              "an individual cannot receive it",
                              m->forms[a->form].id);
                } else {
                    char *uid = S_attr(L, r, "unit");
                    p->name = S_attr(L, r, "name");
                    if (uid) {
                        p->kind = PP_RECIPIENT_UNIT;
                        p->unit = S_map_get(&L->unit, uid);
                        if (p->unit < 0)
                            S_err(L, S_attr_pos(L, rat, "unit"),
                                  "award: collective unit=\"%s\" is not a "
                                  "unit of this file; use a unit id from "
                                  "<units>, or name=\"…\" for another "
                                  "collective",
                                  uid);
                        else if (!p->name)
                            p->name = m->units[p->unit].name;
                    } else if (p->name) {
                        p->kind = PP_RECIPIENT_COLLECTIVE;
                    } else {
                        S_err(L, rat,
                              "award: <collective> needs unit=\"…\" (a unit "
                              "id) or name=\"…\"");
                    }
                    if (a->form >= 0 && m->forms[a->form].collective < 0)
                        S_err(L, rat,
                              "award form '%s' is for individuals only",
                              m->forms[a->form].id);
                }
                if (!p->name)
                    p->name = pp_arena_strdup(L->a, "");
            }
            a->nrecipients = k;
            m->nawards++;
        } else if (S_is(c, "auto")) {
            pp_auto *au = &m->autos[m->nautos];
            char *fid, *rid;
            at = S_node_pos(L, c);
            au->line = at.line;
            fid = S_attr(L, c, "form");
            rid = S_attr(L, c, "rating");
            au->reason = S_attr(L, c, "reason");
            au->form = fid ? S_map_get(&forms, fid) : -1;
            au->rating = rid ? S_map_get(&rats, rid) : -1;
            if (fid && au->form < 0)
                S_err(L, S_attr_pos(L, at, "form"),
                      "auto: there is no award form '%s'", fid);
            if (rid && au->rating < 0)
                S_err(L, S_attr_pos(L, at, "rating"),
                      "auto: there is no rating '%s' in <ratings>", rid);
            if (au->form >= 0 && m->forms[au->form].collective < 0)
                S_err(L, at, "auto: award form '%s' is for individuals only; "
                             "auto nominates units",
                      fid);
            S_int(L, c, at, "top", "auto", 1, 100000, &au->top);
            m->nautos++;
        }
    }
done:
    if (m->base_salary <= 0 && (m->nawards || m->nautos))
        S_err(L, S_node_pos_again(L, aw),
              "awards: no legal base salary is known for the announcement "
              "date; give it with <awards base-salary=\"…\">");
    S_map_free(&forms);
    S_map_free(&rats);
}

/* ---------------------------------------------------------------------
 * Parsing: safe libxml2 settings, errors into diagnostics.
 */
static void S_xml_error(void *ctx, xmlErrorPtr e)
{
    S_loader *L = ctx;
    char msg[512];
    if (!e || L->stopped)
        return;
    pp_diag_message(msg, sizeof msg, e->message);
    if (e->domain == XML_FROM_SCHEMASV)
        pp_diag_add(L->d, PP_ERROR, L->file, e->line, 1,
                    "the file does not follow the appraisal format: %s", msg);
    else if (strstr(msg, "Excessive depth"))
        pp_diag_add(L->d, PP_ERROR, L->file, e->line, e->int2 > 0 ? e->int2 : 1,
                    "malformed XML: elements are nested more than 256 deep; "
                    "an appraisal file is far shallower (is it the right "
                    "file?)");
    else if (e->level >= XML_ERR_ERROR)
        pp_diag_add(L->d, PP_ERROR, L->file, e->line, e->int2 > 0 ? e->int2 : 1,
                    "malformed XML: %s", msg);
}

/* The first `pat` in b[from, n), or NULL: bounded, because a buffer
 * given to pp_model_load_memory need not end in a zero byte. */
static const char *S_find_in(const char *b, size_t from, size_t n,
                             const char *pat)
{
    size_t k = strlen(pat), i;
    for (i = from; i + k <= n; i++)
        if (b[i] == pat[0] && memcmp(b + i, pat, k) == 0)
            return b + i;
    return NULL;
}

/* Refuse a DOCTYPE before libxml2 reads it: scan the prolog (BOM, XML
 * declaration, comments, processing instructions, white space). */
static int S_prolog(S_loader *L)
{
    size_t i = 0, n = L->len;
    const char *b = L->buf;
    if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (;;) {
        while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' ||
                         b[i] == '\n'))
            i++;
        if (i + 1 < n && b[i] == '<' && b[i + 1] == '?') {
            const char *e = S_find_in(b, i, n, "?>");
            if (!e)
                return 0;
            i = (size_t)(e - b) + 2;
        } else if (i + 3 < n && memcmp(b + i, "<!--", 4) == 0) {
            const char *e = S_find_in(b, i + 4, n, "-->");
            if (!e)
                return 0;
            i = (size_t)(e - b) + 3;
        } else if (i + 8 < n && memcmp(b + i, "<!DOCTYPE", 9) == 0) {
            S_pos p = S_pos_of(L, i);
            pp_diag_add(L->d, PP_ERROR, L->file, p.line, p.col,
                        "the file has a <!DOCTYPE> declaration; appraisal "
                        "files may not use DTDs or entities (remove the "
                        "DOCTYPE and write the text itself)");
            return -1;
        } else {
            return 0;
        }
    }
}

/* First checks on the raw bytes, and the line index for positions. */
static int S_precheck(S_loader *L)
{
    const char *p, *end = L->buf + L->len;
    if (L->len == 0) {
        pp_diag_add(L->d, PP_ERROR, L->file, 0, 0,
                    "the file is empty; expected an <appraisal> document");
        return -1;
    }
    if (L->len > (size_t)PP_MAX_INPUT) {
        pp_diag_add(L->d, PP_ERROR, L->file, 0, 0,
                    "the file is larger than %ld MB; an appraisal file is "
                    "far smaller (is it the right file?)",
                    PP_MAX_INPUT / (1024 * 1024));
        return -1;
    }
    if (L->len >= 2 && (((unsigned char)L->buf[0] == 0xFE &&
                         (unsigned char)L->buf[1] == 0xFF) ||
                        ((unsigned char)L->buf[0] == 0xFF &&
                         (unsigned char)L->buf[1] == 0xFE))) {
        pp_diag_add(L->d, PP_ERROR, L->file, 0, 0,
                    "the file is in UTF-16; save it as UTF-8");
        return -1;
    }
    if (memchr(L->buf, 0, L->len < 4096 ? L->len : 4096)) {
        pp_diag_add(L->d, PP_ERROR, L->file, 0, 0,
                    "the file is binary, not an XML text file; export the "
                    "appraisal as XML (UTF-8)");
        return -1;
    }
    L->nlines = 1;
    for (p = L->buf; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        L->nlines++;
    L->lines = malloc(L->nlines * sizeof *L->lines);
    if (!L->lines) {
        L->oom = 1;
        return -1;
    }
    L->lines[0] = 0;
    L->nlines = 1;
    for (p = L->buf; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        L->lines[L->nlines++] = (size_t)(p - L->buf) + 1;
    return S_prolog(L);
}

/* The built-in XSD, parsed once per process. */
static xmlSchemaPtr S_schema(S_loader *L)
{
    static xmlSchemaPtr schema;
    if (!schema) {
        xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(
            (const char *)pp_appraisal_xsd, (int)pp_appraisal_xsd_len);
        schema = pc ? xmlSchemaParse(pc) : NULL;
        xmlSchemaFreeParserCtxt(pc);
        if (!schema)
            pp_diag_add(L->d, PP_ERROR, NULL, 0, 0,
                        "internal error: the built-in schema does not load");
    }
    return schema;
}

/* Expand the current element into a subtree (freed when the reader moves
 * past it). */
static xmlNodePtr S_expand(xmlTextReaderPtr r)
{
    return xmlTextReaderExpand(r);
}

/* The reader path: libxml2's reader with the XSD validating the stream;
 * each top-level section, and each unit, is expanded on its own and
 * dropped once loaded, so memory stays bounded by one unit, whatever the
 * number of units. It reports every problem of a file, malformed or not
 * following the XSD (the streaming pass below only loads clean files). */
static void S_stream(S_loader *L)
{
    xmlTextReaderPtr r;
    xmlSchemaValidCtxtPtr v = NULL;
    xmlSchemaPtr schema = S_schema(L);
    int ret, block = 0, in_units = 0, seen_root = 0;
    xmlNodePtr n;
    S_el e;

    r = xmlReaderForMemory(L->buf, (int)L->len, L->file, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOCDATA |
                               XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING |
                               XML_PARSE_COMPACT);
    if (!r) {
        L->oom = 1;
        return;
    }
    if (schema) {
        v = xmlSchemaNewValidCtxt(schema);
        if (v) {
            xmlSchemaSetValidStructuredErrors(v, S_xml_error, L);
            xmlTextReaderSchemaValidateCtxt(r, v, 0);
        }
    }
    /* parser errors: the global handler (the reader's own relay
     * misbehaves with schema validation in libxml2 2.9) */
    xmlSetStructuredErrorFunc(L, S_xml_error);
    ret = xmlTextReaderRead(r);
    while (ret == 1) {
        int type = xmlTextReaderNodeType(r), depth = xmlTextReaderDepth(r);
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            pp_diag_add(L->d, PP_ERROR, L->file, 1, 1,
                        "the file has a <!DOCTYPE> declaration; appraisal "
                        "files may not use DTDs or entities");
            break;
        }
        if (type == XML_READER_TYPE_ENTITY_REFERENCE) {
            n = xmlTextReaderCurrentNode(r);
            pp_diag_add(L->d, PP_ERROR, L->file, n ? xmlGetLineNo(n) : 0, 1,
                        "the file uses an entity reference (&%s;); write "
                        "the text itself",
                        name ? name : "");
            break;
        }
        if (type != XML_READER_TYPE_ELEMENT) {
            if (type == XML_READER_TYPE_END_ELEMENT && depth == 1 &&
                strcmp(name, "units") == 0)
                in_units = 0;
            ret = xmlTextReaderRead(r);
            continue;
        }
        if (depth == 0) {
            n = xmlTextReaderCurrentNode(r);
            seen_root = 1;
            if (strcmp(name, "appraisal") != 0) {
                pp_diag_add(L->d, PP_ERROR, L->file, xmlGetLineNo(n), 1,
                            "the root element is <%s>, expected <appraisal>",
                            name);
                break;
            }
            S_el_node(&e, n);
            S_load_root(L, &e, S_node_pos(L, n));
            ret = xmlTextReaderRead(r);
            continue;
        }
        if (depth == 1 && strcmp(name, "units") == 0) {
            S_node_pos(L, xmlTextReaderCurrentNode(r));
            in_units = 1;
            ret = xmlTextReaderRead(r);
            continue;
        }
        if (in_units && depth == 2 && strcmp(name, "block") == 0) {
            n = xmlTextReaderCurrentNode(r);
            S_el_node(&e, n);
            block = S_load_block(L, &e, S_node_pos(L, n));
            L->m->has_blocks = 1;
            ret = xmlTextReaderRead(r);
            continue;
        }
        if (in_units && (depth == 2 || depth == 3) &&
            strcmp(name, "unit") == 0) {
            if (depth == 2 && !L->m->has_blocks && L->m->nblocks == 0) {
                block = S_new_block(L);
                if (block >= 0) {
                    L->m->blocks[block].id = pp_arena_strdup(L->a, "");
                    L->m->blocks[block].name = pp_arena_strdup(L->a, "");
                }
            }
            n = S_expand(r);
            if (n)
                S_load_unit(L, n, depth == 2 ? 0 : block);
            ret = xmlTextReaderNext(r);
            continue;
        }
        if (depth == 1) {
            n = S_expand(r);
            if (!n) {
                ret = xmlTextReaderNext(r);
                continue;
            }
            if (strcmp(name, "issuer") == 0) {
                S_load_issuer(L, n, NULL);
            } else if (strcmp(name, "announcement") == 0) {
                S_load_issuer(L, NULL, n);
            } else if (strcmp(name, "scheme") == 0) {
                S_load_scheme(L, n);
            } else if (strcmp(name, "tiers") == 0) {
                S_load_rules(L, n, NULL, NULL);
            } else if (strcmp(name, "ratings") == 0) {
                S_load_rules(L, NULL, n, NULL);
            } else if (strcmp(name, "flags") == 0) {
                S_load_rules(L, NULL, NULL, n);
            } else if (strcmp(name, "awards") == 0) {
                S_load_awards(L, n);
            }
            ret = xmlTextReaderNext(r);
            continue;
        }
        ret = xmlTextReaderRead(r);
    }
    if (ret == 0 && !seen_root)
        pp_diag_add(L->d, PP_ERROR, L->file, 0, 0,
                    "malformed XML: no <appraisal> element");
    if (ret < 0 && L->d->errors == 0)
        pp_diag_add(L->d, PP_ERROR, L->file, 0, 0, "malformed XML");
    xmlFreeTextReader(r);
    if (v)
        xmlSchemaFreeValidCtxt(v);
    /* awards are optional: the built-in forms and the base salary */
    if (!L->m->forms)
        S_load_awards(L, NULL);
}

/* ---------------------------------------------------------------------
 * The streaming pass: one SAX pass over the buffer that loads the model
 * as it goes, the built-in XSD checking the same events. It builds a tree
 * only for the small top-level sections (with libxml2's own SAX2 builder,
 * as the reader would); units are loaded from their start tags.
 *
 * The children of a <unit> (204,000 <score>s in a national file) are
 * where the time goes, so they are not handed to the validator when they
 * are certainly valid: a <previous> first or a <score>, empty, with only
 * the attributes the XSD declares for it, the required ones present, and
 * values that meet its facets. Such a child can produce no schema error,
 * and leaving it out leaves the validator's state at the </unit> as it
 * would have been (the unit's content model accepts any such sequence,
 * including none). Whatever else, the pass gives up, and the reader path
 * (S_stream) loads the file from scratch: anything libxml2 reports (a
 * malformed file, a schema error, even a warning), a DOCTYPE or entity,
 * a namespace, another encoding, a child that is not certainly valid,
 * deep nesting. So the reader decides every file that is not clean, with
 * exactly its messages, and a clean file is loaded with the same checks
 * and the same messages, at the exact position of each start tag.
 */
typedef struct {
    S_loader *L;
    xmlParserCtxtPtr c;
    xmlSAXHandlerPtr vsax; /* the validator's own handlers */
    void *vdata;
    const char *why;       /* set: give up, with this reason */
    int depth;             /* elements open */
    int in_units, block;
    int unit;              /* depth of the open <unit>, or -1 */
    int nchild;            /* element children of that unit so far */
    xmlNodePtr sec;        /* top-level section being built, or NULL */
    size_t text;           /* characters since the last tag */
    char *scratch;         /* decoded attribute values */
    size_t scap;
    /* names in the parser's dictionary */
    const xmlChar *score, *previous, *c_, *self, *appraised, *na, *note,
        *year, *rank, *index;
} S_fast;

#define S_FAST_DEPTH 200       /* the reader refuses more than 256 */
#define S_FAST_TEXT 1000000L   /* its tree builder refuses 10 MB nodes */
#define S_FAST_CHUNK 4096      /* fewest instructions of 4 KB to 256 KB */

static void F_give_up(S_fast *F, const char *why)
{
    if (!F->why) {
        F->why = why;
        xmlStopParser(F->c);
    }
}

#define F_GIVE_UP(F, why) \
    do {                  \
        F_give_up(F, why); \
        return;           \
    } while (0)

/* Anything libxml2 reports: the parser's messages (data is the parser
 * context) and the validator's or any other (data is F). */
static void F_parser_error(void *data, xmlErrorPtr e)
{
    xmlParserCtxtPtr c = data;
    (void)e;
    F_give_up(c->_private, "libxml2 reported a problem");
}

static void F_error(void *data, xmlErrorPtr e)
{
    (void)e;
    F_give_up(data, "libxml2 reported a problem");
}

static S_fast *F_of(void *ctx)
{
    S_fast *F = ((xmlParserCtxtPtr)ctx)->_private;
    return F->why ? NULL : F;
}

/* The byte offset of the current start tag's '<'. The parser stands at
 * the tag's closing "/>" or ">" (the first attribute's value, when it is
 * read in place, is nearer), and '<' cannot occur inside a tag; the name
 * that follows it is checked. (size_t)-1 when it cannot be trusted. */
static size_t F_tag_off(const S_fast *F, const xmlChar *name, int nattrs,
                        const xmlChar **attrs)
{
    const xmlParserInputPtr in = F->c->input;
    const S_loader *L = F->L;
    size_t cur, nl = strlen((const char *)name);
    uintptr_t base, at;
    if (!in || !in->buf || in->buf->encoder || F->c->inputNr != 1)
        return (size_t)-1;
    base = (uintptr_t)in->base;
    at = (uintptr_t)in->cur;
    if (nattrs > 0 && (uintptr_t)attrs[3] >= base &&
        (uintptr_t)attrs[3] < at)
        at = (uintptr_t)attrs[3];
    cur = (size_t)in->consumed + (size_t)(at - base);
    if (cur > L->len)
        return (size_t)-1;
    while (cur > 0 && L->buf[cur - 1] != '<')
        cur--;
    if (cur == 0 || cur + nl >= L->len ||
        memcmp(L->buf + cur, name, nl) != 0 ||
        !S_namechar_end(L->buf[cur + nl]))
        return (size_t)-1;
    return cur - 1;
}

/* The start tag's attributes into e, values decoded as the tree builder
 * and the validator decode them ("&#38;" is the parser's escape for '&').
 * Only attributes without a namespace; 0, or -1 to give up. */
static int F_el(S_fast *F, S_el *e, const xmlChar *name, int nattrs,
                const xmlChar **attrs)
{
    size_t need = 0, k;
    int i;
    char *o;
    e->node = NULL;
    e->name = (const char *)name;
    e->n = nattrs;
    e->slotted = 0;
    if (nattrs > S_EL_MAX)
        return -1;
    for (i = 0; i < nattrs; i++) {
        if (attrs[i * 5 + 1] || attrs[i * 5 + 2])
            return -1;
        need += (size_t)(attrs[i * 5 + 4] - attrs[i * 5 + 3]) + 1;
    }
    if (need > F->scap) {
        size_t cap = F->scap ? F->scap : 4096;
        char *p;
        while (cap < need)
            cap *= 2;
        p = realloc(F->scratch, cap);
        if (!p)
            return -1;
        F->scratch = p;
        F->scap = cap;
    }
    o = F->scratch;
    for (i = 0; i < nattrs; i++) {
        const xmlChar *v = attrs[i * 5 + 3];
        size_t len = (size_t)(attrs[i * 5 + 4] - v);
        e->an[i] = (const char *)attrs[i * 5];
        e->av[i] = o;
        if (!memchr(v, '&', len)) {
            memcpy(o, v, len);
            o += len;
        } else {
            for (k = 0; k < len;) {
                if (k + 4 < len && memcmp(v + k, "&#38;", 5) == 0) {
                    *o++ = '&';
                    k += 5;
                } else {
                    *o++ = (char)v[k++];
                }
            }
        }
        *o++ = 0;
    }
    return 0;
}

/* Is this child of a <unit> certainly valid against the XSD (see above)?
 * Names come from the parser's dictionary: compared as pointers. Its
 * emptiness is checked as its content arrives. */
static int F_child_valid(const S_fast *F, const xmlChar *name, S_el *e,
                         const xmlChar **attrs)
{
    int i, has_req = 0;
    memset(e->slot, 0, sizeof e->slot);
    e->slotted = 1;
    if (name == F->score) {
        for (i = 0; i < e->n; i++) {
            const xmlChar *a = attrs[i * 5];
            const char *v = e->av[i];
            if (a == F->c_) {
                /* id: 1 to 200 characters (at most as many as bytes) */
                size_t len = strlen(v);
                if (len < 1 || len > 200)
                    return 0;
                has_req = 1;
                e->slot[A_C] = v;
            } else if (a == F->na) {
                /* bool: exactly one of the enumeration */
                if (strcmp(v, "true") && strcmp(v, "false") &&
                    strcmp(v, "1") && strcmp(v, "0"))
                    return 0;
                e->slot[A_NA] = v;
            } else if (a == F->self) {
                e->slot[A_SELF] = v;
            } else if (a == F->appraised) {
                e->slot[A_APPRAISED] = v;
            } else if (a == F->note) {
                e->slot[A_NOTE] = v;
            } else {
                return 0;
            }
        }
        return has_req;
    }
    if (name == F->previous && F->nchild == 0) {
        for (i = 0; i < e->n; i++) {
            const xmlChar *a = attrs[i * 5];
            if (a == F->rank) {
                has_req = 1;
                e->slot[A_RANK] = e->av[i];
            } else if (a == F->year) {
                e->slot[A_YEAR] = e->av[i];
            } else if (a == F->index) {
                e->slot[A_INDEX] = e->av[i];
            } else {
                return 0;
            }
        }
        return has_req;
    }
    return 0;
}

static void F_start_document(void *ctx)
{
    if (F_of(ctx))
        xmlSAX2StartDocument(ctx);
}

static void F_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
                    const xmlChar *URI, int nns, const xmlChar **ns,
                    int nattrs, int ndefaulted, const xmlChar **attrs)
{
    S_fast *F = F_of(ctx);
    S_loader *L;
    pp_model *m;
    S_el e;
    size_t off;
    int d, i;
    if (!F)
        return;
    L = F->L;
    m = L->m;
    d = F->depth++;
    F->text = 0;
    if (prefix || URI || nns || ndefaulted)
        F_GIVE_UP(F, "a namespace");
    for (i = 0; i < nattrs; i++)
        if (attrs[i * 5 + 1] || attrs[i * 5 + 2])
            F_GIVE_UP(F, "a namespace");
    if (d >= S_FAST_DEPTH)
        F_GIVE_UP(F, "deep nesting");
    if (F->c->input && F->c->input->buf && F->c->input->buf->encoder)
        F_GIVE_UP(F, "an encoding other than UTF-8");
    off = F_tag_off(F, name, nattrs, attrs);
    if (off == (size_t)-1)
        F_GIVE_UP(F, "a start tag not where expected");

    if (F->sec) { /* inside a top-level section: build its tree */
        xmlSAX2StartElementNs(ctx, name, prefix, URI, nns, ns, nattrs,
                              ndefaulted, attrs);
        if (F->c->node)
            F->c->node->_private = (void *)(uintptr_t)(off + 1);
        F->vsax->startElementNs(F->vdata, name, prefix, URI, nns, ns,
                                nattrs, ndefaulted, attrs);
        return;
    }
    if (F->unit >= 0) { /* a child of a unit */
        if (d != F->unit + 1)
            F_GIVE_UP(F, "an element inside a unit's child");
        if (F_el(F, &e, name, nattrs, attrs) != 0 ||
            !F_child_valid(F, name, &e, attrs))
            F_GIVE_UP(F, "a unit's child that the schema might "
                                "refuse");
        F->nchild++;
        S_unit_child(L, &e, S_pos_fast(L, off));
        return;
    }
    if (F_el(F, &e, name, nattrs, attrs) != 0)
        F_GIVE_UP(F, "too many attributes");
    if (d == 0) {
        if (strcmp(e.name, "appraisal") != 0)
            F_GIVE_UP(F, "another root element");
        S_load_root(L, &e, S_pos_fast(L, off));
    } else if (d == 1 && strcmp(e.name, "units") == 0) {
        F->in_units = 1;
    } else if (d == 1) {
        static const char *const sections[] = {
            "issuer", "announcement", "scheme", "tiers", "ratings", "flags",
            "awards", NULL};
        for (i = 0; sections[i]; i++)
            if (strcmp(e.name, sections[i]) == 0)
                break;
        if (!sections[i])
            F_GIVE_UP(F, "an unknown section");
        if (!F->c->myDoc)
            F_GIVE_UP(F, "no document");
        xmlSAX2StartElementNs(ctx, name, prefix, URI, nns, ns, nattrs,
                              ndefaulted, attrs);
        F->sec = F->c->node;
        if (!F->sec)
            F_GIVE_UP(F, "no tree for a section");
        F->sec->_private = (void *)(uintptr_t)(off + 1);
    } else if (F->in_units && d == 2 && strcmp(e.name, "block") == 0) {
        F->block = S_load_block(L, &e, S_pos_fast(L, off));
        m->has_blocks = 1;
    } else if (F->in_units && (d == 2 || d == 3) &&
               strcmp(e.name, "unit") == 0) {
        if (d == 2 && !m->has_blocks && m->nblocks == 0) {
            int b = S_new_block(L);
            if (b >= 0) {
                m->blocks[b].id = pp_arena_strdup(L->a, "");
                m->blocks[b].name = pp_arena_strdup(L->a, "");
            }
        }
        S_unit_begin(L, &e, S_pos_fast(L, off), d == 2 ? 0 : F->block);
        F->unit = d;
        F->nchild = 0;
    } else {
        F_GIVE_UP(F, "an element out of place");
    }
    F->vsax->startElementNs(F->vdata, name, prefix, URI, nns, ns, nattrs,
                            ndefaulted, attrs);
}

static void F_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
                  const xmlChar *URI)
{
    S_fast *F = F_of(ctx);
    int d;
    if (!F)
        return;
    d = --F->depth;
    F->text = 0;
    if (F->sec) {
        xmlNodePtr n = F->sec;
        xmlSAX2EndElementNs(ctx, name, prefix, URI);
        F->vsax->endElementNs(F->vdata, name, prefix, URI);
        if (d > 1 || F->why)
            return;
        F->sec = NULL;
        xmlUnlinkNode(n);
        if (strcmp((const char *)name, "issuer") == 0)
            S_load_issuer(F->L, n, NULL);
        else if (strcmp((const char *)name, "announcement") == 0)
            S_load_issuer(F->L, NULL, n);
        else if (strcmp((const char *)name, "scheme") == 0)
            S_load_scheme(F->L, n);
        else if (strcmp((const char *)name, "tiers") == 0)
            S_load_rules(F->L, n, NULL, NULL);
        else if (strcmp((const char *)name, "ratings") == 0)
            S_load_rules(F->L, NULL, n, NULL);
        else if (strcmp((const char *)name, "flags") == 0)
            S_load_rules(F->L, NULL, NULL, n);
        else if (strcmp((const char *)name, "awards") == 0)
            S_load_awards(F->L, n);
        xmlFreeNode(n);
        return;
    }
    if (F->unit >= 0 && d > F->unit)
        return; /* a unit's child: not shown to the validator */
    if (F->unit == d) {
        S_unit_end(F->L);
        F->unit = -1;
    } else if (d == 1 && strcmp((const char *)name, "units") == 0) {
        F->in_units = 0;
    }
    F->vsax->endElementNs(F->vdata, name, prefix, URI);
}

static void F_characters(void *ctx, const xmlChar *ch, int len)
{
    S_fast *F = F_of(ctx);
    int i;
    if (!F)
        return;
    F->text += (size_t)len;
    if (F->text > S_FAST_TEXT)
        F_GIVE_UP(F, "a long text");
    if (F->sec) {
        xmlSAX2Characters(ctx, ch, len);
    } else if (F->unit >= 0) {
        if (F->depth > F->unit + 1)
            F_GIVE_UP(F, "content in a unit's child");
        for (i = 0; i < len; i++)
            if (ch[i] != ' ' && ch[i] != '\t' && ch[i] != '\n' &&
                ch[i] != '\r')
                F_GIVE_UP(F, "text in a unit");
        return; /* white space between a unit's children */
    }
    F->vsax->characters(F->vdata, ch, len);
}

/* CDATA: seen by the validator, not by the tree (as with the reader). */
static void F_cdata(void *ctx, const xmlChar *ch, int len)
{
    S_fast *F = F_of(ctx);
    if (!F)
        return;
    if (F->unit >= 0)
        F_GIVE_UP(F, "CDATA in a unit");
    F->vsax->cdataBlock(F->vdata, ch, len);
}

static void F_reference(void *ctx, const xmlChar *name)
{
    S_fast *F = F_of(ctx);
    (void)name;
    if (F)
        F_give_up(F, "an entity reference");
}

static void F_subset(void *ctx, const xmlChar *name, const xmlChar *id,
                     const xmlChar *sys)
{
    S_fast *F = F_of(ctx);
    (void)name;
    (void)id;
    (void)sys;
    if (F)
        F_give_up(F, "a DOCTYPE");
}

/* The streaming pass; 0 when it loaded the file, -1 when it gave up (the
 * model and diagnostics are then to be thrown away). */
static int S_fast_load(S_loader *L)
{
    xmlSchemaPtr schema = S_schema(L);
    xmlSchemaValidCtxtPtr v = NULL;
    xmlSchemaSAXPlugPtr plug = NULL;
    xmlParserCtxtPtr c = NULL;
    xmlSAXHandler sax;
    S_fast F;
    size_t first, done, n;
    int ok;

    memset(&F, 0, sizeof F);
    F.L = L;
    F.unit = -1;
    if (!schema || L->len > INT_MAX)
        return -1;
    v = xmlSchemaNewValidCtxt(schema);
    if (v)
        plug = xmlSchemaSAXPlug(v, &F.vsax, &F.vdata);
    /* push parsing: the parser keeps only what it has not consumed, not a
     * copy of the whole file; the first four bytes tell the encoding */
    first = L->len < 4 ? L->len : 4;
    c = plug ? xmlCreatePushParserCtxt(NULL, NULL, L->buf, (int)first,
                                       L->file)
             : NULL;
    if (!c) {
        F.why = "out of memory";
        goto out;
    }
    F.c = c;
    xmlSchemaSetValidStructuredErrors(v, F_error, &F);
    xmlSetStructuredErrorFunc(&F, F_error);
    xmlCtxtUseOptions(c, XML_PARSE_NONET | XML_PARSE_NOCDATA |
                             XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING |
                             XML_PARSE_COMPACT);
    c->dictNames = 1;
    c->linenumbers = 1;
    c->_private = &F;
    F.score = xmlDictLookup(c->dict, BAD_CAST "score", -1);
    F.previous = xmlDictLookup(c->dict, BAD_CAST "previous", -1);
    F.c_ = xmlDictLookup(c->dict, BAD_CAST "c", -1);
    F.self = xmlDictLookup(c->dict, BAD_CAST "self", -1);
    F.appraised = xmlDictLookup(c->dict, BAD_CAST "appraised", -1);
    F.na = xmlDictLookup(c->dict, BAD_CAST "na", -1);
    F.note = xmlDictLookup(c->dict, BAD_CAST "note", -1);
    F.year = xmlDictLookup(c->dict, BAD_CAST "year", -1);
    F.rank = xmlDictLookup(c->dict, BAD_CAST "rank", -1);
    F.index = xmlDictLookup(c->dict, BAD_CAST "index", -1);
    if (!F.score || !F.previous || !F.c_ || !F.self || !F.appraised ||
        !F.na || !F.note || !F.year || !F.rank || !F.index) {
        F.why = "out of memory";
        goto out;
    }
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startDocument = F_start_document;
    sax.startElementNs = F_start;
    sax.endElementNs = F_end;
    sax.characters = F_characters;
    sax.ignorableWhitespace = F_characters;
    sax.cdataBlock = F_cdata;
    sax.reference = F_reference;
    sax.internalSubset = F_subset;
    sax.externalSubset = F_subset;
    sax.serror = F_parser_error;
    *c->sax = sax;
    c->userData = c;

    for (done = first; !F.why && done < L->len; done += n) {
        n = L->len - done < S_FAST_CHUNK ? L->len - done : S_FAST_CHUNK;
        if (xmlParseChunk(c, L->buf + done, (int)n, 0) != 0)
            F_give_up(&F, "libxml2 reported a problem");
    }
    if (!F.why && xmlParseChunk(c, NULL, 0, 1) != 0)
        F_give_up(&F, "libxml2 reported a problem");
    if (!F.why && (!c->wellFormed || F.depth != 0 || !xmlSchemaIsValid(v)))
        F.why = "the document is not complete";
out:
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (c) {
        xmlFreeDoc(c->myDoc); /* with a section given up midway */
        c->myDoc = NULL;
        xmlFreeParserCtxt(c);
    }
    if (plug)
        xmlSchemaSAXUnplug(plug);
    if (v)
        xmlSchemaFreeValidCtxt(v);
    free(F.scratch);
    ok = !F.why;
    if (!ok && getenv("PARPACK_LOADER") &&
        strcmp(getenv("PARPACK_LOADER"), "verbose") == 0)
        fprintf(stderr, "parpack: %s: read again with the reader: %s\n",
                L->file, F.why);
    if (ok && !L->m->forms)
        S_load_awards(L, NULL);
    return ok ? 0 : -1;
}

/* ---------------------------------------------------------------------
 * Public API.
 */

/* Load from memory; see model.h. */
pp_model *pp_model_load_memory(const char *buf, size_t len, const char *name,
                               pp_diags *diags)
{
    return pp_model_load_memory_flags(buf, len, name, 0, diags);
}

/* Load from memory with PP_LOAD_* flags; see model.h. */
pp_model *pp_model_load_memory_flags(const char *buf, size_t len,
                                     const char *name, unsigned flags,
                                     pp_diags *diags)
{
    S_loader L;
    pp_diags local = {0};
    pp_model *m = NULL;
    const char *mode;
    int pass;

    memset(&L, 0, sizeof L);
    L.cu = -1;
    L.flags = flags;
    L.d = &local;
    L.file = name;
    L.buf = buf;
    L.len = len;
    if (S_precheck(&L) != 0)
        goto done;
    mode = getenv("PARPACK_LOADER");
    for (pass = (mode && strcmp(mode, "reader") == 0); pass < 2; pass++) {
        if (m) { /* the streaming pass gave up: start again */
            free(m->units);
            free(m->blocks);
            pp_arena_free(L.a);
            S_map_free(&L.crit);
            S_map_free(&L.unit);
            S_map_free(&L.block);
            S_map_free(&L.notes);
            pp_diags_free(&local);
            L.ucap = L.bcap = L.scan = L.lcur = 0;
            L.oom = 0;
            L.cu = -1;
            L.nscored = 0;
            m = NULL;
        }
        L.a = pp_arena_new();
        m = L.a ? pp_arena_alloc(L.a, sizeof *m) : NULL;
        if (!m) {
            L.oom = 1;
            goto done;
        }
        m->arena = L.a;
        L.m = m;
        m->path = pp_arena_strdup(L.a, name);
        if (pass == 1)
            S_stream(&L);
        else if (S_fast_load(&L) == 0)
            break;
    }
    xmlSetStructuredErrorFunc(NULL, NULL);
    /* units and blocks grew in malloc'd vectors: move them to the arena */
    if (m->units) {
        pp_unit *u = pp_arena_alloc(L.a, m->nunits * sizeof *u + 1);
        if (u)
            memcpy(u, m->units, m->nunits * sizeof *u);
        else
            L.oom = 1;
        free(m->units);
        m->units = u;
    }
    if (m->blocks) {
        pp_block *b = pp_arena_alloc(L.a, m->nblocks * sizeof *b + 1);
        if (b)
            memcpy(b, m->blocks, m->nblocks * sizeof *b);
        else
            L.oom = 1;
        free(m->blocks);
        m->blocks = b;
    }
    m->blank = m->units && L.nscored == 0;
    if (!m->units && local.errors == 0)
        pp_diag_add(&local, PP_ERROR, name, 0, 0,
                    "the file has no <units>: nothing to score");
    if (!m->blocks) {
        m->blocks = pp_arena_alloc(L.a, sizeof *m->blocks);
        if (m->blocks) {
            m->nblocks = 1;
            m->blocks[0].id = pp_arena_strdup(L.a, "");
            m->blocks[0].name = pp_arena_strdup(L.a, "");
        }
    }
done:
    if (L.oom)
        pp_diag_add(&local, PP_ERROR, name, 0, 0, "out of memory");
    free(L.lines);
    S_map_free(&L.crit);
    S_map_free(&L.unit);
    S_map_free(&L.block);
    S_map_free(&L.notes);
    pp_diags_sort(&local);
    if (local.errors && m) {
        pp_arena_free(L.a);
        m = NULL;
    } else if (!m && L.a) {
        pp_arena_free(L.a);
    }
    pp_diags_move(diags, &local);
    return m;
}

/* Load a file; see model.h. */
pp_model *pp_model_load(const char *path, pp_diags *diags)
{
    return pp_model_load_flags(path, 0, diags);
}

/* Load a file with PP_LOAD_* flags; see model.h. */
pp_model *pp_model_load_flags(const char *path, unsigned flags,
                              pp_diags *diags)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, n, first = 1 << 20;
    struct stat st;
    pp_model *m;
    if (!f) {
        pp_diag_add(diags, PP_ERROR, path, 0, 0, "cannot open the file: %s",
                    strerror(errno));
        return NULL;
    }
    /* a file of known size is read into one buffer of its size (and the
     * room the loop wants), not grown by doubling and copying; a larger
     * one than allowed still fails below, as it grows */
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > 0 &&
        (uintmax_t)st.st_size <= (uintmax_t)PP_MAX_INPUT - 65536 &&
        (size_t)st.st_size + 65536 > first)
        first = (size_t)st.st_size + 65536;
    for (;;) {
        if (cap - len < 65536) {
            char *nb;
            cap = cap ? cap * 2 : first;
            if (cap > (size_t)PP_MAX_INPUT + (1 << 20)) {
                free(buf);
                fclose(f);
                pp_diag_add(diags, PP_ERROR, path, 0, 0,
                            "the file is larger than %ld MB; an appraisal "
                            "file is far smaller (is it the right file?)",
                            PP_MAX_INPUT / (1024 * 1024));
                return NULL;
            }
            nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                pp_diag_add(diags, PP_ERROR, path, 0, 0, "out of memory");
                return NULL;
            }
            buf = nb;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        pp_diag_add(diags, PP_ERROR, path, 0, 0, "cannot read the file: %s",
                    strerror(errno));
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    m = pp_model_load_memory_flags(buf ? buf : "", len, path, flags, diags);
    free(buf);
    return m;
}

/* Free a model and everything it owns. */
void pp_model_free(pp_model *m)
{
    if (m)
        pp_arena_free(m->arena);
}

/* Linear lookups: for callers outside the hot path. */
int pp_model_criterion(const pp_model *m, const char *id)
{
    size_t i;
    for (i = 0; i < m->ncriteria; i++)
        if (strcmp(m->criteria[i].id, id) == 0)
            return (int)i;
    return -1;
}

int pp_model_unit(const pp_model *m, const char *id)
{
    size_t i;
    for (i = 0; i < m->nunits; i++)
        if (strcmp(m->units[i].id, id) == 0)
            return (int)i;
    return -1;
}
