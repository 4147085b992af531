/* The organisation's settings in force: a value stored by an
 * administrator wins, a value not stored is the configuration's default,
 * and the stored allow-list is what the desk's scans use. (Loading from
 * the database is covered by tests/http/records.test.mjs.) */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../src/core/app.h"
#include "../../src/core/settings.h"

static void
config_defaults(struct app *app)
{
	memset(app, 0, sizeof(*app));
	strcpy(app->cfg.site_name, "Clearpost");
	app->cfg.idle_seconds = 900;
	app->cfg.retain_published_days = 2557;
	app->cfg.retain_drafts_days = 365;
}

static void
defaults_without_settings(void **state)
{
	struct app app;
	(void)state;
	config_defaults(&app);
	/* a process without a settings copy (unit tests, tools) */
	assert_string_equal(settings_org_name(&app), "Clearpost");
	assert_int_equal(settings_idle_seconds(&app), 900);
	assert_null(settings_allow(&app));
	assert_int_equal(settings_retain_published_days(&app, NULL), 2557);
	assert_int_equal(settings_retain_drafts_days(&app, NULL), 365);
	assert_int_equal(settings_refresh(&app), 0);
}

static void
stored_values_win(void **state)
{
	struct app app;
	(void)state;
	config_defaults(&app);
	app.settings = settings_new();
	assert_non_null(app.settings);
	/* nothing stored yet: the defaults */
	assert_string_equal(settings_org_name(&app), "Clearpost");
	assert_int_equal(settings_idle_seconds(&app), 900);
	assert_null(settings_allow(&app));

	struct settings_row *row = &app.settings->row;
	strcpy(row->org_name, "Harbor General");
	row->have_org_name = 1;
	row->idle_minutes = 5;
	row->retain_published_days = 3650;
	assert_string_equal(settings_org_name(&app), "Harbor General");
	assert_int_equal(settings_idle_seconds(&app), 300);
	assert_int_equal(settings_retain_published_days(&app, row), 3650);
	/* not stored: still the default */
	assert_int_equal(settings_retain_drafts_days(&app, row), 365);
	/* an empty stored name is no name */
	row->org_name[0] = '\0';
	assert_string_equal(settings_org_name(&app), "Clearpost");
	settings_free(app.settings);
}

static void
allow_list_reaches_the_scanner(void **state)
{
	static const char text[] = "Call our nurse line at (401) 555-0100.";
	static const char list[] = "# ours\nphone: (401) 555-0100\n";
	struct phi_findings f;
	struct app app;
	(void)state;
	config_defaults(&app);
	app.settings = settings_new();
	assert_non_null(app.settings);
	phi_findings_init(&f);
	assert_int_equal(phi_scan(text, strlen(text), settings_allow(&app), &f),
	    0);
	assert_int_equal(f.n, 1);
	assert_int_equal(phi_config_parse(&app.settings->allow, list,
	    strlen(list)), 0);
	assert_non_null(settings_allow(&app));
	assert_int_equal(phi_scan(text, strlen(text), settings_allow(&app), &f),
	    0);
	assert_int_equal(f.n, 0);
	phi_findings_free(&f);
	settings_free(app.settings);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_without_settings),
		cmocka_unit_test(stored_values_win),
		cmocka_unit_test(allow_list_reaches_the_scanner),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
