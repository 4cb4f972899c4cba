/** Reading list files and their entries: a JSON array, each entry through markup and schema checks, ids unique. */
import type { z } from 'astro/zod';
import { parseJson } from './json.ts';
import { kindOf, markupProblems, type Problem, zodProblems } from './problems.ts';

/** Parses a data file that must hold a JSON array; reports a missing file, bad JSON or a non-array. */
export function readArray(
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
export function parseEntry<T>(
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
export function noteDuplicate(seen: Set<string>, file: string, entry: string, problems: Problem[]): void {
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
export function entryName(item: unknown, i: number, name: string): string {
  const o = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
  if (typeof o.id === 'string' && o.id) return o.id;
  if (name === 'redirects.json' && typeof o.from === 'string') return `from "${o.from}"`;
  if (name === 'corrections.json' && typeof o.date === 'string')
    return `${o.date} ${typeof o.kind === 'string' ? o.kind : 'entry'}`;
  return `entry ${i + 1} (no id)`;
}

/**
 * The first moment after a partial date's period: 2023 -> 2024-01-01, 2023-10 -> 2023-11-01, 2023-10-25 -> 2023-10-26.
 */
export function periodEnd(date: string): string {
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
export function periodStart(date: string): string {
  return date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
}
