/* admin — users, accounts, policy pages and the audit log. */
#include "../src/core/route.h"
#include "../src/pages/pages.h"
#include "../src/platform/http.h"

const struct route admin_routes[] = {
	{ "/admin",                  M_GET,          ROLE_ADMIN, CSRF_NONE,    page_admin_index, 0 },
	{ "/admin/users",            M_GET | M_POST, ROLE_ADMIN, CSRF_SESSION, page_admin_users, 0 },
	{ "/admin/users/#",          M_GET,          ROLE_ADMIN, CSRF_NONE,    page_admin_user, 0 },
	{ "/admin/users/#/roles",    M_POST,         ROLE_ADMIN, CSRF_SESSION, page_admin_user_roles, 0 },
	{ "/admin/users/#/disable",  M_POST,         ROLE_ADMIN, CSRF_SESSION, page_admin_user_disable, 0 },
	{ "/admin/users/#/enable",   M_POST,         ROLE_ADMIN, CSRF_SESSION, page_admin_user_enable, 0 },
	{ "/admin/users/#/reset",    M_POST,         ROLE_ADMIN, CSRF_SESSION, page_admin_user_reset, 0 },
	{ "/admin/accounts",         M_GET | M_POST, ROLE_ADMIN, CSRF_SESSION, page_accounts, 0 },
	{ "/admin/accounts/new",     M_GET,          ROLE_ADMIN, CSRF_NONE,    page_accounts_new, 0 },
	{ "/admin/accounts/#",       M_GET | M_POST, ROLE_ADMIN, CSRF_SESSION, page_account_edit, 0 },
	{ "/admin/accounts/#/test",  M_POST,         ROLE_ADMIN, CSRF_SESSION, page_account_test, 0 },
	{ "/admin/accounts/#/disable", M_POST,       ROLE_ADMIN, CSRF_SESSION, page_account_disable, 0 },
	{ "/admin/accounts/#/enable",  M_POST,       ROLE_ADMIN, CSRF_SESSION, page_account_enable, 0 },
	{ "/admin/accounts/#/register",   M_POST,    ROLE_ADMIN, CSRF_SESSION, page_account_register, 0 },
	{ "/admin/accounts/#/unregister", M_POST,    ROLE_ADMIN, CSRF_SESSION, page_account_unregister, 0 },
	{ "/admin/settings",         M_GET | M_POST, ROLE_ADMIN, CSRF_SESSION, page_settings, 0 },
	{ "/admin/posts/#/hold",     M_POST,         ROLE_ADMIN, CSRF_SESSION, page_post_hold, 0 },
	{ "/admin/posts/#/release",  M_POST,         ROLE_ADMIN, CSRF_SESSION, page_post_release, 0 },
	{ "/admin/audit",            M_GET,          ROLE_ADMIN, CSRF_NONE,    page_audit_log, 0 },
	{ "/admin/audit.csv",        M_GET,          ROLE_ADMIN, CSRF_NONE,    page_audit_csv, 0 },
	{ "/admin/deliveries",       M_GET,          ROLE_ADMIN, CSRF_NONE,    page_deliveries, 0 },
	{ "/admin/deliveries/#/retry",   M_POST,     ROLE_ADMIN, CSRF_SESSION, page_deliveries_retry, 0 },
	{ "/admin/deliveries/#/cancel",  M_POST,     ROLE_ADMIN, CSRF_SESSION, page_deliveries_cancel, 0 },
	{ "/admin/deliveries/#/confirm", M_POST,     ROLE_ADMIN, CSRF_SESSION, page_deliveries_confirm, 0 },
	{ "/admin/policy",           M_GET,          ROLE_ADMIN, CSRF_NONE,    page_admin_policy, 0 },
	{ "/admin/policy/new",       M_GET | M_POST, ROLE_ADMIN, CSRF_SESSION, page_admin_policy_new, R_RESCUE | R_LONG_FIELDS },
	{ "/admin/policy/#",         M_GET | M_POST, ROLE_ADMIN, CSRF_SESSION, page_admin_policy_edit, R_RESCUE | R_LONG_FIELDS },
	{ "/admin/policy/#/history", M_GET,          ROLE_ADMIN, CSRF_NONE,    page_admin_policy_history, 0 },
	{ "/admin/policy/#/diff",    M_GET,          ROLE_ADMIN, CSRF_NONE,    page_admin_policy_diff, 0 },
};
const size_t admin_nroutes = sizeof(admin_routes) / sizeof(admin_routes[0]);

int
main(int argc, char **argv)
{
	/* "Test connection" talks to the platforms through libcurl. */
	if (http_global_init() < 0)
		return 1;
	return app_main(argc, argv, "admin", admin_routes, admin_nroutes);
}
