/* q_account.c — the organisation's social accounts: what administrators
 * manage and the publisher reads. Credentials arrive here already sealed
 * (crypto_seal); no statement ever sees them in clear. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "q.h"

#define ACCOUNT_SELECT \
    "SELECT id, platform, name, handle, state, settings, credentials, " \
    "IFNULL(DATE_FORMAT(last_test_at, '%Y-%m-%d %H:%i'), ''), " \
    "IFNULL(last_test_ok, -1), last_test_detail, " \
    "IFNULL(DATE_FORMAT(credentials_at, '%Y-%m-%d %H:%i'), ''), " \
    "owner, purpose, registered_at IS NOT NULL, " \
    "IFNULL(DATE_FORMAT(registered_at, '%Y-%m-%d %H:%i'), ''), " \
    "IFNULL((SELECT username FROM users WHERE users.id = " \
    "accounts.registered_by), '') FROM accounts WHERE id = ?"
static const char sql_get[] = ACCOUNT_SELECT;
static const char sql_get_lock[] = ACCOUNT_SELECT " FOR UPDATE";
static const char sql_list[] =
    "SELECT id, platform, name, handle, state, credentials IS NOT NULL, "
    "IFNULL(DATE_FORMAT(last_test_at, '%Y-%m-%d %H:%i'), ''), "
    "IFNULL(last_test_ok, ''), last_test_detail, "
    "registered_at IS NOT NULL, owner FROM accounts "
    "ORDER BY name, id";
static const char sql_insert[] =
    "INSERT INTO accounts (platform, name, handle, settings, state, active, "
    "created_at, updated_at) VALUES (?, ?, ?, ?, 'active', 1, "
    "UTC_TIMESTAMP(), UTC_TIMESTAMP())";
static const char sql_update[] =
    "UPDATE accounts SET name = ?, handle = ?, settings = ?, "
    "updated_at = UTC_TIMESTAMP() WHERE id = ?";
static const char sql_set_credentials[] =
    "UPDATE accounts SET credentials = ?, credentials_at = UTC_TIMESTAMP(), "
    "updated_at = UTC_TIMESTAMP() WHERE id = ?";
static const char sql_set_state[] =
    "UPDATE accounts SET state = ?, active = (? = 'active'), "
    "updated_at = UTC_TIMESTAMP() WHERE id = ?";
static const char sql_test_result[] =
    "UPDATE accounts SET last_test_at = UTC_TIMESTAMP(), last_test_ok = ?, "
    "last_test_detail = ? WHERE id = ?";
static const char sql_register[] =
    "UPDATE accounts SET owner = ?, purpose = ?, registered_by = ?, "
    "registered_at = UTC_TIMESTAMP(), updated_at = UTC_TIMESTAMP() "
    "WHERE id = ?";
static const char sql_unregister[] =
    "UPDATE accounts SET registered_by = NULL, registered_at = NULL, "
    "updated_at = UTC_TIMESTAMP() WHERE id = ? AND registered_at IS NOT NULL";
static const char sql_name_taken[] =
    "SELECT id FROM accounts WHERE name = ? AND id <> ? LIMIT 1";
static const char sql_platform_lock[] =
    "SELECT id FROM accounts WHERE platform = ? FOR UPDATE";

static int
account_get(struct db *db, const char *sql, long long id,
    struct q_account *out)
{
	struct db_result r;
	struct db_param p[] = { DB_INT(id) };
	int rc = -1;

	memset(out, 0, sizeof(*out));
	out->last_test_ok = -1;
	if (db_exec(db, sql, p, 1, &r) < 0)
		goto done;
	rc = 0;
	if (r.nrows == 0)
		goto done;
	out->id = db_cell_int(&r, 0, 0);
	db_cell_copy(&r, 0, 1, out->platform, sizeof(out->platform));
	db_cell_copy(&r, 0, 2, out->name, sizeof(out->name));
	db_cell_copy(&r, 0, 3, out->handle, sizeof(out->handle));
	db_cell_copy(&r, 0, 4, out->state, sizeof(out->state));
	out->settings = strdup(db_cell(&r, 0, 5) && *db_cell(&r, 0, 5) ?
	    db_cell(&r, 0, 5) : "{}");
	rc = -1;
	if (out->settings == NULL)
		goto done;
	if (db_cell(&r, 0, 6) != NULL && db_cell_len(&r, 0, 6) > 0) {
		out->credentials_len = db_cell_len(&r, 0, 6);
		out->credentials = malloc(out->credentials_len);
		if (out->credentials == NULL) {
			q_account_free(out);
			goto done;
		}
		memcpy(out->credentials, db_cell(&r, 0, 6), out->credentials_len);
	}
	db_cell_copy(&r, 0, 7, out->last_test_at, sizeof(out->last_test_at));
	out->last_test_ok = (int)db_cell_int(&r, 0, 8);
	db_cell_copy(&r, 0, 9, out->last_test_detail, sizeof(out->last_test_detail));
	db_cell_copy(&r, 0, 10, out->credentials_at, sizeof(out->credentials_at));
	db_cell_copy(&r, 0, 11, out->owner, sizeof(out->owner));
	db_cell_copy(&r, 0, 12, out->purpose, sizeof(out->purpose));
	out->registered = db_cell_int(&r, 0, 13) != 0;
	db_cell_copy(&r, 0, 14, out->registered_at, sizeof(out->registered_at));
	db_cell_copy(&r, 0, 15, out->registered_by, sizeof(out->registered_by));
	rc = 1;
done:
	db_result_free(&r);
	return rc;
}

int
q_account_get(struct db *db, long long id, struct q_account *out)
{
	return account_get(db, sql_get, id, out);
}

int
q_account_get_lock(struct db *db, long long id, struct q_account *out)
{
	return account_get(db, sql_get_lock, id, out);
}

void
q_account_free(struct q_account *a)
{
	free(a->settings);
	a->settings = NULL;
	free(a->credentials);
	a->credentials = NULL;
	a->credentials_len = 0;
}

int
q_account_list(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_list, NULL, 0, out);
}

int
q_account_insert(struct db *db, const char *platform, const char *name,
    const char *handle, const char *settings, long long *id)
{
	struct db_param p[] = { DB_STR(platform), DB_STR(name), DB_STR(handle),
	    DB_STR(settings) };
	if (db_exec(db, sql_insert, p, 4, NULL) < 0)
		return -1;
	if (id != NULL)
		*id = (long long)db_insert_id(db);
	return 0;
}

int
q_account_update(struct db *db, long long id, const char *name,
    const char *handle, const char *settings)
{
	struct db_param p[] = { DB_STR(name), DB_STR(handle), DB_STR(settings),
	    DB_INT(id) };
	return db_exec(db, sql_update, p, 4, NULL);
}

int
q_account_set_credentials(struct db *db, long long id, const void *blob,
    size_t len)
{
	struct db_param p[] = { DB_BLOB(blob, len), DB_INT(id) };
	return db_exec(db, sql_set_credentials, p, 2, NULL);
}

int
q_account_set_state(struct db *db, long long id, const char *state)
{
	struct db_param p[] = { DB_STR(state), DB_STR(state), DB_INT(id) };
	return db_exec(db, sql_set_state, p, 3, NULL);
}

int
q_account_test_result(struct db *db, long long id, int ok, const char *detail)
{
	struct db_param p[] = { DB_INT(ok ? 1 : 0), DB_STR(detail), DB_INT(id) };
	return db_exec(db, sql_test_result, p, 3, NULL);
}

int
q_account_name_taken(struct db *db, const char *name, long long except_id)
{
	struct db_result r;
	struct db_param p[] = { DB_STR(name), DB_INT(except_id) };
	int rc = -1;
	if (db_exec(db, sql_name_taken, p, 2, &r) == 0)
		rc = r.nrows > 0;
	db_result_free(&r);
	return rc;
}

long long
q_account_count_platform(struct db *db, const char *platform)
{
	struct db_result r;
	struct db_param p[] = { DB_STR(platform) };
	long long n = -1;
	if (db_exec(db, sql_platform_lock, p, 1, &r) == 0)
		n = (long long)r.nrows;
	db_result_free(&r);
	return n;
}

int
q_account_register(struct db *db, long long id, const char *owner,
    const char *purpose, long long user_id)
{
	struct db_param p[] = { DB_STR(owner), DB_STR(purpose),
	    user_id > 0 ? DB_INT(user_id) : DB_NULL, DB_INT(id) };
	return db_exec(db, sql_register, p, 4, NULL);
}

int
q_account_unregister(struct db *db, long long id)
{
	struct db_param p[] = { DB_INT(id) };
	return db_exec_one(db, sql_unregister, p, 1);
}
