/* policy_admin.c — administrators write the social media policy.
 *
 * A page is Markdown with a title and an address (slug). Every save that
 * changes something is a new revision; the form's button says what
 * happens next: keep it as a draft, publish it as a minor edit (the policy
 * version stays, nobody is asked to read again) or publish it as a change
 * that needs re-acknowledgement (the version goes up and every author and
 * reviewer must acknowledge it before submitting or approving again). The
 * very first publication creates version 1 whichever is chosen. Each
 * change is one transaction with its audit entries (policy.create,
 * policy.revise, policy.publish with the version before and after). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/db.h"
#include "../core/markdown.h"
#include "../core/render.h"
#include "../core/rescue.h"
#include "../core/route.h"
#include "../db/q_policy.h"
#include "diff.h"
#include "pages.h"

#define TITLE_MAX 200
#define NOTE_MAX 300
/* Bytes of Markdown per page: the form (url-encoded) must stay within
 * Limits.FormBytes; a longer text belongs on a page of its own. */
#define BODY_MAX 40000
#define POLICY_DIFF_WORDS 2000
#define RESCUED "Your session had ended, so this text was not saved yet. " \
	"It was kept for you: check it and save again."

enum action { ACT_DRAFT, ACT_MINOR, ACT_MATERIAL };

/* The submitted form, validated; messages go to Errors.<Field>. */
struct policy_form {
	const char *title;
	const char *slug;
	const char *body;
	const char *note;
	enum action action;
	long long revision;  /* the latest revision when the form was opened */
	int errors;
};

static int
error(struct req *r, struct policy_form *f, const char *field,
    const char *msg)
{
	char key[64];
	f->errors++;
	snprintf(key, sizeof(key), "Errors.%s", field);
	return render_set(r, key, msg);
}

/* Addresses the policy program uses for its own pages. */
static int
reserved_slug(const char *s)
{
	return strcmp(s, "public") == 0 || strcmp(s, "acknowledge") == 0;
}

/* Reads and checks the form. 0, or -1 when the request itself is
 * malformed (400). */
static int
read_form(struct req *r, struct policy_form *f)
{
	const char *action = req_form(r, "action");
	const char *rev = req_form(r, "revision");

	memset(f, 0, sizeof(*f));
	f->title = req_form(r, "title");
	f->slug = req_form(r, "slug");
	f->body = req_form(r, "body");
	f->note = req_form(r, "note");
	if (f->title == NULL || f->slug == NULL || f->body == NULL ||
	    action == NULL)
		return -1;
	if (f->note == NULL)
		f->note = "";
	if (strcmp(action, "draft") == 0)
		f->action = ACT_DRAFT;
	else if (strcmp(action, "minor") == 0)
		f->action = ACT_MINOR;
	else if (strcmp(action, "material") == 0)
		f->action = ACT_MATERIAL;
	else
		return -1;
	if (rev != NULL && parse_id(rev, &f->revision) < 0)
		return -1;
	if (render_prepare(r) < 0)
		return -1;
	size_t tl = utf8_count(f->title);
	if (tl == 0)
		error(r, f, "Title", "Give the page a title.");
	else if (tl > TITLE_MAX)
		error(r, f, "Title", "Keep the title under 200 characters.");
	if (!route_slug_valid(f->slug, strlen(f->slug)))
		error(r, f, "Slug", "Use 1 to 64 lower-case letters, digits and "
		    "single hyphens, e.g. patient-privacy.");
	else if (reserved_slug(f->slug))
		error(r, f, "Slug", "This address is used by Clearpost itself: "
		    "choose another.");
	if (utf8_count(f->body) == 0)
		error(r, f, "Body", "Write the text of the page.");
	else if (strlen(f->body) > BODY_MAX)
		error(r, f, "Body", "The text is longer than 40,000 bytes: split "
		    "it into several pages.");
	if (utf8_count(f->note) > NOTE_MAX)
		error(r, f, "Note", "Keep the summary under 300 characters.");
	return 0;
}

/* The edit form. page (NULL for a new page) gives the id and the
 * revisions; f (NULL: the latest revision rev) the fields shown. */
static int
show_form(struct req *r, const struct q_policy_page *page,
    const struct q_policy_rev *rev, const struct policy_form *f, int status,
    const char *message)
{
	const char *title = f ? f->title : rev ? rev->title : "";
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", page ? title : "New policy page") < 0 ||
	    render_set(r, "Form.Title", title) < 0 ||
	    render_set(r, "Form.Slug", f ? f->slug : rev ? rev->slug : "") < 0 ||
	    render_set(r, "Form.Body", f ? f->body : rev ? rev->body : "") < 0 ||
	    render_set(r, "Form.Note", f ? f->note : "") < 0 ||
	    render_set(r, "Form.Action", f == NULL ? "draft" :
	    f->action == ACT_MINOR ? "minor" : f->action == ACT_MATERIAL ?
	    "material" : "draft") < 0 ||
	    (message && render_set(r, "Errors.Form", message) < 0))
		return 500;
	if (page != NULL && (render_set_int(r, "Doc.Id", page->id) < 0 ||
	    render_set(r, "Doc.Slug", page->slug) < 0 ||
	    render_set_int(r, "Doc.Latest", page->latest_revision) < 0 ||
	    render_set_int(r, "Doc.Published", page->published_revision) < 0 ||
	    render_set_int(r, "Form.Revision", f && f->revision ? f->revision :
	    page->latest_revision) < 0))
		return 500;
	if (rev != NULL && (render_set(r, "Doc.Editor", rev->editor) < 0 ||
	    render_set(r, "Doc.At", rev->created_at) < 0 ||
	    render_set(r, "Doc.PreviewTitle", rev->title) < 0 ||
	    md_to_hdf(r, "Doc.Preview_html", rev->body, 4) < 0))
		return 500;
	r->template = "admin/policy_edit.cs";
	return status;
}

int
page_admin_policy(struct req *r)
{
	struct q_policy_status st;
	struct db_result pages = { 0 }, acks = { 0 };
	static const char *const pcols[] = { "Id", "Slug", "Title", "Latest",
	    "Published", "Updated", NULL };
	static const char *const acols[] = { "Name", "Role", "Version", "At",
	    "Current", NULL };
	int status = 503;

	if (q_policy_status(r->app->db, r->sess.user_id,
	    r->app->cfg.policy_ack_valid_days, &st) < 0 ||
	    q_policy_pages(r->app->db, &pages) < 0 ||
	    q_policy_ack_overview(r->app->db, r->app->cfg.policy_ack_valid_days,
	    &acks) < 0)
		goto out;
	status = 500;
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", "Social media policy") < 0 ||
	    render_set_int(r, "Policy.Version", st.version) < 0 ||
	    render_set(r, "Policy.VersionAt", st.version_at) < 0 ||
	    render_set_int(r, "Policy.ValidDays",
	    r->app->cfg.policy_ack_valid_days) < 0 ||
	    render_rows(r, "Pages", &pages, pcols) < 0 ||
	    render_rows(r, "Acks", &acks, acols) < 0)
		goto out;
	status = 200;
	r->template = "admin/policy.cs";
out:
	db_result_free(&pages);
	db_result_free(&acks);
	return status;
}

/* Publishes revision of the page (locked) and audits it. 0, 409 when
 * another page holds the address, -1 on error. */
static int
publish(struct req *r, const struct q_policy_page *page, long long revision,
    const char *slug, enum action action, const char *note)
{
	long long from, to;
	char object[32], detail[128], vfrom[24], vto[24];
	int taken = q_policy_slug_taken(r->app->db, slug, page->id);
	if (taken < 0)
		return -1;
	if (taken)
		return 409;
	if (q_policy_publish(r->app->db, page->id, revision, slug,
	    action == ACT_MATERIAL, note, r->sess.user_id, &from, &to) < 0)
		return -1;
	snprintf(object, sizeof(object), "policy_page:%lld", page->id);
	snprintf(vfrom, sizeof(vfrom), "%lld", from);
	snprintf(vto, sizeof(vto), "%lld", to);
	snprintf(detail, sizeof(detail), "revision=%lld kind=%s slug=%s",
	    revision, to != from ? "material" : "minor", slug);
	return audit_req(r, "policy.publish", object, vfrom, vto, detail) < 0 ?
	    -1 : 0;
}

static const char *
done_word(enum action a)
{
	return a == ACT_DRAFT ? "saved" : "published";
}

int
page_admin_policy_new(struct req *r)
{
	struct policy_form f;
	struct db *db = r->app->db;
	struct q_policy_page page;
	char object[32], detail[128];
	long long id;
	int rc;

	if (r->method != M_POST) {
		int rescued = rescue_take(r);
		if (rescued < 0)
			return 503;
		if (rescued && read_form(r, &f) == 0)
			return show_form(r, NULL, NULL, &f, 200, RESCUED);
		return show_form(r, NULL, NULL, NULL, 200, NULL);
	}
	if (read_form(r, &f) < 0)
		return 400;
	if (f.errors > 0)
		return show_form(r, NULL, NULL, &f, 422, "The page was not saved: "
		    "see the notes below.");
	int taken = q_policy_slug_taken(db, f.slug, 0);
	if (taken < 0)
		return 503;
	if (taken) {
		render_set(r, "Errors.Slug", "Another page uses this address.");
		return show_form(r, NULL, NULL, &f, 409, "The page was not saved: "
		    "see the notes below.");
	}
	if (db_begin(db) < 0)
		return 503;
	if (q_policy_page_insert(db, f.slug, f.title, f.body, f.note,
	    r->sess.user_id, &id) < 0)
		goto fail;
	snprintf(object, sizeof(object), "policy_page:%lld", id);
	snprintf(detail, sizeof(detail), "revision=1 slug=%s", f.slug);
	if (audit_req(r, "policy.create", object, NULL, "draft", detail) < 0)
		goto fail;
	if (f.action != ACT_DRAFT) {
		memset(&page, 0, sizeof(page));
		page.id = id;
		page.latest_revision = 1;
		if ((rc = publish(r, &page, 1, f.slug, f.action, f.note)) != 0) {
			if (rc < 0)
				goto fail;
			db_rollback(db);
			render_set(r, "Errors.Slug", "Another page uses this "
			    "address.");
			return show_form(r, NULL, NULL, &f, 409, "The page was not "
			    "saved: see the notes below.");
		}
	}
	if (db_commit(db) < 0)
		goto fail;
	r->location = arena_printf(&r->arena, "/admin/policy/%lld?done=%s", id,
	    done_word(f.action));
	return 303;
fail:
	db_rollback(db);
	return 503;
}

/* Loads the page and its latest revision: 0, 404 or 503. */
static int
load(struct req *r, int lock, struct q_policy_page *page,
    struct q_policy_rev *rev)
{
	int found = q_policy_page_get(r->app->db, r->path_id, lock, page);
	if (found <= 0)
		return found < 0 ? 503 : 404;
	found = q_policy_rev_get(r->app->db, page->id, page->latest_revision,
	    rev);
	if (found <= 0)
		return found < 0 ? 503 : 404;
	return 0;
}

static int
edit_get(struct req *r)
{
	struct q_policy_page page;
	struct q_policy_rev rev;
	struct policy_form f;
	int status = load(r, 0, &page, &rev);
	if (status != 0)
		return status;
	int rescued = rescue_take(r);
	if (rescued < 0) {
		status = 503;
		goto out;
	}
	if (rescued && read_form(r, &f) == 0) {
		status = show_form(r, &page, &rev, &f, 200, RESCUED);
		goto out;
	}
	status = show_form(r, &page, &rev, NULL, 200, NULL);
	const char *done = req_query(r, "done");
	const char *flash = done == NULL ? NULL :
	    strcmp(done, "saved") == 0 ? "Saved as a draft. Staff still see "
	    "the published version." :
	    strcmp(done, "published") == 0 ? "Published." :
	    strcmp(done, "unchanged") == 0 ? "Nothing had changed, so no new "
	    "revision was saved." : NULL;
	if (status == 200 && flash != NULL && render_set(r, "Flash", flash) < 0)
		status = 500;
out:
	q_policy_rev_free(&rev);
	return status;
}

int
page_admin_policy_edit(struct req *r)
{
	struct q_policy_page page;
	struct q_policy_rev rev;
	struct policy_form f;
	struct db *db = r->app->db;
	char object[32], detail[64];
	int status, rc;

	if (r->method != M_POST)
		return edit_get(r);
	if (read_form(r, &f) < 0 || f.revision == 0)
		return 400;
	if (db_begin(db) < 0)
		return 503;
	if ((status = load(r, 1, &page, &rev)) != 0) {
		db_rollback(db);
		return status;
	}
	if (f.errors > 0) {
		db_rollback(db);
		status = show_form(r, &page, &rev, &f, 422, "Nothing was saved: see "
		    "the notes below.");
		goto out;
	}
	if (page.latest_revision != f.revision) {
		db_rollback(db);
		status = show_form(r, &page, &rev, &f, 409, "This page was saved by "
		    "someone else since you opened it, so your text was not saved. "
		    "It is kept below: compare it with the history, then save "
		    "again.");
		goto out;
	}
	int taken = q_policy_slug_taken(db, f.slug, page.id);
	if (taken < 0)
		goto fail;
	if (taken) {
		db_rollback(db);
		render_set(r, "Errors.Slug", "Another page uses this address.");
		status = show_form(r, &page, &rev, &f, 409, "Nothing was saved: see "
		    "the notes below.");
		goto out;
	}
	int changed = strcmp(f.title, rev.title) != 0 ||
	    strcmp(f.slug, rev.slug) != 0 || strcmp(f.body, rev.body) != 0;
	long long revision = page.latest_revision;
	if (changed) {
		int saved = q_policy_page_revise(db, page.id, f.revision, f.slug,
		    f.title, f.body, f.note, r->sess.user_id);
		if (saved != 1)
			goto fail;
		revision++;
		snprintf(object, sizeof(object), "policy_page:%lld", page.id);
		snprintf(detail, sizeof(detail), "revision=%lld", revision);
		if (audit_req(r, "policy.revise", object, NULL, NULL, detail) < 0)
			goto fail;
	}
	if (f.action == ACT_DRAFT && !changed) {
		db_rollback(db);
		r->location = arena_printf(&r->arena, "/admin/policy/%lld?"
		    "done=unchanged", page.id);
		status = 303;
		goto out;
	}
	if (f.action != ACT_DRAFT) {
		if (revision == page.published_revision) {
			db_rollback(db);
			status = show_form(r, &page, &rev, &f, 409, "This text is "
			    "already published. Change it first: publishing the "
			    "same text again would change nothing.");
			goto out;
		}
		if ((rc = publish(r, &page, revision, f.slug, f.action,
		    f.note)) < 0)
			goto fail;
		if (rc > 0) {
			db_rollback(db);
			render_set(r, "Errors.Slug", "Another page uses this "
			    "address.");
			status = show_form(r, &page, &rev, &f, 409, "Nothing was "
			    "saved: see the notes below.");
			goto out;
		}
	}
	if (db_commit(db) < 0)
		goto fail;
	r->location = arena_printf(&r->arena, "/admin/policy/%lld?done=%s",
	    page.id, done_word(f.action));
	status = 303;
	goto out;
fail:
	db_rollback(db);
	status = 503;
out:
	q_policy_rev_free(&rev);
	return status;
}

int
page_admin_policy_history(struct req *r)
{
	struct q_policy_page page;
	struct q_policy_rev rev;
	struct db_result rows = { 0 };
	static const char *const cols[] = { "Revision", "Title", "Slug",
	    "Editor", "At", "Note", "Kind", "Version", "PublishedAt", NULL };
	int status = load(r, 0, &page, &rev);

	if (status != 0)
		return status;
	status = 503;
	if (q_policy_history(r->app->db, page.id, &rows) < 0)
		goto out;
	status = 500;
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", rev.title) < 0 ||
	    render_set_int(r, "Doc.Id", page.id) < 0 ||
	    render_set(r, "Doc.Title", rev.title) < 0 ||
	    render_set(r, "Doc.Slug", page.slug) < 0 ||
	    render_set_int(r, "Doc.Latest", page.latest_revision) < 0 ||
	    render_set_int(r, "Doc.Published", page.published_revision) < 0 ||
	    render_rows(r, "Revisions", &rows, cols) < 0)
		goto out;
	r->template = "admin/policy_history.cs";
	status = 200;
out:
	db_result_free(&rows);
	q_policy_rev_free(&rev);
	return status;
}

/* Rev<which>.* of one revision. 0 or -1. */
static int
rev_to_hdf(struct req *r, const char *which, const struct q_policy_rev *v)
{
	char key[32];
	snprintf(key, sizeof(key), "%s.Revision", which);
	if (render_set_int(r, key, v->revision) < 0)
		return -1;
	snprintf(key, sizeof(key), "%s.Title", which);
	if (render_set(r, key, v->title) < 0)
		return -1;
	snprintf(key, sizeof(key), "%s.Slug", which);
	if (render_set(r, key, v->slug) < 0)
		return -1;
	snprintf(key, sizeof(key), "%s.Editor", which);
	if (render_set(r, key, v->editor) < 0)
		return -1;
	snprintf(key, sizeof(key), "%s.At", which);
	return render_set(r, key, v->created_at);
}

int
page_admin_policy_diff(struct req *r)
{
	struct q_policy_page page;
	struct q_policy_rev a, b;
	long long na, nb;
	const char *sa = req_query(r, "a"), *sb = req_query(r, "b");
	int status = 503, fa = 0, fb = 0;

	if (sa == NULL || sb == NULL || parse_id(sa, &na) < 0 ||
	    parse_id(sb, &nb) < 0 || na == 0 || nb == 0)
		return 400;
	int found = q_policy_page_get(r->app->db, r->path_id, 0, &page);
	if (found <= 0)
		return found < 0 ? 503 : 404;
	fa = q_policy_rev_get(r->app->db, page.id, na, &a);
	fb = fa < 0 ? -1 : q_policy_rev_get(r->app->db, page.id, nb, &b);
	if (fa < 0 || fb < 0)
		goto out;
	status = 404;
	if (fa == 0 || fb == 0)
		goto out;
	status = 500;
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", b.title) < 0 ||
	    render_set_int(r, "Doc.Id", page.id) < 0 ||
	    render_set_int(r, "Doc.Latest", page.latest_revision) < 0 ||
	    rev_to_hdf(r, "RevA", &a) < 0 || rev_to_hdf(r, "RevB", &b) < 0 ||
	    diff_words_to_hdf_at(r, "Diff", a.body, b.body,
	    POLICY_DIFF_WORDS) < 0)
		goto out;
	r->template = "admin/policy_diff.cs";
	status = 200;
out:
	if (fa > 0)
		q_policy_rev_free(&a);
	if (fb > 0)
		q_policy_rev_free(&b);
	return status;
}
