/* cmd_key.c - `rapport key create` and `rapport key show`, and the key
 * helpers init and partner add share (docs/verify.md). */
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

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
	if (cmd_keys_dir(app, a, dir, sizeof dir, e) || keys_create(app->db, app->ledger.sha, org, dir, app->now, k, path, len, e))
		return -1;
	snprintf(app->undo_file, sizeof app->undo_file, "%s", path);
	return 0;
}

int cmd_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

int cmd_read_file(const char *path, size_t max, struct buf *out, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_INPUT, "%s: cannot read: %s", path, strerror(errno));
	/* a regular file is read in one go, into room made once */
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= max) {
		buf_grow(out, (size_t)st.st_size + 1);
		out->len += fread(out->data + out->len, 1, (size_t)st.st_size, f);
		out->data[out->len] = '\0';
	}
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf_add(out, chunk, n);
		if (out->len > max) {
			fclose(f);
			return err_set(e, ERR_INPUT, "%s: longer than %zu bytes", path, max);
		}
	}
	int bad = ferror(f);
	fclose(f);
	return bad ? err_set(e, ERR_INPUT, "%s: cannot read: %s", path, strerror(errno)) : 0;
}

int cmd_map_file(const char *path, size_t max, struct cmd_file *f, struct err *e)
{
	memset(f, 0, sizeof *f);
	/* Mapping saves copying a file of hundreds of MB that is read once,
	 * and MAP_POPULATE maps its pages in one go. What cannot be mapped (a
	 * pipe, an empty or too long file, an error) is left to
	 * cmd_read_file, which says what is wrong with it. */
	int fd = open(path, O_RDONLY);
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && (uintmax_t)st.st_size <= max) {
#ifndef MAP_POPULATE
#define MAP_POPULATE 0
#endif
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		if (m != MAP_FAILED) {
			f->map = m;
			f->data = m;
			f->len = (size_t)st.st_size;
			close(fd);
			return 0;
		}
	}
	if (fd >= 0)
		close(fd);
	if (cmd_read_file(path, max, &f->buf, e))
		return -1;
	f->data = f->buf.data ? f->buf.data : "";
	f->len = f->buf.len;
	return 0;
}

void cmd_file_release(struct cmd_file *f)
{
	if (f->map)
		munmap(f->map, f->len);
	buf_release(&f->buf);
	memset(f, 0, sizeof *f);
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
