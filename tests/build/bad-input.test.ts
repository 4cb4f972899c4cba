/**
 * Bad input: a suite of malformed content fixtures. Each is a copy of content/ with one kind of
 * mistake, run through the build's own gate (gateMessage of src/build/content-gate.ts: the
 * message the `astro:config:setup` hook prints before it exits, the first thing `astro build`
 * runs). The build must stop with a message naming file › entry › field, and a copy with every
 * mistake at once must list them all in one message.
 * (tests/build/build-gate.test.ts runs the real `astro build` once on such a copy.)
 *
 * Markup in data text is also rendered by the chart functions and loaded in Chromium without any
 * CSP: it must stay inert text (no element created, no handler run).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromium } from '@playwright/test';
import { gateMessage } from '../../src/build/content-gate.ts';
import { lengthLimits } from '../../src/build/content-check.ts';
import { chartFunctions } from '../../src/charts/index.ts';
import type { ChartInput } from '../../src/charts/types.ts';
import {
  actorSchema,
  type Chart,
  chartSchema,
  eventSchema,
  placeSchema,
  playbookSchema,
  sourceSchema,
  type StoryEvent,
} from '../../src/schemas.ts';
import { whenOf } from '../../src/prepare/when.ts';
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
  /** Lines the message must not contain (e.g. the false errors one mistake used to cause). */
  absent?: RegExp[];
  /** Exact number of problems, where the fixture alone must give exactly that many lines. */
  count?: number;
  /** Left out of the all-at-once copy (a file that cannot be read hides the mistakes inside it). */
  alone?: boolean;
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
    expected: [
      new RegExp(
        `content/data/events\\.json › ${esc(id(0))} › sources\\[0\\]: unknown source id "no-such-source"; allowed: `,
      ),
    ],
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
    expected: [
      new RegExp(
        `content/data/events\\.json › ${esc(id(2))} › lane: "rumour" is not allowed; allowed: "official", "disinformation", "response", "context"`,
      ),
    ],
  },
  {
    name: 'chapter without id',
    apply: (d) => edit(d, 'chapters/01-opening.mdx', (t) => t.replace(/^id: .*\n/m, '')),
    expected: [/content\/chapters\/01-opening\.mdx › \(frontmatter\) › id: missing/],
  },
  {
    name: 'unknown chart',
    apply: (d) =>
      edit(d, 'chapters/02-threats.mdx', (t) => t.replace(/<Scrolly chart="[^"]+"/, '<Scrolly chart="no-such-chart"')),
    expected: [
      /content\/chapters\/02-threats\.mdx:\d+ › threats › <Scrolly chart>: unknown chart "no-such-chart"; allowed: /,
    ],
  },
  {
    name: 'annotation pointing at a missing paragraph',
    apply: (d) => editJson<Json[]>(d, 'data/annotations.json', (as) => void (as[0]!.paragraph = 'p99')),
    expected: [
      new RegExp(
        `content/data/annotations\\.json › ${esc(annotations[0]!.id as string)} › paragraph: unknown paragraph "p99"; allowed: `,
      ),
    ],
  },
  {
    name: 'markup in data text (an event title)',
    apply: (d) => editJson<Json[]>(d, 'data/events.json', (es) => void (es[5]!.title = `Post ${HOSTILE} about labs`)),
    expected: [new RegExp(`content/data/events\\.json › ${esc(id(5))} › title: .*markup`, 'i')],
  },
  {
    name: 'markup in data text (an annotation finding)',
    apply: (d) => editJson<Json[]>(d, 'data/annotations.json', (as) => void (as[1]!.finding = `Fine. ${HOSTILE}`)),
    expected: [
      new RegExp(`content/data/annotations\\.json › ${esc(annotations[1]!.id as string)} › finding: .*markup`, 'i'),
    ],
  },
  {
    name: 'markup in a chapter (a raw HTML element in prose)',
    apply: (d) =>
      edit(d, 'chapters/02-threats.mdx', (t) =>
        t.replace('<P id="p06">', `<P id="p06"><img src="x" onerror="window.__ran=1" /> `),
      ),
    expected: [/content\/chapters\/02-threats\.mdx:\d+ › threats › <img>: raw HTML element/],
  },
  // --- files and fields the gate used to skip ---
  {
    name: 'ui.en.json: a javascript: licence URL → "licence.url: … is not an allowed link"',
    apply: (d) =>
      editJson<Json>(d, 'data/ui.en.json', (u) => void ((u.licence as Json).url = 'JavaScript:alert(document.domain)')),
    expected: [
      /content\/data\/ui\.en\.json › en › licence\.url: "JavaScript:alert\(document\.domain\)" is not an allowed link; allowed: an https:\/\/ or http:\/\/ URL/,
    ],
  },
  {
    name: 'ui.<lang>.json: a second language missing a key → "missing; allowed: a text as in ui.en.json"',
    apply: (d) =>
      edit(d, 'data/ui.en.json', (t) => {
        const u = JSON.parse(t) as Json;
        u.lang = 'ru';
        delete u.skipToStory;
        writeFileSync(join(d, 'data/ui.ru.json'), JSON.stringify(u, null, 2));
        return t;
      }),
    expected: [/content\/data\/ui\.ru\.json › ru › skipToStory: missing; allowed: a text as in ui\.en\.json/],
  },
  {
    name: 'chapter frontmatter: markup in the byline → "byline: contains markup"',
    apply: (d) => edit(d, 'chapters/01-opening.mdx', (t) => t.replace(/^byline: .*$/m, `byline: '${HOSTILE}'`)),
    expected: [/content\/chapters\/01-opening\.mdx › (opening|\(frontmatter\)) › byline: contains markup/],
  },
  {
    name: `chapter frontmatter: a 2,000-character title → "title: 2000 characters; allowed: at most ${lengthLimits.chapterTitle} characters"`,
    apply: (d) =>
      edit(d, 'chapters/03-discrediting.mdx', (t) => t.replace(/^title: .*$/m, `title: "${'Long '.repeat(400)}"`)),
    expected: [
      new RegExp(
        `content/chapters/03-discrediting\\.mdx › discrediting › title: 2000 characters; allowed: at most ${lengthLimits.chapterTitle} characters`,
      ),
    ],
  },
  {
    name: 'a chapter in a subfolder is read too → "content/chapters/more/06-extra.mdx:N › extra › <script>"',
    apply: (d) => {
      mkdirSync(join(d, 'chapters/more'), { recursive: true });
      writeFileSync(
        join(d, 'chapters/more/06-extra.mdx'),
        '---\nid: extra\norder: 6\ntitle: "Extra"\nkind: section\n---\n\n<P id="p90">Text.</P>\n\n<script>alert(1)</script>\n',
      );
    },
    expected: [
      /content\/chapters\/more\/06-extra\.mdx:10 › extra › <script>: raw HTML element "<script>" in a chapter; allowed: /,
    ],
  },
  {
    name: 'a Markdown link to javascript: in any letter case → "link: link target … is not allowed"',
    apply: (d) =>
      edit(d, 'chapters/03-discrediting.mdx', (t) => t.replace(/(<P id="p\d+">)/, '$1[click](JaVaScRiPt:alert(1)) ')),
    expected: [
      /content\/chapters\/03-discrediting\.mdx:\d+ › discrediting › link: link target "JaVaScRiPt:alert\(1" is not allowed; allowed: an https:\/\/ or http:\/\/ URL, a mailto: address, a #fragment or a site-relative path/,
    ],
  },
  // --- errors that used to escape to Astro ---
  {
    name: 'a {…} expression in paragraph text → "content/chapters/02-threats.mdx:N › threats › {…}: an MDX expression"',
    apply: (d) => edit(d, 'chapters/02-threats.mdx', (t) => t.replace('<P id="p07">', '<P id="p07">{undefinedThing} ')),
    expected: [
      /content\/chapters\/02-threats\.mdx:\d+ › threats › \{…\}: an MDX expression "\{undefinedThing"; allowed: plain text/,
    ],
  },
  {
    name: 'an import statement in a chapter → "import: an MDX \\"import\\" statement"',
    apply: (d) =>
      edit(d, 'chapters/05-loss-of-influence.mdx', (t) =>
        t.replace(/\n---\n/, "\n---\n\nimport X from '../../src/components/P.astro';\n"),
      ),
    expected: [
      /content\/chapters\/05-loss-of-influence\.mdx:\d+ › loss-of-influence › import: an MDX "import" statement; allowed: /,
    ],
  },
  {
    name: 'a component name with a leading underscore → "<_Secret>: unknown component"',
    apply: (d) => edit(d, 'chapters/03-discrediting.mdx', (t) => `${t}\n<_Secret />\n`),
    expected: [
      /content\/chapters\/03-discrediting\.mdx:\d+ › discrediting › <_Secret>: unknown component "_Secret"; allowed: P, Scrolly/,
    ],
  },
  {
    name: 'a chart placed in two chapters → "chart … is already placed at content/chapters/…:N"',
    apply: (d) => edit(d, 'chapters/05-loss-of-influence.mdx', (t) => `${t}\n<Scrolly chart="region-map" />\n`),
    expected: [
      /content\/chapters\/05-loss-of-influence\.mdx:\d+ › loss-of-influence › <Scrolly chart>: chart "region-map" is already placed at content\/chapters\/04-legitimisation\.mdx:\d+; allowed: each chart placed once/,
    ],
  },
  {
    name: 'a chart file whose name differs from its id → "id: … differs from the file name"',
    apply: (d) => renameSync(join(d, 'data/charts/anatomy-of-a-fake.json'), join(d, 'data/charts/anatomy.json')),
    expected: [
      /content\/data\/charts\/anatomy\.json › anatomy-of-a-fake › id: "anatomy-of-a-fake" differs from the file name "anatomy\.json"; allowed: a chart file named after its id \(anatomy-of-a-fake\.json\)/,
    ],
  },
  // --- one JSON syntax error, one message ---
  {
    name: 'a comma after the last entry of events.json → one message with line and column, and one line for the skipped checks',
    apply: (d) => edit(d, 'data/events.json', (t) => t.replace(/\}\s*\]\s*$/, '},\n]\n')),
    expected: [
      /content\/data\/events\.json:\d+:1 › \(file\) › \(JSON syntax\): not valid JSON at line \d+, column 1: "\]"; expected another value \(a comma before \] is not allowed in JSON\)/,
      /content\/data\/events\.json › \(file\) › \(dependent checks\): \d+ checks of references into this file skipped until it can be read/,
    ],
    absent: [/unknown event id/],
    count: 2,
    alone: true,
  },
  {
    name: "a missing comma inside a chart file → one message with line and column; the chart's placements are skipped with one line",
    apply: (d) => edit(d, 'data/charts/playbook.json', (t) => t.replace('"kind": "matrix",', '"kind": "matrix"')),
    expected: [
      /content\/data\/charts\/playbook\.json:3:\d+ › \(file\) › \(JSON syntax\): not valid JSON at line 3, column \d+: "\\"kind\\": \\"matrix\\""; expected a comma or \} after this/,
      /content\/data\/charts\/playbook\.json › \(file\) › \(dependent checks\): 1 check of references/,
    ],
    absent: [/unknown chart/],
    count: 2,
    alone: true,
  },
  // --- data the chart cannot draw ---
  {
    name: 'an event outside its chart\'s window → "events[N]: event … lies outside the chart\'s window"',
    apply: (d) =>
      editJson<Json[]>(
        d,
        'data/events.json',
        (es) => void (es.find((e) => e.id === 'rsp-2023-10-26-eurasiareview')!.date = '2023-11-05'),
      ),
    expected: [
      /content\/data\/charts\/republic-day\.json › republic-day › events\[\d+\]: event "rsp-2023-10-26-eurasiareview" \(2023-11-05\) lies outside the chart's window; allowed: an event dated from 2023-10-23 up to \(not including\) 2023-10-27/,
    ],
  },
  // --- plain words ---
  {
    name: 'a source URL that is not one → "url: \\"htp:/x\\" is not a web address; allowed: an https:// or http:// URL"',
    apply: (d) => editJson<Json[]>(d, 'data/sources.json', (ss) => void (ss.find((s) => s.url)!.url = 'htp:/x')),
    expected: [
      /content\/data\/sources\.json › [\w-]+ › url: "htp:\/x" is not a web address; allowed: an https:\/\/ or http:\/\/ URL/,
    ],
  },
  {
    name: 'an empty event summary → "summary: empty; allowed: a text of at least one character"',
    apply: (d) => editJson<Json[]>(d, 'data/events.json', (es) => void (es[6]!.summary = '')),
    expected: [
      new RegExp(
        `content/data/events\\.json › ${esc(id(6))} › summary: empty; allowed: a text of at least one character`,
      ),
    ],
  },
  {
    name: 'a claim with an unknown rating is named by its id → "claims.json › <id> › rating"',
    apply: (d) => editJson<Json[]>(d, 'data/claims.json', (cs) => void (cs[0]!.rating = 'Fake')),
    expected: [
      new RegExp(
        `content/data/claims\\.json › ${esc((JSON.parse(readFileSync('content/data/claims.json', 'utf8')) as Json[])[0]!.id as string)} › rating: "Fake" is not allowed; allowed: "False", "Misleading", "Unproven"`,
      ),
    ],
  },
  {
    name: `a 2,000-character event title → "title: 2000 characters; allowed: at most ${lengthLimits.eventTitle} characters"`,
    apply: (d) => editJson<Json[]>(d, 'data/events.json', (es) => void (es[7]!.title = 'x'.repeat(2000))),
    expected: [
      new RegExp(
        `content/data/events\\.json › ${esc(id(7))} › title: 2000 characters; allowed: at most ${lengthLimits.eventTitle} characters`,
      ),
    ],
  },
  {
    name: `a long step title → "steps[0].title: … allowed: at most ${lengthLimits.stepTitle} characters"`,
    apply: (d) =>
      editJson<Json>(d, 'data/charts/region-map.json', (c) => void ((c.steps as Json[])[0]!.title = 'y'.repeat(300))),
    expected: [
      new RegExp(
        `content/data/charts/region-map\\.json › region-map › steps\\[0\\]\\.title: 300 characters; allowed: at most ${lengthLimits.stepTitle} characters`,
      ),
    ],
  },
  {
    name: 'a chart placed the old way, with <Step> children → "<Scrolly>: not self-closing" and "<Step>: unknown component"',
    apply: (d) =>
      edit(d, 'chapters/04-legitimisation.mdx', (t) =>
        t.replace(
          '<Scrolly chart="playbook" />',
          '<Scrolly chart="playbook">\n<Step id="x">\nText.\n</Step>\n</Scrolly>',
        ),
      ),
    expected: [
      /content\/chapters\/04-legitimisation\.mdx:\d+ › legitimisation › <Scrolly>: not self-closing; allowed: <Scrolly chart="id" \/>/,
      /content\/chapters\/04-legitimisation\.mdx:\d+ › legitimisation › <Step>: unknown component "Step"; allowed: P, Scrolly/,
    ],
  },
  {
    name: 'a step without text → "steps[1].text: missing"',
    apply: (d) =>
      editJson<Json>(d, 'data/charts/courtesy-campaigns.json', (c) => void delete (c.steps as Json[])[1]!.text),
    expected: [
      /content\/data\/charts\/courtesy-campaigns\.json › courtesy-campaigns › steps\[1\]\.text: missing; a text in double quotes is required here/,
    ],
  },
  {
    name: `a 2,000-character step text → "steps[2].text: 2000 characters; allowed: at most ${lengthLimits.stepText} characters"`,
    apply: (d) =>
      editJson<Json>(d, 'data/charts/republic-day.json', (c) => void ((c.steps as Json[])[2]!.text = 'z'.repeat(2000))),
    expected: [
      new RegExp(
        `content/data/charts/republic-day\\.json › republic-day › steps\\[2\\]\\.text: 2000 characters; allowed: at most ${lengthLimits.stepText} characters`,
      ),
    ],
  },
  {
    name: 'a flow stage naming an event the chart does not draw → "stages[1].events[1]: … is not drawn by this chart"',
    apply: (d) =>
      // (The all-at-once copy has this chart renamed by the file-name fixture.)
      editJson<Json>(
        d,
        existsSync(join(d, 'data/charts/anatomy.json'))
          ? 'data/charts/anatomy.json'
          : 'data/charts/anatomy-of-a-fake.json',
        (c) => void (c.stages as { events: string[] }[])[1]!.events.push('not-in-this-chart'),
      ),
    expected: [
      /content\/data\/charts\/[\w-]+\.json › anatomy-of-a-fake › stages\[1\]\.events\[1\]: "not-in-this-chart" is not drawn by this chart; allowed: the ids in "events"/,
    ],
  },
];

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

// --- markup in data renders as inert text ---

const readJson = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));

/** Every drawable chart's input, with HOSTILE text in each string the chart prints from data. */
function hostileInputs(): ChartInput[] {
  const evs = (readJson('content/data/events.json') as unknown[]).map((e) => eventSchema.parse(e));
  const byId = new Map(evs.map((e) => [e.id, e]));
  const actors = new Map(
    (readJson('content/data/actors.json') as unknown[]).map((a) => actorSchema.parse(a)).map((a) => [a.id, a]),
  );
  const sources = new Map(
    (readJson('content/data/sources.json') as unknown[]).map((s) => sourceSchema.parse(s)).map((s) => [s.id, s]),
  );
  const playbook = playbookSchema.parse(readJson('content/data/playbook.json'));
  const text = structuredClone(ui('en'));
  text.lanes = Object.fromEntries(
    Object.entries(text.lanes).map(([k, v]) => [k, `${v} ${HOSTILE}`]),
  ) as typeof text.lanes;
  return readdirSync('content/data/charts')
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => chartSchema.parse(readJson(`content/data/charts/${f}`)))
    .map((c) => {
      const chart = {
        ...c,
        title: `${c.title} ${HOSTILE}`,
        description: `${c.description} ${HOSTILE}`,
        labels: Object.fromEntries(c.events.map((e, i) => [e, i % 2 ? HOSTILE.slice(0, 40) : `<b>${i}</b>`])),
        // Every word of the kind's own fields; ids and references stay as they are.
        ...hostileWords(c),
        marks: c.marks.map((m) => ({ ...m, label: `${m.label} ${HOSTILE}` })),
      };
      const chartEvents: StoryEvent[] = c.events
        .map((e) => byId.get(e)!)
        .map((e) => ({ ...e, title: `${e.title} ${HOSTILE}`, summary: `${e.summary} ${HOSTILE}` }))
        .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
      const when = new Map(chartEvents.map((e) => [e.id, whenOf(e, c.window?.zone ?? 'UTC')]));
      return {
        chart,
        events: chartEvents,
        when,
        actors,
        sources,
        playbook,
        places: placeSchema.array().parse(readJson('content/data/places.json')),
        text,
      };
    });
}

/** Fields of a chart definition that hold ids or references, never printed words. */
const REFERENCE_KEYS = new Set([
  // The map's border words stay short: a long hostile label finds no place, and the border step's annotation then
  // (rightly) stops the build for a mark that is not drawn. They go through the same escaping as the other words.
  'border',
  'id',
  'kind',
  'events',
  'steps',
  'window',
  'chapter',
  'focus',
  'borderWith',
  'capitals',
  'eventPlaces',
  'claims',
  'refutes',
  'itemSteps',
  'stepCells',
  'labels',
  'marks',
  'title',
  'caption',
  'description',
  'above',
  'below',
]);

/** The chart's own printed words (a timeline's side titles, a flow's stages, a map's names...) with markup appended. */
function hostileWords(c: Chart): Record<string, unknown> {
  const taint = (v: unknown, key: string): unknown => {
    if (key === 'id' || key === 'events') return v;
    if (typeof v === 'string') return `${v} ${HOSTILE}`;
    if (Array.isArray(v)) return v.map((x) => taint(x, ''));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, taint(x, k)]));
    return v;
  };
  return Object.fromEntries(
    Object.entries(c)
      .filter(([k]) => !REFERENCE_KEYS.has(k))
      .map(([k, v]) => [k, taint(v, k)]),
  );
}

describe('markup in data text', () => {
  const inputs = hostileInputs();

  it('is escaped by every chart function', () => {
    expect(inputs.length).toBeGreaterThan(0);
    for (const input of inputs) {
      for (const width of [760, 360]) {
        const markup = chartFunctions[input.chart.kind](input, { width, idPrefix: 'x' }).svg;
        expect(markup, input.chart.id).not.toMatch(/<img\b|<b>|<[^>]*\son[a-z]+=/i);
        expect(markup, input.chart.id).toContain('&lt;img');
      }
    }
  });

  it('stays inert text in a browser page with no CSP', async () => {
    const executablePath =
      process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const browser = await chromium.launch({
      executablePath,
      args: [...(isRoot ? ['--no-sandbox'] : []), '--disable-gpu'],
    });
    try {
      const page = await browser.newPage();
      for (const input of inputs) {
        const markup = [760, 360]
          .map((width) => chartFunctions[input.chart.kind](input, { width, idPrefix: `x${width}` }).svg)
          .join('');
        await page.setContent(
          `<!doctype html><html lang="en"><head><title>t</title></head><body>${markup}</body></html>`,
        );
        // Give any image error handler the chance to run.
        await page.waitForTimeout(50);
        const found = await page.evaluate(() => ({
          images: document.querySelectorAll('img').length,
          bold: document.querySelectorAll('b').length,
          handlers: [...document.querySelectorAll('*')].filter((el) =>
            [...el.attributes].some((a) => /^on/i.test(a.name)),
          ).length,
          ran: (window as unknown as { __ran?: number }).__ran ?? 0,
          title: document.querySelector('svg > title')?.textContent ?? '',
        }));
        expect(found, input.chart.id).toEqual({
          images: 0,
          bold: 0,
          handlers: 0,
          ran: 0,
          title: `${input.chart.title}`,
        });
      }
    } finally {
      await browser.close();
    }
  });
});
