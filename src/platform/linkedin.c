/* linkedin.c — LinkedIn (Posts API, Community Management), platforms.md
 * section 5.
 *
 * Every call carries the member's bearer token, Linkedin-Version and
 * X-Restli-Protocol-Version. The commentary is written in LinkedIn's
 * little text format with every reserved character escaped: an unescaped
 * one makes LinkedIn silently cut the post there while answering 201. A
 * post with an image first reserves an upload (initializeUpload), PUTs
 * the bytes to the URL it gets, then names the image URN with its alt
 * text in the post.
 *
 * LinkedIn refuses identical commentary with 422 DUPLICATE_POST naming the
 * earlier post's URN. That makes a resend safe: reconcile says "send
 * again" and publish takes the named URN, once a GET confirms it exists
 * (a deleted post's "ghost" URN 404s for a day or two).
 *
 * Account JSON: settings {"organization": "urn:li:organization:N"};
 * secrets {"token"}. */
#include "platform.h"

#include <stdio.h>
#include <string.h>

#include "../core/json.h"
#include "../core/util.h"
#include "http.h"
#include "sign.h"
#include "wire.h"

#define WHO "LinkedIn"
#define ORG_PREFIX "urn:li:organization:"

/* ------------------------------------------------------ classification */

/* 1 when the body names DUPLICATE_POST as its code or an input error's. */
static int
names_duplicate(const struct json_node *root)
{
	const struct json_node *errs =
	    json_path(root, "errorDetails.inputErrors");
	const char *code = json_path_text(root, "code");

	if (code != NULL && strcmp(code, "DUPLICATE_POST") == 0)
		return 1;
	for (size_t i = 0; i < json_count(errs); i++) {
		code = json_path_text(json_at(errs, i), "code");
		if (code != NULL && strcmp(code, "DUPLICATE_POST") == 0)
			return 1;
	}
	return 0;
}

/* Copies the first "urn:li:…" in msg into urn ("" when none). */
static void
find_urn(const char *msg, char *urn, size_t urnsz)
{
	const char *p = msg != NULL ? strstr(msg, "urn:li:") : NULL;
	size_t n;

	urn[0] = '\0';
	if (p == NULL)
		return;
	n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789:_-");
	while (n > 0 && p[n - 1] == ':')
		n--;
	if (n < urnsz && n > 7)
		snprintf(urn, urnsz, "%.*s", (int)n, p);
}

int
linkedin_classify(long status, const char *body, size_t len,
    int is_create, long long now, struct pub_result *r, char *urn,
    size_t urnsz)
{
	struct json_doc *doc = NULL;
	const struct json_node *root = NULL;
	struct sbuf d;
	int dup = 0;

	if (urnsz > 0)
		urn[0] = '\0';
	sbuf_init(&d);
	if (body != NULL && len > 0 && json_parse(body, len, &doc) == 0)
		root = json_root(doc);
	if (status >= 200 && status < 300) {
		pub_set(r, PUB_OK, status, "");
	} else if (status == 401) {
		sbuf_puts(&d, "LinkedIn refused the token (");
		wire_ident(&d, json_path_text(root, "code"));
		sbuf_puts(&d, "): reconnect the account (tokens last 60 days).");
		pub_set(r, PUB_REAUTH, status, d.failed ? "" : d.data);
	} else if (status == 403) {
		pub_set(r, PUB_REAUTH, status, "LinkedIn denied access (HTTP "
		    "403): the member must administer the Page and grant "
		    "w_organization_social.");
	} else if (status == 422 && names_duplicate(root)) {
		find_urn(json_path_text(root, "message"), urn, urnsz);
		pub_set(r, PUB_UNKNOWN, status, "LinkedIn refused the post as "
		    "a duplicate of an earlier one.");
		dup = 1;
	} else if (status == 426) {
		pub_set(r, PUB_PERMANENT, status, "LinkedIn no longer accepts "
		    "the configured API version: update "
		    "Platforms.LinkedIn.Version.");
	} else if (status == 429) {
		pub_set(r, PUB_RATE_LIMITED, status, "LinkedIn daily limit "
		    "reached.");
		r->retry_at = next_utc_midnight(now);
	} else if (status >= 500 && status < 600) {
		sbuf_printf(&d, is_create ? "LinkedIn failed (HTTP %ld) after "
		    "receiving the post: it may have been published." :
		    "LinkedIn failed (HTTP %ld).", status);
		pub_set(r, is_create ? PUB_UNKNOWN : PUB_RETRY, status,
		    d.failed ? "" : d.data);
	} else {
		sbuf_printf(&d, "LinkedIn rejected the request (HTTP %ld", status);
		if (json_path_text(root, "code") != NULL) {
			sbuf_puts(&d, ", ");
			wire_ident(&d, json_path_text(root, "code"));
		}
		sbuf_puts(&d, ").");
		pub_set(r, PUB_PERMANENT, status, d.failed ? "" : d.data);
	}
	sbuf_free(&d);
	json_free(doc);
	return dup;
}

/* ------------------------------------------------------------ requests */

struct li_account {
	const struct pub_account *a;
	const char *api;
	const char *org;        /* urn:li:organization:N */
	const char *org_id;     /* N */
	struct sbuf auth;       /* "Authorization: Bearer …" */
	struct sbuf version;    /* "Linkedin-Version: YYYYMM" */
};

static int
li_open(const struct pub_account *a, struct li_account *l,
    struct pub_result *r)
{
	const char *token = pub_secret(a, "token");
	const char *ver = a->env != NULL && a->env->linkedin_version != NULL ?
	    a->env->linkedin_version : "";
	long long id;

	memset(l, 0, sizeof(*l));
	sbuf_init(&l->auth);
	sbuf_init(&l->version);
	l->a = a;
	l->api = a->env != NULL && a->env->linkedin_api != NULL ?
	    a->env->linkedin_api : "";
	l->org = pub_setting(a, "organization");
	if (strncmp(l->org, ORG_PREFIX, strlen(ORG_PREFIX)) != 0 ||
	    parse_id(l->org + strlen(ORG_PREFIX), &id) != 0) {
		pub_set(r, PUB_PERMANENT, 0, "The LinkedIn organization is not "
		    "an urn:li:organization URN: check the account settings.");
		return -1;
	}
	l->org_id = l->org + strlen(ORG_PREFIX);
	if (strlen(ver) != 6 || strspn(ver, "0123456789") != 6) {
		pub_set(r, PUB_PERMANENT, 0, "Platforms.LinkedIn.Version is not "
		    "a YYYYMM version: fix the configuration.");
		return -1;
	}
	if (*token == '\0') {
		pub_set(r, PUB_REAUTH, 0, "The LinkedIn token is missing: "
		    "reconnect the account.");
		return -1;
	}
	sbuf_printf(&l->auth, "Authorization: Bearer %s", token);
	sbuf_printf(&l->version, "Linkedin-Version: %s", ver);
	if (l->auth.failed || l->version.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		return -1;
	}
	return 0;
}

static void
li_close(struct li_account *l)
{
	wire_wipe(&l->auth);
	sbuf_free(&l->version);
}

/* One exchange with url (absolute). body: JSON (or NULL); raw: bytes of
 * raw_type instead (the image upload). Returns 0 when a response arrived,
 * else -1 with r filled. */
static int
li_call(struct li_account *l, const char *method, const char *url,
    const struct sbuf *body, const void *raw, size_t raw_len,
    const char *raw_type, int is_write, struct http_response *resp,
    struct pub_result *r)
{
	struct sbuf ctype;
	struct http_request rq;
	const char *headers[7];
	size_t nh = 0;
	int rc;

	memset(&rq, 0, sizeof(rq));
	sbuf_init(&ctype);
	headers[nh++] = l->auth.data;
	headers[nh++] = l->version.data;
	headers[nh++] = "X-Restli-Protocol-Version: 2.0.0";
	headers[nh++] = "Accept: application/json";
	if (body != NULL) {
		headers[nh++] = "Content-Type: application/json";
		rq.body = body->data;
		rq.body_len = body->len;
	} else if (raw != NULL) {
		sbuf_printf(&ctype, "Content-Type: %s", raw_type);
		headers[nh++] = ctype.failed ? "Content-Type: "
		    "application/octet-stream" : ctype.data;
		rq.body = raw;
		rq.body_len = raw_len;
	}
	headers[nh] = NULL;
	rq.method = method;
	rq.url = url;
	rq.headers = headers;
	rc = wire_perform(l->a, &rq, is_write, WHO, resp, r);
	sbuf_free(&ctype);
	return rc;
}

/* Reserves an upload, PUTs the image, writes its URN into image_urn. */
static int
li_image(struct li_account *l, const struct pub_post *p, char *image_urn,
    size_t urnsz, struct pub_result *r)
{
	struct sbuf url, body;
	struct http_response resp;
	struct json_doc *doc = NULL;
	const char *upload, *image;
	char urn[8];
	int rc = -1;

	memset(&resp, 0, sizeof(resp));
	sbuf_init(&url);
	sbuf_init(&body);
	sbuf_printf(&url, "%s/images?action=initializeUpload", l->api);
	sbuf_puts(&body, "{\"initializeUploadRequest\":{\"owner\":");
	sbuf_json_string(&body, l->org);
	sbuf_puts(&body, "}}");
	if (url.failed || body.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		goto out;
	}
	/* Reserving an upload creates nothing anyone sees: not a write. */
	if (li_call(l, "POST", url.data, &body, NULL, 0, NULL, 0, &resp,
	    r) != 0)
		goto out;
	linkedin_classify(resp.status, resp.body, resp.body_len, 0,
	    wire_now(l->a), r, urn, sizeof(urn));
	if (r->cls != PUB_OK)
		goto out;
	if (json_parse(resp.body, resp.body_len, &doc) != 0 ||
	    (upload = json_path_text(json_root(doc), "value.uploadUrl")) ==
	    NULL || (image = json_path_text(json_root(doc), "value.image")) ==
	    NULL || strncmp(image, "urn:li:image:", 13) != 0 ||
	    strlen(image) >= urnsz) {
		pub_set(r, PUB_RETRY, resp.status, "LinkedIn answered the "
		    "image upload request with something unexpected.");
		goto out;
	}
	snprintf(image_urn, urnsz, "%s", image);
	http_response_free(&resp);
	if (li_call(l, "PUT", upload, NULL, p->image, p->image_len,
	    p->image_mime != NULL ? p->image_mime : "application/octet-stream",
	    0, &resp, r) != 0)
		goto out;
	linkedin_classify(resp.status, resp.body, resp.body_len, 0,
	    wire_now(l->a), r, urn, sizeof(urn));
	if (r->cls == PUB_OK)
		rc = 0;
out:
	json_free(doc);
	http_response_free(&resp);
	sbuf_free(&url);
	sbuf_free(&body);
	return rc;
}

static void
set_post(const char *urn, struct pub_result *r)
{
	snprintf(r->remote_id, sizeof(r->remote_id), "%s", urn);
	snprintf(r->remote_url, sizeof(r->remote_url),
	    "https://www.linkedin.com/feed/update/%s/", urn);
}

/* 1 when s is a post URN we can put in a path and a URL. */
static int
post_urn_ok(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
	    "VWXYZ0123456789:_-");
	return strncmp(s, "urn:li:", 7) == 0 && n > 7 && n < 200 &&
	    s[n] == '\0';
}

/* GET /posts/{urn}: 1 it exists, 0 it 404s (a ghost), -1 unknown. */
static int
li_exists(struct li_account *l, const char *urn, struct pub_result *r)
{
	struct sbuf url;
	struct http_response resp;
	char none[8];
	int rc = -1;

	memset(&resp, 0, sizeof(resp));
	sbuf_init(&url);
	sbuf_printf(&url, "%s/posts/", l->api);
	pct_encode(&url, urn, strlen(urn));
	if (url.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		goto out;
	}
	if (li_call(l, "GET", url.data, NULL, NULL, 0, NULL, 0, &resp, r) != 0)
		goto out;
	if (resp.status == 404 || resp.status == 410) {
		rc = 0;
		goto out;
	}
	linkedin_classify(resp.status, resp.body, resp.body_len, 0,
	    wire_now(l->a), r, none, sizeof(none));
	if (r->cls == PUB_OK)
		rc = 1;
out:
	http_response_free(&resp);
	sbuf_free(&url);
	return rc;
}

/* The Posts API body for p (image_urn "" when none). */
static void
post_body(struct sbuf *b, const struct li_account *l,
    const struct pub_post *p, const char *image_urn)
{
	struct sbuf commentary;

	sbuf_init(&commentary);
	sbuf_append(&commentary, "", 0);
	little_text_escape(&commentary, p->text);
	if (commentary.failed) {
		b->failed = 1;
		return;
	}
	sbuf_puts(b, "{\"author\":");
	sbuf_json_string(b, l->org);
	sbuf_puts(b, ",\"commentary\":");
	sbuf_json_string(b, commentary.data);
	sbuf_puts(b, ",\"visibility\":\"PUBLIC\",\"distribution\":"
	    "{\"feedDistribution\":\"MAIN_FEED\",\"targetEntities\":[],"
	    "\"thirdPartyDistributionChannels\":[]}");
	if (image_urn[0] != '\0') {
		sbuf_puts(b, ",\"content\":{\"media\":{\"id\":");
		sbuf_json_string(b, image_urn);
		sbuf_puts(b, ",\"altText\":");
		sbuf_json_string(b, p->alt_text != NULL ? p->alt_text : "");
		sbuf_puts(b, "}}");
	}
	sbuf_puts(b, ",\"lifecycleState\":\"PUBLISHED\","
	    "\"isReshareDisabledByAuthor\":false}");
	sbuf_free(&commentary);
}

/* ---------------------------------------------------------- operations */

static void
li_publish(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	struct li_account l;
	struct sbuf url, body;
	struct http_response resp;
	char image_urn[200] = "", urn[200], hdr[256];

	memset(&resp, 0, sizeof(resp));
	sbuf_init(&url);
	sbuf_init(&body);
	if (li_open(a, &l, r) != 0)
		goto out;
	if (p->image != NULL && p->image_len > 0 &&
	    li_image(&l, p, image_urn, sizeof(image_urn), r) != 0)
		goto out;
	sbuf_printf(&url, "%s/posts", l.api);
	post_body(&body, &l, p, image_urn);
	if (url.failed || body.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		goto out;
	}
	if (li_call(&l, "POST", url.data, &body, NULL, 0, NULL, 1, &resp,
	    r) != 0)
		goto out;
	if (linkedin_classify(resp.status, resp.body, resp.body_len, 1,
	    wire_now(a), r, urn, sizeof(urn))) {
		long status = resp.status;
		int found;
		if (!post_urn_ok(urn)) {
			pub_set(r, PUB_UNKNOWN, status, "LinkedIn refused the "
			    "post as a duplicate without naming the earlier "
			    "one.");
			goto out;
		}
		found = li_exists(&l, urn, r);
		if (found == 1) {
			set_post(urn, r);
			pub_set(r, PUB_OK, status, "LinkedIn already had this "
			    "post from an earlier attempt.");
		} else if (found == 0) {
			pub_set(r, PUB_UNKNOWN, status, "LinkedIn refused the "
			    "post as a duplicate of a post that no longer "
			    "exists: check the Page before sending again.");
		} else {
			pub_set(r, PUB_UNKNOWN, status, "LinkedIn refused the "
			    "post as a duplicate; the earlier post could not "
			    "be checked.");
		}
		goto out;
	}
	if (r->cls != PUB_OK)
		goto out;
	if (http_header(&resp, "x-restli-id", hdr, sizeof(hdr)) == NULL ||
	    !post_urn_ok(hdr)) {
		/* Created, but we cannot tell which post it is; a resend
		 * will name it in DUPLICATE_POST. */
		pub_set(r, PUB_UNKNOWN, resp.status, "LinkedIn accepted the "
		    "post but did not return its id.");
		goto out;
	}
	set_post(hdr, r);
out:
	http_response_free(&resp);
	sbuf_free(&url);
	sbuf_free(&body);
	li_close(&l);
}

/* LinkedIn refuses identical commentary with DUPLICATE_POST naming the
 * earlier post, and publish takes that post once confirmed: sending again
 * cannot double the post. */
static int
li_reconcile(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	(void)a;
	(void)p;
	pub_set(r, PUB_RETRY, 0, "LinkedIn refuses duplicates: sending again "
	    "finds the earlier post if it landed.");
	return 0;
}

static void
li_test(const struct pub_account *a, struct pub_result *r)
{
	struct li_account l;
	struct sbuf url;
	struct http_response resp;
	struct json_doc *doc = NULL;
	char urn[8], detail[sizeof(r->detail)];
	const char *name = NULL;

	memset(&resp, 0, sizeof(resp));
	sbuf_init(&url);
	if (li_open(a, &l, r) != 0)
		goto out;
	sbuf_printf(&url, "%s/organizations/%s", l.api, l.org_id);
	if (url.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		goto out;
	}
	if (li_call(&l, "GET", url.data, NULL, NULL, 0, NULL, 0, &resp, r) != 0)
		goto out;
	linkedin_classify(resp.status, resp.body, resp.body_len, 0,
	    wire_now(a), r, urn, sizeof(urn));
	if (r->cls != PUB_OK)
		goto out;
	if (json_parse(resp.body, resp.body_len, &doc) == 0)
		name = json_path_text(json_root(doc), "localizedName");
	snprintf(detail, sizeof(detail), "LinkedIn organization %s",
	    name != NULL ? name : l.org);
	pub_set(r, PUB_OK, 0, detail);
out:
	json_free(doc);
	http_response_free(&resp);
	sbuf_free(&url);
	li_close(&l);
}

const struct platform_ops platform_linkedin = {
	.name = "linkedin",
	.prepare = NULL,
	.publish = li_publish,
	.reconcile = li_reconcile,
	.test = li_test,
};
