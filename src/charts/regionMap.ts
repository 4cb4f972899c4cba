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
import { annotatedDrawing, type AnnotationFrame } from './marks/annotation.ts';
import { svg, px, type Markup } from '../lib/escape.ts';
import type { Drawing } from './types.ts';
import { stepAttrs, type Lit } from './marks/steps.ts';
import { pointsBox, unionBox } from './marks/box.ts';
import { layoutRegionMap } from './map/layout.ts';
import {
  type Box,
  mapColoursOf,
  type MapColours,
  type PlacedLabel,
  type RegionMapData,
  type RegionMapLayout,
  type RegionMapOptions,
} from './map/types.ts';

export { countryFeature } from './map/basemap.ts';
export { layoutRegionMap } from './map/layout.ts';
export { textWidth } from './map/text.ts';
export * from './map/types.ts';

function textEl(l: PlacedLabel, lineHeight: number): Markup {
  const tspans = l.lines.map((t, i) => (i === 0 ? svg`${t}` : svg`<tspan x="${l.x}" dy="${lineHeight}">${t}</tspan>`));
  return svg`<text x="${l.x}" y="${l.y}" text-anchor="${l.anchor}" font-size="${l.fontSize}"${
    l.bold
      ? svg`\
 font-weight="700"`
      : ''
  }${l.italic ? svg` font-style="italic"` : ''} fill="${l.fill}">${tspans}</text>`;
}

function crossMark(x: number, y: number, mc: MapColours): Markup {
  return svg`<circle cx="${x}" cy="${y}" r="7" fill="${mc.paper}" stroke="${mc.denial}" stroke-width="1.5"/><path\
 d="M${px(x - 3.5)},${px(y - 3.5)}l7,7m0,-7l-7,7" stroke="${mc.denial}" stroke-width="2"/>`;
}

function citySymbol(c: { x: number; y: number; capital: boolean }, mc: MapColours): Markup {
  return c.capital
    ? svg`<circle cx="${c.x}" cy="${c.y}" r="4.5" fill="${mc.paper}" stroke="${mc.text}" stroke-width="1.5"/>\
<circle cx="${c.x}" cy="${c.y}" r="2" fill="${mc.text}"/>`
    : svg`<circle cx="${c.x}" cy="${c.y}" r="3.5" fill="${mc.text}" stroke="${mc.paper}"/>`;
}

/**
 * Renders the map as SVG markup.
 * @param data the chart definition (places, claims, labels, steps), its events and optionally the places
 * @param options width (px, default 960; below 560 the narrow layout), idPrefix (default "map"), fontSize (px, default
 * 12)
 */
export function regionMap(data: RegionMapData, options: RegionMapOptions = {}): Drawing {
  const p = options.idPrefix ?? 'map';
  const mc = mapColoursOf(options.theme);
  const L = layoutRegionMap(data, options);
  const lh = Math.round(L.fontSize * 1.25);
  const byOwner = (owner: string) => L.labels.filter((l) => l.owner === owner);
  const titles = new Map(data.events.map((e) => [e.id, e.title]));
  const halo = svg`stroke="${mc.paper}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`;
  // A mark's numbered notes: beside its group, not in it (in the narrow layout they sit in the key under the map, so
  // the mark's own box stays where the mark is), fading with it through the same step attributes.
  const noteEls = (owner: string, steps: number[]) =>
    L.notes
      .filter((n) => n.owner === owner)
      .map(
        (n) => svg`
<g class="map-note mark-note" ${stepAttrs(steps, options.step)}><circle cx="${n.x + 7}"\
 cy="${px(n.y - L.fontSize * 0.35)}" r="8" fill="${mc.paper}" stroke="${n.fill}"/><text x="${n.x + 7}" y="${n.y}"\
 text-anchor="middle" font-size="${L.fontSize}"\
 font-weight="700" fill="${n.fill}">${n.number}</text>${n.lines.map(
   (t, i) => svg`<text x="${n.x + 22}"\
 y="${px(n.y + i * lh)}" font-size="${L.fontSize}"${n.italic ? svg` font-style="italic"` : ''} fill="${n.fill}">${t}\
</text>`,
 )}</g>`,
      );
  const labelEls = (owner: string, kinds?: PlacedLabel['kind'][]) =>
    byOwner(owner)
      .filter((l) => !kinds || kinds.includes(l.kind))
      .map((l) =>
        l.kind === 'badge'
          ? svg`<circle cx="${px((l.box.x0 + l.box.x1) / 2)}" cy="${px((l.box.y0 + l.box.y1) / 2)}" r="8"\
 fill="${mc.paper}" stroke="${l.fill}"/>${textEl({ ...l, x: px((l.box.x0 + l.box.x1) / 2), anchor: 'middle' }, lh)}`
          : svg`<g ${halo}>${textEl(l, lh)}</g>`,
      );

  const countryLabels = L.labels
    .filter((l) => l.kind === 'country' || l.kind === 'focus')
    .map((l) => svg`<g ${halo}>${textEl(l, lh)}</g>`);

  const border = L.paths.border
    ? svg`
<g class="mark" data-id="border" ${stepAttrs(L.borderSteps, options.step)}><title>${data.chart.border?.label ?? ''}\
</title><path d="${L.paths.border}" fill="none" stroke="${mc.paper}" stroke-width="6" stroke-linejoin="round"/><path\
 d="${L.paths.border}" fill="none" stroke="${mc.border}" stroke-width="3.5" stroke-linejoin="round"\
 stroke-linecap="round"/>${labelEls('border')}</g>${noteEls('border', L.borderSteps)}`
    : '';

  const claimEls = L.claims.map((c) => {
    const d = `M${c.start[0]},${c.start[1]}Q${c.control[0]},${c.control[1]} ${c.end[0]},${c.end[1]}`;
    // Arrowhead along the curve's end tangent (from the control point to the end).
    const ang = Math.atan2(c.end[1] - c.control[1], c.end[0] - c.control[0]);
    const head = (a: number) => `${px(c.end[0] - 9 * Math.cos(ang + a))},${px(c.end[1] - 9 * Math.sin(ang + a))}`;
    const claimMark = svg`
<g class="mark" data-id="${c.id}" ${stepAttrs(c.steps, options.step)}><title>${titles.get(c.id) ?? ''}</title>\
<circle cx="${c.start[0]}" cy="${c.start[1]}" r="3" fill="${mc.claim}"/><path d="${d}" fill="none"\
 stroke="${mc.paper}" stroke-width="5"/><path d="${d}" fill="none" stroke="${mc.claim}" stroke-width="2.5"\
 stroke-dasharray="7 5"/><path d="M${head(0.45)}L${c.end[0]},${c.end[1]}L${head(-0.45)}" fill="none"\
 stroke="${mc.claim}" stroke-width="2.5" stroke-linejoin="round"/>${labelEls(c.id)}</g>\
${noteEls(c.id, c.steps)}`;
    const denialMark = c.denial
      ? svg`
<g class="mark" data-id="${c.denial}" ${stepAttrs(c.denialSteps, options.step)}><title>${titles.get(c.denial) ?? ''}\
</title>${crossMark(c.cross[0], c.cross[1], mc)}${labelEls(c.denial)}</g>${noteEls(c.denial, c.denialSteps)}`
      : '';
    return [claimMark, denialMark];
  });

  const cityEls = L.cities.map((c) => {
    const events = L.placeEvents.filter((e) => e.place === c.id);
    const cityMark = svg`
<g class="mark" data-id="${c.id}"\
 ${stepAttrs(c.steps, options.step)}>${citySymbol(c, mc)}${labelEls(c.id)}</g>${noteEls(c.id, c.steps)}`;
    const eventMarks = events.map(
      (e, i) => svg`
<g class="${e.members ? 'mark cluster' : 'mark'}" data-id="${e.id}"\
 ${stepAttrs(e.steps, options.step)}${e.members ? svg` data-count="${e.members.length}"` : ''}>\
<title>${e.title ?? titles.get(e.id) ?? ''}</title><circle cx="${e.x}" cy="${e.y}" r="${8.5 + 4 * i}" fill="none"\
 stroke="${mc.denial}" stroke-width="${i === 0 ? 2 : 1.5}"/>${labelEls(e.id)}</g>${noteEls(e.id, e.steps)}`,
    );
    return [cityMark, eventMarks];
  });

  const keyEls = L.key.map((k) => {
    const y = px(k.y - L.fontSize * 0.35);
    const sym =
      k.kind === 'focus'
        ? svg`<rect x="${k.x}" y="${px(y - 6)}" width="24" height="12" fill="${mc.focusFill}"\
 stroke="${mc.focusLine}" stroke-width="1.5"/>`
        : k.kind === 'border'
          ? svg`<path d="M${k.x},${y}h24" stroke="${mc.border}" stroke-width="3.5"/>`
          : k.kind === 'claim'
            ? svg`<path d="M${k.x},${y}h24" stroke="${mc.claim}" stroke-width="2.5" stroke-dasharray="7\
 5"/>${crossMark(k.x + 12, y, mc)}`
            : citySymbol({ x: k.x + 12, y, capital: k.kind === 'capital' }, mc);
    return svg`<g class="map-key">${sym}<text x="${k.x + 32}" y="${k.y}" font-size="${L.fontSize}"\
 fill="${mc.text}">${k.text}</text></g>`;
  });

  const body = svg`<defs><clipPath id="${p}-clip"><rect width="${L.width}" height="${L.mapHeight}"/></clipPath></defs>
<g class="basemap" clip-path="url(#${p}-clip)"><rect width="${L.width}" height="${L.mapHeight}"\
 fill="${mc.sea}"/><path d="${L.paths.land}" fill="${mc.land}" stroke="${mc.coast}"\
 stroke-width="0.6"/><path d="${L.paths.borders}" fill="none" stroke="${mc.borders}" stroke-width="0.8"/>\
<path class="focus" data-id="${L.focus}" d="${L.paths.focus}" fill="${mc.focusFill}"\
 stroke="${mc.focusLine}" stroke-width="1.5" stroke-linejoin="round"/></g>
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
    text: data.text,
  };
}
