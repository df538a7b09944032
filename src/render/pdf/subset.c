/*
 * subset.c - the serif fonts cut down to what a Vietnamese document uses,
 * so that libharu reads a font of a few hundred glyphs instead of 2,600:
 * its cmap searches are short and what it embeds is small. Made with
 * HarfBuzz's subsetter from the files fontconfig found (font.c), never
 * from a copy in the repository, and kept in a cache folder for the next
 * process. A document with a character outside a subset is laid out
 * again with the full fonts (render.c), so nothing is ever dropped.
 *
 * The only file that includes HarfBuzz; it is built into the render
 * module, so check and score never load it.
 */
#define _GNU_SOURCE /* memfd_create */
#include "base/dirs.h"
#include "render/pdf/subset.h"

#include <hb-subset.h>
#include <hb.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* What a subset holds: Latin, the Vietnamese letters (precomposed, and
 * their marks for text that keeps one after NFC), the punctuation, digits
 * and symbols of administrative documents. Changing this list changes
 * the cache key (S_key), so older subsets are not reused. */
static const unsigned S_ranges[][2] = {
    {0x0020, 0x007E}, /* ASCII */
    {0x00A0, 0x017F}, /* Latin-1 (× ° « » §), Latin Extended-A (Ă Đ Ĩ Ũ) */
    {0x01A0, 0x01A1}, /* Ơ ơ */
    {0x01AF, 0x01B0}, /* Ư ư */
    {0x0300, 0x0303}, /* combining grave, acute, circumflex, tilde */
    {0x0306, 0x0306}, /* combining breve */
    {0x0309, 0x0309}, /* combining hook above */
    {0x031B, 0x031B}, /* combining horn */
    {0x0323, 0x0323}, /* combining dot below */
    {0x1EA0, 0x1EF9}, /* Vietnamese letters with two marks (Ạ … ỹ) */
    {0x2010, 0x2027}, /* dashes, quotation marks, bullet, ellipsis */
    {0x2030, 0x2030}, /* per mille */
    {0x2039, 0x203A}, /* angle quotation marks */
    {0x20AB, 0x20AC}, /* đồng sign, euro sign */
    {0x2116, 0x2116}, /* numero sign */
    {0x2122, 0x2122}, /* trade mark */
    {0x2190, 0x2193}, /* arrows */
    {0x2212, 0x2212}, /* minus */
    {0x2248, 0x2248}, /* almost equal */
    {0x2260, 0x2260}, /* not equal */
    {0x2264, 0x2265}, /* less and greater or equal */
};

/* The subsetter's options: the .notdef box kept, as in the full font;
 * no hinting (the instructions are two thirds of a subset's bytes, and
 * PDF viewers scale outlines without them). Part of the cache key. */
static const unsigned S_flags =
    HB_SUBSET_FLAGS_NOTDEF_OUTLINE | HB_SUBSET_FLAGS_NO_HINTING;

/* The subsets' cmap is made here, not by the subsetter (S_cmap): code
 * points less than S_GAP apart share a segment. Part of the cache key. */
#define S_GAP 512
static const unsigned S_cmap_version = 1;

static pp_font_subset S_sub[4];
static int S_fd[4] = {-1, -1, -1, -1};
static int S_done, S_ok;

/* See subset.h. */
const unsigned (*pp_font_subset_ranges(size_t *n))[2]
{
    *n = sizeof S_ranges / sizeof *S_ranges;
    return S_ranges;
}

/* See subset.h. */
int pp_font_subset_covers(const pp_font_subset *s, long c)
{
    return c >= 0 && c < 65536 && (s->cover[c >> 3] >> (c & 7)) & 1;
}

/* FNV-1a, 64 bits, of len bytes at p, continuing from h. */
static unsigned long long S_fnv(unsigned long long h, const void *p,
                                size_t len)
{
    const unsigned char *b = p;
    while (len--) {
        h ^= *b++;
        h *= 1099511628211ULL;
    }
    return h;
}

/* The cache key of the subset of font file src (stat st): its path,
 * size, inode and modification time, the ranges, the subsetter's options
 * and HarfBuzz's version.
 * A font upgraded in place has another size or time, so a new key. */
static unsigned long long S_key(const char *src, const struct stat *st)
{
    unsigned long long h = 14695981039346656037ULL;
    long long v[5];
    const char *hb = hb_version_string();
    v[0] = (long long)st->st_size;
    v[1] = (long long)st->st_ino;
    v[2] = (long long)st->st_dev;
    v[3] = (long long)st->st_mtim.tv_sec;
    v[4] = (long long)st->st_mtim.tv_nsec;
    h = S_fnv(h, src, strlen(src) + 1);
    h = S_fnv(h, v, sizeof v);
    h = S_fnv(h, S_ranges, sizeof S_ranges);
    h = S_fnv(h, &S_flags, sizeof S_flags);
    h = S_fnv(h, &S_cmap_version, sizeof S_cmap_version);
    return S_fnv(h, hb, strlen(hb) + 1);
}

/* The cache folder ($XDG_CACHE_HOME/parpack/fonts, else
 * $HOME/.cache/parpack/fonts), made when missing, into buf; 0, or -1
 * when there is none or it cannot be made. */
static int S_dir(char *buf, size_t cap)
{
    const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char base[4096];
    int n;
    if (x && x[0] == '/')
        n = snprintf(base, sizeof base, "%s", x);
    else if (home && home[0] == '/')
        n = snprintf(base, sizeof base, "%s/.cache", home);
    else
        return -1;
    if (n < 0 || (size_t)n >= sizeof base)
        return -1;
    n = snprintf(buf, cap, "%s/parpack/fonts", base);
    if (n < 0 || (size_t)n >= cap)
        return -1;
    /* 0700: nobody else's business */
    return pp_mkdirs(buf, 0700);
}

/* The code points face maps into s->cover; how many. */
static unsigned S_cover(hb_face_t *face, pp_font_subset *s)
{
    hb_set_t *set = hb_set_create();
    hb_codepoint_t c = HB_SET_VALUE_INVALID;
    unsigned n = 0;
    memset(s->cover, 0, sizeof s->cover);
    hb_face_collect_unicodes(face, set);
    while (hb_set_next(set, &c))
        if (c < 65536) {
            s->cover[c >> 3] |= (unsigned char)(1u << (c & 7));
            n++;
        }
    hb_set_destroy(set);
    return n;
}

/* A subset stored before at path, its code points into s; 0, or -1 when
 * there is none or it is not a font HarfBuzz reads with glyphs. */
static int S_cached(const char *path, pp_font_subset *s)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    hb_face_t *face;
    int ok;
    if (!blob)
        return -1;
    face = hb_face_create(blob, 0);
    ok = hb_face_get_glyph_count(face) > 1 && S_cover(face, s) > 0;
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return ok ? 0 : -1;
}

/* Big-endian 16 bits of v at p. */
static void S_put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

/* A cmap table (blob) mapping what face maps (code points of the BMP
 * only), as one format 4 subtable for (0,3) and (3,1), in few segments:
 * code points less than S_GAP apart share one, its glyphs listed in
 * glyphIdArray (0 for the code points between, which map nothing).
 * libharu makes a UTF-8 font by looking each of the 65,536 code points
 * up in the segments, one after another (HPDF_TTFontDef_GetGlyphid): the
 * subsetter's cmap has a segment per run of code points (24), this one 3
 * (ASCII to the combining marks, the Vietnamese letters to ≥, the end).
 * The same code points map to the same glyphs. NULL on failure. */
static hb_blob_t *S_cmap(hb_face_t *face)
{
    hb_font_t *font = hb_font_create(face);
    unsigned short *gid = calloc(65536, sizeof *gid);
    unsigned start[64], end[64], nseg = 0, narr = 0, c, i, len, k;
    unsigned char *t = NULL, *p;
    hb_blob_t *out = NULL;
    if (!gid)
        goto done;
    for (c = 1; c < 0xFFFF; c++) {
        hb_codepoint_t g;
        if (!hb_font_get_nominal_glyph(font, c, &g) || g == 0 || g > 0xFFFF)
            continue;
        gid[c] = (unsigned short)g;
        if (nseg && c - end[nseg - 1] < S_GAP)
            end[nseg - 1] = c;
        else if (nseg == 63)
            goto done;
        else {
            start[nseg] = end[nseg] = c;
            nseg++;
        }
    }
    if (!nseg)
        goto done;
    for (i = 0; i < nseg; i++)
        narr += end[i] - start[i] + 1;
    start[nseg] = end[nseg] = 0xFFFF; /* the last segment, as required */
    nseg++;
    len = 16 + 8 * nseg + 2 * narr; /* the subtable */
    if (len > 0xFFFF)
        goto done;
    t = calloc(1, 20 + len);
    if (!t)
        goto done;
    S_put16(t + 2, 2);              /* version 0, 2 encoding records */
    S_put16(t + 4, 0), S_put16(t + 6, 3), t[11] = 20;  /* (0,3) at 20 */
    S_put16(t + 12, 3), S_put16(t + 14, 1), t[19] = 20; /* (3,1) at 20 */
    p = t + 20;
    S_put16(p, 4);
    S_put16(p + 2, len);
    S_put16(p + 6, 2 * nseg);
    for (k = 1; 2 * k <= nseg; k *= 2)
        ;
    S_put16(p + 8, k);              /* searchRange: 2 * 2^floor(log2) */
    for (i = 0; (1u << (i + 1)) <= nseg; i++)
        ;
    S_put16(p + 10, i);             /* entrySelector */
    S_put16(p + 12, 2 * nseg - k);  /* rangeShift */
    p += 14;
    for (i = 0; i < nseg; i++)
        S_put16(p + 2 * i, end[i]);
    p += 2 * nseg + 2; /* reservedPad */
    for (i = 0; i < nseg; i++)
        S_put16(p + 2 * i, start[i]);
    p += 2 * nseg;
    for (i = 0; i < nseg; i++) /* idDelta: 0, but 1 for 0xFFFF (glyph 0) */
        S_put16(p + 2 * i, i + 1 == nseg ? 1 : 0);
    p += 2 * nseg;
    {
        unsigned char *ro = p, *arr = p + 2 * nseg;
        unsigned at = 0;
        for (i = 0; i + 1 < nseg; i++) {
            /* from the segment's own idRangeOffset to its glyphs */
            S_put16(ro + 2 * i, 2 * (nseg - i) + 2 * at);
            for (c = start[i]; c <= end[i]; c++, at++)
                S_put16(arr + 2 * at, gid[c]);
        }
    }
    out = hb_blob_create((const char *)t, 20 + len,
                         HB_MEMORY_MODE_READONLY, t, free);
    t = NULL;
done:
    free(t);
    free(gid);
    hb_font_destroy(font);
    return out;
}

/* The font of blob (a subset) with its cmap table replaced by S_cmap's,
 * or NULL. */
static hb_blob_t *S_recmap(hb_blob_t *blob)
{
    hb_face_t *face = hb_face_create(blob, 0), *b = hb_face_builder_create();
    hb_tag_t tags[64];
    unsigned n = 64, i, ok = 1;
    hb_blob_t *cmap = S_cmap(face), *out = NULL;
    if (cmap && hb_face_get_table_tags(face, 0, &n, tags) < 64) {
        for (i = 0; i < n && ok; i++) {
            hb_blob_t *tb = tags[i] == HB_TAG('c', 'm', 'a', 'p')
                                ? hb_blob_reference(cmap)
                                : hb_face_reference_table(face, tags[i]);
            ok = hb_face_builder_add_table(b, tags[i], tb);
            hb_blob_destroy(tb);
        }
        if (ok)
            out = hb_face_reference_blob(b);
    }
    hb_blob_destroy(cmap);
    hb_face_destroy(b);
    hb_face_destroy(face);
    if (out && hb_blob_get_length(out) == 0) {
        hb_blob_destroy(out);
        out = NULL;
    }
    return out;
}

/* The subset of font file src (its blob: the caller destroys it), or
 * NULL. */
static hb_blob_t *S_make(const char *src)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(src), *out = NULL;
    hb_face_t *face, *sub;
    hb_subset_input_t *in;
    size_t i;
    if (!blob)
        return NULL;
    face = hb_face_create(blob, 0);
    in = hb_subset_input_create_or_fail();
    if (in) {
        hb_set_t *u = hb_subset_input_unicode_set(in);
        for (i = 0; i < sizeof S_ranges / sizeof *S_ranges; i++)
            hb_set_add_range(u, S_ranges[i][0], S_ranges[i][1]);
        hb_subset_input_set_flags(in, S_flags);
        sub = hb_subset_or_fail(face, in);
        if (sub) {
            hb_blob_t *raw = hb_face_reference_blob(sub);
            out = S_recmap(raw);
            hb_blob_destroy(raw);
            hb_face_destroy(sub);
        }
        hb_subset_input_destroy(in);
    }
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    if (out && hb_blob_get_length(out) == 0) {
        hb_blob_destroy(out);
        out = NULL;
    }
    return out;
}

/* Write all of data (len bytes) to fd; 0 or -1. */
static int S_write(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t k = write(fd, data, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return -1;
        data += k;
        len -= (size_t)k;
    }
    return 0;
}

/* Store blob at path: written under a temporary name in the same folder,
 * synced, then renamed, so that a process reading the cache sees the
 * whole file or none (two making the same subset at once write the same
 * bytes; the last rename wins). 0 or -1 (nothing left behind). */
static int S_store(const char *path, hb_blob_t *blob)
{
    char tmp[4200];
    unsigned len;
    const char *data = hb_blob_get_data(blob, &len);
    int fd, n = snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
    if (n < 0 || (size_t)n >= sizeof tmp)
        return -1;
    fd = mkstemp(tmp);
    if (fd < 0)
        return -1;
    if (S_write(fd, data, len) != 0 || fchmod(fd, 0644) != 0 ||
        fsync(fd) != 0) {
        close(fd);
        unlink(tmp);
        return -1;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

/* Keep blob in a memory file of this process (the cache folder cannot
 * be written: a read-only home, a service without one); its path, which
 * the workers forked later share, into s->path; 0 or -1. */
static int S_memory(hb_blob_t *blob, int style, pp_font_subset *s)
{
    char path[64];
    unsigned len;
    const char *data = hb_blob_get_data(blob, &len);
    int fd = memfd_create("parpack-font", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    if (S_write(fd, data, len) != 0) {
        close(fd);
        return -1;
    }
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    s->path = strdup(path);
    if (!s->path) {
        close(fd);
        return -1;
    }
    S_fd[style] = fd;
    return 0;
}

/* The subset of style `style` (font file src) into s; 0 or -1. */
static int S_one(const char *src, int style, int have_dir, const char *dir,
                 pp_font_subset *s)
{
    struct stat st;
    char path[4096];
    const char *base = strrchr(src, '/');
    hb_blob_t *blob;
    hb_face_t *face;
    int n, rc = -1;
    if (stat(src, &st) != 0)
        return -1;
    base = base ? base + 1 : src;
    n = snprintf(path, sizeof path, "%s/%.*s-%016llx.ttf", dir,
                 (int)strcspn(base, "."), base, S_key(src, &st));
    have_dir = have_dir && n > 0 && (size_t)n < sizeof path;
    if (have_dir && S_cached(path, s) == 0) {
        s->path = strdup(path);
        return s->path ? 0 : -1;
    }
    blob = S_make(src);
    if (!blob)
        return -1;
    face = hb_face_create(blob, 0);
    if (S_cover(face, s) > 0) {
        if (have_dir && S_store(path, blob) == 0) {
            s->path = strdup(path);
            rc = s->path ? 0 : -1;
        } else
            rc = S_memory(blob, style, s);
    }
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return rc;
}

/* See subset.h. */
const pp_font_subset *pp_font_subset_get(const pp_font_files *ff)
{
    char dir[4096];
    int have_dir, s;
    if (S_done)
        return S_ok ? S_sub : NULL;
    S_done = 1;
    have_dir = S_dir(dir, sizeof dir) == 0;
    for (s = 0; s < 4; s++)
        if (S_one(ff->path[s], s, have_dir, dir, &S_sub[s]) != 0) {
            pp_font_subset_release();
            S_done = 1;
            return NULL;
        }
    S_ok = 1;
    return S_sub;
}

/* See subset.h. */
void pp_font_subset_release(void)
{
    int s;
    for (s = 0; s < 4; s++) {
        free(S_sub[s].path);
        S_sub[s].path = NULL;
        if (S_fd[s] >= 0)
            close(S_fd[s]);
        S_fd[s] = -1;
    }
    S_done = S_ok = 0;
}
