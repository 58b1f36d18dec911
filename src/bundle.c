/* bundle.c - checks an offline bundle with no database: the hash chain as
 * docs/ledger.md defines it, the RFC 6962 roots at each checkpoint's size,
 * and the signatures by the keys the bundle carries (whose key ids the
 * reader compares with the ones the other side gave them). */
#include "bundle.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merkle.h"
#include "note.h"
#include "util/buf.h"

__attribute__((format(printf, 2, 3))) static int bad(struct bundle_report *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof r->reason, fmt, ap);
	va_end(ap);
	return 1;
}

static int hash_field(json_t *o, const char *key, unsigned char out[32], const char *where, struct err *e)
{
	const char *s = json_string_value(json_object_get(o, key));
	if (!s || hex_decode(s, out, 32))
		return err_set(e, ERR_INPUT, "%s: \"%s\" is not a SHA-256 hash (64 hex digits)", where, key);
	return 0;
}

/* The roots at the sizes the checkpoints ask for, in one pass. */
struct want {
	int64_t size;
	merkle_hash root;
};

static int by_size(const void *a, const void *b)
{
	const struct want *x = a, *y = b;
	return (x->size > y->size) - (x->size < y->size);
}

int bundle_verify(struct sha256 *h, const json_t *b, struct bundle_report *r, struct err *e)
{
	memset(r, 0, sizeof *r);
	const char *format = json_string_value(json_object_get(b, "format"));
	const char *origin = json_string_value(json_object_get(b, "origin"));
	const char *uid = json_string_value(json_object_get(b, "relationship"));
	json_t *events = json_object_get(b, "events"), *keys = json_object_get(b, "keys");
	json_t *cps = json_object_get(b, "checkpoints");
	if (!json_is_object(b) || !format || strcmp(format, BUNDLE_FORMAT))
		return err_set(e, ERR_INPUT, "\"format\": not a rapport bundle (\"%s\")", BUNDLE_FORMAT);
	if (!origin || !uid || !json_is_array(events) || !json_is_object(keys) || !json_is_array(cps))
		return err_set(e, ERR_INPUT, "a bundle needs \"origin\", \"relationship\", \"events\", \"keys\" and "
		               "\"checkpoints\"");
	snprintf(r->origin, sizeof r->origin, "%s", origin);
	size_t ol = strlen(origin), ul = strlen(uid);
	if (ul >= ol || strcmp(origin + ol - ul, uid) || origin[ol - ul - 1] != '/')
		return err_set(e, ERR_INPUT, "\"origin\": %s does not name relationship %s", origin, uid);

	/* Keys: the buyer's and the partner's verifier keys. */
	struct note_key k[2];
	size_t nk = 0;
	const char *sides[2] = {"buyer", "partner"};
	for (int i = 0; i < 2; i++) {
		json_t *v = json_object_get(keys, sides[i]);
		if (!v)
			continue;
		char where[32];
		snprintf(where, sizeof where, "\"keys\".\"%s\"", sides[i]);
		if (!json_is_string(v) || note_key_parse(&k[nk], json_string_value(v), e)) {
			char msg[sizeof e->msg];
			snprintf(msg, sizeof msg, "%s", json_is_string(v) ? e->msg : "not a verifier key");
			return err_set(e, ERR_INPUT, "%s: %s", where, msg);
		}
		nk++;
	}

	/* The checkpoints' sizes, for the roots to compute on the way. */
	size_t ncp = json_array_size(cps);
	struct want *want = calloc(ncp ? ncp : 1, sizeof *want);
	struct note_checkpoint *cp = calloc(ncp ? ncp : 1, sizeof *cp);
	struct note *notes = calloc(ncp ? ncp : 1, sizeof *notes);
	if (!want || !cp || !notes)
		abort();
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < ncp; i++) {
		const char *s = json_string_value(json_array_get(cps, i));
		char msg[sizeof e->msg];
		if (!s)
			rc = err_set(e, ERR_INPUT, "\"checkpoints\"[%zu]: not a signed note", i + 1);
		else if (note_parse(&notes[i], s, strlen(s), e) ||
		         note_checkpoint_parse(&cp[i], notes[i].text, notes[i].text_len, e)) {
			snprintf(msg, sizeof msg, "%s", e->msg);
			rc = err_set(e, ERR_INPUT, "checkpoint %zu: %s", i + 1, msg);
		}
		want[i].size = (int64_t)cp[i].size;
	}

	/* The chain, and the leaves as it goes. */
	struct merkle_stack st;
	merkle_stack_init(&st);
	size_t nw = ncp, wi = 0;
	if (rc == 0)
		qsort(want, nw, sizeof *want, by_size);
	while (wi < nw && want[wi].size <= 0)
		wi++;
	unsigned char prev[32] = {0};
	size_t nev = json_array_size(events);
	for (size_t i = 0; rc == 0 && i < nev; i++) {
		json_t *ev = json_array_get(events, i);
		int64_t seq = (int64_t)i + 1;
		char where[40];
		snprintf(where, sizeof where, "event %lld", (long long)seq);
		unsigned char link[32], hash[32], got[32];
		json_t *js = json_object_get(ev, "seq");
		const char *env = json_string_value(json_object_get(ev, "event"));
		if (!json_is_integer(js) || !env) {
			rc = err_set(e, ERR_INPUT, "\"events\"[%zu]: needs \"seq\", \"prev_hash\", \"event\" and \"hash\"", i + 1);
			break;
		}
		if (hash_field(ev, "prev_hash", link, where, e) || hash_field(ev, "hash", hash, where, e)) {
			rc = -1;
			break;
		}
		if (json_integer_value(js) != seq) {
			r->bad_seq = seq;
			rc = bad(r, "event %lld is %s (found %lld)", (long long)seq,
			         json_integer_value(js) > seq ? "missing" : "out of order", (long long)json_integer_value(js));
			break;
		}
		if (memcmp(link, prev, 32)) {
			r->bad_seq = seq;
			rc = bad(r, "event %lld does not link to event %lld (removed, reordered or altered)", (long long)seq,
			         (long long)seq - 1);
			break;
		}
		sha256_two(h, link, 32, env, strlen(env), got);
		json_t *parsed = json_loads(env, JSON_REJECT_DUPLICATES, NULL);
		json_t *pseq = json_object_get(parsed, "seq"), *prel = json_object_get(parsed, "rel");
		int ok_env = json_is_integer(pseq) && json_integer_value(pseq) == seq && json_is_string(prel) &&
		             !strcmp(json_string_value(prel), uid);
		json_decref(parsed);
		if (memcmp(got, hash, 32) || !ok_env) {
			r->bad_seq = seq;
			rc = bad(r, "event %lld does not match its hash (altered)", (long long)seq);
			break;
		}
		memcpy(prev, hash, 32);
		merkle_hash leaf;
		merkle_leaf(h, hash, 32, leaf);
		merkle_stack_push(&st, h, leaf, NULL, NULL);
		r->events++;
		for (; wi < nw && want[wi].size == seq; wi++)
			merkle_stack_root(&st, h, want[wi].root);
	}

	/* The checkpoints, in the bundle's order. */
	for (size_t i = 0; rc == 0 && i < ncp; i++) {
		r->bad_checkpoint = (int64_t)i + 1;
		if (strcmp(cp[i].origin, origin)) {
			rc = bad(r, "checkpoint %zu: its origin %s is not the bundle's", i + 1, cp[i].origin);
			break;
		}
		if (cp[i].size < 1 || cp[i].size > (uint64_t)r->events) {
			rc = bad(r, "checkpoint %zu is of %llu events but the bundle holds %lld: events were removed", i + 1,
			         (unsigned long long)cp[i].size, (long long)r->events);
			break;
		}
		struct want key = {.size = (int64_t)cp[i].size};
		struct want *w = bsearch(&key, want, nw, sizeof *want, by_size);
		if (memcmp(w->root, cp[i].root, 32)) {
			rc = bad(r, "checkpoint %zu: the root at %llu events is not the signed one: the record or the checkpoint "
			         "was altered", i + 1, (unsigned long long)cp[i].size);
			break;
		}
		int ok[2];
		int v = note_verify(&notes[i], k, nk, ok, e);
		if (v < 0) {
			rc = bad(r, "checkpoint %zu: %s", i + 1, e->msg);
			break;
		}
		if (v == 0) {
			rc = bad(r, "checkpoint %zu: no signature by the buyer's or the partner's key", i + 1);
			break;
		}
		r->signatures += v;
		r->checkpoints++;
	}
	if (rc == 0)
		r->bad_checkpoint = 0;
	for (size_t i = 0; i < ncp; i++)
		note_release(&notes[i]);
	free(notes);
	free(cp);
	free(want);
	return rc;
}
