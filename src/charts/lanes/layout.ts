/**
 * The lanes chart's geometry (src/charts/lanes.ts draws it): days in the chart's zone, one lane per side of the
 * story, each event placed at its known precision with its label beside (or, without room, above) its mark, and in
 * the narrow layout room under each mark a step annotates for its note.
 *
 * Pure: (data, options) -> layout. No DOM, no I/O, no clock.
 */
import { defined } from '../../lib/defined.ts';
import { noteFontSize } from '../marks/annotation.ts';
import { scaleUtc } from 'd3-scale';
import { utcDay } from 'd3-time';
import { px } from '../../lib/escape.ts';
import { eventInterval, wallTimeToUtc } from '../../lib/dates.ts';
import { lanes as laneOrder, type StoryEvent } from '../../schemas.ts';
import type { ChartInput, ChartOptions } from '../types.ts';
import { DENSITY_LIMITS, clusterLabel, clusterTitle, featuredIds, thin } from '../density.ts';
import { fill, monthName, weekdayName } from '../marks/words.ts';
import { daysLabel } from '../marks/interval.ts';
import { isUncertain } from '../shared.ts';
import { labelWidth, SAFE, wrapText } from '../marks/text.ts';
import { openSteps, stepIndex } from '../marks/steps.ts';

export type Lane = (typeof laneOrder)[number];

/** What lanes() reads of the chart input. */
export type LanesData = Pick<ChartInput<'lanes'>, 'chart' | 'events' | 'text'>;

/**
 * width: px, default 960 (below 560 the narrow layout); idPrefix default "lanes"; fontSize default 12 (11 narrow);
 * theme default "light" (src/charts/marks/palette.ts).
 */
export type LanesOptions = ChartOptions;

/** cluster: several events counted together in one day (or, if known only to the month, one month). */
export type MarkShape = 'point' | 'day' | 'open' | 'cluster';

export interface PlacedMark {
  id: string;
  lane: Lane;
  shape: MarkShape;
  claimed: boolean;
  /**
   * Hatched: the event rests on one secondary source or less (status), or its date is uncertain (a range, `until`, or
   * `dateUncertain`).
   */
  uncertain: boolean;
  /**
   * The event's stated time is a report's publication time (timeBasis "report"): the bar runs from the start of that
   * day to the report, which a tick marks at x1.
   */
  report?: boolean;
  x0: number;
  x1: number;
  y: number;
  label: string;
  /** Label anchor and box. */
  lx: number;
  ly: number;
  anchor: 'start' | 'end';
  labelBox: [number, number];
  steps: number[];
  /** For a cluster: the ids of the events it counts, and its description. */
  members?: string[];
  title?: string;
  /** A cluster whose period runs past the window (events known only to the month). */
  openEnds?: boolean;
}

/** The fields every placed mark has, a cluster's or a single event's: its glyph's extent and its label's place. */
export type MarkBase = Pick<PlacedMark, 'lane' | 'shape' | 'x0' | 'x1' | 'label' | 'lx' | 'anchor' | 'labelBox'>;

export interface LanesLayout {
  width: number;
  height: number;
  narrow: boolean;
  plot: { x0: number; x1: number; top: number };
  days: { x0: number; x1: number; date: number; label: string; mark?: string }[];
  lanes: { lane: Lane; title: string; y0: number; y1: number; titleY: number }[];
  marks: PlacedMark[];
  fontSize: number;
}

/** Height of a row of marks, a bar, a cluster's box (drawing units). */
export const ROW = 24;
export const BAR = 12;
export const CLUSTER = 16;
const PAD = 8;

/**
 * Lane order, top to bottom. Wide: the order of the schema (official Moscow, the fake, the answers, what happened).
 * Narrow (phones): official Moscow, then the answers and what happened, the fake last, so the lanes a step lights
 * together stay together: the Republic Day step lights Peskov's remark, the Defence Ministry's answer and the
 * greetings, which the wide order sets ~490 units apart (more than a phone's sticky graphic shows at 12 px text).
 * The answers lane is the shorter of the two between official Moscow and what happened, and all of the lane between
 * two lit lanes is in the step's window (decision 0002, addendum on the Republic Day chart on short phones).
 * The caption's words hold for both: official Moscow above, the fake and the answers to it below.
 */
export const NARROW_LANES: readonly Lane[] = ['official', 'response', 'context', 'disinformation'];

const overlaps = (a: [number, number], b: [number, number]) => a[0] < b[1] && b[0] < a[1];

/** Geometry of the chart, shared by the build-time renderer and any browser code. */
export function layoutLanes(data: LanesData, options: LanesOptions = {}): LanesLayout {
  const width = options.width ?? 960;
  const narrow = width < 560;
  const fontSize = options.fontSize ?? (narrow ? 11 : 12);
  const { chart } = data;
  if (!chart.window) throw new Error(`lanes: chart "${chart.id}" needs a "window"`);
  const zone = chart.window.zone;
  const [sy, sm, sd] = chart.window.start.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = chart.window.end.split('-').map(Number) as [number, number, number];
  const start = wallTimeToUtc(sy, sm, sd, 0, 0, zone);
  const end = wallTimeToUtc(ey, em, ed, 0, 0, zone);
  const gutter = narrow ? 0 : 136;
  const x0 = gutter + PAD;
  const x1 = width - PAD;
  const x = scaleUtc().domain([start, end]).range([x0, x1]);
  const top = 40;

  // Day columns in the chart's zone (whole days: the window starts and ends at midnight).
  const days: LanesLayout['days'] = [];
  const nDays = Math.round((Date.UTC(ey, em - 1, ed) - Date.UTC(sy, sm - 1, sd)) / 86400000);
  for (let i = 0; i < nDays; i++) {
    const civil = utcDay.offset(new Date(Date.UTC(sy, sm - 1, sd)), i);
    const iso = civil.toISOString().slice(0, 10);
    const d0 = wallTimeToUtc(civil.getUTCFullYear(), civil.getUTCMonth() + 1, civil.getUTCDate(), 0, 0, zone);
    const d1 = wallTimeToUtc(civil.getUTCFullYear(), civil.getUTCMonth() + 1, civil.getUTCDate() + 1, 0, 0, zone);
    const named = {
      weekday: weekdayName(data.text, civil.getUTCDay()),
      day: civil.getUTCDate(),
      month: monthName(data.text, civil.getUTCMonth() + 1),
    };
    const label = fill(narrow ? data.text.drawing.dayLabelShort : data.text.drawing.dayLabel, named);
    days.push({ x0: px(x(d0)), x1: px(x(d1)), date: d0, label, mark: chart.marks.find((m) => m.date === iso)?.label });
  }

  // One rule for every chart: a step with an empty highlight lights every mark.
  const steps = stepIndex(
    chart,
    data.events.map((e) => e.id),
  );
  const allSteps = openSteps(chart);

  const room = narrow
    ? noteRoom(data, width, new Map(data.events.map((e) => [e.id, e.lane])))
    : new Map<string, number>();
  const lanesOut: LanesLayout['lanes'] = [];
  const marks: PlacedMark[] = [];
  const featured = featuredIds(chart);
  let y = top;
  /** The steps that light a mark of the lane drawn just above (narrow). */
  let litAbove = new Set<number>();
  for (const lane of narrow ? NARROW_LANES : laneOrder) {
    const all = data.events.filter((e) => e.lane === lane).map((e) => ({ e, iv: eventInterval(e, zone) }));
    if (all.length === 0) continue;
    // Over the lane's limit, events nobody is pointed at are counted per day (or month, if that is all that is known).
    const thinned = thin(all, {
      limit: DENSITY_LIMITS.lane,
      unit: 'day',
      zone,
      group: lane,
      event: (it) => it.e,
      featured,
    });
    // An event or a cluster, never both: the union lets `cluster ? … : e` read e as an event.
    type Interval = { start: number; end: number };
    type Entry =
      | { e: StoryEvent; iv: Interval; cluster?: undefined }
      | { e?: undefined; iv: Interval; cluster: (typeof thinned.clusters)[number] };
    const idOf = (it: Entry) => (it.cluster ? it.cluster.id : it.e.id);
    // Narrow: an event lit in a step with an event of the lane above goes first (the lane's top rows), so that step's
    // window runs from one lane into the next, not across this whole lane.
    const joined = (it: Entry) => (it.e && (steps.get(it.e.id) ?? []).some((i) => litAbove.has(i)) ? 1 : 0);
    const inLane: Entry[] = [
      ...thinned.single,
      ...thinned.clusters.map((c) => ({ iv: { start: c.bin.t0, end: c.bin.t1 }, cluster: c })),
    ].sort(
      (a: Entry, b: Entry) =>
        (narrow ? joined(b) - joined(a) : 0) ||
        a.iv.start - b.iv.start ||
        a.iv.end - b.iv.end ||
        idOf(a).localeCompare(idOf(b)),
    );
    const titleY = narrow ? y + 14 : y + 16;
    const rowsTop = narrow ? y + 20 : y + 4;
    const rows: [number, number][][] = [];
    const placed: { m: Omit<PlacedMark, 'y' | 'ly'>; row: number; labelAbove: boolean }[] = [];
    for (const { e, iv, cluster } of inLane) {
      const label = cluster ? clusterLabel(data.text, cluster.members.length) : (chart.labels[e.id] ?? e.title);
      // The estimate over SAFE, as notes are measured: wider fonts (DejaVu Sans; italic for the article's claims) still
      // end inside the drawing.
      const w = labelWidth(label, fontSize) / SAFE;
      const open = iv.start < start || iv.end > end;
      const shape: MarkShape = cluster ? 'cluster' : iv.start === iv.end ? 'point' : open ? 'open' : 'day';
      const mx0 = shape === 'point' ? x(iv.start) - 5 : Math.max(x0, x(iv.start)) + (cluster ? 1 : 0);
      const mx1 = shape === 'point' ? x(iv.start) + 5 : Math.min(x1, x(iv.end)) - (cluster ? 1 : 0);
      let lx: number,
        anchor: 'start' | 'end',
        box: [number, number],
        labelAbove = false;
      if (shape === 'open' || (shape === 'cluster' && w + 24 <= mx1 - mx0)) {
        // Label inside the bar, which spans the window.
        lx = mx0 + 12;
        anchor = 'start';
        box = [mx0, mx1];
      } else if (mx1 + 6 + w <= x1) {
        lx = mx1 + 6;
        anchor = 'start';
        box = [mx0, mx1 + 6 + w];
      } else if (mx0 - 6 - w >= x0) {
        lx = mx0 - 6;
        anchor = 'end';
        box = [mx0 - 6 - w, mx1];
      } else {
        // Neither side has room: the label takes its own row above the mark.
        labelAbove = true;
        anchor = 'start';
        lx = Math.max(x0, Math.min(mx0, x1 - w));
        box = [Math.min(mx0, lx), Math.max(mx1, lx + w)];
      }
      const extent: [number, number] = [box[0] - PAD / 2, box[1] + PAD / 2];
      let row = -1;
      if (!labelAbove) row = rows.findIndex((r) => !r.some((b) => overlaps(b, extent)));
      if (row === -1) {
        row = rows.length;
        rows.push([]);
        if (labelAbove) rows.push([]);
      }
      defined(rows[row], `row ${row} of lane ${lane}`).push(extent);
      if (labelAbove) defined(rows[row + 1], `row ${row + 1} of lane ${lane}`).push(extent);
      // What a cluster and a single event's mark share: where the glyph and its label go.
      const base: MarkBase = {
        lane,
        shape,
        x0: px(mx0),
        x1: px(mx1),
        label,
        lx: px(lx),
        anchor,
        labelBox: [px(box[0]), px(box[1])],
      };
      placed.push({
        m: cluster
          ? {
              ...base,
              id: cluster.id,
              claimed: false,
              uncertain: false,
              steps: allSteps,
              members: cluster.members.map((it) => it.e.id),
              openEnds: open,
              title: clusterTitle(
                data.text,
                cluster,
                cluster.members.map((it) => it.e),
                data.text.lanes[lane],
              ),
            }
          : {
              ...base,
              id: e.id,
              claimed: e.status === 'claimed-by-article',
              uncertain: isUncertain(e),
              ...(e.timeBasis === 'report' ? { report: true } : {}),
              steps: steps.get(e.id) ?? [],
            },
        row,
        labelAbove,
      });
    }
    // Narrow: free room under the row of each mark a step annotates, so its note sits right under it (a phone
    // drawing has no free columns beside its marks) and its leader crosses nothing.
    const extra = new Map<number, number>();
    for (const p of placed) {
      const r = room.get(p.m.id);
      const markRow = p.labelAbove ? p.row + 1 : p.row;
      if (r) extra.set(markRow, Math.max(extra.get(markRow) ?? 0, r));
    }
    // Narrow: a row that holds only labels set above their marks is one line of text high, not a bar's row.
    const marked = new Set(placed.map((p) => (p.labelAbove ? p.row + 1 : p.row)));
    const rowHeight = (i: number) => (narrow && !marked.has(i) ? Math.ceil(fontSize + 3) : ROW);
    const rowTop: number[] = [];
    let next = rowsTop;
    for (let i = 0; i < rows.length; i++) {
      rowTop.push(next);
      next += rowHeight(i) + (extra.get(i) ?? 0);
    }
    const at = (i: number) => defined(rowTop[i], `row ${i} of lane ${lane}`);
    for (const p of placed) {
      const markRow = p.labelAbove ? p.row + 1 : p.row;
      const cy = at(markRow) + ROW / 2;
      const ly = p.labelAbove ? at(p.row) + rowHeight(p.row) / 2 + fontSize * 0.35 + 4 : cy + fontSize * 0.35;
      marks.push({ ...p.m, y: px(cy), ly: px(ly) });
    }
    const y1 = next + 6;
    lanesOut.push({ lane, title: data.text.lanes[lane], y0: y, y1, titleY });
    y = y1;
    litAbove = new Set(placed.flatMap((p) => (p.m.members ? [] : p.m.steps)));
  }
  return { width, height: Math.ceil(y + 4), narrow, plot: { x0, x1, top }, days, lanes: lanesOut, marks, fontSize };
}

/**
 * Narrow layout: the room (drawing units) a note needs under each annotated mark: a callout's first subject, both ends
 * of a bracket. The note's lines at the annotation mark's size and measure, plus its gaps.
 */
function noteRoom(data: LanesData, width: number, laneOf: ReadonlyMap<string, Lane>): Map<string, number> {
  const { chart } = data;
  // The longest interval label a bracket may carry, measured (never drawn).
  const longest = daysLabel({ earliest: 0, latest: 0 }, { earliest: 99, latest: 100 }, data.text);
  const fs = noteFontSize(width);
  const lh = Math.round(fs * 1.25);
  const measure = Math.min(width - 8, width * 0.62) * SAFE;
  const out = new Map<string, number>();
  const add = (id: string, text: string) => {
    const h = wrapText(text, measure, fs).length * lh + 4 + 16;
    out.set(id, Math.max(out.get(id) ?? 0, h));
  };
  for (const s of chart.steps)
    for (const a of s.annotations) {
      if (a.type === 'callout' && a.subject[0]) add(a.subject[0], a.text);
      // A bracket runs under the lower of its two marks (the later lane; both in one lane); its label names the
      // interval.
      if (a.type === 'bracket') {
        const rank = (id: string) => NARROW_LANES.indexOf(laneOf.get(id) ?? 'context');
        const lower = Math.max(rank(a.from), rank(a.to));
        for (const id of [a.from, a.to]) if (rank(id) === lower) add(id, `${a.text ?? ''}: ${longest}`);
      }
    }
  return out;
}
