/**
 * The build gate: reads every chapter and data file, validates each entry against the schemas
 * and every reference across files, and returns all problems at once. Each problem names the
 * file, the entry, the field and what is allowed.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import {
  actorSchema,
  annotationSchema,
  eventSchema,
  redirectSchema,
  correctionSchema,
  claimSchema,
  placeSchema,
  sourceSchema,
  type Actor,
  type Annotation,
  type Chapter,
  type Chart,
  type Place,
  type Playbook,
  type Source,
  type StoryEvent,
} from '../schemas.ts';
import { checkChapters } from './content-check/chapters.ts';
import { checkChartReferences, readCharts } from './content-check/charts.ts';
import { entryName, noteDuplicate, parseEntry, readArray } from './content-check/entries.ts';
import { ACTORS, EVENTS, newGate, referenceChecks, SOURCES, skippedProblems } from './content-check/gate.ts';
import { checkPlaybook } from './content-check/playbook.ts';
import { type Problem, tooLong } from './content-check/problems.ts';
import { lengthLimits } from './content-check/rules.ts';
import { plainTypography } from '../lib/chapter-outline.ts';
import { checkUi } from './content-check/ui.ts';

export { jsonSyntaxError, lineColumn } from './content-check/json.ts';
export { formatProblems, type Problem } from './content-check/problems.ts';
export { allowedLinks, isAllowedLink, lengthLimits } from './content-check/rules.ts';

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
interface Parsed {
  sources: Source[];
  actors: Actor[];
  events: StoryEvent[];
  annotations: Annotation[];
}

/**
 * The content as the gate parsed it (zod's output: defaults filled), each entry that passed its schema, by id.
 * The content collections hand these to the pages (src/build/content-loader.ts), so nothing parses an entry twice.
 */
export interface CheckedContent extends Parsed {
  charts: Chart[];
  chapters: Map<string, Chapter>;
  places: Place[];
  playbook: Playbook | undefined;
}

/** Checks the content; an empty array means the build may go on. */
export function checkContent(files: ContentFiles): Problem[] {
  return parseContent(files).problems;
}

/** Parses and checks the content once: every problem, and every entry as parsed. */
export function parseContent(files: ContentFiles): { problems: Problem[]; content: CheckedContent } {
  const gate = newGate();
  const { problems, broken } = gate;
  const parsed: Parsed = { sources: [], actors: [], events: [], annotations: [] };
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
  const charts = readCharts(gate, files.charts);

  const sourceIds = new Set([...parsed.sources.map((s) => s.id), ...(invalidIds.sources ?? [])]);
  const sourceById = new Map(parsed.sources.map((s) => [s.id, s]));
  const actorIds = new Set([...parsed.actors.map((a) => a.id), ...(invalidIds.actors ?? [])]);
  const eventIds = new Set([...parsed.events.map((e) => e.id), ...(invalidIds.events ?? [])]);
  const eventById = new Map(parsed.events.map((e) => [e.id, e]));
  const checks = referenceChecks(gate, { sources: sourceIds, actors: actorIds, events: eventIds });
  const { refSources, refActor, refEvent } = checks;

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
          'no source with a URL' +
          '; allowed: at least one source that has a url (the article alone is not a source for an event)',
      });
    }
  }
  for (const a of parsed.annotations) refSources('content/data/annotations.json', a.id, 'sources', a.sources);

  const playbookRefs = checkPlaybook(gate, files.data['playbook.json'], checks);
  checkChartReferences(gate, charts, checks, eventById, files.data['places.json'], playbookRefs);

  const chartById = new Map(charts.charts.map((c) => [c.id, c]));
  const { chapterIds, paragraphs, frontmatter } = checkChapters(gate, files.chapters, chartById, charts.brokenCharts);

  // Interface strings, in every language present.
  checkUi(files.ui ?? {}, problems);

  const redirects: { entry: string; from: string; to: string }[] = [];
  const claimChapters: [string, string][] = [];
  const places: Place[] = [];
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
        const pl = value as Place;
        places.push(pl);
        tooLong(
          problems,
          file,
          pl.id,
          'name',
          pl.name,
          lengthLimits.placeName,
          "a place's name (it is printed on the map)",
        );
        checks.refSource(file, pl.id, 'source', pl.source);
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
    else if (!plainTypography(para.text).includes(plainTypography(a.articleText))) {
      problems.push({
        file: 'content/data/annotations.json',
        entry: a.id,
        field: 'articleText',
        message: `not found in paragraph ${a.paragraph}; allowed: the article's exact words`,
      });
    }
  }
  problems.push(...skippedProblems(gate));
  const content = { ...parsed, charts: charts.charts, chapters: frontmatter, places, playbook: playbookRefs };
  return { problems, content };
}
