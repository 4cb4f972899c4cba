/**
 * Non-text contrast of the charts (WCAG 1.4.11): every colour a chart draws data with is at
 * least 3:1 against the backgrounds a chart sits on (#ffffff, the embed card and the table
 * rows; #fbfaf7, the story's page), and every text colour at least 4.5:1 (WCAG 1.4.3: chart
 * labels are 11-12 px). The colours are read from what the chart functions actually output, for
 * every drawable chart in content/data/charts/, at the two widths the site draws (760 and 360).
 *
 * What is not held to 3:1, and why, is listed below (EXEMPT and the generic rules in
 * `exemption`); anything else that is paler fails, so a new pale colour needs a reason here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartFunctions } from '../../src/charts/index.ts';
import { laneColours } from '../../src/charts/lanes.ts';
import type { ChartInput } from '../../src/charts/types.ts';
import { actorSchema, chartSchema, eventSchema, placeSchema, playbookSchema, sourceSchema } from '../../src/schemas.ts';
import { whenOf } from '../../src/prepare/when.ts';
import { sortKey } from '../../src/lib/dates.ts';
import { ui } from '../../src/lib/ui.ts';
import { contrast, luminance, parseColour } from './colour.ts';

const BACKGROUNDS = ['#ffffff', '#fbfaf7'] as const;
const WIDTHS = [760, 360] as const;

const minContrast = (colour: string) => Math.min(...BACKGROUNDS.map((bg) => contrast(colour, bg)));
const isWhite = (colour: string) => luminance(parseColour(colour)!) > 0.999;

// --- reading the SVG ---

/** One use of a colour: which paint, on which element, in which chart. */
interface Use {
  chart: string;
  width: number;
  tag: string;
  className: string;
  paint: 'fill' | 'stroke' | 'stop-color';
  colour: string;
  /** fill-opacity (or stroke-opacity) times opacity on the element. */
  opacity: number;
  /** The other paint of the same element (the stroke of a fill, the fill of a stroke). */
  partner?: string;
  inPattern: boolean;
  text: boolean;
}

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([\w:-]+)="([^"]*)"/g)) out[m[1]!] = m[2]!;
  for (const decl of (out.style ?? '').split(';')) {
    const [k, v] = decl.split(':').map((s) => s?.trim());
    if (k && v) out[k] = v;
  }
  return out;
}

/** Every fill, stroke and stop-color in an SVG string, with its context. */
function colourUses(svgText: string, chart: string, width: number): Use[] {
  const uses: Use[] = [];
  let patternDepth = 0;
  let textDepth = 0;
  for (const m of svgText.matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>/g)) {
    const [, closing, tag = '', attrText = '', selfClosing] = m;
    if (closing) {
      if (tag === 'pattern') patternDepth--;
      if (tag === 'text') textDepth--;
      continue;
    }
    const a = attributes(attrText);
    const opacity = Number(a.opacity ?? 1);
    for (const paint of ['fill', 'stroke', 'stop-color'] as const) {
      const colour = a[paint];
      if (!colour || colour === 'none' || colour === 'transparent' || colour.startsWith('url(')) continue;
      const own = Number(a[`${paint}-opacity`] ?? 1);
      uses.push({
        chart,
        width,
        tag,
        className: a.class ?? '',
        paint,
        colour,
        opacity: own * opacity,
        partner: paint === 'fill' ? a.stroke : paint === 'stroke' ? a.fill : undefined,
        inPattern: patternDepth > 0,
        text: tag === 'text' || tag === 'tspan' || textDepth > 0,
      });
    }
    if (!selfClosing) {
      if (tag === 'pattern') patternDepth++;
      if (tag === 'text') textDepth++;
    }
  }
  return uses;
}

// --- what may be paler than 3:1, and why ---

/**
 * Colours drawn as background or decoration, not as data. Each is named with the elements it
 * may appear on; the same colour on any other element is checked like any other.
 */
const EXEMPT: { colour: string; tags: string[]; className?: RegExp; why: string }[] = [
  { colour: '#d6d3cc', tags: ['line'], why: 'lanes: day gridlines; the day labels above each column carry the dates' },
  {
    colour: '#bdb9b0',
    tags: ['line'],
    why: 'lanes: separators between lanes; each lane is named by its title in the lane colour',
  },
  {
    colour: '#f3e9c6',
    tags: ['rect'],
    className: /\bday-mark\b/,
    why: 'lanes: background band behind a marked day (Republic Day); its label in #6b4e00 text says what it is',
  },
  { colour: '#e4edf1', tags: ['rect'], why: 'map: the sea, the surface the map is drawn on' },
];

/** Why a use needs no 3:1 contrast, or undefined when it does. */
function exemption(u: Use): string | undefined {
  if (isWhite(u.colour)) return 'white: halos, knock-outs and hollow interiors; the outline around them is checked';
  if (u.inPattern) return undefined; // pattern stripes are checked like any fill (the white ground is exempt above)
  const partnerPasses =
    u.partner !== undefined &&
    parseColour(u.partner) !== undefined &&
    !isWhite(u.partner) &&
    minContrast(u.partner) >= 3;
  if (u.paint === 'fill' && !u.text && u.opacity < 0.2 && partnerPasses)
    return 'a faint tint inside an outline that passes';
  if (u.paint === 'fill' && !u.text && partnerPasses)
    return 'an area whose outline (its own stroke) passes: the outline carries the shape';
  const listed = EXEMPT.find(
    (e) =>
      e.colour === u.colour.toLowerCase() && e.tags.includes(u.tag) && (!e.className || e.className.test(u.className)),
  );
  return listed?.why;
}

// --- the charts, drawn from the content as the build draws them ---

const readJson = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));

function chartInputs(): ChartInput[] {
  const events = (readJson('content/data/events.json') as unknown[]).map((e) => eventSchema.parse(e));
  const byId = new Map(events.map((e) => [e.id, e]));
  const actors = new Map(
    (readJson('content/data/actors.json') as unknown[]).map((a) => actorSchema.parse(a)).map((a) => [a.id, a]),
  );
  const sources = new Map(
    (readJson('content/data/sources.json') as unknown[]).map((s) => sourceSchema.parse(s)).map((s) => [s.id, s]),
  );
  const playbook = playbookSchema.parse(readJson('content/data/playbook.json'));
  const dir = 'content/data/charts';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => chartSchema.parse(readJson(join(dir, f))))
    .map((chart) => ({
      chart,
      events: chart.events.map((id) => byId.get(id)!).sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
      actors,
      sources,
      playbook,
      places: placeSchema.array().parse(readJson('content/data/places.json')),
      when: new Map(chart.events.map((id) => [id, whenOf(byId.get(id)!, chart.window?.zone ?? 'UTC')])),
      text: ui('en'),
    }));
}

const inputs = chartInputs();
const uses = inputs.flatMap((input) =>
  WIDTHS.flatMap((width) =>
    colourUses(chartFunctions[input.chart.kind](input, { width, idPrefix: `t-${width}` }).svg, input.chart.id, width),
  ),
);
// The key's swatches are drawn by Legend.astro's style in the palette's `context` and `paper`
// (tests/unit/components/legend.test.ts).

describe('chart colours', () => {
  it('draws at least one chart and reads its colours', () => {
    expect(inputs.length).toBeGreaterThan(0);
    expect(uses.length).toBeGreaterThan(0);
  });

  it('every lane colour is at least 3:1 against #ffffff and #fbfaf7 (and 4.5:1, as lane titles are text)', () => {
    const low = Object.entries(laneColours)
      .map(([lane, c]) => ({ lane, c, ratio: minContrast(c) }))
      .filter((x) => x.ratio < 4.5)
      .map((x) => `${x.lane} ${x.c}: ${x.ratio.toFixed(2)}:1`);
    expect(low).toEqual([]);
  });

  it('uses only colours this test can read (hex, rgb() or white/black)', () => {
    const unreadable = uses
      .filter((u) => !parseColour(u.colour))
      .map((u) => `${u.chart}: ${u.paint}="${u.colour}" on <${u.tag}>`);
    expect([...new Set(unreadable)]).toEqual([]);
  });

  it('every colour drawn as data (fill or stroke) is at least 3:1 against #ffffff and #fbfaf7', () => {
    const failures = new Set<string>();
    for (const u of uses) {
      if (u.text || !parseColour(u.colour) || exemption(u)) continue;
      const ratio = minContrast(u.colour);
      if (ratio < 3)
        failures.add(
          `${u.chart}${u.width ? ` @${u.width}` : ''}: ${u.paint}="${u.colour}" ` +
            `on <${u.tag}${u.className ? ` class="${u.className}"` : ''}> is ${ratio.toFixed(2)}:1`,
        );
    }
    expect([...failures]).toEqual([]);
  });

  it('every text colour in a chart is at least 4.5:1 against #ffffff and #fbfaf7', () => {
    const failures = new Set<string>();
    for (const u of uses) {
      if (!u.text || u.paint !== 'fill' || !parseColour(u.colour) || isWhite(u.colour)) continue;
      const ratio = minContrast(u.colour);
      if (ratio < 4.5) failures.add(`${u.chart} @${u.width}: text fill="${u.colour}" is ${ratio.toFixed(2)}:1`);
    }
    expect([...failures]).toEqual([]);
  });

  it('every exemption in this file is still needed: drawn by a chart, and below 3:1', () => {
    const used = EXEMPT.filter((e) =>
      uses.some(
        (u) =>
          u.colour.toLowerCase() === e.colour &&
          e.tags.includes(u.tag) &&
          (!e.className || e.className.test(u.className)) &&
          !u.text,
      ),
    );
    expect(
      EXEMPT.filter((e) => !used.includes(e) || minContrast(e.colour) >= 3).map((e) => `${e.colour}: ${e.why}`),
    ).toEqual([]);
  });
});

describe('contrast()', () => {
  it('matches known WCAG ratios', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast('#fff', 'white')).toBe(1);
  });
});
