/* settings.h — the organisation's settings that administrators change at
 * run time (/admin/settings): organisation name, the scanner's allow-list,
 * the session idle timeout, records retention and the global legal hold.
 *
 * They live in one database row with a version number. Each process keeps
 * a parsed copy in its struct app; settings_refresh() asks the database
 * for the version only (one primary-key read) and reloads and re-parses
 * the row when it changed, so a change takes effect at every program's
 * next request without a restart and the common request pays one tiny
 * query, never a parse of the allow-list. A value not stored (NULL) is the
 * configuration file's default. */
#ifndef CP_SETTINGS_H
#define CP_SETTINGS_H

#include "../phi/phi.h"

struct app;
struct db;

#define SETTINGS_ORG_MAX 128        /* characters */
#define SETTINGS_ALLOW_MAX 8000     /* bytes of allow-list text */
#define SETTINGS_IDLE_MIN 5         /* minutes */
#define SETTINGS_IDLE_MAX 240
#define SETTINGS_PUBLISHED_MIN 365  /* days: published records */
#define SETTINGS_DRAFTS_MIN 30      /* days: drafts that never went out */
#define SETTINGS_RETAIN_MAX 36500

/* The stored row as read (strings owned; "" / 0 where NULL, see the
 * have_* flags). */
struct settings_row {
	long long version;
	char org_name[4 * SETTINGS_ORG_MAX + 1];
	int have_org_name;
	char *allow_list;           /* owned, "" when none */
	long idle_minutes;          /* 0 when not stored */
	long retain_published_days; /* 0 when not stored */
	long retain_drafts_days;    /* 0 when not stored */
	int legal_hold;
	char legal_hold_reason[1201];
	char updated_at[20];        /* "" never changed */
	long long updated_by_id;    /* users.id, 0 never changed */
};

/* The parsed copy a process keeps. */
struct settings {
	long long version;          /* 0 until loaded */
	struct settings_row row;
	struct phi_config allow;    /* parsed row.allow_list */
	int allow_ok;               /* 0 when the stored list did not parse */
};

/* A new, empty copy (defaults until refreshed), or NULL. */
struct settings *settings_new(void);
void settings_free(struct settings *s);

/* Brings app's copy up to date: 0, or -1 when the database failed (the
 * previous copy, or the defaults, stay in force). */
int settings_refresh(struct app *app);

/* Reads the row (no cache). 1 found, 0 missing (not migrated), -1 error.
 * The caller frees it with settings_row_free. with_lock: FOR UPDATE. */
int settings_row_get(struct db *db, int with_lock, struct settings_row *out);
void settings_row_free(struct settings_row *row);

/* The values in force (stored, or the configuration's default). */
const char *settings_org_name(const struct app *app);
long settings_idle_seconds(const struct app *app);
/* The scanner's allow-list, or NULL when there is none. */
const struct phi_config *settings_allow(const struct app *app);
long settings_retain_published_days(const struct app *app,
    const struct settings_row *row);
long settings_retain_drafts_days(const struct app *app,
    const struct settings_row *row);

#endif
