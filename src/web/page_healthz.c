/* page_healthz.c - GET /healthz: "ok" while the server runs, for load
 * balancers and the tests. Touches nothing else. */
#include "web/pages.h"

int page_healthz(struct req *r, struct err *e)
{
	(void)e;
	req_send_text(r, 200, "ok\n");
	return 0;
}
