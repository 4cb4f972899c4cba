/**
 * Measurements in the browser: the text-only floor, bytes and requests by type, Lighthouse, the scripted scroll.
 * (Part of `npm run bench`, see bench/run.mjs.)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNS, CHROME, CHROME_FLAGS, log, median, gz, br } from './common.mjs';

// --- the text-only floor ---

/**
 * The story with the same text and style sheets, and no chart and no JavaScript: every <script>
 * (JSON-LD too) and module preload removed, every chart drawing, legend, caption, data table and
 * embed snippet removed, and the scrolly steps kept as plain blocks of text in reading order.
 */
export async function writeFloor(browser, dist) {
  const raw = readFileSync(join(dist, 'index.html'), 'utf8')
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*rel="modulepreload"[^>]*>/gi, '');
  const page = await browser.newPage({ javaScriptEnabled: true });
  // Load as a detached document: no resource is fetched, nothing runs.
  await page.route('**/*', (r) => r.abort());
  await page.setContent(raw, { waitUntil: 'domcontentloaded' });
  const html = await page.evaluate(() => {
    const drop = [
      '.chart__sticky, chart-details, .chart__svg, svg, picture, .legend, figcaption',
      'details.chart-table, .chart-table',
      '.embed-this, copy-button, .details-panel, .quote-link',
      'link[rel="canonical"], link[rel="alternate"], meta[property="og:url"]',
    ].join(', ');
    for (const e of document.querySelectorAll(drop)) e.remove();
    for (const step of document.querySelectorAll('.step')) {
      step.removeAttribute('tabindex');
      step.removeAttribute('class');
      step.removeAttribute('data-step-id');
    }
    for (const el of document.querySelectorAll('scrolly-section, figure')) el.replaceWith(...el.childNodes);
    return `<!DOCTYPE html>${document.documentElement.outerHTML}`;
  });
  await page.close();
  mkdirSync(join(dist, 'bench-floor'), { recursive: true });
  writeFileSync(join(dist, 'bench-floor', 'index.html'), html);
}

// --- bytes and requests ---

export const KIND = { document: 'html', stylesheet: 'css', script: 'js', font: 'fonts', image: 'images' };

/** Where the first chapter ends in the HTML: raw, gzip and brotli bytes of everything before it. */
export function firstChapterEnd(html) {
  const starts = [...html.matchAll(/<section\b[^>]*class="chapter"/g)].map((m) => m.index);
  if (starts.length === 0) return null;
  const end = starts[1] ?? html.indexOf('</main>', starts[0]);
  if (end < 0) return null;
  const prefix = Buffer.from(html.slice(0, end));
  const all = Buffer.from(html);
  return { raw: prefix.length, gzip: gz(prefix), brotli: br(prefix), ofGzip: gz(all), ofBrotli: br(all) };
}

export async function measureBytes(browser, url) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  const page = await context.newPage();
  const responses = [];
  page.on('response', async (r) => {
    try {
      const body = await r.body();
      responses.push({ url: r.url(), type: KIND[r.request().resourceType()] ?? 'other', body });
    } catch {
      /* redirects and aborted requests have no body */
    }
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await context.close();
  const byType = {};
  let largest = { url: '', gzip: 0, brotli: 0 };
  for (const r of responses) {
    byType[r.type] ??= { requests: 0, raw: 0, gzip: 0, brotli: 0 };
    const t = byType[r.type];
    const g = gz(r.body);
    const b = br(r.body);
    t.requests++;
    t.raw += r.body.length;
    t.gzip += g;
    t.brotli += b;
    if (b > largest.brotli) largest = { url: new URL(r.url).pathname, gzip: g, brotli: b };
  }
  const total = Object.values(byType).reduce(
    (a, t) => ({
      requests: a.requests + t.requests,
      raw: a.raw + t.raw,
      gzip: a.gzip + t.gzip,
      brotli: a.brotli + t.brotli,
    }),
    { requests: 0, raw: 0, gzip: 0, brotli: 0 },
  );
  const doc = responses.find((r) => r.type === 'html');
  return { byType, total, largest, firstChapter: doc ? firstChapterEnd(doc.body.toString('utf8')) : null };
}

// --- Lighthouse ---

export async function lighthouseRuns(urls) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  const runsOf = new Map(urls.map((u) => [u, []]));
  try {
    // Interleaved: run i of every page, then run i + 1, so a change in the machine's load touches every page alike.
    for (let i = 0; i < RUNS; i++) {
      for (const url of urls) {
        const runs = runsOf.get(url);
        const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
        runs.push(summary(r.lhr));
        const last = runs.at(-1);
        log(
          `lighthouse ${new URL(url).pathname} run ${i + 1}/${RUNS}: ` +
            `perf ${last.performance}, LCP ${Math.round(last.lcp)} ms`,
        );
      }
    }
  } finally {
    await chrome.kill();
  }
  const keys = [
    'performance',
    'accessibility',
    'bestPractices',
    'seo',
    'fcp',
    'lcp',
    'speedIndex',
    'tbt',
    'cls',
    'dom',
  ];
  const out = {};
  for (const [url, runs] of runsOf) {
    const failing = {};
    for (const r of runs)
      for (const [cat, ids] of Object.entries(r.failing))
        failing[cat] = [...new Set([...(failing[cat] ?? []), ...ids])];
    out[url] = {
      ...Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])),
      failing,
      runs: runs.map(({ failing: _f, ...r }) => r),
    };
  }
  return out;
}

/** One Lighthouse report, the figures the tables use. */
function summary(lhr) {
  const a = (id) => lhr.audits[id]?.numericValue ?? null;
  return {
    performance: lhr.categories.performance?.score * 100,
    accessibility: lhr.categories.accessibility?.score * 100,
    bestPractices: lhr.categories['best-practices']?.score * 100,
    seo: lhr.categories.seo?.score * 100,
    fcp: a('first-contentful-paint'),
    lcp: a('largest-contentful-paint'),
    speedIndex: a('speed-index'),
    tbt: a('total-blocking-time'),
    cls: a('cumulative-layout-shift'),
    dom: a('dom-size'),
    warnings: lhr.runWarnings ?? [],
    // Audits that cost points, by category (so a score below 100 says why).
    failing: Object.fromEntries(
      Object.entries(lhr.categories).map(([cat, c]) => [
        cat,
        c.auditRefs
          .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score !== null && lhr.audits[ref.id]?.score < 1)
          .map((ref) => ref.id),
      ]),
    ),
  };
}

// --- the scripted scroll at 4x CPU slowdown ---

export async function scrollRun(browser, url) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, reducedMotion: 'no-preference' });
  await context.addInitScript(() => {
    const p = { long: [], shifts: [], loadShifts: [], frames: [], recording: false };
    window.__perf = p;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (p.recording) p.long.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (!e.hadRecentInput) (p.recording ? p.shifts : p.loadShifts).push(e.value);
    }).observe({ type: 'layout-shift', buffered: false });
    const tick = (t) => {
      if (p.recording) p.frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // A pointer resting on the page from the start, as a reader's mouse does (the details panel follows hover).
  await page.mouse.move(206, 411);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(500);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.evaluate(() => (window.__perf.recording = true));
  const stepCount = await page.locator('.step').count();
  const seen = new Set();
  const t0 = Date.now();
  // Wheel down 100 px at a time (about 2,000 px/s) to the end, noting every step state shown on the way.
  for (let i = 0; i < 2000 && Date.now() - t0 < 120_000; i++) {
    const state = await page.evaluate(() => ({
      end: window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2,
      active: [...document.querySelectorAll('figure[data-active-step]')].map(
        (f) => `${f.id}:${f.getAttribute('data-active-step')}`,
      ),
    }));
    for (const a of state.active) seen.add(a);
    if (state.end) break;
    await page.mouse.wheel(0, 100);
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(500);
  const perf = await page.evaluate(() => {
    const p = window.__perf;
    p.recording = false;
    return {
      long: p.long,
      shifts: p.shifts,
      loadShifts: p.loadShifts,
      frames: p.frames,
      dom: document.getElementsByTagName('*').length,
    };
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await context.close();
  const deltas = perf.frames.slice(1).map((t, i) => t - perf.frames[i]);
  const interval = 1000 / 60;
  const dropped = deltas.reduce((a, d) => a + Math.max(0, Math.round(d / interval) - 1), 0);
  return {
    seconds: (Date.now() - t0) / 1000,
    steps: stepCount,
    stepStatesShown: seen.size,
    longTasks: perf.long.length,
    longTaskMs: Math.round(perf.long.reduce((a, b) => a + b, 0)),
    layoutShifts: perf.shifts.length,
    layoutShiftScore: Number(perf.shifts.reduce((a, b) => a + b, 0).toFixed(4)),
    loadShiftScore: Number(perf.loadShifts.reduce((a, b) => a + b, 0).toFixed(4)),
    domAfterScroll: perf.dom,
    frames: perf.frames.length,
    droppedFrames: dropped,
  };
}
