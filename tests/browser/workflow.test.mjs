// The core loop in a real browser: an author drafts a post with a patient's
// name and phone number and sees them highlighted as they type, explains
// them and submits; a reviewer rejects with a reason; the author sees it,
// fixes the text and resubmits; the reviewer sees what changed and
// approves. Screenshots of each page go to tests/browser/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE = process.env.CLEARPOST_URL;
const PASSWORD = process.env.CLEARPOST_DEMO_PASSWORD;
const SHOTS = new URL('./screenshots', import.meta.url).pathname;
let browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { await browser?.close(); });

async function as(user) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(`${BASE}/login`);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.getByRole('button', { name: 'Sign in' }).click()]);
  return page;
}

const shot = (page, name) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

// Until a user has acknowledged the social media policy in force, their
// landing page carries a banner and they cannot submit (or approve). The
// first time through, the walk-through follows the banner, reads the
// policy and confirms, which leads back to the landing page. Returns
// whether it had to.
async function acknowledgeIfAsked(page, landing, name) {
  await page.goto(`${BASE}${landing}`);
  const banner = page.locator('.policy-banner');
  if (await banner.count() === 0) return false;
  await Promise.all([page.waitForURL(/\/policy\/acknowledge/), banner.getByRole('link', { name: 'Read it and acknowledge it' }).click()]);
  await page.getByRole('heading', { name: /^The policy, version \d+$/ }).waitFor();
  await shot(page, name);
  await Promise.all([page.waitForURL(`${BASE}${landing}`),
    page.getByRole('button', { name: 'I have read and will follow this policy' }).click()]);
  assert.equal(await page.locator('.policy-banner').count(), 0, 'the banner is gone once acknowledged');
  return true;
}

test('draft, live findings, submit, reject, fix, resubmit, diff, approve', async () => {
  const title = `Gala thank-you ${Date.now()}`;
  const author = await as('alice');
  await acknowledgeIfAsked(author, '/posts', '0-author-policy');
  await author.goto(`${BASE}/posts/new`);
  await author.getByLabel('Title').fill(title);
  await author.getByLabel('Public Atom feed').check();
  await author.getByLabel('Text', { exact: true }).fill('So proud of our patient Maria Gonzalez, home after 40 days! Call her family at 410-555-0147 to send cards.');
  // Highlighted before anything is saved.
  const preview = author.locator('#live-preview');
  await preview.locator('mark.phi-block', { hasText: 'Maria Gonzalez' }).waitFor();
  await preview.locator('mark.phi-block', { hasText: '410-555-0147' }).waitFor();
  assert.match(await author.locator('#live-status').innerText(), /blocking submission/);
  await shot(author, '1-author-live-findings');
  await Promise.all([author.waitForURL(/\/posts\/\d+\?saved=1/), author.getByRole('button', { name: 'Save' }).click()]);
  const postUrl = author.url().replace(/\?.*$/, '');
  const id = postUrl.split('/').pop();

  // Explain each blocking finding and submit.
  for (const input of await author.locator('input[name^=override_]').all())
    await input.fill('Shared with the family’s written consent');
  await shot(author, '2-author-explains');
  await Promise.all([author.waitForURL(/\/posts\?done=submitted/), author.getByRole('button', { name: 'Submit for review' }).click()]);

  // The reviewer rejects with a reason.
  const reviewer = await as('rita');
  await acknowledgeIfAsked(reviewer, '/review', '0-reviewer-policy');
  await reviewer.goto(`${BASE}/review`);
  await reviewer.getByRole('link', { name: title }).click();
  await reviewer.locator('mark.phi-block', { hasText: 'Maria Gonzalez' }).waitFor();
  assert.match(await reviewer.locator('.findings').innerText(), /written consent/);
  await shot(reviewer, '3-reviewer-findings');
  await reviewer.getByLabel('Reason for rejecting').fill('Please remove the family phone number; the name can stay with consent.');
  await Promise.all([reviewer.waitForURL(/\/review\?done=rejected/), reviewer.getByRole('button', { name: 'Reject' }).click()]);

  // The author sees the reason, fixes the text and resubmits.
  await author.goto(postUrl);
  assert.match(await author.locator('.rejected').innerText(), /remove the family phone number/);
  await shot(author, '4-author-rejected');
  await author.getByLabel('Text', { exact: true }).fill('So proud of our patient Maria Gonzalez, home after 40 days! Send cards through our front desk.');
  await Promise.all([author.waitForURL(/saved=1/), author.getByRole('button', { name: 'Save' }).click()]);
  for (const input of await author.locator('input[name^=override_]').all())
    await input.fill('Shared with the family’s written consent');
  await Promise.all([author.waitForURL(/done=submitted/), author.getByRole('button', { name: 'Submit for review' }).click()]);

  // The reviewer sees what changed and approves.
  await reviewer.goto(`${BASE}/review/${id}`);
  const diff = reviewer.locator('.diff');
  assert.match(await diff.locator('del').allInnerTexts().then((t) => t.join(' ')), /410-555-0147/);
  assert.match(await diff.locator('ins').allInnerTexts().then((t) => t.join(' ')), /front desk/);
  await shot(reviewer, '5-reviewer-diff');
  await Promise.all([reviewer.waitForURL(/done=approved/), reviewer.getByRole('button', { name: /Approve version/ }).click()]);
  // The publisher sends it to the feed; the author follows it on the post.
  let live = 0;
  for (let i = 0; i < 40 && live === 0; i++) {
    await author.goto(`${BASE}/posts/${id}`);
    live = await author.getByRole('link', { name: 'view the live post' }).count();
    if (live === 0) await author.waitForTimeout(250);
  }
  assert.equal(live, 1, 'the post page links to the published entry');
  assert.match(await author.locator('.deliveries').innerText(), /Public Atom feed[\s\S]*published/);
  await shot(author, '6-author-published');
  assert.deepEqual(author.errors, []);
  assert.deepEqual(reviewer.errors, []);
  await author.context().close();
  await reviewer.context().close();
});

test('without JavaScript the draft form still saves and shows the findings', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${BASE}/login`);
  await page.getByLabel('User name').fill('alice');
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL(/\/posts/), page.getByRole('button', { name: 'Sign in' }).click()]);
  await page.goto(`${BASE}/posts/new`);
  await page.getByLabel('Title').fill('No JS');
  await page.getByLabel('Public Atom feed').check();
  await page.getByLabel('Text', { exact: true }).fill('Welcome home, Mr. Okafor!');
  await Promise.all([page.waitForURL(/saved=1/), page.getByRole('button', { name: 'Save' }).click()]);
  await page.locator('mark.phi-block', { hasText: 'Okafor' }).waitFor();
  await context.close();
});
