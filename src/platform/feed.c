/* feed.c — the built-in Atom feed "connector".
 *
 * Nothing is sent anywhere: the feed (served by Clearpost itself at
 * <public_url>/feed.atom) lists every published post, so publishing a
 * delivery only names the entry it becomes. The entry id is derived from
 * the post id, never from anything that changes, so a resend after a
 * crash names the same entry and reconcile can always say it landed. */
#include <stdio.h>

#include "platform.h"

static void
feed_entry(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	const char *base = a->env != NULL && a->env->public_url != NULL ?
	    a->env->public_url : "";

	snprintf(r->remote_id, sizeof(r->remote_id), "post-%lld", p->post_id);
	snprintf(r->remote_url, sizeof(r->remote_url),
	    "%s/feed.atom#post-%lld", base, p->post_id);
	pub_set(r, PUB_OK, 0, "in the feed");
}

static void
feed_publish(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	feed_entry(a, p, r);
}

/* The entry exists as soon as the post is published: always landed. */
static int
feed_reconcile(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	feed_entry(a, p, r);
	return 1;
}

static void
feed_test(const struct pub_account *a, struct pub_result *r)
{
	(void)a;
	pub_set(r, PUB_OK, 0, "built-in feed");
}

const struct platform_ops platform_feed = {
	.name = "feed",
	.prepare = NULL,
	.publish = feed_publish,
	.reconcile = feed_reconcile,
	.test = feed_test,
};
