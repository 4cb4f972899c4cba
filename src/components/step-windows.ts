/**
 * Each step's window: the box (drawing units) of everything the step highlights, per layout
 * (decision 0001: `Drawing.steps[i].window`). Until the chart functions return it, it is computed
 * here at build time from the same layout functions the drawings come from (never measured in the
 * browser). This is the one place to switch to `drawing.steps[i].window` once that lands.
 */
import type { ChartInput, ChartOptions } from '../charts/types.ts';
import type { Box } from '../charts/shared.ts';
import { layoutFlow } from '../charts/flow.ts';
import { layoutLanes } from '../charts/lanes.ts';
import { layoutMatrix } from '../charts/matrix.ts';
import { layoutRegionMap } from '../charts/regionMap.ts';
import { layoutTimeline } from '../charts/timeline.ts';

export interface StepWindows {
  width: number;
  height: number;
  /** One per step, in step order: [x0, y0, x1, y1], rounded out to whole units. */
  windows: [number, number, number, number][];
}

const PAD = 6;

function union(boxes: Box[], width: number, height: number): [number, number, number, number] {
  if (boxes.length === 0) return [0, 0, width, height];
  const b = boxes.reduce((a, c) => ({ x0: Math.min(a.x0, c.x0), y0: Math.min(a.y0, c.y0), x1: Math.max(a.x1, c.x1), y1: Math.max(a.y1, c.y1) }));
  return [
    Math.max(0, Math.floor(b.x0 - PAD)),
    Math.max(0, Math.floor(b.y0 - PAD)),
    Math.min(width, Math.ceil(b.x1 + PAD)),
    Math.min(height, Math.ceil(b.y1 + PAD)),
  ];
}

export function stepWindows(input: ChartInput, options: ChartOptions): StepWindows {
  const n = input.chart.steps.length;
  const per: { steps: number[]; boxes: Box[] }[] = [];
  let width = 0;
  let height = 0;
  switch (input.chart.kind) {
    case 'timeline': {
      const L = layoutTimeline(input, options);
      ({ width, height } = L);
      for (const m of L.marks) per.push({ steps: m.steps, boxes: [m.glyph, m.label] });
      break;
    }
    case 'flow': {
      const L = layoutFlow(input, options);
      ({ width, height } = L);
      for (const m of L.nodes) per.push({ steps: m.steps, boxes: [m] });
      break;
    }
    case 'matrix': {
      const L = layoutMatrix(input, options);
      ({ width, height } = L);
      for (const m of L.cells) per.push({ steps: m.steps, boxes: [m] });
      break;
    }
    case 'lanes': {
      const L = layoutLanes(input, options);
      ({ width, height } = L);
      const half = 8;
      for (const m of L.marks) {
        const [l0, l1] = m.labelBox;
        per.push({ steps: m.steps, boxes: [{ x0: m.x0 - half, y0: m.y - half, x1: m.x1 + half, y1: m.y + half }, { x0: l0, y0: m.ly - 12, x1: l1, y1: m.ly + 4 }] });
      }
      break;
    }
    case 'map': {
      const L = layoutRegionMap(input, options);
      ({ width, height } = L);
      const dot = 10;
      for (const c of L.cities) per.push({ steps: c.steps, boxes: [{ x0: c.x - dot, y0: c.y - dot, x1: c.x + dot, y1: c.y + dot }] });
      for (const e of L.placeEvents) per.push({ steps: e.steps, boxes: [{ x0: e.x - dot, y0: e.y - dot, x1: e.x + dot, y1: e.y + dot }] });
      for (const c of L.claims) {
        const xs = [c.start[0], c.end[0], c.control[0]];
        const ys = [c.start[1], c.end[1], c.control[1]];
        per.push({ steps: [...c.steps, ...c.denialSteps], boxes: [{ x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) }] });
      }
      break;
    }
  }
  const windows = Array.from({ length: n }, (_, i) =>
    union(
      per.filter((p) => p.steps.includes(i)).flatMap((p) => p.boxes),
      width,
      height,
    ),
  );
  return { width, height, windows };
}
