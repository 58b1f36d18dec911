/* cmd.c - the table of commands, the option parser that reads it and the
 * help printed from it. Commands themselves live in cmd_<name>.c. */
#include "cmd.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/parties.h"
#include "util/time.h"
#include "util/utf8.h"

static const struct opt no_opts[] = {{0}};

static const struct opt init_opts[] = {
	{"buyer", "NAME", "the brand's name", 1},
	{"country", "CC", "the brand's country, ISO 3166-1 alpha-2 (e.g. GB)", 1},
	{"tz", "ZONE", "the brand's time zone, IANA (e.g. Europe/London)", 1},
	{0},
};

static const struct opt partner_add_opts[] = {
	{"name", "NAME", "the factory's name", 1},
	{"country", "CC", "its country, ISO 3166-1 alpha-2 (e.g. CN)", 1},
	{"tz", "ZONE", "its time zone, IANA (e.g. Asia/Shanghai)", 1},
	{"city", "CITY", "its city (e.g. Dongguan)", 0},
	{0},
};

static const struct opt contact_opts[] = {
	{"partner", "ID", "the partner", 1},
	{"by", "SIDE", "who made contact: buyer or partner", 1},
	{"kind", "KIND", "call, video, message, email, meeting or visit", 1},
	{"at", "TIME", "when (ISO-8601; without an offset, the buyer's local time; default now)", 0},
	{"note", "TEXT", "what was said or agreed", 0},
	{0},
};

static const struct opt partner_opts[] = {
	{"partner", "ID", "the partner", 1},
	{0},
};

static const struct opt verify_opts[] = {
	{"partner", "ID", "check only this partner's chain", 0},
	{0},
};

const struct cmd cmd_table[] = {
	{"init", "create the database for a buyer (the brand)", NULL, 0, init_opts, cmd_init,
	 CMD_CREATE_DB | CMD_WRITE,
	 "Creates the database (see --db) and records the buyer: the brand whose\n"
	 "sourcing team keeps the shared record with its factories.\n\n"
	 "example: rapport init --buyer \"Linden & Rowe\" --country GB --tz Europe/London"},
	{"partner add", "add a partner (a factory) and open its shared record", NULL, 0, partner_add_opts,
	 cmd_partner_add, CMD_WRITE,
	 "Opens the hash-chained record shared with a factory; its first event names\n"
	 "both sides. Prints the new partner's id.\n\n"
	 "example: rapport partner add --name \"Dongguan Evergreen Knitwear\" --country CN \\\n"
	 "           --tz Asia/Shanghai --city Dongguan"},
	{"partner list", "list the partners", NULL, 0, no_opts, cmd_partner_list, 0,
	 "Lists every partner with its country, city, time zone, when the record\n"
	 "started and the last contact."},
	{"contact", "record a contact: a call, video, message, email, meeting or visit", NULL, 0, contact_opts,
	 cmd_contact, CMD_WRITE,
	 "Every contact resets the gap clock between the two sides. Prints the\n"
	 "event's id.\n\n"
	 "example: rapport contact --partner 1 --by buyer --kind video \\\n"
	 "           --at 2026-11-24T09:00+08:00 --note \"Reviewed the lab dips\""},
	{"log", "list a partner's events with their sequence numbers and hashes", NULL, 0, partner_opts, cmd_log, 0,
	 "Prints the shared record of one partner in order: sequence number, when it\n"
	 "happened (UTC), kind, who recorded it, the start of its hash and a summary."},
	{"verify", "recompute every hash chain and report the first bad event", NULL, 0, verify_opts, cmd_verify, 0,
	 "Recomputes each relationship's chain from the stored events. Exit 0 when\n"
	 "every chain is intact; exit 1 naming the relationship and the first event\n"
	 "that was altered, removed or reordered."},
	{"help", "show help for a command", "[COMMAND]", 2, no_opts, cmd_help, CMD_NO_DB,
	 "example: rapport help partner add"},
};

const size_t cmd_count = sizeof cmd_table / sizeof cmd_table[0];

static const struct opt global_opts[] = {
	{"db", "PATH", "the database (default $RAPPORT_DB, else ./rapport.db)", 0},
	{"json", NULL, "print JSON instead of text", 0},
	{"author", "NAME", "who records (default $RAPPORT_AUTHOR, else the login name)", 0},
	{"help", NULL, "show help for the command", 0},
	{0},
};

/* Words of a command name match argv's leading words. */
static int name_matches(const char *name, int argc, char **argv, int *used)
{
	int n = 0;
	const char *p = name;
	while (*p) {
		size_t len = strcspn(p, " ");
		if (n >= argc || strlen(argv[n]) != len || strncmp(argv[n], p, len))
			return 0;
		n++;
		p += len;
		if (*p == ' ')
			p++;
	}
	*used = n;
	return 1;
}

const struct cmd *cmd_find(int argc, char **argv, int *used)
{
	const struct cmd *best = NULL;
	int best_used = 0;
	for (size_t i = 0; i < cmd_count; i++) {
		int u;
		if (name_matches(cmd_table[i].name, argc, argv, &u) && u > best_used) {
			best = &cmd_table[i];
			best_used = u;
		}
	}
	*used = best_used;
	return best;
}

int cmd_is_group(const char *group)
{
	size_t n = strlen(group);
	for (size_t i = 0; i < cmd_count; i++)
		if (!strncmp(cmd_table[i].name, group, n) && cmd_table[i].name[n] == ' ')
			return 1;
	return 0;
}

static int opt_index(const struct opt *opts, const char *name, size_t len)
{
	for (int i = 0; opts[i].name; i++)
		if (strlen(opts[i].name) == len && !strncmp(opts[i].name, name, len))
			return i;
	return -1;
}

/* Every value must be UTF-8 before it reaches a JSON body or the database. */
static int check_utf8(const char *opt, const char *v, struct err *e)
{
	return utf8_valid(v, strlen(v)) ? 0 : err_set(e, ERR_INPUT, "--%s: not valid UTF-8 text", opt);
}

static int set_global(struct app *app, int gi, const char *v, int *help)
{
	switch (gi) {
	case 0: app->db_path = v; break;
	case 1: app->json = 1; break;
	case 2: app->author = v; break;
	case 3: *help = 1; break;
	}
	return 0;
}

int cmd_parse(const struct cmd *c, int argc, char **argv, struct app *app, args_t *a, struct err *e)
{
	memset(a, 0, sizeof *a);
	a->cmd = c;
	int help = 0;
	for (int i = 0; i < argc; i++) {
		const char *t = argv[i];
		if (!strcmp(t, "-h"))
			t = "--help";
		if (strncmp(t, "--", 2) || !t[2]) {
			if (a->npos >= c->npos)
				return err_set(e, ERR_INPUT, "%s: unexpected argument \"%s\" (see rapport %s --help)", c->name,
				               t, c->name);
			a->pos[a->npos++] = t;
			continue;
		}
		const char *name = t + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);
		int oi = opt_index(c->opts, name, len), gi = oi < 0 ? opt_index(global_opts, name, len) : -1;
		if (oi < 0 && gi < 0)
			return err_set(e, ERR_INPUT, "%s: unknown option --%.*s (see rapport %s --help)", c->name,
			               (int)len, name, c->name);
		const struct opt *o = oi >= 0 ? &c->opts[oi] : &global_opts[gi];
		const char *v = "";
		if (o->arg) {
			if (eq)
				v = eq + 1;
			else if (i + 1 < argc)
				v = argv[++i];
			else
				return err_set(e, ERR_INPUT, "--%s: needs a value (%s)", o->name, o->arg);
			if (check_utf8(o->name, v, e))
				return -1;
		} else if (eq) {
			return err_set(e, ERR_INPUT, "--%s: takes no value", o->name);
		}
		if (oi >= 0) {
			if (a->val[oi])
				return err_set(e, ERR_INPUT, "--%s: given twice", o->name);
			a->val[oi] = v;
		} else {
			set_global(app, gi, v, &help);
		}
	}
	if (help)
		return 1;
	for (int i = 0; c->opts[i].name; i++)
		if (c->opts[i].required && !a->val[i])
			return err_set(e, ERR_INPUT, "--%s: required (see rapport %s --help)", c->opts[i].name, c->name);
	return 0;
}

const char *arg_str(const args_t *a, const char *name)
{
	int i = opt_index(a->cmd->opts, name, strlen(name));
	if (i < 0) /* a programming error: the command reads an option it does not declare */
		abort();
	return a->val[i];
}

int arg_id(const args_t *a, const char *name, int64_t *out, struct err *e)
{
	const char *v = arg_str(a, name);
	char *end;
	if (!v)
		return err_set(e, ERR_INPUT, "--%s: required", name);
	long long n = strtoll(v, &end, 10);
	if (!*v || *end || n <= 0 || v[0] == '+' || v[0] == ' ')
		return err_set(e, ERR_INPUT, "--%s: not an id (a positive integer): \"%s\"", name, v);
	*out = n;
	return 0;
}

int arg_time(const args_t *a, const char *name, const char *zone, int64_t dflt, int64_t *out, struct err *e)
{
	const char *v = arg_str(a, name);
	if (!v) {
		*out = dflt;
		return 0;
	}
	char field[40];
	snprintf(field, sizeof field, "--%s", name);
	return time_parse(v, zone, field, out, e);
}

static void print_opts(FILE *f, const struct opt *opts)
{
	for (int i = 0; opts[i].name; i++) {
		char left[64];
		snprintf(left, sizeof left, "--%s%s%s", opts[i].name, opts[i].arg ? " " : "",
		         opts[i].arg ? opts[i].arg : "");
		fprintf(f, "  %-18s %s%s\n", left, opts[i].help, opts[i].required ? " (required)" : "");
	}
}

void cmd_usage(FILE *f, const struct cmd *c)
{
	fprintf(f, "usage: rapport %s", c->name);
	if (c->synopsis)
		fprintf(f, " %s", c->synopsis);
	for (const struct opt *o = c->opts; o->name; o++)
		fprintf(f, " %s--%s%s%s%s", o->required ? "" : "[", o->name, o->arg ? " " : "", o->arg ? o->arg : "",
		        o->required ? "" : "]");
	fprintf(f, "\n\n%s.\n", c->summary);
	if (c->help)
		fprintf(f, "\n%s\n", c->help);
	if (c->opts[0].name) {
		fprintf(f, "\noptions:\n");
		print_opts(f, c->opts);
	}
	fprintf(f, "\nglobal options:\n");
	print_opts(f, global_opts);
}

void cmd_overview(FILE *f, const char *group)
{
	size_t n = group ? strlen(group) : 0;
	if (group)
		fprintf(f, "usage: rapport %s <subcommand> [options]\n\nsubcommands:\n", group);
	else
		fprintf(f, "usage: rapport <command> [options]\n\n"
		           "Rapport keeps one shared, tamper-evident record between a brand and each\n"
		           "of its factories, and tells both sides how they are doing.\n\ncommands:\n");
	for (size_t i = 0; i < cmd_count; i++)
		if (!group || (!strncmp(cmd_table[i].name, group, n) && cmd_table[i].name[n] == ' '))
			fprintf(f, "  %-14s %s\n", cmd_table[i].name, cmd_table[i].summary);
	fprintf(f, "\nglobal options:\n");
	print_opts(f, global_opts);
	fprintf(f, "\nexit status: 0 ok, 1 a check failed, 2 bad usage or input, 3 I/O or database error\n"
	           "'rapport help COMMAND' or 'rapport COMMAND --help' shows a command's options.\n");
}

int cmd_help(struct app *app, const args_t *a, struct err *e)
{
	int used;
	if (a->npos == 0) {
		cmd_overview(app->out, NULL);
		return 0;
	}
	const struct cmd *c = cmd_find(a->npos, (char **)a->pos, &used);
	if (c && used == a->npos) {
		cmd_usage(app->out, c);
		return 0;
	}
	if (a->npos == 1 && cmd_is_group(a->pos[0])) {
		cmd_overview(app->out, a->pos[0]);
		return 0;
	}
	return err_set(e, ERR_INPUT, "help: no command \"%s%s%s\"", a->pos[0], a->npos > 1 ? " " : "",
	               a->npos > 1 ? a->pos[1] : "");
}

void cmd_print_json(struct app *app, json_t *v)
{
	json_dumpf(v, app->out, JSON_INDENT(2));
	fputc('\n', app->out);
	json_decref(v);
}

int cmd_partner_get(struct app *app, int64_t id, struct party *p, struct err *e)
{
	int r = store_partner_get(app->db, id, p, e);
	if (r == 0)
		return err_set(e, ERR_INPUT, "--partner: no partner with id %lld (see rapport partner list)",
		               (long long)id);
	return r < 0 ? -1 : 0;
}
