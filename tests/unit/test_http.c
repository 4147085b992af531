/* The libcurl wrapper against a tiny scripted HTTP server: a forked child
 * listening on 127.0.0.1, one behaviour per test. What is checked is what
 * the publisher relies on: whether a request can have reached the server
 * (NOT_SENT vs UNKNOWN), the final status, headers and body, and that no
 * secret from the URL or headers ends up in the error text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "../../src/platform/http.h"

enum script {
	S_ECHO,            /* 200, body = the request as received */
	S_INTERIM,         /* 100 Continue (with a header), then 201 */
	S_SLOW,            /* reads the request, answers after 3 s */
	S_CLOSE_AT_ONCE,   /* accepts and closes without reading */
	S_CLOSE_AFTER_READ,/* reads the request, closes without a word */
	S_BIG_LENGTH,      /* Content-Length 5000 */
	S_BIG_STREAM,      /* 5000 bytes, no length, then close */
	S_EXACT,           /* exactly 1000 bytes */
	S_PARTIAL,         /* Content-Length 100, sends 10, closes */
	S_REDIRECT,        /* /start -> 302 to /followed */
	S_SILENT,          /* accepts, never reads or writes */
	S_PLAIN_400        /* plain HTTP 400 to whatever arrives (TLS) */
};

struct server {
	pid_t pid;
	int port;
	char url[64];
};

#define SECRET_QUERY "QUERY-SECRET-42"
#define SECRET_HEADER "HEADER-SECRET-42"

static void
write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void
write_str(int fd, const char *s)
{
	write_all(fd, s, strlen(s));
}

/* Reads one request (head and Content-Length body) into buf; returns its
 * length, or 0 at end of stream. */
static size_t
read_request(int fd, char *buf, size_t size)
{
	size_t len = 0, need = 0;
	char *head_end = NULL;

	while (len < size - 1) {
		ssize_t r = read(fd, buf + len, size - 1 - len);
		if (r <= 0)
			return 0;
		len += (size_t)r;
		buf[len] = '\0';
		if (head_end == NULL &&
		    (head_end = strstr(buf, "\r\n\r\n")) != NULL) {
			const char *cl = strstr(buf, "Content-Length:");
			need = (size_t)(head_end + 4 - buf);
			if (cl != NULL && cl < head_end)
				need += strtoul(cl + 15, NULL, 10);
		}
		if (head_end != NULL && len >= need)
			return len;
	}
	return len;
}

static void
answer(int fd, enum script s, const char *req, size_t reqlen, int port)
{
	char head[512];
	static char big[5000];

	switch (s) {
	case S_ECHO:
		snprintf(head, sizeof(head), "HTTP/1.1 200 OK\r\n"
		    "Content-Type: text/plain\r\nX-Rate: 1\r\n"
		    "x-rate:  2  \r\nX-Empty:\r\nX-Trace: abc\r\n"
		    "Content-Length: %zu\r\n\r\n", reqlen);
		write_str(fd, head);
		write_all(fd, req, reqlen);
		break;
	case S_INTERIM:
		write_str(fd, "HTTP/1.1 100 Continue\r\nX-Interim: yes\r\n\r\n"
		    "HTTP/1.1 201 Created\r\nx-restli-id: urn:li:share:1\r\n"
		    "Content-Length: 0\r\n\r\n");
		break;
	case S_SLOW:
		sleep(3);
		write_str(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
		break;
	case S_BIG_LENGTH:
	case S_BIG_STREAM:
	case S_EXACT:
		memset(big, 'b', sizeof(big));
		if (s == S_BIG_STREAM)
			write_str(fd, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
		else {
			snprintf(head, sizeof(head), "HTTP/1.1 200 OK\r\n"
			    "Content-Length: %d\r\n\r\n", s == S_EXACT ? 1000 :
			    5000);
			write_str(fd, head);
		}
		write_all(fd, big, s == S_EXACT ? 1000 : sizeof(big));
		break;
	case S_PARTIAL:
		write_str(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
		    "0123456789");
		break;
	case S_REDIRECT:
		if (strncmp(req, "GET /start ", 11) == 0) {
			snprintf(head, sizeof(head), "HTTP/1.1 302 Found\r\n"
			    "Location: http://127.0.0.1:%d/followed\r\n"
			    "Content-Length: 5\r\n\r\nmoved", port);
			write_str(fd, head);
		} else
			write_str(fd, "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n"
			    "\r\nfollowed");
		break;
	default:
		break;
	}
}

static void
serve(int lfd, enum script s, int port)
{
	static char req[1 << 16];

	for (;;) {
		int fd = accept(lfd, NULL, NULL);
		size_t n;
		if (fd < 0)
			_exit(1);
		if (s == S_CLOSE_AT_ONCE) {
			close(fd);
			continue;
		}
		if (s == S_SILENT) {
			pause();
			continue;
		}
		if (s == S_PLAIN_400) {
			if (read(fd, req, sizeof(req)) > 0)
				write_str(fd, "HTTP/1.1 400 Bad Request\r\n"
				    "Content-Length: 0\r\nConnection: close\r\n\r\n");
			close(fd);
			continue;
		}
		while ((n = read_request(fd, req, sizeof(req))) > 0) {
			if (s == S_CLOSE_AFTER_READ)
				break;
			answer(fd, s, req, n, port);
			if (s == S_BIG_STREAM || s == S_PARTIAL)
				break;
		}
		close(fd);
	}
}

/* A socket bound to a free loopback port; listening when backlog >= 0. */
static int
bound_socket(int backlog, int *port)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	if (backlog >= 0)
		assert_int_equal(listen(fd, backlog), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &alen), 0);
	*port = ntohs(a.sin_port);
	return fd;
}

static void
server_start(struct server *sv, enum script s)
{
	int lfd = bound_socket(16, &sv->port);

	snprintf(sv->url, sizeof(sv->url), "http://127.0.0.1:%d", sv->port);
	sv->pid = fork();
	assert_true(sv->pid >= 0);
	if (sv->pid == 0) {
		serve(lfd, s, sv->port);
		_exit(0);
	}
	close(lfd);
}

static void
server_stop(struct server *sv)
{
	kill(sv->pid, SIGKILL);
	waitpid(sv->pid, NULL, 0);
}

static void
request_init(struct http_request *r, const char *method, const char *url)
{
	memset(r, 0, sizeof(*r));
	r->method = method;
	r->url = url;
	r->allow_loopback_http = 1;
	r->connect_timeout_ms = 1000;
	r->timeout_ms = 2000;
}

static void
assert_no_secret(const struct http_response *h)
{
	assert_null(strstr(h->error, SECRET_QUERY));
	assert_null(strstr(h->error, SECRET_HEADER));
	assert_null(strstr(h->error, "access_token"));
}

static long
elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000 +
	    (t1.tv_nsec - t0->tv_nsec) / 1000000;
}

static int
contains(const char *hay, size_t n, const void *needle, size_t k)
{
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return 1;
	return 0;
}

static const char *const secret_headers[] = {
	"Authorization: Bearer " SECRET_HEADER, NULL
};

static void
answer_with_headers_and_body(void **state)
{
	struct server sv;
	struct http_request r;
	struct http_response h;
	char url[128], buf[64], want[32];
	const char *hdrs[] = { "Authorization: Bearer tok-1",
	    "Idempotency-Key: 5f0c", "Content-Type: application/json", NULL };
	char body[3000];
	(void)state;

	memset(body, 'j', sizeof(body));
	memcpy(body, "{\"status\":\"", 11);
	server_start(&sv, S_ECHO);
	snprintf(url, sizeof(url), "%s/api/v1/statuses?x=1", sv.url);
	request_init(&r, "POST", url);
	r.headers = hdrs;
	r.body = body;
	r.body_len = sizeof(body);
	assert_int_equal(http_perform(&r, &h), 0);
	assert_int_equal(h.outcome, HTTP_DONE);
	assert_int_equal(h.status, 200);
	assert_int_equal(h.body[h.body_len], '\0');
	assert_non_null(strstr(h.body, "POST /api/v1/statuses?x=1 HTTP/1.1\r\n"));
	assert_non_null(strstr(h.body, "\r\nAuthorization: Bearer tok-1\r\n"));
	assert_non_null(strstr(h.body, "\r\nIdempotency-Key: 5f0c\r\n"));
	assert_non_null(strstr(h.body, "\r\nContent-Length: 3000\r\n"));
	assert_non_null(strstr(h.body, "\r\nUser-Agent: Clearpost\r\n"));
	/* The body is sent at once, never held back for 100 Continue. */
	assert_null(strstr(h.body, "Expect"));
	assert_true(h.body_len > sizeof(body));
	assert_memory_equal(h.body + h.body_len - sizeof(body), body,
	    sizeof(body));
	/* Headers: the last of a name, case-insensitive, trimmed. */
	assert_string_equal(http_header(&h, "X-RATE", buf, sizeof(buf)), "2");
	assert_string_equal(http_header(&h, "x-trace", buf, sizeof(buf)),
	    "abc");
	assert_string_equal(http_header(&h, "X-Empty", buf, sizeof(buf)), "");
	snprintf(want, sizeof(want), "%zu", h.body_len);
	assert_string_equal(http_header(&h, "content-length", buf,
	    sizeof(buf)), want);
	assert_null(http_header(&h, "X-Rat", buf, sizeof(buf)));
	assert_null(http_header(&h, "Missing", buf, sizeof(buf)));
	assert_null(http_header(&h, "X-Trace", buf, 3)); /* does not fit */
	assert_non_null(strstr(h.headers, "HTTP/1.1 200 OK\r\n"));
	http_response_free(&h);

	/* PUT and DELETE reach the server as such. */
	request_init(&r, "PUT", url);
	r.body = "bytes";
	r.body_len = 5;
	assert_int_equal(http_perform(&r, &h), 0);
	assert_true(strncmp(h.body, "PUT /api/v1/statuses?x=1 ", 25) == 0);
	assert_non_null(strstr(h.body, "\r\n\r\nbytes"));
	http_response_free(&h);
	request_init(&r, "DELETE", url);
	assert_int_equal(http_perform(&r, &h), 0);
	assert_true(strncmp(h.body, "DELETE /api/v1/statuses?x=1 ", 28) == 0);
	http_response_free(&h);
	request_init(&r, "GET", url);
	assert_int_equal(http_perform(&r, &h), 0);
	assert_true(strncmp(h.body, "GET /api/v1/statuses?x=1 ", 25) == 0);
	http_response_free(&h);
	server_stop(&sv);
}

static void
multipart_parts_arrive(void **state)
{
	struct server sv;
	struct http_request r;
	struct http_response h;
	char url[128];
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n', 0, 0, 0, 13 };
	const struct http_part parts[] = {
		{ "description", NULL, NULL, "Nurse at a desk", 15 },
		{ "file", "image.png", "image/png", png, sizeof(png) },
	};
	(void)state;

	server_start(&sv, S_ECHO);
	snprintf(url, sizeof(url), "%s/api/v2/media", sv.url);
	request_init(&r, "POST", url);
	r.parts = parts;
	r.nparts = 2;
	assert_int_equal(http_perform(&r, &h), 0);
	assert_int_equal(h.status, 200);
	assert_non_null(strstr(h.body, "Content-Type: multipart/form-data; "
	    "boundary="));
	assert_non_null(strstr(h.body, "Content-Disposition: form-data; "
	    "name=\"description\"\r\n\r\nNurse at a desk\r\n"));
	assert_non_null(strstr(h.body, "Content-Disposition: form-data; "
	    "name=\"file\"; filename=\"image.png\"\r\nContent-Type: "
	    "image/png\r\n\r\n"));
	assert_true(contains(h.body, h.body_len, png, sizeof(png)));
	http_response_free(&h);
	server_stop(&sv);
}

static void
interim_response_headers_are_dropped(void **state)
{
	struct server sv;
	struct http_request r;
	struct http_response h;
	char buf[64];
	(void)state;

	server_start(&sv, S_INTERIM);
	request_init(&r, "POST", sv.url);
	r.body = "{}";
	r.body_len = 2;
	assert_int_equal(http_perform(&r, &h), 0);
	assert_int_equal(h.status, 201);
	assert_string_equal(http_header(&h, "x-restli-id", buf, sizeof(buf)),
	    "urn:li:share:1");
	assert_null(http_header(&h, "X-Interim", buf, sizeof(buf)));
	assert_int_equal(h.body_len, 0);
	assert_string_equal(h.body, "");
	http_response_free(&h);
	server_stop(&sv);
}

static void
slow_answer_is_unknown(void **state)
{
	struct server sv;
	struct http_request r;
	struct http_response h;
	char url[160];
	struct timespec t0;
	(void)state;

	server_start(&sv, S_SLOW);
	snprintf(url, sizeof(url), "%s/feed?access_token=%s", sv.url,
	    SECRET_QUERY);
	request_init(&r, "POST", url);
	r.headers = secret_headers;
	r.timeout_ms = 300;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(http_perform(&r, &h), -1);
	assert_true(elapsed_ms(&t0) < 2000);
	assert_int_equal(h.outcome, HTTP_UNKNOWN);
	assert_int_equal(h.status, 0);
	assert_non_null(h.body);
	assert_true(h.error[0] != '\0');
	assert_no_secret(&h);
	http_response_free(&h);
	server_stop(&sv);
}

static void
dropped_connections_are_unknown(void **state)
{
	static const enum script scripts[] = { S_CLOSE_AT_ONCE,
	    S_CLOSE_AFTER_READ, S_PARTIAL };
	char url[160];
	(void)state;

	for (size_t i = 0; i < sizeof(scripts) / sizeof(scripts[0]); i++) {
		struct server sv;
		struct http_request r;
		struct http_response h;

		server_start(&sv, scripts[i]);
		snprintf(url, sizeof(url), "%s/x?access_token=%s", sv.url,
		    SECRET_QUERY);
		request_init(&r, "POST", url);
		r.headers = secret_headers;
		r.body = "{\"text\":\"hello\"}";
		r.body_len = strlen(r.body);
		assert_int_equal(http_perform(&r, &h), -1);
		if (h.outcome != HTTP_UNKNOWN)
			fail_msg("script %zu: outcome %d (%s)", i, h.outcome,
			    h.error);
		assert_int_equal(h.status, 0);
		assert_true(h.error[0] != '\0');
		assert_no_secret(&h);
		http_response_free(&h);
		server_stop(&sv);
	}
}

static void
oversized_answers_are_unknown(void **state)
{
	static const enum script scripts[] = { S_BIG_LENGTH, S_BIG_STREAM };
	struct server sv;
	struct http_request r;
	struct http_response h;
	(void)state;

	for (size_t i = 0; i < 2; i++) {
		server_start(&sv, scripts[i]);
		request_init(&r, "GET", sv.url);
		r.max_response = 1000;
		assert_int_equal(http_perform(&r, &h), -1);
		assert_int_equal(h.outcome, HTTP_UNKNOWN);
		assert_int_equal(h.status, 0);
		assert_true(h.body_len <= 1000);
		assert_non_null(strstr(h.error, "too large"));
		http_response_free(&h);
		server_stop(&sv);
	}
	/* Exactly at the cap is fine. */
	server_start(&sv, S_EXACT);
	request_init(&r, "GET", sv.url);
	r.max_response = 1000;
	assert_int_equal(http_perform(&r, &h), 0);
	assert_int_equal(h.body_len, 1000);
	http_response_free(&h);
	server_stop(&sv);
}

static void
redirects_are_not_followed(void **state)
{
	struct server sv;
	struct http_request r;
	struct http_response h;
	char url[128], buf[128], want[128];
	(void)state;

	server_start(&sv, S_REDIRECT);
	snprintf(url, sizeof(url), "%s/start", sv.url);
	request_init(&r, "GET", url);
	assert_int_equal(http_perform(&r, &h), 0);
	assert_int_equal(h.outcome, HTTP_DONE);
	assert_int_equal(h.status, 302);
	assert_string_equal(h.body, "moved");
	snprintf(want, sizeof(want), "%s/followed", sv.url);
	assert_string_equal(http_header(&h, "location", buf, sizeof(buf)),
	    want);
	http_response_free(&h);
	server_stop(&sv);
}

static void
refused_connection_is_not_sent(void **state)
{
	int port, fd = bound_socket(-1, &port); /* bound, not listening */
	struct http_request r;
	struct http_response h;
	char url[160];
	(void)state;

	snprintf(url, sizeof(url), "http://127.0.0.1:%d/p?access_token=%s",
	    port, SECRET_QUERY);
	request_init(&r, "POST", url);
	r.headers = secret_headers;
	assert_int_equal(http_perform(&r, &h), -1);
	assert_int_equal(h.outcome, HTTP_NOT_SENT);
	assert_int_equal(h.status, 0);
	assert_string_equal(h.body, "");
	assert_true(h.error[0] != '\0');
	assert_no_secret(&h);
	http_response_free(&h);
	close(fd);
}

static void
connect_timeout_is_not_sent(void **state)
{
	int port, lfd = bound_socket(0, &port), fill[4];
	struct sockaddr_in a;
	struct http_request r;
	struct http_response h;
	char url[160];
	struct timespec t0;
	(void)state;

	/* A listener that never accepts, its queue filled: further SYNs are
	 * dropped and connecting hangs until the connect timeout. */
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a.sin_port = htons((uint16_t)port);
	for (int i = 0; i < 4; i++) {
		fill[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		assert_true(fill[i] >= 0);
		(void)connect(fill[i], (struct sockaddr *)&a, sizeof(a));
	}
	usleep(50000);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/p?access_token=%s",
	    port, SECRET_QUERY);
	request_init(&r, "POST", url);
	r.headers = secret_headers;
	r.connect_timeout_ms = 300;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(http_perform(&r, &h), -1);
	assert_true(elapsed_ms(&t0) < 2000);
	assert_int_equal(h.outcome, HTTP_NOT_SENT);
	assert_no_secret(&h);
	http_response_free(&h);
	for (int i = 0; i < 4; i++)
		close(fill[i]);
	close(lfd);
}

static void
https_to_a_plain_server_is_not_sent(void **state)
{
	static const enum script scripts[] = { S_PLAIN_400, S_SILENT };
	char url[160];
	(void)state;

	for (size_t i = 0; i < 2; i++) {
		struct server sv;
		struct http_request r;
		struct http_response h;

		server_start(&sv, scripts[i]);
		snprintf(url, sizeof(url), "https://127.0.0.1:%d/p?"
		    "access_token=%s", sv.port, SECRET_QUERY);
		request_init(&r, "POST", url);
		r.headers = secret_headers;
		r.timeout_ms = 300;
		assert_int_equal(http_perform(&r, &h), -1);
		if (h.outcome != HTTP_NOT_SENT)
			fail_msg("script %zu: outcome %d (%s)", i, h.outcome,
			    h.error);
		assert_no_secret(&h);
		http_response_free(&h);
		server_stop(&sv);
	}
}

static void
environment_proxies_are_ignored(void **state)
{
	struct server sv;
	struct http_request r;
	struct http_response h;
	(void)state;

	server_start(&sv, S_ECHO);
	setenv("http_proxy", "http://127.0.0.1:1", 1);
	setenv("HTTPS_PROXY", "http://127.0.0.1:1", 1);
	setenv("ALL_PROXY", "http://127.0.0.1:1", 1);
	request_init(&r, "GET", sv.url);
	assert_int_equal(http_perform(&r, &h), 0);
	assert_int_equal(h.status, 200);
	http_response_free(&h);
	unsetenv("http_proxy");
	unsetenv("HTTPS_PROXY");
	unsetenv("ALL_PROXY");
	server_stop(&sv);
}

static void
urls_outside_the_rules_are_refused(void **state)
{
	struct http_request r;
	struct http_response h;
	const char *bad_hdrs[] = { "X-A: 1\r\nX-Injected: 2", NULL };
	(void)state;

	assert_true(http_url_allowed("https://api.x.com/2/tweets", 0));
	assert_true(http_url_allowed("HTTPS://Example.COM/a?b=c", 0));
	assert_true(http_url_allowed("http://127.0.0.1:8080/x", 1));
	assert_true(http_url_allowed("http://localhost/x", 1));
	assert_true(http_url_allowed("http://[::1]:9/x", 1));
	assert_false(http_url_allowed("http://127.0.0.1:8080/x", 0));
	assert_false(http_url_allowed("http://example.com/", 1));
	assert_false(http_url_allowed("http://127.0.0.2/", 1));
	assert_false(http_url_allowed("http://localhost.example.com/", 1));
	assert_false(http_url_allowed("http://127.0.0.1@example.com/", 1));
	assert_false(http_url_allowed("http://example.com#@127.0.0.1/", 1));
	assert_false(http_url_allowed("ftp://127.0.0.1/", 1));
	assert_false(http_url_allowed("file:///etc/passwd", 1));
	assert_false(http_url_allowed("gopher://127.0.0.1/", 1));
	assert_false(http_url_allowed("//example.com/", 1));
	assert_false(http_url_allowed("example.com", 1));
	assert_false(http_url_allowed("https://", 0));
	assert_false(http_url_allowed("https://exa mple.com/", 0));
	assert_false(http_url_allowed("https://example.com/\r\nX: y", 0));
	assert_false(http_url_allowed("", 0));
	assert_false(http_url_allowed(NULL, 1));

	/* http_perform refuses them before any network activity. */
	request_init(&r, "POST", "http://example.com/feed?access_token="
	    SECRET_QUERY);
	r.headers = secret_headers;
	assert_int_equal(http_perform(&r, &h), -1);
	assert_int_equal(h.outcome, HTTP_NOT_SENT);
	assert_non_null(strstr(h.error, "URL refused"));
	assert_no_secret(&h);
	assert_string_equal(h.body, "");
	assert_string_equal(h.headers, "");
	http_response_free(&h);

	request_init(&r, "POST", "https://exa mple.com/?access_token="
	    SECRET_QUERY);
	assert_int_equal(http_perform(&r, &h), -1);
	assert_int_equal(h.outcome, HTTP_NOT_SENT);
	assert_no_secret(&h);
	http_response_free(&h);

	/* Header injection and unknown methods: refused, not sent. */
	request_init(&r, "POST", "https://127.0.0.1:1/");
	r.headers = bad_hdrs;
	assert_int_equal(http_perform(&r, &h), -1);
	assert_int_equal(h.outcome, HTTP_NOT_SENT);
	http_response_free(&h);
	request_init(&r, "PATCH", "https://127.0.0.1:1/");
	assert_int_equal(http_perform(&r, &h), -1);
	assert_int_equal(h.outcome, HTTP_NOT_SENT);
	http_response_free(&h);
	http_response_free(NULL);
}

static int
global_setup(void **state)
{
	(void)state;
	signal(SIGPIPE, SIG_IGN);
	return http_global_init();
}

static int
global_teardown(void **state)
{
	(void)state;
	http_global_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(answer_with_headers_and_body),
		cmocka_unit_test(multipart_parts_arrive),
		cmocka_unit_test(interim_response_headers_are_dropped),
		cmocka_unit_test(slow_answer_is_unknown),
		cmocka_unit_test(dropped_connections_are_unknown),
		cmocka_unit_test(oversized_answers_are_unknown),
		cmocka_unit_test(redirects_are_not_followed),
		cmocka_unit_test(refused_connection_is_not_sent),
		cmocka_unit_test(connect_timeout_is_not_sent),
		cmocka_unit_test(https_to_a_plain_server_is_not_sent),
		cmocka_unit_test(environment_proxies_are_ignored),
		cmocka_unit_test(urls_outside_the_rules_are_refused),
	};
	return cmocka_run_group_tests(tests, global_setup, global_teardown);
}
