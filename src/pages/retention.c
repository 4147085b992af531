/* retention.c — see retention.h. */
#include "retention.h"

#include <stdio.h>
#include <string.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/db.h"
#include "../core/log.h"
#include "../core/settings.h"
#include "../db/q.h"

#define BATCH 200

enum outcome { GONE, NOT_DUE, HELD, GLOBAL_HOLD, FAILED };

/* Deletes one post if it is still past retention under the locks, with
 * its audit entry, in one transaction. */
static enum outcome
delete_one(struct app *app, const char *actor, long long id,
    const struct retention_summary *s, const char **kind)
{
	struct db *db = app->db;
	struct db_result r = { 0 };
	long long counts[Q_RETENTION_NTABLES];
	char object[32], detail[400], state[16];
	enum outcome rc = FAILED;

	if (db_begin(db) < 0)
		return FAILED;
	/* the global hold first (shared lock: switching it on waits for this
	 * deletion, and every later one sees it) */
	int global = q_settings_global_hold(db);
	if (global != 0) {
		rc = global > 0 ? GLOBAL_HOLD : FAILED;
		goto fail;
	}
	if (q_retention_lock(db, id) < 0 ||
	    q_retention_check(db, id, s->published_days, s->drafts_days,
	    &r) < 0)
		goto fail;
	if (r.nrows == 0) {
		rc = NOT_DUE; /* changed since the list was made */
		goto fail;
	}
	if (db_cell_int(&r, 0, 2) != 0) {
		rc = HELD;
		goto fail;
	}
	*kind = db_cell_int(&r, 0, 3) > 0 ? "published" : "draft";
	snprintf(state, sizeof(state), "%s", db_cell(&r, 0, 1));
	int n = snprintf(detail, sizeof(detail), "kind=%s last_change=%s "
	    "retention_days=%ld", *kind, db_cell(&r, 0, 4),
	    db_cell_int(&r, 0, 3) > 0 ? s->published_days : s->drafts_days);
	if (q_retention_delete(db, id, counts) < 0)
		goto fail;
	for (size_t i = 0; i < Q_RETENTION_NTABLES - 1 && n > 0 &&
	    (size_t)n < sizeof(detail); i++)
		n += snprintf(detail + n, sizeof(detail) - (size_t)n, " %s=%lld",
		    q_retention_tables[i], counts[i]);
	if (counts[Q_RETENTION_NTABLES - 1] != 1)
		goto fail;
	struct audit_entry e;
	snprintf(object, sizeof(object), "post:%lld", id);
	memset(&e, 0, sizeof(e));
	e.actor_name = actor;
	e.action = "retention.delete";
	e.object = object;
	e.from_state = state;
	e.to_state = "deleted";
	e.ip = strcmp(actor, "cli") == 0 ? "local" : "";
	e.detail = detail;
	if (audit_append(db, app->audit_key, &e) < 0 || db_commit(db) < 0)
		goto fail;
	db_result_free(&r);
	log_info("retention: deleted post %lld (%s)", id, *kind);
	return GONE;
fail:
	db_rollback(db);
	db_result_free(&r);
	if (rc == FAILED)
		log_error("retention: post %lld not deleted (db errno %u)", id,
		    db_errno(db));
	return rc;
}

int
retention_run(struct app *app, const char *actor, int dry_run,
    retention_each each, void *ctx, struct retention_summary *out)
{
	struct settings_row row;
	long long after = 0;

	memset(out, 0, sizeof(*out));
	int found = settings_row_get(app->db, 0, &row);
	if (found < 0)
		return -1;
	out->published_days = settings_retain_published_days(app,
	    found ? &row : NULL);
	out->drafts_days = settings_retain_drafts_days(app, found ? &row : NULL);
	out->global_hold = found && row.legal_hold;
	settings_row_free(&row);
	if (out->global_hold)
		return 0;
	for (;;) {
		struct db_result c;
		if (q_retention_candidates(app->db, after, out->published_days,
		    out->drafts_days, BATCH, &c) < 0) {
			db_result_free(&c);
			return -1;
		}
		size_t rows = c.nrows;
		for (size_t i = 0; i < rows; i++) {
			long long id = db_cell_int(&c, i, 0);
			const char *kind = db_cell_int(&c, i, 3) > 0 ?
			    "published" : "draft";
			const char *last = db_cell(&c, i, 4);
			const char *what;
			after = id;
			enum outcome o = db_cell_int(&c, i, 2) ? HELD : dry_run ?
			    GONE : delete_one(app, actor, id, out, &kind);
			switch (o) {
			case GONE:
				if (strcmp(kind, "published") == 0)
					out->deleted_published++;
				else
					out->deleted_drafts++;
				what = dry_run ? "due" : "deleted";
				break;
			case HELD:
				out->held++;
				what = "held";
				break;
			case GLOBAL_HOLD:
				/* switched on while this run was going */
				out->global_hold = 1;
				db_result_free(&c);
				return 0;
			case FAILED:
				out->failed++;
				what = "failed";
				break;
			default:
				continue;
			}
			if (each != NULL)
				each(ctx, id, kind, last ? last : "", what);
		}
		db_result_free(&c);
		if (rows < BATCH)
			break;
	}
	return 0;
}
