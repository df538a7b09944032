/*
 * cidfont.c - a UTF-8 font from libharu without its 65,536 cmap
 * searches, through its public object headers (hpdf_encoder.h,
 * hpdf_fontdef.h, hpdf_doc.h).
 *
 * libharu 2.3.0's CIDFontType2_New (hpdf_font_cid.c) maps CIDs to glyphs
 * in one of two ways. With a CMap encoder (to_unicode_fn is
 * HPDF_CMapEncoder_ToUnicode) it looks up only the codes whose cid_map
 * entry is set; with the UTF-8 encoder it looks up every code point from
 * 0 to 0xFFFF, each a linear search of the cmap's segments, and the /W
 * array and the CIDToGIDMap run to 0xFFFF. About 5 ms a font on a
 * subset, 12 ms on the full Liberation Serif, for each style of each
 * document.
 *
 * So while the font is made, the UTF-8 encoder is given the first way:
 * its cid_map and unicode_map hold code point u at [u >> 8][u & 0xFF]
 * for every u the font maps to a glyph (libharu's own lookup says which,
 * segment by segment) and for the one after the last (a glyph-0
 * sentinel, so that the /W loop, which stops before the largest CID,
 * still reaches the last mapped code point), and to_unicode_fn is
 * HPDF_CMapEncoder_ToUnicode. Afterwards both are restored. Every code
 * point below the sentinel then has the glyph and the width it had, and
 * above it there were only glyph 0 and the default width, which /W
 * leaves out; the CIDToGIDMap is shorter. The UTF-8 encoder keeps its
 * parsing state in the first ten bytes of cid_map; they are saved,
 * cleared and put back. A font this cannot handle (not TrueType with a
 * format 4 cmap, or one mapping U+0000, which no cid_map entry can say)
 * goes through HPDF_GetFont as it is.
 */
#include "cidfont.h"

#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_fontdef.h>
#include <string.h>

/* Set (u = the code point) or clear (u = 0) code point c in the maps. */
static void S_mark(HPDF_CMapEncoderAttr ea, unsigned c, HPDF_UINT16 u)
{
    ea->cid_map[c >> 8][c & 0xFF] = u;
    ea->unicode_map[c >> 8][c & 0xFF] = u;
}

/* Set (set = 1) or clear the maps' entry of every code point c the font
 * def maps to a glyph other than 0, as HPDF_TTFontDef_GetGlyphid finds
 * it: the first segment whose end is at or above c decides. Returns the
 * largest such c, or -1 for none. */
static long S_each(HPDF_FontDef def, HPDF_CMapEncoderAttr ea, int set)
{
    HPDF_TTFontDefAttr fa = (HPDF_TTFontDefAttr)def->attr;
    unsigned nseg = fa->cmap.seg_count_x2 / 2, i, lo = 0;
    long top = -1;
    for (i = 0; i < nseg; i++) {
        unsigned c = fa->cmap.start_count[i] > lo ? fa->cmap.start_count[i]
                                                  : lo;
        unsigned end = fa->cmap.end_count[i];
        for (; c <= end; c++)
            if (HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)c) != 0) {
                S_mark(ea, c, set ? (HPDF_UINT16)c : 0);
                top = (long)c;
            }
        if (end >= 0xFFFF)
            break;
        if (end + 1 > lo)
            lo = end + 1;
    }
    return top;
}

/* See cidfont.h. */
HPDF_Font pp_pdf_font_get(HPDF_Doc pdf, const char *name)
{
    HPDF_FontDef def = HPDF_GetFontDef(pdf, name);
    HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
    HPDF_CMapEncoderAttr ea;
    HPDF_Encoder_ToUnicode_Func utf8;
    HPDF_UINT16 state[5];
    HPDF_Font font;
    long top;
    if (!def || !enc || def->type != HPDF_FONTDEF_TYPE_TRUETYPE ||
        enc->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE ||
        ((HPDF_TTFontDefAttr)def->attr)->cmap.format != 4 ||
        ((HPDF_TTFontDefAttr)def->attr)->cmap.seg_count_x2 == 0 ||
        HPDF_TTFontDef_GetGlyphid(def, 0) != 0)
        return HPDF_GetFont(pdf, name, "UTF-8");
    ea = (HPDF_CMapEncoderAttr)enc->attr;
    memcpy(state, ea->cid_map[0], sizeof state);
    memset(ea->cid_map[0], 0, sizeof state);
    top = S_each(def, ea, 1);
    if (top < 0) { /* no glyph at all: libharu's own way reports it */
        memcpy(ea->cid_map[0], state, sizeof state);
        return HPDF_GetFont(pdf, name, "UTF-8");
    }
    if (top < 0xFFFF)
        S_mark(ea, (unsigned)top + 1, (HPDF_UINT16)(top + 1));
    utf8 = enc->to_unicode_fn;
    enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
    font = HPDF_GetFont(pdf, name, "UTF-8");
    enc->to_unicode_fn = utf8;
    S_each(def, ea, 0);
    if (top < 0xFFFF)
        S_mark(ea, (unsigned)top + 1, 0);
    memcpy(ea->cid_map[0], state, sizeof state);
    return font;
}
