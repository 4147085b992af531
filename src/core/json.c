/* json.c — a strict RFC 8259 reader (see json.h).
 *
 * Recursive descent over a byte span that need not be NUL-terminated.
 * Every node, member table and string lives in one arena owned by the
 * json_doc, so json_free releases a document in one sweep and a failed
 * parse leaves nothing behind. Recursion is bounded by JSON_MAX_DEPTH. */
#include "json.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct json_node {
	enum json_type type;
	size_t count;                      /* members of an array/object */
	const char *text;                  /* string (decoded) or number */
	const char *key;                   /* set when a member of an object */
	const struct json_node **members;  /* count entries */
	struct json_node *next;            /* sibling, while building */
};

struct json_doc {
	struct arena arena;
	const struct json_node *root;
};

struct parser {
	const unsigned char *p;
	const unsigned char *end;
	struct arena *arena;
};

static struct json_node *parse_value(struct parser *ps, int depth);

static void
skip_blanks(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
	    *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static struct json_node *
new_node(struct parser *ps, enum json_type type)
{
	struct json_node *n = arena_alloc(ps->arena, sizeof(*n));
	if (n != NULL)
		n->type = type;
	return n;
}

/* Length of the well-formed UTF-8 sequence at s (at most n bytes long):
 * 1..4, or 0 when it is malformed (overlong, surrogate, above U+10FFFF,
 * truncated). Only called for bytes >= 0x80. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t cp;

	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

static int
hex4(const unsigned char *s, uint32_t *out)
{
	uint32_t v = 0;
	for (int i = 0; i < 4; i++) {
		int d = hex_value((char)s[i]);
		if (d < 0)
			return -1;
		v = (v << 4) | (uint32_t)d;
	}
	*out = v;
	return 0;
}

static size_t
put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Decodes the \u escape whose four hex digits start at *pp (and the low
 * half that must follow a high surrogate) into o; advances *pp past it.
 * Returns the bytes written, or 0 for a bad escape, a lone surrogate or
 * U+0000. */
static size_t
decode_u(const unsigned char **pp, const unsigned char *end, char *o)
{
	const unsigned char *s = *pp;
	uint32_t cp, lo;

	if (end - s < 4 || hex4(s, &cp) < 0)
		return 0;
	s += 4;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return 0;
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (end - s < 6 || s[0] != '\\' || s[1] != 'u' ||
		    hex4(s + 2, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff)
			return 0;
		s += 6;
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (cp == 0)
		return 0;
	*pp = s;
	return put_utf8(o, cp);
}

/* A string whose opening quote is at ps->p; returns its decoded,
 * NUL-terminated text in the arena, or NULL. The decoded form is never
 * longer than the source, which sizes the buffer. */
static char *
parse_string(struct parser *ps)
{
	const unsigned char *s = ps->p + 1, *q = s;
	char *out, *o;

	while (q < ps->end && *q != '"') {
		if (*q == '\\' && ps->end - q < 2)
			return NULL;
		q += *q == '\\' ? 2 : 1;
	}
	if (q >= ps->end)
		return NULL;
	if ((out = arena_alloc(ps->arena, (size_t)(q - s) + 1)) == NULL)
		return NULL;
	o = out;
	while (s < q) {
		unsigned char c = *s;
		if (c < 0x20)
			return NULL;
		if (c >= 0x80) {
			size_t n = utf8_seq(s, (size_t)(q - s));
			if (n == 0)
				return NULL;
			memcpy(o, s, n);
			o += n;
			s += n;
			continue;
		}
		if (c != '\\') {
			*o++ = (char)c;
			s++;
			continue;
		}
		s++;
		switch (*s++) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			size_t n = decode_u(&s, q, o);
			if (n == 0)
				return NULL;
			o += n;
			break;
		}
		default:
			return NULL;
		}
	}
	*o = '\0';
	ps->p = q + 1;
	return out;
}

static int
is_digit(const struct parser *ps)
{
	return ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9';
}

static struct json_node *
parse_number(struct parser *ps)
{
	const unsigned char *start = ps->p;
	struct json_node *n;

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (!is_digit(ps))
		return NULL;
	if (*ps->p == '0')
		ps->p++;
	else
		while (is_digit(ps))
			ps->p++;
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (!is_digit(ps))
			return NULL;
		while (is_digit(ps))
			ps->p++;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (!is_digit(ps))
			return NULL;
		while (is_digit(ps))
			ps->p++;
	}
	if ((n = new_node(ps, JSON_NUMBER)) == NULL)
		return NULL;
	n->text = arena_strndup(ps->arena, (const char *)start,
	    (size_t)(ps->p - start));
	return n->text != NULL ? n : NULL;
}

static struct json_node *
parse_literal(struct parser *ps, const char *word, enum json_type type)
{
	size_t len = strlen(word);
	if ((size_t)(ps->end - ps->p) < len || memcmp(ps->p, word, len) != 0)
		return NULL;
	ps->p += len;
	return new_node(ps, type);
}

/* Moves the sibling list of n into its members table. */
static int
seal(struct parser *ps, struct json_node *n, struct json_node *first)
{
	if (n->count == 0)
		return 0;
	if (n->count > SIZE_MAX / sizeof(*n->members))
		return -1;
	n->members = arena_alloc(ps->arena, n->count * sizeof(*n->members));
	if (n->members == NULL)
		return -1;
	for (size_t i = 0; first != NULL; first = first->next)
		n->members[i++] = first;
	return 0;
}

/* An array or object whose opening bracket is at ps->p, at nesting level
 * depth (1 for the outermost container). */
static struct json_node *
parse_container(struct parser *ps, int depth, int is_object)
{
	unsigned char close = is_object ? '}' : ']';
	struct json_node *n, *first = NULL, *last = NULL;

	if (depth > JSON_MAX_DEPTH)
		return NULL;
	if ((n = new_node(ps, is_object ? JSON_OBJECT : JSON_ARRAY)) == NULL)
		return NULL;
	ps->p++;
	skip_blanks(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return n;
	}
	for (;;) {
		const char *key = NULL;
		struct json_node *v;

		skip_blanks(ps);
		if (is_object) {
			if (ps->p >= ps->end || *ps->p != '"' ||
			    (key = parse_string(ps)) == NULL)
				return NULL;
			skip_blanks(ps);
			if (ps->p >= ps->end || *ps->p != ':')
				return NULL;
			ps->p++;
		}
		if ((v = parse_value(ps, depth)) == NULL)
			return NULL;
		v->key = key;
		if (last != NULL)
			last->next = v;
		else
			first = v;
		last = v;
		n->count++;
		skip_blanks(ps);
		if (ps->p >= ps->end)
			return NULL;
		if (*ps->p == ',') {
			ps->p++;
			continue;
		}
		if (*ps->p != close)
			return NULL;
		ps->p++;
		break;
	}
	return seal(ps, n, first) == 0 ? n : NULL;
}

/* One value after optional blanks; depth counts the containers around
 * it. */
static struct json_node *
parse_value(struct parser *ps, int depth)
{
	struct json_node *n;

	skip_blanks(ps);
	if (ps->p >= ps->end)
		return NULL;
	switch (*ps->p) {
	case '{':
		return parse_container(ps, depth + 1, 1);
	case '[':
		return parse_container(ps, depth + 1, 0);
	case '"':
		if ((n = new_node(ps, JSON_STRING)) == NULL)
			return NULL;
		n->text = parse_string(ps);
		return n->text != NULL ? n : NULL;
	case 't':
		return parse_literal(ps, "true", JSON_TRUE);
	case 'f':
		return parse_literal(ps, "false", JSON_FALSE);
	case 'n':
		return parse_literal(ps, "null", JSON_NULL);
	default:
		return parse_number(ps);
	}
}

int
json_parse(const char *text, size_t len, struct json_doc **out)
{
	struct arena arena = { NULL };
	struct json_doc *doc;
	struct parser ps;
	const struct json_node *root;

	*out = NULL;
	if (text == NULL)
		return -1;
	ps.p = (const unsigned char *)text;
	ps.end = ps.p + len;
	ps.arena = &arena;
	if ((doc = arena_alloc(&arena, sizeof(*doc))) == NULL)
		goto fail;
	if ((root = parse_value(&ps, 0)) == NULL)
		goto fail;
	skip_blanks(&ps);
	if (ps.p != ps.end)
		goto fail;
	doc->root = root;
	/* The document lives inside its own arena: the arena's head is
	 * final now, so copying it in hands the whole arena to the doc. */
	doc->arena = arena;
	*out = doc;
	return 0;
fail:
	arena_reset(&arena);
	return -1;
}

void
json_free(struct json_doc *doc)
{
	if (doc == NULL)
		return;
	struct arena arena = doc->arena;
	arena_reset(&arena);
}

const struct json_node *
json_root(const struct json_doc *doc)
{
	return doc != NULL ? doc->root : NULL;
}

enum json_type
json_type(const struct json_node *n)
{
	return n != NULL ? n->type : JSON_NULL;
}

size_t
json_count(const struct json_node *n)
{
	if (n == NULL || (n->type != JSON_ARRAY && n->type != JSON_OBJECT))
		return 0;
	return n->count;
}

const struct json_node *
json_at(const struct json_node *n, size_t i)
{
	return i < json_count(n) ? n->members[i] : NULL;
}

const char *
json_key_at(const struct json_node *n, size_t i)
{
	if (n == NULL || n->type != JSON_OBJECT || i >= n->count)
		return NULL;
	return n->members[i]->key;
}

/* The last member of obj whose key is key[0..len) (keys never hold NUL,
 * so a length match and memcmp decide). */
static const struct json_node *
get_n(const struct json_node *obj, const char *key, size_t len)
{
	if (obj == NULL || obj->type != JSON_OBJECT)
		return NULL;
	for (size_t i = obj->count; i-- > 0;) {
		const char *k = obj->members[i]->key;
		if (strncmp(k, key, len) == 0 && k[len] == '\0')
			return obj->members[i];
	}
	return NULL;
}

const struct json_node *
json_get(const struct json_node *obj, const char *key)
{
	if (key == NULL)
		return NULL;
	return get_n(obj, key, strlen(key));
}

const char *
json_text(const struct json_node *n)
{
	if (n == NULL || (n->type != JSON_STRING && n->type != JSON_NUMBER))
		return NULL;
	return n->text;
}

/* Decimal digits s[0..) up to the NUL into *out (negated when neg), or
 * -1 on an empty string, another character or overflow. */
static int
digits_to_ll(const char *s, int neg, long long *out)
{
	unsigned long long v = 0;
	unsigned long long limit = neg ? (unsigned long long)LLONG_MAX + 1 :
	    (unsigned long long)LLONG_MAX;

	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		unsigned d = (unsigned)(*s - '0');
		if (v > (limit - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	if (neg)
		*out = v == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN :
		    -(long long)v;
	else
		*out = (long long)v;
	return 0;
}

int
json_int(const struct json_node *n, long long *out)
{
	if (n == NULL)
		return -1;
	if (n->type == JSON_NUMBER) {
		/* Integral means no fraction or exponent in the source. */
		const char *s = n->text;
		int neg = *s == '-';
		return digits_to_ll(s + neg, neg, out);
	}
	if (n->type == JSON_STRING)
		return digits_to_ll(n->text, 0, out);
	return -1;
}

const struct json_node *
json_path(const struct json_node *n, const char *path)
{
	if (path == NULL || n == NULL)
		return NULL;
	if (*path == '\0')
		return n;
	for (;;) {
		const char *dot = strchr(path, '.');
		size_t len = dot != NULL ? (size_t)(dot - path) : strlen(path);

		if (n->type == JSON_OBJECT)
			n = get_n(n, path, len);
		else if (n->type == JSON_ARRAY) {
			size_t i = 0;
			/* An index is decimal without leading zeros. */
			if (len == 0 || (len > 1 && path[0] == '0'))
				return NULL;
			for (size_t k = 0; k < len; k++) {
				if (path[k] < '0' || path[k] > '9' ||
				    i > (SIZE_MAX - 9) / 10)
					return NULL;
				i = i * 10 + (size_t)(path[k] - '0');
			}
			n = json_at(n, i);
		} else
			return NULL;
		if (n == NULL || dot == NULL)
			return n;
		path = dot + 1;
	}
}

const char *
json_path_text(const struct json_node *n, const char *path)
{
	return json_text(json_path(n, path));
}
