// The records pages and commands under valgrind (as valgrind.test.mjs
// does for the others): settings saved and then loaded and parsed by
// another program, the accounts register, legal holds, and `clearpost
// retention run`. Any invalid access or definite leak fails (exit 99).
// A file of its own: valgrind runs block the event loop for a long time,
// and a kept-alive connection that nginx closed meanwhile must not be
// reused by the next request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ROOT, CONFIG, loginAs, sql, sqlValue } from './lib.mjs';

function valgrind(program, args, env, input = '') {
  return spawnSync('valgrind', ['-q', '--leak-check=full', '--errors-for-leak-kinds=definite,indirect',
    '--error-exitcode=99', program, ...args], { env, input, encoding: 'utf8', timeout: 120000 });
}

function cgi(program, { method = 'GET', uri, query = '', body = '', cookie = '' }) {
  const env = {
    PATH: process.env.PATH, CLEARPOST_CONFIG: CONFIG, REQUEST_METHOD: method, DOCUMENT_URI: uri,
    QUERY_STRING: query, REMOTE_ADDR: '127.0.0.1', REQUEST_ID: 'valgrind', HTTP_COOKIE: cookie,
  };
  if (method === 'POST') {
    env.CONTENT_TYPE = 'application/x-www-form-urlencoded';
    env.CONTENT_LENGTH = String(Buffer.byteLength(body));
  }
  const r = valgrind(`${ROOT}/bin/${program}.fcgi`, [], env, body);
  assert.equal(r.status, 0, `valgrind found errors in ${program} ${method} ${uri}:\n${r.stderr}`);
  const status = Number(/^Status: (\d+)/.exec(r.stdout)?.[1]);
  return { status, out: r.stdout };
}

test('settings, the register, legal holds and retention run clean under valgrind', async () => {
  const admin = await loginAs('admin');
  const author = await loginAs('author');
  const cookie = `cp_session=${admin.client.jar.get('cp_session')}`;
  const page = cgi('admin', { uri: '/admin/settings', cookie });
  assert.equal(page.status, 200);
  const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(page.out)[1];
  const version = /name="version" value="(\d+)"/.exec(page.out)[1];
  const form = (allow) => `csrf=${csrf}&version=${version}&org_name=VG+Hospital&allow_list=${encodeURIComponent(allow)}` +
    '&idle_minutes=15&retain_published_days=2557&retain_drafts_days=365';
  assert.equal(cgi('admin', { method: 'POST', uri: '/admin/settings', cookie, body: form('phone: 401-555-0100\nnonsense') }).status, 422);
  try {
    assert.equal(cgi('admin', { method: 'POST', uri: '/admin/settings', cookie,
      body: form('phone: 401-555-0100\ndomain: vg.example\nhashtag: #VG') }).status, 303);
    // a program loads and parses the new settings at its next request
    const acookie = `cp_session=${author.client.jar.get('cp_session')}`;
    const view = cgi('desk', { uri: '/posts/new', cookie: acookie });
    assert.equal(view.status, 200);
    assert.match(view.out, /VG Hospital/);
    const acsrf = /name="csrf" value="([0-9a-f]+)"/.exec(view.out)[1];
    const scan = cgi('desk', { method: 'POST', uri: '/posts/scan', cookie: acookie,
      body: `csrf=${acsrf}&body=Call+401-555-0100+or+410-555-0147&target=1` });
    assert.equal(scan.status, 200);
    assert.equal((scan.out.match(/"category": "PHONE"/g) ?? []).length, 1);
    const id = sqlValue("SELECT id FROM accounts WHERE platform = 'feed'");
    assert.equal(cgi('admin', { uri: `/admin/accounts/${id}`, cookie }).status, 200);
    assert.equal(cgi('admin', { method: 'POST', uri: `/admin/accounts/${id}/register`, cookie,
      body: `csrf=${csrf}&owner=&purpose=x` }).status, 422);
    assert.equal(cgi('admin', { method: 'POST', uri: `/admin/accounts/${id}/register`, cookie,
      body: `csrf=${csrf}&owner=Communications&purpose=public+feed+of+approved+posts` }).status, 303);
    const post = sqlValue('SELECT MAX(id) FROM posts');
    assert.equal(cgi('review', { uri: `/review/${post}`, cookie }).status, 200);
    assert.equal(cgi('admin', { method: 'POST', uri: `/admin/posts/${post}/hold`, cookie, body: `csrf=${csrf}&reason=vg+hold` }).status, 303);
    assert.equal(cgi('admin', { method: 'POST', uri: `/admin/posts/${post}/release`, cookie, body: `csrf=${csrf}&reason=vg+done` }).status, 303);
    for (const args of [['retention', 'run', '--dry-run'], ['retention', 'run']]) {
      const r = valgrind(`${ROOT}/bin/clearpost`, args, { ...process.env, CLEARPOST_CONFIG: CONFIG });
      assert.equal(r.status, 0, `valgrind: clearpost ${args.join(' ')}:\n${r.stderr}`);
    }
  } finally {
    sql(`UPDATE settings SET org_name = NULL, phi_allow_list = NULL, idle_minutes = NULL, retain_published_days = NULL,
           retain_drafts_days = NULL, legal_hold = 0, legal_hold_reason = NULL, version = version + 1 WHERE id = 1`);
  }
});
