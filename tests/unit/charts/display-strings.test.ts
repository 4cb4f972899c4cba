/**
 * Display strings have keys (decision 0005): the words a chart draws come from the interface strings
 * (content/data/ui.<lang>.json), so a translation file can override them. The files listed in KEYED draw no English
 * of their own; the check below fails when one gains a hard-coded phrase.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lanes } from '../../../src/charts/lanes.ts';
import type { UiStrings } from '../../../src/lib/ui.ts';
import { chartInput, chartOfKind } from './fixture.ts';

/** Chart sources whose every drawn word comes from the interface strings or the data. */
const KEYED = ['src/charts/lanes.ts', 'src/charts/lanes/layout.ts', 'src/charts/lanes/marks.ts'];
/** Phrases allowed in them, each with why: none is drawn. */
const ALLOWED: Record<string, string[]> = {
  // The longest bracket label, measured (never drawn) to leave room under a mark for the note.
  'src/charts/lanes/layout.ts': [': at least 99 days'],
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

/** Literals that hold a phrase (two or more words), outside imports and thrown errors. */
function phrases(source: string): string[] {
  const code = source
    .split('\n')
    .filter((line) => !/new Error\(|defined\(|^\s*import |^\s*export .* from /.test(line))
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

describe('display strings', () => {
  it('the phrase check finds a hard-coded phrase (it can fail)', () => {
    expect(phrases("const s = ' (date uncertain)';")).toEqual(['(date uncertain)']);
    expect(phrases('const t = svg`<text x="1">${a ? `${b} is when it was` : \'\'}</text>`;')).toEqual([
      'is when it was',
    ]);
    expect(phrases('// a comment with words\nconst a = `x`;')).toEqual([]);
  });
  for (const file of KEYED)
    it(`${file} draws no English of its own`, () => {
      expect(phrases(readFileSync(file, 'utf8')).filter((p) => !ALLOWED[file]?.includes(p))).toEqual([]);
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
