/** A problem the gate reports, and the plain words it uses for values, types and schema issues. */
import type { z } from 'astro/zod';

export interface Problem {
  file: string;
  entry: string;
  field: string;
  message: string;
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
export function quote(v: unknown): string {
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
export function kindOf(v: unknown): string {
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
export function zodProblems(file: string, entry: string, error: z.ZodError, raw: unknown): Problem[] {
  return error.issues.map((issue) => {
    const value = valueAt(raw, issue.path);
    // Safe: only read, and every field but code is optional and checked before use; Zod's issue union does not
    // expose the per-code fields on the union type.
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
      message =
        `unknown field(s) ${(i.keys ?? []).map((k) => `"${k}"`).join(', ')}` +
        `; see src/schemas.ts for the allowed fields`;
    else if (i.code === 'too_small' && i.origin === 'string')
      message =
        i.minimum === 1
          ? 'empty; allowed: a text of at least one character'
          : `${quote(value)} is too short; allowed: at least ${i.minimum} characters`;
    else if (i.code === 'too_small' && i.origin === 'array') {
      // A schema's own words ("at least one source with a url") say more than zod's default ("Too small: ...").
      const own = /at least/.test(issue.message) && !/^Too small/.test(issue.message);
      message =
        `${Array.isArray(value) ? value.length : 0} entries` +
        `; allowed: at least ${i.minimum}${own ? ` (${issue.message})` : ''}`;
    } else if (i.code === 'too_small' || i.code === 'too_big') {
      const n = typeof value === 'string' ? `${value.length} characters` : quote(value);
      const limit = i.code === 'too_small' ? `at least ${i.minimum}` : `at most ${i.maximum}`;
      message =
        `${n} is too ${i.code === 'too_small' ? 'small' : 'long'}` +
        `; allowed: ${limit}${typeof value === 'string' ? ' characters' : ''}`;
    } else if (i.code === 'invalid_format' && i.format === 'url')
      message = `${quote(value)} is not a web address; allowed: an https:// or http:// URL`;
    else if (/^(a|an|at|the|no) /.test(issue.message))
      message =
        `must be ${issue.message}` +
        `${value !== undefined && typeof value !== 'object' ? ` (found ${quote(value)})` : ''}`;
    else message = `${quote(value)} is not allowed: ${issue.message.replace(/^Invalid input: expected/, 'expected')}`;
    return { file, entry, field: fieldPath(issue.path), message };
  });
}

/** Checks a text field against its length limit. */
export function tooLong(
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

/** A tag-like piece of text: "<img", "</b", "<script". (A "<" before a digit or space is fine.) */
const MARKUP = /<\/?[a-zA-Z][\w:-]*(?=[\s/>])[^>]*>?/;

/** Reports every string field of an entry that carries markup: data is plain text, always. */
export function markupProblems(file: string, entry: string, value: unknown, path: (string | number)[] = []): Problem[] {
  if (typeof value === 'string') {
    const m = MARKUP.exec(value);
    return m
      ? [
          {
            file,
            entry,
            field: fieldPath(path),
            message:
              `contains markup (${JSON.stringify(m[0].slice(0, 40))})` +
              `; allowed: plain text only (the site escapes all text, so tags would show as text)`,
          },
        ]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => markupProblems(file, entry, v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => markupProblems(file, entry, v, [...path, k]));
  return [];
}

/** One message listing every problem. */
export function formatProblems(problems: Problem[]): string {
  const lines = problems.map((p) => `  - ${p.file} › ${p.entry} › ${p.field}: ${p.message}`);
  return (
    `The story's content has ${problems.length} problem${problems.length === 1 ? '' : 's'}` +
    `; the build stops until all are fixed:\n${lines.join('\n')}`
  );
}
