/*
 * packet.h - the announcement packet: every kind of cli.md written into a
 * folder in one run, by several worker processes, atomically.
 *
 * Files are written into a hidden staging folder beside DIR and moved into
 * place (an atomic exchange when DIR exists) only when every file was
 * written; any failure leaves DIR exactly as it was.
 */
#ifndef PARPACK_PACKET_H
#define PARPACK_PACKET_H

#include "parpack/score.h"

typedef struct {
    const char *out;       /* DIR, or NULL for output/<year> */
    const char *templates; /* templates folder, or NULL to find it */
    const char *only;      /* comma list of kinds, or NULL for all */
    const char *argv0;
    int jobs;              /* workers; 0 = number of processors */
    int quiet;
} pp_build_opts;

/* Build the packet. Returns an exit status of cli.md: 0, 2 (bad --only),
 * 3 (output not written) or 4 (template invalid). */
int pp_packet_build(const pp_model *m, const pp_results *r,
                    const pp_build_opts *o);

/* `parpack send`: mail every unit-mail of the packet in DIR. */
int pp_packet_send(const char *dir, const char *smtp_url, int dry_run);

#endif
