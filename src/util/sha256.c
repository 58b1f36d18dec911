/* sha256.c - SHA-256 over OpenSSL, which uses the CPU's SHA extensions.
 * Through its SHA256_* functions where this OpenSSL still has them: they
 * run the same code as EVP without the provider calls around it, which
 * cost as much as hashing the 33 bytes of a Merkle leaf (each EVP digest
 * frees and allocates its provider context again in OpenSSL 3.0). They
 * are deprecated, so their warning is silenced here and only here; an
 * OpenSSL built without them gets EVP with the digest fetched once and
 * one reused context. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "util/sha256.h"

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <stdlib.h>

#if !defined(OPENSSL_NO_DEPRECATED_3_0)
#define SHA256_LOW_LEVEL 1
#endif

struct sha256 {
	EVP_MD *md;
	EVP_MD_CTX *ctx;
	EVP_MD_CTX *peek;  /* sha256_peek's copy of a running hash, made on demand */
};

struct sha256 *sha256_new(void)
{
	struct sha256 *h = calloc(1, sizeof *h);
	if (!h)
		abort();
	h->md = EVP_MD_fetch(NULL, "SHA256", NULL);
	h->ctx = EVP_MD_CTX_new();
	if (!h->md || !h->ctx) {
		sha256_release(h);
		return NULL;
	}
	return h;
}

void sha256_release(struct sha256 *h)
{
	if (!h)
		return;
	EVP_MD_CTX_free(h->ctx);
	EVP_MD_CTX_free(h->peek);
	EVP_MD_free(h->md);
	free(h);
}

void sha256_two(struct sha256 *h, const void *a, size_t alen, const void *b, size_t blen,
                unsigned char out[SHA256_LEN])
{
#if SHA256_LOW_LEVEL
	(void)h;
	SHA256_CTX c;
	/* These return 0 only for a NULL context. */
	SHA256_Init(&c);
	if (alen)
		SHA256_Update(&c, a, alen);
	if (blen)
		SHA256_Update(&c, b, blen);
	SHA256_Final(out, &c);
#else
	unsigned int n = 0;
	/* These calls fail only on allocation failure inside OpenSSL. */
	if (!EVP_DigestInit_ex2(h->ctx, h->md, NULL) ||
	    (alen && !EVP_DigestUpdate(h->ctx, a, alen)) ||
	    (blen && !EVP_DigestUpdate(h->ctx, b, blen)) ||
	    !EVP_DigestFinal_ex(h->ctx, out, &n))
		abort();
#endif
}

void sha256_begin(struct sha256 *h)
{
	if (!EVP_DigestInit_ex2(h->ctx, h->md, NULL))
		abort();
}

void sha256_add(struct sha256 *h, const void *p, size_t n)
{
	if (n && !EVP_DigestUpdate(h->ctx, p, n))
		abort();
}

void sha256_peek(struct sha256 *h, unsigned char out[SHA256_LEN])
{
	unsigned int n = 0;
	if (!h->peek && !(h->peek = EVP_MD_CTX_new()))
		abort();
	if (!EVP_MD_CTX_copy_ex(h->peek, h->ctx) || !EVP_DigestFinal_ex(h->peek, out, &n))
		abort();
}
