/* deliveries.c — the administrators' page of deliveries that need a
 * person: failed ones (retry or cancel), unconfirmed ones (the platform
 * did not say whether the post went out: check the live account, then
 * mark it published or send it again) and those waiting to retry.
 *
 * GET  /admin/deliveries            200; 503 database
 * POST /admin/deliveries/#/retry    303; 404 unknown; 409 wrong state
 * POST /admin/deliveries/#/cancel   303; 404; 409
 * POST /admin/deliveries/#/confirm  303; 400 bad URL; 404; 409 */
#include <stdio.h>
#include <string.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/db.h"
#include "../core/render.h"
#include "../db/q.h"
#include "pages.h"
#include "post_common.h"
#include "publishing.h"

int
page_deliveries(struct req *r)
{
	static const char *const names[] = { "Id", "Account", "Platform",
	    "State", "Attempts", "Next", "ErrorClass", "Error", "Url",
	    "PublishedAt", "Version", "PostId", "Title", NULL };
	struct db_result rows = { 0 };
	int status = 503;

	if (q_delivery_problems(r->app->db, &rows) < 0)
		goto out;
	status = 500;
	if (render_prepare(r) < 0 || render_set(r, "Page.Title",
	    "Deliveries that need attention") < 0 ||
	    render_rows(r, "Deliveries", &rows, names) < 0 ||
	    post_flash_done(r) < 0)
		goto out;
	r->template = "admin/deliveries.cs";
	status = 200;
out:
	db_result_free(&rows);
	return status;
}

enum action { ACT_RETRY, ACT_CANCEL, ACT_CONFIRM };

/* 1 when url is empty or an http(s) URL without blanks, under 512. */
static int
live_url_ok(const char *url)
{
	size_t n = strlen(url);
	if (n == 0)
		return 1;
	if (n > 500 || (strncmp(url, "https://", 8) != 0 &&
	    strncmp(url, "http://", 7) != 0))
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)url[i] <= ' ' || url[i] == '"' || url[i] == '<' ||
		    url[i] == '>')
			return 0;
	return 1;
}

static int
act(struct req *r, enum action a)
{
	struct db *db = r->app->db;
	struct db_result post = { 0 };
	char object[40], from[16] = "unconfirmed", detail[600];
	const char *url = req_form(r, "url");
	int done, status = 503;

	if (url == NULL)
		url = "";
	if (a == ACT_CONFIRM && !live_url_ok(url)) {
		r->message = "The link to the live post must start with https:// "
		    "and contain no spaces.";
		return 400;
	}
	if (db_begin(db) < 0)
		return 503;
	if (q_delivery_post(db, r->path_id, &post) < 0)
		goto fail;
	if (post.nrows != 1) {
		status = 404;
		goto fail;
	}
	long long post_id = db_cell_int(&post, 0, 0);
	if (a == ACT_RETRY)
		done = q_delivery_admin_retry(db, r->path_id, from, sizeof(from));
	else if (a == ACT_CANCEL)
		done = q_delivery_admin_cancel(db, r->path_id, from, sizeof(from));
	else
		done = q_delivery_admin_confirm(db, r->path_id, url);
	if (done < 0)
		goto fail;
	if (done == 0) {
		r->message = "This delivery is no longer in a state where that "
		    "can be done; reload the page.";
		status = 409;
		goto fail;
	}
	snprintf(object, sizeof(object), "delivery:%lld", r->path_id);
	snprintf(detail, sizeof(detail), "post=%lld%s%s", post_id,
	    a == ACT_CONFIRM && url[0] ? " url=" : "",
	    a == ACT_CONFIRM ? url : "");
	if (audit_req(r, a == ACT_RETRY ? "delivery.retry" : a == ACT_CANCEL ?
	    "delivery.cancel" : "delivery.confirm", object, from,
	    a == ACT_RETRY ? "queued" : a == ACT_CANCEL ? "cancelled" :
	    "published", detail) < 0 ||
	    publish_sync_post_state(r->app, post_id) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	db_result_free(&post);
	r->location = a == ACT_RETRY ? "/admin/deliveries?done=retry" :
	    a == ACT_CANCEL ? "/admin/deliveries?done=cancel" :
	    "/admin/deliveries?done=confirm";
	return 303;
fail:
	db_rollback(db);
	db_result_free(&post);
	return status;
}

int
page_deliveries_retry(struct req *r)
{
	return act(r, ACT_RETRY);
}

int
page_deliveries_cancel(struct req *r)
{
	return act(r, ACT_CANCEL);
}

int
page_deliveries_confirm(struct req *r)
{
	return act(r, ACT_CONFIRM);
}
