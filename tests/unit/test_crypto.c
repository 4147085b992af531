/* Passwords, MACs and CSRF tokens. */
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(password_round_trip),
		cmocka_unit_test(password_hash_describes_its_cost),
		cmocka_unit_test(hmac_sha256_matches_rfc4231),
		cmocka_unit_test(csrf_token_only_fits_its_own_binding),
		cmocka_unit_test(only_local_paths_are_redirect_targets),
	};
	return cmocka_run_group_tests_name("crypto", tests, NULL, NULL);
}
