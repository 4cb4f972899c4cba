/**
 * Gates over the production build (dist/, served by `astro preview`): deterministic checks of
 * counts and rules, never timings.
 *
 *  - axe (WCAG 2.0-2.2 A/AA and best practices), zero violations:
 *      the story at 320, 768 and 1280 px, at load and at every scrolly step, each under reduced
 *      motion on/off x light/dark (switched in place with emulateMedia; a combination that renders
 *      exactly like one already checked is not run twice, see fingerprint()); each chart's embed
 *      page and a pinned step over the same matrix; every other built page at 320 px in light, and
 *      in dark when its styles depend on the colour scheme.
 *    At 320 and 768 px the context is a touch device without hover (as phones and tablets are).
 *  - what axe does not check: horizontal overflow at 320 px; the WCAG 1.4.12 text-spacing override
 *    clips no text; every control is reached by Tab, shows a visible focus, and is never hidden by
 *    the sticky graphic; targets are at least 24 x 24 px (WCAG 2.5.8, with its exceptions).
 *  - security: zero CSP violations (securitypolicyviolation events) and zero console errors on every
 *    page; no request leaves the site's origin; no element carries an on* attribute; the CSP meta
 *    has no unsafe-inline/unsafe-eval in script-src; public/_headers carries the headers a meta
 *    tag cannot, each once per path, and a host serving them frames the embeds but not the story.
 *  - links: src/build/link-check.ts over the whole build, zero broken links or anchors.
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { checkBasePaths, checkLinks, formatLinkProblems, TEXT_EXTENSIONS, type BuildFiles } from '../../src/build/link-check.ts';

const DIST = 'dist';
const BASE = (process.env.STORY_BASE ?? '/').replace(/\/?$/, '/');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const WIDTHS = [320, 768, 1280] as const;
const HEIGHTS: Record<number, number> = { 320: 640, 768: 1024, 1280: 800 };
/**
 * The device at a width: phones and tablets (320, 768) are touch screens without hover, so
 * `(hover: none)` and `(pointer: coarse)` styles apply as they do for real readers; 1280 is a
 * desktop with a mouse.
 */
const device = (width: number) => ({ viewport: { width, height: HEIGHTS[width] ?? 800 }, isMobile: width < 1024, hasTouch: width < 1024 });
const MOTIONS = ['reduce', 'no-preference'] as const;
const SCHEMES = ['light', 'dark'] as const;

// --- the build ---

function distFiles(): string[] {
  if (!existsSync(join(DIST, 'index.html'))) return [];
  return (readdirSync(DIST, { recursive: true }) as string[]).map((f) => f.split(sep).join('/')).filter((f) => statSync(join(DIST, f)).isFile()).sort();
}
const FILES = distFiles();

/** URL path (under the base) of every built HTML page. */
const PAGES = FILES.filter((f) => f.endsWith('.html')).map((f) => BASE + f.replace(/(^|\/)index\.html$/, '$1'));
const STORY = BASE;
const EMBEDS = PAGES.filter((p) => p.startsWith(`${BASE}embed/`));
/** Embed pages for the full matrix: each chart's full view, and one pinned step of the first chart. */
const EMBED_SET = (() => {
  const charts = EMBEDS.filter((p) => p.split('/').filter(Boolean).length === BASE.split('/').filter(Boolean).length + 2);
  const pinned = EMBEDS.find((p) => charts[0] && p.startsWith(charts[0]) && p !== charts[0]);
  return [...charts, ...(pinned ? [pinned] : [])];
})();
/** One page of each other kind, for the keyboard, text-spacing and target-size checks. */
const SIDE_PAGES = ['cite/', 'share/', 'downloads/']
  .map((prefix) => PAGES.find((p) => p.startsWith(BASE + prefix)))
  .filter((p): p is string => Boolean(p));

test.beforeAll(() => {
  if (FILES.length === 0) throw new Error('dist/index.html is missing: build first (`STORY_SITE=http://127.0.0.1:4399 npx astro build`; `npm test` does this).');
});

// --- an instrumented page ---

interface Watched {
  page: Page;
  errors: string[];
  offOrigin: string[];
  close: () => Promise<void>;
  /** CSP violations reported in the page since it loaded. */
  violations: () => Promise<string[]>;
}

/** A page in a fresh context that records console errors and CSP violations and blocks (and records) any request off the site's origin. */
async function open(browser: Browser, baseURL: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<Watched> {
  const context = await browser.newContext({ baseURL, ...options });
  const origin = new URL(baseURL).origin;
  const offOrigin: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin || /^(data|blob):/.test(url)) return route.continue();
    offOrigin.push(url);
    return route.abort('blockedbyclient');
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    page,
    errors,
    offOrigin,
    close: () => context.close(),
    violations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? []),
  };
}

/** Waits until no CSS transition or animation is running and two frames have been painted. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, { timeout: 10_000 });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function axe(page: Page, label: string, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.map((v) => `${label}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 6).join(' | ')}${v.nodes.length > 6 ? ` (+${v.nodes.length - 6} more)` : ''}`);
}

/**
 * Scrolls the way a reader does until the step's state is shown: the step starts just below the
 * fold and comes up in wheel steps, so it crosses the scroller's trigger line whatever its offset.
 * Falls back to focusing the step (the keyboard path) if scrolling never activates it.
 */
async function activate(page: Page, figure: Locator, stepId: string, index: number): Promise<void> {
  const step = figure.locator(`.step[data-step-id="${stepId}"]`);
  const active = () => figure.getAttribute('data-active-step');
  await step.evaluate((el) => window.scrollBy({ top: el.getBoundingClientRect().top - innerHeight, behavior: 'instant' }));
  await scrollSettled(page);
  for (let n = 0; n < 40 && (await active()) !== String(index); n++) {
    const bottom = await step.evaluate((el) => el.getBoundingClientRect().bottom / innerHeight);
    if (bottom < 0.1) break;
    await page.mouse.wheel(0, 80);
    await scrollSettled(page);
  }
  if ((await active()) !== String(index)) await step.focus();
  await expect(figure).toHaveAttribute('data-active-step', String(index));
}

/** Horizontal overflow of the page in px (0 when none). */
const overflow = (page: Page) => page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));

/** Elements carrying an event-handler attribute (on*). */
const handlerAttributes = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('*')]
      .flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${el.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 40)}">`)),
  );

/**
 * Whether the page can look different in a dark colour scheme: a prefers-color-scheme rule in its
 * style sheets, or a color-scheme that offers dark (the browser then changes its default colours).
 * When it cannot, the dark run would repeat the light one exactly, so it is skipped.
 */
const dependsOnColourScheme = (page: Page) =>
  page.evaluate(() => {
    const meta = document.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? '';
    if (/\bdark\b/.test(meta) || /\bdark\b/.test(getComputedStyle(document.documentElement).colorScheme)) return true;
    const walk = (rules: CSSRuleList): boolean =>
      [...rules].some((r) => (r instanceof CSSMediaRule && /prefers-color-scheme/.test(r.conditionText)) || ('cssRules' in r && walk((r as CSSGroupingRule).cssRules)));
    return [...document.styleSheets].some((sheet) => {
      try {
        return walk(sheet.cssRules);
      } catch {
        return true; // unreadable sheet: assume it may
      }
    });
  });

async function expectClean(w: Watched, label: string): Promise<void> {
  expect(await w.violations(), `${label}: CSP violations`).toEqual([]);
  expect(w.errors, `${label}: console errors`).toEqual([]);
  expect(w.offOrigin, `${label}: requests off the site's origin`).toEqual([]);
}

// --- axe over the matrix: reduced motion on/off x light/dark, switched in place ---

/**
 * A fingerprint of what axe reads in `selector`: every element's tag, attributes, box and the
 * computed styles that decide visibility, colour and size. Two states with the same fingerprint
 * give the same axe result, so a combination of the matrix that renders identically to one
 * already checked (reduced motion only removes transitions; a page with no dark style looks the
 * same in dark) is counted as checked without running axe again.
 */
function fingerprint(page: Page, selector: string): Promise<string> {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel) ?? document.documentElement;
    let h1 = 0x811c9dc5;
    let h2 = 0;
    const add = (s: string) => {
      for (let i = 0; i < s.length; i++) {
        h1 = Math.imul(h1 ^ s.charCodeAt(i), 16777619);
        h2 = (Math.imul(h2, 31) + s.charCodeAt(i)) | 0;
      }
    };
    for (const el of [root, ...root.querySelectorAll('*')]) {
      add(el.tagName);
      for (const a of el.attributes) add(`${a.name}=${a.value}`);
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      add([cs.display, cs.visibility, cs.opacity, cs.color, cs.backgroundColor, cs.backgroundImage, cs.fill, cs.stroke, cs.fontSize, cs.fontWeight, cs.outlineStyle, cs.outlineColor, cs.colorScheme, Math.round(r.x), Math.round(r.y), Math.round(r.width), Math.round(r.height)].join('|'));
    }
    return `${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}`;
  }, selector);
}

/** The four combinations, in the order they are checked (each switch is one media feature). */
const COMBOS: { motion: (typeof MOTIONS)[number]; scheme: (typeof SCHEMES)[number] }[] = [
  { motion: 'no-preference', scheme: 'light' },
  { motion: 'reduce', scheme: 'light' },
  { motion: 'reduce', scheme: 'dark' },
  { motion: 'no-preference', scheme: 'dark' },
];

interface MatrixTally {
  runs: number;
  identical: number;
}

/**
 * Runs axe on `selector` under every combination of reduced motion and colour scheme, switching
 * them in place (emulateMedia) so the page keeps its state; a combination that renders the same as
 * one already checked is not run again. Leaves the page in motion on, light.
 */
async function axeMatrix(page: Page, label: string, selector: string | undefined, tally: MatrixTally): Promise<string[]> {
  const found: string[] = [];
  const seen = new Set<string>();
  // A page with no colour-scheme-dependent style renders the same in dark: no need to look.
  const schemeMatters = await dependsOnColourScheme(page);
  for (const c of COMBOS) {
    if (c.scheme === 'dark' && !schemeMatters) {
      tally.identical++;
      continue;
    }
    await page.emulateMedia({ reducedMotion: c.motion, colorScheme: c.scheme });
    await settle(page);
    const fp = await fingerprint(page, selector ?? 'html');
    if (seen.has(fp)) {
      tally.identical++;
      continue;
    }
    seen.add(fp);
    tally.runs++;
    found.push(...(await axe(page, `${label} motion ${c.motion} ${c.scheme}`, selector)));
  }
  await page.emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' });
  await settle(page);
  return found;
}

const note = (tally: MatrixTally) => test.info().annotations.push({ type: 'axe', description: `${tally.runs} axe runs; ${tally.identical} combinations rendered identically to one already checked` });

// --- axe: the story at every scrolly step ---

test.describe('axe on the story at every step, reduced motion on/off, light/dark', () => {
  for (const width of WIDTHS) {
    test(`story at ${width}px`, async ({ browser, baseURL }) => {
      test.setTimeout(300_000);
      const w = await open(browser, baseURL!, { ...device(width), reducedMotion: 'no-preference', colorScheme: 'light' });
      const { page } = w;
      const label = `${STORY} @${width}`;
      const tally = { runs: 0, identical: 0 };
      await page.goto(STORY);
      await settle(page);
      const found = await axeMatrix(page, `${label} at load`, undefined, tally);
      const figures = await page.locator('scrolly-section figure[data-step-ids]').all();
      expect(figures.length).toBeGreaterThan(0);
      for (const figure of figures) {
        const figId = (await figure.getAttribute('id'))!;
        const ids = (await figure.getAttribute('data-step-ids'))!.split(' ');
        for (const [i, id] of ids.entries()) {
          // Scrolled to with motion on, so the step's transitions really run before the check.
          await activate(page, figure, id, i);
          // A step changes only its figure (chart state, active step); the rest was checked at load.
          found.push(...(await axeMatrix(page, `${label} step ${figId}/${id}`, `[id="${figId}"]`, tally)));
        }
      }
      note(tally);
      if (width === 320) expect(await overflow(page), `${label}: horizontal overflow (px)`).toBe(0);
      expect(await handlerAttributes(page), `${label}: on* attributes`).toEqual([]);
      expect(found).toEqual([]);
      await expectClean(w, label);
      await w.close();
    });
  }
});

// --- axe: embed pages over the same matrix ---

test.describe('axe on embed pages, reduced motion on/off, light/dark', () => {
  for (const width of WIDTHS) {
    test(`${EMBED_SET.length} embed pages at ${width}px`, async ({ browser, baseURL }) => {
      test.setTimeout(180_000);
      expect(EMBED_SET.length).toBeGreaterThan(0);
      const w = await open(browser, baseURL!, { ...device(width), reducedMotion: 'no-preference', colorScheme: 'light' });
      const tally = { runs: 0, identical: 0 };
      const found: string[] = [];
      for (const path of EMBED_SET) {
        await w.page.goto(path);
        await settle(w.page);
        found.push(...(await axeMatrix(w.page, `${path} @${width}`, undefined, tally)));
        if (width === 320) {
          const o = await overflow(w.page);
          if (o > 0) found.push(`${path} @320: the page scrolls sideways by ${o}px`);
        }
        found.push(...(await handlerAttributes(w.page)).map((h) => `${path}: event-handler attribute ${h}`));
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
  return new Set([pick(/^story\//), pick(/^p\d+\//), pick(/^fig-/), pick(/^(?!story\/|p\d+\/|fig-)/)].filter((p): p is string => Boolean(p)));
})();
const OTHER_PAGES = PAGES.filter((p) => p !== STORY && !EMBED_SET.includes(p) && (!p.startsWith(`${BASE}cite/`) || CITE_SAMPLE.has(p)));
const GROUP = 8;
const GROUPS = Array.from({ length: Math.ceil(OTHER_PAGES.length / GROUP) }, (_, i) => OTHER_PAGES.slice(i * GROUP, (i + 1) * GROUP));

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
          if (scheme === 'light') {
            const o = await overflow(w.page);
            if (o > 0) found.push(`${path} @320: the page scrolls sideways by ${o}px`);
            found.push(...(await handlerAttributes(w.page)).map((h) => `${path}: event-handler attribute ${h}`));
          }
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
const TEXT_SPACING_CSS = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';

async function clippedUnderTextSpacing(page: Page): Promise<string[]> {
  return page.evaluate(async (css) => {
    // A constructed style sheet: not an inline <style>, so the page's CSP does not block it.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.closest('svg')) continue;
      const s = getComputedStyle(el);
      const clips = (v: string) => v === 'hidden' || v === 'clip';
      if (!clips(s.overflowX) && !clips(s.overflowY)) continue;
      // Visually hidden text (1px boxes for screen readers) is clipped by design.
      if (el.clientWidth <= 2 || el.clientHeight <= 2) continue;
      if (!el.textContent?.trim()) continue;
      const x = clips(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
      const y = clips(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
      if (x || y) out.push(`<${el.tagName.toLowerCase()} class="${el.className}"> clips its text ${x ? `horizontally (${el.scrollWidth} > ${el.clientWidth})` : ''}${y ? `vertically (${el.scrollHeight} > ${el.clientHeight})` : ''}`);
      if (s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) out.push(`<${el.tagName.toLowerCase()} class="${el.className}"> truncates its text with an ellipsis`);
    }
    return out;
  }, TEXT_SPACING_CSS);
}

test.describe('text spacing override (WCAG 1.4.12) clips no text', () => {
  for (const width of [320, 1280]) {
    test(`story, an embed page and the side pages at ${width}px`, async ({ browser, baseURL }) => {
      test.setTimeout(120_000);
      const w = await open(browser, baseURL!, { ...device(width), reducedMotion: 'reduce' });
      const found: string[] = [];
      for (const path of [STORY, ...EMBED_SET.slice(0, 1), ...SIDE_PAGES]) {
        await w.page.goto(path);
        await settle(w.page);
        // Open every <details>, so that the text inside is checked too.
        await w.page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        found.push(...(await clippedUnderTextSpacing(w.page)).map((p) => `${path} @${width}: ${p}`));
        if (width === 320) {
          const o = await overflow(w.page);
          if (o > 0) found.push(`${path} @${width}: the page scrolls sideways by ${o}px under text spacing`);
        }
      }
      expect(found).toEqual([]);
      await w.close();
    });
  }
});

// --- keyboard: every control reached by Tab, focus visible and never hidden by the sticky graphic ---

interface FocusCheck {
  /** The control's key from markFocusables() ("unlisted-N" for one it did not list); null when focus is on the document. */
  key: string | null;
  problems: string[];
}

/** Marks every control the page shows that Tab should reach; returns their keys and names. */
function markFocusables(page: Page): Promise<{ key: string; name: string }[]> {
  return page.evaluate(() => {
    const selector = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, [tabindex], [contenteditable="true"]';
    const out: { key: string; name: string }[] = [];
    let n = 0;
    for (const el of document.querySelectorAll<HTMLElement>(selector)) {
      if (el.tabIndex < 0 || (el as HTMLButtonElement).disabled || el.closest('[inert]')) continue;
      if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      // A <summary> is the control of its <details>; the details element itself is not a stop.
      const key = String(n++);
      el.dataset.gateFocus = key;
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 50);
      out.push({ key, name: `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> "${name}"` });
    }
    return out;
  });
}

/** Checks the focused element: focus indicator visible, in the viewport, not hidden by a sticky or fixed layer. */
function checkFocused(page: Page): Promise<FocusCheck> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return { key: null, problems: [] };
    const name = `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
    const problems: string[] = [];
    // A focusable markFocusables() did not list (made focusable later) gets its own key.
    if (!el.dataset.gateFocus) el.dataset.gateFocus = `unlisted-${document.querySelectorAll('[data-gate-focus^="unlisted-"]').length}`;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && (s.outlineStyle === 'auto' || parseFloat(s.outlineWidth) >= 1);
    const shadow = s.boxShadow !== 'none';
    if (!el.matches(':focus-visible')) problems.push(`${name}: focused by Tab but not :focus-visible`);
    if (!outline && !shadow) problems.push(`${name}: no visible focus indicator (outline: ${s.outlineStyle} ${s.outlineWidth}, box-shadow: none)`);
    let opacity = 1;
    for (let n: Element | null = el; n; n = n.parentElement) opacity *= Number(getComputedStyle(n).opacity);
    if (opacity < 0.5) problems.push(`${name}: focused but nearly transparent (opacity ${opacity})`);
    const r = el.getBoundingClientRect();
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    if (r.bottom <= 0 || r.top >= vh || r.right <= 0 || r.left >= vw) {
      problems.push(`${name}: focused but outside the viewport (top ${Math.round(r.top)})`);
      return { key: el.dataset.gateFocus!, problems };
    }
    // Hit-test the centre and four points just inside the corners (clamped to the viewport).
    const inset = Math.min(3, r.width / 4, r.height / 4);
    const points: [number, number][] = [
      [(r.left + r.right) / 2, (r.top + r.bottom) / 2],
      [r.left + inset, r.top + inset],
      [r.right - inset, r.top + inset],
      [r.left + inset, r.bottom - inset],
      [r.right - inset, r.bottom - inset],
    ].map(([x, y]) => [Math.min(vw - 1, Math.max(0, x!)), Math.min(vh - 1, Math.max(0, y!))] as [number, number]);
    const layerOf = (n: Element | null): Element | null => {
      for (; n; n = n.parentElement) {
        const p = getComputedStyle(n).position;
        if (p === 'sticky' || p === 'fixed') return n;
      }
      return null;
    };
    let covered = 0;
    let bySticky: Element | null = null;
    points.forEach(([x, y], i) => {
      const hit = document.elementFromPoint(x, y);
      if (!hit || el.contains(hit) || hit.contains(el)) return;
      covered++;
      const layer = layerOf(hit);
      if (layer && !layer.contains(el) && (i === 0 || !bySticky)) bySticky = i === 0 ? layer : bySticky ?? layer;
    });
    if (covered === points.length) problems.push(`${name}: entirely hidden by other content`);
    else if (bySticky) problems.push(`${name}: partly hidden by the sticky <${(bySticky as Element).tagName.toLowerCase()} class="${(bySticky as Element).className}">`);
    return { key: el.dataset.gateFocus!, problems };
  });
}

/** Waits for any smooth scroll started by the focus change to end. */
async function scrollSettled(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = -1;
        let still = 0;
        const tick = () => {
          const y = window.scrollY;
          still = y === last ? still + 1 : 0;
          last = y;
          if (still >= 3) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

test.describe('keyboard', () => {
  const cases: { path: string; width: number; motion: (typeof MOTIONS)[number] }[] = [
    { path: STORY, width: 320, motion: 'reduce' },
    { path: STORY, width: 768, motion: 'reduce' },
    { path: STORY, width: 1280, motion: 'reduce' },
    ...[...EMBED_SET.slice(0, 1), ...SIDE_PAGES].map((path) => ({ path, width: 320, motion: 'reduce' as const })),
  ];
  for (const c of cases) {
    test(`${c.path} at ${c.width}px, motion ${c.motion}: Tab reaches every control with a visible, unhidden focus`, async ({ browser, baseURL }) => {
      test.setTimeout(240_000);
      const w = await open(browser, baseURL!, { ...device(c.width), reducedMotion: c.motion });
      const { page } = w;
      await page.goto(c.path);
      await settle(page);
      const controls = await markFocusables(page);
      expect(controls.length).toBeGreaterThan(0);
      const reached = new Set<string>();
      const problems: string[] = [];
      for (let i = 0; i < controls.length * 2 + 20; i++) {
        await page.keyboard.press('Tab');
        if (c.motion === 'no-preference') await scrollSettled(page);
        const f = await checkFocused(page);
        if (f.key === null) {
          if (reached.size > 0) break; // focus left the document: the cycle is complete
          continue;
        }
        if (reached.has(f.key)) break; // wrapped around
        reached.add(f.key);
        problems.push(...f.problems);
      }
      const missed = controls.filter((x) => !reached.has(x.key)).map((x) => `${x.name}: not reached by Tab`);
      expect([...problems, ...missed]).toEqual([]);
      await w.close();
    });
  }
});

// --- target size (WCAG 2.5.8) ---

/** Interactive elements smaller than 24 x 24 px that neither sit in a line of text nor have room around them. */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"], [role="tab"], [role="checkbox"], [tabindex]:not([tabindex="-1"])';
    const els = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length > 0);
    const rects = els.map((el) => el.getBoundingClientRect());
    const small = (r: DOMRect) => r.width < 24 - 0.01 || r.height < 24 - 0.01;
    /** Inline exception: a link in a sentence or block of text, whose size the line height sets. */
    const inSentence = (el: HTMLElement) => {
      if (getComputedStyle(el).display !== 'inline') return false;
      const block = el.parentElement;
      if (!block) return false;
      const text = [...block.childNodes].filter((n) => n !== el && !(n instanceof Element && n.matches(selector))).map((n) => n.textContent ?? '').join('').trim();
      return text.length > 0;
    };
    const centre = (r: DOMRect) => [(r.left + r.right) / 2, (r.top + r.bottom) / 2] as const;
    const circleHitsRect = (cx: number, cy: number, rad: number, r: DOMRect) => {
      const dx = Math.max(r.left - cx, 0, cx - r.right);
      const dy = Math.max(r.top - cy, 0, cy - r.bottom);
      return dx * dx + dy * dy < rad * rad;
    };
    const out: string[] = [];
    els.forEach((el, i) => {
      const r = rects[i]!;
      if (!small(r) || inSentence(el)) return;
      // Spacing exception: a 24 px circle on the target's centre meets no other target, nor the circle of another undersized one.
      const [cx, cy] = centre(r);
      const clash = els.findIndex((other, j) => {
        if (j === i || other.contains(el) || el.contains(other)) return false;
        const o = rects[j]!;
        if (circleHitsRect(cx, cy, 12, o)) return true;
        if (small(o) && !inSentence(other)) {
          const [ox, oy] = centre(o);
          return Math.hypot(cx - ox, cy - oy) < 24;
        }
        return false;
      });
      if (clash >= 0) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        out.push(`<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> "${name}" is ${Math.round(r.width)}x${Math.round(r.height)} px, within 24 px of <${els[clash]!.tagName.toLowerCase()}> "${(els[clash]!.textContent ?? '').trim().slice(0, 30)}"`);
      }
    });
    return out;
  });
}

test.describe('targets are at least 24 x 24 px', () => {
  for (const width of [320, 1280]) {
    test(`story, embed and side pages at ${width}px`, async ({ browser, baseURL }) => {
      test.setTimeout(120_000);
      const w = await open(browser, baseURL!, { ...device(width), reducedMotion: 'reduce' });
      const found: string[] = [];
      for (const path of [STORY, ...EMBED_SET, ...SIDE_PAGES]) {
        await w.page.goto(path);
        await settle(w.page);
        await w.page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        found.push(...(await smallTargets(w.page)).map((p) => `${path} @${width}: ${p}`));
      }
      expect(found).toEqual([]);
      await w.close();
    });
  }
});

// --- Content-Security-Policy in the built pages ---

test('every page has a CSP meta tag: default-src \'none\', no unsafe-inline or unsafe-eval for scripts', () => {
  const problems: string[] = [];
  for (const f of FILES.filter((x) => x.endsWith('.html'))) {
    const html = readFileSync(join(DIST, f), 'utf8');
    const metas = [...html.matchAll(/<meta\s+http-equiv="content-security-policy"\s+content="([^"]*)"/gi)].map((m) => m[1]!.replace(/&#39;/g, "'").replace(/&quot;/g, '"'));
    if (metas.length !== 1) {
      problems.push(`${f}: ${metas.length} CSP meta tags (want 1)`);
      continue;
    }
    const directives = new Map(metas[0]!.split(';').map((d) => d.trim()).filter(Boolean).map((d) => { const [k, ...v] = d.split(/\s+/); return [k!.toLowerCase(), v] as const; }));
    if (directives.get('default-src')?.join(' ') !== "'none'") problems.push(`${f}: default-src is not 'none'`);
    const scripts = directives.get('script-src') ?? directives.get('default-src') ?? [];
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", '*', 'data:', 'http:', 'https:']) {
      if (scripts.includes(bad)) problems.push(`${f}: script-src allows ${bad}`);
    }
    if (!directives.has('base-uri')) problems.push(`${f}: no base-uri`);
    // A page that runs no script at all needs no script-src beyond default-src 'none'.
    if (/<script\b(?![^>]*type="application\/ld\+json")/.test(html) && !directives.has('script-src')) problems.push(`${f}: has scripts but no script-src`);
  }
  expect(problems).toEqual([]);
});

// --- public/_headers: what a meta tag cannot carry ---

interface HeaderRule {
  pattern: string;
  headers: [string, string][];
}

/** Parses a Netlify/Cloudflare _headers file. */
function parseHeaders(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: [] });
    else {
      const m = /^\s+([^:]+):\s*(.*)$/.exec(line);
      if (!m || rules.length === 0) throw new Error(`_headers: cannot read "${line}"`);
      rules.at(-1)!.headers.push([m[1]!.trim(), m[2]!.trim()]);
    }
  }
  return rules;
}

/** Whether a _headers path pattern matches a URL path ("*" matches the rest, ":name" one segment). */
function matches(pattern: string, path: string): boolean {
  const re = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]\w*/g, '[^/]+')).join('.*');
  return new RegExp(`^${re}$`).test(path);
}

/** The headers a host applies to a path: every matching rule, values of repeated names joined with ", " (as Netlify and Cloudflare do). */
function headersFor(rules: HeaderRule[], path: string): { headers: Map<string, string>; repeated: string[] } {
  const headers = new Map<string, string>();
  const repeated: string[] = [];
  for (const r of rules) {
    if (!matches(r.pattern, path)) continue;
    for (const [k, v] of r.headers) {
      const key = k.toLowerCase();
      if (headers.has(key)) repeated.push(`${key} (again in "${r.pattern}")`);
      headers.set(key, headers.has(key) ? `${headers.get(key)}, ${v}` : v);
    }
  }
  return { headers, repeated };
}

const headerRules = () => parseHeaders(readFileSync(join(DIST, '_headers'), 'utf8'));
/** The URL path of a built file, as a host serves it. */
const urlOf = (f: string) => '/' + f.replace(/(^|\/)index\.html$/, '$1');

test('public/_headers gives every page the headers a meta tag cannot carry, each set once', () => {
  expect(existsSync(join(DIST, '_headers')), 'dist/_headers (from public/_headers)').toBe(true);
  const rules = headerRules();
  const problems: string[] = [];
  for (const f of FILES.filter((x) => x !== '_headers')) {
    const { headers: h, repeated } = headersFor(rules, urlOf(f));
    if (repeated.length) problems.push(`${urlOf(f)}: set by two rules (a host would join them with a comma): ${repeated.join(', ')}`);
    for (const name of ['strict-transport-security', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy']) {
      if (!h.has(name)) problems.push(`${urlOf(f)}: no ${name}`);
    }
    if (h.get('x-content-type-options') !== undefined && h.get('x-content-type-options') !== 'nosniff') problems.push(`${urlOf(f)}: x-content-type-options is not nosniff`);
    if (!/max-age=(\d+)/.test(h.get('strict-transport-security') ?? '') || Number(/max-age=(\d+)/.exec(h.get('strict-transport-security')!)![1]) < 31536000) problems.push(`${urlOf(f)}: HSTS max-age under a year`);
    if (!f.endsWith('.html')) continue;
    const csp = h.get('content-security-policy') ?? '';
    const ancestors = /frame-ancestors ([^;]+)/.exec(csp)?.[1]?.trim();
    if (f.startsWith('embed/')) {
      if (!ancestors || ancestors === "'none'") problems.push(`${urlOf(f)}: an embed page must allow framing (frame-ancestors), has "${ancestors}"`);
      if (h.has('x-frame-options')) problems.push(`${urlOf(f)}: an embed page must not send X-Frame-Options`);
    } else {
      if (ancestors !== "'none'") problems.push(`${urlOf(f)}: frame-ancestors must be 'none', is "${ancestors}"`);
      if (h.get('x-frame-options') !== 'DENY' && !f.startsWith('downloads/')) problems.push(`${urlOf(f)}: X-Frame-Options is not DENY`);
    }
    if (/unsafe-inline|unsafe-eval/.test(csp)) problems.push(`${urlOf(f)}: header CSP allows unsafe-*`);
  }
  expect(problems).toEqual([]);
});

/** A static server over dist/ that sends the _headers headers (to see them work in a browser). */
function headerServer(): Promise<{ server: Server; port: number }> {
  const rules = headerRules();
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.csv': 'text/csv; charset=utf-8', '.woff2': 'font/woff2', '.txt': 'text/plain' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(DIST, path));
    if (!file.startsWith(normalize(DIST))) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    const { headers } = headersFor(rules, path);
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', ...Object.fromEntries(headers) });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

test('served with its _headers: pages load clean, embeds can be framed by another site and the story cannot', async ({ browser }) => {
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
    const lesson = `<!doctype html><html lang="en"><title>host</title><iframe name="embed" src="${site}${embed}" title="embed" width="800" height="600"></iframe><iframe name="story" src="${site}${STORY}" title="story" width="800" height="600"></iframe>`;
    hostServer = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(lesson));
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
  const files: BuildFiles = new Map(FILES.map((f) => [f, TEXT_EXTENSIONS.includes(f.slice(f.lastIndexOf('.') + 1).toLowerCase()) ? readFileSync(join(DIST, f), 'utf8') : null]));
  const canonical = /<link rel="canonical" href="([^"]+)"/.exec(readFileSync(join(DIST, 'index.html'), 'utf8'))?.[1];
  expect(canonical, 'the story declares its canonical URL (the site the build was made for)').toBeTruthy();
  const options = { base: BASE, site: new URL(canonical!).origin };
  const problems = [...checkLinks(files, options), ...checkBasePaths(files, options)];
  expect(formatLinkProblems(problems)).toBe('');
});
