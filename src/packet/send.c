/* send.c - delivering the unit messages of a packet with libcurl SMTP
 * (see mail.h): the one file that includes curl. sent.log makes a run
 * restartable without duplicates; the packet's lock (stage.h) keeps two
 * runs from sending at once. */
#define _GNU_SOURCE /* flock, clock_gettime */
#include "base/dirs.h"
#include "base/events.h"
#include "base/interrupt.h"
#include "mail/mail.h"
#include "base/sha256.h"
#include "packet/stage.h"
#include "base/i18n.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/file.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    char *unit, *path, sha[65];
} S_msg;

/* What the server refused with: its last reply of code 4xx or 5xx, code
 * and text, gathered from the replies libcurl passes to the debug
 * callback (the 221 of the QUIT that follows does not count). */
typedef struct {
    char text[1024]; /* that reply, its lines joined by " " */
    char cur[1024];  /* the reply being read (a multi-line one) */
    char cmd[16];    /* the last command sent: "EHLO", "AUTH", "MAIL"... */
    int envelope;    /* MAIL FROM was answered 250: the server took us */
    int rcpt;        /* RCPT TO was sent */
    /* timing (the progress callback) */
    double last;       /* the last sign of life: a reply, bytes sent */
    double data_done;  /* when the message's data was all sent, or 0 */
    curl_off_t ulseen; /* bytes sent at the last look */
    long cmd_timeout, data_timeout; /* seconds */
    int timed_out;     /* 1: waiting for a reply; 2: for the data's */
    int interrupted;
} S_reply;

/* Seconds on a monotonic clock. */
static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The address in a header line "To: Name <a@b>" or "To: a@b". */
static int S_header_addr(const char *path, const char *name, char *out,
                         size_t cap)
{
    FILE *f = fopen(path, "rb");
    char line[2048], *lt, *gt;
    size_t nl = strlen(name);
    int found = 0;
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '\r' || line[0] == '\n')
            break; /* end of headers */
        if (strncasecmp(line, name, nl) == 0 && line[nl] == ':') {
            /* the header may be folded: read continuation lines */
            char all[4096];
            snprintf(all, sizeof all, "%s", line + nl + 1);
            for (;;) {
                int ch = fgetc(f);
                if (ch != ' ' && ch != '\t') {
                    if (ch != EOF)
                        ungetc(ch, f);
                    break;
                }
                if (!fgets(line, sizeof line, f))
                    break;
                strncat(all, line, sizeof all - strlen(all) - 1);
            }
            lt = strrchr(all, '<');
            gt = lt ? strchr(lt, '>') : NULL;
            if (lt && gt) {
                snprintf(out, cap, "%.*s", (int)(gt - lt - 1), lt + 1);
            } else {
                char *s = all;
                while (*s == ' ')
                    s++;
                snprintf(out, cap, "%.*s", (int)strcspn(s, " \r\n"), s);
            }
            found = 1;
            break;
        }
    }
    fclose(f);
    return found ? 0 : -1;
}

typedef struct {
    FILE *f;
} S_reader;

/* libcurl's read callback: the message file. */
static size_t S_read(char *buf, size_t size, size_t n, void *ud)
{
    return fread(buf, size, n, ((S_reader *)ud)->f);
}

/* libcurl's debug callback: keep the server's replies (SMTP replies
 * come as "header" data, a line each: "550-..." continues, "550 ..."
 * ends one). Nothing is printed. */
static int S_debug(CURL *c, curl_infotype type, char *data, size_t size,
                   void *ud)
{
    S_reply *r = ud;
    size_t len = strcspn(data, "\r\n"), have;
    (void)c;
    if (type == CURLINFO_HEADER_OUT && size >= 4) {
        /* the command's verb: where the conversation stands (a line that
         * is not a command, such as a login's answer, is not kept: it
         * may hold the password) */
        static const char *const verbs[] = {"EHLO", "HELO", "STARTTLS",
                                            "AUTH", "MAIL", "RCPT", "DATA",
                                            "RSET", "QUIT"};
        size_t v, vl = strcspn(data, " \r\n");
        for (v = 0; v < sizeof verbs / sizeof *verbs; v++)
            if (vl == strlen(verbs[v]) && vl <= size &&
                strncasecmp(data, verbs[v], vl) == 0)
                snprintf(r->cmd, sizeof r->cmd, "%s", verbs[v]);
        if (strncasecmp(data, "RCPT", 4) == 0)
            r->rcpt = 1;
        r->last = S_now();
        return 0;
    }
    if (type != CURLINFO_HEADER_IN || size < 4)
        return 0;
    r->last = S_now();
    if (strncasecmp(r->cmd, "MAIL", 4) == 0 && data[0] == '2')
        r->envelope = 1;
    if (len > size)
        len = size;
    have = strlen(r->cur);
    snprintf(r->cur + have, sizeof r->cur - have, "%s%.*s", have ? " " : "",
             (int)len, data);
    if (data[3] != '-') { /* the reply's last line */
        if (r->cur[0] == '4' || r->cur[0] == '5')
            snprintf(r->text, sizeof r->text, "%s", r->cur);
        r->cur[0] = 0;
    }
    return 0;
}

/* libcurl's progress callback: after SIGINT or SIGTERM, abort a message
 * whose data is not all sent (the server cannot have accepted it); once
 * it is, wait for the server's answer, so that what it accepted is
 * recorded. It also keeps the time: a server silent for cmd_timeout
 * seconds at a command, or for data_timeout seconds after the message's
 * data (RFC 5321 4.5.3.2.6: 10 minutes), is given up. */
static int S_progress(void *ud, curl_off_t dltotal, curl_off_t dlnow,
                      curl_off_t ultotal, curl_off_t ulnow)
{
    S_reply *r = ud;
    double now = S_now();
    (void)dltotal;
    (void)dlnow;
    if (ulnow != r->ulseen) {
        r->ulseen = ulnow;
        r->last = now;
    }
    if (ultotal > 0 && ulnow >= ultotal && !r->data_done)
        r->data_done = now;
    if (pp_interrupt_signal() && !r->data_done) {
        r->interrupted = 1;
        return 1;
    }
    if (r->data_done) {
        if (now - r->data_done > (double)r->data_timeout) {
            r->timed_out = 2;
            return 1;
        }
    } else if (now - r->last > (double)r->cmd_timeout) {
        r->timed_out = 1;
        return 1;
    }
    return 0;
}

/* The seconds of PARPACK_SMTP_TIMEOUT (1 to 3600), else 120. */
static long S_timeout(void)
{
    const char *v = getenv("PARPACK_SMTP_TIMEOUT");
    char *end;
    long n = v && *v ? strtol(v, &end, 10) : 0;
    return v && *v && !*end && n >= 1 && n <= 3600 ? n : 120;
}

/* The messages of DIR/manifest.tsv into *msgs: a packet's unit-mail, a
 * forms folder's unit-form-mail. */
static pp_status S_read_manifest(const char *dir, S_msg **msgs, size_t *n,
                                 pp_diags *d)
{
    char path[4096], line[8192];
    size_t cap = 0;
    FILE *mf;
    pp_status st = PP_OK;
    snprintf(path, sizeof path, "%s/manifest.tsv", dir);
    mf = fopen(path, "r");
    if (!mf) {
        pp_diag_error(d, path, 0, 0,
                      _("cannot read the manifest (%s): is %s a packet built "
                        "by parpack build?"),
                      strerror(errno), dir);
        return PP_E_INPUT;
    }
    while (fgets(line, sizeof line, mf)) {
        char *f[5], *p = line;
        int k;
        for (k = 0; k < 5; k++) {
            f[k] = p;
            p = strchr(p, '\t');
            if (!p)
                break;
            *p++ = 0;
        }
        if (k < 4 || (strcmp(f[0], "unit-mail") != 0 &&
                       strcmp(f[0], "unit-form-mail") != 0))
            continue;
        f[4][strcspn(f[4], "\r\n")] = 0;
        if (strstr(f[2], "..") || f[2][0] == '/')
            continue; /* never outside the packet */
        if (*n == cap) {
            S_msg *nm;
            cap = cap ? cap * 2 : 64;
            nm = realloc(*msgs, cap * sizeof *nm);
            if (!nm) {
                st = PP_E_NOMEM;
                break;
            }
            *msgs = nm;
        }
        (*msgs)[*n].unit = strdup(f[1]);
        (*msgs)[*n].path = strdup(f[2]);
        snprintf((*msgs)[*n].sha, sizeof (*msgs)[*n].sha, "%s", f[4]);
        (*n)++;
    }
    fclose(mf);
    return st;
}

/* A unit's message not sent, and why (the user's words): on standard
 * error as "unit UNIT: WHY", and as an event (events.h) for the program
 * that runs parpack, which shows WHY on the unit's row. */
static void S_refused(pp_diags *d, const char *path, const char *unit,
                      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void S_refused(pp_diags *d, const char *path, const char *unit,
                      const char *fmt, ...)
{
    char why[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    /* TRANSLATORS: unit ID: why its message was not sent */
    pp_diag_error(d, path, 0, 0, _("unit %s: %s"), unit, why);
    pp_event("refused", unit, why);
}

/* A line on out, unless out is NULL (send --quiet). */
static void S_say(FILE *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void S_say(FILE *out, const char *fmt, ...)
{
    va_list ap;
    if (!out)
        return;
    va_start(ap, fmt);
    vfprintf(out, fmt, ap);
    va_end(ap);
}

/* Name on out the units of DIR's manifest that have a file of their own
 * (a workbook, a form) but no message: they have no address. */
static void S_say_no_address(FILE *out, const char *dir, const S_msg *msgs,
                             size_t n)
{
    char path[4096], line[8192], *names = NULL;
    size_t len = 0, count = 0, i;
    FILE *mf;
    if (!out)
        return;
    snprintf(path, sizeof path, "%s/manifest.tsv", dir);
    if (!(mf = fopen(path, "r")))
        return;
    while (fgets(line, sizeof line, mf)) {
        char *kind = line, *unit = strchr(line, '\t'), *end, *nn;
        if (!unit)
            continue;
        *unit++ = 0;
        if (!(end = strchr(unit, '\t')))
            continue;
        *end = 0;
        if (!*unit || (strcmp(kind, "unit-workbook") != 0 &&
                       strcmp(kind, "unit-form") != 0))
            continue;
        for (i = 0; i < n && strcmp(msgs[i].unit, unit) != 0; i++)
            ;
        if (i < n)
            continue;
        nn = realloc(names, len + strlen(unit) + 3);
        if (!nn)
            break;
        names = nn;
        len += (size_t)sprintf(names + len, "%s%s", count ? ", " : "", unit);
        count++;
    }
    fclose(mf);
    if (count)
        S_say(out,
              ngettext("%zu unit has no address and gets no message: %s\n",
                       "%zu units have no address and get no message: %s\n",
                       count),
              count, names);
    free(names);
}

/* The lines of a record (none when it does not exist). */
static void S_read_log(FILE *f, char ***log, size_t *nlog)
{
    char line[8192];
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        char **nl;
        if (*nlog >= cap) {
            cap = cap ? cap * 2 : 64;
            nl = realloc(*log, cap * sizeof *nl);
            if (!nl)
                break;
            *log = nl;
        }
        if (((*log)[*nlog] = strdup(line)) != NULL)
            (*nlog)++;
    }
}

/* What a record says of a message (its SHA-256 or its Message-ID): 0
 * nothing, 1 sent, 2 uncertain (sent, not answered). The last line wins.
 * A line: SHA \t UNIT \t PATH \t TO \t TIME [\t MSGID \t STATUS [\t DIR]]. */
static int S_logged(char **log, size_t nlog, const char *sha,
                    const char *msgid)
{
    size_t i;
    int st = 0;
    for (i = 0; i < nlog; i++) {
        char *f[7], *p = log[i];
        int k;
        for (k = 0; k < 7 && p; k++) {
            f[k] = p;
            p = strchr(p, '\t');
            if (p)
                p++;
        }
        if (strncmp(log[i], sha, 64) == 0 && log[i][64] == '\t')
            ;
        else if (k >= 6 && *msgid && strncmp(f[5], msgid, strlen(msgid)) == 0 &&
                 f[5][strlen(msgid)] == '\t')
            ;
        else
            continue;
        st = k >= 7 && strncmp(f[6], "uncertain", 9) == 0 ? 2 : 1;
    }
    return st;
}

/* The year's record of an issuer: every message sent from any folder. */
typedef struct {
    char key[300];      /* FROM-YEAR */
    char path[4096];
    FILE *f;            /* open for appending, flock'ed */
    char **lines;
    size_t n;
} S_rec;

#define S_MAXREC 8

/* The folder of the records: $XDG_STATE_HOME/parpack/sent, else
 * ~/.local/state/parpack/sent (created, private). 0 or -1 (errno). */
static int S_state_dir(char *buf, size_t cap)
{
    const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    int n;
    if (x && x[0] == '/')
        n = snprintf(buf, cap, "%s/parpack/sent", x);
    else if (home && home[0] == '/')
        n = snprintf(buf, cap, "%s/.local/state/parpack/sent", home);
    else
        return errno = ENOENT, -1;
    if (n < 0 || (size_t)n >= cap)
        return errno = ENAMETOOLONG, -1;
    return pp_mkdirs(buf, 0700);
}

/* The year of a Message-ID parpack wrote ("parpack.2022.slug.hash@..." or
 * "parpack.form.2022...."), or 0. */
static int S_msgid_year(const char *id)
{
    const char *p = strncmp(id, "parpack.", 8) == 0 ? id + 8 : NULL;
    if (p && strncmp(p, "form.", 5) == 0)
        p += 5;
    if (!p || strspn(p, "0123456789") != 4 || p[4] != '.')
        return 0;
    return atoi(p);
}

/* The record of from and year: found among recs, else opened (created),
 * read and locked. NULL with *st PP_E_LOCKED (another run sends from it)
 * or PP_E_OUTPUT (diagnostic in d). */
static S_rec *S_rec_for(S_rec *recs, size_t *nrecs, const char *from,
                        int year, int dry_run, pp_status *st, pp_diags *d)
{
    char key[300], dir[3700];
    size_t i, k;
    S_rec *r;
    int fd;
    snprintf(key, sizeof key, "%.200s-%04d", from, year);
    for (k = 0; key[k]; k++) /* a file name: no slash, nothing odd */
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                     "0123456789@.-_+", key[k]))
            key[k] = '_';
    for (i = 0; i < *nrecs; i++)
        if (strcmp(recs[i].key, key) == 0)
            return &recs[i];
    if (*nrecs == S_MAXREC || S_state_dir(dir, sizeof dir) != 0) {
        pp_diag_error(d, NULL, 0, 0,
                      _("cannot keep the record of sent messages: %s"),
                      strerror(*nrecs == S_MAXREC ? EMFILE : errno));
        *st = PP_E_OUTPUT;
        return NULL;
    }
    r = &recs[*nrecs];
    memset(r, 0, sizeof *r);
    snprintf(r->key, sizeof r->key, "%s", key);
    if (snprintf(r->path, sizeof r->path, "%s/%s.log", dir, key) >=
        (int)sizeof r->path)
        r->path[0] = 0; /* cannot happen: dir and key are bounded */
    fd = open(r->path, (dry_run ? O_RDONLY : O_RDWR | O_CREAT | O_APPEND) |
                           O_CLOEXEC, 0600);
    if (fd < 0 && dry_run && errno == ENOENT) {
        (*nrecs)++;
        return r; /* nothing sent yet; nothing written in a dry run */
    }
    if (fd < 0) {
        pp_diag_error(d, r->path, 0, 0,
                      _("cannot keep the record of sent messages: %s"),
                      strerror(errno));
        *st = PP_E_OUTPUT;
        return NULL;
    }
    if (!dry_run && flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        pp_diag_error(d, NULL, 0, 0,
                      _("another parpack run is sending the messages of %s "
                        "for %d (from another folder): nothing more is "
                        "sent; run again when it has ended"),
                      from, year);
        *st = PP_E_LOCKED;
        return NULL;
    }
    r->f = fdopen(fd, dry_run ? "r" : "a+");
    if (!r->f) {
        close(fd);
        *st = PP_E_NOMEM;
        return NULL;
    }
    rewind(r->f);
    S_read_log(r->f, &r->lines, &r->n);
    (*nrecs)++;
    return r;
}

/* Send one message; CURLE_OK when the server accepted it. What the server
 * said last is in r. */
static CURLcode S_deliver(CURL *curl, const char *smtp_url, const char *full,
                          const char *from, const char *to, S_reply *r)
{
    struct curl_slist *rcpt = curl_slist_append(NULL, to);
    const char *user = getenv("PARPACK_SMTP_USER");
    const char *pass = getenv("PARPACK_SMTP_PASSWORD");
    S_reader rd;
    struct stat sb;
    CURLcode cc;
    long tmo = S_timeout();
    rd.f = fopen(full, "rb");
    r->text[0] = r->cur[0] = r->cmd[0] = 0;
    r->envelope = r->rcpt = r->timed_out = r->interrupted = 0;
    r->data_done = 0;
    r->ulseen = 0;
    r->last = S_now();
    r->cmd_timeout = tmo;
    r->data_timeout = tmo * 5; /* 120 s: RFC 5321's 10 minutes */
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, smtp_url);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, S_read);
    curl_easy_setopt(curl, CURLOPT_READDATA, &rd);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    if (rd.f && fstat(fileno(rd.f), &sb) == 0)
        curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE,
                         (curl_off_t)sb.st_size);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, tmo);
    curl_easy_setopt(curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, tmo * 5 + 5);
    curl_easy_setopt(curl, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, S_debug);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, r);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, S_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, r);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    if (user)
        curl_easy_setopt(curl, CURLOPT_USERNAME, user);
    if (pass)
        curl_easy_setopt(curl, CURLOPT_PASSWORD, pass);
    if (strncmp(smtp_url, "smtps:", 6) != 0)
        curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_NONE);
    cc = rd.f ? curl_easy_perform(curl) : CURLE_READ_ERROR;
    if (rd.f)
        fclose(rd.f);
    curl_slist_free_all(rcpt);
    return cc;
}

/* Record a message at once (appended and synced): an interruption now
 * loses nothing. status "sent" or "uncertain". */
static int S_record(FILE *logf, const char *sha, const S_msg *msg,
                    const char *to, const char *msgid, const char *status,
                    const char *dir)
{
    time_t now = time(NULL);
    struct tm tm;
    char ts[32];
    gmtime_r(&now, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (fprintf(logf, "%s\t%s\t%s\t%s\t%s", sha, msg->unit, msg->path, to,
                ts) < 0 ||
        (msgid && fprintf(logf, "\t%s\t%s\t%s", msgid, status, dir) < 0) ||
        fputc('\n', logf) == EOF || fflush(logf) != 0 ||
        fsync(fileno(logf)) != 0)
        return -1;
    return 0;
}

/* A failure of the server, not of the message: every other message would
 * fail alike. Says so (the server's words and what to check) and returns
 * 1; 0 for a failure of this message alone (a refused recipient). */
static int S_server_failed(CURLcode cc, const S_reply *r, const char *url,
                           pp_diags *d)
{
    const char *said = r->text[0] ? r->text : curl_easy_strerror(cc), *fmt;
    int code = r->text[0] ? atoi(r->text) : 0;
    if (r->timed_out == 1 ||
        (cc == CURLE_OPERATION_TIMEDOUT && !r->data_done)) {
        if (r->cmd[0])
            pp_diag_error(d, NULL, 0, 0,
                          _("the server %s did not answer %s within %ld s: "
                            "nothing more is sent; check the address and "
                            "port of --smtp, the network, and the login "
                            "(PARPACK_SMTP_USER and PARPACK_SMTP_PASSWORD, "
                            "or a netrc line for the host)"),
                          url, r->cmd, r->cmd_timeout);
        else
            pp_diag_error(d, NULL, 0, 0,
                          _("the server %s did not greet within %ld s: "
                            "nothing more is sent; check the address and "
                            "port of --smtp and the network"),
                          url, r->cmd_timeout);
        return 1;
    }
    if (cc == CURLE_LOGIN_DENIED || code == 535 || code == 534 ||
        code == 538)
        fmt = _("the server %s refused the login: %s; nothing "
                "more is sent (check PARPACK_SMTP_USER and "
                "PARPACK_SMTP_PASSWORD, or the netrc file)");
    else if (code == 530)
        fmt = _("the server %s wants a login: %s; nothing more is "
                "sent (set PARPACK_SMTP_USER and "
                "PARPACK_SMTP_PASSWORD, or a netrc line for the "
                "host)");
    else if (cc == CURLE_COULDNT_CONNECT || cc == CURLE_COULDNT_RESOLVE_HOST ||
             cc == CURLE_UNSUPPORTED_PROTOCOL || cc == CURLE_URL_MALFORMAT) {
        fmt = _("cannot reach the server %s: %s; nothing more "
                "is sent (check the address and port of --smtp)");
        said = curl_easy_strerror(cc); /* not the last reply's words */
    } else if (cc == CURLE_SSL_CONNECT_ERROR ||
               cc == CURLE_PEER_FAILED_VERIFICATION ||
               cc == CURLE_USE_SSL_FAILED || cc == CURLE_SSL_CACERT_BADFILE ||
               cc == CURLE_SSL_CERTPROBLEM || cc == CURLE_SSL_CIPHER)
        fmt = _("cannot open a secure connection to %s: %s; nothing "
                "more is sent (check smtps:// or smtp:// in --smtp "
                "and the server's certificate)");
    else if (!r->envelope || code == 421 || code == 454)
        /* before the server took the envelope: the connection, the
         * greeting, the login, MAIL FROM */
        fmt = _("the server %s failed before taking a message: %s; "
                "nothing more is sent (check --smtp, and the login: "
                "PARPACK_SMTP_USER and PARPACK_SMTP_PASSWORD, or a "
                "netrc line for the host)");
    else
        return 0;
    pp_diag_error(d, NULL, 0, 0, fmt, url, said);
    return 1;
}

/* Send; see mail.h. */
pp_status pp_send_run(const char *dir, const char *smtp_url, int dry_run,
                      int resend_uncertain, FILE *out, pp_diags *d)
{
    char path[4096];
    FILE *logf = NULL;
    S_msg *msgs = NULL;
    char **log = NULL;
    S_rec recs[S_MAXREC];
    size_t n = 0, nlog = 0, nrecs = 0, i = 0, left, k;
    int sent = 0, skipped = 0, failed = 0, uncertain = 0, held = 0;
    int lock = -1, broke = 0, would = 0;
    CURL *curl = NULL;
    S_reply reply;
    pp_status st;

    memset(&reply, 0, sizeof reply);
    /* one run at a time: the manifest and the log are read under the
     * lock, after a packet a killed build left half moved in is whole */
    if (!dry_run) {
        st = pp_stage_lock(dir, &lock, d);
        if (st != PP_OK)
            goto done;
        pp_stage_recover(dir, 0);
    } else if (pp_stage_recover(dir, 1)) {
        pp_diag_warning(d, dir, 0, 0, "%s",
                        _("a build into this folder stopped while it moved "
                          "its packet in; the next build or send finishes "
                          "that move: this list is of the folder as it is "
                          "now"));
    }
    st = S_read_manifest(dir, &msgs, &n, d);
    if (st != PP_OK)
        goto done;
    snprintf(path, sizeof path, "%s/sent.log", dir);
    {
        FILE *f = fopen(path, "r");
        if (f) {
            S_read_log(f, &log, &nlog);
            fclose(f);
        }
    }
    if (!dry_run) {
        logf = fopen(path, "a");
        if (!logf) {
            pp_diag_error(d, path, 0, 0, _("cannot write the log: %s"),
                          strerror(errno));
            st = PP_E_OUTPUT;
            goto done;
        }
        curl_global_init(CURL_GLOBAL_DEFAULT);
        curl = curl_easy_init();
        if (!curl) {
            st = PP_E_NOMEM;
            goto done;
        }
    }
    pp_interrupt_catch();
    for (i = 0; i < n && !pp_interrupt_signal(); i++) {
        char full[4096], from[512], to[512], msgid[512], sha[65];
        S_rec *rec;
        int was;
        CURLcode cc;
        snprintf(full, sizeof full, "%s/%s", dir, msgs[i].path);
        if (pp_sha256_file(full, sha, NULL) != PP_OK) {
            S_refused(d, full, msgs[i].unit, _("cannot read the message: %s"),
                      strerror(errno));
            failed++;
            continue;
        }
        /* a message goes as the build wrote it: one changed since (cut
         * short by a copy of the folder that stopped, edited) does not */
        if (strcmp(sha, msgs[i].sha) != 0) {
            S_refused(d, full, msgs[i].unit, "%s",
                      _("not sent: the message changed after the build (it "
                        "is not the file manifest.tsv lists); move it away "
                        "and build the packet again"));
            failed++;
            continue;
        }
        if (S_header_addr(full, "From", from, sizeof from) != 0 ||
            S_header_addr(full, "To", to, sizeof to) != 0) {
            S_refused(d, full, msgs[i].unit, "%s",
                      _("the message has no From or To"));
            failed++;
            continue;
        }
        if (S_header_addr(full, "Message-Id", msgid, sizeof msgid) != 0)
            msgid[0] = 0;
        rec = S_rec_for(recs, &nrecs, from, S_msgid_year(msgid), dry_run,
                        &st, d);
        if (!rec) {
            broke = 1;
            break;
        }
        was = S_logged(log, nlog, sha, msgid);
        k = (size_t)S_logged(rec->lines, rec->n, sha, msgid);
        if (k == 1 || was == 1) {
            S_say(out, _("already sent: %s (%s)\n"), msgs[i].unit,
                    msgs[i].path);
            pp_event("already", msgs[i].unit, NULL);
            skipped++;
            continue;
        }
        if (k == 2 && !resend_uncertain) {
            S_say(out,
                    _("uncertain: %s (%s): its data was sent but the server "
                      "never answered; it may have arrived: not sent again "
                      "(--resend-uncertain sends it again)\n"),
                    msgs[i].unit, msgs[i].path);
            held++;
            continue;
        }
        if (dry_run) {
            S_say(out, _("would send: %s -> %s (%s)\n"), msgs[i].unit, to,
                  msgs[i].path);
            would++;
            continue;
        }
        cc = S_deliver(curl, smtp_url, full, from, to, &reply);
        if (cc == CURLE_OK) {
            if (S_record(rec->f, sha, &msgs[i], to, msgid, "sent", dir) != 0 ||
                S_record(logf, sha, &msgs[i], to, NULL, NULL, NULL) != 0) {
                /* sent, but not recorded: stop before anything else is */
                pp_diag_error(d, path, 0, 0,
                              _("%s was sent to %s but cannot be recorded "
                                "(%s): nothing more is sent"),
                              msgs[i].unit, to, strerror(errno));
                st = PP_E_OUTPUT;
                sent++;
                broke = 1;
                break;
            }
            S_say(out, _("sent: %s -> %s\n"), msgs[i].unit, to);
            pp_event("sent", msgs[i].unit, NULL);
            if (out)
                fflush(out); /* a line as each message goes, even into a file */
            sent++;
            continue;
        }
        if (reply.interrupted) {
            failed++;
            broke = 1;
            break; /* interrupted: not sent */
        }
        /* a connection that failed is not used again: the server may still
         * be busy with this message */
        curl_easy_cleanup(curl);
        curl = curl_easy_init();
        if (!curl) {
            st = PP_E_NOMEM;
            failed++;
            broke = 1;
            break;
        }
        if (reply.timed_out == 2) {
            /* all its data went; the answer did not come: maybe delivered */
            uncertain++;
            pp_diag_error(d, full, 0, 0,
                          _("unit %s: the message to %s was sent but the "
                            "server did not answer within %ld s: it may have "
                            "arrived; recorded as uncertain and not sent "
                            "again (--resend-uncertain sends it again)"),
                          msgs[i].unit, to, reply.data_timeout);
            if (S_record(rec->f, sha, &msgs[i], to, msgid, "uncertain",
                         dir) != 0) {
                pp_diag_error(d, rec->path, 0, 0,
                              _("cannot keep the record of sent messages: %s"),
                              strerror(errno));
                st = PP_E_OUTPUT;
                broke = 1;
                break;
            }
            continue;
        }
        failed++;
        if (S_server_failed(cc, &reply, smtp_url, d)) {
            /* one attempt: every other message would fail alike */
            broke = 1;
            break;
        }
        if (reply.text[0])
            /* the server's own words: "550 5.1.1 no such user" */
            S_refused(d, full, msgs[i].unit,
                      _("not sent to %s: the server said: %s"), to,
                      reply.text);
        else
            S_refused(d, full, msgs[i].unit, _("not sent to %s: %s"), to,
                      curl_easy_strerror(cc));
    }
    pp_interrupt_release();
    S_say_no_address(out, dir, msgs, n);
    if (dry_run)
        S_say(out,
              ngettext("%d would be sent, %d already sent, %d failed (dry "
                       "run: nothing was sent)\n",
                       "%d would be sent, %d already sent, %d failed (dry "
                       "run: nothing was sent)\n",
                       would),
              would, skipped, failed);
    else
        S_say(out, _("%d sent, %d already sent, %d failed\n"), sent, skipped,
              failed);
    if (uncertain + held)
        S_say(out,
              _("%d uncertain: sent without the server's answer (see the "
                "record %s)\n"),
              uncertain + held, nrecs ? recs[0].path : "");
    left = n - i - (size_t)broke;
    if (left) /* stopped early */
        S_say(out, _("%zu not tried: run send again to send them\n"), left);
    if (pp_interrupt_signal())
        st = PP_E_INTERRUPTED;
    else if (st == PP_OK && (failed || left || uncertain))
        st = PP_E_SEND;
done:
    if (curl) {
        curl_easy_cleanup(curl);
        curl_global_cleanup();
    }
    if (logf && fclose(logf) != 0 && st == PP_OK) {
        pp_diag_error(d, path, 0, 0, _("cannot write the log: %s"),
                      strerror(errno));
        st = PP_E_OUTPUT;
    }
    for (k = 0; k < nrecs; k++) {
        size_t j;
        if (recs[k].f)
            fclose(recs[k].f);
        for (j = 0; j < recs[k].n; j++)
            free(recs[k].lines[j]);
        free(recs[k].lines);
    }
    pp_stage_unlock(lock);
    for (i = 0; i < n; i++) {
        free(msgs[i].unit);
        free(msgs[i].path);
    }
    free(msgs);
    for (i = 0; i < nlog; i++)
        free(log[i]);
    free(log);
    return st;
}
