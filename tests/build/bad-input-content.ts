/**
 * Malformed content fixtures (tests/build/bad-input.test.ts): the data basics, markup, the interface words and the
 * chapters. Each is one kind of mistake applied to a copy of content/, and the lines the build gate must print for it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lengthLimits } from '../../src/build/content-check.ts';
import { annotations, edit, editJson, esc, type Fixture, HOSTILE, id, type Json, re } from './bad-input-edit.ts';

export const contentFixtures: Fixture[] = [
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
        `content/data/events\\.json › ${esc(id(2))} › lane: "rumour" is not allowed;` +
          ` allowed: "official", "disinformation", "response", "context"`,
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
        `content/data/annotations\\.json › ${esc(annotations[0]!.id as string)}` +
          ` › paragraph: unknown paragraph "p99"; allowed: `,
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
      re(
        /content\/data\/ui\.en\.json › en/,
        / › licence\.url: "JavaScript:alert\(document\.domain\)" is not an allowed link;/,
        / allowed: an https:\/\/ or http:\/\/ URL/,
      ),
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
    name:
      `chapter frontmatter: a 2,000-character title → "title: 2000 characters;` +
      ` allowed: at most ${lengthLimits.chapterTitle} characters"`,
    apply: (d) =>
      edit(d, 'chapters/03-discrediting.mdx', (t) => t.replace(/^title: .*$/m, `title: "${'Long '.repeat(400)}"`)),
    expected: [
      new RegExp(
        `content/chapters/03-discrediting\\.mdx › discrediting › title: 2000 characters;` +
          ` allowed: at most ${lengthLimits.chapterTitle} characters`,
      ),
    ],
  },
  {
    name: 'a chapter in a subfolder is read too → "content/chapters/more/06-extra.mdx:N › extra › <script>"',
    apply: (d) => {
      mkdirSync(join(d, 'chapters/more'), { recursive: true });
      writeFileSync(
        join(d, 'chapters/more/06-extra.mdx'),
        '---\nid: extra\norder: 6\ntitle: "Extra"\nkind: section\n---\n\n<P' +
          ' id="p90">Text.</P>\n\n<script>alert(1)</script>\n',
      );
    },
    expected: [
      re(
        /content\/chapters\/more\/06-extra\.mdx:10 › extra/,
        / › <script>: raw HTML element "<script>" in a chapter; allowed: /,
      ),
    ],
  },
  {
    name: 'a Markdown link to javascript: in any letter case → "link: link target … is not allowed"',
    apply: (d) =>
      edit(d, 'chapters/03-discrediting.mdx', (t) => t.replace(/(<P id="p\d+">)/, '$1[click](JaVaScRiPt:alert(1)) ')),
    expected: [
      re(
        /content\/chapters\/03-discrediting\.mdx:\d+ › discrediting/,
        / › link: link target "JaVaScRiPt:alert\(1\)" is not allowed;/,
        / allowed: an https:\/\/ or http:\/\/ URL, a mailto: address, a #fragment or a site-relative path/,
      ),
    ],
  },
  // --- errors that used to escape to Astro ---
  {
    name: 'a {…} expression in paragraph text → "content/chapters/02-threats.mdx:N › threats › {…}: an MDX expression"',
    apply: (d) => edit(d, 'chapters/02-threats.mdx', (t) => t.replace('<P id="p07">', '<P id="p07">{undefinedThing} ')),
    expected: [
      re(
        /content\/chapters\/02-threats\.mdx:\d+ › threats/,
        / › \{…\}: an MDX expression "\{undefinedThing\}"; allowed: plain text/,
      ),
    ],
  },
  {
    name: 'an import statement in a chapter → "import: an MDX \\"import\\" statement"',
    apply: (d) =>
      edit(d, 'chapters/05-loss-of-influence.mdx', (t) =>
        t.replace(/\n---\n/, "\n---\n\nimport X from '../../src/components/P.astro';\n"),
      ),
    expected: [
      re(
        /content\/chapters\/05-loss-of-influence\.mdx:\d+ › loss-of-influence/,
        / › import: an MDX "import" statement; allowed: /,
      ),
    ],
  },
  {
    name: 'a component name with a leading underscore → "<_Secret>: unknown component"',
    apply: (d) => edit(d, 'chapters/03-discrediting.mdx', (t) => `${t}\n<_Secret />\n`),
    expected: [
      re(
        /content\/chapters\/03-discrediting\.mdx:\d+ › discrediting/,
        / › <_Secret>: unknown component "_Secret"; allowed: P, Scrolly/,
      ),
    ],
  },
  {
    name: 'a chart placed in two chapters → "chart … is already placed at content/chapters/…:N"',
    apply: (d) => edit(d, 'chapters/05-loss-of-influence.mdx', (t) => `${t}\n<Scrolly chart="region-map" />\n`),
    expected: [
      re(
        /content\/chapters\/05-loss-of-influence\.mdx:\d+ › loss-of-influence/,
        / › <Scrolly chart>: chart "region-map" is already placed at/,
        / content\/chapters\/04-legitimisation\.mdx:\d+; allowed: each chart placed once/,
      ),
    ],
  },
];
