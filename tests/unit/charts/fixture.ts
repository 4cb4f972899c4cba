/**
 * The one chart-input fixture for the chart tests: the real content, parsed with the site's
 * own schemas, as the chart functions receive it (events in date order).
 */
import { readFileSync } from 'node:fs';
import {
  actorSchema,
  chartSchema,
  eventSchema,
  placeSchema,
  playbookSchema,
  sourceSchema,
} from '../../../src/schemas.ts';
import type { Chart, ChartOf, StoryEvent } from '../../../src/schemas.ts';
import type { ChartInput } from '../../../src/charts/types.ts';
import { prepareCharts } from '../../../src/prepare/chart-input.ts';
import { whenOf } from '../../../src/prepare/when.ts';
import { sortKey } from '../../../src/lib/dates.ts';
import ui from '../../../content/data/ui.en.json';

const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as unknown;
const list = (p: string) => read(p) as unknown[];

export const events: StoryEvent[] = list('content/data/events.json').map((e) => eventSchema.parse(e));
export const eventsById = new Map(events.map((e) => [e.id, e]));
export const actors = new Map(
  list('content/data/actors.json')
    .map((a) => actorSchema.parse(a))
    .map((a) => [a.id, a]),
);
export const sources = new Map(
  list('content/data/sources.json')
    .map((s) => sourceSchema.parse(s))
    .map((s) => [s.id, s]),
);
export const playbook = playbookSchema.parse(read('content/data/playbook.json'));
export const places = placeSchema.array().parse(read('content/data/places.json'));
export const text = ui;
/** The chart ids in content/data/charts/, one per file. */
export const chartIds = ['anatomy-of-a-fake', 'courtesy-campaigns', 'playbook', 'region-map', 'republic-day'] as const;
/** The two layouts every chart draws: wide and narrow. */
export const LAYOUTS = { wide: 760, narrow: 360 } as const;

export function chartDef(id: string): Chart {
  return chartSchema.parse(read(`content/data/charts/${id}.json`));
}

const isKind = <K extends Chart['kind']>(c: Chart, kind: K): c is ChartOf<K> => c.kind === kind;

/** A chart definition of a known kind (typed as that kind). */
export function chartOfKind<K extends Chart['kind']>(id: string, kind: K): ChartOf<K> {
  const c = chartDef(id);
  if (!isKind(c, kind)) throw new Error(`fixture: chart "${id}" is a ${c.kind}, not a ${kind}`);
  return c;
}

/** The kind of each real chart. */
export const KINDS = {
  'anatomy-of-a-fake': 'flow',
  'courtesy-campaigns': 'timeline',
  playbook: 'matrix',
  'region-map': 'map',
  'republic-day': 'lanes',
} as const;

const prepared = prepareCharts({
  charts: chartIds.map((id) => chartDef(id)),
  events,
  actors: [...actors.values()],
  sources: [...sources.values()],
  playbook,
  places,
  text,
});

/** The input of a chart definition and events of the test's own (e.g. scaled up), typed as its kind. */
export function inputOf<C extends Chart>(
  chart: C,
  chartEvents: readonly StoryEvent[],
): Omit<ChartInput, 'chart'> & { chart: C } {
  const sorted = [...chartEvents].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const zone = chart.window?.zone ?? 'UTC';
  const when = new Map(sorted.map((e) => [e.id, whenOf(e, zone)]));
  return { chart, events: sorted, when, actors, sources, playbook, places, text };
}

/** A chart's input as the site builds it (the same prepare step). */
export function chartInput(id: string): ChartInput {
  const input = prepared.get(id);
  if (!input) throw new Error(`fixture: no chart "${id}"`);
  return input;
}
