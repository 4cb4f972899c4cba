import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, type Page } from '@playwright/test';

/**
 * The article's paragraphs (tests/fixtures/article.txt is a copy of ../shared/story/article.txt), with the two broken
 * line breaks repaired.
 */
export function articleParagraphs(): string[] {
  const raw = readFileSync(new URL('../fixtures/article.txt', import.meta.url), 'utf8')
    .replace('Ministry of Defence of\n\nKazakhstan, which', 'Ministry of Defence of Kazakhstan, which')
    .replace('Legitimisation of aggression\n\nagainst Ukraine', 'Legitimisation of aggression against Ukraine');
  return raw
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
}

/** Every sentence of the article (byline marker removed). */
export function articleSentences(): string[] {
  return articleParagraphs()
    .map((p) => p.replace(/^By: \*(.*)\*$/, '$1'))
    .flatMap((p) => p.split(/(?<=[.!?]["”]?)\s+(?=[A-Z"“])/))
    .map(normalise)
    .filter(Boolean);
}

export function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/[“”]/g, '"').replace(/[‘’]/g, "'").trim();
}

/** Collects console errors, page errors and every request URL of a page. */
export function watch(page: Page) {
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  return { errors, requests };
}

/** Gzip size of a response body in bytes. */
export function gzipBytes(body: Buffer): number {
  return gzipSync(body, { level: 9 }).length;
}

/**
 * Brings a scrolly chart (`fig`: its figure's selector) to the screen and waits until its drawing is inline: the page
 * carries each drawing as a picture of its file, and the scrolly script inlines that file as the chart nears the screen
 * (src/scripts/scrolly-section.ts), as it would have for a reader scrolling there.
 */
export async function nearChart(page: Page, fig: string): Promise<void> {
  await page
    .locator(fig)
    .first()
    .evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }));
  await expect(page.locator(`${fig} .chart__frame .chart__svg > svg`).first()).toBeAttached({ timeout: 15_000 });
  // Hover, tap and keys reach the marks once the details module (loaded after the first paint, on its own) has
  // upgraded the chart's element: an event sent before that is lost, as it would be for a reader that early.
  await expect(page.locator(`${fig} chart-details:not(:defined)`)).toHaveCount(0, { timeout: 15_000 });
}
