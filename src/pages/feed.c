/* feed.c — the public Atom feed (RFC 4287) of published posts and the
 * images of its entries. No session, the same answer for everyone, only
 * reads (see R_ANONYMOUS in route.h).
 *
 * Ids are tag URIs (RFC 4151) from the post's database id and never change:
 * the feed is tag:<host>,<date>:feed, an entry tag:<host>,<date>:post/<id>,
 * host from Site.PublicURL and date from Feed.TagDate. A post withdrawn
 * after it went out becomes an RFC 6721 tombstone with the same id. Answers
 * carry an ETag (the body's SHA-256) and Last-Modified (the newest change),
 * and a client holding the current copy gets 304 (render.c). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../core/app.h"
#include "../core/db.h"
#include "../core/log.h"
#include "../core/render.h"
#include "../core/settings.h"
#include "../core/xml.h"
#include "../db/q.h"
#include "pages.h"

/* Columns of q_feed_entries. */
enum {
	E_POST, E_TITLE, E_BODY, E_MEDIA, E_ALT, E_MIME, E_LENGTH,
	E_PUBLISHED, E_UPDATED, E_WITHDRAWN, E_WHEN,
};

/* The host of url ("scheme://[user@]host[:port][/...]"), lower-cased,
 * into out. Returns 0, or -1 when it is not a DNS name a tag URI can
 * carry (RFC 4151: letters, digits, '-' and '.'). */
static int
url_host(const char *url, char *out, size_t size)
{
	const char *p = strstr(url, "://"), *end, *at;
	size_t n = 0;

	p = p ? p + 3 : url;
	end = p + strcspn(p, "/?#");
	at = memchr(p, '@', (size_t)(end - p));
	if (at != NULL)
		p = at + 1;
	for (; p < end && *p != ':'; p++) {
		char c = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.') || n + 1 >= size)
			return -1;
		out[n++] = c;
	}
	out[n] = '\0';
	return n > 0 ? 0 : -1;
}

static int
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Reads Feed.TagDate (YYYY, YYYY-MM or YYYY-MM-DD) into the form a tag
 * URI uses — the shortest, since a day or month of 01 may be left out
 * (RFC 4151 section 2.1): 2026-01-01 gives "2026" — and the full date in
 * day (YYYY-MM-DD). Returns 0, or -1 when malformed. */
static int
tag_date(const char *s, char tag[11], char day[11])
{
	size_t n = strlen(s);
	char y[5], m[3] = "01", d[3] = "01";

	if (!((n == 4 && digits(s, 4)) || (n == 7 && digits(s, 4) &&
	    s[4] == '-' && digits(s + 5, 2)) || (n == 10 && digits(s, 4) &&
	    s[4] == '-' && digits(s + 5, 2) && s[7] == '-' &&
	    digits(s + 8, 2))))
		return -1;
	memcpy(y, s, 4);
	y[4] = '\0';
	if (n >= 7)
		memcpy(m, s + 5, 2);
	if (n == 10)
		memcpy(d, s + 8, 2);
	if (strcmp(m, "01") < 0 || strcmp(m, "12") > 0 ||
	    strcmp(d, "01") < 0 || strcmp(d, "31") > 0)
		return -1;
	if (strcmp(d, "01") != 0)
		snprintf(tag, 11, "%s-%s-%s", y, m, d);
	else if (strcmp(m, "01") != 0)
		snprintf(tag, 11, "%s-%s", y, m);
	else
		snprintf(tag, 11, "%s", y);
	snprintf(day, 11, "%s-%s-%s", y, m, d);
	return 0;
}

/* An RFC 3339 UTC time ("2026-03-01T12:00:00Z") as an HTTP date
 * ("Sun, 01 Mar 2026 12:00:00 GMT", IMF-fixdate) in the arena, or NULL. */
static const char *
http_date(struct req *r, const char *t)
{
	static const char *const wday[] = { "Sun", "Mon", "Tue", "Wed",
	    "Thu", "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	time_t when;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return NULL;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	when = timegm(&tm);
	if (when == (time_t)-1 || gmtime_r(&when, &tm) == NULL)
		return NULL;
	return arena_printf(&r->arena, "%s, %02d %s %04d %02d:%02d:%02d GMT",
	    wday[tm.tm_wday], tm.tm_mday, mon[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* Only the two types uploads may have (image.c); anything else stored
 * would not be served under its own name. */
static const char *
image_type(const char *mime)
{
	return strcmp(mime, "image/png") == 0 ? "image/png" : "image/jpeg";
}

/* Sets prefix.name to text made safe for XML. Returns 0 or -1. */
static int
set_text(struct req *r, const char *prefix, const char *name,
    const char *value, size_t len)
{
	const char *clean = xml_text(&r->arena, value ? value : "", value ?
	    len : 0);
	const char *key = arena_printf(&r->arena, "%s%s", prefix, name);
	if (clean == NULL || key == NULL)
		return -1;
	return render_set(r, key, clean);
}

/* An entry's title, made from the published text: post titles are the
 * staff's internal labels and are never posted anywhere, so the feed must
 * not show them. The first line, cut after at most ENTRY_TITLE_CHARS
 * characters at a word boundary, with an ellipsis when cut. Owned by the
 * request's arena; NULL when out of memory. */
#define ENTRY_TITLE_CHARS 80
static const char *
entry_title(struct req *r, const char *body, size_t len)
{
	size_t end = 0, chars = 0, last_space = 0;
	while (end < len && body[end] != '\n' && body[end] != '\r') {
		if (((unsigned char)body[end] & 0xc0) != 0x80) {
			if (chars == ENTRY_TITLE_CHARS)
				break;
			chars++;
			if (body[end] == ' ')
				last_space = end;
		}
		end++;
	}
	int cut = end < len && body[end] != '\n' && body[end] != '\r';
	if (cut && last_space > 0)
		end = last_space;
	while (end > 0 && body[end - 1] == ' ')
		end--;
	return cut ? arena_printf(&r->arena, "%.*s\u2026", (int)end, body) :
	    arena_strndup(&r->arena, body, end);
}

/* Fills Feed.Entries.i from row i. Returns 0 or -1. */
static int
entry_to_hdf(struct req *r, const struct db_result *e, size_t i,
    const char *host, const char *tag)
{
	const struct config *cfg = &r->app->cfg;
	const char *prefix = arena_printf(&r->arena, "Feed.Entries.%zu.", i);
	const char *id = arena_printf(&r->arena, "tag:%s,%s:post/%s", host, tag,
	    db_cell(e, i, E_POST));
	long long media = db_cell_int(e, i, E_MEDIA);

	if (prefix == NULL || id == NULL || set_text(r, prefix, "Id", id,
	    strlen(id)) < 0)
		return -1;
	if (db_cell_int(e, i, E_WITHDRAWN)) {
		if (set_text(r, prefix, "Deleted", "1", 1) < 0 ||
		    set_text(r, prefix, "When", db_cell(e, i, E_WHEN),
		    db_cell_len(e, i, E_WHEN)) < 0)
			return -1;
		return 0;
	}
	const char *body = xml_text(&r->arena, db_cell(e, i, E_BODY),
	    db_cell_len(e, i, E_BODY));
	const char *title = body ? entry_title(r, body, strlen(body)) : NULL;
	if (title == NULL || set_text(r, prefix, "Title", title,
	    strlen(title)) < 0 ||
	    set_text(r, prefix, "Content", db_cell(e, i, E_BODY),
	    db_cell_len(e, i, E_BODY)) < 0 ||
	    set_text(r, prefix, "Published", db_cell(e, i, E_PUBLISHED),
	    db_cell_len(e, i, E_PUBLISHED)) < 0 ||
	    set_text(r, prefix, "Updated", db_cell(e, i, E_UPDATED),
	    db_cell_len(e, i, E_UPDATED)) < 0)
		return -1;
	if (media == 0 || *db_cell(e, i, E_MIME) == '\0')
		return 0;
	const char *href = arena_printf(&r->arena, "%s/feed/media/%lld",
	    cfg->public_url, media);
	if (href == NULL || set_text(r, prefix, "Media.Href", href,
	    strlen(href)) < 0 ||
	    set_text(r, prefix, "Media.Type", image_type(db_cell(e, i, E_MIME)),
	    strlen(image_type(db_cell(e, i, E_MIME)))) < 0 ||
	    set_text(r, prefix, "Media.Length", db_cell(e, i, E_LENGTH),
	    db_cell_len(e, i, E_LENGTH)) < 0 ||
	    set_text(r, prefix, "Media.Alt", db_cell(e, i, E_ALT),
	    db_cell_len(e, i, E_ALT)) < 0)
		return -1;
	return 0;
}

int
page_feed_atom(struct req *r)
{
	const struct config *cfg = &r->app->cfg;
	struct db_result e = { 0 };
	char host[256], tag[11], day[11];
	const char *updated, *self;
	int status = 500;

	if (url_host(cfg->public_url, host, sizeof(host)) < 0 ||
	    tag_date(cfg->feed_tag_date, tag, day) < 0) {
		/* Guessing would change every id readers already have. */
		log_error("feed: Site.PublicURL needs a DNS host name and "
		    "Feed.TagDate the form YYYY[-MM[-DD]]");
		return 500;
	}
	if (q_feed_entries(r->app->db, cfg->feed_max_entries, &e) < 0) {
		status = 503;
		goto out;
	}
	if (render_prepare(r) < 0)
		goto out;
	for (size_t i = 0; i < e.nrows; i++)
		if (entry_to_hdf(r, &e, i, host, tag) < 0)
			goto out;
	/* Rows come newest change first; an empty feed has not changed
	 * since the day its ids begin. */
	if (e.nrows == 0)
		updated = arena_printf(&r->arena, "%sT00:00:00Z", day);
	else
		updated = db_cell(&e, 0, db_cell_int(&e, 0, E_WITHDRAWN) ?
		    E_WHEN : E_UPDATED);
	self = arena_printf(&r->arena, "%s/feed.atom", cfg->public_url);
	/* the organisation's name as set by its administrators, else
	 * Site.Name */
	const char *org = settings_org_name(r->app);
	const char *id = arena_printf(&r->arena, "tag:%s,%s:feed", host, tag);
	if (updated == NULL || self == NULL || id == NULL ||
	    set_text(r, "Feed.", "Id", id, strlen(id)) < 0 ||
	    set_text(r, "Feed.", "Title", org, strlen(org)) < 0 ||
	    set_text(r, "Feed.", "Author", org, strlen(org)) < 0 ||
	    set_text(r, "Feed.", "Home", cfg->public_url,
	    strlen(cfg->public_url)) < 0 ||
	    set_text(r, "Feed.", "Self", self, strlen(self)) < 0 ||
	    set_text(r, "Feed.", "Updated", updated, strlen(updated)) < 0)
		goto out;
	r->last_modified = http_date(r, updated);
	r->template = "feed/atom.cs";
	r->standalone = 1;
	r->content_type = "application/atom+xml; charset=utf-8";
	r->revalidate = 1;
	status = 200;
out:
	db_result_free(&e);
	return status;
}

int
page_feed_media(struct req *r)
{
	struct db_result m = { 0 };
	int status = 503;

	if (q_feed_media(r->app->db, r->path_id, &m) < 0)
		goto out;
	status = 404;
	if (m.nrows == 0)
		goto out;
	status = 500;
	r->body = arena_strndup(&r->arena, db_cell(&m, 0, 1),
	    db_cell_len(&m, 0, 1));
	r->body_len = db_cell_len(&m, 0, 1);
	r->content_type = image_type(db_cell(&m, 0, 0));
	/* The stored bytes never change: their hash is the tag. */
	r->etag = arena_printf(&r->arena, "\"%s\"", db_cell(&m, 0, 2));
	r->revalidate = 1;
	if (r->body != NULL && r->etag != NULL)
		status = 200;
out:
	db_result_free(&m);
	return status;
}
