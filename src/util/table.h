/* table.h - aligned plain-text tables for listing commands. Widths are
 * display columns (a Chinese character takes two), not bytes. */
#ifndef RAPPORT_TABLE_H
#define RAPPORT_TABLE_H

#include <stdio.h>

#define TABLE_MAX_COLS 10

struct table {
	int ncols;
	char **cells;  /* row-major, owned */
	size_t ncells, cap;
};

/* Starts a table with its header row (ncols NULL-terminated names). */
void table_init(struct table *t, const char *const *header);
/* Adds one cell; rows fill left to right. s is copied ("" for NULL). */
void table_cell(struct table *t, const char *s);
/* Prints with two spaces between columns; the last column is not padded. */
void table_print(struct table *t, FILE *f);
void table_release(struct table *t);

/* Display width of UTF-8 text, by wcwidth (needs a UTF-8 LC_CTYPE). */
int table_width(const char *s);

#endif
