/* cmd_token.c - `rapport token add|list|revoke`: personal tokens for the
 * JSON API (web/token.h). Like users, tokens are each side's own access
 * control, not ledger events. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "store/apitokens.h"
#include "store/users.h"
#include "util/table.h"
#include "util/time.h"
#include "web/token.h"

int cmd_token_add(struct app *app, const args_t *a, struct err *e)
{
	const char *email = arg_str(a, "user");
	struct store_user u;
	int r = store_user_by_email(app->db, email, &u, e);
	if (r <= 0)
		return r < 0 ? -1
		             : err_set(e, ERR_INPUT, "--user: no user with the e-mail address \"%s\" (see rapport user list)",
		                       email);
	if (u.disabled)
		return err_set(e, ERR_INPUT, "--user: %s is disabled (rapport user enable first)", u.email);
	const char *name = arg_find(a, "name") ? arg_str(a, "name") : "API";
	char token[TOKEN_LEN + 1];
	int64_t id;
	if (token_create(app->db, u.id, name, app->now, token, &id, e))
		return -1;
	if (app->json)
		cmd_print_json(app, json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "user", u.email, "name", name,
		                              "token", token));
	else
		fprintf(app->out, "token %lld for %s (%s), shown this once:\n%s\n", (long long)id, u.email, name, token);
	return 0;
}

struct list_ctx {
	struct app *app;
	json_t *json;
	struct table table;
};

static int list_one(void *ctx, const struct store_apitoken *t)
{
	struct list_ctx *c = ctx;
	char created[21], revoked[21] = "";
	time_format_utc(t->created, created);
	if (t->revoked)
		time_format_utc(t->revoked, revoked);
	if (c->json) {
		json_array_append_new(c->json, json_pack("{s:I, s:s, s:s, s:s, s:o}", "id", (json_int_t)t->id, "user",
		                                         t->email, "name", t->name, "created", created, "revoked",
		                                         t->revoked ? json_string(revoked) : json_null()));
		return 0;
	}
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)t->id);
	created[10] = revoked[10] = '\0';
	table_cell(&c->table, id);
	table_cell(&c->table, t->email);
	table_cell(&c->table, t->name);
	table_cell(&c->table, created);
	table_cell(&c->table, t->revoked ? revoked : "-");
	return 0;
}

int cmd_token_list(struct app *app, const args_t *a, struct err *e)
{
	static const char *const header[] = {"ID", "USER", "NAME", "CREATED", "REVOKED", NULL};
	int64_t user = 0;
	if (arg_find(a, "user")) {
		struct store_user u;
		int r = store_user_by_email(app->db, arg_str(a, "user"), &u, e);
		if (r <= 0)
			return r < 0 ? -1 : err_set(e, ERR_INPUT, "--user: no user with the e-mail address \"%s\"", arg_str(a, "user"));
		user = u.id;
	}
	struct list_ctx c = {.app = app, .json = app->json ? json_array() : NULL};
	if (!app->json)
		table_init(&c.table, header);
	int r = store_apitoken_each(app->db, user, list_one, &c, e);
	return cmd_list_end(app, r, c.json, &c.table, "No API tokens. Make one with: rapport token add --user E --name N");
}

int cmd_token_revoke(struct app *app, const args_t *a, struct err *e)
{
	int64_t id;
	if (arg_id(a, "id", &id, e))
		return -1;
	int r = store_apitoken_revoke(app->db, id, app->now, e);
	if (r < 0)
		return -1;
	if (r == 0)
		return err_set(e, ERR_INPUT, "--id: no working token %lld (see rapport token list)", (long long)id);
	if (!app->json)
		fprintf(app->out, "token %lld revoked\n", (long long)id);
	else
		cmd_print_json(app, json_pack("{s:I, s:b}", "id", (json_int_t)id, "revoked", 1));
	return 0;
}
