/* clearpost — the command line: schema migrations, users, accounts, the
 * audit log's integrity check and export, records retention, the PHI
 * scanner and the publisher daemon.
 *
 * Every subcommand is one row of `commands` below: its name, its usage
 * text, the program name its settings are read under (NULL: it needs
 * neither configuration nor database) and its handler. `clearpost CMD
 * --help` and `clearpost help CMD` print that usage on stdout and exit 0;
 * the exit codes are those of cli.h (CLI_EXIT_*), the same for every
 * subcommand and listed in man/clearpost.1. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/crypto.h"
#include "../core/db.h"
#include "../core/log.h"
#include "../core/paths.h"
#include "../core/session.h"
#include "../db/q.h"
#include "cli.h"

#define EXIT_USAGE CLI_EXIT_USAGE
#define EXIT_CONFLICT CLI_EXIT_CONFLICT

static const struct cli_command *find_command(const char *name);

int
cli_usage(const char *command)
{
	const struct cli_command *c = find_command(command);
	if (c != NULL)
		fputs(c->usage, stderr);
	return CLI_EXIT_USAGE;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
is_migration_name(const char *n)
{
	size_t len = strlen(n);
	return len > 9 && n[0] >= '0' && n[0] <= '9' && n[1] >= '0' &&
	    n[1] <= '9' && n[2] >= '0' && n[2] <= '9' && n[3] >= '0' &&
	    n[3] <= '9' && n[4] == '_' && strcmp(n + len - 4, ".sql") == 0;
}

static int
read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct sbuf b;
	char chunk[8192];
	size_t n;

	if (f == NULL)
		return -1;
	sbuf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sbuf_append(&b, chunk, n);
	fclose(f);
	if (b.failed) {
		sbuf_free(&b);
		return -1;
	}
	*out = b.data;
	*len = b.len;
	return 0;
}

static int
cmd_migrate(struct app *app)
{
	DIR *d = opendir(app->cfg.sql_dir);
	char *names[512];
	size_t n = 0;
	int rc = 1;
	struct dirent *de;

	if (d == NULL) {
		fprintf(stderr, "clearpost: cannot open %s\n", app->cfg.sql_dir);
		return 1;
	}
	while ((de = readdir(d)) != NULL && n < 512)
		if (is_migration_name(de->d_name))
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_names);
	if (q_migration_ensure_table(app->db) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		char path[1200], *sql = NULL;
		size_t len;
		int applied = q_migration_applied(app->db, names[i]);
		if (applied < 0)
			goto out;
		if (applied)
			continue;
		snprintf(path, sizeof(path), "%s/%s", app->cfg.sql_dir, names[i]);
		if (read_file(path, &sql, &len) < 0) {
			fprintf(stderr, "clearpost: cannot read %s\n", path);
			goto out;
		}
		int ok = db_run_script(app->db, sql, len) == 0 &&
		    q_migration_record(app->db, names[i]) == 0;
		free(sql);
		if (!ok) {
			fprintf(stderr, "clearpost: migration %s failed\n",
			    names[i]);
			goto out;
		}
		printf("applied %s\n", names[i]);
	}
	rc = 0;
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	return rc;
}

/* Reads the password for user name: one line of stdin (which must pass
 * the password policy), or a generated one (printed). */
static int
get_password(int from_stdin, const char *name, char *out, size_t n)
{
	if (from_stdin) {
		const char *why;
		if (fgets(out, (int)n, stdin) == NULL)
			return -1;
		out[strcspn(out, "\r\n")] = '\0';
		if ((why = password_problem(name, out)) != NULL) {
			fprintf(stderr, "clearpost: %s\n", why);
			return -1;
		}
		return 0;
	}
	unsigned char raw[12];
	if (crypto_random(raw, sizeof(raw)) < 0)
		return -1;
	hex_encode(raw, sizeof(raw), out);
	printf("password: %s\n", out);
	return 0;
}

/* Runs one user change and its audit entry in one transaction. */
static int
audited(struct app *app, const char *action, long long user_id,
    const char *detail)
{
	struct audit_entry e;
	char object[32];
	snprintf(object, sizeof(object), "user:%lld", user_id);
	memset(&e, 0, sizeof(e));
	e.actor_name = "cli";
	e.action = action;
	e.object = object;
	e.ip = "local";
	e.detail = detail;
	return audit_append(app->db, app->audit_key, &e);
}

/* Inside a transaction: locks the active administrators and returns 1
 * when user_id is the only one, 0 when not, -1 on error. */
static int
last_admin(struct db *db, long long user_id)
{
	struct db_result r;
	int rc = -1;
	if (q_user_admins_lock(db, &r) == 0)
		rc = r.nrows == 1 && db_cell_int(&r, 0, 0) == user_id;
	db_result_free(&r);
	return rc;
}

static int
cmd_user(struct app *app, int argc, char **argv)
{
	char password[PASSWORD_MAX_BYTES + 2], hash[PASSWORD_HASH_MAX];
	char detail[64], names[40];
	struct q_user u;
	int from_stdin = argc > 0 && strcmp(argv[argc - 1],
	    "--password-stdin") == 0;
	int rc = 1;

	if (from_stdin)
		argc--;
	if (argc == 1 && strcmp(argv[0], "list") == 0) {
		struct db_result r;
		if (q_user_list(app->db, &r) < 0) {
			db_result_free(&r);
			return 1;
		}
		for (size_t i = 0; i < r.nrows; i++)
			printf("%s\t%s\t%s\n", db_cell(&r, i, 1),
			    db_cell(&r, i, 2), db_cell_int(&r, i, 3) ?
			    "active" : "disabled");
		db_result_free(&r);
		return 0;
	}
	if (argc < 2)
		return cli_usage("user");
	const char *name = argv[1];
	if (!user_name_valid(name)) {
		fprintf(stderr, "clearpost: user names are 1-64 of a-z 0-9 . _ "
		    "-\n");
		return EXIT_USAGE;
	}
	int found = q_user_by_name(app->db, name, &u);
	if (found < 0)
		return 1;

	if (strcmp(argv[0], "add") == 0 && argc == 3) {
		long long id;
		unsigned roles = roles_from_names(argv[2]);
		if (roles == 0)
			return cli_usage("user");
		if (found) {
			fprintf(stderr, "clearpost: user %s exists\n", name);
			return EXIT_CONFLICT;
		}
		if (get_password(from_stdin, name, password,
		    sizeof(password)) < 0 || password_hash(password,
		    app->cfg.kdf_iterations, hash, sizeof(hash)) < 0)
			goto out;
		roles_names(roles, ",", names, sizeof(names));
		snprintf(detail, sizeof(detail), "role=%s", names);
		if (db_begin(app->db) < 0)
			goto out;
		if (q_user_insert(app->db, name, names, hash, &id) < 0 ||
		    audited(app, "user.add", id, detail) < 0 ||
		    db_commit(app->db) < 0)
			goto out;
		rc = 0;
	} else if (argc == 2 && (strcmp(argv[0], "passwd") == 0 ||
	    strcmp(argv[0], "disable") == 0 || strcmp(argv[0], "enable") == 0)) {
		if (!found) {
			fprintf(stderr, "clearpost: no user %s\n", name);
			return EXIT_CONFLICT;
		}
		int passwd = strcmp(argv[0], "passwd") == 0;
		int enable = strcmp(argv[0], "enable") == 0;
		if (passwd && (get_password(from_stdin, name, password,
		    sizeof(password)) < 0 || password_hash(password,
		    app->cfg.kdf_iterations, hash, sizeof(hash)) < 0))
			goto out;
		if (db_begin(app->db) < 0)
			goto out;
		if (!passwd && !enable) {
			int last = last_admin(app->db, u.id);
			if (last < 0)
				goto out;
			if (last) {
				fprintf(stderr, "clearpost: %s is the last "
				    "active administrator\n", name);
				rc = EXIT_CONFLICT;
				goto out;
			}
		}
		/* A new password or a disabled account ends every session. */
		if ((passwd ? q_user_new_password(app->db, u.id, hash,
		    "chosen") :
		    q_user_set_active(app->db, u.id, enable)) < 0 ||
		    (!enable && q_session_delete_for_user(app->db, u.id) < 0) ||
		    audited(app, passwd ? "user.passwd" : enable ?
		    "user.enable" : "user.disable", u.id, NULL) < 0 ||
		    db_commit(app->db) < 0)
			goto out;
		rc = 0;
	} else {
		return cli_usage("user");
	}
out:
	if (db_in_transaction(app->db))
		db_rollback(app->db);
	memset(password, 0, sizeof(password));
	if (rc == 1)
		fprintf(stderr, "clearpost: user %s failed\n", argv[0]);
	return rc;
}

static int
audit_usage(void)
{
	return cli_usage("audit");
}

static int
audit_cmd_verify(struct app *app)
{
	long long count, bad;
	int rc = audit_verify(app->db, app->audit_key, &count, &bad);
	if (rc < 0) {
		fprintf(stderr, "clearpost: cannot read the audit log\n");
		return 1;
	}
	if (rc > 0) {
		printf("audit log BROKEN at entry %lld (%lld entries read "
		    "before it)\n", bad, count);
		return 1;
	}
	printf("audit log intact: %lld entries\n", count);
	return 0;
}

/* Writes the CSV on stdout a thousand entries at a time; 0 or -1. */
static int
audit_write_csv(struct app *app, const struct audit_filter *f)
{
	struct db_result rows = { 0 };
	struct sbuf b;
	long long after = 0;
	int rc = -1;

	sbuf_init(&b);
	audit_csv_header(&b);
	for (;;) {
		if (q_audit_search_newer(app->db, f, after, 1000, &rows) < 0)
			goto out;
		audit_csv_rows(&b, &rows);
		if (b.failed || fwrite(b.data, 1, b.len, stdout) != b.len)
			goto out;
		b.len = 0;
		if (rows.nrows < 1000)
			break;
		after = db_cell_int(&rows, rows.nrows - 1, QA_ID);
		db_result_free(&rows);
	}
	rc = fflush(stdout) == 0 ? 0 : -1;
out:
	db_result_free(&rows);
	sbuf_free(&b);
	return rc;
}

static int
audit_cmd_export(struct app *app, int argc, char **argv)
{
	static const char *const opts[] = { "--actor", "--action", "--object",
	    "--from", "--to" };
	const char *v[5] = { NULL };
	struct audit_filter f;
	struct audit_filter_errors err;
	struct audit_entry e;
	char detail[600];

	for (int i = 0; i < argc; i += 2) {
		size_t k;
		for (k = 0; k < 5; k++)
			if (strcmp(argv[i], opts[k]) == 0)
				break;
		if (k == 5 || i + 1 >= argc || v[k] != NULL)
			return audit_usage();
		v[k] = argv[i + 1];
	}
	if (audit_filter_parse(&f, v[0], v[1], v[2], v[3], v[4], &err) > 0) {
		const char *msgs[] = { err.actor, err.action, err.object,
		    err.from, err.to };
		for (size_t k = 0; k < 5; k++)
			if (msgs[k] != NULL)
				fprintf(stderr, "clearpost: %s: %s\n", opts[k],
				    msgs[k]);
		return EXIT_USAGE;
	}
	/* Reading the log is recorded first, in its own transaction. */
	audit_filter_describe(&f, detail, sizeof(detail));
	memset(&e, 0, sizeof(e));
	e.actor_name = "cli";
	e.action = "audit.export";
	e.object = "audit_log";
	e.ip = "local";
	e.detail = detail;
	if (db_begin(app->db) < 0 || audit_append(app->db, app->audit_key,
	    &e) < 0 || db_commit(app->db) < 0) {
		if (db_in_transaction(app->db))
			db_rollback(app->db);
		fprintf(stderr, "clearpost: cannot record the export in the "
		    "audit log\n");
		return 1;
	}
	if (audit_write_csv(app, &f) < 0) {
		fprintf(stderr, "clearpost: audit export failed\n");
		return 1;
	}
	return 0;
}

static int
cmd_audit(struct app *app, int argc, char **argv)
{
	if (argc == 1 && strcmp(argv[0], "verify") == 0)
		return audit_cmd_verify(app);
	if (argc >= 1 && strcmp(argv[0], "export") == 0)
		return audit_cmd_export(app, argc - 1, argv + 1);
	return audit_usage();
}

static int
cmd_migrate_args(struct app *app, int argc, char **argv)
{
	(void)argv;
	return argc == 0 ? cmd_migrate(app) : cli_usage("migrate");
}

static int
run_scan(struct app *app, int argc, char **argv)
{
	(void)app;
	return cli_scan(argc, argv);
}

static int
run_bench(struct app *app, int argc, char **argv)
{
	(void)app;
	return cli_bench(argc, argv);
}

static int
run_connector(struct app *app, int argc, char **argv)
{
	(void)app;
	return cli_connector(argc, argv);
}

/* The subcommands, in the order `clearpost help` lists them. A usage text
 * starts with "usage: clearpost NAME" and ends with a newline. */
static const struct cli_command commands[] = {
	{ "migrate", "apply new schema migrations",
	    "usage: clearpost migrate\n"
	    "  Applies every sql/NNNN_*.sql file not applied yet, in order, and\n"
	    "  records each in schema_migrations. Connects as DB.migrate.User\n"
	    "  (the schema owner) when that is set. Then apply sql/grants.sql.\n",
	    "migrate", cmd_migrate_args },
	{ "user", "add, change and list the people who sign in",
	    "usage: clearpost user add NAME ROLES [--password-stdin]\n"
	    "       clearpost user passwd NAME [--password-stdin]\n"
	    "       clearpost user disable NAME | clearpost user enable NAME\n"
	    "       clearpost user list\n"
	    "  ROLES: author, reviewer, admin, or several joined by commas\n"
	    "  (author,reviewer). NAME: 1-64 of a-z 0-9 . _ -\n"
	    "  Without --password-stdin a password is generated and printed;\n"
	    "  with it, the first line of stdin is the password (it must pass\n"
	    "  the password policy). A new password or a disabled user ends\n"
	    "  every session of that user. Exit 3: the user exists (add), does\n"
	    "  not (passwd, disable, enable), or is the last active\n"
	    "  administrator (disable).\n",
	    "clearpost", cmd_user },
	{ "audit", "check the audit log's hash chain; export it as CSV",
	    "usage: clearpost audit verify\n"
	    "       clearpost audit export [--from T] [--to T] [--actor NAME]\n"
	    "                              [--action ACTION] [--object OBJECT]\n"
	    "verify walks the hash chain: exit 0 intact, 1 broken (the first\n"
	    "altered or missing entry is named) or unreadable, 2 usage.\n"
	    "export writes the matching entries as CSV (RFC 4180) on stdout,\n"
	    "oldest first, and records the export in the log itself: exit 0,\n"
	    "1 failure, 2 usage. Times are UTC: 2026-03-01, 2026-03-01T14:30\n"
	    "or 2026-03-01T14:30:15; --to includes the day, minute or second\n"
	    "it names. OBJECT is post:17, or a kind alone (post).\n",
	    "clearpost", cmd_audit },
	{ "account", "connect social accounts",
	    "usage: clearpost account add PLATFORM NAME --owner WHO "
	    "--purpose WHAT\n"
	    "           [--handle H] [--settings JSON]\n"
	    "       clearpost account list\n"
	    "  PLATFORM: mastodon bluesky x facebook linkedin webhook feed\n"
	    "  The credentials are one JSON object on stdin (none for the\n"
	    "  feed), sealed with Secret.CredentialsKeyFile; never printed.\n"
	    "  The account is registered for official use with its owner and\n"
	    "  purpose. Exit 3: an account of that name exists.\n",
	    "clearpost", cli_account },
	{ "retention", "delete records past their retention period",
	    "usage: clearpost retention run [--dry-run]\n"
	    "  Deletes the posts past their retention period now (the\n"
	    "  publisher does it once a day), one line per post and a\n"
	    "  summary; posts on legal hold are kept. --dry-run lists what\n"
	    "  would go. Exit 0 done (also when a hold kept everything), 1 the\n"
	    "  database failed or a post could not be deleted.\n",
	    "clearpost", cli_retention },
	{ "publisher", "send approved posts (the daemon)",
	    "usage: clearpost publisher [--once]\n"
	    "  Sends due deliveries until SIGTERM or SIGINT, which let the send\n"
	    "  in flight finish; --once sends what is due now and exits.\n"
	    "  Connects as DB.publisher.User when that is set.\n",
	    "publisher", cli_publisher },
	{ "scan", "find PHI in text (JSON Lines)",
	    "usage: clearpost scan [--lines] [--allow FILE] [FILE...]\n"
	    "  Reads the files (none or - : stdin) and prints one JSON object per\n"
	    "  document: {\"doc\": N, \"findings\": [{\"start\": S, \"end\": "
	    "E,\n"
	    "  \"category\": C, \"severity\": \"block\"|\"review\", "
	    "\"rule\": R}]}\n"
	    "  (byte offsets; the matched text is never printed).\n"
	    "  --lines       every input line is a document\n"
	    "  --allow FILE  allow-list: lines 'phone|domain|address|hashtag|"
	    "name|handle: value'\n"
	    "  Findings do not change the exit status.\n",
	    NULL, run_scan },
	{ "bench", "scanner throughput",
	    "usage: clearpost bench [FILE...]\n"
	    "  The scanner's throughput on one core over generated drafts,\n"
	    "  and over the drafts of the files (one per line; '# ' lines\n"
	    "  and {{CATEGORY: }} labels are left out).\n",
	    NULL, run_bench },
	{ "connector", "one platform call without a database (tests)",
	    "usage: clearpost connector PLATFORM test|publish|reconcile "
	    "< input.json\n"
	    "  Runs one connector call and prints one JSON line with its\n"
	    "  result. For tests against the platform doubles: the output may\n"
	    "  carry credentials.\n",
	    NULL, run_connector },
};

static const struct cli_command *
find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (name != NULL && strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static void
overview(FILE *out)
{
	fputs("usage: clearpost COMMAND [ARGS]\n"
	    "       clearpost help [COMMAND] | clearpost COMMAND --help\n"
	    "Commands:\n", out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name,
		    commands[i].summary);
	fputs("Exit status: 0 success; 1 failure (or a broken audit chain); "
	    "2 usage;\n"
	    "3 what was named exists already or does not exist.\n"
	    "Configuration: $CLEARPOST_CONFIG, else " CP_CONFIG_FILE ".\n"
	    "See clearpost(1).\n", out);
}

static int
wants_help(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0)
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	const struct cli_command *c;
	struct app app;
	int rc;

	if (argc < 2) {
		overview(stderr);
		return CLI_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc == 2) {
			overview(stdout);
			return CLI_EXIT_OK;
		}
		if (argc == 3 && (c = find_command(argv[2])) != NULL) {
			fputs(c->usage, stdout);
			return CLI_EXIT_OK;
		}
		fprintf(stderr, "clearpost: no command %s\n", argv[2]);
		overview(stderr);
		return CLI_EXIT_USAGE;
	}
	if ((c = find_command(argv[1])) == NULL) {
		fprintf(stderr, "clearpost: no command %s\n", argv[1]);
		overview(stderr);
		return CLI_EXIT_USAGE;
	}
	if (wants_help(argc - 2, argv + 2)) {
		fputs(c->usage, stdout);
		return CLI_EXIT_OK;
	}
	log_set_context("clearpost", NULL);
	if (c->program == NULL)
		return c->run(NULL, argc - 2, argv + 2);
	if (app_init(&app, c->program) < 0)
		return CLI_EXIT_FAIL;
	rc = c->run(&app, argc - 2, argv + 2);
	app_free(&app);
	return rc;
}
