/* bench.h - what the benches share: a monotonic clock, and the demo record
 * built into a fresh database in a temporary directory (and removed after).
 * Header-only, since each bench/NAME.c is a program of its own. */
#ifndef RAPPORT_BENCH_H
#define RAPPORT_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "demo.h"
#include "ledger.h"
#include "store/parties.h"

#define BENCH_NOW 1795600800 /* 2026-11-25T10:00Z: every bench's "today" */

static inline double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct bench_db {
	char dir[64], path[128];
	struct db *db;
	struct ledger l;
	struct demo_stats st;
	double build_s; /* how long the demo took to build */
};

/* Builds the demo at scale into b->path; 0, or -1 with the error printed. */
static inline int bench_demo(struct bench_db *b, const char *name, int scale)
{
	struct err e = {0};
	struct party buyer = {.id = 1, .name = "Linden & Rowe", .country = "GB", .tz = "Europe/London"};
	snprintf(b->dir, sizeof b->dir, "/tmp/rapport-bench-%s-XXXXXX", name);
	if (!mkdtemp(b->dir))
		return -1;
	snprintf(b->path, sizeof b->path, "%s/demo.db", b->dir);
	double t0 = now_s();
	if (db_open(&b->db, b->path, DB_CREATE, &e) || store_buyer_insert(b->db, &buyer, &e) ||
	    ledger_init(&b->l, b->db, &e) || db_begin(b->db, &e) || demo_build(&b->l, BENCH_NOW, scale, &b->st, &e) ||
	    db_commit(b->db, &e)) {
		fprintf(stderr, "bench-%s: %s\n", name, e.msg);
		return -1;
	}
	b->build_s = now_s() - t0;
	return 0;
}

/* Closes the database and removes it with its directory. */
static inline void bench_demo_remove(struct bench_db *b)
{
	char aux[160];
	const char *suffix[] = {"", "-wal", "-shm"};
	ledger_release(&b->l);
	db_close(b->db);
	for (int i = 0; i < 3; i++) {
		snprintf(aux, sizeof aux, "%s%s", b->path, suffix[i]);
		unlink(aux);
	}
	rmdir(b->dir);
}

#endif
