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
 * The modules are found and opened by module.c. The unit tests link
 * mail.c and send.c themselves (libparpack.a) and never come here. */
#include "parpack/mail.h"
#include "module.h"

#include <stdio.h>

static pp_module S_mail = {"parpack-mail.so", NULL, ""};
static pp_module S_send = {"parpack-send.so", NULL, ""};

/* The mail module's functions. */
static void (*S_init)(void);
static void (*S_shutdown)(void);
static pp_status (*S_write)(const pp_mail *, const char *, pp_diags *);
/* The send module's. */
static pp_status (*S_run)(const char *, const char *, int, int, FILE *,
                          pp_diags *);

/* Open the mail module and take its functions; 0 or -1. */
static int S_load_mail(void)
{
    const pp_module_fn fns[] = {{"pp_mail_init", &S_init},
                                {"pp_mail_shutdown", &S_shutdown},
                                {"pp_mail_write", &S_write}};
    return pp_module_load(&S_mail, fns, sizeof fns / sizeof fns[0]);
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
    if (S_mail.handle)
        S_shutdown();
    pp_module_close(&S_mail);
    pp_module_close(&S_send);
}

/* mail.h; PP_E_OUTPUT when the module cannot be loaded. */
pp_status pp_mail_write(const pp_mail *m, const char *out_path,
                        pp_diags *d)
{
    if (S_load_mail() != 0) {
        pp_module_fail(&S_mail, d);
        return PP_E_OUTPUT;
    }
    return S_write(m, out_path, d);
}

/* mail.h; PP_E_OUTPUT when the module cannot be loaded. */
pp_status pp_send_run(const char *dir, const char *smtp_url, int dry_run,
                      int resend_uncertain, FILE *out, pp_diags *d)
{
    const pp_module_fn fns[] = {{"pp_send_run", &S_run}};
    if (pp_module_load(&S_send, fns, 1) != 0) {
        pp_module_fail(&S_send, d);
        return PP_E_OUTPUT;
    }
    return S_run(dir, smtp_url, dry_run, resend_uncertain, out, d);
}
