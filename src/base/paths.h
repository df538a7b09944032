/*
 * paths.h - the folders chosen by `make install` (PREFIX, DATADIR,
 * LOCALEDIR). They are compiled into build/gen/paths.c, which is rebuilt
 * when they change, so `make install PREFIX=/opt/x` after a plain `make`
 * relinks the program with the right ones. The program looks beside
 * itself first (the repository, a relocated tree) and uses these last.
 */
#ifndef PARPACK_PATHS_H
#define PARPACK_PATHS_H

extern const char pp_datadir[];   /* PREFIX/share/parpack */
extern const char pp_localedir[]; /* PREFIX/share/locale */

#endif
