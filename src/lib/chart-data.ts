/**
 * Gathers what a chart needs from the collections: its definition, its events in order,
 * and the actors and sources they reference.
 */
import { getCollection, getEntry } from 'astro:content';
import type { Actor, Chart, Source, StoryEvent } from '../schemas.ts';
import { sortKey } from './dates.ts';

export interface ChartBundle {
  chart: Chart;
  events: StoryEvent[];
  actors: Map<string, Actor>;
  sources: Map<string, Source>;
}

export async function loadChart(id: string): Promise<ChartBundle> {
  const entry = await getEntry('charts', id);
  if (!entry) throw new Error(`Unknown chart "${id}" (content/data/charts.json)`);
  const chart = entry.data;
  const all = new Map((await getCollection('events')).map((e) => [e.id, e.data]));
  const events = chart.events.map((eid) => {
    const e = all.get(eid);
    if (!e) throw new Error(`Chart "${id}" lists unknown event "${eid}"`);
    return e;
  });
  events.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const actors = new Map((await getCollection('actors')).map((a) => [a.id, a.data]));
  const sources = new Map((await getCollection('sources')).map((s) => [s.id, s.data]));
  return { chart, events, actors, sources };
}
