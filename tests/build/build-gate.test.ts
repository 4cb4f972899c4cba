/**
 * The real build stops on bad content and names every problem. This runs `astro build` once
 * against a copy of the content with one of each kind of mistake (the kinds themselves are
 * covered without a build by tests/unit/bad-input.test.ts). It checks what only a real build
 * shows: the list is printed alone, with no Astro error preamble and no stack trace, and the
 * exit status is not zero.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join('tests', '.tmp', 'bad-content');

function edit(file: string, change: (text: string) => string) {
  const p = join(dir, file);
  writeFileSync(p, change(readFileSync(p, 'utf8')));
}
function editJson<T>(file: string, change: (value: T) => void) {
  edit(file, (t) => {
    const v = JSON.parse(t) as T;
    change(v);
    return JSON.stringify(v, null, 2);
  });
}

describe('astro build with bad content', () => {
  it('stops, listing every problem with file, entry and field', () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync('content', dir, { recursive: true });
    type E = Record<string, unknown>;
    editJson<E[]>('data/events.json', (es) => {
      es[0]!.sources = ['no-such-source'];
      es[1]!.date = '2023-02-30';
      es[1]!.precision = 'day';
      delete es[1]!.time;
      es[2]!.lane = 'rumour';
      es[3]!.id = es[4]!.id;
    });
    editJson<E[]>('data/annotations.json', (as) => {
      as[0]!.paragraph = 'p99';
    });
    edit('chapters/01-opening.mdx', (t) => t.replace(/^id: .*\n/m, ''));
    edit(
      'chapters/02-threats.mdx',
      (t) =>
        `${t
          .replace(/<Scrolly chart="[^"]+"/, '<Scrolly chart="no-such-chart"')
          .replace('<P id="p07">', '<P id="p07">{undefinedThing} ')}\n<Gallery />\n`,
    );

    const run = spawnSync('npx', ['astro', 'build', '--outDir', join('tests', '.tmp', 'bad-dist')], {
      env: { ...process.env, STORY_CONTENT_DIR: dir },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const out = `${run.stdout}\n${run.stderr}`;
    expect(run.status).not.toBe(0);
    expect(out).toMatch(/problems; the build stops until all are fixed/);
    expect(out).toMatch(/content\/data\/events\.json › [\w-]+ › sources\[0\]: unknown source id "no-such-source"/);
    expect(out).toMatch(/content\/data\/events\.json › [\w-]+ › date: must be a real calendar date/);
    expect(out).toMatch(
      new RegExp(
        'content/data/events\\.json › [\\w-]+ › lane: "rumour" is not allowed' +
          '; allowed: "official", "disinformation", "response", "context"',
      ),
    );
    expect(out).toMatch(/content\/data\/events\.json › [\w-]+ › id: duplicate id/);
    expect(out).toMatch(/content\/data\/annotations\.json › [\w-]+ › paragraph: unknown paragraph "p99"/);
    expect(out).toMatch(/content\/chapters\/01-opening\.mdx › \(frontmatter\) › id:/);
    expect(out).toMatch(
      /content\/chapters\/02-threats\.mdx:\d+ › threats › <Scrolly chart>: unknown chart "no-such-chart"/,
    );
    expect(out).toMatch(
      /content\/chapters\/02-threats\.mdx:\d+ › threats › <Gallery>: unknown component "Gallery"; allowed: P, Scrolly/,
    );
    expect(out).toMatch(/content\/chapters\/02-threats\.mdx:\d+ › threats › \{…\}: an MDX expression/);
    // The list alone: no stack trace, no Astro error banner, nothing rendered.
    expect(out).not.toMatch(/^\s+at /m);
    expect(out).not.toMatch(/stack trace|unhandled|\[ERROR\]|ContentError/i);
    expect(out).not.toMatch(/building static entrypoints|generating static routes/i);
    rmSync(join('tests', '.tmp'), { recursive: true, force: true });
  });
});
