/* csv_import.c - a CSV file imported from the web (csv_import.h). */
#include "web/csv_import.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "store/parties.h"
#include "util/charset.h"
#include "util/utf8.h"
#include "web/forms.h"
#include "web/fmt.h"
#include "web/session.h"

const char *csv_import_split(const char *msg, char *field, size_t size)
{
	static const char prefix[] = "column \"";
	field[0] = '\0';
	if (strncmp(msg, prefix, sizeof prefix - 1))
		return msg;
	const char *name = msg + sizeof prefix - 1, *end = strstr(name, "\": ");
	if (!end || (size_t)(end - name) >= size)
		return msg;
	memcpy(field, name, (size_t)(end - name));
	field[end - name] = '\0';
	return end + 3;
}

/* {"row", "field", "message"} ({"row", "message"} when with_field is 0),
 * the message cut to its well-formed UTF-8: one quoting a long value may
 * end in the middle of a character, which JSON cannot hold. */
static json_t *row_json(size_t line, int with_field, const char *field, const char *msg)
{
	json_t *o = json_object(), *m = json_stringn(msg, utf8_valid_prefix(msg, strlen(msg)));
	if (!o || !m)
		abort(); /* out of memory */
	json_object_set_new(o, "row", json_integer((json_int_t)line));
	if (with_field)
		json_object_set_new(o, "field", field ? json_string(field) : json_null());
	json_object_set_new(o, "message", m);
	return o;
}

static void on_bad(void *ctx, size_t line, const char *msg)
{
	struct csv_import *ci = ctx;
	char field[64];
	const char *rest = csv_import_split(msg, field, sizeof field);
	json_array_append_new(ci->bad, row_json(line, 1, field[0] ? field : NULL, rest));
}

static void on_warn(void *ctx, size_t line, const char *msg)
{
	struct csv_import *ci = ctx;
	json_array_append_new(ci->warnings, row_json(line, 0, NULL, msg));
}

int csv_import_run(struct req *r, struct web_tx *tx, struct csv_import *ci, struct err *e)
{
	struct party buyer;
	int found = store_buyer_get(tx->db, &buyer, e);
	if (found <= 0)
		return found < 0 ? -1 : err_set(e, ERR_IO, "the record has no buyer");
	const struct zone *zone = fmt_zone(r->fmt, buyer.tz, e);
	if (!zone)
		return -1;
	if (!ci->len)
		return err_set(e, ERR_INPUT, "%s: the file is empty", ci->name);
	if (!ci->bad)
		ci->bad = json_array();
	if (!ci->warnings)
		ci->warnings = json_array();
	/* a file in another encoding, converted (a few milliseconds a MiB) */
	const char *charset = charset_choose(ci->charset, ci->text, ci->len);
	struct buf utf8 = BUF_INIT;
	const char *text = ci->text;
	size_t len = ci->len;
	if (charset) {
		size_t line = 0;
		struct err bad = {0};
		if (charset_to_utf8(charset, ci->text, ci->len, &utf8, &line, &bad)) {
			buf_release(&utf8);
			if (bad.code != ERR_INPUT || !line) /* an unknown name: the caller's to check */
				return err_set(e, ERR_IO, "%s", bad.msg);
			json_array_append_new(ci->bad, row_json(line, 1, NULL, bad.msg));
			ci->not_charset = 1;
			return err_set(e, ERR_INPUT, "%s: nothing was imported: is the file in another encoding?", ci->name);
		}
		text = utf8.data;
		len = utf8.len;
	}
	FILE *in = len ? fmemopen((void *)text, len, "rb") : fopen("/dev/null", "rb");
	if (!in) {
		buf_release(&utf8);
		return err_set(e, ERR_IO, "fmemopen: out of memory");
	}
	struct importer_opts o = {
		.name = ci->name, .kind = ci->kind, .partner = ci->rel, .partner_said = "this file is for partner",
		.side = r->session->partner ? "partner" : "buyer", .author = r->session->email,
		.now = tx->now, .zone = zone, .local = zone_local_time, .local_ctx = (void *)zone,
		.bad = on_bad, .warn = on_warn, .ctx = ci,
		.skip_recorded = ci->skip_recorded, .skip_said = ci->skip_said,
	};
	int rc = importer_run(tx->ledger, in, &o, &ci->res, e);
	fclose(in);
	buf_release(&utf8);
	tx->discard = ci->dry_run;
	return rc;
}

static atomic_int importing;

int csv_import_claim(void)
{
	int idle = 0;
	return atomic_compare_exchange_strong(&importing, &idle, 1);
}

void csv_import_release_claim(void)
{
	atomic_store(&importing, 0);
}

void csv_import_release(struct csv_import *ci)
{
	json_decref(ci->bad);
	json_decref(ci->warnings);
	ci->bad = ci->warnings = NULL;
}

int csv_import_side_may(const char *side, const char *kind)
{
	const struct import_kind *k = import_kind_find(kind);
	const struct forms_kind *fk = k ? forms_kind(k->event) : NULL;
	if (!fk || !forms_side_may(fk, side))
		return 0;
	for (const struct import_close *c = k->closes; c && c->event; c++)
		if (!(fk = forms_kind(c->event)) || !forms_side_may(fk, side))
			return 0;
	return 1;
}
