/* admin_users.c — user administration: list, create, roles, disable and
 * enable, reset password.
 *
 * A new user, and a user whose password is reset, gets a temporary
 * password generated here and shown to the administrator once, in the
 * answer to that request; it is stored only as a PBKDF2 hash, never logged
 * or audited. It signs in once, and that session can only choose a new
 * password (see R_PASSWORD in route.h).
 *
 * Every change is one transaction with its audit entry, and every one
 * starts by locking the rows of the active administrators
 * (q_user_admins_lock): a change that would leave no active administrator
 * (disabling one, taking the role away, one's own included) is refused,
 * and two administrators acting at the same moment — each disabling the
 * other, say — run one after the other, the second seeing the first's
 * result. An administrator who lost the role meanwhile changes nothing. */
#include <stdio.h>
#include <string.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/crypto.h"
#include "../core/db.h"
#include "../core/log.h"
#include "../core/render.h"
#include "../core/session.h"
#include "../db/q.h"
#include "pages.h"

#define DB_DUPLICATE 1062 /* ER_DUP_ENTRY */
#define LAST_ADMIN "This is the last active administrator: give another " \
    "user the administrator role first, so that someone can still manage " \
    "Clearpost."

static const struct {
	int bit;
	const char *field;  /* form checkbox */
	const char *hdf;    /* under User.Roles / Form.Roles */
} role_fields[] = {
	{ ROLE_AUTHOR, "role_author", "Author" },
	{ ROLE_REVIEWER, "role_reviewer", "Reviewer" },
	{ ROLE_ADMIN, "role_admin", "Admin" },
};
#define NROLE_FIELDS (sizeof(role_fields) / sizeof(role_fields[0]))

/* The roles ticked in the form (0 when none). */
static unsigned
form_roles(const struct req *r)
{
	unsigned roles = 0;
	for (size_t i = 0; i < NROLE_FIELDS; i++) {
		const char *v = req_form(r, role_fields[i].field);
		if (v != NULL && strcmp(v, "1") == 0)
			roles |= (unsigned)role_fields[i].bit;
	}
	return roles;
}

/* prefix.Author/.Reviewer/.Admin = "1" for each role held. 0 or -1. */
static int
roles_to_hdf(struct req *r, const char *prefix, unsigned roles)
{
	char key[96];
	for (size_t i = 0; i < NROLE_FIELDS; i++) {
		if (!(roles & (unsigned)role_fields[i].bit))
			continue;
		snprintf(key, sizeof(key), "%s.%s", prefix, role_fields[i].hdf);
		if (render_set(r, key, "1") < 0)
			return -1;
	}
	return 0;
}

static const char *
done_flash(const char *done)
{
	static const struct { const char *key, *text; } flashes[] = {
		{ "roles", "Roles saved. They apply from the user's next "
		    "page." },
		{ "disabled", "Disabled. The user was signed out everywhere." },
		{ "enabled", "Enabled. The user can sign in again." },
		{ "unchanged", "Nothing to change." },
	};
	if (done == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof(flashes) / sizeof(flashes[0]); i++)
		if (strcmp(done, flashes[i].key) == 0)
			return flashes[i].text;
	return NULL;
}

/* ---- the transaction every change runs in --------------------------- */

struct change {
	struct q_user target;
	size_t admins;       /* active administrators, locked */
	int target_admin;    /* the target is one of them */
};

/* Begins a user change: locks the active administrators and then the
 * target's row. Returns 0 with the transaction open and c filled, or an
 * HTTP status with it rolled back: 403 when the acting user is no longer
 * an active administrator, 404 no such user, 503. */
static int
change_begin(struct req *r, long long target_id, struct change *c)
{
	struct db *db = r->app->db;
	struct db_result admins = { 0 };
	int status = 503, actor_ok = 0;

	memset(c, 0, sizeof(*c));
	if (db_begin(db) < 0)
		return 503;
	if (q_user_admins_lock(db, &admins) < 0)
		goto fail;
	c->admins = admins.nrows;
	for (size_t i = 0; i < admins.nrows; i++) {
		long long id = db_cell_int(&admins, i, 0);
		if (id == r->sess.user_id)
			actor_ok = 1;
		if (id == target_id)
			c->target_admin = 1;
	}
	if (!actor_ok) {
		r->message = "Your account is no longer an active "
		    "administrator, so nothing was changed.";
		status = 403;
		goto fail;
	}
	if (target_id > 0) {
		int found = q_user_get(db, target_id, 1, &c->target);
		if (found <= 0) {
			status = found < 0 ? 503 : 404;
			goto fail;
		}
	}
	db_result_free(&admins);
	return 0;
fail:
	db_result_free(&admins);
	db_rollback(db);
	return status;
}

/* 1 when taking the target out of the administrators (disabling them or
 * removing the role) would leave none. */
static int
would_leave_no_admin(const struct change *c)
{
	return c->target_admin && c->admins <= 1;
}

/* ---- pages ---------------------------------------------------------- */

/* The list and the "new user" form (errors and typed values kept). */
static int
users_page(struct req *r, int status, const char *name, unsigned roles,
    const char *name_error, const char *roles_error)
{
	struct db_result rows = { 0 };
	char key[64], list[40];
	int rc = 503;

	if (q_user_list(r->app->db, &rows) < 0)
		goto out;
	rc = 500;
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", "Users") < 0 ||
	    render_set(r, "Form.Name", name ? name : "") < 0 ||
	    roles_to_hdf(r, "Form.Roles", roles) < 0)
		goto out;
	if ((name_error && render_set(r, "Errors.Name", name_error) < 0) ||
	    (roles_error && render_set(r, "Errors.Roles", roles_error) < 0))
		goto out;
	const char *flash = done_flash(req_query(r, "done"));
	if (flash != NULL && render_set(r, "Flash", flash) < 0)
		goto out;
	for (size_t i = 0; i < rows.nrows; i++) {
		unsigned held = roles_from_names(db_cell(&rows, i, 2));
		static const struct { size_t col; const char *name; } cols[] = {
			{ 0, "Id" }, { 1, "Name" }, { 3, "Active" },
			{ 4, "Created" }, { 5, "LastLogin" },
			{ 6, "PasswordState" },
		};
		for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
			snprintf(key, sizeof(key), "Users.%zu.%s", i,
			    cols[c].name);
			if (render_set(r, key, db_cell(&rows, i,
			    cols[c].col)) < 0)
				goto out;
		}
		snprintf(key, sizeof(key), "Users.%zu.Roles", i);
		if (render_set(r, key, roles_names(held, ", ", list,
		    sizeof(list))) < 0)
			goto out;
	}
	r->template = "admin/users.cs";
	rc = status;
out:
	db_result_free(&rows);
	return rc;
}

/* One user's page: roles form, enable/disable, reset. */
static int
user_page(struct req *r, int status, const struct q_user *u,
    const char *error)
{
	char list[40];
	unsigned roles = roles_from_names(u->roles);

	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", u->username) < 0 ||
	    render_set_int(r, "Target.Id", u->id) < 0 ||
	    render_set(r, "Target.Name", u->username) < 0 ||
	    render_set(r, "Target.RoleList", roles_names(roles, ", ", list,
	    sizeof(list))) < 0 ||
	    roles_to_hdf(r, "Target.Roles", roles) < 0 ||
	    render_set_int(r, "Target.Active", u->active) < 0 ||
	    render_set(r, "Target.LastLogin", u->last_login_at) < 0 ||
	    render_set(r, "Target.PasswordState", u->password_state) < 0 ||
	    render_set_int(r, "Target.Self", u->id == r->sess.user_id) < 0)
		return 500;
	if (error != NULL && render_set(r, "Errors.Form", error) < 0)
		return 500;
	const char *flash = done_flash(req_query(r, "done"));
	if (status == 200 && flash != NULL && render_set(r, "Flash", flash) < 0)
		return 500;
	r->template = "admin/user.cs";
	return status;
}

/* The page showing a temporary password, once. */
static int
password_shown(struct req *r, const struct q_user *u, const char *temp,
    int created)
{
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", created ? "User created" :
	    "Password reset") < 0 ||
	    render_set_int(r, "Target.Id", u->id) < 0 ||
	    render_set(r, "Target.Name", u->username) < 0 ||
	    render_set_int(r, "Target.Created", created) < 0 ||
	    render_set(r, "Temporary", temp) < 0)
		return 500;
	r->template = "admin/user_password.cs";
	return 200;
}

/* Reloads the target after a refused change to show its page again. */
static int
refused(struct req *r, long long id, int status, const char *why)
{
	struct q_user u;
	int found = q_user_get(r->app->db, id, 0, &u);
	if (found <= 0)
		return found < 0 ? 503 : 404;
	return user_page(r, status, &u, why);
}

int
page_admin_users(struct req *r)
{
	struct db *db = r->app->db;
	const struct config *cfg = &r->app->cfg;
	char temp[PASSWORD_TEMP_SIZE], hash[PASSWORD_HASH_MAX], names[40];
	char object[32], detail[128];
	struct change c;
	struct q_user u;

	if (r->method != M_POST)
		return users_page(r, 200, NULL, 0, NULL, NULL);

	const char *name = req_form(r, "username");
	unsigned roles = form_roles(r);
	if (name == NULL)
		return 400;
	if (!user_name_valid(name))
		return users_page(r, 422, name, roles, "1 to 64 characters: "
		    "lower-case letters, digits, dot, underscore, hyphen.",
		    NULL);
	if (roles == 0)
		return users_page(r, 422, name, roles, NULL, "Choose at least "
		    "one role.");
	int found = q_user_by_name(db, name, &u);
	if (found < 0)
		return 503;
	if (found)
		return users_page(r, 422, name, roles, "A user of that name "
		    "exists already.", NULL);
	if (password_generate(temp, sizeof(temp)) < 0 ||
	    password_hash(temp, cfg->kdf_iterations, hash, sizeof(hash)) < 0)
		return 500;

	int status = change_begin(r, 0, &c);
	if (status != 0)
		goto out;
	roles_names(roles, ",", names, sizeof(names));
	memset(&u, 0, sizeof(u));
	snprintf(u.username, sizeof(u.username), "%s", name);
	if (q_user_create(db, name, names, hash, "temporary", &u.id) < 0) {
		int dup = db_errno(db) == DB_DUPLICATE;
		db_rollback(db);
		status = dup ? users_page(r, 422, name, roles, "A user of that "
		    "name exists already.", NULL) : 503;
		goto out;
	}
	snprintf(object, sizeof(object), "user:%lld", u.id);
	snprintf(detail, sizeof(detail), "name=%s roles=%s", name, names);
	if (audit_req(r, "user.create", object, NULL, names, detail) < 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		status = 503;
		goto out;
	}
	log_info("user created id=%lld", u.id);
	status = password_shown(r, &u, temp, 1);
out:
	memset(temp, 0, sizeof(temp));
	return status;
}

int
page_admin_user(struct req *r)
{
	struct q_user u;
	int found = q_user_get(r->app->db, r->path_id, 0, &u);
	if (found <= 0)
		return found < 0 ? 503 : 404;
	return user_page(r, 200, &u, NULL);
}

int
page_admin_user_roles(struct req *r)
{
	struct db *db = r->app->db;
	char from[40], to[40], object[32];
	struct change c;
	unsigned roles = form_roles(r);

	if (roles == 0)
		return refused(r, r->path_id, 422, "Choose at least one role. "
		    "To stop someone signing in, disable the account.");
	int status = change_begin(r, r->path_id, &c);
	if (status != 0)
		return status;
	unsigned held = roles_from_names(c.target.roles);
	roles_names(held, ",", from, sizeof(from));
	roles_names(roles, ",", to, sizeof(to));
	if (held == roles) {
		db_rollback(db);
		r->location = arena_printf(&r->arena, "/admin/users/%lld"
		    "?done=unchanged", c.target.id);
		return r->location ? 303 : 500;
	}
	if (!(roles & ROLE_ADMIN) && would_leave_no_admin(&c)) {
		db_rollback(db);
		return user_page(r, 409, &c.target, LAST_ADMIN);
	}
	snprintf(object, sizeof(object), "user:%lld", c.target.id);
	if (q_user_set_roles(db, c.target.id, to) < 0 ||
	    audit_req(r, "user.roles", object, from, to, NULL) < 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		return 503;
	}
	r->location = arena_printf(&r->arena, "/admin/users/%lld?done=roles",
	    c.target.id);
	return r->location ? 303 : 500;
}

/* Disables or enables the user at path_id. */
static int
set_active(struct req *r, int active)
{
	struct db *db = r->app->db;
	char object[32];
	struct change c;

	int status = change_begin(r, r->path_id, &c);
	if (status != 0)
		return status;
	if (c.target.active == active) {
		db_rollback(db);
		r->location = arena_printf(&r->arena, "/admin/users/%lld"
		    "?done=unchanged", c.target.id);
		return r->location ? 303 : 500;
	}
	if (!active && would_leave_no_admin(&c)) {
		db_rollback(db);
		return user_page(r, 409, &c.target, LAST_ADMIN);
	}
	snprintf(object, sizeof(object), "user:%lld", c.target.id);
	/* Disabling ends every session at once (sess_load also refuses a
	 * disabled user's session, should one be created meanwhile). */
	if (q_user_set_active(db, c.target.id, active) < 0 ||
	    (!active && q_session_delete_for_user(db, c.target.id) < 0) ||
	    audit_req(r, active ? "user.enable" : "user.disable", object,
	    active ? "disabled" : "active", active ? "active" : "disabled",
	    NULL) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		return 503;
	}
	r->location = arena_printf(&r->arena, "/admin/users/%lld?done=%s",
	    c.target.id, active ? "enabled" : "disabled");
	return r->location ? 303 : 500;
}

int
page_admin_user_disable(struct req *r)
{
	return set_active(r, 0);
}

int
page_admin_user_enable(struct req *r)
{
	return set_active(r, 1);
}

int
page_admin_user_reset(struct req *r)
{
	struct db *db = r->app->db;
	const struct config *cfg = &r->app->cfg;
	char temp[PASSWORD_TEMP_SIZE], hash[PASSWORD_HASH_MAX], object[32];
	struct change c;
	int status;

	if (r->path_id == r->sess.user_id)
		return refused(r, r->path_id, 409, "Change your own password "
		    "on the Password page.");
	if (password_generate(temp, sizeof(temp)) < 0 ||
	    password_hash(temp, cfg->kdf_iterations, hash, sizeof(hash)) < 0)
		return 500;
	status = change_begin(r, r->path_id, &c);
	if (status != 0)
		goto out;
	snprintf(object, sizeof(object), "user:%lld", c.target.id);
	/* A forgotten password may have locked the name too: the reset
	 * lifts that. */
	if (q_user_new_password(db, c.target.id, hash, "temporary") < 0 ||
	    q_session_delete_for_user(db, c.target.id) < 0 ||
	    q_throttle_clear(db, c.target.username) < 0 ||
	    audit_req(r, "user.password_reset", object, c.target.password_state,
	    "temporary", NULL) < 0 || db_commit(db) < 0) {
		db_rollback(db);
		status = 503;
		goto out;
	}
	status = password_shown(r, &c.target, temp, 0);
out:
	memset(temp, 0, sizeof(temp));
	return status;
}
