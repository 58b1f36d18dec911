/* cmd_list.c - the listing commands (people, commitments, orders, ...):
 * rows of one projection as a table or a JSON array. The SQL and the
 * columns shown are in store/domain.c's listing table. */
#include <jansson.h>
#include <string.h>

#include "cmd.h"
#include "store/domain.h"
#include "store/parties.h"
#include "util/table.h"
#include "util/utf8.h"

static const struct listing *find_listing(const char *name)
{
	for (size_t i = 0; i < store_nlistings; i++)
		if (!strcmp(store_listings[i].name, name))
			return &store_listings[i];
	return NULL;
}

/* A cell of the text table: "-" for NULL, dates of instants cut to the day. */
static void cell(struct table *t, const json_t *v, struct buf *b)
{
	buf_reset(b);
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		int cut;
		buf_add(b, s, utf8_line(s, 60, &cut));
		if (cut)
			buf_adds(b, "...");
	} else if (json_is_integer(v)) {
		buf_printf(b, "%lld", (long long)json_integer_value(v));
	} else {
		buf_adds(b, "-");
	}
	table_cell(t, b->data);
}

int cmd_list(struct app *app, const args_t *a, struct err *e)
{
	const struct listing *l = find_listing(a->cmd->listing);
	int64_t rel = 0;
	struct party p;
	if (arg_find(a, "partner") && (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e)))
		return -1;
	json_t *rows = json_array();
	if (store_list(app->db, l, rel, arg_find(a, "open") != NULL, rows, e)) {
		json_decref(rows);
		return -1;
	}
	if (app->json) {
		cmd_print_json(app, rows);
		return 0;
	}
	if (json_array_size(rows) == 0) {
		fprintf(app->out, "No %s%s.\n", a->cmd->name, arg_find(a, "open") ? " open" : "");
		json_decref(rows);
		return 0;
	}
	/* header: the listing's columns, upper-cased */
	char cols[256], *save = NULL;
	const char *names[TABLE_MAX_COLS + 1];
	char upper[TABLE_MAX_COLS][32];
	int n = 0;
	snprintf(cols, sizeof cols, "%s", l->columns);
	for (char *c = strtok_r(cols, " ", &save); c && n < TABLE_MAX_COLS; c = strtok_r(NULL, " ", &save)) {
		size_t i = 0;
		for (; c[i] && i < sizeof upper[n] - 1; i++)
			upper[n][i] = (char)(c[i] >= 'a' && c[i] <= 'z' ? c[i] - 32 : c[i] == '_' ? ' ' : c[i]);
		upper[n][i] = '\0';
		names[n] = upper[n];
		n++;
	}
	names[n] = NULL;
	struct table t;
	table_init(&t, names);
	struct buf b = BUF_INIT;
	snprintf(cols, sizeof cols, "%s", l->columns);
	for (size_t r = 0; r < json_array_size(rows); r++) {
		json_t *row = json_array_get(rows, r);
		save = NULL;
		for (char *c = strtok_r(cols, " ", &save); c; c = strtok_r(NULL, " ", &save))
			cell(&t, json_object_get(row, c), &b);
		snprintf(cols, sizeof cols, "%s", l->columns);
	}
	table_print(&t, app->out);
	table_release(&t);
	buf_release(&b);
	json_decref(rows);
	return 0;
}
