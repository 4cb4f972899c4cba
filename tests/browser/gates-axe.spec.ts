/**
 * Gates over the production build, part 1: axe (WCAG 2.0-2.2 A/AA and best practices), zero violations, on
 * each embed and every other page (the story at every step is axe-story.spec.ts), under reduced motion on/off
 * and light/dark, plus horizontal overflow, CSP violations, console errors and off-origin requests (the matrix:
 * gates-shared.ts).
 */
import { expect, test } from '@playwright/test';
import {
  BASE,
  WIDTHS,
  device,
  SCHEMES,
  PAGES,
  STORY,
  EMBED_SET,
  open,
  settle,
  axe,
  openForMatrix,
  loadAndAxe,
  pageProblems,
  dependsOnColourScheme,
  expectClean,
  note,
  requireBuild,
} from './gates-shared.ts';

test.beforeAll(requireBuild);

// --- axe: embed pages over the same matrix ---

test.describe('axe on embed pages, reduced motion on/off, light/dark', () => {
  for (const width of WIDTHS) {
    test(`${EMBED_SET.length} embed pages at ${width}px`, async ({ browser, baseURL }) => {
      test.setTimeout(180_000);
      expect(EMBED_SET.length).toBeGreaterThan(0);
      const w = await openForMatrix(browser, baseURL!, width);
      const tally = { runs: 0, identical: 0 };
      const found: string[] = [];
      for (const path of EMBED_SET) {
        found.push(...(await loadAndAxe(w.page, path, `${path} @${width}`, tally)));
        found.push(...(await pageProblems(w.page, `${path} @${width}`, width)));
      }
      note(tally);
      expect(found).toEqual([]);
      await expectClean(w, `embeds @${width}`);
      await w.close();
    });
  }
});

// --- every page at 320 px: axe, overflow, CSP, console, origin, handlers ---

/**
 * Every page but those whose full matrix (at 320 px too) is above, in groups that run in parallel.
 * The /cite/<target>/ pages are one template filled with different citation text (33 of them): the
 * browser checks take one of each kind of target (story, chapter, paragraph, figure); html-validate
 * and the link checker still read every one of them. This keeps `npm test` well under 10 minutes.
 */
const CITE_SAMPLE = (() => {
  const cites = PAGES.filter((p) => p.startsWith(`${BASE}cite/`));
  const pick = (re: RegExp) => cites.find((p) => re.test(p.slice(`${BASE}cite/`.length)));
  return new Set(
    [pick(/^story\//), pick(/^p\d+\//), pick(/^fig-/), pick(/^(?!story\/|p\d+\/|fig-)/)].filter((p): p is string =>
      Boolean(p),
    ),
  );
})();
/**
 * Pinned-step embeds (/embed/<chart>/<step>/) are likewise one template per chart: each step's marks, annotation and
 * sentence are checked by axe in the story at every step and width above, so the sweep takes the first pinned step
 * of each chart (and every chart's dark and automatic pages, whose colours differ). It saved about 1.5 minutes of
 * the 20 that `npm test` may take; html-validate, vnu and the link checker still read every pinned page.
 */
const PINNED_SAMPLE = (() => {
  const depth = BASE.split('/').filter(Boolean).length + 3;
  const pinned = PAGES.filter(
    (p) =>
      p.startsWith(`${BASE}embed/`) && p.split('/').filter(Boolean).length === depth && !/\/(dark|auto)\/$/.test(p),
  );
  const first = new Map<string, string>();
  for (const p of pinned) {
    const chart = p.split('/').filter(Boolean)[depth - 2]!;
    if (!first.has(chart)) first.set(chart, p);
  }
  return { all: new Set(pinned), kept: new Set(first.values()) };
})();
const OTHER_PAGES = PAGES.filter(
  (p) =>
    p !== STORY &&
    !EMBED_SET.includes(p) &&
    (!p.startsWith(`${BASE}cite/`) || CITE_SAMPLE.has(p)) &&
    (!PINNED_SAMPLE.all.has(p) || PINNED_SAMPLE.kept.has(p)),
);
const GROUP = 8;
const GROUPS = Array.from({ length: Math.ceil(OTHER_PAGES.length / GROUP) }, (_, i) =>
  OTHER_PAGES.slice(i * GROUP, (i + 1) * GROUP),
);

test.describe('every other built page at 320px, light and dark', () => {
  for (const group of GROUPS) {
    test(`${group[0]} … ${group.at(-1)} (${group.length} pages)`, async ({ browser, baseURL }) => {
      test.setTimeout(180_000);
      const found: string[] = [];
      const dark: string[] = [];
      for (const scheme of SCHEMES) {
        const w = await open(browser, baseURL!, { ...device(320), colorScheme: scheme });
        for (const path of scheme === 'light' ? group : dark) {
          const response = await w.page.goto(path);
          expect(response?.status(), path).toBe(200);
          await settle(w.page);
          // The dark run repeats only pages whose look can depend on the scheme.
          if (scheme === 'light' && (await dependsOnColourScheme(w.page))) dark.push(path);
          found.push(...(await axe(w.page, `${path} @320 ${scheme}`)));
          if (scheme === 'light') found.push(...(await pageProblems(w.page, `${path} @320`, 320)));
          // Scroll to the end so that anything loaded late is loaded (and checked) too.
          await w.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        }
        await settle(w.page);
        await expectClean(w, `${group[0]} … (${scheme})`);
        await w.close();
      }
      expect(found).toEqual([]);
    });
  }
});

// --- text spacing (WCAG 1.4.12) ---

/**
 * Applies the WCAG 1.4.12 text-spacing override and returns every element whose text is then
 * clipped: an element that hides overflow (hidden or clip) whose content no longer fits.
 * Chart SVGs are skipped: their labels are part of a graphic (role="img") whose description and
 * data table carry the same words; 1.4.12 concerns text set by the page's style sheets.
 */
