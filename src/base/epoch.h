/*
 * epoch.h - the time a packet says it was made: SOURCE_DATE_EPOCH (a
 * non-negative whole number of seconds) when it is set, else the input's
 * date (pp_epoch_default), else now; so that two builds of the same input
 * give the same bytes (reproducible-builds.org). The messages' Date, the
 * forms', the workbooks' and the DOCX parts' times and the PDFs' dates
 * read it here, and nowhere else.
 *
 * A value that is not a non-negative whole number ("abc", "-5", "12x",
 * "") is as if the variable were not set (docs/design.md, "One rule in
 * one place").
 */
#ifndef PARPACK_EPOCH_H
#define PARPACK_EPOCH_H

/* 1 and *out = SOURCE_DATE_EPOCH when it is set to a valid value, else
 * the input's time given to pp_epoch_default; 0 when neither is known
 * (*out untouched). */
int pp_source_date_epoch_get(long long *out);

/* SOURCE_DATE_EPOCH when valid, else the time given to pp_epoch_default,
 * else now. */
long long pp_source_date_epoch(void);

/* The time of a packet without SOURCE_DATE_EPOCH: derived from the input
 * (build and forms give the announcement's day, 00:00 +07:00, else 1
 * January after the assessed year), so that a rebuild of the same input
 * gives the same messages, and so the same Message-IDs (the record of
 * what was sent, mail.h, then knows them). -1 forgets it. */
void pp_epoch_default(long long t);

#endif
