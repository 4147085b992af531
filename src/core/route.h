/* route.h — route tables and the request loop every program shares.
 *
 * A route is data: its path, the methods it answers, the roles allowed and
 * its CSRF rule. The core enforces all of them before the handler runs:
 * 404 unknown path, 405 wrong method, 303 to /login without a session,
 * 303 to /password while a temporary password awaits replacement, 403 when
 * the user holds none of the route's roles, 415/413/400 for bodies it will
 * not parse, 403 for a POST without a valid CSRF token. A handler therefore starts with a request that
 * is authenticated, authorised and parsed. */
#ifndef CP_ROUTE_H
#define CP_ROUTE_H

#include <stddef.h>

#include "request.h"

enum csrf_rule {
	CSRF_NONE,    /* GET-only routes */
	CSRF_SESSION, /* token bound to the login session */
	CSRF_PRE,     /* token bound to the pre-session cookie (login form) */
};

/* A handler fills r (template + HDF, or location, or body) and returns the
 * HTTP status. It never writes to the client. */
typedef int (*route_handler)(struct req *r);

/* Route flags. */
enum {
	/* A POST arriving after the session ended keeps its form (see
	 * rescue.c) and leads through sign-in back to it. */
	R_RESCUE = 1,
	/* The form may be multipart/form-data with one uploaded file. */
	R_MULTIPART = 2,
	/* A public document, the same for everyone (the Atom feed): the
	 * session cookie is not even read, so the answer never depends on or
	 * sets a cookie, and the program needs no access to sessions. Only
	 * for ROLE_PUBLIC routes without POST. */
	R_ANONYMOUS = 4,
	/* Reachable while the user must replace a temporary password
	 * (/password, /logout); every other signed-in route then answers 303
	 * to /password. */
	R_PASSWORD = 8,
	/* Form fields may be as long as the whole form (Limits.FormBytes)
	 * instead of Limits.FieldBytes: long texts such as a policy page. */
	R_LONG_FIELDS = 16,
};

struct route {
	/* exact; a "#" segment matches a decimal id, a "$" segment a slug
	 * (see route_slug_valid; the handler reads it from r->path) */
	const char *path;
	unsigned methods;   /* M_GET | M_POST */
	unsigned roles;     /* ROLE_PUBLIC, or the ROLE_* bits allowed: a user
	                       holding any one of them may use the route */
	enum csrf_rule csrf;
	route_handler handler;
	unsigned flags;     /* R_* */
};

/* Finds the route for path. Returns it (and *id for a "#" segment), or
 * NULL. */
const struct route *route_find(const struct route *routes, size_t n,
    const char *path, long long *id);

/* 1 when s[0..n) is a slug: 1 to 64 lower-case letters, digits and
 * single hyphens, starting and ending with a letter or digit. */
int route_slug_valid(const char *s, size_t n);

/* Checks a table's invariants: no duplicate path, a handler on each entry,
 * every POST route carries the CSRF rule its roles require, R_ANONYMOUS
 * only on public routes without POST, R_PASSWORD only on signed-in ones.
 * Returns 0, or -1 with the reason in why. */
int route_table_check(const struct route *routes, size_t n, char *why,
    size_t whylen);

/* Serves one parsed request through the table (exposed for tests). */
void route_dispatch(struct req *r);

/* The main of every FastCGI program. With `--listen PATH [--workers N]` it
 * binds a unix socket and supervises N single-threaded workers; otherwise
 * it serves FastCGI on the socket on fd 0 (spawn-fcgi, systemd socket
 * activation) — with N workers when --workers N is given — or one CGI
 * request. */
int app_main(int argc, char **argv, const char *program,
    const struct route *routes, size_t nroutes);

/* A safe local redirect target from user input: a path starting with one
 * "/" and only URL-safe characters; otherwise NULL. */
const char *route_safe_next(const char *next);

#endif
