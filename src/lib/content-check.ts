/**
 * The build gate: reads every chapter and data file, validates each entry against the schemas
 * and every reference across files, and returns all problems at once. Each problem names the
 * file, the entry, the field and what is allowed.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'astro/zod';
import {
  actorSchema,
  annotationSchema,
  chapterSchema,
  chartSchema,
  eventSchema,
  playbookSchema,
  redirectSchema,
  correctionSchema,
  claimSchema,
  placeSchema,
  sourceSchema,
  type Actor,
  type Annotation,
  type Chart,
  type Source,
  type StoryEvent,
} from '../schemas.ts';
import { authorComponents } from './author-components.ts';

export interface Problem {
  file: string;
  entry: string;
  field: string;
  message: string;
}

export interface ContentFiles {
  /** Data files by name (e.g. "events.json") with their text. */
  data: Record<string, string | undefined>;
  /** Chapter files by path relative to the content root, with their text. */
  chapters: Record<string, string>;
  /** Chart definitions (content/data/charts/*.json, one chart per file) by path, with their text. */
  charts: Record<string, string>;
}

/** Data files and the schema of their entries (each file is an array of entries). */
const dataFiles = {
  'sources.json': sourceSchema,
  'actors.json': actorSchema,
  'events.json': eventSchema,
  'annotations.json': annotationSchema,
} as const;

/** Lists without ids: each entry is checked against its schema. */
const listFiles = { 'redirects.json': redirectSchema, 'corrections.json': correctionSchema, 'claims.json': claimSchema, 'places.json': placeSchema } as const;
type DataFile = keyof typeof dataFiles;

/** Reads the content folder (chapters/ and data/) as text. */
export function readContent(contentDir: string): ContentFiles {
  const data: ContentFiles['data'] = {};
  for (const name of [...Object.keys(dataFiles), ...Object.keys(listFiles), 'playbook.json']) {
    const p = join(contentDir, 'data', name);
    data[name] = existsSync(p) ? readFileSync(p, 'utf8') : undefined;
  }
  const chapters: ContentFiles['chapters'] = {};
  const chapterDir = join(contentDir, 'chapters');
  if (existsSync(chapterDir)) {
    for (const f of readdirSync(chapterDir).sort()) {
      if (f.endsWith('.mdx')) chapters[relative(contentDir, join(chapterDir, f))] = readFileSync(join(chapterDir, f), 'utf8');
    }
  }
  const charts: ContentFiles['charts'] = {};
  const chartDir = join(contentDir, 'data', 'charts');
  if (existsSync(chartDir)) {
    for (const f of readdirSync(chartDir).sort()) {
      if (f.endsWith('.json')) charts[relative(contentDir, join(chartDir, f))] = readFileSync(join(chartDir, f), 'utf8');
    }
  }
  return { data, chapters, charts };
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '') || '(entry)';
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), raw);
}

function zodProblems(file: string, entry: string, error: z.ZodError, raw: unknown): Problem[] {
  return error.issues.map((issue) => {
    let message = issue.message;
    if (issue.code === 'invalid_value' && 'values' in issue) message = `${JSON.stringify(valueAt(raw, issue.path))} is not allowed; allowed: ${(issue.values as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    else if (issue.code === 'invalid_type' && valueAt(raw, issue.path) === undefined) message = `missing; a ${issue.expected} is required here (see src/schemas.ts)`;
    else if (issue.code === 'unrecognized_keys') message = `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; see src/schemas.ts for the allowed fields`;
    else if (!/^(a|an|at|the|no) /.test(message)) message = message.replace(/^Invalid input: expected/, 'expected');
    else message = `must be ${message}`;
    return { file, entry, field: fieldPath(issue.path), message };
  });
}

interface Parsed {
  sources: Source[];
  actors: Actor[];
  events: StoryEvent[];
  annotations: Annotation[];
  charts: Chart[];
}

/** A tag-like piece of text: "<img", "</b", "<script". (A "<" before a digit or space is fine.) */
const MARKUP = /<\/?[a-zA-Z][\w:-]*(?=[\s/>])[^>]*>?/;

/** Reports every string field of an entry that carries markup: data is plain text, always. */
function markupProblems(file: string, entry: string, value: unknown, path: (string | number)[] = []): Problem[] {
  if (typeof value === 'string') {
    const m = MARKUP.exec(value);
    return m ? [{ file, entry, field: fieldPath(path), message: `contains markup (${JSON.stringify(m[0].slice(0, 40))}); allowed: plain text only (the site escapes all text, so tags would show as text)` }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => markupProblems(file, entry, v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => markupProblems(file, entry, v, [...path, k]));
  return [];
}

/** Parses a data file that must hold a JSON array; reports a missing file, bad JSON or a non-array. */
function readArray(file: string, text: string | undefined, problems: Problem[], missing: string): unknown[] | undefined {
  if (text === undefined) {
    problems.push({ file, entry: '(file)', field: '(file)', message: missing });
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    problems.push({ file, entry: '(file)', field: '(file)', message: `not valid JSON: ${(err as Error).message}` });
    return undefined;
  }
  if (!Array.isArray(raw)) {
    problems.push({ file, entry: '(file)', field: '(file)', message: 'must be a JSON array of entries' });
    return undefined;
  }
  return raw;
}

/** Checks the content; an empty array means the build may go on. */
export function checkContent(files: ContentFiles): Problem[] {
  const problems: Problem[] = [];
  const parsed: Parsed = { sources: [], actors: [], events: [], annotations: [], charts: [] };
  // Ids of entries that exist but failed their schema: references to them are not reported again.
  const invalidIds: Record<string, Set<string>> = { sources: new Set(), actors: new Set(), events: new Set() };
  const key: Record<DataFile, keyof Parsed> = {
    'sources.json': 'sources',
    'actors.json': 'actors',
    'events.json': 'events',
    'annotations.json': 'annotations',
  };

  for (const [name, schema] of Object.entries(dataFiles) as [DataFile, (typeof dataFiles)[DataFile]][]) {
    const file = `content/data/${name}`;
    const raw = readArray(file, files.data[name], problems, 'file is missing; every data file listed in src/lib/content-check.ts is required');
    if (!raw) continue;
    const seen = new Set<string>();
    raw.forEach((item: unknown, i: number) => {
      const id = typeof item === 'object' && item && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : `#${i + 1}`;
      if (seen.has(id)) problems.push({ file, entry: id, field: 'id', message: `duplicate id "${id}"; ids must be unique within the file` });
      seen.add(id);
      problems.push(...markupProblems(file, id, item));
      const result = schema.safeParse(item);
      if (result.success) (parsed[key[name]] as unknown[]).push(result.data);
      else {
        problems.push(...zodProblems(file, id, result.error, item));
        invalidIds[key[name]]?.add(id);
      }
    });
  }

  const chartFiles = new Map<string, string>();
  for (const [path, text] of Object.entries(files.charts)) {
    const file = `content/${path}`;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      problems.push({ file, entry: '(file)', field: '(file)', message: `not valid JSON: ${(err as Error).message}` });
      continue;
    }
    const id = typeof raw === 'object' && raw && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : '(chart)';
    problems.push(...markupProblems(file, id, raw));
    const result = chartSchema.safeParse(raw);
    if (!result.success) {
      problems.push(...zodProblems(file, id, result.error, raw));
      continue;
    }
    if (chartFiles.has(id)) problems.push({ file, entry: id, field: 'id', message: `duplicate chart id "${id}" (also in ${chartFiles.get(id)})` });
    chartFiles.set(id, file);
    parsed.charts.push(result.data);
  }

  const sourceIds = new Set([...parsed.sources.map((s) => s.id), ...invalidIds.sources!]);
  const sourceById = new Map(parsed.sources.map((s) => [s.id, s]));
  const actorIds = new Set([...parsed.actors.map((a) => a.id), ...invalidIds.actors!]);
  const eventIds = new Set([...parsed.events.map((e) => e.id), ...invalidIds.events!]);
  const refSources = (file: string, entry: string, field: string, ids: readonly string[]) =>
    ids.forEach((id, i) => {
      if (!sourceIds.has(id)) problems.push({ file, entry, field: `${field}[${i}]`, message: `unknown source id "${id}"; allowed: an id in content/data/sources.json` });
    });
  const refActor = (file: string, entry: string, field: string, id: string) => {
    if (!actorIds.has(id)) problems.push({ file, entry, field, message: `unknown actor id "${id}"; allowed: an id in content/data/actors.json` });
  };

  for (const a of parsed.actors) refSources('content/data/actors.json', a.id, 'sources', a.sources ?? []);
  for (const e of parsed.events) {
    const file = 'content/data/events.json';
    refSources(file, e.id, 'sources', e.sources);
    refActor(file, e.id, 'actor', e.actor);
    e.coActors?.forEach((c, i) => refActor(file, e.id, `coActors[${i}]`, c));
    if (e.quote) refActor(file, e.id, 'quote.speaker', e.quote.speaker);
    const known = e.sources.filter((s) => sourceById.has(s));
    if (known.length === e.sources.length && !known.some((s) => sourceById.get(s)!.url)) {
      problems.push({ file, entry: e.id, field: 'sources', message: 'at least one source must have a URL (the article alone is not a source for an event)' });
    }
  }
  for (const a of parsed.annotations) refSources('content/data/annotations.json', a.id, 'sources', a.sources);

  // The playbook matrix (one object, not a list).
  {
    const file = 'content/data/playbook.json';
    const text = files.data['playbook.json'];
    if (text === undefined) problems.push({ file, entry: '(file)', field: '(file)', message: 'file is missing' });
    else {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (err) {
        problems.push({ file, entry: '(file)', field: '(file)', message: `not valid JSON: ${(err as Error).message}` });
      }
      if (raw !== undefined) {
        problems.push(...markupProblems(file, '(matrix)', raw));
        const r = playbookSchema.safeParse(raw);
        if (!r.success) problems.push(...zodProblems(file, '(matrix)', r.error, raw));
        else {
          const narratives = new Set(r.data.narratives.map((n) => n.id));
          const countries = new Set(r.data.countries.map((c) => c.id));
          r.data.cells.forEach((c, i) => {
            const entry = `${c.narrative}/${c.country}`;
            if (!narratives.has(c.narrative)) problems.push({ file, entry, field: `cells[${i}].narrative`, message: `unknown narrative "${c.narrative}"; allowed: ${[...narratives].join(', ')}` });
            if (!countries.has(c.country)) problems.push({ file, entry, field: `cells[${i}].country`, message: `unknown country "${c.country}"; allowed: ${[...countries].join(', ')}` });
            if (c.state === 'documented' && c.examples.length === 0) problems.push({ file, entry, field: `cells[${i}].examples`, message: 'a documented cell needs at least one sourced example' });
            c.examples.forEach((x, j) => {
              refSources(file, entry, `cells[${i}].examples[${j}].sources`, x.sources);
              if (x.eventId && !eventIds.has(x.eventId)) problems.push({ file, entry, field: `cells[${i}].examples[${j}].eventId`, message: `unknown event id "${x.eventId}"` });
            });
          });
        }
      }
    }
  }
  const chartById = new Map(parsed.charts.map((c) => [c.id, c]));
  for (const c of parsed.charts) {
    const file = chartFiles.get(c.id)!;
    c.events.forEach((id, i) => {
      if (!eventIds.has(id)) problems.push({ file, entry: c.id, field: `events[${i}]`, message: `unknown event id "${id}"; allowed: an id in content/data/events.json` });
    });
    const inChart = new Set(c.events);
    for (const id of Object.keys(c.labels)) {
      if (!inChart.has(id)) problems.push({ file, entry: c.id, field: `labels.${id}`, message: `label for an event not in this chart; allowed: the ids in "events"` });
    }
    c.steps.forEach((s, i) =>
      s.highlight.forEach((id, j) => {
        if (!inChart.has(id)) problems.push({ file, entry: c.id, field: `steps[${i}].highlight[${j}]`, message: `"${id}" is not drawn by this chart; allowed: the ids in "events"` });
      }),
    );
    const stepIds = new Set<string>();
    c.steps.forEach((s, i) => {
      if (stepIds.has(s.id)) problems.push({ file, entry: c.id, field: `steps[${i}].id`, message: `duplicate step id "${s.id}"` });
      stepIds.add(s.id);
    });
  }

  // Chapters.
  const chapterIds = new Map<string, string>();
  const orders = new Map<number, string>();
  const paragraphs = new Map<string, { file: string; text: string }>();
  for (const [path, text] of Object.entries(files.chapters)) {
    const file = `content/${path}`;
    const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
    let front: unknown = undefined;
    if (!fm) {
      problems.push({ file, entry: '(frontmatter)', field: '(frontmatter)', message: 'missing frontmatter; allowed: a --- block with id, order, title, kind' });
    } else {
      try {
        front = parseYaml(fm[1]!);
      } catch (err) {
        problems.push({ file, entry: '(frontmatter)', field: '(frontmatter)', message: `not valid YAML: ${(err as Error).message.split('\n')[0]}` });
      }
    }
    const entry = typeof front === 'object' && front && typeof (front as { id?: unknown }).id === 'string' ? (front as { id: string }).id : '(frontmatter)';
    if (fm && front !== undefined) {
      const r = chapterSchema.safeParse(front ?? {});
      if (!r.success) problems.push(...zodProblems(file, entry, r.error, front));
      else {
        const prev = chapterIds.get(r.data.id);
        if (prev) problems.push({ file, entry, field: 'id', message: `duplicate chapter id "${r.data.id}" (also in ${prev})` });
        chapterIds.set(r.data.id, file);
        const prevOrder = orders.get(r.data.order);
        if (prevOrder) problems.push({ file, entry, field: 'order', message: `duplicate order ${r.data.order} (also in ${prevOrder})` });
        orders.set(r.data.order, file);
      }
    }
    const body = fm ? text.slice(fm[0].length) : text;
    for (const m of body.matchAll(/<([a-z][a-z0-9-]*)\b/g)) {
      problems.push({ file, entry, field: `<${m[1]}>`, message: `raw HTML element "<${m[1]}>" in a chapter; allowed: Markdown and the components ${authorComponents.join(', ')}` });
    }
    for (const m of body.matchAll(/<([A-Z][A-Za-z0-9]*)\b/g)) {
      if (!(authorComponents as readonly string[]).includes(m[1]!)) {
        problems.push({ file, entry, field: `<${m[1]}>`, message: `unknown component "${m[1]}"; allowed: ${authorComponents.join(', ')}` });
      }
    }
    for (const m of body.matchAll(/<(Scrolly|P)\b([^>]*)>([\s\S]*?)(?=<\/?(?:Scrolly|P)\b|$)/g)) {
      const [, tag, attrs = '', rest = ''] = m;
      const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
      if (tag === 'Scrolly') {
        const chart = attr('chart');
        if (!chart) problems.push({ file, entry, field: '<Scrolly chart>', message: 'missing chart="..."; allowed: the id of a file in content/data/charts/' });
        else if (!chartById.has(chart)) problems.push({ file, entry, field: '<Scrolly chart>', message: `unknown chart "${chart}"; allowed: ${[...chartById.keys()].join(', ') || '(none defined)'}` });
        if (!attrs.trim().endsWith('/')) {
          problems.push({ file, entry, field: '<Scrolly>', message: 'a chart is placed as <Scrolly chart="id" /> (self-closing); its step texts live in the chart\'s steps[].text' });
        }
      } else {
        const id = attr('id');
        if (!id || !/^p\d{2,3}$/.test(id)) {
          problems.push({ file, entry, field: '<P id>', message: `${id ? `"${id}" is not` : 'missing'} a paragraph id; allowed: id="p" followed by 2-3 digits, unique in the story` });
        } else if (paragraphs.has(id)) {
          problems.push({ file, entry, field: '<P id>', message: `duplicate paragraph id "${id}" (also in ${paragraphs.get(id)!.file})` });
        } else {
          paragraphs.set(id, { file, text: rest.replace(/<\/P>[\s\S]*$/, '').trim() });
        }
      }
    }
  }
  if (Object.keys(files.chapters).length === 0) {
    problems.push({ file: 'content/chapters', entry: '(folder)', field: '(folder)', message: 'no chapters found; allowed: one or more .mdx files' });
  }
  const redirects: { from: string; to: string }[] = [];
  const claimChapters: [string, string][] = [];
  for (const [name, schema] of Object.entries(listFiles)) {
    const file = `content/data/${name}`;
    const raw = readArray(file, files.data[name], problems, 'file is missing (an empty list [] is fine)');
    if (!raw) continue;
    raw.forEach((item: unknown, i: number) => {
      problems.push(...markupProblems(file, `#${i + 1}`, item));
      const r = schema.safeParse(item);
      if (!r.success) problems.push(...zodProblems(file, `#${i + 1}`, r.error, item));
      else if (name === 'redirects.json') redirects.push(r.data as { from: string; to: string });
      else if (name === 'places.json') {
        const pl = r.data as { id: string; source: string };
        if (!sourceIds.has(pl.source)) problems.push({ file, entry: pl.id, field: 'source', message: `unknown source id "${pl.source}"; allowed: an id in content/data/sources.json` });
      } else if (name === 'claims.json') {
        const c = r.data as { id: string; appearedIn: string[]; evidence: string[]; reviewedIn: string };
        [...c.appearedIn.map((e, j) => [`appearedIn[${j}]`, e] as const), ...c.evidence.map((e, j) => [`evidence[${j}]`, e] as const)].forEach(([field, e]) => {
          if (!eventIds.has(e)) problems.push({ file, entry: c.id, field, message: `unknown event id "${e}"` });
        });
        claimChapters.push([c.id, c.reviewedIn]);
      }
    });
  }
  const anchors = new Set([...chapterIds.keys(), ...paragraphs.keys()]);
  for (const [id, chapter] of claimChapters) {
    if (!chapterIds.has(chapter)) problems.push({ file: 'content/data/claims.json', entry: id, field: 'reviewedIn', message: `unknown chapter "${chapter}"; allowed: ${[...chapterIds.keys()].join(', ')}` });
  }
  redirects.forEach((r, i) => {
    if (anchors.has(r.from)) problems.push({ file: 'content/data/redirects.json', entry: `#${i + 1}`, field: 'from', message: `"${r.from}" is still in use; allowed: an id no chapter or paragraph has` });
    if (!anchors.has(r.to)) problems.push({ file: 'content/data/redirects.json', entry: `#${i + 1}`, field: 'to', message: `unknown anchor "${r.to}"; allowed: a chapter or paragraph id` });
  });

  for (const a of parsed.annotations) {
    const para = paragraphs.get(a.paragraph);
    if (!para) problems.push({ file: 'content/data/annotations.json', entry: a.id, field: 'paragraph', message: `unknown paragraph "${a.paragraph}"; allowed: a <P id> in content/chapters` });
    else if (!para.text.includes(a.articleText)) {
      problems.push({ file: 'content/data/annotations.json', entry: a.id, field: 'articleText', message: `not found in paragraph ${a.paragraph}; allowed: the article's exact words` });
    }
  }
  return problems;
}

/** One message listing every problem. */
export function formatProblems(problems: Problem[]): string {
  const lines = problems.map((p) => `  - ${p.file} › ${p.entry} › ${p.field}: ${p.message}`);
  return `The story's content has ${problems.length} problem${problems.length === 1 ? '' : 's'}; the build stops until all are fixed:\n${lines.join('\n')}`;
}
