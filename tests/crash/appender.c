/* appender.c - the crash test's writer (tests/cli/t0900-crash.bats): appends
 * contact events to partner 1 of the database in argv[1], one transaction
 * each, and prints each sequence number once its COMMIT has returned. The
 * test kills it with SIGKILL and checks that every printed number survived.
 * It never stops by itself; errors go to stderr with exit status 3. */
#include <jansson.h>
#include <stdio.h>
#include <time.h>

#include "ledger.h"
#include "store/db.h"

static int fail(const struct err *e)
{
	fprintf(stderr, "crash-appender: %s\n", e->msg[0] ? e->msg : "failed");
	return 3;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: crash-appender DB\n");
		return 2;
	}
	struct db *db;
	struct ledger l;
	struct err e = {0};
	if (db_open(&db, argv[1], DB_EXISTING, &e) || ledger_init(&l, db, &e))
		return fail(&e);
	/* Owned here until the process is killed: it is never freed. */
	json_t *body = json_pack("{s:s, s:s, s:s}", "by", "buyer", "kind", "call", "note",
	                         "Appended by the crash test, one transaction per event.");
	if (!body) {
		err_set(&e, ERR_IO, "out of memory");
		return fail(&e);
	}
	for (;;) {
		int64_t now = (int64_t)time(NULL);
		struct ledger_entry in = {
			.kind = "contact", .side = "buyer", .author = "crash test", .at = now, .recorded = now, .body = body,
		};
		struct event ev;
		if (db_begin(db, &e) || ledger_append(&l, 1, &in, &ev, &e) || db_commit(db, &e)) {
			db_rollback(db);
			return fail(&e);
		}
		/* Acknowledged only now that COMMIT has returned. */
		if (printf("%lld\n", (long long)ev.seq) < 0 || fflush(stdout) != 0) {
			err_set(&e, ERR_IO, "writing to stdout failed");
			return fail(&e);
		}
	}
}
