/* connector.c — placeholder until the connector runner lands. */
#include <stdio.h>

#include "cli.h"

int
cli_connector(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "clearpost connector: not built yet\n");
	return 2;
}
