/**
 * "Timeline": years on one time axis, with two groups of events on either side of it:
 * courtesy (cordial messages and visits) above, campaigns (hostile narratives and fakes)
 * below. Every event is drawn at its known precision: a dot for a day (or finer), a bar with
 * end caps spanning the whole month for an event known only to the month, and a bar over the
 * year for one known only to the year. Claims only the article makes are hollow and dashed;
 * reported or unverified events, and events whose date is uncertain (`until`, `dateUncertain`), are hatched.
 *
 * Which side an event goes on is the chart definition's choice, not the function's:
 * official and context lanes go above, disinformation and response lanes below, unless
 * the chart's `below` or `above` (event ids) says otherwise.
 *
 * Wide (width >= 560): time runs left to right; marks and labels sit in rows off the axis, and
 * each mark also leaves a tick (or, for a span, a line) on the axis's edge.
 * Narrow: time runs down a central axis; courtesy on the left, campaigns on the right, with
 * wrapped labels pushed down where needed and joined to their marks by leader lines.
 *
 * Pure: (data, options) -> SVG markup. No DOM, no I/O, no clock.
 */
import { annotatedDrawing, type AnnotationFrame } from './marks/annotation.ts';
import { defined } from '../lib/defined.ts';
import { scaleUtc } from 'd3-scale';
import { svg, px, type Markup } from '../lib/escape.ts';
import { MONTHS, eventInterval, formatEventDate, wallTimeToUtc } from '../lib/dates.ts';
import type { Chart, StoryEvent } from '../schemas.ts';
import type { ChartInput, ChartOptions, Drawing } from './types.ts';
import { stepAttrs, type Lit } from './marks/steps.ts';
import { pointsBox, unionBox } from './marks/box.ts';
import { brokenScale, monthStretches, type AxisBreak, type Run, type Span } from './marks/breaks.ts';
import {
  INK,
  MUTED,
  SAFE,
  blockWidth,
  boxesOverlap,
  hatchPattern,
  labelWidth,
  layoutLegend,
  stepIndex,
  wrapText,
  type Box,
  type PlacedLegendItem,
} from './shared.ts';
import { DENSITY_LIMITS, clusterLabel, clusterTitle, featuredIds, openSteps, thin, type BinUnit } from './density.ts';

/** What timeline() reads of the chart input. */
export type TimelineData = Pick<ChartInput<'timeline'>, 'chart' | 'events' | 'text' | 'actors'>;

/**
 * width: px, default 760 (below 560 the narrow, vertical layout); idPrefix default "timeline"; fontSize default 12 (11
 * narrow).
 */
/** `focus` with `step`, narrow: the step's own re-layout (see layoutTimeline and marks/breaks.ts). */
export type TimelineOptions = ChartOptions;

export type Side = 'above' | 'below';

/** Colour of each side: both at least 3:1 against #fff and #fbfaf7; position tells them apart too. */
export const sideColours: Record<Side, string> = { above: '#b3261e', below: '#6b3d9a' };

/** The side an event is drawn on: the chart's `below` / `above` first, then its lane. */
export function sideOf(
  e: Pick<StoryEvent, 'id' | 'lane'>,
  chart: { above?: readonly string[]; below?: readonly string[] },
): Side {
  if (chart.below?.includes(e.id)) return 'below';
  if (chart.above?.includes(e.id)) return 'above';
  return e.lane === 'official' || e.lane === 'context' ? 'above' : 'below';
}

export interface TimelineMark {
  id: string;
  side: Side;
  /**
   * point = known to the day or finer; span = known to the month or year (covers it);
   * cluster = several events counted together over the month, quarter or year they are dated in.
   */
  shape: 'point' | 'span' | 'cluster';
  /** For a cluster: the ids of the events it counts, and its description. */
  members?: string[];
  title?: string;
  claimed: boolean;
  uncertain: boolean;
  /** The glyph's box; for a point, its centre is the middle of the box. */
  glyph: Box;
  /** Stem (wide) or leader (narrow), as polyline points. */
  line: [number, number][];
  lines: string[];
  lx: number;
  /** Baseline of the first line. */
  ly: number;
  lineHeight: number;
  anchor: 'start' | 'end';
  /** The label's box. */
  label: Box;
  steps: number[];
}

export interface TimelineLayout {
  width: number;
  height: number;
  narrow: boolean;
  fontSize: number;
  legend: PlacedLegendItem[];
  /** The axis band. */
  band: Box;
  /** Time scale: instant t0..t1 (UTC ms) maps linearly to r0..r1 (x when wide, y when narrow). */
  scale: { t0: number; t1: number; r0: number; r1: number };
  years: { x: number; y: number; label: string }[];
  /** Month (minor) and year (major) ticks as line segments. */
  ticks: { x1: number; y1: number; x2: number; y2: number; major: boolean }[];
  /** Days the chart marks (chart.marks), as triangles centred on (x, y). */
  dayMarks: { x: number; y: number; label: string; date: string }[];
  sideTitles: { side: Side; lines: string[]; x: number; y: number; anchor: 'start' | 'end'; box: Box }[];
  marks: TimelineMark[];
  /** A focused drawing's stretches of time along the axis and the breaks between them (absent: one whole axis). */
  runs?: Run[];
  breaks?: AxisBreak[];
  /** A focused drawing's month names on the axis. */
  monthLabels?: { x: number; y: number; label: string }[];
}

const PAD = 8;
const R = 6;
/** Axis outline and ticks: 3.4:1 on #fbfaf7, so the band's pale fill needs no contrast of its own. */
const AXIS = '#8c877d';
const LABEL_GAP = 5;

interface Item {
  /** The event; for a cluster, its first member. */
  e: StoryEvent;
  side: Side;
  shape: 'point' | 'span' | 'cluster';
  t0: number;
  t1: number;
  text: string;
  cluster?: { id: string; members: StoryEvent[]; title: string };
}

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
function sideTitles(data: TimelineData): Record<Side, string> {
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

function legendItems(data: TimelineData, clusters: boolean) {
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

/** Legend order of a focused drawing: the two short entries first, so they share a row on a phone. */
const LEGEND_ORDER = ['day', 'day-mark', 'month', 'claim', 'uncertain', 'cluster'];

type Iv = [number, number];
const hit = (list: Iv[] | undefined, iv: Iv) => (list ?? []).some((b) => iv[0] < b[1] && b[0] < iv[1]);

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
  const legend = layoutLegend(
    legendItems(
      data,
      all.some((i) => i.cluster),
    )
      .filter((it) => !focus || focus.legend.has(it.key))
      // A focused drawing pairs the two short entries on one row.
      .sort((a, c) => (focus ? LEGEND_ORDER.indexOf(a.key) - LEGEND_ORDER.indexOf(c.key) : 0)),
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

interface Base {
  width: number;
  narrow: boolean;
  fontSize: number;
  legend: PlacedLegendItem[];
  steps: Map<string, number[]>;
  all: Item[];
  months: { t: number; y: number; m: number }[];
  start: number;
  end: number;
  titles: Record<Side, string>;
  /** Steps that highlight nothing, so light every mark. */
  openSteps: number[];
  /** A focused (per-step) narrow drawing: its stretches of time, its axis's x and the sides it uses. */
  focus?: Focus;
}

interface Focus {
  stretches: Span[];
  axisX: number;
  /** Half the axis band's width: wide enough for "Oct 2022" on one line when one side leaves the room. */
  bandHalf: number;
  sides: Side[];
  /** Legend keys of what the drawing shows. */
  legend: Set<string>;
}

/** Is an event drawn hatched (see identity())? */
const isUncertain = (e: StoryEvent) =>
  e.status === 'reported' || e.status === 'unverified' || e.until !== undefined || e.dateUncertain === true;

/**
 * A step's focused drawing: the whole months its events fall in (merged across a single skipped month), the axis
 * beside the one side it uses (else centred) and the legend entries its marks and day marks need.
 */
function focusOf(
  data: TimelineData,
  its: Item[],
  months: { t: number }[],
  end: number,
  width: number,
  fs: number,
): Focus {
  const stretches = monthStretches(
    its.map((i): Span => [i.t0, i.t1]),
    [...months.map((m) => m.t), end],
  );
  const sides = (['above', 'below'] as const).filter((s) => its.some((i) => i.side === s));
  // One side drawn: the other side's room goes to a band wide enough for "Sep 2022" (bold) on one line.
  const BW = sides.length === 2 ? 17 : Math.ceil((labelWidth('Sep 2022', fs) * 1.08 + 8) / 2);
  const axisX = sides.length === 2 ? width / 2 : sides[0] === 'above' ? width - PAD - BW - 2 : PAD + BW + 2;
  const inside = (t: number) => stretches.some(([a, b]) => t >= a && t < b);
  const legend = new Set<string>();
  for (const i of its) {
    legend.add(i.shape === 'span' ? 'month' : 'day');
    if (i.e.status === 'claimed-by-article') legend.add('claim');
    else if (isUncertain(i.e)) legend.add('uncertain');
  }
  if (dayMarksOf(data.chart, () => ({ x: 0, y: 0 }), zone(data)).some((d) => inside(dayTime(d.date, zone(data)))))
    legend.add('day-mark');
  return { stretches, axisX, bandHalf: BW, sides, legend };
}

/** Noon-ish of a day mark's date: the middle of its day in the zone. */
function dayTime(date: string, tz: string): number {
  const [y, mo = 1, d = 1] = date.split('-').map(Number) as [number, number?, number?];
  return (wallTimeToUtc(y, mo, d, 0, 0, tz) + wallTimeToUtc(y, mo, d + 1, 0, 0, tz)) / 2;
}

function layoutWide(data: TimelineData, b: Base, legendBottom: number): TimelineLayout {
  const { width, fontSize: fs } = b;
  const ROW = fs + 10;
  const X0 = PAD + 4;
  const X1 = width - PAD - 4;
  const x = scaleUtc().domain([b.start, b.end]).range([X0, X1]);

  interface Placed {
    it: Item;
    gx0: number;
    gx1: number;
    lines: string[];
    anchor: 'start' | 'end';
    tx0: number;
    tx1: number;
    row: number;
    glyphRow: number;
  }
  const placeSide = (side: Side): { placed: Placed[]; rows: number } => {
    const rows: { text: Iv[] }[] = [];
    const row = (r: number) => (rows[r] ??= { text: [] });
    const placed: Placed[] = [];
    for (const it of b.all.filter((i) => i.side === side)) {
      let gx0: number, gx1: number;
      if (it.shape === 'point') {
        gx0 = x(it.t0) - R;
        gx1 = x(it.t0) + R;
      } else {
        // A cluster keeps 1 px clear at each end, so that neighbouring bins never touch.
        const inset = it.cluster ? 1 : 0;
        gx0 = x(it.t0) + inset;
        gx1 = Math.max(x(it.t1) - inset, gx0 + 4);
      }
      const w = labelWidth(it.text, fs);
      const right = X1 + 4 - (gx1 + LABEL_GAP);
      const left = gx0 - LABEL_GAP - PAD;
      let lines = [it.text];
      let anchor: 'start' | 'end' = 'start';
      if (w > right && w <= left) anchor = 'end';
      else if (w > right) {
        // Neither side has room for one line: wrap on the roomier side.
        anchor = left > right ? 'end' : 'start';
        lines = wrapText(it.text, Math.max(left, right), fs);
      }
      const bw = blockWidth(lines, fs);
      const tx0 = anchor === 'start' ? gx1 + LABEL_GAP : gx0 - LABEL_GAP - bw;
      const tx1 = anchor === 'start' ? gx1 + LABEL_GAP + bw : gx0 - LABEL_GAP;
      const n = lines.length;
      const textIv: Iv = [Math.min(tx0, gx0) - 6, Math.max(tx1, gx1) + 6];
      // No stems cross the rows: a mark's own short tick on the axis shows where it falls,
      // so packing is plain interval packing and always finds a row.
      let r = 0;
      while (rows.slice(r, r + n).some((o) => hit(o.text, textIv))) r++;
      for (let k = r; k < r + n; k++) row(k).text.push(textIv);
      const glyphRow = side === 'above' ? r + n - 1 : r;
      placed.push({ it, gx0, gx1, lines, anchor, tx0, tx1, row: r, glyphRow });
    }
    return { placed, rows: rows.length };
  };
  const above = placeSide('above');
  const below = placeSide('below');

  const titleAboveY = legendBottom + 6 + fs;
  const aboveTop = titleAboveY + 8;
  const bandTop = aboveTop + above.rows * ROW + 6;
  const band: Box = { x0: X0, x1: X1, y0: px(bandTop), y1: px(bandTop + 18) };
  const belowTop = band.y1 + 6;
  const belowBottom = belowTop + below.rows * ROW;
  const titleBelowY = belowBottom + 6 + fs;
  const height = Math.ceil(titleBelowY + 8);
  const rowCentre = (side: Side, r: number) =>
    side === 'above' ? bandTop - 6 - r * ROW - ROW / 2 : belowTop + r * ROW + ROW / 2;

  const marks: TimelineMark[] = [];
  for (const [side, res] of [
    ['above', above],
    ['below', below],
  ] as const) {
    for (const p of res.placed) {
      const cy = rowCentre(side, p.glyphRow);
      const half = p.it.shape === 'point' ? R : 5;
      const glyph: Box = { x0: px(p.gx0), x1: px(p.gx1), y0: px(cy - half), y1: px(cy + half) };
      const cx = px((p.gx0 + p.gx1) / 2);
      // The mark's trace on the axis: a tick for a point, a line along the band's edge for a span.
      const edge = side === 'above' ? band.y0 - 1.5 : band.y1 + 1.5;
      const line: [number, number][] =
        p.it.shape === 'point'
          ? [
              [cx, px(edge + (side === 'above' ? -5 : 5))],
              [cx, edge],
            ]
          : [
              [glyph.x0, edge],
              [glyph.x1, edge],
            ];
      const ly = cy + fs * 0.35;
      const lastLy = ly + (p.lines.length - 1) * ROW;
      marks.push({
        ...identity(p.it, b),
        side,
        shape: p.it.shape,
        glyph,
        line,
        lines: p.lines,
        lx: px(p.anchor === 'start' ? p.tx0 : p.tx1),
        ly: px(ly),
        lineHeight: ROW,
        anchor: p.anchor,
        label: { x0: px(p.tx0), x1: px(p.tx1), y0: px(ly - fs), y1: px(lastLy + 3) },
      });
    }
  }

  const years: TimelineLayout['years'] = [];
  const ticks: TimelineLayout['ticks'] = [];
  b.months.forEach((m, i) => {
    const mx = px(x(m.t));
    const major = m.m === 1 || i === 0;
    if (major) years.push({ x: px(mx + 4), y: px(band.y0 + 9 + fs * 0.35), label: String(m.y) });
    if (i > 0)
      ticks.push(
        major
          ? { x1: mx, y1: band.y0, x2: mx, y2: band.y1, major }
          : { x1: mx, y1: band.y0, x2: mx, y2: band.y0 + 4, major },
      );
  });
  const dayMarks = dayMarksOf(data.chart, (t) => ({ x: px(x(t)), y: px(band.y1 - 4) }), zone(data));
  const sideTitles: TimelineLayout['sideTitles'] = (['above', 'below'] as const).map((side) => {
    const y = side === 'above' ? titleAboveY : titleBelowY;
    const w = labelWidth(b.titles[side], fs) * 1.08;
    return {
      side,
      lines: [b.titles[side]],
      x: PAD,
      y: px(y),
      anchor: 'start' as const,
      box: { x0: PAD, x1: px(PAD + w), y0: px(y - fs), y1: px(y + 3) },
    };
  });
  return {
    width,
    height,
    narrow: false,
    fontSize: fs,
    legend: b.legend,
    band,
    scale: { t0: b.start, t1: b.end, r0: X0, r1: X1 },
    years,
    ticks,
    dayMarks,
    sideTitles,
    marks,
  };
}

const zone = (data: TimelineData) => defined(data.chart.window, `the window of timeline ${data.chart.id}`).zone;

/**
 * A mark's id, status and steps: an event's own, or a cluster's (no status of its own; lit only by steps that light
 * everything).
 */
function identity(
  it: Item,
  b: Base,
): Pick<TimelineMark, 'id' | 'claimed' | 'uncertain' | 'steps' | 'members' | 'title'> {
  if (it.cluster)
    return {
      id: it.cluster.id,
      claimed: false,
      uncertain: false,
      steps: b.openSteps,
      members: it.cluster.members.map((e) => e.id),
      title: it.cluster.title,
    };
  // Hatched: one secondary source or less (status), or an uncertain date (a range, or a day given as uncertain), as the
  // caption says.
  const uncertain = isUncertain(it.e);
  return { id: it.e.id, claimed: it.e.status === 'claimed-by-article', uncertain, steps: b.steps.get(it.e.id) ?? [] };
}

function dayMarksOf(chart: Chart, at: (t: number) => { x: number; y: number }, tz: string): TimelineLayout['dayMarks'] {
  return chart.marks.map((m) => {
    const [y, mo = 1, d = 1] = m.date.split('-').map(Number) as [number, number?, number?];
    const t0 = wallTimeToUtc(y, mo, d, 0, 0, tz);
    const t1 = wallTimeToUtc(y, mo, d + 1, 0, 0, tz);
    return { ...at((t0 + t1) / 2), label: m.label, date: m.date };
  });
}

/**
 * Tops for blocks stacked along one axis, in order, each as near its wanted top as the
 * blocks around it allow: overlapping neighbours merge into a cluster centred on their
 * wanted positions (never above `minTop`).
 */
export function dodge(blocks: readonly { want: number; h: number }[], gap: number, minTop: number): number[] {
  const clusters: { first: number; n: number; offsets: number[]; top: number; h: number }[] = [];
  blocks.forEach((b, i) => {
    let c = { first: i, n: 1, offsets: [0], top: Math.max(minTop, b.want), h: b.h };
    for (let prev = clusters.at(-1); prev && prev.top + prev.h + gap > c.top; prev = clusters.at(-1)) {
      clusters.pop();
      const offsets = [...prev.offsets, ...c.offsets.map((o) => o + prev.h + gap)];
      const merged = { first: prev.first, n: prev.n + c.n, offsets, top: 0, h: prev.h + gap + c.h };
      const mean =
        offsets.reduce(
          (sum, o, k) => sum + (defined(blocks[merged.first + k], `label block ${merged.first + k}`).want - o),
          0,
        ) / offsets.length;
      merged.top = Math.max(minTop, mean);
      c = merged;
    }
    clusters.push(c);
  });
  return clusters.flatMap((c) => c.offsets.map((o) => c.top + o));
}

function layoutNarrow(data: TimelineData, b: Base, legendBottom: number): TimelineLayout {
  const { width, fontSize: fs } = b;
  const LH = fs + 3;
  const xA = b.focus?.axisX ?? width / 2;
  const BW = b.focus?.bandHalf ?? 17;
  const SUB = 13;
  const track: Record<Side, number> = { above: xA - BW - 6 - R, below: xA + BW + 6 + R };
  const dir: Record<Side, number> = { above: -1, below: 1 };

  // Side titles over each half.
  const colW = { above: xA - BW - 6 - PAD, below: width - PAD - (xA + BW + 6) };
  const sideTitles: TimelineLayout['sideTitles'] = (b.focus?.sides ?? (['above', 'below'] as const)).map((side) => {
    const lines = wrapText(b.titles[side], (colW[side] * SAFE) / 1.08, fs);
    const y = legendBottom + 6 + fs;
    const w = blockWidth(lines, fs) * 1.08;
    const anchor = side === 'above' ? ('end' as const) : ('start' as const);
    const x = side === 'above' ? xA - BW - 6 : xA + BW + 6;
    const box = side === 'above' ? { x0: px(x - w), x1: px(x) } : { x0: px(x), x1: px(x + w) };
    return {
      side,
      lines,
      x: px(x),
      y: px(y),
      anchor,
      box: { ...box, y0: px(y - fs), y1: px(y + (lines.length - 1) * LH + 3) },
    };
  });
  const plotTop = Math.max(...sideTitles.map((t) => t.box.y1)) + 12;

  // A focused drawing: a month is tall enough for its name and year on the axis (one line where the band is wide
  // enough, else two); breaks of GAP between stretches.
  const GAP = 18;
  const oneLine = 2 * BW - 6 >= labelWidth('Sep 2022', fs) * 1.08;
  const focusMonths = (b.focus?.stretches ?? []).reduce(
    (n, [a, z]) => n + b.months.filter((m) => m.t >= a && m.t < z).length,
    0,
  );
  let length = b.focus
    ? focusMonths * (oneLine ? fs + 10 : 2 * fs + 8) + (b.focus.stretches.length - 1) * GAP
    : Math.max(480, b.months.length * 13);
  let result: { marks: TimelineMark[]; bottom: number; y: (t: number) => number; length: number } | undefined;
  let lastWorst = Infinity;
  // A focused drawing must fit a phone's sticky graphic: it grows at most three times.
  for (let attempt = 0; attempt < (b.focus ? 4 : 12); attempt++) {
    const y = b.focus
      ? brokenScale(b.focus.stretches, plotTop, length, GAP).y
      : scaleUtc()
          .domain([b.start, b.end])
          .range([plotTop, plotTop + length]);
    const yOf = (t: number) => y(t);
    const marks: TimelineMark[] = [];
    let worst = 0;
    let crossing = false;
    for (const side of ['above', 'below'] as const) {
      const its = b.all.filter((i) => i.side === side);
      // Glyphs: a sub-column further out wherever two would touch. Packed latest first, so the
      // earlier of two touching marks sits outside and takes the first label: time order holds.
      const subs: Iv[][] = [];
      // Events first, as if there were no clusters; clusters then take the first column where they fit
      // (a cluster's pale box never blocks a leader: see the crossing check below).
      const glyphs = [...[...its].reverse().filter((i) => !i.cluster), ...its.filter((i) => i.cluster)].map((it) => {
        // Clusters keep clear of their neighbours' 2 px margin, so that adjacent bins share a column.
        const inset = it.cluster ? 2.5 : 0;
        const g0 = it.shape === 'point' ? yOf(it.t0) - R : yOf(it.t0) + inset;
        const g1 = it.shape === 'point' ? yOf(it.t0) + R : Math.max(yOf(it.t1) - inset, g0 + 4);
        let k = 0;
        while (hit(subs[k], [g0 - 2, g1 + 2])) k++;
        (subs[k] ??= []).push([g0 - 2, g1 + 2]);
        const cx = track[side] + dir[side] * k * SUB;
        const half = it.shape === 'point' ? R : 4;
        return {
          it,
          k,
          box: { x0: px(cx - half), x1: px(cx + half), y0: px(g0), y1: px(g1) } as Box,
          cx,
          cy: (g0 + g1) / 2,
        };
      });
      const maxK = Math.max(0, ...glyphs.map((g) => g.k));
      const inner = track[side] + dir[side] * (maxK * SUB + R + 10);
      const avail = side === 'above' ? inner - PAD : width - PAD - inner;
      // Labels in time order; outer sub-columns first among glyphs at the same height.
      const order = [...glyphs].sort((a, c) => a.cy - c.cy || c.k - a.k || a.it.e.id.localeCompare(c.it.e.id));
      // Glyphs side by side (touching in time): the outer one takes the first label, so the
      // inner one's leader can run down its own column and pass under the outer glyph.
      for (let changed = true; changed; ) {
        changed = false;
        for (let i = 1; i < order.length; i++) {
          const [a, c] = [defined(order[i - 1], `label ${i - 1}`), defined(order[i], `label ${i}`)];
          if (c.k > a.k && c.box.y0 < a.box.y1 + 2) {
            order[i - 1] = c;
            order[i] = a;
            changed = true;
          }
        }
      }
      const blocks = order.map((g) => {
        const lines = wrapText(g.it.text, avail * SAFE, fs);
        return { g, lines, want: g.cy + fs * 0.35 - fs, h: fs + (lines.length - 1) * LH + 3 };
      });
      const tops = dodge(blocks, 5, plotTop - 4);
      blocks.forEach(({ g, lines, want }, i) => {
        const top = defined(tops[i], `the top of label ${i}`);
        worst = Math.max(worst, Math.abs(top - want));
        const ly = top + fs;
        const bottom = ly + (lines.length - 1) * LH + 3;
        const w = blockWidth(lines, fs);
        const lx = inner;
        const label: Box =
          side === 'above'
            ? { x0: px(inner - w), x1: px(inner), y0: px(top), y1: px(bottom) }
            : { x0: px(inner), x1: px(inner + w), y0: px(top), y1: px(bottom) };
        const midY = ly - fs * 0.35;
        const edgeX = inner - dir[side] * 3;
        const outerX = g.cx + dir[side] * (g.it.shape === 'point' ? R : 4);
        // Straight across when the label sits level with the mark; otherwise down the mark's own column first, then
        // across.
        // A cluster's leader leaves its box straight across wherever the label sits level with the box.
        const level = g.it.cluster ? midY >= g.box.y0 + 2 && midY <= g.box.y1 - 2 : Math.abs(midY - g.cy) <= R;
        const line: [number, number][] = level
          ? [
              [px(outerX), px(g.it.cluster ? midY : g.cy)],
              [px(edgeX), px(midY)],
            ]
          : [
              [px(g.cx), midY > g.cy ? g.box.y1 : g.box.y0],
              [px(g.cx), px(midY)],
              [px(edgeX), px(midY)],
            ];
        marks.push({
          ...identity(g.it, b),
          side,
          shape: g.it.shape,
          glyph: g.box,
          line,
          lines,
          lx: px(lx),
          ly: px(ly),
          lineHeight: LH,
          anchor: side === 'above' ? 'end' : 'start',
          label,
        });
      });
    }
    // A leader must not run through another mark's glyph.
    for (const m of marks) {
      for (let i = 1; i < m.line.length && !crossing; i++) {
        const [a, c] = [
          defined(m.line[i - 1], `point ${i - 1} of a leader`),
          defined(m.line[i], `point ${i} of a leader`),
        ];
        const seg: Box = {
          x0: Math.min(a[0], c[0]) - 0.5,
          x1: Math.max(a[0], c[0]) + 0.5,
          y0: Math.min(a[1], c[1]) - 0.5,
          y1: Math.max(a[1], c[1]) + 0.5,
        };
        crossing = marks.some((o) => o !== m && !o.members && boxesOverlap(seg, o.glyph));
      }
    }
    result = { marks, bottom: Math.max(plotTop + length, ...marks.map((m) => m.label.y1)), y: yOf, length };
    // Stop when labels sit near their marks, or when more room no longer brings them nearer
    // (a stack of labels at one time, as dense data makes, does not shrink with length).
    if (!crossing && (worst <= 4 * LH || worst > lastWorst - LH / 2)) break;
    lastWorst = worst;
    // Labels pushed far from their marks, or a leader through a mark: give time more room.
    length = Math.round(length * 1.12);
  }
  const placed = defined(result, 'a placement of the narrow timeline (the loop runs at least once)');
  const { marks, bottom, y } = placed;
  length = placed.length;
  const band: Box = { x0: px(xA - BW), x1: px(xA + BW), y0: px(plotTop), y1: px(plotTop + length) };
  if (b.focus) {
    const broken = brokenScale(b.focus.stretches, plotTop, length, GAP);
    return {
      width,
      height: Math.ceil(bottom + 10),
      narrow: true,
      fontSize: fs,
      legend: b.legend,
      band,
      scale: { t0: b.start, t1: b.end, r0: plotTop, r1: plotTop + length },
      ...focusedAxis(b, broken.runs, band, y, fs, oneLine),
      breaks: broken.breaks,
      runs: broken.runs,
      // Only the day marks inside a drawn stretch (by time: a skipped one has no place on the axis).
      dayMarks: dayMarksOf(data.chart, (t) => ({ x: px(band.x1 - 5), y: px(y(t)) }), zone(data)).filter((d) => {
        const t = dayTime(d.date, zone(data));
        return broken.runs.some((r) => t >= r.t0 && t < r.t1);
      }),
      sideTitles,
      marks,
    };
  }
  const years: TimelineLayout['years'] = [];
  const ticks: TimelineLayout['ticks'] = [];
  b.months.forEach((m, i) => {
    const my = px(y(m.t));
    const major = m.m === 1 || i === 0;
    if (major) years.push({ x: px(xA), y: px(my + fs + 2), label: String(m.y) });
    if (i > 0) {
      if (major) ticks.push({ x1: band.x0, y1: my, x2: band.x1, y2: my, major });
      else
        ticks.push(
          { x1: band.x0, y1: my, x2: band.x0 + 4, y2: my, major },
          { x1: band.x1 - 4, y1: my, x2: band.x1, y2: my, major },
        );
    }
  });
  const dayMarks = dayMarksOf(data.chart, (t) => ({ x: px(band.x1 - 5), y: px(y(t)) }), zone(data));
  return {
    width,
    height: Math.ceil(bottom + 10),
    narrow: true,
    fontSize: fs,
    legend: b.legend,
    band,
    scale: { t0: b.start, t1: b.end, r0: plotTop, r1: plotTop + length },
    years,
    ticks,
    dayMarks,
    sideTitles,
    marks,
  };
}

/**
 * The axis of a focused drawing, run by run: its year at the top of each run and at each January (with the month's
 * name where the band is wide enough), the name of each other month (in its middle, where there is room under the
 * year), and a tick between months (across the band at a year).
 */
function focusedAxis(
  b: Base,
  runs: readonly Run[],
  band: Box,
  y: (t: number) => number,
  fs: number,
  oneLine: boolean,
): Pick<TimelineLayout, 'years' | 'ticks' | 'monthLabels'> {
  const xA = px((band.x0 + band.x1) / 2);
  const years: TimelineLayout['years'] = [];
  const ticks: TimelineLayout['ticks'] = [];
  const monthLabels: NonNullable<TimelineLayout['monthLabels']> = [];
  for (const r of runs) {
    const ms = b.months.filter((m) => m.t >= r.t0 && m.t < r.t1);
    let below = -Infinity;
    ms.forEach((m, i) => {
      const top = y(m.t);
      const next = b.months.find((n) => n.t > m.t)?.t ?? r.t1;
      const bottom = i === ms.length - 1 ? r.y1 : y(next);
      const name = defined(MONTHS[m.m - 1], `month ${m.m}`).slice(0, 3);
      const major = m.m === 1;
      if (i > 0 && major) ticks.push({ x1: band.x0, y1: px(top), x2: band.x1, y2: px(top), major });
      if (i > 0 && !major)
        ticks.push(
          { x1: band.x0, y1: px(top), x2: band.x0 + 4, y2: px(top), major },
          { x1: band.x1 - 4, y1: px(top), x2: band.x1, y2: px(top), major },
        );
      // The year at the top of a run and at each January: with its month where the band is wide enough.
      if (i === 0 || major) {
        years.push({ x: xA, y: px(top + fs + 2), label: oneLine ? `${name} ${m.y}` : String(m.y) });
        below = top + fs + 2;
        if (oneLine) return;
      }
      const at = Math.max(oneLine ? top + fs + 2 : (top + bottom) / 2 + fs * 0.35, below + fs + 1);
      if (at <= bottom - 1) {
        monthLabels.push({ x: xA, y: px(at), label: name });
        below = at;
      }
    });
  }
  return { years, ticks, monthLabels };
}

function glyphMarkup(m: TimelineMark, p: string, narrow: boolean): Markup {
  const colour = sideColours[m.side];
  const g = m.glyph;
  if (m.shape === 'point') {
    const cx = px((g.x0 + g.x1) / 2);
    const cy = px((g.y0 + g.y1) / 2);
    if (m.claimed)
      return svg`<circle cx="${cx}" cy="${cy}" r="${R - 0.75}" fill="#fff" stroke="${colour}" stroke-width="1.5" stroke-dasharray="2 2"/>`;
    if (m.uncertain)
      return svg`<circle cx="${cx}" cy="${cy}" r="${R - 0.5}" fill="url(#${p}-hatch-${m.side})" stroke="${colour}"/>`;
    return svg`<circle cx="${cx}" cy="${cy}" r="${R}" fill="${colour}" stroke="#fff"/>`;
  }
  const w = px(g.x1 - g.x0);
  const h = px(g.y1 - g.y0);
  if (m.shape === 'cluster') {
    // Several events counted over their bin: a pale rounded box, underlined like a stack; no end caps, so it never
    // reads as one event's span.
    const under = narrow
      ? svg`<path d="M${px(g.x1 + 2.5)},${px(g.y0 + 2)}V${px(g.y1 - 2)}" stroke="${colour}"/>`
      : svg`<path d="M${px(g.x0 + 2)},${px(g.y1 + 2.5)}H${px(g.x1 - 2)}" stroke="${colour}"/>`;
    return svg`<rect x="${g.x0}" y="${g.y0}" width="${w}" height="${h}" rx="2" fill="${colour}" fill-opacity="0.15" stroke="${colour}"/>${under}`;
  }
  // A bar over the whole month (or year), with end caps so it reads as a span, not a point.
  const caps = narrow
    ? svg`<path d="M${g.x0 - 2},${g.y0}h${w + 4}M${g.x0 - 2},${g.y1}h${w + 4}" stroke="${colour}" stroke-width="1.5"/>`
    : svg`<path d="M${g.x0},${g.y0 - 2}v${h + 4}M${g.x1},${g.y0 - 2}v${h + 4}" stroke="${colour}" stroke-width="1.5"/>`;
  const fill = m.claimed ? '#fff' : m.uncertain ? `url(#${p}-hatch-${m.side})` : colour;
  return svg`<rect x="${g.x0}" y="${g.y0}" width="${w}" height="${h}" fill="${fill}" stroke="${colour}"${m.claimed ? svg` stroke-dasharray="3 2"` : ''}/>${caps}`;
}

/**
 * Skipped time: the band stops, and the gap carries the usual broken-axis sign (two slanted strokes across the axis)
 * joined by a dotted centre line, so the break reads as time left out, never as continuous time.
 */
function breakMarkup(k: AxisBreak, band: Box): Markup {
  const x0 = px(band.x0 - 4);
  const x1 = px(band.x1 + 4);
  const xm = px((band.x0 + band.x1) / 2);
  const m = (k.y0 + k.y1) / 2;
  const s = (dy: number) => svg`M${x0},${px(m + dy + 3)}L${x1},${px(m + dy - 3)}`;
  return svg`<path class="axis-break" d="${s(-4)}${s(4)}" stroke="${AXIS}" stroke-width="1.5" fill="none"/><path d="M${xm},${px(k.y0)}V${px(m - 8)}M${xm},${px(m + 8)}V${px(k.y1)}" stroke="${AXIS}" stroke-dasharray="2 2"/>`;
}

function legendSwatch(it: PlacedLegendItem, p: string, fs: number): Markup {
  const c = MUTED;
  const cy = px(it.y - fs * 0.35);
  const x = it.x;
  switch (it.key) {
    case 'day':
      return svg`<circle cx="${x + 6}" cy="${cy}" r="5" fill="${c}"/>`;
    case 'month':
      return svg`<rect x="${x + 1}" y="${cy - 4}" width="20" height="8" fill="${c}"/><path d="M${x + 1},${cy - 6}v12M${x + 21},${cy - 6}v12" stroke="${c}" stroke-width="1.5"/>`;
    case 'uncertain':
      return svg`<circle cx="${x + 6}" cy="${cy}" r="5" fill="url(#${p}-hatch-legend)" stroke="${c}"/>`;
    case 'claim':
      return svg`<circle cx="${x + 6}" cy="${cy}" r="4.5" fill="#fff" stroke="${c}" stroke-width="1.5" stroke-dasharray="2 2"/>`;
    case 'cluster':
      return svg`<rect x="${x + 1}" y="${cy - 5}" width="20" height="10" rx="2" fill="${c}" fill-opacity="0.15" stroke="${c}"/><path d="M${x + 3},${cy + 7.5}h16" stroke="${c}"/>`;
    default:
      return svg`<path d="M${x},${cy + 4}l5,-8 5,8z" fill="#8a6d00"/>`;
  }
}

function textLines(lines: readonly string[], x: number, y: number, lh: number): Markup[] {
  return lines.map((l, i) => svg`<tspan x="${x}" y="${px(y + i * lh)}">${l}</tspan>`);
}

/**
 * Renders the chart as SVG markup.
 * @param data the chart definition, its events, their actors and the words it prints
 * @param options width (px, default 760; narrow below 560), idPrefix (default "timeline"), fontSize (px)
 */
export function timeline(data: TimelineData, options: TimelineOptions = {}): Drawing {
  const p = options.idPrefix ?? 'timeline';
  const L = layoutTimeline(data, options);
  const fs = L.fontSize;
  const byId = new Map(data.events.map((e) => [e.id, e]));
  const defs = svg`<defs>${hatchPattern(`${p}-hatch-above`, sideColours.above)}${hatchPattern(`${p}-hatch-below`, sideColours.below)}${hatchPattern(`${p}-hatch-legend`, MUTED)}</defs>`;
  const legend = L.legend.map(
    (it) =>
      svg`${legendSwatch(it, p, fs)}<text x="${px(it.x + it.swatch + 5)}" y="${it.y}" font-size="${fs}" fill="${INK}">${it.label}</text>`,
  );
  const b = L.band;
  const runs = L.runs?.map((r) => ({ ...b, y0: px(r.y0), y1: px(r.y1) })) ?? [b];
  const bandMarkup = runs.map(
    (r) =>
      svg`<rect x="${r.x0}" y="${r.y0}" width="${px(r.x1 - r.x0)}" height="${px(r.y1 - r.y0)}" fill="#f1eee7" stroke="${AXIS}"/>`,
  );
  const axis = svg`<g class="axis">${bandMarkup}${(L.breaks ?? []).map((k) => breakMarkup(k, b))}${L.ticks.map((t) => svg`<line x1="${t.x1}" y1="${t.y1}" x2="${t.x2}" y2="${t.y2}" stroke="${AXIS}"${t.major ? '' : svg` stroke-width="0.75"`}/>`)}${L.years.map((y) => svg`<text x="${y.x}" y="${y.y}" font-size="${fs}" font-weight="700" fill="${INK}"${L.narrow ? svg` text-anchor="middle"` : ''}>${y.label}</text>`)}${(L.monthLabels ?? []).map((m) => svg`<text x="${m.x}" y="${m.y}" font-size="${fs}" fill="${INK}" text-anchor="middle">${m.label}</text>`)}${L.dayMarks.map((d) => (L.narrow ? svg`<path d="M${d.x + 4},${d.y - 4}l-7,4 7,4z" fill="#8a6d00"><title>${d.label}, ${d.date}</title></path>` : svg`<path d="M${d.x - 4},${d.y + 4}l4,-7 4,7z" fill="#8a6d00"><title>${d.label}, ${d.date}</title></path>`))}</g>`;
  const titles = L.sideTitles.map(
    (t) =>
      svg`<text class="side-title" x="${t.x}" y="${t.y}" text-anchor="${t.anchor}" font-size="${fs}" font-weight="700" fill="${sideColours[t.side]}">${textLines(t.lines, t.x, t.y, fs + 3)}</text>`,
  );
  const lineOf = (m: TimelineMark) =>
    L.narrow
      ? svg`<polyline points="${m.line.map((pt) => `${pt[0]},${pt[1]}`).join(' ')}" fill="none" stroke="${sideColours[m.side]}" stroke-opacity="0.6"/>`
      : svg`<polyline points="${m.line.map((pt) => `${pt[0]},${pt[1]}`).join(' ')}" fill="none" stroke="${sideColours[m.side]}" stroke-width="2"/>`;
  const marks = L.marks.map((m) => {
    if (m.members) {
      return svg`
<g class="mark cluster" data-id="${m.id}" ${stepAttrs(m.steps, options.step)} data-side="${m.side}" data-count="${m.members.length}"><title>${m.title ?? ''}</title>${lineOf(m)}${glyphMarkup(m, p, L.narrow)}<text x="${m.lx}" y="${m.ly}" text-anchor="${m.anchor}" font-size="${fs}" font-weight="700" fill="${INK}">${textLines(m.lines, m.lx, m.ly, m.lineHeight)}</text></g>`;
    }
    const e = defined(byId.get(m.id), `the event of mark ${m.id}`);
    const actor = data.actors.get(e.actor)?.name ?? e.actor;
    const status = e.status === 'confirmed' ? '' : ` (${data.text.statuses[e.status]})`;
    const precision = e.precision === 'month' || e.precision === 'year' ? `, ${data.text.precisions[e.precision]}` : '';
    const line = lineOf(m);
    // A focused drawing (a phone's sticky graphic) leaves hover titles to the full drawing: on the page, details come
    // from the data table (chart-details.ts), and the story's bytes stay within budget.
    const hover = L.runs
      ? ''
      : svg`<title>${e.title}${status}. ${actor}, ${e.channel}; ${formatEventDate(e)}${precision}.</title>`;
    return svg`
<g class="mark" data-id="${m.id}" ${stepAttrs(m.steps, options.step)} data-side="${m.side}">${hover}${line}${glyphMarkup(m, p, L.narrow)}<text x="${m.lx}" y="${m.ly}" text-anchor="${m.anchor}" font-size="${fs}"${m.claimed ? svg` font-style="italic"` : ''} fill="${INK}">${textLines(m.lines, m.lx, m.ly, m.lineHeight)}</text></g>`;
  });
  const body = svg`${defs}<g class="legend">${legend}</g>${axis}${titles}${marks}`;
  const frame = L.runs ? focusedFrame(data, L, options.step ?? -1) : data.chart;
  return annotatedDrawing(frame, options, timelineAnnotationFrame(data, L, p), body, timelineLit(L));
}

/**
 * A focused drawing's own title and description: the step's title and the stretches of time its axis shows (the rest
 * skipped).
 */
function focusedFrame(data: TimelineData, L: TimelineLayout, step: number): TimelineData['chart'] {
  const st = defined(data.chart.steps[step], `step ${step} of timeline ${data.chart.id}`);
  const month = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: zone(data) });
  const runs = (L.runs ?? []).map((r) => {
    const [a, z] = [month.format(r.t0), month.format(r.t1 - 1)];
    return a === z ? a : `${a} to ${z}`;
  });
  return {
    ...data.chart,
    title: `${data.chart.title}: ${st.title}`,
    description: `Only this step's events (its text names them). The time axis shows ${runs.join(', ')}; breaks in it mark the months left out.`,
  };
}

/** Each mark with the box of its glyph, its stem or leader, and its label. */
export function timelineLit(L: TimelineLayout): Lit[] {
  return L.marks.map((m) => ({
    id: m.id,
    steps: m.steps,
    box: unionBox([m.glyph, m.label, pointsBox(m.line) ?? m.glyph]) ?? m.glyph,
  }));
}

/**
 * What the annotation mark needs from a timeline layout: mark boxes by id (a cluster answers for its members) and
 * everything drawn.
 */
export function timelineAnnotationFrame(data: TimelineData, L: TimelineLayout, idPrefix: string): AnnotationFrame {
  const anchors = new Map<string, Box>();
  for (const m of L.marks) {
    anchors.set(m.id, m.glyph);
    for (const id of m.members ?? []) anchors.set(id, m.glyph);
  }
  const avoid = [
    ...L.marks.flatMap((m) => [m.glyph, m.label]),
    ...L.legend.map((it) => it.box),
    ...L.sideTitles.map((t) => t.box),
    L.band,
  ];
  return {
    width: L.width,
    height: L.height,
    anchors,
    avoid,
    time: L.narrow ? 'y' : 'x',
    bracketAt: L.narrow ? L.band.x0 - 1 : L.band.y1 + 6,
    events: new Map(data.events.map((e) => [e.id, e])),
    idPrefix,
    bottomSideBySide: L.runs !== undefined,
  };
}
