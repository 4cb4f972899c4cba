/**
 * What is not reading matter left the story for pages of its own (issue #14): the sources list (/sources/), every note
 * with its sources (/notes/), each chart's embed code (its data page, #embed). Reads the built dist/ (no build of its
 * own): the story keeps each note's flag and finding and links to the rest; the pages hold all of it; every link
 * between them lands on an element that exists.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  attr,
  type Element,
  findAll,
  is,
  type Parents,
  parseHtml,
  type Root,
  textOf,
} from '../../src/build/html-tree.ts';

const DIST = 'dist';
const BASE = (process.env.STORY_BASE ?? '/').replace(/\/?$/, '/');
const built = existsSync(join(DIST, 'index.html'));
const json = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const annotations = json<{ id: string; paragraph: string; articleText: string; finding: string; sources: string[] }[]>(
  'content/data/annotations.json',
);
const sourcesById = new Map(
  json<{ id: string; url?: string; publisher: string }[]>('content/data/sources.json').map((s) => [s.id, s]),
);
const charts = readdirSync('content/data/charts')
  .filter((f) => f.endsWith('.json'))
  .map((f) => json<{ id: string }>(join('content/data/charts', f)).id);
const page = (path: string): Root => parseHtml(readFileSync(join(DIST, path), 'utf8'));
const ids = (tree: Parents) => new Set(findAll(tree, (el) => attr(el, 'id') !== undefined).map((el) => attr(el, 'id')));
const links = (tree: Parents) => findAll(tree, (el) => el.tagName === 'a').map((a) => attr(a, 'href') ?? '');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** The built file a site link lands on, and its fragment. */
function target(href: string): { file: string; fragment: string } | undefined {
  const url = new URL(href, 'http://site.invalid/');
  if (url.origin !== 'http://site.invalid' || !url.pathname.startsWith(BASE)) return undefined;
  const path = url.pathname.slice(BASE.length);
  return { file: `${path}index.html`, fragment: decodeURIComponent(url.hash.slice(1)) };
}
/** Every site link of `tree` with a fragment that does not land on an element of its page. */
function unresolved(tree: Parents): string[] {
  const cache = new Map<string, Set<string | undefined>>();
  return links(tree).filter((href) => {
    const t = target(href);
    if (!t?.fragment) return false;
    if (!existsSync(join(DIST, t.file))) return true;
    if (!cache.has(t.file)) cache.set(t.file, ids(page(t.file)));
    return !cache.get(t.file)?.has(t.fragment);
  });
}

describe('the appendix on pages of its own (dist/)', () => {
  it('has a build to read', () => {
    if (!built) throw new Error('dist/index.html is missing: build the site first (`npm test` does this).');
  });
  it('finds a fragment that does not land (so the checks below can fail)', () => {
    expect(unresolved(parseHtml(`<a href="${BASE}#no-such-id-anywhere">x</a>`))).toEqual([
      `${BASE}#no-such-id-anywhere`,
    ]);
  });

  it.runIf(built)('the story carries no sources list, no note sources and no embed code, and links to each', () => {
    const story = page('index.html');
    expect(findAll(story, (el) => is(el, 'ol', 'sources'))).toEqual([]);
    expect(findAll(story, (el) => is(el, 'pre', 'snippet'))).toEqual([]);
    // Old links to #sources land where the list was, which links to the list's page; so do the contents.
    expect(ids(story).has('sources')).toBe(true);
    expect(links(story).filter((h) => h === `${BASE}sources/`).length).toBeGreaterThanOrEqual(2);
    const notes = findAll(story, (el) => is(el, 'details', 'sources-note'));
    expect(notes.map((n) => attr(n, 'id')).sort()).toEqual(annotations.map((a) => `note-${a.id}`).sort());
    for (const n of notes) {
      const a = annotations.find((x) => `note-${x.id}` === attr(n, 'id'))!;
      // Flag and finding in full; the sources one link away, and no source's own link here.
      expect(squash(textOf(findAll(n, (el) => el.tagName === 'summary')[0]!))).toContain(
        a.articleText.replace(/^"|"$/g, ''),
      );
      expect(squash(textOf(n))).toContain(squash(a.finding));
      expect(links(n)).toEqual([`${BASE}notes/#note-${a.id}`]);
    }
    for (const c of charts) {
      const embed = findAll(story, (el) => attr(el, 'id') === `embed-${c}`)[0];
      if (embed) expect(links(embed)).toEqual([`${BASE}data/${c}/#embed`]);
    }
    expect(unresolved(story)).toEqual([]);
  });

  it.runIf(built)('the notes page holds every note in full with all its sources, under its own id', () => {
    const notes = page('notes/index.html');
    for (const a of annotations) {
      const el = findAll(notes, (x) => attr(x, 'id') === `note-${a.id}`)[0];
      expect(el, a.id).toBeDefined();
      expect(squash(textOf(el!))).toContain(squash(a.finding));
      expect(squash(textOf(el!))).toContain(a.articleText.replace(/^"|"$/g, ''));
      const wanted = a.sources.map((s) => sourcesById.get(s)?.url).filter((u): u is string => !!u);
      expect(wanted.length, a.id).toBeGreaterThan(0);
      expect(links(el!).filter((h) => h.startsWith('http'))).toEqual(wanted);
      expect(links(el!)).toContain(`${BASE}#${a.paragraph}`);
    }
    expect(unresolved(notes)).toEqual([]);
  });

  it.runIf(built)(
    'the sources page lists every source the notes and the data pages cite, and its count is the story’s',
    () => {
      const list = findAll(page('sources/index.html'), (el) => is(el, 'ol', 'sources'))[0];
      expect(list).toBeDefined();
      const entries = findAll(list!, (el) => el.tagName === 'li' && (attr(el, 'id') ?? '').startsWith('src-'));
      const listed = new Set(
        entries.flatMap((li) => findAll(li, (el) => is(el, 'a', 'url')).map((a) => attr(a, 'href'))),
      );
      const cited = new Set<string>();
      for (const h of links(page('notes/index.html'))) if (h.startsWith('http')) cited.add(h);
      const story = page('index.html');
      for (const c of charts) {
        if (!findAll(story, (el) => attr(el, 'id') === `fig-${c}`)[0]) continue;
        for (const a of findAll(page(`data/${c}/index.html`), (el) => el.tagName === 'a' && !!el.properties.hrefLang))
          cited.add(attr(a, 'href') ?? '');
      }
      expect(cited.size).toBeGreaterThan(20);
      expect([...cited].filter((u) => !listed.has(u))).toEqual([]);
      // Every entry says where it is used, and each of those links lands.
      for (const li of entries)
        expect(findAll(li, (el) => is(el, 'span', 'source-uses')).length, attr(li, 'id')).toBe(1);
      expect(unresolved(list!)).toEqual([]);
      const where = findAll(story, (el) => attr(el, 'id') === 'sources')[0]!;
      const section = findAll(story, (el) => el.tagName === 'section' && el.children.includes(where))[0]!;
      expect(squash(textOf(section))).toContain(` ${entries.length} `);
    },
  );

  it.runIf(built)('each source a claim review rests on says, on the sources page, that the review uses it', () => {
    const notes = page('notes/index.html');
    const list = findAll(page('sources/index.html'), (el) => is(el, 'ol', 'sources'))[0]!;
    const entryOf = new Map(
      findAll(list, (el) => el.tagName === 'li').flatMap((li) =>
        findAll(li, (el) => is(el, 'a', 'url')).map((a) => [attr(a, 'href'), li] as const),
      ),
    );
    const reviews = findAll(notes, (el) => is(el, 'div', 'claim-review'));
    expect(reviews.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const review of reviews) {
      const id = attr(review, 'id') ?? '';
      // The paragraph after "where it appeared" (a direct child <p> with links): what the review rests on.
      const restsOn = review.children.filter(
        (el): el is Element =>
          el.type === 'element' && el.tagName === 'p' && !attr(el, 'class') && links(el).length > 0,
      );
      expect(restsOn, id).toHaveLength(1);
      for (const url of links(restsOn[0]!)) {
        const li = entryOf.get(url);
        const uses = li ? findAll(li, (el) => is(el, 'span', 'source-uses')).flatMap((span) => links(span)) : [];
        if (!uses.includes(`${BASE}notes/#${id}`)) missing.push(`${id}: ${url}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.runIf(built)('each chart in the story has its embed code on its data page (#embed)', () => {
    const story = page('index.html');
    const placed = charts.filter((c) => findAll(story, (el) => attr(el, 'id') === `embed-${c}`).length > 0);
    expect(placed.length).toBeGreaterThan(0);
    for (const c of placed) {
      const data = page(`data/${c}/index.html`);
      const embed = findAll(data, (el) => attr(el, 'id') === 'embed')[0];
      expect(embed, c).toBeDefined();
      const code = textOf(findAll(embed!, (el) => is(el, 'pre', 'snippet'))[0]!);
      expect(code).toContain(`/embed/${c}/`);
      expect(code).toMatch(/<iframe [^>]*title="[^"]+"/);
    }
  });
});
