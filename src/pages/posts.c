/* posts.c — the author's desk: my posts, new and edit, submit, withdraw.
 *
 * Every change is one transaction with its audit entry. A save keeps a new
 * revision and stores the scanner's findings for it; a failed save comes
 * back with the author's text intact and the problem named next to the
 * field. Authors see only their own posts (another's is a 404). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/db.h"
#include "../core/log.h"
#include "../core/crypto.h"
#include "../core/image.h"
#include "../core/render.h"
#include "../core/rescue.h"
#include "../core/settings.h"
#include "../db/q.h"
#include "../phi/phi.h"
#include "../platform/length.h"
#include "pages.h"
#include "post_common.h"
#include "publishing.h"

#define PAGE_SIZE 20
#define RESCUED "Your session had ended, so this text was not saved yet. " \
	"It was kept for you: check it and press Save."
#define TITLE_MAX 200
#define REASON_MIN 5
#define REASON_MAX 300

static const char *const states[] = { "draft", "in_review", "approved",
    "rejected", "withdrawn", "expired", "publishing", "published", "failed",
    NULL };

static int
known_state(const char *s)
{
	for (const char *const *p = states; *p; p++)
		if (strcmp(*p, s) == 0)
			return 1;
	return 0;
}

static int
editable(const char *state)
{
	return strcmp(state, "draft") == 0 || strcmp(state, "rejected") == 0 ||
	    strcmp(state, "in_review") == 0 || strcmp(state, "approved") == 0 ||
	    strcmp(state, "expired") == 0;
}

/* Posts.N.TargetNames: "Public Atom feed, Mastodon (demo)" from the ids
 * in column col. 0 or -1. */
static int
target_names_to_hdf(struct req *r, const struct db_result *rows, size_t col)
{
	struct db_result a = { 0 };
	char key[64];
	int rc = -1;
	if (q_accounts_active(r->app->db, &a) < 0)
		goto out;
	for (size_t i = 0; i < rows->nrows; i++) {
		struct sbuf names;
		char buf[256];
		sbuf_init(&names);
		snprintf(buf, sizeof(buf), "%s", db_cell(rows, i, col));
		for (char *t = strtok(buf, ","); t; t = strtok(NULL, ","))
			for (size_t k = 0; k < a.nrows; k++)
				if (db_cell_int(&a, k, 0) == strtoll(t, NULL, 10)) {
					if (names.len)
						sbuf_puts(&names, ", ");
					sbuf_puts(&names, db_cell(&a, k, 2));
				}
		snprintf(key, sizeof(key), "Posts.%zu.TargetNames", i);
		int bad = render_set(r, key, names.data ? names.data : "") < 0;
		sbuf_free(&names);
		if (bad)
			goto out;
	}
	rc = 0;
out:
	db_result_free(&a);
	return rc;
}

int
page_posts_index(struct req *r)
{
	struct db_result rows = { 0 };
	const char *state = req_query(r, "state");
	const char *page_s = req_query(r, "page");
	long long page = 1, total;
	char key[64];
	int status = 503;

	if (state != NULL && *state != '\0' && !known_state(state))
		return 400;
	if (page_s != NULL && (parse_id(page_s, &page) < 0 || page < 1 ||
	    page > 100000))
		return 400;
	if (post_expire_overdue(r->app) < 0)
		return 503;
	total = q_post_count_by_author(r->app->db, r->sess.user_id, state);
	if (total < 0 || q_post_list_by_author(r->app->db, r->sess.user_id,
	    state, PAGE_SIZE, (page - 1) * PAGE_SIZE, &rows) < 0)
		goto out;
	status = 500;
	if (render_prepare(r) < 0 || render_set(r, "Page.Title", "My posts") < 0 ||
	    render_set(r, "Filter.State", state ? state : "") < 0 ||
	    render_set_int(r, "Paging.Page", page) < 0 ||
	    render_set_int(r, "Paging.Total", total) < 0 ||
	    render_set_int(r, "Paging.Prev", page > 1 ? page - 1 : 0) < 0 ||
	    render_set_int(r, "Paging.Next", page * PAGE_SIZE < total ?
	    page + 1 : 0) < 0)
		goto out;
	for (size_t i = 0; states[i]; i++) {
		snprintf(key, sizeof(key), "States.%zu", i);
		if (render_set(r, key, states[i]) < 0)
			goto out;
	}
	static const char *const cols[] = { "Id", "Title", "State", "Version",
	    "Updated", "Scheduled", "Targets", NULL };
	if (render_rows(r, "Posts", &rows, cols) < 0 ||
	    target_names_to_hdf(r, &rows, 6) < 0)
		goto out;
	if (post_flash_done(r) < 0 || policy_banner(r) < 0)
		goto out;
	r->template = "posts/index.cs";
	status = 200;
out:
	db_result_free(&rows);
	return status;
}

/* The submitted fields, validated. Messages go to Errors.<Field>. */
struct draft {
	const char *title;
	const char *body;
	char targets[256];
	char schedule[24];
	const char *schedule_input;
	long long version;
	int story;                 /* marked as a patient story */
	long long authorization;   /* its authorization, 0 when none */
	const char *alt_text;
	int remove_image;
	struct sbuf image;         /* a new image, cleaned; freed by caller */
	enum image_type image_type;
	int errors;
};

static int
error(struct req *r, struct draft *d, const char *field, const char *msg)
{
	char key[64];
	d->errors++;
	snprintf(key, sizeof(key), "Errors.%s", field);
	return render_set(r, key, msg);
}

/* Reads and checks the form; fills the HDF with errors. 0, or -1 when the
 * request itself is malformed (missing fields: 400). */
static int
read_draft(struct req *r, struct draft *d)
{
	const char *version = req_form(r, "version");
	memset(d, 0, sizeof(*d));
	d->title = req_form(r, "title");
	d->body = req_form(r, "body");
	d->schedule_input = req_form(r, "scheduled_at");
	if (d->title == NULL || d->body == NULL)
		return -1;
	if (version != NULL && parse_id(version, &d->version) < 0)
		return -1;
	if (render_prepare(r) < 0)
		return -1;
	size_t tl = utf8_count(d->title);
	if (tl == 0)
		error(r, d, "Title", "Give the post a title (only your team sees "
		    "it).");
	else if (tl > TITLE_MAX)
		error(r, d, "Title", "The title is longer than 200 characters.");
	if (utf8_count(d->body) == 0)
		error(r, d, "Body", "Write the text of the post.");
	int nt = post_targets_from_form(r, d->targets, sizeof(d->targets));
	if (nt < 0)
		return -1;
	if (nt == 0)
		error(r, d, "Targets", "Choose at least one account to post to.");
	const char *auth = req_form(r, "authorization_id");
	d->story = req_form(r, "patient_story") != NULL;
	if (auth != NULL && auth[0] != '\0' && parse_id(auth, &d->authorization) < 0)
		return -1;
	if (render_set_int(r, "Post.Story", d->story) < 0 ||
	    render_set_int(r, "Post.AuthId", d->authorization) < 0)
		return -1;
	d->alt_text = req_form(r, "alt_text");
	if (d->alt_text == NULL)
		d->alt_text = "";
	d->remove_image = req_form(r, "remove_image") != NULL;
	if (render_set(r, "Post.AltText", d->alt_text) < 0)
		return -1;
	for (size_t i = 0; i < r->nuploads; i++) {
		if (strcmp(r->uploads[i].field, "image") != 0)
			continue;
		if (r->uploads[i].len > r->app->cfg.upload_limit) {
			error(r, d, "Image", "The image is larger than 5 MB.");
			break;
		}
		d->image_type = image_clean(r->uploads[i].data, r->uploads[i].len,
		    &d->image);
		if (d->image_type == IMAGE_NONE)
			error(r, d, "Image", "Only JPEG or PNG images can be "
			    "attached, and this file is not one.");
	}
	if (utf8_count(d->alt_text) > 1000)
		error(r, d, "AltText", "Keep the image description under 1000 "
		    "characters.");
	if (d->story && d->authorization == 0)
		error(r, d, "Story", "Choose the patient's authorization, or "
		    "record it first.");
	if (post_parse_schedule(d->schedule_input, d->schedule,
	    sizeof(d->schedule)) < 0)
		error(r, d, "Schedule", "Give the time as a date and a time, "
		    "e.g. 2026-12-01 09:30.");
	return 0;
}

/* An image (new or kept) needs a description for people who cannot see it. */
static void
check_alt_text(struct req *r, struct draft *d, int has_old_image)
{
	int has_image = d->image_type != IMAGE_NONE ||
	    (has_old_image && !d->remove_image);
	if (has_image && d->alt_text[0] == '\0')
		error(r, d, "AltText", "Describe the image for people who cannot "
		    "see it (alt text).");
}

/* Stores the draft's new image (if any) and the alt text; 0 or -1. */
static int
save_image(struct req *r, struct draft *d, long long post_id,
    long long old_media)
{
	long long media = d->remove_image ? 0 : old_media;
	if (d->image_type != IMAGE_NONE) {
		unsigned char sha[32];
		crypto_sha256(d->image.data, d->image.len, sha);
		if (q_media_insert(r->app->db, post_id, image_mime(d->image_type),
		    sha, d->image.data, d->image.len, r->sess.user_id, &media) < 0)
			return -1;
	}
	return q_post_set_media(r->app->db, post_id, media, media ?
	    d->alt_text : "");
}

/* Length per chosen target: a text too long for one of them is an error. */
static int
check_lengths(struct req *r, struct draft *d)
{
	struct db_result a;
	char msg[512];
	if (q_accounts_active(r->app->db, &a) < 0) {
		db_result_free(&a);
		return -1;
	}
	for (size_t i = 0; i < a.nrows; i++) {
		char id[24];
		snprintf(id, sizeof(id), "%lld", db_cell_int(&a, i, 0));
		int chosen = 0;
		char buf[256];
		snprintf(buf, sizeof(buf), "%s", d->targets);
		for (char *t = strtok(buf, ","); t; t = strtok(NULL, ","))
			if (strcmp(t, id) == 0)
				chosen = 1;
		if (!chosen)
			continue;
		const char *platform = db_cell(&a, i, 1);
		const struct platform_limit *lim = platform_limit(platform);
		long len = platform_length(platform, d->body, strlen(d->body));
		if (lim && lim->limit && len > lim->limit) {
			snprintf(msg, sizeof(msg), "Too long for %s: %ld of %ld "
			    "%s.", db_cell(&a, i, 2), len, lim->limit, lim->unit);
			error(r, d, "Body", msg);
		}
	}
	db_result_free(&a);
	return 0;
}

/* Shows the form again with what the author sent (never loses text). */
static int
show_form_again(struct req *r, struct draft *d, const struct q_post *p,
    int status, const char *message)
{
	struct phi_findings f;
	phi_findings_init(&f);
	if (p != NULL && post_to_hdf(r, p) < 0)
		return 500;
	if (render_set(r, "Post.Title", d->title) < 0 ||
	    render_set(r, "Post.Body", d->body) < 0 ||
	    render_set(r, "Post.ScheduledInput", d->schedule_input ?
	    d->schedule_input : "") < 0 ||
	    (message && render_set(r, "Errors.Form", message) < 0) ||
	    render_set(r, "Page.Title", p ? "Edit post" : "New post") < 0 ||
	    render_set_int(r, "Post.Story", d->story) < 0 ||
	    render_set_int(r, "Post.AuthId", d->authorization) < 0 ||
	    render_set_int(r, "Post.Editable", 1) < 0 ||
	    auth_list_to_hdf(r) < 0 ||
	    post_accounts_to_hdf(r, d->targets, d->body) < 0)
		goto fail;
	if (d->version > 0 && render_set_int(r, "Post.Version", d->version) < 0)
		goto fail;
	/* the scanner's view of the unsaved text */
	if (phi_scan(d->body, strlen(d->body), settings_allow(r->app), &f) < 0 ||
	    post_highlight_scan(r, d->body, &f) < 0)
		goto fail;
	phi_findings_free(&f);
	r->template = "posts/edit.cs";
	return status;
fail:
	phi_findings_free(&f);
	return 500;
}

/* Scans the saved body and stores the findings for that version. */
static int
store_findings(struct req *r, long long post_id, long long version,
    const char *body)
{
	struct phi_findings f;
	int rc;
	phi_findings_init(&f);
	rc = phi_scan(body, strlen(body), settings_allow(r->app), &f) == 0 &&
	    q_findings_store(r->app->db, post_id, version, f.items, f.n) == 0 ?
	    0 : -1;
	if (rc == 0)
		log_info("scan post=%lld version=%lld findings=%zu", post_id,
		    version, f.n);
	phi_findings_free(&f);
	return rc;
}

static int
load_mine(struct req *r, long long id, int lock, struct q_post *p)
{
	int found = q_post_get(r->app->db, id, lock, p);
	if (found < 0)
		return 503;
	if (found == 0 || p->author_id != r->sess.user_id) {
		q_post_free(p);
		return 404;
	}
	return 0;
}

int
page_posts_new(struct req *r)
{
	struct draft d;
	struct db *db = r->app->db;
	long long id;
	char object[32];

	memset(&d, 0, sizeof(d));
	if (r->method != M_POST) {
		int rescued = rescue_take(r);
		if (rescued < 0)
			return 503;
		if (rescued && read_draft(r, &d) == 0)
			return show_form_again(r, &d, NULL, 200, RESCUED);
		if (render_prepare(r) < 0 ||
		    render_set(r, "Page.Title", "New post") < 0 ||
		    auth_list_to_hdf(r) < 0 ||
		    post_accounts_to_hdf(r, "", "") < 0)
			return 500;
		r->template = "posts/edit.cs";
		return 200;
	}
	int status = 400;
	if (read_draft(r, &d) < 0)
		goto done;
	check_alt_text(r, &d, 0);
	status = 503;
	if (check_lengths(r, &d) < 0)
		goto done;
	if (d.errors > 0) {
		status = show_form_again(r, &d, NULL, 422, "The post was not "
		    "saved: see the notes below.");
		goto done;
	}
	if (db_begin(db) < 0)
		goto done;
	if (q_post_insert(db, r->sess.user_id, d.title, d.body, d.targets,
	    d.schedule, &id) < 0 || store_findings(r, id, 1, d.body) < 0 ||
	    q_post_set_story(db, id, d.story, d.authorization) < 0 ||
	    save_image(r, &d, id, 0) < 0)
		goto fail;
	snprintf(object, sizeof(object), "post:%lld", id);
	if (audit_req(r, "post.create", object, NULL, "draft", "version=1") < 0 ||
	    db_commit(db) < 0)
		goto fail;
	r->location = arena_printf(&r->arena, "/posts/%lld?saved=1", id);
	status = 303;
	goto done;
fail:
	db_rollback(db);
done:
	sbuf_free(&d.image);
	return status;
}

int
page_posts_edit(struct req *r)
{
	struct q_post p;
	struct db_result rows = { 0 };
	struct draft d;
	struct db *db = r->app->db;
	char object[32], detail[64];
	int status;

	memset(&d, 0, sizeof(d));
	if (r->method != M_POST) {
		if ((status = load_mine(r, r->path_id, 0, &p)) != 0)
			return status;
		int rescued = rescue_take(r);
		if (rescued < 0) {
			status = 503;
			goto out;
		}
		if (rescued && read_draft(r, &d) == 0) {
			status = show_form_again(r, &d, &p, 200, RESCUED);
			goto out;
		}
		status = 503;
		if (q_findings_get(db, p.id, p.version, &rows) < 0)
			goto out;
		status = 500;
		if (render_prepare(r) < 0 || post_to_hdf(r, &p) < 0 ||
		    render_set(r, "Page.Title", p.title) < 0 ||
		    auth_list_to_hdf(r) < 0 ||
		    render_set_int(r, "Post.Editable", editable(p.state)) < 0 ||
		    post_accounts_to_hdf(r, p.targets, p.body) < 0 ||
		    post_deliveries_to_hdf(r, p.id) < 0 ||
		    post_highlight_rows(r, p.body, &rows) < 0 ||
		    policy_banner(r) < 0)
			goto out;
		if (req_query(r, "saved") != NULL &&
		    render_set(r, "Flash", "Saved. The scanner has checked this "
		    "version.") < 0)
			goto out;
		r->template = "posts/edit.cs";
		status = 200;
		goto out;
	}
	if (read_draft(r, &d) < 0) {
		sbuf_free(&d.image);
		return 400;
	}
	if ((status = load_mine(r, r->path_id, 0, &p)) != 0) {
		sbuf_free(&d.image);
		return status;
	}
	check_alt_text(r, &d, p.media_id != 0);
	if (!editable(p.state)) {
		status = show_form_again(r, &d, &p, 409, "This post can no "
		    "longer be edited.");
		goto out;
	}
	if (check_lengths(r, &d) < 0) {
		status = 503;
		goto out;
	}
	if (d.errors > 0) {
		status = show_form_again(r, &d, &p, 422, "The post was not "
		    "saved: see the notes below.");
		goto out;
	}
	status = 503;
	if (db_begin(db) < 0)
		goto out;
	/* an edit voids the approval: deliveries not started are cancelled
	 * first (deliveries before posts, the order the publisher locks in) */
	long long cancelled = 0;
	if (strcmp(p.state, "approved") == 0 && publish_cancel_pending(r->app,
	    p.id, &cancelled) < 0)
		goto fail;
	int saved = q_post_save(db, p.id, d.version, r->sess.user_id, d.title,
	    d.body, d.targets, d.schedule);
	if (saved < 0)
		goto fail;
	if (saved == 0) {
		db_rollback(db);
		status = show_form_again(r, &d, &p, 409, "This post was changed "
		    "since you opened it, so your version was not saved. Your "
		    "text is kept below: copy what you need, then reload the "
		    "post.");
		goto out;
	}
	snprintf(object, sizeof(object), "post:%lld", p.id);
	snprintf(detail, sizeof(detail), cancelled > 0 ? "version=%lld "
	    "deliveries_cancelled=%lld" : "version=%lld", d.version + 1,
	    cancelled);
	if (store_findings(r, p.id, d.version + 1, d.body) < 0 ||
	    q_post_set_story(db, p.id, d.story, d.authorization) < 0 ||
	    save_image(r, &d, p.id, p.media_id) < 0 ||
	    audit_req(r, "post.save", object, p.state, "draft", detail) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	r->location = arena_printf(&r->arena, "/posts/%lld?saved=1", p.id);
	status = 303;
	goto out;
fail:
	db_rollback(db);
out:
	sbuf_free(&d.image);
	db_result_free(&rows);
	q_post_free(&p);
	return status;
}

/* Submit: the scanner runs again on the saved text; every blocking
 * finding needs the author's reason ("not patient information"). */
int
page_posts_submit(struct req *r)
{
	struct q_post p;
	struct db_result rows = { 0 };
	struct phi_findings f;
	struct db *db = r->app->db;
	long long version;
	char object[32], detail[64], key[32];
	int status, missing = 0, overrides = 0;

	phi_findings_init(&f);
	if (req_form(r, "version") == NULL ||
	    parse_id(req_form(r, "version"), &version) < 0)
		return 400;
	/* Drafting stays open; sending a post on needs the policy read. */
	if ((status = policy_gate(r, "submit posts for review",
	    arena_printf(&r->arena, "/posts/%lld", r->path_id))) != 0)
		return status;
	if (db_begin(db) < 0)
		return 503;
	if ((status = load_mine(r, r->path_id, 1, &p)) != 0) {
		db_rollback(db);
		return status;
	}
	status = 503;
	if (strcmp(p.state, "draft") != 0 || p.version != version) {
		db_rollback(db);
		r->message = "This post has changed or is not a draft any more; "
		    "nothing was submitted. Reload it to see where it stands.";
		status = 409;
		goto out;
	}
	if (q_findings_get(db, p.id, p.version, &rows) < 0 ||
	    phi_scan(p.body, strlen(p.body), settings_allow(r->app), &f) < 0)
		goto fail;
	/* The stored findings must still be what the scanner says now. */
	int same = rows.nrows == f.n;
	for (size_t i = 0; same && i < f.n; i++)
		same = (size_t)db_cell_int(&rows, i, 1) == f.items[i].start &&
		    (size_t)db_cell_int(&rows, i, 2) == f.items[i].end;
	if (!same) {
		/* Only after a scanner upgrade or an allow-list change
		 * between save and submit. */
		log_info("rescan changed findings post=%lld", p.id);
		db_rollback(db);
		r->message = "The scanner or the organisation's allow-list "
		    "changed since this version was saved. Save the post again "
		    "so it is checked as things are now, then submit.";
		status = 409;
		goto out;
	}
	if (render_prepare(r) < 0)
		goto fail;
	for (size_t i = 0; i < rows.nrows; i++) {
		if (strcmp(db_cell(&rows, i, 4), "block") != 0)
			continue;
		snprintf(key, sizeof(key), "override_%lld",
		    db_cell_int(&rows, i, 0));
		const char *why = req_form(r, key);
		size_t wl = why ? utf8_count(why) : 0;
		if (wl < REASON_MIN || wl > REASON_MAX) {
			char ek[64];
			snprintf(ek, sizeof(ek), "Errors.Override.%lld",
			    db_cell_int(&rows, i, 0));
			render_set(r, ek, wl > REASON_MAX ? "Keep the reason under "
			    "300 characters." : "Say in a few words why this is "
			    "not patient information, or change the text.");
			missing++;
			continue;
		}
		if (q_findings_override(db, p.id, p.version,
		    db_cell_int(&rows, i, 0), why) < 0)
			goto fail;
		overrides++;
	}
	if (missing > 0) {
		db_rollback(db);
		status = 500;
		if (post_to_hdf(r, &p) < 0 ||
		    render_set(r, "Page.Title", p.title) < 0 ||
		    render_set_int(r, "Post.Editable", 1) < 0 ||
		    render_set(r, "Errors.Form", "Not submitted: the scanner "
		    "found patient information. Change the text, or mark each "
		    "highlighted item as not patient information with a short "
		    "reason.") < 0 ||
		    post_accounts_to_hdf(r, p.targets, p.body) < 0 ||
		    post_highlight_rows(r, p.body, &rows) < 0)
			goto out;
		r->template = "posts/edit.cs";
		status = 422;
		goto out;
	}
	snprintf(object, sizeof(object), "post:%lld", p.id);
	snprintf(detail, sizeof(detail), "version=%lld overrides=%d", p.version,
	    overrides);
	int done = q_post_submit(db, p.id, p.version);
	if (done != 1 || audit_req(r, "post.submit", object, "draft",
	    "in_review", detail) < 0 || db_commit(db) < 0)
		goto fail;
	r->location = "/posts?done=submitted";
	status = 303;
	goto out;
fail:
	db_rollback(db);
out:
	phi_findings_free(&f);
	db_result_free(&rows);
	q_post_free(&p);
	return status;
}

int
page_posts_withdraw(struct req *r)
{
	struct q_post p;
	struct db *db = r->app->db;
	char object[32];
	int status;

	if (db_begin(db) < 0)
		return 503;
	/* Deliveries are locked before the post, the order the publisher
	 * takes them in, so the two never deadlock: read the post, cancel an
	 * approved post's pending deliveries, then lock the post; the guarded
	 * withdrawal below fails (and rolls the cancel back) if its state
	 * moved meanwhile. */
	if ((status = load_mine(r, r->path_id, 0, &p)) != 0) {
		db_rollback(db);
		return status;
	}
	snprintf(object, sizeof(object), "post:%lld", p.id);
	long long cancelled = 0;
	if (strcmp(p.state, "approved") == 0 && publish_cancel_pending(r->app,
	    p.id, &cancelled) < 0) {
		db_rollback(db);
		q_post_free(&p);
		return 503;
	}
	q_post_free(&p);
	if ((status = load_mine(r, r->path_id, 1, &p)) != 0) {
		db_rollback(db);
		return status;
	}
	int done = q_post_withdraw(db, p.id, p.state);
	if (done == 0) {
		db_rollback(db);
		r->message = "This post can no longer be withdrawn.";
		q_post_free(&p);
		return 409;
	}
	char wdetail[48];
	snprintf(wdetail, sizeof(wdetail), "deliveries_cancelled=%lld",
	    cancelled);
	if (done < 0 || audit_req(r, "post.withdraw", object, p.state,
	    "withdrawn", cancelled > 0 ? wdetail : NULL) < 0 ||
	    db_commit(db) < 0) {
		db_rollback(db);
		q_post_free(&p);
		return 503;
	}
	q_post_free(&p);
	r->location = "/posts?done=withdrawn";
	return 303;
}

/* Live feedback while typing: the scanner's findings (byte spans) and the
 * length per chosen target, as JSON. Nothing is stored or logged; the
 * same checks run again on save. */
int
page_posts_scan(struct req *r)
{
	struct phi_findings f;
	struct db_result a = { 0 };
	struct sbuf out;
	char targets[256];
	const char *body = req_form(r, "body");
	int status = 503;

	if (body == NULL)
		return 400;
	if (post_targets_from_form(r, targets, sizeof(targets)) < 0)
		return 400;
	phi_findings_init(&f);
	sbuf_init(&out);
	if (phi_scan(body, strlen(body), settings_allow(r->app), &f) < 0 ||
	    q_accounts_active(r->app->db, &a) < 0)
		goto done;
	sbuf_puts(&out, "{\"findings\": [");
	for (size_t i = 0; i < f.n; i++) {
		sbuf_printf(&out, "%s{\"start\": %zu, \"end\": %zu, \"category\": ",
		    i ? ", " : "", f.items[i].start, f.items[i].end);
		sbuf_json_string(&out, phi_category_name(f.items[i].category));
		sbuf_puts(&out, ", \"severity\": ");
		sbuf_json_string(&out, phi_severity_name(f.items[i].severity));
		sbuf_puts(&out, ", \"rule\": ");
		sbuf_json_string(&out, f.items[i].rule);
		sbuf_puts(&out, "}");
	}
	sbuf_puts(&out, "], \"counts\": [");
	for (size_t i = 0; i < a.nrows; i++) {
		const char *platform = db_cell(&a, i, 1);
		const struct platform_limit *lim = platform_limit(platform);
		long len = platform_length(platform, body, strlen(body));
		sbuf_printf(&out, "%s{\"id\": %lld, \"length\": %ld, \"limit\": %ld, "
		    "\"over\": %s}", i ? ", " : "", db_cell_int(&a, i, 0), len,
		    lim ? lim->limit : 0L, lim && lim->limit && len > lim->limit ?
		    "true" : "false");
	}
	sbuf_puts(&out, "]}\n");
	if (out.failed)
		goto done;
	r->body = arena_strndup(&r->arena, out.data, out.len);
	r->body_len = out.len;
	r->content_type = "application/json";
	status = r->body ? 200 : 500;
done:
	sbuf_free(&out);
	db_result_free(&a);
	phi_findings_free(&f);
	return status;
}

/* The stored (metadata-free) image of a post: its author, reviewers and
 * administrators only. */
int
page_posts_media(struct req *r)
{
	struct db_result m = { 0 };
	struct q_post p;
	int status = 503;

	if (q_media_get(r->app->db, r->path_id, &m) < 0)
		goto out;
	status = 404;
	if (m.nrows == 0)
		goto out;
	if (!(r->sess.roles & (ROLE_REVIEWER | ROLE_ADMIN))) {
		int found = q_post_get(r->app->db, db_cell_int(&m, 0, 0), 0, &p);
		int mine = found == 1 && p.author_id == r->sess.user_id;
		if (found == 1)
			q_post_free(&p);
		if (found < 0) {
			status = 503;
			goto out;
		}
		if (!mine)
			goto out;
	}
	status = 500;
	r->body = arena_strndup(&r->arena, db_cell(&m, 0, 2),
	    db_cell_len(&m, 0, 2));
	r->body_len = db_cell_len(&m, 0, 2);
	r->content_type = strcmp(db_cell(&m, 0, 1), "image/png") == 0 ?
	    "image/png" : "image/jpeg";
	if (r->body != NULL)
		status = 200;
out:
	db_result_free(&m);
	return status;
}
