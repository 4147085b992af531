/* admin.c — the administrator's overview: users and recent audit entries. */
#include <stdio.h>

#include "../core/app.h"
#include "../core/db.h"
#include "../core/render.h"
#include "../db/q.h"
#include "pages.h"

int
page_admin_index(struct req *r)
{
	static const char *const user_cols[] = { "Id", "Name", "Role",
	    "Active", "Created", NULL };
	static const char *const audit_cols[] = { "Id", "At", "Actor",
	    "Action", "Object", "Ip", "Detail", NULL };
	struct db_result users = { 0 }, audit = { 0 };
	int status = 503;

	if (q_user_list(r->app->db, &users) < 0 ||
	    q_audit_recent(r->app->db, 20, &audit) < 0)
		goto out;
	status = 500;
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", "Administration") < 0 ||
	    render_rows(r, "Users", &users, user_cols) < 0 ||
	    render_rows(r, "Audit", &audit, audit_cols) < 0)
		goto out;
	r->template = "admin/index.cs";
	status = 200;
out:
	db_result_free(&users);
	db_result_free(&audit);
	return status;
}
