// Least privilege in the database (sql/grants.sql): each program connects
// as its own MariaDB user, and a program taken over by an attacker can do
// no more than its role allows — the web programs cannot rewrite the audit
// log, the public feed cannot read users, sessions or drafts. Connects as
// those users with the mariadb client over the stack's socket, with the
// passwords stack.sh keeps in $VAR/secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BASE, ROOT, VAR, cli, sql, sqlValue } from './lib.mjs';

/** Runs one statement as clearpost_<kind>; { code, out, err }. */
function as(kind, query) {
  const pw = readFileSync(path.join(VAR, 'secret', `db-${kind}.password`), 'utf8').trim();
  const r = spawnSync('mariadb', [
    '--no-defaults', '-S', path.join(VAR, 'run', 'mysql.sock'), `-uclearpost_${kind}`, 'clearpost', '-N', '-B', '-e', query,
  ], { encoding: 'utf8', timeout: 30000, env: { ...process.env, MYSQL_PWD: pw } });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function allowed(kind, query) {
  const r = as(kind, query);
  assert.equal(r.code, 0, `clearpost_${kind} should be allowed: ${query}\n${r.err}`);
  return r.out;
}

function denied(kind, query) {
  const r = as(kind, query);
  assert.notEqual(r.code, 0, `clearpost_${kind} must not be allowed: ${query}\n${r.out}`);
  // 1142 table, 1143 column, 1044/1045 database/access: a privilege error,
  // not a syntax error or a missing table.
  assert.match(r.err, /ERROR (1142|1143|1044)/, `clearpost_${kind}: ${query}: ${r.err}`);
}

// Statements that would change something carry WHERE 1 = 0: MariaDB checks
// privileges before it looks at rows, so they are refused all the same, and
// if a grant were ever too wide the test fails without damaging the stack.
test('the web user can read and append to the audit log but never change or delete an entry', () => {
  const n = Number(allowed('web', 'SELECT COUNT(*) FROM audit_log'));
  assert.ok(n > 0, 'the stack wrote audit entries');
  denied('web', "UPDATE audit_log SET detail = 'rewritten' WHERE 1 = 0");
  denied('web', 'DELETE FROM audit_log WHERE 1 = 0');
  denied('web', 'DELETE FROM audit_head WHERE 1 = 0');
  denied('web', 'INSERT INTO audit_head SELECT * FROM audit_head WHERE 1 = 0');
  // what it does need: read the head, move it on, add entries
  allowed('web', 'UPDATE audit_head SET last_id = last_id WHERE 1 = 0');
  allowed('web', 'INSERT INTO audit_log SELECT * FROM audit_log WHERE 1 = 0');
  const v = cli(['audit', 'verify']);
  assert.equal(v.code, 0, v.out);
  // and no schema changes: only the owner migrates
  denied('web', 'CREATE TABLE grants_evil (id INT)');
  denied('web', 'CREATE INDEX grants_evil ON users (role)');
  denied('web', 'SELECT * FROM schema_migrations');
});

test('the feed user reads published posts only: no users, sessions, drafts, credentials or audit log', () => {
  denied('feed', 'SELECT * FROM users');
  denied('feed', 'SELECT username, password_hash FROM users');
  denied('feed', 'SELECT * FROM sessions');
  denied('feed', 'SELECT COUNT(*) FROM sessions');
  denied('feed', 'SELECT * FROM audit_log');
  denied('feed', 'SELECT * FROM login_throttle');
  denied('feed', 'SELECT * FROM post_revisions');
  denied('feed', 'SELECT * FROM phi_findings');
  denied('feed', 'SELECT body FROM posts');          // drafts may hold PHI before review
  denied('feed', 'SELECT title FROM posts');
  denied('feed', 'SELECT credentials FROM accounts');
  denied('feed', "UPDATE posts SET state = 'withdrawn' WHERE 1 = 0");
  denied('feed', 'DELETE FROM publications WHERE 1 = 0');
  denied('feed', 'INSERT INTO deliveries SELECT * FROM deliveries WHERE 1 = 0');
  // what the feed query needs
  allowed('feed', 'SELECT id, state, updated_at FROM posts LIMIT 1');
  allowed('feed', 'SELECT id, platform FROM accounts LIMIT 1');
  allowed('feed', 'SELECT COUNT(*) FROM publications');
  allowed('feed', 'SELECT COUNT(*) FROM deliveries');
  allowed('feed', 'SELECT COUNT(*) FROM media');
  allowed('feed', 'SELECT version, org_name FROM settings'); // every program reads it
  denied('feed', "UPDATE settings SET org_name = 'x' WHERE 1 = 0");
});

test('the publisher user cannot read password hashes or sessions, nor change the audit log', () => {
  denied('publisher', 'SELECT password_hash FROM users');
  denied('publisher', 'SELECT * FROM sessions');
  denied('publisher', "UPDATE audit_log SET detail = 'x' WHERE 1 = 0");
  denied('publisher', 'DELETE FROM audit_log WHERE 1 = 0');
  denied('publisher', "UPDATE users SET role = 'admin' WHERE 1 = 0");
  allowed('publisher', "SELECT id, username FROM users WHERE FIND_IN_SET('admin', role) AND active = 1");
  allowed('publisher', 'SELECT COUNT(*) FROM deliveries');
  // records retention runs in the publisher: it deletes old posts whole
  for (const t of ['posts', 'post_revisions', 'phi_findings', 'reviews', 'publications', 'deliveries', 'media', 'notifications']) {
    allowed('publisher', `DELETE FROM ${t} WHERE 1 = 0`);
  }
  denied('publisher', 'DELETE FROM users WHERE 1 = 0');
  denied('publisher', 'DELETE FROM accounts WHERE 1 = 0');
  denied('publisher', "UPDATE settings SET legal_hold = 0 WHERE 1 = 0");
});

test('the owner may change the schema (clearpost migrate)', () => {
  try {
    allowed('owner', 'CREATE TABLE grants_probe (id INT)');
  } finally {
    sql('DROP TABLE IF EXISTS grants_probe');
  }
});

test('every program connects as its own user', async () => {
  // one request to a web program and one to the feed; their workers keep
  // their connections open, and the publisher polls all the time
  await fetch(`${BASE}/healthz`);
  await fetch(`${BASE}/feed.atom`);
  const users = sql("SELECT DISTINCT user FROM information_schema.PROCESSLIST WHERE db = 'clearpost'").map((r) => r[0]);
  for (const u of ['clearpost_web', 'clearpost_feed', 'clearpost_publisher']) {
    assert.ok(users.includes(u), `a connection as ${u} (have ${users})`);
  }
  assert.ok(!users.includes('clearpost_owner'), 'the owner is used by migrate only');
  assert.ok(!users.includes('clearpost'), 'no all-powerful application user any more');
});

test('sql/grants.sql covers every table, and the audit log is append-only for every role', () => {
  const tables = sql("SELECT table_name FROM information_schema.TABLES WHERE table_schema = 'clearpost'")
    .map((r) => r[0]).filter((t) => t !== 'schema_migrations');
  const grants = readFileSync(path.join(ROOT, 'sql', 'grants.sql'), 'utf8');
  for (const t of tables) {
    assert.match(grants, new RegExp(`\\bON ${t}\\s+TO clearpost_web;`), `sql/grants.sql: no line for table ${t} (add one per role that uses it)`);
    assert.ok(Number(sqlValue(`SELECT COUNT(*) FROM mysql.tables_priv WHERE User = 'clearpost_web' AND Db = 'clearpost' AND Table_name = '${t}'`)) === 1,
      `clearpost_web has no privilege on ${t}: apply sql/grants.sql after migrate`);
  }
  const audit = sql("SELECT User, Table_priv FROM mysql.tables_priv WHERE Db = 'clearpost' AND Table_name = 'audit_log'");
  assert.ok(audit.length >= 2, JSON.stringify(audit));
  for (const [user, privs] of audit) {
    assert.ok(!/Update|Delete|Drop|Alter/i.test(privs), `${user} on audit_log: ${privs}`);
  }
});
