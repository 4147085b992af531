// The health check and the method rules, without touching the database process.
// (Stopping and restarting MariaDB lives in zz_healthz_db.test.mjs, which runs last.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, loginAs } from './lib.mjs';

test('GET /healthz answers 200 "ok" without a session', async () => {
  const res = await new Client().get('/healthz');
  assert.equal(res.status, 200, res.describe());
  assert.equal(res.text.trim(), 'ok');
  assert.equal(res.cookie('cp_session'), undefined);
});

test('PUT /login answers 405', async () => {
  const res = await new Client().request('PUT', '/login', { body: 'username=a&password=b' });
  assert.equal(res.status, 405, res.describe());
});

test('GET /logout answers 405 (logging out takes a POST)', async () => {
  const res = await new Client().get('/logout');
  assert.equal(res.status, 405, res.describe());
});

test('GET /logout with a session answers 405 and does not log out', async () => {
  const { client } = await loginAs('author');
  const res = await client.get('/logout');
  assert.equal(res.status, 405, res.describe());
  assert.equal((await client.get('/posts')).status, 200, 'still logged in');
});
