// Logging out: POST /logout with the page's csrf token ends the session for good.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, assertToLogin, loginAs } from './lib.mjs';

async function pageCsrf(client, path = '/posts') {
  const page = await client.get(path);
  assert.equal(page.status, 200, page.describe());
  const csrf = page.csrf();
  assert.ok(csrf, `${path} has a csrf token`);
  return csrf;
}

test('logging out redirects to /login and clears the session cookie', async () => {
  const { client } = await loginAs('author');
  const csrf = await pageCsrf(client);
  const res = await client.post('/logout', { csrf });
  assert.equal(res.status, 303, res.describe());
  assert.match(res.locationPath ?? '', /^\/login(?:[?#]|$)/, `Location: ${res.location}`);
  const c = res.cookie('cp_session');
  assert.ok(c, 'logout sets cp_session again to clear it');
  assert.equal(Number(c.attrs['max-age']), 0, `Max-Age=0: ${c.raw}`);
  assert.ok(!client.jar.has('cp_session'));
});

test('after logout the old session cookie no longer works', async () => {
  const { client } = await loginAs('author');
  const old = client.jar.get('cp_session');
  const csrf = await pageCsrf(client);
  const res = await client.post('/logout', { csrf });
  assert.equal(res.status, 303, res.describe());
  const replay = await new Client({ cp_session: old }).get('/posts');
  assertToLogin(replay, 'GET /posts with the logged-out cookie');
});

test('logout without a csrf token gets 403 and the session keeps working', async () => {
  const { client } = await loginAs('author');
  const res = await client.post('/logout', {});
  assert.equal(res.status, 403, res.describe());
  assert.ok(client.jar.has('cp_session'), 'cookie not cleared');
  const page = await client.get('/posts');
  assert.equal(page.status, 200, page.describe());
});

test('logout with a wrong csrf token gets 403 and the session keeps working', async () => {
  const { client } = await loginAs('author');
  const res = await client.post('/logout', { csrf: 'f'.repeat(64) });
  assert.equal(res.status, 403, res.describe());
  assert.equal((await client.get('/posts')).status, 200);
});

test("another user's csrf token cannot log me out", async () => {
  const me = await loginAs('author');
  const other = await loginAs('author');
  const otherCsrf = await pageCsrf(other.client);
  const res = await me.client.post('/logout', { csrf: otherCsrf });
  assert.equal(res.status, 403, res.describe());
  assert.equal((await me.client.get('/posts')).status, 200);
});
