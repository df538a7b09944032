/*
 * cmap.c - the ToUnicode map of a UTF-8 font, rewritten through libharu's
 * public object API (hpdf_objects.h, hpdf_streams.h). With the "UTF-8"
 * encoder a Type0 font is /Identity-H and its two-byte codes are the
 * characters' code points, so the map is the identity:
 *
 *     <0000> <00FF> <0000>   one bfrange per first byte (a range may not
 *     <0100> <01FF> <0100>   cross one), 100 ranges a block at most,
 *     ...                    the surrogates D800-DFFF left out.
 */
#include "render/pdf/cmap.h"

#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>

static const char S_head[] =
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n"
    "/CMapType 2 def\n"
    "1 begincodespacerange\n"
    "<0000> <FFFF>\n"
    "endcodespacerange\n";

static const char S_tail[] =
    "endcmap\n"
    "CMapName currentdict /CMap defineresource pop\n"
    "end\n"
    "end\n";

/* Write the identity CMap's text into stream s. */
static HPDF_STATUS S_write(HPDF_Stream s)
{
    HPDF_STATUS ret = HPDF_Stream_WriteStr(s, S_head);
    unsigned hi = 0;
    char line[40];
    while (ret == HPDF_OK && hi < 256) {
        unsigned block[100], n = 0, k;
        for (; hi < 256 && n < 100; hi++)
            if (hi < 0xD8 || hi > 0xDF)
                block[n++] = hi;
        snprintf(line, sizeof line, "%u beginbfrange\n", n);
        ret = HPDF_Stream_WriteStr(s, line);
        for (k = 0; k < n && ret == HPDF_OK; k++) {
            snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n",
                     block[k], block[k], block[k]);
            ret = HPDF_Stream_WriteStr(s, line);
        }
        if (ret == HPDF_OK)
            ret = HPDF_Stream_WriteStr(s, "endbfrange\n");
    }
    if (ret == HPDF_OK)
        ret = HPDF_Stream_WriteStr(s, S_tail);
    return ret;
}

/* See cmap.h. */
HPDF_STATUS pp_pdf_cmap_fix(HPDF_Font font)
{
    HPDF_Dict map = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!map || !map->stream)
        return HPDF_DICT_ITEM_NOT_FOUND;
    /* the stream dictionary of a ToUnicode map needs only its /Length:
     * drop the encoding CMap's keys */
    HPDF_Dict_RemoveElement(map, "Type");
    HPDF_Dict_RemoveElement(map, "CMapName");
    HPDF_Dict_RemoveElement(map, "CIDSystemInfo");
    HPDF_Dict_RemoveElement(map, "WMode");
    HPDF_Dict_RemoveElement(map, "UseCMap");
    HPDF_MemStream_FreeData(map->stream);
    return S_write(map->stream);
}
