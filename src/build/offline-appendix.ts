/**
 * The offline edition's appendix: what the online story leaves to pages of its own (issue #14) comes back into the
 * one file, taken from those built pages, so the file stays complete without a network.
 * - The sources list (/sources/, `ol.sources`) takes the place of the story's line that links to it (the section
 *   `#sources`), after the list's intro.
 * - Each note's sources (/notes/, `#note-<id> .note-sources`) take the place of the note's link to them.
 * - Links between these places become fragments inside the file: the story's links to /sources/ go to #sources, the
 *   list's links back to the story (`<base>#fig-…`) and to the notes page (`<base>notes/#note-…`) to `#fig-…` and
 *   `#note-…`.
 * Fails, naming what is missing, if a page or a note's sources cannot be found: the file would be incomplete.
 */
import { attr, type Element, findAll, is, parseHtml, type Root, setAttr, text, h } from './html-tree.ts';
import { normaliseBase } from './offline-assets.ts';

export interface AppendixOptions {
  base: string;
  /** Reads a built page by its path inside the build ("sources/index.html"), or undefined if there is none. */
  readPage: (path: string) => string | undefined;
  /** The sources list's intro (ui sources.intro). */
  sourcesIntro: string;
}

const SOURCES_PAGE = 'sources/index.html';
const NOTES_PAGE = 'notes/index.html';

/** The story's `<section>` that holds `<h2 id="sources">`. */
function sourcesSection(tree: Root): Element | undefined {
  return findAll(
    tree,
    (el) =>
      el.tagName === 'section' &&
      el.children.some((c) => c.type === 'element' && c.tagName === 'h2' && attr(c, 'id') === 'sources'),
  )[0];
}

/** Puts the sources list and every note's sources back into the story's tree (see the module comment). */
export function restoreAppendix(tree: Root, options: AppendixOptions): void {
  const base = normaliseBase(options.base);
  const problems: string[] = [];
  // Only what the story leaves to those pages is needed: a story that links to neither needs neither page.
  const links = findAll(tree, (el) => el.tagName === 'a').map((a) => attr(a, 'href') ?? '');
  const wantsSources = links.includes(`${base}sources/`);
  const notes = findAll(tree, (el) => is(el, 'details', 'sources-note'));
  const sourcesHtml = wantsSources ? options.readPage(SOURCES_PAGE) : undefined;
  const notesHtml = notes.length > 0 ? options.readPage(NOTES_PAGE) : undefined;
  if (wantsSources && sourcesHtml === undefined) problems.push(`no sources page (${SOURCES_PAGE}) in the build`);
  if (notes.length > 0 && notesHtml === undefined) problems.push(`no notes page (${NOTES_PAGE}) in the build`);
  const list =
    sourcesHtml === undefined ? undefined : findAll(parseHtml(sourcesHtml), (el) => is(el, 'ol', 'sources'))[0];
  if (sourcesHtml !== undefined && !list) problems.push(`${SOURCES_PAGE} has no <ol class="sources">`);
  const section = wantsSources ? sourcesSection(tree) : undefined;
  if (wantsSources && !section)
    problems.push('the story has no <section> with <h2 id="sources"> to hold the sources list');
  // Each note's sources, by the note's id.
  const noteSources = new Map<string, Element>();
  if (notesHtml !== undefined) {
    for (const note of findAll(parseHtml(notesHtml), (el) => is(el, 'div', 'sources-note'))) {
      const span = findAll(note, (el) => is(el, 'span', 'note-sources'))[0];
      const id = attr(note, 'id');
      if (id && span) noteSources.set(id, span);
    }
  }
  for (const note of notes) {
    const id = attr(note, 'id') ?? '';
    const span = noteSources.get(id);
    const link = findAll(note, (el) => el.tagName === 'a' && attr(el, 'href') === `${base}notes/#${id}`)[0];
    if (!span || !link) {
      problems.push(
        `note ${id || '(no id)'}: ${span ? 'no link to its sources in the story' : `no sources on ${NOTES_PAGE}`}`,
      );
      continue;
    }
    // The link becomes the sources themselves: the span replaces the <a> in place.
    Object.assign(link, { tagName: 'span', properties: {}, children: span.children });
  }
  if (problems.length > 0)
    throw new Error(`offline edition: the appendix cannot be put back:\n  - ${problems.join('\n  - ')}`);
  if (section && list) {
    const heading = section.children.find((c) => c.type === 'element' && c.tagName === 'h2') as Element;
    section.children = [heading, h('p', {}, [text(options.sourcesIntro)]), list];
  }
  // Links between the story, the list and the notes: fragments inside the file.
  const local = (href: string): string | undefined => {
    if (href === `${base}sources/`) return '#sources';
    for (const page of ['', 'notes/', 'sources/']) {
      const prefix = `${base}${page}#`;
      if (href.startsWith(prefix)) return `#${href.slice(prefix.length)}`;
    }
    return undefined;
  };
  for (const a of findAll(tree, (el) => el.tagName === 'a')) {
    const to = local(attr(a, 'href') ?? '');
    if (to !== undefined) setAttr(a, 'href', to);
  }
}
