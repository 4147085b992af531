// Browser tests: a person signing in with Debian's Chromium, driven by
// playwright-core. Needs CLEARPOST_URL and CLEARPOST_DEMO_PASSWORD (the
// demo users alice, rita and adam), as tests/run.sh provides.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE = process.env.CLEARPOST_URL;
const PASSWORD = process.env.CLEARPOST_DEMO_PASSWORD;
const SHOTS = new URL('./screenshots', import.meta.url).pathname;
let browser;

before(async () => {
  assert.ok(BASE && PASSWORD, 'CLEARPOST_URL and CLEARPOST_DEMO_PASSWORD must be set');
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => { await browser?.close(); });

// A fresh browser profile per test, recording console errors (a CSP
// violation shows up there) so each test can assert there were none.
async function newPage(viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

async function shot(page, name) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

// Signs in through the form and waits for the page that follows: the
// role's landing page, or (for a refusal) the form again with its alert.
async function signIn(page, user, password = PASSWORD) {
  await page.goto(`${BASE}/login`);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await Promise.all([
    password === PASSWORD
      ? page.waitForURL((u) => u.pathname !== '/login', { waitUntil: 'load' })
      : page.getByRole('alert').waitFor(),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

test('an author signs in through the form and lands on My posts', async () => {
  const page = await newPage();
  await signIn(page, 'alice');
  assert.equal(new URL(page.url()).pathname, '/posts');
  assert.match(await page.locator('header').innerText(), /Signed in as alice \(author\)/);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'My posts');
  // alice's list may hold posts from other tests: the page offers a new one
  await page.getByRole('link', { name: 'New post' }).waitFor();
  await shot(page, 'posts-alice');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('each role lands on its own page', async () => {
  for (const [user, path, heading] of [['rita', '/review', 'Review queue'], ['adam', '/admin', 'Administration']]) {
    const page = await newPage();
    await signIn(page, user);
    assert.equal(new URL(page.url()).pathname, path);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), heading);
    await shot(page, `landing-${user}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('a wrong password is refused with a message and the user name kept', async () => {
  const page = await newPage();
  await signIn(page, 'alice', 'not-the-password');
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(await page.getByRole('alert').innerText(), 'Wrong user or password.');
  assert.equal(await page.getByLabel('User name').inputValue(), 'alice');
  assert.equal(await page.getByLabel('Password').inputValue(), '');
  await shot(page, 'login-wrong');
  await page.context().close();
});

test('sign-in works with the keyboard alone', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/login`);
  // The user name field has focus on arrival (autofocus: Chromium may give
  // it a moment after "load", so wait for it rather than type into
  // nothing, which once failed a loaded CI run); Tab reaches the password.
  await page.waitForFunction(() => document.activeElement?.id === 'username', null, { timeout: 5000 });
  await page.keyboard.type('rita');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/review`), page.keyboard.press('Enter')]);
  assert.equal(new URL(page.url()).pathname, '/review');
  await page.context().close();
});

test('signing out ends the session: the landing page asks to sign in again', async () => {
  const page = await newPage();
  await signIn(page, 'alice');
  await Promise.all([page.waitForURL(`${BASE}/login`), page.getByRole('button', { name: 'Sign out' }).click()]);
  await page.goto(`${BASE}/posts`);
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(new URL(page.url()).searchParams.get('next'), '/posts');
  await page.context().close();
});

test('asking for a page before signing in returns there after sign-in', async () => {
  const page = await newPage();
  await page.goto(`${BASE}/admin`);
  assert.equal(new URL(page.url()).pathname, '/login');
  await page.getByLabel('User name').fill('adam');
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/admin`), page.getByRole('button', { name: 'Sign in' }).click()]);
  await page.context().close();
});

test('an author opening the review queue is told no, not shown a blank page', async () => {
  const page = await newPage();
  await signIn(page, 'alice');
  const resp = await page.goto(`${BASE}/review`);
  assert.equal(resp.status(), 403);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Forbidden');
  assert.match(await page.locator('main').innerText(), /Your role does not give access to this page/);
  await shot(page, 'forbidden');
  await page.context().close();
});

test('pages fit a 375 px phone screen without sideways scrolling', async () => {
  for (const user of ['alice', 'adam']) {
    const page = await newPage({ width: 375, height: 740 });
    await page.goto(`${BASE}/login`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), 'login fits');
    await signIn(page, user);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375), `${user}'s page fits`);
    await shot(page, `phone-${user}`);
    await page.context().close();
  }
});
