/** Label placement on the map: each label takes the first candidate position that fits and overlaps nothing. */
import { px } from '../../lib/escape.ts';
import { overlap, textBox } from './text.ts';
import type { Anchor, Box, PlacedLabel } from './types.ts';

/** A candidate position of a label. */
export type Try = { x: number; y: number; anchor: Anchor };

export interface LabelPlacer {
  /** Boxes labels must not overlap (marks and placed labels), in placement order. */
  obstacles: Box[];
  /** The labels placed so far, in placement order. */
  labels: PlacedLabel[];
  /** Places `lines` at the first candidate that fits; null when none does. */
  tryPlace(
    owner: string,
    kind: PlacedLabel['kind'],
    lines: string[],
    candidates: Try[],
    style: { fontSize: number; bold?: boolean; italic?: boolean; fill: string },
  ): PlacedLabel | null;
  /** Candidates around a point at distance `d` (px) for a label of `nLines` lines at font size `fs`. */
  around(x: number, y: number, d: number, fs: number, nLines?: number): Try[];
}

/** A placer for labels inside the map (width x mapHeight px, 2 px margin). */
export function labelPlacer(width: number, mapHeight: number, lineHeight: number): LabelPlacer {
  const mapBox: Box = { x0: 2, y0: 2, x1: width - 2, y1: mapHeight - 2 };
  const inside = (b: Box) => b.x0 >= mapBox.x0 && b.x1 <= mapBox.x1 && b.y0 >= mapBox.y0 && b.y1 <= mapBox.y1;
  const obstacles: Box[] = [];
  const labels: PlacedLabel[] = [];
  const fits = (b: Box) => inside(b) && !obstacles.some((o) => overlap(o, b));
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
  return { obstacles, labels, tryPlace, around };
}
