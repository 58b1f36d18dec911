/* page_healthz.c - GET /healthz, for load balancers and the tests: "ok"
 * while the server runs and its database answers (a SELECT 1 on the
 * thread's connection, opened again if it was lost); 503 when the
 * database cannot be reached, so that a load balancer sends the requests
 * to another server meanwhile. */
#include "web/pages.h"

int page_healthz(struct req *r, struct err *e)
{
	(void)e;
	if (r->db && !db_alive(r->db, 1)) {
		req_send_text(r, 503, "the database cannot be reached\n");
		return 0;
	}
	req_send_text(r, 200, "ok\n");
	return 0;
}
