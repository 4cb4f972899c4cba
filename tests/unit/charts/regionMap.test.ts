import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { geoContains, geoPath } from 'd3-geo';
import {
  regionMap,
  layoutRegionMap,
  countryFeature,
  mapColours,
  textWidth,
  type Box,
  type Place,
  type RegionMapData,
  type RegionMapLayout,
} from '../../../src/charts/regionMap.ts';
import { mapChartSchema, eventSchema } from '../../../src/schemas.ts';
import ui from '../../../content/data/ui.en.json';

const events = (JSON.parse(readFileSync('content/data/events.json', 'utf8')) as unknown[]).map((e) =>
  eventSchema.parse(e),
);
const chart = mapChartSchema.parse(JSON.parse(readFileSync('content/data/charts/region-map.json', 'utf8')));
const places = JSON.parse(readFileSync('content/data/places.json', 'utf8')) as Place[];
const byId = new Map(events.map((e) => [e.id, e]));
const data: RegionMapData = {
  chart,
  events: chart.events.map((id) => byId.get(id)!),
  places,
  text: ui,
};
const WIDTHS = [320, 360, 768, 960, 1440];
const CLAIM = 'dis-2023-07-21-baraeva-post';
const DENIAL = 'rsp-2023-08-01-moh-biolabs-denial';
const KZ = '398',
  RU = '643',
  UA = '804';

const layouts = new Map<number, RegionMapLayout>(WIDTHS.map((w) => [w, layoutRegionMap(data, { width: w })]));
const layoutAt = (w: number) => layouts.get(w) ?? layoutRegionMap(data, { width: w });
const city = (L: RegionMapLayout, id: string) => L.cities.find((c) => c.id === id)!;
const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
/** Geographic position of a pixel of the map. */
const invert = (L: RegionMapLayout, [x, y]: [number, number]) => L.projection.invert!([x, y])!;

describe('places.json', () => {
  it('has exactly the agreed fields, real coordinates and a source for each place', () => {
    for (const p of places) {
      expect(Object.keys(p).sort(), p.id).toEqual(['id', 'lat', 'lon', 'name', 'note', 'source']);
      expect(p.lon, p.id).toBeGreaterThanOrEqual(-180);
      expect(p.lon, p.id).toBeLessThanOrEqual(180);
      expect(p.lat, p.id).toBeGreaterThanOrEqual(-90);
      expect(p.lat, p.id).toBeLessThanOrEqual(90);
      expect(p.source, p.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    }
  });
  it('puts each city in its country (Natural Earth)', () => {
    const at = (id: string) => {
      const p = places.find((q) => q.id === id)!;
      return [p.lon, p.lat] as [number, number];
    };
    expect(geoContains(countryFeature(KZ)!, at('astana'))).toBe(true);
    expect(geoContains(countryFeature(KZ)!, at('almaty'))).toBe(true);
    expect(geoContains(countryFeature(RU)!, at('moscow'))).toBe(true);
  });
});

describe('layoutRegionMap', () => {
  it('draws Crimea as part of Ukraine, not Russia', () => {
    expect(geoContains(countryFeature(UA)!, [34.1, 45.0])).toBe(true);
    expect(geoContains(countryFeature(RU)!, [34.1, 45.0])).toBe(false);
    expect(geoContains(countryFeature(RU)!, [37.6, 55.75])).toBe(true);
  });

  it.each(WIDTHS)('projects every city inside the drawing at %i px', (width) => {
    const L = layoutAt(width);
    expect(L.cities.map((c) => c.id).sort()).toEqual(['almaty', 'astana', 'moscow']);
    for (const c of L.cities) {
      expect(c.x, c.id).toBeGreaterThan(0);
      expect(c.x, c.id).toBeLessThan(width);
      expect(c.y, c.id).toBeGreaterThan(0);
      expect(c.y, c.id).toBeLessThan(L.mapHeight);
      // And back: the pixel is where the place is.
      const p = places.find((q) => q.id === c.id)!;
      const [lon, lat] = invert(L, [c.x, c.y]);
      expect(lon).toBeCloseTo(p.lon, 0);
      expect(lat).toBeCloseTo(p.lat, 0);
    }
  });

  it.each(WIDTHS)('puts Almaty south-east of Astana at %i px', (width) => {
    const L = layoutAt(width);
    expect(city(L, 'almaty').x).toBeGreaterThan(city(L, 'astana').x);
    expect(city(L, 'almaty').y).toBeGreaterThan(city(L, 'astana').y);
    // Moscow is west of both.
    expect(city(L, 'moscow').x).toBeLessThan(city(L, 'astana').x);
  });

  it.each(WIDTHS)('runs the false-claim arrow from Ukraine into Kazakhstan at %i px', (width) => {
    const L = layoutAt(width);
    const claim = L.claims.find((c) => c.id === CLAIM)!;
    expect(claim).toBeDefined();
    expect([claim.from, claim.to]).toEqual([UA, KZ]);
    expect(claim.denial).toBe(DENIAL);
    const bounds = (id: string) => geoPath(L.projection).bounds(countryFeature(id)!);
    const within = ([x, y]: [number, number], [[x0, y0], [x1, y1]]: [[number, number], [number, number]]) =>
      x >= x0 && x <= x1 && y >= y0 && y <= y1;
    expect(within(claim.start, bounds(UA))).toBe(true);
    expect(within(claim.end, bounds(KZ))).toBe(true);
    // Stronger than the boxes: the ends lie on the countries themselves.
    expect(geoContains(countryFeature(UA)!, invert(L, claim.start))).toBe(true);
    expect(geoContains(countryFeature(KZ)!, invert(L, claim.end))).toBe(true);
    expect(claim.end[0]).toBeGreaterThan(claim.start[0]);
  });

  it.each(WIDTHS)('keeps labels apart, off the marks and inside the drawing at %i px', (width) => {
    const L = layoutAt(width);
    expect(L.unplaced).toEqual([]);
    const map: Box = { x0: 0, y0: 0, x1: width, y1: L.mapHeight };
    for (const l of L.labels) {
      const where = `${l.owner} ${l.kind} "${l.lines.join(' / ')}"`;
      expect(l.box.x0, where).toBeGreaterThanOrEqual(map.x0);
      expect(l.box.x1, where).toBeLessThanOrEqual(map.x1);
      expect(l.box.y0, where).toBeGreaterThanOrEqual(map.y0);
      expect(l.box.y1, where).toBeLessThanOrEqual(map.y1);
    }
    const marks: { id: string; box: Box }[] = [
      ...L.cities.map((c) => ({
        id: `dot ${c.id}`,
        box: { x0: c.x - 4.5, y0: c.y - 4.5, x1: c.x + 4.5, y1: c.y + 4.5 },
      })),
      ...L.claims.flatMap((c) => [
        {
          id: `cross ${c.id}`,
          box: { x0: c.cross[0] - 7, y0: c.cross[1] - 7, x1: c.cross[0] + 7, y1: c.cross[1] + 7 },
        },
        { id: `head ${c.id}`, box: { x0: c.end[0] - 6, y0: c.end[1] - 6, x1: c.end[0] + 6, y1: c.end[1] + 6 } },
      ]),
    ];
    for (const a of L.labels) {
      for (const b of L.labels) {
        if (a === b) continue;
        expect(overlap(a.box, b.box), `"${a.lines[0]}" overlaps "${b.lines[0]}"`).toBe(false);
      }
      for (const m of marks) expect(overlap(a.box, m.box), `"${a.lines[0]}" covers ${m.id}`).toBe(false);
    }
    // The key and the numbered notes sit below the map, inside the drawing, apart.
    const below = [
      ...L.key.map((k) => ({ t: k.text, box: k.box })),
      ...L.notes.map((n) => ({ t: n.lines.join(' '), box: n.box })),
    ];
    for (const k of below) {
      expect(k.box.x0, k.t).toBeGreaterThanOrEqual(0);
      expect(k.box.x1, k.t).toBeLessThanOrEqual(width);
      expect(k.box.y0, k.t).toBeGreaterThanOrEqual(L.mapHeight);
      expect(k.box.y1, k.t).toBeLessThanOrEqual(L.height);
      for (const o of below) if (o !== k) expect(overlap(k.box, o.box), `"${k.t}" overlaps "${o.t}"`).toBe(false);
    }
  });

  it.each(WIDTHS)('names the countries, each on its own ground, at %i px', (width) => {
    const L = layoutAt(width);
    const named = L.labels.filter((l) => l.kind === 'country' || l.kind === 'focus');
    const ids = named.map((l) => l.owner);
    const must = width < 560 ? [KZ, RU, '156', UA] : chart.countries.map((c) => c.id);
    for (const id of must) expect(ids, `label for ${id}`).toContain(id);
    for (const l of named) {
      const mid: [number, number] = [(l.box.x0 + l.box.x1) / 2, (l.box.y0 + l.box.y1) / 2];
      expect(geoContains(countryFeature(l.owner)!, invert(L, mid)), `"${l.lines[0]}" is on its country`).toBe(true);
    }
    expect(named.find((l) => l.owner === KZ)!.bold).toBe(true);
  });

  it('moves the long notes below the map on narrow screens, in step order', () => {
    const N = layoutAt(360);
    expect(N.narrow).toBe(true);
    expect(N.notes.map((n) => n.owner)).toEqual([
      'astana',
      'ctx-2023-10-23-conference-hall-opening',
      CLAIM,
      DENIAL,
      'ctx-2017-crl-opened',
      'border',
    ]);
    for (const n of N.notes)
      expect(N.labels.some((l) => l.kind === 'badge' && l.owner === n.owner && l.lines[0] === String(n.number))).toBe(
        true,
      );
    const W = layoutAt(768);
    expect(W.notes).toEqual([]);
    expect(W.labels.find((l) => l.kind === 'border')!.lines).toEqual([chart.border?.label, chart.border?.note]);
  });

  it('gives each step its marks; the first step shows all', () => {
    const L = layoutAt(960);
    const step = (id: string) => chart.steps.findIndex((s) => s.id === id);
    expect(L.claims[0]!.steps).toEqual([0, step('labs')]);
    expect(L.claims[0]!.denialSteps).toEqual([0, step('labs')]);
    expect(L.borderSteps).toEqual([0, step('border')]);
    expect(city(L, 'astana').steps).toEqual([0, step('cities')]);
    expect(city(L, 'moscow').steps).toEqual([0]);
    expect(L.placeEvents.find((e) => e.id === 'ctx-2023-10-23-conference-hall-opening')!.steps).toEqual([
      0,
      step('cities'),
    ]);
  });
});

describe('textWidth', () => {
  // Widths measured in headless Chromium with DejaVu Sans at 12 px: the estimate may never be narrower.
  const measured: [string, number, number][] = [
    ['Sources give 6,846, about 7,500, 7,512.8 or 7,644 km', 325.5, 363.5],
    ['Kazakhstan–Russia border: about 7,500 km', 260.1, 293.4],
    ['Claim: 30 US labs moved from Ukraine', 232.7, 260.3],
    ['False, says Kazakh Health Ministry', 206.4, 235.1],
    ['Article: "NATO centre in Astana"', 192.6, 218.4],
    ['Turkmenistan', 80.9, 92.1],
    ['0123456789', 76.4, 83.5],
  ];
  it.each(measured)('is at least the real width of "%s"', (text, regular, bold) => {
    expect(textWidth(text, 12)).toBeGreaterThanOrEqual(regular);
    expect(textWidth(text, 12, true)).toBeGreaterThanOrEqual(bold);
  });
});

describe('regionMap (SVG)', () => {
  const out = regionMap(data, { width: 760, idPrefix: 't' }).svg;

  it('is an accessible image with title and description', () => {
    expect(out).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="t-title t-desc"/);
    expect(out).toContain(`<title id="t-title">${chart.title}</title>`);
    expect(out).toMatch(/<desc id="t-desc">Map of Kazakhstan/);
    expect(out).toMatch(/viewBox="0 0 760 \d+"/);
  });

  it('draws Kazakhstan as a highlighted shape of its own', () => {
    const m =
      /<path class="focus" data-id="398" d="(M[^"]+)" fill="([^"]+)" stroke="([^"]+)" stroke-width="([\d.]+)"/.exec(
        out,
      );
    expect(m).not.toBeNull();
    const [, d, fill, stroke, sw] = m!;
    expect(fill).toBe(mapColours.focusFill);
    expect(fill).not.toBe(mapColours.land);
    expect(stroke).toBe(mapColours.focusLine);
    expect(Number(sw)).toBeGreaterThanOrEqual(1.5);
    // The path spans Kazakhstan's projected extent (within rounding).
    const L = layoutAt(760);
    const [[bx0, by0], [bx1, by1]] = geoPath(L.projection).bounds(countryFeature(KZ)!);
    let x = 0,
      y = 0,
      xmin = Infinity,
      xmax = -Infinity,
      ymin = Infinity,
      ymax = -Infinity;
    for (const [, cmd, args] of d!.matchAll(/([Mlz])([^Mlz]*)/g)) {
      const ns = (args!.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
      for (let i = 0; i + 1 < ns.length; i += 2) {
        if (cmd === 'M' && i === 0) [x, y] = [ns[i]!, ns[i + 1]!];
        else [x, y] = [x + ns[i]!, y + ns[i + 1]!];
        xmin = Math.min(xmin, x);
        xmax = Math.max(xmax, x);
        ymin = Math.min(ymin, y);
        ymax = Math.max(ymax, y);
      }
    }
    for (const [a, b] of [
      [xmin, bx0],
      [xmax, bx1],
      [ymin, by0],
      [ymax, by1],
    ] as const)
      expect(Math.abs(a - b)).toBeLessThan(2);
  });

  it("emphasises the border with Russia and labels it with its length and the sources' figures", () => {
    const g = /<g class="mark" data-id="border"[\s\S]*?<\/g>\n/.exec(out)![0];
    expect(g).toContain(`stroke="${mapColours.border}" stroke-width="3.5"`);
    expect(g).toContain('about 7,500 km');
    expect(g).toContain('6,846, about 7,500, 7,512.8 or 7,644 km');
  });

  it('draws the claim dashed, with an arrowhead, and its denial as a cross', () => {
    const claim = new RegExp(`<g class="mark" data-id="${CLAIM}" data-steps="[^"]*">[\\s\\S]*?</g>\\n`).exec(out)![0];
    expect(claim).toMatch(/stroke="#6b3d9a" stroke-width="2.5" stroke-dasharray="7 5"/);
    expect(claim).toContain(chart.labels[CLAIM]);
    const denial = new RegExp(`<g class="mark" data-id="${DENIAL}" data-steps="[^"]*">[\\s\\S]*?</g>\\n`).exec(out)![0];
    expect(denial).toMatch(/<circle [^>]*r="7" fill="#fff" stroke="#1f6a85"/);
    expect(denial).toContain(chart.labels[DENIAL]);
  });

  it('marks the cities, capitals apart from other cities', () => {
    for (const id of ['moscow', 'astana', 'almaty']) expect(out).toContain(`data-id="${id}"`);
    const astana = /<g class="mark" data-id="astana"[\s\S]*?<\/g>\n/.exec(out)![0];
    const almaty = /<g class="mark" data-id="almaty"[\s\S]*?<\/g>\n/.exec(out)![0];
    expect(astana).toMatch(/r="4.5" fill="#fff"/);
    expect(almaty).not.toMatch(/r="4.5" fill="#fff"/);
  });

  it.each([760, 360])('stays under 15 KB gzipped at %i px', (width) => {
    const svgText = regionMap(data, { width }).svg;
    expect(gzipSync(svgText).length).toBeLessThanOrEqual(15 * 1024);
  });

  it('uses colours of at least 3:1 (lines) and 4.5:1 (text) against both page backgrounds', () => {
    const lum = (hex: string) => {
      const c = [1, 3, 5]
        .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    };
    const ratio = (a: string, b: string) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    const lines = [
      mapColours.coast,
      mapColours.borders,
      mapColours.focusLine,
      mapColours.border,
      mapColours.claim,
      mapColours.denial,
    ];
    const texts = [
      mapColours.text,
      mapColours.countryText,
      mapColours.focusLine,
      mapColours.border,
      mapColours.claim,
      mapColours.denial,
    ];
    for (const bg of ['#ffffff', '#fbfaf7']) {
      for (const c of lines) expect(ratio(c, bg), `${c} on ${bg}`).toBeGreaterThanOrEqual(3);
      for (const c of texts) expect(ratio(c, bg), `${c} on ${bg}`).toBeGreaterThanOrEqual(4.5);
      // Country names sit on the land colour too.
      expect(ratio(mapColours.countryText, mapColours.land)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('escapes text that comes from data', () => {
    const evil = {
      ...data,
      chart: {
        ...chart,
        title: '<svg onload=alert(1)>',
        countries: chart.countries.map((c) => (c.id === '398' ? { ...c, name: '<script>x</script>' } : c)),
        labels: { ...chart.labels, [CLAIM]: '<img src=x onerror=alert(1)>' },
      },
      events: data.events.map((e) => (e.id === CLAIM ? { ...e, title: '"><b>bold</b>' } : e)),
    };
    const s = regionMap(evil, { width: 960 }).svg;
    expect(s).not.toContain('<script');
    expect(s).not.toContain('<img');
    expect(s).not.toContain('<b>');
    expect(s).not.toContain('<svg onload');
    expect(s).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(s).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(s).toContain('&quot;&gt;&lt;b&gt;bold&lt;/b&gt;');
  });

  it('is a pure function of data and options', () => {
    expect(regionMap(data, { width: 500 }).svg).toBe(regionMap(data, { width: 500 }).svg);
    expect(regionMap(data, { width: 500 }).svg).not.toBe(regionMap(data, { width: 900 }).svg);
  });
});
