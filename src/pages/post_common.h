/* post_common.h — what the desk and the review pages share about a post:
 * its fields in the HDF, its text cut into highlighted segments, its
 * targets, and the hash an approval binds to. */
#ifndef CP_POST_COMMON_H
#define CP_POST_COMMON_H

#include <stddef.h>

#include "../core/request.h"

struct q_post;
struct db_result;
struct phi_findings;

/* Post.* values: id, title, state, version, author, schedule, targets,
 * reject reason. Returns 0 or -1. */
int post_to_hdf(struct req *r, const struct q_post *p);

/* Cuts body into Post.Seg.N (Text, and Cat/Sev/Rule/Override/Idx for
 * findings) and lists Post.Findings.N. The findings come from the
 * database (rows as q_findings_get) or from a fresh scan. 0 or -1. */
int post_highlight_rows(struct req *r, const char *body,
    const struct db_result *rows);
int post_highlight_scan(struct req *r, const char *body,
    const struct phi_findings *f);

/* Accounts.N (Id, Name, Platform, Limit, Unit, Checked, Length, Over) for
 * the form, with the current text measured per target. 0 or -1. */
int post_accounts_to_hdf(struct req *r, const char *targets,
    const char *body);

/* Reads the "target" fields into "1,3" (sorted, unique, active accounts
 * only); returns how many, or -1 for an unknown account. */
int post_targets_from_form(struct req *r, char *out, size_t outlen);

/* The SHA-256 that an approval binds to: title, body and targets. */
void post_content_hash(const struct q_post *p, unsigned char out[32]);

/* "2026-12-01T09:30" (datetime-local) to "2026-12-01 09:30:00"; "" stays
 * "". Returns 0, or -1 when malformed. */
int post_parse_schedule(const char *in, char *out, size_t outlen);

/* Sets Flash from the ?done= of a redirect after an action. Only known
 * words are turned into their fixed sentence: a link cannot put its own
 * text into the page's status line. Returns 0 or -1. */
int post_flash_done(struct req *r);

/* Post.Deliveries.N (Id, Account, Platform, State, Attempts, Next,
 * ErrorClass, Error, Url, PublishedAt, Version): where the post goes and
 * how far each target got. 0 or -1. */
int post_deliveries_to_hdf(struct req *r, long long post_id);

/* Posts still in review when their scheduled time passes are not
 * published: each becomes "expired" (audited as the system) and its author
 * is notified. Returns 0 or -1. */
struct app;
int post_expire_overdue(struct app *app);

#endif
