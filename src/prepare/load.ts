/**
 * Gathers what the charts need from the collections once per build: the collections are read
 * once, validated by Astro's loader with the schemas of src/schemas.ts, and turned into every
 * chart's input by the prepare step (src/prepare/chart-input.ts). Each call then looks one up.
 */
import { getCollection } from 'astro:content';
import type { ChartInput } from './types.ts';
import { placeSchema, playbookSchema } from '../schemas.ts';
import { prepareCharts } from './chart-input.ts';
import { ui } from '../lib/ui.ts';
import playbookJson from '../../content/data/playbook.json';
import placesJson from '../../content/data/places.json';

const prepared = new Map<string, Promise<Map<string, ChartInput>>>();

async function prepare(lang: string): Promise<Map<string, ChartInput>> {
  const [charts, events, actors, sources] = await Promise.all([
    getCollection('charts'),
    getCollection('events'),
    getCollection('actors'),
    getCollection('sources'),
  ]);
  return prepareCharts({
    charts: charts.map((c) => c.data),
    events: events.map((e) => e.data),
    actors: actors.map((a) => a.data),
    sources: sources.map((s) => s.data),
    playbook: playbookSchema.parse(playbookJson),
    places: placeSchema.array().parse(placesJson),
    text: ui(lang),
  });
}

/** A chart's input (memoised per build and language). */
export async function loadChart(id: string, lang = 'en'): Promise<ChartInput> {
  let all = prepared.get(lang);
  if (!all) {
    all = prepare(lang);
    prepared.set(lang, all);
  }
  const input = (await all).get(id);
  if (!input) throw new Error(`Unknown chart "${id}" (content/data/charts/)`);
  return input;
}
