/* cmd_migrate.c - `rapport migrate --from SRC --to DST`: copies a whole
 * database into an empty one, SQLite or PostgreSQL either side, in one
 * transaction of the destination, and verifies every hash chain and signed
 * checkpoint there before it commits. The source's rows are only read. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "cmd.h"
#include "ledger.h"
#include "store/copy.h"

/* A database named by the user: "sqlite:PATH" or a PostgreSQL URL. *path
 * receives what db_open takes. */
static int locate(const char *opt, const char *v, const char **path, int *is_file, struct err *e)
{
	*is_file = 0;
	if (!strncmp(v, "sqlite:", 7) && v[7]) {
		*path = v + 7;
		*is_file = 1;
		return 0;
	}
	if (!strncmp(v, "postgresql://", 13) || !strncmp(v, "postgres://", 11)) {
		*path = v;
		return 0;
	}
	return err_set(e, ERR_INPUT, "--%s: sqlite:PATH or postgresql://...: \"%s\"", opt, v);
}

/* Opens one side, naming its option in any error (db_open names --db). */
static int open_side(const char *opt, const char *path, enum db_open_mode mode, struct db **db, struct err *e)
{
	if (db_open(db, path, mode, e) == 0)
		return 0;
	char msg[sizeof e->msg];
	snprintf(msg, sizeof msg, "%s", strncmp(e->msg, "--db: ", 6) ? e->msg : e->msg + 6);
	return err_set(e, e->code, "--%s: %s", opt, msg);
}

/* The copy's chains and checkpoints, as rapport verify checks them: 0 they
 * hold, -1 with ERR_CHECK saying what does not. */
static int verify_copy(struct db *dst, int64_t *rels, int64_t *events, int64_t *checkpoints, struct err *e)
{
	struct verify_report vr;
	int rc = ledger_check(dst, 0, &vr, e);
	if (rc < 0)
		return -1;
	if (rc > 0)
		return err_set(e, ERR_CHECK, "the copy does not verify: relationship %lld, event %lld: %s; nothing was "
		               "copied", (long long)vr.bad_rel, (long long)vr.bad_seq, vr.reason);
	struct audit_report ar = {0};
	int64_t bad_rel;
	struct sha256 *h = sha256_new();
	if (!h)
		return err_set(e, ERR_IO, "OpenSSL has no SHA-256");
	rc = audit_all(dst, h, 0, &ar, &bad_rel, e);
	sha256_release(h);
	if (rc < 0)
		return -1;
	if (rc > 0)
		return err_set(e, ERR_CHECK, "the copy does not verify: %s; nothing was copied", ar.reason);
	*rels = vr.relationships;
	*events = vr.events;
	*checkpoints = ar.checkpoints;
	return 0;
}

int cmd_migrate(struct app *app, const args_t *a, struct err *e)
{
	const char *from = arg_str(a, "from"), *to = arg_str(a, "to"), *src_path, *dst_path;
	int src_file, dst_file;
	if (locate("from", from, &src_path, &src_file, e) || locate("to", to, &dst_path, &dst_file, e))
		return -1;
	if (src_file && dst_file && !strcmp(src_path, dst_path))
		return err_set(e, ERR_INPUT, "--to: the same database as --from");
	struct db *src = NULL, *dst = NULL;
	int created = dst_file && access(dst_path, F_OK) != 0;
	int64_t rows = 0, rels = 0, events = 0, checkpoints = 0;
	/* the source is brought to the current schema, as any command brings
	 * it, so that both sides have the same tables; its rows are only read */
	int r = open_side("from", src_path, DB_EXISTING, &src, e);
	/* the destination's transaction begins before its schema is made, so
	 * that a refused copy into PostgreSQL leaves not even the tables */
	if (r == 0 && (r = open_side("to", dst_path, DB_CREATE_WRITE, &dst, e)) == 0) {
		int empty = store_copy_empty(dst, e);
		if (empty < 0)
			r = -1;
		else if (!empty) {
			/* as given, "sqlite:" and all, without a password */
			char shown[4096];
			db_redact(shown, sizeof shown, to);
			r = err_set(e, ERR_INPUT, "--to: %s already holds a record: migrate copies into an empty database",
			            shown);
		}
	}
	/* one snapshot of the source, one transaction of the copy */
	if (r == 0 && (r = db_read_begin(src, e)) == 0) {
		r = store_copy_all(src, dst, &rows, e) || verify_copy(dst, &rels, &events, &checkpoints, e) ||
		            db_commit(dst, e)
		        ? -1
		        : 0;
		db_read_end(src);
	}
	if (r && dst)
		db_rollback(dst);
	db_close(src);
	db_close(dst);
	if (r) {
		if (created)
			cmd_remove_db(dst_path);
		return -1;
	}
	if (app->json)
		cmd_print_json(app, json_pack("{s:I, s:I, s:I, s:I}", "rows", (json_int_t)rows, "relationships",
		                              (json_int_t)rels, "events", (json_int_t)events, "checkpoints",
		                              (json_int_t)checkpoints));
	else
		fprintf(app->out,
		        "copied %lld rows: %lld relationship%s, %lld events, %lld checkpoint%s; every chain and checkpoint "
		        "verified in the copy\n"
		        "The private keys are not in the database: keep using their directory with --keys or $RAPPORT_KEYS.\n",
		        (long long)rows, (long long)rels, rels == 1 ? "" : "s", (long long)events, (long long)checkpoints,
		        checkpoints == 1 ? "" : "s");
	return 0;
}
