// Security headers on every kind of response: pages, errors, static files, nginx's own errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, HOST, assertSecurityHeaders, loginAs, raw } from './lib.mjs';

const anon = () => new Client();

const CASES = [
  ['the login page', 200, () => anon().get('/login')],
  ['an authenticated landing page', 200, async () => (await loginAs('author')).client.get('/posts')],
  ['a 403 for the wrong role', 403, async () => (await loginAs('author')).client.get('/admin')],
  ['a 404 for an unknown path', 404, () => anon().get('/nope')],
  ['a 400 for a bad query string', 400, () => anon().get('/login?x=%zz')],
  ['a 405 for PUT /login', 405, () => anon().request('PUT', '/login', { body: '' })],
  ['the health check', 200, () => anon().get('/healthz')],
  ['a static file', 200, () => anon().get('/static/css/app.css')],
  ['a 303 redirect to login', 303, () => anon().get('/posts')],
  ["nginx's own 413 for a 2 MB body", 413, () => {
    const body = Buffer.alloc(2 * 1024 * 1024, 'a');
    return raw(Buffer.concat([Buffer.from(
      `POST /login HTTP/1.1\r\nHost: ${HOST}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`), body]));
  }],
];

for (const [label, status, send] of CASES) {
  test(`security headers on ${label} (${status})`, async () => {
    const res = await send();
    assert.equal(res.status, status, `${label}: ${res.describe()}`);
    assertSecurityHeaders(res, label);
  });
}

test('the stylesheet is served as CSS', async () => {
  const res = await anon().get('/static/css/app.css');
  assert.equal(res.status, 200, res.describe());
  assert.match(res.headers.get('content-type') ?? '', /text\/css/);
});

test('Cache-Control no-store on the login page and on authenticated pages', async () => {
  const lp = await anon().get('/login');
  assert.match(lp.headers.get('cache-control') ?? '', /no-store/, `/login: ${lp.headers.get('cache-control')}`);
  for (const role of ['author', 'reviewer', 'admin']) {
    const { client } = await loginAs(role);
    const path = { author: '/posts', reviewer: '/review', admin: '/admin' }[role];
    const page = await client.get(path);
    assert.equal(page.status, 200, page.describe());
    assert.match(page.headers.get('cache-control') ?? '', /no-store/, `${path}: ${page.headers.get('cache-control')}`);
  }
});

test('the Server header shows no nginx version', async () => {
  for (const path of ['/login', '/nope', '/static/css/app.css']) {
    const res = await anon().get(path);
    const server = res.headers.get('server');
    if (server !== null) assert.equal(server, 'nginx', `${path}: Server: ${server}`);
  }
});

test('error pages do not show the nginx version either', async () => {
  const res = await raw('GARBAGE\r\n\r\n');
  assert.doesNotMatch(res.text, /nginx\/\d/, 'no version in the body of the 400');
});
