/* tests/fuzz/form.c - libFuzzer harness for the URL-encoded form parser
 * (src/web/form.c). Checks, beyond "no crash, no sanitizer report": a
 * refused input leaves an empty form, every name and value is valid UTF-8
 * without NUL and no longer than the input, and form_get finds the first
 * of each name. Seeds in tests/fuzz/corpus/form; `make fuzz` runs it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "web/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	h2o_mem_pool_t pool;
	h2o_mem_init_pool(&pool);
	struct form f;
	struct err e;
	int big;
	if (form_parse(&f, &pool, (const char *)data, size, &big, &e)) {
		if (f.n != 0 || e.code != ERR_INPUT)
			abort();
	} else {
		for (size_t i = 0; i < f.n; i++) {
			const struct form_field *x = &f.f[i];
			if (strlen(x->name) != x->name_len || strlen(x->value) != x->value_len ||
			    !utf8_valid(x->name, x->name_len) || !utf8_valid(x->value, x->value_len) ||
			    x->name_len + x->value_len > size)
				abort();
			const char *first = form_get(&f, x->name);
			size_t j = 0;
			while (strcmp(f.f[j].name, x->name))
				j++;
			if (first != f.f[j].value || form_count(&f, x->name) == 0)
				abort();
		}
	}
	h2o_mem_clear_pool(&pool);
	return 0;
}
