/* contacts.c - SQL for the contacts table. */
#include "store/contacts.h"

static const char SQL_CONTACT_INSERT[] =
	"INSERT INTO contacts (event_id, rel, by_side, kind, at, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_CONTACT_LAST[] = "SELECT max(at) FROM contacts WHERE rel = ?1";

int store_contact_insert(struct db *db, const struct contact *c, struct err *e)
{
	sqlite3_stmt *s = db_stmt(db, SQL_CONTACT_INSERT, e);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, c->event_id);
	sqlite3_bind_int64(s, 2, c->rel);
	sqlite3_bind_text(s, 3, c->by_side, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, c->kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, c->at);
	if (c->note)
		sqlite3_bind_text(s, 6, c->note, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		return db_fail(db, e, "recording a contact");
	return 0;
}

int store_contact_last(struct db *db, int64_t rel, int64_t *at, struct err *e)
{
	sqlite3_stmt *s = db_stmt(db, SQL_CONTACT_LAST, e);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, rel);
	if (sqlite3_step(s) != SQLITE_ROW)
		return db_fail(db, e, "reading contacts");
	int found = sqlite3_column_type(s, 0) != SQLITE_NULL;
	if (found)
		*at = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return found;
}
