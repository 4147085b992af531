// Logs as an operator reads them: one line per event, each with the request
// id nginx logged for the same request, so a request can be followed from
// the access log to the program (journalctl -g 'rid=…' on a server); and
// never a password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONFIG, ROOT, VAR, login, newUser, userId } from './lib.mjs';

const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ [a-z]+\[\d+\] (info|error) rid=[^\s]+ \S/;

const read = (f) => readFileSync(path.join(VAR, 'log', f), 'utf8');

async function until(fn, ms = 5000) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const v = fn();
    if (v) return v;
  }
  return fn();
}

test('a sign-in is one line in the auth log with the request id of its line in nginx\'s access log, and no password', async () => {
  const user = newUser('author');
  const { res } = await login(user.username, user.password);
  assert.equal(res.status, 303, res.describe());
  const object = `object=user:${userId(user.username)} `;
  const line = await until(() => read('auth.log').split('\n').find((l) => l.includes('action=login.ok') && l.includes(object)));
  assert.ok(line, 'the sign-in is logged');
  assert.match(line, LINE);
  const rid = /rid=([0-9a-f]{32}) /.exec(line)?.[1];
  assert.ok(rid, `nginx's 32-hex-digit request id in ${line}`);
  const access = await until(() => read('nginx-access.log').split('\n').find((l) => l.endsWith(` ${rid}`)));
  assert.ok(access, `access log line ending in ${rid}`);
  assert.match(access, /"POST \/login HTTP\/1\.1" 303 /);
  for (const f of ['auth.log', 'nginx-access.log', 'nginx-error.log']) {
    let text = '';
    try { text = read(f); } catch { continue; }
    assert.ok(!text.includes(user.password), `${f} holds no password`);
  }
});

test('every line the programs wrote is one event in the format, whatever a client sends as REQUEST_ID', () => {
  for (const f of ['auth.log', 'desk.log', 'review.log', 'admin.log', 'feed.log', 'publisher.log']) {
    let text;
    try { text = read(f); } catch { continue; }
    for (const l of text.split('\n')) {
      // stack.sh's own markers, and libraries' or valgrind's lines
      if (l === '' || l.startsWith('--- ') || !/^\d{4}-/.test(l)) continue;
      assert.match(l, LINE, `${f}: ${l}`);
    }
  }
  // a request id with a newline and spaces (CGI mode: no nginx to make
  // it), on a request that logs errors (no templates where Paths.Root says)
  const dir = mkdtempSync(path.join(tmpdir(), 'clearpost-logs-'));
  const config = path.join(dir, 'broken.hdf');
  writeFileSync(config, `#include "${CONFIG}"\nPaths.Root = ${dir}\n`);
  const r = spawnSync(path.join(ROOT, 'bin', 'auth.fcgi'), [], {
    encoding: 'utf8', input: '', timeout: 30000,
    env: { ...process.env, CLEARPOST_CONFIG: config, REQUEST_METHOD: 'GET', DOCUMENT_URI: '/login', QUERY_STRING: '',
      REQUEST_ID: 'abc\n2026-01-01T00:00:00Z auth[1] info rid=forged x' },
  });
  rmSync(dir, { recursive: true, force: true });
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.ok(lines.length >= 1, `the missing template is logged: ${r.stdout}`);
  for (const l of lines) {
    assert.match(l, LINE, l);
    assert.ok(!/^2026-01-01T00:00:00Z/.test(l), `a forged line: ${l}`);
  }
  assert.ok(lines.some((l) => l.includes('rid=abc_2026-01-01T00:00:00Z_auth[1]_info_rid=forged_x ')), r.stderr);
});
