#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../phi/phi.h"
#include "q.h"

/* One post with its author's name; the locking variant for transitions.
 * The author's name and the image's hash are scalar subqueries, not joins:
 * FOR UPDATE locks every row a join reads, and a lock on the author's users
 * row (which foreign-key checks elsewhere read with a shared lock) made
 * transitions on different posts of one author deadlock with each other
 * and with the publisher over audit_head. Subqueries are read unlocked. */
#define POST_SELECT \
    "SELECT p.id, p.author_id, p.last_editor_id, p.version, " \
    "IFNULL(p.reviewed_version, 0), IFNULL(p.approved_version, 0), " \
    "(SELECT u.username FROM users u WHERE u.id = p.author_id), " \
    "p.title, p.targets, p.state, " \
    "IFNULL(DATE_FORMAT(p.scheduled_at, '%Y-%m-%d %H:%i'), ''), " \
    "IFNULL(DATE_FORMAT(p.submitted_at, '%Y-%m-%d %H:%i'), ''), " \
    "DATE_FORMAT(p.updated_at, '%Y-%m-%d %H:%i'), " \
    "IFNULL(p.reject_reason, ''), p.body, p.patient_story, " \
    "IFNULL(p.authorization_id, 0), IFNULL(p.media_id, 0), " \
    "IFNULL((SELECT LOWER(HEX(m.sha256)) FROM media m " \
    "WHERE m.id = p.media_id), ''), p.alt_text FROM posts p WHERE p.id = ?"
static const char sql_get[] = POST_SELECT;
static const char sql_get_lock[] = POST_SELECT " FOR UPDATE";
static const char sql_insert[] =
    "INSERT INTO posts (author_id, last_editor_id, title, body, targets, "
    "scheduled_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
    "UTC_TIMESTAMP(), UTC_TIMESTAMP())";
static const char sql_revision[] =
    "INSERT INTO post_revisions (post_id, version, editor_id, title, body, "
    "targets, scheduled_at, created_at) SELECT id, version, last_editor_id, "
    "title, body, targets, scheduled_at, UTC_TIMESTAMP() FROM posts "
    "WHERE id = ?";
static const char sql_save[] =
    "UPDATE posts SET version = version + 1, last_editor_id = ?, title = ?, "
    "body = ?, targets = ?, scheduled_at = ?, state = 'draft', "
    "approved_version = NULL, approved_sha256 = NULL, approved_by = NULL, "
    "approved_at = NULL, updated_at = UTC_TIMESTAMP() "
    "WHERE id = ? AND version = ? AND state IN ('draft', 'in_review', "
    "'approved', 'rejected', 'expired')";
static const char sql_submit[] =
    "UPDATE posts SET state = 'in_review', submitted_at = UTC_TIMESTAMP(), "
    "reject_reason = NULL, updated_at = UTC_TIMESTAMP() "
    "WHERE id = ? AND version = ? AND state = 'draft'";
static const char sql_withdraw[] =
    "UPDATE posts SET state = 'withdrawn', updated_at = UTC_TIMESTAMP() "
    "WHERE id = ? AND state = ? AND state IN ('draft', 'in_review', "
    "'approved', 'rejected', 'expired')";
static const char sql_approve[] =
    "UPDATE posts SET state = 'approved', approved_version = version, "
    "approved_sha256 = ?, approved_by = ?, approved_at = UTC_TIMESTAMP(), "
    "reviewed_version = version, updated_at = UTC_TIMESTAMP() "
    "WHERE id = ? AND version = ? AND state = 'in_review'";
static const char sql_reject[] =
    "UPDATE posts SET state = 'rejected', reject_reason = ?, "
    "reviewed_version = version, updated_at = UTC_TIMESTAMP() "
    "WHERE id = ? AND version = ? AND state = 'in_review'";
static const char sql_list[] =
    "SELECT id, title, state, version, DATE_FORMAT(updated_at, "
    "'%Y-%m-%d %H:%i'), IFNULL(DATE_FORMAT(scheduled_at, '%Y-%m-%d %H:%i'), "
    "''), targets FROM posts WHERE author_id = ? AND (? = '' OR state = ?) "
    "ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?";
static const char sql_count[] =
    "SELECT COUNT(*) FROM posts WHERE author_id = ? AND (? = '' OR state = ?)";
static const char sql_queue[] =
    "SELECT p.id, p.title, u.username, DATE_FORMAT(p.submitted_at, "
    "'%Y-%m-%d %H:%i'), IFNULL(DATE_FORMAT(p.scheduled_at, '%Y-%m-%d %H:%i'), "
    "''), p.version, "
    "(SELECT COUNT(*) FROM phi_findings f WHERE f.post_id = p.id AND "
    "f.version = p.version AND f.severity = 'block'), "
    "(SELECT COUNT(*) FROM phi_findings f WHERE f.post_id = p.id AND "
    "f.version = p.version AND f.severity = 'review') "
    "FROM posts p JOIN users u ON u.id = p.author_id "
    "WHERE p.state = 'in_review' "
    "ORDER BY p.scheduled_at IS NULL, p.scheduled_at, p.submitted_at, p.id "
    "LIMIT 200";
/* ENUM columns sort by their declared order: the life of a post. */
static const char sql_state_totals[] =
    "SELECT state, COUNT(*) FROM posts GROUP BY state ORDER BY state";
static const char sql_oldest_review[] =
    "SELECT p.id, p.title, u.username, DATE_FORMAT(p.submitted_at, "
    "'%Y-%m-%d %H:%i'), TIMESTAMPDIFF(MINUTE, p.submitted_at, "
    "UTC_TIMESTAMP()) FROM posts p JOIN users u ON u.id = p.author_id "
    "WHERE p.state = 'in_review' ORDER BY p.submitted_at, p.id LIMIT 1";
static const char sql_touched[] =
    "SELECT 1 FROM posts WHERE id = ? AND author_id = ? UNION ALL "
    "SELECT 1 FROM post_revisions WHERE post_id = ? AND editor_id = ? LIMIT 1";
static const char sql_revision_body[] =
    "SELECT body FROM post_revisions WHERE post_id = ? AND version = ?";
static const char sql_finding_insert[] =
    "INSERT INTO phi_findings (post_id, version, idx, start_byte, end_byte, "
    "category, severity, rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
static const char sql_findings[] =
    "SELECT idx, start_byte, end_byte, category, severity, rule, "
    "IFNULL(override_reason, '') FROM phi_findings WHERE post_id = ? AND "
    "version = ? ORDER BY start_byte, idx";
static const char sql_override[] =
    "UPDATE phi_findings SET override_reason = ? WHERE post_id = ? AND "
    "version = ? AND idx = ?";
static const char sql_review_insert[] =
    "INSERT INTO reviews (post_id, version, reviewer_id, decision, reason, "
    "content_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char sql_reviews_recent[] =
    "SELECT r.post_id, p.title, r.decision, DATE_FORMAT(r.created_at, "
    "'%Y-%m-%d %H:%i') FROM reviews r JOIN posts p ON p.id = r.post_id "
    "WHERE r.reviewer_id = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?";
/* Read without locks: a locking range read over the state index took
 * next-key locks before the rows' primary keys, the reverse of every
 * transition (row first, then its index entries), and deadlocked with
 * approvals. Each candidate is then expired on its own by primary key. */
static const char sql_overdue[] =
    "SELECT id, author_id, title FROM posts WHERE state = 'in_review' AND "
    "scheduled_at IS NOT NULL AND scheduled_at < UTC_TIMESTAMP() "
    "ORDER BY id LIMIT 100";
static const char sql_expire[] =
    "UPDATE posts SET state = 'expired', updated_at = UTC_TIMESTAMP() "
    "WHERE id = ? AND state = 'in_review' AND scheduled_at IS NOT NULL "
    "AND scheduled_at < UTC_TIMESTAMP()";
static const char sql_notify[] =
    "INSERT INTO notifications (user_id, post_id, kind, message, created_at) "
    "VALUES (?, ?, ?, ?, UTC_TIMESTAMP())";
static const char sql_notifications[] =
    "SELECT n.id, IFNULL(n.post_id, 0), n.kind, n.message, "
    "DATE_FORMAT(n.created_at, '%Y-%m-%d %H:%i'), n.read_at IS NOT NULL, "
    "IFNULL(p.author_id = n.user_id, 0) FROM notifications n "
    "LEFT JOIN posts p ON p.id = n.post_id "
    "WHERE n.user_id = ? ORDER BY n.id DESC LIMIT ?";
static const char sql_notifications_read[] =
    "UPDATE notifications SET read_at = UTC_TIMESTAMP() WHERE user_id = ? "
    "AND read_at IS NULL";
static const char sql_media_insert[] =
    "INSERT INTO media (post_id, mime, sha256, bytes, created_by, created_at) "
    "VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP())";
static const char sql_media_get[] =
    "SELECT post_id, mime, bytes FROM media WHERE id = ?";
static const char sql_set_media[] =
    "UPDATE posts SET media_id = ?, alt_text = ? WHERE id = ?";
static const char sql_set_story[] =
    "UPDATE posts SET patient_story = ?, authorization_id = ? WHERE id = ?";
static const char sql_auth_insert[] =
    "INSERT INTO authorizations (patient, covers, signed_on, expires_on, "
    "form_location, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, "
    "UTC_TIMESTAMP())";
#define AUTH_SELECT \
    "SELECT a.id, a.patient, a.covers, DATE_FORMAT(a.signed_on, '%Y-%m-%d'), " \
    "IFNULL(DATE_FORMAT(a.expires_on, '%Y-%m-%d'), ''), a.form_location, " \
    "a.verified_at IS NOT NULL, IFNULL(a.expires_on < UTC_DATE(), 0), " \
    "c.username, IFNULL(v.username, '') FROM authorizations a " \
    "JOIN users c ON c.id = a.created_by " \
    "LEFT JOIN users v ON v.id = a.verified_by "
static const char sql_auth_list[] = AUTH_SELECT "ORDER BY a.id DESC LIMIT 500";
static const char sql_auth_get[] = AUTH_SELECT "WHERE a.id = ?";
static const char sql_auth_verify[] =
    "UPDATE authorizations SET verified_by = ?, verified_at = UTC_TIMESTAMP() "
    "WHERE id = ? AND verified_at IS NULL";
static const char sql_accounts[] =
    "SELECT id, platform, name FROM accounts WHERE active = 1 AND "
    "state = 'active' AND registered_at IS NOT NULL ORDER BY id";

static struct db_param
opt(const char *s)
{
	return s && *s ? DB_STR(s) : DB_NULL;
}

int
q_post_get(struct db *db, long long id, int with_lock, struct q_post *out)
{
	struct db_result r;
	struct db_param p[] = { DB_INT(id) };
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (db_exec(db, with_lock ? sql_get_lock : sql_get, p, 1, &r) < 0)
		goto done;
	rc = 0;
	if (r.nrows == 0)
		goto done;
	out->id = db_cell_int(&r, 0, 0);
	out->author_id = db_cell_int(&r, 0, 1);
	out->last_editor_id = db_cell_int(&r, 0, 2);
	out->version = db_cell_int(&r, 0, 3);
	out->reviewed_version = db_cell_int(&r, 0, 4);
	out->approved_version = db_cell_int(&r, 0, 5);
	db_cell_copy(&r, 0, 6, out->author, sizeof(out->author));
	db_cell_copy(&r, 0, 7, out->title, sizeof(out->title));
	db_cell_copy(&r, 0, 8, out->targets, sizeof(out->targets));
	db_cell_copy(&r, 0, 9, out->state, sizeof(out->state));
	db_cell_copy(&r, 0, 10, out->scheduled_at, sizeof(out->scheduled_at));
	db_cell_copy(&r, 0, 11, out->submitted_at, sizeof(out->submitted_at));
	db_cell_copy(&r, 0, 12, out->updated_at, sizeof(out->updated_at));
	db_cell_copy(&r, 0, 13, out->reject_reason, sizeof(out->reject_reason));
	out->body = strdup(db_cell(&r, 0, 14) ? db_cell(&r, 0, 14) : "");
	out->patient_story = (int)db_cell_int(&r, 0, 15);
	out->authorization_id = db_cell_int(&r, 0, 16);
	out->media_id = db_cell_int(&r, 0, 17);
	db_cell_copy(&r, 0, 18, out->media_sha, sizeof(out->media_sha));
	db_cell_copy(&r, 0, 19, out->alt_text, sizeof(out->alt_text));
	rc = out->body ? 1 : -1;
done:
	db_result_free(&r);
	return rc;
}

void
q_post_free(struct q_post *p)
{
	free(p->body);
	p->body = NULL;
}

int
q_post_insert(struct db *db, long long author_id, const char *title,
    const char *body, const char *targets, const char *scheduled_at,
    long long *id)
{
	struct db_param p[] = { DB_INT(author_id), DB_INT(author_id),
	    DB_STR(title), DB_STR(body), DB_STR(targets), opt(scheduled_at) };
	if (db_exec(db, sql_insert, p, 6, NULL) < 0)
		return -1;
	*id = (long long)db_insert_id(db);
	struct db_param q[] = { DB_INT(*id) };
	return db_exec(db, sql_revision, q, 1, NULL);
}

int
q_post_save(struct db *db, long long id, long long expected_version,
    long long editor_id, const char *title, const char *body,
    const char *targets, const char *scheduled_at)
{
	struct db_param p[] = { DB_INT(editor_id), DB_STR(title), DB_STR(body),
	    DB_STR(targets), opt(scheduled_at), DB_INT(id),
	    DB_INT(expected_version) };
	if (db_exec(db, sql_save, p, 7, NULL) < 0)
		return -1;
	if (db_affected(db) != 1)
		return 0;
	struct db_param q[] = { DB_INT(id) };
	return db_exec(db, sql_revision, q, 1, NULL) < 0 ? -1 : 1;
}

int
q_post_submit(struct db *db, long long id, long long version)
{
	struct db_param p[] = { DB_INT(id), DB_INT(version) };
	return db_exec_one(db, sql_submit, p, 2);
}

int
q_post_withdraw(struct db *db, long long id, const char *from_state)
{
	struct db_param p[] = { DB_INT(id), DB_STR(from_state) };
	return db_exec_one(db, sql_withdraw, p, 2);
}

int
q_post_approve(struct db *db, long long id, long long version,
    long long reviewer_id, const unsigned char sha[32])
{
	struct db_param p[] = { DB_BLOB(sha, 32), DB_INT(reviewer_id),
	    DB_INT(id), DB_INT(version) };
	return db_exec_one(db, sql_approve, p, 4);
}

int
q_post_reject(struct db *db, long long id, long long version,
    const char *reason)
{
	struct db_param p[] = { DB_STR(reason), DB_INT(id), DB_INT(version) };
	return db_exec_one(db, sql_reject, p, 3);
}

int
q_post_list_by_author(struct db *db, long long author_id, const char *state,
    long long limit, long long offset, struct db_result *out)
{
	const char *st = state ? state : "";
	struct db_param p[] = { DB_INT(author_id), DB_STR(st), DB_STR(st),
	    DB_INT(limit), DB_INT(offset) };
	return db_exec(db, sql_list, p, 5, out);
}

long long
q_post_count_by_author(struct db *db, long long author_id, const char *state)
{
	struct db_result r;
	const char *st = state ? state : "";
	struct db_param p[] = { DB_INT(author_id), DB_STR(st), DB_STR(st) };
	long long n = -1;
	if (db_exec(db, sql_count, p, 3, &r) == 0 && r.nrows == 1)
		n = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	return n;
}

int
q_post_queue(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_queue, NULL, 0, out);
}

int
q_post_state_totals(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_state_totals, NULL, 0, out);
}

int
q_post_oldest_in_review(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_oldest_review, NULL, 0, out);
}

int
q_post_touched_by(struct db *db, long long post_id, long long user_id)
{
	struct db_result r;
	struct db_param p[] = { DB_INT(post_id), DB_INT(user_id),
	    DB_INT(post_id), DB_INT(user_id) };
	int rc = db_exec(db, sql_touched, p, 4, &r);
	if (rc == 0)
		rc = r.nrows > 0;
	db_result_free(&r);
	return rc;
}

char *
q_revision_body(struct db *db, long long post_id, long long version)
{
	struct db_result r;
	struct db_param p[] = { DB_INT(post_id), DB_INT(version) };
	char *body = NULL;
	if (db_exec(db, sql_revision_body, p, 2, &r) == 0 && r.nrows == 1 &&
	    db_cell(&r, 0, 0) != NULL)
		body = strdup(db_cell(&r, 0, 0));
	db_result_free(&r);
	return body;
}

int
q_findings_store(struct db *db, long long post_id, long long version,
    const struct phi_finding *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct db_param p[] = { DB_INT(post_id), DB_INT(version),
		    DB_INT((long long)i), DB_INT((long long)items[i].start),
		    DB_INT((long long)items[i].end),
		    DB_STR(phi_category_name(items[i].category)),
		    DB_STR(phi_severity_name(items[i].severity)),
		    DB_STR(items[i].rule) };
		if (db_exec(db, sql_finding_insert, p, 8, NULL) < 0)
			return -1;
	}
	return 0;
}

int
q_findings_get(struct db *db, long long post_id, long long version,
    struct db_result *out)
{
	struct db_param p[] = { DB_INT(post_id), DB_INT(version) };
	return db_exec(db, sql_findings, p, 2, out);
}

int
q_findings_override(struct db *db, long long post_id, long long version,
    long long idx, const char *reason)
{
	struct db_param p[] = { DB_STR(reason), DB_INT(post_id),
	    DB_INT(version), DB_INT(idx) };
	return db_exec(db, sql_override, p, 4, NULL);
}

int
q_review_insert(struct db *db, long long post_id, long long version,
    long long reviewer_id, const char *decision, const char *reason,
    const unsigned char sha[32])
{
	struct db_param p[] = { DB_INT(post_id), DB_INT(version),
	    DB_INT(reviewer_id), DB_STR(decision), DB_STR(reason ? reason : ""),
	    DB_BLOB(sha, 32) };
	return db_exec(db, sql_review_insert, p, 6, NULL);
}

int
q_reviews_recent(struct db *db, long long reviewer_id, long long limit,
    struct db_result *out)
{
	struct db_param p[] = { DB_INT(reviewer_id), DB_INT(limit) };
	return db_exec(db, sql_reviews_recent, p, 2, out);
}

int
q_accounts_active(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_accounts, NULL, 0, out);
}

int
q_post_overdue(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_overdue, NULL, 0, out);
}

int
q_post_expire(struct db *db, long long id)
{
	struct db_param p[] = { DB_INT(id) };
	return db_exec_one(db, sql_expire, p, 1);
}

int
q_notify(struct db *db, long long user_id, long long post_id,
    const char *kind, const char *message)
{
	struct db_param p[] = { DB_INT(user_id), post_id ? DB_INT(post_id) :
	    DB_NULL, DB_STR(kind), DB_STR(message) };
	return db_exec(db, sql_notify, p, 4, NULL);
}

int
q_notifications(struct db *db, long long user_id, long long limit,
    struct db_result *out)
{
	struct db_param p[] = { DB_INT(user_id), DB_INT(limit) };
	return db_exec(db, sql_notifications, p, 2, out);
}

int
q_notifications_read(struct db *db, long long user_id)
{
	struct db_param p[] = { DB_INT(user_id) };
	return db_exec(db, sql_notifications_read, p, 1, NULL);
}

int
q_post_set_story(struct db *db, long long id, int story,
    long long authorization_id)
{
	struct db_param p[] = { DB_INT(story ? 1 : 0), authorization_id ?
	    DB_INT(authorization_id) : DB_NULL, DB_INT(id) };
	return db_exec(db, sql_set_story, p, 3, NULL);
}

int
q_auth_insert(struct db *db, const char *patient, const char *covers,
    const char *signed_on, const char *expires_on, const char *location,
    long long created_by, long long *id)
{
	struct db_param p[] = { DB_STR(patient), DB_STR(covers),
	    DB_STR(signed_on), opt(expires_on), DB_STR(location),
	    DB_INT(created_by) };
	if (db_exec(db, sql_auth_insert, p, 6, NULL) < 0)
		return -1;
	*id = (long long)db_insert_id(db);
	return 0;
}

int
q_auth_list(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_auth_list, NULL, 0, out);
}

int
q_auth_get(struct db *db, long long id, struct db_result *out)
{
	struct db_param p[] = { DB_INT(id) };
	return db_exec(db, sql_auth_get, p, 1, out);
}

int
q_auth_verify(struct db *db, long long id, long long user_id)
{
	struct db_param p[] = { DB_INT(user_id), DB_INT(id) };
	return db_exec_one(db, sql_auth_verify, p, 2);
}

int
q_media_insert(struct db *db, long long post_id, const char *mime,
    const unsigned char sha[32], const void *bytes, size_t len,
    long long user_id, long long *id)
{
	struct db_param p[] = { DB_INT(post_id), DB_STR(mime), DB_BLOB(sha, 32),
	    DB_BLOB(bytes, len), DB_INT(user_id) };
	if (db_exec(db, sql_media_insert, p, 5, NULL) < 0)
		return -1;
	*id = (long long)db_insert_id(db);
	return 0;
}

int
q_media_get(struct db *db, long long id, struct db_result *out)
{
	struct db_param p[] = { DB_INT(id) };
	return db_exec(db, sql_media_get, p, 1, out);
}

int
q_post_set_media(struct db *db, long long post_id, long long media_id,
    const char *alt_text)
{
	struct db_param p[] = { media_id ? DB_INT(media_id) : DB_NULL,
	    DB_STR(alt_text), DB_INT(post_id) };
	return db_exec(db, sql_set_media, p, 3, NULL);
}
