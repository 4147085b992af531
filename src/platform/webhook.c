/* webhook.c — a generic outbound webhook (Standard Webhooks),
 * platforms.md section 6a.
 *
 * One POST of {"type":"post.published","timestamp":…,"data":{…}} with the
 * post's text and alt text and the image's SHA-256 (never its bytes),
 * signed over the exact bytes sent. webhook-id is the delivery's
 * idempotency key, the same on every retry, so the receiver can drop a
 * repeat: that is why reconcile always says "send again".
 *
 * Account JSON: settings {"url"}; secrets {"secret": "whsec_…"}. */
#include "platform.h"

#include <stdio.h>
#include <string.h>

#include "../core/crypto.h"
#include "../core/util.h"
#include "http.h"
#include "sign.h"
#include "wire.h"

#define WHO "The webhook endpoint"

void
webhook_classify(long status, const char *retry_after, long long now,
    int is_create, struct pub_result *r)
{
	char detail[sizeof(r->detail)];
	long long at = retry_after_at(retry_after, now);

	if (status >= 200 && status < 300) {
		pub_set(r, PUB_OK, status, "");
	} else if (status == 410) {
		pub_set(r, PUB_PERMANENT, status, "The webhook endpoint is gone "
		    "(HTTP 410): update or disable the account.");
	} else if (status == 401 || status == 403) {
		snprintf(detail, sizeof(detail), "The webhook endpoint refused "
		    "the signature (HTTP %ld): check the shared secret.",
		    status);
		pub_set(r, PUB_REAUTH, status, detail);
	} else if (status == 429 ||
	    ((status == 502 || status == 504) && at > 0)) {
		snprintf(detail, sizeof(detail), "The webhook endpoint asked us "
		    "to slow down (HTTP %ld).", status);
		pub_set(r, PUB_RATE_LIMITED, status, detail);
		r->retry_at = at;
	} else if (status == 502 || status == 504) {
		snprintf(detail, sizeof(detail), "The webhook endpoint's gateway "
		    "failed (HTTP %ld).", status);
		pub_set(r, PUB_RETRY, status, detail);
	} else if (status >= 500 && status < 600) {
		snprintf(detail, sizeof(detail), is_create ? "The webhook "
		    "endpoint failed (HTTP %ld): the event may have been "
		    "received." : "The webhook endpoint failed (HTTP %ld).",
		    status);
		pub_set(r, is_create ? PUB_UNKNOWN : PUB_RETRY, status, detail);
	} else if (status >= 300 && status < 400) {
		snprintf(detail, sizeof(detail), "The webhook endpoint "
		    "redirects (HTTP %ld): set its final URL.", status);
		pub_set(r, PUB_PERMANENT, status, detail);
	} else {
		snprintf(detail, sizeof(detail), "The webhook endpoint refused "
		    "the event (HTTP %ld).", status);
		pub_set(r, PUB_PERMANENT, status, detail);
	}
}

/* 1 when id can go into a header as is. */
static int
msg_id_ok(const char *id)
{
	size_t n = strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
	    "VWXYZ0123456789_.:-");
	return n > 0 && n <= 200 && id[n] == '\0';
}

/* Signs body with the account's secret and POSTs it with id as
 * webhook-id. Returns 0 when an answer arrived (r classified), -1 with r
 * filled otherwise. */
static int
send_event(const struct pub_account *a, const char *id,
    const struct sbuf *body, int is_create, struct pub_result *r)
{
	const char *url = pub_setting(a, "url");
	unsigned char key[128];
	size_t keylen = sizeof(key);
	char sig[128], retry[64];
	struct sbuf h_id, h_ts, h_sig;
	struct http_request rq;
	struct http_response resp;
	const char *headers[6];
	long long now = wire_now(a);
	int rc = -1;

	memset(&rq, 0, sizeof(rq));
	memset(&resp, 0, sizeof(resp));
	sbuf_init(&h_id);
	sbuf_init(&h_ts);
	sbuf_init(&h_sig);
	if (*url == '\0') {
		pub_set(r, PUB_PERMANENT, 0, "The webhook URL is missing: check "
		    "the account settings.");
		goto out;
	}
	if (webhook_secret_decode(pub_secret(a, "secret"), key, &keylen) != 0 ||
	    keylen == 0) {
		pub_set(r, PUB_REAUTH, 0, "The webhook secret is missing or "
		    "malformed: set a new one.");
		goto out;
	}
	if (webhook_signature(key, keylen, id, now, body->data, body->len, sig,
	    sizeof(sig)) != 0) {
		pub_set(r, PUB_RETRY, 0, "Could not sign the webhook event.");
		goto out;
	}
	sbuf_printf(&h_id, "webhook-id: %s", id);
	sbuf_printf(&h_ts, "webhook-timestamp: %lld", now);
	sbuf_printf(&h_sig, "webhook-signature: %s", sig);
	if (h_id.failed || h_ts.failed || h_sig.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		goto out;
	}
	headers[0] = "Content-Type: application/json";
	headers[1] = h_id.data;
	headers[2] = h_ts.data;
	headers[3] = h_sig.data;
	headers[4] = NULL;
	rq.method = "POST";
	rq.url = url;
	rq.headers = headers;
	rq.body = body->data;
	rq.body_len = body->len;
	if (wire_perform(a, &rq, is_create, WHO, &resp, r) != 0)
		goto out;
	webhook_classify(resp.status, http_header(&resp, "retry-after", retry,
	    sizeof(retry)), now, is_create, r);
	rc = 0;
out:
	explicit_bzero(key, sizeof(key));
	explicit_bzero(sig, sizeof(sig));
	http_response_free(&resp);
	sbuf_free(&h_id);
	sbuf_free(&h_ts);
	wire_wipe(&h_sig);
	return rc;
}

static void
wh_publish(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	struct sbuf body;
	unsigned char sum[CRYPTO_HASH_LEN];
	char hex[2 * CRYPTO_HASH_LEN + 1], when[32];
	long long t = p->first_sent_at > 0 ? p->first_sent_at :
	    p->published_at > 0 ? p->published_at : wire_now(a);
	const char *id = p->idempotency_key != NULL ? p->idempotency_key : "";

	sbuf_init(&body);
	if (!msg_id_ok(id)) {
		pub_set(r, PUB_PERMANENT, 0, "The delivery has no usable "
		    "idempotency key.");
		goto out;
	}
	if (rfc3339_utc(t, when, sizeof(when)) != 0) {
		pub_set(r, PUB_PERMANENT, 0, "The delivery has an impossible "
		    "date.");
		goto out;
	}
	/* The event timestamp is the first attempt's, so every retry sends
	 * the same event; webhook-timestamp says when this one was sent. */
	sbuf_puts(&body, "{\"type\":\"post.published\",\"timestamp\":");
	sbuf_json_string(&body, when);
	sbuf_printf(&body, ",\"data\":{\"post_id\":%lld,\"delivery_id\":%lld,"
	    "\"text\":", p->post_id, p->delivery_id);
	sbuf_json_string(&body, p->text);
	sbuf_puts(&body, ",\"alt_text\":");
	sbuf_json_string(&body, p->alt_text != NULL ? p->alt_text : "");
	if (p->image != NULL && p->image_len > 0) {
		crypto_sha256(p->image, p->image_len, sum);
		hex_encode(sum, sizeof(sum), hex);
		sbuf_puts(&body, ",\"image_sha256\":");
		sbuf_json_string(&body, hex);
		sbuf_puts(&body, ",\"image_type\":");
		sbuf_json_string(&body, p->image_mime != NULL ? p->image_mime :
		    "");
		sbuf_printf(&body, ",\"image_width\":%d,\"image_height\":%d",
		    p->image_width, p->image_height);
	}
	sbuf_puts(&body, "}}");
	if (body.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		goto out;
	}
	if (send_event(a, id, &body, 1, r) != 0 || r->cls != PUB_OK)
		goto out;
	snprintf(r->remote_id, sizeof(r->remote_id), "%s", id);
	r->remote_url[0] = '\0';
out:
	sbuf_free(&body);
}

static int
wh_reconcile(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	(void)a;
	(void)p;
	pub_set(r, PUB_RETRY, 0, "The receiver drops repeats of a "
	    "webhook-id: sending again is safe.");
	return 0;
}

static void
wh_test(const struct pub_account *a, struct pub_result *r)
{
	struct sbuf body, detail;
	char uuid[37], id[48], when[32];

	sbuf_init(&body);
	sbuf_init(&detail);
	if (uuid_v4(uuid) != 0 || rfc3339_utc(wire_now(a), when,
	    sizeof(when)) != 0) {
		pub_set(r, PUB_RETRY, 0, "Could not make a test event id.");
		goto out;
	}
	snprintf(id, sizeof(id), "test_%s", uuid);
	sbuf_puts(&body, "{\"type\":\"clearpost.test\",\"timestamp\":");
	sbuf_json_string(&body, when);
	sbuf_puts(&body, ",\"data\":{}}");
	if (body.failed) {
		pub_set(r, PUB_RETRY, 0, "Out of memory.");
		goto out;
	}
	if (send_event(a, id, &body, 0, r) != 0 || r->cls != PUB_OK)
		goto out;
	sbuf_puts(&detail, "Webhook endpoint ");
	wire_url_host(&detail, pub_setting(a, "url"));
	sbuf_printf(&detail, " accepted a signed test event (HTTP %ld).",
	    r->http_status);
	pub_set(r, PUB_OK, 0, detail.failed ? "" : detail.data);
out:
	sbuf_free(&body);
	sbuf_free(&detail);
}

const struct platform_ops platform_webhook = {
	.name = "webhook",
	.prepare = NULL,
	.publish = wh_publish,
	.reconcile = wh_reconcile,
	.test = wh_test,
};
