/**
 * Ready to publish: the release build refuses a local or non-https site URL (checked by the
 * function astro.config.mjs calls, and once through the real `npm run build:release`, which stops
 * while loading its configuration, before anything is built), and the sitemap/robots writers.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { releaseSiteProblem } from '../../src/build/release.ts';
import { robotsTxt, sitemapXml } from '../../src/build/publish-files.ts';

describe('the release site URL', () => {
  for (const bad of [
    undefined,
    '',
    'http://story.example.org',
    'https://localhost',
    'https://localhost:4321/',
    'https://127.0.0.1:4321',
    'https://127.1.2.3',
    'https://[::1]:8080',
    'https://app.localhost',
    'not a url',
    'ftp://example.org',
  ]) {
    it(`refuses ${JSON.stringify(bad)}`, () => {
      expect(releaseSiteProblem(bad)).toMatch(/STORY_SITE.*allowed:/);
    });
  }
  for (const ok of ['https://story.example.org', 'https://example.org/kz/', 'https://www.tomorrowsaffairs.com']) {
    it(`accepts ${ok}`, () => expect(releaseSiteProblem(ok)).toBeNull());
  }

  it('npm run build:release stops on a localhost site, with the reason and no stack trace', () => {
    const r = spawnSync('npm', ['run', 'build:release', '--', '--outDir', 'tests/.tmp/release-dist'], {
      env: { ...process.env, STORY_SITE: 'http://127.0.0.1:4321' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const out = `${r.stdout}\n${r.stderr}`;
    expect(r.status).not.toBe(0);
    expect(out).toMatch(
      new RegExp(
        'The release build stops: STORY_SITE "http://127\\.0\\.0\\.1:4321" does not use https://' +
          '; allowed: an https:// URL',
      ),
    );
    expect(out).not.toMatch(/^\s+at /m);
    expect(out).not.toMatch(/generating static routes/);
  }, 120_000);
});

describe('sitemap.xml and robots.txt', () => {
  it('lists absolute URLs, escaped, with hreflang alternates when given', () => {
    const xml = sitemapXml([
      { loc: 'https://e.org/' },
      { loc: 'https://e.org/cite/p01/?a=1&b=2', alternates: { en: 'https://e.org/', ru: 'https://e.org/ru/' } },
    ]);
    expect(xml).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9"/,
    );
    expect(xml).toContain('<loc>https://e.org/</loc>');
    expect(xml).toContain('<loc>https://e.org/cite/p01/?a=1&amp;b=2</loc>');
    expect(xml).toContain('<xhtml:link rel="alternate" hreflang="ru" href="https://e.org/ru/"/>');
    expect(xml.match(/<url>/g)).toHaveLength(2);
  });
  it('robots.txt allows all and names the sitemap', () => {
    expect(robotsTxt('https://e.org/kz/sitemap.xml')).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: https://e.org/kz/sitemap.xml\n',
    );
  });
});
