/* policy.c — the social media policy as staff and the public read it, the
 * acknowledgement, and the gate in front of submitting and approving.
 *
 * A user's acknowledgement is current while it is of the version in force
 * and younger than Policy.AckValidDays. Until then an author may read,
 * draft and save but not submit, and a reviewer may read but not approve
 * (posts.c, review.c call policy_gate). Someone who is only an
 * administrator is never gated: they neither submit nor approve. While no
 * policy has been published at all, nobody is gated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/db.h"
#include "../core/log.h"
#include "../core/markdown.h"
#include "../core/render.h"
#include "../core/route.h"
#include "../db/q_policy.h"
#include "diff.h"
#include "pages.h"

/* Differing words a page diff may hold (its table: 2 bytes per pair). */
#define POLICY_DIFF_WORDS 2000

/* Columns of q_policy_published. */
enum { P_ID, P_SLUG, P_TITLE, P_BODY, P_UPDATED };
/* Columns of q_policy_changes. */
enum { C_ID, C_SLUG, C_TITLE, C_BODY, C_REVISION, C_OLD_REVISION,
    C_OLD_TITLE, C_OLD_BODY };

/* The slug of a ".../$" route: the last segment of the path, already
 * checked by the route table (route_slug_valid). */
static const char *
path_slug(const struct req *r)
{
	return strrchr(r->path, '/') + 1;
}

static int
status_get(struct req *r, struct q_policy_status *st)
{
	return q_policy_status(r->app->db, r->sess.user_id,
	    r->app->cfg.policy_ack_valid_days, st);
}

/* Roles that submit or approve: only they are gated. */
#define GATED_ROLES (ROLE_AUTHOR | ROLE_REVIEWER)

int
policy_ack_needed(struct req *r)
{
	struct q_policy_status st;

	if (!r->sess.valid || !(r->sess.roles & GATED_ROLES))
		return 0;
	if (status_get(r, &st) < 0)
		return -1;
	return st.version > 0 && !st.ack_current;
}

int
policy_banner(struct req *r)
{
	unsigned held = r->sess.roles & GATED_ROLES;
	int need = policy_ack_needed(r);
	if (need <= 0)
		return need;
	return render_set(r, "Policy.AckNeeded", "1") < 0 ||
	    render_set(r, "Policy.AckBlocked", held == GATED_ROLES ? "submit or "
	    "approve" : held == ROLE_REVIEWER ? "approve" : "submit") < 0 ? -1 : 0;
}

/* next when it is a local path of letters, digits, '-' and '/' only (the
 * pages that link here), which a query string carries unescaped; else
 * "". */
static const char *
next_path(const char *next)
{
	if (route_safe_next(next) == NULL)
		return "";
	for (const char *p = next; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '/'))
			return "";
	return next;
}

int
policy_gate(struct req *r, const char *what, const char *next)
{
	int need = policy_ack_needed(r);
	if (need < 0)
		return 503;
	if (need == 0)
		return 0;
	log_info("policy gate user=%lld refused=%s", r->sess.user_id, what);
	r->message = arena_printf(&r->arena, "You cannot %s until you have "
	    "read the current social media policy and confirmed that you will "
	    "follow it. Nothing was changed and nothing you wrote was lost.",
	    what);
	if (r->message == NULL || render_prepare(r) < 0 ||
	    render_set(r, "Error.AckNeeded", "1") < 0 ||
	    render_set(r, "Error.AckNext", next_path(next)) < 0)
		return 500;
	return 403;
}

/* Policy.* for the user's standing: Version, VersionAt, AckVersion, AckAt,
 * AckExpires, Current (0/1), Reason (none, first, changed, expired,
 * current). */
static int
status_to_hdf(struct req *r, const struct q_policy_status *st)
{
	const char *reason = st->version == 0 ? "none" :
	    st->ack_current ? "current" : st->ack_version == 0 ? "first" :
	    st->ack_version != st->version ? "changed" : "expired";
	return render_set_int(r, "Policy.Version", st->version) < 0 ||
	    render_set(r, "Policy.VersionAt", st->version_at) < 0 ||
	    render_set_int(r, "Policy.AckVersion", st->ack_version) < 0 ||
	    render_set(r, "Policy.AckAt", st->ack_at) < 0 ||
	    render_set(r, "Policy.AckExpires", st->ack_expires) < 0 ||
	    render_set_int(r, "Policy.Current", st->ack_current) < 0 ||
	    render_set_int(r, "Policy.ValidDays",
	    r->app->cfg.policy_ack_valid_days) < 0 ||
	    render_set(r, "Policy.Reason", reason) < 0 ? -1 : 0;
}

int
page_policy_index(struct req *r)
{
	struct q_policy_status st;
	struct db_result pages = { 0 };
	int status = 503;

	if (status_get(r, &st) < 0 || q_policy_published(r->app->db, &pages) < 0)
		goto out;
	status = 500;
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", "Social media policy") < 0 ||
	    status_to_hdf(r, &st) < 0 ||
	    render_set_int(r, "Policy.Gated",
	    (r->sess.roles & GATED_ROLES) != 0) < 0)
		goto out;
	for (size_t i = 0; i < pages.nrows; i++) {
		static const struct { size_t col; const char *name; } f[] = {
			{ P_ID, "Id" }, { P_SLUG, "Slug" }, { P_TITLE, "Title" },
			{ P_UPDATED, "Updated" },
		};
		char key[64];
		for (size_t c = 0; c < sizeof(f) / sizeof(f[0]); c++) {
			snprintf(key, sizeof(key), "Pages.%zu.%s", i, f[c].name);
			if (render_set(r, key, db_cell(&pages, i, f[c].col)) < 0)
				goto out;
		}
	}
	if (req_query(r, "done") != NULL &&
	    strcmp(req_query(r, "done"), "acknowledged") == 0 &&
	    render_set(r, "Flash", "Thank you: your acknowledgement is "
	    "recorded.") < 0)
		goto out;
	r->template = "policy/index.cs";
	status = 200;
out:
	db_result_free(&pages);
	return status;
}

/* Page.* of one published page (a row of q_policy_published) with its
 * text rendered. 0 or -1. */
static int
page_to_hdf(struct req *r, const struct db_result *res)
{
	return render_set(r, "Page.Title", db_cell(res, 0, P_TITLE)) < 0 ||
	    render_set(r, "Doc.Title", db_cell(res, 0, P_TITLE)) < 0 ||
	    render_set(r, "Doc.Slug", db_cell(res, 0, P_SLUG)) < 0 ||
	    render_set(r, "Doc.Updated", db_cell(res, 0, P_UPDATED)) < 0 ||
	    md_to_hdf(r, "Doc.Body_html", db_cell(res, 0, P_BODY), 2) < 0 ? -1 : 0;
}

int
page_policy_page(struct req *r)
{
	struct db_result res = { 0 };
	struct q_policy_status st;
	int status = 503;

	if (q_policy_published_slug(r->app->db, path_slug(r), &res) < 0 ||
	    status_get(r, &st) < 0)
		goto out;
	status = 404;
	if (res.nrows == 0)
		goto out;
	status = 500;
	if (render_prepare(r) < 0 || page_to_hdf(r, &res) < 0 ||
	    status_to_hdf(r, &st) < 0 ||
	    render_set_int(r, "Policy.Gated",
	    (r->sess.roles & GATED_ROLES) != 0) < 0)
		goto out;
	r->template = "policy/page.cs";
	status = 200;
out:
	db_result_free(&res);
	return status;
}

/* The public copy: no session, the same for everyone, revalidated by
 * caches (ETag) so an edit shows at once. Drafts and unknown addresses
 * are a 404. */
int
page_policy_public(struct req *r)
{
	struct db_result res = { 0 };
	int status = 503;

	if (q_policy_published_slug(r->app->db, path_slug(r), &res) < 0)
		goto out;
	status = 404;
	if (res.nrows == 0)
		goto out;
	status = 500;
	if (render_prepare(r) < 0 || page_to_hdf(r, &res) < 0)
		goto out;
	r->template = "policy/public.cs";
	r->revalidate = 1;
	status = 200;
out:
	db_result_free(&res);
	return status;
}

/* Ack.Pages.N: every published page rendered and, for someone who
 * acknowledged before, Changed / New and the word diff of what changed
 * since (Diff under the page). Ack.Versions.N: the material changes
 * since the version they acknowledged. 0, -1 error, -2 database. */
static int
changes_to_hdf(struct req *r, const struct q_policy_status *st)
{
	struct db_result res = { 0 }, vers = { 0 };
	static const char *const vcols[] = { "Version", "At", "Note", "Page",
	    NULL };
	char key[96];
	size_t changed = 0;
	int rc = -2;

	if (q_policy_changes(r->app->db, st->ack_publication, &res) < 0 ||
	    (st->ack_version > 0 && q_policy_versions_after(r->app->db,
	    st->ack_version, &vers) < 0))
		goto out;
	rc = -1;
	if (render_rows(r, "Ack.Versions", &vers, vcols) < 0)
		goto out;
	for (size_t i = 0; i < res.nrows; i++) {
		long long now = db_cell_int(&res, i, C_REVISION);
		long long then = db_cell_int(&res, i, C_OLD_REVISION);
		snprintf(key, sizeof(key), "Ack.Pages.%zu.Title", i);
		if (render_set(r, key, db_cell(&res, i, C_TITLE)) < 0)
			goto out;
		snprintf(key, sizeof(key), "Ack.Pages.%zu.Slug", i);
		if (render_set(r, key, db_cell(&res, i, C_SLUG)) < 0)
			goto out;
		snprintf(key, sizeof(key), "Ack.Pages.%zu.Body_html", i);
		if (md_to_hdf(r, key, db_cell(&res, i, C_BODY), 4) < 0)
			goto out;
		if (st->ack_version == 0 || then == now)
			continue;
		changed++;
		snprintf(key, sizeof(key), "Ack.Pages.%zu.Changed", i);
		if (render_set(r, key, "1") < 0)
			goto out;
		if (then == 0) {
			snprintf(key, sizeof(key), "Ack.Pages.%zu.New", i);
			if (render_set(r, key, "1") < 0)
				goto out;
			continue;
		}
		if (strcmp(db_cell(&res, i, C_OLD_TITLE),
		    db_cell(&res, i, C_TITLE)) != 0) {
			snprintf(key, sizeof(key), "Ack.Pages.%zu.OldTitle", i);
			if (render_set(r, key, db_cell(&res, i, C_OLD_TITLE)) < 0)
				goto out;
		}
		snprintf(key, sizeof(key), "Ack.Pages.%zu.Diff", i);
		if (diff_words_to_hdf_at(r, key, db_cell(&res, i, C_OLD_BODY),
		    db_cell(&res, i, C_BODY), POLICY_DIFF_WORDS) < 0)
			goto out;
	}
	rc = render_set_int(r, "Ack.Changed", (long long)changed);
out:
	db_result_free(&res);
	db_result_free(&vers);
	return rc;
}

/* The acknowledgement page (GET, or a refused POST with error). */
static int
ack_page(struct req *r, const struct q_policy_status *st, int status,
    const char *error)
{
	const char *next = route_safe_next(req_query(r, "next") ?
	    req_query(r, "next") : req_form(r, "next"));
	int rc;

	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", "Read and acknowledge the policy") < 0 ||
	    status_to_hdf(r, st) < 0 ||
	    render_set(r, "Ack.Next", next ? next : "") < 0 ||
	    (error && render_set(r, "Errors.Form", error) < 0))
		return 500;
	if (st->version > 0 && (rc = changes_to_hdf(r, st)) < 0)
		return rc == -2 ? 503 : 500;
	r->template = "policy/acknowledge.cs";
	return status;
}

int
page_policy_ack(struct req *r)
{
	struct q_policy_status st;
	struct db *db = r->app->db;
	long long version;
	char object[32], detail[64];

	if (r->method != M_POST) {
		if (status_get(r, &st) < 0)
			return 503;
		return ack_page(r, &st, 200, NULL);
	}
	if (req_form(r, "version") == NULL ||
	    parse_id(req_form(r, "version"), &version) < 0)
		return 400;
	if (db_begin(db) < 0)
		return 503;
	int done = q_policy_ack(db, r->sess.user_id, version);
	if (done < 0)
		goto fail;
	if (done == 0) {
		db_rollback(db);
		if (status_get(r, &st) < 0)
			return 503;
		return ack_page(r, &st, 409, st.version == 0 ? "No policy is "
		    "published, so there is nothing to acknowledge." : "The "
		    "policy changed while you were reading it, so your "
		    "acknowledgement was not recorded. The current version is "
		    "below: read what changed and confirm again.");
	}
	snprintf(object, sizeof(object), "policy:%lld", version);
	snprintf(detail, sizeof(detail), "version=%lld", version);
	if (audit_req(r, "policy.acknowledge", object, NULL, NULL, detail) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	const char *next = route_safe_next(req_form(r, "next"));
	r->location = next ? next : "/policy?done=acknowledged";
	return 303;
fail:
	db_rollback(db);
	return 503;
}
