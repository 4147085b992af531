// The Bluesky connector against the REAL AT Protocol server: Bluesky's own
// @atproto/pds, run on 127.0.0.1 by the kit in ../shared/peers/bluesky-pds
// (its README.md). Where the double imitates, this checks the connector
// against what the real server does with our requests: lexicon validation
// of the record and facets, blob refs, putRecord's no-op on an identical
// record, RecordNotFound, and its token errors.
//
//   node --test tests/platforms/bluesky_pds.test.mjs
//
// The kit's install.sh runs first (idempotent: under 0.1 s once done; the
// first time ~2 min and the npm registry). The PDS starts on a free port
// with a fresh data directory and is always stopped afterwards. Skips,
// saying so, when the kit is not there (BLUESKY_PDS_KIT names another
// place). Needs bin/clearpost (make all).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin/clearpost');
const KIT = [process.env.BLUESKY_PDS_KIT, path.resolve(ROOT, '../shared/peers/bluesky-pds'),
  '/work/shared/peers/bluesky-pds'].find((d) => d && existsSync(path.join(d, 'start.sh')));
const SKIP = KIT ? false
  : 'the bluesky-pds kit (../shared/peers/bluesky-pds, or $BLUESKY_PDS_KIT) is not there: skipped';

const HANDLE = 'clinic.test';
const PASSWORD = 'clinic-app-password-1';
// A 1x1 PNG; the PDS keeps blobs byte for byte.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let dataDir;
let started = false;
let pds;      // PDS_URL
let did;
let config;
let png;
let secrets;  // the session as the connector last handed it back

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.error) throw r.error;
  return r;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** One connector call: parsed result line. */
function connector(op, input) {
  const r = run(CLI, ['connector', 'bluesky', op], {
    input: JSON.stringify(input), env: { ...process.env, CLEARPOST_CONFIG: config },
  });
  const lines = r.stdout.split('\n').filter(Boolean);
  assert.equal(r.status, 0, `clearpost connector bluesky ${op}: ${r.stdout}${r.stderr}`);
  assert.equal(lines.length, 1, r.stdout);
  return JSON.parse(lines[0]);
}

const settings = () => ({ handle: HANDLE, pds });

async function xrpc(nsid, query) {
  const r = await fetch(`${pds}/xrpc/${nsid}?${new URLSearchParams(query)}`);
  const body = Buffer.from(await r.arrayBuffer());
  return { status: r.status, body, json: () => JSON.parse(body.toString('utf8')) };
}

const getRecord = (rkey) => xrpc('com.atproto.repo.getRecord', { repo: did, collection: 'app.bsky.feed.post', rkey });

async function countRecords() {
  const r = await xrpc('com.atproto.repo.listRecords', { repo: did, collection: 'app.bsky.feed.post', limit: '100' });
  assert.equal(r.status, 200);
  return r.json().records;
}

let seq = 0;
function post(text, extra = {}) {
  seq += 1;
  return { delivery_id: 300 + seq, post_id: 30 + seq, text, idempotency_key: `pds-${process.pid}-${seq}`, ...extra };
}

/* A correctly signed access token of the account that expired 100 s ago,
 * as the PDS would have issued it two hours earlier (smoke.sh does the
 * same): the server must answer 400 ExpiredToken, not InvalidToken. */
function expiredAccessToken() {
  const env = readFileSync(path.join(dataDir, 'secrets.env'), 'utf8');
  const secret = /^PDS_JWT_SECRET=(.*)$/m.exec(env)[1];
  const b64u = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const t = Math.floor(Date.now() / 1000);
  const head = `${b64u({ typ: 'at+jwt', alg: 'HS256' })}.${b64u({
    scope: 'com.atproto.access', aud: 'did:web:localhost', sub: did, iat: t - 7300, exp: t - 100,
  })}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/* Keeps the session the connector hands back, as the publisher would. */
function keep(r) {
  if (r.new_secrets) secrets = r.new_secrets;
  return r;
}

describe('Bluesky connector against the real PDS', { skip: SKIP }, () => {
  before(async () => {
    const inst = run(path.join(KIT, 'install.sh'), [], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 20 * 60 * 1000 });
    assert.equal(inst.status, 0, `install.sh failed:\n${inst.stdout}${inst.stderr}`);

    dataDir = mkdtempSync(path.join(tmpdir(), 'cp-pds-'));
    const port = await freePort();
    const st = run(path.join(KIT, 'start.sh'), [String(port), dataDir], {
      env: { ...process.env, PDS_INVITE_REQUIRED: 'false' },
    });
    started = true; // even a failed start may have left a process behind
    assert.equal(st.status, 0, `start.sh failed:\n${st.stdout}${st.stderr}`);
    pds = /^PDS_URL=(\S+)$/m.exec(st.stdout)[1];

    const acct = run(path.join(KIT, 'account.sh'), [pds, HANDLE, PASSWORD]);
    assert.equal(acct.status, 0, `account.sh failed: ${acct.stderr}`);
    did = acct.stdout.trim();
    assert.match(did, /^did:plc:/);

    config = path.join(dataDir, 'clearpost.hdf');
    writeFileSync(config, `#include "${ROOT}/conf/clearpost.hdf"
Publisher.AllowLoopbackHttp = 1
Publisher.ConnectTimeoutMs = 2000
Publisher.TimeoutMs = 15000
`);
    png = path.join(dataDir, 'dot.png');
    writeFileSync(png, PNG);
  }, { timeout: 25 * 60 * 1000 });

  after(() => {
    if (started) {
      const r = run(path.join(KIT, 'stop.sh'), [dataDir]);
      if (r.status !== 0) process.stderr.write(`stop.sh: ${r.stderr}\n`);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('test logs in with the app password and names the account', () => {
    const r = keep(connector('test', { settings: settings(), secrets: { app_password: PASSWORD } }));
    assert.equal(r.class, 'ok', r.detail);
    assert.equal(r.detail, `@${HANDLE}`);
    assert.equal(r.new_secrets.did, did);
    assert.equal(r.new_secrets.app_password, PASSWORD);
    // the stored session is used as is: no new one
    const again = connector('test', { settings: settings(), secrets });
    assert.equal(again.class, 'ok', again.detail);
    assert.equal(again.new_secrets, null);
  });

  test('a text post with a link: the PDS accepts the record and its facet', async () => {
    const text = 'Flu shots are free this week \u2728 see https://example.org/flu.';
    const r = keep(connector('publish', { settings: settings(), secrets, post: post(text) }));
    assert.equal(r.class, 'ok', r.detail);
    const { rkey } = JSON.parse(r.state);
    assert.equal(r.remote_id, `at://${did}/app.bsky.feed.post/${rkey}`);
    assert.equal(r.remote_url, `https://bsky.app/profile/${did}/post/${rkey}`);
    const got = await getRecord(rkey);
    assert.equal(got.status, 200);
    const rec = got.json();
    assert.equal(rec.uri, r.remote_id);
    assert.equal(rec.value.text, text);
    assert.deepEqual(rec.value.langs, ['en']);
    const link = rec.value.facets[0];
    assert.equal(Buffer.from(text).subarray(link.index.byteStart, link.index.byteEnd).toString(), 'https://example.org/flu');
    assert.equal(link.features[0].uri, 'https://example.org/flu');
  });

  test('an image with alt text: the record holds the alt and getBlob returns our bytes', async () => {
    const text = 'Our new MRI suite opens Monday';
    const alt = 'The MRI scanner in a bright room';
    const r = keep(connector('publish', {
      settings: settings(), secrets,
      post: post(text, { image_file: png, image_mime: 'image/png', image_width: 1, image_height: 1, alt_text: alt }),
    }));
    assert.equal(r.class, 'ok', r.detail);
    const rec = (await getRecord(JSON.parse(r.state).rkey)).json();
    assert.equal(rec.value.text, text);
    const img = rec.value.embed.images[0];
    assert.equal(rec.value.embed.$type, 'app.bsky.embed.images');
    assert.equal(img.alt, alt);
    assert.deepEqual(img.aspectRatio, { width: 1, height: 1 });
    assert.equal(img.image.mimeType, 'image/png');
    const blob = await xrpc('com.atproto.sync.getBlob', { did, cid: img.image.ref.$link });
    assert.equal(blob.status, 200);
    assert.deepEqual(blob.body, PNG);
  });

  test('an unknown outcome: the same state sent twice makes one record, and reconcile finds it', async () => {
    const before = (await countRecords()).length;
    const p = post('Walk-in vaccinations from Monday', {
      image_file: png, image_mime: 'image/png', image_width: 1, image_height: 1, alt_text: 'A poster',
      first_sent_at: Math.floor(Date.now() / 1000),
    });
    const first = keep(connector('publish', { settings: settings(), secrets, post: p }));
    assert.equal(first.class, 'ok', first.detail);
    // As if the answer had been lost: the publisher resends the stored
    // state (the blob is uploaded again: same bytes, same ref).
    p.state = first.state;
    const second = keep(connector('publish', { settings: settings(), secrets, post: p }));
    assert.equal(second.class, 'ok', second.detail);
    assert.equal(second.remote_id, first.remote_id);
    const records = await countRecords();
    assert.equal(records.length, before + 1);
    assert.equal(records.filter((x) => x.uri === first.remote_id).length, 1);

    const rec = keep(connector('reconcile', { settings: settings(), secrets, post: p }));
    assert.equal(rec.reconcile, 1, rec.detail);
    assert.equal(rec.remote_id, first.remote_id);
    assert.equal(rec.remote_url, first.remote_url);
    // with no session stored it asks by handle: same answer, no log-in
    const byHandle = connector('reconcile', { settings: settings(), secrets: { app_password: PASSWORD }, post: p });
    assert.equal(byHandle.reconcile, 1, byHandle.detail);
    assert.equal(byHandle.remote_id, first.remote_id);
    assert.equal(byHandle.remote_url, first.remote_url);
    assert.equal(byHandle.new_secrets, null);
  });

  test('a post that never left: reconcile says 0 (RecordNotFound), then it lands once', async () => {
    // A refused log-in stops publish after prepare(): the state is fixed,
    // nothing was sent.
    const p = post('Cafeteria closed for renovation', { first_sent_at: Math.floor(Date.now() / 1000) });
    const refused = connector('publish', { settings: settings(), secrets: { app_password: 'wrong-password' }, post: p });
    assert.equal(refused.class, 'reauth', refused.detail);
    assert.equal(refused.new_secrets, null);
    p.state = refused.state;
    const { rkey } = JSON.parse(p.state);
    assert.equal((await getRecord(rkey)).json().error, 'RecordNotFound');

    const rec = keep(connector('reconcile', { settings: settings(), secrets, post: p }));
    assert.equal(rec.reconcile, 0, rec.detail);
    const r = keep(connector('publish', { settings: settings(), secrets, post: p }));
    assert.equal(r.class, 'ok', r.detail);
    assert.equal(r.remote_id, `at://${did}/app.bsky.feed.post/${rkey}`);
    assert.equal((await getRecord(rkey)).status, 200);
  });

  test('an expired access token is refreshed; garbage tokens lead to a new log-in', async () => {
    const expired = { ...secrets, access_jwt: expiredAccessToken() };
    const r = connector('publish', { settings: settings(), secrets: expired, post: post('Parking is free this week') });
    assert.equal(r.class, 'ok', r.detail);
    assert.ok(r.new_secrets, 'the refreshed session must be handed back');
    assert.notEqual(r.new_secrets.access_jwt, expired.access_jwt);
    assert.notEqual(r.new_secrets.refresh_jwt, expired.refresh_jwt);
    keep(r);

    const garbage = { ...secrets, access_jwt: 'garbage', refresh_jwt: 'also-garbage' };
    const g = connector('publish', { settings: settings(), secrets: garbage, post: post('Gift shop moves to level 2') });
    assert.equal(g.class, 'ok', g.detail);
    assert.ok(g.new_secrets);
    assert.equal(g.new_secrets.did, did);
    keep(g);
    const t = connector('test', { settings: settings(), secrets });
    assert.equal(t.class, 'ok', t.detail);
    assert.equal(t.new_secrets, null);
  });

  test('the server, not the connector, refuses a text over 300 graphemes: permanent', async () => {
    const before = (await countRecords()).length;
    const r = keep(connector('publish', { settings: settings(), secrets, post: post('z'.repeat(301)) }));
    assert.equal(r.class, 'permanent', r.detail);
    assert.equal(r.http_status, 400);
    assert.match(r.detail, /InvalidRequest/);
    assert.equal((await countRecords()).length, before);
  });

  test('a wrong app password without a session is reauth', () => {
    const r = connector('test', { settings: settings(), secrets: { app_password: 'not-it' } });
    assert.equal(r.class, 'reauth', r.detail);
    assert.equal(r.http_status, 401);
  });
});
