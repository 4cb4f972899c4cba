/**
 * Each step's window: the box (drawing units) of everything the step highlights and annotates, per
 * layout, as the chart function returns it (decision 0001: `Drawing.steps[i].window`; computed by the
 * layout, never measured in the browser). The one place the scrolly reads windows from.
 */
import { chartFunctions } from '../charts/index.ts';
import type { ChartInput, ChartOptions } from '../charts/types.ts';

export interface StepWindows {
  width: number;
  height: number;
  /** One per step, in step order: [x0, y0, x1, y1], rounded out to whole units. */
  windows: [number, number, number, number][];
}

export function stepWindows(input: ChartInput, options: ChartOptions): StepWindows {
  const drawing = chartFunctions[input.chart.kind](input, options);
  const windows = drawing.steps.map((s): [number, number, number, number] => [
    Math.floor(s.window.x0),
    Math.floor(s.window.y0),
    Math.ceil(s.window.x1),
    Math.ceil(s.window.y1),
  ]);
  return { width: drawing.width, height: drawing.height, windows };
}
