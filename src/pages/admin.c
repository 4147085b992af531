/* admin.c — the administrator's overview: links to each area and the
 * recent audit entries. */
#include <stdio.h>

#include "../core/app.h"
#include "../core/db.h"
#include "../core/render.h"
#include "../db/q.h"
#include "pages.h"

int
page_admin_index(struct req *r)
{
	static const char *const audit_cols[] = { "Id", "At", "Actor",
	    "Action", "Object", "Ip", "Detail", NULL };
	struct db_result audit = { 0 };
	int status = 503;

	if (q_audit_recent(r->app->db, 20, &audit) < 0)
		goto out;
	status = 500;
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", "Administration") < 0 ||
	    render_rows(r, "Audit", &audit, audit_cols) < 0)
		goto out;
	r->template = "admin/index.cs";
	status = 200;
out:
	db_result_free(&audit);
	return status;
}
