#include "app.h"

#include <string.h>

#include "db.h"
#include "log.h"
#include "settings.h"
#include "../platform/length.h"

int
app_init(struct app *app, const char *program)
{
	memset(app, 0, sizeof(*app));
	app->program = program;
	if (config_load_program(&app->cfg, program, 1) < 0)
		return -1;
	platform_limits_configure(app->cfg.max_length_mastodon,
	    app->cfg.max_length_bluesky, app->cfg.max_length_x,
	    app->cfg.max_length_facebook, app->cfg.max_length_linkedin);
	/* Separate keys per purpose: a leak of one does not forge the other. */
	crypto_derive_key(app->cfg.master_key, "clearpost csrf v1",
	    app->csrf_key);
	crypto_derive_key(app->cfg.master_key, "clearpost audit v1",
	    app->audit_key);
	app->db = db_new(&app->cfg);
	app->settings = settings_new();
	if (app->db == NULL || app->settings == NULL) {
		log_error("out of memory");
		return -1;
	}
	return 0;
}

void
app_free(struct app *app)
{
	db_free(app->db);
	settings_free(app->settings);
	memset(app, 0, sizeof(*app));
}
