// The public Atom feed (/feed.atom) and its images (/feed/media/N), from
// outside: well-formed XML checked by a small tokenizer written here (Node
// has no XML parser), the elements RFC 4287 requires, which posts appear
// (only those delivered to a feed account, newest version, withdrawn ones as
// RFC 6721 tombstones), escaping, caching and the public-document rules.
// Publications and deliveries are written with SQL, as the publisher will.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BASE, CONFIG, ROOT, assertSecurityHeaders, q, randomName, sql, sqlValue, userId } from './lib.mjs';
import { approvedPost, settled } from './publishing.mjs';

const ATOM = 'http://www.w3.org/2005/Atom';
const TOMBSTONES = 'http://purl.org/atompub/tombstones/1.0';
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

/* ------------------------------------------------------------ HTTP */

/** GET (or another method) without cookies; the body as bytes and as strictly decoded UTF-8. */
async function fetchRaw(path, { method = 'GET', headers = {} } = {}) {
  const res = await fetch(BASE + path, { method, headers, redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = undefined; // not UTF-8: parseXml refuses it
  }
  return {
    status: res.status, headers: res.headers, bytes, text,
    setCookies: res.headers.getSetCookie(),
    describe() { return `HTTP ${res.status} ${JSON.stringify(bytes.toString('utf8').slice(0, 300))}`; },
  };
}

/* ------------------------------------------------------------- XML */

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
function isXmlChar(cp) {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

const NAME = '[A-Za-z_][A-Za-z0-9._:-]*';

/** Replaces entity and character references; throws on an unknown entity or a bare '&'. */
function decodeRefs(s, where) {
  return s.replace(/&([^;&\s]*);?/g, (all, ref) => {
    if (!all.endsWith(';')) throw new Error(`bare & in ${where}: ${JSON.stringify(s.slice(0, 80))}`);
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[ref];
    if (named) return named;
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
    if (!m) throw new Error(`unknown entity &${ref}; in ${where}`);
    const cp = m[1] ? parseInt(m[1], 16) : Number(m[2]);
    if (!isXmlChar(cp)) throw new Error(`character reference to a non-XML character &${ref}; in ${where}`);
    return String.fromCodePoint(cp);
  });
}

/**
 * Parses a document with the XML 1.0 well-formedness rules a feed can break:
 * legal characters only, one root, matched and properly nested tags, quoted
 * and unique attributes, no '<' or bare '&' in text or attribute values,
 * declared namespace prefixes. Returns the root { name, ns, local, attrs, children, text }.
 */
function parseXml(src) {
  assert.equal(typeof src, 'string', 'the document is valid UTF-8');
  for (const ch of src) {
    const cp = ch.codePointAt(0);
    if (!isXmlChar(cp)) throw new Error(`character U+${cp.toString(16).padStart(4, '0')} is not allowed in XML 1.0`);
  }
  const decl = /^<\?xml\s+version\s*=\s*["']1\.0["'](?:\s+encoding\s*=\s*["']([A-Za-z0-9._-]+)["'])?(?:\s+standalone\s*=\s*["'](?:yes|no)["'])?\s*\?>/.exec(src);
  if (!decl) throw new Error('no XML declaration at the very start');
  if (decl[1] && decl[1].toLowerCase() !== 'utf-8') throw new Error(`declared encoding ${decl[1]}`);
  let i = decl[0].length;
  const top = { children: [], text: '' };
  const stack = [top];
  const addText = (raw) => {
    const cur = stack.at(-1);
    if (stack.length === 1) {
      if (raw.trim() !== '') throw new Error(`text outside the root element: ${JSON.stringify(raw.slice(0, 40))}`);
      return;
    }
    if (raw.includes(']]>')) throw new Error("']]>' in text");
    cur.text += decodeRefs(raw, `<${cur.name}>`);
  };
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    addText(lt < 0 ? src.slice(i) : src.slice(i, lt));
    if (lt < 0) break;
    if (src.startsWith('<!--', lt)) {
      const end = src.indexOf('-->', lt + 4);
      if (end < 0 || src.slice(lt + 4, end).includes('--')) throw new Error('bad comment');
      i = end + 3;
    } else if (src.startsWith('<?', lt)) {
      const end = src.indexOf('?>', lt);
      if (end < 0 || /^<\?xml[\s?]/i.test(src.slice(lt, lt + 6))) throw new Error('bad or repeated processing instruction');
      i = end + 2;
    } else if (src.startsWith('<![CDATA[', lt)) {
      const end = src.indexOf(']]>', lt);
      if (end < 0 || stack.length === 1) throw new Error('bad CDATA section');
      stack.at(-1).text += src.slice(lt + 9, end);
      i = end + 3;
    } else if (src.startsWith('<!', lt)) {
      throw new Error('a DOCTYPE or declaration (not expected in a feed)');
    } else if (src.startsWith('</', lt)) {
      const m = new RegExp(`^</(${NAME})\\s*>`).exec(src.slice(lt));
      if (!m) throw new Error(`bad end tag at ${lt}`);
      const open = stack.pop();
      if (stack.length === 0 || open.name !== m[1]) throw new Error(`</${m[1]}> does not close <${open.name}>`);
      i = lt + m[0].length;
    } else {
      const tag = new RegExp(`^<(${NAME})`).exec(src.slice(lt));
      if (!tag) throw new Error(`bad start tag at ${lt}: ${JSON.stringify(src.slice(lt, lt + 30))}`);
      const el = { name: tag[1], attrs: {}, children: [], text: '', parent: stack.at(-1) };
      let j = lt + tag[0].length;
      const attrRe = new RegExp(`\\s+(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'y');
      for (;;) {
        attrRe.lastIndex = j;
        const a = attrRe.exec(src);
        if (!a) break;
        if (a[1] in el.attrs) throw new Error(`duplicate attribute ${a[1]} on <${el.name}>`);
        el.attrs[a[1]] = decodeRefs((a[2] ?? a[3]).replace(/[\t\n\r]/g, ' '), `@${a[1]}`);
        j = attrRe.lastIndex;
      }
      const close = /\s*(\/?)>/y;
      close.lastIndex = j;
      const c = close.exec(src);
      if (!c) throw new Error(`bad start tag <${el.name}> near ${JSON.stringify(src.slice(j, j + 30))}`);
      if (stack.length === 1 && top.children.length > 0) throw new Error('more than one root element');
      stack.at(-1).children.push(el);
      if (!c[1]) stack.push(el);
      i = close.lastIndex;
    }
  }
  if (stack.length !== 1) throw new Error(`<${stack.at(-1).name}> is never closed`);
  if (top.children.length !== 1) throw new Error('no root element');
  resolveNamespaces(top.children[0], { xml: 'http://www.w3.org/XML/1998/namespace', '': '' });
  return top.children[0];
}

function resolveNamespaces(el, inherited) {
  const ns = { ...inherited };
  for (const [k, v] of Object.entries(el.attrs)) {
    if (k === 'xmlns') ns[''] = v;
    else if (k.startsWith('xmlns:')) ns[k.slice(6)] = v;
  }
  const colon = el.name.indexOf(':');
  const prefix = colon < 0 ? '' : el.name.slice(0, colon);
  if (!(prefix in ns)) throw new Error(`undeclared namespace prefix ${prefix}: on <${el.name}>`);
  el.ns = ns[prefix];
  el.local = colon < 0 ? el.name : el.name.slice(colon + 1);
  for (const k of Object.keys(el.attrs)) {
    const p = k.includes(':') ? k.slice(0, k.indexOf(':')) : '';
    if (p && p !== 'xmlns' && !(p in ns)) throw new Error(`undeclared prefix on attribute ${k}`);
  }
  for (const c of el.children) resolveNamespaces(c, ns);
}

/* ------------------------------------------------------------ Atom */

const kids = (el, ns, local) => el.children.filter((c) => c.ns === ns && c.local === local);

function one(el, local, where) {
  const found = kids(el, ATOM, local);
  assert.equal(found.length, 1, `${where} has exactly one atom:${local} (found ${found.length})`);
  return found[0];
}

/**
 * Parses body as an Atom feed and checks what RFC 4287 requires of it.
 * Returns { feed, id, title, updated, self, alternate, entries: [...], tombstones: [...], order }.
 */
function atom(body) {
  const feed = parseXml(body);
  assert.equal(feed.ns, ATOM, 'the root is in the Atom namespace');
  assert.equal(feed.local, 'feed', 'the root is <feed>');
  const id = one(feed, 'id', 'feed').text;
  const title = one(feed, 'title', 'feed');
  const updated = one(feed, 'updated', 'feed').text;
  assert.match(updated, RFC3339, 'feed updated is an RFC 3339 time');
  assert.ok(!title.attrs.type || ['text', 'html', 'xhtml'].includes(title.attrs.type));
  const feedAuthors = kids(feed, ATOM, 'author');
  for (const a of feedAuthors) assert.ok(one(a, 'name', 'author').text.trim(), 'the author has a name');
  const links = kids(feed, ATOM, 'link');
  for (const l of links) assert.ok(l.attrs.href, 'every link has an href');
  const selfs = links.filter((l) => l.attrs.rel === 'self');
  assert.equal(selfs.length, 1, 'one link rel="self"');
  const alternates = links.filter((l) => l.attrs.rel === 'alternate');

  const entries = [];
  const tombstones = [];
  const order = []; // every entry and tombstone in document order with its time
  for (const c of feed.children) {
    if (c.ns === ATOM && c.local === 'entry') {
      const e = {
        id: one(c, 'id', 'entry').text,
        title: one(c, 'title', 'entry').text,
        updated: one(c, 'updated', 'entry').text,
        links: kids(c, ATOM, 'link').map((l) => l.attrs),
        el: c,
      };
      assert.match(e.updated, RFC3339, `entry ${e.id}: updated is RFC 3339`);
      const published = kids(c, ATOM, 'published');
      assert.ok(published.length <= 1, `entry ${e.id}: at most one published`);
      e.published = published[0]?.text;
      if (e.published) assert.match(e.published, RFC3339, `entry ${e.id}: published is RFC 3339`);
      const content = kids(c, ATOM, 'content');
      assert.ok(content.length <= 1, `entry ${e.id}: at most one content`);
      assert.ok(content.length === 1 || e.links.some((l) => (l.rel ?? 'alternate') === 'alternate'),
        `entry ${e.id}: content or a link rel="alternate"`);
      e.content = content[0]?.text;
      e.contentType = content[0]?.attrs.type ?? 'text';
      assert.ok(feedAuthors.length > 0 || kids(c, ATOM, 'author').length > 0, `entry ${e.id}: an author (its own or the feed's)`);
      entries.push(e);
      order.push({ id: e.id, at: e.updated });
    } else if (c.ns === TOMBSTONES && c.local === 'deleted-entry') {
      assert.ok(c.attrs.ref, 'a tombstone has a ref');
      assert.match(c.attrs.when ?? '', RFC3339, 'a tombstone has an RFC 3339 when');
      tombstones.push({ ref: c.attrs.ref, when: c.attrs.when });
      order.push({ id: c.attrs.ref, at: c.attrs.when });
    }
  }
  assert.ok(feedAuthors.length > 0 || entries.length === 0 || entries.every((e) => kids(e.el, ATOM, 'author').length),
    'the feed has an author, or every entry has one');
  const ids = [...entries.map((e) => e.id), ...tombstones.map((t) => t.ref)];
  assert.equal(new Set(ids).size, ids.length, 'no id appears twice');
  return { feed, id, title: title.text, updated, self: selfs[0].attrs.href, alternate: alternates[0]?.attrs.href, feedAuthors, entries, tombstones, order };
}

async function getFeed() {
  const res = await fetchRaw('/feed.atom');
  assert.equal(res.status, 200, res.describe());
  assert.equal(res.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
  return { res, doc: atom(res.text) };
}

/* -------------------------------------------------------- database */

const FEED_ACCOUNT = sqlValue("SELECT id FROM accounts WHERE platform = 'feed' ORDER BY id LIMIT 1");
const OTHER_ACCOUNT = sqlValue("SELECT id FROM accounts WHERE platform <> 'feed' ORDER BY id LIMIT 1");
const AUTHOR = userId('alice');
const REVIEWER = userId('rita');

/** Runs statements with a utf8mb4 connection (emoji survive); returns the rows. */
function sql8(statements) {
  return sql(`SET NAMES utf8mb4; ${statements}`);
}

/** A post row in `state` (the desk's own tables); returns its id. */
function makePost({ title = 'A feed post', body = 'Flu shots are free this week.', state = 'published' } = {}) {
  const rows = sql8(
    'INSERT INTO posts (author_id, last_editor_id, title, body, targets, state, version, created_at, updated_at) ' +
    `VALUES (${AUTHOR}, ${AUTHOR}, ${q(title)}, ${q(body)}, ${q(FEED_ACCOUNT)}, ${q(state)}, 1, ` +
    'UTC_TIMESTAMP(), UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();');
  return Number(rows.at(-1)[0]);
}

/**
 * What approval and the publisher write: a publication of the post and one
 * delivery of it to `account` in `state` (published ones with published_at = `at`).
 * `at` is SQL. Deliveries not yet out are due tomorrow and a 'sending' one
 * holds a lease, so the stack's publisher leaves them alone during the test.
 * Returns the publication id.
 */
function publish(postId, {
  title = 'A feed post', body = 'Flu shots are free this week.', version = 1, mediaId = null, alt = '',
  account = FEED_ACCOUNT, state = 'published', at = 'UTC_TIMESTAMP()',
} = {}) {
  const out = state === 'published';
  const due = out ? 'UTC_TIMESTAMP()' : 'UTC_TIMESTAMP() + INTERVAL 1 DAY';
  const lease = state === 'sending' ? `'feed-test', ${due}` : 'NULL, NULL';
  const rows = sql8(
    'INSERT INTO publications (post_id, version, title, body, media_id, alt_text, targets, content_sha256, ' +
    'author_id, approved_by, approved_at, created_at, first_published_at) VALUES (' +
    `${postId}, ${version}, ${q(title)}, ${q(body)}, ${mediaId ?? 'NULL'}, ${q(alt)}, ${q(account)}, ` +
    `UNHEX(SHA2(${q(body)}, 256)), ${AUTHOR}, ${REVIEWER}, UTC_TIMESTAMP(), UTC_TIMESTAMP(), ${out ? at : 'NULL'}); ` +
    'SET @pub = LAST_INSERT_ID(); ' +
    'INSERT INTO deliveries (publication_id, post_id, account_id, state, due_at, next_attempt_at, lease_owner, ' +
    'lease_until, idempotency_key, published_at, remote_url, created_at, updated_at) VALUES (' +
    `@pub, ${postId}, ${account}, ${q(state)}, ${due}, ${due}, ${lease}, UUID(), ${out ? at : 'NULL'}, ` +
    `${out ? q('/feed.atom') : 'NULL'}, UTC_TIMESTAMP(), UTC_TIMESTAMP()); SELECT @pub;`);
  return Number(rows.at(-1)[0]);
}

/** A stored image of the post (PNG bytes as given); returns the media id. */
function makeMedia(postId, bytes, mime = 'image/png') {
  const hex = bytes.toString('hex');
  const rows = sql(
    'INSERT INTO media (post_id, mime, sha256, bytes, created_by, created_at) VALUES (' +
    `${postId}, ${q(mime)}, UNHEX(${q(createHash('sha256').update(bytes).digest('hex'))}), UNHEX(${q(hex)}), ` +
    `${AUTHOR}, UTC_TIMESTAMP()); SELECT LAST_INSERT_ID();`);
  return Number(rows.at(-1)[0]);
}

function rfc3339(sqlTime) {
  return sqlValue(`SELECT DATE_FORMAT(${sqlTime}, '%Y-%m-%dT%H:%i:%sZ')`);
}

/** The tag URI the feed gives a post, from the feed's own id. */
function entryId(doc, postId) {
  const m = /^tag:([a-z0-9.-]+),(\d{4}(?:-\d\d){0,2}):feed$/.exec(doc.id);
  assert.ok(m, `feed id is a tag URI: ${doc.id}`);
  return `tag:${m[1]},${m[2]}:post/${postId}`;
}

const entryOf = (doc, postId) => doc.entries.find((e) => e.id === entryId(doc, postId));

// A 1x1 PNG (with NUL bytes inside, so a text-safe copy would show).
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000d49444154789c6360f8cfc0f01f0005000201b6a4b2a40000000049454e44ae426082', 'hex');

/* ----------------------------------------------------------- tests */

test('the XML checker used here refuses what a feed reader would refuse', () => {
  const ok = '<?xml version="1.0" encoding="utf-8"?><a xmlns="urn:x" b="1 &amp; 2">t &lt; &#x1F600;<c/></a>';
  assert.equal(parseXml(ok).text, 't < \u{1F600}');
  for (const bad of [
    '<a/>', // no declaration
    '<?xml version="1.0"?><a>&</a>',
    '<?xml version="1.0"?><a>&nbsp;</a>',
    '<?xml version="1.0"?><a>x < y</a>',
    '<?xml version="1.0"?><a><b></a></b>',
    '<?xml version="1.0"?><a></a><a></a>',
    '<?xml version="1.0"?><a b="1" b="2"/>',
    '<?xml version="1.0"?><a b="<"/>',
    '<?xml version="1.0"?><a>\u0001</a>',
    '<?xml version="1.0"?><a>&#1;</a>',
    '<?xml version="1.0"?><p:a/>',
    '<?xml version="1.0"?><a>',
  ]) assert.throws(() => parseXml(bad), undefined, JSON.stringify(bad));
});

test('with nothing published the feed is still a complete Atom document', async (t) => {
  const published = Number(sqlValue(
    "SELECT COUNT(*) FROM deliveries d JOIN accounts a ON a.id = d.account_id WHERE a.platform = 'feed' AND d.state = 'published'"));
  if (published > 0) {
    t.skip('this database already has published feed entries (a reused stack)');
    return;
  }
  const { res, doc } = await getFeed();
  assert.equal(doc.entries.length, 0);
  assert.equal(doc.tombstones.length, 0);
  assert.match(doc.id, /^tag:[a-z0-9.-]+,2026:feed$/, 'Feed.TagDate 2026-01-01 is written as 2026');
  assert.equal(doc.updated, '2026-01-01T00:00:00Z', 'an empty feed has not changed since its ids began');
  assert.equal(res.headers.get('last-modified'), 'Thu, 01 Jan 2026 00:00:00 GMT');
  assert.ok(doc.title.length > 0);
  assert.equal(doc.feedAuthors.length, 1, 'one author: the organisation');
  assert.equal(new URL(doc.self).pathname, '/feed.atom');
  assert.equal(doc.alternate, new URL(doc.self).origin, 'rel="alternate" is the site');
});

test('a post delivered to the feed appears with its id, title, times and exact text', async () => {
  const title = 'Clinic <script>&"\' hours — Grüße 😀';
  const body = 'Open <b>late</b> & early: "Mon–Fri" isn\'t it <script>alert(1)</script>\nNew line: ünïcödé 東京 😀';
  const id = makePost({ title, body });
  publish(id, { title, body, at: 'UTC_TIMESTAMP() - INTERVAL 3 SECOND' });
  const when = rfc3339(`(SELECT first_published_at FROM publications WHERE post_id = ${id})`);
  const { res, doc } = await getFeed();
  const e = entryOf(doc, id);
  assert.ok(e, `post ${id} is in the feed as ${entryId(doc, id)}`);
  assert.match(e.id, new RegExp(`^tag:${new URL(doc.self).hostname.replace(/\./g, '\\.')},2026:post/${id}$`),
    'the entry id is tag:<host of Site.PublicURL>,2026:post/<post id>');
  // the title is the start of the published text, never the internal title
  assert.equal(e.title, body.split('\n')[0]);
  assert.ok(!res.text.includes('Grüße'), 'the internal title is not in the feed');
  assert.equal(e.content, body, 'the text arrives exactly, markup as text');
  assert.equal(e.contentType, 'text');
  assert.equal(e.published, when);
  assert.equal(e.updated, when, 'updated = published until a correction');
  // Escaped in the bytes, not dropped: a reader shows the characters.
  assert.ok(res.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'markup is escaped');
  assert.ok(!res.text.includes('<script>'), 'no raw <script> anywhere');
  assert.ok(res.text.includes('ünïcödé 東京 😀'), 'non-ASCII text is sent as UTF-8, unescaped');
  assert.ok(doc.updated >= when, 'the feed is at least as new as its newest entry');
  assert.equal(e.links.filter((l) => l.rel === 'enclosure').length, 0, 'no image, no enclosure');
});

test('end to end: a post approved for the feed is published by the stack\'s publisher and appears', async () => {
  const body = `Walk-in vaccination hours are extended (${randomName()}) — bring your card & ask "why".`;
  const { id } = await approvedPost({ targets: [FEED_ACCOUNT], body, title: 'Vaccination hours' });
  const final = await settled(id);
  assert.deepEqual(final.map((d) => d.state), ['published'], JSON.stringify(final));
  const { doc } = await getFeed();
  const e = entryOf(doc, id);
  assert.ok(e, `post ${id} is in the feed once the publisher has run`);
  assert.equal(e.content, body);
  assert.equal(e.title, body.length <= 80 ? body : `${body.slice(0, body.lastIndexOf(' ', 79)).trimEnd()}\u2026`);
  assert.equal(e.published, rfc3339(`(SELECT first_published_at FROM publications WHERE post_id = ${id})`));
  assert.equal(new URL(doc.self).origin, BASE, 'links point at this site (Site.PublicURL)');
});

test('entries come newest first, and a correction keeps the id and first publication time', async () => {
  const older = makePost({ title: 'Older' });
  publish(older, { title: 'Older', at: 'UTC_TIMESTAMP() - INTERVAL 2 SECOND' });
  const corrected = makePost({ title: 'First version' });
  publish(corrected, { title: 'First version', body: 'Tpyo in the first version.', at: 'UTC_TIMESTAMP() - INTERVAL 5 SECOND' });
  publish(corrected, { version: 2, title: 'Corrected', body: 'No typo in the second version.', at: 'UTC_TIMESTAMP() - INTERVAL 1 SECOND' });
  const { doc } = await getFeed();
  const e = entryOf(doc, corrected);
  assert.ok(e, 'the corrected post is in the feed');
  assert.equal(doc.entries.filter((x) => x.id === e.id).length, 1, 'one entry per post');
  assert.equal(e.title, 'No typo in the second version.', 'the corrected text');
  assert.equal(e.content, 'No typo in the second version.');
  assert.equal(e.published, rfc3339(`(SELECT first_published_at FROM publications WHERE post_id = ${corrected} AND version = 1)`));
  assert.equal(e.updated, rfc3339(`(SELECT first_published_at FROM publications WHERE post_id = ${corrected} AND version = 2)`));
  assert.ok(e.updated > e.published);
  const pos = (pid) => doc.entries.findIndex((x) => x.id === entryId(doc, pid));
  assert.ok(pos(corrected) < pos(older), 'the newer change comes first');
  for (let i = 1; i < doc.order.length; i++)
    assert.ok(doc.order[i - 1].at >= doc.order[i].at, `newest first: ${JSON.stringify(doc.order.slice(i - 1, i + 1))}`);
  assert.ok(doc.entries.length + doc.tombstones.length <= 50, 'at most Feed.MaxEntries (50)');
  assert.equal(doc.updated, doc.order[0].at, 'feed updated = the newest entry');
});

test('a post withdrawn after publication becomes a tombstone, and its image is gone', async () => {
  const id = makePost({ title: 'Withdrawn later' });
  const media = makeMedia(id, PNG);
  const text = `Soon withdrawn (${randomName()}).`;
  publish(id, { title: 'Withdrawn later', body: text, mediaId: media, alt: 'A dot', at: 'UTC_TIMESTAMP() - INTERVAL 2 SECOND' });
  let { doc } = await getFeed();
  assert.ok(entryOf(doc, id), 'in the feed while published');
  assert.equal((await fetchRaw(`/feed/media/${media}`)).status, 200);

  sql(`UPDATE posts SET state = 'withdrawn', updated_at = UTC_TIMESTAMP() WHERE id = ${id}`);
  const when = rfc3339(`(SELECT updated_at FROM posts WHERE id = ${id})`);
  const res = await fetchRaw('/feed.atom');
  doc = atom(res.text);
  assert.equal(entryOf(doc, id), undefined, 'no longer an entry');
  const tomb = doc.tombstones.find((x) => x.ref === entryId(doc, id));
  assert.ok(tomb, 'an at:deleted-entry names the entry id');
  assert.equal(tomb.when, when);
  assert.ok(!res.text.includes(text), 'the withdrawn text is not in the feed');
  assert.ok(doc.updated >= when, 'the withdrawal counts as a change of the feed');
  assert.equal((await fetchRaw(`/feed/media/${media}`)).status, 404, "a withdrawn post's image is not served");
});

test('drafts, posts in review, rejected and unpublished deliveries never appear', async () => {
  const draft = makePost({ title: 'Draft', state: 'draft' });
  const rejected = makePost({ title: 'Rejected', state: 'rejected' });
  const queued = makePost({ title: 'Approved, not yet out', state: 'approved' });
  publish(queued, { state: 'queued' });
  const failed = makePost({ title: 'Failed', state: 'failed' });
  publish(failed, { state: 'failed' });
  const sending = makePost({ title: 'Sending', state: 'publishing' });
  publish(sending, { state: 'sending' });
  const elsewhereText = `Only on Mastodon (${randomName()})`;
  const elsewhere = makePost({ title: elsewhereText });
  publish(elsewhere, { title: elsewhereText, body: elsewhereText, account: OTHER_ACCOUNT });
  const media = makeMedia(queued, PNG);
  sql(`UPDATE publications SET media_id = ${media} WHERE post_id = ${queued}`);
  const { res, doc } = await getFeed();
  for (const [label, id] of Object.entries({ draft, rejected, queued, failed, sending, elsewhere })) {
    assert.equal(entryOf(doc, id), undefined, `${label} (post ${id}) is not an entry`);
    assert.ok(!doc.tombstones.some((t) => t.ref === entryId(doc, id)), `${label} is not a tombstone`);
  }
  assert.ok(!res.text.includes(elsewhereText), 'nor its text anywhere');
  assert.equal((await fetchRaw(`/feed/media/${media}`)).status, 404, 'the image of an unpublished post is a 404');
  assert.equal((await fetchRaw('/feed/media/999999999')).status, 404, 'an unknown image is a 404');
  // Nothing left for a publisher to pick up later.
  sql(`UPDATE deliveries SET state = 'cancelled', lease_owner = NULL, lease_until = NULL WHERE post_id IN (${queued}, ${sending})`);
});

test('an image is an enclosure with its alt text, served with the same bytes and type', async () => {
  const id = makePost({ title: 'With a picture' });
  const media = makeMedia(id, PNG);
  const alt = 'A nurse & a "dot" <here>';
  publish(id, { title: 'With a picture', mediaId: media, alt });
  const { doc } = await getFeed();
  const e = entryOf(doc, id);
  assert.ok(e);
  const enc = e.links.filter((l) => l.rel === 'enclosure');
  assert.equal(enc.length, 1, 'one enclosure');
  assert.equal(enc[0].type, 'image/png');
  assert.equal(enc[0].length, String(PNG.length));
  assert.equal(enc[0].title, alt, 'the alt text is the enclosure title');
  const href = new URL(enc[0].href);
  assert.equal(href.origin, new URL(doc.self).origin, 'an absolute URL on the public site');
  assert.equal(href.pathname, `/feed/media/${media}`);
  const mc = e.el.children.find((c) => c.ns === 'http://search.yahoo.com/mrss/' && c.local === 'content');
  assert.ok(mc, 'a media:content element');
  assert.equal(mc.attrs.url, enc[0].href);
  const desc = mc.children.find((c) => c.local === 'description');
  assert.equal(desc?.text, alt, 'the alt text is the media:description');

  const img = await fetchRaw(href.pathname);
  assert.equal(img.status, 200, img.describe());
  assert.equal(img.headers.get('content-type'), 'image/png');
  assert.ok(img.bytes.equals(PNG), 'the very bytes stored');
  assertSecurityHeaders(img, 'feed image');
  assert.equal(img.headers.get('etag'), `"${createHash('sha256').update(PNG).digest('hex')}"`);
  const again = await fetchRaw(href.pathname, { headers: { 'if-none-match': img.headers.get('etag') } });
  assert.equal(again.status, 304);
  assert.equal(again.bytes.length, 0);
});

test('control characters that slip into stored text are left out; the feed stays well-formed', async () => {
  // The desk refuses them; a row written another way must not break every reader.
  const id = makePost({ title: 'Controls' });
  const bodySql = "CONCAT('bell', CHAR(7 USING utf8mb4), ' vt', CHAR(11 USING utf8mb4), ' nul', CHAR(0 USING utf8mb4), " +
    "' esc', CHAR(27 USING utf8mb4), ' crlf', CHAR(13, 10 USING utf8mb4), 'end')";
  sql8(
    'INSERT INTO publications (post_id, version, title, body, targets, content_sha256, author_id, approved_by, ' +
    `approved_at, created_at, first_published_at) VALUES (${id}, 1, CONCAT('Ti', CHAR(1 USING utf8mb4), 'tle'), ${bodySql}, ` +
    `${q(FEED_ACCOUNT)}, UNHEX(SHA2('x', 256)), ${AUTHOR}, ${REVIEWER}, UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP()); ` +
    'INSERT INTO deliveries (publication_id, post_id, account_id, state, due_at, next_attempt_at, idempotency_key, ' +
    `published_at, created_at, updated_at) VALUES (LAST_INSERT_ID(), ${id}, ${FEED_ACCOUNT}, 'published', UTC_TIMESTAMP(), ` +
    'UTC_TIMESTAMP(), UUID(), UTC_TIMESTAMP(), UTC_TIMESTAMP(), UTC_TIMESTAMP())');
  assert.equal(sqlValue(`SELECT LOCATE(CHAR(7 USING utf8mb4), body) > 0 AND LOCATE(CHAR(0 USING utf8mb4), body) > 0 ` +
    `FROM publications WHERE post_id = ${id}`), '1', 'the stored text really holds control characters');
  const { res, doc } = await getFeed(); // parseXml refuses any character XML 1.0 forbids
  const e = entryOf(doc, id);
  assert.ok(e);
  assert.equal(e.title, 'bell vt nul esc crlf', 'the first line of the cleaned text');
  assert.equal(e.content, 'bell vt nul esc crlf\nend');
  assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(res.text));
});

test('If-None-Match and If-Modified-Since get 304; a change gives a new ETag', async () => {
  const id = makePost({ title: 'Caching' });
  publish(id, { title: 'Caching' });
  const first = await fetchRaw('/feed.atom');
  assert.equal(first.status, 200);
  const etag = first.headers.get('etag');
  const lastModified = first.headers.get('last-modified');
  assert.match(etag ?? '', /^"[0-9a-f]{64}"$/, 'a strong ETag');
  assert.match(lastModified ?? '', /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/);
  assert.equal(new Date(lastModified).toISOString().replace('.000', ''), atom(first.text).updated,
    'Last-Modified is the feed\'s updated time');
  assert.match(first.headers.get('cache-control') ?? '', /no-cache/, 'caches must revalidate');
  assert.doesNotMatch(first.headers.get('cache-control') ?? '', /no-store/);

  const same = await fetchRaw('/feed.atom');
  assert.equal(same.headers.get('etag'), etag, 'the same feed has the same ETag');

  for (const inm of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
    const nm = await fetchRaw('/feed.atom', { headers: { 'if-none-match': inm } });
    assert.equal(nm.status, 304, `If-None-Match: ${inm}`);
    assert.equal(nm.bytes.length, 0, '304 has no body');
    assert.equal(nm.headers.get('etag'), etag);
    assertSecurityHeaders(nm, '304');
  }
  const ims = await fetchRaw('/feed.atom', { headers: { 'if-modified-since': lastModified } });
  assert.equal(ims.status, 304, 'If-Modified-Since equal to Last-Modified');
  const other = await fetchRaw('/feed.atom', { headers: { 'if-none-match': '"0000"', 'if-modified-since': lastModified } });
  assert.equal(other.status, 200, 'If-None-Match wins over If-Modified-Since');
  const head = await fetchRaw('/feed.atom', { method: 'HEAD', headers: { 'if-none-match': etag } });
  assert.equal(head.status, 304, 'HEAD is conditional too');

  sql(`UPDATE posts SET state = 'withdrawn', updated_at = UTC_TIMESTAMP() WHERE id = ${id}`);
  const changed = await fetchRaw('/feed.atom', { headers: { 'if-none-match': etag } });
  assert.equal(changed.status, 200, 'after a change the old ETag no longer matches');
  assert.notEqual(changed.headers.get('etag'), etag);
});

test('HEAD answers like GET without the body', async () => {
  const get = await fetchRaw('/feed.atom');
  const head = await fetchRaw('/feed.atom', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.bytes.length, 0);
  assert.equal(head.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
  assert.equal(head.headers.get('content-length'), String(get.bytes.length));
  assert.equal(head.headers.get('etag'), get.headers.get('etag'));
});

test('only GET and HEAD: other methods get 405 with Allow', async () => {
  for (const [method, path] of [['POST', '/feed.atom'], ['PUT', '/feed.atom'], ['DELETE', '/feed.atom'], ['POST', '/feed/media/1']]) {
    const res = await fetchRaw(path, { method, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(res.status, 405, `${method} ${path}: ${res.describe()}`);
    assert.equal(res.headers.get('allow'), 'GET, HEAD');
    assertSecurityHeaders(res, `${method} ${path}`);
  }
});

test('public: no session needed or read, no cookie set, security headers on every answer', async () => {
  const anon = await fetchRaw('/feed.atom');
  assert.equal(anon.status, 200);
  assert.deepEqual(anon.setCookies, [], 'no cookie is set');
  assertSecurityHeaders(anon, '/feed.atom');
  // A stale or made-up session cookie changes nothing: not read, not cleared.
  const withCookie = await fetchRaw('/feed.atom', { headers: { cookie: 'cp_session=' + 'ab'.repeat(32) } });
  assert.equal(withCookie.status, 200);
  assert.deepEqual(withCookie.setCookies, [], 'the session cookie is not even read (no clearing)');
  assert.equal(withCookie.headers.get('etag'), anon.headers.get('etag'), 'the same document for everyone');
  const missing = await fetchRaw('/feed/media/999999999');
  assert.equal(missing.status, 404);
  assertSecurityHeaders(missing, 'feed image 404');
  const notFound = await fetchRaw('/feed/media/abc');
  assert.equal(notFound.status, 404);
});

/** Runs bin/feed.fcgi once in CGI mode with `settings` added to the stack's config. */
function feedWith(settings, uri = '/feed.atom') {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cp-feed-'));
  try {
    const conf = path.join(dir, 'clearpost.hdf');
    writeFileSync(conf, `#include "${CONFIG}"\n${settings}\n`);
    const r = spawnSync(`${ROOT}/bin/feed.fcgi`, [], {
      env: { PATH: process.env.PATH, CLEARPOST_CONFIG: conf, REQUEST_METHOD: 'GET', DOCUMENT_URI: uri,
        QUERY_STRING: '', REMOTE_ADDR: '127.0.0.1', REQUEST_ID: 'feed-config' },
      encoding: 'utf8', timeout: 60000,
    });
    assert.equal(r.status, 0, r.stderr);
    const end = r.stdout.indexOf('\r\n\r\n');
    return { status: Number(/^Status: (\d+)/.exec(r.stdout)?.[1]), body: r.stdout.slice(end + 4), stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('Feed.MaxEntries, Feed.TagDate and Site.PublicURL shape the feed', () => {
  for (let i = 0; i < 3; i++) publish(makePost({ title: `Limit ${i}` }), { title: `Limit ${i}` });
  const res = feedWith('Feed.MaxEntries = 2\nFeed.TagDate = 2026-03-05\nSite.PublicURL = https://News.Example.ORG:8443/\nSite.Name = St. Mary\'s & Co');
  assert.equal(res.status, 200, res.body);
  const doc = atom(res.body);
  assert.equal(doc.entries.length + doc.tombstones.length, 2, 'at most Feed.MaxEntries entries');
  assert.equal(doc.id, 'tag:news.example.org,2026-03-05:feed', 'host without port, lower-cased; the full date');
  assert.match(doc.entries[0]?.id ?? doc.tombstones[0].ref, /^tag:news\.example\.org,2026-03-05:post\/\d+$/);
  assert.equal(doc.self, 'https://News.Example.ORG:8443/feed.atom', 'links use Site.PublicURL as written');
  assert.equal(doc.title, "St. Mary's & Co");
  assert.equal(atom(feedWith('Feed.TagDate = 2026-03-01').body).id.split(',')[1], '2026-03:feed', 'day 01 is left out');
  // A date the feed cannot use must not silently change every id.
  for (const bad of ['Feed.TagDate = 2026-13-01', 'Feed.TagDate = March 2026', 'Site.PublicURL = http://[::1]:8080'])
    assert.equal(feedWith(bad).status, 500, bad);
});

test('the feed program runs clean under valgrind: feed, image, 304, 404, 405', () => {
  const id = makePost({ title: 'Under valgrind' });
  const media = makeMedia(id, PNG);
  publish(id, { title: 'Under valgrind <&>', body: 'Checked by valgrind — ✓', mediaId: media, alt: 'dot' });
  const run = (uri, env = {}) => {
    const r = spawnSync('valgrind', ['-q', '--leak-check=full', '--errors-for-leak-kinds=definite,indirect',
      '--error-exitcode=99', `${ROOT}/bin/feed.fcgi`], {
      env: { PATH: process.env.PATH, CLEARPOST_CONFIG: CONFIG, REQUEST_METHOD: 'GET', DOCUMENT_URI: uri,
        QUERY_STRING: '', REMOTE_ADDR: '127.0.0.1', REQUEST_ID: 'valgrind', ...env },
      encoding: 'latin1', timeout: 120000,
    });
    assert.equal(r.status, 0, `valgrind found errors in feed ${uri}:\n${r.stderr}`);
    return { status: Number(/^Status: (\d+)/.exec(r.stdout)?.[1]), out: r.stdout };
  };
  const feed = run('/feed.atom');
  assert.equal(feed.status, 200);
  const etag = /^ETag: (.*)\r$/m.exec(feed.out)[1];
  assert.equal(run('/feed.atom', { HTTP_IF_NONE_MATCH: etag }).status, 304);
  assert.equal(run(`/feed/media/${media}`).status, 200);
  assert.equal(run('/feed/media/999999999').status, 404);
  assert.equal(run('/feed.atom', { REQUEST_METHOD: 'POST', CONTENT_TYPE: 'text/plain', CONTENT_LENGTH: '0' }).status, 405);
});
