/* http.h — one outbound HTTPS exchange through libcurl, for the platform
 * connectors.
 *
 * TLS peer and host verification are always on. Plain http:// is refused
 * unless allow_loopback_http is set and the host is 127.0.0.1, ::1 or
 * localhost (the local test doubles). Redirects are never followed (a 3xx
 * is a response like any other). The response body is capped; a larger one
 * counts as HTTP_UNKNOWN for a write (the server did answer, but we cannot
 * read what it said).
 *
 * The outcome tells the publisher what may have happened on the far side:
 *   HTTP_DONE      a complete response arrived (status says the rest);
 *   HTTP_NOT_SENT  the request never reached the server (DNS, refused
 *                  connection, TLS handshake, bad URL): sending again
 *                  cannot double anything;
 *   HTTP_UNKNOWN   the connection timed out or dropped after the request
 *                  may have been received: the effect is unknown. */
#ifndef CP_HTTP_H
#define CP_HTTP_H

#include <stddef.h>

enum http_outcome { HTTP_DONE, HTTP_NOT_SENT, HTTP_UNKNOWN };

/* One multipart/form-data part (data is sent as is). */
struct http_part {
	const char *name;
	const char *filename;      /* NULL for a plain field */
	const char *content_type;  /* NULL for a plain field */
	const void *data;
	size_t len;
};

struct http_request {
	const char *method;             /* "GET", "POST", "PUT", "DELETE" */
	const char *url;
	const char *const *headers;     /* "Name: value" lines, NULL-ended */
	const void *body;               /* sent as is when parts == NULL */
	size_t body_len;
	const struct http_part *parts;  /* multipart body instead of body */
	size_t nparts;
	long connect_timeout_ms;        /* 0: 10 s */
	long timeout_ms;                /* whole exchange; 0: 30 s */
	size_t max_response;            /* body cap; 0: 1 MiB */
	int allow_loopback_http;
};

struct http_response {
	enum http_outcome outcome;
	long status;         /* 0 unless HTTP_DONE */
	char *body;          /* NUL-terminated, owned; may be empty */
	size_t body_len;
	char *headers;       /* raw response header block, owned */
	size_t headers_len;
	char error[160];     /* why it failed (no URL query, no secrets) */
};

/* Call once per process before any request (curl_global_init). */
int http_global_init(void);
void http_global_cleanup(void);

/* 1 when url may be used (https, or loopback http when allowed), else 0. */
int http_url_allowed(const char *url, int allow_loopback_http);

/* Performs the exchange; always fills *out (free with
 * http_response_free). Returns 0 for HTTP_DONE, -1 otherwise. */
int http_perform(const struct http_request *req, struct http_response *out);
void http_response_free(struct http_response *r);

/* The value of the last header called name (case-insensitive) in the
 * final response, copied into buf without surrounding blanks; NULL when
 * absent or when it does not fit in size - 1 bytes (never cut short). */
const char *http_header(const struct http_response *r, const char *name,
    char *buf, size_t size);

#endif
