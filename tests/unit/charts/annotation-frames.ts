/**
 * The frame each chart function hands to the annotation mark, from its own layout, at a page layout's width and font
 * size (src/components/layouts.ts): what the annotation tests place notes into.
 */
import { timelineAnnotationFrame, layoutTimeline } from '../../../src/charts/timeline.ts';
import { flowAnnotationFrame, layoutFlow } from '../../../src/charts/flow.ts';
import { lanesAnnotationFrame, layoutLanes } from '../../../src/charts/lanes.ts';
import { matrixAnnotationFrame, layoutMatrix } from '../../../src/charts/matrix.ts';
import { mapAnnotationFrame, layoutRegionMap } from '../../../src/charts/regionMap.ts';
import type { AnnotationFrame } from '../../../src/charts/marks/annotation.ts';
import type { ChartInput } from '../../../src/charts/types.ts';

// The layouts take each kind's typed input; the fixture's inputs are typed as the union.
// biome-ignore lint/suspicious/noExplicitAny: the kind is switched on below
type AnyInput = any;

export function frameAt(inp: ChartInput, layout: { width: number; fontSize?: number }): AnnotationFrame {
  const input: AnyInput = inp;
  const o = { width: layout.width, ...(layout.fontSize ? { fontSize: layout.fontSize } : {}), idPrefix: 't' };
  switch (input.chart.kind) {
    case 'timeline':
      return timelineAnnotationFrame(input, layoutTimeline(input, o), 't');
    case 'flow':
      return flowAnnotationFrame(input, layoutFlow(input, o), 't');
    case 'lanes':
      return lanesAnnotationFrame(input, layoutLanes(input, o), 't');
    case 'matrix':
      return matrixAnnotationFrame(input, layoutMatrix(input, o), 't');
    case 'map':
      return mapAnnotationFrame(input, layoutRegionMap(input, o), 't');
  }
  throw new Error(`no frame for kind ${input.chart.kind}`);
}
