/*
 * records.h - the data sources of bound rows (<rows> in a workbook or
 * document description, see source.h and docs/workbook.md): the scored
 * units and a unit's criteria, as records of named fields. The templates decide what
 * goes where; this module only answers "field F of record N".
 *
 * Sources (the `source` and `key` of <rows>):
 *   units            every unit: block by block, in rank order
 *   block  key=ID    the units of block ID ("" for a file without blocks)
 *   criteria key=ID  every criterion of the scheme, in order, with the
 *                    scores and subtotals of unit ID
 *   scheme           one record: the scheme (max:C, each criterion's
 *                    maximum)
 * Their fields are listed in docs/workbook.md.
 *
 * Ownership: pp_records_new keeps pointers to m, r and slugs, which must
 * outlive it; pp_records_free frees what it allocated.
 */
#ifndef PARPACK_RECORDS_H
#define PARPACK_RECORDS_H

#include "core/score.h"
#include "data/source.h"

typedef struct pp_records pp_records;

/* NULL when out of memory. `slugs` may be NULL; `r` may be NULL for a
 * blank appraisal (unit forms): then only the `criteria` and `scheme`
 * sources open. */
pp_records *pp_records_new(const pp_model *m, const pp_results *r,
                           char **slugs);

/* The source interface for the renderers (source.h); valid while rec
 * lives. */
const pp_data_source *pp_records_source(pp_records *rec);

void pp_records_free(pp_records *rec);

#endif
