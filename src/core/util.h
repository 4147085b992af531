/* util.h — small memory helpers shared by every program.
 *
 * arena: per-request allocations hang off one arena that is reset once per
 * loop turn, so a handler never frees what it allocates from it.
 * sbuf: a growable byte buffer for building output. */
#ifndef CP_UTIL_H
#define CP_UTIL_H

#include <stddef.h>
#include <stdarg.h>

struct arena_chunk;
struct arena {
	struct arena_chunk *head;
};

/* Returns zeroed memory owned by the arena, or NULL when out of memory. */
void *arena_alloc(struct arena *a, size_t n);
/* Copies n bytes and adds a NUL; owned by the arena. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A copy of s without surrounding blanks (space, tab, CR, LF); "" for
 * NULL; NULL when out of memory. Owned by the arena. */
char *arena_trim(struct arena *a, const char *s);
/* Frees everything the arena handed out; the arena stays usable. */
void arena_reset(struct arena *a);

struct sbuf {
	char *data;
	size_t len;
	size_t cap;
	int failed; /* set once an allocation failed; later appends are no-ops */
};

void sbuf_init(struct sbuf *b);
void sbuf_append(struct sbuf *b, const void *p, size_t n);
void sbuf_puts(struct sbuf *b, const char *s);
void sbuf_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sbuf_free(struct sbuf *b);

/* Appends s as a JSON string literal (quotes, escapes, control characters
 * as \\u00XX). The input must be valid UTF-8. */
void sbuf_json_string(struct sbuf *b, const char *s);

/* Writes 2*n lowercase hex digits and a NUL into out (size >= 2n+1). */
void hex_encode(const unsigned char *in, size_t n, char *out);
/* The value of one hex digit, or -1. */
int hex_value(char c);
/* Decodes exactly 2*n hex digits; returns 0, or -1 on a bad digit/length. */
int hex_decode(const char *in, size_t inlen, unsigned char *out, size_t n);

/* Standard base64 with padding (RFC 4648 section 4). encode appends to b;
 * decode writes at most outsz bytes into out and returns the length, or
 * -1 on a malformed input or a short buffer. decode is strict: padding
 * is required, whitespace and characters outside the alphabet are
 * refused, and so are non-zero leftover bits ("Zh==" for "f" is refused),
 * so each byte string has exactly one accepted encoding. */
void base64_encode(struct sbuf *b, const void *in, size_t n);
long base64_decode(const char *in, size_t n, unsigned char *out,
    size_t outsz);

/* The number of characters (code points) of a UTF-8 string. */
size_t utf8_count(const char *s);

/* Returns 1 when s[0..n) is well-formed UTF-8 without NULs or C0 controls
 * other than tab, CR and LF. */
int utf8_valid_text(const char *s, size_t n);

/* Parses a non-negative decimal integer that fills the whole string;
 * returns 0 or -1. */
int parse_id(const char *s, long long *out);

#endif
