/* bundle.c - reads and checks an offline bundle with no database: the hash
 * chain as docs/ledger.md defines it, the RFC 6962 roots at each
 * checkpoint's size, and the signatures by the keys the bundle carries
 * (whose key ids the reader compares with the ones the other side gave
 * them).
 *
 * Two readers, one answer. jansson reads any JSON; a fast reader takes the
 * documents `rapport export` writes (and any other layout of the same
 * members) without building a tree, which is what makes verification run
 * at millions of events a second. The fast reader only ever says "this is
 * the bundle" or "not sure": whatever it is not sure of (an escape it does
 * not decode, a member it does not know, a number with a fraction, bad
 * syntax) goes to jansson, whose verdict and messages are then the answer.
 * So it must never accept what jansson would read differently; the
 * tampering matrix (tests/unit/test_bundle.c) compares the two on every
 * altered bundle. */
#include "bundle.h"

#include <jansson.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merkle.h"
#include "util/buf.h"

/* --- what both readers produce, then check the same way -------------------- */

/* A string of the document: its bytes (decoded) and length. */
struct str {
	const char *p;
	size_t n;
};

/* What was read of each event, before its fields are checked: which
 * members it had (RAW_*), beside the struct bundle_event they were read
 * into (both hashes decoded when they are hex, the envelope decoded). */
enum {
	RAW_SEQ = 1,       /* "seq", an integer */
	RAW_PREV = 2,      /* "prev_hash", a string ... */
	RAW_PREV_HEX = 4,  /* ... of 64 lowercase hex digits */
	RAW_EVENT = 8,     /* "event", a string */
	RAW_HASH = 16,     /* "hash", a string ... */
	RAW_HASH_HEX = 32, /* ... of 64 lowercase hex digits */
	RAW_ID = 64,       /* "id", an integer of 1 or more */
	RAW_ID_BAD = 128,  /* "id", something else, or an integer below 1 */
};

/* Events as read: an array that grows, and each event's RAW_* bits. */
struct raw_events {
	struct bundle_event *ev;
	unsigned char *st;
	size_t n, cap;
};

/* The members as read. A missing member has p NULL; "present" records
 * members that are there but of the wrong type. */
struct raw {
	struct str format, origin, uid;
	int events_is_array, keys_is_object, cps_is_array;
	struct str key[2];        /* buyer, partner */
	int key_present[2];
	struct str bad_key;       /* a member of "keys" other than these */
	struct raw_events ev;
	struct str *cp;           /* p NULL: not a string */
	size_t ncp;
};

static void raw_events_release(struct raw_events *a)
{
	free(a->ev);
	free(a->st);
	memset(a, 0, sizeof *a);
}

static void raw_release(struct raw *r)
{
	raw_events_release(&r->ev);
	free(r->cp);
	memset(r, 0, sizeof *r);
}

/* Room for one more event, zeroed; returns its index. */
static size_t raw_events_add(struct raw_events *a)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 64;
		a->ev = realloc(a->ev, a->cap * sizeof *a->ev);
		a->st = realloc(a->st, a->cap);
		if (!a->ev || !a->st)
			abort();
	}
	memset(&a->ev[a->n], 0, sizeof *a->ev);
	a->st[a->n] = 0;
	return a->n++;
}

static const char *const sides[2] = {"buyer", "partner"};

/* The value of a lowercase hex digit, -1 for any other byte. */
static signed char hexval[256];

/* 64 lowercase hex digits: the form export writes. Uppercase is refused so
 * that one hash has one spelling (a changed letter's case is a change). */
static int hex32(struct str s, unsigned char out[32])
{
	if (!s.p || s.n != 64)
		return -1;
	const unsigned char *p = (const unsigned char *)s.p;
	int bad = 0;
	for (size_t i = 0; i < 32; i++) {
		int hi = hexval[p[2 * i]], lo = hexval[p[2 * i + 1]];
		bad |= hi | lo; /* negative when either is not a digit */
		out[i] = (unsigned char)((hi & 15) << 4 | (lo & 15));
	}
	return bad < 0 ? -1 : 0;
}

static int has_nul(struct str s)
{
	return memchr(s.p, '\0', s.n) != NULL;
}

/* Checks the fields of r and fills b (strings borrowed from r's sources,
 * which b keeps; the events taken from r). The messages are the format's:
 * they name the field, or the checkpoint's line. */
static int finish(struct bundle *b, struct raw *r, struct err *e)
{
	if (!r->format.p || r->format.n != strlen(BUNDLE_FORMAT) || memcmp(r->format.p, BUNDLE_FORMAT, r->format.n))
		return err_set(e, ERR_INPUT, "\"format\": not a rapport bundle (\"%s\")", BUNDLE_FORMAT);
	if (!r->origin.p || !r->uid.p || !r->events_is_array || !r->keys_is_object || !r->cps_is_array)
		return err_set(e, ERR_INPUT, "a bundle needs \"origin\", \"relationship\", \"events\", \"keys\" and "
		               "\"checkpoints\"");
	b->origin = r->origin.p;
	b->uid = r->uid.p;
	size_t ol = r->origin.n, ul = r->uid.n;
	if (has_nul(r->origin) || has_nul(r->uid) || ul == 0 || ul >= ol || memcmp(b->origin + ol - ul, b->uid, ul) ||
	    b->origin[ol - ul - 1] != '/')
		return err_set(e, ERR_INPUT, "\"origin\": %s does not name relationship %s", b->origin, b->uid);
	if (r->bad_key.p)
		return err_set(e, ERR_INPUT, "\"keys\".\"%.*s\": a bundle holds the \"buyer\" and the \"partner\" key only",
		               (int)(r->bad_key.n > 40 ? 40 : r->bad_key.n), r->bad_key.p);
	for (int i = 0; i < 2; i++) {
		if (!r->key_present[i])
			continue;
		char msg[sizeof e->msg];
		if (!r->key[i].p || has_nul(r->key[i]))
			snprintf(msg, sizeof msg, "not a verifier key");
		else if (note_key_parse(&b->key[i], r->key[i].p, e) == 0)
			b->have_key[i] = 1;
		else
			snprintf(msg, sizeof msg, "%s", e->msg);
		if (!b->have_key[i])
			return err_set(e, ERR_INPUT, "\"keys\".\"%s\": %s", sides[i], msg);
	}
	b->cps = calloc(r->ncp ? r->ncp : 1, sizeof *b->cps);
	if (!b->cps)
		abort();
	for (size_t i = 0; i < r->ncp; i++) {
		struct bundle_checkpoint *c = &b->cps[i];
		if (!r->cp[i].p)
			return err_set(e, ERR_INPUT, "\"checkpoints\"[%zu]: not a signed note", i + 1);
		c->text = r->cp[i].p;
		c->len = r->cp[i].n;
		b->ncps = i + 1;
		char msg[sizeof e->msg];
		if (note_parse(&c->note, c->text, c->len, e) || note_checkpoint_parse(&c->cp, c->note.text, c->note.text_len, e)) {
			snprintf(msg, sizeof msg, "%s", e->msg);
			return err_set(e, ERR_INPUT, "checkpoint %zu: %s", i + 1, msg);
		}
	}
	struct raw_events *a = &r->ev;
	const unsigned need = RAW_SEQ | RAW_PREV | RAW_EVENT | RAW_HASH, ids = RAW_ID | RAW_ID_BAD;
	/* only the bits: the events themselves are not read again here */
	for (size_t i = 0; i < a->n; i++) {
		unsigned st = a->st[i];
		if ((st & need) != need)
			return err_set(e, ERR_INPUT, "\"events\"[%zu]: needs \"seq\", \"prev_hash\", \"event\" and \"hash\"", i + 1);
		if (!(st & RAW_PREV_HEX))
			return err_set(e, ERR_INPUT, "event %zu: \"prev_hash\" is not a SHA-256 hash (64 hex digits)", i + 1);
		if (!(st & RAW_HASH_HEX))
			return err_set(e, ERR_INPUT, "event %zu: \"hash\" is not a SHA-256 hash (64 hex digits)", i + 1);
		if (st & RAW_ID_BAD)
			return err_set(e, ERR_INPUT, "event %zu: \"id\" is not a positive integer", i + 1);
		if (i > 0 && !(st & ids) != !(a->st[0] & ids))
			return err_set(e, ERR_INPUT, "event %zu: \"id\" is in some events and not in others", i + 1);
	}
	b->events = a->ev ? a->ev : malloc(sizeof *b->events);
	if (!b->events)
		abort();
	b->nevents = a->n;
	a->ev = NULL;
	return 0;
}

/* The tables of the fast reader (and hexval, which both readers use). */
static void plain_init(void);
#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_SSSE3_PATH 1 /* a faster decoding of escapes where the CPU has SSSE3 (checked when run) */
static void keep_init(void);
#endif
static pthread_once_t plain_once = PTHREAD_ONCE_INIT;

/* --- the jansson reader ------------------------------------------------------ */

static struct str jstr(const json_t *v)
{
	return json_is_string(v) ? (struct str){json_string_value(v), json_string_length(v)} : (struct str){NULL, 0};
}

int bundle_parse_jansson(struct bundle *b, const char *data, size_t len, struct err *e)
{
	pthread_once(&plain_once, plain_init);
	memset(b, 0, sizeof *b);
	json_error_t je;
	json_t *doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	if (!doc)
		return err_set(e, ERR_INPUT, "line %d: %s", je.line, je.text);
	b->doc = doc;
	struct raw r = {0};
	if (json_is_object(doc)) {
		json_t *keys = json_object_get(doc, "keys"), *events = json_object_get(doc, "events");
		json_t *cps = json_object_get(doc, "checkpoints");
		r.format = jstr(json_object_get(doc, "format"));
		r.origin = jstr(json_object_get(doc, "origin"));
		r.uid = jstr(json_object_get(doc, "relationship"));
		r.keys_is_object = json_is_object(keys);
		r.events_is_array = json_is_array(events);
		r.cps_is_array = json_is_array(cps);
		const char *k;
		json_t *v;
		json_object_foreach(keys, k, v)
		{
			int i = !strcmp(k, sides[0]) ? 0 : !strcmp(k, sides[1]) ? 1 : -1;
			if (i < 0) {
				if (!r.bad_key.p)
					r.bad_key = (struct str){k, strlen(k)};
				continue;
			}
			r.key_present[i] = 1;
			r.key[i] = jstr(v);
		}
		size_t nev = json_array_size(events);
		r.ncp = json_array_size(cps);
		r.cp = calloc(r.ncp ? r.ncp : 1, sizeof *r.cp);
		if (!r.cp)
			abort();
		for (size_t i = 0; i < nev; i++) {
			json_t *ev = json_array_get(events, i), *seq = json_object_get(ev, "seq");
			json_t *id = json_object_get(ev, "id");
			size_t at = raw_events_add(&r.ev);
			struct bundle_event *x = &r.ev.ev[at];
			x->id = (int64_t)json_integer_value(id); /* 0 when absent */
			unsigned st = !id ? 0 : json_is_integer(id) && x->id >= 1 ? RAW_ID : RAW_ID_BAD;
			st |= json_is_integer(seq) ? RAW_SEQ : 0;
			x->seq = (int64_t)json_integer_value(seq);
			struct str prev = jstr(json_object_get(ev, "prev_hash")), env = jstr(json_object_get(ev, "event"));
			struct str hash = jstr(json_object_get(ev, "hash"));
			st |= (prev.p ? RAW_PREV : 0) | (env.p ? RAW_EVENT : 0) | (hash.p ? RAW_HASH : 0);
			st |= hex32(prev, x->prev_hash) == 0 ? RAW_PREV_HEX : 0;
			st |= hex32(hash, x->hash) == 0 ? RAW_HASH_HEX : 0;
			x->env = env.p;
			x->env_len = env.n;
			r.ev.st[at] = (unsigned char)st;
		}
		for (size_t i = 0; i < r.ncp; i++)
			r.cp[i] = jstr(json_array_get(cps, i));
	}
	int rc = finish(b, &r, e);
	raw_release(&r);
	if (rc)
		bundle_release(b);
	return rc;
}

/* --- the fast reader ---------------------------------------------------------- */

/* The reader's state. Any function returning -1 means "not sure": jansson
 * reads the document instead. */
struct split;
struct rd {
	const unsigned char *p, *end;
	char *out;   /* where the next decoded string goes (the arena) */
	/* The previous event's "hash" as read (NULL when it was not hex) and
	 * decoded: the next event's "prev_hash" is most often the same string,
	 * which is then not decoded again. */
	const char *last_hash;
	unsigned char last_bin[32];
	struct split *split; /* the events' other parts, read by other threads */
};

static void ws(struct rd *d)
{
	while (d->p < d->end && (*d->p == ' ' || *d->p == '\n' || *d->p == '\t' || *d->p == '\r'))
		d->p++;
}

static int eat(struct rd *d, char c)
{
	ws(d);
	if (d->p >= d->end || *d->p != (unsigned char)c)
		return -1;
	d->p++;
	return 0;
}

/* Length of the valid UTF-8 sequence at p (a lead byte >= 0x80), or 0:
 * no overlong forms, no surrogates, nothing above U+10FFFF (RFC 3629). */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0];
	size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	if (n == 0 || (size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] > 0x9f) || (c == 0xf0 && p[1] < 0x90) ||
	    (c == 0xf4 && p[1] > 0x8f))
		return 0;
	return n;
}

/* Bytes a string may hold as they are: not '"', '\\', a control
 * character, or a byte of a multibyte sequence (checked on its own). */
static unsigned char plain[256];
/* What the escape \c stands for, 0 for the escapes left to jansson. */
static char unescape[256];

static void plain_init(void)
{
	for (int c = 0x20; c < 0x80; c++)
		plain[c] = c != '"' && c != '\\';
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	for (size_t i = 0; i < sizeof from - 1; i++)
		unescape[(unsigned char)from[i]] = to[i];
	memset(hexval, -1, sizeof hexval);
	for (int c = 0; c < 16; c++)
		hexval[(unsigned char)"0123456789abcdef"[c]] = (signed char)c;
#if defined(HAVE_SSSE3_PATH)
	keep_init();
#endif
}

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Copies the plain bytes from *pp on to *oo (advancing both): sixteen at a
 * time where SSE2 is there, which is what makes reading a bundle fast.
 * The arena has 16 bytes to spare for the whole block stored at its end. */
static inline void plain_copy(const unsigned char **pp, const unsigned char *end, char **oo)
{
	const unsigned char *p = *pp;
	char *o = *oo;
#if defined(__SSE2__)
	const __m128i quote = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'), lim = _mm_set1_epi8(0x20);
	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)p);
		/* signed: bytes from 0x80 on are negative, so below 0x20 too */
		__m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bs)),
		                            _mm_cmplt_epi8(v, lim));
		int bits = _mm_movemask_epi8(stop);
		_mm_storeu_si128((__m128i *)o, v);
		if (bits) {
			int k = __builtin_ctz((unsigned)bits);
			p += k;
			o += k;
			*pp = p;
			*oo = o;
			return;
		}
		p += 16;
		o += 16;
	}
#endif
	while (p < end && plain[*p])
		*o++ = (char)*p++;
	*pp = p;
	*oo = o;
}

/* The same without copying: how far the plain bytes go. */
static inline const unsigned char *plain_skip(const unsigned char *p, const unsigned char *end)
{
#if defined(__SSE2__)
	const __m128i quote = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'), lim = _mm_set1_epi8(0x20);
	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)p);
		__m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bs)),
		                            _mm_cmplt_epi8(v, lim));
		int bits = _mm_movemask_epi8(stop);
		if (bits)
			return p + __builtin_ctz((unsigned)bits);
		p += 16;
	}
#endif
	while (p < end && plain[*p])
		p++;
	return p;
}

#if defined(__SSE2__)
/* One block of escaped_copy: 0 when it went through the block, 1 when it
 * stopped (*pp and *oo then at the stop). Each block's stops are found
 * once: the escapes in it are then taken one after the other from that
 * mask (each one's byte written, the rest of the block stored again one
 * place further back) rather than by reading the block again after each,
 * which would make every escape wait for the previous one's load. Needs
 * 33 bytes of input. */
static inline __attribute__((always_inline)) int escaped_block(const unsigned char **pp, char **oo)
{
	const unsigned char *p = *pp;
	char *o = *oo;
	const __m128i quote = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'), lim = _mm_set1_epi8(0x20);
	__m128i v = _mm_loadu_si128((const __m128i *)p);
	unsigned stops = (unsigned)_mm_movemask_epi8(
		_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bs)), _mm_cmplt_epi8(v, lim)));
	_mm_storeu_si128((__m128i *)o, v);
	unsigned back = 0, next = 16; /* bytes dropped so far; where the next block starts */
	while (stops) {
		unsigned k = (unsigned)__builtin_ctz(stops);
		char u = p[k] == '\\' ? unescape[p[k + 1]] : 0;
		if (!u) { /* not an escape decoded here: the caller sees to it */
			*pp = p + k;
			*oo = o + k - back;
			return 1;
		}
		o[k - back] = u;
		back++;
		/* input k + 2 on goes to output k + 2 - back; k + 2 + 16 <= 33 */
		_mm_storeu_si128((__m128i *)(o + k + 2 - back), _mm_loadu_si128((const __m128i *)(p + k + 2)));
		stops &= ~(3u << k); /* the escaped byte may be a quote or a backslash */
		if (k + 2 > next)
			next = k + 2; /* a backslash in the last byte: its escape is the next block's first */
	}
	*pp = p + next;
	*oo = o + next - back;
	return 0;
}
#endif

#if defined(HAVE_SSSE3_PATH)
#include <tmmintrin.h>
/* For each set of bytes of 8 to drop (a bit each): the indexes of the kept
 * ones, for pshufb. */
static unsigned char keep_shuf[256][8];
static int have_ssse3;

static void keep_init(void)
{
	for (int m = 0; m < 256; m++) {
		int j = 0;
		for (int i = 0; i < 8; i++)
			if (!(m >> i & 1))
				keep_shuf[m][j++] = (unsigned char)i;
		for (; j < 8; j++)
			keep_shuf[m][j] = 0x80;
	}
	__builtin_cpu_init();
	have_ssse3 = __builtin_cpu_supports("ssse3") && __builtin_cpu_supports("popcnt");
}

/* escaped_copy where the CPU has SSSE3 (and POPCNT): a block whose every escape is \"
 * or \/ (the envelope's own quotes) has its backslashes dropped by two
 * shuffles, with no branch for each escape; any other block goes through
 * escaped_block. */
__attribute__((target("ssse3,popcnt"))) static void escaped_copy_ssse3(const unsigned char **pp, const unsigned char *end,
                                                               char **oo)
{
	const unsigned char *p = *pp;
	char *o = *oo;
	const __m128i quote = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\'), lim = _mm_set1_epi8(0x20),
	              slash = _mm_set1_epi8('/');
	while (end - p >= 33) {
		__m128i v = _mm_loadu_si128((const __m128i *)p);
		unsigned q = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote));
		unsigned b = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, bs));
		unsigned c = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, lim));
		unsigned sl = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, slash));
		unsigned esc = b << 1; /* the escaped bytes */
		/* no control or non-ASCII byte, no backslash escaping a backslash,
		 * no quote but escaped ones, and nothing escaped but a quote or a
		 * slash (a backslash in the last byte escapes the next block's
		 * first: this block is then 15 bytes long) */
		if (c | (b & esc) | (q & ~esc) | (esc & ~(q | sl) & 0xffff)) {
			if (escaped_block(&p, &o))
				break;
			continue;
		}
		unsigned lo = b & 0xff, hi = b >> 8;
		__m128i s_lo = _mm_loadl_epi64((const __m128i *)keep_shuf[lo]);
		__m128i s_hi = _mm_loadl_epi64((const __m128i *)keep_shuf[hi]);
		/* where each half goes by popcnt, not by a table: the next
		 * block's place then waits for no load */
		_mm_storel_epi64((__m128i *)o, _mm_shuffle_epi8(v, s_lo));
		_mm_storel_epi64((__m128i *)(o + 8 - __builtin_popcount(lo)), _mm_shuffle_epi8(_mm_srli_si128(v, 8), s_hi));
		o += 16 - __builtin_popcount(b);
		p += 16 - (b >> 15);
	}
	*pp = p;
	*oo = o;
}
#endif

/* Copies plain bytes and the two-byte escapes (\" most of all: an
 * envelope is JSON inside a JSON string) from *pp on to *oo, sixteen bytes
 * at a time; stops at a quote, a control character, a byte of a multibyte
 * sequence or an escape it does not decode, and 33 bytes before the end.
 * Writes no further ahead than plain_copy. */
static inline void escaped_copy(const unsigned char **pp, const unsigned char *end, char **oo)
{
#if defined(HAVE_SSSE3_PATH)
	if (have_ssse3) {
		escaped_copy_ssse3(pp, end, oo);
		return;
	}
#endif
#if defined(__SSE2__)
	while (end - *pp >= 33 && !escaped_block(pp, oo))
		;
#else
	(void)pp, (void)end, (void)oo;
#endif
}

/* A string, decoded into the arena and NUL-terminated there. \u escapes
 * are left to jansson (which knows the rules for NUL and surrogates). */
static int string(struct rd *d, struct str *s)
{
	if (eat(d, '"'))
		return -1;
	char *o = d->out;
	s->p = o;
	const unsigned char *p = d->p, *end = d->end;
	for (;;) {
		escaped_copy(&p, end, &o);
		plain_copy(&p, end, &o);
		if (p >= end)
			return -1;
		unsigned char c = *p;
		if (c == '"')
			break;
		if (c == '\\') {
			if (p + 1 >= end || !unescape[p[1]])
				return -1;
			*o++ = unescape[p[1]];
			p += 2;
			continue;
		}
		size_t n = c >= 0x80 ? utf8_seq(p, end) : 0;
		if (n == 0)
			return -1; /* a control character or bad UTF-8 */
		memcpy(o, p, n);
		o += n;
		p += n;
	}
	s->n = (size_t)(o - s->p);
	*o++ = '\0';
	d->out = o;
	d->p = p + 1;
	return 0;
}

/* An integer without fraction or exponent, at most 18 digits. */
static int integer(struct rd *d, int64_t *v)
{
	ws(d);
	const unsigned char *p = d->p;
	int neg = p < d->end && *p == '-';
	p += neg;
	const unsigned char *digits = p;
	int64_t x = 0;
	while (p < d->end && *p >= '0' && *p <= '9' && p - digits < 18)
		x = x * 10 + (*p++ - '0'); /* a 19th digit is refused below, before it can overflow */
	size_t n = (size_t)(p - digits);
	if (n == 0 || n > 18 || (n > 1 && *digits == '0'))
		return -1;
	if (p < d->end && (*p == '.' || *p == 'e' || *p == 'E' || (*p >= '0' && *p <= '9')))
		return -1;
	*v = neg ? -x : x;
	d->p = p;
	return 0;
}

/* A member's name: in place when it has no escape and nothing but ASCII
 * (as every name this reader knows), else decoded by string(). */
static int name(struct rd *d, struct str *k)
{
	ws(d);
	if (d->p >= d->end || *d->p != '"')
		return -1;
	const unsigned char *q = plain_skip(d->p + 1, d->end);
	if (q < d->end && *q == '"') {
		k->p = (const char *)d->p + 1;
		k->n = (size_t)(q - d->p - 1);
		d->p = q + 1;
		return 0;
	}
	return string(d, k);
}

/* The members of an object, one at a time: 1 with the key in k, 0 at its
 * end, -1 not sure. first is 1 before the first member. */
static int member(struct rd *d, int *first, struct str *k)
{
	ws(d);
	if (d->p < d->end && *d->p == '}') {
		d->p++;
		return 0;
	}
	if (!*first && eat(d, ','))
		return -1;
	*first = 0;
	if (name(d, k) || eat(d, ':'))
		return -1;
	return 1;
}

/* The elements of an array, the same way. */
static int element(struct rd *d, int *first)
{
	ws(d);
	if (d->p < d->end && *d->p == ']') {
		d->p++;
		return 0;
	}
	if (!*first && eat(d, ','))
		return -1;
	*first = 0;
	return 1;
}

static int is(struct str k, const char *name)
{
	return k.n == strlen(name) && !memcmp(k.p, name, k.n);
}

static void *grow(void *a, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return a;
	*cap = *cap ? 2 * *cap : 64;
	a = realloc(a, *cap * size);
	if (!a)
		abort();
	return a;
}

/* One event into a's next place. */
static int fast_event(struct rd *d, struct raw_events *a)
{
	size_t i = raw_events_add(a);
	struct bundle_event *x = &a->ev[i];
	unsigned st = 0;
	const char *last = d->last_hash;
	d->last_hash = NULL;
	if (eat(d, '{'))
		return -1;
	int first = 1, m;
	struct str k, v;
	const char *hash_text = NULL;
	while ((m = member(d, &first, &k)) == 1) {
		if (is(k, "seq")) {
			if ((st & RAW_SEQ) || integer(d, &x->seq))
				return -1;
			st |= RAW_SEQ;
		} else if (is(k, "id")) {
			if ((st & (RAW_ID | RAW_ID_BAD)) || integer(d, &x->id))
				return -1;
			st |= x->id >= 1 ? RAW_ID : RAW_ID_BAD;
		} else if (is(k, "prev_hash")) {
			if ((st & RAW_PREV) || string(d, &v))
				return -1;
			st |= RAW_PREV;
			if (last && v.n == 64 && !memcmp(v.p, last, 64)) {
				memcpy(x->prev_hash, d->last_bin, 32);
				st |= RAW_PREV_HEX;
			} else if (hex32(v, x->prev_hash) == 0) {
				st |= RAW_PREV_HEX;
			}
		} else if (is(k, "event")) {
			if ((st & RAW_EVENT) || string(d, &v))
				return -1;
			st |= RAW_EVENT;
			x->env = v.p;
			x->env_len = v.n;
		} else if (is(k, "hash")) {
			if ((st & RAW_HASH) || string(d, &v))
				return -1;
			st |= RAW_HASH;
			if (hex32(v, x->hash) == 0) {
				st |= RAW_HASH_HEX;
				hash_text = v.p;
			}
		} else {
			return -1;
		}
	}
	a->st[i] = (unsigned char)st;
	if (m == 0 && hash_text) {
		d->last_hash = hash_text;
		memcpy(d->last_bin, x->hash, 32);
	}
	return m;
}

/* --- work shared by threads ------------------------------------------------------ */

/* A crew: n tasks, taken in turn by the calling thread and by threads
 * started for them. The calling thread never waits for a thread that has
 * taken no task: on a machine whose cores are shared, a thread started
 * may get a core only once the work is done, and waiting for it to end
 * (pthread_join) would cost the caller its own core too. So the threads
 * are detached, and the crew (not the work it points to) lives until the
 * last of them has let go of it. */
struct crew {
	void (*run)(void *work, int i);
	void *work;
	int n;
	atomic_int next;  /* the next task to take */
	atomic_int busy;  /* tasks taken and not yet done (and takings under way) */
	atomic_int refs;  /* the threads holding the crew, and the caller */
};

static void crew_unref(struct crew *c)
{
	if (atomic_fetch_sub(&c->refs, 1) == 1)
		free(c);
}

static void crew_work(struct crew *c)
{
	for (;;) {
		atomic_fetch_add(&c->busy, 1); /* before taking: crew_finish sees the taking */
		int i = atomic_fetch_add(&c->next, 1);
		if (i >= c->n) {
			atomic_fetch_sub(&c->busy, 1);
			return;
		}
		c->run(c->work, i);
		atomic_fetch_sub(&c->busy, 1);
	}
}

static void *crew_thread(void *arg)
{
	struct crew *c = arg;
	crew_work(c);
	crew_unref(c);
	return NULL;
}

/* Starts up to threads - 1 threads on n tasks (none when threads < 2).
 * Finish with crew_finish. */
static struct crew *crew_start(void (*run)(void *, int), void *work, int n, int threads)
{
	struct crew *c = malloc(sizeof *c);
	if (!c)
		abort();
	c->run = run;
	c->work = work;
	c->n = n;
	atomic_init(&c->next, 0);
	atomic_init(&c->busy, 0);
	atomic_init(&c->refs, 1);
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	for (int t = 1; t < threads && t <= n; t++) {
		pthread_t tid;
		atomic_fetch_add(&c->refs, 1);
		if (pthread_create(&tid, &attr, crew_thread, c) != 0)
			atomic_fetch_sub(&c->refs, 1);
	}
	pthread_attr_destroy(&attr);
	return c;
}

/* Takes no more tasks when stop; else does the tasks left. Then waits
 * for the tasks taken by the threads, and lets go of the crew: the work
 * is the caller's again. */
static void crew_finish(struct crew *c, int stop)
{
	if (stop)
		atomic_store(&c->next, c->n);
	crew_work(c);
	while (atomic_load(&c->busy))
		sched_yield();
	crew_unref(c);
}

/* --- the events read by several threads ---------------------------------------- */

/* A long bundle's events are read in parts by several threads: each part
 * starts after a newline (which JSON allows only between tokens) where an
 * element of "events" is taken to begin, and is read up to the next
 * part's start, the last up to the end of the array. The first part is
 * read with the rest of the document on the calling thread, which stops
 * at the second part's start: when it gets there between two elements of
 * "events", the other parts read what it would have read, and their
 * events follow its own. When it gets there anywhere else, or a part was
 * not sure of its bytes, the whole document is read again on one thread:
 * so the answer never depends on where the parts were cut. There are
 * several parts a thread, which each thread (the calling one too, once at
 * the second part) takes in turn: a thread the machine runs late is then
 * not waited for long. */
#define SPLIT_MAX 32 /* parts */
#define SPLIT_PER_THREAD 4
#define SPLIT_MIN ((size_t)32 << 10) /* bytes: less is not worth a part */

struct part {
	const unsigned char *start;
	struct rd d;                /* from start to the next part's start */
	struct raw_events ev;
	const unsigned char *after; /* the last part: just past the array's ']' */
	int last, rc;
};

struct split {
	struct part part[SPLIT_MAX]; /* part[0] is the calling thread's, unused */
	int n;                       /* parts */
	struct crew *crew;           /* reading part[1 + i] is task i; NULL once done */
	const unsigned char *end;    /* the document's */
};

/* A part: elements of "events" from a place between two of them. */
static void read_part(struct part *pt)
{
	struct rd *d = &pt->d;
	pt->rc = -1;
	for (;;) {
		ws(d);
		if (!pt->last && d->p == d->end) {
			pt->rc = 0;
			break;
		}
		if (fast_event(d, &pt->ev) != 0)
			break;
		ws(d);
		if (d->p < d->end && *d->p == ',') {
			d->p++;
			continue;
		}
		if (pt->last && d->p < d->end && *d->p == ']') {
			pt->after = ++d->p;
			pt->rc = 0;
		}
		break;
	}
}

static void read_task(void *work, int i)
{
	struct split *sp = work;
	read_part(&sp->part[1 + i]);
}

/* Reads the parts left (none when stop) and waits for the others'; 0
 * when every part was read. */
static int split_join(struct split *sp, int stop)
{
	if (!sp->crew)
		return -1;
	crew_finish(sp->crew, stop);
	sp->crew = NULL;
	int rc = 0;
	for (int t = 1; t < sp->n; t++)
		rc |= sp->part[t].rc;
	return rc ? -1 : 0;
}

static void split_release(struct split *sp)
{
	split_join(sp, 1);
	for (int t = 1; t < sp->n; t++)
		raw_events_release(&sp->part[t].ev);
}

/* The first part has got to the second's start between two elements of
 * "events": the other parts' events are appended to a, and d goes on
 * after the array. */
static int split_splice(struct rd *d, struct raw_events *a)
{
	struct split *sp = d->split;
	if (split_join(sp, 0))
		return -1;
	size_t n = a->n;
	for (int t = 1; t < sp->n; t++)
		n += sp->part[t].ev.n;
	if (n > a->cap) {
		a->cap = n;
		a->ev = realloc(a->ev, n * sizeof *a->ev);
		a->st = realloc(a->st, n);
		if (!a->ev || !a->st)
			abort();
	}
	for (int t = 1; t < sp->n; t++) {
		struct raw_events *x = &sp->part[t].ev;
		memcpy(a->ev + a->n, x->ev, x->n * sizeof *x->ev);
		memcpy(a->st + a->n, x->st, x->n);
		a->n += x->n;
	}
	struct part *last = &sp->part[sp->n - 1];
	d->p = last->after;
	d->end = sp->end;
	d->out = last->d.out;
	d->split = NULL;
	return 0;
}
static int fast_doc(struct rd *d, struct raw *r)
{
	size_t cpcap = 0;
	if (eat(d, '{'))
		return -1;
	int first = 1, m, seen = 0;
	struct str k;
	while ((m = member(d, &first, &k)) == 1) {
		static const char *const names[] = {"format", "origin", "relationship", "keys", "events", "checkpoints"};
		int which = -1;
		for (int i = 0; i < 6; i++)
			if (is(k, names[i]))
				which = i;
		if (which < 0 || (seen & 1 << which))
			return -1;
		seen |= 1 << which;
		int f1 = 1, m1;
		switch (which) {
		case 0:
		case 1:
		case 2:
			if (string(d, which == 0 ? &r->format : which == 1 ? &r->origin : &r->uid))
				return -1;
			break;
		case 3:
			if (eat(d, '{'))
				return -1;
			r->keys_is_object = 1;
			while ((m1 = member(d, &f1, &k)) == 1) {
				int i = is(k, sides[0]) ? 0 : is(k, sides[1]) ? 1 : -1;
				if (i < 0 || r->key_present[i] || string(d, &r->key[i]))
					return -1;
				r->key_present[i] = 1;
			}
			if (m1 < 0)
				return -1;
			break;
		case 4:
			if (eat(d, '['))
				return -1;
			r->events_is_array = 1;
			while ((m1 = element(d, &f1)) == 1) {
				if (d->split) {
					ws(d);
					if (d->p == d->end) { /* the second part's start, between two elements */
						if (split_splice(d, &r->ev))
							return -1;
						m1 = 0;
						break;
					}
				}
				if (fast_event(d, &r->ev))
					return -1;
			}
			if (m1 < 0)
				return -1;
			break;
		case 5:
			if (eat(d, '['))
				return -1;
			r->cps_is_array = 1;
			while ((m1 = element(d, &f1)) == 1) {
				r->cp = grow(r->cp, &cpcap, r->ncp, sizeof *r->cp);
				if (string(d, &r->cp[r->ncp++]))
					return -1;
			}
			if (m1 < 0)
				return -1;
			break;
		}
	}
	if (m < 0)
		return -1;
	ws(d);
	return d->p == d->end && !d->split ? 0 : -1;
}

/* Cuts data into parts for threads threads (sp->n of them, 1 when it is
 * not worth it) and starts the other threads on all but the first. Each
 * part decodes its strings into the arena from the place of its own bytes
 * on, 32 bytes further for each part before it: a decoded string is never
 * longer than its JSON, and plain_copy writes at most 16 bytes ahead. */
static void split_start(struct split *sp, const char *data, size_t len, char *arena, int threads)
{
	memset(sp, 0, sizeof *sp);
	sp->n = 1;
	sp->end = (const unsigned char *)data + len;
	if (threads >= 2) {
		size_t parts = (size_t)threads * SPLIT_PER_THREAD;
		if (parts > SPLIT_MAX)
			parts = SPLIT_MAX;
		if (len / SPLIT_MIN < parts)
			parts = len / SPLIT_MIN;
		const unsigned char *prev = (const unsigned char *)data;
		for (size_t t = 1; t < parts; t++) {
			size_t at = len / parts * t;
			const unsigned char *nl = memchr(data + at, '\n', len - at);
			if (!nl || nl + 1 <= prev || nl + 1 >= sp->end)
				break;
			prev = nl + 1;
			struct part *pt = &sp->part[sp->n++];
			pt->start = pt->d.p = prev;
			pt->d.out = arena + (prev - (const unsigned char *)data) + 32 * t;
		}
		for (int t = 1; t < sp->n; t++) {
			struct part *pt = &sp->part[t];
			pt->last = t == sp->n - 1;
			pt->d.end = pt->last ? sp->end : sp->part[t + 1].start;
		}
	}
	sp->crew = crew_start(read_task, sp, sp->n - 1, sp->n > 1 ? threads : 1);
}

int bundle_parse(struct bundle *b, const char *data, size_t len, int threads, struct err *e)
{
	pthread_once(&plain_once, plain_init);
	memset(b, 0, sizeof *b);
	/* a decoded string and its NUL are never longer than the string in
	 * JSON with its quotes; plain_copy may store 16 bytes past the end,
	 * and each part of a split starts 32 bytes further (split_start) */
	b->arena = malloc(len + 1 + 16 + 32 * SPLIT_MAX);
	if (!b->arena)
		abort();
	struct split sp;
	split_start(&sp, data, len, b->arena, threads);
	struct rd d = {.p = (const unsigned char *)data, .end = (const unsigned char *)data + len, .out = b->arena};
	if (sp.n > 1) {
		d.end = sp.part[1].start; /* not d.p, which the part's reader moves */
		d.split = &sp;
	}
	struct raw r = {0};
	int rc = fast_doc(&d, &r);
	split_release(&sp);
	if (rc && sp.n > 1) { /* not cut between elements of "events": again on one thread */
		raw_release(&r);
		d = (struct rd){.p = (const unsigned char *)data, .end = (const unsigned char *)data + len, .out = b->arena};
		rc = fast_doc(&d, &r);
	}
	if (rc == 0) {
		b->fast = 1;
		rc = finish(b, &r, e);
		raw_release(&r);
		if (rc)
			bundle_release(b);
		return rc;
	}
	raw_release(&r);
	free(b->arena);
	b->arena = NULL;
	return bundle_parse_jansson(b, data, len, e);
}

void bundle_release(struct bundle *b)
{
	for (size_t i = 0; i < b->ncps; i++)
		note_release(&b->cps[i].note);
	free(b->cps);
	free(b->events);
	free(b->arena);
	json_decref(b->doc);
	memset(b, 0, sizeof *b);
}

/* --- the envelope's "rel" and "seq" ------------------------------------------ */

/* A strict scan of a canonical envelope: valid JSON whose objects have
 * their keys in strictly increasing byte order (so none twice), with no
 * escape in a key, no \u0000 or surrogate escape, no number but integers
 * of up to 15 digits, at most 32 levels deep. What it is not sure of, it
 * leaves to jansson. */
struct scan {
	const unsigned char *p, *end;
	int depth;
};

static void sws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\t' || *s->p == '\r'))
		s->p++;
}

static int hexdig(unsigned char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A string; *escaped says whether it had any escape. */
static int sstring(struct scan *s, struct str *raw, int *escaped)
{
	if (s->p >= s->end || *s->p != '"')
		return -1;
	const unsigned char *p = ++s->p, *end = s->end;
	*escaped = 0;
	for (;;) {
		p = plain_skip(p, end);
		if (p >= end)
			return -1;
		if (*p == '"')
			break;
		if (*p == '\\') {
			*escaped = 1;
			if (p + 1 >= end)
				return -1;
			unsigned char c = p[1];
			if (c == 'u') {
				if (end - p < 6)
					return -1;
				int v = 0;
				for (int i = 2; i < 6; i++) {
					int h = hexdig(p[i]);
					if (h < 0)
						return -1;
					v = v << 4 | h;
				}
				if (v == 0 || (v >= 0xd800 && v <= 0xdfff))
					return -1;
				p += 6;
			} else if (unescape[c]) {
				p += 2;
			} else {
				return -1;
			}
			continue;
		}
		size_t n = *p >= 0x80 ? utf8_seq(p, end) : 0;
		if (n == 0)
			return -1;
		p += n;
	}
	raw->p = (const char *)s->p;
	raw->n = (size_t)(p - s->p);
	s->p = p + 1;
	return 0;
}

static int svalue(struct scan *s);

static int sobject(struct scan *s, struct str *rel, int64_t *seq, int *got)
{
	s->p++; /* '{' */
	struct str prev = {NULL, 0};
	sws(s);
	if (s->p < s->end && *s->p == '}') {
		s->p++;
		return 0;
	}
	for (;;) {
		struct str k;
		int esc;
		sws(s);
		if (sstring(s, &k, &esc) || esc)
			return -1;
		if (prev.p) {
			/* names are short and most differ in their first byte: a
			 * loop, not a call to memcmp */
			size_t n = k.n < prev.n ? k.n : prev.n, i = 0;
			const unsigned char *a = (const unsigned char *)prev.p, *b = (const unsigned char *)k.p;
			while (i < n && a[i] == b[i])
				i++;
			if (i < n ? a[i] > b[i] : prev.n >= k.n)
				return -1; /* not in canonical order: jansson decides */
		}
		prev = k;
		sws(s);
		if (s->p >= s->end || *s->p != ':')
			return -1;
		s->p++;
		sws(s);
		const unsigned char *at = s->p;
		if (svalue(s))
			return -1;
		if (rel && k.n == 3 && k.p[0] == 'r' && k.p[1] == 'e' && k.p[2] == 'l') {
			struct scan v = {at, s->end, 0};
			if (sstring(&v, rel, &esc) || esc)
				return -1;
			*got |= 1;
		} else if (seq && k.n == 3 && k.p[0] == 's' && k.p[1] == 'e' && k.p[2] == 'q') {
			int64_t x = 0;
			int neg = *at == '-';
			const unsigned char *q = at + neg;
			if (q >= s->p || *q < '0' || *q > '9')
				return -1;
			for (; q < s->p; q++) {
				if (*q < '0' || *q > '9')
					return -1;
				x = x * 10 + (*q - '0');
			}
			*seq = neg ? -x : x;
			*got |= 2;
		}
		sws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			continue;
		}
		if (s->p < s->end && *s->p == '}') {
			s->p++;
			return 0;
		}
		return -1;
	}
}

static int svalue(struct scan *s)
{
	if (s->p >= s->end)
		return -1;
	unsigned char c = *s->p;
	struct str str;
	int esc;
	if (c == '"')
		return sstring(s, &str, &esc);
	if (c == '{' || c == '[') {
		if (++s->depth > 32)
			return -1;
		int r;
		if (c == '{') {
			r = sobject(s, NULL, NULL, NULL);
		} else {
			s->p++;
			sws(s);
			r = 0;
			if (s->p < s->end && *s->p == ']') {
				s->p++;
			} else {
				for (;;) {
					sws(s);
					if (svalue(s)) {
						r = -1;
						break;
					}
					sws(s);
					if (s->p < s->end && *s->p == ',') {
						s->p++;
						continue;
					}
					if (s->p < s->end && *s->p == ']') {
						s->p++;
						break;
					}
					r = -1;
					break;
				}
			}
		}
		s->depth--;
		return r;
	}
	/* the literals, by their first letter (a number starts with neither) */
	const char *lit = c == 't' ? "true" : c == 'f' ? "false" : c == 'n' ? "null" : NULL;
	if (lit) {
		size_t n = c == 'f' ? 5 : 4;
		if ((size_t)(s->end - s->p) < n || memcmp(s->p, lit, n))
			return -1;
		s->p += n;
		return 0;
	}
	const unsigned char *p = s->p;
	p += *p == '-';
	const unsigned char *digits = p;
	while (p < s->end && *p >= '0' && *p <= '9')
		p++;
	size_t n = (size_t)(p - digits);
	if (n == 0 || n > 15 || (n > 1 && *digits == '0'))
		return -1;
	if (p < s->end && (*p == '.' || *p == 'e' || *p == 'E'))
		return -1;
	s->p = p;
	return 0;
}

/* 1 the envelope names uid and seq, 0 it does not, -1 not sure. */
static int envelope_fast(const char *env, size_t len, const char *uid, int64_t seq)
{
	struct scan s = {(const unsigned char *)env, (const unsigned char *)env + len, 0};
	struct str rel = {NULL, 0};
	int64_t got_seq = 0;
	int got = 0;
	sws(&s);
	if (s.p >= s.end || *s.p != '{' || sobject(&s, &rel, &got_seq, &got))
		return -1;
	sws(&s);
	if (s.p != s.end || got != 3)
		return -1;
	return rel.n == strlen(uid) && !memcmp(rel.p, uid, rel.n) && got_seq == seq;
}

/* bundle_envelope_ok once the tables are there. */
static int envelope_ok(const char *env, size_t len, const char *uid, int64_t seq)
{
	int r = envelope_fast(env, len, uid, seq);
	if (r >= 0)
		return r;
	json_t *parsed = json_loadb(env, len, JSON_REJECT_DUPLICATES, NULL);
	json_t *pseq = json_object_get(parsed, "seq"), *prel = json_object_get(parsed, "rel");
	int ok = json_is_integer(pseq) && json_integer_value(pseq) == seq && json_is_string(prel) &&
	         !strcmp(json_string_value(prel), uid);
	json_decref(parsed);
	return ok;
}

int bundle_envelope_ok(const char *env, size_t len, const char *uid, int64_t seq)
{
	pthread_once(&plain_once, plain_init);
	return envelope_ok(env, len, uid, seq);
}

/* --- verification --------------------------------------------------------------- */

__attribute__((format(printf, 2, 3))) static int bad(struct bundle_report *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->reason, sizeof r->reason, fmt, ap);
	va_end(ap);
	return 1;
}

enum ev_fault { EV_OK, EV_SEQ, EV_ID, EV_LINK, EV_HASH };

/* The events are checked in chunks, which the threads take in turn (a
 * crew's tasks). A chunk, [lo, hi), stops at its first bad event; the
 * leaf hashes of the good ones are filled. The report names the first bad
 * event of the first chunk that has one: every chunk before that one is
 * checked, none after it need be. */
struct chunk {
	size_t lo, hi;
	size_t bad;        /* the first bad event's index, hi when none */
	enum ev_fault fault;
};

struct checking {
	const struct bundle *b;
	merkle_hash *leaves;
	struct chunk *chunk;
	atomic_int first_bad; /* the first chunk known to have a bad event */
	atomic_int failed;    /* no SHA-256 */
};

static void check_chunk(const struct bundle *b, struct sha256 *h, merkle_hash *leaves, struct chunk *c)
{
	static const unsigned char zero[32];
	c->bad = c->hi;
	for (size_t i = c->lo; i < c->hi; i++) {
		const struct bundle_event *ev = &b->events[i];
		int64_t seq = (int64_t)i + 1;
		enum ev_fault f = EV_OK;
		unsigned char got[32];
		if (ev->seq != seq) {
			f = EV_SEQ;
		} else if (i > 0 && ev->id <= b->events[i - 1].id && ev->id) {
			f = EV_ID;
		} else if (memcmp(ev->prev_hash, i ? b->events[i - 1].hash : zero, 32)) {
			f = EV_LINK;
		} else {
			sha256_two(h, ev->prev_hash, 32, ev->env, ev->env_len, got);
			if (memcmp(got, ev->hash, 32) || !envelope_ok(ev->env, ev->env_len, b->uid, seq))
				f = EV_HASH;
		}
		if (f != EV_OK) {
			c->bad = i;
			c->fault = f;
			break;
		}
		merkle_leaf(h, ev->hash, 32, leaves[i]);
	}
}

/* Chunk i; none after the first chunk known to have a bad event (it is
 * left unchecked: its bad stays hi, and the report stops before it). */
static void check_task(void *work, int i)
{
	struct checking *ck = work;
	struct chunk *c = &ck->chunk[i];
	if (i > atomic_load(&ck->first_bad))
		return;
	struct sha256 *h = sha256_new();
	if (!h) {
		atomic_store(&ck->failed, 1);
		atomic_store(&ck->first_bad, -1);
		return;
	}
	check_chunk(ck->b, h, ck->leaves, c);
	sha256_release(h);
	int first = atomic_load(&ck->first_bad);
	while (c->bad != c->hi && i < first && !atomic_compare_exchange_weak(&ck->first_bad, &first, i))
		;
}

/* A checkpoint's size and its place in the bundle, for the roots pass. */
struct want {
	uint64_t size;
	size_t k;
};

static int by_size(const void *a, const void *b)
{
	const struct want *x = a, *y = b;
	return (x->size > y->size) - (x->size < y->size);
}

/* The digest of the events' ids at each checkpoint that carries one
 * (order: the checkpoints by size), hashing each id once. -1 without
 * SHA-256. */
static int signed_ids(const struct bundle *b, const struct want *order, unsigned char (*out)[32])
{
	size_t upto = 0;
	for (size_t k = 0; k < b->ncps; k++)
		if (b->cps[k].cp.has_ids && b->cps[k].cp.size <= b->nevents && b->cps[k].cp.size > upto)
			upto = b->cps[k].cp.size;
	if (!upto)
		return 0;
	struct sha256 *h = sha256_new();
	int64_t *ids = malloc(upto * sizeof *ids);
	if (!ids)
		abort();
	if (!h) {
		free(ids);
		return -1;
	}
	for (size_t i = 0; i < upto; i++)
		ids[i] = b->events[i].id;
	struct note_ids d;
	note_ids_init(&d, h);
	for (size_t k = 0; k < b->ncps; k++) {
		const struct note_checkpoint *cp = &b->cps[order[k].k].cp;
		if (cp->has_ids && cp->size <= upto)
			note_ids_digest(&d, ids, cp->size, out[order[k].k]);
	}
	sha256_release(h);
	free(ids);
	return 0;
}

static int check_checkpoint(const struct bundle *b, size_t i, const merkle_hash root, const unsigned char ids[32],
                            struct bundle_report *r)
{
	const struct bundle_checkpoint *c = &b->cps[i];
	if (memcmp(root, c->cp.root, 32))
		return bad(r, "checkpoint %zu: the root at %llu events is not the signed one: the record or the checkpoint "
		           "was altered", i + 1, (unsigned long long)c->cp.size);
	if (c->cp.has_ids && b->events[0].id == 0)
		return bad(r, "checkpoint %zu: it signs the events' ids, which the bundle does not hold", i + 1);
	if (c->cp.has_ids && memcmp(ids, c->cp.ids, 32))
		return bad(r, "checkpoint %zu: the events' ids at %llu events are not the signed ones: the ids or the "
		           "checkpoint were altered", i + 1, (unsigned long long)c->cp.size);
	int ok[2] = {0, 0};
	for (size_t s = 0; s < c->note.nsigs; s++) {
		const struct note_sig *sig = &c->note.sigs[s];
		int k = -1;
		for (int j = 0; j < 2; j++)
			if (b->have_key[j] && b->key[j].id == sig->id && !strcmp(b->key[j].name, sig->name))
				k = j;
		/* Every signature of a rapport checkpoint is the buyer's or the
		 * partner's: one by any other key is a signature that was changed
		 * (or a key that was), not one to pass over. */
		if (k < 0)
			return bad(r, "checkpoint %zu: line %d: signed by %s+%08x, which is neither the buyer's nor the "
			           "partner's key in the bundle", i + 1, sig->line, sig->name, sig->id);
		if (sig->sig_len != crypto_sign_BYTES ||
		    crypto_sign_verify_detached(sig->sig, (const unsigned char *)c->note.text, c->note.text_len,
		                                b->key[k].pub) != 0)
			return bad(r, "checkpoint %zu: line %d: the signature of %s+%08x does not verify", i + 1, sig->line,
			           b->key[k].name, b->key[k].id);
		ok[k] = 1;
	}
	if (!ok[0] && !ok[1])
		return bad(r, "checkpoint %zu: no signature by the buyer's or the partner's key", i + 1);
	r->signatures += ok[0] + ok[1];
	r->checkpoints++;
	r->without_ids += !c->cp.has_ids;
	return 0;
}

int bundle_verify(const struct bundle *b, int threads, struct bundle_report *r, struct err *e)
{
	memset(r, 0, sizeof *r);
	snprintf(r->origin, sizeof r->origin, "%s", b->origin);
	pthread_once(&plain_once, plain_init);
	size_t n = b->nevents;
	merkle_hash *leaves = malloc((n ? n : 1) * sizeof *leaves);
	if (!leaves)
		abort();
	/* a thread is worth starting for a few hundred events, and each has
	 * a few chunks to take */
	if (threads < 1 || n < 256 * (size_t)threads)
		threads = 1;
	if (threads > 8)
		threads = 8;
	size_t size = threads > 1 ? n / ((size_t)threads * 8) : n;
	if (size < 256)
		size = 256;
	size_t nchunks = (n + size - 1) / size;
	struct checking ck = {.b = b, .leaves = leaves};
	atomic_init(&ck.first_bad, (int)nchunks);
	atomic_init(&ck.failed, 0);
	ck.chunk = calloc(nchunks ? nchunks : 1, sizeof *ck.chunk);
	if (!ck.chunk)
		abort();
	for (size_t k = 0; k < nchunks; k++) {
		ck.chunk[k].lo = k * size;
		ck.chunk[k].hi = k * size + size < n ? k * size + size : n;
		ck.chunk[k].bad = ck.chunk[k].hi;
	}
	crew_finish(crew_start(check_task, &ck, (int)nchunks, threads), 0);
	int rc = 0;
	if (atomic_load(&ck.failed))
		rc = err_set(e, ERR_IO, "OpenSSL has no SHA-256");
	for (size_t k = 0; k < nchunks && rc == 0; k++) {
		const struct chunk *c = &ck.chunk[k];
		if (c->bad == c->hi)
			continue;
		size_t i = c->bad;
		const struct bundle_event *ev = &b->events[i];
		long long seq = (long long)i + 1;
		r->events = (int64_t)i;
		r->bad_seq = seq;
		if (c->fault == EV_SEQ)
			rc = bad(r, "event %lld is %s (found %lld)", seq, ev->seq > seq ? "missing" : "out of order",
			         (long long)ev->seq);
		else if (c->fault == EV_ID)
			rc = bad(r, "event %lld: its id %lld is not above event %lld's (%lld): the ids were altered", seq,
			         (long long)ev->id, seq - 1, (long long)b->events[i - 1].id);
		else if (c->fault == EV_LINK)
			rc = bad(r, "event %lld does not link to event %lld (removed, reordered or altered)", seq, seq - 1);
		else
			rc = bad(r, "event %lld does not match its hash (altered)", seq);
	}
	free(ck.chunk);
	if (rc) {
		free(leaves);
		return rc;
	}
	r->events = (int64_t)n;

	/* The roots at the checkpoints' sizes, in one pass over the leaves,
	 * and the digests of the ids of those that sign them. */
	struct want *order = malloc((b->ncps ? b->ncps : 1) * sizeof *order);
	merkle_hash *roots = malloc((b->ncps ? b->ncps : 1) * sizeof *roots);
	unsigned char(*ids)[32] = malloc((b->ncps ? b->ncps : 1) * sizeof *ids);
	if (!order || !roots || !ids)
		abort();
	for (size_t i = 0; i < b->ncps; i++)
		order[i] = (struct want){b->cps[i].cp.size, i};
	qsort(order, b->ncps, sizeof *order, by_size);
	struct sha256 *h = sha256_new();
	if (!h)
		rc = err_set(e, ERR_IO, "OpenSSL has no SHA-256");
	struct merkle_stack st;
	merkle_stack_init(&st);
	size_t next = 0;
	while (next < b->ncps && order[next].size == 0)
		next++;
	for (size_t i = 0; rc == 0 && i < n && next < b->ncps; i++) {
		merkle_stack_push(&st, h, leaves[i], NULL, NULL);
		for (; next < b->ncps && order[next].size == i + 1; next++)
			merkle_stack_root(&st, h, roots[order[next].k]);
	}
	if (rc == 0 && signed_ids(b, order, ids))
		rc = err_set(e, ERR_IO, "OpenSSL has no SHA-256");

	/* The checkpoints, in the bundle's order. */
	for (size_t i = 0; rc == 0 && i < b->ncps; i++) {
		const struct bundle_checkpoint *c = &b->cps[i];
		r->bad_checkpoint = (int64_t)i + 1;
		if (strcmp(c->cp.origin, b->origin))
			rc = bad(r, "checkpoint %zu: its origin %s is not the bundle's", i + 1, c->cp.origin);
		else if (c->cp.size < 1 || c->cp.size > (uint64_t)n)
			rc = bad(r, "checkpoint %zu is of %llu events but the bundle holds %lld: events were removed", i + 1,
			         (unsigned long long)c->cp.size, (long long)n);
		else
			rc = check_checkpoint(b, i, roots[i], ids[i], r);
	}
	if (rc == 0)
		r->bad_checkpoint = 0;
	sha256_release(h);
	free(order);
	free(roots);
	free(ids);
	free(leaves);
	return rc;
}
