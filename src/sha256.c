/* sha256.c - SHA-256 of a file (see sha256.h); the only user of libcrypto. */
#include "parpack/sha256.h"

#include <openssl/evp.h>
#include <errno.h>
#include <stdio.h>

/* Hash the file at path; see sha256.h. */
pp_status pp_sha256_file(const char *path, char hex[PP_SHA256_HEX],
                         long long *bytes)
{
    unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0, i;
    long long total = 0;
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    FILE *f = NULL;
    size_t n;
    pp_status st = PP_E_OUTPUT;
    if (!c) {
        st = PP_E_NOMEM;
        goto cleanup;
    }
    f = fopen(path, "rb");
    if (!f)
        goto cleanup;
    if (EVP_DigestInit_ex(c, EVP_sha256(), NULL) != 1)
        goto cleanup;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        EVP_DigestUpdate(c, buf, n);
        total += (long long)n;
    }
    if (ferror(f))
        goto cleanup;
    if (EVP_DigestFinal_ex(c, md, &mdlen) != 1 || mdlen != 32)
        goto cleanup;
    for (i = 0; i < mdlen; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    if (bytes)
        *bytes = total;
    st = PP_OK;
cleanup:
    if (f) {
        int e = errno;
        fclose(f);
        errno = e;
    }
    EVP_MD_CTX_free(c);
    return st;
}

/* Hash n bytes at p; see sha256.h. */
pp_status pp_sha256_mem(const void *p, size_t n, char hex[PP_SHA256_HEX])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0, i;
    if (EVP_Digest(p, n, md, &mdlen, EVP_sha256(), NULL) != 1 || mdlen != 32)
        return PP_E_NOMEM;
    for (i = 0; i < mdlen; i++)
        snprintf(hex + 2 * i, 3, "%02x", md[i]);
    return PP_OK;
}
