/* The Atom feed's building blocks: text made safe for XML 1.0, the feed
 * template's escaping and structure, and If-None-Match matching. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <ClearSilver.h>
#include <stdio.h>
#include <string.h>

#include "../../src/core/render.h"
#include "../../src/core/xml.h"

#ifndef TEST_ROOT
#define TEST_ROOT "."
#endif

static const char *
clean(struct arena *a, const char *s, size_t n)
{
	const char *out = xml_text(a, s, n);
	assert_non_null(out);
	return out;
}

static void
xml_text_drops_what_xml_forbids(void **state)
{
	struct arena a = { 0 };
	(void)state;
	/* C0 controls except tab and LF go; CR LF and CR become LF. */
	assert_string_equal(clean(&a, "a\x01" "b\x08\x0b\x0c\x1f" "c", 8),
	    "abc");
	assert_string_equal(clean(&a, "tab\there\nline", 13), "tab\there\nline");
	assert_string_equal(clean(&a, "one\r\ntwo\rthree", 14),
	    "one\ntwo\nthree");
	/* A NUL inside the text is dropped, not an end. */
	assert_string_equal(clean(&a, "x\0y", 3), "xy");
	/* DEL and C1 controls (U+0085) go; U+FFFE and U+FFFF go. */
	assert_string_equal(clean(&a, "d\x7f" "e\xc2\x85" "f", 6), "def");
	assert_string_equal(clean(&a, "g\xef\xbf\xbeh\xef\xbf\xbfi", 9), "ghi");
	/* Other non-ASCII text stays exactly as it was. */
	const char *intl = "Grüße — 東京 😀 ℃";
	assert_string_equal(clean(&a, intl, strlen(intl)), intl);
	/* Broken UTF-8 (stray continuation, overlong, surrogate, truncated)
	 * becomes U+FFFD per byte rather than reaching the document. */
	assert_string_equal(clean(&a, "a\x80z", 3), "a\xef\xbf\xbdz");
	assert_string_equal(clean(&a, "\xc0\xaf", 2),
	    "\xef\xbf\xbd\xef\xbf\xbd");
	assert_string_equal(clean(&a, "\xed\xa0\x80", 3),
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	assert_string_equal(clean(&a, "ok\xe2\x82", 4),
	    "ok\xef\xbf\xbd\xef\xbf\xbd");
	/* Markup characters are the template's job: left alone here. */
	assert_string_equal(clean(&a, "<&>\"'", 5), "<&>\"'");
	assert_string_equal(clean(&a, "", 0), "");
	arena_reset(&a);
}

static HDF *
feed_hdf(void)
{
	HDF *hdf = NULL;
	assert_null(hdf_init(&hdf));
	assert_null(hdf_set_value(hdf, "Config.VarEscapeMode", "html"));
	assert_null(hdf_set_value(hdf, "hdf.loadpaths.0",
	    TEST_ROOT "/templates"));
	hdf_set_value(hdf, "Page.Template", "feed/atom.cs");
	hdf_set_value(hdf, "Feed.Id", "tag:example.org,2026:feed");
	hdf_set_value(hdf, "Feed.Title", "St. Mary's & <Co>");
	hdf_set_value(hdf, "Feed.Author", "St. Mary's & <Co>");
	hdf_set_value(hdf, "Feed.Home", "https://example.org");
	hdf_set_value(hdf, "Feed.Self", "https://example.org/feed.atom");
	hdf_set_value(hdf, "Feed.Updated", "2026-03-01T12:00:00Z");
	return hdf;
}

static void
feed_template_escapes_text_and_attributes(void **state)
{
	HDF *hdf = feed_hdf();
	struct sbuf out;
	(void)state;
	sbuf_init(&out);
	hdf_set_value(hdf, "Feed.Entries.0.Id", "tag:example.org,2026:post/7");
	hdf_set_value(hdf, "Feed.Entries.0.Title", "<script>&\"'");
	hdf_set_value(hdf, "Feed.Entries.0.Content",
	    "</content><script>alert(1)</script> & \"quoted\" 'single' é\nline");
	hdf_set_value(hdf, "Feed.Entries.0.Published", "2026-03-01T12:00:00Z");
	hdf_set_value(hdf, "Feed.Entries.0.Updated", "2026-03-01T12:00:00Z");
	hdf_set_value(hdf, "Feed.Entries.0.Media.Href",
	    "https://example.org/feed/media/3");
	hdf_set_value(hdf, "Feed.Entries.0.Media.Type", "image/png");
	hdf_set_value(hdf, "Feed.Entries.0.Media.Length", "68");
	hdf_set_value(hdf, "Feed.Entries.0.Media.Alt", "a \"dot\" <b>&</b>");
	hdf_set_value(hdf, "Feed.Entries.1.Id", "tag:example.org,2026:post/5");
	hdf_set_value(hdf, "Feed.Entries.1.Deleted", "1");
	hdf_set_value(hdf, "Feed.Entries.1.When", "2026-03-02T08:00:00Z");
	assert_int_equal(render_template(hdf, "feed/atom.cs", &out), 0);
	sbuf_append(&out, "", 1);
	/* The declaration comes first, nothing before it. */
	assert_memory_equal(out.data, "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
	    38);
	assert_null(strstr(out.data, "<script>"));
	assert_null(strstr(out.data, "</content><"));
	assert_null(strstr(out.data, "<b>"));
	assert_non_null(strstr(out.data, "<title type=\"text\">&lt;script&gt;"
	    "&amp;&quot;&#39;</title>"));
	assert_non_null(strstr(out.data, "<content type=\"text\">&lt;/content"
	    "&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; "
	    "&#39;single&#39; é\nline</content>"));
	assert_non_null(strstr(out.data, "<title type=\"text\">St. Mary&#39;s "
	    "&amp; &lt;Co&gt;</title>"));
	assert_non_null(strstr(out.data, "<link rel=\"enclosure\" "
	    "href=\"https://example.org/feed/media/3\" type=\"image/png\" "
	    "length=\"68\" title=\"a &quot;dot&quot; &lt;b&gt;&amp;&lt;/b&gt;\"/>"));
	assert_non_null(strstr(out.data, "<media:description type=\"plain\">"
	    "a &quot;dot&quot; &lt;b&gt;&amp;&lt;/b&gt;</media:description>"));
	assert_non_null(strstr(out.data, "<at:deleted-entry "
	    "ref=\"tag:example.org,2026:post/5\" when=\"2026-03-02T08:00:00Z\"/>"));
	/* The tombstone is not also an entry. */
	assert_null(strstr(out.data, "<id>tag:example.org,2026:post/5</id>"));
	assert_non_null(strstr(out.data, "xmlns:at=\"http://purl.org/atompub/"
	    "tombstones/1.0\""));
	assert_non_null(strstr(out.data, "</feed>"));
	sbuf_free(&out);
	hdf_destroy(&hdf);
}

static void
empty_feed_has_the_required_elements(void **state)
{
	HDF *hdf = feed_hdf();
	struct sbuf out;
	(void)state;
	sbuf_init(&out);
	assert_int_equal(render_template(hdf, "feed/atom.cs", &out), 0);
	sbuf_append(&out, "", 1);
	assert_non_null(strstr(out.data, "<id>tag:example.org,2026:feed</id>"));
	assert_non_null(strstr(out.data, "<updated>2026-03-01T12:00:00Z"
	    "</updated>"));
	assert_non_null(strstr(out.data, "<link rel=\"self\" type=\"application/"
	    "atom+xml\" href=\"https://example.org/feed.atom\"/>"));
	assert_non_null(strstr(out.data, "<author>"));
	assert_null(strstr(out.data, "<entry>"));
	assert_null(strstr(out.data, "deleted-entry"));
	sbuf_free(&out);
	hdf_destroy(&hdf);
}

static void
if_none_match_lists_are_matched_weakly(void **state)
{
	const char *tag = "\"abc\"";
	(void)state;
	assert_true(render_etag_match("\"abc\"", tag));
	assert_true(render_etag_match("W/\"abc\"", tag));
	assert_true(render_etag_match("\"x\", \"abc\"", tag));
	assert_true(render_etag_match(" \"x\",W/\"abc\" ", tag));
	assert_true(render_etag_match("*", tag));
	assert_false(render_etag_match("\"abcd\"", tag));
	assert_false(render_etag_match("\"ab\"", tag));
	assert_false(render_etag_match("abc", tag));
	assert_false(render_etag_match("\"abc", tag));
	assert_false(render_etag_match("", tag));
	assert_false(render_etag_match("\"x\", abc", tag));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xml_text_drops_what_xml_forbids),
		cmocka_unit_test(feed_template_escapes_text_and_attributes),
		cmocka_unit_test(empty_feed_has_the_required_elements),
		cmocka_unit_test(if_none_match_lists_are_matched_weakly),
	};
	return cmocka_run_group_tests_name("feed", tests, NULL, NULL);
}
