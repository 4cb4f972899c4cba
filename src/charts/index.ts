/** The chart functions, by the `kind` a chart declares in content/data/charts/<id>.json. */
import type { Chart } from '../schemas.ts';
import type { ChartFunction, ChartInput, ChartOptions, Drawing } from './types.ts';
import { flow } from './flow.ts';
import { lanes } from './lanes.ts';
import { matrix } from './matrix.ts';
import { regionMap } from './regionMap.ts';
import { timeline } from './timeline.ts';

/** Draws any chart with the function of its kind (the chart's type narrows with its `kind`). */
export function drawChart(input: ChartInput, options?: ChartOptions): Drawing {
  const { chart } = input;
  switch (chart.kind) {
    case 'lanes':
      return lanes({ ...input, chart }, options);
    case 'timeline':
      return timeline({ ...input, chart }, options);
    case 'flow':
      return flow({ ...input, chart }, options);
    case 'matrix':
      return matrix({ ...input, chart }, options);
    case 'map':
      return regionMap({ ...input, chart }, options);
  }
}

const ofKind =
  (kind: Chart['kind']): ChartFunction =>
  (input, options) => {
    if (input.chart.kind !== kind) throw new Error(`chart "${input.chart.id}" is a ${input.chart.kind}, not a ${kind}`);
    return drawChart(input, options);
  };

export const chartFunctions: Record<Chart['kind'], ChartFunction> = {
  lanes: ofKind('lanes'),
  timeline: ofKind('timeline'),
  flow: ofKind('flow'),
  matrix: ofKind('matrix'),
  map: ofKind('map'),
};
