/* cli.h — the subcommands of the clearpost command. */
#ifndef CP_CLI_H
#define CP_CLI_H

struct app;

/* Exit codes of every subcommand (also in `clearpost help` and in
 * man/clearpost.1, EXIT STATUS). */
enum {
	CLI_EXIT_OK = 0,        /* done */
	CLI_EXIT_FAIL = 1,      /* failed: configuration, database, I/O, or a
	                         * broken audit chain */
	CLI_EXIT_USAGE = 2,     /* bad arguments; the usage went to stderr */
	CLI_EXIT_CONFLICT = 3,  /* what was named exists already (add) or
	                         * does not exist (passwd, disable …) */
};

/* One row of the command table in clearpost.c. To add a subcommand, add a
 * row there (and a section to man/clearpost.1): `clearpost NAME --help`,
 * `clearpost help NAME` and the overview then come for free. */
struct cli_command {
	const char *name;     /* argv[1] */
	const char *summary;  /* one line for the overview */
	const char *usage;    /* "usage: clearpost NAME …\n" and details */
	/* The name its settings are read under (DB.<program>.User…), or
	 * NULL: needs neither configuration nor database, run gets NULL. */
	const char *program;
	/* argv holds the words after NAME; returns a CLI_EXIT_* code. */
	int (*run)(struct app *app, int argc, char **argv);
};

/* Prints the usage of command to stderr; returns CLI_EXIT_USAGE. */
int cli_usage(const char *command);

/* clearpost scan [--lines] [--allow FILE] [FILE...]: JSON Lines findings.
 * Returns the exit status (0, 1 for I/O errors, 2 for usage). */
int cli_scan(int argc, char **argv);

/* Appends the file at path to b; on failure prints "clearpost COMMAND:
 * path: reason" to stderr and returns -1 (src/cli/scan.c). */
struct sbuf;
int cli_read_file(const char *command, const char *path, struct sbuf *b);

/* clearpost bench [FILE...]: scanner throughput on generated drafts, and
 * on the drafts of the given files (one per line). */
int cli_bench(int argc, char **argv);

/* clearpost connector PLATFORM test|publish|reconcile: runs one connector
 * call with no database, for tests against the platform doubles. Reads
 * {"settings":{…},"secrets":{…},"post":{…}} from stdin and prints the
 * result as one JSON object (see src/cli/connector.c). */
int cli_connector(int argc, char **argv);

/* clearpost account add|list (src/cli/account.c). */
int cli_account(struct app *app, int argc, char **argv);

/* clearpost retention run [--dry-run] (src/cli/retention.c). */
int cli_retention(struct app *app, int argc, char **argv);

/* clearpost publisher [--once]: the publishing daemon (src/cli/publisher.c). */
int cli_publisher(struct app *app, int argc, char **argv);

#endif
