/* sha256.c - SHA-256 of a file (see sha256.h); the only user of
 * libgcrypt, which the program loads anyway for libexslt. */
#include "base/sha256.h"

#include <gcrypt.h>
#include <errno.h>
#include <stdio.h>

#define S_LEN 32 /* bytes of a SHA-256 */

/* Initialise libgcrypt once, as its manual asks of an application that
 * needs no secure memory; 0, or -1 when the library is older than the
 * one parpack was built with. */
static int S_init(void)
{
    static int done;
    if (done)
        return 0;
    if (!gcry_control(GCRYCTL_INITIALIZATION_FINISHED_P)) {
        if (!gcry_check_version(GCRYPT_VERSION))
            return -1;
        gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
        gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
    }
    done = 1;
    return 0;
}

/* The S_LEN bytes at md as lowercase hex into hex. */
static void S_hex(const unsigned char *md, char hex[PP_SHA256_HEX])
{
    static const char digit[] = "0123456789abcdef";
    int i;
    for (i = 0; i < S_LEN; i++) {
        hex[2 * i] = digit[md[i] >> 4];
        hex[2 * i + 1] = digit[md[i] & 15];
    }
    hex[2 * S_LEN] = 0;
}

/* Hash the file at path; see sha256.h. */
pp_status pp_sha256_file(const char *path, char hex[PP_SHA256_HEX],
                         long long *bytes)
{
    unsigned char buf[65536];
    long long total = 0;
    gcry_md_hd_t h = NULL;
    FILE *f = NULL;
    size_t n;
    pp_status st = PP_E_NOMEM;
    if (S_init() != 0 || gcry_md_open(&h, GCRY_MD_SHA256, 0) != 0) {
        h = NULL;
        goto cleanup;
    }
    st = PP_E_OUTPUT;
    f = fopen(path, "rb");
    if (!f)
        goto cleanup;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        gcry_md_write(h, buf, n);
        total += (long long)n;
    }
    if (ferror(f))
        goto cleanup;
    S_hex(gcry_md_read(h, GCRY_MD_SHA256), hex);
    if (bytes)
        *bytes = total;
    st = PP_OK;
cleanup:
    if (f) {
        int e = errno;
        fclose(f);
        errno = e;
    }
    if (h)
        gcry_md_close(h);
    return st;
}

/* Hash n bytes at p; see sha256.h. */
pp_status pp_sha256_mem(const void *p, size_t n, char hex[PP_SHA256_HEX])
{
    unsigned char md[S_LEN];
    if (S_init() != 0)
        return PP_E_NOMEM;
    gcry_md_hash_buffer(GCRY_MD_SHA256, md, p, n);
    S_hex(md, hex);
    return PP_OK;
}
