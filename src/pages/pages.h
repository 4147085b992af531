/* pages.h — request handlers, one file per page area. Each returns the
 * HTTP status; the core has already checked method, session, role and CSRF
 * (see route.h), so each comment lists only the statuses it adds. */
#ifndef CP_PAGES_H
#define CP_PAGES_H

#include "../core/request.h"

/* auth.c */
int page_auth_home(struct req *r);    /* 303 to the role's page or login */
int page_auth_login(struct req *r);   /* 200, 303, 400, 401, 429, 503 */
int page_auth_logout(struct req *r);  /* 303, 503 */
int page_auth_healthz(struct req *r); /* 200 "ok", 503 */

/* posts.c */
int page_posts_index(struct req *r);  /* 200 */

/* review.c */
int page_review_queue(struct req *r); /* 200 */

/* admin.c */
int page_admin_index(struct req *r);  /* 200, 503 */

#endif
