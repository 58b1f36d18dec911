/* note.h - C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys, and
 * the tlog checkpoint they carry (c2sp.org/tlog-checkpoint): parsing with
 * errors that name the line, signing, verifying, key IDs, verifier keys
 * ("vkey") and the private key text of golang.org/x/mod/sumdb/note.
 * Pure: no SQL, no files. docs/verify.md shows Rapport's notes. */
#ifndef RAPPORT_NOTE_H
#define RAPPORT_NOTE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/sha256.h"

#define NOTE_MAX_SIGS 100      /* as Go's x/mod note: more is a malformed note */
#define NOTE_MAX_SIZE (1 << 20) /* a note longer than 1 MiB is refused */
#define NOTE_NAME_MAX 256      /* a key name, in bytes, with its NUL */
#define NOTE_ED25519 0x01      /* the signature type byte of Ed25519 */

/* A verifier key: a name, its 4-byte key ID and an Ed25519 public key. */
struct note_key {
	char name[NOTE_NAME_MAX];
	uint32_t id;
	unsigned char pub[32];
};

/* A signing key: the verifier key and the Ed25519 secret key (seed || pub,
 * libsodium's form). Wipe with note_signer_wipe. */
struct note_signer {
	struct note_key key;
	unsigned char sk[64];
};

/* One signature line of a parsed note. */
struct note_sig {
	char name[NOTE_NAME_MAX];
	uint32_t id;                  /* the first 4 bytes of the decoded signature */
	unsigned char sig[256];       /* the rest (64 bytes for Ed25519) */
	size_t sig_len;
	int line;                     /* 1-based line of the note */
};

/* A parsed note: text points into the input, which must outlive it. */
struct note {
	const char *text;             /* the signed message, with its final newline */
	size_t text_len;
	int text_lines;
	struct note_sig *sigs;        /* owned */
	size_t nsigs;
};

/* SHA-256(name || 0x0A || 0x01 || pub)[:4] as a big-endian integer. */
uint32_t note_key_id(struct sha256 *h, const char *name, const unsigned char pub[32]);
/* 1 when name may name a key: non-empty, at most 255 bytes, no Unicode
 * space, no '+', no control character, valid UTF-8. */
int note_name_valid(const char *name, size_t len);

/* Parses "<name>+<hex id>+<base64(0x01 || pub)>"; checks the ID. */
int note_key_parse(struct note_key *k, const char *vkey, struct err *e);
/* Appends the vkey text of k. */
void note_key_format(struct buf *out, const struct note_key *k);

/* Derives the key pair of seed (32 bytes) under name. */
int note_signer_from_seed(struct note_signer *s, struct sha256 *h, const char *name, const unsigned char seed[32],
                          struct err *e);
/* Parses Go's "PRIVATE+KEY+<name>+<hex id>+<base64(0x01 || seed)>". */
int note_signer_parse(struct note_signer *s, struct sha256 *h, const char *skey, struct err *e);
/* Appends that text for s (a secret: the caller wipes the buffer). */
void note_signer_format(struct buf *out, const struct note_signer *s);
void note_signer_wipe(struct note_signer *s);

/* The Ed25519 signature of text by s (64 bytes). */
void note_sign(const struct note_signer *s, const char *text, size_t len, unsigned char sig[64]);
/* Appends the signature line "— <name> <base64(id || sig)>\n". */
void note_sig_line(struct buf *out, const char *name, uint32_t id, const unsigned char *sig, size_t sig_len);
/* Signs text with s and appends its signature line. */
void note_sign_line(struct buf *out, const struct note_signer *s, const char *text, size_t len);

/* Splits a signed note into its text and signature lines, checking the
 * format (UTF-8, no control characters but newlines, a blank line, each
 * signature line well formed). ERR_INPUT naming the line when malformed.
 * Release with note_release. */
int note_parse(struct note *n, const char *data, size_t len, struct err *e);
void note_release(struct note *n);

/* Checks the signatures of n by keys (known only when both name and ID
 * match; others are ignored): ok[i] is set to 1 for each key that signed.
 * Returns how many keys verified, or -1 with ERR_CHECK naming the key and
 * the line when a known key's signature does not verify. */
int note_verify(const struct note *n, const struct note_key *keys, size_t nkeys, int *ok, struct err *e);

/* The extension line of a rapport checkpoint that signs the events' ids:
 * "rapport-ids <base64 of note_ids_digest>" (docs/verify.md). */
#define NOTE_IDS_PREFIX "rapport-ids "

/* A checkpoint: the note text of a tlog. */
struct note_checkpoint {
	char origin[NOTE_NAME_MAX];
	uint64_t size;
	unsigned char root[32];
	int has_ids;                 /* a rapport-ids line right after the root */
	unsigned char ids[32];       /* its digest */
	int extensions;              /* other lines after the root */
	int extension_line;          /* the first of those (1-based), or 0 */
};

/* Reads text (a note's text) as a checkpoint: origin, decimal size without
 * leading zeros, base64 of a 32-byte root, then optional extension lines,
 * of which a first one starting NOTE_IDS_PREFIX must hold the base64 of 32
 * bytes. ERR_INPUT naming the line. */
int note_checkpoint_parse(struct note_checkpoint *c, const char *text, size_t len, struct err *e);
/* Appends the three lines of c, and its rapport-ids line when has_ids. */
void note_checkpoint_format(struct buf *out, const struct note_checkpoint *c);

/* The digest a rapport-ids line carries: SHA-256 of the ids of events
 * 1..size, each as 8 bytes big-endian, in seq order. Read at growing sizes
 * of one array it hashes each id once; a smaller size starts over. */
struct note_ids {
	struct sha256 *h;            /* a context of its own: the digest runs in it */
	size_t done;                 /* ids hashed so far */
};
void note_ids_init(struct note_ids *d, struct sha256 *h);
/* The digest of ids[0..size) into out. */
void note_ids_digest(struct note_ids *d, const int64_t *ids, size_t size, unsigned char out[32]);

/* Appends standard base64 (RFC 4648 section 4, padded) of p. */
void note_base64(struct buf *out, const unsigned char *p, size_t n);
/* Decodes standard padded base64 of exactly len bytes of s into out (room
 * for max): the length, or -1. */
long note_unbase64(const char *s, size_t len, unsigned char *out, size_t max);

#endif
