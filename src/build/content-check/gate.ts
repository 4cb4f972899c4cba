/** One run of the gate: the problems found so far, the files that could not be read, and reference checks. */
import type { Problem } from './problems.ts';

export const SOURCES = 'content/data/sources.json';
export const ACTORS = 'content/data/actors.json';
export const EVENTS = 'content/data/events.json';

export interface Gate {
  problems: Problem[];
  /**
   * Files that could not be read (missing, not JSON, not a list): checks of references into them are skipped, and
   * counted.
   */
  broken: Set<string>;
  skipped: Map<string, number>;
}

export function newGate(): Gate {
  return { problems: [], broken: new Set(), skipped: new Map() };
}

/** Runs a reference check unless the file it refers into could not be read. */
export function against(gate: Gate, target: string, check: () => void): void {
  if (gate.broken.has(target)) gate.skipped.set(target, (gate.skipped.get(target) ?? 0) + 1);
  else check();
}

/**
 * One line per unreadable file whose dependent checks were skipped (instead of one false "unknown id" per
 * reference).
 */
export function skippedProblems(gate: Gate): Problem[] {
  return [...gate.skipped].map(([file, n]) => ({
    file,
    entry: '(file)',
    field: '(dependent checks)',
    message: `${n} check${n === 1 ? '' : 's'} of references into this file skipped until it can be read`,
  }));
}

/** Ids that exist, valid or not (references to an entry that failed its schema are not reported again). */
export interface KnownIds {
  sources: Set<string>;
  actors: Set<string>;
  events: Set<string>;
}

export interface ReferenceChecks {
  refSources(file: string, entry: string, field: string, ids: readonly string[]): void;
  refSource(file: string, entry: string, field: string, id: string): void;
  refActor(file: string, entry: string, field: string, id: string): void;
  refEvent(file: string, entry: string, field: string, id: string): void;
}

type Check = (file: string, entry: string, field: string, id: string) => void;

/** Checks that report a reference to an unknown source, actor or event, unless its file could not be read. */
export function referenceChecks(gate: Gate, ids: KnownIds): ReferenceChecks {
  // One row per kind of reference: the file its ids live in, and the ids that exist.
  const targets = {
    source: { file: SOURCES, known: ids.sources },
    actor: { file: ACTORS, known: ids.actors },
    event: { file: EVENTS, known: ids.events },
  };
  const [refSource, refActor, refEvent] = (['source', 'actor', 'event'] as const).map(
    (kind): Check =>
      (file, entry, field, id) => {
        const target = targets[kind];
        against(gate, target.file, () => {
          if (!target.known.has(id))
            gate.problems.push({
              file,
              entry,
              field,
              message: `unknown ${kind} id "${id}"; allowed: an id in ${target.file}`,
            });
        });
      },
  ) as [Check, Check, Check];
  return {
    refSources: (file, entry, field, list) =>
      list.forEach((id, i) => void refSource(file, entry, `${field}[${i}]`, id)),
    refSource,
    refActor,
    refEvent,
  };
}
