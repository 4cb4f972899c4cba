/**
 * Theme is an option of the chart function (decision 0003): the colours come from the palette of the theme asked
 * for, and a download bakes the light palette by option. Each test fails if the option is ignored.
 */
import { describe, expect, it } from 'vitest';
import { lanes } from '../../../src/charts/lanes.ts';
import { paletteCss, paletteOf, tokens } from '../../../src/charts/marks/palette.ts';
import { standaloneSvg } from '../../../src/build/chart-export.ts';
import { chartSvgFile } from '../../../src/build/render-files.ts';
import { contrast } from '../colour.ts';
import { readFileSync } from 'node:fs';
import { drawChart } from '../../../src/charts/index.ts';
import { hero } from '../../../src/charts/hero.ts';
import type { Theme } from '../../../src/charts/marks/palette.ts';
import { heroSchema } from '../../../src/schemas.ts';
import { chartIds, chartInput, chartOfKind, events, LAYOUTS } from './fixture.ts';

const LANES = ['official', 'disinformation', 'response', 'context'] as const;
const input = chartInput('republic-day');
/** The same input, typed as the lanes chart it is. */
const lanesInput = { ...input, chart: chartOfKind('republic-day', 'lanes') };
const fills = (svg: string, cls: string) =>
  [...svg.matchAll(new RegExp(`<text class="${cls}"[^>]*\\sfill="([^"]+)"`, 'g'))].map((m) => m[1]);

describe('palette', () => {
  it('dark values hold their contrast on the dark ground: words 4.5:1 (lane titles are words in lane colours)', () => {
    const dark = paletteOf('dark');
    for (const t of [...LANES, 'ink', 'inkSoft', 'muted'] as const)
      expect(contrast(dark[t], dark.paper), t).toBeGreaterThanOrEqual(4.5);
    expect(contrast(dark.highlightInk, dark.highlight)).toBeGreaterThanOrEqual(4.5);
  });
  it('dark values of the other charts hold theirs: words 4.5:1 on their grounds, marks and rules 3:1', () => {
    const dark = paletteOf('dark');
    const words: [keyof typeof tokens, keyof typeof tokens][] = [
      ['quiet', 'paper'],
      ['quiet', 'axisBand'],
      ['ink', 'tint'],
      ['disinformation', 'tint'],
      ['ink', 'land'],
      ['ink', 'sea'],
      ['countryInk', 'land'],
      ['highlightInk', 'focus'],
      ['official', 'land'],
      ['disinformation', 'land'],
      ['response', 'land'],
    ];
    for (const [t, on] of words) expect(contrast(dark[t], dark[on]), `${t} on ${on}`).toBeGreaterThanOrEqual(4.5);
    const marks: [keyof typeof tokens, keyof typeof tokens][] = [
      ['axis', 'paper'],
      ['axis', 'axisBand'],
      ['dayMark', 'paper'],
      ['link', 'paper'],
      ['coast', 'land'],
    ];
    for (const [t, on] of marks) expect(contrast(dark[t], dark[on]), `${t} on ${on}`).toBeGreaterThanOrEqual(3);
  });
  it('light (the default) and dark are literal values; page the custom properties paletteCss declares', () => {
    expect(paletteOf().official).toBe(tokens.official[0]);
    expect(paletteOf('light').official).toBe(tokens.official[0]);
    expect(paletteOf('dark').official).toBe(tokens.official[1]);
    expect(paletteOf('page').official).toBe('var(--kz-official)');
    const css = paletteCss();
    const [light = '', dark = ''] = css.split('@media (prefers-color-scheme:dark)');
    for (const t of Object.keys(tokens) as (keyof typeof tokens)[]) {
      expect(light).toContain(`--kz-${t}:${tokens[t][0]};`.replace(/;$/, ''));
      expect(dark).toContain(`--kz-${t}:${tokens[t][1]}`);
    }
    expect(paletteCss('.chart', false)).not.toContain('@media');
  });
});

describe('lanes(lanesInput, { theme })', () => {
  const light = lanes(lanesInput, { width: 760, theme: 'light' }).svg;
  const dark = lanes(lanesInput, { width: 760, theme: 'dark' }).svg;
  it('paints lane titles, day labels and hatches in the colours of the theme asked for', () => {
    const titles = fills(dark, 'lane-title');
    expect(titles.length).toBeGreaterThan(0);
    for (const f of titles) expect(LANES.map((l) => tokens[l][1])).toContain(f);
    expect(new Set(fills(dark, 'day-label'))).toEqual(new Set([tokens.inkSoft[1]]));
    expect(new Set(fills(light, 'day-label'))).toEqual(new Set([tokens.inkSoft[0]]));
    expect(dark).toMatch(new RegExp(`<pattern id="lanes-hatch-official"[^>]*><rect [^>]*fill="${tokens.paper[1]}"`));
  });
  it('draws no lane colour of the other theme on its marks', () => {
    const marks = dark.slice(dark.indexOf('<g class="mark'), dark.indexOf('<g class="annotations'));
    for (const l of LANES) expect(marks).not.toContain(tokens[l][0]);
    for (const l of LANES) expect(light).not.toContain(tokens[l][1]);
  });
  it('the default is the light drawing', () => {
    expect(lanes(lanesInput, { width: 760 }).svg).toBe(light);
  });
});

describe('downloads bake their theme by option', () => {
  const credit = { credit: 'c', licence: 'l' };
  it('standaloneSvg paints its ground and words in the theme asked for (default light)', () => {
    const d = { svg: '<svg viewBox="0 0 10 10"></svg>', width: 10, height: 10 };
    expect(standaloneSvg(d, { title: 't', ...credit })).toContain(`fill="${tokens.page[0]}"`);
    const dark = standaloneSvg(d, { title: 't', ...credit, theme: 'dark' });
    expect(dark).toContain(`fill="${tokens.page[1]}"`);
    expect(dark).not.toContain(`fill="${tokens.page[0]}"`);
  });
  it('chartSvgFile is light by default and passes its theme to the chart function', async () => {
    const light = await chartSvgFile(input, -1, credit);
    const dark = await chartSvgFile(input, -1, { ...credit, theme: 'dark' });
    expect(light).toContain(`fill="${tokens.official[0]}"`);
    expect(light).not.toContain(tokens.official[1]);
    expect(dark).toContain(`fill="${tokens.official[1]}"`);
  });
});

describe('every chart takes its colours from its theme', () => {
  const HEX = /#[0-9a-fA-F]{3,8}\b/g;
  const heroEvents = new Map(events.map((e) => [e.id, e]));
  const heroWords = heroSchema.parse(JSON.parse(readFileSync('content/data/hero.json', 'utf8')));
  const drawings: [string, (theme: Theme) => string][] = [
    ...chartIds.flatMap((id) =>
      Object.entries(LAYOUTS).map(
        ([layout, width]) =>
          [`${id} ${layout}`, (theme: Theme) => drawChart(chartInput(id), { width, theme }).svg] as [
            string,
            (theme: Theme) => string,
          ],
      ),
    ),
    ['hero', (theme) => hero(heroEvents, heroWords, { width: 400, theme }).svg],
  ];
  const light = new Set(Object.values(tokens).map((v) => v[0].toLowerCase()));
  const dark = new Set(Object.values(tokens).map((v) => v[1].toLowerCase()));
  for (const [name, draw] of drawings) {
    it(`${name}: page paints only custom properties, dark only dark values, light only light ones`, () => {
      expect(draw('page').match(HEX) ?? []).toEqual([]);
      expect(draw('page')).toMatch(/fill="var\(--kz-[a-zA-Z]+\)"/);
      const d = [...new Set(draw('dark').match(HEX) ?? [])].map((c) => c.toLowerCase());
      expect(d.length).toBeGreaterThan(0);
      expect(d.filter((c) => !dark.has(c))).toEqual([]);
      const l = [...new Set(draw('light').match(HEX) ?? [])].map((c) => c.toLowerCase());
      expect(l.filter((c) => !light.has(c))).toEqual([]);
    });
  }
});
