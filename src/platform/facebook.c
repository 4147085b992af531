/* facebook.c — Facebook Pages (Graph API), platforms.md section 4.
 *
 * The Page token travels in the Authorization header (never in a URL,
 * which proxies log); every call carries appsecret_proof in its query
 * string. A text post is POST /{page}/feed; a post with an image is one
 * POST /{page}/photos with the bytes, the caption and alt_text_custom.
 * Errors are classified by error.code / error_subcode, not HTTP status:
 * Meta has answered HTTP 500 code 2 for posts it did publish.
 *
 * No idempotency key: after an unknown outcome the Page's published posts
 * since the first attempt are listed and matched by message.
 *
 * Account JSON: settings {"page_id"}; secrets {"page_token",
 * "app_secret"}. */
#include "platform.h"

#include <stdio.h>
#include <string.h>

#include "../core/json.h"
#include "../core/util.h"
#include "http.h"
#include "sign.h"
#include "wire.h"

#define WHO "Facebook"
#define CLOCK_MARGIN 60

/* ------------------------------------------------------ classification */

/* Why a Page token died, by error_subcode of code 190. */
static const char *
token_reason(long long sub)
{
	switch (sub) {
	case 458: return "the app was removed";
	case 459: return "the account is checkpointed";
	case 460: return "the password was changed";
	case 463: return "the token expired";
	case 464: return "the account is unconfirmed";
	case 467: return "the token is invalid";
	default: return "the token is not valid";
	}
}

static int
is_throttle(long long code)
{
	return code == 4 || code == 17 || code == 32 || code == 613 ||
	    (code >= 80000 && code <= 80014);
}

int
facebook_classify(long status, const char *body, size_t len,
    int is_create, struct pub_result *r)
{
	struct json_doc *doc = NULL;
	const struct json_node *err = NULL;
	char detail[sizeof(r->detail)];
	long long code = -1, sub = 0;
	int dup = 0;

	if (body != NULL && len > 0 && json_parse(body, len, &doc) == 0)
		err = json_get(json_root(doc), "error");
	if (json_type(err) != JSON_OBJECT ||
	    json_int(json_get(err, "code"), &code) != 0) {
		if (status >= 200 && status < 300) {
			pub_set(r, PUB_OK, status, "");
		} else if (status == 401 || status == 403) {
			pub_set(r, PUB_REAUTH, status, "Facebook refused the "
			    "Page token: reconnect the account.");
		} else if (status == 429) {
			pub_set(r, PUB_RATE_LIMITED, status, "Facebook "
			    "throttled the Page.");
		} else if (status >= 500 && status < 600) {
			snprintf(detail, sizeof(detail), is_create ?
			    "Facebook failed (HTTP %ld) after receiving the "
			    "post: it may have been published." :
			    "Facebook failed (HTTP %ld).", status);
			pub_set(r, is_create ? PUB_UNKNOWN : PUB_RETRY, status,
			    detail);
		} else {
			snprintf(detail, sizeof(detail), "Facebook answered "
			    "HTTP %ld.", status);
			pub_set(r, PUB_PERMANENT, status, detail);
		}
		goto out;
	}
	if (json_int(json_get(err, "error_subcode"), &sub) != 0)
		sub = 0;
	if (code == 1 || code == 2) {
		snprintf(detail, sizeof(detail), is_create ? "Facebook "
		    "reported a temporary error (code %lld) after receiving "
		    "the post: it may have been published." : "Facebook "
		    "reported a temporary error (code %lld).", code);
		pub_set(r, is_create ? PUB_UNKNOWN : PUB_RETRY, status, detail);
	} else if (is_throttle(code)) {
		snprintf(detail, sizeof(detail), "Facebook throttled the Page "
		    "(code %lld).", code);
		pub_set(r, PUB_RATE_LIMITED, status, detail);
	} else if (code == 190 || code == 102) {
		snprintf(detail, sizeof(detail), "Facebook refused the Page "
		    "token (code %lld/%lld: %s): reconnect the account.", code,
		    sub, token_reason(sub));
		pub_set(r, PUB_REAUTH, status, detail);
	} else if (code == 100 && wire_contains_ci(json_path_text(err,
	    "message"), "appsecret_proof")) {
		/* The app secret does not belong to the token's app. */
		pub_set(r, PUB_REAUTH, status, "Facebook refused the app secret "
		    "proof (code 100): check the app secret, then reconnect.");
	} else if (code == 10 || (code >= 200 && code <= 299)) {
		snprintf(detail, sizeof(detail), "Facebook denied a permission "
		    "(code %lld): reconnect the account with "
		    "pages_manage_posts.", code);
		pub_set(r, PUB_REAUTH, status, detail);
	} else if (code == 506 || (code == 368 &&
	    (wire_contains_ci(json_path_text(err, "message"), "already posted") ||
	    wire_contains_ci(json_path_text(err, "message"), "duplicate")))) {
		snprintf(detail, sizeof(detail), "Facebook refused the post as "
		    "a duplicate (code %lld).", code);
		pub_set(r, PUB_UNKNOWN, status, detail);
		dup = 1;
	} else if (code == 368) {
		pub_set(r, PUB_PERMANENT, status, "Facebook blocked the post "
		    "as abusive (code 368): check the Page's standing.");
	} else if (status >= 500 && status < 600) {
		snprintf(detail, sizeof(detail), is_create ? "Facebook failed "
		    "(code %lld) after receiving the post: it may have been "
		    "published." : "Facebook failed (code %lld).", code);
		pub_set(r, is_create ? PUB_UNKNOWN : PUB_RETRY, status, detail);
	} else {
		snprintf(detail, sizeof(detail), "Facebook rejected the "
		    "request (code %lld/%lld).", code, sub);
		pub_set(r, PUB_PERMANENT, status, detail);
	}
out:
	json_free(doc);
	return dup;
}

long long
facebook_retry_at(const struct http_response *h, long long now)
{
	char buf[2048];
	struct json_doc *doc = NULL;
	const struct json_node *root;
	long long minutes = -1;

	if (http_header(h, "x-business-use-case-usage", buf,
	    sizeof(buf)) != NULL && json_parse(buf, strlen(buf), &doc) == 0) {
		root = json_root(doc);
		for (size_t i = 0; i < json_count(root); i++) {
			const struct json_node *list = json_at(root, i);
			for (size_t j = 0; j < json_count(list); j++) {
				long long m;
				if (json_int(json_get(json_at(list, j),
				    "estimated_time_to_regain_access"), &m) == 0 &&
				    m > minutes && m < 7 * 24 * 60)
					minutes = m;
			}
		}
		json_free(doc);
	}
	if (minutes > 0)
		return now + minutes * 60;
	return retry_after_at(http_header(h, "retry-after", buf,
	    sizeof(buf)), now);
}

/* ------------------------------------------------------------ requests */

struct fb_account {
	const struct pub_account *a;
	const char *api;
	const char *page;
	char proof[65];
	struct sbuf auth;   /* "Authorization: Bearer …" */
};

static int
fb_open(const struct pub_account *a, struct fb_account *f,
    struct pub_result *r)
{
	const char *token = pub_secret(a, "page_token");
	const char *app_secret = pub_secret(a, "app_secret");
	long long id;

	memset(f, 0, sizeof(*f));
	sbuf_init(&f->auth);
	f->a = a;
	f->api = a->env != NULL && a->env->facebook_api != NULL ?
	    a->env->facebook_api : "";
	f->page = pub_setting(a, "page_id");
	if (parse_id(f->page, &id) != 0) {
		pub_set(r, PUB_PERMANENT, 0, "The Facebook Page id is missing "
		    "or not a number: check the account settings.");
		return -1;
	}
	if (*token == '\0' || *app_secret == '\0') {
		pub_set(r, PUB_REAUTH, 0, "The Facebook credentials are "
		    "incomplete: reconnect the account.");
		return -1;
	}
	facebook_appsecret_proof(app_secret, token, f->proof);
	sbuf_printf(&f->auth, "Authorization: Bearer %s", token);
	if (f->auth.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		return -1;
	}
	return 0;
}

static void
fb_close(struct fb_account *f)
{
	wire_wipe(&f->auth);
	explicit_bzero(f->proof, sizeof(f->proof));
}

/* One exchange with {api}/{path}, appsecret_proof added to the query.
 * form: a form-encoded body (or NULL); parts: a multipart body. Returns 0
 * when a response arrived, else -1 with r filled. */
static int
fb_call(struct fb_account *f, const char *method, const char *path,
    const struct sbuf *form, const struct http_part *parts, size_t nparts,
    int is_write, struct http_response *resp, struct pub_result *r)
{
	struct sbuf url;
	struct http_request rq;
	const char *headers[4];
	size_t nh = 0;
	int rc = -1;

	memset(&rq, 0, sizeof(rq));
	memset(resp, 0, sizeof(*resp));
	sbuf_init(&url);
	sbuf_printf(&url, "%s/%s%sappsecret_proof=%s", f->api, path,
	    strchr(path, '?') != NULL ? "&" : "?", f->proof);
	if (url.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		goto out;
	}
	headers[nh++] = f->auth.data;
	headers[nh++] = "Accept: application/json";
	if (form != NULL)
		headers[nh++] = "Content-Type: application/x-www-form-urlencoded";
	headers[nh] = NULL;
	rq.method = method;
	rq.url = url.data;
	rq.headers = headers;
	if (form != NULL) {
		rq.body = form->data;
		rq.body_len = form->len;
	}
	rq.parts = parts;
	rq.nparts = nparts;
	rc = wire_perform(f->a, &rq, is_write, WHO, resp, r);
out:
	wire_wipe(&url);
	return rc;
}

/* A read: classified, rate limit noted, body parsed. Returns 0 with *doc
 * set, or -1 with r filled. */
static int
fb_get(struct fb_account *f, const char *path, struct json_doc **doc,
    struct pub_result *r)
{
	struct http_response resp;
	int rc = -1;

	*doc = NULL;
	if (fb_call(f, "GET", path, NULL, NULL, 0, 0, &resp, r) != 0)
		goto out;
	facebook_classify(resp.status, resp.body, resp.body_len, 0, r);
	if (r->cls == PUB_RATE_LIMITED)
		r->retry_at = facebook_retry_at(&resp, wire_now(f->a));
	if (r->cls != PUB_OK)
		goto out;
	if (json_parse(resp.body, resp.body_len, doc) != 0) {
		pub_set(r, PUB_RETRY, resp.status, "Facebook answered with "
		    "something unexpected.");
		goto out;
	}
	rc = 0;
out:
	http_response_free(&resp);
	return rc;
}

/* 1 when s looks like a Graph object id ("123" or "123_456"). */
static int
graph_id_ok(const char *s)
{
	size_t n;

	if (s == NULL)
		return 0;
	n = strspn(s, "0123456789_");
	return n > 0 && n < 100 && s[n] == '\0';
}

static void
set_post(const char *id, const char *permalink, struct pub_result *r)
{
	snprintf(r->remote_id, sizeof(r->remote_id), "%s", id);
	if (permalink != NULL && (strncmp(permalink, "https://", 8) == 0 ||
	    strncmp(permalink, "http://", 7) == 0))
		snprintf(r->remote_url, sizeof(r->remote_url), "%s",
		    permalink);
	else
		snprintf(r->remote_url, sizeof(r->remote_url),
		    "https://www.facebook.com/%s", id);
}

/* The post's permalink, asked for after a create; the fallback URL when
 * Facebook does not say. Never changes r->cls. */
static void
fb_permalink(struct fb_account *f, const char *id, struct pub_result *r)
{
	struct pub_result tmp;
	struct json_doc *doc = NULL;
	char path[160];

	memset(&tmp, 0, sizeof(tmp));
	snprintf(path, sizeof(path), "%s?fields=permalink_url", id);
	if (fb_get(f, path, &doc, &tmp) == 0)
		set_post(id, json_path_text(json_root(doc), "permalink_url"), r);
	else
		set_post(id, NULL, r);
	json_free(doc);
}

/* Looks for the post among the Page's posts published since since (epoch
 * s; 0: the latest 100). 1 found (r->remote_* set), 0 absent, -1 unknown
 * (r set). */
static int
fb_find(struct fb_account *f, const struct pub_post *p, long long since,
    struct pub_result *r)
{
	struct json_doc *doc = NULL;
	const struct json_node *data;
	char path[200];
	int rc = -1;

	if (since > 0)
		snprintf(path, sizeof(path), "%s/published_posts?since=%lld&"
		    "fields=id%%2Cmessage%%2Ccreated_time%%2Cpermalink_url&"
		    "limit=100", f->page, since);
	else
		snprintf(path, sizeof(path), "%s/published_posts?"
		    "fields=id%%2Cmessage%%2Ccreated_time%%2Cpermalink_url&"
		    "limit=100", f->page);
	if (fb_get(f, path, &doc, r) != 0)
		goto out;
	data = json_get(json_root(doc), "data");
	rc = 0;
	for (size_t i = 0; i < json_count(data); i++) {
		const struct json_node *post = json_at(data, i);
		const char *id = json_path_text(post, "id");
		const char *msg = json_path_text(post, "message");
		if (id != NULL && msg != NULL && graph_id_ok(id) &&
		    text_same(msg, p->text)) {
			set_post(id, json_path_text(post, "permalink_url"), r);
			rc = 1;
			break;
		}
	}
out:
	json_free(doc);
	return rc;
}

static long long
window_start(const struct pub_post *p)
{
	long long t = p->first_sent_at > 0 ? p->first_sent_at : p->published_at;
	return t > CLOCK_MARGIN ? t - CLOCK_MARGIN : 1;
}

/* ---------------------------------------------------------- operations */

static void
fb_publish(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	struct fb_account f;
	struct sbuf path, form;
	struct http_response resp;
	struct json_doc *doc = NULL;
	const char *id = NULL;
	int is_png = p->image_mime != NULL &&
	    strcmp(p->image_mime, "image/png") == 0;
	struct http_part parts[4] = {
		{ "source", is_png ? "image.png" : "image.jpg",
		    is_png ? "image/png" : "image/jpeg", p->image, p->image_len },
		{ "caption", NULL, NULL, p->text, p->text_len },
		{ "published", NULL, NULL, "true", 4 },
		{ "alt_text_custom", NULL, NULL, p->alt_text,
		    p->alt_text ? strlen(p->alt_text) : 0 },
	};
	int with_image = p->image != NULL && p->image_len > 0;

	memset(&resp, 0, sizeof(resp));
	sbuf_init(&path);
	sbuf_init(&form);
	if (fb_open(a, &f, r) != 0)
		goto out;
	if (with_image) {
		sbuf_printf(&path, "%s/photos", f.page);
	} else {
		sbuf_printf(&path, "%s/feed", f.page);
		sbuf_puts(&form, "message=");
		pct_encode(&form, p->text, p->text_len);
	}
	if (path.failed || form.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		goto out;
	}
	if (fb_call(&f, "POST", path.data, with_image ? NULL : &form,
	    with_image ? parts : NULL, with_image ? (p->alt_text != NULL &&
	    *p->alt_text ? 4 : 3) : 0, 1, &resp, r) != 0)
		goto out;
	if (facebook_classify(resp.status, resp.body, resp.body_len, 1, r)) {
		long status = resp.status;
		int found = fb_find(&f, p, window_start(p), r);
		if (found == 1)
			pub_set(r, PUB_OK, status, "Facebook already had this "
			    "post from an earlier attempt.");
		else if (found == 0)
			pub_set(r, PUB_UNKNOWN, status, "Facebook refused the "
			    "post as a duplicate, and no matching post since "
			    "the first attempt was found.");
		else
			pub_set(r, PUB_UNKNOWN, status, "Facebook refused the "
			    "post as a duplicate; the Page's posts could not be "
			    "listed to find it.");
		goto out;
	}
	if (r->cls == PUB_RATE_LIMITED)
		r->retry_at = facebook_retry_at(&resp, wire_now(a));
	if (r->cls != PUB_OK)
		goto out;
	if (json_parse(resp.body, resp.body_len, &doc) == 0) {
		id = json_path_text(json_root(doc), "post_id");
		if (id == NULL)
			id = json_path_text(json_root(doc), "id");
	}
	if (id == NULL || !graph_id_ok(id)) {
		pub_set(r, PUB_UNKNOWN, resp.status, "Facebook accepted the "
		    "post but its answer had no post id.");
		goto out;
	}
	fb_permalink(&f, id, r);
	pub_set(r, PUB_OK, resp.status, "");
out:
	json_free(doc);
	http_response_free(&resp);
	sbuf_free(&path);
	sbuf_free(&form);
	fb_close(&f);
}

static int
fb_reconcile(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	struct fb_account f;
	int found;

	if (fb_open(a, &f, r) != 0) {
		fb_close(&f);
		return -1;
	}
	found = fb_find(&f, p, window_start(p), r);
	if (found == 0) {
		/* An identical older post makes Facebook refuse a resend
		 * as duplicate: a person decides. */
		found = fb_find(&f, p, 0, r);
		r->remote_id[0] = '\0';
		r->remote_url[0] = '\0';
		if (found == 1) {
			pub_set(r, PUB_UNKNOWN, 0, "An identical Facebook post "
			    "older than this delivery exists: check the Page "
			    "before sending again.");
			found = -1;
		} else if (found == 0) {
			pub_set(r, PUB_RETRY, 0, "The post is not on the "
			    "Facebook Page: it can be sent again.");
		}
	}
	fb_close(&f);
	return found;
}

static void
fb_test(const struct pub_account *a, struct pub_result *r)
{
	struct fb_account f;
	struct json_doc *doc = NULL;
	char path[160], detail[sizeof(r->detail)];
	const char *name;

	if (fb_open(a, &f, r) != 0)
		goto out;
	snprintf(path, sizeof(path), "%s?fields=name", f.page);
	if (fb_get(&f, path, &doc, r) != 0)
		goto out;
	name = json_path_text(json_root(doc), "name");
	snprintf(detail, sizeof(detail), "Facebook Page %s",
	    name != NULL ? name : f.page);
	pub_set(r, PUB_OK, 0, detail);
out:
	json_free(doc);
	fb_close(&f);
}

const struct platform_ops platform_facebook = {
	.name = "facebook",
	.prepare = NULL,
	.publish = fb_publish,
	.reconcile = fb_reconcile,
	.test = fb_test,
};
