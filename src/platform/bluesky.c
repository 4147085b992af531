/* bluesky.c — the Bluesky (AT Protocol) connector
 * (../shared/reference/platforms.md, sections 2 and 6c).
 *
 * Account settings {"handle": "…", "pds": "https://…" (optional, default
 * Platforms.Bluesky.PDS)}, secrets {"app_password": "…"} plus the session
 * this connector keeps there: "did", "access_jwt", "refresh_jwt". The
 * session is reused across posts (createSession is limited to 30 per
 * 5 minutes per account): a rejected access token is refreshed, and only
 * when the refresh token is dead too does the connector log in again. A
 * renewed session goes back to the publisher as a whole new secrets
 * object in a->new_secrets.
 *
 * Bluesky has no idempotency key, so prepare() fixes the record key (a
 * TID) and the record itself before the first send; publish writes
 * exactly that record under exactly that key, and reconcile asks for it
 * by key. */
#include "platform.h"
#include "wire.h"
#include "microblog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "../core/crypto.h"
#include "../core/json.h"
#include "../core/util.h"
#include "http.h"
#include "sign.h"

#define POST_COLLECTION "app.bsky.feed.post"

struct bsky {
	const struct pub_account *a;
	const struct platform_env *env;
	char pds[512];      /* PDS base URL without a trailing slash */
	char *did;          /* the session, owned; NULL when absent */
	char *access;
	char *refresh;
	int renewed;        /* a session was made or refreshed in this call */
};

/* One XRPC exchange. */
struct xrpc {
	const char *method;
	const char *nsid;
	const char *query;          /* without "?"; NULL for none */
	const char *content_type;   /* of body; NULL for none */
	const void *body;
	size_t body_len;
	const char *bearer;         /* token; NULL for an anonymous call */
};

static long long
env_now(const struct platform_env *env)
{
	return env->now > 0 ? env->now : (long long)time(NULL);
}

/* 1 when s looks like a DID we may put in a query string and a URL path
 * unencoded ("did:" then letters, digits and . _ : % -). */
static int
did_safe(const char *s)
{
	if (s == NULL || strncmp(s, "did:", 4) != 0 || strlen(s) > 200)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= 'A' && *s <= 'Z') || strchr("._:%-", *s) != NULL))
			return 0;
	return 1;
}

/* A copy of s when it is a usable token (NULL otherwise or out of
 * memory). */
static char *
token_dup(const char *s)
{
	return wire_header_safe(s) ? strdup(s) : NULL;
}

static void
bsky_forget(struct bsky *s)
{
	free(s->did);
	free(s->access);
	free(s->refresh);
	s->did = s->access = s->refresh = NULL;
}

static void
bsky_close(struct bsky *s)
{
	bsky_forget(s);
}

/* Reads the account's PDS and stored session. Returns 0, or -1 with r set
 * (REAUTH: only an admin can fix the account's settings). */
static int
bsky_open(struct bsky *s, const struct pub_account *a, struct pub_result *r)
{
	const char *pds = pub_setting(a, "pds");
	size_t n;

	memset(s, 0, sizeof(*s));
	s->a = a;
	s->env = a->env;
	if (*pds == '\0' && a->env->bluesky_pds != NULL)
		pds = a->env->bluesky_pds;
	n = strlen(pds);
	while (n > 0 && pds[n - 1] == '/')
		n--;
	if (n == 0 || n >= sizeof(s->pds)) {
		pub_set(r, PUB_REAUTH, 0, "Bluesky: no PDS URL is configured");
		return -1;
	}
	memcpy(s->pds, pds, n);
	s->pds[n] = '\0';
	if (!http_url_allowed(s->pds, s->env->allow_loopback_http)) {
		pub_set(r, PUB_REAUTH, 0, "Bluesky: the PDS URL is not an https:// URL");
		return -1;
	}
	if (did_safe(pub_secret(a, "did")))
		s->did = strdup(pub_secret(a, "did"));
	s->access = token_dup(pub_secret(a, "access_jwt"));
	s->refresh = token_dup(pub_secret(a, "refresh_jwt"));
	return 0;
}

/* Performs one exchange with the PDS and always fills *res (free it with
 * http_response_free). Returns 0 when a response arrived, else -1; a URL
 * the policy refuses counts as HTTP_NOT_SENT. */
static int
bsky_perform(const struct bsky *s, const struct xrpc *x,
    struct http_response *res)
{
	char url[1024], ctype[128];
	const char *headers[4];
	struct sbuf auth;
	size_t h = 0;
	int n = snprintf(url, sizeof(url), "%s/xrpc/%s%s%s", s->pds, x->nsid,
	    x->query ? "?" : "", x->query ? x->query : "");

	if (n < 0 || (size_t)n >= sizeof(url) ||
	    !http_url_allowed(url, s->env->allow_loopback_http)) {
		memset(res, 0, sizeof(*res));
		res->outcome = HTTP_NOT_SENT;
		snprintf(res->error, sizeof(res->error), "URL refused");
		return -1;
	}
	sbuf_init(&auth);
	headers[h++] = "Accept: application/json";
	if (x->bearer != NULL) {
		sbuf_printf(&auth, "Authorization: Bearer %s", x->bearer);
		if (auth.failed) {
			memset(res, 0, sizeof(*res));
			res->outcome = HTTP_NOT_SENT;
			snprintf(res->error, sizeof(res->error), "out of memory");
			return -1;
		}
		headers[h++] = auth.data;
	}
	if (x->content_type != NULL) {
		snprintf(ctype, sizeof(ctype), "Content-Type: %s", x->content_type);
		headers[h++] = ctype;
	}
	headers[h] = NULL;

	struct http_request req = {
		.method = x->method,
		.url = url,
		.headers = headers,
		.body = x->body,
		.body_len = x->body_len,
		.connect_timeout_ms = s->env->connect_timeout_ms,
		.timeout_ms = s->env->timeout_ms,
		.allow_loopback_http = s->env->allow_loopback_http,
	};
	int rc = http_perform(&req, res);
	sbuf_free(&auth);
	return rc;
}

/* The body parsed as JSON, or NULL (caller frees with json_free). */
static struct json_doc *
parse_body(const char *body, size_t len)
{
	struct json_doc *doc = NULL;
	if (body == NULL || json_parse(body, len, &doc) < 0)
		return NULL;
	return doc;
}

/* Copies the XRPC error name of an error body ({"error":"Name",…}) into
 * name, or "" when there is none. Only letters pass, so the name is safe
 * to show. */
static void
xrpc_error(const char *body, char *name, size_t size)
{
	struct json_doc *doc = parse_body(body, body ? strlen(body) : 0);
	const char *e = doc ? json_text(json_get(json_root(doc), "error")) :
	    NULL;
	size_t i = 0;

	if (size == 0)
		goto out;
	for (; e != NULL && e[i] != '\0' && i + 1 < size; i++) {
		if (!((e[i] >= 'a' && e[i] <= 'z') || (e[i] >= 'A' && e[i] <= 'Z'))) {
			i = 0;
			break;
		}
		name[i] = e[i];
	}
	name[i] = '\0';
out:
	json_free(doc);
}

/* retry_at of a 429: RateLimit-Reset (epoch seconds), else Retry-After
 * (seconds), else 0 (unknown). */
static long long
bsky_retry_at(const struct bsky *s, const struct http_response *res)
{
	char buf[64];
	long long v;

	if (http_header(res, "RateLimit-Reset", buf, sizeof(buf)) != NULL &&
	    parse_id(buf, &v) == 0 && v > 0)
		return v;
	if (http_header(res, "Retry-After", buf, sizeof(buf)) != NULL &&
	    parse_id(buf, &v) == 0 && v < 86400 * 7)
		return env_now(s->env) + v;
	return 0;
}

/* Fills r for an exchange that did not succeed: what names the step. */
static void
bsky_fail(const struct bsky *s, const struct http_response *res,
    int is_write, const char *what, struct pub_result *r)
{
	char detail[200], name[48];
	enum pub_class cls;
	const char *why;

	if (res->outcome != HTTP_DONE) {
		cls = pub_class_transport(res, is_write);
		snprintf(detail, sizeof(detail), "Bluesky: %.40s: %s (%.60s)", what,
		    cls == PUB_UNKNOWN ?
		    "no complete answer, the outcome is unknown" :
		    "the PDS could not be reached", res->error);
		pub_set(r, cls, 0, detail);
		return;
	}
	xrpc_error(res->body, name, sizeof(name));
	cls = bluesky_classify(res->status, res->body, is_write);
	/* a success this step does not expect (another 2xx, or an answer
	 * we could not read) proves nothing: a write may have landed */
	if (cls == PUB_OK)
		cls = is_write ? PUB_UNKNOWN : PUB_RETRY;
	switch (cls) {
	case PUB_REAUTH:
		why = "the session or app password was refused";
		break;
	case PUB_RATE_LIMITED:
		why = "rate limit reached";
		r->retry_at = bsky_retry_at(s, res);
		break;
	case PUB_UNKNOWN:
		why = res->status < 300 ? "unexpected answer, the outcome is unknown" :
		    "server error, the outcome is unknown";
		break;
	case PUB_RETRY:
		why = res->status < 300 ? "unexpected answer" : "temporary failure";
		break;
	case PUB_PERMANENT:
		if (strcmp(name, "AccountTakedown") == 0 ||
		    strcmp(name, "AccountDeactivated") == 0)
			why = "the account is taken down or deactivated";
		else if (res->status == 413)
			why = "the image is too large";
		else if (strcmp(name, "InvalidRequest") == 0)
			why = "the post was rejected as invalid (too long?)";
		else
			why = "the request was refused";
		break;
	default:
		why = "unexpected answer";
		break;
	}
	snprintf(detail, sizeof(detail), "Bluesky: %s: %s (HTTP %ld%s%s)",
	    what, why, res->status, *name ? " " : "", name);
	pub_set(r, cls, res->status, detail);
}

/* Writes the whole replacement secrets object for the publisher to
 * store: the app password and the current session. */
static void
bsky_save(const struct bsky *s)
{
	struct sbuf *out = s->a->new_secrets;

	if (out == NULL)
		return;
	out->len = 0;
	if (out->data != NULL)
		out->data[0] = '\0';
	sbuf_puts(out, "{\"app_password\":");
	sbuf_json_string(out, pub_secret(s->a, "app_password"));
	sbuf_puts(out, ",\"did\":");
	sbuf_json_string(out, s->did);
	sbuf_puts(out, ",\"access_jwt\":");
	sbuf_json_string(out, s->access);
	sbuf_puts(out, ",\"refresh_jwt\":");
	sbuf_json_string(out, s->refresh);
	sbuf_puts(out, "}");
}

/* Takes the session out of a createSession or refreshSession answer.
 * Returns 0, or -1 when it lacks a usable DID or token. */
static int
bsky_take_session(struct bsky *s, const struct http_response *res)
{
	struct json_doc *doc = parse_body(res->body, res->body_len);
	const struct json_node *root = doc ? json_root(doc) : NULL;
	const char *did = json_text(json_get(root, "did"));
	const char *access = json_text(json_get(root, "accessJwt"));
	const char *refresh = json_text(json_get(root, "refreshJwt"));
	int rc = -1;

	if (!did_safe(did) || !wire_header_safe(access) ||
	    !wire_header_safe(refresh))
		goto out;
	bsky_forget(s);
	s->did = strdup(did);
	s->access = strdup(access);
	s->refresh = strdup(refresh);
	if (s->did == NULL || s->access == NULL || s->refresh == NULL) {
		bsky_forget(s);
		goto out;
	}
	s->renewed = 1;
	bsky_save(s);
	rc = 0;
out:
	json_free(doc);
	return rc;
}

/* Logs in with the handle and app password (createSession). Returns 0,
 * or -1 with r set: a refused password is REAUTH, a taken-down account
 * PERMANENT; anything else leaves nothing changed and is RETRY. */
static int
bsky_login(struct bsky *s, struct pub_result *r)
{
	const char *handle = pub_setting(s->a, "handle");
	const char *password = pub_secret(s->a, "app_password");
	struct http_response res;
	struct sbuf body;
	int rc = -1;

	if (*handle == '\0' || *password == '\0') {
		pub_set(r, PUB_REAUTH, 0,
		    "Bluesky: the account has no handle or app password");
		return -1;
	}
	sbuf_init(&body);
	sbuf_puts(&body, "{\"identifier\":");
	sbuf_json_string(&body, handle);
	sbuf_puts(&body, ",\"password\":");
	sbuf_json_string(&body, password);
	sbuf_puts(&body, "}");
	if (body.failed) {
		pub_set(r, PUB_RETRY, 0, "Bluesky: out of memory");
		sbuf_free(&body);
		return -1;
	}
	struct xrpc x = {
		.method = "POST", .nsid = "com.atproto.server.createSession",
		.content_type = "application/json",
		.body = body.data, .body_len = body.len,
	};
	if (bsky_perform(s, &x, &res) < 0) {
		bsky_fail(s, &res, 0, "log-in", r);
		goto out;
	}
	if (res.status == 200) {
		if (bsky_take_session(s, &res) == 0)
			rc = 0;
		else
			pub_set(r, PUB_RETRY, res.status,
			    "Bluesky: log-in: unreadable answer");
		goto out;
	}
	bsky_fail(s, &res, 0, "log-in", r);
	/* a refused log-in is the account's credentials (400 covers a
	 * malformed handle), unless the account itself is gone */
	if ((res.status == 400 || res.status == 401) &&
	    r->cls != PUB_PERMANENT) {
		char name[48], detail[200];
		xrpc_error(res.body, name, sizeof(name));
		snprintf(detail, sizeof(detail),
		    "Bluesky: log-in: the handle or app password was refused "
		    "(HTTP %ld%s%s)", res.status, *name ? " " : "", name);
		pub_set(r, PUB_REAUTH, res.status, detail);
	}
out:
	http_response_free(&res);
	sbuf_free(&body);
	return rc;
}

/* 1 when a finished exchange says the token it carried is unusable. */
static int
auth_rejected(const struct http_response *res)
{
	char name[48];

	if (res->outcome != HTTP_DONE ||
	    (res->status != 400 && res->status != 401))
		return 0;
	xrpc_error(res->body, name, sizeof(name));
	if (res->status == 401)
		return strcmp(name, "AccountTakedown") != 0 &&
		    strcmp(name, "AccountDeactivated") != 0;
	return strcmp(name, "ExpiredToken") == 0 ||
	    strcmp(name, "InvalidToken") == 0;
}

/* Renews the session: refreshSession with the refresh token (it rotates),
 * and when that token is dead too (ExpiredToken, InvalidToken) a new
 * log-in. Returns 0, or -1 with r set. */
static int
bsky_renew(struct bsky *s, struct pub_result *r)
{
	struct http_response res;

	if (s->refresh != NULL) {
		struct xrpc x = {
			.method = "POST",
			.nsid = "com.atproto.server.refreshSession",
			.bearer = s->refresh,
		};
		if (bsky_perform(s, &x, &res) < 0) {
			bsky_fail(s, &res, 0, "session refresh", r);
			http_response_free(&res);
			return -1;
		}
		if (res.status == 200 && bsky_take_session(s, &res) == 0) {
			http_response_free(&res);
			return 0;
		}
		if (!auth_rejected(&res)) {
			bsky_fail(s, &res, 0, "session refresh", r);
			http_response_free(&res);
			return -1;
		}
		http_response_free(&res);
	}
	return bsky_login(s, r);
}

/* A session to work with: the stored one, or a new log-in when none is
 * stored. Returns 0, or -1 with r set. */
static int
bsky_session(struct bsky *s, struct pub_result *r)
{
	if (s->did != NULL && s->access != NULL)
		return 0;
	return bsky_login(s, r);
}

/* One authenticated exchange: with the session's access token, renewing
 * the session once and repeating the request when the PDS rejects the
 * token (400 ExpiredToken or InvalidToken, 401 — the PDS checks tokens
 * before it acts, so the repeat cannot double a write). Returns 0 with
 * *res filled (any status; free it), or -1 with r set and *res empty. */
static int
bsky_call(struct bsky *s, const struct xrpc *x, int is_write,
    const char *what, struct http_response *res, struct pub_result *r)
{
	struct xrpc y = *x;

	memset(res, 0, sizeof(*res));
	if (bsky_session(s, r) < 0)
		return -1;
	for (;;) {
		y.bearer = s->access;
		if (bsky_perform(s, &y, res) < 0) {
			bsky_fail(s, res, is_write, what, r);
			http_response_free(res);
			memset(res, 0, sizeof(*res));
			return -1;
		}
		if (!auth_rejected(res) || s->renewed)
			return 0;
		http_response_free(res);
		memset(res, 0, sizeof(*res));
		if (bsky_renew(s, r) < 0)
			return -1;
	}
}

/* Appends the JSON text of a parsed value (strings re-escaped, numbers as
 * they were written): blob refs and stored records go back out unchanged
 * in meaning, which is all the record's CID depends on. */
static void
json_emit(struct sbuf *b, const struct json_node *n)
{
	size_t i, count;

	switch (n ? json_type(n) : JSON_NULL) {
	case JSON_NULL:
		sbuf_puts(b, "null");
		break;
	case JSON_FALSE:
		sbuf_puts(b, "false");
		break;
	case JSON_TRUE:
		sbuf_puts(b, "true");
		break;
	case JSON_NUMBER:
		sbuf_puts(b, json_text(n));
		break;
	case JSON_STRING:
		sbuf_json_string(b, json_text(n));
		break;
	case JSON_ARRAY:
		sbuf_puts(b, "[");
		count = json_count(n);
		for (i = 0; i < count; i++) {
			if (i > 0)
				sbuf_puts(b, ",");
			json_emit(b, json_at(n, i));
		}
		sbuf_puts(b, "]");
		break;
	case JSON_OBJECT:
		sbuf_puts(b, "{");
		count = json_count(n);
		for (i = 0; i < count; i++) {
			if (i > 0)
				sbuf_puts(b, ",");
			sbuf_json_string(b, json_key_at(n, i));
			sbuf_puts(b, ":");
			json_emit(b, json_at(n, i));
		}
		sbuf_puts(b, "}");
		break;
	}
}

/* The delivery state prepare() wrote, parsed. */
struct bsky_state {
	struct json_doc *doc;
	const char *rkey;
	const struct json_node *record;
	const struct json_node *image;  /* {"alt","width","height"} or NULL */
};

/* Returns 0, or -1 when the state is missing or malformed. */
static int
state_read(const char *state, struct bsky_state *st)
{
	memset(st, 0, sizeof(*st));
	if (state == NULL || *state == '\0' ||
	    json_parse(state, strlen(state), &st->doc) < 0)
		return -1;
	const struct json_node *root = json_root(st->doc);
	st->rkey = json_text(json_get(root, "rkey"));
	st->record = json_get(root, "record");
	st->image = json_get(root, "image");
	if (st->rkey == NULL || !atproto_tid_valid(st->rkey) ||
	    json_type(st->record) != JSON_OBJECT ||
	    (st->image != NULL && json_type(st->image) != JSON_OBJECT)) {
		json_free(st->doc);
		st->doc = NULL;
		return -1;
	}
	return 0;
}

/* Uploads the post's image (uploadBlob, raw bytes) and appends the
 * record's embed for it. The same bytes give the same blob CID, so a
 * repeated attempt embeds the same ref. Returns 0 or -1 with r set; a
 * blob upload cannot post anything, so its failures are never UNKNOWN. */
static int
bsky_embed(struct bsky *s, const struct pub_post *p,
    const struct json_node *image, struct sbuf *embed, struct pub_result *r)
{
	struct http_response res;
	struct json_doc *doc = NULL;
	const char *alt = json_text(json_get(image, "alt"));
	long long w = 0, h = 0;
	int rc = -1;
	struct xrpc x = {
		.method = "POST", .nsid = "com.atproto.repo.uploadBlob",
		.content_type = p->image_mime ? p->image_mime : "image/jpeg",
		.body = p->image, .body_len = p->image_len,
	};

	if (bsky_call(s, &x, 0, "image upload", &res, r) < 0)
		return -1;
	if (res.status != 200) {
		bsky_fail(s, &res, 0, "image upload", r);
		goto out;
	}
	doc = parse_body(res.body, res.body_len);
	const struct json_node *blob = doc ?
	    json_get(json_root(doc), "blob") : NULL;
	if (json_type(blob) != JSON_OBJECT) {
		pub_set(r, PUB_RETRY, res.status,
		    "Bluesky: image upload: unreadable answer");
		goto out;
	}
	sbuf_puts(embed, "{\"$type\":\"app.bsky.embed.images\",\"images\":"
	    "[{\"alt\":");
	sbuf_json_string(embed, alt ? alt : "");
	sbuf_puts(embed, ",\"image\":");
	json_emit(embed, blob);
	if (json_int(json_get(image, "width"), &w) == 0 &&
	    json_int(json_get(image, "height"), &h) == 0 && w > 0 && h > 0)
		sbuf_printf(embed, ",\"aspectRatio\":{\"width\":%lld,"
		    "\"height\":%lld}", w, h);
	sbuf_puts(embed, "}]}");
	rc = 0;
out:
	json_free(doc);
	http_response_free(&res);
	return rc;
}

/* Fills remote_id with the record's at:// uri (as the PDS gave it, else
 * built) and remote_url with its public page. who is the account's DID,
 * or its handle when the DID is not known and the uri does not name it. */
static void
set_remote(const char *who, const char *rkey, const char *uri,
    struct pub_result *r)
{
	char did[201];  /* did_safe() allows 200 */
	const char *end;

	if (uri != NULL && strncmp(uri, "at://", 5) == 0 &&
	    (end = strchr(uri + 5, '/')) != NULL &&
	    (size_t)(end - (uri + 5)) < sizeof(did)) {
		memcpy(did, uri + 5, (size_t)(end - (uri + 5)));
		did[end - (uri + 5)] = '\0';
		if (did_safe(did))
			who = did;
	}
	if (uri != NULL && strncmp(uri, "at://", 5) == 0)
		snprintf(r->remote_id, sizeof(r->remote_id), "%s", uri);
	else
		snprintf(r->remote_id, sizeof(r->remote_id),
		    "at://%s/" POST_COLLECTION "/%s", who, rkey);
	snprintf(r->remote_url, sizeof(r->remote_url),
	    "https://bsky.app/profile/%s/post/%s", who, rkey);
}

/* 1 when s looks like a handle we may put in a query string unencoded. */
static int
handle_safe(const char *s)
{
	if (*s == '\0' || strlen(s) > 253)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= 'A' && *s <= 'Z') || *s == '.' || *s == '-'))
			return 0;
	return 1;
}

static int
bluesky_prepare(const struct pub_account *a, const struct pub_post *p,
    struct sbuf *state)
{
	struct timespec ts;
	unsigned char rnd[2];
	char rkey[14], created[96];
	struct tm tm;
	struct sbuf facets;
	time_t secs;
	int ms;

	if (p->text == NULL || strlen(p->text) != p->text_len ||
	    !utf8_valid_text(p->text, p->text_len) ||
	    clock_gettime(CLOCK_REALTIME, &ts) < 0 ||
	    crypto_random(rnd, sizeof(rnd)) < 0)
		return -1;
	atproto_tid((long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000,
	    ((unsigned)rnd[0] << 8 | rnd[1]) & 0x3ff, rkey);
	if (a->env->now > 0) {
		secs = (time_t)a->env->now;
		ms = 0;
	} else {
		secs = ts.tv_sec;
		ms = (int)(ts.tv_nsec / 1000000 % 1000);
	}
	if (gmtime_r(&secs, &tm) == NULL)
		return -1;
	snprintf(created, sizeof(created), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, ms);

	sbuf_puts(state, "{\"rkey\":");
	sbuf_json_string(state, rkey);
	sbuf_puts(state, ",\"record\":{\"$type\":\"" POST_COLLECTION
	    "\",\"text\":");
	sbuf_json_string(state, p->text);
	sbuf_puts(state, ",\"createdAt\":");
	sbuf_json_string(state, created);
	sbuf_puts(state, ",\"langs\":[\"en\"]");
	sbuf_init(&facets);
	if (bluesky_facets_json(&facets, p->text, p->text_len) > 0) {
		sbuf_puts(state, ",\"facets\":");
		sbuf_append(state, facets.data, facets.len);
	}
	int failed = facets.failed;
	sbuf_free(&facets);
	sbuf_puts(state, "}");
	if (p->image != NULL && p->image_len > 0) {
		/* the blob ref is known only after the upload at publish time */
		sbuf_puts(state, ",\"image\":{\"alt\":");
		sbuf_json_string(state, p->alt_text ? p->alt_text : "");
		if (p->image_width > 0 && p->image_height > 0)
			sbuf_printf(state, ",\"width\":%d,\"height\":%d",
			    p->image_width, p->image_height);
		sbuf_puts(state, "}");
	}
	sbuf_puts(state, "}");
	return failed || state->failed ? -1 : 0;
}

/* Writes the stored record under the stored key with putRecord rather
 * than createRecord. Both take our rkey, but a createRecord repeated
 * after a send that did land fails deep in the repo tree with a 500 —
 * which reads as "unknown" again — while a putRecord of a byte-identical
 * record finds the same CID and returns without committing. So a resend
 * can neither double the post nor fail because the first try landed.
 * The record never changes between attempts (prepare() fixed it, and the
 * same image bytes give the same blob ref), so this is never an edit. */
static void
bluesky_publish(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	struct bsky s;
	struct bsky_state st;
	struct sbuf embed, body;
	struct http_response res;
	struct json_doc *doc = NULL;
	int has_image = p->image != NULL && p->image_len > 0;

	memset(&res, 0, sizeof(res));
	memset(&s, 0, sizeof(s));
	sbuf_init(&embed);
	sbuf_init(&body);
	if (state_read(p->state, &st) < 0) {
		/* sending without a fixed key could double the post */
		pub_set(r, PUB_PERMANENT, 0,
		    "Bluesky: the delivery has no prepared record");
		goto out;
	}
	if ((st.image != NULL) != has_image) {
		pub_set(r, PUB_PERMANENT, 0,
		    "Bluesky: the prepared record does not match the post's image");
		goto out;
	}
	if (bsky_open(&s, a, r) < 0 || bsky_session(&s, r) < 0)
		goto out;
	if (has_image && bsky_embed(&s, p, st.image, &embed, r) < 0)
		goto out;

	sbuf_puts(&body, "{\"repo\":");
	sbuf_json_string(&body, s.did);
	sbuf_puts(&body, ",\"collection\":\"" POST_COLLECTION "\",\"rkey\":");
	sbuf_json_string(&body, st.rkey);
	sbuf_puts(&body, ",\"record\":{");
	size_t n = json_count(st.record);
	int first = 1;
	for (size_t i = 0; i < n; i++) {
		const char *key = json_key_at(st.record, i);
		if (has_image && strcmp(key, "embed") == 0)
			continue;
		sbuf_puts(&body, first ? "" : ",");
		first = 0;
		sbuf_json_string(&body, key);
		sbuf_puts(&body, ":");
		json_emit(&body, json_at(st.record, i));
	}
	if (has_image) {
		sbuf_puts(&body, first ? "\"embed\":" : ",\"embed\":");
		sbuf_append(&body, embed.data, embed.len);
	}
	sbuf_puts(&body, "}}");
	if (body.failed || embed.failed) {
		pub_set(r, PUB_RETRY, 0, "Bluesky: out of memory");
		goto out;
	}

	struct xrpc x = {
		.method = "POST", .nsid = "com.atproto.repo.putRecord",
		.content_type = "application/json",
		.body = body.data, .body_len = body.len,
	};
	if (bsky_call(&s, &x, 1, "post", &res, r) < 0)
		goto out;
	if (res.status != 200) {
		bsky_fail(&s, &res, 1, "post", r);
		goto out;
	}
	doc = parse_body(res.body, res.body_len);
	set_remote(s.did, st.rkey,
	    doc ? json_text(json_get(json_root(doc), "uri")) : NULL, r);
	pub_set(r, PUB_OK, res.status, "published");
out:
	json_free(doc);
	http_response_free(&res);
	json_free(st.doc);
	sbuf_free(&embed);
	sbuf_free(&body);
	bsky_close(&s);
}

static int
bluesky_reconcile(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	struct bsky s;
	struct bsky_state st;
	struct http_response res;
	struct json_doc *doc = NULL;
	char query[512], name[48];
	const char *repo;
	int rc = -1;

	memset(&res, 0, sizeof(res));
	memset(&s, 0, sizeof(s));
	if (state_read(p->state, &st) < 0) {
		/* publish never sends without a prepared record */
		pub_set(r, PUB_RETRY, 0, "Bluesky: nothing was prepared, so nothing was sent");
		return 0;
	}
	if (bsky_open(&s, a, r) < 0)
		goto out;
	/* getRecord is public: no token to spend or renew, and no log-in
	 * just to learn the DID — the PDS takes the handle as the repo */
	repo = s.did ? s.did : pub_setting(a, "handle");
	if (s.did == NULL && !handle_safe(repo)) {
		pub_set(r, PUB_REAUTH, 0, "Bluesky: the account has no handle");
		goto out;
	}
	snprintf(query, sizeof(query),
	    "repo=%s&collection=" POST_COLLECTION "&rkey=%s", repo, st.rkey);
	struct xrpc x = {
		.method = "GET", .nsid = "com.atproto.repo.getRecord",
		.query = query,
	};
	if (bsky_perform(&s, &x, &res) < 0) {
		bsky_fail(&s, &res, 0, "looking for the post", r);
		goto out;
	}
	if (res.status == 200) {
		doc = parse_body(res.body, res.body_len);
		set_remote(repo, st.rkey,
		    doc ? json_text(json_get(json_root(doc), "uri")) : NULL, r);
		pub_set(r, PUB_OK, res.status,
		    "found the post made by an earlier attempt");
		rc = 1;
		goto out;
	}
	xrpc_error(res.body, name, sizeof(name));
	if (res.status == 400 && strcmp(name, "RecordNotFound") == 0) {
		pub_set(r, PUB_RETRY, res.status,
		    "Bluesky: no post from an earlier attempt");
		rc = 0;
		goto out;
	}
	bsky_fail(&s, &res, 0, "looking for the post", r);
out:
	json_free(doc);
	http_response_free(&res);
	json_free(st.doc);
	bsky_close(&s);
	return rc;
}

static void
bluesky_test(const struct pub_account *a, struct pub_result *r)
{
	struct bsky s;
	struct http_response res;
	struct json_doc *doc = NULL;
	char detail[200];

	memset(&res, 0, sizeof(res));
	if (bsky_open(&s, a, r) < 0)
		goto out;
	struct xrpc x = {
		.method = "GET", .nsid = "com.atproto.server.getSession",
	};
	if (bsky_call(&s, &x, 0, "account check", &res, r) < 0)
		goto out;
	if (res.status != 200) {
		bsky_fail(&s, &res, 0, "account check", r);
		goto out;
	}
	doc = parse_body(res.body, res.body_len);
	const char *handle = doc ?
	    json_text(json_get(json_root(doc), "handle")) : NULL;
	snprintf(detail, sizeof(detail), "@%s", handle ? handle : s.did);
	pub_set(r, PUB_OK, res.status, detail);
out:
	json_free(doc);
	http_response_free(&res);
	bsky_close(&s);
}

enum pub_class
bluesky_classify(long status, const char *body, int is_write)
{
	char name[48];

	if (status >= 200 && status <= 299)
		return PUB_OK;
	xrpc_error(body, name, sizeof(name));
	if (strcmp(name, "AccountTakedown") == 0 ||
	    strcmp(name, "AccountDeactivated") == 0)
		return PUB_PERMANENT;
	if (status == 400) {
		if (strcmp(name, "ExpiredToken") == 0)
			return PUB_RETRY;
		if (strcmp(name, "InvalidToken") == 0)
			return PUB_REAUTH;
		return PUB_PERMANENT;
	}
	if (status == 401 || status == 403)
		return PUB_REAUTH;
	if (status == 429)
		return PUB_RATE_LIMITED;
	if (status >= 500)
		return is_write ? PUB_UNKNOWN : PUB_RETRY;
	return PUB_PERMANENT;
}

/* Length of the white space (as JavaScript's \s counts it) that starts at
 * s[i], or 0. */
static size_t
space_at(const unsigned char *s, size_t n, size_t i)
{
	unsigned char c = s[i];

	if (c == ' ' || (c >= '\t' && c <= '\r'))
		return 1;
	if (c == 0xc2 && i + 1 < n && s[i + 1] == 0xa0)
		return 2;
	if (i + 2 >= n)
		return 0;
	if ((c == 0xe1 && s[i + 1] == 0x9a && s[i + 2] == 0x80) ||
	    (c == 0xe2 && s[i + 1] == 0x80 && ((s[i + 2] >= 0x80 &&
	    s[i + 2] <= 0x8a) || s[i + 2] == 0xa8 || s[i + 2] == 0xa9 ||
	    s[i + 2] == 0xaf)) ||
	    (c == 0xe2 && s[i + 1] == 0x81 && s[i + 2] == 0x9f) ||
	    (c == 0xe3 && s[i + 1] == 0x80 && s[i + 2] == 0x80) ||
	    (c == 0xef && s[i + 1] == 0xbb && s[i + 2] == 0xbf))
		return 3;
	return 0;
}

/* Length of "http://" or "https://" (any case) at t[i], or 0. */
static size_t
scheme_at(const char *t, size_t n, size_t i)
{
	if (n - i >= 8 && strncasecmp(t + i, "https://", 8) == 0)
		return 8;
	if (n - i >= 7 && strncasecmp(t + i, "http://", 7) == 0)
		return 7;
	return 0;
}

/* Finds the next link at or after *pos; returns 1 with *span set and
 * *pos past it, or 0 when there is none. */
static int
next_link(const char *text, size_t len, size_t *pos, struct byte_span *span)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = *pos;
	int boundary = i == 0 || space_at(s, len, i - 1) > 0 ||
	    text[i - 1] == '(';

	while (i < len) {
		size_t w = space_at(s, len, i), scheme;
		if (w > 0) {
			boundary = 1;
			i += w;
			continue;
		}
		if (boundary && (scheme = scheme_at(text, len, i)) > 0) {
			size_t start = i, end = i;
			while (end < len && space_at(s, len, end) == 0)
				end++;
			i = end;
			if (text[end - 1] != '\0' &&
			    strchr(".,;:!?", text[end - 1]) != NULL)
				end--;
			if (text[end - 1] == ')' &&
			    memchr(text + start, '(', end - start) == NULL)
				end--;
			if (end > start + scheme) {
				span->start = start;
				span->end = end;
				*pos = i;
				return 1;
			}
			boundary = 0;
			continue;
		}
		boundary = text[i] == '(';
		i++;
	}
	*pos = len;
	return 0;
}

size_t
bluesky_find_links(const char *text, size_t len, struct byte_span *spans,
    size_t max)
{
	struct byte_span span;
	size_t pos = 0, count = 0;

	while (next_link(text, len, &pos, &span)) {
		if (count < max)
			spans[count] = span;
		count++;
	}
	return count;
}

size_t
bluesky_facets_json(struct sbuf *b, const char *text, size_t len)
{
	struct byte_span span;
	size_t pos = 0, count = 0;

	while (next_link(text, len, &pos, &span)) {
		char *uri = strndup(text + span.start, span.end - span.start);
		if (uri == NULL) {
			b->failed = 1;
			break;
		}
		sbuf_puts(b, count == 0 ? "[" : ",");
		sbuf_printf(b, "{\"index\":{\"byteStart\":%zu,\"byteEnd\":%zu},"
		    "\"features\":[{\"$type\":\"app.bsky.richtext.facet#link\","
		    "\"uri\":", span.start, span.end);
		sbuf_json_string(b, uri);
		sbuf_puts(b, "}]}");
		free(uri);
		count++;
	}
	if (count > 0)
		sbuf_puts(b, "]");
	return count;
}

const struct platform_ops platform_bluesky = {
	.name = "bluesky",
	.prepare = bluesky_prepare,
	.publish = bluesky_publish,
	.reconcile = bluesky_reconcile,
	.test = bluesky_test,
};
