/* send.c - delivering the unit messages of a packet with libcurl SMTP
 * (see mail.h). sent.log makes a run restartable without duplicates. */
#include "parpack/mail.h"
#include "parpack/sha256.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    char *unit, *path, sha[65];
} S_msg;

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

static size_t S_read(char *buf, size_t size, size_t n, void *ud)
{
    return fread(buf, size, n, ((S_reader *)ud)->f);
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

/* Send; see mail.h. */
int pp_send_run(const char *dir, const char *smtp_url, int dry_run, FILE *out,
                pp_diags *d)
{
    char path[4096], line[8192];
    FILE *mf, *logf = NULL;
    S_msg *msgs = NULL;
    char **log = NULL;
    size_t n = 0, cap = 0, nlog = 0, logcap = 0, i;
    int rc = 0, sent = 0, skipped = 0, failed = 0;
    CURL *curl = NULL;
    const char *user = getenv("PARPACK_SMTP_USER");
    const char *pass = getenv("PARPACK_SMTP_PASSWORD");

    snprintf(path, sizeof path, "%s/manifest.tsv", dir);
    mf = fopen(path, "r");
    if (!mf) {
        pp_diag_error(d, path, 0, 0,
                      "cannot read the manifest (%s): is %s a packet built by "
                      "parpack build?",
                      strerror(errno), dir);
        return 1;
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
        if (k < 4 || strcmp(f[0], "unit-mail") != 0)
            continue;
        f[4][strcspn(f[4], "\r\n")] = 0;
        if (strstr(f[2], "..") || f[2][0] == '/')
            continue; /* never outside the packet */
        if (n == cap) {
            S_msg *nm;
            cap = cap ? cap * 2 : 64;
            nm = realloc(msgs, cap * sizeof *nm);
            if (!nm)
                break;
            msgs = nm;
        }
        msgs[n].unit = strdup(f[1]);
        msgs[n].path = strdup(f[2]);
        snprintf(msgs[n].sha, sizeof msgs[n].sha, "%s", f[4]);
        n++;
    }
    fclose(mf);

    snprintf(path, sizeof path, "%s/sent.log", dir);
    logf = fopen(path, "r");
    if (logf) {
        while (fgets(line, sizeof line, logf)) {
            if (nlog == logcap) {
                char **nl;
                logcap = logcap ? logcap * 2 : 64;
                nl = realloc(log, logcap * sizeof *nl);
                if (!nl)
                    break;
                log = nl;
            }
            log[nlog++] = strdup(line);
        }
        fclose(logf);
    }
    if (!dry_run) {
        logf = fopen(path, "a");
        if (!logf) {
            pp_diag_error(d, path, 0, 0, "cannot write the log: %s",
                          strerror(errno));
            rc = 3;
            goto done;
        }
        curl_global_init(CURL_GLOBAL_DEFAULT);
        curl = curl_easy_init();
        if (!curl) {
            rc = 3;
            goto done;
        }
    }
    for (i = 0; i < n; i++) {
        char full[4096], from[512], to[512], sha[65];
        snprintf(full, sizeof full, "%s/%s", dir, msgs[i].path);
        if (pp_sha256_file(full, sha, NULL) != PP_OK) {
            pp_diag_error(d, full, 0, 0, "cannot read the message: %s",
                          strerror(errno));
            failed++;
            continue;
        }
        if (S_logged(log, nlog, sha)) {
            fprintf(out, "already sent: %s (%s)\n", msgs[i].unit,
                    msgs[i].path);
            skipped++;
            continue;
        }
        if (S_header_addr(full, "From", from, sizeof from) != 0 ||
            S_header_addr(full, "To", to, sizeof to) != 0) {
            pp_diag_error(d, full, 0, 0, "the message has no From or To");
            failed++;
            continue;
        }
        if (dry_run) {
            fprintf(out, "would send: %s -> %s (%s)\n", msgs[i].unit, to,
                    msgs[i].path);
            continue;
        }
        {
            struct curl_slist *rcpt = curl_slist_append(NULL, to);
            S_reader rd;
            CURLcode cc;
            rd.f = fopen(full, "rb");
            curl_easy_reset(curl);
            curl_easy_setopt(curl, CURLOPT_URL, smtp_url);
            curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
            curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
            curl_easy_setopt(curl, CURLOPT_READFUNCTION, S_read);
            curl_easy_setopt(curl, CURLOPT_READDATA, &rd);
            curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
            curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
            curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
            curl_easy_setopt(curl, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
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
            if (cc == CURLE_OK) {
                time_t now = time(NULL);
                struct tm tm;
                char ts[32];
                gmtime_r(&now, &tm);
                strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
                /* recorded at once: an interruption now loses nothing */
                fprintf(logf, "%s\t%s\t%s\t%s\t%s\n", sha, msgs[i].unit,
                        msgs[i].path, to, ts);
                fflush(logf);
                fsync(fileno(logf));
                fprintf(out, "sent: %s -> %s\n", msgs[i].unit, to);
                sent++;
            } else {
                pp_diag_error(d, full, 0, 0, "not sent to %s: %s", to,
                              curl_easy_strerror(cc));
                failed++;
            }
        }
    }
    fprintf(out, "%d sent, %d already sent, %d failed%s\n", sent, skipped,
            failed, dry_run ? " (dry run: nothing was sent)" : "");
    if (failed)
        rc = 3;
done:
    if (curl) {
        curl_easy_cleanup(curl);
        curl_global_cleanup();
    }
    if (logf)
        fclose(logf);
    for (i = 0; i < n; i++) {
        free(msgs[i].unit);
        free(msgs[i].path);
    }
    free(msgs);
    for (i = 0; i < nlog; i++)
        free(log[i]);
    free(log);
    return rc;
}
