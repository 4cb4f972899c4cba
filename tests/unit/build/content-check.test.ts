import { describe, expect, it } from 'vitest';
import { checkContent, formatProblems, readContent, type ContentFiles } from '../../../src/build/content-check.ts';

const real = readContent('content');
const real_ = real;

/** A copy of the real content with one data file changed through `edit`. */
function withData(
  name: string,
  edit: (entries: Record<string, unknown>[]) => void,
  base: ContentFiles = real,
): ContentFiles {
  const entries = JSON.parse(base.data[name]!) as Record<string, unknown>[];
  edit(entries);
  return { ...base, chapters: { ...base.chapters }, data: { ...base.data, [name]: JSON.stringify(entries) } };
}
function withChapter(path: string, edit: (text: string) => string, base: ContentFiles = real): ContentFiles {
  return { ...base, data: { ...base.data }, chapters: { ...base.chapters, [path]: edit(base.chapters[path]!) } };
}
const firstChapter = Object.keys(real.chapters)[0]!;
const scrollyChapter = Object.keys(real.chapters).find((p) =>
  real.chapters[p]!.includes('<Scrolly chart="republic-day"'),
)!;

describe('checkContent on the real content', () => {
  it('finds no problem', () => {
    expect(formatProblems(checkContent(real))).toBe(formatProblems([]));
  });
});

describe('checkContent on bad input names file, entry, field and what is allowed', () => {
  it('unknown source id', () => {
    const p = checkContent(withData('events.json', (es) => (es[0]!.sources = ['no-such-source'])));
    expect(p).toContainEqual(
      expect.objectContaining({
        file: 'content/data/events.json',
        entry: (JSON.parse(real.data['events.json']!)[0] as { id: string }).id,
        field: 'sources[0]',
        message: expect.stringMatching(/unknown source id "no-such-source".*sources\.json/),
      }),
    );
  });
  it('invalid and impossible dates', () => {
    const p = checkContent(
      withData('events.json', (es) => {
        es[0]!.id = 'bad-date-a';
        es[0]!.date = '2023-02-30';
        es[0]!.precision = 'day';
        es[1]!.id = 'bad-date-b';
        es[1]!.date = '23 Oct 2023';
      }),
    );
    expect(p).toContainEqual(
      expect.objectContaining({
        entry: 'bad-date-a',
        field: 'date',
        message: expect.stringMatching(/real calendar date/),
      }),
    );
    expect(p).toContainEqual(
      expect.objectContaining({
        entry: 'bad-date-b',
        field: 'date',
        message: expect.stringMatching(/YYYY, YYYY-MM or YYYY-MM-DD/),
      }),
    );
  });
  it('a date more precise than its precision', () => {
    const p = checkContent(
      withData('events.json', (es) => {
        es[0]!.id = 'too-precise';
        es[0]!.date = '2023-10-25';
        es[0]!.precision = 'month';
        delete es[0]!.time;
      }),
    );
    expect(p).toContainEqual(
      expect.objectContaining({
        entry: 'too-precise',
        field: 'date',
        message: expect.stringMatching(/YYYY-MM.*month/),
      }),
    );
  });
  it('duplicate id', () => {
    const p = checkContent(withData('sources.json', (ss) => ss.push({ ...ss[1]! })));
    expect(p).toContainEqual(
      expect.objectContaining({
        file: 'content/data/sources.json',
        field: 'id',
        message: expect.stringMatching(/duplicate id/),
      }),
    );
  });
  it('unknown lane and unknown status, with the allowed values', () => {
    const p = checkContent(
      withData('events.json', (es) => {
        es[0]!.id = 'odd-one';
        es[0]!.lane = 'rumour';
        es[0]!.status = 'probable';
      }),
    );
    expect(p).toContainEqual(
      expect.objectContaining({
        entry: 'odd-one',
        field: 'lane',
        message: expect.stringMatching(
          /"rumour" is not allowed; allowed: "official", "disinformation", "response", "context"/,
        ),
      }),
    );
    expect(p).toContainEqual(
      expect.objectContaining({
        entry: 'odd-one',
        field: 'status',
        message: expect.stringMatching(/"probable" is not allowed; allowed: .*"claimed-by-article"/),
      }),
    );
  });
  it('a chapter without its id', () => {
    const p = checkContent(withChapter(firstChapter, (t) => t.replace(/^id: .*\n/m, '')));
    expect(p).toContainEqual(expect.objectContaining({ file: `content/${firstChapter}`, field: 'id' }));
  });
  it('a chart or component name that does not exist', () => {
    const p = checkContent(
      withChapter(
        scrollyChapter,
        (t) => `${t.replace(/<Scrolly chart="[^"]+"/, '<Scrolly chart="no-such-chart"')}\n<Gallery />\n`,
      ),
    );
    expect(p).toContainEqual(
      expect.objectContaining({
        field: '<Scrolly chart>',
        message: expect.stringMatching(/unknown chart "no-such-chart"; allowed: .*republic-day/),
      }),
    );
    expect(p).toContainEqual(
      expect.objectContaining({
        field: '<Gallery>',
        message: expect.stringMatching(/unknown component "Gallery"; allowed: P, Scrolly$/),
      }),
    );
  });
  it(
    'a chart placed with children (its steps live in the chart data), an unknown actor and a note on a missing ' +
      'paragraph',
    () => {
      let files = withChapter(scrollyChapter, (t) =>
        t.replace(
          '<Scrolly chart="republic-day" />',
          '<Scrolly chart="republic-day">\n<Step id="ceremony">x</Step>\n</Scrolly>',
        ),
      );
      files = withData(
        'events.json',
        (es) => {
          es[0]!.id = 'orphan';
          es[0]!.actor = 'nobody';
        },
        files,
      );
      files = withData(
        'annotations.json',
        (as) => {
          as[0]!.paragraph = 'p99';
        },
        files,
      );
      const p = checkContent(files);
      expect(p).toContainEqual(
        expect.objectContaining({
          field: '<Scrolly>',
          message: expect.stringMatching(/self-closing.*steps\[\]\.text/),
        }),
      );
      expect(p).toContainEqual(
        expect.objectContaining({
          field: '<Step>',
          message: expect.stringMatching(/unknown component "Step"; allowed: P, Scrolly$/),
        }),
      );
      expect(p).toContainEqual(
        expect.objectContaining({
          entry: 'orphan',
          field: 'actor',
          message: expect.stringMatching(/unknown actor id "nobody"/),
        }),
      );
      expect(p).toContainEqual(
        expect.objectContaining({
          file: 'content/data/annotations.json',
          field: 'paragraph',
          message: expect.stringMatching(/unknown paragraph "p99"/),
        }),
      );
    },
  );
  it('a link target that is not allowed, and Markdown outside a <P>, with the line of each', () => {
    const p = checkContent(
      withChapter(scrollyChapter, (t) =>
        t
          .replace('<Scrolly chart="republic-day" />', 'A line of its own.')
          .replace(/(<P id="p\d+">)/, '$1[click](javascript:alert(1)) '),
      ),
    );
    const text = real.chapters[scrollyChapter]!;
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    expect(p).toContainEqual(
      expect.objectContaining({
        file: `content/${scrollyChapter}:${lineOf('<P id=')}`,
        field: 'link',
        message: expect.stringMatching(/link target "javascript:alert\(1\)" is not allowed; allowed: /),
      }),
    );
    expect(p).toContainEqual(
      expect.objectContaining({
        file: `content/${scrollyChapter}:${lineOf('<Scrolly chart="republic-day"')}`,
        field: 'paragraph',
        message: expect.stringMatching(/at the top level; allowed at the top level: frontmatter, <P id/),
      }),
    );
  });
  it('lists every problem at once, across files', () => {
    let files = withData('events.json', (es) => {
      es[0]!.lane = 'rumour';
      es[1]!.sources = ['nope'];
    });
    files = withData(
      'sources.json',
      (ss) => {
        ss[0]!.url = 'not a url';
      },
      files,
    );
    files = withChapter(firstChapter, (t) => t.replace(/^id: .*\n/m, ''), files);
    const p = checkContent(files);
    expect(new Set(p.map((x) => x.file)).size).toBeGreaterThanOrEqual(3);
    const message = formatProblems(p);
    expect(message).toMatch(new RegExp(`has ${p.length} problems`));
    for (const x of p) expect(message).toContain(`${x.file} › ${x.entry} › ${x.field}`);
  });
  it('rejects a source without a URL unless it is the article itself', () => {
    const p = checkContent(
      withData('sources.json', (ss) => {
        const s = ss.find((x) => x.kind === 'web')!;
        s.url = null;
        s.id = 'no-url';
      }),
    );
    expect(p).toContainEqual(expect.objectContaining({ entry: 'no-url', field: 'url' }));
  });
});

describe("the gate's building blocks", () => {
  it('finds where a JSON text first goes wrong, and nothing in valid JSON', async () => {
    const { jsonSyntaxError, lineColumn } = await import('../../../src/build/content-check.ts');
    expect(jsonSyntaxError('[{"a": 1}, {"b": [true, null, -2.5e3, "x\\"y"]}]')).toBeNull();
    for (const real of [...Object.values(real_.charts), ...Object.values(real_.data)])
      if (real) expect(jsonSyntaxError(real)).toBeNull();
    const trailing = '[\n  {"a": 1},\n]';
    expect(lineColumn(trailing, jsonSyntaxError(trailing)!.offset)).toEqual({ line: 3, column: 1 });
    expect(jsonSyntaxError('{"a": 1,}')!.expected).toMatch(/comma before \}/);
    const missingComma = '{\n  "a": 1\n  "b": 2\n}';
    expect(lineColumn(missingComma, jsonSyntaxError(missingComma)!.offset)).toEqual({ line: 2, column: 9 });
    expect(jsonSyntaxError("{'a': 1}")!.expected).toMatch(/double quotes/);
    expect(jsonSyntaxError('[1] [2]')!.expected).toMatch(/end of the file/);
    expect(jsonSyntaxError('["a')!.expected).toMatch(/closing "/);
  });
  it('allows only web, mail, fragment and site-relative links', async () => {
    const { isAllowedLink } = await import('../../../src/build/content-check.ts');
    for (const ok of ['https://example.org/x', 'HTTP://example.org', 'mailto:a@b.org', '#p05', '/downloads/'])
      expect(isAllowedLink(ok), ok).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' java\tscript:x',
      'data:text/html,x',
      'vbscript:x',
      '//evil.example/',
      'https:/x',
      'relative/path',
      '',
    ])
      expect(isAllowedLink(bad), bad).toBe(false);
  });
});
