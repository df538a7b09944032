/* csv.c - `score --format csv` (see output.h). */
#include "data/output.h"
#include "base/viet.h"

#include <string.h>

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

/* `score --format csv` */
pp_status pp_output_csv(const pp_model *m, const pp_results *r, FILE *out)
{
    size_t i;
    char b1[32], b2[32], b3[32];
    fputs("block,rank,id,name,achieved,max,index,tier,rating,previous_rank,"
          "delta,flags\r\n",
          out);
    for (i = 0; i < m->nunits; i++) {
        int ui = r->order[i];
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
        pp_output_flags(out, m, ur, ';', S_csv_field);
        fputs("\r\n", out);
    }
    return pp_output_flushed(out);
}
