/* cmd_demo.c - `rapport demo`: fills an empty database with the demo
 * history (demo.c) ending today or at --today. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "demo.h"
#include "store/events.h"
#include "store/parties.h"
#include "user.h"
#include "util/time.h"

/* Logins printed in full; a scaled demo has hundreds (rapport user list). */
#define LOGINS_SHOWN 5

static int collect_login(void *ctx, const struct store_user *u, const char *org_name)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s}", "email", u->email, "role", u->role, "org", org_name));
	return 0;
}

static void print_logins(struct app *app, json_t *logins)
{
	size_t i, n = json_array_size(logins);
	int width = 0;
	json_t *l;
	json_array_foreach(logins, i, l)
		if (i < LOGINS_SHOWN && (int)strlen(json_string_value(json_object_get(l, "email"))) > width)
			width = (int)strlen(json_string_value(json_object_get(l, "email")));
	fprintf(app->out, "\nWeb logins (rapport serve), all with the password " DEMO_PASSWORD ":\n");
	json_array_foreach(logins, i, l) {
		if (i == LOGINS_SHOWN) {
			fprintf(app->out, "  and %zu more (rapport user list)\n", n - i);
			break;
		}
		fprintf(app->out, "  %-*s  %s at %s\n", width, json_string_value(json_object_get(l, "email")),
		        json_string_value(json_object_get(l, "role")), json_string_value(json_object_get(l, "org")));
	}
}

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
	/* where both sides' keys go, known before anything is built */
	char dir[1024];
	if (cmd_keys_dir(app, a, dir, sizeof dir, e))
		return -1;
	struct party b;
	int r = store_buyer_get(app->db, &b, e);
	if (r < 0)
		return -1;
	int64_t partners;
	if (store_rel_count(app->db, &partners, e))
		return -1;
	if (partners > 0)
		return err_set(e, ERR_INPUT, "--db: %s already holds partners; the demo needs a new database", db_path(app->db));
	if (r == 0) {
		struct party buyer = {.id = 1, .name = "Linden & Rowe", .country = "GB", .tz = "Europe/London",
		                      .since = today - 2 * 365 * 86400};
		if (store_buyer_insert(app->db, &buyer, e))
			return -1;
	}
	struct demo_stats st;
	if (demo_build(&app->ledger, today, scale, &st, e))
		return -1;
	/* one hash for every demo user: each costs 64 MiB and tens of ms */
	char hash[STORE_PWHASH_MAX];
	json_t *logins = json_array();
	if (user_password_hash(DEMO_PASSWORD, strlen(DEMO_PASSWORD), hash, e) ||
	    demo_users(app->db, today, hash, collect_login, logins, e)) {
		json_decref(logins);
		return -1;
	}
	/* both sides' keys and a countersigned checkpoint of each record, so
	 * that a demo can be exported and verified at once */
	int64_t signed_n;
	/* the ledger writes each record's head at commit; the demo commits as
	 * it goes in any case */
	if (db_commit(app->db, e) || db_begin(app->db, e) || demo_sign(app->db, app->ledger.sha, dir, today, &signed_n, e)) {
		json_decref(logins);
		return -1;
	}
	if (app->json) {
		cmd_print_json(app, json_pack("{s:s, s:I, s:I, s:I, s:s, s:s, s:o}", "db", db_path(app->db), "partners",
		                              (json_int_t)st.partners, "events", (json_int_t)st.events, "checkpoints",
		                              (json_int_t)signed_n, "keys", dir, "password", DEMO_PASSWORD, "logins", logins));
		return 0;
	}
	char day[11];
	time_format_date(today, "UTC", day);
	fprintf(app->out,
	        "Created the demo in %s: Linden & Rowe (a UK knitwear brand) and %lld factories,\n"
	        "%lld events up to %s. Each record is signed by both sides at its head\n"
	        "(their signing keys are in %s). Try:\n"
	        "  rapport partner list\n"
	        "  rapport log --partner 1\n"
	        "  rapport issues --partner 3\n"
	        "  rapport payments --partner 2\n"
	        "  rapport verify\n"
	        "  rapport export --partner 1 --out p1.bundle && rapport verify --bundle p1.bundle\n",
	        db_path(app->db), (long long)st.partners, (long long)st.events, day, dir);
	print_logins(app, logins);
	json_decref(logins);
	return 0;
}
