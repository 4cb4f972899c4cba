/** The timeline's layout: its items (thinned where a side is crowded), legend and the wide or narrow geometry. */
import { defined } from '../../lib/defined.ts';
import { eventInterval, wallTimeToUtc } from '../../lib/dates.ts';
import { layoutLegend, stepIndex } from '../shared.ts';
import { DENSITY_LIMITS, clusterLabel, clusterTitle, featuredIds, openSteps, thin, type BinUnit } from '../density.ts';
import {
  PAD,
  sideOf,
  type Item,
  type Side,
  type TimelineData,
  type TimelineLayout,
  type TimelineOptions,
} from './model.ts';
import { focusOf } from './step.ts';
import { layoutNarrow } from './narrow.ts';
import { layoutWide } from './wide.ts';

/**
 * Over a side's limit, events nobody is pointed at are counted per month, or per quarter or
 * year if months would still leave more marks than the limit.
 */
function thinSides(all: Item[], data: TimelineData, zone: string): Item[] {
  const featured = featuredIds(data.chart);
  const out: Item[] = [];
  for (const side of ['above', 'below'] as const) {
    const its = all.filter((i) => i.side === side);
    let best: ReturnType<typeof thin<Item>> | undefined;
    for (const unit of ['month', 'quarter', 'year'] as BinUnit[]) {
      best = thin(its, { limit: DENSITY_LIMITS.side, unit, zone, group: side, event: (i) => i.e, featured });
      if (best.single.length + best.clusters.length <= DENSITY_LIMITS.side) break;
    }
    const thinned = defined(best, 'a thinning of the timeline side (the unit list is not empty)');
    out.push(...thinned.single);
    const where = sideTitles(data)[side];
    for (const c of thinned.clusters) {
      const members = c.members.map((i) => i.e);
      out.push({
        e: defined(members[0], `a member of cluster ${c.id}`),
        side,
        shape: 'cluster',
        t0: c.bin.t0,
        t1: c.bin.t1,
        text: clusterLabel(data.text, members.length),
        cluster: { id: c.id, members, title: clusterTitle(data.text, c, members, where) },
      });
    }
  }
  return out.sort(
    (a, b) => a.t0 - b.t0 || a.t1 - b.t1 || (a.cluster?.id ?? a.e.id).localeCompare(b.cluster?.id ?? b.e.id),
  );
}

/** The two sides' titles: the chart's own, else the lanes' names. */
export function sideTitles(data: TimelineData): Record<Side, string> {
  return data.chart.sides ?? { above: data.text.lanes.official, below: data.text.lanes.disinformation };
}

function items(data: TimelineData, zone: string): Item[] {
  const claimWord = data.chart.claimWord ?? data.text.chart.legendClaim;
  return data.events
    .map((e) => {
      const iv = eventInterval(e, zone);
      const shape: Item['shape'] = e.precision === 'month' || e.precision === 'year' ? 'span' : 'point';
      const label = data.chart.labels[e.id] ?? e.title;
      return {
        e,
        side: sideOf(e, data.chart),
        shape,
        t0: shape === 'point' ? (iv.start + iv.end) / 2 : iv.start,
        t1: shape === 'point' ? (iv.start + iv.end) / 2 : iv.end,
        text: e.status === 'claimed-by-article' ? `${label} (${claimWord})` : label,
      };
    })
    .sort((a, b) => a.t0 - b.t0 || a.t1 - b.t1 || a.e.id.localeCompare(b.e.id));
}

function monthStarts(start: string, end: string, zone: string): { t: number; y: number; m: number }[] {
  let [y, m] = start.split('-').map(Number) as [number, number];
  const [ey, em, ed = 1] = end.split('-').map(Number) as [number, number, number?];
  const out: { t: number; y: number; m: number }[] = [];
  while (y < ey || (y === ey && (m < em || (m === em && ed > 1)))) {
    out.push({ t: wallTimeToUtc(y, m, 1, 0, 0, zone), y, m });
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export function legendItems(data: TimelineData, clusters: boolean) {
  const t = data.text.chart;
  return [
    { key: 'day', label: t.legendDay, swatch: 12 },
    { key: 'month', label: t.legendMonth, swatch: 22 },
    { key: 'uncertain', label: t.legendUncertain, swatch: 12 },
    { key: 'claim', label: t.legendClaim, swatch: 12 },
    ...(clusters ? [{ key: 'cluster', label: t.legendCluster, swatch: 22 }] : []),
    ...data.chart.marks.slice(0, 1).map((m) => ({ key: 'day-mark', label: m.label, swatch: 10 })),
  ];
}

/** Geometry of the chart, shared by the build-time renderer and any browser code. */
export function layoutTimeline(data: TimelineData, options: TimelineOptions = {}): TimelineLayout {
  const width = options.width ?? 760;
  const narrow = width < 560;
  const fontSize = options.fontSize ?? (narrow ? 11 : 12);
  const { chart } = data;
  if (!chart.window) throw new Error(`timeline: chart "${chart.id}" needs a "window"`);
  const zone = chart.window.zone;
  const [sy, sm = 1, sd = 1] = chart.window.start.split('-').map(Number) as [number, number?, number?];
  const [ey, em = 1, ed = 1] = chart.window.end.split('-').map(Number) as [number, number?, number?];
  const start = wallTimeToUtc(sy, sm, sd, 0, 0, zone);
  const end = wallTimeToUtc(ey, em, ed, 0, 0, zone);
  const events = items(data, zone);
  for (const it of events) {
    if (it.t0 < start || it.t1 > end)
      throw new Error(`timeline: event "${it.e.id}" (${it.e.date}) lies outside the window of chart "${chart.id}"`);
  }
  const months = monthStarts(chart.window.start, chart.window.end, zone);
  const lit = new Set(narrow && options.focus ? (chart.steps[options.step ?? -1]?.highlight ?? []) : []);
  const focused = lit.size > 0 ? events.filter((i) => lit.has(i.e.id)) : [];
  const focus = focused.length > 0 ? focusOf(data, focused, months, end, width, fontSize) : undefined;
  const all = focus
    ? focused
    : thinSides(events, data, zone).map((it) =>
        it.cluster ? { ...it, t0: Math.max(it.t0, start), t1: Math.min(it.t1, end) } : it,
      );
  const steps = stepIndex(
    chart,
    events.map((i) => i.e.id),
  );
  // A focused drawing carries no legend: the page shows its key once, above the graphic (timelineStepKey).
  const legend = layoutLegend(
    focus
      ? []
      : legendItems(
          data,
          all.some((i) => i.cluster),
        ),
    PAD,
    6,
    width - 2 * PAD,
    fontSize,
  );
  const titles = sideTitles(data);
  const base = {
    width,
    narrow,
    fontSize,
    legend: legend.items,
    steps,
    all,
    months,
    start,
    end,
    titles,
    openSteps: openSteps(chart),
    focus,
  };
  return narrow ? layoutNarrow(data, base, legend.bottom) : layoutWide(data, base, legend.bottom);
}
