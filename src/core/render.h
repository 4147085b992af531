/* render.h — the only code that writes a response.
 *
 * Every response gets the security headers. A page is templates/layout.cs
 * around the handler's body template (or a standalone document such as the
 * Atom feed, with its own content type), rendered from the request's HDF with
 * Config.VarEscapeMode = html, so every `var:` is escaped. A template error
 * becomes a generic 500 page; details go to the log only. */
#ifndef CP_RENDER_H
#define CP_RENDER_H

#include <stddef.h>

#include "request.h"

struct sbuf;

/* Creates r->hdf with the escaping mode, load path and the common values
 * (user, CSRF token, request id). Returns 0 or -1. */
int render_prepare(struct req *r);

/* Sets an HDF value (copied). Returns 0 or -1. */
int render_set(struct req *r, const char *name, const char *value);
int render_set_int(struct req *r, const char *name, long long value);

struct db_result;
/* Copies a query result into prefix.N.<name> for each column that has a
 * name in names (NULL-terminated; fewer names than columns is fine).
 * Returns 0 or -1. */
int render_rows(struct req *r, const char *prefix, const struct db_result *res,
    const char *const *names);

/* Renders template `file` (under the HDF's load path) into out; the HDF
 * must have Config.VarEscapeMode set. Returns 0 or -1. Exposed for tests. */
int render_template(HDF *hdf, const char *file, struct sbuf *out);

/* Writes status, headers and body for r (page, standalone document, error
 * page, redirect or plain body; a 304 for a revalidated copy, see
 * struct req). Returns 0, or -1 when the client went away. */
int render_response(struct req *r);

/* 1 when an If-None-Match header value names etag (a quoted strong tag),
 * compared weakly as RFC 9110 asks, or is "*"; 0 otherwise, also when the
 * header is malformed. Exposed for tests. */
int render_etag_match(const char *header, const char *etag);

/* The reason phrase for a status code. */
const char *render_reason(int status);

#endif
