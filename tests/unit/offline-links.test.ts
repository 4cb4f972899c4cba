/** The offline edition carries each source's URL once (in the sources list) and no style rule that cannot match. */
import { describe, expect, it } from 'vitest';
import { parseHtml, type Root, writeHtml } from '../../src/build/html-tree.ts';
import { linkSourcesToList as linkPass, urlsShownByStyle as urlsPass } from '../../src/build/offline-compact.ts';
import { presentationToClasses as presentationPass, pruneUnusedCss as prunePass } from '../../src/build/offline-css.ts';
import { makeOfflineHtml } from '../../src/build/offline-edition.ts';

/** A pass over a parsed tree, as HTML in and HTML out. */
const onHtml = (pass: (tree: Root) => void) => (html: string) => {
  const tree = parseHtml(html);
  pass(tree);
  return writeHtml(tree);
};
const linkSourcesToList = onHtml(linkPass);
const urlsShownByStyle = onHtml(urlsPass);
const presentationToClasses = onHtml(presentationPass);
const pruneUnusedCss = onHtml(prunePass);

const entry = (id: string, url: string, lang: string) =>
  `<li id="${id}">${id}, <cite>Title</cite> (language: ${lang}). ` +
  `<a href="${url}" hreflang="${lang}" rel="noopener" class="url">${url}</a></li>`;
const entries = entry('src-a', 'https://a.example/1', 'ru') + entry('src-b', 'https://b.example/2', 'en');
const list = `<ol class="sources">${entries}</ol>`;

describe('linkSourcesToList', () => {
  const html =
    '<table><tr><td><a href="https://a.example/1" hreflang="ru" rel="noopener">A</a> ' +
    '<a href="https://other.example/" hreflang="de" rel="noopener">Other</a></td></tr></table>' +
    `<script type="application/ld+json">{"url":"https://a.example/1"}</script>${list}` +
    '<p><a href="https://b.example/2" rel="noopener">B</a></p>';
  const out = linkSourcesToList(html);

  it('points a cited source, before or after the list, at its entry', () => {
    expect(out).toContain('<a href="#src-a">A</a>');
    expect(out).toContain('<p><a href="#src-b">B</a></p>');
    expect(out.match(/https:\/\/a\.example\/1/g)).toHaveLength(3); // the list's href and text, and the JSON-LD
  });
  it('keeps links to pages that are not listed, without rel=noopener', () => {
    expect(out).toContain('<a href="https://other.example/" hreflang="de">Other</a>');
    expect(out).not.toContain('noopener');
  });
  it('keeps the list entries and their URLs, and leaves JSON-LD alone', () => {
    expect(out).toContain('<a href="https://a.example/1" class="url">https://a.example/1</a>');
    expect(out).toContain('<script type="application/ld+json">{"url":"https://a.example/1"}</script>');
  });
  it('gives every fragment link a target', () => {
    const ids = new Set([...out.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    for (const m of out.matchAll(/href="#([^"]+)"/g)) expect(ids.has(m[1])).toBe(true);
  });
  it('without a sources list, only drops rel=noopener', () => {
    expect(linkSourcesToList('<a href="https://a.example/1" rel="noopener">A</a>')).toBe(
      '<a href="https://a.example/1">A</a>',
    );
  });
});

describe('pruneUnusedCss', () => {
  const page = (css: string) => `<html><head><style>${css}</style></head><body><p class="para x">t</p></body></html>`;

  it('drops rules whose selectors name a class no element has, and empty @media blocks', () => {
    const out = pruneUnusedCss(
      page('.para{color:red}.gone{color:blue}.para,.gone b{margin:0}@media print{.gone{display:none}}p{a:b}'),
    );
    expect(out).toContain('<style>.para{color:red}.para{margin:0}p{a:b}</style>');
  });
  it('keeps :not()/:is() selectors, @font-face, keyframes and attribute values that look like classes', () => {
    const css =
      '.para:not(.gone){a:b}@font-face{font-family:x}@keyframes k{from{a:b}to{a:c}}' +
      'a[href$=".svg"]{a:b}@media (width>=40rem){.x{a:b}}';
    expect(pruneUnusedCss(page(css))).toBe(page(css));
  });
  it('drops rules that need a data-* attribute no element carries (step states need a script), outside :not()', () => {
    const css =
      '.para[data-active-step="0"] .x:not([data-steps~="0"]){a:b}.para[data-note]{c:d}.x:not([data-gone]){e:f}';
    const out = pruneUnusedCss(page(css).replace('<p class', '<p data-note class'));
    expect(out).toContain('<style>.para[data-note]{c:d}.x:not([data-gone]){e:f}</style>');
  });
  it('splits a selector list at its own commas only, never inside :is()', () => {
    const css = '.gone :is(circle,path){a:b}.para :is(circle, path),.gone{c:d}';
    expect(pruneUnusedCss(page(css))).toContain('<style>.para :is(circle, path){c:d}</style>');
  });
  it('does not count classes named only inside styles or scripts', () => {
    const html = `${page('.ghost{a:b}')}<script>el.className="ghost"</script>`;
    expect(pruneUnusedCss(html)).not.toContain('.ghost{a:b}');
  });
});

describe('makeOfflineHtml', () => {
  it('drops copy buttons (hidden until a script runs) and keeps the text they copy', () => {
    const page =
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>' +
      '<p class="cite__text" id="cite-story-apa">Staff. (n.d.). Title.</p>' +
      '<copy-button data-for="cite-story-apa"><button type="button" hidden>Copy</button>' +
      '<span class="visually-hidden" aria-live="polite"></span></copy-button></body></html>';
    const out = makeOfflineHtml(page, {
      site: 'https://example.org',
      base: '/',
      readAsset: () => undefined,
      editionNote: 'Offline edition.',
    });
    expect(out).not.toContain('copy-button');
    expect(out).not.toContain('<button');
    expect(out).toContain('<p class="cite__text" id="cite-story-apa">Staff. (n.d.). Title.</p>');
  });
});

describe('presentationToClasses', () => {
  const html =
    '<html><head><style>text{fill:red}</style></head><body><p fill="x">p</p><svg viewBox="0 0 9 9" fill="none">' +
    '<g class="mark"><text x="1" font-size="13" fill="#1d1d1d">a</text>' +
    '<text x="2" fill="#1d1d1d" font-size="13">b</text>' +
    '<circle r="2" fill="url(#h)" stroke-width="1.5" class="mark__dot"/></g></svg></body></html>';
  const out = presentationToClasses(html);

  it('moves each set of presentation attributes into one zero-specificity rule, before every other style sheet', () => {
    expect(out).toContain(
      '<head><style>:where(.p0){fill:#1d1d1d;font-size:13px}:where(.p1){fill:url(#h);stroke-width:1.5px}</style>' +
        '<style>text{fill:red}</style>',
    );
    expect(out).toContain('<text x="1" class="p0">a</text><text x="2" class="p0">b</text>');
    expect(out).toContain('<circle r="2" class="mark__dot p1"/>');
  });
  it('leaves the svg element and anything outside drawings alone', () => {
    expect(out).toContain('<p fill="x">p</p><svg viewBox="0 0 9 9" fill="none">');
    expect(presentationToClasses('<p fill="x">p</p>')).toBe('<p fill="x">p</p>');
  });
});

describe('urlsShownByStyle', () => {
  const entryWithUses =
    '<ol class="sources"><li id="src-a">Pub, <cite lang="ru">Title</cite> (n.d.; language: ru). ' +
    '<a href="https://a.example/1" class="url">https://a.example/1</a><br><span class="source-uses">Used for: ' +
    '<a href="#fig-x">Chart</a></span></li></ol>';
  it('makes the title the link, writes each URL once (the style sheet shows it) and drops the reverse index', () => {
    expect(urlsShownByStyle(`<p><a href="https://a.example/1">x</a></p>${entryWithUses}`)).toBe(
      '<p><a href="https://a.example/1">x</a></p><ol class="sources"><li id="src-a">Pub, ' +
        '<a href="https://a.example/1" ' +
        'class="url"><cite lang="ru">Title</cite></a> (n.d.; language: ru).</li></ol>',
    );
  });
});
