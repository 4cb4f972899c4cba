import { describe, expect, it } from 'vitest';
import { standaloneSvg } from '../../../src/build/chart-export.ts';
import { labelWidth } from '../../../src/charts/marks/text.ts';

const drawing = {
  svg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 200"></svg>',
  width: 360,
  height: 200,
};
const opts = { credit: 'Credit line', licence: 'CC BY 4.0' };
/** The title's lines as the file draws them (bold 16 px texts at x=8). */
const titleLines = (svg: string) =>
  [...svg.matchAll(/<text x="8" y="\d+" font-size="16" font-weight="700"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
const fileHeight = (svg: string) =>
  Number(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="(\d+)"/.exec(svg)?.[1]);

describe('standaloneSvg: a downloaded chart', () => {
  it('keeps a short title on one line', () => {
    const svg = standaloneSvg(drawing, { ...opts, title: 'Republic Day, 2023' });
    expect(titleLines(svg)).toEqual(['Republic Day, 2023']);
  });

  it('wraps a long title inside the file instead of cutting it at the edge', () => {
    const title =
      'Courtesy and campaigns: the messages Moscow sent to Astana and the campaigns that ran in the same seasons, ' +
      '2022 to 2025';
    const short = standaloneSvg(drawing, { ...opts, title: 'Short' });
    const svg = standaloneSvg(drawing, { ...opts, title });
    const lines = titleLines(svg);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe(title);
    // Bold 16 px text, estimated a tenth wider than regular, fits between the 8 px margins.
    for (const l of lines) expect(labelWidth(l, 16) * 1.1).toBeLessThanOrEqual(360 - 16);
    // The file grows by the extra lines, so the chart below is not covered.
    expect(fileHeight(svg) - fileHeight(short)).toBe((lines.length - 1) * 21);
  });
});
