/* summary.c - the short human summary of `check` (see output.h). */
#include "data/output.h"
#include "base/viet.h"

#include "base/i18n.h"

#include <errno.h>

/* The summary of every block: counts per tier and rating, the first. */
pp_status pp_output_summary(const pp_model *m, const pp_results *r,
                            FILE *out)
{
    size_t b, i;
    char n1[32], n2[32], n3[32];
    /* TRANSLATORS: FILE: ISSUER, YEAR: the counts of the appraisal */
    fprintf(out, ngettext("%s: %s, %d: %zu units, %zu block, %zu criteria "
                          "(%zu fields, maximum %s points)\n",
                          "%s: %s, %d: %zu units, %zu blocks, %zu criteria "
                          "(%zu fields, maximum %s points)\n",
                          m->nblocks),
            m->path, m->issuer_name, m->year, m->nunits, m->nblocks,
            m->nleaves, m->nfields,
            pp_fmt_decimal(n1, sizeof n1, m->scheme_max, 3,
                           m->scheme_max % 1000 ? 2 : 0));
    for (b = 0; b < m->nblocks; b++) {
        const pp_block_result *br = &r->blocks[b];
        if (m->has_blocks)
            fprintf(out, "%s (%s):\n", m->blocks[b].name, m->blocks[b].id);
        fprintf(out, _("  %d units; mean %s%%, highest %s%%, lowest %s%%\n"),
                br->count,
                pp_fmt_decimal(n1, sizeof n1, br->mean, 3, m->precision),
                pp_fmt_decimal(n2, sizeof n2, br->highest, 3, m->precision),
                pp_fmt_decimal(n3, sizeof n3, br->lowest, 3, m->precision));
        for (i = 0; i < m->ntiers; i++)
            fprintf(out, _("  tier \"%s\": %d\n"), m->tiers[i].label,
                    br->tier_counts[i]);
        for (i = 0; i < m->nratings; i++)
            fprintf(out, _("  rating \"%s\": %d\n"), m->ratings[i].label,
                    br->rating_counts[i]);
        if (br->count)
            fprintf(out, _("  first: %s (%s%%)\n"),
                    m->units[br->order[0]].name,
                    pp_fmt_decimal(n1, sizeof n1, br->highest, 3,
                                   m->precision));
        if (br->demoted)
            fprintf(out, _("  demoted by a weak field: %d\n"), br->demoted);
        if (br->flagged)
            fprintf(out, _("  flagged: %d\n"), br->flagged);
    }
    return pp_output_flushed(out);
}

/* A unit's flags; see output.h. */
void pp_output_flags(FILE *out, const pp_model *m, const pp_unit_result *ur,
                     int sep, void (*field)(FILE *out, const char *id))
{
    size_t k;
    int first = 1;
    for (k = 0; k < m->nflags; k++)
        if (ur->flagged[k]) {
            if (!first)
                fputc(sep, out);
            field(out, m->flags[k].id);
            first = 0;
        }
}

/* Flush; see output.h. */
pp_status pp_output_flushed(FILE *out)
{
    if (fflush(out) != 0 || ferror(out)) {
        if (!errno)
            errno = EIO;
        return PP_E_OUTPUT;
    }
    return PP_OK;
}
