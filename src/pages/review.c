/* review.c — the privacy officer's queue (filled by the review workflow). */
#include "../core/render.h"
#include "pages.h"

int
page_review_queue(struct req *r)
{
	if (render_prepare(r) < 0 ||
	    render_set(r, "Page.Title", "Review queue") < 0)
		return 500;
	r->template = "review/queue.cs";
	return 200;
}
