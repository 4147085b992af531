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
struct req;

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

#endif
