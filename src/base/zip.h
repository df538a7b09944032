/*
 * zip.h - ZIP archives (the packaging of XLSX and DOCX files), read and
 * written through libzip. The only module that includes libzip.
 *
 * Reading is bounded: an archive of too many entries, an entry whose
 * declared or actual uncompressed size passes the caller's limit (a zip
 * bomb), or a damaged archive is refused with a message in the
 * diagnostics list (diag.h), never read whole.
 *
 *     pp_zip_reader *z;
 *     pp_zip_file *f;
 *     if (pp_zip_reader_open(path, &z, d) != PP_OK) ...
 *     if (pp_zip_file_open(z, "xl/workbook.xml", 64 << 20, &f, d) != PP_OK) ...
 *     while ((n = pp_zip_file_read(f, buf, sizeof buf)) > 0) ...
 *     pp_zip_file_close(f);
 *     pp_zip_reader_close(z);
 *
 * Writing keeps entries in the order they were added, each deflated, with
 * one modification time for all (SOURCE_DATE_EPOCH for reproducible
 * files), so the same calls make the same bytes.
 *
 * Ownership: readers, files and writers are freed by their _close.
 * pp_zip_writer_add copies nothing: with own=1 the writer takes the
 * malloc'd data and frees it; with own=0 the data must live until close.
 */
#ifndef PARPACK_ZIP_H
#define PARPACK_ZIP_H

#include <stddef.h>
#include <time.h>

#include "base/diag.h"
#include "base/status.h"

typedef struct pp_zip_reader pp_zip_reader;
typedef struct pp_zip_file pp_zip_file;
typedef struct pp_zip_writer pp_zip_writer;

/* Open an archive to read into *out: PP_OK; else *out is NULL and the
 * message is in d: PP_E_INPUT when it is not a ZIP archive, is damaged,
 * or holds more than 10,000 entries, PP_E_NOMEM. */
pp_status pp_zip_reader_open(const char *path, pp_zip_reader **out,
                             pp_diags *d);
void pp_zip_reader_close(pp_zip_reader *z);

/* Number of entries, and the name of entry i (owned by the reader). */
long pp_zip_reader_count(const pp_zip_reader *z);
const char *pp_zip_reader_name(const pp_zip_reader *z, long i);

/* 1 when the archive has an entry of that exact name. */
int pp_zip_reader_has(const pp_zip_reader *z, const char *name);

/* Open one entry to read at most `limit` uncompressed bytes into *out:
 * PP_OK; else PP_E_INPUT (no such entry, or its declared size is larger)
 * or PP_E_NOMEM, with the message in d. */
pp_status pp_zip_file_open(pp_zip_reader *z, const char *name,
                           long long limit, pp_zip_file **out, pp_diags *d);
/* Read up to n bytes: the count, 0 at the end, -1 on an error (damaged
 * data, or more bytes than the limit: pp_zip_file_error says which; a
 * stream's state, as ferror, for readers that pull bytes). */
long pp_zip_file_read(pp_zip_file *f, void *buf, size_t n);
const char *pp_zip_file_error(const pp_zip_file *f);
void pp_zip_file_close(pp_zip_file *f);

/* Read a whole entry into *out, a malloc'd, zero-terminated buffer of at
 * most `limit` bytes; *len gets its length. PP_OK; else *out is NULL,
 * PP_E_INPUT or PP_E_NOMEM with the message in d. */
pp_status pp_zip_read_all(pp_zip_reader *z, const char *name, long long limit,
                          char **out, size_t *len, pp_diags *d);

/* 1 when every XML part (*.xml, *.rels) of the archive at path is
 * well-formed, parsed to its end: none was cut short (nor cut and closed
 * again). 0 otherwise, or when the archive cannot be read. */
int pp_zip_xml_whole(const char *path);

/* Create (or replace) an archive at path; every entry gets mtime. */
pp_zip_writer *pp_zip_writer_open(const char *path, time_t mtime, int *err);
/* Add an entry; returns 0, or -1 (out of memory, a name twice). */
int pp_zip_writer_add(pp_zip_writer *w, const char *name, void *data,
                      size_t len, int own);
/* Write the archive and free the writer. Returns 0, or an errno value
 * (ENOSPC, EFBIG, EACCES, …; EIO when libzip gives none). On failure no
 * archive is left at path. */
int pp_zip_writer_close(pp_zip_writer *w);
/* Free the writer without writing anything. */
void pp_zip_writer_discard(pp_zip_writer *w);

#endif
