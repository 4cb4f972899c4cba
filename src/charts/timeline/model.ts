/**
 * The timeline's model (src/charts/timeline.ts): what it reads, the layout it returns, the items it places and the
 * pieces every layout (wide, narrow, a step's own) shares.
 */
import { defined } from '../../lib/defined.ts';
import { wallTimeToUtc } from '../../lib/dates.ts';
import type { Chart, StoryEvent } from '../../schemas.ts';
import type { ChartInput, ChartOptions } from '../types.ts';
import type { AxisBreak, Run, Span } from '../marks/breaks.ts';
import { px } from '../../lib/escape.ts';
import { SAFE, blockWidth, isUncertain, wrapText, type Box, type PlacedLegendItem } from '../shared.ts';
import { tokens, type Token } from '../marks/palette.ts';

/** What timeline() reads of the chart input. */
export type TimelineData = Pick<ChartInput<'timeline'>, 'chart' | 'events' | 'text' | 'actors'>;

/**
 * width: px, default 760 (below 560 the narrow, vertical layout); idPrefix default "timeline"; fontSize default 12 (11
 * narrow).
 */
/** `focus` with `step`, narrow: the step's own re-layout (see layoutTimeline and marks/breaks.ts). */
export type TimelineOptions = ChartOptions;

export type Side = 'above' | 'below';

/** The palette token of each side (decision 0003): both at least 3:1 on their ground; position tells them apart too. */
export const sideToken: Record<Side, Token> = { above: 'official', below: 'disinformation' };
/** Colour of each side in the light theme: both at least 3:1 against #fff and #fbfaf7. */
export const sideColours: Record<Side, string> = { above: tokens.official[0], below: tokens.disinformation[0] };

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
  /** A focused drawing's key entries (legend keys of what it draws): it carries no legend of its own. */
  keys?: string[];
  /** A focused drawing's month names on the axis. */
  monthLabels?: { x: number; y: number; label: string }[];
}

/** Order of the per-step drawings' key: the two short entries first, so they share a row on a phone. */
export const LEGEND_ORDER = ['day', 'day-mark', 'month', 'claim', 'uncertain', 'cluster'];

export const PAD = 8;
export const R = 6;
/** Axis outline and ticks in the light theme: 3.4:1 on #fbfaf7, so the band's pale fill needs no contrast itself. */
export const AXIS = tokens.axis[0];
export const LABEL_GAP = 5;

/** Bold text is this much wider than the measuring table's regular widths. */
const BOLD = 1.08;

/**
 * One side's title, wrapped (bold) to `measure` units and set at (x, y) with `anchor` (end: it ends at x): its lines
 * and the box they take. The narrow layout and a step's own drawing set their titles with it.
 */
export function sideTitle(
  side: Side,
  text: string,
  at: { x: number; y: number; anchor: 'start' | 'end' },
  measure: number,
  fs: number,
): TimelineLayout['sideTitles'][number] {
  const { x, y, anchor } = at;
  const lines = wrapText(text, (measure * SAFE) / BOLD, fs);
  const w = blockWidth(lines, fs) * BOLD;
  const box = anchor === 'end' ? { x0: px(x - w), x1: px(x) } : { x0: px(x), x1: px(x + w) };
  const y1 = px(y + (lines.length - 1) * (fs + 3) + 3);
  return { side, lines, x: px(x), y: px(y), anchor, box: { ...box, y0: px(y - fs), y1 } };
}

export interface Item {
  /** The event; for a cluster, its first member. */
  e: StoryEvent;
  side: Side;
  shape: 'point' | 'span' | 'cluster';
  t0: number;
  t1: number;
  text: string;
  cluster?: { id: string; members: StoryEvent[]; title: string };
}

export type Iv = [number, number];
export const hit = (list: Iv[] | undefined, iv: Iv) => (list ?? []).some((b) => iv[0] < b[1] && b[0] < iv[1]);

export interface Base {
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

export interface Focus {
  stretches: Span[];
  axisX: number;
  /** Half the axis band's width: wide enough for "Oct 2022" on one line when one side leaves the room. */
  bandHalf: number;
  sides: Side[];
  /** Legend keys of what the drawing shows. */
  legend: Set<string>;
}

/** Is an event drawn hatched (see identity())? The shared rule (src/charts/shared.ts). */
export { isUncertain };

/** Noon-ish of a day mark's date: the middle of its day in the zone. */
export function dayTime(date: string, tz: string): number {
  const [y, mo = 1, d = 1] = date.split('-').map(Number) as [number, number?, number?];
  return (wallTimeToUtc(y, mo, d, 0, 0, tz) + wallTimeToUtc(y, mo, d + 1, 0, 0, tz)) / 2;
}

export const zone = (data: TimelineData) => defined(data.chart.window, `the window of timeline ${data.chart.id}`).zone;

/**
 * A mark's id, status and steps: an event's own, or a cluster's (no status of its own; lit only by steps that light
 * everything).
 */
export function identity(
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

export function dayMarksOf(
  chart: Chart,
  at: (t: number) => { x: number; y: number },
  tz: string,
): TimelineLayout['dayMarks'] {
  return chart.marks.map((m) => {
    const [y, mo = 1, d = 1] = m.date.split('-').map(Number) as [number, number?, number?];
    const t0 = wallTimeToUtc(y, mo, d, 0, 0, tz);
    const t1 = wallTimeToUtc(y, mo, d + 1, 0, 0, tz);
    return { ...at((t0 + t1) / 2), label: m.label, date: m.date };
  });
}
