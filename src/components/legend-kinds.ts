/**
 * The kinds of mark a lanes chart's key lists (Legend.astro): those the chart draws, in a fixed order. A solid bar is
 * "known to the day" only when nothing else (a report, a claim, uncertainty) changes how it is drawn.
 */
import type { PlacedMark } from '../charts/lanes/layout.ts';

export type KeyKind = 'day' | 'minute' | 'report' | 'month' | 'claim' | 'uncertain' | 'cluster';
export type KeyMark = Pick<PlacedMark, 'shape' | 'claimed' | 'uncertain' | 'report'>;

const DRAWS: readonly (readonly [KeyKind, (m: KeyMark) => boolean])[] = [
  ['day', (m) => m.shape === 'day' && !m.report && !m.claimed && !m.uncertain],
  ['minute', (m) => m.shape === 'point'],
  ['report', (m) => !!m.report],
  ['month', (m) => m.shape === 'open'],
  ['claim', (m) => m.claimed],
  ['uncertain', (m) => m.uncertain],
  ['cluster', (m) => m.shape === 'cluster'],
];

export function keyKinds(marks: readonly KeyMark[]): KeyKind[] {
  return DRAWS.filter(([, drawn]) => marks.some(drawn)).map(([kind]) => kind);
}
