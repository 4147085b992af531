/* The JSON reader: real platform answers, escapes, and every kind of
 * malformed input (which must fail, never crash). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/json.h"

static struct json_doc *
parse_ok(const char *text)
{
	struct json_doc *doc = NULL;
	assert_int_equal(json_parse(text, strlen(text), &doc), 0);
	assert_non_null(doc);
	return doc;
}

static int
parses(const char *text, size_t len)
{
	struct json_doc *doc = (struct json_doc *)1;
	int rc = json_parse(text, len, &doc);
	if (rc == 0) {
		assert_non_null(doc);
		json_free(doc);
	} else
		assert_null(doc);
	return rc;
}

#define PARSES(lit) parses((lit), sizeof(lit) - 1)

static void
mastodon_status(void **state)
{
	const char *body =
	    "{\"id\":\"113964224381516212\",\"created_at\":"
	    "\"2026-03-01T12:00:00.000Z\",\"in_reply_to_id\":null,"
	    "\"sensitive\":false,\"spoiler_text\":\"\",\"visibility\":"
	    "\"public\",\"language\":\"en\",\"uri\":"
	    "\"https://social.example/users/clinic/statuses/113964224381516212\","
	    "\"url\":\"https://social.example/@clinic/113964224381516212\","
	    "\"replies_count\":0,\"reblogs_count\":0,\"favourites_count\":0,"
	    "\"content\":\"\\u003cp\\u003eFlu clinic open Saturday \\u2014 "
	    "walk in\\u003c/p\\u003e\",\"application\":{\"name\":\"Clearpost\","
	    "\"website\":null},\"account\":{\"id\":\"109382\",\"username\":"
	    "\"clinic\",\"acct\":\"clinic\",\"followers_count\":1520},"
	    "\"media_attachments\":[{\"id\":\"22345792\",\"type\":\"image\","
	    "\"url\":\"https://files.social.example/a.png\",\"description\":"
	    "\"Nurse at a desk\",\"meta\":{\"original\":{\"width\":640,"
	    "\"height\":480,\"aspect\":1.3333333333333333}}}],"
	    "\"mentions\":[],\"tags\":[],\"emojis\":[],\"poll\":null}";
	struct json_doc *doc = parse_ok(body);
	const struct json_node *r = json_root(doc);
	long long v;
	(void)state;

	assert_int_equal(json_type(r), JSON_OBJECT);
	assert_string_equal(json_path_text(r, "id"), "113964224381516212");
	assert_string_equal(json_path_text(r, "url"),
	    "https://social.example/@clinic/113964224381516212");
	assert_string_equal(json_path_text(r, "content"),
	    "<p>Flu clinic open Saturday \xe2\x80\x94 walk in</p>");
	assert_string_equal(json_path_text(r, "application.name"),
	    "Clearpost");
	assert_int_equal(json_type(json_get(r, "in_reply_to_id")), JSON_NULL);
	assert_non_null(json_get(r, "in_reply_to_id"));
	assert_int_equal(json_type(json_get(r, "sensitive")), JSON_FALSE);
	assert_int_equal(json_count(json_get(r, "media_attachments")), 1);
	assert_string_equal(json_path_text(r, "media_attachments.0.id"),
	    "22345792");
	assert_int_equal(json_int(json_path(r,
	    "media_attachments.0.meta.original.width"), &v), 0);
	assert_int_equal(v, 640);
	assert_string_equal(json_path_text(r,
	    "media_attachments.0.meta.original.aspect"), "1.3333333333333333");
	assert_int_equal(json_int(json_path(r,
	    "media_attachments.0.meta.original.aspect"), &v), -1);
	/* Ids arrive as strings of digits. */
	assert_int_equal(json_int(json_get(r, "id"), &v), 0);
	assert_true(v == 113964224381516212LL);
	assert_null(json_path(r, "media_attachments.1"));
	assert_null(json_path(r, "mentions.0"));
	assert_null(json_path(r, "account.missing"));
	assert_int_equal(json_count(json_get(r, "mentions")), 0);
	assert_string_equal(json_key_at(r, 0), "id");
	json_free(doc);
}

static void
bluesky_create_record(void **state)
{
	const char *body =
	    "{\"uri\":\"at://did:plc:z72i7hdynmk6r22z27h6tvur/"
	    "app.bsky.feed.post/3lbtqrbyd7c2k\",\n"
	    "  \"cid\":\"bafyreih4pm3ob7wqbqbvnm3qkvnqgjfhsbnxw4h3yx6ldzsknhkhx3iwre\",\n"
	    "  \"commit\":{\"cid\":\"bafyreibqpx7y4xwxkokhv3q4lqs7fvzobddgq3ajk5kwcdhz6m4rm3dmmq\","
	    "\"rev\":\"3lbtqrbz6yk2k\"},\n"
	    "  \"validationStatus\":\"valid\"}\n";
	struct json_doc *doc = parse_ok(body);
	const struct json_node *r = json_root(doc);
	(void)state;

	assert_string_equal(json_path_text(r, "uri"),
	    "at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/"
	    "3lbtqrbyd7c2k");
	assert_string_equal(json_path_text(r, "commit.rev"), "3lbtqrbz6yk2k");
	assert_string_equal(json_path_text(r, "validationStatus"), "valid");
	assert_int_equal(json_count(r), 4);
	assert_string_equal(json_key_at(r, 3), "validationStatus");
	assert_null(json_key_at(r, 4));
	json_free(doc);

	/* An XRPC error body. */
	doc = parse_ok("{\"error\":\"ExpiredToken\",\"message\":"
	    "\"Token has expired\"}");
	assert_string_equal(json_path_text(json_root(doc), "error"),
	    "ExpiredToken");
	json_free(doc);
}

static void
x_problem_json(void **state)
{
	const char *body =
	    "{\"detail\":\"You are not allowed to create a Tweet with "
	    "duplicate content.\",\"type\":\"about:blank\",\"title\":"
	    "\"Forbidden\",\"status\":403}";
	struct json_doc *doc = parse_ok(body);
	const struct json_node *r = json_root(doc);
	long long v = 0;
	(void)state;

	assert_int_equal(json_int(json_get(r, "status"), &v), 0);
	assert_int_equal(v, 403);
	assert_string_equal(json_text(json_get(r, "status")), "403");
	assert_string_equal(json_path_text(r, "title"), "Forbidden");
	json_free(doc);

	doc = parse_ok("{\"data\":{\"id\":\"1445880548472328192\",\"text\":"
	    "\"Hello\",\"edit_history_post_ids\":[\"1445880548472328192\"]}}");
	assert_string_equal(json_path_text(json_root(doc), "data.id"),
	    "1445880548472328192");
	assert_string_equal(json_path_text(json_root(doc),
	    "data.edit_history_post_ids.0"), "1445880548472328192");
	json_free(doc);

	doc = parse_ok("{\"errors\":[{\"code\":88,\"message\":"
	    "\"Rate limit exceeded\"}]}");
	assert_string_equal(json_path_text(json_root(doc), "errors.0.message"),
	    "Rate limit exceeded");
	assert_int_equal(json_int(json_path(json_root(doc), "errors.0.code"),
	    &v), 0);
	assert_int_equal(v, 88);
	json_free(doc);
}

static void
facebook_error_object(void **state)
{
	const char *body =
	    "{\"error\":{\"message\":\"Error validating access token: The "
	    "session has been invalidated because the user changed their "
	    "password or Facebook has changed the session for security "
	    "reasons.\",\"type\":\"OAuthException\",\"code\":190,"
	    "\"error_subcode\":460,\"error_user_title\":\"\","
	    "\"fbtrace_id\":\"AWswcVwbcqfgrSgjG80MtqJ\"}}";
	struct json_doc *doc = parse_ok(body);
	const struct json_node *r = json_root(doc);
	long long code = 0, sub = 0;
	(void)state;

	assert_int_equal(json_int(json_path(r, "error.code"), &code), 0);
	assert_int_equal(json_int(json_path(r, "error.error_subcode"), &sub),
	    0);
	assert_int_equal(code, 190);
	assert_int_equal(sub, 460);
	assert_string_equal(json_path_text(r, "error.type"), "OAuthException");
	assert_string_equal(json_path_text(r, "error.error_user_title"), "");
	assert_string_equal(json_path_text(r, "error.fbtrace_id"),
	    "AWswcVwbcqfgrSgjG80MtqJ");
	json_free(doc);

	doc = parse_ok("{\"id\":\"1234567890_9876543210\"}");
	assert_string_equal(json_path_text(json_root(doc), "id"),
	    "1234567890_9876543210");
	/* Not digits only: not an integer. */
	assert_int_equal(json_int(json_get(json_root(doc), "id"), &code), -1);
	json_free(doc);
}

static void
linkedin_duplicate_post(void **state)
{
	const char *body =
	    "{\"errorDetailType\":\"com.linkedin.common.error.BadRequest\","
	    "\"message\":\"com.linkedin.content.common.exception."
	    "BadRequestResponseException: Content is a duplicate of "
	    "urn:li:share:7141138937766391808\",\"errorDetails\":{"
	    "\"inputErrors\":[{\"description\":\"Duplicate post is detected\","
	    "\"input\":{},\"code\":\"DUPLICATE_POST\"}]},\"status\":422}";
	struct json_doc *doc = parse_ok(body);
	const struct json_node *r = json_root(doc);
	const char *msg;
	long long v = 0;
	(void)state;

	assert_string_equal(json_path_text(r,
	    "errorDetails.inputErrors.0.code"), "DUPLICATE_POST");
	assert_int_equal(json_type(json_path(r,
	    "errorDetails.inputErrors.0.input")), JSON_OBJECT);
	assert_int_equal(json_count(json_path(r,
	    "errorDetails.inputErrors.0.input")), 0);
	msg = json_path_text(r, "message");
	assert_non_null(strstr(msg, "urn:li:share:7141138937766391808"));
	assert_int_equal(json_int(json_get(r, "status"), &v), 0);
	assert_int_equal(v, 422);
	json_free(doc);
}

static void
escapes_are_decoded(void **state)
{
	struct json_doc *doc = parse_ok(
	    "[\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\", \"\\u0041\\u00e9\\u20AC\","
	    " \"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\", \"\", \"\\u007f\x7f\"]");
	const struct json_node *r = json_root(doc);
	(void)state;

	assert_int_equal(json_count(r), 5);
	assert_string_equal(json_text(json_at(r, 0)),
	    "a\"b\\c/d\be\ff\ng\rh\ti");
	assert_string_equal(json_text(json_at(r, 1)),
	    "A\xc3\xa9\xe2\x82\xac");
	assert_string_equal(json_text(json_at(r, 2)),
	    "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
	assert_string_equal(json_text(json_at(r, 3)), "");
	assert_string_equal(json_text(json_at(r, 4)), "\x7f\x7f");
	assert_null(json_at(r, 5));
	assert_null(json_key_at(r, 0));
	json_free(doc);
}

static void
surrogate_pairs_become_utf8(void **state)
{
	struct json_doc *doc = parse_ok(
	    "{\"e\":\"\\ud83d\\ude00\",\"max\":\"\\uDBFF\\uDFFF\","
	    "\"min\":\"\\ud800\\udc00\"}");
	const struct json_node *r = json_root(doc);
	(void)state;

	assert_string_equal(json_path_text(r, "e"), "\xf0\x9f\x98\x80");
	assert_string_equal(json_path_text(r, "max"), "\xf4\x8f\xbf\xbf");
	assert_string_equal(json_path_text(r, "min"), "\xf0\x90\x80\x80");
	json_free(doc);

	assert_int_equal(PARSES("\"\\ud83d\""), -1);          /* lone high */
	assert_int_equal(PARSES("\"\\ude00\""), -1);          /* lone low */
	assert_int_equal(PARSES("\"\\ud83dx\""), -1);
	assert_int_equal(PARSES("\"\\ud83d\\u0041\""), -1);   /* high + BMP */
	assert_int_equal(PARSES("\"\\ud83d\\ud83d\""), -1);   /* high + high */
	assert_int_equal(PARSES("\"\\ude00\\ud83d\""), -1);   /* reversed */
	assert_int_equal(PARSES("\"\\ud83d\\n\""), -1);
	assert_int_equal(PARSES("\"\\ud83d\\ude0\""), -1);
}

static void
scalars_and_numbers(void **state)
{
	struct json_doc *doc;
	long long v;
	(void)state;

	doc = parse_ok(" -0.5e+10 ");
	assert_int_equal(json_type(json_root(doc)), JSON_NUMBER);
	assert_string_equal(json_text(json_root(doc)), "-0.5e+10");
	assert_int_equal(json_int(json_root(doc), &v), -1);
	json_free(doc);

	doc = parse_ok("[true,false,null,0,-0,1E3,9223372036854775807,"
	    "-9223372036854775808,9223372036854775808,\"007\",\"-1\",\"\","
	    "\"12a\",1.0]");
	const struct json_node *r = json_root(doc);
	assert_int_equal(json_type(json_at(r, 0)), JSON_TRUE);
	assert_int_equal(json_type(json_at(r, 1)), JSON_FALSE);
	assert_int_equal(json_type(json_at(r, 2)), JSON_NULL);
	assert_null(json_text(json_at(r, 0)));
	assert_null(json_text(json_at(r, 2)));
	assert_int_equal(json_int(json_at(r, 3), &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(json_int(json_at(r, 4), &v), 0);
	assert_int_equal(v, 0);
	assert_string_equal(json_text(json_at(r, 5)), "1E3");
	assert_int_equal(json_int(json_at(r, 5), &v), -1);
	assert_int_equal(json_int(json_at(r, 6), &v), 0);
	assert_true(v == 9223372036854775807LL);
	assert_int_equal(json_int(json_at(r, 7), &v), 0);
	assert_true(v == -9223372036854775807LL - 1);
	assert_int_equal(json_int(json_at(r, 8), &v), -1);  /* overflow */
	assert_int_equal(json_int(json_at(r, 9), &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(json_int(json_at(r, 10), &v), -1); /* sign in text */
	assert_int_equal(json_int(json_at(r, 11), &v), -1);
	assert_int_equal(json_int(json_at(r, 12), &v), -1);
	assert_int_equal(json_int(json_at(r, 13), &v), -1);
	assert_int_equal(json_int(json_at(r, 0), &v), -1);
	assert_int_equal(json_int(NULL, &v), -1);
	json_free(doc);

	doc = parse_ok("\"just a string\"");
	assert_string_equal(json_text(json_root(doc)), "just a string");
	assert_int_equal(json_count(json_root(doc)), 0);
	assert_null(json_at(json_root(doc), 0));
	assert_null(json_get(json_root(doc), "x"));
	assert_null(json_path(json_root(doc), "x"));
	json_free(doc);

	doc = parse_ok("null");
	assert_int_equal(json_type(json_root(doc)), JSON_NULL);
	json_free(doc);
}

static void
duplicate_keys_last_wins(void **state)
{
	struct json_doc *doc = parse_ok(
	    "{\"id\":\"first\",\"x\":1,\"id\":\"second\",\"\":\"empty\"}");
	const struct json_node *r = json_root(doc);
	(void)state;

	assert_string_equal(json_path_text(r, "id"), "second");
	assert_int_equal(json_count(r), 4);
	assert_string_equal(json_key_at(r, 0), "id");
	assert_string_equal(json_text(json_at(r, 0)), "first");
	assert_string_equal(json_key_at(r, 2), "id");
	assert_string_equal(json_text(json_get(r, "")), "empty");
	assert_null(json_get(r, "i"));
	assert_null(json_get(r, "idx"));
	assert_null(json_get(r, NULL));
	json_free(doc);
}

static void
paths(void **state)
{
	struct json_doc *doc = parse_ok(
	    "{\"a\":{\"b\":[10,{\"c\":\"deep\"},[\"x\",\"y\"]]},"
	    "\"list\":[0,1,2,3,4,5,6,7,8,9,10,11]}");
	const struct json_node *r = json_root(doc);
	(void)state;

	assert_string_equal(json_path_text(r, "a.b.1.c"), "deep");
	assert_string_equal(json_path_text(r, "a.b.2.1"), "y");
	assert_string_equal(json_path_text(r, "a.b.0"), "10");
	assert_string_equal(json_path_text(r, "list.11"), "11");
	assert_true(json_path(r, "") == r);
	assert_null(json_path(r, "list.12"));
	assert_null(json_path(r, "list.01"));     /* no leading zeros */
	assert_null(json_path(r, "list.-1"));
	assert_null(json_path(r, "list.x"));
	assert_null(json_path(r, "list."));
	assert_null(json_path(r, "a.b.0.c"));     /* into a number */
	assert_null(json_path(r, "a..b"));
	assert_null(json_path(r, "a.b."));
	assert_null(json_path(r, "list.99999999999999999999999"));
	assert_null(json_path(r, NULL));
	assert_null(json_path(NULL, "a"));
	assert_null(json_path_text(r, "a.b"));    /* an array has no text */
	json_free(doc);
}

static void
deep_nesting(void **state)
{
	char buf[8 * JSON_MAX_DEPTH];
	int d;
	(void)state;

	/* Exactly JSON_MAX_DEPTH levels parse; one more does not. */
	for (d = JSON_MAX_DEPTH; d <= JSON_MAX_DEPTH + 1; d++) {
		size_t n = 0;
		for (int i = 0; i < d; i++) {
			if (i % 2 == 0) {
				memcpy(buf + n, "{\"k\":", 5);
				n += 5;
			} else
				buf[n++] = '[';
		}
		buf[n++] = '1';
		for (int i = d - 1; i >= 0; i--)
			buf[n++] = i % 2 == 0 ? '}' : ']';
		assert_true(n < sizeof(buf));
		assert_int_equal(parses(buf, n),
		    d <= JSON_MAX_DEPTH ? 0 : -1);
	}

	/* A deep attacker never reaches the stack limit. */
	size_t big = 1000000;
	char *p = malloc(big);
	assert_non_null(p);
	memset(p, '[', big);
	assert_int_equal(parses(p, big), -1);
	memset(p, '{', big);
	assert_int_equal(parses(p, big), -1);
	free(p);
}

static void
malformed_inputs_fail(void **state)
{
	static const char *const bad[] = {
		"", " ", "\n\t", "{", "}", "[", "]", "[1,]", "[,1]", "[1 2]",
		"{\"a\"}", "{\"a\":}", "{\"a\" 1}", "{\"a\":1,}", "{,}",
		"{a:1}", "{'a':1}", "['a']", "{1:2}", "{\"a\":1 \"b\":2}",
		"[1]]", "[1] [2]", "{} x", "nul", "nulll", "tru", "True",
		"NULL", "falsey", "undefined", "NaN", "Infinity", "-Infinity",
		"+1", "01", "-01", "1.", ".5", "1e", "1e+", "-", "0x10",
		"1.2.3", "--1", "1e5e5", "\"abc", "\"abc\\\"", "\"\\x41\"",
		"\"\\u12\"", "\"\\u12G4\"", "\"\\U0041\"", "\"\\\"",
		"\"\\u0000\"", "\"a\\u0000b\"", "{\"\\u0000\":1}",
		"\"tab\there\"", "\"nl\nhere\"", "\"\x01\"", "\"\x1f\"",
		"// comment\n1", "/* c */ 1", "1 // c", "[1,/*x*/2]",
		"\xef\xbb\xbf{}", "\"\\ud800\"", "\"\\udfff\"",
		"\xc3\xa9", "[\xc3\xa9]", "\x0b 1", "\x0c 1", "1\x0b",
		"\"\x80\"", "\"\xc0\x80\"", "\"\xc1\xbf\"", "\"\xe0\x80\xaf\"",
		"\"\xed\xa0\x80\"", "\"\xed\xbf\xbf\"", "\"\xf4\x90\x80\x80\"",
		"\"\xf5\x80\x80\x80\"", "\"\xff\"", "\"\xc3\"", "\"\xe2\x82\"",
		"\"\xf0\x9f\x98\"", "\"\xc3\xc3\"", "\"\xf0\x9f\x98\x80\x80\"",
		"{\"a\":1}}", "[[[]]", "{\"a\":[}]", "[\"a\":1]", "{\"a\",1}",
	};
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parses(bad[i], strlen(bad[i])) != -1)
			fail_msg("accepted malformed input #%zu", i);
	}
	/* Embedded NUL bytes, inside and outside strings. */
	assert_int_equal(PARSES("\"a\0b\""), -1);
	assert_int_equal(PARSES("1\0"), -1);
	assert_int_equal(PARSES("\0"), -1);
	assert_int_equal(PARSES("{\"a\":1}\0"), -1);
	/* Length bounds the input: a valid prefix of a longer buffer. */
	assert_int_equal(parses("[1,2]garbage", 5), 0);
	assert_int_equal(parses("[1,2]", 4), -1);
	assert_int_equal(parses("\"abc\"", 4), -1);
	assert_int_equal(parses("\"\\", 2), -1);
	assert_int_equal(parses("true", 3), -1);
	assert_int_equal(parses("123", 0), -1);
	assert_int_equal(json_parse(NULL, 0, &(struct json_doc *){ NULL }),
	    -1);
}

static void
every_truncation_fails_cleanly(void **state)
{
	const char *body = "{\"a\":[1,-2.5e3,\"x\\u00e9\\ud83d\\ude00\","
	    "true,false,null,{\"b\":{}}],\"c\":\"\xc3\xa9\"}";
	size_t len = strlen(body);
	(void)state;

	assert_int_equal(parses(body, len), 0);
	for (size_t n = 0; n < len; n++) {
		/* Exact-size copies so that reading past the end shows up
		 * under valgrind or ASan. */
		char *copy = malloc(n ? n : 1);
		assert_non_null(copy);
		memcpy(copy, body, n);
		assert_int_equal(parses(copy, n), -1);
		free(copy);
	}
}

static void
large_documents(void **state)
{
	/* A long string (bigger than an arena chunk) and many members. */
	size_t n = 100000;
	char *buf = malloc(n + 64);
	struct json_doc *doc;
	assert_non_null(buf);
	(void)state;

	buf[0] = '"';
	memset(buf + 1, 'z', n);
	buf[n + 1] = '"';
	assert_int_equal(json_parse(buf, n + 2, &doc), 0);
	assert_int_equal(strlen(json_text(json_root(doc))), n);
	json_free(doc);

	size_t k = 0;
	buf[k++] = '[';
	for (int i = 0; i < 20000; i++) {
		buf[k++] = '7';
		buf[k++] = ',';
	}
	buf[k - 1] = ']';
	assert_int_equal(json_parse(buf, k, &doc), 0);
	assert_int_equal(json_count(json_root(doc)), 20000);
	assert_string_equal(json_path_text(json_root(doc), "19999"), "7");
	json_free(doc);
	free(buf);
	json_free(NULL);
	assert_null(json_root(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mastodon_status),
		cmocka_unit_test(bluesky_create_record),
		cmocka_unit_test(x_problem_json),
		cmocka_unit_test(facebook_error_object),
		cmocka_unit_test(linkedin_duplicate_post),
		cmocka_unit_test(escapes_are_decoded),
		cmocka_unit_test(surrogate_pairs_become_utf8),
		cmocka_unit_test(scalars_and_numbers),
		cmocka_unit_test(duplicate_keys_last_wins),
		cmocka_unit_test(paths),
		cmocka_unit_test(deep_nesting),
		cmocka_unit_test(malformed_inputs_fail),
		cmocka_unit_test(every_truncation_fails_cleanly),
		cmocka_unit_test(large_documents),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
