/**
 * The offline file (no script, no other file) shows each chart's narrow drawing inline where the story has a picture
 * of its drawing files (ChartGraphic, decision 0002), read from the build; a picture whose file is not in the build
 * stops it, naming the file.
 */
import { describe, expect, it } from 'vitest';
import { makeOfflineHtml } from '../../../src/build/offline-edition.ts';

const picture = (base: string) =>
  `<picture class="chart__picture"><source media="(min-width: 40rem)" srcset="${base}drawings/c.wide.svg" ` +
  `width="600" height="300"><img class="chart__img" src="${base}drawings/c.narrow.svg" width="320" height="400" ` +
  'alt="A chart." loading="lazy" decoding="async"></picture>';
const page = (base: string) =>
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>' +
  `<figure class="chart" id="fig-c"><div class="chart__frame">${picture(base)}</div></figure></body></html>`;
const narrow =
  '<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" viewBox="0 0 320 400" role="img">' +
  '<title>Narrow</title><g class="mark" data-id="e1"><rect x="1" y="2" width="3" height="4"/></g></svg>';

const offline = (base: string, files: Record<string, string>) =>
  makeOfflineHtml(page(base), {
    site: 'https://example.org',
    base,
    readAsset: (path) => (path in files ? Buffer.from(files[path] ?? '') : undefined),
    editionNote: 'Offline edition.',
  });

describe('the offline file draws each chart inline', () => {
  it('replaces the picture with the narrow drawing read from the build (also under a base path)', () => {
    for (const base of ['/', '/mirror/kz/']) {
      const out = offline(base, { 'drawings/c.narrow.svg': narrow, 'drawings/c.wide.svg': '<svg>wide</svg>' });
      expect(out).not.toContain('<picture');
      expect(out).not.toContain('<img');
      expect(out).not.toContain('wide</svg>');
      expect(out).toMatch(
        /<div class="chart__frame"><div class="chart__svg chart__svg--narrow"><svg [^>]*viewBox="0 0 320 400"/,
      );
      expect(out).toContain('<title>Narrow</title>');
      expect(out).toMatch(/<g class="mark"[^>]*><rect /);
    }
  });

  it('stops on a picture whose drawing is not a file of the build, naming it', () => {
    expect(() => offline('/', {})).toThrow(/\/drawings\/c\.narrow\.svg/);
    expect(() => offline('/', { 'drawings/c.narrow.svg': '<p>not a drawing</p>' })).toThrow(/not an SVG file/);
  });
});
