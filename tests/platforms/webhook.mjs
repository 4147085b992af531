// A Standard Webhooks receiver (platforms.md section 6a) under /hook/NAME.
import { webhook as C } from './creds.mjs';
import { verifyWebhook } from './oauth1.mjs';

const TOLERANCE = 300;

export const shapes = {
  fail5xx: (ctx) => ctx.reply(503, { error: 'unavailable' }),
  ratelimit: (ctx, f) => ctx.reply(429, { error: 'slow down' }, { 'Retry-After': String(f.seconds) }),
  permanent: (ctx) => ctx.reply(410, { error: 'endpoint gone' }),
  reauth: (ctx) => ctx.reply(401, { error: 'unauthorized' }),
  created_500: (ctx) => ctx.reply(500, { error: 'internal error' }),
};

/** Routes one request under /hook; parts are the path segments after it. */
export function handle(ctx, parts) {
  if (parts.length !== 1 || !parts[0]) return ctx.reply(404, { error: 'no such hook' });
  if (ctx.req.method !== 'POST') return ctx.reply(405, { error: 'POST only' }, { Allow: 'POST' });
  if (ctx.before(shapes)) return;
  const name = parts[0];
  const h = ctx.req.headers;
  const body = ctx.body || Buffer.alloc(0);
  const v = verifyWebhook({ id: h['webhook-id'], timestamp: h['webhook-timestamp'], signature: h['webhook-signature'],
    body, secret: C.secret, now: ctx.state.now(), tolerance: TOLERANCE });
  if (!v.ok) return ctx.reply(v.status, { error: v.why });
  if (!ctx.state.webhook.has(name)) ctx.state.webhook.set(name, new Set());
  const seen = ctx.state.webhook.get(name);
  const id = h['webhook-id'];
  if (seen.has(id)) return ctx.commit(() => ctx.reply(200, { ok: true, duplicate: true }), shapes);
  let payload = null;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    payload = null;
  }
  const data = payload && typeof payload === 'object' && payload.data && typeof payload.data === 'object' ? payload.data : {};
  seen.add(id);
  ctx.state.addPost({ platform: 'webhook', id, key: id, hook: name, payload,
    text: typeof data.text === 'string' ? data.text : typeof data.body === 'string' ? data.body : '',
    alt: typeof data.alt_text === 'string' ? data.alt_text : null,
    url: typeof data.url === 'string' ? data.url : null });
  ctx.commit(() => ctx.reply(200, { ok: true, duplicate: false }), shapes);
}
