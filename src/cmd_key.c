/* cmd_key.c - `rapport key create` and `rapport key show`, and the key
 * helpers init and partner add share (docs/verify.md). */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "keys.h"
#include "store/parties.h"
#include "util/time.h"

int cmd_keys_dir(struct app *app, const args_t *a, char *out, size_t len, struct err *e)
{
	return keys_dir(out, len, arg_find(a, "keys"), app->keys_env, app->db_path, e);
}

int cmd_key_new(struct app *app, const args_t *a, int64_t org, struct org_key *k, char *path, size_t len,
                struct err *e)
{
	char dir[1024];
	if (cmd_keys_dir(app, a, dir, sizeof dir, e) ||
	    keys_create(app->db, app->ledger.sha, org, dir, app->now, k, path, len, e))
		return -1;
	snprintf(app->undo_file, sizeof app->undo_file, "%s", path);
	return 0;
}

/* The org --partner names (checked), else the buyer. */
static int org_of(struct app *app, const args_t *a, int64_t *org, struct err *e)
{
	*org = ORG_BUYER;
	if (!arg_str(a, "partner"))
		return 0;
	struct party p;
	return arg_id(a, "partner", org, e) || cmd_partner_get(app, *org, &p, e) ? -1 : 0;
}

static void print_key(struct app *app, const struct org_key *k, const char *path)
{
	struct note_key vk;
	keys_verifier(k, &vk);
	struct buf vkey = BUF_INIT, pub = BUF_INIT;
	note_key_format(&vkey, &vk);
	note_base64(&pub, k->pub, 32);
	char id[9], created[21];
	snprintf(id, sizeof id, "%08x", k->key_id);
	time_format_utc(k->created, created);
	if (app->json) {
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "side", k->org == ORG_BUYER ? "buyer" : "partner",
		                      "name", k->name, "key_id", id, "public_key", pub.data, "vkey", vkey.data, "created",
		                      created);
		if (k->org != ORG_BUYER)
			json_object_set_new(o, "partner", json_integer(k->org));
		if (path)
			json_object_set_new(o, "private_key_file", json_string(path));
		cmd_print_json(app, o);
	} else {
		fprintf(app->out, "name:         %s\nkey id:       %s\npublic key:   %s\nverifier key: %s\n", k->name, id,
		        pub.data, vkey.data);
		if (path)
			fprintf(app->out, "private key:  %s (keep it secret; back it up)\n", path);
	}
	buf_release(&vkey);
	buf_release(&pub);
}

int cmd_key_create(struct app *app, const args_t *a, struct err *e)
{
	int64_t org;
	if (org_of(app, a, &org, e))
		return -1;
	struct org_key k;
	char path[1024];
	if (cmd_key_new(app, a, org, &k, path, sizeof path, e))
		return -1;
	print_key(app, &k, path);
	return 0;
}

int cmd_key_show(struct app *app, const args_t *a, struct err *e)
{
	int64_t org;
	if (org_of(app, a, &org, e))
		return -1;
	struct org_key k;
	int r = store_key_get(app->db, org, &k, e);
	if (r < 0)
		return -1;
	if (r == 0 && org == ORG_BUYER)
		return err_set(e, ERR_INPUT, "the buyer has no signing key yet (create one with: rapport key create)");
	if (r == 0)
		return err_set(e, ERR_INPUT, "partner %lld has no signing key yet (create one with: rapport key create "
		               "--partner %lld)", (long long)org, (long long)org);
	print_key(app, &k, NULL);
	return 0;
}
