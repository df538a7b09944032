/* open.c - the program's side of serve.h: `parpack serve` and `parpack
 * user` are in the module parpack-serve.so (src/serve/, with
 * libmicrohttpd, libsqlite3, libargon2 and libzip), opened only for these
 * two verbs, so that `check` and `score` never load those libraries. The
 * module takes the core (loader, form reader, scoring, SHA-256) from the
 * program, which exports its pp_ symbols. */
#include "serve/serve.h"
#include "base/module.h"

#include <stdio.h>

static pp_module S_serve = {"parpack-serve.so", NULL, ""};
static int (*S_serve_main)(int, char **);
static int (*S_user_main)(int, char **);

/* Open the module; 0, or -1 with the reason printed. */
static int S_load(void)
{
    const pp_module_fn fns[] = {{"pp_serve_main", &S_serve_main},
                                {"pp_user_main", &S_user_main}};
    pp_diags d = {0};
    pp_status st = pp_module_load(&S_serve, fns, sizeof fns / sizeof fns[0],
                                  &d);
    if (st != PP_OK)
        pp_diags_print(&d, stderr);
    pp_diags_free(&d);
    return st == PP_OK ? 0 : -1;
}

/* See serve.h; exit 3 when the module cannot be loaded. */
int pp_serve_main(int argc, char **argv)
{
    return S_load() == 0 ? S_serve_main(argc, argv) : 3;
}

/* See serve.h. */
int pp_user_main(int argc, char **argv)
{
    return S_load() == 0 ? S_user_main(argc, argv) : 3;
}
