/**
 * The prepare step (docs/decisions/0007-layers.md): content, already validated by the
 * schemas, turned once per build into each chart's typed input. Everything a chart draws is
 * in its input (events in date order with their parsed dates, actors, sources, the playbook,
 * places, words), so no chart imports content. Pure.
 */
import type { Actor, Chart, Place, Playbook, Source, StoryEvent } from '../schemas.ts';
import type { ChartInput } from './types.ts';
import type { UiStrings } from '../lib/ui.ts';
import { sortKey } from '../lib/dates.ts';
import { whenOf } from './when.ts';

export interface Content {
  charts: readonly Chart[];
  events: readonly StoryEvent[];
  actors: readonly Actor[];
  sources: readonly Source[];
  playbook: Playbook;
  places: readonly Place[];
  text: UiStrings;
}

/** Each chart's input, by chart id. Throws, naming every unknown event, if a chart lists one. */
export function prepareCharts(content: Content): Map<string, ChartInput> {
  const byId = new Map(content.events.map((e) => [e.id, e]));
  const actors = new Map(content.actors.map((a) => [a.id, a]));
  const sources = new Map(content.sources.map((s) => [s.id, s]));
  const unknown = content.charts.flatMap((c) =>
    c.events.filter((id) => !byId.has(id)).map((id) => `chart "${c.id}" lists unknown event "${id}"`),
  );
  if (unknown.length) throw new Error(`prepare: ${unknown.join('; ')}`);
  const out = new Map<string, ChartInput>();
  for (const chart of content.charts) {
    const events = chart.events.flatMap((id) => byId.get(id) ?? []);
    events.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
    const zone = chart.window?.zone ?? 'UTC';
    const when = new Map(events.map((e) => [e.id, whenOf(e, zone)]));
    out.set(chart.id, {
      chart,
      events,
      when,
      actors,
      sources,
      playbook: content.playbook,
      places: content.places,
      text: content.text,
    });
  }
  return out;
}
