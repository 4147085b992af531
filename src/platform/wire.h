/* wire.h — what the X, Facebook, LinkedIn and webhook connectors share:
 * the wire formats they write (little text, RFC 3339, HTTP dates), the
 * classification of each platform's answers as pure functions of (status,
 * body, headers), and one exchange with the account's network limits.
 *
 * The classifiers follow ../shared/reference/platforms.md sections 3-6 and
 * are unit-tested with the bodies quoted there (tests/unit/
 * test_platform_text.c). Every detail they write is a fixed sentence with
 * at most numbers and platform error identifiers in it: never text from a
 * message field, which may quote the post. */
#ifndef CP_PLATFORM_WIRE_H
#define CP_PLATFORM_WIRE_H

#include <stddef.h>

#include "platform.h"

struct sbuf;
struct http_request;
struct http_response;
struct json_node;

/* Appends s with every character LinkedIn's little text format reserves
 * (\ | { } @ [ ] ( ) < > # * _ ~) backslash-escaped, so the commentary
 * shows exactly as written (an unescaped one silently truncates the post
 * there). Other bytes, UTF-8 included, pass unchanged. */
void little_text_escape(struct sbuf *b, const char *s);

/* Writes t (epoch seconds, UTC) as "YYYY-MM-DDTHH:MM:SSZ" into out
 * (>= 21 bytes). Returns 0, or -1 when t is out of the years 0-9999. */
int rfc3339_utc(long long t, char *out, size_t outsz);

/* Epoch seconds of an HTTP Retry-After value (delta-seconds or an
 * IMF-fixdate such as "Sun, 06 Nov 1994 08:49:37 GMT") relative to now;
 * 0 when value is NULL or malformed. */
long long retry_after_at(const char *value, long long now);

/* The next 00:00:00 UTC strictly after now (LinkedIn's daily reset). */
long long next_utc_midnight(long long now);

/* 1 when a and b are the same text once CRs are dropped and leading and
 * trailing whitespace trimmed (platforms normalise line ends and trim). */
int text_same(const char *a, const char *b);

/* X: classifies a finished exchange (status, body) of a create (is_create:
 * a 5xx is UNKNOWN, not RETRY) or a read. Fills r->cls, r->http_status and
 * r->detail (r->retry_at is left alone: see x_retry_at). Returns 1 when X
 * refused the text as a duplicate of a post of the account (r->cls is then
 * PUB_UNKNOWN until reconciled), else 0. A 2xx with data is PUB_OK. */
int x_classify(long status, const char *body, size_t len, int is_create,
    struct pub_result *r);
/* X: when a 429 may be retried, from x-rate-limit-reset (epoch s) and, if
 * a 24-hour remaining count is 0, that limit's reset; 0 when unknown. */
long long x_retry_at(const struct http_response *h, long long now);
/* X: 1 when tweet (a data[] element of GET /2/users/:id/tweets) carries
 * text, comparing with t.co links replaced by entities.urls[].expanded_url,
 * the trailing media link dropped and &amp; &lt; &gt; decoded. */
int x_tweet_matches(const struct json_node *tweet, const char *text);

/* Facebook: classifies by error.code and error_subcode (HTTP status only
 * when the body has no error object). Returns 1 for a duplicate refusal
 * (506, or 368 whose message says the content was already posted), else
 * 0. Codes 1 and 2 are PUB_UNKNOWN on a create, PUB_RETRY otherwise. */
int facebook_classify(long status, const char *body, size_t len,
    int is_create, struct pub_result *r);
/* Facebook: now + the largest estimated_time_to_regain_access (minutes) in
 * X-Business-Use-Case-Usage; 0 when absent. */
long long facebook_retry_at(const struct http_response *h, long long now);

/* LinkedIn: classifies (status, body); returns 1 for 422 DUPLICATE_POST,
 * copying the URN named in its message into urn (size urnsz; "" when it
 * names none), else 0. A 429 sets r->retry_at to the next 00:00 UTC. */
int linkedin_classify(long status, const char *body, size_t len,
    int is_create, long long now, struct pub_result *r, char *urn,
    size_t urnsz);

/* Webhook receiver's answer: 2xx OK; 410 PERMANENT (endpoint gone);
 * 401/403 REAUTH (signature refused: the secret differs); 429 RATE_LIMITED
 * and 502/504 RATE_LIMITED when Retry-After says when, else RETRY; other
 * 5xx UNKNOWN on a delivery (RETRY on a test); 3xx and other 4xx
 * PERMANENT. */
void webhook_classify(long status, const char *retry_after, long long now,
    int is_create, struct pub_result *r);

/* The account's clock: env->now when a test clock set it, else time(). */
long long wire_now(const struct pub_account *a);

/* Performs rq with the account's timeouts and loopback rule. Returns 0
 * when a complete response arrived (resp->status says the rest). Returns
 * -1 otherwise with r filled: PUB_PERMANENT when the URL is not allowed
 * (https, or loopback http in tests), else the transport class (is_write:
 * a dropped write is PUB_UNKNOWN). who names the platform in r->detail.
 * resp is always left for http_response_free. */
int wire_perform(const struct pub_account *a, struct http_request *rq,
    int is_write, const char *who, struct http_response *resp,
    struct pub_result *r);

/* 1 when needle occurs in hay, ignoring ASCII case (NULL hay: 0). */
int wire_contains_ci(const char *hay, const char *needle);

/* Appends to b the characters of s that may appear in a platform error
 * identifier (A-Z a-z 0-9 _ . -), at most 40 of them: enough to name
 * "DUPLICATE_POST" in a detail, never enough to quote content. */
void wire_ident(struct sbuf *b, const char *s);

/* Overwrites and frees a buffer that held a token or a signature. */
void wire_wipe(struct sbuf *b);
/* 1 when s may go into an HTTP header value as is: not empty, printable
 * ASCII without blanks (a token, a key, an id); 0 for NULL. */
int wire_header_safe(const char *s);

/* Appends the host of an http(s) URL (no user info, port kept) to b, for
 * details that must not show a path or query that may carry a token. */
void wire_url_host(struct sbuf *b, const char *url);

#endif
