/* template.c - XSLT templates through libxslt (see template.h). */
#include "data/template.h"
#include "base/viet.h"
#include "core/legal.h"

#include "base/paths.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <libexslt/exslt.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#define PP_NS ((const xmlChar *)"urn:parpack")
#define MAX_SHEETS 16

typedef struct {
    char *name;
    xsltStylesheetPtr sheet;
} S_sheet;

typedef struct {
    char *name;
    xmlSchemaPtr schema;
} S_vocabrec;

struct pp_templates {
    char *dir;
    S_sheet sheets[MAX_SHEETS];
    int nsheets;
    S_vocabrec vocabs[MAX_SHEETS];
    int nvocabs;
};

/* Collects libxml2/libxslt messages while one template is compiled or
 * applied: they arrive as text, sometimes in pieces. */
typedef struct {
    pp_diags *d;
    const char *path;
    char buf[2048];
    size_t len;
} S_sink;

static S_sink *S_cur;

/* Turn one complete libxslt message into a diagnostic with a location. */
static void S_flush(S_sink *s)
{
    char *msg = s->buf, *p;
    long line = 0;
    const char *file = s->path;
    char fbuf[PATH_MAX];
    while (s->len && (s->buf[s->len - 1] == '\n' || s->buf[s->len - 1] == ' '))
        s->buf[--s->len] = 0;
    if (!s->len)
        return;
    /* "…: file /x/report.xsl line 12 element value-of" */
    p = strstr(msg, "file ");
    if (p) {
        char *l = strstr(p, " line ");
        if (l && (size_t)(l - p - 5) < sizeof fbuf) {
            memcpy(fbuf, p + 5, (size_t)(l - p - 5));
            fbuf[l - p - 5] = 0;
            file = fbuf;
            line = strtol(l + 6, NULL, 10);
        }
    }
    pp_diag_add(s->d, PP_ERROR, file, line > 0 ? line : 1, 1, "%s", msg);
    s->len = 0;
    s->buf[0] = 0;
}

/* libxslt's generic error callback: accumulate until a newline. */
static void S_generic(void *ctx, const char *fmt, ...)
{
    S_sink *s = ctx ? ctx : S_cur;
    va_list ap;
    int n;
    if (!s)
        return;
    va_start(ap, fmt);
    n = vsnprintf(s->buf + s->len, sizeof s->buf - s->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        s->len += (size_t)n < sizeof s->buf - s->len ? (size_t)n
                                                     : sizeof s->buf - s->len - 1;
    if (s->len && s->buf[s->len - 1] == '\n')
        S_flush(s);
}

/* libxml2's structured errors (parsing a template, validating output). */
static void S_structured(void *ctx, xmlErrorPtr e)
{
    S_sink *s = ctx;
    char msg[1024];
    if (!s || !e || e->level < XML_ERR_ERROR)
        return;
    pp_diag_message(msg, sizeof msg, e->message);
    if (e->domain == XML_FROM_SCHEMASV)
        pp_diag_add(s->d, PP_ERROR, s->path, 1, 1,
                    "the description this template produced is invalid "
                    "(element on its line %d): %s",
                    e->line, msg);
    else
        pp_diag_add(s->d, PP_ERROR, e->file ? e->file : s->path,
                    e->line > 0 ? e->line : 1, e->int2 > 0 ? e->int2 : 1,
                    "%s", msg);
}

static void S_sink_begin(S_sink *s, pp_diags *d, const char *path)
{
    memset(s, 0, sizeof *s);
    s->d = d;
    s->path = path;
    S_cur = s;
    xsltSetGenericErrorFunc(s, S_generic);
    xmlSetGenericErrorFunc(s, S_generic);
    xmlSetStructuredErrorFunc(s, S_structured);
}

static void S_sink_end(S_sink *s)
{
    S_flush(s);
    S_cur = NULL;
    xsltSetGenericErrorFunc(NULL, NULL);
    xmlSetGenericErrorFunc(NULL, NULL);
    xmlSetStructuredErrorFunc(NULL, NULL);
}

/* ---------------------------------------------------------------------
 * Extension functions.
 */
static double S_arg_number(xmlXPathParserContextPtr ctxt)
{
    return xmlXPathPopNumber(ctxt);
}

/* Return a string result (takes ownership of malloc'd s). */
static void S_return(xmlXPathParserContextPtr ctxt, char *s)
{
    valuePush(ctxt, xmlXPathNewString((const xmlChar *)(s ? s : "")));
    free(s);
}

/* Exact integer from an XPath number (đồng, counts). */
static long long S_llround(double x)
{
    return x < 0 ? -(long long)(-x + 0.5) : (long long)(x + 0.5);
}

/* Word style from a template's setting: any of "bốn" (24 -> hai mươi
 * bốn), "linh" (105 -> một trăm linh năm), "ngàn" (1000 -> một ngàn),
 * separated by commas; empty for the default (tư, lẻ, nghìn). */
static pp_words_style S_style(const char *s)
{
    pp_words_style st = PP_WORDS_DEFAULT;
    if (s && strstr(s, "bốn"))
        st.tu_for_4 = 0;
    if (s && strstr(s, "linh"))
        st.le_for_zero = 0;
    if (s && strstr(s, "ngàn"))
        st.nghin = 0;
    return st;
}

/* pp:number-words(n [, style]) and pp:money-words(n [, style]). */
static void S_words(xmlXPathParserContextPtr ctxt, int nargs, int money)
{
    long long v;
    xmlChar *style = NULL;
    pp_words_style st;
    if (nargs < 1 || nargs > 2) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    if (nargs == 2)
        style = xmlXPathPopString(ctxt);
    st = S_style((const char *)style);
    xmlFree(style);
    v = S_llround(S_arg_number(ctxt));
    if (v < 0)
        v = 0;
    S_return(ctxt, money ? pp_money_words(v, &st) : pp_number_words(v, &st));
}

static void S_fn_number_words(xmlXPathParserContextPtr ctxt, int nargs)
{
    S_words(ctxt, nargs, 0);
}

static void S_fn_money_words(xmlXPathParserContextPtr ctxt, int nargs)
{
    S_words(ctxt, nargs, 1);
}

static void S_fn_money(xmlXPathParserContextPtr ctxt, int nargs)
{
    char b[48];
    if (nargs != 1) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    pp_fmt_money(b, sizeof b, S_llround(S_arg_number(ctxt)));
    valuePush(ctxt, xmlXPathNewString((const xmlChar *)b));
}

/* pp:decimal(x, d): x has at most three decimals (our data do). */
static void S_fn_decimal(xmlXPathParserContextPtr ctxt, int nargs)
{
    char b[64];
    double x;
    int d = 2;
    if (nargs < 1 || nargs > 2) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    if (nargs == 2)
        d = (int)S_arg_number(ctxt);
    x = S_arg_number(ctxt);
    if (d < 0 || d > 3)
        d = 2;
    pp_fmt_decimal(b, sizeof b, S_llround(x * 1000.0), 3, d);
    valuePush(ctxt, xmlXPathNewString((const xmlChar *)b));
}

/* A one-string function: pop the argument, push fn(argument). */
static void S_fn_string(xmlXPathParserContextPtr ctxt, int nargs,
                        char *(*fn)(const char *))
{
    xmlChar *s;
    if (nargs != 1) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    s = xmlXPathPopString(ctxt);
    S_return(ctxt, fn((const char *)s));
    xmlFree(s);
}

static void S_fn_upper(xmlXPathParserContextPtr ctxt, int nargs)
{
    S_fn_string(ctxt, nargs, pp_upper);
}

static void S_fn_proper(xmlXPathParserContextPtr ctxt, int nargs)
{
    xmlChar *name, *place = NULL;
    if (nargs < 1 || nargs > 2) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    if (nargs == 2)
        place = xmlXPathPopString(ctxt);
    name = xmlXPathPopString(ctxt);
    S_return(ctxt, pp_proper((const char *)name, (const char *)place));
    xmlFree(name);
    xmlFree(place);
}

static void S_fn_lower(xmlXPathParserContextPtr ctxt, int nargs)
{
    S_fn_string(ctxt, nargs, pp_lower);
}

/* pp:base-salary-since(date): the date (yyyymmdd, a number) from which
 * the base salary in force on date ("2023-03-17") applies, from legal.c's
 * table; 0 before the table starts or for a date that is not one. */
static void S_fn_base_salary_since(xmlXPathParserContextPtr ctxt, int nargs)
{
    xmlChar *s;
    int y, m, d, since = 0;
    if (nargs != 1) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    s = xmlXPathPopString(ctxt);
    if (s && sscanf((const char *)s, "%d-%d-%d", &y, &m, &d) == 3)
        since = pp_legal_base_salary_since(y, m, d);
    xmlFree(s);
    valuePush(ctxt, xmlXPathNewFloat(since));
}

/* pp:cell(row, col), both 0-based: (4, 2) -> "C5". */
static void S_fn_cell(xmlXPathParserContextPtr ctxt, int nargs)
{
    char b[32], letters[8];
    int col, row;
    if (nargs != 2) {
        xmlXPathSetArityError(ctxt);
        return;
    }
    col = (int)S_arg_number(ctxt);
    row = (int)S_arg_number(ctxt);
    snprintf(b, sizeof b, "%s%d", pp_col_letters(letters, col < 0 ? 0 : col),
             row + 1);
    valuePush(ctxt, xmlXPathNewString((const xmlChar *)b));
}

/* Register once per process. */
static void S_register(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    exsltRegisterAll();
    xsltRegisterExtModuleFunction((const xmlChar *)"number-words", PP_NS,
                                  S_fn_number_words);
    xsltRegisterExtModuleFunction((const xmlChar *)"money-words", PP_NS,
                                  S_fn_money_words);
    xsltRegisterExtModuleFunction((const xmlChar *)"money", PP_NS, S_fn_money);
    xsltRegisterExtModuleFunction((const xmlChar *)"decimal", PP_NS,
                                  S_fn_decimal);
    xsltRegisterExtModuleFunction((const xmlChar *)"upper", PP_NS, S_fn_upper);
    xsltRegisterExtModuleFunction((const xmlChar *)"lower", PP_NS, S_fn_lower);
    xsltRegisterExtModuleFunction((const xmlChar *)"proper", PP_NS,
                                  S_fn_proper);
    xsltRegisterExtModuleFunction((const xmlChar *)"cell", PP_NS, S_fn_cell);
    xsltRegisterExtModuleFunction((const xmlChar *)"base-salary-since", PP_NS,
                                  S_fn_base_salary_since);
}

/* ---------------------------------------------------------------------
 * Folder lookup.
 */
static int S_is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *S_join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", a, b);
    return p;
}

/* The folder holding the running program. */
static char *S_exe_dir(const char *argv0)
{
    char buf[PATH_MAX], *slash;
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n > 0) {
        buf[n] = 0;
    } else if (argv0 && strchr(argv0, '/')) {
        snprintf(buf, sizeof buf, "%s", argv0);
    } else {
        return NULL;
    }
    slash = strrchr(buf, '/');
    if (!slash)
        return NULL;
    *slash = 0;
    return strdup(buf);
}

/* Open the templates folder; see template.h. */
pp_templates *pp_templates_open(const char *dir, const char *argv0,
                                pp_diags *d)
{
    pp_templates *t;
    char *found = NULL, *exe;
    const char *env = getenv("PARPACK_TEMPLATES");
    S_register();
    if (dir) {
        if (!S_is_dir(dir)) {
            pp_diag_add(d, PP_ERROR, dir, 0, 0,
                        "the templates folder does not exist");
            return NULL;
        }
        found = strdup(dir);
    } else if (env && *env && S_is_dir(env)) {
        found = strdup(env);
    } else if ((exe = S_exe_dir(argv0)) != NULL) {
        /* beside the program (the repository), one level up (a build
         * folder such as build-asan/), or installed under PREFIX */
        static const char *const rel[] = {"templates", "../templates",
                                          "../share/parpack/templates"};
        size_t i;
        for (i = 0; i < sizeof rel / sizeof *rel && !found; i++) {
            char *a = S_join(exe, rel[i]);
            if (a && S_is_dir(a))
                found = strdup(a);
            free(a);
        }
        free(exe);
    }
    if (!found) {
        char *a = S_join(pp_datadir, "templates");
        if (a && S_is_dir(a))
            found = a;
        else
            free(a);
    }
    if (!found) {
        pp_diag_add(d, PP_ERROR, NULL, 0, 0,
                    "cannot find the templates folder; give it with "
                    "--templates DIR");
        return NULL;
    }
    t = calloc(1, sizeof *t);
    if (!t) {
        free(found);
        return NULL;
    }
    t->dir = found;
    return t;
}

const char *pp_templates_dir(const pp_templates *t)
{
    return t->dir;
}

static S_sheet *S_find(pp_templates *t, const char *name)
{
    int i;
    for (i = 0; i < t->nsheets; i++)
        if (strcmp(t->sheets[i].name, name) == 0)
            return &t->sheets[i];
    return NULL;
}

/* Compile a stylesheet once; see template.h. */
pp_status pp_template_load(pp_templates *t, const char *name, pp_diags *d)
{
    S_sink sink;
    char *path;
    xmlDocPtr sdoc;
    xsltStylesheetPtr sheet = NULL;
    size_t before = d->errors;

    if (S_find(t, name))
        return PP_OK;
    if (t->nsheets == MAX_SHEETS)
        return PP_E_TEMPLATE;
    path = S_join(t->dir, name);
    if (!path)
        return PP_E_NOMEM;
    if (access(path, R_OK) != 0) {
        pp_diag_add(d, PP_ERROR, path, 0, 0, "cannot read the template: %s",
                    strerror(errno));
        free(path);
        return PP_E_TEMPLATE;
    }
    S_sink_begin(&sink, d, path);
    sdoc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
    if (sdoc)
        sheet = xsltParseStylesheetDoc(sdoc);
    if (sdoc && !sheet)
        xmlFreeDoc(sdoc);
    S_sink_end(&sink);
    if (sheet && sheet->errors > 0) {
        if (d->errors == before)
            pp_diag_add(d, PP_ERROR, path, 1, 1, "the template has errors");
        xsltFreeStylesheet(sheet);
        sheet = NULL;
    }
    if (!sheet) {
        if (d->errors == before)
            pp_diag_add(d, PP_ERROR, path, 1, 1,
                        "the template is not a valid XSLT stylesheet");
        free(path);
        return PP_E_TEMPLATE;
    }
    t->sheets[t->nsheets].name = strdup(name);
    t->sheets[t->nsheets].sheet = sheet;
    t->nsheets++;
    free(path);
    return PP_OK;
}

/* The vocabulary schema `name`, parsed once. */
static xmlSchemaPtr S_vocab(pp_templates *t, const char *name, pp_diags *d)
{
    int i;
    char *path;
    xmlSchemaParserCtxtPtr pc;
    xmlSchemaPtr s;
    S_sink sink;
    for (i = 0; i < t->nvocabs; i++)
        if (strcmp(t->vocabs[i].name, name) == 0)
            return t->vocabs[i].schema;
    if (t->nvocabs == MAX_SHEETS)
        return NULL;
    path = S_join(t->dir, name);
    if (!path)
        return NULL;
    S_sink_begin(&sink, d, path);
    pc = xmlSchemaNewParserCtxt(path);
    s = pc ? xmlSchemaParse(pc) : NULL;
    xmlSchemaFreeParserCtxt(pc);
    S_sink_end(&sink);
    if (!s)
        pp_diag_add(d, PP_ERROR, path, 1, 1,
                    "cannot load the vocabulary schema");
    free(path);
    if (!s)
        return NULL;
    t->vocabs[t->nvocabs].name = strdup(name);
    t->vocabs[t->nvocabs].schema = s;
    t->nvocabs++;
    return s;
}

/* Parse a vocabulary ahead of its use; see template.h. */
pp_status pp_template_load_vocab(pp_templates *t, const char *name,
                                 pp_diags *d)
{
    return S_vocab(t, name, d) ? PP_OK : PP_E_TEMPLATE;
}

/* Apply a stylesheet and validate its result; see template.h. */
pp_doc *pp_template_apply(pp_templates *t, const char *name, pp_doc *doc,
                          const char *vocab, const char **params,
                          pp_diags *d)
{
    S_sheet *sh;
    S_sink sink;
    xmlDocPtr out = NULL;
    xsltTransformContextPtr tc;
    xsltSecurityPrefsPtr sec;
    xmlSchemaPtr schema = NULL;
    char *path;
    size_t before = d->errors;

    if (pp_template_load(t, name, d) != PP_OK)
        return NULL;
    sh = S_find(t, name);
    if (vocab && !(schema = S_vocab(t, vocab, d)))
        return NULL;
    path = S_join(t->dir, name);
    S_sink_begin(&sink, d, path);
    tc = xsltNewTransformContext(sh->sheet, doc);
    sec = xsltNewSecurityPrefs();
    if (tc && sec) {
        /* templates read the results only: no files, no network */
        xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
        xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
        xsltSetSecurityPrefs(sec, XSLT_SECPREF_CREATE_DIRECTORY,
                             xsltSecurityForbid);
        xsltSetSecurityPrefs(sec, XSLT_SECPREF_READ_NETWORK,
                             xsltSecurityForbid);
        xsltSetSecurityPrefs(sec, XSLT_SECPREF_WRITE_NETWORK,
                             xsltSecurityForbid);
        xsltSetCtxtSecurityPrefs(sec, tc);
        out = xsltApplyStylesheetUser(sh->sheet, doc, params, NULL, NULL,
                                      tc);
        if (out && tc->state != XSLT_STATE_OK) {
            xmlFreeDoc(out);
            out = NULL;
        }
    }
    if (tc)
        xsltFreeTransformContext(tc);
    if (sec)
        xsltFreeSecurityPrefs(sec);
    if (out && schema) {
        xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(schema);
        if (v) {
            xmlSchemaSetValidStructuredErrors(v, S_structured, &sink);
            if (xmlSchemaValidateDoc(v, out) != 0) {
                xmlFreeDoc(out);
                out = NULL;
            }
            xmlSchemaFreeValidCtxt(v);
        }
    }
    S_sink_end(&sink);
    if (!out && d->errors == before)
        pp_diag_add(d, PP_ERROR, path, 1, 1, "the template failed");
    free(path);
    return out;
}

/* A child's text; see template.h. */
char *pp_template_doc_text(const pp_doc *doc, const char *name)
{
    xmlNodePtr root = xmlDocGetRootElement(doc), n;
    for (n = root ? root->children : NULL; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE &&
            strcmp((const char *)n->name, name) == 0) {
            xmlChar *s = xmlNodeGetContent(n);
            char *r = strdup(s ? (const char *)s : "");
            xmlFree(s);
            return r;
        }
    return NULL;
}

void pp_template_doc_free(pp_doc *doc)
{
    xmlFreeDoc(doc);
}

/* Free the stylesheets and schemas. */
void pp_templates_free(pp_templates *t)
{
    int i;
    if (!t)
        return;
    for (i = 0; i < t->nsheets; i++) {
        xsltFreeStylesheet(t->sheets[i].sheet);
        free(t->sheets[i].name);
    }
    for (i = 0; i < t->nvocabs; i++) {
        xmlSchemaFree(t->vocabs[i].schema);
        free(t->vocabs[i].name);
    }
    free(t->dir);
    free(t);
}
