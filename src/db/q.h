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

/* users */
struct q_user {
	long long id;
	char username[65];
	char role[16];
	char password_hash[PASSWORD_HASH_MAX];
	int active;
};
/* 1 found, 0 not found, -1 error. Matching is case-insensitive. */
int q_user_by_name(struct db *db, const char *username, struct q_user *out);
int q_user_insert(struct db *db, const char *username, const char *role,
    const char *password_hash, long long *id);
int q_user_set_password(struct db *db, long long id, const char *hash);
int q_user_set_active(struct db *db, long long id, int active);
/* Rows: id, username, role, active, created_at. */
int q_user_list(struct db *db, struct db_result *out);

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
	char role[16];
	int active;
	long long idle_seconds;
	long long age_seconds;
};
int q_session_insert(struct db *db, const unsigned char hash[32],
    long long user_id, const char *ip, const char *user_agent);
/* 1 found, 0 not found, -1 error. */
int q_session_find(struct db *db, const unsigned char hash[32],
    struct q_session *out);
int q_session_touch(struct db *db, const unsigned char hash[32]);
int q_session_delete(struct db *db, const unsigned char hash[32]);
int q_session_delete_for_user(struct db *db, long long user_id);

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
/* Most recent entries for the admin page: id, at, actor_name, action,
 * object, ip, detail. */
int q_audit_recent(struct db *db, size_t limit, struct db_result *out);

/* migrations: 1 applied, 0 not, -1 error */
int q_migration_ensure_table(struct db *db);
int q_migration_applied(struct db *db, const char *version);
int q_migration_record(struct db *db, const char *version);

#endif
