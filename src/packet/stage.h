/*
 * stage.h - an output folder written atomically: files go into a hidden
 * staging folder beside DIR, are listed in manifest.tsv and SHA256SUMS,
 * flushed to disk, and the folder is then swapped into DIR in one step (an
 * atomic exchange when DIR exists). Until the swap DIR is exactly as it
 * was; after a failure pp_stage_abort leaves nothing behind. Staging
 * folders left by a killed run (.BASE.parpack-PID-XXXXXX whose PID is gone)
 * are removed by the next pp_stage_open of the same DIR, when they hold
 * parpack's files alone. A packet moved in file by file (below) keeps a
 * journal in its staging folder while it moves: a run killed then, or a
 * move that failed half way, is finished by the next run into DIR
 * (pp_stage_open, pp_stage_recover) before DIR is looked at.
 *
 * Never destroy: DIR must be missing, empty, or a folder parpack wrote
 * (every file in it listed by its manifest.tsv, or manifest.tsv,
 * SHA256SUMS, sent.log). A folder holding anything else is refused, naming
 * the first such files, unless force is given: then the packet is moved
 * in file by file beside them, and only files of the previous packet are
 * replaced or removed. The folder the process is in (--out .) is also
 * replaced file by file, so that a shell in it sees the new packet. A
 * symbolic link, a file, a mount point or a write-protected folder is
 * refused by pp_stage_open, before anything is built. Errors name DIR as
 * given, never the staging folder nor the lock.
 *
 *     pp_stage *s;
 *     char path[PATH_MAX];
 *     if (pp_stage_open(dir, 0, &s, &d) != PP_OK) return ...;
 *     pp_stage_mkdir(s, "units/xa-a", &d);
 *     pp_stage_file(s, "units/xa-a/f.xlsx", path, sizeof path);
 *     ... write path ...
 *     st = pp_stage_record(s, "unit-form", "xa-a", "units/xa-a/f.xlsx", &d);
 *     st = st == PP_OK ? pp_stage_commit(s, &d) : st;
 *     if (st != PP_OK) pp_stage_abort(s);   (abort after commit: a no-op)
 *     pp_stage_free(s);
 *
 * The manifest: one line a file, sorted by path (bytewise),
 *     KIND \t UNIT \t PATH \t BYTES \t SHA256 \n
 * (UNIT empty for packet-wide files), and SHA256SUMS "SHA256  PATH" lines
 * in the same order, for `sha256sum -c`. Neither may carry a raw control
 * character: pp_stage_record refuses (PP_E_INPUT, with an error naming
 * the unit) a kind, unit or path holding a byte below 0x20 or 0x7f, and a
 * path holding a backslash; nothing is escaped, so every line stays what
 * `send` and `sha256sum` read.
 *
 * Worker processes: a child forked after pp_stage_open may record files;
 * each process writes its own part (.manifest-PID in the staging folder),
 * and must call pp_stage_flush before it exits. pp_stage_commit, in the
 * process that opened the stage, merges every part.
 *
 * Ownership: the pp_stage belongs to the caller, freed by pp_stage_free
 * (which does not remove anything). Strings are copied.
 */
#ifndef PARPACK_STAGE_H
#define PARPACK_STAGE_H

#include <stddef.h>

#include "base/diag.h"
#include "base/status.h"

typedef struct pp_stage pp_stage;

/* One run at a time on a packet: an exclusive flock on a file named after
 * DIR's real path (a SHA-256 of it: two runs through a symbolic link are
 * one) in $XDG_RUNTIME_DIR/parpack, else /tmp/parpack-UID (a folder of
 * this user's alone): nothing is left in the user's folders, and not
 * inside DIR, which a build swaps out. It does not wait for a run still going:
 * PP_E_LOCKED with an error naming that run's process (a run that has
 * ended, whose dying workers still hold the lock, is waited for up to
 * 10 s); PP_E_OUTPUT
 * when the lock file cannot be made. *fd is the lock (-1 on failure),
 * held until pp_stage_unlock, or until this process and every child
 * forked while it was held have ended. The lock file stays (in the
 * runtime folder). */
pp_status pp_stage_lock(const char *dir, int *fd, pp_diags *d);

/* Release a lock of pp_stage_lock; -1 is fine. */
void pp_stage_unlock(int fd);

/* Finish, or remove, what a killed run into dir left beside it (as
 * pp_stage_open does first): a packet it had begun to move into dir file
 * by file is moved in whole, then its staging folder removed. The caller
 * holds dir's lock (`send`, before it reads the manifest). look: change
 * nothing (`send --dry-run`). Returns how many packets were (or, with
 * look, are) half moved in. */
int pp_stage_recover(const char *dir, int look);

/* Check dir (see "Never destroy" above; force: foreign files are kept
 * beside the packet), lock it (pp_stage_lock: PP_E_LOCKED when another
 * run holds it), then create the staging folder beside dir (creating
 * dir's parents), after removing stale ones of dead runs. The lock is
 * held until pp_stage_free. *out is NULL on failure. PP_E_OUTPUT
 * (diagnostic in d) or PP_E_NOMEM. */
pp_status pp_stage_open(const char *dir, int force, pp_stage **out,
                        pp_diags *d);

/* The folder DIR, without trailing slashes. */
const char *pp_stage_dir(const pp_stage *s);

/* The staging folder where files are written before the swap. */
const char *pp_stage_root(const pp_stage *s);

/* The full path of rel inside the staging folder into buf. 0, or -1 with
 * errno ENAMETOOLONG when it does not fit in cap. */
int pp_stage_file(const pp_stage *s, const char *rel, char *buf, size_t cap);

/* mkdir -p rel inside the staging folder. PP_E_OUTPUT on failure. */
pp_status pp_stage_mkdir(const pp_stage *s, const char *rel, pp_diags *d);

/* 1 when text may go into the manifest (no control character). */
int pp_stage_name_ok(const char *text);

/* List the written file rel (inside the staging folder) as kind, for unit
 * (NULL for a packet-wide file): hashes it and appends a manifest line to
 * this process's part. PP_E_INPUT for a name the manifest cannot carry,
 * PP_E_OUTPUT when the file cannot be read or the line written. */
pp_status pp_stage_record(pp_stage *s, const char *kind, const char *unit,
                          const char *rel, pp_diags *d);

/* Close this process's part of the manifest (a worker, before it exits). */
pp_status pp_stage_flush(pp_stage *s, pp_diags *d);

/* Write manifest.tsv and SHA256SUMS, carry the previous DIR's sent.log
 * over (what was sent is a fact about the messages, not about one build:
 * `send` then skips every message byte-identical to one already sent),
 * flush the file system, swap the staging folder into DIR (the previous
 * packet's files are then removed). A SIGINT or SIGTERM caught
 * (interrupt.h) up to the swap gives PP_E_INTERRUPTED with DIR as it was.
 * PP_E_OUTPUT (diagnostic in d): nothing was moved, call pp_stage_abort;
 * or, moving file by file, part of the packet was (pp_stage_moved: the
 * staging folder and its journal stay, and the next run into DIR finishes
 * the move; the diagnostic says so). */
pp_status pp_stage_commit(pp_stage *s, pp_diags *d);

/* Was DIR changed by pp_stage_commit (the packet in place, or part of it)? */
int pp_stage_moved(const pp_stage *s);

/* Remove the staging folder and everything in it (not after a commit, nor
 * after a move left half done). */
void pp_stage_abort(pp_stage *s);

/* Free s; NULL is fine. Removes nothing. */
void pp_stage_free(pp_stage *s);

#endif
