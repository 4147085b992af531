// Landing pages per role, the role checks in front of them, and GET /.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, LANDING, assertToLogin, formFor, hasHiddenInput, loginAs, sqlValue } from './lib.mjs';

const EMPTY = { author: 'No posts yet', reviewer: 'No posts waiting for review' };

for (const role of ['author', 'reviewer', 'admin']) {
  const path = LANDING[role];

  test(`a new ${role} sees ${path} with their name${EMPTY[role] ? ` and "${EMPTY[role]}"` : ''}`, async () => {
    const { client, user } = await loginAs(role);
    const page = await client.get(path);
    assert.equal(page.status, 200, page.describe());
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.ok(page.text.includes(user.username), `${path} shows the username ${user.username}`);
    // The review queue is shared: it is empty only while no post waits.
    const waiting = role === 'reviewer' && sqlValue("SELECT COUNT(*) FROM posts WHERE state='in_review'") !== '0';
    if (EMPTY[role] && !waiting) assert.ok(page.text.includes(EMPTY[role]), `${path} shows "${EMPTY[role]}"`);
    if (waiting) assert.match(page.text, /Posts waiting for review/);
  });

  test(`${path} has a logout form with a hidden csrf token`, async () => {
    const { client } = await loginAs(role);
    const page = await client.get(path);
    assert.equal(page.status, 200, page.describe());
    const form = formFor(page.text, '/logout');
    assert.ok(form, `${path} has <form action="/logout">`);
    assert.match(form, /<form\b[^>]*\bmethod\s*=\s*["']?post\b/i, 'the logout form posts');
    assert.ok(hasHiddenInput(form, 'csrf'), 'the logout form carries a hidden csrf input');
    assert.ok(page.csrf(), 'the csrf input has a value');
  });

  test(`${path} without a session redirects to /login`, async () => {
    assertToLogin(await new Client().get(path), `GET ${path}`);
  });

  test(`${path} with a made-up session cookie redirects to /login`, async () => {
    assertToLogin(await new Client({ cp_session: '0123456789abcdef'.repeat(4) }).get(path), `GET ${path}`);
  });

  test(`GET / sends a logged-in ${role} to ${path}`, async () => {
    const { client } = await loginAs(role);
    const res = await client.get('/');
    assert.equal(res.status, 303, res.describe());
    assert.equal(res.locationPath, path);
  });
}

test('GET / without a session redirects to /login', async () => {
  assertToLogin(await new Client().get('/'), 'GET /');
});

const FORBIDDEN = [
  ['author', '/review'],
  ['author', '/admin'],
  ['reviewer', '/posts'],
  ['reviewer', '/admin'],
];

for (const [role, path] of FORBIDDEN) {
  test(`an ${role} gets 403 on ${path}`, async () => {
    const { client } = await loginAs(role);
    const res = await client.get(path);
    assert.equal(res.status, 403, res.describe());
    assert.match(res.headers.get('content-type') ?? '', /text\/html/, 'the 403 is a page');
    // The refusal does not log the user out.
    assert.equal((await client.get(LANDING[role])).status, 200);
  });
}

test('pages are not cached: Cache-Control no-store on /login and on a landing page', async () => {
  const { client } = await loginAs('author');
  const page = await client.get('/posts');
  assert.match(page.headers.get('cache-control') ?? '', /no-store/, '/posts Cache-Control');
  const lp = await new Client().get('/login');
  assert.match(lp.headers.get('cache-control') ?? '', /no-store/, '/login Cache-Control');
});
