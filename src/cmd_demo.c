/* cmd_demo.c - `rapport demo`: fills an empty database with the demo
 * history (demo.c) ending today or at --today. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "demo.h"
#include "store/events.h"
#include "store/parties.h"
#include "util/time.h"

int cmd_demo(struct app *app, const args_t *a, struct err *e)
{
	int64_t today = app->now;
	int y, m, d;
	if (arg_str(a, "today")) {
		if (time_parse_date(arg_str(a, "today"), "--today", &y, &m, &d, e))
			return -1;
		today = time_date_utc(arg_str(a, "today")) + 18 * 3600;
	}
	int scale = 1;
	if (arg_str(a, "scale")) {
		char *end;
		long v = strtol(arg_str(a, "scale"), &end, 10);
		if (*end || v < 1 || v > 1000)
			return err_set(e, ERR_INPUT, "--scale: a whole number from 1 to 1000: \"%s\"", arg_str(a, "scale"));
		scale = (int)v;
	}
	struct party b;
	int r = store_buyer_get(app->db, &b, e);
	if (r < 0)
		return -1;
	int64_t partners;
	if (store_rel_count(app->db, &partners, e))
		return -1;
	if (partners > 0)
		return err_set(e, ERR_INPUT, "--db: %s already holds partners; the demo needs a new database", app->db_path);
	if (r == 0) {
		struct party buyer = {.id = 1, .name = "Linden & Rowe", .country = "GB", .tz = "Europe/London",
		                      .since = today - 2 * 365 * 86400};
		if (store_buyer_insert(app->db, &buyer, e))
			return -1;
	}
	struct demo_stats st;
	if (demo_build(&app->ledger, today, scale, &st, e))
		return -1;
	if (app->json) {
		cmd_print_json(app, json_pack("{s:s, s:I, s:I}", "db", app->db_path, "partners", (json_int_t)st.partners,
		                              "events", (json_int_t)st.events));
		return 0;
	}
	char day[11];
	time_format_date(today, "UTC", day);
	fprintf(app->out,
	        "Created the demo in %s: Linden & Rowe (a UK knitwear brand) and %lld factories,\n"
	        "%lld events up to %s. Try:\n"
	        "  rapport partner list\n"
	        "  rapport log --partner 1\n"
	        "  rapport issues --partner 3\n"
	        "  rapport payments --partner 2\n"
	        "  rapport verify\n",
	        app->db_path, (long long)st.partners, (long long)st.events, day);
	return 0;
}
