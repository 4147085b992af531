#include "session.h"

#include <stdio.h>
#include <string.h>

#include "../db/q.h"
#include "app.h"
#include "crypto.h"
#include "log.h"
#include "settings.h"

static const char *
cookie_header(struct req *r, const char *name, const char *value, int clear)
{
	return arena_printf(&r->arena, "%s=%s; Path=/; HttpOnly;%s "
	    "SameSite=Strict%s", name, value,
	    r->app->cfg.cookie_secure ? " Secure;" : "",
	    clear ? "; Max-Age=0" : "");
}

static int
token_hash(const char *hex, unsigned char hash[CRYPTO_HASH_LEN])
{
	unsigned char raw[32];
	if (hex == NULL || hex_decode(hex, strlen(hex), raw, sizeof(raw)) < 0)
		return -1;
	crypto_sha256(raw, sizeof(raw), hash);
	return 0;
}

void
csrf_compute(const unsigned char key[32], char kind, const char *binding,
    char out[65])
{
	unsigned char mac[CRYPTO_HASH_LEN];
	char msg[80];
	int n = snprintf(msg, sizeof(msg), "%c:%s", kind, binding);
	crypto_hmac_sha256(key, 32, msg, (size_t)(n > 0 ? n : 0), mac);
	hex_encode(mac, sizeof(mac), out);
}

int
csrf_valid(const unsigned char key[32], char kind, const char *binding,
    const char *submitted)
{
	char want[65];
	if (binding == NULL || submitted == NULL || strlen(binding) != 64 ||
	    strlen(submitted) != 64)
		return 0;
	csrf_compute(key, kind, binding, want);
	return crypto_equal(want, submitted, 64);
}

static void
clear_session_cookie(struct req *r)
{
	const char *h = cookie_header(r, SESSION_COOKIE, "", 1);
	if (h != NULL)
		req_add_cookie(r, h);
}

int
sess_load(struct req *r)
{
	unsigned char hash[CRYPTO_HASH_LEN];
	struct q_session row;
	const char *cookie = req_cookie(r, SESSION_COOKIE);
	const struct config *cfg = &r->app->cfg;

	memset(&r->sess, 0, sizeof(r->sess));
	if (cookie == NULL || *cookie == '\0')
		return 0;
	if (token_hash(cookie, hash) < 0) {
		r->sess.expired = 1;
		clear_session_cookie(r);
		return 0;
	}
	int found = q_session_find(r->app->db, hash, &row);
	if (found < 0)
		return -1;
	if (found == 0) {
		r->sess.expired = 1;
		clear_session_cookie(r);
		return 0;
	}
	if (!row.active || row.idle_seconds > settings_idle_seconds(r->app) ||
	    row.age_seconds > cfg->absolute_seconds) {
		if (q_session_delete(r->app->db, hash) < 0)
			return -1;
		log_info("session expired user_id=%lld", row.user_id);
		r->sess.expired = 1;
		r->sess.expired_user_id = row.user_id;
		clear_session_cookie(r);
		return 0;
	}
	if (q_session_touch(r->app->db, hash) < 0)
		return -1;
	r->sess.valid = 1;
	r->sess.user_id = row.user_id;
	r->sess.username = arena_strdup(&r->arena, row.username);
	r->sess.roles = roles_from_names(row.roles);
	r->sess.must_change_password = strcmp(row.password_state,
	    "chosen") != 0;
	r->sess.unread = row.unread;
	r->sess.waiting = row.waiting;
	snprintf(r->sess.token_hex, sizeof(r->sess.token_hex), "%s", cookie);
	csrf_compute(r->app->csrf_key, 's', cookie, r->sess.csrf);
	return r->sess.username ? 0 : -1;
}

int
sess_create(struct req *r, long long user_id, const char *username,
    unsigned roles, int must_change_password)
{
	unsigned char raw[32], hash[CRYPTO_HASH_LEN];
	char hex[65];

	if (crypto_random(raw, sizeof(raw)) < 0)
		return -1;
	hex_encode(raw, sizeof(raw), hex);
	crypto_sha256(raw, sizeof(raw), hash);
	if (q_session_insert(r->app->db, hash, user_id, r->remote_addr,
	    r->user_agent ? r->user_agent : "") < 0)
		return -1;
	const char *h = cookie_header(r, SESSION_COOKIE, hex, 0);
	if (h == NULL || req_add_cookie(r, h) < 0)
		return -1;
	r->sess.valid = 1;
	r->sess.user_id = user_id;
	r->sess.username = arena_strdup(&r->arena, username);
	r->sess.roles = roles;
	r->sess.must_change_password = must_change_password;
	memcpy(r->sess.token_hex, hex, sizeof(hex));
	csrf_compute(r->app->csrf_key, 's', hex, r->sess.csrf);
	return 0;
}

int
sess_destroy(struct req *r)
{
	unsigned char hash[CRYPTO_HASH_LEN];
	if (r->sess.valid && token_hash(r->sess.token_hex, hash) == 0 &&
	    q_session_delete(r->app->db, hash) < 0)
		return -1;
	clear_session_cookie(r);
	memset(&r->sess, 0, sizeof(r->sess));
	return 0;
}

int
sess_end_others(struct req *r)
{
	unsigned char hash[CRYPTO_HASH_LEN];
	if (!r->sess.valid || token_hash(r->sess.token_hex, hash) < 0)
		return -1;
	return q_session_delete_others(r->app->db, r->sess.user_id, hash);
}

const char *
csrf_pre_token(struct req *r)
{
	const char *pre = req_cookie(r, PRESESSION_COOKIE);
	unsigned char raw[32];
	char *token;

	if (pre == NULL || strlen(pre) != 64 ||
	    hex_decode(pre, 64, raw, sizeof(raw)) < 0) {
		char *hex = arena_alloc(&r->arena, 65);
		if (hex == NULL || crypto_random(raw, sizeof(raw)) < 0)
			return NULL;
		hex_encode(raw, sizeof(raw), hex);
		const char *h = cookie_header(r, PRESESSION_COOKIE, hex, 0);
		if (h == NULL || req_add_cookie(r, h) < 0)
			return NULL;
		pre = hex;
	}
	token = arena_alloc(&r->arena, 65);
	if (token == NULL)
		return NULL;
	csrf_compute(r->app->csrf_key, 'p', pre, token);
	return token;
}

const char *
role_name(int role)
{
	switch (role) {
	case ROLE_AUTHOR:
		return "author";
	case ROLE_REVIEWER:
		return "reviewer";
	case ROLE_ADMIN:
		return "admin";
	default:
		return "none";
	}
}

int
role_from_name(const char *name)
{
	if (name == NULL)
		return 0;
	if (strcmp(name, "author") == 0)
		return ROLE_AUTHOR;
	if (strcmp(name, "reviewer") == 0)
		return ROLE_REVIEWER;
	if (strcmp(name, "admin") == 0)
		return ROLE_ADMIN;
	return 0;
}

unsigned
roles_from_names(const char *names)
{
	unsigned roles = 0;
	char one[16];

	if (names == NULL || *names == '\0')
		return 0;
	for (const char *p = names;;) {
		size_t len = strcspn(p, ",");
		if (len == 0 || len >= sizeof(one))
			return 0;
		memcpy(one, p, len);
		one[len] = '\0';
		int bit = role_from_name(one);
		if (bit == 0)
			return 0;
		roles |= (unsigned)bit;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	return roles;
}

const char *
roles_names(unsigned roles, const char *sep, char *buf, size_t n)
{
	static const int order[] = { ROLE_AUTHOR, ROLE_REVIEWER, ROLE_ADMIN };
	size_t used = 0;

	if (n == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!(roles & (unsigned)order[i]))
			continue;
		int w = snprintf(buf + used, n - used, "%s%s",
		    used ? sep : "", role_name(order[i]));
		if (w < 0 || (size_t)w >= n - used) {
			buf[used] = '\0'; /* whole names only */
			break;
		}
		used += (size_t)w;
	}
	return buf;
}

int
role_highest(unsigned roles)
{
	if (roles & ROLE_ADMIN)
		return ROLE_ADMIN;
	if (roles & ROLE_REVIEWER)
		return ROLE_REVIEWER;
	if (roles & ROLE_AUTHOR)
		return ROLE_AUTHOR;
	return 0;
}

const char *
role_landing(unsigned roles)
{
	switch (role_highest(roles)) {
	case ROLE_REVIEWER:
		return "/review";
	case ROLE_ADMIN:
		return "/admin";
	default:
		return "/posts";
	}
}

int
user_name_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '.' || *s == '_' || *s == '-'))
			return 0;
	return 1;
}
