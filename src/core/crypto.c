#include "crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define SALT_LEN 16
#define KDF_PREFIX "pbkdf2-sha256$"

int
crypto_random(void *buf, size_t n)
{
	if (n > (size_t)2147483647)
		return -1;
	return RAND_bytes(buf, (int)n) == 1 ? 0 : -1;
}

void
crypto_sha256(const void *data, size_t n, unsigned char out[CRYPTO_HASH_LEN])
{
	SHA256(data, n, out);
}

void
crypto_hmac_sha256(const unsigned char *key, size_t keylen, const void *data,
    size_t n, unsigned char out[CRYPTO_HASH_LEN])
{
	unsigned int outlen = CRYPTO_HASH_LEN;
	HMAC(EVP_sha256(), key, (int)keylen, data, n, out, &outlen);
}

int
crypto_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

void
crypto_derive_key(const unsigned char master[CRYPTO_HASH_LEN],
    const char *label, unsigned char out[CRYPTO_HASH_LEN])
{
	crypto_hmac_sha256(master, CRYPTO_HASH_LEN, label, strlen(label), out);
}

static int
kdf(const char *password, const unsigned char *salt, int iterations,
    unsigned char out[CRYPTO_HASH_LEN])
{
	return PKCS5_PBKDF2_HMAC(password, (int)strlen(password), salt, SALT_LEN,
	    iterations, EVP_sha256(), CRYPTO_HASH_LEN, out) == 1 ? 0 : -1;
}

int
password_hash(const char *password, int iterations, char *out, size_t outlen)
{
	unsigned char salt[SALT_LEN], dk[CRYPTO_HASH_LEN];
	char salthex[2 * SALT_LEN + 1], dkhex[2 * CRYPTO_HASH_LEN + 1];
	int rc = -1;

	if (iterations < 1 || crypto_random(salt, sizeof(salt)) < 0)
		goto out;
	if (kdf(password, salt, iterations, dk) < 0)
		goto out;
	hex_encode(salt, sizeof(salt), salthex);
	hex_encode(dk, sizeof(dk), dkhex);
	int n = snprintf(out, outlen, KDF_PREFIX "%d$%s$%s", iterations,
	    salthex, dkhex);
	rc = (n > 0 && (size_t)n < outlen) ? 0 : -1;
out:
	OPENSSL_cleanse(dk, sizeof(dk));
	return rc;
}

/* Splits a stored hash; returns 0 or -1 when it is not ours. */
static int
parse_stored(const char *stored, int *iterations, unsigned char *salt,
    unsigned char *dk)
{
	const char *p, *d1, *d2;
	char *end;

	if (strncmp(stored, KDF_PREFIX, strlen(KDF_PREFIX)) != 0)
		return -1;
	p = stored + strlen(KDF_PREFIX);
	long it = strtol(p, &end, 10);
	if (end == p || *end != '$' || it < 1 || it > 100000000)
		return -1;
	d1 = end + 1;
	d2 = strchr(d1, '$');
	if (d2 == NULL)
		return -1;
	if (hex_decode(d1, (size_t)(d2 - d1), salt, SALT_LEN) < 0 ||
	    hex_decode(d2 + 1, strlen(d2 + 1), dk, CRYPTO_HASH_LEN) < 0)
		return -1;
	*iterations = (int)it;
	return 0;
}

int
password_verify(const char *password, const char *stored)
{
	unsigned char salt[SALT_LEN], want[CRYPTO_HASH_LEN],
	    got[CRYPTO_HASH_LEN];
	int iterations, ok = 0;

	if (parse_stored(stored, &iterations, salt, want) < 0)
		return 0;
	if (kdf(password, salt, iterations, got) == 0)
		ok = crypto_equal(want, got, CRYPTO_HASH_LEN);
	OPENSSL_cleanse(got, sizeof(got));
	return ok;
}

int
password_needs_rehash(const char *stored, int iterations)
{
	unsigned char salt[SALT_LEN], dk[CRYPTO_HASH_LEN];
	int have;
	if (parse_stored(stored, &have, salt, dk) < 0)
		return 1;
	return have < iterations;
}
