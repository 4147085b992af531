/* q_retention.c — legal holds and deletion by records retention.
 * The audit log is never touched here: each deletion is audited by the
 * caller in the same transaction. */
#include <stdio.h>
#include <string.h>

#include "q.h"

static const char sql_hold_get[] =
    "SELECT p.legal_hold, IFNULL(p.legal_hold_reason, ''), "
    "IFNULL(u.username, ''), "
    "IFNULL(DATE_FORMAT(p.legal_hold_at, '%Y-%m-%d %H:%i'), '') "
    "FROM posts p LEFT JOIN users u ON u.id = p.legal_hold_by WHERE p.id = ?";
static const char sql_hold_get_lock[] =
    "SELECT legal_hold, IFNULL(legal_hold_reason, ''), '', '' FROM posts "
    "WHERE id = ? FOR UPDATE";
static const char sql_hold_set[] =
    "UPDATE posts SET legal_hold = ?, legal_hold_reason = ?, "
    "legal_hold_by = ?, legal_hold_at = IF(? = 1, UTC_TIMESTAMP(), NULL) "
    "WHERE id = ?";
static const char sql_holds[] =
    "SELECT p.id, p.title, p.state, IFNULL(p.legal_hold_reason, ''), "
    "IFNULL(u.username, ''), "
    "IFNULL(DATE_FORMAT(p.legal_hold_at, '%Y-%m-%d %H:%i'), '') "
    "FROM posts p LEFT JOIN users u ON u.id = p.legal_hold_by "
    "WHERE p.legal_hold = 1 ORDER BY p.legal_hold_at DESC, p.id DESC "
    "LIMIT 500";

/* A post's last change is the newest of the post row, its publications
 * and its deliveries. The inner filter (FILTER) picks the posts looked at;
 * its updated_at bound only narrows the scan through posts_retention (a
 * post's last change is never older than its updated_at). Parameters:
 * the filter's, then the shorter period (days), published days, drafts
 * days. */
#define RETENTION_SQL(FILTER, TAIL) \
    "SELECT t.id, t.state, t.legal_hold, t.pubs, " \
    "DATE_FORMAT(t.last_change, '%Y-%m-%d') FROM (" \
    "SELECT p.id, p.state, p.legal_hold, " \
    "(SELECT COUNT(*) FROM publications x WHERE x.post_id = p.id) AS pubs, " \
    "(SELECT COUNT(*) FROM deliveries d WHERE d.post_id = p.id AND " \
    "d.state IN ('queued', 'sending', 'retrying', 'unconfirmed')) " \
    "AS pending, " \
    "GREATEST(p.updated_at, " \
    "IFNULL((SELECT MAX(x.created_at) FROM publications x " \
    "WHERE x.post_id = p.id), p.updated_at), " \
    "IFNULL((SELECT MAX(d.updated_at) FROM deliveries d " \
    "WHERE d.post_id = p.id), p.updated_at)) AS last_change " \
    "FROM posts p WHERE " FILTER " AND p.state IN ('draft', 'rejected', " \
    "'withdrawn', 'expired', 'published', 'failed') AND " \
    "p.updated_at < UTC_TIMESTAMP() - INTERVAL ? DAY) t " \
    "WHERE (t.pubs > 0 AND t.pending = 0 AND " \
    "t.last_change < UTC_TIMESTAMP() - INTERVAL ? DAY) OR " \
    "(t.pubs = 0 AND t.state IN ('rejected', 'withdrawn', 'expired') AND " \
    "t.last_change < UTC_TIMESTAMP() - INTERVAL ? DAY) " TAIL
static const char sql_candidates[] =
    RETENTION_SQL("p.id > ?", "ORDER BY t.id LIMIT ?");
static const char sql_check[] = RETENTION_SQL("p.id = ?", "");

static const char sql_lock_deliveries[] =
    "SELECT id FROM deliveries WHERE post_id = ? FOR UPDATE";
static const char sql_lock_post[] =
    "SELECT id FROM posts WHERE id = ? FOR UPDATE";

/* Children first, then the post. The post's image pointer is cleared
 * before its media rows go (posts.media_id and media.post_id point at
 * each other). */
static const char sql_del_deliveries[] =
    "DELETE FROM deliveries WHERE post_id = ?";
static const char sql_del_publications[] =
    "DELETE FROM publications WHERE post_id = ?";
static const char sql_unlink_media[] =
    "UPDATE posts SET media_id = NULL WHERE id = ?";
static const char sql_del_media[] = "DELETE FROM media WHERE post_id = ?";
static const char sql_del_findings[] =
    "DELETE FROM phi_findings WHERE post_id = ?";
static const char sql_del_reviews[] = "DELETE FROM reviews WHERE post_id = ?";
static const char sql_del_revisions[] =
    "DELETE FROM post_revisions WHERE post_id = ?";
static const char sql_del_notifications[] =
    "DELETE FROM notifications WHERE post_id = ?";
/* unsaved edits kept for an author whose session ended (a day at most) */
static const char sql_del_rescues[] =
    "DELETE FROM draft_rescues WHERE path = CONCAT('/posts/', ?)";
static const char sql_del_post[] = "DELETE FROM posts WHERE id = ?";

const char *const q_retention_tables[Q_RETENTION_NTABLES] = {
	"deliveries", "publications", "media", "findings", "reviews",
	"revisions", "notifications", "rescues", "post",
};

int
q_post_hold_get(struct db *db, long long post_id, int with_lock,
    struct db_result *out)
{
	struct db_param p[] = { DB_INT(post_id) };
	return db_exec(db, with_lock ? sql_hold_get_lock : sql_hold_get, p, 1,
	    out);
}

int
q_post_hold_set(struct db *db, long long post_id, const char *reason,
    long long user_id)
{
	int hold = reason != NULL;
	struct db_param p[] = { DB_INT(hold), hold ? DB_STR(reason) : DB_NULL,
	    hold ? DB_INT(user_id) : DB_NULL, DB_INT(hold), DB_INT(post_id) };
	return db_exec_one(db, sql_hold_set, p, 5);
}

int
q_holds_list(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_holds, NULL, 0, out);
}

int
q_retention_candidates(struct db *db, long long after_id,
    long published_days, long drafts_days, long long limit,
    struct db_result *out)
{
	long shorter = published_days < drafts_days ? published_days :
	    drafts_days;
	struct db_param p[] = { DB_INT(after_id), DB_INT(shorter),
	    DB_INT(published_days), DB_INT(drafts_days), DB_INT(limit) };
	return db_exec(db, sql_candidates, p, 5, out);
}

int
q_retention_check(struct db *db, long long post_id, long published_days,
    long drafts_days, struct db_result *out)
{
	long shorter = published_days < drafts_days ? published_days :
	    drafts_days;
	struct db_param p[] = { DB_INT(post_id), DB_INT(shorter),
	    DB_INT(published_days), DB_INT(drafts_days) };
	return db_exec(db, sql_check, p, 4, out);
}

int
q_retention_lock(struct db *db, long long post_id)
{
	struct db_result r;
	struct db_param p[] = { DB_INT(post_id) };
	int rc = db_exec(db, sql_lock_deliveries, p, 1, &r);
	db_result_free(&r);
	if (rc == 0)
		rc = db_exec(db, sql_lock_post, p, 1, &r);
	db_result_free(&r);
	return rc;
}

int
q_retention_delete(struct db *db, long long post_id,
    long long counts[Q_RETENTION_NTABLES])
{
	static const char *const steps[Q_RETENTION_NTABLES] = {
		sql_del_deliveries, sql_del_publications, sql_del_media,
		sql_del_findings, sql_del_reviews, sql_del_revisions,
		sql_del_notifications, sql_del_rescues, sql_del_post,
	};
	struct db_param p[] = { DB_INT(post_id) };

	if (db_exec(db, sql_unlink_media, p, 1, NULL) < 0)
		return -1;
	for (size_t i = 0; i < Q_RETENTION_NTABLES; i++) {
		if (db_exec(db, steps[i], p, 1, NULL) < 0)
			return -1;
		counts[i] = (long long)db_affected(db);
	}
	return 0;
}
