/* cmd.h - the command table, parsed arguments and the application state
 * handed to every command. One cmd_<name>.c per command (group). */
#ifndef RAPPORT_CMD_H
#define RAPPORT_CMD_H

#include <jansson.h>
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
	const char *keys_env; /* $RAPPORT_KEYS: the directory of private keys */
	char undo_file[1024]; /* a file the command wrote, removed if its transaction does not commit */
	int discard;        /* set by a command that succeeded but must write nothing (--dry-run):
	                       main rolls its transaction back */
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
	const char *no_db_with; /* an option that, when given, makes the command need no database */
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
int cmd_migrate(struct app *app, const args_t *a, struct err *e);
/* Removes a SQLite database file and its -wal, -shm and -journal files:
 * what a command that created the database and failed leaves behind. */
void cmd_remove_db(const char *path);
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
int cmd_token_add(struct app *app, const args_t *a, struct err *e);
int cmd_token_list(struct app *app, const args_t *a, struct err *e);
int cmd_token_revoke(struct app *app, const args_t *a, struct err *e);
int cmd_serve(struct app *app, const args_t *a, struct err *e);
int cmd_key_create(struct app *app, const args_t *a, struct err *e);
int cmd_key_show(struct app *app, const args_t *a, struct err *e);
int cmd_checkpoint(struct app *app, const args_t *a, struct err *e);
int cmd_checkpoint_cosign(struct app *app, const args_t *a, struct err *e);
int cmd_checkpoints(struct app *app, const args_t *a, struct err *e);
int cmd_prove(struct app *app, const args_t *a, struct err *e);
int cmd_verify_proof(struct app *app, const args_t *a, struct err *e);
int cmd_import(struct app *app, const args_t *a, struct err *e);
int cmd_export(struct app *app, const args_t *a, struct err *e);
int cmd_export_bundle(struct app *app, const args_t *a, struct err *e);
int cmd_import_bundle(struct app *app, const args_t *a, struct err *e);

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
/* The same at a time already read; a due date on the partner's day off
 * adds a line to app->warnings. */
int cmd_append_at(struct app *app, int64_t rel, const char *kind, json_t *body, int64_t at, int64_t *id,
                  struct err *e);
/* The command's --at read in the buyer's zone, or now. */
int cmd_at(struct app *app, const args_t *a, int64_t *at, struct err *e);
/* Appends an order (body: po, style, qty, price, currency, ex_factory)
 * placed at `at`, then its milestones as the partner's commitments and the
 * buyer's deposit and balance, as `rapport order add` does. *id receives
 * the order's id, *events how many events were appended and *out, when out
 * is not NULL, {"id", "milestones": [...], "payments": [...]} (the caller
 * releases it). */
int cmd_order_record(struct app *app, int64_t rel, json_t *order, int64_t at, int64_t *id, int *events, json_t **out,
                     struct err *e);
/* The buyer's row; ERR_INPUT naming the database when init has not run. */
struct party;
int cmd_buyer_get(struct app *app, struct party *b, struct err *e);
/* The buyer's time zone (for reading times without an offset). */
int cmd_buyer_tz(struct app *app, char tz[65], struct err *e);

/* The directory of private keys: --keys, else $RAPPORT_KEYS, else beside
 * the database file (keys.h); -1 (e set) for a PostgreSQL URL without
 * either. */
int cmd_keys_dir(struct app *app, const args_t *a, char *out, size_t len, struct err *e);
/* Creates org's signing key (keys_create) and has main remove the private
 * key file again should the command's transaction not commit. */
struct org_key;
int cmd_key_new(struct app *app, const args_t *a, int64_t org, struct org_key *k, char *path, size_t len,
                struct err *e);
/* Appends a stored checkpoint as its signed note (the buyer's signature
 * line first); signers, when not NULL, receives one object per signature. */
struct stored_checkpoint;
int cmd_checkpoint_note(struct app *app, const struct stored_checkpoint *c, struct buf *out, json_t *signers,
                        struct err *e);
/* How many threads a command may share work between: one per core, at
 * most 8 (verify --bundle and import-bundle check events on each). */
int cmd_cores(void);
/* Reads a whole file of at most max bytes given by the user: ERR_INPUT
 * naming it when it cannot be read or is larger. */
int cmd_read_file(const char *path, size_t max, struct buf *out, struct err *e);
/* The same from f, from where it stands to its end, named name in messages. */
int cmd_read_stream(FILE *f, const char *name, size_t max, struct buf *out, struct err *e);
/* The same for a file read once and whole (verify --bundle): a regular
 * file is mapped rather than copied; anything else is read into buf. data
 * is not NUL-terminated. Release with cmd_file_release. */
struct cmd_file {
	const char *data;
	size_t len;
	void *map;       /* private: the mapping, or NULL */
	int fd;          /* private: the mapped file, while map */
	struct buf buf;  /* private: the bytes read when not mapped */
};
int cmd_map_file(const char *path, size_t max, struct cmd_file *f, struct err *e);
/* 1 when the mapped file was cut short while it was read: the pages past
 * its new end read as zeros, so nothing read from it may be trusted. */
int cmd_file_cut_short(const struct cmd_file *f);
void cmd_file_release(struct cmd_file *f);
/* rapport import's reading of one CSV stream, for the command, the bench
 * and the fuzzer: every row appended in the caller's transaction, each bad
 * one reported on o->errors as NAME:ROW: message; ERR_INPUT when any row
 * was bad (then the caller must roll back). */
struct cmd_import_opts {
	const char *name;  /* the file as the user named it, for messages */
	const char *kind;  /* orders, payments, contacts, people or commitments */
	int64_t partner;   /* --partner, or 0: the partner column */
	long long size;    /* the file's size in bytes for the progress bar, 0 when unknown */
	int progress;      /* draw a progress bar on stderr */
	FILE *errors;      /* where bad rows are reported */
	int skip_recorded; /* --skip-recorded: leave out rows recorded before */
};
struct cmd_import_result {
	size_t rows;    /* rows appended */
	size_t events;  /* events appended for them */
	size_t bad;     /* rows refused */
	size_t skipped; /* rows left out as recorded before */
	size_t closed;  /* rows that closed a payment or promise recorded before */
	size_t renegotiated; /* rows that only gave a promise recorded before new due dates */
};
int cmd_import_stream(struct app *app, FILE *in, const struct cmd_import_opts *o, struct cmd_import_result *res,
                      struct err *e);

/* Shared by commands: print a JSON value (pretty) on app->out and free it. */
void cmd_print_json(struct app *app, json_t *v);
/* Ends a listing walk that returned r: prints json (--json; taken either
 * way), else the table, or `empty` (when given) if it has no rows; releases
 * the table. 0, or -1 when r was an error. */
struct table;
int cmd_list_end(struct app *app, int r, json_t *json, struct table *t, const char *empty);
/* What a recording command prints: the new id, or {"id": N} with --json. */
void cmd_print_id(struct app *app, int64_t id);
/* Looks the partner up; ERR_INPUT naming --partner when it does not exist. */
struct party;
int cmd_partner_get(struct app *app, int64_t id, struct party *p, struct err *e);

#endif
