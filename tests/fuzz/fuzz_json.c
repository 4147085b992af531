/* libFuzzer target for the JSON reader (make fuzz-json): any bytes either
 * fail to parse or give a tree whose every part can be walked — strings
 * valid UTF-8 without NUL inside their length, numbers well-formed, keys
 * found again by json_get and by json_path — under ASan and UBSan. The
 * input is copied into an exact-size buffer so that a read past its end
 * is caught. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/json.h"
#include "../../src/core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decoded text may hold any control character but NUL (escapes such as
 * \b or \u0001), so blank those before asking the project's own UTF-8
 * check, which refuses them. */
static void
check_text(const char *s)
{
	if (s == NULL)
		abort();
	size_t len = strlen(s);
	char *t = malloc(len + 1);
	if (t == NULL)
		return;
	for (size_t i = 0; i <= len; i++)
		t[i] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) &&
		    s[i] != '\0' ? ' ' : s[i];
	if (!utf8_valid_text(t, len))
		abort();
	free(t);
}

static void
walk(const struct json_node *n, const struct json_node *root, int depth)
{
	long long v;

	if (n == NULL || depth > JSON_MAX_DEPTH + 1)
		abort();
	switch (json_type(n)) {
	case JSON_STRING:
		check_text(json_text(n));
		(void)json_int(n, &v);
		break;
	case JSON_NUMBER: {
		const char *t = json_text(n);
		if (t == NULL || *t == '\0' || strspn(t, "-+.eE0123456789") !=
		    strlen(t))
			abort();
		(void)json_int(n, &v);
		break;
	}
	case JSON_ARRAY:
	case JSON_OBJECT:
		for (size_t i = 0; i < json_count(n); i++) {
			const struct json_node *c = json_at(n, i);
			walk(c, root, depth + 1);
			if (json_type(n) == JSON_OBJECT) {
				const char *k = json_key_at(n, i);
				check_text(k);
				const struct json_node *g = json_get(n, k);
				/* The last member with this key. */
				if (g == NULL)
					abort();
				for (size_t j = i + 1; j < json_count(n); j++)
					if (strcmp(json_key_at(n, j), k) == 0)
						c = json_at(n, j);
				if (g != c)
					abort();
				if (strchr(k, '.') == NULL && *k != '\0' &&
				    json_path(n, k) != g)
					abort();
			} else if (json_key_at(n, i) != NULL)
				abort();
		}
		if (json_at(n, json_count(n)) != NULL)
			abort();
		break;
	default:
		if (json_text(n) != NULL || json_count(n) != 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_doc *doc;
	char *copy = malloc(size ? size : 1);

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	if (json_parse(copy, size, &doc) == 0) {
		const struct json_node *r = json_root(doc);
		walk(r, r, 0);
		/* Paths made of the input's own bytes must not crash. */
		char path[64];
		size_t n = size < sizeof(path) - 1 ? size : sizeof(path) - 1;
		memcpy(path, data, n);
		path[n] = '\0';
		(void)json_path_text(r, path);
		json_free(doc);
	} else if (doc != NULL)
		abort();
	free(copy);
	return 0;
}
