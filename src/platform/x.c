/* x.c — X (API v2, OAuth 1.0a user context), platforms.md section 3.
 *
 * Every request carries its own OAuth 1.0a header (a JSON or multipart
 * body is not signed; a query string is). A post with an image is three
 * calls: upload the bytes, set the alt text, create the post naming the
 * media id. Only the last one can double a post: a failed upload or alt
 * text leaves an orphan that X expires, so those are RETRY, never UNKNOWN.
 *
 * X has no idempotency key. After an unknown outcome the account's posts
 * since the first attempt are listed and matched by text; a resend that X
 * refuses as duplicate content means the first attempt landed.
 *
 * Account JSON: settings {"username"}; secrets {"consumer_key",
 * "consumer_secret", "access_token", "access_token_secret"}. */
#include "platform.h"

#include <stdio.h>
#include <string.h>

#include "../core/json.h"
#include "../core/util.h"
#include "http.h"
#include "sign.h"
#include "wire.h"

#define WHO "X"
/* Posts listed when reconciling start this long before the first attempt,
 * for clock differences between us and X. */
#define CLOCK_MARGIN 60

/* ------------------------------------------------------ classification */

int
x_classify(long status, const char *body, size_t len, int is_create,
    struct pub_result *r)
{
	struct json_doc *doc = NULL;
	const struct json_node *root = NULL;
	char detail[sizeof(r->detail)];
	int dup = 0;

	if (body != NULL && len > 0 && json_parse(body, len, &doc) == 0)
		root = json_root(doc);
	if (status >= 200 && status < 300) {
		if (is_create && json_get(root, "data") == NULL)
			pub_set(r, PUB_PERMANENT, status, "X answered without "
			    "creating the post.");
		else
			pub_set(r, PUB_OK, status, "");
	} else if (status == 400) {
		pub_set(r, PUB_PERMANENT, status, "X rejected the request as "
		    "invalid (HTTP 400).");
	} else if (status == 401) {
		pub_set(r, PUB_REAUTH, status, "X refused the credentials "
		    "(HTTP 401): check the server clock, then reconnect the "
		    "account.");
	} else if (status == 403 &&
	    (wire_contains_ci(json_path_text(root, "detail"), "duplicate") ||
	    wire_contains_ci(json_path_text(root, "errors.0.message"),
	    "duplicate"))) {
		pub_set(r, PUB_UNKNOWN, status, "X refused the text as a "
		    "duplicate of a recent post of the account.");
		dup = 1;
	} else if (status == 403) {
		pub_set(r, PUB_PERMANENT, status, "X refused the request "
		    "(HTTP 403): the app may lack write access or the account "
		    "is locked.");
	} else if (status == 429) {
		pub_set(r, PUB_RATE_LIMITED, status, "X rate limit reached.");
	} else if (status >= 500 && status < 600) {
		snprintf(detail, sizeof(detail), is_create ?
		    "X failed (HTTP %ld) after receiving the post: it may "
		    "have been published." : "X failed (HTTP %ld).", status);
		pub_set(r, is_create ? PUB_UNKNOWN : PUB_RETRY, status, detail);
	} else {
		snprintf(detail, sizeof(detail), "X answered HTTP %ld.",
		    status);
		pub_set(r, PUB_PERMANENT, status, detail);
	}
	json_free(doc);
	return dup;
}

/* An epoch-seconds header value, or 0. */
static long long
header_epoch(const struct http_response *h, const char *name)
{
	char buf[32];
	long long v;

	if (http_header(h, name, buf, sizeof(buf)) == NULL ||
	    parse_id(buf, &v) != 0)
		return 0;
	return v;
}

static int
header_is_zero(const struct http_response *h, const char *name)
{
	char buf[32];
	return http_header(h, name, buf, sizeof(buf)) != NULL &&
	    strcmp(buf, "0") == 0;
}

long long
x_retry_at(const struct http_response *h, long long now)
{
	static const char *const daily[][2] = {
		{ "x-user-limit-24hour-remaining", "x-user-limit-24hour-reset" },
		{ "x-app-limit-24hour-remaining", "x-app-limit-24hour-reset" },
	};
	char buf[64];
	long long at = header_epoch(h, "x-rate-limit-reset");

	for (size_t i = 0; i < sizeof(daily) / sizeof(daily[0]); i++) {
		long long reset = header_epoch(h, daily[i][1]);
		if (header_is_zero(h, daily[i][0]) && reset > at)
			at = reset;
	}
	if (at == 0)
		at = retry_after_at(http_header(h, "retry-after", buf,
		    sizeof(buf)), now);
	return at;
}

/* The length of the HTML entity X writes for '&', '<' or '>' at s (X
 * escapes them in post text) with *c set to the character, or 0. */
static size_t
x_entity(const char *s, char *c)
{
	static const struct { const char *ent; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
	};
	for (size_t k = 0; k < sizeof(ents) / sizeof(ents[0]); k++) {
		size_t n = strlen(ents[k].ent);
		if (strncmp(s, ents[k].ent, n) == 0) {
			*c = ents[k].c;
			return n;
		}
	}
	return 0;
}

/* 1 when a URL entity stands for attached media (X appends a link to the
 * photo to the text of a post with media). */
static int
is_media_entity(const struct json_node *e)
{
	const char *exp = json_path_text(e, "expanded_url");
	return json_get(e, "media_key") != NULL || (exp != NULL &&
	    strstr(exp, "/status/") != NULL && (strstr(exp, "/photo/") !=
	    NULL || strstr(exp, "/video/") != NULL));
}

/* The URL entity of tweet whose t.co link starts at t, with its length in
 * *n, or NULL. */
static const struct json_node *
url_entity_at(const struct json_node *urls, const char *t, size_t *n)
{
	for (size_t i = 0; i < json_count(urls); i++) {
		const char *u = json_path_text(json_at(urls, i), "url");
		*n = u != NULL ? strlen(u) : 0;
		if (*n > 0 && strncmp(t, u, *n) == 0)
			return json_at(urls, i);
	}
	return NULL;
}

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int
x_tweet_matches(const struct json_node *tweet, const char *text)
{
	const char *t = json_path_text(tweet, "text"), *s = text;
	const struct json_node *urls = json_path(tweet, "entities.urls");
	const struct json_node *e;
	size_t n;
	char c;

	if (t == NULL)
		return 0;
	while (blank(*t))
		t++;
	while (blank(*s))
		s++;
	for (;;) {
		while (*s == '\r')
			s++;
		while (*t == '\r')
			t++;
		if ((e = url_entity_at(urls, t, &n)) != NULL) {
			const char *exp = json_path_text(e, "expanded_url");
			size_t el = exp != NULL ? strlen(exp) : 0;
			t += n;
			if (is_media_entity(e))
				continue;
			/* X writes a bare "example.org" as http://example.org. */
			if (el > 0 && strncmp(s, exp, el) == 0)
				s += el;
			else if (el > 7 && strncmp(exp, "http://", 7) == 0 &&
			    strncmp(s, exp + 7, el - 7) == 0)
				s += el - 7;
			else
				return 0;
			continue;
		}
		if (*t == '\0' || *s == '\0')
			break;
		if ((n = x_entity(t, &c)) == 0) {
			c = *t;
			n = 1;
		}
		if (*s != c)
			return 0;
		s++;
		t += n;
	}
	/* What is left on either side may only be blanks and, on X's side,
	 * the link X appends for attached media. */
	for (;;) {
		while (blank(*t))
			t++;
		if ((e = url_entity_at(urls, t, &n)) == NULL || !is_media_entity(e))
			break;
		t += n;
	}
	while (blank(*s))
		s++;
	return *t == '\0' && *s == '\0';
}

/* ------------------------------------------------------------ requests */

struct x_account {
	const struct pub_account *a;
	struct oauth1_keys keys;
	const char *api;
	char user_id[32];
	char username[32];
};

/* 1 when s is an X id: decimal digits (19 of them today, more than a
 * long long may hold one day), kept as text. */
static int
id_ok(const char *s)
{
	size_t n = strspn(s, "0123456789");
	return n > 0 && n <= 30 && s[n] == '\0';
}

/* 1 when s is a plausible X user name (letters, digits, underscore). */
static int
username_ok(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
	    "VWXYZ0123456789_");
	return n > 0 && n <= 30 && s[n] == '\0';
}

static int
x_open(const struct pub_account *a, struct x_account *x,
    struct pub_result *r)
{
	const char *user = pub_setting(a, "username");

	memset(x, 0, sizeof(*x));
	x->a = a;
	x->keys.consumer_key = pub_secret(a, "consumer_key");
	x->keys.consumer_secret = pub_secret(a, "consumer_secret");
	x->keys.token = pub_secret(a, "access_token");
	x->keys.token_secret = pub_secret(a, "access_token_secret");
	x->api = a->env != NULL && a->env->x_api != NULL ? a->env->x_api : "";
	if (*x->keys.consumer_key == '\0' || *x->keys.consumer_secret == '\0' ||
	    *x->keys.token == '\0' || *x->keys.token_secret == '\0') {
		pub_set(r, PUB_REAUTH, 0, "The X credentials are incomplete: "
		    "reconnect the account.");
		return -1;
	}
	if (*user == '@')
		user++;
	if (username_ok(user))
		snprintf(x->username, sizeof(x->username), "%s", user);
	return 0;
}

/* One signed exchange. content_type NULL: no body (or multipart parts).
 * Returns 0 when a response arrived, else -1 with r filled. */
static int
x_call(struct x_account *x, const char *method, const char *url,
    const char *content_type, const struct sbuf *body,
    const struct http_part *parts, size_t nparts, int is_write,
    struct http_response *resp, struct pub_result *r)
{
	struct sbuf auth, ctype;
	struct http_request rq;
	const char *headers[4];
	size_t nh = 0;
	int rc = -1;

	memset(&rq, 0, sizeof(rq));
	memset(resp, 0, sizeof(*resp));
	sbuf_init(&auth);
	sbuf_init(&ctype);
	sbuf_puts(&auth, "Authorization: ");
	if (oauth1_authorization(&auth, method, url, NULL, 0, &x->keys, NULL,
	    wire_now(x->a)) != 0 || auth.failed) {
		pub_set(r, PUB_RETRY, 0, "Could not sign the X request.");
		goto out;
	}
	headers[nh++] = auth.data;
	headers[nh++] = "Accept: application/json";
	if (content_type != NULL) {
		sbuf_printf(&ctype, "Content-Type: %s", content_type);
		if (ctype.failed) {
			pub_set(r, PUB_RETRY, 0, "Out of memory.");
			goto out;
		}
		headers[nh++] = ctype.data;
	}
	headers[nh] = NULL;
	rq.method = method;
	rq.url = url;
	rq.headers = headers;
	if (body != NULL) {
		rq.body = body->data;
		rq.body_len = body->len;
	}
	rq.parts = parts;
	rq.nparts = nparts;
	rc = wire_perform(x->a, &rq, is_write, WHO, resp, r);
out:
	wire_wipe(&auth);
	sbuf_free(&ctype);
	return rc;
}

static void
set_post(struct x_account *x, const char *id, struct pub_result *r)
{
	snprintf(r->remote_id, sizeof(r->remote_id), "%s", id);
	if (x->username[0] != '\0')
		snprintf(r->remote_url, sizeof(r->remote_url),
		    "https://x.com/%s/status/%s", x->username, id);
	else
		snprintf(r->remote_url, sizeof(r->remote_url),
		    "https://x.com/i/web/status/%s", id);
}

/* GET /2/users/me: the account's id and user name. 0 or -1 (r set). */
static int
x_me(struct x_account *x, struct pub_result *r)
{
	struct sbuf url;
	struct http_response resp;
	struct json_doc *doc = NULL;
	const char *id, *name;
	int rc = -1;

	sbuf_init(&url);
	sbuf_printf(&url, "%s/2/users/me", x->api);
	if (url.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		sbuf_free(&url);
		return -1;
	}
	if (x_call(x, "GET", url.data, NULL, NULL, NULL, 0, 0, &resp, r) != 0)
		goto out;
	x_classify(resp.status, resp.body, resp.body_len, 0, r);
	if (r->cls == PUB_RATE_LIMITED)
		r->retry_at = x_retry_at(&resp, wire_now(x->a));
	if (r->cls != PUB_OK)
		goto out;
	if (json_parse(resp.body, resp.body_len, &doc) != 0 ||
	    (id = json_path_text(json_root(doc), "data.id")) == NULL ||
	    (name = json_path_text(json_root(doc), "data.username")) == NULL ||
	    !id_ok(id) || !username_ok(name)) {
		pub_set(r, PUB_RETRY, resp.status, "X answered the account "
		    "lookup with something unexpected.");
		goto out;
	}
	snprintf(x->user_id, sizeof(x->user_id), "%s", id);
	snprintf(x->username, sizeof(x->username), "%s", name);
	rc = 0;
out:
	json_free(doc);
	http_response_free(&resp);
	sbuf_free(&url);
	return rc;
}

/* Looks for the post among the account's posts created since since
 * (epoch s; 0: the latest 100). Returns 1 with r->remote_id and
 * r->remote_url set, 0 when absent, -1 when X could not tell us (r set). */
static int
x_find(struct x_account *x, const struct pub_post *p, long long since,
    struct pub_result *r)
{
	struct sbuf url;
	struct http_response resp;
	struct json_doc *doc = NULL;
	const struct json_node *data;
	char when[32];
	int rc = -1;

	memset(&resp, 0, sizeof(resp));
	sbuf_init(&url);
	if (x->user_id[0] == '\0' && x_me(x, r) != 0)
		goto out;
	sbuf_printf(&url, "%s/2/users/%s/tweets?max_results=100&"
	    "tweet.fields=", x->api, x->user_id);
	pct_encode(&url, "created_at,entities", 19);
	if (since > 0) {
		if (rfc3339_utc(since, when, sizeof(when)) != 0) {
			pub_set(r, PUB_PERMANENT, 0, "The first attempt has an "
			    "impossible date.");
			goto out;
		}
		sbuf_puts(&url, "&start_time=");
		pct_encode(&url, when, strlen(when));
	}
	if (url.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		goto out;
	}
	if (x_call(x, "GET", url.data, NULL, NULL, NULL, 0, 0, &resp, r) != 0)
		goto out;
	x_classify(resp.status, resp.body, resp.body_len, 0, r);
	if (r->cls == PUB_RATE_LIMITED)
		r->retry_at = x_retry_at(&resp, wire_now(x->a));
	if (r->cls != PUB_OK)
		goto out;
	if (json_parse(resp.body, resp.body_len, &doc) != 0) {
		pub_set(r, PUB_RETRY, resp.status, "X answered the post "
		    "listing with something unexpected.");
		goto out;
	}
	data = json_get(json_root(doc), "data");
	rc = 0;
	for (size_t i = 0; i < json_count(data); i++) {
		const struct json_node *t = json_at(data, i);
		const char *id = json_path_text(t, "id");
		if (id != NULL && id_ok(id) &&
		    x_tweet_matches(t, p->text)) {
			set_post(x, id, r);
			rc = 1;
			break;
		}
	}
out:
	json_free(doc);
	http_response_free(&resp);
	sbuf_free(&url);
	return rc;
}

static long long
window_start(const struct pub_post *p)
{
	long long t = p->first_sent_at > 0 ? p->first_sent_at : p->published_at;
	return t > CLOCK_MARGIN ? t - CLOCK_MARGIN : 1;
}

/* Uploads the image and sets its alt text; media_id gets the id. */
static int
x_media(struct x_account *x, const struct pub_post *p, char *media_id,
    size_t idsz, struct pub_result *r)
{
	struct sbuf url, body;
	struct http_response resp;
	struct json_doc *doc = NULL;
	const char *id;
	int is_png = p->image_mime != NULL &&
	    strcmp(p->image_mime, "image/png") == 0;
	struct http_part parts[2] = {
		{ "media", is_png ? "image.png" : "image.jpg",
		    is_png ? "image/png" : "image/jpeg", p->image, p->image_len },
		{ "media_category", NULL, NULL, "tweet_image", 11 },
	};
	int rc = -1;

	memset(&resp, 0, sizeof(resp));
	sbuf_init(&url);
	sbuf_init(&body);
	sbuf_printf(&url, "%s/2/media/upload", x->api);
	if (url.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		goto out;
	}
	if (x_call(x, "POST", url.data, NULL, NULL, parts, 2, 0, &resp,
	    r) != 0)
		goto out;
	x_classify(resp.status, resp.body, resp.body_len, 0, r);
	if (r->cls == PUB_RATE_LIMITED)
		r->retry_at = x_retry_at(&resp, wire_now(x->a));
	if (r->cls != PUB_OK)
		goto out;
	if (json_parse(resp.body, resp.body_len, &doc) != 0 ||
	    ((id = json_path_text(json_root(doc), "data.id")) == NULL &&
	    (id = json_path_text(json_root(doc), "media_id_string")) == NULL) ||
	    !id_ok(id)) {
		pub_set(r, PUB_RETRY, resp.status, "X answered the image "
		    "upload without a media id.");
		goto out;
	}
	snprintf(media_id, idsz, "%s", id);
	if (p->alt_text == NULL || *p->alt_text == '\0') {
		rc = 0;
		goto out;
	}
	http_response_free(&resp);
	url.len = 0;
	sbuf_printf(&url, "%s/2/media/metadata", x->api);
	sbuf_puts(&body, "{\"id\":");
	sbuf_json_string(&body, media_id);
	sbuf_puts(&body, ",\"metadata\":{\"alt_text\":{\"text\":");
	sbuf_json_string(&body, p->alt_text);
	sbuf_puts(&body, "}}}");
	if (url.failed || body.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		goto out;
	}
	if (x_call(x, "POST", url.data, "application/json", &body, NULL, 0, 0,
	    &resp, r) != 0)
		goto out;
	x_classify(resp.status, resp.body, resp.body_len, 0, r);
	if (r->cls == PUB_RATE_LIMITED)
		r->retry_at = x_retry_at(&resp, wire_now(x->a));
	if (r->cls == PUB_OK)
		rc = 0;
out:
	json_free(doc);
	http_response_free(&resp);
	sbuf_free(&url);
	sbuf_free(&body);
	return rc;
}

/* ---------------------------------------------------------- operations */

static void
x_publish(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	struct x_account x;
	struct sbuf url, body;
	struct http_response resp;
	struct json_doc *doc = NULL;
	char media_id[32] = "";
	const char *id;

	memset(&resp, 0, sizeof(resp));
	sbuf_init(&url);
	sbuf_init(&body);
	if (x_open(a, &x, r) != 0)
		goto out;
	if (p->image != NULL && p->image_len > 0 &&
	    x_media(&x, p, media_id, sizeof(media_id), r) != 0)
		goto out;
	sbuf_printf(&url, "%s/2/tweets", x.api);
	sbuf_puts(&body, "{\"text\":");
	sbuf_json_string(&body, p->text);
	if (media_id[0] != '\0') {
		sbuf_puts(&body, ",\"media\":{\"media_ids\":[");
		sbuf_json_string(&body, media_id);
		sbuf_puts(&body, "]}");
	}
	sbuf_puts(&body, "}");
	if (url.failed || body.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		goto out;
	}
	if (x_call(&x, "POST", url.data, "application/json", &body, NULL, 0, 1,
	    &resp, r) != 0)
		goto out;
	if (x_classify(resp.status, resp.body, resp.body_len, 1, r)) {
		/* A resend refused as duplicate: the earlier attempt landed. */
		long status = resp.status;
		int found = x_find(&x, p, window_start(p), r);
		if (found == 1)
			pub_set(r, PUB_OK, status, "X already had this post "
			    "from an earlier attempt.");
		else if (found == 0)
			pub_set(r, PUB_UNKNOWN, status, "X refused the text as "
			    "a duplicate, and no matching post since the first "
			    "attempt was found.");
		else
			pub_set(r, PUB_UNKNOWN, status, "X refused the text as "
			    "a duplicate; the account's posts could not be "
			    "listed to find it.");
		goto out;
	}
	if (r->cls == PUB_RATE_LIMITED)
		r->retry_at = x_retry_at(&resp, wire_now(a));
	if (r->cls != PUB_OK)
		goto out;
	if (json_parse(resp.body, resp.body_len, &doc) != 0 ||
	    (id = json_path_text(json_root(doc), "data.id")) == NULL ||
	    !id_ok(id)) {
		/* Created, but we cannot tell which post it is. */
		pub_set(r, PUB_UNKNOWN, resp.status, "X accepted the post but "
		    "its answer had no post id.");
		goto out;
	}
	set_post(&x, id, r);
out:
	json_free(doc);
	http_response_free(&resp);
	sbuf_free(&url);
	sbuf_free(&body);
}

static int
x_reconcile(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	struct x_account x;
	int found;

	if (x_open(a, &x, r) != 0)
		return -1;
	found = x_find(&x, p, window_start(p), r);
	if (found != 0)
		return found;
	/* Not there. If an identical post older than this delivery exists,
	 * X would refuse a resend as duplicate and nobody could tell which
	 * post is ours: a person decides. */
	found = x_find(&x, p, 0, r);
	r->remote_id[0] = '\0';
	r->remote_url[0] = '\0';
	if (found == 1) {
		pub_set(r, PUB_UNKNOWN, 0, "An identical X post older than "
		    "this delivery exists: check the account before sending "
		    "again.");
		return -1;
	}
	if (found < 0)
		return -1;
	pub_set(r, PUB_RETRY, 0, "The post is not on X: it can be sent "
	    "again.");
	return 0;
}

static void
x_test(const struct pub_account *a, struct pub_result *r)
{
	struct x_account x;
	char detail[sizeof(r->detail)];

	if (x_open(a, &x, r) != 0 || x_me(&x, r) != 0)
		return;
	snprintf(detail, sizeof(detail), "X account @%s", x.username);
	pub_set(r, PUB_OK, 0, detail);
}

const struct platform_ops platform_x = {
	.name = "x",
	.prepare = NULL,
	.publish = x_publish,
	.reconcile = x_reconcile,
	.test = x_test,
};
