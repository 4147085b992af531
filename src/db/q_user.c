#include <stdio.h>
#include <string.h>

#include "q.h"

#define USER_COLS "id, username, role, password_hash, password_state, " \
    "active, IFNULL(DATE_FORMAT(last_login_at, '%Y-%m-%d %H:%i'), '') "

static const char sql_user_by_name[] =
    "SELECT " USER_COLS "FROM users WHERE username = ?";
static const char sql_user_by_id[] =
    "SELECT " USER_COLS "FROM users WHERE id = ?";
static const char sql_user_by_id_lock[] =
    "SELECT " USER_COLS "FROM users WHERE id = ? FOR UPDATE";
static const char sql_user_insert[] =
    "INSERT INTO users (username, role, password_hash, password_state, "
    "created_at, password_changed_at) VALUES (?, ?, ?, ?, UTC_TIMESTAMP(), "
    "UTC_TIMESTAMP())";
static const char sql_user_set_password[] =
    "UPDATE users SET password_hash = ?, password_changed_at = "
    "UTC_TIMESTAMP() WHERE id = ?";
static const char sql_user_new_password[] =
    "UPDATE users SET password_hash = ?, password_state = ?, "
    "password_changed_at = UTC_TIMESTAMP() WHERE id = ?";
static const char sql_user_spend_temporary[] =
    "UPDATE users SET password_state = 'temporary_used' WHERE id = ? AND "
    "password_state = 'temporary'";
static const char sql_user_set_active[] =
    "UPDATE users SET active = ? WHERE id = ?";
static const char sql_user_set_roles[] =
    "UPDATE users SET role = ? WHERE id = ?";
static const char sql_user_logged_in[] =
    "UPDATE users SET last_login_at = UTC_TIMESTAMP() WHERE id = ?";
static const char sql_user_list[] =
    "SELECT id, username, role, active, created_at, "
    "IFNULL(DATE_FORMAT(last_login_at, '%Y-%m-%d %H:%i'), ''), "
    "password_state FROM users ORDER BY username";
/* FIND_IN_SET cannot use an index, so the scan locks every row it reads:
 * heavy-handed, but user changes are rare and short, and it serialises
 * every change that could leave no administrator. */
static const char sql_user_admins_lock[] =
    "SELECT id FROM users WHERE active = 1 AND FIND_IN_SET('admin', role) "
    "ORDER BY id FOR UPDATE";
static const char sql_throttle_locked[] =
    "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), locked_until) "
    "FROM login_throttle WHERE username = ? AND locked_until > "
    "UTC_TIMESTAMP()";
/* MariaDB applies the assignments left to right, each seeing the values
 * already set: failures is computed from the old window, then the window
 * moves, then the lock reads the new failure count. */
static const char sql_throttle_fail[] =
    "INSERT INTO login_throttle (username, failures, window_start, "
    "locked_until) VALUES (?, 1, UTC_TIMESTAMP(), NULL) "
    "ON DUPLICATE KEY UPDATE "
    "failures = IF(window_start < UTC_TIMESTAMP() - INTERVAL ? SECOND, 1, "
    "failures + 1), "
    "window_start = IF(failures = 1, UTC_TIMESTAMP(), window_start), "
    "locked_until = IF(failures >= ?, UTC_TIMESTAMP() + INTERVAL ? SECOND, "
    "locked_until)";
static const char sql_throttle_get[] =
    "SELECT failures, locked_until > UTC_TIMESTAMP() FROM login_throttle "
    "WHERE username = ?";
static const char sql_throttle_clear[] =
    "DELETE FROM login_throttle WHERE username = ?";

/* Runs one of the USER_COLS queries with an id or a name. */
static int
user_get(struct db *db, const char *sql, const struct db_param *p,
    struct q_user *out)
{
	struct db_result r;
	int rc = -1;

	if (db_exec(db, sql, p, 1, &r) < 0)
		goto out;
	rc = 0;
	if (r.nrows == 0)
		goto out;
	memset(out, 0, sizeof(*out));
	out->id = db_cell_int(&r, 0, 0);
	snprintf(out->username, sizeof(out->username), "%s", db_cell(&r, 0, 1));
	snprintf(out->roles, sizeof(out->roles), "%s", db_cell(&r, 0, 2));
	snprintf(out->password_hash, sizeof(out->password_hash), "%s",
	    db_cell(&r, 0, 3));
	snprintf(out->password_state, sizeof(out->password_state), "%s",
	    db_cell(&r, 0, 4));
	out->active = (int)db_cell_int(&r, 0, 5);
	snprintf(out->last_login_at, sizeof(out->last_login_at), "%s",
	    db_cell(&r, 0, 6));
	rc = 1;
out:
	db_result_free(&r);
	return rc;
}

int
q_user_by_name(struct db *db, const char *username, struct q_user *out)
{
	struct db_param p[] = { DB_STR(username) };
	return user_get(db, sql_user_by_name, p, out);
}

int
q_user_get(struct db *db, long long id, int with_lock, struct q_user *out)
{
	struct db_param p[] = { DB_INT(id) };
	return user_get(db, with_lock ? sql_user_by_id_lock : sql_user_by_id,
	    p, out);
}

int
q_user_insert(struct db *db, const char *username, const char *role,
    const char *password_hash, long long *id)
{
	return q_user_create(db, username, role, password_hash, "chosen", id);
}

int
q_user_create(struct db *db, const char *username, const char *roles,
    const char *password_hash, const char *password_state, long long *id)
{
	struct db_param p[] = { DB_STR(username), DB_STR(roles),
	    DB_STR(password_hash), DB_STR(password_state) };
	if (db_exec(db, sql_user_insert, p, 4, NULL) < 0)
		return -1;
	if (id != NULL)
		*id = (long long)db_insert_id(db);
	return 0;
}

int
q_user_set_password(struct db *db, long long id, const char *hash)
{
	struct db_param p[] = { DB_STR(hash), DB_INT(id) };
	return db_exec(db, sql_user_set_password, p, 2, NULL);
}

int
q_user_new_password(struct db *db, long long id, const char *hash,
    const char *password_state)
{
	struct db_param p[] = { DB_STR(hash), DB_STR(password_state),
	    DB_INT(id) };
	return db_exec(db, sql_user_new_password, p, 3, NULL);
}

int
q_user_spend_temporary(struct db *db, long long id)
{
	struct db_param p[] = { DB_INT(id) };
	return db_exec_one(db, sql_user_spend_temporary, p, 1);
}

int
q_user_set_active(struct db *db, long long id, int active)
{
	struct db_param p[] = { DB_INT(active ? 1 : 0), DB_INT(id) };
	return db_exec(db, sql_user_set_active, p, 2, NULL);
}

int
q_user_set_roles(struct db *db, long long id, const char *roles)
{
	struct db_param p[] = { DB_STR(roles), DB_INT(id) };
	return db_exec(db, sql_user_set_roles, p, 2, NULL);
}

int
q_user_logged_in(struct db *db, long long id)
{
	struct db_param p[] = { DB_INT(id) };
	return db_exec(db, sql_user_logged_in, p, 1, NULL);
}

int
q_user_list(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_user_list, NULL, 0, out);
}

int
q_user_admins_lock(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_user_admins_lock, NULL, 0, out);
}

long long
q_throttle_locked_for(struct db *db, const char *username)
{
	struct db_result r;
	struct db_param p[] = { DB_STR(username) };
	long long secs = -1;

	if (db_exec(db, sql_throttle_locked, p, 1, &r) == 0) {
		secs = r.nrows ? db_cell_int(&r, 0, 0) : 0;
		if (r.nrows && secs < 1)
			secs = 1;
	}
	db_result_free(&r);
	return secs;
}

int
q_throttle_fail(struct db *db, const char *username, long window_s,
    int max_failures, long lock_s, int *locked_now)
{
	struct db_result r;
	struct db_param p[] = { DB_STR(username), DB_INT(window_s),
	    DB_INT(max_failures), DB_INT(lock_s) };
	struct db_param g[] = { DB_STR(username) };
	int rc = -1;

	*locked_now = 0;
	if (db_exec(db, sql_throttle_fail, p, 4, NULL) < 0)
		return -1;
	if (db_exec(db, sql_throttle_get, g, 1, &r) < 0)
		goto out;
	/* Exactly the failure that reached the limit reports the lock. */
	if (r.nrows && db_cell_int(&r, 0, 0) == max_failures &&
	    db_cell_int(&r, 0, 1) == 1)
		*locked_now = 1;
	rc = 0;
out:
	db_result_free(&r);
	return rc;
}

int
q_throttle_clear(struct db *db, const char *username)
{
	struct db_param p[] = { DB_STR(username) };
	return db_exec(db, sql_throttle_clear, p, 1, NULL);
}
