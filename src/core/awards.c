/* awards.c - commendations and money (see awards.h). */
#include "core/awards.h"

#include <stdlib.h>
#include <string.h>

/* multiplier x base, rounded up to a multiple of 10,000 đồng. */
int64_t pp_award_amount(pp_milli multiplier, int64_t base_salary)
{
    /* exact: multiplier is in thousandths, so the amount in đồng is
     * multiplier * base / 1000; round up to 10^4 means ceil over 10^7 */
    int64_t num = (int64_t)multiplier * base_salary;
    if (num <= 0)
        return 0;
    return (num + 10000000 - 1) / 10000000 * 10000;
}

static int S_add_line(pp_award_group *g, size_t *cap, pp_award_line l)
{
    if (g->nlines == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        pp_award_line *n = realloc(g->lines, nc * sizeof *n);
        if (!n)
            return -1;
        g->lines = n;
        *cap = nc;
    }
    g->lines[g->nlines++] = l;
    if (l.individual)
        g->individuals++;
    else
        g->collectives++;
    g->total += l.amount;
    return 0;
}

/* Is unit u already listed in any group of form f? */
static int S_listed(const pp_awards *a, int form, int unit)
{
    size_t i, k;
    for (i = 0; i < a->ngroups; i++)
        if (a->groups[i].form == form)
            for (k = 0; k < a->groups[i].nlines; k++)
                if (a->groups[i].lines[k].unit == unit)
                    return 1;
    return 0;
}

/* Compute every award group; see awards.h. */
pp_awards *pp_awards_compute(const pp_model *m, const pp_results *r,
                             pp_diags *diags)
{
    pp_awards *a = calloc(1, sizeof *a);
    size_t *caps = NULL, i, k, b;
    size_t ng = m->nawards + m->nautos;
    if (!a)
        return NULL;
    a->base_salary = m->base_salary;
    a->groups = calloc(ng ? ng : 1, sizeof *a->groups);
    caps = calloc(ng ? ng : 1, sizeof *caps);
    if (!a->groups || !caps)
        goto oom;
    for (i = 0; i < m->nawards; i++) {
        const pp_award *aw = &m->awards[i];
        const pp_form *f = &m->forms[aw->form];
        pp_award_group *g = &a->groups[a->ngroups++];
        g->form = aw->form;
        g->reason = aw->reason;
        for (k = 0; k < aw->nrecipients; k++) {
            const pp_recipient *p = &aw->recipients[k];
            pp_award_line l;
            memset(&l, 0, sizeof l);
            l.kind = p->kind;
            l.unit = p->kind == PP_RECIPIENT_UNIT ? p->unit : -1;
            l.name = p->name;
            l.position = p->position;
            l.org = p->org;
            l.individual = p->kind == PP_RECIPIENT_INDIVIDUAL;
            l.amount = pp_award_amount(l.individual ? f->individual
                                                    : f->collective,
                                       m->base_salary);
            if (S_add_line(g, &caps[a->ngroups - 1], l))
                goto oom;
        }
    }
    for (i = 0; i < m->nautos; i++) {
        const pp_auto *au = &m->autos[i];
        const pp_form *f = &m->forms[au->form];
        pp_award_group *g = NULL;
        size_t gi;
        /* join the first award of the same form, unless a reason is given */
        for (gi = 0; !au->reason && gi < a->ngroups; gi++)
            if (a->groups[gi].form == au->form) {
                g = &a->groups[gi];
                break;
            }
        if (!g) {
            gi = a->ngroups++;
            g = &a->groups[gi];
            g->form = au->form;
            g->reason = au->reason ? au->reason : "";
        }
        /* warn about listed units rated below the rule's rating */
        for (k = 0; k < a->ngroups; k++) {
            size_t j;
            if (a->groups[k].form != au->form)
                continue;
            for (j = 0; j < a->groups[k].nlines; j++) {
                int u = a->groups[k].lines[j].unit;
                if (u >= 0 && !a->groups[k].lines[j].automatic &&
                    r->units[u].rating > au->rating)
                    pp_diag_warning(
                        diags, m->path, m->units[u].line, 1,
                        "unit '%s' (%s) is nominated for '%s' but its head "
                        "is rated '%s', below the '%s' that the auto rule "
                        "at line %ld asks for",
                        m->units[u].id, m->units[u].name, f->id,
                        m->ratings[r->units[u].rating].id,
                        m->ratings[au->rating].id, au->line);
            }
        }
        for (b = 0; b < m->nblocks; b++) {
            const pp_block_result *br = &r->blocks[b];
            int taken = 0, j;
            for (j = 0; j < br->count && taken < au->top; j++) {
                int u = br->order[j];
                pp_award_line l;
                if (r->units[u].rating > au->rating)
                    continue;
                taken++;
                if (S_listed(a, au->form, u))
                    continue;
                memset(&l, 0, sizeof l);
                l.kind = PP_RECIPIENT_UNIT;
                l.unit = u;
                l.name = m->units[u].name;
                l.automatic = 1;
                l.amount = pp_award_amount(f->collective, m->base_salary);
                if (S_add_line(g, &caps[gi], l))
                    goto oom;
            }
        }
    }
    for (i = 0; i < a->ngroups; i++) {
        a->total += a->groups[i].total;
        a->collectives += a->groups[i].collectives;
        a->individuals += a->groups[i].individuals;
    }
    free(caps);
    return a;
oom:
    free(caps);
    pp_awards_free(a);
    pp_diag_error(diags, m->path, 0, 0, "out of memory computing awards");
    return NULL;
}

/* Free the list. */
void pp_awards_free(pp_awards *a)
{
    size_t i;
    if (!a)
        return;
    for (i = 0; i < a->ngroups; i++)
        free(a->groups[i].lines);
    free(a->groups);
    free(a);
}
