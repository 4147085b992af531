// The Mastodon and Bluesky connectors against the platform double, through
// `bin/clearpost connector PLATFORM test|publish|reconcile`
// (src/cli/connector.c). The double runs in this process (startDouble), so
// the CLI is spawned asynchronously: a synchronous spawn would stop the
// double from answering.
//
//   node --test tests/platforms/connectors_mb.test.mjs
//
// Needs bin/clearpost (make all). Skips, saying so, while
// tests/platforms/double.mjs is not there.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOUBLE = path.join(ROOT, 'tests/platforms/double.mjs');
const CLI = path.join(ROOT, 'bin/clearpost');
const SKIP = existsSync(DOUBLE) ? false : 'tests/platforms/double.mjs is not there yet: skipped';
const TIMEOUT_MS = 2000;

// A 1x1 PNG: the double sniffs uploads, so the bytes must be a real image.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PNG_SHA = createHash('sha256').update(PNG).digest('hex');

let dbl;
let creds;
let dir;
let config;
let png;

async function ctl(method, what, body) {
  const r = await fetch(`${dbl.url}/_control/${what}`, {
    method, headers: { 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
  });
  assert.equal(r.status, 200, `/_control/${what}: ${r.status}`);
  return r.json();
}

const posts = (platform) => ctl('GET', `posts?platform=${platform}`);
const requests = (platform) => ctl('GET', `requests?platform=${platform}`);
const fault = (platform, mode, extra = {}) => ctl('POST', 'fault', { platform, mode, count: 1, ...extra });
const now = () => Math.floor(Date.now() / 1000);

/** Runs one connector call; resolves to the parsed result line plus the
 * raw output (for the leak checks). */
function connector(platform, op, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI, ['connector', platform, op], {
      env: { ...process.env, CLEARPOST_CONFIG: config },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = stdout.split('\n').filter(Boolean);
      if (code !== 0 || lines.length !== 1) {
        reject(new Error(`clearpost connector ${platform} ${op} exited ${code}: ${stdout}${stderr}`));
        return;
      }
      resolve({ ...JSON.parse(lines[0]), stderr });
    });
    child.stdin.end(JSON.stringify(input));
  });
}

/** Nothing people see (detail) or the log (stderr) repeats the post's text
 * or a secret. new_secrets (credentials to store) and state (Bluesky's
 * record, to store) carry them by design and are left out. */
function noLeak(r, text, secrets) {
  const words = [text, ...Object.values(secrets)].filter((s) => typeof s === 'string' && s.length >= 4);
  const seen = JSON.stringify({ ...r, new_secrets: undefined, state: undefined });
  for (const w of words) {
    assert.ok(!seen.includes(w), `output repeats ${JSON.stringify(w)}: ${seen}`);
  }
}

let seq = 0;
function post(text, extra = {}) {
  seq += 1;
  return { delivery_id: 200 + seq, post_id: 20 + seq, text, idempotency_key: `dlv-${process.pid}-${seq}`, ...extra };
}

function imagePost(text, alt) {
  return post(text, { image_file: png, image_mime: 'image/png', image_width: 1, image_height: 1, alt_text: alt });
}

before(async () => {
  if (SKIP) return;
  const mod = await import(DOUBLE);
  creds = await import(path.join(ROOT, 'tests/platforms/creds.mjs'));
  dbl = await mod.startDouble({ port: 0 });
  dir = mkdtempSync(path.join(tmpdir(), 'cp-mb-'));
  config = path.join(dir, 'clearpost.hdf');
  writeFileSync(config, `#include "${ROOT}/conf/clearpost.hdf"
Publisher.AllowLoopbackHttp = 1
Publisher.ConnectTimeoutMs = 1000
Publisher.TimeoutMs = ${TIMEOUT_MS}
`);
  png = path.join(dir, 'dot.png');
  writeFileSync(png, PNG);
});

after(async () => {
  if (dbl) await dbl.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  if (!SKIP) await ctl('POST', 'reset');
});

/* -------------------------------------------------------------- Mastodon */

describe('Mastodon', { skip: SKIP }, () => {
  const account = (token = creds.mastodon.token) => ({
    settings: { instance: `${dbl.url}/mastodon` },
    secrets: { token },
  });

  test('test names the account as the instance knows it', async () => {
    const r = await connector('mastodon', 'test', account());
    assert.equal(r.class, 'ok', r.detail);
    assert.equal(r.detail, `@${creds.mastodon.username}`);
    noLeak(r, '', account().secrets);
  });

  test('a text post lands once, under the delivery\'s Idempotency-Key', async () => {
    const text = 'Flu clinic open Saturday 9-12, no appointment needed';
    const p = post(text);
    const r = await connector('mastodon', 'publish', { ...account(), post: p });
    assert.equal(r.class, 'ok', r.detail);
    const stored = await posts('mastodon');
    assert.equal(stored.length, 1);
    assert.equal(stored[0].text, text);
    assert.equal(stored[0].key, p.idempotency_key);
    assert.equal(r.remote_id, stored[0].id);
    assert.equal(r.remote_url, stored[0].url);
    noLeak(r, text, account().secrets);
  });

  test('an image goes with its alt text, after processing finished', async () => {
    const text = 'Our new MRI suite opens Monday';
    const r = await connector('mastodon', 'publish', {
      ...account(), post: imagePost(text, 'The MRI scanner in a bright room'),
    });
    assert.equal(r.class, 'ok', r.detail);
    const stored = await posts('mastodon');
    assert.equal(stored.length, 1);
    assert.equal(stored[0].text, text);
    assert.equal(stored[0].alt, 'The MRI scanner in a bright room');
    assert.equal(stored[0].image_sha256, PNG_SHA);
    // the double answers 202, then 206 once, then 200: the connector waited
    const polls = (await requests('mastodon')).filter((q) => q.method === 'GET' && q.path.includes('/api/v1/media/'));
    assert.deepEqual(polls.map((q) => q.status), [206, 200]);
  });

  test('a dropped answer after the commit: reconcile says resend, the key returns the original', async () => {
    await fault('mastodon', 'drop_after_commit');
    const p = post('Walk-in vaccinations from Monday', { first_sent_at: now() });
    const r = await connector('mastodon', 'publish', { ...account(), post: p });
    assert.equal(r.class, 'unknown', r.detail);
    assert.equal((await posts('mastodon')).length, 1);

    const rec = await connector('mastodon', 'reconcile', { ...account(), post: p });
    assert.equal(rec.reconcile, 0, rec.detail);
    const again = await connector('mastodon', 'publish', { ...account(), post: p });
    assert.equal(again.class, 'ok', again.detail);
    const stored = await posts('mastodon');
    assert.equal(stored.length, 1, 'the resend must not post twice');
    assert.equal(again.remote_id, stored[0].id);
  });

  test('after the key\'s hour, reconcile finds the post among the account\'s own statuses', async () => {
    const text = 'Blood drive on the 12th in the main hall';
    const older = await connector('mastodon', 'publish', { ...account(), post: post('Another post, not this one') });
    assert.equal(older.class, 'ok', older.detail);
    await fault('mastodon', 'drop_after_commit');
    const p = post(text, { first_sent_at: now() });
    assert.equal((await connector('mastodon', 'publish', { ...account(), post: p })).class, 'unknown');
    const stored = (await posts('mastodon')).find((s) => s.text === text);

    // The connector's clock says more than an hour has passed.
    const later = { ...account(), now: now() + 4000, post: p };
    const rec = await connector('mastodon', 'reconcile', later);
    assert.equal(rec.reconcile, 1, rec.detail);
    assert.equal(rec.class, 'ok');
    assert.equal(rec.remote_id, stored.id);
    assert.equal(rec.remote_url, stored.url);
    noLeak(rec, text, account().secrets);

    // A delivery whose text is nowhere: it did not land.
    const missing = post('Parking is free this week', { first_sent_at: now() });
    const none = await connector('mastodon', 'reconcile', { ...account(), now: now() + 4000, post: missing });
    assert.equal(none.reconcile, 0, none.detail);
    // A bad token cannot list: cannot tell.
    const bad = await connector('mastodon', 'reconcile', { ...account('wrong-token'), now: now() + 4000, post: missing });
    assert.equal(bad.reconcile, -1, bad.detail);
  });

  test('a wrong token asks for reauthorisation', async () => {
    const t = await connector('mastodon', 'test', account('not-the-token'));
    assert.equal(t.class, 'reauth', t.detail);
    const r = await connector('mastodon', 'publish', { ...account('not-the-token'), post: post('Visiting hours change on Sunday') });
    assert.equal(r.class, 'reauth', r.detail);
    assert.equal(r.http_status, 401);
    assert.equal((await posts('mastodon')).length, 0);
    noLeak(r, 'Visiting hours change on Sunday', account('not-the-token').secrets);
  });

  test('a 422 is permanent: the rejected post and a text over the limit', async () => {
    await fault('mastodon', 'permanent');
    const r = await connector('mastodon', 'publish', { ...account(), post: post('Cafeteria closed for renovation') });
    assert.equal(r.class, 'permanent', r.detail);
    assert.equal(r.http_status, 422);
    const long = await connector('mastodon', 'publish', { ...account(), post: post('x'.repeat(501)) });
    assert.equal(long.class, 'permanent', long.detail);
    assert.match(long.detail, /longer than the instance allows/);
    assert.equal((await posts('mastodon')).length, 0);
  });

  test('a 429 is rate_limited until X-RateLimit-Reset', async () => {
    await fault('mastodon', 'ratelimit', { seconds: 600 });
    const t0 = now();
    const r = await connector('mastodon', 'publish', { ...account(), post: post('Pharmacy hours extended') });
    assert.equal(r.class, 'rate_limited', r.detail);
    assert.ok(r.retry_at >= t0 + 598 && r.retry_at <= now() + 602, `retry_at ${r.retry_at}`);
    assert.equal((await posts('mastodon')).length, 0);
  });

  test('a 503 on the create is unknown', async () => {
    await fault('mastodon', 'fail5xx');
    const r = await connector('mastodon', 'publish', { ...account(), post: post('Gift shop moves to level 2') });
    assert.equal(r.class, 'unknown', r.detail);
    assert.equal(r.http_status, 503);
  });
});

/* --------------------------------------------------------------- Bluesky */

describe('Bluesky', { skip: SKIP }, () => {
  const settings = () => ({ handle: creds.bluesky.handle, pds: `${dbl.url}/bsky` });
  const login = () => ({ settings: settings(), secrets: { app_password: creds.bluesky.password } });

  /* Logs in once through `test`; returns the session-bearing secrets. */
  async function session() {
    const r = await connector('bluesky', 'test', login());
    assert.equal(r.class, 'ok', r.detail);
    assert.ok(r.new_secrets, 'a log-in returns the session to store');
    return r.new_secrets;
  }

  const sessionCalls = async () => (await requests('bluesky'))
    .filter((q) => /createSession|refreshSession/.test(q.path)).map((q) => q.path.split('.').pop());

  test('test logs in once and names the account; the stored session is reused', async () => {
    const r = await connector('bluesky', 'test', login());
    assert.equal(r.class, 'ok', r.detail);
    assert.equal(r.detail, `@${creds.bluesky.handle}`);
    assert.equal(r.new_secrets.app_password, creds.bluesky.password);
    assert.equal(r.new_secrets.did, creds.bluesky.did);
    assert.ok(r.new_secrets.access_jwt && r.new_secrets.refresh_jwt);
    noLeak(r, '', login().secrets);

    const again = await connector('bluesky', 'test', { settings: settings(), secrets: r.new_secrets });
    assert.equal(again.class, 'ok', again.detail);
    assert.equal(again.new_secrets, null, 'nothing to store when the session still works');
    assert.deepEqual(await sessionCalls(), ['createSession']);
  });

  test('a text post lands once under the prepared rkey, with link facets', async () => {
    const secrets = await session();
    const text = 'Flu clinic open Saturday, details at https://example.org/flu.';
    const r = await connector('bluesky', 'publish', { settings: settings(), secrets, post: post(text) });
    assert.equal(r.class, 'ok', r.detail);
    const state = JSON.parse(r.state);
    const stored = await posts('bluesky');
    assert.equal(stored.length, 1);
    assert.equal(stored[0].text, text);
    assert.equal(stored[0].key, state.rkey);
    assert.equal(r.remote_id, `at://${creds.bluesky.did}/app.bsky.feed.post/${state.rkey}`);
    assert.equal(r.remote_url, `https://bsky.app/profile/${creds.bluesky.did}/post/${state.rkey}`);
    assert.equal(r.remote_url, stored[0].url);
    assert.deepEqual(state.record.facets, [{
      index: { byteStart: 37, byteEnd: 60 },
      features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.org/flu' }],
    }]);
    assert.equal(r.new_secrets, null);
    assert.deepEqual(await sessionCalls(), ['createSession'], 'no log-in per post');
    noLeak(r, text, { ...secrets, did: undefined });
  });

  test('an image goes with its alt text and aspect ratio', async () => {
    const secrets = await session();
    const text = 'Our new MRI suite opens Monday';
    const r = await connector('bluesky', 'publish', {
      settings: settings(), secrets, post: imagePost(text, 'The MRI scanner in a bright room'),
    });
    assert.equal(r.class, 'ok', r.detail);
    const stored = await posts('bluesky');
    assert.equal(stored.length, 1);
    assert.equal(stored[0].text, text);
    assert.equal(stored[0].alt, 'The MRI scanner in a bright room');
    assert.equal(stored[0].image_sha256, PNG_SHA);
    const rec = await (await fetch(`${dbl.url}/bsky/xrpc/com.atproto.repo.getRecord?repo=${creds.bluesky.did}`
      + `&collection=app.bsky.feed.post&rkey=${JSON.parse(r.state).rkey}`)).json();
    assert.deepEqual(rec.value.embed.images[0].aspectRatio, { width: 1, height: 1 });
    assert.equal(rec.value.langs[0], 'en');
  });

  test('an expired access token is refreshed, and the new session handed back', async () => {
    await ctl('POST', 'bsky', { access_ttl: 60 });
    const secrets = await session();
    await ctl('POST', 'clock', { offset_seconds: 120 });
    const r = await connector('bluesky', 'publish', { settings: settings(), secrets, post: post('Parking is free this week') });
    assert.equal(r.class, 'ok', r.detail);
    assert.equal((await posts('bluesky')).length, 1);
    assert.ok(r.new_secrets, 'the rotated session must be stored');
    assert.notEqual(r.new_secrets.access_jwt, secrets.access_jwt);
    assert.notEqual(r.new_secrets.refresh_jwt, secrets.refresh_jwt);
    assert.equal(r.new_secrets.app_password, creds.bluesky.password);
    assert.deepEqual(await sessionCalls(), ['createSession', 'refreshSession']);

    // The new session works as is.
    const t = await connector('bluesky', 'test', { settings: settings(), secrets: r.new_secrets });
    assert.equal(t.class, 'ok', t.detail);
    assert.equal(t.new_secrets, null);
  });

  test('with the refresh token dead too, it logs in again', async () => {
    await ctl('POST', 'bsky', { access_ttl: 60, refresh_ttl: 90 });
    const secrets = await session();
    await ctl('POST', 'clock', { offset_seconds: 200 });
    const r = await connector('bluesky', 'publish', { settings: settings(), secrets, post: post('Gift shop moves to level 2') });
    assert.equal(r.class, 'ok', r.detail);
    assert.ok(r.new_secrets);
    assert.deepEqual(await sessionCalls(), ['createSession', 'refreshSession', 'createSession']);
  });

  test('a dropped answer after the commit: unknown, reconcile finds the same uri, a resend changes nothing', async () => {
    const secrets = await session();
    await fault('bluesky', 'drop_after_commit');
    const p = post('Walk-in vaccinations from Monday', { first_sent_at: now() });
    const r = await connector('bluesky', 'publish', { settings: settings(), secrets, post: p });
    assert.equal(r.class, 'unknown', r.detail);
    const state = JSON.parse(r.state);
    assert.ok(state.rkey);
    p.state = r.state;

    const rec = await connector('bluesky', 'reconcile', { settings: settings(), secrets, post: p });
    assert.equal(rec.reconcile, 1, rec.detail);
    assert.equal(rec.class, 'ok');
    const stored = await posts('bluesky');
    assert.equal(stored.length, 1);
    assert.equal(rec.remote_id, stored[0].id);
    assert.equal(rec.remote_id, `at://${creds.bluesky.did}/app.bsky.feed.post/${state.rkey}`);

    // With no session stored, reconcile asks by handle and logs in for nothing.
    const calls = (await sessionCalls()).length;
    const byHandle = await connector('bluesky', 'reconcile', { ...login(), post: p });
    assert.equal(byHandle.reconcile, 1, byHandle.detail);
    assert.equal(byHandle.remote_id, rec.remote_id);
    assert.equal(byHandle.remote_url, rec.remote_url);
    assert.equal(byHandle.new_secrets, null);
    assert.equal((await sessionCalls()).length, calls);

    // Even a blind resend of the stored record cannot double it.
    const again = await connector('bluesky', 'publish', { settings: settings(), secrets, post: p });
    assert.equal(again.class, 'ok', again.detail);
    assert.equal(again.remote_id, rec.remote_id);
    assert.equal((await posts('bluesky')).length, 1);
  });

  test('a drop before anything happened: reconcile 0, then the post lands once', async () => {
    const secrets = await session();
    await fault('bluesky', 'drop_before');
    const p = post('Cafeteria closed for renovation', { first_sent_at: now() });
    const r = await connector('bluesky', 'publish', { settings: settings(), secrets, post: p });
    assert.equal(r.class, 'unknown', r.detail);
    p.state = r.state;
    const rec = await connector('bluesky', 'reconcile', { settings: settings(), secrets, post: p });
    assert.equal(rec.reconcile, 0, rec.detail);
    const again = await connector('bluesky', 'publish', { settings: settings(), secrets, post: p });
    assert.equal(again.class, 'ok', again.detail);
    assert.equal(JSON.parse(again.state).rkey, JSON.parse(r.state).rkey);
    assert.equal((await posts('bluesky')).length, 1);
  });

  test('a wrong app password asks for reauthorisation', async () => {
    const secrets = { app_password: 'not-the-password' };
    const t = await connector('bluesky', 'test', { settings: settings(), secrets });
    assert.equal(t.class, 'reauth', t.detail);
    const r = await connector('bluesky', 'publish', { settings: settings(), secrets, post: post('Visiting hours change') });
    assert.equal(r.class, 'reauth', r.detail);
    assert.equal(r.http_status, 401);
    assert.equal(r.new_secrets, null);
    noLeak(r, 'Visiting hours change', secrets);
  });

  test('a token the PDS rejects is renewed once; rejected again it is reauth', async () => {
    const secrets = await session();
    await fault('bluesky', 'reauth');
    const ok = await connector('bluesky', 'publish', { settings: settings(), secrets, post: post('Pharmacy hours extended') });
    assert.equal(ok.class, 'ok', ok.detail);
    assert.ok(ok.new_secrets);

    await fault('bluesky', 'reauth', { count: 2 });
    const r = await connector('bluesky', 'publish', { settings: settings(), secrets: ok.new_secrets, post: post('Blood drive on the 12th') });
    assert.equal(r.class, 'reauth', r.detail);
    assert.equal((await posts('bluesky')).length, 1);
  });

  test('an invalid record is permanent: the rejected post and a text over 300 graphemes', async () => {
    const secrets = await session();
    await fault('bluesky', 'permanent');
    const r = await connector('bluesky', 'publish', { settings: settings(), secrets, post: post('Blood drive on the 12th') });
    assert.equal(r.class, 'permanent', r.detail);
    assert.equal(r.http_status, 400);
    const long = await connector('bluesky', 'publish', { settings: settings(), secrets, post: post('y'.repeat(301)) });
    assert.equal(long.class, 'permanent', long.detail);
    assert.equal((await posts('bluesky')).length, 0);
  });

  test('a 429 is rate_limited until RateLimit-Reset', async () => {
    const secrets = await session();
    await fault('bluesky', 'ratelimit', { seconds: 600 });
    const t0 = now();
    const r = await connector('bluesky', 'publish', { settings: settings(), secrets, post: post('Parking is free this week') });
    assert.equal(r.class, 'rate_limited', r.detail);
    assert.ok(r.retry_at >= t0 + 598 && r.retry_at <= now() + 602, `retry_at ${r.retry_at}`);
    assert.equal((await posts('bluesky')).length, 0);
  });

  test('a 503 on the write is unknown', async () => {
    const secrets = await session();
    await fault('bluesky', 'fail5xx');
    const r = await connector('bluesky', 'publish', { settings: settings(), secrets, post: post('Gift shop moves to level 2') });
    assert.equal(r.class, 'unknown', r.detail);
    assert.equal(r.http_status, 503);
  });
});
