/**
 * Charts stay usable as data grows: over a group's limit, events nobody is pointed at are
 * counted in calendar bins, featured events stay on their own, nothing is lost, and height,
 * marks and bytes stop growing with the data. Synthetic data lives in the tests only.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { layoutLanes, labelWidth } from '../../../src/charts/lanes.ts';
import { layoutTimeline, timeline } from '../../../src/charts/timeline.ts';
import { layoutFlow } from '../../../src/charts/flow.ts';
import { layoutRegionMap, regionMap } from '../../../src/charts/regionMap.ts';
import { DENSITY_LIMITS, binLabel, binOf, featuredIds, thin } from '../../../src/charts/density.ts';
import { boxesOverlap, type Box } from '../../../src/charts/shared.ts';
import { actorSchema, eventSchema, sourceSchema, type StoryEvent } from '../../../src/schemas.ts';
import { drawChart } from '../../../src/charts/index.ts';
import type { ChartInput } from '../../../src/charts/types.ts';
import { KINDS, chartOfKind, inputOf } from './fixture.ts';
import { eventInterval, wallTimeToUtc } from '../../../src/lib/dates.ts';
import { scaleUp } from './synthetic.ts';
import { ui } from '../../../src/lib/ui.ts';

const EN = ui('en');

const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as unknown[];
const events = read('content/data/events.json').map((e) => eventSchema.parse(e));
const byId = new Map(events.map((e) => [e.id, e]));
const _actors = new Map(
  read('content/data/actors.json')
    .map((a) => actorSchema.parse(a))
    .map((a) => [a.id, a]),
);
const _sources = new Map(
  read('content/data/sources.json')
    .map((s) => sourceSchema.parse(s))
    .map((s) => [s.id, s]),
);
function input<I extends keyof typeof KINDS>(id: I, factor: number) {
  const real = chartOfKind(id, KINDS[id]);
  const { chart, events: evs } = scaleUp(
    real,
    real.events.map((i) => byId.get(i)!),
    factor,
  );
  return inputOf(chart, evs);
}

/** The marks (or nodes) a layout placed, whatever the chart's kind. */
function layoutMarks(d: ChartInput, width: number): { id: string; members?: string[]; title?: string }[] {
  const { chart } = d;
  switch (chart.kind) {
    case 'lanes':
      return layoutLanes({ ...d, chart }, { width }).marks;
    case 'timeline':
      return layoutTimeline({ ...d, chart }, { width }).marks;
    case 'flow':
      return layoutFlow({ ...d, chart }, { width }).nodes;
    default:
      return [];
  }
}
const ev = (over: Partial<StoryEvent>): StoryEvent => ({ ...byId.get('off-2023-10-25-peskov')!, ...over });
const marksOf = (svgText: string) =>
  [
    ...svgText.matchAll(
      /<g class="mark( cluster)?" data-id="([^"]+)" data-steps="([^"]*)"[^>]*?(?: data-count="(\d+)")?>/g,
    ),
  ].map((m) => ({ cluster: !!m[1], id: m[2]!, steps: m[3]!, count: m[4] ? Number(m[4]) : undefined }));
const height = (svgText: string) => Number(/viewBox="0 0 [\d.]+ ([\d.]+)"/.exec(svgText)![1]);

describe('binOf', () => {
  it('bins by the date as published, never finer than it is known', () => {
    const zone = 'Asia/Almaty';
    expect(binOf(ev({ date: '2023-10-25', precision: 'minute' }), 'day', zone).key).toBe('2023-10-25');
    expect(binOf(ev({ date: '2023-10-25', precision: 'day' }), 'month', zone).key).toBe('2023-10');
    expect(binOf(ev({ date: '2023-11-02', precision: 'day' }), 'quarter', zone).key).toBe('2023-Q4');
    // Known only to the month: a day bin is not allowed, so the month.
    expect(binOf(ev({ date: '2023-10', precision: 'month' }), 'day', zone).key).toBe('2023-10');
    expect(binOf(ev({ date: '2023', precision: 'year' }), 'quarter', zone).key).toBe('2023');
    const q = binOf(ev({ date: '2023-11-02', precision: 'day' }), 'quarter', zone);
    expect([q.t0, q.t1]).toEqual([wallTimeToUtc(2023, 10, 1, 0, 0, zone), wallTimeToUtc(2024, 1, 1, 0, 0, zone)]);
    expect(binLabel(q, EN)).toBe('Oct\u2013Dec 2023');
    const d = binOf(ev({ date: '2023-10-25', precision: 'day' }), 'day', zone);
    expect(d.t1 - d.t0).toBe(86400000);
    expect(binLabel(d, EN)).toBe('25 Oct 2023');
  });
});

describe('thin', () => {
  const items = Array.from({ length: 12 }, (_, i) =>
    ev({ id: `e${i}`, date: `2023-10-${String(20 + (i % 3)).padStart(2, '0')}`, precision: 'day' }),
  );
  const opts = {
    limit: 8,
    unit: 'day' as const,
    zone: 'Asia/Almaty',
    group: 'g',
    event: (e: StoryEvent) => e,
    featured: new Set(['e4']),
  };

  it('draws everything while a group is within its limit', () => {
    const r = thin(items.slice(0, 8), opts);
    expect(r.clusters).toEqual([]);
    expect(r.single.map((e) => e.id)).toEqual(items.slice(0, 8).map((e) => e.id));
  });
  it('over the limit keeps featured events on their own and counts every other one in exactly one bin', () => {
    const r = thin(items, opts);
    expect(r.single.map((e) => e.id)).toEqual(['e4']);
    expect(r.clusters.map((c) => c.bin.key)).toEqual(['2023-10-20', '2023-10-21', '2023-10-22']);
    const counted = r.clusters.flatMap((c) => c.members.map((e) => e.id));
    expect([...counted, 'e4'].sort()).toEqual(items.map((e) => e.id).sort());
    for (const c of r.clusters) for (const e of c.members) expect(e.date, c.id).toBe(c.bin.key);
  });
  it('takes featured ids from step highlights and short labels', () => {
    const chart = chartOfKind('republic-day', 'lanes');
    const f = featuredIds(chart);
    for (const s of chart.steps) for (const id of s.highlight) expect(f.has(id)).toBe(true);
    for (const id of Object.keys(chart.labels)) expect(f.has(id)).toBe(true);
  });
});

const CHARTS = [
  { id: 'republic-day', render: (d: ChartInput, o: { width: number }) => drawChart(d, o).svg },
  { id: 'courtesy-campaigns', render: (d: ChartInput, o: { width: number }) => drawChart(d, o).svg },
  { id: 'anatomy-of-a-fake', render: (d: ChartInput, o: { width: number }) => drawChart(d, o).svg },
] as const;

describe.each(CHARTS)('$id as data grows', ({ id, render }) => {
  const real = input(id, 1);
  it('draws the real data one event per mark, with no clusters', () => {
    for (const width of [360, 760]) {
      const ms = marksOf(render(real, { width }));
      expect(ms.filter((m) => m.cluster)).toEqual([]);
      expect(ms.map((m) => m.id).sort()).toEqual([...real.chart.events].sort());
    }
  });

  it.each([10, 100])(
    'at %ix: every event is drawn or counted exactly once, featured events keep their marks and steps',
    (factor) => {
      const big = input(id, factor);
      for (const width of [360, 760]) {
        const out = render(big, { width });
        const ms = marksOf(out);
        const clusters = ms.filter((m) => m.cluster);
        expect(clusters.length, 'clusters').toBeGreaterThan(0);
        const layout = layoutMarks(big, width);
        const counted = layout.flatMap((m) => m.members ?? []);
        const drawn = ms.filter((m) => !m.cluster).map((m) => m.id);
        expect([...drawn, ...counted].sort()).toEqual([...big.chart.events].sort());
        // The count a cluster prints is the number it holds, and its title says where they are all listed.
        for (const m of layout.filter((x) => x.members)) {
          expect(clusters.find((c) => c.id === m.id)?.count, m.id).toBe(m.members!.length);
          expect(m.title, m.id).toContain(`${m.members!.length} events dated`);
          expect(m.title, m.id).toContain('data table');
        }
        expect(out).toMatch(new RegExp(`>${clusters[0]!.count} more<`));
        // What the story points at is still there, lit by the same steps as with the real data.
        const realMarks = new Map(marksOf(render(real, { width })).map((m) => [m.id, m.steps]));
        for (const f of featuredIds(big.chart))
          if (realMarks.has(f)) expect(ms.find((m) => m.id === f)?.steps, f).toBe(realMarks.get(f));
      }
    },
  );

  it(
    'stops growing: at 100x the chart is no taller than twice the real one, ' + 'and its marks and bytes stay bounded',
    () => {
      const big = input(id, 100);
      for (const width of [360, 760]) {
        const [a, b] = [render(real, { width }), render(big, { width })];
        expect(height(b), `${width} px height`).toBeLessThanOrEqual(2 * height(a));
        expect(marksOf(b).length, `${width} px marks`).toBeLessThanOrEqual(4 * real.chart.events.length);
        expect(gzipSync(b).length, `${width} px gzip`).toBeLessThan(12_000);
        // 10x and 100x draw the same number of marks: the counts grow, not the drawing.
        expect(marksOf(b).length).toBeLessThanOrEqual(marksOf(render(input(id, 10), { width })).length + 2);
      }
    },
  );
});

describe('clusters in place', () => {
  it(
    'lanes: a day cluster fills its day column; a month cluster runs across the window, open at both ends; labels ' +
      'stay apart',
    () => {
      const big = input('republic-day', 10);
      for (const width of [320, 360, 768, 1440]) {
        const L = layoutLanes(big, { width });
        const cl = L.marks.filter((m) => m.members);
        expect(cl.length).toBeGreaterThan(0);
        for (const m of cl) {
          const members = m.members!.map((i) => byIdBig(big.events, i));
          if (members.every((e) => e.precision !== 'month')) {
            const day = L.days.find((d) => m.x0 >= d.x0 && m.x1 <= d.x1);
            expect(day, m.id).toBeDefined();
            expect(m.x1 - m.x0, m.id).toBeGreaterThan(day!.x1 - day!.x0 - 3);
            expect(m.openEnds, m.id).toBeFalsy();
          } else {
            expect(m.openEnds, m.id).toBe(true);
            expect(m.x0).toBeLessThanOrEqual(L.plot.x0 + 1);
          }
        }
        const boxes = L.marks.map((m) => {
          const w = labelWidth(m.label, L.fontSize);
          const lx0 = m.anchor === 'start' ? m.lx : m.lx - w;
          return { id: m.id, x0: lx0, x1: lx0 + w, y0: m.ly - L.fontSize, y1: m.ly + 3 };
        });
        for (const a of boxes) {
          expect(a.x0, a.id).toBeGreaterThanOrEqual(0);
          expect(a.x1, a.id).toBeLessThanOrEqual(width);
          for (const b of boxes) if (a !== b) expect(boxesOverlap(a, b), `${a.id} / ${b.id}`).toBe(false);
        }
      }
    },
  );

  it(
    'timeline: a cluster covers exactly the bin its events are dated in, ' + 'and no label covers another or a glyph',
    () => {
      const big = input('courtesy-campaigns', 10);
      for (const width of [360, 760, 1440]) {
        const L = layoutTimeline(big, { width });
        const pos = (t: number) =>
          L.scale.r0 + ((t - L.scale.t0) / (L.scale.t1 - L.scale.t0)) * (L.scale.r1 - L.scale.r0);
        for (const m of L.marks.filter((x) => x.members)) {
          expect(m.shape).toBe('cluster');
          const members = m.members!.map((i) => byIdBig(big.events, i));
          const [a, b] = L.narrow ? [m.glyph.y0, m.glyph.y1] : [m.glyph.x0, m.glyph.x1];
          for (const e of members) {
            const iv = eventInterval(e, big.chart.window!.zone);
            const mid = pos((iv.start + iv.end) / 2);
            expect(mid, `${e.id} in ${m.id}`).toBeGreaterThanOrEqual(a - 3);
            expect(mid, `${e.id} in ${m.id}`).toBeLessThanOrEqual(b + 3);
          }
        }
        const labels: (Box & { id: string })[] = L.marks.map((m) => ({ ...m.label, id: m.id }));
        for (const l of labels) {
          expect(l.x0, l.id).toBeGreaterThanOrEqual(0);
          expect(l.x1, l.id).toBeLessThanOrEqual(width);
          for (const o of labels) if (o !== l) expect(boxesOverlap(l, o), `${l.id} / ${o.id}`).toBe(false);
          for (const m of L.marks)
            if (m.id !== l.id) expect(boxesOverlap(l, m.glyph), `${l.id} over ${m.id}`).toBe(false);
        }
      }
    },
  );

  it('flow: clusters are nodes like the others, inside their stage, and nodes never overlap', () => {
    const big = input('anatomy-of-a-fake', 10);
    for (const width of [360, 760, 1440]) {
      const L = layoutFlow(big, { width });
      for (const n of L.nodes.filter((x) => x.members)) {
        const stage = big.chart.stages.findIndex((s) => s.events.includes(n.members![0]!)) + 1;
        expect(n.stage, n.id).toBe(stage);
        expect(n.lines[0]!.text).toBe(`${n.members!.length} more`);
      }
      for (const a of L.nodes) {
        expect(a.x1, a.id).toBeLessThanOrEqual(width);
        for (const b of L.nodes) if (a !== b) expect(boxesOverlap(a, b), `${a.id} / ${b.id}`).toBe(false);
      }
      expect(L.nodes.filter((n) => !n.members).length).toBeLessThanOrEqual(big.chart.events.length);
    }
  });

  it(
    'map: a city rings at most its limit of events plus one count per year; every placed event is drawn or counted ' +
      'once',
    () => {
      const real = input('region-map', 1);
      const widths = [360, 760];
      // Each drawing once: the real map and the 10x one at each width are compared against more than once.
      const realAt = new Map(widths.map((width) => [width, regionMap(real, { width }).svg]));
      const tenfoldAt = new Map<number, string>();
      expect(realAt.get(760)).not.toContain('mark cluster');
      for (const factor of [10, 100]) {
        const big = input('region-map', factor);
        const placed = big.chart.events.filter((id) => big.chart.eventPlaces[id]);
        expect(placed.length).toBe(2 * factor);
        for (const width of widths) {
          const L = layoutRegionMap(big, { width });
          const drawn = L.placeEvents.flatMap((pe) => pe.members ?? [pe.id]);
          expect(drawn.sort()).toEqual([...placed].sort());
          const perCity = new Map<string, number>();
          for (const pe of L.placeEvents) perCity.set(pe.place, (perCity.get(pe.place) ?? 0) + 1);
          const years = new Set(placed.map((id) => byIdBig(big.events, id).date.slice(0, 4))).size;
          for (const [city, n] of perCity) expect(n, city).toBeLessThanOrEqual(featuredIds(big.chart).size + years);
          const clusters = L.placeEvents.filter((pe) => pe.members);
          expect(clusters.length).toBeGreaterThan(0);
          for (const c of clusters) expect(c.title).toContain(`${c.members!.length} events dated`);
          const out = regionMap(big, { width }).svg;
          const realSvg = realAt.get(width)!;
          // A narrow map lists its notes under the drawing: one more line per count, no more.
          expect(height(out)).toBeLessThanOrEqual(height(realSvg) + clusters.length * 24);
          if (factor === 10) tenfoldAt.set(width, out);
          else expect(height(out)).toBe(height(tenfoldAt.get(width)!));
          expect(gzipSync(out).length).toBeLessThan(gzipSync(realSvg).length + 1500);
        }
      }
    },
  );

  it('a step baked into a file dims clusters like other marks outside the step', () => {
    const big = input('courtesy-campaigns', 10);
    const out = timeline(big, { width: 760, step: 0 }).svg;
    const clusterTags = out.match(/<g class="mark cluster"[^>]*>/g) ?? [];
    expect(clusterTags.length).toBeGreaterThan(0);
    for (const tag of clusterTags) expect(tag).toContain('opacity="0.3"');
  });

  it('keeps the limits the README states', () => {
    expect(DENSITY_LIMITS).toEqual({ lane: 8, side: 24, stage: 4, place: 3 });
    const readme = readFileSync('README.md', 'utf8');
    expect(readme).toMatch(/8 events in a lane/);
    expect(readme).toMatch(/24 marks on a side/);
    expect(readme).toMatch(/4 events in a stage/);
    expect(readme).toMatch(/3 events at a city/);
  });
});

function byIdBig(list: readonly StoryEvent[], id: string): StoryEvent {
  const e = list.find((x) => x.id === id);
  if (!e) throw new Error(`no event ${id}`);
  return e;
}
