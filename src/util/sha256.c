/* sha256.c - SHA-256 over OpenSSL EVP. The digest is fetched once and the
 * context reused: per-call fetching costs more than hashing 300 bytes. */
#include "util/sha256.h"

#include <openssl/evp.h>
#include <stdlib.h>

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
	unsigned int n = 0;
	/* These calls fail only on allocation failure inside OpenSSL. */
	if (!EVP_DigestInit_ex2(h->ctx, h->md, NULL) ||
	    (alen && !EVP_DigestUpdate(h->ctx, a, alen)) ||
	    (blen && !EVP_DigestUpdate(h->ctx, b, blen)) ||
	    !EVP_DigestFinal_ex(h->ctx, out, &n))
		abort();
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
