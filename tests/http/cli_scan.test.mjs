// `clearpost scan` as the deployment and the benchmarks use it: JSON Lines
// on stdout, one object per document, byte offsets, exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './lib.mjs';

const BIN = `${ROOT}/bin/clearpost`;

function scan(args, input) {
  const r = spawnSync(BIN, ['scan', ...args], { input, timeout: 30000 });
  const out = r.stdout.toString('utf8');
  return { status: r.status, docs: out.split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr: r.stderr.toString() };
}

test('--lines gives one document per line with offsets inside that line', () => {
  const lines = ['Call Mrs. Ada Moss at 410-555-0100.', '', 'Flu shots Mon-Fri 8am-5pm.', 'Room 12 for Mr. Li'];
  const { status, docs } = scan(['--lines'], lines.join('\n') + '\n');
  assert.equal(status, 0);
  assert.deepEqual(docs.map((d) => d.doc), [1, 2, 3, 4]);
  const first = docs[0].findings;
  const buf = Buffer.from(lines[0]);
  const texts = first.map((f) => buf.subarray(f.start, f.end).toString());
  assert.ok(texts.includes('Ada Moss'), JSON.stringify(first));
  assert.ok(texts.includes('410-555-0100'));
  for (const f of first) {
    assert.ok(['block', 'review'].includes(f.severity));
    assert.match(f.rule, /^[a-z0-9]+\.[a-z0-9_]+$/);
    assert.match(f.category, /^[A-Z]+$/);
  }
  assert.deepEqual(docs[1].findings, []);
  assert.deepEqual(docs[2].findings, [], 'opening hours are not PHI');
  assert.ok(docs[3].findings.some((f) => f.category === 'ROOM'));
});

test('offsets are bytes, not characters, in UTF-8 text', () => {
  const text = 'Thank you — José Peña’s family! Call 410-555-0101.';
  const { docs } = scan([], text);
  const buf = Buffer.from(text);
  const phone = docs[0].findings.find((f) => f.category === 'PHONE');
  assert.equal(buf.subarray(phone.start, phone.end).toString(), '410-555-0101');
});

test('files are documents numbered across all files; stdin when none', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cp-scan-'));
  writeFileSync(`${dir}/a.txt`, 'Email ada.moss@example.com today.');
  writeFileSync(`${dir}/b.txt`, 'Adults over 50: get screened.');
  const { status, docs } = scan([`${dir}/a.txt`, `${dir}/b.txt`]);
  assert.equal(status, 0);
  assert.deepEqual(docs.map((d) => d.doc), [1, 2]);
  assert.equal(docs[0].findings[0].category, 'EMAIL');
  assert.deepEqual(docs[1].findings, []);
});

test("--allow suppresses the organisation's own number and domain", () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cp-scan-'));
  writeFileSync(`${dir}/allow.txt`, '# ours\nphone: 1-800-555-0199\ndomain: example.org\n');
  const text = 'Questions? 1-800-555-0199 or https://www.example.org/flu';
  assert.ok(scan([], text).docs[0].findings.length >= 1);
  assert.deepEqual(scan(['--allow', `${dir}/allow.txt`], text).docs[0].findings, []);
});

test('invalid UTF-8 and NUL bytes are scanned without a crash', () => {
  const junk = Buffer.concat([Buffer.from('Mr. '), Buffer.from([0xff, 0xfe, 0x00, 0xc3]), Buffer.from(' Smith 555-0100\n')]);
  const { status, docs } = scan(['--lines'], junk);
  assert.equal(status, 0);
  assert.equal(docs.length, 1);
});

test('usage and I/O errors exit non-zero; findings never do', () => {
  assert.equal(scan(['--bogus'], '').status, 2);
  assert.notEqual(scan(['/no/such/file'], '').status, 0);
  assert.equal(scan([], 'Mrs. Ada Moss, 96, room 4').status, 0);
  const dir = mkdtempSync(path.join(tmpdir(), 'cp-scan-'));
  writeFileSync(`${dir}/bad-allow.txt`, 'not a kind line\n');
  assert.equal(scan(['--allow', `${dir}/bad-allow.txt`], 'x').status, 2);
});

test('the scanner never prints the text it matched on stderr', () => {
  const r = scan(['--lines'], 'SSN 123-45-6789 for Ada Moss\n');
  assert.ok(!r.stderr.includes('123-45-6789'));
  assert.ok(!r.stderr.includes('Ada'));
});
