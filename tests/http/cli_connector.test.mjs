// `clearpost connector PLATFORM test|publish|reconcile`, the way the
// platform tests drive each connector without a database: one JSON object
// in, one JSON line out, exit 0 whenever the call ran. Uses the built-in
// feed connector, which needs no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from './lib.mjs';

function connector(args, input) {
  const r = cli(['connector', ...args], typeof input === 'string' ? input : JSON.stringify(input));
  const lines = r.stdout.split('\n').filter(Boolean);
  return { ...r, lines, result: lines.length === 1 ? JSON.parse(lines[0]) : null };
}

test('feed publish names the entry of the post, in one JSON line', () => {
  const r = connector(['feed', 'publish'], {
    settings: {}, secrets: {},
    post: { delivery_id: 7, post_id: 4242, text: 'Flu clinic open Saturday', idempotency_key: 'a3c1' },
  });
  assert.equal(r.code, 0, r.out);
  assert.equal(r.lines.length, 1);
  assert.equal(r.result.class, 'ok');
  assert.equal(r.result.remote_id, 'post-4242');
  assert.match(r.result.remote_url, /^https?:\/\/.+\/feed\.atom#post-4242$/);
  assert.equal(r.result.state, '');
  assert.equal(r.result.new_secrets, null);
  assert.equal('reconcile' in r.result, false);
  // The post text is never echoed.
  assert.ok(!r.out.includes('Flu clinic'));
});

test('feed reconcile says the entry landed; test names the connector', () => {
  const rec = connector(['feed', 'reconcile'], { post: { delivery_id: 7, post_id: 9 } });
  assert.equal(rec.code, 0, rec.out);
  assert.equal(rec.result.reconcile, 1);
  assert.equal(rec.result.class, 'ok');
  assert.equal(rec.result.remote_id, 'post-9');

  const t = connector(['feed', 'test'], {});
  assert.equal(t.code, 0, t.out);
  assert.equal(t.result.class, 'ok');
  assert.equal(t.result.detail, 'built-in feed');
});

test('an image file is read; a missing one is bad input', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cp-connector-'));
  const png = path.join(dir, 'a.png');
  writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const post = { post_id: 1, text: 'x', image_file: png, image_mime: 'image/png', image_width: 1, image_height: 1, alt_text: 'dot' };
  assert.equal(connector(['feed', 'publish'], { post }).code, 0);
  const r = connector(['feed', 'publish'], { post: { ...post, image_file: path.join(dir, 'missing.png') } });
  assert.equal(r.code, 1);
  assert.equal(r.lines.length, 0);
});

test('usage errors exit 2, bad input exits 1, with nothing on stdout', () => {
  for (const args of [['feed'], ['feed', 'delete'], ['nosuch', 'test'], []]) {
    const r = connector(args, {});
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}`);
    assert.equal(r.stdout, '');
  }
  for (const input of ['', 'not json', '[1]', '{"settings": 3}', '{"post": {"post_id": "x1"}}', '{"post": {"text": 5}}']) {
    const r = connector(['feed', 'publish'], input);
    assert.equal(r.code, 1, `${input}: ${r.out}`);
    assert.equal(r.stdout, '');
  }
  // publish and reconcile need a post; test does not.
  assert.equal(connector(['feed', 'publish'], {}).code, 1);
  assert.equal(connector(['feed', 'reconcile'], {}).code, 1);
  assert.equal(connector(['feed', 'test'], {}).code, 0);
});
