/* The audit log's search and CSV: typed times become exact bounds, bad
 * input is refused field by field, and CSV fields are quoted and
 * neutralised as RFC 4180 and OWASP ask. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/audit.h"
#include "../../src/core/csv.h"

/* One field as csv_field writes it, NUL-terminated (static buffer). */
static const char *
field(const char *s)
{
	static char out[256];
	struct sbuf b;
	sbuf_init(&b);
	csv_field(&b, s, 1);
	assert_false(b.failed);
	assert_true(b.len < sizeof(out));
	memcpy(out, b.data ? b.data : "", b.len);
	out[b.len] = '\0';
	sbuf_free(&b);
	return out;
}

static void
plain_fields_are_left_alone(void **state)
{
	(void)state;
	assert_string_equal(field("login.ok"), "login.ok");
	assert_string_equal(field("user:3"), "user:3");
	assert_string_equal(field("2026-03-01 10:00:00.000001"),
	    "2026-03-01 10:00:00.000001");
	assert_string_equal(field("reason=bad_password"), "reason=bad_password");
	assert_string_equal(field(""), "");
	assert_string_equal(field(NULL), "");
}

static void
commas_quotes_and_line_breaks_are_quoted(void **state)
{
	(void)state;
	assert_string_equal(field("a,b"), "\"a,b\"");
	assert_string_equal(field("say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(field("one\ntwo"), "\"one\ntwo\"");
	assert_string_equal(field("one\r\ntwo"), "\"one\r\ntwo\"");
	assert_string_equal(field("\""), "\"\"\"\"");
}

static void
formulas_get_a_leading_apostrophe(void **state)
{
	(void)state;
	assert_string_equal(field("=1+2"), "'=1+2");
	assert_string_equal(field("+1"), "'+1");
	assert_string_equal(field("-1"), "'-1");
	assert_string_equal(field("@SUM(A1)"), "'@SUM(A1)");
	assert_string_equal(field("\tx"), "'\tx");
	/* Inside the quotes when the field needs them as well. */
	assert_string_equal(field("\rx"), "\"'\rx\"");
	assert_string_equal(field("=HYPERLINK(\"http://x\",\"a, b\")"),
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"a, b\"\")\"");
	/* Only the first character counts. */
	assert_string_equal(field("a=b"), "a=b");
}

static void
records_are_comma_separated_and_end_in_crlf(void **state)
{
	struct sbuf b;
	(void)state;
	sbuf_init(&b);
	csv_field(&b, "1", 1);
	csv_field(&b, NULL, 0);
	csv_field(&b, "x,y", 0);
	csv_end_record(&b);
	sbuf_append(&b, "", 1);
	assert_string_equal(b.data, "1,,\"x,y\"\r\n");
	sbuf_free(&b);
}

static int
parse(struct audit_filter *f, const char *from, const char *to,
    struct audit_filter_errors *err)
{
	return audit_filter_parse(f, NULL, NULL, NULL, from, to, err);
}

static void
times_name_a_day_a_minute_or_a_second(void **state)
{
	struct audit_filter f;
	struct audit_filter_errors err;
	(void)state;
	assert_int_equal(parse(&f, "2026-03-01", "2026-03-01", &err), 0);
	assert_string_equal(f.from, "2026-03-01 00:00:00");
	assert_string_equal(f.to, "2026-03-02 00:00:00");
	assert_int_equal(parse(&f, "2026-02-28T23:59", "2026-02-28 23:59",
	    &err), 0);
	assert_string_equal(f.from, "2026-02-28 23:59:00");
	assert_string_equal(f.to, "2026-03-01 00:00:00");
	assert_int_equal(parse(&f, "2026-12-31T23:59:59Z", "2026-12-31T23:59:59Z",
	    &err), 0);
	assert_string_equal(f.from, "2026-12-31 23:59:59");
	assert_string_equal(f.to, "2027-01-01 00:00:00");
	assert_int_equal(parse(&f, "", "2028-02-28", &err), 0);
	assert_string_equal(f.from, "");
	assert_string_equal(f.to, "2028-02-29 00:00:00");
}

static void
bad_times_are_refused_per_field(void **state)
{
	static const char *const bad[] = { "2026-02-30", "2026-13-01",
	    "2026-3-1", "yesterday", "2026-03-01T24:00", "2026-03-01T10:60",
	    "2026-03-01 10:00:61", "2026-03-01T10", "+2026-03-01",
	    " 2026-03-01", "2026-03-01x", "1969-12-31", "2026-03-01T10:00ZZ" };
	struct audit_filter f;
	struct audit_filter_errors err;
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(&f, bad[i], "", &err), 1);
		assert_non_null(err.from);
		assert_null(err.to);
		assert_int_equal(parse(&f, "", bad[i], &err), 1);
		assert_non_null(err.to);
		assert_null(err.from);
	}
	assert_int_equal(parse(&f, "2026-03-02", "2026-03-01T23:59", &err), 1);
	assert_non_null(strstr(err.to, "before the start"));
	assert_int_equal(parse(&f, "x", "y", &err), 2);
}

static void
objects_are_exact_or_a_kind_alone(void **state)
{
	struct audit_filter f;
	struct audit_filter_errors err;
	char long_name[80];
	(void)state;
	assert_int_equal(audit_filter_parse(&f, "bob", "login.ok", "post:17",
	    NULL, NULL, &err), 0);
	assert_string_equal(f.object, "post:17");
	assert_string_equal(f.object_like, "");
	assert_int_equal(audit_filter_parse(&f, NULL, NULL, "audit_log", NULL,
	    NULL, &err), 0);
	/* LIKE's _ is escaped: "audit_log" never matches "auditxlog:1". */
	assert_string_equal(f.object_like, "audit\\_log:%");
	assert_int_equal(audit_filter_parse(&f, NULL, NULL, "po%", NULL, NULL,
	    &err), 1);
	assert_non_null(err.object);
	assert_int_equal(audit_filter_parse(&f, NULL, "DROP TABLE", NULL, NULL,
	    NULL, &err), 1);
	assert_non_null(err.action);
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	assert_int_equal(audit_filter_parse(&f, long_name, NULL, NULL, NULL,
	    NULL, &err), 1);
	assert_non_null(err.actor);
}

static void
the_summary_names_each_filter_used(void **state)
{
	struct audit_filter f;
	struct audit_filter_errors err;
	char out[200];
	(void)state;
	assert_int_equal(audit_filter_parse(&f, "", "", "", "", "", &err), 0);
	audit_filter_describe(&f, out, sizeof(out));
	assert_string_equal(out, "all entries");
	assert_int_equal(audit_filter_parse(&f, "bob", "login.fail", "user",
	    "2026-03-01", "2026-03-01", &err), 0);
	audit_filter_describe(&f, out, sizeof(out));
	assert_string_equal(out, "actor=bob; action=login.fail; object=user; "
	    "at>=2026-03-01 00:00:00; at<2026-03-02 00:00:00");
	audit_filter_describe(&f, out, 20);
	assert_int_equal(strlen(out), 19);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_fields_are_left_alone),
		cmocka_unit_test(commas_quotes_and_line_breaks_are_quoted),
		cmocka_unit_test(formulas_get_a_leading_apostrophe),
		cmocka_unit_test(records_are_comma_separated_and_end_in_crlf),
		cmocka_unit_test(times_name_a_day_a_minute_or_a_second),
		cmocka_unit_test(bad_times_are_refused_per_field),
		cmocka_unit_test(objects_are_exact_or_a_kind_alone),
		cmocka_unit_test(the_summary_names_each_filter_used),
	};
	return cmocka_run_group_tests_name("audit_export", tests, NULL, NULL);
}
