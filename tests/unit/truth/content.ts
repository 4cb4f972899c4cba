/**
 * The shipped content as the truth checks read it (plain JSON and MDX files, no build): every text the edition
 * writes itself (chart captions, descriptions, labels, words and step texts; notes; claim reviews; playbook cell
 * notes), each with what it cites.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor, Annotation, Chart, Claim, Playbook, Source, StoryEvent } from '../../../src/schemas.ts';

const root = join(import.meta.dirname, '..', '..', '..', 'content');
const json = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

export const events = json<StoryEvent[]>('data/events.json');
export const sources = json<(Source & { quotes?: string[] })[]>('data/sources.json');
export const actors = json<Actor[]>('data/actors.json');
export const annotations = json<Annotation[]>('data/annotations.json');
export const claims = json<(Claim & { names?: string[] })[]>('data/claims.json');
export const playbook = json<Playbook>('data/playbook.json');
export const charts = readdirSync(join(root, 'data', 'charts'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => json<Chart & { sources?: string[] }>(`data/charts/${f}`));
/** The article's words: every chapter, tags and frontmatter removed. */
export const article = readdirSync(join(root, 'chapters'))
  .filter((f) => f.endsWith('.mdx'))
  .map((f) =>
    readFileSync(join(root, 'chapters', f), 'utf8')
      .replace(/^---[\s\S]*?---/, '')
      .replace(/<[^>]+>/g, ' '),
  )
  .join('\n');

export const eventById = new Map(events.map((e) => [e.id, e]));
export const sourceById = new Map(sources.map((s) => [s.id, s]));

/** One text the edition writes, with the events and sources it cites. */
export interface EditionText {
  where: string;
  text: string;
  events: StoryEvent[];
  sources: string[];
}

function cited(eventIds: readonly string[], sourceIds: readonly string[]) {
  const evs = eventIds.map((id) => eventById.get(id)).filter((e): e is StoryEvent => !!e);
  return { events: evs, sources: [...new Set([...sourceIds, ...evs.flatMap((e) => e.sources)])] };
}

/** Events that share a source with a note: the events the note's sources stand behind. */
function eventsOfSources(sourceIds: readonly string[]): string[] {
  return events.filter((e) => e.sources.some((s) => sourceIds.includes(s))).map((e) => e.id);
}

export function editionTexts(): EditionText[] {
  const out: EditionText[] = [];
  for (const c of charts) {
    const examples = c.kind === 'matrix' ? playbook.cells.flatMap((cell) => cell.examples) : [];
    const ids = [...(c.events ?? []), ...examples.flatMap((x) => (x.eventId ? [x.eventId] : []))];
    const cite = cited(ids, [...(c.sources ?? []), ...examples.flatMap((x) => x.sources)]);
    const add = (where: string, text: string) => out.push({ where: `charts/${c.id}.json › ${where}`, text, ...cite });
    // Every string the chart definition holds (caption, description, labels, the per-kind word fields), except
    // structure: ids, event lists, steps (below, with their own citations) and lists of ids or codes.
    const skip = new Set(['id', 'kind', 'events', 'steps', 'chapter', 'sources', 'window', 'highlight']);
    const walk = (v: unknown, path: string): void => {
      if (typeof v === 'string') {
        if (!/^[a-z0-9-]+( [a-z0-9-]+)*$/.test(v) && !/^\d{4}(-\d{2}){0,2}$/.test(v)) add(path, v);
      } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) if (!skip.has(k)) walk(x, path ? `${path}.${k}` : k);
    };
    walk(c, '');
    for (const s of c.steps) {
      // A step cites the events it brings forward (all the chart's when it highlights none).
      const stepCite = s.highlight.length
        ? cited(s.highlight, [...(c.sources ?? []), ...examples.flatMap((x) => x.sources)])
        : cite;
      out.push({ where: `charts/${c.id}.json › steps.${s.id}.text`, text: s.text, ...stepCite });
      if (s.narrow)
        out.push({ where: `charts/${c.id}.json › steps.${s.id}.narrow.text`, text: s.narrow.text, ...stepCite });
    }
  }
  for (const a of annotations)
    out.push({ where: `annotations.json › ${a.id}`, text: a.finding, ...cited(eventsOfSources(a.sources), a.sources) });
  for (const c of claims)
    out.push({
      where: `claims.json › ${c.id}`,
      text: c.finding,
      ...cited([...c.appearedIn, ...c.evidence], c.sources ?? []),
    });
  for (const cell of playbook.cells) {
    out.push({
      where: `playbook.json › ${cell.narrative}-${cell.country} note`,
      text: cell.note,
      ...cited(
        cell.examples.flatMap((x) => (x.eventId ? [x.eventId] : [])),
        cell.examples.flatMap((x) => x.sources),
      ),
    });
  }
  return out;
}
