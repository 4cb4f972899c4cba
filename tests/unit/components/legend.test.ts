/**
 * The key (src/components/Legend.astro): it lists what the chart draws, and its swatches are painted in the drawings'
 * palette, light and dark (its style declares the two tokens it uses).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type KeyMark, keyKinds } from '../../../src/components/legend-kinds.ts';
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
  it('are the dark palette in dark mode', () => {
    const dark = /@media \(prefers-color-scheme: dark\) \{\s*\.legend \{[^}]*\}/.exec(css)?.[0] ?? '';
    expect(tokens(dark)).toEqual({ context: paletteOf('dark').context, paper: paletteOf('dark').paper });
  });
});
