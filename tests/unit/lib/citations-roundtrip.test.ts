/**
 * Every /cite/<target>/ page's machine formats keep every field: BibLaTeX, RIS and CSL-JSON of each
 * target (from the real chapters and charts, as the pages build them) are parsed back with citation-js,
 * and each must give back the title, the author as an organisation (one name, no given name), the
 * outlet (container), the anchored URL, no issued date (the article's date is unknown, facts.md J-03)
 * and the access date.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { formatCitations } from '../../../src/lib/citation-formats.ts';
import { chapterOutline } from '../../../src/lib/chapter-outline.ts';
import { citationTargets, citedWork, type ChapterInput } from '../../../src/lib/citations.ts';
import ui from '../../../content/data/ui.en.json';

const content = join(import.meta.dirname, '..', '..', '..', 'content');
const chapters = readdirSync(join(content, 'chapters'))
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => [`content/chapters/${f}`, readFileSync(join(content, 'chapters', f), 'utf8')] as const)
  .map(([file, text]) => {
    const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text)!;
    return {
      ...(parseYaml(fm[1]!) as Omit<ChapterInput, 'blocks'> & { byline?: string }),
      blocks: chapterOutline(file, text).blocks,
    };
  });
const charts = readdirSync(join(content, 'data', 'charts'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(content, 'data', 'charts', f), 'utf8')) as { id: string; title: string });
const sources = JSON.parse(readFileSync(join(content, 'data', 'sources.json'), 'utf8')) as {
  kind: string;
  publisher: string;
  language: string;
  date: string | null;
}[];
const work = citedWork(
  chapters,
  sources.find((s) => s.kind === 'article'),
);
const targets = citationTargets({
  work,
  chapters,
  charts,
  site: 'https://example.org',
  base: '/kz/',
  words: { paragraphTitle: ui.cite.paragraphTitle },
});
const ACCESSED = '2026-11-30';

type Csl = Record<string, unknown> & { author?: { literal?: string; family?: string; given?: string }[] };

/** The fields every format must give back, whatever its field names. */
function kept(item: Csl, url: string) {
  const author = item.author?.[0];
  return {
    title: item.title,
    // An organisation: one name, kept whole (CSL literal, or BibLaTeX's braced family name), no given name;
    // a RIS newspaper record carries it as its "Reporter" (AU), which citation-js reads into `reporter`.
    author: author
      ? author.given === undefined
        ? (author.literal ?? author.family)
        : `${author.given} ${author.family}`
      : item.reporter,
    container: item['container-title'],
    url: item.URL === url,
    issued: item.issued ?? null,
    accessed: item.accessed,
  };
}

describe('every cite target, parsed back', () => {
  it('covers every target the site builds (story, chapters, paragraphs, figures)', () => {
    expect(targets.length).toBeGreaterThan(30);
    expect(new Set(targets.map((t) => t.kind))).toEqual(new Set(['story', 'chapter', 'paragraph', 'figure']));
  });

  const want = {
    title: work.title,
    author: work.author,
    container: work.publisher,
    url: true,
    issued: null,
    accessed: { 'date-parts': [[2026, 11, 30]] },
  };
  for (const target of targets) {
    it(`${target.key}: BibLaTeX, RIS and CSL-JSON keep title, author, outlet, URL, no date and the access date`, () => {
      const c = formatCitations(target, { accessed: ACCESSED });
      const bib = new Cite(c.bibtex).data as Csl[];
      const ris = new Cite(c.ris).data as Csl[];
      const csl = JSON.parse(c.csljson) as Csl[];
      expect(bib).toHaveLength(1);
      expect(ris).toHaveLength(1);
      expect(csl).toHaveLength(1);
      expect(kept(bib[0]!, target.url)).toEqual(want);
      expect(kept(ris[0]!, target.url)).toEqual(want);
      expect(kept(csl[0]!, target.url)).toEqual(want);
      // Types that read back as a web article (BibLaTeX @online) and a newspaper article (RIS NEWS, CSL).
      expect(bib[0]!.type).toBe('webpage');
      expect(ris[0]!.type).toBe('article-newspaper');
      expect(csl[0]!.type).toBe('article-newspaper');
    });
  }

  it('fails on a format that loses the access date (planted: the old BibTeX note-only form)', () => {
    const planted = [
      '@article{K,',
      `\tnote = {[Online; accessed ${ACCESSED}]},`,
      `\tauthor = {{${work.author}}},`,
      `\tjournal = {${work.publisher}},`,
      `\ttitle = {${work.title}},`,
      `\turl = {${targets[0]!.url}},`,
      '}',
    ].join('\n');
    const back = new Cite(planted).data as Csl[];
    expect(kept(back[0]!, targets[0]!.url)).not.toEqual(want);
  });
});
