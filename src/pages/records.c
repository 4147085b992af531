/* records.c — the organisation's settings (/admin/settings) and legal
 * holds on posts (/admin/posts/#/hold, /admin/posts/#/release), for
 * administrators.
 *
 * Settings are one row (see core/settings.h). The form carries the
 * version it was read at: a save over another administrator's newer
 * change is refused (409) rather than silently undoing it. Only values
 * that differ from those in force are stored, so a value left at its
 * default keeps following the configuration file. Every change is one
 * transaction with one audit entry naming the keys that changed (and the
 * new numbers, never the text). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/db.h"
#include "../core/render.h"
#include "../core/settings.h"
#include "../db/q.h"
#include "../phi/phi.h"
#include "pages.h"
#include "retention.h"

#define REASON_MAX 300

static int
one_line(const char *s)
{
	return strpbrk(s, "\t\r\n") == NULL;
}

/* The allow-list as stored: lines ending in "\n" (no "\r"), without
 * blanks at either end of a line or of the whole; arena-owned. */
static char *
allow_normalised(struct req *r, const char *in)
{
	size_t n = strlen(in), o = 0;
	char *out = arena_alloc(&r->arena, n + 1);
	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < n;) {
		size_t e = i;
		while (e < n && in[e] != '\n')
			e++;
		size_t a = i, b = e;
		while (a < b && (in[a] == ' ' || in[a] == '\t'))
			a++;
		while (b > a && (in[b - 1] == ' ' || in[b - 1] == '\t' ||
		    in[b - 1] == '\r'))
			b--;
		memcpy(out + o, in + a, b - a);
		o += b - a;
		out[o++] = '\n';
		i = e + 1;
	}
	while (o > 0 && out[o - 1] == '\n')
		o--;
	out[o] = '\0';
	return out;
}

/* A whole number in [min, max] from a form field; 0 when it is not. */
static long
bounded(const char *s, long min, long max)
{
	long long v;
	if (s == NULL || parse_id(s, &v) < 0 || v < min || v > max)
		return 0;
	return (long)v;
}

struct settings_form {
	long long version;
	const char *org_name;      /* "" = the default */
	const char *allow_list;    /* "" = none */
	const char *idle_s, *published_s, *drafts_s;
	long idle_minutes, published_days, drafts_days;
	int legal_hold;
	const char *hold_reason;
	int errors;
};

static int
form_error(struct req *r, struct settings_form *f, const char *key,
    const char *msg)
{
	char name[64];
	f->errors++;
	snprintf(name, sizeof(name), "Errors.%s", key);
	return render_set(r, name, msg);
}

/* Reads and checks the form; messages to Errors.*. 0, or -1 when the
 * request is malformed (400) or the HDF could not be filled. */
static int
read_settings_form(struct req *r, struct settings_form *f)
{
	char msg[300];
	const char *version = req_form(r, "version");

	memset(f, 0, sizeof(*f));
	if (version == NULL || parse_id(version, &f->version) < 0)
		return -1;
	f->org_name = arena_trim(&r->arena, req_form(r, "org_name"));
	const char *allow = req_form(r, "allow_list");
	f->allow_list = allow_normalised(r, allow ? allow : "");
	f->idle_s = arena_trim(&r->arena, req_form(r, "idle_minutes"));
	f->published_s = arena_trim(&r->arena, req_form(r, "retain_published_days"));
	f->drafts_s = arena_trim(&r->arena, req_form(r, "retain_drafts_days"));
	f->legal_hold = req_form(r, "legal_hold") != NULL;
	f->hold_reason = arena_trim(&r->arena, req_form(r, "legal_hold_reason"));
	if (f->org_name == NULL || f->allow_list == NULL || f->idle_s == NULL ||
	    f->published_s == NULL || f->drafts_s == NULL ||
	    f->hold_reason == NULL)
		return -1;
	if ((!one_line(f->org_name) || utf8_count(f->org_name) >
	    SETTINGS_ORG_MAX) && form_error(r, f, "OrgName", "Keep the name "
	    "to one line of at most 128 characters.") < 0)
		return -1;
	if (strlen(f->allow_list) > SETTINGS_ALLOW_MAX) {
		if (form_error(r, f, "AllowList", "The allow-list is longer "
		    "than 8000 characters: keep the organisation's own numbers, "
		    "domains, address, names and hashtags only.") < 0)
			return -1;
	} else {
		struct phi_config cfg;
		phi_config_init(&cfg);
		int bad = phi_config_parse(&cfg, f->allow_list,
		    strlen(f->allow_list));
		phi_config_free(&cfg);
		snprintf(msg, sizeof(msg), "Line %d is not understood. Write "
		    "one entry per line as kind: value, where kind is phone, "
		    "domain, address, hashtag, name or handle.", bad);
		if (bad != 0 && form_error(r, f, "AllowList", msg) < 0)
			return -1;
	}
	f->idle_minutes = bounded(f->idle_s, SETTINGS_IDLE_MIN,
	    SETTINGS_IDLE_MAX);
	if (f->idle_minutes == 0 && form_error(r, f, "Idle", "Give a whole "
	    "number of minutes from 5 to 240.") < 0)
		return -1;
	f->published_days = bounded(f->published_s, SETTINGS_PUBLISHED_MIN,
	    SETTINGS_RETAIN_MAX);
	if (f->published_days == 0 && form_error(r, f, "Published", "Give a "
	    "whole number of days from 365 (one year) to 36500.") < 0)
		return -1;
	f->drafts_days = bounded(f->drafts_s, SETTINGS_DRAFTS_MIN,
	    SETTINGS_RETAIN_MAX);
	if (f->drafts_days == 0 && form_error(r, f, "Drafts", "Give a whole "
	    "number of days from 30 to 36500.") < 0)
		return -1;
	if (f->legal_hold && (f->hold_reason[0] == '\0' ||
	    !one_line(f->hold_reason) || utf8_count(f->hold_reason) >
	    REASON_MAX) && form_error(r, f, "HoldReason", "Say in one line (at "
	    "most 300 characters) why everything is on hold, e.g. the matter "
	    "or request.") < 0)
		return -1;
	return 0;
}

/* Settings.* (values in force, what is stored, the defaults) and the
 * page around them; f (may be NULL) overrides the values with what the
 * admin typed. 0 or -1. */
static int
settings_to_hdf(struct req *r, const struct settings_row *row,
    const struct settings_form *f)
{
	const struct config *cfg = &r->app->cfg;
	char num[24];
	long idle = row->idle_minutes > 0 ? row->idle_minutes :
	    cfg->idle_seconds / 60;
	struct q_user by;

	/* Who changed them last: looked up here, not with the row, which
	 * every program reads (the feed's database user reads no users). */
	memset(&by, 0, sizeof(by));
	if (row->updated_by_id > 0 && q_user_get(r->app->db,
	    row->updated_by_id, 0, &by) < 0)
		return -1;
	if (render_set(r, "Page.Title", "Settings") < 0 ||
	    render_set_int(r, "Settings.Version", row->version) < 0 ||
	    render_set(r, "Settings.OrgName", f ? f->org_name :
	    row->have_org_name ? row->org_name : "") < 0 ||
	    render_set(r, "Settings.AllowList", f ? f->allow_list :
	    row->allow_list) < 0 ||
	    render_set(r, "Settings.HoldReason", f ? f->hold_reason :
	    row->legal_hold_reason) < 0 ||
	    render_set_int(r, "Settings.LegalHold", f ? f->legal_hold :
	    row->legal_hold) < 0 ||
	    render_set_int(r, "Settings.HoldOn", row->legal_hold) < 0 ||
	    render_set(r, "Settings.UpdatedAt", row->updated_at) < 0 ||
	    render_set(r, "Settings.UpdatedBy", by.username) < 0 ||
	    render_set(r, "Defaults.OrgName", cfg->site_name) < 0 ||
	    render_set_int(r, "Defaults.Idle", cfg->idle_seconds / 60) < 0 ||
	    render_set_int(r, "Defaults.Published",
	    cfg->retain_published_days) < 0 ||
	    render_set_int(r, "Defaults.Drafts", cfg->retain_drafts_days) < 0)
		return -1;
	snprintf(num, sizeof(num), "%ld", idle);
	if (render_set(r, "Settings.Idle", f ? f->idle_s : num) < 0)
		return -1;
	snprintf(num, sizeof(num), "%ld", settings_retain_published_days(r->app,
	    row));
	if (render_set(r, "Settings.Published", f ? f->published_s : num) < 0)
		return -1;
	snprintf(num, sizeof(num), "%ld", settings_retain_drafts_days(r->app,
	    row));
	if (render_set(r, "Settings.Drafts", f ? f->drafts_s : num) < 0)
		return -1;
	return 0;
}

/* The posts on hold and what a retention run would do now. 0, -1 (HDF)
 * or 1 (database). */
static int
records_to_hdf(struct req *r)
{
	static const char *const cols[] = { "Id", "Title", "State", "Reason",
	    "By", "At", NULL };
	struct db_result holds = { 0 };
	struct retention_summary s;
	int rc = 1;

	if (q_holds_list(r->app->db, &holds) < 0 ||
	    retention_run(r->app, "admin", 1, NULL, NULL, &s) < 0)
		goto out;
	rc = -1;
	if (render_rows(r, "Holds", &holds, cols) < 0 ||
	    render_set_int(r, "Due.Published", s.deleted_published) < 0 ||
	    render_set_int(r, "Due.Drafts", s.deleted_drafts) < 0 ||
	    render_set_int(r, "Due.Held", s.held) < 0)
		goto out;
	rc = 0;
out:
	db_result_free(&holds);
	return rc;
}

static int
settings_page(struct req *r, const struct settings_row *row,
    const struct settings_form *f, int status, const char *message)
{
	static const struct { const char *done, *text; } flashes[] = {
		{ "saved", "Settings saved. They apply from the next page any "
		    "program serves." },
		{ "unchanged", "Nothing was changed." },
	};
	const char *done = req_query(r, "done");

	if (render_prepare(r) < 0 || settings_to_hdf(r, row, f) < 0 ||
	    (message != NULL && render_set(r, "Errors.Form", message) < 0))
		return 500;
	for (size_t i = 0; done != NULL && status == 200 &&
	    i < sizeof(flashes) / sizeof(flashes[0]); i++)
		if (strcmp(done, flashes[i].done) == 0 &&
		    render_set(r, "Flash", flashes[i].text) < 0)
			return 500;
	int rc = records_to_hdf(r);
	if (rc != 0)
		return rc > 0 ? 503 : 500;
	r->template = "admin/settings.cs";
	return status;
}

static int
differs(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") != 0;
}

/* Appends ",key" (or "key") to b. */
static void
changed(struct sbuf *b, const char *key)
{
	sbuf_printf(b, "%s%s", b->len ? "," : "", key);
}

static int
settings_save(struct req *r)
{
	struct db *db = r->app->db;
	struct settings_form f;
	struct settings_row row;
	struct q_settings_values v;
	struct sbuf keys;
	int status = 503;

	memset(&row, 0, sizeof(row));
	sbuf_init(&keys);
	if (render_prepare(r) < 0)
		return 500;
	if (read_settings_form(r, &f) < 0)
		return 400;
	if (db_begin(db) < 0)
		return 503;
	int found = settings_row_get(db, 1, &row);
	if (found <= 0)
		goto fail;
	if (f.errors > 0) {
		db_rollback(db);
		status = settings_page(r, &row, &f, 422, "Nothing was saved: see "
		    "the notes below.");
		goto out;
	}
	if (row.version != f.version) {
		db_rollback(db);
		status = settings_page(r, &row, &f, 409, "Another administrator "
		    "changed the settings after you opened this page, so nothing "
		    "was saved. Your values are below; the page now shows theirs "
		    "underneath (reload to start again from them).");
		goto out;
	}
	/* the new row: stored values kept, a value changed from the one in
	 * force stored */
	const struct config *cfg = &r->app->cfg;
	memset(&v, 0, sizeof(v));
	v.org_name = row.have_org_name ? row.org_name : NULL;
	if (differs(f.org_name, row.have_org_name ? row.org_name : "")) {
		v.org_name = f.org_name[0] != '\0' ? f.org_name : NULL;
		changed(&keys, "org_name");
	}
	v.allow_list = row.allow_list[0] != '\0' ? row.allow_list : NULL;
	if (differs(f.allow_list, row.allow_list)) {
		v.allow_list = f.allow_list[0] != '\0' ? f.allow_list : NULL;
		changed(&keys, "phi_allow_list");
	}
	v.idle_minutes = row.idle_minutes;
	if (f.idle_minutes != (row.idle_minutes > 0 ? row.idle_minutes :
	    cfg->idle_seconds / 60)) {
		v.idle_minutes = f.idle_minutes;
		sbuf_printf(&keys, "%sidle_minutes=%ld", keys.len ? "," : "",
		    f.idle_minutes);
	}
	v.retain_published_days = row.retain_published_days;
	if (f.published_days != settings_retain_published_days(r->app, &row)) {
		v.retain_published_days = f.published_days;
		sbuf_printf(&keys, "%sretain_published_days=%ld", keys.len ?
		    "," : "", f.published_days);
	}
	v.retain_drafts_days = row.retain_drafts_days;
	if (f.drafts_days != settings_retain_drafts_days(r->app, &row)) {
		v.retain_drafts_days = f.drafts_days;
		sbuf_printf(&keys, "%sretain_drafts_days=%ld", keys.len ?
		    "," : "", f.drafts_days);
	}
	v.legal_hold = f.legal_hold;
	v.legal_hold_reason = f.legal_hold ? f.hold_reason : NULL;
	if (f.legal_hold != row.legal_hold)
		sbuf_printf(&keys, "%slegal_hold=%s", keys.len ? "," : "",
		    f.legal_hold ? "on" : "off");
	else if (f.legal_hold && differs(f.hold_reason, row.legal_hold_reason))
		changed(&keys, "legal_hold_reason");
	if (keys.failed)
		goto fail;
	if (keys.len == 0) {
		db_rollback(db);
		r->location = "/admin/settings?done=unchanged";
		status = 303;
		goto out;
	}
	char *detail = arena_printf(&r->arena, "changed=%s", keys.data);
	if (detail == NULL || q_settings_update(db, &v, r->sess.user_id) < 0 ||
	    audit_req(r, "settings.update", "settings", NULL, NULL, detail) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	r->location = "/admin/settings?done=saved";
	status = 303;
	goto out;
fail:
	db_rollback(db);
out:
	settings_row_free(&row);
	sbuf_free(&keys);
	return status;
}

int
page_settings(struct req *r)
{
	struct settings_row row;

	if (r->method == M_POST)
		return settings_save(r);
	int found = settings_row_get(r->app->db, 0, &row);
	if (found <= 0)
		return 503;
	int status = settings_page(r, &row, NULL, 200, NULL);
	settings_row_free(&row);
	return status;
}

/* ---- legal hold on one post ---------------------------------------- */

static int
hold_change(struct req *r, int hold)
{
	struct db *db = r->app->db;
	struct db_result h = { 0 };
	char object[32];
	const char *reason = arena_trim(&r->arena, req_form(r, "reason"));
	int status = 503;

	if (reason == NULL)
		return 500;
	if (reason[0] == '\0' || !one_line(reason) ||
	    utf8_count(reason) > REASON_MAX) {
		r->message = hold ? "Give the reason for the hold in one line of "
		    "at most 300 characters: nothing was changed." : "Say in one "
		    "line (at most 300 characters) why the hold ends: nothing was "
		    "changed.";
		return 422;
	}
	if (db_begin(db) < 0)
		return 503;
	if (q_post_hold_get(db, r->path_id, 1, &h) < 0)
		goto fail;
	if (h.nrows == 0) {
		status = 404;
		goto fail;
	}
	int on = db_cell_int(&h, 0, 0) != 0;
	r->location = arena_printf(&r->arena, "/review/%lld?done=%s",
	    r->path_id, hold ? "hold" : "release");
	if (r->location == NULL) {
		status = 500;
		goto fail;
	}
	if (on == hold) {
		/* already as asked (a second click): nothing to record */
		db_rollback(db);
		status = 303;
		goto out;
	}
	snprintf(object, sizeof(object), "post:%lld", r->path_id);
	const char *detail = arena_printf(&r->arena, "reason=%s", reason);
	if (detail == NULL || q_post_hold_set(db, r->path_id, hold ? reason :
	    NULL, r->sess.user_id) != 1 || audit_req(r, hold ?
	    "post.legal_hold" : "post.legal_hold_release", object, NULL, NULL,
	    detail) < 0 || db_commit(db) < 0)
		goto fail;
	status = 303;
	goto out;
fail:
	db_rollback(db);
out:
	db_result_free(&h);
	return status;
}

int
page_post_hold(struct req *r)
{
	return hold_change(r, 1);
}

int
page_post_release(struct req *r)
{
	return hold_change(r, 0);
}
