/*
 * bench-pdf-floor.c - the floor of one of parpack's PDF documents: what
 * libharu alone costs for a document set in the four styles of a serif
 * font (regular, bold, italic, bold italic), as the report and both
 * decisions are, with parpack's settings (UTF-8 encoder, every stream
 * compressed, the fonts embedded) and parpack's fonts: the subsets it
 * draws from (src/render/pdf/subset.c; tools/bench.sh passes the cached files),
 * each made ready through HPDF_GetFont, as src/render/pdf/render.c does. One
 * page and one line per style: no layout, no XML, no templates.
 *
 *   bench-pdf-floor N OUT.pdf REGULAR BOLD ITALIC BOLDITALIC
 *
 * writes the document N times over OUT.pdf and exits 0, or 1 when
 * libharu reports an error.
 */
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>

static int S_failed;

static void S_error(HPDF_STATUS e, HPDF_STATUS detail, void *data)
{
    (void)data;
    fprintf(stderr, "bench-pdf-floor: libharu error 0x%04X (%u)\n",
            (unsigned)e, (unsigned)detail);
    S_failed = 1;
}

int main(int argc, char **argv)
{
    int n, i, s;
    if (argc != 7) {
        fprintf(stderr, "usage: bench-pdf-floor N OUT.pdf REGULAR BOLD "
                        "ITALIC BOLDITALIC\n");
        return 2;
    }
    n = atoi(argv[1]);
    for (i = 0; i < n && !S_failed; i++) {
        HPDF_Doc pdf = HPDF_New(S_error, NULL);
        HPDF_Page page;
        if (!pdf)
            return 1;
        HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
        HPDF_UseUTFEncodings(pdf);
        HPDF_SetCurrentEncoder(pdf, "UTF-8");
        page = HPDF_AddPage(pdf);
        for (s = 0; s < 4 && !S_failed; s++) {
            const char *name = HPDF_LoadTTFontFromFile(pdf, argv[3 + s],
                                                       HPDF_TRUE);
            HPDF_Font font = name ? HPDF_GetFont(pdf, name, "UTF-8") : NULL;
            if (!font)
                break;
            HPDF_Page_BeginText(page);
            HPDF_Page_SetFontAndSize(page, font, 14);
            HPDF_Page_TextOut(page, 85, (HPDF_REAL)(760 - 24 * s),
                              "Ủy ban nhân dân tỉnh Hà Tĩnh: Quyết định");
            HPDF_Page_EndText(page);
        }
        if (!S_failed)
            HPDF_SaveToFile(pdf, argv[2]);
        HPDF_Free(pdf);
    }
    return S_failed;
}
