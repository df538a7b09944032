/*
 * package.c - the DOCX package (docx.h): the
 * small parts (content types, relationships, document properties,
 * styles, settings, fonts, the page-number header) and pp_docx_render,
 * which writes the body and charts (body.c, chart.c) and zips every part
 * in a fixed order with one time (zip.h).
 */
#include "render/docx/docx.h"
#include "base/epoch.h"
#include "base/zip.h"
#include "render/docx/dx.h"
#include "data/desc.h"
#include "render/doc.h"
#include "base/i18n.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PR "http://schemas.openxmlformats.org/package/2006/relationships"
#define CT_W "application/vnd.openxmlformats-officedocument.wordprocessingml."
#define FONT "Times New Roman"

/* ---------------------------------------------------------------------
 * The small parts.
 */

/* <Relationship Id Type Target/> */
static void S_rel(dx *r, const char *id, const char *type, const char *target)
{
    dx_start(r, "Relationship");
    dx_attr(r, "Id", id);
    dx_attr(r, "Type", type);
    dx_attr(r, "Target", target);
    dx_end(r);
}

/* <Override PartName ContentType/> */
static void S_override(dx *r, const char *part, const char *type)
{
    dx_start(r, "Override");
    dx_attr(r, "PartName", part);
    dx_attr(r, "ContentType", type);
    dx_end(r);
}

static void S_content_types(dx *r, dx_part *p)
{
    xmlTextWriterPtr prev = dx_part_begin(r, p);
    int i;
    char name[64];
    dx_start(r, "Types");
    dx_attr(r, "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types");
    dx_start(r, "Default");
    dx_attr(r, "Extension", "rels");
    dx_attr(r, "ContentType",
            "application/vnd.openxmlformats-package.relationships+xml");
    dx_end(r);
    dx_start(r, "Default");
    dx_attr(r, "Extension", "xml");
    dx_attr(r, "ContentType", "application/xml");
    dx_end(r);
    S_override(r, "/word/document.xml", CT_W "document.main+xml");
    S_override(r, "/word/styles.xml", CT_W "styles+xml");
    S_override(r, "/word/settings.xml", CT_W "settings+xml");
    S_override(r, "/word/fontTable.xml", CT_W "fontTable+xml");
    S_override(r, "/word/header1.xml", CT_W "header+xml");
    S_override(r, "/word/header2.xml", CT_W "header+xml");
    for (i = 0; i < r->ncharts; i++) {
        snprintf(name, sizeof name, "/word/charts/chart%d.xml", i + 1);
        S_override(r, name, "application/vnd.openxmlformats-officedocument."
                            "drawingml.chart+xml");
    }
    S_override(r, "/docProps/core.xml",
               "application/vnd.openxmlformats-package.core-properties+xml");
    S_override(r, "/docProps/app.xml", "application/vnd.openxmlformats-"
                                       "officedocument.extended-properties+xml");
    dx_end(r);
    dx_part_end(r, prev);
}

static void S_package_rels(dx *r, dx_part *p)
{
    xmlTextWriterPtr prev = dx_part_begin(r, p);
    dx_start(r, "Relationships");
    dx_attr(r, "xmlns", NS_PR);
    S_rel(r, "rId1", NS_R "/officeDocument", "word/document.xml");
    S_rel(r, "rId2", NS_PR "/metadata/core-properties", "docProps/core.xml");
    S_rel(r, "rId3", NS_R "/extended-properties", "docProps/app.xml");
    dx_end(r);
    dx_part_end(r, prev);
}

static void S_document_rels(dx *r, dx_part *p)
{
    xmlTextWriterPtr prev = dx_part_begin(r, p);
    int i;
    char id[32], target[64];
    dx_start(r, "Relationships");
    dx_attr(r, "xmlns", NS_PR);
    S_rel(r, "rIdStyles", NS_R "/styles", "styles.xml");
    S_rel(r, "rIdSettings", NS_R "/settings", "settings.xml");
    S_rel(r, "rIdFonts", NS_R "/fontTable", "fontTable.xml");
    S_rel(r, "rIdHeaderNumber", NS_R "/header", "header1.xml");
    S_rel(r, "rIdHeaderEmpty", NS_R "/header", "header2.xml");
    for (i = 0; i < r->ncharts; i++) {
        snprintf(id, sizeof id, "rIdChart%d", i + 1);
        snprintf(target, sizeof target, "charts/chart%d.xml", i + 1);
        S_rel(r, id, NS_R "/chart", target);
    }
    dx_end(r);
    dx_part_end(r, prev);
}

/* An element holding a text, when the text is given. */
static void S_el_text(dx *r, const char *name, const char *text)
{
    if (!text)
        return;
    dx_start(r, name);
    dx_text(r, text);
    dx_end(r);
}

/* docProps/core.xml: the description's title, author, subject, keywords
 * and language; the dates from SOURCE_DATE_EPOCH (else now). */
static void S_core(dx *r, dx_part *p, xmlNodePtr root, time_t when)
{
    xmlTextWriterPtr prev = dx_part_begin(r, p);
    struct tm tm;
    char date[32];
    gmtime_r(&when, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    dx_start(r, "cp:coreProperties");
    dx_attr(r, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/"
                           "metadata/core-properties");
    dx_attr(r, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    dx_attr(r, "xmlns:dcterms", "http://purl.org/dc/terms/");
    dx_attr(r, "xmlns:dcmitype", "http://purl.org/dc/dcmitype/");
    dx_attr(r, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    S_el_text(r, "dc:title", pp_desc_attr(root, "title"));
    S_el_text(r, "dc:subject", pp_desc_attr(root, "subject"));
    S_el_text(r, "dc:creator", pp_desc_attr(root, "author"));
    S_el_text(r, "cp:keywords", pp_desc_attr(root, "keywords"));
    S_el_text(r, "dc:language", pp_desc_attr(root, "lang"));
    dx_start(r, "dcterms:created");
    dx_attr(r, "xsi:type", "dcterms:W3CDTF");
    dx_text(r, date);
    dx_end(r);
    dx_start(r, "dcterms:modified");
    dx_attr(r, "xsi:type", "dcterms:W3CDTF");
    dx_text(r, date);
    dx_end(r);
    dx_end(r);
    dx_part_end(r, prev);
}

static void S_app(dx *r, dx_part *p)
{
    xmlTextWriterPtr prev = dx_part_begin(r, p);
    dx_start(r, "Properties");
    dx_attr(r, "xmlns", "http://schemas.openxmlformats.org/officeDocument/"
                        "2006/extended-properties");
    S_el_text(r, "Application", "parpack");
    dx_end(r);
    dx_part_end(r, prev);
}

/* w:rFonts declaring Times New Roman for every script. */
static void S_fonts(dx *r)
{
    dx_start(r, "w:rFonts");
    dx_attr(r, "w:ascii", FONT);
    dx_attr(r, "w:hAnsi", FONT);
    dx_attr(r, "w:eastAsia", FONT);
    dx_attr(r, "w:cs", FONT);
    dx_end(r);
}

static void S_size(dx *r, long half)
{
    dx_vall(r, "w:sz", half);
    dx_vall(r, "w:szCs", half);
}

/* A style's name, base and properties up to its w:rPr. */
static void S_style_head(dx *r, const char *type, const char *id,
                         const char *name, int dflt)
{
    dx_start(r, "w:style");
    dx_attr(r, "w:type", type);
    if (dflt)
        dx_attr(r, "w:default", "1");
    else
        dx_attr(r, "w:customStyle", "1");
    dx_attr(r, "w:styleId", id);
    dx_val(r, "w:name", name);
    if (!dflt)
        dx_val(r, "w:basedOn", "Normal");
}

/* word/styles.xml: Times New Roman at the page's size by default, lines
 * single, no space after; one style per size of table text. */
static void S_styles(dx *r, dx_part *p)
{
    xmlTextWriterPtr prev = dx_part_begin(r, p);
    int i;
    dx_start(r, "w:styles");
    dx_attr(r, "xmlns:w", NS_W);
    dx_start(r, "w:docDefaults");
    dx_start(r, "w:rPrDefault");
    dx_start(r, "w:rPr");
    S_fonts(r);
    S_size(r, lround(r->size * 2));
    dx_start(r, "w:lang");
    dx_attr(r, "w:val", "vi-VN");
    dx_attr(r, "w:eastAsia", "en-US");
    dx_attr(r, "w:bidi", "ar-SA");
    dx_end(r);
    dx_end(r);
    dx_end(r);
    dx_start(r, "w:pPrDefault");
    dx_start(r, "w:pPr");
    /* no paragraph leaves one line alone at a page's foot or head: the
     * PDF renderer's rule, so that the DOCX breaks where the PDF does */
    dx_start(r, "w:widowControl");
    dx_end(r);
    dx_start(r, "w:spacing");
    dx_attr(r, "w:after", "0");
    dx_attr(r, "w:line", "240");
    dx_attr(r, "w:lineRule", "auto");
    dx_end(r);
    dx_end(r);
    dx_end(r);
    dx_end(r); /* w:docDefaults */

    S_style_head(r, "paragraph", "Normal", "Normal", 1);
    dx_start(r, "w:qFormat");
    dx_end(r);
    dx_start(r, "w:rPr");
    S_fonts(r);
    dx_end(r);
    dx_end(r);
    S_style_head(r, "character", "DefaultParagraphFont",
                 "Default Paragraph Font", 1);
    dx_val(r, "w:uiPriority", "1");
    dx_start(r, "w:semiHidden");
    dx_end(r);
    dx_start(r, "w:unhideWhenUsed");
    dx_end(r);
    dx_end(r);
    S_style_head(r, "table", "TableNormal", "Normal Table", 1);
    dx_val(r, "w:uiPriority", "99");
    dx_start(r, "w:semiHidden");
    dx_end(r);
    dx_start(r, "w:unhideWhenUsed");
    dx_end(r);
    dx_start(r, "w:tblPr");
    dx_start(r, "w:tblInd");
    dx_attr(r, "w:w", "0");
    dx_attr(r, "w:type", "dxa");
    dx_end(r);
    dx_start(r, "w:tblCellMar");
    dx_start(r, "w:top");
    dx_attr(r, "w:w", "0");
    dx_attr(r, "w:type", "dxa");
    dx_end(r);
    dx_start(r, "w:left");
    dx_attr(r, "w:w", "108");
    dx_attr(r, "w:type", "dxa");
    dx_end(r);
    dx_start(r, "w:bottom");
    dx_attr(r, "w:w", "0");
    dx_attr(r, "w:type", "dxa");
    dx_end(r);
    dx_start(r, "w:right");
    dx_attr(r, "w:w", "108");
    dx_attr(r, "w:type", "dxa");
    dx_end(r);
    dx_end(r);
    dx_end(r);
    dx_end(r);
    S_style_head(r, "paragraph", "Header", "header", 0);
    dx_start(r, "w:pPr");
    dx_val(r, "w:jc", "center");
    dx_end(r);
    dx_start(r, "w:rPr");
    S_size(r, 26);
    dx_end(r);
    dx_end(r);
    for (i = 0; i < r->ncellsz; i++) {
        char id[32], name[64];
        snprintf(id, sizeof id, "Cell%d", r->cellsz[i]);
        snprintf(name, sizeof name, "Table text %g pt", r->cellsz[i] / 2.0);
        S_style_head(r, "paragraph", id, name, 0);
        dx_start(r, "w:qFormat");
        dx_end(r);
        dx_start(r, "w:pPr");
        dx_start(r, "w:spacing");
        dx_attr(r, "w:before", "0");
        dx_attr(r, "w:after", "0");
        dx_attr(r, "w:line", "240");
        dx_attr(r, "w:lineRule", "auto");
        dx_end(r);
        dx_val(r, "w:jc", "left");
        dx_end(r);
        dx_start(r, "w:rPr");
        S_size(r, r->cellsz[i]);
        dx_end(r);
        dx_end(r);
    }
    dx_end(r);
    dx_part_end(r, prev);
}

static void S_settings(dx *r, dx_part *p)
{
    xmlTextWriterPtr prev = dx_part_begin(r, p);
    dx_start(r, "w:settings");
    dx_attr(r, "xmlns:w", NS_W);
    dx_start(r, "w:zoom");
    dx_attr(r, "w:percent", "100");
    dx_end(r);
    dx_val(r, "w:defaultTabStop", "720");
    dx_val(r, "w:characterSpacingControl", "doNotCompress");
    dx_start(r, "w:compat");
    dx_start(r, "w:compatSetting");
    dx_attr(r, "w:name", "compatibilityMode");
    dx_attr(r, "w:uri", "http://schemas.microsoft.com/office/word");
    dx_attr(r, "w:val", "15");
    dx_end(r);
    dx_end(r);
    dx_val(r, "w:themeFontLang", "vi-VN");
    dx_val(r, "w:decimalSymbol", ",");
    dx_val(r, "w:listSeparator", ";");
    dx_end(r);
    dx_part_end(r, prev);
}

static void S_font_table(dx *r, dx_part *p)
{
    xmlTextWriterPtr prev = dx_part_begin(r, p);
    dx_start(r, "w:fonts");
    dx_attr(r, "xmlns:w", NS_W);
    dx_start(r, "w:font");
    dx_attr(r, "w:name", FONT);
    dx_val(r, "w:panose1", "02020603050405020304");
    dx_val(r, "w:charset", "00");
    dx_val(r, "w:family", "roman");
    dx_val(r, "w:pitch", "variable");
    dx_end(r);
    dx_end(r);
    dx_part_end(r, prev);
}

/* A run of the page-number field: w:fldChar of `type`, or the text. */
static void S_field_run(dx *r, const char *type, const char *instr,
                        const char *text)
{
    dx_start(r, "w:r");
    if (type) {
        dx_start(r, "w:fldChar");
        dx_attr(r, "w:fldCharType", type);
        dx_end(r);
    } else if (instr) {
        dx_start(r, "w:instrText");
        dx_attr(r, "xml:space", "preserve");
        dx_text(r, instr);
        dx_end(r);
    } else {
        dx_start(r, "w:t");
        dx_text(r, text);
        dx_end(r);
    }
    dx_end(r);
}

/* word/header1.xml: the page number centred, as a PAGE field (13 pt);
 * word/header2.xml: an empty header (first pages, unnumbered sections). */
static void S_header(dx *r, dx_part *p, int number)
{
    xmlTextWriterPtr prev = dx_part_begin(r, p);
    dx_start(r, "w:hdr");
    dx_attr(r, "xmlns:w", NS_W);
    dx_attr(r, "xmlns:r", NS_R);
    dx_start(r, "w:p");
    dx_start(r, "w:pPr");
    dx_val(r, "w:pStyle", "Header");
    dx_end(r);
    if (number) {
        S_field_run(r, "begin", NULL, NULL);
        S_field_run(r, NULL, " PAGE ", NULL);
        S_field_run(r, "separate", NULL, NULL);
        S_field_run(r, NULL, NULL, "2");
        S_field_run(r, "end", NULL, NULL);
    }
    dx_end(r);
    dx_end(r);
    dx_part_end(r, prev);
}

/* ---------------------------------------------------------------------
 * Rendering.
 */

/* <page>: A4 in the orientation asked, margins (mm), font size, line
 * spacing; the decree-30 defaults otherwise. */
static void S_page(dx *r, xmlNodePtr root)
{
    xmlNodePtr pg;
    double mt = 20, mb = 20, ml = 30, mr = 15;
    r->size = 14;
    r->leading = 1.2;
    if ((pg = pp_doc_page(root)) != NULL) {
        r->landscape = pp_doc_landscape(pg, 0);
        mt = pp_doc_num(pg, "margin-top", 20);
        mb = pp_doc_num(pg, "margin-bottom", 20);
        ml = pp_doc_num(pg, "margin-left", 30);
        mr = pp_doc_num(pg, "margin-right", 15);
        r->size = pp_doc_num(pg, "font-size", 14);
        r->leading = pp_doc_num(pg, "line-spacing", 1.2);
    }
    r->pw = r->landscape ? 16838 : 11906;
    r->ph = r->landscape ? 11906 : 16838;
    r->mt = dx_mm(mt);
    r->mb = dx_mm(mb);
    r->ml = dx_mm(ml);
    r->mr = dx_mm(mr);
    /* the number's baseline where the PDF puts it: mid top margin + 4 pt */
    r->hdr = dx_pt((double)r->mt / 40.0 + 4 - 0.891 * 13);
    if (r->hdr < 200)
        r->hdr = 200;
}

enum { P_TYPES, P_RELS, P_CORE, P_APP, P_DOC, P_STYLES, P_SETTINGS, P_FONTS,
       P_HDR1, P_HDR2, P_DOCRELS, P_N };

/* Render; see docx.h. */
pp_status pp_docx_render(const pp_doc *doc, const char *out_path,
                         const pp_data_source *src, pp_diags *d)
{
    static const char *const names[P_N] = {
        "[Content_Types].xml", "_rels/.rels",       "docProps/core.xml",
        "docProps/app.xml",    "word/document.xml", "word/styles.xml",
        "word/settings.xml",   "word/fontTable.xml", "word/header1.xml",
        "word/header2.xml",    "word/_rels/document.xml.rels"};
    xmlNodePtr root = xmlDocGetRootElement((xmlDocPtr)doc);
    dx_part parts[P_N];
    pp_zip_writer *z = NULL;
    pp_status st = PP_OK;
    time_t when = (time_t)pp_source_date_epoch();
    dx r;
    int i, err = 0;

    memset(&r, 0, sizeof r);
    memset(parts, 0, sizeof parts);
    r.d = d;
    r.path = out_path;
    r.src = src;
    if (!root || !pp_desc_is(root, "document")) {
        pp_diag_error(d, out_path, 0, 0, "%s",
                      _("cannot make the DOCX: the description is not a "
                        "<document>"));
        return PP_E_TEMPLATE;
    }
    S_page(&r, root);
    dx_body(&r, root, &parts[P_DOC]);
    if (r.bad) {
        st = PP_E_TEMPLATE;
        goto cleanup;
    }
    S_content_types(&r, &parts[P_TYPES]);
    S_package_rels(&r, &parts[P_RELS]);
    S_core(&r, &parts[P_CORE], root, when);
    S_app(&r, &parts[P_APP]);
    S_styles(&r, &parts[P_STYLES]);
    S_settings(&r, &parts[P_SETTINGS]);
    S_font_table(&r, &parts[P_FONTS]);
    S_header(&r, &parts[P_HDR1], 1);
    S_header(&r, &parts[P_HDR2], 0);
    S_document_rels(&r, &parts[P_DOCRELS]);
    if (r.nomem) {
        pp_diag_error(d, out_path, 0, 0, "%s", _("out of memory"));
        st = PP_E_NOMEM;
        goto cleanup;
    }

    z = pp_zip_writer_open(out_path, when, &err);
    if (!z)
        goto write_error;
    for (i = 0; i < P_N && err == 0; i++) {
        if (pp_zip_writer_add(z, names[i], (void *)xmlBufferContent(parts[i].buf),
                              (size_t)xmlBufferLength(parts[i].buf), 0) != 0)
            err = ENOMEM;
        if (i == P_HDR2) {
            int k;
            for (k = 0; k < r.ncharts && err == 0; k++) {
                char name[64];
                snprintf(name, sizeof name, "word/charts/chart%d.xml", k + 1);
                if (pp_zip_writer_add(z, name,
                                      (void *)xmlBufferContent(r.charts[k].buf),
                                      (size_t)xmlBufferLength(r.charts[k].buf),
                                      0) != 0)
                    err = ENOMEM;
            }
        }
    }
    if (err) {
        pp_zip_writer_discard(z);
        z = NULL;
        goto write_error;
    }
    err = pp_zip_writer_close(z);
    z = NULL;
    if (err)
        goto write_error;
    goto cleanup;

write_error:
    pp_diag_error(d, out_path, 0, 0, _("cannot write the DOCX: %s"),
                  strerror(err ? err : EIO));
    st = err == ENOMEM ? PP_E_NOMEM : PP_E_OUTPUT;
    remove(out_path);
cleanup:
    for (i = 0; i < P_N; i++)
        if (parts[i].buf)
            xmlBufferFree(parts[i].buf);
    for (i = 0; i < r.ncharts; i++)
        if (r.charts[i].buf)
            xmlBufferFree(r.charts[i].buf);
    free(r.charts);
    return st;
}
