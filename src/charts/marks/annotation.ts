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
import type { StepAnnotation } from '../../schemas.ts';
import { boxesOverlap, wrapText, blockWidth, labelWidth as labelWidthOf, SAFE, type Box } from '../shared.ts';
import { BADGE, GAP, MARGIN, badgePlace, candidates, crossesAny, grow, leaderOf } from './annotation-place.ts';
import { interval, type DatePart } from './interval.ts';
import { subjectOf } from './annotation-subject.ts';
import { onlyStep, withNotes } from './annotation-steps.ts';
import type { ChartOptions, Drawing } from '../types.ts';
import { svgFrame } from './frame.ts';
import { paletteOf, type Palette } from './palette.ts';
import type { DrawingText } from './words.ts';
import { stepViews, type Lit, type Stepped } from './steps.ts';

export { dayBounds, daysLabel, interval } from './interval.ts';
export { crossesAny, leaderOf } from './annotation-place.ts';
export { onlyStep } from './annotation-steps.ts';

/** The halo under note text in the ground's colour (paint order: stroke first). */
const halo = (pal: Palette) => svg`stroke="${pal.paper}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`;

/** Notes and connectors are in `ink` (~16:1 on white, far above the 3:1 floor for marks); light by default. */
const LIGHT = paletteOf('light');
/**
 * The smallest note text in drawing units; narrow drawings are shown at about their width, so it renders at >= 12 px.
 */
export function noteFontSize(width: number): number {
  return width < 560 ? 13 : 14;
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
  /** The interface strings the notes' intervals are worded in (the chart input's `text`). */
  text: DrawingText;
  /** The colours of the drawing's theme (default light; annotatedDrawing sets it from the chart's `theme` option). */
  palette?: Palette;
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
  /** A strip note whose leader would cross the drawing: its number, on a badge by the subject. */
  badge?: { n: number; box: Box };
}

export interface AnnotationLayer {
  svg: Markup;
  placed: PlacedAnnotation[];
  /** The drawing's height with the layer (>= frame.height). */
  height: number;
}

/** A connector from the note to the subject's rim: ink over a white halo. */
function connector(leader: readonly [number, number, number, number]): Markup {
  // Always drawn, however short: a note beside two marks must say which one it is about.
  // Ink on the layer's group (stroke, fill); placement keeps connectors off marks where it can.
  return svg`<path d="M${leader[0]} ${leader[1]}L${leader[2]} ${leader[3]}"/>`;
}

/**
 * The badge's markup: a white disc with an ink ring and its number (the note under the chart starts with it). The
 * number is filled in ink itself: it sits in the shapes' group, whose fill is none (it was drawn invisible before).
 */
function badgeMarkup(b: Box, n: number, pal: Palette): Markup {
  const cx = px((b.x0 + b.x1) / 2);
  const cy = px((b.y0 + b.y1) / 2);
  const disc = svg`<circle cx="${cx}" cy="${cy}" r="${BADGE}" fill="${pal.paper}"/>`;
  const number = svg`<text x="${cx}" y="${px(cy + 4.5)}" text-anchor="middle" font-weight="700"`;
  return svg`${disc}${number} fill="${pal.ink}" stroke="none">${n}</text>`;
}

function noteText(lines: readonly string[], x: number, top: number, fs: number, lh: number, bold: boolean): Markup {
  // Font size, ink and the white halo come from the layer's group.
  const y = Math.round(top + fs);
  if (lines.length === 1)
    return svg`<text x="${Math.round(x)}" y="${y}"${bold ? svg` font-weight="700"` : ''}>${lines[0]}</text>`;
  const tspans = lines.map((l, i) =>
    i === 0 ? svg`<tspan x="${Math.round(x)}">${l}</tspan>` : svg`<tspan x="${Math.round(x)}" dy="${lh}">${l}</tspan>`,
  );
  return svg`<text x="${Math.round(x)}" y="${y}"${bold ? svg` font-weight="700"` : ''}>${tspans}</text>`;
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
  const pal = frame.palette ?? LIGHT;
  const lh = Math.round(fs * 1.25);
  const missing: string[] = [];
  steps.forEach((s, i) => {
    for (const a of s.annotations ?? [])
      for (const id of subjectIds(a)) if (!frame.anchors.has(id)) missing.push(`step ${i}: "${id}"`);
  });
  if (missing.length) throw new Error(`annotations anchor to marks this chart does not draw: ${missing.join(', ')}`);

  const taken: Box[] = [...frame.avoid];
  const avoided = new Set(frame.avoid);
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
      const { subject, markup: subjectMarkup } = subjectOf(a, boxes, frame);
      let text =
        a.type === 'bracket'
          ? (a.text ? `${a.text}: ` : '') + interval(eventOf(frame, a.from), eventOf(frame, a.to), frame.text)
          : a.type === 'callout' && a.interval
            ? `${a.text}: ${interval(eventOf(frame, a.interval.from), eventOf(frame, a.interval.to), frame.text)}`
            : a.text;
      text = text.trim();
      const frameBox: Box = { x0: MARGIN, y0: MARGIN, x1: frame.width - MARGIN, y1: frame.height - MARGIN };
      const inside = (b: Box) =>
        b.x0 >= frameBox.x0 && b.y0 >= frameBox.y0 && b.x1 <= frameBox.x1 && b.y1 <= frameBox.y1;
      // The band's own rectangle is not an obstacle for its note; every other subject is.
      const obstacles = a.type === 'band' ? taken : [...taken, subject];
      // Wrapped at the widest measure first, then narrower; the first free place whose connector crosses nothing drawn
      // wins; else the strip under the chart, numbered like a badge by the subject; else (no room for a badge) the
      // first free place whose connector crosses only what touches its subject (the axis under a bracket); else the
      // first free place.
      let found: { note: Box; lines: string[] } | undefined;
      let fallback: { note: Box; lines: string[] } | undefined;
      let touching: { note: Box; lines: string[] } | undefined;
      // What touches the subject (the axis under a bracket): a connector may cross it when nothing better is free.
      const touches = (o: Box) => avoided.has(o) && boxesOverlap(grow(subject, 2), o);
      const far = taken.filter((o) => !touches(o));
      // A leader keeps 2 units clear of what is drawn where it can (it ran along a mark's edge), else it only misses.
      let near: { note: Box; lines: string[] } | undefined;
      const clear = taken.map((o) => (boxesOverlap(grow(subject, 2), o) ? o : grow(o, 2)));
      let lines: string[] = [];
      let w = 0;
      let h = 0;
      for (const measure of [maxW, Math.max(110, maxW * 0.72), Math.max(100, maxW * 0.55), Math.max(90, maxW * 0.4)]) {
        const ls = wrapText(text, measure * SAFE, fs);
        const lw = blockWidth(ls, fs) / SAFE;
        const lh2 = ls.length * lh + 4;
        if (!lines.length) [lines, w, h] = [ls, lw, lh2];
        for (const [x, y] of candidates(subject, lw, lh2, frameBox)) {
          const b = { x0: px(x), y0: px(y), x1: px(x + lw), y1: px(y + lh2) };
          if (!inside(b) || obstacles.some((o) => boxesOverlap(grow(b, 3), o))) continue;
          fallback ??= { note: b, lines: ls };
          const leader = leaderOf(b, subject);
          if (!crossesAny(leader, clear)) {
            found = { note: b, lines: ls };
            break;
          }
          if (!near && !crossesAny(leader, taken)) near = { note: b, lines: ls };
          if (!touching && !crossesAny(leader, far)) touching = { note: b, lines: ls };
        }
        if (found) break;
      }
      found ??= near;
      if (
        !found &&
        fallback &&
        !badgePlace(
          subject,
          frameBox,
          obstacles.filter((o) => o !== subject),
        )
      )
        found = touching ?? fallback;
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
        group(step, subjectMarkup, connector(leader), noteText(lines, note.x0 + 1, note.y0, fs, lh, false), pal),
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
          group(q.step, q.subjectMarkup, connector(leader), noteText(lines, note.x0 + 1, top, fs, lh, false), pal),
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
        svg`${q.subjectMarkup}${badge ? badgeMarkup(badge.box, badge.n, pal) : ''}`,
        leader ? connector(leader) : svg``,
        noteText(lines, note.x0 + 1, note.y0, fs, lh, false),
        pal,
      ),
    );
  }
  // Presentation on the layer's group (text: ink over a white halo); each annotation's shapes sit in a group of ink
  // outlines.
  return {
    svg: svg`<g class="annotations" font-size="${fs}" fill="${pal.ink}" ${halo(pal)}>${parts}</g>`,
    placed,
    height,
  };
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
  options: Pick<ChartOptions, 'step' | 'fonts' | 'theme'>,
  notesFrame: AnnotationFrame,
  body: Markup,
  lit: readonly Lit[],
  notesInWindows = false,
): Drawing {
  const notes = annotationLayer(onlyStep(chart.steps, options.step), {
    ...notesFrame,
    palette: paletteOf(options.theme),
  });
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

function group(step: number, subject: Markup, conn: Markup, note: Markup, pal: Palette): Markup {
  const shapes = svg`<g fill="none" stroke="${pal.ink}" stroke-width="1.5">${subject}${conn}</g>`;
  return svg`<g class="annotation" data-steps="${step}">${shapes}${note}</g>`;
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
