/* The X, Facebook, LinkedIn and webhook connectors' pure parts: LinkedIn's
 * little text escaping, dates, Retry-After, and each platform's
 * classification of the answers quoted in platforms.md. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/json.h"
#include "../../src/core/util.h"
#include "../../src/platform/http.h"
#include "../../src/platform/platform.h"
#include "../../src/platform/wire.h"

static char *
escaped(const char *s)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_append(&b, "", 0);
	little_text_escape(&b, s);
	assert_false(b.failed);
	return b.data;
}

static void
little_text_escapes_every_reserved_character(void **state)
{
	char *e;
	(void)state;
	e = escaped("\\|{}@[]()<>#*_~");
	assert_string_equal(e, "\\\\\\|\\{\\}\\@\\[\\]\\(\\)\\<\\>\\#\\*\\_\\~");
	free(e);
	e = escaped("Flu clinic (Sat) #health @ 9_30, bring ~ID~ *early*");
	assert_string_equal(e, "Flu clinic \\(Sat\\) \\#health \\@ 9\\_30, "
	    "bring \\~ID\\~ \\*early\\*");
	free(e);
}

static void
little_text_leaves_other_text_alone(void **state)
{
	char *e;
	(void)state;
	e = escaped("Caf\xc3\xa9 \xe2\x80\x93 open 9-5. \"Welcome\" & 100% 'yes'!");
	assert_string_equal(e,
	    "Caf\xc3\xa9 \xe2\x80\x93 open 9-5. \"Welcome\" & 100% 'yes'!");
	free(e);
	e = escaped("");
	assert_string_equal(e, "");
	free(e);
}

static void
rfc3339_formats_utc(void **state)
{
	char out[32];
	(void)state;
	assert_int_equal(rfc3339_utc(0, out, sizeof(out)), 0);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	assert_int_equal(rfc3339_utc(1614265330, out, sizeof(out)), 0);
	assert_string_equal(out, "2021-02-25T15:02:10Z");
	assert_int_equal(rfc3339_utc(951782400, out, sizeof(out)), 0);
	assert_string_equal(out, "2000-02-29T00:00:00Z");
	assert_int_equal(rfc3339_utc(1318622958, out, sizeof(out)), 0);
	assert_string_equal(out, "2011-10-14T20:09:18Z");
	assert_int_equal(rfc3339_utc(-1, out, sizeof(out)), 0);
	assert_string_equal(out, "1969-12-31T23:59:59Z");
	assert_int_equal(rfc3339_utc(253402300799LL, out, sizeof(out)), 0);
	assert_string_equal(out, "9999-12-31T23:59:59Z");
	assert_int_equal(rfc3339_utc(-62167219200LL, out, sizeof(out)), 0);
	assert_string_equal(out, "0000-01-01T00:00:00Z");
	assert_int_equal(rfc3339_utc(253402300800LL, out, sizeof(out)), -1);
	assert_int_equal(rfc3339_utc(0, out, 20), -1);
}

static void
retry_after_reads_seconds_and_dates(void **state)
{
	(void)state;
	assert_int_equal(retry_after_at("120", 1000), 1120);
	assert_int_equal(retry_after_at("0", 1000), 1000);
	assert_int_equal(retry_after_at("Sun, 06 Nov 1994 08:49:37 GMT", 5),
	    784111777);
	assert_int_equal(retry_after_at("Thu, 29 Feb 2024 23:59:59 GMT", 5),
	    1709251199);
	assert_int_equal(retry_after_at(NULL, 1000), 0);
	assert_int_equal(retry_after_at("", 1000), 0);
	assert_int_equal(retry_after_at("12a", 1000), 0);
	assert_int_equal(retry_after_at("-5", 1000), 0);
	assert_int_equal(retry_after_at("Sun, 06 Nov 1994 08:49:37 UTC", 5), 0);
	assert_int_equal(retry_after_at("Sunday, 06-Nov-94 08:49:37 GMT", 5), 0);
	assert_int_equal(retry_after_at("99999999999999999999", 5), 0);
}

static void
next_midnight_is_strictly_after(void **state)
{
	(void)state;
	assert_int_equal(next_utc_midnight(1614265330), 1614297600);
	assert_int_equal(next_utc_midnight(1614297600), 1614384000);
	assert_int_equal(next_utc_midnight(1614297599), 1614297600);
}

static void
text_same_ignores_line_ends_and_outer_blanks(void **state)
{
	(void)state;
	assert_true(text_same("Open day\r\nSaturday", "Open day\nSaturday"));
	assert_true(text_same("  Open day \n", "Open day"));
	assert_false(text_same("Open day", "Open days"));
	assert_false(text_same("Open  day", "Open day"));
	assert_true(text_same("", " "));
}

static void
url_host_never_shows_user_info_path_or_query(void **state)
{
	struct sbuf b;
	(void)state;
	sbuf_init(&b);
	sbuf_append(&b, "", 0);
	wire_url_host(&b, "https://user:pw@hooks.example.org:8443/p/tok?k=s#f");
	assert_string_equal(b.data, "hooks.example.org:8443");
	b.len = 0;
	wire_url_host(&b, "http://127.0.0.1:9/hook");
	b.data[b.len] = '\0';
	assert_string_equal(b.data, "127.0.0.1:9");
	b.len = 0;
	wire_ident(&b, "DUPLICATE_POST because you said: hello");
	b.data[b.len] = '\0';
	assert_string_equal(b.data, "DUPLICATE_POST");
	sbuf_free(&b);
}

/* ----------------------------------------------------------------- X */

static struct pub_result
x_class(long status, const char *body, int is_create, int *dup)
{
	struct pub_result r;
	memset(&r, 0, sizeof(r));
	*dup = x_classify(status, body, strlen(body), is_create, &r);
	assert_int_equal(r.http_status, status);
	return r;
}

static void
x_classifies_reference_answers(void **state)
{
	struct pub_result r;
	int dup;
	(void)state;
	r = x_class(201, "{\"data\":{\"id\":\"1445880548472328192\","
	    "\"text\":\"Hi\",\"edit_history_post_ids\":[\"1445880548472328192\"]}}",
	    1, &dup);
	assert_int_equal(r.cls, PUB_OK);
	assert_false(dup);
	r = x_class(403, "{\"detail\":\"You are not allowed to create a Tweet "
	    "with duplicate content.\",\"type\":\"about:blank\",\"title\":"
	    "\"Forbidden\",\"status\":403}", 1, &dup);
	assert_true(dup);
	assert_int_equal(r.cls, PUB_UNKNOWN);
	r = x_class(403, "{\"title\":\"Forbidden\",\"detail\":\"You are not "
	    "permitted to perform this action.\",\"type\":\"https://api."
	    "twitter.com/2/problems/client-forbidden\",\"status\":403}", 1, &dup);
	assert_false(dup);
	assert_int_equal(r.cls, PUB_PERMANENT);
	r = x_class(401, "{\"title\":\"Unauthorized\",\"type\":\"about:blank\","
	    "\"status\":401,\"detail\":\"Unauthorized\"}", 1, &dup);
	assert_int_equal(r.cls, PUB_REAUTH);
	r = x_class(429, "{\"errors\":[{\"code\":88,\"message\":\"Rate limit "
	    "exceeded\"}]}", 1, &dup);
	assert_int_equal(r.cls, PUB_RATE_LIMITED);
	r = x_class(400, "{\"errors\":[{\"message\":\"tweet text: my secret "
	    "draft\"}],\"title\":\"Invalid Request\"}", 1, &dup);
	assert_int_equal(r.cls, PUB_PERMANENT);
	assert_null(strstr(r.detail, "secret"));
	for (long s = 500; s <= 504; s++) {
		r = x_class(s, "", 1, &dup);
		assert_int_equal(r.cls, PUB_UNKNOWN);
		r = x_class(s, "", 0, &dup);
		assert_int_equal(r.cls, PUB_RETRY);
	}
	/* A 2xx that created nothing (only partial errors). */
	r = x_class(200, "{\"errors\":[{\"title\":\"x\"}]}", 1, &dup);
	assert_int_equal(r.cls, PUB_PERMANENT);
	r = x_class(200, "{\"meta\":{\"result_count\":0}}", 0, &dup);
	assert_int_equal(r.cls, PUB_OK);
	r = x_class(302, "", 1, &dup);
	assert_int_equal(r.cls, PUB_PERMANENT);
}

static long long
retry_with_headers(long long (*fn)(const struct http_response *, long long),
    const char *headers, long long now)
{
	struct http_response h;
	memset(&h, 0, sizeof(h));
	h.outcome = HTTP_DONE;
	h.status = 429;
	h.headers = (char *)headers;
	h.headers_len = strlen(headers);
	return fn(&h, now);
}

static void
x_retry_at_takes_the_reset_that_applies(void **state)
{
	(void)state;
	assert_int_equal(retry_with_headers(x_retry_at,
	    "HTTP/1.1 429 Too Many Requests\r\n"
	    "x-rate-limit-limit: 100\r\nx-rate-limit-remaining: 0\r\n"
	    "x-rate-limit-reset: 1700000900\r\n\r\n", 1700000000), 1700000900);
	/* The daily user quota is used up: its reset, not 15 minutes. */
	assert_int_equal(retry_with_headers(x_retry_at,
	    "HTTP/1.1 429 Too Many Requests\r\n"
	    "x-rate-limit-reset: 1700000900\r\n"
	    "x-user-limit-24hour-limit: 17\r\n"
	    "x-user-limit-24hour-remaining: 0\r\n"
	    "x-user-limit-24hour-reset: 1700050000\r\n\r\n", 1700000000),
	    1700050000);
	assert_int_equal(retry_with_headers(x_retry_at,
	    "HTTP/1.1 429 Too Many Requests\r\n"
	    "x-rate-limit-reset: 1700000900\r\n"
	    "x-app-limit-24hour-remaining: 5\r\n"
	    "x-app-limit-24hour-reset: 1700050000\r\n\r\n", 1700000000),
	    1700000900);
	assert_int_equal(retry_with_headers(x_retry_at,
	    "HTTP/1.1 429 Too Many Requests\r\n\r\n", 1700000000), 0);
}

static int
tweet_matches(const char *json, const char *text)
{
	struct json_doc *doc;
	int m;
	assert_int_equal(json_parse(json, strlen(json), &doc), 0);
	m = x_tweet_matches(json_root(doc), text);
	json_free(doc);
	return m;
}

static void
x_matches_tweets_through_expanded_urls(void **state)
{
	const char *tweet = "{\"id\":\"1\",\"text\":\"Visit https://t.co/abc "
	    "&amp; read &lt;this&gt; https://t.co/pic\",\"entities\":{\"urls\":["
	    "{\"start\":6,\"end\":22,\"url\":\"https://t.co/abc\","
	    "\"expanded_url\":\"https://example.org/page\","
	    "\"display_url\":\"example.org/page\"},"
	    "{\"start\":41,\"end\":57,\"url\":\"https://t.co/pic\","
	    "\"expanded_url\":\"https://x.com/acme/status/1/photo/1\","
	    "\"media_key\":\"3_1\"}]}}";
	(void)state;
	assert_true(tweet_matches(tweet,
	    "Visit https://example.org/page & read <this>"));
	assert_false(tweet_matches(tweet, "Visit https://t.co/abc & read <this>"));
	assert_false(tweet_matches(tweet,
	    "Visit https://example.org/other & read <this>"));
	assert_true(tweet_matches("{\"id\":\"2\",\"text\":\"Plain words\"}",
	    "Plain words"));
	/* A bare domain is stored expanded as http://; the media link of a
	 * photo post is not part of the text. */
	assert_true(tweet_matches("{\"id\":\"3\",\"text\":\"See https://t.co/"
	    "d1 now https://t.co/m1\",\"entities\":{\"urls\":[{\"url\":"
	    "\"https://t.co/d1\",\"expanded_url\":\"http://example.org\"},"
	    "{\"url\":\"https://t.co/m1\",\"expanded_url\":\"https://x.com/"
	    "a/status/3/photo/1\"}]}}", "See example.org now "));
	assert_false(tweet_matches("{\"id\":\"3\",\"text\":\"See https://t.co/"
	    "d1 now https://t.co/m1\",\"entities\":{\"urls\":[{\"url\":"
	    "\"https://t.co/d1\",\"expanded_url\":\"http://example.org\"},"
	    "{\"url\":\"https://t.co/m1\",\"expanded_url\":\"https://x.com/"
	    "a/status/3/photo/1\"}]}}", "See example.org now and then"));
	assert_false(tweet_matches("{\"id\":\"4\",\"text\":\"Plain words "
	    "and more\"}", "Plain words"));
	assert_false(tweet_matches("{\"id\":\"2\"}", "Plain words"));
}

/* ----------------------------------------------------------- Facebook */

static struct pub_result
fb_class(long status, const char *body, int is_create, int *dup)
{
	struct pub_result r;
	memset(&r, 0, sizeof(r));
	*dup = facebook_classify(status, body, strlen(body), is_create, &r);
	return r;
}

static char *
fb_error(long code, long sub, const char *message)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_puts(&b, "{\"error\":{\"message\":");
	sbuf_json_string(&b, message);
	sbuf_printf(&b, ",\"type\":\"OAuthException\",\"code\":%ld", code);
	if (sub != 0)
		sbuf_printf(&b, ",\"error_subcode\":%ld", sub);
	sbuf_puts(&b, ",\"fbtrace_id\":\"AbCdEf\"}}");
	assert_false(b.failed);
	return b.data;
}

static enum pub_class
fb_code(long status, long code, long sub, const char *msg, int is_create,
    int *dup)
{
	char *body = fb_error(code, sub, msg);
	struct pub_result r = fb_class(status, body, is_create, dup);
	assert_null(strstr(r.detail, "fbtrace"));
	free(body);
	return r.cls;
}

static void
facebook_classifies_by_code(void **state)
{
	struct pub_result r;
	int dup;
	char *body;
	(void)state;
	r = fb_class(200, "{\"id\":\"123_456\"}", 1, &dup);
	assert_int_equal(r.cls, PUB_OK);
	r = fb_class(200, "{\"id\":\"789\",\"post_id\":\"123_456\"}", 1, &dup);
	assert_int_equal(r.cls, PUB_OK);
	/* Meta answers 500 code 2 for posts it did publish (koala #699). */
	assert_int_equal(fb_code(500, 2, 0, "An unexpected error has occurred. "
	    "Please retry your request later.", 1, &dup), PUB_UNKNOWN);
	assert_int_equal(fb_code(500, 2, 0, "x", 0, &dup), PUB_RETRY);
	assert_int_equal(fb_code(400, 1, 0, "An unknown error occurred", 1,
	    &dup), PUB_UNKNOWN);
	assert_int_equal(fb_code(400, 1, 0, "x", 0, &dup), PUB_RETRY);
	assert_int_equal(fb_code(400, 4, 0, "Application request limit "
	    "reached", 1, &dup), PUB_RATE_LIMITED);
	assert_int_equal(fb_code(400, 17, 0, "x", 1, &dup), PUB_RATE_LIMITED);
	assert_int_equal(fb_code(400, 32, 0, "x", 1, &dup), PUB_RATE_LIMITED);
	assert_int_equal(fb_code(400, 613, 0, "x", 1, &dup), PUB_RATE_LIMITED);
	assert_int_equal(fb_code(400, 80001, 0, "There have been too many "
	    "calls to this Page account. Wait a bit and try again.", 1, &dup),
	    PUB_RATE_LIMITED);
	for (long sub = 458; sub <= 467; sub++)
		assert_int_equal(fb_code(400, 190, sub, "Error validating "
		    "access token", 1, &dup), PUB_REAUTH);
	body = fb_error(190, 460, "Error validating access token: The session "
	    "has been invalidated because the user changed their password");
	r = fb_class(400, body, 1, &dup);
	free(body);
	assert_non_null(strstr(r.detail, "190/460"));
	assert_non_null(strstr(r.detail, "password"));
	assert_int_equal(fb_code(400, 102, 0, "Session key invalid", 1, &dup),
	    PUB_REAUTH);
	assert_int_equal(fb_code(403, 10, 0, "x", 1, &dup), PUB_REAUTH);
	assert_int_equal(fb_code(403, 200, 0, "x", 1, &dup), PUB_REAUTH);
	assert_int_equal(fb_code(403, 299, 0, "x", 1, &dup), PUB_REAUTH);
	assert_int_equal(fb_code(400, 100, 33, "Invalid parameter", 1, &dup),
	    PUB_PERMANENT);
	/* A wrong app secret is a credential to fix, not bad content. */
	assert_int_equal(fb_code(400, 100, 0, "Invalid appsecret_proof "
	    "provided in the API argument", 1, &dup), PUB_REAUTH);
	assert_false(dup);
	assert_int_equal(fb_code(400, 324, 0, "Missing or invalid image file",
	    1, &dup), PUB_PERMANENT);
	assert_false(dup);
}

static void
facebook_tells_duplicates_from_abuse(void **state)
{
	int dup;
	(void)state;
	assert_int_equal(fb_code(400, 506, 0, "(#506) Duplicate status message",
	    1, &dup), PUB_UNKNOWN);
	assert_true(dup);
	assert_int_equal(fb_code(400, 368, 1390008, "You've already posted "
	    "this. Posting the same content repeatedly on Facebook isn't "
	    "allowed.", 1, &dup), PUB_UNKNOWN);
	assert_true(dup);
	assert_int_equal(fb_code(400, 368, 1390008, "It looks like you were "
	    "misusing this feature by going too fast. You've been temporarily "
	    "blocked from using it.", 1, &dup), PUB_PERMANENT);
	assert_false(dup);
}

static void
facebook_without_error_object_uses_status(void **state)
{
	struct pub_result r;
	int dup;
	(void)state;
	r = fb_class(502, "<html>Bad Gateway</html>", 1, &dup);
	assert_int_equal(r.cls, PUB_UNKNOWN);
	r = fb_class(502, "", 0, &dup);
	assert_int_equal(r.cls, PUB_RETRY);
	r = fb_class(404, "", 1, &dup);
	assert_int_equal(r.cls, PUB_PERMANENT);
	r = fb_class(401, "", 1, &dup);
	assert_int_equal(r.cls, PUB_REAUTH);
}

static void
facebook_retry_at_reads_business_use_case_usage(void **state)
{
	(void)state;
	assert_int_equal(retry_with_headers(facebook_retry_at,
	    "HTTP/1.1 400 Bad Request\r\n"
	    "X-Business-Use-Case-Usage: {\"1234\":[{\"type\":\"pages\","
	    "\"call_count\":100,\"total_cputime\":10,\"total_time\":20,"
	    "\"estimated_time_to_regain_access\":15}]}\r\n\r\n", 1700000000),
	    1700000000 + 15 * 60);
	assert_int_equal(retry_with_headers(facebook_retry_at,
	    "HTTP/1.1 400 Bad Request\r\n"
	    "X-App-Usage: {\"call_count\":100,\"total_time\":1,"
	    "\"total_cputime\":1}\r\n\r\n", 1700000000), 0);
}

/* ----------------------------------------------------------- LinkedIn */

static struct pub_result
li_class(long status, const char *body, int is_create, int *dup, char *urn,
    size_t urnsz)
{
	struct pub_result r;
	memset(&r, 0, sizeof(r));
	*dup = linkedin_classify(status, body, strlen(body), is_create,
	    1614265330, &r, urn, urnsz);
	return r;
}

static void
linkedin_classifies_reference_answers(void **state)
{
	struct pub_result r;
	char urn[200];
	int dup;
	(void)state;
	r = li_class(201, "", 1, &dup, urn, sizeof(urn));
	assert_int_equal(r.cls, PUB_OK);
	r = li_class(422, "{\"errorDetailType\":\"com.linkedin.common.error."
	    "BadRequest\",\"message\":\"ERROR :: /commentary :: Content is a "
	    "duplicate of urn:li:share:7141138937766391808\",\"errorDetails\":"
	    "{\"inputErrors\":[{\"description\":\"Duplicate post is detected\","
	    "\"input\":{},\"code\":\"DUPLICATE_POST\"}]},\"status\":422}", 1,
	    &dup, urn, sizeof(urn));
	assert_true(dup);
	assert_int_equal(r.cls, PUB_UNKNOWN);
	assert_string_equal(urn, "urn:li:share:7141138937766391808");
	r = li_class(422, "{\"message\":\"commentary too long\",\"status\":422}",
	    1, &dup, urn, sizeof(urn));
	assert_false(dup);
	assert_int_equal(r.cls, PUB_PERMANENT);
	r = li_class(426, "{\"status\":426,\"code\":\"NONEXISTENT_VERSION\","
	    "\"message\":\"Requested version 20240401 is not active\"}", 1, &dup,
	    urn, sizeof(urn));
	assert_int_equal(r.cls, PUB_PERMANENT);
	assert_non_null(strstr(r.detail, "Platforms.LinkedIn.Version"));
	r = li_class(401, "{\"status\":401,\"serviceErrorCode\":65600,\"code\":"
	    "\"INVALID_ACCESS_TOKEN\",\"message\":\"Invalid access token\"}", 1,
	    &dup, urn, sizeof(urn));
	assert_int_equal(r.cls, PUB_REAUTH);
	assert_non_null(strstr(r.detail, "INVALID_ACCESS_TOKEN"));
	r = li_class(401, "{\"status\":401,\"serviceErrorCode\":65601,\"code\":"
	    "\"REVOKED_ACCESS_TOKEN\",\"message\":\"The token used in the "
	    "request has been revoked by the user\"}", 1, &dup, urn, sizeof(urn));
	assert_int_equal(r.cls, PUB_REAUTH);
	r = li_class(403, "{\"status\":403,\"serviceErrorCode\":100,\"code\":"
	    "\"ACCESS_DENIED\",\"message\":\"Not enough permissions\"}", 1, &dup,
	    urn, sizeof(urn));
	assert_int_equal(r.cls, PUB_REAUTH);
	r = li_class(429, "{\"status\":429,\"message\":\"Too many requests\"}",
	    1, &dup, urn, sizeof(urn));
	assert_int_equal(r.cls, PUB_RATE_LIMITED);
	assert_int_equal(r.retry_at, 1614297600);
	r = li_class(500, "", 1, &dup, urn, sizeof(urn));
	assert_int_equal(r.cls, PUB_UNKNOWN);
	r = li_class(503, "", 0, &dup, urn, sizeof(urn));
	assert_int_equal(r.cls, PUB_RETRY);
	r = li_class(400, "{\"status\":400,\"message\":\"my private words\"}", 1,
	    &dup, urn, sizeof(urn));
	assert_int_equal(r.cls, PUB_PERMANENT);
	assert_null(strstr(r.detail, "private"));
}

/* ------------------------------------------------------------ webhook */

static struct pub_result
wh_class(long status, const char *retry_after, int is_create)
{
	struct pub_result r;
	memset(&r, 0, sizeof(r));
	webhook_classify(status, retry_after, 1000, is_create, &r);
	assert_int_equal(r.http_status, status);
	return r;
}

static void
webhook_classifies_per_standard_webhooks(void **state)
{
	struct pub_result r;
	(void)state;
	assert_int_equal(wh_class(200, NULL, 1).cls, PUB_OK);
	assert_int_equal(wh_class(204, NULL, 1).cls, PUB_OK);
	assert_int_equal(wh_class(410, NULL, 1).cls, PUB_PERMANENT);
	assert_int_equal(wh_class(301, NULL, 1).cls, PUB_PERMANENT);
	assert_int_equal(wh_class(400, NULL, 1).cls, PUB_PERMANENT);
	assert_int_equal(wh_class(401, NULL, 1).cls, PUB_REAUTH);
	r = wh_class(429, "30", 1);
	assert_int_equal(r.cls, PUB_RATE_LIMITED);
	assert_int_equal(r.retry_at, 1030);
	r = wh_class(429, NULL, 1);
	assert_int_equal(r.cls, PUB_RATE_LIMITED);
	assert_int_equal(r.retry_at, 0);
	assert_int_equal(wh_class(502, NULL, 1).cls, PUB_RETRY);
	r = wh_class(504, "Sun, 06 Nov 1994 08:49:37 GMT", 1);
	assert_int_equal(r.cls, PUB_RATE_LIMITED);
	assert_int_equal(r.retry_at, 784111777);
	assert_int_equal(wh_class(500, NULL, 1).cls, PUB_UNKNOWN);
	assert_int_equal(wh_class(503, "10", 1).cls, PUB_UNKNOWN);
	assert_int_equal(wh_class(500, NULL, 0).cls, PUB_RETRY);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(little_text_escapes_every_reserved_character),
		cmocka_unit_test(little_text_leaves_other_text_alone),
		cmocka_unit_test(rfc3339_formats_utc),
		cmocka_unit_test(retry_after_reads_seconds_and_dates),
		cmocka_unit_test(next_midnight_is_strictly_after),
		cmocka_unit_test(text_same_ignores_line_ends_and_outer_blanks),
		cmocka_unit_test(url_host_never_shows_user_info_path_or_query),
		cmocka_unit_test(x_classifies_reference_answers),
		cmocka_unit_test(x_retry_at_takes_the_reset_that_applies),
		cmocka_unit_test(x_matches_tweets_through_expanded_urls),
		cmocka_unit_test(facebook_classifies_by_code),
		cmocka_unit_test(facebook_tells_duplicates_from_abuse),
		cmocka_unit_test(facebook_without_error_object_uses_status),
		cmocka_unit_test(facebook_retry_at_reads_business_use_case_usage),
		cmocka_unit_test(linkedin_classifies_reference_answers),
		cmocka_unit_test(webhook_classifies_per_standard_webhooks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
