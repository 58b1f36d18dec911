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
	struct db *db = tu_db_new();
	struct ledger l;
	struct demo_stats st;
	char dir[160], keys[200], out[200];
	tu_db_dir(db, dir, sizeof dir);
	snprintf(keys, sizeof keys, "%s/keys", dir);
	snprintf(out, sizeof out, "%s/b.json", dir);
	int64_t signed_n;
	cr_assert(ledger_init(&l, db, &e) == 0);
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
	ledger_release(&l);
	tu_db_close(db);
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
	int rc = jansson_only ? bundle_parse_jansson(&b, data, len, &e) : bundle_parse(&b, data, len, &e);
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
