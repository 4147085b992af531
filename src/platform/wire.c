/* wire.c — formats and the network call shared by the X, Facebook,
 * LinkedIn and webhook connectors (see wire.h). */
#include "wire.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/util.h"
#include "http.h"

void
little_text_escape(struct sbuf *b, const char *s)
{
	static const char reserved[] = "\\|{}@[]()<>#*_~";
	const char *run = s;

	for (; *s; s++) {
		if (strchr(reserved, *s) == NULL)
			continue;
		sbuf_append(b, run, (size_t)(s - run));
		sbuf_append(b, "\\", 1);
		sbuf_append(b, s, 1);
		run = s + 1;
	}
	sbuf_append(b, run, (size_t)(s - run));
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back
 * (H. Hinnant's algorithms; exact for every year here). */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static void
civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
	long long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

static long long
floor_div(long long a, long long b)
{
	long long q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int
rfc3339_utc(long long t, char *out, size_t outsz)
{
	long long days, secs, y;
	unsigned m, d;
	int n;

	if (t < -62167219200LL || t > 253402300799LL || outsz < 21)
		return -1;
	days = floor_div(t, 86400);
	secs = t - days * 86400;
	civil_from_days(days, &y, &m, &d);
	n = snprintf(out, outsz, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", y,
	    m, d, secs / 3600, secs / 60 % 60, secs % 60);
	return n > 0 && (size_t)n < outsz ? 0 : -1;
}

long long
next_utc_midnight(long long now)
{
	return (floor_div(now, 86400) + 1) * 86400;
}

/* Reads exactly n decimal digits at *s; -1 when one is missing. */
static long
digits(const char **s, int n)
{
	long v = 0;
	for (int i = 0; i < n; i++, (*s)++) {
		if (**s < '0' || **s > '9')
			return -1;
		v = v * 10 + (**s - '0');
	}
	return v;
}

/* "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 IMF-fixdate) -> epoch s. */
static long long
imf_fixdate(const char *s, int *ok)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	long day, year, hh, mm, ss;
	const char *p;
	unsigned mon = 0;

	*ok = 0;
	p = strchr(s, ',');
	if (p == NULL || p - s != 3 || p[1] != ' ')
		return 0;
	p += 2;
	if ((day = digits(&p, 2)) < 1 || day > 31 || *p++ != ' ')
		return 0;
	for (unsigned i = 0; i < 12; i++)
		if (strncmp(p, months + 3 * i, 3) == 0)
			mon = i + 1;
	if (mon == 0 || p[3] != ' ')
		return 0;
	p += 4;
	if ((year = digits(&p, 4)) < 0 || *p++ != ' ' ||
	    (hh = digits(&p, 2)) < 0 || hh > 23 || *p++ != ':' ||
	    (mm = digits(&p, 2)) < 0 || mm > 59 || *p++ != ':' ||
	    (ss = digits(&p, 2)) < 0 || ss > 60 || strcmp(p, " GMT") != 0)
		return 0;
	*ok = 1;
	return days_from_civil(year, mon, (unsigned)day) * 86400 + hh * 3600 +
	    mm * 60 + ss;
}

long long
retry_after_at(const char *value, long long now)
{
	const char *p;
	long long secs = 0;
	int ok;

	if (value == NULL || *value == '\0')
		return 0;
	if (*value >= '0' && *value <= '9') {
		for (p = value; *p >= '0' && *p <= '9'; p++) {
			if (secs > 100000000LL)
				return 0;
			secs = secs * 10 + (*p - '0');
		}
		return *p == '\0' ? now + secs : 0;
	}
	secs = imf_fixdate(value, &ok);
	return ok ? secs : 0;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int
text_same(const char *a, const char *b)
{
	const char *ae, *be;

	while (is_blank(*a))
		a++;
	while (is_blank(*b))
		b++;
	ae = a + strlen(a);
	be = b + strlen(b);
	while (ae > a && is_blank(ae[-1]))
		ae--;
	while (be > b && is_blank(be[-1]))
		be--;
	for (;;) {
		while (a < ae && *a == '\r')
			a++;
		while (b < be && *b == '\r')
			b++;
		if (a == ae || b == be)
			return a == ae && b == be;
		if (*a++ != *b++)
			return 0;
	}
}

long long
wire_now(const struct pub_account *a)
{
	if (a->env != NULL && a->env->now > 0)
		return a->env->now;
	return (long long)time(NULL);
}

int
wire_perform(const struct pub_account *a, struct http_request *rq,
    int is_write, const char *who, struct http_response *resp,
    struct pub_result *r)
{
	struct sbuf d;
	int allow = a->env != NULL && a->env->allow_loopback_http;

	memset(resp, 0, sizeof(*resp));
	sbuf_init(&d);
	if (rq->url == NULL || !http_url_allowed(rq->url, allow)) {
		sbuf_printf(&d, "%s: address refused, it is not an https URL "
		    "(check the settings).", who);
		pub_set(r, PUB_PERMANENT, 0, d.failed ? "" : d.data);
		sbuf_free(&d);
		return -1;
	}
	rq->allow_loopback_http = allow;
	if (a->env != NULL) {
		rq->connect_timeout_ms = a->env->connect_timeout_ms;
		rq->timeout_ms = a->env->timeout_ms;
	}
	if (http_perform(rq, resp) == 0)
		return 0;
	if (resp->outcome == HTTP_NOT_SENT)
		sbuf_printf(&d, "%s could not be reached; nothing was sent "
		    "(%s).", who, resp->error);
	else if (is_write)
		sbuf_printf(&d, "%s did not answer in time: the post may have "
		    "been published (%s).", who, resp->error);
	else
		sbuf_printf(&d, "%s did not answer in time (%s).", who,
		    resp->error);
	pub_set(r, pub_class_transport(resp, is_write), 0,
	    d.failed ? "" : d.data);
	sbuf_free(&d);
	return -1;
}

void
wire_url_host(struct sbuf *b, const char *url)
{
	const char *p = strstr(url, "://"), *end, *at;

	if (p == NULL)
		return;
	p += 3;
	end = p + strcspn(p, "/?#");
	for (at = p; at < end; at++)
		if (*at == '@')
			p = at + 1;
	sbuf_append(b, p, (size_t)(end - p));
}

int
wire_contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	if (hay == NULL)
		return 0;
	for (; *hay; hay++) {
		size_t i = 0;
		while (i < n && hay[i] != '\0' &&
		    tolower((unsigned char)hay[i]) ==
		    tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return 1;
	}
	return n == 0;
}

void
wire_ident(struct sbuf *b, const char *s)
{
	for (int n = 0; s != NULL && *s && n < 40; s++, n++) {
		unsigned char c = (unsigned char)*s;
		if (!isalnum(c) && c != '_' && c != '.' && c != '-')
			break;
		sbuf_append(b, s, 1);
	}
}

void
wire_wipe(struct sbuf *b)
{
	if (b->data != NULL)
		explicit_bzero(b->data, b->cap);
	sbuf_free(b);
}

int
wire_header_safe(const char *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f)
			return 0;
	return 1;
}
