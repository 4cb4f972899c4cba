/**
 * Shared by the benchmark modules: options, logging, statistics, compression, the temporary project copy and
 * builds. (Part of `npm run bench`, see bench/run.mjs.)
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const started = Date.now();
/** Load average when the run began: other work on the machine skews every timing. */
export const loadAtStart = loadavg()[0];

// --- options ---

export const argv = process.argv.slice(2);
export const opt = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[i + 1] : fallback;
};
export const RUNS = Math.max(1, Number(opt('runs', '5')));
/** Every embed page (25) instead of one: the side-by-side run measures one of each kind of page. */
export const ALL_EMBEDS = argv.includes('--all-embeds');
export const SCALES = opt('scales', '10,100,1000')
  .split(',')
  .map(Number)
  .filter((n) => n > 1);
export const LIGHTHOUSE = !argv.includes('--no-lighthouse');
export const SCROLL = !argv.includes('--no-scroll');
export const BUILD_TIMEOUT = Number(opt('build-timeout', '420')) * 1000;
export const KEEP = argv.includes('--keep');
export const RENDER_TIMEOUT = 300_000;
export const CHROME = process.env.CHROME_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
export const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
export const CHROME_FLAGS = [
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  ...(IS_ROOT ? ['--no-sandbox'] : []),
];
/** The whole run stops after this long, whatever happens. */
export const OVERALL_LIMIT = 45 * 60 * 1000;

export const log = (...a) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s]`, ...a);
export const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
export const gz = (buf) => gzipSync(buf, { level: 9 }).length;
export const br = (buf) =>
  brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: buf.length } })
    .length;

// --- a temporary copy of the project ---

export const EXCLUDE = new Set(['node_modules', '.git', '.astro', 'dist', 'test-results', 'playwright-report']);
export function copyProject() {
  const work = mkdtempSync(join(tmpdir(), 'kz-bench-'));
  const site = join(work, 'site');
  cpSync(ROOT, site, {
    recursive: true,
    filter: (src) => {
      const rel = relative(ROOT, src);
      if (!rel) return true;
      const top = rel.split(sep)[0];
      return (
        !EXCLUDE.has(top) &&
        !top.startsWith('dist-') &&
        rel !== join('tests', '.tmp') &&
        rel !== join('bench', 'results.json')
      );
    },
  });
  symlinkSync(join(ROOT, 'node_modules'), join(site, 'node_modules'), 'dir');
  return { work, site };
}

/** Runs a command with a time limit; kills its whole process group on timeout. */
export function run(cmd, args, { cwd, env, timeout }) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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

export const astroBin = () => join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
/** `synthetic`: a scale build, whose offline file is measured rather than held to its budget. */
export async function build(site, outDir, origin, synthetic = false) {
  rmSync(join(site, '.astro'), { recursive: true, force: true });
  const r = await run(process.execPath, [astroBin(), 'build', '--outDir', outDir], {
    cwd: site,
    env: {
      STORY_SITE: origin,
      NODE_OPTIONS: '--max-old-space-size=6144',
      ASTRO_TELEMETRY_DISABLED: '1',
      ...(synthetic ? { STORY_OFFLINE_BUDGET: 'measure' } : {}),
    },
    timeout: BUILD_TIMEOUT,
  });
  return r;
}

// --- files and sizes ---

export function walk(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => String(f))
    .filter((f) => statSync(join(dir, f)).isFile());
}
