/**
 * The annotation mark (decision 0001): one shared, pure drawing of a chart's step annotations.
 * Anatomy after d3-annotation: a note (short text), a connector (an ink line with a white halo)
 * and a subject (an outline around the anchored marks, a bracket between two marks, or a band).
 *
 * Input: the annotations of every step (typed data from content/data/charts/<id>.json), the
 * boxes of the marks they anchor to, the boxes everything else occupies, and the frame.
 * Output: SVG markup (one <g class="annotation" data-steps="i"> per annotation, never dimmed:
 * a step shows its own annotations at full ink and hides the others), the boxes it used, and
 * the drawing's height (a note that finds no free place inside goes to a strip under the chart).
 * Placement is deterministic: a fixed list of candidate places, the first free one wins.
 * No DOM, no I/O, no clock.
 */
import { svg, px, type Markup } from '../../lib/escape.ts';
import type { StepAnnotation, StoryEvent } from '../../schemas.ts';
import { boxesOverlap, wrapText, blockWidth, labelWidth as labelWidthOf, INK, SAFE, type Box } from '../shared.ts';
import type { ChartOptions, Drawing } from '../types.ts';
import { svgFrame } from './frame.ts';
import { stepViews, type Lit, type StepView, type Stepped } from './steps.ts';

/** Ink for notes and connectors: ~16:1 on white, far above the 3:1 floor for marks. */
export const ANNOTATION_INK = INK;
/** Tint of a highlight band (drawn under the band's ink edges). */
const BAND_FILL = '#f3e9c6';

/**
 * The smallest note text in drawing units; narrow drawings are shown at about their width, so it renders at >= 12 px.
 */
export function noteFontSize(width: number): number {
  return width < 560 ? 13 : 14;
}

// ---------------------------------------------------------------------------------------------
// Intervals between two events' dates (decision 0006).

type DatePart = Pick<StoryEvent, 'date' | 'precision'>;

const DAY = 86_400_000;

/** Earliest and latest calendar day (as UTC day numbers) a date may fall on, at its precision. */
export function dayBounds(d: DatePart): { earliest: number; latest: number } {
  const [y, m, day] = d.date.split('-').map(Number) as [number, number?, number?];
  if (d.precision === 'year' || m === undefined)
    return { earliest: Date.UTC(y, 0, 1) / DAY, latest: Date.UTC(y + 1, 0, 1) / DAY - 1 };
  if (d.precision === 'month' || day === undefined)
    return { earliest: Date.UTC(y, m - 1, 1) / DAY, latest: Date.UTC(y, m, 1) / DAY - 1 };
  const n = Date.UTC(y, m - 1, day) / DAY;
  return { earliest: n, latest: n };
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * The interval label between two events, from their dates' earliest and latest possible days:
 * - both known to the day (or finer): "4 days", "the same day";
 * - bounds that disagree (an uncertain end): "at least N days" (the smallest count the dates allow);
 * - either known only to the month or year: no day count, only calendar months or years
 *   ("the same month", "1 calendar month apart", "2 calendar years apart").
 * Never a count more exact than the dates.
 */
export function interval(a: DatePart, b: DatePart): string {
  const [first, second] = dayBounds(a).earliest <= dayBounds(b).earliest ? [a, b] : [b, a];
  const coarse = (p: DatePart['precision']) => p === 'month' || p === 'year';
  if (first.precision === 'year' || second.precision === 'year') {
    const years = Number(second.date.slice(0, 4)) - Number(first.date.slice(0, 4));
    return years === 0 ? 'the same year' : `${plural(years, 'calendar year')} apart`;
  }
  if (coarse(first.precision) || coarse(second.precision)) {
    const ym = (d: DatePart) => Number(d.date.slice(0, 4)) * 12 + Number(d.date.slice(5, 7));
    const months = ym(second) - ym(first);
    return months === 0 ? 'the same month' : `${plural(months, 'calendar month')} apart`;
  }
  return daysLabel(dayBounds(first), dayBounds(second));
}

/** The day count between two bounded days: exact when the bounds agree, else "at least" the smallest. */
export function daysLabel(a: { earliest: number; latest: number }, b: { earliest: number; latest: number }): string {
  const min = Math.max(0, Math.round(b.earliest - a.latest));
  const max = Math.round(b.latest - a.earliest);
  if (min === max) return min === 0 ? 'the same day' : plural(min, 'day');
  return min === 0 ? `up to ${plural(max, 'day')}` : `at least ${plural(min, 'day')}`;
}

// ---------------------------------------------------------------------------------------------
// Placement and drawing.

export interface AnnotationFrame {
  /** Drawing size; notes stay inside [0, width] x [0, height] (a note that cannot fits below, growing the height). */
  width: number;
  height: number;
  /** Box of each mark by id (event ids, cluster ids, or ids a chart declares: cells, countries). */
  anchors: ReadonlyMap<string, Box>;
  /** Everything already drawn that a note must not cover: marks, labels, legend, axis titles. */
  avoid: readonly Box[];
  /** The direction time runs in, for brackets and bands ('x' when absent). */
  time?: 'x' | 'y';
  /**
   * Where brackets run (y when time runs along x, else x), e.g. just outside the time axis; default: beside the two
   * marks.
   */
  bracketAt?: number;
  /** Events by id, for interval labels. */
  events: ReadonlyMap<string, DatePart>;
  /**
   * Notes that go to the strip under the chart sit side by side in their subjects' left-to-right order (each wrapped
   * to its share of the width), so that no note's connector runs up through another note. Default: one under the
   * other.
   */
  bottomSideBySide?: boolean;
  /** Prefix for ids, unique per SVG. */
  idPrefix: string;
}

export interface PlacedAnnotation {
  step: number;
  type: StepAnnotation['type'];
  /** The note's text as drawn (an interval label is computed). */
  text: string;
  note: Box;
  subject: Box;
  /** The connector as drawn, [x0, y0, x1, y1] from the note to the subject's rim; absent when a badge stands in. */
  leader?: [number, number, number, number];
  /** A note in the strip under the chart whose leader would cross the drawing: its number, on a badge by the subject. */
  badge?: { n: number; box: Box };
}

export interface AnnotationLayer {
  svg: Markup;
  placed: PlacedAnnotation[];
  /** The drawing's height with the layer (>= frame.height). */
  height: number;
}

const GAP = 6;
const MARGIN = 4;

function union(boxes: readonly Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

function grow(b: Box, d: number): Box {
  return { x0: b.x0 - d, y0: b.y0 - d, x1: b.x1 + d, y1: b.y1 + d };
}

/**
 * Candidate top-left corners for a w x h note around subject s, nearest first: the four sides at
 * three alignments, then a grid around the subject ordered by the gap between note and subject.
 * A fixed order (ties broken by position), so placement is deterministic.
 */
function candidates(s: Box, w: number, h: number, frame: Box): [number, number][] {
  const out: [number, number][] = [];
  const cx = (s.x0 + s.x1) / 2;
  const cy = (s.y0 + s.y1) / 2;
  for (const d of [GAP, 14]) {
    for (const x of [s.x0, cx - w / 2, s.x1 - w]) out.push([x, s.y1 + d]);
    for (const x of [s.x0, cx - w / 2, s.x1 - w]) out.push([x, s.y0 - d - h]);
    for (const y of [cy - h / 2, s.y0, s.y1 - h]) out.push([s.x1 + d, y]);
    for (const y of [cy - h / 2, s.y0, s.y1 - h]) out.push([s.x0 - d - w, y]);
  }
  const grid: { x: number; y: number; d: number }[] = [];
  const STEP = 6;
  for (let y = frame.y0; y + h <= frame.y1; y += STEP)
    for (let x = frame.x0; x + w <= frame.x1; x += STEP) {
      const dx = Math.max(0, s.x0 - (x + w), x - s.x1);
      const dy = Math.max(0, s.y0 - (y + h), y - s.y1);
      const d = Math.hypot(dx, dy);
      if (d <= 260) grid.push({ x, y, d });
    }
  grid.sort((a, b) => a.d - b.d || a.y - b.y || a.x - b.x);
  for (const g of grid) out.push([g.x, g.y]);
  return out;
}

/** The point of box b nearest to (x, y). */
function nearest(b: Box, x: number, y: number): [number, number] {
  return [Math.min(Math.max(x, b.x0), b.x1), Math.min(Math.max(y, b.y0), b.y1)];
}

/** The connector's ends, rounded as drawn: from the note's nearest point to the subject's rim. */
export function leaderOf(note: Box, subject: Box): [number, number, number, number] {
  const [sx, sy] = nearest(subject, (note.x0 + note.x1) / 2, (note.y0 + note.y1) / 2);
  const [nx, ny] = nearest(note, sx, sy);
  return [Math.round(nx), Math.round(ny), Math.round(sx), Math.round(sy)];
}

/** A connector from the note to the subject's rim: ink over a white halo. */
function connector(leader: readonly [number, number, number, number]): Markup {
  // Always drawn, however short: a note beside two marks must say which one it is about.
  // Ink on the layer's group (stroke, fill); placement keeps connectors off marks where it can.
  return svg`<path d="M${leader[0]} ${leader[1]}L${leader[2]} ${leader[3]}"/>`;
}

/** Radius of a badge that numbers a strip note beside its subject. */
const BADGE = 8;

/**
 * A free place for a badge of radius BADGE beside the subject (left, right, above, below, at its middle, then its
 * corners), inside the frame and over nothing in `taken`; undefined when there is none.
 */
function badgePlace(subject: Box, frame: Box, taken: readonly Box[]): Box | undefined {
  const d = 2 * BADGE + 2;
  const cy = (subject.y0 + subject.y1) / 2;
  const cx = (subject.x0 + subject.x1) / 2;
  const spots: [number, number][] = [
    [subject.x0 - d, cy - BADGE],
    [subject.x1 + 2, cy - BADGE],
    [cx - BADGE, subject.y0 - d],
    [cx - BADGE, subject.y1 + 2],
    [subject.x0 - d, subject.y0 - d],
    [subject.x1 + 2, subject.y0 - d],
    [subject.x0 - d, subject.y1 + 2],
    [subject.x1 + 2, subject.y1 + 2],
  ];
  // Then along its top and bottom edges, and down its sides, every 12 units.
  for (let x = subject.x0; x + 2 * BADGE <= subject.x1; x += 12) spots.push([x, subject.y0 - d], [x, subject.y1 + 2]);
  for (let y = subject.y0; y + 2 * BADGE <= subject.y1; y += 12) spots.push([subject.x0 - d, y], [subject.x1 + 2, y]);
  for (const [x, y] of spots) {
    const b = { x0: px(x), y0: px(y), x1: px(x + 2 * BADGE), y1: px(y + 2 * BADGE) };
    const inside = b.x0 >= frame.x0 && b.y0 >= frame.y0 && b.x1 <= frame.x1 && b.y1 <= frame.y1;
    if (inside && !taken.some((o) => boxesOverlap(grow(b, 1), o))) return b;
  }
  return undefined;
}

/** The badge's markup: a white disc with an ink ring and its number (the note under the chart starts with it). */
function badgeMarkup(b: Box, n: number): Markup {
  const cx = px((b.x0 + b.x1) / 2);
  const cy = px((b.y0 + b.y1) / 2);
  return svg`<circle cx="${cx}" cy="${cy}" r="${BADGE}" fill="#fff"/><text x="${cx}" y="${px(cy + 4.5)}" text-anchor="middle" font-weight="700" stroke="none">${n}</text>`;
}

function noteText(lines: readonly string[], x: number, top: number, fs: number, lh: number, bold: boolean): Markup {
  // Font size, ink and the white halo come from the layer's group.
  const y = Math.round(top + fs);
  if (lines.length === 1)
    return svg`<text x="${Math.round(x)}" y="${y}"${bold ? svg` font-weight="700"` : ''}>${lines[0]}</text>`;
  return svg`<text x="${Math.round(x)}" y="${y}"${bold ? svg` font-weight="700"` : ''}>${lines.map((l, i) => (i === 0 ? svg`<tspan x="${Math.round(x)}">${l}</tspan>` : svg`<tspan x="${Math.round(x)}" dy="${lh}">${l}</tspan>`))}</text>`;
}

/**
 * Draws every step's annotations. Notes of earlier steps are obstacles for later ones, so the
 * full chart (no step chosen: no JavaScript, print) shows all of them without overlap.
 * Throws when an annotation names a mark the chart does not draw (all problems at once).
 */
export function annotationLayer(
  steps: readonly { annotations?: readonly StepAnnotation[] }[],
  frame: AnnotationFrame,
): AnnotationLayer {
  const fs = noteFontSize(frame.width);
  const lh = Math.round(fs * 1.25);
  const missing: string[] = [];
  steps.forEach((s, i) => {
    for (const a of s.annotations ?? [])
      for (const id of subjectIds(a)) if (!frame.anchors.has(id)) missing.push(`step ${i}: "${id}"`);
  });
  if (missing.length) throw new Error(`annotations anchor to marks this chart does not draw: ${missing.join(', ')}`);

  const taken: Box[] = [...frame.avoid];
  const placed: PlacedAnnotation[] = [];
  const parts: Markup[] = [];
  let height = frame.height;
  const bottomQueue: {
    step: number;
    a: StepAnnotation;
    subject: Box;
    lines: string[];
    w: number;
    h: number;
    text: string;
    subjectMarkup: Markup;
  }[] = [];
  const maxW = Math.min(frame.width - 2 * MARGIN, frame.width < 560 ? frame.width * 0.62 : 200);

  steps.forEach((s, step) => {
    for (const a of s.annotations ?? []) {
      // Every id was checked above, so each has a box.
      const boxes = subjectIds(a).flatMap((id) => frame.anchors.get(id) ?? []);
      const [first = union(boxes)] = boxes;
      // Several marks: each is outlined; the note is placed by, and points to, the first.
      let subject = grow(a.type === 'callout' ? first : union(boxes), 3);
      let subjectMarkup: Markup;
      let text =
        a.type === 'bracket'
          ? (a.text ? `${a.text}: ` : '') + interval(eventOf(frame, a.from), eventOf(frame, a.to))
          : a.type === 'callout' && a.interval
            ? `${a.text}: ${interval(eventOf(frame, a.interval.from), eventOf(frame, a.interval.to))}`
            : a.text;
      if (a.type === 'bracket') {
        const [A, B] = boxes as [Box, Box];
        const alongX = (frame.time ?? 'x') === 'x';
        if (alongX) {
          const xa = (A.x0 + A.x1) / 2;
          const xb = (B.x0 + B.x1) / 2;
          const y = frame.bracketAt ?? Math.max(A.y1, B.y1) + 5;
          subject = { x0: Math.min(xa, xb) - 1, x1: Math.max(xa, xb) + 1, y0: y - 5, y1: y + 1 };
          subjectMarkup = svg`<path d="M${px(xa)},${px(y - 5)}V${px(y)}H${px(xb)}V${px(y - 5)}"/>`;
        } else {
          const ya = (A.y0 + A.y1) / 2;
          const yb = (B.y0 + B.y1) / 2;
          const x = frame.bracketAt ?? Math.min(A.x0, B.x0) - 5;
          subject = { x0: x - 1, x1: x + 5, y0: Math.min(ya, yb) - 1, y1: Math.max(ya, yb) + 1 };
          subjectMarkup = svg`<path d="M${px(x + 5)},${px(ya)}H${px(x)}V${px(yb)}H${px(x + 5)}"/>`;
        }
      } else if (a.type === 'band') {
        const alongX = (frame.time ?? 'x') === 'x';
        subject = alongX
          ? { x0: subject.x0, x1: subject.x1, y0: 0, y1: frame.height }
          : { x0: 0, x1: frame.width, y0: subject.y0, y1: subject.y1 };
        const edge = alongX
          ? svg`M${px(subject.x0)},0V${px(frame.height)}M${px(subject.x1)},0V${px(frame.height)}`
          : svg`M0,${px(subject.y0)}H${px(frame.width)}M0,${px(subject.y1)}H${px(frame.width)}`;
        subjectMarkup = svg`<rect x="${px(subject.x0)}" y="${px(subject.y0)}" width="${px(subject.x1 - subject.x0)}" height="${px(subject.y1 - subject.y0)}" fill="${BAND_FILL}" fill-opacity="0.35" stroke="none"/><path d="${edge}" stroke-width="1" stroke-dasharray="3 3"/>`;
      } else {
        subjectMarkup = svg`${boxes.map((b) => grow(b, 3)).map((b) => svg`<rect x="${px(b.x0)}" y="${px(b.y0)}" width="${px(b.x1 - b.x0)}" height="${px(b.y1 - b.y0)}" rx="3"/>`)}`;
      }
      text = text.trim();
      const frameBox: Box = { x0: MARGIN, y0: MARGIN, x1: frame.width - MARGIN, y1: frame.height - MARGIN };
      const inside = (b: Box) =>
        b.x0 >= frameBox.x0 && b.y0 >= frameBox.y0 && b.x1 <= frameBox.x1 && b.y1 <= frameBox.y1;
      // The band's own rectangle is not an obstacle for its note; every other subject is.
      const obstacles = a.type === 'band' ? taken : [...taken, subject];
      // Wrapped at the widest measure first, then narrower; the first free place whose connector crosses
      // nothing drawn wins; else the first free place; else the strip under the chart.
      let found: { note: Box; lines: string[] } | undefined;
      let fallback: { note: Box; lines: string[] } | undefined;
      let lines: string[] = [];
      let w = 0;
      let h = 0;
      for (const measure of [maxW, Math.max(110, maxW * 0.72), Math.max(100, maxW * 0.55)]) {
        const ls = wrapText(text, measure * SAFE, fs);
        const lw = blockWidth(ls, fs) / SAFE;
        const lh2 = ls.length * lh + 4;
        if (!lines.length) [lines, w, h] = [ls, lw, lh2];
        for (const [x, y] of candidates(subject, lw, lh2, frameBox)) {
          const b = { x0: px(x), y0: px(y), x1: px(x + lw), y1: px(y + lh2) };
          if (!inside(b) || obstacles.some((o) => boxesOverlap(grow(b, 3), o))) continue;
          fallback ??= { note: b, lines: ls };
          if (!crossesAny(leaderOf(b, subject), taken)) {
            found = { note: b, lines: ls };
            break;
          }
        }
        if (found) break;
      }
      // A free place whose leader would cross something drawn: only when no badge can stand by the subject (then the
      // note goes to the strip under the chart, numbered like its badge).
      if (
        !found &&
        fallback &&
        !badgePlace(
          subject,
          frameBox,
          obstacles.filter((o) => o !== subject),
        )
      )
        found = fallback;
      const note = found?.note;
      if (found) lines = found.lines;
      if (!note) {
        bottomQueue.push({ step, a, subject, lines, w, h, text, subjectMarkup });
        if (a.type !== 'band') taken.push(subject);
        continue;
      }
      taken.push(note);
      if (a.type !== 'band') taken.push(subject);
      const leader = leaderOf(note, subject);
      placed.push({ step, type: a.type, text, note, subject, leader });
      parts.push(
        group(step, a, subjectMarkup, connector(leader), noteText(lines, note.x0 + 1, note.y0, fs, lh, false)),
      );
    }
  });
  // Side by side (frame.bottomSideBySide): each note in its own column, ordered by its subject's x.
  if (frame.bottomSideBySide && bottomQueue.length > 1) {
    const n = bottomQueue.length;
    const colW = (frame.width - 2 * MARGIN - GAP * (n - 1)) / n;
    const top = height + GAP;
    [...bottomQueue]
      .sort((p, q) => p.subject.x0 + p.subject.x1 - (q.subject.x0 + q.subject.x1))
      .forEach((q, k) => {
        const lines = wrapText(q.text, colW * SAFE, fs);
        const x = MARGIN + k * (colW + GAP);
        const note = {
          x0: px(x),
          y0: px(top),
          x1: px(x + blockWidth(lines, fs) / SAFE),
          y1: px(top + lines.length * lh + 4),
        };
        height = Math.max(height, Math.ceil(note.y1 + MARGIN));
        const leader = leaderOf(note, q.subject);
        placed.push({ step: q.step, type: q.a.type, text: q.text, note, subject: q.subject, leader });
        parts.push(
          group(q.step, q.a, q.subjectMarkup, connector(leader), noteText(lines, note.x0 + 1, top, fs, lh, false)),
        );
      });
    bottomQueue.length = 0;
  }
  // Notes with no free place inside: a strip under the chart, each note under its subject as far as it can. A leader
  // that would run across the drawing to reach its subject gives way to a numbered badge beside the subject, and the
  // note starts with the same number.
  const inFrame: Box = { x0: MARGIN, y0: MARGIN, x1: frame.width - MARGIN, y1: frame.height - MARGIN };
  let badges = 0;
  // Notes that keep a leader go nearest the chart, numbered notes under them, so no leader runs through a strip note.
  const needsBadge = (q: (typeof bottomQueue)[number]) => {
    const x = Math.min(Math.max(MARGIN, q.subject.x0), frame.width - MARGIN - q.w);
    const probe = { x0: x, y0: height + GAP, x1: x + q.w, y1: height + GAP + q.h };
    return crossesAny(
      leaderOf(probe, q.subject),
      taken.filter((b) => b !== q.subject),
    );
  };
  const ordered = [...bottomQueue.filter((q) => !needsBadge(q)), ...bottomQueue.filter(needsBadge)];
  for (const q of ordered) {
    const x = Math.min(Math.max(MARGIN, q.subject.x0), frame.width - MARGIN - q.w);
    let note = { x0: px(x), y0: px(height + GAP), x1: px(x + q.w), y1: px(height + GAP + q.h) };
    let leader: [number, number, number, number] | undefined = leaderOf(note, q.subject);
    let badge: { n: number; box: Box } | undefined;
    let lines = q.lines;
    let text = q.text;
    const others = taken.filter((b) => b !== q.subject);
    if (crossesAny(leader, others)) {
      const spot = badgePlace(q.subject, inFrame, others);
      if (spot) {
        badges += 1;
        badge = { n: badges, box: spot };
        taken.push(spot);
        leader = undefined;
        text = `${badges}. ${q.text}`;
        lines = wrapText(text, (q.w + labelWidthOf(`${badges}. `, fs)) * SAFE, fs);
        const w = blockWidth(lines, fs) / SAFE;
        const h = lines.length * lh + 4;
        const x2 = Math.min(Math.max(MARGIN, q.subject.x0), frame.width - MARGIN - w);
        note = { x0: px(x2), y0: px(height + GAP), x1: px(x2 + w), y1: px(height + GAP + h) };
      }
    }
    height = Math.ceil(note.y1 + MARGIN);
    // A later strip note's leader must not run through this one.
    taken.push(note);
    placed.push({
      step: q.step,
      type: q.a.type,
      text,
      note,
      subject: q.subject,
      ...(leader ? { leader } : {}),
      ...(badge ? { badge } : {}),
    });
    parts.push(
      group(
        q.step,
        q.a,
        svg`${q.subjectMarkup}${badge ? badgeMarkup(badge.box, badge.n) : ''}`,
        leader ? connector(leader) : svg``,
        noteText(lines, note.x0 + 1, note.y0, fs, lh, false),
      ),
    );
  }
  // Presentation on the layer's group (text: ink over a white halo); each annotation's shapes sit in a group of ink
  // outlines.
  return {
    svg: svg`<g class="annotations" font-size="${fs}" fill="${ANNOTATION_INK}" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${parts}</g>`,
    placed,
    height,
  };
}

/** With a pinned step (options.step), only that step's annotations are drawn: the drawing is that step. */
export function onlyStep<T extends { annotations?: readonly StepAnnotation[] }>(
  steps: readonly T[],
  step: number | undefined,
): readonly { annotations?: readonly StepAnnotation[] }[] {
  return step === undefined || step < 0 ? steps : steps.map((s, i) => (i === step ? s : { annotations: [] }));
}

/** What a chart gives `annotatedDrawing`: its title, description and steps (with their annotations). */
export interface AnnotatedChart extends Stepped {
  title: string;
  description: string;
  steps: readonly { id: string; highlight: readonly string[]; annotations?: readonly StepAnnotation[] }[];
}

/**
 * The last step of every chart: draws the annotation layer over `body` (defs, legend, marks), which may grow
 * the height (a note with no free place goes under the chart), then frames the whole and tells each step's
 * window from `lit` (the marks with their boxes). Width and id prefix are the annotation frame's.
 */
export function annotatedDrawing(
  chart: AnnotatedChart,
  options: Pick<ChartOptions, 'step' | 'fonts'>,
  notesFrame: AnnotationFrame,
  body: Markup,
  lit: readonly Lit[],
  notesInWindows = false,
): Drawing {
  const notes = annotationLayer(onlyStep(chart.steps, options.step), notesFrame);
  const { width, idPrefix } = notesFrame;
  const { title, description } = chart;
  const frame = { width, height: notes.height, idPrefix, title, description, fonts: options.fonts };
  const views = stepViews(chart, lit, width, notes.height);
  return {
    svg: svgFrame(frame, [body, notes.svg]),
    width,
    height: notes.height,
    steps: notesInWindows ? withNotes(views, notes.placed, width, notes.height) : views,
  };
}

/** Each step's window grown to hold its own notes, subjects and badges (a chart whose notes sit by their marks). */
function withNotes(views: StepView[], placed: readonly PlacedAnnotation[], width: number, height: number): StepView[] {
  return views.map((v, i) => {
    // Only notes by the step's marks: a bracket drawn far from them (under an unlit mark) stays outside the view.
    const mine = placed
      .filter((p) => p.step === i && boxesOverlap(p.subject, v.window))
      .flatMap((p) => [p.note, p.subject, ...(p.badge ? [p.badge.box] : [])]);
    if (mine.length === 0) return v;
    const b = union([v.window, ...mine]);
    const pad = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
    const window = {
      x0: pad(b.x0 - 6, 0, width),
      y0: pad(b.y0 - 6, 0, height),
      x1: pad(b.x1 + 6, 0, width),
      y1: pad(b.y1 + 6, 0, height),
    };
    return { ...v, window };
  });
}

function group(step: number, _a: StepAnnotation, subject: Markup, conn: Markup, note: Markup): Markup {
  return svg`<g class="annotation" data-steps="${step}"><g fill="none" stroke="${ANNOTATION_INK}" stroke-width="1.5">${subject}${conn}</g>${note}</g>`;
}

/** Whether a drawn leader runs through the inside of any of `boxes` (sampled every unit, ends excluded). */
export function crossesAny(leader: readonly [number, number, number, number], boxes: readonly Box[]): boolean {
  const [x0, y0, x1, y1] = leader;
  const n = Math.ceil(Math.hypot(x1 - x0, y1 - y0));
  for (let i = 1; i < n; i++) {
    const x = x0 + ((x1 - x0) * i) / n;
    const y = y0 + ((y1 - y0) * i) / n;
    if (boxes.some((b) => x > b.x0 && x < b.x1 && y > b.y0 && y < b.y1)) return true;
  }
  return false;
}

function subjectIds(a: StepAnnotation): string[] {
  return a.type === 'bracket' || a.type === 'band' ? [a.from, a.to] : a.subject;
}

function eventOf(frame: AnnotationFrame, id: string): DatePart {
  const e = frame.events.get(id);
  if (!e)
    throw new Error(
      `bracket anchored to "${id}", which is not an event of this chart: an interval needs two events' dates`,
    );
  return e;
}
