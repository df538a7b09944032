/*
 * font.c - finding the serif fonts through fontconfig, once per process.
 * A font must be TrueType (libharu embeds TTF), carry Vietnamese letters,
 * and not be DejaVu (libharu 2.3.0 loses the marks of its composite
 * glyphs) nor Liberation 1 (no Vietnamese at all; refused by the check).
 */
#include "render/pdf/font.h"
#include "base/i18n.h"

#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const S_families[] = {"Times New Roman", "Liberation Serif",
                                         "Noto Serif"};
static const char *const S_styles[4] = {"Regular", "Bold", "Italic",
                                        "Bold Italic"};
/* Letters every Vietnamese document needs. */
static const FcChar32 S_viet[] = {0x1EAF, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EB7,
                                  0x01A1, 0x01B0, 0x0111, 0x0110, 0x1ED9,
                                  0x1EEF, 0x1EA0, 0x1EF9, 0x1EC7};

static pp_font_files S_found;
static int S_done;
static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;
static char S_why[512]; /* why no family was usable, for every caller */

/* Path of family/style if fontconfig has exactly that family, as TTF,
 * with Vietnamese letters; else NULL. */
static char *S_match(const char *family, const char *style, char *why,
                     size_t whycap)
{
    FcPattern *p = FcPatternCreate(), *m;
    FcResult res;
    FcChar8 *fam = NULL, *file = NULL;
    FcCharSet *cs = NULL;
    char *out = NULL;
    size_t i;
    FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddString(p, FC_STYLE, (const FcChar8 *)style);
    FcConfigSubstitute(NULL, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    m = FcFontMatch(NULL, p, &res);
    FcPatternDestroy(p);
    if (!m)
        return NULL;
    if (FcPatternGetString(m, FC_FAMILY, 0, &fam) == FcResultMatch &&
        FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch &&
        strcmp((const char *)fam, family) == 0) {
        size_t n = strlen((const char *)file);
        int ttf = n > 4 && (strcmp((const char *)file + n - 4, ".ttf") == 0 ||
                            strcmp((const char *)file + n - 4, ".TTF") == 0);
        int viet = FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) == FcResultMatch;
        for (i = 0; viet && i < sizeof S_viet / sizeof *S_viet; i++)
            if (!FcCharSetHasChar(cs, S_viet[i]))
                viet = 0;
        if (!ttf)
            snprintf(why, whycap, _("%s (%s) is not a TrueType file"), family,
                     (const char *)file);
        else if (!viet)
            snprintf(why, whycap,
                     _("%s (%s) lacks Vietnamese letters (ắ, ơ, ư, đ, ộ, ữ …)"),
                     family, (const char *)file);
        else
            out = strdup((const char *)file);
    }
    FcPatternDestroy(m);
    return out;
}

/* Look the families up into S_found, or say why none is usable. */
static void S_find(char *why, size_t whycap)
{
    size_t f;
    int s;
    why[0] = 0;
    if (!FcInit()) {
        snprintf(why, whycap, _("fontconfig cannot start"));
        return;
    }
    for (f = 0; f < sizeof S_families / sizeof *S_families; f++) {
        char *paths[4] = {NULL, NULL, NULL, NULL};
        int ok = 1;
        for (s = 0; s < 4 && ok; s++) {
            paths[s] = S_match(S_families[f], S_styles[s], why, whycap);
            ok = paths[s] != NULL;
        }
        if (ok) {
            S_found.family = S_families[f];
            for (s = 0; s < 4; s++)
                S_found.path[s] = paths[s];
            return;
        }
        for (s = 0; s < 4; s++)
            free(paths[s]);
    }
    if (!why[0])
        snprintf(why, whycap,
                 _("no serif font with Vietnamese letters was found: install "
                 "Times New Roman, or fonts-liberation2 (Liberation Serif 2), "
                 "or fonts-noto-core (Noto Serif)"));
}

/* The four styles of the first usable family; see font.h. */
const pp_font_files *pp_font_files_find(char *why, size_t whycap)
{
    const pp_font_files *ff;
    pthread_mutex_lock(&S_lock);
    if (!S_done) {
        S_done = 1;
        S_find(S_why, sizeof S_why);
    }
    snprintf(why, whycap, "%s", S_why);
    ff = S_found.family ? &S_found : NULL;
    pthread_mutex_unlock(&S_lock);
    return ff;
}

/* Release fontconfig and the cached paths (at the end of the process). */
void pp_font_files_release(void)
{
    int s;
    pthread_mutex_lock(&S_lock);
    if (S_done) {
        for (s = 0; s < 4; s++) {
            free(S_found.path[s]);
            S_found.path[s] = NULL;
        }
        S_found.family = NULL;
        S_why[0] = 0;
        S_done = 0;
        FcFini();
    }
    pthread_mutex_unlock(&S_lock);
}
