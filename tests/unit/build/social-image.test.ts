/**
 * Social cards carry a picture (src/build/social-image.ts): the story's carries the hero strip, a chapter's its
 * chart; the title stays legible at half size (600 x 315). SOCIAL_PNG=dir writes the cards to look at them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hero } from '../../../src/charts/hero.ts';
import { chartFunctions } from '../../../src/charts/index.ts';
import { socialPng, socialSvg } from '../../../src/build/social-image.ts';
import { chartSchema, eventSchema, heroSchema } from '../../../src/schemas.ts';
import { ui } from '../../../src/lib/ui.ts';

const events = new Map(
  (JSON.parse(readFileSync('content/data/events.json', 'utf8')) as unknown[])
    .map((e) => eventSchema.parse(e))
    .map((e) => [e.id, e]),
);
const words = heroSchema.parse(JSON.parse(readFileSync('content/data/hero.json', 'utf8')));

describe('social cards with the picture', () => {
  it('nests the hero strip under a title set at >= 40 px (>= 20 px at 600 x 315)', () => {
    const h = hero(events, words, { width: 760, fontSize: 14 });
    const svg = socialSvg({
      kicker: 'K',
      title: 'Frequent storms of Russian disinformation in Kazakhstan - a response to the loss of influence',
      byline: 'B',
      picture: { markup: h.svg, width: h.width, height: h.height },
    });
    expect(svg).toContain('class="hero-svg"');
    const sizes = [...svg.matchAll(/<text x="72" y="[\d.]+" font-size="(\d+)" font-weight="700" fill="#1d1d1d">/g)].map(
      (m) => Number(m[1]),
    );
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(40);
    // The picture keeps its proportions and stays on the card.
    const m = /<svg x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"><svg xmlns/.exec(svg)!;
    const [x, y, w, hh] = m.slice(1).map(Number) as [number, number, number, number];
    expect(x + w).toBeLessThanOrEqual(1200);
    expect(y + hh).toBeLessThanOrEqual(630);
    expect(Math.abs(w / hh - h.width / h.height)).toBeLessThan(0.05);
  });
  it.runIf(Boolean(process.env.SOCIAL_PNG))('renders the story card and a chapter card', () => {
    const out = process.env.SOCIAL_PNG!;
    mkdirSync(out, { recursive: true });
    const h = hero(events, words, { width: 760, fontSize: 14 });
    writeFileSync(
      join(out, 'social-story.png'),
      socialPng({
        kicker: 'Edition',
        title: 'Frequent storms of Russian disinformation in Kazakhstan - a response to the loss of influence',
        byline: 'B',
        picture: { markup: h.svg, width: h.width, height: h.height },
      }),
    );
    const chart = chartSchema.parse(JSON.parse(readFileSync('content/data/charts/republic-day.json', 'utf8')));
    const input = {
      chart,
      events: chart.events.map((id) => events.get(id)!),
      actors: new Map(),
      sources: new Map(),
      playbook: { narratives: [], countries: [], cells: [] },
      text: ui('en'),
    } as never;
    const d = chartFunctions.lanes(input, { width: 760, idPrefix: 's' });
    writeFileSync(
      join(out, 'social-threats.png'),
      socialPng({
        kicker: 'Edition',
        title: 'Threats',
        byline: 'B',
        picture: { markup: d.svg, width: d.width, height: d.height },
      }),
    );
  });
});
