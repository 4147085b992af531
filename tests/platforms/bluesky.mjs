// Bluesky / AT Protocol PDS (platforms.md section 2) under /bsky/xrpc.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { bluesky as C } from './creds.mjs';
import { TID_RE, canonicalJson, cid, sha256hex } from './core.mjs';
import { graphemes, utf8Length } from './text.mjs';

const COLLECTION = 'app.bsky.feed.post';
const MAX_GRAPHEMES = 300;
const MAX_BYTES = 3000;
const MAX_IMAGE = 2000000;
const POINTS = { create: 3, update: 2, delete: 1 };
// Signs the double's session tokens; fixed for the life of the process so
// that a stored access token stays valid across /_control/reset, as a JWT
// does on a real PDS.
const JWT_KEY = randomBytes(32);

function err(ctx, status, error, message, headers) {
  ctx.reply(status, { error, message }, headers);
}

function rateHeaders(ctx, limiters, resetMs) {
  const now = ctx.state.nowMs();
  // The headers describe the limit closest to exhaustion.
  const l = limiters.reduce((a, b) => (b.remaining(now) < a.remaining(now) ? b : a));
  const reset = resetMs || l.resetMs(now);
  const h = {
    'RateLimit-Limit': String(l.limit),
    'RateLimit-Remaining': String(resetMs ? 0 : l.remaining(now)),
    'RateLimit-Reset': String(Math.ceil(reset / 1000)),
    'RateLimit-Policy': `${l.limit};w=${l.window}`,
  };
  if (resetMs) h['Retry-After'] = String(Math.max(1, Math.ceil((reset - now) / 1000)));
  return h;
}

function limited(ctx, limiters) {
  const now = ctx.state.nowMs();
  const l = limiters.find((x) => x.remaining(now) === 0) || limiters[0];
  err(ctx, 429, 'RateLimitExceeded', 'Rate Limit Exceeded', rateHeaders(ctx, limiters, l.resetMs(now)));
}

export const shapes = {
  fail5xx: (ctx) => err(ctx, 503, 'NotEnoughResources', 'Service Unavailable'),
  ratelimit: (ctx, f) => err(ctx, 429, 'RateLimitExceeded', 'Rate Limit Exceeded',
    rateHeaders(ctx, [ctx.state.limits.bluesky.writes], ctx.state.nowMs() + f.seconds * 1000)),
  permanent: (ctx) => err(ctx, 400, 'InvalidRequest',
    `Invalid ${COLLECTION} record: Record/text must not be longer than ${MAX_GRAPHEMES} graphemes`),
  reauth: (ctx) => err(ctx, 400, 'InvalidToken', 'Token could not be verified'),
  created_500: (ctx) => err(ctx, 500, 'InternalServerError', 'Internal Server Error'),
};

/* ------------------------------------------------------------ sessions */

function b64url(v) {
  return Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
}

function jwt(typ, payload) {
  const head = b64url({ typ, alg: 'HS256' }) + '.' + b64url(payload);
  return head + '.' + createHmac('sha256', JWT_KEY).update(head).digest('base64url');
}

/* The payload of a token the double signed, or null. */
function decode(token) {
  const parts = String(token).split('.');
  if (parts.length !== 3) return null;
  const mac = createHmac('sha256', JWT_KEY).update(parts[0] + '.' + parts[1]).digest();
  const got = Buffer.from(parts[2], 'base64url');
  if (got.length !== mac.length || !timingSafeEqual(got, mac)) return null;
  try {
    return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

function didDoc(ctx) {
  return {
    '@context': ['https://www.w3.org/ns/did/v1'], id: C.did, alsoKnownAs: [`at://${C.handle}`],
    service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: `${ctx.root}/bsky` }],
  };
}

function issue(ctx, jti) {
  const bs = ctx.state.bluesky;
  const now = ctx.state.now();
  const id = jti || randomBytes(24).toString('base64url');
  const refreshExp = now + bs.refreshTtl;
  if (!bs.refresh.has(id)) bs.refresh.set(id, { expires: refreshExp, nextId: null });
  else bs.refresh.get(id).expires = Math.max(bs.refresh.get(id).expires, refreshExp);
  const aud = `did:web:${ctx.host.replace(/:\d+$/, '')}`;
  return {
    accessJwt: jwt('at+jwt', { scope: 'com.atproto.appPass', sub: C.did, aud, iat: now, exp: now + bs.accessTtl }),
    refreshJwt: jwt('refresh+jwt', { scope: 'com.atproto.refresh', sub: C.did, aud, jti: id, iat: now, exp: refreshExp }),
    handle: C.handle, did: C.did, didDoc: didDoc(ctx), active: true,
  };
}

/* The bearer token's payload when it is valid with scope, else answers and
 * returns null: 401 AuthMissing, 400 InvalidToken, 400 ExpiredToken. */
function bearer(ctx, scopes) {
  const h = String(ctx.req.headers.authorization || '');
  if (!h) {
    err(ctx, 401, 'AuthMissing', 'Authentication Required');
    return null;
  }
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  const payload = m ? decode(m[1]) : null;
  if (!payload) {
    err(ctx, 400, 'InvalidToken', 'Token could not be verified');
    return null;
  }
  if (!scopes.includes(payload.scope)) {
    err(ctx, 400, 'InvalidToken', 'Bad token scope');
    return null;
  }
  if (typeof payload.exp !== 'number' || payload.exp <= ctx.state.now()) {
    err(ctx, 400, 'ExpiredToken', 'Token has expired');
    return null;
  }
  return payload;
}

const ACCESS = ['com.atproto.access', 'com.atproto.appPass', 'com.atproto.appPassPrivileged'];

function createSession(ctx, input) {
  const lim = ctx.state.limits.bluesky;
  const limiters = [lim.session, lim.session_day];
  const now = ctx.state.nowMs();
  if (!limiters.every((l) => l.take(now))) return limited(ctx, limiters);
  const headers = rateHeaders(ctx, limiters);
  for (const k of ['identifier', 'password']) {
    if (typeof input[k] !== 'string') return err(ctx, 400, 'InvalidRequest', `Input must have the property "${k}"`, headers);
  }
  const who = input.identifier.toLowerCase();
  if ((who !== C.handle && who !== C.did) || input.password !== C.password) {
    return err(ctx, 401, 'AuthenticationRequired', 'Invalid identifier or password', headers);
  }
  ctx.reply(200, issue(ctx), headers);
}

function refreshSession(ctx) {
  const payload = bearer(ctx, ['com.atproto.refresh']);
  if (!payload) return;
  const bs = ctx.state.bluesky;
  const now = ctx.state.now();
  const token = bs.refresh.get(payload.jti);
  if (!token || token.expires <= now) return err(ctx, 400, 'ExpiredToken', 'Token has been revoked');
  // The old token lives on for the grace period; reusing it within that
  // window yields the same successor id (account-manager rotateRefreshToken).
  token.expires = Math.min(token.expires, now + bs.grace);
  if (!token.nextId) token.nextId = randomBytes(24).toString('base64url');
  ctx.reply(200, issue(ctx, token.nextId));
}

function deleteSession(ctx) {
  const payload = bearer(ctx, ['com.atproto.refresh']);
  if (!payload) return;
  ctx.state.bluesky.refresh.delete(payload.jti);
  ctx.reply(200, {});
}

/* ------------------------------------------------------------- records */

function repoMatches(repo) {
  return typeof repo === 'string' && (repo === C.did || repo.toLowerCase() === C.handle);
}

function uri(rkey) {
  return `at://${C.did}/${COLLECTION}/${rkey}`;
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/* Lexicon checks of an app.bsky.feed.post record; a message or null. The
 * blobs it references must have been uploaded. */
function invalidRecord(ctx, rec) {
  const bad = (m) => `Invalid ${COLLECTION} record: ${m}`;
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) return bad('Record must be an object');
  if (rec.$type !== COLLECTION) return bad(`Record/$type must be ${COLLECTION}`);
  if (typeof rec.text !== 'string') return bad('Record must have the property "text"');
  if (typeof rec.createdAt !== 'string') return bad('Record must have the property "createdAt"');
  if (!DATETIME.test(rec.createdAt) || Number.isNaN(Date.parse(rec.createdAt))) {
    return bad('Record/createdAt must be an valid atproto datetime (both RFC-3339 and ISO-8601)');
  }
  if (utf8Length(rec.text) > MAX_BYTES) return bad(`Record/text must not be longer than ${MAX_BYTES} characters`);
  if (graphemes(rec.text) > MAX_GRAPHEMES) return bad(`Record/text must not be longer than ${MAX_GRAPHEMES} graphemes`);
  if (rec.langs !== undefined && (!Array.isArray(rec.langs) || rec.langs.length > 3)) {
    return bad('Record/langs must not have more than 3 elements');
  }
  if (rec.facets !== undefined) {
    if (!Array.isArray(rec.facets)) return bad('Record/facets must be an array');
    for (const [i, f] of rec.facets.entries()) {
      const ix = f && f.index;
      if (!ix || !Number.isInteger(ix.byteStart) || !Number.isInteger(ix.byteEnd) || ix.byteStart < 0 || ix.byteEnd < 0) {
        return bad(`Record/facets/${i}/index must have integer byteStart and byteEnd`);
      }
      if (!Array.isArray(f.features)) return bad(`Record/facets/${i} must have the property "features"`);
    }
  }
  const e = rec.embed;
  if (e !== undefined && e.$type === 'app.bsky.embed.images') {
    if (!Array.isArray(e.images)) return bad('Record/embed must have the property "images"');
    if (e.images.length > 4) return bad('Record/embed/images must not have more than 4 elements');
    for (const [i, img] of e.images.entries()) {
      const at = `Record/embed/images/${i}`;
      if (!img || typeof img.alt !== 'string') return bad(`${at} must have the property "alt"`);
      const b = img.image;
      if (!b || b.$type !== 'blob' || !b.ref || typeof b.ref.$link !== 'string') return bad(`${at}/image should be a blob ref`);
      const stored = ctx.state.bluesky.blobs.get(b.ref.$link);
      if (!stored) return { blob: b.ref.$link };
      if (!stored.mimeType.startsWith('image/')) return bad(`${at}/image mimeType (${stored.mimeType}) not accepted`);
      if (stored.size > MAX_IMAGE) return bad(`${at}/image file too large (${stored.size} bytes). Maximum is ${MAX_IMAGE} bytes`);
    }
  }
  return null;
}

function commitInfo(ctx) {
  const rev = ctx.state.tid();
  return { cid: cid(0x71, Buffer.from(rev)), rev };
}

function storeRecord(ctx, rkey, rec, recCid, key) {
  const bs = ctx.state.bluesky;
  const img = rec.embed && rec.embed.$type === 'app.bsky.embed.images' && rec.embed.images[0];
  const fields = {
    text: rec.text, alt: img ? img.alt : null,
    image_sha256: img ? bs.blobs.get(img.image.ref.$link).sha256 : null,
  };
  const existing = bs.records.get(rkey);
  if (existing) {
    // An edit: the record (and what people see) changes in place.
    Object.assign(existing.post, fields);
    existing.value = rec;
    existing.cid = recCid;
    return existing;
  }
  const post = ctx.state.addPost({ platform: 'bluesky', id: uri(rkey), key: key ?? rkey,
    url: `https://bsky.app/profile/${C.did}/post/${rkey}`, ...fields });
  const r = { rkey, value: rec, cid: recCid, post };
  bs.records.set(rkey, r);
  return r;
}

/* Shared front of createRecord/putRecord: fault, auth, rate points, input.
 * Returns the checked input or null when it answered. */
function writeFront(ctx, input, points) {
  if (ctx.before(shapes)) return null;
  if (!bearer(ctx, ACCESS)) return null;
  const writes = ctx.state.limits.bluesky.writes;
  if (!writes.take(ctx.state.nowMs(), points)) {
    limited(ctx, [writes]);
    return null;
  }
  const headers = rateHeaders(ctx, [writes]);
  const fail = (status, e, m) => {
    err(ctx, status, e, m, headers);
    return null;
  };
  if (!input) return fail(400, 'InvalidRequest', 'Request body must be a JSON object');
  if (!repoMatches(input.repo)) {
    if (typeof input.repo !== 'string') return fail(400, 'InvalidRequest', 'Input must have the property "repo"');
    return fail(400, 'InvalidRequest', `Could not find repo: ${input.repo}`);
  }
  if (input.collection !== COLLECTION) {
    return fail(400, 'InvalidRequest', `The double stores only ${COLLECTION} records`);
  }
  if (input.rkey !== undefined && (typeof input.rkey !== 'string' || !TID_RE.test(input.rkey))) {
    return fail(400, 'InvalidRequest', `Invalid record key for ${COLLECTION}: must be a TID`);
  }
  const bad = invalidRecord(ctx, input.record);
  if (bad && bad.blob) return fail(400, 'BlobNotFound', `Could not find blob: ${bad.blob}`);
  if (bad) return fail(400, 'InvalidRequest', bad);
  return { headers, recCid: cid(0x71, Buffer.from(canonicalJson(input.record))) };
}

function createRecord(ctx, input) {
  const w = writeFront(ctx, input, POINTS.create);
  if (!w) return;
  const bs = ctx.state.bluesky;
  const rkey = input.rkey || ctx.state.tid();
  if (bs.records.has(rkey) && !bs.records.get(rkey).post.deleted) {
    // The real PDS fails inside the repo tree here ("There is already a
    // value at key"), which surfaces as a 500, not as a clean conflict.
    return err(ctx, 500, 'InternalServerError', 'Internal Server Error', w.headers);
  }
  bs.records.delete(rkey);
  storeRecord(ctx, rkey, input.record, w.recCid);
  ctx.commit(() => ctx.reply(200, { uri: uri(rkey), cid: w.recCid, commit: commitInfo(ctx),
    validationStatus: 'valid' }, w.headers), shapes);
}

function putRecord(ctx, input) {
  const bs = ctx.state.bluesky;
  const prior = input && typeof input.rkey === 'string' ? bs.records.get(input.rkey) : null;
  const existing = prior && !prior.post.deleted ? prior : null;
  const w = writeFront(ctx, input, existing ? POINTS.update : POINTS.create);
  if (!w) return;
  if (typeof input.rkey !== 'string') return err(ctx, 400, 'InvalidRequest', 'Input must have the property "rkey"', w.headers);
  if (input.swapRecord === null && existing) {
    return err(ctx, 400, 'InvalidSwap', `Record was at ${existing.cid}`, w.headers);
  }
  if (typeof input.swapRecord === 'string' && (!existing || existing.cid !== input.swapRecord)) {
    return err(ctx, 400, 'InvalidSwap', `Record was at ${existing ? existing.cid : 'null'}`, w.headers);
  }
  if (existing && existing.cid === w.recCid) {
    // Byte-identical record: nothing is committed, the PDS answers as is.
    return ctx.commit(() => ctx.reply(200, { uri: uri(input.rkey), cid: w.recCid, validationStatus: 'valid' },
      w.headers), shapes);
  }
  if (!existing) bs.records.delete(input.rkey);
  storeRecord(ctx, input.rkey, input.record, w.recCid);
  ctx.commit(() => ctx.reply(200, { uri: uri(input.rkey), cid: w.recCid, commit: commitInfo(ctx),
    validationStatus: 'valid' }, w.headers), shapes);
}

function deleteRecord(ctx, input) {
  if (!bearer(ctx, ACCESS)) return;
  const writes = ctx.state.limits.bluesky.writes;
  if (!writes.take(ctx.state.nowMs(), POINTS.delete)) return limited(ctx, [writes]);
  const headers = rateHeaders(ctx, [writes]);
  if (!input || !repoMatches(input.repo)) return err(ctx, 400, 'InvalidRequest', 'Could not find repo', headers);
  const r = input.collection === COLLECTION ? ctx.state.bluesky.records.get(input.rkey) : null;
  if (!r || r.post.deleted) return ctx.reply(200, {}, headers);
  r.post.deleted = true;
  ctx.reply(200, { commit: commitInfo(ctx) }, headers);
}

function getRecord(ctx) {
  const q = ctx.url.searchParams;
  const repo = q.get('repo');
  if (!repoMatches(repo)) return err(ctx, 400, 'InvalidRequest', `Could not find repo: ${repo}`);
  const rkey = q.get('rkey') || '';
  const r = q.get('collection') === COLLECTION ? ctx.state.bluesky.records.get(rkey) : null;
  const want = q.get('cid');
  if (!r || r.post.deleted || (want && want !== r.cid)) {
    return err(ctx, 400, 'RecordNotFound', `Could not locate record: at://${C.did}/${q.get('collection')}/${rkey}`);
  }
  ctx.reply(200, { uri: uri(rkey), cid: r.cid, value: r.value });
}

function listRecords(ctx) {
  const q = ctx.url.searchParams;
  if (!repoMatches(q.get('repo'))) return err(ctx, 400, 'InvalidRequest', `Could not find repo: ${q.get('repo')}`);
  const limit = Math.min(Math.max(parseInt(q.get('limit') || '50', 10) || 50, 1), 100);
  const reverse = q.get('reverse') === 'true';
  const cursor = q.get('cursor');
  let all = q.get('collection') === COLLECTION
    ? [...ctx.state.bluesky.records.values()].filter((r) => !r.post.deleted) : [];
  all.sort((a, b) => (a.rkey < b.rkey ? 1 : -1));
  if (reverse) all.reverse();
  if (cursor) all = all.filter((r) => (reverse ? r.rkey > cursor : r.rkey < cursor));
  const page = all.slice(0, limit);
  const out = { records: page.map((r) => ({ uri: uri(r.rkey), cid: r.cid, value: r.value })) };
  if (all.length > limit) out.cursor = page[page.length - 1].rkey;
  ctx.reply(200, out);
}

function uploadBlob(ctx) {
  if (!bearer(ctx, ACCESS)) return;
  const lim = ctx.state.limits.bluesky.blobs;
  if (!lim.take(ctx.state.nowMs())) return limited(ctx, [lim]);
  const mimeType = String(ctx.req.headers['content-type'] || 'application/octet-stream').split(';')[0].trim();
  const data = ctx.body || Buffer.alloc(0);
  const ref = cid(0x55, data);
  ctx.state.bluesky.blobs.set(ref, { mimeType, size: data.length, sha256: sha256hex(data) });
  ctx.reply(200, { blob: { $type: 'blob', ref: { $link: ref }, mimeType, size: data.length } }, rateHeaders(ctx, [lim]));
}

function json(ctx) {
  if (!ctx.body || ctx.body.length === 0) return null;
  try {
    const v = JSON.parse(ctx.body.toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

const PROCEDURES = {
  'com.atproto.server.createSession': (ctx) => createSession(ctx, json(ctx) || {}),
  'com.atproto.server.refreshSession': refreshSession,
  'com.atproto.server.deleteSession': deleteSession,
  'com.atproto.repo.uploadBlob': uploadBlob,
  'com.atproto.repo.createRecord': (ctx) => createRecord(ctx, json(ctx)),
  'com.atproto.repo.putRecord': (ctx) => putRecord(ctx, json(ctx)),
  'com.atproto.repo.deleteRecord': (ctx) => deleteRecord(ctx, json(ctx)),
};

const QUERIES = {
  'com.atproto.server.getSession': (ctx) => {
    if (bearer(ctx, ACCESS)) ctx.reply(200, { handle: C.handle, did: C.did, didDoc: didDoc(ctx), active: true });
  },
  'com.atproto.server.describeServer': (ctx) => ctx.reply(200, { did: `did:web:${ctx.host.replace(/:\d+$/, '')}`,
    availableUserDomains: ['.test'], inviteCodeRequired: true }),
  'com.atproto.identity.resolveHandle': (ctx) => {
    if ((ctx.url.searchParams.get('handle') || '').toLowerCase() === C.handle) return ctx.reply(200, { did: C.did });
    err(ctx, 400, 'InvalidRequest', 'Unable to resolve handle');
  },
  'com.atproto.repo.getRecord': getRecord,
  'com.atproto.repo.listRecords': listRecords,
};

/** Routes one request under /bsky; parts are the path segments after it. */
export function handle(ctx, parts) {
  if (parts.length !== 2 || parts[0] !== 'xrpc') return err(ctx, 404, 'NotFound', 'Not Found');
  const nsid = parts[1];
  const m = ctx.req.method;
  if (PROCEDURES[nsid]) {
    if (m !== 'POST') return err(ctx, 400, 'InvalidRequest', `Incorrect HTTP method (${m}) expected POST`);
    return PROCEDURES[nsid](ctx);
  }
  if (QUERIES[nsid]) {
    if (m !== 'GET') return err(ctx, 400, 'InvalidRequest', `Incorrect HTTP method (${m}) expected GET`);
    return QUERIES[nsid](ctx);
  }
  err(ctx, 501, 'MethodNotImplemented', 'Method Not Implemented');
}
