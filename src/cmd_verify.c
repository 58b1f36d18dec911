/* cmd_verify.c - `rapport verify`: recomputes the hash chains; exit 1 and
 * the first bad event when anything was altered, removed or reordered. */
#include <jansson.h>

#include "cmd.h"
#include "store/parties.h"

int cmd_verify(struct app *app, const args_t *a, struct err *e)
{
	int64_t rel = 0;
	struct party p = {0};
	if (arg_str(a, "partner") && (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e)))
		return -1;
	struct verify_report r;
	int rc = ledger_verify(&app->ledger, rel, &r, e);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		if (app->json)
			cmd_print_json(app, json_pack("{s:b, s:I, s:I}", "ok", 1, "relationships", (json_int_t)r.relationships,
			                              "events", (json_int_t)r.events));
		else
			fprintf(app->out, "ok: %lld relationship%s, %lld events; every chain is intact\n",
			        (long long)r.relationships, r.relationships == 1 ? "" : "s", (long long)r.events);
		return 0;
	}
	if (r.bad_rel && !p.name[0] && store_partner_get(app->db, r.bad_rel, &p, NULL) <= 0)
		snprintf(p.name, sizeof p.name, "?");
	if (app->json) {
		json_t *o = json_pack("{s:b, s:s}", "ok", 0, "reason", r.reason);
		if (r.bad_rel) {
			json_object_set_new(o, "partner", json_integer(r.bad_rel));
			json_object_set_new(o, "partner_name", json_string(p.name));
			json_object_set_new(o, "seq", json_integer(r.bad_seq));
		}
		cmd_print_json(app, o);
	} else if (r.bad_rel) {
		fprintf(app->out, "TAMPERED: relationship %lld (%s), event %lld: %s\n", (long long)r.bad_rel, p.name,
		        (long long)r.bad_seq, r.reason);
	} else {
		fprintf(app->out, "TAMPERED: %s\n", r.reason);
	}
	e->code = ERR_CHECK;
	e->msg[0] = '\0';
	return -1;
}
