/* The audit chain: intact logs verify, any altered, removed or reordered
 * entry is named. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "../../src/core/audit.h"

static const unsigned char key[32] = { 7, 7, 7 };
#define N 5
static struct audit_entry log_[N];
static char names[N][16];

static void
build_chain(void)
{
	unsigned char prev[32] = { 0 };
	memset(log_, 0, sizeof(log_));
	for (int i = 0; i < N; i++) {
		struct audit_entry *e = &log_[i];
		snprintf(names[i], sizeof(names[i]), "user%d", i);
		e->id = i + 1;
		snprintf(e->at, sizeof(e->at), "2026-11-25 10:00:0%d.000000", i);
		e->actor_id = i;
		e->actor_name = names[i];
		e->action = i % 2 ? "login.ok" : "post.approve";
		e->object = "post:1";
		e->from_state = i % 2 ? NULL : "in_review";
		e->to_state = i % 2 ? NULL : "approved";
		e->ip = "127.0.0.1";
		e->detail = "";
		memcpy(e->prev_hash, prev, 32);
		audit_entry_hash(key, e);
		memcpy(prev, e->hash, 32);
	}
}

static int
check(const struct audit_entry *entries, size_t n, long long *bad)
{
	unsigned char last[32] = { 0 };
	long long last_id = 0;
	*bad = 0;
	return audit_chain_check(key, entries, n, &last_id, last, bad);
}

static void
intact_chain_verifies(void **state)
{
	long long bad;
	(void)state;
	build_chain();
	assert_int_equal(check(log_, N, &bad), 0);
}

static void
altered_field_is_named(void **state)
{
	long long bad;
	(void)state;
	build_chain();
	log_[2].detail = "tampered";
	assert_int_equal(check(log_, N, &bad), -1);
	assert_int_equal(bad, 3);
	build_chain();
	log_[3].from_state = "draft";
	assert_int_equal(check(log_, N, &bad), -1);
	assert_int_equal(bad, 4);
	build_chain();
	log_[0].at[5] = '9';
	assert_int_equal(check(log_, N, &bad), -1);
	assert_int_equal(bad, 1);
}

static void
null_and_empty_fields_hash_differently(void **state)
{
	long long bad;
	(void)state;
	build_chain();
	log_[1].from_state = ""; /* was NULL */
	assert_int_equal(check(log_, N, &bad), -1);
	assert_int_equal(bad, 2);
}

static void
removed_entry_is_named(void **state)
{
	struct audit_entry gap[N - 1];
	long long bad;
	(void)state;
	build_chain();
	memcpy(gap, log_, 2 * sizeof(log_[0]));
	memcpy(gap + 2, log_ + 3, 2 * sizeof(log_[0]));
	assert_int_equal(check(gap, N - 1, &bad), -1);
	assert_int_equal(bad, 3);
}

static void
renumbered_entries_do_not_verify(void **state)
{
	struct audit_entry gap[N - 1];
	long long bad;
	(void)state;
	build_chain();
	/* Delete entry 3 and renumber the rest to hide the gap. */
	memcpy(gap, log_, 2 * sizeof(log_[0]));
	memcpy(gap + 2, log_ + 3, 2 * sizeof(log_[0]));
	gap[2].id = 3;
	gap[3].id = 4;
	assert_int_equal(check(gap, N - 1, &bad), -1);
	assert_int_equal(bad, 3);
}

static void
another_key_does_not_verify(void **state)
{
	unsigned char last[32] = { 0 }, other[32] = { 8 };
	long long last_id = 0, bad;
	(void)state;
	build_chain();
	assert_int_equal(audit_chain_check(other, log_, N, &last_id, last,
	    &bad), -1);
	assert_int_equal(bad, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(intact_chain_verifies),
		cmocka_unit_test(altered_field_is_named),
		cmocka_unit_test(null_and_empty_fields_hash_differently),
		cmocka_unit_test(removed_entry_is_named),
		cmocka_unit_test(renumbered_entries_do_not_verify),
		cmocka_unit_test(another_key_does_not_verify),
	};
	return cmocka_run_group_tests_name("audit", tests, NULL, NULL);
}
