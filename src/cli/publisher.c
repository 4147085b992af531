/* publisher.c — `clearpost publisher [--once]`: sends approved posts to
 * their accounts, once each, and records every outcome.
 *
 * One delivery at a time: claim it in a short transaction (FOR UPDATE SKIP
 * LOCKED, then a lease with this process as owner), send it with no lock
 * held, record the outcome in a second transaction guarded by the lease.
 * Any number of publishers on any number of hosts can run: a row another
 * one holds is skipped, and a lease that runs out (its publisher died)
 * makes the next one reconcile with the platform before it sends anything.
 *
 * SIGTERM/SIGINT: the send in flight is finished and recorded, then the
 * process exits 0. --once sends everything due and exits (tests, cron).
 * Logs name delivery ids, platforms and classes; never text or secrets. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../core/app.h"
#include "../core/audit.h"
#include "../core/crypto.h"
#include "../core/db.h"
#include "../core/image.h"
#include "../core/json.h"
#include "../core/log.h"
#include "../core/util.h"
#include "../db/q.h"
#include "../pages/post_common.h"
#include "../pages/publishing.h"
#include "../pages/retention.h"
#include "../platform/http.h"
#include "../platform/platform.h"
#include "cli.h"

static volatile sig_atomic_t stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

struct publisher {
	struct app *app;
	char owner[80];
	struct platform_env env;
	time_t last_expiry;
	time_t last_retention;  /* 0: not yet (runs once at start) */
};

/* What one send produced, and what the publisher makes of it. */
struct outcome {
	struct pub_result res;
	int reconciled;       /* 1 when reconcile said it had landed */
	const char *to_state; /* published, retrying, failed, unconfirmed,
	                       * cancelled */
	long long delay_s;
	int refund;
	const char *error_class;
	int notify;           /* tell the author and the admins */
	int reauth;           /* the account needs an admin */
};

static const char *const class_names[] = {
	[PUB_OK] = "ok", [PUB_RETRY] = "retry",
	[PUB_RATE_LIMITED] = "rate_limited", [PUB_PERMANENT] = "permanent",
	[PUB_REAUTH] = "reauth", [PUB_UNKNOWN] = "unknown",
};

static void
nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	/* a signal cuts the nap short: the loop then sees stopping */
	nanosleep(&ts, NULL);
}

/* Exponential backoff with jitter: base * 2^(attempt-1), capped, then a
 * random 50–100 % of it so that many retries do not arrive together. */
static long long
backoff_s(const struct config *cfg, long long attempt)
{
	long long d = cfg->backoff_base_seconds > 0 ? cfg->backoff_base_seconds : 1;
	for (long long i = 1; i < attempt && d < cfg->backoff_max_seconds; i++)
		d *= 2;
	if (d > cfg->backoff_max_seconds)
		d = cfg->backoff_max_seconds;
	unsigned r = 0;
	crypto_random(&r, sizeof(r));
	d = d / 2 + (long long)(r % (unsigned)(d / 2 + 1));
	return d > 0 ? d : 1;
}

static int
audit_delivery(struct publisher *pb, long long id, const char *action,
    const char *from, const char *to, const char *detail)
{
	struct audit_entry e;
	char object[40];
	snprintf(object, sizeof(object), "delivery:%lld", id);
	memset(&e, 0, sizeof(e));
	e.actor_name = "system";
	e.action = action;
	e.object = object;
	e.from_state = from;
	e.to_state = to;
	e.ip = "";
	e.detail = detail;
	return audit_append(pb->app->db, pb->app->audit_key, &e);
}

/* Claims the next due delivery: 1 with *id and *from set, 0 none, -1
 * error. */
static int
claim(struct publisher *pb, long long *id, char *from, size_t from_size)
{
	struct db *db = pb->app->db;
	long long post_id;
	char detail[160];

	if (db_begin(db) < 0)
		return -1;
	int found = q_delivery_pick(db, id, &post_id, from, from_size);
	if (found <= 0) {
		db_rollback(db);
		return found;
	}
	snprintf(detail, sizeof(detail), "owner=%s%s", pb->owner,
	    strcmp(from, "sending") == 0 ? " lease_expired=1" : "");
	if (q_delivery_lease(db, *id, pb->owner, pb->app->cfg.lease_seconds) != 1 ||
	    audit_delivery(pb, *id, "delivery.claim", from, "sending",
	    detail) < 0)
		goto fail;
	/* the post moves to publishing with its first claimed delivery */
	int moved = q_post_set_publish_state(db, post_id, "approved",
	    "publishing");
	if (moved < 0)
		goto fail;
	if (moved == 1) {
		struct audit_entry e;
		char object[32];
		snprintf(object, sizeof(object), "post:%lld", post_id);
		memset(&e, 0, sizeof(e));
		e.actor_name = "system";
		e.action = "post.publish_state";
		e.object = object;
		e.from_state = "approved";
		e.to_state = "publishing";
		e.ip = "";
		e.detail = "first delivery claimed";
		if (audit_append(db, pb->app->audit_key, &e) < 0)
			goto fail;
	}
	if (db_commit(db) < 0)
		goto fail;
	return 1;
fail:
	db_rollback(db);
	return -1;
}

/* Records the outcome in one transaction with its audit entry, the
 * notices and the post's state. Retried while the database is away (it
 * may be restarting): the send already happened and must not be lost.
 * 0, or -1 when the lease was lost or the database never came back (the
 * lease then runs out and the next claim reconciles). */
static int
record(struct publisher *pb, const struct q_delivery *d, struct outcome *o)
{
	struct db *db = pb->app->db;
	char detail[400];
	const struct pub_result *r = &o->res;

	snprintf(detail, sizeof(detail), "platform=%s class=%s status=%ld "
	    "attempt=%lld%s%s%s", d->platform, o->error_class ? o->error_class :
	    "ok", r->http_status, d->attempts, o->reconciled ? " reconciled=1" :
	    "", r->remote_id[0] ? " remote_id=" : "", r->remote_id);
	/* about 30 s of patience, 10 s when asked to stop */
	for (int tries = 0; tries < (stopping ? 20 : 60); tries++) {
		if (tries > 0)
			nap_ms(500);
		if (db_begin(db) < 0)
			continue;
		int done;
		if (strcmp(o->to_state, "published") == 0)
			done = q_delivery_published(db, d->id, pb->owner,
			    r->remote_id, r->remote_url, r->http_status);
		else if (strcmp(o->to_state, "retrying") == 0)
			done = q_delivery_retry_later(db, d->id, pb->owner,
			    o->delay_s, o->refund, o->error_class, r->detail,
			    r->http_status);
		else
			done = q_delivery_stop(db, d->id, pb->owner, o->to_state,
			    o->error_class ? o->error_class : "", r->detail,
			    r->http_status);
		if (done == 0) {
			db_rollback(db);
			log_error("delivery %lld: lease lost before the outcome "
			    "was recorded", d->id);
			return -1;
		}
		char title_object[32];
		snprintf(title_object, sizeof(title_object), "account:%lld",
		    d->account_id);
		if (done < 0 || audit_delivery(pb, d->id, "delivery.outcome",
		    "sending", o->to_state, detail) < 0 ||
		    (o->reauth && (q_account_set_state(db, d->account_id,
		    "reauth") < 0 || audit_delivery(pb, d->account_id,
		    "account.reauth_needed", "active", "reauth",
		    title_object) < 0)) ||
		    (o->notify && publish_notify_problem(pb->app, d->post_id,
		    d->title, d->account_name, strcmp(o->to_state,
		    "unconfirmed") == 0 ? "unconfirmed" : "failed",
		    r->detail[0] ? r->detail : "publishing failed") < 0) ||
		    publish_sync_post_state(pb->app, d->post_id) < 0 ||
		    db_commit(db) < 0) {
			db_rollback(db);
			continue;
		}
		log_info("delivery %lld %s: %s (%s, status %ld)", d->id,
		    d->platform, o->to_state, o->error_class ? o->error_class :
		    "ok", r->http_status);
		return 0;
	}
	log_error("delivery %lld: outcome %s not recorded (database away)",
	    d->id, o->to_state);
	return -1;
}

/* Turns a connector's class into the delivery's next state. */
static void
decide(struct publisher *pb, const struct q_delivery *d, struct outcome *o)
{
	const struct config *cfg = &pb->app->cfg;
	struct pub_result *r = &o->res;
	int last = d->attempts >= cfg->max_attempts;

	o->error_class = r->cls == PUB_OK ? NULL : class_names[r->cls];
	switch (r->cls) {
	case PUB_OK:
		o->to_state = "published";
		break;
	case PUB_RETRY:
		o->to_state = last ? "failed" : "retrying";
		o->delay_s = backoff_s(cfg, d->attempts);
		o->notify = last;
		if (last)
			snprintf(r->detail, sizeof(r->detail), "gave up after %lld "
			    "attempts", d->attempts);
		break;
	case PUB_RATE_LIMITED: {
		long long now = (long long)time(NULL);
		o->to_state = "retrying";
		o->refund = 1;
		o->delay_s = r->retry_at > now ? r->retry_at - now + 1 :
		    backoff_s(cfg, d->attempts);
		if (o->delay_s > 86400)
			o->delay_s = 86400;
		break;
	}
	case PUB_PERMANENT:
		o->to_state = "failed";
		o->notify = 1;
		break;
	case PUB_REAUTH:
		o->to_state = "failed";
		o->notify = 1;
		o->reauth = 1;
		break;
	case PUB_UNKNOWN:
		/* the next attempt reconciles before it sends anything */
		o->to_state = last ? "unconfirmed" : "retrying";
		o->delay_s = backoff_s(cfg, d->attempts);
		o->notify = last;
		if (last)
			snprintf(r->detail, sizeof(r->detail), "the platform did "
			    "not answer; check the account, then mark it "
			    "published or send again");
		break;
	}
}

/* Loads the account's settings and decrypted secrets. 0 or -1 (detail
 * says why, class PERMANENT or REAUTH). */
static int
load_account(struct publisher *pb, const struct q_delivery *d,
    struct q_account *acct, struct json_doc **settings,
    struct json_doc **secrets, struct pub_result *r)
{
	char aad[40], *plain = NULL;
	size_t plain_len = 0;
	int rc = -1;

	if (q_account_get(pb->app->db, d->account_id, acct) != 1) {
		pub_set(r, PUB_RETRY, 0, "account could not be read");
		return -1;
	}
	if (json_parse(acct->settings, strlen(acct->settings), settings) < 0) {
		pub_set(r, PUB_PERMANENT, 0, "account settings are damaged");
		return -1;
	}
	if (strcmp(d->platform, "feed") == 0 || acct->credentials == NULL) {
		if (json_parse("{}", 2, secrets) < 0)
			return -1;
		return strcmp(d->platform, "feed") == 0 ? 0 :
		    (pub_set(r, PUB_REAUTH, 0, "the account has no credentials"),
		    -1);
	}
	snprintf(aad, sizeof(aad), "account:%lld", d->account_id);
	if (!pb->app->cfg.have_credentials_key) {
		pub_set(r, PUB_PERMANENT, 0, "the credentials key is not "
		    "configured (Secret.CredentialsKeyFile)");
		return -1;
	}
	if (crypto_open(pb->app->cfg.credentials_key, acct->credentials,
	    acct->credentials_len, aad, &plain, &plain_len) < 0) {
		pub_set(r, PUB_REAUTH, 0, "the stored credentials cannot be "
		    "opened: enter them again");
		return -1;
	}
	if (json_parse(plain, plain_len, secrets) < 0)
		pub_set(r, PUB_REAUTH, 0, "the stored credentials are damaged");
	else
		rc = 0;
	crypto_free_secret(plain, plain_len);
	return rc;
}

/* Seals and stores credentials a connector renewed (a Bluesky session).
 * Done at once: the old refresh token may already be spent. */
static void
store_new_secrets(struct publisher *pb, long long account_id,
    const struct sbuf *s)
{
	struct sbuf blob;
	char aad[40];
	sbuf_init(&blob);
	snprintf(aad, sizeof(aad), "account:%lld", account_id);
	if (crypto_seal(pb->app->cfg.credentials_key, s->data, s->len, aad,
	    &blob) < 0 || blob.failed || q_account_set_credentials(pb->app->db,
	    account_id, blob.data, blob.len) < 0)
		log_error("account %lld: renewed session not stored", account_id);
	sbuf_free(&blob);
}

/* Sends (or reconciles) one claimed delivery and records the outcome. */
static void
deliver(struct publisher *pb, long long id, const char *from_state)
{
	struct db *db = pb->app->db;
	struct q_delivery d;
	struct q_account acct;
	struct json_doc *settings = NULL, *secrets = NULL;
	struct db_result media = { 0 };
	struct sbuf state, new_secrets;
	struct outcome o;
	unsigned char sha[32];
	const struct platform_ops *ops;

	memset(&o, 0, sizeof(o));
	memset(&acct, 0, sizeof(acct));
	sbuf_init(&state);
	sbuf_init(&new_secrets);
	if (q_delivery_get(db, id, &d) != 1) {
		log_error("delivery %lld: cannot be read; its lease will run "
		    "out and it will be tried again", id);
		memset(&d, 0, sizeof(d));
		goto out;
	}
	/* A post edited or withdrawn after approval is not sent. */
	if (strcmp(d.post_state, "publishing") != 0 ||
	    d.approved_version != d.version) {
		pub_set(&o.res, PUB_PERMANENT, 0, "the post changed after "
		    "approval");
		o.to_state = "cancelled";
		o.error_class = "cancelled";
		record(pb, &d, &o);
		goto out;
	}
	/* Never send content that differs from what was approved. */
	publish_content_hash(&d, sha);
	if (!d.have_approved_sha || !crypto_equal(sha, d.approved_sha, 32) ||
	    !crypto_equal(sha, d.content_sha, 32)) {
		pub_set(&o.res, PUB_PERMANENT, 0, "refused: the content differs "
		    "from the approved version");
		o.to_state = "failed";
		o.error_class = "integrity";
		o.notify = 1;
		log_error("delivery %lld: content hash differs from the "
		    "approval; refused", id);
		record(pb, &d, &o);
		goto out;
	}
	ops = platform_find(d.platform);
	if (ops == NULL || !d.account_active || strcmp(d.account_state,
	    "active") != 0 || !d.account_registered) {
		pub_set(&o.res, strcmp(d.account_state, "reauth") == 0 ?
		    PUB_REAUTH : PUB_PERMANENT, 0, ops == NULL ? "no connector "
		    "for this platform" : strcmp(d.account_state, "reauth") == 0 ?
		    "the account must be reconnected by an administrator" :
		    strcmp(d.account_state, "active") != 0 ?
		    "the account is disabled" : "the account is no longer "
		    "registered for official use");
		decide(pb, &d, &o);
		o.reauth = 0;
		record(pb, &d, &o);
		goto out;
	}
	if (load_account(pb, &d, &acct, &settings, &secrets, &o.res) < 0) {
		decide(pb, &d, &o);
		record(pb, &d, &o);
		goto out;
	}

	struct pub_account a = {
		.id = d.account_id, .platform = d.platform,
		.name = d.account_name, .settings = json_root(settings),
		.secrets = json_root(secrets), .new_secrets = &new_secrets,
		.env = &pb->env,
	};
	struct pub_post p = {
		.delivery_id = d.id, .post_id = d.post_id, .text = d.body,
		.text_len = strlen(d.body), .alt_text = d.alt_text,
		.idempotency_key = d.idempotency_key,
		.first_sent_at = d.first_sent_at,
		.published_at = (long long)time(NULL),
		.state = d.connector_state,
	};
	pb->env.now = (long long)time(NULL);
	if (d.media_id != 0) {
		if (q_media_get(db, d.media_id, &media) < 0 || media.nrows != 1) {
			pub_set(&o.res, PUB_RETRY, 0, "the image could not be read");
			decide(pb, &d, &o);
			record(pb, &d, &o);
			goto out;
		}
		p.image = (const unsigned char *)db_cell(&media, 0, 2);
		p.image_len = db_cell_len(&media, 0, 2);
		p.image_mime = db_cell(&media, 0, 1);
		if (image_size(p.image, p.image_len, &p.image_width,
		    &p.image_height) < 0)
			p.image_width = p.image_height = 0;
	}

	/* An earlier attempt may have landed: find out before sending. */
	if (strcmp(from_state, "sending") == 0 ||
	    strcmp(d.last_error_class, "unknown") == 0) {
		int landed = ops->reconcile ? ops->reconcile(&a, &p, &o.res) : -1;
		if (new_secrets.len > 0)
			store_new_secrets(pb, d.account_id, &new_secrets);
		if (landed == 1) {
			o.res.cls = PUB_OK;
			o.reconciled = 1;
			decide(pb, &d, &o);
			record(pb, &d, &o);
			goto out;
		}
		if (landed < 0 && (o.res.cls == PUB_RETRY ||
		    o.res.cls == PUB_RATE_LIMITED) &&
		    d.attempts < pb->app->cfg.max_attempts) {
			/* the lookup itself failed (5xx, 429, timeout): ask
			 * again later rather than give up on knowing */
			o.res.cls = o.res.cls == PUB_RATE_LIMITED ?
			    PUB_RATE_LIMITED : PUB_UNKNOWN;
			decide(pb, &d, &o);
			o.error_class = "unknown";
			record(pb, &d, &o);
			goto out;
		}
		if (landed < 0) {
			o.to_state = "unconfirmed";
			o.error_class = "unknown";
			o.notify = 1;
			if (o.res.detail[0] == '\0')
				pub_set(&o.res, PUB_UNKNOWN, 0, "cannot tell whether "
				    "an earlier attempt was published");
			record(pb, &d, &o);
			goto out;
		}
		sbuf_free(&new_secrets);
		sbuf_init(&new_secrets);
		memset(&o.res, 0, sizeof(o.res));
	}
	/* Per-delivery state (the Bluesky record key) is fixed and saved
	 * before the first byte leaves, so a retry reuses it. */
	if (d.connector_state[0] == '\0' && ops->prepare != NULL) {
		if (ops->prepare(&a, &p, &state) < 0 || state.failed ||
		    q_delivery_set_connector_state(db, d.id, pb->owner,
		    state.data ? state.data : "") != 1) {
			log_error("delivery %lld: connector state not saved", id);
			goto out;
		}
		p.state = state.data ? state.data : "";
	}
	if (q_delivery_mark_sending(db, d.id, pb->owner) != 1) {
		log_error("delivery %lld: lease lost before sending", id);
		goto out;
	}
	if (p.first_sent_at == 0)
		p.first_sent_at = (long long)time(NULL);
	ops->publish(&a, &p, &o.res);
	if (new_secrets.len > 0)
		store_new_secrets(pb, d.account_id, &new_secrets);
	decide(pb, &d, &o);
	record(pb, &d, &o);
out:
	sbuf_free(&state);
	sbuf_free(&new_secrets);
	db_result_free(&media);
	json_free(settings);
	json_free(secrets);
	q_account_free(&acct);
	q_delivery_free(&d);
}

/* One turn: expiry and retention on timers, then one delivery. 1 sent one, 0 nothing
 * due, -1 database trouble. */
static int
turn(struct publisher *pb)
{
	long long id;
	char from[16];
	time_t now = time(NULL);

	if (now - pb->last_expiry >= 30) {
		if (post_expire_overdue(pb->app) == 0)
			pb->last_expiry = now;
	}
	if (now - pb->last_retention >= pb->app->cfg.retention_every_seconds) {
		/* Several publishers may each run it: every deletion checks
		 * again under locks, so a post goes once. */
		struct retention_summary s;
		if (retention_run(pb->app, "system", 0, NULL, NULL, &s) == 0) {
			pb->last_retention = now;
			log_info("retention: deleted %lld published records and "
			    "%lld drafts; %lld on hold; %lld failed%s",
			    s.deleted_published, s.deleted_drafts, s.held,
			    s.failed, s.global_hold ? " (global legal hold)" : "");
		}
	}
	int got = claim(pb, &id, from, sizeof(from));
	if (got <= 0)
		return got;
	deliver(pb, id, from);
	return 1;
}

int
cli_publisher(struct app *app, int argc, char **argv)
{
	struct publisher pb;
	struct sigaction sa;
	int once = 0;
	char host[64] = "host";
	unsigned char nonce[4];

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--once") == 0)
			once = 1;
		else if (strncmp(argv[i], "--stack=", 8) == 0)
			continue; /* names the stack's state dir, for stack.sh */
		else {
			fprintf(stderr, "usage: clearpost publisher [--once]\n");
			return 2;
		}
	}
	memset(&pb, 0, sizeof(pb));
	pb.app = app;
	gethostname(host, sizeof(host) - 1);
	crypto_random(nonce, sizeof(nonce));
	snprintf(pb.owner, sizeof(pb.owner), "%.40s:%ld:%02x%02x%02x%02x", host,
	    (long)getpid(), nonce[0], nonce[1], nonce[2], nonce[3]);
	pb.env = (struct platform_env){
		.x_api = app->cfg.x_api, .facebook_api = app->cfg.facebook_api,
		.linkedin_api = app->cfg.linkedin_api,
		.linkedin_version = app->cfg.linkedin_version,
		.bluesky_pds = app->cfg.bluesky_pds,
		.public_url = app->cfg.public_url,
		.connect_timeout_ms = app->cfg.connect_timeout_ms,
		.timeout_ms = app->cfg.send_timeout_ms,
		.allow_loopback_http = app->cfg.allow_loopback_http,
	};
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (http_global_init() < 0) {
		log_error("publisher: libcurl did not start");
		return 1;
	}
	log_info("publisher %s started", pb.owner);
	while (!stopping) {
		int rc = turn(&pb);
		if (rc == 1)
			continue;
		if (once && rc == 0)
			break;
		/* nothing due, or the database is away: wait and look again */
		nap_ms(rc < 0 ? 1000 : app->cfg.poll_ms);
	}
	log_info("publisher %s stopped", pb.owner);
	http_global_cleanup();
	return 0;
}
