// The publisher benchmark's measuring part (see publisher.sh): for 1, 2 and
// 4 publishers, N Mastodon deliveries due at once on the local double, timed
// from the publishers' start until every delivery is published.
import { addAccount, ctl, manyDue, startPublisher } from '../http/publishing.mjs';
import { sqlValue } from '../http/lib.mjs';

const n = Number(process.argv[2] ?? 600);
const accounts = [];
for (let i = 0; i < 10; i++) accounts.push(addAccount('mastodon', `bench mastodon ${i}`));
for (const publishers of [1, 2, 4]) {
  await ctl('/_control/reset', {});
  const posts = await manyDue(n, accounts);
  const due = Number(sqlValue(`SELECT COUNT(*) FROM deliveries WHERE post_id IN (${posts.join(',')})`));
  const t0 = process.hrtime.bigint();
  const procs = Array.from({ length: publishers }, () => startPublisher());
  const count = () => Number(sqlValue(`SELECT COUNT(*) FROM deliveries WHERE post_id IN (${posts.join(',')}) AND state = 'published'`));
  while (count() < due) await new Promise((r) => setTimeout(r, 50));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  for (const p of procs) p.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.exited));
  console.log(`publisher: ${due} deliveries, ${publishers} publisher${publishers > 1 ? 's' : ''}: ` +
    `${(due / secs).toFixed(0)} deliveries/s (${secs.toFixed(2)} s)`);
}
