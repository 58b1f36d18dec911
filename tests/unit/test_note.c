/* test_note.c - signed notes and checkpoints against the C2SP signed-note
 * and tlog-checkpoint vectors (golang.org/x/mod/sumdb/note, the C2SP spec,
 * two real sum.golang.org checkpoints; tests/vectors/README.md): key IDs,
 * verifier and private keys, byte-exact signatures from known seeds,
 * verification, and every malformed or tampered note refused. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "merkle.h"
#include "note.h"
#include "testutil.h"
#include "util/buf.h"

static struct sha256 *sha;
static json_t *vec;

static void setup(void)
{
	sha = sha256_new();
	cr_assert(sha);
	char *text = tu_vector("signed-note/vectors.json", NULL);
	json_error_t je;
	vec = json_loads(text, 0, &je);
	free(text);
	cr_assert(vec, "vectors.json: line %d: %s", je.line, je.text);
}

static void teardown(void)
{
	json_decref(vec);
	sha256_release(sha);
}

TestSuite(note, .init = setup, .fini = teardown);

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	cr_assert(s, "no \"%s\"", k);
	return s;
}

/* The verifier key named name in the vectors. */
static struct note_key key_named(const char *name)
{
	json_t *keys = json_object_get(vec, "keys");
	for (size_t i = 0; i < json_array_size(keys); i++) {
		json_t *k = json_array_get(keys, i);
		if (!strcmp(str(k, "name"), name)) {
			struct note_key out;
			struct err e = {0};
			cr_assert_eq(note_key_parse(&out, str(k, "vkey"), &e), 0, "%s: %s", name, e.msg);
			return out;
		}
	}
	cr_assert_fail("no key %s in the vectors", name);
	return (struct note_key){{0}, 0, {0}};
}

Test(note, every_published_verifier_key_parses_and_its_key_id_is_recomputed)
{
	json_t *keys = json_object_get(vec, "keys");
	cr_assert_eq(json_array_size(keys), 9);
	for (size_t i = 0; i < json_array_size(keys); i++) {
		json_t *k = json_array_get(keys, i);
		const char *vkey = str(k, "vkey");
		struct note_key key;
		struct err e = {0};
		cr_assert_eq(note_key_parse(&key, vkey, &e), 0, "%s: %s", vkey, e.msg);
		cr_expect_str_eq(key.name, str(k, "name"));
		/* the ID in the text is SHA-256(name || 0x0A || 0x01 || pub)[:4] */
		cr_expect_eq(note_key_id(sha, key.name, key.pub), key.id, "%s", vkey);
		struct buf b = BUF_INIT;
		note_key_format(&b, &key);
		cr_expect_str_eq(b.data, vkey, "the vkey prints back as published");
		buf_release(&b);
	}
	/* the spec's example: example.com/foo has key ID 530d903a */
	cr_expect_eq(key_named("example.com/foo").id, 0x530d903aU);
	cr_expect_eq(key_named("sum.golang.org").id, 0x033de0aeU);
}

Test(note, bad_verifier_keys_are_refused)
{
	json_t *bad = json_object_get(vec, "bad_vkeys");
	cr_assert_eq(json_array_size(bad), 2);
	for (size_t i = 0; i < json_array_size(bad); i++) {
		struct note_key key;
		struct err e = {0};
		cr_expect_eq(note_key_parse(&key, str(json_array_get(bad, i), "vkey"), &e), -1, "%s",
		             str(json_array_get(bad, i), "why"));
		cr_expect_eq(e.code, ERR_INPUT);
	}
	struct note_key key;
	struct err e = {0};
	/* the right key with its ID changed */
	cr_expect_eq(note_key_parse(&key, "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", &e), -1);
	cr_expect_str_eq(e.msg, "verifier key: the key ID c74f20a4 is not the key's (c74f20a3)");
	cr_expect_eq(note_key_parse(&key, "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", &e), -1);
}

Test(note, private_keys_derive_their_published_verifier_keys)
{
	json_t *keys = json_object_get(vec, "keys");
	int n = 0;
	for (size_t i = 0; i < json_array_size(keys); i++) {
		json_t *k = json_array_get(keys, i);
		if (!json_object_get(k, "skey"))
			continue;
		struct note_signer s;
		struct err e = {0};
		cr_assert_eq(note_signer_parse(&s, sha, str(k, "skey"), &e), 0, "%s: %s", str(k, "name"), e.msg);
		struct buf b = BUF_INIT;
		note_key_format(&b, &s.key);
		cr_expect_str_eq(b.data, str(k, "vkey"));
		buf_reset(&b);
		note_signer_format(&b, &s);
		cr_expect_str_eq(b.data, str(k, "skey"), "the private key prints back as published");
		buf_release(&b);
		note_signer_wipe(&s);
		n++;
	}
	cr_expect_eq(n, 6); /* PeterNeumann, localhost.localdev/sumdb and transparency-dev's four */
	/* EnochRoot's seed is 32 zero bytes */
	struct note_signer s;
	unsigned char zero[32] = {0};
	struct err e = {0};
	cr_assert_eq(note_signer_from_seed(&s, sha, "EnochRoot", zero, &e), 0);
	struct buf b = BUF_INIT;
	note_key_format(&b, &s.key);
	cr_expect_str_eq(b.data, "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop");
	buf_release(&b);
}

/* The signer of name from its skey or seed in the vectors. */
static int signer_named(const char *name, struct note_signer *s)
{
	json_t *keys = json_object_get(vec, "keys");
	struct err e = {0};
	for (size_t i = 0; i < json_array_size(keys); i++) {
		json_t *k = json_array_get(keys, i);
		if (strcmp(str(k, "name"), name))
			continue;
		if (json_object_get(k, "skey"))
			return note_signer_parse(s, sha, str(k, "skey"), &e) == 0;
		if (json_object_get(k, "seed_hex")) {
			unsigned char seed[32];
			cr_assert_eq(hex_decode(str(k, "seed_hex"), seed, 32), 0);
			return note_signer_from_seed(s, sha, name, seed, &e) == 0;
		}
	}
	return 0;
}

Test(note, signing_with_a_published_key_reproduces_the_published_note_byte_for_byte)
{
	json_t *notes = json_object_get(vec, "signed_notes");
	int reproduced = 0;
	for (size_t i = 0; i < json_array_size(notes); i++) {
		json_t *n = json_array_get(notes, i);
		json_t *signers = json_object_get(n, "signers");
		struct buf b = BUF_INIT;
		const char *text = str(n, "text");
		buf_adds(&b, text);
		buf_addc(&b, '\n');
		int all = 1;
		for (size_t k = 0; k < json_array_size(signers); k++) {
			struct note_signer s;
			if (!signer_named(json_string_value(json_array_get(signers, k)), &s)) {
				all = 0;
				break;
			}
			note_sign_line(&b, &s, text, strlen(text));
			note_signer_wipe(&s);
		}
		if (all) {
			cr_expect_str_eq(b.data, str(n, "note"), "%s", str(n, "source"));
			reproduced++;
		}
		buf_release(&b);
	}
	/* PeterNeumann alone and with EnochRoot: the keys with a published secret */
	cr_expect_eq(reproduced, 2);
}

Test(note, every_published_note_verifies_with_its_signers_keys)
{
	json_t *notes = json_object_get(vec, "signed_notes");
	cr_assert_eq(json_array_size(notes), 5);
	for (size_t i = 0; i < json_array_size(notes); i++) {
		json_t *n = json_array_get(notes, i);
		const char *data = str(n, "note");
		struct note note;
		struct err e = {0};
		cr_assert_eq(note_parse(&note, data, strlen(data), &e), 0, "%s: %s", str(n, "source"), e.msg);
		cr_expect_eq(note.text_len, strlen(str(n, "text")));
		cr_expect(!memcmp(note.text, str(n, "text"), note.text_len));
		json_t *signers = json_object_get(n, "signers");
		cr_expect_eq(note.nsigs, json_array_size(signers));
		struct note_key keys[4];
		int ok[4];
		size_t nk = json_array_size(signers);
		for (size_t k = 0; k < nk; k++)
			keys[k] = key_named(json_string_value(json_array_get(signers, k)));
		cr_expect_eq(note_verify(&note, keys, nk, ok, &e), (int)nk, "%s: %s", str(n, "source"), e.msg);
		/* an unknown key (another name) is ignored: nothing verifies, nothing fails */
		struct note_key other = key_named("Unknown");
		cr_expect_eq(note_verify(&note, &other, 1, ok, &e), 0);
		cr_expect_eq(ok[0], 0);
		json_t *cp = json_object_get(n, "checkpoint");
		if (cp) {
			struct note_checkpoint c;
			cr_assert_eq(note_checkpoint_parse(&c, note.text, note.text_len, &e), 0, "%s", e.msg);
			cr_expect_str_eq(c.origin, str(cp, "origin"));
			cr_expect_eq(c.size, (uint64_t)json_integer_value(json_object_get(cp, "size")));
			struct buf b = BUF_INIT;
			note_base64(&b, c.root, 32);
			cr_expect_str_eq(b.data, str(cp, "root_b64"));
			buf_reset(&b);
			note_checkpoint_format(&b, &c);
			cr_expect_str_eq(b.data, str(n, "text"), "the checkpoint prints back as published");
			buf_release(&b);
		}
		note_release(&note);
	}
}

Test(note, the_same_name_with_another_key_id_is_an_unknown_key)
{
	const char *data = str(json_array_get(json_object_get(vec, "signed_notes"), 0), "note");
	struct note note;
	struct err e = {0};
	cr_assert_eq(note_parse(&note, data, strlen(data), &e), 0);
	struct note_key k = key_named("PeterNeumann");
	k.id ^= 1;
	int ok;
	cr_expect_eq(note_verify(&note, &k, 1, &ok, &e), 0);
	note_release(&note);
}

Test(note, malformed_notes_are_refused_naming_the_line)
{
	json_t *m = json_object_get(json_object_get(vec, "malformed_notes"), "cases");
	cr_assert_eq(json_array_size(m), 7);
	for (size_t i = 0; i < json_array_size(m); i++) {
		json_t *c = json_array_get(m, i);
		struct buf b = BUF_INIT;
		if (json_object_get(c, "prefix_hex")) {
			unsigned char p[8];
			size_t n = strlen(str(c, "prefix_hex")) / 2;
			cr_assert_eq(hex_decode(str(c, "prefix_hex"), p, n), 0);
			buf_add(&b, p, n);
			buf_adds(&b, str(c, "note_after_prefix"));
		} else {
			buf_adds(&b, str(c, "note"));
		}
		struct note note;
		struct err e = {0};
		cr_expect_eq(note_parse(&note, b.data, b.len, &e), -1, "%s", str(c, "why"));
		cr_expect_eq(e.code, ERR_INPUT, "%s", str(c, "why"));
		cr_expect(!strncmp(e.msg, "line ", 5), "%s: \"%s\" names no line", str(c, "why"), e.msg);
		buf_release(&b);
	}
	/* the lines named, worked out by hand: the text has two lines, the
	 * blank line is 3, the signatures start at 4 */
	struct {
		const char *note, *msg;
	} cases[] = {
		{"a\nb\n\n\xe2\x80\x94 K AAAAAAA=\nX\n", "line 5: not a signature line"},
		{"a\nb\n\n\xe2\x80\x94 K+1 AAAAAAA=\n", "line 4: \"K+1\" is not a key name"},
		{"a\nb\n\n\xe2\x80\x94 K AAAA\n", "line 4: the signature is too short"},
		{"a\nb\n\n\xe2\x80\x94 K AAAAAAA\n", "line 4: the signature is not base64"},
		{"a\n\tb\n\n\xe2\x80\x94 K AAAAAAA=\n", "line 2: a control character (0x09)"},
		{"a\nb\n", "line 3: no blank line"},
		{"a\nb\n\n", "line 4: no signature line"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct note note;
		struct err e = {0};
		cr_expect_eq(note_parse(&note, cases[i].note, strlen(cases[i].note), &e), -1);
		cr_expect(!strncmp(e.msg, cases[i].msg, strlen(cases[i].msg)), "\"%s\" is not \"%s...\"", e.msg, cases[i].msg);
	}
}

Test(note, a_tampered_signature_fails_naming_the_key_and_the_line)
{
	const char *data = str(json_object_get(vec, "invalid_signature"), "note");
	struct note note;
	struct err e = {0};
	cr_assert_eq(note_parse(&note, data, strlen(data), &e), 0, "%s", e.msg);
	struct note_key k = key_named("PeterNeumann");
	int ok;
	cr_expect_eq(note_verify(&note, &k, 1, &ok, &e), -1);
	cr_expect_eq(e.code, ERR_CHECK);
	cr_expect_str_eq(e.msg, "line 4: the signature of PeterNeumann+c74f20a3 does not verify");
	note_release(&note);
	/* and a changed text: one byte of the first line */
	const char *good = str(json_array_get(json_object_get(vec, "signed_notes"), 0), "note");
	char *bad = strdup(good);
	bad[0] = 'i';
	cr_assert_eq(note_parse(&note, bad, strlen(bad), &e), 0);
	cr_expect_eq(note_verify(&note, &k, 1, &ok, &e), -1);
	note_release(&note);
	free(bad);
}

Test(note, the_specs_examples_parse_and_a_blank_line_in_the_text_stays_in_the_text)
{
	json_t *ex = json_object_get(vec, "unverifiable_examples");
	cr_assert_eq(json_array_size(ex), 2);
	for (size_t i = 0; i < json_array_size(ex); i++) {
		json_t *x = json_array_get(ex, i);
		const char *data = str(x, "note");
		struct note note;
		struct err e = {0};
		cr_assert_eq(note_parse(&note, data, strlen(data), &e), 0, "%s", e.msg);
		cr_expect_eq(note.text_len, strlen(str(x, "text")));
		cr_expect(!memcmp(note.text, str(x, "text"), note.text_len));
		cr_expect_eq(note.nsigs, 1);
		cr_expect_eq(note.sigs[0].sig_len, 64);
		note_release(&note);
	}
}

Test(note, checkpoints_with_a_bad_line_are_refused_naming_it)
{
	struct {
		const char *text, *msg;
	} cases[] = {
		{"o\n", "line 2: a checkpoint has an origin"},
		{"o\n01\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n", "line 2: the tree size"},
		{"o\n-1\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n", "line 2: the tree size"},
		{"o\n18446744073709551616\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n", "line 2: the tree size"},
		{"o\n1\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9W=\n", "line 3: the root hash"},
		{"o\n1\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk\n", "line 3: the root hash"},
		{"o\n1\nAAAA\n", "line 3: the root hash"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct note_checkpoint c;
		struct err e = {0};
		cr_expect_eq(note_checkpoint_parse(&c, cases[i].text, strlen(cases[i].text), &e), -1, "%s", cases[i].text);
		cr_expect(!strncmp(e.msg, cases[i].msg, strlen(cases[i].msg)), "\"%s\" is not \"%s...\"", e.msg, cases[i].msg);
	}
	struct note_checkpoint c;
	struct err e = {0};
	const char *ok = "o\n18446744073709551615\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\next\n";
	cr_expect_eq(note_checkpoint_parse(&c, ok, strlen(ok), &e), 0, "%s", e.msg);
	cr_expect_eq(c.size, UINT64_MAX);
	cr_expect_eq(c.extensions, 1);
}

/* docs/verify.md's worked example: the two events of docs/ledger.md's
 * example, checkpointed and signed by the buyer's key whose seed is the
 * bytes 00 01 ... 1f. Every value below was worked out with Python's
 * hashlib and the openssl command, not with rapport. */
Test(note, the_worked_example_of_docs_verify_md)
{
	unsigned char h1[32], h2[32], seed[32];
	cr_assert_eq(hex_decode("b6ed602d2afff46772322623774f46913c3c2a11e8cbb789c696a1ee16eb518f", h1, 32), 0);
	cr_assert_eq(hex_decode("ecfb21f313627bb5f9ae19baa3d6910c3bc1ef323a4d838fdabed9048e7551e7", h2, 32), 0);
	merkle_hash l1, l2, root;
	merkle_leaf(sha, h1, 32, l1);
	merkle_leaf(sha, h2, 32, l2);
	struct buf b = BUF_INIT;
	buf_addhex(&b, l1, 32);
	cr_expect_str_eq(b.data, "2c3b6d1708313eea9136b06a53bcb88e5ca6d487914154c54e927e78d5fac0fe");
	buf_reset(&b);
	buf_addhex(&b, l2, 32);
	cr_expect_str_eq(b.data, "94f00770e86380e93d91e3493ae5648397372dc585f407f2026011317cabfee9");
	struct merkle_stack st;
	merkle_stack_init(&st);
	merkle_stack_push(&st, sha, l1, NULL, NULL);
	merkle_stack_push(&st, sha, l2, NULL, NULL);
	merkle_stack_root(&st, sha, root);
	buf_reset(&b);
	buf_addhex(&b, root, 32);
	cr_expect_str_eq(b.data, "d53eb49d96dcc9025ac4ba9974325332b922c3fb67bc932b1cdcf44d205a57cd");

	char name[128], origin[160];
	keys_buyer_name(name, sizeof name, "Linden & Rowe");
	keys_origin(origin, sizeof origin, "Linden & Rowe", "6f1c3f0e-2b7a-4c1d-9e8f-0123456789ab");
	cr_expect_str_eq(name, "rapport.example/linden-rowe");
	for (int i = 0; i < 32; i++)
		seed[i] = (unsigned char)i;
	struct note_signer s;
	struct err e = {0};
	cr_assert_eq(note_signer_from_seed(&s, sha, name, seed, &e), 0, "%s", e.msg);
	buf_reset(&b);
	note_key_format(&b, &s.key);
	cr_expect_str_eq(b.data, "rapport.example/linden-rowe+74a55e05+AQOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4");
	buf_reset(&b);
	note_signer_format(&b, &s);
	cr_expect_str_eq(b.data, "PRIVATE+KEY+rapport.example/linden-rowe+74a55e05+AQABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f");

	struct note_checkpoint c = {.size = 2};
	snprintf(c.origin, sizeof c.origin, "%s", origin);
	memcpy(c.root, root, 32);
	buf_reset(&b);
	note_checkpoint_format(&b, &c);
	size_t text_len = b.len;
	buf_addc(&b, '\n');
	note_sign_line(&b, &s, b.data, text_len);
	/* a checkpoint of before the rapport-ids line */
	cr_expect_str_eq(b.data, "rapport.example/linden-rowe/6f1c3f0e-2b7a-4c1d-9e8f-0123456789ab\n"
	                         "2\n"
	                         "1T60nZbcyQJaxLqZdDJTMrkiw/tnvJMrHNz0TSBaV80=\n"
	                         "\n"
	                         "\xe2\x80\x94 rapport.example/linden-rowe dKVeBZ8q4QuxFA2aRHNyaTz5tUHbcjiektptj0f+QYG4ISXWJAQK9YZj"
	                         "bZyFCpjwl2CQkk3r22l9nlFBQftqf+7fIww=\n");

	/* as rapport checkpoint writes it: the two events stored as ids 1 and 2 */
	struct sha256 *ids_h = sha256_new();
	struct note_ids d;
	note_ids_init(&d, ids_h);
	const int64_t ids[] = {1, 2};
	note_ids_digest(&d, ids, 2, c.ids);
	c.has_ids = 1;
	sha256_release(ids_h);
	buf_reset(&b);
	note_checkpoint_format(&b, &c);
	text_len = b.len;
	buf_addc(&b, '\n');
	note_sign_line(&b, &s, b.data, text_len);
	cr_expect_str_eq(b.data, "rapport.example/linden-rowe/6f1c3f0e-2b7a-4c1d-9e8f-0123456789ab\n"
	                         "2\n"
	                         "1T60nZbcyQJaxLqZdDJTMrkiw/tnvJMrHNz0TSBaV80=\n"
	                         "rapport-ids jHZU7P17C2I7gD4vTgKtHMhCeO/fzXxMkgjt2B8X4RU=\n"
	                         "\n"
	                         "\xe2\x80\x94 rapport.example/linden-rowe dKVeBcqtwl5HdKRDDwHNqCWGLTqIpKtusw+pAoSueYSTlcNAffSe"
	                         "p7QbaB0g70KSHu+i5wONyl8GygzvaLmdFZi3hw0=\n");
	note_signer_wipe(&s);
	buf_release(&b);
}

/* Digests worked out with Python: hashlib.sha256(b"".join(struct.pack(">q",
 * i) for i in ids)). */
static void expect_digest(struct note_ids *d, const int64_t *ids, size_t n, const char *hex)
{
	unsigned char out[32];
	note_ids_digest(d, ids, n, out);
	struct buf b = BUF_INIT;
	buf_addhex(&b, out, 32);
	cr_expect_str_eq(b.data, hex, "%zu ids", n);
	buf_release(&b);
}

Test(note, the_ids_digest_grows_with_the_size_and_starts_over_below_it)
{
	struct sha256 *h = sha256_new();
	struct note_ids d;
	note_ids_init(&d, h);
	const int64_t some[] = {3, 70, 71, 200};
	expect_digest(&d, some, 2, "513233266c0c45a81e1590322df99e3465f20bea73bd8522d8ecc93f2f2fa5cd");
	expect_digest(&d, some, 4, "743f084cee393519fac5289872063f53d6eec8df550fb3b2a3e5f8bb12982496");
	expect_digest(&d, some, 2, "513233266c0c45a81e1590322df99e3465f20bea73bd8522d8ecc93f2f2fa5cd");
	int64_t many[200];
	for (int i = 0; i < 200; i++)
		many[i] = i + 1;
	note_ids_init(&d, h);
	expect_digest(&d, many, 65, "0b87eefd49a824fb16ec5ed82de511dc501042fc4a47b32e82162545632aeb7f");
	expect_digest(&d, many, 200, "a99d55111a6ba9a9e32de1104993e9108e8514b845e764f5853e63662a622fe5");
	expect_digest(&d, many, 2, "8c7654ecfd7b0b623b803e2f4e02ad1cc84278efdfcd7c4c9208edd81f17e115");
	sha256_release(h);
}

Test(note, the_rapport_ids_line_parses_and_formats_back)
{
	static const char text[] = "o\n6\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n"
	                           "rapport-ids jHZU7P17C2I7gD4vTgKtHMhCeO/fzXxMkgjt2B8X4RU=\n";
	struct note_checkpoint c;
	struct err e = {0};
	cr_assert_eq(note_checkpoint_parse(&c, text, strlen(text), &e), 0, "%s", e.msg);
	cr_expect_eq(c.has_ids, 1);
	cr_expect_eq(c.extensions, 0);
	cr_expect_eq(c.extension_line, 0);
	cr_expect_eq(c.ids[0], 0x8c);
	cr_expect_eq(c.ids[31], 0x15);
	struct buf b = BUF_INIT;
	note_checkpoint_format(&b, &c);
	cr_expect_str_eq(b.data, text);
	buf_release(&b);

	/* another line after it is an extension rapport does not write, and
	 * the ids' line is only ever the fourth */
	static const struct {
		const char *text;
		int has_ids, extensions, extension_line;
	} cases[] = {
		{"o\n6\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n"
		 "rapport-ids jHZU7P17C2I7gD4vTgKtHMhCeO/fzXxMkgjt2B8X4RU=\nmore\n",
		 1, 1, 5},
		{"o\n6\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\nfirst\n"
		 "rapport-ids jHZU7P17C2I7gD4vTgKtHMhCeO/fzXxMkgjt2B8X4RU=\n",
		 0, 2, 4},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cr_assert_eq(note_checkpoint_parse(&c, cases[i].text, strlen(cases[i].text), &e), 0, "%s", e.msg);
		cr_expect_eq(c.has_ids, cases[i].has_ids, "%zu", i);
		cr_expect_eq(c.extensions, cases[i].extensions, "%zu", i);
		cr_expect_eq(c.extension_line, cases[i].extension_line, "%zu", i);
	}
	static const char bad[] = "o\n6\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n"
	                          "rapport-ids jHZU7P17C2I7gD4vTgKtHMhCeO/fzXxMkgjt2B8X4\n";
	cr_expect_eq(note_checkpoint_parse(&c, bad, strlen(bad), &e), -1);
	cr_expect_str_eq(e.msg, "line 4: the event ids' digest is not the base64 of 32 bytes");
}

Test(note, key_names_use_a_slug_of_the_buyers_name)
{
	char out[128];
	struct {
		const char *name, *slug;
	} cases[] = {
		{"Linden & Rowe", "linden-rowe"}, {"  A--B  ", "a-b"}, {"长青服饰", "buyer"},
		{"Maison Étoile 2", "maison-toile-2"}, {"", "buyer"},
		{"A very long brand name that goes on and on beyond forty bytes", "a-very-long-brand-name-that-goes-on-and"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		keys_slug(out, sizeof out, cases[i].name);
		cr_expect_str_eq(out, cases[i].slug, "%s", cases[i].name);
		cr_expect(note_name_valid(out, strlen(out)));
	}
	keys_partner_name(out, sizeof out, "Linden & Rowe", "6f1c3f0e-2b7a-4c1d-9e8f-0123456789ab");
	cr_expect_str_eq(out, "rapport.example/linden-rowe/6f1c3f0e-2b7a-4c1d-9e8f-0123456789ab/partner");
}
