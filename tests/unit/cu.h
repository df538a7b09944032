/* cu.h - a little glue around CUnit shared by the suites: run every
 * registered suite, print the summary, exit nonzero on any failure. */
#ifndef PP_TEST_CU_H
#define PP_TEST_CU_H
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    const char *name;
    void (*fn)(void);
} cu_test;

/* Register one suite of tests; returns 0 on success. */
static inline int cu_suite(const char *name, const cu_test *tests)
{
    CU_pSuite s = CU_add_suite(name, NULL, NULL);
    if (!s)
        return -1;
    for (; tests->name; tests++)
        if (!CU_add_test(s, tests->name, tests->fn))
            return -1;
    return 0;
}

/* The whole of a file, NUL-terminated (its length in *len when len is not
 * NULL), or NULL. Free it. */
static inline char *cu_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
        fread(buf, 1, (size_t)n, f) == (size_t)n) {
        buf[n] = 0;
        if (len)
            *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    return buf;
}

/* The suite's scratch folder: cu_tmpdir("zip") makes /tmp/pp-zip-XXXXXX
 * (0, or -1), cu_dir() names it, cu_path("a.zip") is a file in it (a
 * static buffer, good until the next call). */
static inline char *cu_dir(void)
{
    static char dir[64];
    return dir;
}

static inline int cu_tmpdir(const char *suite)
{
    snprintf(cu_dir(), 64, "/tmp/pp-%s-XXXXXX", suite);
    return mkdtemp(cu_dir()) ? 0 : -1;
}

static inline char *cu_path(const char *name)
{
    static char buf[256];
    snprintf(buf, sizeof buf, "%s/%s", cu_dir(), name);
    return buf;
}

/* Write text into a new file path; 0, or -1. */
static inline int cu_spit(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f) == 0 ? 0 : -1;
}

/* Run everything registered and exit with the result. */
static inline int cu_run(void)
{
    unsigned failed;
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}

/* The suite `name` of tests, run: the exit status of a test program
 * (0 passed, 1 a test failed, 2 CUnit could not start). */
static inline int cu_main(const char *name, const cu_test *tests)
{
    if (CU_initialize_registry() != CUE_SUCCESS || cu_suite(name, tests))
        return 2;
    return cu_run();
}
#endif
