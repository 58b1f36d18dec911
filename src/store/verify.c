/* verify.c - SQL for keys, checkpoints and the Merkle cache. Checkpoints
 * and their signatures are append-only (triggers in schema.c); the cache
 * is derived data and may be refilled. */
#include "store/verify.h"

#include "store/domain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SQL_KEY_INSERT[] =
	"INSERT INTO org_keys (org, name, key_id, public, created) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_KEY_GET[] = "SELECT org, name, key_id, public, created FROM org_keys WHERE org = ?1";
static const char SQL_CP_GET[] =
	"SELECT id, rel, size, root, text, created FROM checkpoints WHERE rel = ?1 AND size = ?2";
static const char SQL_CP_INSERT[] =
	"INSERT INTO checkpoints (rel, size, root, text, created) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
static const char SQL_CP_EACH[] =
	"SELECT id, rel, size, root, text, created FROM checkpoints WHERE rel = ?1 ORDER BY size";
static const char SQL_SIG_INSERT[] = "INSERT INTO checkpoint_signatures (checkpoint, side, key_name, key_id, signature, at)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_SIGS[] = "SELECT side, key_name, key_id, signature, at FROM checkpoint_signatures"
                               " WHERE checkpoint = ?1 ORDER BY side = 'partner', side";
static const char SQL_TREE_SIZE[] = "SELECT size FROM merkle_trees WHERE rel = ?1";
static const char SQL_TREE_SET_SIZE[] =
	"INSERT INTO merkle_trees (rel, size) VALUES (?1, ?2) ON CONFLICT (rel) DO UPDATE SET size = excluded.size";
static const char SQL_TREE_NODE[] = "SELECT hash FROM merkle_nodes WHERE rel = ?1 AND level = ?2 AND idx = ?3";
static const char SQL_TREE_PUT[] = "INSERT INTO merkle_nodes (rel, level, idx, hash) VALUES (?1, ?2, ?3, ?4)"
                                   " ON CONFLICT (rel, level, idx) DO UPDATE SET hash = excluded.hash";
static const char SQL_TREE_EACH[] = "SELECT level, idx, hash FROM merkle_nodes WHERE rel = ?1";
static const char SQL_EVENT_HASH[] = "SELECT hash FROM events WHERE rel = ?1 AND seq = ?2";
static const char SQL_EVENT_HASHES[] =
	"SELECT seq, hash FROM events WHERE rel = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq";
static const char SQL_EVENT_IDS[] = "SELECT seq, id FROM events WHERE rel = ?1 AND seq BETWEEN 1 AND ?2 ORDER BY seq";
static const char SQL_REL_BY_UID[] = "SELECT id FROM relationships WHERE uid = ?1";

static int done(struct db *db, struct db_stmt *s, const char *what, struct err *e)
{
	return db_step(s) == DB_DONE ? 0 : db_fail(db, e, what);
}

int store_key_insert(struct db *db, const struct org_key *k, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_KEY_INSERT, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, k->org);
	db_bind_text(s, 2, k->name);
	db_bind_int64(s, 3, k->key_id);
	db_bind_blob(s, 4, k->pub, 32);
	db_bind_int64(s, 5, k->created);
	return done(db, s, "recording a public key", e);
}

int store_key_get(struct db *db, int64_t org, struct org_key *k, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_KEY_GET, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, org);
	int rc = db_step(s);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return db_fail(db, e, "reading a public key");
	k->org = db_col_int64(s, 0);
	snprintf(k->name, sizeof k->name, "%s", db_col_text(s, 1));
	k->key_id = (uint32_t)db_col_int64(s, 2);
	memset(k->pub, 0, 32);
	if (db_col_bytes(s, 3) == 32)
		memcpy(k->pub, db_col_blob(s, 3), 32);
	k->created = db_col_int64(s, 4);
	db_reset(s);
	return 1;
}

static void read_checkpoint(struct db_stmt *s, struct stored_checkpoint *c, int copy)
{
	c->id = db_col_int64(s, 0);
	c->rel = db_col_int64(s, 1);
	c->size = db_col_int64(s, 2);
	memset(c->root, 0, SHA256_LEN);
	if (db_col_bytes(s, 3) == SHA256_LEN)
		memcpy(c->root, db_col_blob(s, 3), SHA256_LEN);
	const char *t = db_col_text(s, 4);
	c->text = copy ? strdup(t ? t : "") : (char *)(t ? t : "");
	if (!c->text)
		abort();
	c->created = db_col_int64(s, 5);
}

int store_checkpoint_get(struct db *db, int64_t rel, int64_t size, struct stored_checkpoint *c, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_CP_GET, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	db_bind_int64(s, 2, size);
	int rc = db_step(s);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return db_fail(db, e, "reading a checkpoint");
	read_checkpoint(s, c, 1);
	db_reset(s);
	return 1;
}

int store_checkpoint_insert(struct db *db, struct stored_checkpoint *c, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_CP_INSERT, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, c->rel);
	db_bind_int64(s, 2, c->size);
	db_bind_blob(s, 3, c->root, SHA256_LEN);
	db_bind_text(s, 4, c->text);
	db_bind_int64(s, 5, c->created);
	return db_step_id(s, &c->id) ? db_fail(db, e, "recording a checkpoint") : 0;
}

int store_checkpoint_each(struct db *db, int64_t rel, int (*fn)(void *ctx, const struct stored_checkpoint *c),
                          void *ctx, struct err *e)
{
	/* Not cached: fn reads signatures through cached statements. */
	struct db_stmt *s = db_prepare(db, SQL_CP_EACH, NULL);
	if (!s)
		return db_fail(db, e, "listing checkpoints");
	db_bind_int64(s, 1, rel);
	int rc, r = 0;
	struct stored_checkpoint c;
	while ((rc = db_step(s)) == DB_ROW) {
		read_checkpoint(s, &c, 0);
		if ((r = fn(ctx, &c)) != 0)
			break;
	}
	if (r == 0 && rc != DB_DONE)
		r = db_fail(db, e, "listing checkpoints");
	db_finalize(s);
	return r;
}

int store_signature_insert(struct db *db, int64_t checkpoint, const struct stored_signature *sig, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_SIG_INSERT, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, checkpoint);
	db_bind_text(s, 2, sig->side);
	db_bind_text(s, 3, sig->key_name);
	db_bind_int64(s, 4, sig->key_id);
	db_bind_blob(s, 5, sig->sig, 64);
	db_bind_int64(s, 6, sig->at);
	return done(db, s, "recording a signature", e);
}

int store_signatures(struct db *db, int64_t checkpoint, struct stored_signature out[2], int *n, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_SIGS, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, checkpoint);
	*n = 0;
	int rc;
	while ((rc = db_step(s)) == DB_ROW && *n < 2) {
		struct stored_signature *g = &out[(*n)++];
		snprintf(g->side, sizeof g->side, "%s", db_col_text(s, 0));
		snprintf(g->key_name, sizeof g->key_name, "%s", db_col_text(s, 1));
		g->key_id = (uint32_t)db_col_int64(s, 2);
		memset(g->sig, 0, 64);
		if (db_col_bytes(s, 3) == 64)
			memcpy(g->sig, db_col_blob(s, 3), 64);
		g->at = db_col_int64(s, 4);
	}
	if (rc != DB_DONE && rc != DB_ROW)
		return db_fail(db, e, "reading signatures");
	db_reset(s);
	return 0;
}

int store_tree_size(struct db *db, int64_t rel, int64_t *size, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_TREE_SIZE, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	int rc = db_step(s);
	*size = rc == DB_ROW ? db_col_int64(s, 0) : 0;
	if (rc != DB_ROW && rc != DB_DONE)
		return db_fail(db, e, "reading the Merkle cache");
	db_reset(s);
	return 0;
}

int store_tree_set_size(struct db *db, int64_t rel, int64_t size, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_TREE_SET_SIZE, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	db_bind_int64(s, 2, size);
	return done(db, s, "writing the Merkle cache", e);
}

int store_tree_node(struct db *db, int64_t rel, unsigned level, int64_t idx, unsigned char hash[SHA256_LEN],
                    struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_TREE_NODE, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	db_bind_int(s, 2, (int)level);
	db_bind_int64(s, 3, idx);
	int rc = db_step(s);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return db_fail(db, e, "reading the Merkle cache");
	int found = db_col_bytes(s, 0) == SHA256_LEN;
	if (found)
		memcpy(hash, db_col_blob(s, 0), SHA256_LEN);
	db_reset(s);
	return found;
}

int store_tree_node_put(struct db *db, int64_t rel, unsigned level, int64_t idx, const unsigned char hash[SHA256_LEN],
                        struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_TREE_PUT, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	db_bind_int(s, 2, (int)level);
	db_bind_int64(s, 3, idx);
	db_bind_blob(s, 4, hash, SHA256_LEN);
	return done(db, s, "writing the Merkle cache", e);
}

int store_tree_each(struct db *db, int64_t rel,
                    int (*fn)(void *ctx, unsigned level, int64_t idx, const unsigned char *hash, int len), void *ctx,
                    struct err *e)
{
	struct db_stmt *s = db_prepare(db, SQL_TREE_EACH, NULL);
	if (!s)
		return db_fail(db, e, "reading the Merkle cache");
	db_bind_int64(s, 1, rel);
	int rc, r = 0;
	while ((rc = db_step(s)) == DB_ROW) {
		r = fn(ctx, (unsigned)db_col_int(s, 0), db_col_int64(s, 1), db_col_blob(s, 2),
		       db_col_bytes(s, 2));
		if (r)
			break;
	}
	if (r == 0 && rc != DB_DONE)
		r = db_fail(db, e, "reading the Merkle cache");
	db_finalize(s);
	return r;
}

int store_event_hash(struct db *db, int64_t rel, int64_t seq, unsigned char hash[SHA256_LEN], struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_EVENT_HASH, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	db_bind_int64(s, 2, seq);
	int rc = db_step(s);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return db_fail(db, e, "reading an event hash");
	if (db_col_bytes(s, 0) != SHA256_LEN) {
		db_reset(s);
		return err_set(e, ERR_CHECK, "event %lld: its hash is not 32 bytes (altered)", (long long)seq);
	}
	memcpy(hash, db_col_blob(s, 0), SHA256_LEN);
	db_reset(s);
	return 1;
}

int store_event_hashes(struct db *db, int64_t rel, int64_t from, int64_t to,
                       int (*fn)(void *ctx, int64_t seq, const unsigned char hash[SHA256_LEN]), void *ctx,
                       struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_EVENT_HASHES, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	db_bind_int64(s, 2, from);
	db_bind_int64(s, 3, to);
	int rc, r = 0;
	int64_t expect = from;
	while ((rc = db_step(s)) == DB_ROW) {
		int64_t seq = db_col_int64(s, 0);
		if (seq != expect) {
			r = err_set(e, ERR_CHECK, "event %lld is missing", (long long)expect);
			break;
		}
		if (db_col_bytes(s, 1) != SHA256_LEN) {
			r = err_set(e, ERR_CHECK, "event %lld: its hash is not 32 bytes (altered)", (long long)seq);
			break;
		}
		if ((r = fn(ctx, seq, db_col_blob(s, 1))) != 0)
			break;
		expect++;
	}
	if (r == 0 && rc != DB_DONE)
		r = db_fail(db, e, "reading event hashes");
	if (r == 0 && expect != to + 1)
		r = err_set(e, ERR_CHECK, "event %lld is missing", (long long)expect);
	db_reset(s);
	return r;
}

int store_event_ids(struct db *db, int64_t rel, int64_t to, int64_t **ids, struct err *e)
{
	*ids = NULL;
	struct db_stmt *s = db_stmt(db, SQL_EVENT_IDS, e);
	if (!s)
		return -1;
	int64_t *out = malloc((to > 0 ? (size_t)to : 1) * sizeof *out);
	if (!out)
		abort();
	db_bind_int64(s, 1, rel);
	db_bind_int64(s, 2, to);
	int rc, r = 0;
	int64_t n = 0;
	while ((rc = db_step(s)) == DB_ROW) {
		if (db_col_int64(s, 0) != n + 1) {
			r = err_set(e, ERR_CHECK, "event %lld is missing", (long long)n + 1);
			break;
		}
		out[n++] = db_col_int64(s, 1);
	}
	if (r == 0 && rc != DB_DONE)
		r = db_fail(db, e, "reading event ids");
	db_reset(s);
	if (r == 0 && n != to)
		r = err_set(e, ERR_CHECK, "event %lld is missing", (long long)n + 1);
	if (r)
		free(out);
	else
		*ids = out;
	return r;
}

int store_rel_by_uid(struct db *db, const char *uid, int64_t *rel, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_REL_BY_UID, e);
	if (!s)
		return -1;
	db_bind_text(s, 1, uid);
	int rc = db_step(s);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return db_fail(db, e, "reading a relationship");
	*rel = db_col_int64(s, 0);
	db_reset(s);
	return 1;
}

static const char SQL_EVENT_GET[] = "SELECT id, kind, at, recorded, side, author, body, prev_hash, hash"
                                    " FROM events WHERE rel = ?1 AND seq = ?2";

int store_event_get(struct db *db, const struct rel_head *rel, int64_t seq,
                    int (*fn)(void *ctx, const struct event *ev), void *ctx, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_EVENT_GET, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel->id);
	db_bind_int64(s, 2, seq);
	int rc = db_step(s);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return db_fail(db, e, "reading an event");
	struct event ev = {.rel = rel->id, .rel_uid = rel->uid, .seq = seq};
	ev.id = db_col_int64(s, 0);
	ev.kind = db_col_text(s, 1);
	ev.kind_len = (size_t)db_col_bytes(s, 1);
	ev.at = db_col_int64(s, 2);
	ev.recorded = db_col_int64(s, 3);
	ev.side = db_col_text(s, 4);
	ev.side_len = (size_t)db_col_bytes(s, 4);
	ev.author = db_col_text(s, 5);
	ev.author_len = (size_t)db_col_bytes(s, 5);
	ev.body = db_col_text(s, 6);
	ev.body_len = (size_t)db_col_bytes(s, 6);
	int ok = ev.kind && ev.side && ev.author && ev.body && db_col_bytes(s, 7) == SHA256_LEN &&
	         db_col_bytes(s, 8) == SHA256_LEN;
	if (ok) {
		memcpy(ev.prev_hash, db_col_blob(s, 7), SHA256_LEN);
		memcpy(ev.hash, db_col_blob(s, 8), SHA256_LEN);
	}
	int r = ok ? fn(ctx, &ev) : err_set(e, ERR_CHECK, "event %lld: a field is missing or a hash is not 32 bytes "
	                                                "(altered)", (long long)seq);
	db_reset(s);
	return r ? -1 : 1;
}

int store_event_exists(struct db *db, int64_t id, struct err *e)
{
	struct store_row row;
	int r = store_row(db, "SELECT 1 FROM events WHERE id = ?1", e, &row, "i", id);
	return r < 0 ? -1 : r > 0;
}
