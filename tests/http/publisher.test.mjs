// The publisher against the platform double: every platform's happy path,
// retries, rate limits, permanent errors, unknown outcomes, crash recovery,
// the integrity check, and what authors and admins see. The stack's own
// publisher runs during these tests (as after `make run`), except where a
// test needs publishers of its own.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { loginAs, sql, sqlValue } from './lib.mjs';
import {
  SKIP, addAccount, approvedPost, ctl, deliveriesOf, deliveryAudit, fault,
  manyDue, postsOn, requestsOn, settled, sleep, stackPublisher, startPublisher, waitFor,
} from './publishing.mjs';

const PLATFORMS = ['mastodon', 'bluesky', 'x', 'facebook', 'linkedin', 'webhook'];
const RUN = Math.random().toString(36).slice(2, 6);
const accounts = {};
const accountName = (platform) => `${platform} (double ${RUN})`;
function account(platform) {
  accounts[platform] ??= addAccount(platform, accountName(platform));
  return accounts[platform];
}

after(async () => {
  if (!SKIP) {
    await ctl('/_control/reset', {});
    stackPublisher('start');
  }
});

test('an approved post goes out once to every platform and the feed; authors see each live link', { skip: SKIP }, async () => {
  await ctl('/_control/reset', {});
  const targets = ['1', ...PLATFORMS.map(account)];
  const { id, author, body } = await approvedPost({ targets });
  const final = await settled(id);
  for (const d of final) assert.equal(d.state, 'published', `${d.platform}: ${JSON.stringify(d)}`);
  for (const p of PLATFORMS) {
    const posts = (await postsOn(p)).filter((x) => x.text.includes(body.slice(0, 40)) || x.text === body);
    assert.equal(posts.length, 1, `exactly one post on ${p}: ${JSON.stringify(posts)}`);
  }
  assert.equal(sqlValue(`SELECT state FROM posts WHERE id=${id}`), 'published');
  // the organisation's record: the approved version, with its hash
  const [version, pubBody, sha] = sql(`SELECT version, body, LOWER(HEX(content_sha256)) FROM publications WHERE post_id=${id}`)[0];
  assert.equal(version, '1');
  assert.equal(pubBody, body);
  assert.equal(sha, sqlValue(`SELECT LOWER(HEX(approved_sha256)) FROM posts WHERE id=${id}`));
  const page = await author.client.get(`/posts/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h2 id="deliveries-h">Publishing<\/h2>/);
  const links = [...page.text.matchAll(/<a href="([^"]+)" rel="noopener noreferrer">view the live post<\/a>/g)];
  // one live link per target that has a public page (a webhook has none)
  assert.equal(links.length, final.filter((d) => d.remoteUrl).length);
  assert.equal(links.length, PLATFORMS.length, 'the feed and every platform but the webhook');
});

test('a platform that fails twice with 5xx gets the post exactly once after retries', { skip: SKIP }, async () => {
  await ctl('/_control/reset', {});
  await fault('mastodon', 'fail5xx', 2);
  const { id, body } = await approvedPost({ targets: [account('mastodon')] });
  const [d] = await settled(id, 60000);
  assert.equal(d.state, 'published', JSON.stringify(d));
  assert.ok(d.attempts >= 3, `three attempts at least: ${d.attempts}`);
  assert.equal((await postsOn('mastodon')).filter((x) => x.text === body).length, 1);
  const outcomes = deliveryAudit(d.id).filter(([a]) => a === 'delivery.outcome').map(([, , to]) => to);
  assert.deepEqual(outcomes, ['retrying', 'retrying', 'published']);
});

test('a 429 is honoured: nothing is sent again before the reset the platform stated', { skip: SKIP }, async () => {
  await ctl('/_control/reset', {});
  await fault('x', 'ratelimit', 1, 3);
  const { id, body } = await approvedPost({ targets: [account('x')] });
  const limited = await waitFor(() => deliveriesOf(id).find((x) => x.errorClass === 'rate_limited'), 20000, 'rate limited');
  const limitedAt = Date.now();
  assert.equal(limited.state, 'retrying');
  const [d] = await settled(id, 30000);
  assert.equal(d.state, 'published');
  const creates = (await requestsOn('x')).filter((r) => r.method === 'POST' && r.path.endsWith('/2/tweets'));
  assert.equal(creates.length, 2, 'one refused, one accepted');
  assert.ok(Date.now() - limitedAt >= 1500, 'waited for the reset');
  assert.equal((await postsOn('x')).filter((x) => x.text === body).length, 1);
  // a rate limit does not use up the attempts
  assert.equal(d.attempts, 1);
});

test('a permanent error fails only that target, tells the author and admins, and can be retried by an admin', { skip: SKIP }, async () => {
  await ctl('/_control/reset', {});
  await fault('facebook', 'permanent', 1);
  const { id, author, body } = await approvedPost({ targets: [account('facebook'), account('mastodon')], title: 'Two targets' });
  const final = await settled(id);
  const fb = final.find((x) => x.platform === 'facebook');
  const masto = final.find((x) => x.platform === 'mastodon');
  assert.equal(fb.state, 'failed');
  assert.equal(fb.errorClass, 'permanent');
  assert.equal(masto.state, 'published', 'the other target went out');
  assert.equal(sqlValue(`SELECT state FROM posts WHERE id=${id}`), 'published', 'one failed target does not fail the post');
  assert.ok(!fb.error.includes(body.slice(0, 20)), 'the error names no post text');
  // the author is told, with a link to the post and the failed account
  const notes = await author.client.get('/notifications');
  assert.match(notes.text, new RegExp(`href="/posts/${id}"`));
  assert.ok(notes.text.includes(accountName('facebook')), 'the notice names the account');
  // an admin sees it on the failures page and retries it
  const admin = await loginAs('admin');
  const list = await admin.client.get('/admin/deliveries');
  assert.equal(list.status, 200);
  assert.ok(list.text.includes(accountName('facebook')));
  assert.match(list.text, new RegExp(`/admin/deliveries/${fb.id}/retry`));
  // the failure links straight to the post, which an admin may read (not decide)
  assert.ok(list.text.includes(`href="/review/${id}"`));
  const view = await admin.client.get(`/review/${id}`);
  assert.equal(view.status, 200, view.describe());
  assert.match(view.text, /<h2 id="deliveries-h">Publishing<\/h2>/);
  assert.doesNotMatch(view.text, /Approve version/);
  const res = await admin.client.post(`/admin/deliveries/${fb.id}/retry`, [['csrf', list.csrf()]]);
  assert.equal(res.status, 303, res.describe());
  const again = await waitFor(() => deliveriesOf(id).find((x) => x.id === fb.id && x.state === 'published'), 20000, 'retried');
  assert.ok(again);
  assert.equal((await postsOn('facebook')).filter((x) => x.text === body).length, 1);
  assert.deepEqual(deliveryAudit(fb.id).find(([a]) => a === 'delivery.retry')?.slice(1, 3), ['failed', 'queued']);
  // authors and reviewers cannot use the failures page
  assert.equal((await author.client.get('/admin/deliveries')).status, 403);
});

test('bad credentials stop the account and ask an admin to reconnect it', { skip: SKIP }, async () => {
  await ctl('/_control/reset', {});
  const bad = addAccount('mastodon', `mastodon (revoked ${RUN})`, { secrets: { token: 'revoked-token' } });
  const { id } = await approvedPost({ targets: [bad] });
  const [d] = await settled(id);
  assert.equal(d.state, 'failed');
  assert.equal(d.errorClass, 'reauth');
  assert.equal(sqlValue(`SELECT state FROM accounts WHERE id=${bad}`), 'reauth');
  assert.equal(sqlValue(`SELECT state FROM posts WHERE id=${id}`), 'failed');
});

for (const platform of ['mastodon', 'bluesky', 'x', 'facebook', 'linkedin', 'webhook']) {
  test(`${platform}: a connection dropped after the post was made is reconciled, never doubled`, { skip: SKIP }, async () => {
    await ctl('/_control/reset', {});
    await fault(platform, 'drop_after_commit', 1);
    const { id, body } = await approvedPost({ targets: [account(platform)] });
    const [d] = await settled(id, 45000);
    assert.ok(['published', 'unconfirmed'].includes(d.state), JSON.stringify(d));
    const made = (await postsOn(platform)).filter((x) => x.text === body || x.text.includes(body.slice(0, 40)));
    assert.equal(made.length, 1, `exactly one post on ${platform}`);
    if (d.state === 'unconfirmed') {
      // a person must decide: nothing was resent blindly
      assert.match(d.error, /\S/);
    }
  });
}

test('content that differs from the approved version is refused and the refusal audited', { skip: SKIP }, async () => {
  await ctl('/_control/reset', {});
  // scheduled minutes ahead (the form takes whole minutes), made due once
  // the record has been altered
  const later = new Date(Date.now() + 5 * 60000).toISOString().slice(0, 16);
  const { id, body } = await approvedPost({ targets: [account('mastodon')], schedule: later });
  // someone alters the stored record behind the application's back
  sql(`UPDATE publications SET body = CONCAT(body, ' Call Mr. Okafor in room 12.') WHERE post_id = ${id}`);
  sql(`UPDATE deliveries SET next_attempt_at = UTC_TIMESTAMP(3) WHERE post_id = ${id}`);
  const [d] = await settled(id, 90000);
  assert.equal(d.state, 'failed');
  assert.equal(d.errorClass, 'integrity');
  assert.equal((await postsOn('mastodon')).filter((x) => x.text.startsWith(body.slice(0, 30))).length, 0);
  assert.ok(deliveryAudit(d.id).some(([a, , to, detail]) => a === 'delivery.outcome' && to === 'failed' && /class=integrity/.test(detail)));
});

test('editing an approved post cancels its deliveries before anything is sent', { skip: SKIP }, async () => {
  await ctl('/_control/reset', {});
  const { id, author } = await approvedPost({ targets: [account('mastodon')], schedule: '2099-01-01T09:00' });
  assert.equal(deliveriesOf(id)[0].state, 'queued');
  const page = await author.client.get(`/posts/${id}`);
  const res = await author.client.post(`/posts/${id}`, [['csrf', page.csrf()], ['version', '1'], ['title', 'Changed'], ['body', 'A changed text.'], ['target', account('mastodon')]]);
  assert.equal(res.status, 303, res.describe());
  assert.equal(deliveriesOf(id)[0].state, 'cancelled');
  assert.equal(sqlValue(`SELECT state FROM posts WHERE id=${id}`), 'draft');
});

test('withdrawing an approved post cancels its deliveries and keeps it off every account', { skip: SKIP }, async () => {
  const { id, author } = await approvedPost({ targets: ['1', account('mastodon')], schedule: '2099-01-01T09:00' });
  const page = await author.client.get(`/posts/${id}`);
  const res = await author.client.post(`/posts/${id}/withdraw`, [['csrf', page.csrf()]]);
  assert.equal(res.status, 303, res.describe());
  assert.deepEqual(deliveriesOf(id).map((d) => d.state), ['cancelled', 'cancelled']);
  assert.equal(sqlValue(`SELECT state FROM posts WHERE id=${id}`), 'withdrawn');
  assert.match(sqlValue(`SELECT detail FROM audit_log WHERE object='post:${id}' AND action='post.withdraw'`), /deliveries_cancelled=2/);
});

test('a publisher killed in the middle of a send leaves exactly one post after a restart', { skip: SKIP }, async () => {
  stackPublisher('stop');
  await ctl('/_control/reset', {});
  try {
    for (const platform of ['mastodon', 'bluesky', 'x', 'webhook']) {
      await fault(platform, 'hang_after_commit', 1, 30);
      const { id, body } = await approvedPost({ targets: [account(platform)] });
      const first = startPublisher();
      // wait until the post exists on the double while the answer hangs
      await waitFor(async () => (await postsOn(platform)).some((x) => x.text === body || x.text.includes(body.slice(0, 40))), 20000, `${platform} create reached the double`);
      first.kill('SIGKILL');
      await first.exited;
      assert.equal(deliveriesOf(id)[0].state, 'sending', 'the dead publisher left its lease');
      const second = startPublisher();
      try {
        const [d] = await settled(id, 60000);
        assert.equal(d.state, 'published', `${platform}: ${JSON.stringify(d)} ${second.log}`);
        const made = (await postsOn(platform)).filter((x) => x.text === body || x.text.includes(body.slice(0, 40)));
        assert.equal(made.length, 1, `exactly one post on ${platform}`);
        assert.ok(deliveryAudit(d.id).some(([a, , , detail]) => a === 'delivery.claim' && /lease_expired=1/.test(detail)));
      } finally {
        second.kill('SIGTERM');
        await second.exited;
      }
    }
  } finally {
    stackPublisher('start');
  }
});

test('SIGTERM lets the send in flight finish and be recorded before the publisher exits', { skip: SKIP }, async () => {
  stackPublisher('stop');
  await ctl('/_control/reset', {});
  try {
    await fault('mastodon', 'hang', 1, 2);
    const { id } = await approvedPost({ targets: [account('mastodon')] });
    const pub = startPublisher();
    await waitFor(() => deliveriesOf(id)[0].state === 'sending', 20000, 'claimed');
    await sleep(300);
    pub.kill('SIGTERM');
    const { code } = await pub.exited;
    assert.equal(code, 0);
    const d = deliveriesOf(id)[0];
    assert.notEqual(d.state, 'sending', 'the outcome was recorded before exiting');
  } finally {
    stackPublisher('start');
  }
});

test('the publisher rides out a database restart and carries on', { skip: SKIP }, async () => {
  await ctl('/_control/reset', {});
  const pid = sqlValue('SELECT 1') && Number((await import('node:fs')).readFileSync(`${process.env.CLEARPOST_VAR}/run/publisher.pid`, 'utf8'));
  const soon = new Date(Date.now() + 5 * 60000).toISOString().slice(0, 16);
  const { id, body } = await approvedPost({ targets: [account('mastodon')], schedule: soon });
  const { execFileSync } = await import('node:child_process');
  const stack = `${process.env.CLEARPOST_ROOT}/src/stack/stack.sh`;
  try {
    execFileSync(stack, ['db-stop'], { env: process.env, stdio: 'ignore', timeout: 120000 });
    await sleep(2500);
  } finally {
    execFileSync(stack, ['db-start'], { env: process.env, stdio: 'ignore', timeout: 120000 });
  }
  // make it due now that the database is back
  sql(`UPDATE deliveries SET next_attempt_at = UTC_TIMESTAMP(3) WHERE post_id = ${id}`);
  const [d] = await settled(id, 30000);
  assert.equal(d.state, 'published');
  assert.equal((await postsOn('mastodon')).filter((x) => x.text === body).length, 1);
  process.kill(pid, 0); // the same publisher process is still alive
});

test('two publishers racing over 500 due deliveries send each exactly once', { skip: SKIP }, async () => {
  stackPublisher('stop');
  await ctl('/_control/reset', {});
  const accts = [];
  for (let i = 0; i < 10; i++) accts.push(addAccount('mastodon', `mastodon race ${i} ${RUN}`));
  const posts = await manyDue(500, accts);
  const pubs = [startPublisher(), startPublisher()];
  try {
    const count = () => Number(sqlValue(`SELECT COUNT(*) FROM deliveries WHERE post_id IN (${posts.join(',')}) AND state = 'published'`));
    await waitFor(() => count() === 500, 240000, `500 published (now ${count()})`);
  } finally {
    for (const p of pubs) p.kill('SIGTERM');
    await Promise.all(pubs.map((p) => p.exited));
    stackPublisher('start');
  }
  const creates = (await requestsOn('mastodon')).filter((r) => r.method === 'POST' && /\/api\/v1\/statuses$/.test(r.path));
  assert.equal(creates.length, 500, 'one create request per delivery, no resend');
  const made = await postsOn('mastodon');
  assert.equal(made.length, 500);
  assert.equal(new Set(made.map((x) => x.key)).size, 500, 'each idempotency key once');
  const attempts = sql(`SELECT MAX(attempts) FROM deliveries WHERE post_id IN (${posts.join(',')})`)[0][0];
  assert.equal(attempts, '1', 'nobody sent a delivery twice');
  const owners = sql(`SELECT COUNT(DISTINCT SUBSTRING_INDEX(detail, 'owner=', -1)) FROM audit_log
                      WHERE action = 'delivery.claim' AND object IN (SELECT CONCAT('delivery:', id) FROM deliveries WHERE post_id IN (${posts.join(',')}))`)[0][0];
  assert.equal(owners, '2', 'both publishers did part of the work');
});

test('the publisher runs clean under valgrind: claims, sends, reconciles and records', { skip: SKIP }, async () => {
  stackPublisher('stop');
  await ctl('/_control/reset', {});
  try {
    await fault('x', 'drop_after_commit', 1);
    const { id } = await approvedPost({ targets: ['1', account('mastodon'), account('x'), account('bluesky')] });
    const { spawnSync } = await import('node:child_process');
    const { CONFIG, ROOT } = await import('./lib.mjs');
    // twice: the first run meets the dropped connection, the second reconciles
    for (let run = 0; run < 2; run++) {
      if (run === 1) sql(`UPDATE deliveries SET next_attempt_at = UTC_TIMESTAMP(3) WHERE post_id = ${id} AND state = 'retrying'`);
      const r = spawnSync('valgrind', ['-q', '--leak-check=full', '--errors-for-leak-kinds=definite,indirect',
        '--error-exitcode=99', `${ROOT}/bin/clearpost`, 'publisher', '--once'],
      { env: { ...process.env, CLEARPOST_CONFIG: CONFIG }, encoding: 'utf8', timeout: 180000 });
      assert.equal(r.status, 0, `valgrind found errors in the publisher:\n${r.stderr}`);
    }
    const final = deliveriesOf(id);
    assert.deepEqual(final.map((d) => d.state), ['published', 'published', 'published', 'published'], JSON.stringify(final));
  } finally {
    stackPublisher('start');
  }
});
