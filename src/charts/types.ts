/**
 * The contract every chart function keeps (docs/decisions/0001-chart-contract.md):
 * `chart(input, options)` returns one Drawing, pure, no DOM. Marks carry data-id (the event
 * or item id) and data-steps (the indices of the steps that bring them forward), so that the
 * browser can switch states with CSS alone.
 */
import type { ChartInput } from '../prepare/types.ts';
import type { Fonts } from './marks/frame.ts';
import type { Theme } from './marks/palette.ts';
import type { StepView } from './marks/steps.ts';

export type { ChartInput } from '../prepare/types.ts';
export type { Box } from './marks/box.ts';
export type { Theme } from './marks/palette.ts';
export type { StepView } from './marks/steps.ts';

export interface ChartOptions {
  /** Width of the drawing in px; the SVG scales with CSS via its viewBox. */
  width?: number;
  /** Prefix for ids inside the SVG, unique per SVG on a page. */
  idPrefix?: string;
  /** Label font size in px. */
  fontSize?: number;
  /**
   * Bake one step (index into chart.steps): marks outside it are drawn dimmed, for downloads,
   * embeds of a step and print. Without it the drawing carries every step as data-steps.
   */
  step?: number;
  /**
   * With `step`: the step's own re-layout where the chart offers one (the narrow timeline: only the step's marks, on
   * a time axis broken where time is skipped), for a phone's sticky graphic (issue #15 point 1). Other charts, and
   * wide layouts, ignore it.
   */
  focus?: boolean;
  /** Fonts the drawing names: the reader's system fonts (default) or the embedded DejaVu Sans of a file. */
  fonts?: Fonts;
  /**
   * Colours (decision 0003, src/charts/marks/palette.ts): `light` (default) or `dark` baked as literal colours (files,
   * embeds, downloads), or `page`: CSS custom properties the page declares once from paletteCss().
   */
  theme?: Theme;
}

/** One drawing: its markup, its size and, per step, what it lights and where (decision 0001). */
export interface Drawing {
  svg: string;
  width: number;
  /** The layout's own height: nothing parses it back out of the SVG. */
  height: number;
  steps: StepView[];
}

export type ChartFunction = (data: ChartInput, options?: ChartOptions) => Drawing;
