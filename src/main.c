/*
 * main.c - the command line: verbs, options, exit codes (cli.md).
 * It only chooses; the work is in the modules.
 */
#include "parpack/diag.h"
#include "parpack/interrupt.h"
#include "parpack/model.h"
#include "parpack/score.h"
#include "parpack/viet.h"
#include "parpack/version.h"
#include "parpack/packet.h"
#include "parpack/forms.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_OUTPUT = 3,
       EXIT_TEMPLATE = 4 };

static const char S_usage[] =
    "usage: parpack check INPUT.xml [--previous PREV.xml]\n"
    "       parpack score INPUT.xml [--previous PREV.xml] [--format csv|json]\n"
    "       parpack build INPUT.xml [--previous PREV.xml] [--out DIR]\n"
    "                     [--templates DIR] [--only KINDS] [--jobs N] [--quiet]\n"
    "       parpack send  DIR --smtp smtp://HOST:PORT [--dry-run]\n"
    "       parpack forms BLANK.xml [--out DIR] [--templates DIR]\n"
    "       parpack import BLANK.xml FORM.xlsx...|DIR [--out APPRAISAL.xml]\n"
    "       parpack --help | --version\n";

static const char S_help[] =
    "parpack turns a year's administrative reform index appraisal (Chỉ số\n"
    "cải cách hành chính) into the announcement packet.\n\n"
    "  check   validate and score INPUT, print a short summary, write nothing\n"
    "  score   write the scored results to standard output (CSV or JSON)\n"
    "  build   write the whole packet into DIR (default output/YEAR)\n"
    "  send    mail every unit message of a built packet through SMTP\n\n"
    "Options:\n"
    "  --previous PREV.xml  last year's appraisal, for rank changes\n"
    "  --format csv|json    output of `score` (default csv)\n"
    "  --out DIR            where `build` writes (default output/YEAR)\n"
    "  --templates DIR      another set of templates\n"
    "  --only KINDS         comma list: report, decision, award-decision,\n"
    "                       workbook, unit-workbook, unit-mail, results\n"
    "  --jobs N             workers (default: number of processors)\n"
    "  --quiet              no progress on standard error\n"
    "  --smtp URL           SMTP server of `send` (credentials from the\n"
    "                       environment PARPACK_SMTP_USER/PASSWORD or netrc)\n"
    "  --dry-run            `send`: list what would be sent\n\n"
    "Exit status: 0 done, 1 invalid input, 2 usage, 3 output not written,\n"
    "4 invalid template.\n";

/* The exit code of cli.md for a module's status. */
static int S_exit_code(pp_status st)
{
    switch (st) {
    case PP_OK:
        return EXIT_OK;
    case PP_E_INPUT:
        return EXIT_INPUT;
    case PP_E_USAGE:
        return EXIT_USAGE;
    case PP_E_TEMPLATE:
        return EXIT_TEMPLATE;
    case PP_E_INTERRUPTED: /* 130 for SIGINT, 143 for SIGTERM */
        return 128 + (pp_interrupt_signal() ? pp_interrupt_signal() : SIGINT);
    default: /* output, memory, send (some not sent), locked */
        return EXIT_OUTPUT;
    }
}

typedef struct {
    const char *verb, *input, *previous, *format, *out, *templates, *only,
        *smtp;
    int jobs, quiet, dry_run;
} S_opts;

static int S_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "parpack: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", S_usage);
    return EXIT_USAGE;
}

/* Parse argv into opts; returns -1 when fine, else an exit status. */
static int S_parse(int argc, char **argv, S_opts *o)
{
    int i;
    memset(o, 0, sizeof *o);
    if (argc < 2)
        return S_usage_error("%s", "no verb given");
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            printf("%s%s", S_usage, "\n");
            printf("%s", S_help);
            return EXIT_OK;
        }
        if (strcmp(a, "--version") == 0) {
            printf("parpack %s\n", PP_VERSION);
            return EXIT_OK;
        }
        if (strcmp(a, "--previous") == 0)
            slot = &o->previous;
        else if (strcmp(a, "--format") == 0)
            slot = &o->format;
        else if (strcmp(a, "--out") == 0)
            slot = &o->out;
        else if (strcmp(a, "--templates") == 0)
            slot = &o->templates;
        else if (strcmp(a, "--only") == 0)
            slot = &o->only;
        else if (strcmp(a, "--smtp") == 0)
            slot = &o->smtp;
        else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            o->quiet = 1;
            continue;
        } else if (strcmp(a, "--dry-run") == 0) {
            o->dry_run = 1;
            continue;
        } else if (strcmp(a, "--jobs") == 0 || strcmp(a, "-j") == 0) {
            char *end;
            long n;
            if (i + 1 >= argc)
                return S_usage_error("%s needs a value", a);
            n = strtol(argv[++i], &end, 10);
            if (*end || n < 1 || n > 256)
                return S_usage_error("--jobs takes a number from 1 to 256, "
                                     "not '%s'",
                                     argv[i]);
            o->jobs = (int)n;
            continue;
        } else if (a[0] == '-' && a[1]) {
            return S_usage_error("unknown option '%s'", a);
        } else if (!o->verb) {
            o->verb = a;
            continue;
        } else if (!o->input) {
            o->input = a;
            continue;
        } else {
            return S_usage_error("unexpected argument '%s'", a);
        }
        if (i + 1 >= argc)
            return S_usage_error("%s needs a value", a);
        *slot = argv[++i];
    }
    if (!o->verb)
        return S_usage_error("%s", "no verb given");
    if (strcmp(o->verb, "check") && strcmp(o->verb, "score") &&
        strcmp(o->verb, "build") && strcmp(o->verb, "send"))
        return S_usage_error("unknown verb '%s'", o->verb);
    if (!o->input)
        return S_usage_error("%s needs an input", o->verb);
    if (o->format && strcmp(o->format, "csv") && strcmp(o->format, "json"))
        return S_usage_error("--format is csv or json, not '%s'", o->format);
    if (o->format && strcmp(o->verb, "score"))
        return S_usage_error("%s", "--format goes with score");
    if (strcmp(o->verb, "send") == 0 && !o->smtp && !o->dry_run)
        return S_usage_error("%s", "send needs --smtp smtp://HOST:PORT");
    return -1;
}

/* Load INPUT (and PREV) and score; prints diagnostics. */
static int S_load_score(const S_opts *o, pp_model **mp, pp_model **pp,
                        pp_results **rp)
{
    pp_diags d = {0};
    pp_model *m = pp_model_load(o->input, &d), *p = NULL;
    pp_results *r = NULL;
    if (o->previous)
        p = pp_model_load(o->previous, &d);
    if (m && (!o->previous || p))
        r = pp_score_units(m, p, &d);
    pp_diags_print(&d, stderr);
    if (!r) {
        if (d.errors)
            fprintf(stderr, "parpack: %zu error%s, %zu warning%s: nothing "
                            "was written\n",
                    d.errors, d.errors == 1 ? "" : "s", d.warnings,
                    d.warnings == 1 ? "" : "s");
        pp_diags_free(&d);
        pp_model_free(m);
        pp_model_free(p);
        return EXIT_INPUT;
    }
    pp_diags_free(&d);
    *mp = m;
    *pp = p;
    *rp = r;
    return EXIT_OK;
}

/* `check`: a short human summary. */
static void S_check(const pp_model *m, const pp_results *r, FILE *out)
{
    size_t b, i;
    char n1[32], n2[32], n3[32];
    fprintf(out, "%s: %s, %d: %zu units, %zu block%s, %zu criteria "
                 "(%zu fields, maximum %s points)\n",
            m->path, m->issuer_name, m->year, m->nunits, m->nblocks,
            m->nblocks == 1 ? "" : "s", m->nleaves, m->nfields,
            pp_fmt_decimal(n1, sizeof n1, m->scheme_max, 3, 
                           m->scheme_max % 1000 ? 2 : 0));
    for (b = 0; b < m->nblocks; b++) {
        const pp_block_result *br = &r->blocks[b];
        if (m->has_blocks)
            fprintf(out, "%s (%s):\n", m->blocks[b].name, m->blocks[b].id);
        fprintf(out, "  %d units; mean %s%%, highest %s%%, lowest %s%%\n",
                br->count, pp_fmt_decimal(n1, sizeof n1, br->mean, 3, m->precision),
                pp_fmt_decimal(n2, sizeof n2, br->highest, 3, m->precision),
                pp_fmt_decimal(n3, sizeof n3, br->lowest, 3, m->precision));
        for (i = 0; i < m->ntiers; i++)
            fprintf(out, "  tier \"%s\": %d\n", m->tiers[i].label,
                    br->tier_counts[i]);
        for (i = 0; i < m->nratings; i++)
            fprintf(out, "  rating \"%s\": %d\n", m->ratings[i].label,
                    br->rating_counts[i]);
        if (br->count)
            fprintf(out, "  first: %s (%s%%)\n",
                    m->units[br->order[0]].name,
                    pp_fmt_decimal(n1, sizeof n1, br->highest, 3,
                                   m->precision));
        if (br->demoted)
            fprintf(out, "  demoted by a weak field: %d\n", br->demoted);
        if (br->flagged)
            fprintf(out, "  flagged: %d\n", br->flagged);
    }
}

/* One CSV field, quoted when needed (RFC 4180). */
static void S_csv_field(FILE *out, const char *s)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
}

static void S_json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

/* `score --format csv` */
static void S_score_csv(const pp_model *m, const pp_results *r, FILE *out)
{
    size_t i, k;
    char b1[32], b2[32], b3[32];
    fputs("block,rank,id,name,achieved,max,index,tier,rating,previous_rank,"
          "delta,flags\r\n",
          out);
    for (i = 0; i < m->nunits; i++) {
        int ui = r->order[i], first = 1;
        const pp_unit *u = &m->units[ui];
        const pp_unit_result *ur = &r->units[ui];
        S_csv_field(out, m->blocks[u->block].id);
        fprintf(out, ",%d,", ur->rank);
        S_csv_field(out, u->id);
        fputc(',', out);
        S_csv_field(out, u->name);
        fprintf(out, ",%s,%s,%s,", pp_fmt_points(b1, sizeof b1, ur->achieved),
                pp_fmt_points(b2, sizeof b2, ur->max),
                pp_fmt_plain(b3, sizeof b3, ur->index, 3, m->precision));
        S_csv_field(out, m->tiers[ur->tier].label);
        fputc(',', out);
        S_csv_field(out, m->ratings[ur->rating].id);
        fputc(',', out);
        if (ur->has_prev)
            fprintf(out, "%d,%d", ur->prev_rank, ur->delta);
        else
            fputc(',', out);
        fputc(',', out);
        for (k = 0; k < m->nflags; k++)
            if (ur->flagged[k]) {
                if (!first)
                    fputc(';', out);
                S_csv_field(out, m->flags[k].id);
                first = 0;
            }
        fputs("\r\n", out);
    }
}

/* `score --format json` */
static void S_score_json(const pp_model *m, const pp_results *r, FILE *out)
{
    size_t b, i, k, f;
    char b1[32];
    fprintf(out, "{\"format\":1,\"year\":%d,\"precision\":%d,\"issuer\":",
            m->year, m->precision);
    S_json_str(out, m->issuer_name);
    fprintf(out, ",\"max\":%s", pp_fmt_points(b1, sizeof b1, m->scheme_max));
    if (r->prev_year)
        fprintf(out, ",\"previous_year\":%d", r->prev_year);
    fputs(",\"fields\":[", out);
    for (f = 0; f < m->nfields; f++) {
        const pp_criterion *c = &m->criteria[m->fields[f]];
        fputs(f ? ",{\"id\":" : "{\"id\":", out);
        S_json_str(out, c->id);
        fputs(",\"name\":", out);
        S_json_str(out, c->name);
        fprintf(out, ",\"max\":%s}", pp_fmt_points(b1, sizeof b1, c->max));
    }
    fputs("],\"blocks\":[", out);
    for (b = 0; b < m->nblocks; b++) {
        const pp_block_result *br = &r->blocks[b];
        fputs(b ? ",{\"id\":" : "{\"id\":", out);
        S_json_str(out, m->blocks[b].id);
        fputs(",\"name\":", out);
        S_json_str(out, m->blocks[b].name);
        fprintf(out, ",\"count\":%d,\"mean\":%s", br->count,
                pp_fmt_plain(b1, sizeof b1, br->mean, 3, m->precision));
        fprintf(out, ",\"highest\":%s",
                pp_fmt_plain(b1, sizeof b1, br->highest, 3, m->precision));
        fprintf(out, ",\"lowest\":%s,\"tiers\":[",
                pp_fmt_plain(b1, sizeof b1, br->lowest, 3, m->precision));
        for (k = 0; k < m->ntiers; k++) {
            fputs(k ? ",{\"label\":" : "{\"label\":", out);
            S_json_str(out, m->tiers[k].label);
            fprintf(out, ",\"count\":%d}", br->tier_counts[k]);
        }
        fputs("],\"ratings\":[", out);
        for (k = 0; k < m->nratings; k++) {
            fputs(k ? ",{\"id\":" : "{\"id\":", out);
            S_json_str(out, m->ratings[k].id);
            fprintf(out, ",\"count\":%d", br->rating_counts[k]);
            if (br->prev_rating_counts)
                fprintf(out, ",\"previous_count\":%d",
                        br->prev_rating_counts[k]);
            fputc('}', out);
        }
        fputs("],\"units\":[", out);
        for (i = 0; i < (size_t)br->count; i++) {
            int ui = br->order[i], first = 1;
            const pp_unit *u = &m->units[ui];
            const pp_unit_result *ur = &r->units[ui];
            fprintf(out, "%s{\"rank\":%d,\"id\":", i ? "," : "", ur->rank);
            S_json_str(out, u->id);
            fputs(",\"name\":", out);
            S_json_str(out, u->name);
            fprintf(out, ",\"achieved\":%s", pp_fmt_points(b1, sizeof b1, ur->achieved));
            fprintf(out, ",\"max\":%s", pp_fmt_points(b1, sizeof b1, ur->max));
            fprintf(out, ",\"index\":%s",
                    pp_fmt_plain(b1, sizeof b1, ur->index, 3, m->precision));
            fprintf(out, ",\"self_assessed\":%s",
                    pp_fmt_points(b1, sizeof b1, ur->self));
            fputs(",\"tier\":", out);
            S_json_str(out, m->tiers[ur->tier].label);
            fputs(",\"rating\":", out);
            S_json_str(out, m->ratings[ur->rating].id);
            fprintf(out, ",\"demoted\":%s", ur->demoted ? "true" : "false");
            if (ur->has_prev)
                fprintf(out, ",\"previous_rank\":%d,\"delta\":%d",
                        ur->prev_rank, ur->delta);
            else
                fputs(",\"previous_rank\":null,\"delta\":null", out);
            fputs(",\"fields\":[", out);
            for (f = 0; f < m->nfields; f++) {
                if (f)
                    fputc(',', out);
                if (ur->field_pct[f] < 0)
                    fputs("null", out);
                else
                    fputs(pp_fmt_plain(b1, sizeof b1, ur->field_pct[f], 3,
                                       m->precision),
                          out);
            }
            fputs("],\"flags\":[", out);
            for (k = 0; k < m->nflags; k++)
                if (ur->flagged[k]) {
                    if (!first)
                        fputc(',', out);
                    S_json_str(out, m->flags[k].id);
                    first = 0;
                }
            fputs("]}", out);
        }
        fputs("]}", out);
    }
    fputs("]}\n", out);
}

/* ---------------------------------------------------------------------
 * `forms` and `import` (issue 15): their own small option parsing, kept
 * apart so that it folds into the getopt_long table of the other verbs.
 */

/* Load a blank appraisal (PP_LOAD_BLANK); prints diagnostics. */
static pp_model *S_load_blank(const char *path)
{
    pp_diags d = {0};
    pp_model *m = pp_model_load_flags(path, PP_LOAD_BLANK, &d);
    pp_diags_print(&d, stderr);
    pp_diags_free(&d);
    return m;
}

/* Print d with the closing line of a failed run; the exit code of st. */
static int S_finish(pp_diags *d, pp_status st)
{
    pp_diags_sort(d);
    pp_diags_print(d, stderr);
    if (st == PP_E_INPUT && d->errors)
        fprintf(stderr, "parpack: %zu error%s: nothing was written\n",
                d->errors, d->errors == 1 ? "" : "s");
    pp_diags_free(d);
    return S_exit_code(st);
}

/* parpack forms BLANK.xml [--out DIR] [--templates DIR] [--jobs N] [-q] */
static int S_forms_main(int argc, char **argv)
{
    pp_forms_opts fo;
    const char *input = NULL;
    pp_diags d = {0};
    pp_model *m;
    pp_status st;
    int i;
    memset(&fo, 0, sizeof fo);
    fo.argv0 = argv[0];
    for (i = 2; i < argc; i++) {
        const char *a = argv[i];
        if ((strcmp(a, "--out") == 0 || strcmp(a, "--templates") == 0 ||
             strcmp(a, "--jobs") == 0) && i + 1 >= argc)
            return S_usage_error("%s needs a value", a);
        if (strcmp(a, "--out") == 0)
            fo.out = argv[++i];
        else if (strcmp(a, "--templates") == 0)
            fo.templates = argv[++i];
        else if (strcmp(a, "--jobs") == 0) {
            char *end;
            long n = strtol(argv[++i], &end, 10);
            if (*end || n < 1 || n > 256)
                return S_usage_error("--jobs takes a number from 1 to 256, "
                                     "not '%s'", argv[i]);
            fo.jobs = (int)n;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0)
            fo.quiet = 1;
        else if (a[0] == '-' && a[1])
            return S_usage_error("unknown option '%s' for forms", a);
        else if (!input)
            input = a;
        else
            return S_usage_error("unexpected argument '%s'", a);
    }
    if (!input)
        return S_usage_error("%s", "forms needs a blank appraisal");
    m = S_load_blank(input);
    if (!m)
        return EXIT_INPUT;
    st = pp_forms_write(m, &fo, &d);
    pp_model_free(m);
    return S_finish(&d, st);
}

/* parpack import BLANK.xml FORM.xlsx...|DIR [--out APPRAISAL.xml] */
static int S_import_main(int argc, char **argv)
{
    pp_import_opts io;
    const char **inputs = calloc((size_t)argc, sizeof *inputs);
    pp_diags d = {0};
    pp_model *m = NULL;
    size_t n = 0;
    int i, rc;
    memset(&io, 0, sizeof io);
    if (!inputs)
        return EXIT_OUTPUT;
    for (i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--out") == 0) {
            if (i + 1 >= argc) {
                free(inputs);
                return S_usage_error("%s needs a value", a);
            }
            io.out = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            free(inputs);
            return S_usage_error("unknown option '%s' for import", a);
        } else if (!io.blank) {
            io.blank = a;
        } else {
            inputs[n++] = a;
        }
    }
    if (!io.blank || n == 0) {
        free(inputs);
        return S_usage_error("%s", "import needs a blank appraisal and "
                                   "forms (files or folders)");
    }
    io.inputs = inputs;
    io.ninputs = n;
    m = S_load_blank(io.blank);
    if (!m) {
        free(inputs);
        return EXIT_INPUT;
    }
    rc = S_finish(&d, pp_import_run(m, &io, &d));
    pp_model_free(m);
    free(inputs);
    return rc;
}

int main(int argc, char **argv)
{
    S_opts o;
    pp_model *m = NULL, *p = NULL;
    pp_results *r = NULL;
    int rc;
    signal(SIGXFSZ, SIG_IGN);
    if (argc > 1 && strcmp(argv[1], "forms") == 0)
        return S_forms_main(argc, argv);
    if (argc > 1 && strcmp(argv[1], "import") == 0)
        return S_import_main(argc, argv);
    rc = S_parse(argc, argv, &o);
    if (rc >= 0)
        return rc;
    /* past a file-size limit, writes fail (EFBIG) and the build reports
     * it and cleans up, instead of the process being killed midway */
    signal(SIGXFSZ, SIG_IGN);
    if (strcmp(o.verb, "send") == 0)
        return S_exit_code(pp_packet_send(o.input, o.smtp, o.dry_run));
    rc = S_load_score(&o, &m, &p, &r);
    if (rc != EXIT_OK)
        return rc;
    if (strcmp(o.verb, "check") == 0) {
        S_check(m, r, stdout);
    } else if (strcmp(o.verb, "score") == 0) {
        if (o.format && strcmp(o.format, "json") == 0)
            S_score_json(m, r, stdout);
        else
            S_score_csv(m, r, stdout);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            perror("parpack: standard output");
            rc = EXIT_OUTPUT;
        }
    } else {
        pp_build_opts bo;
        memset(&bo, 0, sizeof bo);
        bo.out = o.out;
        bo.templates = o.templates;
        bo.only = o.only;
        bo.jobs = o.jobs;
        bo.quiet = o.quiet;
        bo.argv0 = argv[0];
        rc = S_exit_code(pp_packet_build(m, r, &bo));
    }
    pp_results_free(r);
    pp_model_free(m);
    pp_model_free(p);
    return rc;
}
