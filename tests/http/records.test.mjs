// Records: the official accounts register (only registered, active accounts
// are offered to authors and published to; an approval to an account taken
// off the register is refused, naming it), the organisation's settings
// (name, the scanner's allow-list, the idle timeout — in force at the next
// request, without a restart) and records retention (`clearpost retention
// run`: what is past retention goes, each deletion audited; legal holds and
// the global hold keep everything; --dry-run deletes nothing).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { assertToLogin, cli, loginAs, q, randomName, sql, sqlValue, userId } from './lib.mjs';

const admin = await loginAs('admin');
const NURSE_LINE = '(401) 555-0100';
const NURSE_TEXT = `Questions about flu shots? Call our nurse line at ${NURSE_LINE}, any day.`;

async function csrfOf(client, url) {
  const page = await client.get(url);
  assert.equal(page.status, 200, `GET ${url}: ${page.describe()}`);
  const csrf = page.csrf();
  assert.ok(csrf, `${url} has a csrf token`);
  return csrf;
}

/** A Mastodon account added on the admin pages (not registered yet); its id. */
async function webAccount() {
  const name = randomName('official-');
  const csrf = await csrfOf(admin.client, '/admin/accounts/new?platform=mastodon');
  const res = await admin.client.post('/admin/accounts', {
    csrf, platform: 'mastodon', name, instance: 'https://mastodon.example', token: `tok-${randomBytes(8).toString('hex')}`,
  });
  assert.equal(res.status, 303, `create account: ${res.describe()}`);
  return { id: sqlValue(`SELECT id FROM accounts WHERE name=${q(name)}`), name };
}

async function register(id, owner = 'Communications', purpose = 'health education for the public') {
  const csrf = await csrfOf(admin.client, `/admin/accounts/${id}`);
  return admin.client.post(`/admin/accounts/${id}/register`, { csrf, owner, purpose });
}

async function createPost(client, { title = 'Records test', body = 'Flu shots are free at every clinic this week.', targets = ['1'], schedule } = {}) {
  const csrf = await csrfOf(client, '/posts/new');
  const form = [['csrf', csrf], ['title', title], ['body', body], ...targets.map((t) => ['target', String(t)])];
  if (schedule) form.push(['scheduled_at', schedule]);
  const res = await client.post('/posts/new', form);
  assert.equal(res.status, 303, `create post: ${res.describe()}`);
  return Number(/\/posts\/(\d+)/.exec(res.location)[1]);
}

async function submit(client, id) {
  const page = await client.get(`/posts/${id}`);
  const res = await client.post(`/posts/${id}/submit`, [['csrf', page.csrf()], ['version', '1']]);
  assert.equal(res.status, 303, `submit: ${res.describe()}`);
}

const targetInput = (id) => new RegExp(`name="target" value="${id}"`);

/* ------------------------------------------------------------- register */

test('an account is offered to authors only once an admin registers it, with owner and purpose', async () => {
  const { id, name } = await webAccount();
  const author = await loginAs('author');
  assert.doesNotMatch((await author.client.get('/posts/new')).text, targetInput(id), 'not offered before registration');
  const csrf = await csrfOf(author.client, '/posts/new');
  const sneaky = await author.client.post('/posts/new', [['csrf', csrf], ['title', 'x'], ['body', 'Hello'], ['target', id]]);
  assert.equal(sneaky.status, 400, `an unregistered target is refused: ${sneaky.describe()}`);
  let page = await admin.client.get(`/admin/accounts/${id}`);
  assert.match(page.text, /Not registered/);
  assert.match((await admin.client.get('/admin/accounts')).text, /not registered/);

  let res = await register(id, '', 'x');
  assert.equal(res.status, 422, res.describe());
  assert.match(res.text, /Name the person or team who owns the account/);
  assert.equal(sqlValue(`SELECT registered_at IS NULL FROM accounts WHERE id=${id}`), '1');

  res = await register(id, 'Communications team', 'health education for the public');
  assert.equal(res.status, 303, res.describe());
  assert.equal(res.locationPath, `/admin/accounts/${id}?done=registered`);
  const [owner, purpose, by] = sql(`SELECT owner, purpose, registered_by FROM accounts WHERE id=${id}`)[0];
  assert.deepEqual([owner, purpose, by], ['Communications team', 'health education for the public', userId(admin.user.username)]);
  page = await admin.client.get(`/admin/accounts/${id}?done=registered`);
  assert.match(page.text, /Registered for official use on \d{4}-\d\d-\d\d \d\d:\d\d UTC by /);
  assert.ok(page.text.includes(admin.user.username), 'the page names who registered it');
  assert.match((await author.client.get('/posts/new')).text, targetInput(id), 'offered once registered');
  const audit = sql(`SELECT actor_name, from_state, to_state, detail FROM audit_log WHERE object='account:${id}' AND action='account.register'`);
  assert.deepEqual(audit, [[admin.user.username, 'unregistered', 'registered', 'fields=owner,purpose']]);
  assert.ok(name);
});

test('an approval to an account taken off the register is refused, naming the account; nothing is published', async () => {
  const { id, name } = await webAccount();
  assert.equal((await register(id)).status, 303);
  const author = await loginAs('author');
  const post = await createPost(author.client, { targets: ['1', id], schedule: '2099-01-01T09:00' });
  await submit(author.client, post);

  const csrf = await csrfOf(admin.client, `/admin/accounts/${id}`);
  let res = await admin.client.post(`/admin/accounts/${id}/unregister`, { csrf });
  assert.equal(res.status, 303, res.describe());
  assert.equal(res.locationPath, `/admin/accounts/${id}?done=unregistered`);
  assert.deepEqual(sql(`SELECT actor_name, from_state, to_state FROM audit_log WHERE object='account:${id}' AND action='account.unregister'`),
    [[admin.user.username, 'registered', 'unregistered']]);
  assert.doesNotMatch((await author.client.get('/posts/new')).text, targetInput(id), 'no longer offered');

  const reviewer = await loginAs('reviewer');
  const page = await reviewer.client.get(`/review/${post}`);
  assert.ok(page.text.includes(`the account \u201c${name}\u201d is not registered for official use`), 'the reviewer is told before deciding');
  res = await reviewer.client.post(`/review/${post}/approve`, [['csrf', page.csrf()], ['version', '1']]);
  assert.equal(res.status, 409, res.describe());
  assert.ok(res.text.includes(`\u201c${name}\u201d is not registered for official use`), 'the refusal names the account');
  assert.equal(sqlValue(`SELECT state FROM posts WHERE id=${post}`), 'in_review');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM publications WHERE post_id=${post}`), '0');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM deliveries WHERE post_id=${post}`), '0');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE object='post:${post}' AND action='post.approve'`), '0');

  // registered again, the same version is approved with a delivery to it
  assert.equal((await register(id)).status, 303);
  const again = await reviewer.client.get(`/review/${post}`);
  assert.ok(!again.text.includes('not registered for official use'));
  res = await reviewer.client.post(`/review/${post}/approve`, [['csrf', again.csrf()], ['version', '1']]);
  assert.equal(res.status, 303, res.describe());
  assert.deepEqual(sql(`SELECT account_id FROM deliveries WHERE post_id=${post} ORDER BY account_id`).map(([a]) => a), ['1', id]);
});

test('clearpost account add needs an owner and a purpose and registers the account as the command line', () => {
  const name = randomName('cli-');
  const settings = JSON.stringify({ instance: 'https://mastodon.example' });
  let r = cli(['account', 'add', 'mastodon', name, '--settings', settings], '{"token":"t"}');
  assert.equal(r.code, 2, r.out);
  assert.match(r.stderr, /--owner/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM accounts WHERE name=${q(name)}`), '0');
  r = cli(['account', 'add', 'mastodon', name, '--owner', 'Communications', '--purpose', 'clinic news', '--settings', settings], '{"token":"t"}');
  assert.equal(r.code, 0, r.out);
  const id = r.stdout.trim();
  assert.deepEqual(sql(`SELECT owner, purpose, registered_at IS NOT NULL, registered_by IS NULL FROM accounts WHERE id=${id}`),
    [['Communications', 'clinic news', '1', '1']]);
  assert.deepEqual(sql(`SELECT action, actor_name FROM audit_log WHERE object='account:${id}' ORDER BY id`),
    [['account.add', 'cli'], ['account.register', 'cli']]);
  assert.match(cli(['account', 'list']).stdout, new RegExp(`^${id}\\tmastodon\\t${name}\\tactive\\tregistered$`, 'm'));
});

/* ------------------------------------------------------------- settings */

function resetSettings() {
  sql(`UPDATE settings SET org_name = NULL, phi_allow_list = NULL, idle_minutes = NULL, retain_published_days = NULL,
         retain_drafts_days = NULL, legal_hold = 0, legal_hold_reason = NULL, version = version + 1 WHERE id = 1`);
}
after(resetSettings);

/** Posts the settings form as shown, with `changes` applied. */
async function saveSettings(changes) {
  const page = await admin.client.get('/admin/settings');
  assert.equal(page.status, 200, page.describe());
  const field = (n) => {
    const m = new RegExp(`name="${n}"[^>]*value="([^"]*)"`).exec(page.text);
    return m ? m[1].replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"') : '';
  };
  const allow = /<textarea id="allow_list"[^>]*>([\s\S]*?)<\/textarea>/.exec(page.text)[1]
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const form = {
    csrf: page.csrf(), version: field('version'), org_name: field('org_name'), allow_list: allow,
    idle_minutes: field('idle_minutes'), retain_published_days: field('retain_published_days'),
    retain_drafts_days: field('retain_drafts_days'), legal_hold_reason: field('legal_hold_reason'),
  };
  if (/id="legal_hold"[^>]*checked/.test(page.text)) form.legal_hold = '1';
  Object.assign(form, changes);
  for (const [k, v] of Object.entries(form)) if (v === undefined) delete form[k];
  return admin.client.post('/admin/settings', form);
}

async function scan(client, body) {
  const csrf = await csrfOf(client, '/posts/new');
  const res = await client.post('/posts/scan', [['csrf', csrf], ['body', body], ['target', '1']]);
  assert.equal(res.status, 200, res.describe());
  return JSON.parse(res.text).findings;
}

test('a number on the allow-list is no longer flagged, live or on save, from the next request', async () => {
  resetSettings();
  const author = await loginAs('author');
  const before = await scan(author.client, NURSE_TEXT);
  assert.deepEqual(before.map((f) => f.category), ['PHONE'], 'flagged before it is allow-listed');

  let res = await saveSettings({ allow_list: 'phone: (401) 555-0100\nbogus line' });
  assert.equal(res.status, 422, res.describe());
  assert.match(res.text, /Line 2 is not understood/);
  assert.ok(res.text.includes('bogus line'), 'what the admin typed is kept');
  assert.equal(sqlValue('SELECT phi_allow_list IS NULL FROM settings'), '1', 'nothing stored');

  res = await saveSettings({ allow_list: '# the hospital\'s own numbers\nphone: (401) 555-0100\ndomain: stmaryshealth.org\nhashtag: #StMarysCares' });
  assert.equal(res.status, 303, res.describe());
  assert.equal(res.locationPath, '/admin/settings?done=saved');
  assert.deepEqual(await scan(author.client, NURSE_TEXT), [], 'the live scan uses the allow-list');
  const id = await createPost(author.client, { body: NURSE_TEXT });
  assert.equal(sqlValue(`SELECT COUNT(*) FROM phi_findings WHERE post_id=${id}`), '0', 'no finding stored on save');
  const page = await author.client.get(`/posts/${id}`);
  assert.doesNotMatch(page.text, /<mark class="phi/);
  // another number is still a finding
  assert.deepEqual((await scan(author.client, 'Call her daughter at 410-555-0147.')).map((f) => f.category), ['PHONE']);
  const audit = sql(`SELECT actor_name, object, detail FROM audit_log WHERE action='settings.update' ORDER BY id DESC LIMIT 1`);
  assert.deepEqual(audit, [[admin.user.username, 'settings', 'changed=phi_allow_list']]);
  assert.equal(sqlValue("SELECT COUNT(*) FROM audit_log WHERE action='settings.update' AND detail LIKE '%555-0100%'"), '0', 'values are not audited');
});

test('the organisation name appears on every page and in the feed; empty brings back Site.Name', async () => {
  resetSettings();
  const org = `Harbor General ${randomBytes(3).toString('hex')}`;
  let res = await saveSettings({ org_name: org });
  assert.equal(res.status, 303, res.describe());
  const author = await loginAs('author');
  assert.ok((await author.client.get('/posts')).text.includes(`<span class="org">${org}</span>`), 'shown to authors');
  const feed = await fetch(`${process.env.CLEARPOST_URL}/feed.atom`).then((r) => r.text());
  assert.match(feed, new RegExp(`<title[^>]*>${org}</title>`), 'the feed title');
  assert.equal(sqlValue("SELECT detail FROM audit_log WHERE action='settings.update' ORDER BY id DESC LIMIT 1"), 'changed=org_name');
  res = await saveSettings({ org_name: '' });
  assert.equal(res.status, 303);
  assert.equal(sqlValue('SELECT org_name IS NULL FROM settings'), '1');
  assert.ok(!(await author.client.get('/posts')).text.includes(org));
  const plain = await fetch(`${process.env.CLEARPOST_URL}/feed.atom`).then((r) => r.text());
  assert.doesNotMatch(plain, new RegExp(org));
});

test('a shorter idle timeout ends sessions idle longer than it, at their next request', async () => {
  resetSettings();
  const age = (user, minutes) => sql(`UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() - INTERVAL ${minutes} MINUTE WHERE user_id = ${userId(user.username)}`);
  const a = await loginAs('author');
  const b = await loginAs('author');
  age(a.user, 6);
  assert.equal((await a.client.get('/posts')).status, 200, 'the default (15 minutes) keeps a 6-minute idle session');
  let res = await saveSettings({ idle_minutes: '4' });
  assert.equal(res.status, 422, 'below 5 minutes is refused');
  assert.match(res.text, /from 5 to 240/);
  res = await saveSettings({ idle_minutes: '5' });
  assert.equal(res.status, 303, res.describe());
  assert.equal(sqlValue('SELECT idle_minutes FROM settings'), '5');
  age(a.user, 6);
  assertToLogin(await a.client.get('/posts'), 'idle 6 minutes under a 5-minute timeout');
  age(b.user, 4);
  assert.equal((await b.client.get('/posts')).status, 200, 'idle 4 minutes is still fine');
  assert.equal(sqlValue("SELECT detail FROM audit_log WHERE action='settings.update' ORDER BY id DESC LIMIT 1"), 'changed=idle_minutes=5');
});

test('settings: unchanged saves record nothing; a save over a newer change is refused; only admins', async () => {
  resetSettings();
  const n = () => sqlValue("SELECT COUNT(*) FROM audit_log WHERE action='settings.update'");
  const before = n();
  let res = await saveSettings({});
  assert.equal(res.status, 303, res.describe());
  assert.equal(res.locationPath, '/admin/settings?done=unchanged');
  assert.equal(n(), before);
  res = await saveSettings({ version: '1', org_name: 'Stale Hospital' });
  assert.equal(res.status, 409, res.describe());
  assert.match(res.text, /Another administrator changed the settings/);
  assert.equal(sqlValue('SELECT org_name IS NULL FROM settings'), '1');
  for (const role of ['author', 'reviewer']) {
    const { client } = await loginAs(role);
    assert.equal((await client.get('/admin/settings')).status, 403, role);
  }
});

/* ------------------------------------------------------------ retention */

/** Sets a post's last change (post, publications, deliveries) to `interval` ago. */
function ageRecords(id, interval) {
  sql(`UPDATE posts SET updated_at = UTC_TIMESTAMP() - INTERVAL ${interval} WHERE id = ${id}`);
  sql(`UPDATE publications SET created_at = UTC_TIMESTAMP() - INTERVAL ${interval} WHERE post_id = ${id}`);
  sql(`UPDATE deliveries SET updated_at = UTC_TIMESTAMP() - INTERVAL ${interval} WHERE post_id = ${id}`);
}

const exists = (id) => sqlValue(`SELECT COUNT(*) FROM posts WHERE id=${id}`) === '1';

/** A post approved to the feed and published there (by the stack's publisher). */
async function publishedPost(author, reviewer) {
  const id = await createPost(author.client, { body: `Walk-in vaccination hours are longer this month (${randomBytes(3).toString('hex')}).` });
  await submit(author.client, id);
  const page = await reviewer.client.get(`/review/${id}`);
  const res = await reviewer.client.post(`/review/${id}/approve`, [['csrf', page.csrf()], ['version', '1']]);
  assert.equal(res.status, 303, `approve: ${res.describe()}`);
  const deadline = Date.now() + 30000;
  while (sqlValue(`SELECT state FROM posts WHERE id=${id}`) !== 'published') {
    assert.ok(Date.now() < deadline, `post ${id} published by the stack's publisher`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return id;
}

/** A post the author wrote and withdrew (a draft that never went out). */
async function withdrawnDraft(author, body = 'Our new parking garage opens on Monday.') {
  const id = await createPost(author.client, { body });
  const page = await author.client.get(`/posts/${id}`);
  const res = await author.client.post(`/posts/${id}/withdraw`, [['csrf', page.csrf()]]);
  assert.equal(res.status, 303, `withdraw: ${res.describe()}`);
  return id;
}

async function setHold(id, on, reason = 'Litigation hold: matter 2026-117') {
  const page = await admin.client.get(`/review/${id}`);
  assert.equal(page.status, 200, page.describe());
  return admin.client.post(`/admin/posts/${id}/${on ? 'hold' : 'release'}`, { csrf: page.csrf(), reason });
}

test('retention deletes what is past its period, children first, each deletion audited without the text', async () => {
  resetSettings();
  const author = await loginAs('author');
  const reviewer = await loginAs('reviewer');
  const oldRecord = await publishedPost(author, reviewer);
  const youngRecord = await publishedPost(author, reviewer);
  const oldDraft = await withdrawnDraft(author, `Parking garage opens Monday, call ${NURSE_LINE}.`);
  const youngDraft = await withdrawnDraft(author);
  const oldWip = await createPost(author.client, { body: 'A draft still being written.' });
  // an image on the old draft: its media row goes with it
  sql(`INSERT INTO media (post_id, mime, sha256, bytes, created_by, created_at)
       VALUES (${oldDraft}, 'image/png', UNHEX(SHA2('x', 256)), 'x', ${userId(author.user.username)}, UTC_TIMESTAMP());
       UPDATE posts SET media_id = LAST_INSERT_ID() WHERE id = ${oldDraft}`);
  const body = sqlValue(`SELECT body FROM posts WHERE id=${oldRecord}`);
  ageRecords(oldRecord, '8 YEAR');
  ageRecords(youngRecord, '6 YEAR');
  ageRecords(oldDraft, '13 MONTH');
  ageRecords(youngDraft, '11 MONTH');
  ageRecords(oldWip, '10 YEAR');

  const dry = cli(['retention', 'run', '--dry-run']);
  assert.equal(dry.code, 0, dry.out);
  assert.match(dry.stdout, new RegExp(`would delete post ${oldRecord} \\(published record`));
  assert.match(dry.stdout, new RegExp(`would delete post ${oldDraft} \\(draft`));
  assert.match(dry.stdout, /kept 2557 days/);
  for (const id of [oldRecord, oldDraft]) assert.ok(exists(id), `--dry-run deleted nothing (post ${id})`);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE action='retention.delete' AND object IN ('post:${oldRecord}', 'post:${oldDraft}')`), '0');

  const run = cli(['retention', 'run']);
  assert.equal(run.code, 0, run.out);
  assert.match(run.stdout, new RegExp(`^deleted post ${oldRecord} \\(published record, last changed \\d{4}-`, 'm'));
  assert.match(run.stdout, new RegExp(`^deleted post ${oldDraft} \\(draft`, 'm'));
  assert.match(run.stdout, /^deleted \d+ posts \(\d+ published records, \d+ drafts\)/m);
  for (const id of [oldRecord, oldDraft]) {
    assert.ok(!exists(id), `post ${id} deleted`);
    for (const t of ['post_revisions', 'phi_findings', 'reviews', 'publications', 'deliveries', 'media', 'notifications']) {
      assert.equal(sqlValue(`SELECT COUNT(*) FROM ${t} WHERE post_id=${id}`), '0', `${t} of post ${id}`);
    }
  }
  for (const id of [youngRecord, youngDraft, oldWip]) assert.ok(exists(id), `post ${id} is kept`);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM publications WHERE post_id=${youngRecord}`), '1');

  const [[actor, from, to, detail]] = sql(`SELECT actor_name, from_state, to_state, detail FROM audit_log WHERE action='retention.delete' AND object='post:${oldRecord}'`);
  assert.deepEqual([actor, from, to], ['cli', 'published', 'deleted']);
  assert.match(detail, /^kind=published last_change=\d{4}-\d\d-\d\d retention_days=2557 deliveries=1 publications=1 media=0 findings=0 reviews=1 revisions=1 notifications=1 /);
  assert.ok(!detail.includes(body.slice(0, 20)), 'never the text');
  const draftDetail = sqlValue(`SELECT detail FROM audit_log WHERE action='retention.delete' AND object='post:${oldDraft}'`);
  assert.match(draftDetail, /^kind=draft .*retention_days=365 .*media=1 findings=1 /);
  // the post's own history stays in the audit log, and the chain is intact
  assert.ok(Number(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE object='post:${oldRecord}'`)) > 2);
  const verify = cli(['audit', 'verify']);
  assert.equal(verify.code, 0, verify.out);
});

test('a legal hold on a post, and the global hold, keep records past retention', async () => {
  resetSettings();
  const author = await loginAs('author');
  const held = await withdrawnDraft(author);
  const other = await withdrawnDraft(author);
  ageRecords(held, '2 YEAR');
  ageRecords(other, '2 YEAR');

  let res = await setHold(held, true, '');
  assert.equal(res.status, 422, 'a hold needs a reason');
  res = await setHold(held, true);
  assert.equal(res.status, 303, res.describe());
  assert.equal(res.locationPath, `/review/${held}?done=hold`);
  const page = await admin.client.get(`/review/${held}?done=hold`);
  assert.match(page.text, /On legal hold since .*Litigation hold: matter 2026-117/);
  assert.ok((await admin.client.get('/admin/settings')).text.includes(`href="/review/${held}"`), 'listed on the settings page');
  assert.deepEqual(sql(`SELECT actor_name, detail FROM audit_log WHERE object='post:${held}' AND action='post.legal_hold'`),
    [[admin.user.username, 'reason=Litigation hold: matter 2026-117']]);

  // the global hold: nothing at all is deleted
  res = await saveSettings({ legal_hold: '1', legal_hold_reason: '' });
  assert.equal(res.status, 422, 'the global hold needs a reason');
  res = await saveSettings({ legal_hold: '1', legal_hold_reason: 'Regulator inquiry 44' });
  assert.equal(res.status, 303, res.describe());
  assert.equal(sqlValue("SELECT detail FROM audit_log WHERE action='settings.update' ORDER BY id DESC LIMIT 1"), 'changed=legal_hold=on');
  let run = cli(['retention', 'run']);
  assert.equal(run.code, 0, run.out);
  assert.match(run.stdout, /global legal hold is on: nothing was deleted/);
  assert.ok(exists(held) && exists(other), 'everything kept under the global hold');

  res = await saveSettings({ legal_hold: undefined, legal_hold_reason: '' });
  assert.equal(res.status, 303, res.describe());
  assert.equal(sqlValue("SELECT detail FROM audit_log WHERE action='settings.update' ORDER BY id DESC LIMIT 1"), 'changed=legal_hold=off');
  run = cli(['retention', 'run']);
  assert.equal(run.code, 0, run.out);
  assert.match(run.stdout, new RegExp(`^kept post ${held}: on legal hold`, 'm'));
  assert.match(run.stdout, new RegExp(`^deleted post ${other} `, 'm'));
  assert.ok(exists(held), 'the post on hold is kept');
  assert.ok(!exists(other), 'the other one is deleted');

  res = await setHold(held, false, 'Matter 2026-117 closed');
  assert.equal(res.status, 303, res.describe());
  assert.deepEqual(sql(`SELECT action, detail FROM audit_log WHERE object='post:${held}' AND action='post.legal_hold_release'`),
    [['post.legal_hold_release', 'reason=Matter 2026-117 closed']]);
  run = cli(['retention', 'run']);
  assert.match(run.stdout, new RegExp(`^deleted post ${held} `, 'm'));
  assert.ok(!exists(held), 'deleted once the hold is released');
});

test('holds and settings are for administrators only', async () => {
  const author = await loginAs('author');
  const id = await createPost(author.client);
  const reviewer = await loginAs('reviewer');
  const csrf = await csrfOf(reviewer.client, '/review');
  assert.equal((await reviewer.client.post(`/admin/posts/${id}/hold`, { csrf, reason: 'x' })).status, 403);
  assert.equal((await admin.client.post(`/admin/posts/${id}/hold`, { reason: 'no csrf' })).status, 403);
  assert.equal(sqlValue(`SELECT legal_hold FROM posts WHERE id=${id}`), '0');
  const page = await admin.client.get('/admin');
  assert.equal((await admin.client.post('/admin/posts/999999999/hold', { csrf: page.csrf(), reason: 'missing' })).status, 404);
});
