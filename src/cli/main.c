/*
 * main.c - the command line: verbs, options, exit codes (docs/cli.md).
 * It only chooses; the work is in the modules, the writers of `check` and
 * `score` are in summary.c, csv.c and json.c (output.h). Statuses become
 * exit codes here and nowhere else (S_exit).
 */
#include "base/diag.h"
#include "base/events.h"
#include "base/interrupt.h"
#include "core/model.h"
#include "data/output.h"
#include "packet/packet.h"
#include "core/score.h"
#include "base/status.h"
#include "base/version.h"

#include "base/i18n.h"
#include "base/paths.h"
#include "packet/plan.h"
#include "packet/pool.h"
#include "serve/serve.h"

#include "packet/forms.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_OUTPUT = 3,
       EXIT_TEMPLATE = 4 };

/* ---------------------------------------------------------------------
 * The verbs and their options.
 */

/* One bit per option, so that a verb says which it takes. */
enum {
    O_PREVIOUS = 1 << 0, O_FORMAT = 1 << 1, O_OUT = 1 << 2,
    O_TEMPLATES = 1 << 3, O_ONLY = 1 << 4, O_JOBS = 1 << 5,
    O_QUIET = 1 << 6, O_SMTP = 1 << 7, O_DRY_RUN = 1 << 8,
    O_PROGRESS = 1 << 9, O_PARTIAL = 1 << 10, O_FORCE = 1 << 11,
    O_RESEND = 1 << 12
};

/* getopt_long's values: the short letters, then one past UCHAR_MAX. */
enum {
    K_PREVIOUS = UCHAR_MAX + 1, K_FORMAT, K_OUT, K_TEMPLATES, K_ONLY,
    K_SMTP, K_DRY_RUN, K_PROGRESS, K_PARTIAL, K_FORCE, K_RESEND
};

static const struct option S_longopts[] = {
    {"previous", required_argument, NULL, K_PREVIOUS},
    {"format", required_argument, NULL, K_FORMAT},
    {"out", required_argument, NULL, K_OUT},
    {"templates", required_argument, NULL, K_TEMPLATES},
    {"only", required_argument, NULL, K_ONLY},
    {"jobs", required_argument, NULL, 'j'},
    {"quiet", no_argument, NULL, 'q'},
    {"smtp", required_argument, NULL, K_SMTP},
    {"dry-run", no_argument, NULL, K_DRY_RUN},
    {"progress", no_argument, NULL, K_PROGRESS},
    {"partial", no_argument, NULL, K_PARTIAL},
    {"force", no_argument, NULL, K_FORCE},
    {"resend-uncertain", no_argument, NULL, K_RESEND},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0}};

/* The option bit of a getopt_long value, with its name for messages. */
static const struct {
    int key;
    unsigned bit;
    const char *name;
} S_optbits[] = {
    {K_PREVIOUS, O_PREVIOUS, "--previous"}, {K_FORMAT, O_FORMAT, "--format"},
    {K_OUT, O_OUT, "--out"}, {K_TEMPLATES, O_TEMPLATES, "--templates"},
    {K_ONLY, O_ONLY, "--only"}, {'j', O_JOBS, "--jobs"},
    {'q', O_QUIET, "--quiet"}, {K_SMTP, O_SMTP, "--smtp"},
    {K_DRY_RUN, O_DRY_RUN, "--dry-run"}, {K_PROGRESS, O_PROGRESS, "--progress"},
    {K_PARTIAL, O_PARTIAL, "--partial"}, {K_FORCE, O_FORCE, "--force"},
    {K_RESEND, O_RESEND, "--resend-uncertain"}};

/* What each option means, for the verbs' help; `verb` NULL for every
 * verb that takes the option, else the only verb the line is for. The
 * spellings are translated for their placeholders (DIR, THƯ_MỤC). The
 * kinds of --only follow its line, from the table of kinds (packet.c). */
static const struct {
    unsigned bit;
    const char *verb, *spelling, *meaning;
} S_opthelp[] = {
    {O_PREVIOUS, NULL, N_("--previous=PREV.xml"),
     N_("last year's appraisal, for rank changes and ratings")},
    {O_FORMAT, NULL, "--format=csv|json", N_("output format (default csv)")},
    {O_OUT, "build", N_("--out=DIR"), N_("where to write (default output/YEAR)")},
    {O_OUT, "forms", N_("--out=DIR"),
     N_("where to write (default output/YEAR-forms)")},
    {O_OUT, "import", N_("--out=APPRAISAL.xml"),
     N_("the appraisal to write (default: standard output)")},
    {O_PARTIAL, NULL, "--partial",
     N_("write the forms that are in, list the units still missing")},
    {O_TEMPLATES, NULL, N_("--templates=DIR"), N_("another set of templates")},
    {O_ONLY, NULL, N_("--only=KINDS"), N_("comma list of kinds:")},
    {O_JOBS, NULL, N_("-j, --jobs=N"),
     N_("workers (default, or 0: the number of processors)")},
    {O_QUIET, "send", "-q, --quiet",
     N_("no line for each message; errors only")},
    {O_QUIET, "build", "-q, --quiet", N_("no progress on standard error")},
    {O_QUIET, "forms", "-q, --quiet", N_("no progress on standard error")},
    {O_PROGRESS, NULL, "--progress",
     N_("progress lines even when standard error is not a terminal")},
    {O_SMTP, NULL, N_("--smtp=URL"),
     N_("the SMTP server, smtp://HOST:PORT (credentials from\n"
        "                       PARPACK_SMTP_USER and PARPACK_SMTP_PASSWORD,\n"
        "                       or a netrc file)")},
    {O_DRY_RUN, NULL, "--dry-run", N_("list what would be sent, send nothing")},
    {O_FORCE, NULL, "--force",
     N_("write into a folder holding other files (they are kept)")},
    {O_RESEND, NULL, "--resend-uncertain",
     N_("send again the messages the server never answered")}};

typedef enum { V_CHECK, V_SCORE, V_BUILD, V_SEND, V_FORMS, V_IMPORT } S_verb_id;

/* A verb: its synopsis, what it does, its options and operands. */
typedef struct {
    const char *name;
    S_verb_id id;
    const char *operands; /* the synopsis after the verb's name */
    const char *summary;  /* one line, for the general help */
    const char *about;    /* a paragraph, for the verb's help */
    unsigned opts;
    int min_args, max_args; /* operands; max -1 = any number */
} S_verb;

static const S_verb S_verbs[] = {
    {"check", V_CHECK, N_("INPUT.xml [--previous=PREV.xml]"),
     N_("validate and score INPUT, print a short summary, write nothing"),
     N_("Validate INPUT.xml against the schema and the rules, score it, and\n"
        "print a short summary: units, blocks, tiers, ratings. Every error is\n"
        "printed at once as FILE:LINE:COL: error: MESSAGE. Nothing is written.\n"),
     O_PREVIOUS, 1, 1},
    {"score", V_SCORE, N_("INPUT.xml [--previous=PREV.xml] [--format=csv|json]"),
     N_("write the scored results to standard output (CSV or JSON)"),
     N_("Write the scored results to standard output: CSV (RFC 4180, UTF-8,\n"
        "dot decimals) with the columns block, rank, id, name, achieved, max,\n"
        "index, tier, rating, previous_rank, delta, flags; or JSON.\n"),
     O_PREVIOUS | O_FORMAT, 1, 1},
    {"build", V_BUILD,
     N_("INPUT.xml [--previous=PREV.xml] [--out=DIR]\n"
        "         [--templates=DIR] [--only=KINDS] [--jobs=N] [--quiet]\n"
        "         [--progress] [--force]"),
     N_("write the whole packet into DIR (default output/YEAR)"),
     N_("Write the announcement packet into DIR (default output/YEAR): the\n"
        "report, the decisions, the workbooks, the results XML and a message\n"
        "for each unit, with manifest.tsv and SHA256SUMS. The build is atomic:\n"
        "on any failure DIR is left as it was.\n"),
     O_PREVIOUS | O_OUT | O_TEMPLATES | O_ONLY | O_JOBS | O_QUIET |
         O_PROGRESS | O_FORCE, 1, 1},
    {"send", V_SEND,
     N_("DIR --smtp=smtp://HOST:PORT [--dry-run] [--quiet]\n"
        "         [--resend-uncertain]"),
     N_("mail every unit message of a built packet through SMTP"),
     N_("Mail every unit message of the packet (or forms folder) in DIR\n"
        "through an SMTP server. Each accepted message is recorded for its\n"
        "issuer and year (and in DIR/sent.log), so a run started again, or\n"
        "from another folder, sends only what is missing.\n"),
     O_SMTP | O_DRY_RUN | O_QUIET | O_RESEND, 1, 1},
    {"forms", V_FORMS,
     N_("BLANK.xml [--out=DIR] [--templates=DIR] [--jobs=N] [--quiet]\n"
        "         [--progress] [--force]"),
     N_("write a scoring form for each unit of a blank appraisal"),
     N_("Write, from a blank appraisal, one scoring form (XLSX) for each unit\n"
        "into DIR, and a message to each unit with its form attached when the\n"
        "issuer has an e-mail address.\n"),
     O_OUT | O_TEMPLATES | O_JOBS | O_QUIET | O_PROGRESS | O_FORCE, 1, 1},
    {"import", V_IMPORT,
     N_("BLANK.xml FORM.xlsx...|DIR [--out=APPRAISAL.xml] [--partial]"),
     N_("read the filled forms back into a whole appraisal"),
     N_("Read the filled forms back and write the whole appraisal: the blank\n"
        "file with every unit's scores. Every problem in every form is\n"
        "reported at once as FORM.xlsx:SHEET!CELL: error: MESSAGE, and on any\n"
        "error nothing is written.\n"),
     O_OUT | O_PARTIAL, 2, -1},
};

#define S_NVERBS (sizeof S_verbs / sizeof *S_verbs)

/* The parsed command line. */
typedef struct {
    const S_verb *verb;
    char **args; /* the operands, NULL-terminated */
    int nargs;
    const char *previous, *format, *out, *templates, *only, *smtp;
    int jobs, quiet, dry_run, progress, partial, force, resend;
} S_opts;

/* The verb called `name`, or NULL. */
static const S_verb *S_verb_find(const char *name)
{
    size_t i;
    for (i = 0; i < S_NVERBS; i++)
        if (strcmp(S_verbs[i].name, name) == 0)
            return &S_verbs[i];
    return NULL;
}

/* The verb nearest to a mistyped one, or NULL (pp_diag_suggest). */
static const char *S_verb_near(const char *typed)
{
    const char *names[S_NVERBS + 1];
    size_t i;
    for (i = 0; i < S_NVERBS; i++)
        names[i] = S_verbs[i].name;
    names[i] = "help";
    return pp_diag_suggest(typed, names, S_NVERBS + 1);
}

/* Whether verb v takes the long option o (--help and --version: all). */
static int S_takes(unsigned opts, const struct option *o)
{
    size_t k;
    for (k = 0; k < sizeof S_optbits / sizeof *S_optbits; k++)
        if (S_optbits[k].key == o->val)
            return (opts & S_optbits[k].bit) != 0;
    return 1;
}

/* The long option nearest to a mistyped "--word" (its first len bytes),
 * with its dashes, or NULL: among the options of the verb (opts) first,
 * then among all. */
static const char *S_option_near(const char *word, int len, unsigned opts)
{
    const char *names[sizeof S_longopts / sizeof *S_longopts];
    static char best[32];
    char typed[64];
    const char *near = NULL;
    size_t i, n;
    int pass;
    if (len < 3 || len - 2 >= (int)sizeof typed)
        return NULL;
    snprintf(typed, sizeof typed, "%.*s", len - 2, word + 2);
    for (pass = 0; pass < 2 && !near; pass++) {
        for (i = 0, n = 0; S_longopts[i].name; i++)
            if (pass || S_takes(opts, &S_longopts[i]))
                names[n++] = S_longopts[i].name;
        near = pp_diag_suggest(typed, names, n);
    }
    if (!near)
        return NULL;
    snprintf(best, sizeof best, "--%s", near);
    return best;
}

/* ---------------------------------------------------------------------
 * Help, version, usage errors.
 */

/* Columns text takes on a terminal (UTF-8: a Vietnamese letter is one). */
static int S_cols(const char *text)
{
    int n = 0;
    for (; *text; text++)
        if (((unsigned char)*text & 0xC0) != 0x80)
            n++;
    return n;
}

/* "  SPELLING   MEANING": the spelling padded to 20 columns. */
static void S_opt_line(FILE *out, const char *spelling, const char *meaning)
{
    int pad = 20 - S_cols(spelling);
    fprintf(out, "  %s%*s %s\n", spelling, pad > 0 ? pad : 0, "", meaning);
}

/* The kinds of --only, from the table of kinds (plan.c), after its line:
 * as many as fit in a line of 79 columns, indented under the meaning. */
static void S_kinds(FILE *out)
{
    size_t i;
    int col = 0;
    for (i = 0; i < pp_plan_build_len; i++) {
        const char *k = pp_plan_build[i].name;
        int w = (int)strlen(k) + (i + 1 < pp_plan_build_len ? 1 : 0);
        if (col == 0 || col + 1 + w > 79) {
            if (col)
                fputc('\n', out);
            fputs("                       ", out);
            col = 23;
        } else {
            fputc(' ', out);
            col++;
        }
        fprintf(out, "%s%s", k, i + 1 < pp_plan_build_len ? "," : "");
        col += w;
    }
    fputc('\n', out);
}

/* The general help: every verb's synopsis and what it does. */
static void S_help(FILE *out)
{
    size_t i;
    fputs(_("Usage: parpack VERB [OPTION]... OPERAND...\n\n"), out);
    fputs(_("Turn a year's administrative reform index appraisal (Chỉ số cải\n"
            "cách hành chính) into the announcement packet.\n\n"), out);
    fputs(_("Verbs:\n"), out);
    for (i = 0; i < S_NVERBS; i++)
        fprintf(out, "  %-7s %s\n", S_verbs[i].name, _(S_verbs[i].summary));
    /* the workspace server's verbs (src/serve/: their own options) */
    fprintf(out, "  %-7s %s\n", "serve",
            _("serve the year's workspace to a browser (docs/api.md)"));
    fprintf(out, "  %-7s %s\n", "user",
            _("manage the workspace's accounts: add, list, remove, password"));
    fputc('\n', out);
    fputs(_("  parpack help VERB, parpack VERB --help   the options of a verb\n"
            "  parpack --version                        version and licence\n\n"),
          out);
    fputs(_("Exit status: 0 done, 1 invalid input, 2 usage error, 3 an output\n"
            "could not be written, 4 invalid template, 130/143 interrupted.\n"),
          out);
    fputs(_("See parpack(1) for the whole manual.\n"), out);
}

/* One verb's own help: its synopsis, what it does, its options. */
static void S_verb_help(const S_verb *v, FILE *out)
{
    size_t i;
    fprintf(out, _("Usage: parpack %s %s\n"), v->name, _(v->operands));
    fputc('\n', out);
    fputs(_(v->about), out);
    fputc('\n', out);
    fputs(_("Options:\n"), out);
    for (i = 0; i < sizeof S_opthelp / sizeof *S_opthelp; i++)
        if ((v->opts & S_opthelp[i].bit) &&
            (!S_opthelp[i].verb || strcmp(S_opthelp[i].verb, v->name) == 0)) {
            S_opt_line(out, _(S_opthelp[i].spelling), _(S_opthelp[i].meaning));
            if (S_opthelp[i].bit == O_ONLY)
                S_kinds(out);
        }
    S_opt_line(out, "-h, --help", _("this help"));
}

/* What S_i18n_init found: the locale asked for (LC_ALL, LC_MESSAGES or
 * LANG, the first set) and whether the C library has it. */
static const char *S_asked;
static int S_locale_ok;

/* The language of the messages, and why (--version): a Vietnamese
 * locale missing from the system falls back to English, and says so. */
static void S_language(FILE *out)
{
    /* TRANSLATORS: the name of the language of this catalog */
    const char *lang = _("English");
    const char *a = S_asked ? S_asked : "";
    if (!S_locale_ok)
        fprintf(out, _("Messages: English: the locale '%s' is not installed "
                       "on this system (see 'locale -a'; for Vietnamese, "
                       "install vi_VN.UTF-8: README, 'Vietnamese messages')."
                       "\n"),
                a);
    else if (strcmp(lang, "English") != 0)
        fprintf(out, _("Messages: %s (locale %s).\n"), lang, a);
    else if (strncmp(a, "vi", 2) == 0)
        fprintf(out, _("Messages: English: the locale '%s' is installed but "
                       "the Vietnamese catalog (parpack.mo) was not found."
                       "\n"),
                a);
    else
        fprintf(out, _("Messages: English (locale '%s'; Vietnamese under "
                       "LANG=vi_VN.UTF-8).\n"),
                *a ? a : "C");
}

/* --version: the version, the language of the messages, the licence. */
static void S_version(FILE *out)
{
    fprintf(out, "parpack %s\n", PP_VERSION);
    S_language(out);
    fputs("Copyright (c) 2026 The parpack authors\n", out);
    fputs(_("License MIT: <https://opensource.org/licenses/MIT>.\n"
            "This is free software: you are free to change and redistribute it.\n"
            "There is NO WARRANTY, to the extent permitted by law.\n"),
          out);
}

/* A usage error: one line, then a hint naming the help to read. */
static int S_usage_error(const S_verb *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int S_usage_error(const S_verb *v, const char *fmt, ...)
{
    va_list ap;
    fputs("parpack: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (v)
        fprintf(stderr, _("Try 'parpack help %s'.\n"), v->name);
    else
        fputs(_("Try 'parpack --help'.\n"), stderr);
    return EXIT_USAGE;
}

/* Write stdout out and report a failure to do so (exit status 3). */
static int S_close_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, _("parpack: standard output: %s\n"),
                strerror(errno ? errno : EIO));
        return EXIT_OUTPUT;
    }
    return EXIT_OK;
}

/* The name of an option the user wrote (for "does not go with"). */
static const char *S_opt_name(int key)
{
    size_t i;
    for (i = 0; i < sizeof S_optbits / sizeof *S_optbits; i++)
        if (S_optbits[i].key == key)
            return S_optbits[i].name;
    return "?";
}

/* ---------------------------------------------------------------------
 * Parsing.
 */

/* An unknown verb, with the one it is near, as git says it. */
static int S_verb_unknown(const char *typed)
{
    const char *near = S_verb_near(typed);
    if (near)
        return S_usage_error(NULL, _("unknown verb '%s'; did you mean '%s'?"),
                             typed, near);
    return S_usage_error(NULL, _("unknown verb '%s'"), typed);
}

/* Parse argv into o; returns -1 to go on, else an exit status (help and
 * version printed, or a usage error). */
static int S_parse(int argc, char **argv, S_opts *o)
{
    const S_verb *v;
    int c, i;
    memset(o, 0, sizeof *o);
    if (argc < 2)
        return S_usage_error(NULL, "%s", _("no verb given"));
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        S_help(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        S_version(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "help") == 0) {
        if (argc == 2) {
            S_help(stdout);
            return EXIT_OK;
        }
        if (argc > 3)
            return S_usage_error(NULL, _("help takes one verb, not %d"),
                                 argc - 2);
        if (!(v = S_verb_find(argv[2])))
            return S_verb_unknown(argv[2]);
        S_verb_help(v, stdout);
        return EXIT_OK;
    }
    if (argv[1][0] == '-')
        return S_usage_error(NULL, _("unknown option '%s' (a verb comes first)"),
                             argv[1]);
    if (!(v = S_verb_find(argv[1])))
        return S_verb_unknown(argv[1]);
    o->verb = v;

    /* the verb's options, in any order among its operands; "--" ends them */
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc - 1, argv + 1, ":j:qhV", S_longopts,
                            NULL)) != -1) {
        const char *arg = optarg;
        size_t k;
        if (c == 'h') {
            S_verb_help(v, stdout);
            return EXIT_OK;
        }
        if (c == 'V') {
            S_version(stdout);
            return EXIT_OK;
        }
        if (c == '?') {
            /* getopt has stepped past the word (argv + 1 is its argv) */
            const char *w = optind < argc ? argv[optind] : "";
            if (strncmp(w, "--", 2) == 0 && optopt && strchr(w, '='))
                return S_usage_error(v, _("option '%.*s' takes no value"),
                                     (int)strcspn(w, "="), w); /* --quiet=1 */
            if (strncmp(w, "--", 2) == 0) { /* --bogus, --bogus=1 */
                int len = (int)strcspn(w, "=");
                const char *near = S_option_near(w, len, v->opts);
                if (near)
                    return S_usage_error(v, _("unknown option '%.*s'; did "
                                              "you mean '%s'?"),
                                         len, w, near);
                return S_usage_error(v, _("unknown option '%.*s'"), len, w);
            }
            return S_usage_error(v, _("unknown option '-%c'"), optopt);
        }
        if (c == ':')
            return S_usage_error(v, _("option '%s' needs a value"),
                                 optopt ? S_opt_name(optopt) : argv[optind]);
        for (k = 0; k < sizeof S_optbits / sizeof *S_optbits; k++)
            if (S_optbits[k].key == c)
                break;
        if (k == sizeof S_optbits / sizeof *S_optbits)
            return S_usage_error(v, _("unknown option '%s'"), argv[optind]);
        if (!(v->opts & S_optbits[k].bit))
            return S_usage_error(v, _("option '%s' does not go with '%s'"),
                                 S_optbits[k].name, v->name);
        /* --out "" (a variable left empty in a script): no folder, no
         * file; said as the missing value it is, before anything runs */
        if (arg && !*arg)
            return S_usage_error(v, _("option '%s' needs a value"),
                                 S_optbits[k].name);
        switch (c) {
        case K_PREVIOUS: o->previous = arg; break;
        case K_FORMAT: o->format = arg; break;
        case K_OUT: o->out = arg; break;
        case K_TEMPLATES: o->templates = arg; break;
        case K_ONLY: o->only = arg; break;
        case K_SMTP: o->smtp = arg; break;
        case K_DRY_RUN: o->dry_run = 1; break;
        case K_PROGRESS: o->progress = 1; break;
        case K_PARTIAL: o->partial = 1; break;
        case K_FORCE: o->force = 1; break;
        case K_RESEND: o->resend = 1; break;
        case 'q': o->quiet = 1; break;
        case 'j': {
            char *end;
            long n;
            errno = 0;
            n = strtol(arg, &end, 10);
            /* 0: one per processor, as xz -T0 */
            if (!*arg || *end || errno || n < 0 || n > 256)
                return S_usage_error(v, _("--jobs takes a number from 0 (one "
                                          "per processor) to 256, not '%s'"),
                                     arg);
            o->jobs = (int)n;
            break;
        }
        default: break;
        }
    }
    /* getopt counted in argv + 1 */
    o->args = argv + 1 + optind;
    o->nargs = argc - 1 - optind;
    for (i = 0; i < o->nargs; i++)
        if (!o->args[i][0])
            return S_usage_error(v, "%s", _("an empty operand"));
    if (o->nargs < v->min_args)
        return S_usage_error(v, _("'%s' needs %s"), v->name,
                             v->id == V_SEND   ? _("a packet folder")
                             : v->id == V_IMPORT ? _("a blank appraisal and "
                                                     "the filled forms")
                                                 : _("an input file"));
    if (v->max_args >= 0 && o->nargs > v->max_args)
        return S_usage_error(v, _("unexpected operand '%s'"),
                             o->args[v->max_args]);
    if (o->format && strcmp(o->format, "csv") && strcmp(o->format, "json"))
        return S_usage_error(v, _("--format is csv or json, not '%s'"),
                             o->format);
    /* "-" is standard input, which can be read once */
    if (o->previous && strcmp(o->previous, "-") == 0 && o->nargs &&
        strcmp(o->args[0], "-") == 0)
        return S_usage_error(v, "%s",
                             _("standard input ('-') can be read once: "
                               "give INPUT or --previous as a file"));
    /* import reads the blank's bytes again as it writes */
    for (i = 0; v->id == V_IMPORT && i < o->nargs; i++)
        if (strcmp(o->args[i], "-") == 0)
            return S_usage_error(v, "%s",
                                 _("import does not read standard input: "
                                   "name the blank appraisal and the forms "
                                   "as files or folders"));
    if (v->id == V_SEND && !o->smtp && !o->dry_run)
        return S_usage_error(v, "%s",
                             _("send needs --smtp=smtp://HOST:PORT"));
    return -1;
}

/* ---------------------------------------------------------------------
 * Running the verbs.
 */

/* The exit code of a status (docs/cli.md, "Exit status"). */
static int S_exit(pp_status st)
{
    switch (st) {
    case PP_OK: return EXIT_OK;
    case PP_E_INPUT: return EXIT_INPUT;
    case PP_E_USAGE: return EXIT_USAGE;
    case PP_E_OUTPUT: return EXIT_OUTPUT;
    case PP_E_TEMPLATE: return EXIT_TEMPLATE;
    case PP_E_NOMEM: return EXIT_OUTPUT;
    case PP_E_INTERRUPTED: /* 130 for SIGINT, 143 for SIGTERM */
        return 128 + (pp_interrupt_signal() ? pp_interrupt_signal() : SIGINT);
    case PP_E_SEND: return EXIT_OUTPUT;
    case PP_E_LOCKED: return EXIT_OUTPUT;
    }
    return EXIT_OUTPUT;
}

/* "3 errors, 1 warning" into buf. */
static const char *S_counts(char *buf, size_t cap, const pp_diags *d)
{
    char e[64], w[64];
    snprintf(e, sizeof e, ngettext("%zu error", "%zu errors", d->errors),
             d->errors);
    snprintf(w, sizeof w, ngettext("%zu warning", "%zu warnings",
                                   d->warnings),
             d->warnings);
    /* TRANSLATORS: "3 errors, 1 warning" */
    snprintf(buf, cap, _("%s, %s"), e, w);
    return buf;
}

/* Load INPUT (and PREV) and score; prints the diagnostics. `writes`:
 * whether the verb would have written files (not `check`). */
static pp_status S_load_score(const S_opts *o, int writes, pp_model **mp,
                              pp_model **pp, pp_results **rp)
{
    pp_diags d = {0};
    pp_model *m = pp_model_load(o->args[0], &d), *p = NULL;
    pp_results *r = NULL;
    char counts[160];
    if (o->previous)
        p = pp_model_load(o->previous, &d);
    if (m && (!o->previous || (p && !pp_model_check_previous(m, p, &d))))
        r = pp_score_units(m, p, &d);
    pp_diags_print(&d, stderr);
    if (!r) {
        if (d.errors && writes)
            fprintf(stderr, _("parpack: %s: nothing was written\n"),
                    S_counts(counts, sizeof counts, &d));
        else if (d.errors)
            fprintf(stderr, "parpack: %s\n",
                    S_counts(counts, sizeof counts, &d));
        pp_diags_free(&d);
        pp_model_free(m);
        pp_model_free(p);
        return PP_E_INPUT;
    }
    pp_diags_free(&d);
    *mp = m;
    *pp = p;
    *rp = r;
    return PP_OK;
}

/* A directory exists at path. */
static int S_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Where the message catalogs are: build/locale beside the uninstalled
 * program (the repository's ./parpack), locale/ beside it (a build folder
 * such as build-asan/), ../share/locale (installed: follows PREFIX
 * wherever the tree was copied), else the LOCALEDIR of `make install`. */
static void S_i18n_init(void)
{
    static const char *const rel[] = {"/build/locale", "/locale",
                                      "/../share/locale"};
    char exe[PATH_MAX], dir[PATH_MAX + 32], *slash;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    const char *found = pp_localedir;
    size_t i;
    const char *const envs[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (i = 0; i < sizeof envs / sizeof *envs && !S_asked; i++)
        if (getenv(envs[i]) && *getenv(envs[i]))
            S_asked = getenv(envs[i]);
    S_locale_ok = setlocale(LC_ALL, "") != NULL;
    /* the locale chooses the language of messages and nothing else: the
     * files written must not change with it (a decimal comma from printf
     * in a workbook's XML, Vietnamese day names in a mail's Date) */
    setlocale(LC_NUMERIC, "C");
    setlocale(LC_TIME, "C");
    setlocale(LC_COLLATE, "C");
    setlocale(LC_MONETARY, "C");
    if (n > 0) {
        exe[n] = 0;
        if ((slash = strrchr(exe, '/')) != NULL) {
            *slash = 0;
            for (i = 0; i < sizeof rel / sizeof *rel; i++) {
                snprintf(dir, sizeof dir, "%s%s", exe, rel[i]);
                if (S_is_dir(dir)) {
                    found = dir;
                    break;
                }
            }
        }
    }
    bindtextdomain(PP_TEXTDOMAIN, found);
    bind_textdomain_codeset(PP_TEXTDOMAIN, "UTF-8");
    textdomain(PP_TEXTDOMAIN);
}

/* `check` and `score`: load, score, write to standard output. */
static pp_status S_run_report(const S_opts *o)
{
    pp_model *m = NULL, *p = NULL;
    pp_results *r = NULL;
    pp_status st = S_load_score(o, o->verb->id != V_CHECK, &m, &p, &r);
    if (st != PP_OK)
        return st;
    if (o->verb->id == V_CHECK)
        st = pp_output_summary(m, r, stdout);
    else if (o->format && strcmp(o->format, "json") == 0)
        st = pp_output_json(m, r, stdout);
    else
        st = pp_output_csv(m, r, stdout);
    if (st == PP_E_OUTPUT)
        fprintf(stderr, _("parpack: standard output: %s\n"),
                strerror(errno ? errno : EIO));
    pp_score_units_free(r);
    pp_model_free(m);
    pp_model_free(p);
    return st;
}

/* The options of a folder written by the workers (build, forms). */
static void S_build_opts(const S_opts *o, const char *argv0,
                         pp_build_opts *bo)
{
    memset(bo, 0, sizeof *bo);
    bo->out = o->out;
    bo->templates = o->templates;
    bo->only = o->only;
    bo->jobs = o->jobs;
    bo->quiet = o->quiet;
    bo->force = o->force;
    bo->argv0 = argv0;
}

/* `build`: load, score, write the packet. */
static pp_status S_run_build(const S_opts *o, const char *argv0)
{
    pp_model *m = NULL, *p = NULL;
    pp_results *r = NULL;
    pp_build_opts bo;
    pp_status st;
    /* the fonts and the modules made ready while the input loads */
    pp_packet_warm(o->only);
    st = S_load_score(o, 1, &m, &p, &r);
    if (st != PP_OK) {
        pp_packet_warm_end();
        return st;
    }
    S_build_opts(o, argv0, &bo);
    st = pp_packet_build(m, r, &bo);
    if (st == PP_E_USAGE) /* --only's kinds: the hint of any usage error */
        fprintf(stderr, _("Try 'parpack help %s'.\n"), o->verb->name);
    pp_score_units_free(r);
    pp_model_free(m);
    pp_model_free(p);
    return st;
}

/* `forms` and `import`: the dispatch of the forms verbs (packet/forms.c,
 * packet/import.c, forms.h). Their options are parsed above like every
 * verb's; a blank appraisal is loaded with PP_LOAD_BLANK. */
static pp_status S_run_forms(const S_opts *o, const char *argv0)
{
    pp_diags d = {0};
    pp_model *m = pp_model_load_flags(o->args[0], PP_LOAD_BLANK, &d);
    pp_status st = PP_E_INPUT;
    char counts[160], *summary = NULL;
    if (m && o->verb->id == V_FORMS) {
        pp_build_opts fo;
        S_build_opts(o, argv0, &fo);
        st = pp_forms_write(m, &fo, &d);
        if (st == PP_E_USAGE)
            fprintf(stderr, _("Try 'parpack help %s'.\n"), o->verb->name);
    } else if (m) {
        pp_import_opts io;
        memset(&io, 0, sizeof io);
        io.blank = o->args[0];
        io.inputs = (const char *const *)(o->args + 1);
        io.ninputs = (size_t)(o->nargs - 1);
        io.out = o->out;
        io.partial = o->partial;
        st = pp_import_run(m, &io, &d);
        summary = io.summary;
    }
    pp_diags_sort(&d);
    pp_diags_print(&d, stderr);
    /* what import read, and what it wrote */
    if (summary && st == PP_OK)
        fprintf(stderr, _("parpack: %s; wrote %s (%zu units)\n"), summary,
                o->out ? o->out : _("the appraisal to standard output"),
                m->nunits);
    else if (summary)
        fprintf(stderr, "parpack: %s\n", summary);
    free(summary);
    if (st == PP_E_INPUT && d.errors) {
        snprintf(counts, sizeof counts,
                 ngettext("%zu error", "%zu errors", d.errors), d.errors);
        fprintf(stderr, _("parpack: %s: nothing was written\n"), counts);
    }
    pp_diags_free(&d);
    pp_model_free(m);
    return st;
}

int main(int argc, char **argv)
{
    S_opts o;
    int rc;
    pp_events_init(); /* before any file is opened (events.h) */
    S_i18n_init();
    /* the workspace server and its accounts (src/serve/, its own options) */
    if (argc >= 2 && strcmp(argv[1], "serve") == 0)
        return pp_serve_main(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "user") == 0)
        return pp_user_main(argc - 1, argv + 1);
    if (argc == 3 && strcmp(argv[1], "help") == 0 &&
        (strcmp(argv[2], "serve") == 0 || strcmp(argv[2], "user") == 0)) {
        char help[] = "--help", *hv[] = {argv[2], help, NULL};
        return strcmp(argv[2], "serve") == 0 ? pp_serve_main(2, hv)
                                              : pp_user_main(2, hv);
    }
    rc = S_parse(argc, argv, &o);
    if (rc >= 0)
        return rc == EXIT_OK ? S_close_stdout() : rc;
    /* off a terminal, one line when done, unless --progress asks */
    pp_pool_progress_lines(o.progress);
    /* past a file-size limit, writes fail (EFBIG) and the build reports
     * it and cleans up, instead of the process being killed midway */
    signal(SIGXFSZ, SIG_IGN);
    switch (o.verb->id) {
    case V_CHECK:
    case V_SCORE: rc = S_exit(S_run_report(&o)); break;
    case V_BUILD: rc = S_exit(S_run_build(&o, argv[0])); break;
    case V_SEND:
        rc = S_exit(pp_packet_send(o.args[0], o.smtp, o.dry_run, o.quiet,
                                   o.resend));
        break;
    case V_FORMS:
    case V_IMPORT: rc = S_exit(S_run_forms(&o, argv[0])); break;
    }
    if (rc == EXIT_OK)
        rc = S_close_stdout();
    else
        (void)fclose(stdout); /* the failure was already reported */
    /* a message that could not reach standard error is a write error too */
    if ((fflush(stderr) != 0 || ferror(stderr)) && rc == EXIT_OK)
        rc = EXIT_OUTPUT;
    return rc;
}
