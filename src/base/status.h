/*
 * status.h - the one status every fallible module function returns.
 *
 * Modules say what happened; only main.c turns a status into an exit code
 * (docs/cli.md, "Exit status"). Diagnostics (diag.h) carry the words.
 *
 *     pp_status st = pp_pdf_render(doc, path, src, &d);
 *     if (st != PP_OK) ...
 */
#ifndef PARPACK_STATUS_H
#define PARPACK_STATUS_H

typedef enum {
    PP_OK = 0,
    PP_E_INPUT,       /* the input (appraisal, forms, packet) is invalid */
    PP_E_USAGE,       /* the command line or an option's value is wrong */
    PP_E_OUTPUT,      /* an output could not be written (errno in the diag) */
    PP_E_TEMPLATE,    /* a template or the description it made is invalid */
    PP_E_NOMEM,       /* out of memory */
    PP_E_INTERRUPTED, /* SIGINT or SIGTERM: stopped cleanly */
    PP_E_SEND,        /* some messages were refused by the server */
    PP_E_LOCKED       /* another run holds the packet's lock */
} pp_status;

#endif
