/* review.c — the privacy officer's queue and decisions.
 *
 * A decision applies only to the version the reviewer saw (the form carries
 * it; a newer version is refused with 409), never to a post the reviewer
 * wrote or edited (403, and the buttons are not shown), and records the
 * SHA-256 of the exact content approved, in one transaction with its audit
 * entry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/db.h"
#include "../core/render.h"
#include "../db/q.h"
#include "pages.h"
#include "diff.h"
#include "post_common.h"
#include "publishing.h"

#define REJECT_REASON_MAX 1000

int
page_review_queue(struct req *r)
{
	struct db_result q = { 0 }, mine = { 0 };
	static const char *const qcols[] = { "Id", "Title", "Author",
	    "Submitted", "Scheduled", "Version", "Blocks", "Reviews", NULL };
	static const char *const mcols[] = { "Id", "Title", "Decision", "At",
	    NULL };
	int status = 503;

	if (post_expire_overdue(r->app) < 0 || q_post_queue(r->app->db, &q) < 0 ||
	    q_reviews_recent(r->app->db, r->sess.user_id, 10, &mine) < 0)
		goto out;
	status = 500;
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", "Review queue") < 0)
		goto out;
	if (render_rows(r, "Queue", &q, qcols) < 0 ||
	    render_rows(r, "Mine", &mine, mcols) < 0)
		goto out;
	if (post_flash_done(r) < 0 || policy_banner(r) < 0)
		goto out;
	r->template = "review/queue.cs";
	status = 200;
out:
	db_result_free(&q);
	db_result_free(&mine);
	return status;
}

/* Hold.* for administrators: whether the post is on legal hold, why, by
 * whom and since when. 0 or -1. */
static int
hold_to_hdf(struct req *r, long long post_id)
{
	struct db_result h = { 0 };
	int rc = -1;
	if (q_post_hold_get(r->app->db, post_id, 0, &h) == 0 && h.nrows == 1 &&
	    render_set_int(r, "Hold.On", db_cell_int(&h, 0, 0)) == 0 &&
	    render_set(r, "Hold.Reason", db_cell(&h, 0, 1)) == 0 &&
	    render_set(r, "Hold.By", db_cell(&h, 0, 2)) == 0 &&
	    render_set(r, "Hold.At", db_cell(&h, 0, 3)) == 0 &&
	    render_set_int(r, "Hold.Admin", 1) == 0)
		rc = 0;
	db_result_free(&h);
	return rc;
}

/* Fills the review page for p; error (may be NULL) is shown by the
 * decision form. */
static int
review_page(struct req *r, const struct q_post *p, int status,
    const char *error)
{
	struct db_result rows = { 0 };
	int touched = q_post_touched_by(r->app->db, p->id, r->sess.user_id);
	int rc = 500;

	if (touched < 0 || q_findings_get(r->app->db, p->id, p->version,
	    &rows) < 0) {
		rc = 503;
		goto out;
	}
	if (render_prepare(r) < 0 || post_to_hdf(r, p) < 0 ||
	    render_set(r, "Page.Title", p->title) < 0 ||
	    render_set_int(r, "Review.CanDecide", !touched &&
	    (r->sess.roles & ROLE_REVIEWER) &&
	    strcmp(p->state, "in_review") == 0) < 0 ||
	    render_set_int(r, "Review.OwnPost", touched) < 0 ||
	    post_accounts_to_hdf(r, p->targets, p->body) < 0 ||
	    post_deliveries_to_hdf(r, p->id) < 0 ||
	    post_highlight_rows(r, p->body, &rows) < 0 ||
	    policy_banner(r) < 0)
		goto out;
	if (error != NULL && render_set(r, "Errors.Decision", error) < 0)
		goto out;
	if (strcmp(p->state, "in_review") == 0) {
		/* say before the reviewer decides that a target cannot be
		 * published to */
		char why[400];
		int ok = publish_check_targets(r->app, p->targets, why,
		    sizeof(why));
		if (ok < 0) {
			rc = 503;
			goto out;
		}
		if (ok == 0 && error == NULL &&
		    render_set(r, "Review.TargetProblem", why) < 0)
			goto out;
	}
	if (((r->sess.roles & ROLE_ADMIN) && hold_to_hdf(r, p->id) < 0) ||
	    (status == 200 && post_flash_done(r) < 0))
		goto out;
	if (p->patient_story) {
		const char *why = auth_problem(r, p->authorization_id, p->media_id != 0);
		if (why != NULL && render_set(r, "Review.StoryProblem", why) < 0)
			goto out;
	}
	if (p->reviewed_version > 0 && p->reviewed_version != p->version) {
		/* Back after a rejection: what changed since the reviewer saw it. */
		char *before = q_revision_body(r->app->db, p->id,
		    p->reviewed_version);
		int bad = before == NULL || render_set_int(r,
		    "Review.PreviousVersion", p->reviewed_version) < 0 ||
		    diff_words_to_hdf(r, before, p->body) < 0;
		free(before);
		if (bad)
			goto out;
	}
	r->template = "review/post.cs";
	rc = status;
out:
	db_result_free(&rows);
	return rc;
}

int
page_review_post(struct req *r)
{
	struct q_post p;
	int found = q_post_get(r->app->db, r->path_id, 0, &p);
	if (found < 0)
		return 503;
	if (found == 0)
		return 404;
	int status = review_page(r, &p, 200, NULL);
	q_post_free(&p);
	return status;
}

/* Approve or reject (reject needs a reason). */
static int
decide(struct req *r, int approve)
{
	struct q_post p;
	struct db *db = r->app->db;
	unsigned char sha[32];
	char shahex[65], object[32], detail[160];
	long long version;
	const char *reason = req_form(r, "reason");
	int status = 503;

	if (req_form(r, "version") == NULL ||
	    parse_id(req_form(r, "version"), &version) < 0)
		return 400;
	/* Rejecting stays open: it sends nothing out. */
	if (approve && (status = policy_gate(r, "approve posts",
	    arena_printf(&r->arena, "/review/%lld", r->path_id))) != 0)
		return status;
	if (db_begin(db) < 0)
		return 503;
	int found = q_post_get(db, r->path_id, 1, &p);
	if (found <= 0) {
		db_rollback(db);
		return found < 0 ? 503 : 404;
	}
	int touched = q_post_touched_by(db, p.id, r->sess.user_id);
	if (touched < 0)
		goto fail;
	if (touched) {
		db_rollback(db);
		r->message = "You wrote or edited this post, so another privacy "
		    "officer must review it.";
		status = 403;
		goto out;
	}
	if (strcmp(p.state, "in_review") != 0 || p.version != version) {
		db_rollback(db);
		status = review_page(r, &p, 409, strcmp(p.state, "in_review") ?
		    "This post is no longer waiting for review; your decision "
		    "was not recorded." : "The post was changed after you opened "
		    "it. Your decision was not recorded: read the current "
		    "version below and decide again.");
		goto out;
	}
	if (!approve && (reason == NULL || reason[0] == '\0' ||
	    strlen(reason) > REJECT_REASON_MAX)) {
		db_rollback(db);
		status = review_page(r, &p, 422, reason && reason[0] ?
		    "Keep the reason under 1000 characters." : "Say why the post "
		    "is rejected: the author will see your reason.");
		goto out;
	}
	if (approve && p.patient_story) {
		const char *why = auth_problem(r, p.authorization_id, p.media_id != 0);
		if (why != NULL) {
			db_rollback(db);
			status = review_page(r, &p, 422, why);
			goto out;
		}
	}
	if (approve) {
		char why[400];
		int ok = publish_check_targets(r->app, p.targets, why,
		    sizeof(why));
		if (ok < 0)
			goto fail;
		if (ok == 0) {
			db_rollback(db);
			status = review_page(r, &p, 409, why);
			goto out;
		}
	}
	post_content_hash(&p, sha);
	hex_encode(sha, sizeof(sha), shahex);
	snprintf(object, sizeof(object), "post:%lld", p.id);
	snprintf(detail, sizeof(detail), "version=%lld sha256=%s", p.version,
	    shahex);
	int done = approve ? q_post_approve(db, p.id, p.version,
	    r->sess.user_id, sha) : q_post_reject(db, p.id, p.version, reason);
	char msg[1024];
	snprintf(msg, sizeof(msg), approve ? "Your post \u201c%s\u201d was "
	    "approved." : "Your post \u201c%s\u201d was rejected: see the "
	    "reviewer's reason.", p.title);
	long long deliveries = 0;
	if (done != 1 || (approve && publish_on_approve(r->app, p.id,
	    p.targets, &deliveries) < 0))
		goto fail;
	if (approve)
		snprintf(detail + strlen(detail), sizeof(detail) - strlen(detail),
		    " deliveries=%lld", deliveries);
	if (q_notify(db, p.author_id, p.id, approve ? "approved" :
	    "rejected", msg) < 0 ||
	    q_review_insert(db, p.id, p.version, r->sess.user_id,
	    approve ? "approve" : "reject", approve ? "" : reason, sha) < 0 ||
	    audit_req(r, approve ? "post.approve" : "post.reject", object,
	    "in_review", approve ? "approved" : "rejected", detail) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	r->location = approve ? "/review?done=approved" : "/review?done=rejected";
	status = 303;
	goto out;
fail:
	db_rollback(db);
out:
	q_post_free(&p);
	return status;
}

int
page_review_approve(struct req *r)
{
	return decide(r, 1);
}

int
page_review_reject(struct req *r)
{
	return decide(r, 0);
}
