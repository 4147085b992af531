// Accessibility basics on every page a person uses: each visible control
// has a label, the page has one h1, and it fits a 375 px screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const BASE = process.env.CLEARPOST_URL;
const PASSWORD = process.env.CLEARPOST_DEMO_PASSWORD;
let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { await browser?.close(); });

async function as(user, width) {
  const page = await (await browser.newContext({ viewport: { width, height: 800 } })).newPage();
  await page.goto(`${BASE}/login`);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.getByRole('button', { name: 'Sign in' }).click()]);
  return page;
}

// Controls without a label (by <label for>, a wrapping label or aria-label).
const unlabelled = () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
  .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
  .map((el) => el.outerHTML.slice(0, 80));

for (const width of [375, 1280]) {
  test(`every page has labelled controls and one h1, and fits ${width} px`, async () => {
    const pages = { alice: ['/posts', '/posts/new', '/posts/authorizations/new', '/notifications', '/password', '/policy',
      '/policy/acknowledge', '/policy/patient-privacy', '/policy/public/medical-questions'],
    rita: ['/review', '/review/authorizations', '/notifications'],
    adam: ['/admin', '/admin/users', '/admin/users/1', '/admin/settings', '/admin/policy', '/admin/policy/new',
      '/admin/policy/1', '/admin/policy/1/history'] };
    for (const [user, paths] of Object.entries(pages)) {
      const page = await as(user, width);
      for (const path of paths) {
        await page.goto(`${BASE}${path}`);
        assert.deepEqual(await page.evaluate(unlabelled), [], `${path}: every control has a label`);
        assert.equal(await page.locator('h1').count(), 1, `${path}: one h1`);
        const fits = await page.evaluate((w) => document.documentElement.scrollWidth <= w, width);
        assert.ok(fits, `${path} fits ${width} px`);
      }
      await page.context().close();
    }
  });
}

test('the post form can be filled and saved with the keyboard alone', async () => {
  const page = await as('alice', 1280);
  await page.goto(`${BASE}/posts/new`);
  await page.locator('#title').focus();
  await page.keyboard.type('Keyboard only');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Wash your hands for 20 seconds.');
  await page.keyboard.press('Tab'); // first target checkbox
  await page.keyboard.press('Space');
  const focused = await page.evaluate(() => document.activeElement?.id);
  assert.match(focused, /^target-/);
  await page.locator('button', { hasText: 'Save' }).focus();
  await Promise.all([page.waitForURL(/saved=1/), page.keyboard.press('Enter')]);
  await page.context().close();
});
