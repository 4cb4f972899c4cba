/**
 * The key (src/components/Legend.astro): it lists what the chart draws, and its swatches are painted in the drawings'
 * palette, light and dark (its style declares the two tokens it uses).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type KeyMark, keyKinds, markKinds } from '../../../src/components/legend-kinds.ts';
import { markShape } from '../../../src/charts/lanes/marks.ts';
import { placedMark } from '../charts/placed-mark.ts';
import { paletteOf } from '../../../src/charts/marks/palette.ts';

const bar: KeyMark = { shape: 'day', claimed: false, uncertain: false };

describe('the key lists the kinds of mark drawn', () => {
  it('a plain bar is "known to the day"; nothing else is listed', () => {
    expect(keyKinds([bar])).toEqual(['day']);
  });
  it('a report bar, a claim and an uncertain bar are listed as such, not as "known to the day"', () => {
    expect(keyKinds([{ ...bar, report: true }])).toEqual(['report']);
    expect(keyKinds([{ ...bar, claimed: true }])).toEqual(['claim']);
    expect(keyKinds([{ ...bar, uncertain: true }])).toEqual(['uncertain']);
  });
  it('points, month bands and clusters each have their key, in the fixed order', () => {
    expect(
      keyKinds([{ ...bar, shape: 'cluster' }, { ...bar, shape: 'open' }, { ...bar, shape: 'point' }, bar]),
    ).toEqual(['day', 'minute', 'month', 'cluster']);
  });
  it('no marks, no key', () => {
    expect(keyKinds([])).toEqual([]);
  });
});

describe('the key names each mark as the chart draws it (markShape)', () => {
  const pal = paletteOf('light');
  const looks = (m: KeyMark) => {
    const placed = placedMark({ ...m, x0: 10, x1: 60, y: 20 });
    const markup = String(markShape(placed, 'p', pal));
    const hollow = markup.includes(`fill="${pal.paper}"`) && markup.includes('stroke-dasharray');
    return {
      claim: hollow,
      uncertain: markup.includes('-hatch-'),
      report: markup.includes('report-tick'),
      month: markup.includes('fill-opacity="0.12"'),
      cluster: markup.includes('fill-opacity="0.1"'),
      minute: markup.includes('<circle') && !hollow,
      day:
        markup.startsWith('<rect') &&
        !hollow &&
        !markup.includes('-hatch-') &&
        !markup.includes('report-tick') &&
        !markup.includes('fill-opacity'),
    };
  };
  for (const shape of ['point', 'day', 'open', 'cluster'] as const)
    for (const claimed of [false, true])
      for (const uncertain of [false, true])
        for (const report of [false, true]) {
          const m: KeyMark = { shape, claimed, uncertain, report };
          const flags = { claimed, uncertain, report };
          const name = [shape, ...Object.entries(flags).flatMap(([k, on]) => (on ? [k] : []))].join(', ');
          it(name, () => {
            const seen = Object.entries(looks(m))
              .filter(([, yes]) => yes)
              .map(([kind]) => kind)
              .sort();
            expect([...markKinds(m)].sort()).toEqual(seen);
          });
        }
});

describe("the key's colours", () => {
  const css = readFileSync('src/components/Legend.astro', 'utf8');
  const tokens = (block: string) => ({
    context: /--kz-context:\s*(#[0-9a-f]+)/i.exec(block)?.[1],
    paper: /--kz-paper:\s*(#[0-9a-f]+)/i.exec(block)?.[1],
  });
  it('are the light palette on the page', () => {
    const light = /^\s*\.legend \{[^}]*--kz-context[^}]*\}/m.exec(css)?.[0] ?? '';
    expect(tokens(light)).toEqual({ context: paletteOf('light').context, paper: paletteOf('light').paper });
  });
  it('are the dark palette in dark mode: the story with the reader, an embed with its theme', () => {
    const scheme =
      new RegExp(
        String.raw`@media \(prefers-color-scheme: dark\) \{\s*:root:not\(\.embed\) \.legend,\s*` +
          String.raw`html\.embed\[data-theme="auto"\] \.legend \{[^}]*\}`,
      ).exec(css)?.[0] ?? '';
    const embed = /^\s*html\.embed\[data-theme="dark"\] \.legend \{[^}]*\}/m.exec(css)?.[0] ?? '';
    for (const block of [scheme, embed])
      expect(tokens(block)).toEqual({ context: paletteOf('dark').context, paper: paletteOf('dark').paper });
  });
});
