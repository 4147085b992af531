// How each platform counts a post's length, as ../../../shared/reference/
// platforms.md describes it (Mastodon: graphemes, links 23; Bluesky:
// graphemes and UTF-8 bytes; X: twitter-text v3 weights, links 23).

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Extended grapheme clusters (UAX #29) in s. */
export function graphemes(s) {
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}

/** Bytes of s in UTF-8. */
export function utf8Length(s) {
  return Buffer.byteLength(s, 'utf8');
}

/** Unicode code points in s. */
export function codePoints(s) {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

// Generic top-level domains twitter-text accepts without a scheme (a
// common subset of its list); two-letter country domains count only when
// a path follows, as twitter-text does for ccTLDs without a protocol.
const GTLDS = new Set(('com org net edu gov mil int info biz name pro mobi app dev io ai co ' +
  'health hospital clinic care news blog shop online site tech xyz').split(' '));

const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}_-]*[\\p{L}\\p{N}])?';
const URL_SCHEME = new RegExp(
  `https?://(?:(?:${LABEL}\\.)+\\p{L}{2,}|\\d{1,3}(?:\\.\\d{1,3}){3}|localhost)(?::\\d{1,5})?(?:[/?#][^\\s]*)?`, 'giu');
const URL_BARE = new RegExp(
  `(?:${LABEL}\\.)+(\\p{L}{2,})(?::\\d{1,5})?(/[^\\s]*)?`, 'giu');

function trimUrlEnd(u) {
  for (;;) {
    const last = u[u.length - 1];
    if ('.,;:!?\'"'.includes(last)) u = u.slice(0, -1);
    else if (last === ')' && (u.match(/\(/g) || []).length < (u.match(/\)/g) || []).length) u = u.slice(0, -1);
    else if (last === ']' && (u.match(/\[/g) || []).length < (u.match(/\]/g) || []).length) u = u.slice(0, -1);
    else return u;
  }
}

/** Links in text as [{start, end}] (UTF-16 offsets, end exclusive):
 * always with an http(s) scheme, and, when bare is set, domain names
 * without one (twitter-text's extractUrlsWithoutProtocol). */
export function findUrls(text, bare = false) {
  const found = [];
  for (const m of text.matchAll(URL_SCHEME)) {
    const prev = m.index > 0 ? text[m.index - 1] : '';
    if (prev && /[\p{L}\p{N}@$#_/.-]/u.test(prev)) continue;
    found.push({ start: m.index, end: m.index + trimUrlEnd(m[0]).length });
  }
  if (bare) {
    for (const m of text.matchAll(URL_BARE)) {
      const start = m.index;
      if (found.some((f) => start < f.end && start + m[0].length > f.start)) continue;
      const prev = start > 0 ? text[start - 1] : '';
      if (prev && /[\p{L}\p{N}@$#_/.:-]/u.test(prev)) continue;
      const u = trimUrlEnd(m[0]);
      const tld = m[1].toLowerCase();
      const hasPath = /\//.test(u);
      if (!GTLDS.has(tld) && !(tld.length === 2 && /^[a-z]{2}$/.test(tld) && hasPath)) continue;
      found.push({ start, end: start + u.length });
    }
    found.sort((a, b) => a.start - b.start);
  }
  return found;
}

/** Mastodon's countable length (StatusLengthValidator): graphemes after
 * every link with a scheme becomes 23 characters and every
 * @user@remote.domain mention becomes @user. */
export function mastodonLength(text, urlLength = 23) {
  let out = '';
  let pos = 0;
  for (const u of findUrls(text)) {
    out += text.slice(pos, u.start) + 'x'.repeat(urlLength);
    pos = u.end;
  }
  out += text.slice(pos);
  out = out.replace(/(^|[^\p{L}\p{N}_/])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)@[\p{L}\p{N}.-]+\.\p{L}+/giu, '$1@$2');
  return graphemes(out);
}

function xWeight(cp) {
  if (cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) ||
      (cp >= 0x2032 && cp <= 0x2037)) return 100;
  return 200;
}

/* A grapheme cluster that twitter-text's emoji parsing treats as one emoji
 * (weight 200 in total): pictographs outside Latin ranges or with VS16,
 * keycaps, flags, ZWJ sequences. */
function isEmojiCluster(g) {
  if (/\u20e3/u.test(g) && /^[0-9#*]/u.test(g)) return true;
  if (/\p{Regional_Indicator}{2}/u.test(g)) return true;
  for (const ch of g) {
    if (!/\p{Extended_Pictographic}/u.test(ch)) continue;
    if (ch.codePointAt(0) > 0x10ff || g.includes('\ufe0f')) return true;
  }
  return false;
}

/** X's weighted length (twitter-text config v3: scale 100, default weight
 * 200, Latin and general punctuation ranges 100, every link 23, one emoji
 * sequence 2), after NFC normalisation. */
export function xLength(text, urlLength = 23) {
  const t = text.normalize('NFC');
  let weight = 0;
  let pos = 0;
  const plain = (s) => {
    for (const { segment } of segmenter.segment(s)) {
      if (isEmojiCluster(segment)) {
        weight += 200;
        continue;
      }
      for (const ch of segment) weight += xWeight(ch.codePointAt(0));
    }
  };
  for (const u of findUrls(t, true)) {
    plain(t.slice(pos, u.start));
    weight += urlLength * 100;
    pos = u.end;
  }
  plain(t.slice(pos));
  return Math.ceil(weight / 100);
}

const LITTLE_RESERVED = '\\|{}@[]()<>#*_~';

/** LinkedIn's little text format: backslash escapes, mentions
 * @[Name](urn:li:organization:N) and hashtags {hashtag|\#|Word} are
 * markup; any other reserved character ends the post there, silently, as
 * LinkedIn does. Returns {visible (what readers see), stored (the
 * commentary kept), truncated}. */
export function littleText(s) {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length && LITTLE_RESERVED.includes(s[i + 1])) {
      out += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '@' || c === '{') {
      const rest = s.slice(i);
      const m = c === '@'
        ? /^@\[((?:\\.|[^\]\\])*)\]\((urn:li:(?:organization|person):[^)\s]+)\)/.exec(rest)
        : /^\{hashtag\|\\#\|([^{}|\\\s]+)\}/.exec(rest);
      if (m) {
        out += c === '@' ? m[1].replace(/\\(.)/g, '$1') : '#' + m[1];
        i += m[0].length;
        continue;
      }
    }
    if (LITTLE_RESERVED.includes(c)) return { visible: out, stored: s.slice(0, i), truncated: true };
    out += c;
    i++;
  }
  return { visible: out, stored: s, truncated: false };
}
