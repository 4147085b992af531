/* publishing.c — see publishing.h. */
#include "publishing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/db.h"
#include "../core/util.h"
#include "../db/q.h"
#include "../platform/sign.h"
#include "post_common.h"

static int
system_audit(struct app *app, const char *action, const char *object,
    const char *from, const char *to, const char *detail)
{
	struct audit_entry e;
	memset(&e, 0, sizeof(e));
	e.actor_name = "system";
	e.action = action;
	e.object = object;
	e.from_state = from;
	e.to_state = to;
	e.ip = "";
	e.detail = detail;
	return audit_append(app->db, app->audit_key, &e);
}

int
publish_check_targets(struct app *app, const char *targets, char *why,
    size_t why_size)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%s", targets);
	for (char *save = NULL, *t = strtok_r(buf, ",", &save); t != NULL;
	    t = strtok_r(NULL, ",", &save)) {
		struct q_account a;
		long long id;
		if (parse_id(t, &id) < 0)
			continue;
		int found = q_account_get(app->db, id, &a);
		if (found < 0)
			return -1;
		const char *problem = NULL, *remedy = "";
		if (found == 0)
			problem = "no longer exists";
		else if (!a.registered) {
			problem = "is not registered for official use";
			remedy = "register it (Administration, Accounts)";
		} else if (strcmp(a.state, "reauth") == 0) {
			problem = "needs new credentials";
			remedy = "reconnect it";
		} else if (strcmp(a.state, "active") != 0) {
			problem = "is disabled";
			remedy = "enable it";
		}
		if (problem != NULL && found == 0)
			snprintf(why, why_size, "Not approved: account %lld %s. "
			    "The author must choose other accounts.", id, problem);
		else if (problem != NULL)
			snprintf(why, why_size, "Not approved: the account "
			    "\u201c%s\u201d %s. An administrator must %s, or the "
			    "author must choose other accounts.", a.name, problem,
			    remedy);
		if (found)
			q_account_free(&a);
		if (problem != NULL)
			return 0;
	}
	return 1;
}

int
publish_on_approve(struct app *app, long long post_id, const char *targets,
    long long *count)
{
	char buf[256], key[37];
	long long pub_id;

	*count = 0;
	if (q_publication_create(app->db, post_id, &pub_id) < 0)
		return -1;
	snprintf(buf, sizeof(buf), "%s", targets);
	for (char *save = NULL, *t = strtok_r(buf, ",", &save); t != NULL;
	    t = strtok_r(NULL, ",", &save)) {
		long long account_id;
		if (parse_id(t, &account_id) < 0)
			continue;
		if (uuid_v4(key) < 0 || q_delivery_create(app->db, pub_id,
		    post_id, account_id, key) < 0)
			return -1;
		(*count)++;
	}
	return 0;
}

int
publish_cancel_pending(struct app *app, long long post_id, long long *count)
{
	return q_delivery_cancel_pending(app->db, post_id, count);
}

int
publish_sync_post_state(struct app *app, long long post_id)
{
	struct db_result rows = { 0 };
	struct q_post p;
	long long pending = 0, published = 0, total = 0;
	const char *to;
	char object[32];
	int rc = -1;

	memset(&p, 0, sizeof(p));
	int found = q_post_get(app->db, post_id, 1, &p);
	if (found <= 0)
		goto out;
	if (q_delivery_state_counts(app->db, post_id, &rows) < 0)
		goto out;
	for (size_t i = 0; i < rows.nrows; i++) {
		const char *s = db_cell(&rows, i, 0);
		long long n = db_cell_int(&rows, i, 1);
		total += n;
		if (strcmp(s, "published") == 0)
			published += n;
		else if (strcmp(s, "queued") == 0 || strcmp(s, "sending") == 0 ||
		    strcmp(s, "retrying") == 0 || strcmp(s, "unconfirmed") == 0)
			pending += n;
	}
	rc = 0;
	/* only posts already handed to the publisher follow their deliveries */
	if (total == 0 || (strcmp(p.state, "approved") != 0 &&
	    strcmp(p.state, "publishing") != 0 &&
	    strcmp(p.state, "published") != 0 && strcmp(p.state, "failed") != 0))
		goto out;
	to = pending > 0 ? "publishing" : published > 0 ? "published" : "failed";
	if (strcmp(p.state, to) == 0 || (strcmp(p.state, "approved") == 0 &&
	    pending == total))
		goto out;
	snprintf(object, sizeof(object), "post:%lld", post_id);
	char detail[96];
	snprintf(detail, sizeof(detail), "deliveries=%lld published=%lld "
	    "pending=%lld", total, published, pending);
	rc = -1;
	int changed = q_post_set_publish_state(app->db, post_id, p.state, to);
	if (changed < 0 || (changed == 1 && system_audit(app, "post.publish_state",
	    object, p.state, to, detail) < 0))
		goto out;
	if (changed == 1 && strcmp(to, "published") == 0 &&
	    q_publication_mark_published(app->db, post_id) < 0)
		goto out;
	rc = 0;
out:
	db_result_free(&rows);
	q_post_free(&p);
	return rc;
}

int
publish_notify_problem(struct app *app, long long post_id, const char *title,
    const char *account, const char *kind, const char *what)
{
	struct db_result admins = { 0 };
	char msg[1024];
	int rc = -1;
	struct q_post p;

	memset(&p, 0, sizeof(p));
	if (q_post_get(app->db, post_id, 0, &p) != 1)
		goto out;
	snprintf(msg, sizeof(msg), "\u201c%s\u201d on %s: %s", title, account,
	    what);
	if (q_notify(app->db, p.author_id, post_id, kind, msg) < 0 ||
	    q_admin_ids(app->db, &admins) < 0)
		goto out;
	for (size_t i = 0; i < admins.nrows; i++) {
		long long id = db_cell_int(&admins, i, 0);
		if (id != p.author_id && q_notify(app->db, id, post_id, kind,
		    msg) < 0)
			goto out;
	}
	rc = 0;
out:
	db_result_free(&admins);
	q_post_free(&p);
	return rc;
}

void
publish_content_hash(const struct q_delivery *d, unsigned char out[32])
{
	struct q_post p;
	memset(&p, 0, sizeof(p));
	snprintf(p.title, sizeof(p.title), "%s", d->title);
	snprintf(p.targets, sizeof(p.targets), "%s", d->targets);
	p.body = d->body;
	p.media_id = d->media_id;
	snprintf(p.media_sha, sizeof(p.media_sha), "%s", d->media_sha);
	snprintf(p.alt_text, sizeof(p.alt_text), "%s", d->alt_text);
	post_content_hash(&p, out);
}
