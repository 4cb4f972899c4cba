/**
 * The hero strip (src/charts/hero.ts, words in content/data/hero.json): the article's claim beside the
 * documented record, days from the events' dates, the interval computed, nothing overlapping, small
 * enough for the first screen of a phone. HERO_PNG=dir writes PNGs to look at.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { hero, type HeroWords } from '../../../src/charts/hero.ts';
import { interval } from '../../../src/charts/marks/annotation.ts';
import { boxesOverlap } from '../../../src/charts/shared.ts';
import { eventSchema, heroSchema } from '../../../src/schemas.ts';
import { ui } from '../../../src/lib/ui.ts';

const EN = ui('en');

const events = new Map(
  (JSON.parse(readFileSync('content/data/events.json', 'utf8')) as unknown[])
    .map((e) => eventSchema.parse(e))
    .map((e) => [e.id, e]),
);
const words: HeroWords = heroSchema.parse(JSON.parse(readFileSync('content/data/hero.json', 'utf8')));

describe('hero strip', () => {
  // The page draws it at 400 (text sized for a phone); the social card at 760 with 14 px text.
  for (const [width, fontSize] of [
    [400, undefined],
    [760, 14],
    [320, undefined],
  ] as const) {
    it(`at ${width}px: text blocks do not overlap, inside the drawing, short enough`, () => {
      const d = hero(events, words, { width, fontSize });
      for (const [i, a] of d.boxes.entries()) {
        expect(a.x0).toBeGreaterThanOrEqual(0);
        expect(a.y1).toBeLessThanOrEqual(d.height);
        for (const b of d.boxes.slice(i + 1)) expect(boxesOverlap(a, b), JSON.stringify([a, b])).toBe(false);
      }
      // Shown ~330 px wide on a 360 px phone, it stays under ~45 % of an 800 px screen with room for its sentence,
      // and its text renders at >= 12 px there.
      if (width === 400) {
        expect((d.height * 330) / 400).toBeLessThanOrEqual(250);
        expect((Number(/font-size="(\d+)"/.exec(d.svg)![1]) * 330) / 400).toBeGreaterThanOrEqual(12);
      }
    });
  }
  it('draws the claim as a claim (dashed, italic) and the interval from the two dates', () => {
    const d = hero(events, words, { width: 400 });
    expect(d.svg).toContain('stroke-dasharray');
    expect(d.svg).toContain('font-style="italic"');
    expect(d.svg).toContain(`${words.intervalLead}: ${interval(events.get(words.from)!, events.get(words.to)!, EN)}`);
    // The fake's first post is dated "23 October or shortly before" (dateUncertain): two days at least, never exactly.
    expect(interval(events.get(words.from)!, events.get(words.to)!, EN)).toBe('at least 2 days');
    expect(words.sentence).not.toMatch(/same day/i);
  });
  it('fails loudly on an event outside 23-26 October or unknown', () => {
    expect(() => hero(events, { ...words, record: ['off-2023-11-09-putin-astana'] })).toThrow(/outside 23-26 October/);
    expect(() => hero(events, { ...words, claim: 'nope' })).toThrow(/unknown event ids nope/);
  });
  it.runIf(Boolean(process.env.HERO_PNG))('renders PNGs', () => {
    const out = process.env.HERO_PNG!;
    mkdirSync(out, { recursive: true });
    for (const width of [400, 760]) {
      const png = new Resvg(hero(events, words, { width, fontSize: width === 760 ? 14 : undefined }).svg, {
        background: '#fff',
        fitTo: { mode: 'zoom', value: 1.5 },
        font: { loadSystemFonts: true },
      })
        .render()
        .asPng();
      writeFileSync(join(out, `hero-${width}.png`), png);
    }
  });
});
