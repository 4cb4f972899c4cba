/**
 * 16 KB-safe delivery and low bandwidth. The story's HTML is larger than 16 KB compressed, so the
 * proof is the other half of the requirement: with every response cut after 16 KB on the wire,
 * the page still reads (headline, byline, the whole first chapter, the first chart).
 */
import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { articleSentences, gzipBytes, normalise } from './helpers.ts';

/** Bytes on the wire each response is cut after: 16,000 (stricter than 16 KiB = 16,384). */
const CUT = 16_000;
/**
 * Gzip level of the modelled server: 1, nginx's default and the weakest compression a server uses,
 * so the least text fits in the cut (level 6 or 9 fits more).
 */
const WIRE_LEVEL = 1;

/** Chapter files in order, with their frontmatter title and paragraph ids. */
function chapters(): { title: string; paragraphs: string[] }[] {
  const dir = 'content/chapters';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const title = /^title:\s*"?(.*?)"?\s*$/m.exec(text)?.[1] ?? '';
      return { title, paragraphs: [...text.matchAll(/<P id="(p\d+)"/g)].map((m) => m[1]!) };
    });
}

/** The article's sentences up to the second chapter's title: headline, byline and all of chapter 1. */
function firstChapterSentences(): string[] {
  const all = articleSentences();
  const next = all.indexOf(normalise(chapters()[1]!.title));
  expect(next).toBeGreaterThan(2);
  return all.slice(0, next);
}

/** What a reader gets of `body` when the gzip stream on the wire is cut after CUT bytes. */
function truncatedOnTheWire(body: Buffer): { prefix: Buffer; wire: number; cut: boolean } {
  const gz = gzipSync(body, { level: WIRE_LEVEL });
  if (gz.length <= CUT) return { prefix: body, wire: gz.length, cut: false };
  // Z_SYNC_FLUSH: inflate what arrived and stop without demanding the stream's end.
  const prefix = gunzipSync(gz.subarray(0, CUT), { finishFlush: constants.Z_SYNC_FLUSH });
  return { prefix, wire: gz.length, cut: true };
}

/** Byte offsets in the story HTML where the head, chapter 1's text, the first chart and chapter 1 end. */
function milestones(html: Buffer): { name: string; raw: number; wire: number; gzip9: number }[] {
  const at = (needle: string, from = 0) => html.indexOf(needle, from);
  const lastPara = at(`id="${chapters()[0]!.paragraphs.at(-1)}"`);
  const firstFigure = at('<figure');
  const points: [string, number][] = [
    ['end of <head>', at('</head>')],
    [`end of chapter 1's text (${chapters()[0]!.paragraphs.at(-1)})`, at('</p>', lastPara) + 4],
    ['end of the first chart', firstFigure < 0 ? -1 : at('</figure>', firstFigure) + 9],
    ["end of chapter 1 (with its chart's data link and embed code)", at('<section', at('<section') + 1)],
    ['whole page', html.length],
  ];
  return points
    .filter(([, n]) => n > 0)
    .map(([name, n]) => ({
      name,
      raw: n,
      wire: gzipSync(html.subarray(0, n), { level: WIRE_LEVEL }).length,
      gzip9: gzipBytes(html.subarray(0, n)),
    }));
}

/** Every element that would keep a paragraph from being read: missing, hidden, clipped or covered. */
async function unreadable(page: Page, ids: string[]): Promise<string[]> {
  return page.evaluate((ids) => {
    const problems: string[] = [];
    for (const id of ids) {
      const el = document.getElementById(id);
      if (!el) {
        problems.push(`${id}: missing`);
        continue;
      }
      el.scrollIntoView({ block: 'center' });
      for (let n: Element | null = el; n; n = n.parentElement) {
        const s = getComputedStyle(n);
        if (
          s.display === 'none' ||
          s.visibility !== 'visible' ||
          Number(s.opacity) < 0.9 ||
          s.contentVisibility === 'hidden'
        ) {
          problems.push(`${id}: hidden by <${n.tagName.toLowerCase()} class="${n.className}">`);
        }
      }
      const r = el.getBoundingClientRect();
      if (r.width < 200 || r.height < 16) problems.push(`${id}: box ${Math.round(r.width)}x${Math.round(r.height)}`);
      if (parseFloat(getComputedStyle(el).fontSize) < 12)
        problems.push(`${id}: font-size ${getComputedStyle(el).fontSize}`);
      // Hit-test the top and bottom lines: a clipped or covered paragraph is not what is found there.
      for (const y of [r.top + 4, r.bottom - 4]) {
        const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 150), y);
        if (!hit || !el.contains(hit))
          problems.push(
            `${id}: at y=${Math.round(y)} the reader sees <${hit?.tagName.toLowerCase()} class="${hit?.className}">`,
          );
      }
    }
    return problems;
  }, ids);
}

test.describe('delivery on a poor connection', () => {
  test(
    'with every response cut after 16 KB compressed, ' + 'the headline, byline, chapter 1 and the first chart read',
    async ({ page, browser }) => {
      const ids = chapters()[0]!.paragraphs;
      expect(ids.length).toBeGreaterThan(0);

      // The first chart as the full page draws it, to compare with the truncated page.
      const full = await browser.newPage();
      await full.goto('/');
      // Its drawing is a picture of a file until it nears the screen; the scrolly script inlines that file there.
      const firstChart = (p: Page) => p.locator('figure.chart').first().locator('.chart__svg:visible svg');
      await full.locator('figure.chart').first().scrollIntoViewIfNeeded();
      await expect(firstChart(full)).toBeVisible();
      const fullMarks = await firstChart(full).locator('.mark').count();
      expect(fullMarks).toBeGreaterThan(0);
      await full.close();

      const rows: {
        url: string;
        type: string;
        raw: number;
        gzip9: number;
        wire: number;
        delivered: number;
        cut: boolean;
      }[] = [];
      await page.route('**/*', async (route) => {
        const response = await route.fetch();
        const body = await response.body();
        const { prefix, wire, cut } = truncatedOnTheWire(body);
        rows.push({
          url: new URL(route.request().url()).pathname,
          type: route.request().resourceType(),
          raw: body.length,
          gzip9: gzipBytes(body),
          wire,
          delivered: prefix.length,
          cut,
        });
        const headers = { ...response.headers() };
        for (const h of ['content-encoding', 'content-length', 'transfer-encoding', 'etag']) delete headers[h];
        await route.fulfill({ status: response.status(), headers, body: prefix });
      });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto('/', { waitUntil: 'load' });
      await page.waitForTimeout(300);

      console.log(`where the story HTML's bytes go (offset: raw / gzip -${WIRE_LEVEL} / gzip -9):`);
      for (const m of milestones(readFileSync('dist/index.html')))
        console.log(`  ${m.name}: ${m.raw} / ${m.wire} / ${m.gzip9}`);
      console.log(`first read, each response cut after ${CUT} bytes of gzip level ${WIRE_LEVEL}:`);
      for (const r of rows) {
        console.log(
          `  ${r.url} (${r.type}): ${r.raw} bytes raw, ${r.gzip9} gzip -9, ${r.wire} gzip -${WIRE_LEVEL}` +
            (r.cut ? `; CUT: ${r.delivered} bytes of HTML delivered` : '; whole'),
        );
      }
      if (errors.length) console.log(`  script errors on the cut page (text unaffected): ${errors.join('; ')}`);

      await expect(page.locator('h1')).toHaveText(normalise(chapters()[0]!.title));
      await expect(page.locator('.byline')).toContainText("Tomorrow's Affairs Staff");
      const text = normalise(await page.locator('body').innerText());
      expect(firstChapterSentences().filter((s) => !text.includes(s))).toEqual([]);
      expect(await unreadable(page, ['opening', ...ids])).toEqual([]);
      const body = await page.evaluate(() => ({
        display: getComputedStyle(document.body).display,
        visibility: getComputedStyle(document.body).visibility,
        height: document.body.scrollHeight,
      }));
      expect(body).toEqual({ display: 'block', visibility: 'visible', height: expect.any(Number) });
      // The stylesheets arrived whole, so the page is styled, not a fallback.
      expect(rows.filter((r) => r.type === 'stylesheet' && r.cut)).toEqual([]);
      expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/Charter/);
      // The first chart arrived whole and is drawn.
      await page.locator('figure.chart').first().scrollIntoViewIfNeeded();
      await expect(firstChart(page)).toBeVisible();
      expect(await firstChart(page).locator('.mark').count()).toBe(fullMarks);
      // Reported, not required: whether the first chart's link to its data page (decision 0010) came through.
      const dataLink = await page
        .locator('figure.chart')
        .first()
        .locator('xpath=following::p[contains(@class,"chart-data")][1]//a')
        .count();
      console.log(`first chart's data link: ${dataLink > 0 ? 'delivered' : 'not delivered'}`);
    },
  );

  test('on slow 3G with images blocked, chapter 1 is readable before the page has finished loading', async ({
    page,
  }) => {
    // The text is in the first response: chapter 1 ends within the first 16 KB of the compressed HTML.
    const html = readFileSync('dist/index.html');
    const { prefix } = truncatedOnTheWire(html);
    const lastId = chapters()[0]!.paragraphs.at(-1)!;
    const end = html.indexOf(`id="${lastId}"`);
    expect(end).toBeGreaterThan(0);
    expect(prefix.indexOf('</p>', end)).toBeGreaterThan(end);

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 400,
      downloadThroughput: (400 * 1000) / 8,
      uploadThroughput: (400 * 1000) / 8,
    });
    const blocked: string[] = [];
    await page.route('**/*', (route) => {
      if (route.request().resourceType() === 'image') {
        blocked.push(route.request().url());
        return route.abort('blockedbyclient');
      }
      return route.continue();
    });
    // Records, inside the page, when the last paragraph of chapter 1 is first laid out and styled.
    await page.addInitScript((id) => {
      const w = window as unknown as { __chapterOneAt?: number; __readyAtText?: string };
      const look = () => {
        const el = document.getElementById(id);
        if (el && el.getBoundingClientRect().height > 0 && /Charter/.test(getComputedStyle(document.body).fontFamily)) {
          w.__chapterOneAt = performance.now();
          w.__readyAtText = document.readyState;
          return;
        }
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    }, lastId);

    await page.goto('/', { waitUntil: 'commit' });
    await expect(page.locator(`#${lastId}`)).toBeVisible({ timeout: 30_000 });
    const text = normalise(await page.locator('main').innerText());
    expect(
      firstChapterSentences()
        .slice(2)
        .filter((s) => !text.includes(s)),
    ).toEqual([]);
    await page.waitForLoadState('load', { timeout: 60_000 });
    const t = await page.evaluate(() => {
      const w = window as unknown as { __chapterOneAt?: number; __readyAtText?: string };
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        text: w.__chapterOneAt ?? -1,
        readyState: w.__readyAtText,
        loadStart: nav.loadEventStart,
        responseEnd: nav.responseEnd,
      };
    });
    console.log(
      `slow 3G (400 kbps, 400 ms), images blocked (${blocked.length}): ` +
        `chapter 1 readable at ${Math.round(t.text)} ms (document ${t.readyState}), ` +
        `HTML fully received at ${Math.round(t.responseEnd)} ms, load event at ${Math.round(t.loadStart)} ms`,
    );
    expect(t.text).toBeGreaterThan(0);
    expect(t.text).toBeLessThan(t.loadStart);
  });
});

test.describe('scripts wait for the first paint', () => {
  // Issue #14 point 2: on a slow connection the page and its stylesheets get the first bytes. The story's one entry
  // script (src/scripts/story-enhance.ts) is requested with the HTML; every enhancement module only once the page
  // has painted, and the enhancements still come (a scrolly section upgrades, its drawing is inlined).
  test('the story requests no enhancement module before its first contentful paint, and then enhances', async ({
    page,
  }) => {
    await page.goto('/');
    await page.waitForFunction(() => customElements.get('scrolly-section') && customElements.get('copy-button'), null, {
      timeout: 15_000,
    });
    const { fcp, scripts } = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      scripts: performance
        .getEntriesByType('resource')
        .filter((r) => /\.m?js(\?|$)/.test(r.name))
        .map((r) => ({ name: r.name.replace(/^.*\//, ''), start: r.startTime })),
    }));
    expect(fcp, 'the page has painted').toBeGreaterThan(0);
    const early = scripts.filter((s) => s.start < fcp);
    expect(
      early.map((s) => s.name),
      'scripts requested before the first paint: the entry alone',
    ).toHaveLength(1);
    expect(early[0]?.name).toMatch(/^index\.astro_astro_type_script_/);
    const entry = readFileSync(join('dist', '_astro', early[0]!.name));
    // The table and Vite's preload helper, which fetches a module's own imports beside it (one round trip, not three).
    expect(gzipBytes(entry), 'the entry, gzip').toBeLessThan(2048);
    expect(scripts.length, 'the enhancement modules came after the paint').toBeGreaterThan(2);
  });
});
