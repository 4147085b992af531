// A local test double of the social platforms Clearpost publishes to
// (tests/platforms/README.md is its contract). One HTTP server on
// 127.0.0.1 speaks Mastodon, Bluesky, X, Facebook, LinkedIn and a webhook
// receiver under path prefixes, plus a control API for tests. Everything
// is kept in memory; the server prints one line when it is ready and
// nothing per request (request bodies carry secrets).
//
//   node tests/platforms/double.mjs --port PORT
//   import { startDouble } from './double.mjs'; const d = await startDouble({ port: 0 });
import http from 'node:http';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ctx, MODES, PLATFORMS, State } from './core.mjs';
import { readBody, send } from './wire.mjs';
import * as mastodon from './mastodon.mjs';
import * as bluesky from './bluesky.mjs';
import * as xapi from './xapi.mjs';
import * as facebook from './facebook.mjs';
import * as linkedin from './linkedin.mjs';
import * as webhook from './webhook.mjs';

const MAX_BODY = 16 * 1024 * 1024;

/* First path segment -> platform name and module. */
const ROUTES = {
  mastodon: ['mastodon', mastodon],
  bsky: ['bluesky', bluesky],
  x: ['x', xapi],
  fb: ['facebook', facebook],
  li: ['linkedin', linkedin],
  hook: ['webhook', webhook],
};

const TOO_LARGE = {
  mastodon: { error: 'Request entity too large' },
  bluesky: { error: 'PayloadTooLarge', message: 'request entity too large' },
  x: { title: 'Payload Too Large', detail: 'Request entity too large', type: 'about:blank', status: 413 },
  facebook: { error: { message: 'Request entity too large', type: 'OAuthException', code: 1, fbtrace_id: 'double' } },
  linkedin: { message: 'Request entity too large', status: 413 },
  webhook: { error: 'Request entity too large' },
};

/* The fields of a post as /_control/posts shows them. */
function postView(p) {
  const o = { platform: p.platform, id: p.id, text: p.text, alt: p.alt, image_sha256: p.image_sha256,
    key: p.key, created_at: p.created_at, url: p.url };
  if (p.platform === 'webhook') {
    o.hook = p.hook;
    o.payload = p.payload;
  }
  return o;
}

function nonNegative(v) {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

class Double {
  constructor() {
    this.state = new State();
    this.hangs = new Set();
    this.port = 0;
    this.server = http.createServer((req, res) => {
      this.dispatch(req, res).catch((e) => {
        process.stderr.write(`double: ${req.method} ${req.url.split('?')[0]}: ${e && e.stack ? e.stack : e}\n`);
        if (!res.headersSent && !res.destroyed) send(res, 500, { error: 'double internal error' });
      });
    });
    this.server.keepAliveTimeout = 30000;
    this.server.headersTimeout = 35000;
  }

  /** Holds ctx's connection open for seconds without answering, then
   * closes it; the timer goes when the client gives up first. */
  hang(ctx, seconds) {
    const socket = ctx.req.socket;
    const h = { socket, timer: null };
    h.timer = setTimeout(() => {
      this.hangs.delete(h);
      socket.destroy();
    }, seconds * 1000);
    socket.once('close', () => {
      clearTimeout(h.timer);
      this.hangs.delete(h);
    });
    this.hangs.add(h);
  }

  clearHangs() {
    for (const h of this.hangs) {
      clearTimeout(h.timer);
      h.socket.destroy();
    }
    this.hangs.clear();
  }

  async dispatch(req, res) {
    const url = new URL(req.url, 'http://double.invalid');
    const parts = url.pathname.split('/').slice(1);
    let body;
    try {
      body = await readBody(req, MAX_BODY);
    } catch {
      return; // the client went away
    }
    if (parts[0] === '_control') return this.control(req, res, url, parts.slice(1), body);
    // Mastodon is also served at the root, for an instance URL without a path.
    const atRoot = parts[0] === 'api' || /^@/.test(parts[0]);
    const route = atRoot ? ROUTES.mastodon : ROUTES[parts[0]];
    if (!route) return send(res, 404, { error: 'not a platform of the double' });
    const [platform, mod] = route;
    const entry = { platform, method: req.method, path: url.pathname, status: null, fault: null };
    this.state.requests.push(entry);
    const ctx = new Ctx(this, req, res, url, body, entry);
    ctx.prefix = atRoot ? '' : `/${parts[0]}`;
    if (body === null) return ctx.reply(413, TOO_LARGE[platform]);
    mod.handle(ctx, atRoot ? parts : parts.slice(1));
  }

  control(req, res, url, parts, raw) {
    const st = this.state;
    const name = parts.join('/');
    let input = {};
    if (req.method === 'POST' && raw && raw.length) {
      try {
        input = JSON.parse(raw.toString('utf8'));
      } catch {
        return send(res, 400, { error: 'body must be JSON' });
      }
      if (!input || typeof input !== 'object') return send(res, 400, { error: 'body must be a JSON object' });
    }
    const bad = (why) => send(res, 400, { error: why });
    const platformFilter = url.searchParams.get('platform');
    if (req.method === 'POST' && name === 'reset') {
      this.clearHangs();
      st.reset();
      return send(res, 200, { ok: true });
    }
    if (req.method === 'POST' && name === 'fault') {
      const count = input.count ?? 1;
      if (!PLATFORMS.includes(input.platform)) return bad(`platform must be one of ${PLATFORMS.join(', ')}`);
      if (!MODES.includes(input.mode)) return bad(`mode must be one of ${MODES.join(', ')}`);
      if (!Number.isInteger(count) || count < 1) return bad('count must be a positive integer');
      if (input.seconds !== undefined && !nonNegative(input.seconds)) return bad('seconds must be a number >= 0');
      st.addFault(input.platform, input.mode, count, input.seconds);
      return send(res, 200, { ok: true });
    }
    if (req.method === 'GET' && name === 'posts') {
      return send(res, 200, st.posts.filter((p) => !p.deleted && (!platformFilter || p.platform === platformFilter))
        .map(postView));
    }
    if (req.method === 'GET' && name === 'requests') {
      return send(res, 200, st.requests.filter((r) => !platformFilter || r.platform === platformFilter));
    }
    if (name === 'clock') {
      if (req.method === 'POST') {
        if (typeof input.offset_seconds !== 'number' || !Number.isFinite(input.offset_seconds)) {
          return bad('offset_seconds must be a number');
        }
        st.offsetMs = Math.round(input.offset_seconds * 1000);
      }
      if (req.method === 'POST' || req.method === 'GET') {
        return send(res, 200, { offset_seconds: st.offsetMs / 1000, now: st.now() });
      }
    }
    if (req.method === 'POST' && name === 'bsky') {
      const map = { access_ttl: 'accessTtl', refresh_ttl: 'refreshTtl', refresh_grace: 'grace' };
      for (const k of Object.keys(input)) {
        if (!map[k]) return bad(`unknown setting ${k}`);
        if (!nonNegative(input[k])) return bad(`${k} must be a number >= 0`);
      }
      for (const k of Object.keys(input)) st.bluesky[map[k]] = input[k];
      return send(res, 200, { access_ttl: st.bluesky.accessTtl, refresh_ttl: st.bluesky.refreshTtl,
        refresh_grace: st.bluesky.grace });
    }
    if (req.method === 'POST' && name === 'limits') {
      const fams = st.limits[input.platform];
      if (!fams || Object.keys(fams).length === 0) return bad('platform has no limits to change');
      const family = input.family ?? Object.keys(fams)[0];
      const lim = fams[family];
      if (!lim) return bad(`family must be one of ${Object.keys(fams).join(', ')}`);
      if (!Number.isInteger(input.limit) || input.limit < 0) return bad('limit must be an integer >= 0');
      if (input.window_seconds !== undefined && !(nonNegative(input.window_seconds) && input.window_seconds > 0)) {
        return bad('window_seconds must be > 0');
      }
      if (input.enforce !== undefined && typeof input.enforce !== 'boolean') return bad('enforce must be true or false');
      lim.limit = input.limit;
      lim.enforce = input.enforce ?? true;
      if (input.window_seconds !== undefined) lim.window = input.window_seconds;
      lim.start = -1;
      return send(res, 200, { platform: input.platform, family, limit: lim.limit, window_seconds: lim.window,
        enforce: lim.enforce });
    }
    send(res, 404, { error: 'unknown control endpoint' });
  }

  listen(port, host) {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        this.port = this.server.address().port;
        resolve(this.port);
      });
    });
  }

  close() {
    this.clearHangs();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** Starts a double on host:port (port 0 = any free port). Resolves to
 * {port, url, close(), state}; close() ends every connection. */
export async function startDouble({ port = 0, host = '127.0.0.1' } = {}) {
  const d = new Double();
  await d.listen(port, host);
  return { port: d.port, url: `http://${host}:${d.port}`, close: () => d.close(), state: d.state };
}

function isMain() {
  try {
    return process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('usage: node tests/platforms/double.mjs --port PORT\n');
    process.exit(2);
  }
  startDouble({ port }).then((d) => {
    process.stdout.write(`double listening on ${d.port}\n`);
    let closing = false;
    const stop = () => {
      if (closing) return;
      closing = true;
      d.close().then(() => process.exit(0));
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  }, (e) => {
    process.stderr.write(`double: cannot listen on port ${port}: ${e.message}\n`);
    process.exit(1);
  });
}
