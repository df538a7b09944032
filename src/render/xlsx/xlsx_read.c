/* xlsx_read.c - the cells of an XLSX workbook (xlsx_read.h). */
#include "render/xlsx/xlsx_read.h"
#include "base/i18n.h"
#include "base/text.h"
#include "base/zip.h"

#include <errno.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Bounds on the uncompressed parts: a form is some 20 KB. */
#define LIMIT_SMALL (4LL << 20)  /* relationships, workbook.xml */
#define LIMIT_PART (48LL << 20)  /* a sheet, the shared strings */
#define MAX_SHEETS 1000

typedef struct {
    char *name, *target; /* target: the part's name inside the archive */
} S_sheet;

typedef struct {
    char *name, *value;
} S_defname;

struct pp_xbook {
    pp_zip_reader *z;
    S_sheet *sheets;
    size_t nsheets;
    S_defname *names;
    size_t nnames;
    char *sst;           /* the shared strings, each zero-terminated */
    size_t *sst_off;     /* offset of string i in sst */
    size_t nsst;
};

static char *S_strdup(const char *s)
{
    size_t n = strlen(s ? s : "") + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s ? s : "", n);
    return p;
}

/* ---------------------------------------------------------------------
 * A part streamed through libxml2's reader.
 */
typedef struct {
    pp_zip_file *f;
    char err[200]; /* the first error, "" when none */
} S_io;

/* xmlInputReadCallback over pp_zip_file_read. */
static int S_io_read(void *ctx, char *buf, int len)
{
    S_io *io = ctx;
    long n = pp_zip_file_read(io->f, buf, (size_t)len);
    if (n < 0) {
        if (!io->err[0])
            snprintf(io->err, sizeof io->err, "%s",
                     pp_zip_file_error(io->f));
        return -1;
    }
    return (int)n;
}

static int S_io_close(void *ctx)
{
    (void)ctx;
    return 0;
}

/* libxml2's structured errors: keep the first. */
static void S_io_error(void *ctx, xmlErrorPtr e)
{
    S_io *io = ctx;
    if (!io->err[0] && e && e->level >= XML_ERR_ERROR) {
        size_t n;
        /* libxml2's own sentence is English and of no use to a clerk:
         * where, and what it means */
        snprintf(io->err, sizeof io->err,
                 _("line %d: the XML is broken or cut short"), e->line);
        n = strlen(io->err);
        while (n && (io->err[n - 1] == '\n' || io->err[n - 1] == ' '))
            io->err[--n] = 0;
    }
}

/* Open part `name` for streaming: no DTD, no entities, no network. */
static xmlTextReaderPtr S_part_open(pp_xbook *b, const char *name,
                                    long long limit, S_io *io, char *err,
                                    size_t cap)
{
    xmlTextReaderPtr r;
    pp_diags zd = {0};
    memset(io, 0, sizeof *io);
    if (pp_zip_file_open(b->z, name, limit, &io->f, &zd) != PP_OK) {
        snprintf(err, cap, "%s",
                 zd.len ? zd.items[zd.len - 1].message : _("out of memory"));
        pp_diags_free(&zd);
        return NULL;
    }
    r = xmlReaderForIO(S_io_read, S_io_close, io, name, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOCDATA |
                           XML_PARSE_NOWARNING | XML_PARSE_NOERROR |
                           XML_PARSE_COMPACT);
    if (!r) {
        snprintf(err, cap, _("%s: out of memory"), name);
        pp_zip_file_close(io->f);
        return NULL;
    }
    xmlTextReaderSetStructuredErrorHandler(r, S_io_error, io);
    return r;
}

/* Close a part; -1 with a message when reading it failed. */
static int S_part_close(xmlTextReaderPtr r, S_io *io, int rc,
                        const char *name, char *err, size_t cap)
{
    if (rc < 0 && !err[0])
        snprintf(err, cap, "%s: %s", name,
                 io->err[0] ? io->err : _("the XML is broken or cut short"));
    xmlFreeTextReader(r);
    pp_zip_file_close(io->f);
    return rc < 0 ? -1 : 0;
}

/* Next node; -1 for an error or a DTD (refused), 0 at the end. */
static int S_next(xmlTextReaderPtr r, S_io *io)
{
    int rc = xmlTextReaderRead(r);
    if (rc == 1 && xmlTextReaderNodeType(r) == XML_READER_TYPE_DOCUMENT_TYPE) {
        snprintf(io->err, sizeof io->err, "%s",
                 _("has a document type declaration (DTD), which is refused"));
        return -1;
    }
    if (rc == 1 && xmlTextReaderNodeType(r) == XML_READER_TYPE_ENTITY_REFERENCE) {
        snprintf(io->err, sizeof io->err, "%s",
                 _("uses an entity, which is refused"));
        return -1;
    }
    return rc;
}

static int S_is(xmlTextReaderPtr r, const char *local)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r);
    return n && strcmp((const char *)n, local) == 0;
}

/* An attribute by local name, any namespace (or none when ns = 0,
 * a namespaced one when ns = 1); owned by the reader until it moves. */
static const char *S_attr(xmlTextReaderPtr r, const char *local, int ns)
{
    const char *v = NULL;
    if (xmlTextReaderMoveToFirstAttribute(r) != 1)
        return NULL;
    do {
        const xmlChar *ln = xmlTextReaderConstLocalName(r);
        const xmlChar *uri = xmlTextReaderConstNamespaceUri(r);
        if (ln && strcmp((const char *)ln, local) == 0 &&
            (ns ? uri != NULL : uri == NULL)) {
            v = (const char *)xmlTextReaderConstValue(r);
            break;
        }
    } while (xmlTextReaderMoveToNextAttribute(r) == 1);
    xmlTextReaderMoveToElement(r);
    return v;
}

/* ---------------------------------------------------------------------
 * Relationships, workbook, shared strings.
 */

/* The folder of a part name, with its slash: "xl/" for "xl/workbook.xml". */
static void S_dir(const char *part, char *out, size_t cap)
{
    const char *sl = strrchr(part, '/');
    size_t n = sl ? (size_t)(sl - part + 1) : 0;
    if (n >= cap)
        n = cap - 1;
    memcpy(out, part, n);
    out[n] = 0;
}

/* A relationship's target, resolved against the folder of its source:
 * "worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml", "/xl/x.xml" ->
 * "xl/x.xml", "../x.xml" climbs. */
static char *S_resolve(const char *dir, const char *target)
{
    char buf[1024];
    size_t n;
    if (target[0] == '/') {
        snprintf(buf, sizeof buf, "%s", target + 1);
        return S_strdup(buf);
    }
    snprintf(buf, sizeof buf, "%s", dir);
    n = strlen(buf);
    while (strncmp(target, "../", 3) == 0) {
        target += 3;
        if (n)
            n--; /* the trailing slash */
        while (n && buf[n - 1] != '/')
            n--;
        buf[n] = 0;
    }
    while (strncmp(target, "./", 2) == 0)
        target += 2;
    snprintf(buf + n, sizeof buf - n, "%s", target);
    return S_strdup(buf);
}

/* Relationships of a part: calls back (Id, Type, Target resolved). */
typedef struct {
    char id[128], type[256], *target;
} S_rel;

static int S_rels(pp_xbook *b, const char *rels_name, const char *src_dir,
                  S_rel **out, size_t *nout, char *err, size_t cap)
{
    S_io io;
    xmlTextReaderPtr r;
    int rc;
    S_rel *v = NULL;
    size_t n = 0;
    *out = NULL;
    *nout = 0;
    if (!pp_zip_reader_has(b->z, rels_name))
        return 0;
    r = S_part_open(b, rels_name, LIMIT_SMALL, &io, err, cap);
    if (!r)
        return -1;
    while ((rc = S_next(r, &io)) == 1) {
        const char *id, *type, *target;
        S_rel *nv;
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT ||
            !S_is(r, "Relationship"))
            continue;
        id = S_attr(r, "Id", 0);
        id = id ? id : "";
        nv = realloc(v, (n + 1) * sizeof *v);
        if (!nv) {
            rc = -1;
            break;
        }
        v = nv;
        snprintf(v[n].id, sizeof v[n].id, "%s", id);
        type = S_attr(r, "Type", 0);
        snprintf(v[n].type, sizeof v[n].type, "%s", type ? type : "");
        target = S_attr(r, "Target", 0);
        v[n].target = S_resolve(src_dir, target ? target : "");
        n++;
    }
    *out = v;
    *nout = n;
    return S_part_close(r, &io, rc, rels_name, err, cap);
}

static void S_rels_free(S_rel *v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        free(v[i].target);
    free(v);
}

/* 1 when a relationship type names `what` (".../officeDocument"). */
static int S_type_is(const char *type, const char *what)
{
    const char *sl = strrchr(type, '/');
    return sl && strcmp(sl + 1, what) == 0;
}

/* workbook.xml: sheets (name, relationship id) and defined names. */
static int S_workbook(pp_xbook *b, const char *wb_name, S_rel *rels,
                      size_t nrels, char *err, size_t cap)
{
    S_io io;
    xmlTextReaderPtr r = S_part_open(b, wb_name, LIMIT_SMALL, &io, err, cap);
    int rc, in_name = 0;
    pp_text text = {0};
    char *dn = NULL;
    if (!r)
        return -1;
    while ((rc = S_next(r, &io)) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT && S_is(r, "sheet")) {
            const char *name = S_attr(r, "name", 0), *rid = S_attr(r, "id", 1);
            const char *target = NULL;
            size_t k;
            S_sheet *ns;
            if (b->nsheets >= MAX_SHEETS) {
                snprintf(err, cap, _("%s: more than %d sheets"), wb_name,
                         MAX_SHEETS);
                rc = -1;
                break;
            }
            for (k = 0; rid && k < nrels; k++)
                if (strcmp(rels[k].id, rid) == 0)
                    target = rels[k].target;
            ns = realloc(b->sheets, (b->nsheets + 1) * sizeof *ns);
            if (!ns) {
                rc = -1;
                break;
            }
            b->sheets = ns;
            ns[b->nsheets].name = S_strdup(name ? name : "");
            ns[b->nsheets].target = target ? S_strdup(target) : NULL;
            b->nsheets++;
        } else if (type == XML_READER_TYPE_ELEMENT && S_is(r, "definedName") &&
                   !xmlTextReaderIsEmptyElement(r)) {
            const char *name = S_attr(r, "name", 0);
            free(dn);
            dn = S_strdup(name ? name : "");
            /* a name local to a sheet is not the workbook's */
            in_name = S_attr(r, "localSheetId", 0) == NULL;
            text.len = 0;
            if (text.s)
                text.s[0] = 0;
        } else if (in_name && (type == XML_READER_TYPE_TEXT ||
                               type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            pp_text_add(&text, v ? v : "", strlen(v ? v : ""));
        } else if (type == XML_READER_TYPE_END_ELEMENT &&
                   S_is(r, "definedName")) {
            if (in_name && dn) {
                S_defname *nn = realloc(b->names, (b->nnames + 1) * sizeof *nn);
                if (!nn) {
                    rc = -1;
                    break;
                }
                b->names = nn;
                nn[b->nnames].name = dn;
                nn[b->nnames].value = S_strdup(text.s ? text.s : "");
                b->nnames++;
                dn = NULL;
            }
            in_name = 0;
        }
    }
    free(dn);
    free(text.s);
    return S_part_close(r, &io, rc, wb_name, err, cap);
}

/* Append the text of a cell string (ECMA-376's ST_Xstring) to t: "_xHHHH_"
 * is the character U+HHHH, as Excel writes what XML cannot hold (a line
 * pasted from Word ends "_x000D_"; "_x005F_" is the underscore that starts
 * a literal "_x…_"). A character XML 1.0 does not allow (a control
 * character but tab and line breaks, a lone surrogate) is left out: it
 * shows as nothing in Excel, and the appraisal file could not hold it. */
static void S_add_xstring(pp_text *t, const char *v)
{
    const char *p = v, *from = v;
    for (; *p; p++) {
        unsigned long c = 0;
        int i, ok = p[0] == '_' && p[1] == 'x';
        for (i = 0; ok && i < 4; i++) {
            char h = p[2 + i];
            ok = (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') ||
                 (h >= 'A' && h <= 'F');
            if (ok)
                c = c * 16 + (unsigned long)(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
        }
        if (!ok || p[6] != '_')
            continue;
        pp_text_add(t, from, (size_t)(p - from));
        if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c < 0xD800) ||
            (c >= 0xE000 && c <= 0xFFFD)) {
            char u[3];
            size_t n = 0;
            if (c < 0x80) {
                u[n++] = (char)c;
            } else if (c < 0x800) {
                u[n++] = (char)(0xC0 | (c >> 6));
                u[n++] = (char)(0x80 | (c & 0x3F));
            } else {
                u[n++] = (char)(0xE0 | (c >> 12));
                u[n++] = (char)(0x80 | ((c >> 6) & 0x3F));
                u[n++] = (char)(0x80 | (c & 0x3F));
            }
            pp_text_add(t, u, n);
        }
        p += 6;
        from = p + 1;
    }
    pp_text_add(t, from, (size_t)(p - from));
}

/* sharedStrings.xml: <si> with <t> directly or in runs <r><t>; phonetic
 * runs (<rPh>) are not part of the text. */
static int S_strings(pp_xbook *b, const char *name, char *err, size_t cap)
{
    S_io io;
    xmlTextReaderPtr r = S_part_open(b, name, LIMIT_PART, &io, err, cap);
    pp_text all = {0};
    size_t ncap = 0;
    int rc, in_t = 0, in_ph = 0, in_si = 0;
    if (!r)
        return -1;
    while ((rc = S_next(r, &io)) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            if (S_is(r, "si")) {
                if (b->nsst == ncap) {
                    size_t nc = ncap ? ncap * 2 : 256;
                    size_t *no = realloc(b->sst_off, nc * sizeof *no);
                    if (!no) {
                        rc = -1;
                        break;
                    }
                    b->sst_off = no;
                    ncap = nc;
                }
                b->sst_off[b->nsst++] = all.len;
                in_si = !xmlTextReaderIsEmptyElement(r);
                if (!in_si)
                    pp_text_add(&all, "", 1);
            } else if (S_is(r, "rPh")) {
                in_ph = !xmlTextReaderIsEmptyElement(r);
            } else if (S_is(r, "t")) {
                in_t = !xmlTextReaderIsEmptyElement(r);
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (S_is(r, "si") && in_si) {
                pp_text_add(&all, "", 1); /* the terminator, counted */
                in_si = 0;
            } else if (S_is(r, "rPh")) {
                in_ph = 0;
            } else if (S_is(r, "t")) {
                in_t = 0;
            }
        } else if (in_si && in_t && !in_ph &&
                   (type == XML_READER_TYPE_TEXT ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                    type == XML_READER_TYPE_WHITESPACE)) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            S_add_xstring(&all, v ? v : "");
        }
        if (all.oom) {
            snprintf(err, cap, _("%s: out of memory"), name);
            rc = -1;
            break;
        }
    }
    b->sst = all.s;
    return S_part_close(r, &io, rc, name, err, cap);
}

/* ---------------------------------------------------------------------
 * Public.
 */

/* The message of a reading that failed: the file-local functions build
 * it in a buffer (the first problem, in the words of the part where it
 * was found), and the public ones put it in the diagnostics list. */
enum { S_ERR_CAP = 512 };

/* See xlsx_read.h. */
pp_status pp_xbook_open(const char *path, pp_xbook **out, pp_diags *d)
{
    pp_xbook *b = calloc(1, sizeof *b);
    S_rel *rels = NULL;
    size_t nrels = 0, i;
    char *wb = NULL, *sst = NULL, dir[512], relsname[600], err[S_ERR_CAP];
    const size_t cap = sizeof err;
    const char *base;
    pp_status st;
    err[0] = 0;
    *out = NULL;
    if (!b) {
        pp_diag_error(d, NULL, 0, 0, "%s", _("out of memory"));
        return PP_E_NOMEM;
    }
    st = pp_zip_reader_open(path, &b->z, d);
    if (st != PP_OK) {
        pp_xbook_close(b);
        return st;
    }
    /* the package's relationships name the workbook part */
    if (S_rels(b, "_rels/.rels", "", &rels, &nrels, err, cap) != 0)
        goto fail;
    for (i = 0; i < nrels && !wb; i++)
        if (S_type_is(rels[i].type, "officeDocument"))
            wb = S_strdup(rels[i].target);
    S_rels_free(rels, nrels);
    rels = NULL;
    nrels = 0; /* freed: the failure path frees nothing more */
    if (!wb)
        wb = S_strdup("xl/workbook.xml");
    if (!pp_zip_reader_has(b->z, wb)) {
        snprintf(err, cap, _("not a spreadsheet: no workbook part (%s)"), wb);
        goto fail;
    }
    S_dir(wb, dir, sizeof dir);
    base = strrchr(wb, '/') ? strrchr(wb, '/') + 1 : wb;
    snprintf(relsname, sizeof relsname, "%s_rels/%s.rels", dir, base);
    if (S_rels(b, relsname, dir, &rels, &nrels, err, cap) != 0)
        goto fail;
    for (i = 0; i < nrels && !sst; i++)
        if (S_type_is(rels[i].type, "sharedStrings"))
            sst = S_strdup(rels[i].target);
    if (S_workbook(b, wb, rels, nrels, err, cap) != 0)
        goto fail;
    if (sst && pp_zip_reader_has(b->z, sst) && S_strings(b, sst, err, cap) != 0)
        goto fail;
    S_rels_free(rels, nrels);
    free(wb);
    free(sst);
    *out = b;
    return PP_OK;
fail:
    st = PP_E_INPUT;
    if (!err[0]) {
        snprintf(err, cap, "%s", _("out of memory"));
        st = PP_E_NOMEM;
    }
    pp_diag_error(d, NULL, 0, 0, "%s", err);
    S_rels_free(rels, nrels);
    free(wb);
    free(sst);
    pp_xbook_close(b);
    return st;
}

void pp_xbook_close(pp_xbook *b)
{
    size_t i;
    if (!b)
        return;
    for (i = 0; i < b->nsheets; i++) {
        free(b->sheets[i].name);
        free(b->sheets[i].target);
    }
    for (i = 0; i < b->nnames; i++) {
        free(b->names[i].name);
        free(b->names[i].value);
    }
    free(b->sheets);
    free(b->names);
    free(b->sst);
    free(b->sst_off);
    if (b->z)
        pp_zip_reader_close(b->z);
    free(b);
}

size_t pp_xbook_nsheets(const pp_xbook *b)
{
    return b->nsheets;
}

const char *pp_xbook_sheet_name(const pp_xbook *b, size_t i)
{
    return i < b->nsheets ? b->sheets[i].name : NULL;
}

/* See xlsx_read.h. Names compare without regard to case, as in Excel. */
const char *pp_xbook_defined(const pp_xbook *b, const char *name)
{
    size_t i;
    for (i = 0; i < b->nnames; i++)
        if (strcasecmp(b->names[i].name, name) == 0)
            return b->names[i].value;
    return NULL;
}

/* See xlsx_read.h. */
int pp_xcell_parse(const char *ref, long *row, long *col)
{
    long c = 0, r = 0;
    int nl = 0, nd = 0;
    if (*ref == '$')
        ref++;
    for (; *ref >= 'A' && *ref <= 'Z' && nl < 3; ref++, nl++)
        c = c * 26 + (*ref - 'A' + 1);
    if (*ref == '$')
        ref++;
    for (; *ref >= '0' && *ref <= '9' && nd < 8; ref++, nd++)
        r = r * 10 + (*ref - '0');
    if (!nl || !nd || *ref || r < 1 || r > PP_XLSX_MAX_ROWS ||
        c > PP_XLSX_MAX_COLS)
        return -1;
    *row = r - 1;
    *col = c - 1;
    return 0;
}

/* The cell being read in a sheet. */
typedef struct {
    long row, col;
    char t[16];
    int formula, has_v, in_v, in_is, in_t, in_ph;
    pp_text v;
} S_cell;

/* Emit the finished cell: 0, 1 when the callback stops the reading, or
 * -1 with the message in err. */
static int S_emit(pp_xbook *b, S_cell *c, pp_xcell_fn fn, void *ctx,
                  char *err, size_t cap)
{
    pp_xcell x;
    const char *text = c->v.s && c->has_v ? c->v.s : "";
    if (!c->has_v && !c->formula)
        return 0;
    x.row = c->row;
    x.col = c->col;
    x.formula = c->formula;
    x.text = text;
    if (strcmp(c->t, "s") == 0) {
        char *end;
        unsigned long k = strtoul(text, &end, 10);
        if (end == text || *end || k >= b->nsst) {
            snprintf(err, cap, _("cell %ld,%ld: shared string '%.20s' does "
                                 "not exist"),
                     c->row + 1, c->col + 1, text);
            return -1;
        }
        x.kind = PP_XC_STRING;
        x.text = b->sst + b->sst_off[k];
    } else if (strcmp(c->t, "inlineStr") == 0 || strcmp(c->t, "str") == 0 ||
               strcmp(c->t, "d") == 0) {
        x.kind = PP_XC_STRING;
    } else if (strcmp(c->t, "b") == 0) {
        x.kind = PP_XC_BOOL;
    } else if (strcmp(c->t, "e") == 0) {
        x.kind = PP_XC_ERROR;
    } else {
        x.kind = PP_XC_NUMBER;
    }
    return fn(ctx, &x) ? 1 : 0;
}

/* Sheet i: 0 (read to its end, or stopped by fn), or -1 with the
 * message of the failure in err (*nomem set when out of memory). */
static int S_sheet_read(pp_xbook *b, size_t i, pp_xcell_fn fn, void *ctx,
                        char *err, size_t cap, int *nomem)
{
    S_io io;
    xmlTextReaderPtr r;
    S_cell c;
    long row = -1, col = -1;
    int rc, st = 0;
    err[0] = 0;
    if (i >= b->nsheets || !b->sheets[i].target) {
        snprintf(err, cap, _("sheet %zu has no part"), i + 1);
        return -1;
    }
    r = S_part_open(b, b->sheets[i].target, LIMIT_PART, &io, err, cap);
    if (!r)
        return -1;
    memset(&c, 0, sizeof c);
    while ((rc = S_next(r, &io)) == 1) {
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            int empty = xmlTextReaderIsEmptyElement(r);
            if (S_is(r, "row")) {
                const char *rr = S_attr(r, "r", 0);
                char *end = NULL;
                long n;
                errno = 0;
                n = rr ? strtol(rr, &end, 10) : row + 2;
                if ((rr && (errno || end == rr || *end)) || n < 1 ||
                    n > PP_XLSX_MAX_ROWS) {
                    snprintf(err, cap,
                             _("row r=\"%.40s\" is outside the sheet (rows 1 "
                               "to %d)"),
                             rr ? rr : "", PP_XLSX_MAX_ROWS);
                    st = -1;
                    break;
                }
                row = n - 1;
                col = -1;
            } else if (S_is(r, "c")) {
                const char *ref = S_attr(r, "r", 0), *t = S_attr(r, "t", 0);
                long rr, cc;
                c.formula = c.has_v = c.in_v = c.in_is = c.in_t = c.in_ph = 0;
                c.v.len = 0;
                if (c.v.s)
                    c.v.s[0] = 0;
                if (ref && pp_xcell_parse(ref, &rr, &cc) == 0) {
                    row = rr;
                    col = cc;
                } else if (ref || ++col >= PP_XLSX_MAX_COLS) {
                    snprintf(err, cap,
                             _("cell r=\"%.40s\" is outside the sheet (A1 to "
                               "XFD%d)"),
                             ref ? ref : "", PP_XLSX_MAX_ROWS);
                    st = -1;
                    break;
                }
                c.row = row < 0 ? 0 : row;
                c.col = col;
                snprintf(c.t, sizeof c.t, "%s", t ? t : "n");
            } else if (S_is(r, "f")) {
                c.formula = 1;
            } else if (S_is(r, "v") && !empty) {
                c.in_v = 1;
                c.has_v = 1;
            } else if (S_is(r, "is")) {
                c.in_is = !empty;
                c.has_v = 1;
            } else if (S_is(r, "rPh")) {
                c.in_ph = !empty;
            } else if (S_is(r, "t") && c.in_is) {
                c.in_t = !empty;
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (S_is(r, "v"))
                c.in_v = 0;
            else if (S_is(r, "t"))
                c.in_t = 0;
            else if (S_is(r, "rPh"))
                c.in_ph = 0;
            else if (S_is(r, "is"))
                c.in_is = 0;
            else if (S_is(r, "c")) {
                st = S_emit(b, &c, fn, ctx, err, cap);
                c.has_v = 0;
                if (st)
                    break;
            }
        } else if ((c.in_v || (c.in_t && !c.in_ph)) &&
                   (type == XML_READER_TYPE_TEXT ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                    type == XML_READER_TYPE_WHITESPACE)) {
            const char *v = (const char *)xmlTextReaderConstValue(r);
            S_add_xstring(&c.v, v ? v : "");
            if (c.v.oom) {
                snprintf(err, cap, "%s", _("out of memory"));
                *nomem = 1;
                st = -1;
                break;
            }
        }
    }
    free(c.v.s);
    if (st) {
        if (st < 0 && err[0]) {
            char *tmp = strdup(err); /* the reason, after the sheet's name */
            if (tmp)
                snprintf(err, cap, "%s: %s", b->sheets[i].target, tmp);
            free(tmp);
        }
        xmlFreeTextReader(r);
        pp_zip_file_close(io.f);
        return st < 0 ? -1 : 0;
    }
    return S_part_close(r, &io, rc, b->sheets[i].target, err, cap) ? -1 : 0;
}

/* See xlsx_read.h. */
pp_status pp_xbook_sheet_read(pp_xbook *b, size_t i, pp_xcell_fn fn,
                              void *ctx, pp_diags *d)
{
    char err[S_ERR_CAP];
    int nomem = 0;
    if (S_sheet_read(b, i, fn, ctx, err, sizeof err, &nomem) == 0)
        return PP_OK; /* read to the end, or stopped by fn */
    pp_diag_error(d, NULL, 0, 0, "%s", err);
    return nomem ? PP_E_NOMEM : PP_E_INPUT;
}
