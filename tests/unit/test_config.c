/* The configuration as the programs read it: each program's own database
 * user and password (DB.<program>.*, else DB.*), secrets from systemd's
 * credentials directory, and the installation's Paths.Root by default. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../src/core/config.h"
#include "../../src/core/paths.h"

static char dir[64];

static void
write_file(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A config in a fresh directory: DB.User web, the feed its own user, the
 * publisher only its own password file; keys in that directory. */
static int
setup(void **state)
{
	char hdf[2048], path[256];
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/cp-config-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	write_file("db-web.password", "webpass\n");
	write_file("db-feed.password", "feedpass\n");
	write_file("db-publisher.password", "pubpass");
	write_file("app.key", "000102030405060708090a0b0c0d0e0f"
	    "101112131415161718191a1b1c1d1e1f\n");
	snprintf(hdf, sizeof(hdf),
	    "DB.User = clearpost_web\n"
	    "DB.PasswordFile = %s/db-web.password\n"
	    "DB.feed.User = clearpost_feed\n"
	    "DB.feed.PasswordFile = %s/db-feed.password\n"
	    "DB.publisher.PasswordFile = %s/db-publisher.password\n"
	    "Secret.KeyFile = %s/app.key\n"
	    "Secret.CredentialsKeyFile = %s/credentials.key\n",
	    dir, dir, dir, dir, dir);
	write_file("clearpost.hdf", hdf);
	snprintf(path, sizeof(path), "%s/clearpost.hdf", dir);
	setenv("CLEARPOST_CONFIG", path, 1);
	unsetenv("CREDENTIALS_DIRECTORY");
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void
each_program_its_own_user(void **state)
{
	struct config c;
	(void)state;
	assert_int_equal(config_load_program(&c, "feed", 1), 0);
	assert_string_equal(c.db_user, "clearpost_feed");
	assert_string_equal(c.db_password, "feedpass");
	/* no section of its own: DB.User, DB.PasswordFile */
	assert_int_equal(config_load_program(&c, "auth", 1), 0);
	assert_string_equal(c.db_user, "clearpost_web");
	assert_string_equal(c.db_password, "webpass");
	assert_int_equal(config_load(&c, 1), 0);
	assert_string_equal(c.db_user, "clearpost_web");
	/* a section may override one setting and inherit the other */
	assert_int_equal(config_load_program(&c, "publisher", 1), 0);
	assert_string_equal(c.db_user, "clearpost_web");
	assert_string_equal(c.db_password, "pubpass");
	assert_true(c.have_key);
	/* no credentials key file: optional, not an error */
	assert_false(c.have_credentials_key);
}

static void
secrets_from_the_credentials_directory_first(void **state)
{
	char creds[128];
	struct config c;
	(void)state;
	snprintf(creds, sizeof(creds), "%s/creds", dir);
	assert_int_equal(mkdir(creds, 0700), 0);
	write_file("creds/db-feed.password", "from-systemd\n");
	write_file("creds/credentials.key", "ffeeddccbbaa99887766554433221100"
	    "ffeeddccbbaa99887766554433221100");
	setenv("CREDENTIALS_DIRECTORY", creds, 1);
	assert_int_equal(config_load_program(&c, "feed", 1), 0);
	assert_string_equal(c.db_password, "from-systemd");
	assert_true(c.have_credentials_key);
	assert_int_equal(c.credentials_key[0], 0xff);
	/* a secret not there is read from its configured path */
	assert_true(c.have_key);
	assert_int_equal(c.master_key[1], 0x01);
	assert_int_equal(config_load_program(&c, "auth", 1), 0);
	assert_string_equal(c.db_password, "webpass");
	unsetenv("CREDENTIALS_DIRECTORY");
}

static void
missing_password_file_fails(void **state)
{
	struct config c;
	char path[256];
	(void)state;
	snprintf(path, sizeof(path), "%s/db-feed.password", dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(config_load_program(&c, "feed", 1), -1);
	assert_int_equal(config_load_program(&c, "desk", 1), 0);
}

static void
paths_root_defaults_to_the_installation(void **state)
{
	struct config c;
	(void)state;
	assert_int_equal(config_load(&c, 1), 0);
	assert_string_equal(c.root, CP_DATADIR);
	assert_string_equal(c.templates, CP_DATADIR "/templates");
	assert_string_equal(c.sql_dir, CP_DATADIR "/sql");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(each_program_its_own_user,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    secrets_from_the_credentials_directory_first, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(missing_password_file_fails,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    paths_root_defaults_to_the_installation, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
