/**
 * Density: how a chart stays readable when its data grows. While a group of marks (a lane, a
 * side of the timeline, a stage of the flow) holds no more events than its limit, every event
 * is drawn on its own. Beyond the limit, the events a reader is pointed at (in a step's
 * highlight, or given a short label by the chart definition) stay on their own, and the rest
 * are counted in calendar bins: one mark per bin that says how many events it holds. A bin is
 * never finer than what is known of its events' dates: an event known only to the month is
 * never counted in a day. Nothing is dropped: every event is still a row of the chart's
 * data table, and a cluster's title says so.
 *
 * Events are binned by their date as published (their own calendar), the same date the table
 * shows; the bin is then drawn over that calendar period in the chart's time zone.
 *
 * Pure: no DOM, no I/O, no clock.
 */
import { wallTimeToUtc } from '../lib/dates.ts';
import type { Chart, StoryEvent } from '../schemas.ts';
import type { UiStrings } from '../lib/ui.ts';
import { fill, monthName, type DrawingText } from './marks/words.ts';

export type BinUnit = 'day' | 'month' | 'quarter' | 'year';

/** Most events a group draws one by one before it counts the rest in bins. */
export const DENSITY_LIMITS = {
  /** lanes(): events in one lane. */
  lane: 8,
  /** timeline(): marks (events and bins) on one side. */
  side: 24,
  /** flow(): events in one stage. */
  stage: 4,
  /** regionMap(): events placed at one city (one ring each). */
  place: 3,
} as const;

export interface Bin {
  unit: BinUnit;
  /** "2023-10-24", "2023-10", "2023-Q4", "2023". */
  key: string;
  /** The period in the chart's zone, UTC ms, end exclusive. */
  t0: number;
  t1: number;
}

export interface Cluster<T> {
  /** Stable id for the mark: "cluster-<group>-<bin key>". */
  id: string;
  group: string;
  bin: Bin;
  members: T[];
}

const RANK: Record<BinUnit, number> = { year: 0, quarter: 1, month: 2, day: 3 };
const PRECISION_RANK: Record<StoryEvent['precision'], number> = { year: 0, month: 2, day: 3, hour: 3, minute: 3 };
const UNITS: BinUnit[] = ['year', 'quarter', 'month', 'day'];

/**
 * The bin of `unit` that holds an event's date, or the finest coarser bin when the date is
 * known less precisely than `unit` (a month-only date is never put in a day).
 */
export function binOf(e: Pick<StoryEvent, 'date' | 'precision'>, unit: BinUnit, zone: string): Bin {
  const known = PRECISION_RANK[e.precision];
  const u = RANK[unit] <= known ? unit : (UNITS.filter((x) => RANK[x] <= known).at(-1) ?? 'year');
  // Many events share a bin: compute each bin's instants once.
  const cacheKey = `${zone} ${u} ${e.date.slice(0, u === 'day' ? 10 : u === 'year' ? 4 : 7)}`;
  const hit = binCache.get(cacheKey);
  if (hit) return hit;
  const bin = makeBin(e.date, u, zone);
  binCache.set(cacheKey, bin);
  return bin;
}

const binCache = new Map<string, Bin>();

function makeBin(date: string, u: BinUnit, zone: string): Bin {
  const [y, m = 1, d = 1] = date.split('-').map(Number) as [number, number?, number?];
  const at = (yy: number, mm: number, dd: number) => wallTimeToUtc(yy, mm, dd, 0, 0, zone);
  const p2 = (n: number) => String(n).padStart(2, '0');
  switch (u) {
    case 'day':
      return { unit: u, key: `${y}-${p2(m)}-${p2(d)}`, t0: at(y, m, d), t1: at(y, m, d + 1) };
    case 'month':
      return { unit: u, key: `${y}-${p2(m)}`, t0: at(y, m, 1), t1: at(y, m + 1, 1) };
    case 'quarter': {
      const q = Math.floor((m - 1) / 3);
      return { unit: u, key: `${y}-Q${q + 1}`, t0: at(y, q * 3 + 1, 1), t1: at(y, q * 3 + 4, 1) };
    }
    case 'year':
      return { unit: u, key: String(y), t0: at(y, 1, 1), t1: at(y + 1, 1, 1) };
  }
}

/** Ids the chart points readers at: in any step's highlight, or given a short label. */
export function featuredIds(chart: Pick<Chart, 'steps' | 'labels'>): Set<string> {
  return new Set([...chart.steps.flatMap((s) => s.highlight), ...Object.keys(chart.labels)]);
}

export { openSteps } from './marks/steps.ts';

/**
 * Splits a group's items into those drawn on their own and those counted in bins.
 * Under `limit`, every item is single. Over it, featured items stay single and the rest are
 * binned by `unit` (and by `subgroup`, if given, e.g. a mark shape), even a bin of one: over
 * the limit, only what the story points at is drawn on its own, so that long labels of
 * unremarked events never crowd it out.
 */
export function thin<T>(
  items: readonly T[],
  opts: {
    limit: number;
    unit: BinUnit;
    zone: string;
    group: string;
    event: (item: T) => StoryEvent;
    featured: ReadonlySet<string>;
    subgroup?: (item: T) => string;
  },
): { single: T[]; clusters: Cluster<T>[] } {
  if (items.length <= opts.limit) return { single: [...items], clusters: [] };
  const single: T[] = [];
  const bins = new Map<string, Cluster<T>>();
  for (const it of items) {
    const e = opts.event(it);
    if (opts.featured.has(e.id)) {
      single.push(it);
      continue;
    }
    const bin = binOf(e, opts.unit, opts.zone);
    const sub = opts.subgroup?.(it);
    const id = `cluster-${opts.group}${sub ? `-${sub}` : ''}-${bin.key}`;
    const c = bins.get(id) ?? { id, group: opts.group, bin, members: [] };
    c.members.push(it);
    bins.set(id, c);
  }
  const clusters = [...bins.values()];
  clusters.sort((a, b) => a.bin.t0 - b.bin.t0 || a.bin.t1 - b.bin.t1 || a.id.localeCompare(b.id));
  return { single, clusters };
}

/** The bin as words: "24 Oct 2023", "Oct 2023", "Oct–Dec 2023", "2023". */
export function binLabel(bin: Bin, text: DrawingText): string {
  const [y, rest] = [bin.key.slice(0, 4), bin.key.slice(5)];
  const w = text.drawing;
  const month = (m: number) => monthName(text, m);
  switch (bin.unit) {
    case 'day':
      return fill(w.dayMonthYear, {
        day: Number(bin.key.slice(8, 10)),
        month: month(Number(bin.key.slice(5, 7))),
        year: y,
      });
    case 'month':
      return fill(w.monthYear, { month: month(Number(rest)), year: y });
    case 'quarter': {
      const q = Number(rest.slice(1)) - 1;
      return fill(w.monthRange, { from: month(q * 3 + 1), to: month(q * 3 + 3), year: y });
    }
    case 'year':
      return y;
  }
}

/** The short label a cluster mark prints: "23 more". */
export function clusterLabel(text: UiStrings, n: number): string {
  return fill(text.chart.clusterLabel, { n });
}

/**
 * The cluster's full description (its <title>): how many, when, how many of them are not
 * confirmed, and where each one is listed.
 */
export function clusterTitle(
  text: UiStrings,
  c: Cluster<unknown>,
  events: readonly Pick<StoryEvent, 'status'>[],
  where?: string,
): string {
  const byStatus = new Map<StoryEvent['status'], number>();
  for (const e of events) byStatus.set(e.status, (byStatus.get(e.status) ?? 0) + 1);
  const statuses = [...byStatus]
    .filter(([s]) => s !== 'confirmed')
    .map(([s, n]) => `${n} ${text.statuses[s]}`)
    .join(', ');
  return fill(text.chart.clusterTitle, {
    n: events.length,
    when: binLabel(c.bin, text),
    where: where ? ` (${where})` : '',
    statuses: statuses ? fill(text.chart.clusterStatuses, { list: statuses }) : '',
  });
}
