#include "image.h"

#include <string.h>

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

/* JPEG: marker segments up to the scan; keeps everything the image needs
 * and APP0 (JFIF), drops APP1–APP15 (EXIF, XMP, ICC, IPTC…) and COM. The
 * entropy-coded data from SOS to the end is copied as it is. */
static int
clean_jpeg(const unsigned char *in, size_t n, struct sbuf *out)
{
	size_t p = 2;
	sbuf_append(out, in, 2);
	while (p + 4 <= n) {
		if (in[p] != 0xff)
			return -1;
		unsigned char m = in[p + 1];
		if (m == 0xff) { /* fill byte */
			p++;
			continue;
		}
		if (m == 0xd8 || m == 0x01 || (m >= 0xd0 && m <= 0xd7)) {
			sbuf_append(out, in + p, 2);
			p += 2;
			continue;
		}
		if (m == 0xd9) /* EOI before any scan */
			return -1;
		unsigned len = be16(in + p + 2);
		if (len < 2 || p + 2 + len > n)
			return -1;
		int drop = (m >= 0xe1 && m <= 0xef) || m == 0xfe;
		if (m == 0xda) { /* start of scan: the rest is image data */
			sbuf_append(out, in + p, n - p);
			return out->failed ? -1 : 0;
		}
		if (!drop)
			sbuf_append(out, in + p, 2 + len);
		p += 2 + len;
	}
	return -1;
}

/* PNG: keeps the chunks that make the picture (IHDR, PLTE, IDAT, IEND and
 * colour/transparency/resolution information) and drops the rest: tEXt,
 * zTXt, iTXt, eXIf, tIME and anything unknown. */
static int
clean_png(const unsigned char *in, size_t n, struct sbuf *out)
{
	static const char *const keep[] = { "IHDR", "PLTE", "IDAT", "IEND",
	    "tRNS", "gAMA", "cHRM", "sRGB", "pHYs", "sBIT", "bKGD", NULL };
	size_t p = 8;
	int ihdr = 0;
	sbuf_append(out, in, 8);
	while (p + 12 <= n) {
		unsigned long len = be32(in + p);
		const unsigned char *type = in + p + 4;
		if (len > n - p - 12)
			return -1;
		int wanted = 0;
		for (const char *const *k = keep; *k; k++)
			if (memcmp(type, *k, 4) == 0)
				wanted = 1;
		if (p == 8 && memcmp(type, "IHDR", 4) != 0)
			return -1;
		ihdr |= memcmp(type, "IHDR", 4) == 0;
		if (wanted)
			sbuf_append(out, in + p, 12 + len);
		p += 12 + len;
		if (memcmp(type, "IEND", 4) == 0)
			return ihdr && !out->failed ? 0 : -1;
	}
	return -1;
}

enum image_type
image_clean(const unsigned char *in, size_t n, struct sbuf *out)
{
	static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	enum image_type t = IMAGE_NONE;
	int rc = -1;

	sbuf_init(out);
	if (n >= 4 && in[0] == 0xff && in[1] == 0xd8 && in[2] == 0xff) {
		t = IMAGE_JPEG;
		rc = clean_jpeg(in, n, out);
	} else if (n >= 8 && memcmp(in, png_sig, 8) == 0) {
		t = IMAGE_PNG;
		rc = clean_png(in, n, out);
	}
	if (rc < 0) {
		sbuf_free(out);
		return IMAGE_NONE;
	}
	return t;
}

const char *
image_mime(enum image_type t)
{
	return t == IMAGE_JPEG ? "image/jpeg" : t == IMAGE_PNG ? "image/png" :
	    "application/octet-stream";
}


int
image_size(const unsigned char *in, size_t n, int *w, int *h)
{
	static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	if (n >= 24 && memcmp(in, png_sig, 8) == 0 &&
	    memcmp(in + 12, "IHDR", 4) == 0) {
		unsigned long pw = (unsigned long)be16(in + 16) << 16 | be16(in + 18);
		unsigned long ph = (unsigned long)be16(in + 20) << 16 | be16(in + 22);
		if (pw == 0 || ph == 0 || pw > 1000000 || ph > 1000000)
			return -1;
		*w = (int)pw;
		*h = (int)ph;
		return 0;
	}
	if (n < 4 || in[0] != 0xff || in[1] != 0xd8)
		return -1;
	/* walk the marker segments up to the first frame header */
	for (size_t p = 2; p + 4 <= n;) {
		if (in[p] != 0xff)
			return -1;
		unsigned char m = in[p + 1];
		if (m == 0xff) {
			p++;
			continue;
		}
		if (m == 0xd8 || (m >= 0xd0 && m <= 0xd7) || m == 0x01) {
			p += 2;
			continue;
		}
		size_t len = be16(in + p + 2);
		if (len < 2 || p + 2 + len > n)
			return -1;
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc) {
			if (len < 7)
				return -1;
			*h = (int)be16(in + p + 5);
			*w = (int)be16(in + p + 7);
			return *w > 0 && *h > 0 ? 0 : -1;
		}
		if (m == 0xda || m == 0xd9)
			return -1;
		p += 2 + len;
	}
	return -1;
}
