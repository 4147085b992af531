/* Every program's route table: complete, unambiguous, and with the CSRF
 * rule its roles demand on every POST. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../src/core/route.h"

extern const struct route auth_routes[], desk_routes[], review_routes[],
    admin_routes[], feed_routes[], policy_routes[];
extern const size_t auth_nroutes, desk_nroutes, review_nroutes,
    admin_nroutes, feed_nroutes, policy_nroutes;

static int noop(struct req *r) { (void)r; return 200; }

static void
every_program_table_is_valid(void **state)
{
	struct { const struct route *t; size_t n; } tables[] = {
		{ auth_routes, 0 }, { desk_routes, 0 }, { review_routes, 0 },
		{ admin_routes, 0 }, { feed_routes, 0 }, { policy_routes, 0 },
	};
	char why[200];
	(void)state;
	tables[0].n = auth_nroutes;
	tables[1].n = desk_nroutes;
	tables[2].n = review_nroutes;
	tables[3].n = admin_nroutes;
	tables[4].n = feed_nroutes;
	tables[5].n = policy_nroutes;
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		assert_true(tables[i].n > 0);
		assert_int_equal(route_table_check(tables[i].t, tables[i].n,
		    why, sizeof(why)), 0);
		/* No path is claimed by two programs. */
		for (size_t j = 0; j < i; j++)
			for (size_t a = 0; a < tables[i].n; a++)
				assert_null(route_find(tables[j].t, tables[j].n,
				    tables[i].t[a].path, NULL));
	}
}

static void
stable_routes_exist_with_their_rules(void **state)
{
	const struct route *r;
	(void)state;
	r = route_find(auth_routes, auth_nroutes, "/login", NULL);
	assert_non_null(r);
	assert_int_equal(r->methods, M_GET | M_POST);
	assert_int_equal(r->csrf, CSRF_PRE);
	r = route_find(auth_routes, auth_nroutes, "/logout", NULL);
	assert_non_null(r);
	assert_int_equal(r->methods, M_POST);
	assert_int_equal(r->csrf, CSRF_SESSION);
	r = route_find(auth_routes, auth_nroutes, "/healthz", NULL);
	assert_non_null(r);
	assert_int_equal(r->roles, ROLE_PUBLIC);
	assert_int_equal(route_find(desk_routes, desk_nroutes, "/posts",
	    NULL)->roles, ROLE_AUTHOR);
	assert_int_equal(route_find(review_routes, review_nroutes, "/review",
	    NULL)->roles, ROLE_REVIEWER);
	assert_int_equal(route_find(admin_routes, admin_nroutes, "/admin",
	    NULL)->roles, ROLE_ADMIN);
	/* The feed and its images: public, read-only, never a session. */
	r = route_find(feed_routes, feed_nroutes, "/feed.atom", NULL);
	assert_non_null(r);
	assert_int_equal(r->roles, ROLE_PUBLIC);
	assert_int_equal(r->methods, M_GET);
	assert_true(r->flags & R_ANONYMOUS);
	r = route_find(feed_routes, feed_nroutes, "/feed/media/12", NULL);
	assert_non_null(r);
	assert_int_equal(r->roles, ROLE_PUBLIC);
	assert_int_equal(r->methods, M_GET);
	assert_true(r->flags & R_ANONYMOUS);
	/* The policy's public copy: by slug, no session; the staff pages
	 * need one, and the acknowledgement's POST its CSRF token. */
	r = route_find(policy_routes, policy_nroutes,
	    "/policy/public/patient-privacy", NULL);
	assert_non_null(r);
	assert_int_equal(r->roles, ROLE_PUBLIC);
	assert_int_equal(r->methods, M_GET);
	assert_true(r->flags & R_ANONYMOUS);
	r = route_find(policy_routes, policy_nroutes, "/policy/acknowledge",
	    NULL);
	assert_non_null(r);
	assert_int_equal(r->roles, ROLE_ANY);
	assert_int_equal(r->csrf, CSRF_SESSION);
	r = route_find(policy_routes, policy_nroutes, "/policy/what-we-post",
	    NULL);
	assert_non_null(r);
	assert_int_equal(r->roles, ROLE_ANY);
	assert_false(r->flags & R_ANONYMOUS);
	r = route_find(admin_routes, admin_nroutes, "/admin/policy/3", NULL);
	assert_non_null(r);
	assert_int_equal(r->roles, ROLE_ADMIN);
	assert_true(r->flags & R_LONG_FIELDS);
}

static void
bad_tables_are_refused(void **state)
{
	char why[200];
	const struct route no_csrf[] = {
		{ "/x", M_GET | M_POST, ROLE_AUTHOR, CSRF_NONE, noop, 0 },
	};
	const struct route wrong_kind[] = {
		{ "/x", M_POST, ROLE_PUBLIC, CSRF_SESSION, noop, 0 },
	};
	const struct route dup[] = {
		{ "/x", M_GET, ROLE_AUTHOR, CSRF_NONE, noop, 0 },
		{ "/x", M_GET, ROLE_ADMIN, CSRF_NONE, noop, 0 },
	};
	const struct route no_handler[] = {
		{ "/x", M_GET, ROLE_AUTHOR, CSRF_NONE, NULL, 0 },
	};
	const struct route anonymous_private[] = {
		{ "/x", M_GET, ROLE_AUTHOR, CSRF_NONE, noop, R_ANONYMOUS },
	};
	const struct route anonymous_post[] = {
		{ "/x", M_GET | M_POST, ROLE_PUBLIC, CSRF_PRE, noop, R_ANONYMOUS },
	};
	const struct route password_public[] = {
		{ "/x", M_GET, ROLE_PUBLIC, CSRF_NONE, noop, R_PASSWORD },
	};
	(void)state;
	assert_int_equal(route_table_check(no_csrf, 1, why, sizeof(why)), -1);
	assert_int_equal(route_table_check(wrong_kind, 1, why, sizeof(why)),
	    -1);
	assert_int_equal(route_table_check(dup, 2, why, sizeof(why)), -1);
	assert_int_equal(route_table_check(no_handler, 1, why, sizeof(why)),
	    -1);
	assert_int_equal(route_table_check(anonymous_private, 1, why,
	    sizeof(why)), -1);
	assert_int_equal(route_table_check(anonymous_post, 1, why,
	    sizeof(why)), -1);
	assert_int_equal(route_table_check(password_public, 1, why,
	    sizeof(why)), -1);
}

/* While a temporary password awaits replacement only /password and
 * /logout answer; user administration is for administrators alone. */
static void
password_and_user_routes_have_their_rules(void **state)
{
	struct { const struct route *t; size_t n; } tables[] = {
		{ auth_routes, 0 }, { desk_routes, 0 }, { review_routes, 0 },
		{ admin_routes, 0 }, { feed_routes, 0 },
	};
	const struct route *r;
	size_t exempt = 0;
	(void)state;
	tables[0].n = auth_nroutes;
	tables[1].n = desk_nroutes;
	tables[2].n = review_nroutes;
	tables[3].n = admin_nroutes;
	tables[4].n = feed_nroutes;
	r = route_find(auth_routes, auth_nroutes, "/password", NULL);
	assert_non_null(r);
	assert_int_equal(r->methods, M_GET | M_POST);
	assert_int_equal(r->roles, ROLE_ANY);
	assert_int_equal(r->csrf, CSRF_SESSION);
	assert_true(r->flags & R_PASSWORD);
	assert_true(route_find(auth_routes, auth_nroutes, "/logout",
	    NULL)->flags & R_PASSWORD);
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++)
		for (size_t j = 0; j < tables[i].n; j++) {
			if (tables[i].t[j].flags & R_PASSWORD)
				exempt++;
			if (strncmp(tables[i].t[j].path, "/admin/users",
			    12) == 0)
				assert_int_equal(tables[i].t[j].roles,
				    ROLE_ADMIN);
		}
	assert_int_equal(exempt, 2);
	assert_non_null(route_find(admin_routes, admin_nroutes,
	    "/admin/users/3/disable", NULL));
	assert_non_null(route_find(admin_routes, admin_nroutes,
	    "/admin/users/3/reset", NULL));
}

static void
slug_segments_match_only_slugs(void **state)
{
	const struct route t[] = {
		{ "/p/fixed", M_GET, ROLE_AUTHOR, CSRF_NONE, noop, 0 },
		{ "/p/$", M_GET, ROLE_AUTHOR, CSRF_NONE, noop, 0 },
	};
	char path[80] = "/p/";
	(void)state;
	assert_ptr_equal(route_find(t, 2, "/p/fixed", NULL), &t[0]);
	assert_ptr_equal(route_find(t, 2, "/p/patient-privacy", NULL), &t[1]);
	assert_ptr_equal(route_find(t, 2, "/p/a", NULL), &t[1]);
	assert_ptr_equal(route_find(t, 2, "/p/2026-rules", NULL), &t[1]);
	assert_null(route_find(t, 2, "/p/", NULL));
	assert_null(route_find(t, 2, "/p/Upper", NULL));
	assert_null(route_find(t, 2, "/p/-lead", NULL));
	assert_null(route_find(t, 2, "/p/trail-", NULL));
	assert_null(route_find(t, 2, "/p/two--hyphens", NULL));
	assert_null(route_find(t, 2, "/p/dot.dot", NULL));
	assert_null(route_find(t, 2, "/p/a/b", NULL));
	assert_null(route_find(t, 2, "/p/%2e%2e", NULL));
	memset(path + 3, 'a', 64);
	assert_ptr_equal(route_find(t, 2, path, NULL), &t[1]);
	path[3 + 64] = 'a';
	assert_null(route_find(t, 2, path, NULL));
	assert_true(route_slug_valid("a", 1));
	assert_false(route_slug_valid("", 0));
}

static void
id_segments_match_only_positive_numbers(void **state)
{
	const struct route t[] = {
		{ "/posts", M_GET, ROLE_AUTHOR, CSRF_NONE, noop, 0 },
		{ "/posts/#", M_GET, ROLE_AUTHOR, CSRF_NONE, noop, 0 },
		{ "/posts/#/edit", M_GET, ROLE_AUTHOR, CSRF_NONE, noop, 0 },
	};
	long long id = 0;
	(void)state;
	assert_ptr_equal(route_find(t, 3, "/posts/42", &id), &t[1]);
	assert_int_equal(id, 42);
	assert_ptr_equal(route_find(t, 3, "/posts/7/edit", &id), &t[2]);
	assert_int_equal(id, 7);
	assert_null(route_find(t, 3, "/posts/0", &id));
	assert_null(route_find(t, 3, "/posts/abc", &id));
	assert_null(route_find(t, 3, "/posts/", &id));
	assert_null(route_find(t, 3, "/posts/1/", &id));
	assert_null(route_find(t, 3, "/posts/99999999999999999999", &id));
	assert_null(route_find(t, 3, "/postsx", &id));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_program_table_is_valid),
		cmocka_unit_test(stable_routes_exist_with_their_rules),
		cmocka_unit_test(bad_tables_are_refused),
		cmocka_unit_test(password_and_user_routes_have_their_rules),
		cmocka_unit_test(id_segments_match_only_positive_numbers),
		cmocka_unit_test(slug_segments_match_only_slugs),
	};
	return cmocka_run_group_tests_name("routes", tests, NULL, NULL);
}
