/*
 * epoch.h - the time a packet says it was made: SOURCE_DATE_EPOCH (a
 * non-negative whole number of seconds) when it is set, else now; so
 * that two builds of the same input give the same bytes
 * (reproducible-builds.org). The messages' Date, the forms' and the
 * DOCX parts' times read it here.
 */
#ifndef PARPACK_EPOCH_H
#define PARPACK_EPOCH_H

long long pp_source_date_epoch(void);

#endif
