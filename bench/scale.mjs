/**
 * Scale: synthetic data 10x to 1000x (made here, never shipped), and chart rendering times in a child process.
 * (Part of `npm run bench`, see bench/run.mjs.)
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ROOT, RENDER_TIMEOUT, median, gz, run } from './common.mjs';

// --- scale: synthetic data ---

/** Deterministic PRNG (mulberry32), so every run makes the same synthetic data. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const pad = (n) => String(n).padStart(2, '0');

/**
 * `factor` times the events of every chart: each event gets factor - 1 copies with new ids, dated
 * on a random day of the chart's window (or of the event's own month), at the same precision.
 */
export function synthesize(content, factor) {
  const events = JSON.parse(readFileSync(join(content, 'data', 'events.json'), 'utf8'));
  const byId = new Map(events.map((e) => [e.id, e]));
  const random = prng(factor);
  const charts = {};
  const added = [];
  for (const [ci, f] of readdirSync(join(content, 'data', 'charts'))
    .filter((x) => x.endsWith('.json'))
    .sort()
    .entries()) {
    const chart = JSON.parse(readFileSync(join(content, 'data', 'charts', f), 'utf8'));
    const ids = [...chart.events];
    for (const id of ids) {
      const e = byId.get(id);
      if (!e) continue;
      for (let k = 1; k < factor; k++) {
        const copy = { ...e, id: `${e.id}-c${ci}x${k}`, title: `${e.title} (synthetic ${k})` };
        if (e.precision === 'day' || e.precision === 'hour' || e.precision === 'minute') {
          if (chart.window) {
            const start = Date.UTC(
              ...chart.window.start.split('-').map((n, i) => (i === 1 ? Number(n) - 1 : Number(n))),
            );
            const end = Date.UTC(...chart.window.end.split('-').map((n, i) => (i === 1 ? Number(n) - 1 : Number(n))));
            // An event with an end keeps its span, and the copy ends inside the window (as synthetic.ts scaleUp).
            const span = e.until?.length === 10 ? (Date.parse(e.until) - Date.parse(e.date)) / 86400000 : 0;
            const day = new Date(
              start + Math.floor(random() * Math.max(1, (end - start) / 86400000 - span)) * 86400000,
            );
            const iso = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
            copy.date = iso(day);
            if (e.until) copy.until = iso(new Date(day.getTime() + span * 86400000));
          } else {
            copy.date = `${e.date.slice(0, 8)}${pad(1 + Math.floor(random() * 28))}`;
          }
          if (e.time) copy.time = `${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}`;
        }
        added.push(copy);
        chart.events.push(copy.id);
        // A flow's stage takes the copy beside the original.
        for (const stage of chart.stages ?? []) if (stage.events.includes(e.id)) stage.events.push(copy.id);
        // A map places the copy where it places the original.
        if (chart.eventPlaces?.[e.id]) chart.eventPlaces[copy.id] = chart.eventPlaces[e.id];
      }
    }
    charts[f] = chart;
  }
  return { events: [...events, ...added], charts };
}

export function writeSynthetic(content, data) {
  writeFileSync(join(content, 'data', 'events.json'), JSON.stringify(data.events, null, 1));
  for (const [f, chart] of Object.entries(data.charts))
    writeFileSync(join(content, 'data', 'charts', f), JSON.stringify(chart, null, 1));
}

/** Renders every drawable chart in-process at 760 and 360 px: median time, SVG size, marks, height. */
export async function renderCharts(site, data) {
  const url = (p) => pathToFileURL(join(site, p)).href;
  const { chartFunctions } = await import(url('src/charts/index.ts'));
  const { prepareCharts } = await import(url('src/prepare/chart-input.ts'));
  const { actorSchema, chartSchema, eventSchema, placeSchema, playbookSchema, sourceSchema } = await import(
    url('src/schemas.ts')
  );
  const read = (p) => JSON.parse(readFileSync(join(site, 'content', p), 'utf8'));
  const events = new Map(data.events.map((e) => eventSchema.parse(e)).map((e) => [e.id, e]));
  const actors = new Map(
    read('data/actors.json')
      .map((a) => actorSchema.parse(a))
      .map((a) => [a.id, a]),
  );
  const sources = new Map(
    read('data/sources.json')
      .map((s) => sourceSchema.parse(s))
      .map((s) => [s.id, s]),
  );
  const playbook = playbookSchema.parse(read('data/playbook.json'));
  const text = read('data/ui.en.json');
  const places = placeSchema.array().parse(read('data/places.json'));
  const charts = Object.values(data.charts).map((raw) => chartSchema.parse(raw));
  const prepared = prepareCharts({
    charts,
    events: [...events.values()],
    actors: [...actors.values()],
    sources: [...sources.values()],
    playbook,
    places,
    text,
  });
  const out = {};
  for (const chart of charts) {
    const input = prepared.get(chart.id);
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
export async function renderChartsBounded(site, factor) {
  const r = await run(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', join(ROOT, 'bench', 'run.mjs'), '--render', site, String(factor)],
    { cwd: site, env: { NODE_OPTIONS: '--max-old-space-size=6144' }, timeout: RENDER_TIMEOUT },
  );
  if (r.code !== 0)
    return { error: r.timedOut ? `timeout (> ${RENDER_TIMEOUT / 1000} s)` : `failed: ${r.out.slice(-300)}` };
  const line = r.out.split('\n').find((l) => l.startsWith('{"charts"'));
  return line ? JSON.parse(line).charts : { error: `no result: ${r.out.slice(-300)}` };
}
