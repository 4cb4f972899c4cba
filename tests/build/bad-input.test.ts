/**
 * Bad input: a suite of malformed content fixtures. Each is a copy of content/ with one kind of
 * mistake, run through the build's own gate (gateMessage of src/build/content-gate.ts: the
 * message the `astro:config:setup` hook prints before it exits, the first thing `astro build`
 * runs). The build must stop with a message naming file › entry › field, and a copy with every
 * mistake at once must list them all in one message.
 * (tests/build/build-gate.test.ts runs the real `astro build` once on such a copy; markup in data text is
 * tests/build/hostile-markup.test.ts.)
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gateMessage } from '../../src/build/content-gate.ts';
import { contentFixtures } from './bad-input-content.ts';
import { dataFixtures } from './bad-input-data.ts';

const fixtures = [...contentFixtures, ...dataFixtures];

const root = mkdtempSync(join(tmpdir(), 'kz-bad-input-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Copies content/ into a fresh folder and applies the given fixtures. */
function contentWith(name: string, apply: ((dir: string) => void)[]): string {
  const dir = join(root, name.replace(/[^a-z0-9]+/gi, '-'));
  cpSync('content', dir, { recursive: true });
  for (const f of apply) f(dir);
  return dir;
}

describe('the build gate on malformed content', () => {
  it("passes the real content (so every failure below is the fixture's)", () => {
    expect(gateMessage(contentWith('clean', []))).toBeNull();
  });

  for (const f of fixtures) {
    it(`stops on: ${f.name}, naming file › entry › field`, () => {
      const message = gateMessage(contentWith(f.name, [f.apply]));
      expect(message, 'the build went on').not.toBeNull();
      expect(message).toMatch(/the build stops until all are fixed/);
      for (const line of f.expected) expect(message).toMatch(line);
      for (const line of f.absent ?? []) expect(message).not.toMatch(line);
      if (f.count !== undefined) expect(Number(/has (\d+) problems?/.exec(message!)?.[1]), message!).toBe(f.count);
    });
  }

  it('lists every problem at once when all the mistakes are made together', () => {
    const together = fixtures.filter((f) => !f.alone);
    const message = gateMessage(
      contentWith(
        'all',
        together.map((f) => f.apply),
      ),
    );
    expect(message).not.toBeNull();
    const missing = together.flatMap((f) =>
      f.expected.filter((line) => !line.test(message!)).map((line) => `${f.name}: ${line}`),
    );
    expect(missing).toEqual([]);
    const count = Number(/has (\d+) problems?/.exec(message!)?.[1]);
    expect(count).toBeGreaterThanOrEqual(together.length);
  });
});
