/**
 * Malformed content fixtures (tests/build/bad-input.test.ts): chart files, JSON syntax, events, sources, claims and
 * steps. Each is one kind of mistake applied to a copy of content/, and the lines the build gate must print for it.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { lengthLimits } from '../../src/build/content-check.ts';
import { edit, editJson, esc, type Fixture, id, type Json, re } from './bad-input-edit.ts';

const firstClaim = (JSON.parse(readFileSync('content/data/claims.json', 'utf8')) as Json[])[0]!.id as string;

export const dataFixtures: Fixture[] = [
  {
    name: 'a chart file whose name differs from its id → "id: … differs from the file name"',
    apply: (d) => renameSync(join(d, 'data/charts/anatomy-of-a-fake.json'), join(d, 'data/charts/anatomy.json')),
    expected: [
      re(
        /content\/data\/charts\/anatomy\.json › anatomy-of-a-fake/,
        / › id: "anatomy-of-a-fake" differs from the file name "anatomy\.json";/,
        / allowed: a chart file named after its id \(anatomy-of-a-fake\.json\)/,
      ),
    ],
  },
  // --- one JSON syntax error, one message ---
  {
    name:
      'a comma after the last entry of events.json → one message with line and column, and one line for' +
      ' the skipped checks',
    apply: (d) => edit(d, 'data/events.json', (t) => t.replace(/\}\s*\]\s*$/, '},\n]\n')),
    expected: [
      re(
        /content\/data\/events\.json:\d+:1 › \(file\)/,
        / › \(JSON syntax\): not valid JSON at line \d+, column 1: "\]";/,
        / expected another value \(a comma before \] is not allowed in JSON\)/,
      ),
      re(
        /content\/data\/events\.json › \(file\)/,
        / › \(dependent checks\): \d+ checks of references into this file skipped until it can be read/,
      ),
    ],
    absent: [/unknown event id/],
    count: 2,
    alone: true,
  },
  {
    name:
      'a missing comma inside a chart file → one message with line and column;' +
      " the chart's placements are skipped with one line",
    apply: (d) => edit(d, 'data/charts/playbook.json', (t) => t.replace('"kind": "matrix",', '"kind": "matrix"')),
    expected: [
      re(
        /content\/data\/charts\/playbook\.json:3:\d+ › \(file\)/,
        / › \(JSON syntax\): not valid JSON at line 3, column \d+: "\\"kind\\": \\"matrix\\"";/,
        / expected a comma or \} after this/,
      ),
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
      re(
        /content\/data\/charts\/republic-day\.json › republic-day/,
        / › events\[\d+\]: event "rsp-2023-10-26-eurasiareview" \(2023-11-05\) lies outside the chart's/,
        / window; allowed: an event dated from 2023-10-23 up to \(not including\) 2023-10-27/,
      ),
    ],
  },
  // --- plain words ---
  {
    name:
      'a source URL that is not one → "url: \\"htp:/x\\" is not a web address;' +
      ' allowed: an https:// or http:// URL"',
    apply: (d) => editJson<Json[]>(d, 'data/sources.json', (ss) => void (ss.find((s) => s.url)!.url = 'htp:/x')),
    expected: [
      re(
        /content\/data\/sources\.json › [\w-]+ › url: "htp:\/x" is not a web address;/,
        / allowed: an https:\/\/ or http:\/\/ URL/,
      ),
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
        `content/data/claims\\.json › ${esc(firstClaim)} › rating: "Fake" is not allowed` +
          '; allowed: "False", "Misleading", "Unproven"',
      ),
    ],
  },
  {
    name:
      `a 2,000-character event title → "title: 2000 characters;` +
      ` allowed: at most ${lengthLimits.eventTitle} characters"`,
    apply: (d) => editJson<Json[]>(d, 'data/events.json', (es) => void (es[7]!.title = 'x'.repeat(2000))),
    expected: [
      new RegExp(
        `content/data/events\\.json › ${esc(id(7))} › title: 2000 characters;` +
          ` allowed: at most ${lengthLimits.eventTitle} characters`,
      ),
    ],
  },
  {
    name: `a long step title → "steps[0].title: … allowed: at most ${lengthLimits.stepTitle} characters"`,
    apply: (d) =>
      editJson<Json>(d, 'data/charts/region-map.json', (c) => void ((c.steps as Json[])[0]!.title = 'y'.repeat(300))),
    expected: [
      new RegExp(
        `content/data/charts/region-map\\.json › region-map › steps\\[0\\]\\.title: 300 characters;` +
          ` allowed: at most ${lengthLimits.stepTitle} characters`,
      ),
    ],
  },
  {
    name:
      'a chart placed the old way, with <Step> children → "<Scrolly>: not self-closing" and "<Step>:' +
      ' unknown component"',
    apply: (d) =>
      edit(d, 'chapters/04-legitimisation.mdx', (t) =>
        t.replace(
          '<Scrolly chart="playbook" />',
          '<Scrolly chart="playbook">\n<Step id="x">\nText.\n</Step>\n</Scrolly>',
        ),
      ),
    expected: [
      re(
        /content\/chapters\/04-legitimisation\.mdx:\d+ › legitimisation › <Scrolly>: not self-closing;/,
        / allowed: <Scrolly chart="id" \/>/,
      ),
      re(
        /content\/chapters\/04-legitimisation\.mdx:\d+ › legitimisation/,
        / › <Step>: unknown component "Step"; allowed: P, Scrolly/,
      ),
    ],
  },
  {
    name: 'a step without text → "steps[1].text: missing"',
    apply: (d) =>
      editJson<Json>(d, 'data/charts/courtesy-campaigns.json', (c) => void delete (c.steps as Json[])[1]!.text),
    expected: [
      re(
        /content\/data\/charts\/courtesy-campaigns\.json › courtesy-campaigns/,
        / › steps\[1\]\.text: missing; a text in double quotes is required here/,
      ),
    ],
  },
  {
    name:
      `a 2,000-character step text → "steps[2].text: 2000 characters;` +
      ` allowed: at most ${lengthLimits.stepText} characters"`,
    apply: (d) =>
      editJson<Json>(d, 'data/charts/republic-day.json', (c) => void ((c.steps as Json[])[2]!.text = 'z'.repeat(2000))),
    expected: [
      new RegExp(
        `content/data/charts/republic-day\\.json › republic-day › steps\\[2\\]\\.text: 2000 characters;` +
          ` allowed: at most ${lengthLimits.stepText} characters`,
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
      re(
        /content\/data\/charts\/[\w-]+\.json › anatomy-of-a-fake/,
        / › stages\[1\]\.events\[1\]: "not-in-this-chart" is not drawn by this chart;/,
        / allowed: the ids in "events"/,
      ),
    ],
  },
];
