/* The pure parts of the Mastodon and Bluesky connectors: rate-limit reset
 * times, link facets (against the published vector), classification of
 * platform answers, and the record Bluesky's prepare() fixes. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../src/core/json.h"
#include "../../src/core/util.h"
#include "../../src/platform/microblog.h"
#include "../../src/platform/platform.h"
#include "../../src/platform/sign.h"

/* bsky-docs:docs/advanced-guides/posts.md: 109 bytes; "@atproto.com" at
 * bytes 23-35, the link at 74-108 (the final "." is not part of it). */
static const char vector[] =
    "\xe2\x9c\xa8" " example mentioning @atproto.com to share the URL "
    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xe2\x9d\xa4\xef\xb8\x8f\xe2\x80\x8d"
    "\xf0\x9f\x91\xa8" " https://en.wikipedia.org/wiki/CBOR.";

static void
reset_time_iso8601(void **state)
{
	(void)state;
	/* Mastodon's Time#iso8601(6) form */
	assert_int_equal(mastodon_reset_time("2026-03-01T12:35:00.000000Z"),
	    1772368500);
	assert_int_equal(mastodon_reset_time("2026-03-01T12:35:00Z"), 1772368500);
	/* a fraction rounds up: never wake before the reset */
	assert_int_equal(mastodon_reset_time("2026-03-01T12:35:00.250000Z"),
	    1772368501);
	assert_int_equal(mastodon_reset_time("2026-03-01T13:35:00+01:00"),
	    1772368500);
	assert_int_equal(mastodon_reset_time("2026-03-01T07:35:00.000-0500"),
	    1772368500);
	assert_int_equal(mastodon_reset_time("2000-02-29T23:59:59Z"), 951868799);
	assert_int_equal(mastodon_reset_time("1970-01-01T00:00:00Z"), 0);
}

static void
reset_time_refuses_other_forms(void **state)
{
	(void)state;
	assert_int_equal(mastodon_reset_time(NULL), -1);
	assert_int_equal(mastodon_reset_time(""), -1);
	assert_int_equal(mastodon_reset_time("1772368500"), -1);
	assert_int_equal(mastodon_reset_time("2026-03-01T12:35Z"), -1);
	assert_int_equal(mastodon_reset_time("2026-03-01T12:35:00"), -1);
	assert_int_equal(mastodon_reset_time("2026-13-01T12:35:00Z"), -1);
	assert_int_equal(mastodon_reset_time("2026-03-01T24:00:00Z"), -1);
	assert_int_equal(mastodon_reset_time("2026-03-01T12:35:00.Z"), -1);
	assert_int_equal(mastodon_reset_time("2026-03-01T12:35:00Z junk"), -1);
	assert_int_equal(mastodon_reset_time("Sun, 01 Mar 2026 12:35:00 GMT"),
	    -1);
}

static void
link_facet_matches_published_vector(void **state)
{
	struct byte_span spans[4];
	(void)state;
	assert_int_equal(strlen(vector), 109);
	/* the mention is not a link; only the URL is */
	assert_int_equal(bluesky_find_links(vector, strlen(vector), spans, 4), 1);
	assert_int_equal(spans[0].start, 74);
	assert_int_equal(spans[0].end, 108);
	assert_memory_equal(vector + 23, "@atproto.com", 35 - 23);

	struct sbuf b;
	sbuf_init(&b);
	assert_int_equal(bluesky_facets_json(&b, vector, strlen(vector)), 1);
	assert_string_equal(b.data,
	    "[{\"index\":{\"byteStart\":74,\"byteEnd\":108},\"features\":"
	    "[{\"$type\":\"app.bsky.richtext.facet#link\","
	    "\"uri\":\"https://en.wikipedia.org/wiki/CBOR\"}]}]");
	sbuf_free(&b);
}

static void
links_found_like_the_bluesky_client(void **state)
{
	struct byte_span s[4];
	const char *t;
	(void)state;

	t = "(see https://a.org/x), then http://b.net/(y) or "
	    "xhttps://c.org and HTTPS://D.ORG!";
	assert_int_equal(bluesky_find_links(t, strlen(t), s, 4), 3);
	/* "(" before a link is a boundary; "," then ")" without "(" trimmed */
	assert_int_equal(s[0].start, 5);
	assert_int_equal(s[0].end, 5 + strlen("https://a.org/x"));
	/* a ")" that closes a "(" inside the link stays */
	assert_memory_equal(t + s[1].start, "http://b.net/(y)", s[1].end - s[1].start);
	assert_int_equal(s[1].end - s[1].start, strlen("http://b.net/(y)"));
	/* not after a letter; any case; one trailing "!" dropped */
	assert_memory_equal(t + s[2].start, "HTTPS://D.ORG", s[2].end - s[2].start);
	assert_int_equal(s[2].end - s[2].start, strlen("HTTPS://D.ORG"));

	/* a scheme with nothing after it, and no links at all */
	t = "just https:// and text";
	assert_int_equal(bluesky_find_links(t, strlen(t), s, 4), 0);
	struct sbuf b;
	sbuf_init(&b);
	assert_int_equal(bluesky_facets_json(&b, t, strlen(t)), 0);
	assert_int_equal(b.len, 0);
	sbuf_free(&b);

	/* no-break space (U+00A0) ends a link; a newline starts one */
	t = "a\nhttps://e.org/p\xc2\xa0q";
	assert_int_equal(bluesky_find_links(t, strlen(t), s, 4), 1);
	assert_int_equal(s[0].start, 2);
	assert_int_equal(s[0].end, 2 + strlen("https://e.org/p"));
	/* more links than room: all are counted */
	t = "http://a.b http://c.d http://e.f";
	assert_int_equal(bluesky_find_links(t, strlen(t), s, 2), 3);
}

static void
mastodon_classes(void **state)
{
	(void)state;
	assert_int_equal(mastodon_classify(200, "{\"id\":\"1\"}", 1), PUB_OK);
	assert_int_equal(mastodon_classify(401,
	    "{\"error\":\"The access token is invalid\"}", 1), PUB_REAUTH);
	assert_int_equal(mastodon_classify(403,
	    "{\"error\":\"This action is outside the authorized scopes\"}", 1),
	    PUB_REAUTH);
	assert_int_equal(mastodon_classify(422, "{\"error\":\"Validation failed: "
	    "Text character limit of 500 exceeded\"}", 1), PUB_PERMANENT);
	assert_int_equal(mastodon_classify(422, "{\"error\":\"Cannot attach files "
	    "that have not finished processing. Try again in a moment!\"}", 1),
	    PUB_RETRY);
	assert_int_equal(mastodon_classify(429,
	    "{\"error\":\"Too many requests\"}", 1), PUB_RATE_LIMITED);
	/* a 5xx on a create may have posted; on a read it did nothing */
	assert_int_equal(mastodon_classify(500, "", 1), PUB_UNKNOWN);
	assert_int_equal(mastodon_classify(503, NULL, 1), PUB_UNKNOWN);
	assert_int_equal(mastodon_classify(502, NULL, 0), PUB_RETRY);
	assert_int_equal(mastodon_classify(404, NULL, 1), PUB_PERMANENT);
	assert_int_equal(mastodon_classify(422, NULL, 1), PUB_PERMANENT);
}

static void
bluesky_classes(void **state)
{
	(void)state;
	assert_int_equal(bluesky_classify(200, "{\"uri\":\"at://x\"}", 1), PUB_OK);
	assert_int_equal(bluesky_classify(400, "{\"error\":\"InvalidRequest\","
	    "\"message\":\"Record/text must not be longer than 300 graphemes\"}",
	    1), PUB_PERMANENT);
	assert_int_equal(bluesky_classify(400, "{\"error\":\"ExpiredToken\","
	    "\"message\":\"Token has expired\"}", 1), PUB_RETRY);
	assert_int_equal(bluesky_classify(400, "{\"error\":\"InvalidToken\"}", 1),
	    PUB_REAUTH);
	assert_int_equal(bluesky_classify(401, "{\"error\":\"AuthMissing\"}", 1),
	    PUB_REAUTH);
	assert_int_equal(bluesky_classify(401,
	    "{\"error\":\"AuthenticationRequired\"}", 0), PUB_REAUTH);
	assert_int_equal(bluesky_classify(401, "{\"error\":\"AccountTakedown\"}",
	    0), PUB_PERMANENT);
	assert_int_equal(bluesky_classify(400,
	    "{\"error\":\"AccountDeactivated\"}", 1), PUB_PERMANENT);
	assert_int_equal(bluesky_classify(413, "{\"error\":\"PayloadTooLarge\"}",
	    0), PUB_PERMANENT);
	assert_int_equal(bluesky_classify(429,
	    "{\"error\":\"RateLimitExceeded\"}", 1), PUB_RATE_LIMITED);
	assert_int_equal(bluesky_classify(500,
	    "{\"error\":\"InternalServerError\"}", 1), PUB_UNKNOWN);
	assert_int_equal(bluesky_classify(502, "{\"error\":\"UpstreamFailure\"}",
	    1), PUB_UNKNOWN);
	assert_int_equal(bluesky_classify(503, NULL, 1), PUB_UNKNOWN);
	assert_int_equal(bluesky_classify(504, "not json", 1), PUB_UNKNOWN);
	assert_int_equal(bluesky_classify(500, NULL, 0), PUB_RETRY);
	/* an error name that is not a plain word is ignored */
	assert_int_equal(bluesky_classify(400, "{\"error\":\"Expired Token\"}", 1),
	    PUB_PERMANENT);
	assert_int_equal(bluesky_classify(400, "<html>", 1), PUB_PERMANENT);
}

static struct platform_env env = {
	.bluesky_pds = "https://pds.invalid",
	.now = 1772368500,
};

static void
bluesky_prepare_fixes_key_and_record(void **state)
{
	struct pub_account a = { .platform = "bluesky", .env = &env };
	struct pub_post p = {
		.text = vector, .text_len = sizeof(vector) - 1,
		.image = (const unsigned char *)"\x89PNG", .image_len = 4,
		.image_mime = "image/png", .image_width = 640,
		.image_height = 480, .alt_text = "A \"poster\"", .state = "",
	};
	struct sbuf st, st2;
	struct json_doc *doc;
	(void)state;

	sbuf_init(&st);
	assert_int_equal(platform_bluesky.prepare(&a, &p, &st), 0);
	assert_int_equal(json_parse(st.data, st.len, &doc), 0);
	const struct json_node *root = json_root(doc);
	const char *rkey = json_path_text(root, "rkey");
	assert_non_null(rkey);
	assert_true(atproto_tid_valid(rkey));
	assert_string_equal(json_path_text(root, "record.$type"),
	    "app.bsky.feed.post");
	assert_string_equal(json_path_text(root, "record.text"), vector);
	assert_string_equal(json_path_text(root, "record.createdAt"),
	    "2026-03-01T12:35:00.000Z");
	assert_string_equal(json_path_text(root, "record.langs.0"), "en");
	assert_string_equal(json_path_text(root,
	    "record.facets.0.index.byteStart"), "74");
	assert_string_equal(json_path_text(root,
	    "record.facets.0.index.byteEnd"), "108");
	assert_string_equal(json_path_text(root,
	    "record.facets.0.features.0.uri"),
	    "https://en.wikipedia.org/wiki/CBOR");
	/* no embed yet: the blob ref exists only after the upload */
	assert_null(json_path(root, "record.embed"));
	assert_string_equal(json_path_text(root, "image.alt"), "A \"poster\"");
	assert_string_equal(json_path_text(root, "image.width"), "640");
	assert_string_equal(json_path_text(root, "image.height"), "480");

	/* a second delivery gets its own key */
	sbuf_init(&st2);
	assert_int_equal(platform_bluesky.prepare(&a, &p, &st2), 0);
	assert_string_not_equal(st.data, st2.data);
	json_free(doc);
	sbuf_free(&st);
	sbuf_free(&st2);

	/* text only: no image, no facets */
	p.text = "Flu shots are free this week.";
	p.text_len = strlen(p.text);
	p.image = NULL;
	p.image_len = 0;
	sbuf_init(&st);
	assert_int_equal(platform_bluesky.prepare(&a, &p, &st), 0);
	assert_int_equal(json_parse(st.data, st.len, &doc), 0);
	assert_null(json_path(json_root(doc), "image"));
	assert_null(json_path(json_root(doc), "record.facets"));
	json_free(doc);
	sbuf_free(&st);
}

static void
mastodon_reconcile_trusts_the_key_within_the_hour(void **state)
{
	struct pub_account a = { .platform = "mastodon", .env = &env };
	struct pub_post p = {
		.text = "hello", .text_len = 5, .idempotency_key = "k",
		.first_sent_at = env.now - 600, .state = "",
	};
	struct pub_result r;
	(void)state;

	/* no settings: anything that needed the network would fail, so a 0
	 * here means it decided from the clock alone */
	memset(&r, 0, sizeof(r));
	assert_int_equal(platform_mastodon.reconcile(&a, &p, &r), 0);
	p.first_sent_at = 0;
	assert_int_equal(platform_mastodon.reconcile(&a, &p, &r), 0);
	/* past the safety margin it must list, and without an instance it
	 * cannot tell */
	p.first_sent_at = env.now - 3400;
	memset(&r, 0, sizeof(r));
	assert_int_equal(platform_mastodon.reconcile(&a, &p, &r), -1);
	assert_int_equal(r.cls, PUB_REAUTH);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reset_time_iso8601),
		cmocka_unit_test(reset_time_refuses_other_forms),
		cmocka_unit_test(link_facet_matches_published_vector),
		cmocka_unit_test(links_found_like_the_bluesky_client),
		cmocka_unit_test(mastodon_classes),
		cmocka_unit_test(bluesky_classes),
		cmocka_unit_test(bluesky_prepare_fixes_key_and_record),
		cmocka_unit_test(mastodon_reconcile_trusts_the_key_within_the_hour),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
