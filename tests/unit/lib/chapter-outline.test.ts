/**
 * A chapter's outline (src/lib/chapter-outline.ts): paragraphs with the text the page shows and placed charts, in
 * order, from a real MDX parse; every element it does not know reported with file, line and what is allowed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chapterOutline,
  OutlineError,
  placedChartIds,
  plainTypography,
  readOutline,
} from '../../../src/lib/chapter-outline.ts';
import { articleParagraphs, normalise } from '../../browser/helpers.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const fixture = (name: string) => {
  const file = `tests/fixtures/chapters/${name}.mdx`;
  return { file, text: readFileSync(join(root, file), 'utf8') };
};

describe('the outline of a well-formed chapter', () => {
  const { file, text } = fixture('good');
  const outline = chapterOutline(file, text);

  it('lists paragraphs and placed charts in document order, with the line of each', () => {
    expect(outline.blocks.map((b) => [b.kind, b.id, b.line])).toEqual([
      ['paragraph', 'p80', 8],
      ['figure', 'c1', 10],
      ['paragraph', 'p81', 12],
      ['figure', 'c2', 15],
    ]);
    expect(placedChartIds(outline)).toEqual(['c1', 'c2']);
  });

  it('gives a paragraph the text the page shows: marks removed, entities decoded, smart punctuation applied', () => {
    const [p80, , p81] = outline.blocks;
    expect(p80).toMatchObject({
      text: 'She said \u201cit\u2019s done\u201d \u2013 and left\u2026 slowly, with weight, code and a link.',
      links: [{ url: '#p81', line: 8 }],
    });
    expect(p81).toMatchObject({ text: 'Line one\nline two&three.', links: [] });
  });

  it('parses a source once', () => {
    expect(readOutline(file, text)).toBe(readOutline(file, text));
  });
});

describe('the outline of a malformed chapter', () => {
  const { file, text } = fixture('malformed');

  it('throws, listing every problem at once with its file, line and element', () => {
    let error: unknown;
    try {
      chapterOutline(file, text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutlineError);
    const { problems, message } = error as OutlineError;
    expect(problems.map((p) => [p.line, p.element])).toEqual([
      [10, 'paragraph'],
      [12, 'heading'],
      [14, '<div>'],
      [16, '<Gallery>'],
      [18, '<P id>'],
      [20, '<P id>'],
      [22, '<P>'],
      [24, '{…}'],
      [24, '<b>'],
      [24, 'image'],
      [26, '<Scrolly>'],
      [27, '<Step>'],
      [30, '<Scrolly>'],
      [32, '<Scrolly chart>'],
      [34, '<>'],
    ]);
    expect(message).toMatch(/15 problems/);
    for (const p of problems) {
      expect(p.file).toBe(file);
      expect(p.message, `${p.line} ${p.element}`).toMatch(/; allowed\b.*\S/);
      expect(message).toContain(`${file}:${p.line} › ${p.element}: ${p.message}`);
    }
  });

  it('names what is allowed where the element stands', () => {
    const { problems } = readOutline(file, text);
    const at = (line: number, element: string) =>
      problems.find((p) => p.line === line && p.element === element)?.message;
    expect(at(10, 'paragraph')).toMatch(/at the top level; allowed at the top level: frontmatter, <P id="…">/);
    expect(at(16, '<Gallery>')).toBe('unknown component "Gallery"; allowed: P, Scrolly');
    expect(at(20, '<P id>')).toMatch(/"para-2" is not a paragraph id; allowed: id="p" followed by 2-3 digits/);
    expect(at(22, '<P>')).toMatch(/attribute "class=\\"wide\\"" is not allowed; allowed: id="\.\.\."/);
    expect(at(24, 'image')).toMatch(/inside <P>; allowed inside <P>: text, \*emphasis\*/);
    expect(at(26, '<Scrolly>')).toMatch(/not self-closing/);
  });

  it('keeps the well-formed blocks it could read (the gate reports the rest)', () => {
    const { outline } = readOutline(file, text);
    expect(outline.blocks.map((b) => b.id)).toEqual(['p90', 'p91', 'p92', 'c1']);
    expect(outline.blocks[0]).toMatchObject({ text: 'Good text with emphasis and a link.' });
  });

  it('reports an MDX syntax error with its line (the parser stops there)', () => {
    const source = '<P id="p01">a</P>\n\n<!-- a comment -->\n';
    expect(readOutline('x.mdx', source).problems).toEqual([
      { file: 'x.mdx', line: 3, element: '(MDX syntax)', message: expect.stringMatching(/comment.*; allowed: /) },
    ]);
  });

  it('reports MDX imports and expressions', () => {
    const { problems } = readOutline('y.mdx', 'import X from "x"\n\n{1 + 1}\n');
    expect(problems.map((p) => [p.line, p.element])).toEqual([
      [1, 'import'],
      [3, '{…}'],
    ]);
  });
});

describe('the outlines of the real chapters', () => {
  const dir = join(root, 'content', 'chapters');
  const files = readdirSync(dir).filter((f) => f.endsWith('.mdx'));
  const article = normalise(articleParagraphs().join(' '));

  it.each(files)('%s: every <P> and <Scrolly> in order, each paragraph in the article word for word', (f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    const outline = chapterOutline(`content/chapters/${f}`, text);
    const tags = [...text.matchAll(/<(P id|Scrolly chart)="([^"]+)"/g)].map((m) => m[2]);
    expect(outline.blocks.map((b) => b.id)).toEqual(tags);
    const paragraphs = outline.blocks.filter((b) => b.kind === 'paragraph');
    expect(paragraphs.length).toBeGreaterThan(2);
    for (const p of paragraphs) {
      expect(p.text.length, p.id).toBeGreaterThan(40);
      expect(article, p.id).toContain(normalise(plainTypography(p.text)));
    }
  });
});

describe('plainTypography', () => {
  it('undoes smart punctuation', () => {
    expect(plainTypography('\u201ca\u2019s\u201d \u2013 b \u2014 c\u2026')).toBe('"a\'s" -- b --- c...');
  });
});
