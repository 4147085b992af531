// The administrators' audit log viewer (/admin/audit), its CSV download
// (/admin/audit.csv) and the dashboard on /admin: filters, keyset paging,
// RFC 4180 output with spreadsheet formulas neutralised, every reading
// itself audited, and the chain's state shown — BROKEN while a row is
// altered directly in the database (the last test; the row is restored).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { assertSecurityHeaders, cli, login, loginAs, q, sql, sqlValue } from './lib.mjs';

/* ------------------------------------------------------------ helpers */

function unescapeHtml(s) {
  return s
    .replace(/&quot;/g, '"').replace(/&#0*39;|&apos;/g, "'")
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/** The entries shown on a viewer page: [{ id, at, actor, action, object, state, ip, detail }]. */
function shown(html) {
  const table = /<table class="audit">([\s\S]*?)<\/table>/.exec(html);
  if (!table) return [];
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table[1])[1];
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => {
    const cells = [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => unescapeHtml(c[1]));
    const [id, at, actor, action, object, state, ip, detail] = cells;
    return { id: Number(id), at, actor, action, object, state, ip, detail };
  });
}

/** The href of the paging link with this text (Older, Newer, Newest), unescaped, or undefined. */
function link(html, text) {
  const m = new RegExp(`<a href="([^"]*)"[^>]*>${text}</a>`).exec(html);
  return m ? unescapeHtml(m[1]) : undefined;
}

function matchCount(html) {
  const m = /<p>(\d+) (?:entry matches|entries match)/.exec(html);
  return m ? Number(m[1]) : undefined;
}

/** A strict RFC 4180 parser: CRLF records, quoted fields with doubled quotes; throws on anything else. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field !== '' || wasQuoted) throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
      wasQuoted = true;
      i++;
      continue;
    }
    if (wasQuoted && c !== ',' && c !== '\r') throw new Error(`text after a closing quote at ${i}`);
    if (c === ',') { row.push(field); field = ''; wasQuoted = false; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      wasQuoted = false;
      i += 2;
      continue;
    }
    if (c === '\r' || c === '\n') throw new Error(`a bare line break outside quotes at ${i}`);
    field += c;
    i++;
  }
  if (quoted) throw new Error('an unterminated quoted field');
  if (field !== '' || row.length) throw new Error('the last record does not end in CRLF');
  return rows;
}

const HEADER = ['id', 'at_utc', 'actor_id', 'actor', 'action', 'object', 'from_state', 'to_state', 'ip', 'detail'];

/** CSV text -> [{ id, at_utc, ... }] after checking the header and the width of every record. */
function csvRecords(text) {
  const rows = parseCsv(text);
  assert.deepEqual(rows[0], HEADER, 'the header line');
  for (const r of rows) assert.equal(r.length, HEADER.length, `every record has ${HEADER.length} fields: ${JSON.stringify(r)}`);
  return rows.slice(1).map((r) => Object.fromEntries(HEADER.map((h, i) => [h, r[i]])));
}

function qs(params) {
  return new URLSearchParams(params).toString();
}

/** Ids of entries matching actor (and action) in the database, newest first. */
function dbIds(where) {
  return sql(`SELECT id FROM audit_log WHERE ${where} ORDER BY id DESC`).map((r) => Number(r[0]));
}

const tag = () => randomBytes(4).toString('hex');

/* -------------------------------------------------------------- access */

for (const role of ['author', 'reviewer']) {
  test(`${role === 'author' ? 'an' : 'a'} ${role} gets 403 on the audit log and its CSV, and nothing is read`, async () => {
    const { client, user } = await loginAs(role);
    for (const p of ['/admin/audit', '/admin/audit.csv']) {
      const res = await client.get(p);
      assert.equal(res.status, 403, `${p}: ${res.describe()}`);
      assert.doesNotMatch(res.headers.get('content-type') ?? '', /csv/);
    }
    assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE actor_name=${q(user.username)} AND action LIKE 'audit.%'`), '0');
  });
}

/* ------------------------------------------------------------- filters */

test('the viewer shows the chain state and filters by actor', async () => {
  const { user } = await loginAs('author');
  await login(user.username, 'not-the-password');
  const admin = await loginAs('admin');
  const page = await admin.client.get(`/admin/audit?${qs({ actor: user.username })}`);
  assert.equal(page.status, 200, page.describe());
  assert.match(page.text, /Chain intact: \d+ entries/);
  const rows = shown(page.text);
  assert.deepEqual(rows.map((r) => r.id), dbIds(`actor_name=${q(user.username)}`), 'exactly the user\'s entries, newest first');
  assert.deepEqual(rows.map((r) => r.action).sort(), ['login.fail', 'login.ok']);
  for (const r of rows) {
    assert.equal(r.actor, user.username);
    assert.equal(r.ip, '127.0.0.1');
    assert.match(r.at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  }
  assert.equal(rows.find((r) => r.action === 'login.fail').detail, 'reason=bad_password');
  assert.equal(matchCount(page.text), 2);
  // The filter stays in the form and in the download link.
  assert.match(page.text, new RegExp(`id="actor"[^>]*value="${user.username}"`));
  assert.match(page.text, new RegExp(`href="/admin/audit.csv\\?actor=${user.username}"`));
});

test('the action filter is a list of the actions present and narrows to one', async () => {
  const { user } = await loginAs('author');
  await login(user.username, 'wrong-password-1');
  const admin = await loginAs('admin');
  const page = await admin.client.get(`/admin/audit?${qs({ actor: user.username, action: 'login.fail' })}`);
  assert.equal(page.status, 200, page.describe());
  const select = /<select id="action"[^>]*>([\s\S]*?)<\/select>/.exec(page.text)[1];
  const options = [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]).filter(Boolean);
  assert.deepEqual(options, sql('SELECT DISTINCT action FROM audit_log ORDER BY action').map((r) => r[0]));
  assert.match(select, /<option value="login.fail" selected>/);
  const rows = shown(page.text);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].action, 'login.fail');
  assert.equal(rows[0].id, dbIds(`actor_name=${q(user.username)} AND action='login.fail'`)[0]);
});

test('the object filter matches one object, or every object of a kind', async () => {
  const { user } = await loginAs('author');
  const uid = sqlValue(`SELECT id FROM users WHERE username=${q(user.username)}`);
  const admin = await loginAs('admin');
  let page = await admin.client.get(`/admin/audit?${qs({ object: `user:${uid}` })}`);
  assert.equal(page.status, 200, page.describe());
  let rows = shown(page.text);
  assert.deepEqual(rows.map((r) => r.id), dbIds(`object='user:${uid}'`));
  assert.deepEqual(rows.map((r) => r.action).sort(), ['login.ok', 'user.add']);
  page = await admin.client.get(`/admin/audit?${qs({ object: 'user', actor: user.username })}`);
  rows = shown(page.text);
  assert.ok(rows.length >= 1);
  for (const r of rows) assert.match(r.object, /^user:/);
  // A kind alone never matches by prefix of another kind ("use" is not "user").
  page = await admin.client.get(`/admin/audit?${qs({ object: 'use', actor: user.username })}`);
  assert.equal(shown(page.text).length, 0);
  assert.match(page.text, /No entries match/);
});

test('the time range includes the whole minute or day typed in "to", and nothing outside', async () => {
  const { user } = await loginAs('author');
  const [id, minute, day] = sql(`SELECT id, DATE_FORMAT(at, '%Y-%m-%dT%H:%i'), DATE_FORMAT(at, '%Y-%m-%d')
                                 FROM audit_log WHERE actor_name=${q(user.username)} AND action='login.ok'`)[0];
  const next = sqlValue(`SELECT DATE_FORMAT(at + INTERVAL 1 MINUTE, '%Y-%m-%dT%H:%i') FROM audit_log WHERE id=${id}`);
  const prev = sqlValue(`SELECT DATE_FORMAT(at - INTERVAL 1 MINUTE, '%Y-%m-%d %H:%i') FROM audit_log WHERE id=${id}`);
  const admin = await loginAs('admin');
  const ids = async (params) => {
    const page = await admin.client.get(`/admin/audit?${qs({ actor: user.username, ...params })}`);
    assert.equal(page.status, 200, page.describe());
    return shown(page.text).map((r) => r.id);
  };
  assert.deepEqual(await ids({ from: minute, to: minute }), [Number(id)]);
  assert.deepEqual(await ids({ from: day, to: day }), [Number(id)]);
  assert.deepEqual(await ids({ from: `${minute}:00Z` }), [Number(id)]);
  assert.deepEqual(await ids({ from: next }), []);
  assert.deepEqual(await ids({ to: prev }), []);
});

test('bad dates are refused with 422, a message per field, and the typed values kept', async () => {
  const admin = await loginAs('admin');
  const before = sqlValue(`SELECT COUNT(*) FROM audit_log WHERE actor_name=${q(admin.user.username)} AND action='audit.read'`);
  let page = await admin.client.get(`/admin/audit?${qs({ actor: 'x<y', from: '2026-02-30', to: 'yesterday' })}`);
  assert.equal(page.status, 422, page.describe());
  assert.match(page.text, /id="from"[^>]*value="2026-02-30"[^>]*aria-invalid="true"/);
  assert.match(page.text, /id="to"[^>]*value="yesterday"[^>]*aria-invalid="true"/);
  assert.match(page.text, /id="actor"[^>]*value="x&lt;y"/);
  assert.match(page.text, /id="from-error">Type a UTC date/);
  assert.match(page.text, /id="to-error">Type a UTC date/);
  assert.equal(shown(page.text).length, 0, 'no entries under a filter that was refused');
  page = await admin.client.get(`/admin/audit?${qs({ from: '2026-03-02', to: '2026-03-01T23:59' })}`);
  assert.equal(page.status, 422, page.describe());
  assert.match(page.text, /id="to-error">The end \(to\) is before the start \(from\)/);
  const csv = await admin.client.get(`/admin/audit.csv?${qs({ from: '2026-13-01' })}`);
  assert.equal(csv.status, 422, csv.describe());
  assert.match(csv.headers.get('content-type'), /text\/html/);
  assert.match(csv.text, /Type a UTC date/);
  assert.equal(sqlValue(`SELECT COUNT(*) FROM audit_log WHERE actor_name=${q(admin.user.username)} AND action LIKE 'audit.%'`), before,
    'a refused filter read nothing and records nothing');
  assert.equal((await admin.client.get('/admin/audit?before=abc')).status, 400);
});

/* -------------------------------------------------------------- paging */

test('paging: 50 per page, newest first, no duplicates or gaps while entries are appended', async () => {
  const admin = await loginAs('admin');
  const me = admin.user.username;
  // 120 readings by this admin (each view of the log is one), then page
  // through them; every page view appends one more that matches.
  for (let i = 0; i < 120; i++) {
    const r = await admin.client.get(`/admin/audit?${qs({ actor: `none-${i}` })}`);
    assert.equal(r.status, 200);
  }
  const filter = qs({ actor: me, action: 'audit.read' });
  let page = await admin.client.get(`/admin/audit?${filter}`);
  const first = shown(page.text);
  assert.equal(first.length, 50);
  assert.equal(link(page.text, 'Newer'), undefined, 'the first page has nothing newer');
  const top = first[0].id;
  const seen = [...first];
  const pages = [first];
  let older = link(page.text, 'Older');
  while (older) {
    assert.match(older, new RegExp(`^/admin/audit\\?${filter.replace(/\./g, '\\.')}&before=\\d+$`), 'paging keeps the filter');
    page = await admin.client.get(older);
    assert.equal(page.status, 200, page.describe());
    const rows = shown(page.text);
    pages.push(rows);
    seen.push(...rows);
    older = link(page.text, 'Older');
    assert.ok(pages.length < 10, 'paging ends');
  }
  const ids = seen.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'no entry twice');
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i] < ids[i - 1], 'newest first throughout');
  assert.deepEqual(ids, dbIds(`actor_name=${q(me)} AND action='audit.read' AND id <= ${top}`), 'no entry missing');
  assert.equal(pages.length, 3);
  assert.deepEqual(pages.map((p) => p.length), [50, 50, 21]);
  // Newer from the second page is the first page again, though more
  // readings were appended meanwhile.
  page = await admin.client.get(`/admin/audit?${filter}&before=${pages[0].at(-1).id}`);
  const newer = link(page.text, 'Newer');
  assert.ok(newer);
  assert.ok(link(page.text, 'Newest'));
  page = await admin.client.get(newer);
  assert.deepEqual(shown(page.text).map((r) => r.id), pages[0].map((r) => r.id));
  assert.ok(link(page.text, 'Newer'), 'entries appended since the first page are newer still');
});

/* ----------------------------------------------- reading is recorded */

test('viewing and downloading the log are themselves audit entries with the filter', async () => {
  const admin = await loginAs('admin');
  const who = `nobody-${tag()}`;
  let page = await admin.client.get(`/admin/audit?${qs({ actor: who, action: 'login.ok', to: '2099-12-31' })}`);
  assert.equal(page.status, 200, page.describe());
  let rows = sql(`SELECT action, object, ip, detail FROM audit_log WHERE actor_name=${q(admin.user.username)} AND action LIKE 'audit.%' ORDER BY id`);
  assert.deepEqual(rows, [['audit.read', 'audit_log', '127.0.0.1', `actor=${who}; action=login.ok; at<2100-01-01 00:00:00`]]);
  // The page shows its own reading at the top of an unfiltered view.
  page = await admin.client.get('/admin/audit');
  const top = shown(page.text)[0];
  assert.equal(top.actor, admin.user.username);
  assert.equal(top.action, 'audit.read');
  assert.equal(top.detail, 'all entries');
  const older = link(page.text, 'Older');
  assert.ok(older, 'an Older link on a log of more than 50 entries');
  await admin.client.get(older);
  const before = /before=(\d+)/.exec(older)[1];
  assert.equal(sqlValue(`SELECT detail FROM audit_log WHERE actor_name=${q(admin.user.username)} ORDER BY id DESC LIMIT 1`),
    `all entries; before ${before}`);
  const csv = await admin.client.get(`/admin/audit.csv?${qs({ object: 'post' })}`);
  assert.equal(csv.status, 200, csv.describe());
  rows = sql(`SELECT action, detail FROM audit_log WHERE actor_name=${q(admin.user.username)} ORDER BY id DESC LIMIT 1`);
  assert.deepEqual(rows, [['audit.export', 'object=post']]);
});

/* ----------------------------------------------------------------- CSV */

test('the CSV download: RFC 4180, tricky values survive, formulas are neutralised', async () => {
  const t = tag();
  // Names typed at sign-in are recorded as typed (login.fail): an attacker
  // can put what they like there.
  const tricky = [
    `=HYPERLINK("http://evil.test/${t}","a, b")`,
    `+1,"two"\r\nthree ${t}`,
    `-2+3 ${t}`,
    `@SUM(1) ${t}`,
    `\tTAB ${t}`,
    `plain "quoted", comma\nnewline ${t}`,
  ];
  for (const name of tricky) {
    const { res } = await login(name, 'whatever-password');
    assert.equal(res.status, 401, res.describe());
  }
  const admin = await loginAs('admin');
  // A reading whose detail holds a tricky filter value.
  assert.equal((await admin.client.get(`/admin/audit?${qs({ actor: tricky[1] })}`)).status, 200);
  const res = await admin.client.get(`/admin/audit.csv?${qs({ action: 'login.fail', from: sqlValue("SELECT DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL 10 MINUTE, '%Y-%m-%dT%H:%i')") })}`);
  assert.equal(res.status, 200, res.describe());
  assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  assert.match(res.headers.get('content-disposition') ?? '', new RegExp(`^attachment; filename="clearpost-audit-${day}T\\d{6}Z\\.csv"$`));
  assert.match(res.headers.get('cache-control') ?? '', /no-store/);
  assertSecurityHeaders(res, 'the CSV download');
  const recs = csvRecords(res.text);
  for (const r of recs) assert.equal(r.action, 'login.fail');
  const ids = recs.map((r) => Number(r.id));
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i] > ids[i - 1], 'oldest first');
  for (const name of tricky) {
    const risky = /^[=+\-@\t\r]/.test(name);
    const expect = risky ? `'${name}` : name;
    const rec = recs.find((r) => r.actor === expect);
    assert.ok(rec, `a record whose actor is ${JSON.stringify(expect)}`);
    assert.match(rec.detail, /^reason=[a-z_]+$/, 'the detail is its own field');
    assert.equal(rec.object, 'user:unknown');
    assert.equal(rec.ip, '127.0.0.1');
    assert.equal(rec.actor_id, '');
    assert.match(rec.at_utc, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
  }
  // The raw bytes: quoted where needed, inner quotes doubled, the formula
  // behind an apostrophe inside the quotes.
  assert.ok(res.text.includes(`"'=HYPERLINK(""http://evil.test/${t}"",""a, b"")"`), 'quoted and neutralised');
  assert.ok(res.text.includes(`,'-2+3 ${t},`), 'an unquoted field starting with - is neutralised');

  // The reading with the tricky filter: its detail has commas, quotes and a line break.
  const reads = csvRecords((await admin.client.get(`/admin/audit.csv?${qs({ actor: admin.user.username, action: 'audit.read' })}`)).text);
  assert.deepEqual(reads.map((r) => r.detail), [`actor=${tricky[1]}`]);
  // Every field equals the database's (one record, compared in full).
  const [row] = sql(`SELECT id, actor_id, actor_name, action, object, ip FROM audit_log WHERE id=${reads[0].id}`);
  assert.deepEqual([reads[0].id, reads[0].actor_id, reads[0].actor, reads[0].action, reads[0].object, reads[0].ip], row);
});

test('clearpost audit export writes the same CSV and records itself', async () => {
  const { user } = await loginAs('author');
  await login(user.username, 'wrong-password-2');
  const admin = await loginAs('admin');
  const web = await admin.client.get(`/admin/audit.csv?${qs({ actor: user.username })}`);
  const r = cli(['audit', 'export', '--actor', user.username]);
  assert.equal(r.code, 0, r.out);
  assert.equal(r.stdout, web.text, 'byte for byte the download');
  assert.equal(csvRecords(r.stdout).length, 2);
  const last = sql(`SELECT actor_name, action, ip, detail FROM audit_log ORDER BY id DESC LIMIT 1`)[0];
  assert.deepEqual(last, ['cli', 'audit.export', 'local', `actor=${user.username}`]);
  const bad = cli(['audit', 'export', '--from', '2026-02-30']);
  assert.equal(bad.code, 2, bad.out);
  assert.match(bad.stderr, /--from: Type a UTC date/);
  assert.equal(bad.stdout, '', 'no CSV for a refused filter');
  for (const args of [['audit'], ['audit', 'bogus'], ['audit', 'export', '--actor'], ['audit', 'export', '--colour', 'red'], ['audit', 'verify', 'extra']]) {
    const u = cli(args);
    assert.equal(u.code, 2, `${args.join(' ')}: ${u.out}`);
    assert.match(u.stderr, /usage: clearpost audit verify/);
  }
});

/* ----------------------------------------------------------- dashboard */

/** The dashboard's numbers: { states: {state: n}, failed, unconfirmed, retrying, oldest }. */
function dashboard(html) {
  const states = Object.fromEntries([...html.matchAll(/<li class="tile-([a-z_]+)"><span class="n">(\d+)<\/span>/g)]
    .map((m) => [m[1], Number(m[2])]));
  const num = (cls) => Number(new RegExp(`<li class="problem-${cls}[^"]*"><span class="n">(\\d+)</span>`).exec(html)[1]);
  const oldest = /<p class="oldest"><a href="\/review\/(\d+)">/.exec(html);
  return { states, failed: num('failed'), unconfirmed: num('unconfirmed'), retrying: num('retrying'), oldest: oldest ? Number(oldest[1]) : null };
}

test('the dashboard counts posts by state, deliveries that need a person, and links the oldest post in review', async () => {
  const admin = await loginAs('admin');
  let d = dashboard((await admin.client.get('/admin')).text);
  const dbStates = Object.fromEntries(sql('SELECT state, COUNT(*) FROM posts GROUP BY state').map(([s, n]) => [s, Number(n)]));
  for (const s of ['draft', 'in_review', 'approved', 'rejected', 'withdrawn', 'expired', 'publishing', 'published', 'failed']) {
    assert.equal(d.states[s], dbStates[s] ?? 0, `posts in ${s}`);
  }
  const dbDeliveries = (s) => Number(sqlValue(`SELECT COUNT(*) FROM deliveries WHERE state='${s}'`));
  assert.equal(d.failed, dbDeliveries('failed'));
  assert.equal(d.unconfirmed, dbDeliveries('unconfirmed'));
  assert.equal(d.retrying, dbDeliveries('retrying'));

  // A new post submitted for review, made the oldest waiting.
  const author = await loginAs('author');
  let page = await author.client.get('/posts/new');
  let res = await author.client.post('/posts/new', [['csrf', page.csrf()], ['title', `Dashboard ${tag()}`],
    ['body', 'Flu shots are free at all of our clinics this week.'], ['target', '1']]);
  assert.equal(res.status, 303, res.describe());
  const id = Number(/\/posts\/(\d+)/.exec(res.location)[1]);
  const drafts = d.states.draft;
  assert.equal(dashboard((await admin.client.get('/admin')).text).states.draft, drafts + 1, 'one more draft');
  page = await author.client.get(`/posts/${id}`);
  res = await author.client.post(`/posts/${id}/submit`, [['csrf', page.csrf()], ['version', '1']]);
  assert.equal(res.status, 303, res.describe());
  sql(`UPDATE posts SET submitted_at = '2001-01-01 00:00:00' WHERE id=${id}`);
  try {
    const html = (await admin.client.get('/admin')).text;
    d = dashboard(html);
    assert.equal(d.states.draft, drafts);
    assert.equal(d.states.in_review, (dbStates.in_review ?? 0) + 1);
    assert.equal(d.oldest, id, 'the oldest post waiting for review is linked');
    assert.match(html, /submitted 2001-01-01 00:00 UTC — waiting <strong>\d+ days \d+ hours?<\/strong>/);
    const review = await admin.client.get(`/review/${id}`);
    assert.equal(review.status, 200, `an admin may open the link: ${review.describe()}`);
    assert.match(html, /<a href="\/admin\/deliveries">/);
    assert.match(html, /<a href="\/admin\/audit">/);
  } finally {
    page = await author.client.get(`/posts/${id}`);
    res = await author.client.post(`/posts/${id}/withdraw`, [['csrf', page.csrf()]]);
    assert.equal(res.status, 303, res.describe());
  }
});

/* ----------------------------------------- tampering (keep this last) */

test('an entry altered directly in the database: the viewer says BROKEN at it, verify exits 1 naming it', async () => {
  const admin = await loginAs('admin');
  const { user } = await loginAs('author');
  await loginAs('author'); // the altered entry has a successor
  const id = Number(sqlValue(`SELECT id FROM audit_log WHERE actor_name=${q(user.username)} AND action='login.ok'`));
  const backup = `zz_audit_backup_${tag()}`;
  sql(`CREATE TABLE ${backup} AS SELECT * FROM audit_log WHERE id=${id}`);
  let page = await admin.client.get('/admin/audit');
  assert.match(page.text, /Chain intact/);
  const formula = '=HYPERLINK("http://evil.test","click, here")';
  try {
    sql(`UPDATE audit_log SET detail=${q(formula)}, at=at WHERE id=${id}`);
    page = await admin.client.get('/admin/audit');
    assert.equal(page.status, 200, page.describe());
    assert.match(page.text, new RegExp(`role="alert"><strong>Chain BROKEN at entry ${id}</strong>`));
    assert.doesNotMatch(page.text, /Chain intact/);
    page = await admin.client.get('/admin/audit?verify=full');
    assert.match(page.text, new RegExp(`Chain BROKEN at entry ${id}<`));
    const csv = await admin.client.get(`/admin/audit.csv?${qs({ actor: user.username, action: 'login.ok' })}`);
    const [rec] = csvRecords(csv.text);
    assert.equal(Number(rec.id), id);
    assert.equal(rec.detail, `'${formula}`, 'a detail starting with = is neutralised');
    assert.ok(csv.text.includes(`"'=HYPERLINK(""http://evil.test"",""click, here"")"\r\n`));
    const r = cli(['audit', 'verify']);
    assert.equal(r.code, 1, r.out);
    assert.match(r.stdout, new RegExp(`BROKEN at entry ${id}\\b`));
  } finally {
    sql(`UPDATE audit_log a JOIN ${backup} b ON a.id=b.id SET a.detail=b.detail, a.at=b.at; DROP TABLE ${backup}`);
  }
  page = await admin.client.get('/admin/audit');
  assert.match(page.text, /Chain intact: \d+ entries/);
  assert.equal(cli(['audit', 'verify']).code, 0);
});
