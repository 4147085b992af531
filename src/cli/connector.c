/* connector.c — `clearpost connector PLATFORM test|publish|reconcile`:
 * one connector call with no database, so that tests can drive each
 * connector against the platform doubles (tests/platforms/).
 *
 * Input on stdin, one JSON object (all members optional except post for
 * publish and reconcile):
 *   {"settings": {…}, "secrets": {…}, "now": EPOCH_S,
 *    "post": {"delivery_id": N, "post_id": N, "text": "…",
 *             "image_file": "/path", "image_mime": "image/png",
 *             "image_width": W, "image_height": H, "alt_text": "…",
 *             "idempotency_key": "uuid", "first_sent_at": N,
 *             "state": "…"}}
 * The shared settings (API bases, timeouts, loopback http, public URL)
 * come from the configuration, as in the publisher. For publish, the
 * connector's prepare() runs first when it has one and state is empty.
 *
 * Output on stdout, one line:
 *   {"class": "ok|retry|rate_limited|permanent|reauth|unknown",
 *    "reconcile": 1|0|-1 (reconcile only), "http_status": N,
 *    "remote_id": "…", "remote_url": "…", "retry_at": N, "detail": "…",
 *    "state": "…", "new_secrets": {…}|null}
 * new_secrets carries credentials: this command is for tests only.
 *
 * Exit status: 0 when the call ran (whatever its class), 1 for bad input
 * or configuration, 2 for usage. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/config.h"
#include "../core/json.h"
#include "../core/util.h"
#include "../platform/http.h"
#include "../platform/platform.h"
#include "cli.h"

#define MAX_INPUT ((size_t)1 << 20)
#define MAX_IMAGE ((size_t)32 << 20)

enum op { OP_TEST, OP_PUBLISH, OP_RECONCILE };

static const char *const class_names[] = {
	[PUB_OK] = "ok", [PUB_RETRY] = "retry",
	[PUB_RATE_LIMITED] = "rate_limited", [PUB_PERMANENT] = "permanent",
	[PUB_REAUTH] = "reauth", [PUB_UNKNOWN] = "unknown",
};

static int
connector_usage(void)
{
	fprintf(stderr, "usage: clearpost connector PLATFORM "
	    "test|publish|reconcile < input.json\n"
	    "  Runs one connector call without a database and prints one\n"
	    "  JSON line with its result (see src/cli/connector.c).\n");
	return 2;
}

/* Reads a whole stream or file into b, at most max bytes; 0 or -1. */
static int
read_all(FILE *f, size_t max, struct sbuf *b)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (n > max - b->len)
			return -1;
		sbuf_append(b, chunk, n);
	}
	return ferror(f) || b->failed ? -1 : 0;
}

/* Appends s as a JSON string, with every byte that is not part of
 * well-formed UTF-8 replaced by '?' (a detail cut by snprintf can end
 * inside a character; sbuf_json_string needs valid input). */
static void
put_string(struct sbuf *out, const char *s)
{
	size_t len = strlen(s);
	char *t = malloc(len + 1);

	if (t == NULL) {
		out->failed = 1;
		return;
	}
	for (size_t i = 0; i < len;) {
		size_t n = 1;
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80) {
			n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
			if (c < 0xc2 || c > 0xf4 || n > len - i ||
			    !utf8_valid_text(s + i, n))
				n = 0;
		}
		if (n == 0) {
			t[i++] = '?';
			continue;
		}
		memcpy(t + i, s + i, n);
		i += n;
	}
	t[len] = '\0';
	sbuf_json_string(out, t);
	free(t);
}

/* A member that must be an object when present: 0, or -1 when it is
 * something else. */
static int
optional_object(const struct json_node *root, const char *key,
    const struct json_node **out)
{
	*out = json_get(root, key);
	if (*out != NULL && json_type(*out) != JSON_OBJECT) {
		fprintf(stderr, "clearpost connector: \"%s\" must be an "
		    "object\n", key);
		return -1;
	}
	return 0;
}

/* A string member of post, "" when absent; -1 when not a string. */
static int
post_text(const struct json_node *post, const char *key, const char **out)
{
	const struct json_node *n = json_get(post, key);

	*out = "";
	if (n == NULL || json_type(n) == JSON_NULL)
		return 0;
	if (json_type(n) != JSON_STRING) {
		fprintf(stderr, "clearpost connector: post.%s must be a "
		    "string\n", key);
		return -1;
	}
	*out = json_text(n);
	return 0;
}

/* An integer member, 0 when absent; -1 when not an integer. */
static int
member_int(const struct json_node *obj, const char *key, long long *out)
{
	const struct json_node *n = json_get(obj, key);

	*out = 0;
	if (n == NULL || json_type(n) == JSON_NULL)
		return 0;
	if (json_int(n, out) < 0) {
		fprintf(stderr, "clearpost connector: %s must be an integer\n",
		    key);
		return -1;
	}
	return 0;
}

/* Fills p from the post object; the image bytes go into image. */
static int
load_post(const struct json_node *post, long long now, struct pub_post *p,
    struct sbuf *image)
{
	const char *image_file;
	long long w, h;

	memset(p, 0, sizeof(*p));
	if (member_int(post, "delivery_id", &p->delivery_id) < 0 ||
	    member_int(post, "post_id", &p->post_id) < 0 ||
	    member_int(post, "first_sent_at", &p->first_sent_at) < 0 ||
	    member_int(post, "image_width", &w) < 0 ||
	    member_int(post, "image_height", &h) < 0 ||
	    post_text(post, "text", &p->text) < 0 ||
	    post_text(post, "image_file", &image_file) < 0 ||
	    post_text(post, "image_mime", &p->image_mime) < 0 ||
	    post_text(post, "alt_text", &p->alt_text) < 0 ||
	    post_text(post, "idempotency_key", &p->idempotency_key) < 0 ||
	    post_text(post, "state", &p->state) < 0)
		return -1;
	if (w < 0 || w > 100000 || h < 0 || h > 100000) {
		fprintf(stderr, "clearpost connector: bad image size\n");
		return -1;
	}
	p->image_width = (int)w;
	p->image_height = (int)h;
	p->text_len = strlen(p->text);
	p->published_at = now;
	if (*image_file != '\0') {
		FILE *f = fopen(image_file, "rb");
		if (f == NULL) {
			fprintf(stderr, "clearpost connector: %s: %s\n",
			    image_file, strerror(errno));
			return -1;
		}
		int rc = read_all(f, MAX_IMAGE, image);
		fclose(f);
		if (rc < 0 || image->len == 0) {
			fprintf(stderr, "clearpost connector: %s: cannot read "
			    "the image\n", image_file);
			return -1;
		}
		p->image = (const unsigned char *)image->data;
		p->image_len = image->len;
	}
	return 0;
}

static void
print_result(enum op op, int reconciled, const struct pub_result *r,
    const char *state, const struct sbuf *new_secrets)
{
	struct sbuf out;
	struct json_doc *doc = NULL;
	const char *cls = (unsigned)r->cls < sizeof(class_names) /
	    sizeof(class_names[0]) ? class_names[r->cls] : "unknown";

	sbuf_init(&out);
	sbuf_printf(&out, "{\"class\":\"%s\",", cls);
	if (op == OP_RECONCILE)
		sbuf_printf(&out, "\"reconcile\":%d,", reconciled);
	sbuf_printf(&out, "\"http_status\":%ld,\"remote_id\":",
	    r->http_status);
	put_string(&out, r->remote_id);
	sbuf_puts(&out, ",\"remote_url\":");
	put_string(&out, r->remote_url);
	sbuf_printf(&out, ",\"retry_at\":%lld,\"detail\":", r->retry_at);
	put_string(&out, r->detail);
	sbuf_puts(&out, ",\"state\":");
	put_string(&out, state);
	sbuf_puts(&out, ",\"new_secrets\":");
	/* Only a well-formed object is passed on, byte for byte. */
	if (new_secrets->len > 0 && !new_secrets->failed &&
	    json_parse(new_secrets->data, new_secrets->len, &doc) == 0 &&
	    json_type(json_root(doc)) == JSON_OBJECT)
		sbuf_append(&out, new_secrets->data, new_secrets->len);
	else {
		if (new_secrets->len > 0)
			fprintf(stderr, "clearpost connector: the connector "
			    "wrote new secrets that are not a JSON object\n");
		sbuf_puts(&out, "null");
	}
	json_free(doc);
	sbuf_puts(&out, "}\n");
	if (!out.failed)
		fwrite(out.data, 1, out.len, stdout);
	sbuf_free(&out);
}

int
cli_connector(int argc, char **argv)
{
	struct config cfg;
	struct platform_env env;
	struct pub_account acct;
	struct pub_post post;
	struct pub_result res;
	struct sbuf input, image, state, new_secrets;
	struct json_doc *doc = NULL;
	const struct json_node *root, *settings, *secrets, *pnode;
	const struct platform_ops *ops;
	long long now;
	int reconciled = 0, rc = 1;
	enum op op;

	if (argc != 2)
		return connector_usage();
	if (strcmp(argv[1], "test") == 0)
		op = OP_TEST;
	else if (strcmp(argv[1], "publish") == 0)
		op = OP_PUBLISH;
	else if (strcmp(argv[1], "reconcile") == 0)
		op = OP_RECONCILE;
	else
		return connector_usage();
	if ((ops = platform_find(argv[0])) == NULL) {
		fprintf(stderr, "clearpost connector: unknown platform %s\n",
		    argv[0]);
		return connector_usage();
	}

	sbuf_init(&input);
	sbuf_init(&image);
	sbuf_init(&state);
	sbuf_init(&new_secrets);
	if (http_global_init() < 0) {
		fprintf(stderr, "clearpost connector: cannot start libcurl\n");
		return 1;
	}
	if (config_load(&cfg, 0) < 0)
		goto out;
	if (read_all(stdin, MAX_INPUT, &input) < 0) {
		fprintf(stderr, "clearpost connector: cannot read stdin "
		    "(at most %zu bytes)\n", MAX_INPUT);
		goto out;
	}
	if (json_parse(input.data != NULL ? input.data : "", input.len,
	    &doc) < 0 || json_type(root = json_root(doc)) != JSON_OBJECT) {
		fprintf(stderr, "clearpost connector: stdin is not a JSON "
		    "object\n");
		goto out;
	}
	if (optional_object(root, "settings", &settings) < 0 ||
	    optional_object(root, "secrets", &secrets) < 0 ||
	    optional_object(root, "post", &pnode) < 0 ||
	    member_int(root, "now", &now) < 0)
		goto out;
	if (now == 0)
		now = (long long)time(NULL);
	if (op != OP_TEST && pnode == NULL) {
		fprintf(stderr, "clearpost connector: %s needs a post\n",
		    argv[1]);
		goto out;
	}
	memset(&post, 0, sizeof(post));
	post.text = post.image_mime = post.alt_text = "";
	post.idempotency_key = post.state = "";
	post.published_at = now;
	if (pnode != NULL && load_post(pnode, now, &post, &image) < 0)
		goto out;

	memset(&env, 0, sizeof(env));
	env.x_api = cfg.x_api;
	env.facebook_api = cfg.facebook_api;
	env.linkedin_api = cfg.linkedin_api;
	env.linkedin_version = cfg.linkedin_version;
	env.bluesky_pds = cfg.bluesky_pds;
	env.public_url = cfg.public_url;
	env.connect_timeout_ms = cfg.connect_timeout_ms;
	env.timeout_ms = cfg.send_timeout_ms;
	env.allow_loopback_http = cfg.allow_loopback_http;
	env.now = now;

	memset(&acct, 0, sizeof(acct));
	acct.id = 1;
	acct.platform = ops->name;
	acct.name = ops->name;
	acct.settings = settings;
	acct.secrets = secrets;
	acct.new_secrets = &new_secrets;
	acct.env = &env;

	memset(&res, 0, sizeof(res));
	res.cls = PUB_UNKNOWN;
	sbuf_puts(&state, post.state);
	switch (op) {
	case OP_TEST:
		ops->test(&acct, &res);
		break;
	case OP_PUBLISH:
		if (ops->prepare != NULL && *post.state == '\0') {
			if (ops->prepare(&acct, &post, &state) < 0 ||
			    state.failed) {
				pub_set(&res, PUB_PERMANENT, 0,
				    "could not prepare the delivery");
				break;
			}
			post.state = state.data != NULL ? state.data : "";
		}
		ops->publish(&acct, &post, &res);
		break;
	case OP_RECONCILE:
		if (ops->reconcile == NULL) {
			pub_set(&res, PUB_UNKNOWN, 0,
			    "this connector cannot reconcile");
			reconciled = -1;
			break;
		}
		reconciled = ops->reconcile(&acct, &post, &res);
		break;
	}
	print_result(op, reconciled, &res, state.data != NULL ? state.data :
	    "", &new_secrets);
	rc = fflush(stdout) == 0 ? 0 : 1;
out:
	json_free(doc);
	sbuf_free(&input);
	sbuf_free(&image);
	sbuf_free(&state);
	sbuf_free(&new_secrets);
	memset(&cfg, 0, sizeof(cfg));
	http_global_cleanup();
	return rc;
}
