// Logging in: the form, the session cookie, wrong credentials, CSRF on the login form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, Client, DEMO, DEMO_PASSWORD, LANDING, hasHiddenInput, hasInput, login, loginCsrf, newUser, sql, userId,
} from './lib.mjs';

const WRONG = 'Wrong user or password.';

test('the login page shows a form with username, password and a hidden csrf token', async () => {
  const res = await new Client().get('/login');
  assert.equal(res.status, 200, res.describe());
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  assert.ok(hasInput(res.text, 'username'), 'has a username input');
  assert.ok(hasInput(res.text, 'password'), 'has a password input');
  assert.match(res.text, /<input\b[^>]*\btype\s*=\s*["']password["']/i, 'the password input is type=password');
  assert.ok(hasHiddenInput(res.text, 'csrf'), 'has a hidden csrf input');
  assert.ok(res.csrf(), 'the csrf input has a value');
});

test('the login page sets a locked-down pre-session cookie cp_pre', async () => {
  const res = await new Client().get('/login');
  const c = res.cookie('cp_pre');
  assert.ok(c, `cp_pre set: ${res.describe()}`);
  assert.ok(c.value.length > 0);
  assert.equal(c.attrs.httponly, true, `HttpOnly: ${c.raw}`);
  assert.equal(c.attrs.secure, true, `Secure: ${c.raw}`);
  assert.equal(String(c.attrs.samesite).toLowerCase(), 'strict', `SameSite=Strict: ${c.raw}`);
  assert.equal(c.attrs.path, '/', `Path=/: ${c.raw}`);
});

for (const role of ['author', 'reviewer', 'admin']) {
  test(`demo ${role} ${DEMO[role]} logs in and lands on ${LANDING[role]}`, async () => {
    const { res } = await login(DEMO[role], DEMO_PASSWORD);
    assert.equal(res.status, 303, res.describe());
    assert.equal(res.locationPath, LANDING[role]);
  });
}

test('a successful login sets cp_session: 256-bit hex id, HttpOnly, Secure, SameSite=Strict, Path=/', async () => {
  const u = newUser('author');
  const { res } = await login(u.username, u.password);
  assert.equal(res.status, 303, res.describe());
  const c = res.cookie('cp_session');
  assert.ok(c, `cp_session set: ${res.describe()}`);
  assert.match(c.value, /^[0-9a-f]{64,}$/i, `cp_session is 64+ hex chars: ${c.value}`);
  assert.equal(c.attrs.httponly, true, c.raw);
  assert.equal(c.attrs.secure, true, c.raw);
  assert.equal(String(c.attrs.samesite).toLowerCase(), 'strict', c.raw);
  assert.equal(c.attrs.path, '/', c.raw);
});

test('the session cookie logs the user in: the landing page answers 200', async () => {
  const u = newUser('author');
  const { client, res } = await login(u.username, u.password);
  assert.equal(res.status, 303, res.describe());
  const page = await client.get('/posts');
  assert.equal(page.status, 200, page.describe());
  assert.ok(page.text.includes(u.username), 'the page shows who is logged in');
});

test('each login gets a new session id and both sessions keep working', async () => {
  const u = newUser('author');
  const a = await login(u.username, u.password);
  const b = await login(u.username, u.password);
  const ca = a.res.cookie('cp_session');
  const cb = b.res.cookie('cp_session');
  assert.ok(ca && cb, 'both logins set cp_session');
  assert.notEqual(ca.value, cb.value);
  assert.equal((await a.client.get('/posts')).status, 200, 'first session still works');
  assert.equal((await b.client.get('/posts')).status, 200, 'second session works');
});

test('a session id planted before login is never adopted', async () => {
  const u = newUser('author');
  const planted = 'ab'.repeat(32);
  const client = new Client({ cp_session: planted });
  const { res } = await login(u.username, u.password, { client });
  assert.equal(res.status, 303, res.describe());
  const c = res.cookie('cp_session');
  assert.ok(c, 'login sets its own cp_session');
  assert.notEqual(c.value, planted);
  const withPlanted = await new Client({ cp_session: planted }).get('/posts');
  assert.equal(withPlanted.status, 303, `planted id does not log anyone in: ${withPlanted.describe()}`);
});

test('the session id is not stored in the clear in the database', async () => {
  const u = newUser('author');
  const { res } = await login(u.username, u.password);
  const id = res.cookie('cp_session').value;
  const dump = sql(`SELECT * FROM sessions WHERE user_id=${userId(u.username)}`).flat().join('\t');
  assert.ok(dump.length > 0, 'a session row exists for the user');
  assert.ok(!dump.toLowerCase().includes(id.toLowerCase()), 'the raw cookie value does not appear in the sessions table');
});

test('a wrong password gets 401, the form again and "Wrong user or password."', async () => {
  const u = newUser('author');
  const { client, res } = await login(u.username, 'not-' + u.password);
  assert.equal(res.status, 401, res.describe());
  assert.ok(res.text.includes(WRONG), `shows "${WRONG}"`);
  assert.ok(hasInput(res.text, 'username') && hasInput(res.text, 'password'), 'the form is shown again');
  assert.ok(hasHiddenInput(res.text, 'csrf'), 'the form again has a csrf token');
  assert.equal(res.cookie('cp_session'), undefined, 'no session cookie');
  assert.ok(!client.jar.has('cp_session'));
});

test('an unknown user gets the same 401 and the same words as a wrong password', async () => {
  const { res } = await login('nobody' + Date.now(), 'whatever-password-1');
  assert.equal(res.status, 401, res.describe());
  assert.ok(res.text.includes(WRONG), `shows "${WRONG}"`);
  assert.equal(res.cookie('cp_session'), undefined, 'no session cookie');
});

test('the 401 page never echoes the submitted password', async () => {
  const u = newUser('author');
  const typo = `Typo-${u.password}-Zq7`;
  const { res } = await login(u.username, typo);
  assert.equal(res.status, 401, res.describe());
  assert.ok(!res.text.includes(typo), 'the password is not in the page');
  assert.ok(!res.text.includes(encodeURIComponent(typo)), 'nor url-encoded');
});

test('a password with spaces and symbols (+ & = %) works', async () => {
  const u = newUser('author', { password: 'correct horse+battery&staple=100% "ok"' });
  const { res } = await login(u.username, u.password);
  assert.equal(res.status, 303, res.describe());
  assert.equal(res.locationPath, '/posts');
});

test('a non-ASCII (UTF-8) password works', async () => {
  const u = newUser('author', { password: 'Grüße-aus-Zürich-ß-€-42' });
  const { res } = await login(u.username, u.password);
  assert.equal(res.status, 303, res.describe());
});

test('a login without a csrf token is refused with 403 and no session', async () => {
  const u = newUser('author');
  const client = new Client();
  await loginCsrf(client);
  const res = await client.post('/login', { username: u.username, password: u.password });
  assert.equal(res.status, 403, res.describe());
  assert.equal(res.cookie('cp_session'), undefined);
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE user_id=${userId(u.username)}`)[0][0], '0', 'no session row created');
});

test('a login with a wrong csrf token is refused with 403 and no session', async () => {
  const u = newUser('author');
  const client = new Client();
  const csrf = await loginCsrf(client);
  const bad = csrf.length > 1 ? csrf.slice(0, -1) + (csrf.at(-1) === 'a' ? 'b' : 'a') : 'x';
  const res = await client.post('/login', { username: u.username, password: u.password, csrf: bad });
  assert.equal(res.status, 403, res.describe());
  assert.equal(res.cookie('cp_session'), undefined);
  assert.equal(sql(`SELECT COUNT(*) FROM sessions WHERE user_id=${userId(u.username)}`)[0][0], '0', 'no session row created');
});

test("another browser's csrf token does not work (bound to cp_pre)", async () => {
  const u = newUser('author');
  const victim = new Client();
  const attacker = new Client();
  const attackerCsrf = await loginCsrf(attacker);
  await loginCsrf(victim);
  const res = await victim.post('/login', { username: u.username, password: u.password, csrf: attackerCsrf });
  assert.equal(res.status, 403, res.describe());
  assert.equal(res.cookie('cp_session'), undefined);
});

test('a csrf token without its cp_pre cookie is refused with 403', async () => {
  const u = newUser('author');
  const client = new Client();
  const csrf = await loginCsrf(client);
  const res = await new Client().post('/login', { username: u.username, password: u.password, csrf });
  assert.equal(res.status, 403, res.describe());
  assert.equal(res.cookie('cp_session'), undefined);
});

test('a login form without the username field gets 400', async () => {
  const client = new Client();
  const csrf = await loginCsrf(client);
  const res = await client.post('/login', { password: 'whatever-password-1', csrf });
  assert.equal(res.status, 400, res.describe());
  assert.equal(res.cookie('cp_session'), undefined);
});

test('a login form without the password field gets 400', async () => {
  const u = newUser('author');
  const client = new Client();
  const csrf = await loginCsrf(client);
  const res = await client.post('/login', { username: u.username, csrf });
  assert.equal(res.status, 400, res.describe());
  assert.equal(res.cookie('cp_session'), undefined);
});

test('an off-site "next" cannot send the user away after login', async () => {
  const origin = new URL(BASE).origin;
  for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example/x', 'javascript:alert(1)']) {
    const u = newUser('author');
    const { res } = await login(u.username, u.password, { next });
    assert.equal(res.status, 303, `next=${next}: ${res.describe()}`);
    const target = new URL(res.location, origin + '/');
    assert.equal(target.origin, origin, `next=${next} redirected to ${res.location}`);
  }
});

test('a login carrying next=/posts lands on /posts', async () => {
  const u = newUser('author');
  const { res } = await login(u.username, u.password, { next: '/posts' });
  assert.equal(res.status, 303, res.describe());
  assert.equal(res.locationPath, '/posts');
});
