// X API v2 with OAuth 1.0a user context (platforms.md section 3) under /x.
import { createHash } from 'node:crypto';
import { x as C } from './creds.mjs';
import { sha256hex } from './core.mjs';
import { baseUri, verifyOAuth1 } from './oauth1.mjs';
import { findUrls, xLength } from './text.mjs';
import { formPairs, mediaType, parseBody, part, sniffImage } from './wire.mjs';

const MAX_WEIGHTED = 280;
const MAX_IMAGE = 5 * 1024 * 1024;
const MAX_ALT = 1000;
const SKEW = 300;
const MEDIA_TTL = 86400;
const TWITTER_EPOCH = 1288834974657n;

function problem(status, title, detail, type = 'about:blank') {
  return { title, detail, type, status };
}

function invalid(message, parameters) {
  return {
    errors: [{ parameters: parameters || {}, message }],
    title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  };
}

function rateHeaders(ctx, limiter, resetMs) {
  const now = ctx.state.nowMs();
  return {
    'x-rate-limit-limit': String(limiter.limit),
    'x-rate-limit-remaining': String(resetMs ? 0 : limiter.remaining(now)),
    'x-rate-limit-reset': String(Math.ceil((resetMs || limiter.resetMs(now)) / 1000)),
  };
}

function tooMany(ctx, limiter, resetMs) {
  ctx.reply(429, { errors: [{ code: 88, message: 'Rate limit exceeded' }] }, rateHeaders(ctx, limiter, resetMs));
}

export const shapes = {
  fail5xx: (ctx) => ctx.reply(503, problem(503, 'Service Unavailable', 'Service Unavailable')),
  ratelimit: (ctx, f) => tooMany(ctx, ctx.state.limits.x.tweets, ctx.state.nowMs() + f.seconds * 1000),
  permanent: (ctx) => ctx.reply(400, invalid('Your Tweet text is too long.', { text: [] })),
  reauth: (ctx) => ctx.reply(401, problem(401, 'Unauthorized', 'Unauthorized')),
  created_500: (ctx) => ctx.reply(500, problem(500, 'Internal Server Error', 'Internal Server Error')),
};

/* Verifies the request's OAuth 1.0a signature (base URL from the Host
 * header and path; query and form parameters included; JSON and multipart
 * bodies not) and rejects a nonce seen before. Answers 401 and returns
 * false when it does not hold. */
function signed(ctx) {
  const st = ctx.state;
  const form = mediaType(ctx.req) === 'application/x-www-form-urlencoded' && ctx.body
    ? formPairs(ctx.body.toString('utf8')) : [];
  const v = verifyOAuth1({
    method: ctx.req.method,
    url: baseUri('http', ctx.host, ctx.url.pathname),
    query: [...ctx.url.searchParams],
    form,
    header: ctx.req.headers.authorization,
    lookup: (ck, tok) => (ck === C.consumerKey && tok === C.token
      ? { consumerSecret: C.consumerSecret, tokenSecret: C.tokenSecret } : null),
    now: st.now(),
    skew: SKEW,
  });
  let ok = v.ok;
  if (ok) {
    const seen = `${v.oauth.oauth_token}\n${v.oauth.oauth_nonce}`;
    const nowMs = st.nowMs();
    if (st.x.nonces.size > 10000) {
      for (const [k, exp] of st.x.nonces) if (exp <= nowMs) st.x.nonces.delete(k);
    }
    if ((st.x.nonces.get(seen) || 0) > nowMs) ok = false;
    else st.x.nonces.set(seen, nowMs + 2 * SKEW * 1000);
  }
  if (!ok) ctx.reply(401, problem(401, 'Unauthorized', 'Unauthorized'));
  return ok;
}

function json(ctx) {
  try {
    const v = JSON.parse(ctx.body && ctx.body.length ? ctx.body.toString('utf8') : '');
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

function newId(ctx) {
  return String(((BigInt(ctx.state.nowMs()) - TWITTER_EPOCH) << 22n) + BigInt(ctx.state.next() & 0x3fffff));
}

/* The text as X stores it: links replaced by t.co links, with entities
 * (code point offsets) naming the expanded URL. */
function shorten(id, text) {
  const t = text.normalize('NFC');
  let out = '';
  let pos = 0;
  const urls = [];
  for (const u of findUrls(t, true)) {
    out += t.slice(pos, u.start);
    const raw = t.slice(u.start, u.end);
    const code = createHash('sha256').update(`${id}\n${raw}`).digest('base64url').replace(/[-_]/g, 'x').slice(0, 10);
    const short = `https://t.co/${code}`;
    const start = [...out].length;
    out += short;
    const expanded = /^https?:\/\//i.test(raw) ? raw : `http://${raw}`;
    urls.push({ start, end: start + short.length, url: short, expanded_url: expanded,
      display_url: expanded.replace(/^https?:\/\/(www\.)?/i, '').slice(0, 26) });
    pos = u.end;
  }
  return { text: out + t.slice(pos), urls };
}

function tweetJson(t, fields) {
  const o = { id: t.id, text: t.stored, edit_history_post_ids: [t.id] };
  if (fields.has('created_at')) o.created_at = t.post.created_at;
  if (fields.has('author_id')) o.author_id = C.userId;
  if (fields.has('entities') && t.urls.length) o.entities = { urls: t.urls };
  if (fields.has('attachments') && t.media.length) o.attachments = { media_keys: t.media.map((m) => m.key) };
  return o;
}

function createTweet(ctx) {
  if (ctx.before(shapes)) return;
  if (!signed(ctx)) return;
  const st = ctx.state;
  const lim = st.limits.x.tweets;
  if (!lim.take(st.nowMs())) return tooMany(ctx, lim, lim.resetMs(st.nowMs()));
  const headers = rateHeaders(ctx, lim);
  const fail = (status, body) => ctx.reply(status, body, headers);
  const input = json(ctx);
  if (!input) return fail(400, invalid('Request body must be a JSON object'));
  if (input.text !== undefined && typeof input.text !== 'string') {
    return fail(400, invalid('`text` must be a string', { text: [String(input.text)] }));
  }
  const text = input.text || '';
  const ids = input.media && input.media.media_ids;
  if (input.media !== undefined && (!Array.isArray(ids) || ids.length < 1 || ids.length > 4)) {
    return fail(400, invalid('`media.media_ids` must have between 1 and 4 entries', { 'media.media_ids': [] }));
  }
  const media = [];
  for (const id of ids || []) {
    const m = st.x.media.get(String(id));
    if (!m || m.expires <= st.nowMs()) {
      return fail(400, invalid('Your media IDs are invalid.', { 'media.media_ids': [String(id)] }));
    }
    media.push(m);
  }
  if (text.trim() === '' && media.length === 0) return fail(400, invalid('`text` or `media` is required'));
  if (xLength(text) > MAX_WEIGHTED) return fail(400, invalid('Your Tweet text is too long.', { text: [] }));
  const norm = text.normalize('NFC');
  if (norm.trim() !== '' && [...st.x.tweets.values()].some((t) => !t.post.deleted && t.norm === norm)) {
    return fail(403, problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.'));
  }
  const id = newId(ctx);
  const short = shorten(id, text);
  const tweet = { id, norm, stored: short.text, urls: short.urls, media };
  // alt follows the media metadata, which may be set after the post.
  const post = st.addPost({ platform: 'x', id, text, image_sha256: media[0] ? media[0].sha256 : null,
    url: `https://x.com/${C.username}/status/${id}` });
  Object.defineProperty(post, 'alt', { enumerable: true, get: () => (media[0] ? media[0].alt : null) });
  tweet.post = post;
  st.x.tweets.set(id, tweet);
  ctx.commit(() => ctx.reply(201, { data: { id, text: tweet.stored, edit_history_post_ids: [id] } }, headers), shapes);
}

function uploadMedia(ctx) {
  const st = ctx.state;
  const lim = st.limits.x.media;
  if (!lim.take(st.nowMs())) return tooMany(ctx, lim, lim.resetMs(st.nowMs()));
  const headers = rateHeaders(ctx, lim);
  const p = parseBody(ctx.req, ctx.body);
  const file = part(p, 'media');
  if (p.error || !file) return ctx.reply(400, invalid('`media` is required', { media: [] }), headers);
  const category = p.fields.media_category;
  if (category !== undefined && !['tweet_image', 'tweet_gif', 'dm_image'].includes(category)) {
    return ctx.reply(400, invalid(`media_category ${category} is not supported for this upload`), headers);
  }
  const type = sniffImage(file.data);
  if (!type) return ctx.reply(400, invalid('media type unrecognized.', { media: [] }), headers);
  if (file.data.length > MAX_IMAGE) return ctx.reply(400, invalid('File size exceeds 5242880 bytes.'), headers);
  const id = newId(ctx);
  const m = { id, key: `3_${id}`, sha256: sha256hex(file.data), size: file.data.length, type, alt: null,
    expires: st.nowMs() + MEDIA_TTL * 1000 };
  st.x.media.set(id, m);
  ctx.reply(200, { data: { id, media_key: m.key, size: m.size, expires_after_secs: MEDIA_TTL,
    image: { image_type: type } } }, headers);
}

function mediaMetadata(ctx) {
  const st = ctx.state;
  const lim = st.limits.x.media;
  if (!lim.take(st.nowMs())) return tooMany(ctx, lim, lim.resetMs(st.nowMs()));
  const headers = rateHeaders(ctx, lim);
  const input = json(ctx);
  const m = input && typeof input.id === 'string' ? st.x.media.get(input.id) : null;
  const alt = input && input.metadata && input.metadata.alt_text && input.metadata.alt_text.text;
  if (!m) return ctx.reply(400, invalid('Media id not found', { id: [String(input && input.id)] }), headers);
  if (typeof alt !== 'string') return ctx.reply(400, invalid('`metadata.alt_text.text` is required'), headers);
  if ([...alt].length > MAX_ALT) return ctx.reply(400, invalid(`alt text is longer than ${MAX_ALT} characters`), headers);
  m.alt = alt;
  ctx.reply(200, { data: { id: m.id, associated_metadata: { alt_text: { text: alt } } } }, headers);
}

function fieldsOf(q) {
  return new Set(`${q.get('tweet.fields') || ''},${q.get('post.fields') || ''}`.split(',').filter(Boolean));
}

function userTweets(ctx, userId) {
  const q = ctx.url.searchParams;
  if (userId !== C.userId) {
    return ctx.reply(200, { errors: [{ value: userId, detail: `Could not find user with id: [${userId}].`,
      title: 'Not Found Error', resource_type: 'user', parameter: 'id', resource_id: userId,
      type: 'https://api.twitter.com/2/problems/resource-not-found' }] });
  }
  const max = q.has('max_results') ? Number(q.get('max_results')) : 10;
  if (!Number.isInteger(max) || max < 5 || max > 100) {
    return ctx.reply(400, invalid(`The \`max_results\` query parameter value [${q.get('max_results')}] is not between 5 and 100`));
  }
  const times = {};
  for (const k of ['start_time', 'end_time']) {
    if (!q.has(k)) continue;
    times[k] = Date.parse(q.get(k));
    if (!/^\d{4}-\d{2}-\d{2}T/.test(q.get(k)) || Number.isNaN(times[k])) {
      return ctx.reply(400, invalid(`Invalid '${k}':'${q.get(k)}'. '${k}' must be a valid RFC 3339 timestamp`));
    }
  }
  let all = [...ctx.state.x.tweets.values()].filter((t) => !t.post.deleted);
  if (times.start_time !== undefined) all = all.filter((t) => Date.parse(t.post.created_at) >= times.start_time);
  if (times.end_time !== undefined) all = all.filter((t) => Date.parse(t.post.created_at) < times.end_time);
  if (q.has('since_id')) all = all.filter((t) => BigInt(t.id) > BigInt(q.get('since_id')));
  if (q.has('until_id')) all = all.filter((t) => BigInt(t.id) < BigInt(q.get('until_id')));
  all.sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
  const page = all.slice(0, max);
  if (page.length === 0) return ctx.reply(200, { meta: { result_count: 0 } });
  const fields = fieldsOf(q);
  ctx.reply(200, { data: page.map((t) => tweetJson(t, fields)),
    meta: { result_count: page.length, newest_id: page[0].id, oldest_id: page[page.length - 1].id } });
}

/** Routes one request under /x; parts are the path segments after it. */
export function handle(ctx, parts) {
  const m = ctx.req.method;
  const path = '/' + parts.join('/');
  let r;
  if (m === 'POST' && path === '/2/tweets') return createTweet(ctx);
  if (!signed(ctx)) return;
  if (m === 'GET' && path === '/2/users/me') {
    return ctx.reply(200, { data: { id: C.userId, name: 'Clinic', username: C.username } });
  }
  if (m === 'POST' && path === '/2/media/upload') return uploadMedia(ctx);
  if (m === 'POST' && path === '/2/media/metadata') return mediaMetadata(ctx);
  if (m === 'GET' && (r = /^\/2\/users\/([^/]+)\/tweets$/.exec(path))) return userTweets(ctx, r[1]);
  if ((r = /^\/2\/tweets\/(\d+)$/.exec(path))) {
    const t = ctx.state.x.tweets.get(r[1]);
    if (m === 'GET') {
      if (!t || t.post.deleted) {
        return ctx.reply(200, { errors: [{ value: r[1], detail: `Could not find tweet with id: [${r[1]}].`,
          title: 'Not Found Error', resource_type: 'tweet', parameter: 'id', resource_id: r[1],
          type: 'https://api.twitter.com/2/problems/resource-not-found' }] });
      }
      return ctx.reply(200, { data: tweetJson(t, fieldsOf(ctx.url.searchParams)) });
    }
    if (m === 'DELETE') {
      const lim = ctx.state.limits.x.deletes;
      if (!lim.take(ctx.state.nowMs())) return tooMany(ctx, lim, lim.resetMs(ctx.state.nowMs()));
      if (!t || t.post.deleted) return ctx.reply(404, problem(404, 'Not Found Error', 'Could not find the post'), rateHeaders(ctx, lim));
      t.post.deleted = true;
      return ctx.reply(200, { data: { deleted: true } }, rateHeaders(ctx, lim));
    }
  }
  ctx.reply(404, problem(404, 'Not Found Error', 'Sorry, that page does not exist'));
}
