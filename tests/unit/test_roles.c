/* Role sets: parsing users.role, writing it back, the landing page of the
 * highest role, and valid user names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "../../src/core/session.h"

static void
role_lists_parse_to_masks(void **state)
{
	(void)state;
	assert_int_equal(roles_from_names("author"), ROLE_AUTHOR);
	assert_int_equal(roles_from_names("reviewer"), ROLE_REVIEWER);
	assert_int_equal(roles_from_names("admin"), ROLE_ADMIN);
	assert_int_equal(roles_from_names("author,reviewer"),
	    ROLE_AUTHOR | ROLE_REVIEWER);
	assert_int_equal(roles_from_names("admin,author"),
	    ROLE_AUTHOR | ROLE_ADMIN);
	assert_int_equal(roles_from_names("author,reviewer,admin"), ROLE_ANY);
	assert_int_equal(roles_from_names("author,author"), ROLE_AUTHOR);
	/* Anything odd is no role at all, never a partial set. */
	assert_int_equal(roles_from_names(NULL), 0);
	assert_int_equal(roles_from_names(""), 0);
	assert_int_equal(roles_from_names("author,"), 0);
	assert_int_equal(roles_from_names(",author"), 0);
	assert_int_equal(roles_from_names("author,,admin"), 0);
	assert_int_equal(roles_from_names("author, admin"), 0);
	assert_int_equal(roles_from_names("Admin"), 0);
	assert_int_equal(roles_from_names("author,root"), 0);
	assert_int_equal(roles_from_names("administrator"), 0);
}

static void
masks_print_in_canonical_order(void **state)
{
	char buf[40], tiny[8];
	(void)state;
	assert_string_equal(roles_names(ROLE_ADMIN | ROLE_AUTHOR, ",", buf,
	    sizeof(buf)), "author,admin");
	assert_string_equal(roles_names(ROLE_ANY, ", ", buf, sizeof(buf)),
	    "author, reviewer, admin");
	assert_string_equal(roles_names(0, ",", buf, sizeof(buf)), "");
	assert_string_equal(roles_names(ROLE_REVIEWER, ",", buf, sizeof(buf)),
	    "reviewer");
	/* Too small a buffer keeps whole names only. */
	assert_string_equal(roles_names(ROLE_ANY, ",", tiny, sizeof(tiny)),
	    "author");
	for (unsigned m = 1; m <= ROLE_ANY; m++)
		assert_int_equal(roles_from_names(roles_names(m, ",", buf,
		    sizeof(buf))), m);
}

static void
the_highest_role_decides_the_landing_page(void **state)
{
	(void)state;
	assert_string_equal(role_landing(ROLE_AUTHOR), "/posts");
	assert_string_equal(role_landing(ROLE_REVIEWER), "/review");
	assert_string_equal(role_landing(ROLE_ADMIN), "/admin");
	assert_string_equal(role_landing(ROLE_AUTHOR | ROLE_REVIEWER),
	    "/review");
	assert_string_equal(role_landing(ROLE_AUTHOR | ROLE_ADMIN), "/admin");
	assert_string_equal(role_landing(ROLE_ANY), "/admin");
	assert_int_equal(role_highest(ROLE_AUTHOR | ROLE_REVIEWER),
	    ROLE_REVIEWER);
	assert_int_equal(role_highest(0), 0);
	assert_string_equal(role_name(role_highest(ROLE_ANY)), "admin");
}

static void
user_names_are_checked(void **state)
{
	char long_name[66];
	(void)state;
	assert_true(user_name_valid("alice"));
	assert_true(user_name_valid("a.b_c-9"));
	assert_false(user_name_valid(""));
	assert_false(user_name_valid("Alice"));
	assert_false(user_name_valid("a b"));
	assert_false(user_name_valid("a,b"));
	assert_false(user_name_valid("\xc3\xa9"));
	memset(long_name, 'a', 64);
	long_name[64] = '\0';
	assert_true(user_name_valid(long_name));
	long_name[64] = 'a';
	long_name[65] = '\0';
	assert_false(user_name_valid(long_name));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(role_lists_parse_to_masks),
		cmocka_unit_test(masks_print_in_canonical_order),
		cmocka_unit_test(the_highest_role_decides_the_landing_page),
		cmocka_unit_test(user_names_are_checked),
	};
	return cmocka_run_group_tests_name("roles", tests, NULL, NULL);
}
