/* test_stage.c - the staging folder: what is recorded is listed and
 * checksummed, a commit swaps it into DIR whole, an abort leaves nothing,
 * and a name holding a control character never reaches the manifest. */
#include "cu.h"
#include "base/sha256.h"
#include "packet/stage.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char S_tmp[] = "/tmp/pp-stage-XXXXXX";

/* The whole of a small file, NUL-terminated (static buffer). */
static const char *S_slurp(const char *path)
{
    static char buf[4096];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    buf[n] = 0;
    if (f)
        fclose(f);
    return buf;
}

/* Write text into rel inside the stage. */
static void S_put(pp_stage *s, const char *rel, const char *text)
{
    char path[4096];
    FILE *f;
    CU_ASSERT_EQUAL(pp_stage_file(s, rel, path, sizeof path), 0);
    f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
}

/* Entries of folder whose name holds "parpack-" (staging folders). */
static int S_stages(const char *folder)
{
    DIR *dp = opendir(folder);
    struct dirent *e;
    int n = 0;
    while (dp && (e = readdir(dp)) != NULL)
        n += strstr(e->d_name, "parpack-") != NULL;
    if (dp)
        closedir(dp);
    return n;
}

/* "abc" hashes to the FIPS 180-2 example. */
static void test_sha256_abc(void)
{
    char path[256], hex[PP_SHA256_HEX];
    long long bytes = -1;
    FILE *f;
    snprintf(path, sizeof path, "%s/abc", S_tmp);
    f = fopen(path, "w");
    fputs("abc", f);
    fclose(f);
    CU_ASSERT_EQUAL(pp_sha256_file(path, hex, &bytes), PP_OK);
    CU_ASSERT_STRING_EQUAL(hex, "ba7816bf8f01cfea414140de5dae2223"
                                "b00361a396177a9cb410ff61f20015ad");
    CU_ASSERT_EQUAL(bytes, 3);
    unlink(path);
    CU_ASSERT_EQUAL(pp_sha256_file(path, hex, NULL), PP_E_OUTPUT);
    CU_ASSERT_EQUAL(pp_sha256_mem("abc", 3, hex), PP_OK);
    CU_ASSERT_STRING_EQUAL(hex, "ba7816bf8f01cfea414140de5dae2223"
                                "b00361a396177a9cb410ff61f20015ad");
}

/* An empty file, and one longer than a read (the same as its bytes in
 * memory). */
static void test_sha256_empty_and_long(void)
{
    static unsigned char big[200000];
    char path[256], hex[PP_SHA256_HEX], mem[PP_SHA256_HEX];
    long long bytes = -1;
    size_t i;
    FILE *f;
    snprintf(path, sizeof path, "%s/empty", S_tmp);
    f = fopen(path, "w");
    fclose(f);
    CU_ASSERT_EQUAL(pp_sha256_file(path, hex, &bytes), PP_OK);
    CU_ASSERT_STRING_EQUAL(hex, "e3b0c44298fc1c149afbf4c8996fb924"
                                "27ae41e4649b934ca495991b7852b855");
    CU_ASSERT_EQUAL(bytes, 0);
    for (i = 0; i < sizeof big; i++)
        big[i] = (unsigned char)(i * 7 + i / 251);
    f = fopen(path, "wb");
    fwrite(big, 1, sizeof big, f);
    fclose(f);
    CU_ASSERT_EQUAL(pp_sha256_file(path, hex, &bytes), PP_OK);
    CU_ASSERT_EQUAL(bytes, (long long)sizeof big);
    /* python3: hashlib.sha256(the same bytes).hexdigest() */
    CU_ASSERT_STRING_EQUAL(hex, "e870fec3223bac8f6147b08b31e6e6e4"
                                "bb9abd783820bcd212b7737af6a02174");
    CU_ASSERT_EQUAL(pp_sha256_mem(big, sizeof big, mem), PP_OK);
    CU_ASSERT_STRING_EQUAL(hex, mem);
    unlink(path);
}

/* Two files, recorded out of order, are listed sorted by path. */
static void test_commit_lists_and_swaps(void)
{
    char dir[256], path[512];
    pp_diags d = {0};
    pp_stage *s;
    snprintf(dir, sizeof dir, "%s/out/2022", S_tmp);
    CU_ASSERT_EQUAL_FATAL(pp_stage_open(dir, 0, &s, &d), PP_OK);
    CU_ASSERT_EQUAL(pp_stage_mkdir(s, "units/an-lac", &d), PP_OK);
    S_put(s, "units/an-lac/f.txt", "abc");
    S_put(s, "a.txt", "");
    CU_ASSERT_EQUAL(pp_stage_record(s, "unit-form", "an-lac",
                                    "units/an-lac/f.txt", &d), PP_OK);
    CU_ASSERT_EQUAL(pp_stage_record(s, "report", NULL, "a.txt", &d), PP_OK);
    CU_ASSERT_EQUAL(pp_stage_commit(s, &d), PP_OK);
    pp_stage_abort(s); /* after a commit: nothing */
    pp_stage_free(s);
    snprintf(path, sizeof path, "%s/manifest.tsv", dir);
    CU_ASSERT_STRING_EQUAL(
        S_slurp(path),
        "report\t\ta.txt\t0\te3b0c44298fc1c149afbf4c8996fb924"
        "27ae41e4649b934ca495991b7852b855\n"
        "unit-form\tan-lac\tunits/an-lac/f.txt\t3\tba7816bf8f01cfea414140de"
        "5dae2223b00361a396177a9cb410ff61f20015ad\n");
    snprintf(path, sizeof path, "%s/SHA256SUMS", dir);
    CU_ASSERT_STRING_EQUAL(
        S_slurp(path),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        "  a.txt\n"
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        "  units/an-lac/f.txt\n");
    snprintf(path, sizeof path, "%s/out", S_tmp);
    CU_ASSERT_EQUAL(S_stages(path), 0);
    CU_ASSERT_EQUAL(d.errors, 0);
    pp_diags_free(&d);
}

/* A tab, a newline or DEL in a unit id or path is refused, not listed. */
static void test_control_characters_refused(void)
{
    static const char *bad[] = {"an\tlac", "an\nlac", "an\rlac", "an\x7flac"};
    char dir[256], path[512];
    pp_diags d = {0};
    pp_stage *s;
    size_t i;
    snprintf(dir, sizeof dir, "%s/ctl/2022", S_tmp);
    CU_ASSERT_EQUAL_FATAL(pp_stage_open(dir, 0, &s, &d), PP_OK);
    S_put(s, "f.txt", "x");
    for (i = 0; i < sizeof bad / sizeof *bad; i++) {
        CU_ASSERT_FALSE(pp_stage_name_ok(bad[i]));
        CU_ASSERT_EQUAL(pp_stage_record(s, "unit-mail", bad[i], "f.txt", &d),
                        PP_E_INPUT);
    }
    CU_ASSERT_EQUAL(pp_stage_record(s, "unit-mail", "x", "a\tb.txt", &d),
                    PP_E_INPUT);
    CU_ASSERT_EQUAL(pp_stage_record(s, "unit-mail", "x", "a\\b.txt", &d),
                    PP_E_INPUT);
    CU_ASSERT_TRUE(pp_stage_name_ok("Bình Minh"));
    CU_ASSERT_EQUAL(d.errors, 6);
    pp_stage_abort(s);
    pp_stage_free(s);
    snprintf(path, sizeof path, "%s/ctl", S_tmp);
    CU_ASSERT_EQUAL(S_stages(path), 0);
    CU_ASSERT_EQUAL(access(dir, F_OK), -1); /* DIR never created */
    pp_diags_free(&d);
}

/* One run at a time: a second lock, or a second stage, on the same DIR
 * is refused while the first is held, and given once it is released. */
static void test_lock(void)
{
    char dir[256];
    pp_diags d = {0};
    pp_stage *s, *s2 = NULL;
    int fd, fd2;
    snprintf(dir, sizeof dir, "%s/lock/2022/", S_tmp);
    CU_ASSERT_EQUAL_FATAL(pp_stage_open(dir, 0, &s, &d), PP_OK);
    CU_ASSERT_EQUAL(pp_stage_lock(dir, &fd, &d), PP_E_LOCKED);
    CU_ASSERT_EQUAL(fd, -1);
    CU_ASSERT_EQUAL(pp_stage_open(dir, 0, &s2, &d), PP_E_LOCKED);
    CU_ASSERT_PTR_NULL(s2);
    CU_ASSERT_EQUAL(d.errors, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.items[0].message, "another parpack run"));
    pp_stage_abort(s);
    pp_stage_free(s);
    CU_ASSERT_EQUAL(pp_stage_lock(dir, &fd, &d), PP_OK);
    CU_ASSERT_EQUAL(pp_stage_lock(dir, &fd2, &d), PP_E_LOCKED);
    pp_stage_unlock(fd);
    CU_ASSERT_EQUAL(pp_stage_lock(dir, &fd2, &d), PP_OK);
    pp_stage_unlock(fd2);
    pp_diags_free(&d);
}

/* A rebuild keeps DIR's sent.log: the same file, in the new DIR. */
static void test_commit_keeps_sent_log(void)
{
    char dir[256], path[512];
    pp_diags d = {0};
    pp_stage *s;
    FILE *f;
    snprintf(dir, sizeof dir, "%s/keep/2022", S_tmp);
    CU_ASSERT_EQUAL_FATAL(pp_stage_open(dir, 0, &s, &d), PP_OK);
    CU_ASSERT_EQUAL(pp_stage_commit(s, &d), PP_OK);
    pp_stage_free(s);
    snprintf(path, sizeof path, "%s/sent.log", dir);
    f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("abc\tan-lac\n", f);
    fclose(f);
    CU_ASSERT_EQUAL_FATAL(pp_stage_open(dir, 0, &s, &d), PP_OK);
    S_put(s, "a.txt", "new");
    CU_ASSERT_EQUAL(pp_stage_record(s, "report", NULL, "a.txt", &d), PP_OK);
    CU_ASSERT_EQUAL(pp_stage_commit(s, &d), PP_OK);
    pp_stage_free(s);
    CU_ASSERT_STRING_EQUAL(S_slurp(path), "abc\tan-lac\n");
    snprintf(path, sizeof path, "%s/a.txt", dir);
    CU_ASSERT_STRING_EQUAL(S_slurp(path), "new");
    CU_ASSERT_EQUAL(d.errors, 0);
    pp_diags_free(&d);
}

/* A folder holding a file parpack did not write: refused, naming it;
 * with force the packet goes beside it and it stays. No lock file is
 * left beside DIR. */
static void test_foreign_files(void)
{
    char dir[300], path[512], parent[256];
    pp_diags d = {0};
    pp_stage *s = NULL;
    FILE *f;
    snprintf(parent, sizeof parent, "%s/clerk", S_tmp);
    snprintf(dir, sizeof dir, "%s/Documents", parent);
    CU_ASSERT_EQUAL_FATAL(mkdir(parent, 0777), 0);
    CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0777), 0);
    snprintf(path, sizeof path, "%s/scan.pdf", dir);
    f = fopen(path, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("signed", f);
    fclose(f);
    CU_ASSERT_EQUAL(pp_stage_open(dir, 0, &s, &d), PP_E_OUTPUT);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_EQUAL_FATAL(d.errors, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.items[0].message, "scan.pdf"));
    CU_ASSERT_PTR_NOT_NULL(strstr(d.items[0].message, "--force"));
    CU_ASSERT_EQUAL_FATAL(pp_stage_open(dir, 1, &s, &d), PP_OK);
    S_put(s, "a.txt", "new");
    CU_ASSERT_EQUAL(pp_stage_record(s, "report", NULL, "a.txt", &d), PP_OK);
    CU_ASSERT_EQUAL(pp_stage_commit(s, &d), PP_OK);
    pp_stage_free(s);
    CU_ASSERT_STRING_EQUAL(S_slurp(path), "signed");
    snprintf(path, sizeof path, "%s/a.txt", dir);
    CU_ASSERT_STRING_EQUAL(S_slurp(path), "new");
    /* nothing beside DIR: no staging folder, no lock file */
    {
        DIR *dp = opendir(parent);
        struct dirent *e;
        int n = 0;
        while (dp && (e = readdir(dp)) != NULL)
            n += e->d_name[0] != '.' || strstr(e->d_name, "parpack") != NULL;
        if (dp)
            closedir(dp);
        CU_ASSERT_EQUAL(n, 1);
    }
    CU_ASSERT_EQUAL(d.errors, 1);
    pp_diags_free(&d);
}

int main(void)
{
    static const cu_test tests[] = {
        {"SHA-256 of \"abc\"", test_sha256_abc},
        {"SHA-256 of an empty file and of a long one",
         test_sha256_empty_and_long},
        {"commit: sorted manifest, SHA256SUMS, swapped", test_commit_lists_and_swaps},
        {"control characters never reach the manifest",
         test_control_characters_refused},
        {"a second run on the same DIR is refused", test_lock},
        {"a rebuild keeps sent.log", test_commit_keeps_sent_log},
        {"a folder holding other files: refused, or beside them",
         test_foreign_files},
        {NULL, NULL}};
    int rc;
    if (!mkdtemp(S_tmp))
        return 2;
    rc = cu_main("stage", tests);
    {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf %s", S_tmp);
        if (system(cmd) != 0)
            rc = rc ? rc : 1;
    }
    return rc;
}
