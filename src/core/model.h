/*
 * model.h - one year's appraisal of one group of units, as loaded from the
 * appraisal XML (format 1, see docs/input-format.md, and the XSD in schemas/).
 *
 * Points are pp_milli: integer thousandths of a point (87.49 -> 87490).
 * All text is NFC UTF-8. Indices into arrays are ints; -1 means "none".
 *
 * Ownership: pp_model_load returns a model that owns every string and
 * array in it (they live in the model's arena); pp_model_free frees all.
 */
#ifndef PARPACK_MODEL_H
#define PARPACK_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

typedef int64_t pp_milli;

typedef enum {
    PP_SOURCE_NONE = 0,
    PP_SOURCE_SELF,
    PP_SOURCE_APPRAISAL,
    PP_SOURCE_SURVEY
} pp_source;

typedef struct {
    char *id, *name;
    pp_milli max;
    pp_source source;
    int parent;      /* criterion index of the parent; -1 for a field */
    int field;       /* index into model->fields of the field it belongs to */
    int depth;       /* 0 for a field */
    int leaf;        /* index into model->leaves, or -1 for a parent */
    int first_child; /* criterion index or -1 */
    int next;        /* next sibling or -1 */
    long line;
} pp_criterion;

typedef struct {
    pp_milli self, appraised;
    unsigned char has_self, has_appraised, na, present;
    char *note; /* appraisers' reason, or NULL */
    long line;
} pp_score;

typedef struct {
    char *id, *name, *kind, *head, *email; /* kind/head/email may be NULL */
    /* the name it is listed by: name, or "kind name" ("thị xã Kỳ Anh")
     * where another unit of the file has the same name; NULL (read as
     * name) in a model the loader did not make */
    char *label;
    char *link; /* the unit's own link (parpack serve), or NULL */
    int block;        /* index into model->blocks */
    pp_score *scores; /* model->nleaves entries, in leaf order */
    int has_previous; /* a <previous> element was given */
    int prev_year, prev_rank;
    int has_prev_index;
    pp_milli prev_index;
    long line, prev_line;
} pp_unit;

typedef struct {
    char *id, *name; /* both "" for the implicit block of a file without */
    long line;
} pp_block;

typedef struct {
    pp_milli min;
    char *label;
} pp_tier;

typedef struct {
    char *id, *label;
    pp_milli min;
    int has_field_min;
    pp_milli field_min;
} pp_rating;

typedef struct {
    char *id, *label;
    int field; /* index into model->fields */
    pp_milli below;
} pp_flag;

/* Commendation form: multipliers in thousandths (0.15 -> 150); -1 = n/a. */
typedef struct {
    char *id, *label;
    pp_milli individual, collective;
} pp_form;

typedef enum {
    PP_RECIPIENT_UNIT,       /* collective unit="…": a scored unit */
    PP_RECIPIENT_COLLECTIVE, /* collective name="…" */
    PP_RECIPIENT_INDIVIDUAL  /* individual name position org */
} pp_recipient_kind;

typedef struct {
    pp_recipient_kind kind;
    int unit;                   /* for PP_RECIPIENT_UNIT */
    char *name, *position, *org; /* may be NULL */
    long line;
} pp_recipient;

typedef struct {
    int form; /* index into model->forms */
    char *reason;
    pp_recipient *recipients;
    size_t nrecipients;
    long line;
} pp_award;

typedef struct {
    int form;
    int top;
    int rating; /* index into model->ratings */
    char *reason; /* optional; NULL = join the first award of the form */
    long line;
} pp_auto;

typedef enum { PP_OFFICE_CHAIRMAN = 0, PP_OFFICE_DEPUTY } pp_office;

/* Who signs. office and body are always set (from office="…" and
 * body="…", or derived from the older authority/capacity/title); title
 * is the signer's own office ("CHỦ TỊCH", "PHÓ CHỦ TỊCH"); authority and
 * capacity are kept as given (NULL when absent). Each document derives its
 * signature block from office and body (docs/domain.md). */
typedef struct {
    char *authority, *capacity, *title, *name;
    pp_office office;
    char *body; /* the collective body of "TM. …": "ỦY BAN NHÂN DÂN" */
} pp_signer;

typedef struct {
    /* where it came from */
    char *path;
    int format, year, precision;

    /* issuer */
    char *issuer_parent, *issuer_name, *issuer_symbol, *issuer_place,
        *issuer_email;
    pp_signer signer;
    /* "province" or "district": given as <issuer level="…">, else told
     * from the issuer's name ("… TỈNH …", a "THÀNH PHỐ" without parent). */
    char *issuer_level;
    /* the file's own wording, NULL for the templates' wording by level:
     * who proposes ("Giám đốc Sở Nội vụ"), who carries out the approval
     * decision and the commendation decision (their Điều 3) */
    char *proposer, *charged, *award_charged;
    char **recipients; /* "Nơi nhận" entries */
    size_t nrecipients;

    /* announcement */
    int ann_year, ann_month, ann_day;
    /* <announcement forms-deadline="…">: the day the scoring forms are
     * due back, told in their messages; 0 when not given */
    int deadline_year, deadline_month, deadline_day;
    char *ann_number; /* "" when to be written by hand */

    /* scheme */
    char *scheme_title;
    pp_milli scheme_max;
    pp_criterion *criteria; /* document order (pre-order) */
    size_t ncriteria;
    int *fields;            /* criterion indices of the fields */
    size_t nfields;
    int *leaves;            /* criterion indices of the leaves, in order */
    size_t nleaves;

    pp_tier *tiers;     /* highest first */
    size_t ntiers;
    pp_rating *ratings; /* first that holds wins */
    size_t nratings;
    pp_flag *flags;
    size_t nflags;

    int has_blocks;     /* 0: one implicit block with id "" */
    pp_block *blocks;
    size_t nblocks;
    pp_unit *units;     /* document order */
    size_t nunits;

    /* awards */
    int has_base_salary;
    int64_t base_salary; /* đồng: given, or the legal value on the date */
    pp_form *forms;      /* built-in table merged with the file's forms */
    size_t nforms;
    pp_award *awards;
    size_t nawards;
    pp_auto *autos;
    size_t nautos;

    int blank; /* loaded with PP_LOAD_BLANK and no unit has any score */

    struct pp_arena *arena; /* private */
} pp_model;

/*
 * Load and validate an appraisal file. Every problem is appended to diags
 * (FILE:LINE:COL, naming unit and criterion). Returns NULL when any error
 * was found; warnings alone do not fail the load.
 */
pp_model *pp_model_load(const char *path, pp_diags *diags);

/* Same, from memory (name is used in diagnostics). */
pp_model *pp_model_load_memory(const char *buf, size_t len, const char *name,
                               pp_diags *diags);

/* Flags of the _flags loaders. PP_LOAD_BLANK: a unit with no score at all
 * is accepted (a *blank appraisal*, docs/input-format.md, for `forms` and
 * `import`); a unit with some scores is checked as always. The verbs that
 * score never pass it, so they refuse a blank file with "no score" errors. */
enum { PP_LOAD_BLANK = 1u << 0 };

pp_model *pp_model_load_flags(const char *path, unsigned flags,
                              pp_diags *diags);
pp_model *pp_model_load_memory_flags(const char *buf, size_t len,
                                     const char *name, unsigned flags,
                                     pp_diags *diags);

void pp_model_free(pp_model *m);

/* Does p fit as the previous year's file of m (--previous)? An error
 * (naming both files) for another issuer, the same or a later year, or no
 * unit in common (nothing of it could be used); a warning for no
 * criterion in common (the rank changes are still given, every criterion
 * shows as new). Returns the number of errors added to d. */
size_t pp_model_check_previous(const pp_model *m, const pp_model *p,
                               pp_diags *d);

/* Index of the criterion with this id, or -1. */
int pp_model_criterion(const pp_model *m, const char *id);
/* Index of the unit with this id, or -1. */
int pp_model_unit(const pp_model *m, const char *id);

/* Parse "87.49" into thousandths (src/core/milli.c); blanks around it are
 * allowed (non-breaking spaces too). Returns 0 on success, -1 when not a plain decimal ("", "x",
 * "1.", "-1"), -2 for a comma decimal ("87,49"), -3 for more than three
 * decimals, -4 for more than 12 digits before the point. */
int pp_milli_parse(const char *s, pp_milli *out);

#endif
