/* http.c - the HTTP layer over libmicrohttpd (internal.h): one thread per
 * connection; bodies gathered within their limit (a Content-Length above
 * it is answered 413 at once, before any byte of the body is read);
 * multipart/form-data parsed by MHD's post processor; every answer with
 * the security headers. Nothing here reaches the file system: the routes
 * (api.c, pages.c) get the decoded path and the body in memory. */
#include "serve/internal.h"
#include "base/i18n.h"

#include <microhttpd.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

enum { S_MAX_PARTS = 1000 };

/* A request being read. */
typedef struct {
    ws_server *s;
    struct MHD_PostProcessor *pp;
    int multipart, too_big, bad, answered;
    size_t limit, received;
    ws_buf body;
    ws_part *parts;
    size_t nparts, cap;
} S_ctx;

static const char S_csp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; object-src 'self'; frame-src 'self'; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'self'";

/* See internal.h. */
void ws_resp_bytes(ws_resp *r, int status, const char *type, char *data,
                   size_t len)
{
    free(r->body);
    r->status = status;
    r->type = type;
    r->body = data;
    r->len = len;
}

/* See internal.h. */
void ws_resp_json(ws_resp *r, int status, ws_buf *b)
{
    if (b->oom) {
        ws_buf_free(b);
        ws_resp_error(r, 500, _("out of memory"));
        return;
    }
    if (!b->s)
        ws_buf_puts(b, "null");
    ws_buf_add(b, "\n", 1);
    ws_resp_bytes(r, status, "application/json; charset=utf-8", b->s, b->len);
    r->no_store = 1;
    b->s = NULL;
    b->len = b->cap = 0;
}

/* See internal.h. */
void ws_resp_error(ws_resp *r, int status, const char *msg)
{
    ws_buf b = {0};
    ws_buf_puts(&b, "{\"error\": ");
    ws_buf_json(&b, msg);
    ws_buf_puts(&b, "}");
    if (b.oom) {
        ws_buf_free(&b);
        r->status = status;
        return;
    }
    ws_buf_add(&b, "\n", 1);
    ws_resp_bytes(r, status, "application/json; charset=utf-8", b.s, b.len);
    r->no_store = 1;
}

/* The post processor's callback: each part's bytes appended. */
static enum MHD_Result S_part(void *cls, enum MHD_ValueKind kind,
                              const char *key, const char *filename,
                              const char *content_type,
                              const char *transfer_encoding, const char *data,
                              uint64_t off, size_t size)
{
    S_ctx *x = cls;
    ws_part *p;
    (void)kind;
    (void)content_type;
    (void)transfer_encoding;
    if (!key)
        return MHD_YES;
    if (off == 0) {
        if (x->nparts >= S_MAX_PARTS) {
            x->bad = 1;
            return MHD_NO;
        }
        if (x->nparts == x->cap) {
            size_t cap = x->cap ? 2 * x->cap : 8;
            ws_part *v = realloc(x->parts, cap * sizeof *v);
            if (!v) {
                x->bad = 1;
                return MHD_NO;
            }
            x->parts = v;
            x->cap = cap;
        }
        p = &x->parts[x->nparts++];
        memset(p, 0, sizeof *p);
        p->name = strdup(key);
        p->filename = filename ? strdup(filename) : NULL;
        if (!p->name || (filename && !p->filename)) {
            x->bad = 1;
            return MHD_NO;
        }
    }
    if (!x->nparts) {
        x->bad = 1;
        return MHD_NO;
    }
    p = &x->parts[x->nparts - 1];
    if (size) {
        if (ws_grow(&p->data, &p->cap, p->len + size + 1) != 0) {
            x->bad = 1;
            return MHD_NO;
        }
        memcpy(p->data + p->len, data, size);
        p->len += size;
        p->data[p->len] = 0;
    }
    return MHD_YES;
}

static void S_ctx_free(S_ctx *x)
{
    size_t i;
    if (!x)
        return;
    if (x->pp)
        MHD_destroy_post_processor(x->pp);
    for (i = 0; i < x->nparts; i++) {
        free(x->parts[i].name);
        free(x->parts[i].filename);
        free(x->parts[i].data);
    }
    free(x->parts);
    ws_buf_free(&x->body);
    free(x);
}

/* MHD's end of a request. */
static void S_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                        enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    S_ctx_free(*con_cls);
    *con_cls = NULL;
}

/* The stream of a callback answer. */
typedef struct {
    ws_stream_fn fn;
    void *ctx;
    void (*free)(void *);
} S_stream;

static ssize_t S_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    S_stream *st = cls;
    long n;
    (void)pos;
    n = st->fn(st->ctx, buf, max);
    if (n < 0)
        return MHD_CONTENT_READER_END_OF_STREAM;
    return (ssize_t)n;
}

static void S_reader_free(void *cls)
{
    S_stream *st = cls;
    if (st->free)
        st->free(st->ctx);
    free(st);
}

/* Queue answer r on c, with the headers every answer has. */
static enum MHD_Result S_queue(ws_server *s, struct MHD_Connection *c,
                               ws_resp *r)
{
    struct MHD_Response *resp;
    enum MHD_Result ok;
    if (r->stream) {
        S_stream *st = malloc(sizeof *st);
        if (!st) {
            if (r->stream_free)
                r->stream_free(r->stream_ctx);
            return MHD_NO;
        }
        st->fn = r->stream;
        st->ctx = r->stream_ctx;
        st->free = r->stream_free;
        resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096,
                                                 S_reader, st, S_reader_free);
        if (!resp) {
            S_reader_free(st);
            return MHD_NO;
        }
    } else {
        resp = MHD_create_response_from_buffer(r->len, r->body ? r->body : "",
                                               r->body
                                                   ? MHD_RESPMEM_MUST_FREE
                                                   : MHD_RESPMEM_PERSISTENT);
        if (!resp) {
            free(r->body);
            r->body = NULL;
            return MHD_NO;
        }
        r->body = NULL; /* the response owns it */
    }
    MHD_add_response_header(resp, "Content-Type",
                            r->type ? r->type : "application/json; charset=utf-8");
    MHD_add_response_header(resp, "Content-Security-Policy", S_csp);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "X-Frame-Options", "SAMEORIGIN");
    MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
    if (s->tls)
        MHD_add_response_header(resp, "Strict-Transport-Security",
                                "max-age=31536000");
    /* a workspace's files (forms, the packet) are as private as its
     * JSON: kept by no cache; only the compiled-in assets may be */
    if (r->no_store || r->stream || !r->keep)
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (r->disposition[0])
        MHD_add_response_header(resp, "Content-Disposition", r->disposition);
    if (r->cookie[0])
        MHD_add_response_header(resp, "Set-Cookie", r->cookie);
    if (r->location[0])
        MHD_add_response_header(resp, "Location", r->location);
    ok = MHD_queue_response(c, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* Answer at once with an error (413, 400). */
static enum MHD_Result S_refuse(ws_server *s, struct MHD_Connection *c,
                                int status, const char *msg)
{
    ws_resp r;
    memset(&r, 0, sizeof r);
    ws_resp_error(&r, status, msg);
    return S_queue(s, c, &r);
}

static const char *S_header(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* The limit of a body, in words, for a 413. */
static void S_too_big(char *msg, size_t cap, size_t limit)
{
    snprintf(msg, cap, _("the request is larger than %zu MB, the limit"),
             limit / (1024 * 1024) ? limit / (1024 * 1024) : 1);
}

/* What MHD's access handler gets: the server, its router and its gate. */
typedef struct {
    ws_server *s;
    ws_route_fn route, gate;
} S_daemon;

/* The request as its headers give it (no body yet); addr holds the
 * client's address. */
static void S_req(struct MHD_Connection *c, const char *url,
                  const char *method, const S_ctx *x, ws_req *q,
                  char addr[INET6_ADDRSTRLEN])
{
    const union MHD_ConnectionInfo *ci;
    memset(q, 0, sizeof *q);
    addr[0] = 0;
    ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
                      addr, INET6_ADDRSTRLEN);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6,
                      &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
                      addr, INET6_ADDRSTRLEN);
    }
    q->method = method;
    q->path = url;
    q->addr = addr;
    q->cookie_token =
        MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "parpack_session");
    q->csrf = S_header(c, "X-CSRF-Token");
    q->accept = S_header(c, "Accept");
    q->origin = S_header(c, "Origin");
    q->host = S_header(c, "Host");
    q->fetch_site = S_header(c, "Sec-Fetch-Site");
    q->body = (char *)"";
    q->multipart = x->multipart;
}

/* MHD's access handler: called first with no body, then with each piece
 * of it, then once more with none. */
static enum MHD_Result S_access(void *cls, struct MHD_Connection *c,
                                const char *url, const char *method,
                                const char *version, const char *upload,
                                size_t *upload_size, void **con_cls)
{
    const S_daemon *dm = cls;
    ws_server *s = dm->s;
    S_ctx *x = *con_cls;
    char msg[160], addr[INET6_ADDRSTRLEN] = "";
    ws_req q;
    ws_resp r;
    enum MHD_Result ok;
    (void)version;
    if (!x) {
        const char *cl = S_header(c, "Content-Length");
        const char *ct = S_header(c, "Content-Type");
        if (!(x = calloc(1, sizeof *x)))
            return MHD_NO;
        *con_cls = x;
        x->s = s;
        x->multipart = ct && strncasecmp(ct, "multipart/form-data", 19) == 0;
        x->limit = x->multipart ? WS_BODY_LIMIT : WS_JSON_LIMIT;
        if (cl) {
            char *end;
            unsigned long long n;
            errno = 0;
            n = strtoull(cl, &end, 10);
            if (errno || *end || n > x->limit) {
                x->answered = 1;
                S_too_big(msg, sizeof msg, x->limit);
                return S_refuse(s, c, 413, msg);
            }
        }
        if ((cl && strtoull(cl, NULL, 10) > 0) ||
            S_header(c, "Transfer-Encoding")) {
            /* a request whose answer does not hang on its body (refused
             * whatever it holds: no session, no CSRF token, no such
             * link...; or a GET) is answered now, before a byte of its
             * body is read or kept */
            S_req(c, url, method, x, &q, addr);
            memset(&r, 0, sizeof r);
            dm->gate(s, &q, &r);
            if (r.status) {
                x->answered = 1;
                return S_queue(s, c, &r);
            }
            free(r.body);
        }
        if (x->multipart) {
            x->pp = MHD_create_post_processor(c, 64 * 1024, S_part, x);
            if (!x->pp)
                x->bad = 1;
        }
        return MHD_YES;
    }
    if (*upload_size) {
        size_t n = *upload_size;
        *upload_size = 0;
        if (x->answered || x->too_big)
            return MHD_YES;
        x->received += n;
        if (x->received > x->limit) {
            /* a body without Content-Length (chunked) past the limit:
             * answered now, the rest is not read (MHD closes) */
            x->too_big = 1;
            x->answered = 1;
            S_too_big(msg, sizeof msg, x->limit);
            (void)S_refuse(s, c, 413, msg);
            return MHD_NO; /* MHD would read the rest before answering */
        }
        if (x->bad)
            return MHD_YES;
        if (x->pp) {
            if (MHD_post_process(x->pp, upload, n) != MHD_YES)
                x->bad = 1;
        } else {
            ws_buf_add(&x->body, upload, n);
            if (x->body.oom)
                x->bad = 1;
        }
        return MHD_YES;
    }
    if (x->answered)
        return MHD_YES;
    x->answered = 1;
    if (x->bad)
        return S_refuse(s, c, 400,
                        _("the request's body cannot be read (a damaged "
                          "multipart/form-data body?)"));
    memset(&r, 0, sizeof r);
    S_req(c, url, method, x, &q, addr);
    q.body = x->body.s ? x->body.s : (char *)"";
    q.len = x->body.len;
    q.parts = x->parts;
    q.nparts = x->nparts;
    dm->route(s, &q, &r);
    if (!r.status) {
        free(r.body);
        return MHD_NO;
    }
    ok = S_queue(s, c, &r);
    return ok;
}

/* See internal.h. */
const ws_part *ws_part_get(const ws_req *q, const char *name, size_t from,
                           size_t *at)
{
    size_t i;
    for (i = from; q->multipart && i < q->nparts; i++)
        if (strcmp(q->parts[i].name, name) == 0) {
            *at = i;
            return &q->parts[i];
        }
    return NULL;
}

/* See internal.h. */
const char *ws_part_name(const ws_part *p, const char *dflt)
{
    const char *n = p->filename && *p->filename ? p->filename : dflt, *sl;
    if ((sl = strrchr(n, '/')) != NULL && sl[1])
        n = sl + 1;
    if ((sl = strrchr(n, '\\')) != NULL && sl[1])
        n = sl + 1;
    return n;
}

/* See internal.h. */
int ws_origin_own(const ws_server *s, const ws_req *q)
{
    char own[600];
    size_t n;
    if (!q->origin)
        return 0;
    if (q->host) {
        snprintf(own, sizeof own, "%s://%s", s->tls ? "https" : "http",
                 q->host);
        if (strcmp(q->origin, own) == 0)
            return 1;
    }
    if (s->public_url) {
        n = strlen(s->public_url);
        while (n && s->public_url[n - 1] == '/')
            n--;
        if (strlen(q->origin) == n && strncmp(q->origin, s->public_url, n) == 0)
            return 1;
    }
    return 0;
}

/* The decoding of %HH in paths and arguments: a control character (%00
 * above all, which would cut the path short) is left encoded, so that it
 * matches no route and no manifest entry. */
static size_t S_unescape(void *cls, struct MHD_Connection *c, char *s)
{
    char *w = s;
    const char *r = s;
    (void)cls;
    (void)c;
    while (*r) {
        int hi, lo;
        if (r[0] == '%' && (hi = ws_hex_digit((unsigned char)r[1])) >= 0 &&
            (lo = ws_hex_digit((unsigned char)r[2])) >= 0 &&
            hi * 16 + lo >= 0x20 && hi * 16 + lo != 0x7f) {
            *w++ = (char)(hi * 16 + lo);
            r += 3;
        } else {
            *w++ = *r++;
        }
    }
    *w = 0;
    return (size_t)(w - s);
}

/* MHD's own errors, one line each on standard error. */
static void S_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    fputs("parpack: serve: ", stderr);
    vfprintf(stderr, fmt, ap);
}

/* "HOST:PORT" or "[V6]:PORT" into a socket address; 0 or -1. */
static int S_listen_addr(const char *listen, struct sockaddr_storage *ss,
                         socklen_t *len)
{
    char host[256];
    const char *colon = strrchr(listen, ':'), *h = listen;
    size_t hl;
    char *end;
    long port;
    if (!colon)
        return -1;
    errno = 0;
    port = strtol(colon + 1, &end, 10);
    if (!colon[1] || *end || errno || port < 0 || port > 65535)
        return -1;
    hl = (size_t)(colon - listen);
    if (hl >= 2 && h[0] == '[' && h[hl - 1] == ']') {
        h++;
        hl -= 2;
    }
    if (hl == 0 || hl >= sizeof host)
        return -1;
    memcpy(host, h, hl);
    host[hl] = 0;
    memset(ss, 0, sizeof *ss);
    if (strcmp(host, "localhost") == 0)
        snprintf(host, sizeof host, "127.0.0.1");
    {
        struct sockaddr_in *a4 = (struct sockaddr_in *)(void *)ss;
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)(void *)ss;
        if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
            a4->sin_family = AF_INET;
            a4->sin_port = htons((unsigned short)port);
            *len = sizeof *a4;
            return 0;
        }
        if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
            a6->sin6_family = AF_INET6;
            a6->sin6_port = htons((unsigned short)port);
            *len = sizeof *a6;
            return 0;
        }
    }
    return -1;
}

/* See internal.h. */
int ws_listen_ok(const char *listen)
{
    struct sockaddr_storage ss;
    socklen_t sl;
    return S_listen_addr(listen, &ss, &sl) == 0;
}

/* See internal.h. */
int ws_http_run(ws_server *s, ws_route_fn route, ws_route_fn gate,
                void (*stopping)(ws_server *s), const char *listen,
                const char *cert, const char *key)
{
    S_daemon dm;
    struct sockaddr_storage ss;
    socklen_t sl;
    struct MHD_Daemon *d;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD |
                     MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG;
    const union MHD_DaemonInfo *di;
    char *certpem = NULL, *keypem = NULL, host[INET6_ADDRSTRLEN];
    size_t n;
    sigset_t set;
    int sig, port = 0;
    struct MHD_OptionItem tls[] = {{MHD_OPTION_HTTPS_MEM_CERT, 0, NULL},
                                   {MHD_OPTION_HTTPS_MEM_KEY, 0, NULL},
                                   {MHD_OPTION_END, 0, NULL}};
    dm.s = s;
    dm.route = route;
    dm.gate = gate;
    if (S_listen_addr(listen, &ss, &sl) != 0) {
        fprintf(stderr,
                _("parpack: --listen takes HOST:PORT (127.0.0.1:8080), not "
                  "'%s'\n"),
                listen);
        return 2;
    }
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    if (cert) {
        if (!(certpem = ws_read_file(cert, 1 << 20, &n)) ||
            !(keypem = ws_read_file(key, 1 << 20, &n))) {
            fprintf(stderr, _("parpack: cannot read %s: %s\n"),
                    certpem ? key : cert, strerror(errno ? errno : EIO));
            free(certpem);
            return 2;
        }
        flags |= MHD_USE_TLS;
        s->tls = 1;
    }
    /* the signals that stop the server are taken by sigwait below; the
     * threads MHD starts inherit the mask */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    /* the certificate and key, with --tls-cert: none without */
    tls[0].ptr_value = certpem;
    tls[1].ptr_value = keypem;
    d = MHD_start_daemon(flags, 0, NULL, NULL, S_access, &dm,
                         MHD_OPTION_EXTERNAL_LOGGER, S_log, s,
                         MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
                         MHD_OPTION_NOTIFY_COMPLETED, S_completed, s,
                         MHD_OPTION_UNESCAPE_CALLBACK, S_unescape, s,
                         MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
                         MHD_OPTION_CONNECTION_LIMIT, (unsigned)200,
                         MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)64,
                         MHD_OPTION_ARRAY, cert ? tls : tls + 2,
                         MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, _("parpack: cannot listen on %s: %s\n"), listen,
                strerror(errno ? errno : EADDRINUSE));
        free(certpem);
        free(keypem);
        return 3;
    }
    di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    if (di)
        port = di->port;
    if (ss.ss_family == AF_INET)
        inet_ntop(AF_INET, &((struct sockaddr_in *)(void *)&ss)->sin_addr,
                  host, sizeof host);
    else
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)(void *)&ss)->sin6_addr,
                  host, sizeof host);
    printf(_("parpack: serving %s at %s://%s%s%s:%d/\n"), s->store.dir,
           cert ? "https" : "http", ss.ss_family == AF_INET6 ? "[" : "", host,
           ss.ss_family == AF_INET6 ? "]" : "", port);
    if (s->public_url)
        printf(_("parpack: the users reach it at %s\n"), s->public_url);
    fflush(stdout);
    while (sigwait(&set, &sig) != 0 || (sig != SIGINT && sig != SIGTERM))
        ;
    s->stopping = 1;
    stopping(s); /* the event streams end at once */
    MHD_stop_daemon(d);
    free(certpem);
    free(keypem);
    return 0;
}
