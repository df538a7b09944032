/*
 * output.h - the writers of `check` and `score`: one output format a file
 * (summary.c, csv.c, json.c), as a renderer of cmark is one file.
 *
 * Each writes the whole of its output to `out` and then flushes it: a
 * failed write (a full disk, a closed pipe) is PP_E_OUTPUT with errno set,
 * never a silent short output. The caller keeps ownership of everything.
 */
#ifndef PARPACK_OUTPUT_H
#define PARPACK_OUTPUT_H

#include "core/score.h"
#include "base/status.h"

#include <stdio.h>

/* `check`: a short human summary (units, blocks, tiers, ratings), in the
 * language of the locale. */
pp_status pp_output_summary(const pp_model *m, const pp_results *r,
                            FILE *out);

/* `score --format csv`: RFC 4180, UTF-8, dot decimals, one header line
 * (docs/cli.md), rows in block order then rank order. */
pp_status pp_output_csv(const pp_model *m, const pp_results *r, FILE *out);

/* `score --format json`: the same figures with the fields and every
 * block's statistics, one line. */
pp_status pp_output_json(const pp_model *m, const pp_results *r, FILE *out);

/* The ids of the flags unit result ur raised, in the scheme's order,
 * each written by field (which quotes it as its format does), sep
 * between them. */
void pp_output_flags(FILE *out, const pp_model *m, const pp_unit_result *ur,
                     int sep, void (*field)(FILE *out, const char *id));

/* Flush out and say whether every byte reached it: PP_E_OUTPUT with
 * errno set (EIO when the stream kept no reason), else PP_OK. The end
 * of each writer above. */
pp_status pp_output_flushed(FILE *out);

#endif
