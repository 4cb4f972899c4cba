/** The chart functions, by the `kind` a chart declares in content/data/charts/<id>.json. */
import type { ChartFunction } from './types.ts';
import type { chartKinds } from '../schemas.ts';
import { flow } from './flow.ts';
import { lanes } from './lanes.ts';
import { matrix } from './matrix.ts';
import { regionMap } from './regionMap.ts';
import { timeline } from './timeline.ts';

export const chartFunctions: Record<(typeof chartKinds)[number], ChartFunction> = {
  lanes,
  timeline,
  flow,
  matrix,
  map: regionMap,
};
