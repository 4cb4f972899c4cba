/**
 * Byte budgets: the gzip size of each built page's HTML, CSS and JavaScript against the limits
 * in budgets.json (one file, one rule per kind of page). Reads dist/, so it runs after
 * `npm run build` (npm test builds first). Deterministic: bytes, never timings.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const DIST = 'dist';
const BASE = (process.env.STORY_BASE ?? '/').replace(/\/?$/, '/');

interface Rule {
  match: string;
  html: number;
  css: number;
  js: number;
  why: string;
}
const budgets = JSON.parse(readFileSync('budgets.json', 'utf8')) as { compression: string; pages: Rule[] };

const gzip = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;

/** "/embed/**" -> a RegExp over URL paths ("**" any segments, "*" one segment). */
function pattern(match: string): RegExp {
  const body = match
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${body}$`);
}

/** Built pages as [URL path without the base, file]. */
function pages(): [string, string][] {
  return (readdirSync(DIST, { recursive: true }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => [`/${f.replace(/(^|\/)index\.html$/, '$1')}`, join(DIST, f)]);
}

/** The dist/ file behind a URL found in `pageUrl`, or undefined when it is not on this site. */
function fileFor(url: string, pageUrl: string): string | undefined {
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) return undefined;
  const abs = url.startsWith('/') ? url : posix.join(posix.dirname(`${BASE}${pageUrl.slice(1)}x`), url);
  const path = abs.split(/[?#]/)[0]!;
  if (!path.startsWith(BASE)) return undefined;
  return join(DIST, path.slice(BASE.length));
}

/** A <script> without src runs unless its type names data (JSON-LD, import maps and the like). */
function isExecutable(attrs: string): boolean {
  const type = /\btype="([^"]*)"/.exec(attrs)?.[1]?.toLowerCase();
  return (
    type === undefined ||
    type === '' ||
    type === 'module' ||
    type === 'text/javascript' ||
    type === 'application/javascript'
  );
}

interface PageBytes {
  html: number;
  css: number;
  js: number;
  files: string[];
}

/** gzip bytes of a page's HTML, its stylesheets, and its scripts with everything they import. */
function measure(pageUrl: string, file: string): PageBytes {
  const html = readFileSync(file, 'utf8');
  const files: string[] = [];
  const missing: string[] = [];
  let css = 0;
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    if (!/\brel="?stylesheet"?/.test(m[0])) continue;
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    const f = href && fileFor(href, pageUrl);
    if (!f) continue;
    if (!existsSync(f)) missing.push(href);
    else {
      css += gzip(readFileSync(f));
      files.push(f);
    }
  }
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) css += gzip(m[1]!);

  let js = 0;
  const queue: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1]!;
    const src = /\bsrc="([^"]+)"/.exec(attrs)?.[1];
    if (src) {
      const f = fileFor(src, pageUrl);
      if (f) queue.push(f);
    } else if (isExecutable(attrs) && m[2]!.trim()) {
      // Inline executable script (JSON-LD and other data blocks are not JavaScript).
      js += gzip(m[2]!);
      for (const imp of m[2]!.matchAll(/(?:\bimport\s*\(?|\bfrom)\s*["']([^"']+)["']/g)) {
        const f = fileFor(imp[1]!, pageUrl);
        if (f) queue.push(f);
      }
    }
  }
  const seen = new Set<string>();
  while (queue.length) {
    const f = queue.shift()!;
    if (seen.has(f)) continue;
    seen.add(f);
    if (!existsSync(f)) {
      missing.push(f);
      continue;
    }
    const text = readFileSync(f, 'utf8');
    js += gzip(text);
    files.push(f);
    // Static and dynamic imports of the bundle's chunks (relative or root paths).
    for (const imp of text.matchAll(/(?:\bimport\s*\(?|\bfrom)\s*["']([^"']+\.m?js)["']/g)) {
      const spec = imp[1]!;
      if (spec.startsWith('.')) queue.push(join(posix.dirname(f), spec));
      else {
        const g = fileFor(spec, pageUrl);
        if (g) queue.push(g);
      }
    }
  }
  if (missing.length) throw new Error(`${file} refers to files that are not in dist/: ${missing.join(', ')}`);
  return { html: gzip(html), css, js, files };
}

describe(`byte budgets (budgets.json, ${budgets.compression})`, () => {
  it('has a build to measure', () => {
    if (!existsSync(join(DIST, 'index.html'))) {
      throw new Error(
        'dist/index.html is missing: build the site first (`STORY_SITE=http://127.0.0.1:4399 npm run build`; `npm ' +
          'test` does this).',
      );
    }
  });

  it('every rule in budgets.json is complete and gives a reason', () => {
    for (const r of budgets.pages) {
      expect(typeof r.match, JSON.stringify(r)).toBe('string');
      for (const k of ['html', 'css', 'js'] as const) expect(r[k], `${r.match} ${k}`).toBeGreaterThanOrEqual(0);
      expect(r.why?.length ?? 0, `${r.match}: why`).toBeGreaterThan(0);
    }
  });

  it.runIf(existsSync(join(DIST, 'index.html')))(
    'every page keeps to its HTML, CSS and JavaScript budget (gzip bytes)',
    () => {
      const over: string[] = [];
      const rows: string[] = [];
      for (const [url, file] of pages()) {
        const rule = budgets.pages.find((r) => pattern(r.match).test(url));
        if (!rule) {
          over.push(`${url}: no rule in budgets.json matches this page`);
          continue;
        }
        const got = measure(url, file);
        rows.push(
          `${url.padEnd(40)} html ${String(got.html).padStart(6)}/${rule.html}  ` +
            `css ${String(got.css).padStart(5)}/${rule.css}  js ${String(got.js).padStart(6)}/${rule.js}`,
        );
        for (const k of ['html', 'css', 'js'] as const) {
          if (got[k] > rule[k])
            over.push(
              `${url}: ${k} is ${got[k]} bytes gzip, over the budget of ${rule[k]} ` +
                `(rule "${rule.match}" in budgets.json) by ${got[k] - rule[k]}`,
            );
        }
      }
      if (process.env.BUDGETS_VERBOSE) console.log(rows.join('\n'));
      expect(rows.length).toBeGreaterThan(0);
      expect(over).toEqual([]);
    },
  );

  it('matches page paths as documented', () => {
    expect(pattern('/').test('/')).toBe(true);
    expect(pattern('/').test('/cite/p01/')).toBe(false);
    expect(pattern('/embed/**').test('/embed/map/step/')).toBe(true);
    expect(pattern('/embed/*/').test('/embed/map/step/')).toBe(false);
    expect(pattern('/**').test('/downloads/')).toBe(true);
  });
});
