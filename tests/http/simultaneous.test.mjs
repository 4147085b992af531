// Several people at work at once: authors drafting and submitting, reviewers
// approving, someone acknowledging the policy, overdue posts expiring and the
// publisher sending, all against one stack. Nobody may get a 503 for it (a
// deadlock between two of them once surfaced as "Service Unavailable" on a
// submit), and every transition happens exactly once.
//
// The amount of work is fixed, not the time: on a slow machine the test takes
// longer, it does not do less. The file name sorts after feed.test.mjs on
// purpose: the posts published here would make its empty-feed case skip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loginAs, sql } from './lib.mjs';

const CLEAN_TEXT = 'Flu shots are free at all of our clinics this week, Mon-Fri 8am-5pm.';
const ROUNDS = 12;

const versionOf = (html) => /name="version" value="(\d+)"/.exec(html)?.[1];

/** Records every reply that is not the expected status, with what was asked. */
function expecter(problems) {
  return (res, status, what) => {
    if (res.status !== status) problems.push(`${what}: ${res.status} (expected ${status})`);
    return res.status === status;
  };
}

async function createPost(client, expect, title) {
  const page = await client.get('/posts/new');
  if (!expect(page, 200, 'GET /posts/new')) return 0;
  const res = await client.post('/posts/new', [['csrf', page.csrf()], ['title', title], ['body', CLEAN_TEXT], ['target', '1']]);
  if (!expect(res, 303, 'create')) return 0;
  return Number(/\/posts\/(\d+)/.exec(res.location)[1]);
}

async function submit(client, expect, id, status = 303) {
  const page = await client.get(`/posts/${id}`);
  if (!expect(page, 200, `GET /posts/${id}`)) return false;
  const res = await client.post(`/posts/${id}/submit`, [['csrf', page.csrf()], ['version', versionOf(page.text)]]);
  return expect(res, status, `submit ${id}`);
}

async function approve(client, expect, id) {
  const page = await client.get(`/review/${id}`);
  if (!expect(page, 200, `GET /review/${id}`)) return false;
  const res = await client.post(`/review/${id}/approve`, [['csrf', page.csrf()], ['version', versionOf(page.text)]]);
  return expect(res, 303, `approve ${id}`);
}

async function acknowledge(client, expect) {
  const page = await client.get('/policy/acknowledge');
  if (!expect(page, 200, 'GET /policy/acknowledge')) return false;
  const res = await client.post('/policy/acknowledge', { csrf: page.csrf(), version: versionOf(page.text) });
  return expect(res, 303, 'acknowledge');
}

/** One author and one reviewer: draft, submit, approve, and look at the lists in between. */
async function desk(expect, approved) {
  const author = await loginAs('author');
  const reviewer = await loginAs('reviewer');
  for (let i = 0; i < ROUNDS; i++) {
    const id = await createPost(author.client, expect, `Concurrent ${i}`);
    if (!id || !(await submit(author.client, expect, id))) continue;
    expect(await author.client.get('/posts'), 200, 'GET /posts');
    expect(await reviewer.client.get('/review'), 200, 'GET /review');
    if (await approve(reviewer.client, expect, id)) approved.push(id);
  }
}

/** New staff every round: refused before acknowledging, let through after. */
async function newcomers(expect, approved) {
  const reviewer = await loginAs('reviewer');
  for (let i = 0; i < ROUNDS / 2; i++) {
    const author = await loginAs('author', { ack: false });
    const id = await createPost(author.client, expect, `Newcomer ${i}`);
    if (!id) continue;
    await submit(author.client, expect, id, 403);
    if (!(await acknowledge(author.client, expect))) continue;
    if (!(await submit(author.client, expect, id))) continue;
    if (await approve(reviewer.client, expect, id)) approved.push(id);
  }
}

test('authors, reviewers, expiry and the publisher at once: no 503, every transition once', async () => {
  // Posts in review whose scheduled time has passed: whoever opens a list
  // next expires them, while the others approve.
  const owner = await loginAs('author');
  const problems = [];
  const expect = expecter(problems);
  const overdue = [];
  for (let i = 0; i < 4; i++) {
    const id = await createPost(owner.client, expect, `Overdue ${i}`);
    if (id && (await submit(owner.client, expect, id))) overdue.push(id);
  }
  assert.deepEqual(problems, [], 'setting up the overdue posts');
  sql(`UPDATE posts SET scheduled_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE id IN (${overdue.join(',')})`);

  const approved = [];
  await Promise.all([desk(expect, approved), desk(expect, approved), desk(expect, approved), newcomers(expect, approved)]);
  assert.deepEqual(problems, [], 'every request got the answer it would get alone');
  assert.equal(approved.length, 3 * ROUNDS + ROUNDS / 2);

  // Expired exactly once each, with one notice to the author.
  expect(await owner.client.get('/posts'), 200, 'GET /posts');
  const list = overdue.join(',');
  assert.deepEqual(sql(`SELECT DISTINCT state FROM posts WHERE id IN (${list})`), [['expired']]);
  const expiries = sql(`SELECT object, COUNT(*) FROM audit_log WHERE action = 'post.expire'
                        AND object IN (${overdue.map((id) => `'post:${id}'`).join(',')}) GROUP BY object`);
  assert.equal(expiries.length, overdue.length, 'each overdue post was expired');
  assert.ok(expiries.every(([, n]) => n === '1'), `each expired once: ${JSON.stringify(expiries)}`);
  assert.equal(sql(`SELECT COUNT(*) FROM notifications WHERE kind = 'expired' AND post_id IN (${list})`)[0][0],
    String(overdue.length), 'one notice per expired post');

  // Every approved post was submitted once and approved once.
  const ids = approved.join(',');
  const rows = sql(`SELECT action, COUNT(*), COUNT(DISTINCT object) FROM audit_log
                    WHERE action IN ('post.submit', 'post.approve')
                    AND object IN (${approved.map((id) => `'post:${id}'`).join(',')}) GROUP BY action ORDER BY action`);
  assert.deepEqual(rows, [
    ['post.approve', String(approved.length), String(approved.length)],
    ['post.submit', String(approved.length), String(approved.length)],
  ]);
  assert.equal(sql(`SELECT COUNT(*) FROM posts WHERE id IN (${ids}) AND state NOT IN ('approved', 'publishing', 'published')`)[0][0], '0');
});
