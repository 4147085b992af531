// A deadlock is not the author's problem: when InnoDB picks a page's
// transaction as the victim of a deadlock (and rolls all of it back), the core
// runs the handler again instead of answering 503.
//
// The deadlock is made on purpose, in a known order: a database session holds
// the audit chain's head, the submit locks its post and waits for that head,
// then the session asks for the post. The session has written more (ballast
// rows), so InnoDB rolls back the submit. Each step waits until the one
// before it is seen to have happened, so the order does not depend on timing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VAR, loginAs, sql, sqlValue } from './lib.mjs';
import { waitFor } from './publishing.mjs';

const CLEAN_TEXT = 'Flu shots are free at all of our clinics this week, Mon-Fri 8am-5pm.';

/**
 * One mariadb session fed statement by statement: send(sql) writes more of
 * its input, end() closes it; output() is what it printed so far
 * (unbuffered, so a marker it selects shows at once), and done resolves
 * with { code, out } when it ends.
 */
function session() {
  const child = spawn('mariadb', ['--no-defaults', '-S', path.join(VAR, 'run', 'mysql.sock'), '-uroot', 'clearpost',
    '-N', '-B', '--unbuffered'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  return {
    send: (sql) => child.stdin.write(sql),
    end: (sql) => child.stdin.end(sql),
    output: () => out,
    done: new Promise((resolve) => child.on('close', (code) => resolve({ code, out }))),
  };
}

test('a submit picked as a deadlock victim is run again and succeeds, once', async () => {
  const author = await loginAs('author');
  const page = await author.client.get('/posts/new');
  const created = await author.client.post('/posts/new', [['csrf', page.csrf()], ['title', 'Deadlock'], ['body', CLEAN_TEXT], ['target', '1']]);
  assert.equal(created.status, 303, created.describe());
  const id = Number(/\/posts\/(\d+)/.exec(created.location)[1]);
  const form = await author.client.get(`/posts/${id}`);
  const version = /name="version" value="(\d+)"/.exec(form.text)[1];

  sql('CREATE TABLE IF NOT EXISTS test_deadlock_ballast (id INT PRIMARY KEY) ENGINE=InnoDB');
  const holder = session();
  let ended = false;
  try {
    holder.send(`SET SESSION innodb_lock_wait_timeout = 30;
      START TRANSACTION;
      SELECT last_id FROM audit_head WHERE id = 1 FOR UPDATE;
      INSERT INTO test_deadlock_ballast (id) SELECT seq FROM seq_1_to_500;
      SELECT 'holding';
    `);
    await waitFor(() => /holding/.test(holder.output()), 20000, 'the session to hold the audit head');

    const submitted = author.client.post(`/posts/${id}/submit`, [['csrf', form.csrf()], ['version', version]]);
    // The submit has locked its post and waits for the head (a web program's
    // session, not the publisher's, which may wait for the head too).
    // waitFor polls every 200 ms: InnoDB refreshes INNODB_TRX only when it
    // was last read more than 100 ms ago, so polling faster sees it frozen.
    await waitFor(() => sqlValue(`SELECT COUNT(*)
      FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
      WHERE t.trx_state = 'LOCK WAIT' AND p.USER = 'clearpost_web'`) !== '0', 20000, 'the submit to wait for the audit head');
    holder.end(`SELECT id FROM posts WHERE id = ${id} FOR UPDATE;
      DO SLEEP(0.3);
      ROLLBACK;
    `);
    ended = true;
    const res = await submitted;
    const held = await holder.done;
    assert.equal(held.code, 0, `the holding session ran to the end: ${held.out}`);
    assert.equal(res.status, 303, `submit after a deadlock: ${res.describe()}`);
    assert.equal(sqlValue(`SELECT state FROM posts WHERE id = ${id}`), 'in_review');
    assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action = 'post.submit' AND object = 'post:${id}'`), '1');
    const log = readFileSync(path.join(VAR, 'log', 'desk.log'), 'utf8');
    assert.match(log, new RegExp(`deadlock victim, running again path=/posts/${id}/submit run=2`));
    assert.equal(sqlValue('SELECT COUNT(*) FROM test_deadlock_ballast'), '0', 'the ballast was rolled back');
  } finally {
    if (!ended) holder.end('ROLLBACK;');
    await holder.done;
    sql('DROP TABLE IF EXISTS test_deadlock_ballast');
  }
});
