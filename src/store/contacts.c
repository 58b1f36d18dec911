/* contacts.c - SQL for the contacts table. */
#include "store/contacts.h"

static const char SQL_CONTACT_INSERT[] =
	"INSERT INTO contacts (event_id, rel, by_side, kind, at, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_CONTACT_LAST[] = "SELECT max(at) FROM contacts WHERE rel = ?1";

int store_contact_insert(struct db *db, const struct contact *c, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_CONTACT_INSERT, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, c->event_id);
	db_bind_int64(s, 2, c->rel);
	db_bind_text(s, 3, c->by_side);
	db_bind_text(s, 4, c->kind);
	db_bind_int64(s, 5, c->at);
	if (c->note)
		db_bind_text(s, 6, c->note);
	if (db_step(s) != DB_DONE)
		return db_fail(db, e, "recording a contact");
	return 0;
}

int store_contact_last(struct db *db, int64_t rel, int64_t *at, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_CONTACT_LAST, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	if (db_step(s) != DB_ROW)
		return db_fail(db, e, "reading contacts");
	int found = !db_col_is_null(s, 0);
	if (found)
		*at = db_col_int64(s, 0);
	db_reset(s);
	return found;
}
