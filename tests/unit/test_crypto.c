/* Passwords, MACs, CSRF tokens and sealed secrets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../src/core/crypto.h"
#include "../../src/core/route.h"
#include "../../src/core/session.h"
#include "../../src/core/util.h"

static void
password_round_trip(void **state)
{
	char stored[PASSWORD_HASH_MAX], again[PASSWORD_HASH_MAX];
	(void)state;
	assert_int_equal(password_hash("correct horse", 1000, stored,
	    sizeof(stored)), 0);
	assert_true(strncmp(stored, "pbkdf2-sha256$1000$", 19) == 0);
	assert_true(password_verify("correct horse", stored));
	assert_false(password_verify("correct hors", stored));
	assert_false(password_verify("", stored));
	/* Salted: the same password never hashes the same twice. */
	assert_int_equal(password_hash("correct horse", 1000, again,
	    sizeof(again)), 0);
	assert_string_not_equal(stored, again);
}

static void
password_hash_describes_its_cost(void **state)
{
	char stored[PASSWORD_HASH_MAX];
	(void)state;
	assert_int_equal(password_hash("pw-12345", 1000, stored,
	    sizeof(stored)), 0);
	assert_false(password_needs_rehash(stored, 1000));
	assert_true(password_needs_rehash(stored, 600000));
	assert_false(password_verify("pw-12345", "md5$whatever"));
	assert_false(password_verify("pw-12345", "pbkdf2-sha256$0$00$00"));
	assert_false(password_verify("pw-12345", "pbkdf2-sha256$1000$zz"));
}

static void
hmac_sha256_matches_rfc4231(void **state)
{
	unsigned char mac[32];
	char hex[65];
	(void)state;
	/* RFC 4231 test case 2. */
	crypto_hmac_sha256((const unsigned char *)"Jefe", 4,
	    "what do ya want for nothing?", 28, mac);
	hex_encode(mac, 32, hex);
	assert_string_equal(hex, "5bdcc146bf60754e6a042426089575c7"
	    "5a003f089d2739839dec58b964ec3843");
}

static void
csrf_token_only_fits_its_own_binding(void **state)
{
	unsigned char key[32] = { 1, 2, 3 }, other_key[32] = { 9 };
	char token[65];
	const char *cookie =
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
	const char *other =
	    "ff112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
	(void)state;
	csrf_compute(key, 's', cookie, token);
	assert_true(csrf_valid(key, 's', cookie, token));
	assert_false(csrf_valid(key, 's', other, token));
	assert_false(csrf_valid(key, 'p', cookie, token));
	assert_false(csrf_valid(other_key, 's', cookie, token));
	assert_false(csrf_valid(key, 's', cookie, NULL));
	assert_false(csrf_valid(key, 's', NULL, token));
	token[10] = token[10] == 'a' ? 'b' : 'a';
	assert_false(csrf_valid(key, 's', cookie, token));
	token[63] = '\0';
	assert_false(csrf_valid(key, 's', cookie, token));
}

static void
only_local_paths_are_redirect_targets(void **state)
{
	(void)state;
	assert_string_equal(route_safe_next("/posts"), "/posts");
	assert_string_equal(route_safe_next("/posts?state=draft"),
	    "/posts?state=draft");
	assert_null(route_safe_next("//evil.example/"));
	assert_null(route_safe_next("/\\evil.example"));
	assert_null(route_safe_next("https://evil.example/"));
	assert_null(route_safe_next("/x\r\nSet-Cookie: a=b"));
	assert_null(route_safe_next("/\"><script>"));
	assert_null(route_safe_next(NULL));
}

static void
hmac_sha1_matches_rfc2202(void **state)
{
	unsigned char mac[CRYPTO_SHA1_LEN];
	char hex[41];
	(void)state;
	/* RFC 2202 test case 2. */
	assert_int_equal(crypto_hmac_sha1("Jefe", 4,
	    "what do ya want for nothing?", 28, mac), 0);
	hex_encode(mac, sizeof(mac), hex);
	assert_string_equal(hex, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

static const unsigned char seal_key[CRYPTO_HASH_LEN] = {
	0x10, 0x32, 0x54, 0x76, 0x98, 0xba, 0xdc, 0xfe, 1, 2, 3, 4, 5, 6, 7, 8,
	9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
};
#define SECRET "EAAB-page-token-0123456789"

/* Returns 1 when blob opens under key and aad to exactly SECRET. */
static int
opens_to_secret(const unsigned char *key, const void *blob, size_t n,
    const char *aad)
{
	char *plain = (char *)"untouched";
	size_t len = 99;
	int ok;

	if (crypto_open(key, blob, n, aad, &plain, &len) < 0) {
		assert_null(plain);
		return 0;
	}
	ok = len == strlen(SECRET) && strcmp(plain, SECRET) == 0;
	crypto_free_secret(plain, len);
	return ok;
}

static void
sealed_secret_opens_only_as_sealed(void **state)
{
	unsigned char other_key[CRYPTO_HASH_LEN];
	struct sbuf blob;
	(void)state;
	sbuf_init(&blob);
	assert_int_equal(crypto_seal(seal_key, SECRET, strlen(SECRET),
	    "account:7", &blob), 0);
	/* "v1" | nonce | ciphertext | tag, and no plaintext inside. */
	assert_int_equal(blob.len, 2 + 12 + strlen(SECRET) + 16);
	assert_memory_equal(blob.data, "v1", 2);
	for (size_t i = 0; i + 10 <= blob.len; i++)
		assert_memory_not_equal(blob.data + i, "page-token", 10);
	assert_true(opens_to_secret(seal_key, blob.data, blob.len,
	    "account:7"));
	/* Wrong owner, no owner, wrong key. */
	assert_false(opens_to_secret(seal_key, blob.data, blob.len,
	    "account:8"));
	assert_false(opens_to_secret(seal_key, blob.data, blob.len, NULL));
	memcpy(other_key, seal_key, sizeof(other_key));
	other_key[31] ^= 1;
	assert_false(opens_to_secret(other_key, blob.data, blob.len,
	    "account:7"));
	sbuf_free(&blob);
}

static void
any_flipped_bit_is_refused(void **state)
{
	struct sbuf blob;
	(void)state;
	sbuf_init(&blob);
	assert_int_equal(crypto_seal(seal_key, SECRET, strlen(SECRET),
	    "account:7", &blob), 0);
	/* Every byte: version, nonce (2..13), ciphertext, tag (last 16). */
	for (size_t i = 0; i < blob.len; i++) {
		for (int bit = 0; bit < 8; bit += 3) {
			blob.data[i] ^= (char)(1 << bit);
			assert_false(opens_to_secret(seal_key, blob.data,
			    blob.len, "account:7"));
			blob.data[i] ^= (char)(1 << bit);
		}
	}
	assert_true(opens_to_secret(seal_key, blob.data, blob.len,
	    "account:7"));
	sbuf_free(&blob);
}

static void
truncated_or_foreign_blobs_are_refused(void **state)
{
	struct sbuf blob;
	char *plain;
	(void)state;
	sbuf_init(&blob);
	assert_int_equal(crypto_seal(seal_key, SECRET, strlen(SECRET),
	    "account:7", &blob), 0);
	for (size_t n = 0; n < blob.len; n++)
		assert_false(opens_to_secret(seal_key, blob.data, n,
		    "account:7"));
	/* A byte too many moves where the tag is read from. */
	sbuf_append(&blob, "", 1);
	assert_false(opens_to_secret(seal_key, blob.data, blob.len,
	    "account:7"));
	blob.len--;
	/* Another version prefix, even with its bytes otherwise intact. */
	blob.data[1] = '2';
	assert_false(opens_to_secret(seal_key, blob.data, blob.len,
	    "account:7"));
	assert_int_equal(crypto_open(seal_key, "v1", 2, NULL, &plain, NULL),
	    -1);
	assert_null(plain);
	sbuf_free(&blob);
}

static void
sealing_twice_differs_and_both_open(void **state)
{
	struct sbuf a, b, e;
	char *plain;
	size_t len = 99;
	(void)state;
	sbuf_init(&a);
	sbuf_init(&b);
	sbuf_init(&e);
	assert_int_equal(crypto_seal(seal_key, SECRET, strlen(SECRET),
	    "account:7", &a), 0);
	assert_int_equal(crypto_seal(seal_key, SECRET, strlen(SECRET),
	    "account:7", &b), 0);
	assert_int_equal(a.len, b.len);
	/* Fresh nonces, so different blobs, not just different tags. */
	assert_memory_not_equal(a.data + 2, b.data + 2, 12);
	assert_memory_not_equal(a.data, b.data, a.len);
	assert_true(opens_to_secret(seal_key, a.data, a.len, "account:7"));
	assert_true(opens_to_secret(seal_key, b.data, b.len, "account:7"));
	/* An empty secret, and seal appends after what out holds. */
	sbuf_puts(&e, "prefix");
	assert_int_equal(crypto_seal(seal_key, "", 0, NULL, &e), 0);
	assert_int_equal(e.len, 6 + 2 + 12 + 16);
	assert_int_equal(crypto_open(seal_key, e.data + 6, e.len - 6, "",
	    &plain, &len), 0);
	assert_int_equal(len, 0);
	assert_string_equal(plain, "");
	crypto_free_secret(plain, len);
	crypto_free_secret(NULL, 0);
	sbuf_free(&a);
	sbuf_free(&b);
	sbuf_free(&e);
}

static void
password_policy_counts_characters_and_refuses_the_user_name(void **state)
{
	char big[PASSWORD_MAX_BYTES + 2];
	(void)state;
	assert_null(password_problem("alice", "twelve-chars"));
	assert_non_null(password_problem("alice", "eleven-char"));
	assert_non_null(password_problem("alice", ""));
	/* Characters, not bytes: 11 two-byte letters are still too few. */
	assert_non_null(password_problem("alice", "\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9"));
	assert_null(password_problem("alice", "\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
	    "\xc3\xa9\xc3\xa9"));
	assert_non_null(password_problem("long.user-name", "long.user-name"));
	assert_non_null(password_problem("long.user-name", "LONG.User-Name"));
	assert_null(password_problem("long.user-name", "long.user-name!"));
	assert_non_null(password_problem("bob", "control\x01chars-here"));
	assert_non_null(password_problem("bob", "bad utf-8 \xff\xfe here"));
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_non_null(password_problem("bob", big));
	big[PASSWORD_MAX_BYTES] = '\0';
	assert_null(password_problem("bob", big));
}

static void
temporary_passwords_pass_the_policy_and_differ(void **state)
{
	char a[PASSWORD_TEMP_SIZE], b[PASSWORD_TEMP_SIZE], tiny[8];
	(void)state;
	assert_int_equal(password_generate(tiny, sizeof(tiny)), -1);
	assert_int_equal(password_generate(a, sizeof(a)), 0);
	assert_int_equal(password_generate(b, sizeof(b)), 0);
	assert_int_equal(strlen(a), 19);
	assert_string_not_equal(a, b);
	assert_null(password_problem("someone", a));
	for (size_t i = 0; i < 19; i++) {
		if (i % 5 == 4)
			assert_int_equal(a[i], '-');
		else
			assert_non_null(strchr(
			    "0123456789abcdefghjkmnpqrstvwxyz", a[i]));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(password_round_trip),
		cmocka_unit_test(password_hash_describes_its_cost),
		cmocka_unit_test(
		    password_policy_counts_characters_and_refuses_the_user_name),
		cmocka_unit_test(temporary_passwords_pass_the_policy_and_differ),
		cmocka_unit_test(hmac_sha256_matches_rfc4231),
		cmocka_unit_test(hmac_sha1_matches_rfc2202),
		cmocka_unit_test(sealed_secret_opens_only_as_sealed),
		cmocka_unit_test(any_flipped_bit_is_refused),
		cmocka_unit_test(truncated_or_foreign_blobs_are_refused),
		cmocka_unit_test(sealing_twice_differs_and_both_open),
		cmocka_unit_test(csrf_token_only_fits_its_own_binding),
		cmocka_unit_test(only_local_paths_are_redirect_targets),
	};
	return cmocka_run_group_tests_name("crypto", tests, NULL, NULL);
}
