// The social media policy: administrators write pages (every save a
// revision, drafts published later, minor edits versus changes that need
// re-acknowledgement), everyone can read published pages at
// /policy/public/<slug>, and an author or reviewer who has not acknowledged
// the version in force (or whose acknowledgement is older than
// Policy.AckValidDays, 365 in the test stack) can read and draft but not
// submit or approve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, acknowledgePolicy, assertSecurityHeaders, loginAs, q, randomName, sql, sqlValue } from './lib.mjs';

const CLEAN_TEXT = 'Flu shots are free at all of our clinics this week, Mon-Fri 8am-5pm.';

const version = () => Number(sqlValue('SELECT version FROM policy_head WHERE id = 1'));
const acks = (username) => sql(`SELECT a.version FROM policy_acks a JOIN users u ON u.id = a.user_id
                                 WHERE u.username = ${q(username)} ORDER BY a.id`).map((r) => Number(r[0]));
const slugName = () => randomName('p-');

function pageRow(id) {
  const [slug, latest, published] = sql(`SELECT slug, latest_revision, IFNULL(published_revision, 0)
                                          FROM policy_pages WHERE id = ${Number(id)}`)[0];
  return { slug, latest: Number(latest), published: Number(published) };
}

async function csrfOf(client, path) {
  const page = await client.get(path);
  assert.equal(page.status, 200, `GET ${path}: ${page.describe()}`);
  return page;
}

/** Creates a page through /admin/policy/new; returns its id. */
async function createPage(admin, { title = 'Test page', slug = slugName(), body = 'Some **rules**.', note = '', action = 'draft' } = {}) {
  const page = await csrfOf(admin, '/admin/policy/new');
  const res = await admin.post('/admin/policy/new', { csrf: page.csrf(), title, slug, body, note, action });
  assert.equal(res.status, 303, `create page: ${res.describe()}`);
  const id = Number(/\/admin\/policy\/(\d+)/.exec(res.location)[1]);
  return { id, slug, res };
}

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&#0*39;/g, "'").replace(/&amp;/g, '&');

/** Saves the edit form of page id as shown, with `fields` changed; returns the reply. */
async function editPage(admin, id, fields = {}) {
  const page = await csrfOf(admin, `/admin/policy/${id}`);
  const value = (name) => unescape(new RegExp(`<input id="${name}" name="${name}"[^>]*value="([^"]*)"`).exec(page.text)[1]);
  const form = {
    csrf: page.csrf(),
    revision: /name="revision" value="(\d+)"/.exec(page.text)[1],
    title: value('title'),
    slug: value('slug'),
    body: unescape(/<textarea id="body"[^>]*>([\s\S]*?)<\/textarea>/.exec(page.text)[1]),
    note: '',
    action: 'draft',
    ...fields,
  };
  return admin.post(`/admin/policy/${id}`, form);
}

async function createPost(client, title = 'Policy gate post') {
  const page = await csrfOf(client, '/posts/new');
  const res = await client.post('/posts/new', [['csrf', page.csrf()], ['title', title], ['body', CLEAN_TEXT], ['target', '1']]);
  assert.equal(res.status, 303, `create post: ${res.describe()}`);
  return Number(/\/posts\/(\d+)/.exec(res.location)[1]);
}

async function submit(client, id) {
  const page = await csrfOf(client, `/posts/${id}`);
  const v = sqlValue(`SELECT version FROM posts WHERE id = ${id}`);
  return client.post(`/posts/${id}/submit`, [['csrf', page.csrf()], ['version', v]]);
}

async function approve(client, id) {
  const page = await csrfOf(client, `/review/${id}`);
  const v = sqlValue(`SELECT version FROM posts WHERE id = ${id}`);
  return client.post(`/review/${id}/approve`, [['csrf', page.csrf()], ['version', v]]);
}

/** Acknowledges through the page, as a person would; returns the reply to the POST. */
async function acknowledge(client, next) {
  const page = await csrfOf(client, `/policy/acknowledge${next ? `?next=${next}` : ''}`);
  assert.match(page.text, /I have read and will follow this policy/);
  const v = /name="version" value="(\d+)"/.exec(page.text)[1];
  const form = { csrf: page.csrf(), version: v };
  if (next) form.next = next;
  return client.post('/policy/acknowledge', form);
}

const postState = (id) => sqlValue(`SELECT state FROM posts WHERE id = ${id}`);

test('the stack starts with a published starter policy that anyone can read', async () => {
  assert.ok(version() >= 1, 'a policy version is in force');
  for (const slug of ['what-we-post', 'patient-privacy', 'medical-questions', 'official-accounts', 'records']) {
    const res = await new Client().get(`/policy/public/${slug}`);
    assert.equal(res.status, 200, `${slug}: ${res.describe()}`);
  }
  const privacy = await new Client().get('/policy/public/patient-privacy');
  assert.match(privacy.text, /written authorization/);
  const advice = await new Client().get('/policy/public/medical-questions');
  assert.match(advice.text, /private, secure channel/);
});

test('the public view needs no login, sets no cookie, and is a 404 for drafts and unknown pages', async () => {
  const admin = (await loginAs('admin')).client;
  const { slug } = await createPage(admin, { title: 'Draft only', body: 'Not yet.' });
  const anon = new Client();
  const draft = await anon.get(`/policy/public/${slug}`);
  assert.equal(draft.status, 404, `a draft is not public: ${draft.describe()}`);
  assert.equal((await anon.get('/policy/public/no-such-page')).status, 404);
  assert.equal((await anon.get('/policy/public/Not_A_Slug')).status, 404);
  const pub = await anon.get('/policy/public/what-we-post');
  assert.equal(pub.status, 200);
  assertSecurityHeaders(pub, 'public policy page');
  assert.deepEqual(pub.setCookies, [], 'no cookie on the public copy');
  assert.ok(pub.headers.get('etag'), 'an ETag for caches');
  assert.doesNotMatch(pub.text, /Sign out/);
  // a session cookie is not even read there
  const withCookie = await new Client({ cp_session: 'f'.repeat(64) }).get('/policy/public/what-we-post');
  assert.equal(withCookie.status, 200);
  assert.deepEqual(withCookie.setCookies, []);
  // the staff copy needs a session
  const staff = await anon.get('/policy/what-we-post');
  assert.equal(staff.status, 303);
  // POST is not a thing there
  assert.equal((await anon.post('/policy/public/what-we-post', {})).status, 405);
});

test('raw HTML and javascript: links in a page are neutralised', async () => {
  const admin = (await loginAs('admin')).client;
  const body = [
    'Hello <script>alert(1)</script> world.',
    '',
    '<img src=x onerror="alert(2)">',
    '',
    '[click](javascript:alert(3)) and [again](JaVaScRiPt:alert(4)) and <javascript:alert(5)>',
    '',
    '[fine](https://example.org/policy)',
  ].join('\n');
  const { slug } = await createPage(admin, { title: 'Hostile <b>title</b>', body, action: 'minor' });
  for (const path of [`/policy/public/${slug}`]) {
    const res = await new Client().get(path);
    assert.equal(res.status, 200, res.describe());
    assert.doesNotMatch(res.text, /<script>alert/);
    assert.doesNotMatch(res.text, /onerror/);
    assert.doesNotMatch(res.text, /href="javascript/i);
    assert.match(res.text, /<a href="">click<\/a>/);
    assert.match(res.text, /<a href="https:\/\/example.org\/policy">fine<\/a>/);
    assert.match(res.text, /Hostile &lt;b&gt;title&lt;\/b&gt;/, 'the title is escaped');
  }
  const staff = await (await loginAs('author')).client.get(`/policy/${slug}`);
  assert.equal(staff.status, 200);
  assert.doesNotMatch(staff.text, /<script>alert|onerror|href="javascript/i);
});

test('every save is a revision: history, a diff between any two, no revision for an unchanged save', async () => {
  const admin = (await loginAs('admin')).client;
  const v0 = version();
  const { id, slug } = await createPage(admin, { title: 'Hashtags', body: 'Use our hashtag on every post.' });
  assert.deepEqual(pageRow(id), { slug, latest: 1, published: 0 });
  let res = await editPage(admin, id, { body: 'Use our campaign hashtag on campaign posts only.', note: 'narrower' });
  assert.equal(res.status, 303, res.describe());
  assert.match(res.location, /done=saved/);
  res = await editPage(admin, id, { title: 'Hashtags and mentions' });
  assert.equal(res.status, 303);
  assert.deepEqual(pageRow(id), { slug, latest: 3, published: 0 });
  // saving the same text again keeps three revisions
  res = await editPage(admin, id, {});
  assert.equal(res.status, 303);
  assert.match(res.location, /done=unchanged/);
  assert.equal(pageRow(id).latest, 3);
  assert.equal(version(), v0, 'drafts do not change the policy version');

  const history = await admin.get(`/admin/policy/${id}/history`);
  assert.equal(history.status, 200);
  assert.equal((history.text.match(/<tr class="revision">/g) ?? []).length, 3);
  assert.match(history.text, /narrower/);
  assert.match(history.text, new RegExp(`/admin/policy/${id}/diff\\?a=2&amp;b=3`));

  const diff = await admin.get(`/admin/policy/${id}/diff?a=1&b=2`);
  assert.equal(diff.status, 200, diff.describe());
  const del = [...diff.text.matchAll(/<del><span class="sr-only">removed: <\/span>([^<]*)<\/del>/g)].map((m) => m[1]).join('');
  const ins = [...diff.text.matchAll(/<ins><span class="sr-only">added: <\/span>([^<]*)<\/ins>/g)].map((m) => m[1]).join('');
  assert.match(del, /every/);
  assert.match(ins, /campaign/);
  assert.match(ins, /only/);
  // any two, in either order; the title change is shown
  const back = await admin.get(`/admin/policy/${id}/diff?a=3&b=1`);
  assert.equal(back.status, 200);
  assert.match(back.text, /Title: <del>/);
  assert.equal((await admin.get(`/admin/policy/${id}/diff?a=1&b=9`)).status, 404);
  assert.equal((await admin.get(`/admin/policy/${id}/diff?a=1`)).status, 400);
  assert.equal((await admin.get(`/admin/policy/${id}/diff?a=x&b=1`)).status, 400);
  assert.equal((await admin.get('/admin/policy/999999/history')).status, 404);

  const audit = sql(`SELECT action, IFNULL(to_state, ''), detail FROM audit_log WHERE object = 'policy_page:${id}' ORDER BY id`);
  assert.deepEqual(audit, [
    ['policy.create', 'draft', `revision=1 slug=${slug}`],
    ['policy.revise', '', 'revision=2'],
    ['policy.revise', '', 'revision=3'],
  ]);
});

test('a stale or invalid edit is refused with the text kept', async () => {
  const admin = (await loginAs('admin')).client;
  const { id } = await createPage(admin);
  const page = await csrfOf(admin, `/admin/policy/${id}`);
  await editPage(admin, id, { body: 'Someone else saved first.' });
  const mine = 'My long careful wording that must not be lost.';
  let res = await admin.post(`/admin/policy/${id}`, {
    csrf: page.csrf(), revision: '1', title: 'Test page', slug: pageRow(id).slug, body: mine, note: '', action: 'draft',
  });
  assert.equal(res.status, 409, res.describe());
  assert.ok(res.text.includes(mine), 'the text comes back');
  assert.equal(pageRow(id).latest, 2);
  res = await admin.post(`/admin/policy/${id}`, {
    csrf: page.csrf(), revision: '2', title: '', slug: 'Bad Slug', body: mine, note: '', action: 'draft',
  });
  assert.equal(res.status, 422);
  assert.ok(res.text.includes(mine));
  assert.match(res.text, /Give the page a title/);
  assert.match(res.text, /lower-case letters/);
  for (const slug of ['public', 'acknowledge']) {
    res = await admin.post('/admin/policy/new', { csrf: page.csrf(), title: 'x', slug, body: 'x', note: '', action: 'draft' });
    assert.equal(res.status, 422, `reserved ${slug}`);
  }
  res = await admin.post('/admin/policy/new', { csrf: page.csrf(), title: 'x', slug: 'what-we-post', body: 'x', note: '', action: 'draft' });
  assert.equal(res.status, 409, 'an address in use');
  assert.match(res.text, /Another page uses this address/);
  res = await admin.post('/admin/policy/new', { csrf: page.csrf(), title: 'x', slug: 'x', body: 'x', note: '', action: 'sometime' });
  assert.equal(res.status, 400);
  // only administrators
  const author = (await loginAs('author')).client;
  assert.equal((await author.get('/admin/policy')).status, 403);
});

test('a draft is published later; minor edits keep the version, material changes raise it', async () => {
  const admin = (await loginAs('admin')).client;
  const reader = (await loginAs('author')).client;
  const { id, slug } = await createPage(admin, { title: 'Emoji', body: 'Use emoji sparingly.' });
  await editPage(admin, id, { body: 'Use emoji sparingly, never in condolence posts.' });
  assert.equal((await reader.get(`/policy/${slug}`)).status, 404, 'staff do not see drafts');

  // publish the draft as it stands: no new revision, the version stays
  const v0 = version();
  let res = await editPage(admin, id, { action: 'minor', note: 'emoji page' });
  assert.equal(res.status, 303, res.describe());
  assert.match(res.location, /done=published/);
  assert.deepEqual(pageRow(id), { slug, latest: 2, published: 2 });
  assert.equal(version(), v0, 'a minor publication keeps the version');
  assert.equal((await new Client().get(`/policy/public/${slug}`)).status, 200);
  assert.match((await reader.get(`/policy/${slug}`)).text, /never in condolence posts/);

  // publishing the same text again is refused
  res = await editPage(admin, id, { action: 'minor' });
  assert.equal(res.status, 409);
  assert.match(res.text, /already published/);

  // a draft on a published page: the public still sees the published text
  await editPage(admin, id, { body: 'Use emoji sparingly. Never in condolence posts. Never next to patient stories.' });
  const stillOld = await new Client().get(`/policy/public/${slug}`);
  assert.doesNotMatch(stillOld.text, /patient stories/);

  // now as a material change: the version goes up, with the note
  res = await editPage(admin, id, { action: 'material', note: 'patient stories added' });
  assert.equal(res.status, 303, res.describe());
  assert.equal(version(), v0 + 1);
  assert.deepEqual(pageRow(id), { slug, latest: 3, published: 3 });
  assert.match((await new Client().get(`/policy/public/${slug}`)).text, /patient stories/);
  assert.equal(sqlValue(`SELECT note FROM policy_versions WHERE version = ${v0 + 1}`), 'patient stories added');

  // a minor edit of a typo afterwards keeps that version
  res = await editPage(admin, id, { body: 'Use emoji sparingly. Never in condolence posts. Never next to patient stories!', action: 'minor' });
  assert.equal(res.status, 303);
  assert.equal(version(), v0 + 1);

  const audit = sql(`SELECT action, IFNULL(from_state, ''), IFNULL(to_state, ''), detail FROM audit_log
                     WHERE object = 'policy_page:${id}' AND action = 'policy.publish' ORDER BY id`);
  assert.deepEqual(audit, [
    ['policy.publish', String(v0), String(v0), `revision=2 kind=minor slug=${slug}`],
    ['policy.publish', String(v0), String(v0 + 1), `revision=3 kind=material slug=${slug}`],
    ['policy.publish', String(v0 + 1), String(v0 + 1), `revision=4 kind=minor slug=${slug}`],
  ]);
  const history = await admin.get(`/admin/policy/${id}/history`);
  assert.match(history.text, new RegExp(`as version ${v0 + 1} \\(needs acknowledgement\\)`));
  assert.match(history.text, new RegExp(`minor edit within version ${v0}`));
});

test('the gate: blocked, acknowledge, unblocked, blocked again after a material change', async () => {
  const admin = (await loginAs('admin')).client;
  const author = await loginAs('author', { ack: false });
  const reviewer = await loginAs('reviewer', { ack: false });

  // an author who has not acknowledged reads, drafts, saves; cannot submit
  const list = await author.client.get('/posts');
  assert.match(list.text, /policy-banner/);
  assert.match(list.text, /href="\/policy\/acknowledge\?next=\/posts"/);
  const id = await createPost(author.client);
  let res = await submit(author.client, id);
  assert.equal(res.status, 403, res.describe());
  assert.match(res.text, /cannot submit posts for review until you have\s+read the current social media policy/);
  assert.match(res.text, new RegExp(`href="/policy/acknowledge\\?next=/posts/${id}"`));
  assert.equal(postState(id), 'draft', 'nothing was submitted');
  assert.equal((await author.client.get('/policy/what-we-post')).status, 200, 'reading stays open');

  // acknowledging leads back to the post; the acknowledgement is recorded and audited
  const v = version();
  res = await acknowledge(author.client, `/posts/${id}`);
  assert.equal(res.status, 303, res.describe());
  assert.equal(res.location, `/posts/${id}`);
  assert.deepEqual(acks(author.user.username), [v]);
  const audit = sql(`SELECT actor_name, object, detail FROM audit_log WHERE action = 'policy.acknowledge'
                     AND actor_name = ${q(author.user.username)}`);
  assert.deepEqual(audit, [[author.user.username, `policy:${v}`, `version=${v}`]]);
  assert.doesNotMatch((await author.client.get('/posts')).text, /policy-banner/);
  res = await submit(author.client, id);
  assert.equal(res.status, 303, `submit after acknowledging: ${res.describe()}`);
  assert.equal(postState(id), 'in_review');

  // a reviewer likewise cannot approve, but may still reject
  assert.match((await reviewer.client.get('/review')).text, /policy-banner/);
  res = await approve(reviewer.client, id);
  assert.equal(res.status, 403, res.describe());
  assert.match(res.text, /cannot approve posts/);
  assert.equal(postState(id), 'in_review');
  res = await acknowledge(reviewer.client);
  assert.equal(res.status, 303);
  assert.equal(res.location, '/policy?done=acknowledged');
  res = await approve(reviewer.client, id);
  assert.equal(res.status, 303, `approve after acknowledging: ${res.describe()}`);

  // a material change: both are blocked again, and see what changed
  const { slug } = await createPage(admin, { title: 'Live video', body: 'No live video from clinical areas.', action: 'material', note: 'live video rules' });
  assert.equal(version(), v + 1);
  const id2 = await createPost(author.client, 'After the change');
  res = await submit(author.client, id2);
  assert.equal(res.status, 403, 'blocked again after a material change');
  const ackPage = await author.client.get('/policy/acknowledge');
  assert.match(ackPage.text, new RegExp(`What changed since you acknowledged version ${v}`));
  assert.match(ackPage.text, /live video rules/);
  assert.match(ackPage.text, /A new page/);
  assert.match(ackPage.text, new RegExp(`id="page-${slug}"`));

  // a stale acknowledgement (the version shown is no longer current) is refused
  res = await author.client.post('/policy/acknowledge', { csrf: ackPage.csrf(), version: String(v) });
  assert.equal(res.status, 409);
  assert.match(res.text, /changed while you were reading/);
  assert.deepEqual(acks(author.user.username), [v]);

  res = await acknowledge(author.client);
  assert.equal(res.status, 303);
  assert.equal((await submit(author.client, id2)).status, 303);

  // a minor edit does not ask anyone to acknowledge again
  const pid = Number(sqlValue(`SELECT id FROM policy_pages WHERE slug = ${q(slug)}`));
  await editPage(admin, pid, { body: 'No live video from clinical areas or waiting rooms.', action: 'minor' });
  assert.equal(version(), v + 1);
  assert.doesNotMatch((await author.client.get('/posts')).text, /policy-banner/);

  // a changed page shows as a word diff after the next material change
  await editPage(admin, pid, { body: 'No live video from any clinical area, waiting room or ward.', action: 'material' });
  const diffPage = await author.client.get('/policy/acknowledge');
  assert.match(diffPage.text, /<ins><span class="sr-only">added: <\/span>[^<]*ward/);
  assert.match(diffPage.text, /<del><span class="sr-only">removed: <\/span>/);
});

test('an acknowledgement lapses after Policy.AckValidDays', async () => {
  const fresh = await loginAs('author', { ack: false });
  acknowledgePolicy(fresh.user.username, { agoDays: 364 });
  const id = await createPost(fresh.client);
  assert.doesNotMatch((await fresh.client.get('/posts')).text, /policy-banner/);
  assert.equal((await submit(fresh.client, id)).status, 303, 'a 364-day-old acknowledgement still counts');

  const old = await loginAs('author', { ack: false });
  acknowledgePolicy(old.user.username, { agoDays: 366 });
  const id2 = await createPost(old.client);
  assert.match((await old.client.get('/posts')).text, /policy-banner/);
  assert.equal((await submit(old.client, id2)).status, 403, 'a 366-day-old one does not');
  const page = await old.client.get('/policy/acknowledge');
  assert.match(page.text, /An acknowledgement lasts 365 days/);
  assert.equal((await acknowledge(old.client)).status, 303);
  assert.equal((await submit(old.client, id2)).status, 303);
});

test('while no policy is published nobody is gated', async () => {
  const author = await loginAs('author', { ack: false });
  const id = await createPost(author.client);
  const v = version();
  sql('UPDATE policy_head SET version = 0 WHERE id = 1');
  try {
    assert.doesNotMatch((await author.client.get('/posts')).text, /policy-banner/);
    assert.equal((await submit(author.client, id)).status, 303);
    const page = await author.client.get('/policy/acknowledge');
    assert.match(page.text, /No policy has been published yet/);
  } finally {
    sql(`UPDATE policy_head SET version = ${v} WHERE id = 1`);
  }
});

test('administrators see who still has to acknowledge', async () => {
  const admin = (await loginAs('admin')).client;
  const pending = await loginAs('reviewer', { ack: false });
  const done = await loginAs('author');
  const page = await admin.get('/admin/policy');
  assert.equal(page.status, 200);
  const row = (name) => new RegExp(`<tr><td>${name}</td>[\\s\\S]*?</tr>`).exec(page.text)?.[0] ?? '';
  assert.match(row(pending.user.username), /needed/);
  assert.match(row(done.user.username), /acknowledged/);
});

test('the admin dashboard names the authors and reviewers who have not acknowledged the current policy', async () => {
  const waiting = await loginAs('author', { ack: false });
  const done = await loginAs('reviewer');
  const admin = await loginAs('admin');
  const page = await admin.client.get('/admin');
  assert.equal(page.status, 200, page.describe());
  assert.match(page.text, /<h2 id="ack-h">Policy acknowledgement<\/h2>/);
  const section = page.text.slice(page.text.indexOf('id="ack-h"'), page.text.indexOf('</section>', page.text.indexOf('id="ack-h"')));
  assert.match(section, /have not acknowledged the current policy/);
  const listed = (name) => section.includes(`<li>${name} `);
  assert.ok(listed(waiting.user.username) || /The first 20 are listed/.test(section), 'the author who has not acknowledged is named');
  assert.ok(!listed(done.user.username), 'one who has acknowledged is not');
});
