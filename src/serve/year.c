/* year.c - a year of the workspace (internal.h): the appraisal it was
 * made from, the forms received for its units (each judged by the
 * command line's own form reader, src/packet/import.c, and kept with its bytes,
 * who sent it, when, and what was found), and the appraisal assembled
 * from the accepted forms, which `build`, `send` and `score` read as
 * files in the command line's layout:
 *
 *   WS/years/YEAR/source.xml     the appraisal as dropped
 *   WS/years/YEAR/appraisal.xml  the assembled one (all forms in)
 *   WS/years/YEAR/forms/ID.xlsx  the accepted forms it was made from
 *   WS/years/YEAR/blank-forms/   `parpack forms` of the blank
 *   WS/output/YEAR/              the packet (`parpack build`)
 *
 * The core (loader, form reader, scoring) is called under one lock. */
#define _GNU_SOURCE
#include "serve/internal.h"
#include "base/diag.h"
#include "core/model.h"
#include "data/output.h"
#include "core/score.h"
#include "base/sha256.h"
#include "base/viet.h"
#include "render/xlsx/xlsx_read.h"
#include "base/i18n.h"

#include <sqlite3.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

pthread_mutex_t ws_core_lock = PTHREAD_MUTEX_INITIALIZER;

/* See internal.h. */
void ws_errs_free(ws_errs *e)
{
    size_t i;
    for (i = 0; i < e->n; i++) {
        free(e->v[i].file);
        free(e->v[i].sheet);
        free(e->v[i].cell);
        free(e->v[i].message);
    }
    free(e->v);
    e->v = NULL;
    e->n = 0;
}

/* See internal.h. cells: {"sheet","cell","message"}, else {"file",
 * "line","col","message"}. */
void ws_errs_json(ws_buf *b, const ws_errs *e, int cells)
{
    size_t i;
    ws_buf_puts(b, "[");
    for (i = 0; i < e->n; i++) {
        const ws_err *x = &e->v[i];
        ws_buf_puts(b, i ? ", {" : "{");
        if (cells) {
            ws_buf_puts(b, "\"sheet\": ");
            ws_buf_json(b, x->sheet ? x->sheet : "");
            ws_buf_member(b, "cell", x->cell ? x->cell : "");
        } else {
            ws_buf_puts(b, "\"file\": ");
            ws_buf_json(b, x->file ? x->file : "");
            ws_buf_printf(b, ", \"line\": %ld, \"col\": %ld", x->line, x->col);
        }
        ws_buf_member(b, "message", x->message ? x->message : "");
        ws_buf_puts(b, "}");
    }
    ws_buf_puts(b, "]");
}

/* The errors of d as ws_errs: a file named tmp is called name. */
static void S_errs(ws_errs *e, const pp_diags *d, const char *tmp,
                   const char *name)
{
    size_t i;
    e->v = calloc(d->len + 1, sizeof *e->v);
    if (!e->v)
        return;
    for (i = 0; i < d->len; i++) {
        const pp_diag *x = &d->items[i];
        ws_err *o = &e->v[e->n];
        if (x->severity != PP_ERROR)
            continue;
        o->file = strdup(!x->file || strcmp(x->file, tmp) == 0
                             ? name
                             : strrchr(x->file, '/') ? strrchr(x->file, '/') + 1
                                                     : x->file);
        o->message = strdup(x->message ? x->message : "");
        if (x->where) {
            const char *bang = strrchr(x->where, '!');
            o->sheet = bang ? strndup(x->where, (size_t)(bang - x->where))
                            : strdup(x->where);
            o->cell = strdup(bang ? bang + 1 : "");
        } else {
            o->line = x->line;
            o->col = x->col;
            o->sheet = strdup("");
            o->cell = strdup("");
        }
        e->n++;
    }
}

/* Write data to a new temporary file of the workspace (suffix ".xml" or
 * ".xlsx"); its path (malloc'd), or NULL. */
static char *S_temp(ws_server *s, const char *suffix, const void *data,
                    size_t len)
{
    char *dir = ws_path(&s->store, "tmp"), *path = NULL;
    int fd = -1;
    if (!dir || ws_mkdirs(dir) != 0)
        goto fail;
    if (asprintf(&path, "%s/" WS_TMP_UPLOAD "XXXXXX%s", dir, suffix) < 0) {
        path = NULL;
        goto fail;
    }
    if ((fd = mkstemps(path, (int)strlen(suffix))) < 0 ||
        ws_write_all(fd, data, len) != 0)
        goto fail;
    close(fd);
    free(dir);
    return path;
fail:
    if (fd >= 0) {
        close(fd);
        unlink(path);
    }
    free(path);
    free(dir);
    return NULL;
}

/* 1 when the workspace has year. */
int ws_year_exists(ws_server *s, int year)
{
    int yes;
    pthread_mutex_lock(&s->store.lock);
    yes = ws_store_has(&s->store, "SELECT 1 FROM years WHERE year=?", year,
                       NULL);
    pthread_mutex_unlock(&s->store.lock);
    return yes;
}

/* One error without a position. */
static void S_err1(ws_errs *e, const char *file, const char *msg)
{
    e->v = calloc(1, sizeof *e->v);
    if (!e->v)
        return;
    e->v[0].file = strdup(file);
    e->v[0].sheet = strdup("");
    e->v[0].cell = strdup("");
    e->v[0].message = strdup(msg);
    e->n = 1;
}

/* See internal.h. */
int ws_year_create(ws_server *s, const char *user, const char *name,
                   const char *data, size_t len, int *year, ws_errs *errs)
{
    pp_diags d = {0};
    pp_model *m = NULL, *full = NULL;
    pp_results *r = NULL;
    char *tmp = S_temp(s, ".xml", data, len), *dir = NULL, *src = NULL;
    char detail[200];
    sqlite3_stmt *q = NULL;
    int rc = -1;
    size_t i;
    memset(errs, 0, sizeof *errs);
    if (!tmp)
        return -1;
    pthread_mutex_lock(&ws_core_lock);
    m = pp_model_load_flags(tmp, PP_LOAD_BLANK, &d);
    if (m && !m->blank) {
        /* a full appraisal: scored as `check` would */
        full = pp_model_load(tmp, &d);
        if (full)
            r = pp_score_units(full, NULL, &d);
    }
    pthread_mutex_unlock(&ws_core_lock);
    if (!m || (!m->blank && !r) || d.errors) {
        S_errs(errs, &d, tmp, name);
        rc = 1;
        goto end;
    }
    *year = m->year;
    if (ws_year_exists(s, m->year)) {
        char msg[200];
        snprintf(msg, sizeof msg,
                 _("the workspace has the year %d already"), m->year);
        S_err1(errs, name, msg);
        rc = 2;
        goto end;
    }
    if (!(dir = ws_path(&s->store, "years/%d", m->year)) ||
        ws_mkdirs(dir) != 0 ||
        !(src = ws_path(&s->store, "years/%d/source.xml", m->year)))
        goto end;
    /* the year's row first, its file after, in one transaction: of two
     * requests making the same year at once, the one refused never
     * writes over the file of the one taken */
    pthread_mutex_lock(&s->store.lock);
    ws_store_exec(&s->store, "BEGIN IMMEDIATE");
    if (!(q = ws_stmt(&s->store,
                      "INSERT INTO years(year,issuer,blank,source,"
                      "source_name,created_by,created_at) "
                      "VALUES(?,?,?,?,?,?,?)",
                      m->year, NULL)))
        goto rollback;
    sqlite3_bind_text(q, 2, m->issuer_name ? m->issuer_name : "", -1,
                      SQLITE_TRANSIENT);
    sqlite3_bind_int(q, 3, m->blank);
    sqlite3_bind_blob(q, 4, data, (int)len, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 5, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 6, user, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 7, (sqlite3_int64)time(NULL));
    if ((rc = sqlite3_step(q)) != SQLITE_DONE) {
        if (rc == SQLITE_CONSTRAINT) { /* made meanwhile */
            char msg[200];
            snprintf(msg, sizeof msg,
                     _("the workspace has the year %d already"), m->year);
            S_err1(errs, name, msg);
            rc = 2;
        } else {
            rc = -1;
        }
        goto rollback;
    }
    rc = -1;
    sqlite3_finalize(q);
    q = NULL;
    if (sqlite3_prepare_v2(s->store.db,
                           "INSERT INTO units(year,id,name,block,seq) "
                           "VALUES(?,?,?,?,?)",
                           -1, &q, NULL) != SQLITE_OK)
        goto rollback;
    for (i = 0; i < m->nunits; i++) {
        const pp_unit *u = &m->units[i];
        sqlite3_reset(q);
        sqlite3_bind_int(q, 1, m->year);
        sqlite3_bind_text(q, 2, u->id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 3, u->name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 4, m->blocks[u->block].name, -1,
                          SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 5, (sqlite3_int64)i);
        if (sqlite3_step(q) != SQLITE_DONE)
            goto rollback;
    }
    sqlite3_finalize(q);
    q = NULL;
    if (ws_write_file(src, data, len) != 0 ||
        ws_store_exec(&s->store, "COMMIT") != 0)
        goto rollback;
    pthread_mutex_unlock(&s->store.lock);
    snprintf(detail, sizeof detail, "year %d from %.100s (%s)", m->year, name,
             m->blank ? "blank" : "full");
    rc = 0;
    goto end;
rollback:
    sqlite3_finalize(q);
    ws_store_exec(&s->store, "ROLLBACK");
    pthread_mutex_unlock(&s->store.lock);
end:
    if (rc == 0)
        ws_audit(&s->store, user, NULL, "year", detail);
    pthread_mutex_lock(&ws_core_lock);
    pp_score_units_free(r);
    pp_model_free(full);
    pp_model_free(m);
    pthread_mutex_unlock(&ws_core_lock);
    pp_diags_free(&d);
    ws_temp_drop(tmp);
    free(dir);
    free(src);
    return rc;
}

/* The year's blank (1), full (0), or -1 when there is no such year. */
static int S_year_blank(ws_server *s, int year)
{
    sqlite3_stmt *q = NULL;
    int b = -1;
    pthread_mutex_lock(&s->store.lock);
    if ((q = ws_stmt(&s->store,
                     "SELECT blank FROM years WHERE year=?",
                     year, NULL)) != NULL) {
        if (sqlite3_step(q) == SQLITE_ROW)
            b = sqlite3_column_int(q, 0);
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    return b;
}

/* ---------------------------------------------------------------------
 * A form's unit: the cell named PP_UNIT, read as import reads it.
 */

typedef struct {
    long row, col;
    char *text;
} S_find;

static int S_find_cell(void *ctx, const pp_xcell *c)
{
    S_find *f = ctx;
    if (c->row == f->row && c->col == f->col) {
        f->text = strdup(c->text);
        return 1;
    }
    return 0;
}

/* The unit id a form names (NFC, trimmed, malloc'd), or NULL. */
static char *S_form_unit(const char *path)
{
    char sheet[256];
    pp_diags d = {0};
    pp_xbook *b = NULL;
    const char *ref, *bang;
    S_find f = {0, 0, NULL};
    char *out = NULL;
    size_t i, n = 0;
    pp_status st = pp_xbook_open(path, &b, &d);
    pp_diags_free(&d); /* a form that cannot be read names no unit */
    if (st != PP_OK)
        return NULL;
    ref = pp_xbook_defined(b, "PP_UNIT");
    if (ref && (bang = strrchr(ref, '!')) != NULL) {
        const char *p = ref;
        if (*p == '=')
            p++;
        if (*p == '\'') { /* 'Phiếu chấm điểm' with '' for a quote */
            for (p++; p < bang && n + 1 < sizeof sheet; p++) {
                if (*p == '\'' && p[1] == '\'')
                    sheet[n++] = *p++;
                else if (*p != '\'')
                    sheet[n++] = *p;
            }
        } else {
            for (; p < bang && n + 1 < sizeof sheet; p++)
                sheet[n++] = *p;
        }
        sheet[n] = 0;
        if (pp_xcell_parse(bang + 1, &f.row, &f.col) == 0)
            for (i = 0; i < pp_xbook_nsheets(b); i++)
                if (strcmp(pp_xbook_sheet_name(b, i), sheet) == 0) {
                    (void)pp_xbook_sheet_read(b, i, S_find_cell, &f, &d);
                    pp_diags_free(&d);
                    break;
                }
    }
    pp_xbook_close(b);
    if (f.text) {
        char *t = f.text, *e;
        while (*t == ' ' || *t == '\t')
            t++;
        e = t + strlen(t);
        while (e > t && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
                         e[-1] == '\r'))
            *--e = 0;
        out = pp_nfc(t);
        free(f.text);
    }
    return out;
}

/* The cells of the rows of a form's errors, for a page to show them in
 * their place: {"SHEET": {"ROW": ["A's text", "B's text", …]}}. */
typedef struct {
    long *rows;
    size_t nrows;
    long maxcol;
    char **text; /* nrows x (maxcol + 1) */
} S_rows;

/* A number cell as a Vietnamese clerk reads it in Excel: "0.75" is
 * 0,75 and "1E-3" is 0,001 (at most 15 significant digits, as Excel
 * shows them); the text as written when it is not a number. */
static char *S_number_vn(const char *text)
{
    char buf[64], *end, *p;
    double v = strtod(text, &end);
    if (end == text || *end || snprintf(buf, sizeof buf, "%.15g", v) < 0 ||
        strchr(buf, 'e') || strchr(buf, 'n') || strchr(buf, 'i'))
        return strndup(text, 200);
    if ((p = strchr(buf, '.')))
        *p = ',';
    return strdup(buf);
}

static int S_row_cell(void *ctx, const pp_xcell *c)
{
    S_rows *r = ctx;
    size_t i;
    if (c->col > r->maxcol)
        return 0;
    for (i = 0; i < r->nrows; i++)
        if (r->rows[i] == c->row) {
            char **slot = &r->text[i * (size_t)(r->maxcol + 1) + (size_t)c->col];
            free(*slot);
            *slot = c->kind == PP_XC_NUMBER ? S_number_vn(c->text)
                                            : strndup(c->text, 200);
        }
    return 0;
}

/* See internal.h. */
void ws_colname(char out[8], long c)
{
    char tmp[8];
    int n = 0, i;
    while (c > 0 && n < 7) {
        tmp[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    for (i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = 0;
}

/* See internal.h. */
int ws_errs_add(ws_errs *e, const char *sheet, const char *cell,
                const char *message)
{
    ws_err *v = realloc(e->v, (e->n + 1) * sizeof *v);
    if (!v)
        return -1;
    e->v = v;
    memset(&v[e->n], 0, sizeof *v);
    v[e->n].sheet = strdup(sheet ? sheet : "");
    v[e->n].cell = strdup(cell ? cell : "");
    v[e->n].message = strdup(message ? message : "");
    e->n++;
    return 0;
}

/* See internal.h. */
int ws_errs_cell(ws_errs *e, const char *sheet, long row, long col,
                 const char *text)
{
    char ref[32], name[8];
    if (row < 0 || col < 0)
        return -1;
    if (!text || !*text)
        return 0;
    ws_colname(name, col + 1);
    snprintf(ref, sizeof ref, "%s%ld", name, row + 1);
    return ws_errs_add(e, sheet, ref, text);
}

/* The form's cells in the rows of its errors: as JSON into b (sheet ->
 * row -> the texts of columns A..), and, when cells is not NULL, one by
 * one into cells (for the unit's page, which draws them itself). */
static void S_context(const char *path, const ws_errs *e, ws_buf *b,
                      ws_errs *cells)
{
    pp_diags d = {0};
    pp_xbook *bk = NULL;
    size_t i, k, si, nsheets = 0;
    const char *done[16];
    /* only the cells beside the errors, when the form can be read */
    if (pp_xbook_open(path, &bk, &d) != PP_OK)
        bk = NULL;
    ws_buf_puts(b, "{");
    for (i = 0; bk && i < e->n && nsheets < 16; i++) {
        const char *sheet = e->v[i].sheet;
        S_rows r = {NULL, 0, 5, NULL};
        long row, col;
        int seen = 0;
        for (k = 0; k < nsheets; k++)
            seen |= strcmp(done[k], sheet) == 0;
        if (seen || !sheet[0] || pp_xcell_parse(e->v[i].cell, &row, &col) != 0)
            continue;
        done[nsheets++] = sheet;
        if (!(r.rows = calloc(e->n, sizeof *r.rows)))
            break;
        for (k = 0; k < e->n; k++) {
            size_t j;
            int dup = 0;
            if (strcmp(e->v[k].sheet, sheet) != 0 ||
                pp_xcell_parse(e->v[k].cell, &row, &col) != 0)
                continue;
            for (j = 0; j < r.nrows; j++)
                dup |= r.rows[j] == row;
            if (!dup && r.nrows < 200)
                r.rows[r.nrows++] = row;
            if (col > r.maxcol && col < 26)
                r.maxcol = col;
        }
        r.text = calloc(r.nrows * (size_t)(r.maxcol + 1) + 1, sizeof *r.text);
        for (si = 0; r.text && si < pp_xbook_nsheets(bk); si++)
            if (strcmp(pp_xbook_sheet_name(bk, si), sheet) == 0)
                (void)pp_xbook_sheet_read(bk, si, S_row_cell, &r, &d);
        if (b->len > 1)
            ws_buf_puts(b, ", ");
        ws_buf_json(b, sheet);
        ws_buf_puts(b, ": {");
        for (k = 0; r.text && k < r.nrows; k++) {
            long c;
            ws_buf_printf(b, "%s\"%ld\": [", k ? ", " : "", r.rows[k] + 1);
            for (c = 0; c <= r.maxcol; c++) {
                const char *t = r.text[k * (size_t)(r.maxcol + 1) + (size_t)c];
                if (c)
                    ws_buf_puts(b, ", ");
                ws_buf_json(b, t ? t : "");
                if (cells)
                    (void)ws_errs_cell(cells, sheet, r.rows[k], c, t);
            }
            ws_buf_puts(b, "]");
        }
        ws_buf_puts(b, "}");
        for (k = 0; r.text && k < r.nrows * (size_t)(r.maxcol + 1); k++)
            free(r.text[k]);
        free(r.text);
        free(r.rows);
    }
    ws_buf_puts(b, "}");
    if (bk)
        pp_xbook_close(bk);
    pp_diags_free(&d);
}

/* See internal.h. */
int ws_form_receive(ws_server *s, int year, const char *user,
                    const char *name, const char *data, size_t len,
                    ws_buf *b)
{
    return ws_form_receive_via(s, year, user, name, data, len, NULL, b);
}

/* See internal.h. */
int ws_form_receive_via(ws_server *s, int year, const char *user,
                        const char *name, const char *data, size_t len,
                        ws_via *via, ws_buf *b)
{
    pp_diags d = {0};
    pp_model *m = NULL, *one = NULL;
    ws_errs errs = {0};
    ws_buf ej = {0}, ctx = {0};
    char *blank = ws_path(&s->store, "years/%d/source.xml", year);
    char *tmp = S_temp(s, ".xlsx", data, len), *out = NULL, *unit = NULL;
    char sha[PP_SHA256_HEX], detail[300];
    const char *status = "invalid";
    sqlite3_stmt *q = NULL;
    int isblank = S_year_blank(s, year), rc = -1;
    long long id = 0;
    if (!blank || !tmp || pp_sha256_mem(data, len, sha) != PP_OK)
        goto end;
    if (isblank == 0) {
        S_err1(&errs, name,
               _("this year was made from a full appraisal: its scores are "
                 "in that file, and forms go to a year made from the blank "
                 "appraisal"));
    } else {
        int ran;
        const char *inputs[1];
        if (asprintf(&out, "%s.xml", tmp) < 0) {
            out = NULL;
            goto end;
        }
        inputs[0] = tmp;
        pthread_mutex_lock(&ws_core_lock);
        m = pp_model_load_flags(blank, PP_LOAD_BLANK, &d);
        unit = S_form_unit(tmp);
        ran = m && ws_import(m, blank, inputs, 1, 1, out, &d);
        if (ran) {
            /* self-assessed only, or appraised too */
            one = pp_model_load_flags(out, PP_LOAD_BLANK, &d);
            if (one && unit) {
                size_t u, l;
                status = "submitted";
                for (u = 0; u < one->nunits; u++)
                    if (strcmp(one->units[u].id, unit) == 0) {
                        status = "ok";
                        for (l = 0; l < one->nleaves; l++) {
                            const pp_score *sc = &one->units[u].scores[l];
                            if (!sc->na && !sc->has_appraised)
                                status = "submitted";
                            if (via && sc->has_appraised)
                                via->dropped = 1;
                        }
                    }
                /* through a link, only the unit's columns count */
                if (via && via->unit)
                    status = "submitted";
            }
        }
        pthread_mutex_unlock(&ws_core_lock);
        if (!one || d.errors || !unit) {
            status = "invalid";
            S_errs(&errs, &d, tmp, name);
            pthread_mutex_lock(&ws_core_lock);
            S_context(tmp, &errs, &ctx, via ? &via->cells : NULL);
            pthread_mutex_unlock(&ws_core_lock);
        }
    }
    if (via && via->unit) {
        if (unit && strcmp(unit, via->unit) != 0) {
            /* another unit's form: refused, kept for no unit, and the
             * answer names no unit */
            ws_errs_free(&errs);
            ws_errs_free(&via->cells); /* no cell is shown */
            S_err1(&errs, name,
                   _("this is not the form of the unit of this link: "
                     "download the unit's own form on this page, fill it "
                     "in and send it again"));
            via->other = 1;
            via->invalid = 1;
            via->dropped = 0;
            via->errs = errs;
            memset(&errs, 0, sizeof errs);
            snprintf(detail, sizeof detail,
                     "year %d link of %.60s: another unit's form refused",
                     year, via->unit);
            ws_audit(&s->store, user, NULL, "link-upload", detail);
            rc = 0;
            goto end;
        }
        if (!unit && !(unit = strdup(via->unit)))
            goto end;
    }
    if (!ctx.s)
        ws_buf_puts(&ctx, "{}");
    ws_errs_json(&ej, &errs, 1);
    if (ej.oom)
        goto end;
    pthread_mutex_lock(&s->store.lock);
    if ((q = ws_stmt(&s->store,
                     "INSERT INTO forms(year,unit,file,bytes,sha256,"
                     "received_by,received_at,status,errors,rows,via) "
                     "VALUES(?,?,?,?,?,?,?,?,?,?,?)",
                     year, unit)) != NULL) {
        sqlite3_bind_text(q, 3, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_blob(q, 4, data, (int)len, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 5, sha, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 6, user, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(q, 7, (sqlite3_int64)time(NULL));
        sqlite3_bind_text(q, 8, status, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 9, ej.s, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 10, ctx.s, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(q, 11, via && via->via ? via->via : "account", -1,
                          SQLITE_STATIC);
        if (sqlite3_step(q) == SQLITE_DONE) {
            id = sqlite3_last_insert_rowid(s->store.db);
            rc = 0;
        }
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    if (rc != 0)
        goto end;
    snprintf(detail, sizeof detail, "year %d form %lld %.100s unit %.60s: %s%s",
             year, id, name, unit ? unit : "?", status,
             via && via->dropped ? " (its appraised column ignored)" : "");
    ws_audit(&s->store, user, NULL,
             via && via->unit ? "link-upload" : "upload", detail);
    if (via) {
        via->invalid = strcmp(status, "invalid") == 0;
        if (via->invalid)
            via->dropped = 0;
        via->errs = errs;
        memset(&errs, 0, sizeof errs);
    }
    ws_buf_puts(b, "{\"file\": ");
    ws_buf_json(b, name);
    ws_buf_member(b, "unit", unit);
    ws_buf_printf(b, ", \"form\": %lld, \"status\": \"%s\", \"errors\": ", id,
                  status);
    ws_buf_add(b, ej.s, ej.len);
    ws_buf_puts(b, ", \"rows\": ");
    ws_buf_add(b, ctx.s, ctx.len);
    ws_buf_puts(b, "}");
end:
    pthread_mutex_lock(&ws_core_lock);
    pp_model_free(m);
    pp_model_free(one);
    pthread_mutex_unlock(&ws_core_lock);
    pp_diags_free(&d);
    ws_errs_free(&errs);
    ws_buf_free(&ej);
    ws_buf_free(&ctx);
    ws_temp_drop(tmp);
    ws_temp_drop(out);
    free(unit);
    free(blank);
    return rc;
}

/* ---------------------------------------------------------------------
 * The assembled appraisal.
 */

/* The accepted form of every unit (the latest ok or submitted), as ids in
 * unit order into ids; the number of units, or -1. *missing gets the
 * number without one. */
static long S_accepted(ws_server *s, int year, long long **ids,
                       long *missing)
{
    sqlite3_stmt *q = NULL;
    long n = 0, cap = 0;
    *ids = NULL;
    *missing = 0;
    pthread_mutex_lock(&s->store.lock);
    if (!(q = ws_stmt(
            &s->store,
            "SELECT (SELECT max(f.id) FROM forms f WHERE f.year=u.year AND "
            "f.unit=u.id AND f.status<>'invalid') FROM units u WHERE u.year=? "
            "ORDER BY u.seq",
            year, NULL))) {
        pthread_mutex_unlock(&s->store.lock);
        return -1;
    }
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (n == cap) {
            long long *v = realloc(*ids, (size_t)(cap = cap ? 2 * cap : 64) *
                                             sizeof *v);
            if (!v) {
                n = -1;
                break;
            }
            *ids = v;
        }
        (*ids)[n] = sqlite3_column_type(q, 0) == SQLITE_NULL
                        ? 0
                        : sqlite3_column_int64(q, 0);
        if (!(*ids)[n])
            (*missing)++;
        n++;
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    return n;
}

/* Write form id's bytes to path, unless there already. 0 or -1. */
static int S_form_file(ws_server *s, long long id, const char *path)
{
    sqlite3_stmt *q = NULL;
    int rc = -1;
    if (access(path, F_OK) == 0)
        return 0;
    pthread_mutex_lock(&s->store.lock);
    if (sqlite3_prepare_v2(s->store.db, "SELECT bytes FROM forms WHERE id=?",
                           -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, id);
        if (sqlite3_step(q) == SQLITE_ROW)
            rc = ws_write_file(path, sqlite3_column_blob(q, 0),
                               (size_t)sqlite3_column_bytes(q, 0));
    }
    sqlite3_finalize(q);
    pthread_mutex_unlock(&s->store.lock);
    return rc;
}

/* The year's complete appraisal (see internal.h), without the previous. */
static char *S_appraisal(ws_server *s, int year)
{
    long long *ids = NULL;
    long n, missing, i;
    int blank = S_year_blank(s, year);
    char *src = NULL, *out = NULL, *stamp = NULL, *have = NULL, *fdir = NULL;
    char **paths = NULL;
    ws_buf want = {0};
    size_t hl;
    pp_diags d = {0};
    pp_model *m = NULL;
    if (blank < 0)
        return NULL;
    src = ws_path(&s->store, "years/%d/source.xml", year);
    if (blank == 0)
        return src;
    n = S_accepted(s, year, &ids, &missing);
    if (n <= 0 || missing)
        goto end;
    out = ws_path(&s->store, "years/%d/appraisal.xml", year);
    stamp = ws_path(&s->store, "years/%d/appraisal.forms", year);
    fdir = ws_path(&s->store, "years/%d/forms", year);
    if (!out || !stamp || !fdir || ws_mkdirs(fdir) != 0)
        goto fail;
    for (i = 0; i < n; i++)
        ws_buf_printf(&want, "%lld\n", ids[i]);
    ws_answers_stamp(s, year, &want);
    have = ws_read_file(stamp, 1 << 24, &hl);
    if (have && want.s && strcmp(have, want.s) == 0 && access(out, R_OK) == 0)
        goto end; /* made from the same forms already */
    if (!(paths = calloc((size_t)n, sizeof *paths)))
        goto fail;
    for (i = 0; i < n; i++)
        if (asprintf(&paths[i], "%s/%lld.xlsx", fdir, ids[i]) < 0 ||
            S_form_file(s, ids[i], paths[i]) != 0)
            goto fail;
    pthread_mutex_lock(&ws_core_lock);
    m = pp_model_load_flags(src, PP_LOAD_BLANK, &d);
    if (m && !ws_import(m, src, (const char *const *)paths, (size_t)n, 0,
                        out, &d)) {
        pthread_mutex_unlock(&ws_core_lock);
        goto fail;
    }
    pthread_mutex_unlock(&ws_core_lock);
    if (!m || s->links_patch(s, year, out, ids, n) != 0 ||
        ws_write_file(stamp, want.s, want.len) != 0)
        goto fail;
    goto end;
fail:
    free(out);
    out = NULL;
end:
    pthread_mutex_lock(&ws_core_lock);
    pp_model_free(m);
    pthread_mutex_unlock(&ws_core_lock);
    pp_diags_free(&d);
    for (i = 0; paths && i < n; i++)
        free(paths[i]);
    free(paths);
    free(ids);
    free(src);
    free(stamp);
    free(have);
    free(fdir);
    ws_buf_free(&want);
    return out;
}

/* See internal.h. */
char *ws_year_appraisal(ws_server *s, int year, char **prev)
{
    static pthread_mutex_t one = PTHREAD_MUTEX_INITIALIZER;
    char *a;
    pthread_mutex_lock(&one); /* one assembly at a time */
    a = S_appraisal(s, year);
    *prev = a ? S_appraisal(s, year - 1) : NULL;
    pthread_mutex_unlock(&one);
    return a;
}

/* The year's `score --format json` into b: 0, 1 when the forms are not
 * all in, -1 on an error. */
int ws_year_results(ws_server *s, int year, ws_buf *b)
{
    char *prev = NULL, *a = ws_year_appraisal(s, year, &prev), *text = NULL;
    pp_diags d = {0};
    pp_model *m = NULL, *p = NULL;
    pp_results *r = NULL;
    size_t tl = 0;
    FILE *f;
    int rc = -1;
    if (!a) {
        free(prev);
        return 1;
    }
    pthread_mutex_lock(&ws_core_lock);
    m = pp_model_load(a, &d);
    if (prev)
        p = pp_model_load(prev, &d);
    if (m && (!prev || p))
        r = pp_score_units(m, p, &d);
    if (r && (f = open_memstream(&text, &tl)) != NULL) {
        int ok = pp_output_json(m, r, f) == PP_OK;
        if (fclose(f) == 0 && ok) {
            ws_buf_add(b, text, tl);
            rc = 0;
        }
    }
    pp_score_units_free(r);
    pp_model_free(m);
    pp_model_free(p);
    pthread_mutex_unlock(&ws_core_lock);
    pp_diags_free(&d);
    free(text);
    free(a);
    free(prev);
    return rc;
}

/* See internal.h. */
char *ws_year_forms(ws_server *s, int year)
{
    static pthread_mutex_t one = PTHREAD_MUTEX_INITIALIZER;
    char *dir = ws_path(&s->store, "years/%d/blank-forms", year);
    char *src = ws_path(&s->store, "years/%d/source.xml", year);
    char *man = ws_path(&s->store, "years/%d/blank-forms/manifest.tsv", year);
    const char *args[] = {"forms", src, "--out", dir, "--quiet", NULL};
    int ok = 0;
    pthread_mutex_lock(&one);
    if (dir && src && man)
        ok = access(man, R_OK) == 0 || ws_run(s, args, NULL, NULL) == 0;
    pthread_mutex_unlock(&one);
    free(src);
    free(man);
    if (!ok) {
        free(dir);
        return NULL;
    }
    return dir;
}

/* The i-th member of a labels' object: "id": "label". */
static void S_label(ws_buf *b, size_t i, const char *id, const char *label)
{
    ws_buf_puts(b, i ? ", " : "");
    ws_buf_json(b, id);
    ws_buf_puts(b, ": ");
    ws_buf_json(b, label);
}

/* See internal.h. */
int ws_year_labels(ws_server *s, int year, ws_buf *b)
{
    char *src = ws_path(&s->store, "years/%d/source.xml", year);
    pp_diags d = {0};
    pp_model *m;
    size_t i;
    if (!src)
        return -1;
    pthread_mutex_lock(&ws_core_lock);
    m = pp_model_load_flags(src, PP_LOAD_BLANK, &d);
    if (m) {
        ws_buf_puts(b, "{\"ratings\": {");
        for (i = 0; i < m->nratings; i++)
            S_label(b, i, m->ratings[i].id, m->ratings[i].label);
        ws_buf_puts(b, "}, \"flags\": {");
        for (i = 0; i < m->nflags; i++)
            S_label(b, i, m->flags[i].id, m->flags[i].label);
        ws_buf_puts(b, "}}");
    }
    pp_model_free(m);
    pthread_mutex_unlock(&ws_core_lock);
    pp_diags_free(&d);
    free(src);
    return m ? 0 : -1;
}
