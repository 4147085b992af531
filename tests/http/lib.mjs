// Shared helpers for the HTTP integration tests (Node 20 built-ins only).
//
// The runner (tests/run.sh, or a person by hand) provides:
//   CLEARPOST_URL            base URL of nginx, e.g. http://127.0.0.1:40123
//   CLEARPOST_VAR            runtime dir (MariaDB socket at $CLEARPOST_VAR/run/mysql.sock)
//   CLEARPOST_ROOT           the repo (bin/clearpost, src/stack/stack.sh)
//   CLEARPOST_CONFIG         config file handed to bin/clearpost
//   CLEARPOST_DEMO_PASSWORD  password of the demo users alice, rita, adam
//
// Tests never lock out or age the demo users: anything that fails logins or
// touches sessions works on a fresh user made by newUser().
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the HTTP tests through tests/run.sh (make test) or export it`);
  return v;
}

export const BASE = need('CLEARPOST_URL').replace(/\/+$/, '');
export const VAR = need('CLEARPOST_VAR');
export const ROOT = need('CLEARPOST_ROOT');
export const CONFIG = need('CLEARPOST_CONFIG');
export const DEMO_PASSWORD = need('CLEARPOST_DEMO_PASSWORD');

export const LANDING = Object.freeze({ author: '/posts', reviewer: '/review', admin: '/admin' });
export const DEMO = Object.freeze({ author: 'alice', reviewer: 'rita', admin: 'adam' });

/* ------------------------------------------------------------------ cookies */

/** Parses one Set-Cookie header into { name, value, attrs } (attrs keyed lower-case; flags are true). */
export function parseSetCookie(line) {
  const [nv, ...rest] = line.split(';');
  const eq = nv.indexOf('=');
  const name = nv.slice(0, eq).trim();
  const value = nv.slice(eq + 1).trim();
  const attrs = {};
  for (const part of rest) {
    const p = part.trim();
    if (!p) continue;
    const i = p.indexOf('=');
    if (i < 0) attrs[p.toLowerCase()] = true;
    else attrs[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim();
  }
  return { name, value, attrs, raw: line };
}

function isDeletion(c) {
  if (c.attrs['max-age'] !== undefined && Number(c.attrs['max-age']) <= 0) return true;
  if (typeof c.attrs.expires === 'string' && Date.parse(c.attrs.expires) <= Date.now()) return true;
  return c.value === '';
}

/* -------------------------------------------------------------------- HTML */

function unescapeHtml(s) {
  return s
    .replace(/&quot;/g, '"').replace(/&#0*39;|&apos;/g, "'")
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

/** The value of the first `<input ... name="csrf" value="...">` in html, or undefined. */
export function extractCsrf(html) {
  const tag = /<input\b[^>]*\bname\s*=\s*["']csrf["'][^>]*>/i.exec(html);
  if (!tag) return undefined;
  const v = /\bvalue\s*=\s*"([^"]*)"|\bvalue\s*=\s*'([^']*)'/i.exec(tag[0]);
  return v ? unescapeHtml(v[1] ?? v[2]) : undefined;
}

/** True when html has a hidden input named `name`. */
export function hasHiddenInput(html, name) {
  const re = new RegExp(`<input\\b[^>]*\\bname\\s*=\\s*["']${name}["'][^>]*>`, 'ig');
  return [...html.matchAll(re)].some((m) => /\btype\s*=\s*["']?hidden\b/i.test(m[0]));
}

/** True when html has an <input> named `name` (any type). */
export function hasInput(html, name) {
  return new RegExp(`<input\\b[^>]*\\bname\\s*=\\s*["']${name}["']`, 'i').test(html);
}

/** The <form ...>...</form> posting to `action`, or undefined. */
export function formFor(html, action) {
  const re = /<form\b[^>]*>[\s\S]*?<\/form>/gi;
  for (const m of html.matchAll(re)) {
    const open = /<form\b[^>]*>/i.exec(m[0])[0];
    const act = /\baction\s*=\s*["']([^"']*)["']/i.exec(open);
    if (act && unescapeHtml(act[1]) === action) return m[0];
  }
  return undefined;
}

/* ----------------------------------------------------------------- replies */

export class Reply {
  constructor(status, headers, text, setCookies) {
    this.status = status;
    this.headers = headers; // a Headers object: get() is case-insensitive, duplicates joined by ", "
    this.text = text;
    this.setCookies = setCookies.map(parseSetCookie);
  }
  get location() { return this.headers.get('location'); }
  /** Where a browser following the redirect would go: path+query when same-origin, else the full URL. */
  get locationPath() {
    const loc = this.location;
    if (loc == null) return null;
    const u = new URL(loc, BASE + '/');
    return u.origin === new URL(BASE).origin ? u.pathname + u.search : u.href;
  }
  /** The parsed Set-Cookie for `name` in this reply (last one wins), or undefined. */
  cookie(name) { return this.setCookies.filter((c) => c.name === name).at(-1); }
  csrf() { return extractCsrf(this.text); }
  describe() {
    return `HTTP ${this.status}, location=${this.location}, set-cookie=${JSON.stringify(this.setCookies.map((c) => c.raw))}, body=${JSON.stringify(this.text.slice(0, 300))}`;
  }
}

/* ------------------------------------------------------------------ client */

/** A tiny browser: one cookie jar (by name), form posts, never follows redirects. */
export class Client {
  constructor(cookies = {}) {
    this.jar = new Map(Object.entries(cookies));
  }

  cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /**
   * opts.form: object, array of pairs, or a raw string (sent as-is) -> application/x-www-form-urlencoded
   * opts.body / opts.headers: anything else. opts.jar === false sends no cookies.
   */
  async request(method, urlPath, opts = {}) {
    const headers = { ...(opts.headers ?? {}) };
    const names = Object.keys(headers).map((k) => k.toLowerCase());
    const ck = this.cookieHeader();
    if (opts.jar !== false && ck && !names.includes('cookie')) headers.cookie = ck;
    let body = opts.body;
    if (opts.form !== undefined) {
      body = typeof opts.form === 'string' ? opts.form : new URLSearchParams(opts.form).toString();
      if (!names.includes('content-type')) headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(BASE + urlPath, { method, headers, body, redirect: 'manual' });
    const text = await res.text();
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies.map(parseSetCookie)) {
      if (isDeletion(c)) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return new Reply(res.status, res.headers, text, setCookies);
  }

  get(urlPath, opts) { return this.request('GET', urlPath, opts); }
  post(urlPath, form, opts = {}) { return this.request('POST', urlPath, { ...opts, form }); }
}

/** GET /login in `client` and return the csrf token of its form (asserting there is one). */
export async function loginCsrf(client) {
  const page = await client.get('/login');
  assert.equal(page.status, 200, `GET /login: ${page.describe()}`);
  const csrf = page.csrf();
  assert.ok(csrf, 'GET /login has a csrf hidden input');
  return csrf;
}

/**
 * Fetch the login form and post username/password with its csrf token.
 * Returns { client, res }; asserts nothing about the outcome.
 */
export async function login(username, password, { client = new Client(), next, headers } = {}) {
  const csrf = await loginCsrf(client);
  const form = { username, password, csrf };
  if (next !== undefined) form.next = next;
  const res = await client.post('/login', form, { headers });
  return { client, res };
}

/** A fresh user of `role` (opts as newUser), logged in. Returns { client, user, res }. */
export async function loginAs(role, opts) {
  const user = newUser(role, opts);
  const { client, res } = await login(user.username, user.password);
  assert.equal(res.status, 303, `login as new ${role}: ${res.describe()}`);
  assert.ok(client.jar.has('cp_session'), 'login set cp_session');
  return { client, user, res };
}

/** Log a demo user in with the demo password. Returns { client, res }. */
export function loginDemo(role) {
  return login(DEMO[role], DEMO_PASSWORD);
}

/* ------------------------------------------------------------- raw socket */

/** Parse a raw HTTP/1.x response into a Reply plus statusLine. */
function parseRaw(buf) {
  const s = buf.toString('latin1');
  const end = s.indexOf('\r\n\r\n');
  const head = end < 0 ? s : s.slice(0, end);
  const body = end < 0 ? '' : s.slice(end + 4);
  const [statusLine, ...lines] = head.split('\r\n');
  const m = /^HTTP\/\d\.\d (\d{3})/.exec(statusLine);
  const headers = new Headers();
  const setCookies = [];
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i <= 0) continue;
    const k = l.slice(0, i).trim();
    const v = l.slice(i + 1).trim();
    if (k.toLowerCase() === 'set-cookie') setCookies.push(v);
    else headers.append(k, v);
  }
  const r = new Reply(m ? Number(m[1]) : 0, headers, body, setCookies);
  r.statusLine = statusLine;
  return r;
}

/**
 * Send raw bytes to the server over one TCP connection and read until it closes
 * (send `Connection: close`). Resolves with a Reply (status 0 if no status line);
 * rejects only when the connection ends or fails with no byte of answer.
 */
export function raw(data, { timeoutMs = 10000 } = {}) {
  const u = new URL(BASE);
  return new Promise((resolve, reject) => {
    const chunks = [];
    let done = false;
    const sock = net.connect({ host: u.hostname, port: Number(u.port || 80) });
    const finish = (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const buf = Buffer.concat(chunks);
      if (buf.length === 0) reject(err ?? new Error('connection closed with no answer'));
      else resolve(parseRaw(buf));
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    sock.on('data', (c) => chunks.push(c));
    sock.on('end', () => finish());
    sock.on('close', () => finish());
    sock.on('error', (e) => finish(e));
    sock.on('connect', () => sock.write(data));
  });
}

/** Host header value for raw requests. */
export const HOST = new URL(BASE).host;

/* --------------------------------------------------------------- database */

/** Quote a string as an SQL literal. */
export function q(s) {
  if (s === null || s === undefined) return 'NULL';
  return `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Run SQL as root on the test database; returns rows as arrays of strings (NULL as 'NULL'). */
export function sql(query) {
  const out = execFileSync('mariadb', [
    '--no-defaults', '-S', path.join(VAR, 'run', 'mysql.sock'), '-uroot', 'clearpost', '-N', '-B', '-e', query,
  ], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30000 });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

/** First column of the first row, or undefined. */
export function sqlValue(query) {
  return sql(query)[0]?.[0];
}

/**
 * The id of an active, registered Mastodon account named `name` with a
 * 500-character limit, made directly in the database for tests that only
 * need a target with a length rule (it has no credentials: a post sent
 * there fails).
 */
export function mastodonTarget(name = 'Mastodon (test)') {
  sql(`INSERT INTO accounts (platform, name, handle, settings, state, active, owner, purpose, registered_at, created_at)
       VALUES ('mastodon', ${q(name)}, '@clinic@mastodon.test', '{"instance":"https://mastodon.test"}', 'active', 1,
               'Communications', 'length tests', UTC_TIMESTAMP(), UTC_TIMESTAMP())
       ON DUPLICATE KEY UPDATE state = 'active', active = 1, registered_at = IFNULL(registered_at, UTC_TIMESTAMP())`);
  return sqlValue(`SELECT id FROM accounts WHERE name = ${q(name)}`);
}

export function userId(username) {
  const id = sqlValue(`SELECT id FROM users WHERE username=${q(username)}`);
  assert.ok(id, `user ${username} exists in the DB`);
  return id;
}

/* -------------------------------------------------------------------- CLI */

/** Run bin/clearpost; returns { code, stdout, stderr, out } (out = stdout + stderr). */
export function cli(args, stdin) {
  const r = spawnSync(path.join(ROOT, 'bin', 'clearpost'), args, {
    input: stdin ?? '',
    encoding: 'utf8',
    env: { ...process.env, CLEARPOST_CONFIG: CONFIG },
    timeout: 60000,
  });
  // A command that refuses its arguments may exit before reading the input
  // the test offered it: writing that input then fails with EPIPE (it
  // failed one fresh-clone run), but the command ran and its exit status
  // and output are the result.
  if (r.error && !(r.error.code === 'EPIPE' && r.status !== null)) throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, out: `${r.stdout}${r.stderr}` };
}

/** A random lower-case name so tests never collide with each other or the demo users. */
export function randomName(prefix = 't') {
  return prefix + randomBytes(5).toString('hex');
}

/** A random password that any sane policy accepts. */
export function randomPassword() {
  return `Pw-${randomBytes(12).toString('hex')}-Xy9`;
}

/**
 * Record that `username` acknowledged the social media policy version in force
 * (nothing when no policy is published), straight in the database as the
 * acknowledgement page would. `agoDays` back-dates it (expiry tests).
 */
export function acknowledgePolicy(username, { agoDays = 0 } = {}) {
  sql(`INSERT INTO policy_acks (user_id, version, publication_id, acknowledged_at)
       SELECT u.id, h.version, IFNULL((SELECT MAX(id) FROM policy_publications), 0),
              UTC_TIMESTAMP(6) - INTERVAL ${Number(agoDays)} DAY
       FROM users u JOIN policy_head h ON h.id = 1 WHERE u.username = ${q(username)} AND h.version > 0`);
}

/**
 * Create a user of `role` through `clearpost user add NAME ROLE --password-stdin`.
 * The user has acknowledged the policy in force, as staff who may submit or
 * approve have; `ack: false` leaves that to the test (the policy gate).
 */
export function newUser(role, { username = randomName(), password = randomPassword(), ack = true } = {}) {
  const r = cli(['user', 'add', username, role, '--password-stdin'], password);
  assert.equal(r.code, 0, `clearpost user add ${username} ${role} failed: ${r.out}`);
  if (ack) acknowledgePolicy(username);
  return { username, password, role };
}

/* ------------------------------------------------------------- assertions */

/** Asserts the headers every response must carry. `label` names the response in messages. */
export function assertSecurityHeaders(reply, label) {
  const h = reply.headers;
  const csp = h.get('content-security-policy');
  assert.ok(csp, `${label}: Content-Security-Policy present (${reply.status})`);
  assert.match(csp, /default-src 'self'/, `${label}: CSP has default-src 'self': ${csp}`);
  assert.match(csp, /frame-ancestors 'none'/, `${label}: CSP has frame-ancestors 'none': ${csp}`);
  assert.doesNotMatch(csp, /unsafe-inline/, `${label}: CSP allows no unsafe-inline: ${csp}`);
  assert.equal(h.get('x-content-type-options')?.toLowerCase(), 'nosniff', `${label}: X-Content-Type-Options: nosniff exactly once`);
  assert.ok(h.get('referrer-policy'), `${label}: Referrer-Policy present`);
  assert.equal(h.get('x-frame-options')?.toUpperCase(), 'DENY', `${label}: X-Frame-Options: DENY exactly once`);
  const server = h.get('server');
  if (server !== null) assert.doesNotMatch(server, /\d/, `${label}: Server header leaks no version: ${server}`);
}

/** Asserts a redirect to the login page (303, Location path /login...). */
export function assertToLogin(reply, label) {
  assert.equal(reply.status, 303, `${label}: ${reply.describe()}`);
  assert.match(reply.locationPath ?? '', /^\/login(?:[?#]|$)/, `${label}: redirected to /login, got ${reply.location}`);
}

/** Audit rows (objects) for an action that mention `who` as actor, object or in detail, newest first. */
export function auditRows(action, who) {
  const rows = sql(
    `SELECT id, actor_id, actor_name, action, object, ip, detail FROM audit_log WHERE action=${q(action)} ` +
    `AND (actor_name=${q(who)} OR object=${q(who)} OR detail LIKE ${q(`%${who}%`)}) ORDER BY id DESC`,
  );
  return rows.map(([id, actor_id, actor_name, act, object, ip, detail]) => ({ id: Number(id), actor_id, actor_name, action: act, object, ip, detail }));
}
