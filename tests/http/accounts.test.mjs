// The administrators' accounts pages: adding each kind of account, secrets
// sealed at rest and never shown again, validation that keeps what was typed
// (never the secrets), disable/enable as seen from the post form, the
// connection test, the audit trail and the webhook secret shown once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG, ROOT, VAR, loginAs, q, randomName, sql, sqlValue } from './lib.mjs';

const secret = (label) => `${label}-${randomBytes(12).toString('hex')}`;

const admin = await loginAs('admin');

async function csrfOf(client, url) {
  const page = await client.get(url);
  assert.equal(page.status, 200, `GET ${url}: ${page.describe()}`);
  const csrf = page.csrf();
  assert.ok(csrf, `${url} has a csrf token`);
  return csrf;
}

/** POST /admin/accounts for platform with fields; returns the reply. */
async function create(platform, fields, client = admin.client) {
  const csrf = await csrfOf(client, `/admin/accounts/new?platform=${platform}`);
  return client.post('/admin/accounts', { csrf, platform, ...fields });
}

function accountIdByName(name) {
  return sqlValue(`SELECT id FROM accounts WHERE name=${q(name)}`);
}

function row(id) {
  const [platform, name, handle, settings, state, head, hex] = sql(
    `SELECT platform, name, handle, settings, state, LEFT(credentials, 2), HEX(credentials) FROM accounts WHERE id=${id}`,
  )[0];
  return { platform, name, handle, settings: JSON.parse(settings), state, head, hex };
}

/** Asserts no stored column and no audit entry of account id holds s. */
function assertNotStored(id, s) {
  assert.equal(sqlValue(`SELECT COUNT(*) FROM accounts WHERE id=${id} AND (LOCATE(${q(s)}, credentials) > 0 ` +
    `OR LOCATE(${q(s)}, settings) > 0 OR LOCATE(${q(s)}, handle) > 0 OR LOCATE(${q(s)}, name) > 0)`), '0',
  'the secret is not stored in clear');
  assert.ok(!row(id).hex.includes(Buffer.from(s).toString('hex').toUpperCase()), 'nor in the blob');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE LOCATE(${q(s)}, CONCAT_WS('|', actor_name, object, detail)) > 0`), '0',
    'no audit entry holds the secret');
}

async function assertNotShown(id, s) {
  for (const url of ['/admin/accounts', `/admin/accounts/${id}`, '/admin']) {
    const page = await admin.client.get(url);
    assert.equal(page.status, 200, `GET ${url}: ${page.describe()}`);
    assert.ok(!page.text.includes(s), `${url} does not show the secret`);
  }
}

const KINDS = {
  mastodon: () => ({ fields: { instance: 'https://mastodon.example', handle: '@clinic@mastodon.example', token: secret('masto') },
    secrets: ['token'], settings: { instance: 'https://mastodon.example' } }),
  bluesky: () => ({ fields: { handle: 'clinic.bsky.social', pds: '', app_password: secret('bsky') },
    secrets: ['app_password'], settings: { handle: 'clinic.bsky.social' } }),
  x: () => ({ fields: { username: '@clinic', consumer_key: secret('ck'), consumer_secret: secret('cs'), access_token: secret('at'), access_token_secret: secret('ats') },
    secrets: ['consumer_key', 'consumer_secret', 'access_token', 'access_token_secret'], settings: { username: 'clinic' } }),
  facebook: () => ({ fields: { page_id: '104958162837', handle: 'General Hospital', page_token: secret('fbtok'), app_secret: secret('fbapp') },
    secrets: ['page_token', 'app_secret'], settings: { page_id: '104958162837' } }),
  linkedin: () => ({ fields: { organization: 'urn:li:organization:2414183', handle: 'General Hospital', token: secret('li') },
    secrets: ['token'], settings: { organization: 'urn:li:organization:2414183' } }),
};

test('an admin adds each kind of account; credentials are sealed, never shown, never audited', async () => {
  for (const [platform, make] of Object.entries(KINDS)) {
    const k = make();
    const name = randomName(`${platform}-`);
    const res = await create(platform, { name, ...k.fields });
    assert.equal(res.status, 303, `${platform}: ${res.describe()}`);
    assert.equal(res.locationPath, '/admin/accounts?done=created');
    const id = accountIdByName(name);
    assert.ok(id, `${platform} account stored`);
    const r = row(id);
    assert.equal(r.platform, platform);
    assert.equal(r.state, 'active');
    assert.equal(r.head, 'v1', 'the credentials are an AES-GCM blob');
    assert.deepEqual(r.settings, k.settings, `${platform} settings hold only non-secret values`);
    for (const f of k.secrets) {
      assertNotStored(id, k.fields[f]);
      await assertNotShown(id, k.fields[f]);
    }
    const edit = await admin.client.get(`/admin/accounts/${id}`);
    assert.match(edit.text, /Credentials saved \d{4}-\d\d-\d\d \d\d:\d\d UTC — enter new ones to replace them/);
    for (const f of k.secrets) assert.match(edit.text, new RegExp(`<input id="f-${f}" name="${f}" type="password"(?![^>]*value=)`));
    const audit = sql(`SELECT action, to_state, detail FROM audit_log WHERE object='account:${id}'`);
    assert.equal(audit.length, 1);
    assert.equal(audit[0][0], 'account.create');
    assert.equal(audit[0][1], 'active');
    assert.match(audit[0][2], new RegExp(`^platform=${platform} fields=name,.*credentials$`));
    const list = await admin.client.get('/admin/accounts?done=created');
    assert.match(list.text, /Account added\./);
    assert.ok(list.text.includes(`>${name}</a>`));
  }
});

test('there is at most one Atom feed account', async () => {
  assert.equal(sqlValue(`SELECT COUNT(*) FROM accounts WHERE platform='feed'`), '1', 'the demo feed exists');
  const page = await admin.client.get('/admin/accounts/new?platform=feed');
  assert.equal(page.status, 409);
  assert.match(page.text, /already an Atom feed account/);
  const list = await admin.client.get('/admin/accounts');
  assert.ok(!list.text.includes('platform=feed'), 'no link to add a second feed');
  const res = await admin.client.post('/admin/accounts', { csrf: list.csrf(), platform: 'feed', name: randomName('feed-') });
  assert.equal(res.status, 409);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM accounts WHERE platform='feed'`), '1');
  const bad = await admin.client.post('/admin/accounts', { csrf: list.csrf(), platform: 'myspace', name: randomName() });
  assert.equal(bad.status, 400);
  assert.equal((await admin.client.get('/admin/accounts/new?platform=myspace')).status, 400);
});

test('authors and reviewers cannot reach the accounts pages', async () => {
  const id = accountIdByName('Public Atom feed');
  for (const role of ['author', 'reviewer']) {
    const { client } = await loginAs(role);
    const home = await client.get(role === 'author' ? '/posts' : '/review');
    const csrf = home.csrf();
    for (const url of ['/admin/accounts', '/admin/accounts/new?platform=mastodon', `/admin/accounts/${id}`]) {
      assert.equal((await client.get(url)).status, 403, `${role} GET ${url}`);
    }
    const name = randomName();
    const res = await client.post('/admin/accounts', { csrf, platform: 'webhook', name, url: 'https://hooks.example/x' });
    assert.equal(res.status, 403, `${role} POST /admin/accounts`);
    for (const action of ['test', 'disable', 'enable']) {
      assert.equal((await client.post(`/admin/accounts/${id}/${action}`, { csrf })).status, 403, `${role} ${action}`);
    }
    assert.equal(accountIdByName(name), undefined);
  }
});

test('a POST without its CSRF token changes nothing', async () => {
  const name = randomName('nocsrf-');
  let res = await admin.client.post('/admin/accounts', { platform: 'webhook', name, url: 'https://hooks.example/x' });
  assert.equal(res.status, 403);
  assert.equal(accountIdByName(name), undefined);
  const k = KINDS.mastodon();
  res = await create('mastodon', { name, ...k.fields });
  assert.equal(res.status, 303);
  const id = accountIdByName(name);
  for (const action of ['disable', 'test']) {
    res = await admin.client.post(`/admin/accounts/${id}/${action}`, {});
    assert.equal(res.status, 403, action);
  }
  res = await admin.client.post(`/admin/accounts/${id}`, { name: 'Renamed', instance: 'https://other.example' });
  assert.equal(res.status, 403);
  assert.equal(row(id).state, 'active');
  assert.equal(row(id).name, name);
});

test('bad input comes back with the problem named and what was typed kept, secrets never echoed', async () => {
  const name = randomName('bad-');
  const token = secret('typed');
  let res = await create('mastodon', { name, instance: 'http://mastodon.example', handle: '@clinic@mastodon.example', token });
  assert.equal(res.status, 422, res.describe());
  assert.match(res.text, /id="instance-error">Give an https:\/\/ address/);
  assert.match(res.text, /aria-describedby="instance-hint instance-error" aria-invalid="true"/);
  assert.ok(res.text.includes(`value="${name}"`), 'the name is kept');
  assert.ok(res.text.includes('value="http://mastodon.example"'), 'the typed URL is kept');
  assert.ok(res.text.includes('value="@clinic@mastodon.example"'), 'the handle is kept');
  assert.ok(!res.text.includes(token), 'the token is not echoed');
  assert.match(res.text, /Credentials you typed are never shown again/);
  assert.equal(accountIdByName(name), undefined);

  res = await create('linkedin', { name, organization: 'urn:li:company:42', handle: 'Clinic', token });
  assert.equal(res.status, 422);
  assert.match(res.text, /Give the organisation URN as urn:li:organization:/);
  assert.ok(res.text.includes('value="urn:li:company:42"'));
  assert.ok(!res.text.includes(token));

  res = await create('facebook', { name, page_id: 'general-hospital', handle: '', page_token: token, app_secret: '' });
  assert.equal(res.status, 422);
  assert.match(res.text, /The Page id is a number/);
  assert.match(res.text, /id="app_secret-error">This is required\./);
  assert.ok(!res.text.includes(token));

  res = await create('bluesky', { name, handle: 'not a handle', app_password: token });
  assert.equal(res.status, 422);
  assert.match(res.text, /Give the Bluesky handle as a domain name/);

  res = await create('x', { name, username: 'this-is-not-valid', consumer_key: 'a', consumer_secret: 'b', access_token: 'c', access_token_secret: 'd' });
  assert.equal(res.status, 422);
  assert.match(res.text, /Give the X username/);

  res = await create('webhook', { name: '', url: 'ftp://hooks.example' });
  assert.equal(res.status, 422);
  assert.match(res.text, /id="name-error">Give the account a name/);
  assert.match(res.text, /id="url-error">Give an https:\/\/ address/);

  // names are unique
  res = await create('webhook', { name: 'Public Atom feed', url: 'https://hooks.example/dup' });
  assert.equal(res.status, 422);
  assert.match(res.text, /Another account already has this name/);
  assert.ok(res.text.includes('value="https://hooks.example/dup"'));
  assert.equal(sqlValue(`SELECT COUNT(*) FROM accounts WHERE name='Public Atom feed'`), '1');
  res = await create('mastodon', { name: 'public atom FEED', instance: 'https://mastodon.example', token });
  assert.equal(res.status, 422, 'names are unique whatever their case');
  assert.match(res.text, /Another account already has this name/);
  assert.match(res.text, /Credentials you typed are never shown again/);
  assert.ok(!res.text.includes(token));
});

test('an account without credentials tests as failed and cannot be enabled', async () => {
  const id = accountIdByName('Mastodon (demo)');
  assert.ok(id, 'the demo placeholder of migration 0002');
  assert.equal(row(id).state, 'disabled');
  const csrf = await csrfOf(admin.client, `/admin/accounts/${id}`);
  let res = await admin.client.post(`/admin/accounts/${id}/test`, { csrf });
  assert.equal(res.status, 303, res.describe());
  const page = await admin.client.get(`/admin/accounts/${id}`);
  assert.match(page.text, /<strong>failed<\/strong> — permanent failure: No credentials are saved/);
  assert.equal(row(id).state, 'disabled', 'a test changes no state here');
  res = await admin.client.post(`/admin/accounts/${id}/enable`, { csrf });
  assert.equal(res.status, 409);
  assert.match(res.text, /no credentials yet/);
  assert.equal(row(id).state, 'disabled');
});

test('editing keeps the credentials unless all of them are typed again; new ones bring a re-auth account back', async () => {
  const k = KINDS.x();
  const name = randomName('x-');
  assert.equal((await create('x', { name, ...k.fields })).status, 303);
  const id = accountIdByName(name);
  const before = row(id).hex;
  let csrf = await csrfOf(admin.client, `/admin/accounts/${id}`);
  // rename and change the username; credentials left empty: kept
  let res = await admin.client.post(`/admin/accounts/${id}`, { csrf, name: `${name}-2`, username: 'clinic2' });
  assert.equal(res.status, 303, res.describe());
  assert.equal(res.locationPath, `/admin/accounts/${id}?done=saved`);
  let r = row(id);
  assert.equal(r.name, `${name}-2`);
  assert.deepEqual(r.settings, { username: 'clinic2' });
  assert.equal(r.hex, before, 'credentials untouched');
  let audit = sql(`SELECT detail FROM audit_log WHERE object='account:${id}' AND action='account.update' ORDER BY id DESC LIMIT 1`);
  assert.deepEqual(audit, [['fields=name,username']]);
  // nothing changed: nothing written
  res = await admin.client.post(`/admin/accounts/${id}`, { csrf, name: `${name}-2`, username: 'clinic2' });
  assert.equal(res.locationPath, `/admin/accounts/${id}?done=unchanged`);
  // one secret of four: refused, all four named
  const lone = secret('lone');
  res = await admin.client.post(`/admin/accounts/${id}`, { csrf, name: `${name}-2`, username: 'clinic2', access_token: lone });
  assert.equal(res.status, 422);
  assert.match(res.text, /To replace the credentials, enter all of them again/);
  assert.ok(!res.text.includes(lone));
  assert.equal(row(id).hex, before);
  // the platform refused the credentials: enable is refused, new ones fix it
  sql(`UPDATE accounts SET state='reauth', active=0 WHERE id=${id}`);
  const edit = await admin.client.get(`/admin/accounts/${id}`);
  assert.match(edit.text, /needs new credentials/);
  res = await admin.client.post(`/admin/accounts/${id}/enable`, { csrf });
  assert.equal(res.status, 409);
  assert.match(res.text, /enter new ones on its page/);
  const fresh = { consumer_key: secret('ck'), consumer_secret: secret('cs'), access_token: secret('at'), access_token_secret: secret('ats') };
  res = await admin.client.post(`/admin/accounts/${id}`, { csrf, name: `${name}-2`, username: 'clinic2', ...fresh });
  assert.equal(res.status, 303, res.describe());
  r = row(id);
  assert.equal(r.state, 'active');
  assert.notEqual(r.hex, before, 'credentials replaced');
  for (const s of Object.values(fresh)) assertNotStored(id, s);
  audit = sql(`SELECT from_state, to_state, detail FROM audit_log WHERE object='account:${id}' AND action='account.update' ORDER BY id DESC LIMIT 1`);
  assert.deepEqual(audit, [['reauth', 'active', 'fields=credentials']]);
  csrf = undefined;
});

test('a disabled account cannot be chosen for a post; enabling brings it back', async () => {
  const name = randomName('target-');
  assert.equal((await create('mastodon', { name, ...KINDS.mastodon().fields })).status, 303);
  const id = accountIdByName(name);
  const author = await loginAs('author');
  const targetInput = new RegExp(`name="target" value="${id}"`);
  const csrf = await csrfOf(admin.client, '/admin/accounts');
  // only accounts in the official register are offered (records.test.mjs)
  let res = await admin.client.post(`/admin/accounts/${id}/register`, { csrf, owner: 'Communications', purpose: 'health education' });
  assert.equal(res.status, 303, res.describe());
  assert.match((await author.client.get('/posts/new')).text, targetInput, 'offered while active');
  res = await admin.client.post(`/admin/accounts/${id}/disable`, { csrf });
  assert.equal(res.status, 303, res.describe());
  assert.equal(res.locationPath, '/admin/accounts?done=disabled');
  assert.equal(row(id).state, 'disabled');
  assert.doesNotMatch((await author.client.get('/posts/new')).text, targetInput, 'not offered while disabled');
  const list = await admin.client.get('/admin/accounts?done=disabled');
  assert.match(list.text, /Account disabled/);
  assert.ok(list.text.includes(`action="/admin/accounts/${id}/enable"`));
  res = await admin.client.post(`/admin/accounts/${id}/enable`, { csrf });
  assert.equal(res.status, 303);
  assert.equal(row(id).state, 'active');
  assert.match((await author.client.get('/posts/new')).text, targetInput, 'offered again');
  const audit = sql(`SELECT action, from_state, to_state FROM audit_log WHERE object='account:${id}' AND action IN ('account.disable', 'account.enable') ORDER BY id`);
  assert.deepEqual(audit, [['account.disable', 'active', 'disabled'], ['account.enable', 'disabled', 'active']]);
});

test('testing an account whose server cannot be reached shows the failure class', async () => {
  const name = randomName('unreachable-');
  const token = secret('masto');
  assert.equal((await create('mastodon', { name, instance: 'https://127.0.0.1:1/', token })).status, 303);
  const id = accountIdByName(name);
  const csrf = await csrfOf(admin.client, `/admin/accounts/${id}`);
  const res = await admin.client.post(`/admin/accounts/${id}/test`, { csrf });
  assert.equal(res.status, 303, res.describe());
  assert.equal(res.locationPath, `/admin/accounts/${id}?done=tested`);
  const page = await admin.client.get(res.locationPath);
  assert.equal(page.status, 200);
  assert.match(page.text, /Connection tested/);
  assert.match(page.text, /Last test [^<]* UTC: <strong>failed<\/strong> — (temporary failure|no clear answer|permanent failure|credentials refused)/);
  assert.ok(!page.text.includes(token));
  assert.equal(sqlValue(`SELECT last_test_ok FROM accounts WHERE id=${id}`), '0');
  const audit = sql(`SELECT detail FROM audit_log WHERE object='account:${id}' AND action='account.test'`);
  assert.equal(audit.length, 1);
  assert.match(audit[0][0], /^result=(retry|unknown|permanent|reauth) status=\d+/);
  assertNotStored(id, token);
  // the program is still serving
  assert.equal((await admin.client.get('/admin/accounts')).status, 200);
});

test('a webhook secret is made by Clearpost and shown exactly once', async () => {
  const name = randomName('hook-');
  const res = await create('webhook', { name, url: 'https://hooks.example/clearpost' });
  assert.equal(res.status, 200, res.describe());
  const m = /value="(whsec_[A-Za-z0-9+/=]+)"/.exec(res.text);
  assert.ok(m, 'the new secret is on the page');
  const whsec = m[1];
  assert.match(res.text, /the only time Clearpost shows it/);
  const id = accountIdByName(name);
  assert.equal(row(id).head, 'v1');
  assert.deepEqual(row(id).settings, { url: 'https://hooks.example/clearpost' });
  assertNotStored(id, whsec);
  await assertNotShown(id, whsec);
  // a new one on request, again once
  const csrf = await csrfOf(admin.client, `/admin/accounts/${id}`);
  const again = await admin.client.post(`/admin/accounts/${id}`, { csrf, name, url: 'https://hooks.example/clearpost', new_secret: '1' });
  assert.equal(again.status, 200, again.describe());
  const second = /value="(whsec_[A-Za-z0-9+/=]+)"/.exec(again.text)[1];
  assert.notEqual(second, whsec);
  await assertNotShown(id, second);
  assertNotStored(id, second);
  const audit = sql(`SELECT action, detail FROM audit_log WHERE object='account:${id}' ORDER BY id`);
  assert.deepEqual(audit, [['account.create', 'platform=webhook fields=name,url,credentials'], ['account.update', 'fields=credentials']]);
});

const DOUBLE = path.join(ROOT, 'tests', 'platforms', 'double.mjs');
/** Publisher.AllowLoopbackHttp as the stack reads it: its HDF, then the
 * local overrides it includes last (tests/run.sh writes them). */
function loopbackAllowed() {
  let on = false;
  for (const f of [CONFIG, path.join(VAR, 'extra.hdf')]) {
    if (!existsSync(f)) continue;
    const m = [...readFileSync(f, 'utf8').matchAll(/^Publisher\.AllowLoopbackHttp\s*=\s*(\d+)\s*$/gm)].at(-1);
    if (m) on = m[1] === '1';
  }
  return on;
}
const loopback = loopbackAllowed();
/** Why a test against the platform double cannot run here, or false. */
function noDouble(connector) {
  if (!existsSync(DOUBLE)) return 'needs tests/platforms/double.mjs';
  if (!loopback) return 'needs Publisher.AllowLoopbackHttp = 1 (CLEARPOST_ALLOW_LOOPBACK_HTTP=1)';
  if (!existsSync(path.join(ROOT, 'src', 'platform', `${connector}.c`))) return `needs the ${connector} connector`;
  return false;
}

test('http:// is accepted only for loopback test servers, and only when allowed', async () => {
  const name = randomName('loop-');
  const res = await create('mastodon', { name, instance: 'http://127.0.0.1:9/', token: secret('t') });
  assert.equal(res.status, loopback ? 303 : 422, res.describe());
  const other = await create('mastodon', { name: randomName('loop-'), instance: 'http://10.0.0.1/', token: secret('t') });
  assert.equal(other.status, 422);
});

test('a Mastodon account on the platform double: refused credentials put it in re-auth, good ones connect',
  { skip: noDouble('mastodon') },
  async () => {
    const { startDouble } = await import(DOUBLE);
    const double = await startDouble();
    const instance = `${double.url}/mastodon`;
    try {
      const name = randomName('double-');
      const res = await create('mastodon', { name, instance, token: 'not-the-token' });
      assert.equal(res.status, 303, res.describe());
      const id = accountIdByName(name);
      const csrf = await csrfOf(admin.client, `/admin/accounts/${id}`);
      assert.equal((await admin.client.post(`/admin/accounts/${id}/test`, { csrf })).status, 303);
      let page = await admin.client.get(`/admin/accounts/${id}`);
      assert.match(page.text, /<strong>failed<\/strong> — credentials refused/);
      assert.equal(row(id).state, 'reauth', 'a refused token stops the account');
      let audit = sql(`SELECT from_state, to_state, detail FROM audit_log WHERE object='account:${id}' AND action='account.test'`);
      assert.deepEqual(audit.map((a) => a.slice(0, 2)), [['active', 'reauth']]);
      assert.match(audit[0][2], /^result=reauth status=\d+/);
      const save = await admin.client.post(`/admin/accounts/${id}`, { csrf, name, instance, token: 'masto-token' });
      assert.equal(save.status, 303, save.describe());
      assert.equal(row(id).state, 'active');
      assert.equal((await admin.client.post(`/admin/accounts/${id}/test`, { csrf })).status, 303);
      page = await admin.client.get(`/admin/accounts/${id}`);
      assert.match(page.text, /<strong>ok<\/strong> — connected/);
      assert.equal(sqlValue(`SELECT last_test_ok FROM accounts WHERE id=${id}`), '1');
      audit = sql(`SELECT detail FROM audit_log WHERE object='account:${id}' AND action='account.test' ORDER BY id DESC LIMIT 1`);
      assert.match(audit[0][0], /^result=ok status=\d+/);
    } finally {
      await double.close();
    }
  });

test('a Bluesky account on the platform double: the session the test opens is kept, sealed',
  { skip: noDouble('bluesky') },
  async () => {
    const { startDouble } = await import(DOUBLE);
    const double = await startDouble();
    try {
      const name = randomName('bsky-double-');
      const res = await create('bluesky', { name, handle: 'clinic.test', pds: `${double.url}/bsky`, app_password: 'bsky-app-password' });
      assert.equal(res.status, 303, res.describe());
      const id = accountIdByName(name);
      const before = row(id).hex;
      const csrf = await csrfOf(admin.client, `/admin/accounts/${id}`);
      assert.equal((await admin.client.post(`/admin/accounts/${id}/test`, { csrf })).status, 303);
      const page = await admin.client.get(`/admin/accounts/${id}`);
      assert.match(page.text, /<strong>ok<\/strong> — connected/);
      const r = row(id);
      assert.equal(r.head, 'v1');
      assert.notEqual(r.hex, before, 'the renewed session was sealed and stored');
      assertNotStored(id, 'bsky-app-password');
      const audit = sql(`SELECT detail FROM audit_log WHERE object='account:${id}' AND action='account.test'`);
      assert.match(audit[0][0], /^result=ok status=\d+ session=renewed$/);
    } finally {
      await double.close();
    }
  });
