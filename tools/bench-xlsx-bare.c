/*
 * bench-xlsx-bare.c - the reference for the unit workbooks: a bare
 * libxlsxwriter loop writing, for N units, a workbook of the same shape
 * as a unit score sheet (about 70 criterion rows of 6 cells with SUMIF
 * formulas on parent rows, and a 100-row ranking sheet of 8 cells) and
 * values that vary like real ones, with
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

/* Deterministic pseudo-random numbers: the values vary as real scores
 * do, so zlib works as hard as on the real sheets (constant cells
 * compress to almost nothing and would flatter the floor). */
static unsigned long S_seed = 12345;
static unsigned S_rand(unsigned n)
{
    S_seed = S_seed * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((S_seed >> 33) % n);
}

static const char *const S_names[] = {
    "Thịnh Sơn", "Đại Thuận", "Kim Kim", "Thống Nhất", "Yết Kiêu",
    "Hồng Hưng", "Đoàn Thượng", "Gia Khánh", "Lê Lợi", "Quang Minh",
    "Phạm Trấn", "Đồng Quang", "Hoàng Diệu", "Toàn Thắng", "Nhật Tân"};
static const char *const S_notes[] = {
    "Tỷ lệ trực tuyến thấp", "Chưa có minh chứng", "Chậm ban hành kế hoạch",
    "Báo cáo không đúng hạn"};

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
        double mx = 1 + 0.5 * S_rand(4), self = mx - 0.25 * S_rand(3),
               fin = self - 0.25 * S_rand(2);
        snprintf(buf, sizeof buf, "%d.%d", r / 10, r % 10);
        worksheet_write_string(a, (lxw_row_t)r, 0, buf, f);
        snprintf(buf, sizeof buf, "Tiêu chí %d.%d", r / 10, r % 10);
        worksheet_write_string(a, (lxw_row_t)r, 1, buf, f);
        worksheet_write_number(a, (lxw_row_t)r, 2, mx, f);
        if (r % 10 == 0) {
            snprintf(buf, sizeof buf, "SUMIF(G%d:G%d,\"x\",D%d:D%d)", r + 2, r + 10, r + 2, r + 10);
            worksheet_write_formula_num(a, (lxw_row_t)r, 3, buf, f, 7.5 + 0.01 * S_rand(300));
            snprintf(buf, sizeof buf, "SUMIF(G%d:G%d,\"x\",E%d:E%d)", r + 2, r + 10, r + 2, r + 10);
            worksheet_write_formula_num(a, (lxw_row_t)r, 4, buf, f, 7.25 + 0.01 * S_rand(300));
        } else {
            worksheet_write_number(a, (lxw_row_t)r, 3, self, f);
            worksheet_write_number(a, (lxw_row_t)r, 4, fin, f);
        }
        if (S_rand(5) == 0)
            worksheet_write_string(a, (lxw_row_t)r, 5, S_notes[S_rand(4)], f);
        worksheet_write_string(a, (lxw_row_t)r, 6, "x", f);
    }
    for (r = 3; r < 103; r++) {
        double idx = 60 + 0.01 * S_rand(4000);
        worksheet_write_number(b, (lxw_row_t)r, 0, r - 2, f);
        snprintf(buf, sizeof buf, "%s", S_names[S_rand(15)]);
        worksheet_write_string(b, (lxw_row_t)r, 1, buf, f);
        worksheet_write_number(b, (lxw_row_t)r, 2, idx * 0.98, f);
        worksheet_write_number(b, (lxw_row_t)r, 3, 98, f);
        worksheet_write_number(b, (lxw_row_t)r, 4, idx, f);
        worksheet_write_string(b, (lxw_row_t)r, 5, idx >= 80 ? "Từ 80% đến dưới 90%" : "Từ 70% đến dưới 80%", f);
        worksheet_write_string(b, (lxw_row_t)r, 6, idx >= 80 ? "Hoàn thành tốt nhiệm vụ" : "Hoàn thành nhiệm vụ", f);
        worksheet_write_number(b, (lxw_row_t)r, 7, (int)S_rand(21) - 10, f);
    }
    (void)c;
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
