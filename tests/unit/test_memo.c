/* test_memo.c - shared answers: a copy comes back for the same key and
 * version only; a new version or a key sharing the slot replaces it; the
 * byte budget is kept; threads may put and get at once. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "web/memo.h"

static h2o_mem_pool_t pool;

static void setup(void)
{
	h2o_mem_init_pool(&pool);
}

static void teardown(void)
{
	h2o_mem_clear_pool(&pool);
}

TestSuite(memo, .init = setup, .fini = teardown);

Test(memo, same_key_and_version_only)
{
	struct memo *m = memo_new();
	size_t len = 0;
	cr_assert_null(memo_get(m, "home:1", "1:7", &pool, &len));
	memo_put(m, "home:1", "1:7", "seven", 6);
	char *v = memo_get(m, "home:1", "1:7", &pool, &len);
	cr_assert_not_null(v);
	cr_assert_eq(len, 6);
	cr_assert_str_eq(v, "seven");
	v[0] = 'S'; /* a copy: the kept answer is untouched */
	cr_assert_str_eq(memo_get(m, "home:1", "1:7", &pool, &len), "seven");
	/* the record moved on: a miss, and the new answer replaces the old */
	cr_assert_null(memo_get(m, "home:1", "1:8", &pool, &len));
	memo_put(m, "home:1", "1:8", "eight", 6);
	cr_assert_null(memo_get(m, "home:1", "1:7", &pool, &len));
	cr_assert_str_eq(memo_get(m, "home:1", "1:8", &pool, &len), "eight");
	cr_assert_null(memo_get(m, "home:2", "1:8", &pool, &len));
	memo_free(m);
}

/* Far more keys than slots: one read between each put stays (it is always
 * the most recently used of its set); one left alone is pushed out. */
Test(memo, the_least_recently_used_goes)
{
	struct memo *m = memo_new();
	char key[32];
	size_t len;
	memo_put(m, "kept", "v", "read", 5);
	memo_put(m, "left", "v", "alone", 6);
	for (int i = 0; i < 10 * MEMO_SLOTS; i++) {
		snprintf(key, sizeof key, "k%d", i);
		memo_put(m, key, "v", "other", 6);
		cr_assert_not_null(memo_get(m, "kept", "v", &pool, &len), "pushed out after %d keys", i + 1);
		if (i % 1000 == 0) {
			h2o_mem_clear_pool(&pool);
			h2o_mem_init_pool(&pool);
		}
	}
	/* (not looked at before now: a look would count as a use) */
	cr_assert_null(memo_get(m, "left", "v", &pool, &len), "an answer nobody read outlived %d new keys",
	               10 * MEMO_SLOTS);
	memo_free(m);
}

Test(memo, keys_too_long_are_not_kept)
{
	struct memo *m = memo_new();
	char key[MEMO_KEY_MAX + 1];
	size_t len;
	memset(key, 'k', MEMO_KEY_MAX);
	key[MEMO_KEY_MAX] = '\0';
	memo_put(m, key, "v", "x", 2);
	cr_assert_null(memo_get(m, key, "v", &pool, &len));
	memo_free(m);
}

Test(memo, the_budget_holds)
{
	struct memo *m = memo_new();
	size_t big = MEMO_BYTES / 2 + 1, len;
	char *blob = calloc(1, big);
	memo_put(m, "a", "v", blob, big);
	cr_assert_not_null(memo_get(m, "a", "v", &pool, &len));
	/* a second half does not fit beside the first: not kept */
	const char *other = "b";
	for (char c = 'b'; c <= 'z'; c++) { /* a key in another slot than "a" */
		static char k[2];
		k[0] = c;
		memo_put(m, k, "v", "1", 2);
		if (memo_get(m, "a", "v", &pool, &len)) {
			other = k;
			break;
		}
	}
	memo_put(m, other, "v2", blob, big);
	cr_assert_null(memo_get(m, other, "v2", &pool, &len));
	cr_assert_not_null(memo_get(m, "a", "v", &pool, &len));
	/* replacing "a" itself with as much fits: its own bytes are freed */
	memo_put(m, "a", "v2", blob, big);
	cr_assert_not_null(memo_get(m, "a", "v2", &pool, &len));
	free(blob);
	memo_free(m);
}

struct worker {
	struct memo *m;
	int id;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	h2o_mem_pool_t p;
	h2o_mem_init_pool(&p);
	char key[32], val[32];
	for (int i = 0; i < 20000; i++) {
		snprintf(key, sizeof key, "k%d", i % 64);
		snprintf(val, sizeof val, "v%d", i % 64);
		memo_put(w->m, key, "v", val, strlen(val) + 1);
		size_t len;
		char *got = memo_get(w->m, key, "v", &p, &len);
		/* whoever put it last, the answer to k{n} is v{n} */
		if (got && strcmp(got + 1, key + 1))
			return (void *)1;
		if (i % 1000 == 0)
			h2o_mem_clear_pool(&p);
	}
	h2o_mem_clear_pool(&p);
	return NULL;
}

Test(memo, threads)
{
	struct memo *m = memo_new();
	pthread_t t[4];
	struct worker w[4];
	for (int i = 0; i < 4; i++) {
		w[i] = (struct worker){m, i};
		pthread_create(&t[i], NULL, work, &w[i]);
	}
	for (int i = 0; i < 4; i++) {
		void *rv;
		pthread_join(t[i], &rv);
		cr_assert_null(rv);
	}
	memo_free(m);
}
