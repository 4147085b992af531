/* stubs_weak.c — TEMPORARY weak stand-ins for the connectors that are
 * still being written (mastodon, bluesky, x, facebook, linkedin, webhook),
 * so that platform.c's registry links before they all exist. Each real
 * src/platform/<name>.c defines the same symbol strongly and wins.
 *
 * The Makefile links this object after libclearpost.a rather than inside
 * it: a weak definition pulled in from an archive would stop the linker
 * from fetching the real connector's member. Delete this file once every
 * connector has landed; nothing else needs to change. */
#include <stddef.h>
#include <stdio.h>

#include "platform.h"

/* Not pub_set(): this object comes after the library on the link line,
 * so it may use nothing from it. */
static void
not_built(struct pub_result *r)
{
	r->cls = PUB_PERMANENT;
	snprintf(r->detail, sizeof(r->detail), "connector not built");
}

static void
stub_publish(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	(void)a;
	(void)p;
	not_built(r);
}

static int
stub_reconcile(const struct pub_account *a, const struct pub_post *p,
    struct pub_result *r)
{
	(void)a;
	(void)p;
	not_built(r);
	return -1;
}

static void
stub_test(const struct pub_account *a, struct pub_result *r)
{
	(void)a;
	not_built(r);
}

#define STUB(sym, pname)                                              \
	__attribute__((weak)) const struct platform_ops sym = {           \
		.name = pname, .prepare = NULL, .publish = stub_publish,      \
		.reconcile = stub_reconcile, .test = stub_test,               \
	}

STUB(platform_mastodon, "mastodon");
STUB(platform_bluesky, "bluesky");
STUB(platform_x, "x");
STUB(platform_facebook, "facebook");
STUB(platform_linkedin, "linkedin");
STUB(platform_webhook, "webhook");
