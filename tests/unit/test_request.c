/* Parsers that every request goes through: forms, query strings, cookies. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../src/core/request.h"

static int
parse(struct arena *a, const char *s, struct kv **kv, size_t *n)
{
	return req_parse_urlencoded(a, s, strlen(s), 10, 20, kv, n);
}

static void
form_fields_decode_plus_and_percent(void **state)
{
	struct arena a = { 0 };
	struct kv *kv;
	size_t n;
	(void)state;
	assert_int_equal(parse(&a, "username=al+ice&note=caf%C3%A9%21&e=", &kv,
	    &n), REQ_OK);
	assert_int_equal(n, 3);
	assert_string_equal(req_kv_get(kv, n, "username"), "al ice");
	assert_string_equal(req_kv_get(kv, n, "note"), "caf\xc3\xa9!");
	assert_string_equal(req_kv_get(kv, n, "e"), "");
	assert_null(req_kv_get(kv, n, "missing"));
	arena_reset(&a);
}

static void
first_value_wins_and_empty_pairs_are_skipped(void **state)
{
	struct arena a = { 0 };
	struct kv *kv;
	size_t n;
	(void)state;
	assert_int_equal(parse(&a, "a=1&&a=2&b", &kv, &n), REQ_OK);
	assert_int_equal(n, 3);
	assert_string_equal(req_kv_get(kv, n, "a"), "1");
	assert_string_equal(req_kv_get(kv, n, "b"), "");
	arena_reset(&a);
}

static void
bad_percent_encoding_is_malformed(void **state)
{
	struct arena a = { 0 };
	struct kv *kv;
	size_t n;
	(void)state;
	assert_int_equal(parse(&a, "u=%zz", &kv, &n), REQ_MALFORMED);
	assert_int_equal(parse(&a, "u=abc%4", &kv, &n), REQ_MALFORMED);
	assert_int_equal(parse(&a, "u=%", &kv, &n), REQ_MALFORMED);
	assert_int_equal(parse(&a, "=value", &kv, &n), REQ_MALFORMED);
	arena_reset(&a);
}

static void
invalid_utf8_and_control_characters_are_malformed(void **state)
{
	struct arena a = { 0 };
	struct kv *kv;
	size_t n;
	(void)state;
	assert_int_equal(parse(&a, "u=%ff%fe", &kv, &n), REQ_MALFORMED);
	assert_int_equal(parse(&a, "u=%C0%AF", &kv, &n), REQ_MALFORMED);
	assert_int_equal(parse(&a, "u=%ED%A0%80", &kv, &n), REQ_MALFORMED);
	assert_int_equal(parse(&a, "u=a%00b", &kv, &n), REQ_MALFORMED);
	assert_int_equal(parse(&a, "u=a%07b", &kv, &n), REQ_MALFORMED);
	assert_int_equal(parse(&a, "u=line%0D%0Anext%09tab", &kv, &n), REQ_OK);
	arena_reset(&a);
}

static void
field_count_and_length_limits_hold(void **state)
{
	struct arena a = { 0 };
	struct kv *kv;
	size_t n;
	char many[200] = "";
	(void)state;
	for (int i = 0; i < 11; i++)
		strcat(many, "x=1&");
	assert_int_equal(parse(&a, many, &kv, &n), REQ_TOO_MANY);
	assert_int_equal(parse(&a, "v=123456789012345678901", &kv, &n),
	    REQ_TOO_LONG);
	assert_int_equal(parse(&a, "v=12345678901234567890", &kv, &n), REQ_OK);
	/* The limit is on decoded bytes: 20 encoded "%41" are 20 bytes. */
	assert_int_equal(parse(&a, "v=%41%41%41%41%41%41%41%41%41%41%41%41"
	    "%41%41%41%41%41%41%41%41", &kv, &n), REQ_OK);
	arena_reset(&a);
}

static void
cookies_parse_leniently(void **state)
{
	struct arena a = { 0 };
	struct kv *kv;
	size_t n;
	(void)state;
	assert_int_equal(req_parse_cookies(&a, "cp_session=abc; cp_pre=\"q\";"
	    "junk; =nokey;  theme=dark ", &kv, &n), REQ_OK);
	assert_int_equal(n, 3);
	assert_string_equal(req_kv_get(kv, n, "cp_session"), "abc");
	assert_string_equal(req_kv_get(kv, n, "cp_pre"), "q");
	assert_string_equal(req_kv_get(kv, n, "theme"), "dark");
	assert_int_equal(req_parse_cookies(&a, NULL, &kv, &n), REQ_OK);
	assert_int_equal(n, 0);
	arena_reset(&a);
}

static void
utf8_validator_accepts_text_and_rejects_overlongs(void **state)
{
	(void)state;
	assert_true(utf8_valid_text("plain", 5));
	assert_true(utf8_valid_text("\xf0\x9f\x98\x80", 4));
	assert_false(utf8_valid_text("\xf0\x9f\x98", 3));
	assert_false(utf8_valid_text("\xe0\x80\x80", 3));
	assert_false(utf8_valid_text("\xf4\x90\x80\x80", 4));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(form_fields_decode_plus_and_percent),
		cmocka_unit_test(first_value_wins_and_empty_pairs_are_skipped),
		cmocka_unit_test(bad_percent_encoding_is_malformed),
		cmocka_unit_test(invalid_utf8_and_control_characters_are_malformed),
		cmocka_unit_test(field_count_and_length_limits_hold),
		cmocka_unit_test(cookies_parse_leniently),
		cmocka_unit_test(utf8_validator_accepts_text_and_rejects_overlongs),
	};
	return cmocka_run_group_tests_name("request", tests, NULL, NULL);
}
