/* note.c - C2SP signed notes and checkpoints over libsodium's Ed25519 and
 * base64. Follows the specs' MUSTs and golang.org/x/mod/sumdb/note's
 * reading of them (that is where the test vectors come from). Holds no
 * key longer than a call and touches no file. */
#include "note.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

static const char EM_DASH_SPACE[] = "\xe2\x80\x94 "; /* U+2014 U+0020 */

void note_base64(struct buf *out, const unsigned char *p, size_t n)
{
	size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	buf_grow(out, cap);
	sodium_bin2base64(out->data + out->len, cap, p, n, sodium_base64_VARIANT_ORIGINAL);
	out->len += cap - 1;
}

long note_unbase64(const char *s, size_t len, unsigned char *out, size_t max)
{
	size_t n = 0;
	const char *end = NULL;
	if (len == 0 || sodium_base642bin(out, max, s, len, NULL, &n, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    end != s + len)
		return -1;
	return (long)n;
}

uint32_t note_key_id(struct sha256 *h, const char *name, const unsigned char pub[32])
{
	struct buf b = BUF_INIT;
	buf_adds(&b, name);
	buf_addc(&b, '\n');
	buf_addc(&b, NOTE_ED25519);
	unsigned char d[SHA256_LEN];
	sha256_two(h, b.data, b.len, pub, 32, d);
	buf_release(&b);
	return (uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 | (uint32_t)d[2] << 8 | d[3];
}

/* The code point at s (valid UTF-8 assumed); *n gets its length. */
static uint32_t decode(const unsigned char *s, size_t *n)
{
	if (s[0] < 0x80)
		return *n = 1, s[0];
	if (s[0] < 0xe0)
		return *n = 2, (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	if (s[0] < 0xf0)
		return *n = 3, (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	return *n = 4, (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12 | (uint32_t)(s[2] & 0x3f) << 6 |
	               (s[3] & 0x3f);
}

/* Unicode White_Space, as Go's unicode.IsSpace. */
static int is_space(uint32_t c)
{
	return c == ' ' || (c >= 0x09 && c <= 0x0d) || c == 0x85 || c == 0xa0 || c == 0x1680 ||
	       (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

int note_name_valid(const char *name, size_t len)
{
	if (len == 0 || len >= NOTE_NAME_MAX || !utf8_valid(name, len))
		return 0;
	for (size_t i = 0, n; i < len; i += n) {
		uint32_t c = decode((const unsigned char *)name + i, &n);
		if (c < 0x20 || c == '+' || is_space(c))
			return 0;
	}
	return 1;
}

static int hex8(const char *s, size_t len, uint32_t *out)
{
	if (len != 8)
		return -1;
	uint32_t v = 0;
	for (size_t i = 0; i < 8; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			return -1;
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return 0;
}

int note_key_parse(struct note_key *k, const char *vkey, struct err *e)
{
	const char *p1 = strchr(vkey, '+'), *p2 = p1 ? strchr(p1 + 1, '+') : NULL;
	/* the name has no '+'; the base64 after the ID may */
	if (!p1 || !p2)
		return err_set(e, ERR_INPUT, "verifier key: not NAME+ID+KEY");
	size_t nlen = (size_t)(p1 - vkey);
	if (!note_name_valid(vkey, nlen))
		return err_set(e, ERR_INPUT, "verifier key: not a key name: \"%.*s\"", (int)nlen, vkey);
	uint32_t id;
	if (hex8(p1 + 1, (size_t)(p2 - p1 - 1), &id))
		return err_set(e, ERR_INPUT, "verifier key: the key ID is not 8 lowercase hex digits");
	unsigned char raw[64];
	long n = note_unbase64(p2 + 1, strlen(p2 + 1), raw, sizeof raw);
	if (n < 1)
		return err_set(e, ERR_INPUT, "verifier key: the key is not base64");
	if (raw[0] != NOTE_ED25519)
		return err_set(e, ERR_INPUT, "verifier key: algorithm %u is not Ed25519 (1)", raw[0]);
	if (n != 33)
		return err_set(e, ERR_INPUT, "verifier key: an Ed25519 key is 32 bytes, not %ld", n - 1);
	memcpy(k->name, vkey, nlen);
	k->name[nlen] = '\0';
	memcpy(k->pub, raw + 1, 32);
	struct sha256 *h = sha256_new();
	if (!h)
		return err_set(e, ERR_IO, "OpenSSL has no SHA-256");
	uint32_t want = note_key_id(h, k->name, k->pub);
	sha256_release(h);
	if (want != id)
		return err_set(e, ERR_INPUT, "verifier key: the key ID %08x is not the key's (%08x)", id, want);
	k->id = id;
	return 0;
}

void note_key_format(struct buf *out, const struct note_key *k)
{
	unsigned char raw[33];
	raw[0] = NOTE_ED25519;
	memcpy(raw + 1, k->pub, 32);
	buf_printf(out, "%s+%08x+", k->name, k->id);
	note_base64(out, raw, sizeof raw);
}

int note_signer_from_seed(struct note_signer *s, struct sha256 *h, const char *name, const unsigned char seed[32],
                          struct err *e)
{
	if (!note_name_valid(name, strlen(name)))
		return err_set(e, ERR_INPUT, "key name: \"%s\" is empty or has a space or '+'", name);
	memset(s, 0, sizeof *s);
	if (crypto_sign_seed_keypair(s->key.pub, s->sk, seed) != 0)
		return err_set(e, ERR_IO, "libsodium could not derive a key");
	snprintf(s->key.name, sizeof s->key.name, "%s", name);
	s->key.id = note_key_id(h, name, s->key.pub);
	return 0;
}

int note_signer_parse(struct note_signer *s, struct sha256 *h, const char *skey, struct err *e)
{
	static const char prefix[] = "PRIVATE+KEY+";
	if (strncmp(skey, prefix, sizeof prefix - 1))
		return err_set(e, ERR_INPUT, "not a private key (PRIVATE+KEY+NAME+ID+KEY)");
	const char *name = skey + sizeof prefix - 1;
	const char *p1 = strchr(name, '+'), *p2 = p1 ? strchr(p1 + 1, '+') : NULL;
	if (!p1 || !p2)
		return err_set(e, ERR_INPUT, "not a private key (PRIVATE+KEY+NAME+ID+KEY)");
	char nm[NOTE_NAME_MAX];
	size_t nlen = (size_t)(p1 - name);
	if (!note_name_valid(name, nlen))
		return err_set(e, ERR_INPUT, "private key: not a key name");
	memcpy(nm, name, nlen);
	nm[nlen] = '\0';
	uint32_t id;
	if (hex8(p1 + 1, (size_t)(p2 - p1 - 1), &id))
		return err_set(e, ERR_INPUT, "private key: the key ID is not 8 lowercase hex digits");
	unsigned char raw[64];
	long n = note_unbase64(p2 + 1, strlen(p2 + 1), raw, sizeof raw);
	int r;
	if (n != 33 || raw[0] != NOTE_ED25519)
		r = err_set(e, ERR_INPUT, "private key: not an Ed25519 seed (base64 of 0x01 and 32 bytes)");
	else if ((r = note_signer_from_seed(s, h, nm, raw + 1, e)) == 0 && s->key.id != id)
		r = err_set(e, ERR_INPUT, "private key: the key ID %08x is not the key's (%08x)", id, s->key.id);
	sodium_memzero(raw, sizeof raw);
	if (r)
		note_signer_wipe(s);
	return r;
}

void note_signer_format(struct buf *out, const struct note_signer *s)
{
	unsigned char raw[33];
	raw[0] = NOTE_ED25519;
	memcpy(raw + 1, s->sk, 32); /* libsodium's secret key starts with the seed */
	buf_printf(out, "PRIVATE+KEY+%s+%08x+", s->key.name, s->key.id);
	note_base64(out, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
}

void note_signer_wipe(struct note_signer *s)
{
	sodium_memzero(s, sizeof *s);
}

void note_sign(const struct note_signer *s, const char *text, size_t len, unsigned char sig[64])
{
	crypto_sign_detached(sig, NULL, (const unsigned char *)text, len, s->sk);
}

void note_sig_line(struct buf *out, const char *name, uint32_t id, const unsigned char *sig, size_t sig_len)
{
	unsigned char raw[4 + 256];
	raw[0] = (unsigned char)(id >> 24);
	raw[1] = (unsigned char)(id >> 16);
	raw[2] = (unsigned char)(id >> 8);
	raw[3] = (unsigned char)id;
	if (sig_len > 256)
		sig_len = 256;
	memcpy(raw + 4, sig, sig_len);
	buf_adds(out, EM_DASH_SPACE);
	buf_adds(out, name);
	buf_addc(out, ' ');
	note_base64(out, raw, 4 + sig_len);
	buf_addc(out, '\n');
}

void note_sign_line(struct buf *out, const struct note_signer *s, const char *text, size_t len)
{
	unsigned char sig[crypto_sign_BYTES];
	note_sign(s, text, len, sig);
	note_sig_line(out, s->key.name, s->key.id, sig, sizeof sig);
}

static int line_of(const char *data, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += data[i] == '\n';
	return line;
}

/* One signature line (without its newline) into sig. */
static int parse_sig(const char *s, size_t len, int line, struct note_sig *sig, struct err *e)
{
	size_t plen = sizeof EM_DASH_SPACE - 1;
	if (len < plen || memcmp(s, EM_DASH_SPACE, plen))
		return err_set(e, ERR_INPUT, "line %d: not a signature line (\"\xe2\x80\x94 NAME SIGNATURE\")", line);
	s += plen;
	len -= plen;
	const char *sp = memchr(s, ' ', len);
	if (!sp)
		return err_set(e, ERR_INPUT, "line %d: a signature line needs a key name, a space and the signature", line);
	size_t nlen = (size_t)(sp - s);
	if (!note_name_valid(s, nlen))
		return err_set(e, ERR_INPUT, "line %d: \"%.*s\" is not a key name (empty, or with a space or '+')", line,
		               (int)(nlen > 80 ? 80 : nlen), s);
	unsigned char raw[4 + sizeof sig->sig];
	long n = note_unbase64(sp + 1, len - nlen - 1, raw, sizeof raw);
	if (n < 0)
		return err_set(e, ERR_INPUT, "line %d: the signature is not base64 (RFC 4648, padded)", line);
	if (n < 5)
		return err_set(e, ERR_INPUT, "line %d: the signature is too short for a key ID and a signature", line);
	memcpy(sig->name, s, nlen);
	sig->name[nlen] = '\0';
	sig->id = (uint32_t)raw[0] << 24 | (uint32_t)raw[1] << 16 | (uint32_t)raw[2] << 8 | raw[3];
	sig->sig_len = (size_t)n - 4;
	memcpy(sig->sig, raw + 4, sig->sig_len);
	sig->line = line;
	return 0;
}

int note_parse(struct note *n, const char *data, size_t len, struct err *e)
{
	memset(n, 0, sizeof *n);
	if (len > NOTE_MAX_SIZE)
		return err_set(e, ERR_INPUT, "the note is longer than %d bytes", NOTE_MAX_SIZE);
	/* Line by line: UTF-8 and no control character but the newline. */
	int line = 1;
	for (size_t start = 0; start < len; line++) {
		const char *nl = memchr(data + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - data) : len;
		if (!utf8_valid(data + start, end - start))
			return err_set(e, ERR_INPUT, "line %d: not valid UTF-8", line);
		for (size_t i = start; i < end; i++)
			if ((unsigned char)data[i] < 0x20)
				return err_set(e, ERR_INPUT, "line %d: a control character (0x%02x)", line, (unsigned char)data[i]);
		start = end + 1;
	}
	/* The signatures follow the last blank line. */
	size_t split = len;
	for (size_t i = len; i-- > 1;)
		if (data[i] == '\n' && data[i - 1] == '\n') {
			split = i;
			break;
		}
	if (split == len)
		return err_set(e, ERR_INPUT, "line %d: no blank line and signature lines after the text", line_of(data, len));
	n->text = data;
	n->text_len = split; /* up to and including the newline before the blank line */
	n->text_lines = line_of(data, split) - 1;
	size_t at = split + 1;
	int sig_line = n->text_lines + 2;
	if (at == len)
		return err_set(e, ERR_INPUT, "line %d: no signature line after the blank line", sig_line);
	if (data[len - 1] != '\n')
		return err_set(e, ERR_INPUT, "line %d: the last signature line does not end in a newline",
		               line_of(data, len));
	size_t cap = 0;
	while (at < len) {
		const char *nl = memchr(data + at, '\n', len - at);
		size_t end = (size_t)(nl - data);
		if (n->nsigs == NOTE_MAX_SIGS) {
			note_release(n);
			return err_set(e, ERR_INPUT, "line %d: more than %d signatures", sig_line, NOTE_MAX_SIGS);
		}
		if (n->nsigs == cap) {
			cap = cap ? 2 * cap : 4;
			n->sigs = realloc(n->sigs, cap * sizeof *n->sigs);
			if (!n->sigs)
				abort();
		}
		if (parse_sig(data + at, end - at, sig_line, &n->sigs[n->nsigs], e)) {
			note_release(n);
			return -1;
		}
		n->nsigs++;
		sig_line++;
		at = end + 1;
	}
	return 0;
}

void note_release(struct note *n)
{
	free(n->sigs);
	memset(n, 0, sizeof *n);
}

int note_verify(const struct note *n, const struct note_key *keys, size_t nkeys, int *ok, struct err *e)
{
	for (size_t k = 0; k < nkeys; k++)
		ok[k] = 0;
	int verified = 0;
	for (size_t i = 0; i < n->nsigs; i++) {
		const struct note_sig *s = &n->sigs[i];
		for (size_t k = 0; k < nkeys; k++) {
			if (keys[k].id != s->id || strcmp(keys[k].name, s->name))
				continue;
			if (s->sig_len != crypto_sign_BYTES ||
			    crypto_sign_verify_detached(s->sig, (const unsigned char *)n->text, n->text_len, keys[k].pub) != 0)
				return err_set(e, ERR_CHECK, "line %d: the signature of %s+%08x does not verify", s->line,
				               keys[k].name, keys[k].id);
			if (!ok[k])
				verified++;
			ok[k] = 1;
		}
	}
	return verified;
}

int note_checkpoint_parse(struct note_checkpoint *c, const char *text, size_t len, struct err *e)
{
	memset(c, 0, sizeof *c);
	const char *line[4];
	size_t llen[4];
	size_t at = 0;
	int i = 0;
	for (; at < len; i++) {
		const char *nl = memchr(text + at, '\n', len - at);
		if (!nl)
			return err_set(e, ERR_INPUT, "line %d: does not end in a newline", i + 1);
		size_t l = (size_t)(nl - (text + at));
		if (l == 0)
			return err_set(e, ERR_INPUT, "line %d: a checkpoint line must not be empty", i + 1);
		if (i < 4) {
			line[i] = text + at;
			llen[i] = l;
		}
		at += l + 1;
	}
	if (i < 3)
		return err_set(e, ERR_INPUT, "line %d: a checkpoint has an origin, a tree size and a root hash", i + 1);
	if (llen[0] >= sizeof c->origin)
		return err_set(e, ERR_INPUT, "line 1: the origin is longer than %zu bytes", sizeof c->origin - 1);
	memcpy(c->origin, line[0], llen[0]);
	c->origin[llen[0]] = '\0';
	uint64_t size = 0;
	if (llen[1] > 20 || (llen[1] > 1 && line[1][0] == '0'))
		return err_set(e, ERR_INPUT, "line 2: the tree size is not a decimal number without leading zeros");
	for (size_t k = 0; k < llen[1]; k++) {
		unsigned d = (unsigned)(line[1][k] - '0');
		if (d > 9 || size > (UINT64_MAX - d) / 10)
			return err_set(e, ERR_INPUT, "line 2: the tree size is not a decimal number without leading zeros");
		size = size * 10 + d;
	}
	c->size = size;
	if (note_unbase64(line[2], llen[2], c->root, sizeof c->root) != 32)
		return err_set(e, ERR_INPUT, "line 3: the root hash is not the base64 of 32 bytes");
	const size_t plen = sizeof NOTE_IDS_PREFIX - 1;
	if (i > 3 && llen[3] >= plen && !memcmp(line[3], NOTE_IDS_PREFIX, plen)) {
		if (note_unbase64(line[3] + plen, llen[3] - plen, c->ids, sizeof c->ids) != 32)
			return err_set(e, ERR_INPUT, "line 4: the event ids' digest is not the base64 of 32 bytes");
		c->has_ids = 1;
	}
	c->extensions = i - 3 - c->has_ids;
	c->extension_line = c->extensions ? 4 + c->has_ids : 0;
	return 0;
}

void note_checkpoint_format(struct buf *out, const struct note_checkpoint *c)
{
	buf_printf(out, "%s\n%llu\n", c->origin, (unsigned long long)c->size);
	note_base64(out, c->root, sizeof c->root);
	buf_addc(out, '\n');
	if (c->has_ids) {
		buf_adds(out, NOTE_IDS_PREFIX);
		note_base64(out, c->ids, sizeof c->ids);
		buf_addc(out, '\n');
	}
}

void note_ids_init(struct note_ids *d, struct sha256 *h)
{
	d->h = h;
	d->done = 0;
	sha256_begin(h);
}

void note_ids_digest(struct note_ids *d, const int64_t *ids, size_t size, unsigned char out[32])
{
	if (size < d->done)
		note_ids_init(d, d->h);
	unsigned char be[8 * 64];
	while (d->done < size) {
		size_t n = size - d->done < 64 ? size - d->done : 64;
		for (size_t k = 0; k < n; k++) {
			uint64_t v = (uint64_t)ids[d->done + k];
			for (int b = 0; b < 8; b++)
				be[8 * k + (size_t)b] = (unsigned char)(v >> (56 - 8 * b));
		}
		sha256_add(d->h, be, 8 * n);
		d->done += n;
	}
	sha256_peek(d->h, out);
}
