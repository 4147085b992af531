/* session.h — login sessions and CSRF tokens.
 *
 * The cookie carries 32 random bytes (hex); the database stores only their
 * SHA-256, so a stolen database row cannot be replayed. The CSRF token of a
 * session is HMAC(csrf_key, "s:" + token), of an anonymous form (the login
 * page) HMAC(csrf_key, "p:" + pre-session cookie): nothing to store, and a
 * token is only good with the cookie it was made for. */
#ifndef CP_SESSION_H
#define CP_SESSION_H

#include "request.h"

#define SESSION_COOKIE "cp_session"
#define PRESESSION_COOKIE "cp_pre"

/* Fills r->sess from the session cookie. Expired or unknown sessions are
 * removed and their cookie cleared (r->sess.expired set). Returns 0, or -1
 * when the database failed. */
int sess_load(struct req *r);

/* Starts a new session for the user inside the caller's transaction and
 * queues its cookie. A new random id every time: a planted id is never
 * adopted. Returns 0 or -1. */
int sess_create(struct req *r, long long user_id, const char *username,
    int role);

/* Deletes the current session (inside the caller's transaction) and queues
 * a cookie that clears it. Returns 0 or -1. */
int sess_destroy(struct req *r);

/* Returns the anonymous-form CSRF token, setting the pre-session cookie
 * first when the browser has none. NULL on failure. */
const char *csrf_pre_token(struct req *r);

/* Computes the token for a binding (hex cookie value) into out[65]. */
void csrf_compute(const unsigned char key[32], char kind, const char *binding,
    char out[65]);

/* Returns 1 when the submitted token matches the binding, in constant time. */
int csrf_valid(const unsigned char key[32], char kind, const char *binding,
    const char *submitted);

const char *role_name(int role);
int role_from_name(const char *name);
/* The landing page of a role: /posts, /review or /admin. */
const char *role_landing(int role);

#endif
