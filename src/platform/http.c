/* http.c — one outbound exchange through libcurl (see http.h).
 *
 * Every exchange gets a fresh easy handle: no connection, cookie or DNS
 * state survives from one delivery to the next. The URL is parsed once
 * with curl_url, checked (scheme and loopback host), and that same parsed
 * handle is given to curl, so what was checked is what is fetched.
 *
 * The outcome is decided from what curl says happened on the wire: an
 * error before the connection (and, for https, the TLS handshake) was
 * complete means no byte of the request can have reached the server
 * (HTTP_NOT_SENT); any failure after that point may follow a request the
 * server has acted on (HTTP_UNKNOWN). */
#include "http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "../core/util.h"

#define DEFAULT_CONNECT_MS 10000L
#define DEFAULT_TIMEOUT_MS 30000L
#define DEFAULT_MAX_RESPONSE ((size_t)1 << 20)
#define MAX_HEADER_BLOCK ((size_t)256 << 10)
/* Above this a declared Content-Length is not checked up front (the write
 * callback still enforces the cap). */
#define MAX_DECLARED ((size_t)1 << 40)

struct exchange {
	struct sbuf body;
	struct sbuf headers;
	size_t max_body;
	int too_big;        /* body over the cap: transfer aborted */
	int headers_too_big;
};

int
http_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void
http_global_cleanup(void)
{
	curl_global_cleanup();
}

static int
is_loopback_host(const char *host)
{
	return strcmp(host, "127.0.0.1") == 0 || strcmp(host, "[::1]") == 0 ||
	    strcmp(host, "::1") == 0 || strcasecmp(host, "localhost") == 0;
}

/* Parses url into a new CURLU handle (*out, freed by the caller) when it
 * may be used, and says through *is_https which scheme it has. Returns 0,
 * or -1 with *out NULL. */
static int
parse_allowed(const char *url, int allow_loopback_http, CURLU **out,
    int *is_https)
{
	CURLU *u;
	char *scheme = NULL, *host = NULL;
	int ok = 0;

	*out = NULL;
	if (url == NULL || (u = curl_url()) == NULL)
		return -1;
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) !=
	    CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    *host == '\0')
		goto out;
	if (strcasecmp(scheme, "https") == 0) {
		*is_https = 1;
		ok = 1;
	} else if (strcasecmp(scheme, "http") == 0 && allow_loopback_http &&
	    is_loopback_host(host)) {
		*is_https = 0;
		ok = 1;
	}
out:
	curl_free(scheme);
	curl_free(host);
	if (!ok) {
		curl_url_cleanup(u);
		return -1;
	}
	*out = u;
	return 0;
}

int
http_url_allowed(const char *url, int allow_loopback_http)
{
	CURLU *u;
	int https;

	if (parse_allowed(url, allow_loopback_http, &u, &https) < 0)
		return 0;
	curl_url_cleanup(u);
	return 1;
}

static size_t
on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct exchange *x = arg;
	size_t n = size * nmemb;

	if (n > x->max_body - x->body.len) {
		x->too_big = 1;
		return 0; /* CURLE_WRITE_ERROR: stop reading */
	}
	sbuf_append(&x->body, data, n);
	return x->body.failed ? 0 : n;
}

/* Keeps the header block of the final response only: a status line
 * ("HTTP/…") starts a new response (after 100 Continue, for one). */
static size_t
on_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct exchange *x = arg;
	size_t n = size * nmemb;

	if (n >= 5 && memcmp(data, "HTTP/", 5) == 0)
		x->headers.len = 0;
	if (n > MAX_HEADER_BLOCK - x->headers.len) {
		x->headers_too_big = 1;
		return 0;
	}
	sbuf_append(&x->headers, data, n);
	return x->headers.failed ? 0 : n;
}

/* Errors that prove the request never left: the URL, the name, the
 * connection or the TLS handshake failed. */
static int
never_sent(CURLcode rc)
{
	switch (rc) {
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
	case CURLE_NOT_BUILT_IN:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_SSL_ENGINE_SETFAILED:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ENGINE_INITFAILED:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CRL_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_CLIENTCERT:
	case CURLE_FAILED_INIT:
	case CURLE_BAD_FUNCTION_ARGUMENT:
	case CURLE_UNKNOWN_OPTION:
		return 1;
	default:
		return 0;
	}
}

/* Whether the connection was ever ready to carry the request: TCP
 * connected and, for https, the TLS handshake done. Before that point
 * nothing of the request can have been sent (curl sends no TLS early
 * data). */
static int
was_connected(CURL *c, int https)
{
	curl_off_t connect_us = 0, tls_us = 0;

	if (curl_easy_getinfo(c, CURLINFO_CONNECT_TIME_T, &connect_us) !=
	    CURLE_OK || connect_us <= 0)
		return 0;
	if (!https)
		return 1;
	if (curl_easy_getinfo(c, CURLINFO_APPCONNECT_TIME_T, &tls_us) !=
	    CURLE_OK)
		return 0;
	return tls_us > 0;
}

static void
set_error(struct http_response *out, enum http_outcome outcome,
    const char *what, const char *why)
{
	out->outcome = outcome;
	out->status = 0;
	snprintf(out->error, sizeof(out->error), "%s%s%s", what,
	    why != NULL && *why ? ": " : "", why != NULL ? why : "");
}

/* curl's own message, unless it repeats part of the URL after the host
 * (a query can hold a token) or any request header value: then only the
 * fixed text of the error code. */
static const char *
safe_detail(const char *errbuf, CURLcode rc, CURLU *u,
    const struct http_request *req)
{
	char *path = NULL, *query = NULL;
	int safe = errbuf[0] != '\0';

	if (safe && curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK &&
	    strstr(errbuf, query) != NULL)
		safe = 0;
	if (safe && curl_url_get(u, CURLUPART_PATH, &path, 0) == CURLUE_OK &&
	    strcmp(path, "/") != 0 && strstr(errbuf, path) != NULL)
		safe = 0;
	if (safe && strchr(errbuf, '?') != NULL)
		safe = 0;
	for (size_t i = 0; safe && req->headers != NULL && req->headers[i];
	    i++) {
		const char *v = strchr(req->headers[i], ':');
		if (v == NULL)
			continue;
		v += strspn(v + 1, " \t") + 1;
		if (strlen(v) >= 3 && strstr(errbuf, v) != NULL)
			safe = 0;
	}
	curl_free(path);
	curl_free(query);
	return safe ? errbuf : curl_easy_strerror(rc);
}

/* Request headers as a curl list; refuses a line holding CR or LF (it
 * would smuggle a header in) or without a colon. Adds "Expect:" so that a
 * large body is not held back waiting for 100 Continue. */
static int
build_headers(const struct http_request *req, struct curl_slist **out)
{
	struct curl_slist *list = NULL, *t;

	*out = NULL;
	for (size_t i = 0; req->headers != NULL && req->headers[i]; i++) {
		const char *h = req->headers[i];
		if (strpbrk(h, "\r\n") != NULL || strchr(h, ':') == NULL ||
		    *h == ':')
			goto fail;
		if ((t = curl_slist_append(list, h)) == NULL)
			goto fail;
		list = t;
	}
	if ((t = curl_slist_append(list, "Expect:")) == NULL)
		goto fail;
	*out = t;
	return 0;
fail:
	curl_slist_free_all(list);
	return -1;
}

static int
build_mime(CURL *c, const struct http_request *req, curl_mime **out)
{
	curl_mime *m = curl_mime_init(c);

	*out = m;
	if (m == NULL)
		return -1;
	for (size_t i = 0; i < req->nparts; i++) {
		const struct http_part *p = &req->parts[i];
		curl_mimepart *part = curl_mime_addpart(m);
		if (part == NULL || p->name == NULL ||
		    curl_mime_name(part, p->name) != CURLE_OK ||
		    curl_mime_data(part, p->data != NULL ? p->data : "",
		    p->data != NULL ? p->len : 0) != CURLE_OK)
			return -1;
		if (p->filename != NULL &&
		    curl_mime_filename(part, p->filename) != CURLE_OK)
			return -1;
		if (p->content_type != NULL &&
		    curl_mime_type(part, p->content_type) != CURLE_OK)
			return -1;
	}
	return 0;
}

/* Sets the method and body; -1 for a method we do not speak. */
static int
set_method(CURL *c, const struct http_request *req, curl_mime *mime)
{
	const char *m = req->method != NULL ? req->method : "GET";
	int has_body = mime != NULL || req->body_len > 0;
	CURLcode rc = CURLE_OK;

	if (strcmp(m, "GET") == 0 && !has_body)
		return curl_easy_setopt(c, CURLOPT_HTTPGET, 1L) == CURLE_OK ?
		    0 : -1;
	if (strcmp(m, "GET") == 0 || (strcmp(m, "POST") != 0 &&
	    strcmp(m, "PUT") != 0 && strcmp(m, "DELETE") != 0))
		return -1;
	if (mime != NULL)
		rc = curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
	else if (has_body || strcmp(m, "DELETE") != 0) {
		rc = curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)req->body_len);
		if (rc == CURLE_OK)
			rc = curl_easy_setopt(c, CURLOPT_POSTFIELDS,
			    req->body != NULL ? req->body : "");
	}
	if (rc == CURLE_OK && strcmp(m, "POST") != 0)
		rc = curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, m);
	return rc == CURLE_OK ? 0 : -1;
}

int
http_perform(const struct http_request *req, struct http_response *out)
{
	struct exchange x;
	CURL *c = NULL;
	CURLU *u = NULL;
	struct curl_slist *hdrs = NULL;
	curl_mime *mime = NULL;
	char errbuf[CURL_ERROR_SIZE];
	const char *proto;
	int https = 0, ok = 0;
	CURLcode rc;

	memset(out, 0, sizeof(*out));
	memset(&x, 0, sizeof(x));
	sbuf_init(&x.body);
	sbuf_init(&x.headers);
	errbuf[0] = '\0';
	out->outcome = HTTP_NOT_SENT;
	x.max_body = req->max_response ? req->max_response :
	    DEFAULT_MAX_RESPONSE;

	if (parse_allowed(req->url, req->allow_loopback_http, &u, &https) <
	    0) {
		set_error(out, HTTP_NOT_SENT, "URL refused",
		    "https only (http to loopback when allowed)");
		goto out;
	}
	if (build_headers(req, &hdrs) < 0) {
		set_error(out, HTTP_NOT_SENT, "request refused",
		    "bad header line");
		goto out;
	}
	if ((c = curl_easy_init()) == NULL) {
		set_error(out, HTTP_NOT_SENT, "out of memory", NULL);
		goto out;
	}
	if (req->parts != NULL && build_mime(c, req, &mime) < 0) {
		set_error(out, HTTP_NOT_SENT, "request refused",
		    "bad multipart part");
		goto out;
	}
	if (set_method(c, req, mime) < 0) {
		set_error(out, HTTP_NOT_SENT, "request refused",
		    "unsupported method");
		goto out;
	}
	proto = https ? "https" : "http";
	if (curl_easy_setopt(c, CURLOPT_CURLU, u) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, proto) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https") !=
	    CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 0L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_SSLVERSION,
	    (long)CURL_SSLVERSION_TLSv1_2) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_PROXY, "") != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
	    req->connect_timeout_ms > 0 ? req->connect_timeout_ms :
	    DEFAULT_CONNECT_MS) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, req->timeout_ms > 0 ?
	    req->timeout_ms : DEFAULT_TIMEOUT_MS) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)(x.max_body < MAX_DECLARED ? x.max_body :
	    MAX_DECLARED)) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_USERAGENT, "Clearpost") != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_WRITEDATA, &x) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header) !=
	    CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_HEADERDATA, &x) != CURLE_OK ||
	    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf) != CURLE_OK) {
		set_error(out, HTTP_NOT_SENT, "cannot set up the request",
		    NULL);
		goto out;
	}

	rc = curl_easy_perform(c);
	if (rc == CURLE_OK && !x.body.failed && !x.headers.failed) {
		long status = 0;
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
		out->outcome = HTTP_DONE;
		out->status = status;
		ok = 1;
	} else if (x.too_big || rc == CURLE_FILESIZE_EXCEEDED)
		set_error(out, HTTP_UNKNOWN, "response too large", NULL);
	else if (x.headers_too_big)
		set_error(out, HTTP_UNKNOWN, "response headers too large",
		    NULL);
	else if (rc == CURLE_OK || rc == CURLE_OUT_OF_MEMORY ||
	    x.body.failed || x.headers.failed)
		set_error(out, was_connected(c, https) ? HTTP_UNKNOWN :
		    HTTP_NOT_SENT, "out of memory", NULL);
	else if (never_sent(rc) || !was_connected(c, https))
		set_error(out, HTTP_NOT_SENT, "not sent",
		    safe_detail(errbuf, rc, u, req));
	else
		set_error(out, HTTP_UNKNOWN, "no complete answer",
		    safe_detail(errbuf, rc, u, req));
out:
	/* body and headers are always owned strings, possibly empty. */
	if (x.body.data == NULL || x.body.failed) {
		free(x.body.data);
		x.body.data = calloc(1, 1);
		x.body.len = 0;
	}
	if (x.headers.data == NULL || x.headers.failed) {
		free(x.headers.data);
		x.headers.data = calloc(1, 1);
		x.headers.len = 0;
	}
	out->body = x.body.data;
	out->body_len = out->body != NULL ? x.body.len : 0;
	out->headers = x.headers.data;
	out->headers_len = out->headers != NULL ? x.headers.len : 0;
	if (c != NULL)
		curl_easy_cleanup(c);
	curl_mime_free(mime);
	curl_slist_free_all(hdrs);
	curl_url_cleanup(u);
	return ok ? 0 : -1;
}

void
http_response_free(struct http_response *r)
{
	if (r == NULL)
		return;
	free(r->body);
	free(r->headers);
	r->body = r->headers = NULL;
	r->body_len = r->headers_len = 0;
}

const char *
http_header(const struct http_response *r, const char *name, char *buf,
    size_t size)
{
	const char *p, *end, *found = NULL;
	size_t nlen, flen = 0;

	if (r == NULL || r->headers == NULL || name == NULL || size == 0)
		return NULL;
	nlen = strlen(name);
	p = r->headers;
	end = r->headers + r->headers_len;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *next = eol != NULL ? eol + 1 : end;
		const char *le = eol != NULL ? eol : end;

		if ((size_t)(le - p) > nlen && p[nlen] == ':' &&
		    strncasecmp(p, name, nlen) == 0) {
			const char *v = p + nlen + 1;
			while (v < le && (*v == ' ' || *v == '\t'))
				v++;
			while (le > v && (le[-1] == '\r' || le[-1] == ' ' ||
			    le[-1] == '\t'))
				le--;
			found = v;
			flen = (size_t)(le - v);
		}
		p = next;
	}
	if (found == NULL || flen >= size)
		return NULL;
	memcpy(buf, found, flen);
	buf[flen] = '\0';
	return buf;
}
