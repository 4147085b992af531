#include "crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

const char *
password_problem(const char *username, const char *password)
{
	size_t len = strlen(password), chars = 0;

	if (len > PASSWORD_MAX_BYTES)
		return "That password is too long (at most 1024 bytes).";
	if (!utf8_valid_text(password, len))
		return "A password may not contain control characters.";
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)password[i] & 0xc0) != 0x80)
			chars++;
	if (chars < PASSWORD_MIN_CHARS)
		return "A password needs at least 12 characters.";
	if (username != NULL && strcasecmp(password, username) == 0)
		return "A password may not be the user name.";
	return NULL;
}

int
password_generate(char *out, size_t n)
{
	/* Crockford's base32: no i, l, o or u to misread. */
	static const char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
	unsigned char raw[10];
	size_t o = 0;

	if (n < PASSWORD_TEMP_SIZE || crypto_random(raw, sizeof(raw)) < 0)
		return -1;
	for (size_t i = 0; i < 16; i++) {
		size_t bit = i * 5;
		unsigned window = ((unsigned)raw[bit / 8] << 8) |
		    (bit / 8 + 1 < sizeof(raw) ? raw[bit / 8 + 1] : 0u);
		unsigned v = (window >> (11 - bit % 8)) & 31u;
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		out[o++] = alphabet[v];
	}
	out[o] = '\0';
	OPENSSL_cleanse(raw, sizeof(raw));
	return 0;
}

int
crypto_hmac_sha1(const void *key, size_t keylen, const void *data, size_t n,
    unsigned char out[CRYPTO_SHA1_LEN])
{
	size_t outlen = 0;
	if (EVP_Q_mac(NULL, "HMAC", NULL, "SHA1", NULL, key, keylen, data, n,
	    out, CRYPTO_SHA1_LEN, &outlen) == NULL)
		return -1;
	return outlen == CRYPTO_SHA1_LEN ? 0 : -1;
}

#define SEAL_VERSION "v1"
#define SEAL_VLEN 2
#define SEAL_NONCE 12
#define SEAL_TAG 16
#define SEAL_MAX 1000000000 /* far above any credential; keeps ints safe */

/* Feeds the version prefix and the owner label to ctx as associated data,
 * so neither can be changed without the tag check failing. */
static int
seal_aad(EVP_CIPHER_CTX *ctx, const char *aad)
{
	int outl;
	size_t alen = aad ? strlen(aad) : 0;

	if (alen > SEAL_MAX)
		return -1;
	if (EVP_CipherUpdate(ctx, NULL, &outl,
	    (const unsigned char *)SEAL_VERSION, SEAL_VLEN) != 1)
		return -1;
	if (alen > 0 && EVP_CipherUpdate(ctx, NULL, &outl,
	    (const unsigned char *)aad, (int)alen) != 1)
		return -1;
	return 0;
}

int
crypto_seal(const unsigned char key[CRYPTO_HASH_LEN], const void *plain,
    size_t n, const char *aad, struct sbuf *out)
{
	EVP_CIPHER_CTX *ctx = NULL;
	unsigned char *blob = NULL, *nonce, *ct;
	size_t total = SEAL_VLEN + SEAL_NONCE + n + SEAL_TAG;
	int outl, rc = -1;

	if (n > SEAL_MAX || (blob = malloc(total)) == NULL)
		goto out;
	memcpy(blob, SEAL_VERSION, SEAL_VLEN);
	nonce = blob + SEAL_VLEN;
	ct = nonce + SEAL_NONCE;
	if (crypto_random(nonce, SEAL_NONCE) < 0)
		goto out;
	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		goto out;
	/* GCM's default IV length is the 12 bytes we use. */
	if (EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, nonce) != 1)
		goto out;
	if (seal_aad(ctx, aad) < 0)
		goto out;
	if (n > 0 && EVP_EncryptUpdate(ctx, ct, &outl, plain, (int)n) != 1)
		goto out;
	if (EVP_EncryptFinal_ex(ctx, ct + n, &outl) != 1)
		goto out;
	if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, SEAL_TAG,
	    ct + n) != 1)
		goto out;
	sbuf_append(out, blob, total);
	rc = out->failed ? -1 : 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	free(blob);
	return rc;
}

int
crypto_open(const unsigned char key[CRYPTO_HASH_LEN], const void *blob,
    size_t n, const char *aad, char **plain, size_t *plain_len)
{
	EVP_CIPHER_CTX *ctx = NULL;
	const unsigned char *b = blob, *nonce, *ct;
	unsigned char tag[SEAL_TAG];
	char *p = NULL;
	size_t ctlen;
	int outl, rc = -1;

	*plain = NULL;
	if (plain_len != NULL)
		*plain_len = 0;
	if (n < SEAL_VLEN + SEAL_NONCE + SEAL_TAG ||
	    memcmp(b, SEAL_VERSION, SEAL_VLEN) != 0)
		return -1;
	ctlen = n - SEAL_VLEN - SEAL_NONCE - SEAL_TAG;
	if (ctlen > SEAL_MAX)
		return -1;
	nonce = b + SEAL_VLEN;
	ct = nonce + SEAL_NONCE;
	memcpy(tag, ct + ctlen, SEAL_TAG);
	if ((p = malloc(ctlen + 1)) == NULL)
		goto out;
	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		goto out;
	if (EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, nonce) != 1)
		goto out;
	if (seal_aad(ctx, aad) < 0)
		goto out;
	if (ctlen > 0 && EVP_DecryptUpdate(ctx, (unsigned char *)p, &outl, ct,
	    (int)ctlen) != 1)
		goto out;
	if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, SEAL_TAG, tag) != 1)
		goto out;
	/* The tag is checked here; until then p holds unauthenticated
	 * bytes, which are wiped below if it fails. */
	if (EVP_DecryptFinal_ex(ctx, (unsigned char *)p + ctlen, &outl) != 1)
		goto out;
	p[ctlen] = '\0';
	*plain = p;
	if (plain_len != NULL)
		*plain_len = ctlen;
	p = NULL;
	rc = 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	if (p != NULL)
		crypto_free_secret(p, ctlen);
	return rc;
}

void
crypto_free_secret(char *p, size_t n)
{
	if (p == NULL)
		return;
	OPENSSL_cleanse(p, n);
	free(p);
}
