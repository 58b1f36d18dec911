/* cmd_export.c - `rapport export --kind K`: one partner's rows of a CSV
 * kind, as CSV (RFC 4180, CRLF line ends) or a JSON array, with the
 * columns rapport import reads, so that an export imports again
 * (export.c). Without --kind, the whole record as a bundle
 * (cmd_export_bundle.c). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "export.h"
#include "store/parties.h"

int cmd_export(struct app *app, const args_t *a, struct err *e)
{
	const char *kind = arg_str(a, "kind"), *format = arg_str(a, "format"), *path = arg_str(a, "out");
	if (!kind) {
		if (format)
			return err_set(e, ERR_INPUT, "--format: only with --kind (a bundle is always JSON)");
		return cmd_export_bundle(app, a, e);
	}
	const struct import_kind *k = import_kind_find(kind);
	if (!k)
		return err_set(e, ERR_INPUT, "--kind: %s: \"%s\"", import_kind_list(), kind);
	if (format && strcmp(format, "csv") && strcmp(format, "json"))
		return err_set(e, ERR_INPUT, "--format: csv or json: \"%s\"", format);
	int64_t rel;
	struct party p;
	if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e))
		return -1;

	/* into FILE.tmp, renamed over FILE once complete */
	char tmp[4096];
	FILE *f = app->out;
	if (path) {
		if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
			return err_set(e, ERR_INPUT, "--out: the path is too long");
		if (!(f = fopen(tmp, "wb")))
			return err_set(e, errno == ENOENT || errno == EACCES || errno == EISDIR ? ERR_INPUT : ERR_IO,
			               "--out: %s: %s", tmp, strerror(errno));
	}
	int r = export_rows(app->db, k, rel, format && !strcmp(format, "json") ? EXPORT_JSON : EXPORT_CSV, f, e);
	if (path) {
		int bad = ferror(f);
		bad |= fclose(f) != 0;
		if (r == 0 && bad)
			r = err_set(e, ERR_IO, "--out: writing %s failed", tmp);
		if (r == 0 && rename(tmp, path))
			r = err_set(e, ERR_IO, "--out: %s: %s", path, strerror(errno));
		if (r)
			unlink(tmp);
	}
	return r ? -1 : 0;
}
