/* events.c - SQL for relationships and events. The triggers in schema.c
 * make events append-only; nothing here updates or deletes one. */
#include "store/events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_REL_CREATE[] = "INSERT INTO relationships (uid) VALUES (?1) RETURNING id";
static const char SQL_REL_HEAD[] = "SELECT id, uid, head_seq, head_hash FROM relationships WHERE id = ?1";
/* The head an append starts from. On PostgreSQL several processes may
 * append at once: the row lock, held to the end of the transaction, makes
 * the second writer of a relationship wait for the first to commit and
 * then read the head it left (READ COMMITTED reads the new row), so the
 * chain cannot fork. SQLite's BEGIN IMMEDIATE already lets one writer in. */
static const char SQL_REL_HEAD_LOCK_PG[] =
	"SELECT id, uid, head_seq, head_hash FROM relationships WHERE id = ?1 FOR UPDATE";
static const char SQL_REL_ALL[] = "SELECT id, uid, head_seq, head_hash FROM relationships ORDER BY id";
/* Also checks that the new head is the newest stored event. */
static const char SQL_REL_ADVANCE[] = "UPDATE relationships SET head_seq = ?2, head_hash = ?3"
                                      " WHERE id = ?1 AND head_seq = ?4 AND head_hash = ?5"
                                      " AND (SELECT max(seq) FROM events WHERE rel = ?1) = ?2";
static const char SQL_EVENT_INSERT[] =
	"INSERT INTO events (id, rel, seq, kind, at, recorded, side, author, body, prev_hash, hash)"
	" VALUES (?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id";
/* A NULL id takes the next one from the identity column's sequence (on
 * SQLite, NULL in an INTEGER PRIMARY KEY does that by itself). */
static const char SQL_EVENT_INSERT_PG[] =
	"INSERT INTO events (id, rel, seq, kind, at, recorded, side, author, body, prev_hash, hash)"
	" VALUES (coalesce(?11, nextval(pg_get_serial_sequence('events', 'id'))), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	" ?10) RETURNING id";
/* An event imported with its id moves the sequence past it, never back. */
static const char SQL_EVENT_ID_SEEN_PG[] =
	"SELECT setval(pg_get_serial_sequence('events', 'id'),"
	" greatest(?1, (SELECT last_value FROM events_id_seq)))";
static const char SQL_EVENT_EACH[] =
	"SELECT id, seq, kind, at, recorded, side, author, body, prev_hash, hash"
	" FROM events WHERE rel = ?1 ORDER BY seq";
static const char SQL_EVENT_ORPHANS[] =
	"SELECT count(*) FROM events WHERE rel NOT IN (SELECT id FROM relationships)";

int store_rel_create(struct db *db, const char *uid, int64_t *id, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_REL_CREATE, e);
	if (!s)
		return -1;
	db_bind_text(s, 1, uid);
	return db_step_id(s, id) ? db_fail(db, e, "creating a relationship") : 0;
}

static void read_head(struct db_stmt *s, struct rel_head *h)
{
	h->id = db_col_int64(s, 0);
	const char *uid = db_col_text(s, 1);
	snprintf(h->uid, sizeof h->uid, "%s", uid ? uid : "");
	h->seq = db_col_int64(s, 2);
	memset(h->hash, 0, SHA256_LEN);
	if (db_col_bytes(s, 3) == SHA256_LEN)
		memcpy(h->hash, db_col_blob(s, 3), SHA256_LEN);
}

/* One relationship's head by sql (SQL_REL_HEAD, or the locking read). */
static int head_by(struct db *db, const char *sql, int64_t rel, struct rel_head *h, struct err *e)
{
	struct db_stmt *s = db_stmt(db, sql, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	int rc = db_step(s);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return db_fail(db, e, "reading a relationship");
	read_head(s, h);
	db_reset(s);
	return 1;
}

int store_rel_head(struct db *db, int64_t rel, struct rel_head *h, struct err *e)
{
	return head_by(db, SQL_REL_HEAD, rel, h, e);
}

int store_rel_head_for_append(struct db *db, int64_t rel, struct rel_head *h, struct err *e)
{
	int lock = db_dialect(db) == DB_POSTGRESQL && db_in_transaction(db);
	return head_by(db, lock ? SQL_REL_HEAD_LOCK_PG : SQL_REL_HEAD, rel, h, e);
}

int store_rel_each(struct db *db, int64_t rel, int (*fn)(void *ctx, const struct rel_head *h), void *ctx,
                   struct err *e)
{
	if (rel) {
		struct rel_head h;
		int r = store_rel_head(db, rel, &h, e);
		return r <= 0 ? r : fn(ctx, &h);
	}
	/* Heads are collected first: fn may run other cached statements. */
	struct db_stmt *s = db_stmt(db, SQL_REL_ALL, e);
	if (!s)
		return -1;
	struct rel_head *all = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			all = realloc(all, cap * sizeof *all);
			if (!all)
				abort();
		}
		read_head(s, &all[n++]);
	}
	db_reset(s);
	int r = 0;
	if (rc != DB_DONE)
		r = db_fail(db, e, "listing relationships");
	for (size_t i = 0; r == 0 && i < n; i++)
		r = fn(ctx, &all[i]);
	free(all);
	return r;
}

int store_rel_advance(struct db *db, const struct rel_head *from, int64_t seq, const unsigned char hash[SHA256_LEN],
                      struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_REL_ADVANCE, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, from->id);
	db_bind_int64(s, 2, seq);
	db_bind_blob(s, 3, hash, SHA256_LEN);
	db_bind_int64(s, 4, from->seq);
	db_bind_blob(s, 5, from->hash, SHA256_LEN);
	if (db_step(s) != DB_DONE)
		return db_fail(db, e, "updating the chain head");
	return db_changes(db) == 1;
}

int store_event_insert(struct db *db, struct event *ev, struct err *e)
{
	struct db_stmt *s = db_stmt(db, db_sql(db, SQL_EVENT_INSERT, SQL_EVENT_INSERT_PG), e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, ev->rel);
	db_bind_int64(s, 2, ev->seq);
	db_bind_textn(s, 3, ev->kind, ev->kind_len);
	db_bind_int64(s, 4, ev->at);
	db_bind_int64(s, 5, ev->recorded);
	db_bind_textn(s, 6, ev->side, ev->side_len);
	db_bind_textn(s, 7, ev->author, ev->author_len);
	db_bind_textn(s, 8, ev->body, ev->body_len);
	db_bind_blob(s, 9, ev->prev_hash, SHA256_LEN);
	db_bind_blob(s, 10, ev->hash, SHA256_LEN);
	if (ev->id > 0)
		db_bind_int64(s, 11, ev->id);
	else
		db_bind_null(s, 11);
	int64_t given = ev->id;
	if (db_step_id(s, &ev->id))
		return db_fail(db, e, "appending an event");
	if (given > 0 && db_dialect(db) == DB_POSTGRESQL) {
		struct db_stmt *q = db_stmt(db, SQL_EVENT_ID_SEEN_PG, e);
		if (!q)
			return -1;
		db_bind_int64(q, 1, given);
		int rc = db_step(q);
		db_reset(q);
		if (rc != DB_ROW)
			return db_fail(db, e, "appending an event");
	}
	return 0;
}

/* Copies a hash column; a tampered row may hold any length, so a wrong
 * length reads as zeros plus a flag the verifier sees as a mismatch. */
static void column_hash(struct db_stmt *s, int col, unsigned char out[SHA256_LEN])
{
	memset(out, 0, SHA256_LEN);
	int n = db_col_bytes(s, col);
	const void *p = db_col_blob(s, col);
	if (p)
		memcpy(out, p, n < SHA256_LEN ? (size_t)n : SHA256_LEN);
	if (n != SHA256_LEN)
		out[0] ^= 0xff;
}

/* The current row of a SELECT of SQL_EVENT_EACH's columns into ev, its
 * strings borrowed from the row. */
static void read_event(struct db_stmt *s, struct event *ev)
{
	ev->id = db_col_int64(s, 0);
	ev->seq = db_col_int64(s, 1);
	ev->kind = db_col_text(s, 2);
	ev->kind_len = (size_t)db_col_bytes(s, 2);
	ev->at = db_col_int64(s, 3);
	ev->recorded = db_col_int64(s, 4);
	ev->side = db_col_text(s, 5);
	ev->side_len = (size_t)db_col_bytes(s, 5);
	ev->author = db_col_text(s, 6);
	ev->author_len = (size_t)db_col_bytes(s, 6);
	ev->body = db_col_text(s, 7);
	ev->body_len = (size_t)db_col_bytes(s, 7);
	if (!ev->kind || !ev->side || !ev->author || !ev->body) { /* NULLs only by tampering */
		ev->kind = ev->kind ? ev->kind : "";
		ev->side = ev->side ? ev->side : "";
		ev->author = ev->author ? ev->author : "";
		ev->body = ev->body ? ev->body : "";
	}
	column_hash(s, 8, ev->prev_hash);
	column_hash(s, 9, ev->hash);
}

int store_event_each(struct db *db, const struct rel_head *rel, int (*fn)(void *ctx, const struct event *ev),
                     void *ctx, struct err *e)
{
	/* Not from the cache: fn may append or read through cached statements,
	 * and this statement must stay open across those calls. */
	struct db_stmt *s = db_prepare(db, SQL_EVENT_EACH, NULL);
	if (!s)
		return db_fail(db, e, "reading events");
	db_bind_int64(s, 1, rel->id);
	int rc, r = 0;
	struct event ev = {.rel = rel->id, .rel_uid = rel->uid};
	while ((rc = db_step(s)) == DB_ROW) {
		read_event(s, &ev);
		if ((r = fn(ctx, &ev)) != 0)
			break;
	}
	if (r == 0 && rc != DB_DONE && rc != DB_ROW)
		r = db_fail(db, e, "reading events");
	db_finalize(s);
	return r;
}

/* --- the timeline ---------------------------------------------------------------- */

/* A kind filter matches the kind itself or, for a group, every kind
 * under it ("issue" matches "issue.raise"): compared as text, so no
 * LIKE pattern to escape. A NULL ?2 matches every kind (tested after the
 * comparison that gives PostgreSQL its type). */
#define TIMELINE_WHERE                                                                                           \
	" FROM events WHERE rel = ?1 AND (kind = ?2 OR ?2 IS NULL OR substr(kind, 1, length(?2) + 1) = ?2 || '.')" \
	" AND at >= ?3 AND at <= ?4"
static const char SQL_TIMELINE_COUNT[] = "SELECT count(*)" TIMELINE_WHERE;
static const char SQL_TIMELINE_PAGE[] = "SELECT id, seq, kind, at, recorded, side, author, body, prev_hash, hash"
                                        TIMELINE_WHERE " ORDER BY seq DESC LIMIT ?5 OFFSET ?6";
static const char SQL_TIMELINE_AFTER[] = "SELECT id, seq, kind, at, recorded, side, author, body, prev_hash, hash"
                                         TIMELINE_WHERE " AND seq > ?6 ORDER BY seq LIMIT ?5";
static const char SQL_EVENT_GET[] = "SELECT id, seq, kind, at, recorded, side, author, body, prev_hash, hash"
                                    " FROM events WHERE rel = ?1 AND id = ?2";

static void bind_filter(struct db_stmt *s, int64_t rel, const struct timeline_filter *f)
{
	db_bind_int64(s, 1, rel);
	if (f->kind)
		db_bind_text(s, 2, f->kind);
	else
		db_bind_null(s, 2);
	db_bind_int64(s, 3, f->from);
	db_bind_int64(s, 4, f->to);
}

int store_timeline_count(struct db *db, int64_t rel, const struct timeline_filter *f, int64_t *n, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_TIMELINE_COUNT, e);
	if (!s)
		return -1;
	bind_filter(s, rel, f);
	if (db_step(s) != DB_ROW)
		return db_fail(db, e, "counting events");
	*n = db_col_int64(s, 0);
	db_reset(s);
	return 0;
}

/* Steps s, bound by the caller, through fn. */
static int timeline_step(struct db *db, struct db_stmt *s, const struct rel_head *rel,
                         int (*fn)(void *ctx, const struct event *ev), void *ctx, struct err *e)
{
	int rc, r = 0;
	struct event ev = {.rel = rel->id, .rel_uid = rel->uid};
	while ((rc = db_step(s)) == DB_ROW) {
		read_event(s, &ev);
		if ((r = fn(ctx, &ev)) != 0)
			break;
	}
	if (r == 0 && rc != DB_DONE)
		r = db_fail(db, e, "reading events");
	db_reset(s);
	return r;
}

int store_timeline_page(struct db *db, const struct rel_head *rel, const struct timeline_filter *f, int64_t offset,
                        int64_t limit, int (*fn)(void *ctx, const struct event *ev), void *ctx, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_TIMELINE_PAGE, e);
	if (!s)
		return -1;
	bind_filter(s, rel->id, f);
	db_bind_int64(s, 5, limit);
	db_bind_int64(s, 6, offset);
	return timeline_step(db, s, rel, fn, ctx, e);
}

int store_timeline_after(struct db *db, const struct rel_head *rel, const struct timeline_filter *f, int64_t after,
                         int64_t limit, int (*fn)(void *ctx, const struct event *ev), void *ctx, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_TIMELINE_AFTER, e);
	if (!s)
		return -1;
	bind_filter(s, rel->id, f);
	db_bind_int64(s, 5, limit);
	db_bind_int64(s, 6, after);
	return timeline_step(db, s, rel, fn, ctx, e);
}

int store_event_by_id(struct db *db, const struct rel_head *rel, int64_t id,
                    int (*fn)(void *ctx, const struct event *ev), void *ctx, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_EVENT_GET, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel->id);
	db_bind_int64(s, 2, id);
	int rc = db_step(s), r = 0;
	if (rc == DB_ROW) {
		struct event ev = {.rel = rel->id, .rel_uid = rel->uid};
		read_event(s, &ev);
		r = fn(ctx, &ev);
	} else if (rc != DB_DONE) {
		r = db_fail(db, e, "reading an event");
	}
	db_reset(s);
	return r < 0 ? -1 : r ? r : rc == DB_ROW;
}

/* The newest signed checkpoint of rel (table of migration 7, docs/verify.md). */
static const char SQL_CHECKPOINT_LAST[] =
	"SELECT size, created FROM checkpoints WHERE rel = ?1 ORDER BY size DESC LIMIT 1";

int store_checkpoint_last(struct db *db, int64_t rel, int64_t *size, int64_t *at, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_CHECKPOINT_LAST, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	int rc = db_step(s);
	if (rc == DB_ROW) {
		*size = db_col_int64(s, 0);
		*at = db_col_int64(s, 1);
	}
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_fail(db, e, "reading checkpoints");
	return rc == DB_ROW;
}

static const char SQL_EVENT_AT[] = "SELECT id, kind, at, body, side FROM events WHERE rel = ?1 AND seq = ?2";

int store_event_at(struct db *db, int64_t rel, int64_t seq, struct stored_event *out, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_EVENT_AT, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	db_bind_int64(s, 2, seq);
	int rc = db_step(s);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return db_fail(db, e, "reading an event");
	out->id = db_col_int64(s, 0);
	snprintf(out->kind, sizeof out->kind, "%s", db_col_text(s, 1));
	out->at = db_col_int64(s, 2);
	const char *body = db_col_text(s, 3);
	out->body = body ? strdup(body) : NULL;
	const char *side = db_col_text(s, 4);
	snprintf(out->side, sizeof out->side, "%s", side ? side : "");
	db_reset(s);
	return 1;
}

static const char SQL_REL_COUNT[] = "SELECT count(*) FROM relationships";

int store_rel_count(struct db *db, int64_t *n, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_REL_COUNT, e);
	if (!s)
		return -1;
	if (db_step(s) != DB_ROW)
		return db_fail(db, e, "counting relationships");
	*n = db_col_int64(s, 0);
	db_reset(s);
	return 0;
}

int store_event_orphans(struct db *db, int64_t *n, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_EVENT_ORPHANS, e);
	if (!s)
		return -1;
	if (db_step(s) != DB_ROW)
		return db_fail(db, e, "checking events");
	*n = db_col_int64(s, 0);
	db_reset(s);
	return 0;
}
