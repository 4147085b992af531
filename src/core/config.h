/* config.h — settings read once at start-up from the HDF file named by
 * $CLEARPOST_CONFIG (default $(SYSCONFDIR)/clearpost/clearpost.hdf, fixed
 * at build time, see the Makefile). Immutable afterwards. */
#ifndef CP_CONFIG_H
#define CP_CONFIG_H

#include <stddef.h>

struct config {
	char db_socket[512];
	char db_name[64];
	char db_user[64];
	char db_password[256];
	char root[512];       /* Paths.Root: templates/ and sql/ live here;
	                       * default the install's share/clearpost */
	char templates[600];  /* template directory */
	char sql_dir[600];    /* migrations */
	unsigned char master_key[32];
	int have_key;
	int cookie_secure;
	long idle_seconds;
	long absolute_seconds;
	int login_max_failures;
	long login_window_seconds;
	long login_lock_seconds;
	size_t body_limit;
	size_t field_limit;
	size_t field_count_limit;
	size_t upload_limit;
	int kdf_iterations;
	/* Secret.CredentialsKeyFile: the AES-256-GCM key of platform
	 * credentials (64 hex digits), kept apart from the app key so that
	 * programs that never read credentials need not hold it. */
	unsigned char credentials_key[32];
	int have_credentials_key;
	char public_url[256];        /* Site.PublicURL, no trailing slash */
	char site_name[128];         /* Site.Name */
	/* Feed.* — the public Atom feed. TagDate is the date in every entry
	 * id (RFC 4151 tag URIs): once entries are out it must never change. */
	char feed_tag_date[16];      /* Feed.TagDate, YYYY[-MM[-DD]] as set */
	int feed_max_entries;        /* Feed.MaxEntries, 1..500 */
	/* Platforms.* — API bases and versions (see platform.h) */
	char x_api[256];
	char facebook_api[256];
	char linkedin_api[256];
	char linkedin_version[16];
	char bluesky_pds[256];
	/* Publisher.* */
	int allow_loopback_http;     /* Publisher.AllowLoopbackHttp */
	long connect_timeout_ms;     /* Publisher.ConnectTimeoutMs */
	long send_timeout_ms;        /* Publisher.TimeoutMs */
	long lease_seconds;          /* Publisher.LeaseSeconds */
	long poll_ms;                /* Publisher.PollMs */
	int max_attempts;            /* Publisher.MaxAttempts */
	long backoff_base_seconds;   /* Publisher.BackoffBaseSeconds */
	long backoff_max_seconds;    /* Publisher.BackoffMaxSeconds */
	long batch;                  /* Publisher.Batch: claims per round */
	/* Platforms.<Name>.MaxLength — length limits shown to authors and
	 * checked before sending; 0 = none */
	long max_length_mastodon, max_length_bluesky, max_length_x,
	    max_length_facebook, max_length_linkedin;
	/* Records.* — retention defaults, used until an administrator sets
	 * them on /admin/settings (see settings.h), and how often the
	 * publisher applies retention. */
	long retain_published_days;  /* Records.RetainPublishedDays */
	long retain_drafts_days;     /* Records.RetainDraftsDays */
	long retention_every_seconds; /* Records.RetentionEverySeconds */
	/* Policy.AckValidDays: an acknowledgement of the policy lapses after
	 * this many days (1..3650, default 365), so everyone reads it again
	 * at least that often. */
	long policy_ack_valid_days;
};

/* Loads the config; returns 0, or -1 after printing why to stderr. The key
 * file is optional only when need_key is 0. Same as
 * config_load_program(cfg, NULL, need_key). */
int config_load(struct config *cfg, int need_key);

/* config_load for one program (auth, feed, publisher, migrate, clearpost…):
 * DB.<program>.User and DB.<program>.PasswordFile, when set, replace DB.User
 * and DB.PasswordFile, so that each program can connect as its own MariaDB
 * user with only the grants it needs (sql/grants.sql). A secret file
 * (DB.*PasswordFile, Secret.*KeyFile) is read from $CREDENTIALS_DIRECTORY
 * under its base name when systemd put it there (LoadCredential=). */
int config_load_program(struct config *cfg, const char *program,
    int need_key);

#endif
