/**
 * Astro integration: after the build, write the files a public host and search engines read:
 * sitemap.xml (every built page except 404 and pages marked noindex, absolute URLs made from
 * STORY_SITE and the base) and robots.txt (allows all, names the sitemap).
 *
 * (src/build/precompress.ts, which runs after this, writes their .br and .gz copies.)
 *
 * Languages: the story has one language per build today (content/data/ui.<lang>.json). When a
 * second language is built at its own path, `alternates` gives each page its hreflang links.
 */
import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeText } from '../lib/escape.ts';

export interface SitemapPage {
  /** Absolute URL. */
  loc: string;
  /** hreflang -> absolute URL of the same page in that language (empty with one language). */
  alternates?: Record<string, string>;
}

/** The sitemap (sitemaps.org 0.9, with xhtml:link hreflang alternates where given). */
export function sitemapXml(pages: SitemapPage[]): string {
  const attr = (s: string) => escapeText(s).replace(/"/g, '&quot;');
  const urls = pages.map((p) => {
    const alt = Object.entries(p.alternates ?? {}).map(
      ([lang, href]) => `\n    <xhtml:link rel="alternate" hreflang="${attr(lang)}" href="${attr(href)}"/>`,
    );
    return `  <url>\n    <loc>${escapeText(p.loc)}</loc>${alt.join('')}\n  </url>`;
  });
  const namespaces = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset ${namespaces}>\n${urls.join('\n')}\n</urlset>\n`;
}

/** robots.txt: everything may be crawled; the sitemap is named by its absolute URL. */
export function robotsTxt(sitemapUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${sitemapUrl}\n`;
}

export default function publishFiles(): AstroIntegration {
  let site = 'http://127.0.0.1:4321/';
  let base = '/';
  return {
    name: 'story-publish-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ?? site;
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': ({ dir, pages }) => {
        const out = fileURLToPath(dir);
        const abs = (path: string) => new URL(`${base}${path}`.replace(/\/{2,}/g, '/'), site).href;
        const locs = pages
          .map((p) => p.pathname)
          .filter((p) => p !== '404/' && p !== '404')
          .filter((p) => {
            // Pages are folders with an index.html; the light path's endpoints are .html files of their own.
            const file = p.endsWith('.html') ? join(out, p) : join(out, p, 'index.html');
            return existsSync(file) && !/<meta[^>]+name="robots"[^>]+noindex/i.test(readFileSync(file, 'utf8'));
          })
          .sort()
          .map((p) => ({ loc: abs(p) }));
        writeFileSync(join(out, 'sitemap.xml'), sitemapXml(locs));
        writeFileSync(join(out, 'robots.txt'), robotsTxt(abs('sitemap.xml')));
      },
    },
  };
}
