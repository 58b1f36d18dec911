/* project.c - turns each event into rows of the current-state tables that
 * pages and scores read. Runs inside ledger_append's transaction and never
 * writes events. Every kind has a row here, even when it projects nothing. */
#include "project.h"

#include <stdio.h>
#include <string.h>

#include "store/contacts.h"
#include "store/parties.h"

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int project_relationship_open(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	struct party p = {.id = ev->rel, .since = ev->at};
	const char *city = str(body, "city");
	snprintf(p.name, sizeof p.name, "%s", str(body, "name"));
	snprintf(p.country, sizeof p.country, "%s", str(body, "country"));
	snprintf(p.tz, sizeof p.tz, "%s", str(body, "tz"));
	snprintf(p.city, sizeof p.city, "%s", city ? city : "");
	return store_partner_insert(db, &p, e);
}

static int project_contact(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	struct contact c = {
		.event_id = ev->id,
		.rel = ev->rel,
		.by_side = str(body, "by"),
		.kind = str(body, "kind"),
		.at = ev->at,
		.note = str(body, "note"),
	};
	return store_contact_insert(db, &c, e);
}

static const struct {
	const char *kind;
	int (*apply)(struct db *db, const struct event *ev, const json_t *body, struct err *e);
} projections[] = {
	{"relationship.open", project_relationship_open},
	{"contact", project_contact},
};

int project_knows(const char *kind)
{
	for (size_t i = 0; i < sizeof projections / sizeof projections[0]; i++)
		if (!strcmp(projections[i].kind, kind))
			return 1;
	return 0;
}

int project_apply(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	for (size_t i = 0; i < sizeof projections / sizeof projections[0]; i++)
		if (!strcmp(projections[i].kind, ev->kind))
			return projections[i].apply ? projections[i].apply(db, ev, body, e) : 0;
	return err_set(e, ERR_INPUT, "kind: no projection for \"%s\"", ev->kind);
}
