/* markdown.h — CommonMark to HTML for texts staff write (policy pages),
 * through Debian's libcmark in its safe mode: raw HTML is dropped
 * (replaced by a comment) and link and image targets with a dangerous
 * scheme (javascript:, vbscript:, file:, data: other than a few image
 * types) become empty. The result is the only HTML the templates print
 * unescaped, always from an HDF name ending in "_html" (STYLE.md). */
#ifndef CP_MARKDOWN_H
#define CP_MARKDOWN_H

#include <stddef.h>

#include "request.h"

/* Renders text[0..len) as HTML. Headings are renumbered to nest under the
 * page's own: the text's top level (whether written "#" or "##") becomes
 * <h base>, the others follow it (at most h6). cmark allocates with
 * malloc; on running out of memory it aborts the process rather than
 * return half a document. Returns a NUL-terminated string the caller
 * frees with free(). */
char *md_to_html(const char *text, size_t len, int base);

/* Renders text into the HDF value name, which must end in "_html" (any
 * other name is refused: only rendered Markdown may reach `uvar:`).
 * Returns 0 or -1. */
int md_to_hdf(struct req *r, const char *name, const char *text, int base);

#endif
