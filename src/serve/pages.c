/* pages.c - placeholder replaced below */
#include "internal.h"
int ws_pages(ws_server *s, const ws_req *q, ws_resp *r, const ws_session *se)
{
    (void)s; (void)q; (void)r; (void)se;
    return 0;
}
