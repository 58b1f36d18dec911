/* cmd_init.c - `rapport init`: records the buyer in a new database and
 * creates the buyer's signing key. */
#include <jansson.h>
#include <string.h>

#include "cmd.h"
#include "event.h"
#include "keys.h"
#include "store/parties.h"

int cmd_init(struct app *app, const args_t *a, struct err *e)
{
	struct party b = {.id = 1, .since = app->now};
	int r = store_buyer_get(app->db, &b, e);
	if (r < 0)
		return -1;
	if (r > 0)
		return err_set(e, ERR_INPUT, "--db: %s is already initialised for %s", db_path(app->db), b.name);

	/* The buyer is validated by the same table as the buyer block of every
	 * relationship.open event, so what init accepts a chain accepts. */
	json_t *o = json_pack("{s:s, s:s, s:s}", "name", arg_str(a, "buyer"), "country", arg_str(a, "country"),
	                      "tz", arg_str(a, "tz"));
	r = event_validate_party("buyer", o, e);
	json_decref(o);
	if (r)
		return -1;
	snprintf(b.name, sizeof b.name, "%s", arg_str(a, "buyer"));
	snprintf(b.country, sizeof b.country, "%s", arg_str(a, "country"));
	snprintf(b.tz, sizeof b.tz, "%s", arg_str(a, "tz"));
	b.since = app->now;
	struct org_key k;
	char keyfile[1024];
	if (store_buyer_insert(app->db, &b, e) || cmd_key_new(app, a, ORG_BUYER, &k, keyfile, sizeof keyfile, e))
		return -1;
	if (app->json) {
		cmd_print_json(app, json_pack("{s:s, s:s, s:s, s:s}", "db", db_path(app->db), "buyer", b.name, "country",
		                              b.country, "tz", b.tz));
		return 0;
	}
	fprintf(app->out,
	        "Initialised %s for %s (%s, %s).\n"
	        "Signing key %s+%08x; its private half is in %s (keep it secret; back it up).\n"
	        "Next: add a factory and record your first contact:\n"
	        "  rapport partner add --name \"Dongguan Evergreen Knitwear\" --country CN --tz Asia/Shanghai "
	        "--city Dongguan\n"
	        "  rapport contact --partner 1 --by buyer --kind video --note \"Kick-off call\"\n",
	        db_path(app->db), b.name, b.country, b.tz, k.name, k.key_id, keyfile);
	return 0;
}
