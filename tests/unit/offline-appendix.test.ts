/** The offline file takes back what the online story links to on pages of its own (src/build/offline-appendix.ts). */
import { describe, expect, it } from 'vitest';
import { restoreAppendix } from '../../src/build/offline-appendix.ts';
import { parseHtml, writeHtml } from '../../src/build/html-tree.ts';

const story = (base = '/') =>
  `<nav><a href="${base}sources/">Sources</a><a href="${base}notes/">Notes</a></nav>` +
  `<p id="p01">Text.</p><details class="sources-note" id="note-a"><summary>Flag</summary>` +
  `<p>Finding. <a href="${base}notes/#note-a">Sources of this note</a></p></details>` +
  `<figure id="fig-x"></figure>` +
  `<footer><section aria-labelledby="sources"><h2 id="sources">Sources</h2><p>2 sources, on a page of their own: ` +
  `<a href="${base}sources/">Sources of this edition</a></p></section></footer>`;
const sourcesPage = (base = '/') =>
  `<main><ol class="sources"><li id="src-s1">Pub, <cite>T</cite>. <a href="https://a.example/1" class="url">u</a>` +
  `<br><span class="source-uses">Used for: <a href="${base}#fig-x">Chart</a>; ` +
  `<a href="${base}notes/#note-a">Note</a></span></li></ol></main>`;
const notesPage = () =>
  `<div class="sources-note" id="note-a"><h3>Flag</h3><p>Finding. <span class="note-sources">(` +
  `<a href="https://a.example/1" hreflang="ru" rel="noopener">Pub</a>)</span></p></div>`;

function run(html: string, pages: Record<string, string>, base = '/') {
  const tree = parseHtml(html);
  restoreAppendix(tree, { base, readPage: (p) => pages[p], sourcesIntro: 'Every page.' });
  return writeHtml(tree);
}

describe('restoreAppendix', () => {
  it('puts the list where the story links to it, and each note’s sources in place of its link', () => {
    const out = run(story(), { 'sources/index.html': sourcesPage(), 'notes/index.html': notesPage() });
    expect(out).toContain(
      '<section aria-labelledby="sources"><h2 id="sources">Sources</h2><p>Every page.</p><ol class="sources">',
    );
    expect(out).toContain(
      '<p>Finding. <span>(<a href="https://a.example/1" hreflang="ru" rel="noopener">Pub</a>)</span></p>',
    );
    // Links between the three places are fragments in the file; the notes page itself stays an online link.
    expect(out).toContain('<a href="#sources">Sources</a><a href="/notes/">Notes</a>');
    expect(out).toContain('Used for: <a href="#fig-x">Chart</a>; <a href="#note-a">Note</a>');
    expect(out).not.toContain('Sources of this note');
    expect(out).not.toContain('on a page of their own');
  });

  it('works under a base path', () => {
    const out = run(
      story('/kz/'),
      { 'sources/index.html': sourcesPage('/kz/'), 'notes/index.html': notesPage() },
      '/kz/',
    );
    expect(out).toContain('<a href="#fig-x">Chart</a>');
    expect(out).toContain('<span>(<a href="https://a.example/1"');
  });

  it('fails, naming each thing missing, when a page or a note’s sources are not in the build', () => {
    expect(() => run(story(), {})).toThrow(
      /no sources page \(sources\/index\.html\)[\s\S]*no notes page \(notes\/index\.html\)/,
    );
    expect(() =>
      run(story(), {
        'sources/index.html': sourcesPage(),
        'notes/index.html': notesPage().replace('note-a', 'note-b'),
      }),
    ).toThrow(/note note-a: no sources on notes\/index\.html/);
    expect(() => run(story(), { 'sources/index.html': '<p>no list</p>', 'notes/index.html': notesPage() })).toThrow(
      /has no <ol class="sources">/,
    );
  });

  it('leaves a page that links to neither alone', () => {
    const html = '<p id="p01">Text.</p>';
    expect(run(html, {})).toBe(writeHtml(parseHtml(html)));
  });
});
