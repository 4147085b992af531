#include "config.h"

#include <ClearSilver.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "util.h"

static void
copy_setting(HDF *hdf, const char *name, const char *fallback, char *dst,
    size_t size)
{
	const char *v = hdf_get_value(hdf, name, fallback);
	snprintf(dst, size, "%s", v ? v : "");
}

/* Opens a secret file. Under systemd, a unit's LoadCredential= puts its
 * secrets in $CREDENTIALS_DIRECTORY, readable by the service's own (possibly
 * dynamic) user only: a file of the same base name found there is read
 * instead of path, so one configuration serves the units (which read their
 * credentials) and an administrator's shell (which reads /etc/clearpost). */
static FILE *
open_secret(const char *path)
{
	const char *dir = getenv("CREDENTIALS_DIRECTORY");
	const char *base = strrchr(path, '/');
	char alt[1024];

	base = base ? base + 1 : path;
	if (dir != NULL && *dir == '/' && *base != '\0' &&
	    (size_t)snprintf(alt, sizeof(alt), "%s/%s", dir, base) <
	    sizeof(alt)) {
		FILE *f = fopen(alt, "r");
		if (f != NULL)
			return f;
	}
	return fopen(path, "r");
}

/* Reads the first line of a small secret file into dst without the
 * newline. quiet: a file that cannot be opened is not reported (a secret
 * only some programs are given, see conf/systemd). */
static int
read_secret_file(const char *path, char *dst, size_t size, int quiet)
{
	FILE *f = open_secret(path);
	if (f == NULL) {
		if (!quiet)
			fprintf(stderr, "clearpost: cannot open %s: %s\n", path,
			    strerror(errno));
		return -1;
	}
	if (fgets(dst, (int)size, f) == NULL)
		dst[0] = '\0';
	fclose(f);
	dst[strcspn(dst, "\r\n")] = '\0';
	return 0;
}

/* The value of DB.<program>.<key> when program names a section that sets
 * it, else DB.<key>, else fallback. */
static const char *
db_setting(HDF *hdf, const char *program, const char *key,
    const char *fallback)
{
	char name[128];
	const char *v = NULL;

	if (program != NULL && *program != '\0' &&
	    (size_t)snprintf(name, sizeof(name), "DB.%s.%s", program, key) <
	    sizeof(name))
		v = hdf_get_value(hdf, name, NULL);
	if (v == NULL) {
		snprintf(name, sizeof(name), "DB.%s", key);
		v = hdf_get_value(hdf, name, fallback);
	}
	return v;
}

int
config_load(struct config *cfg, int need_key)
{
	return config_load_program(cfg, NULL, need_key);
}

int
config_load_program(struct config *cfg, const char *program, int need_key)
{
	HDF *hdf = NULL;
	NEOERR *err;
	int rc = -1;
	const char *path = getenv("CLEARPOST_CONFIG");
	char keyhex[130];

	memset(cfg, 0, sizeof(*cfg));
	if (path == NULL || *path == '\0')
		path = CP_CONFIG_FILE;
	err = hdf_init(&hdf);
	if (err == STATUS_OK)
		err = hdf_read_file(hdf, path);
	if (err != STATUS_OK) {
		STRING s;
		string_init(&s);
		nerr_error_string(err, &s);
		fprintf(stderr, "clearpost: cannot read config %s: %s\n", path,
		    s.buf ? s.buf : "");
		string_clear(&s);
		nerr_ignore(&err);
		goto out;
	}
	copy_setting(hdf, "DB.Socket", "var/run/mysql.sock", cfg->db_socket,
	    sizeof(cfg->db_socket));
	copy_setting(hdf, "DB.Name", "clearpost", cfg->db_name,
	    sizeof(cfg->db_name));
	snprintf(cfg->db_user, sizeof(cfg->db_user), "%s",
	    db_setting(hdf, program, "User", "clearpost"));
	copy_setting(hdf, "Paths.Root", CP_DATADIR, cfg->root,
	    sizeof(cfg->root));
	snprintf(cfg->templates, sizeof(cfg->templates), "%s/templates",
	    cfg->root);
	snprintf(cfg->sql_dir, sizeof(cfg->sql_dir), "%s/sql", cfg->root);

	const char *pwfile = db_setting(hdf, program, "PasswordFile", NULL);
	if (pwfile != NULL && read_secret_file(pwfile, cfg->db_password,
	    sizeof(cfg->db_password), 0) < 0)
		goto out;

	const char *keyfile = hdf_get_value(hdf, "Secret.KeyFile", NULL);
	if (keyfile != NULL && read_secret_file(keyfile, keyhex,
	    sizeof(keyhex), 0) == 0 && hex_decode(keyhex, strlen(keyhex),
	    cfg->master_key, sizeof(cfg->master_key)) == 0)
		cfg->have_key = 1;
	if (need_key && !cfg->have_key) {
		fprintf(stderr, "clearpost: Secret.KeyFile must hold 64 hex "
		    "digits\n");
		goto out;
	}

	cfg->cookie_secure = hdf_get_int_value(hdf, "Session.CookieSecure", 1);
	cfg->idle_seconds = hdf_get_int_value(hdf, "Session.IdleSeconds", 900);
	cfg->absolute_seconds = hdf_get_int_value(hdf,
	    "Session.AbsoluteSeconds", 43200);
	cfg->login_max_failures = hdf_get_int_value(hdf, "Login.MaxFailures",
	    5);
	cfg->login_window_seconds = hdf_get_int_value(hdf,
	    "Login.WindowSeconds", 900);
	cfg->login_lock_seconds = hdf_get_int_value(hdf, "Login.LockSeconds",
	    900);
	cfg->body_limit = (size_t)hdf_get_int_value(hdf, "Limits.FormBytes",
	    65536);
	cfg->field_limit = (size_t)hdf_get_int_value(hdf, "Limits.FieldBytes",
	    8192);
	cfg->field_count_limit = (size_t)hdf_get_int_value(hdf,
	    "Limits.Fields", 200);
	cfg->upload_limit = (size_t)hdf_get_int_value(hdf, "Limits.UploadBytes",
	    5242880);
	cfg->kdf_iterations = hdf_get_int_value(hdf, "Password.Iterations",
	    600000);
	keyfile = hdf_get_value(hdf, "Secret.CredentialsKeyFile", NULL);
	if (keyfile != NULL && read_secret_file(keyfile, keyhex,
	    sizeof(keyhex), 1) == 0 && hex_decode(keyhex, strlen(keyhex),
	    cfg->credentials_key, sizeof(cfg->credentials_key)) == 0)
		cfg->have_credentials_key = 1;
	copy_setting(hdf, "Site.PublicURL", "http://127.0.0.1:8080",
	    cfg->public_url, sizeof(cfg->public_url));
	size_t ul = strlen(cfg->public_url);
	while (ul > 0 && cfg->public_url[ul - 1] == '/')
		cfg->public_url[--ul] = '\0';
	copy_setting(hdf, "Site.Name", "Clearpost", cfg->site_name,
	    sizeof(cfg->site_name));
	copy_setting(hdf, "Feed.TagDate", "2026-01-01", cfg->feed_tag_date,
	    sizeof(cfg->feed_tag_date));
	cfg->feed_max_entries = hdf_get_int_value(hdf, "Feed.MaxEntries", 50);
	if (cfg->feed_max_entries < 1 || cfg->feed_max_entries > 500)
		cfg->feed_max_entries = 50;
	copy_setting(hdf, "Platforms.X.API", "https://api.x.com", cfg->x_api,
	    sizeof(cfg->x_api));
	copy_setting(hdf, "Platforms.Facebook.API",
	    "https://graph.facebook.com/v25.0", cfg->facebook_api,
	    sizeof(cfg->facebook_api));
	copy_setting(hdf, "Platforms.LinkedIn.API",
	    "https://api.linkedin.com/rest", cfg->linkedin_api,
	    sizeof(cfg->linkedin_api));
	copy_setting(hdf, "Platforms.LinkedIn.Version", "202510",
	    cfg->linkedin_version, sizeof(cfg->linkedin_version));
	copy_setting(hdf, "Platforms.Bluesky.PDS", "https://bsky.social",
	    cfg->bluesky_pds, sizeof(cfg->bluesky_pds));
	cfg->max_length_mastodon = hdf_get_int_value(hdf,
	    "Platforms.Mastodon.MaxLength", 500);
	cfg->max_length_bluesky = hdf_get_int_value(hdf,
	    "Platforms.Bluesky.MaxLength", 300);
	cfg->max_length_x = hdf_get_int_value(hdf, "Platforms.X.MaxLength",
	    280);
	cfg->max_length_facebook = hdf_get_int_value(hdf,
	    "Platforms.Facebook.MaxLength", 63206);
	cfg->max_length_linkedin = hdf_get_int_value(hdf,
	    "Platforms.LinkedIn.MaxLength", 3000);
	cfg->allow_loopback_http = hdf_get_int_value(hdf,
	    "Publisher.AllowLoopbackHttp", 0);
	cfg->connect_timeout_ms = hdf_get_int_value(hdf,
	    "Publisher.ConnectTimeoutMs", 10000);
	cfg->send_timeout_ms = hdf_get_int_value(hdf, "Publisher.TimeoutMs",
	    30000);
	cfg->lease_seconds = hdf_get_int_value(hdf, "Publisher.LeaseSeconds",
	    120);
	cfg->poll_ms = hdf_get_int_value(hdf, "Publisher.PollMs", 1000);
	cfg->max_attempts = hdf_get_int_value(hdf, "Publisher.MaxAttempts", 8);
	cfg->backoff_base_seconds = hdf_get_int_value(hdf,
	    "Publisher.BackoffBaseSeconds", 5);
	cfg->backoff_max_seconds = hdf_get_int_value(hdf,
	    "Publisher.BackoffMaxSeconds", 21600);
	cfg->batch = hdf_get_int_value(hdf, "Publisher.Batch", 10);
	cfg->retain_published_days = hdf_get_int_value(hdf,
	    "Records.RetainPublishedDays", 2557);
	cfg->retain_drafts_days = hdf_get_int_value(hdf,
	    "Records.RetainDraftsDays", 365);
	cfg->retention_every_seconds = hdf_get_int_value(hdf,
	    "Records.RetentionEverySeconds", 86400);
	if (cfg->retain_published_days < 1)
		cfg->retain_published_days = 2557;
	if (cfg->retain_drafts_days < 1)
		cfg->retain_drafts_days = 365;
	if (cfg->retention_every_seconds < 60)
		cfg->retention_every_seconds = 86400;
	cfg->policy_ack_valid_days = hdf_get_int_value(hdf,
	    "Policy.AckValidDays", 365);
	if (cfg->policy_ack_valid_days < 1 ||
	    cfg->policy_ack_valid_days > 3650)
		cfg->policy_ack_valid_days = 365;
	rc = 0;
out:
	memset(keyhex, 0, sizeof(keyhex));
	hdf_destroy(&hdf);
	return rc;
}
