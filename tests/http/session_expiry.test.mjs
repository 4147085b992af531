// Session timeouts: idle 15 minutes, absolute 12 hours. Tested by ageing the
// session rows in the DB (never by sleeping), always on a fresh user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertToLogin, loginAs, sql, userId } from './lib.mjs';

function age(username, column, interval) {
  sql(`UPDATE sessions SET ${column} = ${column} - INTERVAL ${interval} WHERE user_id = ${userId(username)}`);
}

test('a session idle for 16 minutes is logged out', async () => {
  const { client, user } = await loginAs('author');
  assert.equal((await client.get('/posts')).status, 200);
  age(user.username, 'last_seen_at', '16 MINUTE');
  assertToLogin(await client.get('/posts'), 'GET /posts after 16 idle minutes');
});

test('an expired session stays expired after it is seen once', async () => {
  const { client, user } = await loginAs('author');
  age(user.username, 'last_seen_at', '16 MINUTE');
  assertToLogin(await client.get('/posts'), 'first request after expiry');
  assertToLogin(await client.get('/posts'), 'second request after expiry');
});

test('a session started 13 hours ago is logged out even if just used', async () => {
  const { client, user } = await loginAs('author');
  age(user.username, 'created_at', '13 HOUR');
  assertToLogin(await client.get('/posts'), 'GET /posts 13 h after login');
});

test('a session idle for 14 minutes still works', async () => {
  const { client, user } = await loginAs('author');
  age(user.username, 'last_seen_at', '14 MINUTE');
  const page = await client.get('/posts');
  assert.equal(page.status, 200, page.describe());
});

test('using the session resets the idle clock', async () => {
  const { client, user } = await loginAs('author');
  age(user.username, 'last_seen_at', '14 MINUTE');
  assert.equal((await client.get('/posts')).status, 200, 'used after 14 idle minutes');
  age(user.username, 'last_seen_at', '14 MINUTE');
  const page = await client.get('/posts');
  assert.equal(page.status, 200, `used again 14 minutes later: ${page.describe()}`);
});

test('a session started 11 hours ago and in use still works', async () => {
  const { client, user } = await loginAs('author');
  age(user.username, 'created_at', '11 HOUR');
  const page = await client.get('/posts');
  assert.equal(page.status, 200, page.describe());
});
