/**
 * Gathers what the charts need from the collections once per build: the collections hold the
 * entries the build gate parsed with the schemas of src/schemas.ts (decision 0009), and are turned
 * into every chart's input by the prepare step (src/prepare/chart-input.ts). Each call then looks one up.
 */
import { getCollection, getEntry } from 'astro:content';
import type { ChartInput } from './types.ts';
import { prepareCharts } from './chart-input.ts';
import { ui } from '../lib/ui.ts';

const prepared = new Map<string, Promise<Map<string, ChartInput>>>();

async function prepare(lang: string): Promise<Map<string, ChartInput>> {
  const [charts, events, actors, sources, places, playbook] = await Promise.all([
    getCollection('charts'),
    getCollection('events'),
    getCollection('actors'),
    getCollection('sources'),
    getCollection('places'),
    getEntry('playbook', 'matrix'),
  ]);
  if (!playbook) throw new Error('content/data/playbook.json: the matrix is missing');
  return prepareCharts({
    charts: charts.map((c) => c.data),
    events: events.map((e) => e.data),
    actors: actors.map((a) => a.data),
    sources: sources.map((s) => s.data),
    playbook: playbook.data,
    places: places.map((p) => p.data),
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
