#include "request.h"

#include <ClearSilver.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Decodes s[0..n) into dst (room for n+1). Returns the length or -1. */
static long
percent_decode(const char *s, size_t n, char *dst)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '+') {
			dst[o++] = ' ';
		} else if (c == '%') {
			if (i + 2 >= n)
				return -1;
			int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			dst[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			dst[o++] = c;
		}
	}
	dst[o] = '\0';
	return (long)o;
}

int
req_parse_urlencoded(struct arena *a, const char *s, size_t n,
    size_t max_fields, size_t max_value, struct kv **out, size_t *nout)
{
	size_t count = 0, cap = 0;
	struct kv *fields = NULL;

	*out = NULL;
	*nout = 0;
	size_t i = 0;
	while (i < n) {
		size_t start = i;
		while (i < n && s[i] != '&')
			i++;
		size_t end = i;
		i++; /* past '&' */
		if (end == start)
			continue; /* "a=1&&b=2" tolerated */
		if (count == max_fields)
			return REQ_TOO_MANY;
		const char *eq = memchr(s + start, '=', end - start);
		size_t klen = eq ? (size_t)(eq - (s + start)) : end - start;
		size_t vlen = eq ? (size_t)(s + end - eq - 1) : 0;
		if (klen == 0)
			return REQ_MALFORMED;
		if (vlen > 3 * max_value || klen > 3 * 128)
			return REQ_TOO_LONG;
		char *key = arena_alloc(a, klen + 1);
		char *val = arena_alloc(a, vlen + 1);
		if (key == NULL || val == NULL)
			return REQ_NOMEM;
		long kd = percent_decode(s + start, klen, key);
		long vd = eq ? percent_decode(eq + 1, vlen, val) : 0;
		if (kd < 0 || vd < 0)
			return REQ_MALFORMED;
		if ((size_t)vd > max_value || kd > 128)
			return REQ_TOO_LONG;
		if (!utf8_valid_text(key, (size_t)kd) ||
		    !utf8_valid_text(val, (size_t)vd))
			return REQ_MALFORMED;
		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct kv *nf = arena_alloc(a, ncap * sizeof(*nf));
			if (nf == NULL)
				return REQ_NOMEM;
			if (count)
				memcpy(nf, fields, count * sizeof(*nf));
			fields = nf;
			cap = ncap;
		}
		fields[count].key = key;
		fields[count].value = val;
		fields[count].value_len = (size_t)vd;
		count++;
	}
	*out = fields;
	*nout = count;
	return REQ_OK;
}

static const char *
find(const char *h, size_t hn, const char *needle, size_t nn)
{
	if (nn == 0 || hn < nn)
		return NULL;
	for (size_t i = 0; i + nn <= hn; i++)
		if (h[i] == needle[0] && memcmp(h + i, needle, nn) == 0)
			return h + i;
	return NULL;
}

/* The value of name="..." in a Content-Disposition line, or NULL. */
static char *
disposition_param(struct arena *a, const char *line, size_t n,
    const char *param)
{
	size_t pl = strlen(param);
	for (size_t i = 0; i + pl + 2 < n; i++) {
		if ((i == 0 || line[i - 1] == ' ' || line[i - 1] == ';') &&
		    strncasecmp(line + i, param, pl) == 0 && line[i + pl] == '=' &&
		    line[i + pl + 1] == '"') {
			const char *v = line + i + pl + 2;
			const char *e = memchr(v, '"', n - (size_t)(v - line));
			return e ? arena_strndup(a, v, (size_t)(e - v)) : NULL;
		}
	}
	return NULL;
}

const char *
req_multipart_boundary(struct arena *a, const char *ctype)
{
	const char *b;
	size_t n;
	if (ctype == NULL || strncasecmp(ctype, "multipart/form-data", 19) != 0)
		return NULL;
	b = strstr(ctype, "boundary=");
	if (b == NULL)
		return NULL;
	b += 9;
	if (*b == '"') {
		b++;
		n = strcspn(b, "\"");
	} else {
		n = strcspn(b, "; ");
	}
	if (n == 0 || n > 70)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)b[i] < 0x21 || (unsigned char)b[i] > 0x7e)
			return NULL;
	return arena_strndup(a, b, n);
}

int
req_parse_multipart(struct arena *a, const char *body, size_t n,
    const char *boundary, size_t max_fields, size_t max_value,
    size_t max_files, size_t max_file, struct kv **form, size_t *nform,
    struct upload **up, size_t *nup)
{
	char delim[80];
	size_t dl = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	struct kv *fields = arena_alloc(a, (max_fields + 1) * sizeof(*fields));
	struct upload *files = arena_alloc(a, (max_files + 1) * sizeof(*files));
	size_t nf = 0, nu = 0;

	*form = NULL;
	*nform = 0;
	*up = NULL;
	*nup = 0;
	if (fields == NULL || files == NULL)
		return REQ_NOMEM;
	/* The body starts with the delimiter (without its leading CRLF). */
	if (n < dl - 2 || memcmp(body, delim + 2, dl - 2) != 0)
		return REQ_MALFORMED;
	size_t p = dl - 2;
	for (;;) {
		if (n - p >= 2 && body[p] == '-' && body[p + 1] == '-')
			break; /* closing delimiter */
		if (n - p < 2 || body[p] != '\r' || body[p + 1] != '\n')
			return REQ_MALFORMED;
		p += 2;
		const char *hend = find(body + p, n - p > 2048 ? 2048 : n - p,
		    "\r\n\r\n", 4);
		if (hend == NULL)
			return REQ_MALFORMED;
		size_t hlen = (size_t)(hend - (body + p));
		char *name = NULL, *filename = NULL;
		for (size_t q = p; q < p + hlen;) {
			const char *le = find(body + q, p + hlen - q, "\r\n", 2);
			size_t ll = le ? (size_t)(le - (body + q)) : p + hlen - q;
			if (ll > 20 && strncasecmp(body + q, "Content-Disposition:",
			    20) == 0) {
				name = disposition_param(a, body + q, ll, "name");
				filename = disposition_param(a, body + q, ll,
				    "filename");
			}
			q += ll + 2;
		}
		p += hlen + 4;
		const char *end = find(body + p, n - p, delim, dl);
		if (end == NULL)
			return REQ_MALFORMED;
		size_t len = (size_t)(end - (body + p));
		if (name == NULL || name[0] == '\0' ||
		    !utf8_valid_text(name, strlen(name)))
			return REQ_MALFORMED;
		if (filename != NULL) {
			if (len > max_file)
				return REQ_TOO_LONG;
			if (len > 0) {
				if (nu == max_files)
					return REQ_TOO_MANY;
				unsigned char *copy = arena_alloc(a, len + 1);
				if (copy == NULL)
					return REQ_NOMEM;
				memcpy(copy, body + p, len);
				files[nu].field = name;
				files[nu].data = copy;
				files[nu].len = len;
				nu++;
			}
		} else {
			if (nf == max_fields)
				return REQ_TOO_MANY;
			if (len > max_value)
				return REQ_TOO_LONG;
			if (!utf8_valid_text(body + p, len))
				return REQ_MALFORMED;
			fields[nf].key = name;
			fields[nf].value = arena_strndup(a, body + p, len);
			fields[nf].value_len = len;
			if (fields[nf].value == NULL)
				return REQ_NOMEM;
			nf++;
		}
		p = (size_t)(end - body) + dl;
	}
	*form = fields;
	*nform = nf;
	*up = files;
	*nup = nu;
	return REQ_OK;
}

int
req_parse_cookies(struct arena *a, const char *header, struct kv **out,
    size_t *nout)
{
	enum { MAX_COOKIES = 64 };
	struct kv *list;
	size_t count = 0;

	*out = NULL;
	*nout = 0;
	if (header == NULL)
		return REQ_OK;
	list = arena_alloc(a, MAX_COOKIES * sizeof(*list));
	if (list == NULL)
		return REQ_NOMEM;
	const char *p = header;
	while (*p && count < MAX_COOKIES) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *start = p;
		while (*p && *p != ';')
			p++;
		const char *end = p;
		while (end > start && end[-1] == ' ')
			end--;
		const char *eq = memchr(start, '=', (size_t)(end - start));
		if (eq == NULL || eq == start)
			continue;
		const char *v = eq + 1;
		size_t vlen = (size_t)(end - v);
		if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
			v++;
			vlen -= 2;
		}
		list[count].key = arena_strndup(a, start, (size_t)(eq - start));
		list[count].value = arena_strndup(a, v, vlen);
		list[count].value_len = vlen;
		if (list[count].key == NULL || list[count].value == NULL)
			return REQ_NOMEM;
		count++;
	}
	*out = list;
	*nout = count;
	return REQ_OK;
}

const char *
req_kv_get(const struct kv *kv, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(kv[i].key, key) == 0)
			return kv[i].value;
	return NULL;
}

const char *
req_query(const struct req *r, const char *key)
{
	return req_kv_get(r->query, r->nquery, key);
}

const char *
req_form(const struct req *r, const char *key)
{
	return req_kv_get(r->form, r->nform, key);
}

const char *
req_cookie(const struct req *r, const char *key)
{
	return req_kv_get(r->cookies, r->ncookies, key);
}

int
req_add_cookie(struct req *r, const char *header_value)
{
	if (r->nset_cookie == REQ_MAX_COOKIES)
		return -1;
	r->set_cookie[r->nset_cookie++] = header_value;
	return 0;
}

void
req_reset(struct req *r)
{
	struct app *app = r->app;
	const struct req_io *io = r->io;
	if (r->hdf != NULL)
		hdf_destroy(&r->hdf);
	arena_reset(&r->arena);
	memset(r, 0, sizeof(*r));
	r->app = app;
	r->io = io;
}
