/*
 * dirs.h - making folders: mkdir -p, the one walk up a path that the
 * packet's stage and the sent-message records use.
 */
#ifndef PARPACK_DIRS_H
#define PARPACK_DIRS_H

#include <sys/types.h>

/* mkdir -p: path and every folder above it that is missing, each new one
 * with mode (less the umask); one that exists (as anything) is left as it
 * is. The leaf is tried first: it mostly lies in a folder that exists,
 * and one mkdir per component cost 6% of the unit workbooks' time.
 * 0, or -1 with errno (ENAMETOOLONG for a path of PATH_MAX or more). */
int pp_mkdirs(const char *path, mode_t mode);

#endif
