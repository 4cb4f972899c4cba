/**
 * Small pure helpers shared by the timeline, flow and matrix charts: text measuring and
 * wrapping, step indices, date and figure wording, hatching, and a wrapping legend.
 * No DOM, no I/O, no clock.
 */
import { svg, px, type Markup } from '../lib/escape.ts';
import { labelWidth } from './lanes.ts';
import type { Chart, StoryEvent } from '../schemas.ts';

export { labelWidth };
export { stepIndex } from './marks/steps.ts';

/** The font stack every chart declares on its <svg>. */
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
/** Text colours: ink ~16:1 and muted ~7:1 against #fff and #fbfaf7. */
export const INK = '#1d1d1d';
export const MUTED = '#565656';

/**
 * Share of a line's room that wrapped text may fill: labelWidth is an estimate, and fonts
 * that render wider (DejaVu Sans, the fallback) still fit.
 */
export const SAFE = 0.92;

/** An axis-aligned box in SVG user units. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A box that belongs to something with an id (a mark's glyph or a text block). */
export interface OwnedBox extends Box {
  id: string;
}

/** Whether two boxes overlap (touching edges do not). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** The box of a block of `lines` text lines whose first baseline is `y`. */
export function textBlockBox(x0: number, x1: number, firstBaseline: number, lines: number, fontSize: number, lineHeight: number): Box {
  return { x0: px(x0), x1: px(x1), y0: px(firstBaseline - fontSize), y1: px(firstBaseline + (lines - 1) * lineHeight + 3) };
}

/**
 * Breaks `text` into lines no wider than `maxWidth` px (estimated with labelWidth), at spaces
 * or after a slash. A word longer than a line is broken inside, so no line ever overflows.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  // Tokens with the separator that goes before them when they share a line with the previous one.
  const tokens: { t: string; sep: string }[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    word.split(/(?<=\/)(?=.)/).forEach((part, i) => tokens.push({ t: part, sep: i === 0 ? ' ' : '' }));
  }
  const lines: string[] = [];
  let line = '';
  for (const { t, sep } of tokens) {
    const candidate = line ? `${line}${sep}${t}` : t;
    if (labelWidth(candidate, fontSize) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = t;
    // Hard-break a token wider than the line; a line always keeps one character, so this ends
    // even when crowding leaves no room (maxWidth <= 0).
    while (rest.length > 1 && labelWidth(rest, fontSize) > maxWidth) {
      let cut = rest.length - 1;
      while (cut > 1 && labelWidth(rest.slice(0, cut), fontSize) > maxWidth) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** Widest line of a block, in px. */
export function blockWidth(lines: readonly string[], fontSize: number): number {
  return Math.max(0, ...lines.map((l) => labelWidth(l, fontSize)));
}

/** Space- or comma-separated ids in a `words` entry. */
export function idList(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A short date no more precise than known: "23 Oct 2023", "Oct 2023", "2023". */
export function shortDate(e: Pick<StoryEvent, 'date' | 'precision'>): string {
  const [y, m, d] = e.date.split('-').map(Number);
  if (e.precision === 'year' || m === undefined) return String(y);
  if (e.precision === 'month' || d === undefined) return `${MONTHS[m - 1]} ${y}`;
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** 1000000 -> "1,000,000" (no locale data involved, so output never depends on the machine). */
export function groupDigits(n: number): string {
  const [int, frac] = String(n).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}

type Figure = NonNullable<StoryEvent['figures']>[number];

/** "more than 1,000,000 followers", "about 2,000 views", "30 laboratories". */
export function figureText(f: Figure): string {
  const q = f.qualifier === 'more-than' ? 'more than ' : f.qualifier === 'about' ? 'about ' : '';
  return `${q}${groupDigits(f.value)} ${f.unit ?? f.kind}`;
}

/** A diagonal hatch in `colour` on white; `size` is the period in px. */
export function hatchPattern(id: string, colour: string, size = 4): Markup {
  const half = size / 2;
  return svg`<pattern id="${id}" width="${size}" height="${size}" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="${size}" height="${size}" fill="#fff"/><rect width="${half}" height="${size}" fill="${colour}"/></pattern>`;
}

export interface LegendItem {
  key: string;
  label: string;
  /** Width of the swatch drawn before the label, px. */
  swatch: number;
}

export interface PlacedLegendItem extends LegendItem {
  x: number;
  /** Baseline of the label; the swatch is centred on y - fontSize * 0.35. */
  y: number;
  box: Box;
}

/** Lays legend items left to right from (x0, top), wrapping within maxWidth. */
export function layoutLegend(items: readonly LegendItem[], x0: number, top: number, maxWidth: number, fontSize: number): { items: PlacedLegendItem[]; bottom: number } {
  const lineH = fontSize + 8;
  let x = x0;
  let row = 0;
  const placed: PlacedLegendItem[] = [];
  for (const it of items) {
    const w = it.swatch + 5 + labelWidth(it.label, fontSize);
    if (x > x0 && x + w > x0 + maxWidth) {
      row++;
      x = x0;
    }
    const y = top + row * lineH + fontSize;
    placed.push({ ...it, x: px(x), y: px(y), box: { x0: px(x), x1: px(x + w), y0: px(y - fontSize), y1: px(y + 3) } });
    x += w + 14;
  }
  return { items: placed, bottom: items.length ? top + (row + 1) * lineH : top };
}
