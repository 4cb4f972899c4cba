import { describe, expect, it } from 'vitest';
import { type LightChapterInput, compressedSizes, lightHtml, lightPage } from '../../../src/lib/light-page.ts';

/** A random-looking drawing that compresses badly, so budgets bite (synthetic, test only). */
function noisySvg(seed: number, n: number): string {
  let x = seed;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    parts.push(`<rect x="${x % 997}" y="${(x >> 8) % 991}" width="${x % 13}" height="${x % 17}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 400">${parts.join('')}</svg>`;
}

function chapter(drawings: [string, string | null][], text = 'A sentence of the article.'): LightChapterInput {
  return {
    lang: 'en',
    id: 'threats',
    title: 'Congratulations followed by threats',
    blocks: [
      {
        kind: 'paragraph',
        id: 'p05',
        text,
        notes: [
          {
            id: 'n1',
            finding: 'What the record shows <b>.',
            sources: [{ publisher: 'TASS', url: 'https://tass.com/x', language: 'en' }],
          },
        ],
      },
      ...drawings.map(([id, drawing]) => ({
        kind: 'figure' as const,
        id,
        title: `Chart ${id}`,
        drawing,
        facts: [`Step of ${id} & more`],
        href: `/#fig-${id}`,
      })),
    ],
    prev: { href: '/light/opening.html', label: 'Opening' },
    next: { href: '/light/discrediting.html', label: 'Discrediting state policy' },
    contents: { href: '/light/', label: 'Contents' },
    full: { href: '/#threats', label: 'This chapter in the full story' },
    words: {
      edition: 'Light edition',
      contents: 'Contents',
      note: 'What the sources show',
      facts: 'What the chart shows',
      fullChart: 'The full chart',
      licence: { href: 'https://creativecommons.org/licenses/by/4.0/', label: 'CC BY 4.0' },
    },
  };
}

describe('lightPage', () => {
  it('keeps every drawing that fits, and puts previous, contents and next within the first 1,000 bytes', () => {
    const { html, drawn } = lightPage(chapter([['a', noisySvg(1, 20)]]));
    expect(drawn).toEqual(['a']);
    const head = Buffer.from(html).subarray(0, 1000).toString();
    for (const href of ['/light/opening.html', '/light/', '/light/discrediting.html'])
      expect(head).toContain(`href="${href}"`);
    expect(html).not.toMatch(/<script|<link |\bsrc=/);
  });
  it('replaces the largest drawing by its key facts first when the page is over budget', () => {
    const small = noisySvg(2, 40);
    const large = noisySvg(3, 900);
    const input = chapter([
      ['small', small],
      ['large', large],
    ]);
    const fits = compressedSizes(lightHtml(input, new Set(['small'])));
    const budget = Math.max(fits.brotli, fits.gzip) + 50;
    const { html, drawn } = lightPage(input, budget);
    expect(drawn).toEqual(['small']);
    expect(html).toContain('Step of large &amp; more');
    expect(compressedSizes(html).brotli).toBeLessThanOrEqual(budget);
    expect(compressedSizes(html).gzip).toBeLessThanOrEqual(budget);
  });
  it('stops the build, naming the page and its size, when even the text does not fit', () => {
    expect(() => lightPage(chapter([['a', noisySvg(4, 10)]], 'x'.repeat(5000) + noisySvg(5, 400)), 600)).toThrow(
      /light page "threats": \d+ B brotli \/ \d+ B gzip without any drawing; allowed: 600 B each/,
    );
  });
  it('escapes every string from data', () => {
    const html = lightHtml(chapter([]), new Set());
    expect(html).toContain('What the record shows &lt;b&gt;.');
    expect(html).not.toContain('<b>.');
  });
});
