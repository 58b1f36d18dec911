/* table.c - column alignment for CLI listings. No knowledge of what is listed. */
#include "util/table.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

void table_init(struct table *t, const char *const *header)
{
	memset(t, 0, sizeof *t);
	while (header[t->ncols])
		t->ncols++;
	for (int i = 0; i < t->ncols; i++)
		table_cell(t, header[i]);
}

void table_cell(struct table *t, const char *s)
{
	if (t->ncells == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		t->cells = realloc(t->cells, t->cap * sizeof *t->cells);
		if (!t->cells)
			abort();
	}
	t->cells[t->ncells] = strdup(s ? s : "");
	if (!t->cells[t->ncells])
		abort();
	t->ncells++;
}

int table_width(const char *s)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	int w = 0;
	size_t left = strlen(s);
	while (left > 0) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, left, &st);
		if (n == (size_t)-1 || n == (size_t)-2) { /* not UTF-8 here: count bytes */
			memset(&st, 0, sizeof st);
			n = 1;
			w++;
		} else {
			if (n == 0)
				break;
			int cw = wcwidth(wc);
			w += cw > 0 ? cw : 0;
		}
		s += n;
		left -= n;
	}
	return w;
}

void table_print(struct table *t, FILE *f)
{
	int width[TABLE_MAX_COLS] = {0};
	for (size_t i = 0; i < t->ncells; i++) {
		int c = (int)(i % (size_t)t->ncols), w = table_width(t->cells[i]);
		if (c < TABLE_MAX_COLS && w > width[c])
			width[c] = w;
	}
	for (size_t i = 0; i < t->ncells; i++) {
		int c = (int)(i % (size_t)t->ncols);
		fputs(t->cells[i], f);
		if (c == t->ncols - 1 || i == t->ncells - 1) {
			fputc('\n', f);
		} else {
			for (int pad = width[c] - table_width(t->cells[i]) + 2; pad > 0; pad--)
				fputc(' ', f);
		}
	}
}

void table_release(struct table *t)
{
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof *t);
}
