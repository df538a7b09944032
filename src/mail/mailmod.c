/* mailmod.c - the program's side of mail.h: GMime and libcurl (with the
 * 37 libraries they bring) are loaded only when a verb writes or sends a
 * message.
 *
 * Linking them into the program cost every run ~10 ms of dynamic linking
 * and library initialisers (half of `check` on a province file), whatever
 * the verb. So src/mail/mail.c (GMime) is built into the module
 * parpack-mail.so, and src/packet/send.c (libcurl) into parpack-send.so, which
 * this file opens with dlopen on the first call and forwards to: a build
 * that writes messages does not load libcurl. The modules take the rest
 * of parpack (diagnostics, SHA-256) from the program, which exports its
 * pp_ symbols (--export-dynamic-symbol); they are linked -Bsymbolic so
 * that their own calls stay in them.
 *
 * The modules are found and opened by module.c. Each entry point is
 * named once, in S_MAIL_FNS and S_SEND_FNS below; the pointers, the
 * symbol tables and the forwarding are generated from them (module.h). The unit tests link
 * mail.c and send.c themselves (libparpack.a) and never come here. */
#include "mail/mail.h"
#include "base/module.h"

#include <stdio.h>

static pp_module S_mail = {"parpack-mail.so", NULL, ""};
static pp_module S_send = {"parpack-send.so", NULL, ""};

/* Open each module and take its functions (defined below). */
static pp_status S_load_mail(pp_diags *d);
static pp_status S_load_send(pp_diags *d);

/* The mail module's entry points (module.h); pp_mail_shutdown also
 * closes both modules, so its definition is written out below. */
#define S_MAIL_FNS(X)                                                        \
    X(PP_MODFN_LOAD, void, pp_mail_init, (void), ())                         \
    X(PP_MODFN_STATUS, pp_status, pp_mail_write,                             \
      (const pp_mail *m, const char *out_path, pp_diags *d),                 \
      (m, out_path, d))
#define S_MAIL_OWN(X) X(, void, pp_mail_shutdown, (void), ())

/* The send module's. */
#define S_SEND_FNS(X)                                                        \
    X(PP_MODFN_STATUS, pp_status, pp_send_run,                               \
      (const char *dir, const char *smtp_url, int dry_run,                  \
       int resend_uncertain, FILE *out, pp_diags *d),                        \
      (dir, smtp_url, dry_run, resend_uncertain, out, d))

S_MAIL_FNS(PP_MODFN_POINTER)
S_MAIL_OWN(PP_MODFN_POINTER)
S_SEND_FNS(PP_MODFN_POINTER)

#define S_MOD S_mail
#define S_LOAD S_load_mail
S_MAIL_FNS(PP_MODFN_DEFINE)
#undef S_MOD
#undef S_LOAD
#define S_MOD S_send
#define S_LOAD S_load_send
S_SEND_FNS(PP_MODFN_DEFINE)

static pp_status S_load_mail(pp_diags *d)
{
    const pp_module_fn fns[] = {S_MAIL_FNS(PP_MODFN_ROW)
                                    S_MAIL_OWN(PP_MODFN_ROW)};
    return pp_module_load(&S_mail, fns, sizeof fns / sizeof fns[0], d);
}

static pp_status S_load_send(pp_diags *d)
{
    const pp_module_fn fns[] = {S_SEND_FNS(PP_MODFN_ROW)};
    return pp_module_load(&S_send, fns, sizeof fns / sizeof fns[0], d);
}

/* Shut GMime down and close the modules that were opened. */
void pp_mail_shutdown(void)
{
    if (S_mail.handle)
        S_pp_mail_shutdown();
    pp_module_close(&S_mail);
    pp_module_close(&S_send);
}
