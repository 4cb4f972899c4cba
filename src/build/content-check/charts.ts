/** Chart definitions (content/data/charts/<id>.json) through the gate: one chart per file, and every reference. */
import { type Chart, chartSchema, type Playbook, type StoryEvent } from '../../schemas.ts';
import { chartReferenceProblems } from '../../prepare/chart-references.ts';
import { mapCountryIds } from '../../prepare/countries.ts';
import { periodEnd, periodStart, parseEntry } from './entries.ts';
import type { Gate, ReferenceChecks } from './gate.ts';
import { parseJson } from './json.ts';
import { tooLong } from './problems.ts';
import { lengthLimits } from './rules.ts';

/** The charts that passed their schema, the file of each, and the ids (or file stems) of those that did not. */
export interface ParsedCharts {
  charts: Chart[];
  /** The file of each chart, by id. */
  chartFiles: Map<string, string>;
  /** Charts that could not be read or failed their schema: their file, by id (or file stem). */
  brokenCharts: Map<string, string>;
}

/** Place ids in places.json, read leniently (its own problems are reported where the file is checked). */
function placeIdsOf(text: string | undefined): string[] {
  try {
    const raw: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(raw)
      ? raw.flatMap((p) => (p && typeof p === 'object' && typeof p.id === 'string' ? [p.id] : []))
      : [];
  } catch {
    return [];
  }
}

/** Parses each chart file: its place, its name, its schema and the lengths of its texts. */
export function readCharts(gate: Gate, texts: Record<string, string>): ParsedCharts {
  const { problems, broken } = gate;
  const charts: Chart[] = [];
  const chartFiles = new Map<string, string>();
  const brokenCharts = new Map<string, string>();
  for (const [path, text] of Object.entries(texts)) {
    const file = `content/${path}`;
    const stem = (path.split('/').pop() ?? path).replace(/\.json$/, '');
    const r = parseJson(file, text, problems);
    if (!r.ok) {
      broken.add(file);
      brokenCharts.set(stem, file);
      continue;
    }
    const raw = r.value;
    const id =
      typeof raw === 'object' && raw && typeof (raw as { id?: unknown }).id === 'string'
        ? (raw as { id: string }).id
        : stem;
    if (path.split('/').length > 3)
      problems.push({
        file,
        entry: id,
        field: '(file)',
        message: 'a chart in a subfolder is never loaded; allowed: a file directly in content/data/charts/',
      });
    if (id !== stem)
      problems.push({
        file,
        entry: id,
        field: 'id',
        message:
          `"${id}" differs from the file name "${stem}.json"` +
          `; allowed: a chart file named after its id (${id}.json)`,
      });
    const c = parseEntry(file, id, chartSchema, raw, problems);
    if (!c) {
      brokenCharts.set(id, file);
      continue;
    }
    if (chartFiles.has(id))
      problems.push({
        file,
        entry: id,
        field: 'id',
        message: `duplicate chart id "${id}" (also in ${chartFiles.get(id)})`,
      });
    chartFiles.set(id, file);
    charts.push(c);
    tooLong(problems, file, id, 'title', c.title, lengthLimits.chartTitle, "a chart's title");
    c.marks.forEach(
      (m, i) =>
        void tooLong(
          problems,
          file,
          id,
          `marks[${i}].label`,
          m.label,
          lengthLimits.markLabel,
          "a mark's label (it stands beside the axis)",
        ),
    );
    c.steps.forEach((s, i) => {
      tooLong(problems, file, id, `steps[${i}].title`, s.title, lengthLimits.stepTitle, "a step's title");
      tooLong(
        problems,
        file,
        id,
        `steps[${i}].text`,
        s.text,
        lengthLimits.stepText,
        "a step's text (one step card on a phone screen)",
      );
      tooLong(
        problems,
        file,
        id,
        `steps[${i}].narrow.text`,
        s.narrow?.text,
        lengthLimits.stepText,
        "a step's text (one step card on a phone screen)",
      );
    });
    if (c.window && c.window.start >= c.window.end)
      problems.push({
        file,
        entry: id,
        field: 'window.end',
        message:
          `"${c.window.end}" is not after window.start "${c.window.start}"` +
          `; allowed: a later date (the window is [start, end))`,
      });
  }
  return { charts, chartFiles, brokenCharts };
}

/**
 * Every reference a chart makes: its events (each inside its window), labels, step highlights and step ids, and the
 * kind's own fields (stages, cities, claims, cells, steps, countries).
 */
export function checkChartReferences(
  gate: Gate,
  { charts, chartFiles }: ParsedCharts,
  { refEvent }: ReferenceChecks,
  eventById: Map<string, StoryEvent>,
  placesText: string | undefined,
  playbookRefs: Pick<Playbook, 'narratives' | 'countries'> | undefined,
): void {
  const { problems } = gate;
  const placeIds = placeIdsOf(placesText);
  const mapCountries = mapCountryIds();
  for (const c of charts) {
    const file = chartFiles.get(c.id) ?? `content/data/charts/${c.id}.json`;
    c.events.forEach((id, i) => void refEvent(file, c.id, `events[${i}]`, id));
    const inChart = new Set(c.events);
    // Every reference in the kind's own fields (stages, cities, claims, cells, steps, countries) names something that
    // exists.
    if (playbookRefs)
      problems.push(...chartReferenceProblems(c, file, { places: placeIds, playbook: playbookRefs, mapCountries }));
    for (const id of Object.keys(c.labels)) {
      if (!inChart.has(id))
        problems.push({
          file,
          entry: c.id,
          field: `labels.${id}`,
          message: `label for an event not in this chart; allowed: the ids in "events"`,
        });
    }
    c.steps.forEach(
      (s, i) =>
        void s.highlight.forEach((id, j) => {
          if (!inChart.has(id))
            problems.push({
              file,
              entry: c.id,
              field: `steps[${i}].highlight[${j}]`,
              message: `"${id}" is not drawn by this chart; allowed: the ids in "events"`,
            });
        }),
    );
    const stepIds = new Set<string>();
    c.steps.forEach((s, i) => {
      if (stepIds.has(s.id))
        problems.push({
          file,
          entry: c.id,
          field: `steps[${i}].id`,
          message: `duplicate step id "${s.id}"; allowed: step ids unique within the chart`,
        });
      stepIds.add(s.id);
    });
    // Every event lies inside the chart's window: one outside would be drawn off the chart.
    if (c.window) {
      const w = c.window;
      c.events.forEach((id, i) => {
        const e = eventById.get(id);
        if (!e) return;
        const start = periodStart(e.date);
        const end = periodEnd(e.date);
        if (end <= w.start || start >= w.end) {
          problems.push({
            file,
            entry: c.id,
            field: `events[${i}]`,
            message:
              `event "${id}" (${e.date}) lies outside the chart's window` +
              `; allowed: an event dated from ${w.start} up to (not including) ${w.end}, or a wider window`,
          });
        }
      });
    }
  }
}
