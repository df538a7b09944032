/*
 * mail.h - unit messages: RFC 5322 / MIME messages written with GMime,
 * and their delivery through SMTP with libcurl.
 *
 * Messages are deterministic: the Date comes from the caller
 * (SOURCE_DATE_EPOCH in a build), the Message-ID is derived from the
 * message's content (so a corrected message has a new one, which no
 * server drops as a duplicate), the MIME boundary from the Message-ID.
 * Lines end with CRLF.
 */
#ifndef PARPACK_MAIL_H
#define PARPACK_MAIL_H

#include <stdio.h>

#include "base/diag.h"
#include "base/status.h"

typedef struct {
    const char *from, *from_name;     /* sender address and display name */
    const char *to, *to_name;
    const char *subject;              /* UTF-8; encoded per RFC 2047 */
    const char *body;                 /* UTF-8 plain text */
    const char *attachment_path;      /* may be NULL */
    const char *attachment_name;      /* file name shown (RFC 2231) */
    const char *attachment_type;      /* e.g. application/vnd…sheet */
    const char *message_id;           /* "<LOCAL@DOMAIN>": the message's
                                       * id is <LOCAL.HASH@DOMAIN>, HASH 20
                                       * hex digits of a SHA-256 of all the
                                       * rest (addresses, subject, body,
                                       * date, the attachment's bytes) */
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
 * (smtp://HOST:PORT or smtps://...). Credentials only from the environment
 * (PARPACK_SMTP_USER, PARPACK_SMTP_PASSWORD) or a netrc file.
 *
 * Each message the server accepts is recorded at once in DIR/sent.log
 * (its SHA-256, unit, path, recipient, time; appended and synced), and a
 * message whose bytes are in the log is never sent again: a run started
 * again sends only what was not yet accepted, and since a build carries
 * the log over (stage.h), a rebuild's byte-identical messages are not sent
 * again while a corrected one is. The run holds the packet's lock
 * (pp_stage_lock): a second `send` or a `build` of DIR meanwhile is
 * refused.
 *
 * A recipient or message the server refuses is reported with the
 * server's reply ("550 5.1.1 ...") and the run goes on with the others; a
 * refused login, or a server that cannot be reached, stops the run at
 * once (one attempt). SIGINT/SIGTERM stop it between messages (a message
 * whose data is not all sent is abandoned). With dry_run, only lists
 * (without the lock). Reports to `out`, errors into d.
 *
 * PP_OK when everything was sent (or already had been); PP_E_INPUT when
 * DIR is not a packet; PP_E_LOCKED; PP_E_SEND when some message was not
 * sent; PP_E_OUTPUT when sent.log cannot be written; PP_E_INTERRUPTED.
 */
pp_status pp_send_run(const char *dir, const char *smtp_url, int dry_run,
                      int resend_uncertain, FILE *out, pp_diags *d);

#endif
