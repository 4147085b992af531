/* Uploaded images: recognised by content, copied without metadata. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../src/core/image.h"

static int
contains(const struct sbuf *b, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, needle, n) == 0)
			return 1;
	return 0;
}

/* SOI, APP0 JFIF, APP1 Exif with a GPS note, COM, DQT, SOS + data, EOI */
static const unsigned char jpeg[] = {
	0xff, 0xd8,
	0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
	0xff, 0xe1, 0x00, 0x16, 'E', 'x', 'i', 'f', 0, 0, 'G', 'P', 'S', ' ', '3',
	'9', '.', '2', '9', 'N', ' ', '7', '6', 'W',
	0xff, 0xfe, 0x00, 0x0a, 'B', 'e', 'd', ' ', '4', ' ', 'R', 'J',
	0xff, 0xdb, 0x00, 0x04, 0x00, 0x01,
	0xff, 0xda, 0x00, 0x04, 0x01, 0x02, 0x11, 0x22, 0x33,
	0xff, 0xd9,
};

static void
jpeg_loses_exif_and_comments(void **state)
{
	struct sbuf out;
	(void)state;
	assert_int_equal(image_clean(jpeg, sizeof(jpeg), &out), IMAGE_JPEG);
	assert_false(contains(&out, "Exif"));
	assert_false(contains(&out, "GPS"));
	assert_false(contains(&out, "Bed 4"));
	assert_true(contains(&out, "JFIF"));
	assert_true(out.len < sizeof(jpeg));
	/* the scan data and the end marker survive */
	assert_memory_equal(out.data + out.len - 2, "\xff\xd9", 2);
	sbuf_free(&out);
}

static void
png_loses_text_chunks(void **state)
{
	unsigned char png[128];
	size_t n = 0;
	struct sbuf out;
	(void)state;
#define PUT(p, len) (memcpy(png + n, (p), (len)), n += (len))
	PUT("\x89PNG\r\n\x1a\n", 8);
	PUT("\x00\x00\x00\x0d" "IHDR" "\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00" "CRC!", 25);
	PUT("\x00\x00\x00\x0c" "tEXt" "Location\0Roo" "CRC!", 24);
	PUT("\x00\x00\x00\x02" "IDAT" "xx" "CRC!", 14);
	PUT("\x00\x00\x00\x00" "IEND" "CRC!", 12);
#undef PUT
	assert_int_equal(image_clean(png, n, &out), IMAGE_PNG);
	assert_false(contains(&out, "tEXt"));
	assert_false(contains(&out, "Location"));
	assert_true(contains(&out, "IDAT"));
	assert_int_equal(out.len, n - 24);
	sbuf_free(&out);
}

static void
other_bytes_are_not_images(void **state)
{
	struct sbuf out;
	static const unsigned char gif[] = "GIF89a....";
	static const unsigned char html[] = "<svg onload=alert(1)>";
	(void)state;
	assert_int_equal(image_clean(gif, sizeof(gif), &out), IMAGE_NONE);
	assert_int_equal(image_clean(html, sizeof(html), &out), IMAGE_NONE);
	/* truncated: a segment running past the end */
	assert_int_equal(image_clean(jpeg, 30, &out), IMAGE_NONE);
	assert_int_equal(out.len, 0);
	assert_int_equal(image_clean((const unsigned char *)"\x89PNG\r\n\x1a\n", 8,
	    &out), IMAGE_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(jpeg_loses_exif_and_comments),
		cmocka_unit_test(png_loses_text_chunks),
		cmocka_unit_test(other_bytes_are_not_images),
	};
	return cmocka_run_group_tests_name("image", tests, NULL, NULL);
}
