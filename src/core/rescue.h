/* rescue.h — unsaved work survives an ended session.
 *
 * When a form on a R_RESCUE route is posted after the author's session
 * ended, rescue_keep() stores the form under a random token (its hash in
 * the database, the token in a cookie) and returns where to send the
 * browser: sign-in, then back to the page. After sign-in as the same user,
 * rescue_take() hands the form back once. */
#ifndef CP_RESCUE_H
#define CP_RESCUE_H

#include "request.h"

#define RESCUE_COOKIE "cp_rescue"

/* Returns the redirect target, or NULL when nothing could be kept. */
const char *rescue_keep(struct req *r);

/* When the browser has a rescue for this user and path, replaces r->form
 * with the kept fields, clears the cookie and deletes the rescue. Returns
 * 1 when a form was restored, 0 when none, -1 on error. */
int rescue_take(struct req *r);

#endif
