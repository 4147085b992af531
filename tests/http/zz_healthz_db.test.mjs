// Runs last (zz_): stops MariaDB, checks the health check notices, starts it again
// and checks the FastCGI programs reconnect. The DB is always restarted in finally.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client, ROOT, assertSecurityHeaders, loginAs } from './lib.mjs';

const STACK = path.join(ROOT, 'src', 'stack', 'stack.sh');

function stack(cmd) {
  execFileSync(STACK, [cmd], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 120000 });
}

/** Poll GET /healthz until it answers `status`, for at most `ms`; returns the last reply. */
async function pollHealthz(status, ms) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await new Client().get('/healthz');
      if (last.status === status) return last;
    } catch (e) {
      last = { status: 0, describe: () => String(e) };
    }
    if (Date.now() > deadline) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
}

let before; // a user logged in before the restart

test('the health check says 503 while the database is down and 200 again within 20 s of its restart', async () => {
  before = await loginAs('author');
  const up = await new Client().get('/healthz');
  assert.equal(up.status, 200, up.describe());

  let down;
  let whileDown;
  try {
    stack('db-stop');
    down = await new Client().get('/healthz');
    whileDown = await before.client.get('/posts');
  } finally {
    stack('db-start');
  }
  assert.equal(down.status, 503, `healthz with the DB stopped: ${down.describe()}`);
  assertSecurityHeaders(down, 'healthz 503');
  assert.notEqual(whileDown.status, 200, `a page needing the DB did not pretend to work: ${whileDown.describe()}`);

  const back = await pollHealthz(200, 20000);
  assert.equal(back.status, 200, `healthz after db-start: ${back.describe()}`);
  assert.equal(back.text.trim(), 'ok');
});

test('a user logged in before the database restart is still logged in after it', async () => {
  assert.ok(before, 'the previous test logged a user in');
  // Several requests so every FastCGI process has to reconnect, not just one.
  for (let i = 0; i < 12; i++) {
    const page = await before.client.get('/posts');
    assert.equal(page.status, 200, `request ${i}: ${page.describe()}`);
  }
});

test('logging in works again after the database restart', async () => {
  for (let i = 0; i < 4; i++) {
    const { client } = await loginAs('reviewer');
    const page = await client.get('/review');
    assert.equal(page.status, 200, `login ${i}: ${page.describe()}`);
  }
});
