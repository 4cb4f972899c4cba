/**
 * "Region map": Kazakhstan and its neighbours, drawn at build time with d3-geo from Natural
 * Earth (world-atlas, 1:50m), with the cities the story names, the long border with Russia
 * and the false "30 labs from Ukraine" claim as a dashed arrow struck through with a cross.
 *
 * Everything the map says comes from its chart definition: country names, city labels and
 * which item appears in which step are typed fields of the chart; event labels are `labels`; coordinates are in
 * content/data/places.json, each with its source. The function only knows geometry.
 *
 * Pure: (data, options) -> SVG markup. No DOM, no I/O, no clock. The TopoJSON is imported
 * (bundled at build time), and the features derived from it are computed once, read-only.
 */
import { geoConicEqualArea, geoContains, geoPath, type GeoPermissibleObjects, type GeoProjection } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import world from 'world-atlas/countries-50m.json' with { type: 'json' };
import { annotatedDrawing, type AnnotationFrame } from './marks/annotation.ts';
import { defined } from '../lib/defined.ts';
import { svg, px, type Markup } from '../lib/escape.ts';
import type { ChartInput, ChartOptions, Drawing } from './types.ts';
import { stepAttrs, type Lit } from './marks/steps.ts';
import { pointsBox, unionBox } from './marks/box.ts';
import { DENSITY_LIMITS, binLabel, clusterLabel, clusterTitle, featuredIds, thin } from './density.ts';

/** A place with coordinates (content/data/places.json). */
export type { Place } from '../schemas.ts';

/** What regionMap() reads: the chart, its events, the places and the words it prints. */
export type RegionMapData = Pick<ChartInput<'map'>, 'chart' | 'events' | 'places' | 'text'>;

/** width: px, default 960 (below 560 the narrow layout); idPrefix default "map"; fontSize default 12. */
export type RegionMapOptions = ChartOptions;

/** Colours: each line or text colour is at least 4.5:1 against #fff and #fbfaf7. */
export const mapColours = {
  sea: '#e4edf1',
  land: '#f1efe9',
  coast: '#8c887f',
  borders: '#8c887f',
  focusFill: '#f5e3ad',
  focusLine: '#6b4e00',
  border: '#b3261e',
  claim: '#6b3d9a',
  denial: '#1f6a85',
  text: '#1d1d1d',
  countryText: '#55524b',
} as const;

export type Box = { x0: number; y0: number; x1: number; y1: number };
type Anchor = 'start' | 'middle' | 'end';

/** A label the layout placed: its lines, where and how, and the box it occupies. */
export interface PlacedLabel {
  /** The mark or country it belongs to. */
  owner: string;
  kind: 'country' | 'focus' | 'city' | 'note' | 'event' | 'claim' | 'denial' | 'border' | 'border-note' | 'badge';
  lines: string[];
  x: number;
  y: number;
  anchor: Anchor;
  fontSize: number;
  bold: boolean;
  italic: boolean;
  fill: string;
  box: Box;
}

export interface MapCity {
  id: string;
  label: string;
  x: number;
  y: number;
  capital: boolean;
  steps: number[];
}

export interface MapClaim {
  /** The claim's event id. */
  id: string;
  from: string;
  to: string;
  start: [number, number];
  end: [number, number];
  /** Control point of the quadratic curve. */
  control: [number, number];
  /** Where the cross sits (the curve's midpoint). */
  cross: [number, number];
  /** The event that refutes it, if the chart has one. */
  denial: string | null;
  steps: number[];
  denialSteps: number[];
}

export interface MapPlaceEvent {
  id: string;
  place: string;
  x: number;
  y: number;
  steps: number[];
  /** For a cluster (events counted together at one place): its members, label and description. */
  members?: string[];
  label?: string;
  title?: string;
}

export interface KeyEntry {
  kind: 'focus' | 'border' | 'claim' | 'capital' | 'city';
  text: string;
  x: number;
  y: number;
  /** Symbol and text. */
  box: Box;
}

export interface MapNote {
  /** The mark this note belongs to (its badge number on the map). */
  owner: string;
  number: number;
  lines: string[];
  x: number;
  y: number;
  fill: string;
  italic: boolean;
  /** Badge and text. */
  box: Box;
}

export interface RegionMapLayout {
  width: number;
  height: number;
  narrow: boolean;
  fontSize: number;
  /** The map area: from (0, 0) to (width, mapHeight). Below it, the key. */
  mapHeight: number;
  projection: GeoProjection;
  paths: { land: string; borders: string; focus: string; border: string };
  focus: string;
  borderWith: string;
  borderSteps: number[];
  /** The drawn part of the border line, if any. */
  borderBox?: Box;
  /** Projected bounds of each labelled country, clipped to the map. */
  countries: { id: string; bounds: [[number, number], [number, number]]; centroid: [number, number] }[];
  cities: MapCity[];
  placeEvents: MapPlaceEvent[];
  claims: MapClaim[];
  labels: PlacedLabel[];
  /** Labels that must appear but found no room (should be empty; the tests say so). */
  unplaced: string[];
  key: KeyEntry[];
  notes: MapNote[];
}

// --- Geometry, derived once from the imported TopoJSON (read-only afterwards) ---

type CountryProps = { name: string };
const topology = world as unknown as Topology<{
  countries: GeometryCollection<CountryProps>;
  land: GeometryCollection;
}>;

/**
 * Corrections to the atlas: Natural Earth's file assigns Crimea to Russia. The story draws the
 * internationally recognised border, so the polygon of Russia that contains this point moves to
 * Ukraine (ISO 3166-1 numeric ids, as in world-atlas).
 */
const REASSIGN: readonly { from: string; to: string; at: [number, number] }[] = [
  { from: '643', to: '804', at: [34.1, 45.0] },
];

const countriesObject: GeometryCollection<CountryProps> = (() => {
  const src = topology.objects.countries;
  const geoms: GeometryObject<CountryProps>[] = src.geometries.map((g) => ({ ...g }));
  for (const fix of REASSIGN) {
    const fi = geoms.findIndex((g) => g.id === fix.from);
    const ti = geoms.findIndex((g) => g.id === fix.to);
    const from = geoms[fi];
    const to = geoms[ti];
    if (!from || !to || from.type !== 'MultiPolygon') continue;
    const i = from.arcs.findIndex((arcs) =>
      geoContains(feature(topology, { type: 'Polygon', arcs }) as Feature<Polygon>, fix.at),
    );
    if (i < 0) continue;
    const toPolys = to.type === 'MultiPolygon' ? to.arcs : to.type === 'Polygon' ? [to.arcs] : [];
    geoms[fi] = { ...from, arcs: from.arcs.filter((_, j) => j !== i) };
    geoms[ti] = {
      type: 'MultiPolygon',
      id: to.id,
      properties: to.properties as CountryProps,
      arcs: [...toPolys, defined(from.arcs[i], `polygon ${i} of ${from.id}`)],
    };
  }
  return { ...src, geometries: geoms };
})();

const countryFeatures: ReadonlyMap<string, Feature<Polygon | MultiPolygon, CountryProps>> = new Map(
  (
    feature(topology, countriesObject) as unknown as { features: Feature<Polygon | MultiPolygon, CountryProps>[] }
  ).features.map((f) => [String(f.id), f]),
);
/** A country's feature as the map draws it (after REASSIGN), by ISO 3166-1 numeric id. */
export function countryFeature(id: string): Feature<Polygon | MultiPolygon, CountryProps> | undefined {
  return countryFeatures.get(id);
}
const landFeature = feature(topology, topology.objects.land) as unknown as GeoPermissibleObjects;

/** Region shown, as [west, south, east, north] in degrees: wide, and tighter for narrow screens. */
const REGION_WIDE: [number, number, number, number] = [22, 35, 96, 61];
const REGION_NARROW: [number, number, number, number] = [27, 36.5, 88, 59];

function regionPoints([w, s, e, n]: [number, number, number, number]): GeoPermissibleObjects {
  const pts: [number, number][] = [];
  for (let lon = w; lon <= e; lon += 1) pts.push([lon, s], [lon, n]);
  for (let lat = s; lat <= n; lat += 1) pts.push([w, lat], [e, lat]);
  return { type: 'MultiPoint', coordinates: pts };
}

/**
 * A path context that writes compact SVG path data: coordinates rounded to whole pixels,
 * relative moves, each ring or line simplified (Douglas-Peucker, `tolerance` px) and rings
 * smaller than a pixel dropped. The map's bytes are mostly here.
 */
class CompactPath {
  #out: string[] = [];
  #ring: [number, number][] = [];
  #closed = false;
  readonly #tolerance: number;
  constructor(tolerance: number) {
    this.#tolerance = tolerance;
  }
  moveTo(x: number, y: number): void {
    this.#flush();
    this.#ring = [[x, y]];
  }
  lineTo(x: number, y: number): void {
    this.#ring.push([x, y]);
  }
  closePath(): void {
    this.#closed = true;
    this.#flush();
  }
  arc(): void {}
  #flush(): void {
    const ring = this.#ring;
    this.#ring = [];
    const closed = this.#closed;
    this.#closed = false;
    if (ring.length < 2) return;
    let x0 = Infinity,
      y0 = Infinity,
      x1 = -Infinity,
      y1 = -Infinity;
    for (const [x, y] of ring) {
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
    if (closed && x1 - x0 < 1.5 && y1 - y0 < 1.5) return;
    const pts = simplify(ring, this.#tolerance).map(([x, y]) => [Math.round(x), Math.round(y)] as [number, number]);
    const kept: [number, number][] = [];
    for (const p of pts) {
      const prev = kept[kept.length - 1];
      if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) kept.push(p);
    }
    if (closed && kept.length < 3) return;
    if (kept.length < 2) return;
    const [fx, fy] = defined(kept[0], 'the first point of a ring');
    let d = `M${fx},${fy}`;
    let [lx, ly] = [fx, fy];
    const deltas: number[] = [];
    for (const [x, y] of kept.slice(1)) {
      deltas.push(x - lx, y - ly);
      [lx, ly] = [x, y];
    }
    if (closed && lx === fx && ly === fy) deltas.splice(-2);
    d += `l${joinNumbers(deltas)}`;
    if (closed) d += 'z';
    this.#out.push(d);
  }
  result(): string {
    this.#flush();
    return this.#out.join('');
  }
}

function joinNumbers(ns: number[]): string {
  let s = '';
  ns.forEach((n, i) => {
    s += i > 0 && n >= 0 ? ` ${n}` : `${n}`;
  });
  return s;
}

/** Douglas-Peucker on a polyline (a closed ring keeps its first point). */
function simplify(pts: [number, number][], tol: number): [number, number][] {
  if (pts.length <= 2) return pts;
  const keep = new Uint8Array(pts.length);
  keep[0] = 1;
  keep[pts.length - 1] = 1;
  const stack: [number, number][] = [[0, pts.length - 1]];
  while (stack.length) {
    const [a, b] = defined(stack.pop(), 'a span to simplify (the loop runs while the stack holds one)');
    const [ax, ay] = defined(pts[a], `point ${a} of a line`);
    const [bx, by] = defined(pts[b], `point ${b} of a line`);
    const dx = bx - ax,
      dy = by - ay;
    const len = Math.hypot(dx, dy);
    let far = -1,
      dmax = tol;
    for (let i = a + 1; i < b; i++) {
      const [x, y] = defined(pts[i], `point ${i} of a line`);
      const d = len === 0 ? Math.hypot(x - ax, y - ay) : Math.abs(dy * x - dx * y + bx * ay - by * ax) / len;
      if (d > dmax) {
        dmax = d;
        far = i;
      }
    }
    if (far >= 0) {
      keep[far] = 1;
      stack.push([a, far], [far, b]);
    }
  }
  return pts.filter((_, i) => keep[i]);
}

/** The projected (and clipped) rings of a polygon feature, simplified, for point-in-polygon tests. */
function projectedRings(projection: GeoProjection, object: GeoPermissibleObjects): [number, number][][] {
  const rings: [number, number][][] = [];
  let ring: [number, number][] = [];
  const ctx = {
    moveTo: (x: number, y: number) => {
      ring = [[x, y]];
      rings.push(ring);
    },
    lineTo: (x: number, y: number) => {
      ring.push([x, y]);
    },
    closePath: () => {},
    arc: () => {},
  };
  geoPath(projection, ctx as never)(object);
  return rings.map((r) => simplify(r, 0.5));
}

/** Even-odd point-in-polygon over all rings. */
function inRings(rings: [number, number][][], x: number, y: number): boolean {
  let inside = false;
  for (const r of rings) {
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [xi, yi] = defined(r[i], `point ${i} of a ring`);
      const [xj, yj] = defined(r[j], `point ${j} of a ring`);
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function drawPath(projection: GeoProjection, object: GeoPermissibleObjects, tolerance: number): string {
  const ctx = new CompactPath(tolerance);
  geoPath(projection, ctx as never)(object);
  return ctx.result();
}

// --- Labels ---

/**
 * Width of a label in px, calibrated on DejaVu Sans (the widest of the fonts in our stack, the
 * one headless Linux browsers use) and rounded up by 4 %, so that real text is never wider.
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    em += /[ijl]/.test(ch)
      ? 0.28
      : /[frt]/.test(ch)
        ? 0.41
        : ch === 'm'
          ? 0.98
          : ch === 'w'
            ? 0.82
            : /[a-z]/.test(ch)
              ? 0.6
              : /[IJ]/.test(ch)
                ? 0.31
                : /[MW]/.test(ch)
                  ? 0.99
                  : /[A-Z]/.test(ch)
                    ? 0.74
                    : /[0-9]/.test(ch)
                      ? 0.64
                      : /[ .,:;']/.test(ch)
                        ? 0.32
                        : /[!|()-]/.test(ch)
                          ? 0.4
                          : ch === '"'
                            ? 0.46
                            : ch === '–'
                              ? 0.5
                              : 0.8;
  }
  return em * fontSize * 1.04 * (bold ? 1.13 : 1);
}
const labelWidth = (text: string, fontSize: number) => textWidth(text, fontSize);

const BOLD = 1.13;
const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

function textBox(
  lines: string[],
  x: number,
  y: number,
  anchor: Anchor,
  fontSize: number,
  bold: boolean,
  lineHeight: number,
): Box {
  const w = Math.max(...lines.map((l) => labelWidth(l, fontSize) * (bold ? BOLD : 1)));
  const x0 = anchor === 'start' ? x : anchor === 'middle' ? x - w / 2 : x - w;
  return {
    x0: x0 - 2,
    x1: x0 + w + 2,
    y0: y - fontSize * 0.8 - 1,
    y1: y + (lines.length - 1) * lineHeight + fontSize * 0.25 + 1,
  };
}

/** Splits text into lines no wider than `max` px. */
function wrap(text: string, max: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && labelWidth(next, fontSize) > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Geometry of the map, shared by the build-time renderer and any browser code. */
export function layoutRegionMap(data: RegionMapData, options: RegionMapOptions = {}): RegionMapLayout {
  const width = options.width ?? 960;
  const narrow = width < 560;
  const fontSize = options.fontSize ?? 12;
  const small = narrow ? fontSize - 1 : fontSize;
  const lineHeight = Math.round(fontSize * 1.25);
  const { chart } = data;
  const places = new Map(data.places.map((p) => [p.id, p]));
  const focus = chart.focus;
  if (!countryFeatures.has(focus))
    throw new Error(`map: chart "${chart.id}" needs "focus", a Natural Earth country id (e.g. "398")`);
  const borderWith = chart.borderWith ?? '';
  const focusFeature = defined(countryFeatures.get(focus), `country ${focus} (the focus) in the basemap`);

  // Steps: a step with no highlighted events and no item naming it shows everything.
  const stepIds = chart.steps.map((s) => s.id);
  const named = new Set<string>();
  const itemSteps = (item: string): number[] => {
    const ids = chart.itemSteps[item] ?? [];
    return ids.map((id) => stepIds.indexOf(id)).filter((i) => i >= 0);
  };
  for (const list of Object.values(chart.itemSteps)) list.forEach((s) => named.add(s));
  const showAll = chart.steps
    .map((s, i) => (s.highlight.length === 0 && !named.has(s.id) ? i : -1))
    .filter((i) => i >= 0);
  const stepsOf = (id: string): number[] => {
    const set = new Set<number>([...showAll, ...itemSteps(id)]);
    chart.steps.forEach((s, i) => s.highlight.includes(id) && set.add(i));
    return [...set].sort((a, b) => a - b);
  };

  // Projection: equal-area conic centred on Central Asia, fitted to the region's width.
  const region = regionPoints(narrow ? REGION_NARROW : REGION_WIDE);
  const projection = geoConicEqualArea().parallels([42, 56]).rotate([-60, 0]).fitWidth(width, region);
  const [[, ry0], [, ry1]] = geoPath(projection).bounds(region);
  projection.translate([projection.translate()[0], projection.translate()[1] - ry0]);
  const mapHeight = Math.round(ry1 - ry0);
  projection.clipExtent([
    [0, 0],
    [width, mapHeight],
  ]);
  const project = (lon: number, lat: number): [number, number] => {
    const p = projection([lon, lat]);
    if (!p) throw new Error(`map: cannot project ${lon},${lat}`);
    return [px(p[0]), px(p[1])];
  };
  const tol = 0.4;
  const path = geoPath(projection);

  const paths = {
    land: drawPath(projection, landFeature, tol),
    borders: drawPath(
      projection,
      mesh(topology, countriesObject, (a, b) => a !== b && a.id !== focus && b.id !== focus) as GeoPermissibleObjects,
      tol,
    ),
    focus: drawPath(projection, focusFeature, tol),
    border: borderWith
      ? drawPath(
          projection,
          mesh(
            topology,
            countriesObject,
            (a, b) => (a.id === focus && b.id === borderWith) || (a.id === borderWith && b.id === focus),
          ) as GeoPermissibleObjects,
          tol,
        )
      : '',
  };

  const countryIds = chart.countries.map((c) => c.id);
  if (!countryIds.includes(focus)) countryIds.unshift(focus);
  const countries = countryIds
    .filter((id) => countryFeatures.has(id))
    .map((id) => {
      const f = defined(countryFeatures.get(id), `country ${id} in the basemap`);
      const [[x0, y0], [x1, y1]] = path.bounds(f);
      const [cx, cy] = path.centroid(f);
      return {
        id,
        bounds: [
          [px(x0), px(y0)],
          [px(x1), px(y1)],
        ] as [[number, number], [number, number]],
        centroid: [px(cx), px(cy)] as [number, number],
      };
    })
    .filter((c) => Number.isFinite(c.centroid[0]) && Number.isFinite(c.centroid[1]));
  const anchorOf = (id: string): [number, number] | null => countries.find((c) => c.id === id)?.centroid ?? null;

  // Obstacles and labels.
  const mapBox: Box = { x0: 2, y0: 2, x1: width - 2, y1: mapHeight - 2 };
  const inside = (b: Box) => b.x0 >= mapBox.x0 && b.x1 <= mapBox.x1 && b.y0 >= mapBox.y0 && b.y1 <= mapBox.y1;
  const obstacles: Box[] = [];
  const labels: PlacedLabel[] = [];
  const unplaced: string[] = [];
  const fits = (b: Box) => inside(b) && !obstacles.some((o) => overlap(o, b));
  type Try = { x: number; y: number; anchor: Anchor };
  const tryPlace = (
    owner: string,
    kind: PlacedLabel['kind'],
    lines: string[],
    candidates: Try[],
    style: { fontSize: number; bold?: boolean; italic?: boolean; fill: string },
  ): PlacedLabel | null => {
    for (const c of candidates) {
      const box = textBox(lines, c.x, c.y, c.anchor, style.fontSize, !!style.bold, lineHeight);
      if (fits(box)) {
        const l: PlacedLabel = {
          owner,
          kind,
          lines,
          x: px(c.x),
          y: px(c.y),
          anchor: c.anchor,
          fontSize: style.fontSize,
          bold: !!style.bold,
          italic: !!style.italic,
          fill: style.fill,
          box: { x0: px(box.x0), y0: px(box.y0), x1: px(box.x1), y1: px(box.y1) },
        };
        labels.push(l);
        obstacles.push(box);
        return l;
      }
    }
    return null;
  };
  const around = (x: number, y: number, d: number, fs: number, nLines = 1): Try[] => {
    const up = y - d - (nLines - 1) * lineHeight;
    const down = y + d + fs * 0.75;
    return [
      { x: x + d, y: y + fs * 0.35 - ((nLines - 1) * lineHeight) / 2, anchor: 'start' },
      { x: x - d, y: y + fs * 0.35 - ((nLines - 1) * lineHeight) / 2, anchor: 'end' },
      { x, y: up, anchor: 'middle' },
      { x, y: down, anchor: 'middle' },
      { x: x + d * 0.7, y: up, anchor: 'start' },
      { x: x - d * 0.7, y: up, anchor: 'end' },
      { x: x + d * 0.7, y: down, anchor: 'start' },
      { x: x - d * 0.7, y: down, anchor: 'end' },
    ];
  };

  // Cities.
  const capitals = new Set(chart.capitals);
  const cities: MapCity[] = Object.entries(chart.cities).flatMap(([id, label]) => {
    const p = places.get(id);
    if (!p) return [];
    const [x, y] = project(p.lon, p.lat);
    return [{ id, label, x, y, capital: capitals.has(id), steps: stepsOf(id) }];
  });
  // Events at places (a ring around the city each). Over a place's limit, the events the story
  // does not point at are counted in one ring per year they are dated in (see density.ts).
  const featured = featuredIds(chart);
  const { text } = data;
  const placeEvents: MapPlaceEvent[] = cities.flatMap((c) => {
    const here = data.events.filter((e) => chart.eventPlaces[e.id] === c.id);
    const { single, clusters } = thin(here, {
      limit: DENSITY_LIMITS.place,
      unit: 'year',
      zone: 'UTC',
      group: `at-${c.id}`,
      event: (e) => e,
      featured,
    });
    return [
      ...single.map((e) => ({ id: e.id, place: c.id, x: c.x, y: c.y, steps: stepsOf(e.id) })),
      ...clusters.map((cl) => ({
        id: cl.id,
        place: c.id,
        x: c.x,
        y: c.y,
        steps: showAll,
        members: cl.members.map((e) => e.id),
        label: `${clusterLabel(text, cl.members.length)}, ${binLabel(cl.bin)}`,
        title: clusterTitle(text, cl, cl.members, c.label),
      })),
    ];
  });
  // A city with an event ringed around it takes more room.
  const rings = new Map<string, number>();
  for (const pe of placeEvents) rings.set(pe.place, (rings.get(pe.place) ?? 0) + 1);
  const ringRadius = (id: string) => {
    const n = rings.get(id);
    return n === undefined ? 5 : 10 + 4 * (n - 1);
  };
  for (const c of cities) {
    const r = ringRadius(c.id);
    obstacles.push({ x0: c.x - r, y0: c.y - r, x1: c.x + r, y1: c.y + r });
  }

  // False claims: a curve from one country to another, struck through with a cross.
  const claims: MapClaim[] = [];
  for (const e of data.events) {
    const spec = chart.claims[e.id];
    if (!spec) continue;
    const { from, to } = spec;
    const fromCountry = countryFeatures.get(from);
    const a = anchorOf(from) ?? (fromCountry ? (path.centroid(fromCountry) as [number, number]) : null);
    const b = anchorOf(to);
    if (!a || !b) continue;
    // End a little short of the target's centre, so the arrowhead sits inside, not on its label.
    const start: [number, number] = [px(a[0]), px(a[1])];
    const end: [number, number] = [px(b[0] - (b[0] - a[0]) * 0.22), px(b[1] - (b[1] - a[1]) * 0.22)];
    const len = Math.hypot(end[0] - start[0], end[1] - start[1]);
    const nx = (end[1] - start[1]) / len,
      ny = -(end[0] - start[0]) / len;
    const bend = len * 0.22 * (ny < 0 ? 1 : -1);
    const control: [number, number] = [
      px((start[0] + end[0]) / 2 + nx * bend),
      px((start[1] + end[1]) / 2 + ny * bend),
    ];
    const cross: [number, number] = [
      px(0.25 * start[0] + 0.5 * control[0] + 0.25 * end[0]),
      px(0.25 * start[1] + 0.5 * control[1] + 0.25 * end[1]),
    ];
    const denial = data.events.find((d) => chart.refutes[d.id] === e.id)?.id ?? null;
    claims.push({
      id: e.id,
      from,
      to,
      start,
      end,
      control,
      cross,
      denial,
      steps: stepsOf(e.id),
      denialSteps: denial ? stepsOf(denial) : [],
    });
    obstacles.push({ x0: cross[0] - 9, y0: cross[1] - 9, x1: cross[0] + 9, y1: cross[1] + 9 });
    // The curve itself: labels stay off it.
    for (let t = 0; t <= 1; t += 0.04) {
      const u = 1 - t;
      const x = u * u * start[0] + 2 * u * t * control[0] + t * t * end[0];
      const y = u * u * start[1] + 2 * u * t * control[1] + t * t * end[1];
      obstacles.push({ x0: x - 3, y0: y - 3, x1: x + 3, y1: y + 3 });
    }
    obstacles.push({ x0: end[0] - 8, y0: end[1] - 8, x1: end[0] + 8, y1: end[1] + 8 });
    obstacles.push({ x0: start[0] - 4, y0: start[1] - 4, x1: start[0] + 4, y1: start[1] + 4 });
  }

  const notes: { owner: string; text: string; fill: string; italic: boolean; at: [number, number] }[] = [];

  // City names first: they are short and must sit next to their dot.
  for (const c of cities) {
    if (
      !tryPlace(c.id, 'city', [c.label], around(c.x, c.y, ringRadius(c.id) + 2, fontSize), {
        fontSize,
        bold: true,
        fill: mapColours.text,
      })
    )
      unplaced.push(c.id);
  }

  // Notes on places and events at places: on the map when wide, as numbered notes when narrow.
  const placeNotes = cities.flatMap((c) => {
    const text = chart.cityNotes[c.id];
    return text ? [{ owner: c.id, text, x: c.x, y: c.y }] : [];
  });
  const eventNotes = placeEvents.map((pe) => ({
    owner: pe.id,
    text:
      pe.label ??
      chart.labels[pe.id] ??
      defined(
        data.events.find((e) => e.id === pe.id),
        `event ${pe.id} placed on the map`,
      ).title,
    x: pe.x,
    y: pe.y,
  }));
  const cityLabelBox = (id: string) => labels.find((l) => l.owner === id && l.kind === 'city')?.box;
  for (const n of [...placeNotes, ...eventNotes]) {
    const isPlaceNote = placeNotes.includes(n as never);
    const style = { fontSize: small, italic: isPlaceNote, fill: isPlaceNote ? mapColours.claim : mapColours.denial };
    if (!narrow) {
      // Stack under (or over) the city's own label, then anywhere around the dot.
      const cb = cityLabelBox(isPlaceNote ? n.owner : (placeEvents.find((p) => p.id === n.owner)?.place ?? ''));
      const stack: Try[] = [];
      if (cb) {
        for (let k = 0; k < 4; k++) {
          const y = cb.y1 + small * 0.8 + k * lineHeight;
          stack.push({ x: cb.x0 + 2, y, anchor: 'start' }, { x: cb.x1 - 2, y, anchor: 'end' });
          const yUp = cb.y0 - small * 0.3 - k * lineHeight;
          stack.push({ x: cb.x0 + 2, y: yUp, anchor: 'start' }, { x: cb.x1 - 2, y: yUp, anchor: 'end' });
        }
      }
      if (
        tryPlace(
          n.owner,
          isPlaceNote ? 'note' : 'event',
          [n.text],
          [...stack, ...around(n.x, n.y, 9, small), ...around(n.x, n.y, 9 + 2 * lineHeight, small)],
          style,
        )
      )
        continue;
    }
    notes.push({ owner: n.owner, text: n.text, fill: style.fill, italic: style.italic, at: [n.x, n.y] });
  }

  // Claims and their denials.
  for (const cl of claims) {
    const eventTitle = (id: string) =>
      defined(
        data.events.find((e) => e.id === id),
        `event ${id} of a claim`,
      ).title;
    const text = chart.labels[cl.id] ?? eventTitle(cl.id);
    const claimStyle = { fontSize: small, italic: true, fill: mapColours.claim };
    const denialText = cl.denial ? (chart.labels[cl.denial] ?? eventTitle(cl.denial)) : null;
    const denialStyle = { fontSize: small, bold: true, fill: mapColours.denial };
    if (!narrow) {
      // The verdict right above the cross, the claim above the verdict: read together, top down.
      const [x, y] = cl.cross;
      let placed: PlacedLabel | null = null;
      let verdict: PlacedLabel | null = null;
      for (let k = 0; k < 8 && !placed; k++) {
        const vy = y - 13 - k * 5;
        for (const dx of [0, -30, 30, -60, 60]) {
          if (cl.denial && denialText) {
            verdict = tryPlace(
              cl.denial,
              'denial',
              [denialText],
              [{ x: x + dx, y: vy, anchor: 'middle' }],
              denialStyle,
            );
            if (!verdict) continue;
          }
          placed = tryPlace(
            cl.id,
            'claim',
            [text],
            [{ x: x + dx, y: vy - (verdict ? lineHeight : 0), anchor: 'middle' }],
            claimStyle,
          );
          if (placed) break;
          if (verdict) {
            // Undo the verdict: the pair goes together or not at all.
            const { box } = verdict;
            labels.splice(labels.indexOf(verdict), 1);
            obstacles.splice(
              obstacles.findIndex((o) => o.x0 === box.x0 && o.y0 === box.y0),
              1,
            );
            verdict = null;
          }
        }
      }
      if (!placed) {
        notes.push({ owner: cl.id, text, fill: claimStyle.fill, italic: true, at: cl.start });
        if (cl.denial && denialText)
          notes.push({ owner: cl.denial, text: denialText, fill: denialStyle.fill, italic: false, at: cl.cross });
      }
    } else {
      notes.push({ owner: cl.id, text, fill: claimStyle.fill, italic: true, at: cl.start });
      if (cl.denial && denialText)
        notes.push({ owner: cl.denial, text: denialText, fill: denialStyle.fill, italic: false, at: cl.cross });
    }
  }

  // The border with Russia: a label along its middle, with the note on how sources differ.
  let borderPoints: [number, number][] = [];
  if (borderWith) {
    const m = mesh(
      topology,
      countriesObject,
      (a, b) => (a.id === focus && b.id === borderWith) || (a.id === borderWith && b.id === focus),
    );
    for (const line of m.coordinates)
      for (const p of line) {
        const q = projection(p as [number, number]);
        if (q && q[0] >= 0 && q[0] <= width && q[1] >= 0 && q[1] <= mapHeight) borderPoints.push([q[0], q[1]]);
      }
    borderPoints = borderPoints.sort((a, b) => a[0] - b[0]);
  }
  const borderLabel = chart.border?.label;
  const borderNote = chart.border?.note;
  if (borderPoints.length && borderLabel) {
    const text = narrow ? (chart.border?.short ?? borderLabel) : borderLabel;
    const lines = !narrow && borderNote ? [text, borderNote] : [text];
    // Sorted west to east, and not empty here.
    const westEnd = defined(borderPoints[0], 'the west end of the border');
    const eastEnd = defined(borderPoints.at(-1), 'the east end of the border');
    const cand: Try[] = [];
    for (let k = 0; k < 6; k++) {
      for (const f of [0.5, 0.6, 0.4, 0.7, 0.3, 0.8, 0.2]) {
        const xs = westEnd[0] + f * (eastEnd[0] - westEnd[0]);
        // The border's highest point under the label: the label goes above it (into Russia).
        const half = (Math.max(...lines.map((l) => labelWidth(l, small))) + 4) / 2;
        const near = borderPoints.filter((p) => Math.abs(p[0] - xs) < half);
        if (!near.length) continue;
        const top = Math.min(...near.map((p) => p[1]));
        cand.push({ x: xs, y: top - 8 - small * 0.25 - (lines.length - 1) * lineHeight - k * 7, anchor: 'middle' });
      }
    }
    const l = tryPlace('border', 'border', lines, cand, { fontSize: small, bold: false, fill: mapColours.border });
    if (!l)
      notes.push({
        owner: 'border',
        text: borderNote ? `${borderLabel}. ${borderNote}` : borderLabel,
        fill: mapColours.border,
        italic: false,
        at: defined(borderPoints[Math.floor(borderPoints.length / 2)], 'the middle of the border'),
      });
    else if (narrow && borderNote)
      notes.push({ owner: 'border', text: borderNote, fill: mapColours.border, italic: false, at: [l.x, l.y] });
  }

  // Country names: the focus first, then in the order the chart lists them.
  for (const c of countries) {
    const isFocus = c.id === focus;
    const def = chart.countries.find((n) => n.id === c.id);
    if (!def) continue;
    const full = def.name;
    const fs = isFocus ? fontSize + 2 : small;
    const texts = narrow && def.short ? [full, def.short] : [full];
    const [cx, cy] = c.centroid;
    const cand: Try[] = [];
    for (const r of [0, 8, 16, 24, 36]) {
      cand.push({ x: cx, y: cy + fs * 0.35, anchor: 'middle' });
      if (r)
        cand.push(
          { x: cx, y: cy + fs * 0.35 + r, anchor: 'middle' },
          { x: cx, y: cy + fs * 0.35 - r, anchor: 'middle' },
          { x: cx + r * 1.5, y: cy + fs * 0.35, anchor: 'middle' },
          { x: cx - r * 1.5, y: cy + fs * 0.35, anchor: 'middle' },
          { x: cx + r, y: cy + fs * 0.35 + r, anchor: 'middle' },
          { x: cx - r, y: cy + fs * 0.35 - r, anchor: 'middle' },
          { x: cx + r, y: cy + fs * 0.35 - r, anchor: 'middle' },
          { x: cx - r, y: cy + fs * 0.35 + r, anchor: 'middle' },
        );
    }
    // A country's name must sit on that country: its middle point inside the polygon.
    const rings = projectedRings(projection, defined(countryFeatures.get(c.id), `country ${c.id} in the basemap`));
    const onCountry = cand.filter((t) => inRings(rings, t.x, t.y - fs * 0.35));
    let done = false;
    for (const t of texts) {
      if (
        tryPlace(c.id, isFocus ? 'focus' : 'country', [t], onCountry, {
          fontSize: fs,
          bold: isFocus,
          fill: isFocus ? mapColours.focusLine : mapColours.countryText,
        })
      ) {
        done = true;
        break;
      }
    }
    if (!done && isFocus) unplaced.push(c.id);
  }

  // Notes read in step order: by the first step (other than the show-all ones) that brings them forward.
  const firstStep = (owner: string) => {
    const own = owner === 'border' ? stepsOf('border') : (cities.find((c) => c.id === owner)?.steps ?? stepsOf(owner));
    return own.find((i) => !showAll.includes(i)) ?? Infinity;
  };
  // Within a step: notes on places, then claims, their denials, events at places, the border.
  const rank = (owner: string) =>
    cities.some((c) => c.id === owner)
      ? 0
      : claims.some((c) => c.id === owner)
        ? 1
        : claims.some((c) => c.denial === owner)
          ? 2
          : owner === 'border'
            ? 4
            : 3;
  notes.sort((a, b) => firstStep(a.owner) - firstStep(b.owner) || rank(a.owner) - rank(b.owner));

  // Badges for the notes: a number next to the mark it belongs to.
  const noteOut: MapNote[] = [];
  notes.forEach((n, i) => {
    const number = i + 1;
    const lines = [String(number)];
    const [x, y] = n.at;
    const cand = [11, 18, 26, 34, 44].flatMap((r) => around(x, y, r, small));
    if (!tryPlace(n.owner, 'badge', lines, cand, { fontSize: small, bold: true, fill: n.fill }))
      unplaced.push(`badge ${n.owner}`);
  });

  // The key below the map: symbols in a flowing row, then the numbered notes.
  const key: KeyEntry[] = [];
  const keyItems: [KeyEntry['kind'], string | undefined][] = [
    ['focus', chart.legend.focus],
    ['border', borderWith ? chart.legend.border : undefined],
    ['claim', claims.length ? chart.legend.claim : undefined],
    ['capital', cities.some((c) => c.capital) ? chart.legend.capital : undefined],
    ['city', cities.some((c) => !c.capital) ? chart.legend.city : undefined],
  ];
  const SYMBOL = 26;
  let kx = 8;
  let ky = mapHeight + 10 + fontSize;
  for (const [kind, text] of keyItems) {
    if (!text) continue;
    const w = SYMBOL + 6 + labelWidth(text, small) + 16;
    if (kx + w > width - 8 && kx > 8) {
      kx = 8;
      ky += lineHeight + 6;
    }
    key.push({
      kind,
      text,
      x: px(kx),
      y: px(ky),
      box: {
        x0: px(kx),
        y0: px(ky - small * 0.8 - 4),
        x1: px(kx + SYMBOL + 6 + labelWidth(text, small)),
        y1: px(ky + 4),
      },
    });
    kx += w;
  }
  let ny = ky + lineHeight + 8;
  notes.forEach((n, i) => {
    const lines = wrap(n.text, width - 16 - 22, small);
    const box = {
      x0: 8,
      y0: px(ny - small * 0.8 - 4),
      x1: px(8 + 22 + Math.max(...lines.map((l) => labelWidth(l, small)))),
      y1: px(ny + (lines.length - 1) * lineHeight + 4),
    };
    noteOut.push({ owner: n.owner, number: i + 1, lines, x: 8, y: px(ny), fill: n.fill, italic: n.italic, box });
    ny += lines.length * lineHeight + 4;
  });
  const height = Math.ceil(ny - lineHeight + 8);

  return {
    width,
    height,
    narrow,
    fontSize,
    mapHeight,
    projection,
    paths,
    focus,
    borderWith,
    borderSteps: stepsOf('border'),
    borderBox: pointsBox(borderPoints),
    countries,
    cities,
    placeEvents,
    claims,
    labels,
    unplaced,
    key,
    notes: noteOut,
  };
}

function textEl(l: PlacedLabel, lineHeight: number): Markup {
  const tspans = l.lines.map((t, i) => (i === 0 ? svg`${t}` : svg`<tspan x="${l.x}" dy="${lineHeight}">${t}</tspan>`));
  return svg`<text x="${l.x}" y="${l.y}" text-anchor="${l.anchor}" font-size="${l.fontSize}"${l.bold ? svg` font-weight="700"` : ''}${l.italic ? svg` font-style="italic"` : ''} fill="${l.fill}">${tspans}</text>`;
}

function crossMark(x: number, y: number): Markup {
  return svg`<circle cx="${x}" cy="${y}" r="7" fill="#fff" stroke="${mapColours.denial}" stroke-width="1.5"/><path d="M${px(x - 3.5)},${px(y - 3.5)}l7,7m0,-7l-7,7" stroke="${mapColours.denial}" stroke-width="2"/>`;
}

function citySymbol(c: { x: number; y: number; capital: boolean }): Markup {
  return c.capital
    ? svg`<circle cx="${c.x}" cy="${c.y}" r="4.5" fill="#fff" stroke="${mapColours.text}" stroke-width="1.5"/><circle cx="${c.x}" cy="${c.y}" r="2" fill="${mapColours.text}"/>`
    : svg`<circle cx="${c.x}" cy="${c.y}" r="3.5" fill="${mapColours.text}" stroke="#fff"/>`;
}

/**
 * Renders the map as SVG markup.
 * @param data the chart definition (places, claims, labels, steps), its events and optionally the places
 * @param options width (px, default 960; below 560 the narrow layout), idPrefix (default "map"), fontSize (px, default
 * 12)
 */
export function regionMap(data: RegionMapData, options: RegionMapOptions = {}): Drawing {
  const p = options.idPrefix ?? 'map';
  const L = layoutRegionMap(data, options);
  const lh = Math.round(L.fontSize * 1.25);
  const byOwner = (owner: string) => L.labels.filter((l) => l.owner === owner);
  const titles = new Map(data.events.map((e) => [e.id, e.title]));
  const halo = svg`stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`;
  const noteEls = (owner: string) =>
    L.notes
      .filter((n) => n.owner === owner)
      .map(
        (n) => svg`
<g class="map-note"><circle cx="${n.x + 7}" cy="${px(n.y - L.fontSize * 0.35)}" r="8" fill="#fff" stroke="${n.fill}"/><text x="${n.x + 7}" y="${n.y}" text-anchor="middle" font-size="${L.fontSize - 1}" font-weight="700" fill="${n.fill}">${n.number}</text>${n.lines.map((t, i) => svg`<text x="${n.x + 22}" y="${px(n.y + i * lh)}" font-size="${L.fontSize - (L.narrow ? 1 : 0)}"${n.italic ? svg` font-style="italic"` : ''} fill="${n.fill}">${t}</text>`)}</g>`,
      );
  const labelEls = (owner: string, kinds?: PlacedLabel['kind'][]) =>
    byOwner(owner)
      .filter((l) => !kinds || kinds.includes(l.kind))
      .map((l) =>
        l.kind === 'badge'
          ? svg`<circle cx="${px((l.box.x0 + l.box.x1) / 2)}" cy="${px((l.box.y0 + l.box.y1) / 2)}" r="8" fill="#fff" stroke="${l.fill}"/>${textEl({ ...l, x: px((l.box.x0 + l.box.x1) / 2), anchor: 'middle' }, lh)}`
          : svg`<g ${halo}>${textEl(l, lh)}</g>`,
      );

  const countryLabels = L.labels
    .filter((l) => l.kind === 'country' || l.kind === 'focus')
    .map((l) => svg`<g ${halo}>${textEl(l, lh)}</g>`);

  const border = L.paths.border
    ? svg`
<g class="mark" data-id="border" ${stepAttrs(L.borderSteps, options.step)}><title>${data.chart.border?.label ?? ''}</title><path d="${L.paths.border}" fill="none" stroke="#fff" stroke-width="6" stroke-linejoin="round"/><path d="${L.paths.border}" fill="none" stroke="${mapColours.border}" stroke-width="3.5" stroke-linejoin="round" stroke-linecap="round"/>${labelEls('border')}${noteEls('border')}</g>`
    : '';

  const claimEls = L.claims.map((c) => {
    const d = `M${c.start[0]},${c.start[1]}Q${c.control[0]},${c.control[1]} ${c.end[0]},${c.end[1]}`;
    // Arrowhead along the curve's end tangent (from the control point to the end).
    const ang = Math.atan2(c.end[1] - c.control[1], c.end[0] - c.control[0]);
    const head = (a: number) => `${px(c.end[0] - 9 * Math.cos(ang + a))},${px(c.end[1] - 9 * Math.sin(ang + a))}`;
    const claimMark = svg`
<g class="mark" data-id="${c.id}" ${stepAttrs(c.steps, options.step)}><title>${titles.get(c.id) ?? ''}</title><circle cx="${c.start[0]}" cy="${c.start[1]}" r="3" fill="${mapColours.claim}"/><path d="${d}" fill="none" stroke="#fff" stroke-width="5"/><path d="${d}" fill="none" stroke="${mapColours.claim}" stroke-width="2.5" stroke-dasharray="7 5"/><path d="M${head(0.45)}L${c.end[0]},${c.end[1]}L${head(-0.45)}" fill="none" stroke="${mapColours.claim}" stroke-width="2.5" stroke-linejoin="round"/>${labelEls(c.id)}${noteEls(c.id)}</g>`;
    const denialMark = c.denial
      ? svg`
<g class="mark" data-id="${c.denial}" ${stepAttrs(c.denialSteps, options.step)}><title>${titles.get(c.denial) ?? ''}</title>${crossMark(c.cross[0], c.cross[1])}${labelEls(c.denial)}${noteEls(c.denial)}</g>`
      : '';
    return [claimMark, denialMark];
  });

  const cityEls = L.cities.map((c) => {
    const events = L.placeEvents.filter((e) => e.place === c.id);
    const cityMark = svg`
<g class="mark" data-id="${c.id}" ${stepAttrs(c.steps, options.step)}>${citySymbol(c)}${labelEls(c.id)}${noteEls(c.id)}</g>`;
    const eventMarks = events.map(
      (e, i) => svg`
<g class="${e.members ? 'mark cluster' : 'mark'}" data-id="${e.id}" ${stepAttrs(e.steps, options.step)}${e.members ? svg` data-count="${e.members.length}"` : ''}><title>${e.title ?? titles.get(e.id) ?? ''}</title><circle cx="${e.x}" cy="${e.y}" r="${8.5 + 4 * i}" fill="none" stroke="${mapColours.denial}" stroke-width="${i === 0 ? 2 : 1.5}"/>${labelEls(e.id)}${noteEls(e.id)}</g>`,
    );
    return [cityMark, eventMarks];
  });

  const keyEls = L.key.map((k) => {
    const y = px(k.y - L.fontSize * 0.35);
    const sym =
      k.kind === 'focus'
        ? svg`<rect x="${k.x}" y="${px(y - 6)}" width="24" height="12" fill="${mapColours.focusFill}" stroke="${mapColours.focusLine}" stroke-width="1.5"/>`
        : k.kind === 'border'
          ? svg`<path d="M${k.x},${y}h24" stroke="${mapColours.border}" stroke-width="3.5"/>`
          : k.kind === 'claim'
            ? svg`<path d="M${k.x},${y}h24" stroke="${mapColours.claim}" stroke-width="2.5" stroke-dasharray="7 5"/>${crossMark(k.x + 12, y)}`
            : citySymbol({ x: k.x + 12, y, capital: k.kind === 'capital' });
    return svg`<g class="map-key">${sym}<text x="${k.x + 32}" y="${k.y}" font-size="${L.fontSize - (L.narrow ? 1 : 0)}" fill="${mapColours.text}">${k.text}</text></g>`;
  });

  const body = svg`<defs><clipPath id="${p}-clip"><rect width="${L.width}" height="${L.mapHeight}"/></clipPath></defs>
<g class="basemap" clip-path="url(#${p}-clip)"><rect width="${L.width}" height="${L.mapHeight}" fill="${mapColours.sea}"/><path d="${L.paths.land}" fill="${mapColours.land}" stroke="${mapColours.coast}" stroke-width="0.6"/><path d="${L.paths.borders}" fill="none" stroke="${mapColours.borders}" stroke-width="0.8"/><path class="focus" data-id="${L.focus}" d="${L.paths.focus}" fill="${mapColours.focusFill}" stroke="${mapColours.focusLine}" stroke-width="1.5" stroke-linejoin="round"/></g>
<g class="country-labels">${countryLabels}</g>${border}${claimEls}${cityEls}
<g class="key">${keyEls}</g>`;
  return annotatedDrawing(data.chart, options, mapAnnotationFrame(data, L, p), body, mapLit(L));
}

/**
 * Each mark on the map with its geometry and the labels and badges placed for it. The numbered
 * notes in the key below the map are left out: a step's window is the part of the map it is about.
 */
export function mapLit(L: RegionMapLayout): Lit[] {
  const around = (x: number, y: number, r: number): Box => ({ x0: x - r, y0: y - r, x1: x + r, y1: y + r });
  const withLabels = (id: string, steps: number[], boxes: Box[]): Lit[] => {
    const box = unionBox([...boxes, ...L.labels.filter((l) => l.owner === id).map((l) => l.box)]);
    return box ? [{ id, steps, box }] : [];
  };
  return [
    ...withLabels('border', L.borderSteps, L.borderBox ? [L.borderBox] : []),
    ...L.cities.flatMap((c) => withLabels(c.id, c.steps, [around(c.x, c.y, 6)])),
    ...L.placeEvents.flatMap((e) => {
      const ring = L.placeEvents.filter((o) => o.place === e.place).indexOf(e);
      return withLabels(e.id, e.steps, [around(e.x, e.y, 8.5 + 4 * ring + 1)]);
    }),
    ...L.claims.flatMap((c) => [
      ...withLabels(c.id, c.steps, [pointsBox([c.start, c.end, c.control]) ?? around(c.start[0], c.start[1], 3)]),
      ...(c.denial ? withLabels(c.denial, c.denialSteps, [around(c.cross[0], c.cross[1], 7)]) : []),
    ]),
  ];
}

/**
 * What the annotation mark needs from the map: marks by id (cities, events at places, claims and their denials,
 * "border"), countries as "country:<numeric id>" (a small box at the label's centroid), and every label and key entry.
 */
export function mapAnnotationFrame(data: RegionMapData, L: RegionMapLayout, idPrefix: string): AnnotationFrame {
  const dot = (x: number, y: number, r = 6): Box => ({ x0: x - r, x1: x + r, y0: y - r, y1: y + r });
  const anchors = new Map<string, Box>();
  for (const c of L.countries) anchors.set(`country:${c.id}`, dot(c.centroid[0], c.centroid[1]));
  for (const c of L.cities) anchors.set(c.id, dot(c.x, c.y));
  for (const e of L.placeEvents) {
    anchors.set(e.id, dot(e.x, e.y));
    for (const id of e.members ?? []) anchors.set(id, dot(e.x, e.y));
  }
  for (const c of L.claims) {
    anchors.set(c.id, dot(c.start[0], c.start[1], 4));
    if (c.denial) anchors.set(c.denial, dot(c.cross[0], c.cross[1]));
  }
  for (const l of L.labels) if (l.kind === 'border') anchors.set('border', l.box);
  const avoid: Box[] = [
    ...L.labels.map((l) => l.box),
    ...L.key.map((k) => k.box),
    ...L.notes.map((n) => n.box),
    ...L.cities.map((c) => dot(c.x, c.y)),
    ...L.placeEvents.map((e) => dot(e.x, e.y)),
    ...L.claims.flatMap((c) => [dot(c.start[0], c.start[1], 4), dot(c.cross[0], c.cross[1])]),
  ];
  return {
    width: L.width,
    height: L.height,
    anchors,
    avoid,
    events: new Map(data.events.map((e) => [e.id, e])),
    idPrefix,
  };
}
