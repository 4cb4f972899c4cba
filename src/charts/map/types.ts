/** The map's data, options and layout types, and its colours. */
import type { GeoProjection } from 'd3-geo';
import type { ChartInput, ChartOptions } from '../types.ts';
import { paletteOf, type Theme } from '../marks/palette.ts';

/** A place with coordinates (content/data/places.json). */
export type { Place } from '../../schemas.ts';

/** What regionMap() reads: the chart, its events, the places and the words it prints. */
export type RegionMapData = Pick<ChartInput<'map'>, 'chart' | 'events' | 'places' | 'text'>;

/** width: px, default 960 (below 560 the narrow layout); idPrefix default "map"; fontSize default 12. */
export type RegionMapOptions = ChartOptions;

/** The map's colours by role, from the palette of a theme (decision 0003). */
export interface MapColours {
  sea: string;
  land: string;
  coast: string;
  borders: string;
  focusFill: string;
  focusLine: string;
  border: string;
  claim: string;
  denial: string;
  text: string;
  countryText: string;
  /** The ground: halos under words, a badge's disc, a city's hollow ring. */
  paper: string;
}

/** The map's roles in the colours of `theme` (default page). */
export function mapColoursOf(theme?: Theme): MapColours {
  const pal = paletteOf(theme);
  return {
    sea: pal.sea,
    land: pal.land,
    coast: pal.coast,
    borders: pal.coast,
    focusFill: pal.focus,
    focusLine: pal.highlightInk,
    border: pal.official,
    claim: pal.disinformation,
    denial: pal.response,
    text: pal.ink,
    countryText: pal.countryInk,
    paper: pal.paper,
  };
}

/** The light theme's map colours: each line or text colour is at least 4.5:1 against #fff and #fbfaf7. */
export const mapColours: MapColours = mapColoursOf('light');

export type Box = { x0: number; y0: number; x1: number; y1: number };
export type Anchor = 'start' | 'middle' | 'end';

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
