#include "rescue.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../db/q.h"
#include "app.h"
#include "crypto.h"
#include "log.h"

/* The fields worth keeping, urlencoded again: everything but the stale
 * CSRF token (uploaded files are not kept). */
static char *
form_without_csrf(struct req *r)
{
	struct sbuf b;
	char *out = NULL;
	sbuf_init(&b);
	for (size_t i = 0; i < r->nform; i++) {
		if (strcmp(r->form[i].key, "csrf") == 0)
			continue;
		if (b.len > 0)
			sbuf_puts(&b, "&");
		for (int part = 0; part < 2; part++) {
			const char *s = part ? r->form[i].value : r->form[i].key;
			size_t n = part ? r->form[i].value_len : strlen(s);
			if (part)
				sbuf_puts(&b, "=");
			for (size_t k = 0; k < n; k++) {
				unsigned char c = (unsigned char)s[k];
				if (isalnum(c) || c == '-' || c == '_' || c == '.')
					sbuf_append(&b, &s[k], 1);
				else
					sbuf_printf(&b, "%%%02X", c);
			}
		}
	}
	if (!b.failed)
		out = arena_strdup(&r->arena, b.data ? b.data : "");
	sbuf_free(&b);
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
