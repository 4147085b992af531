/* json.h — a small strict JSON reader (RFC 8259) for platform responses.
 *
 * json_parse builds a read-only tree in memory owned by one json_doc; every
 * node and string handed out lives until json_free. Strings are decoded
 * (escapes and \uXXXX surrogate pairs turned into UTF-8) and NUL-terminated;
 * a string holding U+0000 is refused. Numbers keep their source text.
 * Input is bounded: at most JSON_MAX_DEPTH levels of nesting, and invalid
 * UTF-8, trailing garbage or a truncated document make the parse fail —
 * never a crash. No I/O, no globals. */
#ifndef CP_JSON_H
#define CP_JSON_H

#include <stddef.h>

#define JSON_MAX_DEPTH 64

enum json_type {
	JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING,
	JSON_ARRAY, JSON_OBJECT
};

struct json_doc;
struct json_node;

/* Returns 0 with *out set, or -1 (malformed, too deep, out of memory). */
int json_parse(const char *text, size_t len, struct json_doc **out);
void json_free(struct json_doc *doc);

const struct json_node *json_root(const struct json_doc *doc);
enum json_type json_type(const struct json_node *n);
/* Members of an array or object (0 for anything else or NULL). */
size_t json_count(const struct json_node *n);
/* The i-th element of an array or the i-th value of an object, or NULL. */
const struct json_node *json_at(const struct json_node *n, size_t i);
/* The i-th key of an object, or NULL. */
const char *json_key_at(const struct json_node *n, size_t i);
/* The value of key in an object (the last one when repeated), or NULL. */
const struct json_node *json_get(const struct json_node *obj, const char *key);
/* A string's decoded text, or a number's source text; NULL otherwise. */
const char *json_text(const struct json_node *n);
/* An integral number (or a string of decimal digits, as some platforms
 * send ids) into *out: 0, or -1 when n is not one or overflows. */
int json_int(const struct json_node *n, long long *out);
/* Follows a dotted path of object keys and array indexes, e.g.
 * "data.id", "error.code", "errors.0.message"; NULL when absent. */
const struct json_node *json_path(const struct json_node *n,
    const char *path);
/* json_text(json_path(n, path)), for brevity. */
const char *json_path_text(const struct json_node *n, const char *path);

#endif
