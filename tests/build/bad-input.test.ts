/**
 * Bad input: a suite of malformed content fixtures. Each is a copy of content/ with one kind of
 * mistake, run through the build's own gate (the `astro:config:setup` hook of
 * src/build/content-gate.ts, the first thing `astro build` runs, which reads
 * STORY_CONTENT_DIR). The build must stop with a message naming file › entry › field, and a
 * copy with every mistake at once must list them all in one message.
 * (tests/build/build-gate.test.ts runs the real `astro build` once on such a copy.)
 *
 * Markup in data text is also rendered by the chart functions and loaded in Chromium without any
 * CSP: it must stay inert text (no element created, no handler run).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { chromium } from '@playwright/test';
import contentGate from '../../src/build/content-gate.ts';
import { chartFunctions, isDrawable } from '../../src/charts/index.ts';
import type { ChartInput } from '../../src/charts/types.ts';
import { actorSchema, chartSchema, eventSchema, playbookSchema, sourceSchema, type StoryEvent } from '../../src/schemas.ts';
import { sortKey } from '../../src/lib/dates.ts';
import { ui } from '../../src/lib/ui.ts';

const root = mkdtempSync(join(tmpdir(), 'kz-bad-input-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Json = Record<string, unknown>;
const events = JSON.parse(readFileSync('content/data/events.json', 'utf8')) as Json[];
const annotations = JSON.parse(readFileSync('content/data/annotations.json', 'utf8')) as Json[];
const id = (i: number) => events[i]!.id as string;
const HOSTILE = '<img src=x onerror="window.__ran=1">';

/** A fixture: one kind of mistake, and the lines the build must print for it. */
interface Fixture {
  name: string;
  apply: (dir: string) => void;
  expected: RegExp[];
}

function edit(dir: string, file: string, change: (text: string) => string) {
  const p = join(dir, file);
  writeFileSync(p, change(readFileSync(p, 'utf8')));
}
function editJson<T>(dir: string, file: string, change: (value: T) => void) {
  edit(dir, file, (t) => {
    const v = JSON.parse(t) as T;
    change(v);
    return JSON.stringify(v, null, 2);
  });
}
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const fixtures: Fixture[] = [
  {
    name: 'unknown source',
    apply: (d) => editJson<Json[]>(d, 'data/events.json', (es) => void (es[0]!.sources = ['no-such-source'])),
    expected: [new RegExp(`content/data/events\\.json › ${esc(id(0))} › sources\\[0\\]: unknown source id "no-such-source"; allowed: `)],
  },
  {
    name: 'impossible date',
    apply: (d) =>
      editJson<Json[]>(d, 'data/events.json', (es) => {
        Object.assign(es[1]!, { date: '2023-02-30', precision: 'day' });
        delete es[1]!.time;
      }),
    expected: [new RegExp(`content/data/events\\.json › ${esc(id(1))} › date: must be a real calendar date`)],
  },
  {
    name: 'duplicate id',
    apply: (d) => editJson<Json[]>(d, 'data/events.json', (es) => void (es[3]!.id = es[4]!.id)),
    expected: [new RegExp(`content/data/events\\.json › ${esc(id(4))} › id: duplicate id "${esc(id(4))}"`)],
  },
  {
    name: 'unknown lane',
    apply: (d) => editJson<Json[]>(d, 'data/events.json', (es) => void (es[2]!.lane = 'rumour')),
    expected: [new RegExp(`content/data/events\\.json › ${esc(id(2))} › lane: "rumour" is not allowed; allowed: "official", "disinformation", "response", "context"`)],
  },
  {
    name: 'chapter without id',
    apply: (d) => edit(d, 'chapters/01-opening.mdx', (t) => t.replace(/^id: .*\n/m, '')),
    expected: [/content\/chapters\/01-opening\.mdx › \(frontmatter\) › id: missing/],
  },
  {
    name: 'unknown chart',
    apply: (d) => edit(d, 'chapters/02-threats.mdx', (t) => t.replace(/<Scrolly chart="[^"]+"/, '<Scrolly chart="no-such-chart"')),
    expected: [/content\/chapters\/02-threats\.mdx › threats › <Scrolly chart>: unknown chart "no-such-chart"; allowed: /],
  },
  {
    name: 'annotation pointing at a missing paragraph',
    apply: (d) => editJson<Json[]>(d, 'data/annotations.json', (as) => void (as[0]!.paragraph = 'p99')),
    expected: [new RegExp(`content/data/annotations\\.json › ${esc(annotations[0]!.id as string)} › paragraph: unknown paragraph "p99"; allowed: `)],
  },
  {
    name: 'markup in data text (an event title)',
    apply: (d) => editJson<Json[]>(d, 'data/events.json', (es) => void (es[5]!.title = `Post ${HOSTILE} about labs`)),
    expected: [new RegExp(`content/data/events\\.json › ${esc(id(5))} › title: .*markup`, 'i')],
  },
  {
    name: 'markup in data text (an annotation finding)',
    apply: (d) => editJson<Json[]>(d, 'data/annotations.json', (as) => void (as[1]!.finding = `Fine. ${HOSTILE}`)),
    expected: [new RegExp(`content/data/annotations\\.json › ${esc(annotations[1]!.id as string)} › finding: .*markup`, 'i')],
  },
  {
    name: 'markup in a chapter (a raw HTML element in prose)',
    apply: (d) => edit(d, 'chapters/02-threats.mdx', (t) => t.replace('<P id="p06">', `<P id="p06"><img src="x" onerror="window.__ran=1" /> `)),
    expected: [/content\/chapters\/02-threats\.mdx › threats › <img>: /],
  },
];

/** Copies content/ into a fresh folder and applies the given fixtures. */
function contentWith(name: string, apply: ((dir: string) => void)[]): string {
  const dir = join(root, name.replace(/[^a-z0-9]+/gi, '-'));
  cpSync('content', dir, { recursive: true });
  for (const f of apply) f(dir);
  return dir;
}

/** Runs the build's gate on a content folder; returns the message it stops with, or null. */
function gateMessage(dir: string): string | null {
  const hook = contentGate().hooks['astro:config:setup'] as unknown as (o: { config: { root: URL } }) => void;
  const before = process.env.STORY_CONTENT_DIR;
  process.env.STORY_CONTENT_DIR = dir;
  try {
    hook({ config: { root: pathToFileURL(`${process.cwd()}/`) } });
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    if (before === undefined) delete process.env.STORY_CONTENT_DIR;
    else process.env.STORY_CONTENT_DIR = before;
  }
}

describe('the build gate on malformed content', () => {
  it('passes the real content (so every failure below is the fixture\'s)', () => {
    expect(gateMessage(contentWith('clean', []))).toBeNull();
  });

  for (const f of fixtures) {
    it(`stops on: ${f.name}, naming file › entry › field`, () => {
      const message = gateMessage(contentWith(f.name, [f.apply]));
      expect(message, 'the build went on').not.toBeNull();
      expect(message).toMatch(/the build stops until all are fixed/);
      for (const line of f.expected) expect(message).toMatch(line);
    });
  }

  it('lists every problem at once when all the mistakes are made together', () => {
    const message = gateMessage(contentWith('all', fixtures.map((f) => f.apply)));
    expect(message).not.toBeNull();
    const missing = fixtures.flatMap((f) => f.expected.filter((line) => !line.test(message!)).map((line) => `${f.name}: ${line}`));
    expect(missing).toEqual([]);
    const count = Number(/has (\d+) problems?/.exec(message!)?.[1]);
    expect(count).toBeGreaterThanOrEqual(fixtures.length);
  });
});

// --- markup in data renders as inert text ---

const readJson = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));

/** Every drawable chart's input, with HOSTILE text in each string the chart prints from data. */
function hostileInputs(): ChartInput[] {
  const evs = (readJson('content/data/events.json') as unknown[]).map((e) => eventSchema.parse(e));
  const byId = new Map(evs.map((e) => [e.id, e]));
  const actors = new Map((readJson('content/data/actors.json') as unknown[]).map((a) => actorSchema.parse(a)).map((a) => [a.id, a]));
  const sources = new Map((readJson('content/data/sources.json') as unknown[]).map((s) => sourceSchema.parse(s)).map((s) => [s.id, s]));
  const playbook = playbookSchema.parse(readJson('content/data/playbook.json'));
  const text = structuredClone(ui('en'));
  text.lanes = Object.fromEntries(Object.entries(text.lanes).map(([k, v]) => [k, `${v} ${HOSTILE}`])) as typeof text.lanes;
  return readdirSync('content/data/charts')
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => chartSchema.parse(readJson(`content/data/charts/${f}`)))
    .filter((c) => isDrawable(c.kind))
    .map((c) => {
      const chart = {
        ...c,
        title: `${c.title} ${HOSTILE}`,
        description: `${c.description} ${HOSTILE}`,
        labels: Object.fromEntries(c.events.map((e, i) => [e, i % 2 ? HOSTILE.slice(0, 40) : `<b>${i}</b>`])),
        // Words that are lists of ids or numbers (a flow's stages, a map's country codes) stay as they are.
        words: Object.fromEntries(Object.entries(c.words).map(([k, v]) => [k, v.split(/[\s,]+/).every((t) => /^[a-z0-9.-]*$/.test(t)) ? v : `${v} ${HOSTILE}`])),
        marks: c.marks.map((m) => ({ ...m, label: `${m.label} ${HOSTILE}` })),
      };
      const chartEvents: StoryEvent[] = c.events
        .map((e) => byId.get(e)!)
        .map((e) => ({ ...e, title: `${e.title} ${HOSTILE}`, summary: `${e.summary} ${HOSTILE}` }))
        .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      return { chart, events: chartEvents, actors, sources, playbook, text };
    });
}

describe('markup in data text', () => {
  const inputs = hostileInputs();

  it('is escaped by every chart function', () => {
    expect(inputs.length).toBeGreaterThan(0);
    for (const input of inputs) {
      for (const width of [760, 360]) {
        const markup = chartFunctions[input.chart.kind](input, { width, idPrefix: 'x' });
        expect(markup, input.chart.id).not.toMatch(/<img\b|<b>|<[^>]*\son[a-z]+=/i);
        expect(markup, input.chart.id).toContain('&lt;img');
      }
    }
  });

  it('stays inert text in a browser page with no CSP', async () => {
    const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const browser = await chromium.launch({ executablePath, args: [...(isRoot ? ['--no-sandbox'] : []), '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      for (const input of inputs) {
        const markup = [760, 360].map((width) => chartFunctions[input.chart.kind](input, { width, idPrefix: `x${width}` })).join('');
        await page.setContent(`<!doctype html><html lang="en"><head><title>t</title></head><body>${markup}</body></html>`);
        // Give any image error handler the chance to run.
        await page.waitForTimeout(50);
        const found = await page.evaluate(() => ({
          images: document.querySelectorAll('img').length,
          bold: document.querySelectorAll('b').length,
          handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
          ran: (window as unknown as { __ran?: number }).__ran ?? 0,
          title: document.querySelector('svg > title')?.textContent ?? '',
        }));
        expect(found, input.chart.id).toEqual({ images: 0, bold: 0, handlers: 0, ran: 0, title: `${input.chart.title}` });
      }
    } finally {
      await browser.close();
    }
  });
});
