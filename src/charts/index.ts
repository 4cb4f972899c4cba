/** The chart functions, by the `kind` a chart declares in content/data/charts/<id>.json. */
import type { ChartFunction } from './types.ts';
import type { chartKinds } from '../schemas.ts';
import { lanes } from './lanes.ts';
import { regionMap } from './regionMap.ts';

/** Kinds whose function is not written yet fail loudly when a chart asks for them. */
const missing = (kind: string): ChartFunction => () => {
  throw new Error(`chart kind "${kind}" has no function in src/charts/ yet`);
};

/** True when the kind's function exists (routes that list every chart skip the others). */
export function isDrawable(kind: (typeof chartKinds)[number]): boolean {
  return !notYet.has(kind);
}
const notYet = new Set<string>(['timeline', 'flow', 'matrix']);

export const chartFunctions: Record<(typeof chartKinds)[number], ChartFunction> = {
  lanes,
  timeline: missing('timeline'),
  flow: missing('flow'),
  matrix: missing('matrix'),
  map: regionMap,
};
