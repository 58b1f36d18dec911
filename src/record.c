/* record.c - text fields into an event and the append (record.h), shared
 * by the command line and the web app's forms. The rules themselves live
 * in event.c (the body) and ledger.c (the chain and the projections). */
#include "record.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/domain.h"
#include "util/utf8.h"
#include "workcal.h"

/* Reads a whole decimal integer; the message names the input. */
static int parse_int(const char *label, const char *v, long long *out, struct err *e)
{
	char *end;
	errno = 0;
	long long n = strtoll(v, &end, 10);
	if (!*v || *end || errno || v[0] == '+' || v[0] == ' ')
		return err_set(e, ERR_INPUT, "%s: not a whole number: \"%.*s\"", label, (int)utf8_quote(v), v);
	*out = n;
	return 0;
}

json_t *record_value(const struct field *f, const char *label, const char *v, struct err *e)
{
	long long n;
	switch (f->type) {
	case F_INT:
	case F_REF:
		return parse_int(label, v, &n, e) ? NULL : json_integer(n);
	case F_BOOL:
		return json_true();
	case F_REFS: {
		json_t *list = json_array();
		char *copy = strdup(v), *save = NULL;
		if (!copy)
			abort();
		for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			while (*t == ' ')
				t++;
			if (parse_int(label, t, &n, e)) {
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

int record_body(const struct event_kind *k, record_get_fn get, void *ctx, json_t **out, struct err *e)
{
	json_t *body = json_object();
	char label[72];
	*out = NULL;
	for (const struct field *f = k->fields; f->name; f++) {
		label[0] = '\0';
		const char *v = get(ctx, f, label, sizeof label);
		if (!v)
			continue;
		json_t *val = record_value(f, label[0] ? label : f->name, v, e);
		if (!val) {
			json_decref(body);
			return -1;
		}
		json_object_set_new(body, f->name, val);
	}
	*out = body;
	return 0;
}

int record_rel(struct db *db, const struct field *f, const json_t *body, const char *label, int64_t *rel,
               struct err *e)
{
	int64_t ref = (int64_t)json_integer_value(json_object_get(body, f->name));
	int r = ref > 0 ? store_entity_rel(db, f->entity, ref, rel, e) : 0;
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "%s: no %s with id %lld", label, f->entity, (long long)ref);
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

/* A date set on a day the partner does not work gets a warning line. A
 * warning must never cost the record: a calendar that cannot be read (a
 * zone missing from tzdata) or a date beyond the holiday tables gets none. */
void record_warn(struct workcal *w, const char *kind, const json_t *body, struct buf *warnings)
{
	size_t i = 0, n = sizeof due_dates / sizeof due_dates[0];
	while (i < n && strcmp(due_dates[i].kind, kind))
		i++;
	if (i == n || !warnings)
		return;
	char id[24];
	const char *date = json_string_value(json_object_get(body, due_dates[i].field));
	const char *name = due_dates[i].name ? json_string_value(json_object_get(body, due_dates[i].name)) : id;
	snprintf(id, sizeof id, "%lld", (long long)json_integer_value(json_object_get(body, "commitment")));
	const char *why;
	char next[11];
	struct err ignored;
	if (workcal_check(w, date, &why, next, &ignored) == 0)
		buf_printf(warnings, "%s%s%s %s falls on a day off at %s (%s: %s); their next working day is %s\n",
		           due_dates[i].pre, name, due_dates[i].post, date, w->party.name, w->party.country, why, next);
}

static int warns(const char *kind)
{
	for (size_t i = 0; i < sizeof due_dates / sizeof due_dates[0]; i++)
		if (!strcmp(due_dates[i].kind, kind))
			return 1;
	return 0;
}

static void due_warning(struct db *db, int64_t rel, const char *kind, const json_t *body, struct buf *warnings)
{
	struct workcal w;
	struct err ignored;
	if (!warnings || !warns(kind) || workcal_load(db, rel, WORKCAL_PARTNER, &w, &ignored))
		return;
	record_warn(&w, kind, body, warnings);
	workcal_release(&w);
}

int record_append(struct ledger *l, int64_t rel, const struct ledger_entry *in, struct buf *warnings, int64_t *id,
                  struct err *e)
{
	struct event ev;
	if (ledger_append(l, rel, in, &ev, e))
		return -1;
	*id = ev.id;
	due_warning(l->db, rel, in->kind, in->body, warnings);
	return 0;
}
