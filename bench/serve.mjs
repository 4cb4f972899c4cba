/**
 * A static server for the built site that applies public/_headers as static hosts do, and compresses. (Part of
 * `npm run bench`, see bench/run.mjs.)
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';

// --- _headers (as static hosts apply them) and a compressing static server ---

export function parseHeaders(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: [] });
    else {
      const m = /^\s+([^:]+):\s*(.*)$/.exec(line);
      if (m && rules.length) rules.at(-1).headers.push([m[1].trim(), m[2].trim()]);
    }
  }
  return rules;
}
export function headersFor(rules, path) {
  const out = {};
  for (const r of rules) {
    const re = new RegExp(
      `^${r.pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]\w*/g, '[^/]+'))
        .join('.*')}$`,
    );
    if (!re.test(path)) continue;
    for (const [k, v] of r.headers) out[k] = out[k] ? `${out[k]}, ${v}` : v;
  }
  return out;
}
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.ico': 'image/x-icon',
};
export const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg)/;

/** Serves `dir` on 127.0.0.1:port with its _headers, brotli or gzip when asked for (as a CDN would). */
export function serve(dir, port) {
  const rules = existsSync(join(dir, '_headers')) ? parseHeaders(readFileSync(join(dir, '_headers'), 'utf8')) : [];
  const cache = new Map();
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return void res.writeHead(400).end();
    }
    let file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir))) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const accept = String(req.headers['accept-encoding'] ?? '');
    const enc = COMPRESSIBLE.test(type)
      ? /\bbr\b/.test(accept)
        ? 'br'
        : /\bgzip\b/.test(accept)
          ? 'gzip'
          : null
      : null;
    const key = `${file}|${enc}`;
    let body = cache.get(key);
    if (!body) {
      const raw = readFileSync(file);
      body =
        enc === 'br'
          ? brotliCompressSync(raw, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } })
          : enc === 'gzip'
            ? gzipSync(raw, { level: 9 })
            : raw;
      cache.set(key, body);
    }
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': body.length,
      ...(enc ? { 'Content-Encoding': enc, Vary: 'Accept-Encoding' } : {}),
      ...headersFor(rules, path),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
export function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
