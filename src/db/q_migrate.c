#include <string.h>

#include "q.h"

static const char sql_table[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version VARCHAR(128) NOT NULL PRIMARY KEY, "
    "applied_at DATETIME NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
static const char sql_applied[] =
    "SELECT 1 FROM schema_migrations WHERE version = ?";
static const char sql_record[] =
    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, "
    "UTC_TIMESTAMP())";

int
q_migration_ensure_table(struct db *db)
{
	return db_exec(db, sql_table, NULL, 0, NULL);
}

int
q_migration_applied(struct db *db, const char *version)
{
	struct db_result r;
	struct db_param p[] = { DB_STR(version) };
	int rc = db_exec(db, sql_applied, p, 1, &r);
	if (rc == 0)
		rc = r.nrows > 0;
	db_result_free(&r);
	return rc;
}

int
q_migration_record(struct db *db, const char *version)
{
	struct db_param p[] = { DB_STR(version) };
	return db_exec(db, sql_record, p, 1, NULL);
}
