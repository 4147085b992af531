/* accounts.c — the organisation's social accounts, for administrators:
 * add, edit, test the connection, disable and enable.
 *
 * Each platform is a table of fields (below): which go to the accounts
 * row's handle, which to the non-secret settings JSON and which to the
 * credentials, sealed with AES-256-GCM under Secret.CredentialsKeyFile and
 * bound to "account:<id>". Credentials are never shown again, never echoed
 * after a failed save, never logged and never audited: the audit entry
 * names the account and which fields changed. They are replaced only when
 * the admin types all of a platform's secret fields again. A webhook's
 * signing secret is made by Clearpost and shown exactly once, in the
 * answer to the save that made it.
 *
 * Every change is one transaction with its audit entry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/crypto.h"
#include "../core/db.h"
#include "../core/json.h"
#include "../core/log.h"
#include "../core/render.h"
#include "../db/q.h"
#include "../platform/http.h"
#include "../platform/platform.h"
#include "../platform/sign.h"
#include "pages.h"

#define NAME_MAX_CHARS 100
#define TEXT_MAX_CHARS 200
#define URL_MAX 500
#define SECRET_MAX 2000
#define MAX_FIELDS 8
#define DB_DUPLICATE 1062 /* ER_DUP_ENTRY */

enum dest {
	D_HANDLE,  /* accounts.handle (and settings[setting] when named) */
	D_SETTING, /* the settings JSON */
	D_SECRET,  /* the sealed credentials JSON */
};

enum check {
	C_TEXT,          /* one line of text */
	C_URL,           /* https (loopback http when allowed) */
	C_URN,           /* urn:li:organization:<digits> */
	C_DIGITS,        /* a numeric id */
	C_MASTO_HANDLE,  /* @name@server */
	C_BSKY_HANDLE,   /* a domain name */
	C_X_USER,        /* 1-15 of A-Z a-z 0-9 _ */
	C_SECRET,        /* a token: no blanks inside */
};

struct field {
	const char *key;      /* form field and JSON key */
	const char *label;
	const char *hint;     /* NULL: none */
	enum dest dest;
	enum check check;
	int required;
	const char *setting;  /* D_HANDLE: also in settings under this key */
};

struct kind {
	const char *platform; /* accounts.platform */
	const char *title;
	const struct field *fields;
	size_t nfields;
	int generated_secret; /* Clearpost makes the secret (webhook) */
	const char *fixed_handle;
};

static const struct field mastodon_fields[] = {
	{ "instance", "Instance URL", "The server the account lives on, e.g. "
	    "https://mastodon.social", D_SETTING, C_URL, 1, NULL },
	{ "handle", "Handle", "Optional, as people see it, e.g. "
	    "@hospital@mastodon.social", D_HANDLE, C_MASTO_HANDLE, 0, NULL },
	{ "token", "Access token", "From Preferences, Development, New "
	    "application, with the write:statuses and write:media scopes",
	    D_SECRET, C_SECRET, 1, NULL },
};
static const struct field bluesky_fields[] = {
	{ "handle", "Handle", "e.g. hospital.bsky.social", D_HANDLE,
	    C_BSKY_HANDLE, 1, "handle" },
	{ "pds", "PDS URL", NULL, D_SETTING, C_URL, 0, NULL },
	{ "app_password", "App password", "Settings, Privacy and security, App "
	    "passwords; never the account's own password", D_SECRET, C_SECRET,
	    1, NULL },
};
static const struct field x_fields[] = {
	{ "username", "Username", "Without the @, e.g. hospital", D_HANDLE,
	    C_X_USER, 1, "username" },
	{ "consumer_key", "API key (consumer key)", NULL, D_SECRET, C_SECRET,
	    1, NULL },
	{ "consumer_secret", "API key secret (consumer secret)", NULL,
	    D_SECRET, C_SECRET, 1, NULL },
	{ "access_token", "Access token", "Of the organisation's X account, "
	    "with read and write permission", D_SECRET, C_SECRET, 1, NULL },
	{ "access_token_secret", "Access token secret", NULL, D_SECRET,
	    C_SECRET, 1, NULL },
};
static const struct field facebook_fields[] = {
	{ "page_id", "Page id", "Digits only, e.g. 104958162837", D_SETTING,
	    C_DIGITS, 1, NULL },
	{ "handle", "Page name", "Optional, as people see it", D_HANDLE,
	    C_TEXT, 0, NULL },
	{ "page_token", "Page access token", "A long-lived Page token with "
	    "pages_manage_posts", D_SECRET, C_SECRET, 1, NULL },
	{ "app_secret", "App secret", "Signs every call (appsecret_proof)",
	    D_SECRET, C_SECRET, 1, NULL },
};
static const struct field linkedin_fields[] = {
	{ "organization", "Organisation URN", "e.g. "
	    "urn:li:organization:2414183", D_SETTING, C_URN, 1, NULL },
	{ "handle", "Page name", "Optional, as people see it", D_HANDLE,
	    C_TEXT, 0, NULL },
	{ "token", "Access token", "With the w_organization_social scope",
	    D_SECRET, C_SECRET, 1, NULL },
};
static const struct field webhook_fields[] = {
	{ "url", "Receiver URL", "Each published post is POSTed there as JSON, "
	    "signed (Standard Webhooks)", D_SETTING, C_URL, 1, NULL },
};

#define FIELDS(f) f, sizeof(f) / sizeof(f[0])
static const struct kind kinds[] = {
	{ "mastodon", "Mastodon", FIELDS(mastodon_fields), 0, NULL },
	{ "bluesky", "Bluesky", FIELDS(bluesky_fields), 0, NULL },
	{ "x", "X", FIELDS(x_fields), 0, NULL },
	{ "facebook", "Facebook Page", FIELDS(facebook_fields), 0, NULL },
	{ "linkedin", "LinkedIn organisation page", FIELDS(linkedin_fields), 0,
	    NULL },
	{ "webhook", "Webhook", FIELDS(webhook_fields), 1, NULL },
	{ "feed", "Atom feed", NULL, 0, 0, "/feed.atom" },
};
#undef FIELDS
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static const struct kind *
kind_find(const char *platform)
{
	if (platform == NULL)
		return NULL;
	for (size_t i = 0; i < NKINDS; i++)
		if (strcmp(kinds[i].platform, platform) == 0)
			return &kinds[i];
	return NULL;
}

/* 1 when the platform keeps credentials (typed or generated). */
static int
kind_has_secrets(const struct kind *k)
{
	if (k->generated_secret)
		return 1;
	for (size_t i = 0; i < k->nfields; i++)
		if (k->fields[i].dest == D_SECRET)
			return 1;
	return 0;
}

/* ---- what the admin sent ------------------------------------------- */

struct form {
	const struct kind *k;
	const char *name;
	const char *values[MAX_FIELDS]; /* trimmed, arena-owned */
	int secrets_typed;              /* secret fields not left empty */
	int regenerate;                 /* webhook: make a new secret */
	int errors;
};

static int
one_line(const char *s)
{
	return strpbrk(s, "\t\r\n") == NULL;
}

static int
all_digits(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);
	if (n < min || n > max)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* A DNS name of at least two labels (Bluesky handles, Mastodon servers). */
static int
domain_ok(const char *s)
{
	size_t n = strlen(s), label = 0, labels = 1;
	if (n < 3 || n > 253 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '.') {
			if (label == 0 || s[i - 1] == '-')
				return 0;
			label = 0;
			labels++;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-'))
			return 0;
		if (c == '-' && label == 0)
			return 0;
		if (++label > 63)
			return 0;
	}
	/* the last label (a top-level domain) is not numeric */
	const char *tld = strrchr(s, '.') + 1;
	return labels >= 2 && !(tld[0] >= '0' && tld[0] <= '9') &&
	    s[n - 1] != '-';
}

static const char *
skip_at(const char *s)
{
	return s[0] == '@' ? s + 1 : s;
}

static int
url_ok(const struct app *app, const char *v)
{
	if (strlen(v) > URL_MAX)
		return 0;
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return 0;
	return http_url_allowed(v, app->cfg.allow_loopback_http);
}

/* Why value v does not fit field f, or NULL when it does. The message
 * never repeats v. */
static const char *
field_problem(const struct app *app, const struct field *f, const char *v)
{
	if (v[0] == '\0')
		return f->required ? "This is required." : NULL;
	switch (f->check) {
	case C_TEXT:
		if (!one_line(v) || utf8_count(v) > TEXT_MAX_CHARS)
			return "Keep it to one line of at most 200 characters.";
		return NULL;
	case C_URL:
		if (url_ok(app, v))
			return NULL;
		return app->cfg.allow_loopback_http ?
		    "Give an https:// address (http:// only to 127.0.0.1 or "
		    "localhost, for test servers)." :
		    "Give an https:// address, e.g. https://mastodon.social.";
	case C_URN: {
		static const char prefix[] = "urn:li:organization:";
		if (strncmp(v, prefix, sizeof(prefix) - 1) == 0 &&
		    all_digits(v + sizeof(prefix) - 1, 1, 19))
			return NULL;
		return "Give the organisation URN as urn:li:organization: "
		    "followed by its number, e.g. urn:li:organization:2414183.";
	}
	case C_DIGITS:
		return all_digits(v, 1, 20) ? NULL : "The Page id is a number "
		    "(digits only), e.g. 104958162837.";
	case C_MASTO_HANDLE: {
		const char *p = skip_at(v);
		size_t n = 0;
		while (name_char(p[n]))
			n++;
		if (n >= 1 && n <= 30 && (p[n] == '\0' ||
		    (p[n] == '@' && domain_ok(p + n + 1))))
			return NULL;
		return "Give the handle as @name@server, e.g. "
		    "@hospital@mastodon.social, or leave it empty.";
	}
	case C_BSKY_HANDLE:
		return domain_ok(skip_at(v)) ? NULL : "Give the Bluesky handle as "
		    "a domain name, e.g. hospital.bsky.social.";
	case C_X_USER: {
		const char *p = skip_at(v);
		size_t n = 0;
		while (name_char(p[n]))
			n++;
		return n >= 1 && n <= 15 && p[n] == '\0' ? NULL : "Give the X "
		    "username: 1 to 15 letters, digits or _, e.g. hospital.";
	}
	case C_SECRET:
		if (strlen(v) > SECRET_MAX)
			return "This is longer than any credential Clearpost "
			    "expects; check what was pasted.";
		for (const char *p = v; *p; p++)
			if ((unsigned char)*p <= ' ')
				return "Credentials contain no spaces or line "
				    "breaks; check what was pasted.";
		return NULL;
	}
	return NULL;
}

static int
set_error(struct req *r, struct form *fm, const char *key, const char *msg)
{
	char name[64];
	fm->errors++;
	snprintf(name, sizeof(name), "Errors.%s", key);
	return render_set(r, name, msg);
}

/* Reads and checks the form of kind k; messages go to Errors.* and
 * Fields.N.Error. creating: every secret is required. Returns 0, or -1
 * when the HDF could not be filled. */
static int
read_form(struct req *r, const struct kind *k, int creating, struct form *fm)
{
	char key[64];

	memset(fm, 0, sizeof(*fm));
	fm->k = k;
	fm->name = arena_trim(&r->arena, req_form(r, "name"));
	fm->regenerate = req_form(r, "new_secret") != NULL;
	if (fm->name == NULL)
		return -1;
	if (fm->name[0] == '\0' && set_error(r, fm, "Name", "Give the account "
	    "a name (shown to authors when they choose where to post).") < 0)
		return -1;
	if ((!one_line(fm->name) || utf8_count(fm->name) > NAME_MAX_CHARS) &&
	    set_error(r, fm, "Name", "Keep the name to one line of at most "
	    "100 characters.") < 0)
		return -1;
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		const char *v = arena_trim(&r->arena, req_form(r, f->key));
		if (v == NULL)
			return -1;
		fm->values[i] = v;
		if (f->dest == D_SECRET && v[0] != '\0')
			fm->secrets_typed++;
	}
	/* Secrets are stored together: all of them, or (editing) none. */
	int need_secrets = creating || fm->secrets_typed > 0;
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		const char *why;
		if (f->dest == D_SECRET && fm->values[i][0] == '\0')
			why = need_secrets ? (creating ? "This is required." :
			    "To replace the credentials, enter all of them "
			    "again: they are stored together.") : NULL;
		else
			why = field_problem(r->app, f, fm->values[i]);
		if (why == NULL)
			continue;
		fm->errors++;
		snprintf(key, sizeof(key), "Fields.%zu.Error", i);
		if (render_set(r, key, why) < 0)
			return -1;
	}
	return 0;
}

/* The value stored in settings for field i (a handle without its @). */
static const char *
setting_value(const struct form *fm, size_t i)
{
	const struct field *f = &fm->k->fields[i];
	return f->check == C_BSKY_HANDLE || f->check == C_X_USER ?
	    skip_at(fm->values[i]) : fm->values[i];
}

/* The settings JSON of the form into b. */
static void
settings_json(const struct form *fm, struct sbuf *b)
{
	int n = 0;
	sbuf_puts(b, "{");
	for (size_t i = 0; i < fm->k->nfields; i++) {
		const struct field *f = &fm->k->fields[i];
		const char *key = f->dest == D_SETTING ? f->key :
		    f->dest == D_HANDLE ? f->setting : NULL;
		if (key == NULL || fm->values[i][0] == '\0')
			continue;
		sbuf_puts(b, n++ ? ", " : "");
		sbuf_json_string(b, key);
		sbuf_puts(b, ": ");
		sbuf_json_string(b, setting_value(fm, i));
	}
	sbuf_puts(b, "}");
}

static const char *
form_handle(const struct form *fm)
{
	if (fm->k->fixed_handle != NULL)
		return fm->k->fixed_handle;
	for (size_t i = 0; i < fm->k->nfields; i++)
		if (fm->k->fields[i].dest == D_HANDLE)
			return fm->values[i];
	return "";
}

/* Overwrites and frees a buffer that held a secret. */
static void
sbuf_wipe(struct sbuf *b)
{
	if (b->data != NULL)
		explicit_bzero(b->data, b->cap);
	sbuf_free(b);
}

static char *
account_aad(char *buf, size_t size, long long id)
{
	snprintf(buf, size, "account:%lld", id);
	return buf;
}

/* Seals the secrets JSON plain for account id and stores it. 0 or -1. */
static int
store_secrets(struct req *r, long long id, const struct sbuf *plain)
{
	struct sbuf blob;
	char aad[40];
	int rc = -1;

	sbuf_init(&blob);
	if (plain->failed || crypto_seal(r->app->cfg.credentials_key,
	    plain->data, plain->len, account_aad(aad, sizeof(aad), id),
	    &blob) < 0 || blob.failed)
		goto out;
	rc = q_account_set_credentials(r->app->db, id, blob.data, blob.len);
out:
	sbuf_free(&blob);
	return rc;
}

/* The credentials JSON of the form (typed) or a new webhook secret
 * (generated, also copied into secret_out) into b. 0 or -1. */
static int
secrets_json(const struct form *fm, struct sbuf *b, char *secret_out,
    size_t secret_size)
{
	int n = 0;
	sbuf_puts(b, "{");
	if (fm->k->generated_secret) {
		if (webhook_secret_new(secret_out, secret_size) < 0)
			return -1;
		sbuf_json_string(b, "secret");
		sbuf_puts(b, ": ");
		sbuf_json_string(b, secret_out);
	}
	for (size_t i = 0; i < fm->k->nfields; i++) {
		if (fm->k->fields[i].dest != D_SECRET)
			continue;
		sbuf_puts(b, n++ ? ", " : "");
		sbuf_json_string(b, fm->k->fields[i].key);
		sbuf_puts(b, ": ");
		sbuf_json_string(b, fm->values[i]);
	}
	sbuf_puts(b, "}");
	return b->failed ? -1 : 0;
}

/* ---- filling the page ---------------------------------------------- */

static int
kinds_to_hdf(struct req *r, int feed_exists)
{
	char key[64];
	size_t n = 0;
	for (size_t i = 0; i < NKINDS; i++) {
		if (feed_exists && kinds[i].fixed_handle != NULL)
			continue;
		snprintf(key, sizeof(key), "Kinds.%zu.Platform", n);
		if (render_set(r, key, kinds[i].platform) < 0)
			return -1;
		snprintf(key, sizeof(key), "Kinds.%zu.Title", n++);
		if (render_set(r, key, kinds[i].title) < 0)
			return -1;
	}
	return 0;
}

/* Fields.N of kind k with values[] (NULL: all empty). Secret fields never
 * get a value. */
static int
fields_to_hdf(struct req *r, const struct kind *k, const char *const *values)
{
	char key[64];
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		const char *hint = f->hint;
		if (strcmp(f->key, "pds") == 0)
			hint = arena_printf(&r->arena, "Leave empty to use %s",
			    r->app->cfg.bluesky_pds);
		const char *type = f->dest == D_SECRET ? "password" :
		    f->check == C_URL ? "url" : "text";
#define SETF(name, val) (snprintf(key, sizeof(key), "Fields.%zu." name, i), \
		render_set(r, key, (val)))
		if (SETF("Key", f->key) < 0 || SETF("Label", f->label) < 0 ||
		    SETF("Hint", hint ? hint : "") < 0 ||
		    SETF("Type", type) < 0 ||
		    SETF("Secret", f->dest == D_SECRET ? "1" : "0") < 0 ||
		    SETF("Required", f->required ? "1" : "0") < 0 ||
		    SETF("Value", f->dest == D_SECRET || values == NULL ||
		    values[i] == NULL ? "" : values[i]) < 0)
			return -1;
#undef SETF
	}
	return 0;
}

static int
kind_to_hdf(struct req *r, const struct kind *k)
{
	return render_set(r, "Account.Platform", k->platform) < 0 ||
	    render_set(r, "Account.Title", k->title) < 0 ||
	    render_set_int(r, "Account.Generated", k->generated_secret) < 0 ||
	    render_set_int(r, "Account.NeedsCredentials",
	    kind_has_secrets(k)) < 0 ? -1 : 0;
}

/* The stored account's header fields (state, tests, credentials date). */
static int
account_to_hdf(struct req *r, const struct q_account *a)
{
	return render_set_int(r, "Account.Id", a->id) < 0 ||
	    render_set(r, "Account.State", a->state) < 0 ||
	    render_set_int(r, "Account.HasCredentials",
	    a->credentials != NULL) < 0 ||
	    render_set(r, "Account.CredentialsAt", a->credentials_at) < 0 ||
	    render_set(r, "Account.TestAt", a->last_test_at) < 0 ||
	    render_set_int(r, "Account.TestOk", a->last_test_ok) < 0 ||
	    render_set(r, "Account.TestDetail", a->last_test_detail) < 0 ||
	    render_set_int(r, "Register.On", a->registered) < 0 ||
	    render_set(r, "Register.Owner", a->owner) < 0 ||
	    render_set(r, "Register.Purpose", a->purpose) < 0 ||
	    render_set(r, "Register.At", a->registered_at) < 0 ||
	    render_set(r, "Register.By", a->registered_by[0] ?
	    a->registered_by : "the system") < 0 ? -1 : 0;
}

/* The saved values of account a as the form shows them: an arena array
 * of k->nfields strings. NULL when out of memory. */
static const char **
saved_values(struct req *r, const struct kind *k, const struct q_account *a)
{
	struct json_doc *doc = NULL;
	const char **v = arena_alloc(&r->arena, (k->nfields + 1) *
	    sizeof(*v));
	if (v == NULL)
		return NULL;
	if (json_parse(a->settings, strlen(a->settings), &doc) < 0)
		doc = NULL; /* unreadable settings show as empty fields */
	for (size_t i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		const char *s = NULL;
		if (f->dest == D_HANDLE)
			s = a->handle;
		else if (f->dest == D_SETTING && doc != NULL)
			s = json_text(json_get(json_root(doc), f->key));
		v[i] = arena_strdup(&r->arena, s ? s : "");
	}
	json_free(doc);
	return v;
}

static const struct {
	const char *done, *text;
} flashes[] = {
	{ "created", "Account added." },
	{ "disabled", "Account disabled: authors can no longer choose it." },
	{ "enabled", "Account enabled: authors can choose it again." },
	{ "saved", "Saved." },
	{ "unchanged", "Nothing was changed." },
	{ "tested", "Connection tested: the result is below." },
	{ "registered", "Registered for official use: authors can choose "
	    "this account while it is active." },
	{ "unregistered", "Removed from the register: authors can no longer "
	    "choose this account and nothing more is published to it." },
};

/* Flash from ?done=, only for the fixed sentences above. */
static int
flash(struct req *r)
{
	const char *done = req_query(r, "done");
	if (done == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(flashes) / sizeof(flashes[0]); i++)
		if (strcmp(done, flashes[i].done) == 0)
			return render_set(r, "Flash", flashes[i].text);
	return 0;
}

/* ---- list and create ------------------------------------------------ */

static int
accounts_list(struct req *r)
{
	static const char *const cols[] = { "Id", "Platform", "Name", "Handle",
	    "State", "HasCredentials", "TestAt", "TestOk", "TestDetail",
	    "Registered", "Owner", NULL };
	struct db_result rows = { 0 };
	char key[64];
	int feed = 0, status = 503;

	if (q_account_list(r->app->db, &rows) < 0)
		goto out;
	status = 500;
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", "Accounts") < 0 ||
	    render_rows(r, "Accounts", &rows, cols) < 0)
		goto out;
	for (size_t i = 0; i < rows.nrows; i++) {
		const struct kind *k = kind_find(db_cell(&rows, i, 1));
		if (k != NULL && k->fixed_handle != NULL)
			feed = 1;
		snprintf(key, sizeof(key), "Accounts.%zu.Title", i);
		if (render_set(r, key, k ? k->title : db_cell(&rows, i, 1)) < 0)
			goto out;
	}
	if (kinds_to_hdf(r, feed) < 0 || flash(r) < 0)
		goto out;
	r->template = "admin/accounts.cs";
	status = 200;
out:
	db_result_free(&rows);
	return status;
}

/* The form again with what the admin typed (never the secrets). */
static int
form_again(struct req *r, const struct form *fm, const struct q_account *a,
    int status, const char *message)
{
	if (kind_to_hdf(r, fm->k) < 0 ||
	    (fm->secrets_typed > 0 && render_set(r, "Errors.Secrets",
	    "Credentials you typed are never shown again, not even here: "
	    "type them again.") < 0) ||
	    (a != NULL && account_to_hdf(r, a) < 0) ||
	    fields_to_hdf(r, fm->k, fm->values) < 0 ||
	    render_set(r, "Account.Name", fm->name) < 0 ||
	    render_set(r, "Page.Title", a ? a->name : "New account") < 0 ||
	    (message != NULL && render_set(r, "Errors.Form", message) < 0))
		return 500;
	r->template = "admin/account_edit.cs";
	return status;
}

/* The form again after the name turned out to be another account's. */
static int
name_in_use(struct req *r, struct form *fm, const struct q_account *a)
{
	if (set_error(r, fm, "Name", "Another account already has this name: "
	    "choose another.") < 0)
		return 500;
	return form_again(r, fm, a, 422, a ? "Nothing was saved: see the notes "
	    "below." : "The account was not added: see the notes below.");
}

/* The page that shows a webhook's new secret, once. */
static int
show_secret(struct req *r, long long id, const char *name,
    const char *secret)
{
	if (render_set(r, "Page.Title", "Webhook secret") < 0 ||
	    render_set_int(r, "Account.Id", id) < 0 ||
	    render_set(r, "Account.Name", name) < 0 ||
	    render_set(r, "Secret", secret) < 0)
		return 500;
	r->template = "admin/account_secret.cs";
	return 200;
}

/* Names of the fields whose value differs from the saved one, into b
 * ("name,instance"). a NULL: every field given. */
static void
changed_fields(const struct form *fm, const struct q_account *a,
    const char *const *old, struct sbuf *b)
{
	if (a == NULL || strcmp(a->name, fm->name) != 0)
		sbuf_printf(b, "%sname", b->len ? "," : "");
	for (size_t i = 0; i < fm->k->nfields; i++) {
		const struct field *f = &fm->k->fields[i];
		if (f->dest == D_SECRET)
			continue;
		if (a == NULL ? fm->values[i][0] != '\0' :
		    strcmp(old[i], fm->values[i]) != 0)
			sbuf_printf(b, "%s%s", b->len ? "," : "", f->key);
	}
}

static int
create(struct req *r)
{
	const struct kind *k = kind_find(req_form(r, "platform"));
	struct db *db = r->app->db;
	struct form fm;
	struct sbuf settings, secrets, detail;
	char object[40], secret[80] = "";
	long long id;
	int status = 400;

	sbuf_init(&settings);
	sbuf_init(&secrets);
	sbuf_init(&detail);
	if (k == NULL)
		goto out;
	status = 500;
	if (render_prepare(r) < 0 || read_form(r, k, 1, &fm) < 0)
		goto out;
	if (fm.errors > 0) {
		status = form_again(r, &fm, NULL, 422, "The account was not "
		    "added: see the notes below.");
		goto out;
	}
	if (kind_has_secrets(k) && !r->app->cfg.have_credentials_key) {
		log_error("accounts: Secret.CredentialsKeyFile is not set");
		r->message = "Credentials cannot be stored: the server has no "
		    "credentials key (Secret.CredentialsKeyFile).";
		status = 503;
		goto out;
	}
	settings_json(&fm, &settings);
	changed_fields(&fm, NULL, NULL, &detail);
	if (settings.failed || detail.failed)
		goto out;
	status = 503;
	if (db_begin(db) < 0)
		goto out;
	if (k->fixed_handle != NULL) {
		long long n = q_account_count_platform(db, k->platform);
		if (n < 0)
			goto fail;
		if (n > 0) {
			db_rollback(db);
			r->message = "There is already an Atom feed account: "
			    "Clearpost serves one feed.";
			status = 409;
			goto out;
		}
	}
	int taken = q_account_name_taken(db, fm.name, 0);
	if (taken < 0)
		goto fail;
	if (taken || q_account_insert(db, k->platform, fm.name,
	    form_handle(&fm), settings.data, &id) < 0) {
		if (!taken && db_errno(db) != DB_DUPLICATE)
			goto fail;
		db_rollback(db);
		status = name_in_use(r, &fm, NULL);
		goto out;
	}
	if (kind_has_secrets(k)) {
		if (secrets_json(&fm, &secrets, secret, sizeof(secret)) < 0 ||
		    store_secrets(r, id, &secrets) < 0)
			goto fail;
		sbuf_puts(&detail, ",credentials");
	}
	snprintf(object, sizeof(object), "account:%lld", id);
	char *d = arena_printf(&r->arena, "platform=%s fields=%s", k->platform,
	    detail.data ? detail.data : "");
	if (d == NULL || audit_req(r, "account.create", object, NULL, "active",
	    d) < 0 || db_commit(db) < 0)
		goto fail;
	if (k->generated_secret) {
		status = show_secret(r, id, fm.name, secret);
		goto out;
	}
	r->location = "/admin/accounts?done=created";
	status = 303;
	goto out;
fail:
	db_rollback(db);
out:
	explicit_bzero(secret, sizeof(secret));
	sbuf_wipe(&secrets);
	sbuf_free(&settings);
	sbuf_free(&detail);
	return status;
}

int
page_accounts(struct req *r)
{
	return r->method == M_POST ? create(r) : accounts_list(r);
}

int
page_accounts_new(struct req *r)
{
	const char *platform = req_query(r, "platform");
	const struct kind *k = kind_find(platform);

	if (render_prepare(r) < 0)
		return 500;
	if (k == NULL) {
		r->message = "Choose a platform on the accounts page.";
		return 400;
	}
	if (k->fixed_handle != NULL) {
		long long n = q_account_count_platform(r->app->db, k->platform);
		if (n < 0)
			return 503;
		if (n > 0) {
			r->message = "There is already an Atom feed account: "
			    "Clearpost serves one feed.";
			return 409;
		}
	}
	if (kind_to_hdf(r, k) < 0 || fields_to_hdf(r, k, NULL) < 0 ||
	    render_set(r, "Page.Title", "New account") < 0)
		return 500;
	r->template = "admin/account_edit.cs";
	return 200;
}

/* ---- edit ----------------------------------------------------------- */

static int
load(struct req *r, struct q_account *a, const struct kind **k)
{
	int found = q_account_get(r->app->db, r->path_id, a);
	if (found < 0)
		return 503;
	if (found == 0)
		return 404;
	*k = kind_find(a->platform);
	if (*k == NULL) {
		q_account_free(a);
		return 500;
	}
	return 0;
}

static int
edit_show(struct req *r, struct q_account *a, const struct kind *k)
{
	const char **values = saved_values(r, k, a);
	if (values == NULL || render_prepare(r) < 0 || kind_to_hdf(r, k) < 0 ||
	    account_to_hdf(r, a) < 0 || fields_to_hdf(r, k, values) < 0 ||
	    render_set(r, "Account.Name", a->name) < 0 ||
	    render_set(r, "Page.Title", a->name) < 0 || flash(r) < 0)
		return 500;
	r->template = "admin/account_edit.cs";
	return 200;
}

static int
edit_save(struct req *r, struct q_account *a, const struct kind *k)
{
	struct db *db = r->app->db;
	struct form fm;
	struct sbuf settings, secrets, detail;
	char object[40], secret[80] = "";
	const char **old;
	int status = 500;

	sbuf_init(&settings);
	sbuf_init(&secrets);
	sbuf_init(&detail);
	if (render_prepare(r) < 0 || read_form(r, k, 0, &fm) < 0 ||
	    (old = saved_values(r, k, a)) == NULL)
		goto out;
	if (fm.errors > 0) {
		status = form_again(r, &fm, a, 422, "Nothing was saved: see the "
		    "notes below.");
		goto out;
	}
	int new_secrets = fm.secrets_typed > 0 ||
	    (k->generated_secret && fm.regenerate);
	if (new_secrets && !r->app->cfg.have_credentials_key) {
		log_error("accounts: Secret.CredentialsKeyFile is not set");
		r->message = "Credentials cannot be stored: the server has no "
		    "credentials key (Secret.CredentialsKeyFile).";
		status = 503;
		goto out;
	}
	changed_fields(&fm, a, old, &detail);
	if (new_secrets)
		sbuf_printf(&detail, "%scredentials", detail.len ? "," : "");
	settings_json(&fm, &settings);
	if (settings.failed || detail.failed)
		goto out;
	if (detail.len == 0) {
		r->location = arena_printf(&r->arena,
		    "/admin/accounts/%lld?done=unchanged", a->id);
		status = r->location ? 303 : 500;
		goto out;
	}
	status = 503;
	if (db_begin(db) < 0)
		goto out;
	struct q_account cur;
	int found = q_account_get_lock(db, a->id, &cur);
	if (found <= 0)
		goto fail;
	const char *to_state = new_secrets && strcmp(cur.state, "reauth") == 0 ?
	    "active" : NULL;
	char from_state[16];
	snprintf(from_state, sizeof(from_state), "%s", cur.state);
	q_account_free(&cur);
	int taken = q_account_name_taken(db, fm.name, a->id);
	if (taken < 0)
		goto fail;
	if (taken || q_account_update(db, a->id, fm.name, form_handle(&fm),
	    settings.data) < 0) {
		if (!taken && db_errno(db) != DB_DUPLICATE)
			goto fail;
		db_rollback(db);
		status = name_in_use(r, &fm, a);
		goto out;
	}
	if (new_secrets && (secrets_json(&fm, &secrets, secret,
	    sizeof(secret)) < 0 || store_secrets(r, a->id, &secrets) < 0))
		goto fail;
	if (to_state != NULL && q_account_set_state(db, a->id, to_state) < 0)
		goto fail;
	snprintf(object, sizeof(object), "account:%lld", a->id);
	char *d = arena_printf(&r->arena, "fields=%s", detail.data);
	if (d == NULL || audit_req(r, "account.update", object,
	    to_state ? from_state : NULL, to_state, d) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	if (k->generated_secret && fm.regenerate) {
		status = show_secret(r, a->id, fm.name, secret);
		goto out;
	}
	r->location = arena_printf(&r->arena, "/admin/accounts/%lld?done=saved",
	    a->id);
	status = r->location ? 303 : 500;
	goto out;
fail:
	db_rollback(db);
out:
	explicit_bzero(secret, sizeof(secret));
	sbuf_wipe(&secrets);
	sbuf_free(&settings);
	sbuf_free(&detail);
	return status;
}

int
page_account_edit(struct req *r)
{
	struct q_account a;
	const struct kind *k;
	int status = load(r, &a, &k);
	if (status != 0)
		return status;
	status = r->method == M_POST ? edit_save(r, &a, k) : edit_show(r, &a, k);
	q_account_free(&a);
	return status;
}

/* ---- test connection ---------------------------------------------- */

static const char *
class_label(enum pub_class c)
{
	switch (c) {
	case PUB_OK:           return "connected";
	case PUB_RETRY:        return "temporary failure";
	case PUB_RATE_LIMITED: return "rate-limited";
	case PUB_PERMANENT:    return "permanent failure";
	case PUB_REAUTH:       return "credentials refused";
	case PUB_UNKNOWN:      return "no clear answer";
	}
	return "failed";
}

static const char *
class_name(enum pub_class c)
{
	switch (c) {
	case PUB_OK:           return "ok";
	case PUB_RETRY:        return "retry";
	case PUB_RATE_LIMITED: return "rate_limited";
	case PUB_PERMANENT:    return "permanent";
	case PUB_REAUTH:       return "reauth";
	case PUB_UNKNOWN:      return "unknown";
	}
	return "failed";
}

static void
platform_env_from(const struct config *cfg, struct platform_env *env)
{
	memset(env, 0, sizeof(*env));
	env->x_api = cfg->x_api;
	env->facebook_api = cfg->facebook_api;
	env->linkedin_api = cfg->linkedin_api;
	env->linkedin_version = cfg->linkedin_version;
	env->bluesky_pds = cfg->bluesky_pds;
	env->public_url = cfg->public_url;
	env->connect_timeout_ms = cfg->connect_timeout_ms;
	env->timeout_ms = cfg->send_timeout_ms;
	env->allow_loopback_http = cfg->allow_loopback_http;
	env->now = (long long)time(NULL);
}

/* Runs the connector's test() for account a outside any transaction;
 * the result goes to *res and renewed secrets (Bluesky) to new_secrets. */
static void
run_test(struct req *r, const struct q_account *a, struct pub_result *res,
    struct sbuf *new_secrets)
{
	const struct platform_ops *ops = platform_find(a->platform);
	struct json_doc *settings = NULL, *secrets = NULL;
	struct platform_env env;
	struct pub_account acc;
	char *plain = NULL, aad[40];
	size_t plain_len = 0;

	memset(res, 0, sizeof(*res));
	if (ops == NULL || ops->test == NULL) {
		pub_set(res, PUB_PERMANENT, 0, "Clearpost has no connector for "
		    "this platform.");
		return;
	}
	if (a->credentials == NULL && kind_has_secrets(kind_find(a->platform))) {
		pub_set(res, PUB_PERMANENT, 0, "No credentials are saved: enter "
		    "them first.");
		return;
	}
	if (a->credentials != NULL && (!r->app->cfg.have_credentials_key ||
	    crypto_open(r->app->cfg.credentials_key, a->credentials,
	    a->credentials_len, account_aad(aad, sizeof(aad), a->id), &plain,
	    &plain_len) < 0)) {
		log_error("accounts: credentials of account %lld do not open",
		    a->id);
		pub_set(res, PUB_REAUTH, 0, "The saved credentials could not be "
		    "read (was the credentials key changed?): enter them again.");
		return;
	}
	if (json_parse(a->settings, strlen(a->settings), &settings) < 0 ||
	    json_parse(plain ? plain : "{}", plain ? plain_len : 2,
	    &secrets) < 0) {
		pub_set(res, PUB_PERMANENT, 0, "The saved settings could not be "
		    "read: save the account again.");
		goto out;
	}
	platform_env_from(&r->app->cfg, &env);
	memset(&acc, 0, sizeof(acc));
	acc.id = a->id;
	acc.platform = a->platform;
	acc.name = a->name;
	acc.settings = json_root(settings);
	acc.secrets = json_root(secrets);
	acc.new_secrets = new_secrets;
	acc.env = &env;
	ops->test(&acc, res);
out:
	json_free(secrets);
	json_free(settings);
	if (plain != NULL)
		crypto_free_secret(plain, plain_len);
}

/* "<class>: <detail>" cut to fit last_test_detail (200 bytes) on a
 * character boundary; arena-owned, or NULL. */
static const char *
test_detail(struct req *r, const struct pub_result *res)
{
	struct sbuf b;
	const char *out = NULL;
	sbuf_init(&b);
	sbuf_puts(&b, class_label(res->cls));
	if (res->http_status != 0 && res->cls != PUB_OK)
		sbuf_printf(&b, " (HTTP %ld)", res->http_status);
	sbuf_printf(&b, ": %.*s", (int)sizeof(res->detail), res->detail);
	if (b.failed)
		goto out;
	size_t n = b.len < 200 ? b.len : 200;
	/* a cut may split a character: drop its start */
	while (n > 0 && !utf8_valid_text(b.data, n))
		n--;
	out = n > 0 ? arena_strndup(&r->arena, b.data, n) :
	    class_label(res->cls);
out:
	sbuf_free(&b);
	return out;
}

int
page_account_test(struct req *r)
{
	struct q_account a, cur;
	const struct kind *k;
	struct pub_result res;
	struct sbuf renewed;
	struct db *db = r->app->db;
	char object[40], from_state[16];
	int status = load(r, &a, &k);

	if (status != 0)
		return status;
	sbuf_init(&renewed);
	run_test(r, &a, &res, &renewed);
	log_info("account test id=%lld class=%s status=%ld", a.id,
	    class_name(res.cls), res.http_status);
	const char *detail = test_detail(r, &res);
	status = 503;
	if (detail == NULL || db_begin(db) < 0)
		goto out;
	if (q_account_get_lock(db, a.id, &cur) <= 0)
		goto fail;
	snprintf(from_state, sizeof(from_state), "%s", cur.state);
	q_account_free(&cur);
	int reauth = res.cls == PUB_REAUTH && strcmp(from_state, "reauth") != 0;
	int renew = renewed.len > 0 && !renewed.failed &&
	    r->app->cfg.have_credentials_key;
	if (q_account_test_result(db, a.id, res.cls == PUB_OK, detail) < 0 ||
	    (renew && store_secrets(r, a.id, &renewed) < 0) ||
	    (reauth && q_account_set_state(db, a.id, "reauth") < 0))
		goto fail;
	snprintf(object, sizeof(object), "account:%lld", a.id);
	char *d = arena_printf(&r->arena, "result=%s status=%ld%s",
	    class_name(res.cls), res.http_status, renew ? " session=renewed" :
	    "");
	if (d == NULL || audit_req(r, "account.test", object,
	    reauth ? from_state : NULL, reauth ? "reauth" : NULL, d) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	r->location = arena_printf(&r->arena, "/admin/accounts/%lld?done=tested",
	    a.id);
	status = r->location ? 303 : 500;
	goto out;
fail:
	db_rollback(db);
out:
	sbuf_wipe(&renewed);
	q_account_free(&a);
	return status;
}

/* ---- disable / enable ---------------------------------------------- */

static int
set_state(struct req *r, const char *to)
{
	struct q_account a;
	struct db *db = r->app->db;
	char object[40];
	int enable = strcmp(to, "active") == 0;

	if (db_begin(db) < 0)
		return 503;
	int found = q_account_get_lock(db, r->path_id, &a);
	if (found <= 0) {
		db_rollback(db);
		return found < 0 ? 503 : 404;
	}
	const struct kind *k = kind_find(a.platform);
	const char *refuse = NULL;
	if (enable && strcmp(a.state, "reauth") == 0)
		refuse = "The platform refused this account's credentials: "
		    "enter new ones on its page; saving them enables it.";
	else if (enable && a.credentials == NULL && k != NULL &&
	    kind_has_secrets(k))
		refuse = "This account has no credentials yet: enter them on its "
		    "page first.";
	if (refuse != NULL) {
		db_rollback(db);
		q_account_free(&a);
		r->message = refuse;
		return 409;
	}
	int status = 503;
	if (strcmp(a.state, to) != 0) {
		snprintf(object, sizeof(object), "account:%lld", a.id);
		if (q_account_set_state(db, a.id, to) < 0 ||
		    audit_req(r, enable ? "account.enable" : "account.disable",
		    object, a.state, to, NULL) < 0)
			goto fail;
	}
	if (db_commit(db) < 0)
		goto fail;
	q_account_free(&a);
	r->location = enable ? "/admin/accounts?done=enabled" :
	    "/admin/accounts?done=disabled";
	return 303;
fail:
	db_rollback(db);
	q_account_free(&a);
	return status;
}

int
page_account_disable(struct req *r)
{
	return set_state(r, "disabled");
}

int
page_account_enable(struct req *r)
{
	return set_state(r, "active");
}

/* ---- the official accounts register -------------------------------- */

int
page_account_register(struct req *r)
{
	struct q_account a, cur;
	const struct kind *k;
	struct db *db = r->app->db;
	char object[40];
	int status = load(r, &a, &k);

	if (status != 0)
		return status;
	const char *owner = arena_trim(&r->arena, req_form(r, "owner"));
	const char *purpose = arena_trim(&r->arena, req_form(r, "purpose"));
	status = 500;
	if (owner == NULL || purpose == NULL || render_prepare(r) < 0)
		goto out;
	const char *owner_error = owner[0] == '\0' || !one_line(owner) ||
	    utf8_count(owner) > ACCOUNT_OWNER_MAX ? "Name the person or team "
	    "who owns the account, in one line of at most 200 characters." :
	    NULL;
	const char *purpose_error = purpose[0] == '\0' || !one_line(purpose) ||
	    utf8_count(purpose) > ACCOUNT_PURPOSE_MAX ? "Say what the account "
	    "is for, in one line of at most 500 characters." : NULL;
	if ((owner_error != NULL && render_set(r, "Errors.Owner",
	    owner_error) < 0) || (purpose_error != NULL &&
	    render_set(r, "Errors.Purpose", purpose_error) < 0))
		goto out;
	if (owner_error != NULL || purpose_error != NULL) {
		status = edit_show(r, &a, k);
		if (status == 200 && (render_set(r, "Register.Owner", owner) < 0 ||
		    render_set(r, "Register.Purpose", purpose) < 0 ||
		    render_set(r, "Errors.Register", "Not registered: see the "
		    "notes below.") < 0))
			status = 500;
		else if (status == 200)
			status = 422;
		goto out;
	}
	status = 503;
	if (db_begin(db) < 0)
		goto out;
	int found = q_account_get_lock(db, a.id, &cur);
	if (found <= 0) {
		db_rollback(db);
		status = found < 0 ? 503 : 404;
		goto out;
	}
	int was = cur.registered;
	struct sbuf fields;
	sbuf_init(&fields);
	if (!was || strcmp(cur.owner, owner) != 0)
		sbuf_puts(&fields, "owner");
	if (!was || strcmp(cur.purpose, purpose) != 0)
		sbuf_printf(&fields, "%spurpose", fields.len ? "," : "");
	q_account_free(&cur);
	if (fields.failed) {
		sbuf_free(&fields);
		goto fail;
	}
	if (fields.len == 0) {
		sbuf_free(&fields);
		db_rollback(db);
		r->location = arena_printf(&r->arena,
		    "/admin/accounts/%lld?done=unchanged", a.id);
		status = r->location ? 303 : 500;
		goto out;
	}
	snprintf(object, sizeof(object), "account:%lld", a.id);
	char *d = arena_printf(&r->arena, "fields=%s", fields.data);
	sbuf_free(&fields);
	if (d == NULL || q_account_register(db, a.id, owner, purpose,
	    r->sess.user_id) < 0 || audit_req(r, "account.register", object,
	    was ? NULL : "unregistered", was ? NULL : "registered", d) < 0 ||
	    db_commit(db) < 0)
		goto fail;
	r->location = arena_printf(&r->arena,
	    "/admin/accounts/%lld?done=registered", a.id);
	status = r->location ? 303 : 500;
	goto out;
fail:
	db_rollback(db);
out:
	q_account_free(&a);
	return status;
}

int
page_account_unregister(struct req *r)
{
	struct db *db = r->app->db;
	char object[40];

	if (db_begin(db) < 0)
		return 503;
	int done = q_account_unregister(db, r->path_id);
	if (done < 0)
		goto fail;
	if (done == 0) {
		/* not registered, or no such account */
		struct q_account a;
		int found = q_account_get(db, r->path_id, &a);
		db_rollback(db);
		if (found <= 0)
			return found < 0 ? 503 : 404;
		q_account_free(&a);
		r->location = arena_printf(&r->arena,
		    "/admin/accounts/%lld?done=unchanged", r->path_id);
		return r->location ? 303 : 500;
	}
	snprintf(object, sizeof(object), "account:%lld", r->path_id);
	if (audit_req(r, "account.unregister", object, "registered",
	    "unregistered", NULL) < 0 || db_commit(db) < 0)
		goto fail;
	r->location = arena_printf(&r->arena,
	    "/admin/accounts/%lld?done=unregistered", r->path_id);
	return r->location ? 303 : 500;
fail:
	db_rollback(db);
	return 503;
}
