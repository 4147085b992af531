/* sign.c — request signing for the platforms (see sign.h and
 * ../shared/reference/platforms.md sections 2, 3, 4 and 6a). */
#include "sign.h"

#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../core/crypto.h"
#include "../core/util.h"

#define NONCE_LEN 32
#define MAX_PARAMS ((size_t)1 << 20) /* bounds sizes against overflow */
#define WHSEC_PREFIX "whsec_"
#define WHSEC_BYTES 32

static const char tid_alphabet[] = "234567abcdefghijklmnopqrstuvwxyz";

/* Percent-encodes s[0..n) into out (room for 3n bytes); returns the
 * length written. */
static size_t
pct_write(char *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			out[len++] = (char)c;
		} else {
			out[len++] = '%';
			out[len++] = hex[c >> 4];
			out[len++] = hex[c & 15];
		}
	}
	return len;
}

void
pct_encode(struct sbuf *b, const char *s, size_t n)
{
	char chunk[3 * 256];

	sbuf_append(b, "", 0); /* b->data is a string even for n == 0 */
	while (n > 0) {
		size_t take = n < 256 ? n : 256;
		sbuf_append(b, chunk, pct_write(chunk, s, take));
		s += take;
		n -= take;
	}
}

/* The percent-encoded copy of s in a, or NULL when out of memory. */
static char *
pct_dup(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	char *p;

	if (n > ((size_t)-1 - 1) / 3 || (p = arena_alloc(a, 3 * n + 1)) == NULL)
		return NULL;
	p[pct_write(p, s, n)] = '\0';
	return p;
}

/* Decodes s[0..n) as one name or value of a query string ('+' is a space,
 * %XX a byte) into a; NULL on a bad escape, an encoded NUL (it could not
 * be signed as a C string) or when out of memory. */
static char *
form_decode(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	size_t len = 0;

	if (p == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			p[len++] = ' ';
		} else if (s[i] == '%') {
			if (n - i < 3)
				return NULL;
			int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return NULL;
			p[len++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			p[len++] = s[i];
		}
	}
	p[len] = '\0';
	return p;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Appends the normalised base URL of url (RFC 5849 section 3.4.1.2):
 * lowercase scheme and host, no default port, "/" for an empty path, no
 * query or fragment. Returns 0, or -1 when url is not http(s) with a
 * host, has user info or a bad port. */
static int
base_url_append(struct sbuf *b, const char *url)
{
	const char *auth, *end, *host_end, *path_end, *port = NULL;
	int https;

	if (strncasecmp(url, "https://", 8) == 0) {
		https = 1;
		auth = url + 8;
	} else if (strncasecmp(url, "http://", 7) == 0) {
		https = 0;
		auth = url + 7;
	} else {
		return -1;
	}
	end = auth + strcspn(auth, "/?#");
	if (end == auth || memchr(auth, '@', (size_t)(end - auth)) != NULL)
		return -1;
	host_end = end;
	if (*auth == '[') {
		const char *rb = memchr(auth, ']', (size_t)(end - auth));
		if (rb == NULL)
			return -1;
		host_end = rb + 1;
		if (host_end < end && *host_end != ':')
			return -1;
	} else {
		const char *colon = memchr(auth, ':', (size_t)(end - auth));
		if (colon != NULL)
			host_end = colon;
	}
	if (host_end == auth)
		return -1;
	long portnum = -1;
	if (host_end < end) {
		port = host_end + 1;
		portnum = 0;
		for (const char *q = port; q < end; q++) {
			if (*q < '0' || *q > '9' || portnum > 65535)
				return -1;
			portnum = portnum * 10 + (*q - '0');
		}
		if (portnum > 65535 || (port < end && portnum == 0))
			return -1;
		if (port == end || portnum == (https ? 443 : 80))
			portnum = -1;
	}
	sbuf_puts(b, https ? "https://" : "http://");
	for (const char *q = auth; q < host_end; q++) {
		char c = (char)lower((unsigned char)*q);
		sbuf_append(b, &c, 1);
	}
	if (portnum >= 0)
		sbuf_printf(b, ":%ld", portnum);
	path_end = end + strcspn(end, "?#");
	if (path_end == end)
		sbuf_puts(b, "/");
	else
		sbuf_append(b, end, (size_t)(path_end - end));
	return 0;
}

struct enc_param {
	const char *key;
	const char *value;
};

static int
enc_param_cmp(const void *a, const void *b)
{
	const struct enc_param *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c != 0 ? c : strcmp(x->value, y->value);
}

int
oauth1_base_string(struct sbuf *b, const char *method, const char *base_url,
    const struct oauth_param *params, size_t n)
{
	struct arena a = { 0 };
	struct sbuf s, ps, u;
	struct enc_param *ep = NULL;
	int rc = -1;

	sbuf_init(&s);
	sbuf_init(&ps);
	sbuf_init(&u);
	if (method == NULL || *method == '\0' || base_url == NULL)
		goto out;
	if (n > 0) {
		if (n > ((size_t)-1) / sizeof(*ep) ||
		    (ep = arena_alloc(&a, n * sizeof(*ep))) == NULL)
			goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (params[i].key == NULL || params[i].value == NULL)
			goto out;
		ep[i].key = pct_dup(&a, params[i].key);
		ep[i].value = pct_dup(&a, params[i].value);
		if (ep[i].key == NULL || ep[i].value == NULL)
			goto out;
	}
	if (n > 1)
		qsort(ep, n, sizeof(*ep), enc_param_cmp);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			sbuf_puts(&ps, "&");
		sbuf_puts(&ps, ep[i].key);
		sbuf_puts(&ps, "=");
		sbuf_puts(&ps, ep[i].value);
	}
	for (const char *m = method; *m; m++) {
		char c = *m >= 'a' && *m <= 'z' ? (char)(*m - 'a' + 'A') : *m;
		sbuf_append(&s, &c, 1);
	}
	sbuf_puts(&s, "&");
	if (base_url_append(&u, base_url) < 0 || u.failed)
		goto out;
	pct_encode(&s, u.data, u.len);
	sbuf_puts(&s, "&");
	pct_encode(&s, ps.data ? ps.data : "", ps.len);
	if (s.failed || ps.failed)
		goto out;
	sbuf_append(b, s.data, s.len);
	rc = b->failed ? -1 : 0;
out:
	sbuf_free(&s);
	sbuf_free(&ps);
	sbuf_free(&u);
	arena_reset(&a);
	return rc;
}

/* Wipes b's bytes before freeing it: it held a signing key. */
static void
sbuf_free_secret(struct sbuf *b)
{
	if (b->data != NULL)
		OPENSSL_cleanse(b->data, b->cap);
	sbuf_free(b);
}

/* Copies b (a string) into out when it fits; 0 or -1. */
static int
copy_out(const struct sbuf *b, char *out, size_t outsz)
{
	if (b->failed || b->data == NULL || b->len >= outsz)
		return -1;
	memcpy(out, b->data, b->len + 1);
	return 0;
}

int
oauth1_signature(const char *method, const char *base_url,
    const struct oauth_param *params, size_t n, const char *consumer_secret,
    const char *token_secret, char *out, size_t outsz)
{
	struct sbuf base, key, sig;
	unsigned char mac[CRYPTO_SHA1_LEN];
	int rc = -1;

	sbuf_init(&base);
	sbuf_init(&key);
	sbuf_init(&sig);
	if (consumer_secret == NULL)
		goto out;
	if (oauth1_base_string(&base, method, base_url, params, n) < 0)
		goto out;
	pct_encode(&key, consumer_secret, strlen(consumer_secret));
	sbuf_puts(&key, "&");
	if (token_secret != NULL)
		pct_encode(&key, token_secret, strlen(token_secret));
	if (key.failed)
		goto out;
	if (crypto_hmac_sha1(key.data, key.len, base.data, base.len, mac) < 0)
		goto out;
	base64_encode(&sig, mac, sizeof(mac));
	rc = copy_out(&sig, out, outsz);
out:
	OPENSSL_cleanse(mac, sizeof(mac));
	sbuf_free(&base);
	sbuf_free_secret(&key);
	sbuf_free(&sig);
	return rc;
}

/* Fills out[0..len) with random letters and digits and adds a NUL;
 * returns 0 or -1. */
static int
random_alnum(char *out, size_t len)
{
	static const char alnum[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char r[64];
	size_t got = 0;

	while (got < len) {
		if (crypto_random(r, sizeof(r)) < 0)
			return -1;
		/* 248 = 4 * 62: dropping larger bytes keeps every
		 * character equally likely. */
		for (size_t i = 0; i < sizeof(r) && got < len; i++)
			if (r[i] < 248)
				out[got++] = alnum[r[i] % 62];
	}
	out[len] = '\0';
	return 0;
}

/* Splits the query of url (after '?', up to '#') into decoded params
 * allocated from a, stored from *n on. Returns 0, or -1 on a bad escape
 * or when out of memory. */
static int
query_params(struct arena *a, const char *url, struct oauth_param *params,
    size_t *n)
{
	const char *q = strchr(url, '?');
	if (q == NULL)
		return 0;
	q++;
	const char *end = q + strcspn(q, "#");
	while (q < end) {
		const char *amp = memchr(q, '&', (size_t)(end - q));
		const char *piece_end = amp != NULL ? amp : end;
		if (piece_end > q) {
			const char *eq = memchr(q, '=', (size_t)(piece_end - q));
			const char *key_end = eq != NULL ? eq : piece_end;
			const char *val = eq != NULL ? eq + 1 : piece_end;
			params[*n].key = form_decode(a, q, (size_t)(key_end - q));
			params[*n].value = form_decode(a, val,
			    (size_t)(piece_end - val));
			if (params[*n].key == NULL || params[*n].value == NULL)
				return -1;
			(*n)++;
		}
		q = piece_end + (amp != NULL ? 1 : 0);
	}
	return 0;
}

int
oauth1_authorization(struct sbuf *out, const char *method, const char *url,
    const struct oauth_param *form, size_t n_form,
    const struct oauth1_keys *keys, const char *nonce, long long timestamp)
{
	struct arena a = { 0 };
	struct oauth_param *params = NULL;
	struct sbuf h;
	char nbuf[NONCE_LEN + 1], ts[24], sig[64];
	size_t n = 0, max;
	int rc = -1;

	sbuf_init(&h);
	if (url == NULL || keys == NULL || keys->consumer_key == NULL ||
	    keys->consumer_secret == NULL || timestamp < 0)
		goto out;
	if (n_form > MAX_PARAMS || strlen(url) > MAX_PARAMS)
		goto out;
	max = 7 + n_form + strlen(url); /* a query has fewer pieces than bytes */
	if ((params = arena_alloc(&a, max * sizeof(*params))) == NULL)
		goto out;
	if (query_params(&a, url, params, &n) < 0)
		goto out;
	for (size_t i = 0; i < n_form; i++)
		params[n++] = form[i];
	if (nonce == NULL) {
		if (random_alnum(nbuf, NONCE_LEN) < 0)
			goto out;
		nonce = nbuf;
	}
	snprintf(ts, sizeof(ts), "%lld", timestamp);
	const struct oauth_param oauth[] = {
		{ "oauth_consumer_key", keys->consumer_key },
		{ "oauth_nonce", nonce },
		{ "oauth_signature", sig },
		{ "oauth_signature_method", "HMAC-SHA1" },
		{ "oauth_timestamp", ts },
		{ "oauth_token", keys->token },
		{ "oauth_version", "1.0" },
	};
	for (size_t i = 0; i < sizeof(oauth) / sizeof(oauth[0]); i++)
		if (oauth[i].value != NULL && oauth[i].value != sig)
			params[n++] = oauth[i];
	if (oauth1_signature(method, url, params, n, keys->consumer_secret,
	    keys->token_secret, sig, sizeof(sig)) < 0)
		goto out;
	sbuf_puts(&h, "OAuth ");
	for (size_t i = 0, k = 0; i < sizeof(oauth) / sizeof(oauth[0]); i++) {
		if (oauth[i].value == NULL)
			continue;
		if (k++ > 0)
			sbuf_puts(&h, ", ");
		pct_encode(&h, oauth[i].key, strlen(oauth[i].key));
		sbuf_puts(&h, "=\"");
		pct_encode(&h, oauth[i].value, strlen(oauth[i].value));
		sbuf_puts(&h, "\"");
	}
	if (h.failed)
		goto out;
	sbuf_append(out, h.data, h.len);
	rc = out->failed ? -1 : 0;
out:
	sbuf_free(&h);
	arena_reset(&a);
	return rc;
}

void
facebook_appsecret_proof(const char *app_secret, const char *token,
    char out[65])
{
	unsigned char mac[CRYPTO_HASH_LEN];

	crypto_hmac_sha256((const unsigned char *)app_secret,
	    strlen(app_secret), token, strlen(token), mac);
	hex_encode(mac, sizeof(mac), out);
	OPENSSL_cleanse(mac, sizeof(mac));
}

int
webhook_secret_decode(const char *secret, unsigned char *key, size_t *keylen)
{
	long len;

	if (secret == NULL)
		return -1;
	if (strncmp(secret, WHSEC_PREFIX, strlen(WHSEC_PREFIX)) == 0)
		secret += strlen(WHSEC_PREFIX);
	len = base64_decode(secret, strlen(secret), key, *keylen);
	if (len <= 0)
		return -1;
	*keylen = (size_t)len;
	return 0;
}

int
webhook_signature(const unsigned char *key, size_t keylen, const char *id,
    long long timestamp, const void *body, size_t len, char *out,
    size_t outsz)
{
	struct sbuf msg, sig;
	unsigned char mac[CRYPTO_HASH_LEN];
	int rc = -1;

	sbuf_init(&msg);
	sbuf_init(&sig);
	if (id == NULL || keylen == 0)
		goto out;
	sbuf_printf(&msg, "%s.%lld.", id, timestamp);
	sbuf_append(&msg, body, len);
	if (msg.failed)
		goto out;
	crypto_hmac_sha256(key, keylen, msg.data, msg.len, mac);
	sbuf_puts(&sig, "v1,");
	base64_encode(&sig, mac, sizeof(mac));
	rc = copy_out(&sig, out, outsz);
out:
	sbuf_free(&msg);
	sbuf_free(&sig);
	return rc;
}

int
webhook_secret_new(char *out, size_t outsz)
{
	unsigned char raw[WHSEC_BYTES];
	struct sbuf b;
	int rc = -1;

	sbuf_init(&b);
	if (crypto_random(raw, sizeof(raw)) < 0)
		goto out;
	sbuf_puts(&b, WHSEC_PREFIX);
	base64_encode(&b, raw, sizeof(raw));
	rc = copy_out(&b, out, outsz);
out:
	OPENSSL_cleanse(raw, sizeof(raw));
	sbuf_free_secret(&b);
	return rc;
}

/* micros is cut to its low 53 bits (a negative value thus wraps to a
 * large one) and the clock id to 10 bits, as the TID layout has room for
 * no more. */
void
atproto_tid(long long micros, unsigned clock_id, char out[14])
{
	unsigned long long m = (unsigned long long)micros &
	    ((1ULL << 53) - 1);

	for (int i = 10; i >= 0; i--) {
		out[i] = tid_alphabet[m & 31];
		m >>= 5;
	}
	out[11] = tid_alphabet[(clock_id >> 5) & 31];
	out[12] = tid_alphabet[clock_id & 31];
	out[13] = '\0';
}

int
atproto_tid_valid(const char *s)
{
	if (s == NULL || strlen(s) != 13)
		return 0;
	/* The top bit of the 64-bit value is zero: the first character
	 * carries only the values 0..15. */
	if (strchr("234567abcdefghij", s[0]) == NULL)
		return 0;
	for (int i = 1; i < 13; i++)
		if (strchr(tid_alphabet, s[i]) == NULL)
			return 0;
	return 1;
}

int
uuid_v4(char out[37])
{
	unsigned char r[16];
	char hex[33];

	if (crypto_random(r, sizeof(r)) < 0)
		return -1;
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40); /* version 4 */
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	hex_encode(r, sizeof(r), hex);
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12,
	    hex + 16, hex + 20);
	return 0;
}
