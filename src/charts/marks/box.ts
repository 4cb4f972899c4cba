/**
 * Axis-aligned boxes in SVG user units, and the one overlap test every chart's collision
 * avoidance uses. Pure.
 */

/** An axis-aligned box in SVG user units. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Whether two boxes overlap (touching edges do not). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/** The smallest box holding every box given, or undefined for none. */
export function unionBox(boxes: Iterable<Box>): Box | undefined {
  let out: Box | undefined;
  for (const b of boxes) {
    out = out
      ? {
          x0: Math.min(out.x0, b.x0),
          y0: Math.min(out.y0, b.y0),
          x1: Math.max(out.x1, b.x1),
          y1: Math.max(out.y1, b.y1),
        }
      : { ...b };
  }
  return out;
}

/** The box of a set of points. */
export function pointsBox(points: readonly (readonly [number, number])[]): Box | undefined {
  return unionBox(points.map(([x, y]) => ({ x0: x, y0: y, x1: x, y1: y })));
}

/** A box grown by `by` on every side and clipped to (0, 0, width, height). */
export function padBox(b: Box, by: number, width: number, height: number): Box {
  const r = (n: number) => Math.round(n * 100) / 100;
  return {
    x0: r(Math.max(0, b.x0 - by)),
    y0: r(Math.max(0, b.y0 - by)),
    x1: r(Math.min(width, b.x1 + by)),
    y1: r(Math.min(height, b.y1 + by)),
  };
}
