#include "rescue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../db/q.h"
#include "app.h"
#include "crypto.h"
#include "log.h"

/* The fields worth keeping: everything but the stale CSRF token. */
static char *
form_without_csrf(struct req *r)
{
	const char *s = r->raw_form ? r->raw_form : "";
	size_t n = strlen(s);
	char *out = arena_alloc(&r->arena, n + 1);
	size_t o = 0;
	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && s[e] != '&')
			e++;
		if (!(e - i >= 5 && strncmp(s + i, "csrf=", 5) == 0)) {
			if (o > 0)
				out[o++] = '&';
			memcpy(out + o, s + i, e - i);
			o += e - i;
		}
		i = e + 1;
	}
	out[o] = '\0';
	return out;
}

const char *
rescue_keep(struct req *r)
{
	unsigned char raw[32], hash[CRYPTO_HASH_LEN];
	char hex[65];
	char *form = form_without_csrf(r);

	if (form == NULL || crypto_random(raw, sizeof(raw)) < 0)
		return NULL;
	hex_encode(raw, sizeof(raw), hex);
	crypto_sha256(raw, sizeof(raw), hash);
	if (q_rescue_insert(r->app->db, hash, r->sess.expired_user_id, r->path,
	    form) < 0)
		return NULL;
	const char *cookie = arena_printf(&r->arena, RESCUE_COOKIE "=%s; Path=/; "
	    "HttpOnly;%s SameSite=Strict; Max-Age=86400", hex,
	    r->app->cfg.cookie_secure ? " Secure;" : "");
	if (cookie == NULL || req_add_cookie(r, cookie) < 0)
		return NULL;
	log_info("draft kept after session end user_id=%lld",
	    r->sess.expired_user_id);
	/* path is a route path: digits, letters and '/' only */
	return arena_printf(&r->arena, "/login?next=%s&rescued=1", r->path);
}

int
rescue_take(struct req *r)
{
	const char *token = req_cookie(r, RESCUE_COOKIE);
	unsigned char raw[32], hash[CRYPTO_HASH_LEN];
	char *form = NULL;
	int rc;

	if (token == NULL || strlen(token) != 64 ||
	    hex_decode(token, 64, raw, sizeof(raw)) < 0)
		return 0;
	crypto_sha256(raw, sizeof(raw), hash);
	rc = q_rescue_take(r->app->db, hash, r->sess.user_id, r->path, &form);
	if (rc <= 0)
		return rc;
	const char *clear = arena_printf(&r->arena, RESCUE_COOKIE "=; Path=/; "
	    "HttpOnly;%s SameSite=Strict; Max-Age=0",
	    r->app->cfg.cookie_secure ? " Secure;" : "");
	if (clear != NULL)
		req_add_cookie(r, clear);
	char *copy = arena_strdup(&r->arena, form);
	free(form);
	if (copy == NULL)
		return -1;
	struct kv *fields;
	size_t n;
	if (req_parse_urlencoded(&r->arena, copy, strlen(copy),
	    r->app->cfg.field_count_limit, r->app->cfg.field_limit, &fields,
	    &n) != REQ_OK)
		return 0;
	r->form = fields;
	r->nform = n;
	return 1;
}
