/* rendermod.c - the program's side of pdf.h, docx.h, xlsx.h and
 * xlsx_read.h: libharu, fontconfig, libxlsxwriter and libzip (with
 * libcrypto, minizip, freetype, libpng, expat, brotli and bzip2, which
 * they bring) are loaded only when a verb writes or reads a document.
 *
 * Linking them into the program cost every run about 6 ms of dynamic
 * linking and library initialisers, a third of `check` on a province
 * file. So the renderers (src/pdf/, src/docx/, src/xlsx.c), the workbook
 * reader (src/xlsx_read.c) and the archives (src/zip.c) are built into
 * the module parpack-render.so, which this file opens (module.c) on the
 * first call and forwards to. The module takes the rest of parpack
 * (diagnostics, template descriptions, records, formatting) from the
 * program, which exports its pp_ symbols. `build` and `forms` open it in
 * the parent, before the workers fork (pp_xlsx_process_init). The unit
 * tests link those files themselves (libparpack.a) and never come here. */
#include "parpack/docx.h"
#include "parpack/pdf.h"
#include "parpack/xlsx.h"
#include "parpack/xlsx_read.h"
#include "module.h"

static pp_module S_render = {"parpack-render.so", NULL, ""};

/* A renderer's signature (pdf, docx, xlsx). */
typedef pp_status (*S_render_fn)(const pp_doc *, const char *,
                                 const pp_data_source *, pp_diags *);

/* The module's functions. */
static S_render_fn S_pdf, S_docx, S_xlsx;
static void (*S_pdf_shutdown)(void);
static void (*S_xlsx_init)(void);
static pp_xbook *(*S_open)(const char *, char *, size_t);
static void (*S_close)(pp_xbook *);
static size_t (*S_nsheets)(const pp_xbook *);
static const char *(*S_sheet_name)(const pp_xbook *, size_t);
static const char *(*S_defined)(const pp_xbook *, const char *);
static int (*S_sheet_read)(pp_xbook *, size_t, pp_xcell_fn, void *, char *,
                           size_t);
static int (*S_parse)(const char *, long *, long *);

/* Open the module and take its functions; 0 or -1. */
static int S_load(void)
{
    const pp_module_fn fns[] = {
        {"pp_pdf_render", &S_pdf},
        {"pp_pdf_shutdown", &S_pdf_shutdown},
        {"pp_docx_render", &S_docx},
        {"pp_xlsx_render", &S_xlsx},
        {"pp_xlsx_process_init", &S_xlsx_init},
        {"pp_xbook_open", &S_open},
        {"pp_xbook_close", &S_close},
        {"pp_xbook_nsheets", &S_nsheets},
        {"pp_xbook_sheet_name", &S_sheet_name},
        {"pp_xbook_defined", &S_defined},
        {"pp_xbook_sheet_read", &S_sheet_read},
        {"pp_xcell_parse", &S_parse},
    };
    return pp_module_load(&S_render, fns, sizeof fns / sizeof fns[0]);
}

/* Call renderer *fn once the module is open; PP_E_OUTPUT when it cannot
 * be. */
static pp_status S_call(S_render_fn *fn, const pp_doc *doc,
                        const char *out_path, const pp_data_source *src,
                        pp_diags *d)
{
    if (S_load() != 0) {
        pp_module_fail(&S_render, d);
        return PP_E_OUTPUT;
    }
    return (*fn)(doc, out_path, src, d);
}

/* pdf.h; PP_E_OUTPUT when the module cannot be loaded. */
pp_status pp_pdf_render(const pp_doc *doc, const char *out_path,
                        const pp_data_source *src, pp_diags *d)
{
    return S_call(&S_pdf, doc, out_path, src, d);
}

/* pdf.h; nothing when the module was never opened. */
void pp_pdf_shutdown(void)
{
    if (S_render.handle)
        S_pdf_shutdown();
}

/* docx.h; PP_E_OUTPUT when the module cannot be loaded. */
pp_status pp_docx_render(const pp_doc *doc, const char *out_path,
                         const pp_data_source *src, pp_diags *d)
{
    return S_call(&S_docx, doc, out_path, src, d);
}

/* xlsx.h; PP_E_OUTPUT when the module cannot be loaded. */
pp_status pp_xlsx_render(const pp_doc *doc, const char *out_path,
                         const pp_data_source *src, pp_diags *d)
{
    return S_call(&S_xlsx, doc, out_path, src, d);
}

/* xlsx.h; also opens the module, so that the workers forked next find it
 * open. When it cannot be, nothing: the first document says why. */
void pp_xlsx_process_init(void)
{
    if (S_load() == 0)
        S_xlsx_init();
}

/* xlsx_read.h; NULL with the reason in err when the module cannot be
 * loaded. */
pp_xbook *pp_xbook_open(const char *path, char *err, size_t cap)
{
    if (S_load() != 0) {
        pp_module_error(&S_render, err, cap);
        return NULL;
    }
    return S_open(path, err, cap);
}

/* xlsx_read.h (a book comes from the module: it is open). */
void pp_xbook_close(pp_xbook *b)
{
    if (b)
        S_close(b);
}

/* xlsx_read.h */
size_t pp_xbook_nsheets(const pp_xbook *b)
{
    return S_nsheets(b);
}

/* xlsx_read.h */
const char *pp_xbook_sheet_name(const pp_xbook *b, size_t i)
{
    return S_sheet_name(b, i);
}

/* xlsx_read.h */
const char *pp_xbook_defined(const pp_xbook *b, const char *name)
{
    return S_defined(b, name);
}

/* xlsx_read.h */
int pp_xbook_sheet_read(pp_xbook *b, size_t i, pp_xcell_fn fn, void *ctx,
                        char *err, size_t cap)
{
    return S_sheet_read(b, i, fn, ctx, err, cap);
}

/* xlsx_read.h; -1 (not a cell) when the module cannot be loaded. */
int pp_xcell_parse(const char *ref, long *row, long *col)
{
    return S_load() == 0 ? S_parse(ref, row, col) : -1;
}
