/* json.c - a growing string with JSON written into it, and the reading of
 * the small flat objects the API takes (internal.h). */
#include "serve/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ws_buf_puts(ws_buf *b, const char *s)
{
    ws_buf_add(b, s, strlen(s));
}

/* See internal.h. */
void ws_buf_member(ws_buf *b, const char *key, const char *value)
{
    ws_buf_printf(b, ", \"%s\": ", key);
    ws_buf_json(b, value);
}

/* See internal.h. */
void ws_buf_html(ws_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': ws_buf_puts(b, "&amp;"); break;
        case '<': ws_buf_puts(b, "&lt;"); break;
        case '>': ws_buf_puts(b, "&gt;"); break;
        case '"': ws_buf_puts(b, "&quot;"); break;
        default: ws_buf_add(b, s, 1);
        }
    }
}

void ws_buf_printf(ws_buf *b, const char *fmt, ...)
{
    char small[256], *big;
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        ws_buf_add(b, small, (size_t)n);
        return;
    }
    if (!(big = malloc((size_t)n + 1))) {
        b->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    ws_buf_add(b, big, (size_t)n);
    free(big);
}

/* A JSON string: quotes, backslashes and control characters escaped;
 * UTF-8 passed as it is. */
void ws_buf_json(ws_buf *b, const char *s)
{
    const unsigned char *p;
    if (!s) {
        ws_buf_puts(b, "null");
        return;
    }
    ws_buf_add(b, "\"", 1);
    for (p = (const unsigned char *)s; *p; p++) {
        char esc[8];
        switch (*p) {
        case '"': ws_buf_add(b, "\\\"", 2); break;
        case '\\': ws_buf_add(b, "\\\\", 2); break;
        case '\n': ws_buf_add(b, "\\n", 2); break;
        case '\r': ws_buf_add(b, "\\r", 2); break;
        case '\t': ws_buf_add(b, "\\t", 2); break;
        default:
            if (*p < 0x20 || *p == 0x7f) {
                snprintf(esc, sizeof esc, "\\u%04x", *p);
                ws_buf_add(b, esc, 6);
            } else if (*p == '<') { /* never "</script" in a page */
                ws_buf_add(b, "\\u003c", 6);
            } else {
                ws_buf_add(b, (const char *)p, 1);
            }
        }
    }
    ws_buf_add(b, "\"", 1);
}

void ws_buf_free(ws_buf *b)
{
    free(b->s);
    memset(b, 0, sizeof *b);
}

/* ---------------------------------------------------------------------
 * Reading.
 */

typedef struct {
    const char *p, *end;
} S_in;

static void S_ws(S_in *in)
{
    while (in->p < in->end &&
           (*in->p == ' ' || *in->p == '\t' || *in->p == '\n' || *in->p == '\r'))
        in->p++;
}

/* See internal.h. */
int ws_hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Append code point cp as UTF-8. */
static void S_utf8(ws_buf *b, unsigned long cp)
{
    char u[4];
    if (cp < 0x80) {
        u[0] = (char)cp;
        ws_buf_add(b, u, 1);
    } else if (cp < 0x800) {
        u[0] = (char)(0xc0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3f));
        ws_buf_add(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xe0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f));
        ws_buf_add(b, u, 3);
    } else {
        u[0] = (char)(0xf0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[3] = (char)(0x80 | (cp & 0x3f));
        ws_buf_add(b, u, 4);
    }
}

/* Four hex digits after \u; -1 when not. */
static long S_u4(S_in *in)
{
    long v = 0;
    int i, h;
    if (in->end - in->p < 4)
        return -1;
    for (i = 0; i < 4; i++) {
        if ((h = ws_hex_digit((unsigned char)in->p[i])) < 0)
            return -1;
        v = v * 16 + h;
    }
    in->p += 4;
    return v;
}

/* A string at in->p (the opening quote); its text into out (NULL skips);
 * 0 or -1. A NUL inside is refused. */
static int S_string(S_in *in, ws_buf *out)
{
    if (in->p >= in->end || *in->p != '"')
        return -1;
    in->p++;
    while (in->p < in->end) {
        unsigned char c = (unsigned char)*in->p++;
        if (c == '"')
            return 0;
        if (c < 0x20)
            return -1;
        if (c != '\\') {
            if (out)
                ws_buf_add(out, (const char *)&c, 1);
            continue;
        }
        if (in->p >= in->end)
            return -1;
        c = (unsigned char)*in->p++;
        switch (c) {
        case '"': case '\\': case '/':
            if (out)
                ws_buf_add(out, (const char *)&c, 1);
            break;
        case 'b': if (out) ws_buf_add(out, "\b", 1); break;
        case 'f': if (out) ws_buf_add(out, "\f", 1); break;
        case 'n': if (out) ws_buf_add(out, "\n", 1); break;
        case 'r': if (out) ws_buf_add(out, "\r", 1); break;
        case 't': if (out) ws_buf_add(out, "\t", 1); break;
        case 'u': {
            long cp = S_u4(in);
            if (cp <= 0)
                return -1;
            if (cp >= 0xd800 && cp < 0xdc00) {
                long lo;
                if (in->end - in->p < 6 || in->p[0] != '\\' || in->p[1] != 'u')
                    return -1;
                in->p += 2;
                lo = S_u4(in);
                if (lo < 0xdc00 || lo > 0xdfff)
                    return -1;
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            } else if (cp >= 0xdc00 && cp < 0xe000) {
                return -1;
            }
            if (out)
                S_utf8(out, (unsigned long)cp);
            break;
        }
        default: return -1;
        }
    }
    return -1;
}

/* Skip a scalar value (number, true, false, null); 0 or -1. Nested
 * objects and arrays are not taken. */
static int S_scalar(S_in *in)
{
    const char *s = in->p;
    while (in->p < in->end && (strchr("+-.0123456789eEtruefalsn", *in->p)))
        in->p++;
    return in->p > s ? 0 : -1;
}

/* See internal.h. */
char *ws_json_string(const char *text, size_t len, const char *key)
{
    S_in in = {text, text + len};
    ws_buf k = {0}, v = {0};
    char *found = NULL;
    int have = 0;
    S_ws(&in);
    if (in.p >= in.end || *in.p++ != '{')
        goto fail;
    S_ws(&in);
    if (in.p < in.end && *in.p == '}') {
        in.p++;
        goto end;
    }
    for (;;) {
        int is_key, is_string;
        k.len = 0;
        if (k.s)
            k.s[0] = 0;
        S_ws(&in);
        if (S_string(&in, &k) != 0 || k.oom)
            goto fail;
        S_ws(&in);
        if (in.p >= in.end || *in.p++ != ':')
            goto fail;
        S_ws(&in);
        is_key = k.s && strlen(k.s) == k.len && strcmp(k.s, key) == 0;
        is_string = in.p < in.end && *in.p == '"';
        if (is_key && is_string) {
            v.len = 0;
            if (S_string(&in, &v) != 0 || v.oom)
                goto fail;
            if (have) /* a key twice: ambiguous */
                goto fail;
            have = 1;
            if (!v.s)
                ws_buf_add(&v, "", 0);
            if (strlen(v.s) != v.len) /* \u0000 */
                goto fail;
            found = v.s;
            v.s = NULL;
            v.cap = 0;
        } else if (is_string) {
            if (S_string(&in, NULL) != 0)
                goto fail;
        } else if (S_scalar(&in) != 0) {
            goto fail;
        } else if (is_key) {
            have = 1; /* present, not a string */
        }
        S_ws(&in);
        if (in.p < in.end && *in.p == ',') {
            in.p++;
            continue;
        }
        if (in.p < in.end && *in.p == '}') {
            in.p++;
            break;
        }
        goto fail;
    }
end:
    S_ws(&in);
    if (in.p != in.end)
        goto fail;
    ws_buf_free(&k);
    ws_buf_free(&v);
    return found;
fail:
    free(found);
    ws_buf_free(&k);
    ws_buf_free(&v);
    return NULL;
}
