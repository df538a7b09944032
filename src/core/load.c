/*
 * load.c - the appraisal file (format 1) into a pp_model: the sections.
 *
 * xmlin.c reads the document (safely, the built-in XSD validating every
 * element in the same pass) and hands this file its start tags, texts and
 * end tags. Here numbers become thousandths, text becomes NFC, and every
 * rule of docs/input-format.md that a schema cannot say is checked (sums,
 * references, duplicates, missing scores), each problem reported at the
 * line and column of its tag or attribute. The small top-level sections
 * are gathered into a little tree and loaded at their end tag; units are
 * loaded as they stream by, so memory stays bounded by one unit.
 */
#include "core/legal.h"
#include "core/model.h"
#include "base/viet.h"
#include "base/arena.h"
#include "base/i18n.h"
#include "core/xmlin.h"

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
 * A top-level section as a little tree (elements only, with their text).
 */
typedef struct S_piece {
    const char *s;
    size_t n;
    struct S_piece *next;
} S_piece;

typedef struct S_node {
    const char *name;
    const char **attrs; /* name, value pairs */
    int nattrs;
    size_t off;         /* its '<' */
    S_piece *text, *tlast;
    struct S_node *parent, *children, *last, *next;
} S_node;

/* ---------------------------------------------------------------------
 * Loader state and positions.
 */
typedef struct {
    long line;
    size_t off;
} S_pos;

typedef struct {
    pp_model *m;
    pp_arena *a;
    pp_diags *d;
    pp_xmlin *in;       /* the reader, during its callbacks */
    int oom;
    size_t ucap, bcap;  /* units and blocks grow while streaming */
    S_map crit, unit, block;
    unsigned char *badmax; /* per criterion: its max="…" was refused, so no
                              sum or score is compared with it */
    S_map notes;        /* notes already in the arena (keys only) */
    int cu;             /* the unit being loaded, or -1 */
    S_pos cu_at;        /* where its start tag is */
    unsigned flags;     /* PP_LOAD_* */
    size_t nscored;     /* units with at least one score */
    pp_diags unscored;  /* "no score for N criteria" of units without any
                           score: one line instead when no unit has any */
    /* where the stream is */
    int depth;          /* elements open */
    int skip;           /* depth of an element ignored with its content */
    int in_units, in_block, cblock, unit_depth;
    pp_arena *sa;       /* the section's tree */
    S_node *sec, *cur;  /* its root and the open element */
} S_loader;

/* The position of offset off. */
static S_pos S_at(S_loader *L, size_t off)
{
    S_pos p;
    p.off = off;
    p.line = pp_xmlin_line(L->in, off);
    return p;
}

/* Where attribute `attr` of the element at `at` is. */
static S_pos S_attr_pos(S_loader *L, S_pos at, const char *attr)
{
    return S_at(L, pp_xmlin_attr_off(L->in, at.off, attr));
}

static void S_err(S_loader *L, S_pos p, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void S_warn(S_loader *L, S_pos p, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Report an error at p. */
static void S_err(S_loader *L, S_pos p, const char *fmt, ...)
{
    va_list ap;
    long line, col;
    pp_xmlin_where(L->in, p.off, &line, &col);
    va_start(ap, fmt);
    pp_diag_vadd(L->d, PP_ERROR, pp_xmlin_file(L->in), line, col, _(fmt),
                 ap);
    va_end(ap);
}

/* Report a warning at p. */
static void S_warn(S_loader *L, S_pos p, const char *fmt, ...)
{
    va_list ap;
    long line, col;
    pp_xmlin_where(L->in, p.off, &line, &col);
    va_start(ap, fmt);
    pp_diag_vadd(L->d, PP_WARNING, pp_xmlin_file(L->in), line, col,
                 _(fmt), ap);
    va_end(ap);
}

/* Where a section's element is. */
static S_pos S_node_pos(S_loader *L, const S_node *n)
{
    return S_at(L, n->off);
}

/* An attribute's raw value in a section's element, or NULL. */
static const char *S_raw(const S_node *n, const char *name)
{
    int i;
    for (i = 0; i < n->nattrs; i++)
        if (n->attrs[2 * i][0] == name[0] &&
            strcmp(n->attrs[2 * i], name) == 0)
            return n->attrs[2 * i + 1];
    return NULL;
}

/* An attribute's raw value in a start tag, or NULL. */
static const char *S_tag_raw(const pp_xml_tag *t, const char *name)
{
    int i;
    for (i = 0; i < t->nattrs; i++)
        if (t->attrs[2 * i][0] == name[0] &&
            strcmp(t->attrs[2 * i], name) == 0)
            return t->attrs[2 * i + 1];
    return NULL;
}

/* The attributes of a unit's child that the loader reads, by slot. */
enum { A_C, A_SELF, A_APPRAISED, A_NA, A_NOTE, A_YEAR, A_RANK, A_INDEX, A_N };
static const char *const S_anames[A_N] = {
    "c", "self", "appraised", "na", "note", "year", "rank", "index"};

/* Sort a tag's attributes into slots (absent: NULL). */
static void S_slots(const pp_xml_tag *t, const char *slot[A_N])
{
    int i, a;
    memset(slot, 0, A_N * sizeof *slot);
    for (i = 0; i < t->nattrs; i++)
        for (a = 0; a < A_N; a++)
            if (t->attrs[2 * i][0] == S_anames[a][0] &&
                strcmp(t->attrs[2 * i], S_anames[a]) == 0) {
                slot[a] = t->attrs[2 * i + 1];
                break;
            }
}

/* ---------------------------------------------------------------------
 * Values.
 */

/* An attribute's value as libxml2 holds it (no copy), or NULL. Values
 * made of one text node (every value without entity references, and we
 * refuse entities) are read in place. */

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
static char *S_attr(S_loader *L, const S_node *n, const char *name);

/* NULL for an absent, empty or blank attribute: title="" is no title. */
static char *S_unblank(char *v)
{
    const char *p = v;
    if (!v)
        return NULL;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return *p ? v : NULL;
}

/* Whether v starts with the word w ("KT.", "PHÓ", "CHỦ TỊCH"). */
static int S_starts(const char *v, const char *w)
{
    while (v && *v == ' ')
        v++;
    return v && strncmp(v, w, strlen(w)) == 0;
}

/* The signer's office and body: given, or derived from the older
 * authority ("TM. ỦY BAN NHÂN DÂN") and capacity ("KT. CHỦ TỊCH") or
 * title ("PHÓ CHỦ TỊCH"); the title follows the office when absent or
 * empty (title="" as most real files write it is no title). When
 * nothing tells the office, the chairman is assumed and a warning says
 * so. */
static void S_signer_office(S_loader *L, S_pos at, pp_signer *s,
                            const char *office, const char *body)
{
    s->authority = S_unblank(s->authority);
    s->capacity = S_unblank(s->capacity);
    s->title = S_unblank(s->title);
    body = S_unblank((char *)body);
    if (office)
        s->office = strcmp(office, "deputy") == 0 ? PP_OFFICE_DEPUTY
                                                  : PP_OFFICE_CHAIRMAN;
    else if (S_starts(s->capacity, "KT.") || S_starts(s->authority, "KT.") ||
             S_starts(s->capacity, "PHÓ") || S_starts(s->title, "PHÓ"))
        s->office = PP_OFFICE_DEPUTY;
    else if (S_starts(s->capacity, "CHỦ TỊCH") ||
             S_starts(s->title, "CHỦ TỊCH")) {
        s->office = PP_OFFICE_CHAIRMAN;
    } else {
        s->office = PP_OFFICE_CHAIRMAN;
        S_warn(L, at,
               N_("the signer's office cannot be told from <signer>: the "
                  "documents are signed as the chairman (\"CHỦ TỊCH\"); "
                  "give office=\"chairman\" or office=\"deputy\" (and "
                  "title=\"PHÓ CHỦ TỊCH\") to say who signs"));
    }
    if (body)
        s->body = (char *)body;
    else if (S_starts(s->authority, "TM. ") && S_unblank(s->authority + 4))
        s->body = pp_arena_strdup(L->a, s->authority + 4);
    else
        s->body = pp_arena_strdup(L->a, "ỦY BAN NHÂN DÂN");
    if (!s->title && S_starts(s->capacity, "PHÓ"))
        s->title = s->capacity;
    if (!s->title)
        s->title = pp_arena_strdup(L->a, s->office == PP_OFFICE_DEPUTY
                                             ? "PHÓ CHỦ TỊCH"
                                             : "CHỦ TỊCH");
}

static char *S_attr(S_loader *L, const S_node *n, const char *name)
{
    return S_attrv(L, S_raw(n, name));
}

/* The length of the space (an ASCII one, a tab, a non-breaking, narrow
 * or zero-width space, a byte order mark) at s, or 0 */
static size_t S_space_len(const unsigned char *s)
{
    if (s[0] == ' ' || s[0] == '\t')
        return 1;
    if (s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x8B || s[2] == 0xAF))
        return 3;
    if (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return 3;
    return 0;
}

/* The spaces at the ends of an id taken off, in place (the schema said
 * them: "holds a space at its end"), so that the references to it, and
 * the ids after it, are matched as the clerk sees them, and the one
 * mistake is said once. */
static void S_id_trim(char *id)
{
    unsigned char *s = (unsigned char *)id, *e = s + strlen(id), *b = s;
    size_t n;
    while ((n = S_space_len(b)) > 0)
        b += n;
    for (;;) {
        if (e - b >= 1 && S_space_len(e - 1) == 1)
            e -= 1;
        else if (e - b >= 2 && S_space_len(e - 2) == 2)
            e -= 2;
        else if (e - b >= 3 && S_space_len(e - 3) == 3)
            e -= 3;
        else
            break;
    }
    if (e <= b)
        return; /* only spaces: left as it is */
    memmove(s, b, (size_t)(e - b));
    s[e - b] = 0;
}

/* An element's id and name (or label) from their raw values, as S_attrv
 * gives them, "?" and "" where missing, so that every message can name
 * the element. */
/* A name of only spaces (name="", a cell copied empty): what is printed
 * in every document and message is then nothing; said at the name. what
 * is the element's name in messages ("unit 'an-lac'"). */
static void S_name_given(S_loader *L, S_pos at, const char *what,
                         const char *name)
{
    const unsigned char *p = (const unsigned char *)(name ? name : "");
    size_t n;
    while ((n = S_space_len(p)) > 0 || *p == '\n' || *p == '\r')
        p += n ? n : 1;
    if (*p)
        return;
    S_err(L, S_attr_pos(L, at, "name"),
          N_("%s: name=\"%s\" is empty; write the name as it is to be "
             "printed in the documents"),
          what, name ? name : "");
}

static void S_id_name(S_loader *L, const char *raw_id, const char *raw_name,
                      char **id, char **name)
{
    *id = S_attrv(L, raw_id);
    *name = S_attrv(L, raw_name);
    if (!*id)
        *id = pp_arena_strdup(L->a, "?");
    else
        S_id_trim(*id);
    if (!*name)
        *name = pp_arena_strdup(L->a, "");
}

/* An element's text (CDATA included), NFC, trimmed, in the arena. */
static char *S_text(S_loader *L, const S_node *n)
{
    size_t len = 0;
    const S_piece *p;
    char *v, *s, *e, *r, *nfc;
    for (p = n->text; p; p = p->next)
        len += p->n;
    v = malloc(len + 1);
    if (!v) {
        L->oom = 1;
        return pp_arena_strdup(L->a, "");
    }
    len = 0;
    for (p = n->text; p; p = p->next) {
        memcpy(v + len, p->s, p->n);
        len += p->n;
    }
    v[len] = 0;
    s = v;
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
    free(v);
    if (!r)
        L->oom = 1;
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
        snprintf(w->buf, sizeof w->buf, _(w->fmt), w->a, w->b, w->c);
        w->text = w->buf;
    }
    return w->text;
}

/* Is v a plain decimal with a minus sign ("-1", " -2.5")? */
static int S_negative(const char *v)
{
    pp_milli x;
    while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
        v++;
    return *v == '-' && pp_milli_parse(v + 1, &x) == 0 && x > 0;
}

/* The figure to write instead of v, a number written with a comma, into
 * fixed: 1 for a decimal comma ("87,49" 87.49, ",5" 0.5), 2 for marks
 * grouping thousands (with both marks the last is the decimal one:
 * "1.000,5" and "1,000.5" are 1000.5), 0 when no figure comes of it
 * ("2,5,0"; never "1.000.5" nor ".5", which are refused in turn). */
static int S_fix_number(const char *v, char *fixed, size_t cap)
{
    const char *p, *dec = strrchr(v, ','), *dot = strrchr(v, '.');
    int both = dec && dot, commas = 0, rc;
    size_t i = 0;
    pp_milli tmp;
    for (p = v; *p; p++)
        commas += *p == ',';
    if (!both && commas > 1)
        return 0;
    if (dot > dec)
        dec = dot;
    for (p = v; *p && i + 2 < cap; p++) {
        if (p == dec) {
            if (i == 0 || !(fixed[i - 1] >= '0' && fixed[i - 1] <= '9'))
                fixed[i++] = '0';
            fixed[i++] = '.';
        } else if (*p != ',' && *p != '.') {
            fixed[i++] = *p;
        }
    }
    fixed[i] = 0;
    rc = pp_milli_parse(fixed, &tmp);
    if (*p || (rc != 0 && rc != -3)) /* -3: more decimals, said next */
        return 0;
    return both ? 2 : 1;
}

/* Check a number attribute's raw value v (NULL when absent); reports why
 * when it is not one. Returns 1 if present and valid, 0 if absent, -1 if
 * invalid (reported). */
static int S_numv(S_loader *L, const char *v, S_pos at, const char *attr,
                  S_what *w, pp_milli *out)
{
    const char *what, *vs;
    char shown[PP_XMLIN_SHOWN];
    int rc;
    if (!v)
        return 0;
    rc = pp_milli_parse(v, out);
    if (rc == 0)
        return 1;
    what = S_what_text(w);
    at = S_attr_pos(L, at, attr);
    /* the value as the messages show it: a figure of a thousand digits
     * is named by its first forty, not written out in full */
    vs = pp_xmlin_show(v, shown, sizeof shown);
    if (rc == -2 || (rc == -1 && strchr(vs, ','))) {
        char fixed[sizeof shown];
        int kind = S_fix_number(vs, fixed, sizeof fixed);
        if (kind == 2)
            S_err(L, at,
                  N_("%s: %s=\"%s\" groups its thousands; write numbers "
                     "without grouping, with a dot for the decimals: "
                     "%s=\"%s\""),
                  what, attr, vs, attr, fixed);
        else if (kind == 1)
            S_err(L, at,
                  N_("%s: %s=\"%s\" uses a decimal comma; write numbers with a dot: "
                  "%s=\"%s\""),
                  what, attr, vs, attr, fixed);
        else
            S_err(L, at,
                  N_("%s: %s=\"%s\" is not a number; write a plain decimal with a "
                  "dot, such as 1.25"),
                  what, attr, vs);
    } else if (rc == -3) {
        S_err(L, at,
              N_("%s: %s=\"%s\" has more than three decimals; round it to at "
              "most three (points are kept to the thousandth)"),
              what, attr, vs);
    } else if (rc == -4) {
        S_err(L, at, N_("%s: %s=\"%s\" is too large"), what, attr, vs);
    } else if (S_negative(v)) {
        S_err(L, at,
              N_("%s: %s=\"%s\" is a number below 0; points and percentages "
              "are never negative"),
              what, attr, vs);
    } else {
        S_err(L, at,
              N_("%s: %s=\"%s\" is not a number; write a plain decimal with a "
              "dot, such as 1.25"),
              what, attr, vs);
    }
    return -1;
}

/* Read a number attribute; reports why when it is not one. `what` names
 * the thing in the message, e.g. "unit 'x', criterion '1.2'". Returns 1 if
 * present and valid, 0 if absent, -1 if invalid (reported). */
static int S_num(S_loader *L, const S_node *n, S_pos at, const char *attr,
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
        char shown[PP_XMLIN_SHOWN];
        S_err(L, S_attr_pos(L, at, attr),
              N_("%s: %s=\"%s\" must be a whole number from %ld to %ld"),
              S_what_text(w), attr, pp_xmlin_show(v, shown, sizeof shown),
              lo, hi);
        return -1;
    }
    *out = (int)x;
    return 1;
}

/* Read a non-negative integer attribute (rank, year, top). */
static int S_int(S_loader *L, const S_node *n, S_pos at, const char *attr,
                 const char *what, long lo, long hi, int *out)
{
    S_what w = {0};
    w.text = what;
    return S_intv(L, S_raw(n, attr), at, attr, &w, lo, hi, out);
}

static int S_is(const S_node *n, const char *name)
{
    return n && strcmp(n->name, name) == 0;
}

static size_t S_count(const S_node *n, const char *name)
{
    size_t k = 0;
    const S_node *c;
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
static void S_load_root(S_loader *L, const pp_xml_tag *root, S_pos at)
{
    pp_model *m = L->m;
    char *fmt = S_attrv(L, S_tag_raw(root, "format"));
    S_what w = {0};
    w.text = _("the appraisal");
    if (fmt && strcmp(fmt, "1") != 0)
        S_err(L, S_attr_pos(L, at, "format"),
              N_("format=\"%s\" is not supported; this program reads format "
              "\"1\""),
              fmt);
    m->format = 1;
    S_intv(L, S_tag_raw(root, "year"), at, "year", &w, 1990, 2200, &m->year);
    m->precision = 2;
    S_intv(L, S_tag_raw(root, "precision"), at, "precision", &w, 0, 3,
           &m->precision);
}

/* A date written YYYY-MM-DD, from 1990 to 2200: 1 and *y, *mo, *d set,
 * or 0. */
static int S_date(const char *s, int *y, int *mo, int *d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    char tail;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", y, mo, d, &tail) != 3)
        return 0;
    if (*y < 1990 || *y > 2200 || *mo < 1 || *mo > 12 || *d < 1 ||
        *d > mdays[*mo - 1])
        return 0;
    /* 29 February in a common year */
    return !(*mo == 2 && *d == 29 &&
             !((*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0));
}

/* <issuer> and <announcement> */
static void S_load_issuer(S_loader *L, const S_node *iss, const S_node *ann)
{
    pp_model *m = L->m;
    const S_node *c, *rec;
    S_pos at;
    size_t k;

    if (iss) {
        S_node_pos(L, iss);
        for (c = iss->children; c; c = c->next) {
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
                S_signer_office(L, at, &m->signer, S_attr(L, c, "office"),
                                S_attr(L, c, "body"));
            } else if (S_is(c, "proposer")) {
                m->proposer = S_unblank(S_text(L, c));
            } else if (S_is(c, "charged")) {
                m->charged = S_unblank(S_text(L, c));
            } else if (S_is(c, "award-charged")) {
                m->award_charged = S_unblank(S_text(L, c));
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
    if (iss && !(m->issuer_level = S_attr(L, iss, "level")))
        m->issuer_level = pp_arena_strdup(
            L->a, strstr(m->issuer_name, "TỈNH ") ||
                          (!m->issuer_parent &&
                           strstr(m->issuer_name, "THÀNH PHỐ "))
                      ? "province"
                      : "district");
    if (ann) {
        char *date, *num;
        int y, mo, d;
        at = S_node_pos(L, ann);
        date = S_attr(L, ann, "date");
        num = S_attr(L, ann, "number");
        m->ann_number = num ? num : pp_arena_strdup(L->a, "");
        if (date) {
            if (!S_date(date, &y, &mo, &d))
                S_err(L, S_attr_pos(L, at, "date"),
                      N_("announcement date=\"%s\" is not a date; write it as "
                      "YYYY-MM-DD, e.g. 2023-03-17"),
                      date);
            else {
                m->ann_year = y;
                m->ann_month = mo;
                m->ann_day = d;
                if (m->year && y <= m->year)
                    S_warn(L, S_attr_pos(L, at, "date"),
                           N_("announcement date=\"%s\" is before the end "
                              "of the year assessed (%d): a year's index is "
                              "announced after it ends; is it a date copied "
                              "from another year's file?"),
                           date, m->year);
            }
        }
        if ((date = S_attr(L, ann, "forms-deadline"))) {
            if (!S_date(date, &y, &mo, &d))
                S_err(L, S_attr_pos(L, at, "forms-deadline"),
                      N_("announcement forms-deadline=\"%s\" is not a date; "
                         "write it as YYYY-MM-DD, e.g. 2023-02-15"),
                      date);
            else {
                m->deadline_year = y;
                m->deadline_month = mo;
                m->deadline_day = d;
            }
        }
    }
    if (!m->ann_number)
        m->ann_number = pp_arena_strdup(L->a, "");
}

/* One <field> or <criterion> and its subtree, in pre-order. Returns its
 * max (the given one, or the sum of its children), or -1 when it is not
 * known: a max="…" in the subtree was refused (its error said), and a sum
 * or a score compared with it would only repeat that error in other
 * words ("above the criterion's maximum 0"). */
static pp_milli S_load_criterion(S_loader *L, const S_node *n, int parent,
                                 int field, int depth, size_t *k)
{
    pp_model *m = L->m;
    int me = (int)(*k)++;
    pp_criterion *c = &m->criteria[me];
    const S_node *ch;
    S_pos at = S_node_pos(L, n);
    pp_milli given = 0, sum = 0;
    int has_max, prev = -1, nchildren = 0, unknown = 0;
    char what[300], *src, b1[32], b2[32];

    S_id_name(L, S_raw(n, "id"), S_raw(n, "name"), &c->id, &c->name);
    c->parent = parent;
    c->field = field;
    c->depth = depth;
    c->leaf = -1;
    c->first_child = -1;
    c->next = -1;
    c->line = at.line;
    snprintf(what, sizeof what, _("criterion '%s'"), c->id);
    S_name_given(L, at, what, c->name);

    if (S_map_put(&L->crit, c->id, me) >= 0)
        S_err(L, S_attr_pos(L, at, "id"),
              N_("criterion id '%s' is used twice in the scheme; every field and "
              "criterion needs its own id"),
              c->id);
    src = S_attr(L, n, "source");
    c->source = !src                          ? PP_SOURCE_NONE
                : strcmp(src, "self") == 0    ? PP_SOURCE_SELF
                : strcmp(src, "survey") == 0  ? PP_SOURCE_SURVEY
                                              : PP_SOURCE_APPRAISAL;
    has_max = S_num(L, n, at, "max", what, &given);
    if (has_max == 1 && given <= 0) {
        S_err(L, S_attr_pos(L, at, "max"),
              N_("%s: max=\"%s\" must be greater than 0"), what,
              pp_fmt_points(b1, sizeof b1, given));
        has_max = -1;
    } else if (has_max == 1 && given > PP_MAX_POINTS) {
        S_err(L, S_attr_pos(L, at, "max"),
              N_("%s: max=\"%s\" is too large; a criterion has at most "
                 "%s points"),
              what, pp_fmt_points(b1, sizeof b1, given),
              pp_fmt_points_msg(b2, sizeof b2, PP_MAX_POINTS));
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
        {
            pp_milli cm = S_load_criterion(L, ch, me, field, depth + 1, k);
            if (cm < 0)
                unknown = 1;
            else
                sum += cm;
        }
        nchildren++;
    }
    c = &m->criteria[me];
    if (nchildren == 0) {
        c->leaf = (int)m->nleaves;
        m->leaves[m->nleaves++] = me;
        if (has_max == 0)
            S_err(L, at,
                  N_("%s (%s) has no sub-criteria and no max; give it "
                  "max=\"…\" points"),
                  what, c->name);
        c->max = has_max == 1 ? given : 0;
        if (has_max != 1) { /* absent, or refused: said above */
            L->badmax[me] = 1;
            return -1;
        }
    } else if (unknown) {
        c->max = has_max == 1 ? given : sum;
        L->badmax[me] = 1;
        return has_max == 1 ? given : -1;
    } else if (has_max == 1 && given != sum) {
        S_err(L, S_attr_pos(L, at, "max"),
              N_("%s (%s): max=\"%s\" is not the sum of its sub-criteria (%s); "
              "correct it, or leave max out to use the sum"),
              what, c->name, pp_fmt_points(b1, sizeof b1, given),
              pp_fmt_points_msg(b2, sizeof b2, sum));
        c->max = sum;
    } else {
        c->max = sum;
    }
    return c->max;
}

static size_t S_count_criteria(const S_node *n)
{
    size_t k = 0;
    const S_node *c;
    for (c = n->children; c; c = c->next)
        if (S_is(c, "criterion") || S_is(c, "field"))
            k += 1 + S_count_criteria(c);
    return k;
}

/* <scheme> */
static void S_load_scheme(S_loader *L, const S_node *sch)
{
    pp_model *m = L->m;
    const S_node *f;
    size_t n, k = 0, nf = 0;
    pp_milli sum = 0, given = 0;
    int unknown = 0;
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
    L->badmax = ALLOC_N(L, unsigned char, n);
    if (!m->criteria || !m->leaves || !m->fields || !L->badmax) {
        L->oom = 1;
        return;
    }
    memset(L->badmax, 0, n ? n : 1);
    for (f = sch->children; f; f = f->next) {
        pp_milli fm;
        if (!S_is(f, "field"))
            continue;
        m->fields[nf] = (int)k;
        fm = S_load_criterion(L, f, -1, (int)nf, 0, &k);
        if (fm < 0)
            unknown = 1;
        else
            sum += fm;
        nf++;
    }
    m->ncriteria = k;
    m->scheme_max = sum;
    if (S_num(L, sch, at, "max", _("the scheme"), &given) == 1 && !unknown &&
        given != sum)
        S_err(L, S_attr_pos(L, at, "max"),
              N_("the scheme's max=\"%s\" is not the sum of its fields' maxima "
              "(%s); correct it, or leave it out"),
              pp_fmt_points(b1, sizeof b1, given),
              pp_fmt_points_msg(b2, sizeof b2, sum));
}

/* The head of a <rating> or <flag> (the index-th): its id and label, its
 * name in messages (what, from the translated what_fmt, "… '%s'"), and its
 * id checked against those before it in ids (twice: the message). */
static void S_rule_head(S_loader *L, const S_node *c, S_pos at, S_map *ids,
                        int index, const char *what_fmt, const char *twice,
                        char **id, char **label, char *what, size_t cap)
{
    S_id_name(L, S_raw(c, "id"), S_raw(c, "label"), id, label);
    snprintf(what, cap, what_fmt, *id);
    if (S_map_put(ids, *id, index) >= 0)
        S_err(L, S_attr_pos(L, at, "id"), twice, *id);
}

/* <tiers>, <ratings>, <flags> */
static void S_load_rules(S_loader *L, const S_node *tiers, const S_node *ratings,
                         const S_node *flags)
{
    pp_model *m = L->m;
    const S_node *c;
    S_pos at, last = {0, 0};
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
            snprintf(what, sizeof what, _("tier '%s'"), t->label);
            if (S_num(L, c, at, "min", what, &t->min) != 1)
                continue;
            if (t->min > 100000) {
                S_err(L, S_attr_pos(L, at, "min"),
                      N_("%s: min=\"%s\" is above 100 (an index is a percentage)"),
                      what, pp_fmt_points(b1, sizeof b1, t->min));
            } else if (m->ntiers > 0 && t->min >= m->tiers[m->ntiers - 1].min) {
                S_err(L, S_attr_pos(L, at, "min"),
                      N_("%s: min=\"%s\" is not below the tier before it (%s); "
                      "list tiers highest first, each min lower than the last"),
                      what, pp_fmt_points(b1, sizeof b1, t->min),
                      pp_fmt_points(b2, sizeof b2, m->tiers[m->ntiers - 1].min));
            }
            m->ntiers++;
            last = at;
        }
        if (m->ntiers > 0 && m->tiers[m->ntiers - 1].min != 0)
            S_err(L, last,
                  N_("the last tier must have min=\"0\", so that every unit "
                  "falls in a tier"));
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
            S_rule_head(L, c, at, &ids, (int)m->nratings, _("rating '%s'"),
                        N_("rating id '%s' is used twice; give each rating "
                           "its own id"),
                        &r->id, &r->label, what, sizeof what);
            S_num(L, c, at, "min", what, &r->min);
            has = S_num(L, c, at, "field-min", what, &r->field_min);
            r->has_field_min = has == 1;
            if (r->min > 100000 || r->field_min > 100000)
                S_err(L, at, N_("%s: min and field-min are percentages, from 0 "
                             "to 100"),
                      what);
            m->nratings++;
            last = at;
        }
        S_map_free(&ids);
        if (m->nratings > 0) {
            pp_rating *r = &m->ratings[m->nratings - 1];
            if (r->min != 0 || r->has_field_min)
                S_err(L, last,
                      N_("rating '%s' is the last rating but is not a catch-all: "
                      "the last rating must have min=\"0\" and no field-min, "
                      "so that every unit's head gets a rating"),
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
            S_rule_head(L, c, at, &ids, (int)m->nflags, _("flag '%s'"),
                        N_("flag id '%s' is used twice"), &fl->id, &fl->label,
                        what, sizeof what);
            field = S_attr(L, c, "field");
            if (field) /* a space at an end: said by the schema */
                S_id_trim(field);
            ci = field ? S_map_get(&L->crit, field) : -1;
            fl->field = -1;
            if (field && ci < 0)
                S_err(L, S_attr_pos(L, at, "field"),
                      N_("%s: field=\"%s\" is not a field of the scheme"), what,
                      field);
            else if (field && m->criteria[ci].depth != 0)
                S_err(L, S_attr_pos(L, at, "field"),
                      N_("%s: '%s' is a criterion, not a field; a flag names a "
                      "top-level <field> id"),
                      what, field);
            else if (field)
                fl->field = m->criteria[ci].field;
            S_num(L, c, at, "below", what, &fl->below);
            if (fl->below > 100000)
                S_err(L, S_attr_pos(L, at, "below"),
                      N_("%s: below is a percentage, from 0 to 100"), what);
            m->nflags++;
        }
        S_map_free(&ids);
    }
}

/* One <unit>, in three steps so that it can be loaded from a tree or
 * while streaming: its start tag (identity), each <previous> and <score>
 * child, then its end (every leaf scored). L->cu is the unit being loaded,
 * -1 when none. */
static void S_unit_begin(S_loader *L, const pp_xml_tag *n, S_pos at, int block)
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

    S_id_name(L, S_tag_raw(n, "id"), S_tag_raw(n, "name"), &u->id, &u->name);
    {
        char what[300];
        snprintf(what, sizeof what, _("unit '%s'"), u->id);
        S_name_given(L, at, what, u->name);
    }
    u->kind = S_attrv(L, S_tag_raw(n, "kind"));
    u->head = S_attrv(L, S_tag_raw(n, "head"));
    u->email = S_attrv(L, S_tag_raw(n, "email"));
    u->link = S_attrv(L, S_tag_raw(n, "link"));
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
                  N_("unit id '%s' is used twice (first at line %ld, %s); every "
                  "unit needs its own id"),
                  u->id, m->units[first].line, m->units[first].name);
    }
    L->cu = me;
    L->cu_at = at;
}

/* The criterion named by the reference r once the spaces at its ends are
 * taken off, when it has any and it then names one; else -1. */
static int S_trimmed_ref(const S_map *crit, const char *r)
{
    char b[256];
    const unsigned char *s = (const unsigned char *)r, *e;
    size_t n, len = strlen(r);
    if (len >= sizeof b)
        return -1;
    while ((n = S_space_len(s)) > 0)
        s += n;
    e = (const unsigned char *)r + len;
    for (;;) {
        const unsigned char *q = e;
        /* a space that ends at e: try each length back from e */
        if (q - s >= 1 && S_space_len(q - 1) == 1)
            e = q - 1;
        else if (q - s >= 2 && S_space_len(q - 2) == 2)
            e = q - 2;
        else if (q - s >= 3 && S_space_len(q - 3) == 3)
            e = q - 3;
        else
            break;
    }
    if (e <= s || (s == (const unsigned char *)r && *e == 0))
        return -1;
    memcpy(b, s, (size_t)(e - s));
    b[e - s] = 0;
    return S_map_get(crit, b);
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
    pp_fmt_points_msg(b2, sizeof b2, max);
    S_err(L, S_attr_pos(L, at, attr),
          N_("%s: %s score %s is above the criterion's maximum %s; it must be "
          "from 0 to %s"),
          S_what_text(w), _(label), pp_fmt_points_msg(b1, sizeof b1, v), b2,
          b2);
}

/* A child of the unit being loaded: <previous> or <score> (others are
 * ignored), at `pat`. */
static void S_unit_child(S_loader *L, const pp_xml_tag *c, S_pos pat)
{
    pp_model *m = L->m;
    pp_unit *u;
    char b1[32];
    S_what w; /* not zeroed: 400 bytes for each of 204,000 scores */
    const char *slot[A_N];
    if (L->cu < 0)
        return;
    S_slots(c, slot);
    w.text = NULL;
    w.c = NULL;
    u = &m->units[L->cu];
    if (strcmp(c->name, "previous") == 0) {
        w.fmt = N_("unit '%s' (%s), previous year");
        w.a = u->id;
        w.b = u->name;
        u->has_previous = 1;
        u->prev_line = pat.line;
        if (S_intv(L, slot[A_RANK], pat, "rank", &w, 1, 1000000,
                   &u->prev_rank) != 1)
            u->has_previous = 0;
        S_intv(L, slot[A_YEAR], pat, "year", &w, 1990, 2200,
               &u->prev_year);
        if (S_numv(L, slot[A_INDEX], pat, "index", &w,
                   &u->prev_index) == 1) {
            u->has_prev_index = 1;
            if (u->prev_index > 100000) {
                S_err(L, S_attr_pos(L, pat, "index"),
                      N_("%s: index=\"%s\" is above 100"), S_what_text(&w),
                      pp_fmt_points(b1, sizeof b1, u->prev_index));
                u->has_prev_index = 0;
            }
        }
        if (u->prev_year && m->year && u->prev_year >= m->year)
            S_err(L, S_attr_pos(L, pat, "year"),
                  N_("%s: year=\"%d\" is not before this appraisal's year %d"),
                  S_what_text(&w), u->prev_year, m->year);
    } else if (strcmp(c->name, "score") == 0) {
        S_pos sat = pat;
        const char *cid = slot[A_C], *na;
        int ci = cid ? S_map_get(&L->crit, cid) : -1, r1, r2;
        pp_criterion *cr;
        pp_score *s;
        const char *what;
        if (!cid)
            return; /* the schema reported it */
        w.fmt = N_("unit '%s' (%s), criterion '%s'");
        w.a = u->id;
        w.b = u->name;
        w.c = cid;
        if (ci < 0 && (ci = S_trimmed_ref(&L->crit, cid)) >= 0) {
            /* " 1.2" or "1.2\u00a0", as a word processor leaves it: the
             * score is read as 1.2's (no "missing score" to follow), and
             * the space is an error, with the id to write */
            S_err(L, S_attr_pos(L, sat, "c"),
                  N_("%s: c=\"%s\" has a space before or after the "
                     "criterion's id; write c=\"%s\""),
                  S_what_text(&w), cid, m->criteria[ci].id);
        }
        if (ci < 0) { /* cid is no id of the scheme: shown cut, if long */
            char shown[PP_XMLIN_SHOWN];
            w.c = pp_xmlin_show(cid, shown, sizeof shown);
            what = S_what_text(&w);
            S_err(L, S_attr_pos(L, sat, "c"),
                  N_("%s: there is no criterion '%s' in the scheme; check "
                  "the id against <scheme>"),
                  what, w.c);
            return;
        }
        cr = &m->criteria[ci];
        if (cr->leaf < 0) {
            what = S_what_text(&w);
            S_err(L, S_attr_pos(L, sat, "c"),
                  N_("%s (%s) has sub-criteria; score each of its "
                  "sub-criteria instead, not the criterion itself"),
                  what, cr->name);
            return;
        }
        s = &u->scores[cr->leaf];
        if (s->present) {
            what = S_what_text(&w);
            S_err(L, sat,
                  N_("%s is scored twice (first at line %ld); keep one "
                  "<score> per criterion"),
                  what, s->line);
            return;
        }
        s->present = 1;
        s->line = sat.line;
        s->note = S_note(L, slot[A_NOTE]);
        if (s->note && !*s->note)
            s->note = NULL;
        na = slot[A_NA];
        s->na = na && (strcmp(na, "true") == 0 || strcmp(na, "1") == 0);
        r1 = S_numv(L, slot[A_SELF], sat, "self", &w, &s->self);
        r2 = S_numv(L, slot[A_APPRAISED], sat, "appraised", &w,
                    &s->appraised);
        s->has_self = r1 == 1;
        s->has_appraised = r2 == 1;
        if (s->na) {
            if (r1 == 1 || r2 == 1)
                S_warn(L, sat,
                       N_("%s is marked not applicable (na=\"true\") but has "
                       "points; the points are ignored"),
                       S_what_text(&w));
            return;
        }
        if (r1 == 0 && r2 == 0) {
            S_err(L, sat,
                  N_("%s has no points: give appraised=\"…\" (the appraisal "
                  "council's score) or self=\"…\", or na=\"true\" if it "
                  "does not apply to this unit"),
                  S_what_text(&w));
            return;
        }
        if (L->badmax && L->badmax[ci])
            return; /* its max was refused: nothing to compare with */
        if (r1 == 1)
            S_above_max(L, sat, "self", N_("self-assessed"), &w, s->self,
                        cr->max);
        if (r2 == 1)
            S_above_max(L, sat, "appraised", N_("appraised"), &w, s->appraised,
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
    if (nmissing) {
        pp_diags *d = L->d;
        if (nmissing == m->nleaves)
            L->d = &L->unscored; /* all of the file may be blank */
        S_err(L, at,
              N_("unit '%s' (%s) has no score for %zu criteri%s: %s%s; add a "
              "<score c=\"…\"/> for each (na=\"true\" if it does not apply)"),
              u->id, u->name, nmissing, nmissing == 1 ? "on" : "a", list,
              nmissing > 12 ? ", …" : "");
        L->d = d;
    }
    else if (m->nleaves && napplicable == 0)
        S_err(L, at,
              N_("unit '%s' (%s): every criterion is marked not applicable; "
              "at least one must apply for the unit to have an index"),
              u->id, u->name);
}

/* One <unit> from its tree. */
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
static int S_load_block(S_loader *L, const pp_xml_tag *c, S_pos at)
{
    pp_model *m = L->m;
    int me = S_new_block(L);
    pp_block *b;
    if (me < 0)
        return 0;
    b = &m->blocks[me];
    S_id_name(L, S_tag_raw(c, "id"), S_tag_raw(c, "name"), &b->id, &b->name);
    {
        char what[300];
        snprintf(what, sizeof what, _("block '%s'"), b->id);
        S_name_given(L, at, what, b->name);
    }
    b->line = at.line;
    if (S_map_put(&L->block, b->id, me) >= 0)
        S_err(L, S_attr_pos(L, at, "id"),
              N_("block id '%s' is used twice; every block needs its own id"),
              b->id);
    return me;
}

static void S_load_awards(S_loader *L, const S_node *aw)
{
    pp_model *m = L->m;
    size_t nbuiltin, nform, i;
    const pp_legal_form *builtin = pp_legal_forms(&nbuiltin);
    const S_node *c, *r;
    S_map forms = {0}, rats = {0};
    S_pos at;
    char what[300];

    nform = nbuiltin;
    if (aw)
        nform += S_count(aw, "form");
    m->forms = ALLOC_N(L, pp_form, nform);
    if (!m->forms) {
        L->oom = 1;
        return;
    }
    for (i = 0; i < nbuiltin; i++) {
        pp_form *f = &m->forms[m->nforms++];
        f->id = (char *)builtin[i].id;
        f->label = (char *)builtin[i].label;
        f->individual = builtin[i].individual;
        f->collective = builtin[i].collective;
        S_map_put(&forms, f->id, (int)i);
    }
    for (i = 0; i < m->nratings; i++)
        S_map_put(&rats, m->ratings[i].id, (int)i);

    m->base_salary = pp_legal_base_salary(m->ann_year, m->ann_month, m->ann_day);
    if (!aw)
        goto done;
    at = S_node_pos(L, aw);
    {
        char *bs = S_attr(L, aw, "base-salary"), *end;
        if (bs) {
            long v = strtol(bs, &end, 10);
            if (end == bs || *end || v <= 0 || v > 1000000000L)
                S_err(L, S_attr_pos(L, at, "base-salary"),
                      N_("awards: base-salary=\"%s\" must be a whole number of "
                      "đồng, e.g. 2340000"),
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
            if (tmp.id) /* a space at an end: said by the schema */
                S_id_trim(tmp.id);
            tmp.label = S_attr(L, c, "label");
            if (!tmp.id)
                continue;
            snprintf(what, sizeof what, _("award form '%s'"), tmp.id);
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
            if (fid) /* a space at an end: said by the schema */
                S_id_trim(fid);
            a->line = at.line;
            a->reason = S_attr(L, c, "reason");
            if (!a->reason)
                a->reason = pp_arena_strdup(L->a, "");
            a->form = fid ? S_map_get(&forms, fid) : -1;
            if (fid && a->form < 0)
                S_err(L, S_attr_pos(L, at, "form"),
                      N_("award: there is no award form '%s'; use a built-in one "
                      "(bang-khen-tinh, giay-khen, giay-khen-xa, "
                      "co-thi-dua-tinh) or declare it with <form id=\"%s\" …/>"),
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
                              N_("award form '%s' is for collectives only; "
                              "an individual cannot receive it"),
                              m->forms[a->form].id);
                } else {
                    char *uid = S_attr(L, r, "unit");
                    p->name = S_attr(L, r, "name");
                    if (uid) /* a space at an end: said by the schema */
                        S_id_trim(uid);
                    if (uid) {
                        p->kind = PP_RECIPIENT_UNIT;
                        p->unit = S_map_get(&L->unit, uid);
                        if (p->unit < 0)
                            S_err(L, S_attr_pos(L, rat, "unit"),
                                  N_("award: collective unit=\"%s\" is not a "
                                  "unit of this file; use a unit id from "
                                  "<units>, or name=\"…\" for another "
                                  "collective"),
                                  uid);
                        else {
                            size_t j;
                            if (!p->name)
                                p->name = m->units[p->unit].name;
                            /* the same unit twice in one list: its
                             * commendation and money written twice */
                            for (j = 0; j + 1 < k; j++)
                                if (a->recipients[j].kind == PP_RECIPIENT_UNIT &&
                                    a->recipients[j].unit == p->unit) {
                                    S_err(L, S_attr_pos(L, rat, "unit"),
                                          N_("award: unit '%s' (%s) is listed twice "
                                             "in this award (first at line %ld); "
                                             "list it once"),
                                          uid, m->units[p->unit].name,
                                          a->recipients[j].line);
                                    break;
                                }
                        }
                    } else if (p->name) {
                        p->kind = PP_RECIPIENT_COLLECTIVE;
                    } else {
                        S_err(L, rat,
                              N_("award: <collective> needs unit=\"…\" (a unit "
                              "id) or name=\"…\""));
                    }
                    if (a->form >= 0 && m->forms[a->form].collective < 0)
                        S_err(L, rat,
                              N_("award form '%s' is for individuals only"),
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
            if (fid) /* a space at an end: said by the schema */
                S_id_trim(fid);
            if (rid)
                S_id_trim(rid);
            au->reason = S_attr(L, c, "reason");
            au->form = fid ? S_map_get(&forms, fid) : -1;
            au->rating = rid ? S_map_get(&rats, rid) : -1;
            if (fid && au->form < 0)
                S_err(L, S_attr_pos(L, at, "form"),
                      N_("auto: there is no award form '%s'"), fid);
            if (rid && au->rating < 0)
                S_err(L, S_attr_pos(L, at, "rating"),
                      N_("auto: there is no rating '%s' in <ratings>"), rid);
            if (au->form >= 0 && m->forms[au->form].collective < 0)
                S_err(L, at, N_("auto: award form '%s' is for individuals only; "
                             "auto nominates units"),
                      fid);
            S_int(L, c, at, "top", _("auto"), 1, 100000, &au->top);
            m->nautos++;
        }
    }
done:
    if (m->base_salary <= 0 && (m->nawards || m->nautos))
        S_err(L, S_node_pos(L, aw),
              N_("awards: no legal base salary is known for the announcement "
              "date; give it with <awards base-salary=\"…\">"));
    S_map_free(&forms);
    S_map_free(&rats);
}

/* ---------------------------------------------------------------------
 * The stream: what xmlin.c reads, loaded as it goes by.
 */

typedef struct {
    const char *name;
    size_t i;
} S_named;

static int S_by_name(const void *a, const void *b)
{
    return strcmp(((const S_named *)a)->name, ((const S_named *)b)->name);
}

/* Each unit's label: its name, or "kind name" where another unit has
 * the same name (the town and the district of Kỳ Anh), or the issuer's
 * place has it (the city of Hà Tĩnh), and its name does not already
 * begin with its kind. Sorted by name, so O(n log n). */
static void S_unit_labels(S_loader *L)
{
    pp_model *m = L->m;
    size_t i, j, k, n = m->nunits;
    S_named *ix = n ? malloc(n * sizeof *ix) : NULL;
    if (!ix) {
        if (n)
            L->oom = 1;
        return;
    }
    for (i = 0; i < n; i++) {
        ix[i].name = m->units[i].name;
        ix[i].i = i;
        m->units[i].label = m->units[i].name;
    }
    qsort(ix, n, sizeof *ix, S_by_name);
    for (i = 0; i < n; i = j) {
        for (j = i + 1; j < n && strcmp(ix[i].name, ix[j].name) == 0;)
            j++;
        /* one of a kind, but named as the issuer's place: the city of
         * Hà Tĩnh in the province of Hà Tĩnh */
        int place = j - i == 1 && m->issuer_place &&
                    strcmp(ix[i].name, m->issuer_place) == 0;
        for (k = i; (j - i > 1 || place) && k < j; k++) {
            pp_unit *u = &m->units[ix[k].i];
            size_t kl = u->kind ? strlen(u->kind) : 0;
            char *s;
            if (!kl || strncmp(u->name, u->kind, kl) == 0)
                continue;
            s = pp_arena_alloc(L->a, kl + strlen(u->name) + 2);
            if (!s) {
                L->oom = 1;
                break;
            }
            sprintf(s, "%s %s", u->kind, u->name);
            u->label = s;
        }
    }
    free(ix);
}

/* A section's element, into its tree. */
static S_node *S_node_new(S_loader *L, const pp_xml_tag *t)
{
    S_node *n = pp_arena_alloc(L->sa, sizeof *n);
    int i;
    if (!n)
        return NULL;
    n->name = pp_arena_strdup(L->sa, t->name);
    n->off = t->off;
    n->nattrs = t->nattrs;
    n->attrs = pp_arena_alloc(L->sa, sizeof *n->attrs * 2 *
                                         (size_t)(t->nattrs ? t->nattrs : 1));
    if (!n->name || !n->attrs)
        return NULL;
    for (i = 0; i < 2 * t->nattrs; i++)
        if (!(n->attrs[i] = pp_arena_strdup(L->sa, t->attrs[i])))
            return NULL;
    return n;
}

/* A top-level section is complete: load it, drop its tree. */
static void S_section(S_loader *L, const S_node *n)
{
    if (strcmp(n->name, "issuer") == 0)
        S_load_issuer(L, n, NULL);
    else if (strcmp(n->name, "announcement") == 0)
        S_load_issuer(L, NULL, n);
    else if (strcmp(n->name, "scheme") == 0)
        S_load_scheme(L, n);
    else if (strcmp(n->name, "tiers") == 0)
        S_load_rules(L, n, NULL, NULL);
    else if (strcmp(n->name, "ratings") == 0)
        S_load_rules(L, NULL, n, NULL);
    else if (strcmp(n->name, "flags") == 0)
        S_load_rules(L, NULL, NULL, n);
    else if (strcmp(n->name, "awards") == 0)
        S_load_awards(L, n);
}

/* Is this a top-level section loaded from its tree? */
static int S_is_section(const char *name)
{
    static const char *const sections[] = {
        "issuer", "announcement", "scheme", "tiers", "ratings", "flags",
        "awards", NULL};
    int i;
    for (i = 0; sections[i]; i++)
        if (strcmp(name, sections[i]) == 0)
            return 1;
    return 0;
}

/* A start tag: a section's element, a unit, a unit's child, or skipped. */
static void S_on_start(void *data, pp_xmlin *in, const pp_xml_tag *t)
{
    S_loader *L = data;
    pp_model *m = L->m;
    int d = L->depth++;
    L->in = in;
    if (L->skip >= 0)
        return;
    if (L->sec) { /* inside a top-level section: its tree */
        S_node *n = S_node_new(L, t);
        if (!n) {
            L->oom = 1;
            pp_xmlin_stop(in);
            return;
        }
        n->parent = L->cur;
        if (L->cur->last)
            L->cur->last->next = n;
        else
            L->cur->children = n;
        L->cur->last = n;
        L->cur = n;
        return;
    }
    if (L->unit_depth >= 0) { /* a unit's child, or deeper */
        if (d == L->unit_depth + 1)
            S_unit_child(L, t, S_at(L, t->off));
        else
            L->skip = d;
        return;
    }
    if (d == 0) {
        if (strcmp(t->name, "appraisal") != 0) {
            S_err(L, S_at(L, t->off),
                  N_("the root element is <%s>, expected <appraisal>"),
                  *t->name ? t->name : "?");
            pp_xmlin_stop(in);
            return;
        }
        S_load_root(L, t, S_at(L, t->off));
    } else if (d == 1 && S_is_section(t->name)) {
        L->sa = pp_arena_new();
        L->sec = L->cur = L->sa ? S_node_new(L, t) : NULL;
        if (!L->sec) {
            L->oom = 1;
            pp_xmlin_stop(in);
        }
    } else if (d == 1 && strcmp(t->name, "units") == 0) {
        L->in_units = 1;
    } else if (L->in_units && d == 2 && strcmp(t->name, "block") == 0) {
        L->cblock = S_load_block(L, t, S_at(L, t->off));
        m->has_blocks = 1;
        L->in_block = 1;
    } else if (L->in_units && (d == 2 || (d == 3 && L->in_block)) &&
               strcmp(t->name, "unit") == 0) {
        if (d == 2 && !m->has_blocks && m->nblocks == 0) {
            int b = S_new_block(L);
            if (b >= 0) {
                m->blocks[b].id = pp_arena_strdup(L->a, "");
                m->blocks[b].name = pp_arena_strdup(L->a, "");
            }
        }
        S_unit_begin(L, t, S_at(L, t->off), d == 2 ? 0 : L->cblock);
        L->unit_depth = d;
    } else if (d > 0) {
        L->skip = d; /* not the format's: the schema says so */
    }
}

/* An end tag: a section loaded, a unit checked, or the stream moves up. */
static void S_on_end(void *data, pp_xmlin *in, const char *name)
{
    S_loader *L = data;
    int d = --L->depth;
    (void)name;
    L->in = in;
    if (L->skip >= 0) {
        if (L->skip == d)
            L->skip = -1;
        return;
    }
    if (L->sec) {
        if (L->cur != L->sec) {
            L->cur = L->cur->parent;
            return;
        }
        S_section(L, L->sec);
        pp_arena_free(L->sa);
        L->sa = NULL;
        L->sec = L->cur = NULL;
        return;
    }
    if (d == L->unit_depth) {
        S_unit_end(L);
        L->unit_depth = -1;
    } else if (d == 2 && L->in_block) {
        L->in_block = 0;
    } else if (d == 1 && L->in_units) {
        L->in_units = 0;
    }
}

/* Text (CDATA included) of a section's element. */
static void S_on_text(void *data, pp_xmlin *in, const char *s, size_t len)
{
    S_loader *L = data;
    S_piece *p;
    char *c;
    L->in = in;
    if (!L->cur || L->skip >= 0)
        return; /* text outside a section: the schema says if it may be */
    p = pp_arena_alloc(L->sa, sizeof *p);
    c = pp_arena_alloc(L->sa, len + 1);
    if (!p || !c) {
        L->oom = 1;
        pp_xmlin_stop(in);
        return;
    }
    memcpy(c, s, len);
    p->s = c;
    p->n = len;
    if (L->cur->tlast)
        L->cur->tlast->next = p;
    else
        L->cur->text = p;
    L->cur->tlast = p;
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
    static const pp_xml_events events = {S_on_start, S_on_end, S_on_text};
    S_loader L;
    pp_diags local = {0};
    pp_model *m = NULL;
    pp_status st;

    memset(&L, 0, sizeof L);
    L.cu = -1;
    L.skip = -1;
    L.unit_depth = -1;
    L.flags = flags;
    L.d = &local;
    L.a = pp_arena_new();
    m = L.a ? pp_arena_alloc(L.a, sizeof *m) : NULL;
    if (!m) {
        L.oom = 1;
        goto done;
    }
    m->arena = L.a;
    L.m = m;
    m->path = pp_arena_strdup(L.a, name);
    st = pp_xmlin_read(buf, len, name, &events, &L, &local);
    pp_arena_free(L.sa); /* a section the read ended in */
    if (st == PP_OK && !m->forms)
        S_load_awards(&L, NULL); /* the built-in forms, the base salary */
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
    if (m->units)
        S_unit_labels(&L);
    m->blank = m->units && L.nscored == 0;
    if (m->blank && L.unscored.errors) {
        /* a blank appraisal given where scores are needed: said once */
        pp_diag_add(&local, PP_ERROR, name, 0, 0,
                    _("the file is a blank appraisal: none of its %zu units "
                      "has a score; fill it through the forms ('parpack "
                      "forms', then 'parpack import') and check the file "
                      "import writes"),
                    m->nunits);
        pp_diags_free(&L.unscored);
    }
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
    pp_diags_move(&local, &L.unscored);
    if (L.oom)
        pp_diag_add(&local, PP_ERROR, name, 0, 0, "out of memory");
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

/* Close an input file, but not standard input ("-"). */
static void S_close_input(FILE *f)
{
    if (f != stdin)
        fclose(f);
}

pp_model *pp_model_load(const char *path, pp_diags *diags)
{
    return pp_model_load_flags(path, 0, diags);
}

/* Load a file with PP_LOAD_* flags; see model.h. */
pp_model *pp_model_load_flags(const char *path, unsigned flags,
                              pp_diags *diags)
{
    /* "-" is standard input, as coreutils read it */
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
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
                S_close_input(f);
                pp_diag_add(diags, PP_ERROR, path, 0, 0,
                            "the file is larger than %ld MB; an appraisal "
                            "file is far smaller (is it the right file?)",
                            PP_MAX_INPUT / (1024 * 1024));
                return NULL;
            }
            nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                S_close_input(f);
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
        S_close_input(f);
        return NULL;
    }
    S_close_input(f);
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

/* Does p fit as m's previous year? See model.h. */
size_t pp_model_check_previous(const pp_model *m, const pp_model *p,
                               pp_diags *d)
{
    size_t i, units = 0, crit = 0, errors = d->errors;
    if (strcmp(m->issuer_name, p->issuer_name) != 0)
        pp_diag_error(d, p->path, 0, 0,
                      _("--previous: this file is of another issuer (%s) "
                        "than %s (%s): give last year's file of the same "
                        "issuer"),
                      p->issuer_name, m->path, m->issuer_name);
    if (p->year >= m->year)
        pp_diag_error(d, p->path, 0, 0,
                      _("--previous: this file is of %d, not of a year "
                        "before %s (%d): give last year's file"),
                      p->year, m->path, m->year);
    if (d->errors > errors)
        return d->errors - errors;
    for (i = 0; i < m->nunits; i++)
        units += pp_model_unit(p, m->units[i].id) >= 0;
    for (i = 0; i < m->ncriteria; i++)
        crit += pp_model_criterion(p, m->criteria[i].id) >= 0;
    if (!units)
        pp_diag_error(d, p->path, 0, 0,
                      _("--previous: no unit of %s is in this file (units "
                        "are matched by id): no rank change could be "
                        "given; give last year's file of the same units"),
                      m->path);
    else if (!crit)
        pp_diag_warning(d, p->path, 0, 0,
                        _("--previous: no criterion of %s is in this file "
                          "(criteria are matched by id): the rank changes "
                          "are given, but every criterion shows as new "
                          "(\"Tiêu chí mới\")"),
                        m->path);
    return d->errors - errors;
}
