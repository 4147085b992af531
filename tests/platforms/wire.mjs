// Wire helpers for the platform double: reading bodies, parsing form,
// JSON and multipart bodies, writing JSON answers. Node built-ins only.

/** Reads the whole request body into one Buffer. Resolves null when it is
 * larger than max bytes (the rest is discarded) and rejects when the
 * connection breaks first. */
export function readBody(req, max) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let over = false;
    req.on('data', (c) => {
      size += c.length;
      if (size > max) over = true;
      if (!over) chunks.push(c);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks, size)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('aborted')));
  });
}

/** The media type of a request, lower-case, without parameters. */
export function mediaType(req) {
  return String(req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
}

/** Parses application/x-www-form-urlencoded text into [[name, value], ...]
 * ('+' is a space, as browsers and curl send it). */
export function formPairs(text) {
  return [...new URLSearchParams(text)];
}

/** Turns [[name, value], ...] into an object; names ending in [] (and
 * repeated names) collect arrays under the name without the brackets. */
export function pairsToObject(pairs) {
  const o = {};
  for (const [k, v] of pairs) {
    if (k.endsWith('[]')) {
      const n = k.slice(0, -2);
      if (!Array.isArray(o[n])) o[n] = [];
      o[n].push(v);
    } else if (k in o) {
      o[k] = [].concat(o[k], v);
    } else {
      o[k] = v;
    }
  }
  return o;
}

function dispositionParam(value, name) {
  const re = new RegExp(`(?:^|;)\\s*${name}\\*?=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
  const m = re.exec(value);
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2].trim();
}

/** Parses a multipart/form-data body. Returns [{name, filename, type,
 * data (Buffer)}] or null when the body is not well-formed multipart. */
export function parseMultipart(buf, contentType) {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType || '');
  if (!m || !buf) return null;
  const boundary = Buffer.from('--' + (m[1] || m[2]));
  const delimiter = Buffer.concat([Buffer.from('\r\n'), boundary]);
  const parts = [];
  let pos = buf.indexOf(boundary);
  if (pos < 0) return null;
  for (;;) {
    pos += boundary.length;
    if (buf[pos] === 0x2d && buf[pos + 1] === 0x2d) return parts;
    while (buf[pos] === 0x20 || buf[pos] === 0x09) pos++;
    if (buf[pos] !== 0x0d || buf[pos + 1] !== 0x0a) return null;
    pos += 2;
    const headEnd = buf.indexOf('\r\n\r\n', pos);
    if (headEnd < 0) return null;
    const headers = {};
    for (const line of buf.toString('utf8', pos, headEnd).split('\r\n')) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    const next = buf.indexOf(delimiter, headEnd + 4);
    if (next < 0) return null;
    const disp = headers['content-disposition'] || '';
    parts.push({
      name: dispositionParam(disp, 'name'),
      filename: dispositionParam(disp, 'filename'),
      type: (headers['content-type'] || 'text/plain').toLowerCase(),
      data: buf.subarray(headEnd + 4, next),
    });
    pos = next + 2;
  }
}

/** Parses a body by its Content-Type into {fields, files}: fields as
 * pairsToObject gives them (JSON: the parsed object), files the multipart
 * parts that carry a filename. Returns {error} when the body is malformed. */
export function parseBody(req, buf) {
  const type = mediaType(req);
  const text = () => (buf ? buf.toString('utf8') : '');
  if (type === 'application/json') {
    if (!buf || buf.length === 0) return { fields: {}, files: [], json: true };
    try {
      const v = JSON.parse(text());
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return { error: 'JSON body must be an object' };
      return { fields: v, files: [], json: true };
    } catch {
      return { error: 'invalid JSON' };
    }
  }
  if (type === 'multipart/form-data') {
    const parts = parseMultipart(buf, req.headers['content-type']);
    if (!parts) return { error: 'invalid multipart body' };
    const pairs = [];
    const files = [];
    for (const p of parts) {
      if (p.filename !== null) files.push(p);
      else pairs.push([p.name, p.data.toString('utf8')]);
    }
    return { fields: pairsToObject(pairs), files, pairs, parts };
  }
  if (type === 'application/x-www-form-urlencoded' || type === '') {
    const pairs = formPairs(text());
    return { fields: pairsToObject(pairs), files: [], pairs };
  }
  return { fields: {}, files: [], other: true };
}

/** Writes a complete answer. body: undefined (empty), a string, a Buffer or
 * a value serialised as JSON. */
export function send(res, status, body, headers = {}) {
  let data;
  let type = 'application/json; charset=utf-8';
  if (body === undefined) data = '';
  else if (Buffer.isBuffer(body)) data = body;
  else if (typeof body === 'string') {
    data = body;
    type = 'text/html; charset=utf-8';
  } else data = JSON.stringify(body);
  const h = { 'Content-Length': Buffer.byteLength(data), ...headers };
  if (data.length > 0 && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = type;
  res.writeHead(status, h);
  res.end(data);
}

/** The image type of bytes by their signature (PNG, JPEG, GIF, WebP), or
 * null: platforms sniff uploads rather than trust the declared type. */
export function sniffImage(buf) {
  if (!buf || buf.length < 12) return null;
  if (buf[0] === 0x89 && buf.toString('latin1', 1, 4) === 'PNG') return 'image/png';
  if (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.toString('latin1', 0, 4) === 'GIF8') return 'image/gif';
  if (buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** The multipart part called name (file or plain field), or null. */
export function part(parsed, name) {
  return (parsed && parsed.parts && parsed.parts.find((p) => p.name === name)) || null;
}
