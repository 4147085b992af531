/* db.h — the process's one MariaDB connection and its prepared statements.
 *
 * Statements are identified by the address of their SQL text (the static
 * tables in src/db/), prepared on first use and kept for the life of the
 * connection. After the server goes away the connection is reopened and
 * statements are prepared again; a statement that failed that way outside a
 * transaction is retried once. Every value is bound, never spliced. */
#ifndef CP_DB_H
#define CP_DB_H

#include <stddef.h>

struct config;
struct db;

enum db_type { DB_T_NULL, DB_T_INT, DB_T_STR };

struct db_param {
	enum db_type type;
	long long i;
	const char *s;
	size_t len;
};

#define DB_INT(v) ((struct db_param){ .type = DB_T_INT, .i = (v) })
#define DB_STR(v) ((struct db_param){ .type = DB_T_STR, .s = (v), \
	.len = strlen(v) })
#define DB_BLOB(p, n) ((struct db_param){ .type = DB_T_STR, .s = (const char *)(p), \
	.len = (n) })
#define DB_NULL ((struct db_param){ .type = DB_T_NULL })

/* A fully fetched result: every cell as bytes (NUL-terminated for
 * convenience) or NULL for SQL NULL. Owned by the caller; db_result_free. */
struct db_result {
	size_t nrows;
	size_t ncols;
	char **cells;
	unsigned long *lens;
};

/* Returns a new handle (not yet connected) or NULL. cfg must outlive it. */
struct db *db_new(const struct config *cfg);
void db_free(struct db *db);
/* Connects if needed; returns 0 or -1. */
int db_connect(struct db *db);

/* Runs one statement with n bound params. When out is non-NULL the rows are
 * fetched into it (caller frees it even on error). Returns 0 or -1. */
int db_exec(struct db *db, const char *sql, const struct db_param *params,
    size_t n, struct db_result *out);
unsigned long long db_affected(const struct db *db);
/* db_exec for a guarded UPDATE/INSERT/DELETE: 1 when exactly one row
 * changed, 0 when none (or more) did, -1 on error. */
int db_exec_one(struct db *db, const char *sql, const struct db_param *params,
    size_t n);
unsigned long long db_insert_id(const struct db *db);
/* The last client/server error number (0 if none). */
unsigned int db_errno(const struct db *db);
/* The last statement failed because InnoDB chose its transaction as a
 * deadlock victim (and rolled all of it back): running the whole
 * transaction again is safe and usually succeeds. */
int db_deadlocked(const struct db *db);

const char *db_cell(const struct db_result *r, size_t row, size_t col);
unsigned long db_cell_len(const struct db_result *r, size_t row, size_t col);
long long db_cell_int(const struct db_result *r, size_t row, size_t col);
void db_result_free(struct db_result *r);
/* Copies a cell into dst (size bytes, NUL-terminated, truncated); SQL NULL
 * becomes "". */
void db_cell_copy(const struct db_result *r, size_t row, size_t col,
    char *dst, size_t size);

/* Transactions: begin/commit/rollback return 0 or -1. A rollback after a
 * failed commit or a lost connection is harmless. */
int db_begin(struct db *db);
int db_commit(struct db *db);
void db_rollback(struct db *db);
int db_in_transaction(const struct db *db);

/* A cheap round trip for /healthz: reconnects if needed; 0 when alive. */
int db_ping(struct db *db);

/* Runs a trusted multi-statement script (migrations only); 0 or -1. */
int db_run_script(struct db *db, const char *sql, size_t len);

#endif
