// The X, Facebook, LinkedIn and webhook connectors against the platform
// double, through `bin/clearpost connector PLATFORM test|publish|reconcile`
// (src/cli/connector.c). The double runs in this process (startDouble), so
// the CLI is spawned asynchronously: a synchronous spawn would stop the
// double from answering.
//
//   node --test tests/platforms/connectors_xfblh.test.mjs
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
const fault = (platform, mode, extra = {}) => ctl('POST', 'fault', { platform, mode, count: 1, ...extra });
const now = () => Math.floor(Date.now() / 1000);

function writeConfig(file, extra = '') {
  writeFileSync(file, `#include "${ROOT}/conf/clearpost.hdf"
Platforms.X.API = ${dbl.url}/x
Platforms.Facebook.API = ${dbl.url}/fb
Platforms.LinkedIn.API = ${dbl.url}/li/rest
Platforms.LinkedIn.Version = ${creds.linkedin.version}
Publisher.AllowLoopbackHttp = 1
Publisher.ConnectTimeoutMs = 1000
Publisher.TimeoutMs = ${TIMEOUT_MS}
${extra}`);
}

/** Runs one connector call; resolves to the parsed result line (and the
 * raw output, for the leak checks). */
function connector(platform, op, input, cfg = config) {
  return new Promise((resolve, reject) => {
    const child = spawn(CLI, ['connector', platform, op], {
      env: { ...process.env, CLEARPOST_CONFIG: cfg },
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
      resolve({ ...JSON.parse(lines[0]), raw: stdout + stderr });
    });
    child.stdin.end(JSON.stringify(input));
  });
}

/** The result says nothing of the post's text or the account's secrets. */
function noLeak(r, text, secrets) {
  const words = [text, ...Object.values(secrets)].filter((s) => typeof s === 'string' && s.length >= 4);
  for (const w of words) {
    assert.ok(!r.raw.includes(w), `output repeats ${JSON.stringify(w)}: ${r.raw}`);
    assert.ok(!r.detail.includes(w), `detail repeats ${JSON.stringify(w)}`);
  }
}

let seq = 0;
function post(text, extra = {}) {
  seq += 1;
  return { delivery_id: 100 + seq, post_id: 10 + seq, text, idempotency_key: `dlv-${process.pid}-${seq}`, ...extra };
}

function imagePost(text, alt) {
  return post(text, { image_file: png, image_mime: 'image/png', image_width: 1, image_height: 1, alt_text: alt });
}

before(async () => {
  if (SKIP) return;
  const mod = await import(DOUBLE);
  creds = await import(path.join(ROOT, 'tests/platforms/creds.mjs'));
  dbl = await mod.startDouble({ port: 0 });
  dir = mkdtempSync(path.join(tmpdir(), 'cp-xfblh-'));
  config = path.join(dir, 'clearpost.hdf');
  writeConfig(config);
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

/* --------------------------------------------------------------------- X */

describe('X', { skip: SKIP }, () => {
  const account = () => ({
    settings: { username: creds.x.username },
    secrets: { consumer_key: creds.x.consumerKey, consumer_secret: creds.x.consumerSecret,
      access_token: creds.x.token, access_token_secret: creds.x.tokenSecret },
  });

  test('test names the account as X knows it', async () => {
    const r = await connector('x', 'test', account());
    assert.equal(r.class, 'ok', r.detail);
    assert.match(r.detail, /@clinic\b/);
    noLeak(r, '', account().secrets);
  });

  test('a text post lands once, with its public URL', async () => {
    const text = 'Flu clinic open Saturday 9-12, no appointment needed';
    const r = await connector('x', 'publish', { ...account(), post: post(text) });
    assert.equal(r.class, 'ok', r.detail);
    const p = await posts('x');
    assert.equal(p.length, 1);
    assert.equal(p[0].text, text);
    assert.equal(r.remote_id, p[0].id);
    assert.equal(r.remote_url, `https://x.com/clinic/status/${p[0].id}`);
    noLeak(r, text, account().secrets);
  });

  test('an image goes with its alt text', async () => {
    const text = 'Our new MRI suite opens Monday';
    const r = await connector('x', 'publish', { ...account(), post: imagePost(text, 'The MRI scanner in a bright room') });
    assert.equal(r.class, 'ok', r.detail);
    const p = await posts('x');
    assert.equal(p.length, 1);
    assert.equal(p[0].text, text);
    assert.equal(p[0].alt, 'The MRI scanner in a bright room');
    assert.equal(p[0].image_sha256, PNG_SHA);
  });

  test('a wrong secret asks for reauthorisation', async () => {
    const a = account();
    a.secrets.access_token_secret = 'not-the-token-secret';
    const r = await connector('x', 'publish', { ...a, post: post('Visiting hours change on Sunday') });
    assert.equal(r.class, 'reauth', r.detail);
    assert.equal((await posts('x')).length, 0);
    noLeak(r, 'Visiting hours change on Sunday', a.secrets);
  });

  test('rejected content is permanent', async () => {
    await fault('x', 'permanent');
    const r = await connector('x', 'publish', { ...account(), post: post('Blood drive on the 12th') });
    assert.equal(r.class, 'permanent', r.detail);
    assert.equal(r.http_status, 400);
    noLeak(r, 'Blood drive on the 12th', account().secrets);
  });

  test('a 429 is rate_limited until x-rate-limit-reset', async () => {
    await fault('x', 'ratelimit', { seconds: 600 });
    const t0 = now();
    const r = await connector('x', 'publish', { ...account(), post: post('Parking is free this week') });
    assert.equal(r.class, 'rate_limited', r.detail);
    assert.ok(r.retry_at >= t0 + 595 && r.retry_at <= now() + 605, `retry_at ${r.retry_at}`);
    assert.equal((await posts('x')).length, 0);
  });

  test('a 503 is unknown, and reconcile finds it did not land', async () => {
    await fault('x', 'fail5xx');
    const p = post('Walk-in vaccinations from Monday', { first_sent_at: now() });
    const r = await connector('x', 'publish', { ...account(), post: p });
    assert.equal(r.class, 'unknown', r.detail);
    noLeak(r, p.text, account().secrets);
    const rec = await connector('x', 'reconcile', { ...account(), post: p });
    assert.equal(rec.reconcile, 0, rec.detail);
    assert.equal((await posts('x')).length, 0);
  });

  test('a dropped answer after the post committed: reconcile finds it through t.co links', async () => {
    await fault('x', 'drop_after_commit');
    const p = post('Read about the new wing at https://example.org/new-wing?ref=x today', { first_sent_at: now() });
    const r = await connector('x', 'publish', { ...account(), post: p });
    assert.equal(r.class, 'unknown', r.detail);
    const rec = await connector('x', 'reconcile', { ...account(), post: p });
    const stored = await posts('x');
    assert.equal(stored.length, 1);
    assert.equal(rec.reconcile, 1, rec.detail);
    assert.equal(rec.remote_id, stored[0].id);
    assert.equal(rec.remote_url, `https://x.com/clinic/status/${stored[0].id}`);
  });

  test('a hang times out as unknown; nothing landed', async () => {
    await fault('x', 'hang', { seconds: 10 });
    const p = post('Pharmacy hours extended', { first_sent_at: now() });
    const t0 = Date.now();
    const r = await connector('x', 'publish', { ...account(), post: p });
    assert.equal(r.class, 'unknown', r.detail);
    assert.ok(Date.now() - t0 < TIMEOUT_MS + 3000);
    const rec = await connector('x', 'reconcile', { ...account(), post: p });
    assert.equal(rec.reconcile, 0, rec.detail);
  });

  test('a resend refused as duplicate takes the post that landed', async () => {
    const p = post('Cafeteria closed for renovation', { first_sent_at: now() });
    const first = await connector('x', 'publish', { ...account(), post: p });
    assert.equal(first.class, 'ok', first.detail);
    const again = await connector('x', 'publish', { ...account(), post: p });
    assert.equal(again.class, 'ok', again.detail);
    assert.equal(again.remote_id, first.remote_id);
    assert.equal((await posts('x')).length, 1);
  });

  test('an identical post older than the delivery: reconcile cannot tell', async () => {
    const text = 'Same words as last week';
    assert.equal((await connector('x', 'publish', { ...account(), post: post(text) })).class, 'ok');
    const p = post(text, { first_sent_at: now() + 3600 });
    const rec = await connector('x', 'reconcile', { ...account(), post: p });
    assert.equal(rec.reconcile, -1, rec.detail);
    noLeak(rec, text, account().secrets);
  });
});

/* -------------------------------------------------------------- Facebook */

describe('Facebook', { skip: SKIP }, () => {
  const account = () => ({
    settings: { page_id: creds.facebook.pageId },
    secrets: { page_token: creds.facebook.pageToken, app_secret: creds.facebook.appSecret },
  });

  test('test names the Page', async () => {
    const r = await connector('facebook', 'test', account());
    assert.equal(r.class, 'ok', r.detail);
    assert.match(r.detail, new RegExp(creds.facebook.pageName));
    noLeak(r, '', account().secrets);
  });

  test('a text post lands once with its permalink', async () => {
    const text = 'Flu clinic open Saturday';
    const r = await connector('facebook', 'publish', { ...account(), post: post(text) });
    assert.equal(r.class, 'ok', r.detail);
    const p = await posts('facebook');
    assert.equal(p.length, 1);
    assert.equal(p[0].text, text);
    assert.equal(r.remote_id, p[0].id);
    assert.equal(r.remote_url, p[0].url);
    noLeak(r, text, account().secrets);
  });

  test('a photo post carries caption, alt text and the image', async () => {
    const text = 'Meet our new nurses';
    const r = await connector('facebook', 'publish', { ...account(), post: imagePost(text, 'Five nurses smiling') });
    assert.equal(r.class, 'ok', r.detail);
    const p = await posts('facebook');
    assert.equal(p.length, 1);
    assert.equal(p[0].text, text);
    assert.equal(p[0].alt, 'Five nurses smiling');
    assert.equal(p[0].image_sha256, PNG_SHA);
    assert.equal(r.remote_id, p[0].id);
  });

  test('a bad token or app secret asks for reauthorisation', async () => {
    for (const bad of [{ page_token: 'EAAB-revoked' }, { app_secret: 'wrong-app-secret' }]) {
      const a = account();
      Object.assign(a.secrets, bad);
      const r = await connector('facebook', 'publish', { ...a, post: post('Visiting hours') });
      assert.equal(r.class, 'reauth', `${JSON.stringify(Object.keys(bad))}: ${r.detail}`);
      noLeak(r, 'Visiting hours', a.secrets);
    }
    const reauth = await fault('facebook', 'reauth').then(() =>
      connector('facebook', 'publish', { ...account(), post: post('Visiting hours') }));
    assert.equal(reauth.class, 'reauth');
    assert.match(reauth.detail, /190\/460/);
    assert.equal((await posts('facebook')).length, 0);
  });

  test('rejected content is permanent', async () => {
    await fault('facebook', 'permanent');
    const r = await connector('facebook', 'publish', { ...account(), post: post('Blood drive') });
    assert.equal(r.class, 'permanent', r.detail);
  });

  test('throttling is rate_limited until the usage header says', async () => {
    await fault('facebook', 'ratelimit', { seconds: 300 });
    const t0 = now();
    const r = await connector('facebook', 'publish', { ...account(), post: post('Parking is free') });
    assert.equal(r.class, 'rate_limited', r.detail);
    assert.ok(r.retry_at >= t0 + 300 && r.retry_at <= now() + 300, `retry_at ${r.retry_at}`);
  });

  test('a 503 code 2 is unknown; reconcile finds it did not land', async () => {
    await fault('facebook', 'fail5xx');
    const p = post('Walk-in vaccinations', { first_sent_at: now() });
    const r = await connector('facebook', 'publish', { ...account(), post: p });
    assert.equal(r.class, 'unknown', r.detail);
    const rec = await connector('facebook', 'reconcile', { ...account(), post: p });
    assert.equal(rec.reconcile, 0, rec.detail);
    assert.equal((await posts('facebook')).length, 0);
  });

  for (const mode of ['created_500', 'drop_after_commit']) {
    test(`${mode}: unknown, then reconcile finds the post`, async () => {
      await fault('facebook', mode);
      const p = post(`New parking garage opens (${mode})`, { first_sent_at: now() });
      const r = await connector('facebook', 'publish', { ...account(), post: p });
      assert.equal(r.class, 'unknown', r.detail);
      noLeak(r, p.text, account().secrets);
      const rec = await connector('facebook', 'reconcile', { ...account(), post: p });
      const stored = await posts('facebook');
      assert.equal(stored.length, 1);
      assert.equal(rec.reconcile, 1, rec.detail);
      assert.equal(rec.remote_id, stored[0].id);
      assert.equal(rec.remote_url, stored[0].url);
    });
  }

  test('a hang is unknown; nothing landed', async () => {
    await fault('facebook', 'hang', { seconds: 10 });
    const p = post('Pharmacy hours', { first_sent_at: now() });
    const r = await connector('facebook', 'publish', { ...account(), post: p });
    assert.equal(r.class, 'unknown', r.detail);
    const rec = await connector('facebook', 'reconcile', { ...account(), post: p });
    assert.equal(rec.reconcile, 0, rec.detail);
  });

  test('a resend refused as duplicate (506) takes the post that landed', async () => {
    const p = post('Cafeteria closed', { first_sent_at: now() });
    const first = await connector('facebook', 'publish', { ...account(), post: p });
    assert.equal(first.class, 'ok', first.detail);
    const again = await connector('facebook', 'publish', { ...account(), post: p });
    assert.equal(again.class, 'ok', again.detail);
    assert.equal(again.remote_id, first.remote_id);
    assert.equal((await posts('facebook')).length, 1);
  });
});

/* -------------------------------------------------------------- LinkedIn */

describe('LinkedIn', { skip: SKIP }, () => {
  const account = () => ({ settings: { organization: creds.linkedin.org }, secrets: { token: creds.linkedin.token } });
  const liHeaders = () => ({ authorization: `Bearer ${creds.linkedin.token}`,
    'linkedin-version': creds.linkedin.version, 'x-restli-protocol-version': '2.0.0' });

  test('test names the organisation', async () => {
    const r = await connector('linkedin', 'test', account());
    assert.equal(r.class, 'ok', r.detail);
    assert.match(r.detail, /Clinic/);
    noLeak(r, '', account().secrets);
  });

  test('reserved little-text characters arrive intact (LinkedIn would cut the post there)', async () => {
    const text = 'Flu clinic (Sat) #health @ 9_30 - bring *ID* & {forms} [a|b] <ok> ~ back\\slash';
    const r = await connector('linkedin', 'publish', { ...account(), post: post(text) });
    assert.equal(r.class, 'ok', r.detail);
    const p = await posts('linkedin');
    assert.equal(p.length, 1);
    assert.equal(p[0].text, text);
    assert.equal(r.remote_id, p[0].id);
    assert.equal(r.remote_url, `https://www.linkedin.com/feed/update/${p[0].id}/`);
    noLeak(r, text, account().secrets);
  });

  test('an image goes with its alt text', async () => {
    const text = 'Our new MRI suite';
    const r = await connector('linkedin', 'publish', { ...account(), post: imagePost(text, 'The MRI scanner') });
    assert.equal(r.class, 'ok', r.detail);
    const p = await posts('linkedin');
    assert.equal(p.length, 1);
    assert.equal(p[0].text, text);
    assert.equal(p[0].alt, 'The MRI scanner');
    assert.equal(p[0].image_sha256, PNG_SHA);
  });

  test('a bad token asks for reauthorisation; a retired version is permanent', async () => {
    const r = await connector('linkedin', 'publish', { ...account(), secrets: { token: 'li-expired' }, post: post('Visiting hours') });
    assert.equal(r.class, 'reauth', r.detail);
    assert.match(r.detail, /INVALID_ACCESS_TOKEN/);
    noLeak(r, 'Visiting hours', { token: 'li-expired' });
    const old = path.join(dir, 'old-version.hdf');
    writeConfig(old, 'Platforms.LinkedIn.Version = 202401\n');
    const v = await connector('linkedin', 'publish', { ...account(), post: post('Visiting hours') }, old);
    assert.equal(v.class, 'permanent', v.detail);
    assert.equal(v.http_status, 426);
    assert.equal((await posts('linkedin')).length, 0);
  });

  test('rejected content is permanent', async () => {
    await fault('linkedin', 'permanent');
    const r = await connector('linkedin', 'publish', { ...account(), post: post('Blood drive') });
    assert.equal(r.class, 'permanent', r.detail);
  });

  test('a 429 waits for the next midnight UTC', async () => {
    await fault('linkedin', 'ratelimit');
    const r = await connector('linkedin', 'publish', { ...account(), post: post('Parking is free') });
    assert.equal(r.class, 'rate_limited', r.detail);
    const midnight = (Math.floor(now() / 86400) + 1) * 86400;
    assert.ok(Math.abs(r.retry_at - midnight) <= 86400 && r.retry_at % 86400 === 0, `retry_at ${r.retry_at}`);
  });

  test('a 503 is unknown; reconcile says send again; nothing doubled', async () => {
    await fault('linkedin', 'fail5xx');
    const p = post('Walk-in vaccinations', { first_sent_at: now() });
    const r = await connector('linkedin', 'publish', { ...account(), post: p });
    assert.equal(r.class, 'unknown', r.detail);
    const rec = await connector('linkedin', 'reconcile', { ...account(), post: p });
    assert.equal(rec.reconcile, 0, rec.detail);
    assert.equal((await posts('linkedin')).length, 0);
    const again = await connector('linkedin', 'publish', { ...account(), post: p });
    assert.equal(again.class, 'ok', again.detail);
    assert.equal((await posts('linkedin')).length, 1);
  });

  test('a dropped answer after commit: the resend takes the DUPLICATE_POST URN', async () => {
    await fault('linkedin', 'drop_after_commit');
    const p = post('New parking garage opens', { first_sent_at: now() });
    const r = await connector('linkedin', 'publish', { ...account(), post: p });
    assert.equal(r.class, 'unknown', r.detail);
    const rec = await connector('linkedin', 'reconcile', { ...account(), post: p });
    assert.equal(rec.reconcile, 0, rec.detail);
    const again = await connector('linkedin', 'publish', { ...account(), post: p });
    const stored = await posts('linkedin');
    assert.equal(stored.length, 1);
    assert.equal(again.class, 'ok', again.detail);
    assert.equal(again.remote_id, stored[0].id);
  });

  test('a hang is unknown', async () => {
    await fault('linkedin', 'hang', { seconds: 10 });
    const r = await connector('linkedin', 'publish', { ...account(), post: post('Pharmacy hours') });
    assert.equal(r.class, 'unknown', r.detail);
    assert.equal((await posts('linkedin')).length, 0);
  });

  test('a duplicate naming a deleted post (ghost URN) stays unknown', async () => {
    const p = post('Cafeteria closed', { first_sent_at: now() });
    const first = await connector('linkedin', 'publish', { ...account(), post: p });
    assert.equal(first.class, 'ok', first.detail);
    const del = await fetch(`${dbl.url}/li/rest/posts/${encodeURIComponent(first.remote_id)}`,
      { method: 'DELETE', headers: liHeaders() });
    assert.equal(del.status, 204);
    const again = await connector('linkedin', 'publish', { ...account(), post: p });
    assert.equal(again.class, 'unknown', again.detail);
    assert.equal(again.remote_id, '');
    assert.equal((await posts('linkedin')).length, 0);
  });
});

/* --------------------------------------------------------------- webhook */

describe('webhook', { skip: SKIP }, () => {
  const account = (name = 'news') => ({ settings: { url: `${dbl.url}/hook/${name}` }, secrets: { secret: creds.webhook.secret } });

  test('test sends a signed event and names only the host', async () => {
    const r = await connector('webhook', 'test', account('secret-path-token'));
    assert.equal(r.class, 'ok', r.detail);
    assert.match(r.detail, new RegExp(`127\\.0\\.0\\.1:${dbl.port}`));
    assert.ok(!r.detail.includes('secret-path-token'));
    noLeak(r, '', account().secrets);
  });

  test('an event carries text, alt text and the image hash, keyed by the delivery', async () => {
    const p = imagePost('Flu clinic open Saturday', 'A nurse giving a flu shot');
    const r = await connector('webhook', 'publish', { ...account(), post: p });
    assert.equal(r.class, 'ok', r.detail);
    const stored = await posts('webhook');
    assert.equal(stored.length, 1);
    assert.equal(stored[0].key, p.idempotency_key);
    assert.equal(stored[0].text, p.text);
    assert.equal(stored[0].alt, 'A nurse giving a flu shot');
    assert.equal(stored[0].payload.type, 'post.published');
    assert.equal(stored[0].payload.data.post_id, p.post_id);
    assert.equal(stored[0].payload.data.delivery_id, p.delivery_id);
    assert.equal(stored[0].payload.data.image_sha256, PNG_SHA);
    assert.match(stored[0].payload.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    noLeak(r, p.text, account().secrets);
  });

  test('a wrong secret is refused (reauth); a gone endpoint is permanent', async () => {
    const r = await connector('webhook', 'publish', { ...account(), secrets: { secret: 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, post: post('Visiting hours') });
    assert.equal(r.class, 'reauth', r.detail);
    await fault('webhook', 'permanent');
    const gone = await connector('webhook', 'publish', { ...account(), post: post('Visiting hours') });
    assert.equal(gone.class, 'permanent', gone.detail);
    assert.equal(gone.http_status, 410);
    assert.equal((await posts('webhook')).length, 0);
  });

  test('a plain-http URL that is not loopback is refused', async () => {
    const r = await connector('webhook', 'publish', { settings: { url: 'http://hooks.example.org/in' },
      secrets: { secret: creds.webhook.secret }, post: post('Visiting hours') });
    assert.equal(r.class, 'permanent', r.detail);
    assert.match(r.detail, /https/);
  });

  test('429 honours Retry-After', async () => {
    await fault('webhook', 'ratelimit', { seconds: 90 });
    const t0 = now();
    const r = await connector('webhook', 'publish', { ...account(), post: post('Parking') });
    assert.equal(r.class, 'rate_limited', r.detail);
    assert.ok(r.retry_at >= t0 + 90 && r.retry_at <= now() + 90, `retry_at ${r.retry_at}`);
  });

  for (const mode of ['fail5xx', 'drop_after_commit', 'hang']) {
    test(`${mode}: unknown; reconcile says resend; the receiver keeps one event`, async () => {
      await fault('webhook', mode, mode === 'hang' ? { seconds: 10 } : {});
      const p = post(`Walk-in vaccinations (${mode})`, { first_sent_at: now() });
      const r = await connector('webhook', 'publish', { ...account(), post: p });
      assert.equal(r.class, 'unknown', r.detail);
      noLeak(r, p.text, account().secrets);
      const rec = await connector('webhook', 'reconcile', { ...account(), post: p });
      assert.equal(rec.reconcile, 0, rec.detail);
      const again = await connector('webhook', 'publish', { ...account(), post: p });
      assert.equal(again.class, 'ok', again.detail);
      const stored = await posts('webhook');
      assert.equal(stored.length, 1);
      assert.equal(stored[0].key, p.idempotency_key);
    });
  }
});
