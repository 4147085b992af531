/* cli.h — subcommands of the clearpost command that need no database. */
#ifndef CP_CLI_H
#define CP_CLI_H

/* clearpost scan [--lines] [--allow FILE] [FILE...]: JSON Lines findings.
 * Returns the exit status (0, 1 for I/O errors, 2 for usage). */
int cli_scan(int argc, char **argv);

/* clearpost bench: scanner throughput on generated drafts. */
int cli_bench(int argc, char **argv);

/* clearpost connector PLATFORM test|publish|reconcile: runs one connector
 * call with no database, for tests against the platform doubles. Reads
 * {"settings":{…},"secrets":{…},"post":{…}} from stdin and prints the
 * result as one JSON object (see src/cli/connector.c). */
int cli_connector(int argc, char **argv);

struct app;
/* clearpost account add|list (src/cli/account.c). */
int cli_account(struct app *app, int argc, char **argv);

/* clearpost retention run [--dry-run] (src/cli/retention.c). */
int cli_retention(struct app *app, int argc, char **argv);

/* clearpost publisher [--once]: the publishing daemon (src/cli/publisher.c). */
int cli_publisher(struct app *app, int argc, char **argv);

#endif
