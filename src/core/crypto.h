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
/* HMAC-SHA1, for OAuth 1.0a only (X requires it). Returns 0 or -1. */
#define CRYPTO_SHA1_LEN 20
int crypto_hmac_sha1(const void *key, size_t keylen, const void *data,
    size_t n, unsigned char out[CRYPTO_SHA1_LEN]);
/* Returns 1 when the n bytes are equal, in time independent of content. */
int crypto_equal(const void *a, const void *b, size_t n);
/* Derives a purpose-bound subkey: HMAC(master, label). */
void crypto_derive_key(const unsigned char master[CRYPTO_HASH_LEN],
    const char *label, unsigned char out[CRYPTO_HASH_LEN]);

/* AES-256-GCM for secrets at rest (platform credentials). seal appends
 * "v1" | 12-byte random nonce | ciphertext | 16-byte tag to out; aad (may
 * be NULL, the same as "") binds the blob to its owner (e.g. "account:7")
 * so a blob copied to another row does not open; the "v1" prefix is
 * authenticated too. seal returns 0, or -1 with nothing appended (or
 * out->failed set) when randomness, OpenSSL or memory fails.
 * open writes the plaintext (NUL-terminated, owned by the caller, freed
 * with crypto_free_secret(*plain, *plain_len)) and its length (plain_len
 * may be NULL) and returns 0, or -1 with *plain NULL when the blob is
 * truncated, of another version or altered, the key or aad differ, or
 * memory runs out. */
struct sbuf;
int crypto_seal(const unsigned char key[CRYPTO_HASH_LEN], const void *plain,
    size_t n, const char *aad, struct sbuf *out);
int crypto_open(const unsigned char key[CRYPTO_HASH_LEN], const void *blob,
    size_t n, const char *aad, char **plain, size_t *plain_len);
/* Overwrites n bytes of a secret returned by crypto_open and frees it;
 * NULL is a no-op. */
void crypto_free_secret(char *p, size_t n);

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

/* The password policy: at least PASSWORD_MIN_CHARS characters (code
 * points, not bytes), at most PASSWORD_MAX_BYTES bytes, valid UTF-8 text,
 * and not the user name (ignoring ASCII case). Returns NULL when password
 * is acceptable for username, or a sentence saying why not. */
#define PASSWORD_MIN_CHARS 12
#define PASSWORD_MAX_BYTES 1024
const char *password_problem(const char *username, const char *password);
/* Writes a random temporary password ("xxxx-xxxx-xxxx-xxxx": 16
 * characters from 32 unambiguous lower-case letters and digits, 80 bits)
 * into out (n >= PASSWORD_TEMP_SIZE). Returns 0 or -1. */
#define PASSWORD_TEMP_SIZE 20
int password_generate(char *out, size_t n);

#endif
