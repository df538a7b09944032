/* mailmod.c - the program's side of mail.h: GMime and libcurl (with the
 * 37 libraries they bring) are loaded only when a verb writes or sends a
 * message.
 *
 * Linking them into the program cost every run ~10 ms of dynamic linking
 * and library initialisers (half of `check` on a province file), whatever
 * the verb. So src/mail.c (GMime) is built into the module
 * parpack-mail.so, and src/send.c (libcurl) into parpack-send.so, which
 * this file opens with dlopen on the first call and forwards to: a build
 * that writes messages does not load libcurl. The modules take the rest
 * of parpack (diagnostics, SHA-256) from the program, which exports its
 * pp_ symbols (--export-dynamic-symbol); they are linked -Bsymbolic so
 * that their own calls stay in them.
 *
 * A module is looked for installed beside the program
 * (BINDIR/../lib/parpack/), then in the build folder it was made in
 * (PP_MODDIR), then under PP_LIBDIR. The unit tests link mail.c and
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
#ifndef PP_MODDIR
#define PP_MODDIR PP_LIBDIR
#endif

/* One module: its file name, and once opened its handle (or why not). */
typedef struct {
    const char *file;
    void *handle;
    char error[512];
} S_module;

static S_module S_mail = {"parpack-mail.so", NULL, ""};
static S_module S_send = {"parpack-send.so", NULL, ""};

/* The mail module's functions. */
static void (*S_init)(void);
static void (*S_shutdown)(void);
static pp_status (*S_write)(const pp_mail *, const char *, pp_diags *);

/* Symbol `name` of module m into *slot (a function pointer's storage);
 * 0, or -1 with the error kept. */
static int S_sym(S_module *m, const char *name, void *slot)
{
    void *f = dlsym(m->handle, name);
    if (!f) {
        snprintf(m->error, sizeof m->error, "%s", dlerror());
        return -1;
    }
    memcpy(slot, &f, sizeof f);
    return 0;
}

/* Open module m the first time; 0, or -1 with m->error set. */
static int S_open(S_module *m)
{
    char exe[PATH_MAX], path[3][PATH_MAX + 64], *slash;
    size_t i, n = 0;
    ssize_t len;
    if (m->handle)
        return 0;
    if (m->error[0])
        return -1;
    len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = 0;
        if ((slash = strrchr(exe, '/')) != NULL) {
            *slash = 0;
            snprintf(path[n++], sizeof path[0], "%s/../lib/parpack/%s", exe,
                     m->file);
        }
    }
    snprintf(path[n++], sizeof path[0], "%s/%s", PP_MODDIR, m->file);
    snprintf(path[n++], sizeof path[0], "%s/%s", PP_LIBDIR, m->file);
    for (i = 0; i < n && !m->handle; i++)
        if (access(path[i], R_OK) == 0) {
            m->handle = dlopen(path[i], RTLD_NOW | RTLD_LOCAL);
            if (!m->handle)
                snprintf(m->error, sizeof m->error, "%s", dlerror());
        }
    if (!m->handle && !m->error[0])
        snprintf(m->error, sizeof m->error,
                 _("%s was not found (is parpack installed with `make "
                   "install`?)"),
                 m->file);
    return m->handle ? 0 : -1;
}

/* Open the mail module and take its functions; 0 or -1. */
static int S_load_mail(void)
{
    if (S_mail.handle)
        return 0;
    if (S_open(&S_mail) != 0)
        return -1;
    if (S_sym(&S_mail, "pp_mail_init", &S_init) ||
        S_sym(&S_mail, "pp_mail_shutdown", &S_shutdown) ||
        S_sym(&S_mail, "pp_mail_write", &S_write)) {
        dlclose(S_mail.handle);
        S_mail.handle = NULL;
        return -1;
    }
    return 0;
}

/* Say why module m is not there. */
static void S_fail(const S_module *m, pp_diags *d)
{
    pp_diag_error(d, NULL, 0, 0, _("cannot load a module of parpack: %s"),
                  m->error);
}

/* Open the mail module and initialise GMime (before the workers fork, so
 * that they do not each open it). */
void pp_mail_init(void)
{
    if (S_load_mail() == 0)
        S_init();
}

/* Shut GMime down and close the modules that were opened. */
void pp_mail_shutdown(void)
{
    if (S_mail.handle) {
        S_shutdown();
        dlclose(S_mail.handle);
    }
    if (S_send.handle)
        dlclose(S_send.handle);
    S_mail.handle = S_send.handle = NULL;
    S_mail.error[0] = S_send.error[0] = 0;
}

/* mail.h; PP_E_OUTPUT when the module cannot be loaded. */
pp_status pp_mail_write(const pp_mail *m, const char *out_path,
                        pp_diags *d)
{
    if (S_load_mail() != 0) {
        S_fail(&S_mail, d);
        return PP_E_OUTPUT;
    }
    return S_write(m, out_path, d);
}

/* mail.h; PP_E_OUTPUT when the module cannot be loaded. */
pp_status pp_send_run(const char *dir, const char *smtp_url, int dry_run,
                      FILE *out, pp_diags *d)
{
    pp_status (*run)(const char *, const char *, int, FILE *, pp_diags *);
    if (S_open(&S_send) != 0 || S_sym(&S_send, "pp_send_run", &run) != 0) {
        S_fail(&S_send, d);
        return PP_E_OUTPUT;
    }
    return run(dir, smtp_url, dry_run, out, d);
}
