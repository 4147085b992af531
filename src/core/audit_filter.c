/* audit_filter.c — the typed search of the audit log and its CSV form,
 * shared by the viewer (src/pages/audit_log.c) and `clearpost audit
 * export`. */
#include "audit.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../db/q.h"
#include "csv.h"
#include "db.h"

static const char bad_time[] = "Type a UTC date, or a date and time, like "
    "2026-03-01 or 2026-03-01T14:30.";

static int
two_digits(const char *s, int *out)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return 0;
}

/* Parses a typed time into the first instant of the day, minute or second
 * it names (*start) and the first instant after it (*end), in seconds since
 * the epoch. Returns 0, or -1 when it is not such a time or not a real
 * calendar date. */
static int
parse_time(const char *s, time_t *start, time_t *end)
{
	size_t n = strlen(s);
	int y, c, mo, d, h = 0, mi = 0, sec = 0;
	time_t step = 86400;
	struct tm tm, back;

	if (n > 0 && s[n - 1] == 'Z')
		n--;
	if (n != 10 && n != 16 && n != 19)
		return -1;
	if (two_digits(s, &c) < 0 || two_digits(s + 2, &y) < 0 ||
	    s[4] != '-' || two_digits(s + 5, &mo) < 0 || s[7] != '-' ||
	    two_digits(s + 8, &d) < 0)
		return -1;
	y += c * 100;
	if (n >= 16) {
		if ((s[10] != 'T' && s[10] != ' ') || two_digits(s + 11, &h) < 0 ||
		    s[13] != ':' || two_digits(s + 14, &mi) < 0)
			return -1;
		step = 60;
	}
	if (n == 19) {
		if (s[16] != ':' || two_digits(s + 17, &sec) < 0)
			return -1;
		step = 1;
	}
	if (y < 1970 || y > 9998 || h > 23 || mi > 59 || sec > 59)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	/* timegm normalises 2026-02-30 to March 2nd: refuse what moved. */
	*start = timegm(&tm);
	if (gmtime_r(start, &back) == NULL || back.tm_year != y - 1900 ||
	    back.tm_mon != mo - 1 || back.tm_mday != d)
		return -1;
	*end = *start + step;
	return 0;
}

static void
format_time(time_t t, char out[20])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

/* 1 when s is a kind of object alone: 1-64 of a-z and _. */
static int
object_kind(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz_");
	return n > 0 && n <= 64 && s[n] == '\0';
}

static int
action_name(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-");
	return n > 0 && n <= 64 && s[n] == '\0';
}

int
audit_filter_parse(struct audit_filter *f, const char *actor,
    const char *action, const char *object, const char *from,
    const char *to, struct audit_filter_errors *err)
{
	time_t from_start = 0, from_end, to_start, to_end = 0;
	int bad = 0;

	memset(f, 0, sizeof(*f));
	memset(err, 0, sizeof(*err));
	actor = actor ? actor : "";
	action = action ? action : "";
	object = object ? object : "";
	from = from ? from : "";
	to = to ? to : "";

	if (strlen(actor) >= sizeof(f->actor)) {
		err->actor = "A user name has at most 64 characters.";
		bad++;
	} else {
		snprintf(f->actor, sizeof(f->actor), "%s", actor);
	}
	if (action[0] != '\0' && !action_name(action)) {
		err->action = "Choose an action from the list.";
		bad++;
	} else {
		snprintf(f->action, sizeof(f->action), "%s", action);
	}
	if (strlen(object) >= sizeof(f->object) || (object[0] != '\0' &&
	    strchr(object, ':') == NULL && !object_kind(object))) {
		err->object = "Type an object as a kind and an id, like "
		    "post:17, or a kind alone, like post.";
		bad++;
	} else {
		snprintf(f->object, sizeof(f->object), "%s", object);
		/* A kind's letters and _ (escaped: LIKE's one-character
		 * wildcard) followed by ":%". */
		if (object[0] != '\0' && strchr(object, ':') == NULL) {
			size_t o = 0;
			for (const char *p = object; *p != '\0'; p++) {
				if (*p == '_')
					f->object_like[o++] = '\\';
				f->object_like[o++] = *p;
			}
			memcpy(f->object_like + o, ":%", 3);
		}
	}
	if (from[0] != '\0') {
		if (parse_time(from, &from_start, &from_end) < 0) {
			err->from = bad_time;
			bad++;
		} else {
			format_time(from_start, f->from);
		}
	}
	if (to[0] != '\0') {
		if (parse_time(to, &to_start, &to_end) < 0) {
			err->to = bad_time;
			bad++;
		} else {
			format_time(to_end, f->to);
		}
	}
	if (f->from[0] != '\0' && f->to[0] != '\0' && from_start >= to_end) {
		err->to = "The end (to) is before the start (from).";
		f->to[0] = '\0';
		bad++;
	}
	return bad;
}

void
audit_filter_describe(const struct audit_filter *f, char *out, size_t size)
{
	struct { const char *name, *value; } parts[] = {
		{ "actor=", f->actor }, { "action=", f->action },
		{ "object=", f->object }, { "at>=", f->from }, { "at<", f->to },
	};
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (parts[i].value[0] == '\0' || used >= size)
			continue;
		int w = snprintf(out + used, size - used, "%s%s%s",
		    used ? "; " : "", parts[i].name, parts[i].value);
		if (w > 0)
			used += (size_t)w;
	}
	if (out[0] == '\0')
		snprintf(out, size, "all entries");
}

void
audit_csv_header(struct sbuf *b)
{
	static const char *const names[] = { "id", "at_utc", "actor_id",
	    "actor", "action", "object", "from_state", "to_state", "ip",
	    "detail" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		csv_field(b, names[i], i == 0);
	csv_end_record(b);
}

void
audit_csv_rows(struct sbuf *b, const struct db_result *rows)
{
	static const int cols[] = { QA_ID, QA_AT, QA_ACTOR_ID, QA_ACTOR,
	    QA_ACTION, QA_OBJECT, QA_FROM, QA_TO, QA_IP, QA_DETAIL };
	for (size_t i = 0; i < rows->nrows; i++) {
		for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++)
			csv_field(b, db_cell(rows, i, (size_t)cols[c]), c == 0);
		csv_end_record(b);
	}
}
