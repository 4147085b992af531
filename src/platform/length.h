/* length.h — how each platform counts a post's length, so the desk can
 * say "412/500" per target before anything is sent. */
#ifndef CP_PLATFORM_LENGTH_H
#define CP_PLATFORM_LENGTH_H

#include <stddef.h>

struct platform_limit {
	const char *platform; /* accounts.platform */
	long limit;           /* 0 = no limit */
	const char *unit;     /* shown to the author */
};

/* Sets the limits from configuration (negative: keep the default). Called
 * once per process at start-up. */
void platform_limits_configure(long mastodon, long bluesky, long x,
    long facebook, long linkedin);

/* The limit for a platform name (the feed and webhooks: none). */
const struct platform_limit *platform_limit(const char *platform);

/* The length of text as the platform counts it, in user-perceived
 * characters (combining marks, emoji modifiers, ZWJ sequences, flags and
 * keycaps count once): Mastodon with every link as 23; X with every link
 * as 23 and characters outside twitter-text's light ranges (CJK, emoji
 * sequences) as 2; Bluesky every character of links too. */
long platform_length(const char *platform, const char *text, size_t len);

#endif
