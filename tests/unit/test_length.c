/* Post length as each platform counts it: the published twitter-text
 * conformance vectors (platforms.md, section 3) and the Mastodon rules. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../src/platform/length.h"

static long
len_of(const char *platform, const char *s)
{
	return platform_length(platform, s, strlen(s));
}

static void
x_counts_as_twitter_text_does(void **state)
{
	(void)state;
	assert_int_equal(len_of("x", "Hi http://test.co"), 26);
	assert_int_equal(len_of("x", "H\xf0\x9f\x90\xb1\xe2\x98\xba"
	    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
	    "\xf0\x9f\x91\xa7\xe2\x80\x8d\xf0\x9f\x91\xa6"), 7);
	assert_int_equal(len_of("x", "\xf0\x9f\x98\xb7\xf0\x9f\x91\xbe"
	    "\xf0\x9f\x98\xa1\xf0\x9f\x94\xa5\xf0\x9f\x92\xa9"), 10);
	assert_int_equal(len_of("x", "1\xe2\x83\xa3"), 2);
	char family[140 * 25 + 1] = "";
	for (int i = 0; i < 140; i++)
		strcat(family, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
		    "\xe2\x80\x8d\xf0\x9f\x91\xa7\xe2\x80\x8d\xf0\x9f\x91\xa6");
	assert_int_equal(len_of("x", family), 280);
}

static void
mastodon_counts_links_as_23_and_clusters_once(void **state)
{
	(void)state;
	assert_int_equal(len_of("mastodon",
	    "Hi https://example.org/a/very/long/path"), 26);
	/* e + combining acute, a thumbs-up with a skin tone, a flag */
	assert_int_equal(len_of("mastodon", "e\xcc\x81 "
	    "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd \xf0\x9f\x87\xba\xf0\x9f\x87\xb8"),
	    5);
}

static void
bluesky_counts_every_character_of_a_link(void **state)
{
	(void)state;
	assert_int_equal(len_of("bluesky", "Hi https://example.org"), 22);
	assert_int_equal(len_of("feed", "anything"), 8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(x_counts_as_twitter_text_does),
		cmocka_unit_test(mastodon_counts_links_as_23_and_clusters_once),
		cmocka_unit_test(bluesky_counts_every_character_of_a_link),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
