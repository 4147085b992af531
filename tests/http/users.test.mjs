// User administration over HTTP: creating users with several roles, the
// one-time temporary password and the forced change, roles granting
// exactly their routes (separation of duties still per post), disabling and
// resets ending sessions at once, the last active administrator, CSRF and
// role checks, and the audit entries (never a password).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  Client, VAR, assertToLogin, cli, formFor, login, loginAs, newUser, q, randomName, randomPassword, sql, sqlValue, userId,
} from './lib.mjs';

const CLEAN_TEXT = 'Flu shots are free at all of our clinics this week, Mon-Fri 8am-5pm.';

// Every password this file types or is shown: none may reach the audit log
// or the logs.
const seenPasswords = [];

function roleFields(roles) {
  return roles.map((r) => [`role_${r}`, '1']);
}

/** The csrf token of the page at path (asserting a 200). */
async function csrfOf(client, p) {
  const page = await client.get(p);
  assert.equal(page.status, 200, `GET ${p}: ${page.describe()}`);
  const csrf = page.csrf();
  assert.ok(csrf, `${p} has a csrf token`);
  return csrf;
}

/** The temporary password shown on a "created"/"reset" page. */
function shownPassword(res) {
  const m = /<input id="temporary"[^>]*value="([^"]+)"/.exec(res.text);
  assert.ok(m, `the page shows a temporary password: ${res.describe()}`);
  seenPasswords.push(m[1]);
  return m[1];
}

/** An admin creates `name` with `roles` through /admin/users; returns the temporary password. */
async function createUser(admin, name, roles) {
  const csrf = await csrfOf(admin, '/admin/users');
  const res = await admin.post('/admin/users', [['csrf', csrf], ['username', name], ...roleFields(roles)]);
  assert.equal(res.status, 200, `create ${name}: ${res.describe()}`);
  assert.match(res.text, /only time Clearpost shows it/);
  return shownPassword(res);
}

/** POST an admin action on a user (disable, enable, reset, roles). */
async function userAction(admin, id, action, extra = []) {
  const csrf = await csrfOf(admin, `/admin/users/${id}`);
  return admin.post(`/admin/users/${id}/${action}`, [['csrf', csrf], ...extra]);
}

/** Sets a new password on /password (current: the old one, or undefined after a temporary sign-in). */
async function changePassword(client, { current, password, confirm = password, secret = true }) {
  const csrf = await csrfOf(client, '/password');
  const form = [['csrf', csrf], ['password', password], ['confirm', confirm]];
  if (current !== undefined) form.push(['current', current]);
  if (secret) seenPasswords.push(password);
  return client.post('/password', form);
}

function sessionsOf(id) {
  return Number(sqlValue(`SELECT COUNT(*) FROM sessions WHERE user_id=${id}`));
}

function auditFor(id, action) {
  return sql(`SELECT actor_name, from_state, to_state, detail FROM audit_log WHERE object='user:${id}' AND action=${q(action)} ORDER BY id`);
}

function userRow(id) {
  const [role, active, state] = sql(`SELECT role, active, password_state FROM users WHERE id=${id}`)[0];
  return { role, active, state };
}

test('an admin creates a user with two roles; the temporary password signs in once and allows nothing but choosing a new one', async () => {
  const { client: admin, user: adminUser } = await loginAs('admin');
  const name = randomName('u');
  const temp = await createUser(admin, name, ['author', 'reviewer']);
  assert.ok(temp.length >= 12, 'the temporary password meets the policy');
  const id = userId(name);
  assert.deepEqual(userRow(id), { role: 'author,reviewer', active: '1', state: 'temporary' });
  assert.doesNotMatch(sqlValue(`SELECT password_hash FROM users WHERE id=${id}`), new RegExp(temp), 'only a hash is stored');
  assert.deepEqual(auditFor(id, 'user.create'), [[adminUser.username, 'NULL', 'author,reviewer', `name=${name} roles=author,reviewer`]]);

  // The list shows the user, both roles and the unused temporary password.
  const list = await admin.get('/admin/users');
  const row = new RegExp(`<tr class="user-row" id="user-${id}">[\\s\\S]*?</tr>`).exec(list.text)?.[0];
  assert.ok(row, 'the list has a row for the new user');
  assert.match(row, /author, reviewer/);
  assert.match(row, /temporary password not used yet/);
  assert.doesNotMatch(list.text, new RegExp(temp), 'the list never shows the password again');

  // First sign-in: straight to /password, and everything else leads there.
  const { client: u, res } = await login(name, temp);
  assert.equal(res.status, 303, res.describe());
  assert.equal(res.locationPath, '/password');
  for (const p of ['/', '/posts', '/review', '/notifications', '/posts/new', '/review/authorizations']) {
    const r = await u.get(p);
    assert.equal(r.status, 303, `GET ${p}: ${r.describe()}`);
    assert.equal(r.locationPath, '/password', `GET ${p} leads to /password`);
  }
  const page = await u.get('/password');
  assert.equal(page.status, 200);
  assert.match(page.text, /signed in with a temporary password/);
  assert.doesNotMatch(page.text, /name="current"/, 'no current password asked right after a temporary sign-in');
  assert.doesNotMatch(page.text, /href="\/posts"/, 'no navigation while the password must be changed');
  const blocked = await u.post('/posts/new', [['csrf', page.csrf()], ['title', 'x'], ['body', CLEAN_TEXT], ['target', '1']]);
  assert.equal(blocked.status, 303, 'a POST elsewhere is refused too');
  assert.equal(blocked.locationPath, '/password');
  assert.equal(sqlValue(`SELECT COUNT(*) FROM posts WHERE author_id=${id}`), '0', 'and changed nothing');

  // It worked once: a second sign-in with it is refused.
  const again = await login(name, temp);
  assert.equal(again.res.status, 401, again.res.describe());
  assert.match(again.res.text, /temporary password has been used already/);
  assert.ok(!again.client.jar.has('cp_session'));

  // The policy: 12 characters, not the user name, typed twice alike, not the temporary one.
  for (const [password, confirm, why] of [
    ['short-pw', 'short-pw', /at least 12 characters/],
    ['a-long-enough-password', 'a-long-enough-passwort', /not the same/],
    [temp, temp, /not the temporary one/],
  ]) {
    const r = await changePassword(u, { password, confirm });
    assert.equal(r.status, 422, `${password}: ${r.describe()}`);
    assert.match(r.text, why);
  }
  assert.equal(userRow(id).state, 'temporary_used');

  const mine = randomPassword();
  const done = await changePassword(u, { password: mine });
  assert.equal(done.status, 303, done.describe());
  assert.equal(done.locationPath, '/review', 'then to the page of the highest role held');
  assert.equal(userRow(id).state, 'chosen');
  assert.deepEqual(auditFor(id, 'user.password_change').map((a) => a.slice(0, 3)), [[name, 'temporary_used', 'chosen']]);

  // The new password works; the temporary one does not.
  for (const p of ['/posts', '/review', '/notifications']) assert.equal((await u.get(p)).status, 200, p);
  const fresh = await login(name, mine);
  assert.equal(fresh.res.status, 303);
  assert.equal(fresh.res.locationPath, '/review');
  assert.equal((await login(name, temp)).res.status, 401);
  assert.notEqual(sqlValue(`SELECT last_login_at FROM users WHERE id=${id}`), 'NULL', 'the last sign-in is recorded');
});

test('a user name equal to the password is refused', async () => {
  const { client: admin } = await loginAs('admin');
  const name = randomName('samename');
  const temp = await createUser(admin, name, ['author']);
  const { client: u } = await login(name, temp);
  // (the audit names the user, so this refused "password" is no secret)
  const r = await changePassword(u, { password: name.toUpperCase(), secret: false });
  assert.equal(r.status, 422, r.describe());
  assert.match(r.text, /not be the user name/);
});

test('signing out stays possible with a temporary password, and it is spent', async () => {
  const { client: admin } = await loginAs('admin');
  const name = randomName('u');
  const temp = await createUser(admin, name, ['author']);
  const { client: u } = await login(name, temp);
  const form = formFor((await u.get('/password')).text, '/logout');
  assert.ok(form, '/password has the sign-out form');
  const out = await u.post('/logout', [['csrf', (await u.get('/password')).csrf()]]);
  assertToLogin(out, 'POST /logout');
  assert.equal(sessionsOf(userId(name)), 0);
  assert.equal((await login(name, temp)).res.status, 401, 'the temporary password worked once');
});

test('roles grant exactly their routes: author+reviewer writes and reviews, but never their own post', async () => {
  // The CLI takes a comma-separated list too.
  const ar = newUser('author,reviewer');
  seenPasswords.push(ar.password);
  assert.equal(userRow(userId(ar.username)).role, 'author,reviewer');
  const { client, res } = await login(ar.username, ar.password);
  assert.equal(res.locationPath, '/review', 'lands on the highest role\'s page');
  for (const [p, want] of [['/posts', 200], ['/posts/new', 200], ['/review', 200], ['/review/authorizations', 200],
    ['/notifications', 200], ['/admin', 403], ['/admin/users', 403], ['/admin/accounts', 403]]) {
    const r = await client.get(p);
    assert.equal(r.status, want, `GET ${p}: ${r.describe()}`);
  }
  const home = await client.get('/posts');
  assert.match(home.text, /href="\/posts"[^>]*>My posts/);
  assert.match(home.text, /href="\/review"[^>]*>Review queue/);
  assert.match(home.text, /href="\/review\/authorizations"[^>]*>Authorizations/);
  assert.doesNotMatch(home.text, /href="\/admin"/);
  assert.match(home.text, /\(author, reviewer\)/);

  // Their own post: readable in review, but no decision.
  const csrf = await csrfOf(client, '/posts/new');
  const made = await client.post('/posts/new', [['csrf', csrf], ['title', 'Own post'], ['body', CLEAN_TEXT], ['target', '1']]);
  assert.equal(made.status, 303, made.describe());
  const id = Number(/\/posts\/(\d+)/.exec(made.location)[1]);
  const edit = await client.get(`/posts/${id}`);
  const sub = await client.post(`/posts/${id}/submit`, [['csrf', edit.csrf()], ['version', '1']]);
  assert.equal(sub.status, 303, sub.describe());
  const view = await client.get(`/review/${id}`);
  assert.equal(view.status, 200);
  assert.doesNotMatch(view.text, /Approve version/);
  const own = await client.post(`/review/${id}/approve`, [['csrf', view.csrf()], ['version', '1']]);
  assert.equal(own.status, 403, own.describe());
  assert.equal(sqlValue(`SELECT state FROM posts WHERE id=${id}`), 'in_review');

  // Another reviewer may decide.
  const { client: other } = await loginAs('reviewer');
  const page = await other.get(`/review/${id}`);
  assert.match(page.text, /Approve version 1/);
  const rej = await other.post(`/review/${id}/reject`, [['csrf', page.csrf()], ['version', '1'], ['reason', 'Not this week']]);
  assert.equal(rej.status, 303, rej.describe());

  // The author side still works: the rejection notice links to their own post.
  const notes = await client.get('/notifications');
  assert.match(notes.text, new RegExp(`href="/posts/${id}"`));
});

test('an admin who is also an author lands on /admin and sees every area', async () => {
  const u = newUser('author,admin');
  seenPasswords.push(u.password);
  const { client, res } = await login(u.username, u.password);
  assert.equal(res.locationPath, '/admin');
  const page = await client.get('/admin');
  assert.match(page.text, /href="\/posts"/);
  assert.match(page.text, /href="\/admin"/);
  assert.match(page.text, /href="\/review\/authorizations"/);
  assert.doesNotMatch(page.text, /href="\/review"[^/]/, 'no review queue without the reviewer role');
  assert.match(page.text, /href="\/admin\/users"/, 'the overview links the users page');
  assert.equal((await client.get('/posts')).status, 200);
  assert.equal((await client.get('/review')).status, 403);
});

test('changing roles applies to a live session at once and is audited from/to', async () => {
  const { client: admin, user: adminUser } = await loginAs('admin');
  const { client: u, user } = await loginAs('author');
  const id = userId(user.username);
  assert.equal((await u.get('/posts')).status, 200);
  let r = await userAction(admin, id, 'roles', roleFields(['reviewer']));
  assert.equal(r.status, 303, r.describe());
  assert.equal(r.locationPath, `/admin/users/${id}?done=roles`);
  assert.equal((await u.get('/posts')).status, 403);
  assert.equal((await u.get('/review')).status, 200);
  assert.deepEqual(auditFor(id, 'user.roles'), [[adminUser.username, 'author', 'reviewer', '']]);
  r = await userAction(admin, id, 'roles', roleFields(['author', 'reviewer', 'admin']));
  assert.equal(r.status, 303);
  assert.equal(userRow(id).role, 'author,reviewer,admin');
  assert.deepEqual(auditFor(id, 'user.roles').at(-1).slice(1, 3), ['reviewer', 'author,reviewer,admin']);
  r = await userAction(admin, id, 'roles', []);
  assert.equal(r.status, 422, 'at least one role');
  assert.match(r.text, /at least one role/);
  assert.equal(userRow(id).role, 'author,reviewer,admin');
  r = await userAction(admin, id, 'roles', roleFields(['bogus']));
  assert.equal(r.status, 422);
});

test('disabling ends the user\'s sessions at once; enabling lets them sign in again', async () => {
  const { client: admin, user: adminUser } = await loginAs('admin');
  const { client: u, user } = await loginAs('author');
  const second = await login(user.username, user.password);
  const id = userId(user.username);
  assert.equal(sessionsOf(id), 2);
  assert.equal((await u.get('/posts')).status, 200);
  const r = await userAction(admin, id, 'disable');
  assert.equal(r.status, 303, r.describe());
  assert.equal(sessionsOf(id), 0, 'every session row is gone in the same transaction');
  assertToLogin(await u.get('/posts'), 'the next request of a disabled user');
  assertToLogin(await second.client.get('/posts'), 'their other session too');
  const denied = await login(user.username, user.password);
  assert.equal(denied.res.status, 401);
  assert.deepEqual(auditFor(id, 'user.disable'), [[adminUser.username, 'active', 'disabled', '']]);
  const list = await admin.get('/admin/users');
  assert.match(new RegExp(`id="user-${id}">[\\s\\S]*?</tr>`).exec(list.text)[0], />disabled</);

  assert.equal((await userAction(admin, id, 'enable')).status, 303);
  assert.deepEqual(auditFor(id, 'user.enable'), [[adminUser.username, 'disabled', 'active', '']]);
  assert.equal((await login(user.username, user.password)).res.status, 303);
});

test('a password reset ends every session, shows a new temporary password once and forces a change', async () => {
  const { client: admin, user: adminUser } = await loginAs('admin');
  const { client: u, user } = await loginAs('reviewer');
  const id = userId(user.username);
  seenPasswords.push(user.password);
  const r = await userAction(admin, id, 'reset');
  assert.equal(r.status, 200, r.describe());
  const temp = shownPassword(r);
  assert.equal(sessionsOf(id), 0);
  assertToLogin(await u.get('/review'), 'the old session after a reset');
  assert.equal((await login(user.username, user.password)).res.status, 401, 'the old password is gone');
  const { client: again, res } = await login(user.username, temp);
  assert.equal(res.locationPath, '/password');
  assert.equal((await again.get('/review')).locationPath, '/password');
  const mine = randomPassword();
  const done = await changePassword(again, { password: mine });
  assert.equal(done.locationPath, '/review');
  assert.deepEqual(auditFor(id, 'user.password_reset'), [[adminUser.username, 'chosen', 'temporary', '']]);
  // An admin resets others, never themselves (that is /password).
  const self = await userAction(admin, userId(adminUser.username), 'reset');
  assert.equal(self.status, 409);
});

test('anyone changes their own password with the current one; their other sessions end', async () => {
  const { client: c1, user } = await loginAs('author');
  const c2 = (await login(user.username, user.password)).client;
  const id = userId(user.username);
  seenPasswords.push(user.password);
  let r = await changePassword(c1, { current: 'not-my-password-at-all', password: randomPassword() });
  assert.equal(r.status, 422);
  assert.match(r.text, /not your current password/);
  assert.equal(auditFor(id, 'user.password_change_fail').length, 1);
  const mine = randomPassword();
  r = await changePassword(c1, { current: user.password, password: mine });
  assert.equal(r.status, 303, r.describe());
  assert.equal(r.locationPath, '/password?done=1');
  assert.match((await c1.get('/password?done=1')).text, /Your password was changed/);
  assert.equal((await c1.get('/posts')).status, 200, 'this session continues');
  assertToLogin(await c2.get('/posts'), 'the other session');
  assert.equal((await login(user.username, user.password)).res.status, 401);
  assert.equal((await login(user.username, mine)).res.status, 303);
  assert.deepEqual(auditFor(id, 'user.password_change').map((a) => a.slice(0, 3)), [[user.username, 'chosen', 'chosen']]);
});

test('creating a user: name and roles are checked', async () => {
  const { client: admin } = await loginAs('admin');
  const csrf = await csrfOf(admin, '/admin/users');
  const taken = newUser('author').username;
  for (const [form, why] of [
    [[['username', 'Bad Name'], ...roleFields(['author'])], /lower-case letters/],
    [[['username', ''], ...roleFields(['author'])], /lower-case letters/],
    [[['username', randomName()]], /at least one role/],
    [[['username', taken], ...roleFields(['author'])], /exists already/],
  ]) {
    const r = await admin.post('/admin/users', [['csrf', csrf], ...form]);
    assert.equal(r.status, 422, `${JSON.stringify(form)}: ${r.describe()}`);
    assert.match(r.text, why);
  }
  const r = await admin.post('/admin/users', [['csrf', csrf], ['username', 'Bad Name'], ['role_reviewer', '1']]);
  assert.match(r.text, /value="Bad Name"/, 'the typed name is kept');
  assert.match(r.text, /id="role_reviewer" name="role_reviewer" value="1" checked/, 'so are the roles');
});

test('only administrators reach user administration, and only with a valid CSRF token', async () => {
  for (const role of ['author', 'reviewer', 'author,reviewer']) {
    const { client, user } = await loginAs(role);
    seenPasswords.push(user.password);
    const csrf = await csrfOf(client, role === 'reviewer' ? '/review' : '/posts');
    assert.equal((await client.get('/admin/users')).status, 403, `${role}: GET /admin/users`);
    const name = randomName();
    const r = await client.post('/admin/users', [['csrf', csrf], ['username', name], ...roleFields(['admin'])]);
    assert.equal(r.status, 403, `${role}: POST /admin/users`);
    const self = userId(user.username);
    assert.equal((await client.post(`/admin/users/${self}/roles`, [['csrf', csrf], ...roleFields(['admin'])])).status, 403);
    assert.equal(userRow(self).role, role, `${role} did not make themselves admin`);
    assert.equal(sqlValue(`SELECT COUNT(*) FROM users WHERE username=${q(name)}`), '0');
  }
  const { client: admin } = await loginAs('admin');
  const { client: other } = await loginAs('admin');
  const foreign = await csrfOf(other, '/admin/users');
  const target = newUser('author');
  const tid = userId(target.username);
  for (const csrf of [undefined, '', foreign, 'f'.repeat(64)]) {
    const form = [['username', randomName()], ...roleFields(['author'])];
    if (csrf !== undefined) form.push(['csrf', csrf]);
    assert.equal((await admin.post('/admin/users', form)).status, 403, `create with csrf=${csrf}`);
    const dis = [['csrf', csrf ?? '']];
    assert.equal((await admin.post(`/admin/users/${tid}/disable`, dis)).status, 403, `disable with csrf=${csrf}`);
    assert.equal((await admin.post(`/admin/users/${tid}/reset`, dis)).status, 403, `reset with csrf=${csrf}`);
  }
  assert.deepEqual(userRow(tid), { role: 'author', active: '1', state: 'chosen' });
  // /password needs the session's token as well.
  const { client: u } = await loginAs('author');
  assert.equal((await u.post('/password', [['csrf', foreign], ['current', 'x'], ['password', randomPassword()]])).status, 403);
  assert.equal((await new Client().get('/admin/users')).status, 303);
  assert.equal((await admin.get('/admin/users/999999999')).status, 404);
});

test('the last active administrator cannot be disabled or demoted, and two admins acting on each other at once leave one', async () => {
  const a = await loginAs('admin');
  const b = await loginAs('admin');
  const ida = Number(userId(a.user.username));
  const idb = Number(userId(b.user.username));
  seenPasswords.push(a.user.password, b.user.password);
  // Tests run one file at a time: for this test only, a and b are the only
  // active administrators (the others are restored afterwards).
  const others = sql(`SELECT id FROM users WHERE active=1 AND FIND_IN_SET('admin', role) AND id NOT IN (${ida}, ${idb})`).map((r) => r[0]);
  const restore = () => {
    if (others.length) sql(`UPDATE users SET active=1 WHERE id IN (${others.join(',')})`);
    sql(`UPDATE users SET active=1, role='admin' WHERE id IN (${ida}, ${idb})`);
  };
  const activeAdmins = () => sql(`SELECT id FROM users WHERE active=1 AND FIND_IN_SET('admin', role) ORDER BY id`).map((r) => Number(r[0]));
  try {
    if (others.length) sql(`UPDATE users SET active=0 WHERE id IN (${others.join(',')})`);
    assert.deepEqual(activeAdmins(), [ida, idb].sort((x, y) => x - y));

    for (const [action, extra] of [['disable', []], ['roles', roleFields(['author'])], ['disable', []], ['roles', roleFields(['reviewer'])]]) {
      // Both log in afresh (a disabled one lost the session) and act on each other at once.
      const ca = (await login(a.user.username, a.user.password)).client;
      const cb = (await login(b.user.username, b.user.password)).client;
      const [ta, tb] = await Promise.all([csrfOf(ca, `/admin/users/${idb}`), csrfOf(cb, `/admin/users/${ida}`)]);
      const [ra, rb] = await Promise.all([
        ca.post(`/admin/users/${idb}/${action}`, [['csrf', ta], ...extra]),
        cb.post(`/admin/users/${ida}/${action}`, [['csrf', tb], ...extra]),
      ]);
      // The loser is refused (403: no longer an administrator) or, when
      // the winner's disable came first, finds its session ended.
      const won = (x) => x.status === 303 && x.locationPath.startsWith('/admin/users/');
      const lost = (x) => x.status === 403 || x.status === 409 || (x.status === 303 && x.locationPath.startsWith('/login'));
      assert.equal([ra, rb].filter(won).length, 1, `${action}: one succeeds (${ra.describe()} / ${rb.describe()})`);
      assert.equal([ra, rb].filter(lost).length, 1, `${action}: the other is refused (${ra.describe()} / ${rb.describe()})`);
      const left = activeAdmins();
      assert.equal(left.length, 1, `${action}: exactly one administrator is left: ${left}`);
      sql(`UPDATE users SET active=1, role='admin' WHERE id IN (${ida}, ${idb})`);
    }

    // Alone, an administrator can neither disable nor demote themselves.
    sql(`UPDATE users SET active=0 WHERE id=${idb}`);
    const ca = (await login(a.user.username, a.user.password)).client;
    let r = await userAction(ca, ida, 'disable');
    assert.equal(r.status, 409, r.describe());
    assert.match(r.text, /last active administrator/);
    r = await userAction(ca, ida, 'roles', roleFields(['author', 'reviewer']));
    assert.equal(r.status, 409, r.describe());
    assert.deepEqual(userRow(ida), { role: 'admin', active: '1', state: 'chosen' });
    assert.equal((await ca.get('/admin')).status, 200, 'still an administrator');
    const viaCli = cli(['user', 'disable', a.user.username]);
    assert.equal(viaCli.code, 3, `the CLI refuses too: ${viaCli.out}`);
    assert.match(viaCli.stderr, /last active administrator/);
    assert.equal(userRow(ida).active, '1');

    // With a second one, demoting oneself is allowed; then the other is the last.
    sql(`UPDATE users SET active=1 WHERE id=${idb}`);
    r = await userAction(ca, ida, 'roles', roleFields(['author']));
    assert.equal(r.status, 303, r.describe());
    assert.equal((await ca.get('/admin')).status, 403);
    const cb = (await login(b.user.username, b.user.password)).client;
    r = await userAction(cb, idb, 'roles', roleFields(['author']));
    assert.equal(r.status, 409);
    r = await userAction(cb, idb, 'disable');
    assert.equal(r.status, 409);
    assert.deepEqual(activeAdmins(), [idb]);
  } finally {
    restore();
  }
  assert.ok(activeAdmins().length > 2, 'the other administrators are back');
});

test('no password ever reaches the audit log or the logs', () => {
  assert.ok(seenPasswords.length > 10, 'the tests above typed and saw passwords');
  const cols = 'CONCAT_WS(\'|\', actor_name, action, object, IFNULL(from_state, \'\'), IFNULL(to_state, \'\'), detail)';
  for (const pw of seenPasswords) {
    assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE ${cols} LIKE ${q(`%${pw}%`)}`), '0', 'a password in the audit log');
  }
  const logDir = path.join(VAR, 'log');
  for (const f of fs.readdirSync(logDir)) {
    const p = path.join(logDir, f);
    if (!fs.statSync(p).isFile()) continue;
    const text = fs.readFileSync(p, 'latin1');
    for (const pw of seenPasswords) assert.ok(!text.includes(pw), `a password in ${f}`);
  }
  assert.equal(cli(['audit', 'verify']).code, 0, 'the audit chain is intact');
});
