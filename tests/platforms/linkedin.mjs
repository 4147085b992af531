// LinkedIn Posts and Images APIs (platforms.md section 5) under /li/rest,
// and the image upload URLs it hands out under /li/dms-uploads.
import { randomBytes } from 'node:crypto';
import { linkedin as C } from './creds.mjs';
import { sha256hex } from './core.mjs';
import { codePoints, littleText } from './text.mjs';

const MAX_CHARS = 3000;
const GHOST_MS = 24 * 3600 * 1000;
const UPLOAD_TTL_MS = 3600 * 1000;
const VISIBILITIES = ['PUBLIC', 'CONNECTIONS', 'LOGGED_IN', 'CONTAINER'];

function svcError(ctx, status, serviceErrorCode, code, message) {
  const body = { status };
  if (serviceErrorCode !== null) body.serviceErrorCode = serviceErrorCode;
  if (code) body.code = code;
  body.message = message;
  ctx.reply(status, body);
}

/* 422 with LinkedIn's input-error details. */
function inputError(ctx, message, code, fieldPath, description) {
  ctx.reply(422, {
    errorDetailType: 'com.linkedin.common.error.BadRequest', message,
    errorDetails: { inputErrors: [{ description: description || message,
      input: fieldPath ? { inputPath: { fieldPath } } : {}, code }] },
    status: 422,
  });
}

function tooLong(ctx) {
  inputError(ctx, `com.linkedin.content.common.exception.BadRequestResponseException: commentary is longer than ${MAX_CHARS} characters`,
    'FIELD_LENGTH_TOO_LONG', '/commentary', `Text is longer than ${MAX_CHARS} characters`);
}

export const shapes = {
  fail5xx: (ctx) => ctx.reply(503, { message: 'Service Unavailable', status: 503 }),
  ratelimit: (ctx) => svcError(ctx, 429, 101, 'TOO_MANY_REQUESTS',
    'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.'),
  permanent: (ctx) => tooLong(ctx),
  reauth: (ctx) => svcError(ctx, 401, 65601, 'REVOKED_ACCESS_TOKEN', 'The token used in the request has been revoked by the user'),
  created_500: (ctx) => ctx.reply(500, { message: 'Internal Server Error', status: 500 }),
};

function bearerOk(ctx) {
  const h = String(ctx.req.headers.authorization || '');
  if (!h) {
    svcError(ctx, 401, 65604, 'EMPTY_ACCESS_TOKEN', 'Empty oauth2 access token');
    return false;
  }
  if (h !== `Bearer ${C.token}`) {
    svcError(ctx, 401, 65600, 'INVALID_ACCESS_TOKEN', 'Invalid access token');
    return false;
  }
  return true;
}

/* Bearer token, Linkedin-Version and X-Restli-Protocol-Version checks;
 * answers and returns false when one fails. */
function gate(ctx) {
  if (!bearerOk(ctx)) return false;
  const v = ctx.req.headers['linkedin-version'];
  if (!v) {
    svcError(ctx, 400, null, 'VERSION_MISSING',
      'A version must be present. Please specify a version by adding the LinkedIn-Version header.');
    return false;
  }
  if (v !== C.version) {
    svcError(ctx, 426, null, 'NONEXISTENT_VERSION', `Requested version ${v} is not active`);
    return false;
  }
  if (ctx.req.headers['x-restli-protocol-version'] !== '2.0.0') {
    svcError(ctx, 400, null, 'ILLEGAL_ARGUMENT', 'X-Restli-Protocol-Version 2.0.0 is required');
    return false;
  }
  return true;
}

function json(ctx) {
  try {
    const v = JSON.parse(ctx.body && ctx.body.length ? ctx.body.toString('utf8') : '');
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

function postJson(p) {
  const o = {
    id: p.post.id, author: C.org, commentary: p.stored, visibility: p.visibility, distribution: p.distribution,
    lifecycleState: 'PUBLISHED', isReshareDisabledByAuthor: p.noReshare, createdAt: p.ms, publishedAt: p.ms,
    lastModifiedAt: p.ms, lifecycleStateInfo: { isEditedByAuthor: false },
  };
  if (p.image) o.content = { media: { id: p.image.urn, altText: p.post.alt ?? undefined } };
  return o;
}

function createPost(ctx) {
  if (ctx.before(shapes)) return;
  if (!gate(ctx)) return;
  const st = ctx.state;
  const li = st.linkedin;
  const b = json(ctx);
  if (!b) return svcError(ctx, 400, null, null, 'Invalid JSON in request body');
  const missing = (field) => inputError(ctx, `/${field} :: field is required but not found and has no default value`,
    'MISSING_REQUIRED_FIELD', `/${field}`, 'Field Value validation failed in REQUEST_BODY: Data Processing Exception while processing fields');
  for (const f of ['author', 'commentary', 'visibility', 'distribution', 'lifecycleState']) {
    if (b[f] === undefined) return missing(f);
  }
  if (b.author !== C.org) {
    return svcError(ctx, 403, 100, 'ACCESS_DENIED', `Not enough permissions to access: partnerApiPostsExternal.CREATE.${C.version}01`);
  }
  if (typeof b.commentary !== 'string') return inputError(ctx, '/commentary :: must be a string', 'INVALID_VALUE', '/commentary');
  if (!VISIBILITIES.includes(b.visibility)) return inputError(ctx, `/visibility :: "${b.visibility}" is not an enum symbol`, 'INVALID_VALUE', '/visibility');
  if (!b.distribution || typeof b.distribution !== 'object' || !['MAIN_FEED', 'NONE'].includes(b.distribution.feedDistribution)) {
    return missing('distribution/feedDistribution');
  }
  if (b.lifecycleState !== 'PUBLISHED') return inputError(ctx, '/lifecycleState :: only PUBLISHED is supported by the double', 'INVALID_VALUE', '/lifecycleState');
  let image = null;
  const media = b.content && b.content.media;
  if (b.content !== undefined) {
    image = media && typeof media.id === 'string' ? li.images.get(media.id) : null;
    if (!image) return inputError(ctx, `/content/media/id :: unknown image ${media && media.id}`, 'INVALID_VALUE', '/content/media/id');
    if (!image.sha256) return inputError(ctx, `/content/media/id :: image ${image.urn} is not AVAILABLE (upload it first)`, 'INVALID_VALUE', '/content/media/id');
  }
  if (codePoints(b.commentary) > MAX_CHARS) return tooLong(ctx);
  const now = st.nowMs();
  const same = [...li.posts.values()].find((p) => !p.post.deleted && p.commentary === b.commentary);
  // After a delete LinkedIn keeps calling the text a duplicate for a while,
  // naming the post that no longer exists.
  const ghost = same ? null : li.ghosts.find((g) => g.commentary === b.commentary && g.until > now);
  if (same || ghost) {
    const urn = same ? same.post.id : ghost.urn;
    return inputError(ctx, `com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of ${urn}`,
      'DUPLICATE_POST', null, 'Duplicate post is detected');
  }
  const lt = littleText(b.commentary);
  const urn = `urn:li:share:${7300000000000000000n + BigInt(st.next())}`;
  const post = st.addPost({ platform: 'linkedin', id: urn, text: lt.visible,
    alt: image && typeof media.altText === 'string' ? media.altText : null,
    image_sha256: image ? image.sha256 : null, url: `https://www.linkedin.com/feed/update/${urn}/` });
  li.posts.set(urn, { post, commentary: b.commentary, stored: lt.stored, visibility: b.visibility,
    distribution: b.distribution, noReshare: b.isReshareDisabledByAuthor === true, image, ms: now });
  ctx.commit(() => ctx.reply(201, undefined, { 'x-restli-id': urn }), shapes);
}

function initializeUpload(ctx) {
  const b = json(ctx);
  const owner = b && b.initializeUploadRequest && b.initializeUploadRequest.owner;
  if (!owner) return inputError(ctx, '/initializeUploadRequest/owner :: field is required', 'MISSING_REQUIRED_FIELD', '/initializeUploadRequest/owner');
  if (owner !== C.org) return svcError(ctx, 403, 100, 'ACCESS_DENIED', 'Not enough permissions to access: images.ACTION.initializeUpload');
  const token = randomBytes(12).toString('hex');
  const urn = `urn:li:image:D4E10AQ${randomBytes(9).toString('base64url')}`;
  const expires = ctx.state.nowMs() + UPLOAD_TTL_MS;
  ctx.state.linkedin.images.set(urn, { urn, sha256: null, expires });
  ctx.state.linkedin.uploads.set(token, urn);
  ctx.reply(200, { value: { uploadUrlExpiresAt: expires, uploadUrl: `${ctx.root}/li/dms-uploads/${token}`, image: urn } });
}

function upload(ctx, token) {
  if (ctx.req.method !== 'PUT' && ctx.req.method !== 'POST') return ctx.reply(405, undefined);
  if (!bearerOk(ctx)) return;
  const urn = ctx.state.linkedin.uploads.get(token);
  const img = urn ? ctx.state.linkedin.images.get(urn) : null;
  if (!img || img.expires <= ctx.state.nowMs()) return ctx.reply(404, undefined);
  if (!ctx.body || ctx.body.length === 0) return ctx.reply(400, undefined);
  img.sha256 = sha256hex(ctx.body);
  ctx.reply(201, undefined);
}

function listPosts(ctx) {
  const q = ctx.url.searchParams;
  if (q.get('q') !== 'author') return svcError(ctx, 400, null, 'ILLEGAL_ARGUMENT', 'q must be author');
  if (q.get('author') !== C.org) return svcError(ctx, 403, 100, 'ACCESS_DENIED', 'Not enough permissions to access: partnerApiPostsExternal.FINDER-author');
  const count = Math.min(Math.max(parseInt(q.get('count') || '10', 10) || 10, 1), 100);
  const start = Math.max(parseInt(q.get('start') || '0', 10) || 0, 0);
  const all = [...ctx.state.linkedin.posts.values()].filter((p) => !p.post.deleted).reverse();
  ctx.reply(200, { paging: { start, count, links: [], total: all.length },
    elements: all.slice(start, start + count).map(postJson) });
}

/** Routes one request under /li; parts are the path segments after it. */
export function handle(ctx, parts) {
  if (parts[0] === 'dms-uploads' && parts.length === 2) return upload(ctx, parts[1]);
  if (parts[0] !== 'rest') return ctx.reply(404, { message: 'Not Found', status: 404 });
  const m = ctx.req.method;
  const rest = parts.slice(1);
  if (m === 'POST' && rest.length === 1 && rest[0] === 'posts') return createPost(ctx);
  if (!gate(ctx)) return;
  const li = ctx.state.linkedin;
  if (m === 'GET' && rest[0] === 'organizations' && rest.length === 2) {
    if (rest[1] !== C.orgId) return svcError(ctx, 403, 100, 'ACCESS_DENIED', 'Not enough permissions to access: organizations.GET');
    return ctx.reply(200, { id: Number(C.orgId), localizedName: 'Clinic', vanityName: 'clinic' });
  }
  if (m === 'POST' && rest.length === 1 && rest[0] === 'images' && ctx.url.searchParams.get('action') === 'initializeUpload') {
    return initializeUpload(ctx);
  }
  if (m === 'GET' && rest[0] === 'images' && rest.length === 2) {
    const img = li.images.get(decodeURIComponent(rest[1]));
    if (!img) return svcError(ctx, 404, null, 'NOT_FOUND', 'Image not found');
    return ctx.reply(200, { id: img.urn, owner: C.org, status: img.sha256 ? 'AVAILABLE' : 'WAITING_UPLOAD' });
  }
  if (m === 'GET' && rest.length === 1 && rest[0] === 'posts') return listPosts(ctx);
  if (rest[0] === 'posts' && rest.length === 2) {
    let urn;
    try {
      urn = decodeURIComponent(rest[1]);
    } catch {
      urn = rest[1];
    }
    const p = li.posts.get(urn);
    if (!p || p.post.deleted) return svcError(ctx, 404, null, 'NOT_FOUND', `Post ${urn} does not exist`);
    if (m === 'GET') return ctx.reply(200, postJson(p));
    if (m === 'DELETE') {
      p.post.deleted = true;
      li.ghosts.push({ commentary: p.commentary, urn, until: ctx.state.nowMs() + GHOST_MS });
      return ctx.reply(204, undefined);
    }
  }
  ctx.reply(404, { message: 'Not Found', status: 404 });
}
