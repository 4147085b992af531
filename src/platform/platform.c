/* platform.c — the connector registry and the helpers every connector
 * shares. */
#include "platform.h"

#include <stdio.h>
#include <string.h>

#include "../core/json.h"
#include "http.h"

static const struct platform_ops *const all_platforms[] = {
	&platform_mastodon, &platform_bluesky, &platform_x,
	&platform_facebook, &platform_linkedin, &platform_webhook,
	&platform_feed,
};

const struct platform_ops *
platform_find(const char *name)
{
	if (name == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof(all_platforms) / sizeof(all_platforms[0]);
	    i++)
		if (strcmp(all_platforms[i]->name, name) == 0)
			return all_platforms[i];
	return NULL;
}

void
pub_set(struct pub_result *r, enum pub_class cls, long status,
    const char *detail)
{
	r->cls = cls;
	if (status != 0)
		r->http_status = status;
	snprintf(r->detail, sizeof(r->detail), "%s", detail ? detail : "");
}

static const char *
object_text(const struct json_node *obj, const char *key)
{
	const char *v = json_text(json_get(obj, key));
	return v ? v : "";
}

const char *
pub_setting(const struct pub_account *a, const char *key)
{
	return object_text(a->settings, key);
}

const char *
pub_secret(const struct pub_account *a, const char *key)
{
	return object_text(a->secrets, key);
}

enum pub_class
pub_class_transport(const struct http_response *h, int is_write)
{
	if (h->outcome == HTTP_NOT_SENT)
		return PUB_RETRY;
	return is_write ? PUB_UNKNOWN : PUB_RETRY;
}
