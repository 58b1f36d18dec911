/* test_bundle.c - bundle.c: the fast reader agrees with jansson's, the
 * envelope check, and the tampering matrix: 1 000 seeded random changes,
 * deletions and reorderings of the bundle of a small demo (partner 1 of
 * `rapport demo`, signed by both sides), every one of which verification
 * must report. Set TAMPER_SEED to run another seed; the seed is printed.
 * Each event's "id" is not in its hash but in the checkpoint's rapport-ids
 * line (docs/verify.md), which the demo's checkpoint at the head carries:
 * a changed id fails the rise with seq or that checkpoint. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bundle.h"
#include "cmd.h"
#include "demo.h"
#include "testutil.h"
#include "util/buf.h"
#include "util/sha256.h"

#define NOW 1795600800 /* 2026-11-25T10:00Z */
#define MUTATIONS 1000

/* --- the bundle of a small demo, written by `rapport export` ----------------- */

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	cr_assert(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *p = malloc((size_t)n + 1);
	cr_assert(p && fread(p, 1, (size_t)n, f) == (size_t)n);
	p[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return p;
}

static char *demo_bundle(size_t *len)
{
	struct err e = {0};
	struct db *db;
	struct ledger l;
	struct demo_stats st;
	char dir[160], keys[200], out[200];
	tu_ledger_new(&db, &l);
	tu_db_dir(db, dir, sizeof dir);
	snprintf(keys, sizeof keys, "%s/keys", dir);
	snprintf(out, sizeof out, "%s/b.json", dir);
	int64_t signed_n;
	cr_assert(db_begin(db, &e) == 0 && demo_build(&l, NOW, 1, &st, &e) == 0 && db_commit(db, &e) == 0, "%s", e.msg);
	cr_assert(db_begin(db, &e) == 0 && demo_sign(db, l.sha, keys, NOW, &signed_n, &e) == 0 && db_commit(db, &e) == 0,
	          "%s", e.msg);
	cr_assert_eq(signed_n, 3);

	int used;
	const struct cmd *c = cmd_find(1, (char *[]){"export"}, &used);
	struct app app;
	args_t a;
	memset(&app, 0, sizeof app);
	char *argv[] = {"--partner", "1", "--out", out};
	cr_assert(cmd_parse(c, 4, argv, &app, &a, &e) == 0, "%s", e.msg);
	app.db = db;
	app.db_path = db_path(db);
	app.now = NOW;
	app.out = fopen("/dev/null", "w");
	cr_assert(cmd_export(&app, &a, &e) == 0, "%s", e.msg);
	fclose(app.out);
	char *data = read_all(out, len);

	unlink(out);
	for (int i = 0; i <= 3; i++) {
		char k[260];
		if (i == 0)
			snprintf(k, sizeof k, "%s/buyer.key", keys);
		else
			snprintf(k, sizeof k, "%s/partner-%d.key", keys, i);
		unlink(k);
	}
	rmdir(keys);
	int own_dir = db_dialect(db) == DB_POSTGRESQL; /* tu_db_dir made one */
	tu_ledger_close(db, &l);
	if (own_dir)
		rmdir(dir);
	return data;
}

/* --- one verdict, by both readers ---------------------------------------------- */

struct verdict {
	int rc;                  /* 0 holds, 1 tampered, -1 does not parse (or error) */
	int code;                /* e.code when rc is -1 */
	struct bundle_report r;
	char msg[512];
	int fast;
};

static struct verdict check(const char *data, size_t len, int jansson_only)
{
	struct verdict v;
	struct bundle b;
	struct err e = {0};
	memset(&v, 0, sizeof v);
	int rc = jansson_only ? bundle_parse_jansson(&b, data, len, &e) : bundle_parse(&b, data, len, 2, &e);
	if (rc == 0) {
		v.fast = b.fast;
		rc = bundle_verify(&b, jansson_only ? 1 : 2, &v.r, &e);
		bundle_release(&b);
	}
	v.rc = rc;
	v.code = rc < 0 ? (int)e.code : 0;
	snprintf(v.msg, sizeof v.msg, "%s", rc < 0 ? e.msg : rc ? v.r.reason : "");
	return v;
}

/* --- where things are in the document ----------------------------------------- */

enum { HEAD = -1 };

/* For each byte: whether it is whitespace between tokens (which JSON gives
 * no meaning to), the event (0-based) or checkpoint whose element holds it,
 * and where each event's element starts and ends. */
struct map {
	unsigned char *ws;
	int *event, *cp;     /* -1 outside */
	size_t *ev_start, *ev_end; /* [start, end) of each event's object */
	int nev, ncp;
	unsigned char *in_u; /* inside the 4 hex digits of a \u escape */
};

static void map_build(struct map *m, const char *s, size_t n)
{
	m->ws = calloc(n, 1);
	m->in_u = calloc(n, 1);
	m->event = malloc(n * sizeof *m->event);
	m->cp = malloc(n * sizeof *m->cp);
	m->ev_start = malloc(n * sizeof *m->ev_start);
	m->ev_end = malloc(n * sizeof *m->ev_end);
	m->nev = m->ncp = 0;
	int depth = 0, in_str = 0, esc = 0, u = 0, top_key = 0; /* top_key: 1 events, 2 checkpoints */
	int cur_ev = -1, cur_cp = -1;
	size_t str_s = 0, str_e = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		m->event[i] = cur_ev;
		m->cp[i] = cur_cp;
		if (in_str) {
			if (u) {
				m->in_u[i] = 1;
				u--;
			} else if (esc) {
				esc = 0;
				u = c == 'u' ? 4 : 0;
			} else if (c == '\\') {
				esc = 1;
			} else if (c == '"') {
				in_str = 0;
				str_e = i;
				cur_cp = -1;
			}
			continue;
		}
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			m->ws[i] = 1;
		} else if (c == '"') {
			in_str = 1;
			str_s = i + 1;
			if (depth == 2 && top_key == 2)
				m->cp[i] = cur_cp = m->ncp++;
		} else if (c == ':' && depth == 1) {
			size_t kl = str_e - str_s;
			top_key = kl == 6 && !memcmp(s + str_s, "events", 6) ? 1
			          : kl == 11 && !memcmp(s + str_s, "checkpoints", 11) ? 2
			                                                              : 0;
		} else if (c == '{' || c == '[') {
			depth++;
			if (c == '{' && depth == 3 && top_key == 1) {
				m->ev_start[m->nev] = i;
				m->event[i] = cur_ev = m->nev;
			}
		} else if (c == '}' || c == ']') {
			if (c == '}' && depth == 3 && top_key == 1 && cur_ev >= 0) {
				m->ev_end[m->nev++] = i + 1;
				cur_ev = -1;
			}
			depth--;
		}
	}
}

static void map_release(struct map *m)
{
	free(m->ws);
	free(m->in_u);
	free(m->event);
	free(m->cp);
	free(m->ev_start);
	free(m->ev_end);
}

/* --- the mutations ---------------------------------------------------------------- */

static uint64_t rnd(uint64_t *s)
{
	/* splitmix64: the same seed, the same mutations */
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static size_t pick(uint64_t *s, size_t n)
{
	return (size_t)(rnd(s) % n);
}

/* A byte that carries meaning: not whitespace between tokens. Whitespace
 * between JSON tokens has none (RFC 8259 section 2), so changing it to
 * other whitespace, deleting it or moving a token across it leaves the
 * same document: such changes are not made, by construction. One byte in
 * five is taken from the parts that are not events (the header, the keys,
 * the signed checkpoint), which are small but hold the signatures. */
static size_t meaningful(uint64_t *s, const struct map *m, const char *doc, size_t n)
{
	(void)doc;
	int head = pick(s, 5) == 0;
	for (;;) {
		size_t p = pick(s, n);
		if (m->ws[p] || (head && m->event[p] >= 0))
			continue;
		return p;
	}
}

enum kind { SUBST, DELETE, SWAP_BYTES, DELETE_EVENT, SWAP_EVENTS, MOVE_EVENT, NKINDS };
static const char *const kind_name[] = {"byte changed", "byte deleted", "adjacent bytes swapped", "event deleted",
                                        "two events swapped", "event moved"};

struct mutation {
	enum kind kind;
	size_t at;          /* the byte, for byte mutations */
	int ev_a, ev_b;     /* events involved (-1 none) */
	int region_ev, region_cp;
	char *doc;
	size_t len;
	char what[160];
};

/* The document with events in the order given. */
static char *reorder(const char *doc, size_t n, const struct map *m, const int *order, int count, size_t *len)
{
	size_t first = m->ev_start[0], last = m->ev_end[m->nev - 1];
	struct buf b = BUF_INIT;
	buf_add(&b, doc, first);
	for (int i = 0; i < count; i++) {
		if (i)
			buf_add(&b, doc + m->ev_end[0], m->ev_start[1] - m->ev_end[0]); /* ",\n  " as export writes it */
		buf_add(&b, doc + m->ev_start[order[i]], m->ev_end[order[i]] - m->ev_start[order[i]]);
	}
	buf_add(&b, doc + last, n - last);
	*len = b.len;
	return buf_detach(&b);
}

static void mutate(uint64_t *s, const char *doc, size_t n, const struct map *m, struct mutation *mu)
{
	memset(mu, 0, sizeof *mu);
	mu->ev_a = mu->ev_b = -1;
	/* weights: byte changes 40 %, byte deletions 20 %, the rest 10 % each */
	static const enum kind table[10] = {SUBST, SUBST, SUBST, SUBST, DELETE, DELETE, SWAP_BYTES, DELETE_EVENT,
	                                    SWAP_EVENTS, MOVE_EVENT};
	mu->kind = table[pick(s, 10)];
	int *order = malloc((size_t)m->nev * sizeof *order);
	for (int i = 0; i < m->nev; i++)
		order[i] = i;
	switch (mu->kind) {
	case SUBST: {
		size_t p = meaningful(s, m, doc, n);
		unsigned char old = (unsigned char)doc[p], c;
		do {
			c = (unsigned char)pick(s, 256);
			/* in a \uXXXX escape a hex letter's case is not a change (RFC 8259 section 7) */
		} while (c == old || (m->in_u[p] && ((c | 0x20) == (old | 0x20)) && ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')));
		mu->doc = malloc(n);
		memcpy(mu->doc, doc, n);
		mu->doc[p] = (char)c;
		mu->len = n;
		mu->at = p;
		snprintf(mu->what, sizeof mu->what, "byte %zu changed from 0x%02x to 0x%02x", p, old, c);
		break;
	}
	case DELETE: {
		size_t p = meaningful(s, m, doc, n);
		mu->doc = malloc(n);
		memcpy(mu->doc, doc, p);
		memcpy(mu->doc + p, doc + p + 1, n - p - 1);
		mu->len = n - 1;
		mu->at = p;
		snprintf(mu->what, sizeof mu->what, "byte %zu (0x%02x) deleted", p, (unsigned char)doc[p]);
		break;
	}
	case SWAP_BYTES: {
		size_t p;
		do
			p = meaningful(s, m, doc, n - 1);
		while (m->ws[p + 1] || doc[p] == doc[p + 1]); /* two meaningful bytes that differ */
		mu->doc = malloc(n);
		memcpy(mu->doc, doc, n);
		mu->doc[p] = doc[p + 1];
		mu->doc[p + 1] = doc[p];
		mu->len = n;
		mu->at = p;
		snprintf(mu->what, sizeof mu->what, "bytes %zu and %zu swapped", p, p + 1);
		break;
	}
	case DELETE_EVENT: {
		int k = (int)pick(s, (size_t)m->nev);
		for (int i = k; i < m->nev - 1; i++)
			order[i] = i + 1;
		mu->doc = reorder(doc, n, m, order, m->nev - 1, &mu->len);
		mu->ev_a = k;
		snprintf(mu->what, sizeof mu->what, "event %d deleted", k + 1);
		break;
	}
	case SWAP_EVENTS: {
		int a = (int)pick(s, (size_t)m->nev), b;
		do
			b = (int)pick(s, (size_t)m->nev);
		while (b == a);
		order[a] = b;
		order[b] = a;
		mu->doc = reorder(doc, n, m, order, m->nev, &mu->len);
		mu->ev_a = a < b ? a : b;
		snprintf(mu->what, sizeof mu->what, "events %d and %d swapped", a + 1, b + 1);
		break;
	}
	default: {
		int a = (int)pick(s, (size_t)m->nev), b;
		do
			b = (int)pick(s, (size_t)m->nev);
		while (b == a);
		/* event a taken out and put back so that it is at position b */
		int j = 0;
		for (int i = 0; i < m->nev; i++)
			if (i != a)
				order[j++] = i;
		memmove(order + b + 1, order + b, (size_t)(m->nev - 1 - b) * sizeof *order);
		order[b] = a;
		mu->doc = reorder(doc, n, m, order, m->nev, &mu->len);
		mu->ev_a = a < b ? a : b;
		snprintf(mu->what, sizeof mu->what, "event %d moved to position %d", a + 1, b + 1);
		break;
	}
	}
	free(order);
	mu->region_ev = mu->kind <= SWAP_BYTES ? m->event[mu->at] : -1;
	mu->region_cp = mu->kind <= SWAP_BYTES ? m->cp[mu->at] : -1;
	if (mu->kind == SWAP_BYTES && mu->region_ev < 0)
		mu->region_ev = m->event[mu->at + 1];
	if (mu->kind == SWAP_BYTES && mu->region_cp < 0)
		mu->region_cp = m->cp[mu->at + 1];
}

Test(bundle, tampering_matrix, .timeout = 600)
{
	size_t n;
	char *doc = demo_bundle(&n);
	struct verdict base = check(doc, n, 0);
	cr_assert_eq(base.rc, 0, "the demo's bundle verifies: %s", base.msg);
	cr_assert(base.fast, "export's layout is the fast reader's");
	cr_assert_eq(base.r.checkpoints, 1);
	cr_assert_eq(base.r.signatures, 2, "signed by both sides");
	struct map m;
	map_build(&m, doc, n);
	cr_assert_eq(m.nev, base.r.events);
	cr_assert_eq(m.ncp, 1);

	uint64_t seed = 20261125;
	const char *env = getenv("TAMPER_SEED");
	if (env && *env)
		seed = strtoull(env, NULL, 0);
	fprintf(stderr, "tampering matrix: %d mutations of a bundle of %d events (%zu bytes), seed %llu (TAMPER_SEED)\n",
	        MUTATIONS, m.nev, n, (unsigned long long)seed);
	uint64_t s = seed;
	int count[NKINDS] = {0}, tampered = 0, unparsed = 0;
	for (int i = 0; i < MUTATIONS; i++) {
		struct mutation mu;
		mutate(&s, doc, n, &m, &mu);
		count[mu.kind]++;
		struct verdict v = check(mu.doc, mu.len, 0), j = check(mu.doc, mu.len, 1);
		/* every change is found: tampered (1) or no longer a bundle (2) */
		cr_assert(v.rc != 0, "mutation %d (%s, seed %llu) was not detected", i, mu.what, (unsigned long long)seed);
		cr_assert(v.rc == 1 || v.code == ERR_INPUT, "mutation %d (%s): error %d: %s", i, mu.what, v.code, v.msg);
		/* the two readers agree, word for word */
		cr_assert(v.rc == j.rc && !strcmp(v.msg, j.msg), "mutation %d (%s): fast reader \"%s\" (%d), jansson \"%s\" (%d)",
		          i, mu.what, v.msg, v.rc, j.msg, j.rc);
		if (v.rc == 1) {
			tampered++;
			/* naming the first bad event or checkpoint */
			cr_assert(v.r.bad_seq || v.r.bad_checkpoint, "mutation %d (%s): \"%s\" names nothing", i, mu.what, v.msg);
			int last = mu.ev_a == m.nev - 1 && mu.kind == DELETE_EVENT;
			if (mu.ev_a >= 0 && !last)
				cr_assert_eq(v.r.bad_seq, mu.ev_a + 1, "mutation %d (%s): \"%s\"", i, mu.what, v.msg);
			else if (last)
				cr_assert_eq(v.r.bad_checkpoint, 1, "mutation %d (%s): \"%s\"", i, mu.what, v.msg);
			else if (mu.region_ev >= 0)
				/* the changed event, or the next when its id rose above the next one's */
				cr_assert(v.r.bad_seq == mu.region_ev + 1 || v.r.bad_seq == mu.region_ev + 2,
				          "mutation %d (%s) in event %d: \"%s\"", i, mu.what, mu.region_ev + 1, v.msg);
			else if (mu.region_cp >= 0)
				cr_assert(v.r.bad_seq == 0 && v.r.bad_checkpoint == mu.region_cp + 1, "mutation %d (%s): \"%s\"", i,
				          mu.what, v.msg);
		} else {
			unparsed++;
		}
		free(mu.doc);
	}
	fprintf(stderr, "tampering matrix: all %d detected (%d tampered, %d no longer a bundle): ", MUTATIONS, tampered,
	        unparsed);
	for (int k = 0; k < NKINDS; k++)
		fprintf(stderr, "%s%d %s", k ? ", " : "", count[k], kind_name[k]);
	fputc('\n', stderr);
	map_release(&m);
	free(doc);
}

/* --- the two readers on chosen inputs --------------------------------------------- */

static const char *const head_json = "{\"format\": \"rapport-bundle/1\", \"origin\": \"rapport.example/x/u\", "
                                     "\"relationship\": \"u\", \"keys\": {}, \"checkpoints\": [], \"events\": ";

static void same(const char *events, int want_rc, const char *want_msg)
{
	char doc[2048];
	snprintf(doc, sizeof doc, "%s%s}", head_json, events);
	struct verdict v = check(doc, strlen(doc), 0), j = check(doc, strlen(doc), 1);
	cr_expect_eq(v.rc, j.rc, "%s: fast %d, jansson %d", events, v.rc, j.rc);
	cr_expect_str_eq(v.msg, j.msg, "%s", events);
	cr_expect_eq(v.rc, want_rc, "%s: %s", events, v.msg);
	if (want_msg)
		cr_expect_str_eq(v.msg, want_msg);
}

Test(bundle, both_readers_give_the_same_answer)
{
	/* an empty record, and a value jansson reads as a real, not an integer */
	same("[]", 0, NULL);
	same("[{\"seq\": 1.0, \"prev_hash\": \"\", \"event\": \"\", \"hash\": \"\"}]", -1,
	     "\"events\"[1]: needs \"seq\", \"prev_hash\", \"event\" and \"hash\"");
	same("[{\"seq\": 1, \"seq\": 1, \"prev_hash\": \"\", \"event\": \"\", \"hash\": \"\"}]", -1, NULL);
	same("[{\"seq\": 1, \"prev_hash\": \"0\", \"event\": \"\\u0041\", \"hash\": \"\"}]", -1,
	     "event 1: \"prev_hash\" is not a SHA-256 hash (64 hex digits)");
	/* invalid UTF-8, a raw control character, an unknown member */
	same("[{\"seq\": 1, \"prev_hash\": \"\xc3\x28\", \"event\": \"\", \"hash\": \"\"}]", -1, NULL);
	same("[{\"seq\": 1, \"prev_hash\": \"\t\", \"event\": \"\", \"hash\": \"\"}]", -1, NULL);
	same("[{\"seq\": 1, \"note\": 1, \"prev_hash\": \"x\", \"event\": \"\", \"hash\": \"\"}]", -1,
	     "event 1: \"prev_hash\" is not a SHA-256 hash (64 hex digits)");
	/* a seq too long for the fast reader, and trailing garbage */
	same("[{\"seq\": 1234567890123456789, \"prev_hash\": \"\", \"event\": \"\", \"hash\": \"\"}]", -1, NULL);
	char doc[256];
	snprintf(doc, sizeof doc, "%s[]} x", head_json);
	struct verdict v = check(doc, strlen(doc), 0);
	cr_expect_eq(v.rc, -1);
	cr_expect(strstr(v.msg, "line 1: end of file expected") != NULL, "%s", v.msg);
}

Test(bundle, the_envelope_must_name_the_relationship_and_seq)
{
	const char *uid = "6f1c3f0e-2b7a-4c1d-9e8f-0123456789ab";
	const char *good = "{\"at\":1,\"author\":\"a\",\"body\":{\"n\":[1,true,null,\"\\u00e9\"]},\"kind\":\"contact\","
	                   "\"recorded\":2,\"rel\":\"6f1c3f0e-2b7a-4c1d-9e8f-0123456789ab\",\"seq\":7,\"side\":\"buyer\"}";
	cr_expect(bundle_envelope_ok(good, strlen(good), uid, 7));
	cr_expect(!bundle_envelope_ok(good, strlen(good), uid, 8));
	cr_expect(!bundle_envelope_ok(good, strlen(good), "other", 7));
	/* not canonical (keys out of order, spaces): jansson reads it, the same answer */
	const char *loose = "{ \"seq\": 7, \"rel\": \"6f1c3f0e-2b7a-4c1d-9e8f-0123456789ab\" }";
	cr_expect(bundle_envelope_ok(loose, strlen(loose), uid, 7));
	/* twice the same key: jansson refuses it, so it does not name anything */
	const char *twice = "{\"rel\":\"6f1c3f0e-2b7a-4c1d-9e8f-0123456789ab\",\"rel\":\"x\",\"seq\":7}";
	cr_expect(!bundle_envelope_ok(twice, strlen(twice), uid, 7));
	const char *nested_twice = "{\"body\":{\"a\":1,\"a\":2},\"rel\":\"6f1c3f0e-2b7a-4c1d-9e8f-0123456789ab\",\"seq\":7}";
	cr_expect(!bundle_envelope_ok(nested_twice, strlen(nested_twice), uid, 7));
	const char *nul = "{\"body\":\"\\u0000\",\"rel\":\"6f1c3f0e-2b7a-4c1d-9e8f-0123456789ab\",\"seq\":7}";
	cr_expect(!bundle_envelope_ok(nul, strlen(nul), uid, 7));
	const char *cut = "{\"rel\":\"6f1c3f0e-2b7a-4c1d-9e8f-0123456789ab\",\"seq\":7";
	cr_expect(!bundle_envelope_ok(cut, strlen(cut), uid, 7));
	const char *real = "{\"rel\":\"6f1c3f0e-2b7a-4c1d-9e8f-0123456789ab\",\"seq\":7.0}";
	cr_expect(!bundle_envelope_ok(real, strlen(real), uid, 7));
}

Test(bundle, jansson_alone_refuses_a_hash_that_is_not_hex)
{
	/* the first reading of this process goes through jansson's reader */
	char doc[1024];
	snprintf(doc, sizeof doc,
	         "%s[{\"seq\": 1, \"prev_hash\": \"%064d\", \"event\": \"{}\", \"hash\": \"%s\"}]}", head_json, 0,
	         "zz00000000000000000000000000000000000000000000000000000000000000");
	struct verdict j = check(doc, strlen(doc), 1);
	cr_expect_eq(j.rc, -1);
	cr_expect_str_eq(j.msg, "event 1: \"hash\" is not a SHA-256 hash (64 hex digits)");
}

/* --- the events read by several threads ------------------------------------------- */

/* s with every occurrence of from replaced by to (same length or not). */
static char *replace_all(const char *s, size_t n, const char *from, const char *to, size_t *out_len)
{
	size_t fl = strlen(from), tl = strlen(to), cap = n + 1;
	for (const char *p = s; (p = strstr(p, from)) != NULL; p += fl)
		cap += tl;
	char *out = malloc(cap), *o = out;
	const char *p = s;
	for (const char *q; (q = strstr(p, from)) != NULL; p = q + fl) {
		memcpy(o, p, (size_t)(q - p));
		o += q - p;
		memcpy(o, to, tl);
		o += tl;
	}
	memcpy(o, p, n - (size_t)(p - s));
	o += n - (size_t)(p - s);
	*o = '\0';
	*out_len = (size_t)(o - out);
	return out;
}

/* The bundle as jansson reads it and as the fast reader reads it on 1 to
 * 8 threads: the same events, byte for byte. */
static void same_events(const char *doc, size_t n, const char *what)
{
	struct bundle want, got;
	struct err e = {0};
	cr_assert(bundle_parse_jansson(&want, doc, n, &e) == 0, "%s: %s", what, e.msg);
	for (int threads = 1; threads <= 8; threads++) {
		cr_assert(bundle_parse(&got, doc, n, threads, &e) == 0, "%s, %d threads: %s", what, threads, e.msg);
		cr_expect(got.fast, "%s, %d threads: read by the fast reader", what, threads);
		cr_assert_eq(got.nevents, want.nevents, "%s, %d threads", what, threads);
		cr_assert_str_eq(got.uid, want.uid);
		cr_assert_eq(got.ncps, want.ncps);
		for (size_t i = 0; i < want.nevents; i++) {
			const struct bundle_event *a = &want.events[i], *b = &got.events[i];
			cr_assert(a->seq == b->seq && a->id == b->id && !memcmp(a->prev_hash, b->prev_hash, 32) &&
			          !memcmp(a->hash, b->hash, 32) && a->env_len == b->env_len && !memcmp(a->env, b->env, a->env_len),
			          "%s, %d threads: event %zu differs", what, threads, i + 1);
		}
		for (size_t i = 0; i < want.ncps; i++)
			cr_assert(got.cps[i].len == want.cps[i].len && !memcmp(got.cps[i].text, want.cps[i].text, want.cps[i].len));
		struct bundle_report r;
		cr_assert_eq(bundle_verify(&got, threads, &r, &e), 0, "%s, %d threads: %s", what, threads, r.reason);
		cr_assert_eq(r.events, (int64_t)want.nevents);
		bundle_release(&got);
	}
	bundle_release(&want);
}

Test(bundle, every_number_of_threads_reads_the_same_events, .timeout = 120)
{
	size_t n, m;
	char *doc = demo_bundle(&n);
	same_events(doc, n, "export's layout");
	/* the commas at the start of the lines: no part starts between elements */
	char *moved = replace_all(doc, n, "},\n", "}\n,", &m);
	same_events(moved, m, "commas moved");
	free(moved);
	/* one line: nowhere to cut */
	char *flat = replace_all(doc, n, "\n", " ", &m);
	same_events(flat, m, "one line");
	free(flat);
	/* a line for each element but the events' members on one: cuts land
	 * inside events as often as between them */
	char *joined = replace_all(doc, n, ",\n   \"", ", \"", &m);
	same_events(joined, m, "members joined");
	free(joined);
	/* blank lines everywhere between tokens */
	char *blank = replace_all(doc, n, "\n", "\n\n\n", &m);
	same_events(blank, m, "blank lines");
	free(blank);
	free(doc);
}

/* Random strings of plain bytes, escapes, UTF-8 and the odd byte jansson
 * alone reads, at every place relative to the fast reader's 16-byte
 * blocks: the envelope both readers decode is the same, byte for byte. */
Test(bundle, both_readers_decode_the_same_envelope)
{
	static const char *const piece[] = {"a", "bc", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\b", "\\f", "\\r",
	                                    "\\u0041", "\\u00e9", "\xc3\xa9", "\xe4\xb8\xad", "\xf0\x9f\x98\x80",
	                                    "{\\\"k\\\":1}", "0123456789abcdef", "\\", "\x01", "\xc3"};
	uint64_t s = 20261207;
	char ev[512], doc[1024];
	int fast = 0, both = 0;
	for (int round = 0; round < 4000; round++) {
		size_t n = 0;
		int rare = round % 10 == 0; /* now and then a lone backslash, a control byte or a cut sequence */
		while (n < 300 && pick(&s, 12) != 0) {
			const char *x = piece[pick(&s, rare ? 20 : 17)];
			memcpy(ev + n, x, strlen(x));
			n += strlen(x);
		}
		ev[n] = '\0';
		snprintf(doc, sizeof doc, "%s[{\"seq\": 1, \"prev_hash\": \"%064d\", \"event\": \"%s\", \"hash\": \"%064d\"}]}",
		         head_json, 0, ev, 0);
		struct bundle a, b;
		struct err e = {0};
		int ra = bundle_parse(&a, doc, strlen(doc), 1, &e), rb = bundle_parse_jansson(&b, doc, strlen(doc), &e);
		cr_assert_eq(ra, rb, "\"%s\": fast %d, jansson %d", ev, ra, rb);
		if (ra == 0) {
			both++;
			fast += a.fast;
			cr_assert(a.events[0].env_len == b.events[0].env_len &&
			          !memcmp(a.events[0].env, b.events[0].env, a.events[0].env_len),
			          "\"%s\": decoded differently", ev);
			bundle_release(&a);
			bundle_release(&b);
		}
	}
	cr_expect(both > 2000 && fast > 1000, "%d read, %d by the fast reader", both, fast);
}

/* A chain of n events of relationship "u", each envelope naming its seq,
 * hashed as the ledger does; no checkpoint. bad >= 1: event bad's
 * envelope names another seq (its hash still matches it). */
static char *chain_doc(int n, int bad, size_t *len)
{
	struct sha256 *h = sha256_new();
	struct buf d = BUF_INIT;
	unsigned char prev[32] = {0}, hash[32];
	buf_printf(&d, "%s[\n", head_json);
	for (int i = 1; i <= n; i++) {
		char env[96];
		snprintf(env, sizeof env, "{\"kind\":\"note\",\"rel\":\"u\",\"seq\":%d}", i == bad ? i + 1 : i);
		sha256_two(h, prev, 32, env, strlen(env), hash);
		buf_printf(&d, "  {\"seq\": %d, \"id\": %d, \"prev_hash\": \"", i, i);
		buf_addhex(&d, prev, 32);
		buf_adds(&d, "\", \"event\": \"");
		for (const char *p = env; *p; p++)
			buf_printf(&d, "%s%c", *p == '"' ? "\\" : "", *p);
		buf_adds(&d, "\", \"hash\": \"");
		buf_addhex(&d, hash, 32);
		buf_printf(&d, "\"}%s\n", i < n ? "," : "");
		memcpy(prev, hash, 32);
	}
	buf_adds(&d, "]}");
	sha256_release(h);
	*len = d.len;
	return buf_detach(&d);
}

/* The first bad event is the one named, whichever thread checked it and
 * however many chunks came after it. */
Test(bundle, every_number_of_threads_names_the_first_bad_event, .timeout = 120)
{
	const int n = 6000, bad_at[] = {0, 1, 255, 256, 1500, 2999, 3000, 4501, 6000};
	for (size_t k = 0; k < sizeof bad_at / sizeof *bad_at; k++) {
		size_t len;
		char *doc = chain_doc(n, bad_at[k], &len);
		for (int threads = 1; threads <= 8; threads++) {
			struct bundle b;
			struct bundle_report r;
			struct err e = {0};
			cr_assert(bundle_parse(&b, doc, len, threads, &e) == 0, "%s", e.msg);
			cr_assert_eq(b.nevents, (size_t)n, "%d threads: %zu events, fast %d", threads, b.nevents, b.fast);
			int rc = bundle_verify(&b, threads, &r, &e);
			if (bad_at[k] == 0) {
				cr_assert_eq(rc, 0, "%d threads: %s", threads, r.reason);
				cr_assert_eq(r.events, n);
			} else {
				char want[128];
				snprintf(want, sizeof want, "event %d does not match its hash (altered)", bad_at[k]);
				cr_assert_eq(rc, 1, "%d threads, event %d: %d", threads, bad_at[k], rc);
				cr_assert_eq(r.bad_seq, bad_at[k], "%d threads", threads);
				cr_assert_eq(r.events, bad_at[k] - 1);
				cr_assert_str_eq(r.reason, want);
			}
			bundle_release(&b);
		}
		free(doc);
	}
}
