#include <stdlib.h>
#include <string.h>

#include "q.h"

static const char sql_insert[] =
    "INSERT INTO draft_rescues (token_hash, user_id, path, form, created_at) "
    "VALUES (?, ?, ?, ?, UTC_TIMESTAMP())";
static const char sql_get[] =
    "SELECT form FROM draft_rescues WHERE token_hash = ? AND user_id = ? AND "
    "path = ? AND created_at > UTC_TIMESTAMP() - INTERVAL 1 DAY";
static const char sql_delete[] =
    "DELETE FROM draft_rescues WHERE token_hash = ? OR created_at < "
    "UTC_TIMESTAMP() - INTERVAL 1 DAY";

int
q_rescue_insert(struct db *db, const unsigned char hash[32],
    long long user_id, const char *path, const char *form)
{
	struct db_param p[] = { DB_BLOB(hash, 32), DB_INT(user_id),
	    DB_STR(path), DB_STR(form) };
	return db_exec(db, sql_insert, p, 4, NULL);
}

int
q_rescue_take(struct db *db, const unsigned char hash[32], long long user_id,
    const char *path, char **form)
{
	struct db_result r;
	struct db_param p[] = { DB_BLOB(hash, 32), DB_INT(user_id),
	    DB_STR(path) };
	struct db_param d[] = { DB_BLOB(hash, 32) };
	int rc = -1;

	*form = NULL;
	if (db_exec(db, sql_get, p, 3, &r) < 0)
		goto out;
	rc = 0;
	if (r.nrows == 1 && db_cell(&r, 0, 0) != NULL) {
		*form = strdup(db_cell(&r, 0, 0));
		rc = *form ? 1 : -1;
	}
	if (db_exec(db, sql_delete, d, 1, NULL) < 0) {
		free(*form);
		*form = NULL;
		rc = -1;
	}
out:
	db_result_free(&r);
	return rc;
}
