/**
 * "Cite this": every citable part of the story (the whole story, each chapter, each paragraph,
 * each figure) and its citation in APA 7, MLA 9, Chicago (notes and bibliography), Harvard
 * (Cite Them Right), BibTeX, RIS and CSL-JSON. One CSL-JSON item per target is the single
 * record; citation-js formats it (CSL styles through citeproc, BibTeX and RIS through its
 * plugins), so no citation string is assembled here by hand.
 *
 * Pure: no Astro imports, no clock, no network.
 *
 * What is cited. Every target cites the article itself (its headline, its author, its outlet);
 * only the URL changes, to the target's anchor in this edition. A section or paragraph is named
 * where the styles have a place for it: as the locator of the in-text citation or note
 * ("Section …", "para. 5"). Reference entries have no such place in all four styles (Harvard
 * renders no `section` variable; changing the title would misname the work), so there the
 * anchored URL alone points to the part.
 *
 * How each target is written in every format: src/lib/citation-formats.ts.
 */

import type { OutlineBlock } from './chapter-outline.ts';

/** The work every target cites: the article. */
export interface CitedWork {
  /** The article's headline. */
  title: string;
  /** Author as a group name, cited as written (CSL `literal`), e.g. "Tomorrow's Affairs Staff". */
  author: string;
  /** The outlet that published it (CSL `container-title`), e.g. "Tomorrow's Affairs". */
  publisher: string;
  /** BCP 47 language of the article (CSL `language`; English titles get title case in MLA and Chicago). */
  language: string;
  /**
   * Publication date as YYYY, YYYY-MM or YYYY-MM-DD; null or absent while unknown (styles then print their no-date
   * form).
   */
  issued?: string | null;
}

/** A chapter as the content collection holds it. */
export interface ChapterInput {
  /** Chapter id: the anchor of its heading on the story page. */
  id: string;
  /** Section heading (for the opening chapter, the headline). */
  title: string;
  /** Position in the story, 1-based. */
  order: number;
  kind: 'opening' | 'section';
  /** The chapter's paragraphs and placed charts in document order: its outline (src/lib/chapter-outline.ts). */
  blocks: readonly Pick<OutlineBlock, 'kind' | 'id'>[];
}

/** A chart as the content collection holds it (only id and title are used). */
export interface ChartInput {
  id: string;
  title: string;
}

/** Everything `citationTargets` needs. */
export interface CitationInput {
  work: CitedWork;
  chapters: readonly ChapterInput[];
  /**
   * Charts; a chart becomes a target only where a chapter places it (<Scrolly chart="id">), since only there it has an
   * anchor.
   */
  charts: readonly ChartInput[];
  /**
   * The site's origin (Astro `site`, from STORY_SITE), e.g. "https://example.org". A path in it is replaced by `base`.
   */
  site: string | URL;
  /** The base path the story is served at (import.meta.env.BASE_URL, from STORY_BASE), e.g. "/" or "/kz/". */
  base: string;
  /** Words for the targets' titles. */
  words: {
    /** Title of a paragraph target; "{id}" is replaced by the paragraph id, "{chapter}" by the chapter title. */
    paragraphTitle: string;
  };
}

export type TargetKind = 'story' | 'chapter' | 'paragraph' | 'figure';

/** A locator as CSL has it: what part of the work an in-text citation or note points to. */
export interface Locator {
  label: 'section' | 'paragraph';
  value: string;
}

/** One citable part of the story. */
export interface CitationTarget {
  /**
   * Stable key, the path segment of /cite/<key>/: "story", a chapter id, a paragraph id ("p05") or "fig-<chart id>".
   */
  key: string;
  kind: TargetKind;
  /** What is cited, in words: the headline, a chapter title, "Paragraph p05 in the chapter “…”", a chart title. */
  title: string;
  /** Element id on the story page; null for the whole story. */
  anchor: string | null;
  /** Absolute URL: site + base, then "#anchor" where there is one. */
  url: string;
  /** Id of the chapter the target is in (a chapter's own id); null for the whole story. */
  chapter: string | null;
  /**
   * Locator for in-text citations and notes: a section's title, or a paragraph's position in the
   * article (1-based, counted as APA counts paragraphs). None for the story, the opening chapter
   * (it has no heading of its own) and figures (the article has no figures; this edition's charts
   * are not numbered parts of it).
   */
  locator: Locator | null;
  /** The work cited. */
  work: CitedWork;
}

/** Key of the whole-story target. */
export const STORY_KEY = 'story';

/** The story's URL: `base` on `site`, always with a trailing slash (the site uses trailingSlash: "always"). */
export function storyUrl(site: string | URL, base: string): string {
  const path = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  return new URL(path, site).href;
}

/**
 * Every citable target in document order: the story, then each chapter (by `order`) followed by
 * its paragraphs and figures. Throws when two targets would share a key (a chapter id equal to
 * "story", a paragraph id or a "fig-" key), since /cite/<key>/ must name one thing.
 */
export function citationTargets(input: CitationInput): CitationTarget[] {
  const { work, words } = input;
  const base = storyUrl(input.site, input.base);
  const chartTitles = new Map(input.charts.map((c) => [c.id, c.title]));
  const targets: CitationTarget[] = [
    { key: STORY_KEY, kind: 'story', title: work.title, anchor: null, url: base, chapter: null, locator: null, work },
  ];
  let position = 0;
  const at = (anchor: string) => `${base}#${anchor}`;
  for (const chapter of [...input.chapters].sort((a, b) => a.order - b.order)) {
    targets.push({
      key: chapter.id,
      kind: 'chapter',
      title: chapter.title,
      anchor: chapter.id,
      url: at(chapter.id),
      chapter: chapter.id,
      locator: chapter.kind === 'section' ? { label: 'section', value: chapter.title } : null,
      work,
    });
    for (const { kind, id } of chapter.blocks) {
      if (kind === 'paragraph') {
        position += 1;
        targets.push({
          key: id,
          kind,
          title: words.paragraphTitle.replaceAll('{id}', id).replaceAll('{chapter}', chapter.title),
          anchor: id,
          url: at(id),
          chapter: chapter.id,
          locator: { label: 'paragraph', value: String(position) },
          work,
        });
      } else {
        const title = chartTitles.get(id);
        if (title === undefined)
          throw new Error(
            `citations: chapter "${chapter.id}" places chart "${id}", which is not among the charts ` +
              `(${[...chartTitles.keys()].join(', ') || 'none'})`,
          );
        const anchor = `fig-${id}`;
        targets.push({ key: anchor, kind, title, anchor, url: at(anchor), chapter: chapter.id, locator: null, work });
      }
    }
  }
  const seen = new Map<string, CitationTarget>();
  for (const t of targets) {
    const prev = seen.get(t.key);
    if (prev)
      throw new Error(
        `citations: the ${t.kind} "${t.title}" and the ${prev.kind} "${prev.title}" share the key "${t.key}"; ` +
          'keys name /cite/<key>/ pages and must be unique',
      );
    seen.set(t.key, t);
  }
  return targets;
}

/**
 * The work as the content holds it: headline and byline from the opening chapter, outlet,
 * language and date from the sources.json entry of kind "article".
 */
export function citedWork(
  chapters: readonly { kind: string; title: string; byline?: string | undefined }[],
  article: { publisher: string; language: string; date: string | null } | undefined,
): CitedWork {
  const opening = chapters.find((c) => c.kind === 'opening');
  if (!opening) throw new Error('citations: no chapter has kind "opening" (it carries the headline and byline)');
  if (!opening.byline) throw new Error('citations: the opening chapter has no byline (the author cited)');
  if (!article)
    throw new Error(
      'citations: content/data/sources.json has no entry of kind "article" (its outlet, language and date are cited)',
    );
  return {
    title: opening.title,
    author: opening.byline,
    publisher: article.publisher,
    language: article.language,
    issued: article.date,
  };
}

/** The target with `key`; throws naming the keys there are. */
export function targetByKey(targets: readonly CitationTarget[], key: string): CitationTarget {
  const t = targets.find((x) => x.key === key);
  if (!t) throw new Error(`citations: unknown target "${key}"; allowed: ${targets.map((x) => x.key).join(', ')}`);
  return t;
}
