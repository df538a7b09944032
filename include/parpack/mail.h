/*
 * mail.h - unit messages: RFC 5322 / MIME messages written with GMime,
 * and their delivery through SMTP with libcurl.
 *
 * Messages are deterministic: the Date comes from the caller
 * (SOURCE_DATE_EPOCH in a build), the Message-ID is given, the MIME
 * boundary is derived from the Message-ID. Lines end with CRLF.
 */
#ifndef PARPACK_MAIL_H
#define PARPACK_MAIL_H

#include <stdio.h>

#include "parpack/diag.h"
#include "parpack/status.h"

typedef struct {
    const char *from, *from_name;     /* sender address and display name */
    const char *to, *to_name;
    const char *subject;              /* UTF-8; encoded per RFC 2047 */
    const char *body;                 /* UTF-8 plain text */
    const char *attachment_path;      /* may be NULL */
    const char *attachment_name;      /* file name shown (RFC 2231) */
    const char *attachment_type;      /* e.g. application/vnd…sheet */
    const char *message_id;           /* "<id@domain>" */
    long long date;                   /* Unix time */
} pp_mail;

/* Once per process, before and after using this module. */
void pp_mail_init(void);
void pp_mail_shutdown(void);

/* Write the message to out_path. Returns PP_OK, or PP_E_OUTPUT when it
 * cannot be written (or the attachment cannot be read). */
pp_status pp_mail_write(const pp_mail *m, const char *out_path,
                        pp_diags *d);

/*
 * Send every `unit-mail` listed in DIR/manifest.tsv through smtp_url
 * (smtp://HOST:PORT or smtps://…). Credentials only from the environment
 * (PARPACK_SMTP_USER, PARPACK_SMTP_PASSWORD) or a netrc file. Each
 * message the server accepts is recorded at once in DIR/sent.log (its
 * SHA-256, unit, path, time), so a run started again sends only what was
 * not yet accepted, and never the same message twice. With dry_run, only
 * lists. Reports to `out`. Returns 0 when everything was sent (or already
 * had been), 1 when DIR is not a packet, 3 when some message failed.
 */
int pp_send_run(const char *dir, const char *smtp_url, int dry_run, FILE *out,
                pp_diags *d);

#endif
