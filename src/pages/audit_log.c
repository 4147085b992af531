/* audit_log.c — the administrators' view of the audit log: a search by
 * actor, action, object and UTC time range, pages of 50 newest first, the
 * hash chain's verification state, and the same search as CSV.
 *
 * Reading the log is itself recorded (audit.read, audit.export, the filter
 * in the detail), in a transaction of its own committed before anything is
 * shown: a read that cannot be recorded is refused (503). Paging is by id
 * (?before=N older, ?after=N newer), so entries appended meanwhile — this
 * page's own audit.read among them — never shift a page.
 *
 * The chain's state is shown on every view. A full walk reads every entry
 * (about 1.5 s for 100,000 entries on the development machine), so up to
 * FULL_WALK_ENTRIES entries the whole chain is walked on every view; above
 * that, each worker walks it in full at most every FULL_WALK_SECONDS (or
 * when asked, ?verify=full) and in between checks only the entries appended
 * since its last walk, and the page says when the last full walk was: an
 * old entry altered meanwhile shows at the next full walk.
 *
 * GET /admin/audit      200; 400 bad paging; 422 bad filters; 503
 * GET /admin/audit.csv  200 text/csv; 422 bad filters or too many entries
 *                       for one download; 503 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/crypto.h"
#include "../core/db.h"
#include "../core/log.h"
#include "../core/render.h"
#include "../db/q.h"
#include "pages.h"

enum {
	PAGE_SIZE = 50, EXPORT_CHUNK = 1000, EXPORT_MAX = 100000,
	FULL_WALK_ENTRIES = 20000, FULL_WALK_SECONDS = 60,
};

/* How far this process last found the chain intact, and when it last
 * walked it from the first entry (0: not yet, or it was broken). Process
 * state like the prepared statements: it holds nothing of any request or
 * user. */
static struct {
	long long last_id;
	unsigned char last_hash[CRYPTO_HASH_LEN];
	time_t full_at;
} verified;

static const char *const filter_keys[] = { "actor", "action", "object",
    "from", "to" };
static const char *const filter_names[] = { "Actor", "Action", "Object",
    "From", "To" };
#define NFILTER (sizeof(filter_keys) / sizeof(filter_keys[0]))

/* The typed filter values (never NULL), in filter_keys order. */
static void
typed_filter(struct req *r, const char *typed[NFILTER])
{
	for (size_t i = 0; i < NFILTER; i++) {
		typed[i] = req_query(r, filter_keys[i]);
		if (typed[i] == NULL)
			typed[i] = "";
	}
}

static int
parse_filter(const char *typed[NFILTER], struct audit_filter *f,
    struct audit_filter_errors *err)
{
	return audit_filter_parse(f, typed[0], typed[1], typed[2], typed[3],
	    typed[4], err);
}

/* Appends s percent-encoded for a query string (RFC 3986 unreserved bytes
 * as they are). */
static void
url_encode(struct sbuf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL) {
			sbuf_append(b, p, 1);
		} else {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			sbuf_append(b, e, 3);
		}
	}
}

/* The typed filters as a query string ("actor=bob&action=login.ok"; ""
 * for none), for the paging and download links. Arena-owned, or NULL. */
static const char *
filter_query(struct req *r, const char *typed[NFILTER])
{
	struct sbuf b;
	const char *q;

	sbuf_init(&b);
	for (size_t i = 0; i < NFILTER; i++) {
		if (typed[i][0] == '\0')
			continue;
		if (b.len > 0)
			sbuf_puts(&b, "&");
		sbuf_puts(&b, filter_keys[i]);
		sbuf_puts(&b, "=");
		url_encode(&b, typed[i]);
	}
	q = b.failed ? NULL : arena_strndup(&r->arena, b.data ? b.data : "",
	    b.len);
	sbuf_free(&b);
	return q;
}

/* Appends the audit entry for this read in its own transaction. 0 or -1. */
static int
record_read(struct req *r, const char *action, const char *detail)
{
	struct db *db = r->app->db;
	if (db_begin(db) < 0)
		return -1;
	if (audit_req(r, action, "audit_log", NULL, NULL, detail) < 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

/* Chain.State (intact | broken), Chain.Count (entries that verify),
 * Chain.Bad, and Chain.FullAt (UTC) when only the entries since the last
 * full walk were checked. 0, or -1 when the log cannot be read or the
 * values not set. */
static int
chain_to_hdf(struct req *r, int force_full)
{
	unsigned char hash[CRYPTO_HASH_LEN] = { 0 };
	long long last = 0, bad;
	time_t now = time(NULL);
	char when[32] = "";
	int full, rc;

	full = force_full || verified.full_at == 0 ||
	    now - verified.full_at >= FULL_WALK_SECONDS ||
	    verified.last_id <= FULL_WALK_ENTRIES;
	if (!full) {
		struct tm tm;
		last = verified.last_id;
		memcpy(hash, verified.last_hash, sizeof(hash));
		gmtime_r(&verified.full_at, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	}
	rc = audit_verify_since(r->app->db, r->app->audit_key, &last, hash,
	    &bad);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		verified.last_id = last;
		memcpy(verified.last_hash, hash, sizeof(hash));
		if (full)
			verified.full_at = now;
	} else {
		log_error("audit chain broken at entry %lld", bad);
		verified.full_at = 0;
	}
	return render_set(r, "Chain.State", rc ? "broken" : "intact") < 0 ||
	    render_set_int(r, "Chain.Count", last) < 0 ||
	    render_set_int(r, "Chain.Bad", bad) < 0 ||
	    render_set(r, "Chain.FullAt", when) < 0 ? -1 : 0;
}

/* Actions.N: the actions in the log, plus the one asked for when no entry
 * has it (so the list still shows what was chosen). 0 or -1. */
static int
actions_to_hdf(struct req *r, const char *chosen)
{
	struct db_result rows = { 0 };
	char key[32];
	int found = chosen[0] == '\0', rc = -1;
	size_t i;

	if (q_audit_actions(r->app->db, &rows) < 0)
		goto out;
	for (i = 0; i < rows.nrows; i++) {
		snprintf(key, sizeof(key), "Actions.%zu", i);
		if (render_set(r, key, db_cell(&rows, i, 0)) < 0)
			goto out;
		found |= strcmp(db_cell(&rows, i, 0), chosen) == 0;
	}
	snprintf(key, sizeof(key), "Actions.%zu", i);
	if (!found && render_set(r, key, chosen) < 0)
		goto out;
	rc = 0;
out:
	db_result_free(&rows);
	return rc;
}

/* Entries.N from rows[0..n), in reverse when reverse is set. */
static int
entries_to_hdf(struct req *r, const struct db_result *rows, size_t n,
    int reverse)
{
	static const struct { int col; const char *name; } cols[] = {
		{ QA_ID, "Id" }, { QA_AT_S, "At" }, { QA_ACTOR, "Actor" },
		{ QA_ACTION, "Action" }, { QA_OBJECT, "Object" },
		{ QA_FROM, "From" }, { QA_TO, "To" }, { QA_IP, "Ip" },
		{ QA_DETAIL, "Detail" },
	};
	char key[64];
	for (size_t i = 0; i < n; i++) {
		size_t row = reverse ? n - 1 - i : i;
		for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
			snprintf(key, sizeof(key), "Entries.%zu.%s", i,
			    cols[c].name);
			if (render_set(r, key, db_cell(rows, row,
			    (size_t)cols[c].col)) < 0)
				return -1;
		}
	}
	return 0;
}

/* 1 when an entry matching f exists beyond id (older when older is set),
 * 0 when none, -1 on error. */
static int
more_beyond(struct req *r, const struct audit_filter *f, long long id,
    int older)
{
	struct db_result rows = { 0 };
	int rc = (older ? q_audit_search_older : q_audit_search_newer)(
	    r->app->db, f, id, 1, &rows);
	if (rc == 0)
		rc = rows.nrows > 0;
	db_result_free(&rows);
	return rc;
}

/* The page's entries and its Paging.* links. 0, or -1 on a database or
 * render error. */
static int
page_to_hdf(struct req *r, const struct audit_filter *f, long long before,
    long long after)
{
	struct db_result rows = { 0 };
	long long newest = 0, oldest = 0, total;
	int newer = 0, older = 0, rc = -1;
	size_t n;

	/* One more than a page tells whether there is another beyond. */
	if (after > 0) {
		if (q_audit_search_newer(r->app->db, f, after, PAGE_SIZE + 1,
		    &rows) < 0)
			goto out;
	} else if (q_audit_search_older(r->app->db, f, before > 0 ? before :
	    LLONG_MAX, PAGE_SIZE + 1, &rows) < 0) {
		goto out;
	}
	n = rows.nrows > PAGE_SIZE ? PAGE_SIZE : rows.nrows;
	if (n > 0) {
		/* Rows run newest first, or oldest first after ?after=. */
		newest = db_cell_int(&rows, after > 0 ? n - 1 : 0, QA_ID);
		oldest = db_cell_int(&rows, after > 0 ? 0 : n - 1, QA_ID);
		if (after > 0) {
			newer = rows.nrows > PAGE_SIZE;
			older = more_beyond(r, f, oldest, 1);
		} else {
			older = rows.nrows > PAGE_SIZE;
			newer = before > 0 ? more_beyond(r, f, newest, 0) : 0;
		}
		if (newer < 0 || older < 0)
			goto out;
	}
	total = q_audit_count(r->app->db, f);
	if (total < 0)
		goto out;
	if (entries_to_hdf(r, &rows, n, after > 0) < 0 ||
	    render_set_int(r, "Paging.Total", total) < 0 ||
	    render_set_int(r, "Paging.Newer", newer ? newest : 0) < 0 ||
	    render_set_int(r, "Paging.Older", older ? oldest : 0) < 0 ||
	    render_set_int(r, "Paging.First", before > 0 || after > 0) < 0)
		goto out;
	rc = 0;
out:
	db_result_free(&rows);
	return rc;
}

/* Reads ?before= and ?after= (at most one). 0, or -1 when malformed. */
static int
paging_args(struct req *r, long long *before, long long *after)
{
	const char *b = req_query(r, "before"), *a = req_query(r, "after");
	*before = *after = 0;
	if ((b != NULL && *b != '\0' && (parse_id(b, before) < 0 ||
	    *before < 1)) || (a != NULL && *a != '\0' &&
	    (parse_id(a, after) < 0 || *after < 1)) ||
	    (*before > 0 && *after > 0))
		return -1;
	return 0;
}

int
page_audit_log(struct req *r)
{
	const char *typed[NFILTER], *query;
	struct audit_filter f;
	struct audit_filter_errors err;
	long long before, after;
	char detail[600], key[32];
	int bad;

	if (paging_args(r, &before, &after) < 0)
		return 400;
	typed_filter(r, typed);
	bad = parse_filter(typed, &f, &err);
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", "Audit log") < 0)
		return 500;
	const char *msgs[NFILTER] = { err.actor, err.action, err.object,
	    err.from, err.to };
	for (size_t i = 0; i < NFILTER; i++) {
		snprintf(key, sizeof(key), "Filter.%s", filter_names[i]);
		if (render_set(r, key, typed[i]) < 0)
			return 500;
		snprintf(key, sizeof(key), "Errors.%s", filter_names[i]);
		if (msgs[i] != NULL && render_set(r, key, msgs[i]) < 0)
			return 500;
	}
	if (!bad) {
		audit_filter_describe(&f, detail, sizeof(detail) - 40);
		if (before > 0 || after > 0)
			snprintf(detail + strlen(detail), 40, "; %s %lld",
			    before > 0 ? "before" : "after", before > 0 ?
			    before : after);
		if (record_read(r, "audit.read", detail) < 0)
			return 503;
	}
	const char *verify = req_query(r, "verify");
	if (chain_to_hdf(r, verify != NULL && strcmp(verify, "full") == 0) < 0 ||
	    actions_to_hdf(r, f.action) < 0)
		return 503;
	if (!bad) {
		query = filter_query(r, typed);
		if (query == NULL || render_set(r, "Paging.Query", query) < 0)
			return 500;
		if (page_to_hdf(r, &f, before, after) < 0)
			return 503;
	}
	r->template = "admin/audit.cs";
	return bad ? 422 : 200;
}

int
page_audit_csv(struct req *r)
{
	const char *typed[NFILTER];
	struct audit_filter f;
	struct audit_filter_errors err;
	struct db_result rows = { 0 };
	struct sbuf csv;
	char detail[600], stamp[32];
	long long after = 0, total;
	time_t now = time(NULL);
	struct tm tm;
	int status = 503;

	typed_filter(r, typed);
	if (parse_filter(typed, &f, &err) > 0) {
		r->message = err.from ? err.from : err.to ? err.to : err.actor ?
		    err.actor : err.action ? err.action : err.object;
		return 422;
	}
	total = q_audit_count(r->app->db, &f);
	if (total < 0)
		return 503;
	if (total > EXPORT_MAX) {
		r->message = "More than 100,000 entries match: narrow the "
		    "time range, or export on the server with "
		    "clearpost audit export.";
		return 422;
	}
	audit_filter_describe(&f, detail, sizeof(detail));
	if (record_read(r, "audit.export", detail) < 0)
		return 503;

	sbuf_init(&csv);
	audit_csv_header(&csv);
	for (;;) {
		if (q_audit_search_newer(r->app->db, &f, after, EXPORT_CHUNK,
		    &rows) < 0)
			goto out;
		audit_csv_rows(&csv, &rows);
		if (rows.nrows < EXPORT_CHUNK)
			break;
		after = db_cell_int(&rows, rows.nrows - 1, QA_ID);
		db_result_free(&rows);
	}
	status = 500;
	if (csv.failed)
		goto out;
	r->body = arena_strndup(&r->arena, csv.data, csv.len);
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	r->disposition = arena_printf(&r->arena, "attachment; "
	    "filename=\"clearpost-audit-%s.csv\"", stamp);
	if (r->body == NULL || r->disposition == NULL)
		goto out;
	r->body_len = csv.len;
	r->content_type = "text/csv; charset=utf-8";
	status = 200;
out:
	db_result_free(&rows);
	sbuf_free(&csv);
	return status;
}
