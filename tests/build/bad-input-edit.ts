/**
 * What the malformed content fixtures of tests/build/bad-input.test.ts are made with: the fixture type, edits of a
 * copy of content/, and the real entries they change.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Json = Record<string, unknown>;
export const events = JSON.parse(readFileSync('content/data/events.json', 'utf8')) as Json[];
export const annotations = JSON.parse(readFileSync('content/data/annotations.json', 'utf8')) as Json[];
export const id = (i: number) => events[i]!.id as string;
export const HOSTILE = '<img src=x onerror="window.__ran=1">';

/** A fixture: one kind of mistake, and the lines the build must print for it. */
export interface Fixture {
  name: string;
  apply: (dir: string) => void;
  expected: RegExp[];
  /** Lines the message must not contain (e.g. the false errors one mistake used to cause). */
  absent?: RegExp[];
  /** Exact number of problems, where the fixture alone must give exactly that many lines. */
  count?: number;
  /** Left out of the all-at-once copy (a file that cannot be read hides the mistakes inside it). */
  alone?: boolean;
}

export function edit(dir: string, file: string, change: (text: string) => string) {
  const p = join(dir, file);
  writeFileSync(p, change(readFileSync(p, 'utf8')));
}
export function editJson<T>(dir: string, file: string, change: (value: T) => void) {
  edit(dir, file, (t) => {
    const v = JSON.parse(t) as T;
    change(v);
    return JSON.stringify(v, null, 2);
  });
}
export const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regular expression written in parts (an expected line too long for one source line). */
export const re = (...parts: RegExp[]) => new RegExp(parts.map((p) => p.source).join(''));
