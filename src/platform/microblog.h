/* microblog.h — the pure parts of the Mastodon and Bluesky connectors
 * (mastodon.c, bluesky.c), exposed so unit tests can check them against
 * the published vectors in ../shared/reference/platforms.md (sections 1
 * and 2). No I/O, no globals. */
#ifndef CP_PLATFORM_MICROBLOG_H
#define CP_PLATFORM_MICROBLOG_H

#include <stddef.h>

#include "platform.h"

struct sbuf;

/* Epoch seconds of an ISO 8601 UTC timestamp as Mastodon sends it in
 * X-RateLimit-Reset ("2026-03-01T12:35:00.000000Z"; a numeric offset
 * "+01:00" is honoured too). A fraction of a second rounds up, so a
 * caller that sleeps until then never wakes before the reset. Returns -1
 * when s is not such a timestamp. */
long long mastodon_reset_time(const char *s);

/* The class of a finished Mastodon exchange from its status and body
 * (section 1, Errors): 2xx OK; 401/403 REAUTH; 422 PERMANENT except the
 * "not finished processing" media case, which is RETRY; 429 RATE_LIMITED;
 * 5xx UNKNOWN when is_write (a status create) else RETRY; other codes
 * PERMANENT. body may be NULL. */
enum pub_class mastodon_classify(long status, const char *body,
    int is_write);

/* The class of a finished XRPC exchange from its status and body
 * (section 2, Errors): 2xx OK; 400 ExpiredToken RETRY (the caller renews
 * the session first); 400 InvalidToken, 401 AuthMissing or
 * AuthenticationRequired REAUTH; AccountTakedown, AccountDeactivated
 * PERMANENT; other 400s and 413 PERMANENT; 429 RATE_LIMITED; 5xx UNKNOWN
 * when is_write (a record write) else RETRY. body may be NULL. */
enum pub_class bluesky_classify(long status, const char *body,
    int is_write);

/* A run of bytes in a post's text: [start, end), UTF-8 byte offsets. */
struct byte_span {
	size_t start;
	size_t end;
};

/* Finds the http:// and https:// links in text[0..len) the way Bluesky's
 * own client does: a link starts at the beginning or after white space or
 * "(", runs to the next white space, and loses one trailing . , ; : ! ?
 * and then a ")" that has no "(" inside the link. Stores at most max
 * spans and returns how many links there are (possibly more than max). */
size_t bluesky_find_links(const char *text, size_t len,
    struct byte_span *spans, size_t max);

/* Appends the record's "facets" array for the links of text (one
 * app.bsky.richtext.facet#link each) and returns how many it wrote; with
 * no link it appends nothing and returns 0. text must be valid UTF-8. */
size_t bluesky_facets_json(struct sbuf *b, const char *text, size_t len);

#endif
