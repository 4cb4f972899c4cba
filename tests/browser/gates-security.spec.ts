/**
 * Gates over the production build, part 3: the CSP meta has no unsafe-inline/unsafe-eval in script-src;
 * public/_headers carries the headers a meta tag cannot, each once per path, and a host serving them frames the
 * embeds but not the story; src/build/link-check.ts finds zero broken links or anchors in the whole build.
 */
import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { headersFor, parseHeaders } from './headers.ts';
import {
  checkBasePaths,
  checkLinks,
  formatLinkProblems,
  TEXT_EXTENSIONS,
  type BuildFiles,
} from '../../src/build/link-check.ts';
import {
  DIST,
  BASE,
  FILES,
  STORY,
  EMBED_SET,
  SIDE_PAGES,
  open,
  settle,
  expectClean,
  requireBuild,
} from './gates-shared.ts';

test.beforeAll(requireBuild);

test("every page has a CSP meta tag: default-src 'none', no unsafe-inline or unsafe-eval for scripts", () => {
  const problems: string[] = [];
  for (const f of FILES.filter((x) => x.endsWith('.html'))) {
    const html = readFileSync(join(DIST, f), 'utf8');
    const metas = [...html.matchAll(/<meta\s+http-equiv="content-security-policy"\s+content="([^"]*)"/gi)].map((m) =>
      m[1]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"'),
    );
    if (metas.length !== 1) {
      problems.push(`${f}: ${metas.length} CSP meta tags (want 1)`);
      continue;
    }
    const directives = new Map(
      metas[0]!
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const [k, ...v] = d.split(/\s+/);
          return [k!.toLowerCase(), v] as const;
        }),
    );
    if (directives.get('default-src')?.join(' ') !== "'none'") problems.push(`${f}: default-src is not 'none'`);
    const scripts = directives.get('script-src') ?? directives.get('default-src') ?? [];
    for (const bad of [
      "'unsafe-inline'",
      "'unsafe-eval'",
      "'unsafe-hashes'",
      "'wasm-unsafe-eval'",
      '*',
      'data:',
      'http:',
      'https:',
    ]) {
      if (scripts.includes(bad)) problems.push(`${f}: script-src allows ${bad}`);
    }
    if (!directives.has('base-uri')) problems.push(`${f}: no base-uri`);
    // A page that runs no script at all needs no script-src beyond default-src 'none'.
    if (/<script\b(?![^>]*type="application\/ld\+json")/.test(html) && !directives.has('script-src'))
      problems.push(`${f}: has scripts but no script-src`);
  }
  expect(problems).toEqual([]);
});

// --- public/_headers: what a meta tag cannot carry ---

const headerRules = () => parseHeaders(readFileSync(join(DIST, '_headers'), 'utf8'));
/** The URL path of a built file, as a host serves it. */
const urlOf = (f: string) => `/${f.replace(/(^|\/)index\.html$/, '$1')}`;

test('public/_headers gives every page the headers a meta tag cannot carry, each set once', () => {
  expect(existsSync(join(DIST, '_headers')), 'dist/_headers (from public/_headers)').toBe(true);
  const rules = headerRules();
  const problems: string[] = [];
  // Precompressed copies (.br, .gz) are not URLs of their own: a host serves them under the original file's path.
  for (const f of FILES.filter((x) => x !== '_headers' && !/\.(br|gz)$/.test(x))) {
    const { headers: h, repeated } = headersFor(rules, urlOf(f));
    if (repeated.length)
      problems.push(`${urlOf(f)}: set by two rules (a host would join them with a comma): ${repeated.join(', ')}`);
    for (const name of [
      'strict-transport-security',
      'x-content-type-options',
      'referrer-policy',
      'permissions-policy',
      'cross-origin-opener-policy',
      'cross-origin-resource-policy',
    ]) {
      if (!h.has(name)) problems.push(`${urlOf(f)}: no ${name}`);
    }
    if (h.get('x-content-type-options') !== undefined && h.get('x-content-type-options') !== 'nosniff')
      problems.push(`${urlOf(f)}: x-content-type-options is not nosniff`);
    if (
      !/max-age=(\d+)/.test(h.get('strict-transport-security') ?? '') ||
      Number(/max-age=(\d+)/.exec(h.get('strict-transport-security')!)![1]) < 31536000
    )
      problems.push(`${urlOf(f)}: HSTS max-age under a year`);
    if (!f.endsWith('.html')) continue;
    const csp = h.get('content-security-policy') ?? '';
    const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1]?.trim();
    if (f.startsWith('embed/')) {
      if (!ancestors || ancestors === "'none'")
        problems.push(`${urlOf(f)}: an embed page must allow framing (frame-ancestors), has "${ancestors}"`);
      if (h.has('x-frame-options')) problems.push(`${urlOf(f)}: an embed page must not send X-Frame-Options`);
    } else {
      if (ancestors !== "'none'") problems.push(`${urlOf(f)}: frame-ancestors must be 'none', is "${ancestors}"`);
      if (h.get('x-frame-options') !== 'DENY' && !f.startsWith('downloads/'))
        problems.push(`${urlOf(f)}: X-Frame-Options is not DENY`);
    }
    if (/unsafe-inline|unsafe-eval/.test(csp)) problems.push(`${urlOf(f)}: header CSP allows unsafe-*`);
  }
  expect(problems).toEqual([]);
});

/** A static server over dist/ that sends the _headers headers (to see them work in a browser). */
function headerServer(): Promise<{ server: Server; port: number }> {
  const rules = headerRules();
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.json': 'application/json',
    '.csv': 'text/csv; charset=utf-8',
    '.woff2': 'font/woff2',
    '.txt': 'text/plain',
  };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(DIST, path));
    if (!file.startsWith(normalize(DIST))) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    const { headers } = headersFor(rules, path);
    res.writeHead(200, {
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
      ...Object.fromEntries(headers),
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })),
  );
}

test('served with its _headers: pages load clean, embeds can be framed by another site and the story cannot', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { server, port } = await headerServer();
  const site = `http://127.0.0.1:${port}`;
  let hostServer: Server | undefined;
  try {
    // Each kind of page, top level, under every header: no CSP violation, no console error.
    for (const path of [STORY, ...EMBED_SET.slice(0, 1), ...SIDE_PAGES]) {
      const w = await open(browser, site, { viewport: { width: 1280, height: 800 } });
      const response = await w.page.goto(site + path);
      expect(response?.headers()['x-content-type-options'], path).toBe('nosniff');
      await settle(w.page);
      await expectClean(w, `${path} with _headers`);
      await w.close();
    }
    // Another origin (another port) frames an embed page and the story.
    const embed = EMBED_SET[0]!;
    const lesson =
      '<!doctype html><html lang="en"><title>host</title>' +
      `<iframe name="embed" src="${site}${embed}" title="embed" width="800" height="600"></iframe>` +
      `<iframe name="story" src="${site}${STORY}" title="story" width="800" height="600"></iframe>`;
    hostServer = createServer((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(lesson),
    );
    await new Promise<void>((resolve) => hostServer!.listen(0, '127.0.0.1', resolve));
    const context = await browser.newContext();
    const host = await context.newPage();
    await host.goto(`http://127.0.0.1:${(hostServer.address() as { port: number }).port}/lesson`);
    await expect(host.frame({ name: 'embed' })!.locator('svg.chart-svg').first()).toBeAttached();
    await expect.poll(() => host.frame({ name: 'story' })?.url()).toMatch(/^chrome-error:/);
    expect(await host.frame({ name: 'story' })!.locator('h1', { hasText: 'Frequent storms' }).count()).toBe(0);
    await context.close();
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (hostServer) await new Promise<void>((resolve) => hostServer!.close(() => resolve()));
  }
});

// --- links and anchors ---

test('no broken link or #fragment anywhere in the build (src/build/link-check.ts)', () => {
  const files: BuildFiles = new Map(
    FILES.map((f) => [
      f,
      TEXT_EXTENSIONS.includes(f.slice(f.lastIndexOf('.') + 1).toLowerCase())
        ? readFileSync(join(DIST, f), 'utf8')
        : null,
    ]),
  );
  const canonical = /<link rel="canonical" href="([^"]+)"/.exec(readFileSync(join(DIST, 'index.html'), 'utf8'))?.[1];
  expect(canonical, 'the story declares its canonical URL (the site the build was made for)').toBeTruthy();
  const options = { base: BASE, site: new URL(canonical!).origin };
  const problems = [...checkLinks(files, options), ...checkBasePaths(files, options)];
  expect(formatLinkProblems(problems)).toBe('');
});
