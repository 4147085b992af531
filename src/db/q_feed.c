#include "q.h"

/* Publications that reached a feed account and when they went out (the
 * publication's first publication anywhere, else its feed delivery), and
 * per post the newest of them and the first time any went out. */
#define FEED_PUBLISHED \
    "WITH fp AS (SELECT pb.id, pb.post_id, pb.version, " \
    "COALESCE(pb.first_published_at, x.at) AS at FROM publications pb " \
    "JOIN (SELECT d.publication_id, MIN(COALESCE(d.published_at, " \
    "d.updated_at)) AS at FROM deliveries d JOIN accounts a " \
    "ON a.id = d.account_id WHERE a.platform = 'feed' " \
    "AND d.state = 'published' GROUP BY d.publication_id) x " \
    "ON x.publication_id = pb.id), " \
    "latest AS (SELECT post_id, MAX(version) AS version, MIN(at) AS first_at " \
    "FROM fp GROUP BY post_id) "
#define RFC3339 "'%Y-%m-%dT%H:%i:%sZ'"
#define WITHDRAWN "p.state = 'withdrawn'"

static const char sql_entries[] =
    FEED_PUBLISHED
    "SELECT pb.post_id, IF(" WITHDRAWN ", '', pb.title), "
    "IF(" WITHDRAWN ", '', pb.body), "
    "IF(" WITHDRAWN ", 0, IFNULL(pb.media_id, 0)), "
    "IF(" WITHDRAWN ", '', pb.alt_text), "
    "IF(" WITHDRAWN ", '', IFNULL(m.mime, '')), "
    "IF(" WITHDRAWN ", 0, IFNULL(LENGTH(m.bytes), 0)), "
    "DATE_FORMAT(l.first_at, " RFC3339 "), DATE_FORMAT(fp.at, " RFC3339 "), "
    WITHDRAWN ", DATE_FORMAT(GREATEST(p.updated_at, fp.at), " RFC3339 ") "
    "FROM latest l JOIN fp ON fp.post_id = l.post_id "
    "AND fp.version = l.version "
    "JOIN publications pb ON pb.id = fp.id "
    "JOIN posts p ON p.id = pb.post_id "
    "LEFT JOIN media m ON m.id = pb.media_id "
    "ORDER BY IF(" WITHDRAWN ", GREATEST(p.updated_at, fp.at), fp.at) DESC, "
    "pb.post_id DESC LIMIT ?";
static const char sql_media[] =
    FEED_PUBLISHED
    "SELECT m.mime, m.bytes, LOWER(HEX(m.sha256)) FROM latest l "
    "JOIN publications pb ON pb.post_id = l.post_id "
    "AND pb.version = l.version "
    "JOIN posts p ON p.id = pb.post_id AND p.state <> 'withdrawn' "
    "JOIN media m ON m.id = pb.media_id "
    "WHERE pb.media_id = ? LIMIT 1";

int
q_feed_entries(struct db *db, long long limit, struct db_result *out)
{
	struct db_param p[] = { DB_INT(limit) };
	return db_exec(db, sql_entries, p, 1, out);
}

int
q_feed_media(struct db *db, long long media_id, struct db_result *out)
{
	struct db_param p[] = { DB_INT(media_id) };
	return db_exec(db, sql_media, p, 1, out);
}
