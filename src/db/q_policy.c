/* q_policy.c — the social media policy's statements (see q_policy.h and
 * sql/0009_policy.sql). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "q_policy.h"

#define MINUTE "'%Y-%m-%d %H:%i'"
#define DAY "'%Y-%m-%d'"

/* The newest acknowledgement of the user, joined to the head row. */
static const char sql_status[] =
    "SELECT h.version, IFNULL(DATE_FORMAT(v.created_at, " MINUTE "), ''), "
    "IFNULL(a.version, 0), IFNULL(a.publication_id, 0), "
    "IFNULL(DATE_FORMAT(a.acknowledged_at, " MINUTE "), ''), "
    "IFNULL(DATE_FORMAT(a.acknowledged_at + INTERVAL ? DAY, " DAY "), ''), "
    "IFNULL(a.acknowledged_at > UTC_TIMESTAMP(6) - INTERVAL ? DAY, 0) "
    "FROM policy_head h LEFT JOIN policy_versions v ON v.version = h.version "
    "LEFT JOIN policy_acks a ON a.id = (SELECT MAX(id) FROM policy_acks "
    "WHERE user_id = ?) WHERE h.id = 1";
#define PUBLISHED_SELECT \
    "SELECT p.id, p.slug, r.title, r.body, " \
    "IFNULL((SELECT DATE_FORMAT(MAX(published_at), " DAY ") " \
    "FROM policy_publications x WHERE x.page_id = p.id), '') " \
    "FROM policy_pages p JOIN policy_revisions r ON r.page_id = p.id " \
    "AND r.revision = p.published_revision "
static const char sql_published[] = PUBLISHED_SELECT "ORDER BY p.id";
static const char sql_published_slug[] = PUBLISHED_SELECT "WHERE p.slug = ?";
static const char sql_changes[] =
    "SELECT p.id, p.slug, r.title, r.body, p.published_revision, "
    "IFNULL(o.revision, 0), IFNULL(o.title, ''), IFNULL(o.body, '') "
    "FROM policy_pages p JOIN policy_revisions r ON r.page_id = p.id "
    "AND r.revision = p.published_revision "
    "LEFT JOIN policy_revisions o ON o.page_id = p.id AND o.revision = "
    "(SELECT x.revision FROM policy_publications x WHERE x.page_id = p.id "
    "AND x.id <= ? ORDER BY x.id DESC LIMIT 1) ORDER BY p.id";
static const char sql_versions_after[] =
    "SELECT v.version, DATE_FORMAT(v.created_at, " DAY "), v.note, r.title "
    "FROM policy_versions v JOIN policy_revisions r ON r.page_id = v.page_id "
    "AND r.revision = v.revision WHERE v.version > ? ORDER BY v.version";
/* INSERT … SELECT reads the head row with a shared lock: a publication
 * raising the version waits for this acknowledgement, or makes it miss. */
static const char sql_ack[] =
    "INSERT INTO policy_acks (user_id, version, publication_id, "
    "acknowledged_at) SELECT ?, h.version, IFNULL((SELECT MAX(id) FROM "
    "policy_publications), 0), UTC_TIMESTAMP(6) FROM policy_head h "
    "WHERE h.id = 1 AND h.version = ? AND h.version > 0";
static const char sql_pages[] =
    "SELECT p.id, p.slug, r.title, p.latest_revision, "
    "IFNULL(p.published_revision, 0), DATE_FORMAT(p.updated_at, " MINUTE ") "
    "FROM policy_pages p JOIN policy_revisions r ON r.page_id = p.id "
    "AND r.revision = p.latest_revision ORDER BY p.id";
#define PAGE_SELECT \
    "SELECT id, slug, latest_revision, IFNULL(published_revision, 0) " \
    "FROM policy_pages WHERE id = ?"
static const char sql_page_get[] = PAGE_SELECT;
static const char sql_page_get_lock[] = PAGE_SELECT " FOR UPDATE";
static const char sql_rev_get[] =
    "SELECT r.page_id, r.revision, r.title, r.slug, r.note, u.username, "
    "DATE_FORMAT(r.created_at, " MINUTE "), r.body FROM policy_revisions r "
    "JOIN users u ON u.id = r.editor_id WHERE r.page_id = ? "
    "AND r.revision = ?";
static const char sql_slug_taken[] =
    "SELECT 1 FROM policy_pages p JOIN policy_revisions r "
    "ON r.page_id = p.id AND r.revision = p.latest_revision "
    "WHERE p.id <> ? AND (p.slug = ? OR r.slug = ?) LIMIT 1";
static const char sql_page_insert[] =
    "INSERT INTO policy_pages (slug, latest_revision, published_revision, "
    "created_by, created_at, updated_at) VALUES (?, 1, NULL, ?, "
    "UTC_TIMESTAMP(), UTC_TIMESTAMP())";
static const char sql_rev_insert[] =
    "INSERT INTO policy_revisions (page_id, revision, title, slug, body, "
    "note, editor_id, created_at) SELECT id, latest_revision, ?, ?, ?, ?, ?, "
    "UTC_TIMESTAMP(6) FROM policy_pages WHERE id = ?";
static const char sql_page_revise[] =
    "UPDATE policy_pages SET latest_revision = latest_revision + 1, "
    "slug = IF(published_revision IS NULL, ?, slug), "
    "updated_at = UTC_TIMESTAMP() WHERE id = ? AND latest_revision = ?";
static const char sql_head_lock[] =
    "SELECT version FROM policy_head WHERE id = 1 FOR UPDATE";
static const char sql_head_set[] =
    "UPDATE policy_head SET version = ? WHERE id = 1";
static const char sql_version_insert[] =
    "INSERT INTO policy_versions (version, page_id, revision, note, "
    "created_by, created_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))";
static const char sql_publication_insert[] =
    "INSERT INTO policy_publications (page_id, revision, kind, version, "
    "published_by, published_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6))";
static const char sql_page_published[] =
    "UPDATE policy_pages SET published_revision = ?, slug = ?, "
    "updated_at = UTC_TIMESTAMP() WHERE id = ?";
static const char sql_history[] =
    "SELECT r.revision, r.title, r.slug, u.username, "
    "DATE_FORMAT(r.created_at, " MINUTE "), r.note, IFNULL(x.kind, ''), "
    "IFNULL(x.version, 0), IFNULL(DATE_FORMAT(x.published_at, " MINUTE "), "
    "'') FROM policy_revisions r JOIN users u ON u.id = r.editor_id "
    "LEFT JOIN policy_publications x ON x.page_id = r.page_id "
    "AND x.revision = r.revision WHERE r.page_id = ? "
    "ORDER BY r.revision DESC";
static const char sql_ack_overview[] =
    "SELECT u.username, u.role, IFNULL(a.version, 0), "
    "IFNULL(DATE_FORMAT(a.acknowledged_at, " MINUTE "), ''), "
    "IFNULL(a.version = h.version AND a.acknowledged_at > "
    "UTC_TIMESTAMP(6) - INTERVAL ? DAY, 0) AS current "
    "FROM users u JOIN policy_head h ON h.id = 1 "
    "LEFT JOIN policy_acks a ON a.id = (SELECT MAX(id) FROM policy_acks y "
    "WHERE y.user_id = u.id) "
    "WHERE u.active = 1 AND (FIND_IN_SET('author', u.role) "
    "OR FIND_IN_SET('reviewer', u.role)) "
    "ORDER BY current, u.username LIMIT 500";

int
q_policy_status(struct db *db, long long user_id, long valid_days,
    struct q_policy_status *out)
{
	struct db_result r;
	struct db_param p[] = { DB_INT(valid_days), DB_INT(valid_days),
	    DB_INT(user_id) };
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (db_exec(db, sql_status, p, 3, &r) < 0 || r.nrows != 1)
		goto out;
	out->version = db_cell_int(&r, 0, 0);
	db_cell_copy(&r, 0, 1, out->version_at, sizeof(out->version_at));
	out->ack_version = db_cell_int(&r, 0, 2);
	out->ack_publication = db_cell_int(&r, 0, 3);
	db_cell_copy(&r, 0, 4, out->ack_at, sizeof(out->ack_at));
	db_cell_copy(&r, 0, 5, out->ack_expires, sizeof(out->ack_expires));
	out->ack_fresh = db_cell_int(&r, 0, 6) != 0;
	out->ack_current = out->version > 0 &&
	    out->ack_version == out->version && out->ack_fresh;
	rc = 0;
out:
	db_result_free(&r);
	return rc;
}

int
q_policy_published(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_published, NULL, 0, out);
}

int
q_policy_published_slug(struct db *db, const char *slug,
    struct db_result *out)
{
	struct db_param p[] = { DB_STR(slug) };
	return db_exec(db, sql_published_slug, p, 1, out);
}

int
q_policy_changes(struct db *db, long long since_pub, struct db_result *out)
{
	struct db_param p[] = { DB_INT(since_pub) };
	return db_exec(db, sql_changes, p, 1, out);
}

int
q_policy_versions_after(struct db *db, long long after,
    struct db_result *out)
{
	struct db_param p[] = { DB_INT(after) };
	return db_exec(db, sql_versions_after, p, 1, out);
}

int
q_policy_ack(struct db *db, long long user_id, long long version)
{
	struct db_param p[] = { DB_INT(user_id), DB_INT(version) };
	return db_exec_one(db, sql_ack, p, 2);
}

int
q_policy_pages(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_pages, NULL, 0, out);
}

int
q_policy_page_get(struct db *db, long long id, int lock,
    struct q_policy_page *out)
{
	struct db_result r;
	struct db_param p[] = { DB_INT(id) };
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (db_exec(db, lock ? sql_page_get_lock : sql_page_get, p, 1, &r) < 0)
		goto out;
	rc = 0;
	if (r.nrows == 0)
		goto out;
	out->id = db_cell_int(&r, 0, 0);
	db_cell_copy(&r, 0, 1, out->slug, sizeof(out->slug));
	out->latest_revision = db_cell_int(&r, 0, 2);
	out->published_revision = db_cell_int(&r, 0, 3);
	rc = 1;
out:
	db_result_free(&r);
	return rc;
}

int
q_policy_rev_get(struct db *db, long long page_id, long long revision,
    struct q_policy_rev *out)
{
	struct db_result r;
	struct db_param p[] = { DB_INT(page_id), DB_INT(revision) };
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (db_exec(db, sql_rev_get, p, 2, &r) < 0)
		goto out;
	rc = 0;
	if (r.nrows == 0)
		goto out;
	out->page_id = db_cell_int(&r, 0, 0);
	out->revision = db_cell_int(&r, 0, 1);
	db_cell_copy(&r, 0, 2, out->title, sizeof(out->title));
	db_cell_copy(&r, 0, 3, out->slug, sizeof(out->slug));
	db_cell_copy(&r, 0, 4, out->note, sizeof(out->note));
	db_cell_copy(&r, 0, 5, out->editor, sizeof(out->editor));
	db_cell_copy(&r, 0, 6, out->created_at, sizeof(out->created_at));
	out->body = strdup(db_cell(&r, 0, 7) ? db_cell(&r, 0, 7) : "");
	rc = out->body ? 1 : -1;
out:
	db_result_free(&r);
	return rc;
}

void
q_policy_rev_free(struct q_policy_rev *r)
{
	free(r->body);
	r->body = NULL;
}

int
q_policy_slug_taken(struct db *db, const char *slug, long long except_id)
{
	struct db_result r;
	struct db_param p[] = { DB_INT(except_id), DB_STR(slug), DB_STR(slug) };
	int rc = db_exec(db, sql_slug_taken, p, 3, &r);
	if (rc == 0)
		rc = r.nrows > 0;
	db_result_free(&r);
	return rc;
}

static int
rev_insert(struct db *db, long long id, const char *slug, const char *title,
    const char *body, const char *note, long long user_id)
{
	struct db_param p[] = { DB_STR(title), DB_STR(slug), DB_STR(body),
	    DB_STR(note), DB_INT(user_id), DB_INT(id) };
	if (db_exec(db, sql_rev_insert, p, 6, NULL) < 0)
		return -1;
	return db_affected(db) == 1 ? 0 : -1;
}

int
q_policy_page_insert(struct db *db, const char *slug, const char *title,
    const char *body, const char *note, long long user_id, long long *id)
{
	struct db_param p[] = { DB_STR(slug), DB_INT(user_id) };
	if (db_exec(db, sql_page_insert, p, 2, NULL) < 0)
		return -1;
	*id = (long long)db_insert_id(db);
	return rev_insert(db, *id, slug, title, body, note, user_id);
}

int
q_policy_page_revise(struct db *db, long long id, long long expected,
    const char *slug, const char *title, const char *body, const char *note,
    long long user_id)
{
	struct db_param p[] = { DB_STR(slug), DB_INT(id), DB_INT(expected) };
	if (db_exec(db, sql_page_revise, p, 3, NULL) < 0)
		return -1;
	if (db_affected(db) != 1)
		return 0;
	return rev_insert(db, id, slug, title, body, note, user_id) < 0 ?
	    -1 : 1;
}

int
q_policy_publish(struct db *db, long long page_id, long long revision,
    const char *slug, int material, const char *note, long long user_id,
    long long *from, long long *to)
{
	struct db_result r;
	int rc = -1;

	if (db_exec(db, sql_head_lock, NULL, 0, &r) < 0 || r.nrows != 1)
		goto out;
	*from = db_cell_int(&r, 0, 0);
	*to = material || *from == 0 ? *from + 1 : *from;
	if (*to != *from) {
		struct db_param v[] = { DB_INT(*to), DB_INT(page_id),
		    DB_INT(revision), DB_STR(note), DB_INT(user_id) };
		struct db_param h[] = { DB_INT(*to) };
		if (db_exec(db, sql_version_insert, v, 5, NULL) < 0 ||
		    db_exec(db, sql_head_set, h, 1, NULL) < 0)
			goto out;
	}
	struct db_param x[] = { DB_INT(page_id), DB_INT(revision),
	    DB_STR(*to != *from ? "material" : "minor"), DB_INT(*to),
	    DB_INT(user_id) };
	struct db_param g[] = { DB_INT(revision), DB_STR(slug),
	    DB_INT(page_id) };
	if (db_exec(db, sql_publication_insert, x, 5, NULL) < 0 ||
	    db_exec(db, sql_page_published, g, 3, NULL) < 0)
		goto out;
	rc = 0;
out:
	db_result_free(&r);
	return rc;
}

int
q_policy_history(struct db *db, long long page_id, struct db_result *out)
{
	struct db_param p[] = { DB_INT(page_id) };
	return db_exec(db, sql_history, p, 1, out);
}

int
q_policy_ack_overview(struct db *db, long valid_days, struct db_result *out)
{
	struct db_param p[] = { DB_INT(valid_days) };
	return db_exec(db, sql_ack_overview, p, 1, out);
}
