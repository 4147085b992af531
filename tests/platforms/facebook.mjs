// Facebook Pages, Graph API (platforms.md section 4) under /fb, with an
// optional version segment (/fb/v25.0/...).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { facebook as C } from './creds.mjs';
import { sha256hex, traceId } from './core.mjs';
import { codePoints } from './text.mjs';
import { parseBody, part, sniffImage } from './wire.mjs';

const MAX_CHARS = 63206;

/** The Graph error body: {"error":{message,type,code,error_subcode?,...,fbtrace_id}}. */
function fbError(ctx, status, code, message, extra = {}, headers) {
  ctx.reply(status, { error: { message, type: 'OAuthException', code, ...extra, fbtrace_id: traceId() } }, headers);
}

function usage(ctx, full, minutes) {
  const lim = ctx.state.limits.facebook.calls;
  const now = ctx.state.nowMs();
  const pct = full ? 100 : Math.min(100, Math.floor(((lim.limit - lim.remaining(now)) * 100) / lim.limit));
  const wait = minutes ?? (full ? Math.ceil((lim.resetMs(now) - now) / 60000) : 0);
  return {
    'X-Business-Use-Case-Usage': JSON.stringify({ [C.pageId]: [{ type: 'pages', call_count: pct,
      total_cputime: Math.floor(pct / 2), total_time: Math.floor(pct / 2), estimated_time_to_regain_access: wait }] }),
  };
}

function throttled(ctx, minutes) {
  fbError(ctx, 400, 80001, 'There have been too many calls to this Page account. Wait a bit and try again. ' +
    'For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
  { is_transient: true }, usage(ctx, true, minutes));
}

export const shapes = {
  fail5xx: (ctx) => fbError(ctx, 503, 2, 'Service temporarily unavailable', { is_transient: true }),
  ratelimit: (ctx, f) => throttled(ctx, Math.max(1, Math.ceil(f.seconds / 60))),
  permanent: (ctx) => fbError(ctx, 400, 100, '(#100) Invalid parameter', { is_transient: false }),
  reauth: (ctx) => fbError(ctx, 400, 190, 'Error validating access token: The session has been invalidated ' +
    'because the user changed their password or Facebook has changed the session for security reasons.',
  { error_subcode: 460, is_transient: false }),
  created_500: (ctx) => fbError(ctx, 500, 2, 'An unexpected error has occurred. Please retry your request later.',
    { is_transient: true }),
};

/* The access token from the query, the body or an Authorization header. */
function tokenOf(ctx, fields) {
  const q = ctx.url.searchParams.get('access_token');
  if (q) return q;
  if (fields && typeof fields.access_token === 'string') return fields.access_token;
  const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(String(ctx.req.headers.authorization || ''));
  return m ? m[1] : null;
}

/* Token and appsecret_proof (query only) checks, then one call against the
 * Page's quota. Answers and returns false when a check fails. */
function authorized(ctx, fields) {
  const token = tokenOf(ctx, fields);
  if (!token) {
    fbError(ctx, 400, 104, 'An access token is required to request this resource.');
    return false;
  }
  if (token !== C.pageToken) {
    fbError(ctx, 400, 190, 'Invalid OAuth access token - Cannot parse access token');
    return false;
  }
  const proof = ctx.url.searchParams.get('appsecret_proof');
  if (!proof) {
    fbError(ctx, 400, 100, 'API calls from the server require an appsecret_proof argument', { type: 'GraphMethodException' });
    return false;
  }
  const want = createHmac('sha256', C.appSecret).update(token).digest('hex');
  const a = Buffer.from(want);
  const b = Buffer.from(proof.toLowerCase());
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    fbError(ctx, 400, 100, 'Invalid appsecret_proof provided in the API argument', { type: 'GraphMethodException' });
    return false;
  }
  const lim = ctx.state.limits.facebook.calls;
  if (!lim.take(ctx.state.nowMs())) {
    throttled(ctx);
    return false;
  }
  return true;
}

function graphTime(iso) {
  return iso.replace(/\.\d{3}Z$/, '+0000');
}

function fieldList(ctx, dflt) {
  const f = ctx.url.searchParams.get('fields');
  return f ? f.split(',').map((s) => s.trim()).filter(Boolean) : dflt;
}

function pick(obj, fields) {
  const o = { id: obj.id };
  for (const f of fields) if (obj[f] !== undefined) o[f] = obj[f];
  return o;
}

function postView(o) {
  return { id: o.post.id, message: o.post.text || undefined, created_time: graphTime(o.post.created_at),
    permalink_url: o.post.url, is_published: o.published };
}

function photoView(o) {
  return { id: o.photoId, name: o.post.text || undefined, alt_text_custom: o.post.alt || undefined,
    created_time: graphTime(o.post.created_at), link: o.post.url, post_id: o.post.id };
}

function bool(v, dflt) {
  if (v === undefined) return dflt;
  return !(v === false || v === 'false' || v === '0');
}

function unsupported(ctx, method, id) {
  fbError(ctx, 400, 100, `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded ` +
    'due to missing permissions, or does not support this operation.', { error_subcode: 33, type: 'GraphMethodException' });
}

function create(ctx, kind) {
  if (ctx.before(shapes)) return;
  const p = parseBody(ctx.req, ctx.body);
  if (p.error) return fbError(ctx, 400, 100, `(#100) ${p.error}`);
  const f = { ...p.fields };
  for (const [k, v] of ctx.url.searchParams) if (!(k in f)) f[k] = v;
  if (!authorized(ctx, f)) return;
  const headers = usage(ctx, false);
  const st = ctx.state;
  const text = String((kind === 'photo' ? f.caption ?? f.message : f.message) ?? '');
  const published = bool(f.published, true);
  let image = null;
  if (kind === 'photo') {
    const file = part(p, 'source');
    if (!file) {
      return fbError(ctx, 400, 324, '(#324) Requires upload file', {}, headers);
    }
    if (!sniffImage(file.data)) return fbError(ctx, 400, 324, '(#324) Missing or invalid image file', {}, headers);
    image = sha256hex(file.data);
  } else if (text === '' && !f.link) {
    return fbError(ctx, 400, 100, '(#100) Missing message or attachment', {}, headers);
  }
  if (codePoints(text) > MAX_CHARS) return fbError(ctx, 400, 100, '(#100) Message is too long', {}, headers);
  const alt = kind === 'photo' && typeof f.alt_text_custom === 'string' ? f.alt_text_custom : null;
  if (text !== '' && [...st.facebook.objects.values()].some((o) => !o.post.deleted && o.post.text === text &&
      (kind !== 'photo' || o.post.image_sha256 === image))) {
    return fbError(ctx, 400, 506, '(#506) Duplicate status message', { error_subcode: 1455006, is_transient: false,
      error_user_title: 'Duplicate Status Update', error_user_msg: 'This status update is identical to the last ' +
        'one you posted. Try posting something different, or delete your previous update.' }, headers);
  }
  const n = String(100000000000000 + st.next());
  const id = `${C.pageId}_${n}`;
  const post = st.addPost({ platform: 'facebook', id, text, alt, image_sha256: image,
    url: `https://www.facebook.com/${C.pageId}/posts/${n}` });
  const o = { post, published, photoId: kind === 'photo' ? String(200000000000000 + st.next()) : null };
  st.facebook.objects.set(id, o);
  if (o.photoId) st.facebook.objects.set(o.photoId, o);
  const body = kind === 'photo' ? (published ? { id: o.photoId, post_id: id } : { id: o.photoId }) : { id };
  ctx.commit(() => ctx.reply(200, body, headers), shapes);
}

function since(q, name) {
  const v = q.get(name);
  if (v === null) return null;
  return /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v);
}

function listing(ctx, filter, view, dflt) {
  const q = ctx.url.searchParams;
  const from = since(q, 'since');
  const to = since(q, 'until');
  const limit = Math.min(Math.max(parseInt(q.get('limit') || '25', 10) || 25, 1), 100);
  const seen = new Set();
  let all = [...ctx.state.facebook.objects.values()].filter((o) => {
    if (seen.has(o) || o.post.deleted || !filter(o)) return false;
    seen.add(o);
    const t = Date.parse(o.post.created_at);
    return (from === null || t >= from) && (to === null || t <= to);
  });
  all.reverse();
  const after = Number(q.get('after') || 0);
  const page = all.slice(after, after + limit);
  const fields = fieldList(ctx, dflt);
  const out = { data: page.map((o) => pick(view(o), fields)) };
  if (after + limit < all.length) out.paging = { cursors: { after: String(after + limit) } };
  ctx.reply(200, out, usage(ctx, false));
}

/** Routes one request under /fb; parts are the path segments after it. */
export function handle(ctx, parts) {
  if (parts.length && /^v\d+\.\d+$/.test(parts[0])) parts = parts.slice(1);
  const m = ctx.req.method;
  const [id, edge] = parts;
  if (m === 'POST' && parts.length === 2 && id === C.pageId && edge === 'feed') return create(ctx, 'feed');
  if (m === 'POST' && parts.length === 2 && id === C.pageId && edge === 'photos') return create(ctx, 'photo');
  if (!authorized(ctx, null)) return;
  if (parts.length === 1 && (id === C.pageId || id === 'me') && m === 'GET') {
    return ctx.reply(200, pick({ id: C.pageId, name: C.pageName, link: `https://www.facebook.com/${C.pageId}` },
      fieldList(ctx, ['name'])), usage(ctx, false));
  }
  if (parts.length === 2 && id === C.pageId && m === 'GET') {
    if (edge === 'published_posts') return listing(ctx, (o) => o.published, postView, ['message', 'created_time']);
    if (edge === 'feed' || edge === 'posts') return listing(ctx, () => true, postView, ['message', 'created_time']);
    if (edge === 'photos') return listing(ctx, (o) => o.photoId !== null, photoView, ['created_time']);
  }
  if (parts.length === 1) {
    const o = ctx.state.facebook.objects.get(id);
    if (!o || o.post.deleted) return unsupported(ctx, m === 'DELETE' ? 'delete' : 'get', id);
    const view = id === o.photoId ? photoView(o) : postView(o);
    if (m === 'GET') return ctx.reply(200, pick(view, fieldList(ctx, id === o.photoId ? ['created_time'] : ['message', 'created_time'])), usage(ctx, false));
    if (m === 'DELETE') {
      o.post.deleted = true;
      return ctx.reply(200, { success: true }, usage(ctx, false));
    }
  }
  unsupported(ctx, m.toLowerCase(), parts.join('/'));
}
