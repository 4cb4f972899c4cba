import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { cslItem, formatCitations } from '../../../src/lib/citation-formats.ts';
import { chapterOutline } from '../../../src/lib/chapter-outline.ts';
import {
  citationTargets,
  citedWork,
  storyUrl,
  targetByKey,
  type ChapterInput,
  type CitationInput,
  type CitationTarget,
} from '../../../src/lib/citations.ts';
import ui from '../../../content/data/ui.en.json';

const root = join(import.meta.dirname, '..', '..', '..');
const content = join(root, 'content');

/** The chapters as files, read independently of the code under test. */
const chapterNames = readdirSync(join(content, 'chapters'))
  .filter((f) => f.endsWith('.mdx'))
  .sort();
const chapterFiles = chapterNames.map((f) => readFileSync(join(content, 'chapters', f), 'utf8'));
const chapters = chapterFiles.map((text, i) => {
  const file = `content/chapters/${chapterNames[i]}`;
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text)!;
  const data = parseYaml(fm[1]!) as Omit<ChapterInput, 'blocks'> & { byline?: string };
  return { ...data, blocks: chapterOutline(file, text).blocks };
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
const article = sources.find((s) => s.kind === 'article');

const HEADLINE = 'Frequent storms of Russian disinformation in Kazakhstan - a response to the loss of influence';
const HEADLINE_TITLE_CASE =
  'Frequent Storms of Russian Disinformation in Kazakhstan - a Response to the Loss of Influence';
const SITE = 'https://example.org';
const BASE = '/kz-story/';
const STORY = 'https://example.org/kz-story/';
const ACCESSED = '2025-01-15';
/** citeproc prints apostrophes as typographic ones; either is the author's name. */
const AUTHOR = "Tomorrow['’]s Affairs Staff";
const OUTLET = "Tomorrow['’]s Affairs";
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function input(overrides: Partial<CitationInput> = {}): CitationInput {
  return {
    work: citedWork(chapters, article),
    chapters,
    charts,
    site: SITE,
    base: BASE,
    words: { paragraphTitle: ui.cite.paragraphTitle },
    ...overrides,
  };
}

const targets = citationTargets(input());
const p05 = targetByKey(targets, 'p05');
const cited = formatCitations(p05, { accessed: ACCESSED });
const URL_P05 = `${STORY}#p05`;

describe('the cited work', () => {
  it('is the article: headline, its staff as author, its outlet, no date while the data has none', () => {
    expect(targets[0]!.work).toEqual({
      title: HEADLINE,
      author: "Tomorrow's Affairs Staff",
      publisher: "Tomorrow's Affairs",
      language: 'en',
      issued: null,
    });
  });
  it('needs an opening chapter with a byline and the article source', () => {
    expect(() =>
      citedWork(
        chapters.filter((c) => c.kind !== 'opening'),
        article,
      ),
    ).toThrow(/opening/);
    expect(() => citedWork(chapters, undefined)).toThrow(/kind "article"/);
  });
});

describe('citationTargets', () => {
  const idsIn = (re: RegExp) => chapterFiles.flatMap((t) => [...t.matchAll(re)].map((m) => m[1]!));

  it('gives every chapter a target whose URL points at its heading', () => {
    const ids = chapterFiles.map((t) => /^id:\s*(\S+)/m.exec(t)![1]!);
    expect(ids.length).toBeGreaterThan(1);
    for (const id of ids) {
      const t = targetByKey(targets, id);
      expect(t.kind).toBe('chapter');
      expect(t.url).toBe(`${STORY}#${id}`);
    }
  });

  it('gives every paragraph a target titled with its chapter, in document order', () => {
    const ids = idsIn(/<P id="(p\d+)"/g);
    expect(ids.length).toBeGreaterThan(10);
    expect(targets.filter((t) => t.kind === 'paragraph').map((t) => t.key)).toEqual(ids);
    expect(p05).toMatchObject({
      kind: 'paragraph',
      anchor: 'p05',
      url: URL_P05,
      chapter: 'threats',
      title: 'Paragraph p05 in the chapter “Congratulations followed by threats”',
    });
    expect(p05.locator).toEqual({ label: 'paragraph', value: String(ids.indexOf('p05') + 1) });
  });

  it('gives every placed chart a figure target with its title and #fig- anchor', () => {
    const placed = idsIn(/<Scrolly chart="([^"]+)"/g);
    expect(placed.length).toBeGreaterThan(0);
    for (const id of placed) {
      const t = targetByKey(targets, `fig-${id}`);
      expect(t).toMatchObject({
        kind: 'figure',
        title: charts.find((c) => c.id === id)!.title,
        url: `${STORY}#fig-${id}`,
      });
    }
  });

  it('starts with the whole story, whose URL is the base path without an anchor', () => {
    expect(targets[0]).toMatchObject({ key: 'story', kind: 'story', title: HEADLINE, anchor: null, url: STORY });
  });

  it('has unique keys, each usable as a path segment, and every anchored URL ends in "#" + anchor', () => {
    const keys = targets.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of targets) {
      expect(t.key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(t.url).toBe(t.anchor ? `${STORY}#${t.anchor}` : STORY);
    }
  });

  it('names sections as locators but not the opening (no heading) or figures (not parts of the article)', () => {
    expect(targetByKey(targets, 'threats').locator).toEqual({
      label: 'section',
      value: 'Congratulations followed by threats',
    });
    expect(targetByKey(targets, 'opening').locator).toBeNull();
    expect(targetByKey(targets, 'fig-republic-day').locator).toBeNull();
  });

  it('refuses two targets with one key', () => {
    const clash = { id: 'p05', title: 'Clash', order: 99, kind: 'section' as const, blocks: [] };
    expect(() => citationTargets(input({ chapters: [...chapters, clash] }))).toThrow(/share the key "p05"/);
    expect(() => citationTargets(input({ chapters: [...chapters, { ...clash, id: 'story' }] }))).toThrow(
      /share the key "story"/,
    );
  });

  it('refuses a chapter that places an unknown chart', () => {
    const bad = {
      id: 'extra',
      title: 'Extra',
      order: 99,
      kind: 'section' as const,
      blocks: [{ kind: 'figure' as const, id: 'nope' }],
    };
    expect(() => citationTargets(input({ chapters: [...chapters, bad] }))).toThrow(/chart "nope"/);
  });

  it('names the allowed keys for an unknown one', () => {
    expect(() => targetByKey(targets, 'p999')).toThrow(/allowed: story, opening, p01/);
  });
});

describe('storyUrl', () => {
  it('puts the base path on the site, with one trailing slash', () => {
    expect(storyUrl('https://example.org', '/')).toBe('https://example.org/');
    expect(storyUrl('https://example.org', '/kz')).toBe('https://example.org/kz/');
    expect(storyUrl('https://example.org/', '/kz/')).toBe('https://example.org/kz/');
    expect(storyUrl(new URL('http://127.0.0.1:4321'), '/a/b/')).toBe('http://127.0.0.1:4321/a/b/');
  });
});

describe('formatCitations for a paragraph', () => {
  /** Each style's reference-list entry and in-text citation, as whole-string patterns. */
  const styles: { style: 'apa' | 'mla' | 'chicago' | 'harvard'; what: string; full: string; inText: string }[] = [
    {
      // APA 7 (9.16) adds a retrieval date for an undated page that may change; the style prints it.
      style: 'apa',
      what: 'APA 7: group author. (n.d.). Title. Site. [Retrieved date, from] URL with anchor',
      full:
        `${AUTHOR}\\. \\(n\\.d\\.\\)\\. ${esc(HEADLINE)}\\. ${OUTLET}\\. ` +
        `(Retrieved January 15, 2025, from )?${esc(URL_P05)}`,
      inText: `\\(${AUTHOR}, n\\.d\\., para\\. 5\\)`,
    },
    {
      style: 'mla',
      what: 'MLA 9: author. “Title.” Container, URL. Accessed date. (no date, so the access date)',
      full: `${AUTHOR}\\. “${esc(HEADLINE_TITLE_CASE)}\\.” ${OUTLET}, ${esc(URL_P05)}\\. Accessed 15 Jan\\. 2025\\.`,
      inText: `\\(${AUTHOR}, par\\. 5\\)`,
    },
    {
      style: 'chicago',
      what: 'Chicago notes and bibliography: bibliography entry with n.d., note with the paragraph',
      full:
        `${AUTHOR}\\. “${esc(HEADLINE_TITLE_CASE)}\\.” ${OUTLET}, n\\.d\\. ` +
        `(Accessed January 15, 2025\\. )?${esc(URL_P05)}\\.`,
      inText: `${AUTHOR}, “${esc(HEADLINE_TITLE_CASE)},” ${OUTLET}, n\\.d\\., para\\. 5, .*${esc(URL_P05)}\\.`,
    },
    {
      style: 'harvard',
      what: 'Harvard (Cite Them Right): author (no date) ‘Title’, Site. Available at: URL (Accessed: date).',
      full:
        `${AUTHOR} \\(no date\\) ‘${esc(HEADLINE)}’, ${OUTLET}\\. ` +
        `Available at: ${esc(URL_P05)} \\(Accessed: 15 January 2025\\)\\.`,
      inText: `\\(${AUTHOR}, no date, para\\. 5\\)`,
    },
  ];
  it.each(styles)('$what', ({ style, full, inText }) => {
    expect(cited[style]).toMatch(new RegExp(`^${full}$`));
    expect(cited.inText[style]).toMatch(new RegExp(`^${inText}$`));
  });

  it('BibLaTeX: an @online entry with author, title, outlet, the anchored URL and urldate', () => {
    expect(cited.bibtex).toMatch(/^@online\{TomorrowsAffairs_p05,/);
    expect(cited.bibtex).toContain("author = {{Tomorrow's Affairs Staff}}");
    expect(cited.bibtex).toContain(`url = {${URL_P05}}`);
    expect(cited.bibtex).toContain(`urldate = {${ACCESSED}}`);
    expect(cited.bibtex).not.toMatch(/\b(year|date)\s*=/);
  });

  it(
    'RIS: a NEWS record, one whole value per line, with author, title, outlet, the anchored URL and the access ' +
      'date (Y2)',
    () => {
      const lines = cited.ris.split('\n');
      expect(lines[0]).toBe('TY  - NEWS');
      expect(lines.at(-1)).toBe('ER  - ');
      for (const line of lines) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
      expect(lines).toContain("AU  - Tomorrow's Affairs Staff");
      expect(lines).toContain(`TI  - ${HEADLINE}`);
      expect(lines).toContain("T2  - Tomorrow's Affairs");
      expect(lines).toContain(`UR  - ${URL_P05}`);
      expect(lines).toContain('Y2  - 2025/01/15/');
      expect(lines.some((l) => /^(PY|Y1|DA)/.test(l))).toBe(false);
    },
  );

  /**
   * BibLaTeX and RIS read back by citation-js: the same work, and the author as one name (where each format puts it).
   */
  const readBack: { format: 'bibtex' | 'ris'; type: string; author: (item: Record<string, unknown>) => unknown }[] = [
    {
      format: 'bibtex',
      type: 'webpage',
      author: (item) => {
        const [name] = item.author as { family?: string; literal?: string; given?: string }[];
        expect(name!.given).toBeUndefined();
        return name!.literal ?? name!.family;
      },
    },
    // The RIS spec names a newspaper article's author (AU) its "Reporter"; citation-js reads it into CSL `reporter`.
    { format: 'ris', type: 'article-newspaper', author: (item) => item.reporter },
  ];
  it.each(readBack)('$format parses back to the same work and author', ({ format, type, author }) => {
    const [back] = new Cite(cited[format]).data as Record<string, unknown>[];
    expect(back).toMatchObject({
      type,
      title: HEADLINE,
      URL: URL_P05,
      'container-title': "Tomorrow's Affairs",
      accessed: { 'date-parts': [[2025, 1, 15]] },
    });
    expect(author(back!)).toBe("Tomorrow's Affairs Staff");
  });

  it('CSL-JSON: valid JSON, one item with the fields and no issued date', () => {
    const items = JSON.parse(cited.csljson) as Record<string, unknown>[];
    expect(items).toHaveLength(1);
    expect(items[0]).toEqual({
      id: 'p05',
      'citation-key': 'TomorrowsAffairs_p05',
      type: 'article-newspaper',
      author: [{ literal: "Tomorrow's Affairs Staff" }],
      title: HEADLINE,
      'container-title': "Tomorrow's Affairs",
      language: 'en',
      URL: URL_P05,
      accessed: { 'date-parts': [[2025, 1, 15]] },
    });
  });

  it('is plain text: no markup in any format', () => {
    for (const v of [cited.apa, cited.mla, cited.chicago, cited.harvard, ...Object.values(cited.inText)])
      expect(v).not.toMatch(/<[a-z/]/i);
  });
});

describe('formatCitations for the other targets', () => {
  const format = (key: string) => formatCitations(targetByKey(targets, key), { accessed: ACCESSED });

  it('a chapter: the article, its heading anchor, the section named in the in-text citation', () => {
    const c = format('threats');
    expect(c.apa).toContain(`${STORY}#threats`);
    expect(c.apa).toContain(HEADLINE);
    expect(c.inText.apa).toContain('Congratulations followed by threats');
    expect(c.inText.mla).toContain('Congratulations followed by threats');
  });

  it('a figure: the article with the figure anchor, no locator', () => {
    const c = format('fig-republic-day');
    expect(c.harvard).toContain(`Available at: ${STORY}#fig-republic-day `);
    expect(c.inText.apa).toMatch(new RegExp(`^\\(${AUTHOR}, n\\.d\\.\\)$`));
    expect(JSON.parse(c.csljson)[0].URL).toBe(`${STORY}#fig-republic-day`);
  });

  it('the story: the URL without an anchor', () => {
    const c = format('story');
    expect(c.apa.endsWith(STORY)).toBe(true);
    expect(c.ris).toContain(`UR  - ${STORY}\n`);
  });

  it('gives every target distinct BibTeX keys', () => {
    const keys = targets.map((t) => /^@\w+\{([^,]+),/.exec(formatCitations(t, { accessed: ACCESSED }).bibtex)![1]);
    expect(new Set(keys).size).toBe(targets.length);
  });
});

describe('dates', () => {
  it('uses the access date passed in, never the clock', () => {
    const a = formatCitations(p05, { accessed: '2031-03-02' });
    expect(a.mla).toMatch(/Accessed 2 Mar\. 2031\.$/);
    expect(a.harvard).toContain('(Accessed: 2 March 2031)');
    expect(formatCitations(p05, { accessed: ACCESSED })).toEqual(cited);
  });

  it('refuses an access date that is not YYYY-MM-DD', () => {
    expect(() => formatCitations(p05, { accessed: '15/01/2025' })).toThrow(/accessed "15\/01\/2025"/);
    expect(() => formatCitations(p05, { accessed: '2025-02-30' })).toThrow(/no day 30/);
  });

  it('prints the publication date instead of the no-date form once the data records one', () => {
    const dated: CitationTarget = { ...p05, work: { ...p05.work, issued: '2023-11' } };
    const c = formatCitations(dated, { accessed: ACCESSED });
    expect(c.apa).toMatch(new RegExp(`^${AUTHOR}\\. \\(2023, November\\)\\. `));
    expect(c.harvard).toMatch(new RegExp(`^${AUTHOR} \\(2023\\) `));
    expect(c.chicago).not.toContain('n.d.');
    expect(c.bibtex).toMatch(/date = \{2023-11\}/);
    expect(c.ris).toMatch(/^PY {2}- 2023$/m);
    expect(c.ris).toMatch(/^DA {2}- 2023\/11\/\/$/m);
    expect(c.ris).toMatch(/^Y2 {2}- 2025\/01\/15\/$/m);
    expect(cslItem(dated, { accessed: ACCESSED }).issued).toEqual({ 'date-parts': [[2023, 11]] });
    expect(() => cslItem({ ...p05, work: { ...p05.work, issued: '2023-13' } }, { accessed: ACCESSED })).toThrow(
      /no month 13/,
    );
  });
});
