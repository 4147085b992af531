/* publisher.c — placeholder until the publisher lands. */
#include <stdio.h>

#include "../core/app.h"
#include "cli.h"

int
cli_publisher(struct app *app, int argc, char **argv)
{
	(void)app;
	(void)argc;
	(void)argv;
	fprintf(stderr, "clearpost publisher: not built yet\n");
	return 2;
}
