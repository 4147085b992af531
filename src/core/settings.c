/* settings.c — see settings.h. */
#include "settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../db/q.h"
#include "app.h"
#include "db.h"
#include "log.h"

struct settings *
settings_new(void)
{
	struct settings *s = calloc(1, sizeof(*s));
	if (s == NULL)
		return NULL;
	phi_config_init(&s->allow);
	return s;
}

void
settings_row_free(struct settings_row *row)
{
	free(row->allow_list);
	row->allow_list = NULL;
}

void
settings_free(struct settings *s)
{
	if (s == NULL)
		return;
	settings_row_free(&s->row);
	phi_config_free(&s->allow);
	free(s);
}

int
settings_row_get(struct db *db, int with_lock, struct settings_row *out)
{
	struct db_result r;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (q_settings_get(db, with_lock, &r) < 0)
		goto out;
	rc = 0;
	if (r.nrows != 1)
		goto out;
	rc = -1;
	out->version = db_cell_int(&r, 0, 0);
	out->have_org_name = db_cell(&r, 0, 1) != NULL;
	db_cell_copy(&r, 0, 1, out->org_name, sizeof(out->org_name));
	out->allow_list = strdup(db_cell(&r, 0, 2) ? db_cell(&r, 0, 2) : "");
	if (out->allow_list == NULL)
		goto out;
	out->idle_minutes = (long)db_cell_int(&r, 0, 3);
	out->retain_published_days = (long)db_cell_int(&r, 0, 4);
	out->retain_drafts_days = (long)db_cell_int(&r, 0, 5);
	out->legal_hold = db_cell_int(&r, 0, 6) != 0;
	db_cell_copy(&r, 0, 7, out->legal_hold_reason,
	    sizeof(out->legal_hold_reason));
	db_cell_copy(&r, 0, 8, out->updated_at, sizeof(out->updated_at));
	out->updated_by_id = db_cell_int(&r, 0, 9);
	rc = 1;
out:
	db_result_free(&r);
	return rc;
}

int
settings_refresh(struct app *app)
{
	struct settings *s = app->settings;
	struct settings_row row;
	struct phi_config allow;

	if (s == NULL)
		return 0;
	long long v = q_settings_version(app->db);
	if (v < 0)
		return -1;
	if (v == s->version)
		return 0;
	int found = settings_row_get(app->db, 0, &row);
	if (found < 0)
		return -1;
	phi_config_init(&allow);
	int bad = found ? phi_config_parse(&allow, row.allow_list,
	    strlen(row.allow_list)) : 0;
	if (bad != 0)
		/* The settings page only stores lists that parse; a list
		 * changed behind its back is used up to its first bad line. */
		log_error("settings: allow-list line %d is not understood", bad);
	settings_row_free(&s->row);
	phi_config_free(&s->allow);
	s->row = row;
	s->allow = allow;
	s->allow_ok = bad == 0;
	/* not migrated yet: defaults, asked again next time */
	s->version = found ? row.version : 0;
	return 0;
}

const char *
settings_org_name(const struct app *app)
{
	const struct settings *s = app->settings;
	if (s != NULL && s->row.have_org_name && s->row.org_name[0] != '\0')
		return s->row.org_name;
	return app->cfg.site_name;
}

long
settings_idle_seconds(const struct app *app)
{
	const struct settings *s = app->settings;
	if (s != NULL && s->row.idle_minutes > 0)
		return s->row.idle_minutes * 60;
	return app->cfg.idle_seconds;
}

const struct phi_config *
settings_allow(const struct app *app)
{
	const struct settings *s = app->settings;
	if (s == NULL)
		return NULL;
	for (size_t k = 0; k < PHI_ALLOW__MAX; k++)
		if (s->allow.nvalues[k] > 0)
			return &s->allow;
	return NULL;
}

long
settings_retain_published_days(const struct app *app,
    const struct settings_row *row)
{
	return row != NULL && row->retain_published_days > 0 ?
	    row->retain_published_days : app->cfg.retain_published_days;
}

long
settings_retain_drafts_days(const struct app *app,
    const struct settings_row *row)
{
	return row != NULL && row->retain_drafts_days > 0 ?
	    row->retain_drafts_days : app->cfg.retain_drafts_days;
}
