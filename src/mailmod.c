/* mailmod.c - the program's side of mail.h: GMime and libcurl (with the
 * 37 libraries they bring) are loaded only when a verb writes or sends a
 * message.
 *
 * Linking them into the program cost every run ~10 ms of dynamic linking
 * and library initialisers (half of `check` on a province file), whatever
 * the verb. So src/mail.c and src/send.c are built into a module,
 * parpack-mail.so, which this file opens with dlopen on the first call
 * and forwards to. The module takes the rest of parpack (diagnostics,
 * SHA-256) from the program, which exports its symbols (-rdynamic); it is
 * linked -Bsymbolic so that its own calls stay in it.
 *
 * The module is looked for installed beside the program
 * (BINDIR/../lib/parpack/), then in the build folder it was made in
 * (PP_MAILMOD), then under PP_LIBDIR. The unit tests link mail.c and
 * send.c themselves (libparpack.a) and never come here. */
#include "parpack/mail.h"
#include "i18n.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifndef PP_LIBDIR
#define PP_LIBDIR "/usr/local/lib/parpack"
#endif
#ifndef PP_MAILMOD
#define PP_MAILMOD PP_LIBDIR "/parpack-mail.so"
#endif

/* The module's functions, once opened. */
static struct {
    void *handle;
    void (*init)(void);
    void (*shutdown)(void);
    int (*write)(const pp_mail *, const char *, pp_diags *);
    int (*send)(const char *, const char *, int, FILE *, pp_diags *);
    char error[512];
} S_mod;

/* One symbol of the module into *slot (a function pointer's storage);
 * 0, or -1 with the error kept. */
static int S_sym(const char *name, void *slot)
{
    void *f = dlsym(S_mod.handle, name);
    if (!f) {
        snprintf(S_mod.error, sizeof S_mod.error, "%s", dlerror());
        return -1;
    }
    memcpy(slot, &f, sizeof f);
    return 0;
}

/* Open the module the first time; 0, or -1 with S_mod.error set. */
static int S_load(void)
{
    char exe[PATH_MAX], path[PATH_MAX + 32], *slash;
    const char *tried[3];
    size_t i, n = 0;
    ssize_t len;
    if (S_mod.handle)
        return 0;
    if (S_mod.error[0])
        return -1;
    len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = 0;
        if ((slash = strrchr(exe, '/')) != NULL) {
            *slash = 0;
            snprintf(path, sizeof path, "%s/../lib/parpack/parpack-mail.so",
                     exe);
            tried[n++] = path;
        }
    }
    tried[n++] = PP_MAILMOD;
    tried[n++] = PP_LIBDIR "/parpack-mail.so";
    for (i = 0; i < n && !S_mod.handle; i++)
        if (access(tried[i], R_OK) == 0) {
            S_mod.handle = dlopen(tried[i], RTLD_NOW | RTLD_LOCAL);
            if (!S_mod.handle)
                snprintf(S_mod.error, sizeof S_mod.error, "%s", dlerror());
        }
    if (!S_mod.handle) {
        if (!S_mod.error[0])
            snprintf(S_mod.error, sizeof S_mod.error, "%s",
                     _("parpack-mail.so was not found (is parpack "
                       "installed with `make install`?)"));
        return -1;
    }
    if (S_sym("pp_mail_init", &S_mod.init) || S_sym("pp_mail_shutdown",
                                                    &S_mod.shutdown) ||
        S_sym("pp_mail_write", &S_mod.write) ||
        S_sym("pp_send_run", &S_mod.send)) {
        dlclose(S_mod.handle);
        S_mod.handle = NULL;
        return -1;
    }
    return 0;
}

/* Say why the module is not there. */
static void S_fail(pp_diags *d)
{
    pp_diag_error(d, NULL, 0, 0, _("cannot load the mail module: %s"),
                  S_mod.error);
}

/* Open the module and initialise GMime (before the workers fork, so they
 * do not each open it). */
void pp_mail_init(void)
{
    if (S_load() == 0)
        S_mod.init();
}

/* Shut GMime down and close the module, if it was opened. */
void pp_mail_shutdown(void)
{
    if (S_mod.handle) {
        S_mod.shutdown();
        dlclose(S_mod.handle);
        memset(&S_mod, 0, sizeof S_mod);
    }
}

/* mail.h; 3 when the module cannot be loaded. */
int pp_mail_write(const pp_mail *m, const char *out_path, pp_diags *d)
{
    if (S_load() != 0) {
        S_fail(d);
        return 3;
    }
    return S_mod.write(m, out_path, d);
}

/* mail.h; 3 when the module cannot be loaded. */
int pp_send_run(const char *dir, const char *smtp_url, int dry_run, FILE *out,
                pp_diags *d)
{
    if (S_load() != 0) {
        S_fail(d);
        return 3;
    }
    return S_mod.send(dir, smtp_url, dry_run, out, d);
}
