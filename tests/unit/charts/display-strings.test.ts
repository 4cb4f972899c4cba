/**
 * Display strings have keys (decision 0005): the words a chart draws come from the data or from the interface strings
 * (content/data/ui.<lang>.json, reaching a chart as its input's `text`), so a translation file can override them.
 * Two checks, each shown able to fail:
 * - every source file of the chart layer holds no English phrase of its own (string literals, outside thrown errors);
 * - every chart, drawn with pseudo-translated interface strings, writes no word that is neither the data's nor a
 *   pseudo-translated one: a word a chart hard-codes ("more", "Oct", "Mon") shows up untranslated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawChart } from '../../../src/charts/index.ts';
import { hero } from '../../../src/charts/hero.ts';
import { timelineStepKey } from '../../../src/charts/timeline.ts';
import { lanes } from '../../../src/charts/lanes.ts';
import type { UiStrings } from '../../../src/lib/ui.ts';
import { eventSchema, heroSchema } from '../../../src/schemas.ts';
import type { ChartInput } from '../../../src/charts/types.ts';
import { chartIds, chartInput, chartOfKind, LAYOUTS } from './fixture.ts';

/** Every source file of the chart layer. */
const KEYED = readdirSync('src/charts', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join('src/charts', f))
  .sort();
/** Phrases allowed in them, each with why: none is drawn. */
const ALLOWED: Record<string, string[]> = {
  // HTML attributes of the iframe snippet (its words are the caller's), read by the small lexer as one literal.
  'src/charts/embed.ts': ["`;\n  const rest = ' loading="],
  // Class names of a mark's group.
  'src/charts/regionMap.ts': ['mark cluster'],
  // Regular expressions with a quote inside, which the small lexer reads as the start of a string.
  'src/charts/marks/text.ts': [
    '"!| ]/.test(ch) ? 0.3 : /[mw]/.test(ch) ? 0.85 : 0.56;\n  return w * fontSize;\n}\n\n/**\n * Share of a line',
  ],
  'src/charts/map/text.ts': [
    [
      'max) {\n      lines.push(line);\n      line = word;\n    } else line = next;\n  }\n',
      '  if (line) lines.push(line);\n  return lines;\n}',
    ].join(''),
  ],
};

/**
 * The text of every string literal and template chunk in `source` (a small lexer: quotes, templates nested in
 * `${...}`, comments skipped).
 */
function literals(source: string): string[] {
  const out: string[] = [];
  const stack: ('code' | 'template')[] = ['code'];
  let depth: number[] = [0];
  let chunk = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i] ?? '';
    const mode = stack[stack.length - 1];
    if (mode === 'template') {
      if (c === '\\') chunk += source[++i] ?? '';
      else if (c === '`') {
        out.push(chunk);
        chunk = '';
        stack.pop();
      } else if (c === '$' && source[i + 1] === '{') {
        out.push(chunk);
        chunk = '';
        i++;
        stack.push('code');
        depth.push(0);
      } else chunk += c;
      continue;
    }
    if (c === '/' && source[i + 1] === '/') i = source.indexOf('\n', i) < 0 ? source.length : source.indexOf('\n', i);
    else if (c === '/' && source[i + 1] === '*')
      i = source.indexOf('*/', i + 2) < 0 ? source.length : source.indexOf('*/', i + 2) + 1;
    else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      for (; j < source.length && source[j] !== c; j++) text += source[j] === '\\' ? (source[++j] ?? '') : source[j];
      out.push(text);
      i = j;
    } else if (c === '`') stack.push('template');
    else if (c === '{') depth[depth.length - 1] = (depth[depth.length - 1] ?? 0) + 1;
    else if (c === '}') {
      if ((depth[depth.length - 1] ?? 0) === 0 && stack.length > 1) {
        stack.pop();
        depth = depth.slice(0, -1);
      } else depth[depth.length - 1] = (depth[depth.length - 1] ?? 0) - 1;
    }
  }
  return out;
}

/** `source` without the arguments of thrown errors and `defined(...)` guards (messages for the developer). */
function withoutMessages(source: string): string {
  let out = source;
  for (const call of ['new Error(', 'defined(']) {
    let i = out.indexOf(call);
    while (i >= 0) {
      let depth = 0;
      let j = i + call.length - 1;
      do {
        const c = out[j];
        if (c === '(') depth++;
        else if (c === ')') depth--;
        j++;
      } while (depth > 0 && j < out.length);
      out = `${out.slice(0, i)}${out.slice(j)}`;
      i = out.indexOf(call, i);
    }
  }
  return out;
}

/** Literals that hold a phrase (two or more words), outside imports and developers' messages. */
function phrases(source: string): string[] {
  const code = withoutMessages(source)
    .split('\n')
    .filter((line) => !/^\s*import |^\s*export .* from /.test(line))
    .join('\n');
  return literals(code)
    .map((t) =>
      t
        .replace(/<[^>]*>?/g, ' ')
        .replace(/^[^<]*>/, ' ')
        .trim(),
    )
    .filter((t) => /[A-Za-z][a-z]+ [a-z]{2,}/.test(t));
}

/** Every string in a value (objects, arrays, Maps), for the words the data brings. */
function stringsOf(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (v instanceof Map) for (const x of v.values()) stringsOf(x, out);
  else if (Array.isArray(v)) for (const x of v) stringsOf(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) stringsOf(x, out);
  return out;
}

const WORD = /[\p{L}][\p{L}'’]*/gu;
/** The mark of a pseudo-translated word. */
const PSEUDO = 'ŧ';

/** Interface strings with every word marked (slots such as {n} kept), the language kept (plural rules). */
function pseudo<T>(v: T): T {
  if (typeof v === 'string') {
    const parts = v.split(/(\{\w+\})/);
    return parts.map((p) => (/^\{\w+\}$/.test(p) ? p : p.replace(WORD, (w) => `${PSEUDO}${w}`))).join('') as T;
  }
  if (Array.isArray(v)) return v.map(pseudo) as T;
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'lang' ? x : pseudo(x)])) as T;
  return v;
}

/** The words a drawing writes for a reader: its text, titles and descriptions, and its aria-labels. */
function drawnWords(svg: string): string[] {
  const decode = (t: string) =>
    t
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  const labels = [...svg.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1] ?? '');
  const text = svg.replace(/<[^>]*>/g, ' ');
  return [...decode(`${text} ${labels.join(' ')}`).matchAll(WORD)].map((m) => m[0]);
}

/** The words of `svg` that are neither in `data` nor pseudo-translated. */
function foreignWords(svg: string, data: readonly string[]): string[] {
  const known = new Set(data.flatMap((s) => [...s.matchAll(WORD)].map((m) => m[0])));
  return [...new Set(drawnWords(svg).filter((w) => !w.startsWith(PSEUDO) && !known.has(w)))];
}

const PSEUDO_TEXT = pseudo(chartInput('republic-day').text);

describe('display strings', () => {
  it('the phrase check finds a hard-coded phrase (it can fail)', () => {
    expect(phrases("const s = ' (date uncertain)';")).toEqual(['(date uncertain)']);
    expect(phrases('const t = svg`<text x="1">${a ? `${b} is when it was` : \'\'}</text>`;')).toEqual([
      'is when it was',
    ]);
    expect(phrases('// a comment with words\nconst a = `x`;')).toEqual([]);
    expect(
      phrases('throw new Error(\n  `no such mark in ${id}`,\n);\nconst b = defined(x, "the mark of a note");'),
    ).toEqual([]);
  });
  for (const file of KEYED)
    it(`${file} draws no English of its own`, () => {
      expect(phrases(readFileSync(file, 'utf8')).filter((p) => !ALLOWED[file]?.includes(p))).toEqual([]);
    });

  it('the drawn-word check finds a word that is neither data nor translated (it can fail)', () => {
    const svg = `<svg aria-label="${PSEUDO}Key"><title>Peskov said</title><text>${PSEUDO}at more than 3</text></svg>`;
    expect(foreignWords(svg, ['Peskov said'])).toEqual(['more', 'than']);
  });

  const drawings: [string, (text: UiStrings) => { svg: string; data: unknown }][] = [];
  for (const id of chartIds)
    for (const [layout, width] of Object.entries(LAYOUTS)) {
      const input = chartInput(id);
      const at = (text: UiStrings, opts = {}) => ({
        svg: drawChart({ ...input, text } as ChartInput, { width, ...opts }).svg,
        data: { ...input, text: undefined },
      });
      drawings.push([`${id} ${layout}`, (text) => at(text)]);
      input.chart.steps.forEach((s, i) =>
        drawings.push([`${id} ${layout}, step ${s.id} (focused)`, (text) => at(text, { step: i, focus: true })]),
      );
    }
  const timelineInput = chartInput('courtesy-campaigns');
  drawings.push([
    'courtesy-campaigns step key',
    (text) => ({
      svg: timelineStepKey(
        { ...timelineInput, chart: chartOfKind('courtesy-campaigns', 'timeline'), text },
        {
          width: 360,
        },
      ).value,
      data: { ...timelineInput, text: undefined },
    }),
  ]);
  const heroEvents = new Map(
    (JSON.parse(readFileSync('content/data/events.json', 'utf8')) as unknown[])
      .map((e) => eventSchema.parse(e))
      .map((e) => [e.id, e]),
  );
  const heroWords = heroSchema.parse(JSON.parse(readFileSync('content/data/hero.json', 'utf8')));
  drawings.push([
    'hero',
    (text) => ({
      svg: hero(heroEvents, heroWords, { width: 400, text }).svg,
      data: [heroWords, [...heroEvents.values()]],
    }),
  ]);

  for (const [name, draw] of drawings)
    it(`${name}: every word drawn is the data's or the interface strings'`, () => {
      const { svg, data } = draw(PSEUDO_TEXT);
      expect(foreignWords(svg, stringsOf(data))).toEqual([]);
    });

  it('month and weekday names come from the strings: a translation renames them', () => {
    const input = chartInput('republic-day');
    const base = input.text;
    const text: UiStrings = {
      ...base,
      drawing: {
        ...base.drawing,
        months: base.drawing.months.map((m) => `M-${m}`),
        weekdays: base.drawing.weekdays.map((d) => `W-${d}`),
      },
    };
    const svg = lanes({ ...input, chart: chartOfKind('republic-day', 'lanes'), text }, { width: 760 }).svg;
    expect(svg).toMatch(/>W-(Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d+ M-[A-Z][a-z]{2}</);
    expect(svg).not.toMatch(/>(Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d+ /);
  });

  it("lanes takes its marks' status words from the interface strings", () => {
    const input = chartInput('republic-day');
    const base = input.text;
    const text: UiStrings = {
      ...base,
      chart: {
        ...base.chart,
        markClaim: 'KEY-claim',
        markReport: 'KEY-report {time}',
        markRange: 'KEY-range {date}',
        markDateUncertain: 'KEY-uncertain',
      },
    };
    const svg = lanes({ ...input, chart: chartOfKind('republic-day', 'lanes'), text }, { width: 760 }).svg;
    expect(svg).toContain('(KEY-claim)');
    expect(svg).toMatch(/\(KEY-report \d{2}:\d{2}\)/);
    expect(svg).not.toMatch(/no source found|is when a report of it was published/);
  });
});
