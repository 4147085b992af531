/* cli.h — subcommands of the clearpost command that need no database. */
#ifndef CP_CLI_H
#define CP_CLI_H

/* clearpost scan [--lines] [--allow FILE] [FILE...]: JSON Lines findings.
 * Returns the exit status (0, 1 for I/O errors, 2 for usage). */
int cli_scan(int argc, char **argv);

/* clearpost bench: scanner throughput on generated drafts. */
int cli_bench(int argc, char **argv);

#endif
