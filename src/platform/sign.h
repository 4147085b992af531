/* sign.h — the request-signing rules of the platforms, as pure functions
 * with published test vectors (see tests/unit/test_sign.c):
 *   - RFC 3986 percent-encoding and OAuth 1.0a HMAC-SHA1 (X);
 *   - Facebook's appsecret_proof (HMAC-SHA256 of the token, lowercase hex);
 *   - Standard Webhooks signatures (HMAC-SHA256 over id.timestamp.body);
 *   - AT Protocol TIDs (Bluesky record keys).
 * No I/O, no globals; randomness only where a function says so. */
#ifndef CP_SIGN_H
#define CP_SIGN_H

#include <stddef.h>

struct sbuf;

/* Appends s[0..n) percent-encoded per RFC 3986 as OAuth 1.0a requires:
 * A-Z a-z 0-9 - . _ ~ pass, every other byte becomes %XX (uppercase). */
void pct_encode(struct sbuf *b, const char *s, size_t n);

struct oauth_param {
	const char *key;
	const char *value;
};

struct oauth1_keys {
	const char *consumer_key;
	const char *consumer_secret;
	const char *token;
	const char *token_secret;
};

/* Appends the OAuth 1.0a signature base string (RFC 5849 section 3.4.1):
 * METHOD & enc(base URL) & enc(k=v&... sorted by encoded key, then value).
 * params are unencoded. base_url is normalised: scheme and host
 * lowercased, :80 (http) and :443 (https) dropped, an empty path becomes
 * "/", any query or fragment is cut off (so pass its parameters in
 * params). Returns 0, or -1 for a URL that is not http(s)://host...,
 * has user info, or when memory runs out. The base string is sensitive
 * enough not to be logged. */
int oauth1_base_string(struct sbuf *b, const char *method,
    const char *base_url, const struct oauth_param *params, size_t n);

/* The OAuth 1.0a signature (base64 of HMAC-SHA1) of a request:
 * params are every query and form parameter plus the oauth_* values
 * (not oauth_signature), unencoded; base_url has no query string (it is
 * normalised as oauth1_base_string says). token_secret may be NULL (no
 * token). Writes a NUL-terminated base64 string into out (>= 32 bytes).
 * Returns 0 or -1. */
int oauth1_signature(const char *method, const char *base_url,
    const struct oauth_param *params, size_t n, const char *consumer_secret,
    const char *token_secret, char *out, size_t outsz);

/* Appends the whole Authorization header value ("OAuth oauth_consumer_key=
 * \"…\", …") for method and url (its query string, if any, is signed too;
 * form holds form-encoded body parameters, n_form of them; a JSON body is
 * not signed). nonce NULL makes a fresh random alphanumeric nonce;
 * timestamp is epoch seconds. The query is split on '&', each name and
 * value decoded ('+' is a space, %XX a byte). keys->token and
 * keys->token_secret may be NULL (no oauth_token then). Returns 0, or -1
 * (nothing appended) on a bad URL or query escape, or when randomness or
 * memory fails. */
int oauth1_authorization(struct sbuf *out, const char *method,
    const char *url, const struct oauth_param *form, size_t n_form,
    const struct oauth1_keys *keys, const char *nonce, long long timestamp);

/* appsecret_proof: lowercase hex HMAC-SHA256(key = app_secret, token). */
void facebook_appsecret_proof(const char *app_secret, const char *token,
    char out[65]);

/* Decodes a "whsec_<base64>" secret (or bare base64) into key; *keylen is
 * the buffer size on entry, the key length on return. 0 or -1. */
int webhook_secret_decode(const char *secret, unsigned char *key,
    size_t *keylen);
/* "v1,<base64 HMAC-SHA256(key, id "." timestamp "." body)>" into out
 * (>= 64 bytes). Returns 0 or -1. */
int webhook_signature(const unsigned char *key, size_t keylen,
    const char *id, long long timestamp, const void *body, size_t len,
    char *out, size_t outsz);
/* A fresh random secret in "whsec_<base64 of 32 bytes>" form (out >= 64). */
int webhook_secret_new(char *out, size_t outsz);

/* An AT Protocol TID: 13 characters of base32-sortable
 * ("234567abcdefghijklmnopqrstuvwxyz") for micros since the epoch
 * (53 bits) then a 10-bit clock id; out must hold 14 bytes. */
void atproto_tid(long long micros, unsigned clock_id, char out[14]);
/* 1 when s is a syntactically valid TID. */
int atproto_tid_valid(const char *s);

/* A random RFC 4122 version-4 UUID, lowercase, into out[37]. 0 or -1. */
int uuid_v4(char out[37]);

#endif
