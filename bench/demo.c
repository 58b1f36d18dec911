/* bench/demo.c - builds the demo at --scale N (default 100: 300 factories,
 * twenty years, over a million events) into a fresh database and prints the
 * time, events/s and the database's size; then times verify over it.
 * Figures only. */
#include <sys/stat.h>

#include "bench.h"
#include "demo.h"
#include "store/parties.h"

static long long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) ? 0 : (long long)st.st_size;
}

int main(int argc, char **argv)
{
	int scale = argc > 1 ? atoi(argv[1]) : 100;
	struct bench_db bd;
	struct err e = {0};
	if (bench_demo(&bd, "demo", scale))
		return 3;
	struct demo_stats st = bd.st;
	double t_build = bd.build_s;
	struct verify_report r;
	double t0 = now_s();
	if (ledger_verify(&bd.l, 0, &r, &e) != 0) {
		fprintf(stderr, "bench-demo: verify: %s %s\n", e.msg, r.reason);
		return 3;
	}
	double t_verify = now_s() - t0;
	/* the size once the WAL is folded in */
	db_exec(bd.db, "PRAGMA wal_checkpoint(TRUNCATE)", &e);
	long long size = file_size(bd.path);
	printf("demo bench: --scale %d: %lld partners, %lld events\n", scale, (long long)st.partners, (long long)st.events);
	printf("  build    %8.2f s   %9.0f events/s\n", t_build, (double)st.events / t_build);
	printf("  verify   %8.2f s   %9.0f events/s\n", t_verify, (double)r.events / t_verify);
	printf("  size     %8.1f MiB  (%.0f bytes/event)\n", (double)size / (1 << 20), (double)size / (double)st.events);
	bench_demo_remove(&bd);
	return 0;
}
