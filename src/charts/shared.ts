/**
 * Small pure helpers shared by the timeline, flow and matrix charts: text measuring and
 * wrapping, step indices, date and figure wording, hatching, and a wrapping legend.
 * No DOM, no I/O, no clock.
 */
import { px } from '../lib/escape.ts';
import { labelWidth } from './marks/text.ts';
import type { Box } from './marks/box.ts';
import { fill, monthName, type DrawingText } from './marks/words.ts';
import type { StoryEvent } from '../schemas.ts';

export { labelWidth };
export { SAFE, blockWidth, wrapText } from './marks/text.ts';
export { stepIndex } from './marks/steps.ts';

export { FONT_FAMILY } from './marks/frame.ts';

export { boxesOverlap, type Box } from './marks/box.ts';

/** Space- or comma-separated ids in a `words` entry. */
/**
 * Is an event drawn as uncertain (hatched): reported or unverified, or its day is a range (`until`) or "that day or
 * shortly before" (`dateUncertain`). One rule for every chart that draws events.
 */
export const isUncertain = (e: Pick<StoryEvent, 'status' | 'until' | 'dateUncertain'>): boolean =>
  e.status === 'reported' || e.status === 'unverified' || e.until !== undefined || e.dateUncertain === true;

export function idList(value: string | undefined): string[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean);
}

/** A short date no more precise than known: "23 Oct 2023", "Oct 2023", "2023". */
export function shortDate(e: Pick<StoryEvent, 'date' | 'precision'>, text: DrawingText): string {
  const [y, m, d] = e.date.split('-').map(Number);
  if (e.precision === 'year' || m === undefined) return String(y);
  const month = monthName(text, m);
  if (e.precision === 'month' || d === undefined) return fill(text.drawing.monthYear, { month, year: String(y) });
  return fill(text.drawing.dayMonthYear, { day: d, month, year: String(y) });
}

/** 1000000 -> "1,000,000" (no locale data involved, so output never depends on the machine). */
export function groupDigits(n: number): string {
  const [int = '', frac] = String(n).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}

type Figure = NonNullable<StoryEvent['figures']>[number];

/** "more than 1,000,000 followers", "about 2,000 views", "30 laboratories" (patterns of `text.drawing`). */
export function figureText(f: Figure, text: DrawingText): string {
  const w = text.drawing;
  const pattern = f.qualifier === 'more-than' ? w.figureMoreThan : f.qualifier === 'about' ? w.figureAbout : w.figure;
  return fill(pattern, { n: groupDigits(f.value), unit: f.unit ?? f.kind });
}

export { hatchPattern } from './marks/defs.ts';

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
export function layoutLegend(
  items: readonly LegendItem[],
  x0: number,
  top: number,
  maxWidth: number,
  fontSize: number,
): { items: PlacedLegendItem[]; bottom: number } {
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
