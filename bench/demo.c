/* bench/demo.c - builds the demo at --scale N (default 100: 300 factories,
 * twenty years, over a million events) into a fresh database and prints the
 * time, events/s and the database's size; then times verify over it.
 * Figures only. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "demo.h"
#include "store/parties.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) ? 0 : (long long)st.st_size;
}

int main(int argc, char **argv)
{
	int scale = argc > 1 ? atoi(argv[1]) : 100;
	char dir[] = "/tmp/rapport-bench-demo-XXXXXX", path[256], aux[300];
	if (!mkdtemp(dir))
		return 3;
	snprintf(path, sizeof path, "%s/demo.db", dir);
	struct db *db;
	struct ledger l;
	struct err e = {0};
	struct party b = {.id = 1, .name = "Linden & Rowe", .country = "GB", .tz = "Europe/London"};
	if (db_open(&db, path, DB_CREATE, &e) || store_buyer_insert(db, &b, &e) || ledger_init(&l, db, &e)) {
		fprintf(stderr, "bench-demo: %s\n", e.msg);
		return 3;
	}
	struct demo_stats st;
	double t0 = now_s();
	if (db_begin(db, &e) || demo_build(&l, 1795600800 /* 2026-11-25T10:00Z */, scale, &st, &e) ||
	    db_commit(db, &e)) {
		fprintf(stderr, "bench-demo: %s\n", e.msg);
		return 3;
	}
	double t_build = now_s() - t0;
	struct verify_report r;
	t0 = now_s();
	if (ledger_verify(&l, 0, &r, &e) != 0) {
		fprintf(stderr, "bench-demo: verify: %s %s\n", e.msg, r.reason);
		return 3;
	}
	double t_verify = now_s() - t0;
	ledger_release(&l);
	db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", &e);
	db_close(db);
	long long size = file_size(path);
	printf("demo bench: --scale %d: %lld partners, %lld events\n", scale, (long long)st.partners, (long long)st.events);
	printf("  build    %8.2f s   %9.0f events/s\n", t_build, (double)st.events / t_build);
	printf("  verify   %8.2f s   %9.0f events/s\n", t_verify, (double)r.events / t_verify);
	printf("  size     %8.1f MiB  (%.0f bytes/event)\n", (double)size / (1 << 20), (double)size / (double)st.events);
	const char *suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(aux, sizeof aux, "%s%s", path, suffix[i]);
		unlink(aux);
	}
	rmdir(dir);
	return 0;
}
