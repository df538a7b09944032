/*
 * epoch.h - the time a packet says it was made: SOURCE_DATE_EPOCH (a
 * non-negative whole number of seconds) when it is set, else now; so
 * that two builds of the same input give the same bytes
 * (reproducible-builds.org). The messages' Date, the forms', the
 * workbooks' and the DOCX parts' times and the PDFs' dates read it here,
 * and nowhere else.
 *
 * A value that is not a non-negative whole number ("abc", "-5", "12x",
 * "") is as if the variable were not set: the time is now, and a PDF
 * carries no date (docs/design.md, "One rule in one place").
 */
#ifndef PARPACK_EPOCH_H
#define PARPACK_EPOCH_H

/* 1 and *out = SOURCE_DATE_EPOCH when it is set to a valid value, else 0
 * (*out untouched). */
int pp_source_date_epoch_get(long long *out);

/* SOURCE_DATE_EPOCH when valid, else the time now. */
long long pp_source_date_epoch(void);

#endif
