#include "route.h"

#include <ClearSilver.h>
#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "crypto.h"
#include "db.h"
#include "log.h"
#include "render.h"
#include "rescue.h"
#include "session.h"
#include "settings.h"

/* ---- route table ---------------------------------------------------- */

int
route_slug_valid(const char *s, size_t n)
{
	if (n == 0 || n > 64 || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '-' && s[i + 1] == '-')
			return 0;
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '-'))
			return 0;
	}
	return 1;
}

static int
segment_matches(const char *pat, size_t plen, const char *seg, size_t slen,
    long long *id)
{
	if (plen == 1 && pat[0] == '$')
		return route_slug_valid(seg, slen);
	if (plen == 1 && pat[0] == '#') {
		char buf[20];
		if (slen == 0 || slen >= sizeof(buf) || seg[0] == '0')
			return 0;
		memcpy(buf, seg, slen);
		buf[slen] = '\0';
		return parse_id(buf, id) == 0;
	}
	return plen == slen && memcmp(pat, seg, plen) == 0;
}

static int
path_matches(const char *pat, const char *path, long long *id)
{
	while (*pat == '/' && *path == '/') {
		pat++;
		path++;
		const char *pe = strchr(pat, '/'), *se = strchr(path, '/');
		size_t plen = pe ? (size_t)(pe - pat) : strlen(pat);
		size_t slen = se ? (size_t)(se - path) : strlen(path);
		if (!segment_matches(pat, plen, path, slen, id))
			return 0;
		pat += plen;
		path += slen;
	}
	return *pat == '\0' && *path == '\0';
}

const struct route *
route_find(const struct route *routes, size_t n, const char *path,
    long long *id)
{
	for (size_t i = 0; i < n; i++) {
		long long v = 0;
		if (path_matches(routes[i].path, path, &v)) {
			if (id != NULL)
				*id = v;
			return &routes[i];
		}
	}
	return NULL;
}

int
route_table_check(const struct route *routes, size_t n, char *why,
    size_t whylen)
{
	for (size_t i = 0; i < n; i++) {
		const struct route *rt = &routes[i];
		if (rt->path == NULL || rt->path[0] != '/' ||
		    rt->handler == NULL || rt->methods == 0) {
			snprintf(why, whylen, "entry %zu incomplete", i);
			return -1;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(routes[j].path, rt->path) == 0) {
				snprintf(why, whylen, "duplicate %s", rt->path);
				return -1;
			}
		if ((rt->flags & R_ANONYMOUS) && (rt->roles != ROLE_PUBLIC ||
		    (rt->methods & M_POST))) {
			snprintf(why, whylen, "%s: anonymous routes are public "
			    "and read-only", rt->path);
			return -1;
		}
		if ((rt->flags & R_PASSWORD) && rt->roles == ROLE_PUBLIC) {
			snprintf(why, whylen, "%s: R_PASSWORD is for signed-in "
			    "routes", rt->path);
			return -1;
		}
		if (rt->methods & M_POST) {
			enum csrf_rule want = rt->roles == ROLE_PUBLIC ?
			    CSRF_PRE : CSRF_SESSION;
			if (rt->csrf != want) {
				snprintf(why, whylen, "%s: POST needs %s CSRF",
				    rt->path, want == CSRF_PRE ? "pre-session" :
				    "session");
				return -1;
			}
		}
	}
	return 0;
}

const char *
route_safe_next(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    next[1] == '\\' || strlen(next) > 512)
		return NULL;
	for (const char *p = next; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-_.~?=&%", *p)))
			return NULL;
	return next;
}

/* ---- one request ---------------------------------------------------- */

static int
method_from_name(const char *m)
{
	if (strcmp(m, "GET") == 0)
		return M_GET;
	if (strcmp(m, "POST") == 0)
		return M_POST;
	if (strcmp(m, "HEAD") == 0)
		return M_HEAD;
	return M_OTHER;
}

static const char *
allow_header(unsigned methods)
{
	if ((methods & M_GET) && (methods & M_POST))
		return "GET, HEAD, POST";
	if (methods & M_POST)
		return "POST";
	return "GET, HEAD";
}

static const char *
param(struct req *r, const char *name)
{
	return r->io->param(r->io->ctx, name);
}

static int
status_for_parse(int rc)
{
	return rc == REQ_NOMEM ? 500 : 400;
}

/* Reads the whole body (already bounded by the caller) into the arena. */
static int
read_body(struct req *r, size_t len, char **out)
{
	char *buf = arena_alloc(&r->arena, len + 1);
	size_t got = 0;
	if (buf == NULL)
		return -1;
	while (got < len) {
		int n = r->io->read(r->io->ctx, buf + got,
		    (int)(len - got > 65536 ? 65536 : len - got));
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}

/* Reads and drops a body we refuse, so the web server is not left writing
 * into a closed socket (which it would report as a gateway error). */
static void
drain_body(struct req *r, size_t len)
{
	char buf[8192];
	size_t left = len > 16u * 1024 * 1024 ? 16u * 1024 * 1024 : len;
	while (left > 0) {
		int n = r->io->read(r->io->ctx, buf,
		    (int)(left > sizeof(buf) ? sizeof(buf) : left));
		if (n <= 0)
			break;
		left -= (size_t)n;
	}
}

/* Parses a multipart body (routes with R_MULTIPART). 0 or a status. */
static int
parse_multipart(struct req *r, const char *boundary, long long len)
{
	const struct config *cfg = &r->app->cfg;
	char *body;
	/* A file somewhat over the limit still reaches the page, which says
	 * so next to the field with the author's text intact; only far larger
	 * bodies are refused outright (413). */
	size_t hard_file = cfg->upload_limit + cfg->upload_limit / 2;
	size_t limit = hard_file + cfg->body_limit;

	if ((size_t)len > limit) {
		drain_body(r, (size_t)len);
		return 413;
	}
	if (read_body(r, (size_t)len, &body) < 0)
		return 400;
	int rc = req_parse_multipart(&r->arena, body, (size_t)len, boundary,
	    cfg->field_count_limit, cfg->field_limit, 1, hard_file,
	    &r->form, &r->nform, &r->uploads, &r->nuploads);
	if (rc == REQ_TOO_LONG)
		return 413;
	return rc == REQ_OK ? 0 : status_for_parse(rc);
}

/* Parses the body of a POST. Returns 0 or an HTTP status. */
static int
parse_post(struct req *r, unsigned flags)
{
	const struct config *cfg = &r->app->cfg;
	const char *ctype = param(r, "CONTENT_TYPE");
	const char *clen = param(r, "CONTENT_LENGTH");
	long long len = 0;
	char *body;

	if (clen != NULL && *clen != '\0' && parse_id(clen, &len) < 0)
		return 400;
	if ((flags & R_MULTIPART) && ctype != NULL &&
	    strncasecmp(ctype, "multipart/form-data", 19) == 0) {
		const char *boundary = req_multipart_boundary(&r->arena, ctype);
		if (boundary == NULL) {
			drain_body(r, (size_t)len);
			return 400;
		}
		return parse_multipart(r, boundary, len);
	}
	if (ctype == NULL || strncmp(ctype, "application/x-www-form-urlencoded",
	    33) != 0 || (ctype[33] != '\0' && ctype[33] != ';')) {
		drain_body(r, (size_t)len);
		return 415;
	}
	if ((size_t)len > cfg->body_limit) {
		drain_body(r, (size_t)len);
		return 413;
	}
	if (read_body(r, (size_t)len, &body) < 0)
		return 400;
	int rc = req_parse_urlencoded(&r->arena, body, (size_t)len,
	    cfg->field_count_limit, (flags & R_LONG_FIELDS) ? cfg->body_limit :
	    cfg->field_limit, &r->form, &r->nform);
	return rc == REQ_OK ? 0 : status_for_parse(rc);
}

static int
csrf_ok(struct req *r, enum csrf_rule rule)
{
	const char *sent = req_form(r, "csrf");
	if (rule == CSRF_SESSION)
		return r->sess.valid && csrf_valid(r->app->csrf_key, 's',
		    r->sess.token_hex, sent);
	if (rule == CSRF_PRE)
		return csrf_valid(r->app->csrf_key, 'p',
		    req_cookie(r, PRESESSION_COOKIE), sent);
	return 0;
}

/* Reads the CGI variables into r. Returns 0 or an HTTP status. */
static int
read_request(struct req *r)
{
	const struct config *cfg = &r->app->cfg;
	const char *uri = param(r, "DOCUMENT_URI");
	const char *qs = param(r, "QUERY_STRING");
	const char *m = param(r, "REQUEST_METHOD");
	const char *https = param(r, "HTTPS");

	r->method_name = m ? m : "GET";
	r->method = method_from_name(r->method_name);
	if (uri == NULL || *uri == '\0')
		uri = param(r, "SCRIPT_NAME");
	if (uri == NULL || uri[0] != '/' || !utf8_valid_text(uri, strlen(uri)))
		return 400;
	r->path = uri;
	r->remote_addr = param(r, "REMOTE_ADDR");
	if (r->remote_addr == NULL)
		r->remote_addr = "";
	r->request_id = param(r, "REQUEST_ID");
	if (r->request_id == NULL || strlen(r->request_id) > 64)
		r->request_id = "-";
	r->user_agent = param(r, "HTTP_USER_AGENT");
	r->https = https != NULL && strcmp(https, "on") == 0;
	log_set_context(NULL, r->request_id);

	if (qs != NULL && *qs != '\0') {
		int rc = req_parse_urlencoded(&r->arena, qs, strlen(qs),
		    cfg->field_count_limit, cfg->field_limit, &r->query,
		    &r->nquery);
		if (rc != REQ_OK)
			return status_for_parse(rc);
	}
	if (req_parse_cookies(&r->arena, param(r, "HTTP_COOKIE"), &r->cookies,
	    &r->ncookies) != REQ_OK)
		return 500;
	return 0;
}

static int
redirect_to_login(struct req *r)
{
	const char *next = r->method == M_GET ? route_safe_next(r->path) : NULL;
	if (next != NULL && strcmp(next, "/") != 0) {
		/* next is restricted to URL-safe characters; only / needs no
		 * escaping in a query value, the rest is already safe. */
		r->location = arena_printf(&r->arena, "/login?next=%s%s", next,
		    r->sess.expired ? "&expired=1" : "");
	} else {
		r->location = r->sess.expired ? "/login?expired=1" : "/login";
	}
	return r->location ? 303 : 500;
}

/* Runs the checks in order; returns the first refusal, or 0 with *run set
 * to the route whose handler may now run. */
static int
dispatch_checks(struct req *r, const struct route **run)
{
	const struct app *app = r->app;
	int status = read_request(r);
	if (status != 0)
		return status;

	const struct route *rt = route_find(app->routes, app->nroutes, r->path,
	    &r->path_id);
	if (rt == NULL)
		return 404;
	int method = r->method == M_HEAD ? M_GET : r->method;
	if (!(rt->methods & (unsigned)method)) {
		r->allow = allow_header(rt->methods);
		return 405;
	}
	/* The organisation's settings (idle timeout, allow-list, name) as
	 * they are now: one version read, a reload only after a change. If
	 * the database is away the last copy stays in force; the handler
	 * meets the outage itself. */
	if (settings_refresh(r->app) < 0)
		log_error("settings not refreshed path=%s", r->path);
	/* Sessions are read even on public pages, so they can show who is
	 * signed in (except on anonymous documents, see R_ANONYMOUS); a
	 * database failure here is a 503, not a crash. */
	if (!(rt->flags & R_ANONYMOUS) && (rt->roles != ROLE_PUBLIC ||
	    req_cookie(r, SESSION_COOKIE)) && sess_load(r) < 0)
		return 503;
	if (rt->roles != ROLE_PUBLIC) {
		if (!r->sess.valid && r->sess.expired && r->method == M_POST &&
		    (rt->flags & R_RESCUE) && r->sess.expired_user_id > 0 &&
		    parse_post(r, rt->flags) == 0) {
			/* Only a same-site request carries the (SameSite=Strict)
			 * session cookie that marks it expired, so keeping its
			 * form is as safe as a CSRF check. */
			const char *next = rescue_keep(r);
			if (next != NULL) {
				r->location = next;
				return 303;
			}
		}
		if (!r->sess.valid)
			return redirect_to_login(r);
		/* Enforced here, not per page: a user signed in with a
		 * temporary password can do nothing but replace it (or sign
		 * out). */
		if (r->sess.must_change_password && !(rt->flags & R_PASSWORD)) {
			r->location = "/password";
			return 303;
		}
		if (!(rt->roles & r->sess.roles)) {
			r->message = "Your role does not give access to this "
			    "page.";
			return 403;
		}
	}
	if (r->method == M_POST) {
		status = parse_post(r, rt->flags);
		if (status != 0)
			return status;
		if (!csrf_ok(r, rt->csrf)) {
			log_info("csrf rejected path=%s", r->path);
			r->message = "This form had expired or did not come "
			    "from Clearpost, so nothing was changed. Go back, "
			    "reload the page and try again.";
			return 403;
		}
	}
	*run = rt;
	return 0;
}

/* A handler must commit or roll back; never leak a transaction into the
 * next run or the next request. */
static void
end_open_transaction(struct req *r)
{
	if (db_in_transaction(r->app->db)) {
		log_error("transaction left open path=%s", r->path);
		db_rollback(r->app->db);
	}
}

/* How often a handler whose transaction InnoDB chose as a deadlock victim
 * runs again before the 503 stands. */
#define DEADLOCK_RUNS 3

/* Puts back what a handler may have set on the request (the session it
 * read and every response field) as it was before the handler ran, for a
 * second run. Arena memory stays allocated until the request ends. */
static void
handler_state_restore(struct req *r, const struct req *before)
{
	if (r->hdf != before->hdf)
		hdf_destroy(&r->hdf);
	r->hdf = before->hdf;
	r->sess = before->sess;
	r->template = before->template;
	r->location = before->location;
	r->content_type = before->content_type;
	r->body = before->body;
	r->body_len = before->body_len;
	r->disposition = before->disposition;
	r->standalone = before->standalone;
	r->revalidate = before->revalidate;
	r->etag = before->etag;
	r->last_modified = before->last_modified;
	r->allow = before->allow;
	r->message = before->message;
	memcpy(r->set_cookie, before->set_cookie, sizeof(r->set_cookie));
	r->nset_cookie = before->nset_cookie;
}

/* Runs the handler. A deadlock victim's transaction is rolled back whole
 * by InnoDB, so the handler can run again from the start as if the first
 * run never happened (handlers only write to the database; their output
 * is the response fields, put back here). Only when no HDF existed before
 * the handler: one made by the core could not be put back. */
static int
run_handler(struct req *r, const struct route *rt)
{
	struct req before = *r;
	int status = 0;

	for (int run = 1; run <= DEADLOCK_RUNS; run++) {
		if (run > 1) {
			log_info("deadlock victim, running again path=%s run=%d",
			    r->path, run);
			handler_state_restore(r, &before);
		}
		status = rt->handler(r);
		end_open_transaction(r);
		if (status != 503 || !db_deadlocked(r->app->db) ||
		    before.hdf != NULL)
			break;
	}
	return status;
}

void
route_dispatch(struct req *r)
{
	const struct route *rt = NULL;

	r->status = dispatch_checks(r, &rt);
	if (r->status == 0 && rt != NULL)
		r->status = run_handler(r, rt);
	end_open_transaction(r);
	if (r->status >= 300 && r->status < 400 && r->location == NULL)
		r->status = 500;
	if (r->status >= 500)
		log_error("status=%d path=%s", r->status, r->path ? r->path :
		    "-");
	if (r->status >= 400 && r->status != 401 && r->status != 422 &&
	    r->status != 409 && r->status != 429)
		r->template = NULL;
	if (render_response(r) < 0)
		log_info("client went away path=%s", r->path ? r->path : "-");
}

/* ---- FastCGI and CGI plumbing --------------------------------------- */

static const char *
fcgi_param(void *ctx, const char *name)
{
	FCGX_Request *fr = ctx;
	return FCGX_GetParam(name, fr->envp);
}

static int
fcgi_read(void *ctx, char *buf, int n)
{
	FCGX_Request *fr = ctx;
	return FCGX_GetStr(buf, n, fr->in);
}

static int
fcgi_write(void *ctx, const char *buf, int n)
{
	FCGX_Request *fr = ctx;
	return FCGX_PutStr(buf, n, fr->out);
}

static const char *
cgi_param(void *ctx, const char *name)
{
	(void)ctx;
	return getenv(name);
}

static int
cgi_read(void *ctx, char *buf, int n)
{
	(void)ctx;
	size_t got = fread(buf, 1, (size_t)n, stdin);
	return ferror(stdin) ? -1 : (int)got;
}

static int
cgi_write(void *ctx, const char *buf, int n)
{
	(void)ctx;
	return fwrite(buf, 1, (size_t)n, stdout) == (size_t)n ? n : -1;
}

static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t in_request;

static void
worker_on_term(int sig)
{
	(void)sig;
	stop_requested = 1;
	/* Idle in accept(): leave now. Mid-request: finish it first. */
	if (!in_request)
		_exit(0);
}

static int
serve_fastcgi(struct app *app, int listen_fd)
{
	FCGX_Request fr;
	struct req r;
	struct req_io io = { &fr, fcgi_param, fcgi_read, fcgi_write };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = worker_on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, listen_fd, 0) != 0)
		return 1;
	memset(&r, 0, sizeof(r));
	r.app = app;
	r.io = &io;
	while (!stop_requested) {
		if (FCGX_Accept_r(&fr) < 0) {
			if (errno == EINTR && !stop_requested)
				continue;
			break;
		}
		in_request = 1;
		route_dispatch(&r);
		FCGX_Finish_r(&fr);
		req_reset(&r);
		log_set_context(NULL, NULL);
		in_request = 0;
	}
	FCGX_Free(&fr, 1);
	return 0;
}

static pid_t *worker_pids;
static int worker_count;
static volatile sig_atomic_t supervisor_stop;

static void
supervisor_on_term(int sig)
{
	(void)sig;
	supervisor_stop = 1;
}

static pid_t
start_worker(struct app *app, int fd)
{
	pid_t pid = fork();
	if (pid == 0) {
		/* A worker must not outlive a supervisor killed with SIGKILL:
		 * it would keep serving a socket nobody manages. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() == 1)
			_exit(0);
		free(worker_pids);
		_exit(serve_fastcgi(app, fd));
	}
	return pid;
}

/* Binds the socket (path; NULL: the listening socket on fd 0 that systemd
 * or spawn-fcgi opened, which stays theirs) and keeps N workers alive until
 * SIGTERM/SIGINT, then stops them (each finishes its request in flight) and
 * removes the socket it bound. */
static int
supervise(struct app *app, const char *path, int workers)
{
	struct sigaction sa;
	int fd = 0;

	if (path != NULL) {
		unlink(path);
		mode_t old = umask(0117); /* socket 0660: the web server's group */
		fd = FCGX_OpenSocket(path, 128);
		umask(old);
		if (fd < 0) {
			log_error("cannot listen on %s", path);
			return 1;
		}
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = supervisor_on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	worker_count = workers;
	worker_pids = calloc((size_t)workers, sizeof(pid_t));
	if (worker_pids == NULL)
		return 1;
	for (int i = 0; i < workers; i++)
		worker_pids[i] = start_worker(app, fd);
	log_info("listening on %s with %d workers", path ? path :
	    "the inherited socket", workers);

	while (!supervisor_stop) {
		int st;
		pid_t dead = waitpid(-1, &st, 0);
		if (dead < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < workers && !supervisor_stop; i++) {
			if (worker_pids[i] != dead)
				continue;
			log_error("worker %ld ended (status %d); restarting",
			    (long)dead, st);
			sleep(1); /* no hot loop when a worker dies at once */
			worker_pids[i] = start_worker(app, fd);
		}
	}
	for (int i = 0; i < workers; i++)
		if (worker_pids[i] > 0)
			kill(worker_pids[i], SIGTERM);
	for (int i = 0; i < workers; i++)
		if (worker_pids[i] > 0)
			waitpid(worker_pids[i], NULL, 0);
	free(worker_pids);
	if (path != NULL) {
		close(fd);
		unlink(path);
	}
	log_info("stopped");
	return 0;
}

int
app_main(int argc, char **argv, const char *program,
    const struct route *routes, size_t nroutes)
{
	struct app app;
	const char *listen_path = NULL;
	int workers = 2, prefork = 0, rc = 1;
	char why[200];

	log_set_context(program, NULL);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc)
			listen_path = argv[++i];
		else if (strcmp(argv[i], "--workers") == 0 && i + 1 < argc) {
			workers = atoi(argv[++i]);
			prefork = 1;
		} else {
			fprintf(stderr, "usage: %s [--listen SOCKET] "
			    "[--workers N]\n", program);
			return 2;
		}
	}
	if (workers < 1 || workers > 64)
		workers = 2;
	if (route_table_check(routes, nroutes, why, sizeof(why)) < 0) {
		log_error("bad route table: %s", why);
		return 1;
	}
	if (app_init(&app, program) < 0)
		return 1;
	app.routes = routes;
	app.nroutes = nroutes;

	if (listen_path != NULL) {
		rc = supervise(&app, listen_path, workers);
	} else if (!FCGX_IsCGI()) {
		/* fd 0 is a listening socket (systemd's StandardInput=socket,
		 * spawn-fcgi): N workers on it, or this process alone. */
		rc = prefork ? supervise(&app, NULL, workers) :
		    serve_fastcgi(&app, 0);
	} else {
		struct req r;
		struct req_io io = { NULL, cgi_param, cgi_read, cgi_write };
		memset(&r, 0, sizeof(r));
		r.app = &app;
		r.io = &io;
		route_dispatch(&r);
		fflush(stdout);
		req_reset(&r);
		rc = 0;
	}
	app_free(&app);
	return rc;
}
