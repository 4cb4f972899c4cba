/**
 * Every reference a chart definition makes, checked against what exists: events the chart
 * draws, steps it has, places, playbook cells and map countries. One problem per bad
 * reference, naming the allowed values, all at once (the build gate reports them).
 * Pure: the caller passes what exists.
 */
import type { Chart, ChartOf, Playbook } from '../schemas.ts';

export interface ChartReferenceProblem {
  /** The chart's file, e.g. "content/data/charts/region-map.json". */
  file: string;
  /** The chart's id. */
  entry: string;
  /** The field holding the reference, e.g. "eventPlaces.ctx-2017-crl-opened". */
  field: string;
  message: string;
}

export interface ChartReferenceContext {
  /** Place ids of content/data/places.json. */
  places: readonly string[];
  playbook: Pick<Playbook, 'narratives' | 'countries'>;
  /** Country ids the map can draw (Natural Earth; see mapCountryIds in src/prepare/countries.ts). */
  mapCountries: ReadonlySet<string>;
}

const list = (values: Iterable<string>, max = 12): string => {
  const all = [...values];
  const shown = all
    .slice(0, max)
    .map((v) => `"${v}"`)
    .join(', ');
  return all.length > max ? `${shown} (and ${all.length - max} more)` : shown || '(none)';
};

/** All problems with the references of one chart definition. */
export function chartReferenceProblems(
  chart: Chart,
  file: string,
  ctx: ChartReferenceContext,
): ChartReferenceProblem[] {
  const out: ChartReferenceProblem[] = [];
  const problem = (field: string, message: string) => out.push({ file, entry: chart.id, field, message });
  const events = new Set(chart.events);
  const stepIds = new Set(chart.steps.map((s) => s.id));
  const eventRef = (field: string, id: string) => {
    if (!events.has(id))
      problem(field, `"${id}" is not drawn by this chart; allowed: the ids in "events": ${list(events)}`);
  };
  const stepRef = (field: string, id: string) => {
    if (!stepIds.has(id)) problem(field, `unknown step "${id}"; allowed: ${list(stepIds)}`);
  };
  switch (chart.kind) {
    case 'lanes':
      if (!chart.window) problem('window', 'missing; a lanes chart needs a "window" { start, end, zone }');
      break;
    case 'timeline':
      if (!chart.window) problem('window', 'missing; a timeline needs a "window" { start, end, zone }');
      chart.above.forEach((id, i) => eventRef(`above[${i}]`, id));
      chart.below.forEach((id, i) => eventRef(`below[${i}]`, id));
      for (const id of chart.above)
        if (chart.below.includes(id)) problem('below', `"${id}" is both above and below; allowed: one side per event`);
      break;
    case 'flow':
      flowProblems(chart, events, problem, eventRef);
      break;
    case 'matrix':
      matrixProblems(chart, ctx, problem, stepRef);
      break;
    case 'map':
      mapProblems(chart, ctx, problem, eventRef, stepRef);
      break;
  }
  return out;
}

type Report = (field: string, message: string) => void;

function flowProblems(chart: ChartOf<'flow'>, events: ReadonlySet<string>, problem: Report, eventRef: Report) {
  const stageOf = new Map<string, number[]>();
  chart.stages.forEach((s, i) =>
    s.events.forEach((id, j) => {
      eventRef(`stages[${i}].events[${j}]`, id);
      stageOf.set(id, [...(stageOf.get(id) ?? []), i + 1]);
    }),
  );
  for (const id of events) {
    const n = stageOf.get(id) ?? [];
    if (n.length !== 1)
      problem(
        'stages',
        `event "${id}" is in ${n.length} stages (${n.join(', ') || 'none'}); allowed: exactly one stage per event`,
      );
  }
}

function matrixProblems(chart: ChartOf<'matrix'>, ctx: ChartReferenceContext, problem: Report, stepRef: Report) {
  const cells = new Set(ctx.playbook.narratives.flatMap((n) => ctx.playbook.countries.map((c) => `${n.id}-${c.id}`)));
  const cellRef = (field: string, id: string) => {
    if (!cells.has(id)) problem(field, `unknown cell "${id}"; allowed: ${list(cells)}`);
  };
  for (const id of Object.keys(chart.cellTitles)) cellRef(`cellTitles.${id}`, id);
  for (const id of Object.keys(chart.cellNotes)) cellRef(`cellNotes.${id}`, id);
  for (const [step, ids] of Object.entries(chart.stepCells)) {
    stepRef(`stepCells.${step}`, step);
    ids.forEach((id, i) => cellRef(`stepCells.${step}[${i}]`, id));
  }
}

function mapProblems(
  chart: ChartOf<'map'>,
  ctx: ChartReferenceContext,
  problem: Report,
  eventRef: Report,
  stepRef: Report,
) {
  const sortedCountries = [...ctx.mapCountries].sort();
  const countryRef = (field: string, id: string) => {
    if (!ctx.mapCountries.has(id))
      problem(
        field,
        `unknown country "${id}"; allowed: a Natural Earth id the map draws, e.g. ${list(sortedCountries, 8)}`,
      );
  };
  countryRef('focus', chart.focus);
  if (chart.borderWith) countryRef('borderWith', chart.borderWith);
  chart.countries.forEach((c, i) => countryRef(`countries[${i}].id`, c.id));
  const places = new Set(ctx.places);
  const cities = new Set(Object.keys(chart.cities));
  for (const id of cities)
    if (!places.has(id))
      problem(`cities.${id}`, `unknown place "${id}"; allowed: the ids in content/data/places.json: ${list(places)}`);
  const cityRef = (field: string, id: string) => {
    if (!cities.has(id)) problem(field, `unknown city "${id}"; allowed: the chart's "cities": ${list(cities)}`);
  };
  chart.capitals.forEach((id, i) => cityRef(`capitals[${i}]`, id));
  for (const id of Object.keys(chart.cityNotes)) cityRef(`cityNotes.${id}`, id);
  for (const [id, at] of Object.entries(chart.eventPlaces)) {
    eventRef(`eventPlaces.${id}`, id);
    cityRef(`eventPlaces.${id}`, at);
  }
  for (const [id, c] of Object.entries(chart.claims)) {
    eventRef(`claims.${id}`, id);
    countryRef(`claims.${id}.from`, c.from);
    countryRef(`claims.${id}.to`, c.to);
  }
  const claims = new Set(Object.keys(chart.claims));
  for (const [id, claim] of Object.entries(chart.refutes)) {
    eventRef(`refutes.${id}`, id);
    if (!claims.has(claim))
      problem(`refutes.${id}`, `unknown claim "${claim}"; allowed: the chart's "claims": ${list(claims)}`);
  }
  for (const [item, steps] of Object.entries(chart.itemSteps)) {
    if (item !== 'border' && !cities.has(item))
      problem(`itemSteps.${item}`, `unknown item "${item}"; allowed: "border" or a city: ${list(cities)}`);
    if (item === 'border' && !chart.borderWith)
      problem('itemSteps.border', 'the map draws no border; allowed: set "borderWith" first');
    steps.forEach((s, i) => stepRef(`itemSteps.${item}[${i}]`, s));
  }
}
