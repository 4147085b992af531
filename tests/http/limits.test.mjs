// Hostile and oversized requests are refused with a 4xx, and the site keeps serving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, HOST, loginCsrf, raw } from './lib.mjs';

/** The login page still answers 200: nothing crashed or hung. */
async function assertStillServing(after) {
  const res = await new Client().get('/login');
  assert.equal(res.status, 200, `GET /login after ${after}: ${res.describe()}`);
}

/** A client holding a valid cp_pre cookie and its csrf token, so only the tested defect is wrong. */
async function formClient() {
  const client = new Client();
  const csrf = await loginCsrf(client);
  return { client, csrf };
}

function rawPost(path, body, contentType = 'application/x-www-form-urlencoded') {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return raw(Buffer.concat([Buffer.from(
    `POST ${path} HTTP/1.1\r\nHost: ${HOST}\r\nContent-Type: ${contentType}\r\n` +
    `Content-Length: ${b.length}\r\nConnection: close\r\n\r\n`), b]));
}

test('a 2 MB login body gets 413 from nginx', async () => {
  const res = await rawPost('/login', Buffer.alloc(2 * 1024 * 1024, 'a'));
  assert.equal(res.status, 413, res.describe());
  await assertStillServing('a 2 MB body');
});

test('a 300 KB login body (over the 64 KB form limit) gets 413', async () => {
  const { client, csrf } = await formClient();
  const body = `csrf=${encodeURIComponent(csrf)}&username=a&password=${'b'.repeat(300 * 1024)}`;
  const res = await client.post('/login', body);
  assert.equal(res.status, 413, res.describe());
  assert.equal(res.cookie('cp_session'), undefined);
  await assertStillServing('a 300 KB body');
});

test('bad percent-encoding in a form (%zz) gets 400', async () => {
  const { client, csrf } = await formClient();
  const res = await client.post('/login', `username=%zz&password=x&csrf=${encodeURIComponent(csrf)}`);
  assert.equal(res.status, 400, res.describe());
  await assertStillServing('%zz in a form');
});

test('a truncated percent escape at the end of a form (%4) gets 400', async () => {
  const { client, csrf } = await formClient();
  const res = await client.post('/login', `csrf=${encodeURIComponent(csrf)}&password=x&username=a%4`);
  assert.equal(res.status, 400, res.describe());
  await assertStillServing('a truncated escape');
});

test('invalid UTF-8 in a form (%ff%fe) gets 400', async () => {
  const { client, csrf } = await formClient();
  const res = await client.post('/login', `username=%ff%fe&password=x&csrf=${encodeURIComponent(csrf)}`);
  assert.equal(res.status, 400, res.describe());
  await assertStillServing('invalid UTF-8 in a form');
});

test('a form with 2000 fields gets 400 or 413', async () => {
  const { client, csrf } = await formClient();
  const many = Array.from({ length: 2000 }, (_, i) => `f${i}=1`).join('&');
  const res = await client.post('/login', `username=a&password=b&csrf=${encodeURIComponent(csrf)}&${many}`);
  assert.ok([400, 413].includes(res.status), `expected 400 or 413: ${res.describe()}`);
  await assertStillServing('2000 fields');
});

test('a 10,000-byte username gets 400', async () => {
  const { client, csrf } = await formClient();
  const res = await client.post('/login', { username: 'u'.repeat(10000), password: 'whatever-1', csrf });
  assert.equal(res.status, 400, res.describe());
  await assertStillServing('a 10,000-byte field');
});

test('a 10,000-byte password gets 400', async () => {
  const { client, csrf } = await formClient();
  const res = await client.post('/login', { username: 'someone', password: 'p'.repeat(10000), csrf });
  assert.equal(res.status, 400, res.describe());
  await assertStillServing('a 10,000-byte password');
});

test('a multipart body to /login is refused with 400 or 415', async () => {
  const { client, csrf } = await formClient();
  const boundary = 'cpboundary123';
  const part = (n, v) => `--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`;
  const body = part('username', 'a') + part('password', 'b') + part('csrf', csrf) + `--${boundary}--\r\n`;
  const res = await client.request('POST', '/login', {
    body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  assert.ok([400, 415].includes(res.status), `expected 400 or 415: ${res.describe()}`);
  assert.equal(res.cookie('cp_session'), undefined);
  await assertStillServing('a multipart body');
});

test('a JSON body to /login is refused with 400 or 415', async () => {
  const { client, csrf } = await formClient();
  const res = await client.request('POST', '/login', {
    body: JSON.stringify({ username: 'a', password: 'b', csrf }), headers: { 'content-type': 'application/json' },
  });
  assert.ok([400, 415].includes(res.status), `expected 400 or 415: ${res.describe()}`);
  assert.equal(res.cookie('cp_session'), undefined);
  await assertStillServing('a JSON body');
});

test('a garbage request line gets a 400 status line', async () => {
  const res = await raw('GARBAGE\r\n\r\n');
  assert.match(res.statusLine, /^HTTP\/1\.[01] 400\b/, `status line: ${JSON.stringify(res.statusLine)}`);
  await assertStillServing('a garbage request line');
});

test('a 64 KB header line gets a 4xx', async () => {
  const res = await raw(`GET /login HTTP/1.1\r\nHost: ${HOST}\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\nConnection: close\r\n\r\n`);
  assert.ok(res.status >= 400 && res.status < 500, `expected 4xx: ${res.statusLine}`);
  await assertStillServing('a 64 KB header');
});

test('a 64 KB block of many headers gets a 4xx', async () => {
  const headers = Array.from({ length: 64 }, (_, i) => `X-H${i}: ${'b'.repeat(1000)}\r\n`).join('');
  const res = await raw(`GET /login HTTP/1.1\r\nHost: ${HOST}\r\n${headers}Connection: close\r\n\r\n`);
  assert.ok(res.status >= 400 && res.status < 500, `expected 4xx: ${res.statusLine}`);
  await assertStillServing('64 KB of headers');
});

test('a query string with bad encoding (GET /login?x=%zz) gets 400', async () => {
  const res = await new Client().get('/login?x=%zz');
  assert.equal(res.status, 400, res.describe());
  await assertStillServing('a bad query string');
});

test('200 alternating good and bad requests all get the right answer', async () => {
  const client = new Client();
  const seen = {};
  for (let i = 0; i < 200; i++) {
    const bad = i % 2 === 1;
    const res = await client.get(bad ? '/login?x=%zz' : '/login');
    seen[res.status] = (seen[res.status] ?? 0) + 1;
    assert.equal(res.status, bad ? 400 : 200, `request ${i} (${bad ? 'bad' : 'good'}): ${res.describe()}`);
  }
  assert.deepEqual(seen, { 200: 100, 400: 100 });
});
