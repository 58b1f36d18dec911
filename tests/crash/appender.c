/* appender.c - the crash test's writer: appends contact events to partner 1
 * of the database in argv[1], one transaction each, and prints each
 * sequence number once its COMMIT returned. The test kills it with SIGKILL
 * and checks that every printed number survived. */
#include <jansson.h>
#include <stdio.h>
#include <time.h>

#include "ledger.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: crash-appender DB\n");
		return 2;
	}
	struct db *db;
	struct ledger l;
	struct err e = {0};
	if (db_open(&db, argv[1], DB_EXISTING, &e) || ledger_init(&l, db, &e)) {
		fprintf(stderr, "crash-appender: %s\n", e.msg);
		return 3;
	}
	json_t *body = json_pack("{s:s, s:s, s:s}", "by", "buyer", "kind", "call", "note",
	                         "A note long enough to span more than one page write now and then ........");
	for (;;) {
		int64_t now = (int64_t)time(NULL);
		struct ledger_entry in = {"contact", "buyer", "crash test", now, now, body};
		struct event ev;
		if (db_begin(db, &e) || ledger_append(&l, 1, &in, &ev, &e) || db_commit(db, &e)) {
			fprintf(stderr, "crash-appender: %s\n", e.msg);
			return 3;
		}
		printf("%lld\n", (long long)ev.seq);
		fflush(stdout);
	}
}
