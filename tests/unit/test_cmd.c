/* test_cmd.c - walks the command table and exercises the option parser. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

Test(cmd, every_command_is_documented_and_within_limits)
{
	for (size_t i = 0; i < cmd_count; i++) {
		const struct cmd *c = &cmd_table[i];
		cr_expect(c->summary && *c->summary, "%s has no summary", c->name);
		cr_expect(c->run != NULL, "%s has no function", c->name);
		cr_expect_leq(c->npos, CMD_MAX_POS);
		int n = 0;
		for (const struct opt *o = c->opts; o->name; o++, n++) {
			cr_expect(o->help && *o->help, "%s --%s has no help", c->name, o->name);
			cr_expect(strncmp(o->name, "--", 2), "%s: option names carry no dashes", c->name);
		}
		cr_expect_lt(n, CMD_MAX_OPTS, "%s has too many options", c->name);
		for (size_t j = 0; j < i; j++)
			cr_expect(strcmp(cmd_table[j].name, c->name), "%s appears twice", c->name);
	}
}

static const struct cmd *find(const char *line, int *used)
{
	static char buf[256];
	static char *argv[16];
	int argc = 0;
	snprintf(buf, sizeof buf, "%s", line);
	for (char *t = strtok(buf, " "); t; t = strtok(NULL, " "))
		argv[argc++] = t;
	return cmd_find(argc, argv, used);
}

Test(cmd, commands_are_found_by_their_leading_words)
{
	int used;
	const struct cmd *c = find("partner add --name X", &used);
	cr_assert(c != NULL);
	cr_expect_str_eq(c->name, "partner add");
	cr_expect_eq(used, 2);
	cr_expect_null(find("partner", &used));
	cr_expect(cmd_is_group("partner"));
	cr_expect(!cmd_is_group("part"));
	cr_expect_null(find("partners add", &used));
	c = find("verify --partner 2", &used);
	cr_expect_str_eq(c->name, "verify");
}

/* Parses a command line for "contact" and returns the error message. */
static int parse(struct app *app, args_t *a, struct err *e, int argc, char **argv)
{
	int used;
	const struct cmd *c = cmd_find(1, (char *[]){"contact"}, &used);
	memset(app, 0, sizeof *app);
	err_clear(e);
	return cmd_parse(c, argc, argv, app, a, e);
}

Test(cmd, options_globals_and_their_errors)
{
	struct app app;
	args_t a;
	struct err e;
	char *ok[] = {"--partner", "3", "--by=buyer", "--kind", "call", "--json", "--db", "x.db", "--note", "--weird"};
	cr_expect_eq(parse(&app, &a, &e, 10, ok), 0, "%s", e.msg);
	cr_expect_str_eq(arg_str(&a, "by"), "buyer");
	cr_expect_str_eq(arg_str(&a, "note"), "--weird", "a value may start with dashes");
	cr_expect_null(arg_str(&a, "at"));
	cr_expect(app.json);
	cr_expect_str_eq(app.db_path, "x.db");
	int64_t id;
	cr_expect_eq(arg_id(&a, "partner", &id, &e), 0);
	cr_expect_eq(id, 3);

	char *unknown[] = {"--partner", "3", "--by", "buyer", "--kind", "call", "--colour", "red"};
	cr_expect_eq(parse(&app, &a, &e, 8, unknown), -1);
	cr_expect_str_eq(e.msg, "contact: unknown option --colour (see rapport contact --help)");
	char *missing[] = {"--partner", "3", "--kind", "call"};
	cr_expect_eq(parse(&app, &a, &e, 4, missing), -1);
	cr_expect_str_eq(e.msg, "--by: required (see rapport contact --help)");
	char *twice[] = {"--partner", "3", "--partner", "4"};
	cr_expect_eq(parse(&app, &a, &e, 4, twice), -1);
	cr_expect_str_eq(e.msg, "--partner: given twice");
	char *novalue[] = {"--by", "buyer", "--kind", "call", "--partner"};
	cr_expect_eq(parse(&app, &a, &e, 5, novalue), -1);
	cr_expect_str_eq(e.msg, "--partner: needs a value (ID)");
	char *flagvalue[] = {"--json=yes"};
	cr_expect_eq(parse(&app, &a, &e, 1, flagvalue), -1);
	cr_expect_str_eq(e.msg, "--json: takes no value");
	char *notutf8[] = {"--note", "caf\xe9"};
	cr_expect_eq(parse(&app, &a, &e, 2, notutf8), -1);
	cr_expect_str_eq(e.msg, "--note: not valid UTF-8 text");
	char *stray[] = {"extra"};
	cr_expect_eq(parse(&app, &a, &e, 1, stray), -1);
	cr_expect_str_eq(e.msg, "contact: unexpected argument \"extra\" (see rapport contact --help)");
	char *help[] = {"--kind", "call", "-h"};
	cr_expect_eq(parse(&app, &a, &e, 3, help), 1, "--help wins over missing options");

	char *badid[] = {"--partner", "3x", "--by", "buyer", "--kind", "call"};
	cr_expect_eq(parse(&app, &a, &e, 6, badid), 0);
	cr_expect_eq(arg_id(&a, "partner", &id, &e), -1);
	cr_expect_str_eq(e.msg, "--partner: not an id (a positive integer): \"3x\"");
	char *zero[] = {"--partner", "0", "--by", "buyer", "--kind", "call"};
	cr_expect_eq(parse(&app, &a, &e, 6, zero), 0);
	cr_expect_eq(arg_id(&a, "partner", &id, &e), -1);
}
