/**
 * The contract every chart function keeps (docs/decisions/0001-chart-contract.md):
 * `chart(input, options)` returns one Drawing, pure, no DOM. Marks carry data-id (the event
 * or item id) and data-steps (the indices of the steps that bring them forward), so that the
 * browser can switch states with CSS alone.
 */
import type { Actor, Chart, ChartOf, Place, Source, StoryEvent } from '../schemas.ts';
import type { When } from '../prepare/when.ts';
import type { Playbook } from '../schemas.ts';
import type { UiStrings } from '../lib/ui.ts';
import type { StepView } from './marks/steps.ts';
import type { Fonts } from './marks/frame.ts';

export type { StepView } from './marks/steps.ts';
export type { Box } from './marks/box.ts';

export interface ChartInput<K extends Chart['kind'] = Chart['kind']> {
  /** The chart's definition (content/data/charts/<id>.json). */
  chart: ChartOf<K>;
  /** The chart's events (chart.events), sorted by date. */
  events: StoryEvent[];
  /** Each event's date, parsed once (src/prepare/when.ts), by event id. */
  when: ReadonlyMap<string, When>;
  actors: ReadonlyMap<string, Actor>;
  sources: ReadonlyMap<string, Source>;
  /** The narrative-by-country matrix (content/data/playbook.json). */
  playbook: Playbook;
  /** Places a map can draw (content/data/places.json). */
  places: readonly Place[];
  /** Words the chart prints (content/data/ui.<lang>.json). */
  text: UiStrings;
}

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
  /** Fonts the drawing names: the reader's system fonts (default) or the embedded DejaVu Sans of a file. */
  fonts?: Fonts;
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
