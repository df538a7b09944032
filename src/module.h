/*
 * module.h - the program's side of its modules: shared objects holding
 * the files that need heavy libraries, opened with dlopen the first time
 * a verb needs them, so that the others do not pay for loading those
 * libraries at start-up. mailmod.c (GMime, libcurl) and rendermod.c
 * (libharu, fontconfig, libxlsxwriter, libzip) forward to them.
 *
 * A module is looked for installed beside the program
 * (BINDIR/../lib/parpack/), then in the build folder it was made in
 * (PP_MODDIR), then under PP_LIBDIR. It is opened RTLD_NOW: a symbol it
 * takes from the program and the program lacks is an error at once.
 * Only in the program (not in libparpack.a): the unit tests link the
 * modules' files themselves.
 */
#ifndef PARPACK_MODULE_H
#define PARPACK_MODULE_H

#include "parpack/diag.h"

/* One module: its file name, and once opened its handle (or why not). */
typedef struct {
    const char *file;   /* "parpack-mail.so" */
    void *handle;       /* NULL until opened */
    char error[512];    /* why it could not be opened ("" when it could) */
} pp_module;

/* A function the program takes from a module: its name, and the
 * address of the function pointer that receives it. */
typedef struct {
    const char *name;
    void *slot;
} pp_module_fn;

/* Open m the first time and take its n functions: 0, or -1 with
 * m->error set (the module is then left closed, and later calls return
 * -1 at once until pp_module_close). */
int pp_module_load(pp_module *m, const pp_module_fn *fns, size_t n);

/* Close m when it is open; a later pp_module_open tries again. */
void pp_module_close(pp_module *m);

/* Say into d why m is not there ("cannot load a module of parpack: ..."). */
void pp_module_fail(const pp_module *m, pp_diags *d);

/* The same sentence into err (at most cap bytes), for APIs that report
 * through a buffer. */
void pp_module_error(const pp_module *m, char *err, size_t cap);

#endif
