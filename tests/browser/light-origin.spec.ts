/**
 * Issue #14 point 2 (CLS 0 during load) on the release with a light origin (STORY_LIGHT_ORIGIN, docs/publish.md
 * section 6). That release moves the story's stylesheets after the way out, so a reader whose connection freezes is
 * shown the way out without them. The way out is then painted before the stylesheets arrive; without its own rules
 * in <head> (src/styles/way-out.css, copied by src/build/light-origin.ts) it is painted in the browser's default type
 * and margins and moves when they come: a layout shift for every reader of that release, cut or not.
 *
 * The page is the story as that release writes it (the same function, applied to this build's page, so the suites
 * keep one build), its stylesheets held back for a second and a half as a slow network would. The same page without
 * the copied rules is measured too: it must shift, or the measurement could not see the fault it guards against.
 */
import { expect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pointToLightOrigin } from '../../src/build/light-origin.ts';

const BASE = (process.env.STORY_BASE ?? '/').replace(/\/?$/, '/');
const STORY = readFileSync(join('dist', BASE, 'index.html'), 'utf8');
const HOLD = 1500;

/** Loads the story as the light-origin release writes it (`style` undefined: way-out.css) and returns its CLS. */
async function loadShift(page: Page, style?: string): Promise<{ cls: number; paintedEarly: boolean }> {
  const html = pointToLightOrigin(STORY, BASE, 'https://light.story.invalid', style);
  await page.route(
    (url) => url.pathname === BASE,
    (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
  );
  await page.route('**/*.css', async (route) => {
    await new Promise((r) => setTimeout(r, HOLD));
    await route.continue();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { cls: number };
    w.cls = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
        if (!e.hadRecentInput) w.cls += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(BASE, { waitUntil: 'commit' });
  // While the stylesheets are held back: the way out must already be on screen (painted without them).
  await page.waitForTimeout(HOLD / 2);
  const paintedEarly = await page.evaluate(
    () =>
      performance.getEntriesByName('first-contentful-paint').length > 0 &&
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].every((l) => !l.sheet),
  );
  await page.waitForLoadState('load');
  await page.waitForTimeout(500);
  const cls = await page.evaluate(() => (window as unknown as { cls: number }).cls);
  return { cls, paintedEarly };
}

for (const viewport of [
  { width: 360, height: 800 },
  { width: 1440, height: 900 },
]) {
  test(`light-origin release at ${viewport.width}px: the way out is painted before the sheets and never moves`, async ({
    browser,
  }) => {
    test.setTimeout(60_000);
    const run = async (style?: string) => {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      try {
        return await loadShift(await context.newPage(), style);
      } finally {
        await context.close();
      }
    };
    const plain = await run('');
    expect(plain.paintedEarly, 'the way out is painted while the stylesheets are held back').toBe(true);
    expect(plain.cls, 'without its own rules the way out moves when the stylesheets come').toBeGreaterThan(0);
    const release = await run();
    expect(release.paintedEarly, 'the way out is painted while the stylesheets are held back').toBe(true);
    expect(release.cls, 'CLS during load of the light-origin release').toBe(0);
  });
}
