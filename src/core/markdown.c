#include "markdown.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "render.h"

/* CMARK_OPT_DEFAULT is the safe mode (no CMARK_OPT_UNSAFE): never add
 * that option here, the templates print this output as it is. */
#define MD_OPTIONS (CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8)

/* The smallest heading level in doc (7 when it has no heading). */
static int
top_level(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	int top = 7;
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) < top)
			top = cmark_node_get_heading_level(n);
	}
	cmark_iter_free(it);
	return top;
}

char *
md_to_html(const char *text, size_t len, int base)
{
	cmark_node *doc = cmark_parse_document(text, len, MD_OPTIONS);
	cmark_iter *it;
	cmark_event_type ev;
	char *html;

	if (doc == NULL)
		return NULL;
	int shift = base - top_level(doc);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		int level = cmark_node_get_heading_level(n) + shift;
		cmark_node_set_heading_level(n, level > 6 ? 6 : level);
	}
	cmark_iter_free(it);
	html = cmark_render_html(doc, MD_OPTIONS);
	cmark_node_free(doc);
	return html;
}

int
md_to_hdf(struct req *r, const char *name, const char *text, int base)
{
	size_t nl = strlen(name);
	char *html;
	int rc;

	if (nl < 5 || strcmp(name + nl - 5, "_html") != 0) {
		log_error("markdown into %s refused: not an _html name", name);
		return -1;
	}
	html = md_to_html(text, strlen(text), base);
	if (html == NULL)
		return -1;
	rc = render_set(r, name, html);
	free(html);
	return rc;
}
