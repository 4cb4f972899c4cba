/** What the flow reads and lays out: its input and options, its stages, nodes and layout. */
import type { ChartOf, StoryEvent } from '../../schemas.ts';
import type { ChartInput, ChartOptions } from '../types.ts';
import type { Box, PlacedLegendItem } from '../shared.ts';

/** What flow() reads of the chart input. */
export type FlowData = Pick<ChartInput<'flow'>, 'chart' | 'events' | 'text' | 'sources'>;

/** width: px, default 760 (below 560 the narrow layout); idPrefix default "flow"; fontSize default 12 (11 narrow). */
export type FlowOptions = ChartOptions;

export interface FlowStage {
  /** 1-based position in the chart's `stages`. */
  n: number;
  name: string;
  ids: string[];
  unknown?: string;
}

/** The stages the chart definition declares, numbered from 1. */
export function flowStages(chart: Pick<ChartOf<'flow'>, 'id' | 'stages' | 'events'>): FlowStage[] {
  const stages: FlowStage[] = chart.stages.map((s, i) => ({
    n: i + 1,
    name: s.title,
    ids: [...s.events],
    unknown: s.unknown,
  }));
  const staged = new Map<string, number>();
  for (const id of stages.flatMap((s) => s.ids)) staged.set(id, (staged.get(id) ?? 0) + 1);
  for (const id of chart.events) {
    const count = staged.get(id) ?? 0;
    if (count !== 1)
      throw new Error(
        `flow: event "${id}" of chart "${chart.id}" is in ${count} stages; list it in exactly one stage's "events"`,
      );
  }
  const listed = new Set(chart.events);
  for (const id of staged.keys())
    if (!listed.has(id))
      throw new Error(`flow: stage of chart "${chart.id}" lists "${id}", which is not in its "events"`);
  return stages;
}

export type FlowLineKind = 'label' | 'date' | 'figure' | 'source' | 'unknown';

export interface FlowNode extends Box {
  id: string;
  stage: number;
  /** null for a cluster whose events are in more than one lane. */
  lane: StoryEvent['lane'] | null;
  /** For a cluster: the ids of the events it counts, and its description. */
  members?: string[];
  title?: string;
  claimed: boolean;
  uncertain: boolean;
  /** Text lines with their baselines; x is the node's text start. */
  lines: { text: string; kind: FlowLineKind; y: number; size: number }[];
  tx: number;
  steps: number[];
}

export interface FlowLayout {
  width: number;
  height: number;
  narrow: boolean;
  fontSize: number;
  legend: PlacedLegendItem[];
  headers: { stage: number; lines: string[]; x: number; y: number; box: Box }[];
  nodes: FlowNode[];
  /** Link paths (d attributes); `arrow` ends in an arrowhead. */
  links: { d: string; arrow: boolean; from: number; to: number }[];
}
