#include "length.h"

#include <string.h>

/* The published limits (see ../shared/reference/platforms.md) as
 * defaults; platform_limits_configure replaces them from configuration
 * (Platforms.<Name>.MaxLength) once at start-up, before any request. */
static struct platform_limit limits[] = {
	{ "mastodon", 500, "characters" },
	{ "bluesky", 300, "characters" },
	{ "x", 280, "weighted characters" },
	{ "facebook", 63206, "characters" },
	{ "linkedin", 3000, "characters" },
	{ "webhook", 0, "" },
	{ "feed", 0, "" },
};

void
platform_limits_configure(long mastodon, long bluesky, long x, long facebook,
    long linkedin)
{
	const long v[] = { mastodon, bluesky, x, facebook, linkedin };
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (v[i] >= 0)
			limits[i].limit = v[i];
}

const struct platform_limit *
platform_limit(const char *platform)
{
	for (size_t i = 0; i < sizeof(limits) / sizeof(limits[0]); i++)
		if (strcmp(limits[i].platform, platform) == 0)
			return &limits[i];
	return NULL;
}

/* Decodes one UTF-8 code point at s[*i], advancing *i; invalid bytes
 * count as one character each. */
static unsigned long
next_cp(const unsigned char *s, size_t n, size_t *i)
{
	unsigned char c = s[*i];
	size_t extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
	unsigned long cp = extra == 3 ? c & 7u : extra == 2 ? c & 15u :
	    extra == 1 ? c & 31u : c;
	if (*i + extra >= n + (extra ? 0 : 1)) {
		(*i)++;
		return c;
	}
	for (size_t k = 1; k <= extra; k++)
		cp = cp << 6 | (s[*i + k] & 0x3fu);
	*i += extra + 1;
	return cp;
}

static size_t
link_at(const char *t, size_t n, size_t i)
{
	size_t start = i;
	if (n - i > 8 && strncmp(t + i, "https://", 8) == 0)
		i += 8;
	else if (n - i > 7 && strncmp(t + i, "http://", 7) == 0)
		i += 7;
	else
		return 0;
	while (i < n && t[i] != ' ' && t[i] != '\n' && t[i] != '\t')
		i++;
	return i - start;
}

/* Code points that never start a user-perceived character of their own:
 * combining marks, variation selectors, emoji skin-tone modifiers and
 * tags (UAX #29 Extend). */
static int
extends_cluster(unsigned long cp)
{
	return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
	    (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) ||
	    (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xfe20 && cp <= 0xfe2f) ||
	    (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0020 && cp <= 0xe007f) ||
	    (cp >= 0xe0100 && cp <= 0xe01ef);
}

/* Counts user-perceived characters (an approximation of UAX #29 extended
 * grapheme clusters good for what people type in posts: combining marks,
 * emoji with modifiers, ZWJ sequences, flags and keycaps each count once).
 * Mastodon and X count links as 23; X weighs a cluster 2 unless it is in
 * twitter-text's 1-weight ranges, and any emoji sequence 2 in total. */
long
platform_length(const char *platform, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	int links = strcmp(platform, "mastodon") == 0 || strcmp(platform, "x") == 0;
	int weighted = strcmp(platform, "x") == 0;
	long count = 0;
	size_t i = 0;
	int joined = 0;       /* the previous code point was a ZWJ */
	int flag_half = 0;    /* inside a pair of regional indicators */
	long cluster = 0;     /* weight given to the current cluster */
	while (i < len) {
		size_t l = links ? link_at(text, len, i) : 0;
		if (l > 0) {
			count += 23;
			i += l;
			joined = flag_half = 0;
			cluster = 0;
			continue;
		}
		unsigned long cp = next_cp(s, len, &i);
		if (cp == 0x200d) {
			joined = 1;
			continue;
		}
		if (joined || extends_cluster(cp)) {
			/* a keycap (1, U+20E3) is an emoji: X counts it 2 */
			if (weighted && cp == 0x20e3 && cluster == 1) {
				count++;
				cluster = 2;
			}
			joined = 0;
			continue;
		}
		if (cp >= 0x1f1e6 && cp <= 0x1f1ff) {
			flag_half = !flag_half;
			if (!flag_half)
				continue; /* the second half of a flag */
		} else {
			flag_half = 0;
		}
		int light = cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) ||
		    (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037);
		cluster = weighted && !light ? 2 : 1;
		count += cluster;
	}
	return count;
}
