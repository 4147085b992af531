// `make install` as a sysadmin or a package build runs it (PREFIX default,
// DESTDIR a staging directory): the tree it writes, that it never
// overwrites a configuration, that the installed programs run and find
// their templates and migrations there, and that what it installs for
// systemd, nginx and logrotate is accepted by those tools.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONFIG, ROOT } from './lib.mjs';

const PREFIX = '/usr/local';
let STAGE;  // DESTDIR
let TMP;    // scratch files of the tests
const at = (p) => path.join(STAGE, p);
const SHARE = `${PREFIX}/share/clearpost`;
// The FastCGI programs this tree builds (policy may not be built yet).
const PROGRAMS = readdirSync(path.join(ROOT, 'bin')).filter((f) => f.endsWith('.fcgi')).map((f) => f.slice(0, -5));

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 300000, ...opts });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, out: `${r.stdout}${r.stderr}` };
}

function install() {
  const r = run('make', ['--no-print-directory', '-C', ROOT, 'install', `PREFIX=${PREFIX}`, `DESTDIR=${STAGE}`]);
  assert.equal(r.code, 0, `make install: ${r.out}`);
  return r;
}

function have(cmd) {
  return run('sh', ['-c', `command -v ${cmd}`]).code === 0;
}

before(() => {
  STAGE = mkdtempSync(path.join(tmpdir(), 'clearpost-stage-'));
  TMP = mkdtempSync(path.join(tmpdir(), 'clearpost-install-'));
  install();
});

after(() => {
  for (const d of [STAGE, TMP]) if (d) rmSync(d, { recursive: true, force: true });
});

test('make install puts every file in its FHS place', () => {
  const want = [
    `${PREFIX}/bin/clearpost`,
    ...PROGRAMS.map((p) => `${PREFIX}/lib/clearpost/${p}.fcgi`),
    `${SHARE}/templates/layout.cs`,
    `${SHARE}/templates/login.cs`,
    `${SHARE}/static/css/app.css`,
    `${SHARE}/static/errors/502.html`,
    `${SHARE}/sql/0001_core.sql`,
    `${SHARE}/sql/grants.sql`,
    `${SHARE}/clearpost.hdf`,
    `${PREFIX}/share/man/man1/clearpost.1`,
    '/etc/clearpost/clearpost.hdf',
    '/etc/clearpost/nginx-clearpost.conf',
    '/etc/logrotate.d/clearpost',
    `${PREFIX}/lib/systemd/system/clearpost-publisher.service`,
    ...PROGRAMS.flatMap((p) => [`${PREFIX}/lib/systemd/system/clearpost-${p}.service`, `${PREFIX}/lib/systemd/system/clearpost-${p}.socket`]),
  ];
  for (const f of want) assert.ok(existsSync(at(f)), `missing ${f}`);
  for (const f of [`${PREFIX}/bin/clearpost`, ...PROGRAMS.map((p) => `${PREFIX}/lib/clearpost/${p}.fcgi`)]) {
    assert.equal(statSync(at(f)).mode & 0o111, 0o111, `${f} is executable`);
  }
  // every template and every migration, nothing left behind
  const count = (dir, re) => run('find', [dir, '-type', 'f']).stdout.split('\n').filter((l) => re.test(l)).length;
  assert.equal(count(at(`${SHARE}/templates`), /\.cs$/), count(path.join(ROOT, 'templates'), /\.cs$/));
  assert.deepEqual(readdirSync(at(`${SHARE}/sql`)).sort(),
    readdirSync(path.join(ROOT, 'sql')).filter((f) => /^\d{4}_.*\.sql$|^grants\.sql$/.test(f)).sort());
  // the configuration is not for everyone's eyes
  assert.equal(statSync(at('/etc/clearpost')).mode & 0o777, 0o750);
  assert.equal(statSync(at('/etc/clearpost/clearpost.hdf')).mode & 0o777, 0o640);
  // the site configuration points at this installation
  const site = readFileSync(at('/etc/clearpost/clearpost.hdf'), 'utf8');
  assert.match(site, new RegExp(`^#include "${SHARE}/clearpost.hdf"$`, 'm'));
  assert.match(site, new RegExp(`^Paths.Root = ${SHARE}$`, 'm'));
  assert.doesNotMatch(site, /@[A-Z]+@/, 'no placeholder left');
  for (const kind of ['web', 'feed', 'publisher', 'owner']) {
    assert.match(site, new RegExp(`PasswordFile = /etc/clearpost/db-${kind}.password$`, 'm'));
  }
});

test('installing again never overwrites a configuration', () => {
  const site = at('/etc/clearpost/clearpost.hdf');
  const mine = `${readFileSync(site, 'utf8')}\nSite.Name = Our Hospital\n`;
  writeFileSync(site, mine);
  const rotate = at('/etc/logrotate.d/clearpost');
  writeFileSync(rotate, `${readFileSync(rotate, 'utf8')}# local change\n`);
  const r = install();
  assert.equal(readFileSync(site, 'utf8'), mine, 'the edited configuration is kept');
  assert.ok(existsSync(`${site}.new`), 'the new one is beside it');
  assert.match(r.out, /clearpost\.hdf exists; the new one is .*clearpost\.hdf\.new/);
  assert.match(readFileSync(rotate, 'utf8'), /# local change/);
  // logrotate skips *.dpkg-dist (it would read a *.new as a second config)
  assert.ok(existsSync(`${rotate}.dpkg-dist`));
});

test('the installed clearpost runs: --help, help, scan', () => {
  const bin = at(`${PREFIX}/bin/clearpost`);
  const h = run(bin, ['--help']);
  assert.equal(h.code, 0, h.out);
  assert.match(h.stdout, /^usage: clearpost COMMAND/);
  const u = run(bin, ['user', '--help']);
  assert.equal(u.code, 0, u.out);
  assert.match(u.stdout, /^usage: clearpost user add NAME ROLE/);
  // with no CLEARPOST_CONFIG it names the installed default
  assert.match(h.stdout, /Configuration: \$CLEARPOST_CONFIG, else \/etc\/clearpost\/clearpost\.hdf/);
  const s = run(bin, ['scan'], { input: 'Call Mrs. Ada Moss at 410-555-0100.' });
  assert.equal(s.code, 0, s.out);
  const doc = JSON.parse(s.stdout);
  assert.deepEqual(doc.findings.map((f) => f.category).sort(), ['NAME', 'PHONE']);
  assert.ok(!s.stdout.includes('Moss'), 'the matched text is never printed');
});

/** A configuration: the test stack's, with Paths.Root moved. */
function configWithRoot(root) {
  const f = path.join(TMP, `root-${Math.random().toString(36).slice(2)}.hdf`);
  writeFileSync(f, `#include "${CONFIG}"\nPaths.Root = ${root}\n`);
  return f;
}

function cgi(program, uri, config) {
  return run(at(`${PREFIX}/lib/clearpost/${program}.fcgi`), [], {
    input: '',
    env: { ...process.env, CLEARPOST_CONFIG: config, REQUEST_METHOD: 'GET', DOCUMENT_URI: uri, QUERY_STRING: '', REQUEST_ID: 'install-test' },
  });
}

test('the installed programs find their templates and migrations under Paths.Root', () => {
  const staged = configWithRoot(at(SHARE));
  const login = cgi('auth', '/login', staged);
  assert.match(login.stdout, /^Status: 200/, login.out);
  assert.match(login.stdout, /<form[^>]*action="\/login"/);
  const health = cgi('auth', '/healthz', staged);
  assert.match(health.stdout, /^Status: 200/, `healthz reaches the database: ${health.out}`);
  if (PROGRAMS.includes('feed')) {
    const feed = cgi('feed', '/feed.atom', staged);
    assert.match(feed.stdout, /^Status: 200/, feed.out);
    assert.match(feed.stdout, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
  }
  const mig = run(at(`${PREFIX}/bin/clearpost`), ['migrate'], { env: { ...process.env, CLEARPOST_CONFIG: staged } });
  assert.equal(mig.code, 0, `migrate from the staged sql/: ${mig.out}`);
  assert.equal(mig.stdout, '', 'every staged migration is applied already');

  // and really from there: with Paths.Root elsewhere they fail
  const nowhere = configWithRoot(path.join(TMP, 'nowhere'));
  const bad = cgi('auth', '/login', nowhere);
  assert.match(bad.stdout, /^Status: 500/, bad.out);
  assert.match(bad.stderr, /rid=install-test .*template login\.cs missing/);
  const badMig = run(at(`${PREFIX}/bin/clearpost`), ['migrate'], { env: { ...process.env, CLEARPOST_CONFIG: nowhere } });
  assert.equal(badMig.code, 1, badMig.out);
  assert.match(badMig.stderr, /cannot open .*nowhere\/sql/);
});

test('an installed program serves N workers on a socket it inherits (systemd StandardInput=socket)', async (t) => {
  if (!have('spawn-fcgi') || !have('cgi-fcgi')) {
    t.diagnostic('spawn-fcgi or cgi-fcgi missing: skipped');
    return;
  }
  // spawn-fcgi -n hands the program a listening socket on fd 0, as the
  // clearpost-*.socket units do, and stays out of the way
  const sock = path.join(TMP, 'auth.sock');
  const staged = configWithRoot(at(SHARE));
  const p = spawn('spawn-fcgi', ['-s', sock, '-n', '--', at(`${PREFIX}/lib/clearpost/auth.fcgi`), '--workers', '3'], {
    env: { ...process.env, CLEARPOST_CONFIG: staged }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  p.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => p.on('exit', resolve));
  try {
    for (let i = 0; i < 50 && !/listening on the inherited socket with 3 workers/.test(log); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(log, /auth\[\d+\] info rid=- listening on the inherited socket with 3 workers/);
    const workers = run('ps', ['--ppid', String(p.pid), '-o', 'pid=']).stdout.trim().split(/\s+/).filter(Boolean);
    assert.equal(workers.length, 3, `three workers under ${p.pid}`);
    for (let i = 0; i < 4; i++) {
      const r = run('cgi-fcgi', ['-bind', '-connect', sock], {
        env: { ...process.env, REQUEST_METHOD: 'GET', DOCUMENT_URI: '/login', SCRIPT_NAME: '/login', REQUEST_ID: `inherit${i}` },
      });
      assert.match(r.stdout, /^Status: 200/, r.out);
    }
  } finally {
    p.kill('SIGTERM');
    await exited;
  }
  assert.match(log, /info rid=- stopped/);
  assert.ok(existsSync(sock), 'the inherited socket stays (it belongs to systemd)');
});

test('systemd units: one socket and service per program, the publisher, hardened, and systemd-analyze verify is silent', (t) => {
  const dir = at(`${PREFIX}/lib/systemd/system`);
  const units = readdirSync(dir);
  for (const p of ['auth', 'desk', 'review', 'admin', 'policy', 'feed']) {
    assert.ok(PROGRAMS.includes(p), `${p}.fcgi is built`);
  }
  for (const p of PROGRAMS) {
    assert.ok(units.includes(`clearpost-${p}.service`) && units.includes(`clearpost-${p}.socket`), `units of ${p}`);
  }
  for (const u of units.filter((n) => n.endsWith('.service'))) {
    const text = readFileSync(path.join(dir, u), 'utf8');
    for (const line of ['DynamicUser=yes', 'ProtectSystem=strict', 'PrivateTmp=yes', 'NoNewPrivileges=yes', 'KillSignal=SIGTERM',
      'Environment=CLEARPOST_CONFIG=/etc/clearpost/clearpost.hdf', 'Restart=on-failure']) {
      assert.match(text, new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'), `${u}: ${line}`);
    }
    assert.doesNotMatch(text, /@[A-Z]+@/, `${u}: no placeholder left`);
  }
  const pub = readFileSync(path.join(dir, 'clearpost-publisher.service'), 'utf8');
  assert.match(pub, new RegExp(`^ExecStart=${PREFIX}/bin/clearpost publisher$`, 'm'));
  const stop = Number(/^TimeoutStopSec=(\d+)$/m.exec(pub)[1]);
  assert.ok(stop > 120, 'longer than a lease (Publisher.LeaseSeconds), so a send in flight can finish');
  const feed = readFileSync(path.join(dir, 'clearpost-feed.service'), 'utf8');
  assert.match(feed, /^LoadCredential=db-feed.password:/m, 'the feed gets the feed user only');
  const creds = feed.split('\n').filter((l) => l.startsWith('LoadCredential='));
  assert.deepEqual(creds.map((l) => l.split(':')[0]), ['LoadCredential=db-feed.password', 'LoadCredential=app.key']);
  assert.match(feed, /^RestrictAddressFamilies=AF_UNIX$/m);
  assert.match(feed, new RegExp(`^ExecStart=${PREFIX}/lib/clearpost/feed.fcgi --workers `, 'm'));
  for (const u of units.filter((n) => n.endsWith('.service'))) {
    assert.doesNotMatch(readFileSync(path.join(dir, u), 'utf8'), /db-owner/, `${u}: the owner is for migrate only`);
  }

  if (!have('systemd-analyze')) {
    t.diagnostic('systemd-analyze not installed: unit files checked by the assertions above only');
    return;
  }
  // verify wants the executables to exist: point the units into the stage
  const copy = path.join(TMP, 'units');
  mkdirSync(copy, { recursive: true });
  for (const u of units) {
    writeFileSync(path.join(copy, u), readFileSync(path.join(dir, u), 'utf8').replaceAll(`=${PREFIX}/`, `=${STAGE}${PREFIX}/`));
  }
  const v = run('systemd-analyze', ['verify', '--man=no', ...units], { cwd: copy, env: { ...process.env, SYSTEMD_LOG_COLOR: '0' } });
  assert.equal(v.code, 0, v.out);
  assert.equal(v.out.trim(), '', `systemd-analyze verify has something to say:\n${v.out}`);
});

test('the nginx TLS server block passes nginx -t and serves the same locations as the development stack', (t) => {
  const conf = readFileSync(at('/etc/clearpost/nginx-clearpost.conf'), 'utf8');
  assert.doesNotMatch(conf, /@[A-Z]+@/, 'no placeholder left');
  assert.match(conf, new RegExp(`alias ${SHARE}/static/;`));
  assert.match(conf, /listen 443 ssl/);
  assert.match(conf, /return 301 https:\/\/\$host\$request_uri;/);
  assert.match(conf, /add_header Strict-Transport-Security "max-age=\d+" always;/);
  // a request followed from nginx's log to the programs' (rid=)
  for (const c of [conf, readFileSync(path.join(ROOT, 'conf', 'nginx.conf.in'), 'utf8')]) {
    assert.match(c, /log_format clearpost [^;]*\$request_id';/);
    assert.match(c, /fastcgi_param REQUEST_ID\s+\$request_id;/);
  }
  const locations = (c) => new Set([...c.matchAll(/^\s*location ([^{]+?)\s*\{/gm)].map((m) => m[1]));
  const dev = locations(readFileSync(path.join(ROOT, 'conf', 'nginx.conf.in'), 'utf8'));
  const tls = locations(conf);
  for (const l of dev) assert.ok(tls.has(l), `nginx-clearpost.conf lacks location ${l}`);
  // every program's socket is an upstream
  for (const p of PROGRAMS) assert.match(conf, new RegExp(`server unix:/run/clearpost/${p}.sock;`));

  if (!have('nginx')) {
    t.diagnostic('nginx not installed: nginx -t skipped');
    return;
  }
  // nginx -t with a throw-away certificate and everything under TMP
  const n = path.join(TMP, 'nginx');
  mkdirSync(path.join(n, 'log'), { recursive: true });
  const key = path.join(n, 'privkey.pem');
  const crt = path.join(n, 'fullchain.pem');
  const o = run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=clearpost.example.org', '-keyout', key, '-out', crt]);
  assert.equal(o.code, 0, o.out);
  writeFileSync(path.join(n, 'clearpost.conf'), conf
    .replaceAll('/etc/ssl/clearpost/fullchain.pem', crt)
    .replaceAll('/etc/ssl/clearpost/privkey.pem', key)
    .replaceAll('/var/log/clearpost/', `${n}/log/`));
  writeFileSync(path.join(n, 'nginx.conf'), `pid ${n}/nginx.pid;
error_log ${n}/log/main-error.log;
events { worker_connections 64; }
http {
    client_body_temp_path ${n}/body;
    fastcgi_temp_path ${n}/fastcgi;
    proxy_temp_path ${n}/proxy;
    scgi_temp_path ${n}/scgi;
    uwsgi_temp_path ${n}/uwsgi;
    include ${n}/clearpost.conf;
}
`);
  const r = run('nginx', ['-t', '-q', '-p', n, '-c', path.join(n, 'nginx.conf'), '-e', path.join(n, 'log', 'startup.log')]);
  assert.equal(r.code, 0, `nginx -t: ${r.out}`);
  assert.equal(r.out.trim(), '', `nginx -t warnings: ${r.out}`);
});

test('logrotate rotates nginx\'s Clearpost logs and tells nginx to reopen them', (t) => {
  const conf = readFileSync(at('/etc/logrotate.d/clearpost'), 'utf8');
  assert.match(conf, /^\/var\/log\/clearpost\/\*\.log \{$/m);
  assert.match(conf, /kill -USR1/);
  assert.ok(existsSync(at('/var/log/clearpost')), 'make install creates the log directory');
  if (!have('logrotate')) {
    t.diagnostic('logrotate not installed: syntax not checked');
    return;
  }
  const state = path.join(TMP, 'logrotate.state');
  const r = run('logrotate', ['-d', '-s', state, at('/etc/logrotate.d/clearpost')]);
  assert.equal(r.code, 0, r.out);
  assert.doesNotMatch(r.out, /error/i, r.out);
});
