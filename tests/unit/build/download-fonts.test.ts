/** Downloaded SVGs refer to the site's font files instead of embedding base64 faces (issue #14 point 1). */
import { describe, expect, it } from 'vitest';
import { FONT_FILES, chartSvgFile, fontFaceCss, fontFile, missingGlyphs } from '../../../src/build/render-files.ts';
import { chartIds, chartInput } from '../charts/fixture.ts';

const BASE = 'https://example.org/story/downloads/fonts/';
const opts = { credit: 'Credit', licence: 'Licence: CC BY 4.0', fontBase: BASE };

describe('download fonts', () => {
  it('every chart file names the three faces by URL (a local DejaVu Sans first) and embeds none', async () => {
    for (const id of chartIds) {
      const svg = await chartSvgFile(chartInput(id), -1, opts);
      expect(svg).not.toMatch(/base64/);
      for (const f of FONT_FILES) expect(svg).toContain(`url(${BASE}${f.name}) format('woff2')`);
      expect(svg).toContain("src:local('DejaVuSans-Bold')");
      expect(svg.length).toBeLessThan(60_000);
    }
  });
  it('the font files are WOFF2 of bounded size, and an unknown name fails with the known ones', async () => {
    for (const f of FONT_FILES) {
      const bytes = await fontFile(f.name);
      expect(Buffer.from(bytes).subarray(0, 4).toString('latin1')).toBe('wOF2');
      expect(bytes.length).toBeLessThan(60_000);
    }
    expect(fontFaceCss(BASE).match(/@font-face/g)).toHaveLength(FONT_FILES.length);
    await expect(fontFile('nope.woff2')).rejects.toThrow(/no font file nope\.woff2; known: dejavu-sans-400\.woff2/);
  });
  it('names characters the font files lack, so a chart cannot silently need one', () => {
    expect(missingGlyphs('Astana – «Қазақстан» 30\u00a0km')).toEqual([]);
    expect(missingGlyphs('map \u4e2d\u56fd \u{1F600}')).toEqual(['\u4e2d', '\u56fd', '\u{1F600}']);
  });
});
