#include "post_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/crypto.h"
#include "../core/db.h"
#include "../core/render.h"
#include "../db/q.h"
#include "../phi/phi.h"
#include "../platform/length.h"

int
post_to_hdf(struct req *r, const struct q_post *p)
{
	char sched[24] = "";
	if (p->scheduled_at[0] != '\0') {
		/* the form's datetime-local value */
		snprintf(sched, sizeof(sched), "%.10sT%.5s", p->scheduled_at,
		    p->scheduled_at + 11);
	}
	if (render_set_int(r, "Post.Id", p->id) < 0 ||
	    render_set(r, "Post.Title", p->title) < 0 ||
	    render_set(r, "Post.Body", p->body) < 0 ||
	    render_set(r, "Post.State", p->state) < 0 ||
	    render_set_int(r, "Post.Version", p->version) < 0 ||
	    render_set(r, "Post.Author", p->author) < 0 ||
	    render_set(r, "Post.Scheduled", p->scheduled_at) < 0 ||
	    render_set(r, "Post.ScheduledInput", sched) < 0 ||
	    render_set(r, "Post.Submitted", p->submitted_at) < 0 ||
	    render_set(r, "Post.Updated", p->updated_at) < 0 ||
	    render_set(r, "Post.RejectReason", p->reject_reason) < 0 ||
	    render_set_int(r, "Post.Story", p->patient_story) < 0 ||
	    render_set_int(r, "Post.MediaId", p->media_id) < 0 ||
	    render_set(r, "Post.AltText", p->alt_text) < 0 ||
	    render_set_int(r, "Post.AuthId", p->authorization_id) < 0)
		return -1;
	return 0;
}

struct span {
	size_t start, end;
	long idx;
	const char *cat, *sev, *rule, *override;
};

static int
segments(struct req *r, const char *body, const struct span *sp, size_t n)
{
	char key[64];
	size_t len = strlen(body), pos = 0, seg = 0;
	int blocks = 0, reviews = 0;

	for (size_t i = 0; i <= n; i++) {
		size_t start = i < n ? sp[i].start : len;
		if (i < n && (sp[i].start < pos || sp[i].end > len))
			continue; /* overlapping or stale span: shown in list only */
		if (start > pos) {
			char *text = arena_strndup(&r->arena, body + pos, start - pos);
			snprintf(key, sizeof(key), "Post.Seg.%zu.Text", seg++);
			if (text == NULL || render_set(r, key, text) < 0)
				return -1;
		}
		if (i == n)
			break;
		char *text = arena_strndup(&r->arena, body + sp[i].start,
		    sp[i].end - sp[i].start);
		if (text == NULL)
			return -1;
		snprintf(key, sizeof(key), "Post.Seg.%zu", seg++);
		const char *base = arena_strdup(&r->arena, key);
		char k2[96];
#define SET(field, val) (snprintf(k2, sizeof(k2), "%s." field, base), \
		render_set(r, k2, (val)))
		if (base == NULL || SET("Text", text) < 0 ||
		    SET("Cat", sp[i].cat) < 0 || SET("Sev", sp[i].sev) < 0 ||
		    SET("Rule", sp[i].rule) < 0 || SET("Override",
		    sp[i].override) < 0)
			return -1;
#undef SET
		pos = sp[i].end;
	}
	for (size_t i = 0; i < n; i++) {
		char k2[96];
		snprintf(key, sizeof(key), "Post.Findings.%zu", i);
#define SETF(field, val) (snprintf(k2, sizeof(k2), "%s." field, key), \
		render_set(r, k2, (val)))
		char *text = sp[i].end <= len ? arena_strndup(&r->arena,
		    body + sp[i].start, sp[i].end - sp[i].start) : NULL;
		snprintf(k2, sizeof(k2), "%s.Idx", key);
		if (render_set_int(r, k2, sp[i].idx) < 0 ||
		    SETF("Text", text ? text : "") < 0 ||
		    SETF("Cat", sp[i].cat) < 0 || SETF("Sev", sp[i].sev) < 0 ||
		    SETF("Rule", sp[i].rule) < 0 ||
		    SETF("Override", sp[i].override) < 0)
			return -1;
#undef SETF
		if (strcmp(sp[i].sev, "block") == 0)
			blocks++;
		else
			reviews++;
	}
	if (render_set_int(r, "Post.Blocks", blocks) < 0 ||
	    render_set_int(r, "Post.Reviews", reviews) < 0)
		return -1;
	return 0;
}

int
post_highlight_rows(struct req *r, const char *body,
    const struct db_result *rows)
{
	struct span *sp = arena_alloc(&r->arena, (rows->nrows + 1) * sizeof(*sp));
	if (sp == NULL)
		return -1;
	for (size_t i = 0; i < rows->nrows; i++) {
		sp[i].idx = (long)db_cell_int(rows, i, 0);
		sp[i].start = (size_t)db_cell_int(rows, i, 1);
		sp[i].end = (size_t)db_cell_int(rows, i, 2);
		sp[i].cat = db_cell(rows, i, 3);
		sp[i].sev = db_cell(rows, i, 4);
		sp[i].rule = db_cell(rows, i, 5);
		sp[i].override = db_cell(rows, i, 6) ? db_cell(rows, i, 6) : "";
	}
	return segments(r, body, sp, rows->nrows);
}

int
post_highlight_scan(struct req *r, const char *body,
    const struct phi_findings *f)
{
	struct span *sp = arena_alloc(&r->arena, (f->n + 1) * sizeof(*sp));
	if (sp == NULL)
		return -1;
	for (size_t i = 0; i < f->n; i++) {
		sp[i].idx = (long)i;
		sp[i].start = f->items[i].start;
		sp[i].end = f->items[i].end;
		sp[i].cat = phi_category_name(f->items[i].category);
		sp[i].sev = phi_severity_name(f->items[i].severity);
		sp[i].rule = f->items[i].rule;
		sp[i].override = "";
	}
	return segments(r, body, sp, f->n);
}

static int
target_listed(const char *targets, long long id)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", targets);
	for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ","))
		if (strtoll(tok, NULL, 10) == id)
			return 1;
	return 0;
}

int
post_accounts_to_hdf(struct req *r, const char *targets, const char *body)
{
	struct db_result a;
	char key[64], k2[96];
	int rc = -1;

	if (q_accounts_active(r->app->db, &a) < 0)
		goto out;
	for (size_t i = 0; i < a.nrows; i++) {
		const char *platform = db_cell(&a, i, 1);
		const struct platform_limit *lim = platform_limit(platform);
		long length = platform_length(platform, body, strlen(body));
		snprintf(key, sizeof(key), "Accounts.%zu", i);
#define SETA(field, val) (snprintf(k2, sizeof(k2), "%s." field, key), \
		render_set(r, k2, (val)))
#define SETI(field, val) (snprintf(k2, sizeof(k2), "%s." field, key), \
		render_set_int(r, k2, (val)))
		if (SETI("Id", db_cell_int(&a, i, 0)) < 0 ||
		    SETA("Platform", platform) < 0 ||
		    SETA("Name", db_cell(&a, i, 2)) < 0 ||
		    SETI("Limit", lim ? lim->limit : 0) < 0 ||
		    SETA("Unit", lim ? lim->unit : "") < 0 ||
		    SETI("Length", length) < 0 ||
		    SETI("Over", lim && lim->limit && length > lim->limit) < 0 ||
		    SETI("Checked", target_listed(targets,
		    db_cell_int(&a, i, 0))) < 0)
			goto out;
#undef SETA
#undef SETI
	}
	rc = 0;
out:
	db_result_free(&a);
	return rc;
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

int
post_targets_from_form(struct req *r, char *out, size_t outlen)
{
	long long ids[32];
	size_t n = 0;
	struct db_result a;

	out[0] = '\0';
	if (q_accounts_active(r->app->db, &a) < 0) {
		db_result_free(&a);
		return -1;
	}
	for (size_t i = 0; i < r->nform && n < 32; i++) {
		long long id;
		int known = 0;
		if (strcmp(r->form[i].key, "target") != 0)
			continue;
		if (parse_id(r->form[i].value, &id) < 0)
			goto bad;
		for (size_t k = 0; k < a.nrows; k++)
			if (db_cell_int(&a, k, 0) == id)
				known = 1;
		if (!known)
			goto bad;
		ids[n++] = id;
	}
	db_result_free(&a);
	qsort(ids, n, sizeof(ids[0]), cmp_ll);
	size_t used = 0, uniq = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && ids[i] == ids[i - 1])
			continue;
		int w = snprintf(out + used, outlen - used, "%s%lld",
		    uniq ? "," : "", ids[i]);
		if (w < 0 || (size_t)w >= outlen - used)
			return -1;
		used += (size_t)w;
		uniq++;
	}
	return (int)uniq;
bad:
	db_result_free(&a);
	return -1;
}

void
post_content_hash(const struct q_post *p, unsigned char out[32])
{
	struct sbuf b;
	sbuf_init(&b);
	/* length-prefixed so no two different posts hash alike */
	sbuf_printf(&b, "title:%zu:%s\nbody:%zu:", strlen(p->title), p->title,
	    strlen(p->body));
	sbuf_puts(&b, p->body);
	sbuf_printf(&b, "\ntargets:%s\n", p->targets);
	/* the image and its description are part of what is approved */
	if (p->media_id != 0)
		sbuf_printf(&b, "image:%s\nalt:%zu:%s\n", p->media_sha,
		    strlen(p->alt_text), p->alt_text);
	crypto_sha256(b.data ? b.data : "", b.len, out);
	sbuf_free(&b);
}

int
post_parse_schedule(const char *in, char *out, size_t outlen)
{
	int y, mo, d, h, mi;
	char tail;
	out[0] = '\0';
	if (in == NULL || in[0] == '\0')
		return 0;
	if (sscanf(in, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5 &&
	    sscanf(in, "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5)
		return -1;
	if (y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31 ||
	    h < 0 || h > 23 || mi < 0 || mi > 59)
		return -1;
	snprintf(out, outlen, "%04d-%02d-%02d %02d:%02d:00", y, mo, d, h, mi);
	return 0;
}

/* Expires one overdue post in its own transaction: the post's row first,
 * then audit_head, the order every other transition takes. 0 also when
 * the post was approved, withdrawn or expired meanwhile. */
static int
expire_one(struct app *app, long long id, long long author_id,
    const char *title)
{
	struct db *db = app->db;
	char object[32], msg[1024];
	struct audit_entry e = { .actor_name = "system",
	    .action = "post.expire", .object = object,
	    .from_state = "in_review", .to_state = "expired", .ip = "",
	    .detail = "scheduled time passed" };

	snprintf(object, sizeof(object), "post:%lld", id);
	snprintf(msg, sizeof(msg), "Your post \u201c%s\u201d expired: its "
	    "scheduled time passed before it was approved.", title);
	if (db_begin(db) < 0)
		return -1;
	int done = q_post_expire(db, id);
	if (done == 0) {
		db_rollback(db);
		return 0;
	}
	if (done < 0 || audit_append(db, app->audit_key, &e) < 0 ||
	    q_notify(db, author_id, id, "expired", msg) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db);
}

int
post_expire_overdue(struct app *app)
{
	struct db_result rows = { 0 };
	int rc = -1;

	/* Usually nothing is overdue: one unlocked read, no transaction. */
	if (q_post_overdue(app->db, &rows) < 0)
		goto out;
	for (size_t i = 0; i < rows.nrows; i++)
		if (expire_one(app, db_cell_int(&rows, i, 0),
		    db_cell_int(&rows, i, 1), db_cell(&rows, i, 2)) < 0)
			goto out;
	rc = 0;
out:
	db_result_free(&rows);
	return rc;
}

int
post_flash_done(struct req *r)
{
	static const struct { const char *done, *text; } known[] = {
		{ "submitted", "Submitted for review." },
		{ "withdrawn", "The post was withdrawn." },
		{ "approved", "Approved. The exact content you saw is recorded." },
		{ "rejected", "Rejected. The author will see your reason." },
		{ "authorization recorded", "Authorization recorded. A privacy "
		    "officer will verify it against the signed form." },
		{ "retry", "The delivery is queued to be sent again." },
		{ "cancel", "The delivery was cancelled." },
		{ "confirm", "The delivery is recorded as published." },
		{ "hold", "The post is on legal hold: retention will not delete "
		    "it." },
		{ "release", "The legal hold was released." },
	};
	const char *done = req_query(r, "done");
	if (done == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(done, known[i].done) == 0)
			return render_set(r, "Flash", known[i].text);
	return 0;
}

int
post_deliveries_to_hdf(struct req *r, long long post_id)
{
	static const char *const names[] = { "Id", "Account", "Platform",
	    "State", "Attempts", "Next", "ErrorClass", "Error", "Url",
	    "PublishedAt", "Version", NULL };
	struct db_result rows = { 0 };
	int rc = -1;
	if (q_delivery_for_post(r->app->db, post_id, &rows) == 0 &&
	    render_rows(r, "Post.Deliveries", &rows, names) == 0)
		rc = 0;
	db_result_free(&rows);
	return rc;
}
