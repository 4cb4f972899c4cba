import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const DIST = 'dist';
/** Every embed page in the build: /embed/<chart>/ and /embed/<chart>/<step>/. */
function embedPaths(): string[] {
  const out: string[] = [];
  for (const chart of readdirSync(join(DIST, 'embed'))) {
    out.push(`/embed/${chart}/`);
    for (const step of readdirSync(join(DIST, 'embed', chart), { withFileTypes: true })) {
      if (step.isDirectory()) out.push(`/embed/${chart}/${step.name}/`);
    }
  }
  return out;
}
/**
 * The snippet exactly as a reader copies it, reached from the story page: the chart's "Embed this chart" link leads to
 * its data page (issue #14), where the code is (#embed).
 */
function storySnippet(chart: string): string {
  const story = readFileSync(join(DIST, 'index.html'), 'utf8');
  const href = new RegExp(`id="embed-${chart}"><a href="([^"#]+)#embed"`).exec(story)?.[1];
  if (!href) throw new Error(`no "Embed this chart" link for ${chart} in the story`);
  const base = (process.env.STORY_BASE ?? '/').replace(/\/?$/, '/');
  const html = readFileSync(join(DIST, href.slice(base.length), 'index.html'), 'utf8');
  const m = /id="embed"[\s\S]*?<pre class="snippet"><code>([\s\S]*?)<\/code><\/pre>/.exec(html);
  if (!m) throw new Error(`no snippet for ${chart} on ${href}`);
  return m[1]!
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

let host: Server;
let hostOrigin = '';
let pageHtml = '';
test.beforeAll(async () => {
  host = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(pageHtml);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const addr = host.address();
  hostOrigin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
test.afterAll(() => new Promise<void>((resolve) => host.close(() => resolve())));

async function hostPage(page: Page, body: string) {
  pageHtml =
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width"><title>Lesson</title></head>' +
    `<body style="margin:0;padding:8px"><h1>Lesson</h1>${body}</body></html>`;
  await page.goto(`${hostOrigin}/`);
}

for (const width of [360, 1440]) {
  test(`the snippet from the story sizes the iframe to its chart at ${width}px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await hostPage(page, storySnippet('republic-day'));
    const iframe = page.locator('iframe[data-story-embed]');
    const frame = page.frameLocator('iframe[data-story-embed]');
    await expect(frame.locator('svg.chart-svg:visible')).toHaveCount(1);
    await expect
      .poll(async () => {
        const inner = await frame.locator('body').evaluate((b) => b.getBoundingClientRect().height);
        const outer = await iframe.evaluate((f) => f.getBoundingClientRect().height);
        return Math.abs(inner - outer);
      })
      .toBeLessThanOrEqual(2);
  });
}

test('the host script ignores messages from another origin or another frame', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1000, height: 900 });
  const snippet = storySnippet('republic-day');
  await hostPage(
    page,
    `${snippet}<iframe id="other" src="${baseURL}/embed/republic-day/ceremony/" ` +
      'title="other frame" width="300" height="200"></iframe>',
  );
  const iframe = page.locator('iframe[data-story-embed]');
  const frame = page.frameLocator('iframe[data-story-embed]');
  await expect(frame.locator('svg.chart-svg:visible')).toHaveCount(1);
  await page.waitForTimeout(500);
  const settled = await iframe.getAttribute('height');
  // From the host page itself (another origin).
  await page.evaluate(() => window.postMessage({ type: 'story-embed:height', height: 222 }, '*'));
  // From a frame of the right origin that is not this iframe.
  await page
    .frameLocator('#other')
    .locator('body')
    .evaluate(() => window.parent.postMessage({ type: 'story-embed:height', height: 333 }, '*'));
  await page.waitForTimeout(300);
  expect(await iframe.getAttribute('height')).toBe(settled);
  expect(await page.locator('#other').getAttribute('height')).toBe('200');
  // A message from the iframe itself is taken, clamped to the sane range.
  await frame
    .locator('body')
    .evaluate(() => window.parent.postMessage({ type: 'story-embed:height', height: 99999 }, '*'));
  await expect(iframe).toHaveAttribute('height', '5000');
});

test('a pinned step shows its state without JavaScript, and the step links switch in place with it', async ({
  browser,
}) => {
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p1 = await noJs.newPage();
  await p1.goto('/embed/republic-day/claims/');
  const fig = p1.locator('figure[data-step-ids]');
  await expect(fig).toHaveAttribute('data-active-step', '3');
  const lit = await p1
    .locator('.chart__svg:visible .mark[data-steps~="3"]')
    .first()
    .evaluate((el) => getComputedStyle(el).opacity);
  const dim = await p1
    .locator('.chart__svg:visible .mark:not([data-steps~="3"])')
    .first()
    .evaluate((el) => getComputedStyle(el).opacity);
  expect([lit, Number(dim) < 0.5]).toEqual(['1', true]);
  await noJs.close();
  const js = await browser.newContext({ reducedMotion: 'reduce' });
  const p2 = await js.newPage();
  await p2.goto('/embed/republic-day/');
  await p2.getByRole('link', { name: /^2\./ }).click();
  await expect(p2.locator('figure[data-step-ids]')).toHaveAttribute('data-active-step', '1');
  expect(new URL(p2.url()).pathname).toBe('/embed/republic-day/pickup/');
  await js.close();
});

// Accessibility, console errors and off-site requests of every embed page: tests/browser/gates.spec.ts.

test('every embed page links to its oEmbed document, which has the required fields', async ({ request }) => {
  for (const path of embedPaths()) {
    const html = await (await request.get(path)).text();
    const href = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(html)?.[1];
    expect(href, path).toBeTruthy();
    const doc = await (await request.get(new URL(href!).pathname)).json();
    expect(doc).toMatchObject({
      version: '1.0',
      type: 'rich',
      html: expect.stringContaining('<iframe'),
      width: expect.any(Number),
      height: expect.any(Number),
      title: expect.any(String),
      provider_name: expect.any(String),
      thumbnail_url: expect.stringMatching(/\.png$/),
    });
    // The dark and automatic variants of a chart share its oEmbed document (it embeds the light default).
    expect(doc.html).toContain(path.replace(/(dark|auto)\/$/, ''));
  }
});

test('downloads are valid: SVG with marks, PNG at 2x, CSV matching the data dictionary, JSON', async ({
  page,
  request,
}) => {
  const dictionary = (await (await request.get('/downloads/data-dictionary.json')).json()) as {
    columns: { name: string }[];
    playbookColumns: { name: string }[];
  };
  for (const chart of readdirSync(join(DIST, 'embed'))) {
    const svg = await (await request.get(`/downloads/${chart}.svg`)).text();
    await page.setContent('<p>check</p>');
    const parsed = await page.evaluate((s) => {
      const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        marks: doc.querySelectorAll('.mark').length,
        width: doc.documentElement.getAttribute('width'),
      };
    }, svg);
    expect(parsed.error).toBeNull();
    expect(parsed.marks).toBeGreaterThan(0);
    expect(svg).toMatch(/CC BY 4\.0/);
    const png = await (await request.get(`/downloads/${chart}.png`)).body();
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(Number(parsed.width) * 2);
    const csv = (await (await request.get(`/downloads/${chart}.csv`)).body()).toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const header = csv.slice(1).split('\r\n')[0];
    expect([dictionary.columns, dictionary.playbookColumns].map((cols) => cols.map((c) => c.name).join(','))).toContain(
      header,
    );
    const json = await (await request.get(`/downloads/${chart}.json`)).json();
    expect(json.licence.name).toBe('CC BY 4.0');
    expect(json.rows.length).toBeGreaterThan(0);
    expect(Object.keys(json.rows[0])).toEqual(json.columns.map((c: { name: string }) => c.name));
    expect(json.columns).toEqual(json.kind === 'playbook' ? dictionary.playbookColumns : dictionary.columns);
  }
  expect(existsSync(join(DIST, 'embed.js'))).toBe(true);
});
