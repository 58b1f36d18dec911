/* bench/import.c - rapport import at scale: writes N order rows (default
 * 1 000 000; the first argument gives another N) as a CSV file in a
 * temporary directory, imports them into a fresh database through
 * cmd_import_stream (what `rapport import --kind orders --partner 1` runs:
 * every row validated, nine hash-chained events per order, one
 * transaction), then N contact rows (one event each) into another, and
 * prints rows/s, events/s and the peak resident memory.
 *
 * The baseline is the floor under any import of those rows: SQLite alone
 * copying the rows the import wrote (INSERT ... SELECT from the imported
 * database, one transaction, the same schema, cache and synchronous
 * setting) into another fresh database, so no row is parsed, validated or
 * hashed. It is timed for all the rows, for one event an order with all
 * the projected rows (the least a ledger keeping an order's milestones and
 * payments in its one event would write), and for one event and one order
 * row an order (no milestone or payment rows at all). The goal for orders
 * is 1 M rows in under 10 s. Figures only: nothing is asserted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"
#include "cmd.h"

static void die(const char *what, const struct err *e)
{
	fprintf(stderr, "bench-import: %s: %s\n", what, e->msg);
	exit(3);
}

static long peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* N rows of orders, varied like a season's buying: 40 styles, quantities
 * from 100 to 9 999, prices with cents, ex-factory dates over 2027. */
static void write_orders(const char *path, long n)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(3);
	}
	fputs("po,style,qty,price,currency,ex_factory\n", f);
	for (long i = 0; i < n; i++)
		fprintf(f, "LR-%07ld,\"Style %ld, %s\",%ld,%ld.%02ld,%s,2027-%02ld-%02ld\n", i, i % 40,
		        i % 3 ? "navy" : "ecru", 100 + i * 7919 % 9900, 3 + i % 37, i * 13 % 100, i % 5 ? "USD" : "EUR",
		        1 + i % 12, 1 + i * 31 % 28);
	if (fclose(f)) {
		perror(path);
		exit(3);
	}
}

static void write_contacts(const char *path, long n)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(3);
	}
	static const char *const kinds[] = {"call", "video", "message", "email", "meeting"};
	fputs("by,kind,note,at\n", f);
	/* one every 30 s, up to BENCH_NOW: never in the future */
	for (long i = 0; i < n; i++)
		fprintf(f, "%s,%s,\"Weekly call %ld: lab dips, trims, bulk fabric ETA\",@%lld\n", i % 3 ? "buyer" : "partner",
		        kinds[i % 5], i, (long long)BENCH_NOW - (long long)(n - i) * 30);
	if (fclose(f)) {
		perror(path);
		exit(3);
	}
}

/* A fresh database with the buyer and one partner (id 1). */
static void fresh(struct app *app, const char *path)
{
	struct err e = {0};
	struct party b = {.id = 1, .name = "Linden & Rowe", .country = "GB", .tz = "Europe/London", .since = BENCH_NOW};
	*app = (struct app){.db_path = path, .author = "bench", .side = "buyer", .now = BENCH_NOW, .out = stdout};
	if (db_open(&app->db, path, DB_CREATE, &e) || store_buyer_insert(app->db, &b, &e) ||
	    ledger_init(&app->ledger, app->db, &e))
		die("database", &e);
	json_t *body = json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s}}", "name", "Dongguan Evergreen Knitwear", "country",
	                         "CN", "tz", "Asia/Shanghai", "buyer", "name", b.name, "country", b.country, "tz", b.tz);
	struct ledger_entry in = {"relationship.open", "buyer", "bench", BENCH_NOW - 86400L * 3 * 365, BENCH_NOW, body};
	struct event ev;
	int64_t rel;
	if (ledger_open(&app->ledger, &in, &rel, &ev, &e))
		die("partner", &e);
	json_decref(body);
}

/* Deletes the database at path with its log and shared-memory files. */
static void remove_db(const char *path)
{
	char aux[600];
	static const char *const suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(aux, sizeof aux, "%s%s", path, suffix[i]);
		unlink(aux);
	}
}

static void close_app(struct app *app)
{
	ledger_release(&app->ledger);
	db_close(app->db);
	buf_release(&app->warnings);
}

static long long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) ? 0 : (long long)st.st_size;
}

/* Imports csv into a fresh database db, which it leaves for the floor;
 * prints the figures and returns the seconds taken. */
static double run(const char *label, const char *kind, const char *csv, const char *db, long n)
{
	struct app app;
	struct err e = {0};
	fresh(&app, db);
	FILE *in = fopen(csv, "rb");
	if (!in) {
		perror(csv);
		exit(3);
	}
	struct cmd_import_opts o = {.name = csv, .kind = kind, .partner = 1, .errors = stderr};
	struct cmd_import_result res;
	long rss_before = peak_rss_kb();
	double t0 = now_s();
	if (db_begin(app.db, &e) || cmd_import_stream(&app, in, &o, &res, &e))
		die(kind, &e);
	double t1 = now_s();
	if (db_commit(app.db, &e))
		die("commit", &e);
	double t2 = now_s();
	fclose(in);
	long long bytes = file_size(db);
	char wal[600];
	snprintf(wal, sizeof wal, "%s-wal", db);
	bytes += file_size(wal);
	printf("  %-9s %8ld rows  %8zu events  %7.2f s (commit %.2f s)  %8.0f rows/s  %8.0f events/s\n", label, n,
	       res.events, t2 - t0, t2 - t1, (double)res.rows / (t2 - t0), (double)res.events / (t2 - t0));
	printf("  %-9s peak RSS %ld MB (%ld MB before the import), database %.0f MB\n", "", peak_rss_kb() / 1024,
	       rss_before / 1024, (double)bytes / 1048576);
	if (res.rows != (size_t)n)
		printf("  %-9s only %zu of %ld rows imported\n", "", res.rows, n);
	close_app(&app);
	return t2 - t0;
}

/* The rows of the imported database from that SQLite copies into a fresh
 * one at to, timed from BEGIN to the end of COMMIT; the first event
 * (relationship.open) is already there. what says which rows; import is
 * the import's time, for the ratio. */
static void floor_copy(const char *from, const char *to, const char *what, const char *events, int projections,
                       long n, double import)
{
	struct app app;
	struct err e = {0};
	char attach[600];
	fresh(&app, to);
	snprintf(attach, sizeof attach, "ATTACH '%s' AS a", from);
	if (db_cache_mib(app.db, 64, &e) || db_exec(app.db, attach, &e))
		die("floor", &e);
	double t0 = now_s();
	if (db_begin(app.db, &e) || db_exec(app.db, events, &e) ||
	    db_exec(app.db, "INSERT INTO main.orders SELECT * FROM a.orders", &e) ||
	    (projections && (db_exec(app.db, "INSERT INTO main.commitments SELECT * FROM a.commitments", &e) ||
	                     db_exec(app.db, "INSERT INTO main.payments SELECT * FROM a.payments", &e))) ||
	    db_commit(app.db, &e))
		die("floor", &e);
	double t = now_s() - t0;
	printf("    %-40s %7.2f s  %8.0f rows/s  import/floor %5.1f\n", what, t, (double)n / t, import / t);
	if (db_exec(app.db, "DETACH a", &e))
		die("floor", &e);
	close_app(&app);
	remove_db(to);
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	if (n <= 0) {
		fprintf(stderr, "usage: bench-import [ROWS]\n");
		return 2;
	}
	char dir[] = "/tmp/rapport-bench-import-XXXXXX", csv[128], db[128];
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 3;
	}
	printf("import bench: %ld rows per kind, one transaction, synchronous=FULL, WAL\n", n);
	snprintf(csv, sizeof csv, "%s/orders.csv", dir);
	snprintf(db, sizeof db, "%s/orders.db", dir);
	double t0 = now_s();
	write_orders(csv, n);
	printf("  orders.csv: %.1f MB written in %.2f s\n", (double)file_size(csv) / 1048576, now_s() - t0);
	double import = run("orders", "orders", csv, db, n);
	unlink(csv);
	char to[128];
	snprintf(to, sizeof to, "%s/floor.db", dir);
	printf("  floor: the imported rows copied by SQLite alone (INSERT ... SELECT, one transaction)\n");
	floor_copy(db, to, "9 events and 9 rows an order (as stored)",
	           "INSERT INTO main.events SELECT * FROM a.events WHERE seq > 1", 1, n, import);
	floor_copy(db, to, "1 event and 9 rows an order",
	           "INSERT INTO main.events SELECT * FROM a.events WHERE kind = 'order.add'", 1, n, import);
	floor_copy(db, to, "1 event and 1 row an order",
	           "INSERT INTO main.events SELECT * FROM a.events WHERE kind = 'order.add'", 0, n, import);
	remove_db(db);
	snprintf(csv, sizeof csv, "%s/contacts.csv", dir);
	snprintf(db, sizeof db, "%s/contacts.db", dir);
	write_contacts(csv, n);
	run("contacts", "contacts", csv, db, n);
	remove_db(db);
	unlink(csv);
	rmdir(dir);
	printf("  goal: 1 000 000 order rows in under 10 s\n");
	return 0;
}
