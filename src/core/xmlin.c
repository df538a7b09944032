/*
 * xmlin.c - input XML, safely: the only file that sets libxml2's parser
 * options, and the schema compiled into the program (see xmlin.h).
 *
 * The settings: no DTD (a DOCTYPE is refused before libxml2 sees it), no
 * entity but XML's five, no network, no XInclude; at most PP_MAX_INPUT
 * bytes, PP_XML_MAX_DEPTH levels and PP_XML_MAX_TEXT bytes of text in one
 * element. The push parser reads the text in chunks with the schema
 * validator plugged into its SAX stream (xmlSchemaSAXPlug), so every
 * element is validated in the same pass that loads it. libxml2's
 * messages are turned into the program's words from their codes and
 * fields, at the position this file knows the parser is at.
 */
#define _GNU_SOURCE /* memrchr */
#include "core/xmlin.h"

#include "base/i18n.h"
#include "base/viet.h"

#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlversion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PP_MAX_INPUT (256L * 1024 * 1024) /* bytes */
#define PP_XML_MAX_DEPTH 256              /* elements open at once */
#define PP_XML_MAX_TEXT 1000000L          /* bytes of text in one element */
#define PP_XML_CHUNK 16384                /* bytes given to the parser at once */

/* libxml2 2.12 made the error given to callbacks const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError S_xml_error;
#else
typedef xmlError S_xml_error;
#endif

extern const unsigned char pp_appraisal_xsd[];
extern const unsigned long pp_appraisal_xsd_len;

typedef struct {
    const char *name; /* libxml2's dictionary: lives as long as the parse */
    size_t off;
} S_open;

enum { S_NONE, S_START, S_END, S_TEXT };

struct pp_xmlin {
    const char *file;
    const char *buf; /* UTF-8 text parsed */
    size_t len;
    const char *utf16; /* "UTF-16LE" or "UTF-16BE" when the file is in
                          UTF-16 (Notepad's "Unicode"), else NULL */
    size_t *lines; /* offset of each line's start */
    size_t nlines, lcur;
    pp_diags *d;
    const pp_xml_events *ev;
    void *data;
    xmlParserCtxtPtr ctxt;
    int stopped; /* no more events, no more messages */
    int fatal;   /* not well-formed, or refused */
    int oom;
    S_open *open; /* elements open, outermost first */
    size_t depth, ocap;
    /* the last event, where a validator message that follows it is */
    int phase;
    pp_xml_tag tag;  /* S_START: the tag */
    S_open ended;    /* S_END: the element and its start */
    long end_at;     /* S_END: the parser's offset past its end tag */
    size_t mark;     /* just past the last tag */
    size_t textlen;  /* bytes of text in the open element */
    char *scratch;   /* decoded attribute values */
    size_t scap;
    const char **av; /* the tag's (name, value) pairs */
    size_t avcap;
};

/* =====================================================================
 * Positions.
 */

/* Line of an offset; see xmlin.h. */
long pp_xmlin_line(pp_xmlin *in, size_t off)
{
    size_t i = in->lcur, lo = 0, hi = in->nlines;
    if (!in->nlines)
        return 1;
    if (in->lines[i] <= off) {
        /* forward from the last one: offsets come in document order */
        size_t k;
        for (k = 0; k < 64 && i + 1 < in->nlines && in->lines[i + 1] <= off;
             k++)
            i++;
        if (i + 1 >= in->nlines || in->lines[i + 1] > off) {
            in->lcur = i;
            return (long)i + 1;
        }
        lo = i;
    }
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (in->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    in->lcur = lo;
    return (long)lo + 1;
}

/* Line and column of an offset; see xmlin.h. */
void pp_xmlin_where(const pp_xmlin *in, size_t off, long *line, long *col)
{
    size_t lo = 0, hi = in->nlines, i;
    long c = 1;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (in->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    for (i = in->nlines ? in->lines[lo] : 0; i < off && i < in->len; i++)
        if (((unsigned char)in->buf[i] & 0xC0) != 0x80)
            c++;
    *line = (long)lo + 1;
    *col = c;
}

/* XML white space. */
static int S_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Offset of an attribute's name in a start tag; see xmlin.h. */
size_t pp_xmlin_attr_off(const pp_xmlin *in, size_t tag_off, const char *attr)
{
    size_t i = tag_off, al = strlen(attr);
    char quote = 0;
    for (; i < in->len; i++) {
        char c = in->buf[i];
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
        if (S_space(c) && i + 1 + al < in->len &&
            memcmp(in->buf + i + 1, attr, al) == 0) {
            size_t j = i + 1 + al;
            while (j < in->len && S_space(in->buf[j]))
                j++;
            if (j < in->len && in->buf[j] == '=')
                return i + 1;
        }
    }
    return tag_off;
}

/* The file's name; see xmlin.h. */
const char *pp_xmlin_file(const pp_xmlin *in)
{
    return in->file;
}

/* Stop after this callback; see xmlin.h. */
void pp_xmlin_stop(pp_xmlin *in)
{
    in->stopped = 1;
}

/* The '<' at or before offset off (the parser's position in a tag). */
static size_t S_tag_start(const pp_xmlin *in, long consumed)
{
    size_t i;
    const char *lt;
    if (consumed < 0 || in->len == 0)
        return in->mark < in->len ? in->mark : 0;
    i = (size_t)consumed < in->len ? (size_t)consumed : in->len - 1;
    /* memrchr: a score's tag is some 80 bytes, passed once per element */
    lt = memrchr(in->buf, '<', i + 1);
    return lt ? (size_t)(lt - in->buf) : 0;
}

/* Where the end tag of the element just ended starts. */
static size_t S_end_off(const pp_xmlin *in)
{
    size_t off = S_tag_start(in, in->end_at > 0 ? in->end_at - 1 : in->end_at);
    return off < in->ended.off ? in->ended.off : off;
}

/* Report an error at an offset (the format is a literal msgid). */
static void S_err(pp_xmlin *in, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void S_err(pp_xmlin *in, size_t off, const char *fmt, ...)
{
    long line, col;
    va_list ap;
    pp_xmlin_where(in, off, &line, &col);
    va_start(ap, fmt);
    pp_diag_vadd(in->d, PP_ERROR, in->file, line, col, _(fmt), ap);
    va_end(ap);
}

/* =====================================================================
 * What libxml2 reports, in the program's words.
 */

/* A value as shown in a message; see xmlin.h. */
const char *pp_xmlin_show(const char *v, char *buf, size_t cap)
{
    size_t o = 0, nchars = 0;
    if (!v)
        v = "";
    for (; *v && o + 8 < cap; v++) {
        unsigned char c = (unsigned char)*v;
        if ((c & 0xC0) != 0x80 && ++nchars > 40) {
            memcpy(buf + o, "…", strlen("…"));
            o += strlen("…");
            break;
        }
        if (c == '\t' || c == '\n' || c == '\r') {
            buf[o++] = '\\';
            buf[o++] = c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
        } else if (c < 0x20 || c == 0x7F) {
            o += (size_t)snprintf(buf + o, cap - o, "\\x%02X", c);
        } else {
            buf[o++] = (char)c;
        }
    }
    buf[o] = 0;
    return buf;
}

/* The text between `after` and the next quote in a libxml2 message
 * ("Element 'unit', attribute 'id': …"), into buf; NULL when absent. */
static const char *S_quoted(const char *msg, const char *after, char *buf,
                            size_t cap)
{
    const char *p = msg ? strstr(msg, after) : NULL, *e;
    size_t n;
    if (!p)
        return NULL;
    p += strlen(after);
    e = strchr(p, '\'');
    if (!e)
        return NULL;
    n = (size_t)(e - p) < cap - 1 ? (size_t)(e - p) : cap - 1;
    memcpy(buf, p, n);
    buf[n] = 0;
    return buf;
}

/* The names of a validator's "Expected is ( a, b )" as "<a>, <b>";
 * returns how many, 0 when the message has none. */
static int S_expected(const char *msg, char *buf, size_t cap)
{
    const char *p = msg ? strstr(msg, "Expected is ") : NULL, *e;
    size_t o = 0;
    int n = 0;
    buf[0] = 0;
    if (!p || !(p = strchr(p, '(')) || !(e = strchr(p, ')')))
        return 0;
    for (p++; p < e;) {
        const char *q;
        while (p < e && (*p == ' ' || *p == ','))
            p++;
        for (q = p; q < e && *q != ',' && *q != ' '; q++)
            ;
        if (q > p && o + (size_t)(q - p) + 6 < cap) {
            o += (size_t)snprintf(buf + o, cap - o, "%s<%.*s>", n ? ", " : "",
                                  (int)(q - p), p);
            n++;
        }
        p = q;
    }
    return n;
}

/* The expected element (of the list S_expected wrote: "<a>, <b>") whose
 * name is near el's, a slip of the fingers (pp_diag_suggest), into out;
 * 0 when none is. */
static int S_near_expected(const char *el, const char *exb, char *out,
                           size_t cap)
{
    char names[512], *v[32], *p;
    const char *near;
    size_t n = 0;
    snprintf(names, sizeof names, "%s", exb);
    for (p = names; n < 32 && (p = strchr(p, '<')) != NULL;) {
        char *gt = strchr(++p, '>');
        if (!gt)
            break;
        *gt = 0;
        v[n++] = p;
        p = gt + 1;
    }
    near = pp_diag_suggest(el, (const char *const *)v, n);
    if (!near)
        return 0;
    snprintf(out, cap, "%s", near);
    return 1;
}

/* The value of attribute name in the current tag, or NULL. */
static const char *S_tag_attr(const pp_xmlin *in, const char *name)
{
    int i;
    for (i = 0; i < in->tag.nattrs; i++)
        if (strcmp(in->tag.attrs[2 * i], name) == 0)
            return in->tag.attrs[2 * i + 1];
    return NULL;
}

/* The code point of the UTF-8 sequence at *p, which it steps over (a
 * byte that starts no sequence is itself). */
static unsigned long S_cp(const char **p)
{
    const char *at = *p;
    long c = pp_utf8_next(p, NULL);
    return c < 0 ? (unsigned char)*at : (unsigned long)c;
}

/* A space of Unicode's class Zs (the space, the non-breaking space, the
 * typographic spaces) */
static int S_is_zs(unsigned long c)
{
    return c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

/* An invisible formatting character (Unicode's class Cf: zero-width
 * spaces and joiners, direction marks, the byte order mark, the soft
 * hyphen, …) */
static int S_is_cf(unsigned long c)
{
    return c == 0xAD || (c >= 0x600 && c <= 0x605) || c == 0x61C || c == 0x6DD ||
           c == 0x70F || c == 0x180E || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
           (c >= 0x2066 && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB) ||
           c == 0x110BD || (c >= 0x1D173 && c <= 0x1D17A) || c == 0xE0001 ||
           (c >= 0xE0020 && c <= 0xE007F);
}

/* What an id holds that it may not, besides a control character: an
 * invisible character anywhere, a space at either end (a clerk sees
 * "an-lac " as "an-lac"; the program would not); NULL when none. */
static const char *S_blank(const char *v, char *buf, size_t cap)
{
    const char *p = v;
    unsigned long c, first = 0, last = 0;
    int n = 0;
    for (; p && *p; n++) {
        c = S_cp(&p);
        if (S_is_cf(c)) {
            snprintf(buf, cap, _("an invisible character (U+%04X)"), (unsigned)c);
            return buf;
        }
        if (n == 0)
            first = c;
        last = c;
    }
    if (n == 0)
        return NULL;
    if (S_is_zs(first))
        return first == 0x20 ? _("a space at its start")
                             : _("a non-breaking space at its start");
    if (S_is_zs(last))
        return last == 0x20 ? _("a space at its end")
                            : _("a non-breaking space at its end");
    return NULL;
}

/* What a control character in an id is called, or NULL if none. */
static const char *S_control(const char *v, char *buf, size_t cap)
{
    const char *v0 = v;
    for (; v && *v; v++) {
        unsigned char c = (unsigned char)*v;
        if (c == '\t')
            return _("a tab");
        if (c == '\n' || c == '\r')
            return _("a line break");
        if (c < 0x20 || c == 0x7F) {
            snprintf(buf, cap, _("a control character (U+%04X)"), c);
            return buf;
        }
    }
    return S_blank(v0, buf, cap);
}

/* Words for a built-in XSD type a value did not match. */
static const char *S_type_words(const char *type)
{
    static const struct {
        const char *type, *words;
    } words[] = {
        {"xs:positiveInteger", N_("a whole number greater than 0")},
        {"xs:nonNegativeInteger", N_("a whole number, 0 or more")},
        {"xs:integer", N_("a whole number")},
        {"xs:decimal", N_("a decimal number written with a dot")},
        {"xs:date", N_("a date written YYYY-MM-DD")},
        {"xs:boolean", N_("true or false")},
    };
    size_t i;
    for (i = 0; type && i < sizeof words / sizeof *words; i++)
        if (strcmp(type, words[i].type) == 0)
            return _(words[i].words);
    return _("a value of the kind the format requires");
}


/* A facet's message, said of the attribute at=shown of <el> where there
 * is one (on_attr: el, at, shown, a, b), else of the element's text
 * (on_text: el, a, b); a message uses as many of a and b as it needs. */
static void S_facet(pp_xmlin *in, size_t off, const char *el, const char *at,
                    const char *shown, const char *on_attr,
                    const char *on_text, const char *a, const char *b)
{
    if (at)
        S_err(in, off, on_attr, el, at, shown, a, b);
    else
        S_err(in, off, on_text, el, a, b);
}

/* A validator's message: which element, where, what is allowed. */
static void S_schema_error(pp_xmlin *in, S_xml_error *e)
{
    char elb[128], atb[128], exb[512], vb[256], bb[256], cb[64];
    const char *el = S_quoted(e->message, "Element '", elb, sizeof elb);
    const char *at = S_quoted(e->message, "attribute '", atb, sizeof atb);
    const char *value = NULL, *parent = NULL, *ctl, *named, *shown;
    const char *atn = at ? at : "?"; /* the attribute, where there is one */
    const char *s2 = e->str2 ? e->str2 : "?", *s3 = e->str3 ? e->str3 : "?";
    size_t off = in->mark;
    int nexp;

    if (in->phase == S_START) {
        off = in->tag.off;
        if (!el)
            el = in->tag.name;
        if (in->depth >= 2)
            parent = in->open[in->depth - 2].name;
        if (at) {
            off = pp_xmlin_attr_off(in, in->tag.off, at);
            value = S_tag_attr(in, at);
        }
    } else if (in->phase == S_END) {
        off = in->ended.off;
        if (!el)
            el = in->ended.name;
    } else if (in->phase == S_TEXT) {
        off = in->mark;
        while (off < in->len && S_space(in->buf[off]))
            off++;
        if (!el && in->depth)
            el = in->open[in->depth - 1].name;
    }
    if (!el)
        el = "?";
    if (!value)
        value = e->str1;
    shown = pp_xmlin_show(value, vb, sizeof vb);

    switch (e->code) {
    case XML_SCHEMAV_ELEMENT_CONTENT:
        nexp = S_expected(e->message, exb, sizeof exb);
        if (e->message && strstr(e->message, "Missing child")) {
            if (in->phase == S_END)
                off = S_end_off(in);
            S_err(in, off,
                  nexp == 1 ? N_("the file does not follow the appraisal format: <%s> is incomplete: expected %s before "
                                 "</%s>")
                            : N_("the file does not follow the appraisal format: <%s> is incomplete: expected one of %s "
                                 "before </%s>"),
                  el, exb, el);
        } else if (parent && strcmp(el, in->tag.name) == 0) {
            char near[128];
            if (nexp && S_near_expected(el, exb, near, sizeof near))
                S_err(in, off, N_("the file does not follow the appraisal format: unknown element <%s> inside <%s>; "
                                     "did you mean <%s>?"),
                      el, parent, near);
            else if (nexp == 0)
                S_err(in, off, N_("the file does not follow the appraisal format: unexpected element <%s> inside <%s>; "
                                     "nothing more is allowed there"),
                      el, parent);
            else
                S_err(in, off,
                      nexp == 1 ? N_("the file does not follow the appraisal format: unexpected element <%s> inside "
                                     "<%s>; expected %s")
                                : N_("the file does not follow the appraisal format: unexpected element <%s> inside "
                                     "<%s>; expected one of %s"),
                      el, parent, exb);
        } else {
            S_err(in, off, N_("the file does not follow the appraisal format: unexpected element <%s> here"), el);
        }
        break;
    case XML_SCHEMAV_CVC_ELT_1:
        S_err(in, off, N_("the file does not follow the appraisal format: <%s> is not an element of the format"), el);
        break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
        if (!at && e->str1)
            off = pp_xmlin_attr_off(in, off, e->str1);
        S_err(in, off, N_("the file does not follow the appraisal format: <%s> has no attribute '%s'; remove it or check "
                             "its spelling"),
              el, at ? at : e->str1 ? e->str1 : "?");
        break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
        S_err(in, off, N_("the file does not follow the appraisal format: <%s> needs the attribute %s=\"…\""), el,
              e->str1 ? e->str1 : "?");
        break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
        S_err(in, off, N_("the file does not follow the appraisal format: <%s> holds elements only, not text; remove the "
                             "text"),
              el);
        break;
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
        S_err(in, off, N_("the file does not follow the appraisal format: <%s> must be empty; remove what is inside it"),
              el);
        break;
    case XML_SCHEMAV_CVC_TYPE_3_1_2:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2:
        S_err(in, off, N_("the file does not follow the appraisal format: <%s> holds text only; <%s> may not be inside it"),
              el, in->phase == S_START ? in->tag.name : "?");
        break;
    case XML_SCHEMAV_CVC_MINLENGTH_VALID:
        S_facet(in, off, el, at, shown,
                N_("the file does not follow the appraisal format: <%s> %s=\"%s\" is too short: it needs at "
                   "least %s characters"),
                N_("the file does not follow the appraisal format: the text of <%s> is too short: it needs at "
                   "least %s characters"),
                s3, NULL);
        break;
    case XML_SCHEMAV_CVC_MAXLENGTH_VALID:
    case XML_SCHEMAV_CVC_LENGTH_VALID:
        S_facet(in, off, el, at, shown,
                N_("the file does not follow the appraisal format: <%s> %s=\"%s\" is %s characters long; at "
                   "most %s are allowed"),
                N_("the file does not follow the appraisal format: the text of <%s> is %s characters long; at "
                   "most %s are allowed"),
                s2, s3);
        break;
    case XML_SCHEMAV_CVC_PATTERN_VALID:
        if (value && !*value)
            break; /* empty: said by the minLength facet ("too short") */
        ctl = S_control(value, cb, sizeof cb);
        named = in->phase == S_START && at && strcmp(at, "name") != 0
                    ? S_tag_attr(in, "name")
                    : NULL;
        if (ctl && named)
            S_err(in, off, N_("the file does not follow the appraisal format: "
                              "<%s> %s=\"%s\" (%s) holds %s, which it may "
                              "not; remove it"),
                  el, at, shown, pp_xmlin_show(named, bb, sizeof bb), ctl);
        else if (ctl)
            S_err(in, off, N_("the file does not follow the appraisal format: <%s> %s=\"%s\" holds %s, which it may not; "
                                 "remove it"),
                  el, atn, shown, ctl);
        else
            S_err(in, off, N_("the file does not follow the appraisal format: <%s> %s=\"%s\" is not written as the format "
                                 "requires"),
                  el, atn, shown);
        break;
    case XML_SCHEMAV_CVC_ENUMERATION_VALID: {
        size_t o = 0;
        const char *p;
        for (p = e->str2 ? e->str2 : ""; *p && o + 2 < sizeof bb; p++)
            if (*p != '\'')
                bb[o++] = *p;
        bb[o] = 0;
        S_facet(in, off, el, at, shown,
                N_("the file does not follow the appraisal format: <%s> %s=\"%s\" is not one of the values "
                   "allowed: %s"),
                N_("the file does not follow the appraisal format: the text of <%s> is not one of the values "
                   "allowed: %s"),
                bb, NULL);
        break;
    }
    case XML_SCHEMAV_CVC_MININCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MINEXCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXINCLUSIVE_VALID:
    case XML_SCHEMAV_CVC_MAXEXCLUSIVE_VALID:
        S_err(in, off,
              e->code == XML_SCHEMAV_CVC_MININCLUSIVE_VALID ||
                      e->code == XML_SCHEMAV_CVC_MINEXCLUSIVE_VALID
                  ? N_("the file does not follow the appraisal format: <%s> %s=\"%s\" is below the smallest value "
                       "allowed (%s)")
                  : N_("the file does not follow the appraisal format: <%s> %s=\"%s\" is above the largest value "
                       "allowed (%s)"),
              el, atn, shown, s2);
        break;
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_2:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3:
        S_err(in, off, N_("the file does not follow the appraisal format: <%s> %s=\"%s\" is not %s"), el, atn, shown,
              S_type_words(S_quoted(e->message, "atomic type '", bb,
                                    sizeof bb)));
        break;
    case XML_SCHEMAV_CVC_ATTRIBUTE_3:
    case XML_SCHEMAV_CVC_ELT_5_2_2_1:
    case XML_SCHEMAV_CVC_ELT_5_2_2_2_1:
    case XML_SCHEMAV_CVC_ELT_5_2_2_2_2:
        /* follow-ups of a facet message already given */
        break;
    default:
        if (at)
            S_err(in, off, N_("the file does not follow the appraisal format: <%s> %s=\"%s\" is not allowed there (schema "
                                 "rule %d)"),
                  el, at, shown, e->code);
        else
            S_err(in, off, N_("the file does not follow the appraisal format: <%s> is not allowed as it is there (schema "
                                 "rule %d)"),
                  el, e->code);
        break;
    }
}


/* The parser's messages said in one sentence each, with at most the
 * name libxml2 gives (str1) as their one %s; a code is listed once. */
static const struct {
    int codes[6]; /* ended by 0 (XML_ERR_OK) */
    const char *msg;
} S_parser_msgs[] = {
    {{XML_ERR_DOCUMENT_EMPTY, XML_ERR_DOCUMENT_START},
     N_("malformed XML: no element where the document should start; "
        "expected an <appraisal> document")},
    {{XML_ERR_DOCUMENT_END},
     N_("malformed XML: something follows the end of the document; "
        "nothing may come after </appraisal>")},
    {{XML_ERR_UNSUPPORTED_ENCODING},
     N_("the file declares the encoding \"%s\", which this program "
        "cannot read; save it as UTF-8")},
    {{XML_ERR_UNDECLARED_ENTITY, XML_WAR_UNDECLARED_ENTITY},
     N_("the file uses an entity reference (&%s;); appraisal files "
        "may not use entities: write the text itself")},
    {{XML_ERR_ENTITYREF_SEMICOL_MISSING, XML_ERR_NAME_REQUIRED},
     N_("malformed XML: a name is expected here (a '&' in text is written "
        "&amp;, a '<' is written &lt;)")},
    {{XML_ERR_GT_REQUIRED}, N_("malformed XML: expected '>' to end the tag")},
    {{XML_ERR_LTSLASH_REQUIRED},
     N_("malformed XML: expected an end tag '</…>' here")},
    {{XML_ERR_ATTRIBUTE_REDEFINED},
     N_("malformed XML: the attribute %s is given twice in one tag")},
    {{XML_ERR_ATTRIBUTE_NOT_STARTED, XML_ERR_ATTRIBUTE_NOT_FINISHED,
      XML_ERR_STRING_NOT_STARTED, XML_ERR_STRING_NOT_CLOSED,
      XML_ERR_LITERAL_NOT_STARTED, XML_ERR_LITERAL_NOT_FINISHED},
     N_("malformed XML: a value must be between quotes, \"…\"")},
    {{XML_ERR_LT_IN_ATTRIBUTE},
     N_("malformed XML: a '<' inside a value; write it &lt;")},
    {{XML_ERR_EQUAL_REQUIRED, XML_ERR_SPACE_REQUIRED},
     N_("malformed XML: attributes are written name=\"value\", separated "
        "by spaces")},
    {{XML_ERR_COMMENT_NOT_FINISHED, XML_ERR_CDATA_NOT_FINISHED,
      XML_ERR_PI_NOT_FINISHED, XML_ERR_PI_NOT_STARTED},
     N_("malformed XML: a comment, CDATA section or <?…?> is not closed")},
    {{XML_ERR_INVALID_DEC_CHARREF, XML_ERR_INVALID_HEX_CHARREF,
      XML_ERR_INVALID_CHARREF},
     N_("malformed XML: a character reference &#…; is cut short or names "
        "a character XML does not allow; write the character itself (a "
        "'&' in text is written &amp;)")},
    {{XML_ERR_MISPLACED_CDATA_END},
     N_("malformed XML: ']]>' may not be written in text; write ']]&gt;'")},
    {{XML_ERR_VERSION_MISSING, XML_ERR_XMLDECL_NOT_FINISHED,
      XML_ERR_XMLDECL_NOT_STARTED},
     N_("malformed XML: the first line is not a whole XML declaration; "
        "write it <?xml version=\"1.0\" encoding=\"UTF-8\"?>")},
    {{XML_ERR_HYPHEN_IN_COMMENT},
     N_("malformed XML: a comment <!-- … --> may not hold two hyphens "
        "\"--\" inside it; write one hyphen or a dash")},
    {{XML_ERR_RESERVED_XML_NAME},
     N_("malformed XML: the XML declaration <?xml …?> must be the very "
        "first thing in the file")},
};

/* The sentence of S_parser_msgs for a code, or NULL. */
static const char *S_parser_msg(int code)
{
    size_t i, k;
    for (i = 0; i < sizeof S_parser_msgs / sizeof *S_parser_msgs; i++)
        for (k = 0; k < 6 && S_parser_msgs[i].codes[k]; k++)
            if (S_parser_msgs[i].codes[k] == code)
                return S_parser_msgs[i].msg;
    return NULL;
}

/* A parser's message (the file is not well-formed XML). */
static void S_parser_error(pp_xmlin *in, S_xml_error *e)
{
    long line = e->line, col = e->int2 > 0 ? e->int2 : 1;
    const char *s1 = e->str1 ? e->str1 : "?", *s2 = e->str2 ? e->str2 : "?";
    const char *said = S_parser_msg(e->code);
    char msg[512];
    pp_diags *d = in->d;
    const char *f = in->file;

    if (line <= 0) {
        size_t off = in->phase == S_START ? in->tag.off : in->mark;
        pp_xmlin_where(in, off < in->len ? off : 0, &line, &col);
    }
    if ((e->code == XML_ERR_ATTRIBUTE_NOT_STARTED ||
         e->code == XML_ERR_ATTRIBUTE_NOT_FINISHED ||
         e->code == XML_ERR_ATTRIBUTE_WITHOUT_VALUE ||
         e->code == XML_ERR_STRING_NOT_STARTED ||
         e->code == XML_ERR_STRING_NOT_CLOSED ||
         e->code == XML_ERR_LITERAL_NOT_STARTED ||
         e->code == XML_ERR_LITERAL_NOT_FINISHED) &&
        line >= 1 && (size_t)line <= in->nlines) {
        /* the line holds a curly quote: Word's "smart quotes" replaced
         * the straight ones around a value */
        size_t a = in->lines[line - 1], z = (size_t)line < in->nlines ? in->lines[line] : in->len, i;
        for (i = a; i + 2 < z; i++)
            if ((unsigned char)in->buf[i] == 0xE2 && (unsigned char)in->buf[i + 1] == 0x80 &&
                ((unsigned char)in->buf[i + 2] >= 0x98 && (unsigned char)in->buf[i + 2] <= 0x9D)) {
                pp_diag_add(d, PP_ERROR, f, line, col,
                            "malformed XML: a value is between curly quotes "
                            "(“…”, as Word types them); write it between "
                            "straight quotes, \"…\"");
                return;
            }
    }
    if (said) {
        pp_diag_add(d, PP_ERROR, f, line, col, said, s1);
        return;
    }
    switch (e->code) {
    case XML_ERR_NO_MEMORY:
        in->oom = 1;
        break;
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
        if (e->message && strstr(e->message, "UTF-8")) {
            /* str1 is "Bytes: 0xE9 0x3C …\n": keep the bytes */
            const char *b = e->str1 ? e->str1 : "";
            if (strncmp(b, "Bytes: ", 7) == 0)
                b += 7;
            pp_diag_message(msg, sizeof msg, b);
            pp_diag_add(d, PP_ERROR, f, line, col,
                        "the file is not UTF-8 here (bytes %s); save it as "
                        "UTF-8, or declare its encoding in its first line, "
                        "e.g. <?xml version=\"1.0\" "
                        "encoding=\"windows-1258\"?>",
                        msg);
        }
        else
            pp_diag_add(d, PP_ERROR, f, line, col,
                        "malformed XML: a character XML does not allow (a control "
                              "character); remove it");
        break;
    case XML_ERR_TAG_NAME_MISMATCH:
        pp_diag_add(d, PP_ERROR, f, line, col,
                    "malformed XML: <%s> (line %d) is ended by </%s>; end it with </%s>",
                    s1, e->int1, s2, s1);
        break;
    case XML_ERR_TAG_NOT_FINISHED:
        pp_diag_add(d, PP_ERROR, f, line, col,
                    "malformed XML: the file ends before <%s> (line %d) is ended; is it "
                          "complete?",
                    s1, e->int1);
        break;
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
        pp_diag_add(d, PP_ERROR, f, line, col,
                    "malformed XML: the attribute %s has no value; write %s=\"…\"", s1,
                    s1);
        break;
    case XML_ERR_INTERNAL_ERROR:
        if (e->message && strstr(e->message, "element content")) {
            /* "<!" or "<" followed by no name, in the content */
            pp_diag_add(d, PP_ERROR, f, line, col,
                        "malformed XML: a '<' that starts no element (a '<' "
                        "in text is written &lt;)");
            break;
        }
        /* fall through */
    default:
        /* rarer messages: libxml2's words, there being no better */
        pp_diag_message(msg, sizeof msg, e->message);
        pp_diag_add(d, PP_ERROR, f, line, col, "malformed XML: %s", msg);
        break;
    }
}

/* Every message of libxml2 during a read comes here. */
static void S_on_error(void *data, S_xml_error *e)
{
    pp_xmlin *in = data;
    if (!e || in->stopped)
        return;
    if (e->domain == XML_FROM_SCHEMASV) {
        S_schema_error(in, e);
        return;
    }
    if (e->level < XML_ERR_ERROR)
        return;
    if (e->domain == XML_FROM_NAMESPACE) {
        size_t off = in->phase == S_START ? in->tag.off : in->mark;
        S_err(in, off < in->len ? off : 0,
              N_("appraisal files use no namespaces; remove the prefix or the "
              "xmlns attribute"));
        return;
    }
    S_parser_error(in, e);
    if (e->level == XML_ERR_FATAL || e->domain != XML_FROM_PARSER) {
        /* the first fatal error says it: what follows is its echo */
        in->fatal = 1;
        in->stopped = 1;
    }
}

/* =====================================================================
 * The schema, compiled once per process.
 */

/* Messages nobody is to read (the built-in schema's, the converters'). */
static void S_on_schema_error(void *data, S_xml_error *e)
{
    (void)data;
    (void)e;
}

/* The built-in XSD, parsed at the first read. */
static xmlSchemaPtr S_schema(pp_diags *d)
{
    static xmlSchemaPtr schema;
    if (!schema) {
        xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(
            (const char *)pp_appraisal_xsd, (int)pp_appraisal_xsd_len);
        if (pc) {
            xmlSchemaSetParserStructuredErrors(pc, S_on_schema_error, NULL);
            schema = xmlSchemaParse(pc);
        }
        xmlSchemaFreeParserCtxt(pc);
        if (!schema)
            pp_diag_add(d, PP_ERROR, NULL, 0, 0,
                        "internal error: the built-in schema does not load");
    }
    return schema;
}

/* =====================================================================
 * SAX events: the caller's, and the validator's after them (the plug
 * calls ours first).
 */

/* The start tag's attributes, decoded as libxml2's tree builder does:
 * without entity substitution the parser writes '&' as "&#38;". */
static int S_attrs(pp_xmlin *in, int nattrs, const xmlChar **attrs)
{
    size_t need = 0, k;
    int i, n = 0;
    char *o;
    for (i = 0; i < nattrs; i++)
        need += (size_t)(attrs[i * 5 + 4] - attrs[i * 5 + 3]) + 1;
    if (need > in->scap) {
        size_t cap = in->scap ? in->scap : 4096;
        char *p;
        while (cap < need)
            cap *= 2;
        p = realloc(in->scratch, cap);
        if (!p)
            return -1;
        in->scratch = p;
        in->scap = cap;
    }
    if ((size_t)nattrs * 2 > in->avcap) {
        size_t cap = in->avcap ? in->avcap : 32;
        const char **p;
        while (cap < (size_t)nattrs * 2)
            cap *= 2;
        p = realloc(in->av, cap * sizeof *p);
        if (!p)
            return -1;
        in->av = p;
        in->avcap = cap;
    }
    o = in->scratch;
    for (i = 0; i < nattrs; i++) {
        const xmlChar *v = attrs[i * 5 + 3];
        size_t len = (size_t)(attrs[i * 5 + 4] - v);
        if (attrs[i * 5 + 1] || attrs[i * 5 + 2])
            continue; /* in a namespace: not the format's */
        in->av[2 * n] = (const char *)attrs[i * 5];
        in->av[2 * n + 1] = o;
        n++;
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
    return n;
}

/* A start tag: where it is, its attributes, then the caller's event. */
static void S_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
                    const xmlChar *URI, int nns, const xmlChar **ns,
                    int nattrs, int ndefaulted, const xmlChar **attrs)
{
    pp_xmlin *in = ctx;
    long consumed;
    size_t off;
    int n;
    (void)prefix;
    (void)nns;
    (void)ns;
    (void)ndefaulted;
    if (in->stopped)
        return;
    consumed = xmlByteConsumed(in->ctxt);
    off = S_tag_start(in, consumed);
    in->mark = consumed >= 0 ? (size_t)consumed + 1 : off + 1;
    if (in->mark < in->len && in->buf[in->mark - 1] == '/')
        in->mark++;
    in->textlen = 0;
    if (in->depth >= PP_XML_MAX_DEPTH) {
        S_err(in, off, N_("malformed XML: elements are nested more than %d deep; an "
                             "appraisal file is far shallower (is it the "
                             "right file?)"),
              PP_XML_MAX_DEPTH);
        in->fatal = in->stopped = 1;
        return;
    }
    if (in->depth == in->ocap) {
        size_t cap = in->ocap ? in->ocap * 2 : 16;
        S_open *p = realloc(in->open, cap * sizeof *p);
        if (!p) {
            in->oom = in->stopped = 1;
            return;
        }
        in->open = p;
        in->ocap = cap;
    }
    in->open[in->depth].name = (const char *)name;
    in->open[in->depth].off = off;
    in->depth++;
    n = S_attrs(in, nattrs, attrs);
    if (n < 0) {
        in->oom = in->stopped = 1;
        return;
    }
    in->tag.name = URI ? "" : (const char *)name;
    in->tag.attrs = in->av;
    in->tag.nattrs = n;
    in->tag.off = off;
    in->phase = S_START;
    if (in->ev->start)
        in->ev->start(in->data, in, &in->tag);
}

/* An end tag: the element closes, then the caller's event. */
static void S_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
                  const xmlChar *URI)
{
    pp_xmlin *in = ctx;
    long consumed;
    (void)prefix;
    if (in->stopped || !in->depth)
        return;
    consumed = xmlByteConsumed(in->ctxt);
    in->depth--;
    in->ended = in->open[in->depth];
    in->end_at = consumed; /* S_end_off finds the tag if a message needs it */
    in->mark = consumed >= 0 ? (size_t)consumed : in->ended.off + 1;
    in->textlen = 0;
    in->phase = S_END;
    if (in->ev->end)
        in->ev->end(in->data, in, URI ? "" : (const char *)name);
}

/* Text and CDATA, bounded, then the caller's event. */
static void S_text(void *ctx, const xmlChar *ch, int len)
{
    pp_xmlin *in = ctx;
    if (in->stopped)
        return;
    in->textlen += (size_t)len;
    if (in->textlen > PP_XML_MAX_TEXT) {
        size_t off = in->mark;
        while (off < in->len && S_space(in->buf[off]))
            off++;
        S_err(in, off, N_("malformed XML: a text of more than %ld characters; an "
                             "appraisal file holds short texts (is it the "
                             "right file?)"),
              PP_XML_MAX_TEXT);
        in->fatal = in->stopped = 1;
        return;
    }
    in->phase = S_TEXT;
    if (in->ev->text)
        in->ev->text(in->data, in, (const char *)ch, (size_t)len);
}

/* A DOCTYPE that the prolog scan did not see: refused all the same. */
static void S_subset(void *ctx, const xmlChar *name, const xmlChar *id,
                     const xmlChar *sys)
{
    pp_xmlin *in = ctx;
    (void)name;
    (void)id;
    (void)sys;
    if (in->stopped)
        return;
    S_err(in, in->mark < in->len ? in->mark : 0,
          N_("the file has a <!DOCTYPE> declaration; appraisal files may not use "
          "DTDs or entities (remove the DOCTYPE and write the text itself)"));
    in->fatal = in->stopped = 1;
}

/* =====================================================================
 * Before parsing: the raw bytes.
 */

/* The first `pat` in b[from, n), or NULL (b need not end in a zero). */
static const char *S_find_in(const char *b, size_t from, size_t n,
                             const char *pat)
{
    size_t k = strlen(pat), i;
    for (i = from; i + k <= n; i++)
        if (b[i] == pat[0] && memcmp(b + i, pat, k) == 0)
            return b + i;
    return NULL;
}

/* Is this encoding name UTF-8 (or its subset, ASCII, read as UTF-8)? */
static int S_is_utf8(const char *enc)
{
    return !*enc || strcasecmp(enc, "UTF-8") == 0 ||
           strcasecmp(enc, "UTF8") == 0;
}

/* See xmlin.h. */
pp_xmlenc pp_xmlin_encoding(const char *b, size_t n, char *enc, size_t cap,
                            size_t *off)
{
    const unsigned char *u = (const unsigned char *)b;
    char name[64];
    if (!enc || !cap) {
        enc = name;
        cap = sizeof name;
    }
    enc[0] = 0;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                   (n >= 4 && memcmp(u, "<\0?\0", 4) == 0)))
        return PP_XMLENC_UTF16LE;
    if (n >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) ||
                   (n >= 4 && memcmp(u, "\0<\0?", 4) == 0)))
        return PP_XMLENC_UTF16BE;
    if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        return PP_XMLENC_UTF8; /* its byte order mark says so */
    if (5 < n && memcmp(b, "<?xml", 5) == 0 && S_space(b[5])) {
        const char *e = S_find_in(b, 0, n, "?>");
        const char *p = e ? S_find_in(b, 0, (size_t)(e - b), "encoding") : NULL;
        if (p) {
            size_t j = (size_t)(p - b) + strlen("encoding"), k = 0;
            if (off)
                *off = (size_t)(p - b);
            while (j < n && S_space(b[j]))
                j++;
            if (j < n && b[j] == '=') {
                char q;
                for (j++; j < n && S_space(b[j]); j++)
                    ;
                q = j < n ? b[j] : 0;
                if (q == '"' || q == '\'')
                    for (j++; j < n && b[j] != q && k + 1 < cap; j++)
                        enc[k++] = b[j];
            }
            enc[k] = 0;
        }
    }
    return S_is_utf8(enc) ? PP_XMLENC_UTF8 : PP_XMLENC_OTHER;
}

/* Refuse a DOCTYPE before libxml2 reads it: scan the prolog (BOM, XML
 * declaration, comments, processing instructions, white space). */
static int S_prolog(pp_xmlin *in)
{
    size_t i = 0, n = in->len;
    const char *b = in->buf;
    if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (;;) {
        while (i < n && S_space(b[i]))
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
            S_err(in, i, N_("the file has a <!DOCTYPE> declaration; appraisal "
                         "files may not use DTDs or entities (remove the "
                         "DOCTYPE and write the text itself)"));
            return -1;
        } else {
            return 0;
        }
    }
}

/* The line index of in->buf. */
static int S_index_lines(pp_xmlin *in)
{
    const char *p, *end = in->buf + in->len;
    free(in->lines);
    in->lcur = 0;
    in->nlines = 1;
    for (p = in->buf; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        in->nlines++;
    in->lines = malloc(in->nlines * sizeof *in->lines);
    if (!in->lines)
        return -1;
    in->lines[0] = 0;
    in->nlines = 1;
    for (p = in->buf; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        in->lines[in->nlines++] = (size_t)(p - in->buf) + 1;
    return 0;
}

/* Convert in->buf from the declared encoding to UTF-8 with libxml2's
 * converters, into *out (to be freed with xmlBufferFree). 0, or -1 when
 * refused (reported) or out of memory. */
static int S_convert(pp_xmlin *in, const char *enc, size_t enc_off,
                     xmlBufferPtr *out)
{
    xmlCharEncodingHandlerPtr h;
    xmlBufferPtr from = NULL, to = NULL;
    int rc = -1;

    if (in->utf16) {
        enc = in->utf16; /* its bytes say so, whatever it declares */
    } else if (strncasecmp(enc, "UTF-16", 6) == 0 || strncasecmp(enc, "UTF16", 5) == 0 ||
        strncasecmp(enc, "UTF-32", 6) == 0 || strncasecmp(enc, "UCS", 3) == 0 ||
        strncasecmp(enc, "ISO-10646", 9) == 0) {
        S_err(in, enc_off, N_("the file declares the encoding \"%s\" but is "
                           "written with single bytes; declare "
                           "encoding=\"UTF-8\" (and save it as UTF-8)"),
              enc);
        return -1;
    }
    h = xmlFindCharEncodingHandler(enc);
    if (!h) {
        S_err(in, enc_off, N_("the file declares the encoding \"%s\", which this "
                           "program cannot read; save it as UTF-8"),
              enc);
        return -1;
    }
    from = xmlBufferCreateSize(in->len + 1);
    to = xmlBufferCreateSize(in->len * 2 + 64);
    if (!from || !to || xmlBufferAdd(from, (const xmlChar *)in->buf,
                                     (int)in->len) != 0) {
        in->oom = 1;
        goto cleanup;
    }
    while (xmlBufferLength(from) > 0) {
        int before = xmlBufferLength(from);
        xmlCharEncInFunc(h, to, from);
        if (xmlBufferLength(from) == before) {
            /* stuck at a byte the encoding does not have */
            size_t bad = in->len - (size_t)before;
            const xmlChar *done = xmlBufferContent(to);
            size_t nd = (size_t)xmlBufferLength(to), i;
            long line = 1, col = 1;
            for (i = 0; i < nd; i++) {
                if (done[i] == '\n') {
                    line++;
                    col = 1;
                } else if ((done[i] & 0xC0) != 0x80) {
                    col++;
                }
            }
            pp_diag_add(in->d, PP_ERROR, in->file, line, col,
                        "byte 0x%02X is not a character of the encoding the "
                        "file declares (%s); correct it, or save the file as "
                        "UTF-8",
                        (unsigned char)in->buf[bad], enc);
            goto cleanup;
        }
    }
    *out = to;
    to = NULL;
    rc = 0;
cleanup:
    xmlCharEncCloseFunc(h);
    if (from)
        xmlBufferFree(from);
    if (to)
        xmlBufferFree(to);
    return rc;
}

/* First checks on the raw bytes. 0 to go on, -1 refused (reported). */
static int S_precheck(pp_xmlin *in)
{
    if (in->len == 0) {
        pp_diag_add(in->d, PP_ERROR, in->file, 0, 0,
                    "the file is empty; expected an <appraisal> document");
        return -1;
    }
    if (in->len > (size_t)PP_MAX_INPUT) {
        pp_diag_add(in->d, PP_ERROR, in->file, 0, 0,
                    "the file is larger than %ld MB; an appraisal file is "
                    "far smaller (is it the right file?)",
                    PP_MAX_INPUT / (1024 * 1024));
        return -1;
    }
    /* UTF-16, as Notepad saves "Unicode" and Excel "Unicode text": by
     * its byte order mark, or, without one, by "<?" written in two-byte
     * characters; converted to UTF-8 like any declared encoding */
    switch (pp_xmlin_encoding(in->buf, in->len, NULL, 0, NULL)) {
    case PP_XMLENC_UTF16LE:
        in->utf16 = "UTF-16LE";
        return 0;
    case PP_XMLENC_UTF16BE:
        in->utf16 = "UTF-16BE";
        return 0;
    default:
        break;
    }
    if (memchr(in->buf, 0, in->len < 4096 ? in->len : 4096)) {
        pp_diag_add(in->d, PP_ERROR, in->file, 0, 0,
                    "the file is binary, not an XML text file; export the "
                    "appraisal as XML (UTF-8)");
        return -1;
    }
    return 0;
}

/* =====================================================================
 * The read.
 */

/* Read and validate; see xmlin.h. */
pp_status pp_xmlin_read(const char *buf, size_t len, const char *file,
                        const pp_xml_events *ev, void *data, pp_diags *d)
{
    pp_xmlin in;
    xmlSchemaPtr schema;
    xmlSchemaValidCtxtPtr v = NULL;
    xmlSchemaSAXPlugPtr plug = NULL;
    xmlSAXHandler sax;
    xmlSAXHandlerPtr saxp = &sax;
    xmlBufferPtr conv = NULL;
    void *ud;
    char enc[64];
    size_t enc_off = 0, done, n, first;
    int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT |
                  XML_PARSE_NOWARNING;
    pp_status st = PP_E_INPUT;

    memset(&in, 0, sizeof in);
    in.file = file;
    in.buf = buf;
    in.len = len;
    in.d = d;
    in.ev = ev;
    in.data = data;
    ud = &in;
    if (S_precheck(&in) != 0)
        return PP_E_INPUT;
    if (in.utf16) {
        /* to UTF-8 first (the byte order mark becomes UTF-8's), then
         * read as a UTF-8 file: its declaration's encoding="UTF-16" is
         * what it is now no longer */
        xmlSetStructuredErrorFunc(NULL, S_on_schema_error);
        if (S_convert(&in, in.utf16, 0, &conv) != 0)
            goto cleanup;
        in.buf = (const char *)xmlBufferContent(conv);
        in.len = (size_t)xmlBufferLength(conv);
        if (memchr(in.buf, 0, in.len < 4096 ? in.len : 4096)) {
            pp_diag_add(d, PP_ERROR, file, 0, 0,
                        "the file is binary, not an XML text file; export the "
                        "appraisal as XML (UTF-8)");
            goto cleanup;
        }
    }
    if (S_index_lines(&in) != 0)
        goto nomem;
    if (S_prolog(&in) != 0)
        goto cleanup;
    if (!in.utf16 && pp_xmlin_encoding(in.buf, in.len, enc, sizeof enc,
                                       &enc_off) == PP_XMLENC_OTHER) {
        /* the converters' own messages: S_convert says it better */
        xmlSetStructuredErrorFunc(NULL, S_on_schema_error);
        if (S_convert(&in, enc, enc_off, &conv) != 0)
            goto cleanup;
        in.buf = (const char *)xmlBufferContent(conv);
        in.len = (size_t)xmlBufferLength(conv);
        if (S_index_lines(&in) != 0)
            goto nomem;
    }
    /* the text is UTF-8 now: libxml2 is not to switch on its own */
    options |= XML_PARSE_IGNORE_ENC;
#if LIBXML_VERSION >= 21300
    options |= XML_PARSE_NO_XXE;
#endif
    schema = S_schema(d);
    if (!schema || in.len > INT_MAX)
        goto cleanup;

    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = S_start;
    sax.endElementNs = S_end;
    sax.characters = S_text;
    sax.ignorableWhitespace = S_text;
    sax.cdataBlock = S_text;
    sax.internalSubset = S_subset;
    sax.externalSubset = S_subset;
    v = xmlSchemaNewValidCtxt(schema);
    if (!v)
        goto nomem;
    xmlSchemaSetValidStructuredErrors(v, S_on_error, &in);
    plug = xmlSchemaSAXPlug(v, &saxp, &ud);
    if (!plug)
        goto nomem;
    /* parser messages: the thread's handler (the plug keeps none) */
    xmlSetStructuredErrorFunc(&in, S_on_error);
    /* push parsing: the first bytes tell the encoding; the parser keeps
     * only what it has not consumed, not a copy of the whole text */
    first = in.len < 4 ? in.len : 4;
    in.ctxt = xmlCreatePushParserCtxt(saxp, ud, in.buf, (int)first, file);
    if (!in.ctxt)
        goto nomem;
    xmlCtxtUseOptions(in.ctxt, options);
    for (done = first; !in.stopped && done < in.len; done += n) {
        n = in.len - done < PP_XML_CHUNK ? in.len - done : PP_XML_CHUNK;
        if (xmlParseChunk(in.ctxt, in.buf + done, (int)n, 0) != 0 &&
            !in.fatal && !in.stopped) {
            pp_diag_add(d, PP_ERROR, file, 0, 0, "malformed XML: the parser stopped");
            in.fatal = 1;
        }
    }
    if (!in.stopped && xmlParseChunk(in.ctxt, NULL, 0, 1) != 0 && !in.fatal &&
        !in.stopped) {
        pp_diag_add(d, PP_ERROR, file, 0, 0, "malformed XML: the parser stopped");
        in.fatal = 1;
    }
    st = in.oom ? PP_E_NOMEM : in.stopped || in.fatal ? PP_E_INPUT : PP_OK;
    goto cleanup;
nomem:
    st = PP_E_NOMEM;
cleanup:
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (in.ctxt)
        xmlFreeParserCtxt(in.ctxt);
    if (plug)
        xmlSchemaSAXUnplug(plug);
    if (v)
        xmlSchemaFreeValidCtxt(v);
    if (conv)
        xmlBufferFree(conv);
    if (st == PP_E_NOMEM)
        pp_diag_add(d, PP_ERROR, file, 0, 0, "out of memory");
    free(in.lines);
    free(in.open);
    free(in.scratch);
    free(in.av);
    return st;
}
