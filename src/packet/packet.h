/*
 * packet.h - the announcement packet: every kind of docs/cli.md written into a
 * folder in one run, by several worker processes, atomically.
 *
 * Files are written into a hidden staging folder beside DIR and moved into
 * place (an atomic exchange when DIR exists) only when every file was
 * written; any failure leaves DIR exactly as it was.
 */
#ifndef PARPACK_PACKET_H
#define PARPACK_PACKET_H

#include "core/score.h"
#include "base/status.h"
#include "packet/jobs.h"

typedef struct {
    const char *out;       /* DIR, or NULL for output/<year> (forms:
                              output/<year>-forms) */
    const char *templates; /* templates folder, or NULL to find it */
    const char *only;      /* comma list of kinds, or NULL for all */
    const char *argv0;
    int jobs;              /* workers; 0 = number of processors */
    int quiet;
    int force;             /* --force: write beside foreign files (stage.h) */
} pp_build_opts;

/* Build the packet: the kinds of the plan (src/packet/plan.c) written by the
 * worker pool (src/packet/pool.c) into a stage (stage.h). Returns PP_OK,
 * PP_E_USAGE (bad --only), PP_E_INPUT (a unit id the manifest cannot
 * carry), PP_E_TEMPLATE, PP_E_LOCKED (another build or send holds DIR:
 * stage.h), PP_E_OUTPUT / PP_E_NOMEM / PP_E_INTERRUPTED (SIGINT or
 * SIGTERM: interrupt.h) (nothing written, DIR as it was); diagnostics
 * printed on stderr. DIR's sent.log is kept. */
pp_status pp_packet_build(const pp_model *m, const pp_results *r,
                    const pp_build_opts *o);

/* Start, in a thread of this process, what a build of the kinds `only`
 * names (NULL: all) needs first whatever its input: the fonts of its
 * PDFs (and the render module), the mail module. The main thread loads
 * and scores the input meanwhile; pp_packet_build waits for the thread
 * before it forks its workers. pp_packet_warm_end waits for it and
 * releases what it made (fontconfig, GMime): call it when the build is
 * over, or when none follows (the input was refused). */
void pp_packet_warm(const char *only);
void pp_packet_warm_end(void);

/* The time of a packet (build) or of forms made from m without
 * SOURCE_DATE_EPOCH: the announcement's day at 00:00 +07:00, else
 * 1 January after the assessed year (epoch.h: pp_epoch_default). */
long long pp_packet_input_time(const pp_model *m);

/* Run the plan of j (filled: the model, the verb's table and the kinds
 * asked for, slugs, records, templates loaded, the stage open) by `jobs`
 * workers (0: one per processor): the packet-wide files longest first,
 * then the units in chunks, in `order` (the index of each unit, or NULL
 * for the model's order); a progress tick per file unless quiet. The
 * first worker's failure, PP_E_NOMEM, or PP_E_INTERRUPTED after a
 * signal; the caller commits or aborts the stage. Used by build and
 * forms (forms.h). */
pp_status pp_packet_run(pp_job *j, const int *order, int jobs, int quiet);

/* `parpack send`: mail every unit-mail of the packet in DIR (mail.h:
 * pp_send_run). PP_OK, PP_E_INPUT (DIR is not a packet), PP_E_LOCKED
 * (another run holds DIR), PP_E_SEND (some message was not sent),
 * PP_E_OUTPUT (sent.log cannot be written) or PP_E_INTERRUPTED. quiet:
 * nothing on standard output (errors still on standard error);
 * resend_uncertain: send again what was sent but never answered. */
pp_status pp_packet_send(const char *dir, const char *smtp_url, int dry_run,
                         int quiet, int resend_uncertain);

#endif
