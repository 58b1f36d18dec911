/* main.c - reads the command line, opens the database, runs one command in
 * one transaction and turns its error into an exit status (DESIGN.md 6).
 * The only place besides cmd_*.c that prints to the user. */
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "util/time.h"

#define RAPPORT_VERSION "0.1.0"

static const char *default_author(void)
{
	const char *a = getenv("RAPPORT_AUTHOR");
	if (a && *a)
		return a;
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_name && *pw->pw_name ? pw->pw_name : "unknown";
}

/* $RAPPORT_NOW pins the clock (ISO-8601 UTC or @SECONDS) so a run can be
 * replayed exactly; it is read once here. */
static int read_now(int64_t *now, struct err *e)
{
	const char *v = getenv("RAPPORT_NOW");
	if (!v || !*v) {
		*now = (int64_t)time(NULL);
		return 0;
	}
	return time_parse(v, "UTC", "RAPPORT_NOW", now, e);
}

static int fail(struct err *e)
{
	if (e->msg[0])
		fprintf(stderr, "rapport: %s\n", e->msg);
	return e->code ? (int)e->code : ERR_IO;
}

/* Reads global options (and their values) before the command's words. */
static int leading_globals(int argc, char **argv, struct app *app, int *help, struct err *e)
{
	int i = 1;
	while (i < argc && !strcmp(argv[i], "--version"))
		*help = 2, i++;
	while (i < argc) {
		int r = cmd_global(app, argc, argv, &i, help, e);
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		if (i < argc && !strcmp(argv[i], "--version"))
			*help = 2, i++;
	}
	return i;
}

static int run(const struct cmd *c, struct app *app, const args_t *a, struct err *e)
{
	/* a new SQLite file is removed when its command fails; a PostgreSQL
	 * database's first tables roll back with the command's transaction */
	int created = (c->flags & CMD_CREATE_DB) && !db_is_url(app->db_path) && access(app->db_path, F_OK) != 0;
	int r = -1;
	int need_db = !(c->flags & CMD_NO_DB) || ((c->flags & CMD_DB_PARTNER) && arg_find(a, "partner"));
	if (c->no_db_with && arg_find(a, c->no_db_with))
		need_db = 0;
	if (need_db) {
		/* One transaction per command: a write either lands whole or not
		 * at all; a read sees one consistent snapshot. A command that
		 * creates the database gets its transaction from db_open, with
		 * the schema inside it where the backend allows. */
		int create = (c->flags & CMD_CREATE_DB) && (c->flags & CMD_WRITE);
		enum db_open_mode mode = create ? DB_CREATE_WRITE : c->flags & CMD_CREATE_DB ? DB_CREATE : DB_EXISTING;
		if (db_open(&app->db, app->db_path, mode, e) || ledger_init(&app->ledger, app->db, e))
			goto done;
		if (!create && (c->flags & CMD_WRITE ? db_begin(app->db, e) : db_read_begin(app->db, e)))
			goto done;
	}
	r = c->run(app, a, e);
	if (app->db) {
		if (r == 0 && !app->discard)
			r = db_commit(app->db, e);
		if (r || app->discard)
			db_rollback(app->db);
	}
done:
	if (r && created) {
		ledger_release(&app->ledger);
		db_close(app->db);
		app->db = NULL;
		cmd_remove_db(app->db_path); /* a command that made the file and failed leaves none */
	}
	return r;
}

int main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "C.UTF-8"); /* display widths of CJK names in tables */
	struct err e = {0};
	struct app app = {
		.db_path = getenv("RAPPORT_DB") && *getenv("RAPPORT_DB") ? getenv("RAPPORT_DB") : "rapport.db",
		.author = default_author(),
		.side = "buyer",
		.out = stdout,
		.keys_env = getenv("RAPPORT_KEYS"),
	};
	int help = 0;
	int first = leading_globals(argc, argv, &app, &help, &e);
	if (first < 0)
		return fail(&e);
	if (help == 2) {
		printf("rapport %s\n", RAPPORT_VERSION);
		return 0;
	}
	if (first >= argc) {
		cmd_overview(help ? stdout : stderr, NULL);
		return help ? 0 : ERR_INPUT;
	}
	int used;
	const struct cmd *c = cmd_find(argc - first, argv + first, &used);
	if (!c) {
		if (cmd_is_group(argv[first])) {
			int asked = first + 1 < argc && (!strcmp(argv[first + 1], "--help") || !strcmp(argv[first + 1], "-h"));
			if (!asked)
				fprintf(stderr, "rapport: %s: needs a subcommand\n", argv[first]);
			cmd_overview(asked ? stdout : stderr, argv[first]);
			return asked ? 0 : ERR_INPUT;
		}
		fprintf(stderr, "rapport: unknown command \"%s\" (see rapport --help)\n", argv[first]);
		return ERR_INPUT;
	}
	args_t a;
	int p = cmd_parse(c, argc - first - used, argv + first + used, &app, &a, &e);
	if (p < 0)
		return fail(&e);
	if (p > 0 || help) {
		cmd_usage(stdout, c);
		return 0;
	}
	if (read_now(&app.now, &e))
		return fail(&e);
	int r = run(c, &app, &a, &e);
	if (r && app.undo_file[0]) /* a private key whose public half did not land */
		unlink(app.undo_file);
	ledger_release(&app.ledger);
	db_close(app.db);
	if (r == 0 && app.warnings.len)
		fputs(app.warnings.data, stderr);
	buf_release(&app.warnings);
	if (fflush(stdout) != 0 && r == 0)
		r = err_set(&e, ERR_IO, "writing the output failed");
	return r ? fail(&e) : 0;
}
