// Lockout: 5 failed logins for one username within 15 minutes block that username.
// Always on fresh users, never the demo users.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, login, newUser } from './lib.mjs';

async function failFiveTimes(u) {
  for (let i = 1; i <= 5; i++) {
    const { res } = await login(u.username, `wrong-${i}-${u.password}`);
    assert.equal(res.status, 401, `failed attempt ${i}: ${res.describe()}`);
  }
}

test('four wrong passwords do not stop the right one from working', async () => {
  const u = newUser('author');
  for (let i = 1; i <= 4; i++) {
    const { res } = await login(u.username, `wrong-${i}`);
    assert.equal(res.status, 401, `attempt ${i}: ${res.describe()}`);
  }
  const { res } = await login(u.username, u.password);
  assert.equal(res.status, 303, res.describe());
});

test('after 5 failures even the right password gets 429 "Too many failed attempts" and no session', async () => {
  const u = newUser('author');
  await failFiveTimes(u);
  const { client, res } = await login(u.username, u.password);
  assert.equal(res.status, 429, res.describe());
  assert.match(res.text, /Too many failed attempts/);
  assert.equal(res.cookie('cp_session'), undefined, 'no session cookie');
  assert.ok(!client.jar.has('cp_session'));
});

test('a locked-out user stays locked on the next attempts too', async () => {
  const u = newUser('author');
  await failFiveTimes(u);
  for (const pw of ['still-wrong', u.password]) {
    const { res } = await login(u.username, pw);
    assert.equal(res.status, 429, res.describe());
  }
});

test('the lockout is recorded in the audit log', async () => {
  const u = newUser('author');
  await failFiveTimes(u);
  await login(u.username, u.password);
  assert.ok(auditRows('login.fail', u.username).length >= 5, 'five login.fail rows');
  assert.ok(auditRows('login.locked', u.username).length >= 1, 'a login.locked row');
});

test("one user's lockout does not block another user", async () => {
  const locked = newUser('author');
  const other = newUser('author');
  await failFiveTimes(locked);
  const { res } = await login(other.username, other.password);
  assert.equal(res.status, 303, res.describe());
});
