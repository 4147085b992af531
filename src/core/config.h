/* config.h — settings read once at start-up from the HDF file named by
 * $CLEARPOST_CONFIG (default conf/clearpost.hdf). Immutable afterwards. */
#ifndef CP_CONFIG_H
#define CP_CONFIG_H

#include <stddef.h>

struct config {
	char db_socket[512];
	char db_name[64];
	char db_user[64];
	char db_password[256];
	char root[512];       /* repository / install root */
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
};

/* Loads the config; returns 0, or -1 after printing why to stderr. The key
 * file is optional only when need_key is 0. */
int config_load(struct config *cfg, int need_key);

#endif
