/* xml.c - finding a unit in an appraisal's tree (internal.h:
 * ws_xml_unit), for the answers written back (answers.c) and the links
 * put into the forms' file (links.c). */
#include "serve/internal.h"

#include <libxml/tree.h>
#include <string.h>

/* See internal.h. */
struct _xmlNode *ws_xml_unit(struct _xmlNode *node, const char *id)
{
    xmlNodePtr c, hit;
    for (c = node ? node->children : NULL; c; c = c->next) {
        xmlChar *v;
        int yes;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!xmlStrEqual(c->name, BAD_CAST "unit")) {
            if ((hit = ws_xml_unit(c, id)) != NULL)
                return hit;
            continue;
        }
        v = xmlGetProp(c, BAD_CAST "id");
        yes = v && strcmp((const char *)v, id) == 0;
        xmlFree(v);
        if (yes)
            return c;
    }
    return NULL;
}
