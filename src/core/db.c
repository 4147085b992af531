#include "db.h"

#include <errmsg.h>
#include <mysql.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "log.h"

#define DB_MAX_STMTS 256

struct db_stmt_slot {
	const char *sql;
	MYSQL_STMT *stmt;
};

struct db {
	const struct config *cfg;
	MYSQL *conn;
	struct db_stmt_slot slots[DB_MAX_STMTS];
	size_t nslots;
	int in_txn;
	/* The connection was dropped inside a transaction: its work is gone,
	 * and every statement fails until db_rollback (or a failing
	 * db_commit) ends it, so that nothing runs autocommitted on a new
	 * connection in its place. */
	int txn_lost;
	unsigned long long affected;
	unsigned long long insert_id;
	unsigned int last_errno;
};

struct db *
db_new(const struct config *cfg)
{
	struct db *db = calloc(1, sizeof(*db));
	if (db != NULL)
		db->cfg = cfg;
	return db;
}

static void
db_close(struct db *db)
{
	for (size_t i = 0; i < db->nslots; i++)
		mysql_stmt_close(db->slots[i].stmt);
	db->nslots = 0;
	if (db->conn != NULL)
		mysql_close(db->conn);
	db->conn = NULL;
	if (db->in_txn)
		db->txn_lost = 1;
	db->in_txn = 0;
}

void
db_free(struct db *db)
{
	if (db == NULL)
		return;
	db_close(db);
	free(db);
}

int
db_connect(struct db *db)
{
	unsigned int timeout = 3, io_timeout = 30;

	if (db->conn != NULL)
		return 0;
	db->conn = mysql_init(NULL);
	if (db->conn == NULL)
		return -1;
	mysql_options(db->conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(db->conn, MYSQL_OPT_READ_TIMEOUT, &io_timeout);
	mysql_options(db->conn, MYSQL_OPT_WRITE_TIMEOUT, &io_timeout);
	mysql_options(db->conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* All times in the database are UTC; the pages convert for display. */
	mysql_options(db->conn, MYSQL_INIT_COMMAND, "SET time_zone = '+00:00'");
	/* A lock wait ends in a clean error (1205) well before the 30 s
	 * read timeout would drop the connection in its middle. */
	mysql_options(db->conn, MYSQL_INIT_COMMAND,
	    "SET SESSION innodb_lock_wait_timeout = 10");
	if (mysql_real_connect(db->conn, "localhost", db->cfg->db_user,
	    db->cfg->db_password, db->cfg->db_name, 0, db->cfg->db_socket,
	    CLIENT_FOUND_ROWS) == NULL) {
		db->last_errno = mysql_errno(db->conn);
		log_error("db connect failed errno=%u", db->last_errno);
		mysql_close(db->conn);
		db->conn = NULL;
		return -1;
	}
	return 0;
}

static int
connection_lost(unsigned int e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	    e == CR_CONNECTION_ERROR || e == CR_CONN_HOST_ERROR ||
	    e == 1927 /* ER_CONNECTION_KILLED */ ||
	    e == 1243 /* ER_UNKNOWN_STMT_HANDLER */;
}

static MYSQL_STMT *
db_stmt(struct db *db, const char *sql)
{
	for (size_t i = 0; i < db->nslots; i++)
		if (db->slots[i].sql == sql)
			return db->slots[i].stmt;
	if (db->nslots == DB_MAX_STMTS) {
		log_error("db statement cache full");
		return NULL;
	}
	MYSQL_STMT *st = mysql_stmt_init(db->conn);
	if (st == NULL)
		return NULL;
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		db->last_errno = mysql_stmt_errno(st);
		log_error("db prepare failed errno=%u: %s", db->last_errno,
		    mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	my_bool update_max = 0;
	mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &update_max);
	db->slots[db->nslots].sql = sql;
	db->slots[db->nslots].stmt = st;
	db->nslots++;
	return st;
}

void
db_result_free(struct db_result *r)
{
	if (r == NULL)
		return;
	if (r->cells != NULL)
		for (size_t i = 0; i < r->nrows * r->ncols; i++)
			free(r->cells[i]);
	free(r->cells);
	free(r->lens);
	memset(r, 0, sizeof(*r));
}

/* Fetches every row, each column at its exact length (a zero-length first
 * bind, then mysql_stmt_fetch_column per cell). On failure *err is the
 * statement's error number, read before the result is freed (which clears
 * it): a deadlock reported while the rows arrive must not read as 0. */
static int
fetch_all(MYSQL_STMT *st, struct db_result *out, unsigned int *err)
{
	MYSQL_RES *meta = mysql_stmt_result_metadata(st);
	MYSQL_BIND *bind = NULL;
	unsigned long *lengths = NULL;
	my_bool *nulls = NULL;
	size_t cap = 0;
	int rc = -1;

	if (meta == NULL)
		return 0;
	out->ncols = mysql_num_fields(meta);
	bind = calloc(out->ncols, sizeof(*bind));
	lengths = calloc(out->ncols, sizeof(*lengths));
	nulls = calloc(out->ncols, sizeof(*nulls));
	if (bind == NULL || lengths == NULL || nulls == NULL)
		goto out;
	for (size_t c = 0; c < out->ncols; c++) {
		bind[c].buffer_type = MYSQL_TYPE_STRING;
		bind[c].length = &lengths[c];
		bind[c].is_null = &nulls[c];
	}
	if (mysql_stmt_bind_result(st, bind) != 0 ||
	    mysql_stmt_store_result(st) != 0)
		goto out;
	for (;;) {
		int f = mysql_stmt_fetch(st);
		if (f == MYSQL_NO_DATA)
			break;
		if (f == 1)
			goto out;
		if (out->nrows == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			char **cells = realloc(out->cells,
			    ncap * out->ncols * sizeof(char *));
			if (cells == NULL)
				goto out;
			out->cells = cells;
			unsigned long *lens = realloc(out->lens,
			    ncap * out->ncols * sizeof(unsigned long));
			if (lens == NULL)
				goto out;
			out->lens = lens;
			cap = ncap;
		}
		size_t base = out->nrows * out->ncols;
		for (size_t c = 0; c < out->ncols; c++)
			out->cells[base + c] = NULL;
		out->nrows++;
		for (size_t c = 0; c < out->ncols; c++) {
			out->lens[base + c] = 0;
			if (nulls[c])
				continue;
			char *cell = malloc(lengths[c] + 1);
			if (cell == NULL)
				goto out;
			out->cells[base + c] = cell;
			out->lens[base + c] = lengths[c];
			if (lengths[c] > 0) {
				MYSQL_BIND one = { 0 };
				one.buffer_type = MYSQL_TYPE_STRING;
				one.buffer = cell;
				one.buffer_length = lengths[c];
				if (mysql_stmt_fetch_column(st, &one,
				    (unsigned int)c, 0) != 0)
					goto out;
			}
			cell[lengths[c]] = '\0';
		}
	}
	rc = 0;
out:
	if (rc < 0)
		*err = mysql_stmt_errno(st);
	mysql_stmt_free_result(st);
	mysql_free_result(meta);
	free(bind);
	free(lengths);
	free(nulls);
	return rc;
}

static int
exec_once(struct db *db, const char *sql, const struct db_param *params,
    size_t n, struct db_result *out)
{
	MYSQL_BIND bind[64];
	unsigned long lens[64];
	MYSQL_STMT *st;

	if (n > 64)
		return -1;
	if (db->txn_lost) {
		db->last_errno = CR_SERVER_LOST;
		return -1;
	}
	if (db_connect(db) < 0)
		return -1;
	st = db_stmt(db, sql);
	if (st == NULL) {
		if (db->last_errno == 0)
			db->last_errno = mysql_errno(db->conn);
		return -1;
	}
	if (mysql_stmt_param_count(st) != n) {
		log_error("db param count mismatch (%lu != %zu)",
		    mysql_stmt_param_count(st), n);
		db->last_errno = 0;
		return -1;
	}
	memset(bind, 0, sizeof(bind));
	for (size_t i = 0; i < n; i++) {
		switch (params[i].type) {
		case DB_T_NULL:
			bind[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DB_T_INT:
			bind[i].buffer_type = MYSQL_TYPE_LONGLONG;
			bind[i].buffer = (void *)&params[i].i;
			break;
		case DB_T_STR:
			bind[i].buffer_type = MYSQL_TYPE_STRING;
			bind[i].buffer = (void *)params[i].s;
			lens[i] = params[i].len;
			bind[i].buffer_length = params[i].len;
			bind[i].length = &lens[i];
			break;
		}
	}
	if ((n > 0 && mysql_stmt_bind_param(st, bind) != 0) ||
	    mysql_stmt_execute(st) != 0) {
		db->last_errno = mysql_stmt_errno(st);
		return -1;
	}
	db->affected = mysql_stmt_affected_rows(st);
	db->insert_id = mysql_stmt_insert_id(st);
	if (out != NULL) {
		if (fetch_all(st, out, &db->last_errno) < 0) {
			/* An error in the middle of the rows (a deadlock
			 * victim's, say) can leave the connection out of step
			 * with the server: the next request on it once waited
			 * out the 30 s read timeout. Start afresh instead. */
			db_close(db);
			return -1;
		}
	} else {
		mysql_stmt_free_result(st);
	}
	db->last_errno = 0;
	return 0;
}

int
db_exec(struct db *db, const char *sql, const struct db_param *params,
    size_t n, struct db_result *out)
{
	if (out != NULL)
		memset(out, 0, sizeof(*out));
	if (exec_once(db, sql, params, n, out) == 0)
		return 0;
	if (!connection_lost(db->last_errno) && db->conn != NULL)
		goto fail;
	/* The server went away. Inside a transaction the work is lost with
	 * the connection, so the caller must see the failure; outside one a
	 * fresh connection can safely run the statement once more. */
	int was_in_txn = db->in_txn || db->txn_lost;
	db_close(db);
	if (was_in_txn)
		goto fail;
	db_result_free(out);
	if (exec_once(db, sql, params, n, out) == 0)
		return 0;
fail:
	log_error("db statement failed errno=%u", db->last_errno);
	return -1;
}

unsigned long long
db_affected(const struct db *db)
{
	return db->affected;
}

unsigned long long
db_insert_id(const struct db *db)
{
	return db->insert_id;
}

unsigned int
db_errno(const struct db *db)
{
	return db->last_errno;
}

int
db_deadlocked(const struct db *db)
{
	return db->last_errno == 1213; /* ER_LOCK_DEADLOCK */
}

const char *
db_cell(const struct db_result *r, size_t row, size_t col)
{
	if (row >= r->nrows || col >= r->ncols)
		return NULL;
	return r->cells[row * r->ncols + col];
}

unsigned long
db_cell_len(const struct db_result *r, size_t row, size_t col)
{
	if (row >= r->nrows || col >= r->ncols)
		return 0;
	return r->lens[row * r->ncols + col];
}

long long
db_cell_int(const struct db_result *r, size_t row, size_t col)
{
	const char *s = db_cell(r, row, col);
	return s ? strtoll(s, NULL, 10) : 0;
}

int
db_begin(struct db *db)
{
	db->txn_lost = 0;
	if (db_connect(db) < 0)
		return -1;
	if (mysql_autocommit(db->conn, 0) != 0) {
		db->last_errno = mysql_errno(db->conn);
		if (connection_lost(db->last_errno)) {
			db_close(db);
			if (db_connect(db) < 0 ||
			    mysql_autocommit(db->conn, 0) != 0)
				return -1;
		} else {
			return -1;
		}
	}
	db->in_txn = 1;
	return 0;
}

int
db_commit(struct db *db)
{
	int rc = 0;
	if (db->conn == NULL || db->txn_lost) {
		db->txn_lost = 0;
		db->in_txn = 0;
		return -1;
	}
	if (mysql_commit(db->conn) != 0) {
		db->last_errno = mysql_errno(db->conn);
		log_error("db commit failed errno=%u", db->last_errno);
		mysql_rollback(db->conn);
		rc = -1;
	}
	mysql_autocommit(db->conn, 1);
	db->in_txn = 0;
	return rc;
}

void
db_rollback(struct db *db)
{
	if (db->conn != NULL && db->in_txn) {
		mysql_rollback(db->conn);
		mysql_autocommit(db->conn, 1);
	}
	db->in_txn = 0;
	db->txn_lost = 0;
}

int
db_in_transaction(const struct db *db)
{
	return db->in_txn || db->txn_lost;
}

static const char db_sql_ping[] = "SELECT 1";

int
db_ping(struct db *db)
{
	struct db_result r;
	int rc = db_exec(db, db_sql_ping, NULL, 0, &r);
	db_result_free(&r);
	return rc;
}

int
db_run_script(struct db *db, const char *sql, size_t len)
{
	if (db_connect(db) < 0)
		return -1;
	if (mysql_set_server_option(db->conn, MYSQL_OPTION_MULTI_STATEMENTS_ON)
	    != 0)
		goto fail;
	if (mysql_real_query(db->conn, sql, len) != 0)
		goto fail;
	int status;
	do {
		MYSQL_RES *res = mysql_store_result(db->conn);
		if (res != NULL)
			mysql_free_result(res);
		else if (mysql_field_count(db->conn) != 0)
			goto fail;
		status = mysql_next_result(db->conn);
		if (status > 0)
			goto fail;
	} while (status == 0);
	mysql_set_server_option(db->conn, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
	return 0;
fail:
	db->last_errno = mysql_errno(db->conn);
	log_error("db script failed errno=%u: %s", db->last_errno,
	    mysql_error(db->conn));
	mysql_set_server_option(db->conn, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
	return -1;
}

int
db_exec_one(struct db *db, const char *sql, const struct db_param *params,
    size_t n)
{
	if (db_exec(db, sql, params, n, NULL) < 0)
		return -1;
	return db_affected(db) == 1;
}

void
db_cell_copy(const struct db_result *r, size_t row, size_t col, char *dst,
    size_t size)
{
	const char *v = db_cell(r, row, col);
	snprintf(dst, size, "%s", v ? v : "");
}
