/*
 * zip.c - ZIP archives through libzip; see zip.h. The only file that
 * includes <zip.h>.
 */
#include "base/zip.h"

#include "base/i18n.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <zip.h>

#define S_MAX_ENTRIES 10000

struct pp_zip_reader {
    zip_t *za;
};

struct pp_zip_file {
    zip_file_t *zf;
    long long left; /* bytes still allowed */
    long long size; /* the size the archive declares, or -1 */
    char err[160];
};

struct pp_zip_writer {
    zip_t *za;
    char *path;
    time_t mtime;
    int failed;
};

static void S_msg(char *err, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A message into err, in the reader's language (fmt is the msgid). */
static void S_msg(char *err, size_t cap, const char *fmt, ...)
{
    va_list ap;
    if (!err || !cap)
        return;
    va_start(ap, fmt);
    vsnprintf(err, cap, _(fmt), ap);
    va_end(ap);
}

/* An error of the archive (file: its path, or NULL) into d. */
static void S_err(pp_diags *d, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void S_err(pp_diags *d, const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pp_diag_vadd(d, PP_ERROR, file, 0, 0, _(fmt), ap);
    va_end(ap);
}

/* ---------------------------------------------------------------------
 * Reading.
 */

/* Little-endian integers of a ZIP record. */
static unsigned long long S_le(const unsigned char *p, int n)
{
    unsigned long long v = 0;
    while (n--)
        v = v << 8 | p[n];
    return v;
}

/* The number of entries the archive's end of central directory says it
 * holds (the Zip64 one when there is one), read from the file's tail
 * before libzip reads the whole directory; -1 when it is not found (then
 * libzip says why). */
static long long S_eocd_count(const char *path)
{
    unsigned char buf[65536 + 22];
    FILE *f = fopen(path, "rb");
    long size, from;
    size_t got;
    long long n = -1;
    int i;
    if (!f)
        return -1;
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 22) {
        fclose(f);
        return -1;
    }
    from = size > (long)sizeof buf ? size - (long)sizeof buf : 0;
    if (fseek(f, from, SEEK_SET) != 0 ||
        (got = fread(buf, 1, sizeof buf, f)) < 22) {
        fclose(f);
        return -1;
    }
    for (i = (int)got - 22; i >= 0; i--)
        if (S_le(buf + i, 4) == 0x06054b50UL) {
            n = (long long)S_le(buf + i + 10, 2);
            /* Zip64: the locator just before points at the real count */
            if (n == 0xffff && i >= 20 &&
                S_le(buf + i - 20, 4) == 0x07064b50UL) {
                unsigned char z64[56];
                unsigned long long off = S_le(buf + i - 20 + 8, 8);
                if (off < (unsigned long long)size &&
                    fseek(f, (long)off, SEEK_SET) == 0 &&
                    fread(z64, 1, sizeof z64, f) == sizeof z64 &&
                    S_le(z64, 4) == 0x06064b50UL) {
                    unsigned long long v = S_le(z64 + 32, 8);
                    n = v > (unsigned long long)LLONG_MAX ? LLONG_MAX
                                                          : (long long)v;
                }
            }
            break;
        }
    fclose(f);
    return n;
}

/* Open an archive to read; see zip.h. */
pp_status pp_zip_reader_open(const char *path, pp_zip_reader **out,
                             pp_diags *d)
{
    int code = 0;
    zip_t *za;
    pp_zip_reader *z;
    zip_int64_t n;
    /* the count first: libzip reads every entry of the directory */
    long long said = S_eocd_count(path);
    *out = NULL;
    if (said > S_MAX_ENTRIES) {
        S_err(d, path, "the archive holds %lld entries, more than %d", said,
              S_MAX_ENTRIES);
        return PP_E_INPUT;
    }
    za = zip_open(path, ZIP_RDONLY, &code);
    if (!za) {
        zip_error_t e;
        zip_error_init_with_code(&e, code);
        if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS)
            S_err(d, path, "not a ZIP archive (an .xlsx file is one): %s",
                  zip_error_strerror(&e));
        else
            S_err(d, path, "%s", zip_error_strerror(&e));
        zip_error_fini(&e);
        return code == ZIP_ER_MEMORY ? PP_E_NOMEM : PP_E_INPUT;
    }
    n = zip_get_num_entries(za, 0);
    if (n < 0 || n > S_MAX_ENTRIES) {
        S_err(d, path, "the archive holds %lld entries, more than %d",
              (long long)n, S_MAX_ENTRIES);
        zip_discard(za);
        return PP_E_INPUT;
    }
    z = calloc(1, sizeof *z);
    if (!z) {
        S_err(d, path, "out of memory");
        zip_discard(za);
        return PP_E_NOMEM;
    }
    z->za = za;
    *out = z;
    return PP_OK;
}

void pp_zip_reader_close(pp_zip_reader *z)
{
    if (!z)
        return;
    zip_discard(z->za);
    free(z);
}

long pp_zip_reader_count(const pp_zip_reader *z)
{
    return (long)zip_get_num_entries(z->za, 0);
}

const char *pp_zip_reader_name(const pp_zip_reader *z, long i)
{
    return zip_get_name(z->za, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
}

int pp_zip_reader_has(const pp_zip_reader *z, const char *name)
{
    return zip_name_locate(z->za, name, 0) >= 0;
}

/* Open one entry; see zip.h. */
pp_status pp_zip_file_open(pp_zip_reader *z, const char *name,
                           long long limit, pp_zip_file **out, pp_diags *d)
{
    zip_stat_t st;
    zip_int64_t i = zip_name_locate(z->za, name, 0);
    pp_zip_file *f;
    *out = NULL;
    if (i < 0) {
        S_err(d, NULL, "the archive has no part '%s'", name);
        return PP_E_INPUT;
    }
    zip_stat_init(&st);
    if (zip_stat_index(z->za, (zip_uint64_t)i, 0, &st) == 0 &&
        (st.valid & ZIP_STAT_SIZE) && st.size > (zip_uint64_t)limit) {
        S_err(d, NULL, "part '%s' is %llu bytes uncompressed, more than "
              "the %lld allowed", name, (unsigned long long)st.size, limit);
        return PP_E_INPUT;
    }
    f = calloc(1, sizeof *f);
    if (!f) {
        S_err(d, NULL, "out of memory");
        return PP_E_NOMEM;
    }
    f->zf = zip_fopen_index(z->za, (zip_uint64_t)i, 0);
    if (!f->zf) {
        S_err(d, NULL, "cannot read part '%s': %s", name,
              zip_strerror(z->za));
        free(f);
        return PP_E_INPUT;
    }
    f->left = limit;
    f->size = (st.valid & ZIP_STAT_SIZE) ? (long long)st.size : -1;
    *out = f;
    return PP_OK;
}

/* Read from an entry; see zip.h. */
long pp_zip_file_read(pp_zip_file *f, void *buf, size_t n)
{
    zip_int64_t got;
    if (f->left <= 0) {
        /* the limit is reached: one byte more means too large */
        char c;
        got = zip_fread(f->zf, &c, 1);
        if (got == 0)
            return 0;
        if (got > 0)
            S_msg(f->err, sizeof f->err, "the part is larger than allowed");
        else
            S_msg(f->err, sizeof f->err, "damaged data: %s",
                  zip_error_strerror(zip_file_get_error(f->zf)));
        return -1;
    }
    if ((long long)n > f->left)
        n = (size_t)f->left;
    got = zip_fread(f->zf, buf, n);
    if (got < 0) {
        S_msg(f->err, sizeof f->err, "damaged data: %s",
              zip_error_strerror(zip_file_get_error(f->zf)));
        return -1;
    }
    f->left -= got;
    return (long)got;
}

const char *pp_zip_file_error(const pp_zip_file *f)
{
    return f->err;
}

void pp_zip_file_close(pp_zip_file *f)
{
    if (!f)
        return;
    zip_fclose(f->zf);
    free(f);
}

/* Read a whole entry; see zip.h. */
pp_status pp_zip_read_all(pp_zip_reader *z, const char *name, long long limit,
                          char **out, size_t *len, pp_diags *d)
{
    pp_zip_file *f = NULL;
    pp_status st = pp_zip_file_open(z, name, limit, &f, d);
    char *buf = NULL;
    size_t used = 0, size = 0;
    long n;
    *out = NULL;
    if (st != PP_OK)
        return st;
    /* one buffer of the size the archive declares (within the limit),
     * which the end is read into; it grows only for an entry whose data
     * is longer than it says (a damaged or forged archive) */
    if (f->size >= 0 && f->size < limit)
        size = (size_t)f->size + 2;
    for (;;) {
        if (size - used < 2) {
            size_t ns = size < 65536 ? 65536 + 1 : size * 2;
            char *nb = realloc(buf, ns);
            if (!nb) {
                S_err(d, NULL, "out of memory");
                st = PP_E_NOMEM;
                goto fail;
            }
            buf = nb;
            size = ns;
        } else if (!buf && !(buf = malloc(size))) {
            S_err(d, NULL, "out of memory");
            st = PP_E_NOMEM;
            goto fail;
        }
        n = pp_zip_file_read(f, buf + used, size - used - 1);
        if (n < 0) {
            S_err(d, NULL, "part '%s': %s", name, pp_zip_file_error(f));
            st = PP_E_INPUT;
            goto fail;
        }
        if (n == 0)
            break;
        used += (size_t)n;
    }
    buf[used] = 0;
    *len = used;
    pp_zip_file_close(f);
    *out = buf;
    return PP_OK;
fail:
    free(buf);
    pp_zip_file_close(f);
    return st;
}

/* ---------------------------------------------------------------------
 * Writing.
 */

/* Create an archive; see zip.h. */
pp_zip_writer *pp_zip_writer_open(const char *path, time_t mtime, int *err)
{
    int code = 0;
    pp_zip_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->path = strdup(path))) {
        free(w);
        if (err)
            *err = ENOMEM;
        return NULL;
    }
    w->za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!w->za) {
        zip_error_t e;
        int sys;
        zip_error_init_with_code(&e, code);
        sys = zip_error_code_system(&e);
        zip_error_fini(&e);
        if (err)
            *err = sys ? sys : EIO;
        free(w->path);
        free(w);
        return NULL;
    }
    w->mtime = mtime;
    return w;
}

/* Add an entry; see zip.h. */
int pp_zip_writer_add(pp_zip_writer *w, const char *name, void *data,
                      size_t len, int own)
{
    zip_source_t *s;
    zip_int64_t i;
    if (w->failed)
        goto fail_own;
    s = zip_source_buffer(w->za, data, len, own);
    if (!s)
        goto fail_own;
    i = zip_file_add(w->za, name, s, ZIP_FL_ENC_UTF_8);
    if (i < 0) {
        zip_source_free(s); /* frees data when own */
        w->failed = 1;
        return -1;
    }
    if (zip_set_file_compression(w->za, (zip_uint64_t)i, ZIP_CM_DEFLATE, 6) ||
        zip_file_set_mtime(w->za, (zip_uint64_t)i, w->mtime, 0)) {
        w->failed = 1;
        return -1;
    }
    return 0;
fail_own:
    if (own)
        free(data);
    w->failed = 1;
    return -1;
}

/* Write and free; see zip.h. */
int pp_zip_writer_close(pp_zip_writer *w)
{
    int rc = 0;
    if (w->failed) {
        pp_zip_writer_discard(w);
        return ENOMEM;
    }
    if (zip_close(w->za) != 0) {
        int sys = zip_error_code_system(zip_get_error(w->za));
        rc = sys ? sys : EIO;
        zip_discard(w->za);
        unlink(w->path);
    }
    free(w->path);
    free(w);
    return rc;
}

void pp_zip_writer_discard(pp_zip_writer *w)
{
    if (!w)
        return;
    zip_discard(w->za);
    free(w->path);
    free(w);
}

/* ---------------------------------------------------------------------
 * Whole XML parts.
 */

/* libxml2's errors while a part is checked: not printed. */
static void S_quiet(void *ctx, const xmlError *e)
{
    (void)ctx;
    (void)e;
}

/* 1 when the XML part p (n bytes) is well-formed to its end: parsed
 * whole (a part cut short, or cut and closed again, is not), without
 * reading a DTD or the network. */
static int S_xml_whole(const char *p, size_t n)
{
    xmlSAXHandler sax;
    xmlParserCtxtPtr c;
    int rc;
    if (n > (size_t)INT_MAX)
        return 0;
    /* SAX2 with no callbacks: libxml2 checks the part's well-formedness
     * (its own stack of open elements) and builds nothing. */
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.serror = (xmlStructuredErrorFunc)S_quiet;
    c = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
    if (!c)
        return 0;
    xmlCtxtUseOptions(c, XML_PARSE_NONET | XML_PARSE_NOERROR |
                             XML_PARSE_NOWARNING | XML_PARSE_HUGE);
    rc = xmlParseChunk(c, p, (int)n, 1);
    xmlFreeParserCtxt(c);
    return rc == 0;
}

/* Every XML part is well-formed; see zip.h. */
int pp_zip_xml_whole(const char *path)
{
    pp_diags d = {0};
    pp_zip_reader *z = NULL;
    long i, n;
    int whole = pp_zip_reader_open(path, &z, &d) == PP_OK;
    n = z ? pp_zip_reader_count(z) : 0;
    for (i = 0; i < n && whole; i++) {
        const char *name = pp_zip_reader_name(z, i);
        size_t nl = name ? strlen(name) : 0, len = 0;
        char *data = NULL;
        if (nl < 4 || (strcmp(name + nl - 4, ".xml") != 0 &&
                       strcmp(name + nl - 4, "rels") != 0))
            continue;
        whole = pp_zip_read_all(z, name, 1LL << 31, &data, &len, &d) ==
                    PP_OK &&
                S_xml_whole(data, len);
        free(data);
    }
    pp_zip_reader_close(z);
    pp_diags_free(&d);
    return whole;
}
