#include <stdio.h>
#include <string.h>

#include "../core/audit.h"
#include "q.h"

static const char sql_head_lock[] =
    "SELECT last_id, last_hash FROM audit_head WHERE id = 1 FOR UPDATE";
static const char sql_head_get[] =
    "SELECT last_id, last_hash FROM audit_head WHERE id = 1";
static const char sql_insert[] =
    "INSERT INTO audit_log (id, at, actor_id, actor_name, action, object, "
    "from_state, to_state, ip, detail, prev_hash, hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_head_update[] =
    "UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1";
/* DATE_FORMAT keeps the microseconds exactly as they were hashed. */
static const char sql_page[] =
    "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), actor_id, "
    "actor_name, action, object, from_state, to_state, ip, detail, "
    "prev_hash, hash FROM audit_log WHERE id > ? ORDER BY id LIMIT ?";
/* The search: every filter is a bound value, and an empty one matches
 * everything; the object matches exactly or, for a kind alone, by the LIKE
 * pattern (NULL otherwise, which matches nothing). Paging is by id, so a
 * page never moves when entries are appended meanwhile. Columns: QA_*. */
#define SEARCH_COLS \
    "SELECT id, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), actor_id, " \
    "actor_name, action, object, from_state, to_state, ip, detail, " \
    "DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s') FROM audit_log "
#define SEARCH_WHERE \
    "(? = '' OR actor_name = ?) AND (? = '' OR action = ?) AND " \
    "(? = '' OR object = ? OR object LIKE ?) AND " \
    "(? = '' OR at >= ?) AND (? = '' OR at < ?)"
static const char sql_search_older[] =
    SEARCH_COLS "WHERE id < ? AND " SEARCH_WHERE
    " ORDER BY id DESC LIMIT ?";
static const char sql_search_newer[] =
    SEARCH_COLS "WHERE id > ? AND " SEARCH_WHERE
    " ORDER BY id LIMIT ?";
static const char sql_search_count[] =
    "SELECT COUNT(*) FROM audit_log WHERE " SEARCH_WHERE;
static const char sql_actions[] =
    "SELECT DISTINCT action FROM audit_log ORDER BY action";

static int
read_head(struct db *db, const char *sql, long long *last_id,
    unsigned char last_hash[32])
{
	struct db_result r;
	int rc = -1;
	if (db_exec(db, sql, NULL, 0, &r) < 0)
		goto out;
	if (r.nrows != 1 || db_cell_len(&r, 0, 1) != 32)
		goto out;
	*last_id = db_cell_int(&r, 0, 0);
	memcpy(last_hash, db_cell(&r, 0, 1), 32);
	rc = 0;
out:
	db_result_free(&r);
	return rc;
}

int
q_audit_head_lock(struct db *db, long long *last_id,
    unsigned char last_hash[32])
{
	return read_head(db, sql_head_lock, last_id, last_hash);
}

int
q_audit_head_get(struct db *db, long long *last_id,
    unsigned char last_hash[32])
{
	return read_head(db, sql_head_get, last_id, last_hash);
}

static struct db_param
opt_str(const char *s)
{
	return s ? DB_STR(s) : DB_NULL;
}

int
q_audit_insert(struct db *db, const struct audit_entry *e)
{
	struct db_param p[] = {
		DB_INT(e->id), DB_STR(e->at),
		e->actor_id ? DB_INT(e->actor_id) : DB_NULL,
		DB_STR(e->actor_name), DB_STR(e->action), DB_STR(e->object),
		opt_str(e->from_state), opt_str(e->to_state), DB_STR(e->ip),
		DB_STR(e->detail), DB_BLOB(e->prev_hash, 32),
		DB_BLOB(e->hash, 32),
	};
	return db_exec(db, sql_insert, p, sizeof(p) / sizeof(p[0]), NULL);
}

int
q_audit_head_update(struct db *db, long long id, const unsigned char hash[32])
{
	struct db_param p[] = { DB_INT(id), DB_BLOB(hash, 32) };
	return db_exec(db, sql_head_update, p, 2, NULL);
}

int
q_audit_page_get(struct db *db, long long after_id, size_t limit,
    struct q_audit_page *out)
{
	struct db_param p[] = { DB_INT(after_id), DB_INT((long long)limit) };
	return db_exec(db, sql_page, p, 2, &out->res);
}

size_t
q_audit_page_entries(const struct q_audit_page *pg, struct audit_entry *out,
    size_t max)
{
	const struct db_result *r = &pg->res;
	size_t n = r->nrows < max ? r->nrows : max;
	for (size_t i = 0; i < n; i++) {
		struct audit_entry *e = &out[i];
		memset(e, 0, sizeof(*e));
		e->id = db_cell_int(r, i, 0);
		snprintf(e->at, sizeof(e->at), "%s",
		    db_cell(r, i, 1) ? db_cell(r, i, 1) : "");
		e->actor_id = db_cell_int(r, i, 2);
		e->actor_name = db_cell(r, i, 3);
		e->action = db_cell(r, i, 4);
		e->object = db_cell(r, i, 5);
		e->from_state = db_cell(r, i, 6);
		e->to_state = db_cell(r, i, 7);
		e->ip = db_cell(r, i, 8);
		e->detail = db_cell(r, i, 9);
		if (db_cell_len(r, i, 10) == 32)
			memcpy(e->prev_hash, db_cell(r, i, 10), 32);
		if (db_cell_len(r, i, 11) == 32)
			memcpy(e->hash, db_cell(r, i, 11), 32);
	}
	return n;
}

void
q_audit_page_free(struct q_audit_page *p)
{
	db_result_free(&p->res);
}

enum { FILTER_PARAMS = 11 };

/* The filter's bound values, in the order of SEARCH_WHERE. */
static void
filter_params(const struct audit_filter *f, struct db_param *p)
{
	size_t i = 0;
	p[i++] = DB_STR(f->actor);
	p[i++] = DB_STR(f->actor);
	p[i++] = DB_STR(f->action);
	p[i++] = DB_STR(f->action);
	p[i++] = DB_STR(f->object);
	p[i++] = DB_STR(f->object);
	p[i++] = f->object_like[0] ? DB_STR(f->object_like) : DB_NULL;
	p[i++] = DB_STR(f->from);
	p[i++] = DB_STR(f->from);
	p[i++] = DB_STR(f->to);
	p[i++] = DB_STR(f->to);
}

static int
search(struct db *db, const char *sql, const struct audit_filter *f,
    long long id, size_t limit, struct db_result *out)
{
	struct db_param p[FILTER_PARAMS + 2];
	p[0] = DB_INT(id);
	filter_params(f, p + 1);
	p[FILTER_PARAMS + 1] = DB_INT((long long)limit);
	return db_exec(db, sql, p, FILTER_PARAMS + 2, out);
}

int
q_audit_search_older(struct db *db, const struct audit_filter *f,
    long long before_id, size_t limit, struct db_result *out)
{
	return search(db, sql_search_older, f, before_id, limit, out);
}

int
q_audit_search_newer(struct db *db, const struct audit_filter *f,
    long long after_id, size_t limit, struct db_result *out)
{
	return search(db, sql_search_newer, f, after_id, limit, out);
}

long long
q_audit_count(struct db *db, const struct audit_filter *f)
{
	struct db_param p[FILTER_PARAMS];
	struct db_result r = { 0 };
	long long n = -1;

	filter_params(f, p);
	if (db_exec(db, sql_search_count, p, FILTER_PARAMS, &r) == 0 &&
	    r.nrows == 1)
		n = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	return n;
}

int
q_audit_actions(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_actions, NULL, 0, out);
}
