/* q_policy.h — the social media policy: pages, their revisions, the
 * policy version and staff acknowledgements (SQL in q_policy.c, tables in
 * sql/0009_policy.sql). Same conventions as q.h: 0 or -1, 1/0 where
 * noted; strings in structs are copies owned by the struct. Times UTC. */
#ifndef CP_Q_POLICY_H
#define CP_Q_POLICY_H

#include "q.h"

/* Where a user stands with the policy in force. */
struct q_policy_status {
	long long version;          /* in force; 0: nothing published yet */
	char version_at[17];        /* when it was raised, "YYYY-MM-DD HH:MM" */
	long long ack_version;      /* the user's newest acknowledgement, 0 none */
	long long ack_publication;  /* the newest publication the user saw */
	char ack_at[17];            /* "YYYY-MM-DD HH:MM", "" none */
	char ack_expires[11];       /* "YYYY-MM-DD" it lapses, "" none */
	int ack_fresh;              /* younger than valid_days */
	/* version > 0, acknowledged at that version, and fresh */
	int ack_current;
};
int q_policy_status(struct db *db, long long user_id, long valid_days,
    struct q_policy_status *out);

/* Published pages in page order. Rows: id, slug, title, body, updated
 * (the page's last publication, "YYYY-MM-DD"). */
int q_policy_published(struct db *db, struct db_result *out);
/* The published page with this address: one row as above, or none. */
int q_policy_published_slug(struct db *db, const char *slug,
    struct db_result *out);
/* What changed for someone who last saw publication since_pub (0: never
 * acknowledged). Per published page, rows: id, slug, title, body,
 * published revision, then the revision in force after since_pub (0 when
 * the page was not published yet), its title and its body ('' when 0). */
int q_policy_changes(struct db *db, long long since_pub,
    struct db_result *out);
/* Versions raised after version `after`, oldest first. Rows: version,
 * created_at "YYYY-MM-DD", note, the title of the page that raised it. */
int q_policy_versions_after(struct db *db, long long after,
    struct db_result *out);
/* Records the user's acknowledgement of `version` (with the newest
 * publication, see policy_acks) when it is still the version in force:
 * 1 recorded, 0 the version is no longer current (or none), -1 error. */
int q_policy_ack(struct db *db, long long user_id, long long version);

/* Administration. */
/* Every page in page order. Rows: id, slug, newest title, latest revision,
 * published revision (0 none), updated "YYYY-MM-DD HH:MM". */
int q_policy_pages(struct db *db, struct db_result *out);

struct q_policy_page {
	long long id;
	char slug[65];
	long long latest_revision;
	long long published_revision;  /* 0: never published */
};
/* 1 found, 0 not, -1 error; lock takes the row lock (in a transaction). */
int q_policy_page_get(struct db *db, long long id, int lock,
    struct q_policy_page *out);

struct q_policy_rev {
	long long page_id;
	long long revision;
	char title[801];
	char slug[65];
	char note[1201];
	char editor[65];
	char created_at[17];        /* "YYYY-MM-DD HH:MM" */
	char *body;                 /* owned; q_policy_rev_free */
};
/* 1 found, 0 not, -1 error. */
int q_policy_rev_get(struct db *db, long long page_id, long long revision,
    struct q_policy_rev *out);
void q_policy_rev_free(struct q_policy_rev *r);

/* 1 when a page other than except_id uses slug (as its address or in its
 * newest revision), 0 not, -1 error. */
int q_policy_slug_taken(struct db *db, const char *slug,
    long long except_id);
/* A new page with its revision 1 (a draft); *id. */
int q_policy_page_insert(struct db *db, const char *slug, const char *title,
    const char *body, const char *note, long long user_id, long long *id);
/* A new revision of a page whose latest revision is still expected
 * (lock the page first): 1 saved, 0 stale, -1 error. A page never
 * published takes the new slug as its address at once. */
int q_policy_page_revise(struct db *db, long long id, long long expected,
    const char *slug, const char *title, const char *body, const char *note,
    long long user_id);
/* Publishes revision of the page (locked by the caller) under address
 * slug. Locks the policy version: a material change, or the first
 * publication of all, raises it by one (a policy_versions row with
 * note); a minor edit keeps it. *from and *to receive the version before
 * and after. 0 or -1. */
int q_policy_publish(struct db *db, long long page_id, long long revision,
    const char *slug, int material, const char *note, long long user_id,
    long long *from, long long *to);
/* Every revision of a page, newest first. Rows: revision, title, slug,
 * editor, created_at, note, publication kind ('' never published),
 * version (0), published_at ('' never). */
int q_policy_history(struct db *db, long long page_id,
    struct db_result *out);
/* Active authors and reviewers and their newest acknowledgement. Rows:
 * username, roles ("author,reviewer"), version (0 none), acknowledged_at ('' none), current
 * (0/1: the version in force and younger than valid_days). Those without
 * a current one first. */
int q_policy_ack_overview(struct db *db, long valid_days,
    struct db_result *out);

#endif
