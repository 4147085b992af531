/* q_delivery.c — publications (the approved record) and deliveries (one
 * per publication and account), claimed by publishers with leases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "q.h"

static const char sql_pub_create[] =
    "INSERT INTO publications (post_id, version, title, body, media_id, "
    "alt_text, targets, content_sha256, author_id, approved_by, approved_at, "
    "scheduled_at, created_at) SELECT id, approved_version, title, body, "
    "media_id, alt_text, targets, approved_sha256, author_id, approved_by, "
    "approved_at, scheduled_at, UTC_TIMESTAMP() FROM posts "
    "WHERE id = ? AND state = 'approved' AND approved_sha256 IS NOT NULL";
static const char sql_create[] =
    "INSERT INTO deliveries (publication_id, post_id, account_id, due_at, "
    "next_attempt_at, idempotency_key, created_at, updated_at) "
    "SELECT id, post_id, ?, GREATEST(IFNULL(scheduled_at, "
    "UTC_TIMESTAMP(3)), UTC_TIMESTAMP(3)), GREATEST(IFNULL(scheduled_at, "
    "UTC_TIMESTAMP(3)), UTC_TIMESTAMP(3)), ?, UTC_TIMESTAMP(), "
    "UTC_TIMESTAMP(3) FROM publications WHERE id = ? AND post_id = ?";
static const char sql_cancel_pending[] =
    "UPDATE deliveries SET state = 'cancelled', lease_owner = NULL, "
    "updated_at = UTC_TIMESTAMP(3) WHERE post_id = ? "
    "AND state IN ('queued', 'retrying')";
/* Publishers never wait for each other: a row another one holds is
 * skipped, not waited for. */
static const char sql_pick[] =
    "SELECT id, post_id, state FROM deliveries "
    "WHERE (state IN ('queued', 'retrying') "
    "AND next_attempt_at <= UTC_TIMESTAMP(3)) "
    "OR (state = 'sending' AND lease_until < UTC_TIMESTAMP(3)) "
    "ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED";
static const char sql_lease[] =
    "UPDATE deliveries SET state = 'sending', lease_owner = ?, "
    "lease_until = DATE_ADD(UTC_TIMESTAMP(3), INTERVAL ? SECOND), "
    "attempts = attempts + 1, updated_at = UTC_TIMESTAMP(3) WHERE id = ?";
static const char sql_mark_sending[] =
    "UPDATE deliveries SET first_sent_at = IFNULL(first_sent_at, "
    "UTC_TIMESTAMP(3)), updated_at = UTC_TIMESTAMP(3) "
    "WHERE id = ? AND state = 'sending' AND lease_owner = ?";
static const char sql_set_cstate[] =
    "UPDATE deliveries SET connector_state = ?, updated_at = "
    "UTC_TIMESTAMP(3) WHERE id = ? AND state = 'sending' AND lease_owner = ?";
static const char sql_get[] =
    "SELECT d.id, d.publication_id, d.post_id, d.account_id, d.state, "
    "d.attempts, d.idempotency_key, d.connector_state, "
    "IFNULL(d.last_error_class, ''), IFNULL(TIMESTAMPDIFF(SECOND, "
    "'1970-01-01 00:00:00', d.first_sent_at), 0), "
    "pub.version, pub.title, pub.body, IFNULL(pub.media_id, 0), "
    "IFNULL(LOWER(HEX(m.sha256)), ''), pub.alt_text, pub.targets, "
    "pub.content_sha256, p.author_id, p.state, "
    "IFNULL(p.approved_version, 0), p.approved_sha256, "
    "a.platform, a.name, a.state, a.active, a.registered_at IS NOT NULL "
    "FROM deliveries d JOIN publications pub ON pub.id = d.publication_id "
    "JOIN posts p ON p.id = d.post_id JOIN accounts a ON a.id = d.account_id "
    "LEFT JOIN media m ON m.id = pub.media_id WHERE d.id = ?";
static const char sql_published[] =
    "UPDATE deliveries SET state = 'published', remote_id = ?, "
    "remote_url = ?, last_status = ?, last_error_class = NULL, "
    "last_error = NULL, lease_owner = NULL, lease_until = NULL, "
    "published_at = UTC_TIMESTAMP(3), updated_at = UTC_TIMESTAMP(3) "
    "WHERE id = ? AND state = 'sending' AND lease_owner = ?";
static const char sql_retry_later[] =
    "UPDATE deliveries SET state = 'retrying', next_attempt_at = "
    "DATE_ADD(UTC_TIMESTAMP(3), INTERVAL ? SECOND), attempts = "
    "GREATEST(CAST(attempts AS SIGNED) - ?, 0), last_error_class = ?, "
    "last_error = ?, last_status = ?, lease_owner = NULL, lease_until = NULL, "
    "updated_at = UTC_TIMESTAMP(3) "
    "WHERE id = ? AND state = 'sending' AND lease_owner = ?";
static const char sql_stop[] =
    "UPDATE deliveries SET state = ?, last_error_class = ?, last_error = ?, "
    "last_status = ?, lease_owner = NULL, lease_until = NULL, "
    "updated_at = UTC_TIMESTAMP(3) "
    "WHERE id = ? AND state = 'sending' AND lease_owner = ?";
static const char sql_state_counts[] =
    "SELECT d.state, COUNT(*) FROM deliveries d JOIN posts p ON "
    "p.id = d.post_id JOIN publications pub ON pub.id = d.publication_id "
    "WHERE d.post_id = ? AND pub.version = p.approved_version "
    "GROUP BY d.state";
static const char sql_post_state[] =
    "UPDATE posts SET state = ?, updated_at = UTC_TIMESTAMP() "
    "WHERE id = ? AND state = ?";
static const char sql_pub_published[] =
    "UPDATE publications pub JOIN posts p ON p.id = pub.post_id AND "
    "pub.version = p.approved_version SET pub.first_published_at = "
    "UTC_TIMESTAMP() WHERE pub.post_id = ? AND pub.first_published_at IS NULL";
#define DELIVERY_ROW \
    "SELECT d.id, a.name, a.platform, d.state, d.attempts, " \
    "DATE_FORMAT(d.next_attempt_at, '%Y-%m-%d %H:%i:%s'), " \
    "IFNULL(d.last_error_class, ''), IFNULL(d.last_error, ''), " \
    "IFNULL(d.remote_url, ''), IFNULL(DATE_FORMAT(d.published_at, " \
    "'%Y-%m-%d %H:%i'), ''), pub.version"
static const char sql_for_post[] =
    DELIVERY_ROW " FROM deliveries d JOIN accounts a ON a.id = d.account_id "
    "JOIN publications pub ON pub.id = d.publication_id WHERE d.post_id = ? "
    "ORDER BY pub.version DESC, a.name";
static const char sql_problems[] =
    DELIVERY_ROW ", d.post_id, pub.title FROM deliveries d "
    "JOIN accounts a ON a.id = d.account_id JOIN publications pub ON "
    "pub.id = d.publication_id WHERE d.state IN ('failed', 'unconfirmed', "
    "'retrying') ORDER BY d.updated_at, d.id LIMIT 500";
static const char sql_problem_counts[] =
    "SELECT state, COUNT(*) FROM deliveries WHERE state IN ('failed', "
    "'unconfirmed', 'retrying') GROUP BY state";
static const char sql_lock_state[] =
    "SELECT state FROM deliveries WHERE id = ? FOR UPDATE";
static const char sql_admin_retry[] =
    "UPDATE deliveries SET state = 'queued', next_attempt_at = "
    "UTC_TIMESTAMP(3), attempts = 0, lease_owner = NULL, lease_until = NULL, "
    "updated_at = UTC_TIMESTAMP(3) WHERE id = ? "
    "AND state IN ('failed', 'unconfirmed')";
static const char sql_admin_cancel[] =
    "UPDATE deliveries SET state = 'cancelled', lease_owner = NULL, "
    "lease_until = NULL, updated_at = UTC_TIMESTAMP(3) WHERE id = ? "
    "AND state IN ('queued', 'retrying', 'failed', 'unconfirmed')";
static const char sql_admin_confirm[] =
    "UPDATE deliveries SET state = 'published', remote_url = ?, "
    "last_error_class = NULL, last_error = NULL, published_at = "
    "UTC_TIMESTAMP(3), updated_at = UTC_TIMESTAMP(3) WHERE id = ? "
    "AND state = 'unconfirmed'";
static const char sql_delivery_post[] =
    "SELECT d.post_id, p.title FROM deliveries d JOIN posts p ON "
    "p.id = d.post_id WHERE d.id = ?";
static const char sql_admins[] =
    "SELECT id FROM users WHERE FIND_IN_SET('admin', role) AND active = 1";

int
q_publication_create(struct db *db, long long post_id, long long *pub_id)
{
	struct db_param p[] = { DB_INT(post_id) };
	int rc = db_exec_one(db, sql_pub_create, p, 1);
	if (rc == 1)
		*pub_id = (long long)db_insert_id(db);
	return rc == 1 ? 0 : -1;
}

int
q_delivery_create(struct db *db, long long pub_id, long long post_id,
    long long account_id, const char *idempotency_key)
{
	struct db_param p[] = { DB_INT(account_id), DB_STR(idempotency_key),
	    DB_INT(pub_id), DB_INT(post_id) };
	return db_exec_one(db, sql_create, p, 4) == 1 ? 0 : -1;
}

int
q_delivery_cancel_pending(struct db *db, long long post_id, long long *n)
{
	struct db_param p[] = { DB_INT(post_id) };
	if (db_exec(db, sql_cancel_pending, p, 1, NULL) < 0)
		return -1;
	if (n != NULL)
		*n = (long long)db_affected(db);
	return 0;
}

int
q_delivery_pick(struct db *db, long long *id, long long *post_id,
    char *from_state, size_t from_size)
{
	struct db_result r = { 0 };
	int rc = -1;
	if (db_exec(db, sql_pick, NULL, 0, &r) < 0)
		goto out;
	rc = 0;
	if (r.nrows == 1) {
		*id = db_cell_int(&r, 0, 0);
		*post_id = db_cell_int(&r, 0, 1);
		snprintf(from_state, from_size, "%s", db_cell(&r, 0, 2));
		rc = 1;
	}
out:
	db_result_free(&r);
	return rc;
}

int
q_delivery_lease(struct db *db, long long id, const char *owner,
    long lease_s)
{
	struct db_param p[] = { DB_STR(owner), DB_INT(lease_s), DB_INT(id) };
	return db_exec_one(db, sql_lease, p, 3);
}

int
q_delivery_mark_sending(struct db *db, long long id, const char *owner)
{
	struct db_param p[] = { DB_INT(id), DB_STR(owner) };
	return db_exec_one(db, sql_mark_sending, p, 2);
}

int
q_delivery_set_connector_state(struct db *db, long long id,
    const char *owner, const char *state)
{
	struct db_param p[] = { DB_STR(state), DB_INT(id), DB_STR(owner) };
	return db_exec_one(db, sql_set_cstate, p, 3);
}

int
q_delivery_get(struct db *db, long long id, struct q_delivery *d)
{
	struct db_result r = { 0 };
	struct db_param p[] = { DB_INT(id) };
	int rc = -1;

	memset(d, 0, sizeof(*d));
	if (db_exec(db, sql_get, p, 1, &r) < 0)
		goto out;
	rc = 0;
	if (r.nrows != 1)
		goto out;
	d->id = db_cell_int(&r, 0, 0);
	d->publication_id = db_cell_int(&r, 0, 1);
	d->post_id = db_cell_int(&r, 0, 2);
	d->account_id = db_cell_int(&r, 0, 3);
	db_cell_copy(&r, 0, 4, d->state, sizeof(d->state));
	d->attempts = db_cell_int(&r, 0, 5);
	db_cell_copy(&r, 0, 6, d->idempotency_key, sizeof(d->idempotency_key));
	d->connector_state = strdup(db_cell(&r, 0, 7) ? db_cell(&r, 0, 7) : "");
	db_cell_copy(&r, 0, 8, d->last_error_class, sizeof(d->last_error_class));
	d->first_sent_at = db_cell_int(&r, 0, 9);
	d->version = db_cell_int(&r, 0, 10);
	db_cell_copy(&r, 0, 11, d->title, sizeof(d->title));
	d->body = strdup(db_cell(&r, 0, 12) ? db_cell(&r, 0, 12) : "");
	d->media_id = db_cell_int(&r, 0, 13);
	db_cell_copy(&r, 0, 14, d->media_sha, sizeof(d->media_sha));
	db_cell_copy(&r, 0, 15, d->alt_text, sizeof(d->alt_text));
	db_cell_copy(&r, 0, 16, d->targets, sizeof(d->targets));
	if (db_cell_len(&r, 0, 17) == 32)
		memcpy(d->content_sha, db_cell(&r, 0, 17), 32);
	d->author_id = db_cell_int(&r, 0, 18);
	db_cell_copy(&r, 0, 19, d->post_state, sizeof(d->post_state));
	d->approved_version = db_cell_int(&r, 0, 20);
	if (db_cell(&r, 0, 21) != NULL && db_cell_len(&r, 0, 21) == 32) {
		memcpy(d->approved_sha, db_cell(&r, 0, 21), 32);
		d->have_approved_sha = 1;
	}
	db_cell_copy(&r, 0, 22, d->platform, sizeof(d->platform));
	db_cell_copy(&r, 0, 23, d->account_name, sizeof(d->account_name));
	db_cell_copy(&r, 0, 24, d->account_state, sizeof(d->account_state));
	d->account_active = (int)db_cell_int(&r, 0, 25);
	d->account_registered = (int)db_cell_int(&r, 0, 26);
	if (d->connector_state == NULL || d->body == NULL) {
		q_delivery_free(d);
		rc = -1;
		goto out;
	}
	rc = 1;
out:
	db_result_free(&r);
	return rc;
}

void
q_delivery_free(struct q_delivery *d)
{
	free(d->connector_state);
	free(d->body);
	d->connector_state = NULL;
	d->body = NULL;
}

int
q_delivery_published(struct db *db, long long id, const char *owner,
    const char *remote_id, const char *remote_url, long status)
{
	struct db_param p[] = { DB_STR(remote_id), DB_STR(remote_url),
	    DB_INT(status), DB_INT(id), DB_STR(owner) };
	return db_exec_one(db, sql_published, p, 5);
}

int
q_delivery_retry_later(struct db *db, long long id, const char *owner,
    long long delay_s, int refund, const char *error_class,
    const char *error, long status)
{
	struct db_param p[] = { DB_INT(delay_s), DB_INT(refund ? 1 : 0),
	    DB_STR(error_class), DB_STR(error), DB_INT(status), DB_INT(id),
	    DB_STR(owner) };
	return db_exec_one(db, sql_retry_later, p, 7);
}

int
q_delivery_stop(struct db *db, long long id, const char *owner,
    const char *state, const char *error_class, const char *error,
    long status)
{
	struct db_param p[] = { DB_STR(state), DB_STR(error_class),
	    DB_STR(error), DB_INT(status), DB_INT(id), DB_STR(owner) };
	return db_exec_one(db, sql_stop, p, 6);
}

int
q_delivery_state_counts(struct db *db, long long post_id,
    struct db_result *out)
{
	struct db_param p[] = { DB_INT(post_id) };
	return db_exec(db, sql_state_counts, p, 1, out);
}

int
q_post_set_publish_state(struct db *db, long long post_id,
    const char *from_state, const char *to_state)
{
	struct db_param p[] = { DB_STR(to_state), DB_INT(post_id),
	    DB_STR(from_state) };
	return db_exec_one(db, sql_post_state, p, 3);
}

int
q_publication_mark_published(struct db *db, long long post_id)
{
	struct db_param p[] = { DB_INT(post_id) };
	return db_exec(db, sql_pub_published, p, 1, NULL);
}

int
q_delivery_for_post(struct db *db, long long post_id, struct db_result *out)
{
	struct db_param p[] = { DB_INT(post_id) };
	return db_exec(db, sql_for_post, p, 1, out);
}

int
q_delivery_problems(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_problems, NULL, 0, out);
}

int
q_delivery_problem_counts(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_problem_counts, NULL, 0, out);
}

static int
admin_change(struct db *db, const char *sql, long long id, char *from,
    size_t from_size)
{
	struct db_result r = { 0 };
	struct db_param p[] = { DB_INT(id) };
	int rc = -1;
	if (db_exec(db, sql_lock_state, p, 1, &r) < 0)
		goto out;
	rc = 0;
	if (r.nrows != 1)
		goto out;
	snprintf(from, from_size, "%s", db_cell(&r, 0, 0));
	rc = db_exec_one(db, sql, p, 1);
out:
	db_result_free(&r);
	return rc;
}

int
q_delivery_admin_retry(struct db *db, long long id, char *from,
    size_t from_size)
{
	return admin_change(db, sql_admin_retry, id, from, from_size);
}

int
q_delivery_admin_cancel(struct db *db, long long id, char *from,
    size_t from_size)
{
	return admin_change(db, sql_admin_cancel, id, from, from_size);
}

int
q_delivery_admin_confirm(struct db *db, long long id, const char *remote_url)
{
	struct db_param p[] = { DB_STR(remote_url), DB_INT(id) };
	return db_exec_one(db, sql_admin_confirm, p, 2);
}

int
q_delivery_post(struct db *db, long long id, struct db_result *out)
{
	struct db_param p[] = { DB_INT(id) };
	return db_exec(db, sql_delivery_post, p, 1, out);
}

int
q_admin_ids(struct db *db, struct db_result *out)
{
	return db_exec(db, sql_admins, NULL, 0, out);
}
