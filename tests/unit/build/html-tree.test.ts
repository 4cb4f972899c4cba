/**
 * The build reads and rewrites HTML as a tree (src/build/html-tree.ts, issue 12 point 6): markup is found as a
 * browser finds it, whatever the attribute order or quoting, and written back with the escaping HTML needs.
 */
import { describe, expect, it } from 'vitest';
import {
  attr,
  findAll,
  is,
  parseHtml,
  renameAttr,
  setAttr,
  textOf,
  walk,
  writeHtml,
} from '../../../src/build/html-tree.ts';
import { makeOfflineHtml } from '../../../src/build/offline-edition.ts';

const roundTrip = (html: string) => writeHtml(parseHtml(html));

describe('parseHtml and writeHtml', () => {
  it('write a page back as it was, SVG elements without content self-closed', () => {
    const page =
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>' +
      '<p class="a b" data-x>x &amp; y &lt; z</p><svg viewBox="0 0 9 9"><path d="M0 0h9"/>' +
      '<rect x="1" width="2"></rect><text font-family="\'DejaVu Sans\'">A &amp; B</text></svg><br></body></html>';
    expect(roundTrip(page)).toBe(page.replace('<rect x="1" width="2"></rect>', '<rect x="1" width="2"/>'));
  });
  it('escape what HTML needs and nothing more', () => {
    expect(roundTrip('<p title="a &quot;b&quot; it\'s">it&#39;s &quot;q&quot; &gt; 1 &lt; 2</p>')).toBe(
      '<p title="a &quot;b&quot; it\'s">it\'s "q" > 1 &lt; 2</p>',
    );
  });
  it('read <noscript> content as markup and leave <script> text alone', () => {
    const tree = parseHtml('<noscript><p class="n">no script</p></noscript><script>if (a<b) x("</p>")</script>');
    expect(findAll(tree, (el) => is(el, 'p', 'n')).map(textOf)).toEqual(['no script']);
    expect(writeHtml(tree)).toContain('<script>if (a<b) x("</p>")</script>');
  });
});

describe('attributes', () => {
  it('are found whatever their order and quoting', () => {
    const [a, b] = findAll(parseHtml(`<a href='/x' class=mark>1</a><a class="mark other" HREF="/y">2</a>`), (el) =>
      is(el, 'a', 'mark'),
    );
    expect([attr(a!, 'href'), attr(b!, 'href')]).toEqual(['/x', '/y']);
    expect(is(a!, 'a', 'mark', true)).toBe(true);
    expect(is(b!, 'a', 'mark', true)).toBe(false);
  });
  it('keep their order when one is set or renamed, SVG spellings included', () => {
    const tree = parseHtml('<div id="d" data-offline-placeholder class="c"><svg><use xlink:href="#h"/></svg></div>');
    const [div] = findAll(tree, (el) => el.tagName === 'div');
    const [use] = findAll(tree, (el) => el.tagName === 'use');
    renameAttr(div!, 'data-offline-placeholder', 'data-offline-edition');
    setAttr(use!, 'xlink:href', '#g');
    expect(writeHtml(tree)).toBe('<div id="d" data-offline-edition class="c"><svg><use xlink:href="#g"/></svg></div>');
  });
});

describe('walk', () => {
  it('goes on where the callback says after a removal or replacement', () => {
    const tree = parseHtml('<ul><li>1</li><li class="x">2</li><li class="x">3</li><li>4</li></ul>');
    walk(tree, (el, parent, index) => {
      if (!is(el, 'li', 'x')) return;
      parent.children.splice(index, 1);
      return index;
    });
    expect(writeHtml(tree)).toBe('<ul><li>1</li><li>4</li></ul>');
  });
});

describe('makeOfflineHtml reads the page as a parser does', () => {
  const options = { site: 'https://example.org', base: '/', readAsset: () => undefined, editionNote: 'Offline.' };
  const page = (body: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;

  it('drops a mark title and a cite link whatever the attribute order and quotes', () => {
    const out = makeOfflineHtml(
      page(
        `<figure><div class="chart__svg chart__svg--narrow"><svg><g data-id="e1" class='mark'><title>Hover</title>` +
          `<circle r="2"/></g></svg></div></figure>` +
          `<p>Text <a aria-label="Cite" href="/cite/p1/" class="permalink cite-link">cite</a></p>`,
      ),
      options,
    );
    expect(out).not.toContain('Hover');
    expect(out).not.toContain('cite-link');
    expect(out).toContain('<circle r="2"/>');
  });
  it('turns the placeholder into the edition note, its other attributes kept in place', () => {
    const out = makeOfflineHtml(
      page('<div data-offline-placeholder class="offline-link"><a href="/offline/x.html">Download</a></div>'),
      options,
    );
    expect(out).toContain(
      '<div data-offline-edition class="offline-link">' +
        'Offline. <a href="https://example.org/">https://example.org/</a></div>',
    );
  });
  it('keeps markup-looking text as text', () => {
    const body = '<p>Write &lt;script&gt; or &lt;details class="embed-this"&gt; in prose.</p>';
    expect(makeOfflineHtml(page(body), options)).toContain(
      '<p>Write &lt;script> or &lt;details class="embed-this"> in prose.</p>',
    );
  });
});
