/**
 * `node --experimental-strip-types bench/growth.ts`: the room-to-grow measurement of issue #13.
 * In a temporary copy of the project (node_modules linked; the working tree and its dist/ are never
 * touched, synthetic data is never shipped) it adds synthetic growth: twice the events on every
 * chart (tests/unit/charts/synthetic.ts scaleUp, factor 2) and two more chapters of ordinary length,
 * each with a chart (a copy of an existing chart under a new id). It builds the copy (the content
 * gate included) and prints the offline edition's size against its per-language budget, and each
 * page's gzip bytes against budgets.json, and the sources and notes pages against issue #14's response limit (brotli
 * and gzip). Exit status 1 when a budget does not hold. GROWTH_KEEP=1 keeps the
 * grown copy and its build (the path is printed) instead of removing it.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { scaleUp } from '../tests/unit/charts/synthetic.ts';
import { chartSchema, eventSchema } from '../src/schemas.ts';
import { offlineBudget } from '../src/lib/offline-budget.ts';
import { SITE_LIMIT } from '../src/build/response-limits.ts';
import { parts } from './parts.mjs';

const ROOT = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'kz-growth-'));
const site = join(work, 'site');
cpSync(ROOT, site, {
  recursive: true,
  filter: (src) => !/\/(node_modules|dist|\.astro|\.git|tests\/\.tmp)(\/|$)/.test(src),
});
symlinkSync(join(ROOT, 'node_modules'), join(site, 'node_modules'));
// Astro keeps its content data store in cacheDir (default node_modules/.astro): with node_modules linked,
// the copy would share it with the working tree's builds, so it gets its own.
const config = join(site, 'astro.config.mjs');
writeFileSync(
  config,
  readFileSync(config, 'utf8').replace(
    'export default defineConfig({',
    "export default defineConfig({\n  cacheDir: './.growth-cache',",
  ),
);
const data = join(site, 'content', 'data');
type J = Record<string, unknown>;
const events = (JSON.parse(readFileSync(join(data, 'events.json'), 'utf8')) as unknown[]).map((e) =>
  eventSchema.parse(e),
);
const byId = new Map(events.map((e) => [e.id, e]));
const all = new Map(events.map((e) => [e.id, e]));
const chartFiles = readdirSync(join(data, 'charts')).filter((f) => f.endsWith('.json'));
for (const f of chartFiles) {
  const raw = JSON.parse(readFileSync(join(data, 'charts', f), 'utf8')) as J;
  const chart = chartSchema.parse(raw);
  if (chart.events.length === 0) continue;
  const grown = scaleUp(
    chart,
    chart.events.map((id) => byId.get(id)!),
    2,
  );
  for (const e of grown.events) all.set(e.id, e);
  writeFileSync(join(data, 'charts', f), JSON.stringify({ ...raw, ...grown.chart }, null, 2));
}
writeFileSync(join(data, 'events.json'), JSON.stringify([...all.values()], null, 2));
// Two more chapters of ordinary length (four paragraphs, like chapter 2), each placing a copy of a chart.
const para =
  'Synthetic paragraph for the growth measurement, as long as an ordinary paragraph of the article: it says what ' +
  'happened, who said it and where it was published, and it stays inside this test.';
const extra = ['republic-day', 'anatomy-of-a-fake'];
extra.forEach((base, k) => {
  const id = `growth-${k + 1}`;
  const raw = JSON.parse(readFileSync(join(data, 'charts', `${base}.json`), 'utf8')) as J;
  // New events for the new chart: copies of its base chart's (real) events under new ids, so its
  // table and drawing are as long as an ordinary chart's and repeat nothing of the story.
  const fresh = (old: string) => `${old}-g${k + 1}`;
  const baseEvents = (raw.events as string[]).filter((e) => all.has(e));
  for (const e of baseEvents)
    all.set(fresh(e), { ...all.get(e)!, id: fresh(e), title: `${all.get(e)!.title} (growth ${k + 1})` });
  const words = Object.fromEntries(
    Object.entries((raw.words ?? {}) as Record<string, string>).map(([w, v]) => [
      w.replace(/^at\.(.+)$/, (_m, e: string) => `at.${fresh(e)}`),
      w.endsWith('.events')
        ? v
            .split(/[\s,]+/)
            .filter(Boolean)
            .map(fresh)
            .join(' ')
        : v,
    ]),
  );
  const labels = Object.fromEntries(
    Object.entries((raw.labels ?? {}) as Record<string, string>).map(([e, v]) => [fresh(e), v]),
  );
  // Every other reference to a base event (flow stages, step highlights, annotation subjects) follows it.
  const baseSet = new Set(baseEvents);
  const renamed = (v: unknown): unknown =>
    typeof v === 'string'
      ? baseSet.has(v)
        ? fresh(v)
        : v
      : Array.isArray(v)
        ? v.map(renamed)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([key, x]) => [key, renamed(x)]))
          : v;
  const steps = (raw.steps as J[]).map((s) => ({ ...(renamed(s) as J), id: `${s.id}-g${k + 1}` }));
  const stages = raw.stages ? { stages: renamed(raw.stages) } : {};
  writeFileSync(
    join(data, 'charts', `${id}.json`),
    JSON.stringify(
      {
        ...raw,
        id,
        title: `${raw.title as string} (growth ${k + 1})`,
        chapter: id,
        events: baseEvents.map(fresh),
        ...(raw.words ? { words } : {}),
        labels,
        steps,
        ...stages,
      },
      null,
      2,
    ),
  );
  const ps = [0, 1, 2, 3].map((i) => `<P id="p${900 + k * 10 + i}">${para}</P>`);
  writeFileSync(
    join(site, 'content', 'chapters', `9${k}-${id}.mdx`),
    `---\nid: ${id}\norder: ${90 + k}\ntitle: "Growth chapter ${k + 1}"\nkind: section\n---\n\n` +
      `${ps[0]}\n\n${ps[1]}\n\n<Scrolly chart="${id}" />\n\n${ps[2]}\n\n${ps[3]}\n`,
  );
});
writeFileSync(join(data, 'events.json'), JSON.stringify([...all.values()], null, 2));

// The offline file is measured here, not enforced by the build, so the budget check below can report it.
const env = {
  ...process.env,
  STORY_SITE: 'http://127.0.0.1:4321',
  ASTRO_TELEMETRY_DISABLED: '1',
  STORY_OFFLINE_BUDGET: 'measure',
};
delete (env as J).BASE_URL;
const started = Date.now();
const r = spawnSync('npx', ['astro', 'build'], { cwd: site, env, encoding: 'utf8', timeout: 1_800_000 });
const out = `${r.stdout}\n${r.stderr}`;
let failed = r.status !== 0;
/** What `npm run bench` records of this run (printed last as one `growth-json:` line). */
const summary: Record<string, unknown> = {
  events: [events.length, all.size],
  charts: [chartFiles.length, chartFiles.length + extra.length],
  exit: r.status,
  seconds: Math.round((Date.now() - started) / 1000),
  over: [] as string[],
};
console.log(
  `growth build: ${events.length} -> ${all.size} events, ` +
    `${chartFiles.length} -> ${chartFiles.length + extra.length} charts, ` +
    `exit ${r.status}, ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
if (r.status !== 0) console.log(out.slice(-3000));
const dist = join(site, 'dist');
const offline = join(dist, 'offline', 'story-offline.html');
if (existsSync(offline)) {
  const bytes = readFileSync(offline).length;
  const budget = offlineBudget('en');
  console.log(`offline edition: ${bytes} bytes of ${budget} (headroom ${budget - bytes})`);
  if (bytes > budget) failed = true;
  Object.assign(summary, { offlineBytes: bytes, offlineBudget: budget });
  // Where its bytes are, so what blocks the growth case is named, not guessed.
  const p = parts(readFileSync(offline, 'utf8')) as { parts: Map<string, number> };
  console.log(
    `  by part: ${[...p.parts]
      .sort((a, b) => b[1] - a[1])
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  summary.offlineParts = Object.fromEntries(p.parts);
} else console.log('offline edition: not written (the build stopped)');
if (existsSync(join(dist, 'index.html'))) {
  const budgets = JSON.parse(readFileSync(join(ROOT, 'budgets.json'), 'utf8')) as {
    pages: { match: string; html: number }[];
  };
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)],
    );
  const re = (m: string) =>
    new RegExp(
      `^${m
        .replace(/\*\*/g, '\u0001')
        .replace(/\*/g, '[^/]+')
        .replace(/\u0001/g, '.*')}$`,
    );
  for (const f of walk(dist).filter((p) => p.endsWith('index.html'))) {
    const path = `/${relative(dist, f).replace(/index\.html$/, '')}`;
    const rule = budgets.pages.find((p) => re(p.match).test(path) || re(p.match).test(path.replace(/\/$/, '')));
    if (!rule) continue;
    const gz = gzipSync(readFileSync(f), { level: 9 }).length;
    if (gz > rule.html || path === '/')
      console.log(`${gz > rule.html ? 'OVER ' : ''}${path}: html ${gz} B gzip of ${rule.html}`);
    if (gz > rule.html) failed = true;
    if (gz > rule.html) (summary.over as string[]).push(`${path}: html ${gz} B gzip of ${rule.html}`);
    if (path === '/') Object.assign(summary, { storyGzip: gz, storyBudget: rule.html });
    // The pages the story's appendix moved to (issue #14) must keep to the response limit as the story grows.
    if (path === '/sources/' || path === '/notes/') {
      const raw = readFileSync(f);
      const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      const over = br > SITE_LIMIT.br || gz > SITE_LIMIT.gz;
      console.log(
        `${over ? 'OVER ' : ''}${path}: ${br} B brotli of ${SITE_LIMIT.br}, ${gz} B gzip of ${SITE_LIMIT.gz}`,
      );
      if (over) {
        failed = true;
        (summary.over as string[]).push(`${path}: ${br} B brotli, ${gz} B gzip, over the response limit`);
      }
    }
  }
}
// GROWTH_KEEP=1 keeps the grown copy (its dist/ included) to look into; otherwise it is removed.
if (process.env.GROWTH_KEEP) console.log(`grown copy kept at ${site}`);
else rmSync(work, { recursive: true, force: true });
console.log(`growth-json: ${JSON.stringify(summary)}`);
process.exit(failed ? 1 : 0);
