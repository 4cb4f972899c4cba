/**
 * Where the annotation mark puts things (src/charts/marks/annotation.ts): candidate places for a note around its
 * subject, the connector's ends, a free place for a numbered badge, and whether a leader runs through a box. Pure
 * geometry over boxes in drawing units; a fixed order of candidates, so placement is deterministic.
 */
import { px } from '../../lib/escape.ts';
import { boxesOverlap, type Box } from './box.ts';

export const GAP = 6;
export const MARGIN = 4;

export function union(boxes: readonly Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

export function grow(b: Box, d: number): Box {
  return { x0: b.x0 - d, y0: b.y0 - d, x1: b.x1 + d, y1: b.y1 + d };
}

/**
 * Candidate top-left corners for a w x h note around subject s, nearest first: the four sides at
 * three alignments, then a grid around the subject ordered by the gap between note and subject.
 * A fixed order (ties broken by position), so placement is deterministic.
 */
export function candidates(s: Box, w: number, h: number, frame: Box): [number, number][] {
  const out: [number, number][] = [];
  const cx = (s.x0 + s.x1) / 2;
  const cy = (s.y0 + s.y1) / 2;
  for (const d of [GAP, 14]) {
    for (const x of [s.x0, cx - w / 2, s.x1 - w]) out.push([x, s.y1 + d]);
    for (const x of [s.x0, cx - w / 2, s.x1 - w]) out.push([x, s.y0 - d - h]);
    for (const y of [cy - h / 2, s.y0, s.y1 - h]) out.push([s.x1 + d, y]);
    for (const y of [cy - h / 2, s.y0, s.y1 - h]) out.push([s.x0 - d - w, y]);
  }
  const grid: { x: number; y: number; d: number }[] = [];
  const STEP = 6;
  for (let y = frame.y0; y + h <= frame.y1; y += STEP)
    for (let x = frame.x0; x + w <= frame.x1; x += STEP) {
      const dx = Math.max(0, s.x0 - (x + w), x - s.x1);
      const dy = Math.max(0, s.y0 - (y + h), y - s.y1);
      const d = Math.hypot(dx, dy);
      if (d <= 260) grid.push({ x, y, d });
    }
  grid.sort((a, b) => a.d - b.d || a.y - b.y || a.x - b.x);
  for (const g of grid) out.push([g.x, g.y]);
  // Last, places flush with the subject's sides (3 units off, the note's clearance) anywhere along them: the grid's
  // 6-unit steps can miss the one place whose leader runs clear of a mark beside the subject.
  const flush: { x: number; y: number; d: number }[] = [];
  for (let y = frame.y0; y + h <= frame.y1; y += STEP) {
    const d = Math.max(0, s.y0 - (y + h), y - s.y1);
    if (d <= 260) flush.push({ x: s.x0 - 3 - w, y, d }, { x: s.x1 + 3, y, d });
  }
  for (let x = frame.x0; x + w <= frame.x1; x += STEP) {
    const d = Math.max(0, s.x0 - (x + w), x - s.x1);
    if (d <= 260) flush.push({ x, y: s.y0 - 3 - h, d }, { x, y: s.y1 + 3, d });
  }
  flush.sort((a, b) => a.d - b.d || a.y - b.y || a.x - b.x);
  for (const f of flush) out.push([f.x, f.y]);
  return out;
}

/** The point of box b nearest to (x, y). */
function nearest(b: Box, x: number, y: number): [number, number] {
  return [Math.min(Math.max(x, b.x0), b.x1), Math.min(Math.max(y, b.y0), b.y1)];
}

/** The connector's ends, rounded as drawn: from the note's nearest point to the subject's rim. */
export function leaderOf(note: Box, subject: Box): [number, number, number, number] {
  const [sx, sy] = nearest(subject, (note.x0 + note.x1) / 2, (note.y0 + note.y1) / 2);
  const [nx, ny] = nearest(note, sx, sy);
  return [Math.round(nx), Math.round(ny), Math.round(sx), Math.round(sy)];
}

/** Radius of a badge that numbers a strip note beside its subject. */
export const BADGE = 8;

/**
 * A free place for a badge of radius BADGE beside the subject (left, right, above, below, at its middle, then its
 * corners), inside the frame and over nothing in `taken`; undefined when there is none.
 */
export function badgePlace(subject: Box, frame: Box, taken: readonly Box[]): Box | undefined {
  const d = 2 * BADGE + 2;
  const cy = (subject.y0 + subject.y1) / 2;
  const cx = (subject.x0 + subject.x1) / 2;
  const spots: [number, number][] = [
    [subject.x0 - d, cy - BADGE],
    [subject.x1 + 2, cy - BADGE],
    [cx - BADGE, subject.y0 - d],
    [cx - BADGE, subject.y1 + 2],
    [subject.x0 - d, subject.y0 - d],
    [subject.x1 + 2, subject.y0 - d],
    [subject.x0 - d, subject.y1 + 2],
    [subject.x1 + 2, subject.y1 + 2],
  ];
  // Then along its top and bottom edges, and down its sides, every 12 units.
  for (let x = subject.x0; x + 2 * BADGE <= subject.x1; x += 12) spots.push([x, subject.y0 - d], [x, subject.y1 + 2]);
  for (let y = subject.y0; y + 2 * BADGE <= subject.y1; y += 12) spots.push([subject.x0 - d, y], [subject.x1 + 2, y]);
  for (const [x, y] of spots) {
    const b = { x0: px(x), y0: px(y), x1: px(x + 2 * BADGE), y1: px(y + 2 * BADGE) };
    const inside = b.x0 >= frame.x0 && b.y0 >= frame.y0 && b.x1 <= frame.x1 && b.y1 <= frame.y1;
    if (inside && !taken.some((o) => boxesOverlap(grow(b, 1), o))) return b;
  }
  return undefined;
}

/** Whether a drawn leader runs through the inside of any of `boxes` (sampled every unit, ends excluded). */
export function crossesAny(leader: readonly [number, number, number, number], boxes: readonly Box[]): boolean {
  const [x0, y0, x1, y1] = leader;
  const n = Math.ceil(Math.hypot(x1 - x0, y1 - y0));
  for (let i = 1; i < n; i++) {
    const x = x0 + ((x1 - x0) * i) / n;
    const y = y0 + ((y1 - y0) * i) / n;
    if (boxes.some((b) => x > b.x0 && x < b.x1 && y > b.y0 && y < b.y1)) return true;
  }
  return false;
}
