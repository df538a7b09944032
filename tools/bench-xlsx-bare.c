/*
 * bench-xlsx-bare.c - the reference for the unit workbooks: a bare
 * libxlsxwriter loop writing, for N units, a workbook of the same shape
 * as a unit score sheet (about 70 criterion rows of 6 cells with SUMIF
 * formulas on parent rows, and a 100-row ranking sheet of 8 cells), with
 * the same options (constant memory, tmpdir in /dev/shm, freed memory
 * kept), into the packet's layout (one folder per unit, units/SLUG/).
 * No XML, no templates: the floor the real path is compared to.
 *
 *   bench-xlsx-bare N PROCS OUTDIR
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

static void one(const char *dir, int u)
{
    char path[4096], buf[64];
    lxw_workbook_options o = {0};
    lxw_workbook *wb;
    lxw_worksheet *a, *b;
    lxw_format *f;
    int r, c;
    o.constant_memory = 1;
    o.tmpdir = "/dev/shm";
    snprintf(path, sizeof path, "%s/units/u%04d", dir, u);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/units/u%04d/bang-diem-u%04d-2025.xlsx", dir, u, u);
    wb = workbook_new_opt(path, &o);
    f = workbook_add_format(wb);
    format_set_num_format(f, "0.00");
    format_set_border(f, LXW_BORDER_THIN);
    a = workbook_add_worksheet(wb, "Bảng điểm");
    b = workbook_add_worksheet(wb, "Xếp hạng");
    worksheet_merge_range(a, 0, 0, 0, 5, "BẢNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH", f);
    for (r = 4; r < 74; r++) {
        snprintf(buf, sizeof buf, "%d.%d", r / 10, r % 10);
        worksheet_write_string(a, (lxw_row_t)r, 0, buf, f);
        worksheet_write_string(a, (lxw_row_t)r, 1, "Tiêu chí thành phần của lĩnh vực", f);
        worksheet_write_number(a, (lxw_row_t)r, 2, 2.5, f);
        if (r % 5 == 0) {
            worksheet_write_formula_num(a, (lxw_row_t)r, 3, "SUMIF(G6:G9,\"x\",D6:D9)", f, 7.5);
            worksheet_write_formula_num(a, (lxw_row_t)r, 4, "SUMIF(G6:G9,\"x\",E6:E9)", f, 7.25);
        } else {
            worksheet_write_number(a, (lxw_row_t)r, 3, 2.25, f);
            worksheet_write_number(a, (lxw_row_t)r, 4, 2.0, f);
        }
        worksheet_write_string(a, (lxw_row_t)r, 5, r % 3 ? "" : "Chậm ban hành", f);
        worksheet_write_string(a, (lxw_row_t)r, 6, "x", f);
    }
    for (r = 3; r < 103; r++)
        for (c = 0; c < 8; c++) {
            if (c == 1 || c == 5 || c == 6)
                worksheet_write_string(b, (lxw_row_t)r, (lxw_col_t)c, "Thống Nhất", f);
            else
                worksheet_write_number(b, (lxw_row_t)r, (lxw_col_t)c, 87.49, f);
        }
    workbook_close(wb);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 3400, procs = argc > 2 ? atoi(argv[2]) : 2;
    const char *dir = argc > 3 ? argv[3] : "bare-out";
    int k, u;
    char units[4096];
    mkdir(dir, 0777);
    snprintf(units, sizeof units, "%s/units", dir);
    mkdir(units, 0777);
    mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
    for (k = 0; k < procs; k++)
        if (fork() == 0) {
            for (u = k; u < n; u += procs)
                one(dir, u);
            _exit(0);
        }
    for (k = 0; k < procs; k++)
        wait(NULL);
    return 0;
}
