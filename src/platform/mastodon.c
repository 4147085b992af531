/* mastodon.c — the Mastodon connector (../shared/reference/platforms.md,
 * sections 1 and 6c).
 *
 * Account settings {"instance": "https://host"}, secrets {"token": "…"}:
 * an OAuth 2 user token with write:statuses, write:media and, for
 * reconciliation, read:accounts and read:statuses. Tokens do not expire;
 * 401/403 means an admin must reconnect.
 *
 * Every status create carries the delivery's Idempotency-Key. Mastodon
 * keeps that key for an hour per account and answers a repeat with the
 * original status, so within the hour resending after an unknown outcome
 * cannot double a post; after it, reconcile lists the account's own
 * statuses instead. */
#include "platform.h"
#include "wire.h"
#include "microblog.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/json.h"
#include "../core/util.h"
#include "http.h"

/* Mastodon forgets an Idempotency-Key after 3600 s; trusting it only for
 * 3300 s leaves room for clock drift and a slow attempt. */
#define KEY_TRUST_SECONDS 3300
/* Our clock and the instance's may differ a little: a status created up
 * to this long before our first attempt still counts as a candidate. */
#define CLOCK_SLACK_SECONDS 60
/* The statuses endpoint returns at most 40 a page. */
#define PAGE_LIMIT 40
#define MAX_PAGES 5

struct masto {
	const struct platform_env *env;
	char base[512];     /* instance URL without a trailing slash */
	struct sbuf auth;   /* "Authorization: Bearer <token>" */
};

/* One exchange: path is appended to the instance URL. */
struct masto_call {
	const char *method;
	const char *path;
	const char *content_type;     /* of body; NULL for none or parts */
	const char *idempotency_key;  /* NULL for none */
	const void *body;
	size_t body_len;
	const struct http_part *parts;
	size_t nparts;
	size_t max_response;          /* 0: the http.c default */
};

static long long
env_now(const struct platform_env *env)
{
	return env->now > 0 ? env->now : (long long)time(NULL);
}

/* 1 when s is a non-empty opaque id we may put in a URL path. */
static int
id_safe(const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= 'A' && *s <= 'Z') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static void
masto_close(struct masto *m)
{
	sbuf_free(&m->auth);
}

/* Reads the account's instance and token. Returns 0, or -1 with r set
 * (REAUTH: only an admin can fix the account's settings). */
static int
masto_open(struct masto *m, const struct pub_account *a,
    struct pub_result *r)
{
	const char *instance = pub_setting(a, "instance");
	const char *token = pub_secret(a, "token");
	size_t n = strlen(instance);

	memset(m, 0, sizeof(*m));
	m->env = a->env;
	sbuf_init(&m->auth);
	while (n > 0 && instance[n - 1] == '/')
		n--;
	if (n == 0 || n >= sizeof(m->base)) {
		pub_set(r, PUB_REAUTH, 0, "Mastodon: the account has no instance URL");
		return -1;
	}
	memcpy(m->base, instance, n);
	m->base[n] = '\0';
	if (!http_url_allowed(m->base, m->env->allow_loopback_http)) {
		pub_set(r, PUB_REAUTH, 0,
		    "Mastodon: the instance URL is not an https:// URL");
		return -1;
	}
	if (!wire_header_safe(token)) {
		pub_set(r, PUB_REAUTH, 0, "Mastodon: the account has no access token");
		return -1;
	}
	sbuf_printf(&m->auth, "Authorization: Bearer %s", token);
	if (m->auth.failed) {
		pub_set(r, PUB_RETRY, 0, "Mastodon: out of memory");
		return -1;
	}
	return 0;
}

/* Performs one exchange with the instance and always fills *res (free it
 * with http_response_free). Returns 0 when a response arrived, else -1;
 * a URL the policy refuses counts as HTTP_NOT_SENT. */
static int
masto_call(const struct masto *m, const struct masto_call *c,
    struct http_response *res)
{
	char url[1024], ctype[128], idem[160];
	const char *headers[5];
	size_t h = 0;
	int n = snprintf(url, sizeof(url), "%s%s", m->base, c->path);

	if (n < 0 || (size_t)n >= sizeof(url) ||
	    !http_url_allowed(url, m->env->allow_loopback_http)) {
		memset(res, 0, sizeof(*res));
		res->outcome = HTTP_NOT_SENT;
		snprintf(res->error, sizeof(res->error), "URL refused");
		return -1;
	}
	headers[h++] = m->auth.data;
	headers[h++] = "Accept: application/json";
	if (c->content_type != NULL) {
		snprintf(ctype, sizeof(ctype), "Content-Type: %s", c->content_type);
		headers[h++] = ctype;
	}
	if (c->idempotency_key != NULL) {
		snprintf(idem, sizeof(idem), "Idempotency-Key: %s",
		    c->idempotency_key);
		headers[h++] = idem;
	}
	headers[h] = NULL;

	struct http_request req = {
		.method = c->method,
		.url = url,
		.headers = headers,
		.body = c->body,
		.body_len = c->body_len,
		.parts = c->parts,
		.nparts = c->nparts,
		.connect_timeout_ms = m->env->connect_timeout_ms,
		.timeout_ms = m->env->timeout_ms,
		.max_response = c->max_response,
		.allow_loopback_http = m->env->allow_loopback_http,
	};
	return http_perform(&req, res);
}

/* The body parsed as JSON, or NULL (caller frees with json_free). */
static struct json_doc *
parse_body(const struct http_response *res)
{
	struct json_doc *doc = NULL;
	if (res->body == NULL || json_parse(res->body, res->body_len, &doc) < 0)
		return NULL;
	return doc;
}

/* retry_at of a 429: X-RateLimit-Reset (ISO 8601), else Retry-After in
 * seconds, else 0 (unknown). */
static long long
masto_retry_at(const struct masto *m, const struct http_response *res)
{
	char buf[64];
	long long t, secs;

	if (http_header(res, "X-RateLimit-Reset", buf, sizeof(buf)) != NULL &&
	    (t = mastodon_reset_time(buf)) > 0)
		return t;
	if (http_header(res, "Retry-After", buf, sizeof(buf)) != NULL &&
	    parse_id(buf, &secs) == 0 && secs < 86400 * 7)
		return env_now(m->env) + secs;
	return 0;
}

/* Fills r for an exchange that did not succeed: what names the step. */
static void
masto_fail(const struct masto *m, const struct http_response *res,
    int is_write, const char *what, struct pub_result *r)
{
	char detail[200];
	enum pub_class cls;

	if (res->outcome != HTTP_DONE) {
		cls = pub_class_transport(res, is_write);
		snprintf(detail, sizeof(detail), "Mastodon: %.40s: %s (%.60s)", what,
		    cls == PUB_UNKNOWN ?
		    "no complete answer, the outcome is unknown" :
		    "the instance could not be reached", res->error);
		pub_set(r, cls, 0, detail);
		return;
	}
	cls = mastodon_classify(res->status, res->body, is_write);
	/* a success this step does not expect (another 2xx, or an answer
	 * we could not read) proves nothing: a write may have landed */
	if (cls == PUB_OK)
		cls = is_write ? PUB_UNKNOWN : PUB_RETRY;
	const char *why;
	switch (cls) {
	case PUB_REAUTH:
		why = res->status == 403 ?
		    "the access token lacks a required scope" :
		    "the access token is invalid or revoked";
		break;
	case PUB_RATE_LIMITED:
		why = "rate limit reached";
		r->retry_at = masto_retry_at(m, res);
		break;
	case PUB_RETRY:
		why = res->status == 422 ? "the image is still being processed" :
		    res->status < 300 ? "unexpected answer" : "temporary failure";
		break;
	case PUB_UNKNOWN:
		why = res->status < 300 ? "unexpected answer, the outcome is unknown" :
		    "server error, the outcome is unknown";
		break;
	case PUB_PERMANENT:
		if (res->status == 422 && res->body != NULL &&
		    strstr(res->body, "character limit") != NULL)
			why = "the text is longer than the instance allows";
		else if (res->status == 422)
			why = "the instance rejected the post as invalid";
		else if (res->status == 404)
			why = "not found (check the instance URL)";
		else
			why = "the request was refused";
		break;
	default:
		why = "unexpected answer";
		break;
	}
	snprintf(detail, sizeof(detail), "Mastodon: %s: %s (HTTP %ld)", what,
	    why, res->status);
	pub_set(r, cls, res->status, detail);
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0)
		;
}

static long
elapsed_ms(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)((now.tv_sec - since->tv_sec) * 1000 +
	    (now.tv_nsec - since->tv_nsec) / 1000000);
}

/* Waits while GET /api/v1/media/:id answers 206 (still processing), with
 * short sleeps, for at most the exchange timeout. Returns 0 when the
 * media is ready, else -1 with r set. */
static int
masto_media_wait(const struct masto *m, const char *id, struct pub_result *r)
{
	char path[128];
	struct timespec start;
	long budget = m->env->timeout_ms > 0 ? m->env->timeout_ms : 30000;
	long pause = budget / 20;

	if (pause < 100)
		pause = 100;
	if (pause > 1000)
		pause = 1000;
	snprintf(path, sizeof(path), "/api/v1/media/%s", id);
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		struct http_response res;
		struct masto_call c = { .method = "GET", .path = path };
		if (masto_call(m, &c, &res) < 0) {
			masto_fail(m, &res, 0, "image processing", r);
			http_response_free(&res);
			return -1;
		}
		long status = res.status;
		if (status == 200) {
			http_response_free(&res);
			return 0;
		}
		if (status != 206) {
			if (status == 422)
				pub_set(r, PUB_PERMANENT, status,
				    "Mastodon: the instance could not process the image (HTTP 422)");
			else
				masto_fail(m, &res, 0, "image processing", r);
			http_response_free(&res);
			return -1;
		}
		http_response_free(&res);
		if (elapsed_ms(&start) + pause > budget) {
			pub_set(r, PUB_RETRY, status,
			    "Mastodon: the image is still being processed, try again later");
			return -1;
		}
		sleep_ms(pause);
	}
}

/* Uploads the post's image with its alt text (POST /api/v2/media) and
 * waits until it can be attached. Writes the media id into id. An upload
 * that fails cannot post anything, so its failures are never UNKNOWN.
 * Returns 0 or -1 with r set. */
static int
masto_upload(const struct masto *m, const struct pub_post *p, char *id,
    size_t idsz, struct pub_result *r)
{
	const char *mime = p->image_mime ? p->image_mime : "image/jpeg";
	const char *alt = p->alt_text ? p->alt_text : "";
	struct http_part parts[2] = {
		{ "file", strcmp(mime, "image/png") == 0 ? "image.png" :
		    "image.jpg", mime, p->image, p->image_len },
		{ "description", NULL, NULL, alt, strlen(alt) },
	};
	struct masto_call c = {
		.method = "POST", .path = "/api/v2/media",
		.parts = parts, .nparts = 2,
	};
	struct http_response res;
	struct json_doc *doc = NULL;
	int rc = -1;

	if (masto_call(m, &c, &res) < 0 || (res.status != 200 &&
	    res.status != 202)) {
		masto_fail(m, &res, 0, "image upload", r);
		goto out;
	}
	doc = parse_body(&res);
	const char *mid = doc ? json_text(json_get(json_root(doc), "id")) : NULL;
	if (!id_safe(mid)) {
		pub_set(r, PUB_RETRY, res.status,
		    "Mastodon: image upload: unreadable answer");
		goto out;
	}
	snprintf(id, idsz, "%s", mid);
	/* 202 means still processing; a 200 whose url is null too */
	if (res.status == 202 ||
	    json_type(json_get(json_root(doc), "url")) != JSON_STRING) {
		if (masto_media_wait(m, id, r) < 0)
			goto out;
	}
	rc = 0;
out:
	json_free(doc);
	http_response_free(&res);
	return rc;
}

/* Copies a status's id and public URL into r. Returns 0, or -1 when the
 * status has no usable id. */
static int
fill_status(const struct json_node *st, struct pub_result *r)
{
	const char *id = json_text(json_get(st, "id"));
	const char *url = json_text(json_get(st, "url"));

	if (id == NULL || *id == '\0')
		return -1;
	if (url == NULL)
		url = json_text(json_get(st, "uri"));
	snprintf(r->remote_id, sizeof(r->remote_id), "%s", id);
	snprintf(r->remote_url, sizeof(r->remote_url), "%s", url ? url : "");
	return 0;
}

/* POST /api/v1/statuses with the delivery's Idempotency-Key. */
static void
masto_create(const struct masto *m, const struct pub_post *p,
    const char *media_id, struct pub_result *r)
{
	struct sbuf body;
	struct http_response res;
	struct json_doc *doc = NULL;

	sbuf_init(&body);
	sbuf_puts(&body, "{\"status\":");
	sbuf_json_string(&body, p->text);
	sbuf_puts(&body, ",\"visibility\":\"public\"");
	if (*media_id != '\0') {
		sbuf_puts(&body, ",\"media_ids\":[");
		sbuf_json_string(&body, media_id);
		sbuf_puts(&body, "]");
	}
	sbuf_puts(&body, "}");
	if (body.failed) {
		pub_set(r, PUB_RETRY, 0, "Mastodon: out of memory");
		sbuf_free(&body);
		return;
	}
	struct masto_call c = {
		.method = "POST", .path = "/api/v1/statuses",
		.content_type = "application/json",
		.idempotency_key = p->idempotency_key,
		.body = body.data, .body_len = body.len,
	};
	if (masto_call(m, &c, &res) < 0 || res.status < 200 ||
	    res.status > 299) {
		masto_fail(m, &res, 1, "post", r);
		goto out;
	}
	doc = parse_body(&res);
	if (doc == NULL || fill_status(json_root(doc), r) < 0) {
		/* it answered success but we cannot tell what: the same key
		 * on a resend returns the original */
		pub_set(r, PUB_UNKNOWN, res.status,
		    "Mastodon: post: unreadable answer, the outcome is unknown");
		goto out;
	}
	pub_set(r, PUB_OK, res.status, "published");
out:
	json_free(doc);
	http_response_free(&res);
	sbuf_free(&body);
}

static void
mastodon_publish(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	struct masto m;
	char media_id[80] = "";

	if (masto_open(&m, a, r) < 0)
		goto out;
	if (p->idempotency_key == NULL ||
	    !wire_header_safe(p->idempotency_key) ||
	    strlen(p->idempotency_key) > 100) {
		/* without the key a resend could double the post */
		pub_set(r, PUB_PERMANENT, 0,
		    "Mastodon: the delivery has no idempotency key");
		goto out;
	}
	if (p->text == NULL || !utf8_valid_text(p->text, p->text_len) ||
	    strlen(p->text) != p->text_len) {
		pub_set(r, PUB_PERMANENT, 0, "Mastodon: the text is not valid UTF-8");
		goto out;
	}
	if (p->image != NULL && p->image_len > 0 &&
	    masto_upload(&m, p, media_id, sizeof(media_id), r) < 0)
		goto out;
	masto_create(&m, p, media_id, r);
out:
	masto_close(&m);
}

/* Compares two texts as Mastodon may have stored them: CR LF as LF and
 * without surrounding white space. */
static int
same_text(const char *a, const char *b)
{
	const char *ae = a + strlen(a), *be = b + strlen(b);

	while (*a == ' ' || *a == '\t' || *a == '\r' || *a == '\n')
		a++;
	while (*b == ' ' || *b == '\t' || *b == '\r' || *b == '\n')
		b++;
	while (ae > a && (ae[-1] == ' ' || ae[-1] == '\t' || ae[-1] == '\r' ||
	    ae[-1] == '\n'))
		ae--;
	while (be > b && (be[-1] == ' ' || be[-1] == '\t' || be[-1] == '\r' ||
	    be[-1] == '\n'))
		be--;
	while (a < ae && b < be) {
		if (*a == '\r' && a + 1 < ae && a[1] == '\n')
			a++;
		if (*b == '\r' && b + 1 < be && b[1] == '\n')
			b++;
		if (*a != *b)
			return 0;
		a++;
		b++;
	}
	return a == ae && b == be;
}

/* 1 when status id's plain source text equals text, 0 when not, -1 when
 * the source cannot be read. */
static int
masto_source_matches(const struct masto *m, const char *id,
    const char *text)
{
	char path[128];
	struct http_response res;
	struct json_doc *doc = NULL;
	int rc = -1;

	snprintf(path, sizeof(path), "/api/v1/statuses/%s/source", id);
	struct masto_call c = { .method = "GET", .path = path };
	if (masto_call(m, &c, &res) < 0 || res.status != 200)
		goto out;
	doc = parse_body(&res);
	const char *src = doc ? json_text(json_get(json_root(doc), "text")) :
	    NULL;
	if (src != NULL)
		rc = same_text(src, text);
out:
	json_free(doc);
	http_response_free(&res);
	return rc;
}

/* The account's own id (verify_credentials) into id, or -1 with r set. */
static int
masto_own_id(const struct masto *m, char *id, size_t idsz, char *acct,
    size_t acctsz, struct pub_result *r)
{
	struct http_response res;
	struct json_doc *doc = NULL;
	int rc = -1;
	struct masto_call c = {
		.method = "GET", .path = "/api/v1/accounts/verify_credentials",
	};

	if (masto_call(m, &c, &res) < 0 || res.status != 200) {
		masto_fail(m, &res, 0, "account check", r);
		goto out;
	}
	doc = parse_body(&res);
	const char *v = doc ? json_text(json_get(json_root(doc), "id")) : NULL;
	const char *name = doc ? json_text(json_get(json_root(doc), "acct")) :
	    NULL;
	if (!id_safe(v)) {
		pub_set(r, PUB_RETRY, res.status,
		    "Mastodon: account check: unreadable answer");
		goto out;
	}
	snprintf(id, idsz, "%s", v);
	if (acct != NULL)
		snprintf(acct, acctsz, "%s", name ? name : "");
	rc = 0;
out:
	json_free(doc);
	http_response_free(&res);
	return rc;
}

/* Looks through one page of the account's statuses, newest first. Returns
 * 1 (found, r filled), 0 (not on this page; *more says whether older
 * pages may still hold candidates, *last is the oldest id seen), or -1. */
static int
masto_scan_page(const struct masto *m, const char *account_id,
    const char *max_id, long long since, const struct pub_post *p,
    int *more, char *last, size_t lastsz, struct pub_result *r)
{
	char path[256];
	struct http_response res;
	struct json_doc *doc = NULL;
	int rc = -1;

	*more = 0;
	snprintf(path, sizeof(path),
	    "/api/v1/accounts/%s/statuses?limit=%d&exclude_reblogs=true%s%s",
	    account_id, PAGE_LIMIT, *max_id ? "&max_id=" : "", max_id);
	struct masto_call c = {
		.method = "GET", .path = path, .max_response = 4u << 20,
	};
	if (masto_call(m, &c, &res) < 0 || res.status != 200) {
		masto_fail(m, &res, 0, "listing own statuses", r);
		goto out;
	}
	doc = parse_body(&res);
	const struct json_node *list = doc ? json_root(doc) : NULL;
	if (json_type(list) != JSON_ARRAY) {
		pub_set(r, PUB_RETRY, res.status,
		    "Mastodon: listing own statuses: unreadable answer");
		goto out;
	}
	size_t n = json_count(list);
	int older = 0;
	for (size_t i = 0; i < n; i++) {
		const struct json_node *st = json_at(list, i);
		const char *id = json_text(json_get(st, "id"));
		const char *created = json_text(json_get(st, "created_at"));
		long long t = created ? mastodon_reset_time(created) : -1;
		if (!id_safe(id) || t < 0)
			continue;
		snprintf(last, lastsz, "%s", id);
		if (t < since) {
			older = 1;
			continue;
		}
		int same = masto_source_matches(m, id, p->text);
		if (same < 0) {
			pub_set(r, PUB_RETRY, 0,
			    "Mastodon: could not read a status's text to compare");
			goto out;
		}
		if (same == 1 && fill_status(st, r) == 0) {
			pub_set(r, PUB_OK, 200, "found the post made by an earlier attempt");
			rc = 1;
			goto out;
		}
	}
	*more = !older && n >= PAGE_LIMIT;
	rc = 0;
out:
	json_free(doc);
	http_response_free(&res);
	return rc;
}

static int
mastodon_reconcile(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	struct masto m;
	char account_id[80], last[80] = "", max_id[80] = "";
	long long now = env_now(a->env);
	int rc = -1, more = 1;

	memset(&m, 0, sizeof(m));
	if (p->first_sent_at <= 0 ||
	    now - p->first_sent_at < KEY_TRUST_SECONDS) {
		/* never sent, or the instance still holds the key: a resend
		 * with it returns the original status instead of a new one */
		pub_set(r, PUB_RETRY, 0,
		    "Mastodon: resending with the same Idempotency-Key is safe");
		return 0;
	}
	if (masto_open(&m, a, r) < 0)
		goto out;
	if (p->text == NULL ||
	    masto_own_id(&m, account_id, sizeof(account_id), NULL, 0, r) < 0)
		goto out;
	for (int page = 0; page < MAX_PAGES && more; page++) {
		int found = masto_scan_page(&m, account_id, max_id,
		    p->first_sent_at - CLOCK_SLACK_SECONDS, p, &more, last,
		    sizeof(last), r);
		if (found != 0) {
			rc = found;
			goto out;
		}
		if (strcmp(last, max_id) == 0)
			more = 0;
		snprintf(max_id, sizeof(max_id), "%s", last);
	}
	if (more) {
		pub_set(r, PUB_RETRY, 0,
		    "Mastodon: too many statuses since the first attempt to check");
		goto out;
	}
	pub_set(r, PUB_RETRY, 0, "Mastodon: no post from an earlier attempt");
	rc = 0;
out:
	masto_close(&m);
	return rc;
}

static void
mastodon_test(const struct pub_account *a, struct pub_result *r)
{
	struct masto m;
	char id[80], acct[160], detail[200];

	if (masto_open(&m, a, r) < 0)
		goto out;
	if (masto_own_id(&m, id, sizeof(id), acct, sizeof(acct), r) < 0)
		goto out;
	snprintf(detail, sizeof(detail), "@%s", acct);
	pub_set(r, PUB_OK, 200, detail);
out:
	masto_close(&m);
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static long long
days_from_civil(long long y, int mo, int d)
{
	y -= mo <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Reads exactly n digits at *s into *v, advancing *s. 0 or -1. */
static int
digits(const char **s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		char c = (*s)[i];
		if (c < '0' || c > '9')
			return -1;
		*v = *v * 10 + (c - '0');
	}
	*s += n;
	return 0;
}

long long
mastodon_reset_time(const char *s)
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0, frac = 0;
	long long off = 0;

	if (s == NULL || digits(&s, 4, &y) < 0 || *s++ != '-' ||
	    digits(&s, 2, &mo) < 0 || *s++ != '-' || digits(&s, 2, &d) < 0 ||
	    (*s != 'T' && *s != 't' && *s != ' '))
		return -1;
	s++;
	if (digits(&s, 2, &h) < 0 || *s++ != ':' || digits(&s, 2, &mi) < 0 ||
	    *s++ != ':' || digits(&s, 2, &sec) < 0)
		return -1;
	if (*s == '.' || *s == ',') {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		while (*s >= '0' && *s <= '9')
			frac |= *s++ != '0';
	}
	if (*s == 'Z' || *s == 'z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		int sign = *s++ == '-' ? -1 : 1;
		if (digits(&s, 2, &oh) < 0)
			return -1;
		if (*s == ':')
			s++;
		if (digits(&s, 2, &om) < 0 || oh > 23 || om > 59)
			return -1;
		off = sign * (oh * 3600LL + om * 60LL);
	} else {
		return -1;
	}
	if (*s != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 ||
	    mi > 59 || sec > 60)
		return -1;
	return days_from_civil(y, mo, d) * 86400 + h * 3600LL + mi * 60LL +
	    sec - off + frac;
}

enum pub_class
mastodon_classify(long status, const char *body, int is_write)
{
	if (status >= 200 && status <= 299)
		return PUB_OK;
	if (status == 401 || status == 403)
		return PUB_REAUTH;
	if (status == 422)
		/* attaching media still being processed: try again soon */
		return body != NULL && strstr(body, "not finished processing") ?
		    PUB_RETRY : PUB_PERMANENT;
	if (status == 429)
		return PUB_RATE_LIMITED;
	if (status >= 500)
		return is_write ? PUB_UNKNOWN : PUB_RETRY;
	return PUB_PERMANENT;
}

const struct platform_ops platform_mastodon = {
	.name = "mastodon",
	.prepare = NULL,
	.publish = mastodon_publish,
	.reconcile = mastodon_reconcile,
	.test = mastodon_test,
};
