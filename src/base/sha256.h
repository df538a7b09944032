/*
 * sha256.h - the one SHA-256 of parpack (libgcrypt, here only: libexslt
 * loads it anyway, so the program does not load libcrypto for this).
 *
 * Used by the staging area for manifest.tsv and SHA256SUMS and by `send`
 * for sent.log, and by the mail writer for the Message-ID.
 *
 *     char hex[PP_SHA256_HEX];
 *     long long bytes;
 *     if (pp_sha256_file(path, hex, &bytes) != PP_OK) ... errno says why
 */
#ifndef PARPACK_SHA256_H
#define PARPACK_SHA256_H

#include <stddef.h>

#include "base/status.h"

#define PP_SHA256_HEX 65 /* 64 lowercase hex digits and the NUL */

/* Hash the file at path into hex (lowercase, NUL-terminated); its size
 * into *bytes when bytes is not NULL. PP_E_OUTPUT when it cannot be read
 * (errno set), PP_E_NOMEM when out of memory (or libgcrypt is older than
 * the one parpack was built with). */
pp_status pp_sha256_file(const char *path, char hex[PP_SHA256_HEX],
                         long long *bytes);

/* Hash the n bytes at p into hex. PP_OK, or PP_E_NOMEM (libgcrypt older
 * than the one parpack was built with). */
pp_status pp_sha256_mem(const void *p, size_t n, char hex[PP_SHA256_HEX]);

#endif
