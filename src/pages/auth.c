/* auth.c — sign in, sign out, the front door and the health check. */
#include <stdio.h>
#include <string.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/db.h"
#include "../core/log.h"
#include "../core/render.h"
#include "../core/route.h"
#include "../core/session.h"
#include "../db/q.h"
#include "pages.h"

#define WRONG_LOGIN "Wrong user or password."

int
page_auth_home(struct req *r)
{
	r->location = r->sess.valid ? role_landing(r->sess.role) : "/login";
	return 303;
}

int
page_auth_healthz(struct req *r)
{
	r->content_type = "text/plain; charset=utf-8";
	if (db_ping(r->app->db) < 0) {
		r->body = "unavailable\n";
		r->body_len = strlen(r->body);
		return 503;
	}
	r->body = "ok\n";
	r->body_len = 3;
	return 200;
}

/* Shows the sign-in form with an optional message, keeping what the user
 * typed as their name (never the password). */
static int
login_form(struct req *r, int status, const char *error, const char *username,
    const char *next)
{
	const char *token = csrf_pre_token(r);
	if (token == NULL || render_prepare(r) < 0)
		return 500;
	if (render_set(r, "Page.Title", "Sign in") < 0 ||
	    render_set(r, "Login.Csrf", token) < 0 ||
	    render_set(r, "Login.Username", username ? username : "") < 0 ||
	    render_set(r, "Login.Next", next ? next : "") < 0)
		return 500;
	if (error != NULL && render_set(r, "Login.Error", error) < 0)
		return 500;
	if (req_query(r, "expired") != NULL &&
	    render_set(r, "Login.Expired", "1") < 0)
		return 500;
	if (req_query(r, "rescued") != NULL &&
	    render_set(r, "Login.Rescued", "1") < 0)
		return 500;
	r->template = "login.cs";
	return status;
}

/* A dummy stored hash at the configured cost: unknown users take as long
 * to refuse as known ones, so timing does not reveal who exists. */
static void
dummy_hash(const struct config *cfg, char *out, size_t n)
{
	snprintf(out, n, "pbkdf2-sha256$%d$%032d$%064d", cfg->kdf_iterations,
	    0, 0);
}

static int
login_failed(struct req *r, const char *username, const struct q_user *u,
    const char *reason, const char *next)
{
	const struct config *cfg = &r->app->cfg;
	struct db *db = r->app->db;
	int locked_now = 0;
	char object[40], detail[64];

	snprintf(object, sizeof(object), u ? "user:%lld" : "user:unknown",
	    u ? u->id : 0);
	snprintf(detail, sizeof(detail), "reason=%s", reason);
	if (db_begin(db) < 0)
		return 503;
	if (q_throttle_fail(db, username, cfg->login_window_seconds,
	    cfg->login_max_failures, cfg->login_lock_seconds, &locked_now) < 0 ||
	    audit_req_as(r, u ? u->id : 0, username, "login.fail", object,
	    detail) < 0 ||
	    (locked_now && audit_req_as(r, u ? u->id : 0, username,
	    "login.locked", object, "failures reached the limit") < 0)) {
		db_rollback(db);
		return 503;
	}
	if (db_commit(db) < 0)
		return 503;
	return login_form(r, 401, WRONG_LOGIN, username, next);
}

int
page_auth_login(struct req *r)
{
	struct db *db = r->app->db;
	const struct config *cfg = &r->app->cfg;
	struct q_user u;
	char dummy[PASSWORD_HASH_MAX];

	if (r->method != M_POST) {
		if (r->sess.valid) {
			r->location = role_landing(r->sess.role);
			return 303;
		}
		return login_form(r, 200, NULL, NULL,
		    route_safe_next(req_query(r, "next")));
	}

	const char *username = req_form(r, "username");
	const char *password = req_form(r, "password");
	const char *next = route_safe_next(req_form(r, "next"));
	if (username == NULL || password == NULL)
		return 400;
	if (*username == '\0' || *password == '\0' || strlen(username) > 64)
		return login_form(r, 401, WRONG_LOGIN, username, next);

	long long locked = q_throttle_locked_for(db, username);
	if (locked < 0)
		return 503;
	if (locked > 0) {
		char msg[160];
		if (db_begin(db) < 0)
			return 503;
		if (audit_req_as(r, 0, username, "login.fail", "user:?",
		    "reason=locked") < 0 || db_commit(db) < 0) {
			db_rollback(db);
			return 503;
		}
		snprintf(msg, sizeof(msg), "Too many failed attempts. Try "
		    "again in %lld minute%s.", (locked + 59) / 60,
		    (locked + 59) / 60 == 1 ? "" : "s");
		return login_form(r, 429, msg, username, next);
	}

	int found = q_user_by_name(db, username, &u);
	if (found < 0)
		return 503;
	if (found == 0) {
		dummy_hash(cfg, dummy, sizeof(dummy));
		password_verify(password, dummy);
		return login_failed(r, username, NULL, "unknown_user", next);
	}
	int ok = password_verify(password, u.password_hash);
	if (!ok)
		return login_failed(r, username, &u, "bad_password", next);
	if (!u.active)
		return login_failed(r, username, &u, "disabled", next);

	int role = role_from_name(u.role);
	char object[32];
	snprintf(object, sizeof(object), "user:%lld", u.id);
	if (db_begin(db) < 0)
		return 503;
	if (q_throttle_clear(db, username) < 0 ||
	    sess_create(r, u.id, u.username, role) < 0 ||
	    audit_req(r, "login.ok", object, NULL, NULL, NULL) < 0)
		goto fail;
	/* Raise the work factor of old hashes while the password is known. */
	if (password_needs_rehash(u.password_hash, cfg->kdf_iterations)) {
		char fresh[PASSWORD_HASH_MAX];
		if (password_hash(password, cfg->kdf_iterations, fresh,
		    sizeof(fresh)) < 0 || q_user_set_password(db, u.id, fresh) < 0)
			goto fail;
	}
	if (db_commit(db) < 0)
		return 503;
	r->location = next ? next : role_landing(role);
	return 303;
fail:
	db_rollback(db);
	r->nset_cookie = 0;
	memset(&r->sess, 0, sizeof(r->sess));
	return 503;
}

int
page_auth_logout(struct req *r)
{
	struct db *db = r->app->db;
	char object[32];

	snprintf(object, sizeof(object), "user:%lld", r->sess.user_id);
	if (db_begin(db) < 0)
		return 503;
	if (audit_req(r, "logout", object, NULL, NULL, NULL) < 0 ||
	    sess_destroy(r) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return 503;
	}
	r->location = "/login";
	return 303;
}
