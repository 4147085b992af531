#include <stdio.h>
#include <string.h>

#include "q.h"

static const char sql_session_insert[] =
    "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, ip, "
    "user_agent) VALUES (?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(), ?, ?)";
static const char sql_session_find[] =
    "SELECT s.user_id, u.username, u.role, u.password_state, u.active, "
    "TIMESTAMPDIFF(SECOND, s.last_seen_at, UTC_TIMESTAMP()), "
    "TIMESTAMPDIFF(SECOND, s.created_at, UTC_TIMESTAMP()), "
    "(SELECT COUNT(*) FROM notifications n WHERE n.user_id = s.user_id AND "
    "n.read_at IS NULL), "
    "IF(FIND_IN_SET('reviewer', u.role), (SELECT COUNT(*) FROM posts p "
    "WHERE p.state = 'in_review'), 0) "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?";
/* Touching at most every 30 s keeps idle tracking exact enough for a
 * 15-minute timeout without a write on every page view. */
static const char sql_session_touch[] =
    "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() WHERE id_hash = ? "
    "AND last_seen_at < UTC_TIMESTAMP() - INTERVAL 30 SECOND";
static const char sql_session_delete[] =
    "DELETE FROM sessions WHERE id_hash = ?";
static const char sql_session_delete_user[] =
    "DELETE FROM sessions WHERE user_id = ?";
static const char sql_session_delete_others[] =
    "DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?";

int
q_session_insert(struct db *db, const unsigned char hash[32],
    long long user_id, const char *ip, const char *user_agent)
{
	char ua[256];
	snprintf(ua, sizeof(ua), "%s", user_agent);
	/* Cut at a character boundary so the column stays valid UTF-8. */
	size_t n = strlen(ua);
	while (n > 0 && ((unsigned char)ua[n - 1] & 0xc0) == 0x80 &&
	    n == sizeof(ua) - 1)
		ua[--n] = '\0';
	struct db_param p[] = { DB_BLOB(hash, 32), DB_INT(user_id),
	    DB_STR(ip ? ip : ""), DB_STR(ua) };
	return db_exec(db, sql_session_insert, p, 4, NULL);
}

int
q_session_find(struct db *db, const unsigned char hash[32],
    struct q_session *out)
{
	struct db_result r;
	struct db_param p[] = { DB_BLOB(hash, 32) };
	int rc = -1;

	if (db_exec(db, sql_session_find, p, 1, &r) < 0)
		goto out;
	rc = 0;
	if (r.nrows == 0)
		goto out;
	memset(out, 0, sizeof(*out));
	out->user_id = db_cell_int(&r, 0, 0);
	snprintf(out->username, sizeof(out->username), "%s", db_cell(&r, 0, 1));
	snprintf(out->roles, sizeof(out->roles), "%s", db_cell(&r, 0, 2));
	snprintf(out->password_state, sizeof(out->password_state), "%s",
	    db_cell(&r, 0, 3));
	out->active = (int)db_cell_int(&r, 0, 4);
	out->idle_seconds = db_cell_int(&r, 0, 5);
	out->age_seconds = db_cell_int(&r, 0, 6);
	out->unread = db_cell_int(&r, 0, 7);
	out->waiting = db_cell_int(&r, 0, 8);
	rc = 1;
out:
	db_result_free(&r);
	return rc;
}

int
q_session_touch(struct db *db, const unsigned char hash[32])
{
	struct db_param p[] = { DB_BLOB(hash, 32) };
	return db_exec(db, sql_session_touch, p, 1, NULL);
}

int
q_session_delete(struct db *db, const unsigned char hash[32])
{
	struct db_param p[] = { DB_BLOB(hash, 32) };
	return db_exec(db, sql_session_delete, p, 1, NULL);
}

int
q_session_delete_for_user(struct db *db, long long user_id)
{
	struct db_param p[] = { DB_INT(user_id) };
	return db_exec(db, sql_session_delete_user, p, 1, NULL);
}

int
q_session_delete_others(struct db *db, long long user_id,
    const unsigned char keep[32])
{
	struct db_param p[] = { DB_INT(user_id), DB_BLOB(keep, 32) };
	return db_exec(db, sql_session_delete_others, p, 2, NULL);
}
