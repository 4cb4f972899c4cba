/**
 * The basemap: Natural Earth (world-atlas, 1:50m) with its corrections, the region shown, and compact SVG paths.
 * The TopoJSON is imported (bundled at build time), and the features derived from it are computed once, read-only.
 */
import { geoContains, geoPath, type GeoPermissibleObjects, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import world from 'world-atlas/countries-50m.json' with { type: 'json' };
import { defined } from '../../lib/defined.ts';

// --- Geometry, derived once from the imported TopoJSON (read-only afterwards) ---

type CountryProps = { name: string };
// Safe: world-atlas's countries-50m.json is TopoJSON with objects countries and land (its documented format); JSON
// imports are typed by their literal shape, not as TopoJSON.
export const topology = world as unknown as Topology<{
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

export const countriesObject: GeometryCollection<CountryProps> = (() => {
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

export const countryFeatures: ReadonlyMap<string, Feature<Polygon | MultiPolygon, CountryProps>> = new Map(
  // Safe: feature() of a GeometryCollection returns a FeatureCollection; its typings return a Feature union.
  (
    feature(topology, countriesObject) as unknown as { features: Feature<Polygon | MultiPolygon, CountryProps>[] }
  ).features.map((f) => [String(f.id), f]),
);
/** A country's feature as the map draws it (after REASSIGN), by ISO 3166-1 numeric id. */
export function countryFeature(id: string): Feature<Polygon | MultiPolygon, CountryProps> | undefined {
  return countryFeatures.get(id);
}
// Safe: a GeoJSON FeatureCollection, which d3-geo draws; topojson's and d3-geo's GeoJSON typings do not meet.
export const landFeature = feature(topology, topology.objects.land) as unknown as GeoPermissibleObjects;

/** Region shown, as [west, south, east, north] in degrees: wide, and tighter for narrow screens. */
export const REGION_WIDE: [number, number, number, number] = [22, 35, 96, 61];
export const REGION_NARROW: [number, number, number, number] = [27, 36.5, 88, 59];

export function regionPoints([w, s, e, n]: [number, number, number, number]): GeoPermissibleObjects {
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
  /** Never called by d3-geo; GeoContext requires it. */
  beginPath(): void {}
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
export function projectedRings(projection: GeoProjection, object: GeoPermissibleObjects): [number, number][][] {
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
    beginPath: () => {}, // never called by d3-geo; GeoContext requires it
  };
  geoPath(projection, ctx)(object);
  return rings.map((r) => simplify(r, 0.5));
}

/** Even-odd point-in-polygon over all rings. */
export function inRings(rings: [number, number][][], x: number, y: number): boolean {
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

export function drawPath(projection: GeoProjection, object: GeoPermissibleObjects, tolerance: number): string {
  const ctx = new CompactPath(tolerance);
  geoPath(projection, ctx)(object);
  return ctx.result();
}
