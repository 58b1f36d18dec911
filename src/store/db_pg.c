/* db_pg.c - the PostgreSQL implementation of db.h through libpq, for
 * deployments where several rapport processes share one database. db.c
 * hands it every connection opened with a postgresql:// URL. Statements are
 * prepared once per connection with ?N rewritten to $N; parameters go as
 * text (blobs in binary), results come back as text (bytea as \x hex,
 * decoded here). The only file that calls libpq; knows no table. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/db_impl.h"
#include "store/schema.h"

#define PG_MAXPARAM 32

struct pg_conn {
	PGconn *c;
	unsigned long next_name;  /* prepared statements are s1, s2, ... */
	int changes;              /* rows changed by the last command */
	int sp_depth;             /* savepoints open in a transaction a SAVEPOINT began */
	unsigned resets;          /* how many times the connection was opened again */
};

struct pg_stmt {
	char name[24];
	unsigned resets;          /* the connection's when prepared */
	int nparams;              /* the highest ?N in the SQL */
	char *val[PG_MAXPARAM];   /* owned copies (text) or borrowed (blobs) */
	size_t cap[PG_MAXPARAM];
	int len[PG_MAXPARAM], fmt[PG_MAXPARAM], owned[PG_MAXPARAM];
	const char *ptr[PG_MAXPARAM];
	PGresult *res;            /* NULL until stepped */
	int row;                  /* the current row of res */
	unsigned char **blob;     /* decoded bytea of the current row, per column */
	int *blob_len;
	int nblob;
	PGresult *desc;           /* the columns, when asked before a step */
};

static void quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

/* A failed command inside a transaction aborts it on PostgreSQL (every
 * later command fails until ROLLBACK): the hooks hear of it as the
 * rollback SQLite does by itself, when it happens. */
static void heard_abort(struct db *db)
{
	if (PQtransactionStatus(db->pg->c) == PQTRANS_INERROR && db->hooks.on_rollback)
		db->hooks.on_rollback(db->hooks_ctx);
}

int pg_fail(struct db *db, struct err *e, const char *what)
{
	const char *msg = PQerrorMessage(db->pg->c);
	char buf[512];
	snprintf(buf, sizeof buf, "%s", msg && *msg ? msg : "unknown error");
	size_t n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = 0;
	return err_set(e, ERR_IO, "%s: %s: %s", what, db->path, buf);
}

/* The result of one command: 0 when it worked, else -1 with the error in
 * the connection's message. */
static int result_ok(PGresult *r)
{
	ExecStatusType s = PQresultStatus(r);
	return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ? 0 : -1;
}

/* e (when not NULL) says what failed: "what: the database: the server's
 * message" without its final newlines; always -1. */
static int result_fail(struct db *db, PGresult *r, const char *what, struct err *e)
{
	const char *m = PQresultErrorMessage(r);
	char buf[512];
	snprintf(buf, sizeof buf, "%s", m ? m : "");
	size_t n = strlen(buf);
	while (n && buf[n - 1] == '\n')
		buf[--n] = 0;
	return err_set(e, ERR_IO, "%s: %s: %s", what, db->path, buf);
}

static int run(struct db *db, const char *sql, struct err *e)
{
	PGresult *r = PQexec(db->pg->c, sql);
	int rc = result_ok(r);
	if (rc) {
		result_fail(db, r, "database", e);
	} else {
		db->pg->changes = atoi(PQcmdTuples(r));
	}
	PQclear(r);
	return rc;
}

static int commit(struct db *db, int before, struct err *e);

static int is_word(const char *sql, const char *word)
{
	while (*sql == ' ')
		sql++;
	size_t n = strlen(word);
	if (strncasecmp(sql, word, n))
		return 0;
	sql += n;
	while (*sql == ' ' || *sql == ';')
		sql++;
	return *sql == 0;
}

int pg_exec(struct db *db, const char *sql, struct err *e)
{
	/* transaction control goes through the hooks, as SQLite's does */
	if (is_word(sql, "COMMIT") || is_word(sql, "END"))
		return commit(db, 0, e);
	if (is_word(sql, "ROLLBACK")) {
		pg_rollback(db);
		return 0;
	}
	if (is_word(sql, "BEGIN IMMEDIATE"))
		return pg_begin(db, "BEGIN ISOLATION LEVEL READ COMMITTED", e);
	if (is_word(sql, "BEGIN"))
		return pg_begin(db, "BEGIN ISOLATION LEVEL REPEATABLE READ", e);
	int in_tx = pg_in_transaction(db);
	/* SQLite's SAVEPOINT outside a transaction begins one, and RELEASE of
	 * that savepoint commits it; PostgreSQL's needs a transaction */
	int sp = !strncasecmp(sql, "SAVEPOINT ", 10), release = !strncasecmp(sql, "RELEASE ", 8);
	if (sp && !in_tx) {
		if (run(db, "BEGIN ISOLATION LEVEL READ COMMITTED", e))
			return -1;
		db->pg->sp_depth = 0;
		in_tx = 1;
	}
	if (run(db, sql, e)) {
		if (in_tx)
			heard_abort(db);
		return -1;
	}
	if (sp && db->pg->sp_depth >= 0)
		db->pg->sp_depth++;
	if (release && db->pg->sp_depth > 0 && --db->pg->sp_depth == 0) {
		db->pg->sp_depth = -1;
		return commit(db, 0, e);
	}
	if (!in_tx && db->hooks.on_commit) /* a lone statement commits */
		db->hooks.on_commit(db->hooks_ctx);
	return 0;
}

int pg_begin(struct db *db, const char *sql, struct err *e)
{
	db->pg->sp_depth = -1; /* savepoints inside it end nothing */
	return run(db, sql, e);
}

int pg_in_transaction(struct db *db)
{
	return PQtransactionStatus(db->pg->c) != PQTRANS_IDLE;
}

int pg_commit(struct db *db, struct err *e)
{
	return commit(db, 1, e);
}

/* COMMIT, with the hooks SQLite would run: before_commit only when asked
 * through db_commit (not a COMMIT through db_exec), on_commit always. */
static int commit(struct db *db, int before, struct err *e)
{
	if (!pg_in_transaction(db))
		return run(db, "COMMIT", e); /* PostgreSQL warns, as SQLite errs: keep the error */
	if (PQtransactionStatus(db->pg->c) == PQTRANS_INERROR) {
		pg_rollback(db);
		return err_set(e, ERR_IO, "database: %s: the transaction was aborted by an earlier error", db->path);
	}
	if (before && db->hooks.before_commit && db->hooks.before_commit(db->hooks_ctx, e))
		return -1;
	if (PQtransactionStatus(db->pg->c) == PQTRANS_INERROR) {
		pg_rollback(db);
		return err_set(e, ERR_IO, "database: %s: the transaction was aborted by an earlier error", db->path);
	}
	if (db->hooks.on_commit && db->hooks.on_commit(db->hooks_ctx)) {
		pg_rollback(db);
		return err_set(e, ERR_IO, "database: %s: the commit was refused: the transaction rolled back", db->path);
	}
	PGresult *r = PQexec(db->pg->c, "COMMIT");
	int rc = result_ok(r);
	/* COMMIT of an aborted transaction answers ROLLBACK without an error */
	int rolled = rc == 0 && !strcmp(PQcmdStatus(r), "ROLLBACK");
	PQclear(r);
	if (rc || rolled) {
		if (pg_in_transaction(db))
			run(db, "ROLLBACK", NULL);
		if (db->hooks.on_rollback)
			db->hooks.on_rollback(db->hooks_ctx);
		return rc ? pg_fail(db, e, "database") :
		            err_set(e, ERR_IO, "database: %s: the transaction rolled back", db->path);
	}
	return 0;
}

void pg_rollback(struct db *db)
{
	db->pg->sp_depth = -1;
	if (!pg_in_transaction(db))
		return;
	PQclear(PQexec(db->pg->c, "ROLLBACK"));
	if (db->hooks.on_rollback)
		db->hooks.on_rollback(db->hooks_ctx);
}

/* What every connection sets first: quiet notices, times in UTC. */
static const char PG_SESSION[] = "SET client_min_messages = warning; SET TIME ZONE 'UTC'";

int pg_alive(struct db *db, int probe)
{
	PGconn *c = db->pg->c;
	if (PQstatus(c) == CONNECTION_OK) {
		/* a transaction's connection is in use: whatever fails in it
		 * says so there */
		if (!probe || PQtransactionStatus(c) != PQTRANS_IDLE)
			return 1;
		PGresult *r = PQexec(c, "SELECT 1");
		int ok = result_ok(r) == 0;
		PQclear(r);
		if (ok)
			return 1;
		if (PQstatus(c) == CONNECTION_OK)
			return 0; /* the server answers, and refuses (it is shutting down) */
	}
	/* lost (the server restarted, the network was cut): opened again with
	 * the same parameters; the statements prepared on it are gone */
	PQreset(c);
	struct err ignored;
	if (PQstatus(c) != CONNECTION_OK || run(db, PG_SESSION, &ignored))
		return 0;
	db->pg->sp_depth = -1;
	db->pg->resets++;
	return 2;
}

int pg_open(struct db *db, const char *url, enum db_open_mode mode, struct err *e)
{
	db->pg = calloc(1, sizeof *db->pg);
	if (!db->pg)
		abort();
	db->pg->sp_depth = -1;
	db->pg->c = PQconnectdb(url);
	/* messages name db->path, the URL without its password */
	if (PQstatus(db->pg->c) != CONNECTION_OK) {
		const char *m = PQerrorMessage(db->pg->c);
		char buf[512];
		snprintf(buf, sizeof buf, "%s", m ? m : "");
		size_t n = strlen(buf);
		while (n && buf[n - 1] == '\n')
			buf[--n] = 0;
		return err_set(e, ERR_IO, "cannot open database %s: %s", db->path, buf);
	}
	PQsetNoticeProcessor(db->pg->c, quiet, NULL);
	if (run(db, PG_SESSION, e))
		return -1;
	/* PostgreSQL's DDL is transactional: the tables of a new database are
	 * made in the transaction of the caller's first rows, and a refusal
	 * (which closes the connection without a commit) leaves none */
	if (mode == DB_CREATE_WRITE && pg_begin(db, "BEGIN ISOLATION LEVEL READ COMMITTED", e))
		return -1;
	int v;
	if (schema_version(db, &v, e))
		return -1;
	if (mode == DB_READONLY) {
		if (v != schema_latest())
			return err_set(e, ERR_IO, "database %s has schema version %d, this rapport reads %d", db->path, v,
			               schema_latest());
		return 0;
	}
	if (mode == DB_EXISTING && v == 0)
		return err_set(e, ERR_INPUT, "--db: no rapport database at %s (create one with: rapport init)", db->path);
	return schema_migrate(db, e);
}

void pg_close(struct db *db)
{
	PQfinish(db->pg->c);
	free(db->pg);
	db->pg = NULL;
}

/* ?N -> $N outside quotes; the highest N in *nparams and the ones used in
 * *used (bit N-1). */
static char *rewrite(const char *sql, int *nparams, unsigned *used)
{
	size_t n = strlen(sql);
	char *out = malloc(n + 1);
	if (!out)
		abort();
	char *o = out;
	char quote = 0;
	*nparams = 0;
	*used = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '?' && p[1] >= '0' && p[1] <= '9') {
			*o++ = '$';
			int k = atoi(p + 1);
			if (k > *nparams)
				*nparams = k;
			if (k >= 1 && k <= PG_MAXPARAM)
				*used |= 1u << (k - 1);
			continue;
		}
		*o++ = *p;
	}
	*o = 0;
	return out;
}

struct db_stmt *pg_prepare(struct db *db, const char *sql, struct err *e)
{
	struct pg_stmt *ps = calloc(1, sizeof *ps);
	if (!ps)
		abort();
	unsigned used;
	char *text = rewrite(sql, &ps->nparams, &used);
	if (ps->nparams > PG_MAXPARAM)
		abort(); /* a statement with more parameters than any in store/ */
	/* the server infers each parameter's type from its use; one a
	 * statement skips (SQLite allows ?2 without ?1) is given text */
	Oid types[PG_MAXPARAM] = {0};
	for (int i = 0; i < ps->nparams; i++)
		if (!(used & 1u << i))
			types[i] = 25;
	snprintf(ps->name, sizeof ps->name, "s%lu", ++db->pg->next_name);
	PGresult *r = PQprepare(db->pg->c, ps->name, text, ps->nparams, types);
	free(text);
	int in_tx = pg_in_transaction(db);
	if (result_ok(r)) {
		result_fail(db, r, "prepare", e);
		PQclear(r);
		free(ps);
		if (in_tx)
			heard_abort(db);
		return NULL;
	}
	PQclear(r);
	struct db_stmt *st = calloc(1, sizeof *st);
	if (!st)
		abort();
	ps->resets = db->pg->resets;
	st->pg = ps;
	st->db = db;
	return st;
}

static void drop_result(struct pg_stmt *ps)
{
	for (int i = 0; i < ps->nblob; i++) {
		free(ps->blob[i]);
		ps->blob[i] = NULL;
	}
	if (ps->res) {
		PQclear(ps->res);
		ps->res = NULL;
	}
}

void pg_finalize(struct db_stmt *st)
{
	struct pg_stmt *ps = st->pg;
	drop_result(ps);
	free(ps->blob);
	free(ps->blob_len);
	PQclear(ps->desc);
	for (int i = 0; i < PG_MAXPARAM; i++)
		free(ps->val[i]);
	/* the server keeps the prepared statement until the connection ends,
	 * unless told */
	if (st->db->pg && ps->resets == st->db->pg->resets && PQtransactionStatus(st->db->pg->c) != PQTRANS_INERROR) {
		char sql[48];
		snprintf(sql, sizeof sql, "DEALLOCATE %s", ps->name);
		PQclear(PQexec(st->db->pg->c, sql));
	}
	free(ps);
	free(st);
}

void pg_bind_text(struct db_stmt *st, int i, const char *v, size_t len)
{
	struct pg_stmt *ps = st->pg;
	if (i < 1 || i > ps->nparams)
		return;
	i--;
	if (ps->cap[i] < len + 1) {
		ps->cap[i] = len + 1 < 32 ? 32 : len + 1;
		ps->val[i] = realloc(ps->val[i], ps->cap[i]);
		if (!ps->val[i])
			abort();
	}
	memcpy(ps->val[i], v, len);
	ps->val[i][len] = 0;
	ps->ptr[i] = ps->val[i];
	ps->len[i] = (int)len;
	ps->fmt[i] = 0;
}

void pg_bind_blob(struct db_stmt *st, int i, const void *v, size_t len)
{
	struct pg_stmt *ps = st->pg;
	if (i < 1 || i > ps->nparams)
		return;
	i--;
	ps->ptr[i] = len ? v : "";
	ps->len[i] = (int)len;
	ps->fmt[i] = 1;
}

void pg_bind_null(struct db_stmt *st, int i)
{
	struct pg_stmt *ps = st->pg;
	if (i < 1 || i > ps->nparams)
		return;
	ps->ptr[i - 1] = NULL;
	ps->len[i - 1] = 0;
	ps->fmt[i - 1] = 0;
}

void pg_clear(struct db_stmt *st)
{
	for (int i = 1; i <= st->pg->nparams; i++)
		pg_bind_null(st, i);
}

void pg_reset(struct db_stmt *st)
{
	drop_result(st->pg);
}

int pg_step(struct db_stmt *st)
{
	struct pg_stmt *ps = st->pg;
	struct db *db = st->db;
	if (ps->res) {
		for (int i = 0; i < ps->nblob; i++) {
			free(ps->blob[i]);
			ps->blob[i] = NULL;
		}
		if (++ps->row < PQntuples(ps->res))
			return DB_ROW;
		return DB_DONE;
	}
	int in_tx = pg_in_transaction(db);
	ps->res = PQexecPrepared(db->pg->c, ps->name, ps->nparams, ps->ptr, ps->len, ps->fmt, 0);
	ps->row = 0;
	if (result_ok(ps->res)) {
		drop_result(ps);
		if (in_tx)
			heard_abort(db);
		return -1;
	}
	db->pg->changes = atoi(PQcmdTuples(ps->res));
	if (!in_tx && db->hooks.on_commit) /* a lone statement commits */
		db->hooks.on_commit(db->hooks_ctx);
	int ncol = PQnfields(ps->res);
	if (ncol > ps->nblob) {
		ps->blob = realloc(ps->blob, ncol * sizeof *ps->blob);
		ps->blob_len = realloc(ps->blob_len, ncol * sizeof *ps->blob_len);
		if (!ps->blob || !ps->blob_len)
			abort();
		for (int i = ps->nblob; i < ncol; i++)
			ps->blob[i] = NULL;
		ps->nblob = ncol;
	}
	return PQntuples(ps->res) > 0 ? DB_ROW : DB_DONE;
}

int pg_step_id(struct db_stmt *st, int64_t *id)
{
	if (pg_step(st) != DB_ROW)
		return -1;
	const char *t = pg_col_text(st, 0);
	*id = t ? strtoll(t, NULL, 10) : 0;
	return pg_step(st) == DB_DONE ? 0 : -1;
}

static int has_value(struct pg_stmt *ps, int c)
{
	return ps->res && ps->row < PQntuples(ps->res) && c >= 0 && c < PQnfields(ps->res) &&
	       !PQgetisnull(ps->res, ps->row, c);
}

const char *pg_col_text(struct db_stmt *st, int c)
{
	struct pg_stmt *ps = st->pg;
	return has_value(ps, c) ? PQgetvalue(ps->res, ps->row, c) : NULL;
}

#define BYTEA_OID 17

static int hexval(char ch)
{
	return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 :
	       ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : 0;
}

/* The bytes of a bytea column, decoded from \x hex once per row. */
static const unsigned char *bytea(struct pg_stmt *ps, int c, int *len)
{
	if (!ps->blob[c]) {
		const char *t = PQgetvalue(ps->res, ps->row, c);
		size_t n = strlen(t);
		unsigned char *b = malloc(n / 2 + 1);
		if (!b)
			abort();
		int k = 0;
		if (n >= 2 && t[0] == '\\' && t[1] == 'x')
			for (size_t i = 2; i + 1 < n; i += 2)
				b[k++] = (unsigned char)(hexval(t[i]) << 4 | hexval(t[i + 1]));
		ps->blob[c] = b;
		ps->blob_len[c] = k;
	}
	*len = ps->blob_len[c];
	return ps->blob[c];
}

const void *pg_col_blob(struct db_stmt *st, int c)
{
	struct pg_stmt *ps = st->pg;
	if (!has_value(ps, c))
		return NULL;
	if (PQftype(ps->res, c) != BYTEA_OID)
		return PQgetvalue(ps->res, ps->row, c);
	int len;
	return bytea(ps, c, &len);
}

int pg_col_bytes(struct db_stmt *st, int c)
{
	struct pg_stmt *ps = st->pg;
	if (!has_value(ps, c))
		return 0;
	if (PQftype(ps->res, c) != BYTEA_OID)
		return PQgetlength(ps->res, ps->row, c);
	int len;
	bytea(ps, c, &len);
	return len;
}

int pg_col_is_null(struct db_stmt *st, int c)
{
	return !has_value(st->pg, c);
}

enum db_type pg_col_type(struct db_stmt *st, int c)
{
	struct pg_stmt *ps = st->pg;
	if (!has_value(ps, c))
		return DB_NULL;
	switch (PQftype(ps->res, c)) {
	case 16: /* bool: SQLite's comparisons are integers */
	case 20: /* int8 */
	case 21: /* int2 */
	case 23: /* int4 */
		return DB_INTEGER;
	case 700: /* float4 */
	case 701: /* float8 */
		return DB_FLOAT;
	case 1700: /* numeric: sum() of bigint */
		return strchr(PQgetvalue(ps->res, ps->row, c), '.') ? DB_FLOAT : DB_INTEGER;
	case BYTEA_OID:
		return DB_BLOB;
	default:
		return DB_TEXT;
	}
}

/* SQLite knows a statement's columns before it is stepped: ask the server
 * once when asked then. */
static PGresult *columns(struct pg_stmt *ps, struct db *db)
{
	if (ps->res)
		return ps->res;
	if (!ps->desc) {
		ps->desc = PQdescribePrepared(db->pg->c, ps->name);
		if (PQresultStatus(ps->desc) != PGRES_COMMAND_OK) {
			PQclear(ps->desc);
			ps->desc = NULL;
		}
	}
	return ps->desc;
}

int pg_col_count(struct db_stmt *st)
{
	PGresult *r = columns(st->pg, st->db);
	return r ? PQnfields(r) : 0;
}

const char *pg_col_name(struct db_stmt *st, int c)
{
	PGresult *r = columns(st->pg, st->db);
	return r && c >= 0 && c < PQnfields(r) ? PQfname(r, c) : NULL;
}

int pg_changes(struct db *db)
{
	return db->pg->changes;
}
