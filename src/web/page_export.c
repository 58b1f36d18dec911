/* page_export.c - GET /partners/{id}/export/{kind}.csv (or .json): one
 * relationship's rows of a kind as a download, the same bytes rapport
 * export writes (export.h), so that a file taken from the web imports with
 * rapport import. Anyone who may see the relationship page may download
 * its rows: a factory's user gets its own record back. The file is named
 * after the partner in ASCII (ICU's transliteration), as browsers and
 * spreadsheets handle such names best. */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "export.h"
#include "store/parties.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/web.h"

/* ICU's transliterator from any script to plain ASCII, opened once (it
 * takes a tenth of a second) and used by one thread at a time. */
static pthread_mutex_t latin_lock = PTHREAD_MUTEX_INITIALIZER;
static UTransliterator *latin;
static int latin_failed;

/* name in lower-case ASCII as far as ICU can write it ("东莞长青" is "dong
 * guan zhang qing", "Dệt" is "det"), or name as it is. */
static void ascii_name(const char *name, char *out, size_t size)
{
	UChar buf[512];
	int32_t len = 0, limit;
	UErrorCode st = U_ZERO_ERROR;
	snprintf(out, size, "%s", name);
	u_strFromUTF8(buf, (int32_t)(sizeof buf / sizeof buf[0]), &len, name, -1, &st);
	if (U_FAILURE(st))
		return;
	pthread_mutex_lock(&latin_lock);
	if (!latin && !latin_failed) {
		UChar id[64];
		u_uastrcpy(id, "Any-Latin; Latin-ASCII; Lower");
		latin = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
		latin_failed = U_FAILURE(st);
	}
	limit = len;
	if (latin)
		utrans_transUChars(latin, buf, &len, (int32_t)(sizeof buf / sizeof buf[0]), 0, &limit, &st);
	pthread_mutex_unlock(&latin_lock);
	char text[1024];
	int32_t n = 0;
	if (latin && U_SUCCESS(st) && (u_strToUTF8(text, sizeof text, &n, buf, len, &st), U_SUCCESS(st)) &&
	    (size_t)n < sizeof text)
		snprintf(out, size, "%.*s", (int)n, text);
}

/* The file's name: the partner's name in ASCII letters and digits, words
 * joined by '-' ("dongguan-evergreen-knitwear-co-ltd"), up to 47
 * characters and whole words when the name is longer, or partner-ID when
 * there are none; then the kind and the extension. */
static void file_name(const struct party *p, const char *kind, const char *ext, char *out, size_t size)
{
	char ascii[512], slug[48];
	size_t n = 0;
	const char *c;
	ascii_name(p->name, ascii, sizeof ascii);
	for (c = ascii; *c && n < sizeof slug - 1; c++) {
		if (isalnum((unsigned char)*c) && !((unsigned char)*c & 0x80))
			slug[n++] = (char)tolower((unsigned char)*c);
		else if (n && slug[n - 1] != '-')
			slug[n++] = '-';
	}
	/* cut in a word: back to the end of the one before, if there is one */
	if (n == sizeof slug - 1 && isalnum((unsigned char)*c) && memchr(slug, '-', n))
		while (slug[n - 1] != '-')
			n--;
	while (n && slug[n - 1] == '-')
		n--;
	slug[n] = '\0';
	if (n)
		snprintf(out, size, "%s-%s.%s", slug, kind, ext);
	else
		snprintf(out, size, "partner-%lld-%s.%s", (long long)p->id, kind, ext);
}

int page_export(struct req *r, struct err *e)
{
	int64_t id;
	if (r->nparam < 2 || !web_id_parse(r->param[0], &id) || !web_partner_visible(r, id)) {
		req_send_error(r, 404, _("There is no partner at this address."));
		return 0;
	}
	/* "orders.csv": a kind and a format */
	char kind[32];
	const char *file = r->param[1], *dot = strrchr(file, '.');
	const struct import_kind *k = NULL;
	if (dot && (size_t)(dot - file) < sizeof kind) {
		memcpy(kind, file, (size_t)(dot - file));
		kind[dot - file] = '\0';
		k = import_kind_find(kind);
	}
	int json = dot && !strcmp(dot, ".json");
	if (!k || (!json && strcmp(dot, ".csv"))) {
		req_send_error(r, 404, _("There is no such download: orders, payments, contacts, people or commitments, "
		                         "as .csv or .json."));
		return 0;
	}
	struct party p;
	int found = store_partner_get(r->db, id, &p, e);
	if (found <= 0) {
		if (found < 0)
			return -1;
		req_send_error(r, 404, _("There is no partner with this id."));
		return 0;
	}
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return err_set(e, ERR_IO, "export: no memory for the file");
	int rc = export_rows(r->db, k, id, json ? EXPORT_JSON : EXPORT_CSV, f, e);
	if (fclose(f) && rc == 0)
		rc = err_set(e, ERR_IO, "export: no memory for the file");
	if (rc) {
		free(text);
		return -1;
	}
	char *body = h2o_mem_alloc_pool(r->pool, len + 1);
	memcpy(body, text, len + 1);
	free(text);
	char name[96], disposition[128];
	file_name(&p, k->name, json ? "json" : "csv", name, sizeof name);
	snprintf(disposition, sizeof disposition, "attachment; filename=\"%s\"", name);
	req_header(r, "content-disposition", disposition);
	req_header(r, "cache-control", "private, no-cache");
	req_send(r, 200, json ? "application/json" : "text/csv; charset=utf-8; header=present", body, len);
	return 0;
}
