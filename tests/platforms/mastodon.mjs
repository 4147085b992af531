// Mastodon (platforms.md section 1) under /mastodon.
import { mastodon as C } from './creds.mjs';
import { iso6, sha256hex } from './core.mjs';
import { parseBody, part, sniffImage } from './wire.mjs';
import { mastodonLength } from './text.mjs';

const MAX_CHARS = 500;
const URL_CHARS = 23;
const DESCRIPTION_LIMIT = 1500;
const IDEMPOTENCY_MS = 3600 * 1000;
const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'];

function rateHeaders(ctx, limiter, resetMs) {
  const now = ctx.state.nowMs();
  return {
    'X-RateLimit-Limit': String(limiter.limit),
    'X-RateLimit-Remaining': String(resetMs ? 0 : limiter.remaining(now)),
    'X-RateLimit-Reset': iso6(resetMs || limiter.resetMs(now)),
  };
}

export const shapes = {
  fail5xx: (ctx) => ctx.reply(503, { error: 'Service Unavailable' }),
  ratelimit: (ctx, f) => ctx.reply(429, { error: 'Too many requests' },
    rateHeaders(ctx, ctx.state.limits.mastodon.statuses, ctx.state.nowMs() + f.seconds * 1000)),
  permanent: (ctx) => ctx.reply(422, { error: `Validation failed: Text character limit of ${MAX_CHARS} exceeded` }),
  reauth: (ctx) => ctx.reply(401, { error: 'The access token is invalid' }),
  created_500: (ctx) => ctx.reply(500, { error: 'Internal Server Error' }),
};

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/* The instance URL the request came through (/mastodon, or the root). */
function base(ctx) {
  return `${ctx.root}${ctx.prefix}`;
}

function account(ctx) {
  return {
    id: C.accountId, username: C.username, acct: C.username, display_name: 'Clinic',
    locked: false, bot: false, url: `${base(ctx)}/@${C.username}`, note: '', avatar: null,
    followers_count: 0, following_count: 0, statuses_count: [...ctx.state.mastodon.statuses.values()]
      .filter((s) => !s.post.deleted).length,
  };
}

function mediaJson(ctx, m) {
  return {
    id: m.id, type: 'image',
    url: m.ready ? `${base(ctx)}/system/media/${m.id}.png` : null,
    preview_url: `${base(ctx)}/system/media/${m.id}_small.png`,
    remote_url: null, description: m.description, blurhash: null, meta: {},
  };
}

function statusJson(ctx, s) {
  return {
    id: s.id, created_at: s.post.created_at, in_reply_to_id: null, in_reply_to_account_id: null,
    sensitive: s.sensitive, spoiler_text: s.spoiler, visibility: s.visibility, language: s.language,
    uri: `${base(ctx)}/users/${C.username}/statuses/${s.id}`, url: s.post.url,
    replies_count: 0, reblogs_count: 0, favourites_count: 0, edited_at: null,
    content: `<p>${escapeHtml(s.post.text).replace(/\n/g, '<br />')}</p>`,
    reblog: null, application: { name: 'Clearpost', website: null }, account: account(ctx),
    media_attachments: s.media.map((m) => mediaJson(ctx, m)), mentions: [], tags: [], emojis: [],
    card: null, poll: null,
  };
}

function idOf(ctx) {
  // Snowflake-like: milliseconds on the double's clock, then a sequence.
  return String((BigInt(ctx.state.nowMs()) << 16n) + BigInt(ctx.state.next() & 0xffff));
}

function authorized(ctx) {
  const h = String(ctx.req.headers.authorization || '');
  if (h === `Bearer ${C.token}`) return true;
  ctx.reply(401, { error: 'The access token is invalid' });
  return false;
}

function notFound(ctx) {
  ctx.reply(404, { error: 'Record not found' });
}

function instance(ctx) {
  ctx.reply(200, {
    domain: ctx.host, title: 'Clearpost test instance', version: '4.3.0', source_url: '',
    configuration: {
      urls: {}, accounts: { max_featured_tags: 10 },
      statuses: { max_characters: MAX_CHARS, max_media_attachments: 4, characters_reserved_per_url: URL_CHARS },
      media_attachments: { supported_mime_types: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
        description_limit: DESCRIPTION_LIMIT, image_size_limit: 16777216, image_matrix_limit: 33177600 },
    },
    registrations: { enabled: false },
  });
}

function uploadMedia(ctx) {
  const lim = ctx.state.limits.mastodon.media;
  const p = parseBody(ctx.req, ctx.body);
  const file = part(p, 'file');
  if (p.error || !file) return ctx.reply(422, { error: 'Validation failed: File can\'t be blank' });
  const type = sniffImage(file.data);
  if (!type) return ctx.reply(422, { error: 'Validation failed: File content type is invalid' });
  const description = typeof p.fields.description === 'string' ? p.fields.description : '';
  if ([...description].length > DESCRIPTION_LIMIT) {
    return ctx.reply(422, { error: `Validation failed: Description is too long (maximum is ${DESCRIPTION_LIMIT} characters)` });
  }
  if (!lim.take(ctx.state.nowMs())) {
    return ctx.reply(429, { error: 'Too many requests' }, rateHeaders(ctx, lim, lim.resetMs(ctx.state.nowMs())));
  }
  const m = { id: idOf(ctx), description, sha256: sha256hex(file.data), size: file.data.length,
    type, ready: false, polled: 0, statusId: null };
  ctx.state.mastodon.media.set(m.id, m);
  ctx.reply(202, mediaJson(ctx, m), rateHeaders(ctx, lim));
}

function getMedia(ctx, id) {
  const m = ctx.state.mastodon.media.get(id);
  if (!m) return notFound(ctx);
  // The first poll finds it still processing (206); the next ones find it
  // ready (200), and only then can a status attach it.
  if (m.polled++ === 0) return ctx.reply(206, mediaJson(ctx, m));
  m.ready = true;
  ctx.reply(200, mediaJson(ctx, m));
}

function updateMedia(ctx, id) {
  const m = ctx.state.mastodon.media.get(id);
  if (!m) return notFound(ctx);
  const p = parseBody(ctx.req, ctx.body);
  if (!p.error && typeof p.fields.description === 'string') m.description = p.fields.description;
  ctx.reply(m.ready ? 200 : 206, mediaJson(ctx, m));
}

function list(v) {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

function createStatus(ctx) {
  if (ctx.before(shapes)) return;
  if (!authorized(ctx)) return;
  const st = ctx.state;
  const lim = st.limits.mastodon.statuses;
  const p = parseBody(ctx.req, ctx.body);
  if (p.error) return ctx.reply(400, { error: `Error while parsing request: ${p.error}` });
  const key = ctx.req.headers['idempotency-key'];
  const idemKey = key ? `${C.accountId}:${key}` : null;
  if (idemKey) {
    const hit = st.mastodon.idempotency.get(idemKey);
    const s = hit && hit.expires > st.nowMs() ? st.mastodon.statuses.get(hit.id) : null;
    if (s && !s.post.deleted) {
      return ctx.commit(() => ctx.reply(200, statusJson(ctx, s), rateHeaders(ctx, lim)), shapes);
    }
  }
  const f = p.fields;
  const text = typeof f.status === 'string' ? f.status : '';
  const spoiler = typeof f.spoiler_text === 'string' ? f.spoiler_text : '';
  const mediaIds = list(f.media_ids);
  const visibility = f.visibility || 'public';
  const fail = (msg) => ctx.reply(422, { error: msg }, rateHeaders(ctx, lim));
  if (!VISIBILITIES.includes(visibility)) return fail(`'${visibility}' is not a valid visibility`);
  if (mediaIds.length > 4) return fail('Cannot attach more than 4 files');
  const media = [];
  for (const id of mediaIds) {
    const m = st.mastodon.media.get(id);
    if (!m || m.statusId) return fail(`Media attachment ${id} not found`);
    media.push(m);
  }
  if (media.some((m) => !m.ready)) return fail('Cannot attach files that have not finished processing. Try again in a moment!');
  if (text.trim() === '' && media.length === 0) return fail('Validation failed: Text can\'t be blank');
  if (mastodonLength(text, URL_CHARS) + mastodonLength(spoiler, URL_CHARS) > MAX_CHARS) {
    return fail(`Validation failed: Text character limit of ${MAX_CHARS} exceeded`);
  }
  if (!lim.take(st.nowMs())) {
    return ctx.reply(429, { error: 'Too many requests' }, rateHeaders(ctx, lim, lim.resetMs(st.nowMs())));
  }
  const id = idOf(ctx);
  const post = st.addPost({
    platform: 'mastodon', id, text, alt: media[0] ? media[0].description : null,
    image_sha256: media[0] ? media[0].sha256 : null, key: key || null,
    url: `${base(ctx)}/@${C.username}/${id}`,
  });
  const s = { id, post, media, visibility, spoiler, sensitive: f.sensitive === true || f.sensitive === 'true',
    language: typeof f.language === 'string' ? f.language : null };
  for (const m of media) m.statusId = id;
  st.mastodon.statuses.set(id, s);
  // Written only after the status exists, as PostStatusService does.
  if (idemKey) st.mastodon.idempotency.set(idemKey, { id, expires: st.nowMs() + IDEMPOTENCY_MS });
  ctx.commit(() => ctx.reply(200, statusJson(ctx, s), rateHeaders(ctx, lim)), shapes);
}

function accountStatuses(ctx, id) {
  if (id !== C.accountId) return notFound(ctx);
  const q = ctx.url.searchParams;
  const limit = Math.min(Math.max(parseInt(q.get('limit') || '20', 10) || 20, 1), 40);
  const maxId = q.get('max_id');
  const sinceId = q.get('since_id') || q.get('min_id');
  let all = [...ctx.state.mastodon.statuses.values()].filter((s) => !s.post.deleted);
  const num = (v) => BigInt(v);
  if (maxId) all = all.filter((s) => num(s.id) < num(maxId));
  if (sinceId) all = all.filter((s) => num(s.id) > num(sinceId));
  all.sort((a, b) => (num(b.id) > num(a.id) ? 1 : -1));
  ctx.reply(200, all.slice(0, limit).map((s) => statusJson(ctx, s)));
}

function publicPage(ctx, id) {
  const s = ctx.state.mastodon.statuses.get(id);
  if (!s || s.post.deleted) return ctx.reply(404, '<!DOCTYPE html><title>Not found</title><p>This page does not exist.');
  ctx.reply(200, `<!DOCTYPE html><title>Clinic</title><article>${escapeHtml(s.post.text)}</article>`);
}

/** Routes one request under /mastodon; parts are the path segments after it. */
export function handle(ctx, parts) {
  const m = ctx.req.method;
  const path = '/' + parts.join('/');
  let r;
  if (m === 'GET' && parts.length === 2 && parts[0] === `@${C.username}`) return publicPage(ctx, parts[1]);
  if (m === 'GET' && (path === '/api/v2/instance' || path === '/api/v1/instance')) return instance(ctx);
  if (m === 'POST' && path === '/api/v1/statuses') return createStatus(ctx);
  if (!authorized(ctx)) return;
  if (m === 'GET' && path === '/api/v1/accounts/verify_credentials') return ctx.reply(200, account(ctx));
  if (m === 'POST' && path === '/api/v2/media') return uploadMedia(ctx);
  if ((r = /^\/api\/v1\/media\/([^/]+)$/.exec(path))) {
    if (m === 'GET') return getMedia(ctx, r[1]);
    if (m === 'PUT') return updateMedia(ctx, r[1]);
  }
  if (m === 'GET' && (r = /^\/api\/v1\/accounts\/([^/]+)\/statuses$/.exec(path))) return accountStatuses(ctx, r[1]);
  if ((r = /^\/api\/v1\/statuses\/([^/]+)(\/source)?$/.exec(path))) {
    const s = ctx.state.mastodon.statuses.get(r[1]);
    if (!s || s.post.deleted) return notFound(ctx);
    if (m === 'GET' && r[2]) return ctx.reply(200, { id: s.id, text: s.post.text, spoiler_text: s.spoiler });
    if (m === 'GET') return ctx.reply(200, statusJson(ctx, s));
    if (m === 'DELETE' && !r[2]) {
      s.post.deleted = true;
      return ctx.reply(200, { ...statusJson(ctx, s), text: s.post.text });
    }
  }
  notFound(ctx);
}
