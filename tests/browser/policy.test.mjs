// The social media policy in a real browser. A new author who has not
// acknowledged the policy drafts a post but is stopped at "Submit for
// review", follows the link, reads the policy, confirms, and submits. An
// administrator then publishes a change that needs re-acknowledgement: the
// author is stopped again and sees exactly what changed. The administrator
// reads the page's revision history and compares two revisions.
// Needs CLEARPOST_URL, CLEARPOST_DEMO_PASSWORD, CLEARPOST_ROOT and
// CLEARPOST_CONFIG (tests/run.sh exports them): the author is made with
// bin/clearpost so that it starts without an acknowledgement.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE = process.env.CLEARPOST_URL;
const PASSWORD = process.env.CLEARPOST_DEMO_PASSWORD;
const ROOT = process.env.CLEARPOST_ROOT;
const CONFIG = process.env.CLEARPOST_CONFIG;
const SHOTS = new URL('./screenshots', import.meta.url).pathname;
let browser;

before(async () => {
  assert.ok(BASE && PASSWORD && ROOT && CONFIG, 'CLEARPOST_URL, _DEMO_PASSWORD, _ROOT and _CONFIG must be set');
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { await browser?.close(); });

const shot = (page, name) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

function newAuthor() {
  const username = `pol${randomBytes(4).toString('hex')}`;
  const password = `Pw-${randomBytes(12).toString('hex')}`;
  const r = spawnSync(`${ROOT}/bin/clearpost`, ['user', 'add', username, 'author', '--password-stdin'], {
    input: password, encoding: 'utf8', env: { ...process.env, CLEARPOST_CONFIG: CONFIG }, timeout: 60000,
  });
  assert.equal(r.status, 0, `user add: ${r.stdout}${r.stderr}`);
  return { username, password };
}

async function signIn(user, password) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  // The refused submission is a 403 on purpose; any other error counts.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 403/.test(m.text())) page.errors.push(m.text());
  });
  await page.goto(`${BASE}/login`);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.getByRole('button', { name: 'Sign in' }).click()]);
  return page;
}

/** The admin writes a page through the form and saves it with `action` (the radio's label). */
async function savePage(admin, { title, slug, body, note, action }) {
  if (title !== undefined) await admin.getByLabel('Title').fill(title);
  if (slug !== undefined) await admin.getByLabel('Address').fill(slug);
  await admin.getByLabel('Text (Markdown)').fill(body);
  if (note !== undefined) await admin.getByLabel(/Summary of the change/).fill(note);
  await admin.getByLabel(action).check();
  await Promise.all([admin.waitForURL(/\/admin\/policy\/\d+\?done=/), admin.getByRole('button', { name: 'Save' }).click()]);
}

test('an author is stopped until they acknowledge, and again after a material change', async () => {
  const who = newAuthor();
  const author = await signIn(who.username, who.password);
  assert.equal(new URL(author.url()).pathname, '/posts');
  const banner = author.locator('.policy-banner');
  assert.match(await banner.innerText(), /cannot submit posts/);

  // Drafting stays open; submitting is refused with a way forward.
  await author.goto(`${BASE}/posts/new`);
  await author.getByLabel('Title').fill(`Policy gate ${Date.now()}`);
  await author.getByLabel('Public Atom feed').check();
  await author.getByLabel('Text', { exact: true }).fill('Our walk-in clinic now opens at 7am on weekdays.');
  await Promise.all([author.waitForURL(/\/posts\/\d+\?saved=1/), author.getByRole('button', { name: 'Save' }).click()]);
  const postPath = new URL(author.url()).pathname;
  await author.getByRole('button', { name: 'Submit for review' }).click();
  await author.getByRole('heading', { name: 'Forbidden' }).waitFor();
  assert.match(await author.locator('main').innerText(), /cannot submit posts for review until you have read the current social media policy/);
  await shot(author, 'policy-1-submit-refused');

  // The link leads to the policy; confirming leads back to the post.
  await Promise.all([author.waitForURL(/\/policy\/acknowledge\?next=/), author.getByRole('link', { name: 'Read the policy and acknowledge it' }).click()]);
  assert.match(await author.locator('main').innerText(), /Please read the whole policy below/);
  await author.getByRole('heading', { name: 'Patient privacy: nothing without written consent' }).waitFor();
  await shot(author, 'policy-2-acknowledge');
  await Promise.all([author.waitForURL(`${BASE}${postPath}`),
    author.getByRole('button', { name: 'I have read and will follow this policy' }).click()]);
  assert.equal(await author.locator('.policy-banner').count(), 0);
  await Promise.all([author.waitForURL(/\/posts\?done=submitted/), author.getByRole('button', { name: 'Submit for review' }).click()]);

  // An administrator adds a page as a change that needs re-acknowledgement.
  const admin = await signIn('adam', PASSWORD);
  await admin.goto(`${BASE}/admin/policy`);
  await Promise.all([admin.waitForURL(/\/admin\/policy\/new/), admin.getByRole('link', { name: 'New page' }).click()]);
  const slug = `live-video-${randomBytes(3).toString('hex')}`;
  await savePage(admin, { title: 'Live video', slug, body: 'No live video from clinical areas.', note: 'live video rules',
    action: /needs re-acknowledgement/ });
  assert.match(await admin.locator('.notice').innerText(), /Published/);

  // The author is stopped again and sees the new page.
  await author.goto(`${BASE}/posts`);
  await Promise.all([author.waitForURL(/\/policy\/acknowledge/), author.locator('.policy-banner').getByRole('link').click()]);
  const changes = author.locator('.diff-box');
  assert.match(await changes.innerText(), /live video rules/);
  assert.match(await changes.innerText(), /Live video\s+A new page/);
  await Promise.all([author.waitForURL(`${BASE}/posts`),
    author.getByRole('button', { name: 'I have read and will follow this policy' }).click()]);

  // A reworded page: the author sees a word-by-word diff of it.
  await savePage(admin, { body: 'No live video from any clinical area, waiting room or ward.', action: /needs re-acknowledgement/ });
  await author.goto(`${BASE}/policy/acknowledge`);
  const diff = author.locator('.diff-box .diff');
  await diff.waitFor();
  assert.match((await diff.locator('ins').allInnerTexts()).join(' '), /ward/);
  assert.match((await diff.locator('del').allInnerTexts()).join(' '), /areas/);
  await shot(author, 'policy-3-what-changed');
  await author.getByRole('button', { name: 'I have read and will follow this policy' }).click();
  await author.waitForURL(/\/policy\?done=acknowledged/);
  assert.match(await author.locator('main').innerText(), /You acknowledged version \d+/);

  // The revision history and a comparison of two revisions.
  await admin.getByRole('link', { name: 'History' }).click();
  await admin.waitForURL(/\/history$/);
  assert.equal(await admin.locator('tr.revision').count(), 2);
  await shot(admin, 'policy-4-history');
  await admin.getByLabel('Compare revision').selectOption('1');
  await admin.getByLabel('with revision').selectOption('2');
  await Promise.all([admin.waitForURL(/\/diff\?a=1&b=2/), admin.getByRole('button', { name: 'Show the changes' }).click()]);
  assert.match((await admin.locator('.diff ins').allInnerTexts()).join(' '), /waiting room/);
  await shot(admin, 'policy-5-diff');

  // The public copy, as linked from the organisation's profiles.
  const anon = await (await browser.newContext()).newPage();
  await anon.goto(`${BASE}/policy/public/${slug}`);
  assert.equal(await anon.getByRole('heading', { level: 1 }).innerText(), 'Live video');
  assert.match(await anon.locator('article').innerText(), /waiting room or ward/);
  assert.equal(await anon.getByRole('button', { name: 'Sign out' }).count(), 0);

  assert.deepEqual(author.errors, []);
  assert.deepEqual(admin.errors, []);
  await anon.context().close();
  await author.context().close();
  await admin.context().close();
});
