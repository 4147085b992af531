/* admin — users, accounts, policy pages and the audit log. */
#include "../src/core/route.h"
#include "../src/pages/pages.h"

const struct route admin_routes[] = {
	{ "/admin", M_GET, ROLE_ADMIN, CSRF_NONE, page_admin_index, 0 },
	{ "/admin/deliveries", M_GET, ROLE_ADMIN, CSRF_NONE, page_deliveries, 0 },
	{ "/admin/deliveries/#/retry", M_POST, ROLE_ADMIN, CSRF_SESSION,
	    page_deliveries_retry, 0 },
	{ "/admin/deliveries/#/cancel", M_POST, ROLE_ADMIN, CSRF_SESSION,
	    page_deliveries_cancel, 0 },
	{ "/admin/deliveries/#/confirm", M_POST, ROLE_ADMIN, CSRF_SESSION,
	    page_deliveries_confirm, 0 },
};
const size_t admin_nroutes = sizeof(admin_routes) / sizeof(admin_routes[0]);

int
main(int argc, char **argv)
{
	return app_main(argc, argv, "admin", admin_routes, admin_nroutes);
}
