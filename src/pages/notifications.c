/* notifications.c — the in-app notices: "your post was rejected", "… has
 * expired". Reading the list does not change it; "Mark all as read" does. */
#include <stdio.h>

#include "../core/app.h"
#include "../core/db.h"
#include "../core/render.h"
#include "../db/q.h"
#include "pages.h"

int
page_notifications(struct req *r)
{
	struct db_result rows = { 0 };
	static const char *const cols[] = { "Id", "Post", "Kind", "Message",
	    "At", "Read", "Mine", NULL };
	int status = 503;

	if (r->method == M_POST) {
		if (q_notifications_read(r->app->db, r->sess.user_id) < 0)
			return 503;
		r->location = "/notifications";
		return 303;
	}
	if (q_notifications(r->app->db, r->sess.user_id, 50, &rows) < 0)
		goto out;
	status = 500;
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", "Notifications") < 0)
		goto out;
	if (render_rows(r, "Notes", &rows, cols) < 0)
		goto out;
	r->template = "notifications.cs";
	status = 200;
out:
	db_result_free(&rows);
	return status;
}
