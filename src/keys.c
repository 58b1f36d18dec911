/* keys.c - signing keys: naming, creation and the private key file. The
 * private key only ever lives in its file and, for one command, in memory
 * that is wiped after; the database holds public keys only. */
#include "keys.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/events.h"
#include "store/parties.h"

int keys_dir(char *out, size_t len, const char *opt, const char *env, const char *db_path, struct err *e)
{
	if (opt && *opt)
		snprintf(out, len, "%s", opt);
	else if (env && *env)
		snprintf(out, len, "%s", env);
	else if (db_is_url(db_path))
		return err_set(e, ERR_INPUT, "--keys: required with a PostgreSQL database (or set RAPPORT_KEYS): the "
		               "private keys are files, and a URL has no directory beside it to keep them in");
	else
		snprintf(out, len, "%s.keys", db_path);
	return 0;
}

void keys_path(char *out, size_t len, const char *dir, int64_t org)
{
	if (org == ORG_BUYER)
		snprintf(out, len, "%s/buyer.key", dir);
	else
		snprintf(out, len, "%s/partner-%lld.key", dir, (long long)org);
}

void keys_slug(char *out, size_t len, const char *name)
{
	size_t n = 0, max = len - 1 < 40 ? len - 1 : 40;
	int dash = 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		unsigned char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
			dash = n > 0;
			continue;
		}
		if (n + (size_t)dash + 1 > max) /* at most max bytes, never ending in a '-' */
			break;
		if (dash)
			out[n++] = '-';
		dash = 0;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	if (n == 0)
		snprintf(out, len, "buyer");
}

void keys_buyer_name(char *out, size_t len, const char *buyer_name)
{
	char slug[48];
	keys_slug(slug, sizeof slug, buyer_name);
	snprintf(out, len, "%s/%s", KEYS_HOST, slug);
}

void keys_origin(char *out, size_t len, const char *buyer_name, const char *uid)
{
	char slug[48];
	keys_slug(slug, sizeof slug, buyer_name);
	snprintf(out, len, "%s/%s/%s", KEYS_HOST, slug, uid);
}

void keys_partner_name(char *out, size_t len, const char *buyer_name, const char *uid)
{
	char origin[160];
	keys_origin(origin, sizeof origin, buyer_name, uid);
	snprintf(out, len, "%s/partner", origin);
}

int keys_name_of(struct db *db, int64_t org, char *out, size_t len, struct err *e)
{
	struct party b;
	int r = store_buyer_get(db, &b, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "--db: the database is not initialised (run rapport init)");
	if (org == ORG_BUYER) {
		keys_buyer_name(out, len, b.name);
		return 0;
	}
	struct rel_head h;
	r = store_rel_head(db, org, &h, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "--partner: no partner with id %lld", (long long)org);
	keys_partner_name(out, len, b.name, h.uid);
	return 0;
}

/* Writes text to a new file at path, readable by its owner only. */
static int write_private(const char *dir, const char *path, const char *text, size_t len, struct err *e)
{
	struct stat st;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return err_set(e, ERR_IO, "cannot create the keys directory %s: %s", dir, strerror(errno));
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return err_set(e, ERR_INPUT, "--keys: %s is not a directory", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return err_set(e, ERR_INPUT, "key file %s already exists (from another database?): move it away or "
			               "choose another directory with --keys", path);
		return err_set(e, ERR_IO, "cannot create key file %s: %s", path, strerror(errno));
	}
	int ok = fchmod(fd, 0600) == 0 && write(fd, text, len) == (ssize_t)len && fsync(fd) == 0;
	int saved = errno;
	if (close(fd) != 0)
		ok = 0;
	if (!ok) {
		unlink(path);
		return err_set(e, ERR_IO, "cannot write key file %s: %s", path, strerror(saved));
	}
	return 0;
}

void keys_verifier(const struct org_key *k, struct note_key *out)
{
	snprintf(out->name, sizeof out->name, "%s", k->name);
	out->id = k->key_id;
	memcpy(out->pub, k->pub, 32);
}

int keys_create(struct db *db, struct sha256 *h, int64_t org, const char *dir, int64_t now, struct org_key *out,
                char *path, size_t pathlen, struct err *e)
{
	path[0] = '\0';
	int r = store_key_get(db, org, out, e);
	if (r != 0)
		return r < 0 ? -1
		             : err_set(e, ERR_INPUT, "%s already has a key (%s, key id %08x): see rapport key show",
		                       org == ORG_BUYER ? "the buyer" : "the partner", out->name, out->key_id);
	char name[NOTE_NAME_MAX];
	if (keys_name_of(db, org, name, sizeof name, e))
		return -1;
	unsigned char seed[32];
	randombytes_buf(seed, sizeof seed);
	struct note_signer s;
	r = note_signer_from_seed(&s, h, name, seed, e);
	sodium_memzero(seed, sizeof seed);
	if (r)
		return -1;
	*out = (struct org_key){.org = org, .key_id = s.key.id, .created = now};
	snprintf(out->name, sizeof out->name, "%s", name);
	memcpy(out->pub, s.key.pub, 32);
	char file[1024];
	keys_path(file, sizeof file, dir, org);
	struct buf text = BUF_INIT;
	note_signer_format(&text, &s);
	buf_addc(&text, '\n');
	note_signer_wipe(&s);
	r = store_key_insert(db, out, e);
	if (r == 0)
		r = write_private(dir, file, text.data, text.len, e);
	sodium_memzero(text.data, text.len);
	buf_release(&text);
	if (r == 0)
		snprintf(path, pathlen, "%s", file);
	return r;
}

int keys_load(struct db *db, struct sha256 *h, int64_t org, const char *dir, struct note_signer *out, struct err *e)
{
	const char *who = org == ORG_BUYER ? "the buyer" : "the partner";
	struct org_key k;
	int r = store_key_get(db, org, &k, e);
	if (r <= 0)
		return r < 0 ? -1
		             : err_set(e, ERR_INPUT, "%s has no signing key (create one with: rapport key create%s)", who,
		                       org == ORG_BUYER ? "" : " --partner ID");
	char file[1024];
	keys_path(file, sizeof file, dir, org);
	int fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, errno == ENOENT ? ERR_INPUT : ERR_IO,
		               "cannot read %s's private key %s: %s (--keys DIR or $RAPPORT_KEYS names its directory)",
		               who + 4, file, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(e, ERR_INPUT, "key file %s is not a regular file", file);
	}
	if (st.st_mode & 077) {
		close(fd);
		return err_set(e, ERR_INPUT, "key file %s can be read by others (mode %04o): chmod 600 %s", file,
		               (unsigned)(st.st_mode & 07777), file);
	}
	char text[512];
	ssize_t n = read(fd, text, sizeof text - 1);
	close(fd);
	if (n < 0)
		return err_set(e, ERR_IO, "cannot read key file %s: %s", file, strerror(errno));
	text[n] = '\0';
	if (n > 0 && text[n - 1] == '\n')
		text[--n] = '\0';
	r = note_signer_parse(out, h, text, e);
	sodium_memzero(text, sizeof text);
	if (r) {
		char why[sizeof e->msg];
		snprintf(why, sizeof why, "%s", e->msg);
		return err_set(e, ERR_INPUT, "key file %s: %s", file, why);
	}
	if (strcmp(out->key.name, k.name) || out->key.id != k.key_id || memcmp(out->key.pub, k.pub, 32)) {
		note_signer_wipe(out);
		return err_set(e, ERR_INPUT, "key file %s is not %s's key %s+%08x recorded in the database", file, who + 4,
		               k.name, k.key_id);
	}
	return 0;
}
