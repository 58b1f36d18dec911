/* fuzz_csv.c - libFuzzer harness for rapport import: arbitrary bytes read
 * as a CSV file (libcsv, the header mapping, row decoding, the events'
 * validation and the ledger append, orders with their milestones) against
 * a scratch database with a buyer and one partner. The first byte picks
 * the kind (low 3 bits) and whether --partner 1 is given (bit 3); the rest
 * is the file. Each input runs in its own transaction, rolled back. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "import.h"
#include "store/parties.h"

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
	};
	FILE *in = fmemopen((void *)(data + 1), size - 1, "rb");
	if (!in)
		return 0;
	struct cmd_import_result res;
	struct err e = {0};
	if (db_begin(app.db, &e))
		die("begin", &e);
	int r = cmd_import_stream(&app, in, &o, &res, &e);
	fclose(in);
	db_rollback(app.db);
	buf_reset(&app.warnings);
	/* a refusal is bad input; anything else (a failed write) is a bug here */
	if (r && e.code != ERR_INPUT)
		die("import", &e);
	if (!r && res.bad)
		die("import", &(struct err){.msg = "bad rows but no error"});
	return 0;
}
