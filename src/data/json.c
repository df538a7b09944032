/* json.c - `score --format json` (see output.h). */
#include "data/output.h"
#include "base/viet.h"

#include <string.h>

/* A JSON string, escaped. */
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

/* `score --format json` */
pp_status pp_output_json(const pp_model *m, const pp_results *r, FILE *out)
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
            int ui = br->order[i];
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
            pp_output_flags(out, m, ur, ',', S_json_str);
            fputs("]}", out);
        }
        fputs("]}", out);
    }
    fputs("]}\n", out);
    return pp_output_flushed(out);
}
