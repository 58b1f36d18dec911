/* cmd_record.c - the commands that append one event from their options:
 * each option fills the body field of the same name (dashes become
 * underscores), typed by the event kind's field table, so a new kind needs
 * a row in cmd.c's table and no code here. */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "store/domain.h"
#include "store/parties.h"
#include "workcal.h"

int cmd_buyer_tz(struct app *app, char tz[65], struct err *e)
{
	struct party b;
	int r = store_buyer_get(app->db, &b, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "--db: %s is not initialised (run rapport init)", app->db_path);
	snprintf(tz, 65, "%s", b.tz);
	return 0;
}

/* The dates the partner has to be at work for, by kind, and how the
 * warning names them. */
static const struct {
	const char *kind, *field;
	const char *name; /* the body field naming the thing, or NULL: the commitment's id */
	const char *pre, *post;
} due_dates[] = {
	{"commitment.add", "due", "what", "\"", "\" due"},
	{"commitment.renegotiate", "due", NULL, "commitment #", " now due"},
	{"issue.action", "due", "what", "\"", "\" due"},
	{"spec.publish", "production_start", "style", "production start of \"", "\""},
};

/* A date set on a day the partner does not work gets a warning (printed
 * once the command lands; it blocks nothing). */
static int due_warning(struct app *app, int64_t rel, const char *kind, const json_t *body, struct err *e)
{
	size_t i = 0, n = sizeof due_dates / sizeof due_dates[0];
	while (i < n && strcmp(due_dates[i].kind, kind))
		i++;
	if (i == n)
		return 0;
	char id[24];
	const char *date = json_string_value(json_object_get(body, due_dates[i].field));
	const char *name = due_dates[i].name ? json_string_value(json_object_get(body, due_dates[i].name)) : id;
	snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(body, "commitment")));
	const char *why;
	char next[11];
	/* a warning must never cost the record: a calendar that cannot be
	 * read (a zone missing from tzdata) or a date beyond the holiday
	 * tables gets none */
	struct err ignored;
	(void)e;
	if (app->cal && app->cal->party.id != rel)
		cmd_app_release(app);
	if (!app->cal) {
		struct workcal *w = malloc(sizeof *w);
		if (!w)
			abort();
		if (workcal_load(app->db, rel, WORKCAL_PARTNER, w, &ignored)) {
			free(w);
			return 0;
		}
		app->cal = w;
	}
	if (workcal_check(app->cal, date, &why, next, &ignored) == 0)
		buf_printf(&app->warnings,
		           "rapport: warning: %s%s%s %s falls on a day off at %s (%s: %s); their next working day is %s\n",
		           due_dates[i].pre, name, due_dates[i].post, date, app->cal->party.name, app->cal->party.country,
		           why, next);
	return 0;
}

void cmd_app_release(struct app *app)
{
	if (app->cal) {
		workcal_release(app->cal);
		free(app->cal);
		app->cal = NULL;
	}
}

/* Kinds whose events change a partner's working calendar (its agreed week,
 * its closures, or either through a correction): the cached one is then
 * read again. */
static int changes_calendar(const char *kind)
{
	return !strcmp(kind, "settings") || !strcmp(kind, "closure.add") || !strcmp(kind, "correct") ||
	       !strcmp(kind, "relationship.open");
}

int cmd_at(struct app *app, const args_t *a, int64_t *at, struct err *e)
{
	char tz[65];
	return cmd_buyer_tz(app, tz, e) || arg_time(a, "at", tz, app->now, at, e) ? -1 : 0;
}

int cmd_append(struct app *app, const args_t *a, int64_t rel, const char *kind, json_t *body, int64_t *id,
               struct err *e)
{
	int64_t at;
	return cmd_at(app, a, &at, e) ? -1 : cmd_append_at(app, rel, kind, body, at, id, e);
}

int cmd_append_at(struct app *app, int64_t rel, const char *kind, json_t *body, int64_t at, int64_t *id,
                  struct err *e)
{
	struct ledger_entry in = {
		.kind = kind, .side = app->side, .author = app->author, .at = at, .recorded = app->now, .body = body,
	};
	struct event ev;
	if (changes_calendar(kind))
		cmd_app_release(app);
	if (ledger_append(&app->ledger, rel, &in, &ev, e))
		return -1;
	*id = ev.id;
	return due_warning(app, rel, kind, body, e);
}

/* Reads a whole decimal integer; the message names the option. */
static int parse_int(const char *opt, const char *v, long long *out, struct err *e)
{
	char *end;
	errno = 0;
	long long n = strtoll(v, &end, 10);
	if (!*v || *end || errno || v[0] == '+' || v[0] == ' ')
		return err_set(e, ERR_INPUT, "%s: not a whole number: \"%s\"", opt, v);
	*out = n;
	return 0;
}

json_t *cmd_field_value(const struct field *f, const char *opt, const char *v, struct err *e)
{
	long long n;
	switch (f->type) {
	case F_INT:
	case F_REF:
		return parse_int(opt, v, &n, e) ? NULL : json_integer(n);
	case F_BOOL:
		return json_true();
	case F_REFS: {
		json_t *list = json_array();
		char *copy = strdup(v), *save = NULL;
		for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			while (*t == ' ')
				t++;
			if (parse_int(opt, t, &n, e)) {
				free(copy);
				json_decref(list);
				return NULL;
			}
			json_array_append_new(list, json_integer(n));
		}
		free(copy);
		return list;
	}
	default:
		return json_string(v);
	}
}

int cmd_record(struct app *app, const args_t *a, struct err *e)
{
	const struct cmd *c = a->cmd;
	const struct event_kind *k = event_kind_find(c->kind);
	int64_t rel = 0, id;
	if (arg_find(a, "partner")) {
		struct party p;
		if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e))
			return -1;
	}
	json_t *body = json_object();
	char opt[64];
	for (const struct field *f = k->fields; f->name; f++) {
		const char *v;
		if (c->pos_field && !strcmp(f->name, c->pos_field)) {
			if (a->npos < 1) {
				json_decref(body);
				return err_set(e, ERR_INPUT, "%s: which one? (usage: rapport %s %s)", c->name, c->name, c->synopsis);
			}
			v = a->pos[0];
			snprintf(opt, sizeof opt, "%s", c->synopsis);
		} else {
			snprintf(opt, sizeof opt, "--%s", f->name);
			for (char *p = opt; *p; p++)
				if (*p == '_')
					*p = '-';
			v = arg_find(a, opt + 2);
		}
		if (!v)
			continue;
		json_t *val = cmd_field_value(f, opt, v, e);
		if (!val) {
			json_decref(body);
			return -1;
		}
		json_object_set_new(body, f->name, val);
	}
	/* An id given instead of --partner names its relationship. */
	if (c->pos_field && !rel) {
		const struct field *f = k->fields;
		while (strcmp(f->name, c->pos_field))
			f++;
		if (f->type == F_REF) {
			int64_t ref = (int64_t)json_integer_value(json_object_get(body, f->name));
			int r = ref > 0 ? store_entity_rel(app->db, f->entity, ref, &rel, e) : 0;
			if (r <= 0) {
				json_decref(body);
				return r < 0 ? -1 : err_set(e, ERR_INPUT, "%s: no %s with id %s", c->synopsis, f->entity, a->pos[0]);
			}
		}
	}
	int r = cmd_append(app, a, rel, c->kind, body, &id, e);
	json_decref(body);
	if (r)
		return -1;
	cmd_print_id(app, id);
	return 0;
}
