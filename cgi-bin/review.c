/* review — the privacy officers' queue and decisions. */
#include "../src/core/route.h"
#include "../src/pages/pages.h"

const struct route review_routes[] = {
	{ "/review",           M_GET,  ROLE_REVIEWER, CSRF_NONE,    page_review_queue, 0 },
	{ "/review/authorizations", M_GET, ROLE_REVIEWER | ROLE_ADMIN, CSRF_NONE, page_auth_records, 0 },
	{ "/review/authorizations/#/verify", M_POST, ROLE_REVIEWER | ROLE_ADMIN, CSRF_SESSION, page_auth_verify, 0 },
	/* admins read a post (and its deliveries) from the failures page */
	{ "/review/#",         M_GET,  ROLE_REVIEWER | ROLE_ADMIN, CSRF_NONE, page_review_post, 0 },
	{ "/review/#/approve", M_POST, ROLE_REVIEWER, CSRF_SESSION, page_review_approve, 0 },
	{ "/review/#/reject",  M_POST, ROLE_REVIEWER, CSRF_SESSION, page_review_reject, 0 },
};
const size_t review_nroutes = sizeof(review_routes) / sizeof(review_routes[0]);

int
main(int argc, char **argv)
{
	return app_main(argc, argv, "review", review_routes, review_nroutes);
}
