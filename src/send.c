/* send.c - delivering the unit messages of a packet with libcurl SMTP
 * (see mail.h): the one file that includes curl. sent.log makes a run
 * restartable without duplicates; the packet's lock (stage.h) keeps two
 * runs from sending at once. */
#include "parpack/interrupt.h"
#include "parpack/mail.h"
#include "parpack/sha256.h"
#include "parpack/stage.h"
#include "i18n.h"

#include <curl/curl.h>
#include <errno.h>
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
} S_reply;

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
    if (type != CURLINFO_HEADER_IN || size < 4)
        return 0;
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
 * recorded. */
static int S_progress(void *ud, curl_off_t dltotal, curl_off_t dlnow,
                      curl_off_t ultotal, curl_off_t ulnow)
{
    (void)ud;
    (void)dltotal;
    (void)dlnow;
    return pp_interrupt_signal() && ulnow < ultotal;
}

/* Is this message's hash in sent.log already? */
static int S_logged(char **log, size_t nlog, const char *sha)
{
    size_t i;
    for (i = 0; i < nlog; i++)
        if (strncmp(log[i], sha, 64) == 0)
            return 1;
    return 0;
}

/* The unit-mail (or unit-form-mail) lines of DIR/manifest.tsv into *msgs. */
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
            continue; /* a packet's messages, or a forms folder's (cli.md) */
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

/* The lines of DIR/sent.log (none when it does not exist). */
static void S_read_log(const char *path, char ***log, size_t *nlog)
{
    char line[8192];
    size_t cap = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        if (*nlog == cap) {
            char **nl;
            cap = cap ? cap * 2 : 64;
            nl = realloc(*log, cap * sizeof *nl);
            if (!nl)
                break;
            *log = nl;
        }
        (*log)[(*nlog)++] = strdup(line);
    }
    fclose(f);
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
    rd.f = fopen(full, "rb");
    r->text[0] = r->cur[0] = 0;
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
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
    curl_easy_setopt(curl, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, S_debug);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, r);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, S_progress);
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

/* Record an accepted message at once (appended and synced): an
 * interruption now loses nothing. */
static int S_record(FILE *logf, const char *sha, const S_msg *msg,
                    const char *to)
{
    time_t now = time(NULL);
    struct tm tm;
    char ts[32];
    gmtime_r(&now, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (fprintf(logf, "%s\t%s\t%s\t%s\t%s\n", sha, msg->unit, msg->path, to,
                ts) < 0 ||
        fflush(logf) != 0 || fsync(fileno(logf)) != 0)
        return -1;
    return 0;
}

/* Send; see mail.h. */
pp_status pp_send_run(const char *dir, const char *smtp_url, int dry_run,
                      FILE *out, pp_diags *d)
{
    char path[4096];
    FILE *logf = NULL;
    S_msg *msgs = NULL;
    char **log = NULL;
    size_t n = 0, nlog = 0, i = 0, left;
    int sent = 0, skipped = 0, failed = 0, lock = -1, broke = 0;
    CURL *curl = NULL;
    S_reply reply;
    pp_status st;

    st = S_read_manifest(dir, &msgs, &n, d);
    if (st != PP_OK)
        goto done;
    /* one run at a time: the log is read under the lock */
    if (!dry_run) {
        st = pp_stage_lock(dir, &lock, d);
        if (st != PP_OK)
            goto done;
    }
    snprintf(path, sizeof path, "%s/sent.log", dir);
    S_read_log(path, &log, &nlog);
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
        char full[4096], from[512], to[512], sha[65];
        CURLcode cc;
        snprintf(full, sizeof full, "%s/%s", dir, msgs[i].path);
        if (pp_sha256_file(full, sha, NULL) != PP_OK) {
            pp_diag_error(d, full, 0, 0, _("cannot read the message: %s"),
                          strerror(errno));
            failed++;
            continue;
        }
        if (S_logged(log, nlog, sha)) {
            fprintf(out, _("already sent: %s (%s)\n"), msgs[i].unit,
                    msgs[i].path);
            skipped++;
            continue;
        }
        if (S_header_addr(full, "From", from, sizeof from) != 0 ||
            S_header_addr(full, "To", to, sizeof to) != 0) {
            pp_diag_error(d, full, 0, 0, "%s",
                          _("the message has no From or To"));
            failed++;
            continue;
        }
        if (dry_run) {
            fprintf(out, _("would send: %s -> %s (%s)\n"), msgs[i].unit, to,
                    msgs[i].path);
            continue;
        }
        cc = S_deliver(curl, smtp_url, full, from, to, &reply);
        if (cc == CURLE_OK) {
            if (S_record(logf, sha, &msgs[i], to) != 0) {
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
            fprintf(out, _("sent: %s -> %s\n"), msgs[i].unit, to);
            fflush(out); /* a line as each message goes, even into a file */
            sent++;
            continue;
        }
        failed++;
        if (cc == CURLE_ABORTED_BY_CALLBACK) {
            broke = 1;
            break; /* interrupted: not sent */
        }
        if (cc == CURLE_LOGIN_DENIED) {
            /* one attempt: every other message would be refused alike */
            pp_diag_error(d, NULL, 0, 0,
                          _("the server %s refused the login: %s; nothing "
                            "more is sent (check PARPACK_SMTP_USER and "
                            "PARPACK_SMTP_PASSWORD, or the netrc file)"),
                          smtp_url,
                          reply.text[0] ? reply.text
                                        : curl_easy_strerror(cc));
            broke = 1;
            break;
        }
        if (cc == CURLE_COULDNT_CONNECT || cc == CURLE_COULDNT_RESOLVE_HOST ||
            cc == CURLE_UNSUPPORTED_PROTOCOL || cc == CURLE_URL_MALFORMAT) {
            pp_diag_error(d, NULL, 0, 0,
                          _("cannot reach the server %s: %s; nothing more "
                            "is sent"),
                          smtp_url, curl_easy_strerror(cc));
            broke = 1;
            break;
        }
        if (reply.text[0])
            /* the server's own words: "550 5.1.1 no such user" */
            pp_diag_error(d, full, 0, 0,
                          _("unit %s: not sent to %s: the server said: %s"),
                          msgs[i].unit, to, reply.text);
        else
            pp_diag_error(d, full, 0, 0, _("unit %s: not sent to %s: %s"),
                          msgs[i].unit, to, curl_easy_strerror(cc));
    }
    pp_interrupt_release();
    fprintf(out, _("%d sent, %d already sent, %d failed%s\n"), sent, skipped,
            failed, dry_run ? _(" (dry run: nothing was sent)") : "");
    left = n - i - (size_t)broke;
    if (left) /* stopped early */
        fprintf(out, _("%zu not tried: run send again to send them\n"),
                left);
    if (pp_interrupt_signal())
        st = PP_E_INTERRUPTED;
    else if (st == PP_OK && (failed || left))
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
