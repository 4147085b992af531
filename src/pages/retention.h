/* retention.h — deletion of records past their retention period, shared
 * by `clearpost retention run` and the publisher daemon (once a day).
 *
 * What is deleted and when: see q_retention_candidates (q.h). A post on
 * legal hold, and everything while the global legal hold is on, is kept.
 * Each post is deleted in its own transaction — its deliveries locked
 * before the post, the publisher's order; eligibility, hold and global
 * hold checked again under those locks; children deleted before the post
 * — with one audit entry retention.delete naming the post and how many
 * rows of each kind went (never the text). The audit log itself is never
 * deleted. */
#ifndef CP_RETENTION_H
#define CP_RETENTION_H

struct app;

struct retention_summary {
	long published_days;         /* the periods applied */
	long drafts_days;
	int global_hold;             /* 1: nothing was looked at */
	long long deleted_published; /* posts deleted (or, dry run, due) */
	long long deleted_drafts;
	long long held;              /* past retention but on legal hold */
	long long failed;            /* could not be deleted (see the log) */
};

/* Called for each post past retention: kind "published" or "draft",
 * last_change YYYY-MM-DD, outcome "deleted", "due" (dry run), "held" or
 * "failed". */
typedef void (*retention_each)(void *ctx, long long post_id,
    const char *kind, const char *last_change, const char *outcome);

/* Runs retention once as actor ("system", "cli"). dry_run: nothing is
 * deleted or audited, the posts that would go are reported as "due".
 * each may be NULL. Returns 0, or -1 when the database failed before the
 * run was complete (what was deleted stays deleted). */
int retention_run(struct app *app, const char *actor, int dry_run,
    retention_each each, void *ctx, struct retention_summary *out);

#endif
