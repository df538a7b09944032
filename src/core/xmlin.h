/*
 * xmlin.h - the one door input XML comes in by: libxml2 set up safely
 * and the schema compiled into the program (schemas/appraisal.xsd)
 * checking every element, as one streaming pass. Private to parpack.
 *
 * pp_xmlin_read refuses what a safe reader refuses (no DTD, no entity,
 * no network, bounded size and depth), converts a declared encoding to
 * UTF-8 with libxml2's converters, then parses the document once with the
 * validator plugged into the SAX stream. The caller sees every element as
 * a start tag (local name, attributes decoded, the byte offset of its
 * '<'), its text (CDATA included) and its end. Every problem of the XML
 * or the schema is added to the diagnostics in the program's own words,
 * at FILE:LINE:COL. Nothing here stops libxml2 from inside one of its
 * callbacks: pp_xmlin_stop only asks the reader to feed no more input.
 *
 *     static void on_start(void *data, pp_xmlin *in, const pp_xml_tag *t);
 *     pp_xml_events ev = {on_start, on_end, on_text};
 *     if (pp_xmlin_read(buf, len, "a.xml", &ev, &my, &diags) != PP_OK) …
 *
 * Offsets are into the UTF-8 text the parser read (the file itself when
 * it is UTF-8); lines and columns (in characters) are those of the file.
 * Strings given to the callbacks live until the callback returns.
 */
#ifndef PARPACK_XMLIN_H
#define PARPACK_XMLIN_H

#include <stddef.h>

#include "base/diag.h"
#include "base/status.h"

typedef struct pp_xmlin pp_xmlin;

/* A start tag. attrs holds nattrs (name, value) pairs: attrs[2 * i] is a
 * name, attrs[2 * i + 1] its value, UTF-8 and NUL-terminated. name is ""
 * for an element in a namespace (none belongs to the format). */
typedef struct {
    const char *name;
    const char *const *attrs;
    int nattrs;
    size_t off; /* of its '<' */
} pp_xml_tag;

typedef struct {
    void (*start)(void *data, pp_xmlin *in, const pp_xml_tag *tag);
    void (*end)(void *data, pp_xmlin *in, const char *name);
    void (*text)(void *data, pp_xmlin *in, const char *s, size_t len);
} pp_xml_events;

/* Read buf (len bytes, no terminating zero needed) as the appraisal
 * format; file names it in diagnostics. PP_OK: read to its end (schema
 * or loader errors may have been reported); PP_E_INPUT: refused or not
 * well-formed, the events stopped early (reported); PP_E_NOMEM. */
pp_status pp_xmlin_read(const char *buf, size_t len, const char *file,
                        const pp_xml_events *ev, void *data, pp_diags *d);

/* How an XML file's bytes are encoded: UTF-16 by its byte order mark or
 * by "<?" written in two-byte characters; else UTF-8 by its byte order
 * mark, or when its declaration names none or UTF-8; else another
 * encoding, named by its declaration. */
typedef enum {
    PP_XMLENC_UTF8,
    PP_XMLENC_OTHER,   /* read through a converter */
    PP_XMLENC_UTF16LE,
    PP_XMLENC_UTF16BE
} pp_xmlenc;

/* The encoding of buf (len bytes); with PP_XMLENC_OTHER the declared
 * name into enc (cap bytes) and its offset into *off, each when not
 * NULL. */
pp_xmlenc pp_xmlin_encoding(const char *buf, size_t len, char *enc,
                            size_t cap, size_t *off);

/* Ask the reader to stop: no event after this callback returns. */
void pp_xmlin_stop(pp_xmlin *in);

/* The file's name, as given. */
const char *pp_xmlin_file(const pp_xmlin *in);

/* Line of an offset (fast for offsets in document order). */
long pp_xmlin_line(pp_xmlin *in, size_t off);

/* A value as a message shows it: at most 40 characters, then "…";
 * control characters written as \t, \n, \r or \xHH. buf: at least
 * 8 bytes; PP_XMLIN_SHOWN hold any value shown. */
#define PP_XMLIN_SHOWN 200
const char *pp_xmlin_show(const char *v, char *buf, size_t cap);

/* Line and column (characters, from 1) of an offset. */
void pp_xmlin_where(const pp_xmlin *in, size_t off, long *line, long *col);

/* Offset of attribute attr's name in the start tag at tag_off, or tag_off
 * when the tag has no such attribute. */
size_t pp_xmlin_attr_off(const pp_xmlin *in, size_t tag_off,
                         const char *attr);

#endif
