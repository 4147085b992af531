#include "xml.h"

/* Length and code point of the well-formed UTF-8 sequence at s[0..n), or
 * 0 when it is not one (overlong, surrogate, past U+10FFFF, truncated). */
static size_t
utf8_seq(const unsigned char *s, size_t n, unsigned int *cp)
{
	size_t extra;
	unsigned int v;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		extra = 1;
		v = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		extra = 2;
		v = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		extra = 3;
		v = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n <= extra)
		return 0;
	for (size_t k = 1; k <= extra; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[k] & 0x3f);
	}
	if ((extra == 2 && v < 0x800) || (extra == 3 && v < 0x10000) ||
	    (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff)
		return 0;
	*cp = v;
	return extra + 1;
}

char *
xml_text(struct arena *a, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	/* At most three output bytes per input byte (U+FFFD for each). */
	char *out = arena_alloc(a, 3 * n + 1);
	size_t i = 0, o = 0;

	if (out == NULL)
		return NULL;
	while (i < n) {
		unsigned char c = s[i];
		unsigned int cp;
		size_t len;

		if (c == '\r') {
			out[o++] = '\n';
			i += i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
			continue;
		}
		if (c < 0x80) {
			if (c >= 0x20 ? c != 0x7f : c == '\t' || c == '\n')
				out[o++] = (char)c;
			i++;
			continue;
		}
		len = utf8_seq(s + i, n - i, &cp);
		if (len == 0) {
			out[o++] = (char)0xef;
			out[o++] = (char)0xbf;
			out[o++] = (char)0xbd;
			i++;
			continue;
		}
		if (!(cp >= 0x80 && cp <= 0x9f) && cp != 0xfffe && cp != 0xffff)
			for (size_t k = 0; k < len; k++)
				out[o++] = (char)s[i + k];
		i += len;
	}
	out[o] = '\0';
	return out;
}
