/** The typed input a chart receives, built once per build by the prepare step (src/prepare/chart-input.ts). */
import type { Actor, Chart, ChartOf, Place, Playbook, Source, StoryEvent } from '../schemas.ts';
import type { UiStrings } from '../lib/ui.ts';
import type { When } from './when.ts';

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
