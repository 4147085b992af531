// The clearpost command's help and exit codes, and its man page: what a
// sysadmin sees when typing `clearpost`, `clearpost help user`,
// `clearpost user --help` or `man clearpost`. The list of commands comes
// from `clearpost help` itself, so a command added to the table in
// src/cli/clearpost.c is checked here (and must be in the man page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, cli } from './lib.mjs';

const MAN = path.join(ROOT, 'man', 'clearpost.1');

/** The command names listed by `clearpost help`. */
function commands() {
  const r = cli(['help']);
  assert.equal(r.code, 0, r.out);
  const block = r.stdout.split('Commands:\n')[1];
  assert.ok(block, `no "Commands:" in ${r.stdout}`);
  const names = [];
  for (const line of block.split('\n')) {
    const m = /^ {2}([a-z][a-z-]*) {2,}\S/.exec(line);
    if (!m) break;
    names.push(m[1]);
  }
  return names;
}

test('clearpost help lists every command, with the exit codes, on stdout', () => {
  const names = commands();
  for (const want of ['migrate', 'user', 'audit', 'account', 'retention', 'publisher', 'scan', 'bench', 'connector']) {
    assert.ok(names.includes(want), `${want} missing from ${names}`);
  }
  for (const args of [['help'], ['--help'], ['-h']]) {
    const r = cli(args);
    assert.equal(r.code, 0, `${args}: ${r.out}`);
    assert.equal(r.stderr, '', `${args} writes nothing to stderr`);
    assert.match(r.stdout, /^usage: clearpost COMMAND/);
    assert.match(r.stdout, /Exit status: 0 success; 1 failure/);
    assert.match(r.stdout, /2 usage/);
    assert.match(r.stdout, /3 what was named exists already or does not exist/);
  }
});

test('every command answers --help and help CMD with its own usage, exit 0, without touching the database', () => {
  // A configuration that cannot be read: --help must not need one.
  const env = { ...process.env, CLEARPOST_CONFIG: '/nonexistent/clearpost.hdf' };
  const run = (args) => spawnSync(path.join(ROOT, 'bin', 'clearpost'), args, { encoding: 'utf8', env, timeout: 10000 });
  for (const name of commands()) {
    const forms = [[name, '--help'], ['help', name]];
    // after a subcommand word too (`clearpost user add --help`)
    if (name === 'user') forms.push(['user', 'add', '--help']);
    if (name === 'audit') forms.push(['audit', 'verify', '--help'], ['audit', 'export', '--help']);
    if (name === 'retention') forms.push(['retention', 'run', '--help']);
    const outs = [];
    for (const args of forms) {
      const r = run(args);
      assert.equal(r.status, 0, `clearpost ${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stderr, '', `clearpost ${args.join(' ')} writes nothing to stderr`);
      assert.ok(r.stdout.startsWith(`usage: clearpost ${name}`), `clearpost ${args.join(' ')}: ${r.stdout}`);
      assert.ok(r.stdout.endsWith('\n'));
      outs.push(r.stdout);
    }
    assert.equal(new Set(outs).size, 1, `${name}: --help and help ${name} print the same`);
  }
});

test('usage errors exit 2 with the usage on stderr and nothing on stdout', () => {
  const cases = [
    [[], 'usage: clearpost COMMAND'],
    [['frobnicate'], 'no command frobnicate'],
    [['help', 'frobnicate'], 'no command frobnicate'],
    [['migrate', 'now'], 'usage: clearpost migrate'],
    [['user'], 'usage: clearpost user'],
    [['user', 'add', 'someone'], 'usage: clearpost user'],
    [['user', 'add', 'someone', 'emperor', '--password-stdin'], 'usage: clearpost user'],
    [['user', 'add', 'Bad Name', 'author'], 'user names are'],
    [['audit'], 'usage: clearpost audit'],
    [['audit', 'shred'], 'usage: clearpost audit'],
    [['audit', 'export', '--colour', 'red'], 'usage: clearpost audit'],
    [['retention'], 'usage: clearpost retention run'],
    [['retention', 'run', '--now'], 'usage: clearpost retention run'],
    [['account', 'remove', 'x'], 'usage: clearpost account'],
    [['publisher', '--twice'], 'usage: clearpost publisher'],
    [['scan', '--frobnicate'], 'usage: clearpost scan'],
    [['connector', 'mastodon'], 'usage: clearpost connector'],
  ];
  for (const [args, want] of cases) {
    const r = cli(args);
    assert.equal(r.code, 2, `clearpost ${args.join(' ')}: ${r.out}`);
    assert.equal(r.stdout, '', `clearpost ${args.join(' ')} prints nothing on stdout`);
    assert.ok(r.stderr.includes(want), `clearpost ${args.join(' ')}: ${r.stderr}`);
  }
});

test('exit 3 for a user that exists already or does not exist; 1 when the configuration is missing', () => {
  const add = cli(['user', 'add', 'adam', 'admin', '--password-stdin'], 'whatever-123\n');
  assert.equal(add.code, 3, add.out);
  const none = cli(['user', 'disable', 'nobody-here-at-all']);
  assert.equal(none.code, 3, none.out);
  const r = spawnSync(path.join(ROOT, 'bin', 'clearpost'), ['user', 'list'], {
    encoding: 'utf8', env: { ...process.env, CLEARPOST_CONFIG: '/nonexistent/clearpost.hdf' }, timeout: 10000,
  });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /cannot read config \/nonexistent\/clearpost\.hdf/);
});

test('the man page renders without a groff warning and documents every command and exit code', () => {
  const g = spawnSync('groff', ['-ww', '-z', '-man', MAN], { encoding: 'utf8', timeout: 30000 });
  assert.equal(g.status, 0, g.stderr);
  assert.equal(g.stderr, '', `groff warnings:\n${g.stderr}`);
  const m = spawnSync('man', ['-l', MAN], {
    encoding: 'utf8', timeout: 30000, env: { ...process.env, MANWIDTH: '80', MAN_KEEP_FORMATTING: '', PAGER: 'cat', LC_ALL: 'C.UTF-8' },
  });
  assert.equal(m.status, 0, m.stderr);
  assert.equal(m.stderr, '', `man -l warnings:\n${m.stderr}`);
  const text = m.stdout.replace(/.\x08/g, ''); // no overstrike, whatever the pager settings
  for (const section of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'COMMANDS', 'SCAN OUTPUT', 'EXIT STATUS', 'ENVIRONMENT', 'FILES', 'EXAMPLES']) {
    assert.match(text, new RegExp(`^${section}$`, 'm'), `section ${section}`);
  }
  const src = readFileSync(MAN, 'utf8');
  // every command of the table has an entry (a .TP tag starting with its name)
  for (const name of [...commands(), 'retention']) {
    assert.match(src, new RegExp(`^\\.(B|BI|BR) "?${name}\\b`, 'm'), `man page: no entry for ${name}`);
  }
  for (const code of ['0', '1', '2', '3']) assert.match(src, new RegExp(`^\\.B ${code}$`, 'm'), `exit code ${code}`);
  assert.match(text, /CLEARPOST_CONFIG/);
  assert.match(text, /audit export/);
  assert.match(text, /retention run/);
});
