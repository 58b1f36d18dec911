/* cmd_import_bundle.c - `rapport import-bundle FILE`: keeps a side's own
 * copy of a record from the bundles the other side exports (replica.h):
 * the bundle is verified, then imported, or extended by its new events; a
 * fork is printed with both signed checkpoints and, with --evidence, written
 * to a file. One transaction: a refused bundle changes nothing. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bundle.h"
#include "cmd.h"
#include "replica.h"
#include "store/parties.h"

/* Prints a fork's evidence: both checkpoints and, when their sizes differ,
 * what the proof shows. */
static void print_fork(struct app *app, const char *path, const struct replica_result *res, const char *evidence_file)
{
	json_t *ev = res->evidence;
	fprintf(app->out, "FORK: %s: %s\n", path, res->reason);
	static const char *const part[2] = {"stored", "bundle"};
	static const char *const where[2] = {"the copy held here", "the bundle"};
	for (int i = 0; i < 2; i++) {
		json_t *p = json_object_get(ev, part[i]);
		const char *note = json_string_value(json_object_get(p, "checkpoint"));
		if (note) {
			fprintf(app->out, "\nsigned checkpoint of %s:\n%s", where[i], note);
		} else {
			fprintf(app->out, "\n%s has no signed checkpoint that covers event %lld\n", where[i],
			        (long long)res->first_diff);
		}
	}
	json_t *proof = json_object_get(ev, "proof");
	if (proof)
		fprintf(app->out,
		        "\nIn the tree signed at %lld events, the first %lld events have root %s, not the root the other "
		        "checkpoint signs at that size (consistency proof in the evidence).\n",
		        (long long)json_integer_value(json_object_get(proof, "new_size")),
		        (long long)json_integer_value(json_object_get(proof, "old_size")),
		        json_string_value(json_object_get(proof, "old_root")));
	fprintf(app->out, "\nNothing was imported.");
	if (evidence_file)
		fprintf(app->out, " The evidence is in %s.", evidence_file);
	fputc('\n', app->out);
}

static int write_evidence(const char *path, json_t *ev, struct err *e)
{
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if (json_dump_file(ev, tmp, JSON_INDENT(1)) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return err_set(e, ERR_INPUT, "--evidence: cannot write %s", path);
	}
	return 0;
}

/* verify --bundle's checks; 1 with the report printed when they fail. */
static int checked(struct app *app, const char *path, const struct bundle *b, struct err *e)
{
	struct bundle_report r;
	int rc = bundle_verify(b, cmd_cores(), &r, e);
	if (rc <= 0)
		return rc;
	if (app->json) {
		json_t *o = json_pack("{s:b, s:s, s:s}", "ok", 0, "origin", r.origin, "reason", r.reason);
		if (r.bad_seq)
			json_object_set_new(o, "seq", json_integer(r.bad_seq));
		if (r.bad_checkpoint)
			json_object_set_new(o, "checkpoint", json_integer(r.bad_checkpoint));
		cmd_print_json(app, o);
	} else {
		fprintf(app->out, "TAMPERED: %s: %s\n", path, r.reason);
	}
	return 1;
}

int cmd_import_bundle(struct app *app, const args_t *a, struct err *e)
{
	const char *path = a->pos[0], *evidence_file = arg_str(a, "evidence");
	if (!path)
		return err_set(e, ERR_INPUT, "import-bundle: needs the FILE of a bundle (rapport export writes one)");
	struct buf data = BUF_INIT;
	struct bundle b;
	if (cmd_read_file(path, BUNDLE_MAX_FILE, &data, e)) {
		buf_release(&data);
		return -1;
	}
	if (bundle_parse(&b, data.data, data.len, cmd_cores(), e)) {
		char msg[sizeof e->msg];
		snprintf(msg, sizeof msg, "%s", e->msg);
		buf_release(&data);
		return err_set(e, ERR_INPUT, "%s: %s", path, msg);
	}
	struct replica_result res = {0};
	int rc = checked(app, path, &b, e);
	if (rc == 0)
		rc = replica_import(&app->ledger, &b, app->now, &res, e);
	if (rc < 0 && e->code == ERR_INPUT) {
		char msg[sizeof e->msg];
		snprintf(msg, sizeof msg, "%s", e->msg);
		err_set(e, ERR_INPUT, "%s: %s", path, msg);
	}
	if (rc == 1 && res.evidence) {
		if (app->json)
			cmd_print_json(app, json_pack("{s:b, s:s, s:s, s:I, s:O}", "ok", 0, "fork",
			                              res.fork == REPLICA_SAME_SIZE ? "same-size" : "rewritten", "reason",
			                              res.reason, "first_difference", (json_int_t)res.first_diff, "evidence",
			                              res.evidence));
		else
			print_fork(app, path, &res, evidence_file);
		if (evidence_file && write_evidence(evidence_file, res.evidence, e))
			rc = -1;
	} else if (rc == 1 && res.reason[0]) {
		if (app->json)
			cmd_print_json(app, json_pack("{s:b, s:s}", "ok", 0, "reason", res.reason));
		else
			fprintf(app->out, "REFUSED: %s: %s\n", path, res.reason);
	} else if (rc == 0) {
		struct party p = {0};
		if (store_partner_get(app->db, res.rel, &p, e) < 0)
			rc = -1;
		else if (app->json)
			cmd_print_json(app, json_pack("{s:b, s:s, s:I, s:s, s:b, s:I, s:I, s:I, s:I, s:I}", "ok", 1, "origin",
			                              b.origin, "partner", (json_int_t)res.rel, "partner_name", p.name, "created",
			                              res.created, "held", (json_int_t)res.held, "events", (json_int_t)res.size,
			                              "appended", (json_int_t)res.appended, "checkpoints",
			                              (json_int_t)res.checkpoints, "signatures", (json_int_t)res.signatures));
		else {
			fprintf(app->out, "imported %s into partner %lld (%s): %lld new event%s", path, (long long)res.rel, p.name,
			        (long long)res.appended, res.appended == 1 ? "" : "s");
			if (!res.created)
				fprintf(app->out, " (%lld held, %lld in the bundle)", (long long)res.held, (long long)res.size);
			fprintf(app->out, ", %lld new checkpoint%s, %lld new signature%s", (long long)res.checkpoints,
			        res.checkpoints == 1 ? "" : "s", (long long)res.signatures, res.signatures == 1 ? "" : "s");
			if (!res.created && res.proof_hashes >= 0)
				fprintf(app->out, "; the consistency proof from %lld to %lld events holds (%lld hash%s)",
				        (long long)(res.held < res.size ? res.held : res.size),
				        (long long)(res.held < res.size ? res.size : res.held), (long long)res.proof_hashes,
				        res.proof_hashes == 1 ? "" : "es");
			else if (!res.created)
				fprintf(app->out, "; the roots at %lld events agree", (long long)res.held);
			fputc('\n', app->out);
		}
	}
	json_decref(res.evidence);
	bundle_release(&b);
	buf_release(&data);
	if (rc == 1) {
		e->code = ERR_CHECK;
		e->msg[0] = '\0';
		return -1;
	}
	return rc;
}
