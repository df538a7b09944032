/*
 * doc.h - the typed handle of a document tree passed between modules: the
 * results XML, the description a template made. It is libxml2's xmlDoc,
 * declared here only by its tag, so that the public headers name the
 * type without including libxml2: a module that builds or reads trees
 * (results.c, template.c, the renderers) includes libxml2 itself and uses
 * a pp_doc * as an xmlDocPtr; every other module only passes it on.
 */
#ifndef PARPACK_DOC_H
#define PARPACK_DOC_H

struct _xmlDoc;
typedef struct _xmlDoc pp_doc;

#endif
