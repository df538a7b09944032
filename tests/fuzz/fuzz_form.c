/* fuzz_form.c - libFuzzer harness of the form reader (`make fuzz`): any
 * bytes, as a scoring form's .xlsx file, are read (every sheet, cell and
 * defined name) or refused with a message, never a crash, a leak or
 * undefined behaviour. Seed corpus: the forms `parpack forms` writes and
 * fixtures/bad/form-*.xlsx (.ci/run). The reader takes a path (libzip
 * opens it): each input is written to one private temporary file. */
#define _GNU_SOURCE /* memfd_create */
#include "render/xlsx/xlsx_read.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every cell: its text is read whole (ASan sees an overrun). */
static int S_cell(void *ctx, const pp_xcell *c)
{
    size_t *sum = ctx;
    *sum += strlen(c->text) + (size_t)c->kind + (size_t)(c->row + c->col);
    return 0;
}

/* One input: open it as a form and read all of it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    pp_diags d = {0};
    pp_xbook *b = NULL;
    size_t i, sum = 0;
    if (fd < 0) {
        fd = memfd_create("fuzz-form", 0);
        if (fd < 0)
            abort();
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0 ||
        (size && pwrite(fd, data, size, 0) != (ssize_t)size))
        abort();
    if (pp_xbook_open(path, &b, &d) != PP_OK) {
        pp_diags_free(&d);
        return 0;
    }
    for (i = 0; i < pp_xbook_nsheets(b); i++) {
        const char *name = pp_xbook_sheet_name(b, i);
        sum += name ? strlen(name) : 0;
        (void)pp_xbook_sheet_read(b, i, S_cell, &sum, &d);
    }
    sum += pp_xbook_defined(b, "PP_UNIT") ? 1 : 0;
    pp_xbook_close(b);
    pp_diags_free(&d);
    return sum == (size_t)-1; /* never: keeps sum alive */
}
