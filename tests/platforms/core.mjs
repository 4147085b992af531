// Shared state of the platform double: the controllable clock, posts,
// the request log, fault queues and rate-limit windows. Everything lives
// in memory; nothing here writes to disk or stdout.
import { createHash, randomBytes } from 'node:crypto';
import { send } from './wire.mjs';

export const PLATFORMS = ['mastodon', 'bluesky', 'x', 'facebook', 'linkedin', 'webhook'];
export const MODES = ['fail5xx', 'ratelimit', 'hang', 'drop_after_commit', 'drop_before', 'permanent',
  'reauth', 'created_500', 'hang_after_commit'];
/* Modes that act before the request has any effect; the others act only
 * once a create has committed. */
const BEFORE = new Set(['fail5xx', 'ratelimit', 'hang', 'drop_before', 'permanent', 'reauth']);
const DEFAULT_SECONDS = { ratelimit: 60, hang: 30, hang_after_commit: 30 };

/** A fixed-window counter: limit points per window, windows aligned to
 * multiples of the window length on the double's clock. When enforce is
 * off it only counts (for the headers) and never refuses. */
export class Limiter {
  constructor(limit, windowSeconds, enforce = false) {
    this.limit = limit;
    this.window = windowSeconds;
    this.enforce = enforce;
    this.used = 0;
    this.start = -1;
  }

  roll(nowMs) {
    const w = this.window * 1000;
    const start = Math.floor(nowMs / w) * w;
    if (start !== this.start) {
      this.start = start;
      this.used = 0;
    }
  }

  /** Takes points if they fit; false (and nothing taken) otherwise. */
  take(nowMs, points = 1) {
    this.roll(nowMs);
    if (this.used + points > this.limit && this.enforce) return false;
    this.used += points;
    return true;
  }

  remaining(nowMs) {
    this.roll(nowMs);
    return Math.max(0, this.limit - this.used);
  }

  /** Epoch milliseconds at which the current window ends. */
  resetMs(nowMs) {
    this.roll(nowMs);
    return this.start + this.window * 1000;
  }
}

/* The published default limits (platforms.md); the first family of each
 * platform is the one /_control/limits changes when no family is named.
 * Only Bluesky's createSession limits refuse by default (a publisher must
 * not log in per post); the others refuse once /_control/limits sets them,
 * since every Clearpost account of a platform is one account here. */
function defaultLimits() {
  return {
    mastodon: { statuses: new Limiter(300, 3 * 3600), media: new Limiter(30, 1800) },
    bluesky: { writes: new Limiter(5000, 3600), session: new Limiter(30, 300, true),
      session_day: new Limiter(300, 86400, true), blobs: new Limiter(1000, 86400) },
    x: { tweets: new Limiter(100, 900), media: new Limiter(500, 900), deletes: new Limiter(50, 900) },
    facebook: { calls: new Limiter(4800, 86400) },
    linkedin: {},
    webhook: {},
  };
}

const S32 = '234567abcdefghijklmnopqrstuvwxyz';
const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

function s32(n, width) {
  let s = '';
  let v = BigInt(n);
  while (v > 0n) {
    s = S32[Number(v % 32n)] + s;
    v /= 32n;
  }
  return s.padStart(width, '2');
}

/** RFC 4648 base32, lower-case, no padding (multibase 'b'). */
export function base32(buf) {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

/** A CIDv1 string (base32) over sha256(bytes) with codec 0x55 (raw, blobs)
 * or 0x71 (dag-cbor, records). */
export function cid(codec, bytes) {
  const digest = createHash('sha256').update(bytes).digest();
  return 'b' + base32(Buffer.concat([Buffer.from([0x01, codec, 0x12, 0x20]), digest]));
}

/** JSON with object keys sorted at every level (stands in for DAG-CBOR's
 * canonical form: equal records give equal bytes whatever the key order). */
export function canonicalJson(v) {
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  if (v && typeof v === 'object') {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson(v[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}

export function sha256hex(buf) {
  return createHash('sha256').update(buf).digest('hex');
}

export const TID_RE = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

/** ISO 8601 with microseconds, as Ruby's Time#iso8601(6) writes it. */
export function iso6(ms) {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export class State {
  constructor() {
    this.reset();
  }

  reset() {
    this.offsetMs = 0;
    this.seq = 0;
    this.posts = [];
    this.requests = [];
    this.faults = new Map();
    this.limits = defaultLimits();
    this.lastTid = 0n;
    this.mastodon = { media: new Map(), statuses: new Map(), idempotency: new Map() };
    this.bluesky = { accessTtl: 7200, refreshTtl: 90 * 86400, grace: 7200, refresh: new Map(),
      blobs: new Map(), records: new Map() };
    this.x = { media: new Map(), tweets: new Map(), nonces: new Map() };
    this.facebook = { objects: new Map() };
    this.linkedin = { posts: new Map(), images: new Map(), uploads: new Map(), ghosts: [] };
    this.webhook = new Map();
  }

  nowMs() {
    return Date.now() + this.offsetMs;
  }

  now() {
    return Math.floor(this.nowMs() / 1000);
  }

  /** A number that grows by one on every call (ids). */
  next() {
    return ++this.seq;
  }

  /** A fresh TID on the double's clock, strictly increasing. */
  tid() {
    let micros = BigInt(this.nowMs()) * 1000n;
    if (micros <= this.lastTid) micros = this.lastTid + 1n;
    this.lastTid = micros;
    return s32(micros, 11) + s32(7, 2);
  }

  /** Records a new post; returns it. fields as in /_control/posts. */
  addPost(fields) {
    const post = { alt: null, image_sha256: null, key: null, url: null, deleted: false,
      created_at: new Date(this.nowMs()).toISOString(), ...fields };
    this.posts.push(post);
    return post;
  }

  addFault(platform, mode, count, seconds) {
    if (!this.faults.has(platform)) this.faults.set(platform, []);
    this.faults.get(platform).push({ mode, left: count, seconds: seconds ?? DEFAULT_SECONDS[mode] ?? 0 });
  }

  /* The next queued fault of platform if it belongs to this phase
   * (before = acts before anything happens); consumes one use. */
  takeFault(platform, before) {
    const q = this.faults.get(platform);
    if (!q || q.length === 0 || BEFORE.has(q[0].mode) !== before) return null;
    const f = q[0];
    if (--f.left <= 0) q.shift();
    return f;
  }
}

/** A short random id for trace headers (fbtrace_id, x-transaction-id). */
export function traceId() {
  return randomBytes(8).toString('base64url');
}

/**
 * Per-request context handed to the platform modules:
 *   reply(status, body, headers)  answers and notes the status in the log
 *   before(shapes)                applies a fault of the "before" kind; true
 *                                 when it answered (or dropped) already
 *   commit(answer, shapes)        after a create committed: answer normally
 *                                 or apply drop_after_commit, created_500 or
 *                                 hang_after_commit
 */
export class Ctx {
  constructor(dbl, req, res, url, body, entry) {
    this.dbl = dbl;
    this.state = dbl.state;
    this.req = req;
    this.res = res;
    this.url = url;
    this.body = body;
    this.entry = entry;
    this.host = String(req.headers.host || `127.0.0.1:${dbl.port}`);
    this.root = `http://${this.host}`;
    this.prefix = '';
  }

  reply(status, body, headers) {
    if (this.entry) this.entry.status = status;
    send(this.res, status, body, headers);
  }

  drop() {
    this.req.socket.destroy();
  }

  before(shapes) {
    const f = this.state.takeFault(this.entry.platform, true);
    if (!f) return false;
    this.entry.fault = f.mode;
    if (f.mode === 'drop_before') this.drop();
    else if (f.mode === 'hang') this.dbl.hang(this, f.seconds);
    else shapes[f.mode](this, f);
    return true;
  }

  commit(answer, shapes) {
    const f = this.state.takeFault(this.entry.platform, false);
    if (!f) return answer();
    this.entry.fault = f.mode;
    if (f.mode === 'drop_after_commit') return this.drop();
    if (f.mode === 'hang_after_commit') return this.dbl.hang(this, f.seconds);
    return shapes.created_500(this, f);
  }
}
