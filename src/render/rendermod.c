/* rendermod.c - the program's side of pdf.h, docx.h, xlsx.h and
 * xlsx_read.h: libharu, fontconfig, libxlsxwriter and libzip (with
 * libcrypto, minizip, freetype, libpng, expat, brotli and bzip2, which
 * they bring) are loaded only when a verb writes or reads a document.
 *
 * Linking them into the program cost every run about 6 ms of dynamic
 * linking and library initialisers, a third of `check` on a province
 * file. So the renderers (src/pdf/, src/docx/, src/render/xlsx/xlsx.c), the workbook
 * reader (src/render/xlsx/xlsx_read.c) and the archives (src/base/zip.c) are built into
 * the module parpack-render.so, which this file opens (module.c) on the
 * first call and forwards to. Each entry point is named once, in
 * S_RENDER_FNS below, with what it does while the module is not open;
 * the pointers, the symbol table and the forwarding functions are
 * generated from that list (module.h), and the compiler checks each
 * against its header. docs/design.md says why the modules stay. The module takes the rest of parpack
 * (diagnostics, template descriptions, records, formatting) from the
 * program, which exports its pp_ symbols. `build` and `forms` open it in
 * the parent, before the workers fork (pp_xlsx_process_init). The unit
 * tests link those files themselves (libparpack.a) and never come here. */
#include "render/docx/docx.h"
#include "render/pdf/pdf.h"
#include "render/xlsx/xlsx.h"
#include "render/xlsx/xlsx_read.h"
#include "base/module.h"

static pp_module S_render = {"parpack-render.so", NULL, ""};

/* Open the module and take its functions (defined below). */
static pp_status S_load(pp_diags *d);

/* Every entry point of the module: X(policy, return type, name,
 * (parameters), (arguments)); the policies are module.h's, with the
 * module and its loader as S_MOD and S_LOAD. */
#define S_RENDER_FNS(X)                                                      \
    X(PP_MODFN_STATUS, pp_status, pp_pdf_render,                             \
      (const pp_doc *doc, const char *out_path, const pp_data_source *src,  \
       pp_diags *d), (doc, out_path, src, d))                                \
    X(PP_MODFN_LOAD, void, pp_pdf_prepare, (void), ())                       \
    X(PP_MODFN_IF_OPEN, void, pp_pdf_shutdown, (void), ())                    \
    X(PP_MODFN_STATUS, pp_status, pp_docx_render,                            \
      (const pp_doc *doc, const char *out_path, const pp_data_source *src,  \
       pp_diags *d), (doc, out_path, src, d))                                \
    X(PP_MODFN_STATUS, pp_status, pp_xlsx_render,                            \
      (const pp_doc *doc, const char *out_path, const pp_data_source *src,  \
       pp_diags *d), (doc, out_path, src, d))                                \
    X(PP_MODFN_LOAD, void, pp_xlsx_process_init, (void), ())                 \
    X(PP_MODFN_LOAD, void, pp_xlsx_prepare, (void), ())                      \
    X(PP_MODFN_STATUS, pp_status, pp_xbook_open,                             \
      (const char *path, pp_xbook **out, pp_diags *d), (path, out, d))       \
    X(PP_MODFN_IF_OPEN, void, pp_xbook_close, (pp_xbook *b), (b))           \
    X(PP_MODFN_OPEN, size_t, pp_xbook_nsheets, (const pp_xbook *b), (b))     \
    X(PP_MODFN_OPEN, const char *, pp_xbook_sheet_name,                      \
      (const pp_xbook *b, size_t i), (b, i))                                 \
    X(PP_MODFN_OPEN, const char *, pp_xbook_defined,                         \
      (const pp_xbook *b, const char *name), (b, name))                      \
    X(PP_MODFN_OPEN, pp_status, pp_xbook_sheet_read,                         \
      (pp_xbook *b, size_t i, pp_xcell_fn fn, void *ctx, pp_diags *d),      \
      (b, i, fn, ctx, d))                                                    \
    X(PP_MODFN_OR_MINUS1, int, pp_xcell_parse,                                 \
      (const char *ref, long *row, long *col), (ref, row, col))

#define S_MOD S_render
#define S_LOAD S_load
S_RENDER_FNS(PP_MODFN_POINTER)
S_RENDER_FNS(PP_MODFN_DEFINE)

static pp_status S_load(pp_diags *d)
{
    const pp_module_fn fns[] = {S_RENDER_FNS(PP_MODFN_ROW)};
    return pp_module_load(&S_render, fns, sizeof fns / sizeof fns[0], d);
}
