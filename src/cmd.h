/* cmd.h - the command table, parsed arguments and the application state
 * handed to every command. One cmd_<name>.c per command (group). */
#ifndef RAPPORT_CMD_H
#define RAPPORT_CMD_H

#include <stdint.h>
#include <stdio.h>

#include "ledger.h"
#include "store/db.h"
#include "util/buf.h"
#include "util/err.h"

/* Read once at start and passed down (CONVENTIONS.md habit 9). */
struct app {
	const char *db_path;
	const char *author;
	const char *side;   /* the author's side: buyer unless --author-side */
	int json;
	int64_t now;        /* seconds UTC; $RAPPORT_NOW pins it for replays and tests */
	struct db *db;      /* open for commands without CMD_NO_DB */
	struct ledger ledger;
	FILE *out;
	struct buf warnings; /* lines main prints on stderr once the command's transaction landed */
};

struct opt {
	const char *name;   /* without the leading "--" */
	const char *arg;    /* metavariable, NULL for a flag */
	const char *help;
	int required;
};

enum {
	CMD_NO_DB = 1,      /* needs no database */
	CMD_CREATE_DB = 2,  /* creates the database when missing (init) */
	CMD_WRITE = 4,      /* runs in one write transaction */
	CMD_DB_PARTNER = 8, /* with CMD_NO_DB: opens the database when --partner is given */
};

#define CMD_MAX_OPTS 48
#define CMD_MAX_POS 4

struct cmd;
typedef struct args {
	const struct cmd *cmd;
	const char *val[CMD_MAX_OPTS]; /* by index into cmd->opts; NULL when absent, "" for a given flag */
	const char *pos[CMD_MAX_POS];
	int npos;
} args_t;

struct cmd {
	const char *name;      /* "partner add" */
	const char *summary;   /* one line */
	const char *synopsis;  /* positionals, e.g. "ID", or NULL */
	int npos;              /* how many positionals it takes */
	const struct opt *opts; /* {0}-terminated */
	int (*run)(struct app *app, const args_t *a, struct err *e);
	unsigned flags;
	const char *help;      /* longer description and an example */
	const char *kind;      /* cmd_record: the event kind it appends */
	const char *pos_field; /* cmd_record: the body field the positional ID fills */
	const char *listing;   /* cmd_list: the store listing it prints */
};

extern const struct cmd cmd_table[];
extern const size_t cmd_count;

/* The option's value or NULL. name must be one of the command's options. */
const char *arg_str(const args_t *a, const char *name);
/* Parses a positive integer id; errors name the option. */
int arg_id(const args_t *a, const char *name, int64_t *out, struct err *e);
/* Parses a whole number from min to max, or gives dflt when absent (min - 1
 * for none: then it is required); errors name the option. */
int arg_count(const args_t *a, const char *name, int min, int max, int dflt, int *out, struct err *e);
/* Parses a time (see time_parse) local to zone, or returns dflt when absent. */
int arg_time(const args_t *a, const char *name, const char *zone, int64_t dflt, int64_t *out, struct err *e);

/* Finds the command named by the leading words of argv; *used receives how
 * many words it took. NULL when none matches. */
const struct cmd *cmd_find(int argc, char **argv, int *used);
/* Parses the rest of the command line into a (globals into app).
 * Returns 1 when --help was asked, 0 to run, -1 on bad usage. */
int cmd_parse(const struct cmd *c, int argc, char **argv, struct app *app, args_t *a, struct err *e);

/* Reads a global option at argv[*i] (advancing *i): 1 read, 0 not one,
 * -1 bad value. */
int cmd_global(struct app *app, int argc, char **argv, int *i, int *help, struct err *e);

/* Help texts. */
void cmd_usage(FILE *f, const struct cmd *c);
void cmd_overview(FILE *f, const char *group);
/* 1 when some command name starts with "group ". */
int cmd_is_group(const char *group);

/* Commands, one file each. */
int cmd_init(struct app *app, const args_t *a, struct err *e);
int cmd_partner_add(struct app *app, const args_t *a, struct err *e);
int cmd_partner_list(struct app *app, const args_t *a, struct err *e);
int cmd_log(struct app *app, const args_t *a, struct err *e);
int cmd_verify(struct app *app, const args_t *a, struct err *e);
int cmd_help(struct app *app, const args_t *a, struct err *e);
int cmd_record(struct app *app, const args_t *a, struct err *e);
int cmd_list(struct app *app, const args_t *a, struct err *e);
int cmd_settings(struct app *app, const args_t *a, struct err *e);
int cmd_order_add(struct app *app, const args_t *a, struct err *e);
int cmd_rebuild(struct app *app, const args_t *a, struct err *e);
int cmd_demo(struct app *app, const args_t *a, struct err *e);
int cmd_correct(struct app *app, const args_t *a, struct err *e);
int cmd_score(struct app *app, const args_t *a, struct err *e);
int cmd_weights(struct app *app, const args_t *a, struct err *e);
int cmd_time(struct app *app, const args_t *a, struct err *e);
int cmd_holidays(struct app *app, const args_t *a, struct err *e);
int cmd_weights_set(struct app *app, const args_t *a, struct err *e);
int cmd_workdays(struct app *app, const args_t *a, struct err *e);
int cmd_slots(struct app *app, const args_t *a, struct err *e);
int cmd_calendar(struct app *app, const args_t *a, struct err *e);
int cmd_calendar_token(struct app *app, const args_t *a, struct err *e);
int cmd_agenda(struct app *app, const args_t *a, struct err *e);
int cmd_agenda_snooze(struct app *app, const args_t *a, struct err *e);
int cmd_digest(struct app *app, const args_t *a, struct err *e);
int cmd_user_add(struct app *app, const args_t *a, struct err *e);
int cmd_user_passwd(struct app *app, const args_t *a, struct err *e);
int cmd_user_list(struct app *app, const args_t *a, struct err *e);
int cmd_user_disable(struct app *app, const args_t *a, struct err *e);
int cmd_user_enable(struct app *app, const args_t *a, struct err *e);
int cmd_user_check(struct app *app, const args_t *a, struct err *e);
int cmd_serve(struct app *app, const args_t *a, struct err *e);

/* The agenda a command's --date, --side and --partner ask for (shared by
 * agenda and digest): *now is the instant it is for; snoozes hides the
 * author's snoozed items. Release out with agenda_release. */
struct agenda;
int cmd_agenda_query(struct app *app, const args_t *a, int snoozes, struct agenda *out, int64_t *now, struct err *e);

/* The option's value or NULL, or NULL too when the command has no such
 * option (for code shared by several commands). */
const char *arg_find(const args_t *a, const char *name);
/* Appends an event of kind to rel from a command: --at (default now) read
 * in the buyer's zone; prints {"id": N} or the id unless quiet. */
int cmd_append(struct app *app, const args_t *a, int64_t rel, const char *kind, json_t *body, int64_t *id,
               struct err *e);
/* The buyer's time zone (for reading times without an offset). */
int cmd_buyer_tz(struct app *app, char tz[65], struct err *e);

/* Shared by commands: print a JSON value (pretty) on app->out and free it. */
void cmd_print_json(struct app *app, json_t *v);
/* What a recording command prints: the new id, or {"id": N} with --json. */
void cmd_print_id(struct app *app, int64_t id);
/* Looks the partner up; ERR_INPUT naming --partner when it does not exist. */
struct party;
int cmd_partner_get(struct app *app, int64_t id, struct party *p, struct err *e);

#endif
