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
/* GET the form; POST sets a new password (the current one required,
 * except right after a sign-in with a temporary password) and signs out
 * the user's other sessions: 200, 303, 400, 409, 422, 429, 503. */
int page_auth_password(struct req *r);

/* feed.c (public, no session) */
int page_feed_atom(struct req *r);    /* 200 Atom, 304, 500, 503 */
int page_feed_media(struct req *r);   /* 200 image, 304, 404, 503 */

/* authorizations.c */
int page_auth_records(struct req *r); /* 200, 503 (reviewers, admins) */
int page_auth_new(struct req *r);     /* 200, 303, 400, 422, 503 (authors) */
int page_auth_verify(struct req *r);  /* 303, 403, 404, 409, 503 */
/* Auths.N for the post form; 0 or -1. */
int auth_list_to_hdf(struct req *r);
/* Why a patient story's authorization does not allow approval, or NULL
 * when it does (then its fields are in StoryAuth.0). */
const char *auth_problem(struct req *r, long long authorization_id,
    int has_photo);

/* notifications.c (everyone signed in) */
int page_notifications(struct req *r); /* 200, 303, 503 */

/* posts.c (authors; another author's post is a 404) */
int page_posts_index(struct req *r);    /* 200, 400, 503 */
int page_posts_new(struct req *r);      /* 200, 303, 400, 422, 503 */
int page_posts_edit(struct req *r);     /* 200, 303, 400, 404, 409, 422 */
int page_posts_submit(struct req *r);   /* 303, 400, 403 (policy), 404, 409,
                                           422, 503 */
int page_posts_withdraw(struct req *r); /* 303, 404, 409, 503 */
int page_posts_scan(struct req *r);     /* 200 JSON, 400, 503 */
int page_posts_media(struct req *r);    /* 200 image, 404, 503 */

/* review.c (privacy officers) */
int page_review_queue(struct req *r);   /* 200, 503 */
int page_review_post(struct req *r);    /* 200, 404, 503 */
int page_review_approve(struct req *r); /* 303, 400, 403, 404, 409, 503 */
int page_review_reject(struct req *r);  /* 303, 400, 403, 404, 409, 422 */

/* admin.c */
int page_admin_index(struct req *r);  /* 200, 503 */
/* admin_users.c (administrators). A change that would leave no active
 * administrator is a 409; an administrator who lost the role meanwhile
 * gets 403. */
/* GET the list (200, 503); POST create: 200 showing the temporary password
 * once, 400, 422, 503. */
int page_admin_users(struct req *r);
int page_admin_user(struct req *r);         /* 200, 404, 503 */
int page_admin_user_roles(struct req *r);   /* 303, 403, 404, 409, 422 */
int page_admin_user_disable(struct req *r); /* 303, 403, 404, 409, 503 */
int page_admin_user_enable(struct req *r);  /* 303, 403, 404, 503 */
/* 200 showing the new temporary password once, 403, 404, 409 (oneself),
 * 503. */
int page_admin_user_reset(struct req *r);
/* audit_log.c: the audit log viewer and its CSV download (both recorded
 * as audit.read / audit.export) */
int page_audit_log(struct req *r);  /* 200, 400, 422, 503 */
int page_audit_csv(struct req *r);  /* 200 text/csv, 422, 503 */
/* deliveries.c: failures page and its actions */
int page_deliveries(struct req *r);          /* 200, 503 */
int page_deliveries_retry(struct req *r);    /* 303, 404, 409, 503 */
int page_deliveries_cancel(struct req *r);   /* 303, 404, 409, 503 */
int page_deliveries_confirm(struct req *r);  /* 303, 400, 404, 409, 503 */

/* accounts.c (administrators) */
/* GET: the list (200, 503); POST: create (303; 200 showing a new webhook
 * secret once; 400 unknown platform, 409 a second feed, 422, 503). */
int page_accounts(struct req *r);
int page_accounts_new(struct req *r);    /* 200, 400, 409, 503 */
int page_account_edit(struct req *r);    /* 200, 303, 404, 422, 503 */
int page_account_test(struct req *r);    /* 303, 404, 503 */
int page_account_disable(struct req *r); /* 303, 404, 503 */
int page_account_enable(struct req *r);  /* 303, 404, 409, 503 */

/* records.c (administrators): the organisation's settings, and legal
 * holds on posts (from the post's page, /review/#) */
int page_settings(struct req *r);     /* 200, 303, 400, 409, 422, 503 */
int page_post_hold(struct req *r);    /* 303, 404, 422, 503 */
int page_post_release(struct req *r); /* 303, 404, 422, 503 */
/* accounts.c: the official accounts register */
int page_account_register(struct req *r);   /* 303, 404, 422, 503 */
int page_account_unregister(struct req *r); /* 303, 404, 503 */

/* policy.c (the social media policy, see q_policy.h) */
int page_policy_index(struct req *r);  /* 200, 503 (everyone signed in) */
int page_policy_page(struct req *r);   /* 200, 404, 503 */
/* GET: what changed since the user's last acknowledgement and the whole
 * policy (200); POST: records the acknowledgement (303; 400 no version,
 * 409 the policy changed meanwhile or none is published, 503). */
int page_policy_ack(struct req *r);
int page_policy_public(struct req *r); /* 200, 304, 404, 503 (no session) */
/* 1 when the signed-in user must acknowledge the policy in force before
 * submitting or approving: an author or reviewer without a current
 * acknowledgement while a version is in force. 0 otherwise (only an
 * administrator, no policy published yet), -1 on a database error. */
int policy_ack_needed(struct req *r);
/* Sets Policy.AckNeeded and Policy.AckBlocked ("submit", "approve") for
 * the banner in layout.cs when it is needed. Call after render_prepare.
 * 0 or -1. */
int policy_banner(struct req *r);
/* In front of a gated action ("submit posts", "approve posts"): 0 when
 * allowed; 403 with the reason and a link to the acknowledgement page
 * (which leads back to next, a local path) when not; 503. */
int policy_gate(struct req *r, const char *what, const char *next);

/* policy_admin.c (administrators) */
int page_admin_policy(struct req *r);         /* 200, 503 */
int page_admin_policy_new(struct req *r);     /* 200, 303, 400, 409, 422 */
int page_admin_policy_edit(struct req *r);    /* 200, 303, 400, 404, 409,
                                                 422, 503 */
int page_admin_policy_history(struct req *r); /* 200, 404, 503 */
int page_admin_policy_diff(struct req *r);    /* 200, 400, 404, 503 */

#endif
