/* Templates: every var: is HTML-escaped, and every page template renders
 * inside the layout without error. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <ClearSilver.h>
#include <stdio.h>
#include <string.h>

#include "../../src/core/render.h"

#ifndef TEST_ROOT
#define TEST_ROOT "."
#endif

static HDF *
new_hdf(void)
{
	HDF *hdf = NULL;
	assert_null(hdf_init(&hdf));
	assert_null(hdf_set_value(hdf, "Config.VarEscapeMode", "html"));
	assert_null(hdf_set_value(hdf, "hdf.loadpaths.0",
	    TEST_ROOT "/templates"));
	return hdf;
}

static void
user_text_is_escaped_in_the_login_page(void **state)
{
	HDF *hdf = new_hdf();
	struct sbuf out;
	(void)state;
	sbuf_init(&out);
	hdf_set_value(hdf, "Page.Template", "login.cs");
	hdf_set_value(hdf, "Login.Username",
	    "\"><script>alert('x')</script>&");
	hdf_set_value(hdf, "Login.Error", "<b>bold</b>");
	assert_int_equal(render_template(hdf, "layout.cs", &out), 0);
	assert_null(strstr(out.data, "<script>alert"));
	assert_null(strstr(out.data, "<b>bold"));
	assert_non_null(strstr(out.data, "&quot;&gt;&lt;script&gt;alert("
	    "&#39;x&#39;)&lt;/script&gt;&amp;"));
	assert_non_null(strstr(out.data, "&lt;b&gt;bold&lt;/b&gt;"));
	sbuf_free(&out);
	hdf_destroy(&hdf);
}

static void
signed_in_layout_carries_the_csrf_token_and_user(void **state)
{
	HDF *hdf = new_hdf();
	struct sbuf out;
	(void)state;
	sbuf_init(&out);
	hdf_set_value(hdf, "Page.Template", "posts/index.cs");
	hdf_set_value(hdf, "User.Name", "alice");
	hdf_set_value(hdf, "User.Role", "author");
	hdf_set_value(hdf, "CSRF", "abc123");
	assert_int_equal(render_template(hdf, "layout.cs", &out), 0);
	assert_non_null(strstr(out.data, "name=\"csrf\" value=\"abc123\""));
	assert_non_null(strstr(out.data, ">alice<"));
	assert_non_null(strstr(out.data, "No posts yet."));
	assert_null(strstr(out.data, "<script>"));
	sbuf_free(&out);
	hdf_destroy(&hdf);
}

/* The nav offers every area of every role held, and nothing while a
 * temporary password awaits replacement. */
static void
nav_follows_the_roles_held(void **state)
{
	static const struct {
		const char *roles[3];
		int posts, review, auths, admin;
	} cases[] = {
		{ { "Author", NULL, NULL }, 1, 0, 0, 0 },
		{ { "Reviewer", NULL, NULL }, 0, 1, 1, 0 },
		{ { "Admin", NULL, NULL }, 0, 0, 1, 1 },
		{ { "Author", "Reviewer", NULL }, 1, 1, 1, 0 },
		{ { "Author", "Admin", NULL }, 1, 0, 1, 1 },
		{ { "Author", "Reviewer", "Admin" }, 1, 1, 1, 1 },
	};
	char key[64];
	(void)state;
	for (size_t i = 0; i <= sizeof(cases) / sizeof(cases[0]); i++) {
		int locked = i == sizeof(cases) / sizeof(cases[0]);
		HDF *hdf = new_hdf();
		struct sbuf out;
		sbuf_init(&out);
		hdf_set_value(hdf, "Page.Template", "notifications.cs");
		hdf_set_value(hdf, "User.Name", "alice");
		hdf_set_value(hdf, "User.RoleList", "a, b");
		for (size_t j = 0; j < 3; j++) {
			const char *role = locked ? (j == 0 ? "Author" : NULL) :
			    cases[i].roles[j];
			if (role == NULL)
				continue;
			snprintf(key, sizeof(key), "User.Roles.%s", role);
			hdf_set_value(hdf, key, "1");
		}
		if (locked)
			hdf_set_value(hdf, "User.MustChangePassword", "1");
		assert_int_equal(render_template(hdf, "layout.cs", &out), 0);
		assert_int_equal(strstr(out.data, "href=\"/posts\"") != NULL,
		    !locked && cases[i].posts);
		assert_int_equal(strstr(out.data, "href=\"/review\"") != NULL,
		    !locked && cases[i].review);
		assert_int_equal(strstr(out.data,
		    "href=\"/review/authorizations\"") != NULL,
		    !locked && cases[i].auths);
		assert_int_equal(strstr(out.data, "href=\"/admin\"") != NULL,
		    !locked && cases[i].admin);
		assert_int_equal(strstr(out.data, "href=\"/notifications\"") !=
		    NULL, !locked);
		assert_non_null(strstr(out.data, "(a, b)"));
		assert_non_null(strstr(out.data, "action=\"/logout\""));
		sbuf_free(&out);
		hdf_destroy(&hdf);
	}
}

static void
every_page_template_renders(void **state)
{
	static const char *const pages[] = { "login.cs", "error.cs",
	    "posts/index.cs", "posts/edit.cs", "review/queue.cs", "review/post.cs",
	    "notifications.cs", "posts/authorization.cs", "review/authorizations.cs",
	    "admin/index.cs", "admin/users.cs", "admin/user.cs",
	    "admin/user_password.cs", "password.cs", "policy/index.cs",
	    "policy/page.cs", "policy/public.cs", "policy/acknowledge.cs",
	    "admin/policy.cs", "admin/policy_edit.cs", "admin/policy_history.cs",
	    "admin/policy_diff.cs" };
	(void)state;
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		HDF *hdf = new_hdf();
		struct sbuf out;
		sbuf_init(&out);
		hdf_set_value(hdf, "Page.Template", pages[i]);
		hdf_set_value(hdf, "Users.0.Name", "<u>");
		hdf_set_value(hdf, "Audit.0.Detail", "<d>");
		assert_int_equal(render_template(hdf, "layout.cs", &out), 0);
		assert_non_null(strstr(out.data, "</html>"));
		assert_null(strstr(out.data, "<u>"));
		assert_null(strstr(out.data, "<d>"));
		sbuf_free(&out);
		hdf_destroy(&hdf);
	}
}

static void
missing_template_is_an_error_not_a_crash(void **state)
{
	HDF *hdf = new_hdf();
	struct sbuf out;
	(void)state;
	sbuf_init(&out);
	hdf_set_value(hdf, "Page.Template", "no/such.cs");
	assert_int_equal(render_template(hdf, "layout.cs", &out), -1);
	sbuf_free(&out);
	hdf_destroy(&hdf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(user_text_is_escaped_in_the_login_page),
		cmocka_unit_test(signed_in_layout_carries_the_csrf_token_and_user),
		cmocka_unit_test(nav_follows_the_roles_held),
		cmocka_unit_test(every_page_template_renders),
		cmocka_unit_test(missing_template_is_an_error_not_a_crash),
	};
	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
