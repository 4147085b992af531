/* retention.c — `clearpost retention run [--dry-run]`: deletes the records
 * past their retention period now (the publisher does it once a day), one
 * line per post and a summary. Exit codes: 0 done (also when a legal hold
 * kept everything), 1 the database failed or a post could not be
 * deleted, 2 usage. */
#include <stdio.h>
#include <string.h>

#include "../core/app.h"
#include "../pages/retention.h"
#include "cli.h"

static void
report(void *ctx, long long id, const char *kind, const char *last_change,
    const char *outcome)
{
	(void)ctx;
	const char *what = strcmp(kind, "published") == 0 ?
	    "published record" : "draft that never went out";
	if (strcmp(outcome, "deleted") == 0)
		printf("deleted post %lld (%s, last changed %s)\n", id, what,
		    last_change);
	else if (strcmp(outcome, "due") == 0)
		printf("would delete post %lld (%s, last changed %s)\n", id,
		    what, last_change);
	else if (strcmp(outcome, "held") == 0)
		printf("kept post %lld: on legal hold (%s, last changed %s)\n",
		    id, what, last_change);
	else
		printf("FAILED to delete post %lld (see the log)\n", id);
}

int
cli_retention(struct app *app, int argc, char **argv)
{
	struct retention_summary s;
	int dry_run = 0;

	if (argc < 1 || strcmp(argv[0], "run") != 0)
		goto usage;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0)
			dry_run = 1;
		else
			goto usage;
	}
	if (retention_run(app, "cli", dry_run, report, NULL, &s) < 0) {
		fprintf(stderr, "clearpost: retention: the database failed; "
		    "what was deleted is listed above\n");
		return 1;
	}
	printf("retention%s: published records kept %ld days, drafts that "
	    "never went out %ld days\n", dry_run ? " (dry run)" : "",
	    s.published_days, s.drafts_days);
	long long gone = s.deleted_published + s.deleted_drafts;
	if (s.global_hold)
		printf("global legal hold is on: %s\n", gone > 0 ? "the run "
		    "stopped when it was switched on" : dry_run ?
		    "nothing would be deleted" : "nothing was deleted");
	printf("%s %lld posts (%lld published records, %lld drafts); %lld "
	    "kept on legal hold; %lld failed\n", dry_run ? "would delete" :
	    "deleted", gone, s.deleted_published, s.deleted_drafts, s.held, s.failed);
	return s.failed > 0 ? 1 : 0;
usage:
	fprintf(stderr, "usage: clearpost retention run [--dry-run]\n");
	return 2;
}
