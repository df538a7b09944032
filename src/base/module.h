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

#include "base/diag.h"
#include "base/status.h"

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

/* Open m the first time and take its n functions: PP_OK; else
 * PP_E_OUTPUT, with "cannot load a module of parpack: WHY" in d (when d
 * is not NULL) and m->error set. The module is then left closed, and
 * later calls fail at once until pp_module_close. */
pp_status pp_module_load(pp_module *m, const pp_module_fn *fns, size_t n,
                         pp_diags *d);

/* Close m when it is open; a later pp_module_open tries again. */
void pp_module_close(pp_module *m);

/*
 * The forwarding of a module's entry points, generated from one list so
 * that each is named once (rendermod.c, mailmod.c). The list is a macro
 * S_LIST(X) of rows X(policy, return type, name, (parameters),
 * (arguments)); the file defines S_MOD (its pp_module) and S_LOAD (its
 * loader: pp_status S_LOAD(pp_diags *d), pp_module_load's status) and
 * writes
 *
 *     S_LIST(PP_MODFN_POINTER)    the pointers that receive them
 *     S_LIST(PP_MODFN_DEFINE)     the program's definitions, forwarding
 *     {S_LIST(PP_MODFN_ROW)}      the pp_module_fn table for S_LOAD
 *
 * A policy says what the program's definition does before forwarding:
 *   PP_MODFN_STATUS    open the module; when it cannot be, say why into
 *                      the last parameter, `pp_diags *d`, and return
 *                      PP_E_OUTPUT
 *   PP_MODFN_OR_MINUS1 open it; -1 when it cannot be
 *   PP_MODFN_LOAD      (void) open it, then call; nothing when it cannot
 *   PP_MODFN_IF_OPEN   (void) call only when the module is open (shutdown,
 *                      freeing what it made)
 *   PP_MODFN_OPEN      call: the argument came from the open module
 */
#define PP_MODFN_POINTER(policy, ret, name, params, args)                     \
    static ret(*S_##name) params;
#define PP_MODFN_ROW(policy, ret, name, params, args) {#name, &S_##name},
#define PP_MODFN_DEFINE(policy, ret, name, params, args)                      \
    ret name params                                                          \
    {                                                                        \
        policy(S_##name, args)                                               \
    }

#define PP_MODFN_STATUS(fn, args)                                            \
    pp_status st_ = S_LOAD(d);                                               \
    if (st_ != PP_OK)                                                        \
        return st_;                                                          \
    return fn args;
#define PP_MODFN_OR_MINUS1(fn, args)                                         \
    return S_LOAD(NULL) == PP_OK ? fn args : -1;
#define PP_MODFN_LOAD(fn, args)                                              \
    if (S_LOAD(NULL) == PP_OK)                                               \
        fn args;
#define PP_MODFN_IF_OPEN(fn, args)                                           \
    if (S_MOD.handle)                                                        \
        fn args;
#define PP_MODFN_OPEN(fn, args) return fn args;

#endif
