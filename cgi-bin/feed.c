/* feed — the public Atom feed of published posts and its entries' images.
 * Public documents: no session is read, nothing is written (R_ANONYMOUS);
 * GET and HEAD only. */
#include "../src/core/route.h"
#include "../src/pages/pages.h"

const struct route feed_routes[] = {
	{ "/feed.atom",     M_GET, ROLE_PUBLIC, CSRF_NONE, page_feed_atom, R_ANONYMOUS },
	{ "/feed/media/#",  M_GET, ROLE_PUBLIC, CSRF_NONE, page_feed_media, R_ANONYMOUS },
};
const size_t feed_nroutes = sizeof(feed_routes) / sizeof(feed_routes[0]);

int
main(int argc, char **argv)
{
	return app_main(argc, argv, "feed", feed_routes, feed_nroutes);
}
