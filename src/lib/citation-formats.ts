/**
 * The citation of one target (src/lib/citations.ts says what is cited) in APA 7, MLA 9, Chicago (notes and
 * bibliography), Harvard (Cite Them Right), BibTeX, RIS and CSL-JSON: one CSL-JSON item per target is the single
 * record, and citation-js formats it (CSL styles through citeproc, BibTeX and RIS through its plugins), so no
 * citation string is assembled here by hand. Pure: no Astro imports, no clock (the access date is an option). The
 * CSL styles and locales are bundled from ../csl/ as text (`?raw`), which works the same under vitest and
 * `astro build` (a path relative to import.meta.url would not survive bundling).
 *
 * CSL type: "article-newspaper". The article is an item published by a news outlet
 * (Tomorrow's Affairs), which reference managers record as a newspaper article (Zotero's news
 * site translators do), and the type keeps the outlet as `container-title`, distinct from the
 * title. In the styles it gives the documented forms for an undated online news article:
 * Chicago prints "n.d." (its webpage form has no date slot and prints only the access date),
 * Harvard puts the title in quotes with the outlet after it; APA and MLA print the same words
 * as for a webpage.
 *
 * BibLaTeX and RIS keep every field, the access date included, in the fields reference managers
 * read: BibLaTeX as an `@online` entry (the web article it is) with `urldate`, written by citation-js
 * from the same item typed `webpage` (its BibLaTeX writer has no newspaper type: `article-newspaper`
 * becomes a journal `@article`); RIS as `TY  - NEWS` in the 2011 tag set with `Y2` (access date),
 * `DA`/`PY` only when the work has a date, `T2` (the outlet) and `AU` (the author; the RIS spec
 * calls a newspaper article's author its "Reporter"). tests/unit/lib/citations-roundtrip.test.ts
 * parses all three back with citation-js.
 */
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import apaStyle from '../csl/apa.csl?raw';
import mlaStyle from '../csl/modern-language-association.csl?raw';
import chicagoStyle from '../csl/chicago-notes-bibliography.csl?raw';
import harvardStyle from '../csl/harvard-cite-them-right.csl?raw';
import enUS from '../csl/locales-en-US.xml?raw';
import enGB from '../csl/locales-en-GB.xml?raw';
import { defined } from './defined.ts';
import type { CitationTarget } from './citations.ts';

/** Options of `formatCitations`. */
export interface CitationOptions {
  /** Access date as YYYY-MM-DD: the date the build stands for (never the clock, so output is reproducible). */
  accessed: string;
}

/** In-text citations (APA, MLA, Harvard) and the Chicago note, with the target's locator. */
export interface InTextCitations {
  apa: string;
  mla: string;
  /** A full first note, as Chicago notes-bibliography gives it. */
  chicago: string;
  harvard: string;
}

/** A target's citation in every format, as plain text (the page escapes it like any text). */
export interface FormattedCitations {
  /** APA 7 reference list entry. */
  apa: string;
  /** MLA 9 works-cited entry. */
  mla: string;
  /** Chicago 18 (notes and bibliography) bibliography entry. */
  chicago: string;
  /** Harvard (Cite Them Right) reference list entry. */
  harvard: string;
  /** BibLaTeX entry (@online, with urldate), which BibTeX-based tools also read. */
  bibtex: string;
  /** RIS record (TY NEWS … Y2 … ER). */
  ris: string;
  /** CSL-JSON: an array with the target's item. */
  csljson: string;
  inText: InTextCitations;
}

/** The CSL styles used, with the locale each is formatted in. */
const STYLES = {
  apa: { name: 'story-apa', xml: apaStyle, lang: 'en-US' },
  mla: { name: 'story-modern-language-association', xml: mlaStyle, lang: 'en-US' },
  chicago: { name: 'story-chicago-notes-bibliography', xml: chicagoStyle, lang: 'en-US' },
  // Cite Them Right is a British guide; en-GB gives its "no date" and day-month dates.
  harvard: { name: 'story-harvard-cite-them-right', xml: harvardStyle, lang: 'en-GB' },
} as const;
const LOCALES = { 'en-US': enUS, 'en-GB': enGB } as const;

/**
 * Registers the styles and locales with citation-js's CSL plugin. Its registers are global to
 * the plugin; adding is idempotent, so this runs before each use rather than at import. Our
 * names are prefixed so that they never collide with the plugin's bundled "apa" (whose
 * citeproc engine the plugin caches by name).
 */
function registerStyles(): void {
  const csl = plugins.config.get('@csl');
  for (const s of Object.values(STYLES)) if (!csl.styles.has(s.name)) csl.styles.add(s.name, s.xml);
  for (const [lang, xml] of Object.entries(LOCALES))
    if (!csl.locales.has(lang) || csl.locales.get(lang) !== xml) csl.locales.add(lang, xml);
}

/** CSL date-parts of a YYYY, YYYY-MM or YYYY-MM-DD date; throws on anything else. */
function dateParts(iso: string, field: string): { 'date-parts': number[][] } {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso);
  if (!m) throw new Error(`citations: ${field} "${iso}" is not a date as YYYY, YYYY-MM or YYYY-MM-DD`);
  const parts = m
    .slice(1)
    .filter((p): p is string => p !== undefined)
    .map(Number);
  const [year = Number.NaN, month = Number.NaN, day] = parts;
  if (parts.length > 1 && (month < 1 || month > 12))
    throw new Error(`citations: ${field} "${iso}" has no month ${month}`);
  if (day !== undefined && (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()))
    throw new Error(`citations: ${field} "${iso}" has no day ${day}`);
  return { 'date-parts': [parts] };
}

/**
 * BibTeX key: citation-js accepts only letters, digits and "_" in a key (it replaces any other
 * key with one made from author and title, the same for every target).
 */
function bibtexKey(key: string): string {
  return `TomorrowsAffairs_${key.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** The target's CSL-JSON item. `issued` is set only when the work has a date. */
export function cslItem(target: CitationTarget, options: CitationOptions): Record<string, unknown> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.accessed))
    throw new Error(`citations: accessed "${options.accessed}" is not a date as YYYY-MM-DD`);
  const { work } = target;
  return {
    id: target.key,
    'citation-key': bibtexKey(target.key),
    type: 'article-newspaper',
    author: [{ literal: work.author }],
    title: work.title,
    'container-title': work.publisher,
    language: work.language,
    URL: target.url,
    accessed: dateParts(options.accessed, 'accessed'),
    ...(work.issued ? { issued: dateParts(work.issued, 'issued') } : {}),
  };
}

/** A CSL date as RIS writes one: "YYYY/MM/DD/" (the parts there are, zero-padded). */
function risDate(date: { 'date-parts': number[][] }): string {
  const [y, m, d] = defined(date['date-parts'][0], 'the parts of a CSL date');
  const two = (n: number | undefined) => (n === undefined ? '' : String(n).padStart(2, '0'));
  return `${y}/${two(m)}/${two(d)}/`;
}

/**
 * RIS record, in the 2011 tag set: TY NEWS, TI, AU, T2 (outlet), LA, UR, Y2 (access date) and,
 * only when the work has a date, PY and DA. The tags come from citation-js as objects (its "new"
 * spec); AU is added from the item because citation-js writes a NEWS record's author only from a CSL
 * `reporter`, and the dates are written zero-padded. One tag per line, because citation-js's text
 * output breaks every value after 70 characters, splitting the title and long URLs.
 */
function risRecord(cite: Cite, item: Record<string, unknown>): string {
  const records = cite.format('ris', { spec: 'new', format: 'object' }) as Record<string, string | string[]>[];
  const authors = (item.author as { literal: string }[]).map((a) => a.literal);
  const accessed = item.accessed as { 'date-parts': number[][] };
  const issued = item.issued as { 'date-parts': number[][] } | undefined;
  const order = ['TI', 'AU', 'T2', 'LA', 'UR', 'PY', 'DA', 'Y2'];
  return records
    .map(({ TY, ID: _id, Y2: _y2, DA: _da, PY: _py, AU: _au, ...rest }) => {
      const tags: Record<string, string | string[]> = { ...rest, AU: authors, Y2: risDate(accessed) };
      if (issued) {
        tags.PY = String(defined(issued['date-parts'][0], 'the parts of the issued date')[0]);
        tags.DA = risDate(issued);
      }
      const keys = [...order.filter((k) => k in tags), ...Object.keys(tags).filter((k) => !order.includes(k))];
      const lines = [`TY  - ${TY}`];
      for (const tag of keys)
        for (const v of [tags[tag] ?? []].flat()) lines.push(`${tag}  - ${String(v).replace(/\s*\n\s*/g, ' ')}`);
      lines.push('ER  - ');
      return lines.join('\n');
    })
    .join('\n');
}

/** BibLaTeX `@online` entry with `urldate` (and `date` when the work has one), from the item typed as a web page. */
function biblatexEntry(item: Record<string, unknown>): string {
  const online = new Cite({ ...item, type: 'webpage' });
  return String(online.format('biblatex', { format: 'text' })).trim();
}

/** The target's citation in every format. */
export function formatCitations(target: CitationTarget, options: CitationOptions): FormattedCitations {
  registerStyles();
  const item = cslItem(target, options);
  const cite = new Cite(item);
  const entry = (style: keyof typeof STYLES) =>
    String(
      cite.format('bibliography', { template: STYLES[style].name, lang: STYLES[style].lang, format: 'text' }),
    ).trim();
  const citeItem = {
    id: target.key,
    ...(target.locator ? { locator: target.locator.value, label: target.locator.label } : {}),
  };
  const inText = (style: keyof typeof STYLES) =>
    String(
      cite.format('citation', {
        template: STYLES[style].name,
        lang: STYLES[style].lang,
        format: 'text',
        entry: [citeItem],
      }),
    ).trim();
  return {
    apa: entry('apa'),
    mla: entry('mla'),
    chicago: entry('chicago'),
    harvard: entry('harvard'),
    bibtex: biblatexEntry(item),
    ris: risRecord(cite, item),
    csljson: String(cite.format('data', { format: 'text' })),
    inText: { apa: inText('apa'), mla: inText('mla'), chicago: inText('chicago'), harvard: inText('harvard') },
  };
}
