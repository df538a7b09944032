/* legal.c - the legal tables of commendations (see legal.h). */
#include "core/legal.h"

static const pp_legal_form S_forms[] = {
    /* Law on Emulation and Commendation 06/2022/QH15; decree 98/2023 */
    {"bang-khen-tinh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", 1000,
     2000},
    {"giay-khen", "Giấy khen", 300, 600},
    {"giay-khen-xa", "Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã", 150,
     300},
    {"co-thi-dua-tinh", "Cờ thi đua của Ủy ban nhân dân tỉnh", -1, 8000},
};

/* Base salary (mức lương cơ sở) in force from a date, newest last. */
static const struct {
    int from; /* yyyymmdd */
    long dong;
} S_base_salary[] = {
    {20170701, 1300000}, /* decree 47/2017/NĐ-CP */
    {20180701, 1390000}, /* decree 72/2018/NĐ-CP */
    {20190701, 1490000}, /* decree 38/2019/NĐ-CP */
    {20230701, 1800000}, /* decree 24/2023/NĐ-CP */
    {20240701, 2340000}, /* decree 73/2024/NĐ-CP */
    {20260701, 2530000}, /* reported as decree 161/2026, not confirmed */
};

/* The built-in forms; see legal.h. */
const pp_legal_form *pp_legal_forms(size_t *n)
{
    *n = sizeof S_forms / sizeof *S_forms;
    return S_forms;
}

/* The row of the base salary in force on a date, or -1 before the
 * table starts. */
static int S_base_salary_row(int year, int month, int day)
{
    int date = year * 10000 + month * 100 + day, row = -1;
    size_t i;
    for (i = 0; i < sizeof S_base_salary / sizeof *S_base_salary; i++)
        if (S_base_salary[i].from <= date)
            row = (int)i;
    return row;
}

/* The base salary on a date; see legal.h. */
long pp_legal_base_salary(int year, int month, int day)
{
    int row = S_base_salary_row(year, month, day);
    return row < 0 ? 0 : S_base_salary[row].dong;
}

/* Since when that base salary is in force; see legal.h. */
int pp_legal_base_salary_since(int year, int month, int day)
{
    int row = S_base_salary_row(year, month, day);
    return row < 0 ? 0 : S_base_salary[row].from;
}
