#include "render.h"

#include <ClearSilver.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "session.h"
#include "settings.h"

static const char security_headers[] =
    "Content-Security-Policy: default-src 'self'; script-src 'self'; "
    "style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: no-referrer\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n"
    "Permissions-Policy: camera=(), microphone=(), geolocation=()\r\n";

const char *
render_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

/* Plain words for error pages: what happened and what to do next. */
static const char *
default_message(int status)
{
	switch (status) {
	case 400: return "The request could not be understood. Please go "
	    "back and try again.";
	case 403: return "You do not have access to this page, or the form "
	    "had expired. Please go back, reload the page and try again.";
	case 404: return "There is no page at this address.";
	case 405: return "This page cannot be used that way.";
	case 413: return "What was sent is too large.";
	case 415: return "This form was sent in a format the server does not "
	    "accept.";
	case 429: return "Too many attempts. Please wait and try again.";
	case 503: return "The service is temporarily unavailable. Please try "
	    "again in a minute.";
	default: return "Something went wrong on our side. It has been "
	    "logged; please try again.";
	}
}

static int
nerr_log(NEOERR *err, const char *what)
{
	STRING s;
	if (err == STATUS_OK)
		return 0;
	string_init(&s);
	nerr_error_string(err, &s);
	log_error("%s: %s", what, s.buf ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&err);
	return -1;
}

int
render_set(struct req *r, const char *name, const char *value)
{
	return nerr_log(hdf_set_value(r->hdf, name, value ? value : ""),
	    "hdf_set_value");
}

int
render_set_int(struct req *r, const char *name, long long value)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%lld", value);
	return render_set(r, name, buf);
}

int
render_prepare(struct req *r)
{
	if (r->hdf != NULL)
		return 0;
	if (nerr_log(hdf_init(&r->hdf), "hdf_init") < 0)
		return -1;
	if (render_set(r, "Config.VarEscapeMode", "html") < 0 ||
	    render_set(r, "hdf.loadpaths.0", r->app->cfg.templates) < 0 ||
	    render_set(r, "Request.Id", r->request_id) < 0 ||
	    render_set(r, "Request.Path", r->path) < 0 ||
	    render_set(r, "Site.Name", settings_org_name(r->app)) < 0)
		return -1;
	if (r->sess.valid) {
		unsigned roles = r->sess.roles;
		char list[40];
		/* User.Role is the highest role held; User.Roles.Author,
		 * .Reviewer and .Admin are "1" for each role held (absent
		 * otherwise) and decide which areas the nav offers. */
		if (render_set(r, "User.Name", r->sess.username) < 0 ||
		    render_set(r, "User.Role",
		    role_name(role_highest(roles))) < 0 ||
		    render_set(r, "User.RoleList", roles_names(roles, ", ",
		    list, sizeof(list))) < 0 ||
		    ((roles & ROLE_AUTHOR) &&
		    render_set(r, "User.Roles.Author", "1") < 0) ||
		    ((roles & ROLE_REVIEWER) &&
		    render_set(r, "User.Roles.Reviewer", "1") < 0) ||
		    ((roles & ROLE_ADMIN) &&
		    render_set(r, "User.Roles.Admin", "1") < 0) ||
		    (r->sess.must_change_password &&
		    render_set(r, "User.MustChangePassword", "1") < 0) ||
		    render_set(r, "User.Home", r->sess.must_change_password ?
		    "/password" : role_landing(roles)) < 0 ||
		    render_set(r, "CSRF", r->sess.csrf) < 0 ||
		    render_set_int(r, "User.Unread", r->sess.unread) < 0 ||
		    render_set_int(r, "User.Waiting", r->sess.waiting) < 0)
			return -1;
	}
	return 0;
}

int
render_rows(struct req *r, const char *prefix, const struct db_result *res,
    const char *const *names)
{
	char key[128];
	for (size_t i = 0; i < res->nrows; i++)
		for (size_t c = 0; c < res->ncols && names[c] != NULL; c++) {
			const char *v = db_cell(res, i, c);
			snprintf(key, sizeof(key), "%s.%zu.%s", prefix, i, names[c]);
			if (render_set(r, key, v ? v : "") < 0)
				return -1;
		}
	return 0;
}

static NEOERR *
collect(void *ctx, char *s)
{
	sbuf_puts(ctx, s);
	return STATUS_OK;
}

/* ClearSilver quietly renders nothing for an include it cannot find, so the
 * page body named in Page.Template is checked first: a missing template must
 * be a 500, not a page with no content. */
static int
page_template_exists(HDF *hdf)
{
	const char *body = hdf_get_value(hdf, "Page.Template", NULL);
	const char *dir = hdf_get_value(hdf, "hdf.loadpaths.0", ".");
	char path[1024];

	if (body == NULL)
		return 1;
	if (strstr(body, "..") != NULL)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir, body);
	return access(path, R_OK) == 0;
}

int
render_template(HDF *hdf, const char *file, struct sbuf *out)
{
	CSPARSE *cs = NULL;
	NEOERR *err;

	if (!page_template_exists(hdf)) {
		log_error("template %s missing",
		    hdf_get_value(hdf, "Page.Template", "?"));
		return -1;
	}
	err = cs_init(&cs, hdf);
	if (err == STATUS_OK)
		err = cs_parse_file(cs, file);
	if (err == STATUS_OK)
		err = cs_render(cs, out, collect);
	cs_destroy(&cs);
	if (nerr_log(err, file) < 0)
		return -1;
	return out->failed ? -1 : 0;
}

static int
write_all(struct req *r, const char *p, size_t n)
{
	while (n > 0) {
		int chunk = n > 65536 ? 65536 : (int)n;
		int w = r->io->write(r->io->ctx, p, chunk);
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Builds the error page body; falls back to fixed text when even the
 * template fails, so a client always gets a readable answer. */
static void
render_error_body(struct req *r, struct sbuf *body)
{
	const char *msg = r->message ? r->message : default_message(r->status);
	if (render_prepare(r) == 0 &&
	    render_set_int(r, "Error.Status", r->status) == 0 &&
	    render_set(r, "Error.Reason", render_reason(r->status)) == 0 &&
	    render_set(r, "Error.Message", msg) == 0 &&
	    render_set(r, "Page.Title", render_reason(r->status)) == 0 &&
	    render_set(r, "Page.Template", "error.cs") == 0 &&
	    render_template(r->hdf, "layout.cs", body) == 0)
		return;
	sbuf_free(body);
	sbuf_printf(body, "<!DOCTYPE html><html lang=\"en\"><head><meta "
	    "charset=\"utf-8\"><title>Error</title></head><body><h1>%d %s</h1>"
	    "</body></html>", r->status, render_reason(r->status));
}

int
render_etag_match(const char *header, const char *etag)
{
	size_t elen = strlen(etag);
	const char *p = header;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			return 0;
		if (*p == '*')
			return 1;
		/* If-None-Match compares weakly: W/"x" matches "x". */
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (*p != '"')
			return 0;
		const char *end = strchr(p + 1, '"');
		if (end == NULL)
			return 0;
		if ((size_t)(end - p) + 1 == elen && memcmp(p, etag, elen) == 0)
			return 1;
		p = end + 1;
	}
}

/* 1 when the client's copy (named by its conditional headers) is current. */
static int
not_modified(struct req *r, const char *etag)
{
	const char *inm, *ims;

	if (r->method != M_GET && r->method != M_HEAD)
		return 0;
	inm = r->io->param(r->io->ctx, "HTTP_IF_NONE_MATCH");
	if (inm != NULL)
		return render_etag_match(inm, etag);
	/* Exact match, as nginx does by default: clients echo what they got. */
	ims = r->io->param(r->io->ctx, "HTTP_IF_MODIFIED_SINCE");
	return ims != NULL && r->last_modified != NULL &&
	    strcmp(ims, r->last_modified) == 0;
}

int
render_response(struct req *r)
{
	struct sbuf head, body;
	char etag[2 * CRYPTO_HASH_LEN + 3];
	int rc, cacheable;

	sbuf_init(&head);
	sbuf_init(&body);
	if (r->status == 0)
		r->status = 200;
	if (r->template != NULL) {
		if (render_prepare(r) < 0 ||
		    render_set(r, "Page.Template", r->template) < 0 ||
		    render_template(r->hdf, r->standalone ? r->template :
		    "layout.cs", &body) < 0) {
			sbuf_free(&body);
			r->status = 500;
			r->template = NULL;
		}
	}
	if (r->template == NULL && r->body != NULL) {
		sbuf_append(&body, r->body, r->body_len);
	} else if (r->template == NULL && r->status >= 400) {
		render_error_body(r, &body);
	}
	if ((r->template != NULL && !(r->standalone && r->content_type)) ||
	    (r->template == NULL && r->body == NULL && r->status >= 400))
		r->content_type = "text/html; charset=utf-8";

	cacheable = r->revalidate && r->status == 200 && !body.failed;
	if (cacheable && r->etag == NULL) {
		unsigned char hash[CRYPTO_HASH_LEN];
		crypto_sha256(body.data ? body.data : "", body.len, hash);
		etag[0] = '"';
		hex_encode(hash, sizeof(hash), etag + 1);
		etag[2 * CRYPTO_HASH_LEN + 1] = '"';
		etag[2 * CRYPTO_HASH_LEN + 2] = '\0';
		r->etag = etag;
	}
	if (cacheable && not_modified(r, r->etag)) {
		r->status = 304;
		sbuf_free(&body);
	}

	sbuf_printf(&head, "Status: %d %s\r\n", r->status,
	    render_reason(r->status));
	sbuf_puts(&head, security_headers);
	if (cacheable) {
		/* Public, but every use is checked with the server: a
		 * withdrawn post must leave caches at the next request. */
		sbuf_puts(&head, "Cache-Control: no-cache\r\n");
		sbuf_printf(&head, "ETag: %s\r\n", r->etag);
		if (r->last_modified != NULL)
			sbuf_printf(&head, "Last-Modified: %s\r\n",
			    r->last_modified);
	} else {
		sbuf_puts(&head, "Cache-Control: no-store\r\n");
	}
	if (r->https)
		sbuf_puts(&head, "Strict-Transport-Security: max-age=31536000"
		    "\r\n");
	if (r->location != NULL)
		sbuf_printf(&head, "Location: %s\r\n", r->location);
	if (r->allow != NULL)
		sbuf_printf(&head, "Allow: %s\r\n", r->allow);
	if (r->disposition != NULL && r->status == 200)
		sbuf_printf(&head, "Content-Disposition: %s\r\n",
		    r->disposition);
	for (size_t i = 0; i < r->nset_cookie; i++)
		sbuf_printf(&head, "Set-Cookie: %s\r\n", r->set_cookie[i]);
	/* A 304 describes the copy the client has: no type, no length. */
	if (r->status != 304 && (body.len > 0 || r->content_type != NULL))
		sbuf_printf(&head, "Content-Type: %s\r\n", r->content_type ?
		    r->content_type : "text/plain; charset=utf-8");
	if (r->status != 304)
		sbuf_printf(&head, "Content-Length: %zu\r\n", body.len);
	sbuf_puts(&head, "\r\n");

	rc = head.failed || body.failed ? -1 : 0;
	if (rc == 0)
		rc = write_all(r, head.data, head.len);
	if (rc == 0 && r->method != M_HEAD && body.len > 0)
		rc = write_all(r, body.data, body.len);
	sbuf_free(&head);
	sbuf_free(&body);
	return rc;
}
