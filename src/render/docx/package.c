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
 * The small parts: fixed text, but for the charts' entries, the page's
 * font size and the table text's styles (and the properties, core.xml).
 */

#define PURL "http://schemas.openxmlformats.org/"
#define CT_O "application/vnd.openxmlformats-officedocument."
#define REL(id, type, target)                                                 \
    "<Relationship Id=\"" id "\" Type=\"" type "\" Target=\"" target "\"/>"
#define OVERRIDE(part, type)                                                  \
    "<Override PartName=\"" part "\" ContentType=\"" type "\"/>"

/* A part of fixed text (after the XML declaration the writer makes). */
static void S_fixed(dx *r, dx_part *p, const char *text)
{
    xmlTextWriterPtr prev = dx_part_begin(r, p);
    dx_raw(r, text);
    dx_part_end(r, prev);
}

static void S_content_types(dx *r, dx_part *p)
{
    xmlTextWriterPtr prev = dx_part_begin(r, p);
    int i;
    char name[160];
    dx_raw(r,
           "<Types xmlns=\"" PURL "package/2006/content-types\">"
           "<Default Extension=\"rels\" ContentType=\"application/"
           "vnd.openxmlformats-package.relationships+xml\"/>"
           "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
           OVERRIDE("/word/document.xml", CT_W "document.main+xml")
           OVERRIDE("/word/styles.xml", CT_W "styles+xml")
           OVERRIDE("/word/settings.xml", CT_W "settings+xml")
           OVERRIDE("/word/fontTable.xml", CT_W "fontTable+xml")
           OVERRIDE("/word/header1.xml", CT_W "header+xml")
           OVERRIDE("/word/header2.xml", CT_W "header+xml"));
    for (i = 0; i < r->ncharts; i++) {
        snprintf(name, sizeof name,
                 OVERRIDE("/word/charts/chart%d.xml",
                          CT_O "drawingml.chart+xml"),
                 i + 1);
        dx_raw(r, name);
    }
    dx_raw(r, OVERRIDE("/docProps/core.xml",
                       "application/vnd.openxmlformats-package."
                       "core-properties+xml")
           OVERRIDE("/docProps/app.xml",
                    CT_O "extended-properties+xml") "</Types>");
    dx_part_end(r, prev);
}

static void S_package_rels(dx *r, dx_part *p)
{
    S_fixed(r, p,
            "<Relationships xmlns=\"" NS_PR "\">"
            REL("rId1", NS_R "/officeDocument", "word/document.xml")
            REL("rId2", NS_PR "/metadata/core-properties",
                "docProps/core.xml")
            REL("rId3", NS_R "/extended-properties", "docProps/app.xml")
            "</Relationships>");
}

static void S_document_rels(dx *r, dx_part *p)
{
    xmlTextWriterPtr prev = dx_part_begin(r, p);
    int i;
    char rel[200];
    dx_raw(r, "<Relationships xmlns=\"" NS_PR "\">"
              REL("rIdStyles", NS_R "/styles", "styles.xml")
              REL("rIdSettings", NS_R "/settings", "settings.xml")
              REL("rIdFonts", NS_R "/fontTable", "fontTable.xml")
              REL("rIdHeaderNumber", NS_R "/header", "header1.xml")
              REL("rIdHeaderEmpty", NS_R "/header", "header2.xml"));
    for (i = 0; i < r->ncharts; i++) {
        snprintf(rel, sizeof rel,
                 REL("rIdChart%d", NS_R "/chart", "charts/chart%d.xml"),
                 i + 1, i + 1);
        dx_raw(r, rel);
    }
    dx_raw(r, "</Relationships>");
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
    S_fixed(r, p,
            "<Properties xmlns=\"" PURL "officeDocument/2006/"
            "extended-properties\"><Application>parpack</Application>"
            "</Properties>");
}

/* w:rFonts declaring Times New Roman for every script. */
#define RFONTS                                                                \
    "<w:rFonts w:ascii=\"" FONT "\" w:hAnsi=\"" FONT "\" w:eastAsia=\"" FONT \
    "\" w:cs=\"" FONT "\"/>"

/* word/styles.xml: Times New Roman at the page's size by default, lines
 * single, no space after; one style per size of table text. No
 * paragraph leaves one line alone at a page's foot or head
 * (w:widowControl): the PDF renderer's rule, so that the DOCX breaks
 * where the PDF does. */
static void S_styles(dx *r, dx_part *p)
{
    xmlTextWriterPtr prev = dx_part_begin(r, p);
    int i;
    char b[512];
    long half = lround(r->size * 2);
    snprintf(b, sizeof b,
             "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault>"
             "<w:rPr>" RFONTS "<w:sz w:val=\"%ld\"/><w:szCs w:val=\"%ld\"/>",
             half, half);
    dx_raw(r, b);
    dx_raw(r,
           "<w:lang w:val=\"vi-VN\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/>"
           "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/>"
           "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"
           "</w:pPr></w:pPrDefault></w:docDefaults>"
           "<w:style w:type=\"paragraph\" w:default=\"1\" "
           "w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
           "<w:rPr>" RFONTS "</w:rPr></w:style>"
           "<w:style w:type=\"character\" w:default=\"1\" "
           "w:styleId=\"DefaultParagraphFont\">"
           "<w:name w:val=\"Default Paragraph Font\"/>"
           "<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/>"
           "</w:style>"
           "<w:style w:type=\"table\" w:default=\"1\" "
           "w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
           "<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>"
           "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
           "<w:top w:w=\"0\" w:type=\"dxa\"/>"
           "<w:left w:w=\"108\" w:type=\"dxa\"/>"
           "<w:bottom w:w=\"0\" w:type=\"dxa\"/>"
           "<w:right w:w=\"108\" w:type=\"dxa\"/>"
           "</w:tblCellMar></w:tblPr></w:style>"
           "<w:style w:type=\"paragraph\" w:customStyle=\"1\" "
           "w:styleId=\"Header\"><w:name w:val=\"header\"/>"
           "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/>"
           "</w:pPr><w:rPr><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>"
           "</w:rPr></w:style>");
    for (i = 0; i < r->ncellsz; i++) {
        snprintf(b, sizeof b,
                 "<w:style w:type=\"paragraph\" w:customStyle=\"1\" "
                 "w:styleId=\"Cell%d\"><w:name w:val=\"Table text %g pt\"/>"
                 "<w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>"
                 "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" "
                 "w:lineRule=\"auto\"/><w:jc w:val=\"left\"/></w:pPr>"
                 "<w:rPr><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/></w:rPr>"
                 "</w:style>",
                 r->cellsz[i], r->cellsz[i] / 2.0, r->cellsz[i],
                 r->cellsz[i]);
        dx_raw(r, b);
    }
    dx_raw(r, "</w:styles>");
    dx_part_end(r, prev);
}

static void S_settings(dx *r, dx_part *p)
{
    S_fixed(r, p,
            "<w:settings xmlns:w=\"" NS_W "\"><w:zoom w:percent=\"100\"/>"
            "<w:defaultTabStop w:val=\"720\"/>"
            "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
            "<w:compat><w:compatSetting w:name=\"compatibilityMode\" "
            "w:uri=\"http://schemas.microsoft.com/office/word\" "
            "w:val=\"15\"/></w:compat><w:themeFontLang w:val=\"vi-VN\"/>"
            "<w:decimalSymbol w:val=\",\"/><w:listSeparator w:val=\";\"/>"
            "</w:settings>");
}

static void S_font_table(dx *r, dx_part *p)
{
    S_fixed(r, p,
            "<w:fonts xmlns:w=\"" NS_W "\"><w:font w:name=\"" FONT "\">"
            "<w:panose1 w:val=\"02020603050405020304\"/>"
            "<w:charset w:val=\"00\"/><w:family w:val=\"roman\"/>"
            "<w:pitch w:val=\"variable\"/></w:font></w:fonts>");
}

/* word/header1.xml: the page number centred, as a PAGE field (13 pt);
 * word/header2.xml: an empty header (first pages, unnumbered sections). */
static void S_header(dx *r, dx_part *p, int number)
{
    S_fixed(r, p,
            number ? "<w:hdr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">"
                     "<w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>"
                     "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
                     "<w:r><w:instrText xml:space=\"preserve\"> PAGE "
                     "</w:instrText></w:r>"
                     "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                     "<w:r><w:t>2</w:t></w:r>"
                     "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                     "</w:p></w:hdr>"
                   : "<w:hdr xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\">"
                     "<w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>"
                     "</w:p></w:hdr>");
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
