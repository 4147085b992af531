// OAuth 1.0a HMAC-SHA1 verification as X does it (RFC 5849 section 3.4;
// ../../../shared/reference/platforms.md section 3), and Standard Webhooks
// verification (section 6a). Used by the double; the tests sign on their
// own, independently of this file.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 3986 percent-encoding of a string's UTF-8 bytes: A-Z a-z 0-9 - . _ ~
 * pass, everything else becomes %XX with upper-case hex. */
export function percentEncode(s) {
  return encodeURIComponent(String(s)).replace(/[!'()*]/g,
    (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** The signature base string: METHOD & enc(base URL) & enc(parameter
 * string), where params is [[name, value], ...] (decoded) without
 * oauth_signature. */
export function baseString(method, baseUrl, params) {
  const enc = params.map(([k, v]) => [percentEncode(k), percentEncode(v)]);
  enc.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const paramString = enc.map(([k, v]) => `${k}=${v}`).join('&');
  return `${method.toUpperCase()}&${percentEncode(baseUrl)}&${percentEncode(paramString)}`;
}

/** base64(HMAC-SHA1(enc(consumer secret) & enc(token secret), base)). */
export function hmacSha1(base, consumerSecret, tokenSecret) {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret || '')}`;
  return createHmac('sha1', key).update(base).digest('base64');
}

/** Parses `OAuth k="v", ...` into an object of decoded values, or null. */
export function parseAuthorization(header) {
  const m = /^\s*OAuth\s+(.*)$/is.exec(header || '');
  if (!m) return null;
  const out = {};
  const rest = m[1].replace(/([A-Za-z0-9_.~%-]+)\s*=\s*"([^"]*)"/g, (all, k, v) => {
    try {
      out[decodeURIComponent(k)] = decodeURIComponent(v);
    } catch {
      out[''] = '';
    }
    return '';
  });
  if ('' in out || !/^[\s,]*$/.test(rest)) return null;
  return out;
}

/** Base string URI of a request (RFC 5849 3.4.1.2): lower-case scheme and
 * host, the port unless it is the scheme's default, the path, no query. */
export function baseUri(scheme, hostHeader, path) {
  let host = String(hostHeader || '').toLowerCase();
  if ((scheme === 'http' && host.endsWith(':80')) || (scheme === 'https' && host.endsWith(':443')))
    host = host.replace(/:\d+$/, '');
  return `${scheme}://${host}${path}`;
}

/**
 * Checks one request's OAuth 1.0a signature.
 *   method, url: HTTP method and base string URI (baseUri above)
 *   query, form: decoded [[name, value], ...] of the query string and of a
 *                form-encoded body ([] for JSON or multipart bodies)
 *   header:      the Authorization header
 *   lookup:      (consumerKey, token) -> {consumerSecret, tokenSecret} or null
 *   now:         epoch seconds; skew: allowed difference in seconds
 * Returns {ok: true, oauth} or {ok: false, why} (why never holds secrets).
 */
export function verifyOAuth1({ method, url, query, form, header, lookup, now, skew = 300 }) {
  const oauth = parseAuthorization(header);
  if (!oauth) return { ok: false, why: 'no OAuth authorization header' };
  for (const k of ['oauth_consumer_key', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method',
    'oauth_timestamp', 'oauth_token']) {
    if (!oauth[k]) return { ok: false, why: `missing ${k}` };
  }
  if (oauth.oauth_signature_method !== 'HMAC-SHA1') return { ok: false, why: 'signature method is not HMAC-SHA1' };
  if (oauth.oauth_version !== undefined && oauth.oauth_version !== '1.0') return { ok: false, why: 'oauth_version is not 1.0' };
  if (!/^\d+$/.test(oauth.oauth_timestamp)) return { ok: false, why: 'bad oauth_timestamp' };
  if (Math.abs(Number(oauth.oauth_timestamp) - now) > skew) return { ok: false, why: 'timestamp out of bounds' };
  const secrets = lookup(oauth.oauth_consumer_key, oauth.oauth_token);
  if (!secrets) return { ok: false, why: 'unknown consumer key or token' };
  const params = [...query, ...form];
  for (const [k, v] of Object.entries(oauth)) {
    if (k.startsWith('oauth_') && k !== 'oauth_signature') params.push([k, v]);
  }
  let expected;
  try {
    expected = hmacSha1(baseString(method, url, params), secrets.consumerSecret, secrets.tokenSecret);
  } catch {
    return { ok: false, why: 'parameters are not valid UTF-8' };
  }
  const a = Buffer.from(expected);
  const b = Buffer.from(oauth.oauth_signature);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, why: 'signature mismatch' };
  return { ok: true, oauth };
}

/** Decodes a Standard Webhooks secret (whsec_ + base64) into key bytes. */
export function webhookKey(secret) {
  return Buffer.from(String(secret).replace(/^whsec_/, ''), 'base64');
}

/**
 * Checks a Standard Webhooks delivery: the v1 signature over
 * id.timestamp.body (raw bytes) in constant time against every
 * space-separated `v1,` entry, and the timestamp within tolerance seconds.
 * Returns {ok: true} or {ok: false, status, why}.
 */
export function verifyWebhook({ id, timestamp, signature, body, secret, now, tolerance = 300 }) {
  if (!id || !timestamp || !signature) return { ok: false, status: 400, why: 'missing webhook headers' };
  if (!/^\d+$/.test(timestamp)) return { ok: false, status: 400, why: 'bad webhook-timestamp' };
  if (Math.abs(Number(timestamp) - now) > tolerance) return { ok: false, status: 401, why: 'timestamp outside tolerance' };
  const mac = createHmac('sha256', webhookKey(secret))
    .update(`${id}.${timestamp}.`).update(body).digest();
  for (const entry of String(signature).split(' ')) {
    const [version, sig] = entry.split(',', 2);
    if (version !== 'v1' || !sig) continue;
    const got = Buffer.from(sig, 'base64');
    if (got.length === mac.length && timingSafeEqual(got, mac)) return { ok: true };
  }
  return { ok: false, status: 401, why: 'no matching signature' };
}
