/* request.h — one HTTP request as the core sees it, and the parsers that
 * build it. A struct req owns everything it points to through its arena;
 * the whole request is released by req_reset() once per loop turn. */
#ifndef CP_REQUEST_H
#define CP_REQUEST_H

#include <stddef.h>

#include "util.h"

struct app;
typedef struct _hdf HDF;

/* How the core reaches the client: FastCGI streams or plain CGI stdio. */
struct req_io {
	void *ctx;
	const char *(*param)(void *ctx, const char *name);
	/* Returns bytes read (0 at end) or -1. */
	int (*read)(void *ctx, char *buf, int n);
	int (*write)(void *ctx, const char *buf, int n);
};

struct kv {
	const char *key;
	const char *value;
	size_t value_len;
};

/* One uploaded file (multipart/form-data); bytes are arena-owned. */
struct upload {
	const char *field;
	const unsigned char *data;
	size_t len;
};

enum method { M_GET = 1, M_POST = 2, M_HEAD = 4, M_OTHER = 8 };

enum role {
	ROLE_PUBLIC = 0, /* as a route's roles: no session needed */
	ROLE_AUTHOR = 1,
	ROLE_REVIEWER = 2,
	ROLE_ADMIN = 4,
};
#define ROLE_ANY (ROLE_AUTHOR | ROLE_REVIEWER | ROLE_ADMIN)

struct session {
	int valid;            /* a live session was found */
	int expired;          /* a cookie was sent but its session timed out */
	long long expired_user_id; /* whose session it was (0 if unknown) */
	long long user_id;
	const char *username;
	unsigned roles;       /* the ROLE_* bits the user holds */
	/* Signed in with a temporary password: every route but the ones
	 * marked R_PASSWORD leads to /password until a new one is set. */
	int must_change_password;
	char token_hex[65];   /* the cookie value (never logged) */
	char csrf[65];        /* the token forms must echo */
	long long unread;     /* unread notifications (the badge) */
	long long waiting;    /* posts in review, for reviewers */
};

#define REQ_MAX_COOKIES 4

struct req {
	struct app *app;
	const struct req_io *io;
	struct arena arena;

	const char *method_name;
	int method;
	const char *path;
	const char *remote_addr;
	const char *request_id;
	const char *user_agent;
	int https;
	struct kv *query;
	size_t nquery;
	struct kv *form;
	size_t nform;
	struct upload *uploads;
	size_t nuploads;
	struct kv *cookies;
	size_t ncookies;
	long long path_id; /* the numeric segment of a "/x/#" route */
	struct session sess;
	HDF *hdf;

	/* The response, filled by the core and the handler, written by
	 * render_response() only. */
	int status;
	const char *template;  /* page body under templates/, or NULL */
	const char *location;  /* for 3xx */
	const char *content_type;
	const char *body;      /* a plain body (when template is NULL) */
	size_t body_len;
	/* Content-Disposition of a 200 (a download such as the audit log's
	 * CSV: "attachment; filename=..."), or NULL. */
	const char *disposition;
	/* template is a whole document of its own (the Atom feed): rendered
	 * without layout.cs and served as content_type. */
	int standalone;
	/* A public answer caches may keep but must revalidate (200 only):
	 * "Cache-Control: no-cache" instead of no-store, the ETag etag (a
	 * quoted strong tag) or, when NULL, one made from the body's SHA-256,
	 * and Last-Modified when last_modified (an IMF-fixdate) is set. A GET
	 * or HEAD whose If-None-Match names the ETag (or, without
	 * If-None-Match, whose If-Modified-Since equals last_modified) gets
	 * 304 without a body. */
	int revalidate;
	const char *etag;
	const char *last_modified;
	const char *allow;     /* for 405 */
	const char *message;   /* shown on error pages */
	const char *set_cookie[REQ_MAX_COOKIES];
	size_t nset_cookie;
};

/* Parse results; the core maps them to HTTP statuses. */
enum req_parse {
	REQ_OK = 0,
	REQ_MALFORMED = -1,  /* 400: bad encoding, bad UTF-8, empty key */
	REQ_TOO_MANY = -2,   /* 400: more fields than allowed */
	REQ_TOO_LONG = -3,   /* 400: one field longer than allowed */
	REQ_NOMEM = -4,      /* 500 */
};

/* Parses application/x-www-form-urlencoded (also query strings): '+' is a
 * space, %XX must be two hex digits, every key and value must decode to
 * valid UTF-8 text (no NUL or control characters except tab/CR/LF).
 * Results are arena-owned, in input order. */
int req_parse_urlencoded(struct arena *a, const char *s, size_t n,
    size_t max_fields, size_t max_value, struct kv **out, size_t *nout);

/* Parses multipart/form-data with the given boundary: text fields (same
 * rules as urlencoded values) into *form, files (parts with a filename)
 * into *up (at most max_files, each at most max_file bytes; an empty file
 * part is skipped). Returns REQ_OK or a REQ_* error; REQ_TOO_LONG also for
 * a file over the limit. */
int req_parse_multipart(struct arena *a, const char *body, size_t n,
    const char *boundary, size_t max_fields, size_t max_value,
    size_t max_files, size_t max_file, struct kv **form, size_t *nform,
    struct upload **up, size_t *nup);

/* The boundary parameter of a multipart Content-Type (arena copy), or
 * NULL when missing or invalid. */
const char *req_multipart_boundary(struct arena *a, const char *ctype);

/* Parses a Cookie header leniently (browsers send what they were given):
 * malformed pairs are skipped, at most 64 cookies kept. */
int req_parse_cookies(struct arena *a, const char *header, struct kv **out,
    size_t *nout);

/* First value for key, or NULL. */
const char *req_kv_get(const struct kv *kv, size_t n, const char *key);
const char *req_query(const struct req *r, const char *key);
const char *req_form(const struct req *r, const char *key);
const char *req_cookie(const struct req *r, const char *key);

/* Adds a Set-Cookie header (value arena-owned); returns 0 or -1. */
int req_add_cookie(struct req *r, const char *header_value);

/* Releases all per-request memory and clears the struct except app/io. */
void req_reset(struct req *r);

#endif
