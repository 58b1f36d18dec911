/* proof.c - proof files: writing, reading (text or JSON) and checking.
 * The text form is one "key value" line per field in a fixed order, so a
 * reader can name the line that is wrong; docs/verify.md defines it. */
#include "proof.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

static const char HEAD_INCLUSION[] = "rapport inclusion proof";
static const char HEAD_CONSISTENCY[] = "rapport consistency proof";

enum ftype { F_STR, F_NUM, F_HASH, F_EVENT };

struct pfield {
	const char *key;   /* in the text */
	const char *json;  /* in JSON */
	enum ftype type;
};

/* The fixed lines after the heading, in order; then the repeated key. */
static const struct pfield inclusion_fields[] = {
	{"origin", "origin", F_STR},         {"tree-size", "tree_size", F_NUM}, {"root", "root", F_HASH},
	{"seq", "seq", F_NUM},               {"prev-hash", "prev_hash", F_HASH}, {"event", "event", F_EVENT},
	{"event-hash", "event_hash", F_HASH}, {NULL, NULL, F_STR},
};
static const struct pfield consistency_fields[] = {
	{"origin", "origin", F_STR},   {"old-size", "old_size", F_NUM}, {"old-root", "old_root", F_HASH},
	{"new-size", "new_size", F_NUM}, {"new-root", "new_root", F_HASH}, {NULL, NULL, F_STR},
};

/* Where field i of kind lives in p. */
static void *slot(struct proof *p, int i)
{
	if (p->kind == PROOF_INCLUSION) {
		void *s[] = {p->origin, &p->size, p->root, &p->seq, p->prev_hash, NULL, p->event_hash};
		return s[i];
	}
	void *s[] = {p->origin, &p->old_size, p->old_root, &p->size, p->root};
	return s[i];
}

static void hex(struct buf *b, const unsigned char *h)
{
	buf_addhex(b, h, MERKLE_HASH_LEN);
}

void proof_write(struct buf *out, const struct proof *p)
{
	if (p->kind == PROOF_INCLUSION) {
		buf_printf(out, "%s\norigin %s\ntree-size %lld\nroot ", HEAD_INCLUSION, p->origin, (long long)p->size);
		hex(out, p->root);
		buf_printf(out, "\nseq %lld\nprev-hash ", (long long)p->seq);
		hex(out, p->prev_hash);
		buf_adds(out, "\nevent ");
		buf_add(out, p->event, p->event_len);
		buf_adds(out, "\nevent-hash ");
		hex(out, p->event_hash);
		buf_addc(out, '\n');
	} else {
		buf_printf(out, "%s\norigin %s\nold-size %lld\nold-root ", HEAD_CONSISTENCY, p->origin,
		           (long long)p->old_size);
		hex(out, p->old_root);
		buf_printf(out, "\nnew-size %lld\nnew-root ", (long long)p->size);
		hex(out, p->root);
		buf_addc(out, '\n');
	}
	for (size_t i = 0; i < p->npath; i++) {
		buf_adds(out, p->kind == PROOF_INCLUSION ? "path " : "node ");
		hex(out, p->path[i]);
		buf_addc(out, '\n');
	}
}

static json_t *jhex(const unsigned char *h)
{
	struct buf b = BUF_INIT;
	hex(&b, h);
	json_t *s = json_string(b.data);
	buf_release(&b);
	return s;
}

json_t *proof_json(const struct proof *p)
{
	json_t *o = json_object(), *path = json_array();
	json_object_set_new(o, "type", json_string(p->kind == PROOF_INCLUSION ? "inclusion" : "consistency"));
	json_object_set_new(o, "origin", json_string(p->origin));
	if (p->kind == PROOF_INCLUSION) {
		json_object_set_new(o, "tree_size", json_integer(p->size));
		json_object_set_new(o, "root", jhex(p->root));
		json_object_set_new(o, "seq", json_integer(p->seq));
		json_object_set_new(o, "prev_hash", jhex(p->prev_hash));
		json_object_set_new(o, "event", json_stringn(p->event, p->event_len));
		json_object_set_new(o, "event_hash", jhex(p->event_hash));
	} else {
		json_object_set_new(o, "old_size", json_integer(p->old_size));
		json_object_set_new(o, "old_root", jhex(p->old_root));
		json_object_set_new(o, "new_size", json_integer(p->size));
		json_object_set_new(o, "new_root", jhex(p->root));
	}
	for (size_t i = 0; i < p->npath; i++)
		json_array_append_new(path, jhex(p->path[i]));
	json_object_set_new(o, p->kind == PROOF_INCLUSION ? "path" : "proof", path);
	return o;
}

void proof_release(struct proof *p)
{
	free(p->event);
	p->event = NULL;
}

/* A positive decimal without leading zeros that fits int64. */
static int read_num(const char *s, int64_t *out)
{
	if (!*s || *s == '0' || strlen(s) > 19)
		return -1;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (INT64_MAX - (*s - '0')) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return 0;
}

/* The envelope's seq and rel, or -1 when it is not one. */
static int envelope(const char *ev, size_t len, int64_t *seq, char *rel, size_t rlen)
{
	json_t *v = json_loadb(ev, len, JSON_REJECT_DUPLICATES, NULL);
	json_t *s = json_object_get(v, "seq"), *r = json_object_get(v, "rel");
	int ok = json_is_object(v) && json_is_integer(s) && json_is_string(r);
	if (ok) {
		*seq = json_integer_value(s);
		snprintf(rel, rlen, "%s", json_string_value(r));
	}
	json_decref(v);
	return ok ? 0 : -1;
}

/* Reads value v (NUL-terminated) of field f into p. where names the
 * place ("line 3", "field \"root\"") in errors. */
static int read_field(struct proof *p, int i, const struct pfield *f, const char *v, size_t vlen, const char *where,
                      struct err *e)
{
	void *dst = slot(p, i);
	switch (f->type) {
	case F_STR:
		if (!vlen || vlen >= sizeof p->origin || !utf8_valid(v, vlen) || strchr(v, ' '))
			return err_set(e, ERR_INPUT, "%s: %s: not an origin (1 to 255 bytes of UTF-8 without spaces)", where,
			               f->key);
		memcpy(dst, v, vlen + 1);
		return 0;
	case F_NUM:
		if (read_num(v, dst))
			return err_set(e, ERR_INPUT, "%s: %s: not a positive whole number: \"%.40s\"", where, f->key, v);
		return 0;
	case F_HASH:
		if (hex_decode(v, dst, MERKLE_HASH_LEN))
			return err_set(e, ERR_INPUT, "%s: %s: not a SHA-256 hash (64 hex digits): \"%.70s\"", where, f->key, v);
		return 0;
	case F_EVENT: {
		int64_t seq;
		char rel[64];
		if (envelope(v, vlen, &seq, rel, sizeof rel))
			return err_set(e, ERR_INPUT, "%s: event: not an event envelope (a JSON object with rel and seq)", where);
		p->event = malloc(vlen + 1);
		if (!p->event)
			abort();
		memcpy(p->event, v, vlen + 1);
		p->event_len = vlen;
		return 0;
	}
	}
	return 0;
}

static int parse_text(struct proof *p, const char *data, size_t len, struct err *e)
{
	const struct pfield *fields = NULL;
	const char *repeat = NULL;
	struct buf line = BUF_INIT;
	int n = 0, r = 0, i = 0;
	for (size_t at = 0; at < len && r == 0;) {
		const char *nl = memchr(data + at, '\n', len - at);
		size_t l = nl ? (size_t)(nl - (data + at)) : len - at;
		buf_reset(&line);
		buf_add(&line, data + at, l);
		at += l + 1;
		n++;
		char where[32];
		snprintf(where, sizeof where, "line %d", n);
		if (memchr(line.data, '\0', line.len) || memchr(line.data, '\r', line.len)) {
			r = err_set(e, ERR_INPUT, "%s: a NUL or carriage return", where);
			break;
		}
		if (n == 1) {
			if (!strcmp(line.data, HEAD_INCLUSION)) {
				p->kind = PROOF_INCLUSION;
				fields = inclusion_fields;
				repeat = "path";
			} else if (!strcmp(line.data, HEAD_CONSISTENCY)) {
				p->kind = PROOF_CONSISTENCY;
				fields = consistency_fields;
				repeat = "node";
			} else {
				r = err_set(e, ERR_INPUT, "line 1: not a rapport proof (\"%s\" or \"%s\")", HEAD_INCLUSION,
				            HEAD_CONSISTENCY);
			}
			continue;
		}
		const char *key = fields[i].key ? fields[i].key : repeat;
		size_t klen = strlen(key);
		if (line.len <= klen || strncmp(line.data, key, klen) || line.data[klen] != ' ') {
			r = err_set(e, ERR_INPUT, "%s: expected \"%s ...\", found \"%.40s\"", where, key, line.data);
			break;
		}
		const char *v = line.data + klen + 1;
		size_t vlen = line.len - klen - 1;
		if (fields[i].key) {
			r = read_field(p, i, &fields[i], v, vlen, where, e);
			i++;
		} else if (p->npath == MERKLE_MAX_PROOF) {
			r = err_set(e, ERR_INPUT, "%s: more than %d hashes", where, MERKLE_MAX_PROOF);
		} else if (hex_decode(v, p->path[p->npath++], MERKLE_HASH_LEN)) {
			r = err_set(e, ERR_INPUT, "%s: %s: not a SHA-256 hash (64 hex digits): \"%.70s\"", where, key, v);
		}
	}
	if (r == 0 && n == 0)
		r = err_set(e, ERR_INPUT, "line 1: the file is empty");
	if (r == 0 && fields[i].key)
		r = err_set(e, ERR_INPUT, "line %d: the proof ends before its \"%s\" line", n + 1, fields[i].key);
	buf_release(&line);
	return r;
}

static int parse_json(struct proof *p, const char *data, size_t len, struct err *e)
{
	json_error_t je;
	json_t *o = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!o)
		return err_set(e, ERR_INPUT, "line %d: %s", je.line, je.text);
	int r = 0;
	const char *type = json_string_value(json_object_get(o, "type"));
	const struct pfield *fields = NULL;
	const char *repeat = NULL;
	if (!json_is_object(o))
		r = err_set(e, ERR_INPUT, "line 1: not a JSON object");
	else if (type && !strcmp(type, "inclusion"))
		p->kind = PROOF_INCLUSION, fields = inclusion_fields, repeat = "path";
	else if (type && !strcmp(type, "consistency"))
		p->kind = PROOF_CONSISTENCY, fields = consistency_fields, repeat = "proof";
	else
		r = err_set(e, ERR_INPUT, "field \"type\": \"inclusion\" or \"consistency\"");
	int i = 0;
	for (; r == 0 && fields[i].key; i++) {
		char where[40];
		snprintf(where, sizeof where, "field \"%s\"", fields[i].json);
		json_t *v = json_object_get(o, fields[i].json);
		char num[24];
		if (!v) {
			r = err_set(e, ERR_INPUT, "%s: missing", where);
		} else if (fields[i].type == F_NUM) {
			if (!json_is_integer(v))
				r = err_set(e, ERR_INPUT, "%s: not a whole number", where);
			snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
			if (r == 0)
				r = read_field(p, i, &fields[i], num, strlen(num), where, e);
		} else if (!json_is_string(v)) {
			r = err_set(e, ERR_INPUT, "%s: not a string", where);
		} else {
			r = read_field(p, i, &fields[i], json_string_value(v), json_string_length(v), where, e);
		}
	}
	json_t *path = json_object_get(o, repeat ? repeat : "");
	if (r == 0 && !json_is_array(path))
		r = err_set(e, ERR_INPUT, "field \"%s\": not an array of hashes", repeat);
	for (size_t k = 0; r == 0 && k < json_array_size(path); k++) {
		const char *h = json_string_value(json_array_get(path, k));
		if (k == MERKLE_MAX_PROOF)
			r = err_set(e, ERR_INPUT, "field \"%s\": more than %d hashes", repeat, MERKLE_MAX_PROOF);
		else if (!h || hex_decode(h, p->path[p->npath++], MERKLE_HASH_LEN))
			r = err_set(e, ERR_INPUT, "field \"%s\": item %zu is not a SHA-256 hash (64 hex digits)", repeat, k + 1);
	}
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v)
	{
		int known = !strcmp(key, "type") || (repeat && !strcmp(key, repeat));
		for (int k = 0; fields && fields[k].key; k++)
			known |= !strcmp(key, fields[k].json);
		if (r == 0 && !known)
			r = err_set(e, ERR_INPUT, "field \"%s\": not a field of a %s proof", key, type);
	}
	json_decref(o);
	return r;
}

int proof_parse(struct proof *p, const char *data, size_t len, struct err *e)
{
	memset(p, 0, sizeof *p);
	size_t i = 0;
	while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\t' || data[i] == '\r'))
		i++;
	int r = i < len && data[i] == '{' ? parse_json(p, data, len, e) : parse_text(p, data, len, e);
	if (r)
		proof_release(p);
	return r;
}

__attribute__((format(printf, 2, 3))) static int event_fails(struct merkle_why *why, const char *fmt, ...)
{
	va_list ap;
	snprintf(why->step, sizeof why->step, "event");
	va_start(ap, fmt);
	vsnprintf(why->msg, sizeof why->msg, fmt, ap);
	va_end(ap);
	return 1;
}

int proof_check(struct sha256 *h, const struct proof *p, struct merkle_why *why)
{
	if (p->kind == PROOF_CONSISTENCY)
		return merkle_verify_consistency(h, (uint64_t)p->old_size, (uint64_t)p->size, p->old_root, MERKLE_HASH_LEN,
		                                 p->root, MERKLE_HASH_LEN, (const merkle_hash *)p->path, p->npath, why);
	/* The event first: its chain hash is the leaf data. */
	merkle_hash got;
	sha256_two(h, p->prev_hash, MERKLE_HASH_LEN, p->event, p->event_len, got);
	if (memcmp(got, p->event_hash, MERKLE_HASH_LEN))
		return event_fails(why, "SHA-256(prev-hash || event) is not event-hash: the event or its link was altered");
	int64_t seq;
	char rel[64];
	if (envelope(p->event, p->event_len, &seq, rel, sizeof rel))
		return event_fails(why, "the event is not an event envelope");
	if (seq != p->seq)
		return event_fails(why, "the event is number %lld of its record, not %lld as the proof says", (long long)seq,
		                   (long long)p->seq);
	size_t ol = strlen(p->origin), rl = strlen(rel);
	if (rl >= ol || strcmp(p->origin + ol - rl, rel) || p->origin[ol - rl - 1] != '/')
		return event_fails(why, "the event belongs to relationship %s, which the origin does not name", rel);
	merkle_hash leaf;
	merkle_leaf(h, p->event_hash, MERKLE_HASH_LEN, leaf);
	return merkle_verify_inclusion(h, (uint64_t)p->seq - 1, (uint64_t)p->size, leaf, (const merkle_hash *)p->path,
	                               p->npath, p->root, MERKLE_HASH_LEN, why);
}
