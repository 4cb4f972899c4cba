/** The chart functions, by the `kind` a chart declares in content/data/charts.json. */
import { lanes } from './lanes.ts';

export const chartFunctions = { lanes } as const;
