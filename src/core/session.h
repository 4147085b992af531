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

/* Starts a new session for the user (holding the ROLE_* bits roles)
 * inside the caller's transaction and queues its cookie. A new random id
 * every time: a planted id is never adopted. must_change_password marks a
 * sign-in with a temporary password. Returns 0 or -1. */
int sess_create(struct req *r, long long user_id, const char *username,
    unsigned roles, int must_change_password);

/* Deletes the current session (inside the caller's transaction) and queues
 * a cookie that clears it. Returns 0 or -1. */
int sess_destroy(struct req *r);

/* Deletes every other session of the current user (inside the caller's
 * transaction), e.g. after a password change. Returns 0 or -1. */
int sess_end_others(struct req *r);

/* Returns the anonymous-form CSRF token, setting the pre-session cookie
 * first when the browser has none. NULL on failure. */
const char *csrf_pre_token(struct req *r);

/* Computes the token for a binding (hex cookie value) into out[65]. */
void csrf_compute(const unsigned char key[32], char kind, const char *binding,
    char out[65]);

/* Returns 1 when the submitted token matches the binding, in constant time. */
int csrf_valid(const unsigned char key[32], char kind, const char *binding,
    const char *submitted);

/* Roles. A user holds a set of them, stored as users.role, a SQL SET
 * written as comma-separated names ("author,reviewer"). */
/* The name of one ROLE_* bit ("none" for anything else). */
const char *role_name(int role);
/* The ROLE_* bit of one name, or 0. */
int role_from_name(const char *name);
/* The ROLE_* bits of comma-separated names (no blanks; repeats allowed),
 * or 0 when the list is empty or names anything else. */
unsigned roles_from_names(const char *names);
/* Writes roles as canonical comma-separated names (author, reviewer,
 * admin in that order; "" for none) into buf and returns buf. sep is put
 * between names: "," for the database, ", " for people. */
const char *roles_names(unsigned roles, const char *sep, char *buf,
    size_t n);
/* The highest role held: admin > reviewer > author; 0 for none. */
int role_highest(unsigned roles);
/* The landing page of the highest role held: /admin, /review or /posts. */
const char *role_landing(unsigned roles);

/* 1 when name is a valid user name: 1-64 of a-z 0-9 . _ - */
int user_name_valid(const char *name);

#endif
