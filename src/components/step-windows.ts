/**
 * Each step's window: the box (drawing units) of everything the step highlights and annotates, per
 * layout, as the chart function returns it (decision 0001: `Drawing.steps[i].window`; computed by the
 * layout, never measured in the browser). The one place the scrolly reads windows from.
 */
import { chartFunctions } from '../charts/index.ts';
import { timelineStepKey } from '../charts/timeline.ts';
import type { ChartInput, ChartOptions } from '../charts/types.ts';

export interface StepWindows {
  width: number;
  height: number;
  /** One per step, in step order: [x0, y0, x1, y1], rounded out to whole units. */
  windows: [number, number, number, number][];
  /** The drawing's labels: its most common text size (drawing units; the larger on a tie). */
  textSize: number;
}

/**
 * The most common `font-size` among a drawing's texts (the larger on a tie; 12 when it has none): the size whose
 * rendered pixels decide whether a scale is legible (scrolly-section.ts), counted here once, not on every resize.
 */
export function textSize(svg: string): number {
  const count = new Map<number, number>();
  for (const m of svg.matchAll(/<text\b[^>]*?\sfont-size="([\d.]+)"/g)) {
    const f = Number(m[1]);
    count.set(f, (count.get(f) ?? 0) + 1);
  }
  return [...count.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 12;
}

export function stepWindows(input: ChartInput, options: ChartOptions): StepWindows {
  const drawing = chartFunctions[input.chart.kind](input, options);
  const windows = drawing.steps.map((s): [number, number, number, number] => [
    Math.floor(s.window.x0),
    Math.floor(s.window.y0),
    Math.ceil(s.window.x1),
    Math.ceil(s.window.y1),
  ]);
  return { width: drawing.width, height: drawing.height, windows, textSize: textSize(drawing.svg) };
}

/**
 * A phone's sticky graphic takes at most 60svh: 480 px of an 800 px screen, where a 320-unit narrow drawing shows at
 * about 1:1. A narrow drawing with a step window taller than this cannot show that step by panning at full text size.
 */
export const PHONE_WINDOW_LIMIT = 440;

/** Chart kinds whose function draws a step's own re-layout (`focus` with `step`). */
const FOCUS_KINDS: ReadonlySet<ChartInput['chart']['kind']> = new Set(['timeline']);

/**
 * The narrow per-step drawings of a scrolly (issue #15 point 1): one per step, each only that step's marks at full
 * text size, when the chart can draw them and its narrow drawing has a step window no pan can fit on a phone;
 * otherwise none (the narrow drawing pans or stacks as before).
 */
export function stepDrawings(input: ChartInput, options: ChartOptions): string[] {
  if (!FOCUS_KINDS.has(input.chart.kind)) return [];
  const { windows } = stepWindows(input, options);
  if (!windows.some((w) => w[3] - w[1] > PHONE_WINDOW_LIMIT)) return [];
  const draw = chartFunctions[input.chart.kind];
  return input.chart.steps.map(
    (_, i) => draw(input, { ...options, idPrefix: `${options.idPrefix ?? 'c'}-s${i}`, step: i, focus: true }).svg,
  );
}

/**
 * The per-step drawings' windows for the scrolly script: "textSize width height 0 h0 0 h1 …" (each shown whole; the
 * text size counted over all of them).
 */
export function stepDrawingWindows(input: ChartInput, options: ChartOptions): string {
  const draw = chartFunctions[input.chart.kind];
  const drawings = input.chart.steps.map((_, i) => draw(input, { ...options, step: i, focus: true }));
  const heights = drawings.map((d) => d.height);
  const size = textSize(drawings.map((d) => d.svg).join(''));
  return [size, options.width ?? 0, Math.max(...heights), ...heights.flatMap((h) => [0, h])].join(' ');
}

/**
 * The key of a chart's per-step drawings, which carry no legend so that each keeps its height for its marks: complete
 * SVG (the page shows it above the sticky graphic while they are shown), or undefined for a chart without them.
 */
export function stepDrawingsKey(input: ChartInput, options: ChartOptions): string | undefined {
  const { chart } = input;
  if (chart.kind !== 'timeline' || stepDrawings(input, options).length === 0) return undefined;
  return timelineStepKey({ ...input, chart }, options).value;
}
