/**
 * Step state, one definition for every chart: a step lights the ids in its `highlight`, and
 * a step whose highlight is empty lights everything. From the same rule come each mark's
 * `data-steps` and each step's window (the box the step is about).
 */
import { svg, type Markup } from '../../lib/escape.ts';
import { padBox, unionBox, type Box } from './box.ts';

/** One step as the drawing sees it (decision 0001). */
export interface StepView {
  /** The step's id in the chart definition. */
  id: string;
  /** The ids the step lights (every drawn id when its highlight is empty). */
  highlighted: string[];
  /** Drawing units: the box holding everything the step highlights and annotates. */
  window: Box;
}

/** What the step rule reads of a chart definition. */
export interface Stepped {
  steps: readonly { id: string; highlight: readonly string[] }[];
}

/**
 * For each id, the indices of the steps that bring it forward. A step whose `highlight` is
 * empty shows everything, so every id gets that step's index (the CSS dims marks whose
 * data-steps lack the active step).
 * `extra(step)` may add ids a chart reads from elsewhere (see matrix()).
 */
export function stepIndex(
  chart: Stepped,
  ids: readonly string[],
  extra?: (step: Stepped['steps'][number]) => readonly string[],
): Map<string, number[]> {
  const out = new Map<string, number[]>(ids.map((id) => [id, []]));
  chart.steps.forEach((s, i) => {
    const wanted = new Set([...s.highlight, ...(extra?.(s) ?? [])]);
    for (const [id, list] of out) if (wanted.size === 0 || wanted.has(id)) list.push(i);
  });
  return out;
}

/** Steps that highlight nothing, and so light every mark (a cluster's steps). */
export function openSteps(chart: Stepped): number[] {
  return chart.steps.flatMap((st, i) => (st.highlight.length === 0 ? [i] : []));
}

/** Something drawn: its id, its box and the steps that light it. */
export interface Lit {
  id: string;
  box: Box;
  steps: readonly number[];
}

/** Margin around a step's window, drawing units: room for halos and stroke. */
const WINDOW_PAD = 6;

/**
 * Each step's view: the ids it lights and the box holding them, from the layout's own boxes
 * (never measured in a browser). A step that lights nothing drawn looks at the whole drawing.
 */
export function stepViews(chart: Stepped, drawn: readonly Lit[], width: number, height: number): StepView[] {
  const whole: Box = { x0: 0, y0: 0, x1: width, y1: height };
  return chart.steps.map((s, i) => {
    const lit = drawn.filter((d) => d.steps.includes(i));
    const box = unionBox(lit.map((d) => d.box));
    return {
      id: s.id,
      highlighted: [...new Set(lit.map((d) => d.id))],
      window: box ? padBox(box, WINDOW_PAD, width, height) : whole,
    };
  });
}

/** Opacity of a mark outside the step a drawing shows (the page's CSS uses the same). */
export const DIMMED = 0.3;

/**
 * A mark's step attributes: `data-steps` (the page's CSS switches states on it) and, when the
 * drawing is baked to one step (`step` given) and the mark is not in it, its dimmed opacity.
 */
export function stepAttrs(steps: readonly number[], step?: number): Markup {
  const dim = step !== undefined && step >= 0 && !steps.includes(step);
  return svg`data-steps="${steps.join(' ')}"${dim ? svg` opacity="${DIMMED}"` : ''}`;
}

/**
 * The page's step styles for charts of up to `count` steps (generated, no cap): with data-active-step="i" on an
 * ancestor, marks are dimmed unless their data-steps name i, and annotations are hidden unless theirs do (an
 * annotation belongs to its step; in the full chart, without data-active-step, all show).
 */
export function stepCss(count: number): string {
  const lit = (cls: string) =>
    Array.from({ length: count }, (_, i) => `[data-active-step="${i}"] .${cls}[data-steps~="${i}"]`).join(',');
  // A mark's notes drawn beside its group (the map's numbered notes, class mark-note) fade with it.
  const fade = (cls: string) => `[data-active-step] .${cls}{opacity:${DIMMED}}${count ? `${lit(cls)}{opacity:1}` : ''}`;
  const marks = fade('mark') + fade('mark-note');
  const annotations = `[data-active-step] .annotation{opacity:0;visibility:hidden}${
    count ? `${lit('annotation')}{opacity:1;visibility:visible}` : ''
  }`;
  return marks + annotations;
}
