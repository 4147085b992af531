/* admin.c — the administrator's overview: how many posts are in each
 * state, the post waiting longest for review, the deliveries that need a
 * person, and how many users there are (managed on /admin/users,
 * admin_users.c). The audit log has its own page (audit_log.c),
 * where every reading is recorded. */
#include <stdio.h>
#include <string.h>

#include "../core/app.h"
#include "../core/db.h"
#include "../core/render.h"
#include "../core/session.h"
#include "../db/q.h"
#include "../db/q_policy.h"
#include "pages.h"
#include "post_common.h"

/* A post's states in the order of its life (sql/0002_posts.sql): each is
 * shown, with 0 when no post is in it. */
static const char *const post_states[] = { "draft", "in_review",
    "approved", "rejected", "withdrawn", "expired", "publishing",
    "published", "failed" };
#define NSTATES (sizeof(post_states) / sizeof(post_states[0]))

/* PostStates.N.State/.Count for every known state (and any other state
 * the table has), and PostTotal. 0 or -1. */
static int
post_states_to_hdf(struct req *r, const struct db_result *rows)
{
	char key[64];
	long long total = 0;
	size_t n = 0;

	for (size_t i = 0; i < NSTATES + rows->nrows; i++) {
		const char *state;
		long long count = 0;
		if (i < NSTATES) {
			state = post_states[i];
			for (size_t j = 0; j < rows->nrows; j++)
				if (strcmp(db_cell(rows, j, 0), state) == 0)
					count = db_cell_int(rows, j, 1);
		} else {
			size_t j = i - NSTATES, k;
			state = db_cell(rows, j, 0);
			for (k = 0; k < NSTATES; k++)
				if (strcmp(state, post_states[k]) == 0)
					break;
			if (k < NSTATES)
				continue;
			count = db_cell_int(rows, j, 1);
		}
		total += count;
		snprintf(key, sizeof(key), "PostStates.%zu.State", n);
		if (render_set(r, key, state) < 0)
			return -1;
		snprintf(key, sizeof(key), "PostStates.%zu.Count", n++);
		if (render_set_int(r, key, count) < 0)
			return -1;
	}
	return render_set_int(r, "PostTotal", total);
}

/* "2 days 3 hours", "3 hours 5 minutes", "4 minutes", "less than a
 * minute" for a wait of minutes. */
static void
format_wait(long long minutes, char *out, size_t size)
{
	long long d = minutes / 1440, h = minutes % 1440 / 60, m = minutes % 60;
	if (minutes < 1)
		snprintf(out, size, "less than a minute");
	else if (d > 0)
		snprintf(out, size, "%lld day%s %lld hour%s", d, d == 1 ? "" :
		    "s", h, h == 1 ? "" : "s");
	else if (h > 0)
		snprintf(out, size, "%lld hour%s %lld minute%s", h, h == 1 ?
		    "" : "s", m, m == 1 ? "" : "s");
	else
		snprintf(out, size, "%lld minute%s", m, m == 1 ? "" : "s");
}

/* Oldest.* for the post waiting longest for review (nothing when none). */
static int
oldest_to_hdf(struct req *r, const struct db_result *rows)
{
	static const char *const cols[] = { "Id", "Title", "Author",
	    "Submitted", NULL };
	char wait[64];
	if (rows->nrows == 0)
		return 0;
	format_wait(db_cell_int(rows, 0, 4), wait, sizeof(wait));
	return render_rows(r, "Oldest", rows, cols) < 0 ||
	    render_set(r, "Oldest.0.Waiting", wait) < 0 ? -1 : 0;
}

/* Problems.Failed, .Unconfirmed, .Retrying (0 when none). */
static int
problems_to_hdf(struct req *r, const struct db_result *rows)
{
	static const struct { const char *state, *name; } map[] = {
		{ "failed", "Problems.Failed" },
		{ "unconfirmed", "Problems.Unconfirmed" },
		{ "retrying", "Problems.Retrying" },
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		long long n = 0;
		for (size_t j = 0; j < rows->nrows; j++)
			if (strcmp(db_cell(rows, j, 0), map[i].state) == 0)
				n = db_cell_int(rows, j, 1);
		if (render_set_int(r, map[i].name, n) < 0)
			return -1;
	}
	return 0;
}

/* UserCount.Total/.Active/.Admins from q_user_list rows. 0 or -1. */
static int
users_to_hdf(struct req *r, const struct db_result *rows)
{
	long long active = 0, admins = 0;
	for (size_t i = 0; i < rows->nrows; i++) {
		if (!db_cell_int(rows, i, 3))
			continue;
		active++;
		if (roles_from_names(db_cell(rows, i, 2)) & ROLE_ADMIN)
			admins++;
	}
	if (render_set_int(r, "UserCount.Total", (long long)rows->nrows) < 0 ||
	    render_set_int(r, "UserCount.Active", active) < 0 ||
	    render_set_int(r, "UserCount.Admins", admins) < 0)
		return -1;
	return 0;
}

/* Ack.Missing (count), Ack.Total and Ack.Names.N.Name/Roles: the authors
 * and reviewers without a current acknowledgement of the policy (rows as
 * q_policy_ack_overview, those without one first). 0 or -1. */
static int
ack_coverage_to_hdf(struct req *r, const struct db_result *rows)
{
	long long missing = 0;
	for (size_t i = 0; i < rows->nrows; i++) {
		if (db_cell_int(rows, i, 4) != 0)
			continue;
		if (missing < 20) {
			char key[48];
			snprintf(key, sizeof(key), "Ack.Names.%lld.Name", missing);
			if (render_set(r, key, db_cell(rows, i, 0)) < 0)
				return -1;
			snprintf(key, sizeof(key), "Ack.Names.%lld.Roles", missing);
			if (render_set(r, key, db_cell(rows, i, 1)) < 0)
				return -1;
		}
		missing++;
	}
	return render_set_int(r, "Ack.Missing", missing) < 0 ||
	    render_set_int(r, "Ack.Total", (long long)rows->nrows) < 0 ? -1 : 0;
}

int
page_admin_index(struct req *r)
{
	struct db *db = r->app->db;
	struct db_result users = { 0 }, states = { 0 }, oldest = { 0 },
	    problems = { 0 }, acks = { 0 };
	int status = 503;

	/* A post whose time passed in review expires first, as the review
	 * queue does: it is not waiting any more. */
	if (post_expire_overdue(r->app) < 0 ||
	    q_post_state_totals(db, &states) < 0 ||
	    q_post_oldest_in_review(db, &oldest) < 0 ||
	    q_delivery_problem_counts(db, &problems) < 0 ||
	    q_policy_ack_overview(db, r->app->cfg.policy_ack_valid_days,
	    &acks) < 0 ||
	    q_user_list(db, &users) < 0)
		goto out;
	status = 500;
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", "Administration") < 0 ||
	    post_states_to_hdf(r, &states) < 0 ||
	    oldest_to_hdf(r, &oldest) < 0 ||
	    problems_to_hdf(r, &problems) < 0 ||
	    ack_coverage_to_hdf(r, &acks) < 0 ||
	    users_to_hdf(r, &users) < 0)
		goto out;
	r->template = "admin/index.cs";
	status = 200;
out:
	db_result_free(&users);
	db_result_free(&states);
	db_result_free(&oldest);
	db_result_free(&problems);
	db_result_free(&acks);
	return status;
}
