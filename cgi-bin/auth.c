/* auth — sign in and out, one's own password, the front door, the health
 * check, and the 404 page for any path no other program owns. */
#include "../src/core/route.h"
#include "../src/pages/pages.h"

const struct route auth_routes[] = {
	{ "/",        M_GET,          ROLE_PUBLIC, CSRF_NONE,    page_auth_home, 0 },
	{ "/login",   M_GET | M_POST, ROLE_PUBLIC, CSRF_PRE,     page_auth_login, 0 },
	{ "/logout",  M_POST,         ROLE_ANY,    CSRF_SESSION, page_auth_logout, R_PASSWORD },
	{ "/password", M_GET | M_POST, ROLE_ANY,   CSRF_SESSION, page_auth_password, R_PASSWORD },
	{ "/healthz", M_GET,          ROLE_PUBLIC, CSRF_NONE,    page_auth_healthz, 0 },
	{ "/notifications", M_GET | M_POST, ROLE_ANY, CSRF_SESSION, page_notifications, 0 },
};
const size_t auth_nroutes = sizeof(auth_routes) / sizeof(auth_routes[0]);

int
main(int argc, char **argv)
{
	return app_main(argc, argv, "auth", auth_routes, auth_nroutes);
}
