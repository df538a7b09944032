/*
 * writer.c - the XML-writer helpers of dx.h, shared by the body
 * (body.c), the charts (chart.c) and the package (package.c): each part
 * is written through them, so that none of those files uses another's.
 */
#include "render/docx/dx.h"

#include <math.h>
#include <stdio.h>

void dx_start(dx *r, const char *name)
{
    if (xmlTextWriterStartElement(r->w, (const xmlChar *)name) < 0)
        r->nomem = 1;
}

void dx_end(dx *r)
{
    if (xmlTextWriterEndElement(r->w) < 0)
        r->nomem = 1;
}

void dx_attr(dx *r, const char *name, const char *value)
{
    if (xmlTextWriterWriteAttribute(r->w, (const xmlChar *)name,
                                    (const xmlChar *)value) < 0)
        r->nomem = 1;
}

void dx_attrl(dx *r, const char *name, long value)
{
    char b[32];
    snprintf(b, sizeof b, "%ld", value);
    dx_attr(r, name, b);
}

void dx_text(dx *r, const char *s)
{
    if (xmlTextWriterWriteString(r->w, (const xmlChar *)s) < 0)
        r->nomem = 1;
}

void dx_raw(dx *r, const char *s)
{
    if (xmlTextWriterWriteRaw(r->w, (const xmlChar *)s) < 0)
        r->nomem = 1;
}

void dx_empty(dx *r, const char *name, const char *attr, const char *value)
{
    dx_start(r, name);
    dx_attr(r, attr, value);
    dx_end(r);
}

void dx_val(dx *r, const char *name, const char *value)
{
    dx_empty(r, name, "w:val", value);
}

void dx_vall(dx *r, const char *name, long value)
{
    char b[32];
    snprintf(b, sizeof b, "%ld", value);
    dx_val(r, name, b);
}

long dx_pt(double pt)
{
    return lround(pt * 20.0);
}

long dx_mm(double mm)
{
    return lround(mm * 1440.0 / 25.4);
}

/* See dx.h. */
xmlTextWriterPtr dx_part_begin(dx *r, dx_part *p)
{
    xmlTextWriterPtr prev = r->w;
    p->buf = xmlBufferCreate();
    r->w = NULL;
    if (p->buf) {
        xmlBufferSetAllocationScheme(p->buf, XML_BUFFER_ALLOC_DOUBLEIT);
        r->w = xmlNewTextWriterMemory(p->buf, 0);
    }
    if (!r->w || xmlTextWriterStartDocument(r->w, "1.0", "UTF-8", "yes") < 0) {
        r->nomem = 1;
        if (!r->w) {
            /* a writer that goes nowhere keeps the callers simple */
            xmlBufferFree(p->buf);
            p->buf = xmlBufferCreate();
            r->w = p->buf ? xmlNewTextWriterMemory(p->buf, 0) : NULL;
        }
    }
    return prev;
}

/* See dx.h. */
void dx_part_end(dx *r, xmlTextWriterPtr prev)
{
    if (r->w) {
        if (xmlTextWriterEndDocument(r->w) < 0)
            r->nomem = 1;
        xmlFreeTextWriter(r->w);
    } else {
        r->nomem = 1;
    }
    r->w = prev;
}
