/* cmd_user.c - `rapport user add|passwd|list|disable|enable|check`: who may
 * log in to the web app. Users are access control, not ledger events
 * (store/users.h says why); the rules are user.c's. */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cmd.h"
#include "store/parties.h"
#include "store/users.h"
#include "user.h"
#include "util/table.h"
#include "util/time.h"
#include "web/session.h"

/* The user with --email's address; ERR_INPUT naming --email when none. */
static int find_user(struct app *app, const args_t *a, struct store_user *u, struct err *e)
{
	const char *email = arg_str(a, "email");
	int r = store_user_by_email(app->db, email, u, e);
	if (r == 0)
		return err_set(e, ERR_INPUT, "--email: no user with the e-mail address \"%s\" (see rapport user list)",
		               email);
	return r < 0 ? -1 : 0;
}

/* The name of the user's organisation into out. */
static int org_name(struct app *app, int64_t partner, char out[PARTY_NAME_MAX], struct err *e)
{
	struct party p;
	int r = partner ? store_partner_get(app->db, partner, &p, e) : store_buyer_get(app->db, &p, e);
	if (r < 0)
		return -1;
	snprintf(out, PARTY_NAME_MAX, "%s", r ? p.name : "");
	return 0;
}

/* Reads one line of standard input (the password) into a buffer the caller
 * frees with free_secret; its newline (LF or CRLF) is dropped. At a
 * terminal it asks with prompt and does not echo. NULL with e set (ending
 * with hint) when there is none. */
static char *read_secret(const char *prompt, const char *hint, size_t *len, struct err *e)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	if (tty) {
		fprintf(stderr, "%s", prompt);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n = getline(&line, &cap, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (n <= 0) {
		free(line);
		err_set(e, ERR_INPUT, "stdin: no password (give it on standard input%s)", hint);
		return NULL;
	}
	if (line[n - 1] == '\n')
		n--;
	if (n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	*len = (size_t)n;
	return line;
}

static void free_secret(char *s, size_t len)
{
	if (s)
		sodium_memzero(s, len);
	free(s);
}

/* A password from stdin (checked) or, with --generate, a new one (*shown
 * set); hashed into hash. */
static int new_password(const args_t *a, char hash[STORE_PWHASH_MAX], char shown[USER_PASSWORD_GEN_LEN + 1],
                        struct err *e)
{
	shown[0] = '\0';
	if (!arg_str(a, "generate")) {
		size_t len;
		char *pw = read_secret("New password: ", ", or use --generate", &len, e);
		if (!pw)
			return -1;
		int r = user_password_check(pw, len, "stdin", e) || user_password_hash(pw, len, hash, e) ? -1 : 0;
		free_secret(pw, len);
		return r;
	}
	if (user_password_new(shown, e))
		return -1;
	return user_password_hash(shown, strlen(shown), hash, e);
}

int cmd_user_add(struct app *app, const args_t *a, struct err *e)
{
	struct store_user u = {.created_at = app->now};
	const char *email = arg_str(a, "email"), *lang = arg_str(a, "lang");
	struct party p;
	int r;
	if (cmd_buyer_get(app, &p, e))
		return -1;
	if (user_org_parse(arg_str(a, "org"), "--org", &u.partner, e) || user_email_check(email, "--email", e) ||
	    user_role_check(arg_str(a, "role"), "--role", e) || (lang && user_lang_check(lang, "--lang", e)))
		return -1;
	if (u.partner && (r = store_partner_get(app->db, u.partner, &p, e)) <= 0)
		return r < 0 ? -1
		             : err_set(e, ERR_INPUT, "--org: no partner with id %lld (see rapport partner list)",
		                       (long long)u.partner);
	struct store_user other;
	if ((r = store_user_by_email(app->db, email, &other, e)) != 0)
		return r < 0 ? -1
		             : err_set(e, ERR_INPUT, "--email: user %lld already has the e-mail address \"%s\"",
		                       (long long)other.id, other.email);
	snprintf(u.email, sizeof u.email, "%s", email);
	snprintf(u.role, sizeof u.role, "%s", arg_str(a, "role"));
	snprintf(u.lang, sizeof u.lang, "%s", lang ? lang : "");

	char pw[USER_PASSWORD_GEN_LEN + 1];
	int64_t id;
	if (user_password_new(pw, e) || user_password_hash(pw, strlen(pw), u.password, e) ||
	    store_user_insert(app->db, &u, &id, e))
		return -1;
	char org[32];
	user_org_format(u.partner, org);
	if (app->json) {
		cmd_print_json(app, json_pack("{s:I, s:s, s:s, s:o, s:s, s:o, s:s}", "id", (json_int_t)id, "email",
		                              u.email, "org", org, "partner",
		                              u.partner ? json_integer(u.partner) : json_null(), "role", u.role, "lang",
		                              lang ? json_string(lang) : json_null(), "password", pw));
	} else {
		fprintf(app->out, "user %lld added: %s, %s at %s (%s)\npassword: %s\n", (long long)id, u.email, u.role, org,
		        p.name, pw);
	}
	sodium_memzero(pw, sizeof pw);
	return 0;
}

int cmd_user_passwd(struct app *app, const args_t *a, struct err *e)
{
	struct store_user u;
	char hash[STORE_PWHASH_MAX], shown[USER_PASSWORD_GEN_LEN + 1];
	if (find_user(app, a, &u, e) || new_password(a, hash, shown, e))
		return -1;
	if (session_password_set(app->db, u.id, hash, e)) /* also ends their sessions */
		return -1;
	if (app->json) {
		json_t *o = json_pack("{s:I, s:s}", "id", (json_int_t)u.id, "email", u.email);
		if (shown[0])
			json_object_set_new(o, "password", json_string(shown));
		cmd_print_json(app, o);
	} else if (shown[0]) {
		fprintf(app->out, "password: %s\n", shown);
	} else {
		fprintf(app->out, "password changed for %s\n", u.email);
	}
	sodium_memzero(shown, sizeof shown);
	return 0;
}

static int set_disabled(struct app *app, const args_t *a, int disabled, struct err *e)
{
	struct store_user u;
	if (find_user(app, a, &u, e) || session_user_disable(app->db, u.id, disabled, e))
		return -1;
	if (app->json)
		cmd_print_json(app, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)u.id, "email", u.email, "disabled",
		                              disabled));
	else
		fprintf(app->out, "%s %s\n", disabled ? "disabled:" : "enabled:", u.email);
	return 0;
}

int cmd_user_disable(struct app *app, const args_t *a, struct err *e)
{
	return set_disabled(app, a, 1, e);
}

int cmd_user_enable(struct app *app, const args_t *a, struct err *e)
{
	return set_disabled(app, a, 0, e);
}

int cmd_user_check(struct app *app, const args_t *a, struct err *e)
{
	struct store_user u;
	if (find_user(app, a, &u, e))
		return -1;
	size_t len;
	char *pw = read_secret("Password: ", "", &len, e);
	if (!pw)
		return -1;
	int ok = user_password_verify(u.password, pw, len);
	free_secret(pw, len);
	if (!ok)
		return err_set(e, ERR_CHECK, "%s: wrong password", u.email);
	if (u.disabled)
		return err_set(e, ERR_CHECK, "%s: the password is right but the user is disabled", u.email);
	return 0;
}

struct list_ctx {
	struct app *app;
	struct table table;
	json_t *json;
	struct err *e;
};

static int list_one(void *ctx, const struct store_user *u)
{
	struct list_ctx *c = ctx;
	char org[32], name[PARTY_NAME_MAX], created[21];
	if (org_name(c->app, u->partner, name, c->e))
		return -1;
	user_org_format(u->partner, org);
	time_format_utc(u->created_at, created);
	if (c->json) {
		json_array_append_new(
			c->json, json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:o, s:s, s:b}", "id", (json_int_t)u->id, "email",
			                   u->email, "org", org, "partner", u->partner ? json_integer(u->partner) : json_null(),
			                   "org_name", name, "role", u->role, "lang",
			                   u->lang[0] ? json_string(u->lang) : json_null(), "created", created, "disabled",
			                   u->disabled));
		return 0;
	}
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)u->id);
	created[10] = '\0';
	table_cell(&c->table, id);
	table_cell(&c->table, u->email);
	table_cell(&c->table, org);
	table_cell(&c->table, name);
	table_cell(&c->table, u->role);
	table_cell(&c->table, u->lang[0] ? u->lang : "-");
	table_cell(&c->table, created);
	table_cell(&c->table, u->disabled ? "disabled" : "active");
	return 0;
}

int cmd_user_list(struct app *app, const args_t *a, struct err *e)
{
	(void)a;
	static const char *const header[] = {"ID", "EMAIL", "ORG", "NAME", "ROLE", "LANG", "CREATED", "STATUS", NULL};
	struct list_ctx c = {.app = app, .e = e, .json = app->json ? json_array() : NULL};
	if (!app->json)
		table_init(&c.table, header);
	int r = store_user_each(app->db, list_one, &c, e);
	return cmd_list_end(app, r, c.json, &c.table, "No users yet. Add one with: rapport user add --org buyer --email E --role admin");
}
