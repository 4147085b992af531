/* policy — the social media policy: staff read it and acknowledge the
 * version in force (/policy, /policy/<slug>, /policy/acknowledge); anyone
 * may read a published page at /policy/public/<slug> (no session, GET and
 * HEAD only). Administrators edit it under /admin/policy (admin.c). */
#include "../src/core/route.h"
#include "../src/pages/pages.h"

const struct route policy_routes[] = {
	{ "/policy",             M_GET,          ROLE_ANY,    CSRF_NONE,    page_policy_index, 0 },
	{ "/policy/acknowledge", M_GET | M_POST, ROLE_ANY,    CSRF_SESSION, page_policy_ack, 0 },
	{ "/policy/public/$",    M_GET,          ROLE_PUBLIC, CSRF_NONE,    page_policy_public, R_ANONYMOUS },
	{ "/policy/$",           M_GET,          ROLE_ANY,    CSRF_NONE,    page_policy_page, 0 },
};
const size_t policy_nroutes = sizeof(policy_routes) / sizeof(policy_routes[0]);

int
main(int argc, char **argv)
{
	return app_main(argc, argv, "policy", policy_routes, policy_nroutes);
}
