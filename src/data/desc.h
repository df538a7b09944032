/*
 * desc.h - reading the description documents that templates produce
 * (document, workbook and mail vocabularies): attribute values as
 * libxml2 holds them, without copies. Private to the renderers.
 */
#ifndef PARPACK_DESC_H
#define PARPACK_DESC_H

#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

/* The value of attribute k (a pointer into the tree), or NULL. */
static inline const char *pp_desc_attr(xmlNodePtr n, const char *k)
{
    xmlAttrPtr a;
    for (a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, k) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

/* A boolean attribute: "true", "yes" or "1". */
static inline int pp_desc_bool(xmlNodePtr n, const char *k)
{
    const char *v = pp_desc_attr(n, k);
    return v && (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0 ||
                 strcmp(v, "1") == 0);
}

/* Is n an element named name? */
static inline int pp_desc_is(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE &&
           strcmp((const char *)n->name, name) == 0;
}

#endif
