/**
 * Shared parts of the gates over the production build (tests/browser/gates-*.spec.ts): the built files,
 * an instrumented page, axe runs and the checks every page passes.
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

export const DIST = 'dist';
export const BASE = (process.env.STORY_BASE ?? '/').replace(/\/?$/, '/');
export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
export const WIDTHS = [320, 768, 1280] as const;
export const HEIGHTS: Record<number, number> = { 320: 640, 768: 1024, 1280: 800 };
/**
 * The device at a width: phones and tablets (320, 768) are touch screens without hover, so
 * `(hover: none)` and `(pointer: coarse)` styles apply as they do for real readers; 1280 is a
 * desktop with a mouse.
 */
export const device = (width: number) => ({
  viewport: { width, height: HEIGHTS[width] ?? 800 },
  isMobile: width < 1024,
  hasTouch: width < 1024,
});
export const MOTIONS = ['reduce', 'no-preference'] as const;
export const SCHEMES = ['light', 'dark'] as const;

// --- the build ---

export function distFiles(): string[] {
  if (!existsSync(join(DIST, 'index.html'))) return [];
  return (readdirSync(DIST, { recursive: true }) as string[])
    .map((f) => f.split(sep).join('/'))
    .filter((f) => statSync(join(DIST, f)).isFile())
    .sort();
}
export const FILES = distFiles();

/** URL path (under the base) of every built HTML page. */
export const PAGES = FILES.filter((f) => f.endsWith('.html')).map((f) => BASE + f.replace(/(^|\/)index\.html$/, '$1'));
export const STORY = BASE;
export const EMBEDS = PAGES.filter((p) => p.startsWith(`${BASE}embed/`));
/** Embed pages for the full matrix: each chart's full view, and one pinned step of the first chart. */
export const EMBED_SET = (() => {
  const charts = EMBEDS.filter(
    (p) => p.split('/').filter(Boolean).length === BASE.split('/').filter(Boolean).length + 2,
  );
  const pinned = EMBEDS.find((p) => charts[0] && p.startsWith(charts[0]) && p !== charts[0]);
  return [...charts, ...(pinned ? [pinned] : [])];
})();
/** One page of each other kind, for the keyboard, text-spacing and target-size checks. */
export const SIDE_PAGES = ['cite/', 'share/', 'downloads/', 'data/', 'sources/', 'notes/']
  .map((prefix) => PAGES.find((p) => p.startsWith(BASE + prefix)))
  .filter((p): p is string => Boolean(p));

/** Every gates spec starts with this: the checks read dist/. */
export function requireBuild(): void {
  if (FILES.length === 0)
    throw new Error(
      'dist/index.html is missing: build first (`STORY_SITE=http://127.0.0.1:4399 npx astro build`; `npm test` does ' +
        'this).',
    );
}

// --- an instrumented page ---

export interface Watched {
  page: Page;
  errors: string[];
  offOrigin: string[];
  close: () => Promise<void>;
  /** CSP violations reported in the page since it loaded. */
  violations: () => Promise<string[]>;
}

/**
 * A page in a fresh context that records console errors and CSP violations and blocks (and records) any request off the
 * site's origin.
 */
export async function open(
  browser: Browser,
  baseURL: string,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<Watched> {
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
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`),
    );
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
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, {
    timeout: 10_000,
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * axe-core over the page (or `include`), as problem lines. Legacy mode: axe.run() in the page itself. The default mode
 * runs axe.runPartial() in each frame and then opens a blank page to merge the parts (axe.finishRun), a page and a
 * second copy of axe per check, hundreds of times in the sweeps; what it adds is cross-origin frames, and the site
 * has none (off-origin requests are blocked and fail the gates; same-origin frames are still checked by axe.run).
 */
export async function axe(page: Page, label: string, include?: string): Promise<string[]> {
  // SVG text that its drawing's viewport clips away (a step window crops the drawing; inline SVG hides its
  // overflow) is not painted, so it has no contrast to check: axe does not model SVG clipping and would measure it
  // against the page under the drawing. Text at least half inside its drawing is checked as before.
  await page.evaluate(() => {
    for (const t of document.querySelectorAll('svg text')) {
      const svg = t.closest('svg');
      const a = t.getBoundingClientRect();
      const b = svg?.getBoundingClientRect();
      const w = b ? Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) : 0;
      const h = b ? Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)) : 0;
      if (b && a.width * a.height > 0 && w * h < 0.5 * a.width * a.height) t.setAttribute('data-axe-clipped', '');
      else t.removeAttribute('data-axe-clipped');
    }
  });
  let builder = new AxeBuilder({ page }).withTags(TAGS).setLegacyMode().exclude('[data-axe-clipped]');
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations.map(
    (v) =>
      `${label}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 6)
        .join(' | ')}${v.nodes.length > 6 ? ` (+${v.nodes.length - 6} more)` : ''}`,
  );
}

/**
 * Scrolls the way a reader does until the step's state is shown: the step starts just below the
 * fold and comes up in wheel steps, so it crosses the scroller's trigger line whatever its offset.
 * Falls back to focusing the step (the keyboard path) if scrolling never activates it.
 */
export async function activate(page: Page, figure: Locator, stepId: string, index: number): Promise<void> {
  const step = figure.locator(`.step[data-step-id="${stepId}"]`);
  const active = () => figure.getAttribute('data-active-step');
  await step.evaluate((el) =>
    window.scrollBy({ top: el.getBoundingClientRect().top - innerHeight, behavior: 'instant' }),
  );
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
export const overflow = (page: Page) =>
  page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));

/** Elements carrying an event-handler attribute (on*). */
export const handlerAttributes = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes]
        .filter((a) => /^on/i.test(a.name))
        .map((a) => `<${el.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 40)}">`),
    ),
  );

/**
 * Whether the page can look different in a dark colour scheme: a prefers-color-scheme rule in its
 * style sheets, or a color-scheme that offers dark (the browser then changes its default colours).
 * When it cannot, the dark run would repeat the light one exactly, so it is skipped.
 */
export const dependsOnColourScheme = (page: Page) =>
  page.evaluate(() => {
    const meta = document.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? '';
    if (/\bdark\b/.test(meta) || /\bdark\b/.test(getComputedStyle(document.documentElement).colorScheme)) return true;
    const walk = (rules: CSSRuleList): boolean =>
      [...rules].some(
        (r) =>
          (r instanceof CSSMediaRule && /prefers-color-scheme/.test(r.conditionText)) ||
          ('cssRules' in r && walk((r as CSSGroupingRule).cssRules)),
      );
    return [...document.styleSheets].some((sheet) => {
      try {
        return walk(sheet.cssRules);
      } catch {
        return true; // unreadable sheet: assume it may
      }
    });
  });

export async function expectClean(w: Watched, label: string): Promise<void> {
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
export function fingerprint(page: Page, selector: string): Promise<string> {
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
      add(
        [
          cs.display,
          cs.visibility,
          cs.opacity,
          cs.color,
          cs.backgroundColor,
          cs.backgroundImage,
          cs.fill,
          cs.stroke,
          cs.fontSize,
          cs.fontWeight,
          cs.outlineStyle,
          cs.outlineColor,
          cs.colorScheme,
          Math.round(r.x),
          Math.round(r.y),
          Math.round(r.width),
          Math.round(r.height),
        ].join('|'),
      );
    }
    return `${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}`;
  }, selector);
}

/** The four combinations, in the order they are checked (each switch is one media feature). */
export const COMBOS: { motion: (typeof MOTIONS)[number]; scheme: (typeof SCHEMES)[number] }[] = [
  { motion: 'no-preference', scheme: 'light' },
  { motion: 'reduce', scheme: 'light' },
  { motion: 'reduce', scheme: 'dark' },
  { motion: 'no-preference', scheme: 'dark' },
];

export interface MatrixTally {
  runs: number;
  identical: number;
}

/**
 * Runs axe on `selector` under every combination of reduced motion and colour scheme, switching
 * them in place (emulateMedia) so the page keeps its state; a combination that renders the same as
 * one already checked is not run again. Leaves the page in motion on, light.
 */
export async function axeMatrix(
  page: Page,
  label: string,
  selector: string | undefined,
  tally: MatrixTally,
): Promise<string[]> {
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

/** A page for the axe matrix at a gate width, in the combination axeMatrix starts from and leaves: motion on, light. */
export const openForMatrix = (browser: Browser, baseURL: string, width: number) =>
  open(browser, baseURL, { ...device(width), reducedMotion: 'no-preference', colorScheme: 'light' });

/** Loads `path`, lets it settle and runs axe on the whole page over the matrix. */
export async function loadAndAxe(page: Page, path: string, label: string, tally: MatrixTally): Promise<string[]> {
  await page.goto(path);
  await settle(page);
  return axeMatrix(page, label, undefined, tally);
}

/** What every page must not have, as problems: sideways scrolling at 320 px and event-handler (on*) attributes. */
export async function pageProblems(page: Page, label: string, width: number): Promise<string[]> {
  const found: string[] = [];
  if (width === 320) {
    const o = await overflow(page);
    if (o > 0) found.push(`${label}: the page scrolls sideways by ${o}px`);
  }
  found.push(...(await handlerAttributes(page)).map((h) => `${label}: event-handler attribute ${h}`));
  return found;
}

export const note = (tally: MatrixTally) =>
  test.info().annotations.push({
    type: 'axe',
    description: `${tally.runs} axe runs; ${tally.identical} combinations rendered identically to one already checked`,
  });

// --- axe: the story at every scrolly step ---

/** Waits for any smooth scroll started by the focus change to end. */
export async function scrollSettled(page: Page): Promise<void> {
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
