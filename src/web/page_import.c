/* page_import.c - GET and POST /partners/{id}/import: a CSV file of
 * orders, payments, contacts, people or commitments uploaded from the
 * browser and imported as `rapport import --partner ID` imports it
 * (web/csv_import.h): every row or none, by the signed-in user for their
 * own side. "Check the file" runs it as a dry run and shows what would be
 * imported, with the file kept in the page so that one more click imports
 * it; a refused file comes back with a table of its bad rows (row, column,
 * problem). Each side imports what its web forms record (side_may); a
 * factory's user into its own relationship only. One import runs at a
 * time (csv_import_claim). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "import.h"
#include "store/parties.h"
#include "util/charset.h"
#include "web/csv_import.h"
#include "web/flash.h"
#include "web/forms.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/route.h"
#include "web/session.h"
#include "web/web.h"

#define CSS                                                                                    \
	".kinds dt{font-weight:600;margin-top:.6rem}.kinds dd{margin:0}\n"                         \
	".kinds code{background:#eef1f4;padding:0 .25rem;border-radius:3px}\n"                     \
	"form .actions{display:flex;gap:.6rem;flex-wrap:wrap}\n"

/* The kinds as the form offers them; their names and columns are import.c's. */
static const struct {
	const char *kind, *label, *what;
} kinds[] = {
	{"orders", N_("Orders"), N_("Purchase orders, each with its six milestones and its deposit and balance.")},
	{"payments", N_("Payments"),
	 N_("Payments the buyer owes; with paid, already paid; with po and label, an order's deposit or balance.")},
	{"contacts", N_("Contacts"), N_("Calls, video calls, messages, e-mails and meetings.")},
	{"people", N_("People"), N_("The people of either side.")},
	{"commitments", N_("Commitments"),
	 N_("Promises with an owner and a due date; with an outcome, already kept or broken; with first_due and "
	    "renegotiated, moved to new dates; with po and milestone, an order's milestone.")},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* The encodings the form offers (charset.h; test_charset checks the C
 * library knows each), UTF-8 first: what a spreadsheet saves as plain CSV
 * where factories are. */
static const struct {
	const char *name, *label;
} encodings[] = {
	{"utf-8", N_("UTF-8 (CSV UTF-8)")},
	{"gb18030", N_("Simplified Chinese (GB18030, GBK)")},
	{"big5", N_("Traditional Chinese (Big5)")},
	{"windows-1258", N_("Vietnamese (Windows-1258)")},
	{"windows-1252", N_("Western European (Windows-1252)")},
	{"windows-1254", N_("Turkish (Windows-1254)")},
	{"shift_jis", N_("Japanese (Shift JIS)")},
	{"euc-kr", N_("Korean (EUC-KR)")},
	{"utf-16", N_("Unicode text (UTF-16)")},
};
#define NENCODINGS (sizeof encodings / sizeof encodings[0])
/* Warnings the message after an import lists (flash.h holds 1500 bytes) */
#define FLASH_WARNINGS 4

/* 1 when the user's side may import kind (csv_import_side_may). */
static int side_may(const struct req *r, const char *kind)
{
	return csv_import_side_may(r->session->partner ? "partner" : "buyer", kind);
}

struct page {
	struct req *r;
	struct party p;
	const char *kind;     /* chosen, or NULL */
	const char *encoding; /* the file's, as chosen (encodings), or NULL: UTF-8 */
	const char *notice;   /* a refusal above the form */
	int status;
	struct csv_import ci; /* what was checked or refused */
	int checked;          /* a dry run found every row good */
	int skip;             /* leave out rows recorded before */
};

/* The partner in the path, if the user may see it: 1, or 0 once a 404 is sent. */
static int load(struct req *r, struct page *pg, struct err *e)
{
	int64_t id;
	*pg = (struct page){.r = r, .status = 200};
	if (!web_param_id(r, 0, &id) || !web_partner_visible(r, id))
		return web_not_found(r);
	int found = store_partner_get(r->db, id, &pg->p, e);
	if (found < 0)
		return -1;
	return found ? 1 : web_not_found(r);
}

static void kinds_help(struct html *h, const struct req *r)
{
	html_printf(h, "<section class=\"kinds\">\n<h2>%h</h2>\n<p class=\"hint\">%h</p>\n<dl>\n",
	            _("The columns of each kind"),
	            _("The header row names the columns, in any order; those marked * must have a value in every row. "
	              "A file downloaded from a relationship page imports again."));
	for (size_t i = 0; i < NKINDS; i++) {
		const struct import_kind *k = import_kind_find(kinds[i].kind);
		if (!side_may(r, kinds[i].kind))
			continue;
		html_printf(h, "<dt>%h</dt>\n<dd>%h ", _(kinds[i].label), _(kinds[i].what));
		for (size_t c = 0; k->columns[c].name; c++) {
			if (!strcmp(k->columns[c].name, "partner"))
				continue; /* the page says whose rows they are */
			html_printf(h, "<code>%h%h</code> ", k->columns[c].name, import_column_required(k, c) ? "*" : "");
		}
		html_lit(h, "</dd>\n");
	}
	html_lit(h, "</dl>\n</section>\n");
}

/* The bad rows of a refused file. */
static void bad_rows(struct html *h, const json_t *bad)
{
	if (!json_array_size(bad))
		return;
	html_printf(h, "<div class=\"scroll\"><table class=\"list bad-rows\">\n<thead><tr><th>%h</th><th>%h</th><th>%h</th>"
	               "</tr></thead>\n<tbody>\n",
	            _("Row"), _("Column"), _("Problem"));
	size_t i;
	const json_t *b;
	json_array_foreach(bad, i, b) {
		const char *field = json_string_value(json_object_get(b, "field"));
		html_printf(h, "<tr><td>%lld</td><td>%h</td><td>%h</td></tr>\n",
		            (long long)json_integer_value(json_object_get(b, "row")), field ? field : "",
		            json_string_value(json_object_get(b, "message")));
	}
	html_lit(h, "</tbody></table></div>\n");
	if (json_array_size(bad) >= IMPORTER_MAX_ERRORS)
		html_printf(h, "<p class=\"hint\">%h</p>\n", _("Reading stopped at the 20th bad row."));
}

static void warnings_list(struct html *h, const struct csv_import *ci)
{
	if (!json_array_size(ci->warnings))
		return;
	html_printf(h, "<p>%h</p>\n<ul class=\"warnings\">\n", _("Warnings (nothing is refused for them):"));
	size_t i;
	const json_t *w;
	json_array_foreach(ci->warnings, i, w)
		html_printf(h, "<li>%h %lld: %h</li>\n", _("Row"), (long long)json_integer_value(json_object_get(w, "row")),
		            json_string_value(json_object_get(w, "message")));
	size_t more = ci->res.nwarnings - json_array_size(ci->warnings);
	if (more) {
		char line[96];
		snprintf(line, sizeof line, P_("and %zu more like it", "and %zu more like these", more), more);
		html_printf(h, "<li>%h</li>\n", line);
	}
	html_lit(h, "</ul>\n");
}

static void send_page(struct page *pg)
{
	struct req *r = pg->r;
	struct html h;
	char action[48];
	html_init(&h, r->pool);
	layout_begin_css(&h, r, _("Import from a CSV file"), CSS);
	html_printf(&h, "<p><a href=\"/partners/%lld\">%h</a></p>\n<h1>%h</h1>\n<p>%h</p>\n", (long long)pg->p.id,
	            pg->p.name, _("Import from a CSV file"),
	            _("Each row is checked and recorded exactly as if it were entered in the forms, by you, for your side. "
	              "All rows or none: if one row is refused, nothing is recorded. Times without a zone are the "
	              "buyer's."));
	if (pg->notice)
		layout_notice(&h, pg->notice);
	bad_rows(&h, pg->ci.bad);
	snprintf(action, sizeof action, "/partners/%lld/import", (long long)pg->p.id);
	if (pg->checked) {
		/* the file passed: import it as it is, without choosing it again */
		const struct importer_result *res = &pg->ci.res;
		char line[512];
		char events[64];
		snprintf(events, sizeof events, P_("%zu event", "%zu events", res->events), res->events);
		snprintf(line, sizeof line,
		         P_("%s: %zu row would be imported (%s). Nothing has been recorded yet.",
		            "%s: %zu rows would be imported (%s). Nothing has been recorded yet.", res->rows),
		         pg->ci.name, res->rows, events);
		html_printf(&h, "<section class=\"checked\">\n<h2>%h</h2>\n<p>%h</p>\n", _("The file is ready"), line);
		if (res->closed) {
			snprintf(line, sizeof line,
			         P_("%zu of them will record the outcome (paid, kept, broken) of a record made before.",
			            "%zu of them will record the outcomes (paid, kept, broken) of records made before.",
			            res->closed),
			         res->closed);
			html_printf(&h, "<p>%h</p>\n", line);
		}
		if (res->renegotiated) {
			snprintf(line, sizeof line,
			         P_("%zu of them will record new due dates agreed for a promise made before.",
			            "%zu of them will record new due dates agreed for promises made before.", res->renegotiated),
			         res->renegotiated);
			html_printf(&h, "<p>%h</p>\n", line);
		}
		if (res->skipped) {
			snprintf(line, sizeof line,
			         P_("%zu row recorded before will be left out.", "%zu rows recorded before will be left out.",
			            res->skipped),
			         res->skipped);
			html_printf(&h, "<p>%h</p>\n", line);
		}
		warnings_list(&h, &pg->ci);
		/* the file's bytes as they are, in base64: a browser would turn its
		 * line ends into CRLF in a text field */
		size_t b64 = sodium_base64_ENCODED_LEN(pg->ci.len, sodium_base64_VARIANT_ORIGINAL);
		char *text = h2o_mem_alloc_pool(r->pool, b64);
		sodium_bin2base64(text, b64, (const unsigned char *)pg->ci.text, pg->ci.len, sodium_base64_VARIANT_ORIGINAL);
		html_printf(&h, "<form method=\"post\" action=\"%h\" enctype=\"multipart/form-data\">\n", action);
		layout_csrf(&h, r);
		html_printf(&h, "\n<input type=\"hidden\" name=\"kind\" value=\"%h\">\n"
		                "<input type=\"hidden\" name=\"name\" value=\"%h\">\n"
		                "<input type=\"hidden\" name=\"encoding\" value=\"%h\">\n"
		                "<input type=\"hidden\" name=\"csv64\" value=\"%h\">\n",
		            pg->kind, pg->ci.name, pg->encoding ? pg->encoding : encodings[0].name, text);
		if (pg->skip)
			html_lit(&h, "<input type=\"hidden\" name=\"skip_recorded\" value=\"1\">\n");
		html_printf(&h, "<p class=\"actions\"><button type=\"submit\">%h</button></p>\n</form>\n</section>\n",
		            P_("Import this row", "Import these rows", res->rows));
	}
	const char *options[2 * NKINDS + 1];
	size_t n = 0;
	for (size_t i = 0; i < NKINDS; i++) {
		if (!side_may(r, kinds[i].kind))
			continue;
		options[n++] = kinds[i].kind;
		options[n++] = _(kinds[i].label);
	}
	options[n] = NULL;
	html_printf(&h, "<h2>%h</h2>\n<form method=\"post\" action=\"%h\" enctype=\"multipart/form-data\">\n",
	            pg->checked ? _("Or choose another file") : _("Choose the file"), action);
	layout_csrf(&h, r);
	layout_field(&h, &(struct layout_field){.name = "kind", .label = _("What the rows are"), .type = "select",
	                                         .value = pg->kind, .options = options, .required = 1});
	layout_field(&h, &(struct layout_field){.name = "file", .label = _("The file"), .type = "file", .required = 1,
	                                         .hint = _("CSV with a header row, as a spreadsheet saves it; "
	                                                   "1 MiB at most.")});
	const char *choices[2 * NENCODINGS + 1];
	for (n = 0; n < 2 * NENCODINGS; n += 2) {
		choices[n] = encodings[n / 2].name;
		choices[n + 1] = _(encodings[n / 2].label);
	}
	choices[n] = NULL;
	layout_field(&h, &(struct layout_field){
	                     .name = "encoding", .label = _("Its encoding"), .type = "select",
	                     .value = pg->encoding ? pg->encoding : encodings[0].name, .options = choices,
	                     .hint = _("Excel's \"CSV UTF-8\" is UTF-8. Its plain \"CSV\" is in the computer's own "
	                               "encoding: Simplified Chinese on a Chinese Windows, Vietnamese on a Vietnamese "
	                               "one.")});
	layout_checkbox(&h,
	                &(struct layout_field){
	                    .name = "skip_recorded", .label = _("Leave out rows recorded before"),
	                    .hint = _("A row the same in every value and time as a record already there is the file "
	                              "imported again. Left out, the other rows are imported; otherwise the file is "
	                              "refused.")},
	                pg->skip);
	html_printf(&h, "<p class=\"actions\"><button type=\"submit\" name=\"check\" value=\"1\">%h</button> "
	                "<button type=\"submit\" class=\"secondary\">%h</button></p>\n",
	            _("Check the file"), _("Import"));
	layout_form_end(&h);
	kinds_help(&h, r);
	layout_end(&h, r);
	req_send_html(r, pg->status, &h);
}

int page_import(struct req *r, struct err *e)
{
	struct page pg;
	int ok = load(r, &pg, e);
	if (ok <= 0)
		return ok;
	const char *kind = form_get(&r->query, "kind");
	pg.kind = kind && import_kind_find(kind) && side_may(r, kind) ? kind : NULL;
	send_page(&pg);
	return 0;
}

static int do_import(struct req *r, struct web_tx *tx, void *ctx, struct err *e)
{
	return csv_import_run(r, tx, ctx, e);
}

/* Answers a refusal: the form again with the message (and the bad rows). */
static int refuse(struct page *pg, int status, const char *notice)
{
	pg->status = status;
	pg->notice = notice;
	send_page(pg);
	csv_import_release(&pg->ci);
	return 0;
}

int page_import_post(struct req *r, struct err *e)
{
	struct page pg;
	int ok = load(r, &pg, e);
	if (ok <= 0)
		return ok;
	const char *kind = form_get(&r->form, "kind");
	pg.kind = kind && import_kind_find(kind) ? kind : NULL;
	const struct form_file *file = multipart_file(&r->files, "file");
	const char *kept = form_get(&r->form, "csv64"); /* a checked file, sent again */
	if (!pg.kind)
		return refuse(&pg, 400, _("Choose what the rows are."));
	if (!side_may(r, pg.kind)) {
		pg.kind = NULL;
		return refuse(&pg, 403, _("Orders and payments are the buyer's to record: your side imports contacts, "
		                          "people and commitments."));
	}
	const char *encoding = form_get(&r->form, "encoding");
	for (size_t i = 0; encoding && i < NENCODINGS; i++)
		if (!strcmp(encoding, encodings[i].name))
			pg.encoding = encodings[i].name;
	if (encoding && *encoding && !pg.encoding)
		return refuse(&pg, 400, _("Choose the file's encoding."));
	struct csv_import *ci = &pg.ci;
	ci->rel = pg.p.id;
	ci->kind = pg.kind;
	ci->charset = pg.encoding;
	pg.skip = form_get(&r->form, "skip_recorded") != NULL;
	ci->skip_recorded = pg.skip;
	ci->dry_run = form_get(&r->form, "check") != NULL;
	if (file && file->len) {
		ci->name = file->filename[0] ? file->filename : "file.csv";
		ci->text = file->data;
		ci->len = file->len;
	} else if (kept && *kept) {
		const char *name = form_get(&r->form, "name");
		size_t n = strlen(kept);
		unsigned char *text = h2o_mem_alloc_pool(r->pool, n / 4 * 3 + 3);
		if (sodium_base642bin(text, n / 4 * 3 + 3, kept, n, NULL, &ci->len, NULL, sodium_base64_VARIANT_ORIGINAL))
			return refuse(&pg, 400, _("The form could not be read."));
		ci->name = name && *name ? name : "file.csv";
		ci->text = (const char *)text;
	} else {
		return refuse(&pg, 400, file && file->filename[0] ? _("The file is empty.") : _("Choose a file."));
	}
	if (ci->len > CSV_IMPORT_MAX)
		return refuse(&pg, 413, _("The file is too large: 1 MiB at most. Import it with rapport import."));
	if (!csv_import_claim()) {
		req_header(r, "retry-after", CSV_IMPORT_RETRY);
		return refuse(&pg, 429, _("Another file is being imported right now. Try again in a few seconds."));
	}
	struct err bad = {0};
	int rc = web_write(r, do_import, ci, NULL, &bad);
	csv_import_release_claim();
	if (rc) {
		if (bad.code != ERR_INPUT) {
			csv_import_release(ci);
			*e = bad;
			return -1;
		}
		size_t n = json_array_size(ci->bad);
		char notice[sizeof bad.msg + 256];
		if (!n) /* the file as a whole: the message names it */
			snprintf(notice, sizeof notice, "%s", bad.msg);
		else if (ci->not_charset)
			snprintf(notice, sizeof notice,
			         _("%s: nothing was imported: it is not in the encoding chosen (see the row below). Choose "
			           "the one it was saved in."),
			         ci->name);
		else if (importer_imported_again(&ci->res) && !strcmp(pg.kind, "orders"))
			snprintf(notice, sizeof notice,
			         P_("%s: nothing was imported: its row is an order recorded already. Was this file imported "
			            "before?",
			            "%s: nothing was imported: each row is an order recorded already. Was this file imported "
			            "before?",
			            n),
			         ci->name);
		else if (importer_imported_again(&ci->res))
			snprintf(notice, sizeof notice,
			         P_("%s: nothing was imported: its row is recorded already. Was this file imported before? "
			            "\"Leave out rows recorded before\" imports only the new ones.",
			            "%s: nothing was imported: each row is recorded already. Was this file imported before? "
			            "\"Leave out rows recorded before\" imports only the new ones.",
			            n),
			         ci->name);
		else if (ci->res.known == n && strcmp(pg.kind, "orders"))
			/* a file sent again with more rows: the new ones are wanted */
			snprintf(notice, sizeof notice,
			         P_("%s: nothing was imported: %zu row is recorded already, shown below. \"Leave out rows "
			            "recorded before\" imports the others.",
			            "%s: nothing was imported: %zu rows are recorded already, shown below. \"Leave out rows "
			            "recorded before\" imports the others.",
			            n),
			         ci->name, n);
		else
			snprintf(notice, sizeof notice,
			         P_("%s: %zu bad row, shown below; nothing was imported.",
			            "%s: %zu bad rows, shown below; nothing was imported.", n),
			         ci->name, n);
		return refuse(&pg, 422, h2o_strdup(r->pool, notice, SIZE_MAX).base);
	}
	if (!ci->res.rows) {
		char notice[300];
		if (ci->res.skipped) /* as asked: nothing wrong, and nothing new */
			snprintf(notice, sizeof notice, _("Every row of %s is recorded already: nothing to import."), ci->name);
		else
			snprintf(notice, sizeof notice, _("%s has a header row but no rows under it: nothing to import."),
			         ci->name);
		return refuse(&pg, ci->res.skipped ? 200 : 422, h2o_strdup(r->pool, notice, SIZE_MAX).base);
	}
	if (ci->dry_run) {
		pg.checked = 1;
		send_page(&pg);
		csv_import_release(ci);
		return 0;
	}
	char to[64];
	struct buf msg = {0};
	snprintf(to, sizeof to, "/partners/%lld", (long long)pg.p.id);
	char events[64];
	snprintf(events, sizeof events, P_("%zu event", "%zu events", ci->res.events), ci->res.events);
	buf_printf(&msg, P_("Imported %zu row from %s (%s).", "Imported %zu rows from %s (%s).", ci->res.rows),
	           ci->res.rows, ci->name, events);
	if (ci->res.closed)
		buf_printf(&msg,
		           P_(" %zu of them recorded the outcome (paid, kept, broken) of a record made before.",
		              " %zu of them recorded the outcomes (paid, kept, broken) of records made before.",
		              ci->res.closed),
		           ci->res.closed);
	if (ci->res.renegotiated)
		buf_printf(&msg,
		           P_(" %zu of them recorded new due dates agreed for a promise made before.",
		              " %zu of them recorded new due dates agreed for promises made before.", ci->res.renegotiated),
		           ci->res.renegotiated);
	if (ci->res.skipped)
		buf_printf(&msg, P_(" %zu row recorded before was left out.", " %zu rows recorded before were left out.",
		                    ci->res.skipped),
		           ci->res.skipped);
	/* the warnings themselves, as many as the message holds (flash.h) */
	if (ci->res.nwarnings)
		buf_printf(&msg, P_("\n%zu warning (nothing was refused for it):",
		                    "\n%zu warnings (nothing was refused for them):", ci->res.nwarnings),
		           ci->res.nwarnings);
	size_t i, shown = 0;
	const json_t *w;
	struct buf line = {0};
	json_array_foreach(ci->warnings, i, w) {
		line.len = 0;
		buf_printf(&line, "\n%s %lld: %s", _("Row"), (long long)json_integer_value(json_object_get(w, "row")),
		           json_string_value(json_object_get(w, "message")));
		/* as many as fit with room for the line saying how many more */
		if (i == FLASH_WARNINGS || msg.len + line.len + 120 > FLASH_MAX_BYTES)
			break;
		buf_add(&msg, line.data, line.len);
		shown++;
	}
	buf_release(&line);
	if (ci->res.nwarnings > shown)
		buf_printf(&msg, P_("\nand %zu more like it", "\nand %zu more like these", ci->res.nwarnings - shown),
		           ci->res.nwarnings - shown);
	flash_set(r, to, msg.data);
	buf_release(&msg);
	csv_import_release(ci);
	web_redirect(r, to);
	return 0;
}
