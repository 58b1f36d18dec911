/* bench/verify.c - the Merkle tree over the demo record: root computation
 * rate (leaves/s: in memory, and from the store), filling the node cache,
 * and inclusion and consistency proof generation (µs per proof, from the
 * cache, and without it for comparison) and verification; then every
 * partner's record exported as a bundle (signed by both sides, as rapport
 * demo signs it) and verified as `rapport verify --bundle` does (events/s).
 * Usage: bench-verify [SCALE] (default 20; 100 for the figure).
 * Figures only: nothing here asserts a speed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "bundle.h"
#include "cmd.h"
#include "logtree.h"
#include "merkle.h"
#include "store/events.h"
#include "store/verify.h"

#define PROOFS 20000
#define ROUNDS 3

static void die(const char *what, const struct err *e)
{
	fprintf(stderr, "bench-verify: %s: %s\n", what, e->msg);
	exit(3);
}

struct rels {
	int64_t *id, *size;
	int n, cap;
};

static int collect(void *ctx, const struct rel_head *h)
{
	struct rels *r = ctx;
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->id = realloc(r->id, (size_t)r->cap * sizeof *r->id);
		r->size = realloc(r->size, (size_t)r->cap * sizeof *r->size);
	}
	r->id[r->n] = h->id;
	r->size[r->n++] = h->seq;
	return 0;
}

struct hashes {
	unsigned char (*h)[32];
	int64_t n;
};

static int take(void *ctx, int64_t seq, const unsigned char hash[32])
{
	struct hashes *x = ctx;
	memcpy(x->h[seq - 1], hash, 32);
	return 0;
}

/* CPU time of the whole process (every thread), to tell work from waiting
 * on a machine others share. */
static double cpu_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* xorshift64*: the same proofs every run */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

int main(int argc, char **argv)
{
	int scale = argc > 1 ? atoi(argv[1]) : 20;
	struct bench_db b;
	if (bench_demo(&b, "verify", scale))
		return 3;
	struct err e = {0};
	struct sha256 *sha = sha256_new();
	struct rels rels = {0};
	if (store_rel_each(b.db, 0, collect, &rels, &e))
		die("relationships", &e);
	int64_t total = 0, big = 0;
	for (int i = 0; i < rels.n; i++) {
		total += rels.size[i];
		if (rels.size[i] > rels.size[big])
			big = i;
	}
	printf("verify bench: demo --scale %d: %d relationships, %lld events (built in %.1f s); the largest has %lld\n",
	       scale, rels.n, (long long)total, b.build_s, (long long)rels.size[big]);

	/* The event hashes of every relationship, read once. */
	double t0 = now_s();
	struct hashes *all = calloc((size_t)rels.n, sizeof *all);
	for (int i = 0; i < rels.n; i++) {
		all[i].n = rels.size[i];
		all[i].h = malloc((size_t)all[i].n * 32);
		if (store_event_hashes(b.db, rels.id[i], 1, all[i].n, take, &all[i], &e))
			die("event hashes", &e);
	}
	double t_read = now_s() - t0;

	/* Roots in memory: leaf hashes and the streaming fold, best of 3. */
	double t_root = 1e9, t_tree = 1e9;
	merkle_hash root;
	for (int round = 0; round < 3; round++) {
		t0 = now_s();
		for (int i = 0; i < rels.n; i++) {
			struct merkle_stack st;
			merkle_stack_init(&st);
			for (int64_t j = 0; j < all[i].n; j++) {
				merkle_hash leaf;
				merkle_leaf(sha, all[i].h[j], 32, leaf);
				merkle_stack_push(&st, sha, leaf, NULL, NULL);
			}
			merkle_stack_root(&st, sha, root);
		}
		double t = now_s() - t0;
		t_root = t < t_root ? t : t_root;
		t0 = now_s();
		for (int i = 0; i < rels.n; i++) {
			merkle_hash *leaves = malloc((size_t)all[i].n * sizeof *leaves);
			for (int64_t j = 0; j < all[i].n; j++)
				merkle_leaf(sha, all[i].h[j], 32, leaves[j]);
			struct merkle_mem m;
			merkle_mem_build(&m, sha, (const merkle_hash *)leaves, (uint64_t)all[i].n);
			merkle_mem_release(&m);
			free(leaves);
		}
		t = now_s() - t0;
		t_tree = t < t_tree ? t : t_tree;
	}

	/* From the store: every root recomputed from the events' hashes (what
	 * checkpoint and cosign do), then the node cache filled. */
	struct logtree t;
	t0 = now_s();
	for (int i = 0; i < rels.n; i++)
		if (logtree_open(&t, b.db, sha, rels.id[i], &e) || logtree_recompute(&t, t.size, root, &e))
			die("recompute", &e);
	double t_recompute = now_s() - t0;
	t0 = now_s();
	if (db_begin(b.db, &e))
		die("begin", &e);
	for (int i = 0; i < rels.n; i++)
		if (logtree_open(&t, b.db, sha, rels.id[i], &e) || logtree_extend(&t, &e))
			die("extend", &e);
	if (db_commit(b.db, &e))
		die("commit", &e);
	double t_extend = now_s() - t0;

	printf("  Merkle root in memory     %10.0f leaves/s  (leaf + node hashes, every relationship; best of 3)\n",
	       (double)total / t_root);
	printf("  whole tree in memory      %10.0f leaves/s  (every perfect subtree kept)\n", (double)total / t_tree);
	printf("  reading the event hashes  %10.0f events/s\n", (double)total / t_read);
	printf("  root from the store       %10.0f leaves/s  (read + hash: checkpoint, cosign)\n",
	       (double)total / t_recompute);
	printf("  filling the node cache    %10.0f leaves/s  (%.3f s, one transaction)\n", (double)total / t_extend,
	       t_extend);

	/* Proofs in the largest relationship, from the cache. */
	if (logtree_open(&t, b.db, sha, rels.id[big], &e))
		die("open", &e);
	int64_t n = t.size;
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	merkle_hash path[MERKLE_MAX_PROOF], r1;
	size_t np, total_len = 0;
	t0 = now_s();
	for (int k = 0; k < PROOFS; k++) {
		int64_t seq = 1 + (int64_t)(rnd(&seed) % (uint64_t)n);
		if (logtree_inclusion(&t, seq, n, path, &np, &e))
			die("inclusion", &e);
		total_len += np;
	}
	double t_incl = now_s() - t0;
	t0 = now_s();
	for (int k = 0; k < PROOFS; k++) {
		int64_t m = 1 + (int64_t)(rnd(&seed) % (uint64_t)n);
		if (logtree_consistency(&t, m, n, path, &np, &e))
			die("consistency", &e);
	}
	double t_cons = now_s() - t0;
	/* Verification of inclusion proofs. */
	if (logtree_root(&t, n, r1, &e))
		die("root", &e);
	int64_t seq = n / 3 + 1;
	merkle_hash leaf;
	unsigned char eh[32];
	if (store_event_hash(b.db, rels.id[big], seq, eh, &e) != 1)
		die("event hash", &e);
	merkle_leaf(sha, eh, 32, leaf);
	if (logtree_inclusion(&t, seq, n, path, &np, &e))
		die("inclusion", &e);
	t0 = now_s();
	for (int k = 0; k < PROOFS; k++)
		if (merkle_verify_inclusion(sha, (uint64_t)seq - 1, (uint64_t)n, leaf, (const merkle_hash *)path, np, r1, 32,
		                            NULL))
			die("verify", &(struct err){.msg = "a good proof failed"});
	double t_verify = now_s() - t0;
	/* The same proofs without the cache: every sibling hashed from its leaves. */
	t.use_cache = 0;
	int slow = 200;
	t0 = now_s();
	for (int k = 0; k < slow; k++) {
		int64_t s = 1 + (int64_t)(rnd(&seed) % (uint64_t)n);
		if (logtree_inclusion(&t, s, n, path, &np, &e))
			die("inclusion", &e);
	}
	double t_nocache = now_s() - t0;
	t.use_cache = 1;

	printf("  inclusion proof           %10.1f µs/proof  (%d random events of %lld, %.1f hashes on average, from the cache)\n",
	       1e6 * t_incl / PROOFS, PROOFS, (long long)n, (double)total_len / PROOFS);
	printf("  consistency proof         %10.1f µs/proof  (%d random old sizes to %lld, from the cache)\n",
	       1e6 * t_cons / PROOFS, PROOFS, (long long)n);
	printf("  inclusion proof, no cache %10.1f µs/proof  (%d proofs: every node hashed from the event hashes)\n",
	       1e6 * t_nocache / slow, slow);
	printf("  verifying an inclusion    %10.1f µs/proof  (RFC 9162 2.1.3.2, %zu hashes)\n", 1e6 * t_verify / PROOFS,
	       np);

	/* Bundles: both sides' keys and a countersigned checkpoint of each
	 * record, then every record exported by `rapport export`. */
	char keys[160], file[200];
	int64_t signed_n;
	snprintf(keys, sizeof keys, "%s/keys", b.dir);
	t0 = now_s();
	if (db_begin(b.db, &e) || demo_sign(b.db, sha, keys, BENCH_NOW, &signed_n, &e) || db_commit(b.db, &e))
		die("sign", &e);
	double t_sign = now_s() - t0;
	t0 = now_s();
	for (int i = 0; i < rels.n; i++) {
		int used;
		const struct cmd *c = cmd_find(1, (char *[]){"export"}, &used);
		struct app app;
		args_t a;
		char id[24];
		memset(&app, 0, sizeof app);
		snprintf(id, sizeof id, "%lld", (long long)rels.id[i]);
		snprintf(file, sizeof file, "%s/%lld.bundle", b.dir, (long long)rels.id[i]);
		if (cmd_parse(c, 4, (char *[]){"--partner", id, "--out", file}, &app, &a, &e))
			die("export", &e);
		app.db = b.db;
		app.db_path = b.path;
		app.out = fopen("/dev/null", "w");
		if (cmd_export(&app, &a, &e))
			die("export", &e);
		fclose(app.out);
	}
	double t_export = now_s() - t0;
	/* Verified as verify --bundle does: read, parse, check. Best of 3. */
	long ncores = sysconf(_SC_NPROCESSORS_ONLN);
	int threads = ncores < 1 ? 1 : ncores > 8 ? 8 : (int)ncores;
	double best[3] = {1e9, 1e9, 1e9}, cpu[3] = {1e9, 1e9, 1e9}, bytes = 0; /* all cores, one thread, jansson's */
	for (int mode = 0; mode < 3; mode++) {
		for (int round = 0; round < ROUNDS; round++) {
			double t_total = 0, c0 = cpu_s();
			bytes = 0;
			for (int i = 0; i < rels.n; i++) {
				snprintf(file, sizeof file, "%s/%lld.bundle", b.dir, (long long)rels.id[i]);
				t0 = now_s();
				struct cmd_file data;
				if (cmd_map_file(file, BUNDLE_MAX_FILE, &data, &e))
					die("read", &e);
				struct bundle bd;
				struct bundle_report r;
				if ((mode == 2 ? bundle_parse_jansson(&bd, data.data, data.len, &e)
				               : bundle_parse(&bd, data.data, data.len, mode == 0 ? threads : 1, &e)) ||
				    bundle_verify(&bd, mode == 0 ? threads : 1, &r, &e) != 0 || r.checkpoints != 1 ||
				    r.signatures != 2)
					die("verify", &e);
				bundle_release(&bd);
				bytes += (double)data.len;
				cmd_file_release(&data);
				t_total += now_s() - t0;
			}
			best[mode] = t_total < best[mode] ? t_total : best[mode];
			double c = cpu_s() - c0;
			cpu[mode] = c < cpu[mode] ? c : cpu[mode];
		}
	}
	printf("  signing every record       %9.3f s      (%lld records: both keys, a checkpoint, two signatures)\n", t_sign,
	       (long long)signed_n);
	printf("  exporting every record     %9.3f s      (%d bundles, %.0f MB)\n", t_export, rels.n, bytes / 1e6);
	printf("  bundle verification       %10.0f events/s  (read, parse, chain, envelopes, roots, signatures; "
	       "%d threads; best of %d; %.0f events per CPU second)\n", (double)total / best[0], threads, ROUNDS,
	       (double)total / cpu[0]);
	printf("  ... on one thread         %10.0f events/s  (%.0f events per CPU second)\n", (double)total / best[1],
	       (double)total / cpu[1]);
	printf("  ... with jansson's reader %10.0f events/s  (one thread)\n", (double)total / best[2]);
	for (int i = 0; i < rels.n; i++) {
		snprintf(file, sizeof file, "%s/%lld.bundle", b.dir, (long long)rels.id[i]);
		unlink(file);
		snprintf(file, sizeof file, "%s/partner-%lld.key", keys, (long long)rels.id[i]);
		unlink(file);
	}
	snprintf(file, sizeof file, "%s/buyer.key", keys);
	unlink(file);
	rmdir(keys);

	for (int i = 0; i < rels.n; i++)
		free(all[i].h);
	free(all);
	free(rels.id);
	free(rels.size);
	sha256_release(sha);
	bench_demo_remove(&b);
	return 0;
}
