/* q.h — every query Clearpost runs. The SQL itself lives in the q_*.c file
 * of its entity as static const text, prepared once per process by db.c.
 * Functions return 0 (or 1 = found / 0 = not found where noted) and -1 on
 * a database error. Strings in row structs are copies owned by the struct. */
#ifndef CP_Q_H
#define CP_Q_H

#include <stddef.h>

#include "../core/crypto.h"
#include "../core/db.h"

struct audit_entry;
struct audit_filter;

/* users. users.role is a SQL SET: comma-separated role names
 * ("author,reviewer"); see roles_from_names() in core/session.h. */
struct q_user {
	long long id;
	char username[65];
	char roles[32];          /* e.g. "author,reviewer" */
	char password_hash[PASSWORD_HASH_MAX];
	/* chosen: the user's own; temporary: issued by an administrator, not
	 * used yet; temporary_used: one sign-in spent it, and that session
	 * may only set a new one. */
	char password_state[16];
	int active;
	char last_login_at[20];  /* "YYYY-MM-DD HH:MM" UTC, "" never */
};
/* 1 found, 0 not found, -1 error. Matching is case-insensitive. */
int q_user_by_name(struct db *db, const char *username, struct q_user *out);
/* 1 found, 0 not, -1 error. with_lock takes a row lock (in a transaction). */
int q_user_get(struct db *db, long long id, int with_lock, struct q_user *out);
/* A user with a password of their own (state chosen). */
int q_user_insert(struct db *db, const char *username, const char *role,
    const char *password_hash, long long *id);
/* A user with roles (comma-separated names) and a password_state. */
int q_user_create(struct db *db, const char *username, const char *roles,
    const char *password_hash, const char *password_state, long long *id);
/* Replaces the hash only (a rehash at a higher cost). */
int q_user_set_password(struct db *db, long long id, const char *hash);
/* A new password and its state (chosen or temporary). */
int q_user_new_password(struct db *db, long long id, const char *hash,
    const char *password_state);
/* Marks a temporary password used: 1 done, 0 it was not (any more)
 * temporary, -1 error. */
int q_user_spend_temporary(struct db *db, long long id);
int q_user_set_active(struct db *db, long long id, int active);
/* roles: comma-separated names, at least one. */
int q_user_set_roles(struct db *db, long long id, const char *roles);
/* Records a sign-in (last_login_at). */
int q_user_logged_in(struct db *db, long long id);
/* Rows: id, username, roles, active, created_at, last_login_at ('' never),
 * password_state. */
int q_user_list(struct db *db, struct db_result *out);
/* Rows: id of every active administrator, locked (inside a transaction)
 * so that concurrent changes which could leave no administrator run one
 * after the other. */
int q_user_admins_lock(struct db *db, struct db_result *out);

/* login throttling, keyed by the name typed (existing or not) */
/* Seconds the name stays locked (0 when not locked), or -1. */
long long q_throttle_locked_for(struct db *db, const char *username);
/* Counts one failure; *locked_now is set when this failure locked it. */
int q_throttle_fail(struct db *db, const char *username, long window_s,
    int max_failures, long lock_s, int *locked_now);
int q_throttle_clear(struct db *db, const char *username);

/* sessions */
struct q_session {
	long long user_id;
	char username[65];
	char roles[32];          /* comma-separated names */
	char password_state[16]; /* as in struct q_user */
	int active;
	long long idle_seconds;
	long long age_seconds;
	long long unread;        /* the user's unread notifications */
	long long waiting;       /* posts in review (shown to reviewers) */
};
int q_session_insert(struct db *db, const unsigned char hash[32],
    long long user_id, const char *ip, const char *user_agent);
/* 1 found, 0 not found, -1 error. */
int q_session_find(struct db *db, const unsigned char hash[32],
    struct q_session *out);
int q_session_touch(struct db *db, const unsigned char hash[32]);
int q_session_delete(struct db *db, const unsigned char hash[32]);
int q_session_delete_for_user(struct db *db, long long user_id);
/* Deletes the user's sessions except the one whose hash is keep. */
int q_session_delete_others(struct db *db, long long user_id,
    const unsigned char keep[32]);

/* audit log */
int q_audit_head_lock(struct db *db, long long *last_id,
    unsigned char last_hash[32]);
int q_audit_head_get(struct db *db, long long *last_id,
    unsigned char last_hash[32]);
int q_audit_insert(struct db *db, const struct audit_entry *e);
int q_audit_head_update(struct db *db, long long id,
    const unsigned char hash[32]);
struct q_audit_page {
	struct db_result res;
};
/* Entries with id > after_id, oldest first, at most limit. */
int q_audit_page_get(struct db *db, long long after_id, size_t limit,
    struct q_audit_page *out);
/* Points entries at the page's strings (valid until q_audit_page_free). */
size_t q_audit_page_entries(const struct q_audit_page *p,
    struct audit_entry *entries, size_t max);
void q_audit_page_free(struct q_audit_page *p);
/* Columns of a search's rows: QA_AT with microseconds (as hashed), QA_AT_S
 * to the second, both "YYYY-MM-DD HH:MM:SS" UTC; from/to states NULL when
 * the entry is not a state change. */
enum {
	QA_ID, QA_AT, QA_ACTOR_ID, QA_ACTOR, QA_ACTION, QA_OBJECT, QA_FROM,
	QA_TO, QA_IP, QA_DETAIL, QA_AT_S, QA__MAX
};
/* Entries matching f (see audit.h): with id < before_id newest first, or
 * with id > after_id oldest first; at most limit. */
int q_audit_search_older(struct db *db, const struct audit_filter *f,
    long long before_id, size_t limit, struct db_result *out);
int q_audit_search_newer(struct db *db, const struct audit_filter *f,
    long long after_id, size_t limit, struct db_result *out);
/* How many entries match f, or -1. */
long long q_audit_count(struct db *db, const struct audit_filter *f);
/* Rows: action — each action present in the log, alphabetically. */
int q_audit_actions(struct db *db, struct db_result *out);

/* posts */
struct q_post {
	long long id;
	long long author_id;
	long long last_editor_id;
	long long version;
	long long reviewed_version; /* 0 when never reviewed */
	long long approved_version;
	char author[65];
	char title[801];
	char targets[256];
	char state[16];
	char scheduled_at[20];  /* "" when not scheduled */
	char submitted_at[20];
	char updated_at[20];
	char reject_reason[4001];
	int patient_story;
	long long authorization_id; /* 0 when none */
	long long media_id;         /* 0 when no image */
	char media_sha[65];         /* hex SHA-256 of the stored image */
	char alt_text[4001];
	char *body;             /* owned; q_post_free */
};
/* 1 found, 0 not, -1 error. with_lock takes a row lock (in a transaction). */
int q_post_get(struct db *db, long long id, int with_lock, struct q_post *out);
void q_post_free(struct q_post *p);
int q_post_insert(struct db *db, long long author_id, const char *title,
    const char *body, const char *targets, const char *scheduled_at,
    long long *id);
/* Saves a new version when the post is still at expected_version; 1 saved,
 * 0 stale (changed meanwhile), -1 error. The state becomes "draft" and an
 * approval is voided. */
int q_post_save(struct db *db, long long id, long long expected_version,
    long long editor_id, const char *title, const char *body,
    const char *targets, const char *scheduled_at);
/* State changes guarded by the current state and version: 1 done, 0 the
 * post was not in that state/version, -1 error. */
int q_post_submit(struct db *db, long long id, long long version);
int q_post_withdraw(struct db *db, long long id, const char *from_state);
int q_post_approve(struct db *db, long long id, long long version,
    long long reviewer_id, const unsigned char sha[32]);
int q_post_reject(struct db *db, long long id, long long version,
    const char *reason);
/* Rows: id, title, state, version, updated_at, scheduled_at, targets. */
int q_post_list_by_author(struct db *db, long long author_id,
    const char *state, long long limit, long long offset,
    struct db_result *out);
long long q_post_count_by_author(struct db *db, long long author_id,
    const char *state);
/* In review, soonest schedule first, then oldest submission. Rows: id,
 * title, author, submitted_at, scheduled_at, version, blocks, reviews. */
int q_post_queue(struct db *db, struct db_result *out);
/* Rows: state, count — the states that have posts, in the order of a
 * post's life. */
int q_post_state_totals(struct db *db, struct db_result *out);
/* The post waiting longest for review (earliest submission), or no row.
 * Rows: id, title, author, submitted_at ('Y-m-d H:i'), minutes waiting. */
int q_post_oldest_in_review(struct db *db, struct db_result *out);
/* 1 when the user wrote or edited any version of the post. */
int q_post_touched_by(struct db *db, long long post_id, long long user_id);
/* The body of one revision (owned by the caller), or NULL. */
char *q_revision_body(struct db *db, long long post_id, long long version);

/* findings of a post version */
struct phi_finding;
int q_findings_store(struct db *db, long long post_id, long long version,
    const struct phi_finding *items, size_t n);
/* Rows: idx, start_byte, end_byte, category, severity, rule,
 * override_reason — by start. */
int q_findings_get(struct db *db, long long post_id, long long version,
    struct db_result *out);
int q_findings_override(struct db *db, long long post_id, long long version,
    long long idx, const char *reason);

/* reviews */
int q_review_insert(struct db *db, long long post_id, long long version,
    long long reviewer_id, const char *decision, const char *reason,
    const unsigned char sha[32]);
/* Rows: post_id, title, decision, created_at. */
int q_reviews_recent(struct db *db, long long reviewer_id, long long limit,
    struct db_result *out);

/* Posts in review whose scheduled time has passed, at most 100, read
 * without locks: rows id, author_id, title. q_post_expire expires one of
 * them if it is still in review and overdue: 1, 0 if it no longer is
 * (approved, withdrawn or expired meanwhile), -1 on error. */
int q_post_overdue(struct db *db, struct db_result *out);
int q_post_expire(struct db *db, long long id);

/* notifications */
int q_notify(struct db *db, long long user_id, long long post_id,
    const char *kind, const char *message);
/* Rows: id, post_id, kind, message, created_at, read (0/1), mine (0/1: the
 * user wrote the post), newest first. */
int q_notifications(struct db *db, long long user_id, long long limit,
    struct db_result *out);
int q_notifications_read(struct db *db, long long user_id);

/* patient-story settings of a post (saved with each version) */
int q_post_set_story(struct db *db, long long id, int story,
    long long authorization_id);

/* images */
int q_media_insert(struct db *db, long long post_id, const char *mime,
    const unsigned char sha[32], const void *bytes, size_t len,
    long long user_id, long long *id);
/* Rows: post_id, mime, bytes. */
int q_media_get(struct db *db, long long id, struct db_result *out);
int q_post_set_media(struct db *db, long long post_id, long long media_id,
    const char *alt_text);

/* the public Atom feed (q_feed.c). A post is in the feed when a
 * publication of it was delivered to a 'feed' account (delivery state
 * published); the entry shows its newest such publication. Read-only. */
/* At most limit entries, the most recently changed first. Rows: post_id,
 * title, body, media_id (0 none), alt_text, mime ('' none), media length,
 * published (first time out), updated (newest publication out), withdrawn
 * (0/1), when (the withdrawal, for a tombstone); times as
 * YYYY-MM-DDTHH:MM:SSZ (UTC). A withdrawn post's text and image are
 * returned empty. */
int q_feed_entries(struct db *db, long long limit, struct db_result *out);
/* The image of an entry now in the feed (its newest publication, its post
 * not withdrawn): one row mime, bytes, hex SHA-256, or no row. */
int q_feed_media(struct db *db, long long media_id, struct db_result *out);

/* authorizations */
int q_auth_insert(struct db *db, const char *patient, const char *covers,
    const char *signed_on, const char *expires_on, const char *location,
    long long created_by, long long *id);
/* Rows: id, patient, covers, signed_on, expires_on ('' none), location,
 * verified (0/1), expired (0/1), created_by name, verified_by name. */
int q_auth_list(struct db *db, struct db_result *out);
int q_auth_get(struct db *db, long long id, struct db_result *out);
int q_auth_verify(struct db *db, long long id, long long user_id);

/* publications and deliveries — q_delivery.c
 * A publication is the approved version copied once, at approval, as the
 * organisation's record; a delivery is that publication on one account.
 * Guarded updates return 1 done, 0 the row was not in the expected state
 * (or the lease is someone else's), -1 error. Times are UTC. */
/* Copies the post's approved version into publications; *pub_id. */
int q_publication_create(struct db *db, long long post_id,
    long long *pub_id);
/* One delivery, due at the post's schedule (or now if that has passed). */
int q_delivery_create(struct db *db, long long pub_id, long long post_id,
    long long account_id, const char *idempotency_key);
/* Cancels the post's deliveries that have not started (queued, retrying);
 * *n receives how many. */
int q_delivery_cancel_pending(struct db *db, long long post_id, long long *n);

/* The next due delivery, locked (FOR UPDATE SKIP LOCKED, so publishers
 * never wait for each other): queued/retrying ones whose time has come and
 * "sending" ones whose lease ran out (their publisher died). 1 with *id,
 * *post_id and from_state (>= 16 bytes) set, 0 none due, -1 error. */
int q_delivery_pick(struct db *db, long long *id, long long *post_id,
    char *from_state, size_t from_size);
/* Leases a picked delivery to owner for lease_s seconds and counts the
 * attempt. */
int q_delivery_lease(struct db *db, long long id, const char *owner,
    long lease_s);
/* Extends/keeps the lease and sets first_sent_at once. */
int q_delivery_mark_sending(struct db *db, long long id, const char *owner);
int q_delivery_set_connector_state(struct db *db, long long id,
    const char *owner, const char *state);

struct q_delivery {
	long long id, publication_id, post_id, account_id;
	char state[16];
	long long attempts;
	char idempotency_key[37];
	char *connector_state;      /* owned */
	char last_error_class[17];
	long long first_sent_at;    /* epoch s, 0 never */
	/* the publication */
	long long version;
	char title[801];
	char *body;                 /* owned */
	long long media_id;
	char media_sha[65];
	char alt_text[4001];
	char targets[256];
	unsigned char content_sha[32];
	/* the post now */
	long long author_id;
	char post_state[16];
	long long approved_version;
	unsigned char approved_sha[32];
	int have_approved_sha;
	/* the account */
	char platform[16];
	char account_name[101];
	char account_state[16];
	int account_active;
	int account_registered;     /* in the official accounts register */
};
int q_delivery_get(struct db *db, long long id, struct q_delivery *out);
void q_delivery_free(struct q_delivery *d);

/* Outcomes, each guarded by state 'sending' and lease_owner = owner. */
int q_delivery_published(struct db *db, long long id, const char *owner,
    const char *remote_id, const char *remote_url, long status);
/* Back to 'retrying' after delay_s; refund = 1 does not count the attempt
 * (rate limits). */
int q_delivery_retry_later(struct db *db, long long id, const char *owner,
    long long delay_s, int refund, const char *error_class,
    const char *error, long status);
/* To 'failed' or 'unconfirmed'. */
int q_delivery_stop(struct db *db, long long id, const char *owner,
    const char *state, const char *error_class, const char *error,
    long status);

/* Rows: state, count — the deliveries of the post's current publication. */
int q_delivery_state_counts(struct db *db, long long post_id,
    struct db_result *out);
/* The post's publishing state follows its deliveries: 1 changed, 0 not. */
int q_post_set_publish_state(struct db *db, long long post_id,
    const char *from_state, const char *to_state);
int q_publication_mark_published(struct db *db, long long post_id);
/* Rows: id, account name, platform, state, attempts,
 * next_attempt_at ('Y-m-d H:i:s'), last_error_class, last_error,
 * remote_url, published_at, version — the post's deliveries, newest
 * publication first. */
int q_delivery_for_post(struct db *db, long long post_id,
    struct db_result *out);
/* Rows as q_delivery_for_post plus post_id, post title (failed,
 * unconfirmed and retrying deliveries, oldest first). */
int q_delivery_problems(struct db *db, struct db_result *out);
/* Rows: state, count — failed, unconfirmed and retrying deliveries (states
 * without any are absent). */
int q_delivery_problem_counts(struct db *db, struct db_result *out);
/* Admin actions: retry (failed/unconfirmed -> queued now, attempts
 * reset), cancel (queued/retrying/failed/unconfirmed -> cancelled),
 * confirm (unconfirmed -> published, with the live URL a person found).
 * *from receives the state it had (>= 16 bytes). */
int q_delivery_admin_retry(struct db *db, long long id, char *from,
    size_t from_size);
int q_delivery_admin_cancel(struct db *db, long long id, char *from,
    size_t from_size);
int q_delivery_admin_confirm(struct db *db, long long id,
    const char *remote_url);
/* Rows: post_id, title of the post a delivery belongs to. */
int q_delivery_post(struct db *db, long long id, struct db_result *out);
/* Rows: id — active administrators (failure notices go to them). */
int q_admin_ids(struct db *db, struct db_result *out);

/* draft rescues (see core/rescue.h) */
int q_rescue_insert(struct db *db, const unsigned char hash[32],
    long long user_id, const char *path, const char *form);
/* Takes (reads and deletes) a rescue of this user for this path made in
 * the last day: 1 with *form malloc'd, 0 none, -1 error. */
int q_rescue_take(struct db *db, const unsigned char hash[32],
    long long user_id, const char *path, char **form);

/* accounts that may be chosen as targets (active, connected, in the
 * official register): rows id, platform, name */
int q_accounts_active(struct db *db, struct db_result *out);

/* accounts (admin, publisher) — q_account.c */
struct q_account {
	long long id;
	char platform[16];
	char name[101];
	char handle[201];
	char state[16];          /* active | disabled | reauth */
	char *settings;          /* owned JSON text ("{}" when none) */
	unsigned char *credentials; /* owned sealed blob, NULL when none */
	size_t credentials_len;
	char last_test_at[20];   /* "" never tested */
	int last_test_ok;        /* -1 never tested */
	char last_test_detail[201];
	char credentials_at[20]; /* "" when none stored */
	/* the official accounts register (sql/0011) */
	char owner[801];
	char purpose[2001];
	int registered;          /* approved for official use */
	char registered_at[20];  /* "" when not registered */
	char registered_by[65];  /* "" when the system registered it */
};
/* 1 found, 0 not found, -1 error. */
int q_account_get(struct db *db, long long id, struct q_account *out);
/* The same, locking the row (inside a transaction). */
int q_account_get_lock(struct db *db, long long id, struct q_account *out);
void q_account_free(struct q_account *a);
/* Rows: id, platform, name, handle, state, has_credentials (0/1),
 * last_test_at, last_test_ok ('' never), last_test_detail, registered
 * (0/1), owner. */
int q_account_list(struct db *db, struct db_result *out);
int q_account_insert(struct db *db, const char *platform, const char *name,
    const char *handle, const char *settings, long long *id);
int q_account_update(struct db *db, long long id, const char *name,
    const char *handle, const char *settings);
int q_account_set_credentials(struct db *db, long long id,
    const void *blob, size_t len);
/* state: active | disabled | reauth (active follows it). */
int q_account_set_state(struct db *db, long long id, const char *state);
int q_account_test_result(struct db *db, long long id, int ok,
    const char *detail);
/* 1 when another account (id other than except_id) has this name
 * (compared as the unique key does, ignoring case), 0 not, -1 error. */
int q_account_name_taken(struct db *db, const char *name,
    long long except_id);
/* Accounts of one platform (all states), locking them: the count or -1. */
long long q_account_count_platform(struct db *db, const char *platform);

/* The official accounts register (q_account.c). user_id 0: registered
 * by the system (the command line). Registering again replaces owner and
 * purpose. Unregister: 1 done, 0 it was not registered, -1 error. */
#define ACCOUNT_OWNER_MAX 200   /* characters */
#define ACCOUNT_PURPOSE_MAX 500
int q_account_register(struct db *db, long long id, const char *owner,
    const char *purpose, long long user_id);
int q_account_unregister(struct db *db, long long id);

/* the organisation's settings row (q_settings.c; see core/settings.h) */
/* The row's version (0 when there is no row), or -1. */
long long q_settings_version(struct db *db);
/* Rows (one): version, org_name (NULL when not set), allow-list ('' none),
 * idle_minutes, retain_published_days, retain_drafts_days (0 when not
 * set), legal_hold (0/1), legal_hold_reason, updated_at, updated_by id (0
 * never). No join to users: every program reads this row, the feed too,
 * whose database user may not read users (sql/grants.sql).
 * with_lock: FOR UPDATE (in a transaction). */
int q_settings_get(struct db *db, int with_lock, struct db_result *out);
/* New values; NULL strings and 0 numbers are stored as NULL (the
 * configuration's default). Bumps the version. */
struct q_settings_values {
	const char *org_name;
	const char *allow_list;
	long idle_minutes;
	long retain_published_days;
	long retain_drafts_days;
	int legal_hold;
	const char *legal_hold_reason;
};
int q_settings_update(struct db *db, const struct q_settings_values *v,
    long long user_id);
/* The global legal hold, read with a shared lock (in a transaction) so a
 * hold switched on waits for, or stops, deletions in flight: 1 on, 0 off,
 * -1 error. */
int q_settings_global_hold(struct db *db);

/* legal holds and records retention (q_retention.c) */
/* Rows (one): legal_hold (0/1), reason, by (user name), at. with_lock:
 * FOR UPDATE. */
int q_post_hold_get(struct db *db, long long post_id, int with_lock,
    struct db_result *out);
/* Sets (reason, user) or clears (reason NULL) a post's hold: 1 changed,
 * 0 no such post, -1 error. */
int q_post_hold_set(struct db *db, long long post_id, const char *reason,
    long long user_id);
/* Rows: post id, title, state, reason, by, at — posts on hold. */
int q_holds_list(struct db *db, struct db_result *out);
/* Posts past retention, id > after_id, at most limit, by id. Rows: id,
 * state, legal_hold (0/1), publications, last change (YYYY-MM-DD).
 * A post with a publication (a published record) is past retention
 * published_days after its last change (the post, a publication or a
 * delivery) when none of its deliveries is still pending and it is not
 * in review or being published; a post that never went out is past it
 * drafts_days after it was rejected, withdrawn or expired. Drafts still
 * being written are never deleted. */
int q_retention_candidates(struct db *db, long long after_id,
    long published_days, long drafts_days, long long limit,
    struct db_result *out);
/* The same test for one post (inside the deleting transaction): rows as
 * above, or none when it is not past retention. */
int q_retention_check(struct db *db, long long post_id, long published_days,
    long drafts_days, struct db_result *out);
/* Locks a post's deliveries, then the post (the publisher's order). */
int q_retention_lock(struct db *db, long long post_id);
/* What retention removes of one post, children first; counts[] receives
 * the rows removed per table in the order of q_retention_tables. */
#define Q_RETENTION_NTABLES 9
extern const char *const q_retention_tables[Q_RETENTION_NTABLES];
int q_retention_delete(struct db *db, long long post_id,
    long long counts[Q_RETENTION_NTABLES]);

/* migrations: 1 applied, 0 not, -1 error */
int q_migration_ensure_table(struct db *db);
int q_migration_applied(struct db *db, const char *version);
int q_migration_record(struct db *db, const char *version);

#endif
