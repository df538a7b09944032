/* test_results.c - the results file: pp_results_write (streamed) writes
 * exactly the bytes of pp_results_doc + pp_results_doc_save (the DOM the
 * templates read), for every fixture and for text that needs escaping;
 * write errors are reported, and a partly written file is not left. */
#include "cu.h"
#include "core/awards.h"
#include "core/results.h"
#include "core/score.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char S_dir[256];

/* 1 when the two files hold the same bytes; says where they part if not. */
static int same_file(const char *a, const char *b)
{
    size_t la = 0, lb = 0, i;
    char *x = cu_slurp(a, &la), *y = cu_slurp(b, &lb);
    int same = x && y && la == lb && memcmp(x, y, la) == 0;
    if (!same && x && y) {
        size_t line = 1, from = 0;
        for (i = 0; i < la && i < lb && x[i] == y[i]; i++)
            if (x[i] == '\n') {
                line++;
                from = i + 1;
            }
        printf("\n%s (%zu bytes) and %s (%zu bytes) differ at line %zu, "
               "byte %zu:\n  dom:    %.*s\n  stream: %.*s\n",
               a, la, b, lb, line, i, (int)strcspn(x + from, "\n"), x + from,
               (int)strcspn(y + from, "\n"), y + from);
    }
    free(x);
    free(y);
    return same;
}

/* Score `m` (against `prev`), write its results both ways, compare. The
 * awards go in when `with_awards`, as the packet does for a file that has
 * some. */
static void both_ways(pp_model *m, pp_model *prev, int with_awards,
                      const char *name)
{
    pp_diags d = {0};
    pp_results *r;
    pp_awards *aw = NULL;
    char **slugs;
    void *doc;
    char dom[512], stream[512];
    pp_results_opts o = {1, 1, 1};
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    r = pp_score_units(m, prev, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    if (with_awards) {
        aw = pp_awards_compute(m, r, &d);
        CU_ASSERT_PTR_NOT_NULL(aw);
    }
    slugs = pp_unit_slugs(m);
    CU_ASSERT_PTR_NOT_NULL_FATAL(slugs);
    snprintf(dom, sizeof dom, "%s/%s-dom.xml", S_dir, name);
    snprintf(stream, sizeof stream, "%s/%s-stream.xml", S_dir, name);
    doc = pp_results_doc(m, r, aw, &o, slugs);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(pp_results_doc_save(doc, dom), PP_OK);
    CU_ASSERT_EQUAL(pp_results_write(m, r, aw, slugs, stream), PP_OK);
    CU_ASSERT(same_file(dom, stream));
    unlink(dom);
    unlink(stream);
    pp_results_doc_free(doc);
    pp_unit_slugs_free(slugs, m->nunits);
    pp_awards_free(aw);
    pp_score_units_free(r);
    pp_diags_free(&d);
}

static pp_model *load(const char *path)
{
    pp_diags d = {0};
    pp_model *m = pp_model_load(path, &d);
    pp_diags_print(&d, stdout);
    pp_diags_free(&d);
    return m;
}

/* Gia Lộc 2022 against 2021, as `parpack build` writes it, and without
 * awards (no <awards> element). */
static void test_gia_loc(void)
{
    pp_model *m = load("fixtures/gia-loc-2022.xml");
    pp_model *p = load("fixtures/gia-loc-2021.xml");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    both_ways(m, p, 1, "gia-loc-2022");
    both_ways(m, p, 0, "gia-loc-2022-no-awards");
    both_ways(p, NULL, 1, "gia-loc-2021");
    pp_model_free(m);
    pp_model_free(p);
}

/* Every other fixture: blocks, ties, NFD names, departments. */
static void test_fixtures(void)
{
    static const char *const files[] = {
        "ha-tinh-2023", "kon-ray-na", "nfd", "small", "ties", NULL};
    const char *const *f;
    for (f = files; *f; f++) {
        char path[256];
        pp_model *m;
        snprintf(path, sizeof path, "fixtures/%s.xml", *f);
        m = load(path);
        both_ways(m, NULL, 1, *f);
        pp_model_free(m);
    }
}

/* Everything the serialiser escapes, in attributes and in text: & < > "
 * and tab, newline, CR (&#13; survives the parser), an empty recipient
 * (<to></to>), and UTF-8 as it is. */
#define NASTY "A &amp; B &lt;C&gt; &quot;q&quot; 'a' ]]&gt; x&#9;y&#10;z&#13;w"
static const char S_nasty[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<appraisal format=\"1\" year=\"2024\" precision=\"2\">"
    "<issuer><parent>" NASTY "</parent><name>ỦY BAN &amp; &lt;HUYỆN&gt;</name>"
    "<symbol>UBND</symbol><place>Mẫu \"Sơn\"</place>"
    "<email>a@example.vn</email>"
    "<signer authority=\"TM. " NASTY "\" title=\"CHỦ TỊCH\" name=\"N\"/>"
    "<recipients><to>" NASTY "</to><to>a\nb\tc</to><to/>"
    "<to>Như Điều 3</to></recipients></issuer>"
    "<announcement date=\"2025-03-10\" number=\"12/QĐ-UBND &amp; &lt;x&gt;\"/>"
    "<scheme title=\"" NASTY "\" max=\"10\">"
    "<field id=\"1\" name=\"F &quot;1&quot;\">"
    "<criterion id=\"1.1\" name=\"" NASTY "\" max=\"5\"/>"
    "<criterion id=\"1.2\" name=\"b\" max=\"5\"/></field></scheme>"
    "<tiers><tier min=\"90\" label=\"&lt;90&gt;\"/>"
    "<tier min=\"0\" label=\"T&amp;2\"/></tiers>"
    "<ratings><rating id=\"tot\" min=\"80\" label=\"R&quot;1\"/>"
    "<rating id=\"ht\" min=\"0\" label=\"R2\"/></ratings>"
    "<units><unit id=\"a&amp;b\" name=\"" NASTY "\" head=\"H &lt;x&gt;\">"
    "<score c=\"1.1\" self=\"5\" appraised=\"4.5\" note=\"" NASTY "\"/>"
    "<score c=\"1.2\" appraised=\"5\"/></unit>"
    "<unit id=\"b\" name=\"Bình Minh\"><score c=\"1.1\" appraised=\"3\"/>"
    "<score c=\"1.2\" na=\"true\"/></unit></units></appraisal>";

static void test_escaping(void)
{
    pp_diags d = {0};
    pp_model *m = pp_model_load_memory(S_nasty, strlen(S_nasty), "t.xml", &d);
    pp_diags_print(&d, stdout);
    pp_diags_free(&d);
    both_ways(m, NULL, 1, "nasty");
    pp_model_free(m);
}

/* A file that cannot be written: -1 with errno; a partly written one is
 * reported and removed. */
static void test_write_errors(void)
{
    pp_diags d = {0};
    pp_model *m = load("fixtures/gia-loc-2022.xml");
    pp_results *r;
    char **slugs;
    char path[512];
    struct stat st;
    pid_t pid;
    int status = 0;
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    r = pp_score_units(m, NULL, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    slugs = pp_unit_slugs(m);

    snprintf(path, sizeof path, "%s/no/such/folder.xml", S_dir);
    errno = 0;
    CU_ASSERT_EQUAL(pp_results_write(m, r, NULL, slugs, path), PP_E_OUTPUT);
    CU_ASSERT_EQUAL(errno, ENOENT);

    /* disk full */
    if (stat("/dev/full", &st) == 0) {
        errno = 0;
        CU_ASSERT_EQUAL(pp_results_write(m, r, NULL, slugs, "/dev/full"),
                        PP_E_OUTPUT);
        CU_ASSERT_EQUAL(errno, ENOSPC);
        CU_ASSERT_EQUAL(stat("/dev/full", &st), 0); /* a device stays */
    }

    /* the file system takes the first 4 KB only (the file is ~140 KB) */
    snprintf(path, sizeof path, "%s/partial.xml", S_dir);
    fflush(NULL);
    pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        struct rlimit rl = {4096, 4096};
        signal(SIGXFSZ, SIG_IGN);
        if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
            _exit(10);
        errno = 0;
        if (pp_results_write(m, r, NULL, slugs, path) != PP_E_OUTPUT)
            _exit(11);
        if (errno != EFBIG)
            _exit(12);
        _exit(0);
    }
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    CU_ASSERT(WIFEXITED(status));
    CU_ASSERT_EQUAL(WEXITSTATUS(status), 0);
    CU_ASSERT_NOT_EQUAL(stat(path, &st), 0); /* removed, not left half */

    pp_unit_slugs_free(slugs, m->nunits);
    pp_score_units_free(r);
    pp_model_free(m);
    pp_diags_free(&d);
}

int main(void)
{
    static const cu_test tests[] = {
        {"Gia Loc: streamed = DOM saved, byte for byte", test_gia_loc},
        {"every fixture: streamed = DOM saved", test_fixtures},
        {"escaping in attributes and text", test_escaping},
        {"write errors: errno, no partial file", test_write_errors},
        {NULL, NULL}};
    const char *tmp = getenv("TMPDIR");
    int rc;
    snprintf(S_dir, sizeof S_dir, "%s/parpack-results.XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(S_dir))
        return 2;
    rc = cu_main("results", tests);
    rmdir(S_dir);
    return rc;
}
