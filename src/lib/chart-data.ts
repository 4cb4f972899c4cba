/**
 * Gathers what a chart needs from the collections: its definition, its events in date order,
 * the actors and sources they reference, the playbook matrix and the UI words.
 */
import { getCollection, getEntry } from 'astro:content';
import type { ChartInput } from '../charts/types.ts';
import { playbookSchema } from '../schemas.ts';
import { sortKey } from './dates.ts';
import { ui } from './ui.ts';
import playbookJson from '../../content/data/playbook.json';

export async function loadChart(id: string, lang = 'en'): Promise<ChartInput> {
  const entry = await getEntry('charts', id);
  if (!entry) throw new Error(`Unknown chart "${id}" (content/data/charts/)`);
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
  return { chart, events, actors, sources, playbook: playbookSchema.parse(playbookJson), text: ui(lang) };
}
