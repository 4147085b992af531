/* posts.c — the author's desk: their posts (the list fills in with the
 * drafting workflow). */
#include "../core/render.h"
#include "pages.h"

int
page_posts_index(struct req *r)
{
	if (render_prepare(r) < 0 || render_set(r, "Page.Title", "My posts") < 0)
		return 500;
	r->template = "posts/index.cs";
	return 200;
}
