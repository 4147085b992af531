#include "audit.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../db/q.h"
#include "app.h"
#include "db.h"
#include "log.h"
#include "request.h"

static void
put_field(struct sbuf *b, const char *s)
{
	if (s == NULL) {
		sbuf_puts(b, "-1:");
		return;
	}
	sbuf_printf(b, "%zu:", strlen(s));
	sbuf_puts(b, s);
}

void
audit_entry_hash(const unsigned char key[CRYPTO_HASH_LEN],
    struct audit_entry *e)
{
	struct sbuf b;
	char num[32];

	sbuf_init(&b);
	sbuf_append(&b, e->prev_hash, CRYPTO_HASH_LEN);
	snprintf(num, sizeof(num), "%lld", e->id);
	put_field(&b, num);
	put_field(&b, e->at);
	snprintf(num, sizeof(num), "%lld", e->actor_id);
	put_field(&b, num);
	put_field(&b, e->actor_name);
	put_field(&b, e->action);
	put_field(&b, e->object);
	put_field(&b, e->from_state);
	put_field(&b, e->to_state);
	put_field(&b, e->ip);
	put_field(&b, e->detail);
	if (b.failed)
		memset(e->hash, 0, CRYPTO_HASH_LEN);
	else
		crypto_hmac_sha256(key, CRYPTO_HASH_LEN, b.data, b.len,
		    e->hash);
	sbuf_free(&b);
}

int
audit_chain_check(const unsigned char key[CRYPTO_HASH_LEN],
    const struct audit_entry *entries, size_t n, long long *last_id,
    unsigned char last_hash[CRYPTO_HASH_LEN], long long *bad_id)
{
	for (size_t i = 0; i < n; i++) {
		struct audit_entry e = entries[i];
		if (e.id != *last_id + 1 ||
		    !crypto_equal(e.prev_hash, last_hash, CRYPTO_HASH_LEN)) {
			*bad_id = e.id != *last_id + 1 ? *last_id + 1 : e.id;
			return -1;
		}
		audit_entry_hash(key, &e);
		if (!crypto_equal(e.hash, entries[i].hash, CRYPTO_HASH_LEN)) {
			*bad_id = e.id;
			return -1;
		}
		*last_id = e.id;
		memcpy(last_hash, e.hash, CRYPTO_HASH_LEN);
	}
	return 0;
}

static void
now_utc(char out[32])
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	size_t n = strftime(out, 32, "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(out + n, 32 - n, ".%06d", (int)(ts.tv_nsec / 1000) % 1000000);
}

int
audit_append(struct db *db, const unsigned char key[CRYPTO_HASH_LEN],
    struct audit_entry *e)
{
	long long last_id;

	if (!db_in_transaction(db)) {
		log_error("audit_append outside a transaction");
		return -1;
	}
	if (q_audit_head_lock(db, &last_id, e->prev_hash) < 0)
		return -1;
	e->id = last_id + 1;
	now_utc(e->at);
	if (e->actor_name == NULL)
		e->actor_name = "";
	if (e->object == NULL)
		e->object = "";
	if (e->ip == NULL)
		e->ip = "";
	if (e->detail == NULL)
		e->detail = "";
	audit_entry_hash(key, e);
	if (q_audit_insert(db, e) < 0 ||
	    q_audit_head_update(db, e->id, e->hash) < 0)
		return -1;
	log_info("audit id=%lld action=%s object=%s actor_id=%lld", e->id,
	    e->action, e->object, e->actor_id);
	return 0;
}

/* Both request helpers: the entry as seen from the request's address. */
static int
append_from_request(struct req *r, long long actor_id, const char *actor_name,
    const char *action, const char *object, const char *from_state,
    const char *to_state, const char *detail)
{
	struct audit_entry e;
	memset(&e, 0, sizeof(e));
	e.actor_id = actor_id;
	e.actor_name = actor_name;
	e.action = action;
	e.object = object;
	e.from_state = from_state;
	e.to_state = to_state;
	e.ip = r->remote_addr;
	e.detail = detail;
	return audit_append(r->app->db, r->app->audit_key, &e);
}

int
audit_req_as(struct req *r, long long actor_id, const char *actor_name,
    const char *action, const char *object, const char *detail)
{
	return append_from_request(r, actor_id, actor_name, action, object,
	    NULL, NULL, detail);
}

int
audit_req(struct req *r, const char *action, const char *object,
    const char *from_state, const char *to_state, const char *detail)
{
	return append_from_request(r, r->sess.valid ? r->sess.user_id : 0,
	    r->sess.valid ? r->sess.username : "", action, object, from_state,
	    to_state, detail);
}

int
audit_verify_since(struct db *db, const unsigned char key[CRYPTO_HASH_LEN],
    long long *last_id, unsigned char last_hash[CRYPTO_HASH_LEN],
    long long *bad_id)
{
	enum { PAGE = 1000 };
	struct audit_entry page[PAGE];
	struct q_audit_page rows;
	unsigned char head_hash[CRYPTO_HASH_LEN];
	long long head_id;

	*bad_id = 0;
	if (q_audit_head_get(db, &head_id, head_hash) < 0)
		return -1;
	/* Entries appended after the head was read are left for the next
	 * walk: counting them would look like a head left behind. */
	while (*last_id < head_id) {
		size_t n;
		if (q_audit_page_get(db, *last_id, PAGE, &rows) < 0) {
			q_audit_page_free(&rows);
			return -1;
		}
		n = q_audit_page_entries(&rows, page, PAGE);
		while (n > 0 && page[n - 1].id > head_id)
			n--;
		int broken = n > 0 && audit_chain_check(key, page, n, last_id,
		    last_hash, bad_id) < 0;
		q_audit_page_free(&rows);
		if (broken)
			return 1;
		if (n == 0)
			break;
	}
	/* Rows removed from the end leave the head pointing past them. */
	if (*last_id != head_id ||
	    !crypto_equal(last_hash, head_hash, CRYPTO_HASH_LEN)) {
		*bad_id = *last_id + 1;
		return 1;
	}
	return 0;
}

int
audit_verify(struct db *db, const unsigned char key[CRYPTO_HASH_LEN],
    long long *count, long long *bad_id)
{
	unsigned char last_hash[CRYPTO_HASH_LEN] = { 0 };
	long long last_id = 0;
	int rc = audit_verify_since(db, key, &last_id, last_hash, bad_id);
	/* Ids run 1, 2, 3 …: the last good id counts the good entries. */
	*count = last_id;
	return rc;
}
