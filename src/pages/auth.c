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
#define SPENT "This temporary password has been used already. Ask an " \
    "administrator for a new one."

/* Where a signed-in user starts: the page of their highest role, or
 * /password while a temporary password awaits replacement. */
static const char *
start_page(const struct req *r)
{
	return r->sess.must_change_password ? "/password" :
	    role_landing(r->sess.roles);
}

int
page_auth_home(struct req *r)
{
	r->location = r->sess.valid ? start_page(r) : "/login";
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

/* Counts and audits a failed sign-in and shows the form again with
 * message (NULL: the usual "wrong user or password"). */
static int
login_failed(struct req *r, const char *username, const struct q_user *u,
    const char *reason, const char *message, const char *next)
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
	return login_form(r, 401, message ? message : WRONG_LOGIN, username,
	    next);
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
			r->location = start_page(r);
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
		return login_failed(r, username, NULL, "unknown_user", NULL,
		    next);
	}
	int ok = password_verify(password, u.password_hash);
	if (!ok)
		return login_failed(r, username, &u, "bad_password", NULL,
		    next);
	if (!u.active)
		return login_failed(r, username, &u, "disabled", NULL, next);
	unsigned roles = roles_from_names(u.roles);
	if (roles == 0)
		return login_failed(r, username, &u, "no_roles", NULL, next);
	/* Only someone who knows the password learns that it was spent. */
	if (strcmp(u.password_state, "temporary_used") == 0)
		return login_failed(r, username, &u, "temporary_used", SPENT,
		    next);

	int temporary = strcmp(u.password_state, "temporary") == 0;
	char object[32];
	snprintf(object, sizeof(object), "user:%lld", u.id);
	if (db_begin(db) < 0)
		return 503;
	/* The user's row first, as user administration locks it, so the two
	 * never wait for each other in opposite order. */
	if (q_user_logged_in(db, u.id) < 0)
		goto fail;
	if (temporary) {
		/* A temporary password signs in once: of two sign-ins racing
		 * with it, one wins. */
		int spent = q_user_spend_temporary(db, u.id);
		if (spent < 0)
			goto fail;
		if (spent == 0) {
			db_rollback(db);
			return login_failed(r, username, &u, "temporary_used",
			    SPENT, next);
		}
	}
	/* Raise the work factor of old hashes while the password is known. */
	if (password_needs_rehash(u.password_hash, cfg->kdf_iterations)) {
		char fresh[PASSWORD_HASH_MAX];
		if (password_hash(password, cfg->kdf_iterations, fresh,
		    sizeof(fresh)) < 0 || q_user_set_password(db, u.id, fresh) < 0)
			goto fail;
	}
	if (q_throttle_clear(db, username) < 0 ||
	    sess_create(r, u.id, u.username, roles, temporary) < 0 ||
	    audit_req(r, "login.ok", object, NULL, NULL,
	    temporary ? "password=temporary" : NULL) < 0)
		goto fail;
	if (db_commit(db) < 0)
		return 503;
	r->location = temporary ? "/password" : next ? next :
	    role_landing(roles);
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

/* ---- /password ------------------------------------------------------ */

/* The password form; error (when not NULL) goes to the HDF name field. */
static int
password_form(struct req *r, int status, const char *field, const char *error)
{
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", "Change your password") < 0 ||
	    render_set_int(r, "Password.MinChars", PASSWORD_MIN_CHARS) < 0)
		return 500;
	if (error != NULL && render_set(r, field, error) < 0)
		return 500;
	if (status == 200 && req_query(r, "done") != NULL &&
	    render_set(r, "Flash", "Your password was changed. Your other "
	    "sessions were signed out.") < 0)
		return 500;
	r->template = "password.cs";
	return status;
}

/* A wrong current password counts as a failed sign-in of the name, so the
 * form cannot be used to guess it faster than the sign-in page. */
static int
password_wrong_current(struct req *r, const struct q_user *u)
{
	const struct config *cfg = &r->app->cfg;
	struct db *db = r->app->db;
	char object[32];
	int locked_now = 0;

	snprintf(object, sizeof(object), "user:%lld", u->id);
	if (db_begin(db) < 0)
		return 503;
	if (q_throttle_fail(db, u->username, cfg->login_window_seconds,
	    cfg->login_max_failures, cfg->login_lock_seconds, &locked_now) < 0 ||
	    audit_req(r, "user.password_change_fail", object, NULL, NULL,
	    "reason=wrong_current") < 0 ||
	    (locked_now && audit_req(r, "login.locked", object, NULL, NULL,
	    "failures reached the limit") < 0)) {
		db_rollback(db);
		return 503;
	}
	if (db_commit(db) < 0)
		return 503;
	return password_form(r, 422, "Errors.Current", "That is not your "
	    "current password.");
}

int
page_auth_password(struct req *r)
{
	struct db *db = r->app->db;
	const struct config *cfg = &r->app->cfg;
	int forced = r->sess.must_change_password;
	char hash[PASSWORD_HASH_MAX], object[32];
	struct q_user u, now;
	const char *why;

	if (r->method != M_POST)
		return password_form(r, 200, NULL, NULL);
	const char *current = req_form(r, "current");
	const char *fresh = req_form(r, "password");
	const char *again = req_form(r, "confirm");
	if (fresh == NULL || again == NULL || (!forced && current == NULL))
		return 400;

	int found = q_user_get(db, r->sess.user_id, 0, &u);
	if (found <= 0)
		return 503;
	if (!forced) {
		long long locked = q_throttle_locked_for(db, u.username);
		if (locked < 0)
			return 503;
		if (locked > 0)
			return password_form(r, 429, "Errors.Current",
			    "Too many failed attempts. Try again later.");
		if (!password_verify(current, u.password_hash))
			return password_wrong_current(r, &u);
	}
	if ((why = password_problem(u.username, fresh)) != NULL)
		return password_form(r, 422, "Errors.Password", why);
	if (strcmp(fresh, again) != 0)
		return password_form(r, 422, "Errors.Confirm", "The two new "
		    "passwords are not the same.");
	if (password_verify(fresh, u.password_hash))
		return password_form(r, 422, "Errors.Password", forced ?
		    "Choose a password of your own, not the temporary one." :
		    "The new password must differ from the current one.");
	if (password_hash(fresh, cfg->kdf_iterations, hash, sizeof(hash)) < 0)
		return 500;

	snprintf(object, sizeof(object), "user:%lld", u.id);
	if (db_begin(db) < 0)
		return 503;
	found = q_user_get(db, u.id, 1, &now);
	if (found <= 0)
		goto fail;
	if (strcmp(now.password_hash, u.password_hash) != 0 || !now.active) {
		/* An administrator reset or disabled the account meanwhile;
		 * that ended this session too. */
		db_rollback(db);
		r->message = "Your account was changed by an administrator "
		    "meanwhile, so your password was not changed.";
		return 409;
	}
	if (q_user_new_password(db, u.id, hash, "chosen") < 0 ||
	    sess_end_others(r) < 0 ||
	    audit_req(r, "user.password_change", object, now.password_state,
	    "chosen", NULL) < 0 || db_commit(db) < 0)
		goto fail;
	r->sess.must_change_password = 0;
	r->location = forced ? role_landing(r->sess.roles) : "/password?done=1";
	return 303;
fail:
	db_rollback(db);
	return 503;
}
