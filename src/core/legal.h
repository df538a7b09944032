/*
 * legal.h - the legal tables of commendations (docs/domain.md): the built-in
 * award forms with their multipliers, and the base salary (mức lương cơ
 * sở) in force on a date. A file's <form> elements and <awards
 * base-salary> override them (docs/input-format.md). The strings are static.
 */
#ifndef PARPACK_LEGAL_H
#define PARPACK_LEGAL_H

#include <stddef.h>

#include "core/model.h"

typedef struct {
    const char *id, *label;
    pp_milli individual, collective; /* thousandths; -1 = not given */
} pp_legal_form;

/* The built-in award forms; *n is set to how many. */
const pp_legal_form *pp_legal_forms(size_t *n);

/* The legal base salary in đồng on a date, or 0 before the table starts. */
long pp_legal_base_salary(int year, int month, int day);

/* The date (yyyymmdd) from which that base salary is in force, or 0
 * before the table starts: 2023-03-17 -> 20190701. The templates read
 * it as pp:base-salary-since(date) to cite the decree that fixed it
 * (templates/legal.xsl), so the table is kept here alone. */
int pp_legal_base_salary_since(int year, int month, int day);

#endif
