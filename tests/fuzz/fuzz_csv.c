/* fuzz_csv.c - libFuzzer harness for rapport import: arbitrary bytes read
 * as a CSV file (libcsv, the header mapping, row decoding, the events'
 * validation and the ledger append, orders with their milestones, the
 * rows recorded before) against a scratch database with a buyer, one
 * partner and one record of each kind. The first byte picks the kind (low
 * 3 bits), whether --partner 1 is given (bit 3) and --skip-recorded (bit
 * 4), and the encoding the rest is read from (bits 5-6: UTF-8 as it is,
 * GB18030, Windows-1258, UTF-16); the rest is the file. Each input runs in
 * its own transaction, rolled back. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "import.h"
#include "store/parties.h"
#include "util/charset.h"

#define NOW 1795600800 /* 2026-11-25T10:00Z */

static struct app app;
static char dir[] = "/tmp/rapport-fuzz-csv-XXXXXX", path[64];

/* The scratch database goes when the fuzzer exits (not after a crash). */
static void cleanup(void)
{
	static const char *const suffix[] = {"", "-wal", "-shm"};
	char p[80];
	ledger_release(&app.ledger);
	db_close(app.db);
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
	rmdir(dir);
}

static void die(const char *what, const struct err *e)
{
	fprintf(stderr, "fuzz_csv: %s: %s\n", what, e->msg);
	exit(1);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct err e = {0};
	if (!mkdtemp(dir))
		exit(1);
	snprintf(path, sizeof path, "%s/f.db", dir);
	app.db_path = path;
	app.author = "fuzz";
	app.side = "buyer";
	app.now = NOW;
	app.out = fopen("/dev/null", "w");
	struct party b = {.id = 1, .name = "Linden & Rowe", .country = "GB", .tz = "Europe/London", .since = NOW};
	if (db_open(&app.db, path, DB_CREATE, &e) || store_buyer_insert(app.db, &b, &e) ||
	    ledger_init(&app.ledger, app.db, &e))
		die("database", &e);
	json_t *body = json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s}}", "name", "Dongguan Evergreen Knitwear", "country",
	                         "CN", "tz", "Asia/Shanghai", "buyer", "name", b.name, "country", b.country, "tz", b.tz);
	struct ledger_entry in = {"relationship.open", "buyer", "fuzz", NOW - 86400 * 400, NOW, body};
	struct event ev;
	int64_t rel;
	if (ledger_open(&app.ledger, &in, &rel, &ev, &e))
		die("partner", &e);
	json_decref(body);
	/* a record of each kind, for rows that repeat one */
	static const char *const recorded[][2] = {
		{"contacts", "by,kind,note,at\nbuyer,call,Lab dips,2026-11-02T09:00Z\n"},
		{"people", "side,name,role,lang,at\npartner,\xe7\x8e\x8b\xe4\xbc\x9f,qc,zh,2026-11-02\n"},
		{"payments", "amount,currency,due,label,at\n500.00,USD,2026-12-01,sample run,2026-11-02\n"},
		{"commitments", "side,what,due,at\nbuyer,Approve the lab dips,2026-11-20,2026-11-02\n"},
		{"orders", "po,style,qty,price,currency,ex_factory,at\nA,S,10,1,USD,2027-06-01,2026-11-02\n"},
	};
	for (size_t i = 0; i < sizeof recorded / sizeof recorded[0]; i++) {
		struct cmd_import_opts o = {.name = "init.csv", .kind = recorded[i][0], .partner = 1, .errors = stderr};
		struct cmd_import_result res;
		FILE *f = fmemopen((void *)recorded[i][1], strlen(recorded[i][1]), "rb");
		if (!f || db_begin(app.db, &e) || cmd_import_stream(&app, f, &o, &res, &e) || db_commit(app.db, &e))
			die("records", &e);
		fclose(f);
	}
	buf_reset(&app.warnings);
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	struct cmd_import_opts o = {
		.name = "fuzz.csv",
		.kind = import_kinds[(data[0] & 7) % import_nkinds].name,
		.partner = data[0] & 8 ? 1 : 0,
		.errors = app.out,
		.skip_recorded = (data[0] & 16) != 0,
	};
	static const char *const encodings[] = {NULL, "GB18030", "WINDOWS-1258", "UTF-16"};
	const char *enc = encodings[(data[0] >> 5) & 3];
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	struct buf utf8 = BUF_INIT;
	if (enc) {
		struct err bad = {0};
		size_t line = 0;
		if (charset_to_utf8(enc, text, len, &utf8, &line, &bad)) {
			if (bad.code != ERR_INPUT || !line)
				die("charset", &bad);
			buf_release(&utf8);
			return 0; /* not that encoding: refused before any row is read */
		}
		/* converted text is UTF-8, whole characters, NUL-terminated */
		if (utf8.data[utf8.len] != '\0')
			die("charset", &(struct err){.msg = "not terminated"});
		text = utf8.data;
		len = utf8.len;
	}
	FILE *in = len ? fmemopen((void *)text, len, "rb") : NULL;
	if (!in) {
		buf_release(&utf8);
		return 0;
	}
	struct cmd_import_result res;
	struct err e = {0};
	if (db_begin(app.db, &e))
		die("begin", &e);
	int r = cmd_import_stream(&app, in, &o, &res, &e);
	fclose(in);
	buf_release(&utf8);
	db_rollback(app.db);
	buf_reset(&app.warnings);
	/* a refusal is bad input; anything else (a failed write) is a bug here */
	if (r && e.code != ERR_INPUT)
		die("import", &e);
	if (!r && res.bad)
		die("import", &(struct err){.msg = "bad rows but no error"});
	return 0;
}
