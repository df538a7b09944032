/* module.c - find and open the program's modules (see module.h). */
#include "base/module.h"
#include "base/i18n.h"

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

/* Open m the first time: 0, or -1 with m->error set. */
static int S_open(pp_module *m)
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

/* Open m and take its functions; see module.h. */
pp_status pp_module_load(pp_module *m, const pp_module_fn *fns, size_t n,
                         pp_diags *d)
{
    size_t i;
    if (m->handle)
        return PP_OK;
    if (S_open(m) != 0)
        goto fail;
    for (i = 0; i < n; i++) {
        void *f = dlsym(m->handle, fns[i].name);
        if (!f) {
            snprintf(m->error, sizeof m->error, "%s", dlerror());
            dlclose(m->handle);
            m->handle = NULL;
            goto fail;
        }
        memcpy(fns[i].slot, &f, sizeof f);
    }
    return PP_OK;
fail:
    if (d)
        pp_diag_error(d, NULL, 0, 0, _("cannot load a module of parpack: %s"),
                      m->error);
    return PP_E_OUTPUT;
}

/* Close m; see module.h. */
void pp_module_close(pp_module *m)
{
    if (m->handle)
        dlclose(m->handle);
    m->handle = NULL;
    m->error[0] = 0;
}
