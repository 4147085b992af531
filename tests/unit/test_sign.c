/* Request signing against the published vectors in
 * ../shared/reference/platforms.md (sections 2, 3, 4, 6a), base64 against
 * RFC 4648, TIDs and UUIDs by their format. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "../../src/core/util.h"
#include "../../src/platform/sign.h"

/* The X signing vector (section 3). */
#define CONSUMER_KEY "xvz1evFS4wEEPTGEFPHBog"
#define CONSUMER_SECRET "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw"
#define TOKEN "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"
#define TOKEN_SECRET "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"
#define NONCE "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"
#define TIMESTAMP 1318622958
#define STATUS "Hello Ladies + Gentlemen, a signed OAuth request!"

static const struct oauth_param vector_params[] = {
	{ "status", STATUS },
	{ "include_entities", "true" },
	{ "oauth_consumer_key", CONSUMER_KEY },
	{ "oauth_nonce", NONCE },
	{ "oauth_signature_method", "HMAC-SHA1" },
	{ "oauth_timestamp", "1318622958" },
	{ "oauth_token", TOKEN },
	{ "oauth_version", "1.0" },
};
#define N_VECTOR (sizeof(vector_params) / sizeof(vector_params[0]))

static const struct oauth1_keys vector_keys = {
	CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET,
};

static void
expect_pct(const char *in, const char *want)
{
	struct sbuf b;
	sbuf_init(&b);
	pct_encode(&b, in, strlen(in));
	assert_false(b.failed);
	assert_string_equal(b.data, want);
	sbuf_free(&b);
}

static void
percent_encoding_matches_x_vectors(void **state)
{
	(void)state;
	expect_pct("Ladies + Gentlemen", "Ladies%20%2B%20Gentlemen");
	expect_pct("An encoded string!", "An%20encoded%20string%21");
	expect_pct("Dogs, Cats & Mice", "Dogs%2C%20Cats%20%26%20Mice");
	expect_pct("\xe2\x98\x83", "%E2%98%83");
	/* Unreserved characters pass; everything else, '*' and '/'
	 * included, is escaped with uppercase hex. */
	expect_pct("AZaz09-._~", "AZaz09-._~");
	expect_pct("*/=&%\xff", "%2A%2F%3D%26%25%FF");
	expect_pct("", "");
}

static void
base_string_matches_x_vector(void **state)
{
	struct sbuf b;
	(void)state;
	sbuf_init(&b);
	assert_int_equal(oauth1_base_string(&b, "post",
	    "https://api.x.com/1.1/statuses/update.json", vector_params,
	    N_VECTOR), 0);
	assert_string_equal(b.data, "POST&https%3A%2F%2Fapi.x.com%2F1.1%2F"
	    "statuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_"
	    "key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWo"
	    "vY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oau"
	    "th_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNE"
	    "tIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHell"
	    "o%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OA"
	    "uth%2520request%2521");
	sbuf_free(&b);
}

static void
base_string_sorts_by_key_then_value(void **state)
{
	static const struct oauth_param p[] = {
		{ "b", "2" }, { "a", "z" }, { "a", "y" }, { "a b", "1" },
		{ "c", "" },
	};
	struct sbuf b;
	(void)state;
	sbuf_init(&b);
	/* Keys compare alone ("a" < "a%20b"); sorting whole "k=v" pairs
	 * would put "a%20b=1" first, as '%' < '='. */
	assert_int_equal(oauth1_base_string(&b, "GET",
	    "HTTP://Example.COM:80", p, 5), 0);
	assert_string_equal(b.data, "GET&http%3A%2F%2Fexample.com%2F&"
	    "a%3Dy%26a%3Dz%26a%2520b%3D1%26b%3D2%26c%3D");
	sbuf_free(&b);
}

static void
expect_signature(const char *url, const char *want)
{
	char sig[32];
	memset(sig, 'x', sizeof(sig));
	assert_int_equal(oauth1_signature("POST", url, vector_params, N_VECTOR,
	    CONSUMER_SECRET, TOKEN_SECRET, sig, sizeof(sig)), 0);
	assert_string_equal(sig, want);
}

static void
signature_matches_all_three_x_vectors(void **state)
{
	char small[28];
	(void)state;
	expect_signature("https://api.x.com/1.1/statuses/update.json",
	    "Ls93hJiZbQ3akF3HF3x1Bz8/zU4=");
	expect_signature("https://api.twitter.com/1.1/statuses/update.json",
	    "hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
	expect_signature("https://api.twitter.com/1/statuses/update.json",
	    "tnnArxj06cWHq44gCs1OSKk/jLY=");
	/* The base URL is normalised before signing. */
	expect_signature("HTTPS://API.Twitter.COM:443/1/statuses/update.json",
	    "tnnArxj06cWHq44gCs1OSKk/jLY=");
	/* A wrong secret or a non-default port changes the signature. */
	char sig[32];
	assert_int_equal(oauth1_signature("POST",
	    "https://api.x.com/1.1/statuses/update.json", vector_params,
	    N_VECTOR, CONSUMER_SECRET, "other", sig, sizeof(sig)), 0);
	assert_string_not_equal(sig, "Ls93hJiZbQ3akF3HF3x1Bz8/zU4=");
	assert_int_equal(oauth1_signature("POST",
	    "https://api.x.com:8443/1.1/statuses/update.json", vector_params,
	    N_VECTOR, CONSUMER_SECRET, TOKEN_SECRET, sig, sizeof(sig)), 0);
	assert_string_not_equal(sig, "Ls93hJiZbQ3akF3HF3x1Bz8/zU4=");
	/* 28 characters and a NUL do not fit in 28 bytes. */
	assert_int_equal(oauth1_signature("POST",
	    "https://api.x.com/1.1/statuses/update.json", vector_params,
	    N_VECTOR, CONSUMER_SECRET, TOKEN_SECRET, small, sizeof(small)), -1);
}

static void
authorization_header_matches_x_example(void **state)
{
	static const struct oauth_param form[] = { { "status", STATUS } };
	struct sbuf h;
	(void)state;
	sbuf_init(&h);
	assert_int_equal(oauth1_authorization(&h, "POST",
	    "https://api.twitter.com/1/statuses/update.json?include_entities="
	    "true", form, 1, &vector_keys, NONCE, TIMESTAMP), 0);
	assert_non_null(strstr(h.data,
	    "oauth_signature=\"tnnArxj06cWHq44gCs1OSKk%2FjLY%3D\""));
	assert_string_equal(h.data, "OAuth "
	    "oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\", "
	    "oauth_nonce=\"kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg\", "
	    "oauth_signature=\"tnnArxj06cWHq44gCs1OSKk%2FjLY%3D\", "
	    "oauth_signature_method=\"HMAC-SHA1\", "
	    "oauth_timestamp=\"1318622958\", "
	    "oauth_token=\"370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb\", "
	    "oauth_version=\"1.0\"");
	sbuf_free(&h);
}

/* The signature an Authorization header carries, or "" when none. */
static const char *
header_signature(const char *url, const struct oauth_param *form, size_t n,
    char *out, size_t outsz)
{
	struct sbuf h;
	sbuf_init(&h);
	out[0] = '\0';
	if (oauth1_authorization(&h, "POST", url, form, n, &vector_keys,
	    NONCE, TIMESTAMP) == 0) {
		const char *p = strstr(h.data, "oauth_signature=\"");
		if (p != NULL) {
			p += strlen("oauth_signature=\"");
			snprintf(out, outsz, "%.*s", (int)strcspn(p, "\""), p);
		}
	}
	sbuf_free(&h);
	return out;
}

static void
authorization_signs_the_decoded_query(void **state)
{
	static const struct oauth_param form[] = { { "status", STATUS } };
	const char *want = "Ls93hJiZbQ3akF3HF3x1Bz8%2FzU4%3D";
	char sig[64];
	(void)state;
	/* The same request, however its parameters are spelled in the URL. */
	assert_string_equal(header_signature("https://api.x.com/1.1/statuses/"
	    "update.json?include_entities=true", form, 1, sig, sizeof(sig)),
	    want);
	assert_string_equal(header_signature("HTTPS://API.X.COM:443/1.1/"
	    "statuses/update.json?include_entities=true#frag", form, 1, sig,
	    sizeof(sig)), want);
	assert_string_equal(header_signature("https://api.x.com/1.1/statuses/"
	    "update.json?status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20"
	    "signed%20OAuth%20request%21&include_entities=true", NULL, 0, sig,
	    sizeof(sig)), want);
	assert_string_equal(header_signature("https://api.x.com/1.1/statuses/"
	    "update.json?&include_entities=true&&status=Hello+Ladies+%2b+"
	    "Gentlemen%2c+a+signed+OAuth+request%21", NULL, 0, sig,
	    sizeof(sig)), want);
	/* A changed parameter changes it. */
	assert_string_not_equal(header_signature("https://api.x.com/1.1/"
	    "statuses/update.json?include_entities=false", form, 1, sig,
	    sizeof(sig)), want);
	assert_string_not_equal(header_signature("https://api.x.com/1.1/"
	    "statuses/update.json", form, 1, sig, sizeof(sig)), want);
}

static void
authorization_refuses_bad_urls(void **state)
{
	static const char *const bad[] = {
		"ftp://api.x.com/2/tweets",
		"api.x.com/2/tweets",
		"https:///2/tweets",
		"https://user:pw@api.x.com/2/tweets",
		"https://api.x.com:99999/2/tweets",
		"https://api.x.com:44a/2/tweets",
		"https://api.x.com/2/tweets?a=%zz",
		"https://api.x.com/2/tweets?a=%4",
		"https://api.x.com/2/tweets?a=%00",
	};
	struct sbuf h;
	(void)state;
	sbuf_init(&h);
	sbuf_puts(&h, "kept");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(oauth1_authorization(&h, "POST", bad[i], NULL,
		    0, &vector_keys, NONCE, TIMESTAMP), -1);
		assert_string_equal(h.data, "kept");
	}
	sbuf_free(&h);
}

static int
nonce_of(const char *header, char *out, size_t outsz)
{
	const char *p = strstr(header, "oauth_nonce=\"");
	if (p == NULL)
		return -1;
	p += strlen("oauth_nonce=\"");
	snprintf(out, outsz, "%.*s", (int)strcspn(p, "\""), p);
	return 0;
}

static void
fresh_nonces_are_long_random_alphanumerics(void **state)
{
	struct sbuf a, b;
	char na[128], nb[128];
	(void)state;
	sbuf_init(&a);
	sbuf_init(&b);
	assert_int_equal(oauth1_authorization(&a, "POST",
	    "https://api.x.com/2/tweets", NULL, 0, &vector_keys, NULL,
	    TIMESTAMP), 0);
	assert_int_equal(oauth1_authorization(&b, "POST",
	    "https://api.x.com/2/tweets", NULL, 0, &vector_keys, NULL,
	    TIMESTAMP), 0);
	assert_int_equal(nonce_of(a.data, na, sizeof(na)), 0);
	assert_int_equal(nonce_of(b.data, nb, sizeof(nb)), 0);
	assert_true(strlen(na) >= 32);
	assert_int_equal(strspn(na, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
	    "nopqrstuvwxyz0123456789"), strlen(na));
	assert_string_not_equal(na, nb);
	/* Different nonces, different signatures. */
	assert_string_not_equal(strstr(a.data, "oauth_signature="),
	    strstr(b.data, "oauth_signature="));
	sbuf_free(&a);
	sbuf_free(&b);
}

static void
appsecret_proof_matches_vector(void **state)
{
	char proof[65];
	(void)state;
	facebook_appsecret_proof("app-secret", "EAAB-example-page-token",
	    proof);
	assert_string_equal(proof, "93c6644497b4c84aa0a0b95110608b289d210a7f"
	    "038c52795b5358a95f34eb78");
	facebook_appsecret_proof("app-secret", "EAAB-example-page-tokem",
	    proof);
	assert_string_not_equal(proof, "93c6644497b4c84aa0a0b95110608b289d210"
	    "a7f038c52795b5358a95f34eb78");
}

static void
webhook_signature_matches_standard_webhooks_vector(void **state)
{
	unsigned char key[64];
	size_t keylen = sizeof(key);
	const char *body = "{\"test\": 2432232314}";
	char sig[64];
	(void)state;
	assert_int_equal(webhook_secret_decode(
	    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", key, &keylen), 0);
	assert_int_equal(keylen, 24);
	assert_int_equal(webhook_signature(key, keylen,
	    "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body, strlen(body),
	    sig, sizeof(sig)), 0);
	assert_string_equal(sig,
	    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	/* Any other timestamp or body is signed differently. */
	assert_int_equal(webhook_signature(key, keylen,
	    "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331, body, strlen(body),
	    sig, sizeof(sig)), 0);
	assert_string_not_equal(sig,
	    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	assert_int_equal(webhook_signature(key, keylen,
	    "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body, strlen(body) - 1,
	    sig, sizeof(sig)), 0);
	assert_string_not_equal(sig,
	    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	/* The bare base64 form decodes to the same key. */
	unsigned char bare[64];
	size_t barelen = sizeof(bare);
	assert_int_equal(webhook_secret_decode(
	    "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", bare, &barelen), 0);
	assert_int_equal(barelen, keylen);
	assert_memory_equal(bare, key, keylen);
	/* Short output buffer, empty or malformed secrets, short key buffer. */
	assert_int_equal(webhook_signature(key, keylen, "id", 1, "", 0, sig,
	    47), -1);
	barelen = sizeof(bare);
	assert_int_equal(webhook_secret_decode("whsec_", bare, &barelen), -1);
	barelen = sizeof(bare);
	assert_int_equal(webhook_secret_decode("whsec_MfKQ9r8G KYqrT", bare,
	    &barelen), -1);
	barelen = 23;
	assert_int_equal(webhook_secret_decode(
	    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", bare, &barelen), -1);
}

static void
new_webhook_secrets_are_random_and_decode(void **state)
{
	char a[64], b[64];
	unsigned char key[64];
	size_t keylen = sizeof(key);
	(void)state;
	assert_int_equal(webhook_secret_new(a, sizeof(a)), 0);
	assert_int_equal(webhook_secret_new(b, sizeof(b)), 0);
	assert_int_equal(strncmp(a, "whsec_", 6), 0);
	assert_int_equal(strlen(a), 6 + 44);
	assert_string_not_equal(a, b);
	assert_int_equal(webhook_secret_decode(a, key, &keylen), 0);
	assert_int_equal(keylen, 32);
	assert_int_equal(webhook_secret_new(a, 50), -1);
}

static void
tids_match_hand_computed_values(void **state)
{
	char tid[14];
	(void)state;
	atproto_tid(0, 0, tid);
	assert_string_equal(tid, "2222222222222");
	atproto_tid(1, 1, tid);
	assert_string_equal(tid, "2222222222323");
	/* 32 microseconds carry into the next character; clock 32 too. */
	atproto_tid(32, 32, tid);
	assert_string_equal(tid, "2222222223232");
	/* The largest 53-bit time and 10-bit clock. */
	atproto_tid((1LL << 53) - 1, 1023, tid);
	assert_string_equal(tid, "bzzzzzzzzzzzz");
	/* Published by the @atcute/tid codec: 1724171495793000 us, clock 816. */
	atproto_tid(1724171495793000LL, 816, tid);
	assert_string_equal(tid, "3l25zusnsfctk");
}

static void
tids_sort_with_time_and_are_valid(void **state)
{
	static const long long micros[] = {
		0, 1, 31, 32, 33, 1023, 1024, 1000000, 1614265330000000LL,
		1724171495793000LL, 1724171495793001LL, 1893456000000000LL,
		(1LL << 53) - 1,
	};
	char prev[14], cur[14];
	(void)state;
	atproto_tid(micros[0], 0, prev);
	for (size_t i = 1; i < sizeof(micros) / sizeof(micros[0]); i++) {
		for (unsigned clock = 0; clock < 1024; clock += 341) {
			atproto_tid(micros[i], clock, cur);
			assert_true(atproto_tid_valid(cur));
			assert_true(strcmp(prev, cur) < 0);
			memcpy(prev, cur, sizeof(cur));
		}
	}
}

static void
invalid_tids_are_refused(void **state)
{
	static const char *const bad[] = {
		"", "222222222222", "22222222222222", "k222222222222",
		"z222222222222", "1222222222222", "2222222222221",
		"222222222222A", "3L25ZUSNSFCTK", "22222222222-2",
		"2222222222 22",
	};
	(void)state;
	assert_true(atproto_tid_valid("2222222222222"));
	assert_true(atproto_tid_valid("3l25zusnsfctk"));
	assert_true(atproto_tid_valid("jzzzzzzzzzzzz"));
	assert_false(atproto_tid_valid(NULL));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(atproto_tid_valid(bad[i]));
}

static void
uuids_are_random_version_4(void **state)
{
	char a[37], b[37];
	(void)state;
	for (int round = 0; round < 32; round++) {
		assert_int_equal(uuid_v4(a), 0);
		assert_int_equal(uuid_v4(b), 0);
		assert_string_not_equal(a, b);
		assert_int_equal(strlen(a), 36);
		for (int i = 0; i < 36; i++) {
			if (i == 8 || i == 13 || i == 18 || i == 23)
				assert_int_equal(a[i], '-');
			else
				assert_non_null(strchr("0123456789abcdef",
				    a[i]));
		}
		assert_int_equal(a[14], '4');
		assert_non_null(strchr("89ab", a[19]));
	}
}

static void
base64_matches_rfc4648(void **state)
{
	static const char *const vec[][2] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" },
		{ "foo", "Zm9v" }, { "foob", "Zm9vYg==" },
		{ "fooba", "Zm9vYmE=" }, { "foobar", "Zm9vYmFy" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(vec) / sizeof(vec[0]); i++) {
		struct sbuf b;
		unsigned char out[16];
		sbuf_init(&b);
		base64_encode(&b, vec[i][0], strlen(vec[i][0]));
		assert_false(b.failed);
		assert_string_equal(b.data, vec[i][1]);
		sbuf_free(&b);
		long n = base64_decode(vec[i][1], strlen(vec[i][1]), out,
		    sizeof(out));
		assert_int_equal(n, (long)strlen(vec[i][0]));
		assert_memory_equal(out, vec[i][0], (size_t)n);
	}
}

static void
base64_round_trips_every_byte(void **state)
{
	unsigned char in[256], out[256];
	(void)state;
	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (unsigned char)(255 - i);
	for (size_t n = 0; n <= sizeof(in); n += (n < 70 ? 1 : 37)) {
		struct sbuf b;
		sbuf_init(&b);
		base64_encode(&b, in, n);
		assert_int_equal(b.len, (n + 2) / 3 * 4);
		assert_int_equal(base64_decode(b.data, b.len, out, n), (long)n);
		assert_memory_equal(out, in, n);
		/* One byte short of room is refused, not truncated. */
		if (n > 0)
			assert_int_equal(base64_decode(b.data, b.len, out,
			    n - 1), -1);
		sbuf_free(&b);
	}
}

static void
base64_decode_is_strict(void **state)
{
	static const char *const bad[] = {
		"Zg", "Zg=", "Zm9", "Z===", "====", "Zg=a", "Zm9v\n",
		"Zm9 v", "Zm9-", "Zm9_", "Zg==Zg==", "Zm9v====", "Zh==",
		"Zm9=", "Zm8\x80",
	};
	unsigned char out[16];
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(base64_decode(bad[i], strlen(bad[i]), out,
		    sizeof(out)), -1);
	/* The length given is what counts, not a NUL. */
	assert_int_equal(base64_decode("Zm9vXXXX", 4, out, sizeof(out)), 3);
	assert_int_equal(base64_decode("Zg\0=", 4, out, sizeof(out)), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(percent_encoding_matches_x_vectors),
		cmocka_unit_test(base_string_matches_x_vector),
		cmocka_unit_test(base_string_sorts_by_key_then_value),
		cmocka_unit_test(signature_matches_all_three_x_vectors),
		cmocka_unit_test(authorization_header_matches_x_example),
		cmocka_unit_test(authorization_signs_the_decoded_query),
		cmocka_unit_test(authorization_refuses_bad_urls),
		cmocka_unit_test(fresh_nonces_are_long_random_alphanumerics),
		cmocka_unit_test(appsecret_proof_matches_vector),
		cmocka_unit_test(webhook_signature_matches_standard_webhooks_vector),
		cmocka_unit_test(new_webhook_secrets_are_random_and_decode),
		cmocka_unit_test(tids_match_hand_computed_values),
		cmocka_unit_test(tids_sort_with_time_and_are_valid),
		cmocka_unit_test(invalid_tids_are_refused),
		cmocka_unit_test(uuids_are_random_version_4),
		cmocka_unit_test(base64_matches_rfc4648),
		cmocka_unit_test(base64_round_trips_every_byte),
		cmocka_unit_test(base64_decode_is_strict),
	};
	return cmocka_run_group_tests_name("sign", tests, NULL, NULL);
}
