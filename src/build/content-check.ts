/**
 * The build gate: reads every chapter and data file, validates each entry against the schemas
 * and every reference across files, and returns all problems at once. Each problem names the
 * file, the entry, the field and what is allowed.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'astro/zod';
import {
  actorSchema,
  annotationSchema,
  chapterSchema,
  chartSchema,
  eventSchema,
  type Playbook,
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
import { authorComponents } from '../lib/author-components.ts';
import { chartReferenceProblems } from '../prepare/chart-references.ts';
import { mapCountryIds } from '../prepare/countries.ts';

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

export interface Problem {
  file: string;
  entry: string;
  field: string;
  message: string;
}

export interface ContentFiles {
  /** Data files by name (e.g. "events.json") with their text. */
  data: Record<string, string | undefined>;
  /** Chapter files (at any depth under chapters/) by path relative to the content root, with their text. */
  chapters: Record<string, string>;
  /** Chart definitions (content/data/charts/*.json, one chart per file) by path, with their text. */
  charts: Record<string, string>;
  /** Interface strings, one file per language (content/data/ui.<lang>.json), by path, with their text. */
  ui?: Record<string, string>;
}

/** Data files and the schema of their entries (each file is an array of entries). */
const dataFiles = {
  'sources.json': sourceSchema,
  'actors.json': actorSchema,
  'events.json': eventSchema,
  'annotations.json': annotationSchema,
} as const;

/** Lists checked entry by entry against their schema. */
const listFiles = {
  'redirects.json': redirectSchema,
  'corrections.json': correctionSchema,
  'claims.json': claimSchema,
  'places.json': placeSchema,
} as const;
type DataFile = keyof typeof dataFiles;

/** Every file under `dir` (at any depth) whose name ends with `ext`, sorted, as paths relative to `root`. */
function filesUnder(root: string, dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(root, p, ext));
    else if (e.name.endsWith(ext)) out.push(relative(root, p));
  }
  return out;
}

/** Reads the content folder (chapters/ at any depth, data/, data/charts/, data/ui.<lang>.json) as text. */
export function readContent(contentDir: string): ContentFiles {
  const data: ContentFiles['data'] = {};
  for (const name of [...Object.keys(dataFiles), ...Object.keys(listFiles), 'playbook.json']) {
    const p = join(contentDir, 'data', name);
    data[name] = existsSync(p) ? readFileSync(p, 'utf8') : undefined;
  }
  const read = (paths: string[]) =>
    Object.fromEntries(paths.map((p) => [p.split(sep).join('/'), readFileSync(join(contentDir, p), 'utf8')]));
  // Chapters in any subfolder are published too (the collection's pattern is **/*.mdx), so all are read.
  const chapters = read(
    [
      ...filesUnder(contentDir, join(contentDir, 'chapters'), '.mdx'),
      ...filesUnder(contentDir, join(contentDir, 'chapters'), '.md'),
    ].sort(),
  );
  const charts = read(filesUnder(contentDir, join(contentDir, 'data', 'charts'), '.json'));
  const dataDir = join(contentDir, 'data');
  const ui = read(
    existsSync(dataDir)
      ? readdirSync(dataDir)
          .filter((f) => /^ui\..+\.json$/.test(f))
          .sort()
          .map((f) => relative(contentDir, join(dataDir, f)))
      : [],
  );
  return { data, chapters, charts, ui };
}

/**
 * Upper limits on text lengths, where a layout needs one (a details panel, a label beside a mark,
 * a step card). Longer text would overflow or make a panel taller than a screen.
 */
export const lengthLimits = {
  eventTitle: 120,
  eventChannel: 100,
  actorName: 100,
  chartTitle: 80,
  stepTitle: 80,
  stepText: 600,
  markLabel: 30,
  chapterTitle: 120,
  byline: 120,
  claim: 160,
  placeName: 40,
} as const;

/** Where a link may point: a web page, an e-mail address, a place on this page or on this site. */
export const allowedLinks =
  'an https:// or http:// URL, a mailto: address, a #fragment or a site-relative path starting with /';

/**
 * True when `href` is a link the site may publish (see allowedLinks). Any other scheme (javascript:, data:, ...) is
 * refused.
 */
export function isAllowedLink(href: string): boolean {
  const h = href.trim();
  if (/^https?:\/\/[^\s/]/i.test(h)) return true;
  if (/^mailto:[^\s]/i.test(h)) return true;
  if (h.startsWith('#')) return true;
  return h.startsWith('/') && !h.startsWith('//') && !h.startsWith('/\\');
}

/** Line and column (1-based) of a character offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * The offset of the first syntax error in a JSON text, and what was expected there; null when the
 * text is valid JSON. (JSON.parse's own messages give no position for some errors, such as a comma
 * after the last entry.)
 */
export function jsonSyntaxError(text: string): { offset: number; expected: string } | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  class Stop {
    expected: string;
    constructor(expected: string) {
      this.expected = expected;
    }
  }
  const fail = (expected: string, at?: number): never => {
    if (at !== undefined) i = at;
    throw new Stop(expected);
  };
  const str = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('a closing " before the end of the line (a control character must be escaped)');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('four hex digits after \\u');
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('an escape such as \\" \\\\ \\n');
      }
      i++;
    }
    if (i >= text.length) fail('a closing "');
    i++;
  };
  /** After a member or an element: true past the closing `close`, false past a comma; else the place to fix. */
  const closed = (close: '}' | ']'): boolean => {
    const after = i;
    ws();
    if (text[i] === ',') {
      i++;
      return false;
    }
    if (text[i] === close) {
      i++;
      return true;
    }
    return fail(`a comma or ${close} after this`, after);
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"')
          fail(
            text[i] === '}'
              ? 'another "field": value (a comma before } is not allowed in JSON)'
              : 'a "field" name in double quotes',
          );
        str();
        ws();
        if (text[i] !== ':') fail('a colon after the field name');
        i++;
        value();
        if (closed('}')) return;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        ws();
        if (text[i] === ']') fail('another value (a comma before ] is not allowed in JSON)');
        value();
        if (closed(']')) return;
      }
    }
    if (c === '"') {
      str();
      return;
    }
    const lit = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!lit) fail('a value (text in double quotes, a number, true, false, null, [ or {)');
    i += lit ? lit[0].length : 0;
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    ws();
    if (i < text.length) fail('the end of the file (one value per file)');
    return null;
  } catch (e) {
    if (e instanceof Stop) return { offset: i, expected: e.expected };
    throw e;
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
      '',
    ) || '(entry)'
  );
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    raw,
  );
}

/** A value as the message quotes it: JSON, cut to 60 characters. */
function quote(v: unknown): string {
  const j = JSON.stringify(v) ?? String(v);
  return j.length > 60 ? `${j.slice(0, 57)}...` : j;
}

const typeWords: Record<string, string> = {
  string: 'a text in double quotes',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list [...]',
  object: 'an object {...}',
  int: 'a whole number',
};
function kindOf(v: unknown): string {
  return v === null
    ? 'null'
    : Array.isArray(v)
      ? 'a list'
      : typeof v === 'object'
        ? 'an object'
        : typeof v === 'string'
          ? 'a text'
          : `a ${typeof v}`;
}

/** Zod's issues in plain words: the field, the value found, and what is allowed. */
function zodProblems(file: string, entry: string, error: z.ZodError, raw: unknown): Problem[] {
  return error.issues.map((issue) => {
    const value = valueAt(raw, issue.path);
    const i = issue as unknown as {
      code: string;
      origin?: string;
      minimum?: number;
      maximum?: number;
      format?: string;
      expected?: string;
      values?: unknown[];
      keys?: string[];
    };
    let message: string;
    if (i.code === 'invalid_value' && i.values)
      message = `${quote(value)} is not allowed; allowed: ${i.values.map((v) => JSON.stringify(v)).join(', ')}`;
    else if (i.code === 'invalid_type' && value === undefined)
      message = `missing; ${typeWords[i.expected ?? ''] ?? `a ${i.expected}`} is required here (see src/schemas.ts)`;
    else if (i.code === 'invalid_type')
      message = `${quote(value)} is ${kindOf(value)}; allowed: ${typeWords[i.expected ?? ''] ?? i.expected}`;
    else if (i.code === 'unrecognized_keys')
      message = `unknown field(s) ${(i.keys ?? []).map((k) => `"${k}"`).join(', ')}; see src/schemas.ts for the allowed fields`;
    else if (i.code === 'too_small' && i.origin === 'string')
      message =
        i.minimum === 1
          ? 'empty; allowed: a text of at least one character'
          : `${quote(value)} is too short; allowed: at least ${i.minimum} characters`;
    else if (i.code === 'too_small' && i.origin === 'array')
      message = `${Array.isArray(value) ? value.length : 0} entries; allowed: at least ${i.minimum}${/at least/.test(issue.message) && !/^Too small/.test(issue.message) ? ` (${issue.message})` : ''}`;
    else if (i.code === 'too_small' || i.code === 'too_big') {
      const n = typeof value === 'string' ? `${value.length} characters` : quote(value);
      const limit = i.code === 'too_small' ? `at least ${i.minimum}` : `at most ${i.maximum}`;
      message = `${n} is too ${i.code === 'too_small' ? 'small' : 'long'}; allowed: ${limit}${typeof value === 'string' ? ' characters' : ''}`;
    } else if (i.code === 'invalid_format' && i.format === 'url')
      message = `${quote(value)} is not a web address; allowed: an https:// or http:// URL`;
    else if (/^(a|an|at|the|no) /.test(issue.message))
      message = `must be ${issue.message}${value !== undefined && typeof value !== 'object' ? ` (found ${quote(value)})` : ''}`;
    else message = `${quote(value)} is not allowed: ${issue.message.replace(/^Invalid input: expected/, 'expected')}`;
    return { file, entry, field: fieldPath(issue.path), message };
  });
}

/** Checks a text field against its length limit. */
function tooLong(
  problems: Problem[],
  file: string,
  entry: string,
  field: string,
  text: string | undefined,
  limit: number,
  what: string,
) {
  if (text !== undefined && [...text].length > limit)
    problems.push({
      file,
      entry,
      field,
      message: `${[...text].length} characters; allowed: at most ${limit} characters for ${what}`,
    });
}

/** Parses a JSON file; on a syntax error reports one problem with line, column and the text there. */
function parseJson(file: string, text: string, problems: Problem[]): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const found = jsonSyntaxError(text);
    const offset = found?.offset ?? text.length;
    const { line, column } = lineColumn(text, offset);
    const lineText = text.split('\n')[line - 1] ?? '';
    const near = lineText.trim() ? `: ${quote(lineText.trim())}` : '';
    const expected = found ? `; expected ${found.expected}` : ` (${(err as Error).message})`;
    problems.push({
      file: `${file}:${line}:${column}`,
      entry: '(file)',
      field: '(JSON syntax)',
      message: `not valid JSON at line ${line}, column ${column}${near}${expected}`,
    });
    return { ok: false };
  }
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
    return m
      ? [
          {
            file,
            entry,
            field: fieldPath(path),
            message: `contains markup (${JSON.stringify(m[0].slice(0, 40))}); allowed: plain text only (the site escapes all text, so tags would show as text)`,
          },
        ]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => markupProblems(file, entry, v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => markupProblems(file, entry, v, [...path, k]));
  return [];
}

/** Parses a data file that must hold a JSON array; reports a missing file, bad JSON or a non-array. */
function readArray(
  file: string,
  text: string | undefined,
  problems: Problem[],
  missing: string,
  broken?: Set<string>,
): unknown[] | undefined {
  if (text === undefined) {
    problems.push({ file, entry: '(file)', field: '(file)', message: missing });
    broken?.add(file);
    return undefined;
  }
  const r = parseJson(file, text, problems);
  if (!r.ok) {
    broken?.add(file);
    return undefined;
  }
  if (!Array.isArray(r.value)) {
    problems.push({
      file,
      entry: '(file)',
      field: '(file)',
      message: `${kindOf(r.value)}; allowed: a JSON list [...] of entries`,
    });
    broken?.add(file);
    return undefined;
  }
  return r.value;
}

/**
 * One entry through the gate: markup in its text, then its schema (problems in that order). Returns the parsed
 * value, or undefined when the schema refused it (its problems added).
 */
function parseEntry<T>(
  file: string,
  entry: string,
  schema: z.ZodType<T>,
  raw: unknown,
  problems: Problem[],
): T | undefined {
  problems.push(...markupProblems(file, entry, raw));
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  problems.push(...zodProblems(file, entry, result.error, raw));
  return undefined;
}

/** Reports `entry` when `seen` already holds it (ids are unique within a file), then adds it. */
function noteDuplicate(seen: Set<string>, file: string, entry: string, problems: Problem[]): void {
  if (seen.has(entry))
    problems.push({
      file,
      entry,
      field: 'id',
      message: `duplicate id "${entry}"; ids must be unique within the file`,
    });
  seen.add(entry);
}

/** The id of a list entry, or a name for it made of its other fields (never "#1"). */
function entryName(item: unknown, i: number, name: string): string {
  const o = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
  if (typeof o.id === 'string' && o.id) return o.id;
  if (name === 'redirects.json' && typeof o.from === 'string') return `from "${o.from}"`;
  if (name === 'corrections.json' && typeof o.date === 'string')
    return `${o.date} ${typeof o.kind === 'string' ? o.kind : 'entry'}`;
  return `entry ${i + 1} (no id)`;
}

/** Attributes each author component takes (all as "..." strings). */
const componentAttributes: Record<string, readonly string[]> = { P: ['id'], Scrolly: ['chart'] };

/**
 * The first moment after a partial date's period: 2023 -> 2024-01-01, 2023-10 -> 2023-11-01, 2023-10-25 -> 2023-10-26.
 */
function periodEnd(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number?, number?];
  const next =
    m === undefined
      ? new Date(Date.UTC(y + 1, 0, 1))
      : d === undefined
        ? new Date(Date.UTC(y, m, 1))
        : new Date(Date.UTC(y, m - 1, d + 1));
  return next.toISOString().slice(0, 10);
}
/** The first day of a partial date's period: 2023 -> 2023-01-01. */
function periodStart(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}

/** Checks the content; an empty array means the build may go on. */
export function checkContent(files: ContentFiles): Problem[] {
  const problems: Problem[] = [];
  const parsed: Parsed = { sources: [], actors: [], events: [], annotations: [], charts: [] };
  // Files that could not be read (missing, not JSON, not a list): checks of references into them are skipped, and
  // counted.
  const broken = new Set<string>();
  const skipped = new Map<string, number>();
  /** Runs a reference check unless the file it refers into could not be read. */
  const against = (target: string, check: () => void) => {
    if (broken.has(target)) skipped.set(target, (skipped.get(target) ?? 0) + 1);
    else check();
  };
  // Ids of entries that exist but failed their schema: references to them are not reported again.
  const invalidIds: Record<string, Set<string>> = { sources: new Set(), actors: new Set(), events: new Set() };
  const key: Record<DataFile, keyof Parsed> = {
    'sources.json': 'sources',
    'actors.json': 'actors',
    'events.json': 'events',
    'annotations.json': 'annotations',
  };
  const SOURCES = 'content/data/sources.json';
  const ACTORS = 'content/data/actors.json';
  const EVENTS = 'content/data/events.json';

  for (const [name, schema] of Object.entries(dataFiles) as [DataFile, (typeof dataFiles)[DataFile]][]) {
    const file = `content/data/${name}`;
    const raw = readArray(
      file,
      files.data[name],
      problems,
      'file is missing; every data file listed in src/lib/content-check.ts is required',
      broken,
    );
    if (!raw) continue;
    const seen = new Set<string>();
    raw.forEach((item: unknown, i: number) => {
      const id = entryName(item, i, name);
      noteDuplicate(seen, file, id, problems);
      const value = parseEntry<unknown>(file, id, schema, item, problems);
      if (value !== undefined) (parsed[key[name]] as unknown[]).push(value);
      else invalidIds[key[name]]?.add(id);
    });
  }
  for (const e of parsed.events) {
    tooLong(
      problems,
      EVENTS,
      e.id,
      'title',
      e.title,
      lengthLimits.eventTitle,
      "an event's title (it heads the details panel)",
    );
    tooLong(problems, EVENTS, e.id, 'channel', e.channel, lengthLimits.eventChannel, "an event's channel");
  }
  for (const a of parsed.actors)
    tooLong(problems, ACTORS, a.id, 'name', a.name, lengthLimits.actorName, "an actor's name");

  // Charts: one per file, named by its id.
  const chartFiles = new Map<string, string>();
  const brokenCharts = new Map<string, string>();
  for (const [path, text] of Object.entries(files.charts)) {
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
        message: `"${id}" differs from the file name "${stem}.json"; allowed: a chart file named after its id (${id}.json)`,
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
    parsed.charts.push(c);
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
        message: `"${c.window.end}" is not after window.start "${c.window.start}"; allowed: a later date (the window is [start, end))`,
      });
  }

  const sourceIds = new Set([...parsed.sources.map((s) => s.id), ...(invalidIds.sources ?? [])]);
  const sourceById = new Map(parsed.sources.map((s) => [s.id, s]));
  const actorIds = new Set([...parsed.actors.map((a) => a.id), ...(invalidIds.actors ?? [])]);
  const eventIds = new Set([...parsed.events.map((e) => e.id), ...(invalidIds.events ?? [])]);
  const eventById = new Map(parsed.events.map((e) => [e.id, e]));
  const refSources = (file: string, entry: string, field: string, ids: readonly string[]) =>
    ids.forEach(
      (id, i) =>
        void against(SOURCES, () => {
          if (!sourceIds.has(id))
            problems.push({
              file,
              entry,
              field: `${field}[${i}]`,
              message: `unknown source id "${id}"; allowed: an id in content/data/sources.json`,
            });
        }),
    );
  const refActor = (file: string, entry: string, field: string, id: string) =>
    against(ACTORS, () => {
      if (!actorIds.has(id))
        problems.push({
          file,
          entry,
          field,
          message: `unknown actor id "${id}"; allowed: an id in content/data/actors.json`,
        });
    });
  const refEvent = (file: string, entry: string, field: string, id: string) =>
    against(EVENTS, () => {
      if (!eventIds.has(id))
        problems.push({
          file,
          entry,
          field,
          message: `unknown event id "${id}"; allowed: an id in content/data/events.json`,
        });
    });

  for (const a of parsed.actors) refSources(ACTORS, a.id, 'sources', a.sources ?? []);
  for (const e of parsed.events) {
    refSources(EVENTS, e.id, 'sources', e.sources);
    refActor(EVENTS, e.id, 'actor', e.actor);
    e.coActors?.forEach((c, i) => void refActor(EVENTS, e.id, `coActors[${i}]`, c));
    if (e.quote) refActor(EVENTS, e.id, 'quote.speaker', e.quote.speaker);
    const known = e.sources.filter((s) => sourceById.has(s));
    if (!broken.has(SOURCES) && known.length === e.sources.length && !known.some((s) => sourceById.get(s)?.url)) {
      problems.push({
        file: EVENTS,
        entry: e.id,
        field: 'sources',
        message:
          'no source with a URL; allowed: at least one source that has a url (the article alone is not a source for an event)',
      });
    }
  }
  for (const a of parsed.annotations) refSources('content/data/annotations.json', a.id, 'sources', a.sources);

  // The playbook matrix (one object, not a list).
  let playbookRefs: Pick<Playbook, 'narratives' | 'countries'> | undefined;
  {
    const file = 'content/data/playbook.json';
    const text = files.data['playbook.json'];
    let raw: unknown;
    if (text === undefined) problems.push({ file, entry: '(file)', field: '(file)', message: 'file is missing' });
    else {
      const r = parseJson(file, text, problems);
      if (r.ok) raw = r.value;
    }
    if (raw !== undefined) {
      const playbook = parseEntry(file, '(matrix)', playbookSchema, raw, problems);
      if (playbook) {
        playbookRefs = playbook;
        const narratives = new Set(playbook.narratives.map((n) => n.id));
        const countries = new Set(playbook.countries.map((c) => c.id));
        playbook.cells.forEach((c, i) => {
          const entry = `${c.narrative}/${c.country}`;
          if (!narratives.has(c.narrative))
            problems.push({
              file,
              entry,
              field: `cells[${i}].narrative`,
              message: `unknown narrative "${c.narrative}"; allowed: ${[...narratives].join(', ')}`,
            });
          if (!countries.has(c.country))
            problems.push({
              file,
              entry,
              field: `cells[${i}].country`,
              message: `unknown country "${c.country}"; allowed: ${[...countries].join(', ')}`,
            });
          if (c.state === 'documented' && c.examples.length === 0)
            problems.push({
              file,
              entry,
              field: `cells[${i}].examples`,
              message:
                'no example; allowed: a documented cell with at least one sourced example (or state "partial" or "article-claim-only")',
            });
          c.examples.forEach((x, j) => {
            refSources(file, entry, `cells[${i}].examples[${j}].sources`, x.sources);
            if (x.eventId) refEvent(file, entry, `cells[${i}].examples[${j}].eventId`, x.eventId);
          });
        });
      }
    }
  }
  const chartById = new Map(parsed.charts.map((c) => [c.id, c]));
  const placeIds = placeIdsOf(files.data['places.json']);
  const mapCountries = mapCountryIds();
  for (const c of parsed.charts) {
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
            message: `event "${id}" (${e.date}) lies outside the chart's window; allowed: an event dated from ${w.start} up to (not including) ${w.end}, or a wider window`,
          });
        }
      });
    }
  }

  // Chapters.
  const chapterIds = new Map<string, string>();
  const orders = new Map<number, string>();
  const paragraphs = new Map<string, { file: string; text: string }>();
  const placements = new Map<string, string>();
  const components = authorComponents.join(', ');
  for (const [path, text] of Object.entries(files.chapters)) {
    const file = `content/${path}`;
    const at = (offset: number) => `${file}:${lineColumn(text, offset).line}`;
    const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
    let front: unknown;
    if (!fm) {
      problems.push({
        file,
        entry: '(frontmatter)',
        field: '(frontmatter)',
        message: 'missing frontmatter; allowed: a --- block with id, order, title, kind',
      });
    } else {
      try {
        front = parseYaml(fm[1] ?? '');
      } catch (err) {
        problems.push({
          file,
          entry: '(frontmatter)',
          field: '(frontmatter)',
          message: `not valid YAML: ${(err as Error).message.split('\n')[0]}`,
        });
      }
    }
    const entry =
      typeof front === 'object' && front && typeof (front as { id?: unknown }).id === 'string'
        ? (front as { id: string }).id
        : '(frontmatter)';
    if (fm && front !== undefined) {
      problems.push(...markupProblems(file, entry, front));
      const r = chapterSchema.safeParse(front ?? {});
      if (!r.success) problems.push(...zodProblems(file, entry, r.error, front));
      else {
        const prev = chapterIds.get(r.data.id);
        if (prev)
          problems.push({
            file,
            entry,
            field: 'id',
            message: `duplicate chapter id "${r.data.id}" (also in ${prev}); allowed: an id no other chapter has`,
          });
        chapterIds.set(r.data.id, file);
        const prevOrder = orders.get(r.data.order);
        if (prevOrder)
          problems.push({
            file,
            entry,
            field: 'order',
            message: `duplicate order ${r.data.order} (also in ${prevOrder}); allowed: a number no other chapter has`,
          });
        orders.set(r.data.order, file);
        tooLong(problems, file, entry, 'title', r.data.title, lengthLimits.chapterTitle, "a chapter's title");
        tooLong(problems, file, entry, 'byline', r.data.byline, lengthLimits.byline, 'a byline');
      }
    }
    const bodyStart = fm ? fm[0].length : 0;
    const body = text.slice(bodyStart);
    const where = (index: number) => at(bodyStart + index);
    // ESM and expressions: the story's chapters are Markdown with three components, nothing MDX would run.
    for (const m of body.matchAll(/^(import|export)\b.*/gm)) {
      problems.push({
        file: where(m.index),
        entry,
        field: `${m[1]}`,
        message: `an MDX "${m[1]}" statement; allowed: Markdown and the components ${components} (they need no import)`,
      });
    }
    for (const m of body.matchAll(/(?<!\\)\{[^}\n]{0,40}/g)) {
      problems.push({
        file: where(m.index),
        entry,
        field: '{…}',
        message: `an MDX expression ${quote(m[0])}; allowed: plain text (write \\{ for a literal brace)`,
      });
    }
    for (const m of body.matchAll(/<(!--|>|\/>)/g)) {
      problems.push({
        file: where(m.index),
        entry,
        field: `<${m[1]}`,
        message: `${m[1] === '!--' ? 'an HTML comment' : 'a fragment'}; allowed: Markdown and the components ${components}`,
      });
    }
    for (const m of body.matchAll(/<([A-Za-z_$][\w$.:-]*)([^>]*)>?/g)) {
      const name = m[1] ?? '';
      const attrs = m[2] ?? '';
      if (/^[a-z]/.test(name)) {
        problems.push({
          file: where(m.index),
          entry,
          field: `<${name}>`,
          message: `raw HTML element "<${name}>" in a chapter; allowed: Markdown and the components ${components}`,
        });
      } else if (!(authorComponents as readonly string[]).includes(name)) {
        problems.push({
          file: where(m.index),
          entry,
          field: `<${name}>`,
          message: `unknown component "${name}"; allowed: ${components}`,
        });
      } else {
        const allowed = componentAttributes[name] ?? [];
        const rest = attrs
          .replace(/\/$/, '')
          .replace(/\s([\w-]+)="[^"]*"/g, (all, a: string) => (allowed.includes(a) ? '' : all))
          .trim();
        if (rest)
          problems.push({
            file: where(m.index),
            entry,
            field: `<${name}>`,
            message: `attribute ${quote(rest)} is not allowed; allowed: ${allowed.map((a) => `${a}="..."`).join(', ')}`,
          });
      }
    }
    // Links: Markdown inline links and images, and reference definitions.
    for (const m of body.matchAll(/\]\(\s*(<[^>]*>|[^\s)]*)/g)) {
      const target = (m[1] ?? '').replace(/^<|>$/g, '');
      if (!isAllowedLink(target))
        problems.push({
          file: where(m.index),
          entry,
          field: 'link',
          message: `link target ${quote(target)} is not allowed; allowed: ${allowedLinks}`,
        });
    }
    for (const m of body.matchAll(/^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/gm)) {
      const target = (m[1] ?? '').replace(/^<|>$/g, '');
      if (!isAllowedLink(target))
        problems.push({
          file: where(m.index),
          entry,
          field: 'link',
          message: `link target ${quote(target)} is not allowed; allowed: ${allowedLinks}`,
        });
    }
    for (const m of body.matchAll(/<(Scrolly|P)\b([^>]*)>([\s\S]*?)(?=<\/?(?:Scrolly|P)\b|$)/g)) {
      const [, tag, attrs = '', rest = ''] = m;
      const line = where(m.index);
      const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
      if (tag === 'Scrolly') {
        const chart = attr('chart');
        const current = chart ? chartById.get(chart) : undefined;
        if (!chart)
          problems.push({
            file: line,
            entry,
            field: '<Scrolly chart>',
            message: 'missing chart="..."; allowed: the id of a file in content/data/charts/',
          });
        else if (brokenCharts.has(chart)) against(brokenCharts.get(chart) ?? chart, () => {});
        else if (!current)
          problems.push({
            file: line,
            entry,
            field: '<Scrolly chart>',
            message: `unknown chart "${chart}"; allowed: ${[...chartById.keys()].join(', ') || '(none defined)'}`,
          });
        if (chart) {
          // A chart is placed at most once: its ids (steps, anchors, drawing ids) are unique on the page only once.
          const prev = placements.get(chart);
          if (prev)
            problems.push({
              file: line,
              entry,
              field: '<Scrolly chart>',
              message: `chart "${chart}" is already placed at ${prev}; allowed: each chart placed once in the story (make a second chart file for a second view)`,
            });
          else placements.set(chart, line);
          if (current?.chapter && typeof front === 'object' && entry !== '(frontmatter)' && current.chapter !== entry) {
            problems.push({
              file: line,
              entry,
              field: '<Scrolly chart>',
              message: `chart "${chart}" says it stands in chapter "${current.chapter}" (its "chapter" field); allowed: place it there, or change its "chapter" to "${entry}"`,
            });
          }
        }
        if (!attrs.trim().endsWith('/')) {
          problems.push({
            file: line,
            entry,
            field: '<Scrolly>',
            message:
              'not self-closing; allowed: <Scrolly chart="id" /> (a step\'s text lives in the chart\'s steps[].text)',
          });
        }
      } else {
        const id = attr('id');
        if (!id || !/^p\d{2,3}$/.test(id)) {
          problems.push({
            file: line,
            entry,
            field: '<P id>',
            message: `${id ? `"${id}" is not` : 'missing'} a paragraph id; allowed: id="p" followed by 2-3 digits, unique in the story`,
          });
        } else if (paragraphs.has(id)) {
          problems.push({
            file: line,
            entry,
            field: '<P id>',
            message: `duplicate paragraph id "${id}" (also in ${paragraphs.get(id)?.file}); allowed: an id no other paragraph has`,
          });
        } else {
          paragraphs.set(id, { file, text: rest.replace(/<\/P>[\s\S]*$/, '').trim() });
        }
      }
    }
  }
  if (Object.keys(files.chapters).length === 0) {
    problems.push({
      file: 'content/chapters',
      entry: '(folder)',
      field: '(folder)',
      message: 'no chapters found; allowed: one or more .mdx files',
    });
  }

  // Interface strings, in every language present.
  checkUi(files.ui ?? {}, problems);

  const redirects: { entry: string; from: string; to: string }[] = [];
  const claimChapters: [string, string][] = [];
  for (const [name, schema] of Object.entries(listFiles)) {
    const file = `content/data/${name}`;
    const raw = readArray(file, files.data[name], problems, 'file is missing (an empty list [] is fine)', broken);
    if (!raw) continue;
    const seen = new Set<string>();
    raw.forEach((item: unknown, i: number) => {
      const entry = entryName(item, i, name);
      // Only a real id can repeat: a name made of other fields (entryName) says nothing of uniqueness.
      if (/^[a-z0-9-]+$/.test(entry)) noteDuplicate(seen, file, entry, problems);
      const value = parseEntry<unknown>(file, entry, schema, item, problems);
      if (value === undefined) return;
      if (name === 'redirects.json') redirects.push({ entry, ...(value as { from: string; to: string }) });
      else if (name === 'places.json') {
        const pl = value as { id: string; name: string; source: string };
        tooLong(
          problems,
          file,
          pl.id,
          'name',
          pl.name,
          lengthLimits.placeName,
          "a place's name (it is printed on the map)",
        );
        against(SOURCES, () => {
          if (!sourceIds.has(pl.source))
            problems.push({
              file,
              entry: pl.id,
              field: 'source',
              message: `unknown source id "${pl.source}"; allowed: an id in content/data/sources.json`,
            });
        });
      } else if (name === 'claims.json') {
        const c = value as { id: string; claim: string; appearedIn: string[]; evidence: string[]; reviewedIn: string };
        tooLong(problems, file, c.id, 'claim', c.claim, lengthLimits.claim, 'a claim');
        [
          ...c.appearedIn.map((e, j) => [`appearedIn[${j}]`, e] as const),
          ...c.evidence.map((e, j) => [`evidence[${j}]`, e] as const),
        ].forEach(([field, e]) => void refEvent(file, c.id, field, e));
        claimChapters.push([c.id, c.reviewedIn]);
      }
    });
  }
  const anchors = new Set([...chapterIds.keys(), ...paragraphs.keys()]);
  for (const [id, chapter] of claimChapters) {
    if (!chapterIds.has(chapter))
      problems.push({
        file: 'content/data/claims.json',
        entry: id,
        field: 'reviewedIn',
        message: `unknown chapter "${chapter}"; allowed: ${[...chapterIds.keys()].join(', ')}`,
      });
  }
  for (const r of redirects) {
    if (anchors.has(r.from))
      problems.push({
        file: 'content/data/redirects.json',
        entry: r.entry,
        field: 'from',
        message: `"${r.from}" is still in use; allowed: an id no chapter or paragraph has`,
      });
    if (!anchors.has(r.to))
      problems.push({
        file: 'content/data/redirects.json',
        entry: r.entry,
        field: 'to',
        message: `unknown anchor "${r.to}"; allowed: a chapter or paragraph id`,
      });
  }

  for (const a of parsed.annotations) {
    const para = paragraphs.get(a.paragraph);
    if (!para)
      problems.push({
        file: 'content/data/annotations.json',
        entry: a.id,
        field: 'paragraph',
        message: `unknown paragraph "${a.paragraph}"; allowed: a <P id> in content/chapters`,
      });
    else if (!para.text.includes(a.articleText)) {
      problems.push({
        file: 'content/data/annotations.json',
        entry: a.id,
        field: 'articleText',
        message: `not found in paragraph ${a.paragraph}; allowed: the article's exact words`,
      });
    }
  }
  // One line per unreadable file whose dependent checks were skipped (instead of one false "unknown id" per reference).
  for (const [file, n] of skipped) {
    problems.push({
      file,
      entry: '(file)',
      field: '(dependent checks)',
      message: `${n} check${n === 1 ? '' : 's'} of references into this file skipped until it can be read`,
    });
  }
  return problems;
}

/** A string that is a link by its key (url, href) or by its look (a scheme and no spaces). */
function looksLikeLink(key: string, value: string): boolean {
  return /(url|href)$/i.test(key) || /^\s*[a-z][a-z0-9+.-]*:\S*$/i.test(value);
}

/** Interface strings: valid JSON, the same keys as the English file, no markup, no empty text, only allowed links. */
function checkUi(ui: Record<string, string>, problems: Problem[]) {
  const parsedUi = new Map<string, unknown>();
  for (const [path, text] of Object.entries(ui)) {
    const file = `content/${path}`;
    const r = parseJson(file, text, problems);
    if (!r.ok) continue;
    if (!r.value || typeof r.value !== 'object' || Array.isArray(r.value)) {
      problems.push({
        file,
        entry: '(file)',
        field: '(file)',
        message: `${kindOf(r.value)}; allowed: one JSON object {...} of interface strings`,
      });
      continue;
    }
    parsedUi.set(file, r.value);
    const lang = /ui\.(.+)\.json$/.exec(path)?.[1] ?? path;
    const declared = (r.value as { lang?: unknown }).lang;
    if (declared !== lang)
      problems.push({
        file,
        entry: lang,
        field: 'lang',
        message: `${quote(declared)} differs from the file name; allowed: "${lang}"`,
      });
    problems.push(...markupProblems(file, lang, r.value));
    const walk = (v: unknown, path: string[]) => {
      if (typeof v === 'string') {
        const field = path.join('.');
        if (!v.trim())
          problems.push({ file, entry: lang, field, message: 'empty; allowed: a text of at least one character' });
        else if (looksLikeLink(path[path.length - 1] ?? '', v) && !isAllowedLink(v))
          problems.push({
            file,
            entry: lang,
            field,
            message: `${quote(v)} is not an allowed link; allowed: ${allowedLinks}`,
          });
      } else if (Array.isArray(v)) {
        for (const [i, x] of v.entries()) walk(x, [...path, String(i)]);
      } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(r.value, []);
  }
  // Every language has the English file's keys, no more and no fewer, with the same shapes.
  const en = parsedUi.get('content/data/ui.en.json');
  if (!en) {
    if (!Object.keys(ui).some((p) => p.endsWith('ui.en.json')))
      problems.push({
        file: 'content/data/ui.en.json',
        entry: '(file)',
        field: '(file)',
        message: 'file is missing; allowed: the English interface strings (the base every language follows)',
      });
    return;
  }
  for (const [file, value] of parsedUi) {
    if (value === en) continue;
    const lang = /ui\.(.+)\.json$/.exec(file)?.[1] ?? file;
    const compare = (a: unknown, b: unknown, path: string[]) => {
      const shape = (x: unknown) =>
        typeof x === 'string'
          ? 'a text'
          : Array.isArray(x)
            ? 'a list'
            : x && typeof x === 'object'
              ? 'an object'
              : kindOf(x);
      if (shape(a) !== shape(b)) {
        problems.push({
          file,
          entry: lang,
          field: path.join('.') || '(file)',
          message:
            b === undefined
              ? `missing; allowed: ${shape(a)} as in ui.en.json`
              : `${shape(b)}; allowed: ${shape(a)} as in ui.en.json`,
        });
        return;
      }
      if (a && typeof a === 'object' && !Array.isArray(a)) {
        for (const k of Object.keys(a))
          compare((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...path, k]);
        for (const k of Object.keys(b as object)) {
          if (!(k in (a as object)))
            problems.push({
              file,
              entry: lang,
              field: [...path, k].join('.'),
              message: 'unknown key; allowed: the keys of ui.en.json',
            });
        }
      }
    };
    compare(en, value, []);
  }
}

/** One message listing every problem. */
export function formatProblems(problems: Problem[]): string {
  const lines = problems.map((p) => `  - ${p.file} › ${p.entry} › ${p.field}: ${p.message}`);
  return `The story's content has ${problems.length} problem${problems.length === 1 ? '' : 's'}; the build stops until all are fixed:\n${lines.join('\n')}`;
}
