/**
 * The one chart-input fixture for the chart tests: the real content, parsed with the site's
 * own schemas, as the chart functions receive it (events in date order).
 */
import { readFileSync } from 'node:fs';
import { actorSchema, chartSchema, eventSchema, playbookSchema, sourceSchema } from '../../../src/schemas.ts';
import type { Chart, ChartOf, StoryEvent } from '../../../src/schemas.ts';
import type { ChartInput } from '../../../src/charts/types.ts';
import type { Place } from '../../../src/charts/regionMap.ts';
import { sortKey } from '../../../src/lib/dates.ts';
import ui from '../../../content/data/ui.en.json';

const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as unknown;
const list = (p: string) => read(p) as unknown[];

export const events: StoryEvent[] = list('content/data/events.json').map((e) => eventSchema.parse(e));
export const eventsById = new Map(events.map((e) => [e.id, e]));
export const actors = new Map(list('content/data/actors.json').map((a) => actorSchema.parse(a)).map((a) => [a.id, a]));
export const sources = new Map(list('content/data/sources.json').map((s) => sourceSchema.parse(s)).map((s) => [s.id, s]));
export const playbook = playbookSchema.parse(read('content/data/playbook.json'));
export const places = read('content/data/places.json') as Place[];
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

/** A chart's input as the site builds it. */
export function chartInput(id: string): ChartInput & { places: Place[] } {
  const chart = chartDef(id);
  const evs = chart.events.map((eid) => {
    const e = eventsById.get(eid);
    if (!e) throw new Error(`fixture: chart "${id}" lists unknown event "${eid}"`);
    return e;
  });
  evs.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  return { chart, events: evs, actors, sources, playbook, text, places };
}
