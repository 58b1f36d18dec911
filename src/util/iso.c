/* iso.c - reads iso-codes' JSON files once per process (an import or the
 * demo validates thousands of codes) and answers lookups from memory. */
#include "util/iso.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

static const struct {
	const char *file, *list, *key, *env;
	size_t len;
	int upper;
} tables[] = {
	[ISO_COUNTRY] = {"iso_3166-1.json", "3166-1", "alpha_2", "RAPPORT_ISO3166", 2, 1},
	[ISO_CURRENCY] = {"iso_4217.json", "4217", "alpha_3", "RAPPORT_ISO4217", 3, 1},
	[ISO_LANGUAGE] = {"iso_639-2.json", "639-2", "alpha_2", "RAPPORT_ISO639", 2, 0},
};

#define ISO_DIR "/usr/share/iso-codes/json"

/* The parsed files, loaded once each (call_once makes it thread-safe) and
 * kept until exit; a file that could not be read is retried next time. */
static json_t *loaded[3];
static json_t *by_code[3]; /* code -> entry of loaded[t]: an import checks a code per row */
static char load_error[3][400];
static once_flag once[3] = {ONCE_FLAG_INIT, ONCE_FLAG_INIT, ONCE_FLAG_INIT};
static mtx_t retry_lock;
static once_flag retry_once = ONCE_FLAG_INIT;

static void load(enum iso_table t)
{
	char path[512];
	const char *override = getenv(tables[t].env);
	if (override && *override)
		snprintf(path, sizeof path, "%s", override);
	else
		snprintf(path, sizeof path, "%s/%s", ISO_DIR, tables[t].file);
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	if (!root) {
		snprintf(load_error[t], sizeof load_error[t], "cannot read %.200s (Debian package iso-codes): %.80s", path,
		         je.text);
		return;
	}
	json_t *list = json_incref(json_object_get(root, tables[t].list));
	json_decref(root);
	if (!json_is_array(list)) {
		snprintf(load_error[t], sizeof load_error[t], "%.200s has no \"%s\" list", path, tables[t].list);
		json_decref(list);
		return;
	}
	json_t *index = json_object();
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *c = json_array_get(list, i);
		const char *k = json_string_value(json_object_get(c, tables[t].key));
		if (k && !json_object_get(index, k)) /* the first entry of a code names it */
			json_object_set(index, k, c);
	}
	by_code[t] = index;
	loaded[t] = list;
}

static void load_country(void) { load(ISO_COUNTRY); }
static void load_currency(void) { load(ISO_CURRENCY); }
static void load_language(void) { load(ISO_LANGUAGE); }
static void init_retry(void) { mtx_init(&retry_lock, mtx_plain); }

static json_t *table(enum iso_table t, struct err *e)
{
	static void (*const loaders[3])(void) = {load_country, load_currency, load_language};
	call_once(&once[t], loaders[t]);
	if (!loaded[t]) {
		/* a failed load (say, a test pointing at a missing file) is tried again */
		call_once(&retry_once, init_retry);
		mtx_lock(&retry_lock);
		if (!loaded[t])
			load(t);
		mtx_unlock(&retry_lock);
	}
	if (!loaded[t])
		err_set(e, ERR_IO, "%s", load_error[t]);
	return loaded[t];
}

int iso_lookup(enum iso_table t, const char *code, char *name, size_t size, struct err *e)
{
	if (strlen(code) != tables[t].len)
		return 0;
	for (const char *p = code; *p; p++)
		if (!isalpha((unsigned char)*p) || (tables[t].upper ? !isupper((unsigned char)*p) : !islower((unsigned char)*p)))
			return 0;
	if (!table(t, e))
		return -1;
	json_t *c = json_object_get(by_code[t], code);
	if (!c)
		return 0;
	const char *n = json_string_value(json_object_get(c, "name"));
	if (name && size)
		snprintf(name, size, "%s", n ? n : code);
	return 1;
}
