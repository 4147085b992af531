/* authorizations.c — HIPAA authorizations behind patient stories.
 *
 * Authors record what the patient signed (who, what it covers, when, until
 * when, where the form is kept); a privacy officer or an administrator
 * other than the one who recorded it verifies it against the form. Only a
 * verified, unexpired authorization covering the post's content lets a
 * patient story be approved (see review.c). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/db.h"
#include "../core/render.h"
#include "../db/q.h"
#include "pages.h"
#include "post_common.h"

static const char *const auth_cols[] = { "Id", "Patient", "Covers", "Signed",
    "Expires", "Location", "Verified", "Expired", "CreatedBy", "VerifiedBy",
    NULL };

int
auth_list_to_hdf(struct req *r)
{
	struct db_result rows = { 0 };
	int rc = q_auth_list(r->app->db, &rows);
	if (rc == 0)
		rc = render_rows(r, "Auths", &rows, auth_cols);
	db_result_free(&rows);
	return rc;
}

int
page_auth_records(struct req *r)
{
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", "Patient authorizations") < 0)
		return 500;
	if (auth_list_to_hdf(r) < 0)
		return 503;
	if (req_query(r, "done") && render_set(r, "Flash", "Verified.") < 0)
		return 500;
	r->template = "review/authorizations.cs";
	return 200;
}

/* "2026-01-31" and a real date; 0 or -1. */
static int
valid_date(const char *s, struct tm *out)
{
	int y, m, d;
	char tail;
	if (s == NULL || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
	    y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	memset(out, 0, sizeof(*out));
	out->tm_year = y - 1900;
	out->tm_mon = m - 1;
	out->tm_mday = d;
	return 0;
}

int
page_auth_new(struct req *r)
{
	const char *patient = req_form(r, "patient");
	const char *covers = req_form(r, "covers");
	const char *signed_on = req_form(r, "signed_on");
	const char *expires_on = req_form(r, "expires_on");
	const char *location = req_form(r, "location");
	struct db *db = r->app->db;
	struct tm st, et;
	long long id;
	char object[32];
	int errors = 0;

	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", "Record an authorization") < 0)
		return 500;
	r->template = "posts/authorization.cs";
	if (r->method != M_POST)
		return 200;
	if (patient == NULL || covers == NULL || signed_on == NULL ||
	    location == NULL)
		return 400;
	if (render_set(r, "Auth.Patient", patient) < 0 ||
	    render_set(r, "Auth.Covers", covers) < 0 ||
	    render_set(r, "Auth.Signed", signed_on) < 0 ||
	    render_set(r, "Auth.Expires", expires_on) < 0 ||
	    render_set(r, "Auth.Location", location) < 0)
		return 500;
	if (patient[0] == '\0' || strlen(patient) > 200)
		errors += render_set(r, "Errors.Patient", "Give the patient's name "
		    "as written on the form.") == 0;
	if (strcmp(covers, "text") != 0 && strcmp(covers, "photo") != 0 &&
	    strcmp(covers, "both") != 0)
		return 400;
	time_t now = time(NULL);
	if (valid_date(signed_on, &st) < 0 || timegm(&st) > now)
		errors += render_set(r, "Errors.Signed", "Give the date it was "
		    "signed (YYYY-MM-DD), not in the future.") == 0;
	if (expires_on != NULL && expires_on[0] != '\0' &&
	    (valid_date(expires_on, &et) < 0 || timegm(&et) < now))
		errors += render_set(r, "Errors.Expires", "Give a date in the "
		    "future (YYYY-MM-DD), or leave it empty if it does not "
		    "expire.") == 0;
	if (location[0] == '\0' || strlen(location) > 300)
		errors += render_set(r, "Errors.Location", "Say where the signed "
		    "form is kept.") == 0;
	if (errors > 0)
		return 422;
	if (db_begin(db) < 0)
		return 503;
	if (q_auth_insert(db, patient, covers, signed_on, expires_on &&
	    expires_on[0] ? expires_on : NULL, location, r->sess.user_id,
	    &id) < 0)
		goto fail;
	snprintf(object, sizeof(object), "authorization:%lld", id);
	if (audit_req(r, "authorization.create", object, NULL, "unverified",
	    NULL) < 0 || db_commit(db) < 0)
		goto fail;
	r->template = NULL;
	r->location = "/posts?done=authorization+recorded";
	return 303;
fail:
	db_rollback(db);
	return 503;
}

int
page_auth_verify(struct req *r)
{
	struct db_result row = { 0 };
	struct db *db = r->app->db;
	char object[32];
	int status = 503;

	if (db_begin(db) < 0)
		return 503;
	if (q_auth_get(db, r->path_id, &row) < 0)
		goto fail;
	if (row.nrows == 0) {
		status = 404;
		goto fail;
	}
	if (strcmp(db_cell(&row, 0, 8), r->sess.username) == 0) {
		r->message = "You recorded this authorization, so someone else "
		    "must verify it.";
		status = 403;
		goto fail;
	}
	snprintf(object, sizeof(object), "authorization:%lld", r->path_id);
	int done = q_auth_verify(db, r->path_id, r->sess.user_id);
	if (done < 0)
		goto fail;
	if (done == 0) {
		r->message = "This authorization was already verified.";
		status = 409;
		goto fail;
	}
	if (audit_req(r, "authorization.verify", object, "unverified",
	    "verified", NULL) < 0 || db_commit(db) < 0)
		goto fail;
	db_result_free(&row);
	r->location = "/review/authorizations?done=1";
	return 303;
fail:
	db_rollback(db);
	db_result_free(&row);
	return status;
}

const char *
auth_problem(struct req *r, long long id, int has_photo)
{
	struct db_result row = { 0 };
	const char *why = NULL;
	if (id == 0)
		return "It is marked as a patient story but no authorization is "
		    "linked.";
	if (q_auth_get(r->app->db, id, &row) < 0 || row.nrows == 0)
		why = "Its authorization could not be found.";
	else if (strcmp(db_cell(&row, 0, 6), "1") != 0)
		why = "Its authorization has not been verified yet.";
	else if (strcmp(db_cell(&row, 0, 7), "1") == 0)
		why = "Its authorization has expired.";
	else if (strcmp(db_cell(&row, 0, 2), "both") != 0 &&
	    strcmp(db_cell(&row, 0, 2), has_photo ? "photo" : "text") != 0)
		why = "Its authorization does not cover this content.";
	else if (render_prepare(r) < 0 ||
	    render_rows(r, "StoryAuth", &row, auth_cols) < 0)
		why = "The authorization could not be shown.";
	db_result_free(&row);
	return why;
}
