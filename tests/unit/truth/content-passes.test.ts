// The shipped content passes the build gate (the same check `astro build` runs), without a build.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContent, formatProblems, readContent } from '../../../src/build/content-check';

describe('content/ as shipped', () => {
  it('passes every check of the build gate', () => {
    const problems = checkContent(readContent('content'));
    expect(formatProblems(problems)).toBe(formatProblems([]));
  });
});

describe('references the build gate does not check yet', () => {
  const read = (p: string) => JSON.parse(readFileSync(join('content', 'data', p), 'utf8'));
  const sourceIds = new Set((read('sources.json') as { id: string }[]).map((s) => s.id));
  it('claims: every copy is a known source of an appearance; every review source is known', () => {
    for (const c of read('claims.json') as {
      id: string;
      appearedIn: string[];
      copies?: Record<string, string>;
      sources?: string[];
    }[]) {
      for (const [event, source] of Object.entries(c.copies ?? {})) {
        expect(c.appearedIn, `${c.id} copies.${event}`).toContain(event);
        expect(sourceIds.has(source), `${c.id} copies.${event} = ${source}`).toBe(true);
      }
      for (const s of c.sources ?? []) expect(sourceIds.has(s), `${c.id} sources ${s}`).toBe(true);
    }
  });
  it('charts: every chart-level source is known', () => {
    for (const f of readdirSync(join('content', 'data', 'charts'))) {
      const c = read(join('charts', f)) as { id: string; sources?: string[] };
      for (const s of c.sources ?? []) expect(sourceIds.has(s), `${c.id} sources ${s}`).toBe(true);
    }
  });
});
