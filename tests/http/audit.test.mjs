// The audit log: logins, failures and logouts are recorded; `clearpost audit verify`
// notices tampering. Every tampered row is restored in a finally block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditRows, cli, login, loginAs, q, randomName, sql, sqlValue } from './lib.mjs';

test('a good login is recorded as login.ok with the user and 127.0.0.1', async () => {
  const { user } = await loginAs('author');
  const rows = auditRows('login.ok', user.username);
  assert.ok(rows.length >= 1, 'a login.ok row');
  assert.equal(rows[0].actor_name, user.username);
  assert.equal(rows[0].ip, '127.0.0.1');
});

test('a failed login is recorded as login.fail from 127.0.0.1', async () => {
  const { user } = await loginAs('author');
  const { res } = await login(user.username, 'wrong-' + user.password);
  assert.equal(res.status, 401, res.describe());
  const rows = auditRows('login.fail', user.username);
  assert.ok(rows.length >= 1, 'a login.fail row');
  assert.equal(rows[0].ip, '127.0.0.1');
});

test('the audit log never records the submitted password', async () => {
  const { user } = await loginAs('author');
  const typo = `Typo-${user.password}`;
  await login(user.username, typo);
  for (const pw of [typo, user.password]) {
    const hits = sqlValue(`SELECT COUNT(*) FROM audit_log WHERE LOCATE(${q(pw)}, CONCAT_WS('|', actor_name, object, detail)) > 0`);
    assert.equal(hits, '0', 'no audit row contains a password');
  }
});

test('a forged X-Forwarded-For does not change the recorded address', async () => {
  const { user } = await loginAs('author');
  const { res } = await login(user.username, user.password, { headers: { 'x-forwarded-for': '203.0.113.9' } });
  assert.equal(res.status, 303, res.describe());
  const rows = auditRows('login.ok', user.username);
  assert.equal(rows[0].ip, '127.0.0.1');
});

test('logging out is recorded as logout', async () => {
  const { client, user } = await loginAs('author');
  const page = await client.get('/posts');
  const res = await client.post('/logout', { csrf: page.csrf() });
  assert.equal(res.status, 303, res.describe());
  assert.ok(auditRows('logout', user.username).length >= 1, 'a logout row');
});

test('clearpost audit verify passes on an untouched log and says so', async () => {
  await loginAs('author'); // at least one entry
  const r = cli(['audit', 'verify']);
  assert.equal(r.code, 0, `audit verify: ${r.out}`);
  assert.ok(r.out.trim().length > 0, 'it prints something');
});

/** Make two fresh audit entries and return the id of the first (which has a successor). */
async function middleRowId() {
  const { user } = await loginAs('author');
  await loginAs('author');
  return auditRows('login.ok', user.username)[0].id;
}

/** Copy audit_log row `id` aside; returns the name of the backup table. */
function backup(id) {
  const table = `zz_audit_backup_${randomName('')}`;
  sql(`CREATE TABLE ${table} AS SELECT * FROM audit_log WHERE id=${id}`);
  return table;
}

test('audit verify fails and names the row when an entry is edited', async () => {
  const id = await middleRowId();
  const table = backup(id);
  try {
    // at=at keeps an ON UPDATE timestamp (if any) from moving.
    sql(`UPDATE audit_log SET detail='tampered', at=at WHERE id=${id}`);
    const r = cli(['audit', 'verify']);
    assert.equal(r.code, 1, `verify must fail (exit 1) on a tampered row: ${r.out}`);
    assert.match(r.out, new RegExp(`\\b${id}\\b`), `output names row ${id}: ${r.out}`);
  } finally {
    sql(`UPDATE audit_log a JOIN ${table} b ON a.id=b.id SET a.detail=b.detail, a.at=b.at; DROP TABLE ${table}`);
  }
  const again = cli(['audit', 'verify']);
  assert.equal(again.code, 0, `verify passes once the row is restored: ${again.out}`);
});

test('audit verify fails when an entry is deleted', async () => {
  const id = await middleRowId();
  const table = backup(id);
  try {
    sql(`DELETE FROM audit_log WHERE id=${id}`);
    const r = cli(['audit', 'verify']);
    assert.equal(r.code, 1, `verify must fail (exit 1) on a deleted row: ${r.out}`);
  } finally {
    sql(`INSERT INTO audit_log SELECT * FROM ${table}; DROP TABLE ${table}`);
  }
  const again = cli(['audit', 'verify']);
  assert.equal(again.code, 0, `verify passes once the row is back: ${again.out}`);
});

test('audit verify fails when the newest entry is deleted', async () => {
  const { user } = await loginAs('author');
  const id = auditRows('login.ok', user.username)[0].id;
  assert.equal(Number(sqlValue('SELECT MAX(id) FROM audit_log')), id, 'the login is the newest entry');
  const table = backup(id);
  try {
    sql(`DELETE FROM audit_log WHERE id=${id}`);
    const r = cli(['audit', 'verify']);
    assert.equal(r.code, 1, `verify must notice (exit 1) a removed newest entry: ${r.out}`);
  } finally {
    sql(`INSERT INTO audit_log SELECT * FROM ${table}; DROP TABLE ${table}`);
  }
  const again = cli(['audit', 'verify']);
  assert.equal(again.code, 0, `verify passes once the row is back: ${again.out}`);
});
