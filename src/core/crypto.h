/* crypto.h — every cryptographic primitive Clearpost uses, all from
 * OpenSSL 3: randomness, SHA-256, HMAC-SHA256, password KDF, constant-time
 * comparison and key derivation. */
#ifndef CP_CRYPTO_H
#define CP_CRYPTO_H

#include <stddef.h>

#define CRYPTO_HASH_LEN 32
/* "pbkdf2-sha256$<iter>$<32 hex salt>$<64 hex hash>" plus slack. */
#define PASSWORD_HASH_MAX 160

/* Fills buf with n bytes from the OS CSPRNG; returns 0 or -1. */
int crypto_random(void *buf, size_t n);
void crypto_sha256(const void *data, size_t n,
    unsigned char out[CRYPTO_HASH_LEN]);
void crypto_hmac_sha256(const unsigned char *key, size_t keylen,
    const void *data, size_t n, unsigned char out[CRYPTO_HASH_LEN]);
/* Returns 1 when the n bytes are equal, in time independent of content. */
int crypto_equal(const void *a, const void *b, size_t n);
/* Derives a purpose-bound subkey: HMAC(master, label). */
void crypto_derive_key(const unsigned char master[CRYPTO_HASH_LEN],
    const char *label, unsigned char out[CRYPTO_HASH_LEN]);

/* Hashes a password with PBKDF2-HMAC-SHA256 and a random 16-byte salt into
 * the self-describing form above (out must hold PASSWORD_HASH_MAX).
 * Returns 0 or -1. */
int password_hash(const char *password, int iterations, char *out,
    size_t outlen);
/* Returns 1 when password matches stored, 0 when not or stored is
 * malformed. The work factor comes from stored, so old hashes still verify
 * after the configured iterations are raised. */
int password_verify(const char *password, const char *stored);
/* Returns 1 when stored was made with fewer iterations than wanted. */
int password_needs_rehash(const char *stored, int iterations);

#endif
