/** A lanes mark for unit tests: a plain bar in the official lane, with whatever the test sets. */
import type { PlacedMark } from '../../../src/charts/lanes/layout.ts';

export function placedMark(over: Partial<PlacedMark> = {}): PlacedMark {
  return {
    id: 'e',
    lane: 'official',
    shape: 'day',
    claimed: false,
    uncertain: false,
    x0: 0,
    x1: 10,
    y: 0,
    label: '',
    lx: 0,
    ly: 0,
    anchor: 'start',
    labelBox: [0, 0],
    steps: [],
    ...over,
  };
}
