/* desk — the communications staff's posts. */
#include "../src/core/route.h"
#include "../src/pages/pages.h"

const struct route desk_routes[] = {
	{ "/posts",            M_GET,          ROLE_AUTHOR, CSRF_NONE,    page_posts_index, 0 },
	{ "/posts/new",        M_GET | M_POST, ROLE_AUTHOR, CSRF_SESSION, page_posts_new, R_RESCUE | R_MULTIPART },
	{ "/posts/media/#",    M_GET,          ROLE_ANY,    CSRF_NONE,    page_posts_media, 0 },
	{ "/posts/authorizations/new", M_GET | M_POST, ROLE_AUTHOR, CSRF_SESSION, page_auth_new, 0 },
	{ "/posts/scan",       M_POST,         ROLE_AUTHOR, CSRF_SESSION, page_posts_scan, 0 },
	{ "/posts/#",          M_GET | M_POST, ROLE_AUTHOR, CSRF_SESSION, page_posts_edit, R_RESCUE | R_MULTIPART },
	{ "/posts/#/submit",   M_POST,         ROLE_AUTHOR, CSRF_SESSION, page_posts_submit, 0 },
	{ "/posts/#/withdraw", M_POST,         ROLE_AUTHOR, CSRF_SESSION, page_posts_withdraw, 0 },
};
const size_t desk_nroutes = sizeof(desk_routes) / sizeof(desk_routes[0]);

int
main(int argc, char **argv)
{
	return app_main(argc, argv, "desk", desk_routes, desk_nroutes);
}
