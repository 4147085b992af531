/* Policy pages in Markdown: rendered by libcmark in its safe mode, so what
 * an administrator writes can never put script into a page, and templates
 * print unescaped only names ending in _html. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <ClearSilver.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/markdown.h"

#ifndef TEST_ROOT
#define TEST_ROOT "."
#endif

static char *
html(const char *md)
{
	char *h = md_to_html(md, strlen(md), 2);
	assert_non_null(h);
	return h;
}

static void
ordinary_markdown_renders(void **state)
{
	(void)state;
	char *h = html("Intro with **bold** and a [link](https://example.org/a?b=1&c=2).\n\n"
	    "- one\n- two\n\n> quoted\n");
	assert_non_null(strstr(h, "<strong>bold</strong>"));
	assert_non_null(strstr(h, "<a href=\"https://example.org/a?b=1&amp;c=2\">link</a>"));
	assert_non_null(strstr(h, "<li>one</li>"));
	assert_non_null(strstr(h, "<blockquote>"));
	free(h);
}

static void
raw_html_is_dropped(void **state)
{
	(void)state;
	char *h = html("<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> "
	    "<b onclick=\"x()\">there</b>\n\n<iframe src=\"https://evil.test\"></iframe>\n");
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "<img"));
	assert_null(strstr(h, "onerror"));
	assert_null(strstr(h, "onclick"));
	assert_null(strstr(h, "<iframe"));
	assert_null(strstr(h, "<b "));
	assert_non_null(strstr(h, "raw HTML omitted"));
	free(h);
}

static void
dangerous_link_targets_are_emptied(void **state)
{
	static const char *const md[] = {
		"[a](javascript:alert(1))",
		"[a](JavaScript:alert(1))",
		"[a](  javascript:alert(1))",
		"[a](java&#x73;cript:alert(1))",
		"[a](<javascript:alert(1)>)",
		"<javascript:alert(1)>",
		"[a][r]\n\n[r]: javascript:alert(1)",
		"![i](javascript:alert(1))",
		"[a](vbscript:msgbox(1))",
		"[a](data:text/html;base64,PHNjcmlwdD4=)",
		"[a](file:///etc/passwd)",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(md) / sizeof(md[0]); i++) {
		char *h = html(md[i]);
		char *lower = strdup(h);
		assert_non_null(lower);
		for (char *p = lower; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		/* The text may stay; no attribute may carry the scheme. */
		assert_null(strstr(lower, "href=\"javascript"));
		assert_null(strstr(lower, "href=\"vbscript"));
		assert_null(strstr(lower, "href=\"data:"));
		assert_null(strstr(lower, "href=\"file:"));
		assert_null(strstr(lower, "src=\"javascript"));
		assert_true(strstr(h, "href=\"\"") != NULL ||
		    strstr(h, "src=\"\"") != NULL);
		free(lower);
		free(h);
	}
}

static void
headings_nest_under_the_page(void **state)
{
	(void)state;
	char *h = html("## Scope\n\ntext\n\n### Detail\n");
	assert_non_null(strstr(h, "<h2>Scope</h2>"));
	assert_non_null(strstr(h, "<h3>Detail</h3>"));
	free(h);
	h = html("# Top\n\n## Next\n");
	assert_non_null(strstr(h, "<h2>Top</h2>"));
	assert_non_null(strstr(h, "<h3>Next</h3>"));
	free(h);
	h = md_to_html("# a\n\n###### b\n", 14, 4);
	assert_non_null(strstr(h, "<h4>a</h4>"));
	assert_non_null(strstr(h, "<h6>b</h6>"));
	free(h);
}

static void
only_html_names_take_markdown(void **state)
{
	struct req r;
	(void)state;
	memset(&r, 0, sizeof(r));
	assert_null(hdf_init(&r.hdf));
	assert_int_equal(md_to_hdf(&r, "Doc.Body_html", "*x*", 2), 0);
	assert_string_equal(hdf_get_value(r.hdf, "Doc.Body_html", ""),
	    "<p><em>x</em></p>\n");
	assert_int_equal(md_to_hdf(&r, "Doc.Body", "*x*", 2), -1);
	assert_null(hdf_get_value(r.hdf, "Doc.Body", NULL));
	hdf_destroy(&r.hdf);
}

/* Checks one template: every uvar: names a value ending in _html. */
static void
check_uvars(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		for (char *p = strstr(line, "uvar:"); p; p = strstr(p + 1, "uvar:")) {
			char name[256];
			size_t n = 0;
			p += 5;
			while (*p == ' ')
				p++;
			while (p[n] && p[n] != ' ' && p[n] != '?' && n < sizeof(name) - 1) {
				name[n] = p[n];
				n++;
			}
			name[n] = '\0';
			if (n < 5 || strcmp(name + n - 5, "_html") != 0)
				fail_msg("%s: uvar:%s does not end in _html", path, name);
		}
	}
	fclose(f);
}

static void
templates_print_unescaped_only_html_names(void **state)
{
	static const char *const dirs[] = { "", "/posts", "/review", "/admin",
	    "/policy", "/feed" };
	char dir[1024], path[1400];
	size_t checked = 0;
	(void)state;
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(dir, sizeof(dir), "%s/templates%s", TEST_ROOT, dirs[i]);
		DIR *d = opendir(dir);
		if (d == NULL)
			continue;
		for (struct dirent *e; (e = readdir(d)) != NULL;) {
			size_t l = strlen(e->d_name);
			if (l < 4 || strcmp(e->d_name + l - 3, ".cs") != 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			check_uvars(path);
			checked++;
		}
		closedir(d);
	}
	assert_true(checked > 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ordinary_markdown_renders),
		cmocka_unit_test(raw_html_is_dropped),
		cmocka_unit_test(dangerous_link_targets_are_emptied),
		cmocka_unit_test(headings_nest_under_the_page),
		cmocka_unit_test(only_html_names_take_markdown),
		cmocka_unit_test(templates_print_unescaped_only_html_names),
	};
	return cmocka_run_group_tests_name("markdown", tests, NULL, NULL);
}
