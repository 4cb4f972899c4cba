/**
 * The map's words, placed in order of priority: city names, notes on places and events, claims with their verdicts,
 * the border, country names, then a numbered badge for each note that did not fit on the map (or every note, narrow).
 */
import type { GeoProjection } from 'd3-geo';
import { mesh } from 'topojson-client';
import { defined } from '../../lib/defined.ts';
import { countriesObject, countryFeatures, inRings, projectedRings, topology } from './basemap.ts';
import type { LabelPlacer, Try } from './placer.ts';
import { labelWidth, textBox } from './text.ts';
import type {
  MapColours,
  MapCity,
  MapClaim,
  MapPlaceEvent,
  PlacedLabel,
  RegionMapData,
  RegionMapLayout,
} from './types.ts';

/** A note that did not fit on the map: listed below it, numbered, with a badge at `at`. */
export interface PendingNote {
  owner: string;
  text: string;
  fill: string;
  italic: boolean;
  at: [number, number];
}

/** What label placement reads: the data, the layout so far and the placer holding the marks as obstacles. */
export interface LabelContext {
  data: RegionMapData;
  width: number;
  narrow: boolean;
  fontSize: number;
  lineHeight: number;
  mapHeight: number;
  projection: GeoProjection;
  focus: string;
  borderWith: string;
  countries: RegionMapLayout['countries'];
  cities: MapCity[];
  placeEvents: MapPlaceEvent[];
  claims: MapClaim[];
  /** The room a city's dot and its rings take (px from its centre). */
  ringRadius: (id: string) => number;
  stepsOf: (id: string) => number[];
  showAll: number[];
  placer: LabelPlacer;
  /** The drawing's colours by role (its theme's). */
  colours: MapColours;
  /** Owners of labels that found no place (added to). */
  unplaced: string[];
}

/** Places every label; returns the notes (in step order) and the projected border points (west to east). */
export function placeLabels(ctx: LabelContext): { notes: PendingNote[]; borderPoints: [number, number][] } {
  const { data, width, narrow, fontSize, lineHeight, mapHeight, projection, focus, borderWith } = ctx;
  const { countries, cities, placeEvents, claims, ringRadius, stepsOf, showAll, unplaced } = ctx;
  const { labels, obstacles, tryPlace, around } = ctx.placer;
  const { chart } = data;
  const small = fontSize;
  const notes: PendingNote[] = [];

  // City names first: they are short and must sit next to their dot.
  for (const c of cities) {
    if (
      !tryPlace(c.id, 'city', [c.label], around(c.x, c.y, ringRadius(c.id) + 2, fontSize), {
        fontSize,
        bold: true,
        fill: ctx.colours.text,
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
  const placeNoteSet = new Set<unknown>(placeNotes);
  for (const n of [...placeNotes, ...eventNotes]) {
    const isPlaceNote = placeNoteSet.has(n);
    const style = { fontSize: small, italic: isPlaceNote, fill: isPlaceNote ? ctx.colours.claim : ctx.colours.denial };
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
    const claimStyle = { fontSize: small, italic: true, fill: ctx.colours.claim };
    const denialText = cl.denial ? (chart.labels[cl.denial] ?? eventTitle(cl.denial)) : null;
    const denialStyle = { fontSize: small, bold: true, fill: ctx.colours.denial };
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
    const l = tryPlace('border', 'border', lines, cand, { fontSize: small, bold: false, fill: ctx.colours.border });
    if (!l)
      notes.push({
        owner: 'border',
        text: borderNote ? `${borderLabel}. ${borderNote}` : borderLabel,
        fill: ctx.colours.border,
        italic: false,
        at: defined(borderPoints[Math.floor(borderPoints.length / 2)], 'the middle of the border'),
      });
    else if (narrow && borderNote)
      notes.push({ owner: 'border', text: borderNote, fill: ctx.colours.border, italic: false, at: [l.x, l.y] });
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
    const onCountry = cand.filter((t) => {
      const b = textBox([full], t.x, t.y, t.anchor, fs, isFocus, lineHeight);
      return inRings(rings, t.x, t.y - fs * 0.35) && inRings(rings, (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2);
    });
    let done = false;
    for (const t of texts) {
      if (
        tryPlace(c.id, isFocus ? 'focus' : 'country', [t], onCountry, {
          fontSize: fs,
          bold: isFocus,
          fill: isFocus ? ctx.colours.focusLine : ctx.colours.countryText,
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
  notes.forEach((n, i) => {
    const number = i + 1;
    const lines = [String(number)];
    const [x, y] = n.at;
    const cand = [11, 18, 26, 34, 44].flatMap((r) => around(x, y, r, small));
    if (!tryPlace(n.owner, 'badge', lines, cand, { fontSize: small, bold: true, fill: n.fill }))
      unplaced.push(`badge ${n.owner}`);
  });

  return { notes, borderPoints };
}
