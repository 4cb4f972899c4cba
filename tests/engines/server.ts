/**
 * The built site (dist/) served on a local port with the headers of dist/_headers, as a static
 * host would send them, plus one probe script for the cross-engine suite: /__engines/probe.js,
 * inserted as the first element of <head> of every HTML page. It sits before the page's
 * <meta> Content-Security-Policy (a meta policy governs only what follows it), so the page's own
 * policy is unchanged; it records console errors, uncaught errors, rejected promises and CSP
 * violations where every engine's WebDriver can read them (WebKitWebDriver has no console log).
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

export const PROBE = `(function () {
  var log = (window.__enginesLog = []);
  var push = function (kind, text) { log.push(kind + ': ' + String(text).slice(0, 300)); };
  var error = console.error;
  console.error = function () {
    push('console.error', Array.prototype.map.call(arguments, String).join(' '));
    return error.apply(console, arguments);
  };
  addEventListener('error', function (e) {
    // Not a script failure: the HTML spec reports this ErrorEvent when a ResizeObserver callback leaves observations
    // for the next frame, which then delivers them. The cause is scrollama 3.2 itself: when a step's height changes,
    // its resizeStep (node_modules/scrollama/src/entry.js, lines 130-140) creates a new ResizeObserver on that step
    // inside its own callback. Found by instrumenting ResizeObserver in Chromium and Firefox (2026-11-30, sixth
    // session): every such error follows scrollama re-observing a step; chart-details' observer observes nothing new.
    // Scrollama is the stack's step library, so the message is left to it; every step's state is still swept.
    if (/^ResizeObserver loop completed with undelivered notifications/.test(e.message || '')) return;
    push('error', e.message || (e.target && (e.target.src || e.target.href)) || 'load failed');
  }, true);
  addEventListener('unhandledrejection', function (e) { push('unhandled rejection', e.reason); });
  document.addEventListener('securitypolicyviolation', function (e) {
    var where = ' (' + (e.sourceFile || '') + ':' + e.lineNumber + ')';
    push('CSP', e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + where);
  });
})();`;

type Rule = { pattern: string; headers: [string, string][] };

/** Parses a Netlify/Cloudflare _headers file. */
function parseHeaders(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: [] });
    else {
      const m = /^\s+([^:]+):\s*(.*)$/.exec(line);
      if (!m || rules.length === 0) throw new Error(`_headers: cannot read "${line}"`);
      rules.at(-1)!.headers.push([m[1]!.trim(), m[2]!.trim()]);
    }
  }
  return rules;
}

function matches(pattern: string, path: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/:[a-z]+/g, '[^/]+')}$`,
  );
  return re.test(path);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

export interface Site {
  origin: string;
  close(): Promise<void>;
}

/** Serves dist/ on the port (0: any free port). `extraScript` is appended to the probe (the planted breaks use it). */
export function serveSite(dist: string, port: number, extraScript = ''): Promise<Site> {
  const root = resolve(dist);
  if (!existsSync(join(root, 'index.html')))
    throw new Error(`engines: no build at ${root}/index.html; run the build first (npm run build)`);
  const rules = existsSync(join(root, '_headers')) ? parseHeaders(readFileSync(join(root, '_headers'), 'utf8')) : [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/__engines/probe.js') {
      res.writeHead(200, {
        'Content-Type': 'text/javascript',
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Cache-Control': 'no-store',
      });
      return void res.end(PROBE + extraScript);
    }
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    const headers: Record<string, string> = {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    };
    for (const rule of rules) if (matches(rule.pattern, path)) for (const [k, v] of rule.headers) headers[k] = v;
    let body: Buffer | string = readFileSync(file);
    if (extname(file) === '.html')
      body = body.toString('utf8').replace(/<head>/i, '<head><script src="/__engines/probe.js"></script>');
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const a = server.address() as { port: number };
      ok({ origin: `http://127.0.0.1:${a.port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** A page on another origin (another port) that embeds a chart with the snippet as readers copy it. */
export function serveHost(html: () => string): Promise<Site> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(html());
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const a = server.address() as { port: number };
      ok({ origin: `http://127.0.0.1:${a.port}`, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}
