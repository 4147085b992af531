/* publishing.h — the publishing side of a post's life, shared by the
 * review pages (approval creates the deliveries), the desk (an edit or a
 * withdrawal cancels those not started), the admin failures page and the
 * publisher daemon. Every function runs inside the caller's transaction
 * and writes its own audit entries there. */
#ifndef CP_PUBLISHING_H
#define CP_PUBLISHING_H

#include <stddef.h>

struct app;
struct q_delivery;

/* Before an approval: every target must be an active account in the
 * official register. 1 when all are; 0 when one is not, with why (a
 * sentence naming the account, for the reviewer) written to why; -1 on a
 * database error. A target is never dropped silently. */
int publish_check_targets(struct app *app, const char *targets, char *why,
    size_t why_size);

/* After an approval (post now 'approved'): copies the approved version
 * into publications and creates one delivery per target account, each
 * with an idempotency key fixed now. *count receives how many. 0 or -1. */
int publish_on_approve(struct app *app, long long post_id,
    const char *targets, long long *count);

/* Before an approved post is edited or withdrawn: cancels its deliveries
 * that have not started. *count receives how many. 0 or -1. */
int publish_cancel_pending(struct app *app, long long post_id,
    long long *count);

/* Brings the post's state in line with its deliveries (publishing while
 * any is queued, sending, retrying or unconfirmed; published when one or
 * more went out; failed when none did) and audits a change as the system.
 * 0 or -1. */
int publish_sync_post_state(struct app *app, long long post_id);

/* Tells the post's author and every administrator about a delivery that
 * needs a person (failed or unconfirmed), naming the post and the account.
 * 0 or -1. */
int publish_notify_problem(struct app *app, long long post_id,
    const char *title, const char *account, const char *kind,
    const char *what);

/* The SHA-256 the approval bound to, recomputed from a delivery's
 * publication (same rules as post_content_hash). */
void publish_content_hash(const struct q_delivery *d, unsigned char out[32]);

#endif
