/* q_settings.c — the organisation's settings row (see core/settings.h). */
#include <stdio.h>
#include <string.h>

#include "q.h"

static const char sql_version[] =
    "SELECT version FROM settings WHERE id = 1";
#define SETTINGS_SELECT \
    "SELECT s.version, s.org_name, IFNULL(s.phi_allow_list, ''), " \
    "IFNULL(s.idle_minutes, 0), IFNULL(s.retain_published_days, 0), " \
    "IFNULL(s.retain_drafts_days, 0), s.legal_hold, " \
    "IFNULL(s.legal_hold_reason, ''), " \
    "IFNULL(DATE_FORMAT(s.updated_at, '%Y-%m-%d %H:%i'), ''), " \
    "IFNULL(s.updated_by, 0) FROM settings s WHERE s.id = 1"
static const char sql_get[] = SETTINGS_SELECT;
static const char sql_get_lock[] = SETTINGS_SELECT " FOR UPDATE";
static const char sql_update[] =
    "UPDATE settings SET org_name = ?, phi_allow_list = ?, idle_minutes = ?, "
    "retain_published_days = ?, retain_drafts_days = ?, legal_hold = ?, "
    "legal_hold_reason = ?, updated_by = ?, updated_at = UTC_TIMESTAMP(), "
    "version = version + 1 WHERE id = 1";
static const char sql_hold_share[] =
    "SELECT legal_hold FROM settings WHERE id = 1 LOCK IN SHARE MODE";

long long
q_settings_version(struct db *db)
{
	struct db_result r;
	long long v = -1;
	if (db_exec(db, sql_version, NULL, 0, &r) == 0)
		v = r.nrows == 1 ? db_cell_int(&r, 0, 0) : 0;
	db_result_free(&r);
	return v;
}

int
q_settings_get(struct db *db, int with_lock, struct db_result *out)
{
	return db_exec(db, with_lock ? sql_get_lock : sql_get, NULL, 0, out);
}

static struct db_param
opt_str(const char *s)
{
	return s != NULL ? DB_STR(s) : DB_NULL;
}

static struct db_param
opt_int(long v)
{
	return v > 0 ? DB_INT(v) : DB_NULL;
}

int
q_settings_update(struct db *db, const struct q_settings_values *v,
    long long user_id)
{
	struct db_param p[] = { opt_str(v->org_name), opt_str(v->allow_list),
	    opt_int(v->idle_minutes), opt_int(v->retain_published_days),
	    opt_int(v->retain_drafts_days), DB_INT(v->legal_hold ? 1 : 0),
	    opt_str(v->legal_hold ? v->legal_hold_reason : NULL),
	    DB_INT(user_id) };
	return db_exec(db, sql_update, p, 8, NULL);
}

int
q_settings_global_hold(struct db *db)
{
	struct db_result r;
	int rc = -1;
	if (db_exec(db, sql_hold_share, NULL, 0, &r) == 0)
		rc = r.nrows == 1 && db_cell_int(&r, 0, 0) != 0;
	db_result_free(&r);
	return rc;
}
