// The FastCGI programs under valgrind: one request each in CGI mode against
// the live database, covering pages, refusals and malformed input. Any
// invalid memory access or definite leak fails the test (valgrind exit 99).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ROOT, CONFIG, loginAs, q, sqlValue } from './lib.mjs';

function cgi(program, { method = 'GET', uri, query = '', body = '', cookie = '' }) {
  const env = {
    PATH: process.env.PATH,
    CLEARPOST_CONFIG: CONFIG,
    REQUEST_METHOD: method,
    DOCUMENT_URI: uri,
    QUERY_STRING: query,
    REMOTE_ADDR: '127.0.0.1',
    REQUEST_ID: 'valgrind',
    HTTP_COOKIE: cookie,
  };
  if (method === 'POST') {
    env.CONTENT_TYPE = 'application/x-www-form-urlencoded';
    env.CONTENT_LENGTH = String(Buffer.byteLength(body));
  }
  const r = spawnSync('valgrind', ['-q', '--leak-check=full', '--errors-for-leak-kinds=definite,indirect',
    '--error-exitcode=99', `${ROOT}/bin/${program}.fcgi`], { env, input: body, encoding: 'utf8', timeout: 120000 });
  assert.equal(r.status, 0, `valgrind found errors in ${program} ${method} ${uri}:\n${r.stderr}`);
  const status = Number(/^Status: (\d+)/.exec(r.stdout)?.[1]);
  return { status, out: r.stdout };
}

test('auth pages and refusals run clean under valgrind', () => {
  assert.equal(cgi('auth', { uri: '/login' }).status, 200);
  assert.equal(cgi('auth', { uri: '/healthz' }).status, 200);
  assert.equal(cgi('auth', { uri: '/nope' }).status, 404);
  assert.equal(cgi('auth', { uri: '/login', query: 'next=%zz' }).status, 400);
  assert.equal(cgi('auth', { method: 'POST', uri: '/login', body: 'username=a&password=b&csrf=bad' }).status, 403);
  assert.equal(cgi('auth', { method: 'POST', uri: '/login', body: 'u=%ff%fe' }).status, 400);
  assert.equal(cgi('auth', { method: 'POST', uri: '/login', body: 'x='.padEnd(70000, 'a') }).status, 413);
});

test('signed-in pages run clean under valgrind', async () => {
  const author = await loginAs('author');
  const admin = await loginAs('admin');
  const a = cgi('desk', { uri: '/posts', cookie: `cp_session=${author.client.jar.get('cp_session')}` });
  assert.equal(a.status, 200);
  assert.match(a.out, /No posts yet/);
  assert.equal(cgi('admin', { uri: '/admin', cookie: `cp_session=${admin.client.jar.get('cp_session')}` }).status, 200);
  assert.equal(cgi('admin', { uri: '/admin', cookie: `cp_session=${author.client.jar.get('cp_session')}` }).status, 403);
  const adminCookie = `cp_session=${admin.client.jar.get('cp_session')}`;
  const log = cgi('admin', { uri: '/admin/audit', query: 'actor=adam&object=user&from=2026-01-01', cookie: adminCookie });
  assert.equal(log.status, 200);
  assert.match(log.out, /Chain intact/);
  assert.equal(cgi('admin', { uri: '/admin/audit', query: 'from=2026-02-30', cookie: adminCookie }).status, 422);
  const csv = cgi('admin', { uri: '/admin/audit.csv', query: 'action=login.ok', cookie: adminCookie });
  assert.equal(csv.status, 200);
  assert.match(csv.out, /Content-Disposition: attachment/);
  assert.equal(cgi('desk', { uri: '/posts', cookie: 'cp_session=00' }).status, 303);
});

test('drafting and review pages run clean under valgrind', async () => {
  const author = await loginAs('author');
  const page = await author.client.get('/posts/new');
  const res = await author.client.post('/posts/new', [['csrf', page.csrf()], ['title', 'vg'],
    ['body', 'Happy 100th birthday, Mrs. Ada Moss! Call 410-555-0100.'], ['target', '1']]);
  assert.equal(res.status, 303);
  const id = /\/posts\/(\d+)/.exec(res.location)[1];
  const cookie = `cp_session=${author.client.jar.get('cp_session')}`;
  const view = cgi('desk', { uri: `/posts/${id}`, cookie });
  assert.equal(view.status, 200);
  assert.match(view.out, /phi-block/);
  const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(view.out)[1];
  const scan = cgi('desk', { method: 'POST', uri: '/posts/scan', cookie,
    body: `csrf=${csrf}&body=Mr.+Li+in+room+4&target=1` });
  assert.equal(scan.status, 200);
  assert.match(scan.out, /"category": "ROOM"/);
  const reviewer = await loginAs('reviewer');
  const rcookie = `cp_session=${reviewer.client.jar.get('cp_session')}`;
  assert.equal(cgi('review', { uri: `/review/${id}`, cookie: rcookie }).status, 200);
  assert.equal(cgi('review', { uri: '/review', cookie: rcookie }).status, 200);
});

test('accounts pages run clean under valgrind: sealing, validation, the connection test', async () => {
  const admin = await loginAs('admin');
  const cookie = `cp_session=${admin.client.jar.get('cp_session')}`;
  const list = cgi('admin', { uri: '/admin/accounts', cookie });
  assert.equal(list.status, 200);
  const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(list.out)[1];
  assert.equal(cgi('admin', { uri: '/admin/accounts/new', query: 'platform=x', cookie }).status, 200);
  const name = `vg-${Date.now()}`;
  const made = cgi('admin', { method: 'POST', uri: '/admin/accounts', cookie,
    body: `csrf=${csrf}&platform=mastodon&name=${name}&instance=https%3A%2F%2F127.0.0.1%3A1%2F&token=vg-token` });
  assert.equal(made.status, 303);
  const hook = cgi('admin', { method: 'POST', uri: '/admin/accounts', cookie,
    body: `csrf=${csrf}&platform=webhook&name=${name}-hook&url=https%3A%2F%2Fhooks.example%2Fvg` });
  assert.equal(hook.status, 200);
  assert.match(hook.out, /whsec_/);
  const bad = cgi('admin', { method: 'POST', uri: '/admin/accounts', cookie,
    body: `csrf=${csrf}&platform=linkedin&name=${name}-li&organization=urn%3Ali%3Acompany%3A1&token=t` });
  assert.equal(bad.status, 422);
  const id = sqlValue(`SELECT id FROM accounts WHERE name=${q(name)}`);
  assert.ok(id);
  assert.equal(cgi('admin', { uri: `/admin/accounts/${id}`, cookie }).status, 200);
  assert.equal(cgi('admin', { method: 'POST', uri: `/admin/accounts/${id}`, cookie,
    body: `csrf=${csrf}&name=${name}&instance=https%3A%2F%2F127.0.0.1%3A2%2F&token=vg-token-2` }).status, 303);
  assert.equal(cgi('admin', { method: 'POST', uri: `/admin/accounts/${id}/test`, cookie, body: `csrf=${csrf}` }).status, 303);
  assert.equal(cgi('admin', { method: 'POST', uri: `/admin/accounts/${id}/disable`, cookie, body: `csrf=${csrf}` }).status, 303);
  assert.equal(cgi('admin', { method: 'POST', uri: `/admin/accounts/${id}/enable`, cookie, body: `csrf=${csrf}` }).status, 303);
});

test('policy pages run clean under valgrind: Markdown, diffs, the acknowledgement, the gate', async () => {
  // The test before blocks the event loop in spawnSync for longer than
  // nginx keeps an idle connection: one turn of the loop lets fetch see
  // that close before it reuses the socket.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const author = await loginAs('author', { ack: false });
  const cookie = `cp_session=${author.client.jar.get('cp_session')}`;
  const ack = cgi('policy', { uri: '/policy/acknowledge', cookie });
  assert.equal(ack.status, 200);
  assert.match(ack.out, /I have read and will follow this policy/);
  assert.equal(cgi('policy', { uri: '/policy', cookie }).status, 200);
  assert.equal(cgi('policy', { uri: '/policy/patient-privacy', cookie }).status, 200);
  assert.equal(cgi('policy', { uri: '/policy/public/records' }).status, 200);
  assert.equal(cgi('policy', { uri: '/policy/public/no-such-page' }).status, 404);
  const page = await author.client.get('/posts/new');
  const res = await author.client.post('/posts/new', [['csrf', page.csrf()], ['title', 'vg'], ['body', 'Wash your hands.'], ['target', '1']]);
  const id = /\/posts\/(\d+)/.exec(res.location)[1];
  const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(ack.out)[1];
  assert.equal(cgi('desk', { method: 'POST', uri: `/posts/${id}/submit`, cookie, body: `csrf=${csrf}&version=1` }).status, 403);
  const version = /name="version" value="(\d+)"/.exec(ack.out)[1];
  assert.equal(cgi('policy', { method: 'POST', uri: '/policy/acknowledge', cookie, body: `csrf=${csrf}&version=${version}` }).status, 303);

  const admin = await loginAs('admin');
  const acookie = `cp_session=${admin.client.jar.get('cp_session')}`;
  const form = cgi('admin', { uri: '/admin/policy/new', cookie: acookie });
  assert.equal(form.status, 200);
  const acsrf = /name="csrf" value="([0-9a-f]+)"/.exec(form.out)[1];
  const slug = `vg-${Date.now()}`;
  const body = encodeURIComponent('## Rules\n\nOne <script>x()</script> [a](javascript:y) two three.');
  assert.equal(cgi('admin', { method: 'POST', uri: '/admin/policy/new', cookie: acookie,
    body: `csrf=${acsrf}&title=VG&slug=${slug}&body=${body}&note=&action=draft` }).status, 303);
  const pid = sqlValue(`SELECT id FROM policy_pages WHERE slug = ${q(slug)}`);
  const body2 = encodeURIComponent('## Rules\n\nOne two and three, four.');
  assert.equal(cgi('admin', { method: 'POST', uri: `/admin/policy/${pid}`, cookie: acookie,
    body: `csrf=${acsrf}&revision=1&title=VG&slug=${slug}&body=${body2}&note=n&action=minor` }).status, 303);
  assert.equal(cgi('admin', { uri: `/admin/policy/${pid}`, cookie: acookie }).status, 200);
  assert.equal(cgi('admin', { uri: `/admin/policy/${pid}/history`, cookie: acookie }).status, 200);
  assert.equal(cgi('admin', { uri: `/admin/policy/${pid}/diff`, query: 'a=1&b=2', cookie: acookie }).status, 200);
  assert.equal(cgi('admin', { uri: '/admin/policy', cookie: acookie }).status, 200);
});
