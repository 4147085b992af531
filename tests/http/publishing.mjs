// Helpers for the publishing tests: accounts on the platform double, posts
// taken through the whole review flow, the double's control API, and the
// publisher processes the tests start and kill themselves.
//
// tests/run.sh starts the double (tests/platforms/double.mjs) before the
// stack and exports CLEARPOST_DOUBLE_URL; the stack's HDF points the X,
// Facebook and LinkedIn API bases at it and allows loopback http.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { CONFIG, ROOT, cli, loginAs, q, sql, sqlValue } from './lib.mjs';

export const DOUBLE = (process.env.CLEARPOST_DOUBLE_URL ?? '').replace(/\/+$/, '');
export const SKIP = DOUBLE ? false : 'CLEARPOST_DOUBLE_URL is not set (run through tests/run.sh)';
const STACK = path.join(ROOT, 'src', 'stack', 'stack.sh');

/** The double's control API: GET when body is undefined, else POST JSON. */
export async function ctl(p, body) {
  const res = await fetch(DOUBLE + p, body === undefined ? {} : {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.ok(res.ok, `double ${p}: HTTP ${res.status}`);
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

export const postsOn = (platform) => ctl(`/_control/posts?platform=${platform}`);
export const requestsOn = (platform) => ctl(`/_control/requests?platform=${platform}`);
export const fault = (platform, mode, count = 1, seconds = 0) =>
  ctl('/_control/fault', { platform, mode, count, seconds });

/** Settings and credentials of the double's test accounts, per platform. */
export function doubleAccount(platform) {
  switch (platform) {
    case 'mastodon': return { settings: { instance: `${DOUBLE}/mastodon` }, secrets: { token: 'masto-token' } };
    case 'bluesky': return {
      settings: { handle: 'clinic.test', pds: `${DOUBLE}/bsky` },
      secrets: { app_password: 'bsky-app-password' },
    };
    case 'x': return {
      settings: { username: 'clinic' },
      secrets: {
        consumer_key: 'x-consumer-key', consumer_secret: 'x-consumer-secret',
        access_token: 'x-access-token', access_token_secret: 'x-token-secret',
      },
    };
    case 'facebook': return { settings: { page_id: '1000' }, secrets: { page_token: 'fb-page-token', app_secret: 'fb-app-secret' } };
    case 'linkedin': return { settings: { organization: 'urn:li:organization:2000' }, secrets: { token: 'li-token' } };
    case 'webhook': return { settings: { url: `${DOUBLE}/hook/clinic` }, secrets: { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' } };
    default: throw new Error(`no double account for ${platform}`);
  }
}

/**
 * Connects an account through `clearpost account add` (which also registers
 * it for official use, with an owner and a purpose); returns its id.
 */
export function addAccount(platform, name = `${platform} ${randomBytes(3).toString('hex')}`, overrides = {}) {
  const a = doubleAccount(platform);
  const settings = { ...a.settings, ...(overrides.settings ?? {}) };
  const secrets = { ...a.secrets, ...(overrides.secrets ?? {}) };
  const r = cli(['account', 'add', platform, name, '--owner', overrides.owner ?? 'Communications',
    '--purpose', overrides.purpose ?? 'tests against the platform double',
    '--settings', JSON.stringify(settings)], JSON.stringify(secrets));
  assert.equal(r.code, 0, `account add ${platform}: ${r.out}`);
  return r.stdout.trim();
}

async function formCsrf(client, p) {
  const page = await client.get(p);
  assert.equal(page.status, 200, `GET ${p}: ${page.describe()}`);
  return page.csrf();
}

/**
 * A post written by a fresh author and approved by a fresh reviewer.
 * opts: targets (account ids), body, title, schedule ('YYYY-MM-DDTHH:MM').
 * Returns { id, author, reviewer, body }.
 */
export async function approvedPost({ targets, body, title = 'Publishing test', schedule } = {}) {
  body ??= `Flu shots are free at every clinic this week (${randomBytes(4).toString('hex')}).`;
  const author = await loginAs('author');
  const csrf = await formCsrf(author.client, '/posts/new');
  const form = [['csrf', csrf], ['title', title], ['body', body], ...targets.map((t) => ['target', String(t)])];
  if (schedule) form.push(['scheduled_at', schedule]);
  let res = await author.client.post('/posts/new', form);
  assert.equal(res.status, 303, `create: ${res.describe()}`);
  const id = Number(/\/posts\/(\d+)/.exec(res.location)[1]);
  const page = await author.client.get(`/posts/${id}`);
  res = await author.client.post(`/posts/${id}/submit`, [['csrf', page.csrf()], ['version', '1']]);
  assert.equal(res.status, 303, `submit: ${res.describe()}`);
  const reviewer = await loginAs('reviewer');
  const rp = await reviewer.client.get(`/review/${id}`);
  res = await reviewer.client.post(`/review/${id}/approve`, [['csrf', rp.csrf()], ['version', '1']]);
  assert.equal(res.status, 303, `approve: ${res.describe()}`);
  return { id, author, reviewer, body };
}

/** Rows {id, account, platform, state, attempts, error_class, error, remote_url, key} of a post. */
export function deliveriesOf(postId) {
  return sql(`SELECT d.id, d.account_id, a.platform, d.state, d.attempts, IFNULL(d.last_error_class, ''),
                     IFNULL(d.last_error, ''), IFNULL(d.remote_url, ''), d.idempotency_key
              FROM deliveries d JOIN accounts a ON a.id = d.account_id WHERE d.post_id = ${Number(postId)} ORDER BY d.id`)
    .map(([id, account, platform, state, attempts, errorClass, error, remoteUrl, key]) =>
      ({ id, account, platform, state, attempts: Number(attempts), errorClass, error, remoteUrl, key }));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls fn() until it returns a truthy value, for at most ms; returns it or fails with label. */
export async function waitFor(fn, ms, label) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) assert.fail(`timed out after ${ms} ms: ${label}`);
    await sleep(200);
  }
}

/** Waits until every delivery of the post is in a final state; returns them. */
export function settled(postId, ms = 30000) {
  const done = new Set(['published', 'failed', 'unconfirmed', 'cancelled']);
  return waitFor(() => {
    const d = deliveriesOf(postId);
    return d.length > 0 && d.every((x) => done.has(x.state)) ? d : null;
  }, ms, `deliveries of post ${postId} settle: ${JSON.stringify(deliveriesOf(postId))}`);
}

/* ----------------------------------------------------- publisher processes */

export function stackPublisher(cmd) {
  execFileSync(STACK, [`publisher-${cmd}`], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60000 });
}

/** Starts `clearpost publisher` of our own; returns the child process. */
export function startPublisher(extraEnv = {}) {
  const child = spawn(path.join(ROOT, 'bin', 'clearpost'), ['publisher'], {
    env: { ...process.env, CLEARPOST_CONFIG: CONFIG, ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.log = '';
  child.stderr.on('data', (b) => { child.log += b.toString(); });
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return child;
}

/** The text of every audit entry about a delivery: [action, from, to, detail]. */
export function deliveryAudit(deliveryId) {
  return sql(`SELECT action, IFNULL(from_state, ''), IFNULL(to_state, ''), IFNULL(detail, '')
              FROM audit_log WHERE object = ${q(`delivery:${deliveryId}`)} ORDER BY id`);
}

export { sqlValue };

/**
 * n due deliveries at once, spread over the given account ids: one post is
 * approved through the review flow (scheduled far ahead, so no publisher
 * touches it), then the database copies it — same title, text and targets,
 * so the same approval hash — into enough approved posts, each with its
 * publication and one delivery per account, all due now. Returns the ids
 * of the copies.
 */
export async function manyDue(n, accountIds) {
  const copies = Math.ceil(n / accountIds.length);
  const marker = `Bulk ${randomBytes(4).toString('hex')}`;
  const { id } = await approvedPost({ targets: accountIds, title: marker, schedule: '2099-01-01T09:00' });
  sql(`INSERT INTO posts (author_id, last_editor_id, title, body, targets, state, version, scheduled_at,
         submitted_at, reviewed_version, approved_version, approved_sha256, approved_by, approved_at, created_at, updated_at)
       SELECT p.author_id, p.last_editor_id, p.title, p.body, p.targets, 'approved', p.version, NULL, p.submitted_at,
         p.reviewed_version, p.approved_version, p.approved_sha256, p.approved_by, p.approved_at, UTC_TIMESTAMP(), UTC_TIMESTAMP()
       FROM posts p JOIN seq_1_to_${copies} s WHERE p.id = ${id}`);
  const ids = sql(`SELECT id FROM posts WHERE title = ${q(marker)} AND id <> ${id} ORDER BY id`).map(([x]) => x);
  sql(`INSERT INTO publications (post_id, version, title, body, media_id, alt_text, targets, content_sha256, author_id,
         approved_by, approved_at, scheduled_at, created_at)
       SELECT id, approved_version, title, body, media_id, alt_text, targets, approved_sha256, author_id, approved_by,
         approved_at, NULL, UTC_TIMESTAMP() FROM posts WHERE id IN (${ids.join(',')})`);
  sql(`INSERT INTO deliveries (publication_id, post_id, account_id, due_at, next_attempt_at, idempotency_key, created_at, updated_at)
       SELECT pub.id, pub.post_id, a.id, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3), UUID(), UTC_TIMESTAMP(), UTC_TIMESTAMP(3)
       FROM publications pub JOIN accounts a ON a.id IN (${accountIds.join(',')}) WHERE pub.post_id IN (${ids.join(',')})`);
  // the original stays scheduled far ahead; cancel it so it never counts
  sql(`UPDATE deliveries SET state = 'cancelled' WHERE post_id = ${id}`);
  return ids;
}
