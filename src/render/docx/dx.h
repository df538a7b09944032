/*
 * dx.h - private to the DOCX renderer (src/render/docx/): the state
 * shared by the body (body.c), the chart parts (chart.c) and the package
 * (package.c), which walk the description through the document
 * vocabulary's driver (render/doc.h). Lengths are twips (1/20 pt) unless said otherwise.
 */
#ifndef PARPACK_DX_H
#define PARPACK_DX_H

#include "base/diag.h"
#include "data/source.h"

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#define DX_MAXSIZES 16

typedef struct {
    xmlBufferPtr buf; /* the part's bytes */
} dx_part;

typedef struct {
    xmlTextWriterPtr w; /* the part being written */
    pp_diags *d;
    const char *path;
    const pp_data_source *src; /* bound rows' records, or NULL */
    int bad;                   /* a description error was reported */
    int nomem;                 /* a writer call failed */
    double size, leading;      /* the page's font size (pt), line spacing */
    long pw, ph, mt, mb, ml, mr, hdr; /* page and margins, header distance */
    int landscape;
    int cellsz[DX_MAXSIZES]; /* half-points of the cell styles used */
    int ncellsz;
    dx_part *charts; /* word/charts/chartN.xml, N = index + 1 */
    int ncharts, capcharts;
    int pending_break; /* a <page-break/> for the next paragraph */
    int drawing_id;    /* wp:docPr ids */
} dx;

/* Writer calls that remember a failure (r->nomem) instead of returning
 * (writer.c). */
void dx_start(dx *r, const char *name);
void dx_end(dx *r);
void dx_attr(dx *r, const char *name, const char *value);
void dx_attrl(dx *r, const char *name, long value);
void dx_text(dx *r, const char *s);
void dx_raw(dx *r, const char *s);
/* <name attr="value"/> */
void dx_empty(dx *r, const char *name, const char *attr, const char *value);
/* <name w:val="value"/> */
void dx_val(dx *r, const char *name, const char *value);
void dx_vall(dx *r, const char *name, long value);

/* Points and millimetres to twips, rounded. */
long dx_pt(double pt);
long dx_mm(double mm);

/* A new writer on a memory buffer, its XML declaration written; the
 * previous writer is returned to be restored with dx_part_end. */
xmlTextWriterPtr dx_part_begin(dx *r, dx_part *p);
void dx_part_end(dx *r, xmlTextWriterPtr prev);

/* word/document.xml: the whole body of the description's root. */
void dx_body(dx *r, xmlNodePtr root, dx_part *out);

/* A chart part for bars [from, to) of <chart> c; returns its number
 * (1-based) for the relationship id rIdChartN, or 0 on failure. */
int dx_chart_part(dx *r, xmlNodePtr c, int from, int to, int title);

#endif
