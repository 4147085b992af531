// The approval workflow over HTTP: draft, scan, submit, review, decide —
// each transition, each forbidden one (wrong role, own post, stale version,
// missing CSRF) and each validation error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { loginAs, sql, sqlValue, q, userId, mastodonTarget } from './lib.mjs';

const PHI_TEXT = 'Happy 101st birthday to Mrs. Rose Whitfield in Room 214! Call her daughter at 410-555-0147.';
const CLEAN_TEXT = 'Flu shots are free at all of our clinics this week, Mon-Fri 8am-5pm. Adults over 50: ask about shingles too.';

async function formCsrf(client, path) {
  const page = await client.get(path);
  assert.equal(page.status, 200, `GET ${path}: ${page.describe()}`);
  return page.csrf();
}

async function createPost(client, { title = 'A post', body = CLEAN_TEXT, targets = ['1'] } = {}) {
  const csrf = await formCsrf(client, '/posts/new');
  const form = [['csrf', csrf], ['title', title], ['body', body], ...targets.map((t) => ['target', t])];
  const res = await client.post('/posts/new', form);
  assert.equal(res.status, 303, `create: ${res.describe()}`);
  const id = Number(/\/posts\/(\d+)/.exec(res.location)[1]);
  return id;
}

function postRow(id) {
  const [state, version, body, targets] = sql(`SELECT state, version, body, targets FROM posts WHERE id=${id}`)[0];
  return { state, version: Number(version), body, targets };
}

async function submit(client, id, overrides = {}) {
  const page = await client.get(`/posts/${id}`);
  const form = [['csrf', page.csrf()], ['version', String(postRow(id).version)]];
  for (const [k, v] of Object.entries(overrides)) form.push([`override_${k}`, v]);
  return client.post(`/posts/${id}/submit`, form);
}

async function submitClean(client, id) {
  const res = await submit(client, id);
  assert.equal(res.status, 303, `submit: ${res.describe()}`);
}

test('an author saves a draft: a revision, findings stored as spans, the text highlighted', async () => {
  const { client, user } = await loginAs('author');
  const id = await createPost(client, { title: 'Birthday', body: PHI_TEXT });
  assert.deepEqual(postRow(id), { state: 'draft', version: 1, body: PHI_TEXT, targets: '1' });
  assert.equal(sqlValue(`SELECT COUNT(*) FROM post_revisions WHERE post_id=${id}`), '1');
  const cats = sql(`SELECT category, severity FROM phi_findings WHERE post_id=${id} AND version=1 ORDER BY start_byte`);
  assert.deepEqual(cats.map((c) => c[0]), ['AGE', 'NAME', 'ROOM', 'PHONE']);
  const page = await client.get(`/posts/${id}`);
  assert.match(page.text, /<mark class="phi phi-block"[^>]*>Rose Whitfield/);
  assert.match(page.text, /<mark class="phi phi-block"[^>]*>410-555-0147/);
  assert.match(page.text, /4 to fix or explain/);
  // the audit names the post, never the text
  const audit = sql(`SELECT action, to_state, detail FROM audit_log WHERE object='post:${id}'`);
  assert.deepEqual(audit, [['post.create', 'draft', 'version=1']]);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%Whitfield%'`), '0');
  const list = await client.get('/posts');
  assert.match(list.text, new RegExp(`href="/posts/${id}">Birthday<`));
  assert.ok(user.username);
});

test('a draft that fails validation comes back with the text intact and the problem named', async () => {
  const { client } = await loginAs('author');
  const csrf = await formCsrf(client, '/posts/new');
  const long = 'Stay hydrated this summer. '.repeat(25); // > 500 characters
  const mastodon = mastodonTarget();
  let res = await client.post('/posts/new', [['csrf', csrf], ['title', ''], ['body', long], ['target', mastodon]]);
  assert.equal(res.status, 422);
  assert.match(res.text, /Give the post a title/);
  assert.match(res.text, /Too long for Mastodon \(test\): \d+ of 500/);
  assert.ok(res.text.includes(long.trim()), 'the text comes back in the form');
  res = await client.post('/posts/new', [['csrf', csrf], ['title', 'x'], ['body', 'Hello']]);
  assert.equal(res.status, 422);
  assert.match(res.text, /Choose at least one account/);
  res = await client.post('/posts/new', [['csrf', csrf], ['title', 'x'], ['body', 'Hello'], ['target', '999']]);
  assert.equal(res.status, 400, 'an unknown account is a malformed request');
  res = await client.post('/posts/new', [['csrf', csrf], ['title', 'x'], ['body', 'Hello'], ['target', '1'], ['scheduled_at', 'next tuesday']]);
  assert.equal(res.status, 422);
  assert.match(res.text, /Give the time as a date and a time/);
});

test('saving without a CSRF token is refused and changes nothing', async () => {
  const { client } = await loginAs('author');
  const id = await createPost(client);
  const res = await client.post(`/posts/${id}`, [['title', 'Hacked'], ['body', 'x'], ['target', '1'], ['version', '1']]);
  assert.equal(res.status, 403);
  assert.equal(postRow(id).version, 1);
});

test('authors see only their own posts; other roles cannot use the desk', async () => {
  const a = await loginAs('author');
  const b = await loginAs('author');
  const id = await createPost(a.client);
  assert.equal((await b.client.get(`/posts/${id}`)).status, 404);
  const reviewer = await loginAs('reviewer');
  assert.equal((await reviewer.client.get('/posts/new')).status, 403);
  assert.equal((await a.client.get(`/review/${id}`)).status, 403);
});

test('blocking findings stop submission until each is explained', async () => {
  const { client } = await loginAs('author');
  const id = await createPost(client, { body: PHI_TEXT });
  let res = await submit(client, id);
  assert.equal(res.status, 422);
  assert.match(res.text, /Not submitted: the scanner found patient information/);
  assert.equal(postRow(id).state, 'draft');
  const idx = sql(`SELECT idx FROM phi_findings WHERE post_id=${id} AND severity='block'`).map((r) => r[0]);
  const overrides = Object.fromEntries(idx.map((i) => [i, 'Shared with written consent from the family']));
  res = await submit(client, id, overrides);
  assert.equal(res.status, 303, res.describe());
  assert.equal(postRow(id).state, 'in_review');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM phi_findings WHERE post_id=${id} AND override_reason IS NOT NULL`), String(idx.length));
  const audit = sql(`SELECT from_state, to_state FROM audit_log WHERE object='post:${id}' AND action='post.submit'`);
  assert.deepEqual(audit, [['draft', 'in_review']]);
});

test('a save based on an old version is refused with the text kept', async () => {
  const { client } = await loginAs('author');
  const id = await createPost(client);
  const csrf = (await client.get(`/posts/${id}`)).csrf();
  let res = await client.post(`/posts/${id}`, [['csrf', csrf], ['version', '1'], ['title', 'v2'], ['body', 'Second text'], ['target', '1']]);
  assert.equal(res.status, 303);
  res = await client.post(`/posts/${id}`, [['csrf', csrf], ['version', '1'], ['title', 'stale'], ['body', 'My unsaved words'], ['target', '1']]);
  assert.equal(res.status, 409);
  assert.match(res.text, /changed since you opened it/);
  assert.match(res.text, /My unsaved words/);
  assert.equal(postRow(id).body, 'Second text');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM post_revisions WHERE post_id=${id}`), '2');
});

test('a reviewer approves the version they saw, bound to its SHA-256', async () => {
  const author = await loginAs('author');
  const id = await createPost(author.client, { title: 'Flu clinic' });
  await submitClean(author.client, id);
  const reviewer = await loginAs('reviewer');
  const queue = await reviewer.client.get('/review');
  assert.match(queue.text, new RegExp(`href="/review/${id}">Flu clinic<`));
  const page = await reviewer.client.get(`/review/${id}`);
  assert.match(page.text, /Approve version 1/);
  let res = await reviewer.client.post(`/review/${id}/approve`, [['csrf', page.csrf()], ['version', '0']]);
  assert.equal(res.status, 409, 'a decision on another version is refused');
  assert.equal(postRow(id).state, 'in_review');
  res = await reviewer.client.post(`/review/${id}/approve`, [['csrf', page.csrf()], ['version', '1']]);
  assert.equal(res.status, 303, res.describe());
  const row = postRow(id);
  // the publisher may already have picked it up
  assert.match(row.state, /^(approved|publishing|published)$/);
  const title = 'Flu clinic';
  const canonical = `title:${Buffer.byteLength(title)}:${title}\nbody:${Buffer.byteLength(row.body)}:${row.body}\ntargets:${row.targets}\n`;
  const want = createHash('sha256').update(canonical).digest('hex');
  assert.equal(sqlValue(`SELECT LOWER(HEX(approved_sha256)) FROM posts WHERE id=${id}`), want);
  assert.equal(sqlValue(`SELECT approved_version FROM posts WHERE id=${id}`), '1');
  const audit = sql(`SELECT actor_name, from_state, to_state, detail FROM audit_log WHERE object='post:${id}' AND action='post.approve'`);
  assert.equal(audit.length, 1);
  assert.deepEqual(audit[0].slice(0, 3), [reviewer.user.username, 'in_review', 'approved']);
  assert.match(audit[0][3], new RegExp(`sha256=${want}`));
});

test('a post edited after the reviewer opened it cannot be approved', async () => {
  const author = await loginAs('author');
  const id = await createPost(author.client);
  await submitClean(author.client, id);
  const reviewer = await loginAs('reviewer');
  const page = await reviewer.client.get(`/review/${id}`);
  const csrf = (await author.client.get(`/posts/${id}`)).csrf();
  const res = await author.client.post(`/posts/${id}`, [['csrf', csrf], ['version', '1'], ['title', 'changed'], ['body', 'Changed text'], ['target', '1']]);
  assert.equal(res.status, 303);
  assert.equal(postRow(id).state, 'draft', 'editing returns the post to draft');
  const decision = await reviewer.client.post(`/review/${id}/approve`, [['csrf', page.csrf()], ['version', '1']]);
  assert.equal(decision.status, 409);
  assert.match(decision.text, /no longer waiting for review|changed after you opened it/);
  assert.equal(postRow(id).state, 'draft');
});

test('rejection needs a reason, the author sees it, edits and resubmits', async () => {
  const author = await loginAs('author');
  const id = await createPost(author.client);
  await submitClean(author.client, id);
  const reviewer = await loginAs('reviewer');
  const page = await reviewer.client.get(`/review/${id}`);
  let res = await reviewer.client.post(`/review/${id}/reject`, [['csrf', page.csrf()], ['version', '1'], ['reason', '']]);
  assert.equal(res.status, 422);
  assert.match(res.text, /Say why the post is rejected/);
  assert.equal(postRow(id).state, 'in_review');
  res = await reviewer.client.post(`/review/${id}/reject`, [['csrf', page.csrf()], ['version', '1'], ['reason', 'Please <b>drop</b> the clinic hours']]);
  assert.equal(res.status, 303);
  assert.equal(postRow(id).state, 'rejected');
  const view = await author.client.get(`/posts/${id}`);
  assert.match(view.text, /Rejected by the privacy officer/);
  assert.match(view.text, /Please &lt;b&gt;drop&lt;\/b&gt; the clinic hours/, 'the reason is shown, escaped');
  res = await author.client.post(`/posts/${id}`, [['csrf', view.csrf()], ['version', '1'], ['title', 'Flu'], ['body', 'Flu shots are free this week.'], ['target', '1']]);
  assert.equal(res.status, 303);
  assert.deepEqual([postRow(id).state, postRow(id).version], ['draft', 2]);
  await submitClean(author.client, id);
  const again = await reviewer.client.get(`/review/${id}`);
  assert.match(again.text, /came back after a review of version 1/);
});

test('a reviewer never decides on a post they wrote or edited', async () => {
  const author = await loginAs('author');
  const id = await createPost(author.client);
  await submitClean(author.client, id);
  sql(`UPDATE users SET role='reviewer' WHERE id=${userId(author.user.username)}`);
  const page = await author.client.get(`/review/${id}`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /Approve version/, 'no decision buttons on one\'s own post');
  assert.match(page.text, /another privacy officer must decide/);
  const res = await author.client.post(`/review/${id}/approve`, [['csrf', page.csrf()], ['version', '1']]);
  assert.equal(res.status, 403);
  assert.equal(postRow(id).state, 'in_review');
});

test('withdraw ends a post before publishing, once', async () => {
  const { client } = await loginAs('author');
  const id = await createPost(client);
  const page = await client.get(`/posts/${id}`);
  let res = await client.post(`/posts/${id}/withdraw`, [['csrf', page.csrf()]]);
  assert.equal(res.status, 303);
  assert.equal(postRow(id).state, 'withdrawn');
  res = await client.post(`/posts/${id}/withdraw`, [['csrf', page.csrf()]]);
  assert.equal(res.status, 409);
  const audit = sql(`SELECT from_state, to_state FROM audit_log WHERE object=${q(`post:${id}`)} AND action='post.withdraw'`);
  assert.deepEqual(audit, [['draft', 'withdrawn']]);
});

test('the list filters by state and pages', async () => {
  const { client } = await loginAs('author');
  for (let i = 0; i < 22; i++) await createPost(client, { title: `Post ${i}` });
  let res = await client.get('/posts');
  assert.match(res.text, /Page 1 · 22 posts/);
  assert.match(res.text, /href="\/posts\?page=2"/);
  res = await client.get('/posts?page=2');
  assert.match(res.text, /Post 0</);
  res = await client.get('/posts?state=approved');
  assert.match(res.text, /No posts yet/);
  assert.equal((await client.get('/posts?state=bogus')).status, 400);
});

test('a decision notifies the author: a badge and a list, marked read on request', async () => {
  const author = await loginAs('author');
  const id = await createPost(author.client, { title: 'Notify me' });
  await submitClean(author.client, id);
  const reviewer = await loginAs('reviewer');
  const queue = await reviewer.client.get('/review');
  assert.match(queue.text, /posts await review/, 'reviewers see how many posts wait');
  const page = await reviewer.client.get(`/review/${id}`);
  await reviewer.client.post(`/review/${id}/reject`, [['csrf', page.csrf()], ['version', '1'], ['reason', 'Needs a source']]);
  const home = await author.client.get('/posts');
  assert.match(home.text, /aria-label="1 unread"/);
  const list = await author.client.get('/notifications');
  assert.match(list.text, /Your post “Notify me” was rejected/);
  assert.match(list.text, new RegExp(`href="/posts/${id}"`));
  const res = await author.client.post('/notifications', [['csrf', list.csrf()]]);
  assert.equal(res.status, 303);
  assert.doesNotMatch((await author.client.get('/posts')).text, /unread"/);
});

test('a post still in review when its time passes expires instead of publishing', async () => {
  const author = await loginAs('author');
  const csrf = await formCsrf(author.client, '/posts/new');
  const res = await author.client.post('/posts/new', [['csrf', csrf], ['title', 'Timed'], ['body', CLEAN_TEXT], ['target', '1'], ['scheduled_at', '2099-01-01T09:00']]);
  assert.equal(res.status, 303);
  const id = Number(/\/posts\/(\d+)/.exec(res.location)[1]);
  assert.equal(sqlValue(`SELECT DATE_FORMAT(scheduled_at, '%Y-%m-%d %H:%i') FROM posts WHERE id=${id}`), '2099-01-01 09:00');
  await submitClean(author.client, id);
  sql(`UPDATE posts SET scheduled_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE WHERE id=${id}`);
  const reviewer = await loginAs('reviewer');
  const queue = await reviewer.client.get('/review');
  assert.doesNotMatch(queue.text, new RegExp(`href="/review/${id}"`));
  assert.equal(postRow(id).state, 'expired');
  const audit = sql(`SELECT actor_name, from_state, to_state FROM audit_log WHERE object='post:${id}' AND action='post.expire'`);
  assert.deepEqual(audit, [['system', 'in_review', 'expired']]);
  const notes = await author.client.get('/notifications');
  assert.match(notes.text, /“Timed” expired/);
});

test('an edit sent after the session ended leads through sign-in back to the unsaved text', async () => {
  const { client, user } = await loginAs('author');
  const id = await createPost(client, { title: 'Keep me' });
  const page = await client.get(`/posts/${id}`);
  sql(`UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL 16 MINUTE WHERE user_id = ${userId(user.username)}`);
  const words = 'Words I typed for twenty minutes and must not lose';
  let res = await client.post(`/posts/${id}`, [['csrf', page.csrf()], ['version', '1'], ['title', 'Keep me'], ['body', words], ['target', '1']]);
  assert.equal(res.status, 303);
  assert.equal(res.locationPath, `/login?next=/posts/${id}&rescued=1`);
  assert.ok(client.jar.has('cp_rescue'), 'the browser holds the rescue token');
  assert.notEqual(postRow(id).body, words, 'nothing was saved without a session');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM draft_rescues WHERE form LIKE '%csrf%'`), '0', 'the stale token is not kept');
  const login = await client.get(res.locationPath);
  assert.match(login.text, /The text you were editing was kept/);
  res = await client.post('/login', { username: user.username, password: user.password, csrf: login.csrf(), next: `/posts/${id}` });
  assert.equal(res.status, 303);
  assert.equal(res.locationPath, `/posts/${id}`);
  const back = await client.get(`/posts/${id}`);
  assert.match(back.text, /this text was not saved yet/);
  assert.ok(back.text.includes(words), 'the unsaved words are back in the form');
  const again = await client.get(`/posts/${id}`);
  assert.ok(!again.text.includes(words), 'a rescue is handed back once');
});

test('a kept draft is only ever given back to the user who wrote it', async () => {
  const a = await loginAs('author');
  const id = await createPost(a.client, { title: 'Mine' });
  const page = await a.client.get(`/posts/${id}`);
  sql(`UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL 16 MINUTE WHERE user_id = ${userId(a.user.username)}`);
  const res = await a.client.post(`/posts/${id}`, [['csrf', page.csrf()], ['version', '1'], ['title', 'Mine'], ['body', 'secret draft words'], ['target', '1']]);
  assert.equal(res.status, 303);
  const b = await loginAs('author');
  b.client.jar.set('cp_rescue', a.client.jar.get('cp_rescue'));
  const other = await b.client.get('/posts/new');
  assert.ok(!other.text.includes('secret draft words'));
});

async function recordAuthorization(client, fields = {}) {
  const csrf = await formCsrf(client, '/posts/authorizations/new');
  const form = { csrf, patient: 'Maria Gonzalez', covers: 'text', signed_on: '2026-01-15', expires_on: '', location: 'HIM office, binder 12', ...fields };
  return client.post('/posts/authorizations/new', form);
}

test('an authorization record is checked when it is recorded', async () => {
  const { client } = await loginAs('author');
  const res = await recordAuthorization(client, { patient: '', signed_on: '2099-01-01', expires_on: '2001-01-01', location: '' });
  assert.equal(res.status, 422);
  assert.match(res.text, /Give the patient(&#39;|')s name/);
  assert.match(res.text, /not in the future/);
  assert.match(res.text, /Give a date in the future/);
  assert.match(res.text, /Say where the signed form is kept/);
});

test('a patient story needs a verified, unexpired authorization before approval', async () => {
  const author = await loginAs('author');
  const patient = `Patient ${Date.now()}`;
  let res = await recordAuthorization(author.client, { patient });
  assert.equal(res.status, 303, res.describe());
  const authId = sqlValue(`SELECT id FROM authorizations WHERE patient=${q(patient)}`);
  // A story without a linked authorization is not saved.
  let csrf = await formCsrf(author.client, '/posts/new');
  res = await author.client.post('/posts/new', [['csrf', csrf], ['title', 'Story'], ['body', CLEAN_TEXT], ['target', '1'], ['patient_story', '1']]);
  assert.equal(res.status, 422);
  assert.match(res.text, /Choose the patient(&#39;|')s authorization/);
  res = await author.client.post('/posts/new', [['csrf', csrf], ['title', 'Story'], ['body', CLEAN_TEXT], ['target', '1'], ['patient_story', '1'], ['authorization_id', authId]]);
  assert.equal(res.status, 303);
  const id = Number(/\/posts\/(\d+)/.exec(res.location)[1]);
  await submitClean(author.client, id);
  const reviewer = await loginAs('reviewer');
  let page = await reviewer.client.get(`/review/${id}`);
  assert.match(page.text, /cannot be approved: Its authorization has not been verified yet/);
  res = await reviewer.client.post(`/review/${id}/approve`, [['csrf', page.csrf()], ['version', '1']]);
  assert.equal(res.status, 422);
  assert.equal(postRow(id).state, 'in_review');
  const list = await reviewer.client.get('/review/authorizations');
  assert.ok(list.text.includes(patient));
  res = await reviewer.client.post(`/review/authorizations/${authId}/verify`, [['csrf', list.csrf()]]);
  assert.equal(res.status, 303);
  assert.deepEqual(sql(`SELECT action, to_state FROM audit_log WHERE object='authorization:${authId}' ORDER BY id`),
    [['authorization.create', 'unverified'], ['authorization.verify', 'verified']]);
  // Expired meanwhile: still refused.
  sql(`UPDATE authorizations SET expires_on = UTC_DATE() - INTERVAL 1 DAY WHERE id=${authId}`);
  page = await reviewer.client.get(`/review/${id}`);
  res = await reviewer.client.post(`/review/${id}/approve`, [['csrf', page.csrf()], ['version', '1']]);
  assert.equal(res.status, 422);
  assert.match(res.text, /has expired/);
  sql(`UPDATE authorizations SET expires_on = NULL WHERE id=${authId}`);
  page = await reviewer.client.get(`/review/${id}`);
  assert.match(page.text, /form kept at HIM office, binder 12/);
  res = await reviewer.client.post(`/review/${id}/approve`, [['csrf', page.csrf()], ['version', '1']]);
  assert.equal(res.status, 303);
  assert.match(postRow(id).state, /^(approved|publishing|published)$/);
});

test('an administrator can verify; nobody verifies a record they made', async () => {
  const admin = await loginAs('admin');
  const list = await admin.client.get('/review/authorizations');
  assert.equal(list.status, 200);
  const author = await loginAs('author');
  const patient = `Other ${Date.now()}`;
  await recordAuthorization(author.client, { patient });
  const authId = sqlValue(`SELECT id FROM authorizations WHERE patient=${q(patient)}`);
  sql(`UPDATE users SET role='reviewer' WHERE id=${userId(author.user.username)}`);
  const own = await author.client.get('/review/authorizations');
  const res = await author.client.post(`/review/authorizations/${authId}/verify`, [['csrf', own.csrf()]]);
  assert.equal(res.status, 403);
  const ok = await admin.client.post(`/review/authorizations/${authId}/verify`, [['csrf', list.csrf()]]);
  assert.equal(ok.status, 303);
});

// A JPEG with an EXIF block holding a GPS note, as phones write them.
function jpegWithExif() {
  return Buffer.from([
    0xff, 0xd8,
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    0xff, 0xe1, 0x00, 0x16, ...Buffer.from('Exif\0\0GPS 39.29N 76W'),
    0xff, 0xdb, 0x00, 0x04, 0x00, 0x01,
    0xff, 0xda, 0x00, 0x04, 0x01, 0x02, 0x11, 0x22, 0x33,
    0xff, 0xd9,
  ]);
}

async function postMultipart(client, path, fields, file) {
  const fd = new FormData();
  for (const [k, v] of fields) fd.append(k, v);
  if (file) fd.append('image', new Blob([file.bytes], { type: file.type }), file.name);
  return client.request('POST', path, { body: fd });
}

test('an image is stored without its location data, shown to reviewers, and needs alt text', async () => {
  const author = await loginAs('author');
  const csrf = await formCsrf(author.client, '/posts/new');
  const base = [['csrf', csrf], ['title', 'Garden'], ['body', 'Our healing garden is open every day.'], ['target', '1']];
  let res = await postMultipart(author.client, '/posts/new', base, { bytes: jpegWithExif(), type: 'image/jpeg', name: 'IMG_0001.jpg' });
  assert.equal(res.status, 422, 'no alt text');
  assert.match(res.text, /Describe the image for people who cannot see it/);
  assert.match(res.text, /Our healing garden is open every day\./, 'the text is kept');
  res = await postMultipart(author.client, '/posts/new', [...base, ['alt_text', 'Raised flower beds in the sun']],
    { bytes: Buffer.from('GIF89a not really'), type: 'image/jpeg', name: 'sneaky.jpg' });
  assert.equal(res.status, 422);
  assert.match(res.text, /Only JPEG or PNG images/);
  res = await postMultipart(author.client, '/posts/new', [...base, ['alt_text', 'Raised flower beds in the sun']],
    { bytes: jpegWithExif(), type: 'image/jpeg', name: 'IMG_0001.jpg' });
  assert.equal(res.status, 303, res.describe());
  const id = Number(/\/posts\/(\d+)/.exec(res.location)[1]);
  const mediaId = sqlValue(`SELECT media_id FROM posts WHERE id=${id}`);
  assert.equal(sqlValue(`SELECT LOCATE('Exif', bytes) FROM media WHERE id=${mediaId}`), '0', 'EXIF is gone');
  assert.equal(sqlValue(`SELECT LOCATE('GPS', bytes) FROM media WHERE id=${mediaId}`), '0');
  const img = await author.client.get(`/posts/media/${mediaId}`);
  assert.equal(img.status, 200);
  assert.equal(img.headers.get('content-type'), 'image/jpeg');
  assert.equal(img.headers.get('x-content-type-options'), 'nosniff');
  const other = await loginAs('author');
  assert.equal((await other.client.get(`/posts/media/${mediaId}`)).status, 404, "another author cannot see it");
  await submitClean(author.client, id);
  const reviewer = await loginAs('reviewer');
  const page = await reviewer.client.get(`/review/${id}`);
  assert.match(page.text, new RegExp(`<img class="preview" src="/posts/media/${mediaId}" alt="Raised flower beds in the sun">`));
  assert.equal((await reviewer.client.get(`/posts/media/${mediaId}`)).status, 200);
  res = await reviewer.client.post(`/review/${id}/approve`, [['csrf', page.csrf()], ['version', '1']]);
  assert.equal(res.status, 303);
  // the approval hash covers the image and its description
  const [title, body, targets, sha] = sql(`SELECT p.title, p.body, p.targets, LOWER(HEX(m.sha256)) FROM posts p JOIN media m ON m.id = p.media_id WHERE p.id=${id}`)[0];
  const alt = 'Raised flower beds in the sun';
  const canonical = `title:${Buffer.byteLength(title)}:${title}\nbody:${Buffer.byteLength(body)}:${body}\ntargets:${targets}\nimage:${sha}\nalt:${Buffer.byteLength(alt)}:${alt}\n`;
  assert.equal(sqlValue(`SELECT LOWER(HEX(approved_sha256)) FROM posts WHERE id=${id}`), createHash('sha256').update(canonical).digest('hex'));
});

test('a malformed multipart body is refused with 400 and nothing saved', async () => {
  const { client } = await loginAs('author');
  const csrf = await formCsrf(client, '/posts/new');
  const before = sqlValue('SELECT COUNT(*) FROM posts');
  const res = await client.request('POST', '/posts/new', {
    headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
    body: `--XYZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--XYZ\r\nbroken`,
  });
  assert.equal(res.status, 400);
  assert.equal(sqlValue('SELECT COUNT(*) FROM posts'), before);
});

test('an image over 5 MB is refused next to the field, with the text kept', async () => {
  const { client } = await loginAs('author');
  const csrf = await formCsrf(client, '/posts/new');
  const big = Buffer.alloc(5 * 1024 * 1024 + 4096, 0x41);
  big[0] = 0xff; big[1] = 0xd8; big[2] = 0xff;
  const res = await postMultipart(client, '/posts/new', [['csrf', csrf], ['title', 'Big'], ['body', 'My carefully written caption'], ['target', '1'], ['alt_text', 'x']],
    { bytes: big, type: 'image/jpeg', name: 'huge.jpg' });
  assert.equal(res.status, 422);
  assert.match(res.text, /larger than 5 MB/);
  assert.match(res.text, /My carefully written caption/);
});

test('a link cannot put its own words into the page status line', async () => {
  const { client } = await loginAs('author');
  const forged = await client.get('/posts?done=Your+account+is+locked.+Call+555-0100');
  assert.equal(forged.status, 200);
  assert.doesNotMatch(forged.text, /account is locked/);
  const real = await client.get('/posts?done=submitted');
  assert.match(real.text, /Submitted for review\./);
});
