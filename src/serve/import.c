/* import.c - filled forms read into an appraisal as `parpack import` reads
 * them (internal.h: ws_import), for a form judged on its own (year.c), a
 * unit's score sheet (answers.c) and the year's assembled appraisal. */
#include "serve/internal.h"
#include "packet/forms.h"

#include <stdlib.h>

/* See internal.h. */
int ws_import(const pp_model *m, const char *blank,
              const char *const *inputs, size_t n, int partial,
              const char *out, pp_diags *d)
{
    pp_import_opts io = {.blank = blank, .inputs = inputs, .ninputs = n,
                         .out = out, .partial = partial};
    int ran = pp_import_run(m, &io, d) == PP_OK && !d->errors;
    free(io.summary); /* the command line's line; not shown here */
    return ran;
}
