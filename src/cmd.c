/* cmd.c - the table of commands, the option parser that reads it and the
 * help printed from it. Commands themselves live in cmd_<name>.c. */
#include "cmd.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/parties.h"
#include "util/table.h"
#include "util/time.h"
#include "util/utf8.h"

static const struct opt no_opts[] = {{0}};

/* Options shared by many commands. */
#define O_PARTNER {"partner", "ID", "the partner", 1}
#define O_PARTNER_OPT {"partner", "ID", "only this partner", 0}
#define O_AT {"at", "TIME", "when it happened (ISO-8601; without an offset, the buyer's local time; default now)", 0}
#define O_KEYS                                                                                                \
	{"keys", "DIR",                                                                                       \
	 "the directory of private keys (default $RAPPORT_KEYS, else the database file + .keys; required with a " \
	 "PostgreSQL URL)",                                                                                    \
	 0}
#define O_AS {"as", "SIDE", "who signs: buyer or partner (default --author-side)", 0}

static const struct opt init_opts[] = {
	{"buyer", "NAME", "the brand's name", 1},
	{"country", "CC", "the brand's country, ISO 3166-1 alpha-2 (e.g. GB)", 1},
	{"tz", "ZONE", "the brand's time zone, IANA (e.g. Europe/London)", 1},
	O_KEYS,
	{0},
};

static const struct opt partner_add_opts[] = {
	{"name", "NAME", "the factory's name", 1},
	{"country", "CC", "its country, ISO 3166-1 alpha-2 (e.g. CN)", 1},
	{"tz", "ZONE", "its time zone, IANA (e.g. Asia/Shanghai)", 1},
	{"city", "CITY", "its city (e.g. Dongguan)", 0},
	{"at", "TIME", "when the relationship started (default now)", 0},
	O_KEYS,
	{0},
};

static const struct opt contact_opts[] = {
	O_PARTNER,
	{"by", "SIDE", "who made contact: buyer or partner", 1},
	{"kind", "KIND", "call, video, message, email, meeting or visit", 1},
	O_AT,
	{"note", "TEXT", "what was said or agreed", 0},
	{0},
};

static const struct opt partner_opts[] = {O_PARTNER, {0}};
static const struct opt verify_opts[] = {
	{"partner", "ID", "check only this partner's chain", 0},
	{"bundle", "FILE", "check an exported bundle instead, with no database", 0},
	{0},
};
static const struct opt migrate_opts[] = {
	{"from", "DB", "the database to copy: sqlite:PATH or postgresql://...", 1},
	{"to", "DB", "an empty database to copy it into: sqlite:PATH (created when missing) or postgresql://...", 1},
	{0},
};
static const struct opt import_bundle_opts[] = {
	{"evidence", "FILE", "where to write the evidence of a fork (both signed checkpoints, the proof)", 0},
	{0},
};
static const struct opt key_create_opts[] = {{"partner", "ID", "the partner's key (default the buyer's)", 0}, O_KEYS, {0}};
static const struct opt key_show_opts[] = {{"partner", "ID", "the partner's key (default the buyer's)", 0}, {0}};
static const struct opt checkpoint_opts[] = {{"partner", "ID", "only this partner (default every partner)", 0}, O_AS,
                                             O_KEYS, {0}};
static const struct opt cosign_opts[] = {O_AS, O_KEYS, {0}};
static const struct opt checkpoints_opts[] = {O_PARTNER, {0}};
static const struct opt prove_opts[] = {
	O_PARTNER,
	{"seq", "N", "prove that event N is in the record (an inclusion proof)", 0},
	{"size", "M", "... of its first M events (default all of them)", 0},
	{"from", "SIZE1", "prove that the first SIZE1 events are a prefix of ... (a consistency proof)", 0},
	{"to", "SIZE2", "... the first SIZE2 events (default all of them)", 0},
	{0},
};

static const struct opt settings_opts[] = {
	O_PARTNER,
	{"cadence", "weekly:DAY@HH:MM", "when updates are due, in the partner's local time (e.g. weekly:MON@09:00)", 0},
	{"gap-ideal", "DAYS", "contact at least this often (default 7)", 0},
	{"gap-max", "DAYS", "never longer than this without contact (default 14)", 0},
	{"ack-sla", "HOURS", "acknowledge a problem within (default 48)", 0},
	{"freeze-days", "DAYS", "no spec change this close to production without agreement (default 14)", 0},
	{"payment-terms", "DAYS", "balance due this long after ex-factory (default 30)", 0},
	{"deposit-pct", "PCT", "deposit share of an order, due a week after it is placed (default 30)", 0},
	{"workweek", "DAYS", "the partner's working days (e.g. MON-SAT, SAT-THU; default: its country's)", 0},
	{"hours", "HH:MM-HH:MM", "the partner's working hours, its local time (default 09:00-18:00)", 0},
	{"buyer-workweek", "DAYS", "the buyer's working days with this partner (default: its country's)", 0},
	{"buyer-hours", "HH:MM-HH:MM", "the buyer's working hours, its local time (default 09:00-18:00)", 0},
	O_AT,
	{0},
};

static const struct opt person_opts[] = {
	O_PARTNER,
	{"side", "SIDE", "buyer or partner", 1},
	{"name", "NAME", "the person's name", 1},
	{"role", "ROLE", "manager, line_worker, qc, merchandiser, sourcing, owner or other", 1},
	{"lang", "xx", "preferred language, ISO 639-1 (e.g. zh, vi, bn)", 0},
	O_AT,
	{0},
};

static const struct opt commitment_add_opts[] = {
	O_PARTNER,
	{"side", "SIDE", "who promises: buyer or partner", 1},
	{"what", "TEXT", "what is promised", 1},
	{"due", "DATE", "by when (YYYY-MM-DD)", 1},
	O_AT,
	{0},
};

static const struct opt at_opts[] = {O_AT, {0}};
static const struct opt renegotiate_opts[] = {{"due", "DATE", "the new due date (YYYY-MM-DD)", 1}, O_AT, {0}};
static const struct opt break_opts[] = {{"reason", "TEXT", "why it was broken", 0}, O_AT, {0}};

static const struct opt order_opts[] = {
	O_PARTNER,
	{"po", "PO", "purchase order number", 1},
	{"style", "STYLE", "style name or number", 1},
	{"qty", "N", "quantity (pieces)", 1},
	{"price", "DECIMAL", "unit price (e.g. 12.50)", 1},
	{"currency", "CCY", "ISO 4217 currency (e.g. USD)", 1},
	{"ex-factory", "DATE", "ex-factory date (YYYY-MM-DD)", 1},
	O_AT,
	{0},
};

static const struct opt update_opts[] = {
	O_PARTNER,
	{"status", "STATUS", "on_track, at_risk, late or blocked", 1},
	{"progress", "PCT", "progress in percent (0-100)", 1},
	{"next", "TEXT", "the next milestone", 0},
	{"blockers", "TEXT", "what is in the way", 0},
	{"needs", "TEXT", "what is needed from the other side", 0},
	O_AT,
	{0},
};

static const struct opt issue_opts[] = {
	O_PARTNER,
	{"title", "TEXT", "what went wrong", 1},
	{"severity", "LEVEL", "minor, major or critical", 1},
	{"responsible", "SIDE", "the side responsible: buyer or partner", 1},
	{"disclosure", "HOW", "self (the responsible side disclosed it) or discovered (the other side found it)", 1},
	{"note", "TEXT", "details", 0},
	O_AT,
	{0},
};

static const struct opt note_opts[] = {{"note", "TEXT", "a note", 0}, O_AT, {0}};
static const struct opt action_opts[] = {
	{"owner", "SIDE", "who does it: buyer or partner", 1},
	{"what", "TEXT", "the corrective step", 1},
	{"due", "DATE", "by when (YYYY-MM-DD)", 1},
	O_AT,
	{0},
};

static const struct opt visit_opts[] = {
	O_PARTNER,
	{"by", "SIDE", "who visited: buyer or partner", 1},
	{"date", "DATE", "the day of the visit (YYYY-MM-DD)", 1},
	{"met", "ID,...", "the people met (person ids)", 0},
	{"note", "TEXT", "what was seen and discussed", 0},
	O_AT,
	{0},
};

static const struct opt suggestion_opts[] = {
	O_PARTNER,
	{"person", "ID", "who suggested it (a person id)", 1},
	{"text", "TEXT", "the suggestion", 1},
	{"visit", "ID", "the visit it came up in", 0},
	O_AT,
	{0},
};

static const struct opt respond_opts[] = {
	{"outcome", "OUTCOME", "acknowledged, adopted or declined", 1},
	{"reason", "TEXT", "why (required when declined)", 0},
	O_AT,
	{0},
};

static const struct opt spec_publish_opts[] = {
	O_PARTNER,
	{"style", "STYLE", "the style", 1},
	{"version", "V", "the spec version", 1},
	{"production-start", "DATE", "when production starts (YYYY-MM-DD)", 1},
	O_AT,
	{0},
};

static const struct opt spec_change_opts[] = {
	O_PARTNER,
	{"style", "STYLE", "the style", 1},
	{"what", "TEXT", "what changes", 1},
	{"agreed", NULL, "the partner agreed to the change", 0},
	O_AT,
	{0},
};

static const struct opt payment_due_opts[] = {
	O_PARTNER,
	{"amount", "DECIMAL", "the amount (e.g. 12500.00)", 1},
	{"currency", "CCY", "ISO 4217 currency (e.g. USD)", 1},
	{"due", "DATE", "when it is due (YYYY-MM-DD)", 1},
	{"order", "ID", "the order it is for", 0},
	{"label", "TEXT", "e.g. deposit, balance", 0},
	O_AT,
	{0},
};

static const struct opt import_opts[] = {
	{"kind", "KIND", "what the rows are: orders, payments, contacts, people or commitments", 1},
	{"partner", "ID", "the partner of every row (instead of a partner column)", 0},
	{"dry-run", NULL, "check every row as if importing it, and write nothing", 0},
	{"encoding", "NAME", "the file's character encoding when it is not UTF-8: gb18030, big5, windows-1258, "
	                     "windows-1252, utf-16, ...", 0},
	{"skip-recorded", NULL, "leave out rows recorded before (the same values and time) instead of refusing the file",
	 0},
	{0},
};

static const struct opt export_opts[] = {
	O_PARTNER,
	{"kind", "KIND", "rows of one kind: orders, payments, contacts, people or commitments (default: the whole "
	                 "record as a bundle)", 0},
	{"format", "FORMAT", "with --kind: csv (default) or json", 0},
	{"out", "FILE", "write FILE, complete or not at all (required for a bundle; rows default to standard "
	                "output)", 0},
	{0},
};

static const struct opt paid_opts[] = {{"amount", "DECIMAL", "the amount paid (default: in full)", 0}, O_AT, {0}};

static const struct opt greet_opts[] = {
	O_PARTNER,
	{"by", "SIDE", "who greets: buyer or partner", 1},
	{"occasion", "TEXT", "the holiday or event (e.g. Spring Festival 2027)", 1},
	{"note", "TEXT", "the message", 0},
	O_AT,
	{0},
};

/* Besides its own, correct takes the field options of the kinds it can
 * correct; cmd_correct checks each against the corrected event's kind. */
#define FIELD_OPT(n, arg) {n, arg, "the right value of this field", 0}
static const struct opt correct_opts[] = {
	O_PARTNER,
	{"reason", "TEXT", "why the event is corrected", 1},
	{"void", NULL, "the event should not have been recorded: its record is withdrawn", 0},
	O_AT,
	FIELD_OPT("name", "NAME"), FIELD_OPT("role", "ROLE"), FIELD_OPT("lang", "xx"), FIELD_OPT("side", "SIDE"),
	FIELD_OPT("what", "TEXT"), FIELD_OPT("due", "DATE"), FIELD_OPT("po", "PO"), FIELD_OPT("style", "STYLE"),
	FIELD_OPT("qty", "N"), FIELD_OPT("price", "DECIMAL"), FIELD_OPT("currency", "CCY"),
	FIELD_OPT("ex-factory", "DATE"), FIELD_OPT("status", "STATUS"), FIELD_OPT("progress", "PCT"),
	FIELD_OPT("next", "TEXT"), FIELD_OPT("blockers", "TEXT"), FIELD_OPT("needs", "TEXT"), FIELD_OPT("title", "TEXT"),
	FIELD_OPT("severity", "LEVEL"), FIELD_OPT("responsible", "SIDE"), FIELD_OPT("disclosure", "HOW"),
	FIELD_OPT("note", "TEXT"), FIELD_OPT("by", "SIDE"), FIELD_OPT("kind", "KIND"), FIELD_OPT("date", "DATE"),
	FIELD_OPT("met", "ID,..."), FIELD_OPT("text", "TEXT"), FIELD_OPT("version", "V"),
	FIELD_OPT("production-start", "DATE"), FIELD_OPT("amount", "DECIMAL"), FIELD_OPT("label", "TEXT"),
	FIELD_OPT("occasion", "TEXT"), FIELD_OPT("owner", "SIDE"), FIELD_OPT("milestone", "TEXT"),
	FIELD_OPT("from", "DATE"), FIELD_OPT("to", "DATE"),
	{0},
};

static const struct opt demo_opts[] = {
	{"today", "DATE", "the last day of the history (default today)", 0},
	{"scale", "N", "N times the partners (and from 10 on, N/5 years) for benchmarks", 0},
	O_KEYS,
	{0},
};

static const struct opt score_opts[] = {
	O_PARTNER_OPT,
	{"as-of", "DATE", "the score as it stood at the end of that day (UTC)", 0},
	{"explain", NULL, "show the events that moved each score most", 0},
	{"series", NULL, "overall scores from --from to --to, for charts (needs --partner)", 0},
	{"from", "DATE", "the first day of the series", 0},
	{"to", "DATE", "the last day of the series", 0},
	{"step", "week|month", "the series' step (default week)", 0},
	{0},
};

static const struct opt holidays_opts[] = {
	{"country", "CC", "ISO 3166-1 alpha-2 country (default: the partner's; rapport holidays --help lists them)", 0},
	{"year", "YYYY", "the year, 2000 to 2040", 1},
	{"partner", "ID", "merge in this partner's own closures (and take its country)", 0},
	{0},
};

static const struct opt closure_opts[] = {
	O_PARTNER,
	{"from", "DATE", "the first day closed (YYYY-MM-DD)", 1},
	{"to", "DATE", "the last day closed (YYYY-MM-DD)", 1},
	{"reason", "TEXT", "why (e.g. annual shutdown, power rationing)", 1},
	O_AT,
	{0},
};

static const struct opt workdays_opts[] = {
	O_PARTNER,
	{"from", "DATE", "the day to count from (YYYY-MM-DD; default today at the partner)", 0},
	{"days", "N", "how many working days, 0 to 3650", 1},
	{0},
};

static const struct opt slots_opts[] = {
	O_PARTNER,
	{"from", "DATE", "the first day (YYYY-MM-DD, the buyer's date; default today)", 0},
	{"days", "N", "how many days to look at, 1 to 92 (default 7)", 0},
	{0},
};

static const struct opt calendar_opts[] = {
	O_PARTNER,
	{"side", "SIDE", "whose calendar it is: buyer or partner (default the --author-side); the other side's days are marked \"Other side\"", 0},
	{0},
};

static const struct opt calendar_token_opts[] = {
	{"rotate", NULL, "replace the token with a new one (the old URL stops working)", 0},
	{0},
};

static const struct opt user_add_opts[] = {
	{"org", "buyer|partner:ID", "the user's organisation: the buyer, or the partner with that id", 1},
	{"email", "ADDRESS", "the user's e-mail address, which is their login", 1},
	{"role", "ROLE", "admin (also manages users), member (records) or viewer (reads only)", 1},
	{"lang", "LANG", "the web app's language for them: en or zh-CN (default: the browser's)", 0},
	{0},
};

static const struct opt user_email_opts[] = {
	{"email", "ADDRESS", "the user's e-mail address", 1},
	{0},
};

static const struct opt token_add_opts[] = {
	{"user", "ADDRESS", "the e-mail address of the user the token acts as", 1},
	{"name", "TEXT", "what the token is for, e.g. \"ERP sync\" (default API)", 0},
	{0},
};

static const struct opt token_list_opts[] = {
	{"user", "ADDRESS", "only this user's tokens", 0},
	{0},
};

static const struct opt token_revoke_opts[] = {
	{"id", "ID", "the token's id (rapport token list)", 1},
	{0},
};

static const struct opt user_passwd_opts[] = {
	{"email", "ADDRESS", "the user's e-mail address", 1},
	{"generate", NULL, "make a new random password and print it, instead of reading one", 0},
	{0},
};

static const struct opt agenda_opts[] = {
	{"date", "DATE", "the agenda of that day, as at 09:00 the buyer's time (default now); a past day's from the "
	                 "record as it stood then", 0},
	{"side", "SIDE", "only what this side owes: buyer or partner (default both)", 0},
	O_PARTNER_OPT,
	{0},
};

static const struct opt snooze_opts[] = {
	{"until", "DATE", "hide it through this day (YYYY-MM-DD)", 1},
	{"date", "DATE", "the agenda the item is on (default now)", 0},
	{"side", "SIDE", "buyer or partner", 0},
	O_PARTNER_OPT,
	{0},
};

static const struct opt digest_opts[] = {
	{"side", "SIDE", "whose agenda: buyer or partner", 1},
	O_PARTNER_OPT,
	{"to", "ADDRESS", "the recipient's e-mail address", 1},
	{"smtp", "URL", "the mail server: smtp://HOST:PORT, smtps://..., user:password@ for AUTH (default "
	                "smtp://127.0.0.1:25)", 0},
	{"from", "ADDRESS", "the sender's address (default rapport@localhost)", 0},
	{"date", "DATE", "the agenda of that day, as at 09:00 the buyer's time (default now); a past day's from the "
	                 "record as it stood then", 0},
	{"dry-run", NULL, "print the message on stdout and send nothing", 0},
	{"retries", "N", "try again N more times, 0 to 10, after 1 s, 2 s, 4 s, ... (default 0)", 0},
	{"cacert", "FILE", "trust the mail server's certificate if this authority (PEM) signed it, e.g. a company's "
	                   "own relay (default: the system's authorities)", 0},
	{0},
};

static const struct opt time_opts[] = {
	{"at", "TIME", "the instant (ISO-8601; without an offset, local to --zone; default now)", 0},
	{"zone", "ZONE", "an IANA time zone (e.g. America/Mexico_City)", 1},
	{0},
};

static const struct opt serve_opts[] = {
	{"listen", "HOST:PORT", "where to listen (default 127.0.0.1:8080; port 0 picks a free one)", 0},
	{"threads", "N", "event loops, one per thread, 1 to 64 (default: one per CPU)", 0},
	{"cert", "FILE", "serve HTTPS with this PEM certificate (chain) file", 0},
	{"key", "FILE", "the certificate's PEM private key file", 0},
	{0},
};

static const struct opt list_opts[] = {O_PARTNER_OPT, {0}};
static const struct opt list_open_opts[] = {O_PARTNER_OPT, {"open", NULL, "only the open ones", 0}, {0}};

/* Commands that append one event from their options (cmd_record). */
#define RECORD(nm, sum, k, o, hlp) \
	{.name = nm, .summary = sum, .opts = o, .run = cmd_record, .flags = CMD_WRITE, .help = hlp, .kind = k}
/* The same, acting on the entity named by the positional ID. */
#define RECORD_ON(nm, sum, k, field, o, hlp)                                                              \
	{.name = nm, .summary = sum, .synopsis = "ID", .npos = 1, .opts = o, .run = cmd_record, .flags = CMD_WRITE, \
	 .help = hlp, .kind = k, .pos_field = field}
#define LIST(nm, sum, l, o) {.name = nm, .summary = sum, .opts = o, .run = cmd_list, .listing = l}

const struct cmd cmd_table[] = {
	{.name = "init", .summary = "create the database for a buyer (the brand)", .opts = init_opts, .run = cmd_init,
	 .flags = CMD_CREATE_DB | CMD_WRITE,
	 .help = "Creates the database (see --db) and records the buyer: the brand whose\n"
	         "sourcing team keeps the shared record with its factories.\n\n"
	         "example: rapport init --buyer \"Linden & Rowe\" --country GB --tz Europe/London"},
	{.name = "partner add", .summary = "add a partner (a factory) and open its shared record",
	 .opts = partner_add_opts, .run = cmd_partner_add, .flags = CMD_WRITE,
	 .help = "Opens the hash-chained record shared with a factory; its first event names\n"
	         "both sides. Prints the new partner's id.\n\n"
	         "example: rapport partner add --name \"Dongguan Evergreen Knitwear\" --country CN \\\n"
	         "           --tz Asia/Shanghai --city Dongguan"},
	{.name = "partner list", .summary = "list the partners", .opts = no_opts, .run = cmd_partner_list,
	 .help = "Lists every partner with its country, city, time zone, when the record\n"
	         "started and the last contact."},
	{.name = "settings", .summary = "show or change the agreed rules of a relationship", .opts = settings_opts,
	 .run = cmd_settings, .flags = CMD_WRITE, .kind = "settings",
	 .help = "Without a rule to change, shows the current rules. Changing one records a\n"
	         "settings event, so both sides see which rules applied when.\n\n"
	         "example: rapport settings --partner 1 --cadence weekly:MON@09:00 --gap-max 10"},
	{.name = "contact", .summary = "record a contact: a call, video, message, email, meeting or visit",
	 .opts = contact_opts, .run = cmd_record, .flags = CMD_WRITE, .kind = "contact",
	 .help = "Every contact resets the gap clock between the two sides. Prints the\n"
	         "event's id.\n\n"
	         "example: rapport contact --partner 1 --by buyer --kind video \\\n"
	         "           --at 2026-11-24T09:00+08:00 --note \"Reviewed the lab dips\""},
	RECORD("person add", "add a person at either side", "person.add", person_opts,
	       "example: rapport person add --partner 1 --side partner --name \"Chen Jing\" --role qc --lang zh"),
	RECORD("commitment add", "record a promise with an owner side and a due date", "commitment.add",
	       commitment_add_opts,
	       "example: rapport commitment add --partner 1 --side buyer --what \"Approve the lab dips\" --due 2026-12-04"),
	RECORD_ON("commitment keep", "record that a promise was kept", "commitment.keep", "commitment", at_opts,
	          "Kept after its original due date counts as late.\n\nexample: rapport commitment keep 12"),
	RECORD_ON("commitment renegotiate", "agree a new due date for a promise", "commitment.renegotiate", "commitment",
	          renegotiate_opts,
	          "The original due date is kept; a renegotiation after it passed counts as late.\n\n"
	          "example: rapport commitment renegotiate 12 --due 2026-12-11"),
	RECORD_ON("commitment break", "record that a promise was broken", "commitment.break", "commitment", break_opts,
	          "example: rapport commitment break 12 --reason \"Trims supplier went bust\""),
	{.name = "order add", .summary = "add an order with its milestones and payments", .opts = order_opts,
	 .run = cmd_order_add, .flags = CMD_WRITE,
	 .help = "Records the order, its standard milestones as the partner's commitments (sample\n"
	         "approval 60 days before ex-factory, bulk fabric in 45, production start 30, inline\n"
	         "inspection 14, final inspection 3, ex-factory) and the buyer's deposit (a week\n"
	         "after the order) and balance (the payment terms after ex-factory).\n\n"
	         "example: rapport order add --partner 1 --po LR-2027-014 --style \"Cable crew W27\" \\\n"
	         "           --qty 2400 --price 18.40 --currency USD --ex-factory 2027-03-15"},
	RECORD("update submit", "submit a structured status update", "update.submit", update_opts,
	       "Matched to the cadence slot it answers (within 24 hours of it counts as on time).\n\n"
	       "example: rapport update submit --partner 1 --status on_track --progress 40 --next \"Bulk knitting\""),
	RECORD("issue raise", "record a problem, disclosed or discovered", "issue.raise", issue_opts,
	       "A problem the responsible side disclosed itself builds trust; one the other side\n"
	       "discovered costs the most.\n\n"
	       "example: rapport issue raise --partner 1 --title \"Dye lot shade variation\" --severity major \\\n"
	       "           --responsible partner --disclosure self"),
	RECORD_ON("issue ack", "acknowledge a problem", "issue.ack", "issue", at_opts, "example: rapport issue ack 31"),
	RECORD_ON("issue action", "add a joint corrective action with an owner", "issue.action", "issue", action_opts,
	          "example: rapport issue action 31 --owner buyer --what \"Approve a new lab dip\" --due 2026-12-02"),
	RECORD_ON("issue action-done", "record a corrective action as done", "issue.action_done", "action", at_opts,
	          "example: rapport issue action-done 32"),
	RECORD_ON("issue resolve", "record a problem as resolved", "issue.resolve", "issue", note_opts,
	          "example: rapport issue resolve 31 --note \"Re-dyed; shade approved\""),
	RECORD_ON("issue reopen", "reopen a resolved problem", "issue.reopen", "issue", note_opts,
	          "example: rapport issue reopen 31 --note \"Shade drifted again in lot 4\""),
	RECORD("visit add", "record a site visit and the people met", "visit.add", visit_opts,
	       "example: rapport visit add --partner 1 --by buyer --date 2026-11-18 --met 7,8 --note \"Line 3 audit\""),
	RECORD("suggestion add", "record a suggestion from someone met", "suggestion.add", suggestion_opts,
	       "example: rapport suggestion add --partner 1 --person 8 --text \"Pre-shrink the rib trims\" --visit 40"),
	RECORD_ON("suggestion respond", "record what became of a suggestion", "suggestion.respond", "suggestion",
	          respond_opts, "example: rapport suggestion respond 41 --outcome adopted"),
	RECORD("spec publish", "publish a version of a specification", "spec.publish", spec_publish_opts,
	       "example: rapport spec publish --partner 1 --style \"Cable crew W27\" --version 3 \\\n"
	       "           --production-start 2027-02-10"),
	RECORD("spec change", "record a change to a specification", "spec.change", spec_change_opts,
	       "The notice it gives is counted from the production start; inside the freeze\n"
	       "window and not --agreed it is a sudden shift.\n\n"
	       "example: rapport spec change --partner 1 --style \"Cable crew W27\" --what \"Neck rib 2x2\" --agreed"),
	RECORD("payment due", "record a payment the buyer owes", "payment.due", payment_due_opts,
	       "example: rapport payment due --partner 1 --amount 12500.00 --currency USD --due 2027-04-14"),
	RECORD_ON("payment paid", "record a payment as paid", "payment.paid", "payment", paid_opts,
	          "example: rapport payment paid 52"),
	RECORD("closure add", "record days the partner's factory is closed beyond its country's holidays",
	       "closure.add", closure_opts,
	       "An annual shutdown, a power cut, an audit day: the days count as days off in\n"
	       "rapport holidays --partner, workdays, slots and due-date warnings. A closure\n"
	       "recorded by mistake is withdrawn with rapport correct SEQ --void.\n\n"
	       "example: rapport closure add --partner 1 --from 2027-07-26 --to 2027-08-06 --reason \"Summer shutdown\""),
	RECORD("greet", "record a greeting for the other side's holiday or event", "greet", greet_opts,
	       "example: rapport greet --partner 1 --by buyer --occasion \"Spring Festival 2027\""),
	{.name = "correct", .summary = "correct an earlier event; the original stays in the record", .synopsis = "SEQ",
	 .npos = 1, .opts = correct_opts, .run = cmd_correct, .flags = CMD_WRITE, .kind = "correct",
	 .help = "Records why an event was wrong, and what is right: the fields given (for\n"
	         "example --due or --note) replace the event's, or --void withdraws its record\n"
	         "from the lists. The ledger keeps both events. An event whose record later\n"
	         "events depend on (a kept commitment, a paid payment) is corrected by\n"
	         "recording the right outcome instead.\n\n"
	         "examples: rapport correct 17 --partner 1 --reason \"Typo in the date\" --due 2026-12-11\n"
	         "          rapport correct 18 --partner 1 --reason \"Logged against the wrong factory\" --void"},
	LIST("people", "list people at both sides", "people", list_opts),
	LIST("commitments", "list commitments and milestones", "commitments", list_open_opts),
	LIST("orders", "list orders", "orders", list_opts),
	LIST("updates", "list status updates", "updates", list_opts),
	LIST("issues", "list problems", "issues", list_open_opts),
	LIST("actions", "list corrective actions", "actions", list_open_opts),
	LIST("visits", "list visits and the people met", "visits", list_opts),
	LIST("suggestions", "list suggestions and what became of them", "suggestions", list_open_opts),
	LIST("specs", "list specifications", "specs", list_opts),
	LIST("spec-changes", "list specification changes and the notice they gave", "spec-changes", list_opts),
	LIST("payments", "list payments", "payments", list_open_opts),
	LIST("greetings", "list greetings", "greetings", list_opts),
	LIST("contacts", "list contacts", "contacts", list_opts),
	LIST("closures", "list the partners' own closures", "closures", list_opts),
	LIST("corrections", "list corrections", "corrections", list_opts),
	{.name = "import", .summary = "append the rows of a CSV file: all of them or none", .synopsis = "FILE.csv",
	 .npos = 1, .opts = import_opts, .run = cmd_import, .flags = CMD_WRITE,
	 .help = "Each row goes through the same checks and the same ledger as the command that\n"
	         "records it by hand (an order brings its milestones and payments, as order add\n"
	         "does), all in one transaction: one bad row and nothing is written. Bad rows are\n"
	         "listed as FILE:ROW: column \"NAME\": what is wrong, up to 20, where ROW is the\n"
	         "line of the file the row starts on (the header is row 1). The header names the\n"
	         "columns, in any order and any case; docs/csv.md lists each kind's columns.\n"
	         "RFC 4180 CSV in UTF-8 (a byte order mark is fine), LF, CRLF or CR line ends; a\n"
	         "file saved in another encoding (Excel's CSV on a Chinese Windows is GB18030)\n"
	         "is read with --encoding, and UTF-16 by its byte order mark.\n"
	         "A row's partner is its partner column or --partner; its time, the at column or\n"
	         "now. A payment with a paid time is recorded as paid then, a commitment with\n"
	         "an outcome as kept or broken at its closed time, one with first_due and\n"
	         "renegotiated (\"DATE on TIME; ...\") as moved to each new date when it was\n"
	         "agreed. rapport export writes the same columns back. A row the same, value\n"
	         "for value and to the second, as a record made before is refused as a file\n"
	         "imported again; --skip-recorded leaves such rows out and imports the others.\n"
	         "A row that adds how such a record went (paid, kept, broken, new dates)\n"
	         "records that on it. A payments or\n"
	         "commitments row with a po is that order's deposit or balance (label) or\n"
	         "milestone (milestone), recorded as paid, kept or broken.\n\n"
	         "examples: rapport import --kind orders --partner 1 orders.csv --dry-run\n"
	         "          rapport import --kind contacts contacts.csv\n"
	         "          rapport import --kind people --partner 1 --encoding gb18030 people.csv"},
	{.name = "log", .summary = "list a partner's events with their sequence numbers and hashes",
	 .opts = partner_opts, .run = cmd_log,
	 .help = "Prints the shared record of one partner in order: sequence number, when it\n"
	         "happened (UTC), kind, who recorded it, the start of its hash and a summary."},
	{.name = "verify", .summary = "recompute every hash chain and report the first bad event", .opts = verify_opts,
	 .run = cmd_verify, .no_db_with = "bundle",
	 .help = "Recomputes each relationship's chain from the stored events, then checks\n"
	         "every signed checkpoint (its root recomputed from the events, its signatures)\n"
	         "and the Merkle cache. Exit 0 when all hold; exit 1 naming the relationship\n"
	         "and the first event that was altered, removed or reordered, or the checkpoint\n"
	         "the record no longer matches. --bundle checks an exported bundle the same way\n"
	         "with no database (docs/verify.md).\n\n"
	         "examples: rapport verify\n"
	         "          rapport verify --bundle dongguan.bundle"},
	{.name = "export", .summary = "write a partner's record as a bundle anyone can verify offline, or its rows as CSV",
	 .opts = export_opts, .run = cmd_export,
	 .help = "Without --kind: one JSON document with every event in canonical form with its\n"
	         "chain link and hash, both sides' verifier keys and every signed checkpoint.\n"
	         "Check it with rapport verify --bundle FILE, which needs no database. Compare\n"
	         "the key ids it prints with the ones the other side gave you.\n\n"
	         "With --kind: the rows of that kind in the columns rapport import reads, so an\n"
	         "export imports again into another database with the same partners. Times (the\n"
	         "at, paid and closed columns) are UTC. The deposit, balance and milestones an\n"
	         "order made are written with its po: importing the order makes them again,\n"
	         "and importing them after it records how they went.\n\n"
	         "examples: rapport export --partner 1 --out dongguan.bundle\n"
	         "          rapport export --partner 1 --kind orders --out orders.csv\n"
	         "          rapport export --partner 1 --kind people --format json"},
	{.name = "import-bundle", .summary = "keep your own copy of a record from the bundles the other side exports",
	 .synopsis = "FILE", .npos = 1, .opts = import_bundle_opts, .run = cmd_import_bundle,
	 .flags = CMD_CREATE_DB | CMD_WRITE,
	 .help = "Verifies the bundle as verify --bundle does, then imports it into this\n"
	         "database (created when missing): the relationship, its events (validated and\n"
	         "projected as any append), the public keys and every checkpoint with its\n"
	         "signatures; never a private key. A later bundle of the same record must extend\n"
	         "the copy: an RFC 6962 consistency proof between the stored tree and the\n"
	         "bundle's is checked and only the new events are appended. A fork (the same\n"
	         "size with another root, or a rewritten past) is printed with both signed\n"
	         "checkpoints and, with --evidence, written to a file; exit 1 and nothing is\n"
	         "imported. Exit 2 when the file is not a bundle (naming the line or field).\n\n"
	         "example: rapport --db factory.db import-bundle dongguan.bundle --evidence fork.json"},
	{.name = "key create", .summary = "create the signing key of the buyer or a partner", .opts = key_create_opts,
	 .run = cmd_key_create, .flags = CMD_WRITE,
	 .help = "For a database made before keys existed: init and partner add create them.\n"
	         "Writes a new Ed25519 private key, once, to buyer.key or partner-ID.key in the\n"
	         "keys directory (mode 0600; the directory 0700) and records its public half.\n"
	         "The key file is in the form of Go's golang.org/x/mod/sumdb/note; keep it\n"
	         "secret and back it up. docs/verify.md explains the key names.\n\n"
	         "examples: rapport key create\n"
	         "          rapport key create --partner 1 --keys /secure/evergreen"},
	{.name = "key show", .summary = "print the public key of the buyer or a partner and its key id",
	 .opts = key_show_opts, .run = cmd_key_show,
	 .help = "The key name, the key id (the first 4 bytes of SHA-256(name || 0x0A || 0x01 ||\n"
	         "key), as C2SP signed notes define it), the public key in base64 and the\n"
	         "verifier key (NAME+ID+KEY) that any signed-note verifier reads.\n\n"
	         "example: rapport key show --partner 1 --json"},
	{.name = "checkpoint", .summary = "sign the record's size and Merkle root as a C2SP checkpoint",
	 .opts = checkpoint_opts, .run = cmd_checkpoint, .flags = CMD_WRITE,
	 .help = "Computes the RFC 6962 Merkle root over the chain hashes of the partner's\n"
	         "events, signs the checkpoint (origin, size, root) with the --as side's key,\n"
	         "stores it and prints it as a signed note. Signing the same size again adds\n"
	         "the other side's signature to the stored checkpoint. Exit 1 when a checkpoint\n"
	         "already signed at this size has another root: the record was rewritten.\n\n"
	         "examples: rapport checkpoint --partner 1 > cp-1.txt\n"
	         "          rapport checkpoint --partner 1 --as partner"},
	{.name = "checkpoint cosign", .summary = "check a signed checkpoint against the record and add your signature",
	 .synopsis = "FILE", .npos = 1, .opts = cosign_opts, .run = cmd_checkpoint_cosign, .flags = CMD_WRITE,
	 .help = "Reads a checkpoint note, recomputes the Merkle root of the local record at its\n"
	         "size from the events themselves, checks every signature by the buyer's or the\n"
	         "partner's key, then signs it with the --as side's key, stores it and prints\n"
	         "the note with both signatures. Exit 1 when the roots or a signature disagree,\n"
	         "2 when the file is not a checkpoint (naming the line).\n\n"
	         "example: rapport checkpoint cosign cp-1.txt --as partner"},
	{.name = "checkpoints", .summary = "list a partner's signed checkpoints", .opts = checkpoints_opts,
	 .run = cmd_checkpoints,
	 .help = "Each checkpoint's size, root and who signed it; --json adds the signed note."},
	{.name = "prove", .summary = "an inclusion proof of an event, or a consistency proof between two sizes",
	 .opts = prove_opts, .run = cmd_prove, .flags = CMD_WRITE,
	 .help = "--seq N proves that event N is in the tree of the first --size events (RFC 6962\n"
	         "2.1.1, with the event itself so its hash can be recomputed); --from SIZE1\n"
	         "proves that the record of SIZE1 events is a prefix of the record of --to\n"
	         "events (2.1.2). Prints the documented text form (docs/verify.md), or JSON.\n"
	         "Fills the Merkle cache as the record grows, hence a write.\n\n"
	         "examples: rapport prove --partner 1 --seq 12 > event-12.proof\n"
	         "          rapport prove --partner 1 --from 40 --to 52"},
	{.name = "verify-proof", .summary = "check a proof file without the database", .synopsis = "FILE", .npos = 1,
	 .opts = no_opts, .run = cmd_verify_proof, .flags = CMD_NO_DB,
	 .help = "Checks an inclusion proof (the event hashes to its event hash, which the path\n"
	         "leads up to the root) or a consistency proof, by the algorithms of RFC 9162\n"
	         "2.1.3.2 and 2.1.4.2. Exit 0 when it holds, 1 naming the failing step, 2 when\n"
	         "the file is malformed (naming the line). Compare the root with a checkpoint\n"
	         "both sides signed.\n\n"
	         "example: rapport verify-proof event-12.proof"},
	{.name = "score", .summary = "how trustworthy each side has been to the other, with uncertainty",
	 .opts = score_opts, .run = cmd_score,
	 .help = "For each partner, both directions: how the partner has been to the buyer and\n"
	         "the buyer to the partner, overall and per dimension (reliability,\n"
	         "communication, transparency, fairness, respect). Each score is in [0, 1]\n"
	         "with its uncertainty, sigma and band: at risk when score - sigma is below\n"
	         "0.5, critical below 0.3. docs/trust.md explains the model.\n\n"
	         "examples: rapport score --partner 1 --explain\n"
	         "          rapport score --partner 1 --series --from 2026-01-01 --to 2026-11-25 --step month"},
	{.name = "agenda", .summary = "what needs attention today, most urgent first, for each side", .opts = agenda_opts,
	 .run = cmd_agenda,
	 .help = "Update slots (next and missed), contact gaps, commitments and milestones, payments\n"
	         "and corrective actions due within 7 days or overdue, problems waiting for\n"
	         "acknowledgement, suggestions unanswered for 14 days, spec changes in the freeze\n"
	         "window awaiting agreement, the other side's festivals and closures in the next\n"
	         "14 days (send a greeting, plan around the shutdown) and any trust dimension that\n"
	         "fell by more than 0.1 in 30 days. Each item: state (overdue, due, upcoming),\n"
	         "who owes it, when in both local times, the trust dimension it affects and the\n"
	         "command that does it.\n\n"
	         "examples: rapport agenda --side partner --partner 1\n"
	         "          rapport agenda --date 2027-02-01 --json"},
	{.name = "agenda snooze", .summary = "hide an agenda item from your agenda until a date", .synopsis = "ITEM",
	 .npos = 1, .opts = snooze_opts, .run = cmd_agenda_snooze, .flags = CMD_WRITE,
	 .help = "Hides the item (its id from rapport agenda) for you (--author) only; it is not\n"
	         "a ledger event and the other side still sees it.\n\n"
	         "example: rapport agenda snooze contact:1 --until 2026-11-30"},
	{.name = "digest", .summary = "e-mail one side's agenda (text and HTML) through an SMTP server",
	 .opts = digest_opts, .run = cmd_digest,
	 .help = "Sends the agenda of --side (one partner's with --partner) to --to as one\n"
	         "message with a plain text and an HTML part, through --smtp (STARTTLS when the\n"
	         "server offers it, TLS throughout for smtps://, AUTH when the URL has\n"
	         "user:password@, and then TLS required unless the server is this machine).\n"
	         "The author's snoozed items are left out, as in rapport agenda.\n"
	         "A failure to connect or a refusal exits 3 with curl's error and the server's\n"
	         "reply; --retries N tries again after 1 s, 2 s, 4 s, ... unless the server\n"
	         "refused for good (a 5xx reply). Writes nothing to the database.\n\n"
	         "examples: rapport digest --side buyer --to sourcing@linden-rowe.example --dry-run\n"
	         "          rapport digest --side partner --partner 1 --to lan@evergreen.example \\\n"
	         "              --smtp smtp://rapport:secret@mail.example:587 --retries 3"},
	{.name = "weights", .summary = "the trust model: every weight and half-life, with its reason", .opts = no_opts,
	 .run = cmd_weights,
	 .help = "Lists each kind of evidence with its dimension, default weight, the weight in\n"
	         "force and why it weighs what it does; then the half-lives and each\n"
	         "dimension's share of the overall score. docs/trust.md explains the model."},
	{.name = "weights set", .summary = "change a weight or half-life for every partner", .synopsis = "KEY VALUE",
	 .npos = 2, .opts = at_opts, .run = cmd_weights_set, .flags = CMD_WRITE,
	 .help = "Records the change in every partner's record, so both sides see which model\n"
	         "scored them; scores as of an earlier date use the weights in force then.\n\n"
	         "examples: rapport weights set payment.late -1.5\n"
	         "          rapport weights set half_life.positive 120"},
	{.name = "holidays", .summary = "a country's holidays, observances, factory closures and make-up workdays",
	 .opts = holidays_opts, .run = cmd_holidays, .flags = CMD_NO_DB | CMD_DB_PARTNER,
	 .help = "One entry per day, sorted. kind: public (a day off), observance (worth a\n"
	         "greeting, not a day off), closure (the customary factory shutdown around\n"
	         "Spring Festival, Tet or Eid, or with --partner the partner's own closures) or\n"
	         "workday (a weekend day made a working day). Announced schedules are used\n"
	         "where published (China 2007-2026, Viet Nam 2010-2026, Islamic dates as each\n"
	         "country observed them); other years follow the rules and are marked estimated. Lunar dates\n"
	         "are computed from the true new moons at UTC+8 (China) and UTC+7 (Viet Nam).\n"
	         "Countries: BD CN DE FR GB ID IN IT JP KH LK MX PK PT TR US VN.\n\n"
	         "examples: rapport holidays --country CN --year 2026 --json\n"
	         "          rapport holidays --partner 1 --year 2027"},
	{.name = "workdays", .summary = "the date N working days from a date at the partner", .opts = workdays_opts,
	 .run = cmd_workdays,
	 .help = "Counts working days at the partner's factory: weekends (its country's week, or\n"
	         "the one agreed with rapport settings --workweek), public holidays, the customary\n"
	         "closures around Spring Festival, Tet and Eid and the partner's own closures\n"
	         "are skipped; a weekend day made a working day counts. Lists the days off\n"
	         "stepped over.\n\n"
	         "example: rapport workdays --partner 1 --from 2027-02-01 --days 10"},
	{.name = "slots", .summary = "meeting slots when both sides are at work, in both local times",
	 .opts = slots_opts, .run = cmd_slots,
	 .help = "The times both sides' working hours overlap on a day that is a working day for\n"
	         "both (weekends, holidays and closures of each side left out). Hours default\n"
	         "to 09:00-18:00 local; agree others with rapport settings --hours and\n"
	         "--buyer-hours. Each side's hours follow its own zone, daylight saving included.\n\n"
	         "example: rapport slots --partner 1 --from 2027-03-22 --days 14"},
	{.name = "calendar", .summary = "a partner's iCalendar feed: due dates, the update cadence, both sides' holidays",
	 .opts = calendar_opts, .run = cmd_calendar,
	 .help = "Writes an RFC 5545 calendar on stdout for a calendar client to import or\n"
	         "subscribe to: open commitments, order milestones and unpaid payments as\n"
	         "all-day events on their due dates with an alarm the day before and the\n"
	         "command that closes each; the update cadence as a weekly event at its time\n"
	         "in the partner's zone (with that zone's VTIMEZONE from the system zoneinfo);\n"
	         "and both sides' public holidays, observances, closures and make-up working\n"
	         "days for this year and the next, CATEGORIES marking whose they are (\"Own\n"
	         "side\" or \"Other side\" for --side). UIDs are stable, so a client updates\n"
	         "events instead of duplicating them; DTSTAMP is the clock ($RAPPORT_NOW).\n\n"
	         "examples: rapport calendar --partner 1 > dongguan.ics\n"
	         "          rapport calendar --partner 1 --side partner"},
	{.name = "calendar token", .summary = "your secret token for the calendar feed's URL", .opts = calendar_token_opts,
	 .run = cmd_calendar_token, .flags = CMD_WRITE,
	 .help = "Prints the secret token of the author (--author) for the feed's address,\n"
	         "/calendar/TOKEN.ics, creating one on first use: 32 random bytes in URL-safe\n"
	         "base64. Anyone with the token can read the feed; --rotate replaces it. The\n"
	         "token is not a ledger event and the other side never sees it.\n\n"
	         "examples: rapport calendar token\n"
	         "          rapport calendar token --rotate --json"},
	{.name = "user add", .summary = "let someone log in to the web app", .opts = user_add_opts,
	 .run = cmd_user_add, .flags = CMD_WRITE,
	 .help = "Adds a user of the buyer or of one partner and prints a random password\n"
	         "(99 bits, e.g. 7kqm-x2hd-9tbn-c4wp-rz6e) once: hand it over in person or by\n"
	         "phone, and have them choose their own with rapport user passwd. Only its\n"
	         "argon2id hash is kept. A partner's users see only their own relationship; a\n"
	         "viewer changes nothing. E-mail addresses are unique, ignoring case. Users are\n"
	         "not ledger events: who may log in is each side's own business, not part of\n"
	         "the shared record.\n\n"
	         "examples: rapport user add --org buyer --email maya@lindenrowe.example --role admin\n"
	         "          rapport user add --org partner:1 --email chen@evergreen.example --role member --lang zh-CN"},
	{.name = "user passwd", .summary = "set a user's password", .opts = user_passwd_opts, .run = cmd_user_passwd,
	 .flags = CMD_WRITE,
	 .help = "Reads the new password from the first line of standard input (at a terminal,\n"
	         "without echo): at least 12 characters. --generate makes a random one and\n"
	         "prints it. Every session of the user ends.\n\n"
	         "examples: rapport user passwd --email maya@lindenrowe.example < new-password.txt\n"
	         "          rapport user passwd --email chen@evergreen.example --generate"},
	{.name = "user list", .summary = "the users who may log in", .opts = no_opts, .run = cmd_user_list,
	 .help = "Every user with their organisation, role, language and whether they are\n"
	         "disabled; buyer users first. Never shows passwords or their hashes.\n\n"
	         "example: rapport user list --json"},
	{.name = "user disable", .summary = "stop a user from logging in", .opts = user_email_opts,
	 .run = cmd_user_disable, .flags = CMD_WRITE,
	 .help = "The user can no longer log in and every session of theirs ends at once.\n"
	         "Nothing they recorded changes. rapport user enable undoes it.\n\n"
	         "example: rapport user disable --email tom@lindenrowe.example"},
	{.name = "user enable", .summary = "let a disabled user log in again", .opts = user_email_opts,
	 .run = cmd_user_enable, .flags = CMD_WRITE,
	 .help = "example: rapport user enable --email tom@lindenrowe.example"},
	{.name = "user check", .summary = "check a user's password (exit 0 right, 1 wrong or disabled)",
	 .opts = user_email_opts, .run = cmd_user_check,
	 .help = "Reads a password from the first line of standard input and exits 0 when it is\n"
	         "the user's and the user is enabled, 1 otherwise. Counts no failed login.\n\n"
	         "example: echo \"$PASSWORD\" | rapport user check --email maya@lindenrowe.example"},
	{.name = "token add", .summary = "a personal token for the JSON API", .opts = token_add_opts,
	 .run = cmd_token_add, .flags = CMD_WRITE,
	 .help = "Prints a new token for the user once: rpt_ and 32 random bytes. A program\n"
	         "sends it as \"Authorization: Bearer TOKEN\" to /api/v1/ and acts as that user,\n"
	         "with the user's organisation, role and tenant rules. Only its SHA-256 is\n"
	         "kept; a lost token is revoked and replaced, never shown again.\n\n"
	         "example: rapport token add --user maya@lindenrowe.example --name \"ERP sync\""},
	{.name = "token list", .summary = "the API tokens and whose they are", .opts = token_list_opts,
	 .run = cmd_token_list,
	 .help = "Every token's id, user, name, creation and revocation; never the token.\n\n"
	         "example: rapport token list --user maya@lindenrowe.example"},
	{.name = "token revoke", .summary = "stop an API token from working", .opts = token_revoke_opts,
	 .run = cmd_token_revoke, .flags = CMD_WRITE,
	 .help = "The token is refused from now on (401).\n\n"
	         "example: rapport token revoke --id 3"},
	{.name = "time", .summary = "an instant in a zone's local time, with its offset", .opts = time_opts,
	 .run = cmd_time, .flags = CMD_NO_DB,
	 .help = "Reads the zone from the system zoneinfo (tzdata), not from a copy of its own.\n\n"
	         "example: rapport time --at 2024-07-01T12:00Z --zone America/Mexico_City\n"
	         "         2024-07-01T06:00:00-06:00"},
	{.name = "demo", .summary = "create a demo database with two years of history", .opts = demo_opts,
	 .run = cmd_demo, .flags = CMD_CREATE_DB | CMD_WRITE,
	 .help = "A UK knitwear brand and three factories (Dongguan, Ho Chi Minh City, Dhaka)\n"
	         "with every practice: weekly updates, orders and milestones, payments, a\n"
	         "problem disclosed and one discovered, visits and suggestions, greetings.\n"
	         "The same --today always gives the same ledger. Web logins for an admin and a\n"
	         "viewer at the buyer and an admin at each factory, all with the password\n"
	         "rapport-demo, are printed at the end (rapport user list shows them again).\n\n"
	         "example: rapport demo --db demo.db --today 2026-11-25"},
	{.name = "serve", .summary = "the web app: HTTP (or HTTPS) on a local address", .opts = serve_opts,
	 .run = cmd_serve, .flags = CMD_NO_DB,
	 .help = "Serves the web app from the database until SIGTERM or SIGINT, then stops\n"
	         "accepting, lets the requests in flight finish and exits 0. Each thread runs\n"
	         "its own event loop with its own listening socket and read-only database\n"
	         "connection. One line per request on stderr: time, address, method, path,\n"
	         "status, bytes, duration and thread. GET /healthz answers ok.\n\n"
	         "examples: rapport --db demo.db serve\n"
	         "          rapport serve --listen 0.0.0.0:8443 --cert cert.pem --key key.pem"},
	{.name = "rebuild", .summary = "recompute every projection from the ledger", .opts = no_opts, .run = cmd_rebuild,
	 .flags = CMD_WRITE,
	 .help = "Clears the current-state tables and replays every event into them, in one\n"
	         "transaction. The result is the same as the one kept while appending."},
	{.name = "migrate", .summary = "copy a whole database into an empty one, SQLite or PostgreSQL", .opts = migrate_opts,
	 .run = cmd_migrate, .flags = CMD_NO_DB,
	 .help = "Copies every table (the ledger, projections, users, keys' public halves,\n"
	         "checkpoints and signatures) into an empty database in one transaction, then\n"
	         "recomputes every hash chain and checks every signed checkpoint there, as\n"
	         "rapport verify does, before it commits: a copy that does not verify is not\n"
	         "kept (exit 1). The source's rows are only read (its schema is brought up to\n"
	         "date first, as any command does); the private keys stay in their directory.\n"
	         "Exit 2 when the destination already holds a record.\n\n"
	         "example: rapport migrate --from sqlite:rapport.db --to postgresql://rapport@db.internal/rapport"},
	{.name = "help", .summary = "show help for a command", .synopsis = "[COMMAND]", .npos = 2, .opts = no_opts,
	 .run = cmd_help, .flags = CMD_NO_DB, .help = "example: rapport help partner add"},
};

const size_t cmd_count = sizeof cmd_table / sizeof cmd_table[0];

static const struct opt global_opts[] = {
	{"db", "PATH", "the database (default $RAPPORT_DB, else ./rapport.db)", 0},
	{"json", NULL, "print JSON instead of text", 0},
	{"author", "NAME", "who records (default $RAPPORT_AUTHOR, else the login name)", 0},
	{"author-side", "SIDE", "the recorder's side: buyer (default) or partner", 0},
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

static void set_global(struct app *app, int gi, const char *v, int *help)
{
	switch (gi) {
	case 0: app->db_path = v; break;
	case 1: app->json = 1; break;
	case 2: app->author = v; break;
	case 3: app->side = v; break;
	case 4: *help = 1; break;
	}
}

/* Reads one option of kind opts at argv[*i] (advancing *i past its value).
 * Returns its index, -1 when it is not one of opts, -2 on error. */
static int read_opt(const struct opt *opts, int argc, char **argv, int *i, const char **value, struct err *e)
{
	const char *t = argv[*i];
	if (!strcmp(t, "-h"))
		t = "--help";
	if (strncmp(t, "--", 2) || !t[2])
		return -1;
	const char *name = t + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	int oi = opt_index(opts, name, len);
	if (oi < 0)
		return -1;
	const struct opt *o = &opts[oi];
	*value = "";
	if (o->arg) {
		if (eq)
			*value = eq + 1;
		else if (*i + 1 < argc)
			*value = argv[++*i];
		else
			return err_set(e, ERR_INPUT, "--%s: needs a value (%s)", o->name, o->arg), -2;
		if (check_utf8(o->name, *value, e))
			return -2;
	} else if (eq) {
		return err_set(e, ERR_INPUT, "--%s: takes no value", o->name), -2;
	}
	(*i)++;
	return oi;
}

int cmd_global(struct app *app, int argc, char **argv, int *i, int *help, struct err *e)
{
	const char *v;
	int gi = read_opt(global_opts, argc, argv, i, &v, e);
	if (gi == -2)
		return -1;
	if (gi < 0)
		return 0;
	if (gi == 0 && (!*v || !strcmp(v, ":memory:")))
		return err_set(e, ERR_INPUT, "--db: needs the path of a database file");
	if (gi == 3 && strcmp(v, "buyer") && strcmp(v, "partner"))
		return err_set(e, ERR_INPUT, "--author-side: buyer or partner: \"%s\"", v);
	set_global(app, gi, v, help);
	return 1;
}

int cmd_parse(const struct cmd *c, int argc, char **argv, struct app *app, args_t *a, struct err *e)
{
	memset(a, 0, sizeof *a);
	a->cmd = c;
	int help = 0;
	for (int i = 0; i < argc;) {
		const char *v;
		int oi = read_opt(c->opts, argc, argv, &i, &v, e);
		if (oi == -2)
			return -1;
		if (oi >= 0) {
			if (a->val[oi])
				return err_set(e, ERR_INPUT, "--%s: given twice", c->opts[oi].name);
			a->val[oi] = v;
			continue;
		}
		int g = cmd_global(app, argc, argv, &i, &help, e);
		if (g < 0)
			return -1;
		if (g > 0)
			continue;
		const char *t = argv[i];
		if (!strncmp(t, "--", 2) && t[2])
			return err_set(e, ERR_INPUT, "%s: unknown option --%.*s (see rapport %s --help)", c->name,
			               (int)strcspn(t + 2, "="), t + 2, c->name);
		if (a->npos >= c->npos)
			return err_set(e, ERR_INPUT, "%s: unexpected argument \"%s\" (see rapport %s --help)", c->name, t,
			               c->name);
		a->pos[a->npos++] = t;
		i++;
	}
	if (help)
		return 1;
	for (int i = 0; c->opts[i].name; i++)
		if (c->opts[i].required && !a->val[i])
			return err_set(e, ERR_INPUT, "--%s: required (see rapport %s --help)", c->opts[i].name, c->name);
	return 0;
}

const char *arg_find(const args_t *a, const char *name)
{
	int i = opt_index(a->cmd->opts, name, strlen(name));
	return i < 0 ? NULL : a->val[i];
}

const char *arg_str(const args_t *a, const char *name)
{
	int i = opt_index(a->cmd->opts, name, strlen(name));
	if (i < 0) /* a programming error: the command reads an option it does not declare */
		abort();
	return a->val[i];
}

int arg_count(const args_t *a, const char *name, int min, int max, int dflt, int *out, struct err *e)
{
	const char *v = arg_str(a, name);
	char *end;
	if (!v) {
		*out = dflt;
		return dflt < min ? err_set(e, ERR_INPUT, "--%s: required", name) : 0;
	}
	errno = 0;
	long n = strtol(v, &end, 10);
	if (!*v || *end || errno == ERANGE || n < min || n > max || v[0] == '+' || v[0] == ' ')
		return err_set(e, ERR_INPUT, "--%s: a whole number from %d to %d: \"%s\"", name, min, max, v);
	*out = (int)n;
	return 0;
}

int arg_id(const args_t *a, const char *name, int64_t *out, struct err *e)
{
	const char *v = arg_str(a, name);
	char *end;
	if (!v)
		return err_set(e, ERR_INPUT, "--%s: required", name);
	errno = 0;
	long long n = strtoll(v, &end, 10);
	if (!*v || *end || n <= 0 || errno == ERANGE || v[0] == '+' || v[0] == ' ')
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
	int width = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < cmd_count; i++) {
			if (group && (strncmp(cmd_table[i].name, group, n) || cmd_table[i].name[n] != ' '))
				continue;
			if (pass == 0 && (int)strlen(cmd_table[i].name) > width)
				width = (int)strlen(cmd_table[i].name);
			else if (pass == 1)
				fprintf(f, "  %-*s  %s\n", width, cmd_table[i].name, cmd_table[i].summary);
		}
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
	/* scores are reals: ten significant digits print 0.55 as 0.55 */
	json_dumpf(v, app->out, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	fputc('\n', app->out);
	json_decref(v);
}

int cmd_list_end(struct app *app, int r, json_t *json, struct table *t, const char *empty)
{
	if (r == 0 && app->json)
		cmd_print_json(app, json);
	else if (r == 0 && empty && t->ncells == (size_t)t->ncols)
		fprintf(app->out, "%s\n", empty);
	else if (r == 0)
		table_print(t, app->out);
	else
		json_decref(json);
	if (!app->json)
		table_release(t);
	return r ? -1 : 0;
}

void cmd_print_id(struct app *app, int64_t id)
{
	if (app->json)
		cmd_print_json(app, json_pack("{s:I}", "id", (json_int_t)id));
	else
		fprintf(app->out, "%lld\n", (long long)id);
}

int cmd_partner_get(struct app *app, int64_t id, struct party *p, struct err *e)
{
	int r = store_partner_get(app->db, id, p, e);
	if (r == 0)
		return err_set(e, ERR_INPUT, "--partner: no partner with id %lld (see rapport partner list)",
		               (long long)id);
	return r < 0 ? -1 : 0;
}

void cmd_remove_db(const char *path)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char p[4096];
	for (int i = 0; i < 4; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
}
