/* platform.h — one small interface in front of every social platform.
 *
 * A connector (src/platform/<name>.c) turns one delivery of one approved
 * post into HTTP exchanges and classifies what came back. It never touches
 * the database, never logs and never returns post text or secrets in
 * pub_result.detail: the publisher stores and shows that sentence.
 *
 * The classes (see ../shared/reference/platforms.md, section 0):
 *   PUB_OK           published; remote_id and remote_url are set;
 *   PUB_RETRY        refused before it had any effect: send again later;
 *   PUB_RATE_LIMITED quota used up; retry_at says when (0 = unknown);
 *   PUB_PERMANENT    the content or request was rejected: a person must act;
 *   PUB_REAUTH       the credentials are invalid or revoked: an admin must
 *                    reconnect the account;
 *   PUB_UNKNOWN      the request may have landed (timeout, dropped
 *                    connection, 5xx on a create): never resend blindly —
 *                    the publisher calls reconcile first. */
#ifndef CP_PLATFORM_H
#define CP_PLATFORM_H

#include <stddef.h>

struct json_node;
struct sbuf;

enum pub_class {
	PUB_OK, PUB_RETRY, PUB_RATE_LIMITED, PUB_PERMANENT, PUB_REAUTH,
	PUB_UNKNOWN
};

/* Settings shared by all connectors, from configuration (Platforms.*,
 * Publisher.*): API bases the organisation cannot choose per account, and
 * network limits. Numbers drift, so none of them is in code. */
struct platform_env {
	const char *x_api;            /* https://api.x.com */
	const char *facebook_api;     /* https://graph.facebook.com/v25.0 */
	const char *linkedin_api;     /* https://api.linkedin.com/rest */
	const char *linkedin_version; /* Linkedin-Version header, YYYYMM */
	const char *bluesky_pds;      /* default PDS, https://bsky.social */
	const char *public_url;       /* Clearpost's own base URL (feed links) */
	long connect_timeout_ms;
	long timeout_ms;
	int allow_loopback_http;      /* test doubles on 127.0.0.1 */
	long long now;                /* epoch seconds (a test clock may set it) */
};

/* One account as a connector sees it. settings holds the non-secret JSON
 * object saved by the admin (e.g. {"instance": "https://…"}), secrets the
 * decrypted credentials object (e.g. {"token": "…"}). A connector that
 * renews a session (Bluesky) writes the whole replacement secrets object
 * as JSON into new_secrets (when non-NULL); the publisher encrypts and
 * stores it before anything else. */
struct pub_account {
	long long id;
	const char *platform;
	const char *name;
	const struct json_node *settings;
	const struct json_node *secrets;
	struct sbuf *new_secrets;
	const struct platform_env *env;
};

/* One delivery: the approved content, exactly as approved. */
struct pub_post {
	long long delivery_id;
	long long post_id;
	const char *text;           /* UTF-8, NUL-terminated */
	size_t text_len;
	const unsigned char *image; /* NULL when the post has none */
	size_t image_len;
	const char *image_mime;     /* "image/jpeg" or "image/png" */
	int image_width, image_height;
	const char *alt_text;       /* "" when no image */
	const char *idempotency_key; /* fixed when the delivery was created;
	                              * also the webhook-id */
	long long first_sent_at;    /* epoch s of the first attempt (0 none) */
	long long published_at;     /* epoch s of this attempt */
	/* Connector state kept in the delivery row across attempts (Bluesky:
	 * the record key and record JSON fixed before the first send). It is
	 * saved by the publisher after prepare() and before publish(). */
	const char *state;          /* "" when prepare() made none */
};

struct pub_result {
	enum pub_class cls;
	long http_status;           /* last status seen, 0 if none */
	char remote_id[256];
	char remote_url[512];
	long long retry_at;         /* epoch s, RATE_LIMITED (0 unknown) */
	char detail[200];           /* short, shown to people: no content,
	                             * no secrets, no tokens */
};

struct platform_ops {
	const char *name;           /* accounts.platform */
	/* Optional. Fixes per-delivery state before the first send and
	 * appends it to state (JSON). 0 or -1. */
	int (*prepare)(const struct pub_account *a, const struct pub_post *p,
	    struct sbuf *state);
	void (*publish)(const struct pub_account *a, const struct pub_post *p,
	    struct pub_result *r);
	/* After an earlier attempt ended PUB_UNKNOWN (or its publisher died
	 * mid-send): 1 it landed (r filled as for PUB_OK), 0 sending again
	 * cannot double it (it did not land, or the platform dedupes this
	 * delivery's key), -1 cannot tell (r->detail says why): the delivery
	 * becomes "unconfirmed" and a person decides. */
	int (*reconcile)(const struct pub_account *a, const struct pub_post *p,
	    struct pub_result *r);
	/* The cheapest authenticated call; PUB_OK with detail naming the
	 * account as the platform knows it, or the failure class. */
	void (*test)(const struct pub_account *a, struct pub_result *r);
};

/* The connector for accounts.platform, or NULL. */
const struct platform_ops *platform_find(const char *name);

/* Helpers shared by connectors (platform.c). */
void pub_set(struct pub_result *r, enum pub_class cls, long status,
    const char *detail);
/* A string setting or secret by key, or "" when absent. */
const char *pub_setting(const struct pub_account *a, const char *key);
const char *pub_secret(const struct pub_account *a, const char *key);
/* Class of an HTTP exchange that produced no usable answer: NOT_SENT ->
 * RETRY, UNKNOWN -> UNKNOWN (writes) or RETRY (reads, is_write = 0). */
struct http_response;
enum pub_class pub_class_transport(const struct http_response *h,
    int is_write);

extern const struct platform_ops platform_mastodon, platform_bluesky,
    platform_x, platform_facebook, platform_linkedin, platform_webhook,
    platform_feed;

#endif
