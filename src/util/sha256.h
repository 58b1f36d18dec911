/* sha256.h - SHA-256 through OpenSSL EVP with one reused context, which uses
 * the CPU's SHA extensions (DESIGN.md section 4). Not thread-safe per ctx. */
#ifndef RAPPORT_SHA256_H
#define RAPPORT_SHA256_H

#include <stddef.h>

#define SHA256_LEN 32

struct sha256;

/* Returns NULL only when OpenSSL has no SHA-256; free with sha256_release. */
struct sha256 *sha256_new(void);
void sha256_release(struct sha256 *h);
/* out = SHA-256(a || b); either part may be empty. */
void sha256_two(struct sha256 *h, const void *a, size_t alen, const void *b, size_t blen,
                unsigned char out[SHA256_LEN]);

/* A running hash in h's context, for digests of a growing input read at
 * several lengths: sha256_begin, then any number of sha256_add and
 * sha256_peek (the digest of everything added so far; adding may go on).
 * Give a stream an h of its own: where sha256_two runs through EVP, it
 * shares the context and ends the stream. */
void sha256_begin(struct sha256 *h);
void sha256_add(struct sha256 *h, const void *p, size_t n);
void sha256_peek(struct sha256 *h, unsigned char out[SHA256_LEN]);

#endif
