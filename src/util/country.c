/* country.c - reads iso-codes' iso_3166-1.json on each lookup; lookups are
 * rare (validating a command), so no cache is kept. */
#include <stddef.h>

#include "util/country.h"

#include <jansson.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#define ISO3166_JSON "/usr/share/iso-codes/json/iso_3166-1.json"

int country_lookup(const char *code, char *name, size_t size, struct err *e)
{
	if (strlen(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z')
		return 0;
	const char *path = getenv("RAPPORT_ISO3166");
	if (!path || !*path)
		path = ISO3166_JSON;
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	if (!root)
		return err_set(e, ERR_IO, "cannot read the ISO 3166 table %s (Debian package iso-codes): %s",
		               path, je.text);
	json_t *list = json_object_get(root, "3166-1");
	int found = 0;
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *c = json_array_get(list, i);
		const char *a2 = json_string_value(json_object_get(c, "alpha_2"));
		if (a2 && !strcmp(a2, code)) {
			const char *n = json_string_value(json_object_get(c, "name"));
			if (name && size)
				snprintf(name, size, "%s", n ? n : code);
			found = 1;
			break;
		}
	}
	json_decref(root);
	return found;
}
