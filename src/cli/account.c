/* account.c — `clearpost account add|list`: connects social accounts from
 * the command line (provisioning scripts, tests). The credentials are read
 * as one JSON object from stdin — never from argv, where `ps` would show
 * them — sealed with the credentials key and stored; they are never
 * printed. Exit codes: 0, 1 failure, 2 usage, 3 the name exists. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/crypto.h"
#include "../core/db.h"
#include "../core/json.h"
#include "../core/util.h"
#include "../db/q.h"
#include "../platform/platform.h"
#include "cli.h"

static int
account_usage(void)
{
	fprintf(stderr,
	    "usage: clearpost account add PLATFORM NAME --owner WHO "
	    "--purpose WHAT\n"
	    "           [--handle H] [--settings JSON]\n"
	    "           (credentials as a JSON object on stdin, except for "
	    "the feed; the account is registered for official use with its\n"
	    "           owner and purpose)\n"
	    "       clearpost account list\n"
	    "PLATFORM: mastodon bluesky x facebook linkedin webhook feed\n");
	return 2;
}

/* Reads all of stdin (at most 64 KiB) into b; 0 or -1. */
static int
read_stdin(struct sbuf *b)
{
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0) {
		sbuf_append(b, buf, n);
		if (b->len > 65536)
			return -1;
	}
	return b->failed || ferror(stdin) ? -1 : 0;
}

static int
is_object(const char *text, size_t len)
{
	struct json_doc *doc = NULL;
	int ok = json_parse(text, len, &doc) == 0 &&
	    json_type(json_root(doc)) == JSON_OBJECT;
	json_free(doc);
	return ok;
}

/* One line of text, 1..max characters. */
static int
register_text_ok(const char *s, int max)
{
	int n = 0;
	for (const char *p = s; *p; p++) {
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			return 0;
		if (((unsigned char)*p & 0xc0) != 0x80)
			n++;
	}
	return n >= 1 && n <= max && utf8_valid_text(s, strlen(s));
}

static int
account_add(struct app *app, int argc, char **argv)
{
	const char *platform = argv[0], *name = argv[1], *handle = "";
	const char *settings = "{}", *owner = NULL, *purpose = NULL;
	struct sbuf secrets, blob;
	struct audit_entry e;
	char object[32], aad[40];
	long long id;
	int rc = 1;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--handle") == 0 && i + 1 < argc)
			handle = argv[++i];
		else if (strcmp(argv[i], "--settings") == 0 && i + 1 < argc)
			settings = argv[++i];
		else if (strcmp(argv[i], "--owner") == 0 && i + 1 < argc)
			owner = argv[++i];
		else if (strcmp(argv[i], "--purpose") == 0 && i + 1 < argc)
			purpose = argv[++i];
		else
			return account_usage();
	}
	if (platform_find(platform) == NULL || name[0] == '\0' ||
	    strlen(name) > 100 || strlen(handle) > 200)
		return account_usage();
	/* Adding an account from a script is an administrator's act of
	 * registering it: who owns it and what it is for are required. */
	if (owner == NULL || purpose == NULL || !register_text_ok(owner,
	    ACCOUNT_OWNER_MAX) || !register_text_ok(purpose,
	    ACCOUNT_PURPOSE_MAX)) {
		fprintf(stderr, "clearpost: give --owner (a person or team, at "
		    "most %d characters) and --purpose (at most %d characters), "
		    "each one line of text\n", ACCOUNT_OWNER_MAX,
		    ACCOUNT_PURPOSE_MAX);
		return 2;
	}
	if (!is_object(settings, strlen(settings))) {
		fprintf(stderr, "clearpost: --settings must be a JSON object\n");
		return 2;
	}
	sbuf_init(&secrets);
	sbuf_init(&blob);
	int feed = strcmp(platform, "feed") == 0;
	if (!feed) {
		if (!app->cfg.have_credentials_key) {
			fprintf(stderr, "clearpost: Secret.CredentialsKeyFile is not "
			    "configured\n");
			goto out;
		}
		if (read_stdin(&secrets) < 0 || !is_object(secrets.data ?
		    secrets.data : "", secrets.len)) {
			fprintf(stderr, "clearpost: give the credentials as one JSON "
			    "object on stdin\n");
			rc = 2;
			goto out;
		}
	}
	if (db_begin(app->db) < 0)
		goto out;
	if (q_account_insert(app->db, platform, name, handle, settings,
	    &id) < 0) {
		fprintf(stderr, "clearpost: account %s not added (does the name "
		    "exist already?)\n", name);
		rc = 3;
		goto out;
	}
	snprintf(aad, sizeof(aad), "account:%lld", id);
	if (!feed && (crypto_seal(app->cfg.credentials_key, secrets.data,
	    secrets.len, aad, &blob) < 0 || blob.failed ||
	    q_account_set_credentials(app->db, id, blob.data, blob.len) < 0))
		goto out;
	snprintf(object, sizeof(object), "account:%lld", id);
	memset(&e, 0, sizeof(e));
	e.actor_name = "cli";
	e.action = "account.add";
	e.object = object;
	e.to_state = "active";
	e.ip = "local";
	e.detail = platform;
	if (audit_append(app->db, app->audit_key, &e) < 0 ||
	    q_account_register(app->db, id, owner, purpose, 0) < 0)
		goto out;
	memset(&e, 0, sizeof(e));
	e.actor_name = "cli";
	e.action = "account.register";
	e.object = object;
	e.to_state = "registered";
	e.ip = "local";
	e.detail = "fields=owner,purpose";
	if (audit_append(app->db, app->audit_key, &e) < 0 ||
	    db_commit(app->db) < 0)
		goto out;
	printf("%lld\n", id);
	rc = 0;
out:
	if (db_in_transaction(app->db))
		db_rollback(app->db);
	if (secrets.data != NULL)
		crypto_free_secret(secrets.data, secrets.len), secrets.data = NULL;
	sbuf_free(&secrets);
	sbuf_free(&blob);
	return rc;
}

int
cli_account(struct app *app, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[0], "add") == 0)
		return account_add(app, argc - 1, argv + 1);
	if (argc == 1 && strcmp(argv[0], "list") == 0) {
		struct db_result r = { 0 };
		if (q_account_list(app->db, &r) < 0) {
			db_result_free(&r);
			return 1;
		}
		for (size_t i = 0; i < r.nrows; i++)
			printf("%s\t%s\t%s\t%s\t%s\n", db_cell(&r, i, 0),
			    db_cell(&r, i, 1), db_cell(&r, i, 2),
			    db_cell(&r, i, 4), db_cell_int(&r, i, 9) ?
			    "registered" : "unregistered");
		db_result_free(&r);
		return 0;
	}
	return account_usage();
}
