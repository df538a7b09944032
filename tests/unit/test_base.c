/* test_base.c - the rules kept in one place: the time a packet says it
 * was made (SOURCE_DATE_EPOCH), spreadsheet column letters, the numbers
 * of bound rows written through viet.c's formatter, mkdir -p, and the
 * events a program that runs parpack reads. */
#include "cu.h"
#include "base/events.h"
#include "data/bound.h"
#include "base/diag.h"
#include "base/dirs.h"
#include "base/epoch.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void test_epoch(void)
{
    long long v = -1;
    time_t before = time(NULL);
    setenv("SOURCE_DATE_EPOCH", "1679011200", 1);
    CU_ASSERT_EQUAL(pp_source_date_epoch_get(&v), 1);
    CU_ASSERT_EQUAL(v, 1679011200LL);
    CU_ASSERT_EQUAL(pp_source_date_epoch(), 1679011200LL);
    setenv("SOURCE_DATE_EPOCH", "0", 1);
    CU_ASSERT_EQUAL(pp_source_date_epoch_get(&v), 1);
    CU_ASSERT_EQUAL(v, 0);
    /* refused values are as if unset: now */
    static const char *bad[] = {"abc", "-5", "12x", ""};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        v = 42;
        setenv("SOURCE_DATE_EPOCH", bad[i], 1);
        CU_ASSERT_EQUAL(pp_source_date_epoch_get(&v), 0);
        CU_ASSERT_EQUAL(v, 42);
        CU_ASSERT(pp_source_date_epoch() >= (long long)before);
    }
    unsetenv("SOURCE_DATE_EPOCH");
    CU_ASSERT_EQUAL(pp_source_date_epoch_get(&v), 0);
    CU_ASSERT(pp_source_date_epoch() >= (long long)before);
}

static void test_col_letters(void)
{
    char b[8];
    CU_ASSERT_STRING_EQUAL(pp_col_letters(b, 0), "A");
    CU_ASSERT_STRING_EQUAL(pp_col_letters(b, 25), "Z");
    CU_ASSERT_STRING_EQUAL(pp_col_letters(b, 26), "AA");
    CU_ASSERT_STRING_EQUAL(pp_col_letters(b, 27), "AB");
    CU_ASSERT_STRING_EQUAL(pp_col_letters(b, 701), "ZZ");
    CU_ASSERT_STRING_EQUAL(pp_col_letters(b, 702), "AAA");
    CU_ASSERT_STRING_EQUAL(pp_col_letters(b, 16383), "XFD");
}

static void test_numtext(void)
{
    char b[32];
    CU_ASSERT_EQUAL(pp_bound_numtext(b, sizeof b, 12000, 0), 2);
    CU_ASSERT_STRING_EQUAL(b, "12");
    pp_bound_numtext(b, sizeof b, 87490, 0);
    CU_ASSERT_STRING_EQUAL(b, "87.49");
    pp_bound_numtext(b, sizeof b, 87490, 1);
    CU_ASSERT_STRING_EQUAL(b, "87,49");
    pp_bound_numtext(b, sizeof b, 125, 1);
    CU_ASSERT_STRING_EQUAL(b, "0,125");
    pp_bound_numtext(b, sizeof b, -250, 0);
    CU_ASSERT_STRING_EQUAL(b, "-0.25");
    pp_bound_numtext(b, sizeof b, 750 + 1500, 0);
    CU_ASSERT_STRING_EQUAL(b, "2.25");
    /* no thousands grouping: formulas and conditions read these */
    pp_bound_numtext(b, sizeof b, 1234500, 1);
    CU_ASSERT_STRING_EQUAL(b, "1234,5");
    CU_ASSERT_EQUAL(pp_bound_numtext(b, 4, 1234500, 0), 3);
    CU_ASSERT_STRING_EQUAL(b, "123");
}

static void test_mkdirs(void)
{
    char root[] = "/tmp/pp-mkdirs-XXXXXX", path[256], file[256];
    struct stat st;
    FILE *f;
    CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(root));
    /* every missing folder, with the mode asked (0700: no umask takes
     * from it) */
    snprintf(path, sizeof path, "%s/a/b/c", root);
    CU_ASSERT_EQUAL(pp_mkdirs(path, 0700), 0);
    CU_ASSERT_EQUAL(stat(path, &st), 0);
    CU_ASSERT(S_ISDIR(st.st_mode));
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0700);
    snprintf(path, sizeof path, "%s/a", root);
    CU_ASSERT_EQUAL(stat(path, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0700);
    /* one that exists is no error, and is left as it is */
    CU_ASSERT_EQUAL(pp_mkdirs(path, 0755), 0);
    CU_ASSERT_EQUAL(stat(path, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0700);
    /* a file in the way of a folder above: ENOTDIR */
    snprintf(file, sizeof file, "%s/file", root);
    f = fopen(file, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fclose(f);
    snprintf(path, sizeof path, "%s/file/x/y", root);
    errno = 0;
    CU_ASSERT_EQUAL(pp_mkdirs(path, 0700), -1);
    CU_ASSERT_EQUAL(errno, ENOTDIR);
    remove(file);
    snprintf(path, sizeof path, "%s/a/b/c", root);
    rmdir(path);
    snprintf(path, sizeof path, "%s/a/b", root);
    rmdir(path);
    snprintf(path, sizeof path, "%s/a", root);
    rmdir(path);
    CU_ASSERT_EQUAL(rmdir(root), 0);
}

/* Events (events.h): a line per event on PARPACK_EVENTS_FD, its fields
 * split by tabs and never by a tab or line break of their own, a long
 * field cut before a character, never inside one. */
static void test_events(void)
{
    int p[2];
    char fdname[16], buf[3 * PP_EVENT_MAX], *long_text;
    ssize_t got;
    size_t i, n;
    CU_ASSERT_EQUAL_FATAL(pipe(p), 0);
    snprintf(fdname, sizeof fdname, "%d", p[1]);
    setenv("PARPACK_EVENTS_FD", fdname, 1);
    pp_event("progress", "3", "43");
    pp_event("refused", "thong-nhat", "chưa gửi\tđược\ntới x");
    pp_event("sent", "toan-thang", NULL);
    /* 3,000 "ạ" (3 bytes each): cut at a character's edge */
    n = 3000;
    long_text = malloc(n * 3 + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(long_text);
    for (i = 0; i < n; i++)
        memcpy(long_text + 3 * i, "\xe1\xba\xa1", 3);
    long_text[3 * n] = 0;
    pp_event("error", long_text, NULL);
    free(long_text);
    close(p[1]);
    got = read(p[0], buf, sizeof buf - 1);
    close(p[0]);
    CU_ASSERT_FATAL(got > 0);
    buf[got] = 0;
    {
        const char *want = "progress\t3\t43\n"
                           "refused\tthong-nhat\tchưa gửi được tới x\n"
                           "sent\ttoan-thang\n";
        const char *last = buf + strlen(want);
        size_t ll = strlen(last);
        CU_ASSERT_EQUAL(strncmp(buf, want, strlen(want)), 0);
        CU_ASSERT_EQUAL(strncmp(last, "error\t\xe1\xba\xa1", 9), 0);
        CU_ASSERT(ll <= PP_EVENT_MAX);
        CU_ASSERT(ll > PP_EVENT_MAX - 4);
        CU_ASSERT_EQUAL(last[ll - 1], '\n');
        /* "error\t" then whole characters only */
        CU_ASSERT_EQUAL((ll - 1 - 6) % 3, 0);
    }
    /* a regular file is never taken for it (a packet file of its own
     * that happens to have the number) */
    {
        FILE *f = tmpfile();
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        snprintf(fdname, sizeof fdname, "%d", fileno(f));
        setenv("PARPACK_EVENTS_FD", fdname, 1);
        pp_events_init();
        pp_event("error", "x", NULL);
        CU_ASSERT_EQUAL(ftell(f), 0);
        CU_ASSERT_EQUAL(lseek(fileno(f), 0, SEEK_END), 0);
        fclose(f);
    }
    unsetenv("PARPACK_EVENTS_FD");
    pp_events_init();
}

int main(void)
{
    static const cu_test tests[] = {
        {"events for the program that runs parpack", test_events},
        {"SOURCE_DATE_EPOCH: valid values, refused values", test_epoch},
        {"spreadsheet column letters", test_col_letters},
        {"bound rows' numbers through viet.c", test_numtext},
        {"mkdir -p: every missing folder, with its mode", test_mkdirs},
        {NULL, NULL}};
    return cu_main("base", tests);
}
