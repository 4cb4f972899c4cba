import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { articleSentences, normalise, watch } from './helpers.ts';
import { OFFLINE_MAX_BYTES } from '../../src/lib/offline-budget.ts';

/** The single-file edition the build writes beside the story (src/build/offline-edition.ts). */
const DIST = 'dist';
const FILE = join(DIST, 'offline', 'story-offline.html');
const SUM = `${FILE}.sha256`;
// The budget the build enforces (src/integrations/offline-edition.ts; raised by the truth pass, see there).
const BUDGET = OFFLINE_MAX_BYTES;
const fileUrl = () => pathToFileURL(resolve(FILE)).href;
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** How many of `re` the built story page has, to compare the offline file against it. */
const countInStory = (re: RegExp) => (readFileSync(join(DIST, 'index.html'), 'utf8').match(re) ?? []).length;
/** The same in another built page (the story's sources list and notes are pages of their own, issue #14). */
const countIn = (page: string, re: RegExp) => (readFileSync(join(DIST, page), 'utf8').match(re) ?? []).length;

test.describe('the single-file offline edition', () => {
  test(
    'opens from file:// with every request blocked: ' + 'all sentences, every chart SVG, tables, sources, citation',
    async ({ browser }) => {
      const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const w = watch(page);
      const blocked: string[] = [];
      await context.route('**/*', (route) => {
        if (route.request().url() === fileUrl()) return route.continue();
        blocked.push(route.request().url());
        return route.abort('blockedbyclient');
      });
      await page.goto(fileUrl(), { waitUntil: 'load' });

      // Nothing but the file itself (and data: URIs inside it) was asked for, and nothing failed.
      expect(w.requests.filter((u) => u !== fileUrl() && !u.startsWith('data:'))).toEqual([]);
      expect(blocked).toEqual([]);
      expect(w.errors).toEqual([]);
      expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0);

      const text = normalise(await page.locator('body').innerText());
      expect(articleSentences().filter((s) => !text.includes(s))).toEqual([]);
      await expect(page.locator('h1')).toHaveText(
        'Frequent storms of Russian disinformation in Kazakhstan - a response to the loss of influence',
      );
      await expect(page.locator('.byline')).toContainText("Tomorrow's Affairs Staff");

      // Every chart, in its full state (no step dimmed), at a desktop and a phone width.
      const figures = page.locator('figure:has(.chart__svg)');
      const charts = countInStory(/<figure\b[^>]*class="[^"]*\bchart\b/g);
      expect(charts).toBeGreaterThan(0);
      await expect(figures).toHaveCount(charts);
      expect(await page.locator('[data-active-step]').count()).toBe(0);
      for (const width of [1280, 360]) {
        await page.setViewportSize({ width, height: 900 });
        for (const figure of await figures.all()) {
          const svg = figure.locator('.chart__svg:visible svg[role="img"]');
          await expect(svg).toHaveCount(1);
          const box = (await svg.boundingBox())!;
          expect(box.width).toBeGreaterThan(200);
          expect(box.height).toBeGreaterThan(100);
          expect(await svg.locator('.mark').count()).toBeGreaterThan(0);
        }
      }
      await page.setViewportSize({ width: 1280, height: 900 });

      // The data tables are open, the sources listed, the whole story's citation shown.
      for (const table of await page.locator('details.chart-table table').all()) await expect(table).toBeVisible();
      await expect(page.locator('details.chart-table table')).toHaveCount(charts);
      await expect(page.locator('#sources')).toBeVisible();
      const sources = page.locator('ol.sources > li');
      await expect(sources).toHaveCount(countIn('sources/index.html', /<li id="src-/g));
      await expect(sources.last()).toBeVisible();
      // Every note carries its sources again (the online story links to them on /notes/), linked to the list.
      const notes = page.locator('details.sources-note');
      await expect(notes).toHaveCount(countInStory(/<details class="sources-note"/g));
      for (const note of await notes.all()) expect(await note.locator('a[href^="#src-"]').count()).toBeGreaterThan(0);
      expect(await page.locator('a[href*="/notes/#"], a[href$="/sources/"]').count()).toBe(0);
      await expect(page.locator('#cite-story-apa')).toBeVisible();
      // Links to other pages go to the online site; the download link is replaced by a note.
      await expect(page.locator('[data-offline-edition]')).toBeVisible();
      expect(
        await page.locator('[data-offline-placeholder], [data-offline-ready], a[href*="story-offline"]').count(),
      ).toBe(0);
      await context.close();
    },
  );

  test('refers to nothing outside itself (static check of the file)', () => {
    const html = readFileSync(FILE, 'utf8').replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, '');
    const fetched = [
      ...html.matchAll(/<(?!a\b)[a-z][\w:-]*\b[^>]*?\s(?:src|srcset|poster|data|xlink:href)="([^"]*)"/gi),
    ].map((m) => m[1]!);
    const linkHrefs = [...html.matchAll(/<link\b[^>]*>/gi)]
      .filter((m) => !/rel="(canonical|alternate|license|author|help)"/.test(m[0]))
      .map((m) => /href="([^"]*)"/.exec(m[0])?.[1] ?? '');
    const useHrefs = [...html.matchAll(/<(?:use|image)\b[^>]*\shref="([^"]*)"/gi)].map((m) => m[1]!);
    const cssUrls = [...html.matchAll(/url\(\s*["']?([^"')]*)/g)].map((m) => m[1]!);
    const outside = [...fetched, ...linkHrefs, ...useHrefs, ...cssUrls].filter(
      (u) => !u.startsWith('data:') && !u.startsWith('#'),
    );
    expect(outside).toEqual([]);
    expect(html).not.toMatch(/<script\b/i);
    expect(html).toContain(
      `<meta http-equiv="content-security-policy" content="default-src 'none'; style-src 'unsafe-inline'; ` +
        'img-src data:',
    );
    expect(html).not.toMatch(/<link\b[^>]*rel="stylesheet"/);
  });

  test('is within its size budget, and the checksum file beside it matches', () => {
    const bytes = statSync(FILE).size;
    console.log(`offline edition: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KiB), budget ${BUDGET} bytes`);
    expect(bytes).toBeLessThanOrEqual(BUDGET);
    expect(readFileSync(SUM, 'utf8')).toBe(`${sha256(FILE)}  story-offline.html\n`);
  });

  test('the story links to it, showing its size and SHA-256, and both files are served under the base', async ({
    page,
    request,
  }) => {
    await page.goto('/');
    const block = page.locator('.offline-link');
    await expect(block, 'place <OfflineLink /> on the story page (src/pages/index.astro)').toHaveCount(1);
    await expect(block).toHaveAttribute('data-offline-ready', '');
    const link = block.locator('a[download]');
    await expect(link).toHaveText(/offline reading and sharing/);
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/\/offline\/story-offline\.html$/);
    const hex = sha256(FILE);
    await expect(block.locator('code[data-sha256]')).toHaveText(hex);
    await expect(block).toContainText(`${Math.round(statSync(FILE).size / 1000)} KB`);
    await expect(block).not.toContainText('written at build time');
    const served = await request.get(new URL(href, page.url()).href);
    expect(served.ok()).toBe(true);
    expect(
      createHash('sha256')
        .update(await served.body())
        .digest('hex'),
    ).toBe(hex);
    const sum = await request.get(
      new URL((await block.locator('a[href$=".sha256"]').getAttribute('href'))!, page.url()).href,
    );
    expect(await sum.text()).toBe(`${hex}  story-offline.html\n`);
  });
});
