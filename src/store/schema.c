/* schema.c - the database schema as numbered migrations. A migration is
 * never edited once released: add a new one. Tables fall in two groups:
 * the ledger (relationships, events: append-only, the source of truth) and
 * projections (partners, contacts, ...), rebuilt from the ledger. */
#include "store/schema.h"

#include <stdio.h>

#include "store/db.h"

static const char *const migrations[] = {
	/* 1: the ledger and the first projections */
	"CREATE TABLE buyer ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  name TEXT NOT NULL,"
	"  country TEXT NOT NULL,"
	"  tz TEXT NOT NULL,"
	"  created INTEGER NOT NULL);"
	/* head_seq/head_hash mirror the newest event so an append needs no
	 * scan and a truncated chain (last rows deleted) is still detected. */
	"CREATE TABLE relationships ("
	"  id INTEGER PRIMARY KEY,"
	"  uid TEXT NOT NULL UNIQUE,"
	"  head_seq INTEGER NOT NULL DEFAULT 0,"
	"  head_hash BLOB NOT NULL DEFAULT (zeroblob(32)));"
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  rel INTEGER NOT NULL REFERENCES relationships(id),"
	"  seq INTEGER NOT NULL CHECK (seq >= 1),"
	"  kind TEXT NOT NULL,"
	"  at INTEGER NOT NULL,"
	"  recorded INTEGER NOT NULL,"
	"  side TEXT NOT NULL CHECK (side IN ('buyer', 'partner')),"
	"  author TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),"
	"  hash BLOB NOT NULL CHECK (length(hash) = 32),"
	"  UNIQUE (rel, seq));"
	"CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN"
	"  SELECT RAISE(ABORT, 'events are append-only: record a correcting event instead');"
	"END;"
	"CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events BEGIN"
	"  SELECT RAISE(ABORT, 'events are append-only: record a correcting event instead');"
	"END;"
	"CREATE TABLE partners ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  country TEXT NOT NULL,"
	"  tz TEXT NOT NULL,"
	"  city TEXT,"
	"  since INTEGER NOT NULL);"
	/* Projections carry no foreign keys: they are derived from the ledger
	 * and rebuilt from it, so the check would only slow every append. */
	"CREATE TABLE contacts ("
	"  rel INTEGER NOT NULL,"
	"  at INTEGER NOT NULL,"
	"  event_id INTEGER NOT NULL,"
	"  by_side TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  note TEXT,"
	"  PRIMARY KEY (rel, at, event_id)) WITHOUT ROWID;",

	/* 2: the projections of every practice. An entity's id is the id of
	 * the event that created it; dates the parties agree on (due dates,
	 * ex-factory) are TEXT YYYY-MM-DD, instants are INTEGER seconds UTC,
	 * amounts are decimal TEXT. NULL settings mean "the default". */
	"CREATE TABLE settings ("
	"  rel INTEGER PRIMARY KEY,"
	"  cadence TEXT, cadence_since INTEGER, gap_ideal INTEGER, gap_max INTEGER, ack_sla INTEGER,"
	"  freeze_days INTEGER, payment_terms INTEGER, deposit_pct INTEGER);"
	"CREATE TABLE people ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, side TEXT NOT NULL, name TEXT NOT NULL,"
	"  role TEXT NOT NULL, lang TEXT, added_at INTEGER NOT NULL);"
	"CREATE TABLE commitments ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, side TEXT NOT NULL, what TEXT NOT NULL,"
	"  due TEXT NOT NULL, original_due TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'open',"
	"  closed_at INTEGER, reason TEXT, renegotiations INTEGER NOT NULL DEFAULT 0,"
	"  renegotiated_late INTEGER NOT NULL DEFAULT 0, order_id INTEGER, milestone TEXT, made_at INTEGER NOT NULL);"
	"CREATE INDEX commitments_rel ON commitments (rel, state, due);"
	"CREATE TABLE renegotiations ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, commitment INTEGER NOT NULL, at INTEGER NOT NULL,"
	"  old_due TEXT NOT NULL, new_due TEXT NOT NULL);"
	"CREATE INDEX renegotiations_commitment ON renegotiations (commitment);"
	"CREATE INDEX renegotiations_rel ON renegotiations (rel);"
	"CREATE TABLE orders ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, po TEXT NOT NULL, style TEXT NOT NULL,"
	"  qty INTEGER NOT NULL, price TEXT NOT NULL, currency TEXT NOT NULL, ex_factory TEXT NOT NULL,"
	"  placed_at INTEGER NOT NULL, UNIQUE (rel, po));"
	"CREATE TABLE updates ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, at INTEGER NOT NULL, status TEXT NOT NULL,"
	"  progress INTEGER NOT NULL, next TEXT, blockers TEXT, needs TEXT, slot INTEGER, on_time INTEGER NOT NULL);"
	"CREATE INDEX updates_rel ON updates (rel, at);"
	"CREATE TABLE issues ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, title TEXT NOT NULL, severity TEXT NOT NULL,"
	"  responsible TEXT NOT NULL, disclosure TEXT NOT NULL, note TEXT, raised_at INTEGER NOT NULL,"
	"  acked_at INTEGER, resolved_at INTEGER, state TEXT NOT NULL DEFAULT 'open',"
	"  reopened INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX issues_rel ON issues (rel);"
	"CREATE TABLE actions ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, issue INTEGER NOT NULL, owner TEXT NOT NULL,"
	"  what TEXT NOT NULL, due TEXT NOT NULL, done_at INTEGER);"
	"CREATE TABLE visits ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, by_side TEXT NOT NULL, date TEXT NOT NULL,"
	"  note TEXT, at INTEGER NOT NULL);"
	"CREATE INDEX visits_rel ON visits (rel);"
	"CREATE TABLE visit_people ("
	"  visit INTEGER NOT NULL, person INTEGER NOT NULL, PRIMARY KEY (visit, person)) WITHOUT ROWID;"
	"CREATE TABLE suggestions ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, person INTEGER NOT NULL, visit INTEGER,"
	"  text TEXT NOT NULL, at INTEGER NOT NULL, outcome TEXT, responded_at INTEGER, reason TEXT);"
	"CREATE INDEX suggestions_rel ON suggestions (rel);"
	"CREATE TABLE specs ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, style TEXT NOT NULL, version TEXT NOT NULL,"
	"  production_start TEXT NOT NULL, published_at INTEGER NOT NULL, UNIQUE (rel, style, version));"
	"CREATE TABLE spec_changes ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, style TEXT NOT NULL, what TEXT NOT NULL,"
	"  at INTEGER NOT NULL, agreed INTEGER NOT NULL, notice_days INTEGER NOT NULL,"
	"  in_freeze INTEGER NOT NULL);"
	"CREATE INDEX spec_changes_rel ON spec_changes (rel);"
	"CREATE TABLE payments ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL,"
	"  due TEXT NOT NULL, order_id INTEGER, label TEXT, paid_at INTEGER, paid_amount TEXT);"
	"CREATE INDEX payments_rel ON payments (rel, due);"
	"CREATE TABLE greetings ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, by_side TEXT NOT NULL, occasion TEXT NOT NULL,"
	"  note TEXT, at INTEGER NOT NULL);"
	/* the current-scores projection: sums of the recorded evidence, scaled
	 * to the trust epoch (trust.h), per direction, dimension and class */
	"CREATE TABLE trust_state ("
	"  rel INTEGER NOT NULL, dir INTEGER NOT NULL, dim INTEGER NOT NULL, cls INTEGER NOT NULL,"
	"  r REAL NOT NULL, s REAL NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (rel, dir, dim, cls)) WITHOUT ROWID;"
	"CREATE TABLE weights ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, at INTEGER NOT NULL);"
	"CREATE INDEX greetings_rel ON greetings (rel);"
	"CREATE INDEX weights_rel ON weights (rel, at);"
	"CREATE TABLE corrections ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, target_seq INTEGER NOT NULL, reason TEXT NOT NULL,"
	"  void INTEGER NOT NULL, patch TEXT, at INTEGER NOT NULL);",

	/* 3: working calendars: each side's working days and hours (NULL: the
	 * country's week, 09:00-18:00) and the partner's own closures */
	"ALTER TABLE settings ADD COLUMN workweek TEXT;"
	"ALTER TABLE settings ADD COLUMN hours TEXT;"
	"ALTER TABLE settings ADD COLUMN buyer_workweek TEXT;"
	"ALTER TABLE settings ADD COLUMN buyer_hours TEXT;"
	"CREATE TABLE closures ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL, from_date TEXT NOT NULL, to_date TEXT NOT NULL,"
	"  reason TEXT NOT NULL, by_side TEXT NOT NULL, at INTEGER NOT NULL);"
	"CREATE INDEX closures_rel ON closures (rel, from_date);",

	/* 4: per-person state outside the ledger: agenda items a person has
	 * hidden until a date, and each person's secret calendar-feed token */
	"CREATE TABLE snoozes ("
	"  author TEXT NOT NULL, item TEXT NOT NULL, until TEXT NOT NULL, at INTEGER NOT NULL,"
	"  PRIMARY KEY (author, item)) WITHOUT ROWID;"
	"CREATE TABLE feed_tokens ("
	"  author TEXT PRIMARY KEY, token TEXT NOT NULL UNIQUE, created INTEGER NOT NULL);",

	/* 5: a cache beside the current-scores projection: the sums of the
	 * settled derived evidence (missed slots, silences, problems left
	 * unacknowledged, suggestions unanswered) up to a mark, per direction,
	 * dimension and class, with a row of dir -1 saying the mark; an event
	 * dated at or before the mark, or one that changes the rules, deletes
	 * it (scores.c). Indexes for reading only the records after a time. */
	"CREATE TABLE trust_settled ("
	"  rel INTEGER NOT NULL, mark INTEGER NOT NULL, dir INTEGER NOT NULL, dim INTEGER NOT NULL,"
	"  cls INTEGER NOT NULL, r REAL NOT NULL, s REAL NOT NULL, n INTEGER NOT NULL,"
	"  PRIMARY KEY (rel, dir, dim, cls)) WITHOUT ROWID;"
	"CREATE INDEX commitments_closed ON commitments (rel, closed_at);"
	"CREATE INDEX payments_paid ON payments (rel, paid_at);"
	"CREATE INDEX visits_rel_at ON visits (rel, at);",

	/* 6: who may log in to the web app, their sessions and failed logins.
	 * Access control, not part of the shared record: none of it is a ledger
	 * event (store/users.h says why). A user belongs to the buyer (partner
	 * NULL) or to one partner (its relationship id; relationships, not the
	 * partners projection, which rebuild clears). E-mail addresses are
	 * unique ignoring ASCII case (NOCASE; on PostgreSQL a unique index on
	 * lower(email)). password is an argon2id string (crypto_pwhash_str).
	 * A session is found by the SHA-256 (hex) of its cookie token, never
	 * the token itself; csrf_key (hex) signs the session's CSRF token.
	 * login_attempts counts failed logins per key ('account:EMAIL',
	 * 'address:IP') in a window that starts with the first failure. */
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  org TEXT NOT NULL CHECK (org IN ('buyer', 'partner')),"
	"  partner INTEGER REFERENCES relationships(id),"
	"  email TEXT NOT NULL COLLATE NOCASE UNIQUE,"
	"  role TEXT NOT NULL CHECK (role IN ('admin', 'member', 'viewer')),"
	"  password TEXT NOT NULL,"
	"  lang TEXT CHECK (lang IN ('en', 'zh-CN')),"
	"  created_at INTEGER NOT NULL,"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
	"  CHECK ((org = 'buyer') = (partner IS NULL)));"
	"CREATE TABLE sessions ("
	"  token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  created INTEGER NOT NULL,"
	"  expires INTEGER NOT NULL,"
	"  csrf_key TEXT NOT NULL CHECK (length(csrf_key) = 64));"
	"CREATE INDEX sessions_user ON sessions (user_id);"
	"CREATE INDEX sessions_expires ON sessions (expires);"
	"CREATE TABLE login_attempts ("
	"  key TEXT PRIMARY KEY, window_start INTEGER NOT NULL, failures INTEGER NOT NULL) WITHOUT ROWID;",

	/* 7: the verifiable record (docs/verify.md). Signing keys (the public
	 * halves; org 0 is the buyer, else a partner's id), signed checkpoints
	 * with each side's signature, and the cache of perfect Merkle subtrees
	 * of each relationship's record (derived from events.hash, refilled as
	 * the record grows). */
	"CREATE TABLE org_keys ("
	"  org INTEGER PRIMARY KEY, name TEXT NOT NULL, key_id INTEGER NOT NULL,"
	"  public BLOB NOT NULL CHECK (length(public) = 32), created INTEGER NOT NULL);"
	"CREATE TABLE checkpoints ("
	"  id INTEGER PRIMARY KEY, rel INTEGER NOT NULL REFERENCES relationships(id),"
	"  size INTEGER NOT NULL CHECK (size >= 1), root BLOB NOT NULL CHECK (length(root) = 32),"
	"  text TEXT NOT NULL, created INTEGER NOT NULL, UNIQUE (rel, size));"
	"CREATE TABLE checkpoint_signatures ("
	"  checkpoint INTEGER NOT NULL REFERENCES checkpoints(id),"
	"  side TEXT NOT NULL CHECK (side IN ('buyer', 'partner')),"
	"  key_name TEXT NOT NULL, key_id INTEGER NOT NULL,"
	"  signature BLOB NOT NULL CHECK (length(signature) = 64), at INTEGER NOT NULL,"
	"  PRIMARY KEY (checkpoint, side)) WITHOUT ROWID;"
	"CREATE TRIGGER checkpoints_append_only_update BEFORE UPDATE ON checkpoints BEGIN"
	"  SELECT RAISE(ABORT, 'checkpoints are append-only');"
	"END;"
	"CREATE TRIGGER checkpoints_append_only_delete BEFORE DELETE ON checkpoints BEGIN"
	"  SELECT RAISE(ABORT, 'checkpoints are append-only');"
	"END;"
	"CREATE TRIGGER checkpoint_signatures_append_only_update BEFORE UPDATE ON checkpoint_signatures BEGIN"
	"  SELECT RAISE(ABORT, 'checkpoint signatures are append-only');"
	"END;"
	"CREATE TRIGGER checkpoint_signatures_append_only_delete BEFORE DELETE ON checkpoint_signatures BEGIN"
	"  SELECT RAISE(ABORT, 'checkpoint signatures are append-only');"
	"END;"
	"CREATE TABLE merkle_trees (rel INTEGER PRIMARY KEY, size INTEGER NOT NULL);"
	"CREATE TABLE merkle_nodes ("
	"  rel INTEGER NOT NULL, level INTEGER NOT NULL, idx INTEGER NOT NULL,"
	"  hash BLOB NOT NULL CHECK (length(hash) = 32), PRIMARY KEY (rel, level, idx)) WITHOUT ROWID;",

	/* 8: the JSON API. Personal tokens (only their SHA-256 is kept, as for
	 * sessions) and the answers to POSTs sent with an Idempotency-Key, so
	 * a retried request is answered again instead of appended twice. Like
	 * users, neither is a ledger event. */
	"CREATE TABLE api_tokens ("
	"  id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  name TEXT NOT NULL,"
	"  token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),"
	"  created INTEGER NOT NULL,"
	"  revoked INTEGER);"
	"CREATE INDEX api_tokens_user ON api_tokens (user_id);"
	"CREATE TABLE api_idempotency ("
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  key TEXT NOT NULL,"
	"  request_hash TEXT NOT NULL CHECK (length(request_hash) = 64),"
	"  status INTEGER NOT NULL,"
	"  response TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  PRIMARY KEY (user_id, key)) WITHOUT ROWID;",

	/* 9: the web app's own secret keys (the one that signs the CSRF tokens
	 * of forms before sign-in, and the flash messages), made by the first
	 * `rapport serve` and shared by every server process on the database,
	 * so that a form served by one is accepted by another. Not a ledger
	 * event. */
	"CREATE TABLE web_keys ("
	"  name TEXT PRIMARY KEY,"
	"  key BLOB NOT NULL CHECK (length(key) = 32),"
	"  created INTEGER NOT NULL);",

	/* 10: a relationship's people by when they were added, for an import
	 * that looks for a person recorded before (store/recorded.c) without
	 * reading every person of every relationship */
	"CREATE INDEX people_rel ON people (rel, added_at);",

	/* 11: an order's payments and milestones by the order, for an import
	 * that records how they went (store/recorded.c); only theirs are
	 * indexed, the others have no order */
	("CREATE INDEX payments_order ON payments (order_id) WHERE order_id IS NOT NULL;"
	 "CREATE INDEX commitments_order ON commitments (order_id) WHERE order_id IS NOT NULL;"),
};

/* The same migrations for PostgreSQL, numbered as SQLite's so that both
 * report one schema version: bigint for INTEGER (ids and seconds pass
 * 2^31), double precision for REAL, bytea with octet_length checks for
 * BLOB, identity ids for the rows inserted without one, plpgsql triggers
 * for the append-only tables, a unique index on lower(email) for NOCASE,
 * and the version in rapport_schema instead of PRAGMA user_version. */
#define PG_APPEND_ONLY(fn, table, msg)                                                   \
	"CREATE FUNCTION " fn "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"          \
	"  RAISE EXCEPTION '" msg "'; END $$;"                                           \
	"CREATE TRIGGER " fn "_update BEFORE UPDATE ON " table " FOR EACH ROW EXECUTE FUNCTION " fn "();" \
	"CREATE TRIGGER " fn "_delete BEFORE DELETE ON " table " FOR EACH ROW EXECUTE FUNCTION " fn "();"
#define ID "id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"

static const char *const migrations_pg[] = {
	/* 1: the ledger and the first projections */
	"CREATE TABLE rapport_schema (version integer NOT NULL);"
	"INSERT INTO rapport_schema VALUES (0);"
	"CREATE TABLE buyer ("
	"  id bigint PRIMARY KEY CHECK (id = 1),"
	"  name text NOT NULL,"
	"  country text NOT NULL,"
	"  tz text NOT NULL,"
	"  created bigint NOT NULL);"
	"CREATE TABLE relationships ("
	"  " ID ","
	"  uid text NOT NULL UNIQUE,"
	"  head_seq bigint NOT NULL DEFAULT 0,"
	"  head_hash bytea NOT NULL DEFAULT '\\x0000000000000000000000000000000000000000000000000000000000000000');"
	"CREATE TABLE events ("
	"  " ID ","
	"  rel bigint NOT NULL REFERENCES relationships(id),"
	"  seq bigint NOT NULL CHECK (seq >= 1),"
	"  kind text NOT NULL,"
	"  at bigint NOT NULL,"
	"  recorded bigint NOT NULL,"
	"  side text NOT NULL CHECK (side IN ('buyer', 'partner')),"
	"  author text NOT NULL,"
	"  body text NOT NULL,"
	"  prev_hash bytea NOT NULL CHECK (octet_length(prev_hash) = 32),"
	"  hash bytea NOT NULL CHECK (octet_length(hash) = 32),"
	"  UNIQUE (rel, seq));"
	PG_APPEND_ONLY("events_append_only", "events", "events are append-only: record a correcting event instead")
	"CREATE TABLE partners ("
	"  id bigint PRIMARY KEY,"
	"  name text NOT NULL,"
	"  country text NOT NULL,"
	"  tz text NOT NULL,"
	"  city text,"
	"  since bigint NOT NULL);"
	"CREATE TABLE contacts ("
	"  rel bigint NOT NULL,"
	"  at bigint NOT NULL,"
	"  event_id bigint NOT NULL,"
	"  by_side text NOT NULL,"
	"  kind text NOT NULL,"
	"  note text,"
	"  PRIMARY KEY (rel, at, event_id));",

	/* 2: the projections of every practice */
	"CREATE TABLE settings ("
	"  rel bigint PRIMARY KEY,"
	"  cadence text, cadence_since bigint, gap_ideal bigint, gap_max bigint, ack_sla bigint,"
	"  freeze_days bigint, payment_terms bigint, deposit_pct bigint);"
	"CREATE TABLE people ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, side text NOT NULL, name text NOT NULL,"
	"  role text NOT NULL, lang text, added_at bigint NOT NULL);"
	"CREATE TABLE commitments ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, side text NOT NULL, what text NOT NULL,"
	"  due text NOT NULL, original_due text NOT NULL, state text NOT NULL DEFAULT 'open',"
	"  closed_at bigint, reason text, renegotiations bigint NOT NULL DEFAULT 0,"
	"  renegotiated_late bigint NOT NULL DEFAULT 0, order_id bigint, milestone text, made_at bigint NOT NULL);"
	"CREATE INDEX commitments_rel ON commitments (rel, state, due);"
	"CREATE TABLE renegotiations ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, commitment bigint NOT NULL, at bigint NOT NULL,"
	"  old_due text NOT NULL, new_due text NOT NULL);"
	"CREATE INDEX renegotiations_commitment ON renegotiations (commitment);"
	"CREATE INDEX renegotiations_rel ON renegotiations (rel);"
	"CREATE TABLE orders ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, po text NOT NULL, style text NOT NULL,"
	"  qty bigint NOT NULL, price text NOT NULL, currency text NOT NULL, ex_factory text NOT NULL,"
	"  placed_at bigint NOT NULL, UNIQUE (rel, po));"
	"CREATE TABLE updates ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, at bigint NOT NULL, status text NOT NULL,"
	"  progress bigint NOT NULL, next text, blockers text, needs text, slot bigint, on_time bigint NOT NULL);"
	"CREATE INDEX updates_rel ON updates (rel, at);"
	"CREATE TABLE issues ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, title text NOT NULL, severity text NOT NULL,"
	"  responsible text NOT NULL, disclosure text NOT NULL, note text, raised_at bigint NOT NULL,"
	"  acked_at bigint, resolved_at bigint, state text NOT NULL DEFAULT 'open',"
	"  reopened bigint NOT NULL DEFAULT 0);"
	"CREATE INDEX issues_rel ON issues (rel);"
	"CREATE TABLE actions ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, issue bigint NOT NULL, owner text NOT NULL,"
	"  what text NOT NULL, due text NOT NULL, done_at bigint);"
	"CREATE TABLE visits ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, by_side text NOT NULL, date text NOT NULL,"
	"  note text, at bigint NOT NULL);"
	"CREATE INDEX visits_rel ON visits (rel);"
	"CREATE TABLE visit_people ("
	"  visit bigint NOT NULL, person bigint NOT NULL, PRIMARY KEY (visit, person));"
	"CREATE TABLE suggestions ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, person bigint NOT NULL, visit bigint,"
	"  text text NOT NULL, at bigint NOT NULL, outcome text, responded_at bigint, reason text);"
	"CREATE INDEX suggestions_rel ON suggestions (rel);"
	"CREATE TABLE specs ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, style text NOT NULL, version text NOT NULL,"
	"  production_start text NOT NULL, published_at bigint NOT NULL, UNIQUE (rel, style, version));"
	"CREATE TABLE spec_changes ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, style text NOT NULL, what text NOT NULL,"
	"  at bigint NOT NULL, agreed bigint NOT NULL, notice_days bigint NOT NULL,"
	"  in_freeze bigint NOT NULL);"
	"CREATE INDEX spec_changes_rel ON spec_changes (rel);"
	"CREATE TABLE payments ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, amount text NOT NULL, currency text NOT NULL,"
	"  due text NOT NULL, order_id bigint, label text, paid_at bigint, paid_amount text);"
	"CREATE INDEX payments_rel ON payments (rel, due);"
	"CREATE TABLE greetings ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, by_side text NOT NULL, occasion text NOT NULL,"
	"  note text, at bigint NOT NULL);"
	"CREATE TABLE trust_state ("
	"  rel bigint NOT NULL, dir bigint NOT NULL, dim bigint NOT NULL, cls bigint NOT NULL,"
	"  r double precision NOT NULL, s double precision NOT NULL, n bigint NOT NULL,"
	"  PRIMARY KEY (rel, dir, dim, cls));"
	"CREATE TABLE weights ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, key text NOT NULL, value text NOT NULL, at bigint NOT NULL);"
	"CREATE INDEX greetings_rel ON greetings (rel);"
	"CREATE INDEX weights_rel ON weights (rel, at);"
	"CREATE TABLE corrections ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, target_seq bigint NOT NULL, reason text NOT NULL,"
	"  void bigint NOT NULL, patch text, at bigint NOT NULL);",

	/* 3: working calendars */
	"ALTER TABLE settings ADD COLUMN workweek text;"
	"ALTER TABLE settings ADD COLUMN hours text;"
	"ALTER TABLE settings ADD COLUMN buyer_workweek text;"
	"ALTER TABLE settings ADD COLUMN buyer_hours text;"
	"CREATE TABLE closures ("
	"  id bigint PRIMARY KEY, rel bigint NOT NULL, from_date text NOT NULL, to_date text NOT NULL,"
	"  reason text NOT NULL, by_side text NOT NULL, at bigint NOT NULL);"
	"CREATE INDEX closures_rel ON closures (rel, from_date);",

	/* 4: snoozes and calendar-feed tokens */
	"CREATE TABLE snoozes ("
	"  author text NOT NULL, item text NOT NULL, until text NOT NULL, at bigint NOT NULL,"
	"  PRIMARY KEY (author, item));"
	"CREATE TABLE feed_tokens ("
	"  author text PRIMARY KEY, token text NOT NULL UNIQUE, created bigint NOT NULL);",

	/* 5: the settled-evidence cache */
	"CREATE TABLE trust_settled ("
	"  rel bigint NOT NULL, mark bigint NOT NULL, dir bigint NOT NULL, dim bigint NOT NULL,"
	"  cls bigint NOT NULL, r double precision NOT NULL, s double precision NOT NULL, n bigint NOT NULL,"
	"  PRIMARY KEY (rel, dir, dim, cls));"
	"CREATE INDEX commitments_closed ON commitments (rel, closed_at);"
	"CREATE INDEX payments_paid ON payments (rel, paid_at);"
	"CREATE INDEX visits_rel_at ON visits (rel, at);",

	/* 6: users, sessions and failed logins; e-mail addresses unique
	 * ignoring case through lower(email) */
	"CREATE TABLE users ("
	"  " ID ","
	"  org text NOT NULL CHECK (org IN ('buyer', 'partner')),"
	"  partner bigint REFERENCES relationships(id),"
	"  email text NOT NULL,"
	"  role text NOT NULL CHECK (role IN ('admin', 'member', 'viewer')),"
	"  password text NOT NULL,"
	"  lang text CHECK (lang IN ('en', 'zh-CN')),"
	"  created_at bigint NOT NULL,"
	"  disabled bigint NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
	"  CHECK ((org = 'buyer') = (partner IS NULL)));"
	"CREATE UNIQUE INDEX users_email ON users (lower(email));"
	"CREATE TABLE sessions ("
	"  token_hash text PRIMARY KEY CHECK (length(token_hash) = 64),"
	"  user_id bigint NOT NULL REFERENCES users(id),"
	"  created bigint NOT NULL,"
	"  expires bigint NOT NULL,"
	"  csrf_key text NOT NULL CHECK (length(csrf_key) = 64));"
	"CREATE INDEX sessions_user ON sessions (user_id);"
	"CREATE INDEX sessions_expires ON sessions (expires);"
	"CREATE TABLE login_attempts ("
	"  key text PRIMARY KEY, window_start bigint NOT NULL, failures bigint NOT NULL);",

	/* 7: the verifiable record */
	"CREATE TABLE org_keys ("
	"  org bigint PRIMARY KEY, name text NOT NULL, key_id bigint NOT NULL,"
	"  public bytea NOT NULL CHECK (octet_length(public) = 32), created bigint NOT NULL);"
	"CREATE TABLE checkpoints ("
	"  " ID ", rel bigint NOT NULL REFERENCES relationships(id),"
	"  size bigint NOT NULL CHECK (size >= 1), root bytea NOT NULL CHECK (octet_length(root) = 32),"
	"  text text NOT NULL, created bigint NOT NULL, UNIQUE (rel, size));"
	"CREATE TABLE checkpoint_signatures ("
	"  checkpoint bigint NOT NULL REFERENCES checkpoints(id),"
	"  side text NOT NULL CHECK (side IN ('buyer', 'partner')),"
	"  key_name text NOT NULL, key_id bigint NOT NULL,"
	"  signature bytea NOT NULL CHECK (octet_length(signature) = 64), at bigint NOT NULL,"
	"  PRIMARY KEY (checkpoint, side));"
	PG_APPEND_ONLY("checkpoints_append_only", "checkpoints", "checkpoints are append-only")
	PG_APPEND_ONLY("checkpoint_signatures_append_only", "checkpoint_signatures",
	               "checkpoint signatures are append-only")
	"CREATE TABLE merkle_trees (rel bigint PRIMARY KEY, size bigint NOT NULL);"
	"CREATE TABLE merkle_nodes ("
	"  rel bigint NOT NULL, level bigint NOT NULL, idx bigint NOT NULL,"
	"  hash bytea NOT NULL CHECK (octet_length(hash) = 32), PRIMARY KEY (rel, level, idx));",

	/* 8: the JSON API */
	"CREATE TABLE api_tokens ("
	"  " ID ","
	"  user_id bigint NOT NULL REFERENCES users(id),"
	"  name text NOT NULL,"
	"  token_hash text NOT NULL UNIQUE CHECK (length(token_hash) = 64),"
	"  created bigint NOT NULL,"
	"  revoked bigint);"
	"CREATE INDEX api_tokens_user ON api_tokens (user_id);"
	"CREATE TABLE api_idempotency ("
	"  user_id bigint NOT NULL REFERENCES users(id),"
	"  key text NOT NULL,"
	"  request_hash text NOT NULL CHECK (length(request_hash) = 64),"
	"  status bigint NOT NULL,"
	"  response text NOT NULL,"
	"  created bigint NOT NULL,"
	"  PRIMARY KEY (user_id, key));",

	/* 9: the web app's own secret keys */
	"CREATE TABLE web_keys ("
	"  name text PRIMARY KEY,"
	"  key bytea NOT NULL CHECK (octet_length(key) = 32),"
	"  created bigint NOT NULL);",

	/* 10: a relationship's people by when they were added */
	"CREATE INDEX people_rel ON people (rel, added_at);",

	/* 11: an order's payments and milestones by the order */
	("CREATE INDEX payments_order ON payments (order_id) WHERE order_id IS NOT NULL;"
	 "CREATE INDEX commitments_order ON commitments (order_id) WHERE order_id IS NOT NULL;"),
};

#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))
_Static_assert(sizeof migrations / sizeof migrations[0] == sizeof migrations_pg / sizeof migrations_pg[0],
               "every migration has its PostgreSQL form");

int schema_latest(void)
{
	return NMIGRATIONS;
}

/* One integer from a one-row query; -1 when it fails. */
static int read_int(struct db *db, const char *sql, int *v)
{
	struct db_stmt *s = db_prepare(db, sql, NULL);
	int rc = s && db_step(s) == DB_ROW ? 0 : -1;
	if (rc == 0)
		*v = db_col_int(s, 0);
	db_finalize(s);
	return rc;
}

int schema_version(struct db *db, int *v, struct err *e)
{
	*v = 0;
	if (db_dialect(db) == DB_POSTGRESQL) {
		int n;
		if (read_int(db, "SELECT count(*) FROM information_schema.tables"
		                 " WHERE table_schema = current_schema() AND table_name = 'rapport_schema'", &n) ||
		    (n > 0 && read_int(db, "SELECT version FROM rapport_schema", v)))
			return db_fail(db, e, "reading the schema version");
		return 0;
	}
	if (read_int(db, "PRAGMA user_version", v))
		return db_fail(db, e, "reading the schema version");
	return 0;
}

int schema_migrate(struct db *db, struct err *e)
{
	int pg = db_dialect(db) == DB_POSTGRESQL;
	int v = 0;
	if (schema_version(db, &v, e))
		return -1;
	if (v > NMIGRATIONS)
		return err_set(e, ERR_IO,
		               "database %s has schema version %d, newer than this rapport knows (%d): "
		               "upgrade rapport",
		               db_path(db), v, NMIGRATIONS);
	if (v == 0) {
		/* version 0 is a new, empty database; tables there are someone else's */
		int n;
		if (read_int(db, db_sql(db, "SELECT count(*) FROM sqlite_master",
		                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"),
		             &n))
			return db_fail(db, e, "reading the schema");
		if (n > 0)
			return err_set(e, ERR_INPUT, "--db: %s is a %s database that rapport did not create", db_path(db),
			               pg ? "PostgreSQL" : "SQLite");
	}
	/* each migration commits on its own, unless the caller's transaction
	 * is open (db_open's DB_CREATE_WRITE): then they land with its rows */
	int own = !db_in_transaction(db);
	for (; v < NMIGRATIONS; v++) {
		char set[64];
		snprintf(set, sizeof set, pg ? "UPDATE rapport_schema SET version = %d" : "PRAGMA user_version = %d",
		         v + 1);
		if ((own && db_begin(db, e)) || db_exec(db, pg ? migrations_pg[v] : migrations[v], e) ||
		    db_exec(db, set, e) || (own && db_commit(db, e))) {
			if (own)
				db_rollback(db);
			return -1;
		}
	}
	return 0;
}
