/* tests/fuzz/fuzz_multipart.c - libFuzzer harness for the multipart/form-data
 * decoder (src/web/multipart.c, GMime underneath). The input's first line
 * is the request's Content-Type, the rest its body. Checks, beyond "no
 * crash, no sanitizer report": a refused input leaves no field and no
 * file and says ERR_INPUT; an accepted one has text fields of valid UTF-8
 * without NUL, files no longer than the body, at most MULTIPART_MAX_FILES,
 * and multipart_file finds each file by its name. Seeds in
 * tests/fuzz/corpus/multipart; `make fuzz` runs it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "web/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *nl = memchr(s, '\n', size);
	if (!nl)
		return 0;
	size_t ct_len = (size_t)(nl - s);
	const char *body = nl + 1;
	size_t len = size - ct_len - 1;
	h2o_mem_pool_t pool;
	h2o_mem_init_pool(&pool);
	struct form f;
	struct form_files files;
	struct err e = {0};
	if (multipart_parse(&pool, s, ct_len, body, len, &f, &files, &e)) {
		if (f.n != 0 || files.n != 0 || e.code != ERR_INPUT || !e.msg[0])
			abort();
	} else {
		for (size_t i = 0; i < f.n; i++) {
			const struct form_field *x = &f.f[i];
			if (strlen(x->name) != x->name_len || strlen(x->value) != x->value_len ||
			    !utf8_valid(x->name, x->name_len) || !utf8_valid(x->value, x->value_len) || x->value_len > len)
				abort();
		}
		if (files.n > MULTIPART_MAX_FILES)
			abort();
		for (size_t i = 0; i < files.n; i++) {
			const struct form_file *x = &files.f[i];
			if (x->len > len || x->data[x->len] != '\0' || !utf8_valid(x->filename, strlen(x->filename)))
				abort();
			const struct form_file *found = multipart_file(&files, x->name);
			if (!found || strcmp(found->name, x->name))
				abort();
		}
	}
	h2o_mem_clear_pool(&pool);
	return 0;
}
