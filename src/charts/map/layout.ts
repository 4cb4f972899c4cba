/**
 * The map's layout: projection, basemap paths, countries, cities, events at places and claim curves, then the labels
 * and the key. Shared by the build-time renderer and any browser code.
 */
import { geoConicEqualArea, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { mesh } from 'topojson-client';
import { defined } from '../../lib/defined.ts';
import { px } from '../../lib/escape.ts';
import { pointsBox } from '../marks/box.ts';
import { DENSITY_LIMITS, binLabel, clusterLabel, clusterTitle, featuredIds, thin } from '../density.ts';
import {
  countriesObject,
  countryFeatures,
  drawPath,
  landFeature,
  REGION_NARROW,
  REGION_WIDE,
  regionPoints,
  topology,
} from './basemap.ts';
import { layoutKey } from './key.ts';
import { placeLabels } from './labels.ts';
import { labelPlacer } from './placer.ts';
import {
  mapColoursOf,
  type MapCity,
  type MapClaim,
  type MapPlaceEvent,
  type RegionMapData,
  type RegionMapLayout,
  type RegionMapOptions,
} from './types.ts';

export function layoutRegionMap(data: RegionMapData, options: RegionMapOptions = {}): RegionMapLayout {
  const width = options.width ?? 960;
  const narrow = width < 560;
  const fontSize = options.fontSize ?? 12;
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
  const placer = labelPlacer(width, mapHeight, lineHeight);
  const { obstacles } = placer;
  const unplaced: string[] = [];

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
        label: `${clusterLabel(text, cl.members.length)}, ${binLabel(cl.bin, text)}`,
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

  const { notes, borderPoints } = placeLabels({
    colours: mapColoursOf(options.theme),
    data,
    width,
    narrow,
    fontSize,
    lineHeight,
    mapHeight,
    projection,
    focus,
    borderWith,
    countries,
    cities,
    placeEvents,
    claims,
    ringRadius,
    stepsOf,
    showAll,
    placer,
    unplaced,
  });

  const {
    key,
    notes: noteOut,
    height,
  } = layoutKey(
    chart,
    {
      width,
      mapHeight,
      fontSize,
      lineHeight,
      hasBorder: !!borderWith,
      hasClaims: claims.length > 0,
      hasCapital: cities.some((c) => c.capital),
      hasCity: cities.some((c) => !c.capital),
    },
    notes,
  );

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
    labels: placer.labels,
    unplaced,
    key,
    notes: noteOut,
  };
}
