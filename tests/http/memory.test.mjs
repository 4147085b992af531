// A FastCGI worker serves thousands of requests in its life: its memory must
// not grow with them (per-request memory is freed every loop turn). These
// tests send a few thousand mixed requests — pages, refusals, malformed
// input — and compare each worker's resident size before and after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { VAR, Client, loginAs } from './lib.mjs';

const ROUNDS = 4000;
// A leak of 128 bytes per request would add ~256 KB per worker over ROUNDS
// requests shared by two workers; allocator noise stays well below that.
const MAX_GROWTH_KB = 256;

function workerPids(program) {
  const supervisor = Number(readFileSync(`${VAR}/run/${program}.pid`, 'utf8').trim());
  const pids = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === supervisor && !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) pids.push(Number(d));
    } catch { /* exited meanwhile */ }
  }
  assert.ok(pids.length > 0, `${program} has workers`);
  return pids;
}

function rssKb(pid) {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
}

// Sends `count` requests made by `make(i)`, four at a time.
async function hammer(count, make) {
  for (let i = 0; i < count; i += 4) {
    const replies = await Promise.all([0, 1, 2, 3].map((k) => make(i + k)));
    for (const r of replies) assert.ok(r.status < 500, `no 5xx during the run: ${r.status}`);
  }
}

async function assertFlat(program, make) {
  await hammer(400, make); // let the allocator and prepared statements settle
  const pids = workerPids(program);
  const before = pids.map(rssKb);
  await hammer(ROUNDS, make);
  const after = pids.map(rssKb);
  pids.forEach((pid, i) => {
    const grew = after[i] - before[i];
    assert.ok(grew <= MAX_GROWTH_KB,
      `${program} worker ${pid} grew ${grew} KB over ${ROUNDS} requests (${before[i]} -> ${after[i]} KB)`);
  });
}

test('the auth workers do not grow across sign-in pages, refusals and malformed requests', async () => {
  const anon = new Client();
  await assertFlat('auth', (i) => {
    switch (i % 6) {
      case 0: return new Client().get('/login');
      case 1: return anon.post('/login', { username: 'x', password: 'y', csrf: 'bad' });
      case 2: return anon.get('/healthz');
      case 3: return anon.get('/no/such/page');
      case 4: return anon.get('/login?next=%zz');
      default: return anon.post('/login', 'a=%ff%fe');
    }
  });
});

test('the desk workers do not grow across signed-in page views', async () => {
  const { client } = await loginAs('author');
  await assertFlat('desk', (i) => (i % 3 === 2 ? client.post('/posts', { csrf: 'x' }) : client.get('/posts')));
});

test('the admin workers do not grow across pages that read many rows', async () => {
  const { client } = await loginAs('admin');
  await assertFlat('admin', () => client.get('/admin'));
});

test('the policy workers do not grow across rendered Markdown, diffs and the public copy', async () => {
  const { client } = await loginAs('author', { ack: false });
  const anon = new Client();
  await assertFlat('policy', (i) => {
    switch (i % 4) {
      case 0: return client.get('/policy/acknowledge');
      case 1: return client.get('/policy/patient-privacy');
      case 2: return anon.get('/policy/public/medical-questions');
      default: return anon.get('/policy/public/no-such-page');
    }
  });
});
