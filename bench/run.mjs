#!/usr/bin/env node
/**
 * `npm run bench`: builds the site, serves it on loopback and measures, side by side, the story,
 * every embed page and a text-only floor (the story's text and styles with no chart and no
 * JavaScript: the physical limit for this story), then how build and chart rendering scale with
 * 10x, 100x and 1000x synthetic data. Writes bench/results.json, prints markdown tables, and
 * refreshes the table between the `<!-- bench:start -->` / `<!-- bench:end -->` markers of
 * bench/README.md (and of README.md, if it has them).
 *
 * Everything happens in a temporary copy of the project (node_modules linked), so the working tree,
 * its dist/ and .astro/ are never touched, and synthetic data is never shipped.
 *
 * Options: --runs N (Lighthouse runs per page, default 3; the median is reported)
 *          --scales 10,100,1000 (synthetic factors; "" to skip)   --no-lighthouse   --no-scroll
 *          --build-timeout S (per build, default 420)   --keep (keep the temporary copy)
 * Environment: CHROME_PATH (default /usr/bin/chromium, else Playwright's Chromium).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { arch, cpus, freemem, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, extname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
/** Load average when the run began: other work on the machine skews every timing. */
const loadAtStart = loadavg()[0];

// --- options ---

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[i + 1] : fallback;
};
const RUNS = Math.max(1, Number(opt('runs', '3')));
const SCALES = opt('scales', '10,100,1000').split(',').map(Number).filter((n) => n > 1);
const LIGHTHOUSE = !argv.includes('--no-lighthouse');
const SCROLL = !argv.includes('--no-scroll');
const BUILD_TIMEOUT = Number(opt('build-timeout', '420')) * 1000;
const KEEP = argv.includes('--keep');
const RENDER_TIMEOUT = 300_000;
const CHROME = process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
const CHROME_FLAGS = ['--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...(IS_ROOT ? ['--no-sandbox'] : [])];
/** The whole run stops after this long, whatever happens. */
const OVERALL_LIMIT = 45 * 60 * 1000;

const log = (...a) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s]`, ...a);
const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const br = (buf) => brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length;

// --- a temporary copy of the project ---

const EXCLUDE = new Set(['node_modules', '.git', '.astro', 'dist', 'test-results', 'playwright-report']);
function copyProject() {
  const work = mkdtempSync(join(tmpdir(), 'kz-bench-'));
  const site = join(work, 'site');
  cpSync(ROOT, site, {
    recursive: true,
    filter: (src) => {
      const rel = relative(ROOT, src);
      if (!rel) return true;
      const top = rel.split(sep)[0];
      return !EXCLUDE.has(top) && !top.startsWith('dist-') && rel !== join('tests', '.tmp') && rel !== join('bench', 'results.json');
    },
  });
  symlinkSync(join(ROOT, 'node_modules'), join(site, 'node_modules'), 'dir');
  return { work, site };
}

/** Runs a command with a time limit; kills its whole process group on timeout. */
function run(cmd, args, { cwd, env, timeout }) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out = (out + d).slice(-20000)));
    child.stderr.on('data', (d) => (out = (out + d).slice(-20000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeout);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, ms: performance.now() - t0, out });
    });
  });
}

const astroBin = () => join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
/** `synthetic`: a scale build, whose offline file is measured rather than held to its budget. */
async function build(site, outDir, origin, synthetic = false) {
  rmSync(join(site, '.astro'), { recursive: true, force: true });
  const r = await run(process.execPath, [astroBin(), 'build', '--outDir', outDir], {
    cwd: site,
    env: { STORY_SITE: origin, NODE_OPTIONS: '--max-old-space-size=6144', ASTRO_TELEMETRY_DISABLED: '1', ...(synthetic ? { STORY_OFFLINE_BUDGET: 'measure' } : {}) },
    timeout: BUILD_TIMEOUT,
  });
  return r;
}

// --- files and sizes ---

function walk(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => String(f))
    .filter((f) => statSync(join(dir, f)).isFile());
}

// --- _headers (as static hosts apply them) and a compressing static server ---

function parseHeaders(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) rules.push({ pattern: line.trim(), headers: [] });
    else {
      const m = /^\s+([^:]+):\s*(.*)$/.exec(line);
      if (m && rules.length) rules.at(-1).headers.push([m[1].trim(), m[2].trim()]);
    }
  }
  return rules;
}
function headersFor(rules, path) {
  const out = {};
  for (const r of rules) {
    const re = new RegExp(`^${r.pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]\w*/g, '[^/]+')).join('.*')}$`);
    if (!re.test(path)) continue;
    for (const [k, v] of r.headers) out[k] = out[k] ? `${out[k]}, ${v}` : v;
  }
  return out;
}
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.avif': 'image/avif', '.woff2': 'font/woff2', '.woff': 'font/woff', '.json': 'application/json', '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.xml': 'application/xml', '.ico': 'image/x-icon' };
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg)/;

/** Serves `dir` on 127.0.0.1:port with its _headers, brotli or gzip when asked for (as a CDN would). */
function serve(dir, port) {
  const rules = existsSync(join(dir, '_headers')) ? parseHeaders(readFileSync(join(dir, '_headers'), 'utf8')) : [];
  const cache = new Map();
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return void res.writeHead(400).end();
    }
    let file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir))) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const accept = String(req.headers['accept-encoding'] ?? '');
    const enc = COMPRESSIBLE.test(type) ? (/\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null) : null;
    const key = `${file}|${enc}`;
    let body = cache.get(key);
    if (!body) {
      const raw = readFileSync(file);
      body = enc === 'br' ? brotliCompressSync(raw, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }) : enc === 'gzip' ? gzipSync(raw, { level: 9 }) : raw;
      cache.set(key, body);
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, ...(enc ? { 'Content-Encoding': enc, Vary: 'Accept-Encoding' } : {}), ...headersFor(rules, path) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// --- the text-only floor ---

/**
 * The story with the same text and style sheets, and no chart and no JavaScript: every <script>
 * (JSON-LD too) and module preload removed, every chart drawing, legend, caption, data table and
 * embed snippet removed, and the scrolly steps kept as plain blocks of text in reading order.
 */
async function writeFloor(browser, dist) {
  const raw = readFileSync(join(dist, 'index.html'), 'utf8').replace(/<script\b[\s\S]*?<\/script>/gi, '').replace(/<link\b[^>]*rel="modulepreload"[^>]*>/gi, '');
  const page = await browser.newPage({ javaScriptEnabled: true });
  // Load as a detached document: no resource is fetched, nothing runs.
  await page.route('**/*', (r) => r.abort());
  await page.setContent(raw, { waitUntil: 'domcontentloaded' });
  const html = await page.evaluate(() => {
    const drop = '.chart__sticky, chart-details, .chart__svg, svg, .legend, figcaption, details.chart-table, .chart-table, .embed-this, copy-button, .details-panel, .quote-link, link[rel="canonical"], link[rel="alternate"], meta[property="og:url"]';
    document.querySelectorAll(drop).forEach((e) => e.remove());
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

const KIND = { document: 'html', stylesheet: 'css', script: 'js', font: 'fonts', image: 'images' };

/** Where the first chapter ends in the HTML: raw, gzip and brotli bytes of everything before it. */
function firstChapterEnd(html) {
  const starts = [...html.matchAll(/<section\b[^>]*class="chapter"/g)].map((m) => m.index);
  if (starts.length === 0) return null;
  const end = starts[1] ?? html.indexOf('</main>', starts[0]);
  if (end < 0) return null;
  const prefix = Buffer.from(html.slice(0, end));
  const all = Buffer.from(html);
  return { raw: prefix.length, gzip: gz(prefix), brotli: br(prefix), ofGzip: gz(all), ofBrotli: br(all) };
}

async function measureBytes(browser, url) {
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
    const t = (byType[r.type] ??= { requests: 0, raw: 0, gzip: 0, brotli: 0 });
    const g = gz(r.body);
    const b = br(r.body);
    t.requests++;
    t.raw += r.body.length;
    t.gzip += g;
    t.brotli += b;
    if (b > largest.brotli) largest = { url: new URL(r.url).pathname, gzip: g, brotli: b };
  }
  const total = Object.values(byType).reduce((a, t) => ({ requests: a.requests + t.requests, raw: a.raw + t.raw, gzip: a.gzip + t.gzip, brotli: a.brotli + t.brotli }), { requests: 0, raw: 0, gzip: 0, brotli: 0 });
  const doc = responses.find((r) => r.type === 'html');
  return { byType, total, largest, firstChapter: doc ? firstChapterEnd(doc.body.toString('utf8')) : null };
}

// --- Lighthouse ---

async function lighthouseRuns(urls) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  const out = {};
  try {
    for (const url of urls) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
        const lhr = r.lhr;
        const a = (id) => lhr.audits[id]?.numericValue ?? null;
        runs.push({
          performance: lhr.categories.performance?.score * 100,
          accessibility: lhr.categories.accessibility?.score * 100,
          bestPractices: lhr.categories['best-practices']?.score * 100,
          seo: lhr.categories.seo?.score * 100,
          fcp: a('first-contentful-paint'),
          lcp: a('largest-contentful-paint'),
          speedIndex: a('speed-index'),
          tbt: a('total-blocking-time'),
          cls: a('cumulative-layout-shift'),
          warnings: lhr.runWarnings ?? [],
          // Audits that cost points, by category (so a score below 100 says why).
          failing: Object.fromEntries(
            Object.entries(lhr.categories).map(([cat, c]) => [cat, c.auditRefs.filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score !== null && lhr.audits[ref.id]?.score < 1).map((ref) => ref.id)]),
          ),
        });
        log(`lighthouse ${new URL(url).pathname} run ${i + 1}/${RUNS}: perf ${runs.at(-1).performance}, LCP ${Math.round(runs.at(-1).lcp)} ms`);
      }
      const keys = ['performance', 'accessibility', 'bestPractices', 'seo', 'fcp', 'lcp', 'speedIndex', 'tbt', 'cls'];
      const failing = {};
      for (const r of runs) for (const [cat, ids] of Object.entries(r.failing)) failing[cat] = [...new Set([...(failing[cat] ?? []), ...ids])];
      out[url] = { ...Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])), failing, runs: runs.map(({ failing: _f, ...r }) => r) };
    }
  } finally {
    await chrome.kill();
  }
  return out;
}

// --- the scripted scroll at 4x CPU slowdown ---

async function scrollRun(browser, url) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, reducedMotion: 'no-preference' });
  await context.addInitScript(() => {
    const p = (window.__perf = { long: [], shifts: [], frames: [], recording: false });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => p.recording && p.long.push(e.duration))).observe({ type: 'longtask', buffered: false });
    new PerformanceObserver((l) => l.getEntries().forEach((e) => p.recording && !e.hadRecentInput && p.shifts.push(e.value))).observe({ type: 'layout-shift', buffered: false });
    const tick = (t) => {
      if (p.recording) p.frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
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
      active: [...document.querySelectorAll('figure[data-active-step]')].map((f) => `${f.id}:${f.getAttribute('data-active-step')}`),
    }));
    state.active.forEach((a) => seen.add(a));
    if (state.end) break;
    await page.mouse.wheel(0, 100);
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(500);
  const perf = await page.evaluate(() => {
    const p = window.__perf;
    p.recording = false;
    return { long: p.long, shifts: p.shifts, frames: p.frames };
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
    frames: perf.frames.length,
    droppedFrames: dropped,
  };
}

// --- scale: synthetic data ---

/** Deterministic PRNG (mulberry32), so every run makes the same synthetic data. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pad = (n) => String(n).padStart(2, '0');

/**
 * `factor` times the events of every chart: each event gets factor - 1 copies with new ids, dated
 * on a random day of the chart's window (or of the event's own month), at the same precision.
 */
function synthesize(content, factor) {
  const events = JSON.parse(readFileSync(join(content, 'data', 'events.json'), 'utf8'));
  const byId = new Map(events.map((e) => [e.id, e]));
  const random = prng(factor);
  const charts = {};
  const added = [];
  for (const [ci, f] of readdirSync(join(content, 'data', 'charts')).filter((x) => x.endsWith('.json')).sort().entries()) {
    const chart = JSON.parse(readFileSync(join(content, 'data', 'charts', f), 'utf8'));
    const ids = [...chart.events];
    for (const id of ids) {
      const e = byId.get(id);
      if (!e) continue;
      for (let k = 1; k < factor; k++) {
        const copy = { ...e, id: `${e.id}-c${ci}x${k}`, title: `${e.title} (synthetic ${k})` };
        if (e.precision === 'day' || e.precision === 'hour' || e.precision === 'minute') {
          if (chart.window) {
            const start = Date.UTC(...chart.window.start.split('-').map((n, i) => (i === 1 ? Number(n) - 1 : Number(n))));
            const end = Date.UTC(...chart.window.end.split('-').map((n, i) => (i === 1 ? Number(n) - 1 : Number(n))));
            const day = new Date(start + Math.floor(random() * Math.max(1, (end - start) / 86400000)) * 86400000);
            copy.date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
          } else {
            copy.date = `${e.date.slice(0, 8)}${pad(1 + Math.floor(random() * 28))}`;
          }
          if (e.time) copy.time = `${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}`;
        }
        added.push(copy);
        chart.events.push(copy.id);
        // Lists of ids in the chart's words (e.g. a flow's "stage.N.events") take the copy beside the original.
        for (const [key, value] of Object.entries(chart.words ?? {})) {
          const list = String(value).split(/[\s,]+/);
          if (list.includes(e.id)) chart.words[key] = `${value} ${copy.id}`;
        }
        // A map places the copy where it places the original.
        if (chart.words?.[`at.${e.id}`]) chart.words[`at.${copy.id}`] = chart.words[`at.${e.id}`];
      }
    }
    charts[f] = chart;
  }
  return { events: [...events, ...added], charts };
}

function writeSynthetic(content, data) {
  writeFileSync(join(content, 'data', 'events.json'), JSON.stringify(data.events, null, 1));
  for (const [f, chart] of Object.entries(data.charts)) writeFileSync(join(content, 'data', 'charts', f), JSON.stringify(chart, null, 1));
}

/** Renders every drawable chart in-process at 760 and 360 px: median time, SVG size, marks, height. */
async function renderCharts(site, data) {
  const url = (p) => pathToFileURL(join(site, p)).href;
  const { chartFunctions } = await import(url('src/charts/index.ts'));
  const { actorSchema, chartSchema, eventSchema, playbookSchema, sourceSchema } = await import(url('src/schemas.ts'));
  const { sortKey } = await import(url('src/lib/dates.ts'));
  const read = (p) => JSON.parse(readFileSync(join(site, 'content', p), 'utf8'));
  const events = new Map(data.events.map((e) => eventSchema.parse(e)).map((e) => [e.id, e]));
  const actors = new Map(read('data/actors.json').map((a) => actorSchema.parse(a)).map((a) => [a.id, a]));
  const sources = new Map(read('data/sources.json').map((s) => sourceSchema.parse(s)).map((s) => [s.id, s]));
  const playbook = playbookSchema.parse(read('data/playbook.json'));
  const text = read('data/ui.en.json');
  const out = {};
  for (const raw of Object.values(data.charts)) {
    const chart = chartSchema.parse(raw);
    const input = { chart, events: chart.events.map((id) => events.get(id)).sort((a, b) => sortKey(a).localeCompare(sortKey(b))), actors, sources, playbook, text };
    const res = { events: input.events.length };
    for (const width of [760, 360]) {
      try {
        const times = [];
        let svgText = '';
        const n = input.events.length > 2000 ? 1 : 5;
        for (let i = 0; i < n + 1; i++) {
          const t0 = performance.now();
          svgText = chartFunctions[chart.kind](input, { width, idPrefix: `b${width}` }).svg;
          if (i > 0 || n === 1) times.push(performance.now() - t0);
        }
        const viewBox = /viewBox="([^"]+)"/.exec(svgText)?.[1]?.split(/\s+/).map(Number) ?? [];
        res[width] = {
          ms: Number(median(times).toFixed(2)),
          bytes: Buffer.byteLength(svgText),
          gzip: gz(Buffer.from(svgText)),
          marks: (svgText.match(/class="mark[\s"]/g) ?? []).length,
          height: viewBox[3] ?? null,
        };
      } catch (err) {
        res[width] = { error: String(err.message ?? err).slice(0, 200) };
      }
    }
    out[chart.id] = res;
  }
  return out;
}

/** renderCharts in a child process, so that a slow factor is bounded by a timeout. */
async function renderChartsBounded(site, factor) {
  const r = await run(process.execPath, ['--disable-warning=ExperimentalWarning', fileURLToPath(import.meta.url), '--render', site, String(factor)], { cwd: site, env: { NODE_OPTIONS: '--max-old-space-size=6144' }, timeout: RENDER_TIMEOUT });
  if (r.code !== 0) return { error: r.timedOut ? `timeout (> ${RENDER_TIMEOUT / 1000} s)` : `failed: ${r.out.slice(-300)}` };
  const line = r.out.split('\n').find((l) => l.startsWith('{"charts"'));
  return line ? JSON.parse(line).charts : { error: `no result: ${r.out.slice(-300)}` };
}

// --- tables ---

const fmt = {
  int: (v) => (v == null ? '–' : Math.round(v).toLocaleString('en-US')),
  ms: (v) => (v == null ? '–' : `${Math.round(v).toLocaleString('en-US')} ms`),
  kb: (v) => (v == null ? '–' : `${(v / 1024).toFixed(1)} KB`),
  cls: (v) => (v == null ? '–' : v.toFixed(3)),
};
/** "value (x ratio)" against the floor; a zero floor gives a ratio only when the value is zero too. */
function withRatio(value, floor, f) {
  if (value == null) return '–';
  if (floor == null) return f(value);
  if (floor === 0) return value === 0 ? `${f(value)} (1.0×)` : `${f(value)} (floor 0)`;
  return `${f(value)} (${(value / floor).toFixed(value / floor >= 10 ? 0 : 1)}×)`;
}

function tables(results) {
  const pages = results.pages;
  const floor = pages.find((p) => p.role === 'floor');
  const lines = [];
  const lh = (p) => p.lighthouse ?? {};
  lines.push(`Measured ${results.date} on ${results.machine.summary}. Lighthouse ${results.tools.lighthouse} (mobile defaults, simulated throttling), median of ${results.settings.runs} runs; bytes are gzip -9 / brotli -11 of every response; the scroll runs at 4× CPU slowdown in a 412×823 viewport. (×) = ratio to the text-only floor.`, '');
  lines.push('**Lighthouse**', '', '| page | perf | a11y | best pr. | SEO | FCP | LCP | Speed Index | TBT | CLS |', '|---|---|---|---|---|---|---|---|---|---|');
  for (const p of pages) {
    const f = lh(floor);
    const l = lh(p);
    lines.push(`| ${p.label} | ${withRatio(l.performance, f.performance, fmt.int)} | ${withRatio(l.accessibility, f.accessibility, fmt.int)} | ${withRatio(l.bestPractices, f.bestPractices, fmt.int)} | ${withRatio(l.seo, f.seo, fmt.int)} | ${withRatio(l.fcp, f.fcp, fmt.ms)} | ${withRatio(l.lcp, f.lcp, fmt.ms)} | ${withRatio(l.speedIndex, f.speedIndex, fmt.ms)} | ${withRatio(l.tbt, f.tbt, fmt.ms)} | ${withRatio(l.cls, f.cls, fmt.cls)} |`);
  }
  // Why a score is below 100, once per distinct reason.
  const reasons = new Map();
  for (const p of pages) {
    for (const [cat, ids] of Object.entries(lh(p).failing ?? {})) {
      if (cat === 'performance' || !ids.length) continue;
      const key = `${cat}: ${ids.join(', ')}`;
      reasons.set(key, [...(reasons.get(key) ?? []), p.label]);
    }
  }
  if (reasons.size) {
    lines.push('', 'Audits that cost points (accessibility, best practices, SEO):');
    for (const [key, labels] of reasons) lines.push(`- ${key} (${labels.length === pages.length ? 'every page' : labels.length > 3 ? `${labels.length} pages` : labels.join('; ')})`);
  }
  lines.push('', '**Bytes and requests** (brotli; gzip in the total column)', '', '| page | requests | HTML | CSS | JS | fonts | images | total br / gzip | largest response (br) | 1st chapter ends at (br) |', '|---|---|---|---|---|---|---|---|---|---|');
  for (const p of pages) {
    const b = p.bytes ?? {};
    const fb = floor?.bytes ?? {};
    const t = (k) => withRatio(b.byType?.[k]?.brotli ?? 0, fb.byType?.[k]?.brotli ?? 0, fmt.kb);
    const ch = b.firstChapter ? `${fmt.kb(b.firstChapter.brotli)} of ${fmt.kb(b.firstChapter.ofBrotli)}` : 'n/a';
    lines.push(`| ${p.label} | ${withRatio(b.total?.requests, fb.total?.requests, fmt.int)} | ${t('html')} | ${t('css')} | ${t('js')} | ${t('fonts')} | ${t('images')} | ${withRatio(b.total?.brotli, fb.total?.brotli, fmt.kb)} / ${fmt.kb(b.total?.gzip)} | ${b.largest ? `${fmt.kb(b.largest.brotli)} ${b.largest.url}` : '–'} | ${ch} |`);
  }
  lines.push('', '**Scripted scroll through every step (4× CPU slowdown)**', '', '| page | step states shown | long tasks (>50 ms) | long-task time | layout shifts (score) | frames | dropped frames |', '|---|---|---|---|---|---|---|');
  for (const p of pages) {
    const s = p.scroll ?? {};
    const fs = floor?.scroll ?? {};
    lines.push(`| ${p.label} | ${s.steps ? `${s.stepStatesShown} of ${s.steps}` : '–'} | ${withRatio(s.longTasks, fs.longTasks, fmt.int)} | ${withRatio(s.longTaskMs, fs.longTaskMs, fmt.ms)} | ${withRatio(s.layoutShifts, fs.layoutShifts, fmt.int)} (${fmt.cls(s.layoutShiftScore)}) | ${fmt.int(s.frames)} | ${withRatio(s.droppedFrames, fs.droppedFrames, fmt.int)} |`);
  }
  lines.push('', '**Scale** (synthetic events generated inside the benchmark, never shipped)', '', '| data | events | build | story HTML (gzip) | offline file | largest embed page (gzip) | chart | render 760 / 360 px | SVG 760 px (gzip) | marks | height 760 / 360 px |', '|---|---|---|---|---|---|---|---|---|---|---|');
  for (const s of results.scale) {
    const charts = s.charts?.error ? [['(all charts)', { error: s.charts.error }]] : Object.entries(s.charts ?? {});
    const b = s.build ?? {};
    const buildCell = b.error ? b.error : b.ms != null ? `${(b.ms / 1000).toFixed(1)} s` : '–';
    const offlineCell = b.offlineBytes == null ? '–' : `${fmt.kb(b.offlineBytes)}${b.offlineBytes > 300000 ? ' (over budget)' : ''}`;
    if (charts.length === 0) lines.push(`| ${s.factor}× | ${fmt.int(s.events)} | ${buildCell} | ${fmt.kb(b.storyGzip)} | ${offlineCell} | ${fmt.kb(b.largestEmbedGzip)} | – | – | – | – | – |`);
    charts.forEach(([id, c], i) => {
      const w = c.error ? { error: c.error } : c[760] ?? {};
      const n = c[360] ?? {};
      const head = i === 0 ? `| ${s.factor}× | ${fmt.int(s.events)} | ${buildCell} | ${fmt.kb(b.storyGzip)} | ${offlineCell} | ${fmt.kb(b.largestEmbedGzip)} ` : '| | | | | | ';
      lines.push(`${head}| ${id} (${fmt.int(c.events)}) | ${w.error ? `error: ${w.error}` : `${w.ms} / ${n.error ? `error: ${n.error}` : n.ms ?? '–'} ms`} | ${fmt.kb(w.bytes)} (${fmt.kb(w.gzip)}) | ${fmt.int(w.marks)} | ${fmt.int(w.height)} / ${fmt.int(n.height)} |`);
    });
  }
  return lines.join('\n');
}

function updateMarkers(file, table) {
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const re = /(<!-- bench:start -->)[\s\S]*?(<!-- bench:end -->)/;
  if (!re.test(text)) return false;
  writeFileSync(file, text.replace(re, `$1\n${table}\n$2`));
  return true;
}

// --- main ---

async function main() {
  const { chromium } = await import('@playwright/test');
  const { work, site } = copyProject();
  log(`project copied to ${site}`);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const results = {
    date: new Date().toISOString(),
    machine: {},
    tools: {},
    settings: { runs: RUNS, scales: SCALES, cpuSlowdown: 4, viewport: '412x823', origin },
    pages: [],
    scale: [],
    errors: [],
  };
  let server;
  let browser;
  try {
    // 1. Build the real site.
    log('building the site');
    const dist = join(work, 'dist');
    const b = await build(site, dist, origin);
    if (b.code !== 0) throw new Error(`build failed (${b.timedOut ? 'timeout' : `exit ${b.code}`}):\n${b.out.slice(-3000)}`);
    const storyHtml = readFileSync(join(dist, 'index.html'));
    const embedFiles = walk(dist).filter((f) => f.split(sep)[0] === 'embed' && f.endsWith('index.html'));
    const realEvents = JSON.parse(readFileSync(join(site, 'content', 'data', 'events.json'), 'utf8'));
    results.scale.push({
      factor: 1,
      events: realEvents.length,
      build: { ms: b.ms, storyBytes: storyHtml.length, storyGzip: gz(storyHtml), offlineBytes: statSync(join(dist, 'offline', 'story-offline.html')).size, largestEmbedGzip: Math.max(0, ...embedFiles.map((f) => gz(readFileSync(join(dist, f))))), distBytes: walk(dist).reduce((a, f) => a + statSync(join(dist, f)).size, 0) },
    });
    log(`built in ${(b.ms / 1000).toFixed(1)} s`);

    browser = await chromium.launch({ executablePath: CHROME, args: CHROME_FLAGS.filter((f) => f !== '--headless=new') });
    results.tools = { chromium: browser.version(), lighthouse: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'lighthouse', 'package.json'), 'utf8')).version, node: process.version };

    // 2. The text-only floor, then serve everything.
    await writeFloor(browser, dist);
    server = await serve(dist, port);
    const pages = [
      { role: 'floor', label: 'text-only floor', path: '/bench-floor/' },
      { role: 'story', label: 'story', path: '/' },
      ...embedFiles.sort().map((f) => ({ role: 'embed', label: `embed ${f.split(sep).slice(1, -1).join('/')}`, path: `/${f.split(sep).slice(0, -1).join('/')}/` })),
    ];
    log(`pages: ${pages.map((p) => p.path).join(' ')}`);

    // 3. Bytes, requests and where the first chapter ends.
    for (const p of pages) {
      try {
        p.bytes = await measureBytes(browser, origin + p.path);
      } catch (err) {
        results.errors.push(`bytes ${p.path}: ${err.message}`);
      }
    }
    log('bytes measured');

    // 4. The scripted scroll at 4x CPU slowdown.
    if (SCROLL) {
      for (const p of pages) {
        try {
          p.scroll = await scrollRun(browser, origin + p.path);
          log(`scroll ${p.path}: ${p.scroll.longTasks} long tasks, ${p.scroll.droppedFrames} dropped frames, ${p.scroll.layoutShifts} shifts`);
        } catch (err) {
          results.errors.push(`scroll ${p.path}: ${err.message}`);
        }
      }
    }
    await browser.close();
    browser = undefined;

    // 5. Lighthouse, median of RUNS.
    if (LIGHTHOUSE) {
      try {
        const lh = await lighthouseRuns(pages.map((p) => origin + p.path));
        for (const p of pages) p.lighthouse = lh[origin + p.path];
      } catch (err) {
        results.errors.push(`lighthouse: ${err.message}`);
      }
    }
    results.pages = pages;
    server.close();
    server = undefined;

    // 6. Scale: chart rendering in-process, and the whole build, for each synthetic factor.
    const content = join(site, 'content');
    const real = synthesize(content, 1);
    results.scale[0].charts = await renderChartsBounded(site, 1);
    let stop = false;
    for (const factor of SCALES) {
      const data = synthesize(content, factor);
      const entry = { factor, events: data.events.length };
      results.scale.push(entry);
      log(`rendering the charts with ${factor}x data`);
      entry.charts = await renderChartsBounded(site, factor);
      if (stop || Date.now() - started > OVERALL_LIMIT - BUILD_TIMEOUT) {
        entry.build = { error: stop ? 'not run (a smaller set did not build)' : 'not run (time limit)' };
        continue;
      }
      writeSynthetic(content, data);
      log(`building with ${factor}x data (${data.events.length} events)`);
      const out = join(work, `dist-${factor}`);
      const r = await build(site, out, origin, true);
      if (r.code === 0) {
        const story = readFileSync(join(out, 'index.html'));
        const embeds = walk(out).filter((f) => f.split(sep)[0] === 'embed' && f.endsWith('index.html'));
        const offline = join(out, 'offline', 'story-offline.html');
        entry.build = { ms: r.ms, storyBytes: story.length, storyGzip: gz(story), offlineBytes: existsSync(offline) ? statSync(offline).size : null, largestEmbedGzip: Math.max(0, ...embeds.map((f) => gz(readFileSync(join(out, f))))), distBytes: walk(out).reduce((a, f) => a + statSync(join(out, f)).size, 0) };
        log(`${factor}x built in ${(r.ms / 1000).toFixed(1)} s`);
      } else {
        const firstError = /\[ERROR\]\s*(?:\[build\]\s*)?([^\n]*)/.exec(r.out)?.[1]?.trim() ?? r.out.trim().split('\n').at(-1) ?? '';
        const where = /Caught error rendering (\S+?):/.exec(r.out)?.[1];
        entry.build = { error: r.timedOut ? `timeout (> ${BUILD_TIMEOUT / 1000} s)` : `failed: ${firstError.slice(0, 120)}${where ? ` (rendering ${where})` : ''}`, log: r.out.slice(-4000) };
        stop = true;
        log(`${factor}x build: ${entry.build.error}`);
      }
      rmSync(out, { recursive: true, force: true });
      writeSynthetic(content, real);
    }
  } catch (err) {
    results.errors.push(String(err.stack ?? err));
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) server.close();
    if (!KEEP) rmSync(work, { recursive: true, force: true });
  }

  const cpu = cpus();
  results.machine = {
    summary: `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${platform()} ${release()} ${arch()}, Node ${process.version}, Chromium ${results.tools.chromium ?? '?'}; load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`,
    loadAverage: { start: Number(loadAtStart.toFixed(2)), end: Number(loadavg()[0].toFixed(2)) },
    cpus: cpu.length,
    cpuModel: cpu[0]?.model.trim(),
    memoryGB: Number((totalmem() / 2 ** 30).toFixed(1)),
    freeMemoryGB: Number((freemem() / 2 ** 30).toFixed(1)),
    os: `${platform()} ${release()} ${arch()}`,
  };
  results.seconds = Math.round((Date.now() - started) / 1000);
  // Keep results.json small: drop per-run Lighthouse warnings that repeat.
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const table = tables(results);
  const updated = [join(ROOT, 'bench', 'README.md'), join(ROOT, 'README.md')].filter((f) => updateMarkers(f, table));
  console.log(table);
  if (results.errors.length) console.log(`\nErrors:\n${results.errors.map((e) => `- ${e}`).join('\n')}`);
  log(`done in ${results.seconds} s; wrote bench/results.json${updated.length ? ` and the table in ${updated.map((f) => relative(ROOT, f)).join(', ')}` : ''}`);
  process.exitCode = results.pages.length && !results.errors.some((e) => /^Error: build failed/.test(e)) ? 0 : 1;
}

if (argv[0] === '--render') {
  // Child mode: render the charts of `site` with `factor`x synthetic data, print one JSON line.
  const [, site, factor] = argv;
  const charts = await renderCharts(site, synthesize(join(site, 'content'), Number(factor)));
  console.log(JSON.stringify({ charts }));
  process.exit(0);
}

const limit = setTimeout(() => {
  console.error(`bench: stopped after ${OVERALL_LIMIT / 60000} minutes`);
  process.exit(2);
}, OVERALL_LIMIT);
limit.unref();
main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
