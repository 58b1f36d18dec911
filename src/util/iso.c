/* iso.c - reads iso-codes' JSON files on each lookup. Lookups happen when a
 * command is validated, not in loops over stored data, so nothing is cached. */
#include "util/iso.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int iso_lookup(enum iso_table t, const char *code, char *name, size_t size, struct err *e)
{
	if (strlen(code) != tables[t].len)
		return 0;
	for (const char *p = code; *p; p++)
		if (!isalpha((unsigned char)*p) || (tables[t].upper ? !isupper((unsigned char)*p) : !islower((unsigned char)*p)))
			return 0;
	char path[512];
	const char *override = getenv(tables[t].env);
	if (override && *override)
		snprintf(path, sizeof path, "%s", override);
	else
		snprintf(path, sizeof path, "%s/%s", ISO_DIR, tables[t].file);
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	if (!root)
		return err_set(e, ERR_IO, "cannot read %s (Debian package iso-codes): %s", path, je.text);
	json_t *list = json_object_get(root, tables[t].list);
	int found = 0;
	for (size_t i = 0; i < json_array_size(list) && !found; i++) {
		json_t *c = json_array_get(list, i);
		const char *k = json_string_value(json_object_get(c, tables[t].key));
		if (k && !strcmp(k, code)) {
			const char *n = json_string_value(json_object_get(c, "name"));
			if (name && size)
				snprintf(name, size, "%s", n ? n : code);
			found = 1;
		}
	}
	json_decref(root);
	return found;
}
