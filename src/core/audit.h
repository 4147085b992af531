/* audit.h — the append-only, hash-chained audit log.
 *
 * Each entry's hash is HMAC-SHA256(audit_key, prev_hash || fields), with
 * every field length-prefixed so no two different entries hash alike.
 * Entries are numbered 1, 2, 3 … without gaps and a one-row head records
 * the last id and hash, so a removed row (even the last) or an altered one
 * breaks the chain. Appends lock the head row: they are serialised and must
 * run inside the caller's transaction, so the entry commits or rolls back
 * with the change it records. */
#ifndef CP_AUDIT_H
#define CP_AUDIT_H

#include "crypto.h"

struct db;
struct db_result;
struct req;
struct sbuf;

struct audit_entry {
	long long id;
	char at[32];            /* "YYYY-MM-DD HH:MM:SS.ffffff" UTC */
	long long actor_id;     /* 0 when there is no user (failed login) */
	const char *actor_name;
	const char *action;     /* e.g. login.ok, post.approve */
	const char *object;     /* e.g. user:3, post:17 */
	const char *from_state; /* NULL when not a state change */
	const char *to_state;
	const char *ip;
	const char *detail;     /* ids and reasons, never PHI or secrets */
	unsigned char prev_hash[CRYPTO_HASH_LEN];
	unsigned char hash[CRYPTO_HASH_LEN];
};

/* Computes e->hash from e->prev_hash and the fields. */
void audit_entry_hash(const unsigned char key[CRYPTO_HASH_LEN],
    struct audit_entry *e);

/* Checks that entries[0..n) continue a chain that ended at (*last_id,
 * last_hash) and updates both. Returns 0, or -1 with *bad_id naming the first
 * entry that does not fit (an altered row, or the row after a gap). */
int audit_chain_check(const unsigned char key[CRYPTO_HASH_LEN],
    const struct audit_entry *entries, size_t n, long long *last_id,
    unsigned char last_hash[CRYPTO_HASH_LEN], long long *bad_id);

/* Appends e inside the open transaction: fills id, time, hashes. 0 or -1. */
int audit_append(struct db *db, const unsigned char key[CRYPTO_HASH_LEN],
    struct audit_entry *e);

/* Records an action by the request's user (or actor_name when there is no
 * session) from the request's address. Must run inside a transaction. */
int audit_req(struct req *r, const char *action, const char *object,
    const char *from_state, const char *to_state, const char *detail);
int audit_req_as(struct req *r, long long actor_id, const char *actor_name,
    const char *action, const char *object, const char *detail);

/* Walks the whole log. Returns 0 when intact, 1 when broken (*bad_id set:
 * the first bad entry, or last_id + 1 when rows were removed from the end),
 * -1 on a database error. *count receives the number of intact entries
 * (those before the first bad one). */
int audit_verify(struct db *db, const unsigned char key[CRYPTO_HASH_LEN],
    long long *count, long long *bad_id);

/* Continues a walk that found the chain intact up to entry *last_id (0 and
 * a zero hash: from the start), checking the entries after it up to the
 * head as read at the start. Returns as audit_verify; *last_id and
 * last_hash move to the last entry that verified. Entries at or before the
 * starting point are not read again. */
int audit_verify_since(struct db *db, const unsigned char key[CRYPTO_HASH_LEN],
    long long *last_id, unsigned char last_hash[CRYPTO_HASH_LEN],
    long long *bad_id);

/* A search of the log (the viewer, its CSV export, `clearpost audit
 * export`). Empty strings match everything. */
struct audit_filter {
	char actor[65];        /* actor_name, compared as the column does */
	char action[65];       /* exactly */
	char object[129];      /* as typed: "post:17", or a kind alone: "post" */
	char object_like[140]; /* for a kind alone: "post:%" (LIKE), else "" */
	char from[20];         /* first instant included, "YYYY-MM-DD HH:MM:SS" */
	char to[20];           /* first instant no longer included, same form */
};

/* Why typed filter values were refused: one sentence per bad field, for a
 * person, or NULL when the field is fine. */
struct audit_filter_errors {
	const char *actor, *action, *object, *from, *to;
};

/* Fills f from typed values (NULL counts as empty). Times are UTC and name
 * a day, a minute or a second: "2026-03-01", "2026-03-01T14:30",
 * "2026-03-01 14:30:15" (T or a space; an optional trailing Z); "to"
 * includes the whole day, minute or second it names. Returns the number of
 * bad fields (0 when f is usable), each explained in *err. */
int audit_filter_parse(struct audit_filter *f, const char *actor,
    const char *action, const char *object, const char *from,
    const char *to, struct audit_filter_errors *err);

/* A one-line summary of f for an audit entry's detail ("actor=bob;
 * at>=2026-03-01 00:00:00", or "all entries") into out. */
void audit_filter_describe(const struct audit_filter *f, char *out,
    size_t size);

/* CSV (RFC 4180, see csv.h) of audit entries: the header line, then the
 * rows of q_audit_search_* (columns QA_*). */
void audit_csv_header(struct sbuf *b);
void audit_csv_rows(struct sbuf *b, const struct db_result *rows);

#endif
