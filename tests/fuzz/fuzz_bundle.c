/* fuzz_bundle.c - libFuzzer harness for bundle.c's two readers: arbitrary
 * bytes read as a bundle by the fast reader (on one thread and on two)
 * and by jansson's must get the same answer, word for word: the same
 * message when they are not a bundle, else the same events, checkpoints
 * and verdict. The fast reader may only ever pass to jansson what it is
 * not sure of, never read a document differently. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"

static void fail(const char *why, const char *a, const char *b)
{
	fprintf(stderr, "fuzz_bundle: %s\n  %s\n  %s\n", why, a ? a : "", b ? b : "");
	abort();
}

static int same_events(const struct bundle *a, const struct bundle *b)
{
	if (a->nevents != b->nevents || a->ncps != b->ncps || strcmp(a->origin, b->origin) || strcmp(a->uid, b->uid))
		return 0;
	for (size_t i = 0; i < a->nevents; i++) {
		const struct bundle_event *x = &a->events[i], *y = &b->events[i];
		if (x->seq != y->seq || x->id != y->id || memcmp(x->prev_hash, y->prev_hash, 32) ||
		    memcmp(x->hash, y->hash, 32) || x->env_len != y->env_len || memcmp(x->env, y->env, x->env_len))
			return 0;
	}
	for (size_t i = 0; i < a->ncps; i++)
		if (a->cps[i].len != b->cps[i].len || memcmp(a->cps[i].text, b->cps[i].text, a->cps[i].len))
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *doc = (const char *)data;
	struct bundle j, f[2];
	struct err ej = {0}, ef[2] = {{0}, {0}};
	int rj = bundle_parse_jansson(&j, doc, size, &ej);
	for (int k = 0; k < 2; k++) {
		int rf = bundle_parse(&f[k], doc, size, k + 1, &ef[k]);
		if (rf != rj || (rf && strcmp(ef[k].msg, ej.msg)))
			fail(k ? "the fast reader on two threads and jansson differ" : "the fast reader and jansson differ",
			     rf ? ef[k].msg : "(read)", rj ? ej.msg : "(read)");
	}
	if (rj)
		return 0;
	for (int k = 0; k < 2; k++)
		if (!same_events(&f[k], &j))
			fail("the readers read different events", NULL, NULL);
	struct bundle_report rr[3];
	struct err ev = {0};
	int v[3] = {bundle_verify(&j, 1, &rr[0], &ev), bundle_verify(&f[0], 1, &rr[1], &ev),
	            bundle_verify(&f[1], 2, &rr[2], &ev)};
	for (int k = 1; k < 3; k++)
		if (v[k] != v[0] || strcmp(rr[k].reason, rr[0].reason) || rr[k].bad_seq != rr[0].bad_seq)
			fail("the verdicts differ", rr[k].reason, rr[0].reason);
	bundle_release(&j);
	bundle_release(&f[0]);
	bundle_release(&f[1]);
	return 0;
}
